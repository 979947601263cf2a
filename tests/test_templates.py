"""`reportgen templates list|new|check|context`: a new report kind made without touching Python."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docs_fixtures import ROOT, SEEDS, docx_text, pdf_body_text

from reportgen.cli import main
from reportgen.config import Config
from reportgen.contexts import CONTEXT_KINDS
from reportgen.contexts.common import RENDER_FIELDS
from reportgen.templating.folders import builtin_templates

#: The paragraph a template author adds: a context variable and two filters.
ADDED = ('<p>Bản mẫu riêng của {{ unit.title }} ({{ sections|length|roman }} mục), '
         'lập {{ doc.date|date_long }}.</p>')


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the seed articles and a config pinning the document date."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "reportgen.toml").write_text('date = "2024-12-15"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def test_new_kind_edited_in_html_only_builds_to_docx_and_pdf(work: Path) -> None:
    code, out = _run("templates", "new", "bao-cao-quy", "--from", "tom-tat", "--dir", "mau")
    assert code == 0, out
    template = work / "mau" / "bao-cao-quy.html.j2"
    assert "Đã tạo mau/bao-cao-quy.html.j2" in out
    assert template.read_text(encoding="utf-8").startswith("{#- context: tom-tat -#}")
    # The template author's whole change: one paragraph in the HTML file.
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<p>{{ intro }}</p>", "<p>{{ intro }}</p>\n" + ADDED, 1),
                        encoding="utf-8")
    code, out = _run("templates", "list", "--templates", "mau")
    assert code == 0 and re.search(r"bao-cao-quy\s+tom-tat\s+html\s+mau", out), out
    code, out = _run("templates", "check", "mau")
    assert code == 0, out
    code, out = _run("build", "seeds/thuong-tin-2019.txt", "--templates", "mau",
                     "--kind", "bao-cao-quy", "-o", "out")
    assert code == 0, out
    expected = "Bản mẫu riêng của Huyện Thường Tín (V mục), lập ngày 15 tháng 12 năm 2024."
    docx_file = work / "out" / "bao-cao-quy-huyen-thuong-tin-2019.docx"
    pdf_file = work / "out" / "bao-cao-quy-huyen-thuong-tin-2019.pdf"
    assert expected in " ".join(docx_text(docx_file).split())
    assert expected in " ".join(pdf_body_text(pdf_file).split())


def test_check_passes_on_the_built_in_templates_and_a_fresh_copy(work: Path) -> None:
    code, out = _run("templates", "check")
    assert code == 0, out
    assert "với ngữ cảnh lấy từ seeds/: không có vấn đề nào" in out
    for kind in CONTEXT_KINDS:
        assert _run("templates", "new", f"ban-{kind}", "--from", kind, "--dir", "mau")[0] == 0
    code, out = _run("templates", "check", "mau")
    assert code == 0, out
    assert out.startswith("4 tệp mẫu")


def test_check_reports_each_problem_with_file_and_line(work: Path) -> None:
    assert _run("templates", "new", "sai", "--from", "danh-gia", "--dir", "mau")[0] == 0
    path = work / "mau" / "sai.html.j2"
    text = path.read_text(encoding="utf-8")
    text = text.replace("<p>{{ intro }}</p>", "<p>{{ intr }}</p>", 1)
    text = text.replace("<h3>{{ loop.index }}. {{ group.label }}</h3>",
                        "<h3>{{ loop.index }}. {{ group.lable }}</h3>", 1)
    text = text.replace("{{ note }}", "{{ note|upcase }}", 1)
    path.write_text(text, encoding="utf-8")
    code, out = _run("templates", "check", "mau")
    assert code == 1
    lines = out.splitlines()
    intro = _line_of(path, "{{ intr }}")
    assert (f"mau/sai.html.j2:{intro}: lỗi: 'intr' is undefined (gợi ý: có phải là 'intro'? "
            "`reportgen templates context sai` liệt kê các biến)") in lines
    label = _line_of(path, "group.lable")
    assert any(line.startswith(f"mau/sai.html.j2:{label}: lỗi: ") and "'lable'" in line
               and "có phải là 'label'" in line for line in lines), out
    upcase = _line_of(path, "upcase")
    assert any(line.startswith(f"mau/sai.html.j2:{upcase}: lỗi: không có bộ lọc 'upcase'")
               for line in lines), out
    assert "3 vấn đề" in out


def test_check_reports_syntax_errors_and_unknown_contexts(work: Path) -> None:
    mau = work / "mau"
    mau.mkdir()
    (mau / "hong.html.j2").write_text('{# context: tom-tat #}\n{% extends "base.html.j2" %}\n'
                                      "{% block body %}\n{% for s in sections %}\n<p>{{ s }}</p>\n"
                                      "{% endblock %}\n", encoding="utf-8")
    (mau / "la.html.j2").write_text("{# context: tom-tatt #}\n<p>{{ intro }}</p>\n",
                                    encoding="utf-8")
    code, out = _run("templates", "check", "mau")
    assert code == 1
    assert re.search(r"^mau/hong\.html\.j2:6: lỗi: lỗi cú pháp: .*endfor", out, re.M), out
    assert "mau/la.html.j2:1: lỗi: ngữ cảnh 'tom-tatt' không tồn tại" in out


def test_list_shows_where_each_kind_comes_from(work: Path) -> None:
    mau = work / "mau"
    mau.mkdir()
    (mau / "tom-tat.html.j2").write_text('{% extends "!default/tom-tat.html.j2" %}',
                                         encoding="utf-8")
    (work / "reportgen.toml").write_text('date = "2024-12-15"\ntemplate_dirs = ["mau"]\n',
                                         encoding="utf-8")
    code, out = _run("templates", "list")
    assert code == 0
    assert re.search(r"^tom-tat\s+tom-tat\s+html\s+\S*mau \(thay mẫu có sẵn\)$", out, re.M), out
    for kind in ("danh-gia", "so-sanh", "tong-ket-nam"):
        assert re.search(rf"^{kind}\s+{kind}\s+html\s+có sẵn$", out, re.M), out


def test_new_refuses_bad_names_unknown_kinds_and_overwriting(work: Path) -> None:
    code, out = _run("templates", "new", "Báo Cáo", "--dir", "mau")
    assert code == 1 and "tên loại báo cáo" in out and "không hợp lệ" in out
    code, out = _run("templates", "new", "x", "--from", "khong-co", "--dir", "mau")
    assert code == 1 and "không có loại báo cáo 'khong-co'" in out
    assert _run("templates", "new", "x", "--dir", "mau")[0] == 0
    code, out = _run("templates", "new", "x", "--dir", "mau")
    assert code == 1 and "đã có" in out


def test_kind_without_a_context_fails_clearly(work: Path) -> None:
    (work / "mau").mkdir()
    (work / "mau" / "rieng.html.j2").write_text("<p>{{ intro }}</p>", encoding="utf-8")
    code, out = _run("build", "--templates", "mau", "--kind", "rieng", "-o", "out")
    assert code == 2
    assert "không nêu ngữ cảnh nó dùng" in out and "{# context: tom-tat #}" in out


def test_context_reference_comes_from_the_seeds(work: Path) -> None:
    code, out = _run("templates", "context", "danh-gia")
    assert code == 0, out
    assert "giá trị ví dụ lấy từ seeds/" in out
    assert re.search(r'^unit\.name\s+văn bản\s+"Tân Hồng"', out, re.M), out
    assert re.search(r'^groups\[\]\.rows\[\]\.now\.pct_text\s+văn bản\s+"\d', out, re.M), out
    assert re.search(r"^groups\[\]\.rated_before\s+trống hoặc bảng khóa", out, re.M), out
    assert re.search(r"^layout\.body_pt\s+số thập phân\s+14\.0", out, re.M)
    code, out = _run("templates", "context", "so-sanh", "--json")
    data = json.loads(out)["so-sanh"]
    names = {v["name"] for v in data["variables"]}
    assert "rows[].cells[KEY].text" in names and "charts[].svg" in names


def test_context_works_without_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # an installed copy: no seeds/ here
    code, out = _run("templates", "context")
    assert code == 0, out
    for kind in CONTEXT_KINDS:
        assert f"Loại báo cáo {kind!r}" in out
    assert "giá trị ví dụ lấy từ dữ liệu mẫu có sẵn" in out


def test_context_and_list_describe_in_vietnamese_by_default(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the built-in sample: no seeds/ to read
    english = [CONTEXT_KINDS["tom-tat"].description, *CONTEXT_KINDS["tom-tat"].fields.values(),
               *RENDER_FIELDS.values()]
    code, out = _run("templates", "context", "tom-tat")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == ("Loại báo cáo 'tom-tat': ngữ cảnh 'tom-tat' — tóm tắt của một đơn vị trong một kỳ "
                        "(một năm, một nhiệm kỳ hoặc không rõ năm): số liệu theo chủ đề kèm nguồn, dãy số "
                        "liệu qua các kỳ, mức thay đổi so với năm trước.")
    described = {lines[i - 1].split()[0]: line.split("└ ", 1)[1] for i, line in enumerate(lines)
                 if "└ " in line and not lines[i - 1].lstrip().startswith("└")}
    assert described["kind"] == "loại báo cáo (tên mẫu)"
    assert described["sources"] == ("danh sách nguồn có đánh số: number, title, published, address, path, "
                                    "citation (tiêu đề, ngày và địa chỉ; không bao giờ là tên tệp trên máy)")
    assert described["job_slug"] == "tên tệp đầu ra, không có phần mở rộng"
    assert not [text for text in english if text in out]
    code, out = _run("templates", "context", "tom-tat", "--json")
    variables = {v["name"]: v["description"] for v in json.loads(out)["tom-tat"]["variables"]}
    assert variables["intro"] == "đoạn mở đầu" and variables["unit.name"] == ""
    assert not [text for text in english if text in out]
    code, out = _run("templates", "list")
    assert code == 0 and "\n  so-sanh: so sánh tất cả các đơn vị trong một năm: các chỉ tiêu chính" in out
    # English when asked
    code, out = _run("--lang", "en", "templates", "context", "tom-tat")
    assert code == 0 and out.startswith("Report kind 'tom-tat': context 'tom-tat' — summary of one unit")
    assert "└ the report kind (template name)\n" in out and "└ loại báo cáo" not in out


def test_docs_describe_every_variable_filter_and_kind() -> None:
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    from reportgen.render import FILTERS

    for kind, spec in CONTEXT_KINDS.items():
        assert f"`{kind}`" in docs
        for name in [*spec.fields, *RENDER_FIELDS]:
            assert f"`{name}`" in docs, name
    for name in FILTERS:
        assert f"`{name}`" in docs, name
    assert "!default/" in docs and "templates check" in docs


def test_builtin_templates_are_found_and_listed() -> None:
    names = sorted(p.name for p in builtin_templates().glob("*.html.j2"))
    assert names == ["base.html.j2", "danh-gia.html.j2", "so-sanh.html.j2", "tom-tat.html.j2",
                     "tong-ket-nam.html.j2"]
    from reportgen.templating.folders import find_kinds

    assert [k.name for k in find_kinds(Config())] == sorted(CONTEXT_KINDS)
