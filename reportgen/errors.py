"""The errors every stage may raise to a user: one line each, naming the file (and line) at fault.

Templates and their resources are checked in several places (rendering, the PDF writer's
fetcher, `reportgen templates check`), so their problems are defined here, below all of them;
so is the time limit that turns a runaway source or template into one of these lines.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import jinja2
from jinja2.sandbox import SecurityError

from reportgen.i18n import _

__all__ = ["Problem", "RenderError", "UndefinedVariable", "UnsafeTemplate", "UnsafeResource",
           "display_path", "TimeLimitExceeded", "time_limit"]


@dataclass(frozen=True)
class Problem:
    """One problem of a template: where it is, what it is, and a hint to fix it."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        """`file:line`, or the file alone."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" + (_(" (hint: {hint})").format(hint=self.hint) if self.hint else "")


class RenderError(ValueError):
    """A template that cannot be rendered; the message is one line naming file:line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UndefinedVariable(RenderError, jinja2.UndefinedError):
    """A template uses a variable or attribute its context does not have."""


class UnsafeTemplate(RenderError, SecurityError):
    """A template tried what the sandbox forbids (Python internals, unsafe calls)."""


class UnsafeResource(RenderError, SecurityError):
    """A template refers to a file outside the template folders or to the network."""


def display_path(filename: str | os.PathLike[str] | None) -> str:
    """A template file as a user reads it: relative to the working folder when inside it."""
    if not filename:
        return "<template>"
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class TimeLimitExceeded(BaseException):
    """Work that ran past its time limit. A BaseException, so that a broad `except Exception`
    in the code it interrupts cannot swallow it and run on."""

    def __init__(self, seconds: float) -> None:
        super().__init__(_("took longer than {seconds:g} s").format(seconds=seconds))
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block when it runs past `seconds` (an interval timer, so
    in the main thread only; elsewhere, and without a limit, the block runs unbounded)."""
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    start = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    outer, _unused = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # an enclosing limit goes on with what it has left (at least a moment)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 0.001))
