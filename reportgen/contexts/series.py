"""One unit over time: the series of its indicators by period, and the change from one year to
the year before ("tăng 120 đảng viên (+1,3%) so với năm 2021").

A change is computed only between two whole years' figures of the same indicator: a part of a
year or a term is shown in the series with its period and never taken for a year.
"""
from __future__ import annotations

from typing import Any

from reportgen.contexts.common import refs
from reportgen.contexts.indicators import MAIN_INDICATORS, value_of, with_unit
from reportgen.contexts.merge import Figure, UnitFacts, main_figure
from reportgen.contexts.periods import period_label
from reportgen.model import METRIC_BY_KEY, ChartSpec, Period
from reportgen.vietnamese.formatting import format_fixed, format_number, format_quantity

__all__ = ["change", "change_lines", "series_table", "series_charts", "figure_change"]

#: A chart of the series is drawn from this many years of an indicator.
CHART_YEARS = 3


def change(now: float, before: float, percent: bool, approx: bool = False,
           noun: str = "") -> dict[str, Any]:
    """The change from `before` to `now`: delta, relative change and two texts.

    `text` reads in a sentence ("tăng 120 đảng viên (+1,3%)", "giảm 2,0 điểm phần trăm",
    "không đổi"); `short` fits a table cell ("+120 (+1,3%)", "-2,0 điểm %", "0").
    """
    delta = now - before
    about = "khoảng " if approx else ""
    if percent:  # rates change in percentage points, not in per cent of themselves
        points = round(delta, 1)
        if points == 0:
            return {"delta": 0.0, "relative": None, "text": "không đổi", "short": "0"}
        verb = "tăng" if points > 0 else "giảm"
        return {"delta": points, "relative": None,
                "text": f"{verb} {about}{format_fixed(abs(points), 1)} điểm phần trăm",
                "short": f"{'+' if points > 0 else '-'}{format_fixed(abs(points), 1)} điểm %"}
    if delta == 0:
        return {"delta": 0, "relative": 0.0, "text": "không đổi", "short": "0"}
    relative = 100.0 * delta / before if before else None
    sign = "+" if delta > 0 else "-"
    rel = f" ({sign}{format_fixed(abs(relative), 1)}%)" if relative is not None else ""
    amount = format_number(abs(delta)) + (f" {noun}" if noun else "")
    return {"delta": delta, "relative": relative,
            "text": f"{'tăng' if delta > 0 else 'giảm'} {about}{amount}{rel}",
            "short": f"{sign}{format_number(abs(delta))}{rel}"}


def figure_change(facts: UnitFacts, figure: Figure) -> dict[str, Any] | None:
    """A whole year's figure beside the same metric's figure of the year before: that figure's
    text, year and the change; None when the figure is not of a whole year or there is none."""
    if not figure.whole_year or figure.year is None:
        return None
    before = main_figure(facts, figure.metric, figure.year - 1, whole=True)
    if before is None:
        return None
    metric = METRIC_BY_KEY[figure.metric]
    approx = figure.qualifier != "exact" or before.qualifier != "exact"
    out = change(float(figure.value), float(before.value), metric.percent, approx)
    out.update(before_text=format_quantity(before.value, before.qualifier, metric.percent),
               before_year=before.year, before_refs=refs(before.sources))
    return out


def change_lines(facts: UnitFacts, year: int, party: str = "") -> tuple[list[str], list[str]]:
    """Sentences on each main indicator of `year` against `year` - 1, and the labels of the
    indicators `year` has but `year` - 1 lacks."""
    now_period, before_period = Period.of_year(year), Period.of_year(year - 1)
    lines, missing = [], []
    for indicator in MAIN_INDICATORS:
        now = value_of(facts, indicator, now_period)
        if now is None:
            continue
        before = value_of(facts, indicator, before_period)
        if before is None:
            missing.append(indicator.label)
            continue
        approx = now["qualifier"] != "exact" or before["qualifier"] != "exact"
        noun = "" if indicator.percent else indicator.unit
        moved = change(float(now["value"]), float(before["value"]), indicator.percent, approx, noun)
        whose = f" của {party}" if party else ""
        lines.append(f"{indicator.label}{whose} năm {year}: {with_unit(now['text'], indicator)}, "
                     f"{moved['text']} so với năm {year - 1} ({with_unit(before['text'], indicator)}).")
    return lines, missing


def _series_periods(facts: UnitFacts) -> list[Period]:
    found: dict[tuple[str, int | None, int | None], Period] = {}
    for f in facts.figures:
        found.setdefault(f.period.key, f.period)
    order = {"year": 0, "part": 1, "term": 2, "undated": 3}
    # Years first in order; a term the source gives no years of, and undated figures, last.
    return sorted(found.values(), key=lambda p: (p.start is None, p.kind == "undated", p.start or 0,
                                                 order[p.kind], p.end or 0))


def series_table(facts: UnitFacts, offset: int = 0) -> dict[str, Any] | None:
    """The unit's main indicators by period (years ascending, parts and terms with their
    names): columns, rows of cells, and the sources of each row; None when nothing to show."""
    rows = []
    used: set[str] = set()
    for period in _series_periods(facts):
        cells = {ind.key: value_of(facts, ind, period) for ind in MAIN_INDICATORS}
        if not any(cells.values()):
            continue
        used.update(k for k, v in cells.items() if v)
        cited = sorted({n + offset for v in cells.values() if v for n in v["sources"]})
        rows.append({"period": period_label(period), "year": period.start if period.kind == "year" else None,
                     "cells": cells, "refs": refs(cited)})
    if not rows:
        return None
    columns = [{"key": i.key, "label": i.label, "short": i.short or i.label, "percent": i.percent}
               for i in MAIN_INDICATORS if i.key in used]
    return {"columns": columns, "rows": rows}


def series_charts(facts: UnitFacts, width_cm: float) -> list[ChartSpec]:
    """A bar chart per counted main indicator with figures of `CHART_YEARS` or more whole years."""
    charts = []
    for indicator in MAIN_INDICATORS:
        if not indicator.chart:
            continue
        points = []
        for year in sorted({f.year for f in facts.figures if f.whole_year and f.year is not None}):
            value = value_of(facts, indicator, Period.of_year(year))
            if value is not None:
                points.append((year, value))
        if len(points) >= CHART_YEARS:
            charts.append(ChartSpec.of(f"{indicator.label} qua các năm {points[0][0]} - {points[-1][0]}",
                                       [str(y) for y, _ in points], [float(v["value"]) for _, v in points],
                                       [v["text"] for _, v in points], width_cm))
    return charts

