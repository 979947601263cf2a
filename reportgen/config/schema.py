"""The typed schema of `reportgen.toml`: every key, its type, default, meaning, example and ranges.

`KEYS` is the one list the loader checks a file against, `docs/configuration.md` is generated
from and `reportgen config init` writes. Each key has hard bounds (a value outside them cannot
make a document: an error naming the file and the key) and, for the layout, the range Hướng dẫn
36-HD/VPTW gives (a value outside it still builds, with a warning).
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from reportgen.config.header import FORMS
from reportgen.config.settings import Config, ConfigError, Layout, Limits
from reportgen.i18n import N_, _

__all__ = ["Key", "KEYS", "TABLES", "PAPERS", "PDF_VARIANTS", "key", "default_of", "closest", "check_value",
           "check_table", "cross_check", "toml_value"]

#: The tables of the file, with what each holds ("" is the top level), in English (msgids: `_()` where
#: they are shown).
TABLES = {"": N_("Who issues the document, its number, place, date, signer and recipients."),
          "layout": N_("Paper, margins, fonts, sizes and spacing (HD 36-HD/VPTW)."),
          "limits": N_("What one source or document may cost before it is given up.")}

#: Paper sizes `[layout] paper` names, in mm (width, height).
PAPERS = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A3": (297.0, 420.0), "Letter": (215.9, 279.4)}

#: The archival PDF variants WeasyPrint writes (`pdf_variant`, `build --pdf-variant`).
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u")

_FONT_NAME = re.compile(r"^[\w .+-]{1,80}$")
_MAX_TEXT = 500  # characters of one text value
_MAX_ITEMS = 50  # items of one list


@dataclass(frozen=True)
class Key:
    """One key of the file: where it is, what it holds and what values it accepts."""

    name: str
    table: str  # "" (top level), "layout" or "limits"
    type: str  # "text", "optional text", "date", "list of text", "number", "paper", "list of folders", "choice"
    meaning: str  # in English (a msgid): `described()` is what a user reads
    example: Any
    low: float | None = None  # hard bounds of a number: outside them, an error
    high: float | None = None
    usual: tuple[float, float] | None = None  # the HD 36 range: outside it, a warning
    unit: str = ""
    choices: tuple[str, ...] = ()  # the values of a "choice"

    @property
    def path(self) -> str:
        """The key as a user writes it: `[layout] margin_left_mm`, or `number`."""
        return f"[{self.table}] {self.name}" if self.table else self.name

    def described(self) -> str:
        """The meaning in the current language, the paper sizes and header forms filled in."""
        forms = "; ".join(f"{f.name} = {f.title}" for f in FORMS.values())
        return _(self.meaning).format(forms=forms, papers=", ".join(PAPERS))

    def unit_shown(self) -> str:
        """The unit as the current language writes it ("lines" is "dòng", "s" is "giây")."""
        return _(_UNIT_NAMES[self.unit]) if self.unit in _UNIT_NAMES else self.unit


#: The units whose name a language writes its own way (mm, pt, cm, %, MB read the same in both).
_UNIT_NAMES = {"lines": N_("lines"), "s": N_("s")}


def _mm(name: str, meaning: str, example: float, low: float, high: float,
        usual: tuple[float, float] | None = None) -> Key:
    return Key(name, "layout", "number", meaning, example, low, high, usual, "mm")


def _pt(name: str, meaning: str, example: float, usual: tuple[float, float] | None = None) -> Key:
    return Key(name, "layout", "number", meaning, example, 4, 72, usual, "pt")


KEYS: tuple[Key, ...] = (
    Key("issuing_body", "", "optional text", N_("Issuing body in the header (left column, bold)."),
        "HUYỆN ỦY ỨNG HÒA"),
    Key("superior_body", "", "optional text", N_("Superior body above it; \"\" for none (a Tỉnh ủy)."),
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"),
    Key("number", "", "optional text", N_("Number and symbol of the document; blank digits to fill in when "
                                          "unset."), "Số 12-BC/HU"),
    Key("place", "", "optional text", N_("Place in the date line; the unit's name when unset."),
        "Ứng Hòa"),
    Key("date", "", "date", N_("Date of the document (YYYY-MM-DD); when unset, the publication date of the "
                               "newest source, else 31 December of the report year, else blank to fill in."),
        "2024-12-15"),
    Key("signer_name", "", "optional text", N_("Name of the signer; a blank to sign by hand when unset."),
        "Nguyễn Văn A"),
    Key("signer_title", "", "text", N_("Title of the signer."), "BÍ THƯ"),
    Key("signing_body", "", "optional text", N_("On whose behalf the signer signs; when unset, by the unit's "
                                                "level and the date (T/M ĐẢNG ỦY for a commune before "
                                                "2025-07-01, else T/M BAN THƯỜNG VỤ)."), "T/M BAN THƯỜNG VỤ"),
    Key("header_form", "", "choice", N_("The rules of header and signature: {forms}."), "hd36",
        choices=tuple(FORMS)),
    Key("recipients", "", "list of text", N_("The \"Nơi nhận\" list, one recipient per item."),
        ["Ban Tổ chức Thành ủy (để báo cáo)", "Lưu Văn phòng"]),
    Key("author", "", "optional text", N_("Author in the DOCX/PDF properties; the issuing body when unset."),
        "Văn phòng Huyện ủy"),
    Key("pdf_variant", "", "choice", N_("Archival PDF variant of the PDF files (`build --pdf-variant`); a "
                                        "plain PDF when unset."), "pdf/a-3b", choices=PDF_VARIANTS),
    Key("template_dirs", "", "list of folders",
        N_("Template folders searched before the built-in ones, relative to this file."), ["mau-bao-cao"]),
    Key("paper", "layout", "paper", N_("Paper size ({papers}); sets the page width and height."), "A4"),
    _mm("page_width_mm", N_("Page width."), 210.0, 50, 1000, (210, 210)),
    _mm("page_height_mm", N_("Page height."), 297.0, 50, 1000, (297, 297)),
    _mm("margin_top_mm", N_("Top margin."), 20.0, 0, 100, (20, 25)),
    _mm("margin_bottom_mm", N_("Bottom margin."), 20.0, 0, 100, (20, 25)),
    _mm("margin_left_mm", N_("Left margin."), 30.0, 0, 100, (30, 35)),
    _mm("margin_right_mm", N_("Right margin."), 15.0, 0, 100, (15, 20)),
    _mm("header_distance_mm", N_("Where the page number sits inside the top margin."), 10.0, 0, 100),
    Key("font_docx", "layout", "font", N_("Font of the DOCX."), "Times New Roman"),
    Key("fonts_pdf", "layout", "list of fonts", N_("Fonts of the PDF, first found first."),
        ["Times New Roman", "Liberation Serif", "serif"]),
    _pt("body_pt", N_("Size of the body text."), 14.0, (13, 14)),
    _pt("title_pt", N_("Size of the document's title."), 16.0, (15, 16)),
    _pt("party_pt", N_("Size of \"ĐẢNG CỘNG SẢN VIỆT NAM\"."), 15.0, (15, 15)),
    _pt("header_pt", N_("Size of the issuing body, number and date line."), 14.0, (13, 14)),
    _pt("table_pt", N_("Size of the text in tables."), 12.0),
    _pt("recipients_pt", N_("Size of the recipients list."), 12.0, (11, 12)),
    _pt("page_number_pt", N_("Size of the page number."), 14.0, (13, 14)),
    Key("line_spacing", "layout", "number", N_("Line spacing of the body (1 = single)."), 1.3, 0.5, 4,
        (1.0, 1.5), "lines"),
    Key("first_line_indent_cm", "layout", "number", N_("First-line indent of body paragraphs."), 1.0, 0, 10,
        (1.0, 1.27), "cm"),
    Key("space_before_pt", "layout", "number", N_("Space before a body paragraph."), 6.0, 0, 72, (6, 12),
        "pt"),
    Key("header_left_width_pct", "layout", "number",
        N_("Share of the text width of the header's left column."), 45.0, 10, 90, None, "%"),
    Key("chart_width_cm", "layout", "number", N_("Width of the charts."), 15.0, 1, 100, None, "cm"),
    Key("source_seconds", "limits", "number", N_("Time one source may take to read and extract."), 60.0, 1,
        86400, None, "s"),
    Key("render_seconds", "limits", "number", N_("Time one document's template may take to fill."), 60.0, 1,
        86400, None, "s"),
    Key("document_mb", "limits", "number",
        N_("Size one document's HTML and each file written from it may reach."), 100.0, 1, 10000, None, "MB"),
)

_BY_TABLE: dict[str, dict[str, Key]] = {t: {k.name: k for k in KEYS if k.table == t} for t in TABLES}
_DEFAULTS = {"": Config(), "layout": Layout(), "limits": Limits()}


def key(table: str, name: str) -> Key:
    """The key `name` of `table`."""
    return _BY_TABLE[table][name]


def default_of(k: Key) -> Any:
    """The value a key has when the file does not set it (None: derived from the unit)."""
    if k.name == "paper":
        return "A4"
    return getattr(_DEFAULTS[k.table], k.name)


def closest(name: str, table: str) -> str | None:
    """The valid key nearest to a misspelt one, as a user writes it (`[layout] margin_left_mm`)."""
    def near(names: list[str]) -> str | None:
        found = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if found:
            return found[0]
        # "left_margin" for "margin_left_mm": the same words in another order
        words = set(re.split(r"[_\W]+", name.lower())) - {""}
        score, best = max(((len(words & set(n.split("_"))), n) for n in names), default=(0, ""))
        return best if score else None

    here = near(list(_BY_TABLE[table]) + ([t for t in TABLES if t] if not table else []))
    if here is not None:
        return here
    others = {k.path: k.name for k in KEYS if k.table != table}
    found = near(list(others.values()))
    return next((path for path, n in others.items() if n == found), None) if found else None


def _text(value: Any, where: str, k: Key) -> str:
    if not isinstance(value, str):
        raise ConfigError(_("{where}: {path} must be a text in quotes, got {value}").format(
            where=where, path=k.path, value=_shown(value)))
    if len(value) > _MAX_TEXT:
        raise ConfigError(_("{where}: {path} is {count} characters long (at most {MAX_TEXT})").format(
            where=where, path=k.path, count=len(value), MAX_TEXT=_MAX_TEXT))
    if any(ord(c) < 32 and c not in "\t" for c in value):
        raise ConfigError(_("{where}: {path} holds a control character (a line break?); write it on one "
                            "line").format(
            where=where, path=k.path))
    return value


def _texts(value: Any, where: str, k: Key) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(_("{where}: {path} must be a list of texts, e.g. {value}, "
                          "got {value2}").format(
                              where=where, path=k.path, value=toml_value(k.example), value2=_shown(value)))
    if len(value) > _MAX_ITEMS:
        raise ConfigError(_("{where}: {path} has {count} items (at most {MAX_ITEMS})").format(
            where=where, path=k.path, count=len(value), MAX_ITEMS=_MAX_ITEMS))
    return tuple(_text(v, where, k) for v in value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def toml_value(value: Any) -> str:
    """A value written as TOML (the examples of the docs and of `config init`)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def _number(value: Any, where: str, k: Key) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if k.unit:
            raise ConfigError(_("{where}: {path} must be a number of {unit}, got {value}").format(
                where=where, path=k.path, unit=k.unit_shown(), value=_shown(value)))
        raise ConfigError(_("{where}: {path} must be a number, got {value}").format(
            where=where, path=k.path, value=_shown(value)))
    number = float(value)
    if not math.isfinite(number):
        raise ConfigError(_("{where}: {path} must be a finite number, got {value!r}").format(
            where=where, path=k.path, value=value))
    assert k.low is not None and k.high is not None
    if not k.low <= number <= k.high:
        limits = f"{k.low:g}–{k.high:g} {k.unit_shown()}".rstrip()
        raise ConfigError(_("{where}: {path} = {value:g} is out of range ({limits})").format(
            where=where, path=k.path, value=value, limits=limits))
    return number


