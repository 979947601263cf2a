"""The frame of an article, read before its figures: title, publication date, where the article
ends (the related-articles lists after it), and the unit it speaks for.

A unit given by the user (`--unit "xã Y, huyện Z, tỉnh T"`) replaces the detected one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportgen.extract import fastre
from reportgen.extract.segment import Layout, lines
from reportgen.extract.times import find_published, markers
from reportgen.extract.title import find_title
from reportgen.extract.units import detect_unit, two_tier_map
from reportgen.model import Unit

__all__ = ["Frame", "read_frame", "EVENT_TITLE", "UNIT_WINDOW"]

#: How far into a text its unit is looked for: an article names its unit near its start, and a
#: 50 MB text must not cost a scan of every place name in it.
UNIT_WINDOW = 200_000

# Headings of the lists a news page puts after its article: other articles, about other units.
_RELATED = fastre.compile(r"^[ \t-]*(?:các |những )?(?:tin liên quan|tin cùng chuyên mục|cùng chuyên mục|bài liên quan|"
                      r"bài viết liên quan|tin bài liên quan|tin tức liên quan|tin cùng loại|bài cùng chuyên mục|"
                      r"(?:bài viết|tin|bài) cùng chủ đề|chủ đề liên quan|ý kiến bạn đọc|gửi bình luận|"
                      r"các tin khác|các tin đã đưa|tin đã đưa|tin khác|xem thêm|đọc thêm|tin mới nhất|tin mới|"
                      r"tin nổi bật|tin tiêu điểm|các bài viết khác|bài viết khác|bài đọc nhiều|đọc nhiều nhất|"
                      r"tin đọc nhiều|có thể bạn quan tâm|tin xem nhiều)\b", re.I | re.M)
#: Titles of articles about one event (a ceremony, one class, one meeting): their figures are the
#: event's, rarely the unit's.
EVENT_TITLE = fastre.compile(r"\b(?:lễ kết nạp|kết nạp đảng viên (?:là|cho)|khai giảng|bế giảng|trao (?:tặng )?huy hiệu|"
                         r"ra mắt|lễ trao|trao quyết định|gặp mặt|tọa đàm|hội thảo|diễn đàn|"
                         r"tập huấn|hội nghị (?:ban chấp hành|BCH)|lớp bồi dưỡng|lớp học|"
                         r"(?:\d+|hai|ba) năm liền)", re.I)


# "Chi bộ khu phố 2 phường X: ...", "Chi bộ thôn Y – ...": a title whose subject is one chi bộ.
_CELL_TITLE = fastre.compile(r"\s*Chi bộ (?!cơ sở|trực thuộc|\w+ (?:đạt|hoàn thành))[^:–\n]{2,60}(?::|\s[–-]\s)"
                         # "Chi bộ thôn Nà Sài (Tùng Bá) sinh hoạt chuyên đề ...": one named chi bộ the subject
                         r"|\s*Chi bộ (?:thôn|ấp|bản|buôn|khu phố|tổ dân phố|khóm|xóm|khu dân cư|[Tt]rường) (?-i:[A-ZĐ0-9])")


@dataclass(frozen=True)
class Frame:
    """What is known of an article before its figures are read."""

    title: str | None
    title_end: int
    published: date | None
    body_end: int
    unit: Unit | None
    warnings: tuple[str, ...]
    title_year: int | None  # a single year the heading names ("... năm 2022")
    event: bool  # the title names one event (a ceremony, a class)
    speaker: str | None = None  # the unit's kind: known with the unit, or the kind an unnamed unit speaks as
    of_cell: bool = False  # the title's subject is one chi bộ: the article speaks for it, not for the unit
    two_tier: bool = False  # after 1 July 2025: a commune's committee is above its grassroots organisations


def _body_end(text: str, title_end: int) -> int:
    """Where the article ends: at the first related-articles heading in its last 70%, else the end."""
    # Menus above the article use the same words ("Tin mới"); lists of other articles come after it.
    m = _RELATED.search(text, max(title_end, int(len(text) * 0.3)))
    return m.start() if m else len(text)


def _title_year(text: str, title_end: int) -> int | None:
    """A single year the heading lines name ("BÁO CÁO ... năm 2022"), else None."""
    heading = [(a, b) for a, b in lines(text)[:5] if b - a < 160]
    years = {m.year for a, b in heading for m in markers(text, a, b) if m.kind == "year"}
    return years.pop() if len(years) == 1 else None


def read_frame(layout: Layout, title_hint: str | None, published_hint: str | None,
               unit: Unit | None = None, site_hint: str | None = None) -> Frame:
    """The frame of the article laid out in `layout`; `unit` overrides the detected unit; `site_hint`
    is what the page says around the article (its site's name, breadcrumbs), read as part of the
    title for the unit."""
    text = layout.text
    title, title_end = find_title(text, title_hint)
    published = find_published(text, published_hint)
    body_end = _body_end(text, title_end)
    warnings: tuple[str, ...] = ()
    speaker = unit.kind if unit is not None else None
    if unit is None:
        if site_hint:
            head = site_hint.strip() + "\n"
            guess = detect_unit(head + text[:min(body_end, UNIT_WINDOW)], len(head) + title_end, published)
        else:
            guess = detect_unit(text[:min(body_end, UNIT_WINDOW)], title_end, published)
        unit, warnings = guess.unit, guess.warnings
        speaker = unit.kind if unit is not None else guess.speaker
    event = bool(title and EVENT_TITLE.search(title))
    of_cell = bool(title and _CELL_TITLE.match(title))
    return Frame(title, title_end, published, body_end, unit, warnings, _title_year(text, title_end), event,
                 speaker, of_cell, two_tier_map(text[:min(body_end, UNIT_WINDOW)], published))
