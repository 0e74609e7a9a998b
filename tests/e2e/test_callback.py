"""Callback times end to end, on the real stack: a person who asks for a call picks one of the
firm's open times (a button on the website, a number by SMS), hears it confirmed in the firm's
local time, finds it on the lead, and moves or cancels it afterwards by saying so."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from actions.callback import button_title, from_slot_value
from tests.e2e.test_conversations import WA_SURGERY
from tests.e2e.test_sms_journey import Texter

pytestmark = pytest.mark.e2e

# in the firm's zone, with the person's own time when their state is in another (Washington)
SAID_TIME = r"\w+day, \w{3} \d{1,2} at \d{1,2}:\d\d [AP]M \w+(?: \(\d{1,2}:\d\d [AP]M your time\))?"
ANSWERS = {
    **WA_SURGERY,
    "incident_description": "the surgeon left a sponge in me",
    "contact_phone": "(206) 555-0188",
}


def until_asked(say, slots, target: str) -> list[dict]:
    """Answers the form until it asks ``target``; returns the bot's last messages."""
    out: list[dict] = []
    for _ in range(30):
        wanted = slots().get("requested_slot")
        if wanted == target:
            return out
        assert wanted, f"the screening ended before {target}"
        out = say(ANSWERS[wanted])
    raise AssertionError(f"never asked {target}")


def finish(client) -> dict:
    for _ in range(10):
        wanted = client.slots().get("requested_slot")
        if not wanted:
            return client.slots()
        client.say(ANSWERS[wanted])
    raise AssertionError("the screening did not end")


def test_a_time_picked_by_button_reaches_the_lead_and_can_be_moved_and_cancelled(
    running_stack,
):
    client = running_stack.client()
    client.say("please call me back, the surgeon left a sponge in me")
    assert client.slots()["callback_wanted"] is True
    asked = until_asked(client.say, client.slots, "callback_time")
    [question] = [m for m in asked if m.get("buttons")]
    assert "When would you like us to call?" in question["text"]
    buttons = question["buttons"]
    assert 2 <= len(buttons) <= 6 and buttons[-1]["title"] == "Any time"
    chosen = buttons[1]["payload"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d", chosen)

    client.say(chosen)
    assert re.search(rf"we'll call you {SAID_TIME}", client.text())
    slots = finish(client)
    assert slots["callback_time"] == chosen
    assert re.search(rf"will call you {SAID_TIME}\. Your reference", client.text())
    [lead] = client.leads()
    assert lead["callback_time"] == chosen and lead["callback_requested"] is True

    client.say("can you call me tomorrow morning instead")
    assert re.search(rf"we'll call you {SAID_TIME} instead", client.text())
    [lead] = client.leads()
    moved = from_slot_value(lead["callback_time"])
    assert moved is not None and lead["callback_time"] != chosen
    theirs = moved.astimezone(ZoneInfo("America/Los_Angeles"))  # Washington's time
    tomorrow = datetime.now(theirs.tzinfo).date() + timedelta(days=1)
    if theirs.date() == tomorrow:  # open tomorrow: a morning time, theirs
        assert theirs.hour < 12

    client.say("please cancel the call")
    assert "cancelled the call" in client.text()
    [lead] = client.leads()
    assert lead["callback_time"] is None


def test_a_time_picked_by_number_over_sms(running_stack):
    phone = "+12165550191"
    texter = Texter(running_stack, phone)
    client = running_stack.client(phone)
    texter.text("can someone call me? the surgeon left a sponge in me")
    replies: list[str] = []
    for _ in range(30):
        wanted = client.slots().get("requested_slot")
        if wanted == "callback_time":
            break
        answer = "this number" if wanted == "contact_phone" else ANSWERS[wanted]
        replies = texter.text(answer)
    else:
        raise AssertionError("never asked callback_time")
    joined = " ".join(replies)
    first = re.search(r"Reply 1 for (\w{3} \w{3} \d{1,2} \d{1,2}:\d\d [AP]M)", joined)
    assert first, joined
    assert re.search(r"or \d for Any time\.", joined)
    replies = texter.text("1")
    assert re.search(rf"we'll call you {SAID_TIME}", " ".join(replies))
    for _ in range(10):
        wanted = client.slots().get("requested_slot")
        if not wanted:
            break
        texter.text(ANSWERS[wanted])
    [lead] = client.leads()
    booked = from_slot_value(lead["callback_time"])
    assert lead["channel"] == "sms" and booked is not None
    assert button_title(booked, booked.tzinfo) == first.group(
        1
    )  # the first time offered
