"""`reportgen eval`: annotated sources -> the extractor's precision and recall."""
from __future__ import annotations

from pathlib import Path

import click

from reportgen.evaluate import evaluate, format_report

__all__ = ["eval_cmd"]


@click.command("eval")
@click.argument("gold_dirs", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
def eval_cmd(gold_dirs: tuple[Path, ...]) -> None:
    """Score the extractor on GOLD_DIRS: every source with a gold .json beside it."""
    report = evaluate(gold_dirs)
    if not report.articles:
        raise click.UsageError("no annotated sources (a .txt/.html/.docx/.pdf with a .json of the same name)")
    click.echo(format_report(report))
