"""Shared pytest options."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden/ instead of comparing")


@pytest.fixture(autouse=True)
def _messages_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the default language of the messages, whatever the machine's locale."""
    from reportgen import i18n

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # UTF-8 file names for the subprocesses; names no language
    i18n.set_language(None)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are to be rewritten (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    """A scratch folder holding a copy of the seed articles (safe to modify)."""
    folder = tmp_path / "src"
    folder.mkdir()
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    return folder
