"""Document settings: who issues the report, where and when, and every layout value.

`load_config` reads `reportgen.toml` (top-level keys of `Config`, and a `[layout]` table with the
keys of `Layout`); `for_unit` fills what the file leaves unset from the unit a report is about.
Defaults follow Hướng dẫn 36-HD/VPTW on the format of Party documents.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Mapping

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from reportgen.model import CENTRAL_CITIES, Unit

__all__ = ["Config", "Layout", "ConfigError", "load_config", "for_unit", "province_body",
           "committee_abbreviation", "CONFIG_FILE", "CENTRAL_CITIES"]

CONFIG_FILE = "reportgen.toml"

#: Centrally-run cities: their Party organisation is "Đảng bộ thành phố ...", not "tỉnh".

# Official abbreviations of committees in document numbers ("Số 12-BC/HU").
_ABBREVIATIONS = (("huyện ủy", "HU"), ("tỉnh ủy", "TU"), ("thành ủy", "TU"), ("thị ủy", "TU"),
                  ("quận ủy", "QU"), ("đảng ủy", "ĐU"))


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Layout:
    """Page and type settings shared by the CSS of the PDF and the styles of the DOCX."""

    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    header_distance_mm: float = 10.0  # where the page number sits inside the top margin
    font_docx: str = "Times New Roman"
    # Metric-compatible stand-ins first after Times New Roman, so the PDF embeds a real font.
    fonts_pdf: tuple[str, ...] = ("Times New Roman", "Liberation Serif", "Tinos", "serif")
    body_pt: float = 14.0
    title_pt: float = 16.0
    party_pt: float = 15.0
    header_pt: float = 14.0
    table_pt: float = 12.0
    recipients_pt: float = 12.0
    page_number_pt: float = 14.0
    line_spacing: float = 1.3
    first_line_indent_cm: float = 1.0
    space_before_pt: float = 6.0
    header_left_width_pct: float = 45.0  # share of the text width of the left header column
    chart_width_cm: float = 15.0

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping of the settings (for templates and the DOCX writer)."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Config:
    """Who issues a document, its number, place and date, its signer, recipients and layout."""

    issuing_body: str | None = None  # "HUYỆN ỦY " and the unit name; from the unit when None
    superior_body: str | None = None  # "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; from the unit when None
    number: str | None = None  # "Số 12-BC/HU"; a blank number to fill in when None
    place: str | None = None  # place in the date line; the unit name when None
    date: date | None = None  # today when None
    signer_name: str | None = None  # left blank to sign by hand when None
    signer_title: str = "BÍ THƯ"
    signing_body: str = "T/M BAN THƯỜNG VỤ"
    recipients: tuple[str, ...] = ("Ban Tổ chức cấp ủy cấp trên (để báo cáo)",
                                   "Các đồng chí Ủy viên Ban Thường vụ", "Lưu Văn phòng")
    author: str | None = None  # DOCX/PDF author; the issuing body when None
    template_dirs: tuple[Path, ...] = ()
    layout: Layout = field(default_factory=Layout)

    @property
    def today(self) -> date:
        """The document date: the configured one or today."""
        return self.date or date.today()


def _coerce(name: str, value: Any, default: Any, where: str) -> Any:
    """Turn a TOML value into the type of the field's default, or fail in one line."""
    if name == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(f"{where}: date must be YYYY-MM-DD, got {value!r}") from None
    if name == "template_dirs":
        items = [value] if isinstance(value, str) else list(value)
        return tuple(Path(v) for v in items)
    if isinstance(default, tuple):
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: {name} must be a list of strings")
        return tuple(str(v) for v in value)
    if isinstance(default, float) and isinstance(value, (int, float)):
        return float(value)
    if default is not None and not isinstance(value, type(default)):
        raise ConfigError(f"{where}: {name} must be a {type(default).__name__}, got {value!r}")
    return value


def _build(cls: type, data: Mapping[str, Any], where: str, base: Path | None) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(known)})")
    default = cls()
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "layout":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: [layout] must be a table")
            values[name] = _build(Layout, value, f"{where} [layout]", base)
            continue
        values[name] = _coerce(name, value, getattr(default, name), where)
        if name == "template_dirs" and base is not None:
            # Template folders are relative to the configuration file, not to the shell.
            values[name] = tuple(p if p.is_absolute() else base / p for p in values[name])
    return replace(default, **values)


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read the given TOML file, or `reportgen.toml` in `cwd` if it exists, else defaults."""
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILE
        if not candidate.is_file():
            return Config()
        path = candidate
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    return _build(Config, data, str(path), Path(path).resolve().parent)


def province_body(province: str) -> str:
    """The provincial Party organisation: "ĐẢNG BỘ TỈNH LONG AN", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"."""
    kind = "THÀNH PHỐ" if province in CENTRAL_CITIES else "TỈNH"
    return f"ĐẢNG BỘ {kind} {province.upper()}"


def committee_abbreviation(committee: str) -> str:
    """Abbreviation of a committee in document numbers: "Huyện ủy Mường Lát" -> "HU"."""
    lowered = committee.lower()
    for prefix, abbreviation in _ABBREVIATIONS:
        if lowered.startswith(prefix):
            return abbreviation
    return "ĐU"


def for_unit(config: Config, unit: Unit) -> Config:
    """The config with issuing/superior body, number, place and date filled from the unit."""
    committee = unit.committee
    values: dict[str, Any] = {}
    if config.issuing_body is None:
        values["issuing_body"] = committee.upper()
    if config.superior_body is None:
        if unit.level == "province":
            # A Tỉnh ủy's header carries its own name only: no superior line.
            values["superior_body"] = ""
        elif unit.province:
            values["superior_body"] = province_body(unit.province)
    if config.number is None:
        # Blank digits: the office writes the number in when it registers the document.
        values["number"] = f"Số     -BC/{committee_abbreviation(committee)}"
    if config.place is None:
        values["place"] = unit.name
    if config.date is None:
        values["date"] = date.today()
    return replace(config, **values)
