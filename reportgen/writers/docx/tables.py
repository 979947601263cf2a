"""Tables of the DOCX writer: an HTML table -> a Word table with merged cells, repeated header
rows and column widths, edited as XML.

Each function writes the XML python-docx's proxy objects would write (the golden tests compare
the result), without creating those objects for every cell of a table of hundreds of rows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Twips
from lxml import etree

from reportgen.writers import htmlsubset as hs
from reportgen.writers.docx.runs import CANTSPLIT, TBLHEADER, TRPR, VAL, Cell, P, SubElement

if TYPE_CHECKING:
    from reportgen.writers.docx.blocks import Builder

__all__ = ["table", "center", "merge_plain", "grid", "set_width", "LAYOUT_TABLES"]

#: Borderless tables of the page layout: the two-column header, the recipients and signature.
LAYOUT_TABLES = {"doc-header", "doc-footer"}
_P, _TR, _TC, _TCPR, _TCW, _GRIDSPAN, _VMERGE, _VALIGN = (qn(t) for t in (
    "w:p", "w:tr", "w:tc", "w:tcPr", "w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"))
_VAL, _TYPE, _W = qn("w:val"), qn("w:type"), qn("w:w")


def table(builder: Builder, element: etree._Element, container: Any) -> None:
    """A table with merged cells; layout tables get no borders and fixed column widths."""
    cells, n_rows, n_cols = hs.table_grid(element)
    if not n_rows or not n_cols:
        return
    names = hs.classes(element)
    layout_table = bool(LAYOUT_TABLES & set(names))
    if "doc-footer" in names and container.is_body:
        # The signature never stands alone on a page: the last paragraphs go with it.
        for p in container.element.findall(P)[-2:]:
            p.get_or_add_pPr().keepNext_val = True
    tbl = container.add_table(n_rows, n_cols)
    tbl_pr = tbl.tblPr
    if not layout_table:
        tbl.tblStyle_val = builder.base.table_style_id
        tbl_pr.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _widths(builder, element, cells, n_cols, layout_table)
    tbl_pr.autofit = False
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths):
        grid_col.w = Mm(width)
    rows = tbl.tr_lst
    header_rows = {c.row for c in cells if c.header_row}
    for r, tr in enumerate(rows):  # a new row has no w:trPr yet
        tr_pr = SubElement(tr, TRPR)
        tr.insert(0, tr_pr)
        if r in header_rows:
            SubElement(tr_pr, TBLHEADER).set(VAL, "true")
        SubElement(tr_pr, CANTSPLIT).set(VAL, "true")
    for cell in cells:
        if cell.rowspan > 1 or cell.colspan > 1:
            if not merge_plain(rows, cell.row, cell.col, cell.rowspan, cell.colspan):
                first = grid(tbl, n_cols, cell.row * n_cols + cell.col)
                last = grid(tbl, n_cols, (cell.row + cell.rowspan - 1) * n_cols
                             + cell.col + cell.colspan - 1)
                first.merge(last)
    tcs = grid(tbl, n_cols)
    twips = [str(Mm(w).twips) for w in widths]
    for index, tc in enumerate(tcs):
        set_width(tc, widths[index % n_cols], twips[index % n_cols])
    for cell in cells:
        tc = tcs[cell.row * n_cols + cell.col]
        if not layout_table:
            center(tc)
        _cell(builder, tc, cell.element, layout_table)
        if cell.row in header_rows:
            # A header row never ends a page alone: Word keeps it with the first row below.
            for p in tc.iter(_P):
                p.get_or_add_pPr().keepNext_val = True


def _widths(builder: Builder, element: etree._Element, cells: list[hs.GridCell], n_cols: int,
            layout_table: bool) -> list[float]:
    """Column widths in mm: header/footer split as in the CSS, data tables by content."""
    total = builder.text_width_mm
    if layout_table and n_cols == 2:
        left = builder.layout["header_left_width_pct"] if "doc-header" in hs.classes(element) \
            else 50.0
        return [total * left / 100, total * (100 - left) / 100]
    # Each column gets at least its longest word (no word broken inside, as in the PDF);
    # what is left is shared in proportion to the column's longest text.
    char_mm = builder.layout["table_pt"] * 0.16  # a mean character width of a serif face
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


def _cell(builder: Builder, tc: Any, element: etree._Element, layout_table: bool) -> None:
    """A cell's content: blocks in layout tables and block cells, else one paragraph."""
    place = Cell(builder, tc)
    if layout_table or hs.has_blocks(element):
        builder.blocks(place.new, element, place)
        return
    names = hs.classes(element)
    if element.tag == "th":
        style = "Table Heading"
    elif "center" in names or "num" in names:
        style = "Table Text Center"
    else:
        style = "Table Text"
    builder.paragraph(place.new, element, style)


