"""`reportgen review`: sources -> the review app on 127.0.0.1, or with --static the one-file page."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.build.fileio import atomic_write_text
from reportgen.check import check as run_checks
from reportgen.cli.options import (
    DEFAULT_OUTPUT,
    db_option,
    open_store,
    report_failures,
    reviewer_of,
    reviewer_option,
    sources_of,
    unit_option,
)
from reportgen.i18n import N_, _, ngettext
from reportgen.model import Unit
from reportgen.pipeline import load_extractions
from reportgen.store.facts import FactStore
from reportgen.store.transfer import source_loader

__all__ = ["review"]


@click.command(help=N_(
    "Review the facts of SOURCES (files or folders) in the review app: every decision is saved at once in "
    "the review database, which build, check and facts export then apply.\n\nWith --static, write a "
    "self-contained page instead; its downloaded decisions are recorded by `reportgen corrections import`."))
@click.argument("sources", nargs=-1)
@unit_option
@db_option
@reviewer_option
@click.option("--no-browser", is_flag=True, help=N_("Print the address only; do not open a browser."))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help=N_("Port on 127.0.0.1 (default: a "
                                                                          "free one)."))
@click.option("--static", "static", is_flag=True, help=N_("Write the one-file page for offline review "
                                                          "instead."))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("The page --static writes (default: review.html)."))
def review(sources: tuple[str, ...], unit: Unit | None, db_path: Path, reviewer: str | None, no_browser: bool, port: int,
           static: bool, output: Path | None) -> None:
    """Review the facts of SOURCES in the review app, or write the one-file page."""
    if output is not None and not static:
        raise click.UsageError(_("-o is for --static (the app saves decisions itself)"))
    paths = sources_of(sources)
    extractions, failures = load_extractions(paths, FactStore.under(Path(DEFAULT_OUTPUT), unit))
    findings = run_checks(extractions)
    report_failures(failures)
    store = open_store(db_path, create=not static or db_path.is_file())
    if static:
        from reportgen.review.page import review_page

        target = output or Path("review.html")
        decisions = store.current() if store is not None else []
        # a file name that is not UTF-8 is shown with "?" where its odd bytes are
        atomic_write_text(target, review_page(extractions, findings, decisions), errors="replace")
        facts = sum(len(e.facts) for e in extractions)
        click.echo(_("wrote {path}: {facts} from {sources}, {findings}").format(
            path=target, facts=ngettext("{n} fact", "{n} facts", facts).format(n=facts),
            sources=ngettext("{n} source", "{n} sources", len(extractions)).format(n=len(extractions)),
            findings=ngettext("{n} finding", "{n} findings", len(findings)).format(n=len(findings))))
        sys.exit(1 if failures else 0)
    from reportgen.review.serve import serve

    assert store is not None
    serve(store, extractions, findings, reviewer_of(reviewer), source_loader(FactStore.under(Path(DEFAULT_OUTPUT))),
          port=port, browser=not no_browser,
          announce=lambda url: click.echo(_("review app at {url} (Ctrl+C to stop)").format(url=url)))
    sys.exit(1 if failures else 0)
