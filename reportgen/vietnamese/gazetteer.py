"""Vietnamese administrative units: look up provinces, districts and communes by name.

Data: `data/gazetteer.tsv` beside this module, built by `scripts/build_gazetteer.py` from the
General Statistics Office lists of units (three pre-2025 dates, era "pre2025") and the 2025-07
conversion table (34 provinces and their communes after 2025-07-01, era "2025"); see
`data/README.md`.
Names are stored and matched in `normalise_name` form, so tone style, case and spacing do not
matter but accents do (names that differ only by their accents are different places), except that a
bare i/y after a consonant is one letter ("Mĩ"/"Mỹ"). The table is parsed on first use.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from reportgen.vietnamese.normalise import normalise_name

__all__ = ["Place", "KINDS", "canonical_name", "lookup", "province_names", "is_province",
           "districts", "successors"]

#: Kinds of unit with their level. "đặc khu" (special zone) is a commune-level kind that only
#: exists after 2025-07-01, when 13 island districts became special zones.
KINDS: dict[str, str] = {
    "tỉnh": "province", "thành phố": "district", "huyện": "district", "thị xã": "district",
    "quận": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
    "đặc khu": "commune",
}
LEVELS = ("province", "district", "commune")
ERAS = ("pre2025", "2025")
# Kind words that may open a full official name ("Thành phố Hà Nội", "Phường 12"), longest first
# so "Thị Trấn" is tried before anything shorter.
_KIND_PREFIXES = sorted(((normalise_name(k) + " ", k) for k in KINDS), key=lambda p: -len(p[0]))


@dataclass(frozen=True)
class Place:
    """One administrative unit, names in `normalise_name` form without their kind word."""

    name: str
    kind: str
    level: str
    province: str
    district: str | None
    district_kind: str | None
    code: str
    era: str


@dataclass(frozen=True)
class _Index:
    """Everything `lookup` and friends need, built once from the data file."""

    by_name: dict[str, list[tuple[Place, frozenset[str]]]]  # name -> places, kinds each answers to
    commune_by_code: dict[str, Place]  # post-2025 communes, targets of `successors`
    successor_codes: dict[Place, tuple[str, ...]]
    aliases: dict[str, frozenset[str]]  # province name -> all pre-2025 names with its code
    provinces: tuple[str, ...]
    districts: dict[str, tuple[Place, ...]]
    glued: dict[str, tuple[str, ...]]  # a name's key without its spaces -> the keys that have it


_TONES = "\u0300\u0301\u0303\u0309\u0323"
# A syllable of a consonant and a bare i/y, whose two spellings both live on ("Quí"/"Quý", "Mĩ"/"Mỹ").
_OPEN_IY = re.compile(r"(?i)(qu|ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđhklmnprstvx])([iy])([" + _TONES + r"]?)")


def _spell_qu(word: str) -> str:
    """"Quí" -> "Quý": the spelling of the 2025 lists and of the papers (older lists write "Phú Quí")."""
    d = unicodedata.normalize("NFD", word)
    m = _OPEN_IY.fullmatch(d)
    if m is None or m.group(1).lower() != "qu" or m.group(2) != "i":
        return word
    return unicodedata.normalize("NFC", m.group(1) + "y" + m.group(3))


@lru_cache(maxsize=8192)
def canonical_name(name: str) -> str:
    """Display and matching form of a name: `normalise_name`, "05" -> "5" (older lists pad ward
    numbers), "Quí" spelt "Quý", a dash spaced."""
    text = normalise_name(re.sub(r"\s*[-–—]\s*", " - ", name))  # "Phan Rang-Tháp Chàm" as "Phan Rang - Tháp Chàm"
    return " ".join(str(int(w)) if w.isascii() and w.isdigit() else _spell_qu(w) for w in text.split(" "))


@lru_cache(maxsize=8192)
def _match_key(name: str) -> str:
    """The key a canonical name is looked up by: a bare i/y after a consonant is one letter, so
    "Mĩ Lộc" finds "Mỹ Lộc" and "Kì Anh" finds "Kỳ Anh"."""
    words = []
    for word in name.split(" "):
        m = _OPEN_IY.fullmatch(unicodedata.normalize("NFD", word))
        words.append(unicodedata.normalize("NFC", m.group(1) + "i" + m.group(3)) if m else word)
    return " ".join(words)


def _glued(key: str) -> str:
    """A key with its syllables run together: "Đakrông" and "Đa Krông" have one."""
    return key.replace(" ", "").casefold()


def _canonical_kind(kind: str) -> str:
    """"Thị Xã" / "thị  xã" -> "thị xã"; unknown kinds are a caller error."""
    text = canonical_name(kind).lower()
    if text not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(KINDS)}")
    return text


def _split_kind(name: str) -> tuple[str, str] | None:
    """("phường", "12") for "Phường 12", None when no kind word opens the (canonical) name."""
    for prefix, kind in _KIND_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return kind, name[len(prefix):]
    return None


def _read_rows() -> list[list[str]]:
    """Data rows of the packaged TSV (the header line dropped)."""
    text = files("reportgen.vietnamese").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()[1:] if line]


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Parse the data file and build the indexes (once per process)."""
    by_name: dict[str, list[tuple[Place, frozenset[str]]]] = {}
    commune_by_code: dict[str, Place] = {}
    successor_codes: dict[Place, tuple[str, ...]] = {}
    names_by_code: dict[str, set[str]] = {}
    provinces: set[str] = set()
    district_lists: dict[str, list[Place]] = {}
    for era, level, kind, name, province, district, district_kind, code, extra in _read_rows():
        place = Place(name=name, kind=kind, level=level, province=province,
                      district=district or None, district_kind=district_kind or None,
                      code=code, era=era)
        kinds = {kind}
        if level == "province":
            provinces.add(name)
            kinds.add(extra)  # a centrally-run city also answers to "thành phố"
            if era == "pre2025":
                names_by_code.setdefault(code, set()).add(name)
        elif level == "district":
            district_lists.setdefault(province, []).append(place)
        elif era == "2025":
            commune_by_code[code] = place
        elif extra:
            successor_codes[place] = tuple(extra.split(","))
        by_name.setdefault(_match_key(name), []).append((place, frozenset(kinds)))
    # Thừa Thiên Huế became Huế (same code 46) in 2025-01; units are stored under the newer name,
    # so a filter on either name must reach both.
    aliases = {n: frozenset(group) for group in names_by_code.values() for n in group}
    # Highland names are written both glued and apart ("Đakrông", "Đa Krông"; "KrôngPa").
    glued_keys: dict[str, tuple[str, ...]] = {}
    for key in by_name:
        glued_keys[_glued(key)] = glued_keys.get(_glued(key), ()) + (key,)
    return _Index(by_name=by_name, commune_by_code=commune_by_code,
                  successor_codes=successor_codes, aliases=aliases,
                  provinces=tuple(sorted(provinces, key=lambda n: (-len(n), n))),
                  districts={p: tuple(ps) for p, ps in district_lists.items()}, glued=glued_keys)


