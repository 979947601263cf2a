"""Normalise decoded text for matching, keeping a map back to the original offsets.

Transforms a decoded source text into NFC text with one tone-placement style ("hòa", "thủy"),
plain spaces for no-break spaces, no zero-width or bidi control characters, and "Đ" for look-alike
letters. `Normalised.span()` maps a span of the normalised text back to the decoded original, so
evidence always quotes the source exactly.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

__all__ = ["Normalised", "normalise", "fold", "tone_style", "normalise_name"]

# Characters dropped outright: zero-width, BOM, soft hyphen, bidi controls.
_DROP = set("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
            "\u2066\u2067\u2068\u2069")
# Characters replaced one for one.
_REPLACE = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
    "\u00d0": "Đ",  # Icelandic Eth, often typed for Đ in legacy documents
    "\u0189": "Đ",
    "\r": "\n",
}

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LETTER = r"[^\W\d_]"
# Old placement marks the second vowel of an open "oa", "oe", "uy" syllable ("hoà", "thuỷ");
# the style used here marks the first ("hòa", "thủy"). "qu" + y keeps its mark on y ("quý").
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0309\u0303\u0323])(?!" + _LETTER + r")"
)

# A closed syllable marks the second vowel in either style ("hoàn", "toàn", "khoảng", "huỳnh"); a
# mark typed on the first ("hòan", "tòan") is moved there.
_MISPLACED = re.compile(
    r"(?<![qQ])([oO][\u0300\u0301\u0309\u0303\u0323][aAeE]|[uU][\u0300\u0301\u0309\u0303\u0323][yY])"
    r"(?=[cmnptiyCMNPTIY])"
)

_MAYBE_MISPLACED = re.compile("(?:[òóỏõọÒÓỎÕỌ][aAeE]|[ùúủũụÙÚỦŨỤ][yY])[cmnptiyCMNPTIY]")


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its positions, the offset in the original text."""

    text: str
    original: str
    offsets: Sequence[int]  # len(text) + 1 entries, non-decreasing (a range when 1:1)

    def to_original(self, pos: int) -> int:
        """Offset in the original text of a position in the normalised text."""
        return self.offsets[pos]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalised span; whole clusters, never half a letter."""
        return self.offsets[start], self.offsets[end]

    def original_text(self, start: int, end: int) -> str:
        """The original text under a normalised span."""
        s, e = self.span(start, end)
        return self.original[s:e]

    def from_original(self, pos: int) -> int:
        """Position in the normalised text of an original offset (the cluster holding it)."""
        return max(0, bisect_right(self.offsets, pos) - 1)


def _clusters(text: str):
    """Yield (start, end) of base letters with their combining marks."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, j
        i = j


def tone_style(text: str) -> str:
    """Move tone marks of open "oa", "oe", "uy" syllables to the first vowel, and of closed ones
    to the second (length-preserving)."""
    decomposed = unicodedata.normalize("NFD", text)
    if not any(t in decomposed for t in _TONES):
        return text

    def move(m: re.Match[str]) -> str:
        pair, tone = m.group(1), m.group(2)
        return pair[0] + tone + pair[1]

    def close(m: re.Match[str]) -> str:
        first, tone, second = m.group(1)
        return first + second + tone

    moved = _OLD_STYLE.sub(move, decomposed)
    composed = text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    if _MAYBE_MISPLACED.search(composed):  # rare: scan the decomposed text only when the composed one has one
        moved = _MISPLACED.sub(close, moved)
    return unicodedata.normalize("NFC", moved)


# Anything that makes normalisation more than a tone-style pass: marks, invisibles, look-alikes.
_SPECIAL = re.compile("[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f" + "".join(sorted(_DROP))
                      + "".join(sorted(_REPLACE)) + "]")


def normalise(original: str) -> Normalised:
    """Normalise `original`, recording where each output character came from."""
    if not _SPECIAL.search(original) and unicodedata.is_normalized("NFC", original):
        # Already clean (the common case): only the tone style can change, one letter for one.
        return Normalised(text=tone_style(original), original=original, offsets=range(len(original) + 1))
    parts: list[str] = []  # output pieces
    offsets = array("q")
    pos = 0
    n = len(original)
    for m in _SPECIAL.finditer(original):
        i = m.start()
        if i < pos:
            continue  # consumed with an earlier cluster
        if i > pos:
            parts.append(original[pos:i])
            offsets.extend(range(pos, i))
        ch = original[i]
        pos = i + 1
        if ch in _DROP:
            continue
        if ch == "\r" and pos < n and original[pos] == "\n":
            continue  # CRLF: the LF stands for both
        if unicodedata.combining(ch):
            # Compose with the last letter written (invisibles between them are already gone).
            j = pos
            while j < n and (unicodedata.combining(original[j]) or original[j] in _DROP):
                j += 1
            marks = "".join(c for c in original[i:j] if c not in _DROP)
            base, base_at = "", i
            if parts and parts[-1]:
                base, base_at = parts[-1][-1], offsets[-1]
                parts[-1] = parts[-1][:-1]
                del offsets[-1]
            composed = unicodedata.normalize("NFC", base + marks)
            parts.append(composed)
            offsets.extend([base_at] * len(composed))
            pos = j
            continue
        parts.append(_REPLACE.get(ch, ch))
        offsets.append(i)
    if pos < n:
        parts.append(original[pos:])
        offsets.extend(range(pos, n))
    offsets.append(n)
    text = "".join(parts)
    if not unicodedata.is_normalized("NFC", text):
        return _normalise_slow(original)
    styled = tone_style(text)
    if len(styled) == len(text):
        text = styled
    return Normalised(text=text, original=original, offsets=offsets)


def _normalise_slow(original: str) -> Normalised:
    """Cluster-by-cluster normalisation, for text whose composition spans pieces."""
    chars: list[str] = []
    origin: list[int] = []
    n = len(original)
    for i, ch in enumerate(original):
        if ch in _DROP:
            continue
        if ch == "\r" and i + 1 < n and original[i + 1] == "\n":
            continue
        chars.append(_REPLACE.get(ch, ch))
        origin.append(i)
    cleaned = "".join(chars)
    out: list[str] = []
    offsets = array("q")
    for start, end in _clusters(cleaned):
        for ch in unicodedata.normalize("NFC", cleaned[start:end]):
            out.append(ch)
            offsets.append(origin[start])
    offsets.append(n)
    text = "".join(out)
    styled = tone_style(text)
    if len(styled) == len(text):
        text = styled
    return Normalised(text=text, original=original, offsets=offsets)


def fold(text: str) -> str:
    """Lower-case, accent-free form for loose comparisons ("Hòa" -> "hoa"); đ -> d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    nfd = unicodedata.normalize("NFD", text)
    return "".join(c for c in nfd if not unicodedata.combining(c)).lower()


def normalise_name(name: str) -> str:
    """Canonical form of a place name for matching: NFC, one tone style, single spaces, title-cased."""
    text = normalise(name).text
    text = re.sub(r"\s+", " ", text).strip()
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split(" "))
