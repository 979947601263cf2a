"""Layout details of HD 36-HD/VPTW checked on the documents as written: margins measured on page
images, charts kept with their captions, no table header alone at the foot of a page, one decimal
style, varied sentences, sources cited by title and date (never by local file names), PDF/A."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docs_fixtures import TEST_CONFIG, docx_text, load_seeds, pdf_body_text, pdf_pages

from reportgen.build import write
from reportgen.cli import main
from reportgen.config import Config, Layout
from reportgen.config.schema import KEYS
from reportgen.contexts import plan
from reportgen.contexts.common import source_dicts
from reportgen.contexts.merge import SourceRef, group_by_unit, source_address
from reportgen.contexts.summary import summary_context
from reportgen.contexts.variety import opening, vary
from reportgen.model import Evidence, Extraction, Fact, Source, Unit
from reportgen.render import render
from reportgen.vietnamese.gazetteer import districts

MM_PER_INCH = 25.4
DPI = 100
requires_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")


# -- documents to look at -----------------------------------------------------------------------

def _district(name: str, i: int, year: int = 2022) -> Extraction:
    """A district of Thanh Hóa with a few figures (values differ by `i`)."""
    values = {"members_total": 4000 + 137 * i, "members_admitted": 90 + 7 * i,
              "members_female": 1500 + 41 * i, "grassroots_orgs": 40 + i, "orgs_rated": 40 + i,
              "orgs_good_or_above": 35 + i % 5, "members_rated": 3900 + 130 * i,
              "members_excellent": 500 + 9 * i, "members_good_or_above": 3300 + 100 * i}
    text = f"Đảng bộ huyện {name} năm {year}: " + "; ".join(f"{k} {v}" for k, v in values.items()) + "."
    facts = []
    for metric, value in values.items():
        start = text.index(f"{metric} {value}") + len(metric) + 1
        end = start + len(str(value))
        facts.append(Fact(metric, value, year=year, evidence=Evidence(str(value), start, end)))
    return Extraction(Source(f"nguon/huyen-{i}.txt", text), f"Công tác xây dựng Đảng ở {name}",
                      date(year + 1, 1, 10 + i % 15), Unit(name, "huyện", "Thanh Hóa"), year, tuple(facts))


def _many(n: int) -> list[Extraction]:
    names = [p.name for p in districts("Thanh Hóa") if p.kind == "huyện"][:n]
    return [_district(name, i) for i, name in enumerate(names)]


def _jobs() -> dict[str, Any]:
    """The seed documents of every kind and comparisons of 12 and 17 districts, by slug."""
    jobs = [j for kind in ("tom-tat", "so-sanh", "danh-gia", "tong-ket-nam")
            for j in plan(load_seeds(), TEST_CONFIG, kind=kind)]
    jobs += plan(_many(12), TEST_CONFIG, kind="so-sanh") + plan(_many(17), TEST_CONFIG, kind="so-sanh")
    return {j.slug: j for j in jobs}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The seed documents of every kind and comparisons of 12 and 17 districts, as PDF and DOCX."""
    folder = tmp_path_factory.mktemp("hd36")
    out: dict[str, dict[str, Path]] = {}
    for job in _jobs().values():
        rendered = render(job, TEST_CONFIG)
        out[job.slug] = {fmt: write(rendered, fmt, folder / f"{job.slug}.{fmt}") for fmt in ("pdf", "docx")}
    return out


# -- margins, measured on page images -------------------------------------------------------------

