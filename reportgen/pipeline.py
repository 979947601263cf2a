"""Run the stages in order: readers -> extract (cached in the store) -> corrections -> check ->
contexts -> render -> writers (by `build`'s worker pool).

One bad source never stops a batch: it becomes a `Failure` with a one-line reason and the rest is
built. Outputs are written atomically.
"""
from __future__ import annotations

import hashlib
import os
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from reportgen import contexts
from reportgen.build.batch import MANIFEST, Progress, remove_leftovers, start_pool, write_documents
from reportgen.build.fileio import lock_folder
from reportgen.check import check
from reportgen.config import Config
from reportgen.errors import TimeLimitExceeded, time_limit
from reportgen.extract import extract
from reportgen.i18n import _
from reportgen.model import BuildResult, Extraction, Failure, Finding, Source, Unit
from reportgen.readers import SUFFIXES, ReadError, prepare_reading, read
from reportgen.render.charts import prefetch
from reportgen.store.corrections import Correction, to_decision
from reportgen.store.decisions import Decision, apply_decisions
from reportgen.store.facts import SOURCE_SECONDS, FactStore, timed_out

__all__ = ["expand_sources", "read_sources", "extract_sources", "load_extractions", "prepare", "build",
           "DEFAULT_FORMATS", "NothingToBuild", "APPLIED"]

DEFAULT_FORMATS = ("docx", "pdf")
#: What a folder given as a source contributes (other files are passed over).
SOURCE_SUFFIXES = SUFFIXES
#: The code of the info finding that says how many reviewer decisions were applied.
APPLIED = "decisions-applied"


class NothingToBuild(ValueError):
    """`--kind` or `--year` matched no document of the sources; the message lists what exists."""


def _nothing_matches(extractions: Sequence[Extraction], config: Config, kind: str | None,
                     year: int | None) -> NothingToBuild:
    from reportgen.templating.folders import find_kinds

    years = sorted({f.year for e in extractions for f in e.facts if f.year is not None})
    kinds = [k.name for k in find_kinds(config) if contexts.plan(extractions, config, kind=k.name, year=year)]
    asked = " ".join(x for x in (f"--kind {kind}" if kind else "", f"--year {year}" if year else "") if x)
    shown_years = ", ".join(map(str, years)) or _("no year")
    shown_kinds = ", ".join(kinds) or _("none")
    if year:
        return NothingToBuild(_("no document for {asked}: the sources have figures of {years}; kinds with "
                                "documents for {year}: "
                                "{kinds}").format(asked=asked, years=shown_years, year=year,
                                                                         kinds=shown_kinds))
    return NothingToBuild(_("no document for {asked}: the sources have figures of {years}; kinds with "
                            "documents: {kinds}").format(asked=asked, years=shown_years, kinds=shown_kinds))


def expand_sources(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Paths as given, with folders replaced by the source files inside them (sorted): every entry
    with a source suffix that is not a folder, so that a FIFO or a broken link is reported, not skipped."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.iterdir())
                       if p.suffix.lower() in SOURCE_SUFFIXES and not p.name.startswith(".") and not p.is_dir())
        else:
            out.append(str(raw))
    return out


def read_sources(paths: Sequence[str], seconds: float = SOURCE_SECONDS) -> tuple[list[Source], list[Failure]]:
    """Read every path, each within `seconds`; unreadable ones become failures."""
    sources, failures = [], []
    prepare_reading(paths)  # .doc/.odt/.rtf: one LibreOffice run for all
    for p in paths:
        try:
            with time_limit(seconds):
                sources.append(read(p))
        except TimeLimitExceeded:
            failures.append(Failure(p, str(timed_out(seconds))))
        except ReadError as err:
            failures.append(Failure(p, err.reason))
    return sources, failures


def extract_sources(sources: Sequence[Source], unit: Unit | None = None, seconds: float = SOURCE_SECONDS
                    ) -> tuple[list[Extraction], list[Failure]]:
    """Extract every source (about `unit` when given), each within `seconds`; an extractor crash on
    one source is that source's failure."""
    extractions, failures = [], []
    for s in sources:
        try:
            with time_limit(seconds):
                extractions.append(extract(s, unit))
        except TimeLimitExceeded:
            failures.append(Failure(s.path, _("extraction failed: {value}").format(value=timed_out(seconds))))
        except Exception as err:  # noqa: BLE001 - one source must not stop the batch
            failures.append(Failure(s.path, _("extraction failed: {kind}: {err}").format(
                kind=type(err).__name__, err=err)))
    return extractions, failures


def load_extractions(paths: Sequence[str], store: FactStore, submit: Callable[..., Any] | None = None
                     ) -> tuple[list[Extraction], list[Failure]]:
    """The extraction of every path, through the store (extracted by `submit`'s workers if given);
    unreadable sources become failures."""
    extractions, failures = [], []
    for p, result in zip(paths, store.load_many(paths, submit)):
        if isinstance(result, Extraction):
            extractions.append(result)
        elif isinstance(result, ReadError):
            failures.append(Failure(p, result.reason))
        else:  # the extractor's error, already "Type: message"
            failures.append(Failure(p, _("extraction failed: {result}").format(result=result)))
    return extractions, failures


