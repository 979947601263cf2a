"""Draw the charts of a context: each `ChartSpec` becomes a bar chart (matplotlib), SVG for the
PDF and PNG for the DOCX.

Both are returned as data: URIs so one HTML carries them; the DOCX writer takes the PNG from the
`data-png` attribute of the <img>. Text is drawn as paths in the SVG, so chart labels never enter
the PDF's text layer (the DOCX has no text there either), and output is byte-stable.
"""
from __future__ import annotations

import base64
import io
from concurrent.futures import Future
from dataclasses import astuple
from typing import Any, Callable, Iterable, Sequence

from reportgen.model import ChartSpec, DocumentJob
from reportgen.vietnamese.formatting import format_number

__all__ = ["bar_chart", "drawn", "prefetch"]

_FONTS = ["Liberation Serif", "Times New Roman", "Tinos", "DejaVu Serif", "serif"]


def _uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float],
              value_texts: Sequence[str], width_cm: float = 15.0) -> dict[str, Any]:
    """A horizontal bar chart, largest first: {"title", "alt", "svg", "png"} (data: URIs)."""
    # Imported here: matplotlib and numpy take 0.4 s and 50 MB, which the render workers and
    # the builds without a chart do not need.
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    order = sorted(range(len(values)), key=lambda i: values[i])  # barh draws bottom-up
    height_cm = 1.6 + 0.9 * len(values)
    with plt.rc_context({"font.family": "serif", "font.serif": _FONTS, "font.size": 10,
                         "svg.hashsalt": "reportgen", "svg.fonttype": "path",
                         "axes.spines.top": False, "axes.spines.right": False}):
        fig, ax = plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))
        try:
            ax.barh([labels[i] for i in order], [values[i] for i in order], color="#8c1c13",
                    height=0.6)
            top = max(values) if values else 1.0
            for y, i in enumerate(order):
                ax.text(values[i] + top * 0.01, y, value_texts[i], va="center", fontsize=9)
            ax.set_xlim(0, top * 1.2 or 1.0)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1)))
            ax.tick_params(axis="both", labelsize=9)
            fig.tight_layout()
            svg, png = io.BytesIO(), io.BytesIO()
            # No date and a fixed hash salt: the same data gives the same bytes.
            fig.savefig(svg, format="svg", metadata={"Date": None})
            fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
        finally:
            plt.close(fig)
    alt = f"Biểu đồ: {title}"
    return {"title": title, "alt": alt, "svg": _uri(svg.getvalue(), "image/svg+xml"),
            "png": _uri(png.getvalue(), "image/png"), "width_cm": width_cm}


#: Charts being drawn by workers (see `prefetch`) or drawn already in this process.
_DRAWN: dict[ChartSpec, Any] = {}
_KEEP = 32


def _remember(spec: ChartSpec, chart: Any) -> None:
    while len(_DRAWN) >= _KEEP:
        _DRAWN.pop(next(iter(_DRAWN)))
    _DRAWN[spec] = chart


def drawn(charts: Sequence[Any]) -> list[Any]:
    """The charts of a context drawn: {"title", "alt", "svg", "png", "width_cm"} for each spec."""
    out = []
    for chart in charts:
        if isinstance(chart, ChartSpec):
            done = _DRAWN.get(chart)
            if isinstance(done, Future):
                done = done.result()
            if done is None:
                done = bar_chart(*astuple(chart))
            _remember(chart, done)
            chart = done
        out.append(chart)
    return out


def prefetch(jobs: Iterable[DocumentJob], submit: Callable[..., Any] | None) -> None:
    """Start drawing the charts of `jobs` in worker processes (`submit` of a pool).

    Drawing a chart takes matplotlib about 0.3 s; the build's workers are idle while this
    process plans the writing, so they draw them in parallel and `drawn` collects them."""
    if submit is None:
        return
    for job in jobs:
        for spec in job.context.get("charts") or ():
            if isinstance(spec, ChartSpec) and spec not in _DRAWN:
                _remember(spec, submit(bar_chart, *astuple(spec)))
