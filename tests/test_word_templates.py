"""Report kinds designed in Word: `NAME/template.docx` filled by docxtpl, checked, made by
`templates new --format docx`, built to DOCX and (with LibreOffice) PDF.

The templates are made here with python-docx, as an office would type them in Word. Tests that
convert to PDF need LibreOffice and are skipped without it (`scripts/install.sh` installs it).
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from click.testing import CliRunner
from docs_fixtures import SEEDS, docx_text, pdf_pages

from reportgen import contexts, office
from reportgen.cli import main
from reportgen.config import Config
from reportgen.pipeline import expand_sources, extract_sources, read_sources

needs_office = pytest.mark.skipif(not office.available(), reason="LibreOffice is not installed "
                                  "(apt-get install libreoffice-writer-nogui)")
CONFIG = 'date = "2024-12-15"\nsigner_name = "Nguyễn Văn An"\n'


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the seed articles and a config pinning the document date."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "reportgen.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # LibreOffice profiles
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def word_template(path: Path, paragraphs: list[str], rows: list[list[str]] | None = None,
                  after: list[str] = ()) -> Path:
    """A Word document as an office types it: paragraphs, a table, more paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for row, cells in zip(table.rows, rows):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    for text in after:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


#: A table of one row per indicator of the per-unit context, under a header row.
INDICATOR_ROWS = [["Chỉ tiêu", "Số liệu", "Năm"], ["{%tr for section in sections %}"],
                  ["{%tr for row in section.rows %}"], ["{{ row.label }}", "{{ row.text }}", "{{ row.year or '' }}"],
                  ["{%tr endfor %}"], ["{%tr endfor %}"]]


def _summary_rows(seed: str) -> list[tuple[str, str, str]]:
    """(label, text, year) of every indicator the per-unit context of a seed holds."""
    sources, _ = read_sources([str(SEEDS / f"{seed}.txt")])
    extractions, _ = extract_sources(sources)
    config = Config(date=date(2024, 12, 15))
    (job,) = contexts.plan(extractions, config, kind="tom-tat")
    return [(row["label"], row["text"], str(row["year"] or "")) for section in job.context["sections"]
            for row in section["rows"]]


def _words(text: str) -> Counter[str]:
    return Counter(unicodedata.normalize("NFC", text).split())


