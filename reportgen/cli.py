"""The `reportgen` command: thin click commands over the library.

Exit status: 0 when every input was processed, 1 when some input failed (the rest is still done),
2 for a usage error.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .check import check as run_checks
from .cliutil import config_from_options
from .corrections import Correction, CorrectionsError, find_corrections_file, load_corrections
from .export import EXPORTERS, write_facts
from .fileio import atomic_write_text
from .review import review_page
from .evaluate import evaluate, format_report
from .health import startup_warnings
from .model import Extraction, Failure
from .pipeline import DEFAULT_FORMATS, build as run_build, expand_sources, extract_sources, prepare, read_sources
from .writers import WRITERS

DEFAULT_SOURCES = "seeds"
DEFAULT_OUTPUT = "output"


def _error(message: str) -> None:
    click.echo(f"reportgen: error: {message}", err=True)


def _report_failures(failures: tuple[Failure, ...] | list[Failure]) -> None:
    for f in failures:
        _error(str(f))


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(x.strip().lower() for x in value.split(",") if x.strip())
    unknown = [n for n in names if n not in WRITERS]
    if unknown or not names:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or value!r}; "
                                 f"choose from {', '.join(sorted(WRITERS))}")
    return names


def _sources(sources: tuple[str, ...]) -> list[str]:
    if sources:
        return expand_sources(sources)
    if not Path(DEFAULT_SOURCES).is_dir():
        raise click.UsageError(f"no SOURCES given and no '{DEFAULT_SOURCES}/' folder here")
    return expand_sources([DEFAULT_SOURCES])


def _corrections(path: Path | None) -> list[Correction]:
    """The corrections to apply: the given file, else corrections.yaml/.json of the working folder."""
    found = path or find_corrections_file()
    if found is None:
        return []
    try:
        return load_corrections(found)
    except CorrectionsError as err:
        raise click.UsageError(str(err)) from err


_corrections_option = click.option(
    "--corrections", "corrections_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Corrections file (default: corrections.yaml, .yml or .json in the working folder, if any).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """Turn articles on Party-building work into checked DOCX and PDF summaries."""


@main.command()
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", "output", default=DEFAULT_OUTPUT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder the documents are written to.")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help="Comma-separated output formats.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: reportgen.toml in the working folder, if any).")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of templates searched before the built-in ones (repeatable).")
@click.option("--kind", default=None, help="Build only this report kind (see `reportgen templates list`).")
@click.option("--year", type=int, default=None, help="Only the figures of this year.")
@_corrections_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the documents (default: the number of cores).")
@click.option("--force", is_flag=True, help="Rebuild every document, even the unchanged ones.")
def build(sources: tuple[str, ...], output: Path, formats: str, config_path: Path | None,
          template_dirs: tuple[Path, ...], kind: str | None, year: int | None,
          corrections_path: Path | None, jobs: int | None, force: bool) -> None:
    """Build one summary per unit and a comparative summary from SOURCES.

    SOURCES are files or folders (.txt, .html, .docx, .pdf); default: the seeds/ folder.
    """
    fmts = _formats(formats)
    config = config_from_options(config_path, template_dirs)
    paths = _sources(sources)
    for warning in startup_warnings(fmts):
        click.echo(f"reportgen: warning: {warning}", err=True)
    with _Progress() as progress:
        try:
            result = run_build(paths, output, config, fmts, kind=kind, year=year,
                               corrections=_corrections(corrections_path), workers=jobs or os.cpu_count() or 1,
                               force=force, progress=progress)
        except ValueError as err:
            raise click.UsageError(str(err)) from err
    for path in result.written:
        click.echo(f"wrote {path}")
    for finding in result.findings:
        click.echo(f"{finding.severity}: {finding.location}: {finding.message}", err=True)
    _report_failures(result.failures)
    units = len({e.unit.key for e in result.extractions if e.unit})
    click.echo(f"{units} units from {len(result.extractions)} sources: {len(result.written)} documents built, "
               f"{len(result.unchanged)} unchanged, {len(result.failures)} failed; {len(result.findings)} findings")
    sys.exit(1 if result.failures else 0)


class _Progress:
    """A progress bar on a terminal (documents done / total, current document, ETA); silent otherwise."""

    def __init__(self) -> None:
        self.bar = None
        self.enabled = sys.stderr.isatty()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.render_finish()

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="documents", show_eta=True, show_pos=True,
                                         file=sys.stderr, item_show_func=lambda item: item)
        self.bar.update(done - self.bar.pos, label[:40])


def _table(extractions: list[Extraction]) -> str:
    rows = [("unit", "metric", "value", "year", "evidence")]
    for e in extractions:
        unit = e.unit.label if e.unit else "?"
        for f in e.facts:
            value = ({"over": "> ", "about": "~ ", "under": "< "}.get(f.qualifier, "")) + str(f.value)
            ev = (f.evidence.text if f.evidence else "").replace("\n", " ")
            ev = ev if len(ev) <= 60 else ev[:57] + "..."
            rows.append((unit, f.metric + (" *" if f.derived else ""), value, str(f.year or "—"), ev))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 8)
    return "\n".join(lines)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
def extract(files: tuple[str, ...], fmt: str) -> None:
    """Extract facts from FILES (JSON per ../shared/FACTS.md, or a readable table)."""
    out: list[dict] = []
    good: list[Extraction] = []
    failed = False
    for path in files:
        sources, failures = read_sources([path])
        extractions, failures2 = extract_sources(sources)
        for f in failures + failures2:
            out.append({"path": f.path, "error": f.reason})
            _error(str(f))
            failed = True
        for e in extractions:
            out.append(e.to_json())
            good.append(e)
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(good))
    sys.exit(1 if failed else 0)


@main.command("check")
@click.argument("sources", nargs=-1)
@_corrections_option
def check_cmd(sources: tuple[str, ...], corrections_path: Path | None) -> None:
    """Check the facts of SOURCES: stated percentages, orders, sums, conflicts between sources."""
    extractions, failures, findings = prepare(_sources(sources), corrections=_corrections(corrections_path))
    findings += run_checks(extractions)
    for finding in findings:
        click.echo(f"{finding.severity}: {finding.location}: {finding.message}")
    _report_failures(failures)
    click.echo(f"{len(findings)} findings in {len(extractions)} sources")
    sys.exit(1 if failures else 0)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", "output", default="review.html", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The HTML page to write.")
@_corrections_option
def review(sources: tuple[str, ...], output: Path, corrections_path: Path | None) -> None:
    """Write a review page: SOURCES' texts with their facts, findings, and decision controls.

    The page downloads the decisions as a corrections file for build, check and facts export.
    Decisions of an existing corrections file are shown pre-filled.
    """
    decisions = _corrections(corrections_path)
    extractions, failures, _ = prepare(_sources(sources))
    findings = run_checks(extractions)
    atomic_write_text(output, review_page(extractions, findings, decisions))
    _report_failures(failures)
    click.echo(f"wrote {output}: {sum(len(e.facts) for e in extractions)} facts from {len(extractions)} sources, "
               f"{len(findings)} findings")
    sys.exit(1 if failures else 0)


@main.group()
def facts() -> None:
    """Work with the extracted facts."""


@facts.command("export")
@click.argument("sources", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORTERS)), default="csv", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: output/facts.csv or output/facts.xlsx).")
@_corrections_option
def facts_export(sources: tuple[str, ...], fmt: str, output: Path | None, corrections_path: Path | None) -> None:
    """Write every fact of SOURCES with unit, year, value, qualifier, source and evidence."""
    extractions, failures, findings = prepare(_sources(sources), corrections=_corrections(corrections_path))
    target = output or Path(DEFAULT_OUTPUT) / f"facts.{fmt}"
    count = write_facts(extractions, target, fmt)
    for finding in findings:
        click.echo(f"{finding.severity}: {finding.location}: {finding.message}", err=True)
    _report_failures(failures)
    click.echo(f"wrote {target}: {count} facts from {len(extractions)} sources")
    sys.exit(1 if failures else 0)


@main.command("eval")
@click.argument("gold_dirs", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
def eval_cmd(gold_dirs: tuple[Path, ...]) -> None:
    """Score the extractor on GOLD_DIRS: every source with a gold .json beside it."""
    report = evaluate(gold_dirs)
    if not report.articles:
        raise click.UsageError("no annotated sources (a .txt/.html/.docx/.pdf with a .json of the same name)")
    click.echo(format_report(report))


from .cli_templates import templates  # noqa: E402  (the `reportgen templates` group)
main.add_command(templates)


if __name__ == "__main__":  # pragma: no cover
    main()
