"""`reportgen config`: the schema of `reportgen.toml` -> a commented file, its documentation, a check."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.build.fileio import atomic_write_text
from reportgen.cli.options import config_from_options, error
from reportgen.config import CONFIG_FILE
from reportgen.config.docs import init_file, markdown

__all__ = ["config"]


@click.group("config")
def config() -> None:
    """The configuration file: write a commented one, document every key, check one."""


@config.command("init")
@click.argument("path", required=False, default=CONFIG_FILE, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing file.")
def init_cmd(path: Path, force: bool) -> None:
    """Write PATH (default: reportgen.toml): every key with its meaning, the defaults set."""
    if path.exists() and not force:
        error(f"{path}: already exists (use --force to replace it)")
        sys.exit(1)
    try:
        atomic_write_text(path, init_file())
    except OSError as err:
        error(f"{path}: cannot write ({err.strerror or err})")
        sys.exit(1)
    click.echo(f"wrote {path}; edit it, then: reportgen config check {path}")


@config.command("docs")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output), e.g. docs/configuration.md.")
def docs_cmd(output: Path | None) -> None:
    """Print (or write) the documentation of every key, generated from the schema."""
    if output is None:
        click.echo(markdown(), nl=False)
        return
    atomic_write_text(output, markdown())
    click.echo(f"wrote {output}")


@config.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
def check_cmd(path: Path | None) -> None:
    """Check PATH (default: reportgen.toml here): one line per error or warning."""
    if path is None and not Path(CONFIG_FILE).is_file():
        error(f"no {CONFIG_FILE} here (reportgen config init writes one)")
        sys.exit(1)
    config_from_options(path)
    click.echo(f"{path or CONFIG_FILE}: valid")
