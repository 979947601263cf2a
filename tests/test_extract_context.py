"""Unit, dates and years: how the extractor reads the frame of an article."""
from __future__ import annotations

from datetime import date

import pytest

from reportgen.extract import extract
from reportgen.extract.times import find_published
from reportgen.model import Fact, Source, Unit, slugify


def run(text: str):
    return extract(Source("t.txt", text))


@pytest.mark.parametrize("header,expected", [
    ("Tin tức\n\nTiêu đề bài viết về Đảng bộ\n02/03/2020 | 10:30\n", date(2020, 3, 2)),
    ("Thứ Năm, 30/5/2024\nVĩnh Phúc\nThứ Năm, 1/12/2022 8:31'(GMT+7)\n", date(2022, 12, 1)),
    ("Cập nhật ngày: 26/03/2023 05:57:12\n", date(2023, 3, 26)),
    ("Ngày đăng 07/06/2018 | 02:57  | View count: 220\n", date(2018, 6, 7)),
    ("Cập nhật lúc 09:24, Thứ Hai, 22/10/2018 (GMT+7)\n", date(2018, 10, 22)),
    ("Hà Nội, ngày 15 tháng 12 năm 2019\n", date(2019, 12, 15)),
])
def test_published_dates(header: str, expected: date) -> None:
    assert find_published(header + "\nNội dung bài viết.") == expected


def test_dates_inside_body_sentences_are_not_publication_dates() -> None:
    body = ("Chương trình hành động số 42 ngày 6/12/2022 của Ban Chấp hành Đảng bộ tỉnh về tăng cường củng cố, "
            "xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới được triển khai.")
    assert find_published(body) is None


def test_container_hint_wins() -> None:
    assert find_published("02/03/2020 | 10:30", "2021-05-04T08:00:00") == date(2021, 5, 4)


