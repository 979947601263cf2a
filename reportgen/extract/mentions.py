"""Number mentions in normalised Vietnamese text: "4.567", "12,5%", "7.1%", "02", "3/25", "hai lớp".

A `Mention` is a count, a percentage or a ratio "X/Y", with the qualifier stated before it
("trên", "hơn" -> over; "khoảng", "gần" -> about; "dưới" -> under). Years, dates, times,
document numbers ("Nghị quyết số 21"), durations ("10 năm") and ordinals are not mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.extract import fastre
from reportgen.extract.vocab import MEMBER
from reportgen.vietnamese.numbers import LARGEST_COUNT, parse_number

__all__ = ["Mention", "find_mentions"]

# A number token: thousands grouped with dots ("12.345"), an optional decimal comma ("12,5"),
# or a dot decimal before "%" ("7.1%"); elsewhere "28.12" is a day and month.
_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?=\s?%)|\d+)"
_MENTION = fastre.compile(
    r"(?:(?<![\w.,/\-])|(?<=[^\W\d_],))(?P<a>" + _NUM + r")(?:\s?/\s?(?P<b>" + _NUM + r"))?(?:(?P<pct>\s?%)|(?![\w/%]|[.,]\d|[.,]{2}))"
)

_QUALIFIERS = (
    (fastre.compile(r"(?:^|\s)(?:trên|hơn|tới hơn|gần hơn|vượt mốc|vượt ngưỡng)\s*$", re.I), "over"),
    (fastre.compile(r"(?:^|\s)(?:khoảng|gần|xấp xỉ|ước|ước tính|chừng|gần như)\s*$", re.I), "about"),
    (fastre.compile(r"(?:^|\s)(?:dưới|chưa đến|chưa tới|không quá|chưa đầy)\s*$", re.I), "under"),
)

# Words before a number that make it a reference, not a count: "Nghị quyết số 21", "khóa XIII".
_REFERENCE_BEFORE = fastre.compile(
    r"(?:(?<!tổng )(?<!Tổng )(?<!con )(?<!trong )(?<!Trong )\bsố|\bSố|Nghị quyết|Chỉ thị|Kết luận|Quy định|Hướng dẫn|Kế hoạch|Quyết định|Thông báo|"
    r"Chương trình(?: hành động)?|Công văn|Tờ trình|Đề án|Điều|Khoản|khoản|điều|lần thứ|thứ|"
    r"ngày|Ngày|tháng|Tháng|năm|Năm|khóa|Khóa|nhiệm kỳ|giai đoạn|Giai đoạn|phiên|Mục|mục|"
    r"Hội nghị|hội nghị|NQ|TW|GMT\+?|Kỳ|kỳ|lúc|hồi|Phường|phường|Tổ|tổ|ấp|Ấp|khu|Khu|khóm|Khóm|"
    r"Quốc lộ|quốc lộ|QL|Tỉnh lộ|đường|Đường|tuổi|Trung ương|trung ương|Nghị định)\s*$"
)
_DURATION_AFTER = fastre.compile(
    r"^\s*(?:(?:nghìn|ngàn)\s+(?:tỷ|đồng\b(?! chí)|USD|ha|km|tấn)|năm|tháng|ngày|tuần|giờ|phút|giây|tuổi|km|m\b|ha\b|tỷ|triệu|đồng\b(?! chí)|USD|lần\b|"
    r"buổi|kỳ\b|khóa\b|nhiệm kỳ|h\d|:|-[A-ZĐ]|/[A-ZĐ]|/\d{4})",
    re.I,
)
# "10 nghìn đảng viên", "2,5 ngàn": a count in thousands.
_THOUSANDS = fastre.compile(r"\s+(?:nghìn|ngàn)\b(?!\s+(?:tỷ|đồng\b(?! chí)|USD|ha|km|tấn))")
_TIME_OR_DATE_AROUND = fastre.compile(r"\d[:h]\d|\d/\d{1,2}/\d|\d\.\d{1,2}\.\d{4}")

_WORD_NUMBERS = {
    "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mươi": 10,
}
# A number word counts only directly before one of these nouns ("hai lớp", "ba tổ chức").
_WORD_COUNTABLE = r"(?:lớp|tổ chức|" + MEMBER + r"|chi bộ|đảng bộ|học viên|quần chúng)"
# "9,240" written with an English thousands comma: a count when people or organisations follow.
_ENGLISH_THOUSANDS = fastre.compile(r"\d{1,3}(?:,\d{3})+")
_COUNTED_AFTER = fastre.compile(r"\s*(?:" + _WORD_COUNTABLE + r"|người|lượt|cán bộ)\b", re.I)
_DIGIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
                "bẩy": 7, "tám": 8, "chín": 9}
_NUMBER_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)"
# "hai trăm mười bốn đảng viên", "mười lăm đảng viên", "gần hai nghìn đảng viên": numbers in words.
_COMPOUND_MENTION = fastre.compile(r"(?<!\w)(?P<w>(?:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|một)"
                               r"(?:\s+" + _NUMBER_WORD + r")+)(?=\s+" + _WORD_COUNTABLE + r"\b)", re.I)


def words_value(words: str) -> int | None:
    """The value of a number written in Vietnamese words ("hai trăm mười bốn" -> 214), or None."""
    total = hundreds = current = 0
    last = ""
    for w in words.lower().split():
        if w in _DIGIT_WORDS:
            if last in _DIGIT_WORDS:
                return None  # "hai ba": two numbers, not one
            current += _DIGIT_WORDS[w]
        elif w == "mười":
            current += 10
        elif w == "mươi":
            if last not in _DIGIT_WORDS:
                return None
            current *= 10
        elif w == "trăm":
            hundreds += current * 100
            current = 0
        elif w in ("nghìn", "ngàn"):
            total += (hundreds + current) * 1000
            hundreds = current = 0
        elif w not in ("linh", "lẻ"):
            return None
        last = w
    value = total + hundreds + current
    return value or None


_WORD_MENTION = fastre.compile(
    r"(?<!\w)(?P<w>" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")(?=\s+"
    + _WORD_COUNTABLE + r"\b)",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A number as stated: value, qualifier, and its span in the normalised text."""

    value: int | float
    start: int
    end: int
    qualifier: str = "exact"
    percent: bool = False
    denominator: int | float | None = None  # "3/25": value 3, denominator 25
    qualifier_start: int | None = None  # where a qualifier word begins, if any

    @property
    def is_ratio(self) -> bool:
        """Whether the mention is an "X/Y" pair."""
        return self.denominator is not None


