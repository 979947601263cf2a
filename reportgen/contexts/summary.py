"""Context of the per-unit summary ("tom-tat"): identification, sections, ratings table, sources."""
from __future__ import annotations

import re
from typing import Any, Callable

from reportgen.config import Config
from reportgen.contexts import sentences
from reportgen.contexts.common import COMMON_FIELDS, doc_block, figure_dict, refs, source_dicts, unit_block
from reportgen.contexts.indicators import MAIN_INDICATORS
from reportgen.contexts.merge import Figure, UnitFacts, dominant_year, figures_of, main_figure, renumber, select
from reportgen.contexts.periods import in_period, period_label
from reportgen.contexts.series import change_lines, figure_change, series_charts, series_table
from reportgen.contexts.variety import vary
from reportgen.i18n import N_
from reportgen.model import METRICS, Period
from reportgen.vietnamese.formatting import format_number, format_percent, format_quantity, share

__all__ = ["summary_context", "period_text", "SECTIONS", "Marks", "figure_rows", "FIELDS"]

#: What each top-level variable of a "tom-tat" context holds (checked against the code).
FIELDS = {
    **COMMON_FIELDS,
    "unit": N_("the unit: name, kind, label, title, party, committee, province, slug"),
    "year": N_("the year most figures refer to (empty if none is dated)"),
    "years": N_("all years the figures refer to"),
    "period": N_("the document's period: 'năm 2022', 'nhiệm kỳ 2015 - 2020', '(số liệu không rõ năm)'"),
    "period_kind": N_("'year', 'term' or 'undated' ('' for a document of every period)"),
    "series": N_("the main indicators by period: columns (key, label, short, percent), rows (period, "
                 "year, cells by key: text, value, period; refs); None when there is nothing"),
    "changes": N_("sentences on each main indicator against the year before (a year's document)"),
    "charts": N_("bar charts of the series of indicators with 3 or more years: title, alt, svg, png"),
    "sections": N_("one per topic: key, heading, sentences, rows (figures), table (ratings), empty"),
    "derived_notes": N_("notes explaining figures computed from other figures (marked (*))"),
}

Sentences = Callable[[UnitFacts, str], list[str]]

#: Sections of the summary: key, heading, metric groups, sentence builder.
SECTIONS: tuple[tuple[str, str, tuple[str, ...], Sentences], ...] = (
    ("members", "CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN", ("members",), sentences.membership),
    ("organisation", "TỔ CHỨC CƠ SỞ ĐẢNG", ("organisation",), sentences.organisation),
    ("ratings", "ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN",
     ("org_ratings", "member_ratings"), sentences.ratings),
    ("discipline", "CÔNG TÁC KIỂM TRA, KỶ LUẬT ĐẢNG", ("discipline",), sentences.discipline),
    ("training", "CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG", ("training",), sentences.training),
)

_RATING_ROWS = (("rated", "Được đánh giá, xếp loại"),
                ("excellent", "Hoàn thành xuất sắc nhiệm vụ"),
                ("good_or_above", "Hoàn thành tốt nhiệm vụ trở lên"),
                ("completed", "Hoàn thành nhiệm vụ"),
                ("failed", "Không hoàn thành nhiệm vụ"))


def period_text(years: list[int]) -> str:
    """"năm 2019" for one year, "giai đoạn 2015 - 2020" for several, "" for none."""
    if not years:
        return ""
    low, high = min(years), max(years)
    return f"năm {low}" if low == high else f"giai đoạn {low} - {high}"


