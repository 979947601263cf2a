"""Corrections a person made to extracted facts, applied to every build, check and export.

A corrections file (YAML or JSON; `corrections.yaml`/`.yml`/`.json` in the working folder is found
by itself) lists decisions on facts of sources:

    version: 1
    corrections:
      - source: bao-cao/muong-lat-2022.txt # the path when the decision was made
        sha256: 5f0c…                      # of the source's text then
        metric: members_total
        value: 3579                         # the value that was extracted
        year: 2022
        action: correct                     # or: reject
        corrected_value: 3581
        note: "số liệu theo báo cáo chính thức"

A rejected fact disappears; a corrected one takes the new value and is marked as corrected, with
the extracted value in its note. A decision whose source text has changed since is reported and
not applied: the fact it was about may no longer be what it was.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

import yaml

from reportgen.model import METRIC_BY_KEY, Extraction, Fact, Finding
from reportgen.vietnamese.numbers import LARGEST_COUNT, format_vn

__all__ = ["Correction", "CorrectionsError", "load_corrections", "find_corrections_file", "apply_corrections",
           "DEFAULT_NAMES"]

DEFAULT_NAMES = ("corrections.yaml", "corrections.yml", "corrections.json")
ACTIONS = ("reject", "correct", "accept")


class CorrectionsError(ValueError):
    """A corrections file that cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class Correction:
    """One decision about one fact of one source."""

    source: str
    sha256: str | None
    metric: str
    value: int | float
    year: int | None
    action: str
    corrected_value: int | float | None = None
    note: str | None = None

    def matches(self, fact: Fact) -> bool:
        """Whether `fact` is the fact this decision is about."""
        return fact.metric == self.metric and float(fact.value) == float(self.value) and fact.year == self.year


def _number(value: Any, where: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CorrectionsError(f"{where}: not a number: {value!r}")
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        raise CorrectionsError(f"{where}: not a number: {value!r}") from None
    return int(number) if number.is_integer() else number


def _parse(item: Any, where: str) -> Correction:
    if not isinstance(item, dict):
        raise CorrectionsError(f"{where}: each correction must be a mapping")
    missing = [k for k in ("source", "metric", "value", "action") if k not in item]
    if missing:
        raise CorrectionsError(f"{where}: missing {', '.join(missing)}")
    action = str(item["action"])
    if action not in ACTIONS:
        raise CorrectionsError(f"{where}: action {action!r} is not one of {', '.join(ACTIONS)}")
    metric = str(item["metric"])
    if metric not in METRIC_BY_KEY:
        raise CorrectionsError(f"{where}: unknown metric {metric!r}")
    corrected = item.get("corrected_value")
    if action == "correct" and corrected is None:
        raise CorrectionsError(f"{where}: action 'correct' needs corrected_value")
    corrected_value = _number(corrected, where) if corrected is not None else None
    if corrected_value is not None and not (math.isfinite(corrected_value) and 0 <= corrected_value <= LARGEST_COUNT):
        # A figure no report can state (negative, infinite, nan, beyond any Party's size) is a typo:
        # said here, in one line, rather than as a broken chart or total in every document.
        raise CorrectionsError(f"{where}: corrected_value must be a number from 0 to {format_vn(LARGEST_COUNT)}, "
                               f"not {corrected!r}")
    year = item.get("year")
    return Correction(source=str(item["source"]), sha256=item.get("sha256"), metric=metric,
                      value=_number(item["value"], where), year=int(year) if year not in (None, "") else None,
                      action=action, corrected_value=corrected_value,
                      note=str(item["note"]) if item.get("note") else None)


def load_corrections(path: Path) -> list[Correction]:
    """The corrections of a YAML or JSON file (CorrectionsError with a one-line reason)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise CorrectionsError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        data = json.loads(text) if Path(path).suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise CorrectionsError(f"{path}: not valid {'JSON' if str(path).endswith('.json') else 'YAML'}: {first}") \
            from None
    items = data.get("corrections", []) if isinstance(data, dict) else data if data is not None else []
    if not isinstance(items, list):
        raise CorrectionsError(f"{path}: 'corrections' must be a list")
    return [_parse(item, f"{path}: correction {i + 1}") for i, item in enumerate(items)]


def find_corrections_file(cwd: Path | None = None) -> Path | None:
    """The corrections file of the working folder, if there is one."""
    for name in DEFAULT_NAMES:
        candidate = (cwd or Path.cwd()) / name
        if candidate.is_file():
            return candidate
    return None


def _same_file(a: str, b: str) -> bool:
    return Path(a).name == Path(b).name


def _corrected(fact: Fact, c: Correction) -> Fact:
    assert c.corrected_value is not None
    note = f"đã hiệu chỉnh; số liệu trích từ nguồn: {format_vn(fact.value)}"
    if c.note:
        note += f" ({c.note})"
    return replace(fact, value=c.corrected_value, corrected=True, note=note)


def apply_corrections(extractions: Sequence[Extraction], corrections: Sequence[Correction]
                      ) -> tuple[list[Extraction], list[Finding]]:
    """The extractions with the decisions applied, and findings for decisions that were not."""
    findings: list[Finding] = []
    by_sha = {e.source.sha256: e for e in extractions}
    plans: dict[str, list[Correction]] = {}
    for c in corrections:
        target = by_sha.get(c.sha256) if c.sha256 else next(
            (e for e in extractions if e.source.path == c.source), None)
        if target is None:
            stale = next((e for e in extractions if e.source.path == c.source or _same_file(e.source.path, c.source)),
                         None)
            if stale is not None:
                findings.append(Finding("warning", "correction-stale",
                                        f"correction of {c.metric} = {c.value:g} not applied: the source changed "
                                        f"since the correction was made", stale.source.path))
            continue
        if not any(c.matches(f) for f in target.facts):
            findings.append(Finding("warning", "correction-unmatched",
                                    f"correction of {c.metric} = {c.value:g} ({c.year or 'no year'}) not applied: "
                                    f"no such fact in the source", target.source.path))
            continue
        plans.setdefault(target.source.sha256, []).append(c)
    out = []
    for e in extractions:
        decisions = plans.get(e.source.sha256)
        if not decisions:
            out.append(e)
            continue
        facts = []
        for fact in e.facts:
            decision = next((c for c in decisions if c.matches(fact)), None)
            if decision is None or decision.action == "accept":
                facts.append(fact)
            elif decision.action == "correct":
                facts.append(_corrected(fact, decision))
        out.append(replace(e, facts=tuple(facts)))
    return out, findings
