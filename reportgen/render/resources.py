"""What a rendered document may load: files inside the template folders and data: URIs only.

The rule itself is `reportgen.templating.sandbox`; `resource_problems` finds every
reference of a rendered document up front (img/object sources, data-png, stylesheet links, CSS
`url()` and `@import`) so a template that tries more fails with its own file and line.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator, Sequence
from urllib.parse import urljoin

import lxml.html

from reportgen.errors import Problem, display_path
from reportgen.i18n import _
from reportgen.templating.sandbox import RULE, blocked_reason, inside

__all__ = ["document_urls", "resource_problems", "template_line", "template_files"]


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)"""
                      r"""|@import\s+(['"])(?P<imp>[^'"]+)\3""")
_ATTRIBUTES = ("src", "data-png", "data", "poster")
_LINKING = {"link", "image", "use", "feimage"}  # elements whose href is fetched
_XLINK = "{http://www.w3.org/1999/xlink}href"


def _css_urls(text: str) -> Iterator[tuple[str, int]]:
    for match in _CSS_URL.finditer(text):
        yield (match.group("url") or match.group("imp")).strip(), text.count("\n", 0,
                                                                          match.start())


def document_urls(html: str) -> list[tuple[str, int | None]]:
    """Every URL a rendered document refers to, with its line in the rendered HTML."""
    root = lxml.html.document_fromstring(html)
    out: list[tuple[str, int | None]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        line = element.sourceline
        out.extend((element.get(a).strip(), line) for a in _ATTRIBUTES if element.get(a))
        tag = element.tag.lower().rsplit("}", 1)[-1]
        for attribute in ("href", _XLINK):
            if tag in _LINKING and element.get(attribute):
                out.append((element.get(attribute).strip(), line))
        if element.get("style"):
            out.extend((url, line) for url, _ in _css_urls(element.get("style")))
        if tag == "style" and element.text:
            out.extend((url, (line or 0) + n) for url, n in _css_urls(element.text))
    return out


def template_files(folders: Iterable[Path]) -> list[Path]:
    """The template files (`*.j2`, `*.css`) of folders, subfolders included, in order; a link
    to a file outside its folder is not one of them."""
    return [p for folder in folders if folder.is_dir()
            for p in sorted(folder.rglob("*"))
            if p.suffix in (".j2", ".css") and p.is_file() and inside(p, [folder])]


def template_line(text: str, files: Iterable[Path]) -> tuple[str, int] | None:
    """The first template file and line that write `text` literally, if one does."""
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for variant in (text, text.replace("&", "&amp;")):
            at = source.find(variant)
            if at >= 0:
                return display_path(path), source.count("\n", 0, at) + 1
    return None


def resource_problems(html: str, base_url: str | None, roots: Sequence[Path],
                      template: str, folders: Sequence[Path] = ()) -> list[Problem]:
    """One problem per reference the document may not load, located in the template when the
    template writes the address literally, else by its line in the rendered HTML."""
    files: list[Path] | None = None  # read only when something is blocked
    problems = []
    for url, line in document_urls(html):
        if url.startswith("#"):
            continue
        reason = blocked_reason(urljoin(base_url or "", url), roots)
        if reason is None:
            continue
        shown = url if len(url) <= 80 else url[:77] + "..."
        files = template_files(folders) if files is None else files
        where = template_line(url, files)
        path, at = where if where else (f"{template} (rendered HTML line {line})", None)
        hint = _('copy the file into the template folder and refer to it by its name, e.g. <img '
                 'src="logo.png">')
        problems.append(Problem(path, at, _("blocked {shown!r}: {reason}; {RULE}").format(
            shown=shown, reason=reason, RULE=_(RULE)), hint))
    return problems
