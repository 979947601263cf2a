"""DOCX writer: maps the rendered HTML onto real Word structure (python-docx).

The HTML subset it understands (anything else raises `UnsupportedTag` naming the tag, the
template and the line, so a template never loses content silently):

* ``h1``–``h3`` -> "Heading 1"–"Heading 3"; ``h1.title`` -> "Report Title".
* ``p`` -> "Normal" (14 pt, justified, first-line indent), or the role style of its first known
  class (see `docxstyles.STYLE_OF_CLASS`: ``subject``, ``superior``, ``issuer``, ``star``,
  ``number``, ``party``, ``place-date``, ``recipients-head``, ``recipient``, ``sign-body``,
  ``sign-title``, ``sign-space``, ``sign-name``, ``note``, ``table-note``, ``source``,
  ``caption``, ``center``, ``right``, ``left``).
* inline: ``b``/``strong``, ``i``/``em``, ``u``, ``sup``, ``sub``, ``span`` (no formatting),
  ``br`` (line break), ``img``.
* ``ul``/``ol`` with ``li`` -> "List Bullet"/"List Number" paragraphs.
* ``table`` (``thead``/``tbody``/``tr``/``th``/``td``) -> a "Table Grid" table; ``colspan`` and
  ``rowspan`` become merged cells; ``thead`` rows repeat on each page; ``th`` -> "Table
  Heading", ``td.center``/``td.num`` -> "Table Text Center", other ``td`` -> "Table Text".
  ``table.doc-header`` (the two-column header) and ``table.doc-footer`` (recipients and the
  signature block) are borderless layout tables.
* ``img``: a data: URI (PNG/JPEG/GIF; for SVG the PNG in ``data-png`` is used) or a file in the
  template folder; ``img.chart`` is as wide as the layout's chart width.
* ``div``: a transparent container; ``div.page-break`` -> a page break.
* ``section.appendix``, a child of ``body``: an appendix ("Phụ lục"). It starts a new Word
  section (a new page, the page setup and header of the main section, no number on its first
  page) whose page numbers restart at 1; its content runs to the next appendix or the end of the
  body. Any other ``section`` (no ``appendix`` class, or not a child of ``body``) is an error.
* ``head``: ``title``/``meta`` feed the core properties; ``style``/``link`` are for the PDF.

CSS is not read: the Word styles are built from the same layout values as `official.css`.

How it is written: the styled base document of the layout comes from `docxbase` (built and saved
once per process and layout); the body is built straight into a fresh copy of the base's
``word/document.xml`` with lxml (python-docx's element classes, and python-docx's own code for
new tables, merged cells, pictures and section breaks), producing the XML python-docx's proxy
objects would, without them; the file is the base's members with this document's part,
properties and images (`docxbase.package_bytes`).
"""
from __future__ import annotations

import base64
import copy
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import unquote, urlparse

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Inches, Mm
from lxml import etree

from reportgen.render import Rendered
from reportgen.writers import docxbase
from reportgen.writers import docxcells as xc
from reportgen.writers import htmlsubset as hs
from reportgen.writers.docxstyles import STYLE_OF_CLASS, STYLE_OF_TAG

__all__ = ["write_docx", "docx_bytes", "build_document", "UnsupportedTag", "MisplacedAppendix"]

UnsupportedTag = hs.UnsupportedTag
MisplacedAppendix = hs.MisplacedAppendix
_LAYOUT_TABLES = {"doc-header", "doc-footer"}
_DATA_URI = re.compile(r"^data:(?P<mime>[\w/+.-]+)?(?P<b64>;base64)?,(?P<data>.*)$", re.S)

_SubElement = etree.SubElement
_P, _PPR, _PSTYLE, _R, _RPR, _T, _BR = (qn(t) for t in (
    "w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:t", "w:br"))
_B, _I, _U, _VERT, _DRAWING = (qn(t) for t in ("w:b", "w:i", "w:u", "w:vertAlign", "w:drawing"))
_TBL, _TR, _TRPR, _TC, _TCPR, _TCW, _GRIDSPAN, _VMERGE, _VALIGN = (qn(t) for t in (
    "w:tbl", "w:tr", "w:trPr", "w:tc", "w:tcPr", "w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"))
