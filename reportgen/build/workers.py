"""Long-lived worker processes for the batch: spawned once, warmed once, replaced when they grow.

`concurrent.futures.ProcessPoolExecutor(max_tasks_per_child=...)` would recycle workers, but on
Python < 3.13 it deadlocks when a worker retires while work is queued (CPython gh-115634). So each
worker slot here is a single-process executor driven by a thread: it runs one call at a time from
a shared queue (first in, first out: the caller submits the largest documents first) and replaces
its process after `recycle_after` calls, when the process's memory after a call exceeds
`max_rss_mb`, or when the process died (that call fails, the next one gets a fresh process).

A call submitted with `taint=True` (extracting sources, drawing charts: work that loads large
modules and data a document worker does not need) marks its process; a marked process is replaced
before it runs an ordinary call, or at once on `refresh()`. A call submitted with `timeout` that
runs past it has its process killed (the call fails with `WorkerTimeout`, the next gets a fresh
process).

Workers never outlive the build: `close(cancel=True)` (Ctrl-C, SIGTERM) kills them at once, and
each worker watches its parent and exits when the parent is gone (even after kill -9), so no
worker, and then no multiprocessing resource tracker, stays behind. Workers ignore SIGINT: the
main process stops them.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Callable

from reportgen import i18n
from reportgen.i18n import _

__all__ = ["WorkerPool", "WorkerTimeout", "rss_mb"]

#: Calls a worker process runs before it is replaced (its memory is flat; this bounds the rest).
RECYCLE_AFTER = 500
#: Resident memory (MB) above which a worker is replaced after its call: a large document leaves
#: WeasyPrint's caches and the allocator's arenas behind.
MAX_RSS_MB = 250.0

_Item = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], bool, "float | None"]
#: Seconds between two looks of a worker at its parent.
WATCH_INTERVAL = 0.5


class WorkerTimeout(RuntimeError):
    """A call that ran past its timeout: its worker process was killed."""


def _watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the process that started it is gone."""
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent:
            os._exit(1)


def _worker_start(parent: int, initializer: Callable[[], None] | None, lang: str | None = None) -> None:
    """In a worker, first: ignore Ctrl-C (the main process stops the workers), die with the parent,
    speak the parent's language (a spawned process starts from the environment, not from --lang)."""
    i18n.set_language(lang)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:  # the kernel kills this process when the thread that started it ends (kill -9 included)
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died while this process started
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="reportgen-parent-watch").start()
    if initializer is not None:
        initializer()


def _kill(executor: ProcessPoolExecutor) -> None:
    """Kill the process of a one-process executor now (a stuck call, or a stopped build)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
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
        self._parent = os.getpid()
        self._lang = i18n.language()  # the workers' messages: in the language of the build that started them
        self._executors: dict[int, ProcessPoolExecutor] = {}  # each slot's current process
        self._closing = threading.Event()
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._context = multiprocessing.get_context("spawn")  # no state inherited from the caller
        self._slots = [threading.Thread(target=self._slot, args=(i,), daemon=True, name=f"reportgen-worker-{i}")
                       for i in range(jobs)]
        for slot in self._slots:
            slot.start()

    def _process(self, slot: int) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(1, mp_context=self._context,
                                       initializer=partial(_worker_start, self._parent, self.initializer,
                                                           self._lang))
        executor.submit(_ready)  # start the process now, not at the first document
        self._executors[slot] = executor
        return executor

    def _slot(self, slot: int) -> None:
        try:
            self._serve(slot)
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

    def _serve(self, slot: int) -> None:
        executor = self._process(slot)
        calls, dirty = 0, False

        def replace() -> None:
            nonlocal executor, calls, dirty
            if self._closing.is_set():  # after Ctrl-C, no new process
                return
            executor.shutdown(wait=False)
            executor, calls, dirty = self._process(slot), 0, False
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
                outer, fn, args, taint, timeout = item
                if not outer.set_running_or_notify_cancel():
                    continue
                if dirty and not taint:
                    replace()
                again = False
                try:
                    result, memory = executor.submit(_measured, fn, args).result(timeout)
                    outer.set_result(result)
                    calls += 1
                    dirty = dirty or taint
                    again = calls >= self.recycle_after or memory > self.max_rss_mb
                except FutureTimeout:
                    _kill(executor)  # stuck where no alarm reaches (the call's own limits failed)
                    outer.set_exception(WorkerTimeout(_("stopped after {seconds:g} "
                                                        "s").format(seconds=timeout)))
                    again = True
                except BaseException as err:  # noqa: BLE001 - handed to the caller, as a pool does
                    outer.set_exception(err)
                    again = isinstance(err, BrokenProcessPool)  # the process died
                if again:
                    replace()
        finally:
            executor.shutdown(wait=True)

    def submit(self, fn: Callable[..., Any], *args: Any, taint: bool = False,
               timeout: float | None = None) -> Future[Any]:
        """Queue a call of a picklable module-level function; its future resolves when it has run
        (with WorkerTimeout when it ran past `timeout` seconds and its process was killed)."""
        future: Future[Any] = Future()
        self._queue.put((future, fn, args, taint, timeout))
        return future

    def refresh(self) -> None:
        """Replace now (in the background) the processes that ran a tainting call."""
        for _unused in self._slots:
            self._queue.put(_REFRESH)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers once the queued calls are done (`cancel`: drop the queued calls)."""
        if cancel:
            self._closing.set()
            self._fail_queued(RuntimeError(_("the build was stopped")))
            for executor in list(self._executors.values()):
                _kill(executor)  # a running document is not waited for
        for _unused in self._slots:
            self._queue.put(None)
        for slot in self._slots:
            slot.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close(cancel=exc_type is not None)
