"""plan(), merged facts, generated sentences, config and rendering of the templates."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import jinja2
import pytest
from docs_fixtures import TEST_CONFIG, load_seed, load_seeds, second_article

from reportgen.config import Config, ConfigError, Layout, for_unit, load_config
from reportgen.contexts import plan
from reportgen.model import Fact, Unit
from reportgen.render import render


@pytest.fixture(scope="module")
def jobs() -> list:
    return plan(load_seeds(), TEST_CONFIG)


def _job(jobs: list, slug_start: str):
    return next(j for j in jobs if j.slug.startswith(slug_start))


def _all_text(context: dict) -> str:
    parts = [context["intro"]]
    for section in context.get("sections", []):
        parts.extend(section["sentences"])
    return "\n".join(parts)


def test_plan_one_summary_per_unit_and_one_comparison(jobs: list) -> None:
    kinds = [j.kind for j in jobs]
    # one per unit and year it has figures of (Kiến Tường's article gives 2015, 2019, 2020 and
    # undated ones), then the comparison of the year most units have
    assert kinds == ["tom-tat"] * 8 + ["so-sanh"]
    slugs = [j.slug for j in jobs]
    assert "huyen-thuong-tin-2019" in slugs and "thi-xa-kien-tuong-2020" in slugs
    assert {"thi-xa-kien-tuong-2015", "thi-xa-kien-tuong-2019", "thi-xa-kien-tuong-khong-ro-nam"} <= set(slugs)
    assert "huyen-thanh-tri-khong-ro-nam" in slugs  # no dated figure
    assert slugs[-1] == "so-sanh-2022-2-don-vi"
    assert all(s.isascii() for s in slugs)
    # the two units of 2022, and the units whose figures of other years are shown apart
    assert len(jobs[-1].sources) == 4


def test_plan_merges_articles_of_one_unit_and_deduplicates() -> None:
    first = load_seed("thuong-tin-2019")
    extra = Fact("members_female", 4100, year=2019)
    second = second_article(first, extra)
    notes: list[str] = []
    jobs = plan([first, second, load_seed("tan-hong-2022")], TEST_CONFIG, notes=notes)
    # one unit of 2019 and one of 2022: nothing to compare on one year
    assert [j.kind for j in jobs] == ["tom-tat", "tom-tat"]
    assert len(notes) == 1 and "2022" in notes[0]
    summary = jobs[0]
    assert summary.sources == ("seeds/thuong-tin-2019.txt", "seeds/thuong-tin-2019-b.txt")
    assert summary.context["n_sources"] == 2
    members = summary.context["sections"][0]["rows"]
    totals = [r for r in members if r["metric"] == "members_total"]
    assert len(totals) == 1 and totals[0]["sources"] == [1, 2]
    assert totals[0]["refs"] == "[1], [2]"
    female = [r for r in members if r["metric"] == "members_female"]
    assert female[0]["sources"] == [2]
    assert female[0]["share_text"] == "44,4% tổng số đảng viên"


def test_extractions_without_unit_are_skipped() -> None:
    lost = replace(load_seed("thuong-tin-2019"), unit=None)
    assert plan([lost], TEST_CONFIG) == []
    assert plan([], TEST_CONFIG) == []


def test_summary_sentences_are_built_from_facts(jobs: list) -> None:
    text = _all_text(_job(jobs, "huyen-thuong-tin").context)
    assert ("Năm 2019, Đảng bộ huyện Thường Tín kết nạp 273 đảng viên mới, nâng tổng số "
            "đảng viên lên 9.240 đồng chí.") in text
    assert "6.863 đảng viên (89,5%) hoàn thành tốt nhiệm vụ trở lên" in text
    assert "tính từ" in text  # the derived 54 says so


def test_unit_kind_and_qualifiers_in_text(jobs: list) -> None:
    kien_tuong = _job(jobs, "thi-xa-kien-tuong").context
    assert "Đảng bộ thị xã Kiến Tường" in _all_text(kien_tuong)
    assert "huyện" not in _all_text(kien_tuong)
    assert kien_tuong["doc"]["issuing_body"] == "THỊ ỦY KIẾN TƯỜNG"
    assert kien_tuong["doc"]["superior_body"] == "ĐẢNG BỘ TỈNH LONG AN"
    vinh_tuong = _job(jobs, "huyen-vinh-tuong").context
    assert "có trên 9.600 đảng viên" in _all_text(vinh_tuong)


def test_missing_figures_are_left_out_not_zero(jobs: list) -> None:
    thanh_tri = _job(jobs, "huyen-thanh-tri").context
    members = thanh_tri["sections"][0]
    assert members["empty"] and members["rows"] == [] and members["sentences"] == []
    for section in thanh_tri["sections"]:
        for row in section["rows"]:
            assert row["value"] != 0


def test_derived_figures_are_marked(jobs: list) -> None:
    context = _job(jobs, "huyen-thuong-tin").context
    notes = context["derived_notes"]
    assert len(notes) == 1 and "tính từ" in notes[0] and notes[0].startswith("(*)")


def test_comparison_covers_units_years_and_ratios(jobs: list) -> None:
    context = jobs[-1].context
    assert context["n_units"] == 2 and context["year"] == 2022
    assert "đều thuộc năm 2022" in context["years_note"]
    rows = {r["unit"]["name"]: r for r in context["rows"]}
    assert set(rows) == {"Tân Hồng", "Vĩnh Tường"}
    per_org = rows["Tân Hồng"]["cells"]["members_per_org"]
    assert per_org["text"] == "123,3" and per_org["year"] == 2022
    assert rows["Vĩnh Tường"]["cells"]["members_per_org"]["qualifier"] == "about"
    ranking = next(r for r in context["rankings"] if r["key"] == "members_total")
    assert ranking["order"][0]["unit"] == "Huyện Vĩnh Tường"
    assert "cao nhất là Đảng bộ huyện Vĩnh Tường" in ranking["sentence"]
    assert "thấp nhất là Đảng bộ huyện Tân Hồng" in ranking["sentence"]
    assert "bình quân" in ranking["sentence"]
    # the figures of other years are shown apart with their year, never ranked
    others = {(o["unit"], o["label"], o["text"], o["period"]) for o in context["others"]}
    assert ("Huyện Thường Tín", "Tổng số đảng viên", "9.240", "năm 2019") in others
    assert ("Thị xã Kiến Tường", "Tổng số đảng viên", "1.985", "năm 2020") in others
    assert not any("Thường Tín" in r["sentence"] for r in context["rankings"])
    from reportgen.render.charts import drawn

    assert context["charts"] and drawn(context["charts"])[0]["svg"].startswith("data:image/svg+xml")


def test_an_unchanged_build_draws_no_chart(sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.pipeline import build
    from reportgen.render import charts

    drawn_titles: list[str] = []
    real = charts.bar_chart

    def counting(title: str, *rest: object) -> dict[str, object]:
        drawn_titles.append(title)
        return real(title, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "bar_chart", counting)
    monkeypatch.setattr(charts, "_DRAWN", {})
    out = tmp_path / "out"
    config = load_config(cwd=tmp_path)
    first = build([str(sources)], out, config, formats=("docx",), kind="so-sanh")
    assert first.written and drawn_titles, "the comparison has charts"
    drawn_titles.clear()
    charts._DRAWN.clear()
    second = build([str(sources)], out, config, formats=("docx",), kind="so-sanh")
    assert second.unchanged and not second.written
    assert drawn_titles == []


@pytest.mark.parametrize("kind, name, abbreviation, issuer", [
    ("huyện", "Thường Tín", "HU", "HUYỆN ỦY THƯỜNG TÍN"),
    ("thị xã", "Kiến Tường", "TU", "THỊ ỦY KIẾN TƯỜNG"),
    ("thành phố", "Tân An", "TU", "THÀNH ỦY TÂN AN"),
    ("quận", "Ba Đình", "QU", "QUẬN ỦY BA ĐÌNH"),
    ("xã", "Tân Lập", "ĐU", "ĐẢNG ỦY XÃ TÂN LẬP"),
    ("tỉnh", "Long An", "TU", "TỈNH ỦY LONG AN"),
])
def test_for_unit_fills_header_from_unit(kind: str, name: str, abbreviation: str,
                                         issuer: str) -> None:
    config = for_unit(Config(date=date(2024, 1, 2)), Unit(name, kind, "Long An"))
    assert config.issuing_body == issuer
    assert config.number == f"Số     -BC/{abbreviation}"
    assert config.place == name
    if kind not in ("tỉnh", "xã"):  # a commune's superior: tests/test_header.py
        assert config.superior_body == "ĐẢNG BỘ TỈNH LONG AN"


def test_for_unit_central_city_and_configured_values() -> None:
    unit = Unit("Thường Tín", "huyện", "Hà Nội")
    assert for_unit(Config(), unit).superior_body == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    assert for_unit(Config(), unit).date is None  # no source date: left to fill in, never today
    assert for_unit(Config(), unit, date(2020, 3, 2)).date == date(2020, 3, 2)
    assert for_unit(Config(date=date(2021, 1, 5)), unit, date(2020, 3, 2)).date == date(2021, 1, 5)
    fixed = for_unit(Config(number="Số 12-BC/HU", issuing_body="X"), unit)
    assert fixed.number == "Số 12-BC/HU" and fixed.issuing_body == "X"


def test_load_config_reads_toml_and_rejects_unknown_keys(tmp_path: Path) -> None:
    assert load_config(cwd=tmp_path) == Config()
    (tmp_path / "reportgen.toml").write_text(
        'signer_name = "Trần Văn B"\ndate = 2020-03-02\nrecipients = ["Như trên"]\n'
        'template_dirs = ["tpl"]\n[layout]\nmargin_left_mm = 35\n', encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert config.signer_name == "Trần Văn B" and config.date == date(2020, 3, 2)
    assert config.recipients == ("Như trên",)
    assert config.layout == replace(Layout(), margin_left_mm=35.0)
    assert config.template_dirs == (tmp_path.resolve() / "tpl",)
    bad = tmp_path / "bad.toml"
    bad.write_text('signer = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="khóa 'signer' không hợp lệ") as info:
        load_config(bad)
    assert "\n" not in str(info.value)
    bad.write_text('[layout]\nmargin = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[layout\]: khóa 'margin' không hợp lệ"):
        load_config(bad)


def test_render_inlines_css_unescaped(jobs: list) -> None:
    rendered = render(jobs[0], TEST_CONFIG)
    assert '"Times New Roman", "Liberation Serif", "Tinos", serif' in rendered.html
    assert "&#34;" not in rendered.html and "&quot;Times" not in rendered.html
    assert "margin: 20.0mm 15.0mm 20.0mm 30.0mm" in rendered.html
    assert rendered.metadata["author"] == "THỊ ỦY KIẾN TƯỜNG"
    assert rendered.base_url and rendered.base_url.startswith("file://")


def test_user_template_extends_builtin_default(jobs: list, tmp_path: Path) -> None:
    (tmp_path / "tom-tat.html.j2").write_text(
        '{% extends "!default/tom-tat.html.j2" %}{% block title %}<h1 class="title">'
        'BÁO CÁO RIÊNG</h1>{{ super() }}{% endblock %}', encoding="utf-8")
    config = replace(TEST_CONFIG, template_dirs=(tmp_path,))
    html = render(jobs[0], config).html
    assert "BÁO CÁO RIÊNG" in html and "ĐẢNG CỘNG SẢN VIỆT NAM" in html


def test_templates_are_strict(jobs: list, tmp_path: Path) -> None:
    (tmp_path / "tom-tat.html.j2").write_text("<p>{{ no_such_value }}</p>", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render(jobs[0], replace(TEST_CONFIG, template_dirs=(tmp_path,)))
