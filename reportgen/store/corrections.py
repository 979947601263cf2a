"""Corrections a person made to extracted facts, applied to every build, check and export.

A corrections file (YAML or JSON; `corrections.yaml`/`.yml`/`.json` in the working folder is found
by itself) lists decisions on facts of sources:

    version: 1
    corrections:
      - source: bao-cao/muong-lat-2022.txt # the path when the decision was made
        sha256: 5f0c…                      # of the source's text then
        metric: members_total
        value: 3579                         # the value that was extracted
        year: 2022
        action: correct                     # or: reject
        corrected_value: 3581
        note: "số liệu theo báo cáo chính thức"

`corrected_year` corrects the year; `fact_id` (the review page writes it) names the fact exactly.
A rejected fact disappears; a corrected one takes the new value and is marked as corrected. Such a
file can be applied as it is (`build --corrections FILE`) or imported into the review database
(`reportgen corrections import FILE`). A decision whose source text has changed since is reported and
not applied: the fact it was about may no longer be what it was.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from reportgen.i18n import N_, _
from reportgen.model import METRIC_BY_KEY, Extraction, Fact, Finding
from reportgen.readers import ReadError, open_regular
from reportgen.store.decisions import Change, Decision, apply_decisions
from reportgen.vietnamese.numbers import LARGEST_COUNT, format_vn, parse_number

__all__ = ["Correction", "CorrectionsError", "load_corrections", "find_corrections_file", "apply_corrections",
           "to_decision", "DEFAULT_NAMES"]

DEFAULT_NAMES = ("corrections.yaml", "corrections.yml", "corrections.json")
ACTIONS = ("reject", "correct", "accept")


class CorrectionsError(ValueError):
    """A corrections file that cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class Correction:
    """One decision about one fact of one source."""

    source: str
    sha256: str | None
    metric: str
    value: int | float
    year: int | None
    action: str
    corrected_value: int | float | None = None
    note: str | None = None
    corrected_year: int | None = None
    fact_id: str | None = None  # written by the review page
    reviewer: str | None = None

    def matches(self, fact: Fact) -> bool:
        """Whether `fact` is the fact this decision is about."""
        return fact.metric == self.metric and float(fact.value) == float(self.value) and fact.year == self.year


#: A corrections file is what a person decided about some thousands of facts at most.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: YAML aliases may repeat a part of the file; the whole, aliases expanded, stays this small.
MAX_NODES = 1_000_000
MAX_DEPTH = 50
MAX_NOTE = 2000


class _YamlFloat(float):
    """A YAML float that remembers how it was written: 1.250 is a count in Vietnamese notation."""

    text: str = ""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader (no Python tags), its floats keeping their text."""


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value = _YamlFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
    value.text = str(node.value)
    return value


_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _number(value: Any, where: str, key: str) -> int | float:
    """A number of the file: a YAML/JSON number, or a text in Vietnamese notation ("1.250")."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CorrectionsError(_("{where}: {key} is not a number: {value}").format(
            where=where, key=key, value=_shown(value)))
    if isinstance(value, _YamlFloat) and _THOUSANDS.fullmatch(value.text):
        value = value.text  # unquoted 1.250 in YAML: one thousand two hundred and fifty
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        try:
            number = float(parse_number(text))  # "1.250" is one thousand two hundred and fifty
        except ValueError:
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                raise CorrectionsError(_("{where}: {key} is not a number: {value}").format(
                    where=where, key=key, value=_shown(value))) from None
    else:
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
    return int(number) if number.is_integer() else number


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _text(item: dict[str, Any], key: str, where: str, limit: int = 1000) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CorrectionsError(_("{where}: {key} must be a text, not a {kind}").format(
            where=where, key=key, kind=type(value).__name__))
    text = str(value)
    if len(text) > limit:
        raise CorrectionsError(_("{where}: {key} is {count} characters long (at most {limit})").format(
            where=where, key=key, count=len(text), limit=limit))
    return text


def _year(value: Any, where: str, key: str = "year") -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise CorrectionsError(_("{where}: {key} must be a year such as 2020, not {value}").format(
            where=where, key=key, value=_shown(value)))
    return value


