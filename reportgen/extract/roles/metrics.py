"""Metric rules: which figure of a sentence is which indicator of SCHEMA.md.

Each number mention is read with what it counts (the noun after it, else the noun before it,
else the section's subject: "Đối với ĐV: ...") and the predicate before it ("kết nạp", "kỷ luật",
"tổng số") or after it ("hoàn thành xuất sắc", "bị kỷ luật"). Items of a list ("kỷ luật 02 tổ chức,
44 đảng viên") share the predicate of the first. "trong đó" introduces a subset; grades listed
side by side are summed into a derived good-or-above figure.
"""
from __future__ import annotations

import re
from typing import Callable

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.mentions import Mention
from reportgen.extract.roles.items import (
    Hit,
    Item,
    derive_good,
    grade_of,
    items_of,
    noun_at,
    noun_before,
    plan_scope,
    sentence_start,
)
from reportgen.extract.roles.people import classes, members
from reportgen.extract.roles.shares import percent, ratio

__all__ = ["Hit", "classify_sentence"]

_HEAD = fastre.compile(r"(?:^|[\s,;(])(?:[Tt]ổng số|[Ss]ố lượng|[Ss]ố)\s+(?=\S[^,;]*?\s(?:là|có|đạt|gồm|lên(?: con số)?|"
                   r"lên đến|lên tới)\s*$)")
_HEAD_COLON_LEFT = fastre.compile(r"(?:^|[\s,;(])(?:[Tt]ổng số|[Ss]ố lượng|[Ss]ố)\s+(?=[^,;:]{2,60}:\s*$)")
_WOMEN = fastre.compile(r"(?:\(|trong đó\s*[,:]?|^)\s*(?:có\s+)?(?:(?:đảng viên|ĐV)\s+)?nữ\s*(?:(?:là|có)\s*)?$", re.M)
_LIST_GLUE = fastre.compile(r"^\s*(?:,|;|và|, và|cùng|hoặc)?\s*(?:có\s+)?(?:hơn|trên|gần|khoảng|dưới)?\s*$", re.I)


def _subject(noun: str | None) -> str | None:
    if noun in ("member", "new_member", "female"):
        return "members"
    if noun in ("grassroots", "org"):
        return "orgs"
    if noun in ("person",):
        return "persons"
    if noun is None:
        return None
    return "other"


def _section_subject(section: str | None) -> str | None:
    if not section:
        return None
    s = section.lower()
    if s.startswith(("đảng viên", "đv")):
        return "members"
    if s.startswith(("tổ chức cơ sở", "tccsđ", "tổ chức đảng")):
        return "orgs"
    return "other"