@pytest.mark.parametrize("text,unit", [
    ("Huyện ủy Thường Tín tổ chức hội nghị\nNăm 2019, Huyện ủy Thường Tín kết nạp 20 đảng viên.",
     Unit("Thường Tín", "huyện", "Hà Nội")),
    ("Đảng ủy xã Thượng Trưng kết nạp đảng viên\nĐảng bộ xã Thượng Trưng, huyện Vĩnh Tường có 400 đảng viên.",
     Unit("Thượng Trưng", "xã", "Vĩnh Phúc")),
    ("Quận ủy Ba Đình tổng kết công tác xây dựng Đảng\nĐảng bộ quận Ba Đình có 120 tổ chức cơ sở đảng.",
     Unit("Ba Đình", "quận", "Hà Nội")),
    ("HUYỆN TÂN HỒNG\n\nNâng cao chất lượng đảng viên\nHuyện ủy Tân Hồng chỉ đạo.",
     Unit("Tân Hồng", "huyện", "Đồng Tháp")),
    # a district that speaks as "Huyện ủy" with a name of two provinces: the one the text names
    ("Phát triển đảng viên ở vùng sâu\n\nNăm 2014, công tác phát triển đảng viên ở huyện Phú Tân có nhiều chuyển "
     "biến.\n\nTại Phú Tân, Huyện ủy đã chỉ đạo mở 5 lớp bồi dưỡng. Tổng số đảng viên toàn Đảng bộ huyện là 3.416 đồng "
     "chí. Ban Thường vụ Huyện ủy giao chỉ tiêu cho từng chi bộ. Đảng ủy xã Tân Hưng Tây kết nạp 12 đảng viên, xã Tân "
     "Hưng Tây xóa được chi bộ ghép. Năm 2014, toàn tỉnh Cà Mau kết nạp trên 2.100 đảng viên.",
     Unit("Phú Tân", "huyện", "Cà Mau")),
    # after the merger: the ward of now, not the old ward of the old province it was made from
    ("Phường Đông Hòa ổn định tổ chức sau sắp xếp\n\nSau 3 tháng vận hành chính quyền địa phương 2 cấp, Đảng bộ "
     "phường Đông Hòa (TP. Hồ Chí Minh) đi vào nền nếp. Phường được thành lập từ các phường Đông Hòa, Tân Đông Hiệp "
     "(cũ) thuộc TP. Dĩ An, tỉnh Bình Dương (cũ). Hiện Đảng bộ phường có 1.020 đảng viên.",
     Unit("Đông Hòa", "phường", "Hồ Chí Minh")),
    # a town the title names, with its district and the communes around it
    ("Thị trấn Cái Nhum tổ chức Đại hội Đảng bộ lần thứ XII\n\nĐảng bộ thị trấn Cái Nhum (huyện Mang Thít) tổ chức "
     "Đại hội đại biểu, nhiệm kỳ 2020 - 2025. Đây là đơn vị được Ban Thường vụ Huyện ủy Mang Thít chọn đại hội "
     "điểm. Dự đại hội có lãnh đạo Huyện ủy Mang Thít, Đảng ủy xã Mỹ An và Đảng ủy xã Chánh An.",
     Unit("Cái Nhum", "thị trấn", "Vĩnh Long")),
    # a bare title name of a district elsewhere, and the text names the town of that name
    ("Vụ Bản: Trao Huy hiệu Đảng\n\nSáng 2/2, Đảng bộ thị trấn Vụ Bản, huyện Lạc Sơn tổ chức lễ trao Huy hiệu "
     "Đảng cho 13 đảng viên.", Unit("Vụ Bản", "thị trấn", "Hòa Bình")),
    # a city that speaks as "Đảng bộ thành phố" and names only one of its wards: the city, not the ward
    ("Thành ủy tổng kết công tác kiểm tra năm 2017\n\nNăm 2017, các cấp ủy trong Đảng bộ thành phố đã thi hành kỷ luật "
     "41 đảng viên. Ban Thường vụ Thành ủy chỉ đạo rút kinh nghiệm. Riêng Đảng ủy phường Tân Lợi đã thi hành kỷ luật "
     "4 đảng viên. Toàn Đảng bộ thành phố hiện có 77 tổ chức cơ sở đảng.",
     Unit("Buôn Ma Thuột", "thành phố", "Đắk Lắk")),
    # a district's section heads the title, the commune's committee is named with that district
    ("Hòa Vang: Trao Huy hiệu Đảng cho 12 đảng viên xã Hòa Phú\n\nSáng 7-11, Đảng ủy xã Hòa Phú (Hòa Vang) tổ chức "
     "lễ trao Huy hiệu Đảng. Phó Bí thư Thường trực Huyện ủy Hòa Vang trao Huy hiệu. Lãnh đạo Huyện ủy Hòa Vang, "
     "Đảng ủy xã Hòa Ninh cùng dự.", Unit("Hòa Phú", "xã", "Đà Nẵng")),
    # a Party document's header: the committee under its superior's line issues it
    ("ĐẢNG BỘ TỈNH THANH HÓA\nHUYỆN ỦY THỌ XUÂN\n*\nSố: 215-BC/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nThọ Xuân, ngày 28 tháng 6 "
     "năm 2022\n\nBÁO CÁO\nsơ kết công tác xây dựng Đảng 6 tháng đầu năm 2022\n\nBan Thường vụ Tỉnh ủy chỉ đạo; "
     "Tỉnh ủy giao chỉ tiêu. Toàn tỉnh kết nạp 2.100 đảng viên; huyện kết nạp 120 đảng viên.",
     Unit("Thọ Xuân", "huyện", "Thanh Hóa")),
    ("ĐẢNG BỘ HUYỆN ĐẮK MIL\nĐẢNG ỦY THỊ TRẤN ĐẮK MIL\n*\nSố 46-BC/ĐU\n\nBÁO CÁO\nSơ kết 6 tháng đầu năm 2024\n\n"
     "Đảng ủy thị trấn kết nạp 7 đảng viên.", Unit("Đắk Mil", "thị trấn", "Đắk Nông")),
    # a dash spaced or not in a city's name
    ("Khai giảng lớp bồi dưỡng tại TP. Phan Rang – Tháp Chàm\n\nSáng 9-9, Trung tâm Chính trị thành phố Phan Rang - "
     "Tháp Chàm khai giảng lớp. Thành ủy Phan Rang-Tháp Chàm chỉ đạo.", Unit("Phan Rang - Tháp Chàm", "thành phố",
                                                                          "Ninh Thuận")),
    # "TT" for thị trấn, and a town the lists (2020 on) no longer hold: its district's province
    ("Đảng bộ TT Cầu Gồ tổng kết công tác Đảng năm 2012\n\nNgày 26/12/2012, Đảng bộ thị trấn Cầu Gồ tổ chức hội nghị; "
     "dự có Trưởng Ban Dân vận Huyện ủy Yên Thế.", Unit("Cầu Gồ", "thị trấn", "Bắc Giang")),
    # a ward of a name in two provinces, with its district abbreviated and glued ("Q.Ninh Kiều")
    ("PHƯỜNG AN KHÁNH\nSơ kết công tác xây dựng Đảng 6 tháng đầu năm 2021\n\nSáng ngày 08/7/2021, Đảng ủy phường An "
     "Khánh (Q.Ninh Kiều) tổ chức hội nghị sơ kết.", Unit("An Khánh", "phường", "Cần Thơ")),
    # an island district, and a name the older lists spell "Quí"
    ("Tổng kết công tác xây dựng Đảng năm 2019\nĐảng bộ huyện đảo Lý Sơn có 1.156 đảng viên.",
     Unit("Lý Sơn", "huyện", "Quảng Ngãi")),
    ("Phú Quý tổng kết năm 2019\nNăm 2019, Huyện ủy Phú Quý lãnh đạo kết nạp 42 đảng viên mới.",
     Unit("Phú Quý", "huyện", "Bình Thuận")),
    # a town that became a city before the lists began (2020): the article's kind, the lists' place
    ("Năm 2016, Đảng bộ thị xã Hà Tiên kết nạp 95 đảng viên, đạt 105% chỉ tiêu. Thị ủy Hà Tiên chỉ đạo các chi bộ.",
     Unit("Hà Tiên", "thị xã", "Kiên Giang")),
    # an excerpt that opens mid-word: no headline after its first paragraph, so the short sentence
    # at its end does not make every unit before it a title's
    ("ểm tra Tỉnh ủy Bình Định tổ chức hội nghị tổng kết công tác kiểm tra, giám sát và thi hành kỷ luật đảng năm "
     "2014, triển khai nhiệm vụ năm 2015, với sự tham dự của lãnh đạo các ban xây dựng Đảng và ủy ban kiểm tra các "
     "huyện ủy, thị ủy, thành ủy trực thuộc.\n\nNăm 2014, toàn Đảng bộ tỉnh đã thi hành kỷ luật 148 đảng viên. Riêng "
     "Đảng bộ thị xã An Nhơn thi hành kỷ luật 31 đảng viên.\n\nQua kiểm tra, các cấp đã kiến nghị thu hồi hơn 2 tỷ đồng.",
     Unit("Bình Định", "tỉnh", "Bình Định")),
    # a commune's history: the district it was under is its superior, not its subject
    ("Năm 1975: Chi bộ thôn Phong Nam (tiền thân của Đảng bộ xã Hòa Châu hiện nay) trực thuộc đảng bộ huyện Hòa Vang "
     "được chia tách theo quyết nghị của BTV huyện ủy Hòa Vang.\n\nĐầu năm 1990, Huyện ủy Hòa Vang quyết định thành "
     "lập Đảng bộ xã Hòa Châu. Đến nay số đảng viên là 312 đồng chí; đồng chí Trần B làm bí thư đảng ủy xã.",
     Unit("Hòa Châu", "xã", "Đà Nẵng")),
    # a highland name the article writes glued and the lists apart: the article's spelling
    ("Huyện ủy Đakrông sơ kết 6 tháng đầu năm 2024\n\nToàn Đảng bộ huyện kết nạp 47 đảng viên.",
     Unit("Đakrông", "huyện", "Quảng Trị")),
    # a district of a centrally-run city that speaks as "Đảng bộ quận", "Quận ủy", and a paragraph on
    # the city above ("Toàn Đảng bộ thành phố Hải Phòng" is named, no speaker)
    ("góp phần hoàn thành các chỉ tiêu năm 2015 của quận.\n\nTheo báo cáo của Ban Thường vụ Quận ủy Ngô Quyền, "
     "Đảng bộ quận có 72 tổ chức cơ sở đảng. Năm 2015 kết nạp 247 đảng viên, đạt 98,8 % chỉ tiêu Thành ủy giao. "
     "Thực hiện Chỉ thị 29 của Ban Thường vụ Thành ủy, Quận ủy mở 9 lớp bồi dưỡng. Đảng bộ quận kết nạp 20 đảng "
     "viên trẻ.\n\nToàn Đảng bộ thành phố Hải Phòng năm 2015 kết nạp 4.812 đảng viên.",
     Unit("Ngô Quyền", "quận", "Hải Phòng")),
    # a ward named once in a parenthesis after a grade: an aside of the town that speaks as "thị xã"
    ("lãnh đạo của Ban Thường vụ Tỉnh ủy.\n\nNăm 2016, Đảng bộ thị xã kết nạp 142 đảng viên. Trong số 38 TCCSĐ có "
     "9 tổ chức hoàn thành xuất sắc nhiệm vụ và 1 không hoàn thành nhiệm vụ (Đảng bộ phường Thống Nhất). Năm 2017, "
     "Thị ủy Buôn Hồ đề ra mục tiêu kết nạp 130 đảng viên.", Unit("Buôn Hồ", "thị xã", "Đắk Lắk")),
    # a district name of many provinces, told by the communes it names
    ("Huyện ủy Châu Thành trao Huy hiệu Đảng\n\nNgày 2-2, Huyện ủy Châu Thành trao quyết định kết nạp Đảng cho 12 "
     "quần chúng ưu tú của các xã Long Hưng, Tam Hiệp, Bình Đức.", Unit("Châu Thành", "huyện", "Tiền Giang")),
])
def test_units(text: str, unit: Unit) -> None:
    assert run(text).unit == unit