_SECTPR, _VAL, _TYPE, _W = qn("w:sectPr"), qn("w:val"), qn("w:type"), qn("w:w")
_TBLHEADER, _CANTSPLIT = qn("w:tblHeader"), qn("w:cantSplit")
_PRESERVE = qn("xml:space")
#: What may follow w:pgNumType in a w:sectPr (schema order).
_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                    "w:sectPrChange")


def _new_p(parent: Any, style_id: str) -> Any:
    """A paragraph of the style appended to `parent` (as python-docx's add_p + style)."""
    p = _SubElement(parent, _P)
    _SubElement(_SubElement(p, _PPR), _PSTYLE).set(_VAL, style_id)
    return p


def _set_style(p: Any, style_id: str) -> None:
    """Give an existing paragraph a style by its id."""
    if len(p):
        p.get_or_add_pPr().style = style_id
    else:
        _SubElement(_SubElement(p, _PPR), _PSTYLE).set(_VAL, style_id)


def _add_text(r: Any, text: str) -> None:
    """Run content of `text`, as python-docx's run.text setter writes it."""
    if "\t" in text or "\r" in text or "\n" in text:
        r.text = text  # python-docx: w:tab and w:br elements between the w:t
        return
    t = _SubElement(r, _T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_PRESERVE, "preserve")


class _Body:
    """The document body as a place for blocks."""

    is_body = True

    def __init__(self, builder: _Builder, element: Any) -> None:
        self.builder = builder
        self.element = element

    def new(self, style: str) -> Any:
        return _new_p(self.element, self.builder.style_id(style))

    def add_table(self, rows: int, cols: int) -> Any:
        tbl = CT_Tbl.new_tbl(rows, cols, self.builder.base.block_width)
        self.element.append(tbl)
        return tbl


class _Cell:
    """A table cell as a place for blocks: its first (empty) paragraph is used first."""

    is_body = False

    def __init__(self, builder: _Builder, tc: Any) -> None:
        self.builder = builder
        self.element = tc
        self.first: Any = tc.find(_P)
        if self.first is None:
            raise IndexError("list index out of range")  # as python-docx's cell.paragraphs[0]

    def new(self, style: str) -> Any:
        style_id = self.builder.style_id(style)
        p, self.first = self.first, None
        if p is None:
            return _new_p(self.element, style_id)
        _set_style(p, style_id)
        return p

    def add_table(self, rows: int, cols: int) -> Any:
        width = self.element.width  # python-docx: as wide as the cell, or 1 inch
        tbl = CT_Tbl.new_tbl(rows, cols, width if width is not None else Inches(1))
        self.element.append(tbl)
        _SubElement(self.element, _P)  # Word wants a paragraph last in a cell
        return tbl


