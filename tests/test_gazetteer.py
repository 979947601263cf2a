"""Behaviour of reportgen.vietnamese.gazetteer against the packaged administrative-unit table."""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from reportgen.vietnamese import gazetteer as g
from reportgen.vietnamese.gazetteer import Place

ROOT = Path(__file__).resolve().parent.parent


def provinces_of(places: list[Place]) -> set[str]:
    """Distinct province names of some places."""
    return {p.province for p in places}


def all_provinces(era: str) -> list[Place]:
    """Every province-level Place of an era, found through the public API."""
    return [p for n in g.province_names() for p in g.lookup(n, level="province", era=era)]


def test_import_does_not_parse_data() -> None:
    code = ("import reportgen.vietnamese.gazetteer as g; "
            "assert g._index.cache_info().currsize == 0; print('lazy')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "lazy"


def test_district_resolves_to_its_province() -> None:
    [place] = g.lookup("Thường Tín", "huyện")
    assert (place.province, place.level, place.kind, place.era) == ("Hà Nội", "district", "huyện",
                                                                   "pre2025")
    assert place.code == "279"


def test_chau_thanh_is_in_many_provinces() -> None:
    # The source README says 10; every one of the three lists has 10.
    assert len(provinces_of(g.lookup("Châu Thành", "huyện"))) == 10


def test_bao_lam_is_in_two_provinces() -> None:
    assert provinces_of(g.lookup("Bảo Lâm", "huyện")) == {"Cao Bằng", "Lâm Đồng"}


def test_accents_are_significant() -> None:
    assert provinces_of(g.lookup("Thanh Trì", "huyện")) == {"Hà Nội"}
    assert provinces_of(g.lookup("Thạnh Trị", "huyện")) == {"Sóc Trăng"}
    assert g.lookup("Thanh Tri") == []


@pytest.mark.parametrize("variant", ["Hoà Bình", "hòa bình", "  HOÀ   BÌNH ",
                                     unicodedata.normalize("NFD", "Hoà Bình")])
def test_tone_style_case_and_spacing_variants_match(variant: str) -> None:
    expected = g.lookup("Hòa Bình")
    assert expected and g.lookup(variant) == expected
    assert any(p.level == "province" and p.name == "Hòa Bình" for p in expected)


def test_thuy_variants_match() -> None:
    assert g.lookup("Thái Thuỵ", "huyện") == g.lookup("Thái Thụy", "huyện") != []


def test_vinh_long_is_province_and_city() -> None:
    found = {(p.level, p.kind) for p in g.lookup("Vĩnh Long")}
    assert ("province", "tỉnh") in found and ("district", "thành phố") in found
    [city] = g.lookup("Vĩnh Long", "thành phố")  # a provincial city, not the province
    assert city.level == "district" and city.province == "Vĩnh Long"


def test_centrally_run_city_is_a_province_that_answers_to_thanh_pho() -> None:
    places = g.lookup("Hà Nội", "thành phố")
    assert places and all(p.level == "province" and p.kind == "tỉnh" for p in places)
    assert {p.era for p in places} == {"pre2025", "2025"}
    assert g.lookup("Thành phố Hà Nội") == places
    assert g.lookup("Hà Nội", "tỉnh") == places


def test_kind_words_are_stripped_from_official_names() -> None:
    [town] = g.lookup("Kiến Tường", "thị xã")
    assert (town.level, town.province) == ("district", "Long An")
    [seat] = g.lookup("Thị trấn Thường Tín")
    assert (seat.kind, seat.district, seat.district_kind) == ("thị trấn", "Thường Tín", "huyện")
    assert g.lookup("Thị xã Kiến Tường") == [town]
    assert g.lookup("Kiến Tường", "huyện") == []


def test_numeric_units_are_kept_and_zero_padding_ignored() -> None:
    [district] = g.lookup("Quận 1")
    assert (district.name, district.kind, district.province) == ("1", "quận", "Hồ Chí Minh")
    wards = g.lookup("Phường 5", province="Hồ Chí Minh", era="pre2025")
    assert len(wards) >= 5
    assert g.lookup("Phường 05", province="Hồ Chí Minh", era="pre2025") == wards
    assert g.lookup("5", "phường", province="Hồ Chí Minh", era="pre2025") == wards
    # The 2020/2021 lists write "Phường 05", the 2025 one "Phường 5": one Place per ward.
    in_district_6 = [w for w in wards if w.district == "6"]
    assert len(in_district_6) == 1


def test_dedup_keeps_one_place_with_the_most_recent_code() -> None:
    # Phường Hàm Rồng (Sa Pa) was coded 03002 in 2020 and 03016 from 2021.
    [ward] = g.lookup("Hàm Rồng", "phường", province="Lào Cai")
    assert ward.code == "03016"
    assert len(g.lookup("Phúc Xá", "phường", era="pre2025")) == 1


def test_province_counts() -> None:
    pre = all_provinces("pre2025")
    new = all_provinces("2025")
    # 63 provinces; code 46 is listed as Thừa Thiên Huế (2020, 2021) and as Huế (2025-01).
    assert len({p.code for p in pre}) == 63
    assert {p.name for p in pre if p.code == "46"} == {"Thừa Thiên Huế", "Huế"}
    assert len(new) == len({p.name for p in new}) == 34
    # Every post-2025 province keeps the name of one of the old ones.
    assert {p.name for p in new} <= {p.name for p in pre}
    names = g.province_names()
    assert len(names) == len(set(names)) == 64
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)


