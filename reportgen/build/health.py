"""Start-up checks: what the machine lacks for good documents, named by the package to install."""
from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from functools import lru_cache

from reportgen.i18n import _

__all__ = ["startup_warnings"]

_SERIF = ("Times New Roman", "Liberation Serif", "Tinos")


@lru_cache(maxsize=1)
def _font_families() -> frozenset[str] | None:
    """Font families fontconfig knows, or None when fc-list is not available."""
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def startup_warnings(formats: tuple[str, ...] | list[str] = ("pdf",)) -> list[str]:
    """One line per problem: missing serif fonts, missing HarfBuzz subsetting."""
    if "pdf" not in formats:
        return []
    warnings = []
    families = _font_families()
    if families is not None and not any(f in families for f in _SERIF):
        warnings.append(_("no Times-compatible serif font found (Times New Roman, Liberation Serif, Tinos): "
                          "PDFs will use another font; install fonts-liberation2"))
    if ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append(_("HarfBuzz subsetting (libharfbuzz-subset0) is missing: PDFs take about twice as long; "
                          "install libharfbuzz-subset0"))
    return warnings
