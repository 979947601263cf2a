"""Tests of the readers stage: every reader on files made here, encodings, and refusals."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.model import Source
from reportgen.readers import READERS, ReadError, read
from reportgen.readers.legacy import TCVN3, VISCII, VNI, legacy_font
from reportgen.readers.text import decode_bytes, repair_mojibake
from reportgen.vietnamese.letters import is_syllable

SENTENCE = "Đảng bộ huyện Thường Tín kết nạp 120 đảng viên mới, đạt 105% chỉ tiêu."
TONES = "\u0300\u0301\u0303\u0309\u0323"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        out.append(nfc("".join(c for c in d if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


# --- plain text: Unicode encodings -------------------------------------------------------------

def test_utf8(tmp_path: Path) -> None:
    src = read(write(tmp_path, "a.txt", SENTENCE + "\n"))
    assert isinstance(src, Source)
    assert src.text == SENTENCE + "\n"
    assert (src.encoding, src.format) == ("utf-8", "txt")


def test_path_is_kept_exactly_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", SENTENCE)
    monkeypatch.chdir(tmp_path)
    assert read("./a.txt").path == "./a.txt"
    assert read(Path("a.txt")).path == "a.txt"


def test_utf8_bom_is_stripped_and_crlf_kept(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + (SENTENCE + "\r\nDòng hai\r\n").encode("utf-8")
    src = read(write(tmp_path, "bom.txt", data))
    assert src.text == SENTENCE + "\r\nDòng hai\r\n"
    assert src.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec,label", [("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16(tmp_path: Path, codec: str, label: str) -> None:
    data = SENTENCE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    src = read(write(tmp_path, "u16.txt", data))
    assert src.text == SENTENCE
    assert src.encoding == label


def test_utf16_without_bom(tmp_path: Path) -> None:
    src = read(write(tmp_path, "u16.txt", SENTENCE.encode("utf-16-le")))
    assert src.text == SENTENCE
    assert src.encoding == "utf-16-le"


# --- plain text: single-byte and legacy encodings ----------------------------------------------

def test_cp1258(tmp_path: Path) -> None:
    data = to_cp1258(SENTENCE)
    # Hard-coded from the Windows-1258 table: đ = F0, combining hook above = D2.
    assert data.startswith(b"\xd0a\xd2ng b\xf4\xf2 huy\xea\xf2n")
    src = read(write(tmp_path, "cp.txt", data))
    assert src.encoding == "cp1258"
    assert nfc(src.text) == SENTENCE


# Bytes from the TCVN 5712:1993 table (checked against glibc's TCVN5712-1 charmap):
# đ=AE Đ=A7 ả=B6 ê=AA ư=AD ờ=EA í=DD ộ=E9 ệ=D6 ế=D5 ạ=B9 ớ=ED ỉ=D8 à=B5.
TCVN3_SAMPLES = {
    b"\xae\xb6ng vi\xaan": "đảng viên",
    b"\xa7\xb6ng": "Đảng",
    b"H\xb5 N\xe9i": "Hà Nội",
    b"Th\xad\xeang T\xddn": "Thường Tín",
}
TCVN3_SENTENCE = (b"\xa7\xb6ng b\xe9 huy\xd6n Th\xad\xeang T\xddn k\xd5t n\xb9p 120 \xae\xb6ng "
                  b"vi\xaan m\xedi, \xae\xb9t 105% ch\xd8 ti\xaau.")


@pytest.mark.parametrize("raw,expected", list(TCVN3_SAMPLES.items()))
def test_tcvn3_table_samples(raw: bytes, expected: str) -> None:
    assert TCVN3.decode(raw) == expected
    assert TCVN3.convert(raw.decode("cp1252")) == expected  # as found in a .VnTime DOCX run


def test_tcvn3_file(tmp_path: Path) -> None:
    src = read(write(tmp_path, "tcvn3.txt", TCVN3_SENTENCE + b"\r\n"))
    assert src.encoding == "tcvn3"
    assert src.text == SENTENCE + "\r\n"


def test_tcvn3_shown_as_cp1252_inside_utf8(tmp_path: Path) -> None:
    # A legacy document pasted into a UTF-8 editor: "§¶ng viªn" as real characters.
    src = read(write(tmp_path, "t.txt", TCVN3_SENTENCE.decode("cp1252")))
    assert src.text == SENTENCE
    assert src.encoding == "tcvn3"


def test_tcvn3_capitals_font_text() -> None:
    # ".VnTimeH" text: ASCII capitals with lower-case Vietnamese codes; upper-cased on conversion.
    from reportgen.readers.legacy import convert
    assert convert("B\xb8O C\xb8O K\xd5T QU\xb6", TCVN3) == "BÁO CÁO KẾT QUẢ"
    assert convert("b\xb8o c\xb8o", TCVN3, capitals=True) == "BÁO CÁO"


# VNI-Windows: base letter + mark character, per the published VNI layout (rows: plain, sắc,
# huyền, hỏi, ngã, nặng). Hard-coded so that a wrong table fails.
VNI_ROWS = {
    "a aù aø aû aõ aï": "a á à ả ã ạ",
    "aâ aá aà aå aã aä": "â ấ ầ ẩ ẫ ậ",
    "aê aé aè aú aü aë": "ă ắ ằ ẳ ẵ ặ",
    "e eù eø eû eõ eï": "e é è ẻ ẽ ẹ",
    "eâ eá eà eå eã eä": "ê ế ề ể ễ ệ",
    "o où oø oû oõ oï": "o ó ò ỏ õ ọ",
    "oâ oá oà oå oã oä": "ô ố ồ ổ ỗ ộ",
    "ô ôù ôø ôû ôõ ôï": "ơ ớ ờ ở ỡ ợ",
    "u uù uø uû uõ uï": "u ú ù ủ ũ ụ",
    "ö öù öø öû öõ öï": "ư ứ ừ ử ữ ự",
    "i í ì æ ó ò": "i í ì ỉ ĩ ị",
    "y yù yø yû yõ î": "y ý ỳ ỷ ỹ ỵ",
    "ñ Ñ": "đ Đ",
    "AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË": "Á À Ả Ã Ạ Â Ấ Ầ Ẩ Ẫ Ậ Ă Ắ Ằ Ẳ Ẵ Ặ",
    "EÂ EÁ EÄ OÂ OÄ Ô ÔÙ Ö ÖØ UÛ Í Ì Æ Ó Ò YÙ Î": "Ê Ế Ệ Ô Ộ Ơ Ớ Ư Ừ Ủ Í Ì Ỉ Ĩ Ị Ý Ỵ",
}


@pytest.mark.parametrize("vni,expected", list(VNI_ROWS.items()))
def test_vni_table(vni: str, expected: str) -> None:
    assert VNI.convert(vni) == expected
    assert VNI.decode(vni.encode("cp1252")) == expected


def test_vni_file(tmp_path: Path) -> None:
    raw = "Ñaûng boä huyeän Thöôøng Tín keát naïp 120 ñaûng vieân môùi, ñaït 105% chæ tieâu."
    assert raw.encode("cp1252").startswith(b"\xd1a\xfbng bo\xe4 huye\xe4n Th\xf6\xf4\xf8ng")
    src = read(write(tmp_path, "vni.txt", raw.encode("cp1252")))
    assert src.encoding == "vni"
    assert src.text == SENTENCE


# VISCII per RFC 1456: Đ=D0 ả=E4 ộ=B5 ệ=AE ư=DF ờ=B6 đ=F0 ạ=D5 ỉ=EF.
VISCII_SENTENCE = (b"\xd0\xe4ng b\xb5 huy\xaen Th\xdf\xb6ng T\xedn k\xaat n\xd5p 120 \xf0\xe4ng "
                   b"vi\xean m\xbei, \xf0\xd5t 105% ch\xef ti\xeau.")


def test_viscii_file(tmp_path: Path) -> None:
    assert VISCII.decode(b"Vi\xaet Nam") == "Việt Nam"
    src = read(write(tmp_path, "viscii.txt", VISCII_SENTENCE))
    assert src.encoding == "viscii"
    assert src.text == SENTENCE


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
@pytest.mark.parametrize("legacy,charset,first", [(TCVN3, "TCVN5712-1", 0xA0),
                                                  (VISCII, "VISCII", 0x00)])
def test_tables_match_glibc(legacy, charset: str, first: int) -> None:
    raw = bytes(range(first, 256))
    if legacy is TCVN3:  # combining tone marks (B0-B4) would compose with their neighbour
        raw = bytes(b for b in raw if not 0xB0 <= b <= 0xB4)
    done = subprocess.run(["iconv", "-f", charset, "-t", "UTF-8"], input=raw, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"iconv lacks {charset}")
    assert legacy.decode(raw) == nfc(done.stdout.decode("utf-8"))


def test_legacy_fonts() -> None:
    assert legacy_font(".VnTime") == (TCVN3, False)
    assert legacy_font(".VnTimeH") == (TCVN3, True)
    assert legacy_font("VNI-Times") == (VNI, False)
    assert legacy_font("Times New Roman") == (None, False)


# --- mojibake -----------------------------------------------------------------------------------

def test_mojibake_sample() -> None:
    assert repair_mojibake("Äáº£ng viÃªn") == "Đảng viên"


@pytest.mark.parametrize("errors", ["strict-c1", "ignore", "replace"])
def test_mojibake_file(tmp_path: Path, errors: str) -> None:
    raw = SENTENCE.encode("utf-8")
    if errors == "strict-c1":  # Windows keeps undefined bytes as C1 controls
        shown = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)
    else:
        shown = raw.decode("cp1252", errors=errors)
    src = read(write(tmp_path, "moj.txt", shown))
    assert src.encoding == "utf-8-mojibake"
    assert src.text == SENTENCE


def test_correct_text_is_not_touched(tmp_path: Path) -> None:
    text = "Café Ngọc Hà, résumé; Đà Nẵng — Thành ủy. Äpfel"
    assert read(write(tmp_path, "ok.txt", text)).text == text


def test_syllable_scorer() -> None:
    for word in ("đảng", "Thường", "khuỷu", "nghiêng", "quyết", "gì", "ĐẢNG"):
        assert is_syllable(word), word
    for word in ("§¶ng", "vieân", "viÃªn", "café", "hàt"):
        assert not is_syllable(word), word


# --- HTML ---------------------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Kết nạp đảng viên - Báo Tin tức</title>
<meta property="og:title" content="Thường Tín kết nạp 120 đảng viên">
<meta property="article:published_time" content="2024-03-05T08:00:00+07:00">
<script>var menu = "SCRIPTTEXT";</script><style>.x{color:red} STYLETEXT</style></head>
<body><header><nav><ul><li>Trang chủ</li><li>Xây dựng Đảng NAVTEXT</li></ul></nav></header>
<div class="main-menu">MENUTEXT</div>
<article><header><h1>Huyện Thường Tín kết nạp 120 đảng viên</h1>
<div class="share-bar">Chia sẻ SHARETEXT</div></header>
<p class="sapo">Năm 2023, Đảng bộ huyện Thường Tín kết nạp 120 đảng viên mới, đạt 105% chỉ tiêu.</p>
<!-- COMMENTTEXT -->
<p>Toàn Đảng bộ có 8.500 đảng viên &amp; 62 tổ chức cơ sở&nbsp;đảng.</p>
<ul><li>Mục một</li><li>Mục hai</li></ul>
<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Kết nạp</td><td>120</td></tr></table>
<form>Đăng ký FORMTEXT</form><div class="related-news">RELATEDTEXT</div></article>
<footer>FOOTERTEXT Bản quyền</footer></body></html>"""


