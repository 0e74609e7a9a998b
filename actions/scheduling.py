"""The callback question and its answers, in the conversation: the open times offered (buttons
on the web, numbers by SMS), the answer read, and a call moved or cancelled after the lead was
written. The slot arithmetic is ``actions.callback`` (pure); this module adds the firm's clock
and the calls already booked in the lead store.
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

from actions import callback
from actions.callback import ANY_TIME, MAX_CHOICES, CallbackPlan
from actions.parsing.callback import (
    asks_call_at,
    change_kind,
    parse_callback_wish,
    zone_of_state,
    zone_said,
)

logger = logging.getLogger(__name__)

ANY_TIME_PAYLOAD = "any time"
# After the lead, "any time" alone reads as nothing in particular: its button says more.
ANY_TIME_CHANGE_PAYLOAD = "call me any time instead"


def plan() -> CallbackPlan | None:
    from actions.config import settings

    s = settings()
    if s.callback_days_ahead <= 0:
        return None
    return callback.plan_from_settings(s)


def firm_now(the_plan: CallbackPlan) -> dt.datetime:
    return dt.datetime.now(the_plan.zone)


def _booked_times() -> list[str]:
    from bot.leads.store import get_store

    return get_store().booked_callback_times()


async def bookings(own: Any = None) -> dict[dt.datetime, int]:
    """Calls booked per slot, from the lead store; the person's own booked time (``own``)
    does not count against them. Empty when the store cannot be read (a slot may then be
    offered once too often; staff see every call on the calls list)."""
    try:
        values = await asyncio.get_running_loop().run_in_executor(None, _booked_times)
    except Exception as error:
        logger.warning("callback bookings unavailable (%s)", type(error).__name__)
        values = []
    counts = callback.count_bookings(values)
    mine = callback.from_slot_value(own)
    if mine is not None and counts.get(callback.slot_key(mine)):
        counts[callback.slot_key(mine)] -= 1
    return counts


async def choices(tracker: Tracker) -> tuple[CallbackPlan, list[dt.datetime]] | None:
    """The plan and the next open times (at most ``MAX_CHOICES``), or None when none."""
    the_plan = plan()
    if the_plan is None:
        return None
    booked = await bookings(tracker.get_slot("callback_time"))
    slots = callback.open_slots(
        the_plan,
        firm_now(the_plan),
        booked,
        limit=MAX_CHOICES,
        theirs=own_zone(tracker),
    )
    return (the_plan, slots) if slots else None


def buttons(
    slots: list[dt.datetime],
    zone: dt.tzinfo,
    any_payload: str,
    theirs: dt.tzinfo | None = None,
) -> list[dict[str, str]]:
    """One button per time (title "Thu Dec 3 10:30 AM", with "(7:30 AM your time)" for
    someone in another zone; payload the ISO time), then "Any time"; by SMS the channel
    numbers them ("Reply 1 for ...")."""
    return [
        {
            "title": callback.button_title(s, zone, theirs),
            "payload": callback.as_slot_value(s, zone),
        }
        for s in slots
    ] + [{"title": "Any time", "payload": any_payload}]


def own_zone(tracker: Tracker) -> dt.tzinfo | None:
    """The person's own time zone, as far as it is known: the zone of the state the care was
    in (what "10am my time" means), else None."""
    return zone_of_state(tracker.get_slot("state"))


async def read_time(
    text: str, tracker: Tracker, on: dt.datetime | None = None
) -> str | None:
    """The ``callback_time`` the words choose: an open slot's ISO time (the one chosen, or the
    nearest open one to "tomorrow afternoon"; a time said in the person's zone, "10am Arizona
    time" or "10am my time", is that moment), ``ANY_TIME``, or None when they name no time
    or nothing is open. A time alone moves a call ``on`` (already booked) within its day;
    a time said without a zone is the person's own ("after 5" from Louisiana). When the firm
    has no open time for them, the time they named is noted as it is, for staff to call then
    ("monday at 5:30 pm central"); "asap" then names none."""
    the_plan = plan()
    if the_plan is None:
        return None
    now = firm_now(the_plan)
    theirs = own_zone(tracker)
    wish = parse_callback_wish(text, now, theirs, on)
    if wish is None:
        return None
    if wish.any_time:
        return ANY_TIME
    booked = await bookings(tracker.get_slot("callback_time"))
    chosen = callback.nearest_slot(wish, the_plan, now, booked, theirs)
    if chosen is None and wish.start is not None and wish.start > now:
        chosen = wish.start  # nothing open to offer: their own time, for staff
    return callback.as_slot_value(chosen, the_plan.zone) if chosen else None


def confirm(
    dispatcher: CollectingDispatcher,
    value: str,
    response: str,
    theirs: dt.tzinfo | None = None,
) -> None:
    """Says the time back in the firm's words ("Thursday, Dec 3 at 10:30 AM Eastern"), and in
    the person's when they said it in theirs ("... (10:00 AM your time)")."""
    moment = callback.from_slot_value(value)
    the_plan = plan()
    if moment is None or the_plan is None:
        dispatcher.utter_message(response="utter_callback_any_time")
        return
    dispatcher.utter_message(
        response=response, when=callback.say_time(moment, the_plan.zone, theirs)
    )


