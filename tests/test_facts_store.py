"""Facts store (incremental extraction), CSV/XLSX export round trip, and corrections."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.config import load_config
from reportgen.pipeline import build, prepare
from reportgen.store.corrections import CorrectionsError, apply_corrections, load_corrections
from reportgen.store.export import read_facts
from reportgen.store.facts import FactStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_second_build_reextracts_nothing(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = load_config(cwd=tmp_path)
    first = FactStore.under(out)
    build([str(sources)], out, config, formats=("docx",), kind="so-sanh", store=first)
    assert first.misses == 5 and first.hits == 0
    second = FactStore.under(out)
    build([str(sources)], out, config, formats=("docx",), kind="so-sanh", store=second)
    assert second.extracted == [] and second.hits == 5
    touched = sources / "tan-hong-2022.txt"
    touched.write_text(touched.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    third = FactStore.under(out)
    build([str(sources)], out, config, formats=("docx",), kind="so-sanh", store=third)
    assert third.extracted == [str(touched)]


def test_cached_extraction_equals_fresh(sources: Path, tmp_path: Path) -> None:
    store = FactStore(tmp_path / "facts")
    path = str(sources / "thuong-tin-2019.txt")
    fresh = store.load(path)
    cached = FactStore(tmp_path / "facts").load(path)
    assert cached == fresh


# The spreadsheet export and its round trip: tests/test_review_sheets.py.


def _decision(source: str, sha: str, **kw) -> dict:
    return {"source": source, "sha256": sha, **kw}


def test_corrections_reject_correct_and_stale(sources: Path, tmp_path: Path) -> None:
    path = str(sources / "tan-hong-2022.txt")
    [e], _, _ = prepare([path])
    sha = e.source.sha256
    file = tmp_path / "corrections.yaml"
    file.write_text(json.dumps({"corrections": [
        _decision(path, sha, metric="members_total", value=3328, year=2022, action="reject"),
        _decision(path, sha, metric="members_admitted", value=104, year=2022, action="correct",
                  corrected_value=105, note="theo báo cáo"),
        _decision(path, sha, metric="members_female", value=1, year=2022, action="reject"),
    ]}), encoding="utf-8")
    decisions = load_corrections(file)
    [fixed], findings = apply_corrections([e], decisions)
    values = {(f.metric, f.value): f for f in fixed.facts}
    assert ("members_total", 3328) not in values
    assert values[("members_admitted", 105)].corrected
    # the document says the figure was corrected and why, not the figure the source gives
    note = values[("members_admitted", 105)].note
    assert "hiệu chỉnh" in note and "theo báo cáo" in note and "104" not in note
    assert [f.code for f in findings] == ["correction-unmatched"]
    # the source changes: nothing is applied, and that is said
    Path(path).write_text(Path(path).read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
    [changed], _, _ = prepare([path])
    [same], findings = apply_corrections([changed], decisions)
    assert same.facts == changed.facts
    assert {f.code for f in findings} == {"correction-stale"}


def test_bad_corrections_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "corrections.yaml"
    bad.write_text("corrections:\n  - source: a.txt\n    metric: nope\n    value: 1\n    action: reject\n",
                   encoding="utf-8")
    with pytest.raises(CorrectionsError) as err:
        load_corrections(bad)
    assert "chỉ tiêu 'nope' không tồn tại" in str(err.value) and "\n" not in str(err.value)
    result = CliRunner().invoke(main, ["check", str(SEEDS), "--corrections", str(bad)])
    assert result.exit_code == 2 and "không tồn tại" in result.output


def test_facts_export_command(tmp_path: Path) -> None:
    target = tmp_path / "f.xlsx"
    result = CliRunner().invoke(main, ["facts", "export", str(SEEDS), "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert len(read_facts(target)) > 40


def test_sources_extracted_by_workers_are_the_same_and_cached(tmp_path: Path) -> None:
    from reportgen.build.workers import WorkerPool
    from reportgen.readers import ReadError

    src = tmp_path / "src"
    src.mkdir()
    paths = []
    for i in range(60):  # enough for several batches
        seed = sorted(SEEDS.glob("*.txt"))[i % 5]
        target = src / f"{i:02d}-{seed.name}"
        target.write_text(seed.read_text(encoding="utf-8") + f"\n\n(bản {i})\n", encoding="utf-8")
        paths.append(str(target))
    (src / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    paths.insert(7, str(src / "bad.txt"))
    store = FactStore(tmp_path / "store")
    with WorkerPool(2) as pool:
        results = store.load_many(paths, pool.submit)
    assert isinstance(results[7], ReadError) and results[7].path == paths[7]
    alone = FactStore(None)
    for path, result in zip(paths, results):
        if path != paths[7]:
            assert result == alone.load(path)
    assert store.misses == 60 and store.hits == 0
    again = FactStore(tmp_path / "store")
    assert again.load_many(paths)[8] == results[8] and again.hits == 60 and again.misses == 0
