"""The `reportgen` command: thin click commands over the library, one module per command group.

Exit status: 0 when every input was processed, 1 when some input failed (the rest is still done),
2 for a usage error.
"""
from __future__ import annotations

import click

from reportgen.cli.build import build
from reportgen.cli.check import check_cmd
from reportgen.cli.config import config
from reportgen.cli.corrections import corrections
from reportgen.cli.evaluate import eval_cmd
from reportgen.cli.facts import extract, facts
from reportgen.cli.lang import LangGroup, lang_option, version_option
from reportgen.cli.review import review
from reportgen.cli.templates import templates
from reportgen.i18n import N_

__all__ = ["main"]


@click.group(cls=LangGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Turn articles on Party-building work into checked DOCX and PDF summaries."))
@version_option
@lang_option
def main() -> None:
    """The `reportgen` command line."""


for command in (build, extract, check_cmd, review, facts, corrections, eval_cmd, templates, config):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
