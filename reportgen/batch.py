"""Write the documents of a build: skip the unchanged ones, render the rest in worker processes.

Each output records in a manifest what it was built from (its sources' hashes, the template files,
the configuration, the corrections, the reportgen version, and a digest of the whole document
context). An output whose record still holds is skipped. The rest run in long-lived worker
processes (imports and fonts are loaded once per worker), largest document first. Every file is written to a temporary name and renamed, so an interrupted
build leaves no partial document; leftover temporary files are removed at the next build.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import __version__
from .config import Config
from .contexts import DocumentJob
from .fileio import atomic_write_text
from .model import Failure

__all__ = ["Progress", "BatchResult", "write_documents", "MANIFEST", "template_digests"]

MANIFEST = Path(".reportgen") / "manifest.json"
#: Workers are not replaced after a number of documents: ProcessPoolExecutor(max_tasks_per_child)
#: deadlocks on Python < 3.13 when a worker retires with work queued (CPython gh-115634), and a unit
#: worker's memory stays flat (140-150 MB over 350 documents, bench/RESULTS.md).
TASKS_PER_WORKER: int | None = None

Progress = Callable[[int, int, str], None]  # (documents done, documents in all, current document)


@dataclass(frozen=True)
class BatchResult:
    """Outputs written, outputs skipped as unchanged, and failures."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    failures: tuple[Failure, ...]


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(_plain(value), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def template_digests(config: Config) -> dict[str, str]:
    """SHA-256 of every file of the template search path (user folders, then built-in)."""
    from .render import builtin_templates

    out: dict[str, str] = {}
    for folder in [*map(Path, config.template_dirs), builtin_templates().parent]:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _record(job: DocumentJob, fmt: str, config: Config, templates: dict[str, str],
            source_hashes: dict[str, str], corrections: str) -> dict[str, Any]:
    record = {
        "version": __version__, "format": fmt,
        "sources": {p: source_hashes.get(p, "") for p in job.sources},
        "templates": _digest(templates), "config": _digest(config), "corrections": corrections,
        "context": _digest(job.context), "kind": job.kind,
    }
    record["digest"] = _digest(record)
    return record


def _load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_manifest(out_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    atomic_write_text(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))


def _remove_leftovers(out_dir: Path) -> None:
    """Temporary files of an interrupted build (".name.xxxx.tmp")."""
    for tmp in out_dir.glob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def _warm() -> None:
    """Worker start: load the heavy libraries and the fonts once for all its documents."""
    from .writers import pdf

    pdf.font_config()


def _render_and_write(job: DocumentJob, config: Config, targets: Sequence[tuple[str, str]]) -> list[str]:
    """Render one job and write it in each (format, path): the unit of work of a worker."""
    from . import render, writers

    rendered = render.render(job, config)
    done = []
    for fmt, path in targets:
        writers.write(rendered, fmt, Path(path))
        done.append(path)
    return done


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Long-lived workers, each started fresh ("spawn": no state inherited from the main process)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm, max_tasks_per_child=TASKS_PER_WORKER)


def write_documents(jobs: Sequence[DocumentJob], out_dir: Path, config: Config, formats: Sequence[str], *,
                    source_hashes: dict[str, str], corrections_digest: str = "", workers: int = 1,
                    force: bool = False, progress: Progress | None = None) -> BatchResult:
    """Write every job in every format into `out_dir`, skipping outputs whose record still holds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    manifest = _load_manifest(out_dir)
    templates = template_digests(config)
    todo: list[tuple[DocumentJob, list[tuple[str, str]]]] = []
    unchanged: list[str] = []
    records: dict[str, dict[str, Any]] = {}
    for job in jobs:
        targets = []
        for fmt in formats:
            path = str(out_dir / f"{job.slug}.{fmt}")
            record = _record(job, fmt, config, templates, source_hashes, corrections_digest)
            records[path] = record
            old = manifest.get(path)
            if not force and old and old.get("digest") == record["digest"] and Path(path).is_file():
                unchanged.append(path)
            else:
                targets.append((fmt, path))
        if targets:
            todo.append((job, targets))
    written: list[str] = []
    failures: list[Failure] = []
    total = sum(len(t) for _, t in todo)

    def finished(job: DocumentJob, paths: Iterable[str]) -> None:
        for p in paths:
            written.append(p)
            manifest[p] = records[p]
            if progress:
                progress(len(written) + len(failures), total, job.title)

    def failed(job: DocumentJob, targets: list[tuple[str, str]], err: BaseException) -> None:
        reason = f"{type(err).__name__}: {err}".splitlines()[0]
        failures.append(Failure(", ".join(job.sources) or job.slug, f"document {job.slug} failed: {reason}"))
        for _, p in targets:
            manifest.pop(p, None)

    try:
        if workers <= 1 or len(todo) <= 1:
            for job, targets in todo:
                try:
                    finished(job, _render_and_write(job, config, targets))
                except Exception as err:  # noqa: BLE001 - one document must not stop the batch
                    failed(job, targets, err)
        else:
            # Largest first (a comparison of all units takes as long as dozens of unit reports):
            # started last, it would run alone on one core after the rest is done.
            todo.sort(key=lambda item: -len(item[0].sources))
            with _pool(min(workers, len(todo))) as pool:
                futures: dict[Future[list[str]], tuple[DocumentJob, list[tuple[str, str]]]] = {
                    pool.submit(_render_and_write, job, config, targets): (job, targets) for job, targets in todo}
                for future in as_completed(futures):
                    job, targets = futures[future]
                    try:
                        finished(job, future.result())
                    except Exception as err:  # noqa: BLE001 - includes a worker that died
                        failed(job, targets, err)
    finally:
        _remove_leftovers(out_dir)
        _save_manifest(out_dir, manifest)
    return BatchResult(tuple(written), tuple(unchanged), tuple(failures))
