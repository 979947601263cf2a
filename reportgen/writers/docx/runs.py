"""Paragraphs and runs of the DOCX writer as XML, and the places blocks are appended to.

The elements are what python-docx's proxy objects would write (`new_p` as add_p + style,
`add_text` as the run.text setter), built with lxml directly: a report of hundreds of table rows
would otherwise create a proxy object for every paragraph and cell.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Inches
from lxml import etree

if TYPE_CHECKING:
    from reportgen.writers.docx.blocks import Builder

__all__ = ["SubElement", "new_p", "set_style", "add_text", "Body", "Cell", "P", "PPR", "PSTYLE", "R",
           "RPR", "T", "BR", "B", "I", "U", "VERT", "DRAWING", "TBL", "TR", "TRPR", "SECTPR", "VAL", "TYPE",
           "TBLHEADER", "CANTSPLIT"]

SubElement = etree.SubElement
P, PPR, PSTYLE, R, RPR, T, BR = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:t", "w:br"))
B, I, U, VERT, DRAWING = (qn(t) for t in ("w:b", "w:i", "w:u", "w:vertAlign", "w:drawing"))  # noqa: E741
TBL, TR, TRPR = qn("w:tbl"), qn("w:tr"), qn("w:trPr")
SECTPR, VAL, TYPE = qn("w:sectPr"), qn("w:val"), qn("w:type")
TBLHEADER, CANTSPLIT = qn("w:tblHeader"), qn("w:cantSplit")
_PRESERVE = qn("xml:space")


def new_p(parent: Any, style_id: str) -> Any:
    """A paragraph of the style appended to `parent` (as python-docx's add_p + style)."""
    p = SubElement(parent, P)
    SubElement(SubElement(p, PPR), PSTYLE).set(VAL, style_id)
    return p


def set_style(p: Any, style_id: str) -> None:
    """Give an existing paragraph a style by its id."""
    if len(p):
        p.get_or_add_pPr().style = style_id
    else:
        SubElement(SubElement(p, PPR), PSTYLE).set(VAL, style_id)


def add_text(r: Any, text: str) -> None:
    """Run content of `text`, as python-docx's run.text setter writes it."""
    if "\t" in text or "\r" in text or "\n" in text:
        r.text = text  # python-docx: w:tab and w:br elements between the w:t
        return
    t = SubElement(r, T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_PRESERVE, "preserve")


class Body:
    """The document body as a place for blocks."""

    is_body = True

    def __init__(self, builder: Builder, element: Any) -> None:
        self.builder = builder
        self.element = element

    def new(self, style: str) -> Any:
        return new_p(self.element, self.builder.style_id(style))

    def add_table(self, rows: int, cols: int) -> Any:
        tbl = CT_Tbl.new_tbl(rows, cols, self.builder.base.block_width)
        self.element.append(tbl)
        return tbl


class Cell:
    """A table cell as a place for blocks: its first (empty) paragraph is used first."""

    is_body = False

    def __init__(self, builder: Builder, tc: Any) -> None:
        self.builder = builder
        self.element = tc
        self.first: Any = tc.find(P)
        if self.first is None:
            raise IndexError("list index out of range")  # as python-docx's cell.paragraphs[0]

    def new(self, style: str) -> Any:
        style_id = self.builder.style_id(style)
        p, self.first = self.first, None
        if p is None:
            return new_p(self.element, style_id)
        set_style(p, style_id)
        return p

    def add_table(self, rows: int, cols: int) -> Any:
        width = self.element.width  # python-docx: as wide as the cell, or 1 inch
        tbl = CT_Tbl.new_tbl(rows, cols, width if width is not None else Inches(1))
        self.element.append(tbl)
        SubElement(self.element, P)  # Word wants a paragraph last in a cell
        return tbl
