"""`reportgen config`: the schema of `reportgen.toml` -> a commented file, its documentation, a check."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.build.fileio import atomic_write_text
from reportgen.cli.options import config_from_options, error
from reportgen.config import CONFIG_FILE
from reportgen.config.docs import init_file, markdown
from reportgen.i18n import N_, _

__all__ = ["config"]


@click.group("config", help=N_("The configuration file: write a commented one, document every key, check "
                               "one."))
def config() -> None:
    """The `reportgen config` commands."""


@config.command("init", help=N_("Write PATH (default: reportgen.toml): every key with its meaning, the "
                                 "defaults set."))
@click.argument("path", required=False, default=CONFIG_FILE, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help=N_("Replace an existing file."))
def init_cmd(path: Path, force: bool) -> None:
    """Write PATH (default: reportgen.toml): every key with its meaning, the defaults set."""
    if path.exists() and not force:
        error(_("{path}: already exists (use --force to replace it)").format(path=path))
        sys.exit(1)
    try:
        atomic_write_text(path, init_file())
    except OSError as err:
        error(_("{path}: cannot write ({reason})").format(path=path, reason=err.strerror or err))
        sys.exit(1)
    click.echo(_("wrote {path}; edit it, then: reportgen config check {path}").format(path=path))


@config.command("docs", help=N_("Print (or write) the documentation of every key, generated from the "
                                "schema."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("File to write (default: standard output), e.g. docs/configuration.md."))
def docs_cmd(output: Path | None) -> None:
    """Print (or write) the documentation of every key, generated from the schema."""
    if output is None:
        click.echo(markdown(), nl=False)
        return
    atomic_write_text(output, markdown())
    click.echo(_("wrote {path}").format(path=output))


@config.command("check", help=N_("Check PATH (default: reportgen.toml here): one line per error or warning."))
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
def check_cmd(path: Path | None) -> None:
    """Check PATH (default: reportgen.toml here): one line per error or warning."""
    if path is None and not Path(CONFIG_FILE).is_file():
        error(_("no {file} here (reportgen config init writes one)").format(file=CONFIG_FILE))
        sys.exit(1)
    config_from_options(path)
    click.echo(_("{path}: valid").format(path=path or CONFIG_FILE))
