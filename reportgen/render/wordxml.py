"""Where a tag of a Word template is: the paragraph or table cell its author finds it in.

docxtpl renders each part of a Word template (the body, each header and footer) as one Jinja
template: the part's XML with the tags freed of their runs and every paragraph on its own line.
A Jinja error names a line of that XML, so a problem is first located as `TEMPLATE::PART` and
that line (`word_filename`); `relocate` then finds the tags of the line among the tags of the
document as Word shows it (in document order, matched one by one) and names the place:
`paragraph 3 “KIỂM TRA {{ unit.nam }}”`, `table 1, row 2, cell 3 “{{ ind.lable }}”`.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportgen.errors import Problem

__all__ = ["SEPARATOR", "word_filename", "split_filename", "relocate", "locate", "part_lines",
           "patched_parts", "normal_tag", "TAG"]

#: Between the template file and the part in the file name of a Word template's Jinja template.
SEPARATOR = "::"
BODY = "word/document.xml"
PROPERTIES = "docProps/core.xml"
TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PREFIX = re.compile(r"^(?:tr|tc|p|r)(?=\s)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_OPENERS = {"for", "if", "macro", "call", "filter", "block", "with", "raw", "autoescape"}
_QUOTED = re.compile(r"'([^']+)'")
_XML = re.compile(r"<[^>]*>")
_OPEN = re.compile(r"\{\{(?![^{}]*\}\})|\{%(?![^{}]*%\})")


def word_filename(template: Path | str, part: str) -> str:
    """The file name Jinja gives a part of a Word template (errors carry it)."""
    return f"{template}{SEPARATOR}{part}"


def split_filename(name: str) -> tuple[str, str] | None:
    """(template, part) of a name `word_filename` made, else None."""
    if SEPARATOR not in name:
        return None
    template, part = name.rsplit(SEPARATOR, 1)
    return template, part


def normal_tag(tag: str) -> str:
    """A tag as both sides compare it: no row/cell/paragraph/run prefix, no trim marks, straight
    quotes, single spaces."""
    inner = html.unescape(tag[2:-2]).translate(_QUOTES).strip()
    inner = _PREFIX.sub("", inner.lstrip("-+").lstrip()).rstrip("-+")
    return tag[:2] + " ".join(inner.split())


@dataclass(frozen=True)
class _Place:
    label: str  # "paragraph 3", "table 1, row 2, cell 3", "header, paragraph 1"
    text: str

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        shown = text if len(text) <= 60 else text[:59] + "…"
        return f"{self.label} “{shown}”" if shown else self.label


def _places(root: object, prefix: str) -> list[tuple[str, _Place]]:
    """(normal tag, place) of every tag of a part, in document order; a paragraph without tags
    is there with the tag "" (for problems outside any tag)."""
    tables = list(root.iter(f"{_W}tbl"))  # type: ignore[attr-defined]
    out: list[tuple[str, _Place]] = []
    paragraphs = 0
    for p in root.iter(f"{_W}p"):  # type: ignore[attr-defined]
        text = "".join(t.text or "" for t in p.iter(f"{_W}t"))
        cell = next((a for a in p.iterancestors(f"{_W}tc")), None)
        if cell is None:
            paragraphs += 1
            label = f"paragraph {paragraphs}"
        else:
            row = cell.getparent()
            table = row.getparent() if row is not None else None
            rows = table.findall(f"{_W}tr") if table is not None else [row]
            cells = row.findall(f"{_W}tc") if row is not None else [cell]
            label = (f"table {tables.index(table) + 1}, row {rows.index(row) + 1}, "
                     f"cell {cells.index(cell) + 1}")
        place = _Place(prefix + label, text)
        tags = [normal_tag(m.group(0)) for m in TAG.finditer(text)]
        out.extend((tag, place) for tag in tags or [""])
    return out


def part_lines(xml: str) -> list[str]:
    """The lines of a part's patched XML as docxtpl hands them to Jinja."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).split("\n")


