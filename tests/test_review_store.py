"""The review database: schema and migrations, decisions kept as history, undo, stale decisions,
and what applying decisions does to extractions (any field corrected, facts added)."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.model import Evidence, Period, Unit
from reportgen.pipeline import prepare
from reportgen.store.decisions import Change, Decision, DecisionError, apply_decisions, fact_ids
from reportgen.store.reviewdb import ReviewStore
from reportgen.store.schema import MIGRATIONS, SCHEMA_VERSION, StoreError, connect


def _extraction(sources: Path, name: str = "thuong-tin-2019.txt"):
    [e], _, _ = prepare([str(sources / name)])
    return e


def _decision(e, index: int, action: str, **kw) -> Decision:
    fact = e.facts[index]
    fid = fact_ids(e.source.sha256, e.facts)[index]
    return Decision(fid, e.source.path, e.source.sha256, action, fact.metric, fact.value, fact.year, **kw)


def test_schema_is_versioned_in_wal_mode_and_migrates_forward(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    db = connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.execute("INSERT INTO batches (reviewer, created_at, kind) VALUES ('a', 'now', 'decide')")
    db.close()
    # a later version adds a step: only that step runs, and the data stays
    db = connect(path, MIGRATIONS + ("CREATE TABLE later (x INTEGER);",))
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert db.execute("SELECT count(*) FROM batches").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM later").fetchone()[0] == 0
    db.close()
    # that file is newer than this reportgen: refused in one line
    with pytest.raises(StoreError) as err:
        connect(path)
    assert "phiên bản reportgen mới hơn" in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_a_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "reportgen.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError) as err:
        ReviewStore(bad)
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


def test_decisions_are_history_and_undo_restores(sources: Path, tmp_path: Path) -> None:
    e = _extraction(sources)
    store = ReviewStore(tmp_path / "r.db")
    store.sync([e])
    accept = _decision(e, 0, "accept")
    store.record([accept], "lan")
    store.record([_decision(e, 0, "correct", change=Change(value=78), note="theo báo cáo")], "lan")
    [now] = store.current()
    assert now.action == "correct" and now.change.value == 78 and now.reviewer == "lan" and now.created_at
    assert store.undo("lan") == 1
    [back] = store.current()
    assert back.action == "accept"
    assert store.undo("lan") == 1 and store.current() == []
    assert store.undo("lan") == 0
    # nothing was overwritten: two decisions and two undos, each a row of its own
    assert [d.action for d in store.history(accept.fact_id)] == ["accept", "correct", "accept", "clear"]
    # another reviewer's undo does not touch lan's decisions
    store.record([accept], "lan")
    assert store.undo("minh") == 0 and len(store.current()) == 1


def test_a_decision_on_a_changed_source_is_stale(sources: Path) -> None:
    e = _extraction(sources)
    decisions = [_decision(e, 0, "reject"), _decision(e, 1, "correct", change=Change(value=13236))]
    fixed, findings, summary = apply_decisions([e], decisions)
    assert (summary.applied, summary.stale) == (2, 0)
    assert summary.line() == "áp dụng 2 quyết định của người rà soát"
    assert len(fixed[0].facts) == len(e.facts) - 1
    path = Path(e.source.path)
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    changed = _extraction(sources)
    same, findings, summary = apply_decisions([changed], decisions)
    assert same[0].facts == changed.facts
    assert (summary.applied, summary.stale) == (0, 2)
    assert summary.line() == "áp dụng 0 quyết định của người rà soát; 2 không còn khớp nguồn"
    assert {f.code for f in findings} == {"correction-stale"}


def test_any_field_can_be_corrected_and_facts_added(sources: Path) -> None:
    e = _extraction(sources)
    other = Unit("Phú Xuyên", "huyện", "Hà Nội")
    text = e.source.text
    start = text.index("Huân Chương")
    added = Decision("A1", e.source.path, e.source.sha256, "add", "members_admitted", None, None,
                     change=Change(metric="members_admitted", value=12, year=2019,
                                   evidence=Evidence(text[start:start + 11], start, start + 11)), note="bổ sung")
    decisions = [
        _decision(e, 0, "correct", change=Change(year=2020, qualifier="about")),
        _decision(e, 1, "correct", change=Change(metric="awareness_attendees")),
        _decision(e, 2, "correct", change=Change(unit=other)),
        _decision(e, 3, "correct", change=Change(period=Period("part", 2019, 2019, "6 tháng đầu năm 2019"))),
        added,
    ]
    out, findings, summary = apply_decisions([e], decisions)
    assert summary.applied == 5 and not findings
    mine, moved = out
    assert moved.unit == other and [f.value for f in moved.facts] == [e.facts[2].value]
    facts = {f.evidence.start: f for f in mine.facts}
    first, second, fourth = (facts[e.facts[i].evidence.start] for i in (0, 1, 3))
    assert (first.year, first.qualifier, first.corrected) == (2020, "about", True)
    assert second.metric == "awareness_attendees" and second.value == e.facts[1].value
    assert fourth.period == Period("part", 2019, 2019, "6 tháng đầu năm 2019") and fourth.year == 2019
    new = facts[start]
    assert (new.metric, new.value, new.year, new.corrected) == ("members_admitted", 12, 2019, True)
    assert new.evidence.text == text[start:start + 11] and "bổ sung" in new.note


def test_bad_decisions_are_refused(sources: Path) -> None:
    e = _extraction(sources)
    for bad in ({"value": -1}, {"value": float("nan")}, {"value": float("inf")}, {"year": 1800},
                {"qualifier": "roughly"}, {"metric": "members_everything"}):
        with pytest.raises(DecisionError):
            Change(**bad)
    with pytest.raises(DecisionError):
        _decision(e, 0, "correct")  # changes nothing
    with pytest.raises(DecisionError):
        Decision("A", e.source.path, e.source.sha256, "add", "members_total", None, None,
                 change=Change(value=3))  # no metric, no evidence


def test_fact_ids_are_stable_and_unlike_numbers(sources: Path) -> None:
    e = _extraction(sources)
    ids = fact_ids(e.source.sha256, e.facts)
    assert ids == fact_ids(e.source.sha256, _extraction(sources).facts)
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("F") and i[1:].isalnum() for i in ids)
    twice = fact_ids(e.source.sha256, [e.facts[0], e.facts[0]])
    assert twice[1] == twice[0] + "-2"
    assert fact_ids("other", e.facts[:1]) != ids[:1]


def test_commands_say_what_they_applied(sources: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    e = _extraction(sources)
    db = tmp_path / "r.db"
    args = [str(sources / "thuong-tin-2019.txt"), "--db", str(db)]
    result = runner.invoke(main, ["check", *args])
    assert result.exit_code == 0 and "quyết định" not in result.output  # no review database: nothing said
    store = ReviewStore(db)
    store.sync([e])
    store.record([_decision(e, 0, "reject")], "lan")
    store.close()
    for command in (["check"], ["facts", "export", "-o", str(tmp_path / "f.csv")]):
        result = runner.invoke(main, [*command, *args])
        assert result.exit_code == 0, result.output
        assert "áp dụng 1 quyết định của người rà soát" in result.stdout.splitlines()
    Path(e.source.path).write_text(e.source.text + "\nSửa.\n", encoding="utf-8")
    result = runner.invoke(main, ["check", *args])
    assert "áp dụng 0 quyết định của người rà soát; 1 không còn khớp nguồn" in result.stdout.splitlines()
    assert "nguồn đã thay đổi" in result.output


def test_store_survives_concurrent_readers(sources: Path, tmp_path: Path) -> None:
    # WAL: a second connection reads while the first holds decisions (the app and a build at once)
    e = _extraction(sources)
    store = ReviewStore(tmp_path / "r.db")
    store.sync([e])
    store.record([_decision(e, 0, "accept")], "lan")
    other = sqlite3.connect(tmp_path / "r.db")
    assert other.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1
    other.close()
    assert replace(store.current()[0], id=None, created_at="").action == "accept"
