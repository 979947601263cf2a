"""Plan the documents of a build and compute their template contexts.

`plan()` merges the extractions of each unit (facts deduplicated on `Fact.dedup_key`, every
figure keeping its sources) and returns the jobs of the asked report kind, or by default one
per-unit summary ("tom-tat") per unit and one comparison ("so-sanh") of all units. Each built-in
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
from reportgen.contexts.compare import compare_context
from reportgen.contexts.dating import document_date, ended_units, ended_warnings
from reportgen.contexts.merge import UnitFacts, dominant_year, group_by_unit, restrict
from reportgen.contexts.rating import rating_context, rating_year
from reportgen.contexts.summary import summary_context
from reportgen.contexts.yearly import yearly_context, yearly_year
from reportgen.model import BUILTIN_CONTEXTS, DocumentJob, Extraction, Unit, slugify
from reportgen.templating.folders import context_kind

__all__ = ["DocumentJob", "ContextKind", "plan", "for_units", "summary_job", "compare_job",
           "rating_job", "yearly_job", "KINDS", "DEFAULT_KINDS", "CONTEXT_KINDS", "ended_warnings"]


Jobs = Callable[[Sequence[UnitFacts], Config, str, "int | None"], list[DocumentJob]]


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


def summary_job(facts: UnitFacts, config: Config, kind: str = "tom-tat") -> DocumentJob:
    """The per-unit summary job of one merged unit."""
    year = dominant_year(facts)
    unit_config = for_unit(config, facts.unit, document_date(facts.sources, year))
    slug = ("" if kind == "tom-tat" else f"{kind}-") + facts.unit.slug + (f"-{year}" if year else "")
    context = _with_ended(_named(summary_context(facts, unit_config), kind), [facts.unit])
    return DocumentJob(kind, slug, context["subject"], context, facts.paths)


def compare_job(units: Sequence[UnitFacts], config: Config, kind: str = "so-sanh") -> DocumentJob:
    """The comparative job over all merged units."""
    context = _named(compare_context(units, for_units(config, units, _group_date(units))), kind)
    _with_ended(context, _group_units(units, config))
    paths = tuple(dict.fromkeys(p for f in units for p in f.paths))
    return DocumentJob(kind, f"{kind}-{len(units)}-don-vi", context["subject"], context, paths)


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
    """The yearly summary job of all `units` (restricted to `year` already)."""
    context = _named(yearly_context(units, for_units(config, units, _group_date(units, year)), year), kind)
    _with_ended(context, _group_units(units, config))
    paths = tuple(dict.fromkeys(p for f in units for p in f.paths))
    return DocumentJob(kind, f"{kind}-{year}", context["subject"], context, paths)


def _in_year(units: Sequence[UnitFacts], year: int | None) -> list[UnitFacts]:
    """The units with only the figures of `year` (units without any are left out)."""
    if year is None:
        return list(units)
    return [f for f in (restrict(u, {year}) for u in units) if f is not None]


def _distinct(pairs: list[tuple[DocumentJob, UnitFacts]]) -> list[DocumentJob]:
    """Per-unit jobs whose slugs collide (same name and year in two provinces) get the province."""
    seen: dict[str, int] = {}
    for job, _ in pairs:
        seen[job.slug] = seen.get(job.slug, 0) + 1
    return [replace(job, slug=f"{job.slug}-{slugify(facts.unit.province)}")
            if seen[job.slug] > 1 and facts.unit.province else job for job, facts in pairs]


def _summary_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                  year: int | None) -> list[DocumentJob]:
    return _distinct([(summary_job(f, config, kind), f) for f in _in_year(units, year)])


def _compare_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                  year: int | None) -> list[DocumentJob]:
    scoped = _in_year(units, year)
    return [compare_job(scoped, config, kind)] if scoped else []


def _rating_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                 year: int | None) -> list[DocumentJob]:
    pairs = []
    for facts in units:
        rated_year = rating_year(facts, year)
        if rated_year is not None:
            pairs.append((rating_job(facts, config, rated_year, kind), facts))
    return _distinct(pairs)


def _yearly_jobs(units: Sequence[UnitFacts], config: Config, kind: str,
                 year: int | None) -> list[DocumentJob]:
    the_year = yearly_year(units, year)
    scoped = _in_year(units, the_year) if the_year is not None else []
    return [yearly_job(scoped, config, the_year, kind)] if scoped and the_year else []


#: The built-in report kinds, each one template `<name>.html.j2`, in build order.
CONTEXT_KINDS: dict[str, ContextKind] = {k.name: k for k in (
    ContextKind("tom-tat", "unit", "summary of one unit: every figure, by topic, with sources",
                summary.FIELDS, _summary_jobs),
    ContextKind("so-sanh", "group", "comparison of all units: main indicators, ratios, "
                "rankings, charts", compare.FIELDS, _compare_jobs),
    ContextKind("danh-gia", "unit", "annual quality-rating results of one unit's organisations "
                "and members, with the previous year", rating.FIELDS, _rating_jobs),
    ContextKind("tong-ket-nam", "group", "yearly summary of all units: a section per unit, "
                "the comparison and charts, one year", yearly.FIELDS, _yearly_jobs),
)}

#: Names of the built-in kinds.
KINDS = tuple(CONTEXT_KINDS)
assert KINDS == BUILTIN_CONTEXTS, "model.BUILTIN_CONTEXTS names the contexts made here"
#: The kinds a build makes when no kind is asked for.
DEFAULT_KINDS = ("tom-tat", "so-sanh")


def plan(extractions: Sequence[Extraction], config: Config, kind: str | None = None,
         year: int | None = None) -> list[DocumentJob]:
    """The documents of a build: by default one "tom-tat" job per distinct unit, then one "so-sanh"
    job if there is any unit; `kind` asks for one report kind only (built-in, or a template of
    the config's template folders), `year` for one year's figures (units without figures of
    that year are left out)."""
    kinds = DEFAULT_KINDS if kind is None else (kind,)
    bases = [(name, context_kind(name, config)) for name in kinds]  # unknown kinds fail first
    units = group_by_unit(extractions)
    jobs: list[DocumentJob] = []
    for name, base in bases:
        jobs.extend(CONTEXT_KINDS[base].jobs(units, config, name, year))
    return jobs
