"""Questions, corrections, a person, and stopping: what can happen at any point."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import intake
from actions.conversation import (
    ActionAnswerQuestion,
    ActionCorrectAnswer,
    ActionHandleEmergency,
    ActionHearFacts,
    ActionOfferHuman,
    ActionRestart,
    ActionStopScreening,
    find_correction,
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(intake, "today", lambda: dt.date(2026, 11, 22))
    import actions.conversation as conversation

    monkeypatch.setattr(conversation, "today", lambda: dt.date(2026, 11, 22))


@pytest.mark.parametrize(
    "text, slots, expected",
    [
        (
            "sorry, it was 2021, not 2022",
            {"incident_date": "2022-03-05"},
            ("incident_date", "2021-03-05"),
        ),
        ("actually it was in Arizona", {"state": "CA"}, ("state", "AZ")),
        ("I meant Oregon", {"state": "WA"}, ("state", "OR")),
        (
            "I found out in 2023, not 2022",
            {"incident_date": "2021-01-01", "discovery_date": "2022-05-01"},
            ("discovery_date", "2023-05-01"),
        ),
        (
            "sorry he was born in 2015",
            {"patient_dob": "2016-02-02"},
            ("patient_dob", "2015-02-02"),
        ),
        (
            "correction: my email is pat@example.com",
            {},
            ("contact_email", "pat@example.com"),
        ),
    ],
)
def test_find_correction(text, slots, expected):
    assert find_correction(text, slots) == expected


def test_unclear_correction_is_none():
    assert find_correction("sorry, I was wrong", {"state": "WA"}) is None


async def test_correction_changes_the_slot_and_says_so(domain, make_tracker, said):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "CA", "incident_date": "2022-03-05"},
        text="actually it was in Arizona",
        intent="correct_answer",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert {e["name"]: e["value"] for e in events} == {"state": "AZ"}
    assert "Arizona" in said(dispatcher.messages[0])


async def test_correction_into_the_future_is_refused(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": "2026-03-05"},
        text="sorry, it was 2027, not 2026",
        intent="correct_answer",
    )
    assert await ActionCorrectAnswer().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[0]["response"] == "utter_invalid_date_future"


@pytest.mark.parametrize(
    "intent", ["ask_fees", "ask_records", "ask_statute_of_limitations", "bot_challenge"]
)
async def test_questions_get_their_answer(domain, make_tracker, intent):
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, make_tracker(intent=intent), domain)
    assert dispatcher.messages[0]["response"] == f"utter_faq_{intent}"
    assert f"utter_faq_{intent}" in domain["responses"]


async def test_asking_for_a_person_offers_a_callback_and_keeps_the_slots(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    events = await ActionOfferHuman().run(
        dispatcher, make_tracker({"state": "WA"}, intent="request_human"), domain
    )
    assert dispatcher.messages[0]["response"] == "utter_human"
    assert {e["name"]: e["value"] for e in events} == {
        "callback_requested": True,
        "callback_wanted": None,
    }


async def test_stop_ends_the_form(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    events = await ActionStopScreening().run(
        dispatcher, make_tracker(text="stop", intent="stop"), domain
    )
    assert {"event": "active_loop", "timestamp": None, "name": None} in events
    assert dispatcher.messages[0]["response"] == "utter_stopped"


@pytest.mark.parametrize(
    "slot, text, taken_as",
    [
        ("contact_name", "Riley Widget", "Riley Widget"),
        ("contact_name", "how much do you charge?", None),
        ("contact_name", "what are your fees", None),
        ("state", "New Jersey", "NJ"),
        ("state", "can I talk to a lawyer in Ohio?", None),
        ("incident_date", "March 3, 2025", "2025-03-03"),
        ("contact_phone", "973-555-0144", "+19735550144"),
        ("incident_description", "the fee was wrong", None),
        ("government_facility", "no private hosp", False),
        ("government_facility", "2 its a private hospital, OhioHealth", False),
        ("government_facility", "it was the county clinic", True),
        ("government_facility", "will all this be kept private", None),
        (
            "harm_description",
            "I still have pain and can't work",
            "I still have pain and can't work",
        ),
        ("harm_description", "fine now, it healed", "fine now, it healed"),
        ("harm_description", "is it too late if I still have pain?", None),
    ],
)
async def test_an_answer_taken_for_a_question_goes_to_the_form(
    domain, make_tracker, slot, text, taken_as
):
    """The answer is validated as the form validates it (it used to reach the slot as typed)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": None}, text=text, intent="ask_fees", requested_slot=slot
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    if taken_as is not None:
        assert {
            "event": "slot",
            "timestamp": None,
            "name": slot,
            "value": taken_as,
        } in (events)
        assert dispatcher.messages == []
    else:
        assert (
            events == [] and dispatcher.messages[0]["response"] == "utter_faq_ask_fees"
        )


