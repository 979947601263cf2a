"""Context of the yearly summary ("tong-ket-nam"): a group of units in one year, one document.

The group is whatever units the sources are about (one province's units, or any set). Every unit
with figures of the year gets a section: sentences per topic, the change of each main indicator
on the year before, and a table of its figures beside the year before's with the change (a unit
without figures of the year before says so). Then the comparison of the main indicators, the
remarks and charts of "so-sanh", all on that year.
"""
from __future__ import annotations

from typing import Any, Sequence

from reportgen.config import Config
from reportgen.contexts.common import COMMON_FIELDS, doc_block, province_label, refs, unit_block
from reportgen.contexts.compare import compare_context
from reportgen.contexts.merge import UnitFacts, figure_years, select
from reportgen.contexts.series import change_lines
from reportgen.contexts.summary import SECTIONS, Marks, figure_rows
from reportgen.contexts.variety import vary
from reportgen.i18n import N_
from reportgen.vietnamese.formatting import format_number
from reportgen.model import METRIC_BY_KEY

__all__ = ["yearly_year", "yearly_context", "TOPICS", "FIELDS"]

#: Short topic names of the summary sections, as lead-ins of the paragraphs of a unit.
TOPICS = {
    "members": "Phát triển đảng viên",
    "organisation": "Tổ chức cơ sở đảng",
    "ratings": "Đánh giá, xếp loại chất lượng",
    "discipline": "Kiểm tra, kỷ luật đảng",
    "training": "Đào tạo, bồi dưỡng",
}

#: Whose grade a rating figure counts, for labels outside a ratings table.
_RATED = {"org_ratings": "Tổ chức cơ sở đảng", "member_ratings": "Đảng viên"}

#: What each top-level variable of a "tong-ket-nam" context holds (checked against the code).
FIELDS = {
    **COMMON_FIELDS,
    "year": N_("the year of the summary (every figure is of this year)"),
    "group_label": N_("what the units have in common: 'tỉnh Long An', or 'N đơn vị'"),
    "previous_year": N_("the year before, whose figures stand beside the year's"),
    "units": N_("one section per unit: unit, heading, topics (heading, sentences), changes (sentences "
                "on the year before), has_previous, rows of figures (with before_text, before_year, "
                "change_text: the year before's figure and the change)"),
    "years_note": N_("a sentence on the years of the figures"),
    "main_indicators": N_("columns of the comparative table: key, label, short, percent, formula"),
    "derived_indicators": N_("columns of the table of computed ratios (same fields)"),
    "rows": N_("one row per unit: index, unit, cells (by indicator key: text, value, year), refs"),
    "rankings": N_("per indicator where more is better: label, order of units, average, sentence"),
    "shown": N_("per indicator only shown, never ranked (discipline, failed grades): label, sentence"),
    "others": N_("figures of other periods, apart and unranked: unit, label, text, period, refs"),
    "charts": N_("bar charts: title, alt, svg and png (data: URIs), width_cm"),
    "derived_notes": N_("notes explaining figures computed from other figures (marked (*))"),
    "n_units": N_("number of units"),
    "unit_titles": N_("unit names with their kind, capitalised"),
}


def yearly_year(units: Sequence[UnitFacts], year: int | None = None) -> int | None:
    """The year of a yearly summary: `year`, or the latest year any figure is dated to."""
    if year is not None:
        return year
    years = sorted({y for facts in units for y in figure_years(facts)})
    return years[-1] if years else None


def _group_label(units: Sequence[UnitFacts]) -> str:
    provinces = {f.unit.province for f in units}
    if len(provinces) == 1 and None not in provinces and all(f.unit.level != "province"
                                                             for f in units):
        return province_label(next(iter(provinces)))
    return f"{format_number(len(units))} đơn vị"


def yearly_context(units: Sequence[UnitFacts], config: Config, year: int) -> dict[str, Any]:
    """Everything `tong-ket-nam.html.j2` shows; `units` hold only figures of `year` and the year
    before, and `config` is already filled by `for_units`."""
    compare = compare_context(units, config, year, cite_all=True)
    marks = Marks()
    sections, offset = [], 0
    for index, facts in enumerate(units):
        unit = unit_block(facts.unit)
        own = select(facts, lambda f: f.year == year)
        marks.offset = offset
        topics = []
        for key, _, groups, build in SECTIONS:
            said = vary(build(select(own, lambda f: f.period.kind != "part"), unit["party"]))
            if said:
                topics.append({"key": key, "heading": TOPICS[key], "sentences": said})
        rows = [row for _, _, groups, _ in SECTIONS
                for row in figure_rows(own, groups, marks, offset, beside=facts)]
        for row in rows:  # "Hoàn thành xuất sắc nhiệm vụ" of whom: organisations or members
            whose = _RATED.get(METRIC_BY_KEY[row["metric"]].group)
            if whose and not row["metric"].endswith("_rated"):
                row["label"] = f"{whose} {row['label'][:1].lower()}{row['label'][1:]}"
        has_previous = any(f.year == year - 1 for f in facts.figures)
        changes, _missing = change_lines(facts, year)
        if not has_previous:
            changes = [f"Các nguồn chưa có số liệu năm {year - 1} của {unit['party']} để so sánh."]
        where = f" ({unit['province_label']})" if unit["province_label"] else ""
        cited = sorted({n + offset for f in own.figures for n in f.sources})
        sections.append({"index": index + 1, "unit": unit, "heading": unit["title"] + where,
                         "topics": topics, "rows": rows, "refs": refs(cited),
                         "changes": vary(changes), "has_previous": has_previous})
        offset += len(facts.sources)
    group = _group_label(units)
    of_group = f"các đơn vị thuộc {group}" if not group.endswith("đơn vị") else group
    names = ", ".join(s["unit"]["party"] for s in sections)
    intro = (f"Báo cáo tổng kết công tác xây dựng Đảng năm {year} của {of_group}: {names}. "
             f"Số liệu tổng hợp từ {len(compare['sources'])} nguồn tin, bài viết đã đăng "
             f"(danh mục nguồn ở cuối báo cáo); các số liệu đều của năm {year}, đặt cạnh số liệu "
             f"năm {year - 1} khi nguồn có; số liệu nguồn không nêu để trống (—).")
    return {
        "kind": "tong-ket-nam",
        "doc": doc_block(config),
        "title": "BÁO CÁO",
        "subject": f"Tổng kết công tác xây dựng Đảng năm {year} của {of_group}",
        "intro": intro,
        "year": year,
        "previous_year": year - 1,
        "group_label": group,
        "units": sections,
        "years_note": compare["years_note"],
        "main_indicators": compare["main_indicators"],
        "derived_indicators": compare["derived_indicators"],
        "rows": compare["rows"],
        "rankings": compare["rankings"],
        "shown": compare["shown"],
        "others": compare["others"],
        "charts": compare["charts"],
        "derived_notes": marks.notes,
        "sources": compare["sources"],
        "n_sources": len(compare["sources"]),
        "n_units": compare["n_units"],
        "unit_titles": compare["unit_titles"],
    }