class _Builder:
    """Walks the HTML body and appends Word blocks to the body or a table cell."""

    def __init__(self, base: docxbase.Base, body: Any, rendered: Rendered) -> None:
        self.base = base
        self.body = _Body(self, body)
        self.media = docxbase.Media(base)
        self.layout = rendered.layout
        self.template = rendered.template or rendered.kind
        self.base_folder = _base_folder(rendered.base_url)
        self.text_width_mm = (self.layout["page_width_mm"] - self.layout["margin_left_mm"]
                              - self.layout["margin_right_mm"])
        self.sect_pr = body.find(_SECTPR)  # the main section's properties, from setup_section
        body.remove(self.sect_pr)
        self.section_start = 0  # index in the body of the current section's first block
        self.appendix = False  # whether the current section is an appendix

    def style_id(self, name: str) -> str:
        try:
            return self.base.style_ids[name]
        except KeyError:
            raise KeyError(f"no style with name '{name}'") from None

    # -- paragraphs --------------------------------------------------------------------------
    def _style(self, element: etree._Element, default: str | None = None) -> str:
        for name in hs.classes(element):
            if name in STYLE_OF_CLASS:
                return STYLE_OF_CLASS[name]
        return default or STYLE_OF_TAG.get(element.tag, "Normal")

    def paragraph(self, new: Callable[[str], Any], element: etree._Element, style: str) -> None:
        """One paragraph of the element's inline content."""
        runs = hs.trim(list(hs.inline_runs(element, self.template)))
        p = new(style)
        for run in runs:
            if run.image is not None:
                self.picture(p, run.image)
                continue
            r = _SubElement(p, _R)
            if run.br:
                _SubElement(r, _BR)
                continue
            rpr = _SubElement(r, _RPR)
            if run.bold:
                _SubElement(rpr, _B)
            if run.italic:
                _SubElement(rpr, _I)
            if run.underline:
                _SubElement(rpr, _U).set(_VAL, "single")
            if run.subscript:  # python-docx sets superscript first, then subscript
                _SubElement(rpr, _VERT).set(_VAL, "subscript")
            elif run.superscript:
                _SubElement(rpr, _VERT).set(_VAL, "superscript")
            if run.text:
                _add_text(r, run.text)

    def blocks(self, new: Callable[[str], Any], element: etree._Element, container: Any,
               top: bool = False) -> None:
        """Block content of an element: paragraphs, lists, tables, images, page breaks; at the
        top of the body (`top`) also the appendix sections."""
        loose: list[Any] = []  # inline nodes between blocks form an anonymous paragraph

        def flush() -> None:
            if not loose:
                return
            holder = etree.Element("p")
            holder.text = ""
            for item in loose:
                if isinstance(item, str):
                    if len(holder):
                        holder[-1].tail = (holder[-1].tail or "") + item
                    else:
                        holder.text += item
                else:
                    holder.append(item)
            loose.clear()
            if "".join(holder.itertext()).strip() or len(holder):
                self.paragraph(new, holder, "Normal")

        if element.text and element.text.strip():
            loose.append(element.text)
        for child in list(element):
            tail = child.tail
            tag = child.tag
            if not isinstance(tag, str):
                pass
            elif tag in ("p", "h1", "h2", "h3"):
                flush()
                self.paragraph(new, child, self._style(child))
            elif tag == "div":
                flush()
                names = hs.classes(child)
                if "page-break" in names:
                    r = _SubElement(new("Normal"), _R)
                    _SubElement(r, _BR).set(_TYPE, "page")
                elif "figure" in names and not hs.has_blocks(child):
                    self.paragraph(new, child, "Figure")
                else:
                    self.blocks(new, child, container)
            elif tag in ("ul", "ol"):
                flush()
                self.list(new, child, container, 1)
            elif tag == "table":
                flush()
                self.table(child, container)
            elif tag == "img":
                flush()
                self.picture(new("Figure"), child)
            elif tag == "section":  # check_subset lets only appendices of the body through
                if not (top and hs.is_appendix(child)):
                    raise MisplacedAppendix(self.template, child.sourceline)
                flush()
                self.section_break()
                self.blocks(new, child, container)
            elif tag in hs.INLINE_TAGS:
                child.tail = None
                loose.append(child)
            else:
                raise UnsupportedTag(tag, self.template, child.sourceline)
            if tail and tail.strip():
                loose.append(tail)
        flush()

    def list(self, new: Callable[[str], Any], element: etree._Element, container: Any,
             level: int) -> None:
        base = "List Number" if element.tag == "ol" else "List Bullet"
        style = base if level == 1 else f"{base} {min(level, 3)}"
        for li in element:
            if not isinstance(li.tag, str):
                continue
            if li.tag != "li":
                raise UnsupportedTag(li.tag, self.template, li.sourceline)
            nested = [c for c in li if isinstance(c.tag, str) and c.tag in ("ul", "ol")]
            for sub in nested:
                li.remove(sub)
            self.paragraph(new, li, style)
            for sub in nested:
                self.list(new, sub, container, level + 1)

    # -- sections ----------------------------------------------------------------------------
    def section_properties(self, appendix: bool) -> Any:
        """A w:sectPr of the main section's page setup and header; numbered from 1 for an
        appendix. The first page of every section shows no number (w:titlePg, no first-page
        header), as setup_section does for the main section."""
        sect_pr = copy.deepcopy(self.sect_pr)
        if appendix:
            number = OxmlElement("w:pgNumType")
            number.set(qn("w:start"), "1")
            sect_pr.insert_element_before(number, *_AFTER_PGNUMTYPE)
        return sect_pr

    def section_break(self) -> None:
        """End the current section (its last paragraph carries its w:sectPr); an appendix
        starts. A section with nothing in it is not written: the appendix takes its place."""
        body = self.body.element
        if len(body) > self.section_start:
            last = body[-1]
            if last.tag != _P:  # a table: Word wants a paragraph to hold the section break
                last = self.trailing_paragraph()
            last.set_sectPr(self.section_properties(self.appendix))
            self.section_start = len(body)
        self.appendix = True

    def trailing_paragraph(self) -> Any:
        """An empty "Normal" paragraph at the end of the body (after a table)."""
        p = _SubElement(self.body.element, _P)
        p.get_or_add_pPr().style = self.base.normal_id
        return p

    def finish(self) -> None:
        body = self.body.element
        if len(body) and body[-1].tag == _TBL:  # Word wants a paragraph last
            self.trailing_paragraph()
        body.append(self.section_properties(self.appendix) if self.appendix else self.sect_pr)

    # -- tables ------------------------------------------------------------------------------
    def table(self, element: etree._Element, container: Any) -> None:
        """A table with merged cells; layout tables get no borders and fixed column widths."""
        cells, n_rows, n_cols = hs.table_grid(element)
        if not n_rows or not n_cols:
            return
        names = hs.classes(element)
        layout_table = bool(_LAYOUT_TABLES & set(names))
        if "doc-footer" in names and container.is_body:
            # The signature never stands alone on a page: the last paragraphs go with it.
            for p in container.element.findall(_P)[-2:]:
                p.get_or_add_pPr().keepNext_val = True
        tbl = container.add_table(n_rows, n_cols)
        tbl_pr = tbl.tblPr
        if not layout_table:
            tbl.tblStyle_val = self.base.table_style_id
            tbl_pr.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = self._widths(element, cells, n_cols, layout_table)
        tbl_pr.autofit = False
        for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths):
            grid_col.w = Mm(width)
        rows = tbl.tr_lst
        header_rows = {c.row for c in cells if c.header_row}
        for r, tr in enumerate(rows):  # a new row has no w:trPr yet
            tr_pr = _SubElement(tr, _TRPR)
            tr.insert(0, tr_pr)
            if r in header_rows:
                _SubElement(tr_pr, _TBLHEADER).set(_VAL, "true")
            _SubElement(tr_pr, _CANTSPLIT).set(_VAL, "true")
        for cell in cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                if not xc.merge_plain(rows, cell.row, cell.col, cell.rowspan, cell.colspan):
                    first = xc.grid(tbl, n_cols, cell.row * n_cols + cell.col)
                    last = xc.grid(tbl, n_cols, (cell.row + cell.rowspan - 1) * n_cols
                                 + cell.col + cell.colspan - 1)
                    first.merge(last)
        grid = xc.grid(tbl, n_cols)
        twips = [str(Mm(w).twips) for w in widths]
        for index, tc in enumerate(grid):
            xc.set_width(tc, widths[index % n_cols], twips[index % n_cols])
        for cell in cells:
            tc = grid[cell.row * n_cols + cell.col]
            if not layout_table:
                xc.center(tc)
            self.cell(tc, cell.element, layout_table)

    def _widths(self, element: etree._Element, cells: list[hs.GridCell], n_cols: int,
                layout_table: bool) -> list[float]:
        """Column widths in mm: header/footer split as in the CSS, data tables by content."""
        total = self.text_width_mm
        if layout_table and n_cols == 2:
            left = self.layout["header_left_width_pct"] if "doc-header" in hs.classes(element) \
                else 50.0
            return [total * left / 100, total * (100 - left) / 100]
        # Each column gets at least its longest word (no word broken inside, as in the PDF);
        # what is left is shared in proportion to the column's longest text.
        char_mm = self.layout["table_pt"] * 0.16  # a mean character width of a serif face
        minimum = [4.5 + 3 * char_mm] * n_cols  # cell margins and "TT" in bold
        wanted = [1.0] * n_cols
        for cell in cells:
            if cell.colspan == 1:
                words = "".join(cell.element.itertext()).split()
                longest = max((len(w) for w in words), default=1)
                minimum[cell.col] = max(minimum[cell.col], 4.0 + longest * char_mm)
                wanted[cell.col] = max(wanted[cell.col], min(len(" ".join(words)), 40.0))
        spare = total - sum(minimum)
        if spare <= 0:
            return [m * total / sum(minimum) for m in minimum]
        return [m + spare * w / sum(wanted) for m, w in zip(minimum, wanted)]

    def cell(self, tc: Any, element: etree._Element, layout_table: bool) -> None:
        place = _Cell(self, tc)
        if layout_table or hs.has_blocks(element):
            self.blocks(place.new, element, place)
            return
        names = hs.classes(element)
        if element.tag == "th":
            style = "Table Heading"
        elif "center" in names or "num" in names:
            style = "Table Text Center"
        else:
            style = "Table Text"
        self.paragraph(place.new, element, style)

    # -- images ------------------------------------------------------------------------------
    def picture(self, p: Any, element: etree._Element) -> None:
        """Embed an <img> (data: URI, or a file in the template folder) in a paragraph."""
        data = _image_bytes(element, self.base_folder, self.template)
        if "chart" in hs.classes(element):
            width = Cm(self.layout["chart_width_cm"])
        else:
            width = None
        r = _SubElement(p, _R)
        inline = self.media.inline(data, width)
        _SubElement(r, _DRAWING).append(inline)


