"""LibreOffice headless: documents in one office format -> another (`soffice --convert-to`).

Below the stages: the readers turn .doc/.odt/.rtf sources into DOCX with it, and the writers
turn the DOCX filled from a Word template into PDF. Each process keeps one LibreOffice profile
for all its conversions and converts a batch of files in one run; every run has a timeout, and
every problem is an `OfficeError` of one line (LibreOffice missing, a file it cannot convert, a
run that took too long).
"""
from __future__ import annotations

from reportgen.office.soffice import (
    INSTALL_HINT,
    MISSING,
    Converter,
    OfficeError,
    OfficeMissing,
    available,
    convert,
    convert_many,
    converter,
    missing_message,
    program,
)

__all__ = ["INSTALL_HINT", "MISSING", "missing_message", "Converter", "OfficeError", "OfficeMissing", "available",
           "convert", "convert_many", "converter", "program"]
