"""Decisions in and out of the review database: files of decisions -> recorded decisions, and back.

`import_files` reads any mix of the review page's downloads and older corrections files (JSON or
YAML), filled-in facts spreadsheets (`facts export`, XLSX or CSV) and decision exports; the same
decision in several files is recorded once, different decisions on one fact are reported as
conflicts and neither is recorded. `export_decisions` writes every decision ever made (JSON, YAML,
CSV or XLSX), which `import_files` reads back.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

import yaml

from reportgen.build.fileio import atomic_write, atomic_write_text
from reportgen.i18n import _, ngettext
from reportgen.model import Extraction, Fact
from reportgen.store.corrections import CorrectionsError, load_corrections, to_decision
from reportgen.store.decisions import Change, Decision, DecisionError, fact_ids
from reportgen.store.export import SheetRow, csv_number, read_facts, read_table
from reportgen.store.facts import FactStore
from reportgen.store.labels import (
    ACTION_WORDS,
    action_of_word,
    check_year,
    metric_name,
    metric_of_name,
    parse_user_number,
)
from reportgen.store.reviewdb import ReviewStore

__all__ = ["ImportReport", "import_files", "export_decisions", "EXPORT_FORMATS", "decision_json", "source_loader",
           "Loader"]

EXPORT_FORMATS = ("json", "yaml", "csv", "xlsx")
_CLEAR_WORD = "bỏ quyết định"
_EXPORT_COLUMNS = ("Mã", "Nguồn", "Chỉ tiêu", "Năm", "Giá trị", "Quyết định", "Giá trị sửa", "Năm sửa", "Ghi chú",
                   "Người rà soát", "Thời gian", "Mã nội dung nguồn", "Chi tiết")
Loader = Callable[[str], "Extraction | None"]


def source_loader(cache: FactStore) -> Loader:
    """What reads a source an imported file names: its extraction through the cache, None when
    it cannot be read or extracted (its decisions are then reported, not recorded)."""
    def load(path: str) -> Extraction | None:
        try:
            return cache.load(path) if path and Path(path).is_file() else None
        except Exception:  # noqa: BLE001 - a source that fails must not stop the import
            return None
    return load


@dataclass(frozen=True)
class ImportReport:
    """What an import did, and one line for each decision it could not record."""

    files: int = 0
    recorded: int = 0
    merged: int = 0  # the same decision found in more than one file
    unchanged: int = 0  # already the decision in force
    conflicts: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    def line(self) -> str:
        """The summary line."""
        return _("recorded {decisions} from {files}; {merged}, {unchanged}, {conflicts}, {problems}").format(
            decisions=ngettext("{n} decision", "{n} decisions", self.recorded).format(n=self.recorded),
            files=ngettext("{n} file", "{n} files", self.files).format(n=self.files),
            merged=ngettext("{n} duplicate merged", "{n} duplicates "
                                                    "merged", self.merged).format(n=self.merged),
            unchanged=ngettext("{n} already recorded", "{n} already recorded", self.unchanged).format(
                n=self.unchanged),
            conflicts=ngettext("{n} conflict", "{n} conflicts", len(self.conflicts)).format(n=len(self.conflicts)),
            problems=ngettext("{n} problem", "{n} problems", len(self.problems)).format(n=len(self.problems)))


def decision_json(d: Decision) -> dict[str, object]:
    """The exported form of a decision."""
    return {"fact_id": d.fact_id, "source": d.source, "sha256": d.sha256, "action": d.action, "metric": d.metric,
            "value": d.value, "year": d.year, "change": d.change.to_json(), "reviewer": d.reviewer,
            "created_at": d.created_at, "note": d.note}


def _from_json(item: object, origin: str) -> Decision:
    if not isinstance(item, dict):
        raise DecisionError(_("each decision must be a mapping"))
    try:
        return Decision(fact_id=str(item["fact_id"]), source=str(item["source"]), sha256=str(item["sha256"]),
                        action=str(item["action"]), metric=str(item["metric"]), value=item.get("value"),
                        year=item.get("year"), change=Change.from_json(item.get("change")),
                        reviewer=str(item.get("reviewer") or ""), created_at=str(item.get("created_at") or ""),
                        note=item.get("note") or None, origin=origin)
    except KeyError as err:
        raise DecisionError(_("missing {value}").format(value=err.args[0])) from None


class _Resolver:
    """Finds the facts that files name: in the database, else by reading the source they name."""

    def __init__(self, store: ReviewStore, load: Loader) -> None:
        self.store, self.load, self.loaded = store, load, set()

    def _read(self, path: str) -> None:
        if path and path not in self.loaded:
            self.loaded.add(path)
            extraction = self.load(path)
            if extraction is not None:
                self.store.sync([extraction])

    def fact(self, fid: str, source: str) -> Decision | None:
        """A decision-shaped description of fact `fid` (action "accept"), None if it is unknown."""
        for attempt in range(2):
            row = self.store.fact(fid)
            if row is not None:
                return Decision(fid, row["path"] or source, row["sha256"], "accept", row["metric"], row["value"],
                                row["year"])
            added = self.store.current_of(fid)
            if added is not None and added.action == "add":
                return added
            if attempt == 0:
                self._read(source)
        return None

    def legacy(self, d: Decision) -> list[Decision]:
        """An old corrections entry (metric, value, year) as decisions on the facts it names; with a
        made-up id when the text it was made on is gone (it will be reported as stale)."""
        for attempt in range(2):
            sha = d.sha256 or self._sha_of(d.source)
            if sha:
                rows = self.store.query("SELECT DISTINCT id FROM facts WHERE sha256 = ? AND metric = ? AND value = ? "
                                        "AND year IS ?", (sha, d.metric, d.value, d.year))
                if rows:
                    return [replace(d, fact_id=r["id"], sha256=sha) for r in rows]
            if attempt == 0:
                self._read(d.source)
        made_up = "L" + fact_ids(d.sha256 or d.source, [Fact(d.metric, d.value or 0, year=d.year)])[0][1:]
        return [replace(d, fact_id=made_up)]

    def _sha_of(self, path: str) -> str:
        rows = self.store.query("SELECT sha256 FROM sources WHERE path = ?", (path,))
        return rows[0]["sha256"] if rows else ""


def _sheet_decision(r: SheetRow, target: Decision, reviewer: str, origin: str) -> Decision:
    action = action_of_word(r.decision)
    assert action is not None
    if action == "add":
        if target.action != "add":
            raise DecisionError("'thêm' is for facts added in the review app")
        return target
    note = r.note or None
    if action != "correct":
        if target.action == "add":  # an added fact rejected (or kept)
            return target if action == "accept" else Decision(target.fact_id, target.source, target.sha256, action,
                                                              target.metric, None, None, reviewer=reviewer,
                                                              note=note, origin=origin)
        return replace(target, action=action, note=note, reviewer=reviewer, origin=origin)
    value = year = None
    if r.corrected_value not in (None, ""):
        try:
            value = parse_user_number(r.corrected_value)
        except ValueError:
            raise DecisionError(_("Giá trị sửa {value!r} is not a "
                                  "number").format(value=r.corrected_value)) from None
    if r.corrected_year not in (None, ""):
        try:
            year = check_year(r.corrected_year)
        except ValueError:
            raise DecisionError(_("Năm sửa {value!r} is not a year").format(value=r.corrected_year)) from None
    if value is None and year is None:
        raise DecisionError("'sửa' needs Giá trị sửa or Năm sửa")
    if target.action == "add":  # an added fact edited: it is added again as it now is
        change = replace(target.change, value=value if value is not None else target.change.value,
                         year=year if year is not None else target.change.year)
        return replace(target, change=change, note=note or target.note, reviewer=reviewer, origin=origin,
                       created_at="")
    return replace(target, action="correct", change=Change(value=value, year=year), note=note, reviewer=reviewer,
                   origin=origin)


def _read_file(path: Path, resolver: _Resolver, reviewer: str) -> tuple[list[Decision], list[str]]:
    """The decisions a file holds (the last one on each fact), and its problems, one line each."""
    origin, suffix = path.name, path.suffix.lower()
    out: list[Decision] = []
    problems: list[str] = []
    if suffix in (".json", ".yaml", ".yml"):
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig")) if suffix == ".json" \
                else yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError, yaml.YAMLError) as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else err
            return [], [_("{path}: cannot be read: {reason}").format(path=path, reason=reason)]
        if isinstance(data, dict) and isinstance(data.get("decisions"), list):
            for i, item in enumerate(data["decisions"], start=1):
                try:
                    out.append(_from_json(item, origin))
                except DecisionError as err:
                    problems.append(_("{path}: decision {number}: "
                                      "{reason}").format(path=path, number=i, reason=err))
        else:
            try:
                corrections = load_corrections(path)
            except CorrectionsError as err:
                return [], [str(err)]
            who = str(data.get("reviewer") or reviewer) if isinstance(data, dict) else reviewer
            for c in corrections:
                out.extend(resolver.legacy(to_decision(c, who, origin)))
    elif suffix in (".csv", ".xlsx"):
        try:
            header = set(next(iter(read_table(path)), {}))
            if "Chi tiết" in header:
                out, problems = _read_export_table(path, origin)
            else:
                out, problems = _read_sheet(path, resolver, reviewer, origin)
        except (OSError, ValueError, KeyError) as err:
            return [], [_("{path}: cannot be read: {reason}").format(path=path, reason=err)]
    else:
        return [], [_("{path}: not a decisions file (.json, .yaml, .csv or .xlsx)").format(path=path)]
    last = {d.fact_id: d for d in out}
    return list(last.values()), problems


def _read_sheet(path: Path, resolver: _Resolver, reviewer: str, origin: str) -> tuple[list[Decision], list[str]]:
    out, problems = [], []
    for r in read_facts(path):
        try:
            if action_of_word(r.decision) is None:
                continue
        except ValueError as err:
            problems.append(_("{path}: row {row}: {reason}").format(path=path, row=r.row, reason=err))
            continue
        target = resolver.fact(r.fact_id, r.source) if r.fact_id else None
        if target is None:
            problems.append(_("{path}: row {row}: no fact {fact} in {source} (the source changed since the "
                              "export?)").format(path=path, row=r.row, fact=r.fact_id or _("(no Mã)"),
                                                 source=r.source or "?"))
            continue
        try:
            out.append(_sheet_decision(r, target, reviewer, origin))
        except DecisionError as err:
            problems.append(_("{path}: row {row}: {reason}").format(path=path, row=r.row, reason=err))
    return out, problems


def _read_export_table(path: Path, origin: str) -> tuple[list[Decision], list[str]]:
    out, problems = [], []
    words = {w: a for a, w in ACTION_WORDS.items()} | {_CLEAR_WORD: "clear"}
    for n, row in enumerate(read_table(path), start=2):
        def text(name: str) -> str:
            value = row.get(name, (None, ""))[0]
            return "" if value is None else str(value).strip()

        try:
            year = text("Năm")
            value = text("Giá trị")
            out.append(Decision(
                fact_id=text("Mã"), source=text("Nguồn"), sha256=text("Mã nội dung nguồn"),
                action=words.get(text("Quyết định"), text("Quyết định")),
                metric=metric_of_name(text("Chỉ tiêu")) or text("Chỉ tiêu"),
                value=parse_user_number(value) if value else None, year=int(float(year)) if year else None,
                change=Change.from_json(json.loads(text("Chi tiết") or "{}")), reviewer=text("Người rà soát"),
                created_at=text("Thời gian"), note=text("Ghi chú") or None, origin=origin))
        except (ValueError, DecisionError) as err:
            problems.append(_("{path}: row {row}: {reason}").format(path=path, row=n, reason=err))
    return out, problems


def import_files(paths: Sequence[Path], store: ReviewStore, load: Loader, reviewer: str) -> ImportReport:
    """Record the decisions of every file in the store as one action of `reviewer`."""
    resolver = _Resolver(store, load)
    found: dict[str, list[tuple[Decision, Path]]] = {}
    problems: list[str] = []
    for path in paths:
        decisions, trouble = _read_file(Path(path), resolver, reviewer)
        problems += trouble
        for d in decisions:
            found.setdefault(d.fact_id, []).append((d, Path(path)))
    record, conflicts = [], []
    merged = unchanged = 0
    for fid, items in found.items():
        kinds = {d.same_as for d, _ in items}
        if len(kinds) > 1:
            says = "; ".join(_("{file} says "
                               "{decision}").format(file=p.name, decision=_say(d)) for d, p in items)
            conflicts.append(_("conflict on fact {fact} ({metric}): {says} (neither recorded)").format(
                fact=fid, metric=metric_name(items[0][0].metric), says=says))
            continue
        merged += len(items) - 1
        decision = items[-1][0]
        now_in_force = store.current_of(fid)
        if now_in_force is not None and now_in_force.same_as == decision.same_as:
            unchanged += 1
            continue
        record.append(decision)
    if record:
        store.record(record, reviewer, kind="import")
    return ImportReport(len(paths), len(record), merged, unchanged, tuple(conflicts), tuple(problems))


def _say(d: Decision) -> str:
    words = ACTION_WORDS.get(d.action, d.action)
    if d.action == "correct":
        parts = [f"{k} {v}" for k, v in d.change.to_json().items()]
        return f"{words} ({', '.join(parts)})"
    return words


def export_decisions(store: ReviewStore, path: Path) -> int:
    """Write every decision ever recorded to `path` (.json, .yaml, .csv or .xlsx); returns how many."""
    history = store.history()
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("json", "yaml", "yml"):
        data = {"version": 2, "generated_by": "reportgen", "decisions": [decision_json(d) for d in history]}
        text = json.dumps(data, ensure_ascii=False, indent=1) if suffix == "json" \
            else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        atomic_write_text(Path(path), text)
        return len(history)
    if suffix not in ("csv", "xlsx"):
        raise ValueError(_("{path}: write .json, .yaml, .csv or .xlsx").format(path=path))
    rows = [[d.fact_id, d.source, metric_name(d.metric), d.year, d.value,
             _CLEAR_WORD if d.action == "clear" else ACTION_WORDS.get(d.action, d.action),
             d.change.value if d.action == "correct" else None, d.change.year if d.action == "correct" else None,
             d.note, d.reviewer, d.created_at, d.sha256, json.dumps(d.change.to_json(), ensure_ascii=False)]
            for d in history]
    if suffix == "csv":
        atomic_write(Path(path), lambda tmp: _write_csv(rows, tmp))
    else:
        atomic_write(Path(path), lambda tmp: _write_xlsx(rows, tmp))
    return len(history)


def _write_csv(rows: list[list[object]], tmp: Path) -> None:
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(_EXPORT_COLUMNS)
        for r in rows:
            writer.writerow(["" if v is None else csv_number(v, True) if isinstance(v, (int, float)) and i in (4, 6)
                             else v for i, v in enumerate(r)])


def _write_xlsx(rows: list[list[object]], tmp: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Quyết định"
    sheet.append(list(_EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, start=2):
        when = r[10]
        try:  # a real date and time in the sheet (Excel has no time zones: shown in UTC)
            r[10] = datetime.fromisoformat(str(when)).replace(tzinfo=None) if when else None
        except ValueError:
            pass
        sheet.append(r)
        sheet.cell(i, 4).number_format = sheet.cell(i, 8).number_format = "0"
        sheet.cell(i, 5).number_format = sheet.cell(i, 7).number_format = "#,##0.###"
        sheet.cell(i, 11).number_format = "dd/mm/yyyy hh:mm"
    for column, width in enumerate((13, 28, 34, 7, 11, 14, 11, 9, 30, 16, 17, 20, 40), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_EXPORT_COLUMNS))}{max(2, len(rows) + 1)}"
    book.save(tmp)
