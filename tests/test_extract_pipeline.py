"""The extraction pipeline: its steps run one way, and the discourse rules each step adds.

Sentences here are invented for the rules (positive and negative, like Duckling's rule corpora);
none comes from an annotated article.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from reportgen.extract import extract, read_candidates
from reportgen.extract.mentions import find_mentions
from reportgen.extract.segment import segment
from reportgen.model import Source, Unit

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen" / "extract"
HEAD = "Huyện ủy Mường Lát tổng kết công tác xây dựng Đảng\n02/01/2021 | 08:00\n\n"
COMMUNE = "Đảng ủy xã Thượng Trưng tổng kết công tác xây dựng Đảng\n05/01/2021 | 08:00\n\n"


def facts_of(body: str, head: str = HEAD, **kwargs: object) -> set[tuple]:
    e = extract(Source("t.txt", head + body), keep_all=True, **kwargs)  # type: ignore[arg-type]
    return {(f.metric, f.value) for f in e.facts} | {(f.metric, f.value, f.year) for f in e.facts}


# -- the steps -----------------------------------------------------------------------------------

#: The modules of `reportgen.extract` by step: a module may import only modules of earlier steps.
RANKS = {"fastre": -1, "vocab": 0, "segment": 1, "names": 1, "mentions": 1, "places": 1, "unitnames": 1, "times": 2, "title": 2,
         "units": 2, "frame": 3, "roles": 4, "resolve": 5, "confidence": 6, "__init__": 7}


def _rank(path: Path) -> tuple[str, int]:
    rel = path.relative_to(PACKAGE)
    step = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    step = step.removesuffix(".py")
    return step, RANKS[step]


def test_every_step_imports_only_earlier_steps() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        step, rank = _rank(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportgen.extract"):
                parts = (node.module or "").split(".")
                names = [parts[2]] if len(parts) > 2 else [a.name for a in node.names]
                for target in names:
                    if target in RANKS and target != step and RANKS[target] >= rank:
                        bad.append(f"{path.relative_to(PACKAGE)} imports {target}")
    assert not bad, bad


def test_extract_reads_as_the_list_of_steps() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    body = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "read_candidates")
    calls = [n.func.id for n in ast.walk(body) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    steps = [c for c in calls if c in ("normalise", "segment", "read_frame", "find_mentions", "assign_roles",
                                        "resolve")]
    assert steps == ["normalise", "segment", "read_frame", "find_mentions", "assign_roles", "resolve"]


def test_every_fact_has_a_confidence_in_the_unit_interval() -> None:
    e = extract(Source("t.txt", HEAD + "Năm 2020, Đảng bộ huyện kết nạp 120 đảng viên mới, nâng tổng số "
                                      "đảng viên lên 4.560 đồng chí."))
    assert e.facts and all(0.0 <= f.confidence <= 1.0 for f in e.facts)
    assert all("confidence" in f.to_json() for f in e.facts)


# -- segment: hard-wrapped lines -------------------------------------------------------------------

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_hard_wrapped_text_gives_the_facts_of_the_original(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    wrapped = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in text.split("\n") if p.strip())
    assert wrapped.count("\n") > 2 * text.count("\n")
    original = {(f.metric, f.value, f.year) for f in extract(Source("a.txt", text)).facts}
    assert {(f.metric, f.value, f.year) for f in extract(Source("a.txt", wrapped)).facts} == original


def test_a_year_wrapped_after_nam_keeps_its_figures_year() -> None:
    body = ("Đồng chí Trưởng ban Tổ chức Huyện ủy cho biết, Đảng bộ huyện đã kết nạp được 215 đảng viên trong năm\n"
            "2019, nâng tổng số đảng viên của Đảng bộ huyện lên 4.560 đồng chí, đạt 107,5% chỉ tiêu nghị quyết.")
    facts = facts_of(body)
    assert ("members_admitted", 215, 2019) in facts and ("members_total", 4560, 2019) in facts


def test_joined_lines_keep_offsets() -> None:
    text = "Đảng bộ huyện kết nạp được 215 đảng viên trong năm\n2019, tăng 12 so với năm trước."
    layout = segment(text)
    assert len(layout.text) == len(text) and layout.text.count("\n") == 0
    assert len(layout.blocks) == 1


def test_a_title_is_not_joined_to_the_line_below() -> None:
    layout = segment("Kết nạp 41 đảng viên mới\n02/01/2021 | 08:00\nNội dung bài viết.")
    assert len(layout.blocks) == 3


def test_headings_frame_the_paragraphs_under_them() -> None:
    body = "Đối với đảng viên:\nHoàn thành tốt nhiệm vụ 2.682 đồng chí; không hoàn thành nhiệm vụ 9 đồng chí."
    facts = facts_of(body)
    assert ("members_good_or_above", 2682) in facts and ("members_failed", 9) in facts


# -- mentions --------------------------------------------------------------------------------------

def test_an_english_thousands_comma_before_people_is_a_count() -> None:
    assert [m.value for m in find_mentions("Đảng bộ có 9,240 đồng chí.")] == [9240]
    assert [m.value for m in find_mentions("đạt 89,5% kế hoạch")] == [89.5]
    assert ("members_total", 9240) in facts_of("Tổng số đảng viên của Đảng bộ huyện là 9,240 đồng chí.")


def test_a_number_glued_to_a_comma_after_a_word_is_a_mention() -> None:
    assert [m.value for m in find_mentions("21 chi bộ hoàn thành tốt nhiệm vụ,126 đảng viên")] == [21, 126]


# -- roles: whose a figure is ------------------------------------------------------------------------

POSITIVE = [
    # a commune's organisations are its chi bộ (convention 3)
    ("Năm 2020, có 15/17 chi bộ hoàn thành tốt nhiệm vụ, trong đó 3 chi bộ hoàn thành xuất sắc nhiệm vụ.",
     [("orgs_good_or_above", 15), ("orgs_rated", 17), ("orgs_excellent", 3)], COMMUNE),
    ("Đảng bộ xã có 205 đảng viên, sinh hoạt ở 14 chi bộ.", [("members_total", 205), ("subordinate_cells", 14)],
     COMMUNE),
    # totals said many ways
    ("Năm 2020, toàn huyện nâng tổng số đảng viên lên con số 1.622.", [("members_total", 1622, 2020)], HEAD),
    ("Đến nay, tổng số đảng viên trong toàn đảng bộ là 1.133 người.", [("members_total", 1133)], HEAD),
    ("Các đại biểu đại diện cho hơn 57.000 đảng viên trong toàn Đảng bộ.", [("members_total", 57000)], HEAD),
    ("Toàn Đảng bộ có 477 tổ chức cơ sở đảng, trong đó có 248 đảng bộ cơ sở và 229 chi bộ cơ sở, với 36.607 "
     "đảng viên.", [("grassroots_orgs", 477), ("grassroots_committees", 248), ("grassroots_cells", 229),
                    ("members_total", 36607)], HEAD),
    # parts the schema counts
    ("Tổng số đảng viên là 78.047 đảng viên (trong đó có 29.373 đảng viên nữ).",
     [("members_total", 78047), ("members_female", 29373)], HEAD),
    # congress progress gives the denominator (convention 4)
    ("Đến nay, 46/49 tổ chức cơ sở đảng đã tổ chức xong đại hội.", [("grassroots_orgs", 49)], HEAD),
    # discipline
    ("Trong năm 2020, có 272 đảng viên sinh hoạt tại các tổ chức đảng trên địa bàn bị thi hành kỷ luật.",
     [("disciplined_members", 272, 2020)], HEAD),
    ("Năm 2020, cấp ủy các cấp và chi bộ thi hành kỷ luật đối với 447 người.", [("disciplined_members", 447)],
     HEAD),
    ("Năm 2020, Ủy ban kiểm tra các cấp thi hành kỷ luật 12 đảng viên; cấp ủy các cấp thi hành kỷ luật 30 đảng viên.",
     [("disciplined_members", 12), ("disciplined_members", 30)], HEAD),
    ("Ngoài ra, năm 2020 còn 7 đảng viên bị kỷ luật.", [("disciplined_members", 7)], HEAD),
    # the body a unit belongs to ("trực thuộc Thành ủy H") does not take the unit's figures away
    ("Đảng bộ huyện Mường Lát trực thuộc Tỉnh ủy Thanh Hóa, hiện có 62 tổ chức cơ sở đảng với 6.105 đảng viên.",
     [("grassroots_orgs", 62), ("members_total", 6105)], HEAD),
    # classes for the awareness audience
    ("Năm 2020, Huyện ủy tổ chức 4 lớp bồi dưỡng chính trị cho các quần chúng ưu tú.", [("awareness_classes", 4)],
     HEAD),
]


@pytest.mark.parametrize("body,expected,head", POSITIVE)
def test_rule_yields(body: str, expected: list[tuple], head: str) -> None:
    facts = facts_of(body, head)
    missing = [e for e in expected if e not in facts]
    assert not missing, (missing, facts)


NEGATIVE = [
    # a typed đảng bộ cơ sở is a kind of them, not their count
    ("Đảng bộ huyện có 54 chi, đảng bộ cơ sở, gồm 8 đảng bộ xã, 1 đảng bộ cơ sở sự nghiệp và 45 chi bộ cơ sở.",
     [("grassroots_committees", 1)], HEAD),
    # old scale: the plain good grade beside TSVM is not good-or-above (convention 2); "yếu" is a grade
    ("Năm 2020 có 22 tổ chức cơ sở đảng đạt trong sạch vững mạnh, 14 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, "
     "chỉ 1 tổ chức cơ sở đảng xếp loại yếu.", [("orgs_good_or_above", 14), ("grassroots_orgs", 1)], HEAD),
    # self-assessed grades are not the result
    ("Các chi bộ tự nhận: 21 chi bộ hoàn thành xuất sắc nhiệm vụ; 139 đảng viên hoàn thành xuất sắc nhiệm vụ.",
     [("orgs_excellent", 21), ("members_excellent", 139)], COMMUNE),
    # per-body counts that add up to the stated total are parts of it (convention 5)
    ("Năm 2020, có 272 đảng viên bị thi hành kỷ luật. Cụ thể, cấp ủy các cấp đã thi hành kỷ luật 215 đảng viên; "
     "Ủy ban kiểm tra các cấp đã thi hành kỷ luật 57 đảng viên.",
     [("disciplined_members", 215), ("disciplined_members", 57)], HEAD),
    # named people, violations in a parenthesis
    ("Hai đảng viên bị kỷ luật bằng hình thức cảnh cáo là ông Lê Văn Tám và bà Trần Thị Hoa.",
     [("disciplined_members", 2)], HEAD),
    ("Đảng viên vi phạm chủ yếu về chính sách dân số (15 trường hợp).", [("disciplined_members", 15)], HEAD),
    # not rated
    ("Có 4.760 đảng viên tham gia đánh giá, 21 đảng viên chưa được đánh giá vì đi làm ăn xa.",
     [("members_rated", 21)], HEAD),
    # a sub-unit as subject, a sector after the figure
    ("Năm 2020, Đảng bộ các xã, thị trấn kết nạp hơn 1.100 đảng viên.", [("members_admitted", 1100)], HEAD),
    ("Năm 2020, huyện đã phát triển 16 đảng viên mới ở khu vực kinh tế tư nhân.", [("members_admitted", 16)], HEAD),
    ("Đảng bộ bộ phận Khu phố 10 hiện có 03 chi bộ trực thuộc với 124 đảng viên.",
     [("subordinate_cells", 3), ("members_total", 124)], COMMUNE),
    # one school's admissions, a profile of the new members
    ("Huyện ủy dự lễ kết nạp 5 đảng viên mới của hai trường THPT trên địa bàn.", [("members_admitted", 5)], HEAD),
    ("Năm 2020 kết nạp 41 đảng viên mới. Trong đó, có 10 đảng viên nữ.", [("members_female", 10)], HEAD),
    # a rate against the members is not the admissions target
    ("Năm 2020 kết nạp 250 đảng viên, bằng 5,86% so với tổng số đảng viên cuối năm 2019.",
     [("admission_target_pct", 5.86)], HEAD),
    # five years running is an award
    ("Có 38 đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền được khen thưởng.", [("members_excellent", 38)], HEAD),
    # a province's đảng bộ trực thuộc and their parts
    ("Tỉnh ủy hiện có 28 đảng bộ trực thuộc, gồm 26 đảng bộ cấp trên cơ sở, 2 đảng bộ cơ sở.",
     [("grassroots_committees", 2)], "Tỉnh ủy Nghệ An tổng kết năm 2023\n05/01/2024 | 08:00\n\n"),
    # pilots
    ("Toàn tỉnh có 13 đảng bộ cơ sở thí điểm bầu trực tiếp ban thường vụ.", [("grassroots_committees", 13)], HEAD),
    # another unit named by its committee ("Huyện ủy X"), even when its name starts like a grade word
    ("Năm 2020, Huyện ủy Quan Hóa kết nạp 212 đảng viên mới.", [("members_admitted", 212)], HEAD),
    ("Năm 2020, Quận ủy Hoàn Kiếm kết nạp 213 đảng viên mới.", [("members_admitted", 213)], HEAD),
    ("Năm 2020, huyện Trực Ninh kết nạp 214 đảng viên mới.", [("members_admitted", 214)], HEAD),
]


@pytest.mark.parametrize("body,forbidden,head", NEGATIVE)
def test_rule_does_not_yield(body: str, forbidden: list[tuple], head: str) -> None:
    facts = facts_of(body, head)
    wrong = [f for f in forbidden if f in facts]
    assert not wrong, (wrong, facts)


# -- resolve: years ------------------------------------------------------------------------------------

def test_a_review_names_the_report_year_even_when_published_the_next_year() -> None:
    text = ("Quận ủy Ba Đình tổng kết công tác xây dựng Đảng năm 2017\n19/01/2018 | 08:00\n\n"
            "Hội nghị tổng kết công tác xây dựng Đảng năm 2017 và triển khai phương hướng nhiệm vụ năm 2018. "
            "Hiện nay, Đảng bộ quận có 99 tổ chức cơ sở đảng với trên 28.000 đảng viên.")
    e = extract(Source("t.txt", text), keep_all=True)
    assert e.report_year == 2017
    assert {(f.metric, f.year) for f in e.facts} >= {("grassroots_orgs", 2017), ("members_total", 2017)}


def test_a_plan_year_in_the_title_is_not_the_report_year() -> None:
    text = ("Triển khai công tác kiểm tra, giám sát năm 2021\n\nỦy ban kiểm tra các cấp đã thi hành kỷ luật "
            "50 đảng viên.")
    assert extract(Source("t.txt", text)).report_year == 2020


def test_a_comparison_year_does_not_frame_the_figure() -> None:
    body = ("Từ đầu năm đến nay kết nạp được 2.270 đảng viên mới, bằng 2,98% so với tổng số đảng viên cuối năm 2017, "
            "nâng tổng số đảng viên trong toàn huyện là 7.804 đảng viên.")
    head = "Huyện ủy Mường Lát\n08/10/2018 | 22:38\n\n"
    assert ("members_total", 7804, 2018) in facts_of(body, head)


def test_part_year_figures_keep_their_year_and_say_the_part() -> None:
    e = extract(Source("t.txt", HEAD + "Trong 9 tháng đầu năm 2020, Đảng bộ huyện kết nạp 95 đảng viên mới."))
    (fact,) = [f for f in e.facts if f.metric == "members_admitted"]
    assert fact.year == 2020 and fact.period is not None and fact.period.kind == "part"


def test_term_figures_have_no_year_and_a_term_period() -> None:
    e = extract(Source("t.txt", HEAD + "Nhiệm kỳ 2015 - 2020, Đảng bộ huyện kết nạp 650 đảng viên mới."))
    (fact,) = [f for f in e.facts if f.metric == "members_admitted"]
    assert fact.year is None and fact.period is not None
    assert (fact.period.kind, fact.period.start, fact.period.end) == ("term", 2015, 2020)


def test_founding_figures_are_history() -> None:
    body = "Khi mới thành lập năm 1948, Đảng bộ huyện chỉ có 35 đảng viên. Năm 2020, Đảng bộ có 4.560 đảng viên."
    facts = facts_of(body)
    assert ("members_total", 35) not in facts and ("members_total", 4560, 2020) in facts


# -- units ---------------------------------------------------------------------------------------------

def test_a_commune_article_that_names_its_district_is_the_communes() -> None:
    text = ("Đại hội Đảng bộ xã Long Vĩnh lần thứ VI\n\nĐảng bộ xã Long Vĩnh có 205 đảng viên. Đảng bộ xã Long "
            "Vĩnh tổ chức đại hội. Dự đại hội có đồng chí Bí thư Huyện ủy Châu Thành.")
    assert extract(Source("t.txt", text)).unit == Unit("Long Vĩnh", "xã", "Tây Ninh")


def test_a_centrally_run_city_is_a_thanh_pho_and_its_own_province() -> None:
    text = "Thành ủy Cần Thơ tổng kết năm 2019\n\nĐảng bộ thành phố Cần Thơ kết nạp 1.988 đảng viên."
    unit = extract(Source("t.txt", text)).unit
    assert unit == Unit("Cần Thơ", "thành phố", "Cần Thơ") and unit.level == "province"


def test_a_unit_given_by_the_user_replaces_the_detected_one() -> None:
    text = HEAD + "Năm 2020, Đảng bộ kết nạp 120 đảng viên mới."
    e = extract(Source("t.txt", text), Unit("Thường Tín", "huyện", "Hà Nội"))
    assert e.unit == Unit("Thường Tín", "huyện", "Hà Nội")
    assert ("members_admitted", 120) in {(f.metric, f.value) for f in e.facts}


def test_candidates_are_the_facts_before_their_confidence() -> None:
    reading = read_candidates(Source("t.txt", HEAD + "Năm 2020, Đảng bộ huyện kết nạp 120 đảng viên mới."))
    assert [(c.fact.metric, c.fact.value) for c in reading.candidates] == [("members_admitted", 120)]


# -- cost grows with the text, not faster ----------------------------------------------------------

def _clear_caches() -> None:
    """Empty the extractor's memo caches (not the gazetteer's parsed table)."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith(("reportgen.extract", "reportgen.vietnamese")):
            for attr, value in vars(module).items():
                if hasattr(value, "cache_clear") and attr != "_index":
                    value.cache_clear()


