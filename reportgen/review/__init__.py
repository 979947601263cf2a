"""The review page: turns extractions and findings into one self-contained HTML page.

Each source's text is shown with every fact highlighted at its evidence span (hovering shows the
metric and value); beside it, the facts table with accept / reject / correct controls and the check
findings that concern each fact; a button downloads the decisions as a corrections file that
`build`, `check` and `facts export` apply.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import jinja2

from reportgen.model import METRIC_BY_KEY, Extraction, Fact, Finding
from reportgen.store.corrections import Correction
from reportgen.vietnamese.numbers import format_vn

__all__ = ["review_page", "Segment"]

_QUALIFIER = {"over": "trên ", "about": "khoảng ", "under": "dưới ", "exact": ""}


@dataclass(frozen=True)
class Segment:
    """A run of source text and the facts whose evidence covers it."""

    text: str
    facts: tuple[str, ...]
    title: str


def _segments(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut `text` at every span boundary; overlapping spans share the runs they cover."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(fid, label) for s, e, fid, label in spans if s <= a and b <= e]
        out.append(Segment(text[a:b], tuple(f for f, _ in covering), "; ".join(lbl for _, lbl in covering)))
    return out


def _value(fact: Fact) -> str:
    return _QUALIFIER.get(fact.qualifier, "") + format_vn(fact.value)


def _fact_label(fact: Fact) -> str:
    metric = METRIC_BY_KEY.get(fact.metric)
    year = f" ({fact.year})" if fact.year else ""
    return f"{fact.metric} = {_value(fact)}{year}" + (f" — {metric.label}" if metric else "")


def _findings_for(fact: Fact, extraction: Extraction, findings: Sequence[Finding]) -> list[str]:
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
            out.append(f"{f.severity}: {f.message}")
    return out


def _source_view(index: int, e: Extraction, findings: Sequence[Finding],
                 corrections: Sequence[Correction]) -> dict[str, object]:
    facts = []
    mine = [c for c in corrections if c.sha256 == e.source.sha256]
    spans = []
    for j, fact in enumerate(e.facts):
        fid = f"s{index}f{j}"
        label = _fact_label(fact)
        if fact.evidence is not None:
            spans.append((fact.evidence.start, fact.evidence.end, fid, label))
        facts.append({
            "id": fid, "metric": fact.metric,
            "label": METRIC_BY_KEY[fact.metric].label if fact.metric in METRIC_BY_KEY else fact.metric,
            "value": fact.value, "value_text": _value(fact), "year": fact.year, "derived": fact.derived,
            "corrected": fact.corrected, "evidence": fact.evidence.text if fact.evidence else "",
            "findings": _findings_for(fact, e, findings), "source": e.source.path, "sha256": e.source.sha256,
            **_decision(fact, mine),
        })
    own = [f for f in findings if f.path == e.source.path]
    return {
        "index": index, "path": e.source.path, "title": e.title or Path(e.source.path).name,
        "unit": e.unit.label + (f", {e.unit.province}" if e.unit and e.unit.province else "") if e.unit else "—",
        "published": e.published.isoformat() if e.published else "", "segments": _segments(e.source.text, spans),
        "facts": facts, "findings": [f"{f.severity}: {f.location}: {f.message}" for f in own],
        "warnings": list(e.warnings),
    }


def _decision(fact: Fact, corrections: Sequence[Correction]) -> dict[str, object]:
    """The decision already made on a fact (from an earlier corrections file), to pre-fill its row."""
    c = next((c for c in corrections if c.matches(fact)), None)
    if c is None:
        return {"decision": "accept", "corrected_value": "", "note": ""}
    return {"decision": c.action, "note": c.note or "",
            "corrected_value": format_vn(c.corrected_value) if c.corrected_value is not None else ""}


def review_page(extractions: Sequence[Extraction], findings: Sequence[Finding],
                corrections: Sequence[Correction] = ()) -> str:
    """The HTML of the review page (no external resources); earlier decisions are pre-filled."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("reportgen", "review"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    sources = [_source_view(i, e, findings, corrections) for i, e in enumerate(extractions)]
    data = [{k: f[k] for k in ("id", "source", "sha256", "metric", "value", "year")}
            for s in sources for f in s["facts"]]  # type: ignore[union-attr]
    # </script> inside the JSON must not close the script element
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return env.get_template("page.html.j2").render(sources=sources, data=payload,
                                                   general=[f for f in findings if f.path is None])
