"""The data model every stage after the readers works on: frozen dataclasses only.

Readers turn files into `Source`; the extractor turns a `Source` into an `Extraction`
(unit, dates, `Fact`s with `Evidence`); checks add `Finding`s; contexts plan `DocumentJob`s, render
turns each into a `Rendered` document (charts given as `ChartSpec`s), and writers write those.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Union

from reportgen.vietnamese.formatting import slugify

Number = Union[int, float]

#: Kinds of administrative unit, as FACTS.md spells them, with their level.
UNIT_KINDS: dict[str, str] = {
    "tỉnh": "province", "huyện": "district", "thị xã": "district", "quận": "district",
    "thành phố": "district",  # a provincial city; a centrally-run city is a "tỉnh"-level unit
    "xã": "commune", "phường": "commune", "thị trấn": "commune",
}

#: The Party committee of each kind of unit ("Huyện ủy", "Thị ủy", ...), used in document headers.
COMMITTEE_OF_KIND: dict[str, str] = {
    "tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy", "quận": "Quận ủy",
    "xã": "Đảng ủy xã", "phường": "Đảng ủy phường", "thị trấn": "Đảng ủy thị trấn",
}

#: Centrally-run cities: province-level units of kind "thành phố" whose province is themselves
#: (SCHEMA.md convention 12); Huế from 2025 (before, a provincial city of Thừa Thiên Huế).
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

QUALIFIERS = ("exact", "over", "about", "under")

#: The template contexts `contexts` computes, one per built-in report kind (`contexts.CONTEXT_KINDS`
#: describes each); a template of another kind names one of them.
BUILTIN_CONTEXTS: tuple[str, ...] = ("tom-tat", "so-sanh", "danh-gia", "tong-ket-nam")


@dataclass(frozen=True)
class Metric:
    """One indicator of SCHEMA.md: its key, Vietnamese label, whether it is a percentage, and
    which way is an achievement."""

    key: str
    label: str
    group: str
    percent: bool = False
    #: "higher": more is better (members, admissions, rates of good grades), ranked in
    #: comparisons; "none": shown but never ranked as an achievement (discipline, failed grades).
    direction: str = "higher"

    @property
    def ranked(self) -> bool:
        """Whether comparisons rank units on this metric (more is better)."""
        return self.direction == "higher"


#: The metrics of corpus/SCHEMA.md v1, in document order. Keys keep their meaning forever.
METRICS: tuple[Metric, ...] = (
    Metric("members_total", "Tổng số đảng viên", "members"),
    Metric("members_female", "Đảng viên nữ", "members"),
    Metric("members_admitted", "Kết nạp đảng viên mới", "members"),
    Metric("admission_target_pct", "Kết nạp đạt so với chỉ tiêu", "members", percent=True),
    Metric("grassroots_orgs", "Tổ chức cơ sở đảng", "organisation"),
    Metric("grassroots_committees", "Đảng bộ cơ sở", "organisation"),
    Metric("grassroots_cells", "Chi bộ cơ sở", "organisation"),
    Metric("subordinate_cells", "Chi bộ trực thuộc đảng ủy cơ sở", "organisation"),
    Metric("orgs_rated", "Tổ chức cơ sở đảng được đánh giá, xếp loại", "org_ratings"),
    Metric("orgs_excellent", "Hoàn thành xuất sắc nhiệm vụ", "org_ratings"),
    Metric("orgs_good_or_above", "Hoàn thành tốt nhiệm vụ trở lên", "org_ratings"),
    Metric("orgs_completed", "Hoàn thành nhiệm vụ", "org_ratings"),
    Metric("orgs_failed", "Không hoàn thành nhiệm vụ", "org_ratings", direction="none"),
    Metric("members_rated", "Đảng viên được đánh giá, xếp loại", "member_ratings"),
    Metric("members_excellent", "Hoàn thành xuất sắc nhiệm vụ", "member_ratings"),
    Metric("members_good_or_above", "Hoàn thành tốt nhiệm vụ trở lên", "member_ratings"),
    Metric("members_completed", "Hoàn thành nhiệm vụ", "member_ratings"),
    Metric("members_failed", "Không hoàn thành nhiệm vụ", "member_ratings", direction="none"),
    Metric("disciplined_orgs", "Tổ chức đảng bị thi hành kỷ luật", "discipline", direction="none"),
    Metric("disciplined_members", "Đảng viên bị thi hành kỷ luật", "discipline", direction="none"),
    Metric("training_classes", "Lớp bồi dưỡng lý luận chính trị, nghiệp vụ", "training"),
    Metric("training_attendees", "Học viên các lớp bồi dưỡng", "training"),
    Metric("awareness_classes", "Lớp bồi dưỡng nhận thức về Đảng", "training"),
    Metric("awareness_attendees", "Quần chúng ưu tú học lớp nhận thức về Đảng", "training"),
)
METRIC_BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}
assert all(m.direction in ("higher", "none") for m in METRICS)


@dataclass(frozen=True)
class Unit:
    """An administrative unit whose Party organisation an article is about."""

    name: str
    kind: str
    province: str | None = None

    @property
    def level(self) -> str:
        """"province", "district" or "commune"."""
        if self.kind == "thành phố" and self.name in CENTRAL_CITIES and self.province == self.name:
            return "province"
        return UNIT_KINDS.get(self.kind, "district")

    @property
    def label(self) -> str:
        """The name with its kind: "huyện Mường Lát"."""
        return f"{self.kind} {self.name}"

    @property
    def committee(self) -> str:
        """The Party committee of the unit: "Huyện ủy Mường Lát"."""
        return f"{COMMITTEE_OF_KIND.get(self.kind, 'Đảng ủy')} {self.name}"

    @property
    def slug(self) -> str:
        """ASCII slug of kind and name: "huyen-muong-lat"."""
        return slugify(self.label)

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity used to group facts of the same unit across sources."""
        return (self.kind, self.name, self.province or "")

    def to_json(self) -> dict[str, str | None]:
        """The FACTS.md form of the unit."""
        return {"name": self.name, "kind": self.kind, "province": self.province}

    @classmethod
    def from_json(cls, data: dict[str, str | None]) -> Unit:
        """The unit from its FACTS.md form."""
        return cls(str(data["name"]), str(data["kind"]), data.get("province"))


