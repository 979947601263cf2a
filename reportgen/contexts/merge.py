"""Merge the extractions of one unit: number its sources, keep one value per metric and period.

A figure belongs to (unit, metric, period), the period a year, part of a year, a term or none
stated (`model.Period`). Sources stating the same value merge into one `Figure` that cites them
all. Sources giving different values for one key keep one (stated over derived, exact over
qualified, then the most recent source); the others stay on the figure as `others`, and the
check stage reports the conflict. Several values from one source for one key are distinct items
(two kinds of class in one year) and are all kept. Periods never mix: a figure of "9 tháng đầu
năm 2017" or of a term is never the value of a year.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Collection, Iterable, Sequence

from reportgen.model import METRIC_BY_KEY, METRICS, Extraction, Fact, Number, Period, Source, Unit

__all__ = ["SourceRef", "Figure", "UnitFacts", "group_by_unit", "main_figure", "figures_of",
           "dominant_year", "restrict", "renumber", "figure_years", "source_address", "select", "periods_of"]

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
    period: Period = Period("undated")  # what time it covers (a year, part of one, a term)
    others: tuple[tuple[Number, tuple[int, ...]], ...] = ()  # other values other sources give

    @property
    def whole_year(self) -> bool:
        """Whether the figure is of a whole year (not part of one, not a term, not undated)."""
        return self.period.kind == "year"

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


def _figure(key: tuple[str, tuple[str, int | None, int | None]], value: Number,
            items: list[tuple[int, Fact]]) -> Figure:
    """One figure of the (source number, fact) pairs stating `value` for the key."""
    stated = [f for _, f in items if not f.derived]
    # A figure stated outright by any source is not derived; an exact statement wins over a
    # qualified one ("273" over "khoảng 273").
    best = next((f for f in stated if f.qualifier == "exact"), (stated or [items[0][1]])[0])
    evidence = tuple(dict.fromkeys(f.evidence.text for _, f in items if f.evidence))
    notes = tuple(dict.fromkeys(f.note for _, f in items if f.note))
    return Figure(metric=key[0], value=value, qualifier=best.qualifier, year=best.year,
                  corrected=any(f.corrected for _, f in items), derived=not stated,
                  sources=tuple(sorted(dict.fromkeys(n for n, _ in items))),
                  evidence=evidence, notes=notes, period=best.span)


def _merge_facts(facts: Iterable[tuple[int, Fact]],
                 published: dict[int, date | None] | None = None) -> list[Figure]:
    """One figure per metric and period (per value when one source gives several), keeping all
    sources of a value; values in conflict between sources leave one, the others noted."""
    published = published or {}
    groups: dict[tuple[str, tuple[str, int | None, int | None]], dict[Number, list[tuple[int, Fact]]]] = {}
    for number, fact in facts:
        key = (fact.metric, fact.span.key)
        groups.setdefault(key, {}).setdefault(fact.value, []).append((number, fact))
    figures = []
    for key, by_value in groups.items():
        candidates = [_figure(key, value, items) for value, items in by_value.items()]
        per_value = [{n for n, _ in items} for items in by_value.values()]
        listing = any(len([s for s in per_value if n in s]) > 1 for s in per_value for n in s)
        if len(candidates) == 1 or listing:
            figures.extend(candidates)  # one value, or a source listing distinct items
            continue

        def rank(figure: Figure) -> tuple[bool, bool, bool, float, int]:
            newest = max((published.get(n) or date.min for n in figure.sources), default=date.min)
            return (not figure.corrected, figure.derived, figure.qualifier != "exact",
                    -newest.toordinal(), -len(figure.sources))

        candidates.sort(key=rank)
        best, rest = candidates[0], candidates[1:]
        figures.append(replace(best, others=tuple((f.value, f.sources) for f in rest)))
    figures.sort(key=lambda f: (_METRIC_ORDER.get(f.metric, len(_METRIC_ORDER)),
                                -(f.year or 0), _PERIOD_ORDER[f.period.kind], f.sources[0]))
    return figures


#: Within a year: the whole year first, then its parts; terms and undated figures after.
_PERIOD_ORDER = {"year": 0, "part": 1, "term": 2, "undated": 3}


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
        published = {ref.number: ref.published for ref in seen.values()}
        result.append(UnitFacts(unit, tuple(seen.values()), tuple(_merge_facts(numbered, published)),
                                years))
    return result


def figures_of(facts: UnitFacts, metric: str) -> list[Figure]:
    """All figures of a metric, latest year first (undated last)."""
    return [f for f in facts.figures if f.metric == metric]


def main_figure(facts: UnitFacts, metric: str, year: int | None = None,
                whole: bool = False) -> Figure | None:
    """The figure a summary quotes for a metric: the latest dated (or the given year's) one.

    A whole year's figure beats a part of it ("9 tháng đầu năm"), which `whole` excludes; terms
    count as a year only when nothing else is dated. Within a year, a stated figure beats a derived
    one and an exact one a qualified one; an undated figure is used only when no dated one exists
    (and no year is asked for).
    """
    candidates = figures_of(facts, metric)
    if whole:
        candidates = [f for f in candidates if f.whole_year]
    if year is not None:
        candidates = [f for f in candidates if f.year == year and f.period.kind in ("year", "part")]
    if not candidates:
        return None
    dated = [f for f in candidates if f.year is not None] or candidates
    latest = max((f.year or 0) for f in dated)
    same = [f for f in dated if (f.year or 0) == latest]
    same.sort(key=lambda f: (not f.whole_year, f.derived, f.qualifier != "exact", -len(f.sources)))
    return same[0]


def dominant_year(facts: UnitFacts) -> int | None:
    """The year most figures refer to (the later one on a tie); None if no figure is dated."""
    counts = Counter(f.year for f in facts.figures if f.year is not None)
    if not counts:
        return facts.report_years[-1] if facts.report_years else None
    return max(counts, key=lambda y: (counts[y], y))


def renumber(facts: UnitFacts) -> UnitFacts:
    """The unit with only the sources its figures cite, renumbered 1, 2, ... in order."""
    cited = sorted({n for f in facts.figures for n in f.sources + tuple(m for _, ns in f.others for m in ns)})
    number = {old: new for new, old in enumerate(cited, 1)}
    sources = tuple(replace(s, number=number[s.number]) for s in facts.sources
                    if s.number in number)
    figures = tuple(replace(f, sources=tuple(number[n] for n in f.sources),
                            others=tuple((v, tuple(number[n] for n in ns)) for v, ns in f.others))
                    for f in facts.figures)
    return replace(facts, sources=sources, figures=figures)


def restrict(facts: UnitFacts, years: Collection[int],
             metrics: Collection[str] | None = None) -> UnitFacts | None:
    """The unit with only the figures of `years` (and `metrics`), or None when none is left.

    Undated figures and terms are dropped; the sources still cited are renumbered 1, 2, ...
    """
    kept = [f for f in facts.figures
            if f.year in years and (metrics is None or f.metric in metrics)]
    if not kept:
        return None
    report_years = tuple(y for y in facts.report_years if y in years)
    return renumber(replace(facts, figures=tuple(kept), report_years=report_years))


def select(facts: UnitFacts, keep: Callable[[Figure], bool]) -> UnitFacts:
    """The unit with only the figures `keep` accepts; sources keep their numbers (a document
    that shows other periods too cites them all)."""
    return replace(facts, figures=tuple(f for f in facts.figures if keep(f)))


def periods_of(facts: UnitFacts) -> list[Period]:
    """The periods the unit's figures cover: years ascending (a part-year counts as its year),
    then terms by first year, then undated."""
    found: dict[tuple[str, int | None, int | None], Period] = {}
    for f in facts.figures:
        period = Period.of_year(f.year) if f.period.kind == "part" else f.period
        if period.kind == "term" and period.start is None:
            period = Period("undated")  # a term the source gives no years for: no date either
        found.setdefault(period.key, period)
    order = {"year": 0, "term": 1, "undated": 2}
    return sorted(found.values(), key=lambda p: (order[p.kind], p.start or 0, p.end or 0))


def figure_years(facts: UnitFacts, metrics: Collection[str] | None = None) -> list[int]:
    """The years the unit's (chosen) figures are dated to, ascending."""
    return sorted({f.year for f in facts.figures
                   if f.year is not None and (metrics is None or f.metric in metrics)})
