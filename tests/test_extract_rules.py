"""Rule corpus of the extractor: for each metric, sentences that must and must not yield it.

Like Duckling's rule corpora: each example is a short article (a title line naming the unit, then
the sentence), the facts it must yield as (metric, value[, year]), and facts it must not yield.
"""
from __future__ import annotations

import pytest

from reportgen.extract import extract
from reportgen.model import Source

HEAD = "Huyện ủy Mường Lát tổng kết công tác xây dựng Đảng\n02/01/2021 | 08:00\n\n"


def facts_of(body: str, head: str = HEAD) -> set[tuple]:
    e = extract(Source("t.txt", head + body), keep_all=True)  # the rules' candidates, before the confidence step
    return {(f.metric, f.value) for f in e.facts} | {(f.metric, f.value, f.year) for f in e.facts}


POSITIVE = [
    # a later item of a structure list opened by "với"/"có", and attendees "với hơn N nghìn"
    ("Đến cuối năm 2009, toàn Đảng bộ huyện có 47 tổ chức cơ sở đảng (17 đảng bộ cơ sở, 30 chi bộ cơ sở), 251 chi bộ "
     "trực thuộc đảng ủy cơ sở và 5.836 đảng viên.",
     [("grassroots_orgs", 47), ("subordinate_cells", 251), ("members_total", 5836)]),
    ("Năm 2017, các trung tâm mở 482 lớp bồi dưỡng nhận thức về Đảng với hơn 30 nghìn lượt học viên.",
     [("awareness_classes", 482), ("awareness_attendees", 30000)]),
    # "trường hợp": members in a discipline count, and the compared year's in parentheses
    ("Năm 2022, toàn Đảng bộ huyện thi hành kỷ luật 12 trường hợp.", [("disciplined_members", 12, 2022)]),
    ("Năm 2022, toàn Đảng bộ huyện có 23 đảng viên bị thi hành kỷ luật, giảm 8 trường hợp so với năm 2021 "
     "(31 trường hợp).", [("disciplined_members", 23, 2022), ("disciplined_members", 31, 2021)]),
    # the member scale "đủ tư cách, hoàn thành ...", with or without its comma
    ("Năm 2015, có 4.488 đảng viên được đánh giá; trong đó 612 ĐV đủ tư cách, hoàn thành xuất sắc nhiệm vụ, 3.540 ĐV "
     "đủ tư cách hoàn thành tốt nhiệm vụ.", [("members_excellent", 612), ("members_good_or_above", 4152)]),
    ("Có 3.276 đảng viên được đánh giá, trong đó 3.031 đảng viên đủ tư cách hoàn thành tốt nhiệm vụ trở lên (có 504 "
     "đảng viên hoàn thành xuất sắc nhiệm vụ).", [("members_good_or_above", 3031), ("members_excellent", 504)]),
    # the old scale's "TSVM tiêu biểu" is a grade, not an award: the plain grade beside it counts
    ("Năm 2016: có 31/47 TCCSĐ đạt trong sạch vững mạnh (trong đó 9 TCCSĐ đạt TSVM tiêu biểu), 14 TCCSĐ hoàn thành "
     "tốt nhiệm vụ, 2 TCCSĐ hoàn thành nhiệm vụ.", [("orgs_rated", 47), ("orgs_completed", 2)]),
    # the rated totals: the whole a grade list counts within, the number said to be rated
    ("Kết quả đánh giá năm 2020: Trong 48 TCCSĐ có 9 tổ chức hoàn thành xuất sắc nhiệm vụ, 35 tổ chức hoàn thành tốt "
     "nhiệm vụ.", [("orgs_rated", 48), ("orgs_excellent", 9), ("orgs_good_or_above", 44)]),
    ("Tổng số đảng viên được đánh giá là 3.205 đ/c (miễn đánh giá 181 đ/c); kết quả: 3.098 ĐV hoàn thành tốt nhiệm vụ "
     "trở lên.", [("members_rated", 3205), ("members_good_or_above", 3098)]),
    ("Trong 3.205 đảng viên, có 412 đồng chí hoàn thành xuất sắc nhiệm vụ.", [("members_rated", 3205),
                                                                             ("members_excellent", 412)]),
    # women among the members, after "trong đó" or in a parenthesis
    ("Hiện Đảng bộ huyện có 4.297 đảng viên (nữ 1.071 đồng chí) sinh hoạt tại 48 tổ chức cơ sở đảng.",
     [("members_total", 4297), ("members_female", 1071)]),
    ("Đảng bộ huyện có 3.612 đảng viên, trong đó nữ 1.287 đồng chí.", [("members_female", 1287)]),
    ("Đến nay Đảng bộ huyện có 5.214 đảng viên (nữ 1.380), sinh hoạt ở 46 tổ chức cơ sở đảng.",
     [("members_total", 5214), ("members_female", 1380)]),
    # a grade word as an adverb before the figure's own verb
    ("Công tác phát triển đảng viên đạt kết quả khá, kết nạp 106 đảng viên mới, đạt 100% chỉ tiêu.",
     [("members_admitted", 106), ("admission_target_pct", 100)]),
    # typed slips of the noun, with a number in words
    ("Năm 2020, Đảng bộ huyện kết nạp được mười bốn đảng vien mới.", [("members_admitted", 14, 2020)]),
    ("Đảng bộ huyện hiện có 16 chi bộ cơ sở với 1.402 dảng viên.", [("members_total", 1402)]),
    # members_total
    ("Năm 2020, toàn huyện kết nạp 120 đảng viên mới, nâng tổng số đảng viên của Đảng bộ huyện lên 4.560 đồng chí.",
     [("members_total", 4560, 2020), ("members_admitted", 120, 2020)]),
    ("Đảng bộ huyện hiện có trên 3.200 đảng viên, sinh hoạt ở 45 tổ chức cơ sở đảng.",
     [("members_total", 3200), ("grassroots_orgs", 45)]),
    ("Tổng số đảng viên trong toàn Đảng bộ là 2.015, trong đó có 820 đảng viên nữ.",
     [("members_total", 2015), ("members_female", 820)]),
    ("Toàn Đảng bộ có 5.076 đảng viên; trong đó có 1.433 đảng viên nữ.",
     [("members_total", 5076), ("members_female", 1433)]),
    ("Toàn Đảng bộ có 31.946 đảng viên, trong đó đảng viên nữ 9.822 đồng chí.",
     [("members_total", 31946), ("members_female", 9822)]),
    ("Hiện nay, 2.480 đảng viên đang sinh hoạt tại 38 chi, đảng bộ cơ sở.",
     [("members_total", 2480), ("grassroots_orgs", 38)]),
    ("Năm 2015 Đảng bộ có 1.564 đảng viên, đến năm 2020 tăng lên 1.985 đảng viên.",
     [("members_total", 1564, 2015), ("members_total", 1985, 2020)]),
    # the compared year's figure in parentheses: same metric, that year
    ("Đảng bộ huyện hiện có 5.823 đảng viên, tăng 721 đảng viên so với năm 2015 (5.102 đảng viên).",
     [("members_total", 5823), ("members_total", 5102, 2015)]),
    ("Năm 2020, Đảng bộ kết nạp 215 đảng viên, tăng 12 đảng viên so với năm 2019 (năm 2019 kết nạp 203 đảng viên).",
     [("members_admitted", 215, 2020), ("members_admitted", 203, 2019)]),
    ("Năm 2020 có 8 tổ chức cơ sở đảng không hoàn thành nhiệm vụ, giảm 5 tổ chức so với năm 2019 (năm 2019 là 13 tổ chức).",
     [("orgs_failed", 8, 2020), ("orgs_failed", 13, 2019)]),
    ("So với năm 2019 (thi hành kỷ luật 31 đảng viên), số đảng viên bị thi hành kỷ luật giảm 8 trường hợp.",
     [("disciplined_members", 31, 2019)]),
    ("Về dự Đại hội có 200 đại biểu chính thức, thay mặt cho 1.386 đảng viên trong toàn Đảng bộ huyện.",
     [("members_total", 1386)]),
    ("Năm 2020, Đảng bộ kết nạp 149 đảng viên, nâng tổng số đảng viên toàn Đảng bộ lên hơn 7 nghìn đồng chí.",
     [("members_total", 7000, 2020), ("members_admitted", 149, 2020)]),
    ("Đảng bộ huyện hiện có 39 tổ chức cơ sở đảng, 4.812 đảng viên.",
     [("grassroots_orgs", 39), ("members_total", 4812)]),
    ("Đảng bộ huyện hiện có 17 chi bộ trực thuộc, 486 đảng viện.", [("members_total", 486)]),
    ("Năm 2020, có 17 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, 58 hoàn thành tốt nhiệm vụ, 6 hoàn thành "
     "nhiệm vụ, 1 không hoàn thành nhiệm vụ.",
     [("orgs_excellent", 17), ("orgs_completed", 6), ("orgs_failed", 1)]),
    ("Năm 2020, có 82 tổ chức cơ sở đảng được đánh giá (4 đơn vị mới thành lập chưa đủ thời gian đánh giá); trong "
     "đó 17 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ.", [("orgs_rated", 82), ("orgs_excellent", 17)]),
    ("Đảng bộ thị xã (được thành lập trên cơ sở hai huyện) hiện có 49 tổ chức cơ sở đảng với 4.735 đảng viên.",
     [("grassroots_orgs", 49), ("members_total", 4735)]),
    # members_admitted and target
    ("Năm 2020, Đảng bộ huyện kết nạp được 215 đảng viên, đạt 107,5% chỉ tiêu nghị quyết.",
     [("members_admitted", 215, 2020), ("admission_target_pct", 107.5, 2020)]),
    ("Trong năm 2019, có 98 đảng viên mới được kết nạp.", [("members_admitted", 98, 2019)]),
    ("Năm 2020, Trường Chính trị tỉnh đã mở 86 lớp với 4.300 lượt học viên.",
     [("training_classes", 86, 2020), ("training_attendees", 4300, 2020)]),
    ("Đảng bộ huyện có 58 tổ chức cơ sở đảng, với 612 chi bộ trực thuộc đảng ủy cơ sở và gần 11 nghìn đảng viên.",
     [("subordinate_cells", 612), ("members_total", 11000)]),
    ("Năm 2019, toàn Đảng bộ kết nạp 149 đảng viên, đạt 106,4%kế hoạch.",
     [("members_admitted", 149, 2019), ("admission_target_pct", 106.4, 2019)]),
    ("Năm 2019, Trung tâm Chính trị huyện mở 21 lớp bồi dưỡng lý luận chính trị, chuyên đề và nghiệp vụ công tác "
     "Đảng với 2.165 lượt học viên tham gia.", [("training_classes", 21, 2019), ("training_attendees", 2165, 2019)]),
    ("Từ đầu năm đến nay, Ban Thường vụ Huyện ủy đã kết nạp thêm 64 đảng viên mới (đạt 91%).",
     [("members_admitted", 64, 2021), ("admission_target_pct", 91)]),
    ("Công tác phát triển đảng viên đạt kết quả tốt, năm 2020 phát triển mới được 77 đảng viên.",
     [("members_admitted", 77, 2020)]),
    # organisations
    ("Đảng bộ huyện có 52 tổ chức cơ sở đảng (gồm 30 đảng bộ cơ sở và 22 chi bộ cơ sở), với 410 chi bộ trực thuộc đảng ủy cơ sở.",
     [("grassroots_orgs", 52), ("grassroots_committees", 30), ("grassroots_cells", 22), ("subordinate_cells", 410)]),
    ("Đảng bộ huyện hiện có 25 đảng bộ trực thuộc và 30 chi bộ cơ sở.",
     [("grassroots_committees", 25), ("grassroots_cells", 30)]),
    ("Số chi bộ trực thuộc đảng bộ cơ sở là 212.", [("subordinate_cells", 212)]),
    # ratings
    ("Qua đánh giá năm 2020, có 12/55 TCCSĐ hoàn thành xuất sắc nhiệm vụ, 38 TCCSĐ hoàn thành tốt nhiệm vụ, 4 TCCSĐ hoàn thành nhiệm vụ, 1 TCCSĐ không hoàn thành nhiệm vụ.",
     [("orgs_excellent", 12), ("orgs_rated", 55), ("orgs_good_or_above", 50), ("orgs_completed", 4),
      ("orgs_failed", 1)]),
    ("Có 3.100 đồng chí tham gia đánh giá chất lượng đảng viên, có 2.950 đảng viên hoàn thành tốt nhiệm vụ trở lên, trong đó 410 đảng viên hoàn thành xuất sắc nhiệm vụ.",
     [("members_rated", 3100), ("members_good_or_above", 2950), ("members_excellent", 410)]),
    ("Đối với đảng viên: hoàn thành tốt nhiệm vụ 2.682 đồng chí, trong đó hoàn thành xuất sắc nhiệm vụ 392 đồng chí; hoàn thành nhiệm vụ 105 đồng chí; không hoàn thành nhiệm vụ 9 đồng chí.",
     [("members_good_or_above", 2682), ("members_excellent", 392), ("members_completed", 105),
      ("members_failed", 9)]),
    ("Kết quả, có 50/53 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.",
     [("orgs_good_or_above", 50), ("orgs_rated", 53)]),
    # discipline
    ("Năm 2020, Ủy ban Kiểm tra Huyện ủy đã thi hành kỷ luật 02 tổ chức đảng và 31 đảng viên.",
     [("disciplined_orgs", 2, 2020), ("disciplined_members", 31, 2020)]),
    ("Trong năm, có 17 đảng viên bị thi hành kỷ luật.", [("disciplined_members", 17, 2021)]),
    # training
    ("Năm 2020, Trung tâm Chính trị huyện mở 24 lớp bồi dưỡng lý luận chính trị, nghiệp vụ cho 2.310 học viên.",
     [("training_classes", 24, 2020), ("training_attendees", 2310, 2020)]),
    ("Huyện ủy đã mở 3 lớp bồi dưỡng nhận thức về Đảng cho 265 quần chúng ưu tú.",
     [("awareness_classes", 3), ("awareness_attendees", 265)]),
    ("Đã cử 45 đảng viên đi đào tạo trung cấp lý luận chính trị.", [("training_attendees", 45)]),
    ("Tổ chức hai lớp bồi dưỡng kết nạp đảng cho 120 quần chúng.", [("training_classes", 2)]),
    ("Toàn Đảng bộ hiện có 48 tổ chức cơ sở đảng, 512 chi bộ trực thuộc với 6.325 đảng viên.",
     [("grassroots_orgs", 48), ("subordinate_cells", 512), ("members_total", 6325)]),
    ("Kết quả đánh giá năm 2022: có 15 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ (chiếm 27,3%); 36 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (chiếm 65,4%); 4 tổ chức cơ sở đảng hoàn thành nhiệm vụ.",
     [("orgs_excellent", 15), ("orgs_good_or_above", 51), ("orgs_completed", 4)]),
    ("Về chất lượng đảng viên, có 5.812 đảng viên được đánh giá, xếp loại, trong đó 982 đồng chí hoàn thành xuất sắc nhiệm vụ; 4.520 đồng chí hoàn thành tốt nhiệm vụ; 280 đồng chí hoàn thành nhiệm vụ; 30 đồng chí không hoàn thành nhiệm vụ.",
     [("members_rated", 5812), ("members_excellent", 982), ("members_good_or_above", 5502),
      ("members_completed", 280), ("members_failed", 30)]),
    ("Tổng số đảng viên toàn Đảng bộ: 4.211 đồng chí.", [("members_total", 4211)]),
    ("Trong năm, đã xem xét, thi hành kỷ luật 12 đảng viên (khiển trách 8, cảnh cáo 3, cách chức 1).",
     [("disciplined_members", 12)]),
    ("Tính đến 31/12/2022, Đảng bộ huyện có 5.000 đảng viên.", [("members_total", 5000, 2022)]),
    ("Năm 2022, Huyện ủy đã xét kết nạp 156 quần chúng ưu tú vào Đảng.", [("members_admitted", 156, 2022)]),
    ("Có 2.980/3.110 đảng viên hoàn thành tốt nhiệm vụ trở lên, đạt 95,8%.",
     [("members_good_or_above", 2980), ("members_rated", 3110)]),
    ("Trong năm tổ chức 6 lớp bồi dưỡng nhận thức về Đảng cho 412 quần chúng ưu tú; 4 lớp bồi dưỡng đảng viên mới cho 298 đồng chí.",
     [("awareness_classes", 6), ("awareness_attendees", 412), ("training_classes", 4),
      ("training_attendees", 298)]),
    ("Năm 2023, có 3 tổ chức cơ sở đảng không hoàn thành nhiệm vụ và 15 đảng viên không hoàn thành nhiệm vụ.",
     [("orgs_failed", 3, 2023), ("members_failed", 15, 2023)]),
    ("Đảng bộ hiện có 412 đảng viên sinh hoạt tại 18 chi bộ trực thuộc.",
     [("members_total", 412), ("subordinate_cells", 18)]),
]

