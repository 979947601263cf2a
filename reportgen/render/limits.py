"""What filling one template may cost: a time limit and a size limit on the HTML it writes.

A template is code a user wrote (`{% for i in range(100000) %}{% for j in range(100000) %}`
never ends in practice): `filled` renders it piece by piece and stops it, as a one-line
`RenderError` naming the template, when it runs past `seconds` or writes more than `max_bytes`.
Time is checked on every piece written, every few thousand steps of a `range` loop and, in a
main thread, by an alarm that interrupts any other long computation. Repetition (`'x' * n`,
`n ** m`) that would build a huge value is refused before it is computed.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Iterator, Mapping

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from reportgen.errors import Problem, RenderError, TimeLimitExceeded, display_path, time_limit
from reportgen.i18n import _
from reportgen.render.errors import traceback_location

__all__ = ["LimitedEnvironment", "filled", "timed_out", "DEFAULT_SECONDS", "DEFAULT_BYTES", "MAX_REPEAT"]

DEFAULT_SECONDS = 60.0
DEFAULT_BYTES = 100 * 1024 * 1024
#: The largest string or list `*` may make, and the largest power `**` may compute (digits).
MAX_REPEAT = 10_000_000
_STEP = 4096  # range items between two looks at the clock

_state = threading.local()


def _check() -> None:
    deadline = getattr(_state, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded(getattr(_state, "seconds", 0.0))


class _Range:
    """`range` for templates: the same values, with the clock looked at as it is walked."""

    def __init__(self, values: range) -> None:
        self.values = values

    def __iter__(self) -> Iterator[int]:
        for i, value in enumerate(self.values):
            if i % _STEP == 0:
                _check()
            yield value

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index: Any) -> Any:
        return self.values[index]

    def __contains__(self, value: object) -> bool:
        return value in self.values

    def __reversed__(self) -> Iterator[int]:
        return iter(_Range(self.values[::-1]))

    def __repr__(self) -> str:
        return repr(self.values)


def _range(*args: int) -> _Range:
    from jinja2.sandbox import safe_range

    return _Range(safe_range(*args))


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with `range` looking at the clock and huge repetitions refused."""

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """`left * right` and `left ** right`, unless the result would be huge."""
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                        and len(seq) * count > MAX_REPEAT:
                    raise SecurityError(_("'*' would make a value of {value} items "
                                        "(at most {MAX_REPEAT})").format(
                                            value=len(seq) * count, MAX_REPEAT=MAX_REPEAT))
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
                and right * max(abs(left).bit_length(), 1) > MAX_REPEAT:
            raise SecurityError(_("'**' would compute a number of about {value} bits").format(
                value=right * abs(left).bit_length()))
        return super().call_binop(context, operator, left, right)


def filled(template: jinja2.Template, context: Mapping[str, Any], seconds: float = DEFAULT_SECONDS,
           max_bytes: int = DEFAULT_BYTES) -> str:
    """The template rendered with `context`, within `seconds` and `max_bytes` (else RenderError)."""
    name = display_path(template.filename or template.name)
    previous = getattr(_state, "deadline", None), getattr(_state, "seconds", None)
    _state.deadline, _state.seconds = time.monotonic() + seconds, seconds
    pieces: list[str] = []
    size = 0
    try:
        with time_limit(seconds):
            for piece in template.generate(**dict(context)):
                pieces.append(piece)
                size += len(piece)
                if size > max_bytes:
                    raise RenderError(Problem(name, None, _("the document is larger than "
                                              "{value} MB (a loop too long?)").format(
                                                  value=max_bytes // 1048576),
                                              _("[limits] document_mb in reportgen.toml raises the limit")))
                _check()
    except TimeLimitExceeded as exc:
        path, line = traceback_location(exc.__traceback__)
        raise RenderError(Problem(display_path(path) if path else name, line,
                                  _("filling the template took longer than {seconds:g} s (a loop too "
                                    "long?)").format(
                                      seconds=seconds),
                                  _("[limits] render_seconds in reportgen.toml raises the limit"))) from None
    finally:
        _state.deadline, _state.seconds = previous
    return "".join(pieces)


def timed_out(message: str) -> bool:
    """Whether a problem's message says a fill ran past its time limit (in the current language)."""
    heads = (_("filling the template took longer than {seconds:g} s (a loop too long?)"),
             _("took longer than {seconds:g} s"))
    return any(head.split("{")[0].strip() and head.split("{")[0].strip() in message for head in heads)
