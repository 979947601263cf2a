"""Word named styles of the DOCX writer.

The styles mirror `templates/default/official.css`; both read their sizes from the same layout
values (`reportgen.config.Layout`), so the two formats agree.
"""
from __future__ import annotations

from typing import Any, Mapping

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

__all__ = ["setup_styles", "STYLE_OF_CLASS", "STYLE_OF_TAG", "STYLES_USED", "set_fonts"]

_CENTER, _LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
_JUSTIFY, _RIGHT = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT

#: Paragraph styles: name -> size key of the layout, bold, italic, underline, alignment,
#: first-line indent (None = the layout's), space before in pt (None = the layout's), extra.
_SPECS: dict[str, dict[str, Any]] = {
    "Heading 1": dict(size="body_pt", bold=True, align=_JUSTIFY, space=12),
    "Heading 2": dict(size="body_pt", bold=True, align=_JUSTIFY, space=12),
    "Heading 3": dict(size="body_pt", bold=True, italic=True, align=_JUSTIFY),
    "Report Title": dict(size="title_pt", bold=True, align=_CENTER, indent=0, space=24),
    "Report Subject": dict(size="body_pt", bold=True, align=_CENTER, indent=0, space=0),
    "Header Superior": dict(size="header_pt", align=_CENTER, indent=0, space=0, line=1.15),
    "Header Issuer": dict(size="header_pt", bold=True, align=_CENTER, indent=0, space=0,
                          line=1.15),
    "Header Center": dict(size="header_pt", align=_CENTER, indent=0, space=0, line=1.15),
    "Header Party": dict(size="party_pt", bold=True, align=_CENTER, indent=0, space=0,
                         line=1.15, border=True),
    "Header Date": dict(size="header_pt", italic=True, align=_CENTER, indent=0, space=8,
                        line=1.15),
    "Recipients Heading": dict(size="recipients_pt", bold=True, italic=True, underline=True,
                               align=_LEFT, indent=0, space=0, line=1.0),
    "Recipient": dict(size="recipients_pt", align=_LEFT, indent=0, space=0, line=1.15),
    "Signature Authority": dict(size="body_pt", bold=True, align=_CENTER, indent=0, space=0),
    "Signature Title": dict(size="body_pt", align=_CENTER, indent=0, space=0),
    "Signature Space": dict(size="body_pt", align=_CENTER, indent=0, space=0, height_cm=2.6),
    "Signature Name": dict(size="body_pt", bold=True, align=_CENTER, indent=0, space=0),
    "Note": dict(size="table_pt", italic=True, align=_JUSTIFY, line=1.2),
    # A source list can run to hundreds of entries: the size of notes, tight lines.
    "Source": dict(size="table_pt", align=_JUSTIFY, indent=0, hanging=True, space=2, line=1.15),
    "Figure": dict(size="body_pt", align=_CENTER, indent=0),
    "Caption Text": dict(size="table_pt", italic=True, align=_CENTER, indent=0, space=2),
    "Centered": dict(size="body_pt", align=_CENTER, indent=0),
    "Right": dict(size="body_pt", align=_RIGHT, indent=0),
    "Left": dict(size="body_pt", align=_LEFT),
    "Table Text": dict(size="table_pt", align=_LEFT, indent=0, space=0, line=1.2),
    "Table Text Center": dict(size="table_pt", align=_CENTER, indent=0, space=0, line=1.2),
    "Table Heading": dict(size="table_pt", bold=True, align=_CENTER, indent=0, space=0,
                          line=1.2),
}