NEGATIVE = [
    ("Năm 2017, Đảng bộ huyện thi hành kỷ luật 41 đảng viên. Về hình thức: khiển trách 27, cảnh cáo 9, cách chức 2, "
     "khai trừ 3 đảng viên.", [("disciplined_members", 3)]),
    ("Trong năm, Đảng bộ đã công nhận đảng viên chính thức 74 trường hợp, xóa tên 7 trường hợp.",
     ["members_total", "disciplined_members", "members_admitted"]),
    ("Năm 2020, Đảng bộ huyện kết nạp 211 đảng viên mới (nữ 95 đồng chí).", ["members_female"]),
    ("Đối với 60 cán bộ lãnh đạo, quản lý diện Ban Thường vụ Huyện ủy quản lý, có 9 đồng chí hoàn thành xuất sắc "
     "nhiệm vụ, 48 đồng chí hoàn thành tốt nhiệm vụ, 3 đồng chí hoàn thành nhiệm vụ.",
     ["members_excellent", "members_good_or_above", "members_completed"]),
    ("Một số đảng bộ xã như Phùng Xá, Hữu Bằng kết nạp từ 15 đảng viên trở lên.", ["members_admitted"]),
    ("Trong năm, đã xóa tên 7 đảng viên và cho ra khỏi Đảng 3 đảng viên.", ["disciplined_members", "members_total"]),
    ("Ủy ban Kiểm tra Huyện ủy đã kiểm tra, giám sát đối với 33 tổ chức đảng và 26 đảng viên.",
     ["disciplined_orgs", "disciplined_members", "members_total"]),
    ("Chỉ tiêu phát triển đảng viên mới năm 2021 của Đảng bộ huyện là 180 đảng viên.", ["members_admitted"]),
    ("Bình quân hằng năm phấn đấu kết nạp 150 đảng viên.", ["members_admitted"]),
    ("Toàn huyện có 15 xã, thị trấn có cán bộ chủ chốt không phải là người địa phương, trong đó 14 đồng chí là Bí thư.",
     ["members_total"]),
    ("Đảng ủy xã Tân Phú có 320 đảng viên, sinh hoạt ở 12 chi bộ.", ["members_total"]),
    ("Năm 2020, huyện hỗ trợ 500 nghìn đồng cho mỗi đảng viên có hoàn cảnh khó khăn.", ["members_total"]),
    ("Năm 2020, Trường Chính trị tỉnh đã mở 2 lớp tin học cho cán bộ.", ["training_classes"]),
    ("Đảng bộ có 39 tổ chức cơ sở đảng, 120 đảng viên được tặng Huy hiệu Đảng.", ["members_total"]),
    ("Năm 2020, huyện tổ chức 12 lớp quán triệt nghị quyết, chuyên đề với 3.400 lượt cán bộ, đảng viên tham gia.",
     ["training_attendees"]),
    ("Huyện đã tặng Huy hiệu 30 năm tuổi Đảng cho 65 đồng chí.", ["members_total", "members_admitted"]),
    ("Riêng khối xã, thị trấn đã kết nạp 88 đảng viên.", ["members_admitted"]),
    ("Đã giải thể 1 chi bộ, chuyển 24 đảng viên về Đảng bộ Khối Cơ quan tỉnh.", ["members_total", "grassroots_cells"]),
    ("Đào tạo thạc sĩ cho 11 đảng viên và đại học cho 28 đảng viên.", ["training_attendees"]),
    ("Hội nghị quán triệt Nghị quyết số 21 cho 6.452 cán bộ, đảng viên.", ["training_attendees", "members_total"]),
    ("Phát triển đảng viên vượt 11% so với kế hoạch năm 2016.", ["admission_target_pct"]),
    ("Có 95% đảng viên hoàn thành tốt nhiệm vụ trở lên.", ["members_good_or_above"]),
    ("Trong đó có 57 đảng viên nữ và 13 đảng viên là người dân tộc thiểu số được kết nạp năm 2018.",
     ["members_female"]),
    ("Năm 2020 kết nạp 108 đảng viên mới (trong đó có 57 đảng viên nữ).", ["members_female"]),
    ("Giảm 3 chi bộ cơ sở so với năm 2021.", ["grassroots_cells"]),
    ("33/66 TCCSĐ đạt trong sạch vững mạnh, trong đó có 6 TCCSĐ trong sạch vững mạnh tiêu biểu.",
     ["orgs_excellent", "orgs_good_or_above"]),
    ("Đối với chi bộ trực thuộc đảng ủy cơ sở: hoàn thành tốt nhiệm vụ 147/171, trong đó có 24 chi bộ hoàn thành xuất sắc nhiệm vụ.",
     ["orgs_excellent", "orgs_good_or_above", "orgs_rated"]),
    ("Đối với tập thể lãnh đạo, quản lý: hoàn thành xuất sắc nhiệm vụ 14/89.", ["orgs_excellent", "orgs_rated"]),
    ("Số đảng viên được miễn sinh hoạt, miễn đánh giá là 150 đồng chí.", ["members_total", "members_rated"]),
    ("Đảng bộ có 120 đảng viên 40 năm tuổi đảng.", ["members_total"]),
    ("Toàn huyện có 2.500 đảng viên là hội viên Hội Cựu chiến binh.", ["members_total"]),
    ("Ủy ban Kiểm tra các cấp đã kiểm tra 45 tổ chức đảng và 120 đảng viên khi có dấu hiệu vi phạm.",
     ["disciplined_orgs", "disciplined_members", "members_total"]),
    ("Chi bộ ấp Tân Lợi có 45 đảng viên, trong đó 12 đảng viên nữ.", ["members_total", "members_female"]),
    ("Kế hoạch số 54 ngày 6/12/2022 của Ban Thường vụ Huyện ủy về kết nạp đảng viên giai đoạn 2021 - 2025.",
     ["members_admitted"]),
]


