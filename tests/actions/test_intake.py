"""The screening form's validators and the questions it chooses to ask."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import intake
from actions.intake import (
    ActionAcknowledgeMatter,
    ValidateScreeningForm,
    date_order_problem,
)

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(intake, "today", lambda: TODAY)


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def validate(domain, dispatcher, tracker):
    return slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))


def responses(dispatcher):
    return [m.get("response") or m.get("text") for m in dispatcher.messages]


BASE = {
    "incident_type": "surgical_error",
    "incident_description": "nerve damage after surgery",
    "state": "WA",
}


async def test_state_nickname_is_cleaned_to_its_code(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        {"incident_type": "surgical_error", "incident_description": "cut nerve"},
        text="Cali",
        extracted={"state": "Cali"},
        requested_slot="state",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["state"] == "CA"
    assert slots["requested_slot"] == "incident_date"


async def test_unknown_state_is_rejected_and_asked_again(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {"incident_type": "surgical_error", "incident_description": "cut nerve"},
        text="the moon",
        extracted={"state": "the moon"},
        requested_slot="state",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["state"] is None
    assert "utter_invalid_state" in responses(dispatcher)
    assert slots["requested_slot"] == "state"


async def test_exact_date_is_stored_without_confirmation(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        BASE,
        text="February 10, 2026",
        extracted={"incident_date": "February 10, 2026"},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2026-02-10"
    assert slots["requested_slot"] == "discovery_date"


async def test_inexact_date_is_read_back_for_confirmation(
    domain, dispatcher, make_tracker, said
):
    tracker = make_tracker(
        BASE,
        text="this past March",
        extracted={"incident_date": "this past March"},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2026-03"
    assert slots["date_to_confirm"] == "incident_date"
    assert slots["requested_slot"] == "confirm_date"
    assert any("March 2026" in said(m) for m in dispatcher.messages)


async def test_confirmation_no_clears_the_date_and_asks_again(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-03", "date_to_confirm": "incident_date"},
        text="no",
        intent="deny",
        extracted={"confirm_date": "no"},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] is None
    assert slots["requested_slot"] == "incident_date"


async def test_confirmation_yes_moves_on(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-03", "date_to_confirm": "incident_date"},
        text="yes",
        intent="affirm",
        extracted={"confirm_date": "yes"},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["date_to_confirm"] is None
    assert slots["requested_slot"] == "discovery_date"


async def test_is_what_right_is_a_question_and_the_date_is_read_back_again(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {
            **BASE,
            "incident_date": "2026-04",
            "discovery_date": "2026-04",
            "date_to_confirm": "discovery_date",
        },
        text="sorry hit stop by accident. is what right?",
        intent="affirm",
        extracted={"confirm_date": "sorry hit stop by accident. is what right?"},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert "utter_read_back_discovery_date" in responses(dispatcher)
    assert slots.get("confirm_date") is None
    assert slots["requested_slot"] == "confirm_date"


async def test_a_future_date_is_questioned_not_stored(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="March 3, 2027",
        extracted={"incident_date": "March 3, 2027"},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] is None
    assert "utter_invalid_date_future" in responses(dispatcher)


async def test_discovery_before_incident_is_questioned(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-02-10"},
        text="January 5, 2026",
        extracted={"discovery_date": "January 5, 2026"},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"] is None
    assert "utter_invalid_discovery_before_incident" in responses(dispatcher)


async def test_same_day_discovery_takes_the_incident_date(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2025-12-01"},
        text="same day",
        extracted={"discovery_date": "same day"},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"] == "2025-12-01"
    assert slots["requested_slot"] == "patient_role"


async def test_season_asks_which_month_then_stores_it(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="in the spring of 2023",
        extracted={"incident_date": "in the spring of 2023"},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] is None
    assert slots["requested_slot"] == "date_month"
    # the form asks which month: the validator asks nothing of its own (one question)
    assert dispatcher.messages == []
    hint = slots["date_hint"]

    answer = make_tracker(
        {**BASE, "date_hint": hint},
        text="April I think",
        extracted={"date_month": "April I think"},
        requested_slot="date_month",
    )
    slots = await validate(domain, dispatcher, answer)
    assert slots["incident_date"] == "2023-04"
    assert slots["requested_slot"] == "discovery_date"


async def test_gibberish_date_gets_a_clear_reply(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="asdfgh",
        intent="nlu_fallback",
        extracted={"incident_date": "asdfgh"},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] is None
    assert "utter_invalid_date" in responses(dispatcher)


@pytest.mark.parametrize(
    "role, incident_type, asks_dob, asks_deceased",
    [
        ("self", "surgical_error", False, False),
        ("child", "surgical_error", True, True),
        ("self", "birth_injury", True, False),
        ("spouse", "misdiagnosis", False, True),
        ("other_family", "medication_error", True, True),
    ],
)
async def test_questions_that_do_not_apply_are_skipped(
    domain, dispatcher, make_tracker, role, incident_type, asks_dob, asks_deceased
):
    tracker = make_tracker(
        {**BASE, "incident_type": incident_type, "patient_role": role}
    )
    required = await ValidateScreeningForm().required_slots(
        [], dispatcher, tracker, domain
    )
    assert ("patient_dob" in required) is asks_dob
    assert ("patient_deceased" in required) is asks_deceased
    assert "death_date" not in required


async def test_death_date_is_asked_only_when_the_patient_died(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker({**BASE, "patient_role": "parent", "patient_deceased": True})
    required = await ValidateScreeningForm().required_slots(
        [], dispatcher, tracker, domain
    )
    assert "death_date" in required


async def test_represented_person_is_not_asked_for_contact_details(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker({**BASE, "already_represented": True})
    required = await ValidateScreeningForm().required_slots(
        [], dispatcher, tracker, domain
    )
    assert "contact_phone" not in required


async def test_not_medmal_ends_the_form(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        {},
        text="it's about my apartment",
        intent="describe_not_medmal",
        extracted={"incident_type": "it's about my apartment"},
        requested_slot="incident_type",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_type"] == "not_medmal"
    assert slots["requested_slot"] is None


async def test_callback_skips_to_contact_questions_keeping_what_was_said(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**BASE, "callback_requested": True},
        text="yes",
        intent="affirm",
        extracted={"callback_wanted": "yes"},
        requested_slot="callback_wanted",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["callback_wanted"] is True
    assert slots["requested_slot"] == "contact_name"


@pytest.mark.parametrize(
    "text, expected",
    [("(206) 555-0112", "+12065550112"), ("503-555-0161", "+15035550161")],
)
async def test_phone_is_normalised(domain, dispatcher, make_tracker, text, expected):
    tracker = make_tracker(
        {**BASE, "contact_name": "Alex"},
        text=text,
        extracted={"contact_phone": text},
        requested_slot="contact_phone",
    )
    assert (await validate(domain, dispatcher, tracker))["contact_phone"] == expected


async def test_bad_phone_and_email_are_rejected(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="12",
        extracted={"contact_phone": "12"},
        requested_slot="contact_phone",
    )
    assert (await validate(domain, dispatcher, tracker))["contact_phone"] is None
    tracker = make_tracker(
        BASE,
        text="bob@",
        extracted={"contact_email": "bob@"},
        requested_slot="contact_email",
    )
    assert (await validate(domain, dispatcher, tracker))["contact_email"] is None
    assert "utter_invalid_contact_phone" in responses(dispatcher)
    assert "utter_invalid_contact_email" in responses(dispatcher)


async def test_email_can_be_skipped(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="skip",
        extracted={"contact_email": "skip"},
        requested_slot="contact_email",
    )
    assert (await validate(domain, dispatcher, tracker))["contact_email"] == ""


@pytest.mark.parametrize(
    "text",
    [
        "I do not have email.",
        "I dont have email",
        "no email",
        "I have no email address",
    ],
)
async def test_no_email_is_a_skip_not_a_bad_address(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"contact_email": text},
        requested_slot="contact_email",
    )
    assert (await validate(domain, dispatcher, tracker))["contact_email"] == ""
    assert "utter_invalid_contact_email" not in responses(dispatcher)


async def test_yes_by_phone_is_a_yes_to_contact(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="Yes, by phone please.",
        extracted={"contact_consent": "Yes, by phone please."},
        requested_slot="contact_consent",
    )
    assert (await validate(domain, dispatcher, tracker))["contact_consent"] is True


async def test_yes_no_answers(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BASE,
        text="nope",
        intent="deny",
        extracted={"government_facility": "nope"},
        requested_slot="government_facility",
    )
    assert (await validate(domain, dispatcher, tracker))["government_facility"] is False
    tracker = make_tracker(
        BASE,
        text="banana",
        extracted={"already_represented": "banana"},
        requested_slot="already_represented",
    )
    assert (await validate(domain, dispatcher, tracker))["already_represented"] is None
    assert "utter_invalid_yes_no" in responses(dispatcher)


def test_partial_dates_are_compared_generously(make_tracker):
    tracker = make_tracker({"incident_date": "2024-06-01"})
    assert date_order_problem("discovery_date", "2024", tracker) is None
    assert (
        date_order_problem("discovery_date", "2023", tracker)
        == "utter_invalid_discovery_before_incident"
    )
    assert (
        date_order_problem("patient_dob", "2025-01", tracker)
        == "utter_invalid_dob_after_incident"
    )


def test_a_birth_after_care_in_the_pregnancy_is_no_problem(make_tracker):
    """Role-play O (Brianna): sent home from triage at 38 weeks on Nov 1, her son delivered
    on Nov 2: care in pregnancy comes before the birth (within a pregnancy's length)."""
    story = "they sent me home from triage at 38 weeks. next day there was no heartbeat"
    tracker = make_tracker(
        {"incident_date": "2026-11-01", "incident_description": story}
    )
    assert date_order_problem("patient_dob", "2026-11-02", tracker) is None
    assert (
        date_order_problem("patient_dob", "2027-11-02", tracker)
        == "utter_invalid_dob_after_incident"
    )
    no_pregnancy = make_tracker(
        {"incident_date": "2026-11-01", "incident_description": "his arm was hurt"}
    )
    assert (
        date_order_problem("patient_dob", "2026-11-02", no_pregnancy)
        == "utter_invalid_dob_after_incident"
    )


async def test_acknowledge_shows_the_disclaimer_once_and_starts_a_screening(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {},
        text="the surgeon cut a nerve",
        intent="describe_surgical_error",
        active=False,
    )
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_intro",
        "utter_acknowledge",
    ]
    assert any(
        e["name"] == "screening_id" and e["value"]
        for e in events
        if e["event"] == "slot"
    )

    again = CollectingDispatcher()
    greeted = make_tracker(
        {},
        text="my doctor missed it",
        intent="describe_misdiagnosis",
        active=False,
        events=[
            {"event": "bot", "text": "Hi", "metadata": {"utter_action": "utter_intro"}}
        ],
    )
    await ActionAcknowledgeMatter().run(again, greeted, domain)
    assert [m["response"] for m in again.messages] == ["utter_acknowledge"]


