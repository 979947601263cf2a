"""Place names hidden from the metric rules, so that a name is never read as vocabulary.

The vocabulary is matched case-insensitively, and many Vietnamese place names are made of the
same syllables as the words the rules look for: "Giao" is the "giao" of "chỉ tiêu được giao"
(a target, not a result), "Khánh" begins with the grade "khá", "Tăng" is a change, "Bằng" and
"Đạt" lead a percentage, "Hợp Nhất" is a merger, "Trung Bình" is a grade. Read as words, the name
of the very unit an article is about ("Huyện ủy Giao Thủy đã tổ chức 51 lớp ...") would make its
figures look planned, graded or changed, and the rules would drop them.

`mask_names` gives the rules a copy of the text in which those names are replaced by a
placeholder of the same length: offsets stay valid, so mentions, sentences and evidence spans found
on the original text still apply. Hidden are the capitalised words right after a unit word
("huyện", "xã", "TP.", "Huyện ủy" ...), which in Vietnamese can only be a name; the places the
gazetteer knows wherever the text writes them in title case (a bare "Giao Thủy kết nạp ..."); and
the article's own unit and province wherever the text spells them with their capitals.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from reportgen.extract import fastre
from reportgen.vietnamese import gazetteer

__all__ = ["mask_names", "PLACEHOLDER"]

#: What each letter of a hidden name becomes. A letter, so that a hidden name still counts as words
#: (for "đảng bộ ... có" and the like), but no vocabulary word is made of it alone or twice.
PLACEHOLDER = "X"

# A unit word: kind of unit or Party committee of a kind. "TP." may be glued to the name ("TP.Vinh").
# (The look-ahead on the first letter only makes the scan faster.)
_UNIT_WORD = fastre.compile(
    r"(?=[hHtTqQxXpPđĐ])\b(?:(?:Huyện|Thị|Thành|Quận|Tỉnh)\s+[ủu]y|thị xã|thành phố|thị trấn|đặc khu|"
    r"huyện|quận|tỉnh|xã|phường|TP\.?)(?=[ \t]|(?<=\.)\w)",
    re.I,
)
_GAP = fastre.compile(r"[ \t]*")
_NAME_WORD = fastre.compile(r"[^\W\d_][\w'’\-]*")
_MAX_WORDS = 4  # as many words as unit detection reads for a name
# Letters by case, for title-case words in one regex ("Giao", "A", "H'leo"; not "GIAO", "ĐV").
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper())
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1F00)) if c.isalpha() and c.islower())
_TITLE_WORD = "[" + _UPPER + "][" + _LOWER + "'’\\-]*(?![\\w])"
_TITLE_RUN = fastre.compile(r"(?<!\w)" + _TITLE_WORD + r"(?:[ \t]+" + _TITLE_WORD + ")+")


def _is_title_case(word: str) -> bool:
    """"Giao", "A", "H'leo" yes; "GIAO" (a heading in capitals) and "giao" no."""
    return word[0].isupper() and (len(word) == 1 or not word.isupper())


@lru_cache(maxsize=4096)
def _known(name: str) -> bool:
    return bool(gazetteer.lookup(name))


def _name_after(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the name starting at `pos` (after a unit word), or None.

    Title-case words are a name however many (up to four) follow. In a heading in capitals
    ("HUYỆN ỦY GIAO THỦY KẾT NẠP ...") the name cannot be told from the next words by its case, so
    only the longest run of words the gazetteer knows is hidden, and nothing when it knows none.
    """
    words: list[tuple[int, int]] = []
    at = _GAP.match(text, pos).end()
    while len(words) < _MAX_WORDS:
        m = _NAME_WORD.match(text, at)
        if not m or not m.group(0)[0].isupper():
            break
        words.append((m.start(), m.end()))
        gap = re.match(r"[ \t]+", text[m.end():m.end() + 3])
        if not gap:
            break
        at = m.end() + gap.end()
    if not words:
        return None
    title = [w for w in words[:1] if _is_title_case(text[w[0]:w[1]])]
    if title:
        # the run of title-case words: a capitalised heading word after it is not part of the name
        for w in words[1:]:
            if not _is_title_case(text[w[0]:w[1]]):
                break
            title.append(w)
        return title[0][0], title[-1][1]
    for n in range(len(words), 0, -1):
        if _known(text[words[0][0]:words[n - 1][1]]):
            return words[0][0], words[n - 1][1]
    return None


def _known_runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of runs of two to four title-case words that the gazetteer knows, wherever they stand.

    In Vietnamese only proper names are written in title case inside a sentence, so "Giao Thủy"
    with its capitals is the place even without a unit word before it ("Giao Thủy kết nạp ...").
    A single capitalised word is not taken: it is as often just the first word of a sentence.
    """
    for run in _TITLE_RUN.finditer(text):
        words = [(m.start(), m.end()) for m in _NAME_WORD.finditer(run.group(0))]
        base = run.start()
        i = 0
        while i < len(words) - 1:
            for n in range(min(_MAX_WORDS, len(words) - i), 1, -1):
                a, b = base + words[i][0], base + words[i + n - 1][1]
                if _known(text[a:b]):
                    yield a, b
                    i += n - 1
                    break
            i += 1


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    """The name as the text may write it: as given or in capitals, not followed by a letter."""
    # The word boundary before the name is checked by the caller: a look-behind first would make
    # the engine try every position instead of searching for the name's literal text.
    return re.compile("(?:" + "|".join(re.escape(f) for f in sorted({name, name.upper()})) + r")(?!\w)")


def mask_names(text: str, own: Iterable[str] = ()) -> str:
    """`text` with place names replaced by placeholders of the same length (see the module doc).

    `own`: names (the article's unit and province) hidden wherever they stand as capitalised
    words, also without a unit word before them.
    """
    spans = list(_known_runs(text))
    for m in _UNIT_WORD.finditer(text):
        span = _name_after(text, m.end())
        if span is not None:
            spans.append(span)
    # Only names that start with a capital: "Quận 1" is named "1", and hiding every "1" would
    # hide figures.
    for name in {n.strip() for n in own if n and n.strip()[:1].isupper()}:
        spans.extend(m.span() for m in _name_pattern(name).finditer(text)
                      if m.start() == 0 or not text[m.start() - 1].isalnum())
    if not spans:
        return text
    out: list[str] = []
    at = 0
    for start, end in sorted(spans):
        start = max(start, at)
        if start >= end:
            continue  # inside a span already hidden
        out.append(text[at:start])
        # letters become the placeholder; the spaces between the words of a name stay
        out.append(re.sub(r"\S", PLACEHOLDER, text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)
