"""Check extracted facts: turns `Extraction`s into `Finding`s a person should look at.

Percentages stated next to counts against the counts (`percent`); orders and sums within one source (excellent ≤ good-or-above ≤ rated, female ≤ total, admitted <
total), conflicts between sources (two values for the same unit, metric and year), and implausible jumps
between the years of one unit.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from reportgen.check.percent import check_percentages
from reportgen.i18n import _
from reportgen.model import METRIC_BY_KEY, Extraction, Fact, Finding

__all__ = ["check", "check_extraction", "check_conflicts", "check_jumps"]

# (smaller, larger, strict): the smaller figure may not exceed the larger one.
_ORDERS: tuple[tuple[str, str, bool], ...] = (
    ("orgs_excellent", "orgs_good_or_above", False),
    ("orgs_good_or_above", "orgs_rated", False),
    ("orgs_failed", "orgs_rated", False),
    ("orgs_rated", "grassroots_orgs", False),
    ("members_excellent", "members_good_or_above", False),
    ("members_good_or_above", "members_rated", False),
    ("members_failed", "members_rated", False),
    ("members_rated", "members_total", False),
    ("members_female", "members_total", False),
    ("members_admitted", "members_total", True),
    ("disciplined_members", "members_total", False),
    ("grassroots_committees", "grassroots_orgs", False),
    ("grassroots_cells", "grassroots_orgs", False),
)
# Grades of one group that add up to the number rated.
_GRADE_SUMS = (
    ("orgs_rated", ("orgs_good_or_above", "orgs_completed", "orgs_failed")),
    ("members_rated", ("members_good_or_above", "members_completed", "members_failed")),
    ("grassroots_orgs", ("grassroots_committees", "grassroots_cells")),
)


def _by_year(facts: Iterable[Fact]) -> dict[int | None, dict[str, Fact]]:
    out: dict[int | None, dict[str, Fact]] = defaultdict(dict)
    for f in facts:
        out[f.year].setdefault(f.metric, f)
    return out


def _finding(extraction: Extraction, severity: str, code: str, message: str, fact: Fact | None) -> Finding:
    line = extraction.source.line_of(fact.evidence.start) if fact and fact.evidence else None
    return Finding(severity, code, message, extraction.source.path, line,
                   fact.evidence.text if fact and fact.evidence else None)


def check_extraction(extraction: Extraction) -> list[Finding]:
    """Order and sum checks on the facts of one source."""
    findings: list[Finding] = []
    for year, facts in _by_year(extraction.facts).items():
        for small, large, strict in _ORDERS:
            a, b = facts.get(small), facts.get(large)
            if not a or not b or a.qualifier != "exact" or b.qualifier != "exact":
                continue
            if a.value > b.value or (strict and a.value == b.value):
                sign = "<" if strict else "≤"
                fields = dict(small=METRIC_BY_KEY[small].label, a=a.value, sign=sign,
                              large=METRIC_BY_KEY[large].label, b=b.value, year=year)
                message = _("{small} ({a}) must be {sign} {large} ({b}) in {year}") if year \
                    else _("{small} ({a}) must be {sign} {large} ({b})")
                findings.append(_finding(extraction, "error", "order", message.format(**fields), a))
        for total_key, parts in _GRADE_SUMS:
            total = facts.get(total_key)
            present = [facts[p] for p in parts if p in facts]
            if not total or len(present) != len(parts):
                continue
            if any(f.qualifier != "exact" for f in present + [total]):
                continue
            summed = sum(f.value for f in present)
            if summed != total.value:
                findings.append(_finding(
                    extraction, "warning", "sum",
                    _("{parts} = {sum}, not {total} ({value})").format(
                        parts=" + ".join(METRIC_BY_KEY[p].label for p in parts), sum=summed,
                        total=METRIC_BY_KEY[total_key].label, value=total.value), total))
    return findings


def check_conflicts(extractions: Sequence[Extraction]) -> list[Finding]:
    """Two sources giving different values for the same unit, metric and year."""
    seen: dict[tuple, list[tuple[Extraction, Fact]]] = defaultdict(list)
    for e in extractions:
        if e.unit is None:
            continue
        for f in e.facts:
            if f.year is not None and f.qualifier == "exact" and not f.derived:
                seen[(e.unit.key, f.metric, f.year)].append((e, f))
    findings = []
    for (unit_key, metric, year), items in seen.items():
        values = {f.value for _, f in items}
        sources = {e.source.path for e, _ in items}
        if len(values) > 1 and len(sources) > 1:
            e, f = items[0]
            listing = "; ".join(f"{x.source.path}: {y.value}" for x, y in items)
            findings.append(_finding(e, "warning", "conflict",
                                     _("{unit}: {metric} in {year} differs between the sources "
                                       "({listing})").format(
                                         unit=" ".join(unit_key[:2]), metric=METRIC_BY_KEY[metric].label,
                                         year=year, listing=listing), f))
    return findings


#: Metrics whose yearly change beyond this share is implausible (a district does not gain or lose
#: 30% of its members in a year; a likely typo or a figure of another unit).
_JUMPS = {"members_total": 0.30, "grassroots_orgs": 0.30}


def check_jumps(extractions: Sequence[Extraction]) -> list[Finding]:
    """Implausible changes between the years of one unit (per year, compounded over gaps)."""
    series: dict[tuple, dict[int, tuple[Extraction, Fact]]] = defaultdict(dict)
    for e in extractions:
        if e.unit is None:
            continue
        for f in e.facts:
            if f.metric in _JUMPS and f.year is not None and f.value and not f.derived:
                series[(e.unit.key, f.metric)].setdefault(f.year, (e, f))
    findings = []
    for (unit_key, metric), by_year in series.items():
        years = sorted(by_year)
        for y1, y2 in zip(years, years[1:]):
            (_unused, a), (e, b) = by_year[y1], by_year[y2]
            limit = (1 + _JUMPS[metric]) ** (y2 - y1)
            ratio = b.value / a.value
            if ratio > limit or ratio < 1 / limit:
                findings.append(_finding(e, "warning", "jump", _(
                    "{unit}: {metric} from {a:g} ({y1}) to {b:g} ({y2}), a change of {change:+.0f}% — to be "
                    "checked").format(unit=f"{unit_key[0]} {unit_key[1]}", metric=METRIC_BY_KEY[metric].label,
                                      a=a.value, y1=y1, b=b.value, y2=y2, change=100 * (ratio - 1)), b))
    return findings


def check(extractions: Sequence[Extraction]) -> list[Finding]:
    """All checks over a set of extractions."""
    findings: list[Finding] = []
    for e in extractions:
        findings.extend(check_extraction(e))
    findings.extend(check_percentages(extractions))
    findings.extend(check_conflicts(extractions))
    findings.extend(check_jumps(extractions))
    return findings