@pytest.mark.parametrize("body,expected", POSITIVE, ids=[p[0][:50] for p in POSITIVE])
def test_rule_yields(body: str, expected: list[tuple]) -> None:
    got = facts_of(body)
    missing = [x for x in expected if x not in got]
    assert not missing, f"missing {missing}; got {sorted(g for g in got if len(g) == 2)}"


@pytest.mark.parametrize("body,forbidden", NEGATIVE, ids=[n[0][:50] for n in NEGATIVE])
def test_rule_does_not_yield(body: str, forbidden: list[str | tuple[str, int]]) -> None:
    # a metric name forbids the metric, a (metric, value) pair that one figure
    facts = facts_of(body)
    got = {g[0] for g in facts if len(g) == 2} | {g for g in facts if len(g) == 2}
    assert not (got & set(forbidden)), f"unexpected {sorted(map(str, got & set(forbidden)))} in {sorted(map(str, facts))}"


def test_the_structure_after_a_merger_is_a_count_and_the_organisations_directly_under_the_unit_its_own() -> None:
    head = "Đảng ủy xã Hòa Tiến sơ kết công tác xây dựng Đảng\n20/08/2025 | 08:00\n\n"
    got = facts_of("Sau sáp nhập, Đảng bộ xã có 41 tổ chức cơ sở đảng, gồm 3 đảng bộ cơ sở (với 12 chi bộ trực "
                   "thuộc) và 38 chi bộ cơ sở.", head)
    assert {("grassroots_orgs", 41), ("grassroots_committees", 3), ("subordinate_cells", 12),
            ("grassroots_cells", 38)} <= got
    got = facts_of("Sau sắp xếp, Đảng bộ xã có 60 tổ chức đảng trực thuộc, gồm 2 đảng bộ cơ sở, 17 chi bộ cơ sở và "
                   "41 chi bộ trực thuộc, với 1.650 đảng viên.", head)
    assert {("grassroots_committees", 2), ("grassroots_cells", 17), ("subordinate_cells", 41)} <= got
    # a merger that changes the structure is no count of it
    assert ("grassroots_orgs", 5) not in facts_of("Năm 2025, Đảng ủy xã đã sáp nhập 5 tổ chức cơ sở đảng.", head)


