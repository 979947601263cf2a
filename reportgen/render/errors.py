"""Template problems as one line each: `file:line: problem (hint: ...)`.

Jinja reports errors in many shapes; `describe()` turns any of them into a `Problem` naming the
template file and line (found in the traceback Jinja rewrites to template lines) with a hint:
the nearest known variable or filter name, or what the sandbox forbids.
"""
from __future__ import annotations

import difflib
import re
import traceback
from types import FrameType, TracebackType
from typing import Any, Iterable, Mapping

import jinja2
from jinja2.sandbox import SecurityError

from reportgen.errors import Problem, RenderError, UndefinedVariable, UnsafeTemplate, display_path
from reportgen.i18n import N_, _

__all__ = ["describe", "to_render_error", "traceback_location", "frame_location", "context_names",
           "CONTEXT_HINT"]

#: Where a template author finds the variables.
CONTEXT_HINT = N_("`reportgen templates context {kind}` lists the variables")

_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined")
_NO_ATTR = re.compile(r"has no (?:attribute|element) '?(?P<name>[^']+)'?")
_NO_FILTER = re.compile(r"No (?P<what>filter|test) named '(?P<name>[^']+)'")


def traceback_location(tb: TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost template file and line of a traceback Jinja has rewritten."""
    found: tuple[str | None, int | None] = (None, None)
    for frame, lineno in traceback.walk_tb(tb):
        if "__jinja_exception__" in frame.f_globals:  # a frame Jinja rewrote to a template line
            found = (frame.f_code.co_filename, lineno)
        elif "__jinja_template__" in frame.f_globals:  # a live template frame (not rewritten)
            template = frame.f_globals["__jinja_template__"]
            found = (template.filename or template.name, template.get_corresponding_lineno(lineno))
    return found


def frame_location(frame: FrameType | None) -> tuple[str | None, int | None]:
    """The template file and line of the innermost running template frame (for live checks)."""
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return (template.filename or template.name,
                    template.get_corresponding_lineno(frame.f_lineno))
        frame = frame.f_back
    return (None, None)


def context_names(context: Mapping[str, Any], depth: int = 4) -> set[str]:
    """Every key of a context, at every level (for "did you mean" hints)."""
    names: set[str] = set()

    def walk(value: Any, level: int) -> None:
        if level > depth:
            return
        if isinstance(value, Mapping):
            for key, item in value.items():
                names.add(str(key))
                walk(item, level + 1)
        elif isinstance(value, (list, tuple)):
            for item in value[:3]:
                walk(item, level + 1)

    walk(context, 0)
    return names


def _suggest(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=2, cutoff=0.6)
    return _(" or ").join(f"'{c}'" for c in close)


def _did_you_mean(close: str) -> str:
    return _("did you mean {name}? ").format(name=close) if close else ""


def syntax_error(message: str) -> str:
    """The problem line of a template syntax error."""
    return _("syntax error: {message}").format(message=message)


def describe(exc: BaseException, names: Iterable[str] = (), filters: Iterable[str] = (),
             tests: Iterable[str] = (), kind: str = "KIND",
             where: tuple[str | None, int | None] | None = None) -> Problem:
    """A `Problem` for any error raised while loading or rendering a template."""
    if isinstance(exc, RenderError):
        return exc.problem
    message = getattr(exc, "message", None) or str(exc)
    message = " ".join(str(message).split())
    path, line = where or traceback_location(exc.__traceback__)
    hint = ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path, line = exc.filename or exc.name or path, exc.lineno
        match = _NO_FILTER.search(message)
        if match:
            pool = filters if match.group("what") == "filter" else tests
            close = _suggest(match.group("name"), pool)
            if match.group("what") == "filter":
                message = _("unknown filter '{name}'").format(name=match.group("name"))
                hint = _did_you_mean(close) + _("the filters are listed in docs/templates.md")
            else:
                message = _("unknown test '{name}'").format(name=match.group("name"))
                hint = _did_you_mean(close) + _("the tests are listed in docs/templates.md")
        else:
            message = syntax_error(message)
            hint = _("every {% if %}, {% for %}, {% block %} needs its {% endif %}, {% endfor %}, "
                     "{% endblock %}; {{ }} holds one expression")
    elif isinstance(exc, jinja2.TemplateNotFound):
        message = _("template {name!r} not found").format(name=exc.name)
        hint = _("templates are searched in the --templates folders, then the built-in ones; "
                 "'!default/NAME' is the built-in NAME")
    elif isinstance(exc, jinja2.UndefinedError):
        match = _UNDEFINED.match(message) or _NO_ATTR.search(message)
        close = _suggest(match.group("name"), names) if match else ""
        hint = _did_you_mean(close) + _(CONTEXT_HINT).format(kind=kind)
    elif isinstance(exc, SecurityError):
        hint = _("templates run in a sandbox: names starting with '_' and Python internals are not available")
    else:
        message = f"{type(exc).__name__}: {message}"
    return Problem(display_path(path), line, message, hint)


def to_render_error(exc: BaseException, names: Iterable[str] = (), filters: Iterable[str] = (),
                    tests: Iterable[str] = (), kind: str = "KIND") -> RenderError:
    """The one-line `RenderError` (of the matching Jinja type) for a template error."""
    if isinstance(exc, RenderError):
        return exc
    problem = describe(exc, names, filters, tests, kind)
    if isinstance(exc, jinja2.UndefinedError):
        return UndefinedVariable(problem)
    if isinstance(exc, SecurityError):
        return UnsafeTemplate(problem)
    return RenderError(problem)
