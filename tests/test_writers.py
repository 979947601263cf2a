"""DOCX and PDF writers: content, official layout, same text in both, subset errors, atomicity."""
from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docs_fixtures import (TEST_CONFIG, docx_text, load_seeds, pdf_pages, pdffonts, requires_pdffonts, requires_serif,
                           words)
from docx.shared import Pt

from reportgen.build import write
from reportgen.contexts import plan
from reportgen.model import Rendered
from reportgen.render import render
from reportgen.writers import WRITERS, UnsupportedTag

SLUGS = ("huyen-thuong-tin-2019", "huyen-thanh-tri-khong-ro-nam", "so-sanh-2022-2-don-vi")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The documents of SLUGS in both formats, with the rendered HTML."""
    folder = tmp_path_factory.mktemp("docs")
    out: dict[str, dict[str, Path]] = {}
    for job in plan(load_seeds(), TEST_CONFIG):
        if job.slug not in SLUGS:
            continue
        rendered = render(job, TEST_CONFIG)
        out[job.slug] = {fmt: write(rendered, fmt, folder / f"{job.slug}.{fmt}")
                         for fmt in ("docx", "pdf")}
        out[job.slug]["rendered"] = rendered  # type: ignore[assignment]
    return out


def _pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def test_summary_contains_unit_province_and_figures(built: dict) -> None:
    for fmt, read in (("docx", docx_text), ("pdf", _pdf_text)):
        text = " ".join(words(read(built["huyen-thuong-tin-2019"][fmt])))
        assert "Thường Tín" in text and "Hà Nội" in text, fmt
        assert "9.240" in text and "89,5%" in text, fmt
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "HUYỆN ỦY THƯỜNG TÍN" in text, fmt
        assert "ngày 15 tháng 12 năm 2024" in text, fmt


def test_missing_figures_do_not_read_zero(built: dict) -> None:
    for fmt, read in (("docx", docx_text), ("pdf", _pdf_text)):
        tokens = words(read(built["huyen-thanh-tri-khong-ro-nam"][fmt]))
        assert "0" not in tokens and "0%" not in tokens, fmt
        assert "Các nguồn không nêu số liệu về nội dung này." in " ".join(tokens)


def test_comparison_names_the_units_of_its_year_and_those_shown_apart(built: dict) -> None:
    for fmt, read in (("docx", docx_text), ("pdf", _pdf_text)):
        text = " ".join(words(read(built["so-sanh-2022-2-don-vi"][fmt])))
        assert "2 đơn vị năm 2022" in text, fmt
        for name in ("Thường Tín", "Kiến Tường", "Tân Hồng", "Vĩnh Tường"):
            assert name in text, (fmt, name)


def test_docx_structure_follows_the_official_layout(built: dict) -> None:
    document = docx.Document(str(built["huyen-thuong-tin-2019"]["docx"]))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(f"{W_NS}rFonts")
    assert fonts.get(f"{W_NS}eastAsia") == "Times New Roman"
    assert fonts.get(f"{W_NS}cs") == "Times New Roman"
    section = document.sections[0]
    measured = [section.page_width, section.page_height, section.top_margin,
                section.bottom_margin, section.left_margin, section.right_margin]
    # Word stores twips: compare to a tenth of a millimetre.
    assert [round(m.mm, 1) for m in measured] == [210, 297, 20, 20, 30, 15]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert len(document.tables) >= 5  # header, data tables, ratings, footer
    styles = {p.style.name for p in document.paragraphs}
    assert {"Report Title", "Report Subject", "Heading 2", "Normal"} <= styles
    assert document.core_properties.title.startswith("Tóm tắt kết quả")
    assert document.core_properties.author == "HUYỆN ỦY THƯỜNG TÍN"


def test_docx_ratings_table_has_real_merged_cells(built: dict) -> None:
    document = docx.Document(str(built["huyen-thuong-tin-2019"]["docx"]))
    ratings = next(t for t in document.tables if t.cell(0, 0).text == "Mức xếp loại")
    assert ratings.cell(0, 0)._tc is ratings.cell(1, 0)._tc  # rowspan=2
    assert ratings.cell(0, 1)._tc is ratings.cell(0, 2)._tc  # colspan=2
    assert ratings._tbl.xpath(".//w:gridSpan") and ratings._tbl.xpath(".//w:vMerge")
    assert ratings.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


@requires_pdffonts
@requires_serif
def test_pdf_embeds_all_fonts(built: dict) -> None:
    for slug in SLUGS:
        rows = pdffonts(built[slug]["pdf"])
        assert rows, slug
        assert all(row["emb"] == "yes" for row in rows), [r["line"] for r in rows]
        serif = ("Liberation-Serif", "Times", "Tinos")
        assert all(any(f in row["name"] for f in serif) for row in rows), [r["name"] for r in rows]


def _repeated_headers(rendered: Rendered) -> list[list[str]]:
    """Word sequences of each table's <thead>: the PDF repeats them on later pages."""
    import lxml.html

    root = lxml.html.document_fromstring(rendered.html)
    return [words(" ".join(t.itertext())) for t in root.iter("thead")]