def _qualifier(text: str, start: int) -> tuple[str, int | None]:
    before = text[max(0, start - 16):start]
    for pattern, name in _QUALIFIERS:
        m = pattern.search(before)
        if m:
            return name, start - len(before) + m.start() + (1 if m.group(0)[:1].isspace() else 0)
    return "exact", None


def _is_reference(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40):start]
    if _REFERENCE_BEFORE.search(before):
        return True
    after = text[end:end + 20]
    if _DURATION_AFTER.match(after):
        return True
    window = text[max(0, start - 3):end + 3]
    return bool(_TIME_OR_DATE_AROUND.search(window))


def find_mentions(text: str) -> list[Mention]:
    """Every count, percentage and ratio in `text`, in order."""
    found: list[Mention] = []
    for m in _MENTION.finditer(text):
        a, b = m.group("a"), m.group("b")
        start, end = m.start(), m.end()
        try:
            value = parse_number(a)
            denominator = parse_number(b) if b else None
        except ValueError:
            continue
        if value > LARGEST_COUNT or (denominator or 0) > LARGEST_COUNT:
            continue  # no Party organisation counts beyond this: a code or a garbled figure
        percent = bool(m.group("pct"))
        if not percent and b is None and _ENGLISH_THOUSANDS.fullmatch(a) and _COUNTED_AFTER.match(text, end):
            value = int(a.replace(",", ""))  # "9,240 đồng chí": people come whole, the comma groups thousands
        if not percent and _is_reference(text, start, end):
            continue
        if not percent and denominator is None and isinstance(value, int) and 1900 <= value <= 2100 \
                and "." not in a and not _COUNTED_AFTER.match(text, end):
            continue  # a bare year ("1904 tổ chức cơ sở đảng" counts: no year is followed by what it counts)
        if denominator is not None and (denominator == 0 or value > denominator
                                        or (isinstance(denominator, int) and 1900 <= denominator <= 2100
                                            and "." not in (b or ""))):
            continue  # a date "6/7" or "9/2022", not a share ("1.872/1.950 đảng viên" is one)
        multiplier = _THOUSANDS.match(text, end) if not percent and denominator is None else None
        if multiplier:
            value = round(value * 1000) if isinstance(value, float) else value * 1000
            end = multiplier.end()
        qualifier, qstart = _qualifier(text, start)
        found.append(Mention(value, start, end, qualifier, percent, denominator, qstart))
    compounds: list[tuple[int, int]] = []
    for m in _COMPOUND_MENTION.finditer(text):
        value = words_value(m.group("w"))
        if value is None or value < 10:
            continue
        qualifier, qstart = _qualifier(text, m.start())
        found.append(Mention(value, m.start(), m.end(), qualifier, False, None, qstart))
        compounds.append((m.start(), m.end()))
    for m in _WORD_MENTION.finditer(text):
        if any(a <= m.start() < b for a, b in compounds):
            continue
        word = m.group("w").lower()
        before = text[max(0, m.start() - 12):m.start()].lower()
        if word == "năm" and re.search(r"(?:trong|của|mỗi|hằng|hàng|cả)\s*$", before):
            continue
        if word in ("mươi",):
            continue
        qualifier, qstart = _qualifier(text, m.start())
        found.append(Mention(_WORD_NUMBERS[word], m.start(), m.end(), qualifier, False, None, qstart))
    found.sort(key=lambda x: x.start)
    return found