def test_html_article(tmp_path: Path) -> None:
    src = read(write(tmp_path, "a.html", ARTICLE_HTML))
    assert src.format == "html"
    assert src.title_hint == "Huyện Thường Tín kết nạp 120 đảng viên"
    assert src.text.startswith("Huyện Thường Tín kết nạp 120 đảng viên\n\nNăm 2023")
    assert src.published_hint == "2024-03-05"
    assert "Đảng bộ huyện Thường Tín kết nạp 120 đảng viên mới" in src.text
    assert "8.500 đảng viên & 62 tổ chức cơ sở\u00a0đảng." in src.text
    assert "Mục một\nMục hai" in src.text
    assert "Chỉ tiêu | Kết quả\nKết nạp | 120" in src.text
    for junk in ("SCRIPT", "STYLE", "NAV", "MENU", "SHARE", "COMMENT", "FORM", "FOOTER",
                 "RELATED", "Trang chủ"):
        assert junk not in src.text, junk
    assert src.text.count("Huyện Thường Tín kết nạp 120 đảng viên") == 1


def test_html_without_article_uses_densest_block(tmp_path: Path) -> None:
    body = "".join(f"<p>Đoạn {i}: Đảng bộ xã kết nạp đảng viên mới.</p>" for i in range(5))
    page = (f"<html><head><title>Tin địa phương</title></head><body><div id='menu'><a>Trang chủ"
            f"</a></div><div class='col'>{body}</div><div class='sidebar'><p>Tin khác</p></div>"
            f"<time datetime='2023-12-31'>31/12</time></body></html>")
    src = read(write(tmp_path, "b.htm", page))
    assert src.title_hint == "Tin địa phương"
    assert "Đoạn 4" in src.text and "Trang chủ" not in src.text and "Tin khác" not in src.text
    assert src.published_hint == "2023-12-31"


