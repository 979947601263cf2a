"""Plan the documents of a build and compute their template contexts.

`plan()` merges the extractions of each unit (one value per metric and period, every figure
keeping its sources) and returns the jobs of the asked report kind, or by default one per-unit
summary ("tom-tat") per unit and period it has figures of (each year; a term; the undated ones)
and one comparison ("so-sanh") of all units on one year. A comparison needs two units with
figures of its year; without them there is no document, and a note says why. Each built-in
kind has a context builder (`CONTEXT_KINDS`); a template author's own kind names the context it
uses in its template (see `reportgen.templating.folders`). Contexts are plain mappings for the
templates; the header values (issuing body, number, place, date) are computed here, the date
from the sources (`dating`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Mapping, Sequence

from reportgen.config import Config, for_unit
from reportgen.config.header import FORMS, province_committee
from reportgen.contexts import compare, rating, summary, yearly
from reportgen.contexts.compare import MIN_UNITS, comparable, compare_context, comparison_year
from reportgen.contexts.dating import document_date, ended_units, ended_warnings
from reportgen.contexts.merge import UnitFacts, dominant_year, group_by_unit, periods_of, restrict
from reportgen.contexts.periods import in_period, period_slug
from reportgen.contexts.rating import rating_context, rating_year
from reportgen.contexts.summary import summary_context
from reportgen.contexts.yearly import yearly_context, yearly_year
from reportgen.i18n import N_, _, ngettext
from reportgen.model import BUILTIN_CONTEXTS, DocumentJob, Extraction, Period, Unit, slugify
from reportgen.templating.folders import context_kind

__all__ = ["DocumentJob", "ContextKind", "plan", "for_units", "summary_job", "compare_job",
           "rating_job", "yearly_job", "KINDS", "DEFAULT_KINDS", "CONTEXT_KINDS", "ended_warnings"]


#: Jobs of a kind: (units, config, kind name, year asked, notes to append a skip reason to).
Jobs = Callable[[Sequence[UnitFacts], Config, str, "int | None", list[str]], list[DocumentJob]]


@dataclass(frozen=True)
class ContextKind:
    """A built-in report kind: the context its template gets and how its jobs are made."""

    name: str
    scope: str  # "unit": one document per unit; "group": one document for all units
    description: str
    fields: Mapping[str, str]  # top-level context variables and what they hold
    jobs: Jobs


def for_units(config: Config, units: Sequence[UnitFacts], on: date | None = None) -> Config:
    """Config of a comparison: a province's committee when all units share one province.

    Units of several provinces have no common issuing body to guess: the header keeps the
    configured values or blanks to fill in by hand. `on` is the date the sources give (the
    configured date wins).
    """
    provinces = {f.unit.province for f in units}
    values: dict[str, Any] = {"date": config.date or on}
    if config.signing_body is None:
        values["signing_body"] = FORMS[config.header_form].signing["province"]
    if len(provinces) == 1 and None not in provinces and all(f.unit.level != "province"
                                                             for f in units):
        province = next(iter(provinces))
        assert province is not None
        if config.issuing_body is None:
            values["issuing_body"] = province_committee(province)
            values["superior_body"] = config.superior_body or ""
        if config.number is None:
            values["number"] = "Số     -BC/TU"
        if config.place is None:
            values["place"] = province
    return replace(config, **values)


def _group_date(units: Sequence[UnitFacts], year: int | None = None) -> date | None:
    """The date of a document on several units: their newest source, else the end of `year`
    (else of the latest year most of a unit's figures refer to)."""
    years = [y for y in (dominant_year(f) for f in units) if y]
    return document_date([s for f in units for s in f.sources], year or max(years, default=None))


def _with_ended(context: dict[str, Any], units: Sequence[Unit]) -> dict[str, Any]:
    """The context with the notes on `units` that ended before the document's date."""
    doc = context["doc"]
    on = date.fromisoformat(doc["date"]) if doc.get("date") else None
    doc["ended"] = ended_units(units, on)
    return context


def _group_units(units: Sequence[UnitFacts], config: Config) -> list[Unit]:
    """The units of a comparison, and the province issuing it when it is one."""
    out = [f.unit for f in units]
    provinces = {f.unit.province for f in units}
    if config.issuing_body is None and len(provinces) == 1 and None not in provinces:
        province = next(iter(provinces))
        assert province is not None
        out.insert(0, Unit(province, "tỉnh", province))
    return out


def _named(context: dict[str, Any], kind: str) -> dict[str, Any]:
    context["kind"] = kind
    return context


def summary_job(facts: UnitFacts, config: Config, kind: str = "tom-tat",
                period: Period | None = None) -> DocumentJob:
    """The per-unit summary job of one merged unit for one period (None: all its figures)."""
    if period is None:
        year = dominant_year(facts)
        on = document_date(facts.sources, year)
        tail = f"-{year}" if year else ""
    else:
        # dated by the sources of the period's own figures (a later article is no date of it)
        cited = {n for f in facts.figures if in_period(f, period) for n in f.sources}
        on = document_date([s for s in facts.sources if s.number in cited], period.end)
        tail = "-" + period_slug(period)
    unit_config = for_unit(config, facts.unit, on)
    slug = ("" if kind == "tom-tat" else f"{kind}-") + facts.unit.slug + tail
    context = _with_ended(_named(summary_context(facts, unit_config, period), kind), [facts.unit])
    paths = tuple(s["path"] for s in context["sources"])
    return DocumentJob(kind, slug, context["subject"], context, paths or facts.paths)


def compare_job(units: Sequence[UnitFacts], config: Config, kind: str = "so-sanh",
                year: int | None = None, level_words: str = "") -> DocumentJob:
    """The comparative job over the merged units, on `year` (default: `comparison_year`);
    `level_words` ("cấp xã") name their level, in the title and file name, beside others of the batch."""
    the_year = comparison_year(units, year)
    group = comparable(units, the_year) if the_year is not None else list(units)
    context = _named(compare_context(units, for_units(config, group, _group_date(group, the_year)),
                                     the_year), kind)
    _with_ended(context, _group_units(group, config))
    paths = tuple(dict.fromkeys(s["path"] for s in context["sources"]))
    tail = f"-{the_year}" if the_year else ""
    if level_words:
        context["subject"] = context["subject"].replace(" đơn vị", f" đơn vị {level_words}", 1)
    level = f"-{slugify(level_words)}" if level_words else ""
    return DocumentJob(kind, f"{kind}{tail}-{context['n_units']}-don-vi{level}", context["subject"], context,
                       paths)


def rating_job(facts: UnitFacts, config: Config, year: int,
               kind: str = "danh-gia") -> DocumentJob:
    """The rating report job of one unit for `year` (which must have rating figures)."""
    unit_config = for_unit(config, facts.unit, document_date(facts.sources, year))
    context = _with_ended(_named(rating_context(facts, unit_config, year), kind), [facts.unit])
    paths = tuple(s["path"] for s in context["sources"])
    return DocumentJob(kind, f"{kind}-{facts.unit.slug}-{year}", context["subject"], context,
                       paths)


def yearly_job(units: Sequence[UnitFacts], config: Config, year: int,
               kind: str = "tong-ket-nam") -> DocumentJob:
    """The yearly summary job of all `units` (restricted to `year` and the year before already:
    a unit needs figures of `year`)."""
    own = [f for f in (restrict(u, {year}) for u in units) if f is not None]
    context = _named(yearly_context(units, for_units(config, units, _group_date(own, year)), year), kind)
    _with_ended(context, _group_units(units, config))
    paths = tuple(dict.fromkeys(p for f in units for p in f.paths))
    return DocumentJob(kind, f"{kind}-{year}", context["subject"], context, paths)


def _distinct(pairs: list[tuple[DocumentJob, UnitFacts]]) -> list[DocumentJob]:
    """Per-unit jobs whose slugs collide (same name and year in two provinces) get the province."""
    seen: dict[str, int] = {}
    for job, _facts in pairs:
        seen[job.slug] = seen.get(job.slug, 0) + 1
    return [replace(job, slug=f"{job.slug}-{slugify(facts.unit.province)}")
            if seen[job.slug] > 1 and facts.unit.province else job for job, facts in pairs]


def _summary_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                  year: int | None, notes: list[str]) -> list[DocumentJob]:
    pairs = []
    for facts in units:
        periods: list[Period | None] = list(periods_of(facts)) or [None]
        if year is not None:
            periods = [p for p in periods if p is not None and p.kind == "year" and p.start == year]
        pairs.extend((summary_job(facts, config, kind, p), facts) for p in periods)
    return _distinct(pairs)


