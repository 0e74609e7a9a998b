"""Hands a finished screening to the firm's intake inbox, before the client is told anything.

The lead is written to the lead store first; only a successful write lets the assistant say
"received" and give a reference number. If the store cannot be reached, the lead is kept in the
local spool (the worker, ``bot.leads.worker``, writes it once the database is back) and the
client is asked to call, so nothing is lost and no false confirmation is given. Writing is
idempotent per screening (`screening_id`), so a retried action or a restart never makes a
duplicate; a screening that finishes again (a call asked for after the lead, a fix at the end)
updates its lead, and every change is recorded for staff (`LeadStore.update_lead_facts`). A
lead with nothing in it (no story, no facts, no way to reach anyone) is never written.

Facts noted as "not sure" (`actions.intake.UNKNOWN`) reach the lead as unknown (None), listed
in `unknown_facts`; never as No.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.hours import firm_closed_until
from actions.intake import UNKNOWN, reach_notes
from actions.scheduling import say_time
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


def callback_time_of(value: Any) -> Any:
    """The lead's ``callback_time``: the chosen time as the slot holds it (ISO 8601 with the
    firm's offset), None for "any time" or "not sure"."""
    from actions.callback import ANY_TIME

    return None if value in (ANY_TIME, UNKNOWN) else value


# Fields whose own vocabulary has "unknown" as a value (harm_severity: not sure how things are).
UNKNOWN_IS_A_VALUE = frozenset({"harm_severity"})


def build_lead(tracker: Tracker) -> dict[str, Any]:
    """The handoff payload: every lead field read from its slot (``LEAD_SLOTS``), plus the
    conversation, its channel, a transcript snapshot and what they said about reaching them
    (``reach_notes``, for the case summary)."""
    slot = tracker.get_slot
    lead: dict[str, Any] = {
        name: None
        if slot(source) == UNKNOWN and name not in UNKNOWN_IS_A_VALUE
        else slot(source)
        for name, source in LEAD_SLOTS.items()
    }
    lead.update(
        conversation_id=tracker.sender_id,
        dedupe_key=f"{tracker.sender_id}:{slot('screening_id') or 'screening'}",
        channel=channel_of(tracker),
        caveats=lead["caveats"] or [],
        # Asked and not sure: unknown, never No.
        callback_requested=None
        if slot("callback_wanted") == UNKNOWN
        else bool(lead["callback_requested"]),
        unknown_facts=[
            name
            for name, source in LEAD_SLOTS.items()
            if slot(source) == UNKNOWN
            and name != "unknown_facts"
            and name not in UNKNOWN_IS_A_VALUE
        ],
        # "any time" (or a time never chosen): null on the lead.
        callback_time=callback_time_of(slot("callback_time")),
        media_urls=list(slot("media_urls") or []),
        transcript_snapshot=transcript_of(tracker),
        # How to reach them beyond the number ("text first, I'm on job sites all day"): no
        # field of its own, it joins the case summary (``bot.leads.summary``).
        reach_notes=reach_notes(tracker).for_staff(),
    )
    return lead


# A lead holds at least one of these; else there is nothing for staff to act on.
SUBSTANCE = (
    "incident_description",
    "state",
    "incident_date",
    "contact_name",
    "contact_phone",
    "contact_email",
    "media_urls",
)


def is_empty(lead: dict[str, Any]) -> bool:
    """Whether a lead would tell staff nothing: no story, no fact, no way to reach anyone."""
    return not any(lead.get(name) for name in SUBSTANCE)


def save_lead(lead: dict[str, Any]) -> dict[str, Any] | None:
    """Writes the lead, or updates the screening's lead when it exists and the facts changed."""
    from bot.leads.store import get_store

    stored = get_store().create_lead(lead)
    return get_store().update_lead_facts(stored["id"], lead) or stored


def write_lead(lead: dict[str, Any]) -> dict[str, Any] | None:
    """Writes the lead; returns the stored lead, or None after spooling it when the store is down.

    Only the lead: the schema is migrated at start-up (the inbox, ``python -m bot.leads
    migrate`` or the worker), and spooled leads are written by the worker (``bot.leads.worker``),
    never on the way to answering the person."""
    from bot.leads.spool import spool_lead

    try:
        return save_lead(lead)
    except Exception as error:
        # the database is down or refused (or not migrated yet): keep it, tell the truth
        logger.error("lead store unavailable (%s); lead spooled", type(error).__name__)
        spool_lead(lead)
        return None


