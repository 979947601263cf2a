"""The date of a document and the notes on units that ended before it.

A document is dated by its sources, never by the day of the build: the configured `date`, else
the publication date of the newest source, else 31 December of the report year; with none of
these the date line is left to fill in by hand. A unit that ended before that date (every
district on 2025-07-01; communes merged then or earlier) gets a note in the document and one
warning line of the build.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from reportgen.contexts.merge import SourceRef
from reportgen.i18n import ngettext
from reportgen.model import CENTRAL_CITIES, DocumentJob, Unit
from reportgen.vietnamese.formatting import format_date
from reportgen.vietnamese.history import End, end_of

__all__ = ["document_date", "ended_units", "ended_note", "ended_warnings"]


def document_date(sources: Iterable[SourceRef], year: int | None) -> date | None:
    """The newest source's publication date, else 31 December of `year`, else None."""
    published = [s.published for s in sources if s.published is not None]
    if published:
        return max(published)
    return date(year, 12, 31) if year else None


def _where(unit: Unit) -> str:
    """", thành phố Hà Nội," after a unit below province level, "" otherwise."""
    if unit.level == "province" or not unit.province:
        return ""
    kind = "thành phố" if unit.province in CENTRAL_CITIES else "tỉnh"
    return f", {kind} {unit.province},"


def _label(unit: Unit) -> str:
    label = f"{unit.kind} {unit.name}"
    return label[:1].upper() + label[1:]


def ended_note(unit: Unit, end: End) -> str:
    """The Vietnamese note a document carries about a unit that ended before its date."""
    head = f"Ghi chú: {_label(unit)}{_where(unit)}"
    tail = "; số liệu trong văn bản là của đơn vị trước khi sắp xếp."
    if not end.exact:
        return (f"{head} không còn trong Danh mục đơn vị hành chính {format_date(end.on)} "
                f"(đã được sắp xếp trước ngày đó){tail}")
    went = ""
    if end.successors:
        names = [f"{s.kind} {s.name}" for s in end.successors]
        provinces = {s.province for s in end.successors}
        went = "; địa bàn nay thuộc " + (names[0] if len(names) == 1 else
                                          ", ".join(names[:-1]) + " và " + names[-1])
        if len(provinces) == 1:
            province = next(iter(provinces))
            went += f", {'thành phố' if province in CENTRAL_CITIES else 'tỉnh'} {province}"
    return (f"{head} đã kết thúc hoạt động từ {format_date(end.on)} theo việc sắp xếp đơn vị "
            f"hành chính{went}{tail}")


def ended_units(units: Sequence[Unit], on: date | None) -> list[dict[str, Any]]:
    """The units that ended on or before `on`: label, province, end date (ISO) and the note."""
    out = []
    if on is None:
        return out
    for unit in dict.fromkeys(units):
        end = end_of(unit.kind, unit.name, unit.province)
        if end is not None and end.on <= on:
            out.append({"label": unit.label, "province": unit.province or "",
                        "ended": end.on.isoformat(), "exact": end.exact, "note": ended_note(unit, end)})
    return out


def ended_warnings(jobs: Sequence[DocumentJob]) -> list[str]:
    """One warning line per unit that ended before the date of documents naming it."""
    seen: dict[tuple[str, str, str, bool], list[str]] = {}
    for job in jobs:
        doc = job.context.get("doc")
        if not isinstance(doc, Mapping):
            continue
        for item in doc.get("ended") or ():
            key = (item["label"], item["province"], item["ended"], bool(item["exact"]))
            seen.setdefault(key, []).append(str(doc.get("date", "")))
    lines = []
    for (label, province, ended, exact), dates in seen.items():
        where = f" ({province})" if province and province not in label else ""
        text = (ngettext("{unit} ended on {ended}, before the date of {n} document ({date}): it carries a note",
                         "{unit} ended on {ended}, before the date of {n} documents ({date}): they carry a note",
                         len(dates)) if exact else
                ngettext("{unit} ended before {ended}, before the date of {n} document ({date}): it carries a note",
                         "{unit} ended before {ended}, before the date of {n} documents ({date}): they carry a "
                         "note", len(dates)))
        lines.append(text.format(unit=label + where, ended=ended, n=len(dates), date=max(dates)))
    return lines
