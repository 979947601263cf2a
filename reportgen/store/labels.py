"""The Vietnamese words reviewers read and type: metric names, decisions, units, numbers.

Metric ids are never shown: each metric has a Vietnamese name, unique (two rating metrics share a
label, so theirs say whom they rate). Spreadsheets and forms come back with these words, in any
case or Unicode form, and are read back here.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from reportgen.i18n import _
from reportgen.model import METRICS, UNIT_KINDS, Unit
from reportgen.vietnamese.numbers import LARGEST_COUNT, parse_number

__all__ = ["METRIC_NAMES", "metric_name", "metric_of_name", "ACTION_WORDS", "action_of_word", "unit_label",
           "unit_of_label", "parse_user_number", "QUALIFIER_WORDS", "check_value", "check_year"]

_GROUP_NOUN = {"org_ratings": "tổ chức đảng", "member_ratings": "đảng viên"}
_LABEL_COUNT = Counter(m.label for m in METRICS)

#: The unique Vietnamese name of each metric, in document order.
METRIC_NAMES: dict[str, str] = {
    m.key: f"{m.label} ({_GROUP_NOUN.get(m.group, m.group)})" if _LABEL_COUNT[m.label] > 1 else m.label
    for m in METRICS
}

#: What the reviewer's decision column says for each action ("" when nothing was decided).
ACTION_WORDS: dict[str, str] = {"accept": "chấp nhận", "reject": "loại", "correct": "sửa", "add": "thêm"}
_ACTION_SYNONYMS = {
    "chấp nhận": "accept", "chap nhan": "accept", "đồng ý": "accept", "ok": "accept", "accept": "accept",
    "loại": "reject", "loai": "reject", "loại bỏ": "reject", "loai bo": "reject", "bỏ": "reject",
    "reject": "reject", "sửa": "correct", "sua": "correct", "sửa thành": "correct", "correct": "correct",
    "thêm": "add", "them": "add", "add": "add",
}
QUALIFIER_WORDS: dict[str, str] = {"exact": "", "over": "trên", "about": "khoảng", "under": "dưới"}


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


_METRIC_BY_NAME = {_key(name): key for key, name in METRIC_NAMES.items()}


def metric_name(key: str) -> str:
    """The Vietnamese name of a metric (the key itself only for a metric this version does not know)."""
    return METRIC_NAMES.get(key, key)


def metric_of_name(text: str) -> str | None:
    """The metric a Vietnamese name (or a key) stands for, None if none."""
    if text in METRIC_NAMES:
        return text
    return _METRIC_BY_NAME.get(_key(text))


def action_of_word(text: str) -> str | None:
    """The action a decision cell says ("Sửa" -> "correct"); "" -> None; ValueError if unknown."""
    word = _key(text)
    if not word:
        return None
    if word not in _ACTION_SYNONYMS:
        raise ValueError(_("unknown decision {text} (write chấp nhận, loại or sửa)").format(text=repr(text)))
    return _ACTION_SYNONYMS[word]


def unit_label(unit: Unit | None) -> str:
    """"huyện Ứng Hòa", "" for no unit."""
    return unit.label if unit else ""


def unit_of_label(label: str, province: str | None) -> Unit | None:
    """The unit a label names ("huyện Ứng Hòa"), with its province; None if the kind is not known."""
    text = " ".join(unicodedata.normalize("NFC", label).split())
    for kind in sorted(UNIT_KINDS, key=len, reverse=True):
        if text.lower().startswith(kind + " ") and len(text) > len(kind) + 1:
            return Unit(text[len(kind) + 1:], kind, province or None)
    return None


def parse_user_number(text: object) -> int | float:
    """A number as a person types it: 1250, "1.250", "1250", "12,5", "12,5%" (ValueError if none)."""
    if isinstance(text, bool):
        raise ValueError(_("not a number: {text!r}").format(text=text))
    if isinstance(text, (int, float)):
        return int(text) if isinstance(text, float) and text.is_integer() else text
    token = re.sub(r"\s+", "", str(text)).rstrip("%")
    try:
        return parse_number(token)
    except ValueError:
        raise ValueError(_("not a number: {text!r}").format(text=text)) from None


def check_value(value: int | float) -> int | float:
    """A corrected or added value a document can show (ValueError otherwise)."""
    if not (value == value and 0 <= value <= LARGEST_COUNT):  # also refuses nan and inf
        raise ValueError(_("the value must be a number from 0 to {largest}").format(
            largest=f"{LARGEST_COUNT:,}".replace(",", ".")))
    return value


def check_year(year: object) -> int:
    """A year a figure can be of (1930-2100), from a number or its text."""
    try:
        number = int(float(str(year).strip()))
    except ValueError:
        raise ValueError(_("not a year: {year!r}").format(year=year)) from None
    if not 1930 <= number <= 2100:
        raise ValueError(_("not a year: {year!r}").format(year=year))
    return number
