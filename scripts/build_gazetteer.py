#!/usr/bin/env python3
"""Build reportgen/vietnamese/data/gazetteer.tsv from the official administrative-unit lists.

Inputs (General Statistics Office lists, see reportgen/vietnamese/data/README.md): the three
pre-2025 lists Xa_2020-02-25.csv, Xa_2021-02-03.csv, Xa_2025-01-04.csv and the 2025-07 conversion
table conversion_2025-07.csv. Output: one TSV row per unit, columns
era, level, kind, name, province, district, district_kind, code, extra
where `extra` is the official kind of a province ("thành phố" for centrally-run cities) or, for a
pre-2025 commune, the comma-separated codes of the post-2025 communes it went into.

Usage: python3 scripts/build_gazetteer.py [SOURCE_DIR] [OUTPUT_TSV]
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from reportgen.vietnamese.gazetteer import canonical_name  # noqa: E402

SOURCE_DIR = Path("/work/shared/gazetteer")
OUTPUT = Path(__file__).resolve().parent.parent / "reportgen" / "vietnamese" / "data" / "gazetteer.tsv"
# Oldest first: later lists overwrite codes, so each unit keeps its most recent code.
PRE2025_LISTS = ("Xa_2020-02-25.csv", "Xa_2021-02-03.csv", "Xa_2025-01-04.csv")
CONVERSION = "conversion_2025-07.csv"

# Kind words as canonical_name spells them (title case); matched with the following space, so
# "Xa" (a typo for "Xã" in the conversion table) cannot swallow a longer word.
KIND_WORDS = {
    "province": [("Thành Phố", "thành phố"), ("Tỉnh", "tỉnh")],
    "district": [("Thành Phố", "thành phố"), ("Thị Xã", "thị xã"), ("Huyện", "huyện"),
                 ("Quận", "quận")],
    "commune": [("Thị Trấn", "thị trấn"), ("Đặc Khu", "đặc khu"), ("Phường", "phường"),
                ("Xã", "xã"), ("Xa", "xã")],
}
CODE_SUFFIX = re.compile(r"^(.*?)\s*\((\d+)\)\s*$")

Key = tuple[str, str, str, str, str]  # level, kind, name, province, district


def split_kind(official: str, level: str, strict: bool = True) -> tuple[str, str]:
    """("huyện", "Thường Tín") from "Huyện Thường Tín"; the kind word is matched on whole words."""
    name = canonical_name(official)
    for word, kind in KIND_WORDS[level]:
        if name.startswith(word + " "):
            return kind, name[len(word) + 1:]
    if strict:
        raise ValueError(f"no {level} kind word in {official!r}")
    return "", name


def strip_code(cell: str) -> tuple[str, str]:
    """("Quận Ba Đình", "001") from "Quận Ba Đình (001)"."""
    m = CODE_SUFFIX.match(cell.strip())
    if not m:
        raise ValueError(f"no code in {cell!r}")
    return m.group(1), m.group(2)


def read_rows(path: Path, skip: int) -> list[list[str]]:
    """CSV rows after `skip` header lines (the csv module handles the quoted multi-line cells)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))[skip:]


def build_pre2025(src: Path) -> tuple[dict[Key, dict[str, str]], dict[str, str], set[str]]:
    """Union of the three lists: units by key, province name by code, codes in the newest list."""
    units: dict[Key, dict[str, str]] = {}
    province_by_code: dict[str, str] = {}
    latest_codes: set[str] = set()
    lists = [(name, read_rows(src / name, 1)) for name in PRE2025_LISTS]
    # Canonical province name per code is the newest one ("Huế" for Thừa Thiên Huế, code 46),
    # so communes are not duplicated across a province's rename; both names stay as provinces.
    for _, rows in lists:
        for row in rows:
            province_by_code[row[1]] = split_kind(row[0], "province")[1]
    for list_name, rows in lists:
        newest = list_name == PRE2025_LISTS[-1]
        for p_off, p_code, d_off, d_code, c_off, c_code, *_ in rows:
            p_kind, p_name = split_kind(p_off, "province")
            province = province_by_code[p_code]
            units[("province", "tỉnh", p_name, p_name, "")] = {
                "code": p_code, "extra": p_kind}
            d_kind, d_name = split_kind(d_off, "district")
            units[("district", d_kind, d_name, province, "")] = {"code": d_code}
            if not c_off.strip():  # island districts listed without communes
                continue
            # Kind comes from the name, not the level column, which is wrong on a few rows
            # ("Phường Hàm Rồng", "Phường 5" marked "Xã").
            c_kind, c_name = split_kind(c_off, "commune")
            units[("commune", c_kind, c_name, province, d_name)] = {
                "code": c_code, "district_kind": d_kind}
            if newest:
                latest_codes.add(c_code)
    return units, province_by_code, latest_codes


