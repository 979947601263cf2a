"""Writers turn a `Rendered` document into a file; each format is one module and one line here.

`write()` is atomic: the writer fills a temporary file in the target folder, which replaces the
target only when the writer succeeded, so an error never leaves a partial document behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from reportgen.render import Rendered
from reportgen.writers import docx as _docx
from reportgen.writers import pdf as _pdf

__all__ = ["WRITERS", "write", "Writer", "UnsupportedTag"]

Writer = Callable[[Rendered, Path], None]
UnsupportedTag = _docx.UnsupportedTag

#: Output formats by file extension.
WRITERS: dict[str, Writer] = {
    "pdf": _pdf.write_pdf,
    "docx": _docx.write_docx,
}


def write(rendered: Rendered, fmt: str, path: Path) -> Path:
    """Write `rendered` as `fmt` to `path` atomically; returns the path."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r} (known: {', '.join(WRITERS)})") from None
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same folder: os.replace is then a rename on one file system, never a copy.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(rendered, tmp)
        # mkstemp makes the file private (0600); a document is as readable as any file the user writes.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