def test_abbreviated_kinds_do_not_end_a_sentence_and_say_whose_a_figure_is() -> None:
    head = "Đảng ủy phường Vĩnh Hải tổng kết năm 2023\n20/12/2023 | 08:00\n\n"
    got = facts_of("Đảng bộ phường Vĩnh Hải có 612 đảng viên. Toàn Đảng bộ TP. Nha Trang hiện có 27 đảng bộ xã, "
                   "phường với hơn 30.000 đảng viên.", head)
    assert ("members_total", 612) in got and ("members_total", 30000) not in got  # the city above's
    got = facts_of("Năm 2023, Đảng ủy P. Vĩnh Hải đã kết nạp 11 đảng viên mới, đạt 110% chỉ tiêu Thành ủy giao. "
                   "Đảng ủy phường phối hợp với Trung tâm Chính trị TP. Nha Trang mở 1 lớp bồi dưỡng nhận thức "
                   "về Đảng cho 38 quần chúng ưu tú.", head)
    assert {("members_admitted", 11), ("admission_target_pct", 110), ("awareness_classes", 1),
            ("awareness_attendees", 38)} <= got
    # a centre as the subject is its unit's
    district = "Tỉnh ủy Khánh Hòa tổng kết năm 2023\n20/12/2023 | 08:00\n\n"
    got = facts_of("Năm 2023, toàn tỉnh mở 218 lớp bồi dưỡng lý luận chính trị cho 15.743 học viên. Riêng Trung tâm "
                   "Chính trị TP. Nha Trang mở 23 lớp cho 1.612 học viên.", district)
    assert ("training_classes", 218) in got and ("training_classes", 23) not in got


def test_a_commune_rates_its_cells() -> None:
    head = "Đảng ủy xã Hòa Tiến tổng kết năm 2018\n20/12/2018 | 08:00\n\n"
    got = facts_of("Năm 2018, có 21 chi bộ được đánh giá, xếp loại: 4 chi bộ hoàn thành xuất sắc nhiệm vụ, 15 chi bộ "
                   "hoàn thành tốt nhiệm vụ, 2 chi bộ hoàn thành nhiệm vụ.", head)
    assert {("orgs_rated", 21), ("orgs_excellent", 4), ("orgs_good_or_above", 19), ("orgs_completed", 2)} <= got
    # a district's cells are not what it rates
    assert ("orgs_rated", 210) not in facts_of("Năm 2018, có 210 chi bộ được đánh giá, xếp loại.")


def test_a_reports_grade_labels_lists_and_plan_section() -> None:
    head = "Đảng ủy xã Hòa Tiến tổng kết năm 2018\n20/12/2018 | 08:00\n\n"
    body = ("I. KẾT QUẢ NĂM 2018\n* Tổ chức đảng: 17/17 chi bộ tham gia đánh giá. Hoàn thành xuất sắc nhiệm vụ: 3 chi bộ ; "
            "hoàn thành tốt nhiệm vụ: 11 chi bộ ; hoàn thành nhiệm vụ: 2 chi bộ ; không hoàn thành nhiệm vụ: 1 chi bộ.\n"
            "* Đảng viên: Tổng số 402 đ/c, miễn đánh giá 31 đ/c, số tham gia đánh giá 371 đ/c. Trong đó:\n"
            "- Hoàn thành xuất sắc nhiệm vụ 41 đ/c = 11,05%\n- Hoàn thành tốt nhiệm vụ 287 đ/c = 77,36 %\n"
            "- Hoàn thành nhiệm vụ 38 đ/c = 10,24%\n- Không hoàn thành nhiệm vụ 5 đ/c = 1,35%\n\n"
            "Phần II\nPHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2019\n- Phấn đấu kết nạp 10 đảng viên; mở 01 lớp bồi dưỡng nhận thức về Đảng.\n")
    got = facts_of(body, head)
    assert {("orgs_rated", 17), ("orgs_excellent", 3), ("orgs_good_or_above", 14), ("orgs_completed", 2),
            ("orgs_failed", 1), ("members_rated", 371), ("members_excellent", 41), ("members_good_or_above", 328),
            ("members_completed", 38), ("members_failed", 5)} <= got
    assert ("awareness_classes", 1) not in got and ("members_admitted", 10) not in got  # the plan's


def test_a_longer_name_of_another_commune_and_parts_through_a_semicolon() -> None:
    head = "Đảng ủy xã Ân Hảo tổng kết năm 2025\n20/12/2025 | 08:00\n\n"
    got = facts_of("Đảng bộ xã Ân Hảo hiện có 1.927 đảng viên. Trước sắp xếp, Đảng bộ xã Ân Hảo Tây có 712 đảng viên.",
                   head)
    assert ("members_total", 1927) in got and ("members_total", 712) not in got
    got = facts_of("Năm 2025, toàn huyện kết nạp 2.381 đảng viên. Trong đó, kết nạp trước ngày 1/7 là 1.436 đảng viên; "
                   "từ ngày 1/7 đến nay kết nạp 945 đảng viên.")
    assert ("members_admitted", 2381) in got and not {("members_admitted", 1436), ("members_admitted", 945)} & got


def test_one_class_opening_a_sentence_is_not_the_years_training() -> None:
    got = facts_of("Năm 2020, huyện mở 7 lớp bồi dưỡng chính trị cho 650 học viên. Lớp trung cấp lý luận chính trị - "
                   "hành chính khóa 2019-2021 đặt tại huyện có 86 học viên đang theo học.")
    assert ("training_attendees", 650) in got and ("training_attendees", 86) not in got


def test_sub_unit_figures_are_not_the_units() -> None:
    body = ("Toàn Đảng bộ tỉnh kết nạp được 1.669 đảng viên, đạt 83,45% so với chỉ tiêu, trong đó có Đảng bộ "
            "huyện Phú Quý thực hiện khá tốt công tác kết nạp đảng viên mới đạt trên 100% so với chỉ tiêu.")
    got = facts_of(body, "Kết quả kết nạp đảng viên trong toàn Đảng bộ tỉnh\n\n")
    assert ("admission_target_pct", 83.45) in got
    assert ("admission_target_pct", 100) not in got


