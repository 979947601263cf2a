"""`reportgen templates new KIND --format docx`: a Word template for an office to restyle.

A built-in context's content is written as a Word document in the plain official layout of the
HTML kinds (header, title, tables, signature, the same Word styles): each built-in kind has a
skeleton (`skeletons/KIND.html`, inside `skeletons/base.html`), HTML whose text is the Word
template's docxtpl tags, and the HTML kinds' own DOCX writer turns it into the document. In a
skeleton, a cell with `data-each="main_indicators"` becomes one column per indicator (`@key@`,
`@short@` replaced), so an office sees every column and may drop some; `colspan="*"` spans the
table; `data-widths="7,22,*"` gives the column widths in percent (`*`: the rest, shared);
`@INCLUDE name@` is `skeletons/name.html`, a part two places share. A kind that has a Word
template already is copied instead.
"""
from __future__ import annotations

import copy
import io
import re
import shutil
from pathlib import Path
from typing import Any

from reportgen.config import Config
from reportgen.contexts.compare import DERIVED_INDICATORS, MAIN_INDICATORS
from reportgen.model import Rendered
from reportgen.templating.folders import TemplateKind, declared_context, word_text

__all__ = ["SKELETONS", "skeleton_html", "write_word_template"]

SKELETONS = Path(__file__).resolve().parent / "skeletons"


def skeleton_html(context: str, name: str, note: str) -> str:
    """The HTML of the Word template of a built-in context, for report kind `name`."""
    base = (SKELETONS / "base.html").read_text(encoding="utf-8")
    body = (SKELETONS / f"{context}.html").read_text(encoding="utf-8")
    # "@INCLUDE name@": skeletons/name.html, a part two places of a skeleton share
    body = re.sub(r"@INCLUDE ([a-z-]+)@", lambda m: (SKELETONS / f"{m.group(1)}.html").read_text(
        encoding="utf-8").rstrip("\n"), body)
    body, _, appendices = body.partition("<!-- appendices -->\n")
    return (base.replace("@CONTEXT@", context).replace("@NOTE@", note)
            .replace("@BODY@", body.rstrip("\n")).replace("@APPENDICES@", appendices.rstrip("\n")))


_COLUMNS = {"main_indicators": MAIN_INDICATORS, "derived_indicators": DERIVED_INDICATORS}


def _expanded(html: str) -> tuple[str, list[list[str] | None]]:
    """The skeleton with its per-indicator columns and table-wide spans written out, and the
    column widths of each top-level table."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for cell in list(root.iter("th", "td")):
        each = cell.attrib.pop("data-each", None)
        if each is None:
            continue
        for indicator in _COLUMNS[each]:
            column = copy.deepcopy(cell)
            column.tail = None
            for element in column.iter():
                for attr in ("text", "tail"):
                    value = getattr(element, attr)
                    if value:
                        setattr(element, attr, value.replace("@key@", indicator.key)
                                .replace("@short@", indicator.short or indicator.label))
            cell.addprevious(column)
        cell.getparent().remove(cell)
    widths: list[list[str] | None] = []
    for table in root.xpath("//table[not(ancestor::table)]"):
        first = table.xpath(".//tr")[0]
        span = sum(int(c.get("colspan", "1")) for c in first.xpath("th|td"))
        for cell in table.xpath('.//*[@colspan="*"]'):
            cell.set("colspan", str(span))
        given = table.attrib.pop("data-widths", None)
        widths.append(given.split(",") if given else None)
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode"), widths


def _set_widths(data: bytes, widths: list[list[str] | None], text_width_mm: float) -> bytes:
    """The document with the given column widths (percent of the text width) on its tables."""
    import docx
    from docx.shared import Mm

    document = docx.Document(io.BytesIO(data))
    for table, given in zip(document.tables, widths):
        if not given:
            continue
        columns = len(table.columns)
        fixed = [float(w) for w in given if w != "*"]
        rest = (100.0 - sum(fixed)) / max(1, columns - len(fixed))
        percents = [float(w) for w in given[:-1]] + \
            ([rest] * (columns - len(given) + 1) if given[-1] == "*" else [float(given[-1])])
        mm = [text_width_mm * p / 100 for p in percents[:columns]]
        for column, width in zip(table.columns, mm):
            column.width = Mm(width)
        for row in table.rows:
            at = 0
            for tc in row._tr.tc_lst:
                tc.width = Mm(sum(mm[at:at + tc.grid_span]))
                at += tc.grid_span
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text_width_mm(layout: dict[str, Any]) -> float:
    return float(layout["page_width_mm"] - layout["margin_left_mm"] - layout["margin_right_mm"])


def _with_context(source: Path, target: Path, context: str) -> None:
    """Copy a Word template, adding the context comment first when it declares none."""
    if declared_context(word_text(source)):
        shutil.copyfile(source, target)
        return
    import docx

    document = docx.Document(str(source))
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    first.insert_paragraph_before(f"{{#p context: {context} #}}")
    document.save(str(target))


def write_word_template(target: Path, name: str, base: TemplateKind, context: str,
                        config: Config, note: str) -> None:
    """Write the Word template of report kind `name` made from kind `base` at `target`."""
    from reportgen.writers.docx import docx_bytes

    target.parent.mkdir(parents=True, exist_ok=True)
    if base.word is not None:
        _with_context(base.word, target, context)
        return
    html, widths = _expanded(skeleton_html(context, name, note))
    layout = config.layout.as_dict()
    rendered = Rendered(kind=name, title="{{ subject }}", html=html, base_url=None,
                        metadata={"subject": "{{ subject }}", "keywords": f"reportgen, {name}",
                                  "language": "vi-VN"},
                        layout=layout, template=f"skeletons/{context}.html")
    target.write_bytes(_set_widths(docx_bytes(rendered), widths, _text_width_mm(layout)))