def _ink_boxes(pdf: Path, folder: Path) -> list[tuple[float, float, float, float, Any]]:
    """Per page: (left, top, right, bottom) of the ink in mm, and the page image."""
    from PIL import Image

    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(DPI), str(pdf), str(prefix)], check=True)
    boxes = []
    for png in sorted(folder.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        image = Image.open(png).convert("L")
        ink = image.point(lambda v: 255 if v < 160 else 0)
        left, top, right, bottom = ink.getbbox()
        mm = MM_PER_INCH / DPI
        boxes.append((left * mm, top * mm, right * mm, bottom * mm, ink))
    return boxes


def test_the_default_margins_are_inside_the_ranges_of_hd36() -> None:
    ranges = {k.name: k.usual for k in KEYS if k.name.startswith("margin_")}
    assert ranges == {"margin_top_mm": (20, 25), "margin_bottom_mm": (20, 25), "margin_left_mm": (30, 35),
                      "margin_right_mm": (15, 20)}
    layout = Layout()
    for name, (low, high) in ranges.items():
        assert low <= getattr(layout, name) <= high, name


@requires_pdftoppm
@pytest.mark.parametrize("layout", [Layout(), replace(Layout(), margin_top_mm=25, margin_bottom_mm=25,
                                                      margin_left_mm=35, margin_right_mm=20)],
                         ids=["defaults", "upper-ends"])
def test_margins_measured_on_the_page_images(layout: Layout, tmp_path: Path) -> None:
    config = replace(TEST_CONFIG, layout=layout)
    job = next(j for j in plan(load_seeds(), config) if j.slug == "huyen-thuong-tin-2019")
    pdf = write(render(job, config), "pdf", tmp_path / "doc.pdf")
    boxes = _ink_boxes(pdf, tmp_path)
    assert len(boxes) >= 2
    width, height = layout.page_width_mm, layout.page_height_mm
    tolerance = 0.6  # a pixel and a half at 100 dpi, and the side bearings of the glyphs
    # justified text reaches both edges of the text box: the left and right margins
    assert min(b[0] for b in boxes) == pytest.approx(layout.margin_left_mm, abs=1.5)
    assert all(b[0] >= layout.margin_left_mm - tolerance for b in boxes)
    assert max(b[2] for b in boxes) == pytest.approx(width - layout.margin_right_mm, abs=1.5)
    assert all(b[2] <= width - layout.margin_right_mm + tolerance for b in boxes)
    assert all(b[3] <= height - layout.margin_bottom_mm + tolerance for b in boxes)
    # page 1 has no page number: the header starts at the top margin
    assert boxes[0][1] == pytest.approx(layout.margin_top_mm, abs=2.0)
    assert boxes[0][1] >= layout.margin_top_mm - tolerance
    # later pages: inside the top margin only the page number, centred over the text
    mm = MM_PER_INCH / DPI
    centre = layout.margin_left_mm + (width - layout.margin_left_mm - layout.margin_right_mm) / 2
    for left, top, right, bottom, ink in boxes[1:]:
        band = ink.crop((0, 0, ink.width, int((layout.margin_top_mm - tolerance) / mm)))
        box = band.getbbox()
        assert box is not None, "the page number is missing"
        assert abs((box[0] + box[2]) / 2 * mm - centre) < 3 and (box[2] - box[0]) * mm < 10


def test_docx_margins_are_the_configured_ones(written: dict[str, dict[str, Path]]) -> None:
    for paths in written.values():
        section = docx.Document(str(paths["docx"])).sections[0]
        assert [round(getattr(section, m).mm, 1) for m in ("top_margin", "bottom_margin", "left_margin",
                                                           "right_margin")] == [20.0, 20.0, 30.0, 15.0]


# -- charts with their captions; table headers never alone at the foot of a page ----------------------

def _laid_out(slug: str) -> list[list[tuple[str, int]]]:
    """What each page of a document holds, in order, as WeasyPrint lays it out for the PDF:
    ("chart", 0), ("caption", 0), ("head", table), ("row", table)."""
    import weasyprint

    from reportgen.writers.pdf import _roots, font_config, url_fetcher

    rendered = render(_jobs()[slug], TEST_CONFIG)
    document = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url,
                               url_fetcher=url_fetcher(_roots(rendered), slug)
                               ).render(font_config=font_config())
    pages = []
    for page in document.pages:
        items: list[tuple[str, int]] = []
        for box in page._page_box.descendants():
            element, name = getattr(box, "element", None), type(box).__name__
            if element is None:
                continue
            if name == "InlineReplacedBox" and element.tag == "img":
                items.append(("chart", 0))
            elif name == "BlockBox" and "caption" in (element.get("class") or ""):
                items.append(("caption", 0))
            elif name == "TableBox":  # a table's part on this page: header rows (repeated), body rows
                for group in box.children:
                    kind = "head" if getattr(group, "is_header", False) else "row"
                    items += [(kind, id(element))] * len(getattr(group, "children", ()))
        pages.append(items)
    return pages


_LAID_OUT = ("so-sanh-2022-2-don-vi", "so-sanh-2022-12-don-vi", "so-sanh-2022-17-don-vi", "huyen-thuong-tin-2019",
             "tong-ket-nam-2022", "danh-gia-huyen-thuong-tin-2019")


@pytest.fixture(scope="module")
def laid_out() -> dict[str, list[list[tuple[str, int]]]]:
    return {slug: _laid_out(slug) for slug in _LAID_OUT}


