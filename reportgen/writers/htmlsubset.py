"""The HTML subset templates may use, and format-neutral helpers to read it.

Parses rendered HTML with lxml, checks every tag against the subset (a tag outside it raises
`UnsupportedTag` naming the tag, the template and the line), collects inline runs with their
formatting and lays out table cells on a grid with their row and column spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import lxml.html
from lxml import etree

__all__ = ["UnsupportedTag", "MisplacedAppendix", "Run", "GridCell", "parse", "check_subset",
           "inline_runs", "table_grid", "classes", "is_appendix", "BLOCK_TAGS", "INLINE_TAGS",
           "HEAD_TAGS"]

#: Tags that make paragraphs, lists, tables and images; ``section`` only as an appendix
#: (``<section class="appendix">``, a child of ``<body>``: see `check_subset`).
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "div", "section", "ul", "ol", "li", "table",
                        "thead", "tbody", "tr", "th", "td", "img"})
#: Tags that format runs inside a paragraph.
INLINE_TAGS = frozenset({"b", "strong", "i", "em", "u", "br", "span", "sup", "sub", "img"})
#: Document-level tags whose content is metadata (read for core properties, never as text).
HEAD_TAGS = frozenset({"html", "head", "body", "title", "meta", "style", "link"})

_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML white space; the no-break space is kept


class UnsupportedTag(ValueError):
    """A tag the DOCX writer cannot map: named with the template and line it comes from."""

    def __init__(self, tag: str, template: str, line: int | None) -> None:
        where = f"{template} (rendered HTML line {line})" if line else template
        super().__init__(f"unsupported tag <{tag}> in template {where}: the DOCX writer maps "
                         f"only {', '.join(sorted((BLOCK_TAGS | INLINE_TAGS) - {'section'}))}, "
                         'and <section class="appendix"> children of <body>')
        self.tag = tag
        self.template = template
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:  # picklable: it crosses from a worker process
        return (type(self), (self.tag, self.template, self.line))


class MisplacedAppendix(UnsupportedTag):
    """A ``<section class="appendix">`` that is not a child of ``<body>``."""

    def __init__(self, template: str, line: int | None) -> None:
        super().__init__("section", template, line)
        where = f"{template} (rendered HTML line {line})" if line else template
        self.args = (f'<section class="appendix"> in template {where} is not a child of '
                     f"<body>: an appendix starts only at the top level of the document",)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.template, self.line))


@dataclass
class Run:
    """A piece of text with its formatting; `text == "\\n"` with `br` set is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    superscript: bool = False
    subscript: bool = False
    br: bool = False
    image: etree._Element | None = None


@dataclass
class GridCell:
    """A table cell placed on the grid: top-left position, spans, element, header flag."""

    row: int
    col: int
    rowspan: int
    colspan: int
    element: etree._Element
    header_row: bool


def classes(element: etree._Element) -> list[str]:
    """The class names of an element."""
    return (element.get("class") or "").split()


def is_appendix(element: etree._Element) -> bool:
    """Whether an element is an appendix section (``<section class="appendix">``)."""
    return element.tag == "section" and "appendix" in classes(element)


def parse(html: str) -> etree._Element:
    """Parse a rendered document; returns the <html> element."""
    return lxml.html.document_fromstring(html)


def check_subset(root: etree._Element, template: str) -> None:
    """Raise `UnsupportedTag` for the first element outside the subset: an unknown tag, a
    ``section`` that is not an appendix, an appendix that is not a child of ``body``."""
    allowed = BLOCK_TAGS | INLINE_TAGS | HEAD_TAGS
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        if element.tag not in allowed:
            raise UnsupportedTag(element.tag, template, element.sourceline)
        if element.tag == "section":
            if not is_appendix(element):
                raise UnsupportedTag("section", template, element.sourceline)
            parent = element.getparent()
            if parent is None or parent.tag != "body":
                raise MisplacedAppendix(template, element.sourceline)


def _span(element: etree._Element, name: str) -> int:
    try:
        return max(1, int(element.get(name) or 1))
    except ValueError:
        return 1


def table_grid(table: etree._Element) -> tuple[list[GridCell], int, int]:
    """Cells of a table on a grid (row/col spans honoured), with the row and column counts."""
    rows: list[tuple[etree._Element, bool]] = []
    for child in table:
        if child.tag in ("thead", "tbody"):
            rows.extend((tr, child.tag == "thead") for tr in child if tr.tag == "tr")
        elif child.tag == "tr":
            rows.append((child, False))
    taken: set[tuple[int, int]] = set()
    row_end: dict[int, int] = {}  # row -> one past its last place taken
    cells: list[GridCell] = []
    n_cols = 0
    for r, (tr, header) in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:  # skip places covered by a rowspan from above
                c += 1
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            colspan = _span(td, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
                row_end[r + dr] = max(row_end.get(r + dr, 0), c + colspan)
            cells.append(GridCell(r, c, rowspan, colspan, td, header))
            c += colspan
        n_cols = max(n_cols, c, row_end.get(r, 0))
    return cells, len(rows), n_cols


def collapse(text: str) -> str:
    """HTML white-space collapsing (no-break spaces survive)."""
    return _SPACE.sub(" ", text)


def inline_runs(element: etree._Element, template: str, bold: bool = False,
                italic: bool = False, underline: bool = False, sup: bool = False,
                sub: bool = False) -> Iterator[Run]:
    """The runs of an element's content, formatting inherited from inline tags."""
    fmt = dict(bold=bold, italic=italic, underline=underline, superscript=sup, subscript=sub)
    if element.text:
        yield Run(collapse(element.text), **fmt)
    for child in element:
        if isinstance(child.tag, str):
            tag = child.tag
            if tag == "br":
                yield Run("\n", br=True, **fmt)
            elif tag == "img":
                yield Run("", image=child, **fmt)
            elif tag in INLINE_TAGS:
                yield from inline_runs(
                    child, template, bold=bold or tag in ("b", "strong"),
                    italic=italic or tag in ("i", "em"), underline=underline or tag == "u",
                    sup=sup or tag == "sup", sub=sub or tag == "sub")
            else:
                raise UnsupportedTag(tag, template, child.sourceline)
        if child.tail:
            yield Run(collapse(child.tail), **fmt)


def trim(runs: list[Run]) -> list[Run]:
    """Drop white space at the start and end of a paragraph and around line breaks."""
    out: list[Run] = []
    at_line_start = True
    for run in runs:
        if run.br or run.image is not None:
            if out and not out[-1].br and out[-1].image is None:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(run)
            at_line_start = run.br
            continue
        text = run.text.lstrip(" ") if at_line_start else run.text
        if out and not out[-1].br and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")  # one space across run boundaries, as HTML renders
        if text:
            run.text = text
            out.append(run)
            at_line_start = False
    while out and not out[-1].br and out[-1].image is None and out[-1].text.endswith(" "):
        out[-1].text = out[-1].text.rstrip(" ")
        if not out[-1].text:
            out.pop()
        else:
            break
    return out


def has_blocks(element: etree._Element) -> bool:
    """Whether an element holds block-level children (then it is not one paragraph)."""
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS - {"img"} for c in element)
