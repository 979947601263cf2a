"""Vietnamese alphabetical order, for lists a reader looks names up in.

Python sorts by code point, which puts "Đ" after "Z" and "Ă", "Â" after "Z" too. The Vietnamese
alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tone marks only break ties
(no mark, huyền, hỏi, ngã, sắc, nặng, the dictionary order). No maintained Python library does
this without ICU, so it is written here.
"""
from __future__ import annotations

import unicodedata

__all__ = ["vi_key"]

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
#: Combining marks that make a letter of its own (breve, circumflex, horn).
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "'"}
_WITH_MARK = {("a", "ă"): "ă", ("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("o", "'"): "ơ",
              ("u", "'"): "ư"}
#: Tone marks in dictionary order (no mark = 0).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    primary: list[tuple[int, str]] = []
    tones: list[int] = []
    for ch in text.lower():
        base, *marks = unicodedata.normalize("NFD", ch)
        letter, tone = base, 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                letter = _WITH_MARK.get((base, "ă" if mark == "\u0306" else _LETTER_MARKS[mark]), base)
        rank = _RANK.get(letter)
        if rank is not None:
            primary.append((rank, ""))
        elif letter.isalpha():  # f, j, w, z: after the Vietnamese letters
            primary.append((len(_ALPHABET), letter))
        else:  # a space or a digit sorts first, so "Hà Nam" comes before "Hàm Yên"
            primary.append((-1, letter))
        tones.append(tone)
    return primary, tones


def vi_key(text: str) -> tuple[object, ...]:
    """Sort key: Vietnamese letter order first, then tone marks, then the text itself."""
    primary, tones = _letters(text)
    return (primary, tones, text)