def test_term_figures_have_no_year() -> None:
    got = facts_of("Trong nhiệm kỳ 2015-2020, Đảng bộ huyện kết nạp 379 đảng viên.")
    assert ("members_admitted", 379, None) in got


# --- unit names made of vocabulary words --------------------------------------------------------
# Place names share syllables with the rules' vocabulary: "Giao" (a target "được giao"), "Khánh"
# (starts with the grade "khá"), "Tăng" (a change), "Bằng" (leads a percentage). The name of the
# article's own unit must not turn its figures into targets, grades or changes.

def _article(committee: str, name: str, kind: str) -> str:
    """A short article about one unit: title, date line, and sentences naming it with its figures."""
    c = f"{committee} {name}"
    return (f"{c}: nâng cao chất lượng tổ chức cơ sở đảng và đảng viên\n"
            f"14/02/2021 | 09:30\n\n"
            f"Năm 2020, {c} tập trung lãnh đạo, chỉ đạo triển khai thực hiện các nghị quyết về công tác "
            f"xây dựng Đảng.\n"
            f"Năm 2020, {c} đã tổ chức 51 lớp bồi dưỡng về lý luận chính trị, chuyên môn, nghiệp vụ cho "
            f"900 học viên. Toàn {kind} đã kết nạp 57 đảng viên mới, nâng tổng số đảng viên toàn Đảng bộ "
            f"lên 1.234 đồng chí.\n"
            f"Công tác kiểm tra, giám sát được quan tâm thực hiện. Năm 2020, Ủy ban Kiểm tra {c} đã thi "
            f"hành kỷ luật 14 đảng viên bằng hình thức khiển trách, cảnh cáo.\n"
            f"PV\n")


NAMED = [  # (committee word, gazetteer name, kind)
    ("Huyện ủy", "Diên Khánh", "huyện"),
    ("Huyện ủy", "Giao Thủy", "huyện"),
    ("Huyện ủy", "Yên Khánh", "huyện"),
    ("Huyện ủy", "Khánh Sơn", "huyện"),
    ("Huyện ủy", "Trùng Khánh", "huyện"),
    ("Thành ủy", "Long Khánh", "thành phố"),
    ("Đảng ủy phường", "Xuân Tăng", "phường"),
    ("Đảng ủy xã", "Xuân Giao", "xã"),
]


@pytest.mark.parametrize("committee,name,kind", NAMED, ids=[n[1] for n in NAMED])
def test_unit_names_are_not_vocabulary(committee: str, name: str, kind: str) -> None:
    e = extract(Source("t.txt", _article(committee, name, kind)))
    assert e.unit is not None and e.unit.name == name  # the gazetteer knows the unit
    got = {(f.metric, f.value, f.year) for f in e.facts}
    expected = {("disciplined_members", 14, 2020), ("training_classes", 51, 2020),
                ("training_attendees", 900, 2020), ("members_admitted", 57, 2020),
                ("members_total", 1234, 2020)}
    assert expected <= got, f"missing {sorted(expected - got)}"


def test_a_bare_unit_name_in_the_title_is_not_vocabulary() -> None:
    # "Giao" would read as "(chỉ tiêu) giao", a target: the admissions would be dropped as planned
    got = facts_of("", "Giao Thủy kết nạp 57 đảng viên mới trong năm 2020\n14/02/2021 | 09:30\n\nPV\n")
    assert ("members_admitted", 57, 2020) in got


def test_kha_is_a_grade_only_as_a_word() -> None:
    # "khác" (other) is not the old grade "khá" (fair): the figure is a discipline count
    got = facts_of("Năm 2020, Ủy ban Kiểm tra các cấp và các tổ chức đảng khác đã thi hành kỷ luật 12 đảng viên.")
    assert ("disciplined_members", 12, 2020) in got


def test_a_commune_figure_of_another_year_after_the_district_committee_is_the_communes() -> None:
    head = "Đảng bộ xã Tân Phú Trung kết nạp đảng viên vượt chỉ tiêu\n02/01/2024 | 08:00\n\n"
    body = ("Năm 2023, Đảng ủy xã Tân Phú Trung kết nạp 18 đảng viên, đạt 120% chỉ tiêu Huyện ủy Củ Chi giao "
            "(năm 2022 kết nạp 15 đảng viên). Đảng bộ huyện Củ Chi kết nạp 420 đảng viên (đạt 105% kế hoạch).")
    got = facts_of(body, head)
    assert {("members_admitted", 18, 2023), ("members_admitted", 15, 2022)} <= got
    assert ("members_admitted", 420) not in got and ("admission_target_pct", 105) not in got


def test_parts_in_parentheses_and_the_grade_of_the_figure_before() -> None:
    got = facts_of("Đảng bộ huyện hiện có 58 tổ chức cơ sở đảng (15 đảng bộ xã, 43 chi, đảng bộ cơ quan, trường học) "
                   "với 13.518 đảng viên.")
    assert ("grassroots_orgs", 58) in got and ("grassroots_orgs", 43) not in got and ("members_total", 13518) in got
    got = facts_of("Có 3.214 đảng viên được đánh giá, trong đó 325 đảng viên đủ tư cách hoàn thành nhiệm vụ "
                   "và 28 đảng viên vi phạm tư cách.")
    assert ("members_completed", 325) in got and ("members_completed", 28) not in got


def test_a_grade_table_with_a_column_per_noun() -> None:
    head = "Thị ủy Kỳ Anh tổng kết năm 2018\n09/01/2019 | 08:00\n\n"
    body = ("Kết quả đánh giá, xếp loại năm 2018 như sau:\n\n"
            "Mức xếp loại\tTCCSĐ\tTỷ lệ (%)\tĐảng viên\tTỷ lệ (%)\n"
            "Hoàn thành xuất sắc nhiệm vụ\t8\t19,5\t512\t13,2\n"
            "Hoàn thành tốt nhiệm vụ\t29\t70,7\t3.046\t78,5\n"
            "Không hoàn thành nhiệm vụ\t1\t2,4\t34\t0,9\n"
            "Tổng số được xếp loại\t41\t100\t3.879\t100\n")
    got = facts_of(body, head)
    assert {("orgs_excellent", 8), ("orgs_failed", 1), ("orgs_rated", 41), ("members_excellent", 512),
            ("members_failed", 34), ("members_rated", 3879)} <= got
    assert not {f for f in got if f[1] in (19.5, 13.2, 100)}  # the share columns
    # without a noun over its column a figure stays unread
    plain = body.replace("Mức xếp loại\tTCCSĐ\tTỷ lệ (%)\tĐảng viên\tTỷ lệ (%)", "Mức xếp loại\tA\tB\tC\tD")
    assert ("members_excellent", 512) not in facts_of(plain, head)


def test_a_compared_years_own_figure_and_the_report_year() -> None:
    head = "Mộc Châu: công tác kiểm tra, giám sát\n11/01/2022 | 08:00\n\n"
    body = ("(Báo Sơn La) - Năm 2021, cấp ủy các cấp thi hành kỷ luật 7 đảng viên. So với năm 2020 (24 đảng viên bị "
            "kỷ luật), số đảng viên vi phạm giảm. Năm 2022, Huyện ủy đề ra chương trình kiểm tra 45 tổ chức đảng.")
    e = extract(Source("t.txt", head + body))
    assert e.report_year == 2021
    assert {(f.metric, f.value, f.year) for f in e.facts} >= {("disciplined_members", 7, 2021),
                                                               ("disciplined_members", 24, 2020)}
    # a change against a compared year is still no count
    assert ("disciplined_members", 5) not in facts_of("Năm 2021, toàn huyện có 19 đảng viên bị kỷ luật, giảm 5 "
                                                      "đảng viên so với năm 2020.")


