"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI-Windows, VISCII) to Unicode.

Office files typed with ".VnTime" (TCVN3) or "VNI-Times" (VNI) fonts store their letters as
Windows-1252 characters ("§¶ng viªn", "ñaûng vieân" for "đảng viên"), so each table maps a byte
(and the cp1252 character it shows as) to Unicode. Tables follow the published standards:
TCVN 5712:1993 (VN3 is the part at 0xA1-0xFF; the bytes glibc's TCVN5712-1 charmap also gives),
VISCII per RFC 1456, and the VNI-Windows font layout (base letter plus a mark character).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from reportgen.vietnamese.letters import VIETNAMESE_LETTERS, Score, sample, score

__all__ = ["Legacy", "TCVN3", "VNI", "VISCII", "ENCODINGS", "CP1252_TABLE", "decode_cp1252",
           "detect", "convert", "decode", "legacy_font", "restore_capitals"]

# cp1252 with its five undefined bytes read as the C1 controls Windows maps them to, so any byte
# string decodes, and decoding then re-encoding is lossless.
CP1252_TABLE = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)
)


def decode_cp1252(data: bytes) -> str:
    """Decode bytes as Windows-1252, never failing (undefined bytes become C1 controls)."""
    return codecs.charmap_decode(data, "strict", CP1252_TABLE)[0]


# TCVN 5712:1993 bytes 0xA0-0xFF (VN1 positions; VN3, the ABC font set, uses the same bytes for
# its lower-case letters and the seven upper-case base letters Ă Â Ê Ô Ơ Ư Đ). 0xB0-0xB4 are the
# combining tone marks. Bytes below 0xA0 stay cp1252: VN3 fonts keep Word's quotes and dashes.
_TCVN3_A0 = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)

# VISCII (RFC 1456): six upper-case letters in C0 and a full 0x80-0xFF half.
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_80 = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "Õắằặấầẩậẽẹếềểễệố"
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉ"
    "đựòóôõỏọụùúũủýợỮ"
)

# VNI-Windows: a vowel is the ASCII letter followed by a mark character; the marks are mapped to
# Unicode combining marks and NFC composes them ("a"+"û" -> "a\u0309" -> "ả"). A few letters are
# single characters (ơ ư đ and the i/y forms). Upper-case text uses the upper-case mark characters.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    # tone alone           circumflex (+ tone)                     breve (+ tone)
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI: dict[int, str] = {}
for _mark, _combining in _VNI_MARKS.items():
    _VNI[ord(_mark.encode("cp1252"))] = _combining
    _VNI[ord(_mark.upper().encode("cp1252"))] = _combining
for _char, _letter in _VNI_LETTERS.items():
    _VNI[ord(_char.encode("cp1252"))] = _letter
    _VNI[ord(_char.upper().encode("cp1252"))] = _letter.upper()


@dataclass(frozen=True)
class Legacy:
    """One legacy encoding: its byte table and, derived from it, a table for cp1252-shown text."""

    name: str
    bytes_table: dict[int, str]
    composes: bool = False  # output holds combining marks that NFC must fold into letters
    chars_table: dict[int, str] = field(init=False, repr=False, compare=False)
    decoding_map: dict[int, str] = field(init=False, repr=False, compare=False)
    signal: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: dict[int, str] = {}
        for byte, text in self.bytes_table.items():
            table[ord(CP1252_TABLE[byte])] = text
            table.setdefault(byte, text)  # the same byte read as Latin-1 (C1 controls)
        object.__setattr__(self, "chars_table", table)
        # All 256 bytes, for `codecs.charmap_decode`: several times faster than str.translate.
        object.__setattr__(self, "decoding_map", {
            b: self.bytes_table.get(b, CP1252_TABLE[b]) for b in range(256)})
        object.__setattr__(self, "signal", frozenset(chr(c) for c in table if c > 0x7F))

    def convert(self, text: str) -> str:
        """Convert text whose characters are this encoding's bytes as cp1252 shows them."""
        out = text.translate(self.chars_table)
        return unicodedata.normalize("NFC", out) if self.composes else out

    def decode(self, data: bytes) -> str:
        """Decode raw bytes in this encoding."""
        out = codecs.charmap_decode(data, "strict", self.decoding_map)[0]
        return unicodedata.normalize("NFC", out) if self.composes else out


