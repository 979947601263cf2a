"""Context of the rating report ("danh-gia"): one unit's annual quality-rating results.

For grassroots Party organisations and for members: the count and share of each grade in the
rating year, and the previous year's where the sources give it, with the change in percentage
points. Shares are computed only against the rated count of the same year.
"""
from __future__ import annotations

from typing import Any

from reportgen.config import Config
from reportgen.contexts import sentences
from reportgen.contexts.common import COMMON_FIELDS, doc_block, figure_dict, source_dicts, unit_block
from reportgen.contexts.merge import UnitFacts, figure_years, main_figure, restrict
from reportgen.contexts.summary import Marks
from reportgen.contexts.variety import vary
from reportgen.i18n import N_
from reportgen.model import METRICS
from reportgen.vietnamese.formatting import format_fixed, format_number, format_percent, share

__all__ = ["RATING_METRICS", "GRADES", "rating_year", "rating_context", "FIELDS"]

#: The metrics of the two rating groups.
RATING_METRICS = frozenset(m.key for m in METRICS
                           if m.group in ("org_ratings", "member_ratings"))

#: Grades, best first, as the rating rules name them.
GRADES = (("excellent", "Hoàn thành xuất sắc nhiệm vụ"),
          ("good_or_above", "Hoàn thành tốt nhiệm vụ trở lên"),
          ("completed", "Hoàn thành nhiệm vụ"),
          ("failed", "Không hoàn thành nhiệm vụ"))

_GROUPS = (("orgs", "Tổ chức cơ sở đảng", "tổ chức cơ sở đảng"),
           ("members", "Đảng viên", "đảng viên"))

#: What each top-level variable of a "danh-gia" context holds (checked against the code).
FIELDS = {
    **COMMON_FIELDS,
    "unit": N_("the unit: name, kind, label, title, party, committee, province, slug"),
    "year": N_("the rating year"),
    "previous_year": N_("the year before the rating year"),
    "has_previous": N_("whether the sources give any rating figure of the previous year"),
    "groups": N_("two groups (organisations, members): rated count and one row per grade"),
    "summary": N_("sentences stating the year's results"),
    "comparisons": N_("sentences comparing shares with the previous year"),
    "derived_notes": N_("notes explaining figures computed from other figures (marked (*))"),
}


def rating_year(facts: UnitFacts, year: int | None = None) -> int | None:
    """The year a rating report is about: `year` if the unit has rating figures of it, else the
    latest year with rating figures; None when there is none."""
    years = figure_years(facts, RATING_METRICS)
    if year is not None:
        return year if year in years else None
    return years[-1] if years else None


def _change_text(change: float | None, noun: str = "điểm phần trăm") -> str:
    if change is None:
        return "—"
    rounded = round(change, 1)
    if rounded == 0:
        return "không đổi"
    return f"{'tăng' if rounded > 0 else 'giảm'} {format_fixed(abs(rounded), 1)} {noun}"


def _cell(facts: UnitFacts, metric: str, year: int, rated: Any, marks: Marks | None,
          label: str) -> dict[str, Any] | None:
    figure = main_figure(facts, metric, year)
    if figure is None:
        return None
    pct = share(figure.value, rated.value) if rated is not None else None
    view = figure_dict(figure)
    view["pct"] = pct
    view["pct_text"] = format_percent(pct)
    view["mark"] = marks.mark(figure, label, view["text"]) if marks else ""
    return view