def test_work_grows_linearly_with_the_units_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted, not timed: the gazetteer look-ups and the sentences the rules read, for a text
    # naming N districts with figures, grow like N (a quadratic path would grow 16 times for 4 N).
    from reportgen.extract.roles import metrics
    from reportgen.vietnamese import gazetteer

    calls = {"lookup": 0, "sentences": 0}
    lookup, classify = gazetteer.lookup, metrics.classify_sentence

    def counting_lookup(*args: object, **kwargs: object) -> object:
        calls["lookup"] += 1
        return lookup(*args, **kwargs)  # type: ignore[arg-type]

    def counting_classify(*args: object, **kwargs: object) -> object:
        calls["sentences"] += 1
        return classify(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gazetteer, "lookup", counting_lookup)
    monkeypatch.setattr("reportgen.extract.roles.classify_sentence", counting_classify)
    districts = [p for province in ("Nghệ An", "Thanh Hóa", "Sơn La", "Gia Lai", "Lâm Đồng")
                 for p in gazetteer.districts(province)]

    def work(n: int) -> dict[str, int]:
        calls.update(lookup=0, sentences=0)
        _clear_caches()  # counts must not depend on what earlier tests looked up
        body = "".join(f"Đảng bộ {d.kind} {d.name} kết nạp {50 + i} đảng viên mới, nâng tổng số đảng viên lên "
                       f"{3000 + i} đồng chí.\n" for i, d in enumerate(districts[:n]))
        extract(Source(f"n{n}.txt", f"Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2022 ({n})\n\n" + body))
        return dict(calls)

    small, large = work(15), work(60)
    assert large["sentences"] <= 4 * small["sentences"] + 4
    assert large["lookup"] <= 5 * small["lookup"] + 20, (small, large)


