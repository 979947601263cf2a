"""Context of the comparative summary ("so-sanh"): units × indicators, derived ratios, ranking.

An indicator value is a unit's main figure (latest year) or a ratio of two main figures of the
same year; a ratio of a qualified figure ("trên 9.600") is itself approximate ("khoảng").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from reportgen.config import Config
from reportgen.contexts.common import (
    COMMON_FIELDS,
    capitalise,
    doc_block,
    province_label,
    source_dicts,
    unit_block,
)
from reportgen.contexts.merge import UnitFacts, main_figure
from reportgen.model import ChartSpec
from reportgen.vietnamese.collation import vi_key
from reportgen.vietnamese.formatting import format_fixed, format_number, format_quantity, qualifier_word

__all__ = ["Indicator", "MAIN_INDICATORS", "DERIVED_INDICATORS", "compare_context", "value_of",
           "FIELDS"]

#: What each top-level variable of a "so-sanh" context holds (checked against the code).
FIELDS = {
    **COMMON_FIELDS,
    "years": "all years the figures refer to",
    "years_note": "a sentence on the years of the figures",
    "main_indicators": "columns of the main table: key, label, short, percent, formula",
    "derived_indicators": "columns of the table of computed ratios (same fields)",
    "rows": "one row per unit: index, unit, cells (by indicator key: text, value, year), refs, "
            "year (the most common year of its figures)",
    "rankings": "per indicator: label, order of units (a long one keeps its ends, with an item whose "
                "`gap` counts the units left out), average, count, years, sentence",
    "charts": "bar charts: title, alt, svg and png (data: URIs), width_cm",
    "n_units": "number of units",
    "appendix": "whether the unit tables and the sources go into appendices (many units)",
    "groups": "with `appendix`: rows by province (title, rows), provinces in Vietnamese order",
    "appendix_ref": "the line under an appendix title: which report it belongs to",
    "unit_titles": "unit names with their kind, capitalised",
}


@dataclass(frozen=True)
class Indicator:
    """A column of the comparison: a metric, or `numerator / denominator × scale`."""

    key: str
    label: str
    unit: str  # noun after a value in sentences ("đảng viên", "%")
    metric: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    chart: bool = False
    short: str = ""  # column heading in tables, where space is short

    @property
    def percent(self) -> bool:
        """Whether values read as percentages."""
        return self.unit == "%"


MAIN_INDICATORS: tuple[Indicator, ...] = (
    Indicator("members_total", "Tổng số đảng viên", "đảng viên", metric="members_total",
              chart=True, short="Tổng số đảng viên"),
    Indicator("members_admitted", "Kết nạp đảng viên mới", "đảng viên",
              metric="members_admitted", chart=True, short="Kết nạp mới"),
    Indicator("grassroots_orgs", "Tổ chức cơ sở đảng", "tổ chức", metric="grassroots_orgs",
              chart=True, short="Tổ chức cơ sở đảng"),
    Indicator("orgs_good_share", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%",
              numerator="orgs_good_or_above", denominator="orgs_rated", scale=100.0,
              short="TCCSĐ hoàn thành tốt NV trở lên (%)"),
    Indicator("members_good_share", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%",
              numerator="members_good_or_above", denominator="members_rated", scale=100.0,
              short="Đảng viên hoàn thành tốt NV trở lên (%)"),
    Indicator("disciplined_members", "Đảng viên bị thi hành kỷ luật", "đảng viên",
              metric="disciplined_members", short="Đảng viên bị kỷ luật"),
)

DERIVED_INDICATORS: tuple[Indicator, ...] = (
    Indicator("members_per_org", "Số đảng viên bình quân một tổ chức cơ sở đảng", "đảng viên",
              numerator="members_total", denominator="grassroots_orgs", chart=True,
              short="Đảng viên bình quân/TCCSĐ"),
    Indicator("admission_rate", "Kết nạp mới so với tổng số đảng viên", "%",
              numerator="members_admitted", denominator="members_total", scale=100.0,
              short="Kết nạp mới/tổng số đảng viên (%)"),
    Indicator("excellent_share", "Đảng viên hoàn thành xuất sắc nhiệm vụ", "%",
              numerator="members_excellent", denominator="members_rated", scale=100.0,
              short="Đảng viên hoàn thành xuất sắc NV (%)"),
    Indicator("discipline_rate", "Đảng viên bị kỷ luật trên 1.000 đảng viên", "đảng viên",
              numerator="disciplined_members", denominator="members_total", scale=1000.0,
              short="Đảng viên bị kỷ luật/1.000 đảng viên"),
)


def value_of(facts: UnitFacts, indicator: Indicator) -> dict[str, Any] | None:
    """The unit's value of an indicator, or None when a needed figure is missing."""
    if indicator.metric:
        figure = main_figure(facts, indicator.metric)
        if figure is None:
            return None
        value, qualifier, year, derived = figure.value, figure.qualifier, figure.year, \
            figure.derived
        sources = list(figure.sources)
    else:
        assert indicator.numerator and indicator.denominator
        top = main_figure(facts, indicator.numerator)
        if top is None or top.year is None:
            return None
        # Both figures must describe the same year, or the ratio means nothing.
        bottom = main_figure(facts, indicator.denominator, top.year)
        if bottom is None or not bottom.value:
            return None
        value = indicator.scale * top.value / bottom.value
        exact = top.qualifier == bottom.qualifier == "exact"
        qualifier, year, derived = ("exact" if exact else "about"), top.year, True
        sources = sorted(set(top.sources) | set(bottom.sources))
    if indicator.metric is None:
        # a ratio: one decimal always, so "3,0" stands beside "3,1" (one decimal style)
        text = " ".join(w for w in (qualifier_word(qualifier), format_fixed(value, 1)) if w) + \
            ("%" if indicator.percent else "")
    else:
        text = format_quantity(value, qualifier)
    return {"value": value, "qualifier": qualifier, "year": year, "derived": derived,
            "text": text, "sources": sources}


