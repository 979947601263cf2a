"""Short Vietnamese sentences summarising a unit's figures, built only from its facts.

Every number in a sentence is a merged figure (or a share computed from two figures of the same
year); nothing is invented. Sentences name the unit with its kind ("Đảng bộ thị xã ...").
"""
from __future__ import annotations

from reportgen.contexts.merge import Figure, UnitFacts, figures_of, main_figure
from reportgen.contexts.periods import period_label
from reportgen.vietnamese.formatting import format_number, format_percent, format_quantity, share

__all__ = ["membership", "organisation", "ratings", "discipline", "training", "year_lead"]


def year_lead(year: int | None) -> str:
    """"Năm 2019, " before a dated statement, nothing before an undated one."""
    return f"Năm {year}, " if year else ""


def _q(figure: Figure) -> str:
    return format_quantity(figure.value, figure.qualifier, figure.percent)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _same_year(a: Figure | None, b: Figure | None) -> bool:
    return a is not None and b is not None and a.year == b.year and a.year is not None


def _undated(figure: Figure) -> str:
    if figure.year:
        return ""
    if figure.period.kind == "term":  # a term's figure: said with its term, never as a year's
        return f" ({period_label(figure.period)})"
    return " (nguồn không nêu rõ năm)"


def membership(facts: UnitFacts, party: str) -> list[str]:
    """Admissions, total, female members and the admission target."""
    out: list[str] = []
    total = main_figure(facts, "members_total")
    admitted = main_figure(facts, "members_admitted")
    if total and admitted and _same_year(total, admitted):
        out.append(f"{year_lead(total.year)}{party} kết nạp {_q(admitted)} đảng viên mới, "
                   f"nâng tổng số đảng viên lên {_q(total)} đồng chí.")
    else:
        if total:
            text = f"{year_lead(total.year)}{party} có {_q(total)} đảng viên{_undated(total)}"
            earlier = [f for f in figures_of(facts, "members_total")
                       if f.year and total.year and f.year < total.year]
            if earlier and total.qualifier == earlier[-1].qualifier == "exact":
                first = earlier[-1]  # the earliest year: the whole change over the period
                change = total.value - first.value
                verb = "tăng" if change >= 0 else "giảm"
                text += (f"; so với năm {first.year} ({format_number(first.value)} đảng viên), "
                         f"{verb} {format_number(abs(change))} đảng viên")
            out.append(_sentence(text))
        if admitted:
            out.append(_sentence(f"{year_lead(admitted.year)}{party} kết nạp {_q(admitted)} "
                                 f"đảng viên mới{_undated(admitted)}"))
    female = main_figure(facts, "members_female")
    if female:
        text = f"{year_lead(female.year)}số đảng viên nữ là {_q(female)} đồng chí"
        if _same_year(female, total) and total is not None:
            text += f", chiếm {format_percent(share(female.value, total.value))} tổng số đảng viên"
        out.append(_sentence(text + _undated(female)))
    target = main_figure(facts, "admission_target_pct")
    if target:
        out.append(_sentence(f"{year_lead(target.year)}kết quả kết nạp đảng viên đạt "
                             f"{_q(target)} so với chỉ tiêu"))
    return out


def organisation(facts: UnitFacts, party: str) -> list[str]:
    """Grassroots organisations and their kinds, all of one year."""
    orgs = main_figure(facts, "grassroots_orgs")
    year = orgs.year if orgs else None
    pick = (lambda m: main_figure(facts, m, year)) if year else (lambda m: main_figure(facts, m))
    committees, cells = pick("grassroots_committees"), pick("grassroots_cells")
    subordinate = pick("subordinate_cells")
    parts = []
    kinds = [f"{_q(f)} {label}" for f, label in ((committees, "đảng bộ cơ sở"),
                                                  (cells, "chi bộ cơ sở")) if f]
    if orgs:
        parts.append(f"{_q(orgs)} tổ chức cơ sở đảng"
                     + (f" (gồm {' và '.join(kinds)})" if kinds else ""))
    else:
        parts.extend(kinds)
    if subordinate:
        parts.append(f"{_q(subordinate)} chi bộ trực thuộc đảng ủy cơ sở")
    if not parts:
        return []
    lead = year_lead(year if orgs else (subordinate or committees or cells).year)  # type: ignore[union-attr]
    return [_sentence(f"{lead}{party} có {', '.join(parts)}")]


_RATING_LEVELS = (("excellent", "hoàn thành xuất sắc nhiệm vụ"),
                  ("good_or_above", "hoàn thành tốt nhiệm vụ trở lên"),
                  ("completed", "hoàn thành nhiệm vụ"),
                  ("failed", "không hoàn thành nhiệm vụ"))


