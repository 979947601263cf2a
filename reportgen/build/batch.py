"""Write the documents of a build: skip the unchanged ones, render the rest in worker processes.

Each output records in a manifest what it was built from (its sources' hashes, the template files,
the configuration, the corrections, the reportgen version, and a digest of the whole document
context). An output whose record still holds is skipped. The rest run in long-lived worker
processes (`reportgen.build.workers`: imports and fonts loaded once per worker, workers replaced when
they grow), largest document first; the appendices of a large document are written as separate
parts in parallel and joined. Every file is written to a temporary name and renamed, so an
interrupted build leaves no partial document; leftover temporary files are removed at the next
build (one build at a time writes into a folder: the caller holds its lock). The PDF of a Word
template's document is its DOCX converted by LibreOffice afterwards, one run per worker.

Outputs are trusted only after a check: the manifest records each output's size and SHA-256, and
an output whose file is missing or differs (truncated, edited) is rebuilt. A damaged manifest is
discarded with one warning: every document is rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import as_completed
from dataclasses import asdict, dataclass, is_dataclass, replace
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Sequence

from reportgen import __version__, i18n, office
from reportgen.build.fileio import MAX_OUTPUT_BYTES, atomic_write, atomic_write_text, file_digest, folder_error, write
from reportgen.build.workers import WorkerPool
from reportgen.config import Config, Limits
from reportgen.model import DocumentJob, Failure

__all__ = ["Progress", "BatchResult", "write_documents", "start_pool", "MANIFEST", "template_digests",
           "remove_leftovers"]

MANIFEST = Path(".reportgen") / "manifest.json"

Progress = Callable[[int, int, str], None]  # (documents done, documents in all, current document)


@dataclass(frozen=True)
class BatchResult:
    """Outputs written, outputs skipped as unchanged, and failures."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    failures: tuple[Failure, ...]
    notes: tuple[str, ...] = ()  # what was left out and why, one line each


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
    from reportgen.templating.folders import builtin_templates
    from reportgen.templating.sandbox import inside

    out: dict[str, str] = {}
    for folder in [*map(Path, config.template_dirs), builtin_templates().parent]:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                           and inside(p, [folder])):  # a link to a file elsewhere is never loaded
            try:
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as err:  # an unreadable file: rendering says so if a template uses it
                out[str(path)] = f"unreadable: {err.strerror or err}"
    return out


def _record(job: DocumentJob, fmt: str, config: Config, templates: dict[str, str],
            source_hashes: dict[str, str], corrections: str) -> dict[str, Any]:
    record = {
        "version": __version__, "format": fmt,
        "sources": {p: source_hashes.get(p, "") for p in job.sources},
        # The limits change what a build may cost, not what a document holds.
        "templates": _digest(templates), "config": _digest(replace(config, limits=Limits())),
        "corrections": corrections,
        "context": _digest(job.context), "kind": job.kind,
    }
    record["digest"] = _digest(record)
    return record


def _load_manifest(out_dir: Path, warn: Callable[[str], None] | None) -> dict[str, dict[str, Any]]:
    path = out_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        if warn is not None:
            warn(i18n._("{path}: damaged manifest discarded; every document is rebuilt").format(path=path))
        return {}
    return data


def _intact(path: str, record: dict[str, Any]) -> bool:
    """Whether the output still is the file the manifest recorded (cheap: its size first)."""
    output = record.get("output")
    if not isinstance(output, dict):
        return False
    try:
        if os.stat(path).st_size != output.get("size"):
            return False
        return file_digest(Path(path))["sha256"] == output.get("sha256")
    except OSError:
        return False


