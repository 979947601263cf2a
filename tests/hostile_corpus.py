"""The hostile-input corpus (issue 18), generated: no binary is kept in git.

    python3 tests/hostile_corpus.py DIR     # writes every case into DIR (and a secret beside it)

Each case is a file (or a FIFO, a symbolic link, an odd name) and what reading it must give: an
error naming the file and holding `error`, the facts of the clean article (`facts="article"`), or
any result (`facts=None`) so long as it is one line or a result. The cases of `test_hostile.CASES`
(nested and malformed HTML, corrupt, entity-bomb, zip-bomb and XXE DOCX, corrupt PDF, NFD, control
characters, legacy encodings) are written too; the ones here add encodings and byte oddities,
special files and names, PDFs that are truncated, encrypted or 2,000 pages long, an entity-bomb
HTML page and a DOCX whose external entity points at a secret file, which must never show.
"""
from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_hostile import ARTICLE, CASES as BASE_CASES, CATALOG, PDF_FONT, W, _stream, docx_with, html_article, pdf_of  # noqa: E402,E501

__all__ = ["Entry", "ENTRIES", "SECRET", "write_corpus"]

#: The content of the secret file the hostile entries point at: it must appear in no output.
SECRET = "SECRET-CONTENT-5d41402a"


@dataclass(frozen=True)
class Entry:
    """One hostile input: `make(folder, secret)` creates it at `folder / name`."""

    name: str
    make: Callable[[Path, Path], None]
    error: str | None = None
    facts: str | None = None


def _bytes(data: Callable[[], bytes]) -> Callable[[Path, Path], None]:
    return lambda path, secret: path.write_bytes(data())


def _text_pdf(pages: int) -> bytes:
    """A PDF of `pages` pages, each holding the article's first sentence in ASCII."""
    text = b"BT /F1 12 Tf 72 720 Td (Huyen uy Tan Hong ket nap 104 dang vien moi) Tj ET"
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages)).encode()
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
    objects = [CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages, _stream(text)]
    objects += [page % (4 + pages)] * pages
    return pdf_of(*objects, PDF_FONT)


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf(1))))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _xxe_secret(path: Path, secret: Path) -> None:
    xml = (f"<?xml version='1.0'?><!DOCTYPE w:document [<!ENTITY x SYSTEM '{secret.as_uri()}'>"
           f"<!ENTITY y SYSTEM 'http://127.0.0.1:9/x'>]><w:document {W}><w:body><w:p><w:r><w:t>{ARTICLE}&x;&y;"
           "</w:t></w:r></w:p></w:body></w:document>")
    path.write_bytes(docx_with(xml.encode("utf-8")))


ENTITY_BOMB_HTML = ("<!DOCTYPE html [" + "".join(f'<!ENTITY l{i} "' + (f"&l{i - 1};" if i else "lol") * 10 + '">'
                                                  for i in range(10)) + "]>")


def _symlink(target: Callable[[Path, Path], str]) -> Callable[[Path, Path], None]:
    return lambda path, secret: path.symlink_to(target(path, secret))


def _unreadable(path: Path, secret: Path) -> None:
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)


def _article(path: Path, secret: Path) -> None:
    path.write_text(ARTICLE, encoding="utf-8")


ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0

ENTRIES: list[Entry] = [
    Entry("whitespace.txt", _bytes(lambda: b" \n\t\r\n\x0b\x0c  " * 1000), error="không có chữ"),
    Entry("one-5mb-line.txt", _bytes(lambda: ARTICLE.encode() + ("đảng viên " * 520_000).encode()), facts="article"),
    Entry("nul-bytes.txt", _bytes(lambda: ARTICLE.replace(" ", " \0").encode()), error="không phải văn bản "
                                                                                       "dạng chữ"),
    Entry("utf-16-le-bom.txt", _bytes(lambda: b"\xff\xfe" + ARTICLE.encode("utf-16-le")), facts="article"),
    Entry("utf-16-be-bom.txt", _bytes(lambda: b"\xfe\xff" + ARTICLE.encode("utf-16-be")), facts="article"),
    Entry("utf-16-no-bom.txt", _bytes(lambda: ARTICLE.encode("utf-16-le")), facts="article"),
    Entry("utf-8-bom.txt", _bytes(lambda: b"\xef\xbb\xbf" + ARTICLE.encode()), facts="article"),
    Entry("latin-1.txt", _bytes(lambda: "Huyen uy Tan Hong: ket nap 104 dang vien moi. Café « naïve » ©"
                                .encode("latin-1"))),
    Entry("entity-bomb.html", _bytes(lambda: (ENTITY_BOMB_HTML + html_article("<p>&l9;&l9;</p>")).encode()),
          facts="article"),
    Entry("nested-10000.html", _bytes(lambda: html_article("<span>" * 10_000, "</span>" * 10_000).encode()),
          facts="article"),
    Entry("xxe-secret.docx", _xxe_secret),
    Entry("truncated.pdf", _bytes(lambda: _text_pdf(3)[: len(_text_pdf(3)) // 2]), error="PDF"),
    Entry("encrypted.pdf", _bytes(_encrypted_pdf), error="tệp PDF được mã hóa"),
    Entry("pages-2000.pdf", _bytes(lambda: _text_pdf(2000))),
    Entry("fifo.txt", lambda path, secret: os.mkfifo(path), error="không phải tệp thông thường (một đường "
                                                                  "ống)"),
    Entry("link-to-article.txt", _symlink(lambda path, secret: "utf-8-bom.txt"), facts="article"),
    Entry("link-to-device.txt", _symlink(lambda path, secret: "/dev/zero"), error="không phải tệp thông "
                                                                                  "thường (một thiết bị)"),
    Entry("link-loop.txt", _symlink(lambda path, secret: "link-loop.txt"), error="không đọc được tệp"),
    Entry("dangling-link.txt", _symlink(lambda path, secret: "no-such-file.txt"), error="không có tệp này"),
    Entry("unreadable.txt", _unreadable, **({"facts": "article"} if ROOT_USER else {"error": "permission denied"})),
    Entry("tên có dấu và khoảng trắng.txt", _article, facts="article"),
    Entry("new\nline.txt", _article, facts="article"),
    Entry("-starts-with-dash.txt", _article, facts="article"),
    Entry("%s%n {0} $HOME `x`.txt", _article, facts="article"),
    Entry("a" * 240 + ".txt", _article, facts="article"),
    Entry(os.fsdecode(b"\xff\xfe-not-utf8.txt"), _article, error="tên tệp không phải chữ UTF-8"),
]


def write_corpus(folder: Path) -> Path:
    """Write every entry (and the cases of test_hostile) into `folder`; the secret goes beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder.parent / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    for case in BASE_CASES:
        (folder / case.name).write_bytes(case.make())
    for entry in ENTRIES:
        entry.make(folder / entry.name, secret)
    return secret


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 tests/hostile_corpus.py DIR")
    write_corpus(Path(sys.argv[1]))
    print(f"wrote {len(BASE_CASES) + len(ENTRIES)} hostile inputs into {sys.argv[1]}")
