"""`reportgen check` and `reportgen review`: sources -> findings, and the review page of their facts."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.build.fileio import atomic_write_text
from reportgen.check import check as run_checks
from reportgen.cli.options import (
    corrections_of,
    corrections_option,
    finding_line,
    report_failures,
    sources_of,
    unit_option,
)
from reportgen.model import Unit
from reportgen.pipeline import prepare
from reportgen.review import review_page

__all__ = ["check_cmd", "review"]


@click.command("check")
@click.argument("sources", nargs=-1)
@corrections_option
def check_cmd(sources: tuple[str, ...], corrections_path: Path | None) -> None:
    """Check the facts of SOURCES: stated percentages, orders, sums, conflicts between sources.

    Exit status 1 when a source fails or a finding is an error."""
    extractions, failures, findings = prepare(sources_of(sources), corrections=corrections_of(corrections_path))
    findings += run_checks(extractions)
    for finding in findings:
        click.echo(finding_line(finding))
    report_failures(failures)
    click.echo(f"{len(findings)} findings in {len(extractions)} sources")
    sys.exit(1 if failures or any(f.severity == "error" for f in findings) else 0)


@click.command()
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", "output", default="review.html", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The HTML page to write.")
@corrections_option
@unit_option
def review(sources: tuple[str, ...], output: Path, corrections_path: Path | None, unit: Unit | None) -> None:
    """Write a review page: SOURCES' texts with their facts, findings, and decision controls.

    The page downloads the decisions as a corrections file for build, check and facts export.
    Decisions of an existing corrections file are shown pre-filled.
    """
    decisions = corrections_of(corrections_path)
    extractions, failures, _ = prepare(sources_of(sources), unit=unit)
    findings = run_checks(extractions)
    # A file name that is not UTF-8 is shown with "?" where its odd bytes are.
    atomic_write_text(output, review_page(extractions, findings, decisions), errors="replace")
    report_failures(failures)
    click.echo(f"wrote {output}: {sum(len(e.facts) for e in extractions)} facts from {len(extractions)} sources, "
               f"{len(findings)} findings")
    sys.exit(1 if failures else 0)
