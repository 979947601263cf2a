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
    assert "correction 1" in message and "corrected_value must be a number from 0 to 100.000.000" in message
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
    assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [
        f"Error: {tmp_path / 'corrections.yaml'}: correction 1: corrected_value must be a number from 0 to "
        "100.000.000, not inf"]


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