def _indicator_dict(indicator: Indicator) -> dict[str, Any]:
    return {"key": indicator.key, "label": indicator.label, "percent": indicator.percent,
            "short": indicator.short or indicator.label,
            "formula": (f"{indicator.numerator}/{indicator.denominator}"
                        if indicator.numerator else indicator.metric)}


def _with_unit(text: str, indicator: Indicator) -> str:
    return text if indicator.percent else f"{text} {indicator.unit}"


#: How many units a ranking names from the top and from the bottom when there are many.
RANKING_HEAD, RANKING_TAIL = 10, 2
#: How many units a chart shows at most (the highest), so that its bars stay readable.
MAX_BARS = 20
#: Up to how many units the introduction names them all.
MAX_NAMED = 12
#: Up to how many units the tables stay in the body; beyond, they go into appendices.
INLINE_UNITS = 20


def _ranking(indicator: Indicator, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Units ordered by an indicator, with highest/lowest/average and a sentence."""
    have = [(r, r["cells"][indicator.key]) for r in rows if r["cells"][indicator.key]]
    if not have:
        return None
    have.sort(key=lambda rv: (-rv[1]["value"], rv[0]["unit"]["label"]))
    order = [{"rank": i + 1, "unit": r["unit"]["title"], "text": v["text"], "year": v["year"], "gap": 0}
             for i, (r, v) in enumerate(have)]
    if len(order) > RANKING_HEAD + RANKING_TAIL + 1:
        # A ranking of hundreds of units is read at its ends; the full figures are in table I.
        omitted = len(order) - RANKING_HEAD - RANKING_TAIL
        order = order[:RANKING_HEAD] + [{"rank": 0, "unit": "", "text": "", "year": None, "gap": omitted}] \
            + order[-RANKING_TAIL:]
    years = sorted({v["year"] for _, v in have if v["year"]})

    def named(item: tuple[dict[str, Any], dict[str, Any]]) -> str:
        unit, val = item
        year = f", năm {val['year']}" if val["year"] else ", không rõ năm"
        return f"{unit['unit']['party']} ({_with_unit(val['text'], indicator)}{year})"

    if len(have) == 1:
        sentence = (f"{indicator.label}: chỉ có số liệu của {named(have[0])}, "
                    "chưa đủ để so sánh.")
        average = None
    else:
        average = sum(v["value"] for _, v in have) / len(have)
        digits = 0 if indicator.metric else 1  # counts average to whole units
        avg_text = (format_fixed(average, 1) if digits else format_number(round(average))) + \
            ("%" if indicator.percent else "")
        approx = any(v["qualifier"] != "exact" for _, v in have)
        span = ""
        if len(years) > 1:
            span = f", số liệu các năm {', '.join(map(str, years))}"
        if have[0][1]["value"] == have[-1][1]["value"]:
            extremes = "các đơn vị có số liệu bằng nhau: " + ", ".join(named(h) for h in have)
        else:
            extremes = f"cao nhất là {named(have[0])}, thấp nhất là {named(have[-1])}"
        sentence = (f"{indicator.label}: {extremes}; bình quân "
                    f"{'khoảng ' if approx else ''}{_with_unit(avg_text, indicator)}/đơn vị "
                    f"({len(have)} đơn vị có số liệu{span}).")
    return {"key": indicator.key, "label": indicator.label, "order": order,
            "average": average, "count": len(have), "years": years, "sentence": sentence}


def compare_context(units: Sequence[UnitFacts], config: Config,
                    charts: bool = True) -> dict[str, Any]:
    """Everything `so-sanh.html.j2` shows: `config` is already filled by `for_units`."""
    appendix = len(units) > INLINE_UNITS
    if appendix:
        # Hundreds of units are looked up by province, then by name, in alphabetical order.
        units = sorted(units, key=lambda f: (vi_key(f.unit.province or "\uffff"), vi_key(f.unit.name),
                                             f.unit.kind))
    offsets, offset = [], 0
    for facts in units:  # one document-wide source list: unit by unit
        offsets.append(offset)
        offset += len(facts.sources)
    rows = []
    for index, facts in enumerate(units):
        values = {ind.key: value_of(facts, ind) for ind in MAIN_INDICATORS + DERIVED_INDICATORS}
        cited = sorted({n + offsets[index] for v in values.values() if v for n in v["sources"]})
        rows.append({"index": index + 1, "unit": unit_block(facts.unit), "cells": values,
                     "refs": ", ".join(f"[{n}]" for n in cited)})
    years = sorted({v["year"] for r in rows for v in r["cells"].values() if v and v["year"]})
    undated = any(v and v["year"] is None for r in rows for v in r["cells"].values())
    if len(years) > 1:
        years_note = (f"Số liệu của các đơn vị thuộc các năm khác nhau "
                      f"({', '.join(map(str, years))}); năm của từng số liệu ghi trong ngoặc, "
                      "các so sánh chỉ có ý nghĩa tham khảo.")
    else:
        years_note = f"Các số liệu đều thuộc năm {years[0]}." if years else ""
    if undated:
        years_note += " Một số số liệu nguồn không ghi rõ năm."
    for r in rows:
        # A unit's figures mostly come from one article of one year: its table row names that
        # year once, and a cell names its own year only when it differs.
        counts: dict[int, int] = {}
        for v in r["cells"].values():
            if v and v["year"]:
                counts[v["year"]] = counts.get(v["year"], 0) + 1
        r["year"] = max(counts, key=lambda y: (counts[y], y)) if counts else None
    groups: list[dict[str, Any]] = []
    if appendix:
        for r in rows:
            title = capitalise(province_label(r["unit"]["province"])) or "Chưa rõ tỉnh, thành phố"
            if not groups or groups[-1]["title"] != title:
                groups.append({"title": title, "rows": []})
            groups[-1]["rows"].append(r)
    chart_list = []
    if charts:
        for ind in MAIN_INDICATORS + DERIVED_INDICATORS:
            have = [(r, r["cells"][ind.key]) for r in rows if r["cells"][ind.key]]
            if not ind.chart or len(have) < 2:
                continue
            title = ind.label
            if len(have) > MAX_BARS:
                have = sorted(have, key=lambda rv: -float(rv[1]["value"]))[:MAX_BARS]
                title = f"{ind.label} ({MAX_BARS} đơn vị cao nhất trong {len(rows)} đơn vị)"
            labels = [f"{r['unit']['title']} ({v['year'] or 'không rõ năm'})" for r, v in have]
            chart_list.append(ChartSpec.of(title, labels, [float(v["value"]) for _, v in have],
                                           [v["text"] for _, v in have], config.layout.chart_width_cm))
    rankings = [r for r in (_ranking(ind, rows) for ind in MAIN_INDICATORS + DERIVED_INDICATORS)
                if r]
    sources = [s for i, facts in enumerate(units) for s in source_dicts(facts.sources, offsets[i])]
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
        "subject": f"So sánh một số chỉ tiêu về công tác xây dựng Đảng của {len(rows)} đơn vị",
        "intro": intro,
        "years": years,
        "years_note": years_note,
        "main_indicators": [_indicator_dict(i) for i in MAIN_INDICATORS],
        "derived_indicators": [_indicator_dict(i) for i in DERIVED_INDICATORS],
        "rows": rows,
        "rankings": rankings,
        "charts": chart_list,
        "sources": sources,
        "n_sources": len(sources),
        "n_units": len(rows),
        "appendix": appendix,
        "groups": groups,
        "appendix_ref": appendix_ref,
        "unit_titles": [capitalise(r["unit"]["label"]) for r in rows],
    }
