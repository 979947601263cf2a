"""Extract facts from a source: turns a `Source` into an `Extraction` (unit, dates, facts).

Runs on the normalised text; every fact's evidence is mapped back to the decoded original so that
`source.text[start:end] == evidence.text`.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Callable

from reportgen.extract import vocab as V
from reportgen.extract.dates import Marker, adjacent_year, find_published, markers, markers_by_span
from reportgen.extract.metrics import Hit, classify_sentence
from reportgen.extract.names import mask_names
from reportgen.extract.numbers import find_mentions
from reportgen.extract.segment import Sentence, lines, sentences
from reportgen.extract.title import find_title
from reportgen.extract.units import detect_unit
from reportgen.model import Evidence, Extraction, Fact, Source, Unit
from reportgen.vietnamese.normalise import Normalised, normalise

__all__ = ["extract", "EXTRACTOR_VERSION"]

def _code_version() -> str:
    """A digest of the code and data that turn files into facts: any change re-extracts cached facts."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("readers", "extract", "vietnamese"):
        for path in sorted((root / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    digest.update((root / "vietnamese" / "data" / "gazetteer.tsv").read_bytes())
    return digest.hexdigest()[:12]


#: Changes whenever the readers, the normaliser, the rules or the gazetteer change.
EXTRACTOR_VERSION = _code_version()


def extract(source: Source) -> Extraction:
    """Extract the unit, dates and facts of one source."""
    norm = normalise(source.text)
    text = norm.text
    title, title_end = find_title(text, source.title_hint)
    published = find_published(text, source.published_hint)
    body_end = _body_end(text, title_end)
    guess = detect_unit(text[:body_end], title_end, published)
    unit = guess.unit
    located = _classify(text[:body_end], unit)
    report_year = _report_year(located, published, _title_year(text, title_end))
    default_year = report_year if report_year is not None else (published.year if published else None)
    facts = _facts(norm, located, default_year, published.year if published else default_year)
    return Extraction(source=source, title=title, published=published, unit=unit,
                      report_year=report_year, facts=tuple(facts), warnings=guess.warnings)


_UNIT_WORD = re.compile(r"(?:(?:Đảng bộ|Đảng ủy)(?:\s+(?:huyện|thị xã|thành phố|TP\.?|quận|tỉnh|xã|phường|thị trấn))?|[Cc]hi bộ(?: cơ sở)?(?:\s+(?:ấp|thôn|khóm|xóm|bản|buôn|tổ dân phố|khu phố|khu))?|\bxã|\bphường|\bthị trấn|\bhuyện|"
                        r"\bthị xã|\bthành phố|\bquận|\bTP\.?)\s+(\w+(?:\s+\w+){0,3})")


def _foreign_test(unit: Unit | None, text: str) -> Callable[[int, int], bool]:
    """Whether the last unit the clause text[start:end] names before a figure is another unit (a
    sub-unit). Reads `text` itself: the rules see its names hidden (see `names`), this test needs them."""
    own = [o for o in ({unit.name, unit.province} if unit else set()) if o]

    def foreign(start: int, end: int) -> bool:
        clause = text[start:end]
        last = None
        for m in _UNIT_WORD.finditer(clause):
            words = m.group(1).split()
            name = []
            for w in words:
                if not w[0].isupper():
                    break
                name.append(w)
            if name:
                last = " ".join(name)
        if last is None:
            return False
        return not any(last.startswith(o) or o.startswith(last) for o in own)

    return foreign


def _classify(text: str, unit: Unit | None) -> list[tuple[Hit, str, int | None, Sentence]]:
    """Classify every mention; each hit with how its year was found ("year", "term", ...)."""
    foreign = _foreign_test(unit, text)
    # The rules read the text with place names hidden: a name made of vocabulary words ("Giao",
    # "Khánh") must not turn its unit's figures into targets or grades. Same length, same offsets.
    rules_text = mask_names(text, (unit.name, unit.province) if unit else ())
    mentions = find_mentions(text)
    out: list[tuple[Hit, str, int | None, Sentence]] = []
    carried: Marker | None = None
    section: str | None = None
    paragraph = -1
    index = 0
    all_sentences = sentences(text)
    frames = markers_by_span(text, [(s.start, s.end) for s in all_sentences])
    for sentence, sentence_markers in zip(all_sentences, frames):
        if sentence.paragraph != paragraph:
            paragraph, carried, section = sentence.paragraph, None, None
        inside = []
        while index < len(mentions) and mentions[index].start < sentence.end:
            if mentions[index].start >= sentence.start:
                inside.append(mentions[index])
            index += 1
        if inside:
            hits = classify_sentence(rules_text, sentence.start, sentence.end, inside, section, foreign,
                                     unit.level if unit else None)
            for hit in hits:
                kind, year = _year_of(text, hit, sentence_markers, carried)
                out.append((hit, kind, year, sentence))
        for sec in V.SECTION.finditer(text, sentence.start, sentence.end):
            section = sec.group(1)
        framing = [mk for mk in sentence_markers if mk.frame]
        if framing:
            carried = framing[-1]
    return out


def _year_of(text: str, hit: Hit, sentence_markers: list[Marker],
             carried: Marker | None) -> tuple[str, int | None]:
    """How the year of a figure is known, and the year: adjacent, in the sentence, or carried."""
    year = adjacent_year(text, hit.end) if not hit.derived else None
    if year is None:
        year = adjacent_year(text, hit.mention.end)
    if year is not None:
        return "year", year
    before = [mk for mk in sentence_markers if mk.start < hit.mention.start]
    chosen = before[-1] if before else carried
    if chosen is None:
        return "default", None
    return chosen.kind, chosen.year


# Headings of the lists a news page puts after its article: other articles, about other units.
_RELATED = re.compile(r"^[ \t-]*(?:tin liên quan|tin cùng chuyên mục|cùng chuyên mục|bài liên quan|bài viết liên quan|"
                      r"các tin khác|các tin đã đưa|tin đã đưa|tin khác|xem thêm|đọc thêm|tin mới nhất|tin mới|"
                      r"tin nổi bật|tin tiêu điểm|các bài viết khác|bài viết khác|bài đọc nhiều|đọc nhiều nhất|"
                      r"tin đọc nhiều|có thể bạn quan tâm|tin xem nhiều)\b", re.I | re.M)


def _body_end(text: str, title_end: int) -> int:
    """Where the article ends: at the first related-articles heading in its last 70%, else the end."""
    # Menus above the article use the same words ("Tin mới"); lists of other articles come after it.
    m = _RELATED.search(text, max(title_end, int(len(text) * 0.3)))
    return m.start() if m else len(text)


def _title_year(text: str, title_end: int) -> int | None:
    """A single year the heading lines name ("BÁO CÁO ... năm 2022"), else None."""
    heading = [(a, b) for a, b in lines(text)[:5] if b - a < 160]
    years = {m.year for a, b in heading for m in markers(text, a, b) if m.kind == "year"}
    return years.pop() if len(years) == 1 else None


def _report_year(located: list[tuple[Hit, str, int | None, Sentence]], published,
                 title_year: int | None = None) -> int | None:
    """The year most figures refer to; None for a term review or undated figures."""
    explicit = Counter(year for _, kind, year, _ in located if kind == "year" and year)
    terms = sum(1 for _, kind, _, _ in located if kind == "term")
    if explicit and sum(explicit.values()) >= terms:
        top = explicit.most_common()
        best = [y for y, c in top if c == top[0][1]]
        return max(best)
    if not explicit and not terms:
        return title_year or (published.year if published is not None else None)
    return None


def _facts(norm: Normalised, located: list[tuple[Hit, str, int | None, Sentence]],
           default_year: int | None, now_year: int | None) -> list[Fact]:
    """Facts with evidence in the original text, deduplicated on (metric, value, year).

    A figure "hiện có" (now) is dated with the article's year; other undated figures with the report year.
    """
    facts: list[Fact] = []
    seen: set[tuple[str, int | float, int | None]] = set()
    for hit, kind, year, _ in located:
        if kind == "snapshot":
            year = now_year
        elif kind in ("default", "current"):
            year = default_year
        elif kind == "term":
            year = None
        start, end = norm.span(hit.start, hit.end)
        quote = norm.original[start:end]
        while quote and quote[-1] in " \t\n,;:":
            quote = quote[:-1]
        end = start + len(quote)
        key = (hit.metric, hit.value, year)
        if key in seen or not quote:
            continue
        seen.add(key)
        value = hit.value
        facts.append(Fact(metric=hit.metric, value=value, qualifier=hit.mention.qualifier if not hit.derived
                          else "exact", year=year, evidence=Evidence(quote, start, end), derived=hit.derived))
    return facts
