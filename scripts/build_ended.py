#!/usr/bin/env python3
"""Build reportgen/vietnamese/data/ended.tsv: pre-2025 communes that left the lists before 2025.

A commune of the 2020-02-25 or 2021-02-03 list that a later list no longer holds (same kind,
name, district and province) was merged into another before 2025; the row gives the date of the
first list without it. A commune whose code and name stay in a later list under another kind
(xã -> phường) was converted, not ended, and is left out. Every other pre-2025 district and
commune ended on 2025-07-01, which `reportgen.vietnamese.gazetteer.ended` knows without a table.
Inputs as for scripts/build_gazetteer.py (see reportgen/vietnamese/data/README.md).

Usage: python3 scripts/build_ended.py [SOURCE_DIR] [OUTPUT_TSV]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteer import PRE2025_LISTS, SOURCE_DIR, read_rows, split_kind  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "reportgen" / "vietnamese" / "data" / "ended.tsv"


def list_date(name: str) -> str:
    """"2021-02-03" from "Xa_2021-02-03.csv"."""
    return name.removeprefix("Xa_").removesuffix(".csv")


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else SOURCE_DIR
    out = Path(argv[2]) if len(argv) > 2 else OUTPUT
    lists = [(list_date(name), read_rows(src / name, 1)) for name in PRE2025_LISTS]
    province_by_code: dict[str, str] = {}
    for _, rows in lists:
        for row in rows:
            province_by_code[row[1]] = split_kind(row[0], "province")[1]
    keys: list[set[tuple[str, str, str, str]]] = []
    names_by_code: list[set[tuple[str, str]]] = []
    for _, rows in lists:
        present: set[tuple[str, str, str, str]] = set()
        coded: set[tuple[str, str]] = set()
        for _, p_code, d_off, _, c_off, c_code, *_ in rows:
            if not c_off.strip():
                continue
            kind, name = split_kind(c_off, "commune")
            district = split_kind(d_off, "district")[1]
            present.add((kind, name, district, province_by_code[p_code]))
            coded.add((c_code, name))
        keys.append(present)
        names_by_code.append(coded)
    codes: dict[tuple[str, str, str, str], str] = {}
    for _, rows in lists:
        for _, p_code, d_off, _, c_off, c_code, *_ in rows:
            if c_off.strip():
                kind, name = split_kind(c_off, "commune")
                codes[(kind, name, split_kind(d_off, "district")[1], province_by_code[p_code])] = c_code
    ended: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    for index in range(len(lists) - 1):
        for key in keys[index]:
            if key in ended or key in keys[-1]:
                continue
            later = next(i for i in range(index + 1, len(lists)) if key not in keys[i])
            if any((codes[key], key[1]) in names_by_code[i] for i in range(later, len(lists))):
                continue  # same code and name under another kind: converted, not ended
            ended[key] = (lists[later - 1][0], lists[later][0])
    lines = ["\t".join(("kind", "name", "district", "province", "last_listed", "first_missing"))]
    lines += ["\t".join((*key, *dates)) for key, dates in
              sorted(ended.items(), key=lambda item: (item[0][3], item[0][2], item[0][1], item[0][0]))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(ended)} communes ended before 2025")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
