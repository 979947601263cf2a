"""Learn the confidence model from annotated articles, and cross-validate it by article.

Every candidate fact of every annotated article (the extractor's steps 0-4) is an example: its
signals (`extract.confidence.features`) and whether it is right, metric, value and year (a fact of
the gold). A logistic regression fitted by Newton's method (numpy) gives the weights, each pulled
towards its prior (`extract.confidence.PRIORS`). The rules were developed on most annotated
articles, and on those they are right more often than on articles nobody has seen: the weights say
which candidate is safer than which, a slope and shift fitted on *calibration* articles (ones the
rules were not developed on) say how sure to be. The threshold below which a candidate is dropped
maximises F1 over (metric, value) on the calibration articles' out-of-fold predictions. Folds are
whole articles, assigned by a fixed shuffle, so no article helps to score itself.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from reportgen.evaluate import Report, Score, find_gold, gold_pairs, load_gold, score_article
from reportgen.extract import read_candidates
from reportgen.extract.confidence import PRIORS, features, probability, score
from reportgen.model import Extraction
from reportgen.readers import ReadError, read

__all__ = ["Example", "Article", "collect", "fit", "recalibrate", "cross_validate", "choose_threshold",
           "reliability"]

#: How strongly the weights are pulled to zero (a prior: most signals matter little).
PENALTY = 2.0


@dataclass
class Example:
    """One candidate fact: its signals, whether it is right (with its year), and its key."""

    x: dict[str, float]
    right: bool
    key: tuple[str, float]
    weight: float = 1.0  # how much the example counts in the fit


@dataclass
class Article:
    """An annotated article read up to its candidates."""

    path: str
    gold: dict[str, Any]
    reading: Any
    examples: list[Example]


def _num(v: float) -> float:
    return int(v) if float(v).is_integer() else round(float(v), 4)


def collect(folders: Iterable[Path]) -> list[Article]:
    """Every annotated article of `folders` with the examples of its candidates."""
    out = []
    for src, gold_path in find_gold(folders):
        gold = load_gold(gold_path)
        try:
            reading = read_candidates(read(src))
        except ReadError:
            continue
        right = gold_pairs(gold.get("facts") or [], with_year=True)
        examples = []
        for c in reading.candidates:
            x = features(c, reading.frame, reading.layout, reading.candidates)
            key = (c.fact.metric, _num(c.fact.value))
            examples.append(Example(x, key + (c.fact.year,) in right, key))
        out.append(Article(str(src), gold, reading, examples))
    return out


def fit(examples: Sequence[Example], penalty: float = PENALTY,
        priors: dict[str, float] | None = None) -> dict[str, Any]:
    """Logistic-regression weights for the examples: {"weights", "bias"}, each weight pulled
    towards its prior mean (`confidence.PRIORS`), the bias free; examples weigh `Example.weight`."""
    priors = PRIORS if priors is None else priors
    names = sorted({k for e in examples for k in e.x} | set(priors))
    if not examples:
        return {"weights": dict(priors), "bias": 0.0}
    X = np.array([[e.x.get(n, 0.0) for n in names] + [1.0] for e in examples])
    y = np.array([1.0 if e.right else 0.0 for e in examples])
    weight = np.array([e.weight for e in examples])
    mu = np.array([priors.get(n, 0.0) for n in names] + [0.0])
    w = mu.copy()
    reg = np.full(X.shape[1], penalty)
    reg[-1] = 0.0  # the bias is not pulled to anything
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        gradient = X.T @ (weight * (p - y)) + reg * (w - mu)
        hessian = (X.T * (weight * p * (1 - p))) @ X + np.diag(reg) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return {"weights": {n: round(float(v), 6) for n, v in zip(names, w[:-1]) if abs(v) > 1e-9},
            "bias": round(float(w[-1]), 6)}


def recalibrate(model: dict[str, Any], examples: Sequence[Example]) -> dict[str, Any]:
    """The model with the slope and shift that fit the examples best (Platt scaling of its score)."""
    if not examples:
        return dict(model)
    base = {**model, "slope": 1.0, "shift": 0.0}
    z = np.array([np.log(max(1e-9, p) / max(1e-9, 1 - p)) for p in (probability(e.x, base) for e in examples)])
    y = np.array([1.0 if e.right else 0.0 for e in examples])
    X = np.column_stack([z, np.ones_like(z)])
    w = np.array([1.0, 0.0])
    prior = np.array([1.0, 0.0])
    reg = np.array([2.0, 0.05])  # a slope near 1 unless the data say otherwise
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        gradient = X.T @ (p - y) + reg * (w - prior)
        hessian = (X.T * (p * (1 - p))) @ X + np.diag(reg)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return {**model, "slope": round(float(w[0]), 6), "shift": round(float(w[1]), 6)}


def _folds(articles: Sequence[Article], k: int, seed: int = 7) -> list[list[int]]:
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def _extraction(article: Article, model: dict[str, Any], threshold: float) -> Extraction:
    r = article.reading
    facts = score(r.candidates, r.frame, r.layout, {**model, "threshold": threshold})
    return Extraction(source=r.source, title=r.frame.title, published=r.frame.published, unit=r.frame.unit,
                      report_year=r.report_year, facts=tuple(facts), warnings=r.frame.warnings)


#: The precision the threshold aims at on articles like an office's: the lowest threshold that reaches
#: it keeps the most right facts (where none reaches it, the one with the best F1).
TARGET_PRECISION = 0.95


def choose_threshold(articles: Sequence[Article], probabilities: Sequence[Sequence[float]],
                     target: float = TARGET_PRECISION) -> float:
    """The threshold for dropping candidates, from each article's candidate probabilities (see
    TARGET_PRECISION), over (metric, value)."""
    scores = []
    for t in [i / 100 for i in range(0, 90, 2)]:
        total = Score()
        for art, probs in zip(articles, probabilities):
            got = {e.key for e, p in zip(art.examples, probs) if p >= t and e.key[1]}
            total.add(got, gold_pairs(art.gold.get("facts") or []))
        scores.append((t, total))
    reaching = [(t, s) for t, s in scores if s.precision >= target]
    if reaching:
        return min(reaching, key=lambda ts: (-ts[1].recall, ts[0]))[0]
    return max(scores, key=lambda ts: (ts[1].f1, -ts[0]))[0]


def reliability(pairs: Iterable[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Facts by confidence bin: how many, their mean confidence, the share that is right."""
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]
    rows = []
    pairs = list(pairs)
    for low, high in zip(edges, edges[1:]):
        inside = [(p, r) for p, r in pairs if low <= p < high]
        if inside:
            rows.append({"low": low, "high": min(high, 1.0), "n": len(inside),
                         "mean": sum(p for p, _ in inside) / len(inside),
                         "right": sum(r for _, r in inside) / len(inside)})
    return rows


