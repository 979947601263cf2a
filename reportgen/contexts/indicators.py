"""Indicators of the comparisons: a metric, or a ratio of two, and a unit's value of one.

An indicator value is a unit's figure of one period (or its latest) or a ratio of two figures of
the same period; a ratio of a qualified figure ("trên 9.600") is itself approximate ("khoảng").
Whether units are ranked on an indicator comes from the metric definitions (`Metric.direction`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportgen.contexts.merge import Figure, UnitFacts, figures_of, main_figure
from reportgen.contexts.periods import period_label
from reportgen.model import METRIC_BY_KEY, Period
from reportgen.vietnamese.formatting import format_fixed, format_quantity, qualifier_word

__all__ = ["Indicator", "MAIN_INDICATORS", "DERIVED_INDICATORS", "ALL_INDICATORS", "value_of",
           "indicator_dict", "with_unit"]


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

    @property
    def ranked(self) -> bool:
        """Whether units are ranked on it: its metric's (a ratio's numerator's) direction says
        more is better (`model.Metric.direction`); discipline and failed grades are only shown."""
        return METRIC_BY_KEY[self.metric or self.numerator or ""].ranked


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


def _pick(facts: UnitFacts, metric: str, period: Period | None,
          year: int | None = None) -> Figure | None:
    """The unit's figure of a metric for `period` (any kind, matched exactly), else its main one."""
    if period is None:
        return main_figure(facts, metric, year, whole=year is not None)
    same = [f for f in figures_of(facts, metric) if f.period.key == period.key]
    same.sort(key=lambda f: (f.derived, f.qualifier != "exact", -len(f.sources)))
    return same[0] if same else None


def value_of(facts: UnitFacts, indicator: Indicator,
             period: Period | None = None) -> dict[str, Any] | None:
    """The unit's value of an indicator, or None when a needed figure is missing.

    With `period`, only figures of exactly that period (a whole year is not its part); without,
    the unit's latest figure. A ratio is of two figures of the same period.
    """
    if indicator.metric:
        figure = _pick(facts, indicator.metric, period)
        if figure is None:
            return None
        value, qualifier, year, derived = figure.value, figure.qualifier, figure.year, \
            figure.derived
        sources = list(figure.sources)
        span = figure.period
    else:
        assert indicator.numerator and indicator.denominator
        top = _pick(facts, indicator.numerator, period)
        if top is None or (period is None and top.year is None):
            return None
        # Both figures must describe the same period, or the ratio means nothing.
        bottom = _pick(facts, indicator.denominator, top.period)
        if bottom is None or not bottom.value:
            return None
        value = indicator.scale * top.value / bottom.value
        exact = top.qualifier == bottom.qualifier == "exact"
        qualifier, year, derived = ("exact" if exact else "about"), top.year, True
        sources = sorted(set(top.sources) | set(bottom.sources))
        span = top.period
    if indicator.metric is None:
        # a ratio: one decimal always, so "3,0" stands beside "3,1" (one decimal style)
        text = " ".join(w for w in (qualifier_word(qualifier), format_fixed(value, 1)) if w) + \
            ("%" if indicator.percent else "")
    else:
        text = format_quantity(value, qualifier)
    return {"value": value, "qualifier": qualifier, "year": year, "derived": derived,
            "text": text, "sources": sources, "period": period_label(span),
            "whole_year": span.kind == "year"}


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    """Template view of an indicator: key, label, short heading, percent, formula, ranked."""
    return {"key": indicator.key, "label": indicator.label, "percent": indicator.percent,
            "short": indicator.short or indicator.label,
            "formula": (f"{indicator.numerator}/{indicator.denominator}"
                        if indicator.numerator else indicator.metric),
            "ranked": indicator.ranked}


def with_unit(text: str, indicator: Indicator) -> str:
    """A value with its noun: "1.234 đảng viên"; a percentage as it is."""
    return text if indicator.percent else f"{text} {indicator.unit}"


#: Every indicator, main ones first.
ALL_INDICATORS: tuple[Indicator, ...] = MAIN_INDICATORS + DERIVED_INDICATORS
