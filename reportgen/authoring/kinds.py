"""Template authoring: list the report kinds, start a new one, and the context reference.

What `reportgen templates list|new|context` do (`check` is in `reportgen.authoring.check`). The
reference is generated from real contexts, made by the same code a build runs, from the seed
articles of the working folder (`seeds/`) or, in an installed copy without them, from a small
made-up sample: it cannot drift from the code.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping, Sequence

from reportgen.config import Config
from reportgen.contexts import CONTEXT_KINDS
from reportgen.contexts.common import RENDER_FIELDS
from reportgen.contexts.merge import group_by_unit
from reportgen.contexts.sample import sample_extractions
from reportgen.i18n import N_, _, ngettext
from reportgen.model import DocumentJob, Extraction
from reportgen.render import template_context
from reportgen.templating.folders import (
    SUFFIX,
    WORD_TEMPLATE,
    TemplateKind,
    context_kind,
    find_kind,
    find_kinds,
    find_template,
    valid_kind_name,
)

__all__ = ["TemplatingError", "Examples", "Variable", "examples", "example_jobs", "list_kinds",
           "format_kinds", "new_kind", "reference", "format_reference", "NEW_DIR", "SEEDS"]

#: Where `templates new` writes when no folder is given or configured.
NEW_DIR = Path("local-templates")
#: The seed articles folder looked for in the working folder.
SEEDS = Path("seeds")
#: What the built-in sample is called in messages.
SAMPLE = N_("the built-in sample")

_HEADER_COMMENT = re.compile(r"\A\s*\{#.*?#\}\s*", re.S)
_CONTEXT_COMMENT = re.compile(r"\{#-?\s*context\s*:\s*[\w-]+\s*-?#\}\n?")


class TemplatingError(ValueError):
    """A templates command that cannot be done; the message is one line."""


@dataclass(frozen=True)
class Examples:
    """The extractions example contexts are made from, and what they are."""

    extractions: Sequence[Extraction]
    origin: str  # "seeds/" or "the built-in sample"


def examples(folder: Path | None = None) -> Examples:
    """The seed articles of `folder` (default: ./seeds) read by the real pipeline, else the
    built-in sample."""
    folder = SEEDS if folder is None else folder
    if folder.is_dir():
        from reportgen.pipeline import expand_sources, extract_sources, read_sources

        sources, _unused = read_sources(expand_sources([folder]))
        extractions, _unused = extract_sources(sources)
        usable = [e for e in extractions if e.unit is not None]
        if usable:
            return Examples(usable, f"{folder}/")
    return Examples(sample_extractions(), SAMPLE)


def example_jobs(context: str, config: Config, found: Examples,
                 kind: str | None = None) -> list[DocumentJob]:
    """The documents a build of report kind `kind` (default: the context's own kind) with a
    built-in context makes from the examples."""
    return CONTEXT_KINDS[context].jobs(group_by_unit(found.extractions), config,
                                       kind or context, None, [])


# -- list ----------------------------------------------------------------------------------

def list_kinds(config: Config) -> list[TemplateKind]:
    """Every report kind of the config's search path, with its template and context."""
    return find_kinds(config)


def format_kinds(kinds: Sequence[TemplateKind]) -> str:
    """The `templates list` table: kind, context, its templates (HTML, Word), where they come
    from."""
    rows = [(_("KIND"), _("CONTEXT"), _("TEMPLATE"), _("FROM"))]
    for kind in kinds:
        origin = (_(kind.origin) if kind.builtin else kind.origin) + (_(" (overrides "
                                                                        "built-in)") if kind.shadows and not kind.builtin
                                else "")
        formats = "+".join(f for f, path in (("html", kind.html), ("docx", kind.word)) if path)
        rows.append((kind.name, kind.context or "?", formats, origin))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows]
    described = [f"  {k.name}: {CONTEXT_KINDS[k.context].description}" for k in kinds
                 if k.builtin and k.context in CONTEXT_KINDS]
    return "\n".join(lines + ([""] + described if described else []))


# -- new -----------------------------------------------------------------------------------

