"""A comparison of many units: tables and sources in appendices, numbered on their own, laid out
in parallel parts and joined; the same document whatever the number of workers."""
from __future__ import annotations

import dataclasses
import importlib.util
import random
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from pypdf import PdfReader

from reportgen.cli import main
from reportgen.model import Rendered
from reportgen.vietnamese.collation import vi_key
from reportgen.writers import pdf

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4


def _synth() -> object:
    """bench/synth.py, the generator of plausible articles on real units."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules.setdefault("synth", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """29 real units with figures of one year (2022): more than a comparison keeps in its body."""
    folder = tmp_path_factory.mktemp("many") / "src"
    folder.mkdir()
    synth = _synth()
    rng = random.Random(29)
    for unit in synth.units(29):  # type: ignore[attr-defined]
        unit = dataclasses.replace(unit, year=2022)
        (folder / f"{unit.slug}.txt").write_text(synth.article(unit, rng), encoding="utf-8")  # type: ignore[attr-defined]
    return folder


@pytest.fixture(scope="module")
def built(many: Path) -> dict[int, Path]:
    out = {}
    for jobs in (1, 2):
        target = many.parent / f"out{jobs}"
        result = CliRunner().invoke(main, ["build", str(many), "-o", str(target), "--kind", "so-sanh",
                                           "-j", str(jobs)])
        assert result.exit_code == 0, result.output
        out[jobs] = target
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _top_text(page: object) -> str:
    """Text printed in the top margin of a page (where the page number goes)."""
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    found: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's origin on the page
        if text.strip() and y > height - 20 * MM:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return " ".join(found)


def test_parts_written_in_parallel_make_the_same_document(built: dict[int, Path]) -> None:
    serial = PdfReader(next(built[1].glob("so-sanh-*.pdf")))
    parallel = PdfReader(next(built[2].glob("so-sanh-*.pdf")))
    assert [_nfc(p.extract_text()) for p in serial.pages] == [_nfc(p.extract_text()) for p in parallel.pages]
    assert parallel.metadata.title == serial.metadata.title
    assert "so sánh" in parallel.metadata.title.lower()
    assert not list(built[2].glob(".*.tmp")), "part files left behind"


def test_appendices_are_numbered_on_their_own(built: dict[int, Path]) -> None:
    reader = PdfReader(next(built[2].glob("so-sanh-*.pdf")))
    texts = [_nfc(p.extract_text()) for p in reader.pages]
    starts = [i for i, t in enumerate(texts) if t.lstrip().startswith("Phụ lục ")]
    assert [texts[i].split()[2] for i in starts] == ["I", "II", "III"]
    body_numbers = [_top_text(reader.pages[i]) for i in range(starts[0])]
    assert body_numbers[0] == "" and body_numbers[1:] == [str(n) for n in range(2, starts[0] + 1)]
    ends = starts[1:] + [len(texts)]
    for start, end in zip(starts, ends):
        numbers = [_top_text(reader.pages[i]) for i in range(start, end)]
        assert numbers == [""] + [str(n) for n in range(2, end - start + 1)], numbers


def test_appendix_tables_hold_every_unit_by_province(built: dict[int, Path], many: Path) -> None:
    document = docx.Document(str(next(built[2].glob("so-sanh-*.docx"))))
    sections = document.sections
    assert len(sections) == 4
    for section in sections[1:]:
        number = section._sectPr.find(qn("w:pgNumType"))
        assert number is not None and number.get(qn("w:start")) == "1"
    titles = [p.text for p in document.paragraphs if p.text.startswith("Phụ lục ")]
    assert titles == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    refs = [p.text for p in document.paragraphs if p.text.startswith("(Kèm theo Báo cáo")]
    # the blank number is left wide for the hand-written number, as in the header
    assert len(refs) == 3 and "số\xa0\xa0\xa0" in refs[0]
    main_table = next(t for t in document.tables if t.rows[0].cells[-1].text.startswith("Đảng viên bị kỷ luật")
                      and len(t.rows) > 29)
    groups = [row.cells[0].text for row in main_table.rows[1:] if row.cells[0].text == row.cells[1].text]
    names = [g.removeprefix("Tỉnh ").removeprefix("Thành phố ") for g in groups]
    assert names == sorted(names, key=vi_key) and len(names) == len(set(names)) > 5
    units = [row.cells[1].text for row in main_table.rows[1:] if row.cells[0].text != row.cells[1].text]
    assert len(units) == len(list(many.glob("*.txt")))


def _rendered(body: str) -> Rendered:
    html = (f"<!DOCTYPE html><html><head><title>t</title><style>p {{ margin: 0 }}</style></head>"
            f"<body>{body}</body></html>")
    return Rendered(kind="x", title="t", html=html, base_url=None, metadata={})


def test_split_keeps_what_follows_an_appendix_with_it() -> None:
    parts = pdf.split(_rendered('<p>main</p><section class="appendix"><p>A1</p></section><p>after</p>'
                                '<section class="appendix"><p>B</p></section>'))
    assert len(parts) == 3
    assert "main" in parts[0].html and "A1" not in parts[0].html and "after" not in parts[0].html
    assert "A1" in parts[1].html and "after" in parts[1].html and "B" not in parts[1].html
    assert "<p>B</p>" in parts[2].html and "<style>" in parts[2].html
    assert pdf.split(_rendered("<p>only</p><section><p>x</p></section>"))[0].html.count("only") == 1
    assert len(pdf.split(_rendered("<p>only</p>"))) == 1


def test_a_document_with_appendices_written_alone_is_joined(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    pdf.write_pdf(_rendered('<p>main</p><section class="appendix"><p>annex</p></section>'), target)
    reader = PdfReader(target)
    assert [p.extract_text().strip() for p in reader.pages] == ["main", "annex"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_vietnamese_alphabetical_order() -> None:
    names = ["Yên Bái", "Đồng Nai", "Điện Biên", "Đà Nẵng", "Bắc Giang", "Bà Rịa - Vũng Tàu", "An Giang",
             "Hà Nam", "Hàm Yên", "Hà Nội", "Hà Giang", "Hậu Giang", "Ân Thi", "Zê", "Ăn Ba"]
    assert sorted(names, key=vi_key) == [
        "An Giang", "Ăn Ba", "Ân Thi", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Đà Nẵng", "Điện Biên", "Đồng Nai",
        "Hà Giang", "Hà Nam", "Hà Nội", "Hàm Yên", "Hậu Giang", "Yên Bái", "Zê"]
    # tone marks only break ties, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["ma", "mạ", "má", "mã", "mả", "mà"], key=vi_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
