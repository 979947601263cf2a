"""The extractor's scores on the annotated sets stay at the level reached (a regression guard).

The sets: the seeds (in the repository), `tests/proxy/` (24 articles written for this purpose without
looking at the rules), and `../shared/corpus/` when it is beside the repository.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.evaluate import evaluate

REPO = Path(__file__).resolve().parent.parent
SETS = [REPO / "seeds", REPO / "tests" / "proxy", REPO.parent / "shared" / "corpus"]


@pytest.mark.parametrize("folder", [s for s in SETS if s.is_dir()], ids=lambda p: p.name)
def test_scores(folder: Path) -> None:
    report = evaluate([folder])
    assert report.articles
    assert report.overall.precision >= 0.95, report.overall
    assert report.overall.recall >= 0.90, report.overall
    assert all(a.unit_ok for a in report.articles), [a.path for a in report.articles if not a.unit_ok]
    assert all(a.province_ok is not False for a in report.articles)
    assert all(a.published_ok is not False for a in report.articles)
