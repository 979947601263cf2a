"""The review database in use: sources and facts synced into it, decisions recorded, undone, read.

`ReviewStore` wraps one connection (`schema.connect`) behind a lock, so the review app's threads
can share it. Nothing is overwritten: a decision is a new row, `current` says which one holds,
and undoing an action records new decisions that restore what it replaced.
"""
from __future__ import annotations

import getpass
import json
import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

from reportgen.model import Extraction, Finding, Unit
from reportgen.store.decisions import Change, Decision, DecisionError, fact_ids
from reportgen.store.facts import CACHE_VERSION
from reportgen.store.schema import DEFAULT_DB, StoreError, connect

__all__ = ["ReviewStore", "default_reviewer", "now", "DEFAULT_DB"]


def default_reviewer() -> str:
    """The OS user, the reviewer when none is named."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (a container without /etc/passwd entry)
        return os.environ.get("USER") or "?"


def now() -> str:
    """The time a decision is made: ISO 8601, UTC, seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ReviewStore:
    """The review database at `path` (created when missing)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.db = connect(self.path)
        self.lock = threading.RLock()

    @classmethod
    def existing(cls, path: Path | str) -> ReviewStore | None:
        """The database at `path` if there is one (a build without a review has none)."""
        return cls(path) if Path(path).is_file() else None

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside one write transaction, under the lock."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Rows of a read query."""
        with self.lock:
            try:
                return self.db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as err:
                raise StoreError(f"{self.path}: {err}") from None

    # -- sources and facts -----------------------------------------------------------------

    def sync(self, extractions: Sequence[Extraction],
             findings: Sequence[tuple[str, str | None, Finding]] | None = None) -> None:
        """Record the extractions (text, unit, facts: once per text and extractor version) as the
        current sources of their paths, and replace their findings if given: (sha256, fact id, finding)."""
        stamp = now()
        with self.transaction() as db:
            for e in extractions:
                s, sha = e.source, e.source.sha256
                db.execute("INSERT OR IGNORE INTO texts VALUES (?, ?, ?, ?)", (sha, s.text, s.format, s.encoding))
                db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", (s.path, sha, CACHE_VERSION, stamp))
                if db.execute("SELECT 1 FROM extractions WHERE sha256 = ? AND version = ?",
                              (sha, CACHE_VERSION)).fetchone():
                    continue
                u = e.unit
                db.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (sha, CACHE_VERSION, e.title, e.published.isoformat() if e.published else None,
                            u.kind if u else None, u.name if u else None, u.province if u else None,
                            e.report_year, json.dumps(list(e.warnings), ensure_ascii=False)))
                for ord_, (fid, f) in enumerate(zip(fact_ids(sha, e.facts), e.facts)):
                    ev = f.evidence
                    db.execute("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (fid, sha, CACHE_VERSION, ord_, f.metric, f.value, f.qualifier, f.year,
                                json.dumps(f.period.to_json(), ensure_ascii=False) if f.period else None,
                                ev.text if ev else None, ev.start if ev else None, ev.end if ev else None,
                                int(f.derived), float(f.confidence)))
            if findings is None:
                return
            shas = sorted({e.source.sha256 for e in extractions})
            for i in range(0, len(shas), 500):
                part = shas[i:i + 500]
                db.execute(f"DELETE FROM findings WHERE sha256 IN ({','.join('?' * len(part))})", part)
            db.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?)",
                           [(sha, fid, f.severity, f.code, f.message, f.line) for sha, fid, f in findings])

    def source_of(self, path: str) -> sqlite3.Row | None:
        """The current source row of a path, with its text and extraction."""
        rows = self.query("SELECT s.path, s.sha256, t.text, e.* FROM sources s JOIN texts t ON t.sha256 = s.sha256 "
                          "JOIN extractions e ON e.sha256 = s.sha256 AND e.version = s.version WHERE s.path = ?",
                          (path,))
        return rows[0] if rows else None

    def fact(self, fid: str) -> sqlite3.Row | None:
        """The extracted fact with this id (of its newest extraction), with its source's path."""
        rows = self.query("SELECT f.*, s.path FROM facts f LEFT JOIN sources s ON s.sha256 = f.sha256 "
                          "WHERE f.id = ? ORDER BY s.path IS NULL, f.rowid DESC LIMIT 1", (fid,))
        return rows[0] if rows else None

    # -- decisions -------------------------------------------------------------------------

    def record(self, decisions: Sequence[Decision], reviewer: str | None = None, kind: str = "decide") -> int:
        """Record decisions as one action of `reviewer` (each keeps its own reviewer and time when
        it has one, as imported ones do); returns the action's batch id."""
        who = reviewer or default_reviewer()
        stamp = now()
        with self.transaction() as db:
            batch = db.execute("INSERT INTO batches (reviewer, created_at, kind) VALUES (?, ?, ?)",
                               (who, stamp, kind)).lastrowid
            for d in decisions:
                self._insert(db, d, batch, d.reviewer or who, d.created_at or stamp)
        assert batch is not None
        return batch

    def _insert(self, db: sqlite3.Connection, d: Decision, batch: int, who: str, when: str) -> int:
        previous = db.execute("SELECT decision FROM current WHERE fact_id = ?", (d.fact_id,)).fetchone()
        row = db.execute("INSERT INTO decisions (batch, fact_id, source, sha256, action, metric, value, year, change, "
                         "reviewer, created_at, note, origin, previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (batch, d.fact_id, d.source, d.sha256, d.action, d.metric, d.value, d.year,
                          json.dumps(d.change.to_json(), ensure_ascii=False), who, when, d.note, d.origin,
                          previous[0] if previous else None)).lastrowid
        if d.action == "clear":
            db.execute("DELETE FROM current WHERE fact_id = ?", (d.fact_id,))
        else:
            db.execute("INSERT OR REPLACE INTO current VALUES (?, ?)", (d.fact_id, row))
        assert row is not None
        return row

    def undo(self, reviewer: str | None = None) -> int:
        """Undo the reviewer's last action not undone yet (new decisions restore what it replaced);
        returns how many decisions it restored (0: nothing to undo)."""
        who = reviewer or default_reviewer()
        with self.transaction() as db:
            last = db.execute("SELECT id FROM batches WHERE reviewer = ? AND kind != 'undo' AND undone_by IS NULL "
                              "ORDER BY id DESC LIMIT 1", (who,)).fetchone()
            if last is None:
                return 0
            stamp = now()
            batch = db.execute("INSERT INTO batches (reviewer, created_at, kind) VALUES (?, ?, 'undo')",
                               (who, stamp)).lastrowid
            rows = db.execute("SELECT * FROM decisions WHERE batch = ? ORDER BY id DESC", (last[0],)).fetchall()
            for row in rows:
                before = db.execute("SELECT * FROM decisions WHERE id = ?", (row["previous"],)).fetchone() \
                    if row["previous"] is not None else None
                restored = _decision(before) if before is not None else Decision(
                    row["fact_id"], row["source"], row["sha256"], "clear", row["metric"], row["value"], row["year"])
                self._insert(db, restored, batch, who, stamp)
            db.execute("UPDATE batches SET undone_by = ? WHERE id = ?", (batch, last[0]))
            return len(rows)

    def current(self, shas: Sequence[str] | None = None) -> list[Decision]:
        """The decisions in force, oldest first (of the sources whose texts hash to `shas`, if given)."""
        sql = "SELECT d.* FROM current c JOIN decisions d ON d.id = c.decision"
        rows = self.query(sql + " ORDER BY d.id")
        wanted = set(shas) if shas is not None else None
        return [_decision(r) for r in rows if wanted is None or r["sha256"] in wanted]

    def current_of(self, fid: str) -> Decision | None:
        """The decision in force on one fact."""
        rows = self.query("SELECT d.* FROM current c JOIN decisions d ON d.id = c.decision WHERE c.fact_id = ?",
                          (fid,))
        return _decision(rows[0]) if rows else None

    def history(self, fid: str | None = None) -> list[Decision]:
        """Every decision ever recorded (on one fact, if given), oldest first."""
        if fid is None:
            return [_decision(r) for r in self.query("SELECT * FROM decisions ORDER BY id")]
        return [_decision(r) for r in self.query("SELECT * FROM decisions WHERE fact_id = ? ORDER BY id", (fid,))]


def _decision(row: sqlite3.Row) -> Decision:
    try:
        change = Change.from_json(json.loads(row["change"] or "{}"))
    except (ValueError, DecisionError):
        change = Change()
    return Decision(fact_id=row["fact_id"], source=row["source"], sha256=row["sha256"], action=row["action"],
                    metric=row["metric"], value=row["value"], year=row["year"], change=change,
                    reviewer=row["reviewer"], created_at=row["created_at"], note=row["note"], origin=row["origin"],
                    id=row["id"])


def unit_of_row(row: sqlite3.Row) -> Unit | None:
    """The unit of an extraction row."""
    return Unit(row["unit_name"], row["unit_kind"], row["province"]) if row["unit_name"] else None
