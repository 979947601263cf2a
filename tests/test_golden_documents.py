"""Golden documents: DOCX structure and PDF text per page of one summary and the comparison.

Run `pytest tests/test_golden_documents.py --update-golden` after an intended change of the
templates or writers, and review the diff of tests/golden/*.json.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import docx
import pytest
from docs_fixtures import GOLDEN, TEST_CONFIG, load_seeds, pdf_pages, requires_serif
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from reportgen.build import write
from reportgen.contexts import plan
from reportgen.render import render

GOLDEN_SLUGS = ("huyen-thuong-tin-2019", "so-sanh-2022-2-don-vi")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _blocks(parent: Any) -> list[Any]:
    out: list[Any] = []
    for child in parent.iter_inner_content():
        if isinstance(child, Paragraph):
            out.append({"style": child.style.name, "text": _nfc(child.text)})
        elif isinstance(child, Table):
            out.append(_table(child))
    return out


def _table(table: Table) -> dict[str, Any]:
    """Rows of cells: text (paragraphs joined by " / "), paragraph styles, spans."""
    styles = {st.style_id: st.name for st in table.part.document.styles}
    rows = []
    for row in table.rows:
        cells = []
        for tc in row._tr.tc_lst:
            paragraphs = list(tc.iterchildren(qn("w:p")))
            texts = [_nfc("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in paragraphs]
            ids = [p.pPr.style if p.pPr is not None and p.pPr.style else "Normal"
                   for p in paragraphs]
            cell: dict[str, Any] = {
                "text": " / ".join(t for t in texts if t),
                "style": " / ".join(dict.fromkeys(styles.get(i, i) for i in ids)),
            }
            if tc.grid_span != 1:
                cell["span"] = tc.grid_span
            if tc.vMerge is not None:
                cell["vmerge"] = tc.vMerge
            cells.append(cell)
        rows.append(cells)
    return {"table": table.style.name if table.style is not None else None, "rows": rows}


def docx_structure(path: Path) -> dict[str, Any]:
    """Styles, body blocks (paragraph text + style, tables) and section geometry of a DOCX."""
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    section = document.sections[0]
    used = sorted({p.style.name for p in document.paragraphs})
    return {
        "normal": {"font": normal.font.name, "size_pt": normal.font.size.pt,
                   "line_spacing": normal.paragraph_format.line_spacing},
        "styles_used": used,
        "section": {name: round(getattr(section, name).mm, 1) for name in (
            "page_width", "page_height", "top_margin", "bottom_margin", "left_margin",
            "right_margin")},
        "different_first_page": section.different_first_page_header_footer,
        "header": _nfc(section.header.paragraphs[0].text),
        "body": _blocks(document),
    }


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("golden")
    out = {}
    for job in plan(load_seeds(), TEST_CONFIG):
        if job.slug in GOLDEN_SLUGS:
            rendered = render(job, TEST_CONFIG)
            docx_path = write(rendered, "docx", folder / f"{job.slug}.docx")
            pdf_path = write(rendered, "pdf", folder / f"{job.slug}.pdf")
            out[job.slug] = {
                "docx": docx_structure(docx_path),
                "pdf_pages": [[_nfc(line) for line in page.splitlines() if line.strip()]
                              for page in pdf_pages(pdf_path)],
            }
    return out


@pytest.mark.parametrize("slug", GOLDEN_SLUGS)
@pytest.mark.parametrize("part", ("docx", pytest.param("pdf_pages", marks=requires_serif)))
def test_golden(documents: dict[str, dict[str, Any]], slug: str, part: str,
                update_golden: bool) -> None:
    path = GOLDEN / f"{slug}.{part.replace('_', '-')}.json"
    actual = documents[slug][part]
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        if update_golden:
            return
        pytest.fail(f"golden file {path.name} was missing and has been written; rerun")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"{path.name} differs; run pytest --update-golden to accept"
