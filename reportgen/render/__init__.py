"""Render a document job to HTML + CSS with Jinja2: the one source both writers work from.

Templates are looked up in `config.template_dirs` first, then in the built-in folder; the prefix
"!default/" always reaches the built-in original, so a user template can extend it:
`{% extends "!default/tom-tat.html.j2" %}`. Templates run in Jinja's sandbox with strict
undefined handling; any template error becomes a one-line `RenderError` naming file:line.
HTML templates are autoescaped; CSS templates (`*.css`) are not, so quotes in font names
survive when `official.css` is included in <style>. A kind with a Word template
(`NAME/template.docx`) is also filled with docxtpl from the same context (`render.word`): its
DOCX comes from there, its PDF from the HTML template beside it, else from that DOCX.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import jinja2

from reportgen.config import Config
from reportgen.errors import Problem, RenderError, UnsafeResource
from reportgen.i18n import _
from reportgen.model import DocumentJob, Rendered
from reportgen.render.errors import context_names, to_render_error
from reportgen.render.filters import FILTERS, css_fonts
from reportgen.render.limits import DEFAULT_BYTES, DEFAULT_SECONDS, LimitedEnvironment, filled
from reportgen.render.resources import resource_problems
from reportgen.templating.folders import (
    DEFAULT_PREFIX,
    SUFFIX,
    builtin_templates,
    find_kind,
    search_path,
)
from reportgen.templating.sandbox import ConfinedLoader, safe_links

__all__ = ["Rendered", "render", "environment", "builtin_templates", "DEFAULT_PREFIX",
           "css_fonts", "FILTERS", "RenderError", "Problem", "resource_roots", "render_html",
           "template_context", "make_environment", "pdf_from_word"]


def _autoescape(name: str | None) -> bool:
    # Only HTML is escaped: CSS and other text templates are emitted as written.
    return bool(name) and any(ext in name for ext in (".html", ".htm", ".xml"))  # type: ignore[operator]


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
            raise ValueError(_("no template {name!r} for document kind {kind!r}").format(
                name=name, kind=kind)) from None
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


def _metadata(job: DocumentJob) -> dict[str, str]:
    doc = job.context.get("doc", {})
    return {
        "title": job.title,
        "author": str(doc.get("author", "")),
        "subject": str(job.context.get("subject", job.title)),
        "keywords": f"reportgen, {job.kind}",
        "language": "vi-VN",
        "created": str(doc.get("date", "")),
        "slug": job.slug,
    }


def pdf_from_word(kind: str, config: Config) -> bool:
    """Whether the PDF of a report kind is made from its filled Word template (no HTML one)."""
    found = find_kind(kind, config)
    return found is not None and found.word is not None and found.html is None


def render(job: DocumentJob, config: Config,
           env: jinja2.Environment | None = None) -> Rendered:
    """Render `<kind>.html.j2` with the job's context, and fill `<kind>/template.docx` with it
    when the kind has one (`Rendered.docx`); the HTML is NFC-normalised.

    The header values (issuing body, number, place, date) are already in the context, filled
    by `plan()`; `config` gives the template folders and the layout of the CSS and the DOCX.
    A document that refers to anything but template files and data: URIs is refused.
    """
    kind = find_kind(job.kind, config)
    context = template_context(job, config)
    layout = context["layout"]
    metadata = _metadata(job)
    if config.pdf_variant:
        metadata["pdf_variant"] = config.pdf_variant  # the PDF writer's archival variant
    roots = resource_roots(config)
    docx = None
    if kind is not None and kind.word is not None:
        from reportgen.render.word import fill

        docx = fill(kind.word, context, metadata, job.kind, seconds=config.limits.render_seconds,
                    max_bytes=config.limits.document_bytes)
        if kind.html is None:
            return Rendered(kind=job.kind, title=job.title, html="", base_url=None,
                            metadata=metadata, layout=layout, template=str(kind.word),
                            resource_roots=tuple(str(r) for r in roots), docx=docx)
    env = env or environment(config)
    name = f"{job.kind}{SUFFIX}"
    html, template = render_html(env, name, context, job.kind, config.limits.render_seconds,
                                 config.limits.document_bytes)
    folder = Path(template.filename).parent if template.filename else builtin_templates()
    base_url = folder.resolve().as_uri() + "/"
    problems = resource_problems(html, base_url, roots, name, search_path(config))
    if problems:
        raise UnsafeResource(problems[0])
    html = safe_links(html)  # no javascript: or file: link in an official document
    return Rendered(kind=job.kind, title=job.title, html=html, base_url=base_url,
                    metadata=metadata, layout=layout, template=name,
                    resource_roots=tuple(str(r) for r in roots), docx=docx)
