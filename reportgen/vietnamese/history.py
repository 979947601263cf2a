"""When an administrative unit ended, and what a pre-2025 commune belonged to.

On 2025-07-01 the district level ended, the 63 provinces became 34 and most communes were merged
(`gazetteer.successors`). Before that, communes were merged too: `data/ended.tsv` (built by
`scripts/build_ended.py` from the official lists) names the communes a later list of 2021-02-03
or 2025-01-04 no longer holds; the day they ended is only known to lie before that list's date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files

from reportgen.vietnamese.gazetteer import KINDS, Place, canonical_name, lookup, successors

__all__ = ["REFORM", "End", "end_of", "level_of", "district_of", "province_after"]

#: The day the district level ended and the new provinces and communes began.
REFORM = date(2025, 7, 1)

_CENTRAL = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}


@dataclass(frozen=True)
class End:
    """How a unit ended: from `on` it no longer exists (`exact`: the legal day; otherwise the date
    of the first official list without it, so it ended before), and where its land went."""

    on: date
    exact: bool
    successors: tuple[Place, ...] = ()


def level_of(kind: str, name: str, province: str | None) -> str:
    """"province", "district" or "commune" ("thành phố Hà Nội" is a province-level unit)."""
    if kind == "thành phố" and name == province and name in _CENTRAL:
        return "province"
    return KINDS.get(kind, "district")


@lru_cache(maxsize=1)
def _ended() -> dict[tuple[str, str, str], dict[str, date]]:
    """(kind, name, province) -> {district: first list date without the commune}."""
    text = files("reportgen.vietnamese").joinpath("data/ended.tsv").read_text(encoding="utf-8")
    table: dict[tuple[str, str, str], dict[str, date]] = {}
    for line in text.splitlines()[1:]:
        if line:
            kind, name, district, province, _, missing = line.split("\t")
            table.setdefault((kind, name, province), {})[district] = date.fromisoformat(missing)
    return table


def _communes(kind: str, name: str, province: str | None, era: str) -> list[Place]:
    try:
        return lookup(name, kind, level="commune", province=province, era=era)
    except ValueError:  # a kind the lists do not know
        return []


def end_of(kind: str, name: str, province: str | None) -> End | None:
    """How the unit ended, or None when it still exists or the lists do not tell."""
    level = level_of(kind, name, province)
    if level == "district":
        return End(REFORM, True)  # every district-level unit ended on that day
    if level == "province":
        if lookup(name, level="province", era="2025") or not lookup(name, level="province"):
            return None
        return End(REFORM, True)
    before = _communes(kind, name, province, "pre2025")
    if not before:
        return None  # a commune of the new map, or one the lists do not know
    if _communes(kind, name, province, "2025"):
        # The new map has a unit of that kind and name in the province (often the merger's
        # heir): a document naming it may well be about that one, so it is not called ended.
        return None
    merged = _ended().get((kind, canonical_name(name), before[0].province), {})
    if all(p.district in merged for p in before):
        return End(min(merged[p.district or ""] for p in before), False)
    went = [s for p in before if p.district not in merged for s in successors(p)]
    if any(s.kind == kind and s.name == canonical_name(name) for s in went):
        return None  # kept as it was ("Giữ nguyên")
    if not went and _communes(kind, name, province, "2025"):
        return None
    return End(REFORM, True, tuple(dict.fromkeys(went)))


def district_of(kind: str, name: str, province: str | None) -> tuple[str, str] | None:
    """(district kind, district name) of a pre-2025 commune; None when unknown or not unique."""
    found = {(p.district_kind, p.district) for p in _communes(kind, name, province, "pre2025")
             if p.district and p.district_kind}
    if len(found) != 1:
        return None
    district_kind, district = next(iter(found))
    assert district_kind is not None and district is not None
    return district_kind, district


def province_after(kind: str, name: str, province: str | None) -> str | None:
    """The post-2025 province of a commune: its own when it is of the new map, else the one
    its successors lie in (None when unknown or several)."""
    now = {p.province for p in _communes(kind, name, province, "2025")}
    if len(now) == 1:
        return next(iter(now))
    went = {s.province for p in _communes(kind, name, province, "pre2025") for s in successors(p)}
    return next(iter(went)) if len(went) == 1 else None