async def update_lead(
    tracker: Tracker,
    changes: dict[str, Any],
    dispatcher: CollectingDispatcher | None,
) -> list[EventType]:
    """After the lead was written: the slots changed, the outcome worked out again, and the lead
    updated with the change recorded for staff. Returns the outcome's slot events; tells the
    person their file changed when a dispatcher is given."""
    from actions.screening import outcome_events

    # The same conversation, with the change applied.
    changed = Tracker.from_dict(
        {**tracker.current_state(), "slots": {**tracker.slots, **changes}}
    )
    events = outcome_events(changed.current_slot_values(), changed)
    changed.slots.update({e["name"]: e["value"] for e in events})
    lead = build_lead(changed)
    try:
        stored = await asyncio.get_running_loop().run_in_executor(
            None, write_lead, lead
        )
    except Exception as error:
        logger.error("lead could not be updated (%s)", type(error).__name__)
        stored = None
    if dispatcher is not None and stored is not None:
        dispatcher.utter_message(response="utter_lead_updated")
    return events


def declined_before(tracker: Tracker) -> bool:
    """Whether this conversation was already told its matter is not medical malpractice."""
    return any(
        e.get("event") == "bot"
        and (e.get("metadata") or {}).get("utter_action") == "utter_outcome_not_medmal"
        for e in tracker.applied_events()
    )


async def decline(
    outcome: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType]:
    """The outcome that is no case for the firm (a lawyer already, or not medical
    malpractice), said once: more of the same story after the decline ("i already told you.
    got rear ended on i90") gets the short reply after a decline, not the decline again."""
    if outcome == vocabulary.NOT_MEDMAL and declined_before(tracker):
        from actions.conversation import reply_after_decline  # it imports this module

        return await reply_after_decline(dispatcher, tracker)
    dispatcher.utter_message(response=f"utter_outcome_{outcome}")
    return []


class ActionSubmitLead(Action):
    def name(self) -> str:
        return "action_submit_lead"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = []
        screening_id = tracker.get_slot("screening_id")
        if not screening_id:
            # One lead per screening: a decline before the screening and the screening after
            # it share one key, so a second decline updates the same lead.
            screening_id = uuid.uuid4().hex
            events.append(SlotSet("screening_id", screening_id))
            tracker.slots["screening_id"] = screening_id
        lead = build_lead(tracker)
        outcome = lead["outcome"] or vocabulary.QUALIFIED
        if outcome == vocabulary.NOT_MEDMAL and not lead["incident_description"]:
            # What they said is what staff see of a declined matter (and it stays the same
            # when they write again: one lead, updated only if something changed).
            said = " ".join((tracker.latest_message.get("text") or "").split())
            lead["incident_description"] = said[:4000] or None
            events.append(SlotSet("incident_description", lead["incident_description"]))
        if is_empty(lead):
            # Nothing to act on: no lead (staff would get an empty one), the person is told
            # the same as ever.
            if outcome in (vocabulary.REPRESENTED, vocabulary.NOT_MEDMAL):
                events += await decline(outcome, dispatcher, tracker)
            return events
        try:
            stored = await asyncio.get_running_loop().run_in_executor(
                None, write_lead, lead
            )
        except Exception as error:  # even the spool failed: say so, never pretend
            logger.error("lead could not be kept (%s)", type(error).__name__)
            stored = None
        if stored is None:
            dispatcher.utter_message(response="utter_handoff_failed")
            return [*events, SlotSet("lead_reference", None)]
        reference = stored["reference"]
        logger.info("lead %s written (outcome %s)", reference, outcome)
        wish = tracker.get_slot("represented_intent")
        if lead.get("already_represented") and wish in ("second_opinion", "switch"):
            dispatcher.utter_message(
                response="utter_outcome_second_opinion", reference=reference
            )
        elif outcome in (vocabulary.REPRESENTED, vocabulary.NOT_MEDMAL):
            again = await decline(outcome, dispatcher, tracker)
            if again:  # the decline was said before: no reminder again either
                return [*events, SlotSet("lead_reference", reference), *again]
        elif lead.get("contact_consent") is False:
            dispatcher.utter_message(
                response="utter_outcome_no_consent", reference=reference
            )
        elif lead["callback_requested"] and outcome == vocabulary.QUALIFIED:
            when = say_time(lead["callback_time"])
            if when:
                dispatcher.utter_message(
                    response="utter_outcome_callback_at", reference=reference, when=when
                )
            else:
                dispatcher.utter_message(
                    response="utter_outcome_callback", reference=reference
                )
        elif outcome == vocabulary.URGENT and (opens := firm_closed_until()):
            # "Call us today" only while the phones are open.
            dispatcher.utter_message(
                response="utter_outcome_urgent_after_hours",
                reference=reference,
                opens=opens,
            )
        else:
            dispatcher.utter_message(
                response=f"utter_outcome_{outcome}", reference=reference
            )
        dispatcher.utter_message(response="utter_what_next")
        return [*events, SlotSet("lead_reference", reference)]