def classify_sentence(text: str, start: int, end: int, mentions: list[Mention],
                      section: str | None = None, foreign: Callable[[int, int], bool] | None = None,
                      unit_level: str | None = None, unit_kind: str | None = None,
                      rates_cells: bool | None = None) -> list[Hit]:
    """Classify the mentions of the sentence text[start:end]; `section` is "Đối với X:" in force;
    `rates_cells`: the unit's rated organisations are its chi bộ (a commune before 1 July 2025, the default).

    `foreign(a, b)`: whether the clause at offsets a:b, before a figure, is about another unit; it
    gets offsets, not text, because `text` may have its place names hidden (`names.mask_names`).
    """
    hits: list[Hit] = []
    sentence = text[start:end]
    items = items_of(text, start, end, mentions)
    if rates_cells is None:
        rates_cells = unit_level == "commune"
    previous: Item | None = None
    listed_noun: str | None = None  # the noun a list of grades left out after its first item
    for item in items:
        m = item.mention
        # A section heading inside this sentence ("Đối với ĐV: ...") switches the subject.
        for sec in V.SECTION.finditer(text, start, m.start):
            section = sec.group(1)
        left = item.left
        inherit = previous is not None and _LIST_GLUE.match(left) is not None
        clause = text.rfind(";", start, m.start) + 1
        compared = V.paren_year(text, m.start)
        if compared is not None and compared[1]:
            # "(năm 2022 kết nạp 15 đảng viên)": the unit's figure of another year, its own clause
            clause = max(clause, text.rfind("(", clause, m.start) + 1)
        if foreign is not None and foreign(max(start, clause), m.start):
            previous = item
            continue
        noun = item.noun
        # "612 đảng viên, trong đó nữ 287 đồng chí", "297 đảng viên (nữ 71 đồng chí)", "(nữ 38)": the women
        # among the members (among the new members, a profile of them, not a count of women)
        women = noun in ("member", None) and _WOMEN.search(text, max(start, m.start - 25), m.start) is not None \
            and (noun is not None or re.match(r"\s*[),;]", text[m.end:m.end + 2]) is not None) \
            and not re.search(r"kết nạp|phát triển|\bmới\b", text[max(start, m.start - 80):m.start], re.I)
        if women:
            noun = "female"
        elif noun is None and not m.percent and not V.OTHER_COUNTED.match(text, m.end):
            head = _HEAD.search(left) or _HEAD_COLON_LEFT.search(left)
            noun = noun_at(left, head.end())[0] if head else noun_before(left)
        elif noun in ("member", "person") and (
                re.search(r"(?:đảng viên|ĐV) (?:nữ|mới)[^,;:]{0,30}?\s(?:là|:)\s*$", left)
                or re.search(r"(?:đảng viên|ĐV) nữ\s*$", left)):
            noun = noun_before(left)  # "đảng viên nữ là 6.512 đồng chí", "đảng viên nữ 498 đồng chí"
        if noun is None and not m.percent and previous is not None and grade_of(item.right)[0]:
            # ellipsis in a grade list: "3/25 TCCSĐ xuất sắc, 20 hoàn thành tốt, 2 hoàn thành nhiệm vụ"
            noun = previous.noun or listed_noun
        if not m.percent:  # a share between the items is an aside: "3.288 ĐV ... (đạt 93,1%), trong đó 498 ..."
            listed_noun = noun if grade_of(item.right)[0] else None
        if V.RANKING.search(text, max(start, m.start - 60), m.start) or V.RANKING.match(text, item.noun_end):
            previous = item
            continue  # a ranking of the sub-units
        found = _classify(text, item, noun, left, sentence, section, previous if inherit else None,
                          previous, hits, unit_level, rates_cells)
        stated = compared is not None and compared[2] == "stated"
        if (not found or stated) and previous is not None and compared is not None and (
                _akin(noun, previous.noun) or stated):
            # "cao hơn năm 2014 (3.105 đảng viên)", "giảm 5 tổ chức so với năm 2017 (năm 2017 là 13
            # tổ chức)": the compared year's figure of the same metric, also when the change follows
            # the figure's parts ("148 đảng viên (cấp ủy ... 102, UBKT ... 46), giảm 19 trường hợp
            # so với năm 2013 (167 đảng viên)")
            # ("...; năm 2013 là 19 đảng viên": another year's figure of the last metric stated)
            changed = next((h.metric for h in reversed(hits) if not h.mention.percent
                            and V.METRIC_DIMENSION.get(h.metric) == V.NOUN_DIMENSION.get(noun or "")), None) \
                if _change_near(previous.left) or stated else None
            if previous.predicate or changed:
                found = [(previous.predicate or changed, m.value)]
        # "58 tổ chức cơ sở đảng (15 đảng bộ phường, 43 chi, đảng bộ ...)": parts in parentheses
        paren = text.rfind("(", start, m.start)
        if paren >= 0 and text.rfind(")", paren, m.start) < 0 and compared is None:
            found = [(metric, value) for metric, value in found
                     if not any(h.metric == metric and h.mention.end <= paren for h in hits)]
        # "kỷ luật 187 đảng viên; trong đó UBKT Tỉnh ủy kỷ luật 9": a part of a figure already given
        # (a clause of its own year ends the parts: "..., trong đó nữ 498; riêng năm 2019 kết nạp 231")
        found = [(metric, value) for metric, value in found
                 if not any(h.metric == metric and h.mention.start < m.start
                            and _PARTS_SINCE.search(text, h.mention.end, m.start) for h in hits)]
        for metric, value in found:
            hits.append(Hit(metric, value, m, _evidence_start(text, item, start), _evidence_end(item, text, end)))
        # A change ("tăng 721 đảng viên so với ...") is about the figure before it: its metric
        # carries on to the compared year's figure that may follow in parentheses.
        change = previous is not None and _akin(noun, previous.noun) and _change_near(left)
        item.predicate = found[0][0] if found else (previous.predicate if (inherit or change) and previous
                                                    else None)
        previous = item
    return derive_good(hits, text, start, end)


_NEW_OR_UNRATED = fastre.compile(r"\s*(?:mới thành lập|mới được thành lập|chưa (?:đủ|được) )", re.I)
_COMMUNE_HAS = fastre.compile(r"(?:Đảng bộ|Đảng ủy)(?:\s+(?:xã|phường|thị trấn))?\s+(?:hiện\s+)?(?:có|gồm)\s*$", re.I)
_PARTS_SINCE = fastre.compile(r"(?:trong đó|trong số đó)(?:[^;]|;(?!\s*(?:riêng\s+)?(?:trong\s+)?năm\s+(?:19|20)\d{2}))*$", re.I)