def test_a_round_up_of_units_warns_and_keeps_one_units_figures() -> None:
    from reportgen.vietnamese import gazetteer

    districts = [d for d in gazetteer.districts("Nghệ An")][:6]
    body = "".join(f"Huyện ủy {d.name} kết nạp {50 + i} đảng viên mới.\n\n" for i, d in enumerate(districts))
    e = extract(Source("t.txt", "Các huyện tổng kết công tác xây dựng Đảng năm 2022\n\n" + body))
    assert any("đơn vị cùng cấp" in w for w in e.warnings), e.warnings
    assert e.unit is not None and {f.value for f in e.facts} <= {50 + i for i, d in enumerate(districts)
                                                                 if d.name == e.unit.name}


# -- tables, lists and levels ------------------------------------------------------------------------

def test_a_text_table_gives_each_figure_its_columns_year() -> None:
    body = ("Một số kết quả chủ yếu so với năm trước:\n\nChỉ tiêu | Năm 2015 | Năm 2016\n"
            "Tổng số đảng viên | 10.420 | 10.512\nKết nạp đảng viên mới | 198 | 215\n")
    facts = facts_of(body)
    assert {("members_total", 10420, 2015), ("members_total", 10512, 2016), ("members_admitted", 198, 2015),
            ("members_admitted", 215, 2016)} <= facts


