"""Measure the extractor against hand-made gold facts (corpus/SCHEMA.md format): annotated sources ->
precision and recall, per metric and overall, with each error's likely cause.

Every `*.txt` (or other readable source) with a `*.json` of the same stem is extracted and compared
over (metric, value) and over (metric, value, year), as SCHEMA.md's scorer does: facts of value 0
count neither way (convention 13); unit and province accuracy leave out the articles whose gold says
`"unit_in_text": false` (convention 9). Per article: the unit, province, publication date and report
year, the misses and the false facts, each with a cause (`causes`). With `folds`, the confidence
model is cross-validated by article (`learn`).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from reportgen.evaluate.causes import false_cause, miss_cause
from reportgen.extract import extract
from reportgen.model import Extraction
from reportgen.readers import SUFFIXES, ReadError, read

__all__ = ["ArticleScore", "Score", "Report", "evaluate", "score_article", "gold_pairs", "find_gold",
           "format_report", "load_gold"]

SOURCE_SUFFIXES = SUFFIXES


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

    def merge(self, other: Score) -> None:
        """Add another score's counts."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class ArticleScore:
    """One article: what was missed, what was wrong (with causes), and its frame's accuracy."""

    path: str
    misses: list[tuple] = field(default_factory=list)
    false: list[tuple] = field(default_factory=list)
    wrong_year: list[tuple] = field(default_factory=list)  # (metric, value, gold year, got year)
    causes: list[tuple[str, str, tuple]] = field(default_factory=list)  # (kind, cause, fact)
    unit_ok: bool | None = True  # None: the gold says the text does not state its unit
    province_ok: bool | None = None
    published_ok: bool | None = None
    report_year_ok: bool | None = None
    unit_got: str = ""
    unit_gold: str = ""
    error: str | None = None
    score: Score = field(default_factory=Score)
    score_year: Score = field(default_factory=Score)


@dataclass
class Report:
    """Scores of a whole gold set."""

    overall: Score = field(default_factory=Score)
    overall_year: Score = field(default_factory=Score)
    per_metric: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    articles: list[ArticleScore] = field(default_factory=list)
    folds: list[dict[str, Any]] = field(default_factory=list)
    reliability: list[dict[str, Any]] = field(default_factory=list)

    @property
    def causes(self) -> Counter[tuple[str, str]]:
        """How often each (kind, cause) of error occurs."""
        return Counter((kind, cause) for a in self.articles for kind, cause, _ in a.causes)


def _value(v: float | int) -> float | int:
    return int(v) if float(v).is_integer() else round(float(v), 4)


def gold_pairs(facts: Iterable[dict], with_year: bool = False) -> set[tuple]:
    """The comparable set of a fact list: (metric, value) or (metric, value, year); zeros left out."""
    out = set()
    for f in facts:
        if not f["value"]:
            continue
        key = (f["metric"], _value(f["value"]))
        out.add(key + (f.get("year"),) if with_year else key)
    return out


def _facts_json(extraction: Extraction) -> list[dict]:
    return [{"metric": f.metric, "value": f.value, "year": f.year,
             "evidence": f.evidence.text if f.evidence else ""} for f in extraction.facts]


