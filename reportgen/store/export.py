"""Export facts to CSV or XLSX for analysts, and read such a file back.

One row per fact: source, unit, metric (key and Vietnamese label), value, qualifier, year, derived,
corrected, evidence and its offsets, the article's title and date. Reading a file back gives the same
facts, so a spreadsheet can travel and return.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Callable, Iterable, Sequence

from reportgen.build.fileio import atomic_write
from reportgen.model import METRIC_BY_KEY, Evidence, Extraction, Fact, Period, Unit

__all__ = ["COLUMNS", "rows", "write_facts", "read_facts", "EXPORTERS"]

COLUMNS = ("source", "unit_kind", "unit_name", "province", "metric", "metric_label", "value", "qualifier",
           "year", "confidence", "derived", "corrected", "evidence", "evidence_start", "evidence_end", "title",
           "published", "period")


def rows(extractions: Iterable[Extraction]) -> list[dict[str, object]]:
    """One row per fact, with the columns of COLUMNS."""
    out: list[dict[str, object]] = []
    for e in extractions:
        for f in e.facts:
            out.append({
                "source": e.source.path, "unit_kind": e.unit.kind if e.unit else "",
                "unit_name": e.unit.name if e.unit else "", "province": (e.unit.province or "") if e.unit else "",
                "metric": f.metric, "metric_label": METRIC_BY_KEY[f.metric].label if f.metric in METRIC_BY_KEY else "",
                "value": f.value, "qualifier": f.qualifier, "year": f.year if f.year is not None else "",
                "confidence": f.confidence, "period": json.dumps(f.period.to_json(), ensure_ascii=False) if f.period else "",
                "derived": "yes" if f.derived else "no", "corrected": "yes" if f.corrected else "no",
                "evidence": f.evidence.text if f.evidence else "",
                "evidence_start": f.evidence.start if f.evidence else "",
                "evidence_end": f.evidence.end if f.evidence else "",
                "title": e.title or "", "published": e.published.isoformat() if e.published else "",
            })
    return out


def _write_csv(table: Sequence[dict[str, object]], path: Path) -> None:
    # utf-8-sig so that Excel opens Vietnamese text correctly by double-click.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(table)


def _write_xlsx(table: Sequence[dict[str, object]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append([row[c] for c in COLUMNS])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMNOPQR", (28, 10, 16, 14, 22, 34, 10, 9, 6, 8, 8, 9, 60, 8, 8, 40, 11, 20)):
        sheet.column_dimensions[column].width = width
    book.save(path)


EXPORTERS: dict[str, Callable[[Sequence[dict[str, object]], Path], None]] = {
    "csv": _write_csv,
    "xlsx": _write_xlsx,
}


def write_facts(extractions: Iterable[Extraction], path: Path, fmt: str) -> int:
    """Write every fact to `path` as `fmt` ("csv" or "xlsx") atomically; returns the row count."""
    table = rows(extractions)
    atomic_write(Path(path), lambda tmp: EXPORTERS[fmt](table, tmp))
    return len(table)


def _number(text: object) -> int | float:
    if isinstance(text, (int, float)):
        return text
    value = float(str(text))
    return int(value) if value.is_integer() and "." not in str(text) else value


def _fact(row: dict[str, object]) -> tuple[str, Unit | None, Fact]:
    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value)

    evidence = None
    if text("evidence_start") != "":
        evidence = Evidence(text("evidence"), int(_number(row["evidence_start"])), int(_number(row["evidence_end"])))
    unit = Unit(text("unit_name"), text("unit_kind"), text("province") or None) if text("unit_name") else None
    year = text("year")
    return text("source"), unit, Fact(metric=text("metric"), value=_number(row["value"]),
                                      qualifier=text("qualifier") or "exact",
                                      year=int(_number(year)) if year != "" else None, evidence=evidence,
                                      derived=text("derived") == "yes", corrected=text("corrected") == "yes",
                                      confidence=float(_number(row["confidence"])) if text("confidence") else 1.0,
                                      period=Period.from_json(json.loads(text("period"))) if text("period") else None)


def read_facts(path: Path) -> list[tuple[str, Unit | None, Fact]]:
    """(source, unit, fact) for every row of an exported CSV or XLSX file."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True).active
        values = list(sheet.iter_rows(values_only=True))
        header = [str(h) for h in values[0]]
        table = [dict(zip(header, r)) for r in values[1:]]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.DictReader(handle))
    return [_fact(r) for r in table]
