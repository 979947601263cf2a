"""`reportgen templates`: list, new, check and context, thin over `reportgen.templating`.

For template authors: everything a new report kind needs without touching Python. Exit status:
0 on success, 1 when `check` finds a problem (or a command cannot be done), 2 for a usage error.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from reportgen.authoring.check import check_templates
from reportgen.authoring.kinds import (
    NEW_DIR,
    TemplatingError,
    examples,
    format_kinds,
    format_reference,
    list_kinds,
    new_kind,
    reference,
)
from reportgen.cli.options import config_from_options

__all__ = ["templates"]

_CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                       help="Configuration file (default: reportgen.toml here, if any).")
_TEMPLATES = click.option("--templates", "template_dirs", multiple=True,
                          type=click.Path(exists=True, file_okay=False, path_type=Path),
                          help="Folder of templates searched before the built-in ones "
                               "(repeatable).")


def _fail(message: str) -> None:
    click.echo(f"reportgen: error: {message}", err=True)
    sys.exit(1)


@click.group("templates")
def templates() -> None:
    """Report kinds and their templates: list, start, check, and the variables they get."""


@templates.command("list")
@_CONFIG
@_TEMPLATES
def list_cmd(config_path: Path | None, template_dirs: tuple[Path, ...]) -> None:
    """Every report kind, its context and where its template comes from."""
    click.echo(format_kinds(list_kinds(config_from_options(config_path, template_dirs))))


@templates.command("new")
@click.argument("name")
@click.option("--from", "base", default="tom-tat", show_default=True,
              help="The report kind to copy.")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help=f"Folder to write to (default: the first template folder, else {NEW_DIR}/).")
@click.option("--format", "fmt", type=click.Choice(["html", "docx"]), default="html",
              show_default=True, help="html: a copy of the HTML template; docx: a Word template "
                                      "with the kind's content, to restyle in Word.")
@click.option("--force", is_flag=True, help="Replace an existing template of that name.")
@_CONFIG
@_TEMPLATES
def new_cmd(name: str, base: str, folder: Path | None, fmt: str, force: bool,
            config_path: Path | None, template_dirs: tuple[Path, ...]) -> None:
    """Start report kind NAME from another kind's template (HTML, or a Word template)."""
    config = config_from_options(config_path, template_dirs)
    try:
        path = new_kind(name, config, base, folder, force, fmt)
    except TemplatingError as err:
        _fail(str(err))
        return
    where = path.parent.parent if fmt == "docx" else path.parent
    what = "a Word template of" if fmt == "docx" else "a copy of"
    click.echo(f"created {path} ({what} {base}); edit it, then:")
    click.echo(f"  reportgen templates check {where}")
    click.echo(f"  reportgen build --templates {where} --kind {name}")


@templates.command("check")
@click.argument("folder", required=False,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@_CONFIG
@_TEMPLATES
def check_cmd(folder: Path | None, config_path: Path | None,
              template_dirs: tuple[Path, ...]) -> None:
    """Compile every template of FOLDER (default: all) and render each kind strictly against
    the example contexts; one line per problem, exit status 1 if any."""
    result = check_templates(config_from_options(config_path, template_dirs), folder)
    for problem in result.problems:
        click.echo(f"{problem.location}: error: {problem.message}"
                   + (f" (hint: {problem.hint})" if problem.hint else ""))
    click.echo(f"{result.files} template files, {result.renders} renders against contexts "
               f"from {result.origin}: {len(result.problems) or 'no'} "
               f"problem{'s' * (len(result.problems) != 1)}", err=bool(result.problems))
    sys.exit(1 if result.problems else 0)


@templates.command("context")
@click.argument("kinds", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_CONFIG
@_TEMPLATES
def context_cmd(kinds: tuple[str, ...], as_json: bool, config_path: Path | None,
                template_dirs: tuple[Path, ...]) -> None:
    """The variables a template of each KIND receives (default: every kind), with types and
    example values from seeds/ (or a built-in sample)."""
    config = config_from_options(config_path, template_dirs)
    found = examples()
    names = kinds or tuple(k.name for k in list_kinds(config))
    out, texts = {}, []
    for kind in names:
        try:
            context, variables, documents = reference(kind, config, found)
        except TemplatingError as err:
            _fail(str(err))
            return
        out[kind] = {"context": context, "examples_from": found.origin,
                     "variables": [asdict(v) for v in variables]}
        texts.append(format_reference(kind, context, variables, documents, found.origin))
    click.echo(json.dumps(out, ensure_ascii=False, indent=2) if as_json
               else "\n\n".join(texts))
