"""The one-file review page for offline review: extractions and findings -> one HTML page.

Each source's text is shown with every fact highlighted at its evidence span (hovering shows the
metric's Vietnamese name and the value); beside it, the facts (doubtful ones first) with their
confidence, accept / reject / correct controls and the findings that concern each; a button
downloads the decisions as `corrections.json`, which `reportgen corrections import` records.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import jinja2

from reportgen.model import Extraction, Fact, Finding
from reportgen.review.views import findings_for, segments, value_text
from reportgen.store.corrections import Correction, to_decision
from reportgen.store.decisions import Decision, fact_ids
from reportgen.store.export import DOUBTFUL
from reportgen.store.labels import metric_name
from reportgen.vietnamese.formatting import format_number
from reportgen.vietnamese.numbers import format_vn

__all__ = ["review_page"]


def _fact_label(fact: Fact) -> str:
    year = f" ({fact.year})" if fact.year else ""
    return f"{metric_name(fact.metric)}: {value_text(fact)}{year}"


def _source_view(index: int, e: Extraction, findings: Sequence[Finding],
                 decisions: Sequence[Decision]) -> dict[str, object]:
    sha = e.source.sha256
    mine = [d for d in decisions if d.sha256 == sha or (not d.sha256 and d.source == e.source.path)]
    facts, spans = [], []
    for fid, fact in zip(fact_ids(sha, e.facts), e.facts):
        if fact.evidence is not None:
            spans.append((fact.evidence.start, fact.evidence.end, fid, _fact_label(fact)))
        facts.append({
            "id": fid, "metric": fact.metric, "label": metric_name(fact.metric),
            "value": fact.value, "value_text": value_text(fact), "year": fact.year, "derived": fact.derived,
            "corrected": fact.corrected, "evidence": fact.evidence.text if fact.evidence else "",
            "confidence": format_number(round(fact.confidence, 2)), "doubtful": fact.confidence < DOUBTFUL,
            "findings": [f"{f.severity}: {f.message}" for f in findings_for(fact, e, findings)],
            "source": e.source.path, "sha256": sha,
            **_decision(next((d for d in reversed(mine) if d.matches(sha, fid, fact)), None)),
        })
    facts.sort(key=lambda f: not f["doubtful"])
    own = [f for f in findings if f.path == e.source.path]
    return {
        "index": index, "path": e.source.path, "title": e.title or Path(e.source.path).name,
        "unit": e.unit.label + (f", {e.unit.province}" if e.unit and e.unit.province else "") if e.unit else "—",
        "published": e.published.isoformat() if e.published else "", "segments": segments(e.source.text, spans),
        "facts": facts, "findings": [f"{f.severity}: {f.location}: {f.message}" for f in own],
        "warnings": list(e.warnings),
    }


def _decision(d: Decision | None) -> dict[str, object]:
    """The decision already made on a fact, to pre-fill its row."""
    if d is None or d.action not in ("accept", "reject", "correct"):
        return {"decision": "accept", "corrected_value": "", "note": ""}
    return {"decision": d.action, "note": d.note or "",
            "corrected_value": format_vn(d.change.value) if d.change.value is not None else ""}


def review_page(extractions: Sequence[Extraction], findings: Sequence[Finding],
                decisions: Sequence[Decision | Correction] = ()) -> str:
    """The HTML of the review page (no external resources); decisions in force (the review
    database's, or a corrections file's) are pre-filled."""
    decisions = [to_decision(d) if isinstance(d, Correction) else d for d in decisions]
    env = jinja2.Environment(loader=jinja2.PackageLoader("reportgen", "review"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    sources = [_source_view(i, e, findings, decisions) for i, e in enumerate(extractions)]
    data = [{k: f[k] for k in ("id", "source", "sha256", "metric", "value", "year")}
            for s in sources for f in s["facts"]]  # type: ignore[union-attr]
    # </script> inside the JSON must not close the script element
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return env.get_template("page.html.j2").render(sources=sources, data=payload,
                                                   general=[f for f in findings if f.path is None])
