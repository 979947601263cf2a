"""The DOCX writer's cached base documents and its appendix sections.

* The styled base document is built once per layout and reused: another layout (a user's
  `[layout]` with other margins and fonts) gets its own styles and page setup, and documents
  written from the same cached base share nothing (text, images, properties).
* ``<section class="appendix">`` children of ``<body>`` start Word sections numbered from 1, with
  the page setup and the first-page rule of the main section.
"""
from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docs_fixtures import TEST_CONFIG
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from reportgen.build import write
from reportgen.config import load_config
from reportgen.model import Rendered
from reportgen.writers.docx import MisplacedAppendix, UnsupportedTag, docx_bytes
from reportgen.writers.docx import base as docxbase


def _png() -> bytes:
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(0.5, 0.5))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    plt.close(fig)
    return buffer.getvalue()


def _rendered(body: str, layout: dict[str, Any] | None = None, **meta: str) -> Rendered:
    html = f"<!DOCTYPE html><html lang='vi'><head><title>T</title></head><body>{body}</body></html>"
    return Rendered(kind="test", title=meta.pop("title", "Thử"), html=html, base_url=None,
                    metadata={"author": "A", "created": "2024-12-15", **meta},
                    layout=layout or TEST_CONFIG.layout.as_dict(), template="test.html.j2")


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


# -- the cached base document -------------------------------------------------------------------

def test_base_document_is_built_once_per_layout() -> None:
    layout = TEST_CONFIG.layout.as_dict()
    first = docxbase.base_for(layout)
    assert docxbase.base_for(dict(layout)) is first
    other = docxbase.base_for({**layout, "margin_left_mm": 35.0})
    assert other is not first and other.key != first.key


def test_a_user_layout_gets_its_own_styles_and_page_setup(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text(
        '[layout]\nmargin_left_mm = 35\nmargin_top_mm = 25\nfont_docx = "Arial"\nbody_pt = 13\n'
        "table_pt = 11\n", encoding="utf-8")
    user = load_config(cwd=tmp_path).layout.as_dict()
    default = TEST_CONFIG.layout.as_dict()
    body = "<p>Văn bản</p><table><tr><td>ô</td><td>bảng</td></tr></table>"
    # Alternate the layouts so a leak in either direction would show.
    documents = [_open(docx_bytes(_rendered(body, layout)))
                 for layout in (default, user, default, user)]
    for document, layout in zip(documents, (default, user, default, user)):
        normal = document.styles["Normal"]
        assert normal.font.name == layout["font_docx"]
        assert normal.font.size.pt == layout["body_pt"]
        assert document.styles["Table Text"].font.size.pt == layout["table_pt"]
        fonts = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")) \
            .find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == layout["font_docx"]
        section = document.sections[0]
        assert round(section.left_margin.mm, 1) == layout["margin_left_mm"]
        assert round(section.top_margin.mm, 1) == layout["margin_top_mm"]
        # Table widths follow the layout's text width too.
        grid = document.tables[0]._tbl.tblGrid.gridCol_lst
        width = layout["page_width_mm"] - layout["margin_left_mm"] - layout["margin_right_mm"]
        assert abs(sum(col.w.mm for col in grid) - width) < 0.2


def test_documents_from_one_cached_base_share_nothing() -> None:
    png = _png()
    import base64

    picture = f'<p><img src="data:image/png;base64,{base64.b64encode(png).decode()}"></p>'
    with_image = docx_bytes(_rendered(f"<p>Một</p>{picture}{picture}", title="Một"))
    plain = docx_bytes(_rendered("<p>Hai</p>", title="Hai", author="B"))
    again = docx_bytes(_rendered(f"<p>Ba</p>{picture}", title="Ba"))

    first, second, third = (_open(d) for d in (with_image, plain, again))
    assert [p.text for p in first.paragraphs] == ["Một", "", ""]
    assert [p.text for p in second.paragraphs] == ["Hai"]
    assert [p.text for p in third.paragraphs] == ["Ba", ""]
    # One image part, related once, in each document that has one; none in the other.
    names = [zipfile.ZipFile(io.BytesIO(d)).namelist() for d in (with_image, plain, again)]
    assert [sum(n.startswith("word/media/") for n in ns) for ns in names] == [1, 0, 1]
    assert len(first.inline_shapes) == 2 and len(third.inline_shapes) == 1
    assert len(second.inline_shapes) == 0
    image_rels = [r for r in second.part.rels.values() if r.reltype.endswith("/image")]
    assert image_rels == []
    assert (first.core_properties.title, second.core_properties.title,
            third.core_properties.title) == ("Một", "Hai", "Ba")
    assert second.core_properties.author == "B" and third.core_properties.author == "A"
    # The drawing ids restart in every document.
    docpr = third.element.body.find(".//" + qn("wp:docPr"))
    assert docpr.get("id") == "1"


def test_documents_written_in_threads_from_one_base_are_their_own() -> None:
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> list[str]:
        body = f"<p>Số {i}</p><table><tr><td rowspan='2'>{i}</td><td>a</td></tr>" \
               f"<tr><td>b{i}</td></tr></table>"
        document = _open(docx_bytes(_rendered(body, title=f"T{i}")))
        assert document.core_properties.title == f"T{i}"
        return [p.text for p in document.paragraphs] + [c.text for c in document.tables[0]._cells]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(24)))
    assert results == [[f"Số {i}", "", f"{i}", "a", f"{i}", f"b{i}"] for i in range(24)]


