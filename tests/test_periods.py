"""Periods (issue 13): documents per unit and year, the change on the year before, comparisons
of one year with other periods apart, and indicators that are shown but never ranked.

`tests/periods/` holds three units with articles of 2021 and 2022 (one of them also states a
figure of the term 2015 - 2020) and a fourth unit with a 2019 article only.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docs_fixtures import TEST_CONFIG

from reportgen.check import check_conflicts
from reportgen.cli import main
from reportgen.contexts import plan
from reportgen.contexts.compare import DERIVED_INDICATORS, MAIN_INDICATORS
from reportgen.contexts.merge import group_by_unit, main_figure
from reportgen.contexts.ranking import ranking
from reportgen.extract import extract
from reportgen.model import METRICS
from reportgen.readers import read

FOLDER = Path(__file__).resolve().parent / "periods"


def _extractions(folder: Path = FOLDER) -> list:
    return [extract(read(str(p))) for p in sorted(folder.glob("*.txt"))]


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend(" | ".join(c.text for c in row.cells) for row in table.rows)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("periods") / "out"
    result = CliRunner().invoke(main, ["build", str(FOLDER), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 0, result.output
    return out


def test_a_document_per_unit_and_year_with_distinct_names(built: Path) -> None:
    names = sorted(p.stem for p in built.glob("*.docx"))
    assert names == ["huyen-hoa-vang-2021", "huyen-hoa-vang-2022", "huyen-hoa-vang-nhiem-ky-2015-2020",
                     "quan-cam-le-2021", "quan-cam-le-2022", "quan-hai-chau-2019",
                     "quan-lien-chieu-2021", "quan-lien-chieu-2022", "so-sanh-2022-3-don-vi"]
    text_2021, text_2022 = _text(built / "huyen-hoa-vang-2021.docx"), _text(built / "huyen-hoa-vang-2022.docx")
    assert "của Đảng bộ huyện Hòa Vang năm 2021" in text_2021 and "8.120" in text_2021
    assert "của Đảng bộ huyện Hòa Vang năm 2022" in text_2022


def test_the_2022_document_states_2021_and_the_change(built: Path) -> None:
    text = _text(built / "huyen-hoa-vang-2022.docx")
    assert "Tổng số đảng viên năm 2022: 8.240 đảng viên, tăng 120 đảng viên (+1,5%) so với năm 2021 " \
           "(8.120 đảng viên)." in text
    assert "tăng 2,0 điểm phần trăm so với năm 2021 (92,3%)" in text  # a rate moves in points
    series = [line for line in text.splitlines() if line.startswith(("Năm 20", "Nhiệm kỳ")) and " | " in line]
    assert series == ["Nhiệm kỳ 2015 - 2020 | — | 1.450 | — | — | — | [2]",
                      "Năm 2021 | 8.120 | 310 | 52 | 92,3% | 2 | [1]",
                      "Năm 2022 | 8.240 | 325 | 53 | 94,3% | 2 | [2]"]
    # the 2021 document has no year before it
    assert "chưa có số liệu năm 2020" in _text(built / "huyen-hoa-vang-2021.docx")


def test_a_term_figure_has_its_own_document_and_is_never_a_years(built: Path) -> None:
    term = _text(built / "huyen-hoa-vang-nhiem-ky-2015-2020.docx")
    assert "nhiệm kỳ 2015 - 2020" in term and "1.450" in term
    (facts,) = [f for f in group_by_unit(_extractions()) if f.unit.name == "Hòa Vang"]
    assert main_figure(facts, "members_admitted", 2022).value == 325
    assert main_figure(facts, "members_admitted").value == 325  # the latest year, not the term


def test_year_picks_one_years_documents() -> None:
    jobs = plan(_extractions(), TEST_CONFIG, kind="tom-tat", year=2021)
    assert [j.slug for j in jobs] == ["quan-cam-le-2021", "huyen-hoa-vang-2021", "quan-lien-chieu-2021"]


def test_the_yearly_summary_puts_each_figure_beside_the_year_before(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(FOLDER, src)
    # a unit with figures of 2022 only: its section says it has nothing of 2021
    (src / "hai-chau-2022.txt").write_text(
        (FOLDER / "hai-chau-2019.txt").read_text(encoding="utf-8").replace("2019", "2022")
        .replace("08/01/2020", "08/01/2023"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--kind", "tong-ket-nam",
                                       "--year", "2022", "--format", "docx"])
    assert result.exit_code == 0, result.output
    text = _text(out / "tong-ket-nam-2022.docx")
    assert "Tổng kết công tác xây dựng Đảng năm 2022" in text
    assert "Tổng số đảng viên | 8.240 | 8.120 | +120 (+1,5%) | [" in text
    assert "Kết nạp đảng viên mới | 232 | 240 | -8 (-3,3%) | [" in text
    assert "tăng 120 đảng viên (+1,5%) so với năm 2021 (8.120 đảng viên)" in text
    assert "Các nguồn chưa có số liệu năm 2021 của Đảng bộ quận Hải Châu để so sánh." in text
    assert "9.870 | — | — |" in text


def test_the_comparison_is_of_one_year_with_other_periods_apart(built: Path) -> None:
    text = _text(built / "so-sanh-2022-3-don-vi.docx")
    assert "So sánh một số chỉ tiêu về công tác xây dựng Đảng của 3 đơn vị năm 2022" in text
    (job,) = plan(_extractions(), TEST_CONFIG, kind="so-sanh")
    context = job.context
    assert context["year"] == 2022
    assert [r["unit"]["name"] for r in context["rows"]] == ["Cẩm Lệ", "Hòa Vang", "Liên Chiểu"]
    cells = [c for r in context["rows"] for c in r["cells"].values() if c]
    assert {c["year"] for c in cells} == {2022} and all(c["whole_year"] for c in cells)
    members = next(r for r in context["rankings"] if r["key"] == "members_total")
    assert members["average"] == pytest.approx((8240 + 5100 + 6420) / 3)
    assert "Hải Châu" not in " ".join(r["sentence"] for r in context["rankings"])
    others = {(o["unit"], o["label"], o["text"], o["period"]) for o in context["others"]}
    assert others == {("Huyện Hòa Vang", "Kết nạp đảng viên mới", "1.450", "nhiệm kỳ 2015 - 2020"),
                      ("Quận Hải Châu", "Tổng số đảng viên", "9.870", "năm 2019"),
                      ("Quận Hải Châu", "Kết nạp đảng viên mới", "280", "năm 2019")}
    assert "SỐ LIỆU CỦA CÁC KỲ KHÁC (KHÔNG XẾP HẠNG)" in text
    assert "Quận Hải Châu | Tổng số đảng viên | 9.870 | Năm 2019 |" in text


def test_the_year_most_units_have_is_compared_unless_one_is_asked(tmp_path: Path) -> None:
    (job,) = plan(_extractions(), TEST_CONFIG, kind="so-sanh", year=2021)
    assert job.slug == "so-sanh-2021-3-don-vi" and job.context["year"] == 2021
    assert all(c["year"] == 2021 for r in job.context["rows"] for c in r["cells"].values() if c)


def test_fewer_than_two_units_of_the_year_make_no_comparison(tmp_path: Path) -> None:
    notes: list[str] = []
    assert plan(_extractions(), TEST_CONFIG, kind="so-sanh", year=2019, notes=notes) == []
    assert len(notes) == 1 and "2019" in notes[0]
    result = CliRunner().invoke(main, ["build", str(FOLDER), "-o", str(tmp_path / "o"), "--kind", "so-sanh",
                                       "--year", "2019", "--format", "docx"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if "so sánh" in line]
    assert lines == ["reportgen: lỗi: không lập báo cáo so sánh (so-sanh): chỉ có 1 đơn vị có số liệu năm 2019, "
                     "cần ít nhất 2 đơn vị"]
    assert not list((tmp_path / "o").glob("so-sanh*"))


def test_discipline_and_failed_ratings_are_never_ranked(built: Path) -> None:
    unranked = {m.key for m in METRICS if not m.ranked}
    assert {"disciplined_members", "disciplined_orgs", "orgs_failed", "members_failed"} <= unranked
    by_key = {i.key: i for i in MAIN_INDICATORS + DERIVED_INDICATORS}
    assert not by_key["disciplined_members"].ranked and not by_key["discipline_rate"].ranked
    assert by_key["members_total"].ranked and by_key["orgs_good_share"].ranked
    (job,) = plan(_extractions(), TEST_CONFIG, kind="so-sanh")
    ranked = {r["key"] for r in job.context["rankings"]}
    assert ranked.isdisjoint({"disciplined_members", "discipline_rate"})
    shown = {s["key"]: s["sentence"] for s in job.context["shown"]}
    assert "không xếp hạng" in shown["disciplined_members"]
    assert "cao nhất" not in shown["disciplined_members"] and "thấp nhất" not in shown["disciplined_members"]
    # the units in table order, not by how many were disciplined (9 at Liên Chiểu, 5, 2)
    assert shown["disciplined_members"].index("Cẩm Lệ") < shown["disciplined_members"].index("Hòa Vang") \
        < shown["disciplined_members"].index("Liên Chiểu")
    with pytest.raises(AssertionError):
        ranking(by_key["disciplined_members"], job.context["rows"], 2022)
    text = _text(built / "so-sanh-2022-3-don-vi.docx")
    ranking_table = text.split("Thứ tự từ cao xuống thấp", 1)[1].split("Nơi nhận", 1)[0]
    assert "bị kỷ luật" not in ranking_table.split("\n\n", 1)[0]


def test_sources_in_conflict_keep_the_newer_exact_value_and_note_the_other(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(FOLDER, src)
    later = (FOLDER / "hoa-vang-2022.txt").read_text(encoding="utf-8")
    (src / "hoa-vang-2022-b.txt").write_text(
        later.replace("8.240", "8.250").replace("10/01/2023", "20/02/2023"), encoding="utf-8")
    extractions = _extractions(src)
    (facts,) = [f for f in group_by_unit(extractions) if f.unit.name == "Hòa Vang"]
    totals = [f for f in facts.figures if f.metric == "members_total" and f.year == 2022]
    assert len(totals) == 1 and totals[0].value == 8250  # one value per key: the newer source's
    assert [v for v, _ in totals[0].others] == [8240]
    assert any(f.code == "conflict" for f in check_conflicts(extractions))
    (job,) = [j for j in plan(extractions, TEST_CONFIG, kind="tom-tat", year=2022)
              if j.slug == "huyen-hoa-vang-2022"]
    row = next(r for s in job.context["sections"] for r in s["rows"] if r["metric"] == "members_total")
    assert row["text"] == "8.250" and row["conflict"].endswith("ghi 8.240")


def test_a_part_of_a_year_is_shown_with_its_name_and_never_taken_for_the_year(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(FOLDER, src)
    (src / "hoa-vang-9-thang-2022.txt").write_text(
        "Huyện ủy Hòa Vang sơ kết 9 tháng đầu năm 2022\n\nNgày 05/10/2022, Huyện ủy Hòa Vang (thành phố "
        "Đà Nẵng) sơ kết công tác xây dựng Đảng.\n\n9 tháng đầu năm 2022, Đảng bộ huyện Hòa Vang kết nạp "
        "214 đảng viên mới.\n", encoding="utf-8")
    extractions = _extractions(src)
    (facts,) = [f for f in group_by_unit(extractions) if f.unit.name == "Hòa Vang"]
    part = [f for f in facts.figures if f.value == 214]
    assert part and part[0].period.kind == "part" and not part[0].whole_year
    assert main_figure(facts, "members_admitted", 2022, whole=True).value == 325
    (job,) = [j for j in plan(extractions, TEST_CONFIG, kind="tom-tat", year=2022)
              if j.slug == "huyen-hoa-vang-2022"]
    periods = [r["period"] for r in job.context["series"]["rows"]]
    assert periods == ["nhiệm kỳ 2015 - 2020", "năm 2021", "năm 2022", "9 tháng đầu năm 2022"]
    assert any("325 đảng viên, tăng 15 đảng viên" in line for line in job.context["changes"])


def test_a_province_is_not_ranked_beside_districts(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    shutil.copytree(FOLDER, folder)
    for name, members in (("Đà Nẵng", 61200), ("Cần Thơ", 52300)):
        (folder / f"tinh-{members}.txt").write_text(
            f"Đảng bộ thành phố {name} tổng kết công tác xây dựng Đảng năm 2022\n15/01/2023 | 08:00\n\n"
            f"Năm 2022, Đảng bộ thành phố {name} kết nạp 2.150 đảng viên mới, nâng tổng số đảng viên "
            f"lên {members // 1000}.{members % 1000:03d} đồng chí.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--format", "docx",
                                       "--kind", "so-sanh"])
    assert result.exit_code == 0, result.output
    names = sorted(p.stem for p in out.glob("*.docx"))
    assert names == ["so-sanh-2022-2-don-vi-cap-tinh", "so-sanh-2022-3-don-vi-cap-huyen"]
    districts = _text(out / "so-sanh-2022-3-don-vi-cap-huyen.docx")
    assert "của 3 đơn vị cấp huyện năm 2022" in districts and "61.200" not in districts
    assert "Cần Thơ" in _text(out / "so-sanh-2022-2-don-vi-cap-tinh.docx")
