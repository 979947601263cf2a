"""Context of the comparative summary ("so-sanh"): units × indicators of one year, ratios, ranking.

The comparison is of one year (`--year`, else the year most units have figures of), named in the
title; every table, ranking and average uses only figures of that year. Figures of other periods
(another year where a unit lacks that year's, a part of a year, a term, undated) are shown apart
with their period and never ranked. Units are ranked only on indicators where more is better
(`Metric.direction`); discipline and failed grades are stated, not ranked. A comparison needs two
units with figures of its year (`comparable`).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from reportgen.config import Config
from reportgen.contexts.common import (
    COMMON_FIELDS,
    capitalise,
    doc_block,
    province_label,
    refs,
    source_dicts,
    unit_block,
)
from reportgen.contexts.indicators import (
    ALL_INDICATORS,
    DERIVED_INDICATORS,
    MAIN_INDICATORS,
    Indicator,
    indicator_dict,
    value_of,
)
from reportgen.contexts.merge import UnitFacts
from reportgen.contexts.periods import period_label
from reportgen.contexts.ranking import MAX_NAMED, ranking, shown
from reportgen.contexts.variety import vary
from reportgen.i18n import N_
from reportgen.model import ChartSpec, Period
from reportgen.vietnamese.collation import vi_key
from reportgen.vietnamese.formatting import format_number

__all__ = ["Indicator", "MAIN_INDICATORS", "DERIVED_INDICATORS", "compare_context", "value_of",
           "comparison_year", "comparable", "FIELDS", "MIN_UNITS"]

#: What each top-level variable of a "so-sanh" context holds (checked against the code).
FIELDS = {
    **COMMON_FIELDS,
    "year": N_("the year compared (every ranked or averaged figure is of it)"),
    "years": N_("all years the figures shown refer to (the compared one and those shown apart)"),
    "years_note": N_("a sentence on the years of the figures"),
    "main_indicators": N_("columns of the main table: key, label, short, percent, formula, ranked"),
    "derived_indicators": N_("columns of the table of computed ratios (same fields)"),
    "rows": N_("one row per unit with figures of the year: index, unit, cells (by indicator key: text, "
               "value, year, period), refs, year"),
    "rankings": N_("per indicator where more is better: label, order of units (a long one keeps its ends, "
                   "with an item whose `gap` counts the units left out), average, count, years, sentence"),
    "shown": N_("per indicator only shown, never ranked (discipline, failed grades): label, count, sentence"),
    "others": N_("figures of other periods, apart and unranked: unit, label, text, period, refs"),
    "charts": N_("bar charts: title, alt, svg and png (data: URIs), width_cm"),
    "n_units": N_("number of units compared"),
    "appendix": N_("whether the unit tables and the sources go into appendices (many units)"),
    "groups": N_("with `appendix`: rows by province (title, rows), provinces in Vietnamese order"),
    "appendix_ref": N_("the line under an appendix title: which report it belongs to"),
    "unit_titles": N_("unit names with their kind, capitalised"),
}

#: How many units a chart shows at most (the highest), so that its bars stay readable.
MAX_BARS = 20
#: Up to how many units the tables stay in the body; beyond, they go into appendices.
INLINE_UNITS = 20
#: A comparison needs at least this many units with figures of its year.
MIN_UNITS = 2

#: The metrics the indicators read, whose years make a unit comparable on a year.
_INDICATOR_METRICS = frozenset(m for i in ALL_INDICATORS for m in (i.metric, i.numerator) if m)


def _unit_years(facts: UnitFacts) -> set[int]:
    return {f.year for f in facts.figures
            if f.whole_year and f.year is not None and f.metric in _INDICATOR_METRICS}


def comparison_year(units: Sequence[UnitFacts], year: int | None = None) -> int | None:
    """The year compared: `year`, else the year most units have figures of (the later on a tie)."""
    if year is not None:
        return year
    counts = Counter(y for facts in units for y in _unit_years(facts))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def comparable(units: Sequence[UnitFacts], year: int) -> list[UnitFacts]:
    """The units with a figure of `year` on some indicator."""
    return [facts for facts in units if year in _unit_years(facts)]


def _others(facts: UnitFacts, cells: dict[str, Any], year: int) -> list[dict[str, Any]]:
    """A unit's figures of other periods: parts of years, terms and undated always; another year
    only where the unit has no figure of `year` for the indicator."""
    found: dict[tuple[str, int | None, int | None], Period] = {}
    for f in facts.figures:
        if f.metric in _INDICATOR_METRICS:
            found.setdefault(f.period.key, f.period)
    periods = [p for p in found.values() if not (p.kind == "year" and p.start == year)]
    periods.sort(key=lambda p: ({"year": 0, "part": 0, "term": 1}.get(p.kind, 2), -(p.start or 0)))
    out = []
    for indicator in MAIN_INDICATORS:
        for period in periods:
            if period.kind == "year" and cells.get(indicator.key):
                continue
            value = value_of(facts, indicator, period)
            if value is not None:
                out.append({"indicator": indicator, "value": value, "period": period})
    return out


def compare_context(units: Sequence[UnitFacts], config: Config, year: int | None = None,
                    charts: bool = True, cite_all: bool = False) -> dict[str, Any]:
    """Everything `so-sanh.html.j2` shows of `units` on `year` (default: `comparison_year`);
    `config` is already filled by `for_units`. The source list holds the sources cited, or with
    `cite_all` every source of every unit, numbered unit by unit in the order of `units`."""
    the_year = comparison_year(units, year)
    compared = comparable(units, the_year) if the_year is not None else []
    inside = {id(f) for f in compared}
    apart = [f for f in units if id(f) not in inside]
    appendix = len(compared) > INLINE_UNITS
    if appendix:
        # Hundreds of units are looked up by province, then by name, in alphabetical order.
        compared = sorted(compared, key=lambda f: (vi_key(f.unit.province or "\uffff"), vi_key(f.unit.name),
                                                   f.unit.kind))
    period = Period.of_year(the_year)
    # One document-wide source list of the sources cited, unit by unit.
    numbering: dict[tuple[int, int], int] = {}
    by_id = {id(f): f for f in units}
    if cite_all:
        for facts in units:
            for ref in facts.sources:
                numbering[(id(facts), ref.number)] = len(numbering) + 1

    def cite(facts: UnitFacts, local: list[int]) -> list[int]:
        return [numbering.setdefault((id(facts), n), len(numbering) + 1) for n in local]

    ordered = list(compared) + apart
    rows, others = [], []
    other_years: set[int] = set()
    for facts in ordered:
        values = ({ind.key: value_of(facts, ind, period) for ind in ALL_INDICATORS}
                  if id(facts) in inside else {})
        for value in values.values():
            if value:
                value["sources"] = cite(facts, value["sources"])
        unit = unit_block(facts.unit)
        for item in _others(facts, values, the_year or 0):
            value = item["value"]
            numbers = cite(facts, value["sources"])
            if item["period"].kind == "year" and item["period"].start:
                other_years.add(item["period"].start)
            others.append({"unit": unit["title"], "province": unit["province"],
                           "label": item["indicator"].label, "text": value["text"],
                           "percent": item["indicator"].percent,
                           "period": period_label(item["period"]), "refs": refs(numbers)})
        if id(facts) in inside:
            cited = sorted({n for v in values.values() if v for n in v["sources"]})
            rows.append({"index": len(rows) + 1, "unit": unit, "cells": values, "refs": refs(cited),
                         "year": the_year})
    years = sorted(({the_year} if rows and the_year else set()) | other_years)
    of_year = f"năm {the_year}" if the_year else ""
    years_note = (f"Các số liệu so sánh, xếp hạng và bình quân đều thuộc {of_year}." if rows else "")
    if others:
        years_note += (" Số liệu của các kỳ khác (năm khác, một phần năm, nhiệm kỳ, không rõ năm) "
                       "nêu riêng, kèm kỳ số liệu, không đưa vào xếp hạng.")
    groups: list[dict[str, Any]] = []
    if appendix:
        for r in rows:
            title = capitalise(province_label(r["unit"]["province"])) or "Chưa rõ tỉnh, thành phố"
            if not groups or groups[-1]["title"] != title:
                groups.append({"title": title, "rows": []})
            groups[-1]["rows"].append(r)
    chart_list = []
    if charts:
        for ind in ALL_INDICATORS:
            have = [(r, r["cells"][ind.key]) for r in rows if r["cells"][ind.key]]
            if not ind.chart or not ind.ranked or len(have) < 2:
                continue
            title = ind.label
            if len(have) > MAX_BARS:
                have = sorted(have, key=lambda rv: -float(rv[1]["value"]))[:MAX_BARS]
                title = f"{ind.label} ({MAX_BARS} đơn vị cao nhất trong {format_number(len(rows))} đơn vị)"
            labels = [r["unit"]["title"] for r, _ in have]
            chart_list.append(ChartSpec.of(title, labels, [float(v["value"]) for _, v in have],
                                           [v["text"] for _, v in have], config.layout.chart_width_cm))
    rankings = [r for r in (ranking(ind, rows, the_year) for ind in ALL_INDICATORS if ind.ranked) if r]
    stated = [s for s in (shown(ind, rows, the_year) for ind in ALL_INDICATORS if not ind.ranked) if s]
    # the remarks are read as one run of paragraphs: no three open alike
    for item, sentence in zip(rankings + stated, vary([r["sentence"] for r in rankings + stated])):
        item["sentence"] = sentence
    sources = []
    refs_of = {(key, s.number): s for key, f in by_id.items() for s in f.sources}
    for key, number in sorted(numbering.items(), key=lambda kv: kv[1]):
        ref = refs_of[key]
        sources.extend(source_dicts([ref], number - ref.number))
    names = (": " + ", ".join(r["unit"]["party"] for r in rows) if len(rows) <= MAX_NAMED
             else f" (danh sách tại {'Phụ lục I' if appendix else 'bảng I'})")
    where = "Phụ lục III" if appendix else "ở cuối báo cáo"
    intro = (f"Báo cáo so sánh một số chỉ tiêu chủ yếu về công tác xây dựng Đảng của "
             f"{format_number(len(rows))} đơn vị{names}; số liệu tổng hợp từ "
             f"{format_number(len(sources))} nguồn tin, bài viết đã đăng (danh mục nguồn {where}).")
    doc = doc_block(config)
    number = doc["number"]  # its blanks are where the number is written by hand: kept
    appendix_ref = f"(Kèm theo Báo cáo {number[:1].lower() + number[1:]}, {doc['date_text']})"
    return {
        "kind": "so-sanh",
        "doc": doc,
        "title": "BÁO CÁO",
        "subject": (f"So sánh một số chỉ tiêu về công tác xây dựng Đảng của {format_number(len(rows))} đơn vị"
                    + (f" {of_year}" if of_year else "")),
        "intro": intro,
        "year": the_year,
        "years": years,
        "years_note": years_note,
        "main_indicators": [indicator_dict(i) for i in MAIN_INDICATORS],
        "derived_indicators": [indicator_dict(i) for i in DERIVED_INDICATORS],
        "rows": rows,
        "rankings": rankings,
        "shown": stated,
        "others": others,
        "charts": chart_list,
        "sources": sources,
        "n_sources": len(sources),
        "n_units": len(rows),
        "appendix": appendix,
        "groups": groups,
        "appendix_ref": appendix_ref,
        "unit_titles": [capitalise(r["unit"]["label"]) for r in rows],
    }
