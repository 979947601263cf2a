"""Vietnamese formatting of numbers, percentages, dates and Roman numerals (Babel, locale vi).

Every figure a document shows goes through these functions, which are also registered as Jinja
filters by `reportgen.render` (`number`, `percent`, `date_long`, `date_short`, `roman`,
`quantity`, `qualifier`).
"""
from __future__ import annotations

import math
import unicodedata
from datetime import date
from typing import Union

from babel.numbers import format_decimal

__all__ = [
    "LOCALE", "MISSING", "format_number", "format_percent", "format_date", "format_date_short",
    "roman", "qualifier_word", "format_quantity", "share", "nfc",
]

Number = Union[int, float]

LOCALE = "vi"
#: What a figure that is not known reads as: never 0.
MISSING = "—"

#: Words that put a qualified figure into a sentence: "trên 9.600", "khoảng 200", "dưới 50".
_QUALIFIER_WORDS = {"exact": "", "over": "trên", "about": "khoảng", "under": "dưới"}

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def nfc(text: str) -> str:
    """The NFC form of a text (all document text is NFC)."""
    return unicodedata.normalize("NFC", text)


def format_number(value: Number | None, decimals: int = 2) -> str:
    """Vietnamese number: 4567 -> "4.567", 12.5 -> "12,5"; None -> "—"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_percent(value: Number | None, decimals: int = 1) -> str:
    """A percentage already in percent units: 89.5 -> "89,5%", 101 -> "101%"; None -> "—"."""
    if value is None:
        return MISSING
    return format_number(round(float(value), decimals), decimals) + "%"


def format_date(value: date | None) -> str:
    """Official long date: 2020-03-02 -> "ngày 02 tháng 3 năm 2020".

    Days below 10 and the months 1 and 2 take a leading zero, as the rules on Party documents ask,
    so that nobody can add a digit in front of them.
    """
    if value is None:
        return "ngày … tháng … năm …"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def format_date_short(value: date | None) -> str:
    """Numeric date as sources print it: 2020-03-02 -> "02/03/2020"; None -> "—"."""
    if value is None:
        return MISSING
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def roman(value: int) -> str:
    """Roman numeral of a positive integer: 4 -> "IV"."""
    if value <= 0:
        raise ValueError(f"no Roman numeral for {value}")
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def qualifier_word(qualifier: str | None) -> str:
    """The word a qualifier reads as before its figure: "over" -> "trên", "exact" -> ""."""
    return _QUALIFIER_WORDS.get(qualifier or "exact", "")


def format_quantity(value: Number | None, qualifier: str | None = "exact",
                    percent: bool = False) -> str:
    """A figure with its qualifier: (9600, "over") -> "trên 9.600"; None -> "—"."""
    if value is None:
        return MISSING
    text = format_percent(value) if percent else format_number(value)
    word = qualifier_word(qualifier)
    return f"{word} {text}" if word else text


def share(part: Number | None, whole: Number | None) -> float | None:
    """`part` as a percentage of `whole`, or None when either is missing or `whole` is 0."""
    if part is None or whole is None or not whole:
        return None
    return 100.0 * float(part) / float(whole)
