"""Where templates are found: the search path of a config, and the report kinds in it.

The search path is the config's template folders (from `--templates DIR` and reportgen.toml), in
order, then the built-in folder. A report kind NAME is defined by the first folder on the path
holding `NAME.html.j2` (an HTML template) or `NAME/template.docx` (a Word template), or both. A
built-in kind's template gets that kind's context; any other kind says which context it uses
with a comment anywhere in its file, best on its first line: `{# context: tom-tat #}` (in a
Word template, `{#p context: tom-tat #}`, a paragraph the document leaves out).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.config import Config
from reportgen.i18n import N_, _
from reportgen.model import BUILTIN_CONTEXTS as CONTEXT_KINDS

__all__ = ["DEFAULT_PREFIX", "SUFFIX", "WORD_TEMPLATE", "TemplateKind", "builtin_templates",
           "search_path", "declared_context", "word_text", "find_kinds", "find_kind", "find_template",
           "context_kind", "valid_kind_name"]

#: `{% extends "!default/tom-tat.html.j2" %}` reaches the built-in template of that name.
DEFAULT_PREFIX = "!default"
#: File name ending of a report kind's template.
SUFFIX = ".html.j2"
#: A report kind's Word template: `NAME/template.docx` in a template folder.
WORD_TEMPLATE = "template.docx"

_CONTEXT = re.compile(r"\{#-?(?:p(?=\s))?\s*context\s*:\s*([A-Za-z0-9_-]+)\s*-?#\}")
_XML_TAG = re.compile(r"<[^>]*>")
_MAX_WORD_XML = 50 * 1024 * 1024
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


def word_text(path: Path) -> str:
    """The text of a Word document's body, runs joined (empty when it cannot be read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > _MAX_WORD_XML:
                return ""
            xml = archive.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return ""
    # Paragraph ends become line ends; Word splits a tag typed in one go over several runs.
    return _XML_TAG.sub("", xml.replace("</w:p>", "\n"))


@dataclass(frozen=True)
class TemplateKind:
    """A report kind found on the search path: its template, where from, and its context."""

    name: str
    path: Path
    builtin: bool
    context: str | None  # None: neither a built-in kind nor a declared context
    shadows: tuple[Path, ...] = ()  # templates of the same name later on the path
    word: Path | None = None  # the Word template, `NAME/template.docx`, if the kind has one

    @property
    def html(self) -> Path | None:
        """The HTML template (`path`), None for a kind with a Word template only."""
        return self.path if self.path.name.endswith(SUFFIX) else None

    @property
    def origin(self) -> str:
        """"built-in", or the folder the template is in."""
        if self.builtin:
            return N_("built-in")
        return str(self.path.parent if self.html else self.path.parent.parent)


def _kind_of(path: Path, builtin: bool) -> TemplateKind:
    if path.name == WORD_TEMPLATE:
        name, declared = path.parent.name, declared_context(word_text(path))
    else:
        name = path.name[: -len(SUFFIX)]
        try:
            declared = declared_context(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            declared = None
    context = declared or (name if name in CONTEXT_KINDS else None)
    return TemplateKind(name, path, builtin, context)


def _folder_kind(folder: Path, name: str, builtin: bool) -> TemplateKind | None:
    """The kind `name` as `folder` defines it: its HTML and Word templates, or None."""
    html, word = folder / f"{name}{SUFFIX}", folder / name / WORD_TEMPLATE
    if not word.is_file():
        return _kind_of(html, builtin) if html.is_file() else None
    if not html.is_file():
        return replace(_kind_of(word, builtin), word=word)
    kind = _kind_of(html, builtin)
    return replace(kind, word=word, context=kind.context or _kind_of(word, builtin).context)


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
        names = {p.name[: -len(SUFFIX)] for p in folder.glob("*" + SUFFIX)} | \
            {p.parent.name for p in folder.glob(f"*/{WORD_TEMPLATE}") if valid_kind_name(p.parent.name)}
        for name in sorted(names):
            kind = _folder_kind(folder, name, folder.resolve() == builtin)
            if kind is None:
                continue
            if kind.name in found:
                first = found[kind.name]
                found[kind.name] = replace(first, shadows=first.shadows + (kind.path,))
            else:
                found[kind.name] = kind
    kinds = sorted(found.values(), key=lambda k: k.name)
    return kinds if include_partials else [k for k in kinds if k.context]


def find_kind(kind: str, config: Config) -> TemplateKind | None:
    """A report kind as the first folder of the search path defining it has it, or None."""
    if not valid_kind_name(kind):
        return None
    builtin = builtin_templates().resolve()
    for folder in search_path(config):
        found = _folder_kind(folder, kind, folder.resolve() == builtin)
        if found is not None:
            return found
    return None


def find_template(kind: str, config: Config) -> Path | None:
    """The HTML template of a report kind (None for one with a Word template only)."""
    found = find_kind(kind, config)
    return found.html if found is not None else None


def context_kind(kind: str, config: Config) -> str:
    """The built-in context a report kind's template gets; ValueError (one line) if the kind has
    no template or its template names no known context."""
    found = find_kind(kind, config)
    if found is None:
        known = ", ".join(k.name for k in find_kinds(config))
        where = ", ".join(str(d) for d in config.template_dirs)
        searched = _(" (searched {folders} and the built-in "
                     "templates)").format(folders=where) if where else ""
        raise ValueError(_("unknown report kind {kind!r}: no template {kind}{SUFFIX} or "
                         "{kind}/{WORD_TEMPLATE}{searched}; known kinds: {known}").format(
                             kind=kind, SUFFIX=SUFFIX, WORD_TEMPLATE=WORD_TEMPLATE, searched=searched,
                             known=known))
    path = found.path
    if found.context is None:
        where = _("on its first line") if found.html else _("as its first paragraph")
        comment = "{# context: tom-tat #}" if found.html else "{#p context: tom-tat #}"
        raise ValueError(_("{path}: the template of report kind {kind!r} does not say which "
                         "context it uses; put {comment} {where} "
                         "(contexts: {value})").format(
                             path=path, kind=kind, comment=comment, where=where, value=', '.join(CONTEXT_KINDS)))
    if found.context not in CONTEXT_KINDS:
        raise ValueError(_("{path}: unknown context {context!r} "
                         "(contexts: {value})").format(
                             path=path, context=found.context, value=', '.join(CONTEXT_KINDS)))
    return found.context