#: A level's words in a comparison's title and file name, when a batch holds several levels.
_LEVEL_WORDS = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


def _compare_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                  year: int | None, notes: list[str]) -> list[DocumentJob]:
    """One comparison per level of unit: provinces are not ranked beside communes."""
    if not units:
        return []
    levels: dict[str, list[UnitFacts]] = {}
    for facts in units:
        levels.setdefault(facts.unit.level, []).append(facts)
    several = len(levels) > 1
    jobs = []
    for level in sorted(levels, key=list(_LEVEL_WORDS).index):
        group = levels[level]
        words = _LEVEL_WORDS[level] if several else ""
        named = f"{kind}, {words}" if words else kind
        the_year = comparison_year(group, year)
        count = len(comparable(group, the_year)) if the_year is not None else 0
        if count < MIN_UNITS:
            if the_year is None:
                notes.append(_("no comparison ({kind}): no unit has dated figures").format(kind=named))
            else:
                notes.append(ngettext(
                    "no comparison ({kind}): only {n} unit has figures of {year}, at least {min} are needed",
                    "no comparison ({kind}): only {n} units have figures of {year}, at least {min} are needed",
                    count).format(kind=named, n=count, year=the_year, min=MIN_UNITS))
            continue
        jobs.append(compare_job(group, config, kind, the_year, words))
    return jobs


