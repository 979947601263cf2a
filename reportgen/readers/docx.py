"""DOCX documents: paragraphs and tables in body order, legacy-font runs converted to Unicode.

Paragraphs are separated by blank lines; a table is one block whose rows are lines with the
cells joined by " | ". Runs set in a TCVN3 (".VnTime") or VNI ("VNI-Times") font are converted
run by run; a document with no such font information that still scores as legacy is converted
whole.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from reportgen.i18n import N_, _
from reportgen.model import Source
from reportgen.readers.base import MAX_CONTAINER_BYTES, ReadError, read_bytes
from reportgen.readers.legacy import convert, legacy_font
from reportgen.readers.text import fix_text
from reportgen.vietnamese.letters import VIETNAMESE_LETTERS

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

__all__ = ["read_docx", "is_docx_zip"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MAX_XML_BYTES = 200 * 1024 * 1024  # uncompressed document.xml: guards against zip bombs
_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
              f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": "\u00ad"}


def is_docx_zip(data: bytes) -> bool:
    """True if `data` is a zip archive holding word/document.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # noqa: BLE001 - anything unreadable is simply not a DOCX
        return False


class _Fonts:
    """Resolves the font of a run: its own rFonts, else its paragraph style chain, else defaults."""

    def __init__(self, document: Document) -> None:
        self.default: str | None = None
        self.styles: dict[str, tuple[str | None, str | None]] = {}  # id -> (font, based on)
        try:
            root = document.styles.element
        except Exception:  # noqa: BLE001 - a damaged styles part only costs font inheritance
            return
        for defaults in root.iter(f"{_W}docDefaults"):
            self.default = _font_of(defaults)
        for style in root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            based = style.find(f"{_W}basedOn")
            if sid:
                self.styles[sid] = (_font_of(style), based.get(f"{_W}val") if based is not None
                                    else None)

    def style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, based = self.styles.get(style_id, (None, None))
            if font:
                return font
            style_id = based
        return self.styles.get("Normal", (self.default, None))[0] or self.default


def _font_of(element: _Element) -> str | None:
    """The ascii/hAnsi font an element's first rFonts names."""
    for rfonts in element.iter(f"{_W}rFonts"):
        name = rfonts.get(f"{_W}ascii") or rfonts.get(f"{_W}hAnsi")
        if name:
            return str(name)
    return None


def _paragraph_runs(p: _Element, fonts: _Fonts) -> Iterator[tuple[str, str | None]]:
    """(text, font) for each run of a w:p, in order, including runs inside hyperlinks and fields."""
    ppr = p.find(f"{_W}pPr")
    style = ppr.find(f"{_W}pStyle") if ppr is not None else None
    para_font = fonts.style_font(style.get(f"{_W}val") if style is not None else None)
    for run in p.iter(f"{_W}r"):
        rpr = run.find(f"{_W}rPr")
        font = (_font_of(rpr) if rpr is not None else None) or para_font
        parts: list[str] = []
        for child in run:
            if child.tag in _TEXT_TAGS:
                fixed = _TEXT_TAGS[child.tag]
                parts.append(fixed if fixed is not None else str(child.text or ""))
        if parts:
            yield "".join(parts), font


def _paragraph_text(p: _Element, fonts: _Fonts, used: set[str]) -> str:
    out = []
    for text, font in _paragraph_runs(p, fonts):
        encoding, capitals = legacy_font(font)
        if encoding is not None:
            used.add(encoding.name)
            # A run already in Unicode ("ả" is in no legacy table) keeps its text.
            if not any(c in VIETNAMESE_LETTERS and c not in encoding.signal for c in text):
                text = convert(text, encoding, capitals=capitals)
        out.append(text)
    return "".join(out)


def _cell_text(tc: _Element, fonts: _Fonts, used: set[str]) -> str:
    lines = []
    for element in tc.iter(f"{_W}p"):
        # Nested tables' paragraphs are reached too; they flatten into the cell.
        text = _paragraph_text(element, fonts, used).strip()
        if text:
            lines.append(" ".join(text.split()))
    return " ".join(lines)


def _blocks(body: _Element, fonts: _Fonts, used: set[str]) -> Iterator[str]:
    for child in body:
        if child.tag == f"{_W}p":
            yield _paragraph_text(child, fonts, used)
        elif child.tag == f"{_W}tbl":
            rows = []
            for tr in child.iterchildren(f"{_W}tr"):
                cells = [_cell_text(tc, fonts, used) for tc in tr.iterchildren(f"{_W}tc")]
                if any(cells):
                    rows.append(" | ".join(cells))
            yield "\n".join(rows)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):  # content controls wrap body blocks
            content = child.find(f"{_W}sdtContent")
            yield from _blocks(content if content is not None else child, fonts, used)


def read_docx(path: Path) -> Source:
    """Read a .docx file into a Source."""
    data = read_bytes(path, MAX_CONTAINER_BYTES, N_("DOCX file"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError(path, _("corrupt DOCX (not a zip archive)")) from None
    except Exception as exc:  # noqa: BLE001 - e.g. NotImplementedError for odd zip versions
        raise ReadError(path, _("corrupt DOCX ({kind}: {exc})").format(
            kind=type(exc).__name__, exc=exc)) from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise ReadError(path, _("corrupt DOCX (no word/document.xml)")) from None
        if info.file_size > _MAX_XML_BYTES:
            raise ReadError(path, _("DOCX too large (document.xml over 200 MB uncompressed)"))
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on damaged parts
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
        raise ReadError(path, _("corrupt DOCX ({detail})").format(detail=detail)) from None
    body = document.element.body
    # Word keeps a VML copy of each text box in mc:Fallback, and tracked moves in w:moveFrom:
    # reading either would repeat text.
    for tag in (f"{_MC}Fallback", f"{_W}moveFrom"):
        for element in list(body.iter(tag)):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    fonts = _Fonts(document)
    used: set[str] = set()
    blocks = [b.strip("\n") for b in _blocks(body, fonts, used)]
    text = "\n\n".join(b for b in blocks if b.strip())
    encoding = "+".join(sorted(used)) if used else "utf-8"
    if not used:
        # No legacy font named, but the characters may still be legacy (fonts lost in conversion).
        text, label = fix_text(text)
        encoding = label if label and label != "mojibake" else \
            ("utf-8-mojibake" if label else "utf-8")
    title = (document.core_properties.title or "").strip() or None
    if title:
        title = fix_text(title)[0]
    if not text.strip():
        raise ReadError(path, _("no text in DOCX document"))
    return Source(path=str(path), text=text, format="docx", encoding=encoding, title_hint=title)
