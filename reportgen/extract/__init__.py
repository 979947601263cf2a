"""Extract facts from a source: a `Source` -> an `Extraction` (unit, dates, facts with evidence).

`extract()` runs the steps in order, each a module of this package whose docstring says what it
turns into what; data flows one way:

0. `vietnamese.normalise`: the decoded text -> NFC, one tone style, with an offset map back;
1. `segment`: -> the layout: blocks (headings, paragraphs, list items, table rows), sentences;
   `frame`: -> the article's title, publication date, end, and unit (`units`, `places`, `times`, `title`);
2. `mentions`: -> every number ("1.234", "12,5%", "3/25", "hơn 12 ngàn", "hai lớp");
3. `roles`: -> the role of each figure: which metric, whose, which grade, which year or period;
4. `resolve`: -> one fact per figure from its most exact statement, with its year; the report year;
5. `confidence`: -> each fact's calibrated confidence; facts too doubtful to keep are dropped.

Every fact's evidence is mapped back to the decoded original: `source.text[start:end] == evidence.text`.

The steps' module-level patterns are compiled with `fastre.compile` (the same matches, behind a
look-ahead on the characters a match can start with); a pattern compiled with `re.compile` works
but scans every position of the text, and `tests/test_fastre.py` checks every `fastre` pattern
matches as written.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.extract.confidence import score
from reportgen.extract.frame import Frame, read_frame
from reportgen.extract.mentions import find_mentions
from reportgen.extract.resolve import Candidate, resolve
from reportgen.extract.roles import assign_roles
from reportgen.extract.segment import Layout, segment
from reportgen.i18n import _
from reportgen.model import Extraction, Source, Unit
from reportgen.vietnamese.normalise import normalise

__all__ = ["extract", "read_candidates", "Reading", "EXTRACTOR_VERSION"]


def _code_version() -> str:
    """A digest of the code and data that turn files into facts: any change re-extracts cached facts."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("readers", "extract", "vietnamese"):
        for path in sorted((root / folder).rglob("*.py")) + sorted((root / folder).rglob("*.json")):
            digest.update(path.read_bytes())
    digest.update((root / "vietnamese" / "data" / "gazetteer.tsv").read_bytes())
    return digest.hexdigest()[:12]


#: Changes whenever the readers, the normaliser, the rules, the model or the gazetteer change.
EXTRACTOR_VERSION = _code_version()


@dataclass(frozen=True)
class Reading:
    """Steps 0-4 done: the layout and frame of a source and its candidate facts."""

    source: Source
    layout: Layout
    frame: Frame
    candidates: list[Candidate]
    report_year: int | None


def read_candidates(source: Source, unit: Unit | None = None) -> Reading:
    """Steps 0-4 of `extract`: the candidate facts of a source, before their confidence."""
    norm = normalise(source.text)
    layout = segment(norm.text)
    frame = read_frame(layout, source.title_hint, source.published_hint, unit, source.site_hint)
    mentions = find_mentions(layout.text[:frame.body_end])
    roles = assign_roles(layout, mentions, frame)
    candidates, report_year = resolve(roles, frame, norm, layout)
    return Reading(source, layout, frame, candidates, report_year)


def extract(source: Source, unit: Unit | None = None, *, model: dict[str, Any] | None = None,
            keep_all: bool = False) -> Extraction:
    """Extract the unit, dates and facts of one source; `unit` overrides the unit detected;
    `model` replaces the shipped confidence model, `keep_all` keeps the doubtful facts too."""
    reading = read_candidates(source, unit)
    facts = score(reading.candidates, reading.frame, reading.layout, model, keep_all)
    frame = reading.frame
    warnings = frame.warnings + ((_("no figure of the unit found"),) if not facts and frame.unit is not None else ())
    return Extraction(source=source, title=frame.title, published=frame.published, unit=frame.unit,
                      report_year=reading.report_year, facts=tuple(facts), warnings=warnings)