def test_a_commune_located_by_its_district_is_still_the_commune() -> None:
    got = facts_of("Năm 2013, Đảng bộ huyện Mường Lát kết nạp 214 đảng viên. Tại xã Pù Nhi, huyện Mường Lát - xã "
                   "vùng cao, năm nay Đảng ủy xã kết nạp 12 đảng viên, nâng tổng số đảng viên của xã lên 156.")
    assert ("members_admitted", 214) in got and ("members_admitted", 12) not in got


def test_another_years_classes_in_a_parenthesis_of_a_plan() -> None:
    got = facts_of("Năm 2014 huyện phấn đấu mở 6 lớp bồi dưỡng nhận thức về Đảng cho khoảng 450 quần chúng ưu tú "
                   "(năm 2013 đã mở 5 lớp với 386 học viên).")
    assert {("awareness_classes", 5, 2013), ("awareness_attendees", 386, 2013)} <= got
    assert ("awareness_classes", 6) not in got and ("awareness_attendees", 450) not in got


def test_a_year_singled_out_of_a_term_and_a_new_organisations_members() -> None:
    got = facts_of("Trong nhiệm kỳ 2015 - 2020, toàn Đảng bộ kết nạp 1.128 đảng viên. Riêng năm 2019, toàn Đảng bộ "
                   "kết nạp 241 đảng viên.")
    assert {("members_admitted", 1128, None), ("members_admitted", 241, 2019)} <= got
    # an opening "Riêng" with no time is still a part
    assert ("members_admitted", 41) not in facts_of("Năm 2019, toàn Đảng bộ kết nạp 241 đảng viên. Riêng, Đảng bộ "
                                                    "xã Trung Lý kết nạp 41 đảng viên.")
    got = facts_of("Năm 2017, huyện thành lập mới 1 chi bộ cơ sở tại Công ty TNHH Hòa Bình với 5 đảng viên. Đảng bộ "
                   "huyện (được thành lập trên cơ sở hai huyện cũ) hiện có 49 tổ chức cơ sở đảng với 4.735 đảng viên.")
    assert ("members_total", 5) not in got and ("members_total", 4735) in got


def test_a_province_articles_paragraph_on_one_district() -> None:
    head = "Tỉnh ủy Sóc Trăng sơ kết 6 tháng đầu năm 2019\n18/07/2019 | 08:00\n\n"
    body = ("Toàn Đảng bộ tỉnh đã kết nạp 1.038 đảng viên mới; Đảng bộ tỉnh có 48.612 đảng viên.\n\n"
            "Tại huyện Mỹ Xuyên, 6 tháng qua Đảng bộ huyện kết nạp 96 đảng viên; toàn huyện hiện có 4.120 đảng viên. "
            "Huyện cũng đã mở 3 lớp bồi dưỡng nhận thức về Đảng cho 215 quần chúng ưu tú. Toàn tỉnh đã mở 74 lớp "
            "bồi dưỡng nhận thức về Đảng.")
    got = facts_of(body, head)
    assert {("members_admitted", 1038), ("members_total", 48612), ("awareness_classes", 74)} <= got
    assert not {("members_admitted", 96), ("members_total", 4120), ("awareness_classes", 3),
                ("awareness_attendees", 215)} & got
    # in a district's article its own "toàn huyện" is its own
    assert ("members_total", 4120) in facts_of("Năm 2019, toàn huyện hiện có 4.120 đảng viên.")


def test_unseparated_counts_spans_of_time_and_a_years_clause_after_parts() -> None:
    head = "Tỉnh ủy Đắk Lắk khai mạc Đại hội\n17/10/2025 | 08:00\n\n"
    got = facts_of("Hiện Đảng bộ tỉnh có 1904 tổ chức cơ sở đảng, 146318 đảng viên. Nhiệm kỳ 2020 - 2025, toàn Đảng "
                   "bộ kết nạp 24.716 đảng viên. Từ ngày 1/7 đến 30/9/2025, toàn Đảng bộ tỉnh kết nạp 1.486 đảng viên.",
                   head)
    assert {("grassroots_orgs", 1904), ("members_total", 146318), ("members_admitted", 1486, 2025)} <= got
    assert ("members_admitted", 24716, None) in got
    # a bare year stays a year
    assert not {f for f in facts_of("Thành lập năm 1930, Đảng bộ huyện nay có 46 tổ chức cơ sở đảng.") if f[1] == 1930}
    got = facts_of("Toàn Đảng bộ kết nạp được 1.052 đảng viên, trong đó người dân tộc thiểu số 498 đồng chí; riêng năm "
                   "2019 kết nạp 231 đảng viên. Hơn 3.100 đảng viên của 46 tổ chức cơ sở đảng trong toàn Đảng bộ.")
    assert {("members_admitted", 231, 2019), ("grassroots_orgs", 46)} <= got
    # parts through ";" stay parts
    got = facts_of("Toàn huyện kết nạp 310 đảng viên, trong đó Đảng ủy xã Tân Lập kết nạp 74 đảng viên; Đảng ủy xã "
                   "Tân Hòa kết nạp 60 đảng viên.")
    assert ("members_admitted", 310) in got and not {("members_admitted", 74), ("members_admitted", 60)} & got


def test_parts_of_a_total_with_its_noun_before_and_a_commune_opening_a_sentence() -> None:
    got = facts_of("Năm 2020, Huyện ủy thành lập mới hai chi bộ cơ sở, giải thể 1 chi bộ, nâng tổng số TCCSĐ trực "
                   "thuộc Huyện ủy lên 41 (gồm 19 đảng bộ cơ sở và 22 chi bộ cơ sở). Xã Trung Lý kết nạp 7 đảng viên, "
                   "dẫn đầu các xã.")
    assert {("grassroots_orgs", 41), ("grassroots_committees", 19), ("grassroots_cells", 22)} <= got
    assert ("members_admitted", 7) not in got
    # a youth union is no unit: "Huyện Đoàn" names nothing
    assert ("members_admitted", 35) in facts_of("Năm 2020, Huyện Đoàn giới thiệu, toàn huyện kết nạp 35 đảng viên.")


def test_a_share_between_grade_items_a_change_of_classes_and_organisations_not_yet_rated() -> None:
    got = facts_of("Năm 2020: 3.288 ĐV hoàn thành tốt nhiệm vụ trở lên (đạt 93,1%), trong đó 498 hoàn thành xuất sắc "
                   "nhiệm vụ; 23 đảng viên không hoàn thành nhiệm vụ.")
    assert {("members_good_or_above", 3288), ("members_excellent", 498), ("members_failed", 23)} <= got
    got = facts_of("Năm 2020, Trung tâm mở 53 lớp bồi dưỡng nhận thức về Đảng cho 2.847 quần chúng ưu tú, tăng 6 lớp "
                   "so với năm 2019.")
    assert ("awareness_classes", 53) in got and ("awareness_classes", 6) not in got
    got = facts_of("Năm 2020, trong 61 TCCSĐ được đánh giá (2 TCCSĐ mới thành lập chưa đủ thời gian), có 11 TCCSĐ "
                   "hoàn thành xuất sắc nhiệm vụ.")
    assert ("orgs_rated", 61) in got and ("grassroots_orgs", 2) not in got


def test_a_compared_years_figure_after_a_totals_parts_and_an_inspections_finding() -> None:
    got = facts_of("Năm 2014, toàn Đảng bộ huyện đã thi hành kỷ luật 4 tổ chức đảng và 148 đảng viên (cấp ủy các cấp "
                   "kỷ luật 102 đảng viên, UBKT các cấp kỷ luật 46 đảng viên), giảm 19 trường hợp so với năm 2013 "
                   "(167 đảng viên).")
    assert {("disciplined_members", 148, 2014), ("disciplined_members", 167, 2013)} <= got
    assert not {("disciplined_members", 19), ("disciplined_members", 102), ("disciplined_members", 46)} & got
    got = facts_of("Năm 2014, qua kiểm tra kết luận 71 đảng viên có vi phạm, đến mức phải thi hành kỷ luật 38 đảng "
                   "viên. Cấp ủy các cấp đã thi hành kỷ luật 35 đảng viên.")
    assert ("disciplined_members", 35) in got and ("disciplined_members", 38) not in got


