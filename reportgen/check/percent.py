"""Percentages stated next to counts, checked against the percentage the counts give.

Two forms: a share "X/Y (chiếm P%)" anywhere in the text, whatever it counts; and a count that is a
fact followed by "chiếm/bằng P%", whose base is the group it belongs to (the members rated for a
member grade, the organisations rated for an organisation grade, all members for women), or the
base the sentence names ("tổng số ĐV hoàn thành tốt nhiệm vụ"). A stated percentage may differ from
the computed one by less than one unit of its last digit (rounding, truncation, rounding up).
"""
from __future__ import annotations

import re
from typing import Iterable

from reportgen.i18n import _
from reportgen.model import Extraction, Fact, Finding
from reportgen.vietnamese.normalise import normalise
from reportgen.vietnamese.numbers import parse_number

__all__ = ["check_percentages", "tolerance", "format_pct"]

_NUM = r"\d{1,3}(?:\.\d{3})+|\d+"
_PCT = r"(\d+(?:[,.]\d+)?)\s?%"
_SHARE = re.compile(r"(?<![\d/.,])(" + _NUM + r")\s?/\s?(" + _NUM + r")(?![\d/])"
                    r"[^%\d;]{0,60}?(?:chiếm|bằng|đạt|tỷ lệ|tỉ lệ|\()\s*(?:tỷ lệ\s*)?" + _PCT, re.I)
_AFTER_FACT = re.compile(r"[^%\d;.]{0,45}?(?:chiếm|bằng|đạt|tỷ lệ|tỉ lệ)\s*(?:tỷ lệ\s*)?" + _PCT
                         + r"\)?\s*(?P<base>(?:so với\s+)?tổng số[^,;.()]{0,60})?", re.I)

# The group a figure is a share of, when the sentence does not say.
_BASE = {
    "members_excellent": "members_rated", "members_good_or_above": "members_rated",
    "members_completed": "members_rated", "members_failed": "members_rated",
    "orgs_excellent": "orgs_rated", "orgs_good_or_above": "orgs_rated", "orgs_completed": "orgs_rated",
    "orgs_failed": "orgs_rated", "members_female": "members_total", "members_rated": "members_total",
}


def tolerance(stated: str) -> float:
    """One unit of the last stated digit: "2,47" -> 0.01, "82" -> 1."""
    decimals = len(re.split(r"[,.]", stated)[1]) if re.search(r"[,.]", stated) else 0
    return 10 ** -decimals


def format_pct(value: float) -> str:
    """A percentage in Vietnamese format with two decimals at most: 2.247 -> "2,25%"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _finding(e: Extraction, start: int, end: int, stated: str, computed: float, how: str) -> Finding | None:
    value = float(stated.replace(",", "."))
    if abs(value - computed) < tolerance(stated) - 1e-9:
        return None
    quote = e.source.text[start:end]
    return Finding("error", "percentage",
                   _("stated {stated}% but {how} gives {computed}").format(
                       stated=stated, how=how, computed=format_pct(computed)), e.source.path,
                   e.source.line_of(start), quote)


def _shares(e: Extraction) -> Iterable[Finding]:
    norm = normalise(e.source.text)
    for m in _SHARE.finditer(norm.text):
        part, whole = parse_number(m.group(1)), parse_number(m.group(2))
        if not whole or part > whole:
            continue
        start, end = norm.span(m.start(), m.end())
        found = _finding(e, start, end, m.group(3), 100 * part / whole, f"{m.group(1)}/{m.group(2)}")
        if found:
            yield found


def _base_of(fact: Fact, base_text: str | None, facts: dict[tuple[str, int | None], Fact]) -> Fact | None:
    if base_text:
        lowered = base_text.lower()
        group = "members" if re.search(r"đảng viên|đv\b|đồng chí", lowered) else \
            "orgs" if re.search(r"tổ chức", lowered) else None
        if group is None:
            return None
        if "tốt" in lowered:
            return facts.get((f"{group}_good_or_above", fact.year))
        if "xuất sắc" in lowered:
            return facts.get((f"{group}_excellent", fact.year))
        return facts.get((f"{group}_rated", fact.year)) or facts.get(
            ("members_total" if group == "members" else "grassroots_orgs", fact.year))
    key = _BASE.get(fact.metric)
    return facts.get((key, fact.year)) if key else None


def _stated_after_facts(e: Extraction) -> Iterable[Finding]:
    facts = {(f.metric, f.year): f for f in e.facts if not f.derived and f.qualifier == "exact"}
    text = e.source.text
    for fact in e.facts:
        if fact.derived or fact.evidence is None or fact.metric not in _BASE:
            continue
        number_end = _number_end(text, fact)
        if number_end is None:
            continue
        m = _AFTER_FACT.match(text, number_end, min(len(text), number_end + 160))
        if not m:
            continue
        base = _base_of(fact, m.group("base"), facts)
        if base is None or not base.value or base.value < fact.value or base is fact:
            continue
        found = _finding(e, fact.evidence.start, m.end(), m.group(1), 100 * fact.value / base.value,
                         _("{part:g} of {whole:g}").format(part=fact.value, whole=base.value))
        if found:
            yield found


def _number_end(text: str, fact: Fact) -> int | None:
    """End of the fact's figure and its noun, from which a following percentage is read."""
    assert fact.evidence is not None
    span = text[fact.evidence.start:fact.evidence.end]
    digits = [m for m in re.finditer(_NUM, span)
              if parse_number(m.group(0)) == fact.value]
    if not digits:
        return None
    after = fact.evidence.start + digits[-1].end()
    noun = re.match(r"\s*(?:\([^)]*\)\s*)?(?:đảng viên|ĐV|đồng chí|tổ chức[^,;(]{0,30}|TCCSĐ)?", text[after:])
    return after + (noun.end() if noun else 0)


def check_percentages(extractions: Iterable[Extraction]) -> list[Finding]:
    """Every stated percentage that its counts do not give."""
    out: list[Finding] = []
    for e in extractions:
        seen: set[int] = set()
        for finding in list(_shares(e)) + list(_stated_after_facts(e)):
            if finding.line is not None and (finding.line, finding.message) in {(f.line, f.message) for f in out}:
                continue
            out.append(finding)
            seen.add(finding.line or 0)
    return out
