#!/usr/bin/env python3
"""Check that `reportgen extract --format json` output keeps the contract in docs/facts.md.

usage: reportgen extract FILE... --format json | python3 check_facts.py
Prints one line per problem and exits 1 if there is any.
"""
import json
import re
import sys
from pathlib import Path

KINDS = {"huyện", "thị xã", "thành phố", "quận", "tỉnh", "xã", "phường", "thị trấn"}
QUALIFIERS = {"exact", "over", "about", "under"}
METRICS = set((Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
              .split("| metric | Vietnamese |")[1].split("\n\n")[0].replace("|---|---|", "").split("|")[1::3])
METRICS = {m.strip() for m in METRICS if m.strip()}


def problems(doc):
    p = doc.get("path")
    if not isinstance(p, str):
        yield "document without a 'path' string"
        return
    if "error" in doc:
        return
    try:
        text = Path(p).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = None  # non-UTF-8 or non-text input: spans cannot be checked here
    for key in ("title", "published", "unit", "report_year", "facts", "warnings"):
        if key not in doc:
            yield f"{p}: missing '{key}'"
    pub = doc.get("published")
    if pub is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(pub)):
        yield f"{p}: published {pub!r} is not an ISO date"
    unit = doc.get("unit") or {}
    if unit.get("kind") not in KINDS | {None}:
        yield f"{p}: unit.kind {unit.get('kind')!r} not in {sorted(KINDS)}"
    for i, f in enumerate(doc.get("facts") or []):
        where = f"{p}: fact {i} ({f.get('metric')})"
        if f.get("metric") not in METRICS:
            yield f"{where}: unknown metric (allowed: corpus/SCHEMA.md)"
        if not isinstance(f.get("value"), (int, float)) or isinstance(f.get("value"), bool):
            yield f"{where}: value {f.get('value')!r} is not a JSON number"
        if f.get("qualifier") not in QUALIFIERS:
            yield f"{where}: qualifier {f.get('qualifier')!r}"
        y = f.get("year")
        if y is not None and not (isinstance(y, int) and 1930 <= y <= 2100):
            yield f"{where}: year {y!r}"
        c = f.get("confidence")
        if c is not None and not (isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c <= 1):
            yield f"{where}: confidence {c!r} is not a number in [0, 1]"
        ev = f.get("evidence")
        if f.get("derived"):
            continue
        if not isinstance(ev, dict) or not {"text", "start", "end"} <= set(ev):
            yield f"{where}: evidence must be {{text, start, end}}"
            continue
        if text is not None and text[ev["start"]:ev["end"]] != ev["text"]:
            yield f"{where}: evidence.text != input[start:end] ({ev['start']}:{ev['end']})"
        if not re.search(r"\d|\b(một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu)\b", ev["text"], re.IGNORECASE):
            yield f"{where}: evidence holds no number"


def main():
    data = json.load(sys.stdin)
    if not isinstance(data, list):
        print("top level must be a JSON array, one object per input file")
        sys.exit(1)
    bad = 0
    for doc in data:
        for msg in problems(doc):
            print(msg)
            bad += 1
    print(f"{len(data)} documents, {sum(len(d.get('facts') or []) for d in data)} facts, {bad} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