#: How much more an example of a calibration article counts in fitting the weights: those articles
#: are like an office's, the others flatter the rules.
CALIBRATION_WEIGHT = 3.0


def _weighed(pool: Sequence[Article], indexes: Iterable[int], is_cal: Sequence[bool]) -> list[Example]:
    """The examples of the articles at `indexes`, those of calibration articles weighed up."""
    out = []
    for i in indexes:
        for e in pool[i].examples:
            out.append(Example(e.x, e.right, e.key, CALIBRATION_WEIGHT if is_cal[i] else 1.0))
    return out


def cross_validate(articles: Sequence[Article], k: int = 5, penalty: float = PENALTY,
                   calibration: Sequence[Article] = ()) -> Report:
    """Out-of-fold scores, by article: per fold P/R and the share right of facts with confidence
    >= 0.8, the reliability table, and the whole report of the out-of-fold extractions. Each fold's
    model is fitted on the other folds' articles, recalibrated on their `calibration` articles
    (when given); the threshold is chosen on the out-of-fold predictions of the calibration articles
    (else of all). With calibration articles the figures are theirs: articles like those an office
    will give the extractor."""
    pool = list(articles) + [a for a in calibration if a not in articles]
    is_cal = [a in calibration for a in pool]
    folds = _folds(pool, k)
    probs: list[list[float]] = [[] for _ in pool]
    models = []
    for fold in folds:
        rest = [i for i in range(len(pool)) if i not in fold]
        model = fit(_weighed(pool, rest, is_cal), penalty)
        if calibration:
            model = recalibrate(model, [e for i in rest if is_cal[i] for e in pool[i].examples])
        models.append(model)
        for i in fold:
            probs[i] = [probability(e.x, model) for e in pool[i].examples]
    scored_pool = [i for i in range(len(pool)) if is_cal[i]] if calibration else list(range(len(pool)))
    threshold = choose_threshold([pool[i] for i in scored_pool], [probs[i] for i in scored_pool])
    report = Report()
    kept: list[tuple[float, bool]] = []
    for n, (fold, model) in enumerate(zip(folds, models), 1):
        fold_score = Score()
        high = high_right = facts = 0
        members = [i for i in fold if i in scored_pool]
        for i in members:
            art = pool[i]
            extraction = _extraction(art, model, threshold)
            scored = score_article(art.path, extraction, art.gold)
            report.articles.append(scored)
            report.overall.merge(scored.score)
            report.overall_year.merge(scored.score_year)
            fold_score.merge(scored.score)
            right = gold_pairs(art.gold.get("facts") or [], with_year=True)
            for f in extraction.facts:
                ok = (f.metric, _num(f.value), f.year) in right
                kept.append((f.confidence, ok))
                facts += 1
                if f.confidence >= 0.8:
                    high += 1
                    high_right += ok
        report.folds.append({"fold": n, "articles": len(members), "precision": fold_score.precision,
                             "recall": fold_score.recall, "facts": facts, "high": high,
                             "high_right": high_right / high if high else 1.0, "threshold": threshold})
    report.reliability = reliability(kept)
    return report
