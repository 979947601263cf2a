"""Vietnamese number notation: "4.567" (thousands dots), "12,5" (decimal comma), both ways."""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["LARGEST_COUNT", "format_vn", "parse_number"]

#: The largest count a report can state (a whole national Party is about 5,6 million members);
#: corrections are held to it too.
LARGEST_COUNT = 10**8

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA = re.compile(r"\d+,\d+")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=4096)  # the extractor parses the same few tokens over and over
def parse_number(token: str) -> int | float:
    """Vietnamese number to a Python number: "4.567" -> 4567, "12,5" -> 12.5, "7.1" -> 7.1."""
    token = token.strip()
    if _GROUPED.fullmatch(token):
        token = token.replace(".", "").replace(",", ".")
    elif _COMMA.fullmatch(token):
        token = token.replace(",", ".")
    elif not _PLAIN.fullmatch(token):
        raise ValueError(f"not a number: {token!r}")
    value = float(token)
    return int(value) if value.is_integer() and "." not in token else value


def format_vn(value: float) -> str:
    """Python number to Vietnamese format: 4567 -> "4.567", 12.5 -> "12,5" (inverse of parse)."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = repr(value).split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")
