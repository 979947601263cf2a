"""`reportgen extract` and `reportgen facts export`: sources -> their facts, as JSON, a table,
CSV or XLSX."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.cli.options import (
    DEFAULT_OUTPUT,
    corrections_of,
    corrections_option,
    db_option,
    decisions_of,
    error,
    report_failures,
    report_findings,
    shown,
    sources_of,
    unit_option,
)
from reportgen.i18n import N_, _, ngettext
from reportgen.model import Extraction, Unit
from reportgen.pipeline import expand_sources, extract_sources, load_extractions, read_sources
from reportgen.store.corrections import to_decision
from reportgen.store.decisions import apply_decisions
from reportgen.store.export import EXPORTERS, write_facts
from reportgen.store.facts import FactStore

__all__ = ["extract", "facts"]


def _table(extractions: list[Extraction]) -> str:
    rows = [(_("unit"), _("metric"), _("value"), _("year"), _("evidence"))]
    for e in extractions:
        unit = e.unit.label if e.unit else "?"
        for f in e.facts:
            value = ({"over": "> ", "about": "~ ", "under": "< "}.get(f.qualifier, "")) + str(f.value)
            ev = (f.evidence.text if f.evidence else "").replace("\n", " ")
            ev = ev if len(ev) <= 60 else ev[:57] + "..."
            rows.append((unit, f.metric + (" *" if f.derived else ""), value, str(f.year or "—"), ev))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 8)
    return "\n".join(lines)


@click.command(help=N_("Extract facts from FILES, files or folders (JSON as in docs/facts.md, or a readable "
                       "table)."))
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@unit_option
def extract(files: tuple[str, ...], fmt: str, unit: Unit | None) -> None:
    """Extract facts from FILES, files or folders (JSON as in docs/facts.md, or a readable table)."""
    out: list[dict] = []
    good: list[Extraction] = []
    failed = False
    for path in expand_sources(files):
        sources, failures = read_sources([path])
        extractions, failures2 = extract_sources(sources, unit)
        for f in failures + failures2:
            out.append({"path": f.path, "error": f.reason})
            error(str(f))
            failed = True
        for e in extractions:
            out.append(e.to_json())
            good.append(e)
    if fmt == "json":
        click.echo(shown(json.dumps(out, ensure_ascii=False, indent=2)))
    else:
        click.echo(shown(_table(good)))
    sys.exit(1 if failed else 0)


@click.group(help=N_("Work with the extracted facts."))
def facts() -> None:
    """The `reportgen facts` commands."""


@facts.command("export", help=N_(
    "Write every fact of SOURCES (files or folders), one row each, with the decisions made so far; fill in "
    "Quyết định, Giá trị sửa, Năm sửa, Ghi chú and `reportgen corrections import` the file."))
@click.argument("sources", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(EXPORTERS), default="csv", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("File to write (default: output/facts.csv or output/facts.xlsx)."))
@click.option("--delimiter", default=";", show_default=True,
              help=N_("Field separator of the CSV (';' as Excel expects in a Vietnamese locale; ',' or "
                      "'tab')."))
@corrections_option
@unit_option
@db_option
def facts_export(sources: tuple[str, ...], fmt: str, output: Path | None, delimiter: str,
                 corrections_path: Path | None, unit: Unit | None, db_path: Path) -> None:
    """Write every fact of SOURCES, one row each, with the decisions made so far."""
    delimiter = "\t" if delimiter.lower() in ("tab", "\\t") else delimiter
    if len(delimiter) != 1 or delimiter in "\"\r\n":
        raise click.BadParameter(_("one character, such as ';' or ','"), param_hint="--delimiter")
    extractions, failures = load_extractions(sources_of(sources), FactStore.under(Path(DEFAULT_OUTPUT), unit))
    stored = decisions_of(db_path)
    decisions = [to_decision(c) for c in corrections_of(corrections_path)] + list(stored or ())
    target = output or Path(DEFAULT_OUTPUT) / f"facts.{fmt}"
    count = write_facts(extractions, target, fmt, decisions, delimiter)
    if stored is not None or decisions:
        _unused, findings, summary = apply_decisions(extractions, decisions)
        report_findings(findings)
        click.echo(summary.line())
    report_failures(failures)
    click.echo(_("wrote {path}: {facts} from {sources}").format(
        path=target, facts=ngettext("{n} fact", "{n} facts", count).format(n=count),
        sources=ngettext("{n} source", "{n} sources", len(extractions)).format(n=len(extractions))))
    sys.exit(1 if failures else 0)