def test_the_package_is_a_valid_zip_in_python_docx_order(tmp_path: Path) -> None:
    path = write(_rendered("<h1>Một</h1><p>Hai</p>"), "docx", tmp_path / "a.docx")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[:3] == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml"]
        assert "word/styles.xml" in names and "word/header1.xml" in names
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
    document = docx.Document(str(path))
    assert [(p.style.name, p.text) for p in document.paragraphs] == [
        ("Heading 1", "Một"), ("Normal", "Hai")]


# -- appendices -----------------------------------------------------------------------------------

_MAIN = ("<h1 class='title'>BÁO CÁO</h1><p>Mở đầu</p>"
         "<table class='doc-footer'><tr><td><p class='recipients-head'>Nơi nhận:</p></td>"
         "<td><p class='sign-body'>T/M BAN THƯỜNG VỤ</p></td></tr></table>")
_APPENDICES = (
    "<section class='appendix'><p class='center'><b>PHỤ LỤC 1</b></p>"
    "<table class='data'><thead><tr><th>TT</th><th>Đơn vị</th></tr></thead>"
    "<tbody><tr><td>1</td><td>Huyện A</td></tr><tr><td>2</td><td>Huyện B</td></tr></tbody>"
    "</table><p class='note'>Ghi chú 1</p></section>"
    "<section class='appendix'><p class='center'><b>PHỤ LỤC 2</b></p><p>Nguồn 1</p>"
    "<table class='data'><tr><td>x</td></tr></table></section>")


def _section_of_blocks(document: Any) -> list[tuple[int, str]]:
    """(section index, text) of each body paragraph and table, in order."""
    out, section = [], 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            out.append((section, block.text))
            if block._p.pPr is not None and block._p.pPr.sectPr is not None:
                section += 1
        elif isinstance(block, Table):
            out.append((section, "table:" + block.cell(0, 0).text))
    return out


def _page_numbering(section: Any) -> str | None:
    number = section._sectPr.find(qn("w:pgNumType"))
    return None if number is None else number.get(qn("w:start"))


