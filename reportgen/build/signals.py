"""Signals that stop a build: SIGTERM (and SIGHUP) become `Stopped`, as Ctrl-C becomes
KeyboardInterrupt, so the build unwinds the same way: workers killed, temporary files removed,
the manifest saved with the documents finished so far. The command line then exits 128 + the
signal's number (143 for SIGTERM, 130 for Ctrl-C) with one line.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

__all__ = ["Stopped", "stopping_on_signals", "exit_status"]

_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


class Stopped(BaseException):
    """The build was asked to stop by a signal (a BaseException: nothing may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(err: BaseException) -> int:
    """The exit status of a stopped build: 128 + the signal's number."""
    if isinstance(err, Stopped):
        return 128 + err.signum
    return 128 + signal.SIGINT


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `Stopped` in the main thread (elsewhere: no change)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        for s in _SIGNALS:  # a second signal must not interrupt the clean-up
            signal.signal(s, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
