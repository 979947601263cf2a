"""Builds under faults (issue 18): signals, kill -9, truncated outputs, damaged manifests and
caches, two builds into one folder, read-only or full output folders, runaway sources."""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build import fileio
from reportgen.build.batch import MANIFEST
from reportgen.cli import main
from reportgen.store import facts as facts_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (from /proc/*/task/*/children)."""
    out: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").glob("*/children"))
        except OSError:
            continue  # the process ended while the tree was read
        for children in tasks:
            try:
                found = {int(c) for c in children.read_text().split()}
            except OSError:
                continue
            todo.extend(found - out)
            out |= found
    return out


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return {p for p in pids if alive(p)}


def start_build(out: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "reportgen", "build", str(SEEDS), "-o", str(out), "-j", "2",
                             *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_workers(process: subprocess.Popen[str], out: Path, first_document: bool) -> set[int]:
    """The build's worker processes, once they run (and, if asked, once a document is written)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        workers = descendants(process.pid)
        ready = len(workers) >= 2 and (not first_document or list(out.glob("*.docx")) + list(out.glob("*.pdf")))
        if ready:
            return workers
        time.sleep(0.05)
    pytest.fail(f"the build did not start its workers: {process.communicate()}")


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_build_cleanly_and_the_next_build_completes(tmp_path: Path, signum: int,
                                                                      status: int) -> None:
    out = tmp_path / "out"
    process = start_build(out)
    workers = wait_for_workers(process, out, first_document=True)
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    lines = [line for line in err.splitlines() if line.strip() and "warning" not in line]
    assert len(lines) == 1 and lines[0].startswith("reportgen: lỗi: "), err
    assert "Traceback" not in err
    assert wait_gone(workers, 10) == set(), "workers left running"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for path, record in manifest.items():  # every recorded output is there, as recorded
        assert Path(path).stat().st_size == record["output"]["size"]
    code, stdout, err = cli("build", str(SEEDS), "-o", str(out), "-j", "1")
    assert code == 0, err
    assert len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) == 9


def test_workers_exit_on_their_own_when_the_build_is_killed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = start_build(out)
    workers = wait_for_workers(process, out, first_document=False)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert wait_gone(workers, 15) == set(), "workers (or the resource tracker) outlived the build"
    code, _, err = cli("build", str(SEEDS), "-o", str(out), "-j", "1", "--format", "docx")
    assert code == 0, err
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    code, _, err = cli("build", str(SEEDS), "-o", str(out), "-j", "1", "--format", "docx")
    assert code == 0, err
    return out


def test_a_truncated_output_is_rebuilt_and_only_it(built: Path) -> None:
    victim = built / "huyen-thuong-tin-2019.docx"
    whole = victim.read_bytes()
    victim.write_bytes(whole[: len(whole) // 2])
    code, stdout, err = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")
    assert code == 0, err
    assert [line for line in stdout.splitlines() if line.startswith("Đã ghi ")] == [f"Đã ghi {victim}"]
    assert victim.read_bytes() == whole
    # Same size, other bytes: the hash finds it.
    victim.write_bytes(whole[:100] + bytes(len(whole) - 100))
    stdout = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")[1]
    assert [line for line in stdout.splitlines() if line.startswith("Đã ghi ")] == [f"Đã ghi {victim}"]
    victim.unlink()
    stdout = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")[1]
    assert [line for line in stdout.splitlines() if line.startswith("Đã ghi ")] == [f"Đã ghi {victim}"]
    stdout = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")[1]
    assert "đã tạo 0 văn bản, 9 không thay đổi" in stdout


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b'{"a": 3}', b"\xff\xfe" * 100, b""])
def test_a_damaged_manifest_is_discarded_with_one_warning(built: Path, damage: bytes) -> None:
    (built / MANIFEST).write_bytes(damage)
    code, stdout, err = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "manifest" in line]
    assert warnings == [f"reportgen: cảnh báo: {built / MANIFEST}: bỏ tệp kê khai bị hỏng; "
                        "mọi văn bản sẽ được tạo lại"]
    assert "đã tạo 9 văn bản" in stdout
    assert "đã tạo 0 văn bản, 9 không thay đổi" in cli("build", str(SEEDS), "-o", str(built), "-j", "1",
                                                   "--format", "docx")[1]