def test_a_tables_share_of_the_admission_target_and_a_row_of_classes() -> None:
    head = "Đảng ủy xã Tân Lập báo cáo năm 2025\n05/12/2025 | 08:00\n\n"
    body = ("Chỉ tiêu | Kế hoạch 2025 | Thực hiện 2025 | Tỷ lệ (%)\n"
            "Kết nạp đảng viên | 60 | 58 | 96,7\n"
            "Lớp bồi dưỡng nhận thức về Đảng | 3 | 4 | 133\n")
    got = facts_of(body, head)
    assert {("members_admitted", 58), ("admission_target_pct", 96.7), ("awareness_classes", 4)} <= got
    assert not {("members_admitted", 60), ("awareness_classes", 3), ("admission_target_pct", 133)} & got
    body = ("Chỉ tiêu | Năm 2022 | Năm 2023\nKết nạp đảng viên mới | 2.210 | 2.087\n"
            "Tỷ lệ kết nạp so với chỉ tiêu (%) | 110,5 | 104,35\n")
    got = facts_of(body, "Tỉnh ủy Lào Cai báo cáo năm 2023\n12/12/2023 | 08:00\n\n")
    assert {("admission_target_pct", 110.5, 2022), ("admission_target_pct", 104.35, 2023)} <= got


def test_grade_lines_under_a_heading_are_a_list() -> None:
    body = ("Kết quả đánh giá, xếp loại tổ chức đảng năm 2021:\n\n"
            "Hoàn thành xuất sắc nhiệm vụ: 9 tổ chức cơ sở đảng\n\nHoàn thành tốt nhiệm vụ: 38 tổ chức cơ sở đảng\n\n"
            "Hoàn thành nhiệm vụ: 5 tổ chức cơ sở đảng\n")
    got = facts_of(body)
    assert {("orgs_excellent", 9), ("orgs_good_or_above", 47), ("orgs_completed", 5)} <= got
    assert ("orgs_good_or_above", 38) not in got


def test_classes_opened_after_a_plan_was_made_and_classes_planned() -> None:
    got = facts_of("Năm 2020, Huyện ủy chỉ đạo Trung tâm xây dựng kế hoạch, mở 18 lớp bồi dưỡng lý luận chính trị với "
                   "1.633 học viên.")
    assert {("training_classes", 18), ("training_attendees", 1633)} <= got
    assert ("training_classes", 20) not in facts_of("Năm 2021, Trung tâm phấn đấu mở 20 lớp bồi dưỡng lý luận chính trị.")


def test_the_old_scale_cut_at_its_comma_classes_for_new_members_and_excellent_inside_good() -> None:
    got = facts_of("Năm 2020, quận có 41/46 TCCSĐ đạt trong sạch, vững mạnh, 4 TCCSĐ hoàn thành tốt nhiệm vụ và 1 TCCSĐ "
                   "hoàn thành nhiệm vụ. Trung tâm mở 2 lớp đảng viên mới cho 146 học viên.")
    assert {("orgs_rated", 46), ("orgs_completed", 1), ("training_classes", 2), ("training_attendees", 146)} <= got
    assert not {("orgs_rated", 41), ("grassroots_orgs", 46), ("orgs_good_or_above", 4)} & got
    got = facts_of("Năm 2020, 452/468 ĐV đủ tư cách hoàn thành tốt nhiệm vụ (có 57 đ/c hoàn thành xuất sắc nhiệm vụ).")
    assert {("members_rated", 468), ("members_good_or_above", 452), ("members_excellent", 57)} <= got
    assert ("members_good_or_above", 509) not in got


def test_a_compared_years_figure_stated_with_la() -> None:
    got = facts_of("Hiện nay Đảng bộ huyện có 2.286 đảng viên (tăng 29 đ/c so với năm 2015 là 2.257 đ/c).")
    assert ("members_total", 2257, 2015) in got and ("members_total", 29) not in got


def test_a_misplaced_tone_a_city_above_a_district_of_the_towns_name_and_what_is_done_after_a_plan() -> None:
    head = "Đảng ủy xã Mỹ Hòa Hưng tổng kết năm 2024\n20/12/2024 | 08:00\n\n"
    got = facts_of("Năm 2024, có 4/17 chi bộ hoàn thành xuất sắc nhiệm vụ, 12 chi bộ hòan thành tốt nhiệm vụ. "
                   "Thành phố Long Xuyên năm 2024 có 36 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.", head)
    assert ("orgs_good_or_above", 16) in got and ("orgs_good_or_above", 36) not in got
    head = "Đảng ủy thị trấn Nam Đàn tổng kết năm 2023\n20/12/2023 | 08:00\n\n"
    got = facts_of("Năm 2023, Đảng bộ thị trấn kết nạp 9 đảng viên. Toàn Đảng bộ huyện Nam Đàn năm 2023 kết nạp 214 "
                   "đảng viên.", head)
    assert ("members_admitted", 9) in got and ("members_admitted", 214) not in got
    got = facts_of("Nhiệm kỳ 2020 - 2025, thị xã phấn đấu kết nạp 1.200 đảng viên; đến nay đã kết nạp 589 đảng viên.")
    assert ("members_admitted", 589) in got and ("members_admitted", 1200) not in got


def test_a_chi_bo_of_a_residential_area_is_a_sub_unit() -> None:
    for area in ("tiểu khu 3", "buôn Ea Sup", "làng Plei Ơi", "sóc Tà Nốt"):
        got = facts_of(f"Năm 2020, Đảng ủy thị trấn kết nạp 9 đảng viên. Chi bộ {area} kết nạp 3 đảng viên.",
                       "Đảng ủy thị trấn Hát Lót tổng kết năm 2020\n20/12/2020 | 08:00\n\n")
        assert ("members_admitted", 9) in got and ("members_admitted", 3) not in got, area


def test_analysed_is_the_older_word_for_rated() -> None:
    got = facts_of("Năm 2011: 341 TCCSĐ được phân tích chất lượng; trong đó 98 hoàn thành tốt nhiệm vụ, 14 hoàn thành "
                   "nhiệm vụ. 19.062 đảng viên được phân tích; 228 đ/c không hoàn thành nhiệm vụ.")
    assert {("orgs_rated", 341), ("orgs_completed", 14), ("members_rated", 19062), ("members_failed", 228)} <= got


def test_another_years_figure_stated_after_a_semicolon() -> None:
    got = facts_of("Năm 2014, cấp ủy, UBKT các cấp thi hành kỷ luật 14 đảng viên (khiển trách 8, cảnh cáo 4, cách chức 1, "
                   "khai trừ 1); năm 2013 là 19 đảng viên.")
    assert {("disciplined_members", 14, 2014), ("disciplined_members", 19, 2013)} <= got
    assert ("members_total", 19) not in got


def test_a_numbered_grade_table_and_the_rated_total_before_a_colon() -> None:
    head = "Thị ủy Ninh Hòa báo cáo năm 2021\n20/01/2022 | 08:00\n\n"
    body = ("1. Đối với tổ chức cơ sở đảng\nTổng số TCCSĐ được đánh giá, xếp loại: 57 (01 chi bộ cơ sở mới thành lập "
            "chưa đủ 6 tháng nên không đánh giá).\n\n2. Đối với đảng viên\nSố đảng viên được đánh giá, xếp loại: 5.412.\n\n"
            "STT | Mức xếp loại | Số lượng | Tỷ lệ %\n1 | HTXSNV | 781 | 14,43\n2 | HTTNV | 4.198 | 77,57\n"
            "3 | HTNV | 389 | 7,19\n4 | Không HTNV | 44 | 0,81\n")
    got = facts_of(body, head)
    assert {("orgs_rated", 57), ("members_rated", 5412), ("members_excellent", 781), ("members_good_or_above", 4979),
            ("members_completed", 389), ("members_failed", 44)} <= got
    assert not {f for f in got if f[1] in (1, 2, 3, 4) and f[0] != "members_failed"}  # the rows' numbers