def new_kind(name: str, config: Config, base: str = "tom-tat", folder: Path | None = None,
             force: bool = False, fmt: str = "html") -> Path:
    """Start report kind `name` from kind `base`: a copy of its HTML template as
    `<folder>/<name>.html.j2` declaring its context, or (`fmt` "docx") a Word template
    `<folder>/<name>/template.docx`; returns the new file. The folder defaults to the first
    template folder, else NEW_DIR."""
    if not valid_kind_name(name):
        raise TemplatingError(_("invalid kind name {name!r}: use lower-case letters, digits and "
                              "hyphens (e.g. bao-cao-quy)").format(name=name))
    if fmt not in ("html", "docx"):
        raise TemplatingError(_("unknown template format {fmt!r} (html or docx)").format(fmt=fmt))
    found = find_kind(base, config)
    if found is None:
        known = ", ".join(k.name for k in find_kinds(config))
        raise TemplatingError(_("unknown report kind {base!r} (known: {known})").format(
            base=base, known=known))
    try:
        context = context_kind(base, config)
    except ValueError as err:
        raise TemplatingError(str(err)) from None
    folder = folder or (Path(config.template_dirs[0]) if config.template_dirs else NEW_DIR)
    target = folder / name / WORD_TEMPLATE if fmt == "docx" else folder / f"{name}{SUFFIX}"
    if target.exists() and not force:
        raise TemplatingError(_("{target} exists already (--force replaces it)").format(target=target))
    if fmt == "docx":
        from reportgen.authoring.wordnew import write_word_template

        note = (f"Report kind '{name}', made from '{base}' by reportgen templates new. Variables: "
                f"reportgen templates context {name}. Check it with reportgen templates check "
                f"{folder}.")
        write_word_template(target, name, found, context, config, note)
        return target
    source = find_template(base, config)
    if source is None:
        raise TemplatingError(_("report kind {base!r} has a Word template only: use --format docx").format(
            base=base))
    body = _CONTEXT_COMMENT.sub("", source.read_text(encoding="utf-8"))
    body = _HEADER_COMMENT.sub("", body, count=1)
    header = (f"{{#- context: {context} -#}}\n"
              f"{{#- Report kind '{name}', made from '{base}' by `reportgen templates new`.\n"
              f"    Variables: `reportgen templates context {name}`; filters and the HTML the "
              "DOCX writer understands: docs/templates.md.\n"
              f"    Check it with `reportgen templates check {folder}`. -#}}\n")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(header + body, encoding="utf-8")
    return target


# -- context reference ---------------------------------------------------------------------

@dataclass
class Variable:
    """One variable of a context: dotted name, the types seen, an example, a description."""

    name: str
    types: list[str] = field(default_factory=list)
    example: str = ""
    description: str = ""


# Type names stay English in --json (identifiers); the table shows them translated.
_TYPE_NAMES = ((bool, N_("yes/no")), (int, N_("integer")), (float, N_("decimal")), (str, N_("text")),
               (date, N_("date")), (Mapping, N_("mapping")), ((list, tuple), N_("list")))
EMPTY, PICTURE = N_("empty"), N_("picture")


def _type_name(value: Any) -> str:
    if value is None:
        return EMPTY
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)),
                type(value).__name__)


def _count(n: int, noun: str) -> str:
    if noun == "key":
        return ngettext("{n} key", "{n} keys", n).format(n=n)
    return ngettext("{n} item", "{n} items", n).format(n=n)


def _example(value: Any) -> str:
    if isinstance(value, Mapping):
        return _count(len(value), "key")
    if isinstance(value, (list, tuple)):
        return _count(len(value), "item")
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…" + text[-1:]


def _is_table(value: Mapping[str, Any]) -> bool:
    """A mapping keyed by data (indicator keys), all of whose values have one shape."""
    items = [v for v in value.values() if v is not None]
    if len(value) < 4 or not items or not all(isinstance(v, Mapping) for v in items):
        return False
    return len({tuple(v) for v in items}) == 1


