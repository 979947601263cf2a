"""What the review app asks the review database: the facts of a review's sources, filtered, doubtful
ones first and a page at a time, and per source how far the review has got.

A review's sources are the paths it was started on (`use_paths`). Its facts are those extracted
from their current texts and those reviewers added; each carries the decision in force (its
state), how many findings concern it, and whether a decision made before the source changed is
waiting for re-review ("stale").
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Sequence

from reportgen.store.export import DOUBTFUL
from reportgen.store.reviewdb import ReviewStore

__all__ = ["Filters", "use_paths", "facts_page", "facts_of_source", "fact_row", "fact_ids_where", "source_summaries",
           "STATES", "options"]

#: Decision states a filter can ask for.
STATES = ("undecided", "decided", "accept", "reject", "correct", "add", "stale")

_VIEW = """
WITH src AS (
  SELECT s.path, s.sha256, s.version, e.unit_kind, e.unit_name, e.province, e.report_year
  FROM review_paths p JOIN sources s ON s.path = p.path
  JOIN extractions e ON e.sha256 = s.sha256 AND e.version = s.version),
items AS (
  SELECT f.id, src.path, src.sha256, f.ord, f.metric, f.value, f.qualifier, f.year, f.period, f.evidence,
         f.ev_start, f.ev_end, f.derived, f.confidence, src.unit_kind, src.unit_name, src.province
  FROM src JOIN facts f ON f.sha256 = src.sha256 AND f.version = src.version
  UNION ALL
  SELECT d.fact_id, src.path, src.sha256, 1000000 + d.id, json_extract(d.change, '$.metric'),
         json_extract(d.change, '$.value'), coalesce(json_extract(d.change, '$.qualifier'), 'exact'),
         json_extract(d.change, '$.year'), json_extract(d.change, '$.period'),
         json_extract(d.change, '$.evidence.text'), json_extract(d.change, '$.evidence.start'),
         json_extract(d.change, '$.evidence.end'), 0, 1.0,
         coalesce(json_extract(d.change, '$.unit.kind'), src.unit_kind),
         coalesce(json_extract(d.change, '$.unit.name'), src.unit_name),
         coalesce(json_extract(d.change, '$.unit.province'), src.province)
  FROM current c JOIN decisions d ON d.id = c.decision JOIN src ON src.sha256 = d.sha256
  WHERE d.action = 'add'),
view AS (
  SELECT items.*, cd.action AS state, cd.change AS change, cd.note AS note, cd.reviewer AS reviewer,
         cd.created_at AS decided_at,
         (SELECT count(*) FROM findings g WHERE g.fact_id = items.id AND g.sha256 = items.sha256) AS nfindings,
         CASE WHEN cd.action IS NULL AND EXISTS (
           SELECT 1 FROM decisions d2 JOIN current c2 ON c2.decision = d2.id
           WHERE d2.source = items.path AND d2.sha256 != items.sha256 AND d2.action != 'add'
             AND d2.metric = items.metric AND d2.value = items.value AND d2.year IS items.year)
         THEN 1 ELSE 0 END AS stale
  FROM items LEFT JOIN current c ON c.fact_id = items.id LEFT JOIN decisions cd ON cd.id = c.decision)
"""
_ORDER = f"ORDER BY (confidence < {DOUBTFUL}) DESC, path, ord"


@dataclass(frozen=True)
class Filters:
    """What the reviewer narrowed the list to (empty: everything)."""

    source: str = ""
    unit: str = ""  # "kind|name|province"
    province: str = ""
    metric: str = ""
    confidence: str = ""  # "low" (doubtful) or "high"
    finding: str = ""  # "yes" or "no"
    state: str = ""  # one of STATES

    def where(self) -> tuple[str, list[object]]:
        """The SQL condition and its parameters."""
        parts, params = ["1"], []  # type: tuple[list[str], list[object]]
        for column, value in (("path", self.source), ("province", self.province), ("metric", self.metric)):
            if value:
                parts.append(f"{column} = ?")
                params.append(value)
        if self.unit:
            kind, _, rest = self.unit.partition("|")
            name, _, province = rest.partition("|")
            parts.append("unit_kind = ? AND unit_name = ? AND coalesce(province, '') = ?")
            params += [kind, name, province]
        if self.confidence in ("low", "high"):
            parts.append(f"confidence {'<' if self.confidence == 'low' else '>='} ?")
            params.append(DOUBTFUL)
        if self.finding in ("yes", "no"):
            parts.append("nfindings > 0" if self.finding == "yes" else "nfindings = 0")
        state = {"undecided": "state IS NULL AND stale = 0", "decided": "state IS NOT NULL", "stale": "stale = 1"}
        if self.state in state:
            parts.append(state[self.state])
        elif self.state in STATES:
            parts.append("state = ?")
            params.append(self.state)
        return " AND ".join(parts), params


def use_paths(store: ReviewStore, paths: Sequence[str]) -> None:
    """Make `paths` the sources of this connection's review."""
    with store.transaction() as db:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS review_paths (path TEXT PRIMARY KEY)")
        db.execute("DELETE FROM review_paths")
        db.executemany("INSERT OR IGNORE INTO review_paths VALUES (?)", [(p,) for p in paths])


