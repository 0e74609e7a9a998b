"""Turns the screening facts into one outcome, with the filing deadline from the
statute-of-limitations engine (`actions.limitations`).

The outcome words are the lead's (`bot.leads.vocabulary.OUTCOMES`, shared with the inbox):
`qualified`, `urgent`, `time_barred`, `represented`, `not_medmal`. The deadline is a screening
estimate for the firm's staff; the client is never told a date, only whether to call today.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import limitations
from bot.leads.vocabulary import (
    NOT_MEDMAL,
    QUALIFIED,
    REPRESENTED,
    TIME_BARRED,
    URGENT,
    URGENT_DAYS,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    outcome: str
    deadline: str | None = None
    days_left: int | None = None
    limitation_status: str | None = None
    explanation: str | None = None
    citation: str | None = None
    caveats: list[str] = field(default_factory=list)


def decide_outcome(slots: dict[str, Any], as_of: dt.date | None = None) -> Outcome:
    """The outcome of a screening, from its slots. Pure: the same facts give the same answer.

    - not a medical matter -> `not_medmal`; already has a lawyer -> `represented`;
    - otherwise the limitations engine decides: `expired` -> `time_barred`, `urgent` -> `urgent`,
      `needs_review` -> `urgent` when a government facility is involved (notice-of-claim periods
      can be a few months) or the estimate is within `URGENT_DAYS` (90) days, else
      `qualified`; `open` -> `qualified`. Missing facts (a callback before the dates were
      given) -> `qualified`, no date.
    """
    if slots.get("incident_type") == NOT_MEDMAL:
        return Outcome(NOT_MEDMAL)
    if slots.get("already_represented") is True:
        return Outcome(REPRESENTED)
    if not slots.get("state") or not slots.get("incident_date"):
        return Outcome(
            QUALIFIED,
            explanation="Not enough facts for a deadline estimate (state or date missing).",
        )
    try:
        result = limitations.compute(
            state=slots["state"],
            incident_date=slots["incident_date"],
            discovery_date=slots.get("discovery_date") or None,
            date_of_birth=slots.get("patient_dob") or None,
            death_date=slots.get("death_date") or None,
            case_type=slots.get("incident_type") or None,
            government_facility=bool(slots.get("government_facility")),
            as_of=as_of,
        )
    except limitations.LimitationInputError as error:
        return Outcome(QUALIFIED, explanation=f"No deadline estimate: {error}")
    status = result.status
    if status == "expired":
        outcome = TIME_BARRED
    elif status == "urgent":
        outcome = URGENT
    elif status == "needs_review":
        near = result.days_left is not None and result.days_left <= URGENT_DAYS
        outcome = URGENT if near or slots.get("government_facility") else QUALIFIED
    else:
        outcome = QUALIFIED
    return Outcome(
        outcome=outcome,
        deadline=result.deadline.isoformat() if result.deadline else None,
        days_left=result.days_left,
        limitation_status=status,
        explanation=result.explanation,
        citation=result.citation,
        caveats=list(result.caveats),
    )


class ActionScreeningOutcome(Action):
    def name(self) -> str:
        return "action_screening_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        result = decide_outcome(tracker.current_slot_values())
        logger.info(
            "screening outcome %s (status %s)", result.outcome, result.limitation_status
        )
        return [
            SlotSet("screening_outcome", result.outcome),
            SlotSet("deadline", result.deadline),
            SlotSet("days_left", result.days_left),
            SlotSet("limitation_status", result.limitation_status),
            SlotSet("limitation_explanation", result.explanation),
            SlotSet("limitation_citation", result.citation),
            SlotSet("limitation_caveats", result.caveats),
        ]
