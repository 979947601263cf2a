"""How a text names units: kind words and their abbreviations, Party committees and organisations,
the capitalised names after them, resolved in the gazetteer; and a Party document's issuer."""
from __future__ import annotations

import re
from functools import lru_cache

from reportgen.extract import fastre
from reportgen.vietnamese import gazetteer

__all__ = ["KIND_WORDS", "COMMITTEE_KIND", "KIND_RX", "COMMITTEE", "PARTY_ORG", "PLAIN", "HCM", "WITH_DISTRICT",
           "BARE_ORG", "SELF", "OWNER_BEFORE", "names_after", "resolve", "document_issuer"]

KIND_WORDS = {
    "huyện": "huyện", "thị xã": "thị xã", "thành phố": "thành phố", "tp": "thành phố", "tp.": "thành phố",
    "quận": "quận", "tỉnh": "tỉnh", "xã": "xã", "phường": "phường", "thị trấn": "thị trấn",
    "tx": "thị xã", "tx.": "thị xã", "h.": "huyện", "q.": "quận", "p.": "phường", "tt.": "thị trấn", "tt": "thị trấn",
    "huyện đảo": "huyện", "thành phố đảo": "thành phố",
}
COMMITTEE_KIND = {"huyện": "huyện", "thị": "thị xã", "thành": "thành phố", "quận": "quận", "tỉnh": "tỉnh"}
# Kind words, with the abbreviations papers use before a name ("TP. X", "TX. Y", "H. Z") and the
# island districts' "huyện đảo X".
KIND_RX = r"(thị xã|thành phố đảo|thành phố|thị trấn|huyện đảo|huyện|quận|tỉnh|xã|phường|TP\.?|(?-i:TX|TT)\.?|(?-i:H|Q|P)\.(?=\s?[A-ZĐÀ-Ỹ0-9]))"
_NAME_TOKEN = fastre.compile(r"[^\W\d_][\w'’\-]*|\d{1,2}\b")

COMMITTEE = fastre.compile(r"\b(Huyện|Thị|Thành|Quận|Tỉnh)\s+[ủu]y\b\.?\s*", re.I)
PARTY_ORG = fastre.compile(r"\b(?:Đảng bộ|Đảng ủy|Ban Chấp hành Đảng bộ|BCH Đảng bộ)\s+" + KIND_RX + r"\s*", re.I)
# ("Q.Ninh Kiều": an abbreviation's dot may touch the name)
PLAIN = fastre.compile(r"(?<![\w])" + KIND_RX + r"(?=(?:[\s.]+|(?<=\.))(?-i:[A-ZĐÀ-Ỹ0-9]))\.?\s*", re.I)
# Ho Chi Minh City as papers abbreviate it.
HCM = fastre.compile(r"\b(?:TP\.?\s?HCM|TPHCM|Tp\.?\s?HCM|Thành phố HCM|thành phố HCM)\b")
# After a commune's name, its district: "(huyện Z)", "(Z)", ", huyện Z".
WITH_DISTRICT = fastre.compile(r"\s*(?:\(\s*(?:huyện|thị xã|thành phố|TP\.?|quận|H\.)?\s*|,\s*(?:huyện|thị xã|thành phố|TP\.?|"
                            r"quận|H\.)\s+)((?:[A-ZĐÀ-Ỹ][\w'’-]*\s?){1,4})")
BARE_ORG = fastre.compile(r"\b(?:Đảng bộ|Đảng ủy|Ban Chấp hành Đảng bộ)\s+(?=[A-ZĐÀ-Ỹ])")
SELF = fastre.compile(r"\btoàn\s+(?:Đảng bộ\s+)?(huyện|tỉnh|thị xã|thành phố|quận|xã|phường|thị trấn)\b[ \t]*", re.I)
#: Words before a unit that make it the owner of what precedes ("chi bộ ... trực thuộc Đảng bộ huyện X").
OWNER_BEFORE = fastre.compile(r"\b(?:trực thuộc|thuộc)\s+$", re.I)



