"""Tables written as text rows: "Chỉ tiêu | Năm 2015 | Năm 2016" over "Tổng số đảng viên | 10.420 |
10.512". Each figure is read as its row's label followed by the figure, with the year of its
column's header.

The rules read one figure at a time in a copy of the row where the cells between the label and that
figure are blank (same length, same offsets), so "Kết nạp đảng viên mới | 198 | 215" gives two
admissions, of the header's two years.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.mentions import Mention
from reportgen.extract.roles.items import noun_at
from reportgen.extract.segment import Layout, Sentence

__all__ = ["Cell", "row_cells", "header_years", "blank_between", "column_skipped", "column_nouns", "target_share",
           "index_column", "header_texts"]

_SEPARATOR = fastre.compile(r"\s*(?:\||\t)\s*")
_YEAR = fastre.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class Cell:
    """A cell of a text row: its span."""

    start: int
    end: int


def row_cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of the row text[start:end] ("|" or tab separated)."""
    cells, at = [], start
    for m in _SEPARATOR.finditer(text, start, end):
        cells.append(Cell(at, m.start()))
        at = m.end()
    cells.append(Cell(at, end))
    return [c for c in cells if c.end > c.start or c is cells[0]]


def header_years(layout: Layout, sentence: Sentence) -> list[int | None] | None:
    """The year of each column from the nearest row above this one (in the same table) whose cells
    name years; None when there is no such header."""
    block = layout.blocks[sentence.paragraph]
    index = block.index - 1
    while index >= 0 and layout.blocks[index].kind == "row":
        above = layout.blocks[index]
        cells = row_cells(layout.text, above.start, above.end)
        years = [int(m.group(1)) if (m := _YEAR.search(layout.text, c.start, c.end)) else None for c in cells]
        if sum(y is not None for y in years) >= 1 and years[0] is None:
            return years
        index -= 1
    return None


# Columns of plans or shares: "Kế hoạch năm 2024", "Chỉ tiêu", "Tỷ lệ (%)" hold no result counted.
_NOT_RESULT = fastre.compile(r"kế hoạch|chỉ tiêu|dự kiến|phấn đấu|mục tiêu|tỷ lệ|%|so sánh|tăng,? giảm", re.I)


def _header(layout: Layout, sentence: Sentence) -> list[Cell]:
    """The cells of the first row of the table this row is in, when that row is not this one."""
    index = layout.blocks[sentence.paragraph].index
    first = index
    while first > 0 and layout.blocks[first - 1].kind == "row":
        first -= 1
    if first == index:
        return []
    head = layout.blocks[first]
    return row_cells(layout.text, head.start, head.end)


def column_skipped(layout: Layout, sentence: Sentence) -> list[bool]:
    """For each column of the table this row is in, whether its header names a plan or a share."""
    return [bool(_NOT_RESULT.search(layout.text, c.start, c.end)) and not re.search(r"thực hiện|kết quả", layout.text[c.start:c.end], re.I)
            for c in _header(layout, sentence)]


_SHARE = fastre.compile(r"tỷ lệ|%", re.I)
_PLAN = fastre.compile(r"kế hoạch|chỉ tiêu|nghị quyết", re.I)


_INDEX = fastre.compile(r"\W*(?:STT|TT|Số TT|số thứ tự|#)\W*", re.I)


def index_column(layout: Layout, sentence: Sentence) -> bool:
    """Whether the table's first column numbers its rows ("STT | Mức xếp loại | Số lượng")."""
    head = _header(layout, sentence)
    return bool(head) and _INDEX.fullmatch(layout.text, head[0].start, head[0].end) is not None


def header_texts(layout: Layout, sentence: Sentence) -> list[str]:
    """The words of each cell of the table's first row (none when this row is the first)."""
    return [layout.text[c.start:c.end] for c in _header(layout, sentence)]


def target_share(label: str, head: list[str], column: int) -> bool:
    """Whether the figure in `column` of a row labelled `label`, under the header cells `head`, is
    the share of the admission target reached: the label says so ("Tỷ lệ kết nạp so với chỉ tiêu (%)
    | 110,5"), or the column is the share beside a plan's ("Chỉ tiêu | Kế hoạch | Thực hiện | Tỷ lệ (%)")."""
    if not V.ADMIT.search(label):
        return False
    if _SHARE.search(label) and _PLAN.search(label):
        return True
    return column < len(head) and bool(_SHARE.search(head[column])) and any(
        _PLAN.search(h) for i, h in enumerate(head) if i not in (0, column))


def column_nouns(layout: Layout, sentence: Sentence) -> list[str | None]:
    """For each column of the table this row is in, what its header says the figures count, as the
    header writes it ("TCCSĐ", "Đảng viên" over the rows of a grade table), or None."""
    out: list[str | None] = []
    for c in _header(layout, sentence):
        words = layout.text[c.start:c.end].strip()
        noun, end = noun_at(words, 0)
        out.append(words if noun is not None and end >= len(words) - 1 and not _NOT_RESULT.search(words) else None)
    return out


def blank_between(text: str, cells: list[Cell], mention: Mention,
                  nouns: list[str | None] | None = None) -> tuple[str, int] | None:
    """A copy of `text` up to the row's end with every cell but the label and the mention's blanked,
    and the mention's column; None when the mention is in the label cell. When the column's header
    names what it counts (`nouns`), the copy has it after the figure ("... nhiệm vụ    512 Đảng
    viên"), the row lengthened if need be: offsets up to the figure stay those of `text`."""
    column = next((i for i, c in enumerate(cells) if c.start <= mention.start < max(c.end, c.start + 1)), None)
    if not column:
        return None
    a, b, c, end = cells[0].end, cells[column].start, cells[column].end, cells[-1].end

    def blank(s: str) -> str:
        return re.sub(r"[^\n]", " ", s)

    rest = blank(text[c:end])
    noun = nouns[column] if nouns and column < len(nouns) else None
    if noun is not None:
        rest = " " + noun + rest[len(noun) + 1:]
    return text[:a] + blank(text[a:b]) + text[b:c] + rest, column
