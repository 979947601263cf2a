"""`reportgen corrections import|export`: files of decisions <-> the review database."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.cli.options import DEFAULT_OUTPUT, db_option, error, open_store, reviewer_of, reviewer_option
from reportgen.i18n import N_, _, ngettext
from reportgen.store.facts import FactStore
from reportgen.store.transfer import export_decisions, import_files, source_loader

__all__ = ["corrections"]


@click.group("corrections", help=N_("Decisions of reviewers: import files of them into the review database, "
                                    "or "
                                    "export them."))
def corrections() -> None:
    """The `reportgen corrections` commands."""


@corrections.command("import", help=N_(
    "Record the decisions of FILES: review-page downloads and corrections files (JSON, YAML), filled-in "
    "`facts export` spreadsheets (XLSX, CSV), `corrections export` files."))
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@reviewer_option
def import_cmd(files: tuple[Path, ...], db_path: Path, reviewer: str | None) -> None:
    """Record the decisions of FILES in the review database."""
    store = open_store(db_path)
    assert store is not None
    try:
        report = import_files(files, store, source_loader(FactStore.under(Path(DEFAULT_OUTPUT))), reviewer_of(reviewer))
    finally:
        store.close()
    for line in report.conflicts + report.problems:
        error(line)
    click.echo(f"{db_path}: {report.line()}")
    sys.exit(1 if report.conflicts or report.problems else 0)


@corrections.command("export", help=N_(
    "Write every decision ever recorded, with who made it and when, to FILE (.json, .yaml, .csv or .xlsx)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def export_cmd(file: Path, db_path: Path) -> None:
    """Write every decision ever recorded to FILE."""
    if file.suffix.lower() not in (".json", ".yaml", ".yml", ".csv", ".xlsx"):
        raise click.BadParameter(_("FILE must end in .json, .yaml, .csv or .xlsx"), param_hint="FILE")
    store = open_store(db_path, create=False)
    if store is None:
        raise click.UsageError(_("{path}: no review database here (see reportgen "
                                 "review)").format(path=db_path))
    try:
        count = export_decisions(store, file)
    finally:
        store.close()
    click.echo(_("wrote {path}: {decisions}").format(
        path=file, decisions=ngettext("{n} decision", "{n} decisions", count).format(n=count)))