def test_ambiguous_name_resolved_by_province_mention() -> None:
    e = run("Bảo Lâm giảm 3 chi bộ cơ sở\nHuyện ủy Bảo Lâm cho biết, chi bộ được chuyển về Đảng bộ Khối "
            "Các cơ quan tỉnh Lâm Đồng.")
    assert e.unit == Unit("Bảo Lâm", "huyện", "Lâm Đồng")
    e = run("Bảo Lâm giảm 3 chi bộ cơ sở\nHuyện ủy Bảo Lâm cho biết như vậy.")
    assert e.unit is not None and e.unit.province is None
    assert any("đơn vị không rõ" in w for w in e.warnings)


def test_two_districts_side_by_side_are_read_as_the_first_with_a_warning_and_without_the_others_figures() -> None:
    e = run("Thọ Xuân, Triệu Sơn: nâng chất lượng phát triển đảng viên\n\nNăm 2018, Đảng bộ huyện Thọ Xuân kết nạp 412 "
            "đảng viên; Đảng bộ huyện có 12.846 đảng viên.\n\nTại Triệu Sơn, năm 2018 các TCCSĐ đã kết nạp 287 đảng "
            "viên; toàn Đảng bộ huyện hiện có gần 9.500 đảng viên.")
    assert e.unit == Unit("Thọ Xuân", "huyện", "Thanh Hóa")
    assert any("Triệu Sơn" in w for w in e.warnings)
    got = {(f.metric, f.value) for f in e.facts}
    assert ("members_admitted", 412) in got and not {("members_admitted", 287), ("members_total", 9500)} & got


