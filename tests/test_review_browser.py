"""The one-file review page in a real browser: reject one fact, correct another, download the
decisions, import them into the review database, rebuild, and find the change in the DOCX and PDF.

Needs Playwright and Debian's Chromium (`scripts/install.sh` installs both); skipped otherwise.
"""
from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner

from reportgen.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    else:
        parts = [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]
    return unicodedata.normalize("NFC", " ".join(" ".join(parts).split()))


def _row(page, metric: str, value: str):
    return page.locator("tr[data-id]").filter(has_text=metric).filter(has_text=value).first


def test_review_reject_correct_download_rebuild(tmp_path: Path) -> None:
    source = tmp_path / "thuong-tin-2019.txt"
    shutil.copy(SEEDS / "thuong-tin-2019.txt", source)
    page_path = tmp_path / "review.html"
    runner = CliRunner()
    db = str(tmp_path / "reportgen.db")
    result = runner.invoke(main, ["review", str(source), "--static", "-o", str(page_path), "--db", db])
    assert result.exit_code == 0, result.output

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(accept_downloads=True)
        page.goto(page_path.as_uri())
        mark = page.locator("mark.fact").filter(has_text="9.240").first
        assert mark.get_attribute("title").startswith("Tổng số đảng viên: 9.240")
        assert "members_total" not in page.locator("body").inner_text()  # no metric ids shown
        _row(page, "Đảng viên bị thi hành kỷ luật", "44").locator("input[value=reject]").check()
        _row(page, "Tổng số đảng viên", "9.240").locator("input.corrected").fill("9.250")
        assert _row(page, "Tổng số đảng viên", "9.240").locator("input[value=correct]").is_checked()
        page.fill("#reviewer", "Lan")
        with page.expect_download() as download:
            page.click("#download")
        corrections = tmp_path / "corrections.json"
        download.value.save_as(corrections)
        browser.close()

    decisions = json.loads(corrections.read_text(encoding="utf-8"))["corrections"]
    assert {(d["metric"], d["action"]) for d in decisions} == {("disciplined_members", "reject"),
                                                               ("members_total", "correct")}
    result = runner.invoke(main, ["corrections", "import", str(corrections), "--db", db])
    assert result.exit_code == 0 and "Đã ghi nhận 2 quyết định" in result.output, result.output
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(source), "-o", str(out), "--db", db, "--kind", "tom-tat"])
    assert result.exit_code == 0, result.output
    assert "áp dụng 2 quyết định của người rà soát" in result.output
    for suffix in (".docx", ".pdf"):
        [doc] = list(out.glob(f"*{suffix}"))
        text = _text(doc)
        assert "9.250" in text and "đã hiệu chỉnh khi rà soát" in text, suffix
        assert "9.240" not in text, suffix
        assert "44 đảng viên" not in text, suffix
