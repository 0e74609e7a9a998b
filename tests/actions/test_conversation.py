"""Questions, corrections, a person, and stopping: what can happen at any point."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import intake
from actions.conversation import (
    ActionAnswerQuestion,
    ActionCorrectAnswer,
    ActionGreet,
    ActionHandleEmergency,
    ActionHearFacts,
    ActionNotUnderstood,
    ActionOfferHuman,
    ActionRestart,
    ActionStopScreening,
    after_decline_reply,
    answer_questions,
    dates_with_the_lead,
    find_change,
    find_correction,
    find_corrections,
    heard_after_decline,
    slots_before_message,
)
from actions.intake import ActionAcknowledgeMatter
from actions.parsing.control import (
    KEEP_GOING_PAYLOAD,
    START_OVER_ANSWER,
    START_OVER_PAYLOAD,
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


@pytest.mark.parametrize(
    "text, expected",
    [
        # role-play E: the death certificate dates when they found out, not the death
        (
            "honestly not until the death certificate came in june, it said sepsis. nobody "
            "told us anything before that. is this consultation free btw?",
            ("discovery_date", "2026-06"),
        ),
        (
            "no he died in MAY, early may. june is when we got the death certificate and "
            "that's when I started suspecting something. and you didn't answer, is this free?",
            ("discovery_date", "2026-06"),
        ),
    ],
)
def test_a_date_said_with_its_event_corrects_that_event(text, expected):
    held = {
        "incident_date": "2026-04",
        "death_date": "2026-05",
        "discovery_date": "2026-05",
        "patient_deceased": True,
    }
    assert find_correction(text, held) == expected


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
        # the question the words ask is answered (the fees, or what they name: privacy,
        # the deadline), whatever the model took it for
        assert events == []
        assert dispatcher.messages[0]["response"].startswith("utter_faq_ask_")


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


async def test_a_death_said_as_a_killing_is_a_death(domain, make_tracker, said):
    # role-play I (Tom, by SMS): "the VA killed my dad" got "I'm sorry you're dealing with this"
    from actions.conversation import ActionHearFacts

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="the VA killed my dad", active=False)
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_deceased"] is True and slots["death_acknowledged"]
    assert "sorry about your father" in said(dispatcher.messages[0])


async def test_a_stillbirth_told_first_is_a_loss_acknowledged(
    domain, make_tracker, said
):
    # role-play O: "hi my son was stillborn last week ..." got "I'm sorry you're dealing with
    # this" (the words for any trouble), not a condolence for her son
    from actions.conversation import ActionHearFacts

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="hi my son was stillborn last week at 39 weeks, they sent me home from "
        "triage in dallas",
        active=False,
    )
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_deceased"] is True and slots["death_acknowledged"]
    assert "so sorry about your son" in said(dispatcher.messages[0])


async def test_a_death_told_with_another_answer_is_heard_and_not_asked(
    domain, make_tracker, said
):
    # role-play D: "... stage 4 now. he passed 3 weeks ago" at when she found out
    from actions.conversation import ActionHearFacts

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"patient_role": "spouse", "incident_date": "2023-04"},
        text="they finally did a ct scan in jan this year and found it. stage 4 now. "
        "he passed 3 weeks ago",
        requested_slot="discovery_date",
    )
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_deceased"] is True and slots["death_acknowledged"]
    assert "sorry" in said(dispatcher.messages[0])


@pytest.mark.parametrize(
    "text, slot, value",
    [
        # role-play D and E: the VA named in the first message; the patient alive, said
        # in the present tense
        (
            "My husband went to the Phoenix VA for a cough that wouldnt go away, they said "
            "it was bronchitis three times. it was lung cancer. is it too late to do "
            "anything",
            "government_facility",
            True,
        ),
        (
            "Hello. I am writing about my son Jaylen. He was born at Grady Memorial in "
            "Atlanta and the delivery went very wrong. They pulled on him too hard and now "
            "his arm doesn't work right, the doctors call it Erb's palsy. Is this service "
            "free?",
            "patient_deceased",
            False,
        ),
    ],
)
async def test_facts_of_the_first_message_are_kept(
    domain, make_tracker, text, slot, value
):
    from actions.conversation import ActionHearFacts

    events = await ActionHearFacts().run(
        CollectingDispatcher(), make_tracker(text=text, active=False), domain
    )
    assert {e["name"]: e["value"] for e in events}[slot] is value


@pytest.mark.parametrize(
    "text",
    [
        "she almost died on the table",
        "I lost my job because of it",
        "he's fine now",
        "he passed the stress test last year",
        "she passed out in the ER",
        "the meds nearly killed me",
        "they almost killed my dad",
    ],
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
        # role-play: a time to call told with the story, and yes/no questions about today
        ("You can reach me at 216-555-3002, best time to call is after 5pm.", True),
        ("skip. will u call today", True),
        ("I'm still tired. When will someone actually call me?", False),
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


@pytest.mark.parametrize(
    "text, slots, dob",
    [
        ("she's 54, born march 3 1972. teresa delgado", {}, "1972-03-03"),
        ("my son hes 6, born 4/2/2020", {}, "2020-04-02"),
        (
            "born march 3 1972",
            {"patient_dob": "1972-03-04"},
            None,
        ),  # a correction's job
        ("she was born in 2027", {}, None),  # not a real birth date yet
        ("it was not a birth injury, april 14 2025", {}, None),
    ],
)
async def test_a_birth_date_is_heard_anywhere(domain, make_tracker, text, slots, dob):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(slots, text=text, requested_slot="patient_deceased")
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert {e["name"]: e["value"] for e in events}.get("patient_dob") == dob


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "It was NOT a birth injury, it was a hysterectomy… April 14, 2025.",
            ("incident_date", "2025-04-14"),
        ),
        ("her dob is 3/3/1972", ("patient_dob", "1972-03-03")),
        ("sorry, she was born in 1971", ("patient_dob", "1971-03-03")),
    ],
)
def test_a_birth_injury_is_not_a_birth_date(text, expected):
    slots = {"incident_date": "2025-04", "patient_dob": "1972-03-03"}
    assert find_correction(text, slots) == expected


# --- an answer and a question in one message -------------------------------------------------


@pytest.mark.parametrize(
    "slot, text, intent, faq, taken_as",
    [
        (
            "state",
            "georgia. how much does this cost btw? i cant pay a lawyer up front",
            "ask_fees",
            "utter_faq_ask_fees",
            "GA",
        ),
        (
            "incident_date",
            "march 2024 like i said, it was march 12. do i need my records?",
            "ask_records",
            "utter_faq_ask_records",
            "2024-03-12",
        ),
        # the model heard fees; the words ask when the call comes
        (
            "contact_name",
            "Darnell Price. will it be today?",
            "ask_fees",
            "utter_faq_ask_callback_time",
            "Darnell Price",
        ),
        ("state", "tx.. is this private", "ask_confidentiality", None, "TX"),
    ],
)
async def test_the_question_is_answered_and_the_answer_kept(
    domain, make_tracker, slot, text, intent, faq, taken_as
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": None}, text=text, intent=intent, requested_slot=slot
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert {e["name"]: e["value"] for e in events}[slot] == taken_as
    assert dispatcher.messages[0]["response"] == (faq or f"utter_faq_{intent}")


async def test_a_remark_with_the_question_is_not_taken_for_an_answer(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="ugh. how much does this cost?", intent="ask_fees", requested_slot="state"
    )
    assert await ActionAnswerQuestion().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq_ask_fees"]


@pytest.mark.parametrize("intent", ["correct_answer", "ask_statute_of_limitations"])
async def test_yes_and_a_question_at_the_summary_confirm_it_and_get_the_answer(
    domain, make_tracker, intent
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "NY"},
        text="yes. now answer me. is it too late or not?",
        intent=intent,
        requested_slot="summary_confirmed",
    )
    action = (
        ActionCorrectAnswer() if intent == "correct_answer" else ActionAnswerQuestion()
    )
    events = await action.run(dispatcher, tracker, domain)
    assert {e["name"]: e["value"] for e in events}["summary_confirmed"] is True
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq_ask_statute_of_limitations"
    ]


async def test_only_a_question_at_the_summary_shows_it_again(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="ok so is it too late or not?",
        intent="correct_answer",
        requested_slot="summary_confirmed",
    )
    assert await ActionCorrectAnswer().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq_ask_statute_of_limitations"
    ]


@pytest.mark.parametrize(
    "text, role, expected",
    [
        (
            "She was NOT my child. She was my mother",
            "parent",
            ("patient_role", "parent"),
        ),
        (
            "She was NOT my child. She was my mother",
            "child",
            ("patient_role", "parent"),
        ),
        ("it was my son not me", "self", ("patient_role", "child")),
        ("sorry its my husband", None, ("patient_role", "spouse")),
    ],
)
def test_a_correction_of_who_the_patient_was(text, role, expected):
    assert find_correction(text, {"patient_role": role}) == expected


@pytest.mark.parametrize(
    "text, role",
    [
        # the role noted, named in passing
        ("thats right, my mom will be glad", "parent"),
        ("yes, thank you so much", "parent"),
        # another relation, in passing
        ("all good. my wife helped me type this", "self"),
        # the role noted, said again
        ("yes it was my mom", "parent"),
    ],
)
def test_a_relation_named_in_passing_is_no_correction(text, role):
    assert find_correction(text, {"patient_role": role}) is None


async def test_the_corrected_patient_is_named_by_the_relation_not_denied(
    domain, make_tracker, said
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"patient_role": "child", "patient_relation": "child"},
        text="She was NOT my child. She was my mother",
        intent="correct_answer",
        requested_slot="state",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_role"] == "parent"
    assert slots["patient_called"] == "your mother"
    assert said(dispatcher.messages[0]) == (
        "Thanks, I've noted that the patient was your mother."
    )


async def test_an_answer_with_a_remark_taken_for_a_correction_is_the_answer(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="Karen Brennan-Ortiz. its all in my first text",
        intent="correct_answer",
        requested_slot="contact_name",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert {e["name"]: e["value"] for e in events} == {
        "contact_name": "Karen Brennan-Ortiz"
    }
    assert dispatcher.messages == []


# --- every fact a story holds -------------------------------------------------------------------

KAREN = (
    "hi my name is Karen Brennan-Ortiz. my dad had gallbladder surgery at a private hospital in "
    "Newark New Jersey on August 12 2025 and they left a sponge inside him. they found it on a "
    "CT scan on September 30 2025 and he needed another surgery. he is alive. we dont have a "
    "lawyer. my cell is 973-555-0148 and my email is karen.bo@example.com"
)


async def test_a_first_text_with_the_whole_story_answers_its_questions(
    domain, make_tracker
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text=KAREN,
        intent="describe_surgical_error",
        extracted={"incident_type": "surgical_error"},
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots == {
        "foreign_object": True,
        "state": "NJ",
        "incident_date": "2025-08-12",
        "discovery_date": "2025-09-30",
        "patient_role": "parent",
        "patient_deceased": False,
        "government_facility": False,
        "already_represented": False,
        "contact_name": "Karen Brennan-Ortiz",
        "contact_phone": "+19735550148",
        "contact_email": "karen.bo@example.com",
        "patient_relation": "father",
        "patient_called": "your father",
        # what followed the care: the harm question is not asked, the summary reads it back
        "harm_description": "they found it on a CT scan on September 30 2025 and he "
        "needed another surgery.",
    }


async def test_more_story_at_a_question_keeps_its_answer_and_what_was_said(
    domain, make_tracker
):
    """The question asked is the form's to answer, a fact already given stands, and a year
    alone is left for the date question (it asks when in that year)."""
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        {"incident_type": "surgical_error", "state": "OH"},
        text="ok so it was in 2021 in texas, my knee surgery, and my phone is 614-555-0142",
        requested_slot="state",
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots == {"patient_role": "self", "contact_phone": "+16145550142"}


@pytest.mark.parametrize(
    "text, asked, heard",
    [
        ("Pennsylvania. The VA in Pittsburgh", "state", {"government_facility": True}),
        ("texas, a private hospital", "state", {"government_facility": False}),
        ("VA", "state", {}),  # Virginia
        ("may 2025 at the VA", "incident_date", {"government_facility": True}),
        ("the VA", "government_facility", {}),  # the form's own answer
    ],
)
async def test_a_public_hospital_named_in_a_short_answer(
    domain, make_tracker, text, asked, heard
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(text=text, requested_slot=asked)
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert {e["name"]: e["value"] for e in events} == heard


TASHA_FOUND_OUT = (
    "like 3 wks later, pediatrician did xray and it was broke. healed crooked now he needs "
    "surgery. is it to late??"
)
LUIS_AT_THE_STATE = (
    "florida. tampa. bayshore memorial ER sent me home 2 yrs ago right before christmas, said "
    "acid reflux. had a heart attack 2 days later. 3 stents, heart is damaged for good, cant "
    "do roofing no more"
)
FRANK = (
    "I am FURIOUS. On August 12 2025 the Rite Aid on Forbes Ave in Pittsburgh filled my "
    "warfarin prescription at 10mg instead of 1mg. I took it for 5 days and ended up in the "
    "ICU at UPMC Presbyterian with internal bleeding. I was in the hospital 9 days and missed "
    "3 weeks of work. I still get dizzy. Nobody from the pharmacy even apologized."
)


@pytest.mark.parametrize(
    "slots, text, asked, heard",
    [
        # role-play E: the harm said with when they found out is kept, not asked again
        (
            {"patient_role": "child"},
            TASHA_FOUND_OUT,
            "discovery_date",
            # (how he is now is not one of the choices: that question is asked)
            {"harm_description": "healed crooked now he needs surgery."},
        ),
        # after a death the harm is not asked: what led to it is kept from any answer
        (
            {
                "patient_role": "parent",
                "patient_deceased": True,
                "harm_severity": "death",
            },
            "honestly not until the death certificate came in june, it said sepsis. nobody "
            "told us anything before that",
            "discovery_date",
            {
                "harm_description": "honestly not until the death certificate came in "
                "june, it said sepsis."
            },
        ),
        # role-play G (Luis): the harm told with the state, after the 911 reminder, is kept
        # with how things are now, so neither question is asked again
        (
            {"patient_role": "self"},
            LUIS_AT_THE_STATE,
            "state",
            {
                "harm_description": "3 stents, heart is damaged for good, cant do roofing "
                "no more",
                "harm_severity": "permanent",
            },
        ),
        # the harm question's own answer is the form's; a harm already noted stands
        ({}, "healed crooked now he needs surgery", "harm_description", {}),
        (
            {"harm_description": "arm healed crooked"},
            "it still hurts, he needs surgery",
            "providers",
            {},
        ),
        # an answer that tells no harm, or only how they found out (the question asks)
        ({}, "march 2023, spring break", "incident_date", {}),
        (
            {},
            "a few weeks after, when I ended up in the ER with jaundice. early April 2025",
            "discovery_date",
            {},
        ),
        # a yes or no with a word on how things are: the harm question still asks
        (
            {"patient_role": "spouse"},
            "no she is fighting it. chemo now",
            "patient_deceased",
            {},
        ),
        # ... unless the word is that they are well again, and what it took
        (
            {"patient_role": "child"},
            "no. shes ok now. 2 days in golisano",
            "patient_deceased",
            {"harm_description": "shes ok now. 2 days in golisano"},
        ),
        # an emergency now is 911 first, not the case's harm
        (
            {"patient_role": "other_family", "patient_deceased": True},
            "sorry if im slow, my wife is bleeding heavily right now after her surgery",
            "already_represented",
            {},
        ),
    ],
)
async def test_the_harm_told_with_another_answer(
    domain, make_tracker, slots, text, asked, heard
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        {"incident_type": "misdiagnosis", **slots}, text=text, requested_slot=asked
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    found = {e["name"]: e["value"] for e in events}
    assert {k: v for k, v in found.items() if k.startswith("harm_")} == heard


async def test_the_harm_told_with_a_correction_is_kept(domain, make_tracker):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        {"patient_role": "parent", "patient_deceased": True, "harm_severity": "death"},
        text="honestly not until the death certificate came in june, it said sepsis",
        intent="correct_answer",
        requested_slot="discovery_date",
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert {e["name"]: e["value"] for e in events}["harm_description"] == (
        "honestly not until the death certificate came in june, it said sepsis"
    )


async def test_the_harm_in_a_first_story_is_kept(domain, make_tracker):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text=FRANK,
        intent="describe_medication_error",
        extracted={"incident_type": "medication_error"},
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["harm_description"].startswith("I took it for 5 days")
    assert slots["harm_description"].endswith("I still get dizzy.")
    assert slots["harm_severity"] == "ongoing"


async def test_a_short_first_message_is_what_happened_not_the_harm(
    domain, make_tracker
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text="the ER doctor sent my husband home and his appendix RUPTURED",
        intent="describe_misdiagnosis",
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert "harm_description" not in {e["name"] for e in events}


async def test_a_harm_said_briefly_after_a_death_is_kept(domain, make_tracker):
    """Role-play I (Ray): after a death the harm is never asked, so the few words that tell
    it in a short first message are the harm."""
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text="my wife died in sept. walgreens in joliet gave her the wrong dose of warfarin, "
        "10mg instead of 1mg. she had a brain bleed",
        intent="describe_medication_error",
        extracted={"incident_type": "medication_error"},
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["harm_description"] == "she had a brain bleed"
    assert slots["patient_deceased"] is True


ANGELA = (
    "I don't even know where to start. My mother passed away this year and I can't stop "
    "thinking that it didn't have to happen. She was living at Magnolia Gardens, a nursing "
    "home in Macon, Georgia, and for days she was running a fever and getting more and more "
    "confused, and the staff just kept telling me she was 'having a bad day' and that it was "
    "her dementia. When they finally sent her to the hospital she was in septic shock from a "
    "urinary infection and the doctors there said if she had come in even two days earlier "
    "they could have treated it. She died in the ICU a few days later."
)


@pytest.mark.parametrize(
    "text",
    [
        ANGELA,
        # the words read only "other" care, by what went wrong: still not the model's kind
        "My dad got a terrible infection at the hospital after they put in his IV line and "
        "nobody checked on him for two days. He is in the ICU now.",
    ],
)
async def test_a_kind_the_words_never_name_is_not_the_models(
    domain, make_tracker, text
):
    """Role-play I (Angela): the model heard a medication error ("they could have treated
    it"); nothing in the words is one, so what they tell decides."""
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text=text,
        intent="describe_medication_error",
        extracted={"incident_type": "medication_error"},
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["incident_type"] in ("misdiagnosis", "other")


async def test_the_models_kind_stands_over_other_care_the_words_name_it_in(
    domain, make_tracker
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text="my dad got an infection in the hospital after the nurse gave him the wrong "
        "pills, he is still in the hospital now and can barely talk",
        intent="describe_medication_error",
        extracted={"incident_type": "medication_error"},
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert "incident_type" not in {e["name"] for e in events}


async def test_first_words_about_their_lawyer_start_a_screening(
    domain, make_tracker, said
):
    from actions.conversation import ActionHearFacts, ActionNotUnderstood

    text = (
        "I already have a lawyer but he never calls me back. I want a second opinion."
    )
    tracker = make_tracker(text=text, intent="nlu_fallback", active=False)
    heard = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert {e["name"]: e["value"] for e in heard} == {
        "already_represented": True,
        "represented_intent": "second_opinion",
    }
    dispatcher = CollectingDispatcher()
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_intro"
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "screening_form"


@pytest.mark.parametrize(
    "text",
    [
        "i have a lawyer, he wont call me back, can you look at my case",
        "my attorney dropped my case and I want a new lawyer",
    ],
)
async def test_other_first_words_about_a_lawyer_are_not_dead_ends(
    domain, make_tracker, text
):
    from actions.conversation import ActionNotUnderstood

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="nlu_fallback", active=False)
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert events and events[-1]["event"] == "followup"


async def test_looking_for_a_lawyer_is_not_having_one(domain, make_tracker, said):
    from actions.conversation import ActionNotUnderstood

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"intro_shown": True},
        text="do you have a lawyer for me",
        intent="nlu_fallback",
        active=False,
    )
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert events == [] and dispatcher.messages[0]["response"] == "utter_default"


