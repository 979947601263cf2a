"""Why an extracted fact is wrong or a gold fact was missed, from the words of its evidence.

The causes are guesses from the text, for a person to see where the rules fail: a false fact
whose quote holds "trong đó" is most likely a part taken as a total, one that names another unit a
sub-unit's figure, and so on; a miss whose gold quote has no digit is a number in words.
"""
from __future__ import annotations

import re
from typing import Any

from reportgen.model import Extraction

__all__ = ["false_cause", "miss_cause"]

_PART = re.compile(r"\btrong đó\b|\btrong số\b|\bgồm\b|\bcụ thể\b|\briêng\b|\(", re.I)
_SUBUNIT = re.compile(r"\b(?:các xã|các chi bộ|các đảng bộ|chi bộ [A-ZĐ0-9]|Chi bộ|xã [A-ZĐ]|phường [A-ZĐ0-9]|"
                      r"thị trấn [A-ZĐ]|huyện [A-ZĐ]|Đảng bộ [A-ZĐ]|trường|doanh nghiệp|khu vực)", re.I)
_TARGET = re.compile(r"phấn đấu|chỉ tiêu|kế hoạch|mục tiêu|dự kiến|sẽ\b", re.I)
_EVENT = re.compile(r"khen|tặng|biểu dương|huy hiệu|lễ\b|lần này|năm liền|trao", re.I)
_DISCIPLINE_BODY = re.compile(r"ủy ban kiểm tra|UBKT|cấp ủy", re.I)
_WORDS = re.compile(r"\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|trăm|nghìn|ngàn)\b", re.I)


def _close(a: float, b: float) -> bool:
    return bool(a and b) and abs(a - b) / max(abs(a), abs(b)) <= 0.1


def false_cause(fact: dict[str, Any], gold: list[dict[str, Any]], extraction: Extraction) -> str:
    """The likely cause of a false fact."""
    if not gold:
        return "article without facts of its unit"
    if extraction.unit is None:
        return "unit not found"
    value, metric = float(fact["value"]), fact["metric"]
    if any(float(g["value"]) == value and g["metric"] != metric for g in gold):
        return "wrong metric"
    if any(g["metric"] == metric and _close(float(g["value"]), value) for g in gold):
        return "another precision or statement"
    quote = fact.get("evidence") or ""
    if metric.startswith("disciplined") and _DISCIPLINE_BODY.search(quote):
        return "per-body count beside a total"
    if _PART.search(quote):
        return "part taken as total"
    if _TARGET.search(quote):
        return "target or plan taken as result"
    if _EVENT.search(quote):
        return "award, event or ceremony"
    if _SUBUNIT.search(quote):
        return "sub-unit figure (wrong level)"
    return "other"


def miss_cause(fact: dict[str, Any], predicted: list[dict[str, Any]], extraction: Extraction) -> str:
    """The likely cause of a missed gold fact."""
    if extraction.unit is None:
        return "unit not found"
    value, metric = float(fact["value"]), fact["metric"]
    quote = fact.get("evidence") or ""
    if any(float(p["value"]) == value and p["metric"] != metric for p in predicted):
        return "read as another metric"
    if any(p["metric"] == metric and _close(float(p["value"]), value) for p in predicted):
        return "another precision or statement"
    digits = re.sub(r"\D", "", quote)
    number = str(int(value)) if value.is_integer() else ""
    if fact.get("derived"):
        return "sum of grades not derived"
    if number and number not in digits and _WORDS.search(quote):
        return "missed number word"
    if "/" in quote:
        return "ratio not read"
    return "not recognised"
