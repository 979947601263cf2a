"""The styled base document of a layout, kept once per process, and the DOCX package writer.

Every DOCX of one layout starts from the same python-docx document: the default template with
the named styles (`styles.setup_styles`) and the page setup and page-number header
(`sections.setup_section`). Building it costs about half of a one-page report, and saving it
serialises and compresses 800 kB of styles that never change. So the base document is built and
saved once per layout (`base_for`, keyed by a digest of the layout values) and kept as bytes:

* the parts that are the same in every document (styles, settings, numbering, theme, header,
  ...) are kept compressed, exactly as python-docx writes them, and copied into each file;
* the main document part (``word/document.xml``: namespaces and the section properties) and the
  core properties are kept as XML bytes that each document parses afresh;
* what python-docx would compute while building a document (style ids by name, the text width,
  relationship ids, the next drawing id, the content types) is precomputed or recomputed here
  with python-docx's own functions, so the files are the ones python-docx would write.

Nothing mutable is shared between documents: a `Base` holds bytes, tuples and a read-only
mapping; each document gets its own XML trees and its own `Media`.
"""
from __future__ import annotations

import hashlib
import io
import struct
import threading
import time
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import CT_Relationships, serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.shape import CT_Inline
from docx.shared import Length

from reportgen.writers.docx.sections import setup_section
from reportgen.writers.docx.styles import STYLES_USED, setup_styles

__all__ = ["Base", "Media", "base_for", "layout_key", "package_bytes", "clear_cache"]

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CORE = "docProps/core.xml"
CONTENT_TYPES = "[Content_Types].xml"
#: Styled base documents kept per process (one per layout; a build uses one or two).
CACHE_SIZE = 8


@dataclass(frozen=True)
class Entry:
    """One member of the zip file: name, CRC-32, uncompressed size, deflated bytes."""

    name: str
    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, name: str, content: bytes) -> Entry:
        return cls(name, zlib.crc32(content), len(content), _deflate(content))


@dataclass(frozen=True)
class Base:
    """Everything a document of one layout shares with the others (immutable)."""

    key: str
    entries: tuple[Entry, ...]  # members of the saved base document, in python-docx's order
    media_at: int  # index in `entries` where new image parts go (after the document's parts)
    document_xml: bytes  # word/document.xml of the base: an empty body and its w:sectPr
    core_xml: bytes  # docProps/core.xml of the base
    rels: tuple[tuple[str, str, str, bool], ...]  # document part's (rId, type, target, external)
    parts: tuple[tuple[str, str], ...]  # (partname, content type) of every part, for content types
    style_ids: Mapping[str, str]  # style name -> style id, for the names the writer uses
    table_style_id: str | None  # w:tblStyle of "Table Grid" (None if it were the default)
    normal_id: str | None  # w:pStyle python-docx gives "Normal" (None: the default style)
    block_width: int  # EMU between the margins: python-docx's width of a new body table
    max_id: int  # the largest numeric @id in the base document part (0 if none)


_cache: OrderedDict[str, Base] = OrderedDict()
_lock = threading.Lock()