def _shorten(text: str, value: float, limit: int = 90) -> str:
    """A quote of about `limit` characters around the figure, cut at word boundaries."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    match = re.search(rf"(?<![\d.,]){re.escape(format_number(value))}(?![\d,]|\.\d)", text)
    centre = match.start() if match else 0
    start = max(0, min(centre - limit // 2, len(text) - limit))
    end = start + limit
    piece = text[start:end]
    if start > 0:
        piece = "… " + piece.split(" ", 1)[-1]
    if end < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return piece


class Marks:
    """Hands out "(*)", "(**)" marks for derived and corrected figures and collects their notes."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.offset = 0  # added to source numbers (several units in one document)

    def mark(self, figure: Figure, label: str, value_text: str) -> str:
        """The mark of a derived or corrected figure (its note recorded), "" for a stated one."""
        if figure.corrected:
            mark = "(" + "*" * (len(self.notes) + 1) + ")"
            why = "; ".join(figure.notes) or "đã hiệu chỉnh"
            self.notes.append(f"{mark} {label} {value_text}: số liệu {why} "
                              f"{refs([n + self.offset for n in figure.sources])}.")
            return mark
        if not figure.derived:
            return ""
        mark = "(" + "*" * (len(self.notes) + 1) + ")"
        quote = "; ".join(f"«{e}»" for e in figure.evidence) or "các số liệu khác của nguồn"
        self.notes.append(f"{mark} {label} {value_text}: số liệu tính từ {quote} "
                          f"{refs([n + self.offset for n in figure.sources])}.")
        return mark


def figure_rows(facts: UnitFacts, groups: tuple[str, ...], marks: Marks,
                offset: int = 0, beside: UnitFacts | None = None) -> list[dict[str, Any]]:
    """Table rows of every figure in the groups; the female share is added where computable.

    `offset` shifts source numbers into a document-wide list (several units in one document);
    with `beside` (the unit with the year before too), a whole year's figure gets the year
    before's (`before_text`, `before_year`) and the change (`change_text`).
    """
    rows = []
    for metric in (m for m in METRICS if m.group in groups):
        figures = figures_of(facts, metric.key)
        for figure in figures:
            row = figure_dict(figure, offset)
            # Several figures of one metric and year (two kinds of class): quote what each is.
            twins = sum(1 for f in figures if f.year == figure.year) > 1
            row["detail"] = (_shorten(figure.evidence[0], figure.value)
                             if twins and figure.evidence else "")
            row["mark"] = marks.mark(figure, metric.label, row["text"])
            if beside is not None:
                moved = figure_change(beside, figure)
                row["before_text"] = moved["before_text"] if moved else ""
                row["before_year"] = moved["before_year"] if moved else None
                row["change_text"] = moved["short"] if moved else ""
            row["conflict"] = "; ".join(f"{refs([n + offset for n in numbers])} ghi "
                                        f"{format_quantity(value, 'exact', metric.percent)}"
                                        for value, numbers in figure.others)
            row["share_text"] = ""
            if metric.key == "members_female":
                total = main_figure(facts, "members_total", figure.year) if figure.year else None
                if total is not None:
                    pct = format_percent(share(figure.value, total.value))
                    row["share_text"] = f"{pct} tổng số đảng viên"
            rows.append(row)
    return rows


def _ratings_table(facts: UnitFacts, marks: Marks) -> dict[str, Any] | None:
    """Counts of each rating level with their share of the rated count, orgs and members."""
    columns = {}
    for prefix in ("orgs", "members"):
        rated = main_figure(facts, f"{prefix}_rated")
        year = rated.year if rated else None
        cells: dict[str, Figure | None] = {}
        for level, _ in _RATING_ROWS:
            key = f"{prefix}_{level}"
            cells[level] = main_figure(facts, key, year) if year else main_figure(facts, key)
        columns[prefix] = (rated, cells)
    if not any(f for _, cells in columns.values() for f in cells.values()):
        return None
    rows = []
    for level, label in _RATING_ROWS:
        row: dict[str, Any] = {"label": label, "level": level}
        for prefix, (rated, cells) in columns.items():
            figure = cells[level]
            if figure is None:
                row[prefix] = None
                continue
            same = rated is not None and figure.year == rated.year
            pct = share(figure.value, rated.value) if same and rated else None
            cell = figure_dict(figure)
            cell["mark"] = marks.mark(figure, f"{label} ({prefix_label(prefix)})", cell["text"])
            cell["pct"] = pct
            cell["pct_text"] = format_percent(pct)
            row[prefix] = cell
        rows.append(row)
    years = {}
    sources: set[int] = set()
    for prefix, (_, cells) in columns.items():
        dated = sorted({f.year for f in cells.values() if f and f.year})
        years[prefix] = ("năm " + ", ".join(map(str, dated))) if dated else "không rõ năm"
        sources.update(n for f in cells.values() if f for n in f.sources)
    return {"rows": rows, "years": years, "refs": refs(sorted(sources))}


