"""The pieces of a sentence the metric rules read: each number with the noun it counts, the words
before it (since the previous item) and after it, and the grade a phrase names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.mentions import Mention

__all__ = ["Hit", "Item", "noun_at", "noun_before", "grade_of", "items_of", "sentence_start", "clause_tail",
           "derive_good", "plan_scope", "class_words"]

_HEAD_COLON = fastre.compile(r"(?:^|[\s,;(])(?:[Tt]ổng số|[Ss]ố lượng|[Ss]ố)\s+(?:[^,;:]|,\s*(?=(?:xếp|phân) loại)){2,60}$")
_GRADE_LABEL = fastre.compile(r"\W*(?:[Đđ]ủ tư cách,?\s*)?(?:[Hh]oàn thành|[Kk]hông hoàn thành|HTXSNV|HTTNV|HTNV)[^:;]{0,40}")
_PUNCT = fastre.compile(r"[,;:.()\[\]!?“”\"]")


@dataclass
class Hit:
    """A classified mention: metric, value, and the normalised span of its evidence."""

    metric: str
    value: int | float
    mention: Mention
    start: int
    end: int
    derived: bool = False
    parts: tuple["Hit", ...] = field(default=())
    bare: bool = False  # a bare "hoàn thành tốt nhiệm vụ" read as good-or-above (no higher grade beside it)


@dataclass
class Item:
    """A number of a sentence with the noun it counts and the words around it."""

    mention: Mention
    noun: str | None
    noun_end: int
    left: str  # words between the previous item and this number, within the clause
    left_start: int
    right: str  # words after the noun up to punctuation
    predicate: str | None = None


_SPACER = fastre.compile(r"\s*(?:\([^)]{0,40}\)\s*)?")
# The nouns and the grades, each in one pattern: one scan instead of one per word.
_ANY_NOUN = fastre.union(V.NOUNS)
_ANY_GRADE = fastre.union(V.GRADES)


def noun_at(text: str, pos: int) -> tuple[str | None, int]:
    """Which noun starts at `pos` (after spaces and a parenthetical), and where it ends."""
    m = _SPACER.match(text, pos)
    n = _ANY_NOUN.match(text, m.end() if m else pos)
    return (n.lastgroup, n.end()) if n else (None, pos)


def noun_before(left: str) -> str | None:
    """The noun a number refers back to: "Tổng số đảng viên ... là 2.468"."""
    best: tuple[int, str] | None = None
    for name, pattern in V.NOUNS:
        for m in pattern.finditer(left):
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    return best[1] if best else None


def grade_of(text: str) -> tuple[str | None, int]:
    """The first grade named in `text` and where it starts."""
    m = _ANY_GRADE.search(text)
    return (m.lastgroup, m.start()) if m else (None, -1)


def items_of(text: str, start: int, end: int, mentions: list[Mention]) -> list[Item]:
    """The items of the sentence text[start:end], one per mention, in order."""
    items: list[Item] = []
    clause_start = start
    prev_end = start
    for k, m in enumerate(mentions):
        next_start = mentions[k + 1].start if k + 1 < len(mentions) else end
        semi, colon = text.rfind(";", start, m.start), text.rfind(":", start, m.start)
        # the label since the clause's start or a colon before it ("Năm 2018: hoàn thành tốt nhiệm vụ: 11 chi bộ")
        label_start = max(semi + 1, text.rfind(":", start, colon) + 1 if colon > start else 0, start)
        label_colon = -1
        if colon > semi and (_HEAD_COLON.search(text[max(semi + 1, start):colon])
                             or _GRADE_LABEL.fullmatch(text, label_start, colon)):
            label_colon, colon = colon, -1  # "Tổng số đảng viên: 4.211", "- Hoàn thành tốt nhiệm vụ: 37 TCCSĐ"
        cut = max(semi, colon)
        if cut >= clause_start:
            clause_start = cut + 1
        left_start = max(clause_start, prev_end)
        punct = [x.end() for x in re.finditer(r"[,;:()]", text[left_start:m.start])
                 if left_start + x.start() != label_colon]
        if label_colon >= 0:
            punct = [e for e in punct if left_start + e <= label_start]  # the label stays the figure's
        if punct and items:
            left_start += punct[-1]
        noun, noun_end = noun_at(text, m.end)
        tail_end = noun_end if noun else m.end
        p = _PUNCT.search(text, tail_end, end)
        right_end = min(p.start() if p else end, max(next_start, tail_end))
        items.append(Item(m, noun, noun_end, text[left_start:m.start], left_start,
                           text[tail_end:right_end]))
        prev_end = max(noun_end, m.end)
    return items


def sentence_start(text: str, pos: int, sentence: str) -> int:
    """Offset of `sentence` in `text`, given a position inside it."""
    return text.rfind(sentence, 0, pos + len(sentence)) if sentence else pos


_DONE_CLAUSE = fastre.compile(r";\s*(?:đến nay|tính đến nay|hiện nay|hiện đã|đã)\b", re.I)


def plan_scope(text: str, pos: int, sentence: str) -> str:
    """The words before `pos` that can make its figure a plan: its sentence's, or only its
    parenthesis's when that opens with a year ("phấn đấu mở 6 lớp ... (năm 2013 đã mở 5 lớp)")."""
    start = sentence_start(text, pos, sentence)
    done = None
    for done in _DONE_CLAUSE.finditer(text, start, pos):
        pass
    if done is not None:
        start = done.end()  # "phấn đấu kết nạp 1.200 đảng viên; đến nay đã kết nạp 589": what is done
    compared = V.paren_year(text, pos)
    if compared is not None and compared[1]:
        start = max(start, text.rfind("(", start, pos))
    return text[start:pos]