# --- what is heard in every message ----------------------------------------------------------


async def test_a_death_is_acknowledged_the_moment_it_is_said(
    domain, make_tracker, said
):
    from actions.conversation import ActionHearFacts

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="My mom passed away", active=False)
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_deceased"] is True and slots["patient_role"] == "parent"
    assert slots["patient_called"] == "your mother" and slots["death_acknowledged"]
    assert "sorry about your mother" in said(dispatcher.messages[0])


@pytest.mark.parametrize(
    "text",
    ["she almost died on the table", "I lost my job because of it", "he's fine now"],
)
async def test_no_death_is_heard_where_there_is_none(domain, make_tracker, text):
    from actions.conversation import ActionHearFacts

    dispatcher = CollectingDispatcher()
    events = await ActionHearFacts().run(
        dispatcher, make_tracker(text=text, active=False), domain
    )
    assert events == [] and dispatcher.messages == []


@pytest.mark.parametrize(
    "text, wants",
    [
        ("can someone call me back please", True),
        ("please call me, the surgeon nicked my bowel", True),
        ("please don't call me, text only", False),
        ("when will someone call me?", False),
        ("the doctor wont call back", False),
        ("they never called me back after the surgery", False),
        ("the surgeon wont call back so can you call me", True),
    ],
)
async def test_a_request_for_a_call_is_heard_anywhere(
    domain, make_tracker, text, wants
):
    from actions.conversation import ActionHearFacts

    events = await ActionHearFacts().run(
        CollectingDispatcher(), make_tracker(text=text, active=False), domain
    )
    assert ("callback_wanted" in {e["name"] for e in events}) is wants


async def test_a_photo_is_acknowledged_and_its_link_kept(domain, make_tracker):
    from actions.conversation import ActionHearFacts

    url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"
    tracker = make_tracker(text="", active=False)
    tracker.latest_message["metadata"] = {"NumMedia": "1", "MediaUrl0": url}
    dispatcher = CollectingDispatcher()
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    assert events[0]["name"] == "media_urls" and events[0]["value"] == [url]
    assert dispatcher.messages[0]["response"] == "utter_photo_received"


async def test_this_number_taken_for_a_stop_is_the_phone_number(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": None},
        text="this number",
        intent="stop",
        requested_slot="contact_phone",
        sender_id="+12165550187",
        input_channel="twilio",
    )
    events = await ActionStopScreening().run(dispatcher, tracker, domain)
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "contact_phone",
        "value": "+12165550187",
    } in events
    assert events[-1]["event"] == "followup" and dispatcher.messages == []


def test_a_sponge_left_inside_is_heard_as_a_foreign_object():
    from actions.parsing.story import foreign_object_in

    assert foreign_object_in("they left a sponge inside me. found it on a CT scan")
    assert foreign_object_in("a clamp showed up on the x-ray")
    assert not foreign_object_in("they took out my gallbladder and I got an infection")


# --- an answer, or part of the story, taken for an interruption ------------------------------


def _slots(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _responses(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


async def test_start_over_in_words_clears_the_chat(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH"},
        text="can we start over",
        intent="restart",
        requested_slot="incident_date",
    )
    events = await ActionRestart().run(dispatcher, tracker, domain)
    assert events[-1]["event"] == "restart"
    assert _responses(dispatcher) == ["utter_restart"]


@pytest.mark.parametrize(
    "text",
    [
        "i didnt say start over. why did u delete everything",
        "Ohio. I told you that at the very beginning.",
    ],
)
async def test_start_over_without_the_words_clears_nothing(domain, make_tracker, text):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH", "lead_reference": "L-1"},
        text=text,
        intent="restart",
        active=False,
    )
    events = await ActionRestart().run(dispatcher, tracker, domain)
    assert events == []
    assert _responses(dispatcher) == ["utter_restart_confirm"]


@pytest.mark.parametrize(
    "slot, text, sms, expected",
    [
        ("contact_phone", "this number. the one im texting from", True, "+16155550134"),
        ("represented_intent", "a new lawyer", False, "switch"),
        ("represented_intent", "a different attorney", False, "switch"),
    ],
)
async def test_an_answer_taken_for_start_over_is_the_answer(
    domain, make_tracker, slot, text, sms, expected
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"already_represented": True},
        text=text,
        intent="restart",
        requested_slot=slot,
        sender_id="+16155550134" if sms else "web-1",
        input_channel="twilio" if sms else "rest",
    )
    events = await ActionRestart().run(dispatcher, tracker, domain)
    assert _slots(events)[slot] == expected
    assert events[-1]["event"] == "followup"
    assert "restart" not in [e["event"] for e in events]


