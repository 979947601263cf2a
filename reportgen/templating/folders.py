"""Where templates are found: the search path of a config, and the report kinds in it.

The search path is the config's template folders (from `--templates DIR` and reportgen.toml), in
order, then the built-in folder. A report kind NAME is the first `NAME.html.j2` on the path. A
built-in kind's template gets that kind's context; any other kind says which context it uses
with a comment anywhere in its file, best on its first line: `{# context: tom-tat #}`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.config import Config
from reportgen.model import BUILTIN_CONTEXTS as CONTEXT_KINDS

__all__ = ["DEFAULT_PREFIX", "SUFFIX", "TemplateKind", "builtin_templates", "search_path",
           "declared_context", "find_kinds", "find_template", "context_kind", "valid_kind_name"]

#: `{% extends "!default/tom-tat.html.j2" %}` reaches the built-in template of that name.
DEFAULT_PREFIX = "!default"
#: File name ending of a report kind's template.
SUFFIX = ".html.j2"

_CONTEXT = re.compile(r"\{#-?\s*context\s*:\s*([A-Za-z0-9_-]+)\s*-?#\}")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def builtin_templates() -> Path:
    """The built-in template set: `default/` of the installed `reportgen/templates`, else of
    the repository's top-level `templates/`."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    root = installed if installed.is_dir() else package.parent / "templates"
    return root / "default"


def search_path(config: Config) -> list[Path]:
    """The template folders in search order: configured ones, then the built-in folder."""
    return [Path(d) for d in config.template_dirs] + [builtin_templates()]



def valid_kind_name(name: str) -> bool:
    """Whether `name` can name a report kind: lower-case letters, digits and hyphens."""
    return bool(_NAME.match(name))


def declared_context(text: str) -> str | None:
    """The context a template declares with `{# context: NAME #}`, if any."""
    match = _CONTEXT.search(text)
    return match.group(1) if match else None


@dataclass(frozen=True)
class TemplateKind:
    """A report kind found on the search path: its template, where from, and its context."""

    name: str
    path: Path
    builtin: bool
    context: str | None  # None: neither a built-in kind nor a declared context
    shadows: tuple[Path, ...] = ()  # templates of the same name later on the path

    @property
    def origin(self) -> str:
        """"built-in", or the folder the template is in."""
        return "built-in" if self.builtin else str(self.path.parent)


def _kind_of(path: Path, builtin: bool) -> TemplateKind:
    name = path.name[: -len(SUFFIX)]
    try:
        declared = declared_context(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        declared = None
    context = declared or (name if name in CONTEXT_KINDS else None)
    return TemplateKind(name, path, builtin, context)


def find_kinds(config: Config, include_partials: bool = False) -> list[TemplateKind]:
    """Every report kind on the search path (the first template of each name), by name.

    Templates with no context (layouts such as base.html.j2, pieces to include) are report
    kinds only with `include_partials`.
    """
    builtin = builtin_templates().resolve()
    found: dict[str, TemplateKind] = {}
    for folder in search_path(config):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*" + SUFFIX)):
            kind = _kind_of(path, folder.resolve() == builtin)
            if kind.name in found:
                first = found[kind.name]
                found[kind.name] = TemplateKind(first.name, first.path, first.builtin,
                                                first.context, first.shadows + (path,))
            else:
                found[kind.name] = kind
    kinds = sorted(found.values(), key=lambda k: k.name)
    return kinds if include_partials else [k for k in kinds if k.context]


def find_template(kind: str, config: Config) -> Path | None:
    """The template of a report kind: the first `<kind>.html.j2` on the search path."""
    if not valid_kind_name(kind):
        return None
    for folder in search_path(config):
        path = folder / f"{kind}{SUFFIX}"
        if path.is_file():
            return path
    return None


def context_kind(kind: str, config: Config) -> str:
    """The built-in context a report kind's template gets; ValueError (one line) if the kind has
    no template or its template names no known context."""
    path = find_template(kind, config)
    if path is None:
        known = ", ".join(k.name for k in find_kinds(config))
        where = ", ".join(str(d) for d in config.template_dirs)
        searched = f" (searched {where} and the built-in templates)" if where else ""
        raise ValueError(f"unknown report kind {kind!r}: no template {kind}{SUFFIX}"
                         f"{searched}; known kinds: {known}")
    found = _kind_of(path, False)
    if found.context is None:
        raise ValueError(f"{path}: the template of report kind {kind!r} does not say which "
                         "context it uses; put {# context: tom-tat #} on its first line "
                         f"(contexts: {', '.join(CONTEXT_KINDS)})")
    if found.context not in CONTEXT_KINDS:
        raise ValueError(f"{path}: unknown context {found.context!r} "
                         f"(contexts: {', '.join(CONTEXT_KINDS)})")
    return found.context
