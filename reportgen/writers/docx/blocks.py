"""Blocks of the DOCX writer: the HTML body -> Word paragraphs (with their runs), lists,
pictures, and the tables and section breaks of `tables` and `sections`, in document order."""
from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlparse

from docx.shared import Cm
from lxml import etree

from reportgen.i18n import _
from reportgen.model import Rendered
from reportgen.writers import htmlsubset as hs
from reportgen.writers.docx import base as docxbase
from reportgen.writers.docx import sections, tables
from reportgen.writers.docx.runs import (
    BR,
    DRAWING,
    RPR,
    SECTPR,
    TYPE,
    VAL,
    VERT,
    B,
    Body,
    I,
    R,
    SubElement,
    U,
    add_text,
)
from reportgen.writers.docx.styles import STYLE_OF_CLASS, STYLE_OF_TAG

__all__ = ["Builder", "UnsupportedTag", "MisplacedAppendix"]

UnsupportedTag = hs.UnsupportedTag
MisplacedAppendix = hs.MisplacedAppendix
_DATA_URI = re.compile(r"^data:(?P<mime>[\w/+.-]+)?(?P<b64>;base64)?,(?P<data>.*)$", re.S)


class Builder:
    """Walks the HTML body and appends Word blocks to the body or a table cell."""

    def __init__(self, base: docxbase.Base, body: Any, rendered: Rendered) -> None:
        self.base = base
        self.body = Body(self, body)
        self.media = docxbase.Media(base)
        self.layout = rendered.layout
        self.template = rendered.template or rendered.kind
        self.base_folder = _base_folder(rendered.base_url)
        self.text_width_mm = (self.layout["page_width_mm"] - self.layout["margin_left_mm"]
                              - self.layout["margin_right_mm"])
        self.sect_pr = body.find(SECTPR)  # the main section's properties, from setup_section
        body.remove(self.sect_pr)
        self.section_start = 0  # index in the body of the current section's first block
        self.appendix = False  # whether the current section is an appendix

    def style_id(self, name: str) -> str:
        try:
            return self.base.style_ids[name]
        except KeyError:
            raise KeyError(f"no style with name '{name}'") from None

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
            r = SubElement(p, R)
            if run.br:
                SubElement(r, BR)
                continue
            rpr = SubElement(r, RPR)
            if run.bold:
                SubElement(rpr, B)
            if run.italic:
                SubElement(rpr, I)
            if run.underline:
                SubElement(rpr, U).set(VAL, "single")
            if run.subscript:  # python-docx sets superscript first, then subscript
                SubElement(rpr, VERT).set(VAL, "subscript")
            elif run.superscript:
                SubElement(rpr, VERT).set(VAL, "superscript")
            if run.text:
                add_text(r, run.text)

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
                    r = SubElement(new("Normal"), R)
                    SubElement(r, BR).set(TYPE, "page")
                elif "figure" in names and not hs.has_blocks(child):
                    self.paragraph(new, child, "Figure")
                else:
                    self.blocks(new, child, container)
            elif tag in ("ul", "ol"):
                flush()
                self.list(new, child, container, 1)
            elif tag == "table":
                flush()
                tables.table(self, child, container)
            elif tag == "img":
                flush()
                self.picture(new("Figure"), child)
            elif tag == "section":  # check_subset lets only appendices of the body through
                if not (top and hs.is_appendix(child)):
                    raise MisplacedAppendix(self.template, child.sourceline)
                flush()
                sections.section_break(self)
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

    def picture(self, p: Any, element: etree._Element) -> None:
        """Embed an <img> (data: URI, or a file in the template folder) in a paragraph."""
        data = _image_bytes(element, self.base_folder, self.template)
        if "chart" in hs.classes(element):
            width = Cm(self.layout["chart_width_cm"])
        else:
            width = None
        r = SubElement(p, R)
        inline = self.media.inline(data, width)
        SubElement(r, DRAWING).append(inline)

    def finish(self) -> None:
        """Close the document body."""
        sections.finish(self)


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
            raise ValueError(_("SVG image without a data-png fallback in template {template}, "
                             "line {sourceline}").format(template=template, sourceline=element.sourceline))
        raw = match.group("data")
        return base64.b64decode(raw) if match.group("b64") else unquote(raw).encode("latin-1")
    if base is None or not src:
        raise ValueError(_("image {value!r} in template {template} cannot be resolved").format(
            value=src[:60], template=template))
    path = (base / unquote(urlparse(src).path)).resolve()
    if base.resolve() not in path.parents:
        raise ValueError(_("image {src!r} in template {template} is outside the template folder").format(
            src=src, template=template))
    return path.read_bytes()
