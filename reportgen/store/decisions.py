"""A reviewer's decisions on facts, and how they change extractions before checks and documents.

A decision accepts, rejects or corrects one fact (any of value, qualifier, year or period, metric,
unit), or adds a fact the extractor missed, with its evidence span. It names the fact by a stable
id (`fact_id`: the source text's hash and what the fact says) and is tied to the SHA-256 of the
source's text: once the source changes it is stale, reported and not applied.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from reportgen.i18n import _, ngettext
from reportgen.model import (
    METRIC_BY_KEY,
    PERIOD_KINDS,
    QUALIFIERS,
    Evidence,
    Extraction,
    Fact,
    Finding,
    Number,
    Period,
    Unit,
)
from reportgen.store.labels import check_value, check_year
from reportgen.vietnamese.numbers import format_vn

__all__ = ["ACTIONS", "Change", "Decision", "Summary", "fact_id", "fact_ids", "apply_decisions", "DecisionError",
           "CORRECTED_NOTE", "ADDED_NOTE"]

ACTIONS = ("accept", "reject", "correct", "add", "clear")
CORRECTED_NOTE = "đã hiệu chỉnh khi rà soát"
ADDED_NOTE = "bổ sung khi rà soát"


class DecisionError(ValueError):
    """A decision that cannot be recorded (one line saying why)."""


@dataclass(frozen=True)
class Change:
    """What a correction sets (None: left as it was), or what an added fact is."""

    value: Number | None = None
    qualifier: str | None = None
    year: int | None = None
    period: Period | None = None
    metric: str | None = None
    unit: Unit | None = None
    evidence: Evidence | None = None  # of an added fact

    def __post_init__(self) -> None:
        if self.value is not None:
            try:
                check_value(self.value)
            except ValueError as err:
                raise DecisionError(str(err)) from None
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise DecisionError(_("unknown qualifier {qualifier!r}").format(qualifier=self.qualifier))
        if self.metric is not None and self.metric not in METRIC_BY_KEY:
            raise DecisionError(_("unknown metric {metric!r}").format(metric=self.metric))
        if self.year is not None:
            try:
                check_year(self.year)
            except ValueError as err:
                raise DecisionError(str(err)) from None

    @property
    def empty(self) -> bool:
        """Whether the change sets nothing."""
        return all(getattr(self, name) is None for name in ("value", "qualifier", "year", "period", "metric", "unit"))

    def to_json(self) -> dict[str, object]:
        """The stored form: only what is set."""
        out: dict[str, object] = {}
        for name in ("value", "qualifier", "year", "metric"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.period is not None:
            out["period"] = self.period.to_json()
        if self.unit is not None:
            out["unit"] = self.unit.to_json()
        if self.evidence is not None:
            out["evidence"] = {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end}
        return out

    @classmethod
    def from_json(cls, data: object) -> Change:
        """The change of its stored form (DecisionError when it is not one)."""
        if not isinstance(data, dict):
            return cls()
        ev, unit = data.get("evidence"), data.get("unit")
        try:
            return cls(value=data.get("value"), qualifier=data.get("qualifier"), year=data.get("year"),
                       period=Period.from_json(data.get("period")), metric=data.get("metric"),
                       unit=Unit.from_json(unit) if isinstance(unit, dict) and unit.get("name") else None,
                       evidence=Evidence(str(ev["text"]), int(ev["start"]), int(ev["end"]))
                       if isinstance(ev, dict) else None)
        except (KeyError, TypeError, ValueError) as err:
            raise DecisionError(_("not a change: {err}").format(err=err)) from None


@dataclass(frozen=True)
class Decision:
    """One decision on one fact of one source: who made it, when, why; `metric`, `value` and `year`
    are the fact's as extracted (a decision of an old corrections file names its fact by these
    alone, with an empty `fact_id`)."""

    fact_id: str
    source: str
    sha256: str
    action: str
    metric: str
    value: Number | None
    year: int | None
    change: Change = field(default_factory=Change)
    reviewer: str = ""
    created_at: str = ""
    note: str | None = None
    origin: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise DecisionError(_("unknown action {action!r}").format(action=self.action))
        if self.action == "correct" and self.change.empty:
            raise DecisionError(_("a correction must change something"))
        if self.action == "add" and (self.change.metric is None or self.change.value is None
                                     or self.change.evidence is None):
            raise DecisionError(_("an added fact needs a metric, a value and its evidence"))

    def matches(self, sha: str, fid: str, fact: Fact) -> bool:
        """Whether this decision is about `fact` (of the source whose text hashes to `sha`)."""
        if self.fact_id:
            return self.fact_id == fid
        return fact.metric == self.metric and self.value is not None and float(fact.value) == float(self.value) \
            and fact.year == self.year and (not self.sha256 or self.sha256 == sha)

    @property
    def same_as(self) -> tuple[object, ...]:
        """What two decisions must share to be the same decision (for merging duplicates)."""
        return (self.fact_id or (self.sha256, self.metric, self.value, self.year), self.action,
                json.dumps(self.change.to_json(), sort_keys=True, ensure_ascii=False))

    def added_fact(self) -> Fact:
        """The fact an "add" decision adds."""
        c = self.change
        assert c.metric is not None and c.value is not None
        year = c.year if c.year is not None else (c.period.start if c.period and c.period.kind in ("year", "part")
                                                  else None)
        return Fact(metric=c.metric, value=c.value, qualifier=c.qualifier or "exact", year=year,
                    evidence=c.evidence, corrected=True, note=_note(ADDED_NOTE, self.note), confidence=1.0,
                    period=c.period if c.period and c.period.kind != "year" else None)


@dataclass(frozen=True)
class Summary:
    """What applying decisions did: applied, stale (the source changed) and unmatched ones."""

    applied: int = 0
    stale: int = 0
    unmatched: int = 0

    def line(self) -> str:
        """The one line commands print: "áp dụng 42 quyết định của người rà soát; 2 không còn khớp nguồn"."""
        text = ngettext("applied {n} decision of the reviewers", "applied {n} decisions of the reviewers",
                        self.applied).format(n=format_vn(self.applied))
        if self.stale:
            text += ngettext("; {n} no longer matches its source", "; {n} no longer match their sources",
                             self.stale).format(n=format_vn(self.stale))
        if self.unmatched:
            text += ngettext("; {n} found no fact", "; {n} found no fact", self.unmatched).format(
                n=format_vn(self.unmatched))
        return text


def fact_id(sha256: str, fact: Fact) -> str:
    """The stable id of an extracted fact: "F" and 10 letters or digits, never read as a number."""
    ev = fact.evidence
    value = format_vn(fact.value) if isinstance(fact.value, (int, float)) else str(fact.value)
    key = "\x1f".join((sha256, fact.metric, value, str(fact.year), f"{ev.start}:{ev.end}" if ev else "-"))
    return "F" + base64.b32encode(hashlib.sha1(key.encode("utf-8")).digest()).decode("ascii")[:10]


def fact_ids(sha256: str, facts: Iterable[Fact]) -> list[str]:
    """`fact_id` of each fact, a second identical fact of the same source numbered "-2"."""
    seen: Counter[str] = Counter()
    out = []
    for fact in facts:
        fid = fact_id(sha256, fact)
        seen[fid] += 1
        out.append(fid if seen[fid] == 1 else f"{fid}-{seen[fid]}")
    return out


def _note(base: str, note: str | None) -> str:
    return f"{base} ({note})" if note else base


def corrected_fact(fact: Fact, decision: Decision) -> Fact:
    """The fact as a correction leaves it, marked as corrected."""
    c = decision.change
    year, period = fact.year, fact.period
    if c.period is not None:
        period = c.period if c.period.kind != "year" else None
        year = c.period.start if c.period.kind in ("year", "part") else None
    if c.year is not None:
        year = c.year
        if period is not None and period.kind in ("year", "part"):
            period = replace(period, start=c.year, end=c.year) if period.kind == "part" else None
    return replace(fact, value=c.value if c.value is not None else fact.value,
                   qualifier=c.qualifier or fact.qualifier, year=year, period=period,
                   metric=c.metric or fact.metric, corrected=True, note=_note(CORRECTED_NOTE, decision.note),
                   confidence=1.0)


def _stale_target(decision: Decision, extractions: Sequence[Extraction]) -> Extraction | None:
    same = [e for e in extractions if e.source.path == decision.source]
    return (same or [e for e in extractions if Path(e.source.path).name == Path(decision.source).name] or [None])[0]


def apply_decisions(extractions: Sequence[Extraction], decisions: Sequence[Decision]
                    ) -> tuple[list[Extraction], list[Finding], Summary]:
    """The extractions with the decisions applied (a later decision on the same fact wins), the
    findings of those not applied, and what was done."""
    by_sha: dict[str, list[Decision]] = {}
    findings: list[Finding] = []
    stale = 0
    for d in decisions:
        target = by_sha_extraction(d, extractions)
        if target is None:
            old = _stale_target(d, extractions)
            if old is not None:
                stale += 1
                findings.append(Finding("warning", "correction-stale",
                                        _("decision on {what} not applied: the source changed since it was "
                                          "made").format(what=_what(d)),
                                        old.source.path))
            continue
        by_sha.setdefault(target.source.sha256, []).append(d)
    out: list[Extraction] = []
    applied = unmatched = 0
    for e in extractions:
        mine = by_sha.pop(e.source.sha256, [])
        if not mine:
            out.append(e)
            continue
        used: set[int] = set()
        kept: list[tuple[Fact, Unit | None]] = []
        for fid, fact in zip(fact_ids(e.source.sha256, e.facts), e.facts):
            decision = None
            for i, d in enumerate(mine):
                if d.action != "add" and d.matches(e.source.sha256, fid, fact):
                    decision = d
                    used.add(i)
            if decision is not None and decision.action != "clear":
                applied += 1
            if decision is None or decision.action in ("accept", "clear"):
                kept.append((fact, None))
            elif decision.action == "correct":
                kept.append((corrected_fact(fact, decision), decision.change.unit))
        adds = {d.fact_id: d for d in mine if d.action == "add"}  # an added fact edited: its last form
        kept.extend((d.added_fact(), d.change.unit) for d in adds.values())
        used.update(i for i, d in enumerate(mine) if d.action == "add")
        for i, d in enumerate(mine):
            if i in used:
                continue
            unmatched += 1
            findings.append(Finding("warning", "correction-unmatched",
                                    _("decision on {what} not applied: no such fact in the source").format(
                                        what=_what(d)), e.source.path))
        applied += len(adds)
        out.extend(_split_by_unit(e, kept))
    return out, findings, Summary(applied=applied, stale=stale, unmatched=unmatched)


def by_sha_extraction(decision: Decision, extractions: Sequence[Extraction]) -> Extraction | None:
    """The extraction a decision is about: of its source text's hash (of its path, for an old
    corrections entry without one)."""
    if decision.sha256:
        return next((e for e in extractions if e.source.sha256 == decision.sha256), None)
    return next((e for e in extractions if e.source.path == decision.source), None)


def _split_by_unit(e: Extraction, kept: list[tuple[Fact, Unit | None]]) -> list[Extraction]:
    """The extraction, and one more per other unit that corrections moved facts to."""
    own = tuple(f for f, unit in kept if unit is None or unit == e.unit)
    moved: dict[Unit, list[Fact]] = {}
    for fact, unit in kept:
        if unit is not None and unit != e.unit:
            moved.setdefault(unit, []).append(fact)
    return [replace(e, facts=own)] + [replace(e, unit=unit, facts=tuple(facts)) for unit, facts in moved.items()]


def _what(d: Decision) -> str:
    metric = d.change.metric if d.action == "add" else d.metric
    value = d.change.value if d.action == "add" else d.value
    year = d.change.year if d.action == "add" else d.year
    return f"{metric} = {format_vn(value) if value is not None else '?'} ({year or _('no year')})"


def check_period(kind: str, start: object, end: object, label: str) -> Period:
    """A period a reviewer gives (DecisionError when it is not one)."""
    if kind not in PERIOD_KINDS:
        raise DecisionError(_("unknown period kind {kind!r}").format(kind=kind))
    if kind == "undated":
        return Period("undated", label=label)
    try:
        first = check_year(start)
        last = check_year(end) if end not in (None, "") else first
    except ValueError as err:
        raise DecisionError(str(err)) from None
    if last < first:
        raise DecisionError(_("the period ends ({last}) before it starts ({first})").format(
            last=last, first=first))
    return Period(kind, first, last, label)
