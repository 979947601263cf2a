"""The DOCX documents open in LibreOffice: `libreoffice --headless --convert-to pdf` succeeds.

Skipped with a message where LibreOffice is absent; `scripts/install.sh` installs it, so CI runs it.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from reportgen.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_docx_documents_open_in_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS / "tan-hong-2022.txt"), str(SEEDS / "vinh-tuong-2022.txt"),
                                       "-o", str(out), "--format", "docx"])
    assert result.exit_code == 0, result.output
    documents = sorted(out.glob("*.docx"))
    assert len(documents) == 3  # two units of 2022 and their comparison
    converted = tmp_path / "converted"
    run = subprocess.run([OFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--convert-to", "pdf", "--outdir", str(converted), *map(str, documents)],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    for doc in documents:
        pdf = converted / (doc.stem + ".pdf")
        assert pdf.is_file(), (doc.name, run.stdout, run.stderr)
        text = " ".join(page.extract_text() or "" for page in pypdf.PdfReader(str(pdf)).pages)
        assert "BÁO CÁO" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
