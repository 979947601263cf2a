"""PDF documents: the text layer, page by page, pages separated by blank lines.

A PDF without a text layer (a scan) is refused rather than read as empty: extracting facts
from it needs OCR, which this stage does not do. Legacy-font PDFs (typed in ".VnTime") extract
as cp1252-looking text and are converted like any other text.
"""
from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.i18n import N_, _
from reportgen.model import Source
from reportgen.readers.base import MAX_CONTAINER_BYTES, ReadError, read_bytes
from reportgen.readers.text import fix_text

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["read_pdf"]

_MAX_PAGES = 5000


def _open(path: Path, data: bytes) -> PdfReader:
    from pypdf import PdfReader

    if data[:1024].find(b"%PDF-") < 0:
        raise ReadError(path, _("corrupt PDF (no %PDF header)"))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise ReadError(path, _("corrupt PDF ({value})").format(value=one_line_reason(exc))) from None
    if reader.is_encrypted:
        try:
            # Many PDFs are encrypted only against editing, with an empty user password.
            opened = bool(reader.decrypt(""))
        except Exception as exc:  # noqa: BLE001 - e.g. AES without `cryptography` installed
            raise ReadError(path, _("encrypted PDF ({value})").format(value=one_line_reason(exc))) from None
        if not opened:
            raise ReadError(path, _("encrypted PDF (password required)"))
    try:
        count = len(reader.pages)
    except Exception as exc:  # noqa: BLE001
        raise ReadError(path, _("corrupt PDF ({value})").format(value=one_line_reason(exc))) from None
    if count == 0:
        raise ReadError(path, _("corrupt PDF (no pages)"))
    if count > _MAX_PAGES:
        raise ReadError(path, _("PDF too large ({count} pages > {MAX_PAGES})").format(
            count=count, MAX_PAGES=_MAX_PAGES))
    return reader


def one_line_reason(exc: BaseException) -> str:
    """A short reason from an exception: its first line, else its class name."""
    text = str(exc).strip().splitlines()
    reason = text[0] if text else type(exc).__name__
    return reason[:160]


def read_pdf(path: Path) -> Source:
    """Read the text layer of a PDF into a Source."""
    data = read_bytes(path, MAX_CONTAINER_BYTES, N_("PDF file"))
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # pypdf logs each oddity; failures are raised below
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = _open(path, data)
            pages: list[str] = []
            failed: list[str] = []
            for number, page in enumerate(reader.pages, 1):
                try:
                    pages.append((page.extract_text() or "").strip("\n"))
                except Exception as exc:  # noqa: BLE001 - one broken page must not hide the rest
                    failed.append(f"page {number}: {one_line_reason(exc)}")
            title = _title(reader)
    finally:
        logger.setLevel(level)
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        if failed:
            raise ReadError(path, _("corrupt PDF ({value})").format(value=failed[0]))
        raise ReadError(path, _("PDF has no text layer (scanned?)"))
    text, label = fix_text(text)
    encoding = "utf-8" if label is None else "utf-8-mojibake" if label == "mojibake" else label
    if title:
        title = fix_text(title)[0]
    return Source(path=str(path), text=text, format="pdf", encoding=encoding,
                  title_hint=title)


def _title(reader: PdfReader) -> str | None:
    """The document-information title, if any."""
    # The creation date is when the PDF was made, not when the report was published: not a hint.
    try:
        info = reader.metadata
        title = info.title if info is not None else None
        return (str(title).strip() or None) if title else None
    except Exception:  # noqa: BLE001 - metadata is a hint; a damaged info dictionary is not fatal
        return None
