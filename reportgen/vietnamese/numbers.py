"""Vietnamese number notation: "4.567" (thousands dots), "89,5" (decimal comma), both ways."""
from __future__ import annotations

import re

__all__ = ["parse_number", "format_vn", "LARGEST_COUNT"]

#: The largest count a report can state (a whole national Party is about 5,6 million members);
#: corrections are held to it too.
LARGEST_COUNT = 10**8

def parse_number(token: str) -> int | float:
    """Vietnamese number to a Python number: "4.567" -> 4567, "89,5" -> 89.5, "7.1" -> 7.1."""
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        token = token.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", token):
        token = token.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", token):
        raise ValueError(f"not a number: {token!r}")
    value = float(token)
    return int(value) if value.is_integer() and "." not in token else value


def format_vn(value: int | float) -> str:
    """Python number to Vietnamese format: 4567 -> "4.567", 89.5 -> "89,5" (inverse of parse)."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = repr(value).split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")
