"""HTML articles: the article body as plain text, without navigation, scripts, menus and share bars.

The page title is the first line and `title_hint`; the publication date meta data becomes
`published_hint`. Block elements become paragraphs separated by blank lines; list items and table
rows become lines, table cells are joined with " | ".
"""
from __future__ import annotations

import codecs
import re
import warnings
from datetime import date
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from reportgen.i18n import N_, _
from reportgen.model import Source
from reportgen.readers.base import MAX_CONTAINER_BYTES, ReadError, read_bytes
from reportgen.readers.legacy import decode_cp1252
from reportgen.readers.text import NotText, apply_fix, decode_bytes, fix_text

__all__ = ["read_html", "html_to_source_parts", "html_parts", "iso_date"]

# Never content: dropped from the whole page before the article is looked for.
_JUNK_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object",
              "embed", "video", "audio", "map", "link", "meta", "head", "button", "input",
              "select", "textarea", "option")
# Page furniture: dropped inside the chosen article element too.
_FURNITURE_TAGS = ("nav", "header", "footer", "aside", "form", "menu", "dialog", "figure")
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar",
                    "search", "toolbar", "dialog"}
_FURNITURE_NAMES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|sns|comments?|"
    r"related|relate|footer|header|sidebar|banner|advert|ads|adv|popup|cookie|subscribe|"
    r"newsletter|tags?|toolbar|print|login|search|pagination|pager|widget|rating|author-box)"
    r"(?:$|[-_\s])", re.I)
_CONTENT_NAMES = re.compile(
    r"(?:^|[-_\s])(?:article[-_]?(?:body|content|detail)|detail[-_]?content|content[-_]?detail|"
    r"post[-_]?(?:body|content)|entry[-_]?content|news[-_]?(?:content|detail)|fck_detail|"
    r"cms[-_]?body|main[-_]?content|story[-_]?body|the[-_]article[-_]body|detail__content|"
    r"article__body|singular-content|content-body)(?:$|[-_\s])", re.I)
_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "ul", "caption", "html"))
_LINE_TAGS = frozenset(("li", "tr", "dt", "dd"))  # one line each, no blank line between
_SPACES = re.compile(r"[ \t\n\r\f]+")
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|"""
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I)


def iso_date(value: str | None) -> str | None:
    """The calendar date in an attribute value: ISO "2024-03-05T..." or Vietnamese "05/03/2024"."""
    if not value:
        return None
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None:
        m = re.search(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
        parts = (m.group(3), m.group(2), m.group(1)) if m else None
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


def _decode(data: bytes) -> tuple[str, str]:
    """Decode with the declared charset when it works; otherwise like a text file."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    m = _DECLARED.search(data[:4096])
    if m:
        label = (m.group(1) or m.group(2)).decode("ascii").lower()
        try:
            name = codecs.lookup(label).name
        except LookupError:
            name = ""
        if name in ("latin_1", "iso8859_1", "ascii", "cp1252"):
            if b"\x00" not in data[:65536]:
                return decode_cp1252(data), "cp1252"  # as browsers do: these labels mean cp1252
        elif name and not name.startswith(("utf_16", "utf_32")):
            try:
                return data.decode(name), name.replace("_", "-")
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_bytes(data)


def _names(tag: Tag) -> str:
    raw: str | list[str] = tag.get("class") or []
    classes: list[str] = [raw] if isinstance(raw, str) else [str(c) for c in raw]
    return " ".join([*classes, str(tag.get("id") or "")])


