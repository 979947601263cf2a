"""`reportgen eval`: annotated sources -> the extractor's precision and recall, errors by cause, and
with `--folds K` the confidence model cross-validated by article."""
from __future__ import annotations

from pathlib import Path

import click

from reportgen.evaluate import evaluate, format_report
from reportgen.i18n import N_, _, ngettext

__all__ = ["eval_cmd"]


@click.command("eval", help=N_("Score the extractor on GOLD_DIRS: every source with a gold .json beside it."))
@click.argument("gold_dirs", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help=N_("Cross-validate the confidence model with this many folds of articles."))
@click.option("--brief", is_flag=True, help=N_("Only the totals, no per-article list."))
@click.option("--calibration", "calibration_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=N_("With --folds: a list of the articles the rules were not developed on (folder/stem per "
                      "line, as scripts/calibration.txt); the model is recalibrated on them and scored on "
                      "them."))
def eval_cmd(gold_dirs: tuple[Path, ...], folds: int | None, brief: bool, calibration_file: Path | None) -> None:
    """Score the extractor on GOLD_DIRS: every source with a gold .json beside it."""
    if folds:
        from reportgen.evaluate.learn import collect, cross_validate

        articles = collect(gold_dirs)
        if len(articles) < folds:
            raise click.UsageError(ngettext("{n} annotated source: too few for {folds} folds",
                                            "{n} annotated sources: too few for {folds} folds",
                                            len(articles)).format(n=len(articles), folds=folds))
        names = set()
        if calibration_file:
            names = {line.strip() for line in calibration_file.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")}
        calibration = [a for a in articles if f"{Path(a.path).parent.name}/{Path(a.path).stem}" in names]
        rest = [a for a in articles if a not in calibration]
        report = cross_validate(rest, folds, calibration=calibration)
    else:
        report = evaluate(gold_dirs)
    if not report.articles:
        raise click.UsageError(_("no annotated sources (a .txt/.html/.docx/.pdf with a .json of the same "
                                 "name)"))
    click.echo(format_report(report, details=not brief))