def center(tc: Any) -> None:
    """Centre a cell's content vertically (python-docx: cell.vertical_alignment = CENTER)."""
    tc_pr = tc.find(_TCPR)
    v_align = tc_pr.find(_VALIGN)
    if v_align is None:
        if tc_pr[-1].tag in (_TCW, _GRIDSPAN, _VMERGE):  # w:vAlign comes after these
            v_align = SubElement(tc_pr, _VALIGN)
        else:
            tc_pr.insert_element_before(OxmlElement("w:vAlign"), "w:hideMark", "w:headers",
                                        "w:cellIns", "w:cellDel", "w:cellMerge",
                                        "w:tcPrChange")
            v_align = tc_pr.find(_VALIGN)
    v_align.set(_VAL, "center")


def _plain(tc: Any) -> bool:
    """A cell of a new table not merged with another: w:tcPr with only its w:tcW, one w:p."""
    return (len(tc) == 2 and tc[0].tag == _TCPR and len(tc[0]) == 1 and tc[0][0].tag == _TCW
            and tc[1].tag == _P and not len(tc[1]))


def merge_plain(rows: list[Any], top: int, left: int, height: int, width: int) -> bool:
    """Merge a rectangle of cells none of which is merged yet, to the XML python-docx's
    CT_Tc.merge writes for it (the cells are still empty); False, and nothing done, when the
    rectangle is not such, for python-docx to merge."""
    if top + height > len(rows):
        return False
    region = []
    for tr in rows[top:top + height]:
        offset, found = 0, []
        for tc in tr.iterchildren(_TC):
            if offset >= left + width:
                break
            if offset >= left:
                if not _plain(tc):
                    return False
                found.append(tc)
                offset += 1
                continue
            tc_pr = tc.find(_TCPR)
            span = tc_pr.find(_GRIDSPAN) if tc_pr is not None else None
            offset += int(span.get(_VAL)) if span is not None else 1
        if len(found) != width or offset != left + width:
            return False
        region.append(found)
    for r, row in enumerate(region):
        first = row[0]
        tc_pr = first[0]
        if width > 1:
            total = sum(Twips(int(tc[0][0].get(_W))) for tc in row)
            if all(int(tc[0][0].get(_W)) for tc in row):  # python-docx adds only set widths
                tc_pr[0].set(_W, str(Length(total).twips))
            else:
                _sum_widths(row)
            SubElement(tc_pr, _GRIDSPAN).set(_VAL, str(width))
            for tc in row[1:]:
                tc.getparent().remove(tc)
        if height > 1:
            v_merge = SubElement(tc_pr, _VMERGE)
            if r == 0:
                v_merge.set(_VAL, "restart")
    return True


def _sum_widths(row: list[Any]) -> None:
    """python-docx's width arithmetic of a horizontal merge, when some width is zero."""
    first = row[0]
    for tc in row[1:]:
        if first.width and tc.width:
            first.width = Length(first.width + tc.width)


def grid(tbl: Any, n_cols: int, index: int | None = None) -> Any:
    """The w:tc elements of the layout grid, one per grid cell (a merged cell repeated), as
    python-docx's Table._cells lists them; with `index`, only the one at that place."""
    cells: list[Any] = []
    for tr in tbl.iterchildren(_TR):
        for tc in tr.iterchildren(_TC):
            span, follows = 1, False
            tc_pr = tc.find(_TCPR)
            if tc_pr is not None:
                grid_span = tc_pr.find(_GRIDSPAN)
                if grid_span is not None:
                    span = int(grid_span.get(_VAL))
                v_merge = tc_pr.find(_VMERGE)
                follows = v_merge is not None and v_merge.get(_VAL, "continue") == "continue"
            for i in range(span):
                if follows:
                    cells.append(cells[-n_cols])
                elif i > 0:
                    cells.append(cells[-1])
                else:
                    cells.append(tc)
            if index is not None and len(cells) > index:
                return cells[index]
    if index is not None:
        return cells[index]  # IndexError, as python-docx's table.cell()
    return cells


def set_width(tc: Any, mm: float, twips: str) -> None:
    """Set a cell's width: in its w:tcW when it has one, else as python-docx would."""
    tc_pr = tc.find(_TCPR)
    tc_w = tc_pr.find(_TCW) if tc_pr is not None else None
    if tc_w is None:
        tc.width = Mm(mm)
    else:
        tc_w.set(_TYPE, "dxa")
        tc_w.set(_W, twips)
