"""Hands a finished screening to the firm's intake inbox, before the client is told anything.

The lead is written to the lead store first; only a successful write lets the assistant say
"received" and give a reference number. If the store cannot be reached, the lead is kept in the
local spool (the worker, ``bot.leads.worker``, writes it once the database is back) and the
client is asked to call, so nothing is lost and no false confirmation is given. Writing is
idempotent per screening (`screening_id`), so a retried action or a restart never makes a
duplicate.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.leads import vocabulary

logger = logging.getLogger(__name__)

# Each lead field the screening fills, and the slot it is read from.
LEAD_SLOTS: dict[str, str] = {
    field.name: field.slot for field in vocabulary.SLOT_FIELDS if field.slot
}


def channel_of(tracker: Tracker) -> str:
    """The staff name of the channel the person wrote on (unknown channels count as web)."""
    input_channel = tracker.get_latest_input_channel() or "rest"
    return vocabulary.CHANNEL_ALIASES.get(input_channel, vocabulary.DEFAULT_CHANNEL)


def transcript_of(tracker: Tracker) -> list[vocabulary.TranscriptLine]:
    """Who said what, when: a snapshot kept with the lead in case the tracker store is purged."""
    lines: list[vocabulary.TranscriptLine] = []
    for event in tracker.events:
        kind = event.get("event")
        if kind not in ("user", "bot") or not event.get("text"):
            continue
        at = dt.datetime.fromtimestamp(
            event.get("timestamp") or 0, tz=dt.timezone.utc
        ).isoformat()
        lines.append(
            vocabulary.transcript_line(
                at=at,
                sender="user" if kind == "user" else "bot",
                text=event["text"],
                channel=vocabulary.CHANNEL_ALIASES.get(event.get("input_channel") or "")
                if kind == "user"
                else None,
            )
        )
    return lines


def build_lead(tracker: Tracker) -> dict[str, Any]:
    """The handoff payload: every lead field read from its slot (``LEAD_SLOTS``), plus the
    conversation, its channel and a transcript snapshot."""
    slot = tracker.get_slot
    lead: dict[str, Any] = {name: slot(source) for name, source in LEAD_SLOTS.items()}
    lead.update(
        conversation_id=tracker.sender_id,
        dedupe_key=f"{tracker.sender_id}:{slot('screening_id') or 'screening'}",
        channel=channel_of(tracker),
        caveats=lead["caveats"] or [],
        callback_requested=bool(lead["callback_requested"]),
        transcript_snapshot=transcript_of(tracker),
    )
    return lead


def write_lead(lead: dict[str, Any]) -> dict[str, Any] | None:
    """Writes the lead; returns the stored lead, or None after spooling it when the store is down.

    Only the lead: the schema is migrated at start-up (the inbox, ``python -m bot.leads
    migrate`` or the worker), and spooled leads are written by the worker (``bot.leads.worker``),
    never on the way to answering the person."""
    from bot.leads.spool import spool_lead
    from bot.leads.store import get_store

    try:
        return get_store().create_lead(lead)
    except Exception as error:
        # the database is down or refused (or not migrated yet): keep it, tell the truth
        logger.error("lead store unavailable (%s); lead spooled", type(error).__name__)
        spool_lead(lead)
        return None


class ActionSubmitLead(Action):
    def name(self) -> str:
        return "action_submit_lead"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lead = build_lead(tracker)
        outcome = lead["outcome"] or vocabulary.QUALIFIED
        try:
            stored = await asyncio.get_running_loop().run_in_executor(
                None, write_lead, lead
            )
        except Exception as error:  # even the spool failed: say so, never pretend
            logger.error("lead could not be kept (%s)", type(error).__name__)
            stored = None
        if stored is None:
            dispatcher.utter_message(response="utter_handoff_failed")
            return [SlotSet("lead_reference", None)]
        reference = stored["reference"]
        logger.info("lead %s written (outcome %s)", reference, outcome)
        if outcome in (vocabulary.REPRESENTED, vocabulary.NOT_MEDMAL):
            dispatcher.utter_message(response=f"utter_outcome_{outcome}")
        elif lead.get("contact_consent") is False:
            dispatcher.utter_message(
                response="utter_outcome_no_consent", reference=reference
            )
        elif lead["callback_requested"] and outcome == vocabulary.QUALIFIED:
            dispatcher.utter_message(
                response="utter_outcome_callback", reference=reference
            )
        else:
            dispatcher.utter_message(
                response=f"utter_outcome_{outcome}", reference=reference
            )
        dispatcher.utter_message(response="utter_what_next")
        return [SlotSet("lead_reference", reference)]
