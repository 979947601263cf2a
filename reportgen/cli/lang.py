"""The language of the command line: `--lang`, help texts translated when shown, click's own messages.

Help texts are given as English msgids (marked with `N_`) when the commands are defined at import, before
the language is known; `LangGroup.main` chooses the language first (`--lang` is looked for in the
arguments, since `--help` may come before it is parsed) and translates every help text of the command
tree from the originals kept aside, so one process can run invocations in different languages.
"""
from __future__ import annotations

import sys
from typing import Any, Iterator, Sequence

import click

from reportgen import __version__, i18n
from reportgen.i18n import N_

__all__ = ["LangGroup", "lang_option", "version_option", "language_in_args", "translate_help"]

_ORIGINAL = "_reportgen_msgids"


def language_in_args(args: Sequence[str]) -> str | None:
    """The language named by `--lang X` or `--lang=X` among the arguments (the last one), else None."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in i18n.LANGUAGES:
            found = value
    return found


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        i18n.set_language(value)


lang_option = click.option(
    "--lang", type=click.Choice(i18n.LANGUAGES), is_eager=True, expose_value=False, callback=_set_language,
    help=N_("Language of the messages: vi or en (default: vi, en when LANG, LC_ALL or LANGUAGE names "
            "English)."))


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    click.echo(i18n._("%(prog)s, version %(version)s") % {"prog": "reportgen", "version": __version__})
    ctx.exit()


# click's version_option makes its message at import, before the language is known
version_option = click.option("--version", is_flag=True, is_eager=True, expose_value=False, callback=_show_version,
                              help=N_("Show the version and exit."))


def _commands(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _commands(sub)


def translate_help(root: click.Command) -> None:
    """Set every help text of the command tree to its translation in the current language."""
    for command in _commands(root):
        targets: list[Any] = [command, *command.params]
        for obj in targets:
            original = obj.__dict__.setdefault(_ORIGINAL, {
                name: getattr(obj, name, None) for name in ("help", "short_help", "epilog")})
            for name, text in original.items():
                if text:
                    setattr(obj, name, i18n._(text))


# click marks its own messages for gettext ("Usage:", "Missing argument", ...): they go through
# reportgen's catalog, where reportgen/cli/clickmsgs.py lists the ones translated.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def _patch_click() -> None:
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


class LangGroup(click.Group):
    """The top group: messages and help in the language of `--lang` or of the environment."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Run the command line with its language chosen first."""
        argv = list(sys.argv[1:] if args is None else args)
        _patch_click()
        with i18n.using(language_in_args(argv)):
            translate_help(self)
            return super().main(argv, *rest, **kwargs)