def layout_key(layout: Mapping[str, Any]) -> str:
    """A digest of the layout values (the styles and the page setup are functions of them)."""
    text = repr(sorted((str(k), repr(v)) for k, v in layout.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def base_for(layout: Mapping[str, Any]) -> Base:
    """The styled base document of `layout`, built on first use and then kept."""
    key = layout_key(layout)
    with _lock:
        base = _cache.get(key)
        if base is not None:
            _cache.move_to_end(key)
            return base
    base = _build(layout, key)  # outside the lock: a race only builds the same base twice
    with _lock:
        _cache[key] = base
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return base


def clear_cache() -> None:
    """Forget the base documents (tests; or after changing the styles in a running process)."""
    with _lock:
        _cache.clear()


def _build(layout: Mapping[str, Any], key: str) -> Base:
    document = docx.Document()
    setup_styles(document, layout)
    setup_section(document, layout)
    body = document.element.body
    for paragraph in list(document.paragraphs):  # the default template's empty paragraph
        body.remove(paragraph._p)
    part = document.part
    package = part.package
    if len(package.image_parts):
        raise RuntimeError("the python-docx default template holds images: the DOCX writer "
                           "does not know how to number new ones")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        members = [(info.filename, saved.read(info)) for info in saved.infolist()]
    contents = dict(members)

    # New image parts are written where python-docx's depth-first walk of the relationships
    # puts them: after the parts first reached through the document part.
    ordered, document_end = _walk(package, part)
    own = {p.partname.membername for p in ordered[ordered.index(part):document_end]}
    own |= {p.partname.rels_uri.membername for p in ordered[ordered.index(part):document_end]}
    media_at = max(i for i, (name, _) in enumerate(members) if name in own) + 1

    styles = document.styles
    style_ids = {}
    for name in STYLES_USED:
        try:
            style_ids[name] = styles[name].style_id
        except KeyError:
            pass  # asked for, it raises the KeyError python-docx would have raised
    ids = [int(v) for v in document.element.xpath("//@id") if v.isdigit()]
    return Base(
        key=key,
        entries=tuple(Entry.of(name, content) for name, content in members),
        media_at=media_at,
        document_xml=contents[DOCUMENT],
        core_xml=contents[CORE],
        rels=tuple((rel.rId, rel.reltype, rel.target_ref, rel.is_external)
                   for rel in part.rels.values()),
        parts=tuple((str(p.partname), p.content_type) for p in ordered),
        style_ids=MappingProxyType(style_ids),
        table_style_id=part.get_style_id(styles["Table Grid"], WD_STYLE_TYPE.TABLE),
        normal_id=part.get_style_id(styles["Normal"], WD_STYLE_TYPE.PARAGRAPH),
        block_width=int(document._block_width),
        max_id=max(ids, default=0),
    )


def _walk(package: Any, document_part: Any) -> tuple[list[Any], int]:
    """The parts in the order of `OpcPackage.iter_parts`, and where the document part's ends."""
    ordered: list[Any] = []
    seen: set[int] = set()
    end = 0

    def walk(source: Any) -> None:
        nonlocal end
        for rel in source.rels.values():
            if rel.is_external:
                continue
            target = rel.target_part
            if id(target) in seen:
                continue
            seen.add(id(target))
            ordered.append(target)
            walk(target)
            if target is document_part:
                end = len(ordered)

    walk(package)
    return ordered, end


class Media:
    """The images of one document: parts, relationships and drawing ids, as python-docx numbers
    them (``/word/media/imageN.ext``, the first free ``rIdN``, the largest @id plus one)."""

    def __init__(self, base: Base) -> None:
        self.base = base
        # partname, content type, blob, SHA-1, python-docx Image
        self.parts: list[tuple[str, str, bytes, str, Image]] = []
        self.rels: list[tuple[str, str, str, bool]] = []
        self._rids = {rel[0] for rel in base.rels}
        self._rel_of: dict[str, str] = {}  # partname -> rId
        self.max_id = base.max_id

    def inline(self, blob: bytes, width: Length | None) -> Any:
        """A ``wp:inline`` drawing of the image `blob` (`width` or its own size)."""
        image = Image.from_blob(blob)
        sha1 = image.sha1
        for partname, _, _, part_sha1, part_image in self.parts:
            if part_sha1 == sha1:
                image = part_image
                break
        else:
            partname = f"/word/media/image{len(self.parts) + 1}.{image.ext}"
            self.parts.append((partname, image.content_type, image.blob, sha1, image))
        rid = self._rel_of.get(partname)
        if rid is None:
            n = 1
            while f"rId{n}" in self._rids:
                n += 1
            rid = f"rId{n}"
            self._rids.add(rid)
            self._rel_of[partname] = rid
            self.rels.append((rid, RT.IMAGE, PackURI(partname).relative_ref("/word"), False))
        cx, cy = image.scaled_dimensions(width, None)
        self.max_id += 1  # the picture's own id is 0 and never the largest
        return CT_Inline.new_pic_inline(self.max_id, rid, image.filename, cx, cy)


def new_core(base: Base) -> CorePropertiesPart:
    """A fresh core-properties part of the base, to fill in."""
    return CorePropertiesPart.load(PackURI("/" + CORE), CT.OPC_CORE_PROPERTIES, base.core_xml,
                                   None)  # type: ignore[arg-type]


def package_bytes(base: Base, document: Any, core: CorePropertiesPart, media: Media,
                  level: int = -1) -> bytes:
    """The DOCX file: the base's members with this document's part, properties and images."""
    replaced = {DOCUMENT: serialize_part_xml(document), CORE: core.blob}
    if media.parts:
        rels = CT_Relationships.new()
        for rid, reltype, target, external in base.rels + tuple(media.rels):
            rels.add_rel(rid, reltype, target, external)
        replaced[DOCUMENT_RELS] = rels.xml
        parts = [_PartName(name, ctype) for name, ctype in base.parts]
        parts += [_PartName(name, ctype) for name, ctype, *_ in media.parts]
        replaced[CONTENT_TYPES] = _ContentTypesItem.from_parts(parts).blob
    entries: list[Entry] = []
    for index, entry in enumerate(base.entries):
        if index == base.media_at:
            entries += [Entry.of(name[1:], blob) for name, _, blob, _, _ in media.parts]
        content = replaced.get(entry.name)
        entries.append(entry if content is None else Entry.of(entry.name, content))
    if base.media_at == len(base.entries):
        entries += [Entry.of(name[1:], blob) for name, _, blob, _, _ in media.parts]
    # The members' time is the document's date, not the clock: a rebuilt document has the same bytes.
    created = core.core_properties.created
    stamp = (created.year, created.month, created.day, 0, 0, 0) if created and created.year >= 1980 \
        else (1980, 1, 1, 0, 0, 0)
    return zip_bytes(entries, stamp)


class _PartName:
    """What `_ContentTypesItem` reads of a part: its partname and content type."""

    def __init__(self, partname: str, content_type: str) -> None:
        self.partname = PackURI(partname)
        self.content_type = content_type


# -- zip --------------------------------------------------------------------------------------

def _deflate(content: bytes) -> bytes:
    # As zipfile compresses ZIP_DEFLATED members: default level, raw deflate stream.
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


def _dos_time(stamp: Sequence[int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp[:6]
    return (hour << 11 | minute << 5 | second // 2,
            (year - 1980) << 9 | month << 5 | day)


def zip_bytes(entries: Iterable[Entry], stamp: Sequence[int] | None = None) -> bytes:
    """A zip archive of already deflated members, laid out as `zipfile` writes one."""
    dos_time, dos_date = _dos_time(stamp or time.localtime(time.time()))
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for entry in entries:
        name = entry.name.encode("ascii")
        header = struct.pack("<4s2B4HL2L2H", b"PK\003\004", 20, 0, 0, zipfile.ZIP_DEFLATED,
                             dos_time, dos_date, entry.crc, len(entry.data), entry.size,
                             len(name), 0)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\001\002", 20, 3, 20, 0, 0,
                                   zipfile.ZIP_DEFLATED, dos_time, dos_date, entry.crc,
                                   len(entry.data), entry.size, len(name), 0, 0, 0, 0,
                                   0o600 << 16, offset) + name)
        chunks += (header, name, entry.data)
        offset += len(header) + len(name) + len(entry.data)
        count += 1
    directory = b"".join(central)
    if count >= 0xFFFF or offset + len(directory) >= 0xFFFFFFFF:
        raise ValueError("document too large for a zip file without ZIP64")
    chunks.append(directory)
    chunks.append(struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, count, count, len(directory),
                              offset, 0))
    return b"".join(chunks)
