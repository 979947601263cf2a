"""Periods in documents: their Vietnamese names, their part of a file name, what falls in one.

A document is about one period of a unit: a year (with the parts of it the sources give, such as
"9 tháng đầu năm 2017"), a term ("nhiệm kỳ 2015 - 2020"), or the figures no source dates.
"""
from __future__ import annotations

import re

from reportgen.contexts.merge import Figure
from reportgen.model import Period, slugify

__all__ = ["period_label", "period_slug", "figure_period", "in_period", "term_word"]

_TERM_WORD = re.compile(r"^\s*(nhiệm kỳ|giai đoạn|thời kỳ)", re.IGNORECASE)


def term_word(period: Period) -> str:
    """"nhiệm kỳ" or "giai đoạn", as the source calls a span of years ("giai đoạn" if unsaid)."""
    match = _TERM_WORD.match(period.label)
    return match.group(1).lower() if match else "giai đoạn"


def period_label(period: Period) -> str:
    """"năm 2019", "9 tháng đầu năm 2017", "nhiệm kỳ 2015 - 2020" or "không rõ năm"."""
    if period.kind == "year" and period.start is not None:
        return f"năm {period.start}"
    if period.kind == "part":
        return " ".join(period.label.split()) or f"một phần năm {period.start}"
    if period.kind == "term" and period.start is not None:
        end = f" - {period.end}" if period.end not in (None, period.start) else ""
        return f"{term_word(period)} {period.start}{end}"
    if period.kind == "term" and period.label:
        return " ".join(period.label.split()) + " (nguồn không nêu năm)"
    return "không rõ năm"


def period_slug(period: Period) -> str:
    """The end of a document's file name: "2022", "nhiem-ky-2015-2020" or "khong-ro-nam"."""
    if period.kind in ("year", "part") and period.start is not None:
        return str(period.start)
    if period.kind == "term" and period.start is not None:
        return slugify(period_label(period))
    return "khong-ro-nam"


def figure_period(figure: Figure) -> str:
    """What a table's "Năm" column says of a figure: "2019", its part-year or term, or "—"."""
    if figure.period.kind == "year" and figure.year is not None:
        return str(figure.year)
    if figure.period.kind in ("part", "term"):
        return period_label(figure.period)
    return "—"


def in_period(figure: Figure, period: Period) -> bool:
    """Whether a figure belongs in the document of `period`: a year takes its parts too; the
    undated document takes the terms no years are known for."""
    if period.kind == "year":
        return figure.year == period.start and figure.period.kind in ("year", "part")
    if period.kind == "term":
        return figure.period.key == period.key
    return figure.period.kind == "undated" or (figure.period.kind == "term" and figure.period.start is None)
