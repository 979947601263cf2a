"""Synthetic sources for the benchmarks: N Vietnamese articles on Party-building work, one per unit.

Each article is about one real district-level unit of the gazetteer (pre-2025 huyện, thị xã, quận,
thành phố; names that exist once first, then the rest, which `contexts.plan` disambiguates by
province) and states a plausible, internally consistent set of figures in the phrasing of the seed
articles: members and admissions, grassroots organisations, the yearly quality ratings of
organisations and members, discipline, training. The generator is deterministic (one seed), so two
runs write the same bytes and a no-op rebuild really is one.

    python3 bench/synth.py --units 700 -o /tmp/synth        # write the articles
    python3 bench/synth.py --units 700 -o /tmp/synth --check  # and check what the extractor finds

National mode (issue 13): the 2025 map, 34 provinces and their 3,321 communes (xã, phường, đặc
khu), one article per unit and year (2023, 2024, 2025 by default: 10,065 articles). A commune's
article names "Đảng ủy xã X" / "Đảng bộ phường Y" and its province ("tỉnh Z", "thành phố Z"), with
commune-sized figures (hundreds of members, tens of chi bộ); a province's names "Tỉnh ủy Z" /
"Đảng bộ tỉnh Z" (a centrally-run city "Thành ủy Z") with a province's figures. Each unit's figures
grow a little from year to year; the figures of a unit-year depend on the seed, the unit's code
and the year only, so `--limit` keeps the same articles for the units it keeps.

    python3 bench/synth.py --national -o /tmp/national --check             # 3,355 units × 3 years
    python3 bench/synth.py --national --limit 300 -o /tmp/nat300 --check   # a subset (spread over provinces)
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python3 bench/synth.py` from a checkout
    sys.path.insert(0, str(ROOT))

from reportgen.config import CENTRAL_CITIES  # noqa: E402
from reportgen.model import slugify  # noqa: E402
from reportgen.vietnamese import gazetteer  # noqa: E402
from reportgen.vietnamese.formatting import format_number  # noqa: E402

__all__ = ["SynthUnit", "units", "article", "write_sources", "NationalUnit", "national_units",
           "national_article", "write_national", "NATIONAL_YEARS"]

#: The Party committee word of each district-level kind ("Huyện ủy Thường Tín").
COMMITTEE = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy", "quận": "Quận ủy"}
#: How articles name the communes under each kind ("các xã, thị trấn").
COMMUNES = {"huyện": "xã, thị trấn", "thị xã": "xã, phường", "thành phố": "xã, phường", "quận": "phường"}


@dataclass(frozen=True)
class SynthUnit:
    """One unit of the synthetic set: gazetteer name, kind and province, and its report year."""

    name: str
    kind: str
    province: str
    year: int

    @property
    def slug(self) -> str:
        """File stem of its article."""
        return f"{slugify(self.kind + ' ' + self.name)}-{slugify(self.province)}-{self.year}"


def units(n: int, seed: int = 7) -> list[SynthUnit]:
    """`n` distinct district-level units (raises if the gazetteer has fewer), in a shuffled order."""
    places = {(p.name, p.kind, p.province) for prov in gazetteer.province_names()
              for p in gazetteer.districts(prov) if p.kind in COMMITTEE}
    names = Counter((name, kind) for name, kind, _ in places)
    # Names that exist once first: the extractor needs no province to place them.
    ordered = sorted(places, key=lambda p: (names[p[:2]] > 1, p))
    if n > len(ordered):
        raise ValueError(f"the gazetteer has {len(ordered)} district-level units; asked for {n}")
    rng = random.Random(seed)
    chosen = ordered[:n]
    rng.shuffle(chosen)
    return [SynthUnit(name, kind, province, rng.randint(2018, 2023)) for name, kind, province in chosen]


def _pct(part: int, whole: int) -> str:
    """A percentage as articles write it: "89,5%" (one or two decimals, Vietnamese comma)."""
    return format_number(round(100 * part / whole, 2)) + "%"


def _province_phrase(province: str) -> str:
    return f"thành phố {province}" if province in CENTRAL_CITIES else f"tỉnh {province}"


def article(unit: SynthUnit, rng: random.Random) -> str:
    """The text of one article about `unit`, figures drawn from `rng` (plausible and consistent)."""
    committee = f"{COMMITTEE[unit.kind]} {unit.name}"
    label = f"{unit.kind} {unit.name}"
    y = unit.year
    scale = {"quận": 0.8, "thành phố": 1.0, "thị xã": 0.7, "huyện": 1.0}[unit.kind]
    members = int(rng.randint(2_500, 14_000) * scale)
    admitted = max(20, round(members * rng.uniform(0.015, 0.04)))
    target = rng.randint(96, 128)
    orgs = rng.randint(22, 75)
    committees = round(orgs * rng.uniform(0.45, 0.75))
    cells_under = round(committees * rng.uniform(5.0, 9.0))
    org_failed = rng.choice((0, 0, 0, 1))
    org_good = orgs - org_failed - rng.randint(1, max(1, orgs // 12))
    org_excellent = round(org_good * rng.uniform(0.12, 0.25))
    org_completed = orgs - org_failed - org_good
    rated = round(members * rng.uniform(0.90, 0.97))
    mem_failed = rng.randint(0, 25)
    mem_good = round(rated * rng.uniform(0.86, 0.95))
    mem_excellent = round(mem_good * rng.uniform(0.10, 0.20))
    mem_completed = rated - mem_good - mem_failed
    disciplined = rng.randint(3, 40)
    classes = rng.randint(20, 95)
    learners = classes * rng.randint(45, 170)
    awareness = rng.randint(2, 9)
    candidates = awareness * rng.randint(30, 75)
    n = format_number
    title = rng.choice((
        f"{unit.name} chú trọng công tác xây dựng Đảng",
        f"{committee}: nâng cao chất lượng tổ chức cơ sở đảng và đảng viên",
        f"Đảng bộ {label} đẩy mạnh xây dựng, chỉnh đốn Đảng năm {y}",
    ))
    day, month = rng.randint(1, 28), rng.randint(1, 3)
    opening = rng.choice((
        f"Năm {y}, {committee} tập trung lãnh đạo, chỉ đạo quán triệt, triển khai thực hiện các nghị quyết, "
        f"chỉ thị của Trung ương và của {_province_phrase(unit.province)} về công tác xây dựng Đảng.",
        f"Xác định xây dựng Đảng là nhiệm vụ then chốt, năm {y}, {committee} ({_province_phrase(unit.province)}) "
        f"đã luôn chú trọng công tác xây dựng Đảng, tập trung lãnh đạo thực hiện các nhiệm vụ trọng tâm.",
    ))
    parts = [
        title,
        f"{day:02d}/{month:02d}/{y + 1} | {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}",
        opening + f" Đảng bộ {label} thuộc {_province_phrase(unit.province)}.",
        f"Ban Thường vụ {committee} đã phân công các đồng chí Ủy viên Ban Thường vụ phụ trách các tổ chức "
        f"cơ sở đảng để nắm bắt tư tưởng của đội ngũ cán bộ, đảng viên cũng như những vấn đề phát sinh "
        f"tại cơ sở; thường xuyên đổi mới công tác giáo dục chính trị tư tưởng, học tập và làm theo tư "
        f"tưởng, đạo đức, phong cách Hồ Chí Minh.",
        f"Năm {y}, {committee} đã tổ chức {classes} lớp bồi dưỡng về lý luận chính trị, chuyên môn, nghiệp "
        f"vụ cho {n(learners)} học viên. Các cấp ủy quan tâm tạo nguồn kết nạp đảng viên, đã mở {awareness} "
        f"lớp nhận thức về Đảng, có {n(candidates)} quần chúng ưu tú tham gia.",
        f"Công tác kết nạp đảng viên đạt và vượt chỉ tiêu đề ra. Năm {y}, toàn {unit.kind} đã kết nạp "
        f"{n(admitted)} đảng viên mới, đạt {target}% chỉ tiêu, nâng tổng số đảng viên toàn Đảng bộ lên "
        f"{n(members)} đồng chí, sinh hoạt tại {orgs} tổ chức cơ sở đảng, trong đó có {committees} đảng bộ "
        f"cơ sở; {n(cells_under)} chi bộ trực thuộc đảng ủy cơ sở.",
        f"Kết quả đánh giá, xếp loại đối với tổ chức cơ sở đảng năm {y}: hoàn thành tốt nhiệm vụ trở lên "
        f"{org_good}/{orgs} (chiếm {_pct(org_good, orgs)}) tổ chức cơ sở đảng, trong đó có {org_excellent} tổ chức cơ sở đảng "
        f"hoàn thành xuất sắc nhiệm vụ; {org_completed} tổ chức cơ sở đảng hoàn thành nhiệm vụ"
        + (f"; {org_failed} tổ chức cơ sở đảng không hoàn thành nhiệm vụ." if org_failed else "."),
        f"Đối với đảng viên: có {n(rated)} đảng viên được đánh giá, xếp loại; hoàn thành tốt nhiệm vụ trở "
        f"lên {n(mem_good)} đảng viên (chiếm {_pct(mem_good, rated)}), trong đó hoàn thành xuất sắc nhiệm vụ "
        f"{n(mem_excellent)} đồng chí; hoàn thành nhiệm vụ {n(mem_completed)} đồng chí; không hoàn thành "
        f"nhiệm vụ {mem_failed} đồng chí.",
        f"Công tác kiểm tra, giám sát được các cấp ủy, tổ chức đảng quan tâm thực hiện. Năm {y}, Ủy ban "
        f"Kiểm tra {committee} và Đảng ủy các {COMMUNES[unit.kind]} đã thi hành kỷ luật {disciplined} đảng "
        f"viên bằng hình thức khiển trách, cảnh cáo.",
        rng.choice(("PV", "MINH ANH", "THU HÀ", "QUỐC HƯNG", "NGỌC LAN")),
    ]
    return "\n\n".join(parts) + "\n"


def sources(n: int, seed: int = 7) -> Iterator[tuple[SynthUnit, str]]:
    """(unit, article text) for `n` units, deterministic for a given seed."""
    rng = random.Random(seed * 1_000_003)
    for unit in units(n, seed):
        yield unit, article(unit, rng)


def write_sources(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write the `n` articles as UTF-8 .txt files into `folder` (created); returns their paths.

    A file whose content is already the same is not rewritten (its mtime is kept).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for unit, text in sources(n, seed):
        path = folder / f"{unit.slug}.txt"
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths


# --- national mode: the 2025 map ------------------------------------------------------------------

#: The years each unit of the national set has an article of.
NATIONAL_YEARS = (2023, 2024, 2025)
#: How articles name the Party organisation's committee of each 2025 kind.
_COMMUNE_COMMITTEE = {"xã": "Đảng ủy xã", "phường": "Đảng ủy phường", "đặc khu": "Đảng ủy đặc khu"}


@dataclass(frozen=True)
class NationalUnit:
    """One unit-year of the national set: a 2025 province (kind "tỉnh", or "thành phố" for a
    centrally-run city, which is its own province) or commune, its gazetteer code and the year."""

    name: str
    kind: str
    province: str
    code: str
    year: int
    communes: int = 0  # a province's number of communes (its figures scale with it)

    @property
    def level(self) -> str:
        return "province" if self.kind in ("tỉnh", "thành phố") else "commune"

    @property
    def slug(self) -> str:
        """File stem of its article: kind, name, province (commune names repeat), year."""
        if self.level == "province":
            return f"{slugify(self.kind + ' ' + self.name)}-{self.year}"
        return f"{slugify(self.kind + ' ' + self.name)}-{slugify(self.province)}-{self.year}"

    @property
    def key(self) -> tuple[str, str, str]:
        """(kind, name, province) as `model.Unit.key` has it."""
        return (self.kind, self.name, self.province)


def _places_2025() -> tuple[list[tuple[str, str, str, str]], Counter[str]]:
    """(kind, name, province, code) of the 2025 provinces (centrally-run cities as "thành phố")
    and communes, and the number of communes of each province."""
    provinces, communes = [], []
    for era, level, kind, name, province, _district, _dk, code, extra in gazetteer._read_rows():
        if era != "2025":
            continue
        if level == "province":
            provinces.append(("thành phố" if extra == "thành phố" else "tỉnh", name, province, code))
        else:
            communes.append((kind, name, province, code))
    return provinces + communes, Counter(c[2] for c in communes)


def national_units(limit: int | None = None, years: tuple[int, ...] = NATIONAL_YEARS) -> list[NationalUnit]:
    """The unit-years of the national set, provinces first, then communes by code. `limit` keeps
    that many units (each with all its years): all 34 provinces while the limit allows, and
    communes spread evenly over the list (so over the provinces)."""
    places, per_province = _places_2025()
    provinces = [p for p in places if p[0] in ("tỉnh", "thành phố")]
    communes = [p for p in places if p[0] not in ("tỉnh", "thành phố")]
    if len({(k, n, p) for k, n, p, _ in places}) != len(places):
        raise ValueError("two 2025 units share kind, name and province")
    if limit is not None and limit < len(places):
        provinces = provinces[:limit]
        rest = limit - len(provinces)
        communes = [communes[i * len(communes) // rest] for i in range(rest)] if rest > 0 else []
    return [NationalUnit(name, kind, province, code, year,
                         per_province[province] if kind in ("tỉnh", "thành phố") else 0)
            for kind, name, province, code in provinces + communes for year in years]


def _grown(rng: random.Random, base: int, year: int, rate: tuple[float, float] = (0.01, 0.035)) -> int:
    """`base` (the first year's figure) grown by a yearly rate for the years since."""
    value = float(base)
    for _ in range(year - NATIONAL_YEARS[0]):
        value *= 1 + rng.uniform(*rate)
    return round(value)


def _national_figures(unit: NationalUnit, seed: int) -> dict[str, int]:
    """The unit-year's figures, consistent with each other and with the unit's other years: a
    unit's base figures depend on the seed and its code, the year's changes on the year."""
    base = random.Random(f"{seed}:{unit.code}:{unit.kind}")
    rng = random.Random(f"{seed}:{unit.code}:{unit.kind}:{unit.year}")
    if unit.level == "province":
        members0 = unit.communes * base.randint(1_600, 3_600)
        orgs0 = unit.communes + base.randint(150, 900)
        cells = orgs0 * base.randint(6, 11)
    else:
        low, high = {"phường": (400, 2_400), "đặc khu": (500, 2_000)}.get(unit.kind, (300, 1_800))
        members0 = base.randint(low, high)
        orgs0 = max(12, min(70, round(members0 / base.uniform(22, 40))))
        cells = 0
    members = _grown(random.Random(f"{seed}:{unit.code}:growth"), members0, unit.year)
    orgs = orgs0 + rng.randint(-1, 1) if unit.level == "commune" else _grown(rng, orgs0, unit.year, (0.0, 0.01))
    admitted = max(2, round(members * rng.uniform(0.015, 0.04)))
    org_failed = rng.choice((0, 0, 0, 1)) if unit.level == "commune" else rng.randint(0, max(1, orgs // 150))
    org_good = orgs - org_failed - rng.randint(1, max(1, orgs // 8))
    org_excellent = max(1, round(org_good * rng.uniform(0.12, 0.25)))
    rated = round(members * rng.uniform(0.90, 0.97))
    mem_failed = rng.randint(0, max(2, rated // 150))
    mem_good = round(rated * rng.uniform(0.86, 0.95))
    figures = {
        "members_total": members,
        "members_admitted": admitted,
        "admission_target_pct": rng.randint(96, 128),
        "orgs_rated": orgs,
        "orgs_good_or_above": org_good,
        "orgs_excellent": org_excellent,
        "orgs_completed": orgs - org_failed - org_good,
        "orgs_failed": org_failed,
        "members_rated": rated,
        "members_good_or_above": mem_good,
        "members_excellent": round(mem_good * rng.uniform(0.10, 0.20)),
        "members_completed": rated - mem_good - mem_failed,
        "members_failed": mem_failed,
        "disciplined_members": rng.randint(0, 4) if unit.level == "commune" else rng.randint(40, 400),
    }
    if unit.level == "province":
        figures["grassroots_orgs"] = orgs
        figures["grassroots_committees"] = round(orgs * rng.uniform(0.45, 0.75))
        figures["subordinate_cells"] = _grown(rng, cells, unit.year, (0.0, 0.01))
        figures["training_classes"] = rng.randint(120, 900)
        figures["training_attendees"] = figures["training_classes"] * rng.randint(60, 180)
    else:
        figures["subordinate_cells"] = orgs
        figures["awareness_classes"] = rng.randint(1, 3)
        figures["awareness_attendees"] = figures["awareness_classes"] * rng.randint(15, 45)
    if not figures["orgs_failed"]:
        del figures["orgs_failed"]  # an article states no zero of this (convention 13)
    if not figures["members_failed"]:
        del figures["members_failed"]
    if not figures["disciplined_members"]:
        del figures["disciplined_members"]
    return figures


def _national_province(unit: NationalUnit) -> tuple[str, str]:
    """(committee, "tỉnh Z" / "thành phố Z") as an article of the unit-year's date names the
    province: Huế was Thừa Thiên Huế until 2025-01-01, so an article published in 2024 says so."""
    if unit.province == "Huế" and unit.year + 1 < 2025:
        return "Tỉnh ủy Thừa Thiên Huế", "tỉnh Thừa Thiên Huế"
    if unit.province in CENTRAL_CITIES:
        return f"Thành ủy {unit.province}", f"thành phố {unit.province}"
    return f"Tỉnh ủy {unit.province}", f"tỉnh {unit.province}"


def national_article(unit: NationalUnit, seed: int = 7) -> tuple[str, dict[str, int]]:
    """The text of the unit-year's article and the figures it states (metric -> value)."""
    f = _national_figures(unit, seed)
    rng = random.Random(f"{seed}:{unit.code}:{unit.kind}:{unit.year}:text")
    n, y = format_number, unit.year
    province_committee, province_phrase = _national_province(unit)
    if unit.level == "province":
        committee, org, whole = province_committee, "Đảng bộ " + province_phrase, (
            "thành phố" if unit.kind == "thành phố" else "tỉnh")
        subject = province_phrase[:1].upper() + province_phrase[1:]
        where = "chỉ thị của Trung ương"
        orgs_word, below = "tổ chức cơ sở đảng", "các đảng bộ, chi bộ cơ sở"
    else:
        committee = f"{_COMMUNE_COMMITTEE[unit.kind]} {unit.name}"
        org, whole = f"Đảng bộ {unit.kind} {unit.name}", unit.kind
        subject = f"{unit.kind[:1].upper()}{unit.kind[1:]} {unit.name}"
        where = f"chỉ thị của cấp trên và của {province_committee}"
        orgs_word, below = "chi bộ", "các chi bộ trực thuộc"
    title = rng.choice((
        f"{org} nâng cao chất lượng tổ chức cơ sở đảng và đảng viên năm {y}",
        f"{committee}: đẩy mạnh công tác xây dựng, chỉnh đốn Đảng năm {y}",
        f"{subject} chú trọng công tác xây dựng Đảng năm {y}",
    ))
    day, month = rng.randint(1, 28), rng.randint(1, 3)
    of_province = "" if unit.level == "province" else f" ({province_phrase})"
    parts = [
        title,
        f"{day:02d}/{month:02d}/{y + 1} | {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}",
        f"Năm {y}, {committee}{of_province} tập trung lãnh đạo, chỉ đạo quán triệt, triển khai thực hiện "
        f"các nghị quyết, {where} về công tác xây dựng Đảng, xây dựng hệ thống chính trị.",
        f"Ban Thường vụ {committee} đã phân công các đồng chí cấp ủy viên phụ trách {below} để nắm bắt "
        f"tư tưởng của cán bộ, đảng viên và những vấn đề phát sinh tại cơ sở; thường xuyên đổi mới công "
        f"tác giáo dục chính trị tư tưởng, học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    ]
    if unit.level == "province":
        parts.append(f"Năm {y}, {committee} đã tổ chức {n(f['training_classes'])} lớp bồi dưỡng về lý luận "
                     f"chính trị, chuyên môn, nghiệp vụ cho {n(f['training_attendees'])} học viên.")
        parts.append(f"Công tác kết nạp đảng viên đạt và vượt chỉ tiêu đề ra. Năm {y}, toàn {whole} đã kết "
                     f"nạp {n(f['members_admitted'])} đảng viên mới, đạt {f['admission_target_pct']}% chỉ "
                     f"tiêu, nâng tổng số đảng viên toàn Đảng bộ lên {n(f['members_total'])} đồng chí, sinh "
                     f"hoạt tại {n(f['grassroots_orgs'])} tổ chức cơ sở đảng, trong đó có "
                     f"{n(f['grassroots_committees'])} đảng bộ cơ sở; {n(f['subordinate_cells'])} chi bộ "
                     f"trực thuộc đảng ủy cơ sở.")
    else:
        parts.append(f"Các chi bộ quan tâm tạo nguồn kết nạp đảng viên; năm {y}, {committee} đã mở "
                     f"{f['awareness_classes']} lớp nhận thức về Đảng, có {f['awareness_attendees']} quần "
                     f"chúng ưu tú tham gia.")
        parts.append(f"Công tác kết nạp đảng viên đạt và vượt chỉ tiêu đề ra. Năm {y}, toàn Đảng bộ "
                     f"{whole} đã kết nạp {n(f['members_admitted'])} đảng viên mới, đạt "
                     f"{f['admission_target_pct']}% chỉ tiêu, nâng tổng số đảng viên toàn Đảng bộ lên "
                     f"{n(f['members_total'])} đồng chí, sinh hoạt tại {f['subordinate_cells']} chi bộ "
                     f"trực thuộc.")
    failed_orgs = (f"; {f['orgs_failed']} {orgs_word} không hoàn thành nhiệm vụ." if f.get("orgs_failed") else ".")
    parts.append(
        f"Kết quả đánh giá, xếp loại {orgs_word} năm {y}: hoàn thành tốt nhiệm vụ trở lên "
        f"{n(f['orgs_good_or_above'])}/{n(f['orgs_rated'])} (chiếm {_pct(f['orgs_good_or_above'], f['orgs_rated'])}) "
        f"{orgs_word}, trong đó có {n(f['orgs_excellent'])} {orgs_word} hoàn thành xuất sắc nhiệm vụ; "
        f"{n(f['orgs_completed'])} {orgs_word} hoàn thành nhiệm vụ" + failed_orgs)
    parts.append(
        f"Đối với đảng viên: có {n(f['members_rated'])} đảng viên được đánh giá, xếp loại; hoàn thành tốt "
        f"nhiệm vụ trở lên {n(f['members_good_or_above'])} đảng viên (chiếm "
        f"{_pct(f['members_good_or_above'], f['members_rated'])}), trong đó hoàn thành xuất sắc nhiệm vụ "
        f"{n(f['members_excellent'])} đồng chí; hoàn thành nhiệm vụ {n(f['members_completed'])} đồng chí"
        + (f"; không hoàn thành nhiệm vụ {f['members_failed']} đồng chí." if f.get("members_failed") else "."))
    if f.get("disciplined_members"):
        parts.append(f"Công tác kiểm tra, giám sát được quan tâm thực hiện. Trong năm {y}, {committee} đã "
                     f"thi hành kỷ luật {n(f['disciplined_members'])} đảng viên bằng hình thức khiển trách, "
                     f"cảnh cáo.")
    else:
        parts.append(f"Công tác kiểm tra, giám sát được quan tâm thực hiện; năm {y}, {org} không có đảng "
                     f"viên vi phạm phải thi hành kỷ luật.")
    parts.append(rng.choice(("PV", "MINH ANH", "THU HÀ", "QUỐC HƯNG", "NGỌC LAN", "HOÀNG YẾN")))
    return "\n\n".join(parts) + "\n", f


def write_national(folder: Path, limit: int | None = None, seed: int = 7,
                   years: tuple[int, ...] = NATIONAL_YEARS) -> tuple[list[Path], list[NationalUnit]]:
    """Write the national set's articles (UTF-8 .txt) into `folder`; an unchanged file is not
    rewritten. Returns the paths and their unit-years, in the same order."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = national_units(limit, years)
    paths = []
    for unit in chosen:
        path = folder / f"{unit.slug}.txt"
        data = national_article(unit, seed)[0].encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths, chosen


def expected_unit(unit: NationalUnit) -> tuple[str, str, str]:
    """The (kind, name, province) the extractor should place a national article on: a Huế
    commune or Huế itself in an article published before 2025 is of Thừa Thiên Huế (its name then)."""
    if unit.province == "Huế" and unit.year + 1 < 2025:
        if unit.level == "province":
            return ("tỉnh", "Thừa Thiên Huế", "Thừa Thiên Huế")
        return (unit.kind, unit.name, "Thừa Thiên Huế")
    return unit.key


def check_national(paths: list[Path], expected: list[NationalUnit], seed: int = 7) -> dict[str, object]:
    """Extract every article and compare with what it states: unit (kind, name, province), report
    year, and each figure (metric, value, year). Prints the rates and the first misses; returns them."""
    from reportgen.extract import extract
    from reportgen.readers import read

    unit_ok = year_ok = 0
    stated = found = extra = 0
    missed: Counter[str] = Counter()
    wrong_units: Counter[str] = Counter()
    examples: list[str] = []
    by_level: dict[str, list[int]] = {}
    for path, unit in zip(paths, expected):
        e = extract(read(path))
        want = expected_unit(unit)
        got = (e.unit.kind, e.unit.name, e.unit.province or "") if e.unit else None
        placed = got == want
        unit_ok += placed
        counts = by_level.setdefault(unit.kind, [0, 0])
        counts[0] += placed
        counts[1] += 1
        year_ok += e.report_year == unit.year
        if not placed:
            wrong_units[f"{unit.kind} → {got[0] if got else None}"] += 1
            if len(examples) < 15:
                examples.append(f"{path.name}: expected {want}, got {got}; {'; '.join(e.warnings)[:160]}")
        figures = national_article(unit, seed)[1]
        facts = {(f.metric, f.value, f.year) for f in e.facts}
        for metric, value in figures.items():
            stated += 1
            if (metric, value, unit.year) in facts:
                found += 1
            else:
                missed[metric] += 1
        extra += len({(m, v) for m, v, _ in facts} - set(figures.items()))
    n = len(paths)
    print(f"unit-years: {n}; unit right {unit_ok}/{n} ({unit_ok / n:.1%}); report year right "
          f"{year_ok}/{n} ({year_ok / n:.1%})")
    for kind, (ok, total) in sorted(by_level.items()):
        print(f"  {kind:10} unit right {ok}/{total}")
    print(f"figures stated {stated}, found with value and year {found} ({found / stated:.1%}); "
          f"facts not stated: {extra}")
    for metric, count in missed.most_common():
        print(f"  missed {metric:24} {count}")
    for what, count in wrong_units.most_common():
        print(f"  misplaced {what}: {count}")
    for line in examples:
        print("  wrong:", line)
    return {"unit_years": n, "unit_right": unit_ok, "year_right": year_ok, "figures": stated,
            "found": found, "extra": extra, "missed": dict(missed), "misplaced": dict(wrong_units)}


def check(paths: list[Path], expected: list[SynthUnit]) -> None:
    """Print how many articles the extractor places on the right unit, and the facts found."""
    from reportgen.extract import extract
    from reportgen.readers import read

    right, facts, wrong = 0, Counter(), []
    for path, unit in zip(paths, expected):
        e = extract(read(path))
        got = e.unit
        if got and (got.name, got.kind, got.province) == (unit.name, unit.kind, unit.province):
            right += 1
        else:
            wrong.append(f"{path.name}: got {got}")
        facts.update(f.metric for f in e.facts)
    print(f"unit right: {right}/{len(paths)}; facts per article: {sum(facts.values()) / len(paths):.1f}")
    for metric, count in sorted(facts.items()):
        print(f"  {metric:24} {count}")
    for line in wrong[:20]:
        print("  wrong:", line)


def main(argv: list[str] | None = None) -> None:
    """Command line: write N articles, optionally check their extraction."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="run the extractor on them and report")
    parser.add_argument("--national", action="store_true",
                        help="the 2025 map: 34 provinces and 3,321 communes, one article per unit and year")
    parser.add_argument("--limit", type=int, help="with --national: this many units only (each with all its years)")
    args = parser.parse_args(argv)
    if args.national:
        paths, chosen = write_national(args.output, args.limit, args.seed)
        print(f"wrote {len(paths)} articles ({len({u.key for u in chosen})} units × {len(NATIONAL_YEARS)} "
              f"years) to {args.output}")
        if args.check:
            check_national(paths, chosen, args.seed)
        return
    paths = write_sources(args.output, args.units, args.seed)
    print(f"wrote {len(paths)} articles to {args.output}")
    if args.check:
        check(paths, units(args.units, args.seed))


if __name__ == "__main__":
    main()
