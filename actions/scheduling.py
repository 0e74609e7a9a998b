"""The callback question and its answers, in the conversation: the open times offered (buttons
on the web, numbers by SMS), the answer read, and a call moved or cancelled after the lead was
written. The slot arithmetic is ``actions.callback`` (pure); this module adds the firm's clock
and the calls already booked in the lead store.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import callback
from actions.callback import ANY_TIME, MAX_CHOICES, CallbackPlan
from actions.parsing import callback as call_words
from actions.parsing.callback import (
    CallbackWish,
    asks_call_at,
    change_kind,
    names_a_call_time,
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


async def choices(
    tracker: Tracker, wish: CallbackWish | None = None
) -> tuple[CallbackPlan, list[dt.datetime]] | None:
    """The plan and the next open times (at most ``MAX_CHOICES``), or None when none; those
    inside ``wish`` ("weekdays after 5") when it has any."""
    the_plan = plan()
    if the_plan is None:
        return None
    booked = await bookings(tracker.get_slot("callback_time"))
    now = firm_now(the_plan)
    theirs = own_zone(tracker)
    slots: list[dt.datetime] = []
    if wish is not None:
        slots = callback.slots_in_wish(
            wish, the_plan, now, booked, theirs, limit=MAX_CHOICES
        )
    if not slots:
        slots = callback.open_slots(
            the_plan, now, booked, limit=MAX_CHOICES, theirs=theirs
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


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def said_call_time(tracker: Tracker) -> str | None:
    """The words in which the person last said when a call suits them, before being asked
    when: the answer to "would you like a call back?" ("yes, in the afternoon") or the
    sentences asking for a call ("yes call me after 5 on weekdays, i work days", "the best
    time to reach me is after 3 pm"); None when they said no time (or "any time" last)."""
    from actions.intake import wants_a_call

    asked: Any = None
    said: str | None = None
    for event in tracker.events:
        kind = event.get("event")
        if kind in ("restart", "session_started"):
            asked, said = None, None
        elif kind == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
        elif kind == "user" and asked not in ("callback_time", "summary_confirmed"):
            text = " ".join((event.get("text") or "").split())
            if not text or text.startswith("/"):
                continue
            if asked == "callback_wanted":
                parts = [text]
            else:
                parts = [s for s in _SENTENCE_END.split(text) if wants_a_call(s)]
            words = " ".join(parts)
            if words and (
                names_a_call_time(words) or call_words.ANY_TIME.search(words)
            ):
                said = words
    return said


def kept_wish(tracker: Tracker) -> CallbackWish | None:
    """When the person said a call suits them (``said_call_time``), read now in their zone;
    None for no such words or "any time"."""
    the_plan = plan()
    words = said_call_time(tracker)
    if the_plan is None or not words:
        return None
    wish = parse_callback_wish(words, firm_now(the_plan), own_zone(tracker))
    if wish is None or wish.any_time or wish.start is None:
        return None
    return wish


def _whole_day(wish: CallbackWish) -> bool:
    return (
        wish.start is not None
        and wish.end is not None
        and wish.end - wish.start >= dt.timedelta(hours=20)
    )


async def time_said_before(
    dispatcher: CollectingDispatcher, tracker: Tracker, events: list[EventType]
) -> list[EventType]:
    """The call time, once it would be asked, when the person already said one the firm's
    open times cannot meet ("after 5pm" in California, "after 5 on weekdays" in Louisiana;
    the firm never open): the time they asked for, noted for staff and said back, never a
    morning instead; a time named ("Tuesday at 10am, my time"): its slot. [] when it is still
    to be asked (nothing said, or open times inside what they said, offered then)."""
    slots = {**tracker.current_slot_values()}
    slots.update(
        {e["name"]: e.get("value") for e in events if e.get("event") == "slot"}
    )
    phone = slots.get("contact_phone")
    if (
        slots.get("callback_wanted") is not True
        or slots.get("callback_time") is not None
        or slots.get("contact_consent") is not True
        or not phone
        or phone == "unknown"
    ):
        return []
    the_plan = plan()
    words = said_call_time(tracker)
    if the_plan is None or not words:
        return []
    now = firm_now(the_plan)
    theirs = zone_of_state(slots.get("state"))
    wish = parse_callback_wish(words, now, theirs)
    if wish is None or wish.any_time or wish.start is None or _whole_day(wish):
        return []
    booked = await bookings()
    chosen = None
    if wish.exact:
        chosen = callback.nearest_slot(wish, the_plan, now, booked, theirs)
    elif callback.slots_in_wish(wish, the_plan, now, booked, theirs, limit=1):
        return []  # asked, with the open times that suit them
    chosen = chosen or callback.wished_time(wish, the_plan, now, theirs)
    if chosen is None:
        return []
    value = callback.as_slot_value(chosen, the_plan.zone)
    confirm(
        dispatcher,
        value,
        "utter_callback_time_confirmed",
        zone_said(words, theirs) or theirs,
    )
    return [SlotSet("callback_time", value)]


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
    if chosen is None:
        # nothing open that meets it: their own time, for staff
        chosen = callback.wished_time(wish, the_plan, now, theirs)
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
    """Asks when to call, with the next open times as buttons (numbers by SMS): those inside
    what the person said suits them when any are ("weekdays after 5"); in words when the firm
    has none to offer."""

    def name(self) -> str:
        return "action_ask_callback_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        offered = await choices(tracker, kept_wish(tracker))
        if offered is None:
            # Nothing open to offer: asked when suits them, noted for staff as they say it.
            dispatcher.utter_message(
                response="utter_ask_callback_time_in_words",
                buttons=[{"title": "Any time", "payload": ANY_TIME_PAYLOAD}],
            )
            return []
        the_plan, slots = offered
        dispatcher.utter_message(
            response="utter_ask_callback_time",
            zone=callback.zone_word(slots[0]),
            buttons=buttons(slots, the_plan.zone, ANY_TIME_PAYLOAD, own_zone(tracker)),
        )
        return []
