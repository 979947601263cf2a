"""Plan the documents of a build and compute their template contexts.

`plan()` merges the extractions of each unit (facts deduplicated on `Fact.dedup_key`, every
figure keeping its sources) and returns one per-unit summary job ("tom-tat") per unit and one
comparative job ("so-sanh") over all units. Contexts are plain mappings for the templates; the
header values (issuing body, number, place, date) are computed here from the config.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from reportgen.config import CENTRAL_CITIES, Config, for_unit
from reportgen.contexts.compare import compare_context
from reportgen.contexts.merge import UnitFacts, dominant_year, group_by_unit
from reportgen.contexts.summary import summary_context
from reportgen.model import Extraction, slugify

__all__ = ["DocumentJob", "plan", "for_units", "summary_job", "compare_job", "KINDS"]

#: Document kinds; each is one template `<kind>.html.j2`.
KINDS = ("tom-tat", "so-sanh")


@dataclass(frozen=True)
class DocumentJob:
    """One document to render: its kind, file slug, title, template context and sources."""

    kind: str
    slug: str
    title: str
    context: Mapping[str, Any]
    sources: tuple[str, ...]


def for_units(config: Config, units: Sequence[UnitFacts]) -> Config:
    """Config of a comparison: a province's committee when all units share one province.

    Units of several provinces have no common issuing body to guess: the header keeps the
    configured values or blanks to fill in by hand.
    """
    provinces = {f.unit.province for f in units}
    values: dict[str, Any] = {}
    if len(provinces) == 1 and None not in provinces and all(f.unit.level != "province"
                                                             for f in units):
        province = next(iter(provinces))
        assert province is not None
        committee = "THÀNH ỦY" if province in CENTRAL_CITIES else "TỈNH ỦY"
        if config.issuing_body is None:
            values["issuing_body"] = f"{committee} {province.upper()}"
            values["superior_body"] = config.superior_body or ""
        if config.number is None:
            values["number"] = "Số     -BC/TU"
        if config.place is None:
            values["place"] = province
    return replace(config, **values)


def summary_job(facts: UnitFacts, config: Config) -> DocumentJob:
    """The per-unit summary job of one merged unit."""
    unit_config = for_unit(config, facts.unit)
    year = dominant_year(facts)
    slug = facts.unit.slug + (f"-{year}" if year else "")
    context = summary_context(facts, unit_config)
    return DocumentJob("tom-tat", slug, context["subject"], context, facts.paths)


def compare_job(units: Sequence[UnitFacts], config: Config) -> DocumentJob:
    """The comparative job over all merged units."""
    context = compare_context(units, for_units(config, units))
    paths = tuple(dict.fromkeys(p for f in units for p in f.paths))
    return DocumentJob("so-sanh", f"so-sanh-{len(units)}-don-vi", context["subject"], context,
                       paths)


def plan(extractions: Sequence[Extraction], config: Config, kind: str | None = None,
         year: int | None = None) -> list[DocumentJob]:
    """The documents of a build: by default one "tom-tat" job per distinct unit, then one "so-sanh"
    job if there is any unit; `kind` asks for one report kind only, `year` for one year's figures."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r} (known: {', '.join(KINDS)})")
    units = group_by_unit(extractions)
    jobs = [summary_job(facts, config) for facts in units]
    # Two units whose slugs collide (same name and year in two provinces) get the province too.
    seen: dict[str, int] = {}
    for job in jobs:
        seen[job.slug] = seen.get(job.slug, 0) + 1
    for i, (job, facts) in enumerate(zip(jobs, units)):
        if seen[job.slug] > 1 and facts.unit.province:
            jobs[i] = replace(job, slug=f"{job.slug}-{slugify(facts.unit.province)}")
    if units:
        jobs.append(compare_job(units, config))
    if kind is not None:
        jobs = [j for j in jobs if j.kind == kind]
    return jobs
