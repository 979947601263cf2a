"""Which unit an article is about: name, kind and province, from its mentions and the gazetteer.

Party-committee and Party-organisation mentions ("Huyện ủy X", "Đảng bộ thị xã X", "Đảng ủy xã X")
weigh most, plain mentions ("huyện X") least, the title more than the body. "toàn huyện",
"Đảng bộ tỉnh" without a name say which kind of unit speaks. Its province: `places.province_of`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportgen.extract import fastre
from reportgen.extract.places import province_of, unit_of
from reportgen.extract.unitnames import (
    BARE_ORG,
    COMMITTEE,
    COMMITTEE_KIND,
    HCM,
    KIND_WORDS,
    OWNER_BEFORE,
    PARTY_ORG,
    PLAIN,
    SELF,
    WITH_DISTRICT,
    document_issuer,
    names_after,
    resolve,
)
from reportgen.i18n import _
from reportgen.model import Unit
from reportgen.vietnamese import gazetteer
from reportgen.vietnamese.normalise import normalise_name

__all__ = ["UnitGuess", "detect_unit", "two_tier_map"]

@dataclass(frozen=True)
class UnitGuess:
    """The detected unit (or None) and warnings about how sure the guess is."""

    unit: Unit | None
    warnings: tuple[str, ...] = ()
    speaker: str | None = None  # the kind of unit the article speaks for when it never names it


# The guests of a meeting: "Dự hội nghị có đồng chí ..., Phó Bí thư Huyện ủy X", "Đến dự có đại diện ...".
_GUEST = fastre.compile(r"(?:\b(?:[Đđ]ến dự|[Vv]ề dự|[Tt]ham dự|[Dd]ự (?:hội nghị|đại hội|buổi lễ|lễ|và chỉ đạo|và phát biểu))"
                    r"|(?:^|[.;]\s*)[Dd]ự\b)[^.;\n]*$")
_COUNTED_BEFORE = fastre.compile(r"(?:\d|\b(?:các|những|mỗi|từng|hai|ba|bốn|năm))\s*$", re.I)
# Mentions of a unit as it was: "(cũ)", "trước hợp nhất/sáp nhập"; and as it is now: "(mới)".
_OLD_AFTER = fastre.compile(r"\s*\(cũ\)")
_NEW_AFTER = fastre.compile(r"\s*\(mới\)")
_BEFORE_MERGER = fastre.compile(r"(?:trước (?:khi )?(?:hợp nhất|sáp nhập|sắp xếp)|trước ngày 0?1/7/2025)[^.;]{0,60}$", re.I)
_TWO_TIER = fastre.compile(r"chính quyền (?:địa phương )?(?:hai|2) cấp|sau (?:hợp nhất|sáp nhập)|\(mới\)|\(cũ\)", re.I)
_TWO_TIER_START = date(2025, 7, 1)


@lru_cache(maxsize=8)
def two_tier_map(text: str, published: date | None = None) -> bool:
    """Whether the article speaks of the map after 1 July 2025 (no districts, communes under provinces)."""
    return (published is not None and published >= _TWO_TIER_START) or bool(_TWO_TIER.search(text))


def detect_unit(text: str, title_end: int, published: date | None = None) -> UnitGuess:
    """Detect the article's unit in normalised `text`; text[:title_end] is the title region."""
    current_map = two_tier_map(text, published)
    scores: Counter[tuple[str, str]] = Counter()
    places: dict[tuple[str, str], list[gazetteer.Place]] = {}
    self_kind: Counter[str] = Counter()
    in_title: set[tuple[str, str]] = set()
    title_kinds: set[str] = set()

    def add(kind: str, start: int, end: int, weight: float) -> None:
        names = names_after(text, end)
        if not names:
            if _COUNTED_BEFORE.search(text, max(0, start - 12), start):
                return  # "14 đảng bộ xã, thị trấn", "các đảng bộ xã": sub-units counted, no speaker
            # an unnamed "Huyện ủy", "toàn huyện": the article speaks as one
            self_kind[kind] += weight / 3 * (2.0 if start < title_end else 1.0)
            if start < title_end:
                title_kinds.add(kind)
            return
        found = resolve(tuple(names), kind)
        if not found:
            if start < title_end and weight >= 3.0 and gazetteer.KINDS.get(kind) == "commune":
                unlisted[(kind, names[0])] += weight  # a commune merged away before the lists began
            return
        key, found_places = found
        bonus = 2.0 if start < title_end else 1.0
        if _GUEST.search(text, max(0, start - 70), start):
            bonus *= 0.3  # "Đến dự có đại diện Ban Tổ chức Thành ủy X": a guest, not the host
        elif OWNER_BEFORE.search(text, max(0, start - 16), start):
            bonus *= 0.5  # "Chi bộ ... trực thuộc đảng bộ huyện X": whose the subject is, not the subject
        if text[max(0, start - 2):start].strip() == "(":
            bonus *= 0.5  # "1 không hoàn thành nhiệm vụ (Đảng bộ phường X)", "(huyện Z)": an aside
        name_end = end + len(key[1])
        if _OLD_AFTER.match(text, name_end) or _BEFORE_MERGER.search(text[max(0, start - 80):start]):
            bonus = 0.0  # the unit as it was before a merger
        elif _NEW_AFTER.match(text, name_end):
            bonus += 1.0
        scores[key] += weight * bonus
        places.setdefault(key, found_places)
        if start < title_end:
            in_title.add(key)
        if weight >= 3.0 and gazetteer.KINDS.get(kind) == "commune":
            outer = WITH_DISTRICT.match(text, name_end)
            if outer:
                with_district.setdefault(key, set()).add(normalise_name(outer.group(1)))

    with_district: dict[tuple[str, str], set[str]] = {}
    unlisted: Counter[tuple[str, str]] = Counter()
    for m in COMMITTEE.finditer(text):
        add(COMMITTEE_KIND[m.group(1).lower()], m.start(), m.end(), 3.0)
    for m in PARTY_ORG.finditer(text):
        add(KIND_WORDS[m.group(1).lower()], m.start(), m.end(), 3.0)
    for m in PLAIN.finditer(text):
        add(KIND_WORDS[m.group(1).lower()], m.start(), m.end(), 1.0)
    for m in SELF.finditer(text):
        kind = KIND_WORDS[m.group(1).lower()]
        if not resolve(tuple(names_after(text, m.end())), kind):  # "toàn Đảng bộ thành phố Hải Phòng" is named
            self_kind[kind] += 3.0
    for m in HCM.finditer(text):
        key = ("thành phố", "Hồ Chí Minh")
        scores[key] += 3.0 * (2.0 if m.start() < title_end else 1.0)
        places.setdefault(key, gazetteer.lookup("Hồ Chí Minh"))
        if m.start() < title_end:
            in_title.add(key)
    for m in BARE_ORG.finditer(text):
        # "Đảng bộ Can Lộc", "Huyện ủy Đơn Dương" (kind words left out): a known district's name
        names = names_after(text, m.end())
        for name in names:
            found = [p for p in gazetteer.lookup(name, level="district") if p.era == "pre2025"]
            if found:
                key = (found[0].kind, found[0].name)
                scores[key] += 3.0 * (2.0 if m.start() < title_end else 1.0)
                places.setdefault(key, gazetteer.lookup(found[0].name, found[0].kind))
                if m.start() < title_end:
                    in_title.add(key)
                break
    _title_names(text, title_end, scores, places)

    best_named = max(scores.items(), key=lambda kv: kv[1] + 0.5 * self_kind[kv[0][0]], default=None)
    issuer = document_issuer(text)
    if issuer is not None:
        # a Party document's header: the committee under its superior's line issues it
        places.setdefault(issuer[0], issuer[1])
        best_named = (issuer[0], max(scores.values(), default=0.0) + 1.0)
        self_kind.clear()
    elif best_named is not None:
        best_named = _lowest(best_named, scores, places, in_title, title_kinds, with_district, self_kind)
    best_self = max(self_kind.items(), key=lambda kv: kv[1], default=None)
    warnings: list[str] = []
    if best_named is None and best_self is None:
        return UnitGuess(None, (_("no unit found (no Party committee or unit named)"),))
    named_score = best_named[1] + 0.5 * self_kind[best_named[0][0]] if best_named else 0.0
    era = "2025" if current_map else "pre2025"
    if best_self and best_self[1] > named_score and best_self[0] != (best_named[0][0] if best_named else None):
        unit = _unnamed(best_self[0], scores, places, text, era, warnings)
        if unit is not None:
            listed = _title_pair(text, title_end, unit.name)
            if listed is not None:
                warnings.append(_side_by_side(unit.kind, unit.name, listed))
            return UnitGuess(unit, tuple(warnings))
        older = _unlisted_commune(unlisted, text, best_named[0], places[best_named[0]]) if best_named else None
        if older is not None and older.kind == best_self[0]:
            return UnitGuess(older, (_unlisted_warning(older, best_named[0]),))
        # The article speaks as a kind of unit it never names, and names others (a district inside
        # it, the city whose committee sent a guest): none of them is the unit.
        return UnitGuess(None, (_("the article speaks for a {kind} but never names "
                                  "it").format(kind=best_self[0]),), best_self[0])
    assert best_named is not None  # with no unit named, the article speaks as one (above)
    (kind, name) = best_named[0]
    candidates = places[(kind, name)]
    older = _unlisted_commune(unlisted, text, (kind, name), candidates)
    if older is not None:
        return UnitGuess(older, (_unlisted_warning(older, (kind, name)),))
    peers = _peers(best_named, scores, places)
    rival = _rival(best_named, scores, places)
    if len(peers) >= 2:
        warnings.append(_("the article names {count} units of one level about as often as each other; its "
                          "figures are read as those of {kind} {name} (--unit chooses another)").format(
                              count=len(peers) + 1, kind=kind, name=name))
    elif rival is None and (listed := _title_pair(text, title_end, name)) is not None:
        warnings.append(_side_by_side(kind, name, listed))
    elif rival is not None:
        warnings.append(_side_by_side(kind, name, f"{rival[0]} {rival[1]}"))
    preferred = [p for p in candidates if p.era == era] or candidates
    province = province_of(text, candidates, preferred, scores, places, warnings, f"{kind} {name}")
    if province == "Huế" and not current_map and (published is None or published.year < 2025):
        province = "Thừa Thiên Huế"  # its name until 2025
    return UnitGuess(unit_of(name, kind, province), tuple(warnings))


