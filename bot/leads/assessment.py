"""The case evaluation the lead store keeps with each lead: its strength and reasons
(``bot.leads.triage``), its summary (``bot.leads.summary``) and the state's pre-suit
requirements and damages caps (``actions.limitations.pre_suit_requirements``, from the same
reviewed law data as the deadlines). The conflict matches are the store's part, since they
need the firm's list (``bot.leads.store.conflicts``).

``assess`` is pure apart from reading the triage configuration and the law data, both read
once and cached.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from bot.leads import vocabulary as v
from bot.leads.fields import as_records, read_value
from bot.leads.summary import case_summary
from bot.leads.triage import TriageConfig, load_config, triage

logger = logging.getLogger(__name__)


def facts_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``leads`` row (or a cleaned payload) as the API's values: lists and records decoded."""
    return {
        field.name: read_value(field, row[field.name])
        for field in v.FIELDS
        if field.name in row
    }


def _law_lookup() -> Callable[[str], list[dict[str, Any]]] | None:
    """``actions.limitations.pre_suit_requirements``, or None while the law data has no
    pre-suit part (it is being added alongside: until then leads show none)."""
    try:
        limitations = importlib.import_module("actions.limitations")
    except ImportError:
        return None
    lookup = getattr(limitations, "pre_suit_requirements", None)
    return lookup if callable(lookup) else None


def pre_suit(state: str | None) -> list[dict[str, str | None]]:
    """The state's pre-suit requirements, damages caps and special programs, each
    ``{"citation", "text"}``; an empty list for no state, an unknown one, or when the law data
    has none."""
    lookup = _law_lookup()
    if not state or lookup is None:
        return []
    try:
        entries = lookup(state)
    except Exception as error:  # never lose a lead over the display data
        logger.warning("pre-suit requirements unavailable (%s)", type(error).__name__)
        return []
    keys = v.RECORD_KEYS["pre_suit"]
    return [
        {key: (str(e[key]) if e.get(key) else None) for key in keys}
        for e in entries
        if isinstance(e, Mapping) and e.get("text")
    ]


def closed_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """The case evaluation's closed vocabularies enforced on a cleaned row: a harm or a wish
    outside them becomes None (unknown), a provider's unknown kind ``other``."""
    providers = as_records(row.get("providers"), v.RECORD_KEYS["providers"])
    for provider in providers:
        if provider["kind"] not in v.PROVIDER_KINDS:
            provider["kind"] = "other"
    return {
        "providers": json.dumps(providers),
        "harm_severity": row.get("harm_severity")
        if row.get("harm_severity") in v.HARM_SEVERITIES
        else None,
        "represented_intent": row.get("represented_intent")
        if row.get("represented_intent") in v.REPRESENTED_INTENTS
        else None,
    }


def reach_notes_of(payload: Mapping[str, Any]) -> list[str]:
    """The handoff's ``reach_notes`` (what the person said about reaching them: "Prefers
    “text first, I'm on job sites all day”"), as short lines; [] when there are none."""
    notes = payload.get("reach_notes")
    if not isinstance(notes, list):
        return []
    return [" ".join(str(n).split())[:300] for n in notes if str(n).strip()][:5]


def assess(
    row: Mapping[str, Any],
    config: TriageConfig | None = None,
    reach: list[str] | None = None,
) -> dict[str, Any]:
    """The evaluated columns of a lead (as stored: lists as JSON) from its cleaned row, with
    the closed vocabularies enforced (``closed_values``); ``reach`` joins the summary. The
    conflict matches are left to the store."""
    row = {**row, **closed_values(row)}
    facts = facts_of(row)
    strength: str | None = None
    reasons: list[str]
    try:
        result = triage(facts, config or load_config())
        strength, reasons = result.strength, list(result.reasons)
    except (OSError, ValueError, KeyError, TypeError) as error:
        # A broken triage.yml must never cost a lead: keep it unassessed, and say why.
        logger.error("triage configuration unusable (%s)", error)
        reasons = ["not assessed: the triage configuration could not be read"]
    return {
        **closed_values(row),
        "case_strength": strength,
        "case_strength_reasons": json.dumps(reasons),
        "case_summary": case_summary(facts, reach),
        "pre_suit": json.dumps(pre_suit(facts.get("state"))),
    }
