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
    TemplatingError,
    Variable,
    examples,
    format_kinds,
    format_reference,
    list_kinds,
    new_kind,
    reference,
)
from reportgen.cli.options import config_from_options, error
from reportgen.contexts import CONTEXT_KINDS
from reportgen.i18n import N_, _, ngettext

__all__ = ["templates"]

_CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                       help=N_("Configuration file (default: reportgen.toml here, if any)."))
_TEMPLATES = click.option("--templates", "template_dirs", multiple=True,
                          type=click.Path(exists=True, file_okay=False, path_type=Path),
                          help=N_("Folder of templates searched before the built-in ones (repeatable)."))


def _fail(message: str) -> None:
    error(message)
    sys.exit(1)


#: The description `reportgen.authoring.kinds.reference` gives `charts[].image` (a Word template's kind),
#: marked here so that it is translated where it is printed.
_CHART_IMAGE = N_("the chart as a picture, for a Word template")


def _translated(variables: list[Variable]) -> list[Variable]:
    """The variables with their descriptions (msgids of the contexts' FIELDS) in the current language."""
    for var in variables:
        if var.description:  # _("") would be the catalog's header
            var.description = _(var.description)
    return variables


def _kinds_described(text: str) -> str:
    """`text` with the built-in kinds' descriptions (msgids of the registry, printed as they are by
    `reportgen.authoring.kinds`) in the current language."""
    for spec in CONTEXT_KINDS.values():
        text = text.replace(spec.description, _(spec.description))
    return text


@click.group("templates", help=N_("Report kinds and their templates: list, start, check, and the variables "
                                  "they "
                                  "get."))
def templates() -> None:
    """The `reportgen templates` commands."""


@templates.command("list", help=N_("Every report kind, its context and where its template comes from."))
@_CONFIG
@_TEMPLATES
def list_cmd(config_path: Path | None, template_dirs: tuple[Path, ...]) -> None:
    """Every report kind, its context and where its template comes from."""
    click.echo(_kinds_described(format_kinds(list_kinds(config_from_options(config_path, template_dirs)))))


@templates.command("new", help=N_("Start report kind NAME from another kind's template (HTML, or a Word "
                                  "template)."))
@click.argument("name")
@click.option("--from", "base", default="tom-tat", show_default=True,
              help=N_("The report kind to copy."))
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help=N_("Folder to write to (default: the first template folder, else local-templates/)."))
@click.option("--format", "fmt", type=click.Choice(["html", "docx"]), default="html",
              show_default=True, help=N_("html: a copy of the HTML template; docx: a Word template "
                                         "with the kind's content, to restyle in Word."))
@click.option("--force", is_flag=True, help=N_("Replace an existing template of that name."))
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
    if fmt == "docx":
        click.echo(_("created {path} (a Word template of {base}); edit it, "
                     "then:").format(path=path, base=base))
    else:
        click.echo(_("created {path} (a copy of {base}); edit it, then:").format(path=path, base=base))
    click.echo(f"  reportgen templates check {where}")
    click.echo(f"  reportgen build --templates {where} --kind {name}")


@templates.command("check", help=N_(
    "Compile every template of FOLDER (default: all) and render each kind strictly against the example "
    "contexts; one line per problem, exit status 1 if any."))
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
        line = _("{location}: error: {message}").format(location=problem.location, message=problem.message)
        click.echo(line + (_(" (hint: {hint})").format(hint=problem.hint) if problem.hint else ""))
    problems = len(result.problems)
    click.echo(_("{files}, {renders} against contexts from {origin}: {problems}").format(
        files=ngettext("{n} template file", "{n} template files", result.files).format(n=result.files),
        renders=ngettext("{n} render", "{n} renders", result.renders).format(n=result.renders),
        origin=_(result.origin),
        problems=ngettext("{n} problem", "{n} problems", problems).format(n=problems) if problems
        else _("no problems")), err=bool(result.problems))
    sys.exit(1 if result.problems else 0)


@templates.command("context", help=N_(
    "The variables a template of each KIND receives (default: every kind), with types and example values "
    "from seeds/ (or a built-in sample)."))
@click.argument("kinds", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of a table."))
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
        variables = _translated(variables)
        out[kind] = {"context": context, "examples_from": found.origin,
                     "variables": [asdict(v) for v in variables]}
        texts.append(_kinds_described(format_reference(kind, context, variables, documents, found.origin)))
    click.echo(json.dumps(out, ensure_ascii=False, indent=2) if as_json
               else "\n\n".join(texts))
