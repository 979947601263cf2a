"""Render a document job to HTML + CSS with Jinja2: the one source both writers work from.

Templates are looked up in `config.template_dirs` first, then in the built-in folder; the prefix
"!default/" always reaches the built-in original, so a user template can extend it:
`{% extends "!default/tom-tat.html.j2" %}`. HTML templates are autoescaped; CSS templates
(`*.css`) are not, so quotes in font names survive when `official.css` is included in <style>.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import jinja2
from markupsafe import Markup, escape

import reportgen
from reportgen import formatting
from reportgen.config import Config
from reportgen.contexts import DocumentJob

__all__ = ["Rendered", "render", "environment", "builtin_templates", "DEFAULT_PREFIX",
           "css_fonts"]

DEFAULT_PREFIX = "!default"


@dataclass(frozen=True)
class Rendered:
    """A rendered document: HTML (with its CSS inlined), where relative URLs resolve, metadata.

    `layout` carries the page and type settings the DOCX writer needs (the PDF gets them from
    the CSS).
    """

    kind: str
    title: str
    html: str
    base_url: str | None
    metadata: Mapping[str, str]
    layout: Mapping[str, Any] = field(default_factory=dict)
    template: str = ""


def builtin_templates() -> Path:
    """The built-in template set: `default/` of the installed `reportgen/templates`, else of
    the repository's top-level `templates/`."""
    package = Path(reportgen.__file__).resolve().parent
    installed = package / "templates"
    root = installed if installed.is_dir() else package.parent / "templates"
    return root / "default"


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


@lru_cache(maxsize=16)
def _environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    builtin = str(builtin_templates())
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({DEFAULT_PREFIX: jinja2.FileSystemLoader(builtin)}, delimiter="/"),
        jinja2.FileSystemLoader([*template_dirs, builtin]),
    ])
    env = jinja2.Environment(loader=loader, autoescape=_autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update({
        "number": formatting.format_number,
        "percent": formatting.format_percent,
        "date_long": formatting.format_date,
        "date_short": formatting.format_date_short,
        "roman": formatting.roman,
        "quantity": formatting.format_quantity,
        "qualifier": formatting.qualifier_word,
        "css_fonts": css_fonts,
        "keep_spaces": keep_spaces,
    })
    return env


def environment(config: Config) -> jinja2.Environment:
    """The Jinja environment for the config's template folders (cached per folder list)."""
    return _environment(tuple(str(Path(d)) for d in config.template_dirs))


def render(job: DocumentJob, config: Config) -> Rendered:
    """Render `<kind>.html.j2` with the job's context; the HTML is NFC-normalised.

    The header values (issuing body, number, place, date) are already in the context, filled
    by `plan()`; `config` gives the template folders and the layout of the CSS and the DOCX.
    """
    env = environment(config)
    name = f"{job.kind}.html.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise ValueError(f"no template {name!r} for document kind {job.kind!r}") from None
    layout = config.layout.as_dict()
    html = template.render(**dict(job.context), layout=layout, job_slug=job.slug)
    html = unicodedata.normalize("NFC", html)
    folder = Path(template.filename).parent if template.filename else builtin_templates()
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
    return Rendered(kind=job.kind, title=job.title, html=html,
                    base_url=folder.as_uri() + "/", metadata=metadata, layout=layout,
                    template=name)