async def test_a_first_message_not_understood_gets_the_welcome(domain, make_tracker):
    from actions.conversation import ActionNotUnderstood

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="Hi, I'm not sure if this is the right place",
        intent="nlu_fallback",
        active=False,
    )
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert events == []
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_intro",
        "utter_ask_what_happened",
    ]


@pytest.mark.parametrize(
    "text, asked, heard",
    [
        # role-play G: a month with its year told in answer to another question is the date
        # of the care (read back by the form), not asked again
        (
            "i just said. knee replacement feb 2025 at gulf coast orthopedic surgery center"
            " in houston. infection, they said it was normal swelling",
            "incident_description",
            "2025-02",
        ),
        (LUIS_AT_THE_STATE, "state", f"{dt.date.today().year - 2}-12"),
        # a month without its year, or a year alone: the date question asks
        (
            "florida. the surgery was in february and it got infected and they blew me off",
            "state",
            None,
        ),
        (
            "texas. I had surgery back in 2021 and they left a sponge inside me",
            "state",
            None,
        ),
    ],
)
async def test_the_care_month_told_at_another_question_is_kept(
    domain, make_tracker, text, asked, heard
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        {"incident_type": "surgical_error"},
        text=text,
        intent="inform",
        requested_slot=asked,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots.get("incident_date") == heard


async def test_the_care_month_told_before_any_question_is_asked_for_its_day(
    domain, make_tracker
):
    """People.yml Tamika: "during my c-section in march 2024" in the first words; the date
    question then asks (and she gives the day)."""
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(
        text="they burned me with a cautery tool during my c-section in march 2024, i have "
        "a scar on my side",
        intent="describe_surgical_error",
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert "incident_date" not in {e["name"] for e in events}


@pytest.mark.parametrize(
    "text, heard",
    [
        # said to the day: kept; in a month, or as an estimate: the question asks the day
        (
            "my mom had her hip surgery on march 3 2025 in ohio and it went wrong",
            "2025-03-03",
        ),
        (
            "my mom died in february after the nursing home gave her the wrong pills",
            None,
        ),
        ("my mom had her surgery about three weeks ago and now she cant walk", None),
    ],
)
async def test_a_story_date_is_kept_only_when_said_to_the_day(
    domain, make_tracker, text, heard
):
    from actions.conversation import ActionHearFacts

    tracker = make_tracker(text=text, intent="describe_surgical_error", active=False)
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots.get("incident_date") == heard and "death_date" not in slots


async def test_a_birth_said_in_a_birth_injury_story_is_the_date_of_the_care(
    domain, make_tracker
):
    from actions.conversation import ActionHearFacts
    from actions.intake import today

    text = (
        "I'm writing about my son Elijah. He was born on March 3 last year at Pine Ridge "
        "County Hospital. The monitor showed his heart rate dropping for almost two hours "
        "before anyone called the OB, and by the emergency c-section he wasn't breathing."
    )
    tracker = make_tracker(text=text, intent="describe_birth_injury", active=False)
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    born = f"{today().year - 1}-03-03"
    assert (slots.get("incident_date"), slots.get("patient_dob")) == (born, born)


async def test_the_models_tagging_of_the_same_story_gives_way_to_its_words(
    domain, make_tracker
):
    """The model tagged "my" as the patient; the story says "my dad". An answer given before
    (not this message's tagging) stands."""
    from actions.conversation import ActionHearFacts

    text = "hi my name is Karen. my dad had gallbladder surgery in Newark New Jersey"
    tracker = make_tracker(
        text=text, extracted={"patient_role": "my", "state": "NJ"}, active=False
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_role"] == "parent" and "state" not in slots

    answered = make_tracker(
        {"patient_role": "self"}, text=text, requested_slot="incident_date"
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), answered, domain)
    assert "patient_role" not in {e["name"] for e in events}


async def test_first_words_about_their_lawyer_taken_for_a_request_for_a_person(
    domain, make_tracker
):
    """The model reads "lawyer" as asking for a person: the screening starts with the
    disclaimers instead, and no call is offered that they did not ask for."""
    text = (
        "I already have a lawyer but he never calls me back. I want a second opinion."
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="request_human", active=False)
    events = await ActionOfferHuman().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_intro",
        "utter_acknowledge",
    ]
    assert "callback_requested" not in {e.get("name") for e in events}

    asked = CollectingDispatcher()
    person = make_tracker(
        text="can I talk to a real lawyer please", intent="request_human", active=False
    )
    await ActionOfferHuman().run(asked, person, domain)
    assert [m["response"] for m in asked.messages] == ["utter_human"]


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


EARLIER = [
    {
        "event": "user",
        "text": "they nicked my bowel in surgery",
        "input_channel": "twilio",
    }
]


def _texting(make_tracker, text, metadata=None, told=True):
    tracker = make_tracker(
        {"state": "OH", "incident_type": "surgical_error"},
        text=text,
        intent="restart",
        requested_slot="incident_date",
        events=EARLIER if told else [],
        sender_id="+16155550134",
        input_channel="twilio",
    )
    if metadata is not None:
        tracker.latest_message["metadata"] = metadata
    return tracker


@pytest.mark.parametrize("text", ["can i start over", "restart", "lets start again"])
async def test_by_text_start_over_is_asked_first_as_on_the_website(
    domain, make_tracker, text
):
    dispatcher = CollectingDispatcher()
    events = await ActionRestart().run(dispatcher, _texting(make_tracker, text), domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_listen"}]
    assert _responses(dispatcher) == ["utter_ask_start_over"]
    # the SMS channel knows the answer by the choices' payloads
    [asked] = domain["responses"]["utter_ask_start_over"]
    assert asked["text"] == "Start over? What you've told us so far will be cleared."
    assert [b["payload"] for b in asked["buttons"]] == [
        START_OVER_PAYLOAD,
        KEEP_GOING_PAYLOAD,
    ]


async def test_by_text_yes_clears_and_no_keeps_everything(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    yes = _texting(make_tracker, "/restart", {START_OVER_ANSWER: "yes"})
    events = await ActionRestart().run(dispatcher, yes, domain)
    assert events[-1]["event"] == "restart"
    assert _responses(dispatcher) == ["utter_restart"]

    dispatcher = CollectingDispatcher()
    no = _texting(make_tracker, "/restart", {START_OVER_ANSWER: "no"})
    events = await ActionRestart().run(dispatcher, no, domain)
    assert [e["event"] for e in events] == ["followup"]  # the question asked again
    assert events[0]["name"] == "screening_form"
    assert _responses(dispatcher) == ["utter_kept_going"]


async def test_by_text_with_nothing_told_yet_start_over_is_not_asked(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = _texting(make_tracker, "start over", told=False)
    events = await ActionRestart().run(dispatcher, tracker, domain)
    assert events[-1]["event"] == "restart"


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


async def test_not_now_after_the_911_advice_keeps_the_story_it_answered(
    domain, make_tracker
):
    story = (
        "On July 7 I had a knee arthroscopy and they ignored that my calf was swollen. "
        "Two days later I collapsed at home, it was a pulmonary embolism."
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="No, that was in July, I'm not in danger now. I'm asking about a malpractice case.",
        intent="deny",
        active=False,
        events=[
            {"event": "user", "text": story, "parse_data": {}},
            {
                "event": "bot",
                "text": "call 911",
                "metadata": {"utter_action": "utter_emergency"},
            },
        ],
    )
    events = await ActionStopScreening().run(dispatcher, tracker, domain)
    assert events[-1]["name"] == "screening_form"
    assert _slots(events)["incident_description"].startswith("On July 7 I had a knee")


@pytest.mark.parametrize(
    ("text", "after_911", "kept"),
    [
        (
            "ok im back from the ER. they said its not a heart attack this time, its angina "
            "from the damage. which is the whole reason im texting u people",
            True,
            False,
        ),
        # the same words without the 911 advice before them, or another story after it
        ("im back from the hospital where they botched my knee surgery", False, True),
        ("the surgeon left a sponge inside me during my c-section", True, True),
    ],
)
async def test_back_from_the_er_after_the_911_advice_is_not_the_story(
    domain, make_tracker, text, after_911, kept
):
    from actions.intake import ValidateScreeningForm

    emergency = {
        "event": "bot",
        "text": "call 911",
        "metadata": {"utter_action": "utter_emergency"},
    }
    tracker = make_tracker(
        text=text,
        intent="describe_misdiagnosis",
        requested_slot=None,
        events=[emergency] if after_911 else [],
    )
    got = ValidateScreeningForm().validate_incident_description(
        text, CollectingDispatcher(), tracker, domain
    )
    assert (got["incident_description"] is not None) is kept


async def test_not_now_without_the_911_advice_starts_nothing(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"intro_shown": True}, text="not now", intent="stop", active=False
    )
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


async def test_the_harm_told_with_an_emergency_is_kept_with_the_advice(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    text = (
        "i told u. heart damage, EF is like 35 percent, tired all the time, cant work."
        " and today chest pain again"
    )
    tracker = make_tracker(
        text=text, intent="report_emergency", requested_slot="harm_description"
    )
    events = await ActionHandleEmergency().run(dispatcher, tracker, domain)
    assert "tired all the time" in _slots(events)["harm_description"]
    assert "utter_emergency" in _responses(dispatcher)


async def test_an_emergency_alone_at_the_harm_question_is_not_the_harm(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="my chest is killing me rn and my left arm is numb",
        intent="report_emergency",
        requested_slot="harm_description",
    )
    events = await ActionHandleEmergency().run(dispatcher, tracker, domain)
    assert "harm_description" not in _slots(events)
    assert _responses(dispatcher) == ["utter_emergency"]


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
    # (answered: at "Who was involved?" these words name nobody, an empty list)
    assert _slots(events)[slot] is not None
    assert _slots(events)[slot] or slot == "providers"
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


async def test_first_words_that_tell_a_death_start_the_screening_whatever_the_model_heard(
    domain, make_tracker
):
    # Role-play: the model took these first words for a question about records; she got
    # that answer and no question, so no screening and no lead.
    text = (
        "hi. my mom died in february last year and i keep thinking the hospital should "
        "have caught it. i dont even know if this is the right place"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="ask_records", active=False)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    responses = _responses(dispatcher)
    assert responses[0] == "utter_intro" and "utter_faq_ask_records" not in responses
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "screening_form"

    # a question the words do ask is answered after the greeting
    asking = CollectingDispatcher()
    told = make_tracker(
        text="my husband died after surgery last month, how much does this cost?",
        intent="ask_fees",
        active=False,
    )
    events = await ActionAnswerQuestion().run(asking, told, domain)
    said = _responses(asking)
    assert said[0] == "utter_intro" and "utter_faq_ask_fees" in said
    assert events[-1]["name"] == "screening_form"

    # a question alone is answered
    alone = CollectingDispatcher()
    only = make_tracker(
        text="do i need my medical records?", intent="ask_records", active=False
    )
    await ActionAnswerQuestion().run(alone, only, domain)
    assert "utter_faq_ask_records" in _responses(alone)


ROSA = (
    "Hello, my name is Rosa Delgado and I'm writing about my father, Manuel Delgado, who is "
    "72. On January 14, 2026 he went to the emergency room at St. Brendan Memorial Hospital "
    "in Cleveland, Ohio with chest pain and pain in his left arm. The ER doctor did not do a "
    "proper workup, told him it was acid reflux and sent him home with antacids. Two days "
    "later, on January 16, he collapsed at home with a massive heart attack. He survived but "
    "now has severe heart failure, can barely walk, and is in a rehab facility."
)


async def test_a_whole_story_answers_the_case_evaluations_questions_too(
    domain, make_tracker
):
    """His name and age, the hospital, how he is now: none is asked again; the kind of
    matter is the words' (a missed heart attack), not the model's ("antacids")."""
    tracker = make_tracker(
        text=ROSA,
        intent="describe_medication_error",
        extracted={"incident_type": "medication_error"},
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["incident_type"] == "misdiagnosis"
    assert (slots["patient_name"], slots["patient_age"]) == ("Manuel Delgado", 72)
    assert slots["providers"] == [
        {"name": "St. Brendan Memorial Hospital", "kind": "hospital"}
    ]
    assert "heart failure" in slots["harm_description"]
    assert slots["harm_severity"] == "ongoing"


async def test_a_pharmacy_chain_texted_in_the_story_is_a_provider(domain, make_tracker):
    # role-play I (Ray): "walgreens" in his first text; "Who was involved?" is then not asked
    # ("I have walgreens so far. Was anyone else involved?" is)
    tracker = make_tracker(
        text="my wife died in sept. walgreens in joliet gave her the wrong dose of warfarin, "
        "10mg instead of 1mg. she had a brain bleed",
        active=False,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["providers"] == [{"name": "walgreens", "kind": "pharmacy"}]


async def test_a_short_answer_tells_no_harm(domain, make_tracker):
    tracker = make_tracker(
        {"incident_type": "surgical_error", "patient_role": "self"},
        text="Ohio. Columbus. You still didn't answer me about the second opinion at all.",
        requested_slot="state",
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert "harm_description" not in {e["name"] for e in events}


async def test_who_the_patient_is_heard_once_the_story_is_known(domain, make_tracker):
    tracker = make_tracker(
        {
            "incident_type": "surgical_error",
            "state": "MI",
            "incident_date": "2024-08-14",
        },
        text="same day. i woke up and the bandage was on the WRONG LEG",
        requested_slot="discovery_date",
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert {e["name"]: e["value"] for e in events}["patient_role"] == "self"


GREG = (
    "No, July 6, 2025. And sorry, I said me earlier but it wasn't me, it was my father, "
    "Raj Patel. I drove him there."
)


@pytest.mark.parametrize("intent", ["inform", "correct_answer"])
async def test_the_patient_corrected_inside_an_answer(domain, make_tracker, intent):
    tracker = make_tracker(
        {"incident_type": "misdiagnosis", "patient_role": "self",
         "incident_date": "2025-07-06"},
        text=GREG,
        intent=intent,
        requested_slot="discovery_date",
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    if intent == "correct_answer":
        events += await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["patient_role"] == "parent"
    assert slots["patient_called"] == "your father"
    assert slots["patient_name"] == "Raj Patel"
    said = [m.get("response") for m in dispatcher.messages]
    assert said.count("utter_changed_patient_role") == 1


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "my wife drove me to the ER that night and it was my fault for waiting",
            "discovery_date",
        ),
        ("it was my dad who noticed it first", "discovery_date"),
        ("not me, my brother is", "estate_representative"),
    ],
)
async def test_a_relation_in_an_answer_corrects_no_patient(
    domain, make_tracker, text, asked
):
    tracker = make_tracker(
        {"incident_type": "misdiagnosis", "patient_role": "parent"}
        if asked != "discovery_date"
        else {"incident_type": "misdiagnosis", "patient_role": "self"},
        text=text,
        requested_slot=asked,
    )
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert "patient_role" not in {e["name"] for e in events}


async def test_someone_elses_oops_taken_for_a_correction_is_the_answer(
    domain, make_tracker
):
    # role-play: "they said oops basically" at "who was the patient?" got "Sorry, I couldn't
    # tell what to change"; it is read as the answer (not one: asked again)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="they said oops basically",
        intent="correct_answer",
        requested_slot="patient_role",
    )
    await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert "utter_correction_unclear" not in _responses(dispatcher)


async def test_a_correction_to_what_is_already_held_is_the_answer(domain, make_tracker):
    # role-play: "I've changed the state to Ohio" for surgeries at Ohio State
    text = "yes 2 more surgerys at ohio state to fix the duct"
    assert find_change(text, {"state": "OH"}) is None
    assert find_change(text, {"state": "MI"}) == ("state", "OH")
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH"},
        text=text,
        intent="correct_answer",
        requested_slot="treatment_since",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events)["treatment_since"] == text
    assert "utter_changed_state" not in _responses(dispatcher)


def test_the_deadline_asked_again_is_answered_differently(make_tracker):
    said: list[str] = []
    for _ in range(4):
        dispatcher = CollectingDispatcher()
        events = [
            {"event": "bot", "text": "...", "metadata": {"utter_action": r}}
            for r in said
        ]
        answer_questions(
            ["ask_statute_of_limitations"], dispatcher, make_tracker(events=events)
        )
        said += _responses(dispatcher)
    assert said == [
        "utter_faq_ask_statute_of_limitations",
        "utter_faq_ask_statute_of_limitations_again",
        "utter_faq_ask_statute_of_limitations_review",
        "utter_faq_ask_statute_of_limitations_review",
    ]


def test_the_deadline_asked_after_the_lead_is_answered_from_its_dates(
    make_tracker, said
):
    # "is it too late? it was over a year ago", the lead made with every date
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"lead_reference": "L-1", "incident_date": "2025-10-14"}, active=False
    )
    answer_questions(["ask_statute_of_limitations"], dispatcher, tracker)
    [message] = dispatcher.messages
    assert message["response"] == "utter_faq_ask_statute_of_limitations_with_the_lead"
    text = said(message)
    assert "on October 14, 2025" in text and "too late" in text
    assert "intake team" in text and "note the dates you give me" not in text
    month = make_tracker({"lead_reference": "L-1", "incident_date": "2025-10"})
    assert dates_with_the_lead(month) == {"when": "in October 2025"}
    # before the lead (or with no date) the usual answer
    assert dates_with_the_lead(make_tracker({"incident_date": "2025-10-14"})) is None
    assert dates_with_the_lead(make_tracker({"lead_reference": "L-1"})) is None


@pytest.mark.parametrize(
    "topic", ["ask_second_opinion", "ask_public_hospital", "ask_need_lawyer"]
)
def test_questions_only_the_words_tell_are_answered(domain, make_tracker, topic):
    dispatcher = CollectingDispatcher()
    answer_questions([topic], dispatcher, make_tracker())
    assert _responses(dispatcher) == [f"utter_faq_{topic}"]
    assert f"utter_faq_{topic}" in domain["responses"]


async def test_a_question_in_the_first_words_is_answered_before_the_first_question(
    domain, make_tracker
):
    # role-play: "... Before I go on, how much does this cost?" was not answered
    text = (
        "Hi, I was given the wrong dose of warfarin when I was discharged from the "
        "hospital. Before I go on, how much does this cost?"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="describe_medication_error", active=False)
    await intake.ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert _responses(dispatcher)[-1] == "utter_faq_ask_fees"


@pytest.mark.parametrize(
    "slot, text, taken",
    [
        # role-play: the email said with a request for a call, the model heard the request
        (
            "contact_email",
            "denise.harlow@example.com. Can someone call me in the mornings? Before noon",
            "denise.harlow@example.com.",
        ),
        ("contact_consent", "Yes. will a lawyer call me today?", "Yes."),
        (
            "already_represented",
            "no. how much does this cost",
            "no. how much does this cost",
        ),
    ],
)
async def test_an_answer_said_with_a_question_reaches_the_form(
    domain, make_tracker, slot, text, taken
):
    tracker = make_tracker(text=text, intent="request_human", requested_slot=slot)
    events = await ActionHearFacts().run(CollectingDispatcher(), tracker, domain)
    assert _slots(events)[slot].startswith(taken)  # (the form's validator reads it)


async def test_a_plain_answer_sentence_taken_for_a_request_is_the_answer(
    domain, make_tracker
):
    # role-play: "ok ill call. no we dont have a lawyer" after the 911 advice
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="ok ill call. no we dont have a lawyer",
        intent="request_human",
        requested_slot="already_represented",
    )
    events = await ActionOfferHuman().run(dispatcher, tracker, domain)
    assert _slots(events)["already_represented"] is False
    assert "utter_human" not in _responses(dispatcher)


async def test_an_answer_taken_for_a_question_gets_the_question_answered_too(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="no. how much does this cost",
        intent="ask_fees",
        requested_slot="already_represented",
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert _slots(events)["already_represented"] is False
    assert "utter_faq_ask_fees" in _responses(dispatcher)


# --- after a decline: not medical malpractice --------------------------------------------------


def _declined(make_tracker, text, intent, state=None):
    return make_tracker(
        {
            "incident_type": "not_medmal",
            "screening_outcome": "not_medmal",
            "lead_reference": "L-7",
            "state": state,
        },
        text=text,
        intent=intent,
        active=False,
        sender_id="+12165550101",
        input_channel="twilio",
    )


FOLLOW_ON = {"event": "followup", "timestamp": None, "name": "action_listen"}


async def test_after_a_decline_a_greeting_is_no_fresh_start(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = _declined(
        make_tracker,
        "hello?? can you just tell me the website for the bar referral",
        "greet",
    )
    assert await ActionGreet().run(dispatcher, tracker, domain) == [FOLLOW_ON]
    [reply] = dispatcher.messages
    assert "web address" in reply["text"]

    dispatcher = CollectingDispatcher()
    fresh = make_tracker(text="hi", intent="greet", active=False)
    assert await ActionGreet().run(dispatcher, fresh, domain) == []
    assert _responses(dispatcher) == ["utter_intro", "utter_ask_what_happened"]


async def test_after_a_decline_asking_for_the_referral_starts_no_screening(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = _declined(
        make_tracker,
        "the lawyer referral service, how do i find it for ohio",
        "seek_help",
    )
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert events == [FOLLOW_ON]  # (the form, next in the rule, is not run)
    assert '"Ohio State Bar lawyer referral service"' in dispatcher.messages[0]["text"]


async def test_after_a_decline_a_matter_of_medical_care_is_screened(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = _declined(
        make_tracker,
        "the ER doctor also missed my broken wrist after the crash",
        "inform",
    )
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert FOLLOW_ON not in events  # the screening form runs next
    slots = _slots(events)
    assert (
        slots["incident_type"] == "misdiagnosis" and slots["screening_outcome"] is None
    )
    assert _responses(dispatcher) == ["utter_intro", "utter_acknowledge"]


async def test_after_a_decline_a_question_for_the_referral_is_answered(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = _declined(make_tracker, "can you tell me the bar's number", "ask_fees")
    assert await ActionAnswerQuestion().run(dispatcher, tracker, domain) == [FOLLOW_ON]
    assert "State Bar lawyer referral service" in dispatcher.messages[0]["text"]


async def test_the_reply_after_a_decline_is_short_and_kind_never_the_greeting(
    domain, make_tracker
):
    said = []
    for text, intent in [
        ("ok so what do i do now? is 2000 enough", "describe_not_medmal"),
        ("how do i find the state bar thing", "nlu_fallback"),
        ("hello?? can you just tell me the website for the bar referral", "greet"),
        ("ok thanks i guess", "unsure"),
    ]:
        dispatcher = CollectingDispatcher()
        tracker = _declined(make_tracker, text, intent, state="OH")
        events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
        assert events == [FOLLOW_ON]
        [reply] = dispatcher.messages
        assert (
            reply.get("response") is None
        )  # not utter_intro, utter_default, the decline
        said.append(reply["text"])
    advice, how, website, thanks = said
    assert "not able to advise" in advice and "lawyer referral" in advice
    assert '"Ohio State Bar lawyer referral service"' in how
    assert "don't have its exact web address" in website
    assert thanks.startswith("You're welcome") and "Take care" in thanks
    assert not any("only handles medical malpractice" in s for s in said)


def test_how_to_find_the_referral_without_a_state():
    reply = after_decline_reply("how do i find the state bar thing", None, None)
    assert 'your state\'s name and "State Bar lawyer referral service"' in reply


def test_heard_after_decline_is_no_new_matter():
    assert heard_after_decline(
        "i was rear ended and my neck hurts", "describe_not_medmal"
    )
    assert not heard_after_decline(
        "the hospital gave me the wrong medication after the accident", "inform"
    )
    assert not heard_after_decline("the doctors ignored me", "describe_misdiagnosis")


async def test_a_correction_is_measured_against_what_was_held_before_the_message(
    domain, make_tracker
):
    # "wait what? you never asked me that, im in houston texas" after the lead: Rasa's slot
    # mapping had already set the state to Texas from the words, so nothing seemed to change
    # ("Sorry, I couldn't tell what to change")
    dispatcher = CollectingDispatcher()
    text = "wait what? you never asked me that, im in houston texas"
    tracker = make_tracker(
        {
            "state": "TX",
            "incident_date": "2015-01-10",
            "incident_type": "surgical_error",
        },
        text=text,
        intent="correct_answer",
        active=False,
        events=[
            {"event": "restart"},
            {"event": "slot", "name": "state", "value": "NY"},  # before a restart: gone
            {"event": "slot", "name": "state", "value": "CT"},
        ],
    )
    tracker.events.append({"event": "slot", "name": "state", "value": "TX"})
    assert slots_before_message(tracker)["state"] == "CT"
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events)["state"] == "TX"
    assert "utter_changed_state" in _responses(dispatcher)


async def test_a_question_asked_with_a_fix_is_answered_the_first_time(
    domain, make_tracker
):
    # role-play E, Maria: "... is this consultation free btw?" at the discovery question,
    # taken for a correction, was not answered until she asked again
    text = (
        "honestly not until the death certificate came in june, it said sepsis. nobody "
        "told us anything before that. is this consultation free btw?"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {
            "incident_date": "2026-04",
            "patient_role": "parent",
            "patient_deceased": True,
            "death_date": "2026-05",
        },
        text=text,
        intent="correct_answer",
        requested_slot="discovery_date",
    )
    await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _responses(dispatcher).count("utter_faq_ask_fees") == 1


@pytest.mark.parametrize("intent", ["request_human", "ask_fees"])
async def test_do_i_even_need_a_lawyer_is_answered_with_the_answer_kept(
    domain, make_tracker, said, intent
):
    # role-play E, Frank: asked three times, never answered
    text = (
        "No, it was a Rite Aid pharmacy. do I even need a lawyer for this or can I just "
        "sue them myself?"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text, intent=intent, requested_slot="government_facility"
    )
    action = ActionOfferHuman() if intent == "request_human" else ActionAnswerQuestion()
    events = await action.run(dispatcher, tracker, domain)
    assert _slots(events)["government_facility"] is False
    assert _responses(dispatcher) == ["utter_faq_ask_need_lawyer"]
    words = said(dispatcher.messages[0], {"firm_name": "Harbor & Lane"})
    assert "represent yourself" in words
    assert "attorney-client relationship" in words


def test_a_fix_at_the_read_back_by_text_can_give_their_own_number_too():
    # role-play D: "...we are in arizona. and my number is this one, 480 is my daughter"
    from actions.conversation import find_corrections

    said = (
        "2 VA means veterans hospital!! we are in arizona. and my number is this one, "
        "480 is my daughter"
    )
    held = {"state": "VA", "contact_phone": "+14805550143"}
    assert find_corrections(said, held, "+12165550187") == {
        "state": "AZ",
        "contact_phone": "+12165550187",
    }
    assert find_corrections(said, held) == {"state": "AZ"}  # on the web: no such number
    assert find_corrections("480 is my daughter", held, "+12165550187") == {
        "contact_phone": "+12165550187"
    }


def test_providers_named_at_the_records_question_are_kept(make_tracker):
    # role-play E: "1" at "Who was involved?", then the doctor at the records question
    from actions.conversation import providers_in

    said = "3. oh and the dr at the VA was dr kim, john d dingell VA medical center"
    tracker = make_tracker({"providers": []}, text=said, requested_slot="has_records")
    assert providers_in(said, tracker) == {
        "providers": [
            {"name": "dr kim", "kind": "doctor"},
            {"name": "john d dingell VA medical center", "kind": "hospital"},
        ]
    }
    asked = make_tracker({}, text=said, requested_slot="providers")
    assert providers_in(said, asked) == {}  # the answer itself: the form reads it


def test_the_facility_named_at_the_public_hospital_question_is_kept(make_tracker):
    # role-play N (Travis, Grace): the hospital said with the public-hospital answer is read
    # back at the providers question ("I have ... so far"), not asked for from scratch
    from actions.conversation import providers_in

    said = "2. miami valley hospital in dayton"
    asked = make_tracker({}, text=said, requested_slot="government_facility")
    assert providers_in(said, asked) == {
        "providers": [{"name": "miami valley hospital in dayton", "kind": "hospital"}]
    }
    said = "No, it's a private nursing home, Oak Valley Care Center"
    asked = make_tracker({}, text=said, requested_slot="government_facility")
    assert providers_in(said, asked) == {
        "providers": [{"name": "Oak Valley Care Center", "kind": "nursing_home"}]
    }
    # a kind of place alone is none; another question's answer is read as before
    assert providers_in("No, it's a private hospital", asked) == {}
    other = make_tracker({}, text=said, requested_slot="already_represented")
    assert providers_in("2. miami valley hospital in dayton", other) == {}


# --- an answer and a question in one message: both are used ---------------------------------

FIRM = {
    "firm_name": "Harbor & Lane",
    "firm_response_promise": "within one business day",
}


async def test_is_this_something_you_handle_is_answered_with_the_matter(
    domain, make_tracker, said
):
    # role-play G, Janet: "Is this something you handle?" went unanswered
    text = (
        "I had a C-section years ago and they just found a sponge left inside me. Is this "
        "something you handle?"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"intro_shown": True}, text=text, intent="describe_surgical_error", active=False
    )
    await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert "utter_faq_ask_do_you_handle" in _responses(dispatcher)
    words = said(dispatcher.messages[-1], FIRM)
    assert "we review cases like this one" in words and "left inside" in words


def test_is_this_something_you_handle_without_a_matter_known(make_tracker):
    dispatcher = CollectingDispatcher()
    answer_questions(
        ["ask_do_you_handle"],
        dispatcher,
        make_tracker(text="do you take cases like this?", active=False),
    )
    assert _responses(dispatcher) == ["utter_faq_ask_do_you_handle_any"]


def test_do_i_have_a_case_gets_no_advice(make_tracker, said):
    dispatcher = CollectingDispatcher()
    answer_questions(["ask_have_a_case"], dispatcher, make_tracker())
    words = said(dispatcher.messages[0], FIRM)
    assert "can't say whether you have a case" in words and "legal advice" in words


def test_will_the_hospital_be_told_asked_again_is_said_briefly(make_tracker, said):
    first = CollectingDispatcher()
    answer_questions(["ask_hospital_told"], first, make_tracker())
    before = [
        {
            "event": "bot",
            "text": "...",
            "metadata": {"utter_action": "utter_faq_ask_hospital_told"},
        }
    ]
    again = CollectingDispatcher()
    answer_questions(["ask_hospital_told"], again, make_tracker(events=before))
    assert "don't contact the hospital" in said(first.messages[0], FIRM)
    assert "won't be told" in said(again.messages[0], FIRM)


@pytest.mark.parametrize(
    "text, response",
    [
        (
            "No, I've never had a lawyer. Will a lawyer call me? I don't hear very well on "
            "the phone.",
            "utter_faq_ask_will_call_in_writing",
        ),
        ("will a lawyer call me?", "utter_faq_ask_will_call"),
        # role-play K, Helen: a real person, said so
        (
            "Will a real person call me, or is it only this computer?",
            "utter_faq_ask_will_call_person",
        ),
    ],
)
def test_will_a_lawyer_call_me(make_tracker, said, text, response):
    dispatcher = CollectingDispatcher()
    answer_questions(["ask_will_call"], dispatcher, make_tracker(text=text))
    assert _responses(dispatcher) == [response]
    assert "by email or text instead" in said(dispatcher.messages[0], FIRM)


async def test_will_a_lawyer_call_me_keeps_the_answer(domain, make_tracker):
    # role-play F, Evelyn: ignored, "What is your full name?" next
    text = (
        "No, I've never had a lawyer. Will a lawyer call me? I don't hear very well on "
        "the phone."
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text, intent="request_human", requested_slot="already_represented"
    )
    events = await ActionOfferHuman().run(dispatcher, tracker, domain)
    assert _slots(events)["already_represented"] is False
    assert _responses(dispatcher) == ["utter_faq_ask_will_call_in_writing"]


async def test_the_phone_hard_for_them_is_noted_once(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="No. I don't hear very well on the phone.",
        requested_slot="already_represented",
    )
    await ActionHearFacts().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_reach_in_writing"]
    # asked with "will a lawyer call me?", the answer says it; said before, not again
    for text, events in [
        ("No. Will a lawyer call me? I don't hear very well on the phone.", []),
        (
            "I don't hear well",
            [
                {
                    "event": "bot",
                    "text": "...",
                    "metadata": {"utter_action": "utter_reach_in_writing"},
                }
            ],
        ),
    ]:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(
            text=text, requested_slot="already_represented", events=events
        )
        await ActionHearFacts().run(dispatcher, tracker, domain)
        assert "utter_reach_in_writing" not in _responses(dispatcher)


@pytest.mark.parametrize("intent", ["request_human", "ask_callback_time"])
async def test_can_my_son_be_on_the_call_at_the_read_back(
    domain, make_tracker, said, intent
):
    # role-play F, Evelyn: "I've noted that you'd like a call back", her yes not taken
    text = "That's right. Can my son Greg be on the call with me?"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"callback_wanted": True, "incident_type": "misdiagnosis", "state": "WA"},
        text=text,
        intent=intent,
        requested_slot="summary_confirmed",
    )
    action = ActionOfferHuman() if intent == "request_human" else ActionAnswerQuestion()
    events = await action.run(dispatcher, tracker, domain)
    assert _slots(events)["summary_confirmed"] is True
    assert "utter_callback_noted" not in _responses(dispatcher)
    answer = next(
        m
        for m in dispatcher.messages
        if m.get("response") == "utter_faq_ask_family_on_call"
    )
    assert said(answer, FIRM).startswith("Of course, your son Greg is welcome to join")


async def test_records_said_with_another_answer_are_kept(domain, make_tracker):
    # role-play G, Janet: later asked "Do you have copies of the medical records?"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="No. Do I need my records before I talk to someone? I don't have any of them.",
        intent="ask_records",
        requested_slot="already_represented",
    )
    events = await ActionHearFacts().run(dispatcher, tracker, domain)
    assert _slots(events)["has_records"] is False


async def test_the_executor_said_with_a_records_question_is_kept(domain, make_tracker):
    # role-play F, Dana: the records question answered, then "who is handling their estate"
    # asked again
    text = (
        "me i guess, im the executor in his will. my mom passed a few years ago. do i need "
        "to have his medical records before you can look at this?"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"patient_role": "parent", "patient_deceased": True},
        text=text,
        intent="ask_records",
        requested_slot="estate_representative",
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "executor" in _slots(events)["estate_representative"]
    assert "records" not in _slots(events)["estate_representative"]
    assert _responses(dispatcher) == ["utter_faq_ask_records"]


@pytest.mark.parametrize("text", ["ok. how much does it cost?", "wait, is it free?"])
async def test_only_ok_with_a_question_answers_nothing(domain, make_tracker, text):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text, intent="ask_fees", requested_slot="estate_representative"
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "estate_representative" not in _slots(events)


def test_found_out_not_on_my_birthday_is_when_they_found_out():
    # role-play F: Evelyn at the read-back, her discovery held as her birthday (Feb 20)
    from actions.conversation import find_corrections

    held = {"incident_date": "2024-07", "discovery_date": "2026-02-20"}
    said = "Yes two things are wrong. I found out in March, not on my birthday."
    assert find_corrections(said, held) == {"discovery_date": "2026-03"}
    assert "patient_dob" in find_corrections("my birthday is march 3 1950", held)


# --- the kind of matter corrected ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "held", "kind"),
    [
        # role-play H (Alyssa), after the lead
        (
            "wait, it was a surgical error not a missed diagnosis",
            "misdiagnosis",
            "surgical_error",
        ),
        (
            "its not a diagnosis thing, it was the tonsil surgery",
            "misdiagnosis",
            "surgical_error",
        ),
        ("actually it was a medication error", "surgical_error", "medication_error"),
        (
            "sorry, it wasnt surgery, they gave her the wrong drug",
            "surgical_error",
            "medication_error",
        ),
        # no correction of the kind
        ("not sure, maybe the medication", "surgical_error", None),
        ("it was a surgical error", "surgical_error", None),
        ("not a surgical error", "surgical_error", None),
        ("wait, it was a surgical error not a missed diagnosis", None, None),
    ],
)
def test_the_kind_corrected(text, held, kind):
    from actions.conversation import kind_correction

    assert kind_correction(text, {"incident_type": held}) == kind


