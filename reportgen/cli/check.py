"""`reportgen check`: sources -> findings (with the corrections and the reviewers' decisions applied)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.check import check as run_checks
from reportgen.cli.options import (
    corrections_of,
    corrections_option,
    db_option,
    decisions_of,
    report_failures,
    report_findings,
    sources_of,
    unit_option,
)
from reportgen.i18n import N_, _, ngettext
from reportgen.model import Unit
from reportgen.pipeline import prepare

__all__ = ["check_cmd"]


@click.command("check", help=N_(
    "Check the facts of SOURCES (files or folders): stated percentages, orders, sums, conflicts between "
    "sources.\n\nExit status 1 when a source fails or a finding is an error."))
@click.argument("sources", nargs=-1)
@corrections_option
@unit_option
@db_option
def check_cmd(sources: tuple[str, ...], corrections_path: Path | None, unit: Unit | None, db_path: Path) -> None:
    """Check the facts of SOURCES: stated percentages, orders, sums, conflicts between sources."""
    extractions, failures, findings = prepare(sources_of(sources), corrections=corrections_of(corrections_path),
                                              unit=unit, decisions=decisions_of(db_path))
    findings += run_checks(extractions)
    count = report_findings(findings, err=False)
    report_failures(failures)
    sources = len({e.source.path for e in extractions})
    click.echo(_("{findings} in {sources}").format(
        findings=ngettext("{n} finding", "{n} findings", count).format(n=count),
        sources=ngettext("{n} source", "{n} sources", sources).format(n=sources)))
    sys.exit(1 if failures or any(f.severity == "error" for f in findings) else 0)
