"""The case-strength triage: from a lead's facts to ``strong``, ``review`` or ``weak``, with the
named reasons that led there.

One pure, typed function (``triage``) over the lead's fields (``bot.leads.vocabulary`` names),
and its weights and thresholds in a YAML file the firm can change (``triage.yml`` beside this
module; ``load_config`` reads it, or another file given to it). It lives with the lead store
rather than the action server because the store applies it when it writes a lead, whichever
way the lead came (the handoff, the spool, a test), and the inbox shows it.

For staff only: neither the strength nor a reason is ever shown or hinted to the person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.leads import vocabulary as v
from bot.leads.conflicts import GENERIC_WORDS, name_tokens

DEFAULT_CONFIG = Path(__file__).resolve().parent / "triage.yml"

REASONS: Mapping[str, str] = {
    "death": "death of the patient",
    "permanent": "permanent harm",
    "ongoing": "ongoing treatment",
    "recovered": "recovered",
    "recovered_quickly": "recovered fully within weeks",
    "none_yet": "no harm yet",
    "harm_unknown": "harm not known yet",
    "provider_named": "provider named",
    "no_provider": "no provider named",
    "foreign_object": "object left in the body",
    "treatment_since": "further treatment since",
    "work_impact": "affects work or daily life",
    "has_records": "has their records",
    "deadline_passed": "deadline may have passed",
    "deadline_near": "deadline close: act now",
    "government_facility": "government facility: notice period",
    "represented": "already has a lawyer, keeps them",
    "second_opinion": "has a lawyer, wants a second opinion",
    "switch": "has a lawyer, wants to switch",
    "suit_filed": "a suit is already filed",
    "not_medmal": "not medical malpractice",
}
"""Each reason the triage can give, by its key in the configuration, and as staff read it."""

BAND_ORDER = ("strong", "review", "weak")  # best first

_QUICK_RECOVERY = re.compile(
    r"\b(?:with)?in\s+(?:a\s+)?(?:few|couple(?:\s+of)?|\d+|one|two|three)\s+(?:days?|weeks?)\b"
    r"|\b(?:a\s+)?(?:few|couple(?:\s+of)?)\s+(?:days|weeks)\s+later\b|\bquickly\b",
    re.I,
)
_NO_TREATMENT = re.compile(r"^\s*(?:no|none|nothing|not\s+yet|n/?a)\b", re.I)


@dataclass(frozen=True)
class TriageConfig:
    """Weights per reason (``REASONS`` keys), the band thresholds, and the caps."""

    weights: Mapping[str, int]
    strong_at: int
    weak_at: int
    caps: Mapping[str, str]


@dataclass(frozen=True)
class Triage:
    strength: str  # one of vocabulary.CASE_STRENGTHS
    reasons: tuple[str, ...]  # as staff read them, weightiest first
    score: int


def config_from_dict(data: Mapping[str, Any]) -> TriageConfig:
    """A configuration from the YAML's mapping; ``ValueError`` for an unknown reason or band
    (a typo must not silently count as nothing)."""
    weights_in = dict(data.get("weights") or {})
    unknown = set(weights_in) - set(REASONS)
    if unknown:
        raise ValueError(f"unknown triage reasons: {', '.join(sorted(unknown))}")
    weights = {key: int(weights_in.get(key, 0)) for key in REASONS}
    thresholds = dict(data.get("thresholds") or {})
    strong_at, weak_at = int(thresholds["strong_at"]), int(thresholds["weak_at"])
    if weak_at >= strong_at:
        raise ValueError("triage thresholds: weak_at must be below strong_at")
    caps = {str(k): str(band) for k, band in dict(data.get("caps") or {}).items()}
    bad = {k for k, band in caps.items() if k not in REASONS or band not in BAND_ORDER}
    if bad:
        raise ValueError(f"bad triage caps: {', '.join(sorted(bad))}")
    return TriageConfig(weights, strong_at, weak_at, caps)


@lru_cache(maxsize=4)
def load_config(path: Path = DEFAULT_CONFIG) -> TriageConfig:
    """The firm's triage configuration (read once per process)."""
    import yaml

    return config_from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


