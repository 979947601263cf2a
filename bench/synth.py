"""Synthetic sources for the benchmarks: N Vietnamese articles on Party-building work, one per unit.

Each article is about one real district-level unit of the gazetteer (pre-2025 huyện, thị xã, quận,
thành phố; names that exist once first, then the rest, which `contexts.plan` disambiguates by
province) and states a plausible, internally consistent set of figures in the phrasing of the seed
articles: members and admissions, grassroots organisations, the yearly quality ratings of
organisations and members, discipline, training. The generator is deterministic (one seed), so two
runs write the same bytes and a no-op rebuild really is one.

    python3 bench/synth.py --units 700 -o /tmp/synth        # write the articles
    python3 bench/synth.py --units 700 -o /tmp/synth --check  # and check what the extractor finds
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

__all__ = ["SynthUnit", "units", "article", "write_sources"]

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
    args = parser.parse_args(argv)
    paths = write_sources(args.output, args.units, args.seed)
    print(f"wrote {len(paths)} articles to {args.output}")
    if args.check:
        check(paths, units(args.units, args.seed))


if __name__ == "__main__":
    main()
