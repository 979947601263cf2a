"""Batch builds: incremental (manifest), parallel workers, interruption, one bad source among many."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.config import load_config
from reportgen.pipeline import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _valid(path: Path) -> bool:
    if path.suffix == ".pdf":
        return len(pypdf.PdfReader(str(path)).pages) > 0
    with zipfile.ZipFile(path) as z:
        return "word/document.xml" in z.namelist()


def test_nothing_changed_builds_nothing_and_one_source_rebuilds_its_unit(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = load_config(cwd=tmp_path)
    first = build([str(sources)], out, config, ("docx",))
    assert len(first.written) == 9 and not first.failures
    second = build([str(sources)], out, config, ("docx",))
    assert second.written == () and len(second.unchanged) == 9
    touched = sources / "vinh-tuong-2022.txt"
    touched.write_text(touched.read_text(encoding="utf-8").replace("trên 9.600", "trên 9.700"), encoding="utf-8")
    third = build([str(sources)], out, config, ("docx",))
    assert sorted(Path(p).name for p in third.written) == ["huyen-vinh-tuong-2022.docx", "so-sanh-2022-2-don-vi.docx"]
    forced = build([str(sources)], out, config, ("docx",), force=True)
    assert len(forced.written) == 9


def test_parallel_workers_build_everything(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build([str(sources)], out, load_config(cwd=tmp_path), ("docx", "pdf"), workers=2)
    assert not result.failures and len(result.written) == 18
    assert all(_valid(Path(p)) for p in result.written)


def test_corrupt_source_among_many(sources: Path, tmp_path: Path) -> None:
    (sources / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(main, ["build", str(sources), "-o", str(tmp_path / "out"), "--format", "docx",
                                       "-j", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("reportgen: lỗi:")]
    assert len(errors) == 1 and "broken.docx" in errors[0]
    assert "đã tạo 9 văn bản" in result.stdout


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_killed_worker_leaves_no_partial_output_and_a_rerun_completes(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for i in range(3):  # more units, so that the build is still running when a worker dies
        for p in SEEDS.glob("*.txt"):
            text = p.read_text(encoding="utf-8")
            (sources / f"{p.stem}-{i}.txt").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "reportgen", "build", str(sources), "-o", str(out), "-j", "2",
               "--format", "pdf"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = False
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        workers = [c for c in _children(process.pid) if c != process.pid]
        documents = list(out.glob("*.pdf")) if out.is_dir() else []
        if len(workers) >= 2 and documents and not killed:
            os.kill(workers[-1], signal.SIGKILL)
            killed = True
        time.sleep(0.05)
    stdout, stderr = process.communicate(timeout=120)
    assert killed, "the build finished before a worker could be killed"
    assert process.returncode == 1, stdout + stderr
    assert "Traceback" not in stderr
    assert not list(out.glob(".*.tmp")), "temporary files left behind"
    assert all(_valid(p) for p in out.glob("*.pdf")), "a partial document was left"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "0 bị lỗi" in rerun.stdout
    assert len(list(out.glob("*.pdf"))) == 9
