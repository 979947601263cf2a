"""Facts as a spreadsheet a reviewer fills in: XLSX or CSV out, and the filled-in file read back.

One row per fact, doubtful ones (confidence below 0,8) first: `Mã` (the stable fact id), unit,
province, metric (its Vietnamese name), year, value, confidence, source, evidence, then the four
columns a person fills: `Quyết định` (chấp nhận / loại / sửa), `Giá trị sửa`, `Năm sửa`, `Ghi
chú`, pre-filled with the decisions already made. The XLSX has number formats (1.234, 12,5%),
a frozen header, an autofilter and a list to pick the decision from; the CSV is UTF-8 with a BOM
and `;` between fields, as Excel expects it in a Vietnamese locale.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from reportgen.build.fileio import atomic_write
from reportgen.model import METRIC_BY_KEY, Extraction, Fact, Unit
from reportgen.store.decisions import Decision, fact_ids
from reportgen.store.labels import (
    ACTION_WORDS,
    metric_name,
    metric_of_name,
    parse_user_number,
    unit_label,
    unit_of_label,
)

__all__ = ["COLUMNS", "DECISION_COLUMNS", "SheetRow", "sheet_rows", "write_facts", "read_facts", "EXPORTERS",
           "DOUBTFUL", "read_table", "csv_number", "cell_number"]

FACT_COLUMNS = ("Mã", "Đơn vị", "Tỉnh", "Chỉ tiêu", "Năm", "Giá trị", "Độ tin cậy", "Nguồn", "Trích dẫn")
DECISION_COLUMNS = ("Quyết định", "Giá trị sửa", "Năm sửa", "Ghi chú")
COLUMNS = FACT_COLUMNS + DECISION_COLUMNS
#: Facts the extractor is less sure of than this are listed first and called doubtful.
DOUBTFUL = 0.8
EXPORTERS = ("csv", "xlsx")
_WIDTHS = (13, 22, 14, 34, 7, 12, 9, 28, 60, 12, 12, 9, 30)
_PREFIX = {"over": "trên ", "about": "khoảng ", "under": "dưới "}


@dataclass(frozen=True)
class SheetRow:
    """One fact as the spreadsheet shows it, with the decision columns."""

    fact_id: str
    source: str
    unit: Unit | None
    fact: Fact
    decision: str = ""
    corrected_value: int | float | str | None = None
    corrected_year: int | str | None = None
    note: str = ""
    row: int = 0  # the line of the file it was read from
    quote: str = ""  # the evidence a file read back quotes (its offsets are not in the file)

    @property
    def percent(self) -> bool:
        """Whether the metric is a percentage (shown as 12,5%)."""
        metric = METRIC_BY_KEY.get(self.fact.metric)
        return bool(metric and metric.percent)


def _decided(d: Decision | None) -> tuple[str, int | float | None, int | None, str]:
    if d is None or d.action == "clear":
        return "", None, None, ""
    value = d.change.value if d.action == "correct" else None
    year = d.change.year if d.action == "correct" else None
    return ACTION_WORDS.get(d.action, ""), value, year, d.note or ""


def sheet_rows(extractions: Iterable[Extraction], decisions: Sequence[Decision] = ()) -> list[SheetRow]:
    """One row per fact as extracted (and per fact a reviewer added), its decision filled in;
    doubtful facts first, then in source order."""
    out: list[SheetRow] = []
    for e in extractions:
        sha = e.source.sha256
        mine = [d for d in decisions if d.sha256 == sha or (not d.sha256 and d.source == e.source.path)]
        for fid, fact in zip(fact_ids(sha, e.facts), e.facts):
            decision = None
            for d in mine:
                if d.action != "add" and d.matches(sha, fid, fact):
                    decision = d
            word, value, year, note = _decided(decision)
            out.append(SheetRow(fid, e.source.path, e.unit, fact, word, value, year, note))
        adds = {d.fact_id: d for d in mine if d.action == "add"}
        for d in adds.values():
            out.append(SheetRow(d.fact_id, e.source.path, d.change.unit or e.unit, d.added_fact(), "thêm", None,
                                None, d.note or ""))
    return sorted(out, key=lambda r: r.fact.confidence >= DOUBTFUL)


def csv_number(value: int | float | None, comma: bool) -> str:
    """A number for a CSV cell: 1234, "12,5" with a decimal comma."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if comma else text


def _write_csv(table: Sequence[SheetRow], path: Path, delimiter: str) -> None:
    comma = delimiter != ","
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(COLUMNS)
        for r in table:
            f = r.fact
            writer.writerow([r.fact_id, unit_label(r.unit), (r.unit.province or "") if r.unit else "",
                             metric_name(f.metric), f.year if f.year is not None else "", csv_number(f.value, comma),
                             csv_number(round(f.confidence, 3), comma), r.source,
                             f.evidence.text if f.evidence else "", r.decision,
                             csv_number(r.corrected_value, comma) if isinstance(r.corrected_value, (int, float))
                             else "", r.corrected_year or "", r.note])