def check_value(k: Key, value: Any, where: str) -> Any:
    """The value of key `k` as the settings hold it, or ConfigError naming the file and the key."""
    if k.type == "number":
        return _number(value, where, k)
    if k.type in ("text", "optional text"):
        return _text(value, where, k)
    if k.type == "list of text":
        return _texts(value, where, k)
    if k.type in ("font", "list of fonts"):
        names = (_text(value, where, k),) if k.type == "font" else _texts(value, where, k)
        for name in names:
            if not _FONT_NAME.match(name):
                raise ConfigError(_("{where}: {path}: {value} is not a font name "
                                  "(letters, digits, spaces, '-', '.', '+')").format(
                                      where=where, path=k.path, value=_shown(name)))
        if not names:
            raise ConfigError(_("{where}: {path} names no font").format(where=where, path=k.path))
        return names[0] if k.type == "font" else names
    if k.type == "list of folders":
        return _texts([value] if isinstance(value, str) else value, where, k)
    if k.type == "date":
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise ConfigError(_("{where}: {path} must be a date YYYY-MM-DD, got {value}").format(
                    where=where, path=k.path, value=_shown(value))) from None
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise ConfigError(_("{where}: {path} must be a date YYYY-MM-DD, got {value}").format(
                where=where, path=k.path, value=_shown(value)))
        if not 1930 <= value.year <= 2100:
            raise ConfigError(_("{where}: {path} = {value} is not a plausible document date").format(
                where=where, path=k.path, value=value.isoformat()))
        return value
    if k.type == "choice":
        name = _text(value, where, k)
        if name.lower() not in k.choices:
            raise ConfigError(f"{where}: {k.path} = {name!r} is not one of {', '.join(k.choices)}")
        return name.lower()
    if k.type == "paper":
        name = _text(value, where, k)
        match = next((p for p in PAPERS if p.lower() == name.lower()), None)
        if match is None:
            raise ConfigError(_("{where}: {path} = {name!r} is not a paper size ({value})").format(
                where=where, path=k.path, name=name, value=', '.join(PAPERS)))
        return match
    raise AssertionError(k.type)  # pragma: no cover - every type of KEYS is handled above