async def test_start_over_unclear_in_the_form_asks_again(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="new", intent="restart", requested_slot="state")
    events = await ActionRestart().run(dispatcher, tracker, domain)
    assert [e["event"] for e in events] == ["followup"]
    assert _responses(dispatcher) == ["utter_restart_confirm"]


@pytest.mark.parametrize(
    "text, severity",
    [
        ("it cleared up in a couple of weeks, I'm fine now", "recovered"),
        ("no not now, it went away", None),
    ],
)
async def test_an_answer_taken_for_a_stop_is_not_a_stop(
    domain, make_tracker, text, severity
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="stop", requested_slot="harm_description")
    events = await ActionStopScreening().run(dispatcher, tracker, domain)
    assert "utter_stopped" not in _responses(dispatcher)
    assert "active_loop" not in [e["event"] for e in events]
    assert events[-1]["event"] == "followup"
    if severity:
        assert _slots(events)["harm_severity"] == severity


async def test_not_now_after_the_911_advice_starts_the_screening(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    emergency = {
        "event": "bot",
        "text": "call 911",
        "metadata": {"utter_action": "utter_emergency"},
    }
    tracker = make_tracker(
        text="no not now. this was back in june",
        intent="stop",
        active=False,
        events=[emergency],
    )
    events = await ActionStopScreening().run(dispatcher, tracker, domain)
    assert "utter_stopped" not in _responses(dispatcher)
    assert events[-1] == {
        "event": "followup",
        "timestamp": None,
        "name": "screening_form",
    }
    assert "incident_description" not in _slots(events)


async def test_not_now_without_the_911_advice_starts_nothing(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="not now", intent="stop", active=False)
    events = await ActionStopScreening().run(dispatcher, tracker, domain)
    assert events == [] and _responses(dispatcher) == ["utter_default"]


@pytest.mark.parametrize(
    "text, severity",
    [
        ("nothing happened yet, I noticed before I took it", "none_yet"),
        ("still sore, can't lift my arm", "ongoing"),
    ],
)
async def test_a_harm_answer_taken_for_a_correction_is_the_answer(
    domain, make_tracker, text, severity
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH"},
        text=text,
        intent="correct_answer",
        requested_slot="harm_description",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events)["harm_severity"] == severity
    assert dispatcher.messages == []


async def test_a_correction_of_another_date_is_not_the_pending_answer(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": "2022-03-05"},
        text="sorry, it was 2021, not 2022",
        intent="correct_answer",
        requested_slot="discovery_date",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events) == {"incident_date": "2021-03-05", "date_to_confirm": None}


@pytest.mark.parametrize(
    "text, advice",
    [
        ("I was in a lot of pain and needed more treatment afterwards", False),
        ("still in pain and bleeding right now", True),
    ],
)
async def test_a_harm_answer_taken_for_an_emergency_is_the_answer(
    domain, make_tracker, text, advice
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text, intent="report_emergency", requested_slot="harm_description"
    )
    events = await ActionHandleEmergency().run(dispatcher, tracker, domain)
    assert _slots(events)["harm_description"] == text
    assert ("utter_emergency" in _responses(dispatcher)) is advice


async def test_an_emergency_that_answers_nothing_gets_the_advice(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="i cant breathe", intent="report_emergency", requested_slot="state"
    )
    events = await ActionHandleEmergency().run(dispatcher, tracker, domain)
    assert events == [] and _responses(dispatcher) == ["utter_emergency"]


@pytest.mark.parametrize(
    "text", ["the doctor wont call back", "nobody returns my calls"]
)
async def test_a_call_not_returned_is_the_story_not_a_request(
    domain, make_tracker, text
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_description": "they burned her throat"},
        text=text,
        intent="request_human",
        requested_slot="state",
    )
    events = await ActionOfferHuman().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert slots["incident_description"] == f"they burned her throat {text}"
    assert "callback_requested" not in slots
    assert _responses(dispatcher) == ["utter_story_added"]
    heard = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert "callback_wanted" not in _slots(heard)


@pytest.mark.parametrize(
    "slot", ["incident_description", "harm_description", "providers"]
)
async def test_free_words_taken_for_a_correction_are_the_answer(
    domain, make_tracker, slot
):
    text = "they made a mistake with my care and I was hurt"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="correct_answer", requested_slot=slot)
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events)[slot]
    assert "utter_correction_unclear" not in _responses(dispatcher)


async def test_an_unclear_correction_at_a_date_question_asks_what_to_change(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="i made a mistake earlier",
        intent="correct_answer",
        requested_slot="incident_date",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert events == [] and _responses(dispatcher) == ["utter_correction_unclear"]


async def test_a_bare_date_taken_for_a_correction_answers_the_date_asked(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": "2026-07-04", "patient_deceased": True},
        text="July 5, 2026",
        intent="correct_answer",
        requested_slot="death_date",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events)["death_date"] == "2026-07-05"
    assert "incident_date" not in _slots(events)
