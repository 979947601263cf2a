"""Long-lived worker processes for the batch: spawned once, warmed once, replaced when they grow.

`concurrent.futures.ProcessPoolExecutor(max_tasks_per_child=...)` would recycle workers, but on
Python < 3.13 it deadlocks when a worker retires while work is queued (CPython gh-115634). So each
worker slot here is a single-process executor driven by a thread: it runs one call at a time from
a shared queue (first in, first out: the caller submits the largest documents first) and replaces
its process after `recycle_after` calls, when the process's memory after a call exceeds
`max_rss_mb`, or when the process died (that call fails, the next one gets a fresh process).

A call submitted with `taint=True` (extracting sources, drawing charts: work that loads large
modules and data a document worker does not need) marks its process; a marked process is replaced
before it runs an ordinary call, or at once on `refresh()`.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

__all__ = ["WorkerPool", "rss_mb"]

#: Calls a worker process runs before it is replaced (its memory is flat; this bounds the rest).
RECYCLE_AFTER = 500
#: Resident memory (MB) above which a worker is replaced after its call: a large document leaves
#: WeasyPrint's caches and the allocator's arenas behind.
MAX_RSS_MB = 250.0

_Item = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], bool]
#: Queue item asking a slot to replace its process now if it ran a tainting call.
_REFRESH: Any = object()


def rss_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1000
    except OSError:
        pass
    return 0.0


def _measured(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, float]:
    """Run `fn(*args)` in the worker and report the worker's memory afterwards."""
    return fn(*args), rss_mb()


def _ready() -> None:
    """Nothing: submitted once so that a slot's process starts (and warms up) at once."""


class WorkerPool:
    """`jobs` worker slots running submitted calls in submission order; see the module docstring."""

    def __init__(self, jobs: int, initializer: Callable[[], None] | None = None, *,
                 recycle_after: int = RECYCLE_AFTER, max_rss_mb: float = MAX_RSS_MB) -> None:
        self.jobs, self.initializer = jobs, initializer
        self.recycle_after, self.max_rss_mb = recycle_after, max_rss_mb
        self.replaced = 0  # processes replaced (for tests and benchmarks)
        self._closing = threading.Event()
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._context = multiprocessing.get_context("spawn")  # no state inherited from the caller
        self._slots = [threading.Thread(target=self._slot, daemon=True, name=f"reportgen-worker-{i}")
                       for i in range(jobs)]
        for slot in self._slots:
            slot.start()

    def _process(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(1, mp_context=self._context, initializer=self.initializer)
        executor.submit(_ready)  # start the process now, not at the first document
        return executor

    def _slot(self) -> None:
        try:
            self._serve()
        except BaseException as err:  # noqa: BLE001 - never leave a caller waiting on a dead slot
            self._fail_queued(err)
            raise

    def _fail_queued(self, err: BaseException) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None and item is not _REFRESH:
                item[0].set_exception(err)

    def _serve(self) -> None:
        executor = self._process()
        calls, dirty = 0, False

        def replace() -> None:
            nonlocal executor, calls, dirty
            if self._closing.is_set():  # after Ctrl-C, no new process
                return
            executor.shutdown(wait=False)
            executor, calls, dirty = self._process(), 0, False
            self.replaced += 1

        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if item is _REFRESH:
                    if dirty:
                        replace()
                    continue
                outer, fn, args, taint = item
                if not outer.set_running_or_notify_cancel():
                    continue
                if dirty and not taint:
                    replace()
                again = False
                try:
                    result, memory = executor.submit(_measured, fn, args).result()
                    outer.set_result(result)
                    calls += 1
                    dirty = dirty or taint
                    again = calls >= self.recycle_after or memory > self.max_rss_mb
                except BaseException as err:  # noqa: BLE001 - handed to the caller, as a pool does
                    outer.set_exception(err)
                    again = isinstance(err, BrokenProcessPool)  # the process died
                if again:
                    replace()
        finally:
            executor.shutdown(wait=True)

    def submit(self, fn: Callable[..., Any], *args: Any, taint: bool = False) -> Future[Any]:
        """Queue a call of a picklable module-level function; its future resolves when it has run."""
        future: Future[Any] = Future()
        self._queue.put((future, fn, args, taint))
        return future

    def refresh(self) -> None:
        """Replace now (in the background) the processes that ran a tainting call."""
        for _ in self._slots:
            self._queue.put(_REFRESH)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers once the queued calls are done (`cancel`: drop the queued calls)."""
        if cancel:
            self._closing.set()
            self._fail_queued(RuntimeError("the build was stopped"))
        for _ in self._slots:
            self._queue.put(None)
        for slot in self._slots:
            slot.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close(cancel=exc_type is not None)