def say_time(value: Any) -> str | None:
    """The slot's time in words, or None for "any time" and no time."""
    moment = callback.from_slot_value(value)
    the_plan = plan()
    if moment is None or the_plan is None:
        return None
    return callback.say_time(moment, the_plan.zone)


async def change_call(
    text: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any] | None:
    """A call moved or cancelled ("can you call at 3 instead", "cancel the call"): the slot
    changes, after the person was told; {} when only a question was asked back (which
    time?), None when the words are not about the call."""
    kind = change_kind(text)
    if kind is None and asks_call_at(text):
        kind = "change"  # "call me monday at 5:30 pm central", at the read-back
    if kind is None:
        return None
    booked_time = tracker.get_slot("callback_time")
    if kind == "cancel":
        if tracker.get_slot("callback_wanted") is not True and not booked_time:
            dispatcher.utter_message(response="utter_callback_not_booked")
            return {}
        dispatcher.utter_message(response="utter_callback_cancelled")
        return {"callback_time": None, "callback_wanted": False}
    value = await read_time(text, tracker, callback.from_slot_value(booked_time))
    if value is None:
        offered = await choices(tracker)
        if offered is None:
            dispatcher.utter_message(response="utter_callback_any_time")
            return {"callback_time": ANY_TIME, "callback_wanted": True}
        the_plan, slots = offered
        dispatcher.utter_message(
            response="utter_ask_new_callback_time",
            zone=callback.zone_word(slots[0]),
            buttons=buttons(
                slots, the_plan.zone, ANY_TIME_CHANGE_PAYLOAD, own_zone(tracker)
            ),
        )
        return {}
    if value == ANY_TIME:
        dispatcher.utter_message(response="utter_callback_any_time")
    else:
        theirs = zone_said(text, own_zone(tracker)) or own_zone(tracker)
        confirm(dispatcher, value, "utter_callback_changed", theirs)
    return {"callback_time": value, "callback_wanted": True}


class ActionAskCallbackTime(Action):
    """Asks when to call, with the next open times as buttons (numbers by SMS)."""

    def name(self) -> str:
        return "action_ask_callback_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        offered = await choices(tracker)
        if offered is None:
            # Nothing open (filled meanwhile): no choice to offer, any time it is.
            dispatcher.utter_message(response="utter_callback_any_time")
            return [SlotSet("callback_time", ANY_TIME)]
        the_plan, slots = offered
        dispatcher.utter_message(
            response="utter_ask_callback_time",
            zone=callback.zone_word(slots[0]),
            buttons=buttons(slots, the_plan.zone, ANY_TIME_PAYLOAD, own_zone(tracker)),
        )
        return []