def test_appendices_are_sections_numbered_from_one() -> None:
    document = _open(docx_bytes(_rendered(_MAIN + _APPENDICES)))
    sections = document.sections
    assert len(sections) == 3
    assert [_page_numbering(s) for s in sections] == [None, "1", "1"]
    main = sections[0]
    for section in sections:
        # The main section's page, margins and header; no number on each section's first page.
        for name in ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin",
                     "right_margin", "header_distance"):
            assert getattr(section, name) == getattr(main, name)
        assert section.start_type == main.start_type  # a new page
        assert section.different_first_page_header_footer
        assert not section.header.is_linked_to_previous
        assert section.header.part is main.header.part
        assert "PAGE" in section.header._element.xml
        # As in the main section: the first page has no header of its own (so no number).
        types = [r.get(qn("w:type")) for r in section._sectPr.findall(qn("w:headerReference"))]
        assert types == ["default"]

    texts = [p.text for p in document.paragraphs]
    assert texts == ["BÁO CÁO", "Mở đầu", "", "PHỤ LỤC 1", "Ghi chú 1", "PHỤ LỤC 2",
                     "Nguồn 1", ""]
    assert _section_of_blocks(document) == [
        (0, "BÁO CÁO"), (0, "Mở đầu"), (0, "table:Nơi nhận:"), (0, ""),
        (1, "PHỤ LỤC 1"), (1, "table:TT"), (1, "Ghi chú 1"),
        (2, "PHỤ LỤC 2"), (2, "Nguồn 1"), (2, "table:x"), (2, "")]
    appendix_table = document.tables[1]
    assert [c.text for c in appendix_table.rows[2].cells] == ["2", "Huyện B"]
    assert appendix_table._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    # The main section ends with the signature table: an empty paragraph holds its break.
    assert document.paragraphs[2]._p.pPr.sectPr is not None
    # A section ending with a paragraph keeps its break in that paragraph.
    assert document.paragraphs[4]._p.pPr.sectPr is not None
    assert document.paragraphs[4].style.name == "Note"


def test_content_after_an_appendix_belongs_to_it() -> None:
    body = (_MAIN + "<section class='appendix'><p>Phụ lục</p></section><p>Tiếp theo</p>"
            "<section class='appendix'><p>Phụ lục 2</p></section>")
    document = _open(docx_bytes(_rendered(body)))
    assert len(document.sections) == 3
    assert [(s, t) for s, t in _section_of_blocks(document) if s] == [
        (1, "Phụ lục"), (1, "Tiếp theo"), (2, "Phụ lục 2")]


def test_a_document_starting_with_an_appendix_has_no_empty_section() -> None:
    only = "<section class='appendix'><p>Phụ lục</p></section>"
    document = _open(docx_bytes(_rendered(only)))
    assert len(document.sections) == 1
    assert _page_numbering(document.sections[0]) == "1"
    assert [p.text for p in document.paragraphs] == ["Phụ lục"]


def test_a_document_without_appendices_has_one_section() -> None:
    data = docx_bytes(_rendered(_MAIN + "<p>Một phần</p>"))
    document = _open(data)
    assert len(document.sections) == 1
    assert _page_numbering(document.sections[0]) is None
    assert document.sections[0].different_first_page_header_footer
    assert [p.text for p in document.paragraphs] == ["BÁO CÁO", "Mở đầu", "Một phần"]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert xml.count(b"<w:sectPr") == 1 and b"pgNumType" not in xml
    assert xml.rindex(b"<w:sectPr") > xml.rindex(b"</w:p>")  # only the body's own, last


def test_other_sections_are_outside_the_subset() -> None:
    inside = "<div><section class='appendix'><p>Phụ lục</p></section></div>"
    with pytest.raises(MisplacedAppendix, match="not a child of <body>"):
        docx_bytes(_rendered(inside))
    nested = "<section class='appendix'><section class='appendix'><p>x</p></section></section>"
    with pytest.raises(MisplacedAppendix):
        docx_bytes(_rendered(nested))
    with pytest.raises(UnsupportedTag, match="unsupported tag <section> .*children of <body>"):
        docx_bytes(_rendered("<section><p>Một phần</p></section>"))
    # The errors survive the trip from a worker process of the batch.
    for error in (MisplacedAppendix("t.html.j2", 3), UnsupportedTag("code", "t.html.j2", 4)):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
        assert (again.tag, again.template, again.line) == (error.tag, error.template, error.line)
