"""What both review surfaces show: source text cut at fact spans, findings tied to facts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from reportgen.model import Extraction, Fact, Finding
from reportgen.store.decisions import fact_ids
from reportgen.vietnamese.numbers import format_vn

__all__ = ["Segment", "segments", "findings_for", "fact_findings", "QUALIFIER_PREFIX", "value_text"]

QUALIFIER_PREFIX = {"over": "trên ", "about": "khoảng ", "under": "dưới ", "exact": ""}


@dataclass(frozen=True)
class Segment:
    """A run of source text (from offset `start`) and the facts whose evidence covers it."""

    text: str
    facts: tuple[str, ...]
    title: str
    start: int = 0


def segments(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut `text` at every span boundary; overlapping spans share the runs they cover."""
    cuts = sorted({0, len(text), *(min(max(s, 0), len(text)) for s, _, _, _ in spans),
                   *(min(max(e, 0), len(text)) for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(fid, label) for s, e, fid, label in spans if s <= a and b <= e]
        out.append(Segment(text[a:b], tuple(f for f, _ in covering), "; ".join(lbl for _, lbl in covering), a))
    return out


def value_text(fact: Fact) -> str:
    """"trên 1.234", "12,5"."""
    return QUALIFIER_PREFIX.get(fact.qualifier, "") + format_vn(fact.value)


def findings_for(fact: Fact, extraction: Extraction, findings: Sequence[Finding]) -> list[Finding]:
    """Findings about this fact: the same source, and its evidence on the finding's line or quoted."""
    if fact.evidence is None:
        return []
    line = extraction.source.line_of(fact.evidence.start)
    out = []
    for f in findings:
        if f.path != extraction.source.path:
            continue
        if (f.evidence and fact.evidence.text and (fact.evidence.text in f.evidence or f.evidence in fact.evidence.text)) \
                or (f.line == line and f.evidence and format_vn(fact.value) in f.evidence):
            out.append(f)
    return out


def fact_findings(extractions: Sequence[Extraction], findings: Sequence[Finding]
                  ) -> list[tuple[str, str | None, Finding]]:
    """Every finding of the extractions' sources with the fact it concerns (None: the source as a
    whole), as the review database keeps them."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.path:
            by_path.setdefault(f.path, []).append(f)
    out: list[tuple[str, str | None, Finding]] = []
    for e in extractions:
        mine = by_path.get(e.source.path, [])
        if not mine:
            continue
        tied: set[int] = set()
        for fid, fact in zip(fact_ids(e.source.sha256, e.facts), e.facts):
            for f in findings_for(fact, e, mine):
                out.append((e.source.sha256, fid, f))
                tied.add(id(f))
        out.extend((e.source.sha256, None, f) for f in mine if id(f) not in tied)
    return out
