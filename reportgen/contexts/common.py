"""Pieces every document context shares: the header/signature block, unit labels, figures, sources."""
from __future__ import annotations

from typing import Any, Sequence

from reportgen.config import CENTRAL_CITIES, Config
from reportgen.contexts.merge import Figure, SourceRef
from reportgen.contexts.periods import figure_period
from reportgen.i18n import N_
from reportgen.model import METRIC_BY_KEY, Unit
from reportgen.vietnamese.formatting import format_date, format_date_short, format_quantity, qualifier_word

__all__ = ["doc_block", "party_of", "province_label", "unit_block", "figure_dict", "refs",
           "source_dicts", "capitalise", "PLACEHOLDER", "COMMON_FIELDS", "RENDER_FIELDS"]

#: What an official form prints where a value is to be filled in by hand.
PLACEHOLDER = "………………"

#: Top-level variables every kind's context has, with what they hold.
COMMON_FIELDS = {
    "kind": N_("the report kind (template name)"),
    "doc": N_("header and signature block: issuing body, number, place, date, signer, recipients, "
              "ended (notes on units that ended before the date)"),
    "title": N_("document type printed as the title (BÁO CÁO)"),
    "subject": N_("one-line subject under the title"),
    "intro": N_("opening paragraph"),
    "sources": N_("numbered source list: number, title, published, address, path, citation (title, date "
                  "and address: never the local file name)"),
    "n_sources": N_("number of sources"),
}

#: Variables `render()` adds to every context.
RENDER_FIELDS = {
    "layout": N_("page and type settings of reportgen.toml [layout] (official.css uses them)"),
    "job_slug": N_("the output file name without extension"),
}


def capitalise(text: str) -> str:
    """First letter upper-cased, the rest untouched: "huyện Mường Lát" -> "Huyện Mường Lát"."""
    return text[:1].upper() + text[1:]


def party_of(unit: Unit) -> str:
    """The unit's Party organisation in running text: "Đảng bộ thị xã Mộc Châu"."""
    return f"Đảng bộ {unit.label}"


def province_label(province: str | None) -> str:
    """"thành phố Hà Nội" for a centrally-run city, "tỉnh Long An" otherwise; "" if unknown."""
    if not province:
        return ""
    return f"{'thành phố' if province in CENTRAL_CITIES else 'tỉnh'} {province}"


def unit_block(unit: Unit) -> dict[str, Any]:
    """Template view of a unit: name, kind, labels, province."""
    return {
        "name": unit.name,
        "kind": unit.kind,
        "label": unit.label,
        "title": capitalise(unit.label),
        "party": party_of(unit),
        "committee": unit.committee,
        "province": unit.province or "",
        "province_label": province_label(unit.province) if unit.level != "province" else "",
        "slug": unit.slug,
    }


def doc_block(config: Config) -> dict[str, Any]:
    """Header and signature values of a document, placeholders where nothing is configured."""
    place = config.place or PLACEHOLDER
    # No date from the config or the sources: the office writes it in, never the build's day.
    when = config.date
    return {
        "superior_body": config.superior_body or "",
        "issuing_body": config.issuing_body or PLACEHOLDER,
        "number": config.number or "Số     -BC/",
        "place": place,
        "date": when.isoformat() if when else "",
        "date_text": format_date(when),
        "place_date": f"{place}, {format_date(when)}",
        "signing_body": config.signing_body or "T/M BAN THƯỜNG VỤ",
        "signer_title": config.signer_title,
        "signer_name": config.signer_name or "",
        "recipients": list(config.recipients),
        "author": config.author or (config.issuing_body or "").strip() or "reportgen",
        "ended": [],  # filled by the jobs (`dating.ended_units`)
    }


def refs(numbers: Sequence[int]) -> str:
    """Citation of source numbers: (1, 3) -> "[1], [3]"."""
    return ", ".join(f"[{n}]" for n in numbers)


def figure_dict(figure: Figure, offset: int = 0) -> dict[str, Any]:
    """Template view of a figure; `offset` shifts source numbers into a document-wide list."""
    metric = METRIC_BY_KEY[figure.metric]
    sources = [n + offset for n in figure.sources]
    return {
        "metric": figure.metric,
        "label": metric.label,
        "value": figure.value,
        "qualifier": figure.qualifier,
        "qualifier_word": qualifier_word(figure.qualifier),
        "year": figure.year,
        "period": figure_period(figure),
        "derived": figure.derived,
        "percent": metric.percent,
        "text": format_quantity(figure.value, figure.qualifier, metric.percent),
        "sources": sources,
        "refs": refs(sources),
        "evidence": list(figure.evidence),
        "notes": list(figure.notes),
    }


def source_dicts(sources: Sequence[SourceRef], offset: int = 0) -> list[dict[str, Any]]:
    """Template view of a source list: number, title, date, address, path and a citation line.

    A source is cited as a reader can find it again: its title, publication date and web address
    where known; the name of the local file it was read from means nothing to a reader.
    """
    out = []
    for source in sources:
        title = source.title or "Bài viết không rõ tiêu đề"
        published = format_date_short(source.published) if source.published else None
        line = f"«{title}»" if source.title else title
        line += f", đăng {format_date(source.published)}" if source.published else ", không rõ ngày đăng"
        if source.address:
            line += f", {source.address}"
        out.append({"number": source.number + offset, "title": title, "path": source.path,
                    "published": published, "address": source.address or "", "citation": line})
    return out