async def test_a_description_taken_for_an_answer_still_starts_the_right_screening(
    domain, make_tracker
):
    dispatcher = CollectingDispatcher()
    text = "the surgeon left me with nerve damage in my arm after shoulder surgery"
    tracker = make_tracker({}, text=text, intent="inform", active=False)
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["incident_type"] == "surgical_error"
    assert slots["incident_description"] == text


async def test_a_story_whose_kind_was_already_read_is_kept_as_what_happened(
    domain, make_tracker
):
    """The kind read from the story by ActionHearFacts (this same message) does not stop the
    words from being kept as the description, so "what happened?" is not asked."""
    text = "hi my name is Karen. my dad had gallbladder surgery and they left a sponge in him"
    tracker = make_tracker(
        {"incident_type": "surgical_error"}, text=text, intent="inform", active=False
    )
    events = await ActionAcknowledgeMatter().run(
        CollectingDispatcher(), tracker, domain
    )
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["incident_description"] == text and "incident_type" not in slots


async def test_a_description_already_kept_is_not_replaced(domain, make_tracker):
    tracker = make_tracker(
        {"incident_type": "other", "incident_description": "the nurse dropped my dad"},
        text="my name is Pat Sullivan and I am his son",
        intent="inform",
        active=False,
    )
    events = await ActionAcknowledgeMatter().run(
        CollectingDispatcher(), tracker, domain
    )
    assert "incident_description" not in {
        e["name"] for e in events if e["event"] == "slot"
    }


