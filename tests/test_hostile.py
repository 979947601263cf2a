"""Hostile inputs (issue 7): each gives a clear one-line error or a correct result, never a traceback.

Every hostile file goes through the command line (`reportgen extract`, and `reportgen build` on
all of them at once): empty and binary files, a 50 MB text, deeply nested and malformed HTML,
corrupt DOCX (bad XML, entity bomb, external entity, zip bomb, nesting past the parser's limit)
and PDF (cyclic page tree, recursion bomb, broken stream), NFD text, zero-width and bidi control
characters, TCVN3 and VNI bytes, and sources whose every number is garbage. Then hypothesis
fuzzes the normaliser, the number parser and the extractor with hostile Unicode.

Reader-level refusals (empty, binary, truncated DOCX/PDF, encrypted PDF, size limits) are in
test_readers.py; plain arbitrary-text fuzzing of the extractor and normaliser in
test_extract_fuzz.py and test_normalise.py. This file adds the end-to-end and hostile-alphabet cases.
"""
from __future__ import annotations

import json
import math
import os
import re
import traceback
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.cli import main
from reportgen.extract import extract
from reportgen.extract.mentions import find_mentions
from reportgen.model import Source
from reportgen.readers import read
from reportgen.readers.legacy import TCVN3, VNI, Legacy
from reportgen.vietnamese.normalise import fold, normalise, normalise_name, tone_style
from reportgen.vietnamese.numbers import parse_number

# Only characters TCVN3 and VNI can both encode (no upper-case toned letters).
ARTICLE = """Huyện ủy Tân Hồng nâng cao chất lượng đội ngũ đảng viên

Năm 2022, Đảng bộ huyện Tân Hồng, tỉnh Đồng Tháp đã mở 2 lớp nhận thức về Đảng, có 151 quần chúng \
ưu tú tham gia, kết nạp 104 đảng viên mới (đạt 101% chỉ tiêu), nâng tổng số đảng viên toàn huyện \
lên 3.328 đồng chí.

Toàn huyện có 27 tổ chức cơ sở đảng; 173 chi bộ trực thuộc đảng ủy cơ sở. Năm 2022, huyện thi hành \
kỷ luật 12 đảng viên.
"""
UNIT = {"name": "Tân Hồng", "kind": "huyện", "province": "Đồng Tháp"}
Facts = frozenset  # of (metric, value, year)


def facts_of(doc: dict) -> Facts:
    return frozenset((f["metric"], f["value"], f["year"]) for f in doc["facts"])


@pytest.fixture(scope="module")
def reference() -> Facts:
    """The facts of the clean UTF-8 article: what every readable variant must give."""
    found = facts_of(extract(Source("clean.txt", ARTICLE)).to_json())
    assert {("members_total", 3328, 2022), ("members_admitted", 104, 2022)} <= found
    return found


# --- running the command line -------------------------------------------------------------------