def test_a_word_template_with_a_row_loop_builds_on_the_seeds(work: Path) -> None:
    word_template(work / "mau" / "kiem-tra" / "template.docx",
                  ["{#p context: tom-tat #}", "KIỂM TRA {{ unit.name }}",
                   "Ngày {{ doc.date|date_long }}: {{ 9240|number }} đảng viên, {{ 89.54|percent }}."],
                  INDICATOR_ROWS)
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "kiem-tra",
                     "-o", "out", "--format", "docx")
    assert code == 0, out
    document = docx.Document(str(work / "out" / "kiem-tra-huyen-thuong-tin-2019.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "KIỂM TRA Thường Tín" in texts
    assert "Ngày ngày 15 tháng 12 năm 2024: 9.240 đảng viên, 89,5%." in texts
    assert "{#p" not in " ".join(texts)  # the context comment is no paragraph of the output
    (table,) = document.tables
    cells = [tuple(c.text for c in row.cells) for row in table.rows]
    expected = _summary_rows("thuong-tin-2019")
    assert len(expected) > 3
    assert cells == [("Chỉ tiêu", "Số liệu", "Năm"), *expected]  # one row per indicator


@needs_office
def test_the_pdf_of_a_word_template_has_the_words_of_its_docx(work: Path) -> None:
    word_template(work / "mau" / "kiem-tra" / "template.docx",
                  ["{#p context: tom-tat #}", "KIỂM TRA {{ unit.name }}"], INDICATOR_ROWS)
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "seeds/tan-hong-2022.txt", "--templates", "mau",
                     "--kind", "kiem-tra", "-o", "out", "-j", "1")
    assert code == 0, out
    for stem in ("kiem-tra-huyen-thuong-tin-2019", "kiem-tra-huyen-tan-hong-2022"):
        docx_words = _words(docx_text(work / "out" / f"{stem}.docx"))
        pdf_words = _words(" ".join(pdf_pages(work / "out" / f"{stem}.pdf")))
        assert "KIỂM" in pdf_words and docx_words == pdf_words, stem


def test_without_libreoffice_a_word_kind_is_built_as_docx_with_one_line(
        work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(office.soffice.ENV_PROGRAM, "")
    word_template(work / "mau" / "kiem-tra" / "template.docx",
                  ["{#p context: tom-tat #}", "KIỂM TRA {{ unit.name }}"])
    code, out = _run("build", "seeds", "--templates", "mau", "--kind", "kiem-tra", "-o", "out", "-j", "1")
    assert code == 0, out
    assert sorted(p.suffix for p in (work / "out").glob("kiem-tra-*")) == [".docx"] * 8
    notes = [line for line in out.splitlines() if "LibreOffice" in line]
    assert notes == ["reportgen: cảnh báo: chưa cài LibreOffice (install "
                     "libreoffice-writer-nogui): văn bản của kiem-tra (mẫu Word) chỉ được tạo "
                     "dạng DOCX"]


# A stand-in for soffice that logs which process ran it and copies its inputs as "PDFs".
FAKE = """#!{python}
import os, sys, pathlib
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(f"{{os.getppid()}} {{len(args) - args.index('--outdir') - 2}}\\n")
out = pathlib.Path(args[args.index("--outdir") + 1])
for name in args[args.index("--outdir") + 2:]:
    path = pathlib.Path(name)
    (out / (path.stem + ".pdf")).write_bytes(b"%PDF-fake " + path.read_bytes()[:4])
"""


@pytest.mark.parametrize("jobs", [1, 2])
def test_pdf_conversions_are_one_run_per_worker(work: Path, monkeypatch: pytest.MonkeyPatch,
                                                jobs: int) -> None:
    script = work / "fake-soffice"
    script.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    log = work / "runs.log"
    monkeypatch.setenv(office.soffice.ENV_PROGRAM, str(script))
    monkeypatch.setenv("FAKE_LOG", str(log))
    word_template(work / "mau" / "kiem-tra" / "template.docx",
                  ["{#p context: tom-tat #}", "KIỂM TRA {{ unit.name }}"])
    code, out = _run("build", "seeds", "--templates", "mau", "--kind", "kiem-tra", "-o", "out",
                     "-j", str(jobs))
    assert code == 0, out
    pdfs = sorted((work / "out").glob("kiem-tra-*.pdf"))
    assert len(pdfs) == 8 and all(p.read_bytes() == b"%PDF-fake PK\x03\x04" for p in pdfs)
    runs = [line.split() for line in log.read_text().splitlines()]
    assert len(runs) == jobs and sum(int(n) for _, n in runs) == 8
    parents = {pid for pid, _ in runs}
    assert (parents == {str(os.getpid())}) == (jobs == 1)  # -j 2: in the worker processes
    assert [p.name for p in (work / "out").glob(".*")] == [".reportgen"]  # no temporary file left
    code, out = _run("build", "seeds", "--templates", "mau", "--kind", "kiem-tra", "-o", "out")
    assert "đã tạo 0 văn bản, 16 không thay đổi" in out and len(log.read_text().splitlines()) == jobs


def _overlap(made: Counter[str], reference: Counter[str]) -> tuple[float, float]:
    common = sum((made & reference).values())
    return common / sum(reference.values()), common / sum(made.values())


@pytest.mark.parametrize("base", ["tom-tat", "so-sanh", "danh-gia", "tong-ket-nam"])
def test_templates_new_docx_builds_unchanged_to_the_html_kinds_text(work: Path, base: str) -> None:
    code, out = _run("templates", "new", "mau-word", "--from", base, "--format", "docx", "--dir", "mau")
    assert code == 0, out
    assert "Đã tạo mau/mau-word/template.docx (mẫu Word của " + base + ")" in out
    code, out = _run("build", "seeds", "--templates", "mau", "--kind", "mau-word", "-o", "word",
                     "--format", "docx", "-j", "1")
    assert code == 0, out
    code, out = _run("build", "seeds", "--kind", base, "-o", "html", "--format", "docx", "-j", "1")
    assert code == 0, out
    made = sorted((work / "word").glob("*.docx"))
    assert made
    for path in made:
        reference = work / "html" / path.name.replace("mau-word", base).replace("tom-tat-", "")
        assert reference.is_file(), reference
        made_words, reference_words = _words(docx_text(path)), _words(docx_text(reference))
        recall, precision = _overlap(made_words, reference_words)
        assert recall >= 0.95 and precision >= 0.95, (path.name, recall, precision,
                                                      list((reference_words - made_words).elements())[:20])


def test_a_column_loop_gives_one_grid_column_per_cell_within_the_text_width(work: Path) -> None:
    assert _run("templates", "new", "mw", "--from", "tom-tat", "--format", "docx", "--dir", "mau")[0] == 0
    code, out = _run("build", "seeds/kien-tuong-2020.txt", "--templates", "mau", "--kind", "mw", "-o", "out",
                     "--format", "docx", "--year", "2020")
    assert code == 0, out
    document = docx.Document(str(work / "out" / "mw-thi-xa-kien-tuong-2020.docx"))
    series = next(t for t in document.tables if t.rows[0].cells[0].text == "Kỳ số liệu")
    header = [c.text for c in series.rows[0].cells]
    assert header[1:4] == ["Tổng số đảng viên", "Kết nạp mới", "Tổ chức cơ sở đảng"] and header[-1] == "Nguồn"
    grid = [int(c.get(qn("w:w"))) for c in series._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = [int(tc.tcPr.tcW.get(qn("w:w"))) for tc in series.rows[0]._tr.tc_lst]
    assert grid == cells and len(grid) == len(header)
    section = document.sections[0]
    assert sum(grid) * 635 <= section.page_width - section.left_margin - section.right_margin
    assert min(grid[1:4]) > 1000  # the looped columns share the width, none is a sliver


def test_a_word_template_of_the_comparison_has_the_charts_as_pictures(work: Path) -> None:
    assert _run("templates", "new", "ss", "--from", "so-sanh", "--format", "docx", "--dir", "mau")[0] == 0
    code, out = _run("build", "seeds", "--templates", "mau", "--kind", "ss", "-o", "out", "--format", "docx")
    assert code == 0, out
    (path,) = (work / "out").glob("ss-*.docx")
    sources, _ = read_sources(expand_sources([work / "seeds"]))
    extractions, _ = extract_sources(sources)
    (job,) = contexts.plan(extractions, Config(date=date(2024, 12, 15)), kind="so-sanh")
    charts = job.context["charts"]
    assert charts
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == len(charts)
    captions = [p.text for p in document.paragraphs if p.text.startswith("Biểu đồ ")]
    assert captions == [f"Biểu đồ {i}: {c.title}" for i, c in enumerate(charts, 1)]


def test_templates_check_names_the_paragraph_or_cell_of_each_problem(work: Path) -> None:
    word_template(work / "mau" / "sai" / "template.docx",
                  ["{#p context: tom-tat #}", "KIỂM TRA {{ unit.nam }}", "{{ ''.__class__ }}",
                   "Mở đầu: {{ intr }}."],
                  [["{%tr for section in sections %}"], ["{%tr for row in section.rows %}"],
                   ["{{ row.lable }}", "{{ row.text }}"], ["{%tr endfor %}"], ["{%tr endfor %}"]])
    word_template(work / "mau" / "hong" / "template.docx",
                  ["{#p context: tom-tat #}", "{%p for section in sections %}", "{{ section.heading }}"])
    word_template(work / "mau" / "thieu" / "template.docx", ["KIỂM TRA {{ unit.name }"])
    code, out = _run("templates", "check", "mau")
    assert code == 1, out
    sai = "mau/sai/template.docx"
    lines = out.splitlines()
    assert f"{sai}, paragraph 2 “KIỂM TRA {{{{ unit.nam }}}}”: lỗi: 'dict object' has no attribute 'nam' " \
           "(gợi ý: có phải là 'name'? `reportgen templates context sai` liệt kê các biến)" in lines
    assert any(line.startswith(f"{sai}, paragraph 3 “{{{{ ''.__class__ }}}}”: lỗi: access to attribute "
                               "'__class__' of 'str' object is unsafe") for line in lines), out
    assert any(line.startswith(f"{sai}, paragraph 4 “Mở đầu: {{{{ intr }}}}.”: lỗi: 'intr' is undefined "
                               "(gợi ý: có phải là 'intro'?") for line in lines), out
    assert any(line.startswith(f"{sai}, table 1, row 3, cell 1 “{{{{ row.lable }}}}”: lỗi: ")
               and "'lable'" in line for line in lines), out
    assert any(line.startswith("mau/hong/template.docx, paragraph 2 “{%p for section in sections %}”: "
                               "lỗi: lỗi cú pháp: Unexpected end of template") for line in lines), out
    assert any(line.startswith("mau/thieu/template.docx: lỗi: mẫu không nêu ngữ cảnh nó "
                               "dùng") for line in lines), out
    assert re.search(r"3 tệp mẫu, \d+ lần điền mẫu .*: 6 vấn đề", out), out
    # Fixed, the same template passes.
    word_template(work / "mau" / "sai" / "template.docx",
                  ["{#p context: tom-tat #}", "KIỂM TRA {{ unit.name }}", "Mở đầu: {{ intro }}."])
    shutil.rmtree(work / "mau" / "hong")
    shutil.rmtree(work / "mau" / "thieu")
    code, out = _run("templates", "check", "mau")
    assert code == 0 and "không có vấn đề nào" in out, out


def test_a_bad_word_template_fails_its_documents_in_one_line(work: Path) -> None:
    word_template(work / "mau" / "sai" / "template.docx",
                  ["{#p context: tom-tat #}", "Mở đầu", "{{ unit.title.__class__.__mro__ }}"])
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "sai", "-o", "out",
                     "--format", "docx")
    assert code == 1
    (line,) = [line for line in out.splitlines() if "lỗi:" in line]
    assert "UnsafeTemplate: mau/sai/template.docx, paragraph 3 “{{ unit.title.__class__.__mro__ }}”: " \
           "access to attribute '__class__'" in line


@pytest.mark.parametrize("text, problem", [
    ("{% include 'tom-tat.html.j2' %}", "no loader"),
    ("{{ intro|safe }}", "không có bộ lọc 'safe'"),
    ("{% for chart in charts %}{{ chart.image._template }}{% endfor %}", "unsafe"),
])
def test_word_templates_reach_no_file_and_write_no_xml(work: Path, text: str, problem: str) -> None:
    word_template(work / "mau" / "x" / "template.docx", ["{#p context: so-sanh #}", text])
    code, out = _run("templates", "check", "mau")
    assert code == 1 and problem in out, out


def test_a_word_template_that_links_to_a_file_is_refused(work: Path) -> None:
    path = word_template(work / "mau" / "x" / "template.docx", ["{#p context: tom-tat #}", "Xem thêm"])
    document = docx.Document(str(path))
    paragraph = document.paragraphs[1]._p
    field = paragraph.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fldSimple",
                                  {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr":
                                   ' INCLUDETEXT "/etc/passwd" '})
    paragraph.append(field)
    document.save(str(path))
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "x", "-o", "out",
                     "--format", "docx")
    assert code == 1 and "văn bản chứa a INCLUDETEXT field: mẫu Word không được nạp tệp" in out, out
    assert not (work / "out" / "x-huyen-thuong-tin-2019.docx").exists()


