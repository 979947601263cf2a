"""PDF writer: the rendered HTML and its inline CSS through WeasyPrint.

Fonts come from the CSS font-family list (Times New Roman, then the metric-compatible Liberation
Serif); WeasyPrint embeds the subsets it uses. One `FontConfiguration` is shared by all calls,
so fonts are looked up once per process.
"""
from __future__ import annotations

from pathlib import Path

from reportgen.render import Rendered

__all__ = ["write_pdf", "font_config"]

_FONT_CONFIG = None


def font_config() -> object:
    """The shared WeasyPrint FontConfiguration (created on first use)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def write_pdf(rendered: Rendered, path: Path) -> None:
    """Render `rendered.html` to a PDF file at `path`."""
    import weasyprint  # imported late: it is slow to load and only this writer needs it

    document = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url)
    # A fixed identifier keeps the bytes of a rebuilt document stable.
    identifier = rendered.metadata.get("slug", "").encode("utf-8") or None
    document.write_pdf(str(path), font_config=font_config(), pdf_identifier=identifier)