@lru_cache(maxsize=8)
def patched_parts(template: str, stamp: float) -> dict[str, tuple[list[str], list[tuple[str, _Place]]]]:
    """Each part of a Word template: its lines as Jinja sees them, and its tags as Word shows them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import parse_xml
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(template)
    tpl.init_docx()
    body = tpl.docx._element.body
    parts = {BODY: (part_lines(tpl.patch_xml(tpl.xml_to_string(body))), _places(body, ""))}
    for rel in tpl.docx.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            where = "header" if rel.reltype == RT.HEADER else "footer"
            parts[str(rel.target_part.partname).lstrip("/")] = (
                part_lines(tpl.patch_xml(tpl.xml_to_string(root))), _places(root, f"{where}, "))
    return parts


def _aligned(lines: list[str], places: list[tuple[str, _Place]]) -> dict[int, list[tuple[str, _Place]]]:
    """The tags of each line (1-based), each with its place; tags docxtpl added have none."""
    out: dict[int, list[tuple[str, _Place]]] = defaultdict(list)
    at = 0
    for number, line in enumerate(lines, 1):
        for match in TAG.finditer(line):
            tag = normal_tag(match.group(0))
            found = next((k for k in range(at, min(len(places), at + 64))
                          if places[k][0] == tag), None)
            if found is not None:
                out[number].append(places[found])
                at = found + 1
    return out


def _unclosed(places: list[tuple[str, _Place]]) -> _Place | None:
    """The place of the last block tag ({% for %}, {% if %}, ...) that is never closed."""
    stack: list[tuple[str, _Place]] = []
    for tag, place in places:
        if not tag.startswith("{%"):
            continue
        word = tag[2:].split(" ", 1)[0]
        if word in _OPENERS or (word == "set" and "=" not in tag):
            stack.append((word, place))
        elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
            stack.pop()
    return stack[-1][1] if stack else None


def locate(template: str, part: str, line: int | None, message: str = "") -> str:
    """The place in a Word template of the tag at `line` of a part, for a problem `message`."""
    if part == PROPERTIES:
        return "document properties (File > Properties)"
    try:
        stamp = Path(template).stat().st_mtime
        lines, places = patched_parts(template, stamp).get(part, ([], []))
    except Exception:  # noqa: BLE001 - a template that cannot be read has no places to name
        return part
    if "end of template" in message:
        place = _unclosed(places)
        if place is not None:
            return str(place)
    tags = _aligned(lines, [p for p in places if p[0]])
    candidates = tags.get(line or 0)
    if not candidates:
        # No whole tag on the line: a tag left open (docxtpl then joins everything up to the
        # next closing braces), else the paragraph holding the line's text.
        text = " ".join(_XML.sub("", lines[line - 1] if line and line <= len(lines) else "").split())
        found = next((p for _, p in places if _OPEN.search(p.text)), None) or \
            next((p for _, p in places if text and text in " ".join(p.text.split())), None)
        if found is not None:
            return str(found)
        candidates = next((tags[n][-1:] for n in range(line or 0, 0, -1) if tags.get(n)), [])
    if not candidates:
        return "paragraph 1" if part == BODY else part
    for name in _QUOTED.findall(message):
        word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for tag, place in candidates:
            if word.search(tag):
                return str(place)
    return str(candidates[0][1])


def relocate(problem: Problem) -> Problem:
    """A problem located as TEMPLATE::PART:line, located in the document as Word shows it."""
    split = split_filename(problem.path)
    if split is None:
        return problem
    template, part = split
    if problem.line is None and part != PROPERTIES:
        # No line to go by (a time limit struck between two pieces of output): the template only.
        return Problem(template, None, problem.message, problem.hint)
    return Problem(f"{template}, {locate(template, part, problem.line, problem.message)}", None,
                   problem.message, problem.hint)
