"""A small made-up set of extractions: example contexts when no seed articles are at hand.

`reportgen templates context` and `templates check` use the seed articles of the working folder;
an installed copy without them uses these two fictional units of a fictional province, which
exercise every part of every kind's context (several years, ratings of two years, a derived
figure, a qualified figure, a commune beside a district).
"""
from __future__ import annotations

from datetime import date

from reportgen.model import Evidence, Extraction, Fact, Source, Unit

__all__ = ["sample_extractions", "PROVINCE"]

#: The fictional province of the sample units.
PROVINCE = "Thử Nghiệm"

# (metric, value, year, qualifier, derived, sentence stating it)
_Row = tuple[str, float, "int | None", str, bool, str]

_DISTRICT: tuple[_Row, ...] = (
    ("members_total", 5120, 2020, "exact", False, "Đảng bộ huyện có 5.120 đảng viên"),
    ("members_total", 4980, 2019, "exact", False, "năm 2019 có 4.980 đảng viên"),
    ("members_female", 2050, 2020, "exact", False, "đảng viên nữ 2.050 đồng chí"),
    ("members_admitted", 210, 2020, "exact", False, "kết nạp 210 đảng viên mới"),
    ("members_admitted", 195, 2019, "exact", False, "năm 2019 kết nạp 195 đảng viên"),
    ("grassroots_orgs", 40, 2020, "exact", False, "40 tổ chức cơ sở đảng"),
    ("grassroots_committees", 22, 2020, "exact", False, "22 đảng bộ cơ sở"),
    ("grassroots_cells", 18, 2020, "exact", False, "18 chi bộ cơ sở"),
    ("orgs_rated", 40, 2020, "exact", False, "đánh giá, xếp loại 40 tổ chức cơ sở đảng"),
    ("orgs_excellent", 8, 2020, "exact", False, "8 tổ chức hoàn thành xuất sắc nhiệm vụ"),
    ("orgs_good_or_above", 36, 2020, "exact", True, "28 tổ chức hoàn thành tốt nhiệm vụ"),
    ("orgs_completed", 3, 2020, "exact", False, "3 tổ chức hoàn thành nhiệm vụ"),
    ("orgs_failed", 1, 2020, "exact", False, "1 tổ chức không hoàn thành nhiệm vụ"),
    ("members_rated", 4700, 2020, "exact", False, "đánh giá, xếp loại 4.700 đảng viên"),
    ("members_excellent", 700, 2020, "exact", False, "700 đảng viên hoàn thành xuất sắc"),
    ("members_good_or_above", 4200, 2020, "exact", False, "4.200 đảng viên hoàn thành tốt"),
    ("members_completed", 450, 2020, "exact", False, "450 đảng viên hoàn thành nhiệm vụ"),
    ("members_failed", 50, 2020, "exact", False, "50 đảng viên không hoàn thành"),
    ("orgs_rated", 40, 2019, "exact", False, "năm 2019 đánh giá 40 tổ chức cơ sở đảng"),
    ("orgs_excellent", 6, 2019, "exact", False, "6 tổ chức hoàn thành xuất sắc (2019)"),
    ("orgs_good_or_above", 34, 2019, "exact", False, "34 tổ chức hoàn thành tốt (2019)"),
    ("members_rated", 4600, 2019, "exact", False, "năm 2019 đánh giá 4.600 đảng viên"),
    ("members_excellent", 650, 2019, "exact", False, "650 đảng viên xuất sắc (2019)"),
    ("members_good_or_above", 4050, 2019, "exact", False, "4.050 đảng viên tốt (2019)"),
    ("disciplined_members", 12, 2020, "exact", False, "kỷ luật 12 đảng viên"),
    ("training_classes", 25, 2020, "exact", False, "mở 25 lớp bồi dưỡng"),
    ("training_attendees", 1800, 2020, "over", False, "cho trên 1.800 học viên"),
)

_COMMUNE: tuple[_Row, ...] = (
    ("members_total", 310, 2020, "exact", False, "Đảng bộ xã có 310 đảng viên"),
    ("members_admitted", 9, 2020, "exact", False, "kết nạp 9 đảng viên mới"),
    ("subordinate_cells", 14, 2020, "exact", False, "14 chi bộ trực thuộc"),
    ("grassroots_orgs", 1, 2020, "exact", False, "1 tổ chức cơ sở đảng"),
    ("members_rated", 295, 2020, "exact", False, "đánh giá, xếp loại 295 đảng viên"),
    ("members_excellent", 40, 2020, "exact", False, "40 đảng viên hoàn thành xuất sắc"),
    ("members_good_or_above", 270, 2020, "exact", False, "270 đảng viên hoàn thành tốt"),
    ("members_completed", 22, 2020, "exact", False, "22 đảng viên hoàn thành nhiệm vụ"),
    ("members_failed", 3, 2020, "exact", False, "3 đảng viên không hoàn thành"),
    ("awareness_classes", 2, None, "exact", False, "mở 2 lớp nhận thức về Đảng"),
)


def _extraction(path: str, title: str, published: date, unit: Unit, year: int,
                rows: tuple[_Row, ...]) -> Extraction:
    text, facts = "", []
    for metric, value, fact_year, qualifier, derived, sentence in rows:
        start = len(text)
        text += sentence
        number = int(value) if float(value).is_integer() else value
        facts.append(Fact(metric, number, qualifier, fact_year,
                          Evidence(sentence, start, start + len(sentence)), derived))
        text += ". "
    source = Source(path=path, text=text.strip(), title_hint=title)
    return Extraction(source=source, title=title, published=published, unit=unit,
                      report_year=year, facts=tuple(facts))


def sample_extractions() -> list[Extraction]:
    """Two made-up articles: a district and a commune of the fictional province."""
    return [
        _extraction("mau/huyen-vi-du-2020.txt", "Huyện Ví Dụ: kết quả công tác xây dựng Đảng "
                    "năm 2020", date(2021, 1, 15), Unit("Ví Dụ", "huyện", PROVINCE), 2020,
                    _DISTRICT),
        _extraction("mau/xa-minh-hoa-2020.txt", "Xã Minh Họa nâng cao chất lượng đảng viên",
                    date(2021, 2, 3), Unit("Minh Họa", "xã", PROVINCE), 2020, _COMMUNE),
    ]
