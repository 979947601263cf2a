"""Plain-text files: find the encoding (BOM, UTF-16, UTF-8, cp1258, legacy fonts), repair mojibake.

Decisions that cannot be read off the bytes are taken by decoding a sample every plausible way and
keeping the reading whose accented words are most often valid Vietnamese syllables.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from reportgen.i18n import N_, _
from reportgen.model import Source
from reportgen.readers.base import MAX_TEXT_BYTES, ReadError, magic_kind, read_bytes
from reportgen.readers.legacy import CP1252_TABLE, ENCODINGS, convert, decode_cp1252, detect
from reportgen.readers.legacy import decode as decode_legacy
from reportgen.vietnamese.letters import VIETNAMESE_LETTERS, Score, is_syllable, sample, score

__all__ = ["read_text", "decode_bytes", "fix_text", "apply_fix", "repair_mojibake", "NotText"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE_BYTES = 65536
# Control characters that never occur in text; a few tolerated ones (tab, newlines, form feed,
# the DOS end-of-file mark, escape) are left out.
_CONTROL = frozenset(range(0x00, 0x09)) | frozenset((0x0E, 0x0F)) | frozenset(range(0x10, 0x1A)) \
    | frozenset((0x1C, 0x1D, 0x1E, 0x1F, 0x7F))


class NotText(ValueError):
    """The bytes are not a text document; the message says why (one line)."""


def _byte_sample(data: bytes) -> bytes:
    if len(data) <= _SAMPLE_BYTES:
        return data
    third = _SAMPLE_BYTES // 3
    mid = len(data) // 2
    return data[:third] + b"\n" + data[mid: mid + third] + b"\n" + data[-third:]


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NULs sit in alternate positions, as ASCII in UTF-16 does."""
    head = head[:4096]
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    pairs = len(head) // 2
    even = sum(1 for b in head[0::2] if b == 0) / pairs
    odd = sum(1 for b in head[1::2] if b == 0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _implausible_share(text: str) -> float:
    """Share of characters no text has: controls, unassigned, private use, replaced bytes."""
    if not text:
        return 0.0
    bad = sum(1 for c in text if ord(c) in _CONTROL or c == "\ufffd"
              or (ord(c) > 0x7F and unicodedata.category(c) in ("Cn", "Co", "Cs", "Cc")))
    return bad / len(text)


def _latin_share(text: str) -> float:
    """Share of ASCII, Latin (Vietnamese included) and punctuation characters."""
    if not text:
        return 0.0
    good = sum(1 for c in text if ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00
               or 0x300 <= ord(c) < 0x370 or 0x2000 <= ord(c) < 0x2070)
    return good / len(text)


# Two or more characters that UTF-8 lead/continuation bytes show as in cp1252: "Ã©", "áº£", "Ä‘".
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                            "\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
# cp1252's characters outside Latin-1 ("€", "‘", ...) back to the Latin-1 character of their byte.
_TO_LATIN1: dict[int, str | None] = {
    ord(ch): chr(i) for i, ch in enumerate(CP1252_TABLE) if ord(ch) != i}
_TO_LATIN1[0xFFFD] = None  # a byte a decoder replaced: dropping it leaves a lost-byte gap to fill
_ENCODABLE_RUN = re.compile("[" + re.escape("".join(CP1252_TABLE)) + "\ufffd]+")


# Bytes cp1252 leaves undefined: a tool that drops them turns "ờ" (E1 BB 9D) into "á»".
_LOST_BYTES = (0x81, 0x9D, 0x8D, 0x8F, 0x90)  # in order of how common the letter they end is
_WORD_END = frozenset(b" \t\r\n,.;:!?()[]\"'/")
# When several letters make a valid syllable ("chọn", "chền"), the commoner word wins.
_COMMON_WORDS = {w: i for i, w in enumerate(
    "người về đề nhiều điều trọng học chọn mọi họp thời đời giờ lời quyền truyền nền tiền miền "
    "họ đọc gọi gọn lọc ngọn nhờ cờ nhỏ bỏ giỏi hỏi tỏ đỏ cỏ mời chờ trời liền bền nghề kề".split())}
_LETTERS_AT_END = re.compile(r"[^\W\d_]*$")
_LETTERS_AT_START = re.compile(r"[^\W\d_]*")


def _lost_byte_letter(data: bytes, start: int) -> tuple[str, int] | None:
    """Rebuild a UTF-8 letter that lost its last byte, choosing the one that makes a syllable."""
    lead = data[start]
    need = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 0
    have = 1
    while have < need - 1 and start + have < len(data) and 0x80 <= data[start + have] <= 0xBF:
        have += 1
    if not need or have != need - 1:
        return None
    stem = data[start: start + have]
    left = start
    while left > 0 and data[left - 1] not in _WORD_END:
        left -= 1
    right = start + have
    while right < len(data) and data[right] not in _WORD_END:
        right += 1
    prefix = _LETTERS_AT_END.search(data[left:start].decode("utf-8", errors="replace"))
    suffix = _LETTERS_AT_START.match(data[start + have: right].decode("utf-8", errors="replace"))
    head, tail = (prefix.group(0) if prefix else ""), (suffix.group(0) if suffix else "")
    letters = []
    for byte in _LOST_BYTES:
        try:
            letter = (stem + bytes([byte])).decode("utf-8")
        except UnicodeDecodeError:
            continue
        # Letters, and the closing quote "”" (E2 80 9D), the commonest loss outside letters.
        if letter.lower() in VIETNAMESE_LETTERS or letter in "ÁÍÝ\u201d":
            letters.append(letter)
    if not letters:
        return None
    fitting = [c for c in letters if is_syllable(head + c + tail)]
    fitting.sort(key=lambda c: _COMMON_WORDS.get((head + c + tail).lower(), len(_COMMON_WORDS)))
    return (fitting or letters)[0], start + have


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: rebuild a letter that lost a byte, else keep the byte as cp1252."""
    assert isinstance(err, UnicodeDecodeError)
    data, bad = err.object, err.start
    rebuilt = _lost_byte_letter(data, bad)
    if rebuilt is not None:
        return rebuilt
    return CP1252_TABLE[data[bad]], bad + 1


codecs.register_error("reportgen-cp1252", _cp1252_fallback)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes shown as cp1252/Latin-1 ("Äáº£ng viÃªn" -> "Đảng viên")."""
    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        if run.isascii():
            return run
        raw = run.translate(_TO_LATIN1).encode("latin-1")
        return raw.decode("utf-8", errors="reportgen-cp1252")

    return _ENCODABLE_RUN.sub(fix, text)


def _repair_passes(text: str) -> int:
    """How many rounds of repair the sample needs (text saved once or twice as cp1252)."""
    once = repair_mojibake(text)
    if _MOJIBAKE_HINT.search(once) and score(repair_mojibake(once)).net > score(once).net:
        return 2
    return 1


def _better(candidate: Score, base: Score) -> bool:
    return candidate.net >= base.net + 2 and candidate.valid > base.valid and candidate.share >= 0.6


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def fix_text(text: str) -> tuple[str, str | None]:
    """Repair mojibake or convert a legacy font encoding when that clearly helps; else unchanged.

    Returns the text and what was done ("mojibake", "tcvn3", "vni", "viscii") or None.
    """
    probe = sample(text)
    base = score(probe)
    if base.invalid == 0 or score(_INVISIBLE.sub("", probe)).invalid == 0:
        # Soft hyphens and zero-width marks inside words are invisible in Unicode text; they make
        # syllables look invalid but are no sign of a legacy encoding.
        return text, None
    best_label: str | None = None
    best_score = base
    passes = 0
    if _MOJIBAKE_HINT.search(probe):
        passes = _repair_passes(probe)
        repaired = probe
        for _unused in range(passes):
            repaired = repair_mojibake(repaired)
        candidate = score(repaired)
        if _better(candidate, best_score):
            best_label, best_score = "mojibake", candidate
    encoding, candidate = detect(text)
    if encoding is not None and _better(candidate, best_score):
        best_label, best_score = encoding.name, candidate
    if best_label is None:
        return text, None
    if best_label == "mojibake":
        for _unused in range(passes):
            text = repair_mojibake(text)
        return text, best_label
    return convert(text, ENCODINGS[best_label]), best_label


def apply_fix(text: str, label: str) -> str:
    """Apply the repair `fix_text` chose for a document to another piece of it (its title)."""
    if label == "mojibake":
        return repair_mojibake(text)
    encoding = ENCODINGS.get(label)
    return convert(text, encoding) if encoding is not None else text


def _single_byte(data: bytes) -> tuple[str, str]:
    """Pick among cp1258, the legacy font encodings, cp1252 and charset-normalizer's guess."""
    probe = _byte_sample(data)
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append(("cp1258", probe.decode("cp1258")))
    except UnicodeDecodeError:
        pass  # cp1258 leaves eight bytes undefined: their presence rules it out
    for encoding in ENCODINGS.values():
        candidates.append((encoding.name, encoding.decode(probe)))
    western = decode_cp1252(probe)
    candidates.append(("cp1252", western))
    if _MOJIBAKE_HINT.search(western):
        candidates.append(("utf-8-mojibake", repair_mojibake(western)))
    best_name, best_score = "", Score(0, 1 << 30)
    for name, decoded in candidates:
        current = score(unicodedata.normalize("NFC", decoded))
        if current.net > best_score.net:
            best_name, best_score = name, current
    if best_score.valid == 0 or best_score.share < 0.5:  # not Vietnamese: another language
        return _guess(data, probe)
    if best_name == "cp1258":
        return data.decode("cp1258"), "cp1258"
    if best_name == "cp1252":
        return decode_cp1252(data), "cp1252"
    if best_name == "utf-8-mojibake":
        return repair_mojibake(decode_cp1252(data)), best_name
    return decode_legacy(data, ENCODINGS[best_name]), best_name


def _guess(data: bytes, probe: bytes) -> tuple[str, str]:
    """No reading looks Vietnamese: trust charset-normalizer if it decodes the file, else cp1252."""
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(probe).best()
        if match is not None and match.encoding:
            name = codecs.lookup(match.encoding).name
            if name not in ("utf_8", "ascii") and not name.startswith("utf_16"):
                return data.decode(name), name.replace("_", "-")
    except Exception:  # noqa: BLE001 - a hint only; any failure falls back to cp1252
        pass
    return decode_cp1252(data), "cp1252"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text document: (text, encoding name). Raises NotText for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            # The BOM is a strong signal; damaged bytes become U+FFFD rather than a refusal.
            text = data[len(bom):].decode(name, errors="replace")
            if name != "utf-8-sig" and _implausible_share(sample(text)) > 0.05:
                raise NotText(_("not a text document (binary data)"))
            return _finish(text, name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace")
        # Alternating NULs are also what many binary formats look like; text must read as text.
        if _implausible_share(sample(text)) <= 0.05 and _latin_share(sample(text)) >= 0.8:
            return _finish(text, utf16)
    kind = magic_kind(data[:16])
    if kind is not None:
        raise NotText(_("not a text document ({kind})").format(kind=_(kind)))
    head = _byte_sample(data)
    # Control bytes are ASCII in every candidate encoding, so they can be counted before decoding
    # (VISCII's six capitals in C0 are far too rare to reach the threshold).
    if b"\x00" in head or sum(1 for b in head if b in _CONTROL) > 0.02 * len(head):
        raise NotText(_("not a text document (binary data)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _single_byte(data)
    return _finish(text, "utf-8")


def _finish(text: str, name: str) -> tuple[str, str]:
    if _implausible_share(sample(text)) > 0.05:
        raise NotText(_("not a text document (binary data)"))
    fixed, label = fix_text(text)
    if label == "mojibake":
        return fixed, f"{name}-mojibake"
    return fixed, label or name


def read_text(path: Path) -> Source:
    """Read a plain-text file (.txt, .text, .md) into a Source."""
    data = read_bytes(path, MAX_TEXT_BYTES, N_("text file"))
    try:
        text, encoding = decode_bytes(data)
    except NotText as exc:
        raise ReadError(path, str(exc)) from None
    if not text.strip():
        raise ReadError(path, _("no text (whitespace only)"))
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return Source(path=str(path), text=text, format=fmt, encoding=encoding)

