"""Word 97-2003 (.doc), OpenDocument (.odt) and RTF documents: converted to DOCX by LibreOffice
headless (`reportgen.office`), then read as DOCX, so tables and legacy-font runs (".VnTime" in an
old .doc) are read the same way.

`prepare` converts every such file of a batch in one LibreOffice run before they are read; a file
read without it is converted on its own. A ".doc" that is really a DOCX, an HTML page or plain
text (Word saves all of these under that name) is read by the reader of what it is.
"""
from __future__ import annotations

import dataclasses
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

from reportgen import office
from reportgen.i18n import N_, _
from reportgen.model import Source
from reportgen.readers.base import MAX_CONTAINER_BYTES, ReadError, magic_kind, open_regular, read_bytes
from reportgen.readers.docx import is_docx_zip, read_docx
from reportgen.readers.html import looks_like_html, read_html
from reportgen.readers.text import read_text

__all__ = ["OFFICE_SUFFIXES", "read_office", "prepare", "office_kind"]

#: Suffixes read through LibreOffice, with the format they name.
OFFICE_SUFFIXES = {".doc": "doc", ".dot": "doc", ".odt": "odt", ".ott": "odt", ".rtf": "rtf"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_DOCX = "docx:MS Word 2007 XML"

# Sources converted ahead by `prepare`, until they are read: (path, size, mtime) -> result.
_CONVERTED: dict[tuple[str, int, int], Source | ReadError] = {}


def office_kind(head: bytes) -> str | None:
    """"doc", "rtf" or "odt" when a file's first bytes are of one of these formats."""
    if head.startswith(_OLE2):
        return "doc"
    if head.lstrip(b"\xef\xbb\xbf \r\n").startswith(b"{\\rtf"):
        return "rtf"
    # An OpenDocument file starts with its uncompressed "mimetype" member.
    if head.startswith(b"PK\x03\x04") and _ODF_TEXT in head[:200]:
        return "odt"
    return None


def _key(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
        return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None


def _missing(path: Path) -> ReadError:
    return ReadError(path, _("reading {value} files needs LibreOffice, which is "
                           "not installed ({INSTALL_HINT})").format(
                               value=path.suffix or 'this', INSTALL_HINT=office.INSTALL_HINT))


def _convert(paths: list[Path]) -> dict[Path, Source | ReadError]:
    """Each office file converted to DOCX in one LibreOffice run, and read."""
    out: dict[Path, Source | ReadError] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-read-") as folder:
        try:
            converted = office.convert_many(paths, _DOCX, Path(folder))
        except office.OfficeMissing:
            return {p: _missing(p) for p in paths}
        for path in paths:
            result = converted.get(path)
            if result is None or isinstance(result, office.OfficeError):
                out[path] = ReadError(path, str(result or "LibreOffice could not convert it"))
                continue
            try:
                source = read_docx(result)
            except ReadError as err:
                out[path] = ReadError(path, err.reason.replace("DOCX document", "document"))
                continue
            kind = OFFICE_SUFFIXES.get(path.suffix.lower(), "doc")
            out[path] = dataclasses.replace(source, path=str(path), format=kind)
    return out


def _head(path: Path) -> bytes:
    try:
        with open_regular(path) as handle:  # a FIFO named x.doc must not block the batch
            return handle.read(4096)
    except (OSError, ReadError):
        return b""


def prepare(paths: Iterable[str | Path]) -> None:
    """Convert the office documents among `paths` in one LibreOffice run, ahead of reading them."""
    todo: dict[tuple[str, int, int], Path] = {}
    for raw in paths:
        path = Path(raw)
        key = _key(path) if path.suffix.lower() in OFFICE_SUFFIXES else None
        if key is not None and key not in _CONVERTED and office_kind(_head(path)):
            todo.setdefault(key, path)
    if len(todo) < 2 or not office.available():
        return  # one file gains nothing; without LibreOffice, reading says so
    results = _convert(list(todo.values()))
    for key, path in todo.items():
        _CONVERTED[key] = results[path]


def read_office(path: Path) -> Source:
    """Read a .doc, .odt or .rtf file (through LibreOffice) into a Source."""
    data = read_bytes(path, MAX_CONTAINER_BYTES, N_("document"))
    head = data[:4096]
    kind = office_kind(head)
    if kind is None:
        if head.startswith(b"PK\x03\x04") and is_docx_zip(data):
            return read_docx(path)
        if looks_like_html(head.lstrip(b"\xef\xbb\xbf \t\r\n")):
            return read_html(path)
        if magic_kind(head[:16]) is None and b"\x00" not in head:
            return read_text(path)
        if head.startswith(b"PK\x03\x04") and not _is_zip(path):
            raise ReadError(path, _("corrupt document (a damaged zip archive)"))
    key = _key(path)
    result = _CONVERTED.pop(key, None) if key is not None else None
    if result is None:
        result = _convert([path])[path]
    if isinstance(result, ReadError):
        raise result
    return result


def _is_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path):
            return True
    except (zipfile.BadZipFile, OSError):
        return False