def test_grades_labelled_before_a_colon_in_a_list() -> None:
    body = ("Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng năm 2020, cụ thể:\n"
            "- Hoàn thành xuất sắc nhiệm vụ: 12 TCCSĐ;\n- Hoàn thành tốt nhiệm vụ: 37 TCCSĐ;\n"
            "- Hoàn thành nhiệm vụ: 5 TCCSĐ.")
    facts = facts_of(body)
    assert {("orgs_excellent", 12), ("orgs_good_or_above", 49), ("orgs_completed", 5)} <= facts
    assert ("grassroots_orgs", 37) not in facts


def test_a_list_led_by_trong_do_breaks_down_its_leads_figure() -> None:
    body = ("- Có 487 TCCSĐ được đánh giá, xếp loại, trong đó:\n+ 312 TCCSĐ đạt trong sạch vững mạnh;\n"
            "+ 139 TCCSĐ hoàn thành tốt nhiệm vụ;\n+ 33 TCCSĐ hoàn thành nhiệm vụ.")
    facts = facts_of(body)
    assert ("orgs_rated", 487) in facts and ("orgs_completed", 33) in facts
    assert ("orgs_good_or_above", 139) not in facts  # the good grade beside the old scale's higher one


def test_a_higher_levels_figure_in_a_communes_article_is_not_the_communes() -> None:
    body = ("Năm 2022, Đảng bộ xã kết nạp 18 đảng viên mới. Theo Huyện ủy, năm 2022 toàn huyện kết nạp 398 "
            "đảng viên.")
    facts = facts_of(body, COMMUNE)
    assert ("members_admitted", 18) in facts and ("members_admitted", 398) not in facts


