#!/usr/bin/env python3
"""Fit the extractor's confidence model on annotated articles and write reportgen/extract/confidence.json.

Usage: python3 scripts/train_confidence.py [GOLD_DIR ...]   (default: ../shared/corpus and seeds/)

Reproducible: the same articles and code give the same file (no clock, fixed fold shuffle). The
threshold is chosen on out-of-fold predictions (5 folds by article); the weights are then fitted on
every article. Prints the cross-validated figures that `reportgen eval --folds 5` reports.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.evaluate import format_report  # noqa: E402
from reportgen.evaluate.learn import collect, cross_validate, fit  # noqa: E402
from reportgen.extract.confidence import MODEL_FILE  # noqa: E402


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [ROOT.parent / "shared" / "corpus", ROOT / "seeds"]
    articles = collect(folders)
    if not articles:
        print("no annotated articles in " + ", ".join(map(str, folders)), file=sys.stderr)
        return 1
    report = cross_validate(articles, 5)
    threshold = report.folds[0]["threshold"]
    model = fit([e for a in articles for e in a.examples])
    digest = hashlib.sha256("".join(sorted(Path(a.path).name for a in articles)).encode()).hexdigest()[:12]
    model.update({"threshold": threshold, "articles": len(articles),
                  "examples": sum(len(a.examples) for a in articles), "articles_digest": digest})
    MODEL_FILE.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(format_report(report, details=False))
    print(f"\nwrote {MODEL_FILE.relative_to(ROOT)}: {len(model['weights'])} weights, threshold {threshold:.2f}, "
          f"{model['examples']} examples from {len(articles)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