async def test_the_kind_corrected_after_the_lead_is_no_new_screening(
    domain, make_tracker, monkeypatch
):
    # role-play H (Alyssa): the model hears a new story; the lead's kind changes instead
    import actions.conversation as conversation

    changed: list = []

    async def update_lead(tracker, changes, dispatcher):
        changed.append(changes)
        dispatcher.utter_message(response="utter_lead_updated")
        return []

    monkeypatch.setattr(conversation, "update_lead", update_lead)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH", "lead_reference": "L-3", "screening_id": "s1"},
        text="wait, it was a surgical error not a missed diagnosis",
        intent="describe_surgical_error",
        extracted={"incident_type": "surgical_error"},  # the model's slot mapping
        events=[{"event": "slot", "name": "incident_type", "value": "misdiagnosis"}],
        active=False,
    )
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert changed == [{"incident_type": "surgical_error"}]
    assert _slots(events) == {"incident_type": "surgical_error"}
    assert events[-1] == {
        "event": "followup",
        "timestamp": None,
        "name": "action_listen",
    }
    assert _responses(dispatcher) == [
        "utter_changed_incident_type",
        "utter_lead_updated",
    ]
    assert dispatcher.messages[0]["kind"] == "a surgical error"


async def test_same_day_discovery_moves_with_the_care_date(domain, make_tracker):
    """ "same day" then "it was oct 24 not the 22nd": when they found out follows the care."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH", "incident_date": "2026-10-22", "discovery_date": "2026-10-22"},
        text="and it was oct 24 not the 22nd, sorry",
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    changed = {e["name"]: e["value"] for e in events}
    assert changed["incident_date"] == "2026-10-24"
    assert changed["discovery_date"] == "2026-10-24"


async def test_a_discovery_date_of_its_own_stays(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "OH", "incident_date": "2026-10-22", "discovery_date": "2026-10-30"},
        text="and it was oct 24 not the 22nd, sorry",
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    changed = {e["name"]: e["value"] for e in events}
    assert changed["incident_date"] == "2026-10-24"
    assert "discovery_date" not in changed


async def test_the_answer_said_with_the_patient_corrected_is_kept(domain, make_tracker):
    """ "no lawyer. actually its my husband not me": the husband noted, and no lawyer."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "WA", "patient_role": "self", "government_facility": False},
        text="no lawyer. actually its my husband not me, he had the surgery. sorry",
        intent="correct_answer",
        requested_slot="already_represented",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    changed = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert changed["patient_role"] == "spouse"
    assert changed["already_represented"] is False


