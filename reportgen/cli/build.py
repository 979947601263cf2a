"""`reportgen build`: sources -> the documents of every unit and the comparison, in parallel."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from reportgen.build.fileio import OutputError
from reportgen.build.health import startup_warnings
from reportgen.build.signals import Stopped, exit_status, stopping_on_signals
from reportgen.cli.options import (
    DEFAULT_OUTPUT,
    config_from_options,
    corrections_of,
    corrections_option,
    db_option,
    decisions_of,
    error,
    report_failures,
    report_findings,
    sources_of,
    unit_option,
    warning,
)
from reportgen.config.schema import PDF_VARIANTS
from reportgen.i18n import N_, _, ngettext, number
from reportgen.model import Unit
from reportgen.pipeline import DEFAULT_FORMATS, NothingToBuild
from reportgen.pipeline import build as run_build
from reportgen.templating.folders import context_kind, find_template
from reportgen.writers import WRITERS

__all__ = ["build", "DOUBTFUL"]

#: Facts below this confidence are doubtful: to check before a document is signed.
DOUBTFUL = 0.8


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(x.strip().lower() for x in value.split(",") if x.strip())
    unknown = [n for n in names if n not in WRITERS]
    if unknown or not names:
        raise click.BadParameter(_("unknown format {names}; choose from {known}").format(
            names=", ".join(unknown) or repr(value), known=", ".join(sorted(WRITERS))))
    return names


@click.command(help=N_("Build one summary per unit and a comparative summary from SOURCES.\n\n"
                       "SOURCES are files or folders (.txt, .html, .docx, .pdf; .doc, .odt, .rtf with "
                       "LibreOffice); default: the seeds/ folder."))
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", "output", default=DEFAULT_OUTPUT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help=N_("Folder the documents are written "
                                                                        "to."))
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help=N_("Comma-separated output formats."))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("Configuration file (default: reportgen.toml in the working folder, if any)."))
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help=N_("Folder of templates searched before the built-in ones (repeatable)."))
@click.option("--kind", default=None, help=N_("Build only this report kind (see `reportgen templates "
                                              "list`)."))
@click.option("--year", type=int, default=None,
              help=N_("The documents of this year only: each unit's, the comparison's and the yearly "
                      "summary's (compared with the year before)."))
@corrections_option
@unit_option
@db_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help=N_("Worker processes for the documents (default: the number of cores)."))
@click.option("--pdf-variant", "pdf_variant", type=click.Choice(PDF_VARIANTS, case_sensitive=False),
              default=None,
              help=N_("Write the PDF files as this archival variant (default: pdf_variant of reportgen.toml, "
                      "else a plain PDF)."))
@click.option("--force", is_flag=True, help=N_("Rebuild every document, even the unchanged ones."))
@click.option("--wait", is_flag=True, help=N_("Wait for another build writing into the same folder to "
                                              "finish."))
def build(sources: tuple[str, ...], output: Path, formats: str, config_path: Path | None,
          template_dirs: tuple[Path, ...], kind: str | None, year: int | None,
          corrections_path: Path | None, unit: Unit | None, db_path: Path, jobs: int | None,
          pdf_variant: str | None, force: bool, wait: bool) -> None:
    """Build one summary per unit and a comparative summary from SOURCES."""
    fmts = _formats(formats)
    config = config_from_options(config_path, template_dirs)
    if pdf_variant is not None:
        config = replace(config, pdf_variant=pdf_variant.lower())
    paths = sources_of(sources)
    corrections = corrections_of(corrections_path)
    decisions = decisions_of(db_path)
    if kind is not None and find_template(kind, config) is None:
        try:
            context_kind(kind, config)
        except ValueError as err:  # an unknown kind: one line listing the known ones
            error(str(err))
            sys.exit(1)
    for line in startup_warnings(fmts):
        warning(line)
    with _Progress() as progress, stopping_on_signals():
        try:
            result = run_build(paths, output, config, fmts, kind=kind, year=year, corrections=corrections,
                               workers=jobs or os.cpu_count() or 1, force=force, progress=progress, unit=unit,
                               wait=wait, warn=warning, decisions=decisions)
        except (OutputError, NothingToBuild) as err:
            error(str(err))
            sys.exit(1)
        except (KeyboardInterrupt, Stopped) as err:
            progress.close()
            if isinstance(err, Stopped):
                error(_("stopped by {signal}: the documents finished are kept; the next build completes the "
                        "rest").format(signal=err))
            else:
                error(_("interrupted: the documents finished are kept; the next build completes the rest"))
            sys.exit(exit_status(err))
        except ValueError as err:
            raise click.UsageError(str(err)) from err
    for path in result.written:
        click.echo(_("wrote {path}").format(path=path))
    for extraction in result.extractions:
        for text in extraction.warnings:
            warning(f"{extraction.source.path}: {text}")
    for note in result.notes:
        warning(note)
    findings = report_findings(list(result.findings))
    report_failures(result.failures)
    units = len({e.unit.key for e in result.extractions if e.unit})
    sources = len({e.source.path for e in result.extractions})  # a unit correction splits an extraction
    facts = [f for e in result.extractions for f in e.facts]
    doubtful = sum(1 for f in facts if f.confidence < DOUBTFUL)
    click.echo(summary_line(units, sources, len(facts), doubtful, len(result.written), len(result.unchanged),
                            len(result.failures), findings))
    sys.exit(1 if result.failures else 0)


def summary_line(units: int, sources: int, facts: int, doubtful: int, built: int, unchanged: int, failed: int,
                 findings: int) -> str:
    """The last line of a build: what was read, what was built, what to look at; plural-correct."""
    def n(count: int) -> str:
        return number(count)
    return _("{units} from {sources}: {facts} ({doubtful}, confidence < {threshold}); {built}, {unchanged}, "
             "{failed}; {findings}").format(
        units=ngettext("{n} unit", "{n} units", units).format(n=n(units)),
        sources=ngettext("{n} source", "{n} sources", sources).format(n=n(sources)),
        facts=ngettext("{n} fact", "{n} facts", facts).format(n=n(facts)),
        doubtful=ngettext("{n} doubtful", "{n} doubtful", doubtful).format(n=n(doubtful)),
        threshold=number(DOUBTFUL),
        built=ngettext("{n} document built", "{n} documents built", built).format(n=n(built)),
        unchanged=ngettext("{n} unchanged", "{n} unchanged", unchanged).format(n=n(unchanged)),
        failed=ngettext("{n} failed", "{n} failed", failed).format(n=n(failed)),
        findings=ngettext("{n} finding", "{n} findings", findings).format(n=n(findings)))


class _Progress:
    """A progress bar on a terminal (documents done / total, current document, ETA); silent otherwise."""

    def __init__(self) -> None:
        self.bar = None
        self.enabled = sys.stderr.isatty()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the bar's line, if one is shown."""
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=_("documents"), show_eta=True, show_pos=True,
                                         file=sys.stderr, item_show_func=lambda item: item)
        self.bar.update(done - self.bar.pos, label[:40])