def test_is_province() -> None:
    assert g.is_province("Long An") and g.is_province("Tỉnh Long An")
    assert g.is_province("Thành phố Hồ Chí Minh") and g.is_province("thừa thiên huế")
    assert not g.is_province("Thường Tín")
    assert not g.is_province("Thành phố Vĩnh Long")  # the provincial city


def test_districts_of_a_province() -> None:
    hanoi = g.districts("Hà Nội")
    assert len(hanoi) == 30 and all(p.level == "district" for p in hanoi)
    assert {p.kind for p in hanoi} == {"quận", "huyện", "thị xã"}
    # Thừa Thiên Huế was renamed Huế: both names reach the same districts.
    assert g.districts("Thừa Thiên Huế") == g.districts("Huế") != []
    assert g.districts("Tỉnh Vĩnh Long") == g.districts("Vĩnh Long")


def test_province_filter_accepts_renamed_province() -> None:
    assert g.lookup("Phú Vang", "huyện", province="Thừa Thiên Huế") == \
        g.lookup("Phú Vang", "huyện", province="Huế") != []


def test_successors_of_a_pre2025_commune() -> None:
    [old] = g.lookup("Phúc Xá", "phường", province="Hà Nội", era="pre2025")
    new = g.successors(old)
    assert new and all(p.era == "2025" and p.level == "commune" for p in new)
    assert provinces_of(new) == {"Hà Nội"}
    assert all(p.district is None for p in new)
    # Ngọc Hà (Ba Đình) was split between two new wards.
    [split] = g.lookup("Ngọc Hà", "phường", province="Hà Nội", era="pre2025")
    assert len(g.successors(split)) == 2


def test_successors_unknown_or_not_applicable() -> None:
    [province] = g.lookup("Long An", "tỉnh", era="pre2025")
    assert g.successors(province) == []
    made_up = Place("Nowhere", "xã", "commune", "Hà Nội", "Ba Đình", "quận", "99999", "pre2025")
    assert g.successors(made_up) == []


def test_special_zones_after_2025() -> None:
    found = {(p.era, p.kind, p.province) for p in g.lookup("Côn Đảo")}
    assert found == {("pre2025", "huyện", "Bà Rịa - Vũng Tàu"), ("2025", "đặc khu", "Hồ Chí Minh")}


def test_filters_and_bad_arguments() -> None:
    assert all(p.level == "commune" for p in g.lookup("Hòa Bình", level="commune"))
    assert all(p.era == "2025" for p in g.lookup("Hà Nội", era="2025"))
    assert g.lookup("Thường Tín", "Huyện") == g.lookup("Thường Tín", "huyện")
    with pytest.raises(ValueError):
        g.lookup("Hà Nội", "TP")
    with pytest.raises(ValueError):
        g.lookup("Hà Nội", level="region")
    with pytest.raises(ValueError):
        g.lookup("Hà Nội", era="2030")


def test_old_and_new_spellings_of_a_bare_i_y_find_the_same_place() -> None:
    # The pre-2025 lists write "Phú Quí", the 2025 list and the papers "Phú Quý": one place, spelt "Quý".
    found = g.lookup("Phú Quý", "huyện")
    assert provinces_of(found) == {"Bình Thuận"} and {p.name for p in found} == {"Phú Quý"}
    assert g.lookup("Phú Quí", "huyện") == found
    assert g.lookup("Kì Anh", "thị xã") == g.lookup("Kỳ Anh", "thị xã") != []
    # other accents still matter
    assert g.lookup("Phú Quỳ", "huyện") == []


SOURCES = Path("/work/shared/gazetteer")


@pytest.mark.skipif(not (SOURCES / "conversion_2025-07.csv").exists(), reason="sources absent")
def test_packaged_table_is_what_the_build_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer.tsv"
    script = ROOT / "scripts" / "build_gazetteer.py"
    run = subprocess.run([sys.executable, str(script), str(SOURCES), str(out)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    packaged = ROOT / "reportgen" / "vietnamese" / "data" / "gazetteer.tsv"
    assert out.read_bytes() == packaged.read_bytes()


def test_a_name_written_glued_finds_the_place_listed_apart() -> None:
    found = g.lookup("Đakrông", "huyện")
    assert [(p.name, p.province) for p in found] == [("Đa Krông", "Quảng Trị")]
    assert g.lookup("KrôngPa", level="district")[0].name == "Krông Pa"
    # the exact name of another kind is still found first, and a glued name of nothing is nothing
    assert g.lookup("Đakrông", "xã")[0].name == "Đakrông"
    assert g.lookup("Hàtĩnhxyz") == []
