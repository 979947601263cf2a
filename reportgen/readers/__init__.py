"""Readers: turn an input file (text, HTML, DOCX, PDF; .doc, .odt, .rtf through LibreOffice)
into a `Source` holding its decoded text.

This stage transforms bytes on disk into one Unicode string per document, exactly as later stages
will quote it: encodings are detected (BOM, UTF-16, UTF-8, cp1258), legacy Vietnamese font
encodings (TCVN3, VNI, VISCII) converted, mojibake repaired, and containers reduced to their text.
Line endings are kept as decoded. Anything that cannot be read raises `ReadError`, whose message
is one line: "path: reason". `prepare_reading(paths)` converts the .doc/.odt/.rtf files of a batch in
one LibreOffice run before they are read.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Callable

from reportgen.i18n import _
from reportgen.model import Source
from reportgen.readers.base import MAX_CONTAINER_BYTES, ReadError, open_regular
from reportgen.readers.docx import is_docx_zip, read_docx
from reportgen.readers.html import looks_like_html, read_html
from reportgen.readers.office import OFFICE_SUFFIXES, office_kind, read_office
from reportgen.readers.office import prepare as prepare_reading
from reportgen.readers.pdf import read_pdf
from reportgen.readers.text import read_text

__all__ = ["ReadError", "READERS", "SUFFIXES", "read", "reader_for", "open_regular", "prepare_reading"]

#: The reader for each file suffix (lower case, with the dot).
READERS: dict[str, Callable[[Path], Source]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
    **{suffix: read_office for suffix in OFFICE_SUFFIXES},
}
#: The suffixes of the files a folder given as a source contributes.
SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".doc", ".odt", ".rtf")


def _sniff(path: Path) -> Callable[[Path], Source]:
    """Choose a reader from the content of a file whose suffix names none."""
    try:
        with open_regular(path) as handle:
            head = handle.read(4096)
    except (OSError, ReadError):
        return read_text  # let the text reader report the problem in its usual words
    if b"%PDF-" in head[:1024]:
        return read_pdf
    if office_kind(head):
        return read_office
    if head.startswith(b"PK\x03\x04"):
        try:
            if path.stat().st_size <= MAX_CONTAINER_BYTES and is_docx_zip(path.read_bytes()):
                return read_docx
        except OSError:
            pass
        return read_text  # refuses it as a zip archive
    if looks_like_html(head.lstrip(b"\xef\xbb\xbf \t\r\n")):
        return read_html
    return read_text


def reader_for(path: str | os.PathLike[str]) -> Callable[[Path], Source]:
    """The reader `read` would use for `path`: by suffix, else by content."""
    p = Path(path)
    return READERS.get(p.suffix.lower()) or _sniff(p)


def read(path: str | os.PathLike[str]) -> Source:
    """Read one file into a Source; raises ReadError (and nothing else) for unreadable input."""
    given = os.fspath(path)
    if isinstance(given, bytes):  # os.fspath allows bytes paths; Source.path is text
        given = os.fsdecode(given)
    try:
        p = Path(given)
        source = reader_for(p)(p)
    except ReadError as err:
        raise ReadError(given, err.reason) from None
    except RecursionError:
        raise ReadError(given, _("document nested too deeply")) from None
    except MemoryError:
        raise ReadError(given, _("out of memory reading file")) from None
    except Exception as exc:  # noqa: BLE001 - the promise is ReadError only, whatever breaks below
        raise ReadError(given, _("unreadable ({kind}: {exc})").format(
            kind=type(exc).__name__, exc=exc)) from None
    return dataclasses.replace(source, path=given)