def test_a_word_template_with_a_file_link_is_refused(work: Path) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    path = word_template(work / "mau" / "x" / "template.docx", ["{#p context: tom-tat #}", "Xem"])
    document = docx.Document(str(path))
    document.part.relate_to("https://dangcongsan.vn/", RT.HYPERLINK, is_external=True)
    document.save(str(path))
    assert _run("templates", "check", "mau")[0] == 0  # a web link is kept
    document.part.relate_to("file:///etc/passwd", RT.HYPERLINK, is_external=True)
    document.save(str(path))
    code, out = _run("templates", "check", "mau")
    assert code == 1 and "văn bản chứa a link to 'file:///etc/passwd'" in out, out


LOOP = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"


def test_filling_a_word_template_has_the_html_templates_time_limit(work: Path) -> None:
    (work / "reportgen.toml").write_text(CONFIG + "[limits]\nrender_seconds = 1\n", encoding="utf-8")
    word_template(work / "mau" / "x" / "template.docx",
                  ["{#p context: tom-tat #}", LOOP])
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "x", "-o", "out",
                     "--format", "docx")
    assert code == 1
    # At the loop's paragraph; without it when the limit struck between two pieces of output.
    assert re.search(r"mau/x/template\.docx(, paragraph 2 “\{% for i in range\(99999\) %\}[^”]*”)?: điền "
                     r"mẫu mất hơn 1 giây", out), out


