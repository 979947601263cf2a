"""PDF writer: the rendered HTML and its inline CSS through WeasyPrint.

Fonts come from the CSS font-family list (Times New Roman, then the metric-compatible Liberation
Serif); WeasyPrint embeds the subsets it uses. One `FontConfiguration` is shared by all calls,
so fonts are looked up once per process. WeasyPrint fetches through `TemplateFetcher`, which
serves data: URIs and files inside the template folders only: no other file, no network.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence
from urllib.parse import unquote, urlsplit

from reportgen.render import Rendered
from reportgen.render.errors import Problem, UnsafeResource
from reportgen.render.resources import RULE, blocked_reason
from reportgen.render.search import builtin_templates

__all__ = ["write_pdf", "font_config", "url_fetcher"]

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
    return UnsafeResource(Problem(template, None, f"blocked {url!r}: {reason}; {RULE}"))


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


def write_pdf(rendered: Rendered, path: Path) -> None:
    """Render `rendered.html` to a PDF file at `path`."""
    import weasyprint  # imported late: it is slow to load and only this writer needs it

    try:
        from weasyprint.urls import FatalURLFetchingError
    except ImportError:  # WeasyPrint < 66 has no fatal fetch errors
        FatalURLFetchingError = ()  # type: ignore[assignment, misc]  # noqa: N806

    fetcher = url_fetcher(_roots(rendered), rendered.template or rendered.kind)
    document = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url,
                               url_fetcher=fetcher)
    # A fixed identifier keeps the bytes of a rebuilt document stable.
    identifier = rendered.metadata.get("slug", "").encode("utf-8") or None
    try:
        document.write_pdf(str(path), font_config=font_config(), pdf_identifier=identifier)
    except FatalURLFetchingError as err:  # type: ignore[misc]
        # A fetch error stops WeasyPrint as a BaseException: make it an ordinary one line.
        cause = err.__cause__
        if isinstance(cause, UnsafeResource):
            raise cause from None
        raise ValueError(f"{rendered.template or rendered.kind}: {err}: {cause}") from None
    refused = getattr(fetcher, "refused", [])
    if refused:
        raise refused[0]
