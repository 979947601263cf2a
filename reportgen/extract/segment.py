"""Step 1 of extraction: normalised text -> its layout: blocks (title, headings, paragraphs, list
items, table rows, page furniture), the sentences of each block, and the heading each sentence
stands under.

Sources come as one paragraph per line (web pages, DOCX), or hard-wrapped at a fixed width (plain
text files, PDF text): a line that stops mid-sentence ("... trong năm" / "2019, ...") is joined to
the next. Joining never moves text: the reading text has the same length as the normalised text,
with the joining newlines turned into spaces, so every offset stays valid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.extract import fastre

__all__ = ["Block", "Sentence", "Layout", "segment", "lines", "sentences"]

# A sentence ends at ".", "!", "?" or "…" followed by space and a capital, an opening quote or
# bracket; or at a full stop glued to the next capitalised word ("quy định.Từ đó"). Dots inside
# numbers ("4.567", "5.6.2018") and abbreviations glued to a name ("TP.Hội An") do not end one.
_UPPER = "A-ZĐÀ-ỸÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# ... nor the abbreviations of a unit's kind or a title before a name ("Đảng bộ TP. Đà Nẵng", "P. Quyết
# Thắng", "ThS. Nguyễn"), nor a single capital's initial.
_NOT_AFTER = "".join(r"(?<!\b" + a + r")" for a in (r"TP\.", r"Tp\.", r"TX\.", r"TT\.", r"ThS\.", r"TS\.",
                                                       r"PGS\.", r"GS\.", r"[A-ZĐ]\."))
_BOUNDARY = fastre.compile(
    r"(?<=[.!?…])" + _NOT_AFTER + r"[\"”’)]?\s+(?=[\"“‘(" + _UPPER + r"0-9])"
    r"|(?<=[a-zà-ỹđ]{2}[.!?])(?=[" + _UPPER + r"][a-zà-ỹđ])"
)
_TERMINAL = fastre.compile(r"[.!?…:;][\"”’)]?\s*$")
_ROW = fastre.compile(r"\||\t")
_DATE_START = fastre.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}\b")
# Words a sentence cannot end on: a line stopping on one goes on below it.
_OPEN_END = fastre.compile(r"\b(?:năm|tháng|ngày|và|của|được|là|có|với|trong|cho|các|những|đến|từ|tại|ở|lên|gồm|"
                       r"đạt|kết nạp|tổng số|số)\s*$", re.I)
_PART = fastre.compile(r"^\s*Phần\s+(?:[IVX]{1,4}|\d{1,2}|thứ\s+\w+)\s*[.:]?\s*$", re.I)
_LIST_MARK = fastre.compile(r"^\s*(?:[-–•+*]\s+|\d{1,2}[.)]\s+|[a-zđ][.)]\s+|[IVX]{1,4}[.)]\s+)")
_HEADING_MARK = fastre.compile(r"^\s*(?:[IVX]{1,4}|[A-D]|\d{1,2})[.)/-]\s+\S", re.I)
# Headings that name a topic: "Về công tác kiểm tra, giám sát", "Công tác phát triển đảng viên".
_TOPIC_HEADING = fastre.compile(r"^\s*(?:\W{0,3}\s*)?(?:về|đối với|công tác|kết quả|về công tác)\b", re.I)
# Lines of a page's furniture: ratings, counters, share buttons, photo credits.
_FURNITURE = fastre.compile(r"^\s*(?:lượt (?:xem|đánh giá)|đánh giá\s*:|thống kê\s*:|online\s*:|"
                        r"chia sẻ|bình luận|in bài|tags?\s*:|từ khóa\s*:|ảnh\s*:|nguồn\s*:|"
                        r"liên kết website|bản đồ hành chính)", re.I)


@dataclass(frozen=True)
class Block:
    """A block of the text: a paragraph, heading, list item, table row or line of page furniture."""

    start: int
    end: int
    index: int
    kind: str  # "para" | "heading" | "item" | "row" | "furniture"


@dataclass(frozen=True)
class Sentence:
    """A sentence span, its block (`paragraph` is the block's index), its index within the block,
    the block index of the heading it stands under and, for a list item, of its list's lead line
    (-1 for none)."""

    start: int
    end: int
    paragraph: int
    index: int
    heading: int = -1
    lead: int = -1  # for a list item: the block of the line that leads its list ("..., trong đó:")


@dataclass(frozen=True)
class Layout:
    """The reading text (normalised, hard wraps joined, same length) with its blocks and sentences."""

    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]

    def heading_text(self, sentence: Sentence) -> str:
        """The text of the heading a sentence stands under, or ""."""
        if sentence.heading < 0:
            return ""
        block = self.blocks[sentence.heading]
        return self.text[block.start:block.end]


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of `text`, stripped of surrounding white space."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        seg = m.group(0)
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append((m.start() + lead, m.start() + len(seg.rstrip())))
    return out


def _wrap_width(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The width a text is hard-wrapped at, or None: most long lines end within a few columns of
    one width (prose lines of web text vary in length far more)."""
    lengths = [e - s for s, e in spans]
    if len(lengths) < 6:
        return None
    width = sorted(lengths)[int(len(lengths) * 0.9)]
    if not 40 <= width <= 140:
        return None
    near = sum(1 for n in lengths if width - 15 <= n <= width + 2)
    return width if near >= 0.5 * len(lengths) else None


def _continues(text: str, a: tuple[int, int], b: tuple[int, int], width: int | None) -> bool:
    """Whether line `b` continues the sentence line `a` stops in."""
    first, second = text[a[0]:a[1]], text[b[0]:b[1]]
    if text.count("\n", a[1], b[0]) != 1 or _LIST_MARK.match(second) or _ROW.search(first) or _ROW.search(second) \
            or _DATE_START.match(second):
        return False
    # ";" ends a list item on its own line, but not a clause cut at a wrapping width
    if _TERMINAL.search(first) and not (width is not None and first.rstrip().endswith(";") and second[:1].islower()):
        return False
    head = second[:1]
    if _OPEN_END.search(first) and (head.isdigit() or head.islower()):
        return True  # "... trong năm" / "2019, ...": a sentence cannot stop on these words
    if head.islower():
        # "... kết nạp" / "được 120 đảng viên": a sentence does not start in lower case
        return len(first) >= 25
    if width is None or len(first) < width - 15 or len(first.split()) < 5:
        return False
    # Cut at the wrapping width: "... trong năm" / "2019, ...", "... của" / "Huyện ủy ...".
    return head.isdigit() or head.isupper() or head in "(%,“\""


def _kind(line: str, next_line: str | None) -> str:
    if _FURNITURE.match(line):
        return "furniture"
    if line.count("|") >= 2 or "\t" in line.strip():
        return "row"
    if _LIST_MARK.match(line) and not _HEADING_MARK.match(line):
        return "item"
    short = len(line) <= 120 and not re.search(r"[.!?…]\s*$", line)
    # a line in capitals ("PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2019") or a part's number ("Phần II") heads a section
    capitals = next_line is not None and len(re.findall(r"[^\W\d_]+", line)) >= 2 and line.upper() == line
    if short and (_HEADING_MARK.match(line) or line.rstrip().endswith(":") or capitals or _PART.match(line)
                  or (_TOPIC_HEADING.match(line) and next_line is not None)):
        return "heading"
    if _LIST_MARK.match(line):
        return "item"
    return "para"


def _mark(line: str) -> str:
    """The kind of list mark a list item starts with: "-", "+", "•", "1." (digits), "a)" (letters)."""
    head = line.lstrip()[:3]
    if head[:1].isdigit():
        return "1"
    if head[:1].isalpha():
        return "a"
    return head[:1]


def segment(text: str) -> Layout:
    """The layout of normalised `text` (see the module doc)."""
    spans = lines(text)
    width = _wrap_width(text, spans)
    joined: list[tuple[int, int]] = []
    gaps: list[tuple[int, int]] = []  # the line breaks a joined block spans: read as spaces
    for span in spans:
        if joined and _continues(text, joined[-1], span, width):
            gaps.append((joined[-1][1], span[0]))
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    pieces, at = [], 0
    for a, b in gaps:
        pieces += [text[at:a], text[a:b].replace("\n", " ")]
        at = b
    reading = "".join(pieces) + text[at:] if gaps else text
    blocks: list[Block] = []
    for i, (s, e) in enumerate(joined):
        nxt = reading[joined[i + 1][0]:joined[i + 1][1]] if i + 1 < len(joined) else None
        blocks.append(Block(s, e, i, _kind(reading[s:e], nxt)))
    out: list[Sentence] = []
    heading = -1
    leads: list[tuple[int, str]] = []  # (lead block, the list mark of its items' parent; "" for a line)
    for block in blocks:
        line = reading[block.start:block.end]
        if block.kind == "heading":
            heading = block.index
        own_lead = -1
        if block.kind != "item":
            leads = [(block.index, "")] if line.rstrip().endswith(":") else []
        else:
            mark = _mark(line)
            while leads and leads[-1][1] == mark:
                leads.pop()  # an item of the same list as the lead item: back to the outer list
            own_lead = leads[-1][0] if leads else -1
            if line.rstrip().endswith(":"):
                leads.append((block.index, mark))
        para = reading[block.start:block.end]
        cut = 0
        index = 0
        for m in _BOUNDARY.finditer(para):
            if m.start() > cut:
                out.append(Sentence(block.start + cut, block.start + m.start(), block.index, index, heading,
                                    own_lead))
                index += 1
            cut = m.end()
        if cut < len(para):
            out.append(Sentence(block.start + cut, block.end, block.index, index, heading, own_lead))
    return Layout(reading, tuple(blocks), tuple(out))


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` (see `segment`)."""
    return list(segment(text).sentences)