@pytest.mark.parametrize(
    "action, text, intent",
    [
        (ActionGreet, "hello?? do u do dental cases", "greet"),
        (
            ActionAcknowledgeMatter,
            "i already told u. wisdom teeth nerve damage. do u take dental",
            "describe_other",
        ),
    ],
)
async def test_after_the_lead_no_new_screening(
    domain, make_tracker, action, text, intent
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"state": "CO", "lead_reference": "ML-ABC123", "screening_id": "s1"},
        text=text,
        intent=intent,
        active=False,
    )
    events = await action().run(dispatcher, tracker, domain)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == [
        "action_listen"
    ]
    assert not any(e.get("name") == "screening_id" for e in events)
    assert "utter_intro" not in _responses(dispatcher)
    # "Your information is already with our intake team (reference ML-ABC123) ..."
    assert any(
        m.get("response") == "utter_lead_kept" and m.get("reference") == "ML-ABC123"
        for m in dispatcher.messages
    )


async def test_a_treatment_heard_as_a_privacy_question_is_the_answer(
    domain, make_tracker
):
    # role-play J, Nina: "What you share here goes only to ..." and the question again
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="PT 3x a week. i lost my job bc i cant stand all day",
        intent="ask_confidentiality",
        requested_slot="treatment_since",
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_faq_ask_confidentiality" not in _responses(dispatcher)
    assert "PT 3x a week" in str(_slots(events).get("treatment_since"))