def test_every_chart_caption_is_on_the_page_of_its_chart(laid_out: dict[str, Any]) -> None:
    checked = 0
    for slug, pages in laid_out.items():
        for number, items in enumerate(pages, 1):
            kinds = [k for k, _ in items if k in ("chart", "caption")]
            # on every page, each chart is followed by its caption
            assert kinds == ["chart", "caption"] * (len(kinds) // 2), f"{slug}: page {number}: {kinds}"
            checked += kinds.count("chart")
    assert checked >= 6


def test_no_page_ends_with_a_table_header_row(laid_out: dict[str, Any]) -> None:
    crossing = 0
    for slug, pages in laid_out.items():
        tables_seen: dict[int, int] = {}
        for number, items in enumerate(pages, 1):
            heads = {t for k, t in items if k == "head"}
            rows = {t for k, t in items if k == "row"}
            assert heads <= rows, f"{slug}: page {number} shows a table header without any row under it"
            for table in rows:
                tables_seen[table] = tables_seen.get(table, 0) + 1
        crossing += sum(1 for n in tables_seen.values() if n > 1)
    assert crossing  # some table runs over a page: its header was repeated and checked there


def test_the_css_keeps_table_heads_charts_and_headings_with_what_follows() -> None:
    html = render(plan(load_seeds(), TEST_CONFIG)[0], TEST_CONFIG).html
    assert "table.data thead tr { page-break-inside: avoid; page-break-after: avoid; }" in html
    assert re.search(r"div\.figure \{[^}]*page-break-after: avoid", html)
    assert re.search(r"h1, h2, h3 \{[^}]*page-break-after: avoid", html)


# -- one decimal style; varied sentences; sources by title and date -------------------------------

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”")
_PERCENT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*(?:,(\d+))?\s?%")


def decimal_styles(text: str) -> set[int]:
    """How many decimals the percentages of a text have (quotes of the sources left out)."""
    return {len(m.group(1) or "") for m in _PERCENT.finditer(_QUOTED.sub("", text))}


def test_decimal_styles_sees_mixed_styles() -> None:
    assert decimal_styles("đạt 3% và 3,1%") == {0, 1}
    assert decimal_styles("đạt 3,0% và 3,1%; nguồn ghi «2,47%»") == {1}


def test_one_decimal_style_per_document(written: dict[str, dict[str, Path]]) -> None:
    for slug, paths in written.items():
        styles = decimal_styles(docx_text(paths["docx"]))
        assert len(styles) <= 1, f"{slug}: percentages with {sorted(styles)} decimals"


def _sentences(text: str) -> list[list[str]]:
    """Runs of sentences of consecutive body paragraphs (a heading or table line ends a run)."""
    runs: list[list[str]] = [[]]
    for line in text.splitlines():
        line = line.strip()
        if not line.endswith(".") or line.isupper():
            runs.append([])
            continue
        runs[-1] += re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ0-9«\[])", line)
    return [r for r in runs if r]


def three_alike(text: str) -> list[list[str]]:
    """Every three sentences in a row that open with the same words."""
    return [run[i - 2:i + 1] for run in _sentences(text) for i in range(2, len(run))
            if opening(run[i]) == opening(run[i - 1]) == opening(run[i - 2])]


def test_vary_rewrites_the_third_opening_alike() -> None:
    said = ["Năm 2019, Đảng bộ kết nạp 9 đảng viên mới.", "Năm 2019, số đảng viên nữ là 40 đồng chí.",
            "Năm 2019, kết quả kết nạp đạt 100,0% so với chỉ tiêu.", "Năm 2019, Đảng bộ có 5 chi bộ."]
    varied = vary(said)
    assert varied[:2] == said[:2]
    assert varied[2] == "Cũng trong năm 2019, kết quả kết nạp đạt 100,0% so với chỉ tiêu."
    assert varied[3] == said[3]  # the two before it no longer open alike
    assert not three_alike("\n".join(varied))
    assert three_alike("\n".join(said))
    party = ["Đảng bộ xã A có 5 chi bộ.", "Đảng bộ xã A kết nạp 3 đảng viên.",
             "Đảng bộ xã A có 90 đảng viên."]
    assert vary(party)[2] == "Bên cạnh đó, Đảng bộ xã A có 90 đảng viên."
    members = ["Đảng viên mới năm 2022: 9.", "Đảng viên mới năm 2021: 8.", "Đảng viên bị kỷ luật năm 2022: 2."]
    assert vary(members)[2] == "Bên cạnh đó, đảng viên bị kỷ luật năm 2022: 2."


def test_a_summary_of_many_figures_of_one_year_has_varied_sentences() -> None:
    extraction = _district("Mường Lát", 1)
    text = extraction.source.text
    more = []
    for metric, value in (("members_admitted", 97), ("admission_target_pct", 100)):
        start = text.index(str(value)) if str(value) in text else 0
        more.append(Fact(metric, value, year=2022, evidence=Evidence(text[start:start + len(str(value))],
                                                                     start, start + len(str(value)))))
    facts = group_by_unit([replace(extraction, facts=extraction.facts + tuple(more[1:]))])[0]
    context = summary_context(facts, TEST_CONFIG)
    members = context["sections"][0]["sentences"]
    assert len(members) >= 3 and not three_alike("\n".join(members))