def _value_format(r: SheetRow) -> str:
    if r.percent:
        return "0.0%"
    base = "#,##0" if float(r.fact.value).is_integer() else "#,##0.0##"
    prefix = _PREFIX.get(r.fact.qualifier)
    return f'"{prefix}"{base}' if prefix else base


def _write_xlsx(table: Sequence[SheetRow], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0ECE4")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, r in enumerate(table, start=2):
        f = r.fact
        scale = 100 if r.percent else 1
        corrected = r.corrected_value / scale if isinstance(r.corrected_value, (int, float)) else None
        sheet.append([r.fact_id, unit_label(r.unit), (r.unit.province or "") if r.unit else "",
                      metric_name(f.metric), f.year, f.value / scale, f.confidence, r.source,
                      f.evidence.text if f.evidence else "", r.decision or None, corrected,
                      r.corrected_year, r.note or None])
        value_format = _value_format(r)
        sheet.cell(i, 5).number_format = sheet.cell(i, 12).number_format = "0"
        sheet.cell(i, 6).number_format = sheet.cell(i, 11).number_format = value_format
        sheet.cell(i, 7).number_format = "0.0%"
        sheet.cell(i, 9).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    last = max(2, len(table) + 1)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    pick = DataValidation(type="list", formula1='"chấp nhận,loại,sửa"', allow_blank=True,
                          errorTitle="Quyết định", error="Chọn: chấp nhận, loại hoặc sửa")
    sheet.add_data_validation(pick)
    pick.add(f"J2:J{last}")
    book.save(path)


def write_facts(extractions: Iterable[Extraction], path: Path, fmt: str, decisions: Sequence[Decision] = (),
                delimiter: str = ";") -> int:
    """Write every fact to `path` as `fmt` ("csv" or "xlsx") atomically; returns the row count."""
    table = sheet_rows(extractions, decisions)
    if fmt == "xlsx":
        atomic_write(Path(path), lambda tmp: _write_xlsx(table, tmp))
    else:
        atomic_write(Path(path), lambda tmp: _write_csv(table, tmp, delimiter))
    return len(table)


def cell_number(value: object, number_format: str = "") -> int | float | None:
    """The number of a cell: a spreadsheet's number (percent cells x 100) or its text ("1.250")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        value = round(value * 100, 9)
    return parse_user_number(value)


def read_table(path: Path) -> list[dict[str, tuple[object, str]]]:
    """The rows of a CSV (any of ; , tab) or XLSX file: header -> (value, number format)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path).active
        rows = list(sheet.iter_rows())
        if not rows:
            return []
        header = [_nfc(c.value) for c in rows[0]]
        return [{h: (c.value, c.number_format or "") for h, c in zip(header, r) if h} for r in rows[1:]]
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = [_nfc(h) for h in next(reader, [])]
    return [{h: (v, "") for h, v in zip(header, r) if h} for r in reader]


def _nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""


def read_facts(path: Path) -> list[SheetRow]:
    """The rows of an exported facts file, as filled in. A cell that should hold a number and does
    not is kept as its text, for the importer to report with its row."""
    out = []
    for n, row in enumerate(read_table(path), start=2):
        if all(v is None or not str(v).strip() for v, _ in row.values()):
            continue

        def text(name: str) -> str:
            return _nfc(row.get(name, (None, ""))[0])

        def number(name: str, scaled: bool = True) -> int | float | str | None:
            value, fmt = row.get(name, (None, ""))
            try:
                return cell_number(value, fmt if scaled else "")
            except ValueError:
                return text(name)

        value, year, confidence = number("Giá trị"), number("Năm"), number("Độ tin cậy", scaled=False)
        fact = Fact(metric=metric_of_name(text("Chỉ tiêu")) or "",
                    value=value if isinstance(value, (int, float)) else 0,
                    year=int(year) if isinstance(year, (int, float)) else None,
                    confidence=float(confidence) if isinstance(confidence, (int, float)) else 1.0)
        corrected_year = number("Năm sửa", scaled=False)
        out.append(SheetRow(text("Mã"), text("Nguồn"), unit_of_label(text("Đơn vị"), text("Tỉnh")), fact,
                            text("Quyết định"), number("Giá trị sửa"),
                            int(corrected_year) if isinstance(corrected_year, (int, float))
                            and float(corrected_year).is_integer() else corrected_year, text("Ghi chú"), n,
                            quote=text("Trích dẫn")))
    return out
