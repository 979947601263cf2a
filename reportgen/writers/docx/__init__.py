"""DOCX writer: maps the rendered HTML onto real Word structure (python-docx).

The HTML subset it understands (anything else raises `UnsupportedTag` naming the tag, the
template and the line, so a template never loses content silently):

* ``h1``–``h3`` -> "Heading 1"–"Heading 3"; ``h1.title`` -> "Report Title".
* ``p`` -> "Normal" (14 pt, justified, first-line indent), or the role style of its first known
  class (see `styles.STYLE_OF_CLASS`: ``subject``, ``superior``, ``issuer``, ``star``,
  ``number``, ``party``, ``place-date``, ``recipients-head``, ``recipient``, ``sign-body``,
  ``sign-title``, ``sign-space``, ``sign-name``, ``note``, ``table-note``, ``source``,
  ``caption``, ``center``, ``right``, ``left``).
* inline: ``b``/``strong``, ``i``/``em``, ``u``, ``sup``, ``sub``, ``span`` (no formatting),
  ``br`` (line break), ``img``.
* ``ul``/``ol`` with ``li`` -> "List Bullet"/"List Number" paragraphs.
* ``table`` (``thead``/``tbody``/``tr``/``th``/``td``) -> a "Table Grid" table; ``colspan`` and
  ``rowspan`` become merged cells; ``thead`` rows repeat on each page; ``th`` -> "Table
  Heading", ``td.center``/``td.num`` -> "Table Text Center", other ``td`` -> "Table Text".
  ``table.doc-header`` (the two-column header) and ``table.doc-footer`` (recipients and the
  signature block) are borderless layout tables.
* ``img``: a data: URI (PNG/JPEG/GIF; for SVG the PNG in ``data-png`` is used) or a file in the
  template folder; ``img.chart`` is as wide as the layout's chart width.
* ``div``: a transparent container; ``div.page-break`` -> a page break.
* ``section.appendix``, a child of ``body``: an appendix ("Phụ lục"). It starts a new Word
  section (a new page, the page setup and header of the main section, no number on its first
  page) whose page numbers restart at 1; its content runs to the next appendix or the end of the
  body. Any other ``section`` (no ``appendix`` class, or not a child of ``body``) is an error.
* ``head``: ``title``/``meta`` feed the core properties; ``style``/``link`` are for the PDF.

CSS is not read: the Word styles are built from the same layout values as `official.css`.

The modules, by what they write: `blocks` (paragraphs and their runs, lists, pictures, in order),
`runs` (the paragraph and run XML), `tables`, `sections` (page setup, the page-number header and
appendix sections), `styles` (the named styles) and `base` (the styled base document and the
package).

How it is written: the styled base document of the layout comes from `base` (built and saved
once per process and layout); the body is built straight into a fresh copy of the base's
``word/document.xml`` with lxml (python-docx's element classes, and python-docx's own code for
new tables, merged cells, pictures and section breaks), producing the XML python-docx's proxy
objects would, without them; the file is the base's members with this document's part,
properties and images (`base.package_bytes`).
"""
from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

import docx
from docx.oxml.parser import parse_xml

from reportgen.model import Rendered
from reportgen.writers import htmlsubset as hs
from reportgen.writers.docx import base as docxbase
from reportgen.writers.docx.blocks import Builder

__all__ = ["write_docx", "docx_bytes", "build_document", "UnsupportedTag", "MisplacedAppendix"]

UnsupportedTag = hs.UnsupportedTag
MisplacedAppendix = hs.MisplacedAppendix


def _core_properties(props: Any, rendered: Rendered) -> None:
    meta: Mapping[str, str] = rendered.metadata
    props.title = rendered.title
    props.author = meta.get("author", "")
    props.subject = meta.get("subject", "")
    props.keywords = meta.get("keywords", "")
    props.language = meta.get("language", "vi-VN")
    props.comments = "reportgen"
    props.last_modified_by = "reportgen"
    props.revision = 1
    created = meta.get("created")
    if created:
        # The document date, not the clock: rebuilding a document gives the same properties.
        stamp = datetime.fromisoformat(created)
        props.created = stamp
        props.modified = stamp


def docx_bytes(rendered: Rendered) -> bytes:
    """The DOCX file of a rendered HTML document, as bytes."""
    root = hs.parse(rendered.html)
    hs.check_subset(root, rendered.template or rendered.kind)
    base = docxbase.base_for(rendered.layout)
    document = parse_xml(base.document_xml)
    builder = Builder(base, document.body, rendered)
    body_element = root.find("body")
    builder.blocks(builder.body.new, body_element if body_element is not None else root,
                   builder.body, top=True)
    builder.finish()
    core = docxbase.new_core(base)
    _core_properties(core.core_properties, rendered)
    return docxbase.package_bytes(base, document, core, builder.media)


def build_document(rendered: Rendered) -> Any:
    """The python-docx Document of a rendered HTML document."""
    return docx.Document(io.BytesIO(docx_bytes(rendered)))


def write_docx(rendered: Rendered, path: Path) -> None:
    """Write `rendered` as a DOCX file at `path`: the filled Word template when it has one."""
    Path(path).write_bytes(rendered.docx if rendered.docx is not None else docx_bytes(rendered))