async def test_a_privacy_question_at_the_treatment_question_is_answered(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="is this private?",
        intent="ask_confidentiality",
        requested_slot="treatment_since",
    )
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_faq_ask_confidentiality" in _responses(dispatcher)


@pytest.mark.parametrize(
    "text", ["do u guys do dental", "its dental. so do u do dental or not"]
)
def test_dental_care_is_reviewed_too(make_tracker, said, text):
    # role-play K, Luke
    dispatcher = CollectingDispatcher()
    answer_questions(["ask_do_you_handle"], dispatcher, make_tracker(text=text))
    assert _responses(dispatcher) == ["utter_faq_ask_do_you_handle_dental"]
    assert "dental malpractice" in said(dispatcher.messages[0], FIRM)


@pytest.mark.parametrize(
    "text",
    [
        "No, that was in July, I'm not in danger now. I'm asking about a malpractice case.",
        "it's not an emergency, it was back in march",
    ],
)
async def test_not_in_danger_is_not_the_date_asked(domain, make_tracker, text):
    from actions.intake import ValidateScreeningForm

    tracker = make_tracker(text=text, intent="inform", requested_slot="discovery_date")
    got = ValidateScreeningForm().validate_discovery_date(
        text, CollectingDispatcher(), tracker, domain
    )
    assert got == {"discovery_date": None}