TCVN3 = Legacy("tcvn3", {0xA0 + i: ch for i, ch in enumerate(_TCVN3_A0)}, composes=True)
VISCII = Legacy("viscii", {**_VISCII_C0, **{0x80 + i: ch for i, ch in enumerate(_VISCII_80)}})
VNI = Legacy("vni", _VNI, composes=True)
ENCODINGS: dict[str, Legacy] = {e.name: e for e in (TCVN3, VNI, VISCII)}

# Font names that mark a run of text as legacy-encoded, whatever its characters score.
_FONT_PATTERNS: tuple[tuple[re.Pattern[str], Legacy], ...] = (
    (re.compile(r"^vni[-_ ]", re.I), VNI),  # VNI-Times, VNI-Helve: before the ".Vn" rule
    (re.compile(r"^\.?vn(?!i[-_ ])[a-z]", re.I), TCVN3),  # .VnTime, .VnArial, .VnTimeH, VnTime
    (re.compile(r"^(abc|tcvn)", re.I), TCVN3),
    (re.compile(r"^(viscii|vi[-_ ](times|arial|courier))", re.I), VISCII),
)


def legacy_font(font: str | None) -> tuple[Legacy | None, bool]:
    """The legacy encoding a font name implies, and whether it is an all-capitals "H" font."""
    if not font:
        return None, False
    name = font.strip()
    for pattern, encoding in _FONT_PATTERNS:
        if pattern.search(name):
            # .VnTimeH, .VnArialH: capitals drawn from the lower-case codes.
            capitals = encoding is TCVN3 and name.endswith("H") and not name.endswith("HH")
            return encoding, capitals
    return None, False


# Lines with two ASCII capitals and no ASCII lower case, and words with two ASCII capitals:
# the places where a capitals font may have hidden lower-case codes. Scanned in C by `re`.
_CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*[A-Z][^a-z\n]*$", re.M)
_CAPS_WORD = re.compile(r"[A-Z][^\W\d_a-z]*[A-Z][^\W\d_]*")  # from its first ASCII capital


def restore_capitals(text: str) -> str:
    """Upper-case TCVN3 words typed for a capitals font: "B¸O C¸O" decodes as "BáO CáO"."""
    def upper_if_mixed(match: re.Match[str]) -> str:
        found = match.group(0)
        if any(c.islower() for c in found if c.isascii()):
            return found
        return found.upper() if any(c.islower() for c in found) else found

    text = _CAPS_LINE.sub(upper_if_mixed, text)
    return _CAPS_WORD.sub(upper_if_mixed, text)


def detect(text: str) -> tuple[Legacy | None, Score]:
    """The legacy encoding `text` (cp1252-shown) is in, if converting it clearly helps."""
    probe = sample(text)
    base = score(probe)
    best: Legacy | None = None
    best_score = base
    if base.invalid == 0:
        return None, base
    for encoding in ENCODINGS.values():
        if not any(c in encoding.signal for c in probe):
            continue
        converted = score(encoding.convert(probe))
        if (converted.net >= best_score.net + 2 and converted.valid > base.valid
                and converted.share >= 0.6):
            best, best_score = encoding, converted
    return best, best_score


def decode(data: bytes, encoding: Legacy) -> str:
    """Decode a whole legacy-encoded file, restoring capitals typed for a TCVN3 capitals font."""
    out = encoding.decode(data)
    return restore_capitals(out) if encoding is TCVN3 else out


def convert(text: str, encoding: Legacy, capitals: bool = False) -> str:
    """Convert `text`; when it also holds real Unicode Vietnamese, only the lines that gain."""
    mixed = any(c in VIETNAMESE_LETTERS for c in sample(text) if c not in encoding.signal)
    if not mixed:
        out = encoding.convert(text)
    else:
        parts = []
        for line in text.splitlines(keepends=True):
            if line.isascii():
                parts.append(line)
                continue
            converted = encoding.convert(line)
            parts.append(converted if score(converted).net > score(line).net else line)
        out = "".join(parts)
    if encoding is TCVN3:
        out = out.upper() if capitals else restore_capitals(out)
    return out