def prefix_label(prefix: str) -> str:
    """Vietnamese name of a rating column."""
    return "tổ chức cơ sở đảng" if prefix == "orgs" else "đảng viên"


#: The metrics the series table and change lines read: they stay in every per-period document.
_SERIES_METRICS = frozenset(m for i in MAIN_INDICATORS for m in (i.metric, i.numerator, i.denominator) if m)


def summary_context(facts: UnitFacts, config: Config, period: Period | None = None) -> dict[str, Any]:
    """Everything `tom-tat.html.j2` shows about one unit in `period` (a year with its parts, a
    term, or the undated figures; None: every figure); `config` is already `for_unit`-filled.

    The sections hold the period's figures; the series table and its chart hold the main
    indicators of every period, and a year's document says the change from the year before."""
    if period is not None:
        facts = renumber(select(facts, lambda f: in_period(f, period) or f.metric in _SERIES_METRICS))
        own = select(facts, lambda f: in_period(f, period))
    else:
        own = facts
    unit = unit_block(facts.unit)
    years = sorted({f.year for f in own.figures if f.year})
    year = period.start if period is not None and period.kind == "year" else dominant_year(own)
    label = period_label(period) if period is not None else period_text(years)
    if period is not None and period.kind == "undated":
        label = "(số liệu không rõ năm)"
    subject = ("Tóm tắt kết quả công tác xây dựng Đảng của " + unit["party"]
               + (f" {label}" if label else ""))
    place = ", ".join(p for p in (unit["party"], unit["province_label"]) if p)
    series = series_table(facts)
    if series is not None and len(series["rows"]) < 2:
        series = None  # one period: the section tables already hold it
    n_sources = len(facts.sources)  # those of the period's figures and of the series
    intro = (f"Báo cáo tổng hợp các số liệu về công tác xây dựng Đảng của {place}"
             + (f" ({label.strip('()')})" if label else "")
             + f", từ {n_sources} nguồn tin, bài viết đã đăng (danh mục nguồn ở cuối báo cáo). "
             "Mỗi số liệu ghi kèm năm và nguồn; số liệu nguồn không nêu được để trống (—).")
    # Sentences speak of whole years: a part of a year is in the tables with its name.
    spoken = select(own, lambda f: f.period.kind != "part")
    marks = Marks()
    sections = []
    for key, heading, groups, build in SECTIONS:
        section: dict[str, Any] = {"key": key, "heading": heading,
                                   "sentences": vary(build(spoken, unit["party"])),
                                   "rows": [], "table": None}
        if key == "ratings":
            section["table"] = _ratings_table(own, marks)
        else:
            section["rows"] = figure_rows(own, groups, marks)
        section["empty"] = not section["rows"] and section["table"] is None
        sections.append(section)
    changes: list[str] = []
    missing: list[str] = []
    if period is not None and period.kind == "year" and year is not None:
        changes, missing = change_lines(facts, year)
        if missing and not changes:
            changes.append(f"Các nguồn chưa có số liệu năm {year - 1} của {unit['party']} để so sánh.")
        elif missing:
            changes.append(f"Các nguồn chưa có số liệu năm {year - 1} để so sánh về: "
                           + ", ".join(m[:1].lower() + m[1:] for m in missing) + ".")
    return {
        "kind": "tom-tat",
        "doc": doc_block(config),
        "title": "BÁO CÁO",
        "subject": subject,
        "unit": unit,
        "year": year,
        "years": years,
        "period": label,
        "period_kind": period.kind if period is not None else "",
        "intro": intro,
        "sections": sections,
        "series": series,
        "changes": vary(changes),
        "charts": series_charts(facts, config.layout.chart_width_cm),
        "derived_notes": marks.notes,
        "sources": source_dicts(facts.sources),
        "n_sources": n_sources,
    }