async def test_an_emergency_now_at_the_date_question_is_no_date(domain, make_tracker):
    # role-play I (Gloria): "right now" is her mother's breathing, not the date of the care
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_type": "surgical_error", "state": "FL"},
        text="wait shes not breathing right now",
        intent="report_emergency",
        requested_slot="incident_date",
    )
    events = await ActionHandleEmergency().run(dispatcher, tracker, domain)
    assert "incident_date" not in _slots(events)
    assert _responses(dispatcher) == ["utter_emergency"]


async def test_a_date_taken_back_in_its_answer_is_the_answer_not_a_fix(
    domain, make_tracker
):
    # role-play I (Priya): the 17th in October, read back; "delivered on the 20th" changes no
    # kind of case
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {
            "incident_type": "misdiagnosis",
            "state": "TX",
            "patient_role": "child",
            "incident_description": "sent home from triage, stillborn two days later",
        },
        text=(
            "October 18, I said. Sorry, no wait, it was the 17th, the Saturday. She was "
            "delivered on the 20th."
        ),
        intent="correct_answer",
        requested_slot="incident_date",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert slots["incident_date"] == "2026-10-17"
    assert "incident_type" not in slots
    assert _responses(dispatcher) == ["utter_read_back_incident_date"]


@pytest.mark.parametrize("name", ["caleb harris", "Callie Ward", "Calvin Ortiz"])
async def test_a_name_that_starts_like_call_is_the_answer_not_a_request(
    domain, make_tracker, name
):
    """The model hears "cal..." as a request for a person: no whole word of it asks for one,
    so it is the answer to the question asked and no call is offered."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"patient_role": "child"},
        text=name,
        intent="request_human",
        requested_slot="patient_name",
    )
    events = await ActionOfferHuman().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert slots["patient_name"].lower() == name.lower()
    assert "callback_requested" not in slots
    assert "utter_human" not in _responses(dispatcher)


async def test_a_request_for_a_call_at_a_question_still_offers_one(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="can someone just call me",
        intent="request_human",
        requested_slot="patient_name",
    )
    events = await ActionOfferHuman().run(dispatcher, tracker, domain)
    assert _slots(events).get("callback_requested") is True


# --- corrections after the lead: the lead changes, never a new screening (role-plays L, M) ---
@pytest.fixture
def lead_changes(monkeypatch) -> list:
    import actions.conversation as conversation

    changed: list = []

    async def update_lead(tracker, changes, dispatcher):
        changed.append(changes)
        if dispatcher is not None:
            dispatcher.utter_message(response="utter_lead_updated")
        return []

    monkeypatch.setattr(conversation, "update_lead", update_lead)
    return changed


AFTER_THE_LEAD = {"lead_reference": "ML-ABC123", "screening_id": "s1", "state": "NV"}


@pytest.mark.parametrize(
    "action, intent, text, held, fixed",
    [
        # Kevin (M): heard as a new story, the screening started again
        (
            ActionAcknowledgeMatter,
            "describe_other",
            "wait it was oct 4 not 3. he fell after midnight",
            {"incident_date": "2026-10-03", "discovery_date": "2026-10-03"},
            {"incident_date": "2026-10-04", "discovery_date": "2026-10-04"},
        ),
        # Rosa (L): not understood ("Sorry, I didn't quite follow")
        (
            ActionNotUnderstood,
            "nlu_fallback",
            "Im sorry, one more thing. The medicine was given the night of the 16th, not "
            "the 17th. The 17th is when they couldnt wake him",
            {"incident_date": "2026-01-17", "discovery_date": "2026-02"},
            {"incident_date": "2026-01-16"},
        ),
        # Yesenia (M): two states named, the one noted and the right one
        (
            ActionCorrectAnswer,
            "correct_answer",
            "You wrote Indiana. It was in New York City, the Bronx. Please fix that",
            {"state": "IN"},
            {"state": "NY"},
        ),
    ],
)
async def test_a_correction_after_the_lead_changes_the_lead_only(
    domain, make_tracker, lead_changes, action, intent, text, held, fixed
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {**AFTER_THE_LEAD, **held}, text=text, intent=intent, active=False
    )
    events = await action().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert {k: slots.get(k) for k in fixed} == fixed
    assert lead_changes and lead_changes[0].items() >= fixed.items()
    responses = _responses(dispatcher)
    assert "utter_lead_updated" in responses
    assert not {
        "utter_acknowledge",
        "utter_default",
        "utter_correction_unclear",
    } & set(responses)
    assert "screening_id" not in slots


async def test_the_lawsuit_and_its_date_after_the_lead(
    domain, make_tracker, lead_changes
):
    # Frank (L): "November 12" is when the suit was filed: no date of the care changes
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {
            **AFTER_THE_LEAD,
            "incident_date": "2026-10-05",
            "discovery_date": "2026-10-05",
            "already_represented": True,
            "suit_filed": False,
        },
        text="actually I just found a letter from him, he did file the lawsuit. November 12",
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events) == {"suit_filed": True}
    assert lead_changes == [{"suit_filed": True}]
    assert "changed" not in " ".join(str(r) for r in _responses(dispatcher))


@pytest.mark.parametrize(
    "held, changed",
    [
        ({"patient_role": "child", "incident_type": "birth_injury"}, True),
        # already fixed at the read-back: told so, no new screening
        ({"patient_role": "spouse", "incident_type": "surgical_error"}, False),
    ],
)
async def test_you_wrote_our_child_after_the_lead(
    domain, make_tracker, lead_changes, held, changed
):
    # Hector (M): "You wrote birth injury and our child. It was my wife Ana ..."
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {**AFTER_THE_LEAD, **held},
        text="You wrote birth injury and our child. It was my wife Ana, they left a "
        "sponge in her during the c section",
        intent="describe_birth_injury",
        active=False,
    )
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert "utter_acknowledge" not in _responses(dispatcher)
    assert "screening_id" not in slots
    if changed:
        assert slots["patient_role"] == "spouse"
        assert slots["patient_relation"] == "wife"
        assert slots["incident_type"] == "surgical_error"
    else:
        assert not lead_changes and not slots
        assert _responses(dispatcher)[0] == "utter_matches_the_file"


async def test_a_new_matter_after_the_lead_is_still_a_new_screening(
    domain, make_tracker, lead_changes
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {**AFTER_THE_LEAD, "incident_date": "2026-10-03"},
        text="also my mom had a bad surgery in ohio last year",
        intent="describe_surgical_error",
        active=False,
    )
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert not lead_changes
    assert "utter_acknowledge" in _responses(dispatcher)
    assert "lead_reference" not in _slots(events)


# --- dates as people say them (role-plays L, M) ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # Rosa (L): January 16 is what the file holds
        "the date is wrong. it was january 16",
        "Im sorry, one more thing. The medicine was given the night of the 16th, not the 17th. "
        "The 17th is when they couldnt wake him",
    ],
)
async def test_a_date_the_file_holds_after_the_lead_is_said_to_match(
    domain, make_tracker, lead_changes, text
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {
            **AFTER_THE_LEAD,
            "incident_date": "2026-01-16",
            "discovery_date": "2026-02",
            "death_date": "2026-01-19",
        },
        text=text,
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert _slots(events).get("incident_date") in (None, "2026-01-16")
    assert not lead_changes
    assert "utter_matches_the_file" in _responses(dispatcher)
    assert "utter_correction_unclear" not in _responses(dispatcher)


async def test_the_date_said_in_the_last_words_of_a_read_back_answer(
    domain, make_tracker
):
    # Frank (L), at "I have the date of the care as October 6, 2026. Is that right?"
    said = "hold on let me check my calendar... no it was monday the 5th. october 5"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {
            "incident_type": "surgical_error",
            "incident_description": "wrong knee",
            "state": "FL",
            "incident_date": "2026-10-06",
            "date_to_confirm": "incident_date",
        },
        text=said,
        intent="correct_answer",
        requested_slot="confirm_date",
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert slots.get("incident_date") == "2026-10-05"
    assert slots.get("confirm_date") is True
    assert "utter_fix_date" not in _responses(dispatcher)


async def test_the_birth_asked_is_the_care_not_the_day_she_went_in(
    domain, make_tracker
):
    # Derek (L): the birth read back as March 2026
    from actions.conversation import facts_in_story

    said = "yes, march 3rd. no wait, it was the 4th, the 3rd is when my wife went in"
    tracker = make_tracker(
        {
            "incident_type": "birth_injury",
            "patient_dob": "2026-03",
            "date_to_confirm": "patient_dob",
        },
        text=said,
        requested_slot="confirm_date",
    )
    assert "incident_date" not in facts_in_story(said, tracker)


def _asked_then_said(slot: str, text: str) -> list:
    return [
        {"event": "slot", "name": "requested_slot", "value": slot},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}}},
        {"event": "slot", "name": "requested_slot", "value": "summary_confirmed"},
    ]


@pytest.mark.parametrize(
    "found_out, said, care, fixed, moved",
    [
        # Darryl (M): "next morning" after a care held as September, fixed to the 19th
        (
            "2026-09",
            "next morning we went to le bonheur cuz he was screaming",
            "2026-09",
            "2026-09-19",
            "2026-09-20",
        ),
        ("2026-09", "2 days later", "2026-09", "2026-09-19", "2026-09-21"),
        # "same day": the care's own day (as before)
        ("2026-09", "same day", "2026-09", "2026-09-19", "2026-09-19"),
        # a date of its own stays
        ("2026-10", "in october", "2026-09", "2026-09-19", None),
    ],
)
def test_when_they_found_out_moves_with_the_care_it_was_counted_from(
    make_tracker, found_out, said, care, fixed, moved
):
    from actions.conversation import discovery_following

    tracker = make_tracker(
        {"incident_date": care, "discovery_date": found_out},
        text="the date was sept 19. it was a saturday night",
        events=_asked_then_said("discovery_date", said),
        requested_slot="summary_confirmed",
    )
    assert (
        discovery_following({"incident_date": fixed}, tracker).get("discovery_date")
        == moved
    )


@pytest.mark.parametrize(
    "text, who_not",
    [
        ("Before I go further, does he have to be involved in this?", "he doesn't"),
        ("does my mom have to be involved?", "she doesn't"),
        ("do they have to be involved?", "they don't"),
    ],
)
def test_whether_the_patient_must_be_involved_is_answered_of_them(
    domain, make_tracker, text, who_not
):
    # Denise (I): "does he have to be involved in this?" for her brother, who can't speak
    dispatcher = CollectingDispatcher()
    answer_questions(["ask_patient_involved"], dispatcher, make_tracker(text=text))
    [said] = dispatcher.messages
    assert said["response"] == "utter_faq_ask_patient_involved"
    assert said["who_not"] == who_not
    assert "utter_faq_ask_patient_involved" in domain["responses"]
    assert "utter_faq_ask_estate_papers" in domain["responses"]


async def test_after_the_lead_a_greeting_hears_the_file_is_with_the_team(
    domain, make_tracker
):
    # Denise (I): "Hello? Does he have to be involved?" after the lead: answered (not how
    # long a case takes), and the reply about the lead is the domain's, with its reference
    from actions.conversation import reply_after_lead

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        dict(AFTER_THE_LEAD),
        text="Hello? Does he have to be involved?",
        intent="ask_case_duration",
        active=False,
    )
    await reply_after_lead(dispatcher, tracker, greeting=True)
    assert _responses(dispatcher) == [
        "utter_faq_ask_patient_involved",
        "utter_lead_kept",
    ]
    assert dispatcher.messages[-1]["reference"] == "ML-ABC123"
    [text] = [r["text"] for r in domain["responses"]["utter_lead_kept"]]
    assert text.startswith("Your information is already with our intake team")


# --- role-play M (Hector), L (Rosa), M (Doris) -------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "kind"),
    [
        # a sponge left in his wife during the c section: a surgical error
        (
            {
                "incident_type": "birth_injury",
                "patient_role": "spouse",
                "foreign_object": True,
            },
            "surgical_error",
        ),
        # the baby the patient, or no object: the birth injury stays
        (
            {
                "incident_type": "birth_injury",
                "patient_role": "child",
                "foreign_object": True,
            },
            None,
        ),
        ({"incident_type": "birth_injury", "patient_role": "spouse"}, None),
    ],
)
def test_an_object_left_in_the_mother(make_tracker, slots, kind):
    from actions.conversation import object_left_in_the_mother

    found = object_left_in_the_mother(slots, make_tracker(slots))
    assert found.get("incident_type") == kind


def test_more_of_the_story_names_the_kind_over_the_hospital(make_tracker):
    tracker = make_tracker(
        {
            "incident_type": "other",
            "incident_description": "My husband died in the hospital in January.",
        },
        requested_slot="state",
    )
    events = intake.story_events(
        "They gave him too much of the pain medicine. Dilaudid.", tracker
    )
    assert events["incident_type"] == "medication_error"


def test_when_to_call_said_after_the_lead_is_a_reach_note(make_tracker):
    said = "Thank you. When will someone call me? I am home all day except Tuesday mornings."
    before = make_tracker(text=said, active=False)
    assert not any("Tuesday" in line for line in intake.reach_notes(before).for_staff())
    after = make_tracker(
        text=said,
        active=False,
        events=[{"event": "slot", "name": "lead_reference", "value": "HL-1"}],
    )
    assert any("Tuesday" in line for line in intake.reach_notes(after).for_staff())


# role-play O (Brianna): her stillborn son's name, said at the read-back, is his, not hers
@pytest.mark.parametrize(
    "text, slots, expected",
    [
        (
            "his name is elijah",
            {"patient_role": "child", "contact_name": "Brianna Mitchell"},
            {"patient_name": "Elijah"},
        ),
        (
            "no. im brianna mitchell. elijah is my son",
            {"patient_role": "child", "contact_name": "Elijah"},
            {"contact_name": "Brianna Mitchell", "patient_name": "Elijah"},
        ),
        (
            "my name is Ann Lee",
            {"patient_role": "self", "contact_name": "Ann"},
            {"contact_name": "Ann Lee"},
        ),
        ("im so sorry", {"patient_role": "child"}, {}),
        ("no. i am not sure", {"patient_role": "child"}, {}),
    ],
)
def test_whose_name_a_correction_gives(text, slots, expected):
    assert find_corrections(text, slots) == expected


def test_the_words_besides_a_question_are_the_answer_before_one_sentence(make_tracker):
    """Travis: "No. October 6th. Are you even reading what I write?" (heard as a question,
    at the read-back of October 2): the answer is "No. October 6th.", not "No."."""
    from actions.conversation import answer_the_form_skipped

    text = "No. October 6th. Are you even reading what I write?"
    tracker = make_tracker(
        {"date_to_confirm": "discovery_date", "discovery_date": "2026-10-02"},
        text=text,
        intent="bot_challenge",
        requested_slot="confirm_date",
    )
    assert answer_the_form_skipped(text, "bot_challenge", tracker) == {
        "confirm_date": "No. October 6th."
    }


# --- role-play P ---------------------------------------------------------------------------


async def test_the_emergency_that_told_the_story_begins_it(domain, make_tracker):
    # Carol: the 911 advice answered "my husband took the new pills the pharmacy gave him
    # ..."; her next words tell more: both are the story, and "my husband" names him
    first = (
        "my husband took the new pills the pharmacy gave him and his throat is swelling "
        "he cant breathe good"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"patient_role": "spouse"},
        text="ok the ambulance took him. he is ok now. it was the wrong pills, montana, "
        "billings, yesterday",
        intent="describe_medication_error",
        active=False,
        events=[
            {"event": "user", "text": first, "parse_data": {}},
            {
                "event": "bot",
                "text": "call 911",
                "metadata": {"utter_action": "utter_emergency"},
            },
        ],
    )
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert slots["incident_description"].startswith(first)
    assert slots["incident_description"].endswith(
        "it was the wrong pills, montana, billings, yesterday"
    )
    assert slots["patient_relation"] == "husband"
    assert slots["patient_called"] == "your husband"


async def test_an_emergency_that_names_no_matter_is_not_the_story(domain, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="the surgeon left a sponge inside me during my c-section last year",
        intent="describe_surgical_error",
        active=False,
        events=[
            {
                "event": "user",
                "text": "my chest hurts RIGHT NOW cant breathe good",
                "parse_data": {},
            },
            {
                "event": "bot",
                "text": "call 911",
                "metadata": {"utter_action": "utter_emergency"},
            },
        ],
    )
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert _slots(events)["incident_description"].startswith(
        "the surgeon left a sponge"
    )


async def test_same_day_said_with_the_deadline_question_is_kept(domain, make_tracker):
    # Renee: "same day. is it too late now?" when she found out: the question answered and
    # the date kept, the care's own
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_date": "2024-01-16"},
        text="same day. is it too late now?",
        intent="ask_statute_of_limitations",
        requested_slot="discovery_date",
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert _slots(events).get("discovery_date") == "2024-01-16"
    # answered from the date she gave
    assert "utter_faq_ask_statute_of_limitations_dates_known" in _responses(dispatcher)


async def test_how_long_it_has_been_is_not_who_handles_the_estate(domain, make_tracker):
    # Keisha: "me and my brother i guess. is it too late? its been almost 2 years"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"patient_role": "parent", "patient_deceased": True},
        text="me and my brother i guess. is it too late? its been almost 2 years",
        intent="ask_statute_of_limitations",
        requested_slot="estate_representative",
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert _slots(events)["estate_representative"] == "me and my brother i guess."


def test_the_deadline_asked_with_the_date_held_is_answered_from_it(make_tracker, said):
    # Keisha (role-play P), at the estate question: "is it too late? its been almost 2
    # years", the care's date held: not "I'll note the dates you give me"
    answered: list[str] = []
    for _ in range(3):
        dispatcher = CollectingDispatcher()
        events = [
            {"event": "bot", "text": "...", "metadata": {"utter_action": r}}
            for r in answered
        ]
        tracker = make_tracker({"incident_date": "2024-12"}, events=events)
        answer_questions(["ask_statute_of_limitations"], dispatcher, tracker)
        if not answered:
            text = said(dispatcher.messages[0])
            assert (
                "in December 2024" in text and "note the dates you give me" not in text
            )
        answered += _responses(dispatcher)
    assert answered == [
        "utter_faq_ask_statute_of_limitations_dates_known",
        "utter_faq_ask_statute_of_limitations_again",
        "utter_faq_ask_statute_of_limitations_review",
    ]