def _is_furniture(tag: Tag) -> bool:
    if tag.name in _FURNITURE_TAGS:
        return True
    if str(tag.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    if tag.name in ("html", "body", "main", "article"):
        return False
    return bool(_FURNITURE_NAMES.search(_names(tag)))


def _text_len(tag: Tag) -> int:
    return len(_SPACES.sub(" ", tag.get_text(" ")).strip())


def _content_root(soup: BeautifulSoup) -> Tag:
    """The element holding the article: <article>, articleBody, content classes, most <p> text."""
    groups: list[list[Tag]] = [
        soup.find_all("article"),
        soup.find_all(itemprop="articleBody"),
        [t for t in soup.find_all(True) if _CONTENT_NAMES.search(_names(t))],
    ]
    for group in groups:
        best = max(group, key=_text_len, default=None)
        if best is not None and _text_len(best) >= 200:
            return best
    # Readability's rule: a paragraph credits its parent fully and its grandparent by half, so
    # an article whose paragraphs are each wrapped in their own <div> still wins as a whole.
    weights: dict[int, tuple[Tag, float]] = {}
    for p in soup.find_all("p"):
        length = _text_len(p)
        parent = p.parent
        for ancestor, share in ((parent, 1.0), (getattr(parent, "parent", None), 0.5)):
            if isinstance(ancestor, Tag):
                tag, total = weights.get(id(ancestor), (ancestor, 0.0))
                weights[id(ancestor)] = (tag, total + share * length)
    if weights:
        return max(weights.values(), key=lambda item: item[1])[0]
    for group in groups:
        if group:
            return max(group, key=_text_len)
    return soup.body or soup


def _render(root: Tag) -> str:
    """Plain text of `root`: blocks as paragraphs, rows and list items as lines."""
    lines: list[str] = []
    breaks: list[int] = []  # for each line, the break before it: 1 newline or 2 (blank line)
    current: list[str] = []
    pending = 0

    def flush(kind: int) -> None:
        nonlocal pending
        line = "".join(current).strip()
        current.clear()
        if line:
            lines.append(line)
            breaks.append(pending)
            pending = 0
        pending = max(pending, kind)

    stack: list[tuple[PageElement, bool]] = [(root, False)]
    in_pre = 0
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            name = node.name
            if leaving:
                if name == "pre":
                    in_pre -= 1
                if name in _BLOCK_TAGS:
                    flush(1 if name in _LINE_TAGS else 2)
                continue
            if name == "br":
                flush(1)
                continue
            if name in _BLOCK_TAGS:
                flush(1 if name in _LINE_TAGS else 2)
            if name in ("td", "th") and any(isinstance(s, Tag) and s.name in ("td", "th")
                                            for s in node.previous_siblings):
                current.append(" | ")
            if name == "pre":
                in_pre += 1
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(
                node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            text = str(node)
            if in_pre:
                for i, part in enumerate(text.split("\n")):
                    if i:
                        flush(1)
                    current.append(part)
            else:
                current.append(_SPACES.sub(" ", text))
    flush(0)
    out: list[str] = []
    for line, brk in zip(lines, breaks):
        if out:
            out.append("\n\n" if brk >= 2 else "\n")
        out.append(line)
    return "".join(out)


def _meta(soup: BeautifulSoup, **attrs: Any) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    value = tag.get("content") if isinstance(tag, Tag) else None
    return (str(value).strip() or None) if value else None


def _published_meta(soup: BeautifulSoup) -> list[str | None]:
    """Publication-date values the page's meta data states, best first."""
    candidates = [
        _meta(soup, property="article:published_time"),
        _meta(soup, itemprop="datePublished"),
        _meta(soup, name="article:published_time"),
    ]
    for tag in soup.find_all(itemprop="datePublished"):
        candidates.append(str(tag.get("content") or tag.get("datetime") or ""))
    return candidates


def _published(candidates: list[str | None], soup: BeautifulSoup, root: Tag) -> str | None:
    for scope in (root, soup):
        time = scope.find("time", attrs={"datetime": True})
        if isinstance(time, Tag):
            candidates.append(str(time.get("datetime")))
    for value in candidates:
        found = iso_date(value)
        if found:
            return found
    return None


def _site(soup: BeautifulSoup, page_title: str | None) -> str | None:
    """The page's words about where the article stands: site name, page title, breadcrumbs (a
    district's portal names its district there, and often nowhere in the article)."""
    parts = [_meta(soup, property="og:site_name"), page_title]
    for tag in soup.find_all(True, attrs={"class": re.compile(r"breadcrumb", re.I)})[:2]:
        parts.append(_SPACES.sub(" ", tag.get_text(" ")).strip())
    text = "\n".join(p for p in parts if p)
    return text[:600] or None


def html_to_source_parts(markup: str) -> tuple[str, str | None, str | None]:
    """(text, title, published date) of an HTML document given as a string."""
    text, title, published, _unused = html_parts(markup)
    return text, title, published


def html_parts(markup: str) -> tuple[str, str | None, str | None, str | None]:
    """(text, title, published date, site context) of an HTML document given as a string."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(markup, "lxml")
    og_title = _meta(soup, property="og:title") or _meta(soup, name="twitter:title")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    site = _site(soup, page_title)
    dates = _published_meta(soup)
    for name in ("pubdate", "publishdate", "date", "dc.date", "dcterms.created"):
        dates.append(_meta(soup, name=name))
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_JUNK_TAGS):
        if not tag.decomposed:
            tag.decompose()
    root = _content_root(soup)
    published = _published(dates, soup, root)
    # The article's own h1 is its title; an h1 elsewhere is often the site's logo, so og:title
    # and twitter:title come before it.
    h1 = root.find("h1")
    title = _SPACES.sub(" ", h1.get_text(" ")).strip() or None if isinstance(h1, Tag) else None
    if title is None:
        page_h1 = soup.find("h1")
        title = og_title or (_SPACES.sub(" ", page_h1.get_text(" ")).strip() or None
                             if isinstance(page_h1, Tag) else None)
    for tag in root.find_all(True):
        if not tag.decomposed and _is_furniture(tag):
            tag.decompose()
    if isinstance(h1, Tag) and not h1.decomposed and any(p is root for p in h1.parents):
        h1.decompose()
    title = title or og_title or page_title
    body = _render(root)
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}" if body else title
    return body, title, published, site


def read_html(path: Path) -> Source:
    """Read an HTML page into a Source holding its article text."""
    data = read_bytes(path, MAX_CONTAINER_BYTES, N_("HTML file"))
    try:
        markup, encoding = _decode(data)
    except NotText as exc:
        raise ReadError(path, str(exc)) from None
    text, title, published, site = html_parts(markup)
    fixed, label = fix_text(text)
    if label is not None:
        # The title is the text's first line: it gets the same repair, however short it is.
        text, title = fixed, apply_fix(title, label) if title else title
        encoding = label if label != "mojibake" else f"{encoding}-mojibake"
    if not text.strip():
        raise ReadError(path, _("no text in HTML document"))
    return Source(path=str(path), text=text, format="html", encoding=encoding,
                  title_hint=title, published_hint=published, site_hint=site)


def looks_like_html(head: bytes) -> bool:
    """True if the first bytes of a file look like an HTML document."""
    return bool(_LOOKS_HTML.search(head[:2048]))
