"""reportgen: turn articles and reports on Party-building work into checked, formatted summaries.

The pipeline, one package per stage: readers -> normalise -> extract -> check -> contexts ->
render -> writers; `reportgen.pipeline` runs them in order.
"""
from __future__ import annotations

__version__ = "0.1.0"
