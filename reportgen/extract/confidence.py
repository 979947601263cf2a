"""Step 5 of extraction: candidate facts -> facts with a calibrated confidence.

Each candidate's signals (what kind of figure it is, how its year was found, whose it is, what kind
of article it stands in) are weighed by a logistic model: z = w·x + b, then recalibrated,
confidence = 1 / (1 + e^-(a·z + c)). The weights are learned from every annotated article; the slope
a and shift c only from articles the rules were not developed on, since on those the rules are as
good as they will be on an office's own (`reportgen.evaluate.learn`, run by
`scripts/train_confidence.py`, shipped in `confidence.json` beside this module). Candidates whose
confidence is below the model's threshold are dropped. Without a model file every candidate keeps
confidence 0.5 (and a warning says why).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.frame import Frame
from reportgen.extract.resolve import Candidate
from reportgen.extract.segment import Layout
from reportgen.model import Fact

__all__ = ["score", "features", "probability", "MODEL_FILE", "GROUPS", "PRIORS", "load_model"]

MODEL_FILE = Path(__file__).with_name("confidence.json")

#: Metric groups: each has its own prior, learned (a figure of discipline is more often wrong).
GROUPS = {
    "members_total": "total", "members_female": "female", "members_admitted": "admitted",
    "admission_target_pct": "target_pct", "grassroots_orgs": "structure", "grassroots_committees": "structure",
    "grassroots_cells": "structure", "subordinate_cells": "subcells", "orgs_rated": "org_ratings",
    "orgs_excellent": "org_ratings", "orgs_good_or_above": "org_ratings", "orgs_completed": "org_ratings",
    "orgs_failed": "org_ratings", "members_rated": "member_ratings", "members_excellent": "member_ratings",
    "members_good_or_above": "member_ratings", "members_completed": "member_ratings",
    "members_failed": "member_ratings", "disciplined_orgs": "discipline", "disciplined_members": "discipline",
    "training_classes": "training", "training_attendees": "training", "awareness_classes": "training",
    "awareness_attendees": "training",
}
_CHANGE = fastre.compile(r"\b(?:tăng|giảm)\b|\bso với\b", re.I)
_OTHER_UNIT = fastre.compile(r"\b(?:xã|phường|thị trấn|huyện|thị xã|quận|Chi bộ|Đảng bộ)\s+[A-ZĐ0-9]")


#: What a signal is believed to do before the corpus is seen: the learner's prior mean for its
#: weight (log-odds), pulled towards by the penalty. Signals of another figure's or level's, of an
#: event, a plan or an award, of an unnamed unit or no time at all, lower the belief; a year stated
#: beside the figure, the unit named in its clause, a restatement, raise it. Unlisted: 0.
PRIORS: dict[str, float] = {
    "scope_part": -0.5, "scope_subunit": -1.0, "scope_event": -1.5, "scope_sector": -1.0, "scope_paren": -0.3,
    "scope_own": 0.7, "event_title": -1.5, "no_unit": -1.5, "commendation": -1.0, "plan_near": -1.5,
    "change": -0.3, "rivals": -0.8, "rival_max": 0.8, "other_units": -0.4, "late": -0.5, "title_only": -1.0,
    "year_adjacent": 0.6, "year_sentence": 0.3, "year_carried": 0.0, "year_after": 0.2, "year_none": -0.6,
    "time_snapshot": 0.0, "time_term": -0.2, "restated": 0.5, "qualified": -0.2, "derived": -0.3, "small": -0.8,
}
_PLAN_NEAR = fastre.compile(r"phấn đấu|dự kiến|mục tiêu|chỉ tiêu (?:đề ra|giao|phấn đấu)|kế hoạch (?:năm|giai đoạn) tới|"
                        r"\bsẽ\b|\bcần\b|đề ra|bình quân", re.I)


def features(candidate: Candidate, frame: Frame, layout: Layout, candidates: list[Candidate]) -> dict[str, float]:
    """The signals of one candidate fact, as named numbers (most are 0/1)."""
    role, fact = candidate.role, candidate.fact
    text = layout.text
    s = role.sentence
    sentence = text[s.start:s.end]
    near = text[max(s.start, role.hit.mention.start - 60):role.hit.mention.start]
    x: dict[str, float] = {f"group_{GROUPS.get(fact.metric, 'other')}": 1.0}
    x.update({k: v for k, v in candidate.signals.items() if k.startswith("year_")})
    x["time_" + role.time] = 1.0
    for flag in role.scope:
        x["scope_" + flag] = 1.0
    x["restated"] = min(2.0, candidate.signals.get("restated", 0.0))
    x["qualified"] = 1.0 if fact.qualifier != "exact" else 0.0
    x["derived"] = 1.0 if fact.derived else 0.0
    x["ratio"] = 1.0 if role.hit.mention.denominator is not None else 0.0
    x["in_title"] = 1.0 if s.start < frame.title_end else 0.0
    x["title_only"] = 1.0 if x["in_title"] and not x["restated"] else 0.0
    x["late"] = 1.0 if frame.body_end and s.start > 0.66 * frame.body_end else 0.0
    x["event_title"] = 1.0 if frame.event else 0.0
    x["no_unit"] = 1.0 if frame.unit is None else 0.0
    if frame.unit is not None:
        x["level_" + frame.unit.level] = 1.0
    same = [c for c in candidates if c.fact.metric == fact.metric and c.fact.year == fact.year]
    x["rivals"] = min(3.0, float(len(same) - 1))
    # Of several figures of one metric and year, the unit's own is the largest (its sub-units' are parts).
    x["rival_max"] = 1.0 if len(same) > 1 and float(fact.value) >= max(float(c.fact.value) for c in same) else 0.0
    x["other_units"] = min(3.0, float(len(_OTHER_UNIT.findall(sentence))))
    x["change"] = 1.0 if _CHANGE.search(near) else 0.0
    x["plan_near"] = 1.0 if _PLAN_NEAR.search(near) else 0.0
    x["commendation"] = 1.0 if V.COMMENDATION.search(sentence) else 0.0
    x["small"] = 1.0 if isinstance(fact.value, (int, float)) and fact.value < 5 and not x["ratio"] \
        and GROUPS.get(fact.metric) in ("total", "admitted", "member_ratings") else 0.0
    return x


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_FILE)) -> dict[str, Any] | None:
    """The model of a confidence file: {"weights": {...}, "bias": b, "threshold": t}, or None."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        return None
    return data


def probability(x: dict[str, float], model: dict[str, Any]) -> float:
    """The model's confidence for signals `x`: the weighed signals, recalibrated by the model's
    slope and shift (fitted on articles the rules were not written on)."""
    weights = model["weights"]
    z = float(model.get("bias", 0.0)) + sum(weights.get(k, 0.0) * v for k, v in x.items())
    z = float(model.get("slope", 1.0)) * z + float(model.get("shift", 0.0))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score(candidates: list[Candidate], frame: Frame, layout: Layout,
          model: dict[str, Any] | None = None, keep_all: bool = False) -> list[Fact]:
    """The facts of the candidates with their confidence; those below the threshold left out
    (all kept with `keep_all`)."""
    model = model if model is not None else load_model()
    if model is None:
        return [replace(c.fact, confidence=0.5) for c in candidates]
    threshold = 0.0 if keep_all else float(model.get("threshold", 0.0))
    out = []
    for c in candidates:
        p = probability(features(c, frame, layout, candidates), model)
        if p >= threshold:
            out.append(replace(c.fact, confidence=round(p, 3)))
    return out
