"""Benchmark: extraction throughput (articles/second) on one core.

Run on demand: `python3 bench/bench_extract.py [N]` (default 1,000 articles); prints wall-clock and
CPU-time throughput. The articles are the
seeds and, when present, ../shared/corpus, cycled; each copy gets a distinct suffix so that no cache
can help. Prints the figures; it asserts nothing.
"""
from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from reportgen.extract import extract
from reportgen.model import Source

ROOT = Path(__file__).resolve().parent.parent


def articles() -> list[str]:
    """Texts of the seed and corpus articles."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main(n: int = 1000) -> None:
    texts = articles()
    batch = [Source(f"a{i}.txt", texts[i % len(texts)] + f"\n\n{i}") for i in range(n)]
    extract(batch[0])  # warm the gazetteer and the compiled patterns
    start, cpu = time.perf_counter(), time.process_time()
    facts = sum(len(extract(s).facts) for s in batch)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    chars = sum(len(s.text) for s in batch)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"articles: {n} ({chars / n:,.0f} characters on average), facts: {facts}")
    print(f"time: {elapsed:.2f} s; throughput: {n / elapsed:,.0f} articles/s (target >= 250/s)")
    # CPU time tells what one core does when other processes share the machine.
    print(f"CPU time: {cpu:.2f} s; {n / cpu:,.0f} articles per CPU second")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