def build_2025(src: Path) -> tuple[list[list[str]], list[dict[str, str]]]:
    """Post-2025 provinces and communes as rows, plus the parsed conversion mappings."""
    provinces: dict[str, list[str]] = {}
    communes: dict[str, list[str]] = {}
    mappings: list[dict[str, str]] = []
    for row in read_rows(src / CONVERSION, 2):
        if not any(cell.strip() for cell in row[1:]):
            continue  # group header lines ("CAO BẰNG", once "Tỉnh Bắc Ninh (24)")
        p_off, p_code = strip_code(row[0])
        p_kind, p_name = split_kind(p_off, "province")
        provinces[p_code] = ["2025", "province", "tỉnh", p_name, p_name, "", "", p_code, p_kind]
        n_kind, n_name = split_kind(row[1], "commune")
        n_code = row[2].strip()
        communes[n_code] = ["2025", "commune", n_kind, n_name, p_name, "", "", n_code, ""]
        old_code = row[4].strip()
        if not old_code:
            continue  # whole island districts turned into special zones, unlisted coastal land
        # A few old names lack their kind word ("Xuân Quang 3"); the code still identifies them.
        o_kind, o_name = split_kind(row[3], "commune", strict=False)
        mappings.append({
            "old_code": old_code, "kind": o_kind, "name": o_name,
            "district": split_kind(strip_code(row[6])[0], "district")[1],
            "new_code": n_code,
        })
    rows = sorted(provinces.values(), key=lambda r: r[7]) + sorted(communes.values(),
                                                                   key=lambda r: r[7])
    return rows, mappings


def successor_codes(key: Key, code: str, latest: bool, mappings_by_code: dict[str, list],
                    mappings_by_name: dict[tuple[str, str, str], list]) -> list[str]:
    """New-commune codes for an old commune, from the conversion rows.

    By code when the name agrees, or when the code is in the 2025-01 list: a merged commune's code
    lives on in the unit that absorbed it, so following the code follows the merger. Otherwise
    (older names, codes reused for something else) by kind, name and district.
    """
    _, kind, name, _, district = key
    found: list[str] = []
    for m in mappings_by_code.get(code, []):
        if latest or m["name"] == name:
            found.append(m["new_code"])
    if not found:
        found = [m["new_code"] for m in mappings_by_name.get((kind, name, district), [])]
    return sorted(set(found))


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else SOURCE_DIR
    out = Path(argv[2]) if len(argv) > 2 else OUTPUT
    units, _, latest_codes = build_pre2025(src)
    rows_2025, mappings = build_2025(src)
    by_code: dict[str, list] = {}
    by_name: dict[tuple[str, str, str], list] = {}
    for m in mappings:
        by_code.setdefault(m["old_code"], []).append(m)
        by_name.setdefault((m["kind"], m["name"], m["district"]), []).append(m)

    order = {"province": 0, "district": 1, "commune": 2}
    lines = ["\t".join(("era", "level", "kind", "name", "province", "district", "district_kind",
                        "code", "extra"))]
    with_successors = 0
    for key in sorted(units, key=lambda k: (order[k[0]], units[k]["code"], k)):
        level, kind, name, province, district = key
        info = units[key]
        extra = info.get("extra", "")
        if level == "commune":
            codes = successor_codes(key, info["code"], info["code"] in latest_codes,
                                    by_code, by_name)
            with_successors += bool(codes)
            extra = ",".join(codes)
        lines.append("\t".join(("pre2025", level, kind, name, province, district,
                                info.get("district_kind", ""), info["code"], extra)))
    lines.extend("\t".join(r) for r in rows_2025)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    counts: dict[str, int] = {}
    for line in lines[1:]:
        era, level = line.split("\t", 2)[:2]
        counts[f"{era}/{level}"] = counts.get(f"{era}/{level}", 0) + 1
    print(f"wrote {out} ({out.stat().st_size} bytes): {counts}; "
          f"pre-2025 communes with successors: {with_successors}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