def _group(facts: UnitFacts, prefix: str, label: str, noun: str, year: int,
           marks: Marks) -> dict[str, Any]:
    previous = year - 1
    rated = main_figure(facts, f"{prefix}_rated", year)
    before_rated = main_figure(facts, f"{prefix}_rated", previous)
    rows = []
    for grade, grade_label in GRADES:
        now = _cell(facts, f"{prefix}_{grade}", year, rated, marks, f"{grade_label} ({noun})")
        before = _cell(facts, f"{prefix}_{grade}", previous, before_rated, None, "")
        change = (now["pct"] - before["pct"]
                  if now and before and now["pct"] is not None and before["pct"] is not None
                  else None)
        rows.append({"grade": grade, "label": grade_label, "now": now, "before": before,
                     "change": change, "change_text": _change_text(change)})
    sources = sorted({n for r in rows for c in (r["now"], r["before"]) if c for n in c["sources"]}
                     | {n for f in (rated, before_rated) if f for n in f.sources})
    return {
        "key": prefix, "label": label, "noun": noun,
        "rated": figure_dict(rated) if rated else None,
        "rated_before": figure_dict(before_rated) if before_rated else None,
        "rows": rows,
        "has_previous": before_rated is not None or any(r["before"] for r in rows),
        "empty": rated is None and not any(r["now"] for r in rows),
        "refs": ", ".join(f"[{n}]" for n in sources),
    }


def _comparisons(groups: list[dict[str, Any]], year: int) -> list[str]:
    """One sentence per group comparing each grade's share (or count) with the previous year."""
    out = []
    for group in groups:
        parts = []
        for row in group["rows"]:
            now, before = row["now"], row["before"]
            if not now or not before:
                continue
            what = row["label"][:1].lower() + row["label"][1:]
            if row["change"] is not None:
                if row["change_text"] == "không đổi":
                    span = now["pct_text"]
                else:
                    direction = "lên" if row["change"] > 0 else "xuống"
                    span = f"từ {before['pct_text']} {direction} {now['pct_text']}"
                parts.append(f"tỷ lệ {what} {row['change_text']} ({span})")
            else:
                delta = now["value"] - before["value"]
                verb = "không đổi" if delta == 0 else \
                    f"{'tăng' if delta > 0 else 'giảm'} {format_number(abs(delta))}"
                parts.append(f"số {group['noun']} {what} {verb} (năm {year - 1}: {before['text']}, "
                             f"năm {year}: {now['text']})")
        if parts:
            text = f"So với năm {year - 1}, đối với {group['noun']}: " + "; ".join(parts) + "."
            out.append(text)
    return out


def rating_context(facts: UnitFacts, config: Config, year: int) -> dict[str, Any]:
    """Everything `danh-gia.html.j2` shows about one unit's ratings of `year`; `config` is
    already `for_unit`-filled. `facts` holds the unit's figures, all years."""
    previous = year - 1
    scoped = restrict(facts, {year, previous}, RATING_METRICS)
    assert scoped is not None, "rating_context needs rating figures of the year"
    unit = unit_block(facts.unit)
    marks = Marks()
    groups = [_group(scoped, prefix, label, noun, year, marks)
              for prefix, label, noun in _GROUPS]
    this_year = restrict(scoped, {year})
    summary = vary(sentences.ratings(this_year, unit["party"])) if this_year else []
    place = ", ".join(p for p in (unit["party"], unit["province_label"]) if p)
    has_previous = any(g["has_previous"] for g in groups)
    intro = (f"Báo cáo tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và "
             f"đảng viên năm {year} của {place}, từ {len(scoped.sources)} nguồn tin, bài viết "
             "đã đăng (danh mục nguồn ở cuối báo cáo). Tỷ lệ tính trên số được đánh giá, xếp "
             "loại cùng năm; số liệu nguồn không nêu để trống (—).")
    return {
        "kind": "danh-gia",
        "doc": doc_block(config),
        "title": "BÁO CÁO",
        "subject": (f"Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên "
                    f"năm {year} của {unit['party']}"),
        "unit": unit,
        "year": year,
        "previous_year": previous,
        "has_previous": has_previous,
        "intro": intro,
        "groups": groups,
        "summary": summary,
        "comparisons": _comparisons(groups, year),
        "derived_notes": marks.notes,
        "sources": source_dicts(scoped.sources),
        "n_sources": len(scoped.sources),
    }
