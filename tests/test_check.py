"""Checks: stated percentages against counts, orders and sums, conflicts between sources."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reportgen.check import check, check_conflicts, check_extraction, check_jumps
from reportgen.check.percent import check_percentages, format_pct, tolerance
from reportgen.cli import main
from reportgen.extract import extract
from reportgen.model import Evidence, Extraction, Fact, Source, Unit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def ext(text: str, path: str = "a.txt") -> Extraction:
    return extract(Source(path, text))


def test_tolerance_and_format() -> None:
    assert tolerance("2,47") == 0.01 and tolerance("82") == 1 and tolerance("89,5") == 0.1
    assert format_pct(2.247191) == "2,25%" and format_pct(82.0) == "82%"


def test_seed_percentages_only_the_wrong_one() -> None:
    sources = sorted(SEEDS.glob("*.txt"))
    findings = check_percentages([extract(Source(str(p), p.read_text(encoding="utf-8"))) for p in sources])
    assert len(findings) == 1
    f = findings[0]
    assert f.path.endswith("tan-hong-2022.txt") and "2,47%" in f.message and "2,25%" in f.message
    assert "2/89" in f.evidence
    lines = Path(f.path).read_text(encoding="utf-8").splitlines()
    assert "2/89 (chiếm 2,47%)" in lines[f.line - 1]


def test_percentage_of_a_fact_uses_its_group() -> None:
    text = ("Huyện ủy Mường Lát\n\nCó 1.000 đồng chí tham gia đánh giá chất lượng đảng viên, có 900 đảng viên "
            "hoàn thành tốt nhiệm vụ trở lên, bằng 95%, trong đó 150 đảng viên hoàn thành xuất sắc nhiệm vụ, bằng 15%.")
    findings = check_percentages([ext(text)])
    assert [("95%" in f.message, "900 trên 1000" in f.message) for f in findings] == [(True, True)]


def test_rounding_modes_are_tolerated() -> None:
    for stated in ("33,3", "33,33", "33,34", "33"):
        text = f"Huyện ủy Mường Lát\n\nCó 1/3 (chiếm {stated}%) tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ."
        assert check_percentages([ext(text)]) == [], stated


def test_orders_and_sums() -> None:
    src = Source("a.txt", "x")
    facts = (Fact("members_excellent", 500, year=2020), Fact("members_good_or_above", 400, year=2020),
             Fact("members_rated", 1000, year=2020), Fact("members_completed", 500, year=2020),
             Fact("members_failed", 10, year=2020), Fact("members_admitted", 50, year=2020),
             Fact("members_total", 50, year=2020))
    e = Extraction(src, None, None, Unit("X", "huyện"), 2020, facts)
    codes = sorted(f.code for f in check_extraction(e))
    # excellent > good-or-above, rated > total, admitted = total; and the grades do not add up
    assert codes == ["order", "order", "order", "sum"]


def test_conflicts_between_sources() -> None:
    unit = Unit("Thường Tín", "huyện", "Hà Nội")
    a = Extraction(Source("a.txt", "9.240"), None, None, unit, 2019,
                   (Fact("members_total", 9240, year=2019, evidence=Evidence("9.240", 0, 5)),))
    b = Extraction(Source("b.txt", "9.420"), None, None, unit, 2019,
                   (Fact("members_total", 9420, year=2019, evidence=Evidence("9.420", 0, 5)),))
    same = Extraction(Source("c.txt", "9.240"), None, None, unit, 2019,
                      (Fact("members_total", 9240, year=2019, evidence=Evidence("9.240", 0, 5)),))
    found = check_conflicts([a, b])
    assert len(found) == 1 and "a.txt" in found[0].message and "b.txt" in found[0].message
    assert check_conflicts([a, same]) == []
    assert len(check([a, b])) == 1


def test_check_command_reports_file_and_line() -> None:
    result = CliRunner().invoke(main, ["check", str(SEEDS)])
    assert result.exit_code == 1  # the stated percentage is an error finding
    assert "tan-hong-2022.txt:16:" in result.stdout and "2,47%" in result.stdout
    assert result.stdout.count("percentage") <= 1


def test_implausible_jumps_between_years() -> None:
    unit = Unit("Thường Tín", "huyện", "Hà Nội")

    def one(path: str, year: int, value: int) -> Extraction:
        return Extraction(Source(path, str(value)), None, None, unit, year,
                          (Fact("members_total", value, year=year, evidence=Evidence(str(value), 0, len(str(value)))),))

    found = check_jumps([one("a.txt", 2018, 9000), one("b.txt", 2019, 12500)])
    assert len(found) == 1 and "+39%" in found[0].message and found[0].path == "b.txt"
    assert check_jumps([one("a.txt", 2018, 9000), one("b.txt", 2019, 9240)]) == []
    assert check_jumps([one("a.txt", 2015, 1564), one("b.txt", 2019, 1985)]) == []  # +27% over four years


def test_check_exits_0_when_it_finds_no_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text((SEEDS / "thuong-tin-2019.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.txt")])
    assert result.exit_code == 0 and not any(line.startswith("error:") for line in result.stdout.splitlines())
