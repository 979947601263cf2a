"""Writers turn a `Rendered` document into a file; each format is one module and one line here.

`write()` is atomic: the writer fills a temporary file in the target folder, which replaces the
target only when the writer succeeded, so an error never leaves a partial document behind.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple, Sequence

from reportgen.fileio import atomic_write
from reportgen.render import Rendered
from reportgen.writers import docx as _docx
from reportgen.writers import pdf as _pdf

__all__ = ["WRITERS", "PARTED", "Parted", "write", "Writer", "UnsupportedTag"]

Writer = Callable[[Rendered, Path], None]
UnsupportedTag = _docx.UnsupportedTag

#: Output formats by file extension.
WRITERS: dict[str, Writer] = {
    "pdf": _pdf.write_pdf,
    "docx": _docx.write_docx,
}


class Parted(NamedTuple):
    """A writer that can write a document's parts separately (in parallel) and join them."""

    split: Callable[[Rendered], list[Rendered]]
    write_part: Writer
    join: Callable[[Sequence[Path], Path], None]


#: Formats whose documents with appendices are written part by part.
PARTED: dict[str, Parted] = {
    "pdf": Parted(_pdf.split, _pdf.write_part, _pdf.join),
}


def write(rendered: Rendered, fmt: str, path: Path) -> Path:
    """Write `rendered` as `fmt` to `path` atomically; returns the path."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r} (known: {', '.join(WRITERS)})") from None
    return atomic_write(Path(path), lambda tmp: writer(rendered, tmp))