def _save_manifest(out_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    # Paths of sources named in bytes that are not UTF-8 are kept as those bytes.
    atomic_write_text(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                      errors="surrogateescape")


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files and folders of an interrupted build (".name.xxxx.tmp"), also in the facts
    cache."""
    import shutil

    for folder in (out_dir, out_dir / MANIFEST.parent, out_dir / MANIFEST.parent / "facts"):
        for tmp in folder.glob(".*.tmp"):
            try:
                shutil.rmtree(tmp) if tmp.is_dir() and not tmp.is_symlink() else tmp.unlink()
            except OSError:
                pass


def _warm() -> None:
    """Worker start: load the heavy libraries and the fonts once for all its documents."""
    import gc

    from reportgen import render, writers  # noqa: F401 - imported once, here
    from reportgen.writers import pdf

    pdf.font_config()
    # WeasyPrint allocates millions of short-lived objects per document, so the garbage collector
    # runs often; the ~90,000 objects of the loaded libraries need not be scanned every time.
    gc.freeze()


def _render_and_write(job: DocumentJob, config: Config, targets: Sequence[tuple[str, str]],
                      extra: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Render one job and write it in each (format, path): the unit of work of a worker. The
    `extra` files (a DOCX to convert to PDF) are written too but not returned."""
    from reportgen import render

    rendered = render.render(job, config)
    _write_rendered(rendered, extra, config.limits.document_bytes)
    return _write_rendered(rendered, targets, config.limits.document_bytes)


def _write_rendered(rendered: Any, targets: Sequence[tuple[str, str]], max_bytes: int = MAX_OUTPUT_BYTES
                    ) -> list[str]:
    for fmt, path in targets:
        write(rendered, fmt, Path(path), max_bytes)
    return [path for _, path in targets]


def _write_part(fmt: str, part: Any, path: str) -> str:
    """Write one part of a parted document into its temporary file."""
    from reportgen import writers

    writers.PARTED[fmt].write_part(part, Path(path))
    return path


def start_pool(workers: int) -> WorkerPool:
    """Worker processes, started now so that they warm up while the caller prepares the jobs."""
    return WorkerPool(workers, _warm)


_LARGE = 10 ** 9


def _weight(html: str) -> int:
    # Table cells and paragraphs, not bytes: a chart's data URI is long but cheap to lay out.
    return html.count("<td") + html.count("<p") + html.count("<li")


class _Task:
    """What one submitted call does for the batch: a whole job, or one part of a parted document."""

    def __init__(self, job: DocumentJob, targets: list[tuple[str, str]], weight: int,
                 fn: Callable[..., Any], args: tuple[Any, ...], parted: _PartedTarget | None = None,
                 pdf: tuple[str, str] | None = None) -> None:
        self.job, self.targets, self.weight, self.fn, self.args = job, targets, weight, fn, args
        self.parted = parted
        self.pdf = pdf  # (DOCX, PDF): the PDF to convert from the DOCX once this task is done


class _PartedTarget:
    """A document written in parts: done when every part is, then joined into its path."""

    def __init__(self, fmt: str, path: str, files: list[str]) -> None:
        self.fmt, self.path, self.files = fmt, path, files
        self.pending, self.failed = len(files), False


def _word_task(job: DocumentJob, targets: list[tuple[str, str]], config: Config,
               out_dir: Path) -> _Task:
    """The task of a kind whose PDF is converted from its DOCX: the DOCX is written (a target,
    else a temporary file) and the PDF left to the conversions."""
    pdf = next(p for f, p in targets if f == "pdf")
    rest = [(f, p) for f, p in targets if f != "pdf"]
    docx = next((p for f, p in rest if f == "docx"), None)
    extra = [] if docx else [("docx", str(out_dir / f".{job.slug}.pdf.docx.tmp"))]
    source = docx or extra[0][1]
    return _Task(job, rest, 1000 * len(job.sources), _render_and_write, (job, config, rest, extra),
                 pdf=(source, pdf))


def _tasks(todo: list[tuple[DocumentJob, list[tuple[str, str]]]], config: Config, out_dir: Path,
           parallel: bool, word_pdf: Collection[str] = ()) -> list[_Task]:
    """The calls of a batch, largest first. With several workers, a document with appendices is
    rendered here and its parts go to the workers separately (they are laid out in parallel)."""
    from reportgen import render, writers

    tasks = []
    for job, targets in todo:
        if job.kind in word_pdf and any(f == "pdf" for f, _ in targets):
            tasks.append(_word_task(job, targets, config, out_dir))
            continue
        parted_fmts = [(f, p) for f, p in targets if f in writers.PARTED]
        if parallel and parted_fmts and job.context.get("appendix"):
            rendered = render.render(job, config)
            rest = [(f, p) for f, p in targets if f not in writers.PARTED]
            # The pieces of a large document go before every unit report, the longest first.
            for fmt, path in parted_fmts:
                parts = writers.PARTED[fmt].split(rendered)
                files = [str(out_dir / f".{Path(path).name}.{i}.part.tmp") for i in range(len(parts))]
                target = _PartedTarget(fmt, path, files)
                for part, file in zip(parts, files):
                    tasks.append(_Task(job, [(fmt, path)], _LARGE + _weight(part.html), _write_part,
                                       (fmt, part, file), target))
            if rest:  # the DOCX writer is ten times faster than the PDF one
                tasks.append(_Task(job, rest, _LARGE + _weight(rendered.html) // 10, _write_rendered,
                                   (rendered, rest, config.limits.document_bytes)))
        else:
            # A unit report: rendering it is cheaper in the worker than shipping its HTML.
            tasks.append(_Task(job, targets, 1000 * len(job.sources), _render_and_write,
                               (job, config, targets)))
    # Largest first: a comparison of all units, started last, would run alone on one core.
    tasks.sort(key=lambda t: -t.weight)
    return tasks


def write_documents(jobs: Sequence[DocumentJob], out_dir: Path, config: Config, formats: Sequence[str], *,
                    source_hashes: dict[str, str], corrections_digest: str = "", workers: int = 1,
                    force: bool = False, progress: Progress | None = None,
                    pool: WorkerPool | None = None, warn: Callable[[str], None] | None = None) -> BatchResult:
    """Write every job in every format into `out_dir`, skipping outputs whose record still holds
    and whose file is the one recorded.

    With `workers` > 1 the documents are written by `pool` (the caller's, already started, which
    the caller closes) or by a pool of this call. A folder that cannot be written stops the batch
    with one OutputError."""
    from reportgen.render import pdf_from_word
    from reportgen.writers.word import convert_documents

    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    manifest = _load_manifest(out_dir, warn)
    templates = template_digests(config)
    todo: list[tuple[DocumentJob, list[tuple[str, str]]]] = []
    unchanged: list[str] = []
    records: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    word_pdf = {k for k in {j.kind for j in jobs} if "pdf" in formats and pdf_from_word(k, config)}
    if word_pdf and not office.available():
        notes.append(i18n._("{missing}: the documents of {kinds} (a Word template) are built as DOCX "
                            "only").format(
            missing=office.missing_message(), kinds=", ".join(sorted(word_pdf))))
    for job in jobs:
        targets = []
        for fmt in formats:
            if fmt == "pdf" and job.kind in word_pdf and notes:
                continue
            path = str(out_dir / f"{job.slug}.{fmt}")
            record = _record(job, fmt, config, templates, source_hashes, corrections_digest)
            records[path] = record
            old = manifest.get(path)
            if not force and old and old.get("digest") == record["digest"] and _intact(path, old):
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
            manifest[p] = {**records[p], "output": file_digest(Path(p))}
            if progress:
                progress(len(written) + len(failures), total, job.title)

    def failed(job: DocumentJob, targets: list[tuple[str, str]], err: BaseException) -> None:
        stop = folder_error(err, out_dir)
        if stop is not None:  # a read-only folder or a full disk: every document would fail alike
            raise stop
        reason = f"{type(err).__name__}: {err}".splitlines()[0]
        message = i18n._("document {slug} failed: {reason}").format(slug=job.slug, reason=reason)
        failures.append(Failure(", ".join(job.sources) or job.slug, message))
        for _unused, p in targets:
            manifest.pop(p, None)

    def joined(task: _Task) -> None:
        from reportgen import writers

        target = task.parted
        assert target is not None
        target.pending -= 1
        if target.pending == 0 and not target.failed:
            join = writers.PARTED[target.fmt].join
            atomic_write(Path(target.path), lambda tmp: join([Path(f) for f in target.files], tmp))
            for f in target.files:
                Path(f).unlink(missing_ok=True)
            finished(task.job, [target.path])

    conversions: list[tuple[DocumentJob, str, str]] = []  # (job, DOCX, PDF) once the DOCX is written

    def settle(task: _Task, outcome: Callable[[], Any]) -> None:
        try:
            result = outcome()
            if task.pdf is not None:
                conversions.append((task.job, *task.pdf))
            if task.parted is None:
                finished(task.job, result)
            elif not task.parted.failed:
                joined(task)  # the last part joins them all
        except Exception as err:  # noqa: BLE001 - one document must not stop the batch
            if task.parted is not None:
                if task.parted.failed:
                    return  # that document's failure is already counted
                task.parted.failed = True
            failed(task.job, task.targets + ([("pdf", task.pdf[1])] if task.pdf else []), err)

    def converted(outcome: Callable[[], Any], chunk: list[tuple[DocumentJob, str, str]]) -> None:
        try:
            results = dict(outcome())
        except Exception as err:  # noqa: BLE001 - one batch must not stop the build
            results = {pdf: f"{type(err).__name__}: {err}" for _, _, pdf in chunk}
        for job, _unused, pdf in chunk:
            error = results.get(pdf, "no PDF made")
            finished(job, [pdf]) if error is None else failed(job, [("pdf", pdf)], office.OfficeError(error))

    try:
        tasks = _tasks(todo, config, out_dir, parallel=workers > 1, word_pdf=word_pdf)
        if workers <= 1 or (len(tasks) <= 1 and pool is None):
            for task in tasks:
                settle(task, lambda: task.fn(*task.args))
            if conversions:  # one LibreOffice run for all
                converted(lambda: convert_documents([(d, p) for _, d, p in conversions]), conversions)
        else:
            own = pool is None
            pool = pool or start_pool(min(workers, len(tasks)))
            try:
                futures = {pool.submit(t.fn, *t.args): t for t in tasks}
                for future in as_completed(futures):
                    settle(futures[future], future.result)  # includes a worker that died
                # One LibreOffice run per worker, each over its share of the documents.
                share = -(-len(conversions) // workers) if conversions else 1
                chunks = [conversions[i:i + share] for i in range(0, len(conversions), share)]
                pending = {pool.submit(convert_documents, [(d, p) for _, d, p in c]): c for c in chunks}
                for future in as_completed(pending):
                    converted(future.result, pending[future])
            except BaseException:
                pool.close(cancel=True)
                raise
            if own:
                pool.close()
    finally:
        remove_leftovers(out_dir)
        try:
            _save_manifest(out_dir, manifest)
        except OSError:
            pass  # the previous manifest stays; outputs it no longer describes fail their check
    return BatchResult(tuple(written), tuple(unchanged), tuple(failures), tuple(notes))
