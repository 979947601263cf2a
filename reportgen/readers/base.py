"""What every reader shares: the one error type, size limits, safe file access and magic numbers."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from reportgen.i18n import N_, _

__all__ = ["ReadError", "MAX_CONTAINER_BYTES", "MAX_TEXT_BYTES", "read_bytes", "open_regular", "magic_kind",
           "one_line"]

#: HTML, DOCX and PDF files above this are refused: parsing them costs many times their size.
MAX_CONTAINER_BYTES = 50 * 1024 * 1024
#: Plain text is decoded in C-speed passes, so it may be much larger before memory is at risk.
MAX_TEXT_BYTES = 512 * 1024 * 1024

# Signatures of common non-text files, so a refusal can say what the file looks like.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", N_("zip archive")),
    (b"PK\x05\x06", N_("zip archive")),
    (b"\x89PNG\r\n\x1a\n", N_("PNG image")),
    (b"\xff\xd8\xff", N_("JPEG image")),
    (b"GIF87a", N_("GIF image")),
    (b"GIF89a", N_("GIF image")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("OLE2 file (old .doc/.xls)")),
    (b"\x7fELF", N_("executable")),
    (b"\x1f\x8b", N_("gzip archive")),
    (b"Rar!", N_("RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", N_("7-Zip archive")),
    (b"{\\rtf", N_("RTF document")),
    (b"II*\x00", N_("TIFF image")),
    (b"MM\x00*", N_("TIFF image")),
)


_SURROGATE = re.compile("[\udc80-\udcff]")  # bytes of a file name that UTF-8 could not decode


def one_line(text: str) -> str:
    """Collapse a message to one line so `str(ReadError)` never spans lines."""
    return " ".join(text.split())


class ReadError(Exception):
    """A file that cannot be turned into a Source; `str()` is one line: "path: reason"."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = one_line(reason) or _("unreadable")
        super().__init__(self.path, self.reason)

    def __str__(self) -> str:
        # A newline in a file name would break the one-line promise; show it escaped.
        shown = self.path.replace("\r", "\\r").replace("\n", "\\n")
        shown = shown.encode("utf-8", "replace").decode("utf-8")  # undecodable bytes of a name as "?"
        return f"{shown}: {self.reason}"


def magic_kind(head: bytes) -> str | None:
    """Name of the non-text format `head` starts with, if it is a known one."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def open_regular(path: Path, limit: int | None = None, kind: str = N_("file")) -> BinaryIO:
    """The file opened for reading, or ReadError when it is missing, a folder, not a regular file
    (a FIFO or a device, which could block or never end) or larger than `limit`, or when its name
    is not UTF-8 (it could be named in no document, manifest or spreadsheet)."""
    if _SURROGATE.search(os.fspath(path)):
        raise ReadError(path, _("the file name is not UTF-8 text; rename the file"))
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ReadError(path, _("no such file")) from None
    except PermissionError:
        raise ReadError(path, _("permission denied")) from None
    except IsADirectoryError:
        raise ReadError(path, _("is a directory")) from None
    except (OSError, ValueError) as exc:  # ValueError: e.g. an embedded NUL in the path
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ReadError(path, _("cannot read file ({detail})").format(detail=detail)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(path, _("is a directory"))
        if not stat.S_ISREG(info.st_mode):
            what = _("a pipe") if stat.S_ISFIFO(info.st_mode) else _("a socket") if stat.S_ISSOCK(info.st_mode) \
                else _("a device")
            raise ReadError(path, _("not a regular file ({what})").format(what=what))
        if limit is not None and info.st_size > limit:
            raise ReadError(path, _("{kind} too large ({value:.1f} MB > "
                                  "{value2} MB limit)").format(
                                      kind=_(kind), value=info.st_size / 1048576, value2=limit // 1048576))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, limit: int, kind: str = N_("file")) -> bytes:
    """The whole file, or ReadError for missing, directory, special, unreadable, empty or oversized files."""
    try:
        with open_regular(path, limit, kind) as handle:
            data = handle.read(limit + 1)
    except ReadError:
        raise
    except (OSError, ValueError) as exc:
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ReadError(path, _("cannot read file ({detail})").format(detail=detail)) from None
    if len(data) > limit:  # grew while we read it, or st_size lied (e.g. /proc)
        raise ReadError(path, _("{kind} too large (> {value} MB limit)").format(
            kind=_(kind), value=limit // 1048576))
    if not data:
        raise ReadError(path, _("empty file"))
    return data
