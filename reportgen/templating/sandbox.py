"""What templates and the documents made from them may reach: files inside the template folders
and data: URIs, nothing else (no other file, no network).

Rendering (`render.resources`), the PDF writer's URL fetcher and `reportgen templates check` all
apply this one rule, so it lives below them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urlsplit

__all__ = ["RULE", "blocked_reason"]

#: The rule, as error messages state it.
RULE = "templates may load only files inside the template folders and data: URIs"


def blocked_reason(url: str, roots: Sequence[Path]) -> str | None:
    """None when an absolute URL may be loaded, else why it may not."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None
    if scheme == "file":
        path = Path(unquote(parts.path)).resolve()
        if any(path == root or root in path.parents for root in roots):
            return None
        return "a file outside the template folders"
    if not scheme:
        return "an address that resolves to no file"
    return f"{scheme}: addresses are not fetched (no network access)"