_KIND_ONLY = frozenset({
    "surgeon", "surgeons", "physician", "physicians", "doctors", "nurses", "pharmacist",
    "anesthesiologist", "specialist", "midwife", "obgyn", "ob", "gyn", "gp", "staff",
    "resident", "radiologist", "pediatrician", "dentist", "someone", "people", "team",
    "none",
})  # fmt: skip


def is_named(name: str) -> bool:
    """Whether a provider as said names someone ("Dr. Patel", "the ER at St. Mary's"), not
    only a kind ("the surgeon", "the ER", "a nurse")."""
    words = [w for w in name_tokens(name) if w not in _KIND_ONLY]
    return bool([w for w in words if w not in GENERIC_WORDS])


def reasons_that_apply(facts: Mapping[str, Any]) -> list[str]:
    """The keys of ``REASONS`` that describe this lead, in a fixed order."""
    found: list[str] = []
    outcome = facts.get("outcome")
    if facts.get("incident_type") == v.NOT_MEDMAL or outcome == v.NOT_MEDMAL:
        found.append("not_medmal")
    severity = facts.get("harm_severity")
    if facts.get("patient_deceased") is True:
        severity = "death"
    if severity == "recovered" and _QUICK_RECOVERY.search(
        str(facts.get("harm_description") or "")
    ):
        found.append("recovered_quickly")
    elif severity in ("death", "permanent", "ongoing", "recovered", "none_yet"):
        found.append(str(severity))
    else:
        found.append("harm_unknown")
    providers = facts.get("providers") or []
    named = [
        p for p in providers if isinstance(p, Mapping) and is_named(str(p.get("name")))
    ]
    found.append("provider_named" if named else "no_provider")
    if facts.get("foreign_object") is True:
        # a sponge or an instrument left inside: negligence that needs little proof
        found.append("foreign_object")
    treatment = str(facts.get("treatment_since") or "").strip()
    if treatment and not _NO_TREATMENT.search(treatment):
        found.append("treatment_since")
    if facts.get("work_impact") is True:
        found.append("work_impact")
    if facts.get("has_records") is True:
        found.append("has_records")
    days_left = facts.get("days_left")
    if (
        outcome == v.TIME_BARRED
        or facts.get("limitation_status") == "expired"
        or (isinstance(days_left, int) and days_left < 0)
    ):
        found.append("deadline_passed")
    elif outcome == v.URGENT or (
        isinstance(days_left, int) and days_left <= v.URGENT_DAYS
    ):
        found.append("deadline_near")
    if facts.get("government_facility") is True:
        found.append("government_facility")
    if facts.get("already_represented") is True:
        intent = facts.get("represented_intent")
        found.append(
            intent if intent in ("second_opinion", "switch") else "represented"
        )
    if facts.get("suit_filed") is True:
        found.append("suit_filed")
    return found


def triage(facts: Mapping[str, Any], config: TriageConfig) -> Triage:
    """The strength of a lead from its facts: the sum of the weights of the reasons that apply,
    banded by the thresholds, then capped by any reason with a cap. The reasons are given
    weightiest first (ties in ``REASONS`` order); a reason weighing 0 is still named."""
    keys = reasons_that_apply(facts)
    score = sum(config.weights.get(key, 0) for key in keys)
    if score >= config.strong_at:
        strength = "strong"
    elif score <= config.weak_at:
        strength = "weak"
    else:
        strength = "review"
    for key in keys:
        cap = config.caps.get(key)
        if cap and BAND_ORDER.index(cap) > BAND_ORDER.index(strength):
            strength = cap
    order = list(REASONS)
    keys.sort(key=lambda k: (-abs(config.weights.get(k, 0)), order.index(k)))
    return Triage(strength, tuple(REASONS[k] for k in keys), score)