def test_no_three_sentences_in_a_row_open_alike(written: dict[str, dict[str, Path]]) -> None:
    for slug, paths in written.items():
        assert not three_alike(docx_text(paths["docx"])), slug


def test_sources_are_cited_by_title_date_and_address_never_by_file_name(
        written: dict[str, dict[str, Path]]) -> None:
    refs = [SourceRef(1, "/home/vp/tai-lieu/bai-1.txt", "Thường Tín chú trọng công tác xây dựng Đảng",
                      date(2020, 3, 2), "https://baochinhphu.vn/bai-1.htm"),
            SourceRef(2, "C:\\Docs\\bai 2.html", None, None)]
    first, second = source_dicts(refs)
    assert first["citation"] == ("«Thường Tín chú trọng công tác xây dựng Đảng», "
                                 "đăng ngày 02 tháng 3 năm 2020, "
                                 "https://baochinhphu.vn/bai-1.htm")
    assert "bai 2" not in second["citation"] and second["citation"].startswith("Bài viết không rõ tiêu đề")
    for slug, paths in written.items():
        for text in (docx_text(paths["docx"]), pdf_body_text(paths["pdf"])):
            assert not re.search(r"[\w-]+\.(txt|html?|docx?|pdf)\b", text), slug
            assert "tệp " not in text, slug


def test_the_address_a_source_states_is_found() -> None:
    page = "Tin tức\nNguồn: https://thanhhoa.dcs.vn/tin/123.htm.\nNội dung bài viết."
    assert source_address(Source("a.txt", page)) == "https://thanhhoa.dcs.vn/tin/123.htm"
    assert source_address(Source("a.txt", "Không có địa chỉ.\n" * 20)) is None
    saved = Extraction(Source("a.txt", page), "Tiêu đề", date(2021, 5, 1), Unit("Mường Lát", "huyện",
                                                                                   "Thanh Hóa"), 2021)
    [facts] = group_by_unit([saved])
    assert facts.sources[0].address == "https://thanhhoa.dcs.vn/tin/123.htm"


# -- PDF/A ----------------------------------------------------------------------------------------------

def _xmp(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    metadata = reader.xmp_metadata
    return metadata.stream.get_data().decode("utf-8") if metadata is not None else ""


@pytest.mark.parametrize("variant, part, conformance", [("pdf/a-3b", "3", "B"), ("pdf/a-2b", "2", "B")])
def test_build_pdf_variant_writes_pdfa_metadata(variant: str, part: str, conformance: str,
                                                tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(seeds / "thuong-tin-2019.txt"), "-o", str(out),
                                       "--format", "pdf", "--pdf-variant", variant,
                                       "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 0, result.output
    xmp = _xmp(out / "huyen-thuong-tin-2019.pdf")
    assert re.search(rf'pdfaid:part(="|>){part}', xmp)
    assert re.search(rf'pdfaid:conformance(="|>){conformance}', xmp)
    assert "HUYỆN ỦY THƯỜNG TÍN" in xmp  # dc:creator: the issuing body


def test_pdf_variant_of_the_config_and_plain_pdf_without(tmp_path: Path) -> None:
    job = plan(_many(22), TEST_CONFIG, kind="so-sanh")[0]  # appendices: parts joined into one file
    plain = write(render(job, TEST_CONFIG), "pdf", tmp_path / "plain.pdf")
    assert "pdfaid" not in _xmp(plain)
    config = replace(TEST_CONFIG, pdf_variant="pdf/a-3b")
    archived = write(render(job, config), "pdf", tmp_path / "a.pdf")
    assert re.search(r'pdfaid:part(="|>)3', _xmp(archived))
    assert len(pdf_pages(archived)) == len(pdf_pages(plain))


def test_pdf_variant_key_is_checked(tmp_path: Path) -> None:
    from reportgen.config import ConfigError, parse_config

    parsed = parse_config('pdf_variant = "PDF/A-3b"\nheader_form = "qd399"\n', "x.toml")
    assert (parsed.pdf_variant, parsed.header_form) == ("pdf/a-3b", "qd399")
    with pytest.raises(ConfigError, match="pdf_variant = 'pdf/x' is not one of"):
        parse_config('pdf_variant = "pdf/x"\n', "x.toml")
    with pytest.raises(ConfigError, match="header_form"):
        parse_config('header_form = "hd99"\n', "x.toml")
    assert Config().header_form == "hd36"