def _parse(item: Any, where: str) -> Correction:
    if not isinstance(item, dict):
        raise CorrectionsError(_("{where}: each correction must be a mapping").format(where=where))
    missing = [k for k in ("source", "metric", "value", "action") if item.get(k) in (None, "")]
    if missing:
        raise CorrectionsError(_("{where}: missing {value}").format(where=where, value=', '.join(missing)))
    action = _text(item, "action", where)
    if action not in ACTIONS:
        raise CorrectionsError(_("{where}: action {action!r} is not one of {value}").format(
            where=where, action=action, value=', '.join(ACTIONS)))
    metric = _text(item, "metric", where)
    if metric not in METRIC_BY_KEY:
        raise CorrectionsError(_("{where}: unknown metric {metric!r}").format(where=where, metric=metric))
    sha = _text(item, "sha256", where, 64)
    if sha is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", sha):
        raise CorrectionsError(_("{where}: sha256 must be 64 hexadecimal digits, not {value}").format(
            where=where, value=_shown(sha)))
    corrected = item.get("corrected_value")
    corrected_year = _year(item.get("corrected_year"), where, "corrected_year")
    if action == "correct" and corrected in (None, "") and corrected_year is None:
        raise CorrectionsError(_("{where}: action 'correct' needs corrected_value or corrected_year").format(
            where=where))
    corrected_value = _number(corrected, where, "corrected_value") if corrected not in (None, "") else None
    if corrected_value is not None and not (math.isfinite(corrected_value) and 0 <= corrected_value <= LARGEST_COUNT):
        # A figure no report can state (negative, infinite, nan, beyond any Party's size) is a typo:
        # said here, in one line, rather than as a broken chart or total in every document.
        raise CorrectionsError(_("{where}: corrected_value must be a number from 0 to {value}, "
                               "not {value2}").format(
                                   where=where, value=format_vn(LARGEST_COUNT), value2=_shown(corrected)))
    return Correction(source=_text(item, "source", where) or "", sha256=sha, metric=metric,
                      value=_number(item["value"], where, "value"), year=_year(item.get("year"), where),
                      action=action, corrected_value=corrected_value,
                      note=_text(item, "note", where, MAX_NOTE) or None, corrected_year=corrected_year,
                      fact_id=_text(item, "fact_id", where, 40) or None, reviewer=_text(item, "reviewer", where) or None)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int], depth: int) -> int:
    """Nodes of the document with every alias expanded (shared parts counted each time)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        raise CorrectionsError(_("a recursive alias (an anchor used inside itself)"))
    if depth > MAX_DEPTH:
        raise CorrectionsError(_("nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH))
    open_nodes.add(key)
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    size = 1
    for child in children:
        size += _expanded_size(child, sizes, open_nodes, depth + 1)
        if size > MAX_NODES:
            raise CorrectionsError(_("more than {MAX_NODES} values once its aliases are expanded (an alias "
                                     "bomb?)").format(
                MAX_NODES=MAX_NODES))
    open_nodes.discard(key)
    sizes[key] = size
    return size


def _load_yaml(text: str) -> Any:
    """Safe YAML (no Python tags), refused when its aliases would expand past MAX_NODES."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {}, set(), 0)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _nesting_limit(err: Exception) -> bool:
    """Whether libyaml stopped at its own nesting limit (newer builds do, older ones recurse)."""
    context = getattr(err, "context", None) or ""
    problem = getattr(err, "problem", None) or ""
    return "level" in context and ("flow" in context or "block" in context) or "nesting" in problem


def load_corrections(path: Path) -> list[Correction]:
    """The corrections of a YAML or JSON file (CorrectionsError with a one-line reason)."""
    try:
        with open_regular(Path(path), MAX_FILE_BYTES, N_("corrections file")) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except ReadError as err:
        raise CorrectionsError(f"{path}: {err.reason}") from None
    except OSError as err:
        raise CorrectionsError(_("{path}: cannot be read ({value})").format(
            path=path, value=err.strerror or err)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorrectionsError(_("{path}: not UTF-8 text (byte {start})").format(
            path=path, start=err.start)) from None
    kind = "JSON" if Path(path).suffix.lower() == ".json" else "YAML"
    try:
        data = json.loads(text) if kind == "JSON" else _load_yaml(text)
    except CorrectionsError as err:
        raise CorrectionsError(_("{path}: not usable {kind}: {err}").format(
            path=path, kind=kind, err=err)) from None
    except RecursionError:
        raise CorrectionsError(_("{path}: not usable {kind}: nested too deeply").format(
            path=path, kind=kind)) from None
    except (ValueError, yaml.YAMLError) as err:
        if _nesting_limit(err):
            raise CorrectionsError(_("{path}: not usable {kind}: nested too deeply").format(
                path=path, kind=kind)) from None
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise CorrectionsError(_("{path}: not valid {kind}: {first}").format(
            path=path, kind=kind, first=first)) from None
    items = data.get("corrections", []) if isinstance(data, dict) else data if data is not None else []
    if not isinstance(items, list):
        raise CorrectionsError(_("{path}: 'corrections' must be a list").format(path=path))
    return [_parse(item, _("{path}: correction "
                           "{number}").format(path=path, number=i + 1)) for i, item in enumerate(items)]


def find_corrections_file(cwd: Path | None = None) -> Path | None:
    """The corrections file of the working folder, if there is one."""
    for name in DEFAULT_NAMES:
        candidate = (cwd or Path.cwd()) / name
        if candidate.is_file():
            return candidate
    return None


def to_decision(c: Correction, reviewer: str = "", origin: str = "") -> Decision:
    """The store's form of a decision of a corrections file (it names its fact by metric, value
    and year; `fact_id` when the review page wrote one)."""
    change = Change(value=c.corrected_value, year=c.corrected_year) if c.action == "correct" else Change()
    return Decision(fact_id=c.fact_id or "", source=c.source, sha256=c.sha256 or "", action=c.action,
                    metric=c.metric, value=c.value, year=c.year, change=change, reviewer=c.reviewer or reviewer,
                    note=c.note, origin=origin)


def apply_corrections(extractions: Sequence[Extraction], corrections: Sequence[Correction]
                      ) -> tuple[list[Extraction], list[Finding]]:
    """The extractions with the decisions applied, and findings for decisions that were not."""
    out, findings, _unused = apply_decisions(extractions, [to_decision(c) for c in corrections])
    return out, findings