def check_table(data: Mapping[str, Any], table: str, where: str) -> dict[str, Any]:
    """The checked values of one table of the file (unknown keys and wrong types are errors)."""
    values: dict[str, Any] = {}
    known = _BY_TABLE[table]
    for name, value in data.items():
        if not table and name in TABLES:
            continue  # a sub-table, checked by the caller
        k = known.get(name)
        if k is None:
            inside = f"[{table}]: " if table else ""
            near = closest(name, table)
            elsewhere = next((t for t, keys in _BY_TABLE.items() if t != table and name in keys), None)
            hint = (_("; it belongs in [{table}]").format(table=elsewhere) if elsewhere is not None
                    else _("; did you mean {name!r}?").format(name=near) if near
                    else _("; valid keys: {keys}").format(keys=", ".join(known)))
            raise ConfigError(_("{where}: {inside}unknown key {name!r}{hint}").format(
                where=where, inside=inside, name=name, hint=hint))
        values[name] = check_value(k, value, where)
    return values


def cross_check(layout: Layout, where: str) -> list[str]:
    """Errors for layouts no page can hold; warnings (returned) for values outside HD 36's ranges."""
    text_width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    text_height = layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm
    if text_width < 40:
        raise ConfigError(_("{where}: [layout] margin_left_mm + margin_right_mm leave {text_width:g} mm of "
                          "a {page_width_mm:g} mm page for the text (at least 40 mm)").format(
                              where=where, text_width=text_width, page_width_mm=layout.page_width_mm))
    if text_height < 40:
        raise ConfigError(_("{where}: [layout] margin_top_mm + margin_bottom_mm leave {text_height:g} mm of "
                          "a {page_height_mm:g} mm page for the text (at least 40 mm)").format(
                              where=where, text_height=text_height, page_height_mm=layout.page_height_mm))
    if layout.header_distance_mm > layout.margin_top_mm:
        raise ConfigError(_("{where}: [layout] header_distance_mm = {header_distance_mm:g} is below the "
                          "top margin (margin_top_mm = {margin_top_mm:g})").format(
                              where=where, header_distance_mm=layout.header_distance_mm,
                              margin_top_mm=layout.margin_top_mm))
    if layout.chart_width_cm * 10 > text_width:
        raise ConfigError(_("{where}: [layout] chart_width_cm = {chart_width_cm:g} is wider than the text "
                          "({value:g} cm)").format(
                              where=where, chart_width_cm=layout.chart_width_cm, value=text_width / 10))
    warnings = []
    for k in KEYS:
        if k.table == "layout" and k.usual is not None:
            value = getattr(layout, k.name)
            low, high = k.usual
            if not low <= value <= high:
                shown = f"{low:g}" if low == high else f"{low:g}–{high:g}"
                warnings.append(_("{where}: {path} = {value:g} is outside HD 36's {range}").format(
                    where=where, path=k.path, value=value, range=f"{shown} {k.unit_shown()}".rstrip()))
    return warnings
