"""Varied sentences: no three sentences in a row open with the same words.

The sentence builders open most statements with the year ("Năm 2019, ...") or the Party
organisation ("Đảng bộ huyện ... có ..."): a paragraph of them reads like a form. `vary` rewrites
the opening of a sentence that would be the third in a row to open alike, with a linking phrase
that adds no fact ("Cũng trong năm 2019, ...", "Bên cạnh đó, ...").
"""
from __future__ import annotations

import re
from typing import Sequence

__all__ = ["opening", "vary", "OPENING_WORDS"]

#: How many words make the opening two sentences must not share three times in a row.
OPENING_WORDS = 2

_YEAR_LEAD = re.compile(r"^Năm (\d{4}), ")
#: Linking phrases, tried in order; each keeps the sentence's own words after it.
_LINKS = ("Bên cạnh đó, ", "Đồng thời, ", "Ngoài ra, ")
# Words that keep their capital after a linking phrase (the Party and its organisations).
_PROPER = ("Đảng", "Ban ", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Thị ủy", "Quận ủy")


def opening(sentence: str) -> tuple[str, ...]:
    """The first `OPENING_WORDS` words of a sentence, lower-cased, without punctuation."""
    words = re.findall(r"\w+", sentence.lower())
    return tuple(words[:OPENING_WORDS])


# ... but a member is a common noun: "Bên cạnh đó, đảng viên ...".
_COMMON = ("Đảng viên",)


def _lowered(sentence: str) -> str:
    if sentence.startswith(_PROPER) and not sentence.startswith(_COMMON):
        return sentence
    return sentence[:1].lower() + sentence[1:]


def _variants(sentence: str) -> list[str]:
    """Other openings of the same sentence, best first."""
    year = _YEAR_LEAD.match(sentence)
    out = []
    if year:
        rest = sentence[year.end():]
        out += [f"Cũng trong năm {year.group(1)}, {rest}", f"Trong năm {year.group(1)}, {rest}"]
    out += [link + _lowered(sentence) for link in _LINKS]
    return out


def vary(sentences: Sequence[str], before: Sequence[str] = ()) -> list[str]:
    """The sentences with the opening of each third-in-a-row alike one rewritten; `before` are
    the sentences that precede them in the document (not rewritten)."""
    out: list[str] = []
    for sentence in sentences:
        previous = [opening(s) for s in [*before, *out][-2:]]
        if len(previous) == 2 and previous[0] == previous[1] == opening(sentence):
            sentence = next((v for v in _variants(sentence) if opening(v) != previous[1]), sentence)
        out.append(sentence)
    return out