def test_a_paragraph_on_another_unit_of_the_same_level_keeps_its_figures() -> None:
    e = run("Thành ủy Tuy Hòa tổng kết năm 2023\n\nNăm 2023, Đảng bộ thành phố Tuy Hòa kết nạp 236 đảng viên.\n\n"
            "Cùng ngày, Thị ủy Sông Cầu cũng tổ chức hội nghị tổng kết. Năm 2023, Đảng bộ thị xã kết nạp 118 đảng "
            "viên; toàn Đảng bộ hiện có 4.207 đảng viên. Đảng bộ thành phố Tuy Hòa hiện có 8.914 đảng viên.")
    got = {(f.metric, f.value) for f in e.facts}
    assert {("members_admitted", 236), ("members_total", 8914)} <= got
    assert not {("members_admitted", 118), ("members_total", 4207)} & got
    # the sibling's own sentence: its "toàn huyện" after a semicolon is the sibling too
    e = run("Huyện ủy Bình Sơn tổng kết năm 2023\n\nHiện Đảng bộ huyện Bình Sơn có 49 TCCSĐ với gần 6.400 đảng viên.\n\n"
            "Cùng thời gian này, Đảng bộ huyện Sơn Tịnh cũng kết nạp 178 đảng viên; nâng tổng số đảng viên toàn huyện "
            "lên 5.904 đồng chí.")
    got = {(f.metric, f.value) for f in e.facts}
    assert ("members_total", 6400) in got and not {("members_admitted", 178), ("members_total", 5904)} & got
    # a commune named in passing does not carry: the next sentence is the district's again
    e = run("Huyện ủy Thường Tín tổng kết năm 2019\n\nĐảng ủy xã Tô Hiệu kết nạp 12 đảng viên. Năm 2019, kết nạp "
            "273 đảng viên mới.")
    assert ("members_admitted", 273) in {(f.metric, f.value) for f in e.facts}


