"""The facts store: extractions cached per source, so a build re-extracts only what changed.

Each source's extraction is kept as one JSON file under `<output>/.reportgen/facts/`, named by the
SHA-256 of the file's bytes and the reader/extractor version: a changed source or a new extractor
misses the cache; an unchanged one is loaded without being read or extracted again.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .extract import EXTRACTOR_VERSION, extract
from .fileio import atomic_write_text
from .model import Extraction, Source
from .readers import ReadError, read

__all__ = ["FactStore", "CACHE_VERSION", "file_sha256", "STORE_DIR"]

CACHE_VERSION = f"{__version__}+x{EXTRACTOR_VERSION}"
STORE_DIR = Path(".reportgen") / "facts"


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (raises ReadError when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise ReadError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a folder, not a file") from None
    except OSError as err:
        raise ReadError(str(path), f"cannot be read ({err.strerror or err})") from None
    return digest.hexdigest()


@dataclass
class FactStore:
    """Cached extractions under `root` (no caching when root is None)."""

    root: Path | None
    hits: int = 0
    misses: int = 0
    extracted: list[str] = field(default_factory=list)

    @classmethod
    def under(cls, out_dir: Path) -> FactStore:
        """The store of an output folder."""
        return cls(Path(out_dir) / STORE_DIR)

    def _entry(self, sha: str) -> Path | None:
        return self.root / f"{sha}-{CACHE_VERSION}.json" if self.root else None

    def load(self, path: str) -> Extraction:
        """The extraction of `path`: from the store when its bytes are unchanged, else fresh."""
        sha = file_sha256(path)
        entry = self._entry(sha)
        if entry is not None and entry.is_file():
            try:
                data = json.loads(entry.read_text(encoding="utf-8"))
                src = data["source"]
                source = Source(path=path, text=src["text"], format=src["format"], encoding=src["encoding"],
                                title_hint=src.get("title_hint"), published_hint=src.get("published_hint"))
                extraction = Extraction.from_json(data["extraction"], source)
                self.hits += 1
                return extraction
            except (OSError, ValueError, KeyError, TypeError, AssertionError):
                pass  # a damaged entry is rebuilt below
        extraction = extract(read(path))
        self.misses += 1
        self.extracted.append(path)
        if entry is not None:
            self._save(entry, extraction)
        return extraction

    def _save(self, entry: Path, extraction: Extraction) -> None:
        s = extraction.source
        data = {"version": CACHE_VERSION, "source": {"text": s.text, "format": s.format, "encoding": s.encoding,
                                                     "title_hint": s.title_hint, "published_hint": s.published_hint},
                "extraction": extraction.to_json()}
        try:
            atomic_write_text(entry, json.dumps(data, ensure_ascii=False))
        except OSError:
            pass  # a cache that cannot be written only costs time