def test_html_declared_cp1258(tmp_path: Path) -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>"
            f"</head><body><p>{SENTENCE}</p></body></html>")
    src = read(write(tmp_path, "c.html", to_cp1258(page)))
    assert nfc(src.text) == SENTENCE
    assert src.encoding == "cp1258"


def test_html_vni_font_page(tmp_path: Path) -> None:
    raw = "Ñaûng boä huyeän Thöôøng Tín keát naïp 120 ñaûng vieân môùi, ñaït 105% chæ tieâu."
    page = f"<html><body><p><font face='VNI-Times'>{raw}</font></p></body></html>"
    src = read(write(tmp_path, "v.html", page.encode("cp1252")))
    assert src.text == SENTENCE
    assert src.encoding == "vni"


# --- DOCX ---------------------------------------------------------------------------------------

def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Báo cáo công tác xây dựng Đảng"
    document.add_paragraph("Đoạn đầu: tình hình đảng viên.")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Chỉ tiêu", (0, 1): "Kết quả", (1, 0): "Kết nạp",
                         (1, 1): "120"}.items():
        table.cell(r, c).text = text
    document.add_paragraph("Đoạn cuối.")
    legacy = document.add_paragraph()
    legacy.add_run("\xa7\xb6ng vi\xaan").font.name = ".VnTime"
    legacy.add_run(" vaø ").font.name = "VNI-Times"
    legacy.add_run("b\xb8o c\xb8o").font.name = ".VnTimeH"
    document.save(str(path))


