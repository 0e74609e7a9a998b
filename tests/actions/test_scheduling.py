"""The callback question in the conversation (actions/scheduling.py and the form): asked only
of someone who wants a call and gave a phone, with the open times as buttons; the answer read
and confirmed in the firm's time; a call moved or cancelled after the lead."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions import callback, scheduling
from actions.conversation import ActionCorrectAnswer
from actions.handoff import build_lead
from actions.hours import parse_hours
from actions.intake import ValidateScreeningForm

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 12, 1, 10, 10, tzinfo=NY)  # a Tuesday
CALLER = {
    "incident_type": "surgical_error",
    "incident_description": "nerve damage after surgery",
    "callback_wanted": True,
    "contact_name": "Sam Lee",
    "contact_phone": "+16175550135",
}


@pytest.fixture
def booked() -> list[str]:
    return []


@pytest.fixture(autouse=True)
def firm(monkeypatch, booked):
    hours = parse_hours("mon-fri 09:00-17:00", "America/New_York")
    assert hours is not None
    the_plan = callback.CallbackPlan(hours=hours, capacity=1, days_ahead=2)
    monkeypatch.setattr(scheduling, "plan", lambda: the_plan)
    monkeypatch.setattr(scheduling, "firm_now", lambda _plan: NOW)
    monkeypatch.setattr(scheduling, "_booked_times", lambda: list(booked))


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_asked_after_consent_with_the_open_times_as_buttons(
    domain, dispatcher, make_tracker, booked
):
    booked.append("2026-12-01T10:30:00-05:00")  # full (capacity 1)
    tracker = make_tracker(
        CALLER,
        text="yes",
        extracted={"contact_consent": "yes"},
        requested_slot="contact_consent",
    )
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    assert slots_of(events)["requested_slot"] == "callback_time"
    ask = make_tracker(
        {**CALLER, "contact_consent": True}, requested_slot="callback_time"
    )
    await scheduling.ActionAskCallbackTime().run(dispatcher, ask, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_callback_time"
    assert message["zone"] == "Eastern"
    buttons = message["buttons"]
    assert [b["title"] for b in buttons] == [
        "Tue Dec 1 11:00 AM",
        "Tue Dec 1 11:30 AM",
        "Tue Dec 1 12:00 PM",
        "Tue Dec 1 12:30 PM",
        "Tue Dec 1 1:00 PM",
        "Any time",
    ]
    assert buttons[0]["payload"] == "2026-12-01T11:00:00-05:00"


@pytest.mark.parametrize(
    "slots",
    [
        {**CALLER, "callback_wanted": False, "contact_consent": True},
        {**CALLER, "contact_phone": "unknown", "contact_consent": True},
        {**CALLER, "contact_consent": False},
    ],
)
async def test_not_asked_without_a_wish_a_phone_or_consent(slots, make_tracker):
    tracker = make_tracker(slots, requested_slot="summary_confirmed")
    assert not await ValidateScreeningForm.asks_callback_time(tracker)


async def test_not_asked_when_nothing_is_open(monkeypatch, make_tracker):
    monkeypatch.setattr(scheduling, "plan", lambda: None)
    tracker = make_tracker({**CALLER, "contact_consent": True})
    assert not await ValidateScreeningForm.asks_callback_time(tracker)


async def test_with_nothing_open_it_is_asked_in_words(
    monkeypatch, domain, dispatcher, make_tracker
):
    hours = parse_hours("mon-sun 00:00-00:00", "America/New_York")
    assert hours is not None
    closed = callback.CallbackPlan(hours=hours, capacity=1, days_ahead=2)
    monkeypatch.setattr(scheduling, "plan", lambda: closed)
    tracker = make_tracker(
        {**CALLER, "contact_consent": True}, requested_slot="callback_time"
    )
    assert await ValidateScreeningForm.asks_callback_time(tracker)
    assert (
        await scheduling.ActionAskCallbackTime().run(dispatcher, tracker, domain) == []
    )
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_callback_time_in_words"
    assert [b["payload"] for b in message["buttons"]] == [scheduling.ANY_TIME_PAYLOAD]


def wanted(answer: str) -> list[dict]:
    """The events of "would you like a call back?" answered with ``answer``."""
    return [
        {"event": "slot", "name": "requested_slot", "value": "callback_wanted"},
        {"event": "user", "text": answer},
        {"event": "slot", "name": "callback_wanted", "value": True},
        {"event": "slot", "name": "requested_slot", "value": "contact_consent"},
    ]


@pytest.mark.parametrize(
    ("state", "answer", "value", "words"),
    [
        # Louisiana: after 5 there is 6 PM Eastern, past closing: noted as they said it
        (
            "LA",
            "yes after 5pm on weekdays",
            "2026-12-01T18:00:00-05:00",
            "Tuesday, Dec 1 at 6:00 PM Eastern (5:00 PM your time)",
        ),
        (
            "CA",
            "yes, evenings after work",
            "2026-12-01T20:00:00-05:00",
            "Tuesday, Dec 1 at 8:00 PM Eastern (5:00 PM your time)",
        ),
        # a time named: its slot, not asked again
        (
            "AZ",
            "yes please, tomorrow at 10am my time",
            "2026-12-02T12:00:00-05:00",
            "Wednesday, Dec 2 at 12:00 PM Eastern (10:00 AM your time)",
        ),
    ],
)
async def test_a_time_said_with_the_wish_for_a_call_is_kept(
    state, answer, value, words, domain, dispatcher, make_tracker, said
):
    tracker = make_tracker(
        {**CALLER, "state": state},
        text="yes",
        extracted={"contact_consent": "yes"},
        requested_slot="contact_consent",
        events=wanted(answer),
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["contact_consent"] is True
    assert slots["callback_time"] == value
    assert slots["requested_slot"] == "summary_confirmed"
    assert said(dispatcher.messages[-1]) == f"Okay, we'll call you {words}."


async def test_the_times_offered_are_inside_what_they_said(
    domain, dispatcher, make_tracker
):
    events = wanted("yes, afternoons are better for me")
    tracker = make_tracker(
        {**CALLER, "state": "CA"},
        text="yes",
        extracted={"contact_consent": "yes"},
        requested_slot="contact_consent",
        events=events,
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert (
        slots["requested_slot"] == "callback_time"
    )  # there are open afternoons: asked
    ask = make_tracker(
        {**CALLER, "state": "CA", "contact_consent": True},
        requested_slot="callback_time",
        events=events,
    )
    await scheduling.ActionAskCallbackTime().run(dispatcher, ask, domain)
    titles = [b["title"] for b in dispatcher.messages[-1]["buttons"]]
    # noon to 5 in California: 3 PM Eastern on
    assert titles[:2] == [
        "Tue Dec 1 3:00 PM (12:00 PM your time)",
        "Tue Dec 1 3:30 PM (12:30 PM your time)",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-12-02T14:00:00-05:00", "2026-12-02T14:00:00-05:00"),
        ("tomorrow afternoon", "2026-12-02T12:00:00-05:00"),
        ("at 3", "2026-12-01T15:00:00-05:00"),
        ("any time", callback.ANY_TIME),
    ],
)
async def test_the_answer_is_read_and_said_back(
    text, value, domain, dispatcher, make_tracker, said
):
    tracker = make_tracker(
        {**CALLER, "contact_consent": True},
        text=text,
        extracted={"callback_time": text},
        requested_slot="callback_time",
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["callback_time"] == value
    words = said(dispatcher.messages[0], {"firm_response_promise": "today"})
    if value == callback.ANY_TIME:
        assert words.startswith("Okay, we'll call you at the first chance")
    else:
        moment = callback.from_slot_value(value)
        assert moment is not None
        assert words == f"Okay, we'll call you {callback.say_time(moment, NY)}."


async def test_words_that_name_no_time_are_asked_again(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**CALLER, "contact_consent": True},
        text="hmm",
        extracted={"callback_time": "hmm"},
        requested_slot="callback_time",
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["callback_time"] is None
    assert dispatcher.messages[0]["response"] == "utter_invalid_callback_time"


def test_the_lead_holds_the_time_or_null_for_any_time(make_tracker):
    chosen = "2026-12-02T14:00:00-05:00"
    assert build_lead(make_tracker({**CALLER, "callback_time": chosen}))[
        "callback_time"
    ] == (chosen)
    lead = build_lead(make_tracker({**CALLER, "callback_time": callback.ANY_TIME}))
    assert lead["callback_time"] is None


async def test_after_the_lead_a_call_is_moved(
    monkeypatch, domain, dispatcher, make_tracker, said
):
    changes: list[dict] = []

    async def update_lead(tracker, new, _dispatcher):
        changes.append(new)
        return []

    monkeypatch.setattr("actions.conversation.update_lead", update_lead)
    tracker = make_tracker(
        {
            **CALLER,
            "callback_time": "2026-12-01T15:00:00-05:00",
            "lead_reference": "ABC123",
        },
        text="can you call me tomorrow morning instead",
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert slots_of(events)["callback_time"] == "2026-12-02T09:00:00-05:00"
    assert changes == [
        {"callback_time": "2026-12-02T09:00:00-05:00", "callback_wanted": True}
    ]
    assert said(dispatcher.messages[0]) == (
        "Okay, we'll call you Wednesday, Dec 2 at 9:00 AM Eastern instead."
    )


async def test_after_the_lead_a_call_is_cancelled(
    monkeypatch, domain, dispatcher, make_tracker
):
    changes: list[dict] = []

    async def update_lead(tracker, new, _dispatcher):
        changes.append(new)
        return []

    monkeypatch.setattr("actions.conversation.update_lead", update_lead)
    tracker = make_tracker(
        {
            **CALLER,
            "callback_time": "2026-12-01T15:00:00-05:00",
            "lead_reference": "ABC123",
        },
        text="cancel the call please",
        intent="correct_answer",
        active=False,
    )
    await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert changes == [{"callback_time": None, "callback_wanted": False}]
    assert dispatcher.messages[0]["response"] == "utter_callback_cancelled"


async def test_a_move_without_a_time_offers_the_open_times(
    domain, dispatcher, make_tracker, booked
):
    booked.append("2026-12-01T10:30:00-05:00")  # their own call fills its slot
    tracker = make_tracker(
        {**CALLER, "callback_time": "2026-12-01T10:30:00-05:00"},
        text="can we reschedule",
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_new_callback_time"
    # Their own booking does not count against them.
    assert message["buttons"][0]["payload"] == "2026-12-01T10:30:00-05:00"
    assert message["buttons"][-1]["payload"] == scheduling.ANY_TIME_CHANGE_PAYLOAD


async def test_a_time_in_their_own_zone_is_booked_in_the_firms_and_said_in_both(
    domain, dispatcher, make_tracker, said
):
    text = "Tuesday 10am Arizona time"
    tracker = make_tracker(
        {**CALLER, "contact_consent": True, "state": "AZ"},
        text=text,
        extracted={"callback_time": text},
        requested_slot="callback_time",
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["callback_time"] == "2026-12-01T12:00:00-05:00"  # noon in New York
    assert said(dispatcher.messages[0]) == (
        "Okay, we'll call you Tuesday, Dec 1 at 12:00 PM Eastern (10:00 AM your time)."
    )


async def test_my_time_is_the_zone_of_their_state(domain, dispatcher, make_tracker):
    text = "wednesday at 10am my time"
    tracker = make_tracker(
        {**CALLER, "contact_consent": True, "state": "CA"},
        text=text,
        extracted={"callback_time": text},
        requested_slot="callback_time",
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["callback_time"] == "2026-12-02T13:00:00-05:00"  # 10am in California


async def test_a_call_time_fixed_at_the_read_back_moves_the_call_not_the_state(
    domain, dispatcher, make_tracker, said
):
    text = (
        "The call time is wrong. I said 10am Arizona time, that's noon Eastern, "
        "not 10am Eastern."
    )
    tracker = make_tracker(
        {
            **CALLER,
            "state": "AZ",
            "contact_consent": True,
            "callback_time": "2026-12-02T10:00:00-05:00",
        },
        text=text,
        intent="correct_answer",
        requested_slot="summary_confirmed",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    slots = slots_of(events)
    assert slots["callback_time"] == "2026-12-02T12:00:00-05:00"  # the same day
    assert "state" not in slots and slots["summary_confirmed"] is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_callback_changed"]
    assert said(dispatcher.messages[0]).endswith("(10:00 AM your time) instead.")


# --- someone in another time zone (the state the care was in) ---------------------------------
async def test_in_california_the_times_are_read_in_theirs_and_none_before_8am_there(
    domain, dispatcher, make_tracker
):
    ask = make_tracker(
        {**CALLER, "contact_consent": True, "state": "CA"},
        requested_slot="callback_time",
    )
    await scheduling.ActionAskCallbackTime().run(dispatcher, ask, domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    # it is 7:10 AM in California: 11:00 AM Eastern is the first decent hour there
    assert titles[0] == "Tue Dec 1 11:00 AM (8:00 AM your time)"
    assert titles[-1] == "Any time"


@pytest.mark.parametrize(
    ("state", "text", "value", "words"),
    [
        # "after 5pm my time" in California is past closing: no earlier time stands in for
        # it; the time they asked for is noted for staff
        (
            "CA",
            "after 5pm my time is better",
            "2026-12-01T20:00:00-05:00",
            "Tuesday, Dec 1 at 8:00 PM Eastern (5:00 PM your time)",
        ),
        (
            "LA",
            "after 2",
            "2026-12-01T15:00:00-05:00",
            "Tuesday, Dec 1 at 3:00 PM Eastern (2:00 PM your time)",
        ),
        (
            "CA",
            "afternoons are better for me, after lunch",
            "2026-12-01T15:00:00-05:00",
            "Tuesday, Dec 1 at 3:00 PM Eastern (12:00 PM your time)",
        ),
    ],
)
async def test_a_time_without_a_zone_is_their_own(
    state, text, value, words, domain, dispatcher, make_tracker, said
):
    tracker = make_tracker(
        {**CALLER, "contact_consent": True, "state": state},
        text=text,
        extracted={"callback_time": text},
        requested_slot="callback_time",
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["callback_time"] == value
    assert said(dispatcher.messages[0]) == f"Okay, we'll call you {words}."


async def test_with_nothing_open_their_time_is_noted_for_staff(
    monkeypatch, domain, dispatcher, make_tracker
):
    hours = parse_hours("mon-sun 00:00-00:00", "America/New_York")
    assert hours is not None
    closed = callback.CallbackPlan(hours=hours, capacity=1, days_ahead=2)
    monkeypatch.setattr(scheduling, "plan", lambda: closed)
    tracker = make_tracker(
        {**CALLER, "state": "LA", "callback_time": "2026-12-07T17:00:00-05:00"},
        text="call time wrong. 5 eastern is 4 here, i said monday after 5:30 my time",
        requested_slot="summary_confirmed",
    )
    change = await scheduling.change_call(
        "call time wrong. 5 eastern is 4 here, i said monday after 5:30 my time",
        dispatcher,
        tracker,
    )
    assert change == {
        "callback_time": "2026-12-07T18:30:00-05:00",
        "callback_wanted": True,
    }
    assert await scheduling.read_time("asap", tracker) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("call time wrong. 5pm central time", "2026-12-01T18:00:00-05:00"),
        ("call me monday at 5:30 pm central", "2026-12-07T18:30:00-05:00"),
        (
            "2. its my sons injury not my wife. and 5 eastern is 4 here, i said after 5 my time",
            "2026-12-01T18:00:00-05:00",
        ),
    ],
)
async def test_at_the_read_back_a_call_time_said_moves_the_call(
    text, value, monkeypatch, domain, dispatcher, make_tracker
):
    hours = parse_hours("mon-sun 00:00-00:00", "America/New_York")  # nothing open
    assert hours is not None
    closed = callback.CallbackPlan(hours=hours, capacity=1, days_ahead=2)
    monkeypatch.setattr(scheduling, "plan", lambda: closed)
    tracker = make_tracker(
        {**CALLER, "state": "LA", "contact_consent": True},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))
    assert slots["callback_time"] == value
    assert slots["summary_confirmed"] is None  # read back again, with the new time


@pytest.mark.parametrize(
    ("held", "text", "value", "fixed"),
    [
        (
            {
                "state": "WA",
                "incident_type": "misdiagnosis",
                "incident_date": "2024-07",
                "discovery_date": "2026-02-20",
                "callback_time": "2026-12-02T09:00:00-05:00",
            },
            "Yes two things are wrong. I found out in March, not on my birthday. And "
            "please not 8 in the morning, I said afternoon. 1 or 2 o'clock my time would "
            "be fine.",
            "2026-12-02T16:00:00-05:00",  # 1 PM in Washington, that day
            {"discovery_date": "2026-03"},
        ),
        (
            {
                "state": "LA",
                "incident_type": "birth_injury",
                "patient_role": "spouse",
                "callback_time": "2026-12-02T17:00:00-05:00",
            },
            "2. its my sons injury not my wife. and 5 eastern is 4 here, i said after 5 "
            "my time",
            "2026-12-02T18:00:00-05:00",  # 5 PM in Louisiana
            {"patient_role": "child"},
        ),
    ],
)
async def test_a_call_time_and_another_fix_at_the_read_back(
    held, text, value, fixed, monkeypatch, domain, dispatcher, make_tracker
):
    # role-play F: Evelyn (Washington) and Jamal (Louisiana), two things fixed in one message
    for module in ("actions.conversation", "actions.intake"):
        monkeypatch.setattr(f"{module}.today", lambda: dt.date(2026, 11, 28))
    tracker = make_tracker(
        {**CALLER, **held, "contact_consent": True},
        text=text,
        intent="correct_answer",
        requested_slot="summary_confirmed",
    )
    slots = slots_of(await ActionCorrectAnswer().run(dispatcher, tracker, domain))
    assert slots["callback_time"] == value
    assert {k: slots.get(k) for k in fixed} == fixed
    assert slots["summary_confirmed"] is None
    responses = [m.get("response") for m in dispatcher.messages]
    assert "utter_callback_changed" in responses
    assert "utter_story_added" not in responses


async def test_a_day_that_would_be_better_moves_the_call_at_the_read_back(
    domain, dispatcher, make_tracker, said
):
    # role-play L (Derek): "tonight?? monday evening would be better actually" was asked
    # what to change, the call left tonight
    text = "tonight?? monday evening would be better actually"
    tracker = make_tracker(
        {
            **CALLER,
            "state": "MN",
            "contact_consent": True,
            "callback_time": "2026-12-01T16:30:00-05:00",
        },
        text=text,
        intent="correct_answer",
        requested_slot="summary_confirmed",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    slots = slots_of(events)
    assert slots["callback_time"].startswith("2026-12-07T")
    assert slots["summary_confirmed"] is None
    assert "utter_callback_changed" in [m.get("response") for m in dispatcher.messages]
    assert "utter_ask_what_to_fix" not in [
        m.get("response") for m in dispatcher.messages
    ]
