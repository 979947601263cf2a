"""The review database: its schema, the migrations that build it, and how it is opened.

One SQLite file (`reportgen.db` in the working folder by default) holds the sources a review saw,
their extracted facts (keyed by the text's SHA-256 and the extractor version, so a new extractor
re-extracts), the check findings, and every decision a reviewer made. Decisions are only ever
added: `current` points at the decision in force for each fact, the rest is history.

The schema version is SQLite's `user_version`; `MIGRATIONS[n]` takes a database from version n to
n + 1, so an older file is brought up to date when opened and a newer one is refused.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from reportgen.i18n import _

__all__ = ["StoreError", "MIGRATIONS", "SCHEMA_VERSION", "connect", "DEFAULT_DB"]

DEFAULT_DB = "reportgen.db"


class StoreError(RuntimeError):
    """A review database that cannot be used; the message is one line naming the file."""


MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: sources, extractions, facts, findings, decisions.
    """
    CREATE TABLE texts (
        sha256 TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL
    );
    -- The sources of the last review of each path; `sha256` is of the decoded text.
    CREATE TABLE sources (
        path TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES texts(sha256),
        version TEXT NOT NULL,
        seen_at TEXT NOT NULL
    );
    CREATE TABLE extractions (
        sha256 TEXT NOT NULL,
        version TEXT NOT NULL,
        title TEXT,
        published TEXT,
        unit_kind TEXT,
        unit_name TEXT,
        province TEXT,
        report_year INTEGER,
        warnings TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (sha256, version)
    );
    -- `value` has no declared type: an int stays an int and a float a float.
    CREATE TABLE facts (
        id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        version TEXT NOT NULL,
        ord INTEGER NOT NULL,
        metric TEXT NOT NULL,
        value NOT NULL,
        qualifier TEXT NOT NULL,
        year INTEGER,
        period TEXT,
        evidence TEXT,
        ev_start INTEGER,
        ev_end INTEGER,
        derived INTEGER NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (sha256, version, ord)
    );
    CREATE INDEX facts_id ON facts(id);
    CREATE TABLE findings (
        sha256 TEXT NOT NULL,
        fact_id TEXT,
        severity TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        line INTEGER
    );
    CREATE INDEX findings_sha ON findings(sha256);
    CREATE INDEX findings_fact ON findings(fact_id);
    -- What one action of a reviewer did (one decision, or "accept all" of a filter), for undo.
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        undone_by INTEGER
    );
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        batch INTEGER REFERENCES batches(id),
        fact_id TEXT NOT NULL,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'correct', 'add', 'clear')),
        metric TEXT NOT NULL,
        value,
        year INTEGER,
        change TEXT NOT NULL DEFAULT '{}',
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL,
        note TEXT,
        origin TEXT NOT NULL DEFAULT '',
        previous INTEGER REFERENCES decisions(id)
    );
    CREATE INDEX decisions_fact ON decisions(fact_id);
    CREATE INDEX decisions_sha ON decisions(sha256);
    CREATE INDEX decisions_source ON decisions(source);
    -- The decision in force for each fact (a withdrawn one has no row).
    CREATE TABLE current (
        fact_id TEXT PRIMARY KEY,
        decision INTEGER NOT NULL REFERENCES decisions(id)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path | str, migrations: tuple[str, ...] = MIGRATIONS) -> sqlite3.Connection:
    """Open (creating it if needed) the database at `path`, in WAL mode, migrated to the latest schema."""
    try:
        db = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as err:
        raise StoreError(_("{path}: not a reportgen database ({err})").format(path=path, err=err)) from None
    if version > len(migrations):
        db.close()
        raise StoreError(_("{path}: made by a newer reportgen (schema {version}, this one knows "
                           "{count})").format(
            path=path, version=version, count=len(migrations)))
    for number in range(version, len(migrations)):
        try:
            db.execute("BEGIN IMMEDIATE")
            for statement in _statements(migrations[number]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            db.execute("ROLLBACK")
            db.close()
            raise StoreError(_("{path}: cannot migrate to schema {value} ({err})").format(
                path=path, value=number + 1, err=err)) from None
    return db


def _statements(script: str) -> list[str]:
    """The statements of a migration, so that they run inside one transaction (executescript commits)."""
    out, pending = [], ""
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        pending += line + "\n"
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out