def names_after(text: str, pos: int) -> list[str]:
    """Candidate names starting at `pos`: capitalised words, longest first (up to four)."""
    words: list[str] = []
    at = pos
    while len(words) < 4:
        m = _NAME_TOKEN.match(text, at)
        if not m:
            break
        word = m.group(0)
        if not (word[0].isupper() or word.isdigit()):
            break
        words.append(word)
        gap = re.match(r"[ \t]+(?:[-–—][ \t]+)?", text[m.end():m.end() + 6])
        if not gap:
            break
        if "-" in gap.group(0) or "–" in gap.group(0) or "—" in gap.group(0):
            words[-1] += " -"  # "Phan Rang – Tháp Chàm": the gazetteer writes the dash as " - "
        at = m.end() + gap.end()
    names = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    return [n for n in names if not n.endswith(" -")]


def _as_written(written: str, listed: str) -> str:
    """The name as the article writes it when the lists only space it otherwise ("Đakrông" for the
    lists' "Đa Krông", the district's own spelling), else as listed."""
    shown = gazetteer.canonical_name(written)
    return shown if shown != listed and shown.replace(" ", "").casefold() == listed.replace(" ", "").casefold() \
        else listed


@lru_cache(maxsize=4096)
def resolve(names: tuple[str, ...], kind: str) -> tuple[tuple[str, str], list[gazetteer.Place]] | None:
    """The longest name that is a known place of `kind`: its (kind, name) key and places.

    "Thành phố X" is a provincial city when one exists, else a centrally-run city ("tỉnh"); a name
    of another kind at the same level is the unit before its kind changed.
    """
    for name in names:
        found = gazetteer.lookup(name, kind)
        if not found:
            continue
        if kind == "thành phố":
            cities = [p for p in found if p.kind == "thành phố" and p.level != "province"]
            if cities:
                return ("thành phố", cities[0].name), cities
            # a centrally-run city: a province-level unit of kind "thành phố" (convention 12)
            return ("thành phố", found[0].name), found
        return (kind, _as_written(name, found[0].name)), found
    # "thị xã Long Khánh" in 2017, a city in the lists (from 2020): a unit whose kind changed before
    # the lists began is found at its level, under the kind the article gives it
    level = gazetteer.KINDS.get(kind)
    if level in ("district", "commune"):
        for name in names:
            found = [p for p in gazetteer.lookup(name, level=level) if p.era == "pre2025"]
            if found:
                return (kind, found[0].name), found
    return None


_HEADER_ORG = fastre.compile(r"^\s*(?:ĐẢNG BỘ|ĐẢNG ỦY|BAN CHẤP HÀNH ĐẢNG BỘ|HUYỆN ỦY|THỊ ỦY|THÀNH ỦY|QUẬN ỦY|TỈNH ỦY)\s")


def document_issuer(text: str) -> tuple[tuple[str, str], list[gazetteer.Place]] | None:
    """The committee a Party document's header names under its superior ("ĐẢNG BỘ TỈNH NGHỆ AN" /
    "THỊ ỦY HOÀNG MAI" / "*" / "Số 215-BC/TU"): its key and places, or None for no such header."""
    found = []
    at = 0
    for line in text.split("\n")[:8]:
        start, at = at, at + len(line) + 1
        if line.strip() and line.strip() == line.strip().upper() and _HEADER_ORG.match(line):
            for m in list(COMMITTEE.finditer(line)) + list(PARTY_ORG.finditer(line)):
                kind = COMMITTEE_KIND.get(m.group(1).lower()) or KIND_WORDS.get(m.group(1).lower())
                names = names_after(text, start + m.end())
                resolved = resolve(tuple(names), kind) if kind and names else None
                if resolved:
                    found.append(resolved)
                    break
    return found[-1] if len(found) >= 2 else None