def _unlisted_warning(unit: Unit, outer: tuple[str, str]) -> str:
    """The warning of a commune read with the province of the district it is named in."""
    return _("{kind} {name} is not in the lists of administrative units (since 2020); "
             "its province is read from {outer}").format(kind=unit.kind, name=unit.name, outer=f"{outer[0]} {outer[1]}")


def _unlisted_commune(unlisted: Counter[tuple[str, str]], text: str, best: tuple[str, str],
                      candidates: list[gazetteer.Place]) -> Unit | None:
    """A commune the title names as a Party organisation ("Đảng bộ TT Cầu Gồ tổng kết ...") that the
    lists (2020 on) no longer hold, named again in the text, inside the district chosen: that commune."""
    if not unlisted or not candidates or candidates[0].level != "district":
        return None
    (kind, raw), _weight = unlisted.most_common(1)[0]
    name = normalise_name(raw)
    again = len(re.findall(r"\b" + re.escape(kind) + r"\s+" + re.escape(name) + r"\b", text, re.I))
    if again < 1 or len({p.province for p in candidates}) != 1:
        return None
    return Unit(name=name, kind=kind, province=candidates[0].province)


def _title_names(text: str, title_end: int, scores: Counter[tuple[str, str]],
                 places: dict[tuple[str, str], list[gazetteer.Place]]) -> None:
    """Bare district or province names heading the article or a part of its title: "Mộc Châu",
    "Sa Pa: Kết nạp ...", "... Gia Lai: Kết quả ..."."""
    for line in text[:title_end].split("\n"):
        line = line.strip()
        heads = [re.split(r"[:–\-|]", line, maxsplit=1)[0].strip()]
        # "Bảo Lộc kết nạp ...": a title that opens with the unit's bare name
        words = line.split()
        heads += [" ".join(words[:n]) for n in (3, 2) if len(words) > n
                  and all(w[:1].isupper() for w in words[:n]) and not words[n][:1].isupper()]
        heads += [m.group(1) for m in re.finditer(r"(?:^|[.!?]\s+)((?:[A-ZĐÀ-Ỹ][\w'’]*\s?){1,4})\s*[:–]\s", line)]
        for head in heads:
            head = head.strip()
            if not head or len(head.split()) > 4 or not head[0].isupper():
                continue
            name = normalise_name(head)
            for level in ("province", "district"):
                found = [p for p in gazetteer.lookup(name, level=level) if p.era == "pre2025"]
                if found:
                    kind = found[0].kind
                    key = (kind, found[0].name)
                    towns = [k for k in scores if k[1] == key[1] and k[0] in ("thị trấn", "xã", "phường")]
                    if towns and not any(k[1] == key[1] and k[0] not in ("thị trấn", "xã", "phường") for k in scores):
                        # "Yên Thế: ..." over "Đảng bộ thị trấn Yên Thế, huyện Lục Yên": the town the text names
                        scores[max(towns, key=lambda k: scores[k])] += 4.0
                        break
                    scores[key] += 4.0
                    places.setdefault(key, gazetteer.lookup(name, kind))
                    break


