"""The report kinds "danh-gia" and "tong-ket-nam", and building one year's figures (--year)."""
from __future__ import annotations

import difflib
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from docs_fixtures import SEEDS, TEST_CONFIG, docx_text, load_seeds, pdf_body_text, words

from reportgen.build import write
from reportgen.cli import main
from reportgen.contexts import CONTEXT_KINDS, KINDS, plan
from reportgen.contexts.sample import sample_extractions
from reportgen.render import render


def _documents(folder: Path) -> list[str]:
    """The documents written to a folder (not the build's bookkeeping)."""
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".pdf"))


def _figure_years(context: dict) -> set:
    """Years of every figure a per-unit summary shows."""
    return {row["year"] for section in context["sections"] for row in section["rows"]} | \
        {cell["year"] for section in context["sections"] if section["table"]
         for row in section["table"]["rows"] for p in ("orgs", "members") if row[p]
         for cell in [row[p]]}


def test_built_in_kinds_have_templates_and_described_fields() -> None:
    assert KINDS == ("tom-tat", "so-sanh", "danh-gia", "tong-ket-nam")
    for kind in KINDS:
        for job in plan(sample_extractions(), TEST_CONFIG, kind=kind):
            # The documented fields are exactly the context's keys: the reference cannot drift.
            assert set(job.context) == set(CONTEXT_KINDS[kind].fields), kind
            assert job.context["kind"] == kind


def test_year_keeps_only_that_years_figures_and_units() -> None:
    jobs = plan(load_seeds(), TEST_CONFIG, kind="tom-tat", year=2019)
    assert [j.slug for j in jobs] == ["thi-xa-kien-tuong-2019", "huyen-thuong-tin-2019"]
    for job in jobs:
        assert _figure_years(job.context) == {2019}
        assert [s["number"] for s in job.context["sources"]] == [1]
    assert plan(load_seeds(), TEST_CONFIG, year=1990) == []


def test_year_comparison_covers_only_units_with_figures_of_the_year() -> None:
    (job,) = plan(load_seeds(), TEST_CONFIG, kind="so-sanh", year=2022)
    assert job.slug == "so-sanh-2022-2-don-vi"
    assert [r["unit"]["name"] for r in job.context["rows"]] == ["Tân Hồng", "Vĩnh Tường"]
    assert job.context["year"] == 2022
    assert {c["year"] for r in job.context["rows"] for c in r["cells"].values() if c} == {2022}
    # the other years appear only apart, with their year
    assert job.context["years"] == [2015, 2019, 2020, 2022]
    assert {o["period"] for o in job.context["others"]} >= {"năm 2019", "năm 2020"}


def test_rating_report_one_per_unit_with_ratings() -> None:
    jobs = plan(load_seeds(), TEST_CONFIG, kind="danh-gia")
    assert [j.slug for j in jobs] == ["danh-gia-huyen-tan-hong-2022",
                                      "danh-gia-huyen-thuong-tin-2019"]
    thuong_tin = jobs[1].context
    assert thuong_tin["year"] == 2019 and thuong_tin["has_previous"] is False
    members = thuong_tin["groups"][1]
    assert members["rated"]["text"] == "7.664"
    good = next(r for r in members["rows"] if r["grade"] == "good_or_above")
    assert good["now"]["text"] == "6.863" and good["now"]["pct_text"] == "89,5%"
    failed = next(r for r in members["rows"] if r["grade"] == "failed")
    assert failed["now"] is None  # not stated: a dash, never 0
    assert thuong_tin["comparisons"] == []
    assert plan(load_seeds(), TEST_CONFIG, kind="danh-gia", year=2019)[0].slug == \
        "danh-gia-huyen-thuong-tin-2019"


def test_rating_report_compares_with_the_previous_year() -> None:
    jobs = plan(sample_extractions(), TEST_CONFIG, kind="danh-gia")
    district, commune = (j.context for j in jobs)
    assert district["has_previous"] and district["previous_year"] == 2019
    orgs = district["groups"][0]
    excellent = orgs["rows"][0]
    assert (excellent["before"]["pct_text"], excellent["now"]["pct_text"]) == ("15,0%", "20,0%")
    assert excellent["change_text"] == "tăng 5,0 điểm phần trăm"  # one decimal style
    assert any("từ 85,0% lên 90,0%" in s for s in district["comparisons"])
    assert orgs["rows"][1]["now"]["mark"] == "(*)" and district["derived_notes"]
    # A commune: its own committee and kind, no district word hard-wired.
    assert commune["doc"]["issuing_body"] == "ĐẢNG ỦY XÃ MINH HỌA"
    assert commune["groups"][0]["empty"] and "xã Minh Họa" in commune["subject"]