def test_a_commune_that_never_names_itself_is_not_the_city_its_guests_came_from() -> None:
    e = run("Tổng kết công tác xây dựng Đảng năm 2012\n\nChiều ngày 27/12, Đảng ủy xã tổ chức hội nghị tổng kết. Đến "
            "dự có đại diện Ban Tổ chức Thành ủy Long Xuyên.\n\nĐảng bộ xã hiện có 312 đảng viên sinh hoạt ở 14 chi "
            "bộ. Trong năm, Đảng ủy xã kết nạp được 11 đảng viên.")
    assert e.unit is None and any("xã" in w for w in e.warnings)
    assert {("members_total", 312), ("members_admitted", 11)} <= {(f.metric, f.value) for f in e.facts}


def test_a_district_articles_unnamed_commune_and_one_chi_bo_in_the_title_are_sub_units() -> None:
    e = run("Sơn Dương: trao Huy hiệu Đảng\n\nNăm 2012, Đảng bộ huyện Sơn Dương có 11.240 đảng viên. Cao tuổi nhất là "
            "cụ Hoàng Văn A, đảng viên Chi bộ thôn Đồng Tâm, xã Tân Trào; Đảng bộ xã hiện có 312 đảng viên.")
    got = {(f.metric, f.value) for f in e.facts}
    assert ("members_total", 11240) in got and ("members_total", 312) not in got
    e = run("Chi bộ thôn Nà Sài (Tùng Bá) sinh hoạt chuyên đề\n\nChi bộ thôn Nà Sài, xã Tùng Bá có 34 đảng viên. Năm "
            "2018, chi bộ kết nạp 2 đảng viên mới.")
    assert not e.facts and e.warnings


def test_an_unlisted_town_that_speaks_as_its_kind_is_read_with_its_districts_province() -> None:
    e = run("Đảng bộ TT Cầu Gồ tổng kết công tác Đảng năm 2012\n\nNgày 26/12/2012, Đảng bộ thị trấn Cầu Gồ tổ chức hội "
            "nghị. Dự hội nghị có Trưởng Ban Dân vận Huyện ủy Yên Thế. Năm 2012 Đảng bộ thị trấn có 497 ĐV; Đảng ủy "
            "thị trấn kết nạp 11 ĐV. Toàn thị trấn có 21 chi bộ.")
    assert e.unit == Unit("Cầu Gồ", "thị trấn", "Bắc Giang") and e.warnings


def test_no_unit_is_a_warning() -> None:
    e = run("Một bài viết không nói về đơn vị nào.\nCó 20 người tham dự.")
    assert e.unit is None and e.warnings


def test_years_frame_following_sentences_of_a_paragraph() -> None:
    e = run("Huyện ủy Thường Tín tổng kết\n\nNăm 2019, công tác xây dựng Đảng đạt kết quả tốt. "
            "Toàn huyện kết nạp 273 đảng viên mới.\n\nHiện nay Đảng bộ huyện có 9.240 đảng viên.")
    years = {f.metric: f.year for f in e.facts}
    assert years["members_admitted"] == 2019
    assert years["members_total"] == 2019  # a present-tense figure takes the report year
    assert e.report_year == 2019


