"""Merge the extractions of one unit: number its sources, deduplicate facts, pick main figures.

Facts are deduplicated on `Fact.dedup_key` (metric, value, year); a merged `Figure` keeps every
source that states it, so each figure in a document can cite where it comes from.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Collection, Iterable, Sequence

from reportgen.model import METRIC_BY_KEY, METRICS, Extraction, Fact, Number, Source, Unit

__all__ = ["SourceRef", "Figure", "UnitFacts", "group_by_unit", "main_figure", "figures_of",
           "dominant_year", "restrict", "figure_years", "source_address"]

_METRIC_ORDER = {m.key: i for i, m in enumerate(METRICS)}


@dataclass(frozen=True)
class SourceRef:
    """One source document a figure cites: its number in the document's source list."""

    number: int
    path: str
    title: str | None
    published: date | None
    address: str | None = None  # the web address the source states, if any


_URL = re.compile(r"https?://[^\s<>«»\"“”'()\[\]]+", re.IGNORECASE)
#: Lines at the head and foot of a source where a page states its own address.
_ADDRESS_LINES = 6


def source_address(source: Source) -> str | None:
    """The web address a source states of itself: a URL in its first or last lines (a saved page's
    "Nguồn: https://..." or address line); None when there is none."""
    lines = [line for line in source.text.splitlines() if line.strip()]
    for line in lines[:_ADDRESS_LINES] + lines[-_ADDRESS_LINES:][::-1]:
        match = _URL.search(line)
        if match:
            return match.group(0).rstrip(".,;:")
    return None


@dataclass(frozen=True)
class Figure:
    """A deduplicated fact: value, qualifier, year, and the sources (and quotes) stating it."""

    metric: str
    value: Number
    qualifier: str
    year: int | None
    derived: bool
    sources: tuple[int, ...]  # numbers of SourceRef
    evidence: tuple[str, ...]  # the quoted spans, one per stating fact (duplicates dropped)
    notes: tuple[str, ...] = ()
    corrected: bool = False  # a person corrected the value the source gives (notes say from what)

    @property
    def percent(self) -> bool:
        """Whether the metric is a percentage."""
        metric = METRIC_BY_KEY.get(self.metric)
        return bool(metric and metric.percent)


@dataclass(frozen=True)
class UnitFacts:
    """All that is known about one unit, merged over its sources."""

    unit: Unit
    sources: tuple[SourceRef, ...]
    figures: tuple[Figure, ...]  # in METRICS order, then latest year first
    report_years: tuple[int, ...]  # report years the extractions state

    @property
    def paths(self) -> tuple[str, ...]:
        """Paths of the sources, in source-number order."""
        return tuple(s.path for s in self.sources)


def _merge_facts(facts: Iterable[tuple[int, Fact]]) -> list[Figure]:
    """Deduplicate (source number, fact) pairs on the fact's dedup key, keeping all sources."""
    groups: dict[tuple[str, Number, int | None], list[tuple[int, Fact]]] = {}
    for number, fact in facts:
        groups.setdefault(fact.dedup_key, []).append((number, fact))
    figures = []
    for (metric, value, year), items in groups.items():
        stated = [f for _, f in items if not f.derived]
        # A figure stated outright by any source is not derived; an exact statement wins over
        # a qualified one ("273" over "khoảng 273").
        best = next((f for f in stated if f.qualifier == "exact"), (stated or [items[0][1]])[0])
        evidence = tuple(dict.fromkeys(f.evidence.text for _, f in items if f.evidence))
        notes = tuple(dict.fromkeys(f.note for _, f in items if f.note))
        figures.append(Figure(metric=metric, value=value, qualifier=best.qualifier, year=year,
                              corrected=any(f.corrected for _, f in items),
                              derived=not stated,
                              sources=tuple(sorted(dict.fromkeys(n for n, _ in items))),
                              evidence=evidence, notes=notes))
    figures.sort(key=lambda f: (_METRIC_ORDER.get(f.metric, len(_METRIC_ORDER)),
                                -(f.year or 0), f.sources[0]))
    return figures