def prepare(paths: Sequence[str], store: FactStore | None = None, corrections: Sequence[Correction] = (),
            submit: Callable[..., Any] | None = None, unit: Unit | None = None,
            decisions: Sequence[Decision] | None = None) -> tuple[list[Extraction], list[Failure], list[Finding]]:
    """Extractions of `paths` (about `unit` when given) with the corrections file's and the review
    store's decisions applied (a later one on the same fact wins), the failures, and the findings
    of decisions not applied.

    With `decisions` given (the review store is in use) or any corrections, the findings end with
    an info finding (code APPLIED) saying in one line what was applied.
    """
    extractions, failures = load_extractions(expand_sources(paths), store or FactStore(None, unit), submit)
    every = [to_decision(c) for c in corrections] + list(decisions or ())
    if decisions is None and not corrections:
        return extractions, failures, []
    extractions, findings, summary = apply_decisions(extractions, every)
    findings.append(Finding("info", APPLIED, summary.line()))
    return extractions, failures, findings


def build(paths: Sequence[str], out_dir: Path, config: Config,
          formats: Sequence[str] = DEFAULT_FORMATS, *, kind: str | None = None, year: int | None = None,
          store: FactStore | None = None, corrections: Sequence[Correction] = (), workers: int = 1,
          force: bool = False, progress: Progress | None = None, unit: Unit | None = None, wait: bool = False,
          warn: Callable[[str], None] | None = None, decisions: Sequence[Decision] | None = None) -> BuildResult:
    """Build the per-unit and comparative documents of `paths` into `out_dir`, holding its lock
    (OutputError when another build holds it, unless `wait`; or when it cannot be written); `unit`:
    the unit the sources are about, when a user says it; `decisions`: the review store's, None
    without one."""
    with lock_folder(out_dir, wait):
        return _build(paths, out_dir, config, formats, kind=kind, year=year, store=store, corrections=corrections,
                      workers=workers, force=force, progress=progress, unit=unit, warn=warn, decisions=decisions)


def _build(paths: Sequence[str], out_dir: Path, config: Config, formats: Sequence[str], *, kind: str | None,
           year: int | None, store: FactStore | None, corrections: Sequence[Correction], workers: int,
           force: bool, progress: Progress | None, unit: Unit | None, warn: Callable[[str], None] | None,
           decisions: Sequence[Decision] | None = None) -> BuildResult:
    store = store if store is not None else FactStore.under(out_dir, unit, config.limits.source_seconds)
    # When everything will be written, the workers start (1-2 s) while this process extracts.
    pool = start_pool(workers) if workers > 1 and (force or not (out_dir / MANIFEST).is_file()) else None
    try:
        # Extracting and drawing load modules and data a document worker does not need: the
        # workers that did it are replaced (in the background) once the documents are planned.
        side_work = partial(pool.submit, taint=True) if pool is not None else None
        extractions, failures, findings = prepare(paths, store, corrections, side_work, decisions=decisions)
        for line in store.warnings:
            if warn is not None:
                warn(line)
        for e in extractions:
            if e.unit is None:
                failures.append(Failure(e.source.path, "; ".join(e.warnings)
                                        or _("no unit found (no Party committee or unit named)")))
        findings += check(extractions)
        placed = [e for e in extractions if e.unit is not None]
        skipped: list[str] = []
        jobs = contexts.plan(placed, config, kind=kind, year=year, notes=skipped)
        if not jobs and placed and (kind is not None or year is not None):
            # the one document asked for is not made: why is the error, in one line
            raise NothingToBuild(skipped[0]) if skipped and kind else _nothing_matches(placed, config, kind, year)
        for line in skipped:  # a document not made (a comparison of one unit) and why
            if warn is not None:
                warn(line)
        prefetch(jobs, side_work)  # the idle workers start drawing the charts
        if pool is not None:
            pool.refresh()
        batch = write_documents(jobs, out_dir, config, formats, workers=workers, force=force,
                                progress=progress, pool=pool, warn=warn,
                                source_hashes={e.source.path: e.source.sha256 for e in extractions},
                                # the store's decisions reach a document through its context alone:
                                # one decision rebuilds only the documents whose figures it changes
                                corrections_digest=hashlib.sha256(repr(list(corrections)).encode()).hexdigest())
    except BaseException:
        if pool is not None:
            pool.close(cancel=True)  # the workers are killed, then their temporary files removed
        remove_leftovers(out_dir)
        raise
    if pool is not None:
        pool.close()
    # A unit that ended before its document's date: one line each (the documents carry a note).
    ended = tuple(contexts.ended_warnings(jobs))
    return BuildResult(batch.written, batch.unchanged, tuple(failures) + batch.failures, tuple(findings),
                       tuple(extractions), ended + batch.notes)
