"""Atomic file writes: every output goes to a temporary file in its folder and is then renamed.

A reader never sees half a file, and an interrupted run leaves at most a hidden ".name.*.tmp"
file, which the next build removes.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from reportgen.model import Rendered

__all__ = ["atomic_write", "atomic_write_text", "write"]


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


def atomic_write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write(rendered: Rendered, fmt: str, path: Path) -> Path:
    """Write `rendered` as `fmt` to `path` atomically (a failed writer leaves no file); the path."""
    from reportgen.writers import WRITERS

    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r} (known: {', '.join(WRITERS)})") from None
    return atomic_write(Path(path), lambda tmp: writer(rendered, tmp))