def _side_by_side(kind: str, name: str, other: str) -> str:
    """The warning of an article on two units whose figures are read as the first's."""
    return _("the article is about two units side by side, {kind} {name} and {other}; its "
             "figures "
             "are read as those of {kind} {name}").format(kind=kind, name=name, other=other)


def _title_pair(text: str, title_end: int, name: str) -> str | None:
    """Another unit the title heads beside `name` ("Kiến Xương, Tiền Hải: ...", "A và B: ..."), or None."""
    for line in text[:title_end].split("\n"):
        head = re.split(r"[:–|]", line, maxsplit=1)
        if len(head) < 2:
            continue
        parts = [normalise_name(p) for p in re.split(r",\s*|\s+và\s+", head[0].strip()) if p.strip()]
        if len(parts) == 2 and name in parts:
            other = parts[1 - parts.index(name)]
            if any(p.level != "province" for p in gazetteer.lookup(other)):
                return other
    return None


def _lowest(best: tuple[tuple[str, str], float], scores: Counter[tuple[str, str]],
            places: dict[tuple[str, str], list[gazetteer.Place]], in_title: set[tuple[str, str]],
            title_kinds: set[str], with_district: dict[tuple[str, str], set[str]] | None = None,
            self_kind: Counter[str] | None = None) -> tuple[tuple[str, str], float]:
    """The unit an article speaks for among the top one and the units inside it it names.

    An article on a commune names its district, one on a district its province. A unit inside
    the top one, named with at least half its score (and no more than one other of its level), is
    the article's when the title names it and not the top one, or names its level ("Bí thư Huyện
    ủy ..."), or when its score is close to the top one's. A province naming three districts, or a
    district named in the title, speaks for itself.
    """
    (kind, name), top = best
    order = {"province": 0, "district": 1, "commune": 2}
    top_level = max((order[p.level] for p in places[(kind, name)]), default=0)

    def inside(key: tuple[str, str]) -> bool:
        for p in places[key]:
            if order[p.level] <= top_level:
                continue
            if top_level == 0 and p.province == name and p.name != name:
                return True
            if top_level == 1 and p.district == name:
                return True
        return False

    children = [(k, s) for k, s in scores.items() if k != (kind, name) and inside(k)]
    strong = [(k, s) for k, s in children if s >= 0.5 * top]
    titled = [(k, s) for k, s in strong if k in in_title]
    if len(titled) == 1 and (kind, name) not in in_title:
        return titled[0]  # "Thị trấn Mỏ Cày tổ chức Đại hội ...": the title's unit, however many others it names
    # "Đảng ủy xã Phước Thuận (Ninh Phước) tổ chức ...": the commune's committee named with the top district
    located = [(k, s) for k, s in children if top_level == 1 and name in (with_district or {}).get(k, ())
               and s >= 0.3 * top]
    if len(located) == 1:
        return located[0]
    if not strong or len(children) > 2:
        return best
    child, score = max(strong, key=lambda kv: kv[1])
    if (kind, name) in in_title and child not in in_title:
        return best
    # A town named like its district (thị trấn Chư Sê of huyện Chư Sê) takes over only by a clear margin.
    # (each counted with how much the article speaks as its kind unnamed: "Đảng bộ quận", "Quận ủy")
    spoken = self_kind or Counter()
    close = score + 0.5 * spoken[child[0]] > (top + 0.5 * spoken[kind]) * (1.0 if child[1] == name else 0.8)
    if (child in in_title and (kind, name) not in in_title) or child[0] in title_kinds or close:
        return child, score
    return best


