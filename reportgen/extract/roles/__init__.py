"""Step 3 of extraction: mentions -> roles: which metric each figure is, whose it is, and when.

The rules read one sentence at a time (`metrics.classify_sentence`: the noun a number counts, the
predicate around it, the grade a phrase names), within the discourse the sentence stands in: the
section heading above it ("Đối với đảng viên:", "Về công tác kiểm tra, giám sát"), the subject a
previous sentence set, a "Trong đó, ..." that opens a list of the parts of the figure before it.
Each role says whose the figure is (`scope`: the unit's own, a part of another figure, a sub-unit,
one event) and how its time is known (`time`: a year stated beside it or in its sentence, one
carried from an earlier sentence, a term, "hiện nay", or none), with the signals the confidence step
weighs.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.frame import Frame
from reportgen.extract.mentions import Mention
from reportgen.extract.names import mask_names
from reportgen.extract.roles.items import Hit, noun_at
from reportgen.extract.roles.metrics import classify_sentence
from reportgen.extract.roles.scope import Scope, read_scope, sibling_subject
from reportgen.extract.roles.tables import (
    blank_between,
    column_nouns,
    column_skipped,
    header_texts,
    header_years,
    index_column,
    row_cells,
    target_share,
)
from reportgen.extract.segment import Layout, Sentence
from reportgen.extract.times import Marker, adjacent_year, markers_by_span
from reportgen.model import UNIT_KINDS

__all__ = ["Role", "assign_roles"]


@dataclass
class Role:
    """A figure with its metric, whose it is, and the time frame it was stated in."""

    hit: Hit
    sentence: Sentence
    time: str  # "year" | "term" | "current" | "snapshot" | "default"
    year: int | None
    marker: Marker | None  # the marker the time was read from, if any
    scope: frozenset[str]
    part_at: int | None  # where the part marker it stands under begins (see `scope.Scope.part_mark`)
    whole: tuple[Mention, str] | None = None  # the counted figure before the part marker, and what it counts
    signals: dict[str, float] = field(default_factory=dict)

    @property
    def metric(self) -> str:
        """The metric of the figure."""
        return self.hit.metric

    @property
    def value(self) -> int | float:
        """The value of the figure."""
        return self.hit.value


def _own_years(text: str, inside: list[Mention]) -> list[tuple[int, int, int]]:
    """The years stated right after a figure of the sentence, as (from, to, year) ("từ 327 đồng chí
    (năm 2010) tăng lên 412"): a figure's own year, which frames no other figure."""
    out = []
    for mention in inside:
        year = adjacent_year(text, mention.end)
        if year is not None:
            out.append((mention.end, mention.end + 40, year))
    return out


def _year_of(text: str, hit: Hit, sentence_markers: list[Marker],
             carried: Marker | None, owned: list[tuple[int, int, int]] | None = None
             ) -> tuple[str, int | None, Marker | None, str]:
    """How the year of a figure is known: kind, year, marker, and where it was found."""
    year = adjacent_year(text, hit.end) if not hit.derived else None
    if year is None:
        year = adjacent_year(text, hit.mention.end)
    if year is None:
        compared = V.paren_year(text, hit.mention.start)
        year = compared[0] if compared else None
    if year is not None:
        return "year", year, None, "adjacent"
    before = [mk for mk in sentence_markers if mk.start < hit.mention.start
              and not any(a <= mk.start < b and mk.year == y for a, b, y in owned or ())]
    if before:
        return before[-1].kind, before[-1].year, before[-1], "sentence"
    after = [mk for mk in sentence_markers if mk.start > hit.mention.start and mk.kind == "year"
             and not mk.part]
    if after and len({mk.year for mk in after}) == 1 and re.match(
            r"[^.;]{0,60}?\s(?:trong |của |vào |cả )?năm\s+(?:19|20)\d{2}", text[hit.end:after[0].end + 1]):
        # "kết nạp 120 đảng viên mới trong năm 2020": the year after the figure, in its clause
        return "year", after[0].year, after[0], "after"
    if carried is not None:
        return carried.kind, carried.year, carried, "carried"
    return "default", None, None, "none"


def assign_roles(layout: Layout, mentions: list[Mention], frame: Frame) -> list[Role]:
    """The role of every figure of the article's body."""
    text = layout.text
    unit = frame.unit
    body = [s for s in layout.sentences if s.start < frame.body_end]
    # The rules read the text with place names hidden: a name made of vocabulary words ("Giao",
    # "Khánh") must not turn its unit's figures into targets or grades. Same length, same offsets.
    rules_text = mask_names(text[:frame.body_end], (unit.name, unit.province) if unit else ())
    # Time markers matter only in the paragraphs with figures (and the headings above them).
    with_figures = _paragraphs_with(mentions, body)
    frames = markers_by_span(text, [(s.start, s.end) if s.paragraph in with_figures else (s.start, s.start)
                                    for s in body])
    out: list[Role] = []
    carried: Marker | None = None
    section: str | None = None
    paragraph = -1
    index = 0
    counted: list[tuple[Mention, str]] = []  # figures of this and the previous sentence with their noun
    heading_seen, plan_section = -1, False
    sibling: str | None = None  # another unit of the unit's level the paragraph goes on about
    by_block: dict[int, list[tuple[Mention, str]]] = {}
    for sentence, sentence_markers in zip(body, frames):
        if sentence.paragraph != paragraph:
            paragraph, carried, sibling = sentence.paragraph, None, None
            section = _section_of(layout.heading_text(sentence)) if sentence.heading >= 0 else None
            if sentence.heading >= 0 and sentence.heading != heading_seen:
                heading_seen = sentence.heading
                words = layout.heading_text(sentence)
                if _PLAN_HEADING.match(words):
                    plan_section = True  # "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2019": targets, not results
                elif _TOP_HEADING.match(words) or words.strip().isupper():
                    plan_section = False
            if sentence.heading >= 0 and sentence.heading != sentence.paragraph:
                # a heading's own year frames the paragraphs under it ("Năm 2019:")
                heading_markers = [mk for mk in markers_by_span(text, [(layout.blocks[sentence.heading].start,
                                                                         layout.blocks[sentence.heading].end)])[0]
                                   if mk.kind in ("year", "term")]
                carried = heading_markers[-1] if heading_markers else None
        inside = []
        while index < len(mentions) and mentions[index].start < sentence.end:
            if mentions[index].start >= sentence.start:
                inside.append(mentions[index])
            index += 1
        counted = [c for c in counted if c[0].start >= _previous_start(body, sentence)]
        if sentence.lead >= 0:
            counted = by_block.get(sentence.lead, []) + counted  # the figures of the line leading the list
        for mention in inside:
            noun = noun_at(rules_text, mention.end)[0]
            if noun is not None:
                counted.append((mention, V.NOUN_DIMENSION.get(noun, "other")))
                by_block.setdefault(sentence.paragraph, []).append(counted[-1])
        said = sibling_subject(text, sentence, unit)
        if said is not None:
            sibling = said or None  # from this sentence on, until one names the unit again
        if inside:
            lead = layout.blocks[sentence.lead] if sentence.lead >= 0 else None
            scope = read_scope(text, sentence, unit, frame.speaker, text[lead.start:lead.end] if lead else "",
                               sibling, isinstance(said, str))
            # an unnamed unit still has the level of the kind it speaks as ("Đảng ủy xã ...")
            level, kind_of_unit = (unit.level, unit.kind) if unit else (UNIT_KINDS.get(frame.speaker or ""), frame.speaker)
            # a commune rates its chi bộ; after 1 July 2025 its grassroots organisations (convention 3)
            rates_cells = level == "commune" and not frame.two_tier
            columns: dict[int, int | None] = {}
            if layout.blocks[sentence.paragraph].kind == "row":
                hits, columns = _row_hits(layout, rules_text, sentence, inside, section, scope, level, kind_of_unit,
                                          rates_cells)
            else:
                hits = classify_sentence(rules_text, sentence.start, sentence.end, inside, section,
                                         scope.foreign, level, kind_of_unit, rates_cells)
            owned = _own_years(text, inside)
            # the figures a part marker may break down: those counting a noun, and those the rules read
            # with the noun before them ("nâng tổng số TCCSĐ ... lên 41 (gồm 19 đảng bộ cơ sở ...)")
            wholes = sorted(counted + [(h.mention, V.METRIC_DIMENSION.get(h.metric, "other")) for h in hits
                                       if not any(c[0] is h.mention for c in counted)], key=lambda c: c[0].start)
            for hit in hits:
                kind, year, marker, source = _year_of(text, hit, sentence_markers, carried, owned)
                if columns.get(hit.mention.start) is not None:
                    kind, year, marker, source = "year", columns[hit.mention.start], None, "column"
                mark = scope.part_mark(hit, text)
                dimension = V.METRIC_DIMENSION.get(hit.metric)
                # a marker with no figure before it in its sentence ("Đáng chú ý, trong số ĐV mới có ...")
                # breaks down the previous sentence's figure
                alone = mark is not None and re.match(r"trong (?:số|đó)", text[mark:mark + 8], re.I) is not None \
                    and not any(sentence.start <= c[0].start and c[0].end <= mark for c in counted)
                earliest = sentence.start if mark != sentence.start and not alone else 0
                whole = next((c for c in reversed(wholes) if mark is not None and earliest <= c[0].start
                              and c[0].end <= mark and c[0] is not hit.mention and c[1] == dimension
                              and not _in_closed_paren(text, c[0].start, mark)), None)
                flags = scope.of(hit, text)
                if frame.of_cell and not _WHOLE_UNIT.search(text, sentence.start, hit.mention.start) and not (
                        unit is not None and re.search(r"(?<!thuộc )(?<!của )(?<!được )\b(?:Đảng bộ|Đảng ủy|đảng bộ|đảng ủy) "
                                                       + unit.kind + r"\b",
                                                       text[layout.blocks[sentence.paragraph].start:hit.mention.start])):
                    # an article on one chi bộ: its figures are the chi bộ's, but in a paragraph on the
                    # unit's committee ("Theo Đảng ủy thị trấn X, ... Đảng bộ thị trấn có 14 chi bộ")
                    flags |= {"sub_subject"}
                if plan_section:
                    flags |= {"event_clause"}  # a plan's figure: no result of the unit
                role = Role(hit, sentence, kind, year, marker, flags, mark, whole)
                role.signals["year_" + source] = 1.0
                if _history(text, sentence, hit, year):
                    continue  # the founding years or an undated past (convention 14)
                out.append(role)
        for sec in V.SECTION.finditer(text, sentence.start, sentence.end):
            section = sec.group(1)
        framing = [mk for mk in sentence_markers if mk.frame]
        if framing:
            carried = framing[-1]
    return out


#: What each noun counts: members (people), organisations, or classes.
#: Before this year a figure is the organisation's history, never a count a report gives now.
_HISTORY_BEFORE = 1976


# A report's section of plans, and a top-level heading that ends it.
_PLAN_HEADING = fastre.compile(r"\W*(?:Phần\s+[IVX]+\W*|[IVX]{1,4}\s*[.)/-]\s*|[A-D]\s*[.)/-]\s*)?"
                           r"(?:PHƯƠNG HƯỚNG|KẾ HOẠCH|MỤC TIÊU|NHIỆM VỤ(?:,? GIẢI PHÁP)?(?: TRỌNG TÂM)?(?: (?:\d+|SÁU) THÁNG CUỐI| NĂM))",
                           re.I)
_TOP_HEADING = fastre.compile(r"\W*(?:Phần\s+[IVX]+|[IVX]{1,4}\s*[.)/-])", re.I)
# Words that speak of the whole unit even in an article on one of its chi bộ.
_WHOLE_UNIT = fastre.compile(r"\btoàn (?:Đảng bộ|đảng bộ|huyện|tỉnh|thành phố|thị xã|quận|xã|phường|thị trấn)\b", re.I)


def _history(text: str, sentence: Sentence, hit: Hit, year: int | None) -> bool:
    """Whether a figure is of the founding years or an undated past."""
    if year is not None and year < _HISTORY_BEFORE:
        return True
    start = max(sentence.start, text.rfind(";", sentence.start, hit.mention.start) + 1)
    for m in V.FOUNDING.finditer(text, start, hit.mention.start):
        closed = text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()) and \
            0 <= text.find(")", m.end(), hit.mention.start)
        if not closed:  # "(4 đơn vị mới thành lập chưa đánh giá)": an aside, not the figure's time
            return True
    return False


