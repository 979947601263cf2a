"""Header and signature by the unit's level and the document's date (HD 36-HD/VPTW), the date taken
from the sources, and the note on a unit that ended before that date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docs_fixtures import TEST_CONFIG, load_seeds

from reportgen.cli import main
from reportgen.config import Config, for_unit
from reportgen.config.header import FORMS, UNKNOWN_SUPERIOR, header_for
from reportgen.contexts import plan
from reportgen.contexts.dating import document_date, ended_units
from reportgen.contexts.merge import SourceRef
from reportgen.model import Evidence, Extraction, Fact, Source, Unit
from reportgen.render import render
from reportgen.vietnamese.history import REFORM, district_of, end_of, province_after

BEFORE, AFTER = date(2019, 12, 31), date(2025, 9, 1)


@pytest.mark.parametrize("unit, on, superior, issuing, signing", [
    (Unit("Thường Tín", "huyện", "Hà Nội"), BEFORE, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY THƯỜNG TÍN",
     "T/M BAN THƯỜNG VỤ"),
    (Unit("Mường Lát", "huyện", "Thanh Hóa"), BEFORE, "ĐẢNG BỘ TỈNH THANH HÓA", "HUYỆN ỦY MƯỜNG LÁT",
     "T/M BAN THƯỜNG VỤ"),
    (Unit("Kiến Tường", "thị xã", "Long An"), BEFORE, "ĐẢNG BỘ TỈNH LONG AN", "THỊ ỦY KIẾN TƯỜNG",
     "T/M BAN THƯỜNG VỤ"),
    # a commune before 2025-07-01: its district above it, no standing committee
    (Unit("Hòa Bình", "xã", "Hà Nội"), BEFORE, "ĐẢNG BỘ HUYỆN THƯỜNG TÍN", "ĐẢNG ỦY XÃ HÒA BÌNH",
     "T/M ĐẢNG ỦY"),
    (Unit("Mường Lý", "xã", "Thanh Hóa"), date(2025, 6, 30), "ĐẢNG BỘ HUYỆN MƯỜNG LÁT",
     "ĐẢNG ỦY XÃ MƯỜNG LÝ", "T/M ĐẢNG ỦY"),
    (Unit("Phúc Xá", "phường", "Hà Nội"), BEFORE, "ĐẢNG BỘ QUẬN BA ĐÌNH", "ĐẢNG ỦY PHƯỜNG PHÚC XÁ",
     "T/M ĐẢNG ỦY"),
    (Unit("Tả Van", "xã", "Lào Cai"), BEFORE, "ĐẢNG BỘ THỊ XÃ SA PA", "ĐẢNG ỦY XÃ TẢ VAN", "T/M ĐẢNG ỦY"),
    # from 2025-07-01: the province above a commune or ward
    (Unit("Mường Lý", "xã", "Thanh Hóa"), REFORM, "ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG ỦY XÃ MƯỜNG LÝ",
     "T/M BAN THƯỜNG VỤ"),
    (Unit("Hồng Hà", "phường", "Hà Nội"), AFTER, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG HỒNG HÀ",
     "T/M BAN THƯỜNG VỤ"),
    # a commune of Hà Giang kept as it was, in the new Tuyên Quang
    (Unit("Ngọc Long", "xã", "Hà Giang"), AFTER, "ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ NGỌC LONG",
     "T/M BAN THƯỜNG VỤ"),
    # a province: its committee alone; a centrally-run city: "THÀNH ỦY"
    (Unit("Thanh Hóa", "tỉnh", "Thanh Hóa"), BEFORE, "", "TỈNH ỦY THANH HÓA", "T/M BAN THƯỜNG VỤ"),
    (Unit("Thanh Hóa", "tỉnh", "Thanh Hóa"), AFTER, "", "TỈNH ỦY THANH HÓA", "T/M BAN THƯỜNG VỤ"),
    (Unit("Hà Nội", "thành phố", "Hà Nội"), BEFORE, "", "THÀNH ỦY HÀ NỘI", "T/M BAN THƯỜNG VỤ"),
    (Unit("Cần Thơ", "thành phố", "Cần Thơ"), AFTER, "", "THÀNH ỦY CẦN THƠ", "T/M BAN THƯỜNG VỤ"),
])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_header_by_level_and_date(unit: Unit, on: date, superior: str, issuing: str, signing: str,
                                  form: str) -> None:
    header = header_for(unit, on, form)
    assert (header.superior_body, header.issuing_body, header.signing_body) == (superior, issuing, signing)
    config = for_unit(Config(header_form=form), unit, on)
    assert (config.superior_body, config.issuing_body, config.signing_body) == (superior, issuing, signing)


def test_a_commune_name_of_several_districts_leaves_the_superior_to_fill_in() -> None:
    assert district_of("xã", "Tân Lập", "Long An") is None  # several districts have one
    assert header_for(Unit("Tân Lập", "xã", "Long An"), BEFORE).superior_body == UNKNOWN_SUPERIOR


def test_configured_values_win_over_the_rules() -> None:
    config = Config(superior_body="ĐẢNG BỘ X", issuing_body="ĐẢNG ỦY Y", signing_body="T/M ĐẢNG ỦY",
                    date=date(2026, 2, 1))
    filled = for_unit(config, Unit("Hòa Bình", "xã", "Hà Nội"), BEFORE)
    assert (filled.superior_body, filled.issuing_body, filled.signing_body, filled.date) == (
        "ĐẢNG BỘ X", "ĐẢNG ỦY Y", "T/M ĐẢNG ỦY", date(2026, 2, 1))


def test_ends_of_units() -> None:
    assert end_of("huyện", "Thường Tín", "Hà Nội") == end_of("thị xã", "Kiến Tường", "Long An")
    assert end_of("huyện", "Thường Tín", "Hà Nội").on == REFORM  # type: ignore[union-attr]
    merged = end_of("phường", "Phúc Xá", "Hà Nội")
    assert merged is not None and merged.exact and [s.name for s in merged.successors] == ["Hồng Hà"]
    early = end_of("xã", "Vạn Điểm", "Hà Nội")  # not in the list of 2025-01-04 any more
    assert early is not None and not early.exact and early.on == date(2025, 1, 4)
    assert end_of("xã", "Ngọc Long", "Hà Giang") is None  # kept as it was
    assert end_of("phường", "Hồng Hà", "Hà Nội") is None  # a ward of the new map
    # merged into a new ward that kept its name: a document naming it may be about the new one
    assert end_of("phường", "Mường Thanh", "Điện Biên") is None
    assert end_of("tỉnh", "Hà Giang", "Hà Giang") is not None  # merged into Tuyên Quang
    assert end_of("tỉnh", "Thanh Hóa", "Thanh Hóa") is None
    assert end_of("thành phố", "Hà Nội", "Hà Nội") is None
    assert province_after("xã", "Ngọc Long", "Hà Giang") == "Tuyên Quang"


def _ref(n: int, published: date | None) -> SourceRef:
    return SourceRef(n, f"s{n}.txt", f"Bài {n}", published)


def test_document_date_is_the_newest_source_else_the_end_of_the_year_never_today() -> None:
    assert document_date([_ref(1, date(2019, 5, 2)), _ref(2, date(2020, 1, 9)), _ref(3, None)],
                         2019) == date(2020, 1, 9)
    assert document_date([_ref(1, None)], 2019) == date(2019, 12, 31)
    assert document_date([_ref(1, None)], None) is None


def _commune_source(tmp: str, published: date | None, name: str = "Hòa Bình",
                    year: int = 2019) -> Extraction:
    text = (f"Đảng bộ xã {name} năm {year} có 312 đảng viên, kết nạp 9 đảng viên mới.")
    start = text.index("312")
    fact = Fact("members_total", 312, year=year, evidence=Evidence("312", start, start + 3))
    return Extraction(Source(f"{tmp}/xa-{year}.txt", text), f"Xã {name} năm {year}", published,
                      Unit(name, "xã", "Hà Nội"), year, (fact,))


def test_a_commune_source_of_2019_gives_the_commune_header_of_its_district(tmp_path: Path) -> None:
    jobs = plan([_commune_source(str(tmp_path), date(2019, 12, 20))], Config(), kind="tom-tat")
    doc = jobs[0].context["doc"]
    assert (doc["superior_body"], doc["issuing_body"], doc["signing_body"]) == (
        "ĐẢNG BỘ HUYỆN THƯỜNG TÍN", "ĐẢNG ỦY XÃ HÒA BÌNH", "T/M ĐẢNG ỦY")
    assert doc["date"] == "2019-12-20" and doc["place_date"] == "Hòa Bình, ngày 20 tháng 12 năm 2019"
    assert doc["ended"] == [] and doc["author"] == "ĐẢNG ỦY XÃ HÒA BÌNH"
    rendered = render(jobs[0], Config())
    meta = rendered.metadata
    assert (meta["author"], meta["created"]) == ("ĐẢNG ỦY XÃ HÒA BÌNH", "2019-12-20")
    # undated source: 31 December of the report year
    undated = plan([_commune_source(str(tmp_path), None)], Config(), kind="tom-tat")[0]
    assert undated.context["doc"]["date"] == "2019-12-31"


def test_a_unit_ended_before_the_date_gets_a_note_and_one_warning_line(tmp_path: Path) -> None:
    jobs = plan([_commune_source(str(tmp_path), date(2025, 8, 5), year=2025)], Config())
    summary = jobs[0].context["doc"]
    assert summary["superior_body"] == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"  # dated after the reform
    [item] = summary["ended"]
    assert item["label"] == "xã Hòa Bình" and item["ended"] == "2025-07-01"
    assert item["note"].startswith("Ghi chú: Xã Hòa Bình, thành phố Hà Nội, đã kết thúc hoạt động từ "
                                   "ngày 01 tháng 7 năm 2025")
    assert "nay thuộc xã Thường Tín" in item["note"]
    rendered = render(jobs[0], Config())
    assert item["note"] in rendered.html
    from reportgen.contexts import ended_warnings

    lines = ended_warnings(jobs)
    assert len(lines) == 1 and "xã Hòa Bình" in lines[0] and "2025-07-01" in lines[0]


def test_no_note_before_the_end_and_a_note_for_a_district_after_it() -> None:
    unit = Unit("Thường Tín", "huyện", "Hà Nội")
    assert ended_units([unit], date(2025, 6, 30)) == []
    assert ended_units([unit], None) == []
    [item] = ended_units([unit], date(2025, 7, 1))
    assert item["note"].startswith("Ghi chú: Huyện Thường Tín, thành phố Hà Nội, đã kết thúc hoạt động")
    [early] = ended_units([Unit("Vạn Điểm", "xã", "Hà Nội")], date(2025, 3, 1))
    assert "không còn trong Danh mục đơn vị hành chính ngày 04 tháng 01 năm 2025" in early["note"]


def test_build_warns_once_per_ended_unit(tmp_path: Path) -> None:
    source = tmp_path / "src" / "thuong-tin.txt"
    source.parent.mkdir()
    source.write_text((Path(__file__).resolve().parent.parent / "seeds" / "thuong-tin-2019.txt")
                      .read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "reportgen.toml"
    config.write_text('date = 2025-09-01\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(source.parent), "-o", str(tmp_path / "out"),
                                       "--format", "docx", "--config", str(config), "--db",
                                       str(tmp_path / "r.db")])
    lines = [line for line in result.output.splitlines() if "huyện Thường Tín" in line and "kết thúc" in line]
    assert len(lines) == 1 and lines[0].startswith("reportgen: cảnh báo: ")
    assert "2025-07-01" in lines[0]
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / "huyen-thuong-tin-2019.docx"))
                     .paragraphs)
    assert "Ghi chú: Huyện Thường Tín, thành phố Hà Nội, đã kết thúc hoạt động từ ngày 01 tháng 7 năm 2025" \
        in text


def test_seed_documents_are_dated_by_their_sources() -> None:
    config = Config(signer_name=TEST_CONFIG.signer_name)
    dates = {job.slug: job.context["doc"]["date"] for job in plan(load_seeds(), config)}
    assert dates["huyen-thuong-tin-2019"] == "2020-03-02"  # the article's date
    assert all(dates.values()) and date.today().isoformat() not in dates.values()