def _rival(best: tuple[tuple[str, str], float], scores: Counter[tuple[str, str]],
           places: dict[tuple[str, str], list[gazetteer.Place]]) -> tuple[str, str] | None:
    """Another unit of the same level named almost as much as the chosen one (an article on two
    districts side by side), or None."""
    key, top = best
    levels = {p.level for p in places[key]}
    for other, score in scores.most_common(3):
        if other == key or score < 0.7 * top or score < 6:
            continue
        if {p.level for p in places[other]} & levels and other[1] != key[1]:
            return other
    return None


def _peers(best: tuple[tuple[str, str], float], scores: Counter[tuple[str, str]],
           places: dict[tuple[str, str], list[gazetteer.Place]]) -> list[tuple[str, str]]:
    """The other units of the chosen one's level named about as much as it (a round-up of units)."""
    key, top = best
    levels = {p.level for p in places[key]}
    return [other for other, score in scores.items()
            if other != key and other[1] != key[1] and score >= 0.7 * top
            and {p.level for p in places[other]} & levels]


def _unnamed(kind: str, scores: Counter[tuple[str, str]],
             places: dict[tuple[str, str], list[gazetteer.Place]], text: str, era: str,
             warnings: list[str]) -> Unit | None:
    """A unit that speaks of itself by kind only ("toàn Đảng bộ tỉnh"): infer it from its parts."""
    named = [(k, s) for k, s in scores.items() if k[0] == kind]
    if named:
        (k, n), _unused = max(named, key=lambda kv: kv[1])
        candidates = places[(k, n)]
        preferred = [p for p in candidates if p.era == era] or candidates
        return unit_of(n, k, province_of(text, candidates, preferred, scores, places, warnings, f"{k} {n}"))
    if kind == "tỉnh":
        votes: Counter[str] = Counter()
        for key, plist in places.items():
            provinces = {p.province for p in plist if p.level != "province"}
            if len(provinces) == 1:
                votes[provinces.pop()] += 1
        if votes:
            province = votes.most_common(1)[0][0]
            return unit_of(province, "tỉnh", province)
    if gazetteer.KINDS.get(kind) == "district":
        # "Đảng bộ thành phố ..., riêng Đảng ủy phường Tân Lợi ...": the district its named communes are in
        owners: Counter[tuple[str, str]] = Counter()
        for key, plist in places.items():
            homes = {(p.district, p.province) for p in plist if p.level == "commune" and p.district_kind == kind
                     and p.era == "pre2025" and p.district}
            if len(homes) == 1:
                owners[homes.pop()] += 1
        if len(owners) == 1:
            (district, province), = owners
            return unit_of(district, kind, province)
    return None
