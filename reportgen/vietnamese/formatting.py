"""Vietnamese formatting of numbers, percentages, dates and Roman numerals (Babel, locale vi).

Every figure a document shows goes through these functions, which are also registered as Jinja
filters by `reportgen.render` (`number`, `percent`, `date_long`, `date_short`, `roman`,
`quantity`, `qualifier`).
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_EVEN, Decimal, localcontext
from typing import Union

from babel.numbers import format_decimal

__all__ = [
    "LOCALE", "MISSING", "format_number", "format_fixed", "format_percent", "format_date", "format_date_short",
    "roman", "qualifier_word", "format_quantity", "share", "nfc", "slugify",
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


def format_number(value: Number | Decimal | None, decimals: int = 2) -> str:
    """Vietnamese number: 4567 -> "4.567", 12.5 -> "12,5", at most `decimals` decimals (rounded
    half to even); None -> "—". Any finite number, however large; ValueError for nan and infinities,
    which are no figure (a caller that can meet them must decide what the document says instead).
    """
    if value is None:
        return MISSING
    if isinstance(value, bool):
        raise TypeError(f"format_number: not a number: {value!r}")
    if type(value) is int:
        # Most figures are counts: Babel's 80 µs a call adds up to seconds in a comparison of
        # hundreds of units, and the grouping of an integer is all the locale decides here.
        return f"{value:,}".replace(",", ".")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    else:
        # floats, and the float-like scalars of numpy that charts pass (whose repr is
        # "np.float64(1.0)"): the shortest decimal that reads back as the float, so 1e25 is 10^25,
        # not the binary neighbour 10000000000000000905969664 that int(1e25) gives
        try:
            as_float = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"format_number: not a number: {value!r}") from None
        if not math.isfinite(as_float):
            raise ValueError(f"format_number: {value!r} is not a finite number")
        number = Decimal(repr(as_float))
    if not number.is_finite():
        raise ValueError(f"format_number: {value!r} is not a finite number")
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    with localcontext() as ctx:
        # Babel rounds in the current decimal context: the default 28 digits raise InvalidOperation
        # for numbers of 26 digits and more (with two decimals), and round away the last digits of
        # longer ones. Enough digits for the whole number and its decimals, whatever its size.
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        ctx.rounding = ROUND_HALF_EVEN
        if number.is_signed() and number.quantize(Decimal(1).scaleb(-max(decimals, 0))).is_zero():
            number = abs(number)  # -0.001 reads "0", not "-0"
        return format_decimal(number, format=pattern, locale=LOCALE)


def format_fixed(value: Number | None, decimals: int = 1) -> str:
    """A number with exactly `decimals` decimals, so that a document has one decimal style:
    3 -> "3,0", 2.25 -> "2,3" (half to even), 1234.5 -> "1.234,5"; None -> "—"."""
    if value is None:
        return MISSING
    if isinstance(value, int) and not isinstance(value, bool):
        # nothing to round, and float() would overflow on a huge one (or lose its last digits)
        whole = format_number(value, 0)
    else:
        whole = format_number(round(float(value), decimals), decimals)
    if decimals <= 0:
        return whole
    head, _, tail = whole.partition(",")
    return f"{head},{tail.ljust(decimals, '0')}"


def format_percent(value: Number | None, decimals: int = 1) -> str:
    """A percentage already in percent units, always with `decimals` decimals (`format_fixed`):
    12.5 -> "12,5%", 3 -> "3,0%", 101 -> "101,0%"; None -> "—".

    ValueError for nan and infinities, as `format_number`.
    """
    return MISSING if value is None else format_fixed(value, decimals) + "%"


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
    """`part` as a percentage of `whole`, or None when either is missing, `whole` is 0, or the share
    is no finite number (figures beyond the range of floats: a share that overflows is not shown)."""
    if part is None or whole is None or not whole:
        return None
    try:
        value = 100.0 * float(part) / float(whole)
    except (OverflowError, ZeroDivisionError):  # an int too large for a float; a whole that rounds to 0.0
        return None
    return value if math.isfinite(value) else None


def slugify(text: str) -> str:
    """Readable ASCII slug: "huyện Mường Lát" -> "huyen-muong-lat"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unit"
