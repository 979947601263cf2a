"""Dates in articles: the publication date, and the year (or term) each figure refers to.

Publication dates come from the header lines ("02/03/2020 | 10:30", "Thứ Năm, 1/12/2022
8:31'(GMT+7)", "Cập nhật ngày: 26/03/2023 05:57:12", "Ngày đăng 07/06/2018"); dates inside body
sentences are references to documents, not publication. Year markers ("Năm 2019,", "trong năm
2022", "tính đến tháng 9/2022") and terms ("nhiệm kỳ 2015-2020", "Qua 10 năm") frame the figures
that follow them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from reportgen.extract import fastre
from reportgen.extract.segment import lines

__all__ = ["find_published", "Marker", "markers", "markers_by_span", "adjacent_year", "parse_date",
           "year_evidence"]

_NUMERIC_DATE = fastre.compile(r"(?<![\d/.])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*((?:19|20)\d{2})(?!\d)")
_WORDY_DATE = fastre.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)
_ISO_DATE = fastre.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_TIME = fastre.compile(r"(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?!\d)|GMT|AM|PM", re.I)
_DATE_WORDS = fastre.compile(r"cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày:|xuất bản|thứ\s+(?:hai|ba|tư|năm|"
                         r"sáu|bảy)|chủ nhật|posted|published", re.I)


def parse_date(day: int, month: int, year: int) -> date | None:
    """A valid date or None."""
    try:
        return date(year, month, day) if 1945 <= year <= 2100 else None
    except ValueError:
        return None


def find_published(text: str, hint: str | None = None) -> date | None:
    """The article's publication date from its header lines (or a container's ISO hint)."""
    if hint:
        m = _ISO_DATE.search(hint)
        if m:
            found = parse_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if found:
                return found
    spans = lines(text)
    best: tuple[int, int, date] | None = None
    header = spans[:14]
    for position, (start, end) in enumerate(header):
        line = text[start:end]
        if len(line) > 160:
            continue  # a body sentence: its dates are references
        found = [(m.start(), parse_date(int(m.group(1)), int(m.group(3)), int(m.group(4))))
                 for m in _NUMERIC_DATE.finditer(line)]
        found += [(m.start(), parse_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
                  for m in _WORDY_DATE.finditer(line)]
        found += [(m.start(), parse_date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
                  for m in _ISO_DATE.finditer(line)]
        for at, value in found:
            if value is None or _DOCUMENT_DATE.search(line[:at]):
                continue  # "Quy định số 45-QĐ/TW, ngày 01/11/2011": a document's date, not the article's
            score = 1
            if _TIME.search(line):
                score += 2
            if _DATE_WORDS.search(line):
                score += 1
            if len(line) < 70:
                score += 1
            candidate = (score, -position, value)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best else None


_DOCUMENT_DATE = fastre.compile(r"(?:Quy định|Hướng dẫn|Nghị quyết|Chỉ thị|Kết luận|Kế hoạch|Quyết định|Công văn|"
                            r"Thông báo|Thông tư|Nghị định|số \d+\S*)[^.;]{0,40}$", re.I)


@dataclass(frozen=True)
class Marker:
    """A time frame stated in the text: a year (or part of one), a term, the current year, or "now"."""

    start: int
    kind: str  # "year" | "term" | "current" | "snapshot"
    year: int | None = None
    frame: bool = True  # opens the sentence, so it also frames the sentences after it
    end: int = 0  # where the marker's text ends
    first: int | None = None  # a term's first and last years, when stated ("nhiệm kỳ 2015-2020")
    last: int | None = None
    part: str = ""  # a part of the year: "9 tháng đầu năm 2017" (the marker's words)


_YEAR_RANGE = r"(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}"
_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (fastre.compile(r"(?:từ đầu\s+)?(?:nhiệm kỳ|giai đoạn)\s*(?:\(?" + _YEAR_RANGE + r"\)?)?"
                r"(?:\s*(?:đến|tới)\s+nay)?|"
                r"(?:qua|trong|sau)\s+(?:\d+|hai|ba|bốn|năm|mười)\s+năm(?!\s+(?:19|20)\d{2})|"
                r"\d+\s+năm\s+(?:qua|thực hiện|triển khai)|những năm qua|thời gian qua|"
                r"từ (?:khi|ngày) thành lập|từ\s+(?:năm\s+)?(?:19|20)\d{2}\s+(?:đến|tới)\s+(?:nay|năm)|"
                r"từ năm (?:19|20)\d{2}\s*(?:đến nay)?|" + _YEAR_RANGE, re.I), "term"),
    (fastre.compile(r"(?:năm|NĂM)\s+((?:19|20)\d{2})(?!\s*[-–—]\s*(?:19|20)\d{2})(?:\s+(?:đến|tới)\s+nay)?|"
                r"tháng\s+\d{1,2}\s*[/\-.]\s*((?:19|20)\d{2})|"
                r"(?:tính đến|đến|tại thời điểm|thời điểm)\s+(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*((?:19|20)\d{2})",
                re.I), "year"),
    (fastre.compile(r"từ đầu năm(?!\s+(?:19|20)\d{2})|trong năm(?!\s+(?:19|20)\d{2})|năm nay|"
                r"cả năm(?!\s+(?:19|20)\d{2})|trong năm qua", re.I), "current"),
    (fastre.compile(r"hiện nay|hiện có|hiện tại|hiện,|đến nay|tính đến nay|đến thời điểm này|"
                # "Hiện Đảng bộ xã có ...": "hiện" opening a clause before its subject
                r"(?:(?<=^)|(?<=\n)|(?<=[.;:!?,]\s))hiện\s+(?=(?:Đảng bộ|Đảng ủy|toàn|cả|huyện|tỉnh|xã|phường|"
                r"thị trấn|thành phố|quận|thị xã)\b)", re.I),
     "snapshot"),
)
# A year or term after these words names a document or congress, not the figures' time frame
# ("Từ ngày 1/7 đến 30/9/2025" is a span of time, not a document's date).
_REFERENCE = fastre.compile(r"(?:Nghị quyết|Đại hội|khóa|Chỉ thị|Kết luận|Quy định|Hướng dẫn|Kế hoạch|"
                        r"Chương trình|Quyết định|Đề án|ngày \d{1,2}[/.]\d{1,2}|số \d+\S*)"
                        r"[^,;.]{0,60}$|Đại hội[^;.]{0,60}lần thứ [^,;.\s]{1,6},?\s*$", re.I)


# All markers in one alternation, scanned once per sentence; at a position the first kind that
# matches wins, so "nhiệm kỳ 2015-2020" is a term and not also a year.
# The guard lets the engine skip, at one test, every position where no marker can start.
_COMBINED = fastre.compile(r"(?=[tnqsgđhc\d])(?:" + "|".join(f"(?P<{kind}>{pattern.pattern})" for pattern, kind in _MARKERS)
                       + ")", re.I)
_RANGE_START = fastre.compile(r"\bngày \d{1,2}\s*[/.]\s*\d{1,2}(?:\s*[/.]\s*(?:19|20)\d{2})?\s*$", re.I)
_COMPARISON = fastre.compile(r"(?:so với|cùng kỳ|hơn|kém)\s*$", re.I)
_COMPARISON_CLAUSE = fastre.compile(r"\bso với\b[^,;.]{0,60}$", re.I)
# "9 tháng đầu năm 2017", "6 tháng cuối năm", "quý I năm 2020": part of a year.
_PART_BEFORE = fastre.compile(r"(?:\b(?:\d{1,2}|sáu|chín|ba) tháng(?: đầu| cuối)?|\bquý [IV1-4]+|\bnửa đầu|\bnửa cuối)\s*$", re.I)
_YEAR = fastre.compile(r"(?:19|20)\d{2}")


def markers(text: str, start: int, end: int) -> list[Marker]:
    """Time-frame markers inside text[start:end], in order."""
    return _markers(text, start, _COMBINED.finditer(text, start, end))


def markers_by_span(text: str, spans: Sequence[tuple[int, int]]) -> list[list[Marker]]:
    """The markers of each (start, end) span of `text`, from one scan of the text the spans cover
    (empty spans cover nothing)."""
    ranges: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if ranges and start <= ranges[-1][1] + 2:
            ranges[-1][1] = max(ranges[-1][1], end)
        else:
            ranges.append([start, end])
    matches = [m for start, end in ranges for m in _COMBINED.finditer(text, start, end)]
    starts = [m.start() for m in matches]
    out = []
    for start, end in spans:
        i, j = bisect_left(starts, start), bisect_left(starts, end)
        out.append(_markers(text, start, (m for m in matches[i:j] if m.end() <= end)))
    return out


def _markers(text: str, start: int, matches: Iterable[re.Match[str]]) -> list[Marker]:
    found: list[Marker] = []
    for m in matches:
        kind = m.lastgroup or ""
        at = m.start() - start
        if kind in ("year", "term") and _REFERENCE.search(text, max(start, m.start() - 90), m.start()) and not (
                m.group()[:3].lower() in ("đến", "tới") and _RANGE_START.search(text, max(start, m.start() - 20), m.start())):
            continue
        year = None
        first = last = None
        part = ""
        if kind == "year":
            if _COMPARISON.search(text, max(start, m.start() - 12), m.start()) or \
                    _COMPARISON_CLAUSE.search(text, max(start, m.start() - 60), m.start()):
                continue  # a comparison names another year, it does not frame the figures
            year = int(_YEAR.findall(m.group())[-1])
            share = _PART_BEFORE.search(text, max(start, m.start() - 24), m.start())
            if share:
                part = text[share.start():m.end()].strip()
        elif kind == "term":
            years = [int(y) for y in _YEAR.findall(m.group())]
            if len(years) >= 2:
                first, last = years[0], years[-1]
            elif len(years) == 1:
                first = years[0]
        # a year that a colon ends ("... kết quả đánh giá, xếp loại năm 2022: ...") introduces what follows
        introduces = re.match(r"\s*:", text[m.end():m.end() + 3]) is not None
        found.append(Marker(m.start(), kind, year, at < 45 or kind == "term" or introduces, m.end(), first, last, part))
    return found


_ADJACENT = fastre.compile(r"\s*(?:\)?\s*(?:ĐV|đảng viên|đồng chí|người|tổ chức(?: cơ sở)?(?: đảng)?|"
                       r"TCCSĐ|chi bộ|đảng bộ|lớp|học viên|lượt)\s*)?,?\s*(?:vào\s+|của\s+|trong\s+|\((?=năm\s+\d{4}\)))?"
                       r"năm\s+((?:19|20)\d{2})(?!\s*[-–])", re.I)


def adjacent_year(text: str, end: int) -> int | None:
    """A year stated right after a figure and its noun: "1.564 ĐV năm 2015" -> 2015."""
    m = _ADJACENT.match(text, end, min(len(text), end + 40))
    return int(m.group(1)) if m else None


# Phrases that name the year an article reviews ("tổng kết công tác xây dựng Đảng năm 2017",
# "kết quả ... năm 2019"), a year it plans ("phương hướng, nhiệm vụ năm 2018", "triển khai ... năm
# 2021": the results it gives are of the year before), a congress opening a term ("Đại hội ...
# nhiệm kỳ 2020 - 2025": held in its first year), and a comparison with a past year ("so với năm
# 2017": the figure is of a later year).
_REVIEW = fastre.compile(r"(?:tổng kết|sơ kết|kết quả|báo cáo|đánh giá)[^.;\n]{0,90}?\bnăm\s+((?:19|20)\d{2})(?!\s*[-–])", re.I)
_PLAN = fastre.compile(r"(?:phương hướng,?\s*(?:và\s+)?nhiệm vụ|triển khai (?:nhiệm vụ|công tác|kế hoạch|chương trình)|"
                   r"chương trình công tác)[^.;\n]{0,60}?\bnăm\s+((?:19|20)\d{2})(?!\s*[-–])", re.I)
_CONGRESS = fastre.compile(r"Đại hội (?:đại biểu )?(?:Đảng bộ|đảng bộ)[^.;\n]{0,120}?nhiệm kỳ\s*\(?((?:19|20)\d{2})\s*[-–—]\s*(?:19|20)\d{2}", re.I)
_SINCE = fastre.compile(r"so với (?:cùng kỳ )?năm\s+((?:19|20)\d{2})", re.I)
# (A lead may open with its source: "(Báo Sơn La) - Năm 2021, ...", "TTXVN – Năm 2021, ...".)
_OPENING_YEAR = fastre.compile(r"(?:^|[.:]\s+|^(?:\([^()\n]{1,40}\)|[A-ZĐ][\w.]{1,15}(?:\s[A-ZĐ][\w.]{0,15}){0,2})\s*[-–—]\s*)(?:(?:Trong |Cả |Qua )?năm\s+((?:19|20)\d{2})\s*,|"
                           r"(?:(?:Sáng|Chiều|Trưa|Tối) )?Ngày \d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*((?:19|20)\d{2})\s*,)",
                           re.I | re.M)
# "Đặc biệt, trong năm 2021 Đảng bộ ...": a year the text speaks of, wherever it stands; not one
# singled out of a longer span ("Chỉ tính trong năm 2016, ..." in a ten-year review).
_DURING = fastre.compile(r"(?<!tính )(?<!riêng )\b(?:trong|cả|qua|suốt) năm\s+((?:19|20)\d{2})(?!\s*[-–/])", re.I)


#: Years before this name a history (a founding), never the year a report speaks for.
_EARLIEST_REPORT = 1995


def year_evidence(text: str, title_end: int) -> dict[str, list[int]]:
    """Years the article's words give for the year it speaks for, by kind of evidence: "review",
    "plan" (the year after), "congress" (a term's first year), "since" (the year before), and
    "opening" (years opening sentences), "during" ("trong năm 2021" anywhere); the title region's first, each list in text order."""
    title = text[:title_end]
    out: dict[str, list[int]] = {}
    for kind, pattern in (("review", _REVIEW), ("plan", _PLAN), ("congress", _CONGRESS),
                          ("since", _SINCE), ("opening", _OPENING_YEAR), ("during", _DURING)):
        matches = list(pattern.finditer(title))
        if kind != "congress":  # a congress counts only when the title names it
            matches += list(pattern.finditer(text, title_end))
        elif not matches and re.search(r"\bđại hội (?:đại biểu )?đảng bộ\b", title, re.I):
            # "Đại hội Đảng bộ X lần thứ XXII: ..." and the lead gives its term
            matches = list(pattern.finditer(text, title_end, title_end + 600))[:1]
        found = [int(next(g for g in m.groups() if g)) for m in matches]
        found = [y for y in found if y >= _EARLIEST_REPORT]
        if found:
            out[kind] = found
    return out