def test_an_article_on_one_chi_bo_keeps_the_paragraph_its_units_committee_speaks_in() -> None:
    head = "Chi bộ Tiểu khu 3 thị trấn Nà Phặc: điểm sáng\n17/04/2023 | 08:00\n\n"
    body = ("Chi bộ Tiểu khu 3, thị trấn Nà Phặc hiện có 41 đảng viên; năm 2022 kết nạp 3 đảng viên.\n\n"
            "Theo Đảng ủy thị trấn Nà Phặc, Đảng bộ thị trấn có 14 chi bộ trực thuộc với 392 đảng viên. Năm 2022, "
            "Đảng bộ kết nạp 9 đảng viên mới.\n\nChi bộ trực thuộc Đảng ủy thị trấn, được Đảng ủy thị trấn đánh giá "
            "cao, có 12 đảng viên trẻ.")
    got = facts_of(body, head)
    assert {("subordinate_cells", 14), ("members_total", 392), ("members_admitted", 9)} <= got
    assert not {("members_total", 41), ("members_admitted", 3), ("members_total", 12)} & got


def test_a_ward_speaks_as_its_kind_after_the_wards_it_was_made_from() -> None:
    head = "Đảng ủy phường Quy Nhơn Nam sau 3 tháng hoạt động\n10/10/2025 | 08:00\n\n"
    got = facts_of("Phường Quy Nhơn Nam được thành lập trên cơ sở sắp xếp các phường Ghềnh Ráng và Quang Trung. Trước "
                   "sắp xếp, Đảng bộ phường Ghềnh Ráng có 874 đảng viên, Đảng bộ phường Quang Trung có 702 đảng viên. "
                   "Hiện Đảng bộ phường có 2.318 đảng viên, sinh hoạt tại 58 tổ chức cơ sở đảng.", head)
    assert {("members_total", 2318), ("grassroots_orgs", 58)} <= got
    assert not {("members_total", 874), ("members_total", 702)} & got


def test_a_ratio_of_thousands_and_women_said_with_co() -> None:
    got = facts_of("Năm 2020, có 1.872/1.950 đảng viên được đánh giá hoàn thành tốt nhiệm vụ trở lên, trong đó 276 đảng "
                   "viên hoàn thành xuất sắc nhiệm vụ. Đảng bộ huyện hiện có 2.612 đảng viên (đảng viên nữ có 947 đ/c).")
    assert {("members_rated", 1950), ("members_good_or_above", 1872), ("members_excellent", 276),
            ("members_female", 947)} <= got
    # a date is still no ratio
    assert not {f for f in facts_of("Ngày 9/2020, huyện kết nạp 20 đảng viên.") if f[1] == 9}


def test_a_total_closing_a_compared_years_parenthesis_and_attendees_before_a_later_class() -> None:
    got = facts_of("Năm 2017, Đảng bộ huyện có 9.184 đảng viên. So với năm 2012 (khi Đảng bộ huyện có 7.016 đảng viên), "
                   "số đảng viên tăng 2.168 đồng chí. Trung tâm mở 38 lớp với 4.372 lượt học viên, trong đó có 12 lớp "
                   "nhận thức về Đảng với 1.046 học viên.")
    assert {("members_total", 9184, 2017), ("members_total", 7016, 2012), ("training_attendees", 4372)} <= got
    assert ("awareness_attendees", 4372) not in got and ("members_total", 2168) not in got


def test_the_committee_that_gave_the_target_is_not_the_figures_subject() -> None:
    got = facts_of("Năm 2016, toàn Đảng bộ kết nạp 186 đảng viên mới, đạt 103,3 % chỉ tiêu Tỉnh ủy giao, nâng tổng số "
                   "đảng viên lên 7.952 đ/c, sinh hoạt tại 44 tổ chức cơ sở đảng.")
    assert {("members_total", 7952), ("grassroots_orgs", 44), ("admission_target_pct", 103.3)} <= got
    # the province's own figure stays the province's
    got = facts_of("Năm 2016, huyện kết nạp 186 đảng viên; toàn tỉnh kết nạp 2.100 đảng viên.")
    assert ("members_admitted", 2100) not in got


def test_a_communes_cells_said_plainly() -> None:
    head = "Đảng ủy xã Yên Lợi tổng kết năm 2010\n11/01/2011 | 08:00\n\n"
    got = facts_of("Đảng bộ xã có 11 chi bộ với 287 đảng viên. Năm 2010, Đảng bộ xã thành lập 2 chi bộ.", head)
    assert {("subordinate_cells", 11), ("members_total", 287)} <= got and ("subordinate_cells", 2) not in got
    # a district's plain "chi bộ" stay unread
    assert ("subordinate_cells", 11) not in facts_of("Năm 2010, Đảng bộ huyện có 11 chi bộ quân sự.")


def test_grade_counts_of_an_award_are_no_ratings() -> None:
    got = facts_of("Năm 2022, có 9 TCCSĐ hoàn thành xuất sắc nhiệm vụ. Hội nghị đã trao giấy khen cho 7 chi bộ và 15 đảng "
                   "viên hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2022.")
    assert ("orgs_excellent", 9) in got
    assert not {("orgs_excellent", 7), ("members_excellent", 15)} & got


def test_a_row_of_people_trained_for_admission() -> None:
    body = ("Chỉ tiêu | 6 tháng 2021 | 6 tháng 2022\nLớp bồi dưỡng nhận thức về Đảng | 4 | 6\n"
            "Quần chúng ưu tú được bồi dưỡng | 297 | 402\n")
    got = facts_of(body, "Thị ủy Hoàng Mai sơ kết 6 tháng đầu năm 2022\n15/07/2022 | 08:00\n\n")
    assert {("awareness_classes", 4, 2021), ("awareness_attendees", 297, 2021),
            ("awareness_attendees", 402, 2022)} <= got


def test_the_centrally_run_city_above_a_district_and_the_directive_it_issued() -> None:
    head = "Huyện ủy Củ Chi tổng kết năm 2017\n09/01/2018 | 08:00\n\n"
    got = facts_of("Năm 2017, Đảng bộ huyện kết nạp 402 đảng viên. Năm 2017 toàn Đảng bộ Thành phố kết nạp hơn 9.500 "
                   "đảng viên. Thực hiện Chỉ thị 29 của Ban Thường vụ Thành ủy, trong năm 2017 có 38 đảng viên bị thi "
                   "hành kỷ luật.", head)
    assert {("members_admitted", 402), ("disciplined_members", 38)} <= got
    assert ("members_admitted", 9500) not in got


def test_attendees_in_a_parenthesis_after_their_classes_and_a_target_share() -> None:
    got = facts_of("Năm 2020, kết quả:\n+ 3 lớp bồi dưỡng nhận thức về Đảng (431 học viên);\n"
                   "+ kết nạp 280 đảng viên, đạt 93% kế hoạch.\n\nNăm 2021:\n- Phấn đấu kết nạp đạt 100% chỉ tiêu năm.\n")
    assert {("awareness_classes", 3), ("awareness_attendees", 431), ("admission_target_pct", 93)} <= got
    assert ("admission_target_pct", 100) not in got


def test_a_headline_past_a_milestone_is_the_exact_figure_rounded() -> None:
    e = extract(Source("t.txt", "Huyện Củ Chi: Tổng số đảng viên vượt mốc 9.000\n09/01/2018 | 08:00\n\nNăm 2017, Đảng bộ "
                                "huyện Củ Chi nâng tổng số đảng viên lên 9.184 đồng chí."))
    totals = [f.value for f in e.facts if f.metric == "members_total"]
    assert totals == [9184]
