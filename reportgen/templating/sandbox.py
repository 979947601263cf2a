"""What templates and the documents made from them may reach: files inside the template folders
and data: URIs, nothing else (no other file, no network); which links a document may keep.

Rendering (`render.resources`), the template loader, the PDF writer's URL fetcher and
`reportgen templates check` all apply this one rule, so it lives below them. "Inside" is decided
on real paths: a symbolic link in a template folder to a file elsewhere is outside.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, Callable, Sequence
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError

from reportgen.i18n import N_, _

__all__ = ["RULE", "blocked_reason", "inside", "ConfinedLoader", "safe_links", "LINK_SCHEMES",
           "MAX_TEMPLATE_BYTES"]

#: The rule, as error messages state it.
RULE = N_("templates may load only files inside the template folders and data: URIs")
#: The links a document keeps (others, e.g. javascript: or file:, are dropped); "#..." stays too.
LINK_SCHEMES = ("http", "https", "mailto")
#: A template, or a file a document loads, larger than this is not one.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024

_LINK_TAG = re.compile(r"<(?:a|area)\b[^>]*\bhref\s*=", re.IGNORECASE)
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")


def inside(path: str | os.PathLike[str], roots: Sequence[Path]) -> bool:
    """Whether the real path of `path` (symbolic links followed) is in one of `roots`."""
    real = Path(os.path.realpath(path))
    return any(real == root or root in real.parents for root in (Path(os.path.realpath(r)) for r in roots))


def _file_problem(path: Path) -> str | None:
    """Why a file inside the folders still may not be loaded: not a regular file, or too large."""
    try:
        info = os.stat(path)
    except OSError:
        return None  # a missing file is reported by whoever loads it
    if not stat.S_ISREG(info.st_mode):
        return _("not a regular file (a pipe or a device)")
    if info.st_size > MAX_TEMPLATE_BYTES:
        return _("a file larger than {size} MB").format(size=MAX_TEMPLATE_BYTES // 1048576)
    return None


def blocked_reason(url: str, roots: Sequence[Path]) -> str | None:
    """None when an absolute URL may be loaded, else why it may not."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None
    if scheme == "file":
        path = Path(unquote(parts.path))
        if not inside(path, roots):
            return _("a file outside the template folders")
        return _file_problem(path)
    if not scheme:
        return _("an address that resolves to no file")
    return _("{scheme}: addresses are not fetched (no network access)").format(scheme=scheme)


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that loads only regular files whose real path is inside its folders:
    `{% include 'x' %}` of a symbolic link to a file elsewhere is refused, as is a FIFO."""

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, file name and up-to-date check (SecurityError if outside)."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if not os.path.lexists(filename):
                continue
            if not inside(filename, [Path(folder)]):
                raise SecurityError(_("template {template!r} is a link to a file outside the template "
                                      "folders; {rule}").format(template=template, rule=_(RULE)))
            problem = _file_problem(Path(filename)) or (None if os.path.isfile(filename) else _("not a file"))
            if problem:
                raise SecurityError(_("template {template!r} cannot be loaded: {problem}").format(
                    template=template, problem=problem))
            try:
                with open(filename, "rb") as handle:
                    contents = handle.read().decode(self.encoding)
            except OSError as exc:
                raise SecurityError(_("template {template!r} cannot be read ({value})").format(
                    template=template, value=exc.strerror or exc)) from None
            except UnicodeDecodeError:
                raise SecurityError(_("template {template!r} is not UTF-8 text").format(
                    template=template)) from None
            mtime = os.path.getmtime(filename)

            def uptodate() -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


def _keeps(href: str) -> bool:
    href = _BLANKS.sub("", href)
    if href.startswith("#"):
        return True
    scheme = urlsplit(href).scheme.lower()
    return scheme in LINK_SCHEMES and (scheme != "mailto" or len(href) > 7)


def safe_links(html: str) -> str:
    """The document without links a reader should not follow from an official document: every
    `href` of <a>/<area> that is not http(s), mailto or "#..." is removed (its text stays)."""
    if not _LINK_TAG.search(html):
        return html  # most documents have no link: no parsing
    import lxml.html

    root = lxml.html.document_fromstring(html)
    dropped = 0
    for element in root.iter("a", "area", "{http://www.w3.org/2000/svg}a"):
        for attribute in ("href", "{http://www.w3.org/1999/xlink}href"):
            value: Any = element.get(attribute)
            if value is not None and not _keeps(value):
                del element.attrib[attribute]
                dropped += 1
    if not dropped:
        return html
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
