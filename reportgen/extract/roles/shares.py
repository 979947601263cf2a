"""Figures read as shares: "X/Y" ratios (rated of all, a congress's progress) and percentages
(the share of the admission target reached)."""
from __future__ import annotations

import re

from reportgen.extract import vocab as V
from reportgen.extract.roles.items import Item

__all__ = ["ratio", "percent"]


def ratio(item: Item, noun: str | None, sentence: str, section: str | None,
          rates_cells: bool = False) -> list[tuple[str, int | float]]:
    """The metrics of an "X/Y" figure: rated of all, a congress's progress, members rated."""
    m = item.mention
    if not V.RATED.search(sentence) and not re.search(r"đánh giá|kiểm điểm|xếp loại", sentence, re.I):
        if re.search(r"đại hội", sentence, re.I):
            # "46/49 tổ chức cơ sở đảng đã đại hội": the denominator only (convention 4)
            if noun == "grassroots":
                return [("grassroots_orgs", m.denominator)]
            if noun == "subcell":
                return [("subordinate_cells", m.denominator)]
        return []
    if noun == "grassroots":
        return [("orgs_rated", m.value), ("grassroots_orgs", m.denominator)]
    if noun in ("subcell", "cell_other") and rates_cells:
        return [("orgs_rated", m.value)]  # "44/46 chi bộ được đánh giá": 44 of the commune's 46 cells rated
    if noun == "subcell":
        return [("subordinate_cells", m.denominator)]
    if noun == "member":
        return [("members_rated", m.value)]
    return []


def percent(item: Item, sentence: str, previous: Item | None) -> list[tuple[str, int | float]]:
    """admission_target_pct for "đạt 105% chỉ tiêu" after an admission, or nothing."""
    m = item.mention
    left = item.left
    after = item.right if item.right else ""
    own_after = re.match(r"\s*\)?\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|nghị quyết|NQ\b)", after) is not None
    admission_before = V.ADMIT.search(sentence[: max(0, len(sentence))]) is not None
    if V.FUTURE.search(left) or re.match(r"\W*(?:phấn đấu|dự kiến|mục tiêu)", sentence, re.I):
        return []  # "- Phấn đấu kết nạp đạt 100% chỉ tiêu năm": a target
    led = V.PERCENT_LEAD.search(left) is not None
    if re.search(r"vượt\s*$", left) or re.match(r"\s*\)?\s*so với (?:tổng số|số) đảng viên", after):
        return []
    if own_after and led and admission_before:
        return [("admission_target_pct", m.value)]
    if previous is not None and previous.predicate == "members_admitted" and \
            re.fullmatch(r"\s*(?:ĐV|đảng viên)?\s*\(?\s*(?:đạt|bằng)\s*", left) and not re.match(r"\s*(?:dân số|so với cùng)", after):
        return [("admission_target_pct", m.value)]
    return []