#: HTML class -> Word style (the first class of an element found here wins).
STYLE_OF_CLASS: dict[str, str] = {
    "title": "Report Title", "subject": "Report Subject", "subject-rule": "Report Subject",
    "superior": "Header Superior", "issuer": "Header Issuer", "star": "Header Center",
    "number": "Header Center", "party": "Header Party", "place-date": "Header Date",
    "recipients-head": "Recipients Heading", "recipient": "Recipient",
    "sign-body": "Signature Authority", "sign-title": "Signature Title",
    "sign-space": "Signature Space", "sign-name": "Signature Name",
    "note": "Note", "table-note": "Note", "source": "Source", "caption": "Caption Text",
    "figure": "Figure", "center": "Centered", "right": "Right", "left": "Left",
}
#: HTML tag -> Word style when no class applies.
STYLE_OF_TAG: dict[str, str] = {"p": "Normal", "h1": "Heading 1", "h2": "Heading 2",
                                "h3": "Heading 3", "li": "List Bullet", "div": "Normal"}
#: Every style the DOCX writer gives a paragraph or table (ids looked up once per layout).
STYLES_USED: frozenset[str] = frozenset({
    *STYLE_OF_CLASS.values(), *STYLE_OF_TAG.values(), "Normal", "Figure", "Table Grid",
    "Table Heading", "Table Text", "Table Text Center", "List Bullet", "List Bullet 2",
    "List Bullet 3", "List Number", "List Number 2", "List Number 3"})


def set_fonts(rpr_owner: Any, font: str, lang: str = "vi-VN") -> None:
    """Set every font slot (ascii, hAnsi, east-Asian, complex) and the language of an rPr."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):  # a theme font would override the named one
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), lang)
    lang_el.set(qn("w:bidi"), lang)


def _apply(style: ParagraphStyle, spec: Mapping[str, Any], layout: Mapping[str, Any]) -> None:
    font = style.font
    font.name = layout["font_docx"]
    font.size = Pt(layout[spec.get("size", "body_pt")])
    font.bold = spec.get("bold", False)
    font.italic = spec.get("italic", False)
    font.underline = spec.get("underline", False)
    font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, layout["font_docx"])
    fmt = style.paragraph_format
    fmt.alignment = spec.get("align", _JUSTIFY)
    indent = spec.get("indent")
    fmt.first_line_indent = Cm(layout["first_line_indent_cm"] if indent is None else indent)
    if spec.get("hanging"):
        fmt.left_indent, fmt.first_line_indent = Cm(layout["first_line_indent_cm"]), Cm(0)
    space = spec.get("space")
    fmt.space_before = Pt(layout["space_before_pt"] if space is None else space)
    fmt.space_after = Pt(0)
    fmt.line_spacing = spec.get("line", layout["line_spacing"])
    if spec.get("height_cm"):
        fmt.space_before = Cm(spec["height_cm"])
    if style.name.startswith("Heading") or style.name == "Figure":
        fmt.keep_with_next = True  # a heading with its text, a chart with its caption (HD 36)
    if spec.get("border"):
        # Indented so the rule is about as long as the party name, as in the PDF.
        fmt.left_indent = fmt.right_indent = Cm(0.4)
        _bottom_border(style)


def _bottom_border(style: ParagraphStyle) -> None:
    """A thin rule under the paragraph (the line under "ĐẢNG CỘNG SẢN VIỆT NAM")."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert(0, borders)


def setup_styles(document: Document, layout: Mapping[str, Any]) -> None:
    """Normal (body text), headings and the role styles the HTML classes map onto."""
    styles = document.styles
    # Document defaults too, so table styles and list styles inherit the font.
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(_RPrOwner(rpr_default), layout["font_docx"])
    normal = styles["Normal"]
    _apply(normal, dict(size="body_pt", align=_JUSTIFY), layout)
    for name, spec in _SPECS.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.quick_style = True
        _apply(style, spec, layout)
    for name in ("List Bullet", "List Number", "Caption"):
        _apply(styles[name], dict(size="body_pt", align=_JUSTIFY, indent=0), layout)


class _RPrOwner:
    """Adapter giving a w:rPrDefault the get_or_add_rPr() of a style element."""

    def __init__(self, element: Any) -> None:
        self.element = element

    def get_or_add_rPr(self) -> Any:  # noqa: N802 - mirrors python-docx
        rpr = self.element.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            self.element.append(rpr)
        return rpr
