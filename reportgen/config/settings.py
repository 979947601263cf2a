"""The settings themselves: who issues a document, where and when, every layout value, the limits.

`for_unit` fills what the file leaves unset from the unit a report is about. Defaults follow
Hướng dẫn 36-HD/VPTW on the format of Party documents; `schema` says what each key may hold.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from reportgen.config.header import DEFAULT_FORM, header_for, province_body
from reportgen.model import CENTRAL_CITIES, Unit

__all__ = ["Config", "Layout", "Limits", "ConfigError", "for_unit", "province_body",
           "committee_abbreviation", "CONFIG_FILE", "CENTRAL_CITIES"]

CONFIG_FILE = "reportgen.toml"

# Official abbreviations of committees in document numbers ("Số 12-BC/HU").
_ABBREVIATIONS = (("huyện ủy", "HU"), ("tỉnh ủy", "TU"), ("thành ủy", "TU"), ("thị ủy", "TU"),
                  ("quận ủy", "QU"), ("đảng ủy", "ĐU"))


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line naming the file and key."""


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
class Limits:
    """What one source or one document may cost before it is given up as a one-line error."""

    source_seconds: float = 60.0  # reading and extracting one source
    render_seconds: float = 60.0  # filling one document's template
    document_mb: float = 100.0  # one document's HTML, and each file written from it

    @property
    def document_bytes(self) -> int:
        """`document_mb` in bytes."""
        return int(self.document_mb * 1024 * 1024)


@dataclass(frozen=True)
class Config:
    """Who issues a document, its number, place and date, its signer, recipients and layout."""

    issuing_body: str | None = None  # "HUYỆN ỦY " and the unit name; from the unit when None
    superior_body: str | None = None  # "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; from the unit when None
    number: str | None = None  # "Số 12-BC/HU"; a blank number to fill in when None
    place: str | None = None  # place in the date line; the unit name when None
    date: date | None = None  # the newest source's date, else 31 December of the report year
    signer_name: str | None = None  # left blank to sign by hand when None
    signer_title: str = "BÍ THƯ"
    signing_body: str | None = None  # by the issuing unit's level and the date when None
    header_form: str = DEFAULT_FORM  # the rules of header and signature (`config.header.FORMS`)
    pdf_variant: str | None = None  # "pdf/a-3b": a PDF/A file (WeasyPrint's variants)
    recipients: tuple[str, ...] = ("Ban Tổ chức cấp ủy cấp trên (để báo cáo)",
                                   "Các đồng chí Ủy viên Ban Thường vụ", "Lưu Văn phòng")
    author: str | None = None  # DOCX/PDF author; the issuing body when None
    template_dirs: tuple[Path, ...] = ()
    layout: Layout = field(default_factory=Layout)
    limits: Limits = field(default_factory=Limits)


def committee_abbreviation(committee: str) -> str:
    """Abbreviation of a committee in document numbers: "Huyện ủy Mường Lát" -> "HU"."""
    lowered = committee.lower()
    for prefix, abbreviation in _ABBREVIATIONS:
        if lowered.startswith(prefix):
            return abbreviation
    return "ĐU"


def for_unit(config: Config, unit: Unit, on: date | None = None) -> Config:
    """The config with issuing/superior/signing body, number, place and date filled from the unit;
    `on` is the date the sources give (the configured date wins; None leaves it to fill in)."""
    committee = unit.committee
    when = config.date or on
    header = header_for(unit, when, config.header_form)
    values: dict[str, Any] = {"date": when}
    if config.issuing_body is None:
        values["issuing_body"] = header.issuing_body
    if config.superior_body is None:
        values["superior_body"] = header.superior_body
    if config.signing_body is None:
        values["signing_body"] = header.signing_body
    if config.number is None:
        # Blank digits: the office writes the number in when it registers the document.
        values["number"] = f"Số     -BC/{committee_abbreviation(committee)}"
    if config.place is None:
        values["place"] = unit.name
    return replace(config, **values)
