"""reportgen: turn articles and reports on Party-building work into checked, formatted summaries.

The pipeline, one package per stage: readers -> extract -> check -> contexts -> render ->
writers; `reportgen.pipeline` runs them in order. Below them: `model`, `config`, `errors`,
`vietnamese` (language and administrative units), `templating` (template folders, sandbox) and
`office` (LibreOffice headless); around them: `build`, `store`, `authoring`, `review`, `evaluate`
and `cli`.
"""
from __future__ import annotations

__version__ = "0.1.0"
