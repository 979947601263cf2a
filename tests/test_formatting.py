"""Vietnamese formatting of numbers, percentages, dates and Roman numerals."""
from __future__ import annotations

from datetime import date

import pytest

from reportgen.formatting import (MISSING, format_date, format_date_short, format_number,
                                  format_percent, format_quantity, roman, share)


@pytest.mark.parametrize("value, text", [(9240, "9.240"), (1985, "1.985"), (54, "54"),
                                         (13235, "13.235"), (1234567, "1.234.567"),
                                         (12.5, "12,5"), (9240.0, "9.240"), (0, "0")])
def test_numbers_use_dot_thousands_and_comma_decimals(value: float, text: str) -> None:
    assert format_number(value) == text


def test_percent() -> None:
    assert format_percent(89.5) == "89,5%"
    assert format_percent(101) == "101%"
    assert format_percent(96.2962) == "96,3%"
    assert format_percent(None) == MISSING


def test_long_date_pads_day_and_early_months() -> None:
    assert format_date(date(2020, 3, 2)) == "ngày 02 tháng 3 năm 2020"
    assert format_date(date(2019, 12, 15)) == "ngày 15 tháng 12 năm 2019"
    assert format_date(date(2023, 1, 5)) == "ngày 05 tháng 01 năm 2023"
    assert format_date_short(date(2020, 3, 2)) == "02/03/2020"


@pytest.mark.parametrize("value, text", [(1, "I"), (2, "II"), (4, "IV"), (6, "VI"),
                                         (9, "IX"), (14, "XIV"), (40, "XL"), (1990, "MCMXC")])
def test_roman(value: int, text: str) -> None:
    assert roman(value) == text


def test_roman_rejects_zero() -> None:
    with pytest.raises(ValueError):
        roman(0)


def test_qualified_quantities_read_naturally() -> None:
    assert format_quantity(9600, "over") == "trên 9.600"
    assert format_quantity(200, "about") == "khoảng 200"
    assert format_quantity(50, "under") == "dưới 50"
    assert format_quantity(273, "exact") == "273"
    assert format_quantity(101, "exact", percent=True) == "101%"


def test_missing_figures_are_never_zero() -> None:
    assert format_number(None) == MISSING
    assert format_quantity(None) == MISSING
    assert share(5, 0) is None and share(None, 10) is None
    assert share(6863, 7664) == pytest.approx(89.55, abs=0.01)