def invoke(*args: str) -> Result:
    """`reportgen ARGS` in-process; fails on any traceback or an exit status other than 0 or 1."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail("traceback:\n" + "".join(traceback.format_exception(result.exception)))
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code in (0, 1), result.output + result.stderr
    return result


def error_lines(result: Result) -> list[str]:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("reportgen: lỗi: ")]
    return errors


# --- hostile files --------------------------------------------------------------------------------

def html_article(body_prefix: str = "", body_suffix: str = "", head: str = "") -> str:
    title, *paragraphs = ARTICLE.strip().split("\n\n")
    body = f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head>{head}</head><body>{body_prefix}{body}{body_suffix}</body></html>"


def legacy_bytes(text: str, legacy: Legacy) -> bytes:
    """Encode `text` in a legacy encoding (inverse of its decoder over 1- and 2-byte sequences)."""
    table: dict[str, bytes] = {}
    for seq in [bytes([b]) for b in range(256)] + [bytes([a, b]) for a in range(0x20, 0x100)
                                                   for b in range(0x80, 0x100)]:
        char = legacy.decode(seq)
        if len(char) == 1 and not char.isascii():
            table.setdefault(char, seq)
    data = b"".join(c.encode("ascii") if c.isascii() else table[c] for c in text)
    assert legacy.decode(data) == text
    return data


INVISIBLES = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u200e", "\u200f"]
BIDI = [("\u202a", "\u202c"), ("\u202b", "\u202c"), ("\u202d", "\u202c"), ("\u202e", "\u202c"),
        ("\u2066", "\u2069"), ("\u2067", "\u2069"), ("\u2068", "\u2069")]


def with_controls(text: str, invisibles: list[str] = INVISIBLES) -> str:
    """A zero-width character inside every word, numbers wrapped in bidi embeddings/overrides/isolates."""
    out = []
    for i, token in enumerate(re.split(r"(\s+)", text)):
        zw = invisibles[i % len(invisibles)]
        if any(c.isdigit() for c in token):
            opening, closing = BIDI[i % len(BIDI)]
            half = len(token) // 2
            token = opening + token[:half] + zw + token[half:] + closing
        elif len(token.strip()) > 2:
            token = token[:1] + zw + token[1:]
        out.append(token)
    return "".join(out)


def docx_with(document_xml: bytes | None, drop: tuple[str, ...] = ()) -> bytes:
    """A python-docx document whose word/document.xml is replaced (None: kept) and parts dropped."""
    import io

    import docx

    base = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(ARTICLE)
    document.save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = src.read(info.filename)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            dst.writestr(info.filename, data)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = ("<?xml version='1.0'?><!DOCTYPE w:document [" + "".join(
    f'<!ENTITY l{i} "' + (f"&l{i - 1};" if i else "lol") * 10 + '">' for i in range(10))
    + f"]><w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>")
XXE = ("<?xml version='1.0'?><!DOCTYPE w:document [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
       f"<w:document {W}><w:body><w:p><w:r><w:t>Huyện ủy Tân Hồng &x;</w:t></w:r></w:p></w:body></w:document>")
DEEP_DOCX = (f"<w:document {W}><w:body>" + "<w:tbl><w:tr><w:tc>" * 3000 + "<w:p><w:r><w:t>Tân Hồng</w:t>"
             "</w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 3000 + "</w:body></w:document>")


def zip_bomb() -> bytes:
    """A DOCX whose document.xml inflates to 210 MB (a 200 KB file)."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            chunk = b" " * (1 << 20)
            for _ in range(210):
                handle.write(chunk)
    return out.getvalue()


