"""`reportgen templates check`: every template compiled, every report kind rendered strictly.

Each template file is parsed (syntax errors), its filters and tests looked up (unknown names),
and each report kind rendered against every example context of its kind (the seed articles of
the working folder, else the built-in sample). Rendering uses an undefined type that *records*
each use of an undefined variable (with the template file and line) instead of stopping at the
first, so one run reports them all; the rendered HTML is then checked against the HTML subset of
the DOCX writer and the resource rule. Every problem is one line: `file:line: problem (hint)`.
Word templates are checked the same way by `authoring.wordcheck`, located by paragraph or cell.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import jinja2

from reportgen.authoring.kinds import Examples, example_jobs, examples
from reportgen.authoring.probe import (
    RecordingUndefined,
    recording,
    static_problems,
    undeclared_problems,
)
from reportgen.authoring.wordcheck import check_word
from reportgen.config import Config
from reportgen.contexts import CONTEXT_KINDS
from reportgen.errors import Problem, display_path
from reportgen.i18n import _
from reportgen.model import DocumentJob
from reportgen.render import make_environment, render_html, resource_roots, template_context
from reportgen.render.errors import context_names, describe
from reportgen.render.limits import timed_out
from reportgen.render.resources import resource_problems, template_files, template_line
from reportgen.templating.folders import SUFFIX, TemplateKind, find_kinds, search_path
from reportgen.writers import htmlsubset

__all__ = ["CheckResult", "check_templates", "RecordingUndefined"]

@dataclass
class CheckResult:
    """What a check found: problems (deduplicated, in file order) and what it looked at."""

    problems: list[Problem]
    files: int
    renders: int
    origin: str

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


def _html_problems(html: str, name: str, base: Path, config: Config,
                   files: list[Path]) -> list[Problem]:
    """Tags the DOCX writer cannot map and references the resource rule refuses."""
    out = []
    allowed = htmlsubset.BLOCK_TAGS | htmlsubset.INLINE_TAGS | htmlsubset.HEAD_TAGS
    bad: dict[str, int | None] = {}
    for element in htmlsubset.parse(html).iter():
        if isinstance(element.tag, str) and element.tag not in allowed:
            bad.setdefault(element.tag, element.sourceline)
    for tag, line in bad.items():
        where = template_line(f"<{tag}", files) or (f"{name} (rendered HTML line {line})", None)
        out.append(Problem(where[0], where[1], _("tag <{tag}> is outside the HTML subset the "
                           "DOCX writer maps").format(
                               tag=tag), _("see the HTML subset in docs/templates.md")))
    out.extend(resource_problems(html, base.resolve().as_uri() + "/", resource_roots(config),
                                 name, search_path(config)))
    return out


def _render_problems(env: jinja2.Environment, kind: TemplateKind, job: DocumentJob,
                     config: Config, files: list[Path]) -> list[Problem]:
    context = template_context(job, config)
    names = context_names(context)
    with recording() as sink:
        try:
            html, _unused = render_html(env, kind.name + SUFFIX, context, kind.name,
                                  config.limits.render_seconds, config.limits.document_bytes)
        except Exception as exc:  # noqa: BLE001 - reported as a problem like any other
            return [describe(exc, names, env.filters, env.tests, kind.name)]
    out = [describe(exc, names, env.filters, env.tests, kind.name, where=(path, line))
           for exc, path, line in sink]
    return out + _html_problems(html, kind.name + SUFFIX, kind.path.parent, config, files)


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    """One problem per place and message; a later one (from rendering, with better hints)
    replaces an earlier one (from reading the template)."""
    seen: dict[tuple[str, int | None, str], Problem] = {}
    for problem in problems:
        seen[(problem.path, problem.line, problem.message)] = problem
    # The same problem found once with its line and once without (a time limit that struck outside
    # the template's own code) is one problem, at its line.
    placed = {(p.path, p.message) for p in seen.values() if p.line is not None}
    unique = [p for p in seen.values() if p.line is not None or (p.path, p.message) not in placed]
    return sorted(unique, key=lambda p: (p.path, p.line or 0))


def check_templates(config: Config, folder: Path | None = None,
                    found: Examples | None = None) -> CheckResult:
    """Check the templates of `folder` (searched first), or of the whole search path."""
    if folder is not None:
        config = replace(config, template_dirs=(folder, *config.template_dirs))
    folders = [folder] if folder is not None else search_path(config)
    found = found or examples()
    # A fresh environment: unknown filters get stand-ins below, so rendering goes on.
    env = make_environment(tuple(str(Path(d).resolve()) for d in config.template_dirs),
                           RecordingUndefined)
    files = template_files(folders)
    problems: list[Problem] = []
    broken: set[Path] = set()
    for path in files:
        try:
            ast = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(describe(exc))
            broken.add(path.resolve())
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(display_path(path), None, _("cannot read: {exc}").format(exc=exc)))
            broken.add(path.resolve())
            continue
        problems.extend(static_problems(env, ast, path))
    inside = {f.resolve() for f in files}
    renders = 0
    jobs: dict[tuple[str, str], list[DocumentJob]] = {}

    def jobs_of(context: str, kind: TemplateKind) -> list[DocumentJob]:
        key = (context, kind.name)
        if key not in jobs:
            jobs[key] = example_jobs(context, config, found, kind.name)
        return jobs[key]

    checked = [p.resolve() for p in folders if p.is_dir()]
    words = 0
    for kind in find_kinds(config, include_partials=True):
        if kind.word is not None and any(f in kind.word.resolve().parents for f in checked):
            found_problems, done = check_word(kind, config, lambda c, k=kind: jobs_of(c, k))
            problems.extend(found_problems)
            renders, words = renders + done, words + 1
        if kind.html is None or kind.path.resolve() not in inside or kind.path.resolve() in broken:
            continue
        if kind.context is None or kind.context not in CONTEXT_KINDS:
            if kind.context is not None:
                line = template_line(kind.context, [kind.path])
                problems.append(Problem(display_path(kind.path), line[1] if line else None,
                                        _("unknown context {context!r}").format(context=kind.context),
                                        _("contexts: {value}").format(value=', '.join(CONTEXT_KINDS))))
            continue  # a layout or piece: checked through the kinds that use it
        fields = set(CONTEXT_KINDS[kind.context].fields)
        ast = env.parse(kind.path.read_text(encoding="utf-8"), kind.path.name, str(kind.path))
        problems.extend(undeclared_problems(env, ast, kind.path, fields, kind.name))
        for job in jobs_of(kind.context, kind):
            found_now = _render_problems(env, kind, job, config, files)
            problems.extend(found_now)
            renders += 1
            if any(timed_out(p.message) for p in found_now):
                break  # the other contexts would take as long again
    return CheckResult(_unique(problems), len(files) + words, renders, found.origin)
