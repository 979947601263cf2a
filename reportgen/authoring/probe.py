"""What `reportgen templates check` reads off a template before and while rendering it.

`static_problems` and `undeclared_problems` read a parsed template: unknown filters and tests,
names its context does not have. `RecordingUndefined` records each use of an undefined value
(with the template file and line) instead of stopping at the first, inside `recording()`, so one
render reports them all. HTML templates (`authoring.check`) and Word templates
(`authoring.wordcheck`) are checked with these.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Iterator

import jinja2
from jinja2 import meta, nodes

from reportgen.contexts.common import RENDER_FIELDS
from reportgen.errors import Problem
from reportgen.render.errors import describe, frame_location

__all__ = ["RecordingUndefined", "recording", "static_problems", "undeclared_problems"]

_SINK: ContextVar[list[tuple[BaseException, str | None, int | None]] | None] = \
    ContextVar("reportgen_undefined_sink", default=None)
_SPECIAL = {"loop", "super", "self", "caller", "varargs", "kwargs"}


def _note(undefined: jinja2.Undefined) -> None:
    """Record a use of an undefined value where the template uses it (or fail, outside a check)."""
    sink = _SINK.get()
    exc = undefined._undefined_exception(undefined._undefined_message)
    path, line = frame_location(sys._getframe(1))
    # Outside a check, or while Jinja folds constants at compile time (no template frame yet:
    # it then leaves the expression to run time), fail as strict rendering does.
    if sink is None or path is None:
        raise exc
    sink.append((exc, path, line))


@contextmanager
def recording() -> Iterator[list[tuple[BaseException, str | None, int | None]]]:
    """While it lasts, each use of a `RecordingUndefined` is recorded in the list it gives."""
    sink: list[tuple[BaseException, str | None, int | None]] = []
    token = _SINK.set(sink)
    try:
        yield sink
    finally:
        _SINK.reset(token)


class RecordingUndefined(jinja2.Undefined):
    """Undefined that records every use strict rendering would refuse, then carries on empty."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        _note(self)
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _fail_with_undefined_error
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _fail_with_undefined_error
    __mod__ = __rmod__ = __pos__ = __neg__ = __pow__ = __rpow__ = _fail_with_undefined_error
    __call__ = __getitem__ = _fail_with_undefined_error

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__" and name[-2:] == "__":
            raise AttributeError(name)
        _note(self)
        return self

    def __str__(self) -> str:
        _note(self)
        return ""

    def __iter__(self) -> Iterator[Any]:
        _note(self)
        return iter(())

    def __len__(self) -> int:
        _note(self)
        return 0

    def __bool__(self) -> bool:
        _note(self)
        return False

    def __eq__(self, other: object) -> bool:
        _note(self)
        return False

    def __ne__(self, other: object) -> bool:
        _note(self)
        return True

    def __lt__(self, other: object) -> bool:
        _note(self)
        return False

    __le__ = __gt__ = __ge__ = __lt__

    def __contains__(self, item: object) -> bool:
        _note(self)
        return False

    def __int__(self) -> int:
        _note(self)
        return 0

    def __float__(self) -> float:
        _note(self)
        return 0.0

    def __hash__(self) -> int:
        return id(self)



def static_problems(env: jinja2.Environment, ast: nodes.Template, path: Path) -> list[Problem]:
    """Unknown filters and tests, each with its line (compiling stops at the first); each gets
    a stand-in that passes its value through, so the check can go on rendering."""
    out = []
    for node_type, pool, what in ((nodes.Filter, env.filters, "filter"),
                                  (nodes.Test, env.tests, "test")):
        known = set(pool)
        for node in ast.find_all(node_type):
            if node.name not in known:
                error = jinja2.TemplateAssertionError(f"No {what} named '{node.name}'.",
                                                      node.lineno, None, str(path))
                out.append(describe(error, filters=known, tests=known))
                pool[node.name] = _pass_filter if what == "filter" else _false_test
    return out


def _pass_filter(value: Any, *args: Any, **kwargs: Any) -> Any:
    return value


def _false_test(value: Any, *args: Any, **kwargs: Any) -> bool:
    return False


def undeclared_problems(env: jinja2.Environment, ast: nodes.Template, path: Path,
                        names: set[str], kind: str) -> list[Problem]:
    """Top-level names a kind's template reads that its context does not have (also in
    branches the examples do not reach)."""
    known = names | set(RENDER_FIELDS) | set(env.globals) | _SPECIAL
    # Names the template itself defines anywhere (blocks see top-level macros and sets).
    known |= {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    known |= {n.name for n in ast.find_all(nodes.Macro)}
    known |= {str(n.target) for n in ast.find_all((nodes.Import,))}
    out = []
    for name in sorted(meta.find_undeclared_variables(ast) - known):
        line = next((n.lineno for n in ast.find_all(nodes.Name)
                     if n.name == name and n.ctx == "load"), None)
        error = jinja2.UndefinedError(f"'{name}' is undefined")
        out.append(describe(error, names=names, kind=kind, where=(str(path), line)))
    return out
