"""Page setup, the page-number header and section breaks of the DOCX writer.

The main section gets the layout's paper and margins and a PAGE field in its header from page 2;
each appendix is a new section with the same setup whose numbers restart at 1.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Mapping

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reportgen.writers.docx.runs import TBL, P, SubElement

if TYPE_CHECKING:
    from reportgen.writers.docx.blocks import Builder

__all__ = ["setup_section", "section_properties", "section_break", "trailing_paragraph", "finish"]

#: What may follow w:pgNumType in a w:sectPr (schema order).
_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                    "w:sectPrChange")


def _page_field(paragraph: Any) -> None:
    """A PAGE field (begin, instruction, separator, placeholder, end) in a paragraph."""
    def fld(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    for part in (fld("begin"), instr, fld("separate")):
        paragraph.add_run()._r.append(part)
    paragraph.add_run("2")
    paragraph.add_run()._r.append(fld("end"))


def setup_section(document: Document, layout: Mapping[str, Any]) -> None:
    """A4 (or the layout's size), the margins, and page numbers centred from page 2."""
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Mm(layout["page_width_mm"])
    section.page_height = Mm(layout["page_height_mm"])
    section.top_margin = Mm(layout["margin_top_mm"])
    section.bottom_margin = Mm(layout["margin_bottom_mm"])
    section.left_margin = Mm(layout["margin_left_mm"])
    section.right_margin = Mm(layout["margin_right_mm"])
    section.header_distance = Mm(layout["header_distance_mm"])
    section.footer_distance = Mm(layout["header_distance_mm"])
    # The first page has its own (empty) header: no number on page 1.
    section.different_first_page_header_footer = True
    header = section.header
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles["Centered"]
    paragraph.paragraph_format.space_before = Pt(0)
    _page_field(paragraph)
    for run in paragraph.runs:
        run.font.size = Pt(layout["page_number_pt"])


def section_properties(builder: Builder, appendix: bool) -> Any:
    """A w:sectPr of the main section's page setup and header; numbered from 1 for an
    appendix. The first page of every section shows no number (w:titlePg, no first-page
    header), as setup_section does for the main section."""
    sect_pr = copy.deepcopy(builder.sect_pr)
    if appendix:
        number = OxmlElement("w:pgNumType")
        number.set(qn("w:start"), "1")
        sect_pr.insert_element_before(number, *_AFTER_PGNUMTYPE)
    return sect_pr


def section_break(builder: Builder) -> None:
    """End the current section (its last paragraph carries its w:sectPr); an appendix
    starts. A section with nothing in it is not written: the appendix takes its place."""
    body = builder.body.element
    if len(body) > builder.section_start:
        last = body[-1]
        if last.tag != P:  # a table: Word wants a paragraph to hold the section break
            last = trailing_paragraph(builder)
        last.set_sectPr(section_properties(builder, builder.appendix))
        builder.section_start = len(body)
    builder.appendix = True


def trailing_paragraph(builder: Builder) -> Any:
    """An empty "Normal" paragraph at the end of the body (after a table)."""
    p = SubElement(builder.body.element, P)
    p.get_or_add_pPr().style = builder.base.normal_id
    return p


def finish(builder: Builder) -> None:
    """Close the body: a paragraph after a last table, then the last section's properties."""
    body = builder.body.element
    if len(body) and body[-1].tag == TBL:  # Word wants a paragraph last
        trailing_paragraph(builder)
    body.append(section_properties(builder, builder.appendix) if builder.appendix else builder.sect_pr)
