"""The worker pool of the batch: order, recycling by calls and by memory, a dying worker."""
from __future__ import annotations

import os
from pathlib import Path
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool

import pytest

from reportgen.build.workers import WorkerPool, WorkerTimeout


def test_workers_are_recycled_after_a_number_of_calls_without_wedging() -> None:
    # Far more calls than slots × limit: ProcessPoolExecutor(max_tasks_per_child) hangs here on
    # Python < 3.13 (CPython gh-115634).
    with WorkerPool(2, recycle_after=3) as pool:
        futures = [pool.submit(os.getpid) for _ in range(20)]
        pids = [f.result(timeout=120) for f in futures]
    assert os.getpid() not in pids
    assert len(set(pids)) >= 7  # at most 3 calls per process
    assert max(pids.count(p) for p in set(pids)) <= 3
    assert pool.replaced >= 6


def test_a_worker_above_the_memory_limit_is_replaced() -> None:
    with WorkerPool(1, max_rss_mb=0.0) as pool:
        pids = [pool.submit(os.getpid).result(timeout=120) for _ in range(3)]
    assert len(set(pids)) == 3


def test_long_lived_workers_keep_their_process() -> None:
    with WorkerPool(1) as pool:
        pids = {pool.submit(os.getpid).result(timeout=120) for _ in range(5)}
    assert len(pids) == 1


def test_a_dead_worker_fails_its_call_only() -> None:
    with WorkerPool(1) as pool:
        dying = pool.submit(os._exit, 3)
        after = [pool.submit(os.getpid) for _ in range(2)]
        with pytest.raises(BrokenProcessPool):
            dying.result(timeout=120)
        assert all(f.result(timeout=120) for f in as_completed(after))


def test_calls_run_in_submission_order_and_cancel_drops_the_queue() -> None:
    pool = WorkerPool(1)
    try:
        futures = [pool.submit(pow, 2, i) for i in range(6)]
        assert [f.result(timeout=120) for f in futures] == [2 ** i for i in range(6)]
    finally:
        pool.close()
    pool = WorkerPool(1)
    import time

    first = pool.submit(time.sleep, 30.0)
    queued = [pool.submit(os.getpid) for _ in range(3)]
    deadline = time.monotonic() + 60
    while not first.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    start = time.monotonic()
    pool.close(cancel=True)  # a stopped build does not wait for the running call: it is killed
    assert time.monotonic() - start < 10
    with pytest.raises(BrokenProcessPool):
        first.result(timeout=5)
    with pytest.raises(RuntimeError, match="đã bị dừng"):
        queued[-1].result(timeout=5)


def _stuck() -> None:
    """A call no alarm interrupts: SIGALRM blocked, then a long sleep."""
    import signal
    import time

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(600)


def test_a_call_past_its_timeout_has_its_worker_killed_and_the_pool_goes_on() -> None:
    import time

    with WorkerPool(1) as pool:
        before = pool.submit(os.getpid).result(timeout=120)
        start = time.monotonic()
        with pytest.raises(WorkerTimeout, match="đã dừng sau 2 giây"):
            pool.submit(_stuck, timeout=2).result(timeout=120)
        assert time.monotonic() - start < 30
        after = pool.submit(os.getpid).result(timeout=120)
        assert after != before and not _alive(before)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()


def test_a_tainted_process_is_replaced_before_ordinary_work() -> None:
    with WorkerPool(1) as pool:
        side = [pool.submit(os.getpid, taint=True).result(timeout=120) for _ in range(3)]
        assert len(set(side)) == 1  # tainting calls share their process
        first = pool.submit(os.getpid).result(timeout=120)
        assert first not in side
        assert pool.submit(os.getpid).result(timeout=120) == first
        pool.submit(os.getpid, taint=True).result(timeout=120)
        pool.refresh()
        after = pool.submit(os.getpid).result(timeout=120)
    assert after != first and pool.replaced == 2
