"""The filters templates may use besides Jinja's own (docs/templates.md lists them): Vietnamese
numbers, percentages and dates, Roman numerals, qualifiers, CSS font lists, kept spaces. HTML and
Word templates get the same ones.
"""
from __future__ import annotations

import functools
from datetime import date
from typing import Any, Callable

import jinja2
from markupsafe import Markup, escape

from reportgen.vietnamese import formatting

__all__ = ["FILTERS", "css_fonts", "keep_spaces"]


def css_fonts(names: Any) -> str:
    """CSS font-family list: quoted family names, generic families bare."""
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    items = [names] if isinstance(names, str) else list(names)
    return ", ".join(n if n in generic else '"' + n.replace('"', "") + '"' for n in items)


def keep_spaces(text: Any) -> Markup:
    """Escape text and keep runs of spaces (blank digits in "Số     -BC/HU") as no-break spaces."""
    escaped = str(escape(str(text)))
    out, run = [], 0
    for char in escaped + "\0":
        if char == " ":
            run += 1
            continue
        if run:
            out.append(" " if run == 1 else "\u00a0" * run)
            run = 0
        out.append(char)
    return Markup("".join(out[:-1]))


def _as_date(value: Any) -> date | None:
    """A date, or an ISO date text as contexts carry them ("2024-12-15")."""
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return value  # type: ignore[no-any-return]


def _defined(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that treats an undefined argument as the undefined it is: strict rendering fails
    there, naming the variable, instead of failing inside the filter."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, jinja2.Undefined):
                value._fail_with_undefined_error()
                return value
        return function(*args, **kwargs)
    return wrapper


#: The filters templates may use besides Jinja's built-in ones (docs/templates.md lists them).
FILTERS: dict[str, Callable[..., Any]] = {name: _defined(f) for name, f in {
    "number": formatting.format_number,
    "percent": formatting.format_percent,
    "date_long": lambda value: formatting.format_date(_as_date(value)),
    "date_short": lambda value: formatting.format_date_short(_as_date(value)),
    "roman": formatting.roman,
    "quantity": formatting.format_quantity,
    "qualifier": formatting.qualifier_word,
    "css_fonts": css_fonts,
    "keep_spaces": keep_spaces,
}.items()}