def _walk(value: Any, name: str, out: dict[str, Variable], parents: dict[str, str],
          depth: int = 0, parent: str = "") -> None:
    if name not in out:
        out[name] = Variable(name)
        parents[name] = parent
    var = out[name]
    type_name = _type_name(value)
    if type_name not in var.types:
        var.types.append(type_name)
    if not var.example and value not in (None, "", [], {}):
        var.example = _example(value)
    if depth > 6:
        return
    if isinstance(value, Mapping):
        if _is_table(value):
            var.example = "keys: " + ", ".join(list(value)[:3]) + (", …" if len(value) > 3 else "")
            for item in value.values():
                _walk(item, f"{name}[KEY]", out, parents, depth + 1, name)
        else:
            for key, item in value.items():
                _walk(item, f"{name}.{key}", out, parents, depth + 1, name)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _walk(item, f"{name}[]", out, parents, depth + 1, name)


def _tree_order(out: dict[str, Variable], parents: dict[str, str]) -> list[Variable]:
    """Variables in first-seen order, each directly followed by its own parts."""
    seen = {name: i for i, name in enumerate(out)}

    def key(name: str) -> tuple[int, ...]:
        parent = parents.get(name, "")
        return (key(parent) if parent else ()) + (seen[name],)

    return [out[name] for name in sorted(out, key=key)]


def reference(kind: str, config: Config, found: Examples) -> tuple[str, list[Variable], int]:
    """The variables a template of `kind` receives: (context name, variables, documents seen).

    Examples come from `found`; the built-in sample is walked after it, so that parts the
    examples leave empty (a previous year, a derived figure) still show with their type.
    """
    try:
        context = context_kind(kind, config)
    except ValueError as err:
        raise TemplatingError(str(err)) from None
    jobs = example_jobs(context, config, found, kind)
    extra = [] if found.origin == SAMPLE else \
        example_jobs(context, config, Examples(sample_extractions(), SAMPLE), kind)
    out: dict[str, Variable] = {}
    parents: dict[str, str] = {}
    for job in jobs + extra:
        for key, value in template_context(job, config).items():
            _walk(value, key, out, parents)
    template = find_kind(kind, config)
    if template is not None and template.word is not None and "charts[]" in out:
        out["charts[].image"] = Variable("charts[].image", [PICTURE], "{{ chart.image }}",
                                         N_("the chart as a picture, for a Word template"))
        parents["charts[].image"] = "charts[]"
    descriptions = {**CONTEXT_KINDS[context].fields, **RENDER_FIELDS}
    for key, text in descriptions.items():
        if key in out:
            out[key].description = text
    return context, _tree_order(out, parents), len(jobs)


def format_reference(kind: str, context: str, variables: Sequence[Variable], documents: int,
                     origin: str) -> str:
    """The `templates context` text: a header, then one line per variable."""
    spec = CONTEXT_KINDS[context]
    examples = ngettext("example values from {origin} ({n} document).",
                        "example values from {origin} ({n} "
                        "documents).", documents).format(origin=_(origin), n=documents)
    head = [_("Report kind {kind!r}: context {context!r} — {description}.").format(
                kind=kind, context=context, description=spec.description),
            (_("One document per unit; {examples}") if spec.scope == "unit"
             else _("One document for all units; {examples}")).format(examples=examples),
            _("A name ending in [] is a list (loop over it); [KEY] is a mapping keyed by data "
              "(write cells[ind.key])."), ""]
    if not variables:
        return "\n".join(head + [_("(the examples make no document of this kind)")])
    rows = [(_("VARIABLE"), _("TYPE"), _("EXAMPLE"))] + \
        [(v.name, _(" or ").join(_(t) for t in v.types), v.example) for v in variables]
    widths = [min(44, max(len(r[i]) for r in rows)) for i in range(2)]
    lines = []
    for row, var in zip(rows, [None, *variables]):
        line = f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}"
        if var is not None and var.description:
            line += f"\n{'':<{widths[0]}}  └ {var.description}"
        lines.append(line.rstrip())
    return "\n".join(head + lines)