def test_a_bare_good_grade_in_a_list_or_table_beside_excellent_is_summed_per_year() -> None:
    body = ("Kết quả năm 2023:\n- Tổng số chi bộ được đánh giá: 23\n+ Hoàn thành xuất sắc nhiệm vụ: 4 chi bộ\n"
            "+ Hoàn thành tốt nhiệm vụ: 16 chi bộ\n+ Hoàn thành nhiệm vụ: 3 chi bộ\n\nSo sánh với năm 2022\n"
            "Nội dung | Năm 2022 | Năm 2023\nĐV hoàn thành xuất sắc NV | 91 | 97\nĐV hoàn thành tốt NV | 488 | 502\n")
    got = facts_of(body, COMMUNE.replace("2021", "2024"))
    assert ("orgs_good_or_above", 20, 2023) in got and ("orgs_good_or_above", 16) not in got
    assert {("members_good_or_above", 579, 2022), ("members_good_or_above", 599, 2023)} <= got
    assert ("members_good_or_above", 488) not in got


def test_a_tables_plan_and_share_columns_hold_no_result() -> None:
    body = ("Kết quả 6 tháng đầu năm 2024:\nChỉ tiêu | Kế hoạch năm 2024 | Thực hiện 6 tháng | Tỷ lệ (%)\n"
            "Kết nạp đảng viên | 120 | 64 | 53\n")
    got = facts_of(body)
    assert ("members_admitted", 64) in got
    assert not {("members_admitted", 120), ("members_admitted", 53)} & got


