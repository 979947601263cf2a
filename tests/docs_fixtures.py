"""Shared helpers for the document tests: Extractions built from the seeds' gold JSON.

They do not depend on the extractor: the gold facts of `seeds/*.json` are turned into `Fact`s
with evidence offsets found in the seed text, so the documents can be tested on their own.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reportgen.config import Config
from reportgen.model import Evidence, Extraction, Fact, Source, Unit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: Article titles of the seeds (the gold JSON does not carry them).
TITLES = {
    "kien-tuong-2020": "Thị xã Kiến Tường: Đảng bộ nhiều năm liền hoàn thành xuất sắc nhiệm vụ",
    "tan-hong-2022": "Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và "
                     "chất lượng đội ngũ đảng viên",
    "thanh-tri-2018": "Huyện Thanh Trì tổng kết 10 năm thực hiện NQ TW6",
    "thuong-tin-2019": "Thường Tín chú trọng công tác xây dựng Đảng",
    "vinh-tuong-2022": "Vĩnh Tường: Triển khai có hiệu quả các chỉ thị, nghị quyết về công tác "
                       "xây dựng, chỉnh đốn Đảng, xây dựng hệ thống chính trị",
}

#: A pinned configuration: golden documents must not depend on today's date.
TEST_CONFIG = Config(date=date(2024, 12, 15), signer_name="Nguyễn Văn An")


def seed_names() -> list[str]:
    """Stems of the seed articles, sorted."""
    return sorted(p.stem for p in SEEDS.glob("*.json"))


def _evidence(text: str, quote: str | None) -> Evidence | None:
    if not quote:
        return None
    start = text.find(quote)
    if start < 0:
        # The gold quote may differ from the text in spaces only (no-break spaces).
        pattern = r"\s+".join(re.escape(part) for part in quote.split())
        match = re.search(pattern, text)
        if match is None:
            return None
        return Evidence(match.group(0), match.start(), match.end())
    return Evidence(quote, start, start + len(quote))


def load_seed(stem: str, path: str | None = None) -> Extraction:
    """The Extraction of one seed, from its gold JSON and its text."""
    gold = json.loads((SEEDS / f"{stem}.json").read_text(encoding="utf-8"))
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    source = Source(path=path or f"seeds/{stem}.txt", text=text)
    facts = tuple(
        Fact(metric=f["metric"], value=f["value"], qualifier=f.get("qualifier", "exact"),
             year=f.get("year"), evidence=_evidence(text, f.get("evidence")),
             derived=bool(f.get("derived", False)))
        for f in gold["facts"])
    unit = Unit(**gold["unit"]) if gold.get("unit") else None
    published = date.fromisoformat(gold["published"]) if gold.get("published") else None
    return Extraction(source=source, title=TITLES.get(stem), published=published, unit=unit,
                      report_year=gold.get("report_year"), facts=facts)


def load_seeds() -> list[Extraction]:
    """All seed Extractions, sorted by file name."""
    return [load_seed(stem) for stem in seed_names()]


def second_article(extraction: Extraction, extra: Fact) -> Extraction:
    """Another article on the same unit: the same facts again plus `extra` (for merge tests)."""
    source = replace(extraction.source, path=extraction.source.path.replace(".txt", "-b.txt"))
    return replace(extraction, source=source, title=(extraction.title or "") + " (tiếp)",
                   facts=extraction.facts + (extra,))


def words(text: str) -> list[str]:
    """NFC-normalised word sequence of a text (whitespace collapsed)."""
    return unicodedata.normalize("NFC", text).split()


def docx_text(path: Path) -> str:
    """All paragraph text of a DOCX body in document order, tables cell by cell."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[str] = []

    def walk(parent: object) -> None:
        for child in parent.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(child, Paragraph):
                out.append(child.text)
            elif isinstance(child, Table):
                seen: list[object] = []  # merged cells repeat: visit each <w:tc> once
                for row in child.rows:
                    for cell in row.cells:
                        if any(cell._tc is tc for tc in seen):
                            continue
                        seen.append(cell._tc)
                        walk(cell)

    walk(document)
    return "\n".join(out)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (pypdf), NFC."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [unicodedata.normalize("NFC", page.extract_text() or "") for page in reader.pages]


def pdf_body_text(path: Path) -> str:
    """PDF text without the page numbers WeasyPrint prints in the top margin of pages 2+."""
    pages = pdf_pages(path)
    out = []
    for i, page in enumerate(pages):
        lines = page.splitlines()
        if i > 0:  # the number is a line of its own, first or last
            for end in (-1, 0):
                if lines and lines[end].strip() == str(i + 1):
                    lines.pop(end)
                    break
        out.append("\n".join(lines))
    return "\n".join(out)


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of `pdffonts`: name, type and the emb column."""
    output = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()
    rows = []
    for line in output[2:]:
        parts = line.split()
        # name type [encoding...] emb sub uni object ID: the yes/no columns are from the end.
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


def _serif_installed() -> bool:
    """Whether fontconfig has a Times-metric serif (the fonts the PDF layout is made for)."""
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    return any(name in out for name in ("Liberation Serif", "Times New Roman", "Tinos"))


#: For tests that read fonts in PDFs: they need poppler-utils' pdffonts.
requires_pdffonts = pytest.mark.skipif(shutil.which("pdffonts") is None,
                                       reason="pdffonts is not installed (apt-get install poppler-utils)")
#: For tests whose PDFs must be laid out in the official serif: line breaks depend on its metrics.
requires_serif = pytest.mark.skipif(not _serif_installed(), reason="no Times-compatible serif font "
                                    "(apt-get install fonts-liberation2)")
