"""`reportgen templates check` for Word templates: every problem with its paragraph or cell.

Each part of the template (body, headers, footers) is parsed as docxtpl hands it to Jinja (tag
syntax errors, unknown filters, names the context does not have, also in branches the examples do
not reach), then the template is filled against every example context of its kind with the
recording undefined of `authoring.check`, so one run reports every undefined variable, and with
the sandbox, so `{{ ''.__class__ }}` is reported too. Each problem is one line naming the
template and the paragraph or table cell: `mau/x/template.docx, table 1, row 3, cell 2
“{{ ind.lable }}”: 'dict object' has no attribute 'lable' (hint: ...)`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2

from reportgen.authoring.probe import (
    RecordingUndefined,
    recording,
    static_problems,
    undeclared_problems,
)
from reportgen.config import Config
from reportgen.contexts import CONTEXT_KINDS
from reportgen.errors import Problem, RenderError, display_path
from reportgen.i18n import _
from reportgen.model import DocumentJob
from reportgen.render import template_context
from reportgen.render.errors import context_names, describe, syntax_error
from reportgen.render.limits import timed_out
from reportgen.render.word import WordEnvironment, fill
from reportgen.render.wordxml import patched_parts, relocate, word_filename
from reportgen.templating.folders import TemplateKind

__all__ = ["check_word"]

Jobs = Callable[[str], list[DocumentJob]]


def _parse(env: WordEnvironment, kind: TemplateKind, fields: set[str] | None) -> list[Problem]:
    """Syntax errors, unknown filters and undeclared names of every part of the template."""
    path = kind.word
    assert path is not None
    out: list[Problem] = []
    for part, (lines, _unused) in patched_parts(str(path), path.stat().st_mtime).items():
        name = Path(word_filename(path, part))
        try:
            ast = env.parse("\n".join(lines), part, str(name))
        except jinja2.TemplateSyntaxError as exc:
            out.append(relocate(describe(exc)))
            continue
        out.extend(relocate(p) for p in static_problems(env, ast, name))
        if fields is not None:
            out.extend(relocate(p) for p in undeclared_problems(env, ast, name, fields, kind.name))
    return out


def check_word(kind: TemplateKind, config: Config, jobs: Jobs) -> tuple[list[Problem], int]:
    """The problems of a kind's Word template and how many example documents it was filled for;
    `jobs(context)` gives the example documents of a context."""
    path = kind.word
    assert path is not None
    shown = display_path(path)
    context = kind.context
    if context is None:
        return [Problem(shown, None, _("the template does not say which context it uses"),
                        _("put {{#p context: tom-tat #}} as its first paragraph "
                        "(contexts: {value})").format(value=', '.join(CONTEXT_KINDS)))], 0
    if context not in CONTEXT_KINDS:
        return [Problem(shown, None, _("unknown context {context!r}").format(context=context),
                        _("contexts: {value}").format(value=', '.join(CONTEXT_KINDS)))], 0
    env = WordEnvironment(RecordingUndefined)  # fresh: unknown filters get stand-ins
    try:
        problems = _parse(env, kind, set(CONTEXT_KINDS[context].fields))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on damaged files
        return [Problem(shown, None, _("not a Word document ({kind})").format(kind=type(exc).__name__),
                        _("save it from Word as .docx"))], 0
    if any(p.message.startswith(syntax_error("")) for p in problems):
        return problems, 0
    renders = 0
    for job in jobs(context):
        values = template_context(job, config)
        metadata = {"title": job.title, "created": str(job.context.get("doc", {}).get("date", ""))}
        with recording() as sink:
            try:
                fill(path, values, metadata, kind.name, env, config.limits.render_seconds,
                     config.limits.document_bytes)
            except RenderError as err:
                problems.append(err.problem)
        names = context_names(values)
        problems.extend(relocate(describe(exc, names, env.filters, env.tests, kind.name,
                                          where=(where, line)))
                        for exc, where, line in sink)
        renders += 1
        if any(timed_out(p.message) for p in problems):
            break  # the other contexts would take as long again
    return problems, renders