def test_one_ceremonys_admissions_are_not_the_years() -> None:
    facts = facts_of("Trong 5 đảng viên mới được kết nạp lần này, có 3 đồng chí là học sinh.")
    assert ("members_admitted", 5) not in facts
    assert ("members_total", 6100) in facts_of("Phát biểu tại buổi lễ, đồng chí Bí thư cho biết, Đảng bộ huyện "
                                               "hiện có trên 6.100 đảng viên.")


def test_a_town_named_like_its_district_does_not_take_over_on_a_tie() -> None:
    text = ("Chư Prông chăm lo công tác phát triển đảng viên\n\n"
            "Năm 2020, Đảng bộ huyện Chư Prông kết nạp 210 đảng viên, vượt chỉ tiêu đề ra.\n\n"
            "Tại Đảng bộ thị trấn Chư Prông, các chi bộ phân công đảng viên kèm cặp quần chúng.\n")
    unit = extract(Source("t.txt", text)).unit
    assert unit is not None and (unit.kind, unit.name) == ("huyện", "Chư Prông")
    lead = text.replace("Đảng bộ huyện Chư Prông kết nạp", "huyện kết nạp").replace(
        "Tại Đảng bộ thị trấn", "Năm 2020, Đảng ủy thị trấn").replace("các chi bộ phân công", "Đảng ủy thị trấn "
                                                                       "Chư Prông phân công")
    town = extract(Source("t.txt", lead)).unit
    assert town is not None and (town.kind, town.name) == ("thị trấn", "Chư Prông")


