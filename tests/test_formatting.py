"""Vietnamese formatting of numbers, percentages, dates and Roman numerals."""
from __future__ import annotations

import math
import sys
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.vietnamese.formatting import (
    MISSING,
    format_date,
    format_date_short,
    format_number,
    format_percent,
    format_quantity,
    roman,
    share,
)


@pytest.mark.parametrize("value, text", [(9240, "9.240"), (1985, "1.985"), (54, "54"),
                                         (13235, "13.235"), (1234567, "1.234.567"),
                                         (12.5, "12,5"), (9240.0, "9.240"), (0, "0")])
def test_numbers_use_dot_thousands_and_comma_decimals(value: float, text: str) -> None:
    assert format_number(value) == text


def test_percent() -> None:
    assert format_percent(89.5) == "89,5%"
    assert format_percent(101) == "101,0%"  # one decimal style: "3,0%" beside "3,1%"
    assert format_percent(3.0) == "3,0%" and format_percent(3) == "3,0%" and format_percent(0.04) == "0,0%"
    assert format_percent(12.5, 2) == "12,50%" and format_percent(12.5, 0) == "12%"
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
    assert format_quantity(101, "exact", percent=True) == "101,0%"


def test_missing_figures_are_never_zero() -> None:
    assert format_number(None) == MISSING
    assert format_quantity(None) == MISSING
    assert share(5, 0) is None and share(None, 10) is None
    assert share(6863, 7664) == pytest.approx(89.55, abs=0.01)


# --- any finite number; a clear error for the rest ----------------------------------------------

@pytest.mark.parametrize("value, text", [
    (10**25, "10.000.000.000.000.000.000.000.000"),
    (10**26, "100.000.000.000.000.000.000.000.000"),  # raised decimal.InvalidOperation
    (123456789012345678901234567890, "123.456.789.012.345.678.901.234.567.890"),  # every digit kept
    (10**40 + 1, "10.000.000.000.000.000.000.000.000.000.000.000.000.001"),
    (1e25, "10.000.000.000.000.000.000.000.000"),  # not int(1e25) = 10000000000000000905969664
    (1e26, "100.000.000.000.000.000.000.000.000"),
    (1.5e26, "150.000.000.000.000.000.000.000.000"),
    (Decimal("12345678901234567890123.125"), "12.345.678.901.234.567.890.123,12"),  # half to even
    (-1234.5, "-1.234,5"),
    (-0.001, "0"),  # rounds to zero: no "-0"
    (1.5e-7, "0"),
    (0.125, "0,12"),
])
def test_numbers_of_any_size(value: object, text: str) -> None:
    assert format_number(value) == text


def test_the_largest_float_is_written_out() -> None:
    text = format_number(sys.float_info.max)
    assert text.startswith("179.769.313.486.231.570.000.") and text.endswith(".000")
    assert len(text.replace(".", "")) == 309  # 1,797... x 10^308: 309 digits


def test_decimals_of_large_numbers() -> None:
    assert format_number(10**30 + 0.5) == "1.000.000.000.000.000.000.000.000.000.000"  # a float: 1e30
    assert format_number(Decimal("1" + "0" * 30 + ".5"), 1) == "1.000.000.000.000.000.000.000.000.000.000,5"
    assert format_percent(10**30) == "1.000.000.000.000.000.000.000.000.000.000,0%"  # no float() overflow
    assert format_quantity(10**26, "over") == "trên 100.000.000.000.000.000.000.000.000"


def test_numpy_scalars_as_charts_pass_them() -> None:
    np = pytest.importorskip("numpy")
    assert format_number(np.float64(1234.5), 1) == "1.234,5"  # its repr is "np.float64(1234.5)"
    assert format_number(np.int64(10**12)) == "1.000.000.000.000"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("-Infinity")])
def test_nan_and_infinities_are_a_value_error(value: object) -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        format_number(value)
    with pytest.raises(ValueError, match="not a finite number"):
        format_percent(value)
    with pytest.raises(ValueError, match="not a finite number"):
        format_quantity(value, "about")


@pytest.mark.parametrize("value", [True, "mười", [1]])
def test_what_is_not_a_number_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        format_number(value)


def test_a_share_beyond_floats_is_missing() -> None:
    assert share(1e308, 0.5) is None  # overflows to inf
    assert share(10**400, 3) is None  # no float holds the part
    assert share(3, 10**400) is None
    assert format_percent(share(1e308, 0.5)) == MISSING


@given(st.integers(min_value=-(10 ** 24), max_value=10 ** 24))
def test_integers_are_grouped_as_babel_groups_them(value: int) -> None:
    from babel.numbers import format_decimal

    from reportgen.vietnamese.formatting import format_number

    assert format_number(value) == format_decimal(value, format="#,##0", locale="vi")
    assert format_number(value) == format_number(float(value) if abs(value) < 2 ** 53 else value)