def _count(seq: list[str], sub: list[str]) -> int:
    return sum(1 for i in range(len(seq) - len(sub) + 1) if seq[i:i + len(sub)] == sub)


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_and_pdf_carry_the_same_text(built: dict, slug: str) -> None:
    docx_words = words(docx_text(built[slug]["docx"]))
    pages = [words(p) for p in pdf_pages(built[slug]["pdf"])]
    for i, page in enumerate(pages[1:], start=2):
        # WeasyPrint draws the page number (top margin) after the body text.
        if page and page[-1] == str(i):
            page.pop()
        elif page and page[0] == str(i):
            page.pop(0)
    # A table header the PDF repeats at the top of a continued page is not text of its own.
    for head in _repeated_headers(built[slug]["rendered"]):
        extra = _count(sum(pages, []), head) - _count(docx_words, head)
        for page in pages[1:]:
            if extra > 0 and page[:len(head)] == head:
                del page[:len(head)]
                extra -= 1
    pdf_words = sum(pages, [])
    # A PDF line may break after "/" or "-": compare without spaces, then words.
    assert "".join(docx_words) == "".join(pdf_words)
    ratio = difflib.SequenceMatcher(a=docx_words, b=pdf_words, autojunk=False).ratio()
    assert ratio > 0.98


def test_unsupported_tag_is_reported(built: dict, tmp_path: Path) -> None:
    rendered = built["huyen-thuong-tin-2019"]["rendered"]
    html = rendered.html.replace("<h1 class=\"title\">", "<section><h1 class=\"title\">", 1)
    html = html.replace("</h1>", "</h1></section>", 1)
    broken = replace(rendered, html=html)
    with pytest.raises(UnsupportedTag, match=r"unsupported tag <section> in template "
                                             r"tom-tat\.html\.j2"):
        write(broken, "docx", tmp_path / "broken.docx")
    assert list(tmp_path.iterdir()) == []
    inline = replace(rendered, html=rendered.html.replace("<p>", "<p><code>x</code>", 1))
    with pytest.raises(UnsupportedTag, match="<code>"):
        write(inline, "docx", tmp_path / "inline.docx")


def test_atomic_write_leaves_no_partial_file(built: dict, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = built["huyen-thuong-tin-2019"]["rendered"]
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def failing(r: Rendered, path: Path) -> None:
        path.write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setitem(WRITERS, "pdf", failing)
    with pytest.raises(RuntimeError):
        write(rendered, "pdf", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    with pytest.raises(RuntimeError):
        write(rendered, "pdf", tmp_path / "new.pdf")
    assert not (tmp_path / "new.pdf").exists()
    with pytest.raises(ValueError, match="định dạng đầu ra .* không hợp lệ"):
        write(rendered, "odt", tmp_path / "x.odt")


def _png_bytes() -> bytes:
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(0.5, 0.5))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    plt.close(fig)
    return buffer.getvalue()


def _rendered(body: str, base: Path | None = None) -> Rendered:
    html = (f"<!DOCTYPE html><html lang='vi'><head><title>T</title><style>p {{ }}</style>"
            f"</head><body>{body}</body></html>")
    layout = TEST_CONFIG.layout.as_dict()
    return Rendered(kind="test", title="Thử", html=html,
                    base_url=base.as_uri() + "/" if base else None,
                    metadata={"author": "A", "created": "2024-12-15"}, layout=layout,
                    template="test.html.j2")


def test_docx_maps_the_html_subset(tmp_path: Path) -> None:
    import base64

    png = base64.b64encode(_png_bytes()).decode()
    (tmp_path / "logo.png").write_bytes(_png_bytes())
    body = f"""
    <h1>Một</h1><h2>Hai</h2><h3>Ba</h3>
    <p>Chữ <b>đậm</b>, <i>nghiêng</i>, <u>gạch</u><br>dòng <span>mới</span><sup>1</sup></p>
    <ul><li>mục a</li><li>mục b</li></ul><ol><li>số 1</li></ol>
    <table class="data"><thead><tr><th rowspan="2">A</th><th colspan="2">B</th></tr>
    <tr><th>B1</th><th>B2</th></tr></thead>
    <tbody><tr><td>x</td><td rowspan="2">y</td><td>z</td></tr><tr><td>u</td><td>v</td></tr>
    </tbody></table>
    <div class="page-break"></div>
    <p class="center"><img src="data:image/png;base64,{png}" alt="a"></p>
    <p class="center"><img src="logo.png" alt="b"></p>
    <div>văn bản <b>rời</b></div>
    """
    path = write(_rendered(body, tmp_path), "docx", tmp_path / "subset.docx")
    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Một") in paragraphs and ("Heading 3", "Ba") in paragraphs
    assert ("List Bullet", "mục a") in paragraphs and ("List Number", "số 1") in paragraphs
    assert ("Normal", "văn bản rời") in paragraphs
    runs = {r.text: r for p in document.paragraphs for r in p.runs}
    assert runs["đậm"].bold and runs["nghiêng"].italic and runs["gạch"].underline
    assert runs["1"].font.superscript
    table = document.tables[0]
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc
    assert table.cell(2, 1)._tc is table.cell(3, 1)._tc
    assert [table.cell(3, c).text for c in range(3)] == ["u", "y", "v"]
    assert 'w:type="page"' in document.element.body.xml
    assert len(document.inline_shapes) == 2
    assert document.core_properties.author == "A"


def test_docx_rejects_svg_without_png_and_images_outside_templates(tmp_path: Path) -> None:
    svg = _rendered('<p><img src="data:image/svg+xml;base64,PHN2Zy8+"></p>', tmp_path)
    with pytest.raises(ValueError, match="data-png"):
        write(svg, "docx", tmp_path / "svg.docx")
    outside = _rendered('<p><img src="../secret.png"></p>', tmp_path / "tpl")
    (tmp_path / "tpl").mkdir()
    with pytest.raises(ValueError, match="nằm ngoài thư mục mẫu"):
        write(outside, "docx", tmp_path / "outside.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tpl"]
