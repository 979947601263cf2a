"""Rankings and remarks of a comparison: units ordered on the indicators where more is better,
and the indicators only shown (discipline, failed grades) stated without a rank.

Every value compared is of one period (the comparison's year), so averages never mix years.
"""
from __future__ import annotations

from typing import Any

from reportgen.contexts.indicators import Indicator, with_unit
from reportgen.vietnamese.formatting import format_fixed, format_number

__all__ = ["ranking", "shown", "RANKING_HEAD", "RANKING_TAIL", "MAX_NAMED"]

#: How many units a ranking names from the top and from the bottom when there are many.
RANKING_HEAD, RANKING_TAIL = 10, 2
#: Up to how many units a sentence names them all.
MAX_NAMED = 12


def _named(row: dict[str, Any], value: dict[str, Any], indicator: Indicator) -> str:
    return f"{row['unit']['party']} ({with_unit(value['text'], indicator)})"


def _average_text(indicator: Indicator, have: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
    average = sum(v["value"] for _, v in have) / len(have)
    digits = 0 if indicator.metric else 1  # counts average to whole units
    text = (format_fixed(average, 1) if digits else format_number(round(average))) + \
        ("%" if indicator.percent else "")
    approx = any(v["qualifier"] != "exact" for _, v in have)
    return f"{'khoảng ' if approx else ''}{with_unit(text, indicator)}/đơn vị"


def ranking(indicator: Indicator, rows: list[dict[str, Any]], year: int | None) -> dict[str, Any] | None:
    """Units ordered by an indicator where more is better, with highest, lowest, average and a
    sentence; None when no unit has a value."""
    assert indicator.ranked, "only indicators where more is better are ranked"
    have = [(r, r["cells"][indicator.key]) for r in rows if r["cells"][indicator.key]]
    if not have:
        return None
    have.sort(key=lambda rv: (-rv[1]["value"], rv[0]["unit"]["label"]))
    order = [{"rank": i + 1, "unit": r["unit"]["title"], "text": v["text"], "year": v["year"], "gap": 0}
             for i, (r, v) in enumerate(have)]
    if len(order) > RANKING_HEAD + RANKING_TAIL + 1:
        # A ranking of hundreds of units is read at its ends; the full figures are in table I.
        omitted = len(order) - RANKING_HEAD - RANKING_TAIL
        order = order[:RANKING_HEAD] + [{"rank": 0, "unit": "", "text": "", "year": None, "gap": omitted}] \
            + order[-RANKING_TAIL:]
    of_year = f" năm {year}" if year else ""
    average = None
    if len(have) == 1:
        sentence = (f"{indicator.label}{of_year}: chỉ có số liệu của {_named(*have[0], indicator)}, "
                    "chưa đủ để so sánh.")
    else:
        average = sum(v["value"] for _, v in have) / len(have)
        if have[0][1]["value"] == have[-1][1]["value"]:
            extremes = "các đơn vị có số liệu bằng nhau: " + ", ".join(_named(*h, indicator) for h in have)
        else:
            extremes = (f"cao nhất là {_named(*have[0], indicator)}, "
                        f"thấp nhất là {_named(*have[-1], indicator)}")
        sentence = (f"{indicator.label}{of_year}: {extremes}; bình quân {_average_text(indicator, have)} "
                    f"({format_number(len(have))} đơn vị có số liệu).")
    return {"key": indicator.key, "label": indicator.label, "order": order, "average": average,
            "count": len(have), "years": [year] if year else [], "sentence": sentence}


def shown(indicator: Indicator, rows: list[dict[str, Any]], year: int | None) -> dict[str, Any] | None:
    """An indicator that is not an achievement (discipline, failed grades): each unit's value, or
    the total over many units, never an order; None when no unit has a value."""
    assert not indicator.ranked
    have = [(r, r["cells"][indicator.key]) for r in rows if r["cells"][indicator.key]]
    if not have:
        return None
    have.sort(key=lambda rv: rv[0]["index"])  # the table's order: no rank is implied
    of_year = f" năm {year}" if year else ""
    if len(have) <= MAX_NAMED:
        listing = "; ".join(_named(r, v, indicator) for r, v in have)
    else:
        listing = f"{format_number(len(have))} đơn vị có số liệu (chi tiết tại bảng số liệu)"
    tail = ""
    if indicator.metric and len(have) > 1:
        total = sum(v["value"] for _, v in have)
        approx = any(v["qualifier"] != "exact" for _, v in have)
        tail = f"; tổng cộng {'khoảng ' if approx else ''}{with_unit(format_number(total), indicator)}"
    sentence = (f"{indicator.label}{of_year} (chỉ nêu số liệu, không xếp hạng): {listing}{tail}.")
    return {"key": indicator.key, "label": indicator.label, "count": len(have), "sentence": sentence}
