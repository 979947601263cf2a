"""The header and signature of a document by the issuing unit's level and the document's date.

Hướng dẫn 36-HD/VPTW: the issuing body's name under the name of its superior Party organisation,
except a province-level committee, whose header carries its own name only. A commune's superior
was its district until 2025-07-01, when the district level ended; since then it is the province.
A district or province committee signs on behalf of its standing committee ("T/M BAN THƯỜNG
VỤ"); a commune committee before 2025-07-01 had none ("T/M ĐẢNG ỦY"). The rules of a form are
data (`FORMS`): a later form (Quy định 399-QĐ/TW of 2026-01-09, or one after it) that changes
them is one more entry, chosen with the `header_form` key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from reportgen.model import CENTRAL_CITIES, Unit
from reportgen.vietnamese.history import REFORM, district_of, province_after

__all__ = ["Header", "Form", "FORMS", "DEFAULT_FORM", "header_for", "province_body",
           "UNKNOWN_SUPERIOR"]

#: A superior body the lists cannot tell (a commune name found in several districts).
UNKNOWN_SUPERIOR = "ĐẢNG BỘ ………………"


@dataclass(frozen=True)
class Header:
    """What the header and signature block print for the issuing body."""

    superior_body: str  # "" for none (a province-level committee)
    issuing_body: str
    signing_body: str


@dataclass(frozen=True)
class Form:
    """The rules of one form: on whose behalf each level signs, before and after the reform."""

    name: str
    title: str
    signing: Mapping[str, str]  # "province", "district", "commune", "commune-before-reform"


_HD36 = {"province": "T/M BAN THƯỜNG VỤ", "district": "T/M BAN THƯỜNG VỤ",
         "commune": "T/M BAN THƯỜNG VỤ", "commune-before-reform": "T/M ĐẢNG ỦY"}

#: The forms `header_form` may name. QĐ 399 keeps the header elements of HD 36 that these rules
#: use; its entry is where a difference found in it goes.
FORMS: dict[str, Form] = {f.name: f for f in (
    Form("hd36", "Hướng dẫn 36-HD/VPTW (03/4/2018)", _HD36),
    Form("qd399", "Quy định 399-QĐ/TW (09/01/2026)", _HD36),
)}
DEFAULT_FORM = "hd36"


def province_body(province: str) -> str:
    """The provincial Party organisation: "ĐẢNG BỘ TỈNH LONG AN", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"."""
    kind = "THÀNH PHỐ" if province in CENTRAL_CITIES else "TỈNH"
    return f"ĐẢNG BỘ {kind} {province.upper()}"


def province_committee(province: str) -> str:
    """"TỈNH ỦY LONG AN", "THÀNH ỦY HÀ NỘI"."""
    return f"{'THÀNH ỦY' if province in CENTRAL_CITIES else 'TỈNH ỦY'} {province.upper()}"


def _before_reform(unit: Unit, on: date | None) -> bool:
    """Whether a commune document is of the three-level map: dated before 2025-07-01, or undated
    and about a commune only the old lists know."""
    if on is not None:
        return on < REFORM
    return province_after(unit.kind, unit.name, unit.province) is None


def header_for(unit: Unit, on: date | None, form: str = DEFAULT_FORM) -> Header:
    """The header of a document issued by `unit`'s committee on `on` (None: undated)."""
    signing = FORMS[form].signing
    if unit.level == "province":
        province = unit.province or unit.name
        return Header("", province_committee(province), signing["province"])
    issuing = unit.committee.upper()
    if unit.level == "district":
        superior = province_body(unit.province) if unit.province else ""
        return Header(superior, issuing, signing["district"])
    if _before_reform(unit, on):
        district = district_of(unit.kind, unit.name, unit.province)
        superior = (f"ĐẢNG BỘ {district[0]} {district[1]}".upper() if district is not None
                    else UNKNOWN_SUPERIOR)
        return Header(superior, issuing, signing["commune-before-reform"])
    province = province_after(unit.kind, unit.name, unit.province) or unit.province
    return Header(province_body(province) if province else UNKNOWN_SUPERIOR, issuing,
                  signing["commune"])
