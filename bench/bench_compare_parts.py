"""Profile of a large comparison (issue 13): each PDF part laid out alone, one process, in turn.

Run after `bench_build.py --national` (its facts store holds the extractions):

    python3 bench/bench_compare_parts.py                      # the communes' comparison
    python3 bench/bench_compare_parts.py --all                # of every article (provinces too)

Prints the load, plan and render times of the `so-sanh` job, then for each part of its PDF
(the report, then Phụ lục I-IV) the layout time, pages, table rows and cells, and the RSS.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ROOT, _commune_sources, _config, _rss_mb, _sources  # noqa: E402,F401


def main() -> None:
    from pypdf import PdfReader

    from reportgen import contexts, render, writers
    from reportgen.pipeline import prepare
    from reportgen.store.facts import FactStore
    from reportgen.writers import pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/reportgen-bench-national"))
    parser.add_argument("--all", action="store_true", help="every article, not the communes' only")
    parser.add_argument("-o", "--output", type=Path, default=Path("/tmp/reportgen-bench-parts"))
    args = parser.parse_args()
    config = _config(args.work)
    t0 = time.perf_counter()
    paths = _sources(args.work) if args.all else _commune_sources(args.work)
    extractions, _, _ = prepare(paths, FactStore.under(args.work / "out"))
    t1 = time.perf_counter()
    job = contexts.plan([e for e in extractions if e.unit], config, kind="so-sanh")[0]
    t2 = time.perf_counter()
    rendered = render.render(job, config)
    t3 = time.perf_counter()
    parts = pdf.split(rendered)
    c = job.context
    print(f"{job.slug}: load {t1 - t0:.1f} s, plan {t2 - t1:.1f} s, render {t3 - t2:.1f} s; {len(parts)} parts; "
          f"rows {len(c['rows'])}, other periods {len(c['others'])}, sources {len(c['sources'])}", flush=True)
    args.output.mkdir(parents=True, exist_ok=True)
    writers.PARTED["pdf"].write_part(parts[0], args.output / "warm.pdf")  # fonts and caches
    total = 0.0
    for i, part in enumerate(parts):
        start = time.perf_counter()
        writers.PARTED["pdf"].write_part(part, args.output / f"part{i}.pdf")
        took = time.perf_counter() - start
        total += took
        pages = len(PdfReader(args.output / f"part{i}.pdf").pages)
        rss, peak = _rss_mb()
        print(f"part {i}: {took:.1f} s, {pages} pages, {part.html.count('<tr')} rows, {part.html.count('<td')} cells; "
              f"RSS {rss:.0f} MB (peak {peak:.0f} MB)", flush=True)
    print(f"layout in all: {total:.1f} CPU-s; on 2 workers at least {max(total / 2, 0):.1f} s")


if __name__ == "__main__":
    main()
