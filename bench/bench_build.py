"""Benchmark of batch builds (issue 7): throughput, memory per worker, no-op rebuild, comparison.

Run on demand, not part of the test suite:

    python3 bench/bench_build.py --units 700            # everything, a table at the end
    python3 bench/bench_build.py --units 700 --only a,b  # some measurements only
    python3 bench/bench_build.py --units 700 --markdown  # the table as Markdown (bench/RESULTS.md)

It writes N synthetic articles (`bench/synth.py`: real district names from the gazetteer,
plausible figures) into `--work` (default /tmp/reportgen-bench/src) and measures:

(a) `build` of the N units from scratch, DOCX + PDF per unit plus the comparative report, with
    `--jobs` workers: wall time, documents/s, peak RSS of each worker;
(b) the same HTML (rendered beforehand, not timed) written to PDF by a bare WeasyPrint process
    pool of the same size (spawned workers, one FontConfiguration each, largest document first,
    nothing else): the engine's limit; the ratio (a)/(b) is T(b)/T(a) over the same documents. (a') is a PDF-only
    build, for the ratio without the DOCX writer's share;
(c) a no-op rebuild (nothing changed) as a fraction of (a);
(d) the comparative report of the N units alone (`build --kind so-sanh --force`, one process,
    imports included, extractions cached), with the time of its stages;
(e) extraction throughput (articles/s, one core) on the synthetic articles.

National scale (issue 13), `--national`: the articles of `synth.py --national` (the 2025 map: 34
provinces and 3,321 communes, one article per unit and year 2023-2025; `--limit N` keeps N units)
in `--work` (default /tmp/reportgen-bench-national) and the phases (a), (c), (d) as above plus
(dc), the comparison of the communes alone (`build --kind so-sanh` of the commune articles only,
extractions cached by (a)). Every phase also reports the peak RSS of the main process (the one
that runs the build: getrusage(RUSAGE_SELF).ru_maxrss) and its RSS after each stage.

    python3 bench/bench_build.py --national --limit 300   # a subset first
    python3 bench/bench_build.py --national --json /tmp/national.json --markdown

Each measurement runs in a fresh interpreter (`--phase`), so memory and caches do not carry
over; it prints one JSON line that the driver collects. Peak RSS per worker is the largest
VmHWM seen in /proc/<pid>/status of each worker (polled every 50 ms) and, for the workers
already gone, getrusage(RUSAGE_CHILDREN).ru_maxrss. The machine is shared: every phase also
records the load average and the CPU time other processes used while it ran ("other CPU").
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python3 bench/bench_build.py` from a checkout
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MB = 1_000_000
TARGETS = {"ratio": 0.85, "noop": 0.05, "rss_mb": 200.0, "compare_s": 10.0}
#: Issue 13's targets at national scale: the comparison of the communes, the main process's memory.
NATIONAL_TARGETS = {"compare_s": 30.0, "main_rss_mb": 1000.0, "noop": 0.05}
PHASES = ("e", "a", "c", "b", "a2", "d", "dc")
NATIONAL_PHASES = ("a", "c", "d", "dc")


def _rss_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line.split(":")[0]] = int(line.split()[1]) * 1024 / MB
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


# --- helpers used in the phases ------------------------------------------------------------------

class WorkerMemory:
    """Polls /proc for the worker processes of this process and keeps each one's VmHWM."""

    def __init__(self, marker: str = "spawn_main", interval: float = 0.05) -> None:
        self.marker, self.interval = marker, interval
        self.peak_kb: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _workers(self) -> list[int]:
        me, out = os.getpid(), []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if ppid == me and self.marker in (entry / "cmdline").read_text():
                    out.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self._workers():
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            kb = int(line.split()[1])
                            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), kb)
                except (OSError, ValueError):
                    pass
            self._stop.wait(self.interval)

    def summary(self) -> dict[str, Any]:
        """Workers seen, and the largest and median peak RSS (MB), with ru_maxrss of the reaped ones."""
        peaks = sorted(self.peak_kb.values())
        children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return {"workers_seen": len(peaks),
                "rss_max_mb": max([*peaks, children_kb], default=0) * 1024 / MB,
                "rss_median_mb": (peaks[len(peaks) // 2] * 1024 / MB) if peaks else None,
                "rss_each_mb": [round(kb * 1024 / MB) for kb in peaks],
                "ru_maxrss_children_mb": children_kb * 1024 / MB}


class Stopwatch:
    """Accumulated wall time of wrapped functions, by label."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.rss_after: dict[str, float] = {}  # main process's RSS (MB) after the last call, by label

    def wrap(self, owner: Any, name: str, label: str | None = None) -> None:
        """Replace `owner.name` (module attribute or dict key) by a timed wrapper."""
        is_dict = isinstance(owner, dict)
        inner: Callable[..., Any] = owner[name] if is_dict else getattr(owner, name)
        key = label or name

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - start
                self.rss_after[key] = _rss_mb()[0]

        if is_dict:
            owner[name] = timed
        else:
            setattr(owner, name, timed)


class Watchdog:
    """Declares the build deadlocked when no document is done for `quiet` seconds while no worker
    process is alive (the gh-115634 hang): prints the phase's JSON with the figures so far and exits."""

    def __init__(self, memory: WorkerMemory, quiet: float = 60.0) -> None:
        self.memory, self.quiet = memory, quiet
        self.done, self.total, self.last = 0, 0, time.perf_counter()
        self.start = time.perf_counter()
        threading.Thread(target=self._run, daemon=True).start()

    def progress(self, done: int, total: int, label: str) -> None:
        """The build's progress callback (a line on stderr every 500 documents and at the end)."""
        self.done, self.total, self.last = done, total, time.perf_counter()
        if done % 500 == 0 or done == total:
            rss, hwm = _rss_mb()
            print(f"  [{datetime.now():%H:%M:%S}] {done}/{total} documents, {self.last - self.start:.0f} s; "
                  f"main RSS {rss:.0f} MB (peak {hwm:.0f} MB)", file=sys.stderr, flush=True)

    def _run(self) -> None:
        while True:
            time.sleep(5)
            if self.total and time.perf_counter() - self.last > self.quiet and not self.memory._workers():
                print(json.dumps({"deadlock": True, "seconds": time.perf_counter() - self.start,
                                  "written": self.done, "total": self.total, "failures": [], "stages": {},
                                  "unchanged": 0, **self.memory.summary()}), flush=True)
                os._exit(0)


def _sources(work: Path) -> list[str]:
    return sorted(str(p) for p in (work / "src").glob("*.txt"))


#: File stems of the national set's province articles (communes are xa-, phuong-, dac-khu-).
_PROVINCE_STEMS = ("tinh-", "thanh-pho-")


def _commune_sources(work: Path) -> list[str]:
    return [p for p in _sources(work) if not Path(p).name.startswith(_PROVINCE_STEMS)]


def _config(work: Path) -> Any:
    from reportgen.config import load_config

    return load_config(cwd=work)  # an empty folder: the defaults, no reportgen.toml of the tree


def _timed_build(work: Path, out: Path, formats: tuple[str, ...], jobs: int, force: bool,
                 kind: str | None = None, paths: list[str] | None = None,
                 store_under: Path | None = None) -> dict[str, Any]:
    """`pipeline.build` with its stages timed, the workers' memory watched and the main process's
    recorded; `paths` (default: every source) and the facts store of `store_under` (default: `out`)."""
    from reportgen import contexts, pipeline
    from reportgen.store.facts import FactStore

    watch = Stopwatch()
    watch.wrap(pipeline, "prepare", "read+extract")
    watch.wrap(pipeline, "check")
    watch.wrap(contexts, "plan", "contexts")
    watch.wrap(pipeline, "write_documents", "documents")
    paths, config = paths if paths is not None else _sources(work), _config(work)
    store = FactStore.under(store_under, None, config.limits.source_seconds) if store_under else None
    rss_start = _rss_mb()[0]
    with WorkerMemory() as memory:
        watchdog = Watchdog(memory)
        start = time.perf_counter()
        result = pipeline.build(paths, out, config, formats, kind=kind, workers=jobs, force=force,
                                progress=watchdog.progress, store=store)
        elapsed = time.perf_counter() - start
    compared = [Path(p).name for p in result.written + result.unchanged if Path(p).name.startswith("so-sanh")]
    return {"seconds": elapsed, "written": len(result.written), "unchanged": len(result.unchanged),
            "failures": [str(f) for f in result.failures], "stages": watch.seconds, **memory.summary(),
            "sources": len(paths), "comparisons": sorted(compared),
            "main_rss_start_mb": rss_start, "main_rss_after": watch.rss_after,
            "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB,
            "notes": list(result.notes)[:20], "findings": len(result.findings)}


# --- the phases (each in its own interpreter) ------------------------------------------------------

def phase_e(work: Path, jobs: int) -> dict[str, Any]:
    """(e) extraction throughput on the synthetic articles, one core."""
    from reportgen.extract import extract
    from reportgen.readers import read

    sources = [read(p) for p in _sources(work)]
    extract(sources[0])  # warm the gazetteer and the patterns
    start = time.perf_counter()
    facts = sum(len(extract(s).facts) for s in sources)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "articles": len(sources), "facts": facts,
            "articles_per_s": len(sources) / elapsed,
            "chars_per_article": sum(len(s.text) for s in sources) / len(sources)}


def phase_a(work: Path, jobs: int) -> dict[str, Any]:
    """(a) full build from scratch: DOCX + PDF of every unit and the comparison."""
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    return _timed_build(work, out, ("docx", "pdf"), jobs, force=True)


def phase_a2(work: Path, jobs: int) -> dict[str, Any]:
    """(a') full build from scratch, PDF only."""
    out = work / "out-pdf"
    shutil.rmtree(out, ignore_errors=True)
    return _timed_build(work, out, ("pdf",), jobs, force=True)


def phase_c(work: Path, jobs: int) -> dict[str, Any]:
    """(c) rebuild of (a)'s output with nothing changed."""
    return _timed_build(work, work / "out", ("docx", "pdf"), jobs, force=False)


def phase_d(work: Path, jobs: int) -> dict[str, Any]:
    """(d) the comparative report alone (DOCX + PDF, `jobs` workers: its appendices are laid out in
    parallel), extractions cached by (a); stages timed."""
    from reportgen import render, writers

    watch = Stopwatch()
    watch.wrap(render, "render")
    for fmt in ("docx", "pdf"):
        watch.wrap(writers.WRITERS, fmt, f"write {fmt}")
    result = _timed_build(work, work / "out", ("docx", "pdf"), jobs, force=True, kind="so-sanh")
    result["stages"].update(watch.seconds)
    return result


def phase_dc(work: Path, jobs: int) -> dict[str, Any]:
    """(dc) the comparison of the communes alone: `build --kind so-sanh` of the commune articles
    (no province's), extractions cached by (a) (its facts store), into a folder of its own."""
    from reportgen import render, writers

    watch = Stopwatch()
    watch.wrap(render, "render")
    for fmt in ("docx", "pdf"):
        watch.wrap(writers.WRITERS, fmt, f"write {fmt}")
    out = work / "out-communes"
    shutil.rmtree(out, ignore_errors=True)
    result = _timed_build(work, out, ("docx", "pdf"), jobs, force=True, kind="so-sanh",
                          paths=_commune_sources(work), store_under=work / "out")
    result["stages"].update(watch.seconds)
    return result


def _bare_init() -> None:
    global _FONTS
    from weasyprint.text.fonts import FontConfiguration

    _FONTS = FontConfiguration()


def _bare_pdf(html: str, base_url: str | None, path: str) -> str:
    import weasyprint

    weasyprint.HTML(string=html, base_url=base_url).write_pdf(path, font_config=_FONTS)
    return path


def phase_b(work: Path, jobs: int) -> dict[str, Any]:
    """(b) the HTML of (a)'s documents to PDF in a bare WeasyPrint process pool of `jobs` workers."""
    from reportgen import contexts, render
    from reportgen.pipeline import prepare
    from reportgen.store.facts import FactStore

    config = _config(work)
    extractions, _, _ = prepare(_sources(work), FactStore.under(work / "out"))
    jobs_list = contexts.plan([e for e in extractions if e.unit is not None], config)
    from reportgen.writers import pdf

    # A document with appendices goes to the engine in the same parts as in the build (each part
    # is a document of its own): the engine's limit for the same work.
    documents = [(f"{job.slug}.{i}" if i else job.slug, part) for job in jobs_list
                 for i, part in enumerate(pdf.split(render.render(job, config)))]
    documents.sort(key=lambda d: -d[1].html.count("<td"))  # largest first: the best schedule
    out = work / "out-bare"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    per_doc: dict[str, float] = {}
    with WorkerMemory() as memory:
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_bare_init) as pool:
            submitted = {pool.submit(_bare_pdf, r.html, r.base_url, str(out / f"{slug}.pdf")): slug
                         for slug, r in documents}
            for future in as_completed(submitted):
                future.result()
                per_doc[submitted[future]] = time.perf_counter() - start
        elapsed = time.perf_counter() - start
    biggest = max(documents, key=lambda d: len(d[1].html))
    return {"seconds": elapsed, "written": len(documents), "documents_per_s": len(documents) / elapsed,
            "largest_html_mb": len(biggest[1].html.encode()) / MB, "largest": biggest[0],
            "largest_done_at": per_doc.get(biggest[0]), **memory.summary()}


