"""Benchmark: extraction time of one article that names N units (is it near-linear in N?).

A provincial round-up article names many districts, each with its figures ("Huyện ủy Thường Tín
kết nạp 120 đảng viên mới, nâng tổng số đảng viên lên 9.240 đồng chí"); an extractor that compares
every unit with every other, or rescans the text per unit, grows with N squared. This generates
such an article for each N (real district names of the gazetteer, deterministic figures), times
`extract` on it (best of --repeat runs, each stopped at --cap seconds) and prints the time, the
time per unit and the ratio to the smallest N's time per unit (about 1 when near-linear).
With --build it also times `reportgen build` of the article (documents of every unit found and
their comparison, DOCX and PDF, one worker). Run on demand; it asserts nothing:

    python3 bench/bench_units_named.py                  # N = 10, 50, 200
    python3 bench/bench_units_named.py --units 50 --build
"""
from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python3 bench/bench_units_named.py` from a checkout
    sys.path.insert(0, str(ROOT))

from reportgen.errors import TimeLimitExceeded, time_limit  # noqa: E402
from reportgen.vietnamese.formatting import format_number  # noqa: E402

from synth import COMMITTEE, units  # noqa: E402

__all__ = ["article", "main"]


def article(n: int, year: int = 2022) -> str:
    """A round-up article naming `n` district-level units, one sentence of figures for each."""
    lines = [f"Các Đảng bộ cấp huyện tổng kết công tác xây dựng Đảng năm {year}", "15/01/2023 | 08:00", "",
             f"Năm {year}, công tác xây dựng Đảng ở các địa phương có nhiều chuyển biến. Dưới đây là kết quả "
             f"của {n} Đảng bộ cấp huyện.", ""]
    for i, unit in enumerate(units(n)):
        members = 2_000 + (i * 7919) % 9_000
        admitted = 40 + (i * 31) % 200
        orgs = 20 + (i * 13) % 60
        lines.append(f"{COMMITTEE[unit.kind]} {unit.name} (tỉnh {unit.province}) đã kết nạp "
                     f"{format_number(admitted)} đảng viên mới, nâng tổng số đảng viên lên "
                     f"{format_number(members)} đồng chí, sinh hoạt tại {orgs} tổ chức cơ sở đảng.")
        lines.append("")
    return "\n".join(lines)


def _time_extract(text: str, repeat: int, cap: float) -> tuple[float | None, int]:
    """Best time of `repeat` extractions (None when one ran past `cap`), and the facts found."""
    from reportgen.extract import extract
    from reportgen.model import Source

    best: float | None = None
    facts = 0
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            with time_limit(cap):
                facts = len(extract(Source("round-up.txt", text)).facts)
        except TimeLimitExceeded:
            return None, facts
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, facts


def _time_build(text: str) -> tuple[float, str]:
    from reportgen.config import load_config
    from reportgen.pipeline import build

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "round-up.txt"
        source.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        result = build([str(source)], Path(folder) / "out", load_config(cwd=Path(folder)), workers=1)
        elapsed = time.perf_counter() - start
    return elapsed, (f"{len(result.written)} documents, {len(result.failures)} failed, "
                     f"{sum(len(e.facts) for e in result.extractions)} facts")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10, 50, 200], help="values of N")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each N (the fastest is kept)")
    parser.add_argument("--cap", type=float, default=300.0, help="seconds after which a run is stopped")
    parser.add_argument("--build", action="store_true", help="also time `reportgen build` of each article")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()} python {platform.python_version()}")
    from reportgen.extract import extract
    from reportgen.model import Source

    extract(Source("warm.txt", article(2)))  # load the gazetteer and compile the patterns once
    base: float | None = None
    print(f"{'N':>5} {'characters':>11} {'facts':>6} {'extract s':>10} {'ms/unit':>8} {'ratio':>6}"
          + ("  build" if args.build else ""))
    for n in args.units:
        text = article(n)
        elapsed, facts = _time_extract(text, args.repeat, args.cap)
        if elapsed is None:
            print(f"{n:>5} {len(text):>11,} {facts:>6} {'> ' + format(args.cap, 'g'):>10} {'':>8} {'':>6}")
            continue
        per_unit = elapsed / n
        base = base if base is not None else per_unit
        line = f"{n:>5} {len(text):>11,} {facts:>6} {elapsed:>10.3f} {per_unit * 1000:>8.2f} {per_unit / base:>6.2f}"
        if args.build:
            took, what = _time_build(text)
            line += f"  {took:.1f} s ({what})"
        print(line)


if __name__ == "__main__":
    main()
