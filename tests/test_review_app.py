"""The review app over HTTP, without a browser (Starlette's test client): the token and the host
guard every request, bodies are limited, source text is data, decisions are saved at once and
listed doubtful facts first, a page at a time."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("httpx2", reason="Starlette's test client needs httpx2 (the test extra)")
from starlette.testclient import TestClient  # noqa: E402

from reportgen.check import check  # noqa: E402
from reportgen.model import Finding  # noqa: E402
from reportgen.pipeline import prepare  # noqa: E402
from reportgen.review.app import TOKEN_HEADER, UPLOAD_LIMIT, create_app  # noqa: E402
from reportgen.review.serve import open_review  # noqa: E402
from reportgen.store.reviewdb import ReviewStore  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = "s3cret-token"
HOSTILE = ("Huyện ủy Mường Lát tổng kết năm 2020\n02/01/2021\n\n<script>alert('x')</script>"
           "<img src=x onerror=\"alert(1)\"> Năm 2020, toàn huyện kết nạp 120 đảng viên mới, nâng tổng số đảng viên "
           "của Đảng bộ huyện lên 4.560 đồng chí.\n")


@pytest.fixture()
def app(tmp_path: Path):
    sources = tmp_path / "src"
    sources.mkdir()
    for p in SEEDS.glob("*.txt"):
        (sources / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (sources / "muong-lat-2020.txt").write_text(HOSTILE, encoding="utf-8")
    extractions, _, _ = prepare([str(sources)])
    # the extractor's confidence: every third fact doubtful
    extractions = [replace(e, facts=tuple(replace(f, confidence=0.5 if i % 3 == 0 else 0.95)
                                          for i, f in enumerate(e.facts))) for e in extractions]
    store = ReviewStore(tmp_path / "r.db")
    # and a finding about one fact of Thường Tín, as the checks word them
    e = next(e for e in extractions if "thuong-tin" in e.source.path)
    quoted = next(f for f in e.facts if f.metric == "members_total").evidence
    finding = Finding("warning", "order", "tổng số nhỏ hơn một phần", e.source.path,
                      e.source.line_of(quoted.start), quoted.text)
    open_review(store, extractions, [*check(extractions), finding])
    client = TestClient(create_app(store, TOKEN, "Lan", lambda path: None), base_url="http://127.0.0.1:8000")
    client.headers[TOKEN_HEADER] = TOKEN
    client.store = store  # type: ignore[attr-defined]
    client.sources = sources  # type: ignore[attr-defined]
    return client


def test_every_request_needs_the_token(app) -> None:
    bare = TestClient(app.app, base_url="http://127.0.0.1:8000")
    assert bare.get("/").status_code == 403
    assert bare.get("/?t=wrong").status_code == 403
    assert bare.get(f"/?t={TOKEN}").status_code == 200
    for method, path in (("get", "/api/overview"), ("get", "/api/facts"), ("post", "/api/undo"),
                         ("post", "/api/decide"), ("post", "/api/accept-all"), ("post", "/api/import?name=a.json")):
        assert getattr(bare, method)(path).status_code == 403, path
        assert getattr(bare, method)(path, headers={TOKEN_HEADER: "nope"}).status_code == 403, path
    assert app.store.history() == []


def test_only_loopback_host_names(app) -> None:
    evil = TestClient(app.app, base_url="http://evil.example:8000")
    evil.headers[TOKEN_HEADER] = TOKEN
    assert evil.get("/api/overview").status_code == 400  # a rebound DNS name is refused
    assert TestClient(app.app, base_url="http://localhost:8000").get(f"/?t={TOKEN}").status_code == 200


def test_source_text_is_data_and_pages_are_locked_down(app) -> None:
    page = app.get(f"/?t={TOKEN}")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text.replace('<script src="/static/app.js" defer></script>', "")
    path = str(app.sources / "muong-lat-2020.txt")
    data = app.get("/api/source", params={"path": path}).json()
    assert "<script>alert('x')</script>" in data["text"]  # as text, for the page to set as text
    script = app.get("/static/app.js").text
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "textContent" in script
    assert app.get("/static/../app.py").status_code == 404


def test_bodies_and_uploads_are_limited(app) -> None:
    big = json.dumps({"fact_id": "x", "note": "a" * 100_000})
    assert app.post("/api/decide", content=big, headers={"content-type": "application/json"}).status_code == 413
    huge = b"[" + b" " * (UPLOAD_LIMIT + 10) + b"]"
    assert app.post("/api/import?name=c.json", content=huge).status_code == 413
    assert app.post("/api/import?name=c.exe", content=b"{}").status_code == 400
    assert app.store.history() == []


def test_doubtful_first_filters_and_pages(app) -> None:
    overview = app.get("/api/overview").json()
    assert len(overview["sources"]) == 6 and overview["reviewer"] == "Lan"
    assert all(m["text"] and "_" not in m["text"] for m in overview["choices"]["metrics"])
    total = overview["progress"]["facts"]
    first = app.get("/api/facts", params={"size": 20}).json()
    assert first["total"] == total and len(first["facts"]) == 20
    doubtful = overview["progress"]["doubtful"]
    everything = [f for page in range(1, total // 20 + 2)
                  for f in app.get("/api/facts", params={"size": 20, "page": page}).json()["facts"]]
    assert len(everything) == total == len({f["id"] for f in everything})
    assert [f["doubtful"] for f in everything] == [True] * doubtful + [False] * (total - doubtful)
    unit = next(u for u in overview["choices"]["units"] if "Thường Tín" in u["text"])
    mine = app.get("/api/facts", params={"unit": unit["value"], "confidence": "high"}).json()
    assert mine["total"] and all(f["unit_text"] == "huyện Thường Tín" and not f["doubtful"] for f in mine["facts"])
    warned = app.get("/api/facts", params={"finding": "yes"}).json()
    assert warned["total"] == 1 and warned["facts"][0]["metric_name"] == "Tổng số đảng viên"
    assert app.get("/api/facts", params={"finding": "no"}).json()["total"] == total - 1


def test_decisions_are_saved_at_once_and_undone(app) -> None:
    unit = next(u for u in app.get("/api/overview").json()["choices"]["units"] if "Thường Tín" in u["text"])
    filters = {"unit": unit["value"]}
    listed = app.get("/api/facts", params=filters).json()
    result = app.post("/api/accept-all", json={"filters": filters, "min_confidence": "0,8"}).json()
    high = [f for f in listed["facts"] if f["confidence"] >= 0.8]
    assert result["accepted"] == len(high) > 0
    states = {f["id"]: f["state"] for f in app.get("/api/facts", params=filters).json()["facts"]}
    assert all(states[f["id"]] == ("accept" if f["confidence"] >= 0.8 else "") for f in listed["facts"])
    low = next(f for f in listed["facts"] if f["doubtful"])
    fixed = app.post("/api/decide", json={"fact_id": low["id"], "action": "correct", "value": "1.234",
                                          "year": low["year"], "metric": low["metric"]}).json()["fact"]
    assert fixed["state"] == "correct" and "1.234" in fixed["change_text"]
    bad = app.post("/api/decide", json={"fact_id": low["id"], "action": "correct", "value": "nhiều"})
    assert bad.status_code == 400 and "Giá trị không hợp lệ" in bad.json()["error"]
    assert app.post("/api/undo").json()["restored"] == 1  # the correction
    assert app.post("/api/undo").json()["restored"] == len(high)  # the accept-all
    assert app.store.current() == [] and len(app.store.history()) == 2 * (len(high) + 1)


def test_a_missed_fact_is_added_from_a_span(app) -> None:
    path = str(app.sources / "thanh-tri-2018.txt")
    text = app.get("/api/source", params={"path": path}).json()["text"]
    start = text.index("kết nạp mới 85 đảng viên")
    span = {"source": path, "start": start, "end": start + 24, "text": text[start:start + 24]}
    wrong = app.post("/api/add", json={**span, "text": "khác", "metric": "members_admitted", "value": "85"})
    assert wrong.status_code == 400
    added = app.post("/api/add", json={**span, "metric": "members_admitted", "value": "85", "year": "2018"}).json()
    fact = added["fact"]
    assert (fact["state"], fact["metric_name"], fact["value"], fact["evidence"]) == (
        "add", "Kết nạp đảng viên mới", 85, "kết nạp mới 85 đảng viên")
    source = app.get("/api/source", params={"path": path}).json()
    assert any(f["id"] == fact["id"] and f["start"] == start for f in source["facts"])
    # rejecting an added fact removes it
    app.post("/api/decide", json={"fact_id": fact["id"], "action": "reject"})
    assert not any(f["id"] == fact["id"] for f in app.get("/api/source", params={"path": path}).json()["facts"])


def test_upload_of_a_decisions_file(app, tmp_path: Path) -> None:
    fact = app.get("/api/facts").json()["facts"][0]
    body = {"corrections": [{"fact_id": fact["id"], "source": fact["source"], "sha256": fact["sha256"],
                             "metric": fact["metric"], "value": fact["value"], "year": fact["year"],
                             "action": "reject"}]}
    result = app.post("/api/import?name=corrections.json", content=json.dumps(body).encode()).json()
    assert result == {"recorded": 1, "unchanged": 0, "problems": []}
    assert app.get("/api/facts", params={"state": "reject"}).json()["total"] == 1


def test_the_command_serves_on_loopback_with_a_fresh_token(tmp_path: Path) -> None:
    import os
    import re
    import subprocess
    import sys
    import urllib.request

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    urls = []
    for _ in range(2):
        proc = subprocess.Popen([sys.executable, "-m", "reportgen", "review", str(SEEDS / "tan-hong-2022.txt"),
                                 "--no-browser", "--db", str(tmp_path / "r.db"), "--reviewer", "Lan"],
                                cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            match = re.match(r"Ứng dụng rà soát tại (http://127\.0\.0\.1:(\d+)/\?t=(\S+)) ", line)
            assert match, line + proc.stderr.read() if proc.poll() is not None else line
            urls.append(match.group(1))
            with urllib.request.urlopen(match.group(1), timeout=10) as response:
                assert response.status == 200 and b"/static/app.js" in response.read()
            request = urllib.request.Request(f"http://127.0.0.1:{match.group(2)}/api/overview",
                                             headers={TOKEN_HEADER: match.group(3)})
            with urllib.request.urlopen(request, timeout=10) as response:
                overview = json.loads(response.read())
            assert overview["reviewer"] == "Lan" and len(overview["sources"]) == 1
        finally:
            proc.terminate()
            proc.wait(10)
    assert urls[0] != urls[1]  # a new token (and port) each time


def test_a_decision_made_before_the_source_changed_asks_for_review_again(app) -> None:
    path = app.sources / "thuong-tin-2019.txt"
    fact = next(f for f in app.get("/api/facts", params={"source": str(path)}).json()["facts"]
                if f["metric_name"] == "Tổng số đảng viên")
    app.post("/api/decide", json={"fact_id": fact["id"], "action": "reject"})
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    extractions, _, _ = prepare([str(path)])
    open_review(app.store, extractions, [])
    from reportgen.store.queries import use_paths

    use_paths(app.store, [str(p) for p in sorted(app.sources.glob("*.txt"))])
    stale = app.get("/api/facts", params={"state": "stale"}).json()
    assert stale["total"] == 1 and stale["facts"][0]["metric_name"] == "Tổng số đảng viên"
    assert stale["facts"][0]["id"] != fact["id"] and stale["facts"][0]["state_text"].startswith("cần rà soát lại")
    source = app.get("/api/source", params={"path": str(path)}).json()
    assert source["stale"] == [{"metric": "members_total", "value": 9240, "year": 2019, "action": "reject"}]
    summary = next(s for s in app.get("/api/overview").json()["sources"] if s["path"] == str(path))
    assert summary["stale"] == 1 and summary["reviewed"] == 0


def test_the_static_page_escapes_source_text(tmp_path: Path) -> None:
    from reportgen.review import review_page

    (tmp_path / "a.txt").write_text(HOSTILE, encoding="utf-8")
    extractions, _, _ = prepare([str(tmp_path / "a.txt")])
    html = review_page(extractions, [])
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=" in html
    assert "<img" not in html and "<script>alert" not in html