async def test_an_unclear_first_answer_leaves_the_kind_to_the_buttons(
    domain, make_tracker
):
    tracker = make_tracker({}, text="Washington", intent="inform", active=False)
    events = await ActionAcknowledgeMatter().run(
        CollectingDispatcher(), tracker, domain
    )
    assert "incident_type" not in {e["name"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize("text", ["she died", "he passed away", "yes", "he passed"])
async def test_death_in_other_words_is_a_yes(domain, dispatcher, make_tracker, text):
    facts = {
        **BASE,
        "incident_date": "2025-01-02",
        "discovery_date": "2025-01-02",
        "patient_role": "parent",
    }
    tracker = make_tracker(
        facts,
        text=text,
        extracted={"patient_deceased": text},
        requested_slot="patient_deceased",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_deceased"] is True
    assert slots["requested_slot"] == "death_date"


@pytest.mark.parametrize(
    "text, death, next_slot",
    [
        ("yes i just said that. nov 6", "2025-11-06", "confirm_date"),  # read back
        ("we lost him in May", "2025-05", "confirm_date"),
        ("yes, on March 3, 2025", "2025-03-03", "patient_name"),  # the next question
    ],
)
async def test_the_date_of_death_said_with_the_yes_is_not_asked(
    domain, dispatcher, make_tracker, text, death, next_slot
):
    facts = {
        **BASE,
        "incident_date": "2025-01-02",
        "discovery_date": "2025-01-02",
        "patient_role": "spouse",
    }
    tracker = make_tracker(
        facts,
        text=text,
        extracted={"patient_deceased": text},
        requested_slot="patient_deceased",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_deceased"] is True
    assert slots["death_date"] == death
    assert slots["requested_slot"] == next_slot


async def test_a_state_misheard_in_the_first_message_is_dropped_quietly(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {"incident_type": "surgical_error"},
        text="the doctor gave me the wrong pills",
        extracted={"state": "self"},
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["state"] is None
    assert "utter_invalid_state" not in responses(dispatcher)


# --- following the person (issue 10) ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no!! he's 6 he's sitting right next to me", False),
        ("she passed away in march", True),
        ("yes", True),
        ("nope", False),
    ],
)
async def test_has_the_patient_died_read_as_people_say_it(
    domain, dispatcher, make_tracker, text, expected
):
    tracker = make_tracker(
        {**BASE, "patient_role": "child"},
        text=text,
        extracted={"patient_deceased": text},
        requested_slot="patient_deceased",
    )
    assert (await validate(domain, dispatcher, tracker))["patient_deceased"] is expected


async def test_not_sure_about_a_public_hospital_is_unknown_never_no(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        BASE,
        text="I'm not sure",
        extracted={"government_facility": "I'm not sure"},
        requested_slot="government_facility",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["government_facility"] == intake.UNKNOWN
    assert slots["unknown_facts"] == ["government_facility"]
    assert responses(dispatcher) == ["utter_noted_unknown"]


async def test_a_question_is_asked_at_most_twice(domain, make_tracker):
    first, second = CollectingDispatcher(), CollectingDispatcher()
    tracker = make_tracker(
        BASE, text="purple", extracted={"state": "purple"}, requested_slot="state"
    )
    slots = await validate(domain, first, tracker)
    assert slots["state"] is None and slots["question_misses"] == {"state": 1}
    assert responses(first) == ["utter_invalid_state"]
    tracker = make_tracker(
        {**BASE, "question_misses": {"state": 1}},
        text="banana",
        extracted={"state": "banana"},
        requested_slot="state",
    )
    slots = await validate(domain, second, tracker)
    assert slots["state"] == intake.UNKNOWN and slots["unknown_facts"] == ["state"]
    assert responses(second) == ["utter_noted_unknown"]


async def test_a_story_at_a_yes_no_question_is_taken_as_the_story(
    domain, dispatcher, make_tracker
):
    story = "ok. my daughter's broken arm was missed in the ER and it healed wrong"
    tracker = make_tracker(
        {"callback_requested": True, "incident_description": None},
        text=story,
        extracted={"callback_wanted": story},
        requested_slot="callback_wanted",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["callback_wanted"] is None
    assert slots["incident_description"] == story
    assert responses(dispatcher) == ["utter_story_added"]


async def test_an_email_typed_at_another_question_is_kept(
    domain, dispatcher, make_tracker
):
    text = "oops, I meant gmail.com, linda.nguyen@gmail.com"
    tracker = make_tracker(
        {**BASE, "contact_email": "linda.nguyen@gmial.com"},
        text=text,
        extracted={"contact_consent": text},
        requested_slot="contact_consent",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_email"] == "linda.nguyen@gmail.com"
    assert slots["contact_consent"] is None
    assert "utter_invalid_yes_no" not in responses(dispatcher)


@pytest.mark.parametrize(
    "text, represented, wish",
    [
        (
            "yes but he never calls me back, I want a second opinion",
            True,
            "second_opinion",
        ),
        ("I have one but I'd like a second opinion", True, "second_opinion"),
        ("yes, and I want to switch lawyers", True, "switch"),
        ("no i dont have a lawyer", False, None),
    ],
)
async def test_a_lawyer_they_want_to_leave_is_not_the_end(
    domain, dispatcher, make_tracker, text, represented, wish
):
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"already_represented": text},
        requested_slot="already_represented",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["already_represented"] is represented
    assert slots.get("represented_intent") == wish


async def test_ok_is_no_answer_to_do_you_have_a_lawyer(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        BASE,
        text="ok",
        intent="affirm",
        extracted={"already_represented": "ok"},
        requested_slot="already_represented",
    )
    assert (await validate(domain, dispatcher, tracker))["already_represented"] is None


@pytest.mark.parametrize(
    "text, confirmed",
    [
        ("no, that's right", True),
        ("no", True),
        ("looks good", True),
        ("yes that's right", True),
        ("yes, looks good", True),
        ("something is wrong", None),
        # role-play F (Dana): "yes" alone to "Is anything wrong?" says something is
        ("yes", None),
        ("Yep.", None),
    ],
)
async def test_is_anything_wrong_read_both_ways(
    domain, dispatcher, make_tracker, text, confirmed
):
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is confirmed


async def test_a_second_yes_alone_at_the_summary_is_a_yes(
    domain, dispatcher, make_tracker
):
    # asked what to change after a "yes", "yes" again: taken as right, not asked a third time
    asked = [{"event": "slot", "name": "requested_slot", "value": "summary_confirmed"}]
    earlier = [*asked, {"event": "user", "text": "yes"}, *asked]
    tracker = make_tracker(
        BASE,
        text="yes",
        extracted={"summary_confirmed": "yes"},
        requested_slot="summary_confirmed",
        events=earlier,
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is True
    # a "yes" to another question before the read-back does not count
    other = [
        {"event": "slot", "name": "requested_slot", "value": "contact_consent"},
        {"event": "user", "text": "yes"},
        *asked,
    ]
    tracker = make_tracker(
        BASE,
        text="yes",
        extracted={"summary_confirmed": "yes"},
        requested_slot="summary_confirmed",
        events=other,
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None


async def test_a_fix_at_the_summary_is_applied_and_the_summary_shown_again(
    domain, dispatcher, make_tracker
):
    text = "the state is wrong, it was Virginia not North Carolina"
    tracker = make_tracker(
        {**BASE, "state": "NC"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["state"] == "VA" and slots["summary_confirmed"] is None
    assert responses(dispatcher) == ["utter_changed_state"]


@pytest.mark.parametrize(
    "text",
    [
        # role-play G (Dale, SMS): the public hospital corrected at the summary
        "the public part is wrong. it was a private place",
        "it was not a public hospital",
        "Something's wrong. it was NOT public, its a private surgery center. am i allowed "
        "to talk to u if i got a lawyer",
    ],
)
async def test_a_public_hospital_corrected_at_the_summary(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        {**BASE, "government_facility": True},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["government_facility"] is False and slots["summary_confirmed"] is None
    assert "utter_story_added" not in responses(dispatcher)
    # said again with it held: shown again, not a yes
    dispatcher.messages.clear()
    tracker = make_tracker(
        {**BASE, "government_facility": False},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None
    assert "utter_correction_already_held" in responses(dispatcher)


async def test_a_fix_that_says_what_is_held_shows_the_summary_again(
    domain, dispatcher, make_tracker
):
    # people.yml linda: "She was NOT my child. She was my mother", with her mother held (her
    # first words said so), was taken for a yes and the lead closed
    text = "She was NOT my child. She was my mother"
    tracker = make_tracker(
        {**BASE, "patient_role": "parent"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None
    assert responses(dispatcher) == ["utter_correction_already_held"]


async def test_no_it_was_a_date_is_taken_as_that_date(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-09", "date_to_confirm": "incident_date"},
        text="no. it was september 2025",
        extracted={"confirm_date": "no. it was september 2025"},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-09" and slots["confirm_date"] is True


async def test_no_the_care_was_then_the_date_read_back_keeps_it(
    domain, dispatcher, make_tracker
):
    # role-play J (Bernard): "May 14" read back as when he found out; his "No" is about the
    # care, whose own date he says beside it
    said = "No. The surgery was May 12. I got sick two days later, May 14."
    tracker = make_tracker(
        {
            **BASE,
            "incident_date": "2026-05-12",
            "discovery_date": "2026-05-14",
            "date_to_confirm": "discovery_date",
        },
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["confirm_date"] is True
    assert slots.get("discovery_date", "2026-05-14") == "2026-05-14"
    assert slots.get("incident_date", "2026-05-12") == "2026-05-12"


async def test_this_number_over_sms_is_the_number_they_text_from(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        BASE,
        text="this one",
        extracted={"contact_phone": "this one"},
        requested_slot="contact_phone",
        sender_id="+12165550187",
        input_channel="twilio",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_phone"] == "+12165550187"


@pytest.mark.parametrize("text", ["1", "1.", " #1 "])
async def test_1_over_sms_to_is_this_number_the_best_is_a_yes(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"contact_phone": text},
        requested_slot="contact_phone",
        sender_id="+12165550187",
        input_channel="twilio",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_phone"] == "+12165550187"
    assert "utter_invalid_contact_phone" not in responses(dispatcher)


async def test_a_relative_date_at_the_read_back_is_taken_as_that_date(
    domain, dispatcher, make_tracker
):
    # "last september", said in November 2026, is September 2025.
    tracker = make_tracker(
        {**BASE, "incident_date": "2021-06", "date_to_confirm": "incident_date"},
        text="no, it was last september",
        extracted={"confirm_date": "no, it was last september"},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-09" and slots["confirm_date"] is True
    assert "utter_fix_date" not in responses(dispatcher)


async def test_this_number_on_the_website_is_no_number(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        BASE,
        text="this number",
        extracted={"contact_phone": "this number"},
        requested_slot="contact_phone",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_phone"] is None
    assert responses(dispatcher) == ["utter_invalid_contact_phone"]


@pytest.mark.parametrize(
    "said, before, kept",
    [
        ("nah 2025", "2026-09", "2025-09"),  # "September 2026?" "nah 2025"
        ("no 2024", "2025-03-14", "2024-03-14"),  # the day read back is kept too
        ("2025", "2025-09", "2025-09"),  # the same year: it stands
        ("no, june 2024", "2025-09", "2024-06"),  # a month of its own is taken
        ("no 2023", "2024-02-29", "2023"),  # no Feb 29 in 2023: the year alone
        # a month without its year keeps the year read back ("November 2024?")
        ("no? christmas is december lol. he was born like right before christmas",
         "2024-11", "2024-12"),
        ("no, october", "2024-11", "2024-10"),
        ("no it was the 5th of march", "2024-03-14", "2024-03-05"),
        ("no, december", "2026-11", "2025-12"),  # December 2026 is still to come
    ],
)  # fmt: skip
async def test_a_year_alone_at_the_read_back_keeps_the_month(
    domain, dispatcher, make_tracker, said, before, kept
):
    tracker = make_tracker(
        {**BASE, "incident_date": before, "date_to_confirm": "incident_date"},
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots.get("incident_date", before) == kept
    assert slots["confirm_date"] is True


@pytest.mark.parametrize(
    "said, deceased",
    [
        ("she's 54, born march 3 1972. teresa delgado", False),
        ("hes only 6", False),
        ("she is 80 years old", False),
        ("she died at 54", True),
    ],
)
async def test_an_age_in_the_present_is_not_a_yes_to_passed_away(
    domain, dispatcher, make_tracker, said, deceased
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2024-03", "patient_role": "spouse"},
        text=said,
        intent="affirm",  # the language model heard a yes
        extracted={"patient_deceased": said},
        requested_slot="patient_deceased",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_deceased"] is deceased


MARIA_FIX = (
    "It was NOT a birth injury, it was a hysterectomy… Washington state. April 14, 2025. "
    "I was the patient."
)


@pytest.mark.parametrize(
    "said, changed",
    [
        (
            MARIA_FIX,
            {
                "incident_type": "surgical_error",
                "state": "WA",
                "incident_date": "2025-04-14",
                "patient_role": "self",
            },
        ),
        (
            "not a birth injury, it was my knee surgery. it was me",
            {"incident_type": "surgical_error", "patient_role": "self"},
        ),
    ],
)
async def test_the_case_told_again_at_the_birth_date_question_is_not_a_birth_date(
    domain, dispatcher, make_tracker, said, changed
):
    tracker = make_tracker(
        {
            "incident_type": "birth_injury",
            "incident_description": "a long story",
            "state": "OR",
            "incident_date": "2025-04",
            "discovery_date": "2025-04",
            "patient_role": "child",
        },
        text=said,
        extracted={"patient_dob": said},
        requested_slot="patient_dob",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots.get("patient_dob") is None
    assert {k: slots[k] for k in changed} == changed
    assert slots["requested_slot"] != "patient_dob"


@pytest.mark.parametrize(
    "said, dob",
    [
        (
            "he was born march 3 2019",
            "2019-03-03",
        ),  # a birth date, in a birth injury case
        ("3/3/19", "2019-03-03"),
    ],
)
async def test_a_birth_date_at_its_question_is_still_the_birth_date(
    domain, dispatcher, make_tracker, said, dob
):
    tracker = make_tracker(
        {
            **BASE,
            "incident_type": "birth_injury",
            "incident_date": "2019-03-03",
            "patient_role": "child",
        },
        text=said,
        extracted={"patient_dob": said},
        requested_slot="patient_dob",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_dob"] == dob


async def test_the_case_told_again_at_the_summary_is_applied(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {
            **BASE,
            "incident_type": "birth_injury",
            "incident_date": "2025-04",
            "patient_role": "child",
        },
        text=MARIA_FIX,
        extracted={"summary_confirmed": MARIA_FIX},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again with the change
    assert (slots["incident_type"], slots["patient_role"]) == ("surgical_error", "self")
    assert slots["incident_date"] == "2025-04-14" and "patient_dob" not in slots


@pytest.mark.parametrize(
    "said",
    [
        "looks right, the surgery went fine until the infection",
        "yes that's right",
        "ok",
    ],
)
async def test_a_confirmation_naming_a_kind_is_not_a_change(
    domain, dispatcher, make_tracker, said
):
    tracker = make_tracker(
        {**BASE, "incident_type": "other", "incident_date": "2025-04-14"},
        text=said,
        extracted={"summary_confirmed": said},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is True and "incident_type" not in slots


@pytest.mark.parametrize(
    "said, incident, death",
    [
        (
            "May 2025. He went to the ER on the 19th and died on the 21st",
            "2025-05-19",
            "2025-05-21",
        ),
        (
            "The pills were given around January 28th… She died February 3rd. This year, 2026.",
            "2026-01-28",
            "2026-02-03",
        ),
        ("march 3 2025, she passed away 4/2/2025", "2025-03-03", "2025-04-02"),
        ("june 2025 he died on the 2nd", "2025-06", "2025-06-02"),  # the death's day
    ],
)
async def test_the_death_date_said_with_the_care_is_kept(
    domain, dispatcher, make_tracker, said, incident, death
):
    tracker = make_tracker(
        {**BASE, "patient_role": "spouse", "patient_deceased": True},
        text=said,
        extracted={"incident_date": said},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == incident
    assert slots.get("death_date") == death


async def test_the_discovery_said_with_the_care_is_kept_and_not_asked(
    domain, dispatcher, make_tracker
):
    said = (
        "i had blood in my stool and told them at my checkup in jan 2024, they said "
        "hemorrhoids. diagnosed stage 3 in feb 2025 at a private hospital"
    )
    tracker = make_tracker(
        {**BASE, "incident_type": "misdiagnosis", "patient_role": "self"},
        text=said,
        extracted={"incident_date": said},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2024-01"
    assert slots["discovery_date"] == "2025-02"
    assert slots["requested_slot"] == "confirm_date"  # the care's month read back
    tracker = make_tracker(
        {**BASE, "incident_date": "2024-01", "date_to_confirm": "incident_date",
         "discovery_date": "2025-02", "patient_role": "self"},
        text="1",
        extracted={"confirm_date": "yes"},
        requested_slot="confirm_date",
    )  # fmt: skip
    slots = await validate(domain, CollectingDispatcher(), tracker)
    assert slots["requested_slot"] != "discovery_date"


@pytest.mark.parametrize(
    "said",
    [
        "honestly not until the death certificate came in june, it said sepsis. nobody told "
        "us anything before that.",
        "no he died in MAY, early may. june is when we got the death certificate and that's "
        "when I started suspecting something.",
    ],
)
async def test_a_date_said_with_its_event_goes_to_that_event(
    domain, dispatcher, make_tracker, said
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-04", "patient_role": "parent",
         "patient_deceased": True, "death_date": "2026-05"},
        text=said,
        extracted={"discovery_date": said},
        requested_slot="discovery_date",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"] == "2026-06"  # read back as June, not May
    assert slots.get("death_date", "2026-05") == "2026-05"


async def test_a_date_at_the_state_question_is_kept_and_not_a_miss(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {"incident_type": "misdiagnosis", "incident_description": "a missed break",
         "question_misses": {"state": 1}},
        text="march 2024 i think",
        extracted={"state": "march 2024 i think"},
        requested_slot="state",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert slots["state"] is None  # asked again, never "not sure"
    assert "unknown_facts" not in slots
    assert slots.get("question_misses", {"state": 1}) == {"state": 1}
    assert slots["incident_date"] == "2024-03"
    assert responses(dispatcher) == ["utter_read_back_incident_date"]
    assert slots["requested_slot"] == "confirm_date"  # "Is that right?" at once
    tracker = make_tracker(
        {"incident_type": "misdiagnosis", "incident_description": "a missed break",
         "question_misses": {"state": 1}, "incident_date": "2024-03",
         "date_to_confirm": "incident_date"},
        text="1",
        extracted={"confirm_date": "yes"},
        requested_slot="confirm_date",
    )  # fmt: skip
    slots = await validate(domain, CollectingDispatcher(), tracker)
    assert slots["requested_slot"] == "state"


async def test_a_date_already_held_at_the_state_question_is_a_miss(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**BASE, "state": None, "incident_date": "2024-03"},
        text="march 2024 i think",
        extracted={"state": "march 2024 i think"},
        requested_slot="state",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["question_misses"] == {"state": 1}
    assert responses(dispatcher) == ["utter_invalid_state"]


@pytest.mark.parametrize(
    "slots, said, age",
    [
        # role-play E: "6/14/2015" with the care in March 2023
        ({"incident_date": "2023-03"}, "6/14/2015", 7),
        # role-play D: born the day of the delivery
        ({"incident_type": "birth_injury", "incident_date": "2021-06-03"},
         "June 3, 2021", 0),
        ({"incident_date": "2023"}, "2015", None),  # 7 or 8: asked with the name
    ],
)  # fmt: skip
async def test_a_birthday_gives_the_age_at_the_time(
    domain, dispatcher, make_tracker, slots, said, age
):
    tracker = make_tracker(
        {**BASE, "discovery_date": "2023-04", "patient_role": "child", **slots},
        text=said,
        extracted={"patient_dob": said},
        requested_slot="patient_dob",
    )
    found = await validate(domain, dispatcher, tracker)
    if found.get("date_to_confirm") == "patient_dob":  # read back first, then the age
        tracker = make_tracker(
            {**BASE, "discovery_date": "2023-04", "patient_role": "child", **slots,
             "patient_dob": found["patient_dob"], "date_to_confirm": "patient_dob"},
            text="yes",
            extracted={"confirm_date": "yes"},
            requested_slot="confirm_date",
        )  # fmt: skip
        assert "patient_age" not in found
        found = await validate(domain, CollectingDispatcher(), tracker)
    assert found.get("patient_age") == age


async def test_an_age_said_is_not_replaced_by_the_birthday(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2023-03-01", "discovery_date": "2023-04",
         "patient_role": "child", "patient_age": 6},
        text="June 14, 2015",
        extracted={"patient_dob": "June 14, 2015"},
        requested_slot="patient_dob",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert "patient_age" not in slots


async def test_no_death_date_where_nobody_died(domain, dispatcher, make_tracker):
    said = "May 2025. I went to the ER on the 19th and passed out on the 21st"
    tracker = make_tracker(
        {**BASE, "patient_role": "self"},
        text=said,
        extracted={"incident_date": said},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-05-19" and "death_date" not in slots


async def test_a_death_day_said_with_its_month_at_the_death_date_question(
    domain, dispatcher, make_tracker
):
    said = "june 2025, he died on the 2nd"
    tracker = make_tracker(
        {**BASE, "incident_date": "2025-05", "patient_deceased": True},
        text=said,
        extracted={"death_date": said},
        requested_slot="death_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["death_date"] == "2025-06-02"


# --- an answer said with a question or a remark -------------------------------------------


@pytest.mark.parametrize(
    "slot, text, value, faq",
    [
        (
            "state",
            "georgia. how much does this cost btw? i cant pay a lawyer up front",
            "GA",
            "utter_faq_ask_fees",
        ),
        (
            "contact_name",
            "Darnell Price. will it be today?",
            "Darnell Price",
            "utter_faq_ask_callback_time",
        ),
        (
            "incident_date",
            "march 2024 like i said, it was march 12. do i need my records?",
            "2024-03-12",
            "utter_faq_ask_records",
        ),
    ],
)
async def test_an_answer_with_a_question_keeps_the_answer_and_answers_it(
    domain, dispatcher, make_tracker, slot, text, value, faq
):
    """The language model heard an answer (the form validates it): the question is answered."""
    tracker = make_tracker(
        BASE if slot != "state" else {},
        text=text,
        extracted={slot: text},
        requested_slot=slot,
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots[slot] == value
    assert responses(dispatcher)[0] == faq


@pytest.mark.parametrize(
    "text, public",
    [
        # role-play G (Dale, SMS): "2 its private" at "Reply 1 for Yes, 2 for No": private
        ("2 its private", False),
        ("its a private surgery center", False),
        ("it was not a public hospital", False),
        ("it wasnt public", False),
        ("it's the county hospital", True),
        ("not the VA, its the county hospital", True),
        # role-play F (Evelyn): "I don't think so" first is a no, the rest says why
        (
            "I don't think so. It was my regular doctor, Dr. Linda Morrow at the Rockwood "
            "clinic in the Valley.",
            False,
        ),
        ("I think so, it was the city clinic", True),
    ],
)
async def test_the_kind_of_place_said_answers_the_public_hospital_question(
    domain, dispatcher, make_tracker, text, public
):
    tracker = make_tracker(
        BASE, text=text, extracted={"government_facility": text},
        requested_slot="government_facility",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert slots["government_facility"] is public
    assert "utter_story_added" not in responses(dispatcher)


@pytest.mark.parametrize(
    "text, consent",
    [("text is fine", True), ("email works", True), ("don't text me", False)],
)
async def test_a_way_to_reach_them_is_a_yes_to_contact(
    domain, dispatcher, make_tracker, text, consent
):
    tracker = make_tracker(
        BASE, text=text, extracted={"contact_consent": text},
        requested_slot="contact_consent",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_consent"] is consent
    if consent:
        assert "utter_invalid_yes_no" not in responses(dispatcher)


async def test_only_a_question_at_a_yes_no_question_is_no_miss(
    domain, dispatcher, make_tracker
):
    text = "wait is this confidential"
    tracker = make_tracker(
        BASE, text=text, extracted={"government_facility": text},
        requested_slot="government_facility",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert slots["government_facility"] is None and "question_misses" not in slots
    # (then the form asks it again)
    assert responses(dispatcher) == ["utter_faq_ask_confidentiality"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Karen Brennan-Ortiz. its all in my first text", "Karen Brennan-Ortiz"),
        ("darnell price. already told u", "Darnell Price"),
    ],
)
async def test_a_name_with_a_remark_is_the_name(
    domain, dispatcher, make_tracker, text, name
):
    tracker = make_tracker(
        BASE, text=text, extracted={"contact_name": text}, requested_slot="contact_name"
    )
    assert (await validate(domain, dispatcher, tracker))["contact_name"] == name


@pytest.mark.parametrize("text", ["ohio", "Hurts. a lot", "I told you. its in my text"])
async def test_no_name_is_taken_where_none_was_given(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        BASE, text=text, extracted={"contact_name": text}, requested_slot="contact_name"
    )
    assert (await validate(domain, dispatcher, tracker))["contact_name"] is None
    assert "utter_invalid_contact_name" in responses(dispatcher)


@pytest.mark.parametrize(
    "text",
    [
        "the march 28 thing isnt exact… you didnt put anything about my wrist",
        "you forgot my wrist, it never healed",
        "also she lost most of her hearing",
    ],
)
async def test_what_the_summary_left_out_is_added_to_the_story(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again
    assert slots["incident_description"] == f"nerve damage after surgery {text}"
    assert responses(dispatcher)[0] == "utter_story_added"
    assert "question_misses" not in slots


@pytest.mark.parametrize(
    "text", ["no thats all right", "yes that's right", "nothing, looks good"]
)
async def test_a_plain_confirmation_adds_nothing_to_the_story(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is True and "incident_description" not in slots


async def test_not_my_child_my_mother_at_the_summary_is_a_fix(
    domain, dispatcher, make_tracker
):
    text = "She was NOT my child. She was my mother"
    tracker = make_tracker(
        {**BASE, "patient_role": "child"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None
    assert (
        slots["patient_role"] == "parent" and slots["patient_called"] == "your mother"
    )
    assert responses(dispatcher)[0] == "utter_changed_patient_role"


def test_a_slot_still_holding_the_words_typed_is_no_date():
    # Found in role-play: the date of the care still held the words typed when the date of
    # death was checked against it, and the action server failed (503 to the person).
    from actions.intake import earliest_day, latest_day

    words = "she went to the ER on feb 6 2025, they said it was a UTI"
    for value in (words, "2025-13", "2025-02-30", "", None, 2025):
        assert earliest_day(value) is None and latest_day(value) is None
    assert earliest_day("2025-02") == dt.date(2025, 2, 1)
    assert latest_day("2024-02") == dt.date(2024, 2, 29)
    assert latest_day("2025") == dt.date(2025, 12, 31)


BROTHER = {
    **BASE,
    "incident_date": "2025-08-10",
    "discovery_date": "2025-08-10",
    "patient_role": "other_family",
    "patient_deceased": True,
    "death_date": "2025-08-10",
}


async def test_an_age_answers_the_date_of_birth_question(
    domain, dispatcher, make_tracker
):
    text = "i dont know his birthday off hand, he was 41"
    tracker = make_tracker(
        BROTHER,
        text=text,
        extracted={"patient_dob": text},
        requested_slot="patient_dob",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_age"] == 41
    assert slots["patient_dob"] == intake.UNKNOWN  # noted, never asked again
    assert slots["requested_slot"] != "patient_dob"
    assert "utter_date_unknown" not in responses(dispatcher)


async def test_skip_at_the_date_of_birth_moves_on(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        BROTHER,
        text="skip",
        extracted={"patient_dob": "skip"},
        requested_slot="patient_dob",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_dob"] == intake.UNKNOWN
    assert slots["requested_slot"] != "patient_dob"
    assert "utter_invalid_date" not in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "dob", "age"),
    [
        ("he is 9, born march 3 2017", "2017-03-03", 9),
        # "almost 9" is no age said, but the birthday gives his age at the care (Nov 2026)
        ("march 3 2017. hes almost 9 now", "2017-03-03", 9),
    ],
)
async def test_a_child_whose_age_is_said_now_is_alive(
    domain, dispatcher, make_tracker, text, dob, age
):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-11-07", "discovery_date": "2026-11-14",
         "patient_role": "child"},
        text=text,
        extracted={"patient_dob": text},
        requested_slot="patient_dob",
    )  # fmt: skip
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_dob"] == dob
    assert slots["patient_deceased"] is False  # "has your son passed away?" not asked
    assert slots.get("patient_age") == age
    assert slots["requested_slot"] != "patient_deceased"


def test_a_skip_is_an_answer_to_the_email_question():
    from actions.intake import looks_like_answer

    assert looks_like_answer("contact_email", "skip.")
    assert not looks_like_answer("contact_email", "skip. will u call today?")
    assert looks_like_answer("contact_email", "I do not have email.")
    assert looks_like_answer("contact_email", "I dont have email")
    assert not looks_like_answer("contact_email", "I dont have email. is that ok?")


def test_a_month_is_an_answer_to_which_month():
    from actions.intake import looks_like_answer

    assert looks_like_answer("date_month", "July I think")
    assert not looks_like_answer("date_month", "was it july?")
    assert not looks_like_answer("date_month", "I think so")


def test_more_story_that_tells_the_harm_is_the_harm(make_tracker):
    from actions.intake import story_events

    text = "i was yellow for weeks and had to have 2 more surgeries to fix it. i lost my job"
    assert story_events(text, make_tracker())["harm_description"] == text
    told = make_tracker({"harm_description": "nerve damage"})
    assert "harm_description" not in story_events(text, told)
    assert "harm_description" not in story_events(
        "the surgeon cut my bile duct", make_tracker()
    )


async def test_a_call_asked_midway_keeps_the_answer_being_given(
    domain, dispatcher, make_tracker
):
    # role-play: "denise.harlow@example.com. Can someone call me in the mornings?" lost the
    # email (the questions stopped at the call)
    tracker = make_tracker(
        {**BASE, "callback_wanted": True, "contact_name": "Denise Harlow"},
        text="denise.harlow@example.com",
        extracted={"contact_email": "denise.harlow@example.com"},
        requested_slot="contact_email",
        events=[{"event": "slot", "name": "requested_slot", "value": "state"}],
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_email"] == "denise.harlow@example.com"


async def test_a_call_asked_with_the_whole_story_keeps_the_questions(
    domain, dispatcher, make_tracker
):
    # role-play: "... best time to call is after 5pm" in her first words, and no questions
    story = {**BASE, "callback_wanted": True}
    first = [{"event": "slot", "name": "callback_wanted", "value": True}]
    upfront = make_tracker(story, text="ok", active=True, events=first)
    midway = make_tracker(
        story,
        text="ok",
        requested_slot="state",
        events=[{"event": "slot", "name": "requested_slot", "value": "state"}, *first],
    )
    form = ValidateScreeningForm()
    domain_slots = form.domain_slots(domain)
    asked_all = await form.required_slots(domain_slots, dispatcher, upfront, domain)
    cut = await form.required_slots(domain_slots, dispatcher, midway, domain)
    assert "harm_description" in asked_all and "incident_date" in asked_all
    assert "harm_description" not in cut and "incident_date" not in cut


# At the summary (role-play, November 2026): dates said again change each their own slot.
@pytest.mark.parametrize(
    "text, held, changed, said",
    [
        ("no the ER visit where they missed it was feb 6. she died on the 9th",
         {"incident_date": "2025-02-09", "death_date": "2025-02-09"},
         {"incident_date": "2025-02-06"}, ["utter_changed_incident_date"]),
        ("thats wrong. ER visit: February 6, 2025. Died: February 9, 2025.",
         {"incident_date": "2025-02-09", "death_date": "2026-02-06"},
         {"incident_date": "2025-02-06", "death_date": "2025-02-09"},
         ["utter_changed_incident_date", "utter_changed_death_date"]),
        ("he fell on the 17th and died on the 19th",
         {"incident_date": "2026-01-19", "death_date": "2026-01-19"},
         {"incident_date": "2026-01-17"}, ["utter_changed_incident_date"]),
        ("Sorry, one more. Checking the discharge paper, the ER visit was actually July 5, "
         "not July 6.", {"incident_date": "2025-07-06", "death_date": "2025-07-20"},
         {"incident_date": "2025-07-05"}, ["utter_changed_incident_date"]),
        # the kind of case told again: the care's date stays, the death's changes
        ("she died feb 9 2025 not 2026. three days after they sent her home with a "
         "misdiagnosis", {"incident_date": "2025-02-06", "death_date": "2026-02-09"},
         {"death_date": "2025-02-09"}, ["utter_changed_death_date"]),
        # a date named, none changed: what they said is added to the story
        ("the march 28 thing isnt exact… you didnt put anything about my wrist",
         {"incident_date": "2025-01", "discovery_date": "2025-03"}, {},
         ["utter_story_added"]),
        # a death before the care as it now stands: said, nothing changed
        ("ER visit: March 6, 2025. Died: February 9, 2025.",
         {"incident_date": "2025-02-06", "death_date": "2025-02-12"}, {},
         ["utter_invalid_death_before_incident"]),
    ],
)  # fmt: skip
async def test_dates_fixed_at_the_summary_each_change_their_own(
    domain, dispatcher, make_tracker, text, held, changed, said
):
    before = {**BASE, "patient_role": "parent", "patient_deceased": True, **held}
    tracker = make_tracker(
        before,
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again
    for slot, value in held.items():
        assert slots.get(slot, value) == changed.get(slot, value)
    assert responses(dispatcher) == said


@pytest.mark.parametrize(
    "text, wanted",
    [
        # role-play D and E: a time to call said with the contact details was lost
        ("813-555-0127, evenings are best", True),
        (
            "916-555-0142, or maria.alvarez@example.com. calls are better after 5pm",
            True,
        ),
        ("yes but please dont call during the day... evenings after 7 are best", True),
        ("this one. after 6pm pls", True),
        ("and please only call evenings after 7pm", True),
        # role-play F: a number, and whom to call besides
        (
            "509-555-0122. Or you could call my son Greg, he is better with these things, "
            "509-555-0177",
            True,
        ),
        # the story, not a wish
        ("you can call my doctor, he will tell you", False),
        ("after 6pm they gave her the wrong pill", False),
        ("the ER called me after 5pm", False),
        ("mornings were the worst for her", False),
        ("the doctor wont call back", False),
        # role-play F, Evelyn: whether a lawyer will call is a question (answered); said
        # with a day it still asks for the call
        ("No, I've never had a lawyer. Will a lawyer call me?", False),
        ("will a lawyer call me today?", True),
    ],
)
def test_a_time_to_call_is_a_call_asked_for(text, wanted):
    assert intake.wants_a_call(text) is wanted


async def test_the_date_read_back_said_again_stands(domain, dispatcher, make_tracker):
    # "November 2025?" - the bedsores began in January, but she went in in November
    said = "well the bedsores started maybe january? she went in november"
    tracker = make_tracker(
        {**BASE, "incident_date": "2025-11", "date_to_confirm": "incident_date"},
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots.get("incident_date", "2025-11") == "2025-11"
    assert slots["confirm_date"] is True
    assert "utter_fix_date" not in responses(dispatcher)


async def test_a_season_at_the_read_back_asks_its_month(
    domain, dispatcher, make_tracker
):
    said = "No, not november, it was around Easter. spring of 2024"
    tracker = make_tracker(
        {**BASE, "incident_date": "2024-11", "date_to_confirm": "incident_date"},
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] is None and slots["confirm_date"] is True
    assert slots["date_hint"] == {
        "slot": "incident_date",
        "year": 2024,
        "season": "spring",
    }
    assert slots["requested_slot"] == "date_month"
    assert "utter_fix_date" not in responses(dispatcher)


@pytest.mark.parametrize(
    "slots",
    [
        {"incident_type": "birth_injury", "incident_date": "2021-06-03"},
        {"patient_dob": "2021-06-03", "incident_date": "2021-06-03"},
    ],
)
async def test_an_age_for_when_they_found_out_counts_from_the_birth(
    domain, dispatcher, make_tracker, slots
):
    said = (
        "The nurses noticed his arm was limp the next day, but we did not know it was "
        "from the delivery until a specialist told us when he was about 6 months old"
    )
    tracker = make_tracker(
        {**BASE, **slots},
        text=said,
        extracted={"discovery_date": said},
        requested_slot="discovery_date",
    )
    result = await validate(domain, dispatcher, tracker)
    assert result["discovery_date"] == "2021-12"
    assert result["date_to_confirm"] == "discovery_date"  # an estimate: read back


async def test_the_kind_of_place_said_of_it_answers_the_public_hospital_question(
    domain, dispatcher, make_tracker
):
    # role-play D, Karen: "Sunrise Gardens is private I think" was answered as a question
    # about privacy ("... is kept private")
    text = "Sunrise Gardens is private I think"
    assert intake.looks_like_answer("government_facility", text)
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"government_facility": text},
        requested_slot="government_facility",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["government_facility"] is False


@pytest.mark.parametrize("text", ["is this private", "is my info kept private?"])
def test_a_question_about_privacy_is_no_kind_of_place(text):
    assert not intake.looks_like_answer("government_facility", text)


@pytest.mark.parametrize(
    "text, represented",
    [
        ("I talked to one guy but never signed anything, so no", False),
        ("we met with a firm last year and signed with them, so yes", True),
    ],
)
async def test_a_yes_or_no_said_last_as_the_conclusion_answers(
    domain, dispatcher, make_tracker, text, represented
):
    # role-play D, Derek: "..., so no" was added to the story and the lawyer question asked again
    assert intake.looks_like_answer("already_represented", text)
    tracker = make_tracker(
        BASE,
        text=text,
        extracted={"already_represented": text},
        requested_slot="already_represented",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["already_represented"] is represented
    assert "incident_description" not in slots
    assert "utter_story_added" not in responses(dispatcher)


async def test_a_correction_and_a_call_wish_at_the_summary_are_no_yes(
    domain, dispatcher, make_tracker
):
    # role-play E, Linda: taken for a yes, the lead closed without her correction
    text = (
        "it was nursing home neglect, the bed sores. and please only call evenings "
        "after 7pm"
    )
    tracker = make_tracker(
        {**BASE, "incident_type": "other"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again
    assert slots["incident_description"] == (
        "nerve damage after surgery it was nursing home neglect, the bed sores."
    )
    assert responses(dispatcher) == ["utter_story_added"]


async def test_a_kind_of_matter_told_at_the_summary_changes_it(
    domain, dispatcher, make_tracker
):
    text = "it was a misdiagnosis, they missed the fracture on the xray"
    tracker = make_tracker(
        {**BASE, "incident_type": "other"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None
    assert slots["incident_type"] == "misdiagnosis"


@pytest.mark.parametrize(
    "remarks",
    [
        [
            "they said oops basically",
            "and now they want to do the right one too?? no way",
        ]
    ],
)
async def test_remarks_on_what_they_did_are_the_story_not_misses(
    domain, make_tracker, remarks
):
    # role-play A, Mike: two remarks at "who was the patient?" noted it as "not sure" before
    # he could say "ME obviously"
    held = {**BASE, "incident_description": "they operated on the wrong knee"}
    for remark in remarks:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(
            held,
            text=remark,
            extracted={"patient_role": remark},
            requested_slot="patient_role",
        )
        slots = await validate(domain, dispatcher, tracker)
        assert slots["patient_role"] is None
        assert responses(dispatcher) == ["utter_story_added"]
        assert "patient_role" not in (slots["question_misses"] or {})
        held = {**held, **slots}
    assert held["incident_description"] == (
        "they operated on the wrong knee they said oops basically "
        "and now they want to do the right one too?? no way"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        held,
        text="ME obviously",
        extracted={"patient_role": "ME obviously"},
        requested_slot="patient_role",
    )
    assert (await validate(domain, dispatcher, tracker))["patient_role"] == "self"


@pytest.mark.parametrize(
    "text", ["they said", "my neighbour", "can you call me?", "they did"]
)
def test_what_is_no_remark_on_what_they_did(text):
    assert not intake.remark_in_the_telling(text)


async def test_this_number_with_a_backup_number_is_the_number_they_text_from(
    domain, dispatcher, make_tracker
):
    said = "this number or my daughter 480-555-0143 if i dont pick up"
    tracker = make_tracker(
        BASE,
        text=said,
        extracted={"contact_phone": said},
        requested_slot="contact_phone",
        sender_id="+12165550187",
        input_channel="twilio",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_phone"] == "+12165550187"


async def test_yes_to_is_this_number_best_by_text_is_that_number(
    domain, dispatcher, make_tracker
):
    tracker = make_tracker(
        BASE,
        text="yes",
        intent="affirm",
        extracted={"contact_phone": "yes"},
        requested_slot="contact_phone",
        sender_id="+12165550187",
        input_channel="twilio",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["contact_phone"] == "+12165550187"
    assert intake.looks_like_answer("contact_phone", "yes", sms=True)
    assert not intake.looks_like_answer("contact_phone", "yes", sms=False)


async def test_more_story_said_with_the_date_is_added_to_the_story(
    domain, dispatcher, make_tracker
):
    said = (
        "2 days later when i went to ER. bp crashed. they said it was metoprolol not the "
        "metformin i take"
    )
    tracker = make_tracker(
        {
            **BASE,
            "incident_type": "medication_error",
            "incident_description": "pharmacy gave me wrong pills, ended up in hospital",
            "incident_date": "2026-11-02",
        },
        text=said,
        extracted={"discovery_date": said},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"] == "2026-11-04"
    assert slots["incident_description"] == (
        "pharmacy gave me wrong pills, ended up in hospital they said it was metoprolol not "
        "the metformin i take"
    )


async def test_a_date_alone_adds_nothing_to_the_story(domain, dispatcher, make_tracker):
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-08-12"},
        text="August 14. two days later. I just said that",
        extracted={"discovery_date": "August 14. two days later. I just said that"},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"].endswith("-08-14")
    assert "incident_description" not in slots


def _said_at(*turns, sender_id="+12165550187", channel="twilio", phone=None):
    """A tracker whose person said each (question, words) in turn."""
    from rasa_sdk import Tracker

    events: list[dict] = []
    for asked, text in turns:
        events.append({"event": "slot", "name": "requested_slot", "value": asked})
        events.append({"event": "user", "text": text, "input_channel": channel})
    return Tracker(
        sender_id=sender_id,
        slots={"contact_phone": phone},
        latest_message={"text": turns[-1][1]},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "screening_form"},
        latest_action_name="action_listen",
    )


def test_reach_notes_keep_a_wish_and_a_second_number():
    tracker = _said_at(
        ("contact_phone", "this number or my daughter 480-555-0143 if i dont pick up"),
        ("contact_consent", "yes but text first, I'm on job sites all day"),
        phone="+12165550187",
    )
    notes = intake.reach_notes(tracker)
    assert notes.for_staff() == [
        "Prefers “text first, I'm on job sites all day”",
        "Another number (their daughter's): +14805550143",
    ]
    assert notes.for_them()[1] == "Another number (your daughter's): +14805550143."


def test_reach_notes_leave_out_the_story_and_a_number_corrected_since():
    tracker = _said_at(
        ("incident_description", "the nurse said text me first next time"),
        ("contact_phone", "614-555-0142"),
        ("contact_email", "my number is actually 614-555-0199"),
        channel="rest",
        sender_id="web-1",
        phone="+16145550199",
    )
    notes = intake.reach_notes(tracker)
    assert notes.for_staff() == []


async def test_a_holiday_read_whole_is_not_lost_to_the_year_beside_it(
    domain, dispatcher, make_tracker
):
    # role-play D, Karen: "around thanksgiving last year and she died in march, march 14th" at
    # the date of the care: the care is November 2025 (the whole message read), not "2025"
    # (the clause's "last year" alone), and the death is kept apart
    said = "she went in there around thanksgiving last year and she died in march, march 14th"
    tracker = make_tracker(
        {**BASE, "patient_role": "parent"},
        text=said,
        extracted={"incident_date": said},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-11"
    assert slots.get("death_date") in (None, "2026-03-14")


@pytest.mark.parametrize(
    "text, moved",
    [
        # role-play F: the care's day taken back at the question about when he found out
        ("ugh sorry, the 14th was my pre-op appointment. the actual surgery was august 19. "
         "I found out in october when the follow up MRI showed it", "2025-08-19"),
        ("I found out in october when the follow up MRI showed it", None),  # nothing taken back
        ("april 2025 when i went septic. tho i knew somethin was wrong early march", None),
        # role-play J (Bernard): counted from the care ("really" is no taking back)
        ("Two days later when I got really sick", None),
    ],
)  # fmt: skip
def test_the_care_said_again_at_the_found_out_question(make_tracker, text, moved):
    from actions.intake import care_said_again

    tracker = make_tracker(
        {"incident_date": "2025-08-14"}, text=text, requested_slot="discovery_date"
    )
    assert care_said_again(text, tracker).get("incident_date") == moved


@pytest.mark.parametrize(
    "said, kind, story",
    [
        (
            "1 i guess. knee replacement got infected and they blew me off at the follow ups",
            "surgical_error",
            "knee replacement got infected and they blew me off at the follow ups",
        ),
        ("she fell at the nursing hom", "other", "she fell at the nursing hom"),
        ("surgical error i think", "surgical_error", None),
    ],
)
async def test_what_happened_told_with_its_kind_is_the_story(
    domain, dispatcher, make_tracker, said, kind, story
):
    tracker = make_tracker(
        text=said,
        extracted={"incident_type": said},
        requested_slot="incident_type",
        input_channel="twilio",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_type"] == kind
    assert slots.get("incident_description") == story


async def test_a_story_over_several_texts_is_joined_at_the_kind_question(
    domain, dispatcher, make_tracker
):
    # role-play J (Mike, by SMS): "she bled really bad like a week after" came first, then
    # "had to go back in for another surgery to stop it" at "Which of these best describes
    # what happened?": one story, not the first text alone
    said = "had to go back in for another surgery to stop it"
    tracker = make_tracker(
        {
            "incident_description": "hi my daughter had her tonsils out last year she "
            "bled really bad like a week after"
        },
        text=said,
        extracted={"incident_type": said},
        requested_slot="incident_type",
        input_channel="twilio",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_type"] == "surgical_error"
    assert slots["incident_description"] == (
        "hi my daughter had her tonsils out last year she bled really bad like a week "
        "after had to go back in for another surgery to stop it"
    )


def test_the_same_words_again_are_not_added_twice(make_tracker):
    tracker = make_tracker({"incident_description": "they cut my bile duct in surgery"})
    assert intake.story_events("they cut my bile duct in surgery", tracker)[
        "incident_description"
    ] == ("they cut my bile duct in surgery")


@pytest.mark.parametrize(
    "text, kept",
    [
        # the first of several texts, its kind not said yet: the story begins with it
        ("hi my daughter had her mole looked at last year", True),
        ("my son hurt his arm at soccer and we went in that night", True),
        # no story: the form asks what happened
        ("hi i have a question about something", False),
        ("Ohio", False),
    ],
)
async def test_a_first_story_of_no_kind_yet_is_what_happened(
    domain, make_tracker, text, kept
):
    tracker = make_tracker({}, text=text, intent="inform", active=False)
    events = await ActionAcknowledgeMatter().run(
        CollectingDispatcher(), tracker, domain
    )
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert "incident_type" not in slots
    assert (slots.get("incident_description") == text) is kept


def test_a_count_is_no_numbered_kind():
    assert intake.numbered_kind("2 weeks later they called")[0] is None
    assert intake.numbered_kind("3 surgeries and still hurting")[0] is None
    assert intake.numbered_kind("4 they missed it")[0] == "misdiagnosis"


@pytest.mark.parametrize(
    "said",
    [
        "I said, March 3 last year. That's when he was born.",
        "aug 14 at night. or the 15th early morning i guess",
        "Pretty much right away. The NICU neurologist told us within the first week that "
        "the delay likely caused it.",
    ],
)
def test_words_about_the_date_are_not_the_story(make_tracker, said):
    tracker = make_tracker({"incident_description": "he was not breathing"})
    assert intake.story_told_with_a_date(said, tracker) == {}


def test_medical_bills_beside_the_cost_question_are_not_the_story(make_tracker):
    said = (
        "the neurologist at gillette said in may its a brachial plexus injury. how much "
        "does this cost us btw? we already have a lot of medical bills"
    )
    tracker = make_tracker({"incident_description": "the doctor pulled really hard"})
    told = intake.story_told_with_a_date(said, tracker)
    assert "bills" not in told.get("incident_description", "")
    # the validator reads the answer without its question: the message still has it
    tracker = make_tracker(
        {"incident_description": "the doctor pulled really hard"}, text=said
    )
    rest = said.replace("how much does this cost us btw? ", "")
    told = intake.story_told_with_a_date(rest, tracker)
    assert "bills" not in told.get("incident_description", "")


def test_more_story_beside_a_date_is_still_kept(make_tracker):
    said = "2 days later when i went to ER. they said it was metoprolol not the metformin i take"
    told = intake.story_told_with_a_date(said, make_tracker())
    assert "metoprolol" in told["incident_description"]


async def test_what_the_death_date_answer_tells_is_the_harm(
    domain, dispatcher, make_tracker
):
    said = "sept 6. she had hip surgery after and never came back from it"
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-08-14", "patient_deceased": True},
        text=said,
        extracted={"death_date": said},
        requested_slot="death_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["death_date"] == "2026-09-06"
    assert "hip surgery" in slots["harm_description"]


def test_more_story_makes_other_care_precise(make_tracker):
    said = (
        "march 3rd. he went in with chest pain and his left arm hurting and they told him "
        "it was acid reflux and sent him home. he died the next morning at home. heart attack"
    )
    first = {"incident_type": "other", "incident_description": "my dad died in march"}
    told = intake.story_told_with_a_date(said, make_tracker(first))
    assert told["incident_type"] == "misdiagnosis"
    chosen = make_tracker(
        first,
        events=[{"event": "slot", "name": "requested_slot", "value": "incident_type"}],
    )
    assert "incident_type" not in intake.story_told_with_a_date(said, chosen)


@pytest.mark.parametrize(
    "said, kind",
    [
        # tried after the merge: a mother at "Is anything wrong?" after "Your son's missed or
        # wrong diagnosis" was read as a "no" (nothing wrong) and the lead closed
        ("its not a diagnosis thing, it was the tonsil surgery", "surgical_error"),
        ("it was not a missed diagnosis but the surgery itself", "surgical_error"),
    ],
)
async def test_what_it_was_not_and_what_it_was_at_the_summary_changes_the_kind(
    domain, dispatcher, make_tracker, said, kind
):
    tracker = make_tracker(
        {**BASE, "incident_type": "misdiagnosis"},
        text=said,
        extracted={"summary_confirmed": said},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again, not closed
    assert slots["incident_type"] == kind


async def test_the_kind_denied_at_the_summary_with_neglect_said_is_other(
    domain, dispatcher, make_tracker
):
    # role-play I (Angela): "I've added that to what you told me", the summary still saying
    # "Your mother's medication error"
    said = (
        "It wasn't a medication error. Nobody gave her the wrong medicine, they just ignored "
        "her fever and confusion and missed that she had an infection turning into sepsis. "
        "It was neglect."
    )
    tracker = make_tracker(
        {**BASE, "incident_type": "medication_error"},
        text=said,
        extracted={"summary_confirmed": said},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again, not closed
    assert slots["incident_type"] == "other"
    assert not intake.denies_kind("it was neglect", "medication_error")


async def test_a_kind_denied_that_was_not_held_still_sets_the_kind_said(
    domain, dispatcher, make_tracker
):
    # role-play I (Angela), once her story is no longer read as a medication error: "It
    # wasn't a medication error ... It was neglect" at "Your mother's missed or wrong
    # diagnosis" tells what it was, not more of the story
    said = (
        "It wasn't a medication error. Nobody gave her the wrong medicine, they just ignored "
        "her fever and confusion and missed that she had an infection turning into sepsis. "
        "It was neglect."
    )
    tracker = make_tracker(
        {**BASE, "incident_type": "misdiagnosis"},
        text=said,
        extracted={"summary_confirmed": said},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None  # shown again, not closed
    assert slots["incident_type"] == "other"
    assert "utter_story_added" not in [m.get("response") for m in dispatcher.messages]


def test_the_affirmed_part_of_a_message_leaves_out_what_it_was_not():
    assert intake.affirmed_part(
        "its not a diagnosis thing, it was the tonsil surgery"
    ) == (" it was the tonsil surgery")
    assert intake.affirmed_part("not a surgery") == "not a surgery"  # nothing else said
    assert intake.affirmed_part("it was the surgery") == "it was the surgery"


async def test_a_death_said_with_when_they_found_out_is_kept(
    domain, dispatcher, make_tracker
):
    # tried by SMS after the merge: "same day, he died march 4" at when he found out, and
    # "When did your father pass away?" was asked all the same
    said = "same day, he died march 4"
    tracker = make_tracker(
        {**BASE, "patient_role": "parent", "incident_date": "2026-03-03"},
        text=said,
        extracted={"discovery_date": said},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["death_date"] == "2026-03-04"
    assert slots["discovery_date"] in ("2026-03-03", "2026-03-04")


def test_reach_notes_keep_what_staff_should_know_for_the_call():
    # role-play F, Evelyn: her hearing told at the question about a lawyer, her son at the
    # read-back
    tracker = _said_at(
        (
            "already_represented",
            "No, I've never had a lawyer. Will a lawyer call me? I don't hear very well "
            "on the phone.",
        ),
        ("summary_confirmed", "That's right. Can my son Greg be on the call with me?"),
        channel="rest",
        sender_id="web-1",
        phone="+15095550122",
    )
    notes = intake.reach_notes(tracker)
    assert notes.for_staff() == [
        "Phone calls are hard for them (email or text instead): “I don't hear very well "
        "on the phone”",
        "Would like their son Greg on the call: “Can my son Greg be on the call with me?”",
    ]
    assert notes.for_them()[0] == (
        "Noted for our team: “I don't hear very well on the phone”."
    )


async def test_a_question_with_a_fact_heard_in_it_is_answered_by_the_form(
    domain, dispatcher, make_tracker
):
    # role-play E, Maria, at when they found out: the harm heard in her words filled a slot,
    # so the form ran instead of the correction's rule; the fee question went unanswered
    # and June was asked again
    text = (
        "honestly not until the death certificate came in june, it said sepsis. nobody "
        "told us anything before that. is this consultation free btw?"
    )
    tracker = make_tracker(
        {
            **BASE,
            "incident_date": "2026-04",
            "patient_role": "parent",
            "patient_deceased": True,
        },
        text=text,
        intent="correct_answer",
        extracted={"harm_description": "it said sepsis"},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"] == "2026-06"
    assert "utter_faq_ask_fees" in responses(dispatcher)


def test_the_interruptions_are_the_rules_own():
    from actions.conversation import QUESTION_INTENTS
    from tests.conftest import ROOT

    rules = yaml.safe_load((ROOT / "data" / "rules" / "interruptions.yml").read_text())
    ruled = {
        step["intent"]
        for rule in rules["rules"]
        if rule.get("condition") == [{"active_loop": "screening_form"}]
        for step in rule["steps"]
        if "intent" in step
    } | {
        option["intent"]
        for rule in rules["rules"]
        if rule.get("condition") == [{"active_loop": "screening_form"}]
        for step in rule["steps"]
        for option in step.get("or", [])
    }
    assert (
        QUESTION_INTENTS
        | {
            "request_human",
            "correct_answer",
            "report_emergency",
        }
        == intake.INTERRUPTIONS
    )
    assert ruled >= intake.INTERRUPTIONS


def test_a_question_with_or_not_is_no_no_at_the_read_back():
    # role-play K, Luke: "its dental ... so do u do dental or not" was taken for a yes
    from actions.intake import told_at_read_back

    assert (
        told_at_read_back(
            "its dental. they pulled my wisdom teeth and hit the nerve. so do u do dental "
            "or not"
        )
        == "its dental. they pulled my wisdom teeth and hit the nerve."
    )
    assert told_at_read_back("no it was not dental") == ""


async def test_a_question_at_the_date_question_is_answered_without_a_sorry(
    domain, dispatcher, make_tracker
):
    # role-play I (Priya): her question answered, how long she waited no date, and when she
    # found out asked again (no "Sorry, I couldn't read that as a date")
    text = "Is it too late? I didn't do anything for over a month, I couldn't."
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-10-17", "confirm_date": True},
        text=text,
        intent="ask_statute_of_limitations",
        extracted={"discovery_date": text},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots.get("discovery_date") is None
    said = responses(dispatcher)
    assert said and not any(str(r).startswith("utter_invalid_") for r in said)
    assert not any(str(r).startswith("utter_read_back") for r in said)
    assert slots["requested_slot"] == "discovery_date"


async def test_when_he_died_is_the_death_date_held(domain, dispatcher, make_tracker):
    # role-play I (Tom): "a week earlier" is when it should have been caught, not a week ago
    text = (
        "when he died. the infection doc at the end said it shouldve been caught a week "
        "earlier"
    )
    tracker = make_tracker(
        {
            **BASE,
            "incident_date": "2026-07-20",
            "confirm_date": True,
            "patient_deceased": True,
            "death_date": "2026-08-02",
        },
        text=text,
        extracted={"discovery_date": text},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["discovery_date"] == "2026-08-02"
    assert "utter_read_back_discovery_date" not in responses(dispatcher)


async def test_when_he_died_without_a_death_date_is_asked_again(
    domain, dispatcher, make_tracker
):
    text = "when he died"
    tracker = make_tracker(
        {**BASE, "incident_date": "2026-07-20", "confirm_date": True},
        text=text,
        extracted={"discovery_date": text},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots.get("discovery_date") is None


async def test_a_date_fixed_beside_another_answer_is_changed(
    domain, dispatcher, make_tracker
):
    # role-play I (Gloria): alive, and the care's date changed (its year kept)
    text = "no shes alive. and the surgery was august 12 not november, i said august"
    tracker = make_tracker(
        {
            **BASE,
            "patient_role": "parent",
            "incident_date": "2026-11",
            "confirm_date": True,
            "discovery_date": "2026-11",
        },
        text=text,
        intent="deny",
        extracted={"patient_deceased": text},
        requested_slot="patient_deceased",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_deceased"] is False
    assert slots["incident_date"] == "2026-08-12"
    assert slots["discovery_date"] == "2026-08-12"  # "same day" moves with it
    assert "utter_changed_incident_date" in responses(dispatcher)


async def test_an_answer_without_a_date_taken_back_changes_no_date(
    domain, dispatcher, make_tracker
):
    text = "no she's alive, she had the surgery in november"
    tracker = make_tracker(
        {**BASE, "patient_role": "parent", "incident_date": "2026-11-03"},
        text=text,
        intent="deny",
        extracted={"patient_deceased": text},
        requested_slot="patient_deceased",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_deceased"] is False
    assert "incident_date" not in slots


# --- a "no" or a dispute at the read-back is never a yes (role-plays L and M) -----------------
@pytest.mark.parametrize(
    "held, text, fixed, said",
    [
        # Yesenia (M): the state noted named beside the right one
        (
            {"state": "IN"},
            "Indiana?? No, New York. Jacobi is in the Bronx",
            {"state": "NY"},
            ["utter_changed_state"],
        ),
        # Hector (M): the patient is his wife, not the baby; a sponge left in her
        (
            {"patient_role": "child", "incident_type": "birth_injury"},
            "No. Its not our daughter, she is fine. The patient is my wife Ana. They left "
            "a sponge inside her in the c section",
            {
                "patient_role": "spouse",
                "patient_relation": "wife",
                "incident_type": "surgical_error",
            },
            ["utter_changed_patient_role"],
        ),
        # Derek (L): the birth was the care: both dates move, whichever is said
        (
            {
                "incident_type": "birth_injury",
                "patient_role": "child",
                "incident_date": "2026-03-03",
                "patient_dob": "2026-03-03",
            },
            "shes born march 4th not the 3rd. i said that",
            {"incident_date": "2026-03-04", "patient_dob": "2026-03-04"},
            ["utter_changed_patient_dob", "utter_changed_incident_date"],
        ),
        (
            {
                "incident_type": "birth_injury",
                "patient_role": "child",
                "incident_date": "2026-03-03",
                "patient_dob": "2026-03-03",
            },
            "the date is wrong. march 4",
            {"incident_date": "2026-03-04", "patient_dob": "2026-03-04"},
            ["utter_changed_incident_date", "utter_changed_patient_dob"],
        ),
    ],
)
async def test_a_dispute_at_the_summary_is_applied(
    domain, dispatcher, make_tracker, held, text, fixed, said
):
    tracker = make_tracker(
        {**BASE, **held},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None
    assert {k: slots.get(k) for k in fixed} == fixed
    assert responses(dispatcher) == said


async def test_the_place_said_not_to_be_it_at_the_summary(
    domain, dispatcher, make_tracker
):
    # Kevin (L): "Its not the nursing home" was taken for a yes and the lead sent
    from actions.screening import summary_of

    text = "Its not the nursing home. He fell at the hospital, UNC"
    held = {
        **BASE,
        "incident_type": "other",
        "incident_description": "My dad fell in the hospital and broke his hip",
        "patient_role": "parent",
        "patient_relation": "father",
        "patient_called": "your father",
        "providers": [
            {"name": "UNC Hospitals", "kind": "hospital"},
            {"name": "the nursing home in durham", "kind": "nursing_home"},
        ],
    }
    assert summary_of(held).startswith("Your father's nursing home care")
    tracker = make_tracker(
        held,
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is None
    assert slots["providers"] == [{"name": "UNC Hospitals", "kind": "hospital"}]
    assert responses(dispatcher) == ["utter_story_added"]
    assert summary_of({**held, **slots}).startswith("Your father's medical care")


@pytest.mark.parametrize(
    "text",
    [
        "Indiana??",
        "no, thats not my email",
        "No, New York",
        "no wait, the hospital was different",
    ],
)
async def test_a_dispute_that_cannot_be_applied_asks_what_to_change(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        {**BASE, "state": "IN", "contact_email": "a@example.com"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    if slots.get("state") == "NY":  # "No, New York": applied
        assert responses(dispatcher) == ["utter_changed_state"]
    else:  # asked what to change ("Indiana??": told that is what it holds)
        assert responses(dispatcher) in (
            ["utter_ask_what_to_fix"],
            ["utter_correction_already_held"],
        )
    assert slots["summary_confirmed"] is None


@pytest.mark.parametrize(
    "text",
    [
        "no, that's right",
        "No I don't think so",
        "nope, nothing wrong",
        "No, thank you",
        "no changes",
        "no that's all correct. please don't call before 5",
        "No. I can't think of anything",
    ],
)
async def test_a_no_that_says_nothing_is_wrong_is_a_yes(
    domain, dispatcher, make_tracker, text
):
    tracker = make_tracker(
        {**BASE, "state": "IN"},
        text=text,
        extracted={"summary_confirmed": text},
        requested_slot="summary_confirmed",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["summary_confirmed"] is True


# --- dates as people say them (role-plays L, M) ------------------------------------------------
async def test_the_birth_fixed_at_its_read_back_is_the_care_too(
    domain, dispatcher, make_tracker
):
    # Derek (L): "my daughter was born in march" read back as March 2026
    said = "yes, march 3rd. no wait, it was the 4th, the 3rd is when my wife went in"
    tracker = make_tracker(
        {
            **BASE,
            "incident_type": "birth_injury",
            "patient_dob": "2026-03",
            "date_to_confirm": "patient_dob",
        },
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["patient_dob"] == "2026-03-04"
    assert slots["incident_date"] == "2026-03-04"
    assert slots["confirm_date"] is True


@pytest.mark.parametrize("said", ["Yes, fall of 2023", "yes, in the fall of 2023"])
async def test_the_season_of_the_month_read_back_is_a_yes(
    domain, dispatcher, make_tracker, said
):
    # Linda (L): October 2023 read back
    tracker = make_tracker(
        {**BASE, "incident_date": "2023-10", "date_to_confirm": "incident_date"},
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["confirm_date"] is True
    assert slots.get("incident_date", "2023-10") == "2023-10"
    assert slots.get("date_hint") is None
    assert slots["requested_slot"] != "date_month"


async def test_another_season_at_the_read_back_asks_its_month(
    domain, dispatcher, make_tracker
):
    said = "no, spring of 2024"
    tracker = make_tracker(
        {**BASE, "incident_date": "2023-10", "date_to_confirm": "incident_date"},
        text=said,
        extracted={"confirm_date": said},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["requested_slot"] == "date_month"


async def test_when_it_was_found_told_as_the_story_is_not_the_care(
    domain, dispatcher, make_tracker
):
    # Hector (M), his third text at "When did it happen?"
    said = (
        "Since then she always had pain in her belly, the doctors said it was adhesions. "
        "This august a CT scan found a sponge they left inside her"
    )
    tracker = make_tracker(
        {
            **BASE,
            "state": "NM",
            "incident_description": "She had our daughter by c section in 2019",
        },
        text=said,
        extracted={"incident_date": said},
        requested_slot="incident_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] is None
    assert "sponge" in slots["incident_description"]
    assert "utter_invalid_date" not in responses(dispatcher)
    assert slots["requested_slot"] == "incident_date"


@pytest.mark.parametrize(
    "text",
    [
        # Rosa (L): counted from the care, and "something was wrong" takes nothing back
        "The next morning they couldnt wake him up and I knew something was wrong. But they "
        "only told me about the dose at a meeting in February, maybe the second week",
        "the next day I knew something was wrong",
    ],
)
def test_the_next_morning_is_not_the_care_said_again(make_tracker, text):
    from actions.intake import care_said_again

    tracker = make_tracker(
        {"incident_date": "2026-01-16"}, text=text, requested_slot="discovery_date"
    )
    assert care_said_again(text, tracker) == {}


@pytest.mark.parametrize(
    "text, taken_back",
    [
        ("like i said, OT twice a week and the nerve surgery at gillette in january", False),
        ("as i said, the surgery in january", False),
        ("i said august not july", True),
        ("no shes alive. and the surgery was august 12 not november", True),
    ],
)  # fmt: skip
def test_like_i_said_takes_no_date_back(text, taken_back):
    assert bool(intake.DATE_TAKEN_BACK.search(text)) is taken_back


BIRTH = {
    "incident_type": "birth_injury",
    "incident_description": "brachial plexus injury at birth",
    "state": "GA",
    "patient_role": "child",
    "incident_date": "2025-09-22",
}


async def test_the_birthday_corrected_when_asked_when_they_found_out(
    domain, dispatcher, make_tracker
):
    text = (
        "no wait her birthday is september 23 not 22. i found out when she was like "
        "2 months old the OT told me it was from delivery"
    )
    tracker = make_tracker(
        BIRTH,
        text=text,
        extracted={"discovery_date": text},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-09-23"
    assert slots["discovery_date"] == "2025-11"
    assert "utter_changed_incident_date" in responses(dispatcher)


async def test_no_with_the_birthday_at_the_read_back_is_no_yes(
    domain, dispatcher, make_tracker
):
    text = "No. she was born sept 23 2025. i found out in november 2025 when she was 2 months"
    tracker = make_tracker(
        {**BIRTH, "discovery_date": "2025-09-23", "date_to_confirm": "discovery_date"},
        text=text,
        extracted={"confirm_date": text},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-09-23"
    assert slots["discovery_date"] == "2025-11"


def test_a_word_ending_in_nt_is_no_denial():
    # "the patient", "went", "want" end in "nt" and deny nothing: read as denials, "the patient
    # was given the wrong medicine" said the kind was *not* a medication error
    assert intake.denied_kind("the patient was given the wrong medicine") is None
    assert intake.affirmed_part("she went in for surgery, i want to know") == (
        "she went in for surgery, i want to know"
    )
    for said in ("wasn't", "wasn’t", "wasnt"):
        told = f"It {said} a medication error. Nobody gave her the wrong medicine"
        assert intake.denied_kind(told) == "medication_error"
    assert intake.affirmed_part("they didnt check, she went in for surgery") == (
        " she went in for surgery"
    )


# Role-plays N and O (Dana, Dale, Tasha): the message that starts the screening tells who the
# patient is and what kind of care it was, however short, or with a question beside it.
@pytest.mark.parametrize(
    "held, text, intent, told",
    [
        (
            {"incident_type": "misdiagnosis"},
            "the VA missed my cancer",
            "describe_misdiagnosis",
            {"patient_role": "self"},
        ),
        (
            # the model heard "other" care and tagged "my" as the patient
            {"incident_type": "other", "patient_role": "my"},
            "hi is this free? i had my wisdom teeth out and now half my tongue is numb",
            "ask_cost",
            {"incident_type": "surgical_error", "patient_role": "self"},
        ),
        (
            {"incident_type": "surgical_error"},
            "I had my gallbladder out and now I cant eat anything",
            "describe_surgical_error",
            {"patient_role": "self"},
        ),
        (
            {"incident_type": "medication_error"},
            "my dads insulin was doubled at the pharmacy",
            "describe_medication_error",
            {
                "patient_role": "parent",
                "patient_relation": "father",
                "patient_called": "your father",
            },
        ),
        (
            {"incident_type": "medication_error"},
            "the CVS filled my moms warfarin wrong. is this free?",
            "describe_medication_error",
            {
                "patient_role": "parent",
                "patient_relation": "mother",
                "patient_called": "your mother",
            },
        ),
        # a role held is kept; words that tell no care name no patient
        (
            {"incident_type": "surgical_error", "patient_role": "spouse"},
            "i had my wisdom teeth out",
            "describe_surgical_error",
            {},
        ),
        ({}, "I have a question about my doctor", "seek_help", {}),
        ({}, "is this free?", "ask_cost", {}),
    ],
)
async def test_the_first_words_tell_the_patient_and_the_kind(
    domain, make_tracker, held, text, intent, told
):
    tracker = make_tracker(held, text=text, intent=intent, active=False)
    events = await ActionAcknowledgeMatter().run(
        CollectingDispatcher(), tracker, domain
    )
    slots = slots_of(events)
    heard = {
        name: slots[name]
        for name in (
            "incident_type",
            "patient_role",
            "patient_relation",
            "patient_called",
        )
        if name in slots
    }
    assert heard == told


# --- role-play P: dates as people say them --------------------------------------------------


async def test_the_day_said_with_its_event_at_the_read_back_is_the_care(
    domain, dispatcher, make_tracker
):
    """Keisha: "no. the patches was the 21st i think. she passed the 23rd" (December 2024
    read back as the care): the care is December 21, not "let's fix it"."""
    tracker = make_tracker(
        {
            **BASE,
            "incident_type": "medication_error",
            "patient_deceased": True,
            "death_date": "2024-12-23",
            "incident_date": "2024-12",
            "date_to_confirm": "incident_date",
        },
        text="no. the patches was the 21st i think. she passed the 23rd",
        extracted={
            "confirm_date": "no. the patches was the 21st i think. she passed the 23rd"
        },
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2024-12-21"
    assert "utter_fix_date" not in responses(dispatcher)


async def test_when_they_found_out_is_in_the_words_beside_the_care_moved(
    domain, dispatcher, make_tracker
):
    """Travis: "Wait no, the first visit was October 2nd, a Friday. The surgeon told me on
    the 6th it had ruptured." (the care held as October 3): the care moves to October 2, and
    he found out October 6."""
    text = (
        "Wait no, the first visit was October 2nd, a Friday. The surgeon told me on the 6th "
        "it had ruptured."
    )
    tracker = make_tracker(
        {**BASE, "incident_type": "misdiagnosis", "incident_date": "2026-10-03"},
        text=text,
        extracted={"discovery_date": text},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2026-10-02"
    assert slots["discovery_date"] == "2026-10-06"


async def test_no_idea_takes_no_date_back(domain, dispatcher, make_tracker):
    """Erik: "When the hospital doctor told us on August 29 ... We had no idea how bad it
    was." is when they found out; the care (July) stays."""
    text = (
        "When the hospital doctor told us on August 29 that the wounds were stage 4 and "
        "infected. We had no idea how bad it was."
    )
    tracker = make_tracker(
        {**BASE, "incident_type": "other", "incident_date": "2026-07"},
        text=text,
        extracted={"discovery_date": text},
        requested_slot="discovery_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots.get("incident_date", "2026-07") == "2026-07"
    assert slots["discovery_date"] == "2026-08-29"
    assert "utter_changed_incident_date" not in responses(dispatcher)


async def test_the_birth_held_at_the_cares_month_takes_its_day(
    domain, dispatcher, make_tracker
):
    """Alyssa: "its feb 11 2025" at the read-back of the care (her birth) as February 2025,
    the date of birth held as February 2025 too: both are February 11."""
    tracker = make_tracker(
        {
            **BASE,
            "incident_type": "birth_injury",
            "patient_role": "child",
            "incident_date": "2025-02",
            "patient_dob": "2025-02",
            "date_to_confirm": "incident_date",
        },
        text="its feb 11 2025",
        extracted={"confirm_date": "its feb 11 2025"},
        requested_slot="confirm_date",
    )
    slots = await validate(domain, dispatcher, tracker)
    assert slots["incident_date"] == "2025-02-11"
    assert slots["patient_dob"] == "2025-02-11"


@pytest.mark.parametrize(
    "slot, said",
    [
        ("already_represented", "I had one but he withdrew. I dont have a lawyer now"),
        (
            "represented_intent",
            "none of those. he dropped me. I dont have a lawyer anymore",
        ),
    ],
)
async def test_a_lawyer_who_dropped_them_is_no_lawyer(
    domain, dispatcher, make_tracker, slot, said
):
    # Maria (role-play Q) was told "it's best to keep working with them" and her lead closed
    # as represented, though her lawyer had withdrawn
    tracker = make_tracker(
        {**BASE, "already_represented": True}
        if slot != "already_represented"
        else BASE,
        text=said,
        requested_slot=slot,
    )
    validate = getattr(ValidateScreeningForm(), f"validate_{slot}")
    out = validate(said, dispatcher, tracker, domain)
    if hasattr(out, "__await__"):
        out = await out
    assert out["already_represented"] is False
    assert not out.get("represented_intent")