def _rating_sentence(facts: UnitFacts, prefix: str, noun: str, noun_short: str) -> str | None:
    rated = main_figure(facts, f"{prefix}_rated")
    year = rated.year if rated else None
    parts = []
    for level, phrase in _RATING_LEVELS:
        figure = main_figure(facts, f"{prefix}_{level}", year) if year else \
            main_figure(facts, f"{prefix}_{level}")
        if figure is None:
            continue
        if year is None:
            year = figure.year
        pct = share(figure.value, rated.value) if _same_year(figure, rated) and rated else None
        detail = [format_percent(pct)] if pct is not None else []
        if figure.derived:
            detail.append("tính từ số liệu của nguồn")
        parts.append(f"{_q(figure)} {noun_short}" + (f" ({'; '.join(detail)})" if detail else "")
                     + f" {phrase}")
    if not parts:
        return None
    lead = f"qua đánh giá, xếp loại {_q(rated)} {noun}, có " if rated else "có "
    return _sentence(year_lead(year) + lead + "; ".join(parts))


def ratings(facts: UnitFacts, party: str) -> list[str]:
    """Quality ratings of grassroots organisations and of members, with shares of the rated."""
    out = [_rating_sentence(facts, "orgs", "tổ chức cơ sở đảng", "tổ chức"),
           _rating_sentence(facts, "members", "đảng viên", "đảng viên")]
    return [s for s in out if s]


def discipline(facts: UnitFacts, party: str) -> list[str]:
    """Organisations and members disciplined."""
    orgs = main_figure(facts, "disciplined_orgs")
    members = main_figure(facts, "disciplined_members")
    if orgs and members and not _same_year(orgs, members):
        return [_sentence(f"{year_lead(f.year)}trong {party} có {_q(f)} {noun} bị thi hành kỷ luật"
                          f"{_undated(f)}") for f, noun in ((orgs, "tổ chức đảng"),
                                                            (members, "đảng viên"))]
    parts = [f"{_q(f)} {noun}" for f, noun in ((orgs, "tổ chức đảng"), (members, "đảng viên"))
             if f]
    if not parts:
        return []
    year = (orgs or members).year  # type: ignore[union-attr]
    return [_sentence(f"{year_lead(year)}trong {party} có {' và '.join(parts)} bị thi hành "
                      f"kỷ luật" + ("" if year else " (nguồn không nêu rõ năm)"))]


_TRAINING = (("training_classes", "training_attendees",
              "lớp bồi dưỡng lý luận chính trị, nghiệp vụ", "học viên",
              "học viên được đào tạo, bồi dưỡng"),
             ("awareness_classes", "awareness_attendees", "lớp bồi dưỡng nhận thức về Đảng",
              "quần chúng ưu tú", "quần chúng ưu tú học lớp bồi dưỡng nhận thức về Đảng"))


def training(facts: UnitFacts, party: str) -> list[str]:
    """Classes and attendees, paired when one statement gives both; one sentence per year."""
    years = sorted({f.year for f in facts.figures
                    if f.metric in {m for t in _TRAINING for m in t[:2]}},
                   key=lambda y: (y is None, -(y or 0)))
    out = []
    for year in years:
        phrases: list[str] = []
        for classes_key, attendees_key, class_noun, person_noun, alone_noun in _TRAINING:
            classes = [f for f in figures_of(facts, classes_key) if f.year == year]
            attendees = [f for f in figures_of(facts, attendees_key) if f.year == year]
            used: set[int] = set()
            for c in classes:
                # A class count and an attendee count quoted from one span describe one course.
                match = next((i for i, a in enumerate(attendees)
                              if i not in used and set(a.evidence) & set(c.evidence)), None)
                text = f"mở {_q(c)} {class_noun}"
                if match is not None:
                    used.add(match)
                    text += f" cho {_q(attendees[match])} {person_noun}"
                phrases.append(text)
            alone = [a for i, a in enumerate(attendees) if i not in used]
            if alone:
                numbers = [_q(a) for a in alone]
                listed = numbers[0] if len(numbers) == 1 else \
                    ", ".join(numbers[:-1]) + " và " + numbers[-1]
                notes = (["theo từng loại lớp"] if len(numbers) > 1 else []) + \
                    ([] if year else ["nguồn không nêu rõ năm"])
                phrases.append(f"có {listed} {alone_noun}"
                               + (f" ({'; '.join(notes)})" if notes else ""))
        if phrases:
            tail = "" if year or "(" in phrases[-1] else " (nguồn không nêu rõ năm)"
            out.append(_sentence(f"{year_lead(year)}{party} " + "; ".join(phrases) + tail))
    return out