def _in_closed_paren(text: str, start: int, end: int) -> bool:
    """Whether position `start` is inside a parenthesis closed before `end`."""
    opened = text.rfind("(", 0, start)
    return opened >= 0 and text.rfind(")", opened, start) < 0 and 0 <= text.find(")", start) < end


def _row_hits(layout: Layout, rules_text: str, sentence: Sentence, inside: list[Mention], section: str | None,
              scope: Scope, level: str | None, unit_kind: str | None,
              rates_cells: bool) -> tuple[list[Hit], dict[int, int | None]]:
    """The figures of a table row, each read after its row's label, with its column's year."""
    cells = row_cells(rules_text, sentence.start, sentence.end)
    years = header_years(layout, sentence) or []
    skipped = column_skipped(layout, sentence)
    nouns = column_nouns(layout, sentence)
    head = header_texts(layout, sentence)
    if index_column(layout, sentence) and len(cells) > 2:
        # "1 | HTXSNV | 781 | 14,43" under "STT | Mức xếp loại | ...": the row's number is no figure
        inside = [m for m in inside if m.start >= cells[1].start]
        cells, years, skipped, nouns, head = cells[1:], years[1:], skipped[1:], nouns[1:], head[1:]
    label = rules_text[cells[0].start:cells[0].end]
    hits: list[Hit] = []
    columns: dict[int, int | None] = {}
    for mention in inside:
        blanked = blank_between(rules_text, cells, mention, nouns)
        if blanked is not None and not mention.is_ratio and target_share(label, head, blanked[1]):
            hits.append(Hit("admission_target_pct", mention.value, mention, cells[0].start, cells[blanked[1]].end))
            columns[mention.start] = years[blanked[1]] if blanked[1] < len(years) else None
            continue
        if blanked is not None and blanked[1] < len(skipped) and skipped[blanked[1]]:
            continue  # a plan's or a share's column
        if blanked is None:
            hits += classify_sentence(rules_text, sentence.start, sentence.end, [mention], section,
                                      scope.foreign, level, unit_kind, rates_cells)
            continue
        text, column = blanked
        found = classify_sentence(text, sentence.start, max(sentence.end, len(text)), [mention], section,
                                  scope.foreign, level, unit_kind, rates_cells)
        # the evidence is the label and the figure, as the row has them
        hits += [Hit(h.metric, h.value, h.mention, cells[0].start, min(h.end, cells[column].end), h.derived, h.parts,
                     h.bare) for h in found]
        columns[mention.start] = years[column] if column < len(years) else None
    return hits, columns


def _paragraphs_with(mentions: list[Mention], body: list[Sentence]) -> set[int]:
    """The blocks holding a mention, with the headings and list leads above them."""
    starts = [s.start for s in body]
    found: set[int] = set()
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0:
            s = body[i]
            found.update(b for b in (s.paragraph, s.heading, s.lead) if b >= 0)
    return found


def _previous_start(body: list[Sentence], sentence: Sentence) -> int:
    """Where the sentence before `sentence` in its paragraph starts (else `sentence` itself)."""
    i = body.index(sentence)
    if i > 0 and body[i - 1].paragraph == sentence.paragraph:
        return body[i - 1].start
    return sentence.start


def _section_of(heading: str) -> str | None:
    """The subject a heading sets: "Đối với đảng viên:" -> "đảng viên"."""
    m = V.SECTION.search(heading + (":" if not heading.rstrip().endswith(":") else ""))
    return m.group(1) if m else None
