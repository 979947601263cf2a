"""Measure the extractor against hand-made gold facts (corpus/SCHEMA.md format).

Every `*.txt` (or other readable source) with a `*.json` of the same stem is extracted and compared:
precision, recall and F1 over (metric, value) and over (metric, value, year), per metric and
overall; unit, province and published date per article; each article's misses and false facts.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from reportgen.extract import extract
from reportgen.model import Extraction
from reportgen.readers import ReadError, read

__all__ = ["ArticleScore", "Score", "Report", "evaluate", "gold_pairs", "format_report"]

SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


@dataclass
class Score:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, got: set, gold: set) -> None:
        """Count one article's predicted and expected sets."""
        self.tp += len(got & gold)
        self.fp += len(got - gold)
        self.fn += len(gold - got)


@dataclass
class ArticleScore:
    """One article: what was missed, what was wrong, and whether unit and date were right."""

    path: str
    misses: list[tuple] = field(default_factory=list)
    false: list[tuple] = field(default_factory=list)
    unit_ok: bool = True
    province_ok: bool | None = None
    published_ok: bool | None = None
    unit_got: str = ""
    unit_gold: str = ""
    error: str | None = None


@dataclass
class Report:
    """Scores of a whole gold set."""

    overall: Score = field(default_factory=Score)
    overall_year: Score = field(default_factory=Score)
    per_metric: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    articles: list[ArticleScore] = field(default_factory=list)


def _value(v: float | int) -> float | int:
    return int(v) if float(v).is_integer() else round(float(v), 4)


def gold_pairs(facts: Iterable[dict], with_year: bool = False) -> set[tuple]:
    """The comparable set of a fact list: (metric, value) or (metric, value, year)."""
    out = set()
    for f in facts:
        key = (f["metric"], _value(f["value"]))
        out.add(key + (f.get("year"),) if with_year else key)
    return out


def _pairs(extraction: Extraction, with_year: bool = False) -> set[tuple]:
    return gold_pairs(({"metric": f.metric, "value": f.value, "year": f.year} for f in extraction.facts),
                      with_year)


def find_gold(folders: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(source, gold) pairs: each source file with a .json of the same stem."""
    pairs = []
    for folder in folders:
        for gold in sorted(folder.glob("*.json")):
            for suffix in SOURCE_SUFFIXES:
                src = gold.with_suffix(suffix)
                if src.exists():
                    pairs.append((src, gold))
                    break
    return pairs


def evaluate(folders: Iterable[Path]) -> Report:
    """Extract every annotated source of `folders` and score it against its gold."""
    report = Report()
    for src, gold_path in find_gold(folders):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        art = ArticleScore(str(src))
        try:
            extraction = extract(read(src))
        except ReadError as err:
            art.error = str(err)
            expected = gold_pairs(gold.get("facts", []))
            report.overall.add(set(), expected)
            art.misses = sorted(expected)
            report.articles.append(art)
            continue
        got, expected = _pairs(extraction), gold_pairs(gold.get("facts", []))
        report.overall.add(got, expected)
        report.overall_year.add(_pairs(extraction, True), gold_pairs(gold.get("facts", []), True))
        for metric in {k[0] for k in got | expected}:
            report.per_metric[metric].add({k for k in got if k[0] == metric},
                                          {k for k in expected if k[0] == metric})
        art.misses, art.false = sorted(expected - got), sorted(got - expected)
        gu, u = gold.get("unit") or {}, extraction.unit
        art.unit_gold = f"{gu.get('kind')} {gu.get('name')} ({gu.get('province')})"
        art.unit_got = f"{u.kind} {u.name} ({u.province})" if u else "none"
        art.unit_ok = bool(u) and (u.name, u.kind) == (gu.get("name"), gu.get("kind"))
        if gu.get("province"):
            art.province_ok = bool(u) and u.province == gu.get("province")
        if gold.get("published"):
            art.published_ok = (extraction.published.isoformat() if extraction.published else None) \
                == gold["published"]
        report.articles.append(art)
    return report


def format_report(report: Report) -> str:
    """The report as text: overall, per metric, per article."""
    out = []
    o, oy = report.overall, report.overall_year
    n = len(report.articles)
    out.append(f"articles: {n}")
    out.append(f"(metric, value)        precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}"
               f"  (tp {o.tp}, fp {o.fp}, fn {o.fn})")
    out.append(f"(metric, value, year)  precision {oy.precision:.3f}  recall {oy.recall:.3f}  F1 {oy.f1:.3f}")
    units = sum(a.unit_ok for a in report.articles)
    prov = [a.province_ok for a in report.articles if a.province_ok is not None]
    pub = [a.published_ok for a in report.articles if a.published_ok is not None]
    out.append(f"unit name+kind {units}/{n}; province {sum(prov)}/{len(prov)}; published {sum(pub)}/{len(pub)}")
    out.append("")
    out.append(f"{'metric':<24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for metric in sorted(report.per_metric):
        s = report.per_metric[metric]
        out.append(f"{metric:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
    for a in report.articles:
        problems = []
        if a.error:
            problems.append(f"  error: {a.error}")
        if not a.unit_ok or a.province_ok is False:
            problems.append(f"  unit: got {a.unit_got}, gold {a.unit_gold}")
        if a.published_ok is False:
            problems.append("  published date wrong")
        problems += [f"  miss  {m} = {v}" for m, v in a.misses]
        problems += [f"  false {m} = {v}" for m, v in a.false]
        if problems:
            out.append("")
            out.append(a.path)
            out.extend(problems)
    return "\n".join(out)