def test_list_and_context_show_word_kinds(work: Path) -> None:
    assert _run("templates", "new", "ss", "--from", "so-sanh", "--format", "docx", "--dir", "mau")[0] == 0
    (work / "mau" / "ss.html.j2").write_text('{#- context: so-sanh -#}{% extends "!default/so-sanh.html.j2" %}',
                                            encoding="utf-8")
    word_template(work / "mau" / "tom-tat" / "template.docx", ["{{ unit.name }}"])
    code, out = _run("templates", "list", "--templates", "mau")
    assert code == 0
    assert re.search(r"^ss\s+so-sanh\s+html\+docx\s+mau$", out, re.M), out
    assert re.search(r"^tom-tat\s+tom-tat\s+docx\s+mau \(thay mẫu có sẵn\)$", out, re.M), out
    code, out = _run("templates", "context", "ss", "--templates", "mau")
    assert code == 0 and re.search(r"^charts\[\]\.image\s+hình ảnh", out, re.M), out
    assert re.search(r"^charts\[\]\.image\s+hình ảnh.*\n\s+└ biểu đồ dưới dạng ảnh, dùng cho mẫu Word$", out,
                     re.M), out
    # A kind with its own Word template is started from a copy of it, with its context named.
    code, out = _run("templates", "new", "tt2", "--from", "tom-tat", "--format", "docx", "--dir", "mau",
                     "--templates", "mau")
    assert code == 0, out
    texts = [p.text for p in docx.Document(str(work / "mau" / "tt2" / "template.docx")).paragraphs]
    assert texts == ["{#p context: tom-tat #}", "{{ unit.name }}"]
    code, out = _run("templates", "new", "tt3", "--from", "tom-tat", "--dir", "mau", "--templates", "mau")
    assert code == 1 and "chỉ có mẫu Word: hãy dùng --format docx" in out


