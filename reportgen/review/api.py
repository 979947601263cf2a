"""The review app's data: rows of the review database -> the JSON the page shows, and the page's
requests -> decisions. Vietnamese throughout; metrics by their names, never their ids."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Mapping

from reportgen.model import METRIC_BY_KEY, METRICS, PERIOD_KINDS, QUALIFIERS, UNIT_KINDS, Evidence, Fact, Unit
from reportgen.store.decisions import Change, Decision, DecisionError, check_period, fact_id
from reportgen.store.export import DOUBTFUL
from reportgen.store.labels import QUALIFIER_WORDS, check_value, check_year, metric_name, parse_user_number
from reportgen.store.reviewdb import now
from reportgen.vietnamese.collation import vi_key as sort_key
from reportgen.vietnamese.formatting import format_number
from reportgen.vietnamese.numbers import format_vn

__all__ = ["fact_json", "choices", "change_of", "added_decision", "STATE_WORDS", "AppError"]

STATE_WORDS = {None: "chưa rà soát", "accept": "đã chấp nhận", "reject": "đã loại", "correct": "đã sửa",
               "add": "bổ sung", "stale": "cần rà soát lại (nguồn đã thay đổi)"}
PERIOD_WORDS = {"year": "cả năm", "part": "một phần năm", "term": "nhiệm kỳ, giai đoạn", "undated": "không rõ"}


class AppError(ValueError):
    """A request the app refuses, with a Vietnamese message for the reviewer."""


def _value_text(value: Any, qualifier: str | None = "exact", metric: str | None = None) -> str:
    if not isinstance(value, (int, float)):
        return ""
    pct = "%" if metric in METRIC_BY_KEY and METRIC_BY_KEY[metric].percent else ""
    prefix = QUALIFIER_WORDS.get(qualifier or "exact", "")
    return (prefix + " " if prefix else "") + format_vn(value) + pct


def _change_text(change: Mapping[str, Any], metric: str) -> str:
    parts = []
    if "metric" in change:
        parts.append(metric_name(change["metric"]))
    if "value" in change:
        parts.append(_value_text(change["value"], change.get("qualifier"), change.get("metric", metric)))
    elif "qualifier" in change:
        parts.append(QUALIFIER_WORDS.get(change["qualifier"]) or "chính xác")
    if "year" in change:
        parts.append(f"năm {change['year']}")
    if isinstance(change.get("period"), dict):
        p = change["period"]
        parts.append(p.get("label") or PERIOD_WORDS.get(p.get("kind"), ""))
    if isinstance(change.get("unit"), dict):
        u = change["unit"]
        parts.append(f"{u.get('kind')} {u.get('name')}" + (f", {u['province']}" if u.get("province") else ""))
    return ", ".join(p for p in parts if p)


def fact_json(row: sqlite3.Row) -> dict[str, Any]:
    """A fact of the review as the page shows it."""
    period = json.loads(row["period"]) if row["period"] else None
    change = json.loads(row["change"]) if row["change"] else {}
    state = "stale" if row["stale"] else row["state"]
    confidence = float(row["confidence"])
    return {
        "id": row["id"], "source": row["path"], "sha256": row["sha256"], "metric": row["metric"], "metric_name": metric_name(row["metric"]),
        "value": row["value"], "value_text": _value_text(row["value"], row["qualifier"], row["metric"]),
        "qualifier": row["qualifier"], "year": row["year"], "period": period,
        "period_text": (period or {}).get("label") or "",
        "unit": {"kind": row["unit_kind"], "name": row["unit_name"], "province": row["province"]},
        "unit_text": f"{row['unit_kind']} {row['unit_name']}" if row["unit_name"] else "—",
        "province": row["province"] or "", "confidence": confidence,
        "confidence_text": format_number(round(confidence, 2)), "doubtful": confidence < DOUBTFUL,
        "evidence": row["evidence"] or "", "start": row["ev_start"], "end": row["ev_end"],
        "state": state or "", "state_text": STATE_WORDS.get(state, state or ""),
        "change_text": _change_text(change, row["metric"]) if row["state"] in ("correct",) else "",
        "note": row["note"] or "", "reviewer": row["reviewer"] or "", "findings": row["nfindings"],
        "added": row["state"] == "add",
    }


def choices(found: Mapping[str, list[tuple[str, ...]]]) -> dict[str, Any]:
    """The lists of the filters and the edit form (units and provinces in Vietnamese order)."""
    units = sorted(found["units"], key=lambda u: (sort_key(u[1]), u[0], u[2]))
    return {
        "units": [{"value": "|".join(u), "text": f"{u[0]} {u[1]}" + (f" ({u[2]})" if u[2] else "")} for u in units],
        "provinces": sorted((p[0] for p in found["provinces"]), key=sort_key),
        "metrics": [{"value": m.key, "text": metric_name(m.key), "used": (m.key,) in found["metrics"]}
                    for m in METRICS],
        "qualifiers": [{"value": q, "text": QUALIFIER_WORDS[q] or "chính xác"} for q in QUALIFIERS],
        "periods": [{"value": k, "text": PERIOD_WORDS[k]} for k in PERIOD_KINDS],
        "kinds": list(UNIT_KINDS),
        "doubtful": DOUBTFUL,
    }


def _number(text: Any) -> int | float:
    try:
        return check_value(parse_user_number(text))
    except ValueError:
        raise AppError("Giá trị không hợp lệ (ví dụ: 1.234 hoặc 12,5)") from None


def _year(text: Any) -> int:
    try:
        return check_year(text)
    except ValueError:
        raise AppError("Năm không hợp lệ (từ 1930 đến 2100)") from None


def _period(data: Any) -> Any:
    if not isinstance(data, dict) or not data.get("kind"):
        return None
    try:
        return check_period(str(data["kind"]), data.get("start"), data.get("end"), str(data.get("label") or ""))
    except DecisionError:
        raise AppError("Kỳ số liệu không hợp lệ") from None


def _unit(data: Any) -> Unit | None:
    if not isinstance(data, dict) or not str(data.get("name") or "").strip():
        return None
    if data.get("kind") not in UNIT_KINDS:
        raise AppError("Loại đơn vị không hợp lệ")
    return Unit(str(data["name"]).strip(), str(data["kind"]), str(data.get("province") or "").strip() or None)


def change_of(body: Mapping[str, Any], fact: Mapping[str, Any]) -> Change:
    """What a correction form changes: only the fields that differ from the fact's."""
    value = _number(body["value"]) if str(body.get("value") or "").strip() else None
    year = _year(body["year"]) if str(body.get("year") or "").strip() else None
    metric = body.get("metric") or None
    if metric is not None and metric not in METRIC_BY_KEY:
        raise AppError("Chỉ tiêu không hợp lệ")
    qualifier = body.get("qualifier") or None
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise AppError("Mức không hợp lệ")
    period = _period(body.get("period"))
    unit = _unit(body.get("unit"))
    old_unit = fact.get("unit") or {}
    same_unit = unit is not None and (unit.kind, unit.name, unit.province) == (
        old_unit.get("kind"), old_unit.get("name"), old_unit.get("province") or None)
    return Change(
        value=None if value is None or value == fact.get("value") else value,
        qualifier=None if qualifier == fact.get("qualifier") else qualifier,
        year=None if year is None or year == fact.get("year") else year,
        period=None if period is None or period.to_json() == (fact.get("period") or
                                                              {"kind": "year", "start": fact.get("year"),
                                                               "end": fact.get("year"), "label": ""}) else period,
        metric=None if metric == fact.get("metric") else metric,
        unit=None if same_unit else unit)