def _province_filter(province: str) -> frozenset[str]:
    """Province names a `province=` argument stands for ("Tỉnh Long An" -> {"Long An"})."""
    idx = _index()
    key = canonical_name(province)
    if key not in idx.provinces:
        split = _split_kind(key)
        if split and split[0] in ("tỉnh", "thành phố") and split[1] in idx.provinces:
            key = split[1]
    return idx.aliases.get(key, frozenset((key,)))


def lookup(name: str, kind: str | None = None, *, level: str | None = None,
           province: str | None = None, era: str | None = None) -> list[Place]:
    """Places called `name` (bare or with its kind word), optionally filtered; pre-2025 first."""
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")
    if era is not None and era not in ERAS:
        raise ValueError(f"unknown era {era!r}; expected one of {ERAS}")
    idx = _index()
    key = canonical_name(name)
    want = _canonical_kind(kind) if kind is not None else None
    if _match_key(key) not in idx.by_name and _glued(_match_key(key)) not in idx.glued:
        # "Thành phố Hà Nội", "Phường 12": a full official name carries its kind.
        split = _split_kind(key)
        if split is None or (want is not None and want != split[0]):
            return []
        want, key = split
    key = _match_key(key)
    provinces = _province_filter(province) if province is not None else None

    def of(k: str) -> list[Place]:
        return [place for place, kinds in idx.by_name.get(k, ())
                if (want is None or want in kinds)
                and (level is None or place.level == level)
                and (era is None or place.era == era)
                and (provinces is None or place.province in provinces)]

    found = of(key)
    if not found:  # "huyện Đakrông" is the lists' "Đa Krông" (and "xã Đakrông" its own)
        found = [p for other in idx.glued.get(_glued(key), ()) if other != key for p in of(other)]
    return found


def province_names() -> list[str]:
    """Bare names of all provinces of both eras, each once, longest first (for text scanning)."""
    return list(_index().provinces)


def is_province(name: str) -> bool:
    """Whether `name` ("Long An", "Tỉnh Long An", "Thành phố Hà Nội") is a province-level unit."""
    return bool(lookup(name, level="province"))


def districts(province: str) -> list[Place]:
    """Pre-2025 district-level units of a province, by code (the 2025 map has no districts)."""
    idx = _index()
    found = [p for name in sorted(_province_filter(province)) for p in idx.districts.get(name, ())]
    return sorted(set(found), key=lambda p: (p.code, p.kind, p.name))


def successors(place: Place) -> list[Place]:
    """Post-2025 communes a pre-2025 commune went into, per the conversion table; [] if unknown."""
    idx = _index()
    codes = idx.successor_codes.get(place, ())
    return [idx.commune_by_code[c] for c in codes if c in idx.commune_by_code]
