"""click's own messages that reportgen's catalog translates (usage, help headings, usage errors).

click marks them for gettext; `reportgen.cli.lang` routes click's gettext calls to reportgen's catalog.
This function is never called: it only lists the msgids for `pybabel extract`.
"""
from __future__ import annotations

from reportgen.i18n import _, ngettext

__all__: list[str] = []


def _messages() -> None:  # pragma: no cover - read by pybabel extract, never run
    _("Usage:")
    _("Options")
    _("Commands")
    _("Positional arguments")
    _("Show this message and exit.")
    _("Show the version and exit.")
    _("%(prog)s, version %(version)s")
    _("Aborted!")
    _("Error: {message}")
    _("Try '{command} {option}' for help.")
    _("Invalid value: {message}")
    _("Invalid value for {param_hint}: {message}")
    _("Missing argument")
    _("Missing option")
    _("Missing parameter")
    _("Missing {param_type}")
    _("Missing parameter: {param_name}")
    _("Missing command.")
    _("No such option {name!r}.")
    _("No such command {name!r}.")
    _("Option {name!r} does not take a value.")
    _("default: {default}")
    _("required")
    _("file")
    _("directory")
    _("path")
    _("{name} {filename!r} does not exist.")
    _("{name} {filename!r} is a file.")
    _("{name} {filename!r} is a directory.")
    _("{name} {filename!r} is not readable.")
    _("{name} {filename!r} is not writable.")
    _("{value!r} is not a valid {number_type}.")
    _("{value} is not in the range {range}.")
    _("Could not open file {filename!r}: {message}")
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