@dataclass(frozen=True)
class Source:
    """One input document after reading: its decoded text and where it came from."""

    path: str
    text: str
    format: str = "txt"
    encoding: str = "utf-8"
    title_hint: str | None = None  # a title the container states (HTML <h1>, DOCX core title)
    published_hint: str | None = None  # a publication date the container states (ISO), if any
    site_hint: str | None = None  # what the page says around the article: site name, page title, breadcrumbs

    @property
    def sha256(self) -> str:
        """Content hash of the decoded text (cache and manifest key)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset in the decoded text."""
        return self.text.count("\n", 0, max(0, offset)) + 1


@dataclass(frozen=True)
class Evidence:
    """A verbatim span of the decoded source text: `source.text[start:end] == text`."""

    text: str
    start: int
    end: int


#: Kinds of period a figure refers to.
PERIOD_KINDS = ("year", "part", "term", "undated")


@dataclass(frozen=True)
class Period:
    """What time a figure covers: a year, part of a year ("9 tháng đầu năm 2017"), a term or span
    of years ("nhiệm kỳ 2015–2020"), or nothing stated."""

    kind: str  # one of PERIOD_KINDS
    start: int | None = None  # first year covered (the year of "year" and "part")
    end: int | None = None  # last year covered
    label: str = ""  # as the source states it, when it is not a plain year

    @classmethod
    def of_year(cls, year: int | None) -> Period:
        """The period of a plain year, or undated for None."""
        return cls("year", year, year) if year is not None else cls("undated")

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        """What two figures must share to be of the same period."""
        return (self.kind, self.start, self.end)

    def to_json(self) -> dict[str, object]:
        """The FACTS.md form: kind, start, end and label."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "label": self.label}

    @classmethod
    def from_json(cls, data: object) -> Period | None:
        """The period of its FACTS.md form; None when `data` is not one."""
        if not isinstance(data, dict) or data.get("kind") not in PERIOD_KINDS:
            return None
        start, end = (v if isinstance(v, int) else None for v in (data.get("start"), data.get("end")))
        return cls(str(data["kind"]), start, end, str(data.get("label") or ""))


@dataclass(frozen=True)
class Fact:
    """One figure about a unit's Party organisation, with the span it came from.

    `confidence` is the extractor's calibrated belief in [0, 1] that metric, value and year are
    right. `period` says what time the figure covers when that is more than its `year` (a
    part-year or a term); None means the plain year, or undated when `year` is None.
    """

    metric: str
    value: Number
    qualifier: str = "exact"
    year: int | None = None
    evidence: Evidence | None = None
    derived: bool = False
    corrected: bool = False
    note: str | None = None
    confidence: float = 1.0
    period: Period | None = None

    @property
    def dedup_key(self) -> tuple[str, Number, int | None]:
        """The key FACTS.md consumers deduplicate on."""
        return (self.metric, self.value, self.year)

    @property
    def span(self) -> Period:
        """The period the figure covers: `period`, else its year (or undated)."""
        return self.period if self.period is not None else Period.of_year(self.year)

    def to_json(self) -> dict[str, object]:
        """The FACTS.md form of the fact."""
        out: dict[str, object] = {"metric": self.metric, "value": self.value, "qualifier": self.qualifier,
                                  "year": self.year, "derived": self.derived,
                                  "confidence": round(self.confidence, 3)}
        if self.period is not None:
            out["period"] = self.period.to_json()
        if self.evidence is not None:
            out["evidence"] = {"text": self.evidence.text, "start": self.evidence.start,
                               "end": self.evidence.end}
        if self.corrected:
            out["corrected"] = True
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Fact:
        """The fact from its FACTS.md form."""
        ev = data.get("evidence")
        evidence = Evidence(str(ev["text"]), int(ev["start"]), int(ev["end"])) if isinstance(ev, dict) else None
        year = data.get("year")
        value = data["value"]
        assert isinstance(value, (int, float))
        return cls(metric=str(data["metric"]), value=value, qualifier=str(data.get("qualifier", "exact")),
                   year=int(year) if year is not None else None, evidence=evidence,
                   derived=bool(data.get("derived", False)), corrected=bool(data.get("corrected", False)),
                   note=data.get("note") if isinstance(data.get("note"), str) else None,
                   # none stored (facts a person added or corrected): sure
                   confidence=float(c) if isinstance(c := data.get("confidence"), (int, float))
                   and not isinstance(c, bool) and 0.0 <= c <= 1.0 else 1.0,
                   period=Period.from_json(data.get("period")))


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one source."""

    source: Source
    title: str | None
    published: date | None
    unit: Unit | None
    report_year: int | None
    facts: tuple[Fact, ...] = ()
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, object], source: Source) -> Extraction:
        """The extraction of `source` from its FACTS.md object."""
        published = data.get("published")
        unit = data.get("unit")
        return cls(source=source, title=data.get("title") if isinstance(data.get("title"), str) else None,
                   published=date.fromisoformat(published) if isinstance(published, str) else None,
                   unit=Unit.from_json(unit) if isinstance(unit, dict) else None,
                   report_year=data.get("report_year") if isinstance(data.get("report_year"), int) else None,
                   facts=tuple(Fact.from_json(f) for f in data.get("facts") or ()),
                   warnings=tuple(str(w) for w in data.get("warnings") or ()))

    def to_json(self) -> dict[str, object]:
        """The FACTS.md object for this source (path as given)."""
        return {
            "path": self.source.path,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "unit": self.unit.to_json() if self.unit else None,
            "report_year": self.report_year,
            "facts": [f.to_json() for f in self.facts],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Finding:
    """A problem found by a check: severity, a one-line message, and where it is."""

    severity: str  # "error" | "warning" | "info"
    code: str
    message: str
    path: str | None = None
    line: int | None = None
    evidence: str | None = None

    @property
    def location(self) -> str:
        """`file:line`, or the file alone."""
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or ""


@dataclass(frozen=True)
class Failure:
    """A source that could not be read or processed, with a one-line reason."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: files written, files left as they were, failures, findings."""

    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()
    findings: tuple[Finding, ...] = ()
    extractions: tuple[Extraction, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()  # what was left out and why (no LibreOffice: no PDF of Word kinds)


# -- documents: what contexts plan, render makes and writers write ---------------------------

@dataclass(frozen=True)
class DocumentJob:
    """One document to render: its kind, file slug, title, template context and sources."""

    kind: str
    slug: str
    title: str
    context: Mapping[str, Any]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ChartSpec:
    """What a bar chart shows; contexts hold these and rendering draws them (`drawn`).

    Drawing takes matplotlib about 0.3 s a chart: a build that finds its documents unchanged
    compares the specs and draws nothing."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    value_texts: tuple[str, ...]
    width_cm: float = 15.0

    @classmethod
    def of(cls, title: str, labels: Any, values: Any, value_texts: Any,
           width_cm: float = 15.0) -> ChartSpec:
        """A spec from any sequences (kept as tuples, so specs compare and hash)."""
        return cls(title, tuple(labels), tuple(values), tuple(value_texts), width_cm)


@dataclass(frozen=True)
class Rendered:
    """A rendered document: HTML (with its CSS inlined), where relative URLs resolve, metadata.

    `layout` carries the page and type settings the DOCX writer needs (the PDF gets them from
    the CSS); `resource_roots` are the folders files may be loaded from (the template folders).
    `docx` is the document filled from the kind's Word template, if it has one (`html` is then
    empty when the kind has no HTML template).
    """

    kind: str
    title: str
    html: str
    base_url: str | None
    metadata: Mapping[str, str]
    layout: Mapping[str, Any] = field(default_factory=dict)
    template: str = ""
    resource_roots: tuple[str, ...] = ()
    docx: bytes | None = None
