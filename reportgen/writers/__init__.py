"""Writers turn a `Rendered` document into a file; each format is one module and one line here.

A writer writes the path it is given; `reportgen.build.write` gives it a temporary file that
replaces the target only when the writer succeeded.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple, Sequence

from reportgen.model import Rendered
from reportgen.writers import docx as _docx
from reportgen.writers import pdf as _pdf

__all__ = ["WRITERS", "PARTED", "Parted", "Writer", "UnsupportedTag"]

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
