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

logger = logging.getLogger(__name__)

LEAD_SLOTS = (
    "incident_type",
    "incident_description",
    "state",
    "incident_date",
    "discovery_date",
    "patient_role",
    "patient_dob",
    "patient_deceased",
    "death_date",
    "government_facility",
    "already_represented",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_consent",
)
CHANNELS = {"rest": "web", "twilio": "sms", "cmdline": "shell", "socketio": "web"}


def channel_of(tracker: Tracker) -> str:
    return CHANNELS.get(tracker.get_latest_input_channel() or "rest", "web")


def transcript_of(tracker: Tracker) -> list[dict[str, Any]]:
    """Who said what, when: a snapshot kept with the lead in case the tracker store is purged."""
    lines = []
    for event in tracker.events:
        kind = event.get("event")
        if kind not in ("user", "bot") or not event.get("text"):
            continue
        at = dt.datetime.fromtimestamp(
            event.get("timestamp") or 0, tz=dt.timezone.utc
        ).isoformat()
        lines.append(
            {
                "at": at,
                "from": kind,
                "text": event["text"],
                "channel": CHANNELS.get(event.get("input_channel") or "")
                if kind == "user"
                else None,
            }
        )
    return lines


def build_lead(tracker: Tracker) -> dict[str, Any]:
    slot = tracker.get_slot
    lead: dict[str, Any] = {name: slot(name) for name in LEAD_SLOTS}
    lead.update(
        conversation_id=tracker.sender_id,
        dedupe_key=f"{tracker.sender_id}:{slot('screening_id') or 'screening'}",
        channel=channel_of(tracker),
        outcome=slot("screening_outcome"),
        deadline=slot("deadline"),
        days_left=slot("days_left"),
        limitation_status=slot("limitation_status"),
        explanation=slot("limitation_explanation"),
        citation=slot("limitation_citation"),
        caveats=slot("limitation_caveats") or [],
        callback_requested=bool(slot("callback_wanted")),
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
        outcome = lead["outcome"] or "qualified"
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
        if outcome in ("represented", "not_medmal"):
            dispatcher.utter_message(response=f"utter_outcome_{outcome}")
        elif lead.get("contact_consent") is False:
            dispatcher.utter_message(
                response="utter_outcome_no_consent", reference=reference
            )
        elif lead["callback_requested"] and outcome == "qualified":
            dispatcher.utter_message(
                response="utter_outcome_callback", reference=reference
            )
        else:
            dispatcher.utter_message(
                response=f"utter_outcome_{outcome}", reference=reference
            )
        dispatcher.utter_message(response="utter_what_next")
        return [SlotSet("lead_reference", reference)]
