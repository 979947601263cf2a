"""Corrected values a document can show: finite, not negative, not beyond any report's count."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.pipeline import prepare
from reportgen.store.corrections import CorrectionsError, load_corrections

ARTICLE = ("Huyện ủy Mường Lát tổng kết công tác xây dựng Đảng năm 2020\n02/01/2021 | 08:00\n\n"
           "Năm 2020, toàn huyện kết nạp 120 đảng viên mới, nâng tổng số đảng viên của Đảng bộ huyện lên "
           "4.560 đồng chí, sinh hoạt tại 45 tổ chức cơ sở đảng.\n")
OTHER = ("Thị ủy Hoàng Mai tổng kết công tác xây dựng Đảng năm 2020\n03/01/2021 | 08:00\n\n"
         "Năm 2020, toàn thị xã kết nạp 96 đảng viên mới, nâng tổng số đảng viên của Đảng bộ thị xã lên "
         "3.120 đồng chí, sinh hoạt tại 38 tổ chức cơ sở đảng.\n")


def _file(tmp_path: Path, corrected: str, source: str = "a.txt", value: str = "4560") -> Path:
    path = tmp_path / "corrections.yaml"
    path.write_text(f"corrections:\n  - source: {source}\n    metric: members_total\n    value: {value}\n"
                    f"    year: 2020\n    action: correct\n    corrected_value: {corrected}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("corrected", [".nan", ".inf", "-.inf", "'1e400'", "-5", "-0.5", "1.0e+26",
                                       "100000001", "9" * 400])
def test_an_absurd_corrected_value_is_a_one_line_error(tmp_path: Path, corrected: str) -> None:
    with pytest.raises(CorrectionsError) as err:
        load_corrections(_file(tmp_path, corrected))
    message = str(err.value)
    assert "đính chính thứ 1" in message and "corrected_value phải là số từ 0 đến 100.000.000" in message
    assert "\n" not in message


@pytest.mark.parametrize("corrected, value", [("0", 0), ("4561", 4561), ("4561.0", 4561), ("'4561,5'", 4561.5),
                                              ("100000000", 100_000_000)])
def test_plausible_corrected_values_are_kept(tmp_path: Path, corrected: str, value: float) -> None:
    [c] = load_corrections(_file(tmp_path, corrected))
    assert c.corrected_value == value


def test_the_extracted_value_is_not_held_to_the_bound(tmp_path: Path) -> None:
    # it only names the fact to correct: one that does not exist is reported when applied, as before
    [c] = load_corrections(_file(tmp_path, "4561", value="1e400"))
    assert c.value == float("inf") and c.corrected_value == 4561


def test_cli_reports_an_absurd_correction_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(source), "--corrections", str(_file(tmp_path, ".inf"))])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"reportgen: lỗi: {tmp_path / 'corrections.yaml'}: đính chính thứ 1: corrected_value phải là số từ 0 "
        "đến 100.000.000, không phải inf"]


def test_the_largest_corrected_value_builds_correct_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    [e, _], _, _ = prepare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    corrections = tmp_path / "corrections.json"
    corrections.write_text(json.dumps({"corrections": [{
        "source": str(tmp_path / "a.txt"), "sha256": e.source.sha256, "metric": "members_total", "value": 4560,
        "year": 2020, "action": "correct", "corrected_value": 100_000_000}]}), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out),
                                       "--format", "docx", "-j", "1", "--corrections", str(corrections)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    documents = sorted(out.glob("*.docx"))
    assert len(documents) == 3  # two units and their comparison
    texts = {d.name: zipfile.ZipFile(d).read("word/document.xml").decode("utf-8") for d in documents}
    assert all("100.000.000" in text for name, text in texts.items() if "hoang-mai" not in name)


# --- hostile corrections files (issue 18) -----------------------------------------------------------

def _write(tmp_path: Path, text: str, name: str = "corrections.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)) + \
    "corrections:\n  - {source: a.txt, metric: members_total, value: 4560, year: 2020, action: correct,\n" \
    "     corrected_value: 4561, note: *i}\n"


@pytest.mark.parametrize("text, message", [
    (BOMB, "giá trị khi mở rộng các bí danh (bom bí danh?)"),
    ("a: &a [*a]\ncorrections: *a\n", "một bí danh đệ quy"),
    ("corrections: " + "[" * 10_000 + "]" * 10_000 + "\n", "YAML không dùng được"),
    ("corrections:\n  - !!python/object/apply:os.system ['touch {marker}']\n", "YAML không hợp lệ"),
    ("corrections: !!python/name:os.system\n", "YAML không hợp lệ"),
    ("corrections:\n  - {source: a.txt, sha256: {a: 1}, metric: members_total, value: 1, action: reject}\n",
     "sha256 phải là chữ, không phải dict"),
    ("corrections:\n  - {source: a.txt, sha256: 'abc', metric: members_total, value: 1, action: reject}\n",
     "sha256 phải gồm 64 chữ số thập lục phân"),
    ("corrections:\n  - {source: a.txt, metric: members_total, value: 1, year: [2020], action: reject}\n",
     "year phải là một năm, ví dụ 2020, không phải list"),
    ("corrections:\n  - {source: a.txt, metric: members_total, value: 1, year: 'năm ngoái', action: reject}\n",
     "year phải là một năm, ví dụ 2020"),
    ("corrections:\n  - {source: a.txt, metric: members_total, value: 1, year: 99999, action: reject}\n",
     "year phải là một năm, ví dụ 2020"),
    ("corrections:\n  - {source: [a], metric: members_total, value: 1, action: reject}\n",
     "source phải là chữ, không phải list"),
    ("corrections:\n  - {source: a.txt, metric: {x: 1}, value: 1, action: reject}\n", "metric phải là chữ"),
    ("corrections:\n  - {source: a.txt, metric: members_total, value: [1], action: reject}\n",
     "value không phải số: list"),
    ("corrections:\n  - {source: a.txt, metric: members_total, value: 1, action: reject, note: {a: [1]}}\n",
     "note phải là chữ, không phải dict"),
    ("corrections:\n  - {source: a.txt, metric: members_total, value: 1, action: reject, note: '" + "x" * 3000
     + "'}\n", "note dài 3000 ký tự"),
    ("corrections: {a: 1}\n", "'corrections' phải là một danh sách"),
], ids=["alias-bomb", "recursive-alias", "deep-nesting", "python-apply", "python-name", "dict-sha", "short-sha",
        "list-year", "text-year", "huge-year", "list-source", "dict-metric", "list-value", "dict-note", "long-note",
        "mapping"])
def test_hostile_corrections_are_one_line_errors_within_a_second(tmp_path: Path, text: str, message: str) -> None:
    import time

    marker = tmp_path / "ran"
    path = _write(tmp_path, text.replace("{marker}", str(marker)))
    start = time.monotonic()
    with pytest.raises(CorrectionsError) as err:
        load_corrections(path)
    assert time.monotonic() - start < 5
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value), str(err.value)
    assert "\n" not in str(err.value) and not marker.exists()
    result = CliRunner().invoke(main, ["check", str(tmp_path / "none.txt"), "--corrections", str(path)])
    assert result.exit_code == 2 and result.stderr == f"reportgen: lỗi: {err.value}\n"


def test_deeply_nested_json_and_files_that_are_not_corrections(tmp_path: Path) -> None:
    import os

    for path, message in [(_write(tmp_path, "[" * 100_000 + "]" * 100_000, "c.json"), "lồng nhau quá sâu"),
                          (tmp_path / "bin.yaml", "không phải văn bản UTF-8"), (tmp_path / "fifo.yaml", "không phải tệp thông thường")]:
        if path.name == "bin.yaml":
            path.write_bytes(b"\xff\xfe\x00\x01corrections")
        if path.name == "fifo.yaml":
            os.mkfifo(path)
        with pytest.raises(CorrectionsError, match=message):
            load_corrections(path)


@pytest.mark.parametrize("written, value", [('"9.250"', 9250), ("9.250", 9250), ("'9.250,5'", 9250.5),
                                            ("9250", 9250), ("9.25", 9.25), ('"1.234.567"', 1234567)])
def test_a_corrected_value_in_vietnamese_notation(tmp_path: Path, written: str, value: float) -> None:
    [c] = load_corrections(_file(tmp_path, written))
    assert c.corrected_value == value and type(c.corrected_value) is type(value)


def test_a_year_written_as_text_and_aliases_that_stay_small_are_fine(tmp_path: Path) -> None:
    path = _write(tmp_path, "common: &c {source: a.txt, metric: members_total, year: '2020'}\ncorrections:\n"
                            "  - {<<: *c, value: 4560, action: correct, corrected_value: 4561}\n"
                            "  - {<<: *c, value: 120, action: reject, note: 12}\n")
    first, second = load_corrections(path)
    assert (first.year, first.corrected_value, second.action, second.note) == (2020, 4561, "reject", "12")