def test_docx_order_and_legacy_runs(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    make_docx(path)
    src = read(path)
    assert src.format == "docx"
    assert src.title_hint == "Báo cáo công tác xây dựng Đảng"
    assert src.text == ("Đoạn đầu: tình hình đảng viên.\n\nChỉ tiêu | Kết quả\nKết nạp | 120"
                        "\n\nĐoạn cuối.\n\nĐảng viên và BÁO CÁO")
    assert src.encoding == "tcvn3+vni"


# --- PDF ----------------------------------------------------------------------------------------

def test_pdf_with_vietnamese_text(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "r.pdf"
    weasyprint.HTML(string=(
        "<html><head><title>Báo cáo tổng kết</title></head><body>"
        f"<p>{SENTENCE}</p><p style='page-break-before: always'>Trang hai: tổ chức cơ sở đảng.</p>"
        "</body></html>")).write_pdf(str(path))
    src = read(path)
    assert src.format == "pdf"
    assert src.title_hint == "Báo cáo tổng kết"
    assert SENTENCE in nfc(src.text)
    assert "\n\nTrang hai: tổ chức cơ sở đảng." in nfc(src.text)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "scan.pdf"
    weasyprint.HTML(string="<html><body><div style='height:5cm'></div></body></html>").write_pdf(
        str(path))
    with pytest.raises(ReadError, match=r"scan\.pdf: .*không có lớp chữ \(bản quét\?\)"):
        read(path)


# --- refusals -----------------------------------------------------------------------------------

def assert_refused(path: Path | str, *words: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read(path)
    err = info.value
    message = str(err)
    assert "\n" not in message
    assert message == f"{err.path}: {err.reason}"
    assert Path(str(path)).name in message
    for word in words:
        assert word in err.reason, (word, err.reason)
    return err


def test_missing_file(tmp_path: Path) -> None:
    assert_refused(tmp_path / "missing.txt", "không có tệp này")


def test_empty_file(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "notes.txt", b""), "tệp rỗng")
    assert_refused(write(tmp_path, "e.docx", b""), "tệp rỗng")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert_refused(tmp_path / "folder.txt", "là một thư mục")


def test_binary_files(tmp_path: Path) -> None:
    noise = random.Random(0).randbytes(4096)
    assert_refused(write(tmp_path, "x.bin", noise), "không phải văn bản dạng chữ")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert_refused(write(tmp_path, "img.txt", png), "không phải văn bản dạng chữ", "PNG")
    assert_refused(write(tmp_path, "nul.txt", b"abc\x00\x01\x02" * 100), "nhị phân")


def test_corrupt_docx(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "a.docx", b"this is not a zip"), "tệp DOCX bị hỏng (không phải tệp nén "
                                                                    "zip")
    zpath = tmp_path / "b.docx"
    with zipfile.ZipFile(zpath, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert_refused(zpath, "tệp DOCX bị hỏng")
    good = tmp_path / "good.docx"
    make_docx(good)
    assert_refused(write(tmp_path, "cut.docx", good.read_bytes()[:2000]), "tệp DOCX bị hỏng")


def test_corrupt_pdf(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "a.pdf", b"%PDF-1.4\n garbage \x00\x01"), "PDF")
    assert_refused(write(tmp_path, "b.pdf", b"hello, not a pdf"), "tệp PDF bị hỏng")
    weasyprint = pytest.importorskip("weasyprint")
    good = tmp_path / "good.pdf"
    weasyprint.HTML(string=f"<p>{SENTENCE}</p>").write_pdf(str(good))
    data = good.read_bytes()
    err = None
    try:
        read(write(tmp_path, "cut.pdf", data[: len(data) // 2]))
    except ReadError as exc:
        err = exc
    assert err is None or "cut.pdf" in str(err)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    weasyprint = pytest.importorskip("weasyprint")
    plain = tmp_path / "plain.pdf"
    weasyprint.HTML(string=f"<p>{SENTENCE}</p>").write_pdf(str(plain))
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert_refused(locked, "tệp PDF được mã hóa")


def test_too_large_container(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: the size check must come before reading
    assert_refused(path, "quá lớn")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", SENTENCE)
    path.chmod(0)
    try:
        assert_refused(path, "không có quyền truy cập")
    finally:
        path.chmod(0o600)


def test_whitespace_only(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "blank.txt", " \r\n\t\n"), "không có chữ")


# --- dispatch -----------------------------------------------------------------------------------

def test_registry_and_sniffing(tmp_path: Path) -> None:
    assert {".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf"} <= set(READERS)
    assert read(write(tmp_path, "page", ARTICLE_HTML)).format == "html"
    assert read(write(tmp_path, "notes", SENTENCE)).format == "txt"
    docx_path = tmp_path / "report.bin"
    make_docx(docx_path)
    assert read(docx_path).format == "docx"
    assert read(write(tmp_path, "UPPER.TXT", SENTENCE)).text == SENTENCE


def test_a_large_text_file_is_read_whole(tmp_path: Path) -> None:
    # how fast: bench/bench_inputs.py
    line = (SENTENCE + " Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n")
    data = line.encode("utf-8")
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.write(data * (50 * 1024 * 1024 // len(data)))
    src = read(path)
    assert src.encoding == "utf-8" and len(src.text) > 30_000_000 and src.text.startswith(line)


def test_decoding_is_deterministic() -> None:
    for data in (TCVN3_SENTENCE, VISCII_SENTENCE, to_cp1258(SENTENCE), SENTENCE.encode()):
        assert decode_bytes(data) == decode_bytes(data)


SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


@pytest.mark.skipif(not SEEDS, reason="no seed articles")
@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name)
def test_seed_articles_round_trip(seed: Path) -> None:
    # Real article text through each re-encoding must come back exactly.
    text = nfc(seed.read_text(encoding="utf-8"))
    shown_c1 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                       for b in text.encode("utf-8"))
    for data, label in ((text.encode("utf-8"), "utf-8"), (to_cp1258(text), "cp1258"),
                        (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
                        (shown_c1.encode("utf-8"), "utf-8-mojibake")):
        decoded, encoding = decode_bytes(data)
        assert encoding == label
        assert nfc(decoded) == text


# --- property -----------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2048),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b),
                      st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
                      st.binary(max_size=512).map(lambda b: b"<html><body><p>" + b)),
       suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ".dat", ""]))
def test_any_bytes_give_source_or_read_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        src = read(path)
    except ReadError as err:
        assert "\n" not in str(err) and str(err).startswith(str(path))
    else:
        assert isinstance(src.text, str) and src.text.strip()
        assert src.path == str(path)
