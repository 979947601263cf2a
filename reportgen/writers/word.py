"""PDF of a document filled from a Word template: its DOCX converted by LibreOffice headless.

`write_pdf_from_docx` converts one document (one LibreOffice run, the process's profile);
`convert_documents` converts a batch in one run, as a build does in each of its workers.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Sequence

from reportgen import office
from reportgen.model import Rendered

__all__ = ["write_pdf_from_docx", "convert_documents"]


def convert_documents(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """Convert each (DOCX file, PDF file) in one LibreOffice run: each PDF with None, or with
    why it could not be made (one line). Each PDF is renamed into place when complete."""
    if not pairs:
        return []
    folder = Path(pairs[0][1]).parent
    with tempfile.TemporaryDirectory(prefix=".reportgen-pdf-", suffix=".tmp", dir=folder) as work:
        try:
            done = office.convert_many([Path(d) for d, _ in pairs], "pdf", Path(work))
        except office.OfficeError as err:
            return [(pdf, str(err)) for _, pdf in pairs]
        out: list[tuple[str, str | None]] = []
        for docx, pdf in pairs:
            result = done.get(Path(docx))
            if isinstance(result, Path):
                os.replace(result, pdf)
                out.append((pdf, None))
            else:
                out.append((pdf, str(result or "LibreOffice made no PDF")))
        return out


def write_pdf_from_docx(rendered: Rendered, path: Path) -> None:
    """Write the PDF of a filled Word template at `path` (OfficeError when it cannot be made)."""
    assert rendered.docx is not None
    with tempfile.TemporaryDirectory(prefix=".reportgen-pdf-", suffix=".tmp",
                                     dir=Path(path).parent) as work:
        docx = Path(work) / "document.docx"
        docx.write_bytes(rendered.docx)
        ((_, error),) = convert_documents([(str(docx), str(path))])
    if error is not None:
        raise office.OfficeError(error)