def group_by_unit(extractions: Sequence[Extraction]) -> list[UnitFacts]:
    """One `UnitFacts` per distinct `Unit.key`, in order of first appearance; no-unit skipped."""
    by_key: dict[tuple[str, str, str], list[Extraction]] = {}
    for extraction in extractions:
        if extraction.unit is not None:
            by_key.setdefault(extraction.unit.key, []).append(extraction)
    result = []
    for items in by_key.values():
        # Several readings of one file (or the same file twice) count as one source.
        seen: dict[str, SourceRef] = {}
        numbered: list[tuple[int, Fact]] = []
        for extraction in items:
            path = extraction.source.path
            if path not in seen:
                seen[path] = SourceRef(len(seen) + 1, path,
                                       extraction.title or extraction.source.title_hint,
                                       extraction.published, source_address(extraction.source))
            numbered.extend((seen[path].number, fact) for fact in extraction.facts
                            if fact.metric in METRIC_BY_KEY)
        unit = next((e.unit for e in items if e.unit and e.unit.province), items[0].unit)
        assert unit is not None
        years = tuple(sorted({e.report_year for e in items if e.report_year}))
        result.append(UnitFacts(unit, tuple(seen.values()), tuple(_merge_facts(numbered)),
                                years))
    return result


def figures_of(facts: UnitFacts, metric: str) -> list[Figure]:
    """All figures of a metric, latest year first (undated last)."""
    return [f for f in facts.figures if f.metric == metric]


def main_figure(facts: UnitFacts, metric: str, year: int | None = None) -> Figure | None:
    """The figure a summary quotes for a metric: the latest dated (or the given year's) one.

    Within a year, a stated figure beats a derived one and an exact one a qualified one; an
    undated figure is used only when no dated one exists (and no year is asked for).
    """
    candidates = figures_of(facts, metric)
    if year is not None:
        candidates = [f for f in candidates if f.year == year]
    if not candidates:
        return None
    dated = [f for f in candidates if f.year is not None] or candidates
    latest = max((f.year or 0) for f in dated)
    same = [f for f in dated if (f.year or 0) == latest]
    same.sort(key=lambda f: (f.derived, f.qualifier != "exact", -len(f.sources)))
    return same[0]


def dominant_year(facts: UnitFacts) -> int | None:
    """The year most figures refer to (the later one on a tie); None if no figure is dated."""
    counts = Counter(f.year for f in facts.figures if f.year is not None)
    if not counts:
        return facts.report_years[-1] if facts.report_years else None
    return max(counts, key=lambda y: (counts[y], y))


def restrict(facts: UnitFacts, years: Collection[int],
             metrics: Collection[str] | None = None) -> UnitFacts | None:
    """The unit with only the figures of `years` (and `metrics`), or None when none is left.

    Undated figures are dropped; the sources still cited are renumbered 1, 2, ... in order.
    """
    kept = [f for f in facts.figures
            if f.year in years and (metrics is None or f.metric in metrics)]
    if not kept:
        return None
    cited = sorted({n for f in kept for n in f.sources})
    number = {old: new for new, old in enumerate(cited, 1)}
    sources = tuple(replace(s, number=number[s.number]) for s in facts.sources
                    if s.number in number)
    figures = tuple(replace(f, sources=tuple(number[n] for n in f.sources)) for f in kept)
    report_years = tuple(y for y in facts.report_years if y in years)
    return replace(facts, sources=sources, figures=figures, report_years=report_years)


def figure_years(facts: UnitFacts, metrics: Collection[str] | None = None) -> list[int]:
    """The years the unit's (chosen) figures are dated to, ascending."""
    return sorted({f.year for f in facts.figures
                   if f.year is not None and (metrics is None or f.metric in metrics)})