#: Nouns that name the same things when an article repeats itself shorter ("8 tổ chức cơ sở đảng
#: ..., giảm 5 tổ chức").
_AKIN = ({"org", "grassroots"}, {"member", "new_member"}, {"member", "person"})


def _akin(noun: str | None, other: str | None) -> bool:
    return noun is not None and (noun == other or any({noun, other} <= family for family in _AKIN))


def _evidence_start(text: str, item: Item, sentence_start: int) -> int:
    """Where the quote of a figure begins: its clause, or the last comma-phrase when that is long."""
    s = item.left_start
    number = item.mention.qualifier_start if item.mention.qualifier_start is not None else item.mention.start
    if number - s > 100:
        commas = [m.end() for m in re.finditer(r"[,;]\s*", text[s:number]) if number - (s + m.end()) >= 15]
        s = s + commas[-1] if commas else s
    if number - s > 140:
        sp = text.find(" ", number - 140)
        s = sp + 1 if 0 <= sp < number else number
    while s < number and text[s] in " ,;:.)":
        s += 1
    return min(s, number)


def _evidence_end(item: Item, text: str, sentence_end: int) -> int:
    e = item.noun_end if item.noun else item.mention.end
    tail = item.right
    if tail.strip() and len(tail) <= 90:
        # a quote ends on a word of its own phrase, not on the "và" that joins the next item
        tail = re.sub(r"(?:\s+(?:và|hoặc|cùng|với|trong đó|gồm|có))+\s*$", "", tail.rstrip(), flags=re.I)
        e = (item.noun_end if item.noun else item.mention.end) + len(tail.rstrip())
    return max(e, item.mention.end)


