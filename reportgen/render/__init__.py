"""Render a document job to HTML + CSS with Jinja2: the one source both writers work from.

Templates are looked up in `config.template_dirs` first, then in the built-in folder; the prefix
"!default/" always reaches the built-in original, so a user template can extend it:
`{% extends "!default/tom-tat.html.j2" %}`. Templates run in Jinja's sandbox with strict
undefined handling; any template error becomes a one-line `RenderError` naming file:line.
HTML templates are autoescaped; CSS templates (`*.css`) are not, so quotes in font names
survive when `official.css` is included in <style>.
"""
from __future__ import annotations

import functools
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2
from markupsafe import Markup, escape

from reportgen.config import Config
from reportgen.errors import Problem, RenderError, UnsafeResource
from reportgen.model import DocumentJob, Rendered
from reportgen.render.errors import context_names, to_render_error
from reportgen.render.limits import DEFAULT_BYTES, DEFAULT_SECONDS, LimitedEnvironment, filled
from reportgen.render.resources import resource_problems
from reportgen.templating.folders import DEFAULT_PREFIX, SUFFIX, builtin_templates, search_path
from reportgen.templating.sandbox import ConfinedLoader, safe_links
from reportgen.vietnamese import formatting

__all__ = ["Rendered", "render", "environment", "builtin_templates", "DEFAULT_PREFIX",
           "css_fonts", "FILTERS", "RenderError", "Problem", "resource_roots", "render_html",
           "template_context", "make_environment"]


def _autoescape(name: str | None) -> bool:
    # Only HTML is escaped: CSS and other text templates are emitted as written.
    return bool(name) and any(ext in name for ext in (".html", ".htm", ".xml"))  # type: ignore[operator]


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


def make_environment(template_dirs: tuple[str, ...],
                     undefined: type[jinja2.Undefined] = jinja2.StrictUndefined
                     ) -> LimitedEnvironment:
    """A new sandboxed environment over template folders (then the built-in ones); templates
    load only files whose real path is inside those folders."""
    builtin = str(builtin_templates())
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({DEFAULT_PREFIX: ConfinedLoader(builtin)}, delimiter="/"),
        ConfinedLoader([*template_dirs, builtin]),
    ])
    env = LimitedEnvironment(loader=loader, autoescape=_autoescape, undefined=undefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


_environment = lru_cache(maxsize=16)(make_environment)


def environment(config: Config,
                undefined: type[jinja2.Undefined] = jinja2.StrictUndefined) -> LimitedEnvironment:
    """The sandboxed Jinja environment for the config's template folders (cached per folder
    list); `undefined` is strict except for `reportgen templates check`."""
    # Absolute folders: a cached environment stays right when the working folder changes.
    return _environment(tuple(str(Path(d).resolve()) for d in config.template_dirs), undefined)


def resource_roots(config: Config) -> tuple[Path, ...]:
    """The folders a document may load files from: the template folders, resolved."""
    return tuple(p.resolve() for p in search_path(config))


def render_html(env: jinja2.Environment, name: str, context: Mapping[str, Any], kind: str,
                seconds: float = DEFAULT_SECONDS, max_bytes: int = DEFAULT_BYTES) -> tuple[str, jinja2.Template]:
    """Render one template with a context (plus nothing else) within `seconds` and `max_bytes`;
    template errors become one-line `RenderError`s naming the template file and line."""
    try:
        template = env.get_template(name)
        return unicodedata.normalize("NFC", filled(template, context, seconds, max_bytes)), template
    except RenderError:
        raise
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise ValueError(f"no template {name!r} for document kind {kind!r}") from None
        raise to_render_error(exc, kind=kind) from None
    except Exception as exc:  # noqa: BLE001 - every template failure is reported the same way
        raise to_render_error(exc, context_names(context), env.filters, env.tests,
                              kind) from None


def template_context(job: DocumentJob, config: Config) -> dict[str, Any]:
    """Every variable a template gets: the job's context (its charts drawn), `layout` and `job_slug`."""
    from reportgen.render.charts import drawn

    context = {**dict(job.context), "layout": config.layout.as_dict(), "job_slug": job.slug}
    if isinstance(context.get("charts"), (list, tuple)):
        context["charts"] = drawn(context["charts"])
    return context


def render(job: DocumentJob, config: Config,
           env: jinja2.Environment | None = None) -> Rendered:
    """Render `<kind>.html.j2` with the job's context; the HTML is NFC-normalised.

    The header values (issuing body, number, place, date) are already in the context, filled
    by `plan()`; `config` gives the template folders and the layout of the CSS and the DOCX.
    A document that refers to anything but template files and data: URIs is refused.
    """
    env = env or environment(config)
    name = f"{job.kind}{SUFFIX}"
    context = template_context(job, config)
    layout = context["layout"]
    html, template = render_html(env, name, context, job.kind, config.limits.render_seconds,
                                 config.limits.document_bytes)
    folder = Path(template.filename).parent if template.filename else builtin_templates()
    base_url = folder.resolve().as_uri() + "/"
    roots = resource_roots(config)
    problems = resource_problems(html, base_url, roots, name, search_path(config))
    if problems:
        raise UnsafeResource(problems[0])
    html = safe_links(html)  # no javascript: or file: link in an official document
    doc = job.context.get("doc", {})
    metadata = {
        "title": job.title,
        "author": str(doc.get("author", "")),
        "subject": str(job.context.get("subject", job.title)),
        "keywords": f"reportgen, {job.kind}",
        "language": "vi-VN",
        "created": str(doc.get("date", "")),
        "slug": job.slug,
    }
    return Rendered(kind=job.kind, title=job.title, html=html, base_url=base_url,
                    metadata=metadata, layout=layout, template=name,
                    resource_roots=tuple(str(r) for r in roots))
