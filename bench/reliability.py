"""The shipped confidence model's reliability on annotated folders: is a fact of confidence >= 0.8 right?

For every fact `extract` keeps (the confidence step done), "right" means its (metric, value) is in
the article's gold, as `reportgen eval` scores. Prints the facts by confidence bin with the share
right, and the acceptance figures of issue 12: the share of facts at 0.8 or more and how many of
those are right. Run on folders the rules and the model were not developed on to get an honest
figure; it asserts nothing:

    python3 bench/reliability.py tests/proxy-h tests/proxy-i
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python3 bench/reliability.py` from a checkout
    sys.path.insert(0, str(ROOT))

from reportgen.evaluate import find_gold, gold_pairs, load_gold  # noqa: E402
from reportgen.extract import extract  # noqa: E402
from reportgen.readers import read  # noqa: E402

__all__ = ["main"]

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def main(argv: list[str] | None = None) -> int:
    """Score the facts of every annotated source of the folders by confidence bin."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    rows: list[tuple[float, bool]] = []
    for source, gold_path in find_gold(args.folders):
        gold = gold_pairs(load_gold(gold_path).get("facts", []))
        for fact in extract(read(source)).facts:
            rows.append((fact.confidence, (fact.metric, float(fact.value)) in {(m, float(v)) for m, v in gold}))
    print("| confidence | facts | share right |\n|---|---:|---:|")
    for low, high in zip(BINS, BINS[1:]):
        inside = [right for c, right in rows if low <= c < high]
        if inside:
            print(f"| [{low:.2f}; {min(high, 1):.2f}) | {len(inside)} | {sum(inside) / len(inside):.3f} |")
    high = [right for c, right in rows if c >= 0.8]
    if rows:
        print(f"\nfacts: {len(rows)}; confidence >= 0.8: {len(high)} ({len(high) / len(rows):.1%}), "
              f"of those right: {sum(high) / max(1, len(high)):.3f}; all facts right: "
              f"{sum(r for _, r in rows) / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
