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
* ``head``: ``title``/``meta`` feed the core properties; ``style``/``link`` are for the PDF.

CSS is not read: the Word styles are built from the same layout values as `official.css`.
"""
from __future__ import annotations

import base64
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import unquote, urlparse

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from lxml import etree

from reportgen.render import Rendered
from reportgen.writers import htmlsubset as hs
from reportgen.writers.docxstyles import (STYLE_OF_CLASS, STYLE_OF_TAG, setup_section,
                                          setup_styles)

__all__ = ["write_docx", "build_document", "UnsupportedTag"]

UnsupportedTag = hs.UnsupportedTag
_LAYOUT_TABLES = {"doc-header", "doc-footer"}
_DATA_URI = re.compile(r"^data:(?P<mime>[\w/+.-]+)?(?P<b64>;base64)?,(?P<data>.*)$", re.S)


def _set_style(paragraph: Any, style: Any) -> None:
    """Give a paragraph a style by its id (python-docx's setter scans every style for the default)."""
    paragraph._p.get_or_add_pPr().style = style.style_id


class _Builder:
    """Walks the HTML body and appends Word blocks to a document or a table cell."""

    def __init__(self, document: Any, rendered: Rendered) -> None:
        self.document = document
        self.layout = rendered.layout
        self.template = rendered.template or rendered.kind
        self.base = _base_folder(rendered.base_url)
        self.text_width_mm = (self.layout["page_width_mm"] - self.layout["margin_left_mm"]
                              - self.layout["margin_right_mm"])
        self._styles: dict[str, Any] = {}

    def style(self, name: str) -> Any:
        """The named style (python-docx finds a style by name with a scan of all styles)."""
        if name not in self._styles:
            self._styles[name] = self.document.styles[name]
        return self._styles[name]

    # -- paragraphs --------------------------------------------------------------------------
    def _style(self, element: etree._Element, default: str | None = None) -> str:
        for name in hs.classes(element):
            if name in STYLE_OF_CLASS:
                return STYLE_OF_CLASS[name]
        return default or STYLE_OF_TAG.get(element.tag, "Normal")

    def paragraph(self, new: Callable[[str], Any], element: etree._Element, style: str) -> None:
        """One paragraph of the element's inline content."""
        runs = hs.trim(list(hs.inline_runs(element, self.template)))
        paragraph = new(style)
        for run in runs:
            if run.image is not None:
                self.picture(paragraph, run.image)
                continue
            if run.br:
                paragraph.add_run().add_break()
                continue
            r = paragraph.add_run(run.text)
            r.bold = run.bold or None
            r.italic = run.italic or None
            r.underline = run.underline or None
            if run.superscript:
                r.font.superscript = True
            if run.subscript:
                r.font.subscript = True

    def blocks(self, new: Callable[[str], Any], element: etree._Element,
               container: Any) -> None:
        """Block content of an element: paragraphs, lists, tables, images, page breaks."""
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
            if not isinstance(child.tag, str):
                pass
            elif child.tag in ("p", "h1", "h2", "h3"):
                flush()
                self.paragraph(new, child, self._style(child))
            elif child.tag == "div":
                flush()
                if "page-break" in hs.classes(child):
                    new("Normal").add_run().add_break(WD_BREAK.PAGE)
                elif "figure" in hs.classes(child) and not hs.has_blocks(child):
                    self.paragraph(new, child, "Figure")
                else:
                    self.blocks(new, child, container)
            elif child.tag in ("ul", "ol"):
                flush()
                self.list(new, child, container, 1)
            elif child.tag == "table":
                flush()
                self.table(child, container)
            elif child.tag == "img":
                flush()
                self.picture(new("Figure"), child)
            elif child.tag in hs.INLINE_TAGS:
                child.tail = None
                loose.append(child)
            else:
                raise UnsupportedTag(child.tag, self.template, child.sourceline)
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

    # -- tables ------------------------------------------------------------------------------
    def table(self, element: etree._Element, container: Any) -> None:
        """A table with merged cells; layout tables get no borders and fixed column widths."""
        cells, n_rows, n_cols = hs.table_grid(element)
        if not n_rows or not n_cols:
            return
        layout_table = bool(_LAYOUT_TABLES & set(hs.classes(element)))
        if "doc-footer" in hs.classes(element) and container is self.document:
            # The signature never stands alone on a page: the last paragraphs go with it.
            for paragraph in self.document.paragraphs[-2:]:
                paragraph.paragraph_format.keep_with_next = True
        table = container.add_table(rows=n_rows, cols=n_cols)
        if not layout_table:
            table.style = self.style("Table Grid")
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = self._widths(element, cells, n_cols, layout_table)
        table.autofit = False
        for i, column in enumerate(table.columns):
            column.width = Mm(widths[i])
        rows = list(table.rows)
        header_rows = {c.row for c in cells if c.header_row}
        for r in header_rows:
            _row_flag(rows[r], "w:tblHeader")
        for row in rows:
            _row_flag(row, "w:cantSplit")
        for cell in cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                table.cell(cell.row, cell.col).merge(table.cell(cell.row + cell.rowspan - 1,
                                                                cell.col + cell.colspan - 1))
        # python-docx rebuilds the whole grid on every table.cell() or row.cells call, which makes
        # a table of hundreds of rows quadratic; the grid is read once, after the merges.
        grid = table._cells
        for index, target in enumerate(grid):
            target.width = Mm(widths[index % n_cols])
        for cell in cells:
            target = grid[cell.row * n_cols + cell.col]
            if not layout_table:
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self.cell(target, cell.element, layout_table)

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

    def cell(self, cell: Any, element: etree._Element, layout_table: bool) -> None:
        paragraphs = iter([cell.paragraphs[0]])

        def new(style: str) -> Any:
            paragraph = next(paragraphs, None) or cell.add_paragraph()
            _set_style(paragraph, self.style(style))
            return paragraph

        if layout_table or hs.has_blocks(element):
            self.blocks(new, element, cell)
            return
        names = hs.classes(element)
        if element.tag == "th":
            style = "Table Heading"
        elif "center" in names or "num" in names:
            style = "Table Text Center"
        else:
            style = "Table Text"
        self.paragraph(new, element, style)

    # -- images ------------------------------------------------------------------------------
    def picture(self, paragraph: Any, element: etree._Element) -> None:
        """Embed an <img> (data: URI, or a file in the template folder) in a paragraph."""
        data = _image_bytes(element, self.base, self.template)
        if "chart" in hs.classes(element):
            width = Cm(self.layout["chart_width_cm"])
        else:
            width = None
        paragraph.add_run().add_picture(io.BytesIO(data), width=width)


def _row_flag(row: Any, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


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


def _core_properties(document: Any, rendered: Rendered) -> None:
    meta: Mapping[str, str] = rendered.metadata
    props = document.core_properties
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


def build_document(rendered: Rendered) -> Any:
    """The python-docx Document of a rendered HTML document."""
    root = hs.parse(rendered.html)
    hs.check_subset(root, rendered.template or rendered.kind)
    document = docx.Document()
    setup_styles(document, rendered.layout)
    setup_section(document, rendered.layout)
    body = document.element.body
    for paragraph in list(document.paragraphs):  # the default template's empty paragraph
        body.remove(paragraph._p)
    builder = _Builder(document, rendered)

    def new(style: str) -> Any:
        paragraph = document.add_paragraph()
        _set_style(paragraph, builder.style(style))
        return paragraph

    body_element = root.find("body")
    builder.blocks(new, body_element if body_element is not None else root, document)
    if body[-2].tag == qn("w:tbl"):  # the body's last block before sectPr
        document.add_paragraph(style=document.styles["Normal"])  # Word wants a paragraph last
    _core_properties(document, rendered)
    return document


def write_docx(rendered: Rendered, path: Path) -> None:
    """Write `rendered` as a DOCX file at `path`."""
    build_document(rendered).save(str(path))