def test_a_kind_with_both_templates_takes_its_docx_from_word_and_its_pdf_from_html(work: Path) -> None:
    word_template(work / "mau" / "tom-tat" / "template.docx", ["BẢN WORD {{ unit.name }}"])
    (work / "mau" / "tom-tat.html.j2").write_text(
        '{% extends "!default/tom-tat.html.j2" %}{% block body %}<p>BẢN HTML {{ unit.name }}</p>'
        '{% endblock %}', encoding="utf-8")
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "tom-tat", "-o", "out")
    assert code == 0, out
    assert [p.text for p in docx.Document(str(work / "out" / "huyen-thuong-tin-2019.docx")).paragraphs] == \
        ["BẢN WORD Thường Tín"]
    assert "BẢN HTML Thường Tín" in " ".join(pdf_pages(work / "out" / "huyen-thuong-tin-2019.pdf"))


def test_filled_word_documents_are_nfc_and_stable(work: Path) -> None:
    word_template(work / "mau" / "kiem-tra" / "template.docx",
                  ["{#p context: tom-tat #}", unicodedata.normalize("NFD", "KIỂM TRA {{ unit.name }}")])
    for out_dir in ("a", "b"):
        assert _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "kiem-tra",
                    "-o", out_dir, "--format", "docx")[0] == 0
    first, second = (work / d / "kiem-tra-huyen-thuong-tin-2019.docx" for d in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    assert [p.text for p in docx.Document(str(first)).paragraphs] == ["KIỂM TRA Thường Tín"]
    assert unicodedata.is_normalized("NFC", docx_text(first))


def test_a_word_template_that_is_a_link_to_a_file_elsewhere_is_refused(work: Path) -> None:
    outside = word_template(work / "elsewhere" / "template.docx", ["{#p context: tom-tat #}", "{{ intro }}"])
    (work / "mau" / "x").mkdir(parents=True)
    (work / "mau" / "x" / "template.docx").symlink_to(outside)
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau", "--kind", "x", "-o", "out",
                     "--format", "docx")
    assert code == 1 and "UnsafeResource: mau/x/template.docx: mẫu Word là liên kết tới một tệp " \
                         "nằm ngoài các thư mục mẫu" in out, out