def _classify(text: str, item: Item, noun: str | None, left: str, sentence: str,
              section: str | None, previous: Item | None, before: Item | None,
              earlier: list[Hit], unit_level: str | None = None,
              rates_cells: bool = False) -> list[tuple[str, int | float]]:
    m = item.mention
    right = item.right
    after = text[item.mention.end:item.mention.end + 120]
    if m.percent:
        return percent(item, sentence, before)
    subject = _subject(noun) or _section_subject(section)
    if rates_cells and noun in ("cell_other", "subcell", "cell"):
        subject = "orgs"  # a commune's organisations are its chi bộ (convention 3)
    grade, _ = grade_of(right)
    if grade is None and re.fullmatch(r"\s*đủ tư cách\s*", right, re.I):
        grade = grade_of(text[item.noun_end:item.noun_end + 60])[0]  # "612 ĐV đủ tư cách, hoàn thành xuất sắc"
    if grade is None and re.fullmatch(r"\s*(?:và|,|, và)\s*", right):
        # "9 TCCSĐ và 612 đảng viên được xếp loại hoàn thành xuất sắc": the grade after the list
        shared = re.match(r"\s*(?:và|,|, và)\s*[\d.]+\s+[^,;.()\d]{0,60}", text[item.noun_end:])
        grade = grade_of(shared.group(0))[0] if shared else None
    if grade is None:
        lg, lpos = grade_of(left)
        # "325 đảng viên hoàn thành nhiệm vụ và 28 đảng viên vi phạm tư cách": a grade that ends
        # in "và" or a comma after the figure before is that figure's
        theirs = before is not None and before.noun is not None and re.search(r"(?:\svà|,)\s*$", left)
        # ("đạt kết quả khá, kết nạp 6 đảng viên": a verb after the grade word starts the figure's own phrase)
        if lg is not None and not re.search(r"\d", left[lpos:]) and not theirs \
                and not re.search(r"kết nạp|phát triển|nâng|\bcó\b", left[lpos:]):
            grade = lg
    # Quality ratings.
    if grade is not None and subject in ("members", "orgs", "persons", None):
        if subject in (None, "persons"):
            subject = _section_subject(section) if subject is None else (
                "members" if noun == "person" and re.match(r"\s*(?:cá nhân|đồng chí)", text[m.end:]) else None)
        if subject == "other" or subject is None:
            return []
        clause = sentence[:m.start - sentence_start(text, m.start, sentence)]
        clause_part = clause[clause.rfind(";") + 1:]
        if V.CADRES.search(clause) and not re.match(r"\s*(?:đảng viên|ĐV)\b", text[m.end:]):
            return []  # "Đối với 85 cán bộ lãnh đạo, quản lý ..., 14 đồng chí hoàn thành xuất sắc": cadres' grades
        if V.CHANGE.search(left) or V.TARGET.search(left[-40:]) or V.COMMENDATION.search(clause_part) \
                or re.match(r"[^,;.\d]{0,50}?\btiêu biểu\b", right) \
                or V.SELF_ASSESSED.search(clause) or V.SELF_ASSESSED.match(text, item.noun_end + 1) \
                or re.match(r"[^,;.]{0,80}?(?:\d+|hai|ba|bốn|năm|mười) năm (?:liền|liên tục|liên tiếp)",
                            text[item.noun_end:item.noun_end + 120]):
            return []
        out: list[tuple[str, int | float]] = []
        if grade != "old_scale":
            out.append((f"{subject}_{grade}", m.value))
        if m.denominator is not None:
            out.append((f"{subject}_rated", m.denominator))
        return out
    if m.is_ratio:
        return ratio(item, noun, sentence, section, rates_cells)
    rated_orgs = noun == "grassroots" or (rates_cells and noun in ("cell_other", "subcell", "cell"))
    if rated_orgs and not V.DISCIPLINE.search(left) and (
            (re.match(r"\s*(?:được|đã được)\s+(?:đánh giá|xếp loại|phân loại|kiểm điểm)", text[item.noun_end:])
             and not re.search(r"\btrong\s*$", left))
            or (V.RATED_WHOLE.search(left) and re.match(r"\s*(?:,\s*)?(?:có\s+)?[\d.]+\s+[^,;.\d]{0,30}?hoàn thành",
                                                     text[item.noun_end:]))):
        return [("orgs_rated", m.value)]  # "có 21 chi bộ được đánh giá, xếp loại", "Trong 26 TCCSĐ có 5 ... xuất sắc"
    if re.search(r"\btừ\s*$", left) and re.match(r"[^\d,;.]{0,30}?\btrở lên", text[item.noun_end:]):
        return []  # "kết nạp từ 15 đảng viên trở lên": a threshold, not a count
    if noun == "class":
        if V.FUTURE.search(plan_scope(text, m.start, sentence)) or _change_near(left):
            return []  # a plan's classes, or a change ("tăng 6 lớp so với năm 2011")
        return classes(text, item, left)
    # ("So với năm 2020 (24 đảng viên bị kỷ luật), ...": the compared year's own figure, no change)
    if V.SUBSET.search(left) or (_change_near(left) and V.paren_year(left, len(left)) is None) \
            or _in_sector(text, m.start, sentence):
        return []
    if noun in ("member", "new_member", "female", "person"):
        return members(text, item, noun, left, right, sentence, previous, before)
    if noun in ("grassroots", "org"):
        return _orgs(item, noun, left, right, sentence, previous)
    if noun in ("committee", "cell") and (grade_of(right[:40])[0] is not None or _NEW_OR_UNRATED.match(right)):
        return []  # graded (another level's rating), or new and not yet rated: no count of the structure
    if noun == "committee":
        if V.NOT_ORG_COUNT.search(left):
            return []
        head = text[m.end:m.end + 60]
        if re.match(r"\s*(?:đảng bộ|Đảng bộ)[^,;.]{0,25}?trực thuộc\s+(?:Tỉnh ủy|Thành ủy|Trung ương|khác|tỉnh)", head) \
                or (unit_level == "province" and not re.match(r"\s*(?:đảng bộ|Đảng bộ) cơ sở", head)):
            return []  # under a province committee, "đảng bộ trực thuộc" are district-level bodies
        if noun == "committee" and re.match(r"\s*(?:đảng bộ|Đảng bộ)\s*(?:[,;.)]|và\b)", after) is None \
                and not re.match(r"\s*(?:đảng bộ|Đảng bộ) (?:cơ sở|trực thuộc)", after):
            return []
        if re.match(r"\s*(?:thí điểm|điểm\b)", right):
            return []  # a pilot among them
        return [("grassroots_committees", m.value)]
    if noun == "cell":
        if V.NOT_ORG_COUNT.search(left):
            return []
        return [("grassroots_cells", m.value)]
    if noun == "cell_other" and unit_level == "commune" and (V.LIVE_IN.search(left) or (
            rates_cells and _COMMUNE_HAS.search(left) and not V.NOT_ORG_COUNT.search(left))):
        return [("subordinate_cells", m.value)]  # "sinh hoạt ở 14 chi bộ", "Đảng bộ xã có 11 chi bộ": its cells
    if noun == "cell_other":
        # "23 chi bộ ngành" inside a breakdown of the grassroots organisations
        if re.search(r"\bgồm\b|\bbao gồm\b", sentence) and re.search(V.GRASSROOTS, sentence, re.I) \
                and not V.NOT_ORG_COUNT.search(left) and not re.search(r"trực thuộc|bộ phận", after[:40]):
            return [("grassroots_cells", m.value)]
        return []
    if noun == "subcell":
        if V.NOT_ORG_COUNT.search(left) or grade or V.RATED.match(text, item.noun_end) or \
                re.match(r"[^,;.]{0,40}?(?:được|đã)\s+(?:đánh giá|xếp loại|kiểm điểm)", text[item.noun_end:]):
            return []
        return [("subordinate_cells", m.value)]
    return []


