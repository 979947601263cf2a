"""Step 4 of extraction: roles -> facts: one fact per figure, with its year, from its most exact
statement; parts of other figures and per-body counts beside a total left out.

- **Years** (SCHEMA conventions 7 and 14): a figure stated for a year gets it; a part-year figure
  its year and a `part` period; a term or span gets no year and a `term` period; "hiện nay",
  "đến nay" the year the article speaks for (its report year, else its publication year); a figure
  with no time stated the report year.
- **The report year** is the year most dated figures name (the later on a tie); a term review
  has none; with no dated figure, the year the title names, else the publication year.
- **Parts** (conventions 5, 6): a figure after "trong đó", "cụ thể", "gồm" or in a parenthesis
  breaks down the figure before it; it is a fact only where the schema counts that breakdown
  (women among members, đảng bộ and chi bộ among organisations, grades among the rated).
- **One figure once** (convention 11): the same metric and year stated twice is one fact; a
  rounded restatement ("hơn 16 nghìn") gives way to the exact one ("16.212").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.frame import UNIT_WINDOW, Frame
from reportgen.extract.roles import Role
from reportgen.extract.roles.items import Hit
from reportgen.extract.segment import Layout, Sentence
from reportgen.extract.times import year_evidence
from reportgen.model import Evidence, Fact, Period
from reportgen.vietnamese.normalise import Normalised

__all__ = ["Candidate", "resolve", "report_year"]

#: What a part may be of: (metric of the whole, metric of the part) pairs the schema counts.
_BREAKDOWNS = {
    ("members_total", "members_female"),
    ("grassroots_orgs", "grassroots_committees"), ("grassroots_orgs", "grassroots_cells"),
    ("grassroots_orgs", "subordinate_cells"), ("grassroots_committees", "subordinate_cells"),
    ("grassroots_cells", "grassroots_committees"), ("grassroots_committees", "grassroots_cells"),
    ("members_total", "grassroots_orgs"),
    # the awareness classes are counted apart from the other training (convention 11)
    ("training_classes", "awareness_classes"), ("training_attendees", "awareness_attendees"),
    ("training_classes", "awareness_attendees"), ("training_attendees", "awareness_classes"),
}
_GRADES = ("excellent", "good_or_above", "completed", "failed")
for _who in ("orgs", "members"):
    for _g in _GRADES:
        _BREAKDOWNS.add((f"{_who}_rated", f"{_who}_{_g}"))
    _BREAKDOWNS.add((f"{_who}_good_or_above", f"{_who}_excellent"))
    _BREAKDOWNS.add(("members_total" if _who == "members" else "grassroots_orgs", f"{_who}_rated"))
    for _g in _GRADES:
        _BREAKDOWNS.add(("members_total" if _who == "members" else "grassroots_orgs", f"{_who}_{_g}"))
    for _a in _GRADES:
        for _b in _GRADES:
            if _a != _b:
                _BREAKDOWNS.add((f"{_who}_{_a}", f"{_who}_{_b}"))  # grades listed after "trong đó"
_VERB_FIRST = fastre.compile(r"\s*(?:đã\s+)?(?:thi hành|kỷ luật|xử lý|khai trừ|cảnh cáo|khiển trách)", re.I)
# A body that disciplines: its count is a part of the organisation's total when one is stated.
_BODY = fastre.compile(r"ủy ban kiểm tra|UBKT|cấp ủy|chi bộ|ban thường vụ|BTV|ban chấp hành", re.I)


#: Counts of what there is (stocks), as against what was done in a period.
_STOCKS = frozenset(("members_total", "members_female", "grassroots_orgs", "grassroots_committees",
                     "grassroots_cells", "subordinate_cells"))
_RAISES_TO = fastre.compile(r"\bnâng tổng số\b", re.I)


@dataclass
class Candidate:
    """A fact with the role it came from and the signals its confidence is weighed on."""

    fact: Fact
    role: Role
    signals: dict[str, float] = field(default_factory=dict)


def report_year(roles: list[Role], frame: Frame, text: str,
                evidence: dict[str, list[int]] | None = None) -> int | None:
    """The year most figures refer to (see the module doc)."""
    latest = frame.published.year if frame.published is not None else None
    # a year after the publication is a plan's ("Năm 2019, phấn đấu ..." in a 2018 article)
    dated = [r for r in roles if r.time == "year" and r.year and (latest is None or r.year <= latest)]
    # A figure of a compared year ("so với năm 2020 (24 đảng viên ...)") says the article counts by
    # years, not by a term, but not which year is its own.
    explicit = Counter(r.year for r in dated if V.paren_year(text, r.hit.mention.start) is None)
    terms = sum(1 for r in roles if r.time == "term")
    if evidence is None:
        evidence = year_evidence(text[:min(frame.body_end, UNIT_WINDOW)], frame.title_end)
    reviewed = evidence.get("review", [])[:2]
    planned = set(evidence.get("plan", []))
    if terms > len(dated) and not reviewed:
        # A review of a term: no year, even where it gives the figures of now at its congress (those
        # take the congress's year, below); most of its figures are the term's (convention 7).
        return None
    votes: Counter[int] = Counter(explicit)
    for y in reviewed:
        votes[y] += 3
    if frame.title_year is not None and frame.title_year not in planned and (latest is None or frame.title_year <= latest):
        votes[frame.title_year] += 2
    if votes:
        top = votes.most_common()
        return max(y for y, c in top if c == top[0][1])
    for kind, shift in (("congress", 0), ("opening", 0), ("plan", -1), ("since", 1), ("during", 0)):
        years = [y for y in evidence.get(kind, []) if latest is None or y + shift <= latest]
        if years:
            return Counter(years).most_common(1)[0][0] + shift
    return frame.published.year if frame.published is not None else None


def _year_and_period(role: Role, default: int | None, now: int | None,
                     text: str) -> tuple[int | None, Period | None]:
    if role.time == "term" and role.metric in _STOCKS and role.signals.get("year_adjacent") is None and \
            re.search(r"\b(?:tăng|nâng)(?: tổng số[^,;.\d]{0,40})? lên\s*(?:hơn|gần|trên|khoảng)?\s*$",
                      text[max(role.sentence.start, role.hit.mention.start - 80):role.hit.mention.start]):
        return now, None  # "trong nhiệm kỳ ... từ 327 tăng lên 412 đồng chí": the count at the term's end, now
    if role.time == "term":
        marker = role.marker
        label = text[marker.start:marker.end].strip() if marker is not None else ""
        if marker is not None and marker.first is not None:
            return None, Period("term", marker.first, marker.last, label)
        return None, Period("term", label=label)
    if role.time == "snapshot":
        return now, None
    if role.time in ("default", "current"):
        return default, None
    if role.marker is not None and role.marker.part:
        return role.year, Period("part", role.year, role.year, role.marker.part)
    return role.year, None


def _head(roles: list[Role], i: int) -> Role | None:
    """The figure a part at `roles[i]` breaks down: the last one of the same dimension (members,
    organisations, classes) before its part marker in its sentence, else in the previous sentence
    of the paragraph when the sentence opens with the marker ("... . Trong đó, ...")."""
    role = roles[i]
    mark = role.part_at
    if mark is None:
        return None
    dimension = V.METRIC_DIMENSION.get(role.metric)
    for j in range(i - 1, -1, -1):
        other = roles[j]
        if other.sentence == role.sentence:
            if other.hit.mention.end > mark or other.hit.derived:
                continue
        elif role.whole is not None and other.hit.mention is role.whole[0]:
            return other  # the figure the roles step found the part marker to break down
        elif mark == role.sentence.start and role.sentence.lead >= 0:
            if other.sentence.paragraph != role.sentence.lead:
                continue  # an item of a list "..., trong đó:": parts of the lead line's figure
        elif not (mark == role.sentence.start and other.sentence.paragraph == role.sentence.paragraph
                  and other.sentence.index == role.sentence.index - 1):
            break
        if V.METRIC_DIMENSION.get(other.metric) == dimension:
            return other
    return None


_DIRECT_ORGS = fastre.compile(r"\s*tổ chức (?:đảng|Đảng)(?: trực thuộc)?(?! cơ sở)\b")


def _is_part(roles: list[Role], i: int, text: str, level: str | None = None) -> bool:
    """Whether roles[i] is a part of another figure that the schema does not count."""
    role = roles[i]
    if role.hit.derived:
        return False
    whole = role.whole[0] if role.whole is not None else None
    if whole is not None and level != "province" and _DIRECT_ORGS.match(text, whole.end):
        pass  # "63 tổ chức đảng trực thuộc, gồm 2 đảng bộ cơ sở, 18 chi bộ cơ sở ...": the unit's own structure
    elif whole is not None and not whole.percent and not any(r.hit.mention is whole for r in roles):
        # ("100% TCCSĐ được đánh giá, trong đó 20 ...": a share of all is the unit's whole, its parts are counted)
        # The figure before the marker counting what the part counts is no fact: the part breaks
        # down a whole that is not the unit's ("28 đảng bộ trực thuộc, gồm ... 2 đảng bộ cơ sở").
        return True
    head = _head(roles, i)
    if head is None:
        return False
    if head.hit.mention.denominator is not None and head.metric in ("grassroots_orgs", "subordinate_cells") \
            and V.METRIC_DIMENSION.get(role.metric) == "orgs" and "đại hội" in text[head.sentence.start:head.sentence.end].lower():
        return True  # "46/49 chi, đảng bộ hoàn thành đại hội, trong đó 12 đảng bộ": parts of the progress
    if head.metric == role.metric:
        a, b = float(head.hit.value), float(role.hit.value)
        # "... hơn 13 nghìn đồng chí. Cụ thể, ... có 13.486 đảng viên": the exact statement, not a part
        return not (head.hit.mention.qualifier != "exact" and role.hit.mention.qualifier == "exact"
                    and a and abs(a - b) / max(a, b) <= 0.1)
    return (head.metric, role.metric) not in _BREAKDOWNS


def _clause(text: str, role: Role) -> str:
    """The words before a figure since the last comma or semicolon: its subject and verb ("theo Ủy
    ban Kiểm tra ..., có 272 đảng viên" names a source, not the body that disciplined)."""
    s = role.sentence.start
    start = max(s, max(text.rfind(";", s, role.hit.mention.start), text.rfind(",", s, role.hit.mention.start)) + 1)
    if _VERB_FIRST.match(text, start, role.hit.mention.start):
        return text[s:role.hit.mention.start]  # "...; thi hành kỷ luật 6 đảng viên": the sentence's subject
    return text[start:role.hit.mention.start]


def _one_body(clause: str) -> bool:
    """Whether a clause names one disciplining body (a count of its own); "cấp ủy và ủy ban kiểm tra
    các cấp" together are the organisation's total."""
    committee = re.search(r"cấp ủy|ban thường vụ|BTV|ban chấp hành|chi bộ", clause, re.I) is not None
    inspection = re.search(r"ủy ban kiểm tra|UBKT", clause, re.I) is not None
    return committee != inspection


def _per_body(roles: list[Role], text: str, keep: list[bool], years: list[int | None]) -> None:
    """Drop the per-body discipline counts that a stated total of the same metric and year adds up
    (convention 5): the counts of bodies (cấp ủy, ủy ban kiểm tra) sum to at most that total."""
    for metric in ("disciplined_members", "disciplined_orgs"):
        group = [i for i, r in enumerate(roles) if keep[i] and r.metric == metric]
        bodies = [i for i in group if _one_body(_clause(text, roles[i]))]
        for t in (i for i in group if i not in bodies):
            total = roles[t]
            parts = [i for i in bodies if years[i] == years[t] and (roles[i].time == "term") == (total.time == "term")]
            values = [float(roles[i].value) for i in parts]
            if values and max(values) <= float(total.value) and sum(values) <= 1.1 * float(total.value):
                for i in parts:
                    keep[i] = False




_GRADE_LINE = fastre.compile(r"\W*(?:[Đđ]ủ tư cách,?\s*)?(?:[Hh]oàn thành|[Kk]hông hoàn thành)[^.;\n]{0,40}:?\s*\d")


def _grade_line(layout: Layout, index: int) -> bool:
    """Whether block `index` is a short paragraph opening with a grade and its figure."""
    block = layout.blocks[index]
    return block.kind == "para" and block.end - block.start < 150 and \
        _GRADE_LINE.match(layout.text, block.start, block.end) is not None


def _list_of(layout: Layout, sentence: Sentence) -> tuple[str, int] | None:
    """The list a sentence is an item of: the line that leads it ("..., trong đó:"), else the first of
    the run of list items or table rows it stands in; None for a paragraph's sentence."""
    if sentence.lead >= 0:
        return "lead", sentence.lead
    kind = layout.blocks[sentence.paragraph].kind
    if kind == "para" and _grade_line(layout, sentence.paragraph):
        # lines that each open with a grade ("Hoàn thành tốt nhiệm vụ: 38 tổ chức cơ sở đảng") list them
        first = sentence.paragraph
        while first > 0 and _grade_line(layout, first - 1):
            first -= 1
        return "graded", first
    if kind not in ("item", "row"):
        return None
    first = sentence.paragraph
    while first > 0 and layout.blocks[first - 1].kind == kind:
        first -= 1
    return kind, first


def _listed_grades(roles: list[Role], layout: Layout, keep: list[bool]) -> list[Role]:
    """A bare "hoàn thành tốt" in a list whose other items count a higher grade (convention 2):
    beside the old "trong sạch vững mạnh" it is the good grade alone (dropped); beside "xuất sắc"
    of the same body the good-or-above figure is their sum (derived)."""
    added: list[Role] = []
    for i, role in enumerate(roles):
        group = _list_of(layout, role.sentence)
        if not (keep[i] and role.hit.bare and group is not None):
            continue
        subject = role.metric.removesuffix("_good_or_above")
        siblings = [r for r in roles if _list_of(layout, r.sentence) == group and r is not role]
        sibling_text = " ".join(layout.text[s.start:s.end] for s in layout.sentences
                                if _list_of(layout, s) == group and s != role.sentence)
        if subject == "orgs" and V.OLD_HIGHER.search(sibling_text):
            keep[i] = False
            continue
        excellent = [r for r in siblings if r.metric == f"{subject}_excellent" and r.year == role.year]
        if len(excellent) == 1:
            keep[i] = False
            hit = role.hit
            total = Hit(role.metric, excellent[0].value + hit.value, hit.mention, min(hit.start, excellent[0].hit.start),
                        max(hit.end, excellent[0].hit.end), derived=True, parts=(excellent[0].hit, hit))
            added.append(Role(total, role.sentence, role.time, role.year, role.marker, role.scope, None, None,
                              dict(role.signals)))
    return added


def resolve(roles: list[Role], frame: Frame, norm: Normalised, layout: Layout) -> tuple[list[Candidate], int | None]:
    """The facts of the roles (see the module doc), and the article's report year."""
    text = layout.text
    evidence = year_evidence(text[:min(frame.body_end, UNIT_WINDOW)], frame.title_end)
    year = report_year(roles, frame, text, evidence)
    default = year if year is not None else (frame.published.year if frame.published else None)
    now = year if year is not None else (frame.published.year if frame.published else default)
    congress = evidence.get("congress")
    if congress and (frame.published is None or frame.published.year == congress[0]):
        now = congress[0]  # "hiện có ..." at a congress the title names: the figures of the congress year
    level = frame.unit.level if frame.unit is not None else None
    keep = [not _is_part(roles, i, text, level) and not ({"sub_subject", "event_clause"} & roles[i].scope)
            for i in range(len(roles))]
    for i, role in enumerate(roles):
        # "kết nạp 30 đảng viên, nâng tổng số đảng viên được kết nạp ... lên 128": the 30 is an increment
        if any(other.sentence is role.sentence and other.metric == role.metric and j > i
               and _RAISES_TO.search(text, role.hit.mention.end, other.hit.mention.start)
               for j, other in enumerate(roles)):
            keep[i] = False
    _per_body(roles, text, keep, [_year_and_period(r, default, now, text)[0] for r in roles])
    derived = _listed_grades(roles, layout, keep)
    roles, keep = roles + derived, keep + [True] * len(derived)
    out: list[Candidate] = []
    by_key: dict[tuple[str, int | None, tuple], int] = {}
    for i, role in enumerate(roles):
        if not keep[i]:
            continue
        fact_year, period = _year_and_period(role, default, now, text)
        fact = _fact(role, fact_year, period, norm)
        if fact is None:
            continue
        key = (fact.metric, fact.year, period.key if period else ())
        same = [c for c in out if (c.fact.metric, c.fact.year) == key[:2] and c.fact.value == fact.value]
        if same:
            same[0].signals["restated"] = same[0].signals.get("restated", 0) + 1
            continue
        rounded = _rounded_twin(out, fact)
        if rounded is not None:
            if fact.qualifier == "exact" and rounded.fact.qualifier != "exact":
                out[out.index(rounded)] = Candidate(fact, role, {"restated": 1})
            continue
        by_key.setdefault(key, len(out))
        out.append(Candidate(fact, role, dict(role.signals)))
    return out, year


def _rounded_twin(out: list[Candidate], fact: Fact) -> Candidate | None:
    """A fact of the same metric and year whose value is this one's at another precision."""
    for c in out:
        other = c.fact
        if other.metric != fact.metric or other.year != fact.year or other.derived or fact.derived:
            continue
        if (other.qualifier == "exact") == (fact.qualifier == "exact"):
            continue
        a, b = float(other.value), float(fact.value)
        if a and b and abs(a - b) / max(a, b) <= 0.1:
            return c
    return None


def _fact(role: Role, year: int | None, period: Period | None, norm: Normalised) -> Fact | None:
    hit = role.hit
    start, end = norm.span(hit.start, hit.end)
    quote = norm.original[start:end]
    while quote and quote[-1] in " \t\n,;:":
        quote = quote[:-1]
    if not quote:
        return None
    end = start + len(quote)
    return Fact(metric=hit.metric, value=hit.value,
                qualifier=hit.mention.qualifier if not hit.derived else "exact", year=year,
                evidence=Evidence(quote, start, end), derived=hit.derived, period=period)

