"""The headline of an article: the line next to its date line, or its first headline-like line."""
from __future__ import annotations

import re

from reportgen.extract import fastre
from reportgen.extract.segment import lines

__all__ = ["find_title"]

_DATE_LINE = fastre.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|cập nhật|ngày đăng", re.I)
_BOILERPLATE = fastre.compile(r"^(?:tin tức|trang chủ|tiếng việt|english|chia sẻ|tags?|in bài|"
                          r"xem thêm|mới nhất|thời sự|chính trị|xây dựng đảng)\b|\|", re.I)


def _headline_like(line: str) -> bool:
    words = line.split()
    return 4 <= len(words) <= 40 and len(line) <= 250 and not _BOILERPLATE.search(line) \
        and not _DATE_LINE.search(line)


def find_title(text: str, hint: str | None = None) -> tuple[str | None, int]:
    """The title and the end offset of the title region (the lines heading the article)."""
    spans = lines(text)[:12]
    if not spans:
        return hint, 0
    region_end = spans[0][1]
    if hint:
        return hint.strip(), region_end
    texts = [text[s:e] for s, e in spans]
    for i, line in enumerate(texts):
        if _DATE_LINE.search(line) and len(line) < 120:
            for j in (i - 1, i + 1):
                if 0 <= j < len(texts) and _headline_like(texts[j]):
                    title = texts[j]
                    if j > 0 and texts[j - 1].rstrip().endswith(":") and len(texts[j - 1]) < 80:
                        title = texts[j - 1].strip() + " " + title
                    return title.strip(), max(region_end, spans[j][1])
            break
    for (s, e), line in zip(spans, texts):
        if _headline_like(line) and not line.rstrip().endswith((".", ";")) or (
                _headline_like(line) and len(line) < 150):
            return line.strip(), max(region_end, e)
        if len(line) > 250 or len(line.split()) > 40:
            break  # the body has begun (an excerpt that opens mid-text): no headline after it
    return None, region_end
