#!/usr/bin/env python3
"""Fit the extractor's confidence model and write reportgen/extract/confidence.json.

Usage: python3 scripts/train_confidence.py [--corpus DIR] [--report FILE]

The articles: the annotated corpus (`../shared/corpus` by default), the seeds, and the test sets
`tests/proxy` to `tests/proxy-i`. The ones named in `scripts/calibration.txt` were not
used to develop the rules; the weights are fitted on every article (those weighed up), the slope and
shift on those alone (see reportgen/evaluate/learn.py). Reproducible: the same articles and code give
the same file (no clock, fixed fold shuffle). Prints the 5-fold cross-validated figures, by article, of
the calibration articles (`--report` also writes them as Markdown for bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.evaluate import Report, format_report  # noqa: E402
from reportgen.evaluate.learn import (  # noqa: E402
    CALIBRATION_WEIGHT,
    _weighed,
    collect,
    cross_validate,
    fit,
    recalibrate,
)
from reportgen.extract.confidence import MODEL_FILE  # noqa: E402


def calibration_names(path: Path) -> set[str]:
    """The folder/stem names of the calibration articles."""
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _name(path: str) -> str:
    p = Path(path)
    return f"{p.parent.name}/{p.stem}"


def markdown(report: Report) -> str:
    """The cross-validated figures as Markdown tables."""
    o = report.overall
    out = [f"Out of fold, {len(report.articles)} calibration articles: precision {o.precision:.3f}, "
           f"recall {o.recall:.3f} over (metric, value).", "",
           "| fold | articles | P | R | facts | confidence ≥ 0.8 | of those right |", "|---|---|---|---|---|---|---|"]
    for f in report.folds:
        out.append(f"| {f['fold']} | {f['articles']} | {f['precision']:.3f} | {f['recall']:.3f} | {f['facts']} | "
                   f"{f['high']} | {f['high_right']:.3f} |")
    out += ["", "| confidence | facts | mean confidence | share right |", "|---|---|---|---|"]
    for b in report.reliability:
        out.append(f"| [{b['low']:.1f}, {b['high']:.1f}) | {b['n']} | {b['mean']:.3f} | {b['right']:.3f} |")
    return "\n".join(out) + "\n"


#: The test sets written for the extractor (tests/proxy*), all annotated like the corpus.
PROXIES = ("proxy", "proxy-b", "proxy-c", "proxy-d", "proxy-e", "proxy-f", "proxy-g", "proxy-h", "proxy-i")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--report", type=Path, help="write the cross-validated figures here (Markdown)")
    args = parser.parse_args(argv)
    folders = [args.corpus, ROOT / "seeds"] + [ROOT / "tests" / name for name in PROXIES]
    articles = collect([f for f in folders if f.is_dir()])
    if not articles:
        print("no annotated articles in " + ", ".join(map(str, folders)), file=sys.stderr)
        return 1
    names = calibration_names(ROOT / "scripts" / "calibration.txt")
    calibration = [a for a in articles if _name(a.path) in names]
    tuned = [a for a in articles if _name(a.path) not in names]
    report = cross_validate(tuned, 5, calibration=calibration)
    is_cal = [False] * len(tuned) + [True] * len(calibration)
    pool = tuned + calibration
    model = recalibrate(fit(_weighed(pool, range(len(pool)), is_cal)), [e for a in calibration for e in a.examples])
    # The threshold is the cross-validation's: chosen on predictions made out of fold, as an office's
    # articles will be (in-sample the model flatters itself).
    threshold = report.folds[0]["threshold"]
    digest = hashlib.sha256("".join(sorted(_name(a.path) for a in articles)).encode()).hexdigest()[:12]
    model.update({"threshold": threshold, "articles": len(articles), "calibration_articles": len(calibration),
                  "calibration_weight": CALIBRATION_WEIGHT, "examples": sum(len(a.examples) for a in articles),
                  "articles_digest": digest})
    MODEL_FILE.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(format_report(report, details=False))
    if args.report:
        args.report.write_text(markdown(report), encoding="utf-8")
    print(f"\nwrote {MODEL_FILE.relative_to(ROOT)}: {len(model['weights'])} weights, threshold {threshold:.2f}, "
          f"{model['examples']} examples from {len(articles)} articles ({len(calibration)} for calibration)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
