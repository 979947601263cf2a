"""Review: extractions, findings and decisions -> what a reviewer works in.

`app` is the local review app (Starlette, served by uvicorn on 127.0.0.1 by `serve`) over the
review database; `page` writes the one-file page for offline review, whose downloaded decisions
`reportgen corrections import` records; `views` cuts source texts at fact spans and ties findings
to facts, for both.
"""
from __future__ import annotations

from reportgen.review.page import review_page

__all__ = ["review_page"]
