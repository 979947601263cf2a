"""Number mentions: Vietnamese formats, qualifiers, ratios, and what is not a count."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.extract.mentions import find_mentions
from reportgen.vietnamese.numbers import format_vn, parse_number


@pytest.mark.parametrize("token,value", [
    ("9.240", 9240), ("13.235", 13235), ("1.234.567", 1234567), ("89,5", 89.5), ("123,33", 123.33),
    ("7.1", 7.1), ("02", 2), ("0", 0), ("1.985", 1985), ("36.607", 36607),
])
def test_parse_number(token: str, value: float) -> None:
    assert parse_number(token) == value


def test_parse_number_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        parse_number("9,2.4")


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_integers_round_trip(n: int) -> None:
    assert parse_number(format_vn(n)) == n


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimals_round_trip(whole: int, frac: int) -> None:
    value = float(f"{whole}.{frac:02d}".rstrip("0"))
    assert parse_number(format_vn(value)) == value


def values(text: str) -> list:
    return [(m.value, m.denominator, m.qualifier, m.percent) for m in find_mentions(text)]


def test_counts_percentages_ratios_and_qualifiers() -> None:
    got = values("có trên 9.600 đảng viên, 11/54 tổ chức, bằng 89,5%, khoảng 300 người, dưới 20 lớp, đạt 7.1%")
    assert got == [(9600, None, "over", False), (11, 54, "exact", False), (89.5, None, "exact", True),
                   (300, None, "about", False), (20, None, "under", False), (7.1, None, "exact", True)]


def test_thousands_words() -> None:
    assert values("gần 10 nghìn đảng viên, hơn 2,5 ngàn học viên") == [(10000, None, "about", False),
                                                                      (2500, None, "over", False)]
    assert values("thu 12 nghìn tỷ đồng") == []


def test_number_words_before_countable_nouns() -> None:
    assert values("mở hai lớp bồi dưỡng") == [(2, None, "exact", False)]
    assert values("năm 2019 có hai mươi") == []


@pytest.mark.parametrize("text", [
    "Nghị quyết số 21-NQ/TW", "ngày 02/03/2020", "lúc 10:30", "Thứ Năm, 1/12/2022 8:31'(GMT+7)",
    "nhiệm kỳ 2015-2020", "năm 2019", "khóa XIII", "10 năm thực hiện", "Chỉ thị 05", "tháng 9/2022",
    "Ngày 5.6.2018", "Sáng 28.12", "Hướng dẫn số 13", "30 năm tuổi đảng", "NQ09", "TW6",
])
def test_not_counts(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize("words,value", [("hai trăm mười bốn", 214), ("mười lăm", 15), ("hai nghìn", 2000),
                                         ("hai mươi lăm", 25), ("một trăm linh năm", 105),
                                         ("ba nghìn hai trăm", 3200), ("hai ba", None), ("mươi", None)])
def test_numbers_in_words(words: str, value: int | None) -> None:
    from reportgen.extract.mentions import words_value
    assert words_value(words) == value


def test_compound_number_words_before_a_counted_noun_are_mentions() -> None:
    from reportgen.extract.mentions import find_mentions
    text = "kết nạp được hai trăm mười bốn đảng viên mới, kỷ luật mười lăm đảng viên, trong năm hai đồng chí"
    assert [m.value for m in find_mentions(text)] == [214, 15, 2]  # "năm hai": a year word and a count