def _base_folder(base_url: str | None) -> Path | None:
    if not base_url:
        return None
    parsed = urlparse(base_url)
    return Path(unquote(parsed.path)) if parsed.scheme in ("file", "") else None


def _image_bytes(element: etree._Element, base: Path | None, template: str) -> bytes:
    """Bytes of a raster image for Word: PNG fallback of an SVG, data: URI or template file."""
    src = element.get("data-png") or element.get("src") or ""
    match = _DATA_URI.match(src)
    if match:
        mime = match.group("mime") or ""
        if "svg" in mime:
            raise ValueError(f"SVG image without a data-png fallback in template {template}, "
                             f"line {element.sourceline}")
        raw = match.group("data")
        return base64.b64decode(raw) if match.group("b64") else unquote(raw).encode("latin-1")
    if base is None or not src:
        raise ValueError(f"image {src[:60]!r} in template {template} cannot be resolved")
    path = (base / unquote(urlparse(src).path)).resolve()
    if base.resolve() not in path.parents:
        raise ValueError(f"image {src!r} in template {template} is outside the template folder")
    return path.read_bytes()


def _core_properties(props: Any, rendered: Rendered) -> None:
    meta: Mapping[str, str] = rendered.metadata
    props.title = rendered.title
    props.author = meta.get("author", "")
    props.subject = meta.get("subject", "")
    props.keywords = meta.get("keywords", "")
    props.language = meta.get("language", "vi-VN")
    props.comments = "reportgen"
    props.last_modified_by = "reportgen"
    props.revision = 1
    created = meta.get("created")
    if created:
        # The document date, not the clock: rebuilding a document gives the same properties.
        stamp = datetime.fromisoformat(created)
        props.created = stamp
        props.modified = stamp


def docx_bytes(rendered: Rendered) -> bytes:
    """The DOCX file of a rendered HTML document, as bytes."""
    root = hs.parse(rendered.html)
    hs.check_subset(root, rendered.template or rendered.kind)
    base = docxbase.base_for(rendered.layout)
    document = parse_xml(base.document_xml)
    builder = _Builder(base, document.body, rendered)
    body_element = root.find("body")
    builder.blocks(builder.body.new, body_element if body_element is not None else root,
                   builder.body, top=True)
    builder.finish()
    core = docxbase.new_core(base)
    _core_properties(core.core_properties, rendered)
    return docxbase.package_bytes(base, document, core, builder.media)


def build_document(rendered: Rendered) -> Any:
    """The python-docx Document of a rendered HTML document."""
    return docx.Document(io.BytesIO(docx_bytes(rendered)))


def write_docx(rendered: Rendered, path: Path) -> None:
    """Write `rendered` as a DOCX file at `path`."""
    Path(path).write_bytes(docx_bytes(rendered))