def pdf_of(*objects: bytes) -> bytes:
    """A PDF with a correct xref table over `objects` (numbered from 1; 1 is the catalog)."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


PDF_TEXT = b"BT /F1 12 Tf 72 720 Td (Huyen uy Tan Hong ket nap 104 dang vien) Tj ET"
PDF_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>")
PDF_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


@dataclass(frozen=True)
class Case:
    """A hostile file: its name and bytes, and what `extract` must give: an error naming the
    file and holding `error`, or facts (`facts="article"`: those of the clean article; None: any)."""

    name: str
    make: Callable[[], bytes]
    error: str | None = None
    facts: str | None = None
    build_error: bool | None = None  # default: an error exactly when `extract` gives one

    @property
    def fails_build(self) -> bool:
        return self.build_error if self.build_error is not None else self.error is not None


def _utf8(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


CASES = [
    Case("empty.txt", lambda: b"", error="tệp rỗng"),
    Case("noise.txt", lambda: bytes((i * 7919 + 13) % 256 for i in range(8192)), error="không phải văn bản "
                                                                                       "dạng chữ"),
    Case("nfd.txt", _utf8(unicodedata.normalize("NFD", ARTICLE)), facts="article"),
    Case("controls.txt", _utf8(with_controls(ARTICLE)), facts="article"),
    Case("tcvn3.txt", lambda: legacy_bytes(ARTICLE, TCVN3), facts="article"),
    Case("vni.txt", lambda: legacy_bytes(ARTICLE, VNI), facts="article"),
    # HTML
    Case("nested.html", _utf8(html_article("<div>" * 30_000, "</div>" * 30_000)), facts="article"),
    Case("unclosed.html", _utf8(html_article("<div><span><table><tr><td><b><i>" * 5_000)), facts="article"),
    Case("stray-closing.html", _utf8("</div></p></table></body></html>" * 5_000 + html_article()), facts="article"),
    Case("malformed.html", _utf8(html_article(
        "<p>&#xFFFFFFFF; &#0; &#xD800; &bogus; &amp <a href=\">", "<script>var a = '</scr' + 'ipt>';",
        head="<meta charset='x-no-such-charset'><title>Tin")), facts="article"),
    Case("huge-attribute.html", _utf8(html_article(f"<p title='{'a' * 12_000_000}'>x</p>")), facts="article"),
    Case("comment-swallows-all.html", _utf8("<html><body><!-- never closed "
                                            "" + ARTICLE), error="không có chữ"),
    Case("only-tags.html", _utf8("<html><body>" + "<br><hr>" * 20_000 + "</body></html>"), error="không có chữ"),
    # DOCX
    Case("bad-xml.docx", lambda: docx_with(f"<w:document {W}><w:body><w:p><w:r><w:t>Đảng".encode()),
         error="tệp DOCX bị hỏng"),
    Case("entity-bomb.docx", lambda: docx_with(LAUGHS.encode()), error="tệp DOCX bị hỏng"),
    Case("too-deep.docx", lambda: docx_with(DEEP_DOCX.encode()), error="tệp DOCX bị hỏng"),
    Case("no-document.docx", lambda: docx_with(None, drop=("word/document.xml",)), error="tệp DOCX bị hỏng"),
    Case("zip-bomb.docx", zip_bomb, error="quá lớn"),
    Case("external-entity.docx", lambda: docx_with(XXE.encode()), build_error=False),
    # PDF
    Case("cyclic-pages.pdf", lambda: pdf_of(CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                                             PDF_PAGE, _stream(PDF_TEXT), PDF_FONT), error="tệp PDF bị hỏng"),
    Case("recursion.pdf", lambda: pdf_of(CATALOG, PAGES, PDF_PAGE,
                                         _stream(b"[" * 50_000 + b"]" * 50_000 + b" " + PDF_TEXT), PDF_FONT),
         error="tệp PDF bị hỏng"),
    Case("no-pages.pdf", lambda: pdf_of(b"<< /Type /Catalog /Pages 1 0 R >>", b"<< >>"), error="tệp PDF bị hỏng"),
    Case("broken-stream.pdf", lambda: pdf_of(CATALOG, PAGES, PDF_PAGE,
                                             _stream(b"not zlib data", b" /Filter /FlateDecode"), PDF_FONT),
         error="không có lớp chữ"),
    # readable, but ASCII-only text names no known unit: extract gives a result, build one error line
    Case("lying-count.pdf", lambda: pdf_of(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
                                           PDF_PAGE, _stream(PDF_TEXT), PDF_FONT), build_error=True),
    Case("nested-dictionaries.pdf", lambda: pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /X " + b"<< /A " * 20_000 + b"1" + b" >>" * 20_000 + b" >>",
        PAGES, PDF_PAGE, _stream(PDF_TEXT), PDF_FONT), build_error=True),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every hostile file of CASES."""
    folder = tmp_path_factory.mktemp("hostile")
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    return folder


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_extract_gives_one_line_error_or_correct_result(case: Case, hostile: Path, reference: Facts) -> None:
    path = hostile / case.name
    result = invoke("extract", str(path), "--format", "json")
    docs = json.loads(result.stdout)
    assert len(docs) == 1 and docs[0]["path"] == str(path)
    errors = error_lines(result)
    if case.error is not None:
        assert result.exit_code == 1
        assert len(errors) == 1 and errors[0].startswith(f"reportgen: lỗi: {path}: "), errors
        assert case.error in errors[0] and case.error in docs[0]["error"]
        return
    assert result.exit_code == 0 and errors == [], result.stderr
    doc = docs[0]
    if case.facts == "article":
        assert doc["unit"] == UNIT
        assert facts_of(doc) == reference
    assert "root:" not in json.dumps(doc, ensure_ascii=False)  # no external entity was fetched
    text = read(path).text
    for fact in doc["facts"]:  # evidence is an exact span of the decoded text (NFD, controls kept)
        ev = fact["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_build_of_all_hostile_files_together(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("build", str(hostile), "-o", str(out), "--format", "docx,pdf", "-j", "1")
    assert result.exit_code == 1
    errors = error_lines(result)
    for case in CASES:
        mine = [e for e in errors if f"reportgen: lỗi: {hostile / case.name}:" in e]
        assert len(mine) == (1 if case.fails_build else 0), (case.name, mine)
    assert len(errors) == sum(c.fails_build for c in CASES), errors
    # The readable variants are one unit: its documents, and the comparison, in both formats.
    built = {p.name for p in out.iterdir() if p.is_file()}
    for suffix in (".docx", ".pdf"):
        assert any(n.startswith("huyen-tan-hong") and n.endswith(suffix) for n in built), built
    assert not list(out.glob(".*.tmp"))


def test_50_mb_text(tmp_path: Path, reference: Facts) -> None:
    """The article, then 50 MB of Vietnamese prose: the article's facts, in bounded time and memory."""
    filler = ("Các cấp ủy, tổ chức đảng tiếp tục quán triệt, triển khai thực hiện nghiêm túc các nghị quyết, "
              "chỉ thị của Trung ương, tăng cường công tác kiểm tra, giám sát, nâng cao năng lực lãnh đạo, sức "
              "chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ cán bộ, đảng viên. ") * 20 + "\n"
    head, line = (ARTICLE + "\n").encode("utf-8"), filler.encode("utf-8")
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.write(head)
        handle.write(line * ((50_000_000 - len(head)) // len(line)))
    assert path.stat().st_size > 49_000_000
    result = invoke("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (doc,) = json.loads(result.stdout)
    assert doc["unit"] == UNIT and facts_of(doc) == reference


def test_soft_hyphens_keep_utf8(tmp_path: Path, reference: Facts) -> None:
    """U+00AD (soft hyphen, a hyphenation hint of web pages) in every third word."""
    words = ARTICLE.split(" ")
    text = " ".join(w[:2] + "\u00ad" + w[2:] if i % 3 == 0 and len(w) > 3 else w for i, w in enumerate(words))
    path = tmp_path / "soft-hyphens.txt"
    path.write_text(text, encoding="utf-8")
    assert read(path).encoding == "utf-8"
    (doc,) = json.loads(invoke("extract", str(path), "--format", "json").stdout)
    assert doc["unit"] == UNIT and facts_of(doc) == reference


# --- sources whose numbers are garbage --------------------------------------------------------------

GARBAGE_SENTENCE = ("Năm 2022, toàn huyện kết nạp {g} đảng viên mới, nâng tổng số đảng viên toàn huyện lên {g} "
                    "đồng chí; có {g} tổ chức cơ sở đảng, {g}% hoàn thành tốt nhiệm vụ.")
GARBAGE = ["9,2.4", "3.328.1.2", "1,2,3,4", "0x1F", "1e10", "-5", "½", "Ⅻ", "9.2400", "1.2.", ".5", "1/0", "0/0",
           "5/", "9.240,5,5", "12a", "a12", "1_000", "∞", "NaN", "3,328.5", "1.234,5.6", "9.99.999", "--", "%"]
# Once read as figures (members_total 1, 12, 1e26, inf); now refused as counts.
GARBAGE += ["1..2.3", "12,,5", "9" * 26, "9" * 400]


def _garbage_source(*tokens: str) -> str:
    return "Huyện ủy Tân Hồng\n\n" + "\n\n".join(GARBAGE_SENTENCE.format(g=g) for g in tokens) + "\n"


@pytest.mark.parametrize("token", GARBAGE, ids=lambda t: t if len(t) < 12 else f"{len(t)}-digits")
def test_garbage_numbers_give_no_figure(token: str) -> None:
    e = extract(Source("garbage.txt", _garbage_source(token)))
    assert e.unit is not None and e.unit.name == "Tân Hồng"
    assert [(f.metric, f.value, f.evidence.text) for f in e.facts] == []


def test_cli_on_a_source_whose_every_number_is_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_text(_garbage_source(*GARBAGE), encoding="utf-8")
    (doc,) = json.loads(invoke("extract", str(path)).stdout)
    assert doc["unit"] == UNIT and doc["facts"] == []
    result = invoke("build", str(path), "-o", str(tmp_path / "out"), "--format", "docx", "-j", "1")
    assert result.exit_code == 0 and not error_lines(result)


@pytest.mark.parametrize("digits", [26, 400])
def test_cli_on_an_absurd_figure(tmp_path: Path, digits: int) -> None:
    path = tmp_path / "absurd.txt"
    path.write_text(_garbage_source("9" * digits), encoding="utf-8")
    result = invoke("extract", str(path))
    (doc,) = json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"invalid JSON token {c}"))
    assert doc["facts"] == []  # no count of a district is 10^26 (or infinite)
    build = invoke("build", str(path), "-o", str(tmp_path / "out"), "--format", "docx", "-j", "1")
    assert build.exit_code in (0, 1)


# --- fuzzing with hostile Unicode ---------------------------------------------------------------------

HOSTILE_CHARS = list(
    "\u200b\u200c\u200d\ufeff\u2060\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # invisible
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0345"  # combining marks, alone or stacked
    "\u00a0\u2028\u2029\u0085\r\n\t\x00\x1f\x7f\ufffd"  # separators and controls
    "٣١２½²Ⅻ߀"  # digits and numerals of other scripts
    "\U0001f600İıßﬁǅΐĐđƠơƯư"  # astral, case-mapping and lookalike letters
)
HOSTILE = st.sampled_from(HOSTILE_CHARS)
NUMBERISH = st.sampled_from(list("0123456789.,%/-+ "))
REPORT_WORDS = st.sampled_from([
    "Huyện ủy", "Tân Hồng", "Đảng bộ", "huyện", "tỉnh Đồng Tháp", "kết nạp", "đảng viên", "ĐV", "mới", "tổng số",
    "lên", "có", "9.240", "11/54", "89,5%", "tổ chức cơ sở đảng", "chi bộ", "kỷ luật", "lớp", "học viên", "Năm 2019",
    "nhiệm kỳ 2015-2020", "٣.٣٢٨", "１２", "1..2", "12,,5", "hoàn thành tốt nhiệm vụ", "\n\n", "02/03/2020 | 10:30",
])
FUZZ = settings(max_examples=int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE, HOSTILE, st.characters(), NUMBERISH), max_size=120).map("".join)


@FUZZ
@given(HOSTILE_TEXT)
def test_normaliser_on_hostile_unicode(text: str) -> None:
    n = normalise(text)
    assert unicodedata.is_normalized("NFC", n.text)
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(text)
    assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))
    assert normalise(n.text).text == n.text
    for p in range(len(text) + 1):  # every original offset falls in a normalised position
        assert 0 <= n.from_original(p) <= len(n.text)
    for fn in (fold, tone_style, normalise_name):
        assert isinstance(fn(text), str)


@FUZZ
@given(st.lists(st.one_of(NUMBERISH, NUMBERISH, HOSTILE, st.characters()), max_size=40).map("".join))
def test_number_parser_on_hostile_unicode(token: str) -> None:
    try:
        value = parse_number(token)
    except ValueError:
        pass
    else:
        assert isinstance(value, (int, float)) and value >= 0
    for m in find_mentions(token):
        assert 0 <= m.start <= m.end <= len(token)
        assert isinstance(m.value, (int, float))


@FUZZ
@given(st.lists(st.one_of(REPORT_WORDS, REPORT_WORDS, HOSTILE, st.text(max_size=4)), max_size=80).map(" ".join),
       st.one_of(st.none(), st.text(max_size=40)), st.one_of(st.none(), st.text(max_size=30)))
def test_extractor_on_hostile_unicode(text: str, title: str | None, published: str | None) -> None:
    e = extract(Source("f.txt", text, title_hint=title, published_hint=published))
    for f in e.facts:
        assert f.evidence is not None and text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert math.isfinite(f.value)
    json.dumps(e.to_json(), allow_nan=False)  # the JSON of `reportgen extract` stays valid