def test_a_damaged_facts_cache_entry_is_discarded_with_one_warning(built: Path) -> None:
    entries = sorted((built / facts_store.STORE_DIR).glob("*.json"))
    assert len(entries) == 5
    entries[0].write_text('{"version": "x", "source": ', encoding="utf-8")
    code, stdout, err = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "cache" in line]
    assert line.startswith(f"reportgen: cảnh báo: {entries[0]}: bỏ mục đệm số liệu bị hỏng của ")
    assert json.loads(entries[0].read_text(encoding="utf-8"))["source"]  # rewritten whole


def test_a_second_build_into_the_same_folder_exits_with_one_line(built: Path) -> None:
    with fileio.lock_folder(built):  # as another build would hold it
        code, stdout, err = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx")
    assert code == 1 and stdout == ""
    assert err == (f"reportgen: lỗi: {built}: một lần chạy build khác (tiến trình {os.getpid()}) đang ghi "
                   "vào thư mục này; hãy chờ (--wait) hoặc dùng -o khác\n")
    assert cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx", "--wait")[0] == 0


def test_two_builds_into_one_folder_at_once_do_not_collide(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first, second = start_build(out, "--wait", "--format", "docx"), start_build(out, "--wait", "--format", "docx")
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert len(list(out.glob("*.docx"))) == 9 and not list(out.rglob("*.tmp"))


@pytest.mark.parametrize("code_", [errno.EROFS, errno.ENOSPC])
def test_a_read_only_or_full_output_folder_is_one_line_and_no_partial_file(tmp_path: Path, built: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          code_: int) -> None:
    real = fileio.atomic_write

    def failing(path: Path, write):  # type: ignore[no-untyped-def]
        def half(tmp: Path) -> None:
            tmp.write_bytes(b"partial")
            raise OSError(code_, os.strerror(code_))
        return real(path, half)

    monkeypatch.setattr(fileio, "atomic_write", failing)
    code, stdout, err = cli("build", str(SEEDS), "-o", str(built), "-j", "1", "--format", "docx", "--force")
    assert code == 1
    assert err.splitlines() == [f"reportgen: lỗi: {built}: không ghi được ({os.strerror(code_)}); "
                                "không để lại tệp dở dang nào"]
    assert not list(built.rglob("*.tmp"))


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, stdout, err = cli("build", str(SEEDS), "-o", str(blocker / "out"), "-j", "1")
    assert code == 1 and err.count("\n") == 1 and err.startswith(f"reportgen: lỗi: {blocker / 'out'}: không "
                                                                 f"ghi được")


def test_a_runaway_source_is_one_line_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("vinh-tuong-2022.txt", "tan-hong-2022.txt"):
        shutil.copy(SEEDS / name, src / name)
    (src / "runaway.txt").write_text("Huyện ủy Thường Tín: RUNAWAY", encoding="utf-8")
    real = facts_store.extract

    def slow(source, *rest):  # type: ignore[no-untyped-def]
        while "RUNAWAY" in source.text:  # a superlinear path that never ends, in pure Python
            pass
        return real(source, *rest)

    monkeypatch.setattr(facts_store, "extract", slow)
    (tmp_path / "reportgen.toml").write_text("[limits]\nsource_seconds = 1\n", encoding="utf-8")
    start = time.monotonic()
    code, stdout, err = cli("build", str(src), "-o", str(tmp_path / "out"), "-j", "1", "--format", "docx",
                            "--config", str(tmp_path / "reportgen.toml"))
    assert time.monotonic() - start < 60
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("reportgen: ")] == [
        f"reportgen: lỗi: {src / 'runaway.txt'}: trích xuất bị lỗi: đã dừng sau 1 giây "
                                "(giới hạn là [limits] source_seconds trong reportgen.toml)"]
    assert "2 đơn vị từ 2 nguồn: " in stdout and "; đã tạo 3 văn bản" in stdout


def test_a_year_or_kind_that_matches_nothing_exits_1_listing_what_exists(tmp_path: Path) -> None:
    code, stdout, err = cli("build", str(SEEDS), "-o", str(tmp_path / "out"), "--year", "2031", "-j", "1")
    assert code == 1 and stdout == ""
    (line,) = err.splitlines()
    assert line.startswith("reportgen: lỗi: không có văn bản nào cho --year 2031: các nguồn có số liệu các "
                           "năm ")
    assert "2019" in line and "2022" in line
    code, _, err = cli("build", str(SEEDS / "thanh-tri-2018.txt"), "-o", str(tmp_path / "out"), "--kind", "danh-gia",
                       "-j", "1")
    assert code == 1 and err.count("\n") == 1
    assert "không có văn bản nào cho --kind danh-gia" in err and "các loại báo cáo có văn bản: tom-tat" in err