def facts_page(store: ReviewStore, filters: Filters, page: int = 1, size: int = 50
               ) -> tuple[int, list[sqlite3.Row]]:
    """How many facts the filters let through, and the rows of one page of them."""
    where, params = filters.where()
    with store.lock:
        total = store.db.execute(f"{_VIEW} SELECT count(*) FROM view WHERE {where}", params).fetchone()[0]
        rows = store.db.execute(f"{_VIEW} SELECT * FROM view WHERE {where} {_ORDER} LIMIT ? OFFSET ?",
                                [*params, size, max(0, page - 1) * size]).fetchall()
    return total, rows


def facts_of_source(store: ReviewStore, path: str) -> list[sqlite3.Row]:
    """Every fact of one source of the review, in text order."""
    with store.lock:
        return store.db.execute(f"{_VIEW} SELECT * FROM view WHERE path = ? ORDER BY ev_start, ord",
                                (path,)).fetchall()


def fact_row(store: ReviewStore, fid: str) -> sqlite3.Row | None:
    """One fact of the review, None if the review has none of that id."""
    with store.lock:
        return store.db.execute(f"{_VIEW} SELECT * FROM view WHERE id = ?", (fid,)).fetchone()


def fact_ids_where(store: ReviewStore, filters: Filters, extra: str = "", params: Sequence[object] = ()
                   ) -> list[sqlite3.Row]:
    """Id, source and what is extracted of every fact the filters (and `extra`) let through."""
    where, base = filters.where()
    with store.lock:
        return store.db.execute(f"{_VIEW} SELECT id, path, sha256, metric, value, year, state FROM view "
                                f"WHERE {where} {extra} {_ORDER}", [*base, *params]).fetchall()


def source_summaries(store: ReviewStore) -> list[sqlite3.Row]:
    """Per source of the review: title, unit, and counts of facts, doubtful ones, findings, reviewed."""
    with store.lock:
        return store.db.execute(f"""{_VIEW}, per AS (
              SELECT path, count(*) AS facts, sum(confidence < {DOUBTFUL}) AS doubtful,
                     sum(state IS NOT NULL) AS reviewed, sum(stale) AS stale FROM view GROUP BY path)
            SELECT src.path, src.sha256, src.unit_kind, src.unit_name, src.province, e.title,
                   coalesce(per.facts, 0) AS facts, coalesce(per.doubtful, 0) AS doubtful,
                   coalesce(per.reviewed, 0) AS reviewed, coalesce(per.stale, 0) AS stale,
                   (SELECT count(*) FROM findings g WHERE g.sha256 = src.sha256) AS findings
            FROM src JOIN extractions e ON e.sha256 = src.sha256 AND e.version = src.version
            LEFT JOIN per ON per.path = src.path ORDER BY src.path""").fetchall()


def options(store: ReviewStore) -> dict[str, list[tuple[str, ...]]]:
    """The units, provinces and metrics that occur, for the filters' lists."""
    with store.lock:
        rows = store.db.execute(f"{_VIEW} SELECT DISTINCT unit_kind, unit_name, coalesce(province, '') AS province, "
                                "metric FROM view").fetchall()
    units = sorted({(r["unit_kind"], r["unit_name"], r["province"]) for r in rows if r["unit_name"]})
    provinces = sorted({(r["province"],) for r in rows if r["province"]})
    metrics = sorted({(r["metric"],) for r in rows if r["metric"]})
    return {"units": units, "provinces": provinces, "metrics": metrics}
