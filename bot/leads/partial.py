"""Partial leads: a screening left unfinished after the person gave a phone or an email AND
agreed to be contacted becomes an ``incomplete`` lead once it has been idle for
``PARTIAL_LEAD_IDLE_MINUTES``, holding what was collected, with a note saying where it stopped.
No consent, no lead.

Run by the lead worker (``bot.leads.worker``), reading the tracker store
(``bot.leads.conversations``). The lead is keyed like the handoff's
(``"<conversation_id>:<screening_id>"``), so ``create_lead`` never makes a second one: a later
pass finds it, and when the person comes back and finishes, the handoff's ``create_lead``
completes this same lead (``LeadsMixin._complete_lead``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from bot.leads import conversations
from bot.leads import vocabulary as v
from bot.leads.fields import _as_bool, utcnow

logger = logging.getLogger(__name__)

LOOKBACK = timedelta(days=3)  # conversations idle longer than this are left alone
STOPPED_NOTE = "Stopped before the end of the screening"


def screening_key(conv: conversations.Conversation) -> str:
    """The handoff's ``dedupe_key`` for the conversation's current screening."""
    return f"{conv.sender_id}:{conv.slots.get('screening_id') or 'screening'}"


def qualifies(conv: conversations.Conversation) -> bool:
    """A phone or an email, and a yes to being contacted."""
    return conv.any_of("contact_phone", "contact_email") and (
        _as_bool(conv.slots.get("contact_consent")) is True
    )


def payload_of(conv: conversations.Conversation) -> dict[str, Any]:
    """The lead's payload from what the conversation collected (as the handoff names it)."""
    data: dict[str, Any] = {
        field.name: conv.slots.get(field.slot)
        for field in v.SLOT_FIELDS
        if field.slot is not None
    }
    data.update(
        conversation_id=conv.sender_id,
        dedupe_key=screening_key(conv),
        channel=conv.channel,
        outcome=v.INCOMPLETE,
        partial=True,
        caveats=data.get("caveats") or [],
    )
    from actions.callback import from_slot_value

    if from_slot_value(data.get("callback_time")) is None:
        data["callback_time"] = None  # "any time" or not chosen yet: no time booked
    return data


def stopped_note(conv: conversations.Conversation) -> str:
    """Where the person stopped and which answers they gave (the questions, not the answers:
    those are the lead's facts)."""
    from bot.leads.insights import question_label

    given = [
        field.label
        for field in v.SLOT_FIELDS
        if field.slot is not None
        and conv.slots.get(field.slot) not in (None, "", [])
        and field.name != "outcome"
    ]
    return (
        f"{STOPPED_NOTE}, at the question: {question_label(conv.asked)}. "
        f"Answered: {', '.join(given) or 'nothing else'}."
    )


def run(store: Any, now: datetime | None = None) -> int:
    """Write an incomplete lead for every qualifying idle screening that has none; returns
    how many were written."""
    idle_minutes = float(getattr(store.settings, "partial_lead_idle_minutes", 0) or 0)
    if idle_minutes <= 0:
        return 0
    now = now or utcnow()
    now_ts = now.replace(tzinfo=timezone.utc).timestamp()
    idle = timedelta(minutes=idle_minutes).total_seconds()
    since = now_ts - (LOOKBACK.total_seconds() + idle)
    written = 0
    for conv in conversations.read(store.settings.tracker_store_url, since=since):
        if now_ts - conv.last_at < idle or not qualifies(conv):
            continue
        if store.lead_for_screening(screening_key(conv)) is not None:
            continue  # finished, or already kept as a partial lead
        lead = store.create_lead(payload_of(conv))
        if lead.get("outcome") != v.INCOMPLETE:
            continue  # the handoff won the race
        store.add_note(lead["id"], None, stopped_note(conv))
        logger.info("lead %s kept as incomplete", lead["reference"])
        written += 1
    return written
