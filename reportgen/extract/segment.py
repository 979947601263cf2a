"""Paragraphs, sentences and clauses of normalised text, as spans (offsets into that text)."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "sentences", "lines"]

# A sentence ends at ".", "!", "?" or "…" followed by space and a capital, an opening quote or
# bracket; or at a full stop glued to the next capitalised word ("quy định.Từ đó"). Dots inside
# numbers ("4.567", "5.6.2018") and abbreviations glued to a name ("TP.Hội An") do not end one.
_UPPER = "A-ZĐÀ-ỸÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(" + _UPPER + r"0-9])"
    r"|(?<=[a-zà-ỹđ]{2}[.!?])(?=[" + _UPPER + r"][a-zà-ỹđ])"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence span, the paragraph it belongs to, and its index within that paragraph."""

    start: int
    end: int
    paragraph: int
    index: int


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of `text`, stripped of surrounding white space."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        seg = m.group(0)
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append((m.start() + lead, m.start() + len(seg.rstrip())))
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; each non-empty line is a paragraph (articles put one per line)."""
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(lines(text)):
        para = text[p_start:p_end]
        cut = 0
        index = 0
        for m in _BOUNDARY.finditer(para):
            if m.start() > cut:
                out.append(Sentence(p_start + cut, p_start + m.start(), p_index, index))
                index += 1
            cut = m.end()
        if cut < len(para):
            out.append(Sentence(p_start + cut, p_end, p_index, index))
    return out
