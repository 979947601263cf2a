"""Fill a Word template (`NAME/template.docx`) with a document's context: docxtpl, sandboxed.

The template gets the context an HTML template gets (`render.template_context`) and the same
filters, in Jinja's sandbox with strict undefined handling; it has no loader (no include, no
import, no extends: no file is reachable) and no `safe` filter, and text is escaped, so the data
cannot write Word XML. Each chart of `charts` also has `image`: the same chart drawn for the
HTML kinds, as a picture (docxtpl's InlineImage) that a template writes with `{{ chart.image }}`.
A filled document that links to anything outside itself (an external picture or part, an
INCLUDETEXT/INCLUDEPICTURE/LINK/DDE field, a link that is not http(s) or mailto) is refused,
so converting it to PDF reads no file.
Errors become one-line `RenderError`s naming the paragraph or table cell (`render.wordxml`).
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

import jinja2
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

from reportgen.errors import Problem, RenderError, UnsafeResource, display_path
from reportgen.i18n import _
from reportgen.render.errors import context_names, to_render_error
from reportgen.render.filters import FILTERS
from reportgen.render.limits import DEFAULT_BYTES, DEFAULT_SECONDS, LimitedEnvironment, filled
from reportgen.render.wordxml import PROPERTIES, relocate, word_filename
from reportgen.templating.sandbox import LINK_SCHEMES, MAX_TEMPLATE_BYTES, RULE, inside

__all__ = ["WordEnvironment", "Picture", "fill", "fit_columns", "word_environment", "word_context",
           "unsafe_links"]

_FIELDS = re.compile(r"^\s*(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDEAUTO|DDE|IMPORT)\b", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _LimitedTemplate(jinja2.Template):
    """A template whose `render` (docxtpl's call) stops at the environment's time and size
    limits, as an HTML template's filling does."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        assert isinstance(env, WordEnvironment)
        return filled(self, dict(*args, **kwargs), env.seconds, env.max_bytes)


class WordEnvironment(LimitedEnvironment):
    """The sandboxed environment of Word templates (the HTML templates' limits on time, size and
    repetition): every part compiled once per process under a name that says which template and
    part it is (`wordxml.word_filename`)."""

    template_class = _LimitedTemplate

    def __init__(self, undefined: type[jinja2.Undefined] = jinja2.StrictUndefined) -> None:
        super().__init__(loader=None, autoescape=True, undefined=undefined)
        self.filters.update(FILTERS)
        del self.filters["safe"]  # data must never become Word XML
        self.filename = "<template.docx>"
        self.seconds, self.max_bytes = DEFAULT_SECONDS, DEFAULT_BYTES
        self._compiled: OrderedDict[tuple[str, str], Any] = OrderedDict()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return not isinstance(obj, Picture) and super().is_safe_attribute(obj, attr, value)

    def from_string(self, source: Any, globals: Any = None,  # noqa: A002 - Jinja's signature
                    template_class: Any = None) -> jinja2.Template:
        key = (self.filename, hashlib.sha256(str(source).encode()).hexdigest())
        code = self._compiled.get(key)
        if code is None:
            code = self.compile(source, self.filename.rsplit("::", 1)[-1], self.filename)
            self._compiled[key] = code
            while len(self._compiled) > 32:
                self._compiled.popitem(last=False)
        cls = template_class or self.template_class
        return cls.from_code(self, code, self.make_globals(globals), None)  # type: ignore[no-any-return]


_ENVIRONMENTS: dict[type, WordEnvironment] = {}


def word_environment(undefined: type[jinja2.Undefined] = jinja2.StrictUndefined) -> WordEnvironment:
    """The Word environment of this process for an undefined type."""
    if undefined not in _ENVIRONMENTS:
        _ENVIRONMENTS[undefined] = WordEnvironment(undefined)
    return _ENVIRONMENTS[undefined]


class Picture:
    """A chart as a picture of the document being filled; templates cannot look inside it."""

    __slots__ = ("_template", "_png", "_width_cm")

    def __init__(self, template: Any, png: bytes, width_cm: float) -> None:
        self._template, self._png, self._width_cm = template, png, width_cm

    def __html__(self) -> str:
        image = InlineImage(self._template, io.BytesIO(self._png), width=Cm(self._width_cm))
        return image._insert_image()  # type: ignore[no-any-return]

    __str__ = __html__


def _png(uri: Any) -> bytes | None:
    if isinstance(uri, str) and uri.startswith("data:image/png;base64,"):
        return base64.b64decode(uri.split(",", 1)[1])
    return None


def word_context(context: Mapping[str, Any], template: Any) -> dict[str, Any]:
    """The context with each drawn chart's picture as `image` (for the document `template`)."""
    out = dict(context)
    charts = out.get("charts")
    if isinstance(charts, (list, tuple)):
        width = float((out.get("layout") or {}).get("chart_width_cm", 15.0))
        out["charts"] = [
            {**chart, "image": Picture(template, png, float(chart.get("width_cm") or width))}
            if isinstance(chart, Mapping) and (png := _png(chart.get("png"))) else chart
            for chart in charts]
    return out


class _Template(DocxTemplate):  # type: ignore[misc]
    """A docxtpl template whose parts compile under names saying where they are."""

    def __init__(self, path: Path, env: WordEnvironment) -> None:
        super().__init__(str(path))
        self.path, self.env = path, env

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> Any:
        self.env.filename = word_filename(self.path, str(part.partname).lstrip("/"))
        return super().render_xml_part(src_xml, part, context, jinja_env)

    def render_properties(self, context: Any, jinja_env: Any = None) -> None:
        self.env.filename = word_filename(self.path, PROPERTIES)
        super().render_properties(context, jinja_env)


def _twips(element: Any, path: str) -> int:
    found = element.find(path)
    value = found.get(f"{_W}w") if found is not None else None
    return int(value) if value and value.isdigit() else 0


def fit_columns(document: Any) -> None:
    """Tables whose column loops (`{%tc for %}`) changed their cells get a grid of those cells:
    each column keeps its template width, the table at most the text width (python-docx)."""
    section = document.sections[0]
    text = int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU → twips
    for table in document.element.body.iter(f"{_W}tbl"):
        grid = table.find(f"{_W}tblGrid")
        rows = table.findall(f"{_W}tr")
        if grid is None or not rows:
            continue
        columns = grid.findall(f"{_W}gridCol")
        widest = max((tr.findall(f"{_W}tc") for tr in rows), key=len)
        if any(tc.find(f"{_W}tcPr/{_W}gridSpan") is not None for tc in widest):
            continue  # a spanning row is not a row of columns
        widths = [_twips(tc, f"{_W}tcPr/{_W}tcW") for tc in widest]
        total = sum(_twips(c, ".") for c in columns)
        if not all(widths) or [_twips(c, ".") for c in columns] == widths:
            continue
        scale = min(text, max(total, sum(widths))) / sum(widths)
        for column in columns:
            grid.remove(column)
        for width in widths:
            grid.append(grid.makeelement(f"{_W}gridCol", {f"{_W}w": str(int(width * scale))}))
        for tr in rows:
            for tc in tr.findall(f"{_W}tc"):
                own = tc.find(f"{_W}tcPr/{_W}tcW")
                if own is not None and own.get(f"{_W}w", "").isdigit():
                    own.set(f"{_W}w", str(int(int(own.get(f"{_W}w")) * scale)))


def unsafe_links(document: Any) -> list[str]:
    """What a filled document (python-docx) would make a reader load: external parts and
    pictures, fields that include files or other documents, and hyperlinks that are not
    http(s) or mailto (as `templating.sandbox.safe_links` keeps in HTML documents)."""
    out = []
    for part in document.part.package.iter_parts():
        for rel in part.rels.values():
            if not rel.is_external:
                continue
            scheme = urlsplit(rel.target_ref.strip()).scheme.lower()
            if rel.reltype != _HYPERLINK or scheme not in LINK_SCHEMES:
                out.append(f"a link to {rel.target_ref!r}")
        if str(part.partname).startswith("/word/") and part.partname.endswith(".xml"):
            element = getattr(part, "element", None)
            if element is None:
                continue
            codes = [e.text or "" for e in element.iter(f"{_W}instrText")]
            codes += [e.get(f"{_W}instr") or "" for e in element.iter(f"{_W}fldSimple")]
            out.extend(f"a {m.group(1).upper()} field" for m in map(_FIELDS.match, codes) if m)
    return out


def _package(data: bytes, created: str = "") -> bytes:
    """The saved document with its XML text in NFC (a template typed elsewhere may hold NFD
    text), its members dated with the document's date (not the clock), so that a rebuilt
    document has the same bytes."""
    try:
        day = datetime.fromisoformat(created[:10]) if created else None
    except ValueError:
        day = None
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day and day.year >= 1980 else _ZIP_TIME
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                content = unicodedata.normalize("NFC", content.decode("utf-8")).encode("utf-8")
            target.writestr(zipfile.ZipInfo(info.filename, stamp), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _properties(document: Any, metadata: Mapping[str, str]) -> None:
    props = document.core_properties
    props.title = props.title or metadata.get("title", "")
    props.subject = props.subject or metadata.get("subject", "")
    props.author = metadata.get("author", "") or props.author
    props.keywords = metadata.get("keywords", "")
    props.language = metadata.get("language", "vi-VN")
    props.last_modified_by = "reportgen"
    props.revision = 1
    created = metadata.get("created")
    if created:  # the document date, not the clock
        props.created = props.modified = datetime.fromisoformat(created)


def _refusal(path: Path) -> str | None:
    """Why a Word template may not be read, as HTML templates: a link to a file outside its
    template folder, not a regular file, or too large."""
    if not inside(path, [path.parent.parent]):
        return _("the Word template is a link to a file outside the template folders; "
                 "{rule}").format(rule=_(RULE))
    try:
        info = os.stat(path)
    except OSError as err:
        return _("cannot read the Word template ({reason})").format(reason=err.strerror or err)
    if not stat.S_ISREG(info.st_mode):
        return _("the Word template is not a regular file")
    if info.st_size > MAX_TEMPLATE_BYTES:
        return _("the Word template is larger than {size} MB").format(size=MAX_TEMPLATE_BYTES // 1048576)
    return None


def fill(path: Path, context: Mapping[str, Any], metadata: Mapping[str, str], kind: str,
         env: WordEnvironment | None = None, seconds: float = DEFAULT_SECONDS,
         max_bytes: int = DEFAULT_BYTES) -> bytes:
    """The DOCX of Word template `path` filled with `context` (NFC text), each part within
    `seconds` and `max_bytes`; one-line `RenderError` naming the paragraph or cell for any
    template problem."""
    env = env or word_environment()
    env.seconds, env.max_bytes = seconds, max_bytes
    shown = display_path(path)
    refused = _refusal(path)
    if refused:  # named as found, not as the link resolves
        found, cwd = os.path.abspath(path), os.getcwd()
        shown = os.path.relpath(found, cwd) if found.startswith(cwd + os.sep) else found
        raise UnsafeResource(Problem(shown, None, refused, _("copy the Word template into its folder")))
    try:
        template = _Template(path, env)
        template.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on damaged files
        raise RenderError(Problem(shown, None, _("not a Word document ({kind})").format(
            kind=type(exc).__name__),
                                  _("save it from Word as .docx"))) from None
    values = word_context(context, template)
    try:
        template.render(values, env, autoescape=True)
    except RenderError as err:
        raise type(err)(relocate(err.problem)) from None
    except Exception as exc:  # noqa: BLE001 - every template failure is reported the same way
        err = to_render_error(exc, context_names(values), env.filters, env.tests, kind)
        raise type(err)(relocate(err.problem)) from None
    links = unsafe_links(template.docx)
    if links:
        raise UnsafeResource(Problem(shown, None, _("the document holds {value}: Word "
                                     "templates may not load other files or addresses").format(
                                         value=links[0]),
                                     _("insert pictures and text into the template itself")))
    _properties(template.docx, metadata)
    fit_columns(template.docx)
    out = io.BytesIO()
    template.save(out)
    return _package(out.getvalue(), metadata.get("created", ""))

