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
from typing import Any, Callable, Sequence

from reportgen import __version__
from reportgen.build.fileio import atomic_write_text
from reportgen.errors import TimeLimitExceeded, time_limit
from reportgen.extract import EXTRACTOR_VERSION, extract
from reportgen.i18n import _
from reportgen.model import Extraction, Source, Unit
from reportgen.readers import ReadError, open_regular, prepare_reading, read

__all__ = ["FactStore", "CACHE_VERSION", "file_sha256", "STORE_DIR"]

CACHE_VERSION = f"{__version__}+x{EXTRACTOR_VERSION}"
STORE_DIR = Path(".reportgen") / "facts"
#: Sources a worker reads and extracts per call (a call costs about 1 ms; a source 3-5 ms).
EXTRACT_BATCH = 25


#: Seconds one source may take to read and extract (`[limits] source_seconds`).
SOURCE_SECONDS = 60.0


def timed_out(seconds: float) -> RuntimeError:
    """The failure of a source that ran past its time limit."""
    return RuntimeError(_("stopped after {seconds:g} s (the limit is [limits] source_seconds in "
                          "reportgen.toml)").format(
        seconds=seconds))


def extract_paths(paths: Sequence[str], unit: Unit | None = None, seconds: float = SOURCE_SECONDS
                  ) -> list[Extraction | Exception]:
    """Read and extract each path (in a worker process), each within `seconds`: its extraction,
    or why it failed; `unit` is the unit a user said the sources are about."""
    out: list[Extraction | Exception] = []
    prepare_reading(paths)  # .doc/.odt/.rtf: one LibreOffice run for all
    for path in paths:
        try:
            with time_limit(seconds):
                out.append(extract(read(path), unit))
        except TimeLimitExceeded:
            out.append(timed_out(seconds))
        except ReadError as err:
            out.append(err)
        except Exception as err:  # noqa: BLE001 - one source must not stop the batch
            out.append(RuntimeError(f"{type(err).__name__}: {err}"))
    return out


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (raises ReadError when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open_regular(Path(path)) as handle:  # a FIFO or a device would never end
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:
        raise ReadError(str(path), _("cannot be read ({value})").format(value=err.strerror or err)) from None
    return digest.hexdigest()


@dataclass
class FactStore:
    """Cached extractions under `root` (no caching when root is None)."""

    root: Path | None
    unit: Unit | None = None  # the unit a user said the sources are about (else detected)
    hits: int = 0
    misses: int = 0
    extracted: list[str] = field(default_factory=list)
    seconds: float = SOURCE_SECONDS  # per source
    warnings: list[str] = field(default_factory=list)  # damaged entries, rebuilt

    @classmethod
    def under(cls, out_dir: Path, unit: Unit | None = None, seconds: float = SOURCE_SECONDS) -> FactStore:
        """The store of an output folder."""
        return cls(Path(out_dir) / STORE_DIR, unit, seconds=seconds)

    def _entry(self, sha: str) -> Path | None:
        if not self.root:
            return None
        given = "-u" + hashlib.sha256(repr(self.unit).encode()).hexdigest()[:8] if self.unit else ""
        return self.root / f"{sha}-{CACHE_VERSION}{given}.json"

    def _cached(self, path: str) -> tuple[Path | None, Extraction | None]:
        """The store entry of `path` and its extraction when the entry holds it."""
        entry = self._entry(file_sha256(path))
        if entry is not None and entry.is_file():
            try:
                data = json.loads(entry.read_text(encoding="utf-8"))
                src = data["source"]
                source = Source(path=path, text=src["text"], format=src["format"], encoding=src["encoding"],
                                title_hint=src.get("title_hint"), published_hint=src.get("published_hint"),
                                site_hint=src.get("site_hint"))
                extraction = Extraction.from_json(data["extraction"], source)
                self.hits += 1
                return entry, extraction
            except (OSError, ValueError, KeyError, TypeError, AssertionError, RecursionError):
                self.warnings.append(_("{entry}: damaged facts cache entry of {path} discarded; extracted "
                                       "again").format(entry=entry, path=path))
        return entry, None

    def _fresh(self, path: str, entry: Path | None, extraction: Extraction) -> Extraction:
        self.misses += 1
        self.extracted.append(path)
        if entry is not None:
            self._save(entry, extraction)
        return extraction

    def load(self, path: str) -> Extraction:
        """The extraction of `path`: from the store when its bytes are unchanged, else fresh."""
        entry, extraction = self._cached(path)
        if extraction is not None:
            return extraction
        (result,) = extract_paths([path], self.unit, self.seconds)
        if isinstance(result, Extraction):
            return self._fresh(path, entry, result)
        raise result

    def load_many(self, paths: Sequence[str], submit: Callable[..., Any] | None = None
                  ) -> list[Extraction | Exception]:
        """`load` of every path, in order, an exception where it failed; the sources to extract are
        extracted by `submit` (a worker pool's) in batches when it is given."""
        out: list[Extraction | Exception] = []
        todo: list[tuple[int, str, Path | None]] = []
        for path in paths:
            try:
                entry, extraction = self._cached(path)
            except ReadError as err:
                out.append(err)
                continue
            out.append(extraction)  # type: ignore[arg-type]  # None until extracted below
            if extraction is None:
                todo.append((len(out) - 1, path, entry))
        if submit is None or len(todo) < 2 * EXTRACT_BATCH:
            results = extract_paths([path for _, path, _ in todo], self.unit, self.seconds)
        else:
            results = self._in_workers([path for _, path, _ in todo], submit)
        for (index, path, entry), result in zip(todo, results):
            out[index] = self._fresh(path, entry, result) if isinstance(result, Extraction) else result
        return out

    def _in_workers(self, paths: list[str], submit: Callable[..., Any]) -> list[Extraction | Exception]:
        """`extract_paths` of `paths` in batches by the workers. Each source has its time limit in
        the worker; a worker stuck past them all (in code no alarm interrupts) is killed by the pool,
        and that batch's sources are extracted again one by one, so only the stuck one fails."""
        batches = [paths[i:i + EXTRACT_BATCH] for i in range(0, len(paths), EXTRACT_BATCH)]
        margin = 30.0
        futures = [submit(extract_paths, batch, self.unit, self.seconds, timeout=self.seconds * len(batch) + margin)
                   for batch in batches]
        results: list[Extraction | Exception] = []
        for batch, future in zip(batches, futures):
            try:
                results.extend(future.result())
            except Exception:  # noqa: BLE001 - the worker was killed or died: one by one
                alone = [submit(extract_paths, [p], self.unit, self.seconds, timeout=self.seconds + margin)
                         for p in batch]
                for f in alone:
                    try:
                        results.extend(f.result())
                    except Exception:  # noqa: BLE001 - this source stopped its worker
                        results.append(timed_out(self.seconds))
        return results

    def _save(self, entry: Path, extraction: Extraction) -> None:
        s = extraction.source
        data = {"version": CACHE_VERSION, "source": {"text": s.text, "format": s.format, "encoding": s.encoding,
                                                     "title_hint": s.title_hint, "published_hint": s.published_hint,
                                                     "site_hint": s.site_hint},
                "extraction": extraction.to_json()}
        try:
            atomic_write_text(entry, json.dumps(data, ensure_ascii=False))
        except OSError:
            pass  # a cache that cannot be written only costs time
