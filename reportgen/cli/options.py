"""What the click command modules share: options, the sources and corrections they name, the
configuration, and one-line error reports."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from reportgen.config import Config, ConfigError, load_config
from reportgen.extract.places import UnitError, parse_unit
from reportgen.i18n import N_, _
from reportgen.model import Failure, Finding, Unit
from reportgen.pipeline import APPLIED, expand_sources
from reportgen.store.corrections import Correction, CorrectionsError, find_corrections_file, load_corrections
from reportgen.store.decisions import Decision
from reportgen.store.reviewdb import ReviewStore, default_reviewer
from reportgen.store.schema import DEFAULT_DB, StoreError

__all__ = ["config_from_options", "shown", "one_line", "finding_line", "error", "warning", "OneLineError",
           "report_failures", "sources_of", "corrections_of", "corrections_option", "unit_option",
           "DEFAULT_SOURCES", "DEFAULT_OUTPUT", "db_option", "reviewer_option", "decisions_of", "open_store",
           "report_findings", "reviewer_of", "severity_name"]

DEFAULT_SOURCES = "seeds"
DEFAULT_OUTPUT = "output"


def shown(text: str) -> str:
    """Text a terminal can print: bytes of a file name that are not UTF-8 shown as "?"."""
    return text.encode("utf-8", "replace").decode("utf-8")


def one_line(text: str) -> str:
    """`shown` text on one line: a line break in a file name is shown as "\\n"."""
    return shown(text).replace("\r", "\\r").replace("\n", "\\n")


def finding_line(finding: Finding) -> str:
    """A finding as the commands print it: "severity: file:line: message", one line."""
    return one_line(f"{severity_name(finding.severity)}: {finding.location}: {finding.message}")


_SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def severity_name(severity: str) -> str:
    """The word of a finding's severity in the current language."""
    return _(_SEVERITIES[severity]) if severity in _SEVERITIES else severity


def error(message: str) -> None:
    """Print one error line on standard error."""
    click.echo(one_line(_("reportgen: error: {message}").format(message=message)), err=True)


class OneLineError(click.UsageError):
    """A usage error (exit status 2) shown as one line, without the usage text: a bad file."""

    def show(self, file: object = None) -> None:
        """Print `reportgen: error: MESSAGE` on standard error."""
        error(self.format_message())


def warning(message: str) -> None:
    """Print one warning line on standard error."""
    click.echo(one_line(_("reportgen: warning: {message}").format(message=message)), err=True)


def report_failures(failures: tuple[Failure, ...] | list[Failure]) -> None:
    """One error line per failed source."""
    for f in failures:
        error(str(f))


def sources_of(sources: tuple[str, ...]) -> list[str]:
    """The source files of the arguments (folders expanded), else of the seeds/ folder."""
    if sources:
        return expand_sources(sources)
    if not Path(DEFAULT_SOURCES).is_dir():
        raise click.UsageError(_("no SOURCES given and no '{folder}/' folder "
                                 "here").format(folder=DEFAULT_SOURCES))
    return expand_sources([DEFAULT_SOURCES])


def corrections_of(path: Path | None) -> list[Correction]:
    """The corrections to apply: the given file, else corrections.yaml/.json of the working folder."""
    found = path or find_corrections_file()
    if found is None:
        return []
    try:
        return load_corrections(found)
    except CorrectionsError as err:
        raise OneLineError(str(err)) from err


def _unit(ctx: click.Context, param: click.Parameter, value: str | None) -> Unit | None:
    if value is None:
        return None
    try:
        return parse_unit(value)
    except UnitError as err:
        raise click.BadParameter(str(err)) from err


unit_option = click.option(
    "--unit", "unit", callback=_unit, metavar='"xã Y, huyện Z, tỉnh T"',
    help=N_("The unit the sources are about, when its detection from the text should not be used."))

corrections_option = click.option(
    "--corrections", "corrections_path", type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Corrections file (default: corrections.yaml, .yml or .json in the working folder, if any)."))


db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
    help=N_("Review database with the reviewers' decisions (used when it exists)."))
reviewer_option = click.option("--reviewer", default=None, help=N_("Who decides (default: the user name)."))


def reviewer_of(name: str | None) -> str:
    """The reviewer named on the command line, else the OS user."""
    return name or default_reviewer()


def open_store(path: Path, create: bool = True) -> ReviewStore | None:
    """The review database (created when `create`; None when it does not exist and not `create`)."""
    try:
        return ReviewStore(path) if create else ReviewStore.existing(path)
    except StoreError as err:
        raise OneLineError(str(err)) from err


def decisions_of(path: Path) -> list[Decision] | None:
    """The decisions in force in the review database, None when there is none."""
    store = open_store(path, create=False)
    if store is None:
        return None
    try:
        return store.current()
    finally:
        store.close()


def report_findings(findings: list[Finding], err: bool = True) -> int:
    """Print the findings, one line each, and the decisions line on standard output; returns how
    many findings were printed."""
    count = 0
    for finding in findings:
        if finding.code == APPLIED:
            click.echo(finding.message)
            continue
        click.echo(finding_line(finding), err=err)
        count += 1
    return count


def config_from_options(config_path: Path | None, template_dirs: tuple[Path, ...] = ()) -> Config:
    """The configuration, with template folders from the command line searched first (usage error if bad)."""
    try:
        config = load_config(config_path, warn=warning)
    except (ConfigError, OSError) as err:
        raise OneLineError(str(err)) from err
    if template_dirs:
        config = replace(config, template_dirs=tuple(template_dirs) + tuple(config.template_dirs))
    return config
