"""The spreadsheet round trip (facts export -> filled in -> corrections import -> build), the XLSX
and CSV as Excel opens them, the static page's downloads and old corrections files imported
(duplicates merged, conflicts reported), and every decision exported and imported back."""
from __future__ import annotations

import csv
import json
import re
import shutil
import unicodedata
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.pipeline import prepare
from reportgen.store.export import COLUMNS, read_facts, write_facts
from reportgen.store.decisions import fact_ids
from reportgen.store.reviewdb import ReviewStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEADER = ["Mã", "Đơn vị", "Tỉnh", "Chỉ tiêu", "Năm", "Giá trị", "Độ tin cậy", "Nguồn", "Trích dẫn", "Quyết định",
          "Giá trị sửa", "Năm sửa", "Ghi chú"]


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of seeds/, made the current folder."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    else:
        parts = [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]
    return unicodedata.normalize("NFC", " ".join(" ".join(parts).split()))


def _csv_rows(path: Path, delimiter: str = ";") -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=delimiter))


def test_csv_correction_reaches_the_documents(work: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["facts", "export", "--format", "csv", "-o", "facts.csv"])
    assert result.exit_code == 0, result.output
    rows = _csv_rows(work / "facts.csv")
    assert rows[0] == HEADER
    [row] = [r for r in rows if r[1] == "huyện Thường Tín" and r[3] == "Tổng số đảng viên"]
    assert row[5] == "9240" and row[4] == "2019" and "9.240" in row[8]
    row[9], row[10] = "sửa", "9250"
    with (work / "facts.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    result = runner.invoke(main, ["corrections", "import", "facts.csv", "--reviewer", "Lan"])
    assert result.exit_code == 0, result.output
    assert "Đã ghi nhận 1 quyết định" in result.output
    result = runner.invoke(main, ["build", "--kind", "tom-tat", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "áp dụng 1 quyết định của người rà soát" in result.stdout.splitlines()
    for suffix in (".docx", ".pdf"):
        text = _text(work / "output" / f"huyen-thuong-tin-2019{suffix}")
        assert "9.250(*)" in text.replace(" (*)", "(*)"), suffix
        assert "(*) Tổng số đảng viên 9.250: số liệu đã hiệu chỉnh khi rà soát" in text, suffix
        assert "9.240" not in text, suffix
    # the decision is kept with who made it
    [decision] = ReviewStore(work / "reportgen.db").current()
    assert (decision.action, decision.change.value, decision.reviewer) == ("correct", 9250, "Lan")


def test_xlsx_opens_right_and_comes_back(work: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["facts", "export", "--format", "xlsx", "-o", "f.xlsx"]).exit_code == 0
    book = load_workbook(work / "f.xlsx")
    sheet = book.active
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:M")
    assert sheet.column_dimensions["I"].width >= 40 and all(c.font.bold for c in sheet[1])
    rows = {(r[1].value, r[3].value): r for r in sheet.iter_rows(min_row=2)}
    members = rows[("huyện Thường Tín", "Tổng số đảng viên")]
    assert members[5].value == 9240 and "#,##0" in members[5].number_format
    assert members[6].number_format == "0.0%" and 0 <= members[6].value <= 1
    pct = rows[("huyện Tân Hồng", "Kết nạp đạt so với chỉ tiêu")]
    assert pct[5].number_format == "0.0%" and pct[5].value < 5  # a fraction, shown as a percentage
    assert not any(re.fullmatch(r"[a-z_]+", str(r[3].value)) for r in sheet.iter_rows(min_row=2))  # no metric ids
    # a person fills in a year correction and a rejection, as in Excel
    members[9].value, members[11].value, members[12].value = "Sửa", 2020, "năm theo báo cáo"
    rows[("huyện Tân Hồng", "Kết nạp đạt so với chỉ tiêu")][9].value = "loại"
    book.save(work / "f.xlsx")
    result = runner.invoke(main, ["corrections", "import", "f.xlsx"])
    assert result.exit_code == 0, result.output
    decided = {d.metric: d for d in ReviewStore(work / "reportgen.db").current()}
    assert decided["members_total"].change.year == 2020 and decided["members_total"].note == "năm theo báo cáo"
    assert decided["admission_target_pct"].action == "reject"
    # exported again, the sheet shows the decisions made
    assert runner.invoke(main, ["facts", "export", "--format", "xlsx", "-o", "g.xlsx"]).exit_code == 0
    again = {(r.unit.name if r.unit else "", r.fact.metric): r for r in read_facts(work / "g.xlsx")}
    assert again[("Thường Tín", "members_total")].decision == "sửa"
    assert again[("Thường Tín", "members_total")].corrected_year == 2020
    assert again[("Tân Hồng", "admission_target_pct")].decision == "loại"
    # and importing that sheet records nothing new
    result = runner.invoke(main, ["corrections", "import", "g.xlsx"])
    assert "Đã ghi nhận 0 quyết định" in result.output and "2 đã có từ trước" in result.output


def test_percent_correction_typed_in_a_percent_cell(work: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["facts", "export", "--format", "xlsx", "-o", "f.xlsx"])
    book = load_workbook(work / "f.xlsx")
    [row] = [r for r in book.active.iter_rows(min_row=2) if r[3].value == "Kết nạp đạt so với chỉ tiêu"]
    row[9].value, row[10].value = "sửa", 1.125  # 112,5% typed in a cell formatted 0.0%
    book.save(work / "f.xlsx")
    assert runner.invoke(main, ["corrections", "import", "f.xlsx"]).exit_code == 0
    [d] = ReviewStore(work / "reportgen.db").current()
    assert d.change.value == 112.5


def test_csv_delimiter_and_bad_rows(work: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["facts", "export", "seeds/tan-hong-2022.txt", "--delimiter", ",",
                                "-o", "f.csv"]).exit_code == 0
    rows = _csv_rows(work / "f.csv", ",")
    assert rows[0] == HEADER and len(rows) > 10
    rows[1][9], rows[1][10] = "sửa", "mười"
    rows[2][9] = "có lẽ"
    rows[3][9], rows[3][0] = "loại", "FNOSUCHFACT"
    rows[4][9] = "chấp nhận"
    with (work / "f.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = runner.invoke(main, ["corrections", "import", "f.csv"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("reportgen: lỗi:")]
    assert len(errors) == 3 and all("f.csv: dòng " in line for line in errors)
    assert "Đã ghi nhận 1 quyết định" in result.stdout  # the good row is recorded all the same
    assert runner.invoke(main, ["facts", "export", "--delimiter", "ab"]).exit_code == 2


def test_static_page_downloads_and_old_files_merge_and_conflict(work: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["review", "--static", "-o", "review.html"])
    assert result.exit_code == 0, result.output
    html = (work / "review.html").read_text(encoding="utf-8")
    facts = json.loads(re.search(r'<script id="facts-data" type="application/json">(.*?)</script>', html,
                                 re.S).group(1).replace("<\\/", "</"))
    assert "members_total" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)  # no metric ids shown
    total = next(f for f in facts if f["metric"] == "members_total" and f["value"] == 9240)
    admitted = next(f for f in facts if f["metric"] == "members_admitted" and f["value"] == 273)
    female = next(f for f in facts if f["metric"] == "members_female")

    def download(name: str, *items: dict) -> Path:
        # what the page's button writes (see page.html.j2)
        body = {"version": 1, "generated_by": "reportgen review", "reviewer": "Lan", "corrections": [
            {"fact_id": f["id"], "source": f["source"], "sha256": f["sha256"], "metric": f["metric"],
             "value": f["value"], "year": f["year"], **extra} for f, extra in items]}
        (work / name).write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        return work / name

    first = download("corrections.json", (total, {"action": "correct", "corrected_value": 9250}),
                     (admitted, {"action": "reject"}))
    second = download("corrections (1).json", (total, {"action": "correct", "corrected_value": 9250}),
                      (admitted, {"action": "correct", "corrected_value": 275}), (female, {"action": "reject"}))
    old = work / "old.yaml"  # a corrections file of before, without fact ids
    old.write_text(f"corrections:\n  - {{source: {total['source']}, metric: disciplined_members, value: 44, "
                   f"year: 2019, action: reject}}\n", encoding="utf-8")
    result = runner.invoke(main, ["corrections", "import", str(first), str(second), str(old)])
    assert result.exit_code == 1  # the conflict is an error
    assert "Đã ghi nhận 3 quyết định từ 3 tệp; gộp 1 bản trùng" in result.stdout
    [conflict] = [line for line in result.stderr.splitlines() if "xung đột" in line]
    assert admitted["id"] in conflict and "corrections.json" in conflict and "corrections (1).json" in conflict
    decided = {(d.metric, d.action) for d in ReviewStore(work / "reportgen.db").current()}
    assert decided == {("members_total", "correct"), ("members_female", "reject"), ("disciplined_members", "reject")}
    assert all(d.reviewer == "Lan" for d in ReviewStore(work / "reportgen.db").current()
               if d.metric != "disciplined_members")
    # the page written again shows those decisions
    runner.invoke(main, ["review", "--static", "-o", "again.html"])
    again = (work / "again.html").read_text(encoding="utf-8")
    assert 'value="9.250"' in again


@pytest.mark.parametrize("fmt", ["json", "yaml", "csv", "xlsx"])
def test_every_decision_exported_and_imported_back(work: Path, fmt: str) -> None:
    [e], _, _ = prepare(["seeds/thuong-tin-2019.txt"])
    ids = fact_ids(e.source.sha256, e.facts)
    from reportgen.store.decisions import Change, Decision

    store = ReviewStore(work / "reportgen.db")
    store.sync([e])
    make = [Decision(ids[i], e.source.path, e.source.sha256, action, e.facts[i].metric, e.facts[i].value,
                     e.facts[i].year, change=change, note=note)
            for i, action, change, note in ((0, "accept", Change(), None), (1, "reject", Change(), "trùng"),
                                            (2, "correct", Change(value=31, year=2018), "theo văn bản"))]
    store.record(make, "Lan")
    store.record([make[0].__class__(**{**make[0].__dict__, "action": "reject"})], "Minh")
    result = CliRunner().invoke(main, ["corrections", "export", f"all.{fmt}"])
    assert result.exit_code == 0 and "4 quyết định" in result.output
    fresh = work / "fresh.db"
    result = CliRunner().invoke(main, ["corrections", "import", f"all.{fmt}", "--db", str(fresh)])
    assert result.exit_code == 0, result.output
    key = lambda d: (d.fact_id, d.action, d.change, d.note, d.reviewer)  # noqa: E731
    assert sorted(map(key, ReviewStore(fresh).current())) == sorted(map(key, store.current()))


def test_export_rows_are_the_facts(tmp_path: Path) -> None:
    extractions, _, _ = prepare([str(SEEDS)])
    for fmt in ("csv", "xlsx"):
        target = tmp_path / f"facts.{fmt}"
        count = write_facts(extractions, target, fmt)
        back = read_facts(target)
        expected = {fid: (e.source.path, e.unit, f) for e in extractions
                    for fid, f in zip(fact_ids(e.source.sha256, e.facts), e.facts)}
        assert count == len(expected) == len(back) and len(COLUMNS) == 13
        for row in back:
            source, unit, fact = expected[row.fact_id]
            assert (row.source, row.unit, row.fact.metric, row.fact.year) == (source, unit, fact.metric, fact.year)
            assert row.fact.value == pytest.approx(fact.value) and row.quote == fact.evidence.text
            assert row.fact.confidence == pytest.approx(fact.confidence, abs=1e-3)
        confidences = [r.fact.confidence for r in back]
        assert confidences == sorted(confidences, key=lambda c: c >= 0.8)  # doubtful first


def test_commands_take_folders(work: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["extract", "seeds", "--format", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 5
    for command in (["check", "seeds"], ["facts", "export", "seeds", "-o", "f.csv"],
                    ["review", "seeds", "--static", "-o", "r.html"]):
        result = runner.invoke(main, command)
        # check's exit status is 1 when a finding is an error (a seed states a wrong percentage)
        assert result.exit_code in ((0, 1) if command[0] == "check" else (0,)), (command, result.output)
        assert "5 nguồn" in result.output, (command, result.output)
