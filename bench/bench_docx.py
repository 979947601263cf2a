"""Benchmark of the DOCX writer alone: milliseconds per unit report, and the comparative report.

Run on demand, not part of the test suite (from a checkout):

    python3 bench/bench_docx.py                 # 60 unit reports and the comparison
    python3 bench/bench_docx.py --units 700 -n 200

The documents are those of a build of the synthetic articles in `--work`/src (written by
`bench/synth.py` when missing): they are rendered to HTML first (not timed), then each is written
with `reportgen.writers.docx.write_docx` into a scratch folder, in this one process. The first
unit report is reported apart (it builds the styled base document of the layout, once per
process); the mean, median and 90th percentile are over the others.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python3 bench/bench_docx.py` from a checkout
    sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/reportgen-bench"))
    parser.add_argument("--units", type=int, default=700,
                        help="synthetic units to generate if missing")
    parser.add_argument("-n", type=int, default=61,
                        help="unit reports to write (the first is reported apart)")
    parser.add_argument("--no-comparison", action="store_true",
                        help="skip the comparative report")
    args = parser.parse_args()

    src = args.work / "src"
    if not any(src.glob("*.txt")):
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--units",
                        str(args.units), "-o", str(src)], check=True)

    from reportgen import contexts, render
    from reportgen.config import load_config
    from reportgen.pipeline import prepare
    from reportgen.store.facts import FactStore
    from reportgen.writers.docx import write_docx

    with tempfile.TemporaryDirectory(prefix="bench-docx-") as scratch:
        out = Path(scratch)
        config = load_config(cwd=out)  # an empty folder: the default layout
        extractions, _, _ = prepare(sorted(str(p) for p in src.glob("*.txt")),
                                    FactStore.under(out / "store"))
        jobs = contexts.plan([e for e in extractions if e.unit is not None], config)
        units = [job for job in jobs if job.kind != "so-sanh"][:max(2, args.n)]
        comparison = [job for job in jobs if job.kind == "so-sanh"]
        rendered = [render.render(job, config) for job in units]
        times = []
        for i, document in enumerate(rendered):
            start = time.perf_counter()
            write_docx(document, out / f"{i}.docx")
            times.append((time.perf_counter() - start) * 1000)
        rest = sorted(times[1:])
        print(f"unit reports: {len(rest)} (+1 first: {times[0]:.1f} ms), "
              f"mean {statistics.mean(rest):.1f} ms, median {statistics.median(rest):.1f} ms, "
              f"p90 {rest[int(0.9 * (len(rest) - 1))]:.1f} ms per report")
        if comparison and not args.no_comparison:
            document = render.render(comparison[0], config)
            start = time.perf_counter()
            write_docx(document, out / "so-sanh.docx")
            seconds = time.perf_counter() - start
            size = (out / "so-sanh.docx").stat().st_size
            print(f"comparison of {len(extractions)} units: {seconds:.2f} s "
                  f"({len(document.html) / 1e6:.1f} MB of HTML, {size / 1e6:.2f} MB of DOCX)")


if __name__ == "__main__":
    main()