def test_a_year_a_colon_ends_frames_the_sentences_after_it() -> None:
    e = run("Huyện ủy Thường Tín sơ kết 6 tháng đầu năm 2020\n\nTrong 6 tháng, Đảng bộ huyện kết nạp 95 đảng viên. "
            "Hội nghị cũng nhìn lại kết quả đánh giá, xếp loại năm 2019: 140 tổ chức cơ sở đảng hoàn thành tốt "
            "nhiệm vụ trở lên. Về đảng viên, 8.120 đồng chí hoàn thành tốt nhiệm vụ trở lên.")
    years = {f.metric: f.year for f in e.facts}
    assert years["orgs_good_or_above"] == 2019 and years["members_good_or_above"] == 2019
    assert years["members_admitted"] == 2020


def test_a_figures_own_year_frames_no_other_and_a_count_raised_over_a_term_is_now() -> None:
    e = run("Đại hội Đảng bộ huyện Thường Tín nhiệm kỳ 2020 - 2025\n\nNhiệm kỳ 2015 - 2020, Đảng bộ huyện kết nạp "
            "1.450 đảng viên mới; số đảng viên từ 8.500 đồng chí (năm 2015) tăng lên 9.240 đồng chí.")
    got = {(f.metric, f.value, f.year) for f in e.facts}
    assert ("members_admitted", 1450, None) in got  # a term's flow has no year
    assert ("members_total", 9240, 2020) in got and ("members_total", 9240, 2015) not in got
    assert ("members_total", 8500, 2015) in got  # the count the term started from, of its own year
    # without its own year the count raised from is no fact
    assert not any(f.value == 8500 for f in run("Huyện ủy Thường Tín\n\nNhiệm kỳ 2015 - 2020, số đảng viên "
                                                 "từ 8.500 đồng chí tăng lên 9.240 đồng chí.").facts)


def test_adjacent_years_and_terms() -> None:
    e = run("Thị ủy Kiến Tường\n\nTrong nhiệm kỳ, Đảng bộ thị xã kết nạp thêm 379 ĐV, nâng tổng số ĐV trong "
            "toàn Đảng bộ từ 1.564 ĐV năm 2015 lên 1.985 ĐV năm 2019.")
    got = {(f.metric, f.value, f.year) for f in e.facts}
    assert {("members_admitted", 379, None), ("members_total", 1564, 2015), ("members_total", 1985, 2019)} <= got


def test_evidence_maps_into_the_original_through_normalisation() -> None:
    original = "Huyện uỷ Thường Tín\r\n\r\nNăm 2019,\u00a0toàn huyện đã kết nạp 27\u200b3 đảng viên mới."
    e = extract(Source("t.txt", original))
    fact = next(f for f in e.facts if f.metric == "members_admitted")
    assert fact.value == 273
    assert original[fact.evidence.start:fact.evidence.end] == fact.evidence.text
    assert "27\u200b3" in fact.evidence.text


def test_model_helpers() -> None:
    unit = Unit("Thường Tín", "huyện", "Hà Nội")
    assert unit.label == "huyện Thường Tín" and unit.committee == "Huyện ủy Thường Tín"
    assert unit.slug == "huyen-thuong-tin" and unit.level == "district"
    assert Unit("Đông Hòa", "xã").slug == "xa-dong-hoa"
    assert slugify("Thành phố Hồ Chí Minh") == "thanh-pho-ho-chi-minh"
    fact = Fact("members_total", 9240, year=2019)
    assert fact.to_json()["value"] == 9240 and fact.dedup_key == ("members_total", 9240, 2019)
    assert Source("a.txt", "x\ny\nz").line_of(4) == 3


def test_report_tables_and_heading_year() -> None:
    text = ("HUYỆN ỦY MƯỜNG LÁT\n\nBÁO CÁO kết quả công tác xây dựng Đảng năm 2022\n\n"
            "Chỉ tiêu | Số lượng\nTổng số đảng viên | 9.240\nSố đảng viên mới kết nạp | 273\n"
            "Số tổ chức cơ sở đảng | 54\n")
    e = run(text)
    assert e.report_year == 2022
    assert {(f.metric, f.value, f.year) for f in e.facts} == {
        ("members_total", 9240, 2022), ("members_admitted", 273, 2022), ("grassroots_orgs", 54, 2022)}