def added_decision(body: Mapping[str, Any], source: sqlite3.Row, reviewer: str) -> Decision:
    """The decision that adds the fact a reviewer marked in a source's text."""
    text: str = source["text"]
    try:
        start, end = int(body["start"]), int(body["end"])
    except (KeyError, TypeError, ValueError):
        raise AppError("Chưa chọn đoạn trích dẫn trong văn bản nguồn") from None
    if not (0 <= start < end <= len(text)) or end - start > 2000:
        raise AppError("Đoạn trích dẫn không hợp lệ")
    if body.get("text") is not None and str(body["text"]) != text[start:end]:
        raise AppError("Đoạn trích dẫn không khớp văn bản nguồn")
    metric = body.get("metric")
    if metric not in METRIC_BY_KEY:
        raise AppError("Hãy chọn chỉ tiêu")
    qualifier = body.get("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise AppError("Mức không hợp lệ")
    year = _year(body["year"]) if str(body.get("year") or "").strip() else None
    change = Change(value=_number(body.get("value")), qualifier=qualifier, year=year, metric=metric,
                    period=_period(body.get("period")), unit=_unit(body.get("unit")),
                    evidence=Evidence(text[start:end], start, end))
    # an added fact's id: unique to this addition (the same span may be added again after an undo)
    fid = "A" + fact_id(source["sha256"] + now() + reviewer, Fact(metric, change.value or 0, year=year,
                                                                  evidence=change.evidence))[1:]
    return Decision(fid, source["path"], source["sha256"], "add", metric, None, None, change=change,
                    reviewer=reviewer, note=str(body.get("note") or "").strip() or None, origin="app")