def test_yearly_summary_holds_the_units_of_the_year() -> None:
    (job,) = plan(load_seeds(), TEST_CONFIG, kind="tong-ket-nam", year=2019)
    context = job.context
    assert job.slug == "tong-ket-nam-2019"
    assert [s["unit"]["name"] for s in context["units"]] == ["Kiến Tường", "Thường Tín"]
    assert {r["year"] for s in context["units"] for r in s["rows"]} == {2019}
    # Document-wide source numbers: the second unit's figures cite source 2.
    assert context["units"][1]["rows"][0]["refs"] == "[2]"
    assert len(context["charts"]) >= 1 and context["years_note"].endswith("năm 2019.")
    # Without a year: the latest year any figure has.
    (latest,) = plan(load_seeds(), TEST_CONFIG, kind="tong-ket-nam")
    assert latest.context["year"] == 2022


def test_yearly_summary_of_one_province_names_it() -> None:
    (job,) = plan(sample_extractions(), TEST_CONFIG, kind="tong-ket-nam", year=2020)
    assert job.context["group_label"] == "tỉnh Thử Nghiệm"
    assert job.context["doc"]["issuing_body"] == "TỈNH ỦY THỬ NGHIỆM"
    assert "các đơn vị thuộc tỉnh Thử Nghiệm" in job.context["subject"]


@pytest.mark.parametrize("kind", ["danh-gia", "tong-ket-nam"])
def test_new_kinds_render_the_same_text_in_docx_and_pdf(kind: str, tmp_path: Path) -> None:
    extractions = sample_extractions() + load_seeds()
    job = plan(extractions, TEST_CONFIG, kind=kind, year=2020 if kind == "tong-ket-nam" else None)[0]
    rendered = render(job, TEST_CONFIG)
    docx_path = write(rendered, "docx", tmp_path / f"{job.slug}.docx")
    pdf_path = write(rendered, "pdf", tmp_path / f"{job.slug}.pdf")
    docx_words, pdf_words = words(docx_text(docx_path)), words(pdf_body_text(pdf_path))
    assert job.context["subject"].split()[0] in docx_words
    # The same text in both: a PDF line may break after "," or "-" (compare without spaces),
    # and the PDF repeats table headers on continued pages (a little more text).
    docx_flat, pdf_flat = "".join(docx_words), "".join(pdf_words)
    assert difflib.SequenceMatcher(a=docx_flat, b=pdf_flat, autojunk=False).ratio() > 0.98


@pytest.fixture(scope="module")
def cli_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    cwd = tmp_path_factory.mktemp("kinds")
    runner = CliRunner()
    out = {}
    shutil.copytree(SEEDS, cwd / "seeds")
    (cwd / "reportgen.toml").write_text('date = "2024-12-15"\n', encoding="utf-8")
    before = os.getcwd()
    os.chdir(cwd)  # `build` with no sources reads ./seeds and ./reportgen.toml
    try:
        for name, args in (("yearly", ["--kind", "tong-ket-nam", "--year", "2019"]),
                           ("rating", ["--kind", "danh-gia"])):
            result = runner.invoke(main, ["build", "-o", name, *args])
            out[name] = (cwd / name, result)
    finally:
        os.chdir(before)
    return out


def test_cli_builds_the_yearly_summary_of_2019(cli_builds: dict) -> None:
    folder, result = cli_builds["yearly"]
    assert result.exit_code == 0, result.output
    assert _documents(folder) == ["tong-ket-nam-2019.docx", "tong-ket-nam-2019.pdf"]
    for text in (docx_text(folder / "tong-ket-nam-2019.docx"),
                 pdf_body_text(folder / "tong-ket-nam-2019.pdf")):
        flat = " ".join(text.split())
        assert "Thường Tín" in flat and "Kiến Tường" in flat and "9.240" in flat
        assert "Tân Hồng" not in flat and "Vĩnh Tường" not in flat
        assert "năm 2019" in flat


def test_cli_builds_one_rating_report_per_unit_with_ratings(cli_builds: dict) -> None:
    folder, result = cli_builds["rating"]
    assert result.exit_code == 0, result.output
    assert _documents(folder) == ["danh-gia-huyen-tan-hong-2022.docx", "danh-gia-huyen-tan-hong-2022.pdf",
                     "danh-gia-huyen-thuong-tin-2019.docx", "danh-gia-huyen-thuong-tin-2019.pdf"]
    text = " ".join(docx_text(folder / "danh-gia-huyen-thuong-tin-2019.docx").split())
    assert "89,5%" in text and "7.664" in text and "HUYỆN ỦY THƯỜNG TÍN" in text


def test_cli_unknown_kind_exits_1_with_one_line_listing_the_kinds(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(SEEDS / "thuong-tin-2019.txt"), "-o",
                                  str(tmp_path), "--kind", "khong-co"])
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "không có loại báo cáo 'khong-co'" in line and "danh-gia" in line


def test_config_template_folders_are_searched(tmp_path: Path) -> None:
    (tmp_path / "tong-ket-nam.html.j2").write_text(
        '{% extends "!default/tong-ket-nam.html.j2" %}{% block title %}'
        '<h1 class="title">BÁO CÁO TỔNG KẾT</h1>{% endblock %}', encoding="utf-8")
    config = replace(TEST_CONFIG, template_dirs=(tmp_path,))
    (job,) = plan(load_seeds(), config, kind="tong-ket-nam", year=2019)
    html = render(job, config).html
    assert "BÁO CÁO TỔNG KẾT" in html and "Kiến Tường" in html
