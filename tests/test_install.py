"""The README's set-up commands on a machine whose Python refuses pip, as current Debian and Ubuntu do.

PEP 668 is simulated with a real marker: a Python environment that pip takes for the system one
(its prefixes made equal at start-up) with an `EXTERNALLY-MANAGED` file in its standard library
folder, so pip itself refuses to install there. That Python is first on the PATH as `python3`;
`scripts/install.sh` must then install into a virtual environment, and the README's commands must
work from a copy of the project. The packages come from pip's index and cache as in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux" or shutil.which("bash") is None,
                                reason="scripts/install.sh is for Debian/Ubuntu")


def _readme_commands() -> list[str]:
    """The two set-up commands of the README, in order (build, then tests)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(bash scripts/install\.sh && [^\n]+)\n```", text)[:2]


def _copy_project(dest: Path) -> Path:
    """The files of a clean checkout, copied to `dest`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=False)
    names = [n for n in listed.stdout.decode().split("\0") if n] if listed.returncode == 0 else []
    if not names:
        shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".git", ".venv", "output", "*.egg-info",
                                                                  "__pycache__", "reportgen.db*"))
        return dest
    for name in names:
        if (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)
    return dest


def _externally_managed_python(root: Path) -> Path:
    """A `bin` folder whose python3 pip treats as an externally managed system Python."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(root)], check=True, capture_output=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    lib = root / "lib" / version
    # Equal prefixes: pip's "running under a virtualenv" test fails and sysconfig's stdlib is `lib`.
    (lib / "site-packages" / "_system_python.pth").write_text(
        "import sys; sys.base_prefix = sys.prefix; sys.base_exec_prefix = sys.exec_prefix\n", encoding="utf-8")
    (lib / "EXTERNALLY-MANAGED").write_text(
        "[externally-managed]\nError=To install Python packages system-wide, try apt install python3-xyz.\n",
        encoding="utf-8")
    return root / "bin"


def _env(bin_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONNOUSERSITE"}}
    outer = str(Path(sys.executable).parent)
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != outer]
    env["PATH"] = os.pathsep.join([str(bin_dir), *path])
    env.update(extra)
    return env


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=1800, check=False)


@pytest.fixture(scope="module")
def system_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bin_dir = _externally_managed_python(tmp_path_factory.mktemp("system"))
    refused = subprocess.run([str(bin_dir / "python3"), "-m", "pip", "install", "--no-index", "reportgen"],
                             env=_env(bin_dir), capture_output=True, text=True, check=False)
    # The simulation itself: pip refuses the "system" Python for PEP 668, not for another reason.
    assert refused.returncode != 0 and "externally-managed-environment" in refused.stdout + refused.stderr
    assert sysconfig.get_path("stdlib") != str(bin_dir.parent / "lib")
    return bin_dir


def test_readme_has_the_two_commands() -> None:
    build, tests = _readme_commands()
    assert build.endswith("reportgen build") and "pytest" in tests


def test_the_readme_commands_work_where_pip_refuses_the_system_python(
        system_python: Path, tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    build, tests = _readme_commands()
    env = _env(system_python)

    done = _run(build, project, env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    venv_python = project / ".venv" / "bin" / "python"
    prefix = subprocess.run([str(venv_python), "-c", "import sys, reportgen; print(sys.prefix, reportgen.__file__)"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert Path(prefix[0]).resolve() == (project / ".venv").resolve()
    assert Path(prefix[1]).resolve().is_relative_to(project.resolve())  # editable: this copy's code
    documents = {p.suffix for p in (project / "output").iterdir() if p.is_file()}
    assert {".docx", ".pdf"} <= documents
    assert len(list((project / "output").glob("*.pdf"))) >= 6  # five units and the comparison

    # The test command, on a quick part of the suite (the whole suite is what runs this test),
    # and every test module at least collected in the new environment.
    quick = tests.replace("-m pytest", "-m pytest -p no:cacheprovider tests/test_layout.py")
    done = _run(quick, project, env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"\d+ passed", done.stdout)
    collected = _run(tests.replace("-m pytest", "-m pytest -p no:cacheprovider --collect-only"), project, env)
    assert collected.returncode == 0, collected.stdout[-3000:]
    assert "error" not in collected.stdout.lower().split("\n")[-2]


def test_install_uses_the_active_virtual_environment(system_python: Path, tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    active = tmp_path / "active"
    subprocess.run([str(system_python / "python3"), "-m", "venv", str(active)], env=_env(system_python),
                   check=True, capture_output=True)
    env = _env(active / "bin", VIRTUAL_ENV=str(active))
    env["PATH"] = os.pathsep.join([str(active / "bin"), env["PATH"]])

    done = _run("bash scripts/install.sh", project, env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert (project / ".venv").resolve() == active.resolve()  # so the README's .venv/bin/... works
    version = _run(".venv/bin/reportgen --version", project, env)
    assert version.returncode == 0 and "reportgen" in version.stdout.lower()