def _rating_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                 year: int | None, notes: list[str]) -> list[DocumentJob]:
    pairs = []
    for facts in units:
        rated_year = rating_year(facts, year)
        if rated_year is not None:
            pairs.append((rating_job(facts, config, rated_year, kind), facts))
    return _distinct(pairs)


def _yearly_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                 year: int | None, notes: list[str]) -> list[DocumentJob]:
    the_year = yearly_year(units, year)
    if the_year is None:
        return []
    # a unit with figures of the year, with those of the year before beside them
    scoped = [restrict(u, {the_year - 1, the_year}) for u in units if restrict(u, {the_year})]
    kept = [u for u in scoped if u is not None]
    return [yearly_job(kept, config, the_year, kind)] if kept else []


#: The built-in report kinds, each one template `<name>.html.j2`, in build order.
CONTEXT_KINDS: dict[str, ContextKind] = {k.name: k for k in (
    ContextKind("tom-tat", "unit", N_("summary of one unit and period (a year, a term, undated): its "
                                      "figures by topic with sources, the series of every period, the change "
                                      "on the year before"),
                summary.FIELDS, _summary_jobs),
    ContextKind("so-sanh", "group", N_("comparison of all units on one year: main indicators, ratios, "
                                       "rankings where more is better, charts; other periods apart"),
                compare.FIELDS, _compare_jobs),
    ContextKind("danh-gia", "unit", N_("annual quality-rating results of one unit's organisations "
                                       "and members, with the previous year"), rating.FIELDS, _rating_jobs),
    ContextKind("tong-ket-nam", "group", N_("yearly summary of all units: a section per unit beside "
                                            "the year before, the comparison and charts, one year"),
                yearly.FIELDS, _yearly_jobs),
)}

#: Names of the built-in kinds.
KINDS = tuple(CONTEXT_KINDS)
assert KINDS == BUILTIN_CONTEXTS, "model.BUILTIN_CONTEXTS names the contexts made here"
#: The kinds a build makes when no kind is asked for.
DEFAULT_KINDS = ("tom-tat", "so-sanh")


def plan(extractions: Sequence[Extraction], config: Config, kind: str | None = None,
         year: int | None = None, notes: list[str] | None = None) -> list[DocumentJob]:
    """The documents of a build: by default one "tom-tat" job per distinct unit, then one "so-sanh"
    job if there is any unit; `kind` asks for one report kind only (built-in, or a template of
    the config's template folders), `year` for one year's figures (units without figures of
    that year are left out); `notes` gets a line for each document not made and why."""
    kinds = DEFAULT_KINDS if kind is None else (kind,)
    bases = [(name, context_kind(name, config)) for name in kinds]  # unknown kinds fail first
    units = group_by_unit(extractions)
    jobs: list[DocumentJob] = []
    for name, base in bases:
        jobs.extend(CONTEXT_KINDS[base].jobs(units, config, name, year, notes if notes is not None else []))
    return jobs
