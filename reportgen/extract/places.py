"""Units the gazetteer knows: the one a user names (`--unit`), and the province of a unit an article names.

A name found in several provinces is resolved from the text: the province it names ("tỉnh T"),
the district it names the unit with, the other places it names; the map in force when the article
was written (63 provinces before 1 July 2025, 34 after) comes first. Else a warning, no province.
"""
from __future__ import annotations

import re
from collections import Counter

from reportgen.extract import fastre
from reportgen.i18n import _
from reportgen.model import CENTRAL_CITIES, Unit
from reportgen.vietnamese import gazetteer
from reportgen.vietnamese.normalise import normalise_name

__all__ = ["UnitError", "parse_unit", "province_of", "unit_of"]


def unit_of(name: str, kind: str, province: str | None) -> Unit:
    """The unit; a centrally-run city is kind "thành phố" with itself as province (convention 12)."""
    if kind == "tỉnh" and name in CENTRAL_CITIES and (name != "Huế" or province == "Huế"):
        return Unit(name=name, kind="thành phố", province=name)
    if kind == "thành phố" and name in CENTRAL_CITIES and province in (None, name) and name != "Huế":
        return Unit(name=name, kind="thành phố", province=name)
    return Unit(name=name, kind=kind, province=province)


def _stated_elsewhere(text: str, province: str, provinces: list[str]) -> bool:
    """Whether the text names another of the candidate provinces as "tỉnh X" and not this one."""
    named = {p for p in provinces if re.search(r"(?:tỉnh|Tỉnh ủy|thành phố|TP\.?)\s+" + re.escape(p) + r"\b", text)}
    return bool(named) and province not in named


def province_of(text: str, candidates: list[gazetteer.Place], preferred: list[gazetteer.Place],
              scores: Counter[tuple[str, str]], places: dict[tuple[str, str], list[gazetteer.Place]],
              warnings: list[str], label: str) -> str | None:
    """The province of the chosen unit: the one the text supports best among the places of that
    name (those of the map in force when the article was written first), else a warning."""
    provinces = sorted({p.province for p in candidates})
    if len({p.province for p in preferred}) == 1 and not _stated_elsewhere(text, preferred[0].province, provinces):
        return preferred[0].province
    districts = {name for (kind, name) in scores if kind in ("huyện", "thị xã", "thành phố", "quận")}
    parents = {p.province for p in preferred if p.district in districts}
    if len(parents) == 1:
        return parents.pop()  # "xã Y ... huyện Z": the commune of that district
    hosts = _communes_hosted(text, [p for p in preferred if p.level == "district"])
    if len(hosts) == 1:
        return hosts.pop()  # "huyện Châu Thành ... các xã Long Hưng, Tam Hiệp, Bình Đức": the one holding them
    support: Counter[str] = Counter()
    if preferred and all(p.era == "2025" for p in preferred):
        # after the merger, the provinces of now; "tỉnh Bình Dương (cũ)" names where the unit came from
        provinces = sorted({p.province for p in preferred})
    for prov in provinces:
        for m in re.finditer(r"(?:tỉnh|Tỉnh ủy|thành phố|Thành ủy|TP\.?)\s+" + re.escape(prov) + r"\b(?!\s*\(cũ\))", text):
            support[prov] += 3
        support[prov] += len(re.findall(r"\b" + re.escape(prov) + r"\b(?!\s*\(cũ\))", text))
    for key, plist in places.items():
        owners = {p.province for p in plist}
        if len(owners) == 1:
            owner = owners.pop()
            if owner in support or owner in provinces:
                support[owner] += 1
    ranked = [(p, n) for p, n in support.most_common() if n > 0]
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    in_force = sorted({p.province for p in preferred})
    if len(in_force) == 1:
        return in_force[0]
    warnings.append(_("ambiguous unit: {unit} exists in {provinces}; province not stated").format(
        unit=label, provinces=", ".join(provinces)))
    return None


_COMMUNES = fastre.compile(r"\b(?:xã|phường|thị trấn)\s+((?:[A-ZĐÀ-Ỹ][\w'’-]*\s?){1,3}"
                           r"(?:\s*(?:,|và)\s*(?:[A-ZĐÀ-Ỹ][\w'’-]*\s?){1,3})*)")


def _communes_hosted(text: str, districts: list[gazetteer.Place]) -> set[str]:
    """The provinces of those `districts` that hold the most communes the text names, when the
    text names some and one district holds more than any other."""
    if len({d.province for d in districts}) < 2:
        return set()
    names = {n.strip() for m in _COMMUNES.finditer(text) for n in re.split(r",|\bvà\b", m.group(1)) if n.strip()}
    held: Counter[str] = Counter()
    for name in names:
        for place in gazetteer.lookup(name, level="commune", era="pre2025"):
            for d in districts:
                if place.district == d.name and place.province == d.province:
                    held[d.province] += 1
    ranked = held.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return {ranked[0][0]}
    return set()


class UnitError(ValueError):
    """A unit named by a user that the gazetteer does not know, or names ambiguously."""


_SPEC_PART = fastre.compile(r"^\s*(thị xã|thành phố|thị trấn|huyện|quận|tỉnh|xã|phường|TP\.?|TX\.?|H\.|Q\.|P\.)\s*(.+?)\s*$",
                        re.I)
_SPEC_KINDS = {"tp": "thành phố", "tp.": "thành phố", "tx": "thị xã", "tx.": "thị xã", "h.": "huyện", "q.": "quận",
               "p.": "phường"}


def parse_unit(spec: str) -> Unit:
    """The unit a user names: "xã Y, huyện Z, tỉnh T", "huyện Ứng Hòa", "thành phố Cần Thơ";
    the kind first, then its district and province when the name is not unique (UnitError if unknown
    or still ambiguous)."""
    parts = [p for p in (s.strip() for s in spec.split(",")) if p]
    parsed = []
    for part in parts:
        m = _SPEC_PART.match(part)
        if not m:
            raise UnitError(_("{part}: say the kind of unit first (xã, phường, thị trấn, huyện, thị xã, "
                              "thành phố, quận, tỉnh)").format(part=repr(part)))
        kind = _SPEC_KINDS.get(m.group(1).lower(), m.group(1).lower())
        parsed.append((kind, normalise_name(m.group(2))))
    if not parsed:
        raise UnitError(_("no unit given"))
    kind, name = parsed[0]
    found = gazetteer.lookup(name, kind)
    if not found:
        raise UnitError(_("no {kind} {name} in the lists of administrative units").format(
            kind=kind, name=name))
    for outer_kind, outer in parsed[1:]:
        if outer_kind in ("tỉnh",) or (outer_kind == "thành phố" and outer in CENTRAL_CITIES):
            found = [p for p in found if p.province in (outer, "Thừa Thiên Huế" if outer == "Huế" else outer)] or []
        else:
            found = [p for p in found if p.district == outer]
        if not found:
            raise UnitError(_("no {kind} {name} in {outer_kind} {outer}").format(
                kind=kind, name=name, outer_kind=outer_kind, outer=outer))
    provinces = sorted({p.province for p in found})
    if len(provinces) > 1:
        raise UnitError(_("{kind} {name} exists in {provinces}: add its province (\"{kind} {name}, tỉnh "
                          "...\")").format(
            kind=kind, name=name, provinces=", ".join(provinces)))
    place = found[0]
    if place.level == "province":
        return unit_of(place.name, kind, place.name)
    return unit_of(place.name, kind, provinces[0])
