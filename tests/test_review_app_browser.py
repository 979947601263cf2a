"""The review app in a real browser, on the seeds: filter, accept every fact of confidence ≥ 0,8,
correct a year with the keyboard, add a missed fact by selecting its text, undo, reload (the
decisions are still there), build (the documents show them); a hostile source shows as text.

Needs Playwright and Debian's Chromium (`scripts/install.sh` installs both); skipped otherwise.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportgen.check import check
from reportgen.cli import main
from reportgen.pipeline import prepare
from reportgen.review.serve import open_review, running
from reportgen.store.reviewdb import ReviewStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE = ("Huyện ủy Mường Lát tổng kết năm 2020\n02/01/2021\n\n<script>alert('x')</script>"
           "<img src=x onerror=\"alert(1)\"> Năm 2020, toàn huyện kết nạp 120 đảng viên mới, nâng tổng số đảng viên "
           "của Đảng bộ huyện lên 4.560 đồng chí.\n")
#: Facts the test makes doubtful (the extractor gives the seeds' facts full confidence).
DOUBTFUL = {("thuong-tin", "training_classes", 77), ("thuong-tin", "disciplined_members", 44),
            ("vinh-tuong", "members_total", 9600)}


def _doubtful(extraction):
    """The extraction with only the facts of DOUBTFUL doubtful (whatever the extractor thinks)."""
    stem = Path(extraction.source.path).stem.rsplit("-", 1)[0]
    return replace(extraction, facts=tuple(
        replace(f, confidence=0.6 if (stem, f.metric, f.value) in DOUBTFUL else 0.95) for f in extraction.facts))


def _docx_text(path: Path) -> list[list[str]]:
    d = docx.Document(str(path))
    rows = [[unicodedata.normalize("NFC", c.text) for c in r.cells] for t in d.tables for r in t.rows]
    return rows + [[unicodedata.normalize("NFC", p.text)] for p in d.paragraphs]


def _select(page, needle: str) -> None:
    """Select `needle` in the source text as a person dragging the mouse would, then release."""
    page.evaluate("""(needle) => {
        const box = document.getElementById("text");
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(needle);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
            return;
        }
        throw new Error("not in the text: " + needle);
    }""", needle)


def _wait_total(page, n: int) -> None:
    """Until the list says it holds n facts."""
    page.wait_for_function(f"document.querySelector('#total').textContent.startsWith('{n} ')")


def _card(page, metric: str, value: str):
    return page.locator(".fact").filter(has=page.locator(".metric", has_text=re.compile("^" + metric + "$"))) \
        .filter(has=page.locator(".value", has_text=value)).first


def test_review_app_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "seeds" / "muong-lat-2020.txt").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    extractions, _, _ = prepare(["seeds"])
    extractions = [_doubtful(e) for e in extractions]
    count = {Path(e.source.path).stem.rsplit("-", 1)[0]: len(e.facts) for e in extractions}
    accepted = count["thuong-tin"] - 2  # all but its two doubtful facts
    decided = accepted + 3  # and a corrected year, a rejection, an added fact
    store = ReviewStore(tmp_path / "reportgen.db")
    open_review(store, extractions, check(extractions))
    dialogs: list[str] = []
    with running(store, "Lan") as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # the app's CSP forbids eval, which Playwright's waits use; the page must be safe without it
        page = browser.new_page(viewport={"width": 1024, "height": 768}, bypass_csp=True)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.wait_for_selector(".fact")
        # doubtful facts come first, and no metric id is shown anywhere
        assert page.locator(".fact").first.get_attribute("class").count("doubtful") == 1
        assert page.locator(".fact.doubtful").count() == 3
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", page.locator("body").inner_text())
        assert page.evaluate("document.documentElement.scrollWidth") <= 1024  # usable at 1024 px

        # filter to Thường Tín, then accept every fact there with confidence ≥ 0,8
        unit = page.locator("#filters select[name=unit] option", has_text="huyện Thường Tín").get_attribute("value")
        page.select_option("#filters select[name=unit]", unit)
        _wait_total(page, count["thuong-tin"])
        page.click("#accept-all")
        page.wait_for_selector(f"#status:has-text('Đã chấp nhận {accepted} số liệu')")
        assert page.locator(".fact .state", has_text="đã chấp nhận").count() == accepted
        assert page.locator(".fact.doubtful .state", has_text="chưa rà soát").count() == 2

        # correct the year of a doubtful fact with the keyboard: the first card, E, type, Enter
        _card(page, "Lớp bồi dưỡng lý luận chính trị, nghiệp vụ", "77").click()
        page.keyboard.press("e")
        page.wait_for_selector("#editor:not([hidden])")
        page.fill("#edit-form input[name=year]", "2018")
        page.keyboard.press("Enter")
        page.wait_for_selector(".fact .state:has-text('đã sửa: năm 2018')")
        # reject the other doubtful one with X, undo it with Z, reject it again
        _card(page, "Đảng viên bị thi hành kỷ luật", "44").click()
        page.keyboard.press("x")
        page.wait_for_selector(".fact.s-reject")
        page.keyboard.press("z")
        page.wait_for_selector("#status:has-text('Đã hoàn tác')")
        assert page.locator(".fact.s-reject").count() == 0
        _card(page, "Đảng viên bị thi hành kỷ luật", "44").locator("button[data-act=reject]").click()
        page.wait_for_selector(".fact.s-reject")

        # add a fact the extractor missed: select its words in Thanh Trì's text
        page.click("#clear-filters")
        page.locator("#source-list li", has_text="huyện Thanh Trì").click()
        _wait_total(page, count["thanh-tri"])
        page.locator(".fact").first.click()
        page.wait_for_selector("#source-title:has-text('Thanh Trì')")
        _select(page, "kết nạp mới 85 đảng viên")
        page.click("#add-from-selection")
        page.wait_for_selector("#editor:not([hidden])")
        assert page.input_value("#edit-form input[name=value]") == "85"
        page.fill("#edit-form input[name=year]", "2018")  # Thanh Trì's figures state no year
        page.select_option("#edit-form select[name=metric]", label="Kết nạp đảng viên mới")
        page.click("#save")
        page.wait_for_selector("#status:has-text('Đã thêm số liệu')")
        assert page.locator("#text mark.s-add", has_text="kết nạp mới 85 đảng viên").count() == 1

        # the hostile source: its markup is text, nothing runs
        page.click("#clear-filters")
        page.locator("#source-list li", has_text="huyện Mường Lát").click()
        _wait_total(page, count["muong-lat"])
        page.locator(".fact").first.click()
        page.wait_for_selector("#source-title:has-text('Mường Lát')")
        assert "<script>alert('x')</script><img src=x onerror=" in page.locator("#text").inner_text()
        assert page.locator("#text img, #text script").count() == 0

        # reload: every decision is still there
        page.reload()
        page.wait_for_selector(".fact")
        page.select_option("#filters select[name=state]", "decided")
        _wait_total(page, decided)
        assert f"Đã rà soát {decided}/" in page.locator("#progress-text").inner_text()
        page.select_option("#filters select[name=state]", "add")
        page.wait_for_selector(".fact .metric:has-text('Kết nạp đảng viên mới')")
        page.screenshot(path=str(tmp_path / "app.png"))
        browser.close()
    assert dialogs == []
    store.close()

    # build from the same sources: the documents show the decisions
    result = CliRunner().invoke(main, ["build", "--kind", "tom-tat", "--format", "docx", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert f"áp dụng {decided} quyết định của người rà soát" in result.output
    # the figure moved to 2018 is in the unit's 2018 document, marked as corrected
    moved = _docx_text(tmp_path / "output" / "huyen-thuong-tin-2018.docx")
    assert any(r[1:4] == ["Lớp bồi dưỡng lý luận chính trị, nghiệp vụ", r[2], "2018"]
               and re.fullmatch(r"77\(\*+\)", r[2]) for r in moved if len(r) == 5)
    thuong_tin = _docx_text(tmp_path / "output" / "huyen-thuong-tin-2019.docx")
    assert not any(r[1] == "Lớp bồi dưỡng lý luận chính trị, nghiệp vụ" and r[2].startswith("77")
                   for r in thuong_tin if len(r) == 5)
    assert not any("Đảng viên bị thi hành kỷ luật" in " ".join(r) for r in thuong_tin)
    thanh_tri = _docx_text(tmp_path / "output" / "huyen-thanh-tri-2018.docx")
    assert any(r[1] == "Kết nạp đảng viên mới" and re.fullmatch(r"85\(\*+\)", r[2]) and r[3] == "2018"
               for r in thanh_tri if len(r) == 5)
