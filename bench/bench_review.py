"""Benchmark: the review app with many sources (default 500 synthetic articles, `bench/synth.py`).

Measures, on this machine, over loopback only:

- preparing the review: extraction (through the facts cache), checks, writing the review database;
- the first page: the HTML, the script, the overview (sources, counts, filter lists) and the first page
  of facts, each request and all four together;
- each filter (unit, province, metric, confidence, findings, decision state, one source) and paging;
- the same after "accept all" has recorded a decision on most facts;
- in Chromium (when Playwright and /usr/bin/chromium are there): from navigation to the first facts
  shown, and from choosing a filter to the list redrawn.

    python3 bench/bench_review.py [--sources 500] [--repeat 7]

Prints figures (median and worst of the repeats); it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synth import write_sources  # noqa: E402
from reportgen.check import check  # noqa: E402
from reportgen.pipeline import load_extractions  # noqa: E402
from reportgen.review.app import TOKEN_HEADER  # noqa: E402
from reportgen.review.serve import open_review, running  # noqa: E402
from reportgen.store.facts import FactStore  # noqa: E402
from reportgen.store.reviewdb import ReviewStore  # noqa: E402


def _get(url: str, token: str, path: str, data: dict | None = None) -> tuple[float, bytes]:
    request = urllib.request.Request(urllib.parse.urljoin(url, path), headers={TOKEN_HEADER: token},
                                     data=json.dumps(data).encode() if data is not None else None)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return time.perf_counter() - start, body


def _timed(label: str, runs: list[float]) -> None:
    print(f"  {label:<44} median {1000 * statistics.median(runs):7.1f} ms   worst {1000 * max(runs):7.1f} ms")


def _http(url: str, token: str, repeat: int) -> None:
    page = urllib.parse.urlsplit(url)
    home = f"{page.path}?{page.query}"
    first: list[float] = []
    parts: dict[str, list[float]] = {"/": [], "/static/app.js": [], "/api/overview": [], "/api/facts?page=1": []}
    for _ in range(repeat):
        total = 0.0
        for path in parts:
            seconds, _ = _get(url, token, home if path == "/" else path)
            parts[path].append(seconds)
            total += seconds
        first.append(total)
    for path, runs in parts.items():
        _timed(f"GET {path}", runs)
    _timed("first page (all four, one after another)", first)
    _, body = _get(url, token, "/api/overview")
    overview = json.loads(body)
    choices = overview["choices"]
    print(f"  ({len(overview['sources'])} sources, {overview['progress']['facts']} facts, "
          f"{overview['progress']['reviewed']} reviewed; overview {len(body) // 1024} KB)")
    filters = {
        "unit": choices["units"][len(choices["units"]) // 2]["value"],
        "province": choices["provinces"][len(choices["provinces"]) // 2],
        "metric": "members_total", "confidence": "low", "finding": "yes", "state": "undecided",
        "source": overview["sources"][len(overview["sources"]) // 3]["path"],
    }
    for name, value in filters.items():
        runs = [_get(url, token, "/api/facts?" + urllib.parse.urlencode({name: value}))[0] for _ in range(repeat)]
        _timed(f"filter {name}", runs)
    runs = [_get(url, token, "/api/facts?page=40&size=50")[0] for _ in range(repeat)]
    _timed("page 40 of 50 facts", runs)
    path = overview["sources"][0]["path"]
    runs = [_get(url, token, "/api/source?" + urllib.parse.urlencode({"path": path}))[0] for _ in range(repeat)]
    _timed("a source's text with its facts", runs)


def _browser(url: str, repeat: int) -> None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print("  (no Playwright or Chromium: browser timings skipped)")
        return
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    shown, filtered = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1024, "height": 768}, bypass_csp=True)
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(".fact")
            page.wait_for_function("document.querySelector('#source-title').textContent.indexOf('Chọn') < 0")
            shown.append(time.perf_counter() - start)
            option = page.locator("#filters select[name=metric] option").nth(2).get_attribute("value")
            before = page.locator("#total").inner_text()
            start = time.perf_counter()
            page.select_option("#filters select[name=metric]", option)
            page.wait_for_function(f"document.querySelector('#total').textContent !== {json.dumps(before)}")
            filtered.append(time.perf_counter() - start)
            page.close()
        browser.close()
    _timed("browser: navigation to facts and source shown", shown)
    _timed("browser: metric filter to list redrawn", filtered)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()} on {platform.machine()}, {args.sources} synthetic sources")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "src"
        paths = [str(p) for p in write_sources(folder, args.sources)]
        cache = FactStore(Path(tmp) / "facts")
        for label in ("first (extracting)", "again (facts cached)"):
            start = time.perf_counter()
            extractions, _ = load_extractions(paths, cache)
            findings = check(extractions)
            store = ReviewStore(Path(tmp) / "reportgen.db")
            open_review(store, extractions, findings)
            print(f"prepare the review, {label}: {time.perf_counter() - start:.2f} s "
                  f"({sum(len(e.facts) for e in extractions)} facts, {len(findings)} findings)")
        with running(store, "bench") as url:
            token = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["t"][0]
            print("no decisions yet:")
            _http(url, token, args.repeat)
            _browser(url, max(3, args.repeat // 2))
            seconds, body = _get(url, token, "/api/accept-all", {"filters": {"confidence": "high"},
                                                                  "min_confidence": 0.8})
            print(f"accept all ≥ 0,8: {json.loads(body)['accepted']} decisions in {seconds:.2f} s")
            print("after that:")
            _http(url, token, args.repeat)
        store.close()


if __name__ == "__main__":
    main()
