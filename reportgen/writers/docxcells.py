"""Table cells of the DOCX writer, edited as XML: merging, widths, alignment, the layout grid.

Each function writes the XML python-docx's proxy objects would write (the golden tests compare
the result), without creating those objects for every cell of a table of hundreds of rows.
"""
from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Twips
from lxml import etree

__all__ = ["center", "merge_plain", "grid", "set_width"]

_SubElement = etree.SubElement
_P, _TR, _TC, _TCPR, _TCW, _GRIDSPAN, _VMERGE, _VALIGN = (qn(t) for t in (
    "w:p", "w:tr", "w:tc", "w:tcPr", "w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"))
_VAL, _TYPE, _W = qn("w:val"), qn("w:type"), qn("w:w")


def center(tc: Any) -> None:
    """Centre a cell's content vertically (python-docx: cell.vertical_alignment = CENTER)."""
    tc_pr = tc.find(_TCPR)
    v_align = tc_pr.find(_VALIGN)
    if v_align is None:
        if tc_pr[-1].tag in (_TCW, _GRIDSPAN, _VMERGE):  # w:vAlign comes after these
            v_align = _SubElement(tc_pr, _VALIGN)
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
            _SubElement(tc_pr, _GRIDSPAN).set(_VAL, str(width))
            for tc in row[1:]:
                tc.getparent().remove(tc)
        if height > 1:
            v_merge = _SubElement(tc_pr, _VMERGE)
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
