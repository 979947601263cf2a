"""PDF writer: the rendered HTML and its inline CSS through WeasyPrint.

Fonts come from the CSS font-family list (Times New Roman, then the metric-compatible Liberation
Serif); WeasyPrint embeds the subsets it uses. One `FontConfiguration` is shared by all calls,
so fonts are looked up once per process. WeasyPrint fetches through `TemplateFetcher`, which
serves data: URIs and files inside the template folders only: no other file, no network.

A document with appendices (`<section class="appendix">` children of `<body>`) is written as
several WeasyPrint documents joined into one PDF: each appendix is numbered in its own pages, as
the official layout wants, and the parts can be laid out in parallel (`split`, `write_part`,
`join`), which also bounds the memory of one layout.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import unquote, urlsplit

from reportgen.errors import Problem, UnsafeResource
from reportgen.i18n import _
from reportgen.model import Rendered
from reportgen.templating.folders import builtin_templates
from reportgen.templating.sandbox import RULE, blocked_reason, safe_links

__all__ = ["write_pdf", "write_part", "split", "join", "font_config", "url_fetcher"]

_FONT_CONFIG = None


def font_config() -> object:
    """The shared WeasyPrint FontConfiguration (created on first use)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def _roots(rendered: Rendered) -> list[Path]:
    """The folders of a document's files: its resource roots, else its base folder and the
    built-in templates."""
    if rendered.resource_roots:
        return [Path(r) for r in rendered.resource_roots]
    roots = [builtin_templates().resolve()]
    base = urlsplit(rendered.base_url or "")
    if base.scheme == "file":
        roots.append(Path(unquote(base.path)).resolve())
    return roots


def _refusal(url: str, roots: Sequence[Path], template: str) -> UnsafeResource | None:
    reason = blocked_reason(url, roots)
    if reason is None:
        return None
    return UnsafeResource(Problem(template, None, _("blocked {url!r}: {reason}; {RULE}").format(
        url=url, reason=reason, RULE=_(RULE))))


def url_fetcher(roots: Sequence[Path], template: str) -> Any:
    """A WeasyPrint URL fetcher that refuses everything but data: URIs and files in `roots`.

    With WeasyPrint >= 66 a refusal stops the rendering; with older versions (which only log
    fetch errors) the refusals are kept in the fetcher's `refused` list for `write_pdf`.
    """
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 66: a fetcher is a function
        from weasyprint import default_url_fetcher  # type: ignore[attr-defined]

        refused: list[UnsafeResource] = []

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            error = _refusal(url, roots, template)
            if error is not None:
                refused.append(error)
                raise error
            return default_url_fetcher(url, *args, **kwargs)

        fetch.refused = refused  # type: ignore[attr-defined]
        return fetch

    class TemplateFetcher(URLFetcher):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            error = _refusal(url, roots, template)
            if error is not None:
                raise error
            return super().fetch(url, headers)

    return TemplateFetcher(fail_on_errors=True)


def split(rendered: Rendered) -> list[Rendered]:
    """The document without its appendices, then each appendix as a document with the same head."""
    if "appendix" not in rendered.html:  # most documents: no parsing
        return [rendered]
    import lxml.html

    from reportgen.writers import htmlsubset as hs

    root = hs.parse(rendered.html)
    body = root.find("body")
    if body is None:
        return [rendered]
    # Everything from an appendix to the next one belongs to it (as in the DOCX).
    groups: list[list[Any]] = []
    for child in list(body):
        if hs.is_appendix(child):
            groups.append([])
        if groups:
            groups[-1].append(child)
    if not groups:
        return [rendered]
    for group in groups:
        for child in group:
            body.remove(child)  # lxml keeps an element's tail text with it

    def html(element: Any) -> str:
        return "<!DOCTYPE html>\n" + lxml.html.tostring(element, encoding="unicode")

    parts = [dataclasses.replace(rendered, html=html(root))]
    for group in groups:
        for child in list(body):
            body.remove(child)
        body.text = None
        body.extend(group)
        parts.append(dataclasses.replace(rendered, html=html(root)))
    return parts


def join(paths: Sequence[Path], path: Path) -> None:
    """Concatenate PDF files into `path`: the first one's metadata and identifier, every outline."""
    from pypdf import PdfWriter

    # Cloning the first part keeps its fixed identifier, so a rebuilt document keeps its bytes.
    writer = PdfWriter(clone_from=str(paths[0]))
    for part in paths[1:]:
        writer.append(str(part))
    with open(path, "wb") as out:
        writer.write(out)


def write_pdf(rendered: Rendered, path: Path) -> None:
    """Render `rendered.html` to a PDF file at `path`, appendices numbered on their own; a
    document of a Word template only is converted by LibreOffice."""
    if not rendered.html and rendered.docx is not None:
        from reportgen.writers.word import write_pdf_from_docx

        write_pdf_from_docx(rendered, path)
        return
    parts = split(rendered)
    if len(parts) == 1:
        write_part(rendered, path)
        return
    folder = Path(path).parent
    files: list[Path] = []
    try:
        for part in parts:
            fd, name = tempfile.mkstemp(prefix=f".{Path(path).name}.", suffix=".part.tmp", dir=folder)
            os.close(fd)
            files.append(Path(name))
            write_part(part, files[-1])
        join(files, path)
    finally:
        for f in files:
            f.unlink(missing_ok=True)


def write_part(rendered: Rendered, path: Path) -> None:
    """Render `rendered.html` as one WeasyPrint document to a PDF file at `path`."""
    import weasyprint  # imported late: it is slow to load and only this writer needs it

    try:
        from weasyprint.urls import FatalURLFetchingError
    except ImportError:  # WeasyPrint < 66 has no fatal fetch errors
        FatalURLFetchingError = ()  # type: ignore[assignment, misc]  # noqa: N806

    fetcher = url_fetcher(_roots(rendered), rendered.template or rendered.kind)
    # Links are cleaned by `render` too; HTML that bypasses it keeps none but http(s) and mailto.
    document = weasyprint.HTML(string=safe_links(rendered.html), base_url=rendered.base_url,
                               url_fetcher=fetcher)
    # A fixed identifier keeps the bytes of a rebuilt document stable.
    identifier = rendered.metadata.get("slug", "").encode("utf-8") or None
    options: dict[str, Any] = {}
    if rendered.metadata.get("pdf_variant"):
        options["pdf_variant"] = rendered.metadata["pdf_variant"]  # PDF/A: fonts, XMP, output intent
    try:
        document.write_pdf(str(path), font_config=font_config(), pdf_identifier=identifier, **options)
    except FatalURLFetchingError as err:  # type: ignore[misc]
        # A fetch error stops WeasyPrint as a BaseException: make it an ordinary one line.
        cause = err.__cause__
        if isinstance(cause, UnsafeResource):
            raise cause from None
        raise ValueError(f"{rendered.template or rendered.kind}: {err}: {cause}") from None
    refused = getattr(fetcher, "refused", [])
    if refused:
        raise refused[0]