def _change_near(left: str, within: int = 25) -> bool:
    """Whether a change word ("tăng", "sáp nhập", "so với") ends in the last `within` characters
    before a figure, read with the words before it ("Sau sáp nhập, ..." is no change)."""
    return any(m.start() >= len(left) - within for m in V.CHANGE.finditer(left))


def _in_sector(text: str, pos: int, sentence: str) -> bool:
    """Whether the clause before `pos` names a sector ("doanh nghiệp ngoài khu vực nhà nước") that no
    word of the whole ("nâng tổng số", "toàn Đảng bộ") follows."""
    start = sentence_start(text, pos, sentence)
    clause_start = max(start, text.rfind(";", start, pos) + 1)
    last = None
    for last in V.SECTOR.finditer(text, clause_start, pos):
        pass
    if last is not None and not V.WHOLE_AGAIN.search(text, last.end(), pos):
        return True
    # "16 đảng viên mới ở khu vực kinh tế tư nhân": the sector right after the figure's noun
    after = _SECTOR_AFTER.match(text, pos)
    return after is not None and V.SECTOR.match(text, after.end()) is not None


_SECTOR_AFTER = fastre.compile(r"[\d.,]+\s+\S+(?:\s+\S+){0,2}?\s+(?:mới\s+)?(?:ở|tại|thuộc)\s+|"
                           r"[\d.,]+\s+\S+(?:\s+\S+){0,2}?\s+(?:mới\s+)?(?=trong\s)")


# "Tổng số được xếp loại: 41 TCCSĐ", "Số TCCSĐ được đánh giá 56": the organisations rated.
_RATED_TOTAL = fastre.compile(r"(?:tổng số|\bsố)(?: (?:TCCSĐ|tổ chức cơ sở đảng|tổ chức đảng))? (?:được|tham gia) "
                              r"(?:đánh giá|xếp loại|kiểm điểm)[^\d;]{0,30}?(?:là|:)?\s*$", re.I)


def _orgs(item: Item, noun: str, left: str, right: str, sentence: str,
          previous: Item | None) -> list[tuple[str, int | float]]:
    m = item.mention
    pred = previous.predicate if previous is not None else None
    if V.DISCIPLINE.search(left) or pred in ("disciplined_members", "disciplined_orgs"):
        return [("disciplined_orgs", m.value)]
    if noun == "grassroots":
        if re.match(r"[^,;.\d]{0,12}?(?:được|đã|tham gia)\s+(?:đánh giá|xếp loại|phân loại|kiểm điểm|phân tích)", right) or \
                re.search(r"(?:phân tích|đánh giá|kiểm điểm),?\s+(?:xếp loại\s+)?chất lượng\s*$", left) or \
                _RATED_TOTAL.search(left):
            return [("orgs_rated", m.value)]  # "487 TCCSĐ được đánh giá, xếp loại", "phân tích chất lượng 56 TCCSĐ"
        # "(được thành lập trên cơ sở ...)": an aside on the unit's founding, not what is counted
        bare = re.sub(r"\([^()]*\)", " ", left)
        whole = re.match(r"\s*(?:trong\s+)?toàn (?:Đảng bộ|đảng bộ|huyện|tỉnh|thành phố|thị xã|quận|xã|phường)\b", right)
        if V.NOT_ORG_COUNT.search(bare) or (re.search(r"\b(?:đến từ|từ|của|thuộc)\s*$", left) and not whole):
            return []  # "học viên đến từ 43 TCCSĐ": where people come from ("đảng viên của 46 TCCSĐ trong toàn Đảng bộ": all)
        if re.match(r"\s*(?:được|đã|đạt|bị|tham gia|xếp loại|xếp|thí điểm|điểm\b|tổ chức đại hội|mới thành lập)", right) \
                or grade_of(right[:40])[0] is not None:
            return []
        return [("grassroots_orgs", m.value)]
    return []
