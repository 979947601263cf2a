"""Atomic file writes: every output goes to a temporary file in its folder and is then renamed.

A reader never sees half a file, and an interrupted run leaves at most a hidden ".name.*.tmp"
file, which the next build removes. One build at a time writes into an output folder: it holds
the folder's lock file (`lock_folder`), which the system releases when the build ends, however
it ends. A folder that cannot be written (read-only, full disk) is an `OutputError`: one line
naming the folder.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from reportgen.i18n import _
from reportgen.model import Rendered

__all__ = ["atomic_write", "atomic_write_text", "write", "OutputError", "lock_folder", "folder_error",
           "file_digest", "LOCK_FILE", "MAX_OUTPUT_BYTES"]

LOCK_FILE = Path(".reportgen") / "lock"
#: Errors that are the folder's, not one document's: every other document would fail the same way.
FOLDER_ERRORS = (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT)
#: The largest file a writer may leave (`[limits] document_mb` sets it for a build).
MAX_OUTPUT_BYTES = 100 * 1024 * 1024


class OutputError(Exception):
    """The output folder cannot be used (read-only, full, locked by another build); one line."""


def folder_error(err: BaseException, folder: Path) -> OutputError | None:
    """The OutputError an OSError means for the whole folder, if it is one of FOLDER_ERRORS."""
    if isinstance(err, OSError) and err.errno in FOLDER_ERRORS:
        return OutputError(_("{folder}: cannot write ({value}); "
                           "no partial file was left").format(
                               folder=folder, value=err.strerror or os.strerror(err.errno or 0)))
    return None


@contextmanager
def lock_folder(folder: Path, wait: bool = False) -> Iterator[None]:
    """Hold the lock of an output folder for the block: OutputError at once when another build holds
    it (or, with `wait`, when it is free). Checks that the folder can be written at all."""
    path = Path(folder) / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as err:
        raise OutputError(_("{folder}: cannot write ({value})").format(
            folder=folder, value=err.strerror or err)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                raise OutputError(_("{folder}: another build (process {holder}) is writing into this folder; "
                                  "wait for it (--wait) or use another -o").format(
                                      folder=folder, holder=holder)) from None
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError as err:
            raise folder_error(err, Path(folder)) or OutputError(_("{folder}: cannot write ({err})").format(
                folder=folder, err=err)) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def file_digest(path: Path) -> dict[str, object]:
    """What the manifest records of an output: its size and SHA-256."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"size": os.stat(path).st_size, "sha256": digest.hexdigest()}


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        # mkstemp makes the file private (0600); an output is as readable as any file the user writes.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str, errors: str = "strict") -> Path:
    """Write UTF-8 text atomically (`errors` as for `str.encode`: file names that are not UTF-8
    hold lone surrogates, which "surrogateescape" keeps and "replace" shows as "?")."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", errors=errors))


def write(rendered: Rendered, fmt: str, path: Path, max_bytes: int = MAX_OUTPUT_BYTES) -> Path:
    """Write `rendered` as `fmt` to `path` atomically (a failed writer leaves no file); the path.
    A file larger than `max_bytes` is not kept."""
    from reportgen.writers import WRITERS

    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(_("unknown output format {fmt!r} (known: {value})").format(
            fmt=fmt, value=', '.join(WRITERS))) from None

    def bounded(tmp: Path) -> None:
        writer(rendered, tmp)
        size = tmp.stat().st_size
        if size > max_bytes:
            raise ValueError(_("{format} of {size} MB is larger than the limit of "
                             "{limit} MB ([limits] document_mb in reportgen.toml)").format(
                                 format=fmt.upper(), size=size // 1048576, limit=max_bytes // 1048576))

    return atomic_write(Path(path), bounded)