# --- the driver ------------------------------------------------------------------------------------


def _cpu_busy() -> float:
    """CPU-seconds the whole machine has spent busy since boot (all cores)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_phase(name: str, work: Path, jobs: int) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; its JSON, plus load and the CPU others used meanwhile."""
    load_before = os.getloadavg()[0]
    busy, own = _cpu_busy(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # stderr passes through: a long phase prints its progress there
    done = subprocess.run([sys.executable, __file__, "--phase", name, "--work", str(work), "--jobs", str(jobs)],
                          stdout=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = (after.ru_utime - own.ru_utime) + (after.ru_stime - own.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed (exit {done.returncode}; its stderr is above)")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(load_before=load_before, load_after=os.getloadavg()[0], phase_wall=wall,
                  own_cpu=ours, other_cpu=max(0.0, _cpu_busy() - busy - ours))
    return result


def _fmt_other(r: dict[str, Any], cores: int) -> str:
    share = r["other_cpu"] / (r["phase_wall"] * cores)
    return f"load {r['load_before']:.2f}; other CPU {r['other_cpu']:.0f} s ({share:.0%} of {cores} cores)"


def _stages(r: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items())


def _build_row(label: str, r: dict[str, Any], cores: int) -> tuple[str, str, str, str, str]:
    if r.get("deadlock"):
        figure = (f"DEADLOCK: no document after {r['written']} of {r['total']} ({r['seconds']:.0f} s), no worker "
                  f"process left (CPython gh-115634, max_tasks_per_child)")
    else:
        figure = (f"{r['seconds']:.1f} s, {r['written']} documents, {r['written'] / r['seconds']:.2f} documents/s"
                  + (f", {len(r['failures'])} failed" if r["failures"] else "") + f" ({_stages(r)})")
    return label, figure, "", "", _fmt_other(r, cores)


def table(results: dict[str, dict[str, Any]], units: int, jobs: int) -> list[tuple[str, str, str, str, str]]:
    """Rows (measure, figure, target, met, conditions)."""
    cores = os.cpu_count() or 1
    rows: list[tuple[str, str, str, str, str]] = []
    a, b, a2, c, d, e = (results.get(k) for k in ("a", "b", "a2", "c", "d", "e"))
    a_ok = bool(a) and not a.get("deadlock")  # type: ignore[union-attr]
    a2_ok = bool(a2) and not a2.get("deadlock")  # type: ignore[union-attr]
    if a:
        rows.append(_build_row(f"(a) full build, {units} units, DOCX+PDF, -j {jobs}", a, cores))
        rows.append(("(a) peak RSS per worker", f"max {a['rss_max_mb']:.0f} MB, median {a['rss_median_mb'] or 0:.0f} MB "
                     f"({a['workers_seen']} worker processes)", f"≤ {TARGETS['rss_mb']:.0f} MB",
                     _yes(a["rss_max_mb"] <= TARGETS["rss_mb"]), ""))
    if b:
        rows.append((f"(b) bare WeasyPrint pool, the same HTML → PDF ({b['written']} documents and parts), {jobs} workers",
                     f"{b['seconds']:.1f} s, {b['documents_per_s']:.2f} PDF/s; peak RSS per worker max "
                     f"{b['rss_max_mb']:.0f} MB; largest document {b['largest']} "
                     f"({b['largest_html_mb']:.1f} MB of HTML) done at {b['largest_done_at']:.0f} s",
                     "", "", _fmt_other(b, cores)))
    if a_ok and b:
        ratio = b["seconds"] / a["seconds"]  # type: ignore[index]
        rows.append(("(a)/(b) throughput, DOCX+PDF build vs bare PDF pool (T(b)/T(a))", f"{ratio:.2f}",
                     f"≥ {TARGETS['ratio']}", _yes(ratio >= TARGETS["ratio"]), ""))
    if a2:
        rows.append(_build_row(f"(a') PDF-only build, -j {jobs}", a2, cores))
    if a2_ok and b:
        ratio = b["seconds"] / a2["seconds"]  # type: ignore[index]
        rows.append(("(a')/(b) throughput, PDF-only build vs bare PDF pool", f"{ratio:.2f}",
                     f"≥ {TARGETS['ratio']}", _yes(ratio >= TARGETS["ratio"]), ""))
    if a_ok and c:
        share = c["seconds"] / a["seconds"]  # type: ignore[index]
        rows.append(("(c) no-op rebuild / full build",
                     f"{c['seconds']:.1f} s / {a['seconds']:.1f} s = {share:.1%} ({c['unchanged']} unchanged, "  # type: ignore[index]
                     f"{c['written']} written; {_stages(c)})",
                     f"≤ {TARGETS['noop']:.0%}", _yes(share <= TARGETS["noop"]), _fmt_other(c, cores)))
    if d:
        rows.append((f"(d) comparative report of {units} units alone (DOCX+PDF, -j {jobs})",
                     f"{d['phase_wall']:.1f} s as a command ({d['seconds']:.1f} s in build: {_stages(d)})"
                     + (f"; FAILED: {'; '.join(d['failures'])[:300]}" if d["failures"] else ""),
                     f"≤ {TARGETS['compare_s']:.0f} s",
                     _yes(d["phase_wall"] <= TARGETS["compare_s"] and not d["failures"]),
                     _fmt_other(d, cores)))
    if e:
        rows.append(("(e) extraction, one core", f"{e['articles_per_s']:.0f} articles/s ({e['articles']} articles, "
                     f"{e['chars_per_article']:.0f} characters each, {e['facts']} facts)", "", "", _fmt_other(e, cores)))
    return rows


def _main_rss(r: dict[str, Any]) -> str:
    after = ", ".join(f"{k} {v:.0f}" for k, v in r.get("main_rss_after", {}).items())
    return f"peak {r['main_peak_mb']:.0f} MB (RSS after each stage, MB: {after})"


def national_table(results: dict[str, dict[str, Any]], units: int, unit_years: int,
                   jobs: int) -> list[tuple[str, str, str, str, str]]:
    """Rows (measure, figure, target, met, conditions) of the national run."""
    cores = os.cpu_count() or 1
    t = NATIONAL_TARGETS
    rows: list[tuple[str, str, str, str, str]] = []
    a, c, d, dc = (results.get(k) for k in ("a", "c", "d", "dc"))
    peaks = []
    if a:
        rows.append(_build_row(f"(a) full build, {units} units × 3 years ({unit_years} articles), DOCX+PDF, "
                               f"default kinds, -j {jobs}", a, cores))
        rows.append(("(a) peak RSS per worker", f"max {a['rss_max_mb']:.0f} MB, median {a['rss_median_mb'] or 0:.0f} MB "
                     f"({a['workers_seen']} worker processes)", "", "", ""))
    if a and c and not a.get("deadlock"):
        share = c["seconds"] / a["seconds"]
        rows.append(("(c) no-op rebuild / full build",
                     f"{c['seconds']:.1f} s / {a['seconds']:.1f} s = {share:.1%} ({c['unchanged']} unchanged, "
                     f"{c['written']} written; {_stages(c)})",
                     f"≤ {t['noop']:.0%} (issue 7's)", _yes(share <= t["noop"]), _fmt_other(c, cores)))
    for key, label in (("d", "(d) `build --kind so-sanh` of all the articles"),
                       ("dc", "(dc) `build --kind so-sanh` of the commune articles only")):
        r = results.get(key)
        if not r:
            continue
        what = ", ".join(r.get("comparisons", [])[:2])
        rows.append((f"{label} (DOCX+PDF, -j {jobs})",
                     f"{r['phase_wall']:.1f} s as a command ({r['seconds']:.1f} s in build: {_stages(r)}); {what}"
                     + (f"; FAILED: {'; '.join(r['failures'])[:300]}" if r["failures"] else ""),
                     f"≤ {t['compare_s']:.0f} s", _yes(r["phase_wall"] <= t["compare_s"] and not r["failures"]),
                     _fmt_other(r, cores)))
    for key, label in (("a", "(a)"), ("c", "(c)"), ("d", "(d)"), ("dc", "(dc)")):
        r = results.get(key)
        if r and "main_peak_mb" in r:
            peaks.append(r["main_peak_mb"])
            rows.append((f"{label} peak RSS of the main process", _main_rss(r), f"≤ {t['main_rss_mb']:.0f} MB",
                         _yes(r["main_peak_mb"] <= t["main_rss_mb"]), ""))
    return rows


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def main(argv: list[str] | None = None) -> None:
    """Command line: the driver, or one `--phase` (internal)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reportgen-bench"))
    parser.add_argument("--only", default=",".join(PHASES),
                        help=f"comma-separated measurements among {', '.join(PHASES)} (a2 = PDF-only build); "
                             "b, c and d need a's output")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run (a), (b), (a') and (d) this many times (a and b alternating); keep the fastest")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--national", action="store_true",
                        help="the 2025 map (synth.py --national): 34 provinces and 3,321 communes × 3 years; "
                             f"measurements {','.join(NATIONAL_PHASES)} unless --only says")
    parser.add_argument("--limit", type=int, help="with --national: this many units only")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.national and args.work == Path("/tmp/reportgen-bench"):
        args.work = Path("/tmp/reportgen-bench-national")
    if args.phase:
        print(json.dumps(globals()[f"phase_{args.phase}"](args.work, args.jobs)))
        return

    from synth import write_national, write_sources

    src = args.work / "src"
    if args.national:
        written, chosen = write_national(src, args.limit)
        keep = {p.name for p in written}
        args.units = len({u.key for u in chosen})
        unit_years = len(chosen)
        if args.only == ",".join(PHASES):
            args.only = ",".join(NATIONAL_PHASES)
    else:
        keep = {p.name for p in write_sources(src, args.units)}
    for old in src.glob("*.txt"):  # another set earlier: drop the articles that are not in this one
        if old.name not in keep:
            old.unlink()
    wanted = [p.strip() for p in args.only.split(",") if p.strip()]
    results: dict[str, dict[str, Any]] = {}
    runs: dict[str, list[float]] = {}
    started = datetime.now().astimezone()
    # The machine is shared and its speed drifts by ±15 % within minutes: with --repeat, (a) and
    # (b) alternate, and each timed measurement keeps its fastest run (all runs are printed).
    order = (["e"] + ["a", "b"] * args.repeat + ["c"] + ["a2"] * args.repeat + ["d"] * args.repeat
             + ["dc"] * args.repeat)
    for name in order:
        if name in wanted:
            print(f"[{datetime.now():%H:%M:%S}] phase {name} (load {os.getloadavg()[0]:.2f}) ...", file=sys.stderr,
                  flush=True)
            result = run_phase(name, args.work, args.jobs)
            key = "phase_wall" if name in ("d", "dc") else "seconds"
            runs.setdefault(name, []).append(result[key])
            if name not in results or result[key] < results[name][key]:
                results[name] = result
            if results[name].get("deadlock"):
                r = results[name]
                print(f"phase {name}: DEADLOCK after {r['written']}/{r['total']} documents "
                      f"({r['seconds']:.0f} s, no worker left)", file=sys.stderr, flush=True)
                if name == "a":  # b, c, d and dc need a's output
                    wanted = [w for w in wanted if w in ("e", "a2")]
            else:
                print(f"phase {name}: {result.get('seconds', 0):.1f} s, {result.get('written', 0)} written, "
                      f"{result.get('unchanged', 0)} unchanged, main peak {result.get('main_peak_mb', 0):.0f} MB",
                      file=sys.stderr, flush=True)
    machine = (f"{platform.node()}: {os.cpu_count()} cores ({_cpu_model()}), "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1e9:.0f} GB, "
               f"Python {platform.python_version()}, {_versions()}")
    command = "python3 bench/bench_build.py " + " ".join(sys.argv[1:] if argv is None else argv)
    print(f"date: {started:%Y-%m-%d %H:%M %Z}; machine: {machine}")
    print(f"command: {command}")
    if args.repeat > 1:
        print("runs (s): " + "; ".join(f"{k}: " + ", ".join(f"{v:.1f}" for v in vs) for k, vs in runs.items()))
    rows = (national_table(results, args.units, unit_years, args.jobs) if args.national
            else table(results, args.units, args.jobs))
    if args.markdown:
        print("| measure | figure | target | met | conditions |\n|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in rows:
            print(f"{row[0]}\n    {row[1]}" + (f"   [target {row[2]}: {row[3]}]" if row[2] else "")
                  + (f"\n    ({row[4]})" if row[4] else ""))
    if args.json:
        args.json.write_text(json.dumps({"date": started.isoformat(), "machine": machine, "command": command,
                                         "results": results, "runs": runs}, indent=1, ensure_ascii=False), encoding="utf-8")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("weasyprint", "python-docx", "matplotlib"))


if __name__ == "__main__":
    main()