def test_a_predecessor_unit_marked_cu_is_another_unit() -> None:
    text = ("Phường Hội An tổng kết công tác xây dựng Đảng năm 2025\n\n"
            "Đảng bộ phường Hội An hiện có 46 tổ chức cơ sở đảng với 4.218 đảng viên. Trước đó, năm 2024, "
            "Đảng bộ thành phố Hội An (cũ) kết nạp 182 đảng viên.\n")
    facts = {(f.metric, f.value) for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert ("members_total", 4218) in facts and ("members_admitted", 182) not in facts


def test_a_planned_training_is_not_a_result() -> None:
    text = ("Tỉnh ủy Đắk Lắk tổng kết công tác tổ chức xây dựng Đảng năm 2016\n\n"
            "Năm 2016, Tỉnh ủy mở 40 lớp bồi dưỡng lý luận chính trị cho 3.100 học viên. Năm 2017, ngành tổ chức "
            "phấn đấu đào tạo trung cấp lý luận chính trị cho 2.000 cán bộ.\n")
    facts = {(f.metric, f.value) for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert ("training_attendees", 3100) in facts and ("training_attendees", 2000) not in facts


def test_hien_opening_a_sentence_is_a_snapshot_not_the_previous_term() -> None:
    text = ("Đại hội Đảng bộ xã Hòa Tiến nhiệm kỳ 2020 - 2025\n\nNgày 9/6/2020, Đảng bộ xã Hòa Tiến tổ chức Đại hội. "
            "Trong 5 năm, Đảng bộ xã đã kết nạp 62 đảng viên. Hiện Đảng bộ xã có 27 chi bộ trực thuộc với "
            "612 đảng viên.\n")
    facts = {f.metric: f for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert facts["members_admitted"].year is None and facts["members_total"].year == 2020


@pytest.mark.parametrize("heading", ["Các tin cùng chuyên mục:", "Bài viết cùng chủ đề:", "Ý kiến bạn đọc"])
def test_lists_of_other_articles_end_the_article(heading: str) -> None:
    text = ("Thành ủy Cà Mau sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2016\n\n"
            "Trong 6 tháng đầu năm 2016, Đảng bộ thành phố Cà Mau kết nạp 120 đảng viên. Công tác kiểm tra "
            "được tăng cường.\n\n" + "Nội dung khác của bài viết. " * 20 + "\n\n"
            f"{heading}\n- Huyện Trần Văn Thời kết nạp 98 đảng viên trong 6 tháng\n")
    facts = {(f.metric, f.value) for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert ("members_admitted", 120) in facts and ("members_admitted", 98) not in facts


def test_a_title_opening_with_the_bare_name_names_the_unit() -> None:
    text = ("Bảo Lộc kết nạp đảng viên vượt chỉ tiêu\n\n"
            "Năm 2019, Đảng bộ thành phố Bảo Lộc đã kết nạp 185 đảng viên mới, đạt 123,3% chỉ tiêu năm.\n\n"
            "Đảng ủy phường B'lao là đơn vị kết nạp nhiều đảng viên nhất với 17 đồng chí.\n")
    e = extract(Source("t.txt", text))
    assert e.unit is not None and (e.unit.kind, e.unit.name) == ("thành phố", "Bảo Lộc")
    assert ("members_admitted", 185) in {(f.metric, f.value) for f in e.facts}


def test_snapshots_at_a_congress_are_of_the_congress_year() -> None:
    text = ("Đại hội Đảng bộ thị xã Quảng Trị lần thứ VIII: Đoàn kết, đổi mới\n\n"
            "Sáng 20/7, Đại hội đại biểu Đảng bộ thị xã Quảng Trị lần thứ VIII, nhiệm kỳ 2020 - 2025 khai mạc.\n\n"
            "Hiện nay, toàn Đảng bộ thị xã có 25 tổ chức cơ sở đảng với 2.815 đảng viên. Năm 2019, 100% tổ chức cơ sở "
            "đảng được đánh giá, trong đó 20 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.\n")
    facts = {f.metric: f for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert facts["members_total"].year == 2020 and facts["orgs_good_or_above"].year == 2019


def test_a_town_of_the_districts_name_is_a_sub_unit() -> None:
    text = ("Huyện Chư Prông tổng kết công tác xây dựng Đảng năm 2020\n\n"
            "Năm 2020, Đảng bộ huyện Chư Prông kết nạp 210 đảng viên. Đảng bộ thị trấn Chư Prông kết nạp 24 đảng "
            "viên.\n")
    facts = {(f.metric, f.value) for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert ("members_admitted", 210) in facts and ("members_admitted", 24) not in facts


def test_cu_the_restating_a_rounded_total_exactly_is_no_part() -> None:
    text = ("Quận Hải Châu tổng kết công tác xây dựng Đảng năm 2024\n\n"
            "Năm 2024, Đảng bộ quận kết nạp 395 đảng viên, nâng tổng số đảng viên toàn Đảng bộ lên hơn 13 nghìn "
            "đồng chí. Cụ thể, tính đến ngày 30-11-2024, Đảng bộ quận Hải Châu có 13.486 đảng viên.\n")
    totals = [f.value for f in extract(Source("t.txt", text)).facts if f.metric == "members_total"]
    assert totals == [13486]


def test_an_article_on_one_chi_bo_has_no_figures_of_its_commune() -> None:
    text = ("Chi bộ tổ dân phố 5 phường Đa Kao: nhiều năm liền hoàn thành tốt nhiệm vụ\n\n"
            "Chi bộ tổ dân phố 5 trực thuộc Đảng ủy phường Đa Kao hiện có 61 đảng viên. Năm 2022, chi bộ kết nạp "
            "2 đảng viên. Toàn Đảng bộ phường có 1.204 đảng viên.\n")
    facts = {(f.metric, f.value) for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert ("members_total", 61) not in facts and ("members_admitted", 2) not in facts
    assert ("members_total", 1204) in facts


def test_toan_dang_bo_thanh_pho_is_the_city_itself_and_an_increment_is_no_total() -> None:
    text = ("Đảng bộ TPHCM: kết quả công tác xây dựng Đảng năm 2024\n\n"
            "Năm 2024, toàn Đảng bộ Thành phố kết nạp 8.715 đảng viên. Riêng trong quý 4 năm 2024, các cấp ủy thuộc "
            "Đảng bộ Thành phố kết nạp được 3.010 đảng viên mới, nâng tổng số đảng viên được kết nạp trong năm lên "
            "8.715 đồng chí.\n")
    facts = {(f.metric, f.value) for f in extract(Source("t.txt", text), keep_all=True).facts}
    assert ("members_admitted", 8715) in facts and ("members_admitted", 3010) not in facts


def test_a_documents_date_is_not_the_publication_and_a_plans_year_not_the_report_year() -> None:
    from reportgen.extract.times import find_published
    head = "Căn cứ Quy định số 45-QĐ/TW, ngày 01/11/2011 của Ban Chấp hành Trung ương;\nNgày 03/5/2012, Ban Tổ chức họp.\n"
    assert str(find_published(head)) == "2012-05-03"
    text = ("Thới Bình kết nạp 312 đảng viên mới\nCập nhật: 12/12/2018 - 06:45\n\n"
            "Từ đầu năm đến nay, Đảng bộ huyện Thới Bình đã kết nạp được 312 đảng viên mới, tăng 20 so với năm 2017.\n\n"
            "Năm 2019, Đảng bộ huyện phấn đấu kết nạp 300 đảng viên.\n")
    e = extract(Source("t.txt", text))
    assert e.report_year == 2018 and {(f.metric, f.value, f.year) for f in e.facts} >= {("members_admitted", 312, 2018)}


def test_a_morning_date_opening_the_article_gives_its_year() -> None:
    text = ("Khai giảng lớp bồi dưỡng\n\nSáng ngày 9/3/2015, Trung tâm bồi dưỡng chính trị huyện Đại Lộc khai giảng "
            "lớp bồi dưỡng nhận thức về Đảng.\n")
    assert extract(Source("t.txt", text)).report_year == 2015


def test_after_the_2025_merge_a_commune_rates_its_grassroots_organisations_not_their_cells() -> None:
    body = ("Năm 2025, trong 20 TCCSĐ có 4 tổ chức hoàn thành xuất sắc nhiệm vụ, 14 tổ chức hoàn thành tốt nhiệm vụ, "
            "2 tổ chức hoàn thành nhiệm vụ. Đối với 30 chi bộ trực thuộc đảng ủy cơ sở, có 6 chi bộ hoàn thành xuất "
            "sắc nhiệm vụ, 21 chi bộ hoàn thành tốt nhiệm vụ và 3 chi bộ hoàn thành nhiệm vụ.\n")
    after = facts_of(body, "Đảng ủy xã Hòa Tiến tổng kết năm 2025\n20/12/2025 | 08:00\n\n")
    assert {("orgs_excellent", 4), ("orgs_good_or_above", 18), ("orgs_completed", 2)} <= after
    assert not {("orgs_excellent", 6), ("orgs_completed", 3), ("orgs_good_or_above", 27)} & after
    # before it, the commune is itself the grassroots organisation: its cells are what it rates
    before = facts_of(body.replace("2025", "2023").replace("trong 20 TCCSĐ có 4 tổ chức hoàn thành xuất sắc nhiệm vụ, "
                                                            "14 tổ chức hoàn thành tốt nhiệm vụ, 2 tổ chức hoàn thành "
                                                            "nhiệm vụ. Đối với", "đối với"),
                      "Đảng ủy xã Hòa Tiến tổng kết năm 2023\n20/12/2023 | 08:00\n\n")
    assert ("orgs_excellent", 6) in before


def test_a_year_the_text_speaks_of_is_the_last_resort_for_the_report_year() -> None:
    text = ("Trao huy hiệu Đảng\n\nĐảng bộ xã Hòa Tiến có 512 đảng viên sinh hoạt ở 14 chi bộ. "
            "Đặc biệt, trong năm 2019 Đảng bộ và nhân dân xã đã hoàn thành các tiêu chí xây dựng nông thôn mới, "
            "đời sống của người dân được nâng lên rõ rệt.\n")
    e = extract(Source("t.txt", text))
    assert e.report_year == 2019 and ("members_total", 512, 2019) in {(f.metric, f.value, f.year) for f in e.facts}
    # one year singled out of a longer span is not the span's year
    singled = text.replace("Đặc biệt, trong năm", "Chỉ tính trong năm")
    assert extract(Source("t.txt", singled)).report_year is None


def test_a_year_wrapped_after_nam_in_a_pdf_keeps_its_figures_year(tmp_path: Path) -> None:
    """A PDF's lines break where the layout broke them: "năm" at the end of one, "2019" at the
    start of the next."""
    import weasyprint

    from reportgen.readers import read

    html = ("<html><body style='font-family: serif; font-size: 12pt'>"
            "<p>Huyện ủy Mường Lát tổng kết công tác xây dựng Đảng</p><p>02/01/2020 | 08:00</p>"
            "<p>Đồng chí Trưởng ban Tổ chức Huyện ủy cho biết, Đảng bộ huyện Mường Lát đã kết nạp được 215 đảng "
            "viên trong năm<br>2019, nâng tổng số đảng viên của Đảng bộ huyện lên 4.560 đồng chí.</p></body></html>")
    path = tmp_path / "bai.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    source = read(path)
    assert "năm\n2019" in source.text  # the line break is kept: the extractor must read across it
    facts = {(f.metric, f.value, f.year) for f in extract(source).facts}
    assert ("members_admitted", 215, 2019) in facts and ("members_total", 4560, 2019) in facts