def class_words(text: str, start: int, end: int) -> str:
    """The words that say what classes the text[start:end] after a "lớp" are; in a parenthesis
    opening with a year, led by those of the classes named before it ("mở 6 lớp bồi dưỡng nhận
    thức về Đảng ... (năm 2013 đã mở 5 lớp với 386 học viên)": the other year's, of that kind)."""
    own = text[start:end]
    compared = V.paren_year(text, start)
    if compared is None or not compared[1] or V.AWARENESS.search(own) or V.TRAINING_TOPIC.search(own):
        return own
    paren = text.rfind("(", 0, start)
    prior = text.rfind("lớp", max(0, paren - 150), paren)
    return text[prior + 3:paren] + " " + own if prior >= 0 else own


def clause_tail(text: str, pos: int) -> str:
    """The words after `pos` up to the end of the clause (";", ".", or 80 characters)."""
    tail = text[pos:pos + 80]
    cut = re.search(r"[;.:]|\n", tail)
    return tail[:cut.start()] if cut else tail


def derive_good(hits: list[Hit], text: str, start: int, end: int) -> list[Hit]:
    """Turn a plain "good" grade into good-or-above: explicitly, or summed with excellent. Beside a
    count of the old higher grade ("22 tổ chức đạt trong sạch vững mạnh") it is the good grade alone,
    which no metric holds (convention 2)."""
    out: list[Hit] = []
    old_higher = V.OLD_HIGHER.search(text, start, end) is not None
    for h in hits:
        if not h.metric.endswith("_good"):
            out.append(h)
            continue
        if old_higher and h.metric == "orgs_good":
            continue  # the old scale grades organisations only
        subject = h.metric[: -len("_good")]
        excellent = [x for x in hits if x.metric == f"{subject}_excellent"]
        before = [x for x in excellent if x.mention.start < h.mention.start]
        after = [x for x in excellent if x.mention.start > h.mention.start]
        if before:
            # listed side by side: "3/25 ... xuất sắc, 20 ... hoàn thành tốt"
            total = before[-1].value + h.value
            out.append(Hit(f"{subject}_good_or_above", total, h.mention, before[-1].start, h.end,
                           derived=True, parts=(before[-1], h)))
        elif after and not re.search(r"trong đó", between := text[h.mention.end:after[0].mention.start], re.I) \
                and between.count("(") <= between.count(")"):  # "(có 57 đ/c hoàn thành xuất sắc)": a part
            total = after[0].value + h.value
            out.append(Hit(f"{subject}_good_or_above", total, h.mention, h.start, after[0].end,
                           derived=True, parts=(h, after[0])))
        else:
            out.append(Hit(f"{subject}_good_or_above", h.value, h.mention, h.start, h.end, bare=True))
    return out