def find_gold(folders: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(source, gold) pairs: each source file with a .json of the same stem."""
    pairs = []
    for folder in folders:
        for gold in sorted(Path(folder).glob("*.json")):
            for suffix in SOURCE_SUFFIXES:
                src = gold.with_suffix(suffix)
                if src.exists():
                    pairs.append((src, gold))
                    break
    return pairs


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file's object."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def score_article(path: str, extraction: Extraction, gold: dict[str, Any]) -> ArticleScore:
    """Compare one article's extraction with its gold."""
    art = ArticleScore(path)
    gold_facts = gold.get("facts") or []
    predicted = _facts_json(extraction)
    got, expected = gold_pairs(predicted), gold_pairs(gold_facts)
    art.score.add(got, expected)
    art.score_year.add(gold_pairs(predicted, True), gold_pairs(gold_facts, True))
    art.misses, art.false = sorted(expected - got), sorted(got - expected)
    gold_year = {(f["metric"], _value(f["value"])): f.get("year") for f in gold_facts}
    for f in predicted:
        key = (f["metric"], _value(f["value"]))
        if key in expected and gold_year.get(key) != f["year"] and f["value"]:
            art.wrong_year.append(key + (gold_year.get(key), f["year"]))
            art.causes.append(("year", "wrong year", key))
    by_key = {(f["metric"], _value(f["value"])): f for f in predicted}
    gold_by_key = {(f["metric"], _value(f["value"])): f for f in gold_facts}
    for key in art.false:
        art.causes.append(("false", false_cause(by_key[key], gold_facts, extraction), key))
    for key in art.misses:
        art.causes.append(("miss", miss_cause(gold_by_key[key], predicted, extraction), key))
    gu, u = gold.get("unit") or {}, extraction.unit
    art.unit_gold = f"{gu.get('kind')} {gu.get('name')} ({gu.get('province')})"
    art.unit_got = f"{u.kind} {u.name} ({u.province})" if u else "none"
    if gold.get("unit_in_text", True) is False:
        art.unit_ok = None
    else:
        art.unit_ok = bool(u) and (u.name, u.kind) == (gu.get("name"), gu.get("kind"))
        if gu.get("province"):
            art.province_ok = bool(u) and u.province == gu.get("province")
    if gold.get("published"):
        art.published_ok = (extraction.published.isoformat() if extraction.published else None) \
            == gold["published"]
    if "report_year" in gold:
        art.report_year_ok = extraction.report_year == gold.get("report_year")
    return art


def evaluate(folders: Iterable[Path], extract_fn: Any = None) -> Report:
    """Extract every annotated source of `folders` and score it against its gold."""
    extract_fn = extract_fn or extract
    report = Report()
    for src, gold_path in find_gold(folders):
        gold = load_gold(gold_path)
        try:
            extraction = extract_fn(read(src))
        except ReadError as err:
            art = ArticleScore(str(src), error=str(err))
            art.misses = sorted(gold_pairs(gold.get("facts", [])))
            art.score.add(set(), set(art.misses))
            report.overall.merge(art.score)
            report.articles.append(art)
            continue
        art = score_article(str(src), extraction, gold)
        report.overall.merge(art.score)
        report.overall_year.merge(art.score_year)
        got, expected = gold_pairs(_facts_json(extraction)), gold_pairs(gold.get("facts") or [])
        for metric in {k[0] for k in got | expected}:
            report.per_metric[metric].add({k for k in got if k[0] == metric},
                                          {k for k in expected if k[0] == metric})
        report.articles.append(art)
    return report


def _share(values: list[bool | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{sum(known)}/{len(known)}"


def format_report(report: Report, details: bool = True) -> str:
    """The report as text: overall, per metric, errors by cause, folds, reliability, per article."""
    out = []
    o, oy = report.overall, report.overall_year
    out.append(f"articles: {len(report.articles)}")
    out.append(f"(metric, value)        precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}"
               f"  (tp {o.tp}, fp {o.fp}, fn {o.fn})")
    out.append(f"(metric, value, year)  precision {oy.precision:.3f}  recall {oy.recall:.3f}  F1 {oy.f1:.3f}")
    arts = report.articles
    out.append(f"unit name+kind {_share([a.unit_ok for a in arts])}; province {_share([a.province_ok for a in arts])}; "
               f"published {_share([a.published_ok for a in arts])}; report year {_share([a.report_year_ok for a in arts])}")
    out.append("")
    out.append(f"{'metric':<24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for metric in sorted(report.per_metric):
        s = report.per_metric[metric]
        out.append(f"{metric:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
    causes = report.causes
    if causes:
        out.append("")
        out.append("errors by cause")
        for (kind, cause), n in sorted(causes.items(), key=lambda kv: (kv[0][0], -kv[1])):
            out.append(f"  {kind:<6} {cause:<40} {n:4}")
    if report.folds:
        out.append("")
        out.append("cross-validation by article (confidence model fitted on the other folds)")
        out.append(f"  {'fold':>4} {'articles':>8} {'P':>6} {'R':>6} {'facts':>6} {'>=0.8':>6} {'right>=0.8':>10}")
        for f in report.folds:
            out.append(f"  {f['fold']:>4} {f['articles']:>8} {f['precision']:6.3f} {f['recall']:6.3f} {f['facts']:>6} "
                       f"{f['high']:>6} {f['high_right']:>10.3f}")
    if report.reliability:
        out.append("")
        out.append("reliability (out of fold): confidence bin, facts, mean confidence, share right")
        for b in report.reliability:
            out.append(f"  [{b['low']:.1f}, {b['high']:.1f})  {b['n']:5}  {b['mean']:.3f}  {b['right']:.3f}")
    if not details:
        return "\n".join(out)
    for a in arts:
        problems = []
        if a.error:
            problems.append(f"  error: {a.error}")
        if a.unit_ok is False or a.province_ok is False:
            problems.append(f"  unit: got {a.unit_got}, gold {a.unit_gold}")
        if a.published_ok is False:
            problems.append("  published date wrong")
        if a.report_year_ok is False:
            problems.append("  report year wrong")
        cause_of = {(kind, fact): cause for kind, cause, fact in a.causes}
        problems += [f"  miss  {m} = {v}  ({cause_of.get(('miss', (m, v)), '')})" for m, v in a.misses]
        problems += [f"  false {m} = {v}  ({cause_of.get(('false', (m, v)), '')})" for m, v in a.false]
        problems += [f"  year  {m} = {v}: gold {gy}, got {y}" for m, v, gy, y in a.wrong_year]
        if problems:
            out.append("")
            out.append(a.path)
            out.extend(problems)
    return "\n".join(out)
