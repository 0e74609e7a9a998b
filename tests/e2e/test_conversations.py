"""Whole conversations over HTTP against the real Rasa server, action server and inbox: the slots
and the outcome are read back through the tracker API, the lead through the inbox API."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

WA_SURGERY = {
    "incident_type": "surgical error",
    "incident_description": "nerve damage from shoulder surgery",
    "state": "Washington",
    "incident_date": "February 10, 2026",
    "discovery_date": "February 12 2026",
    "patient_role": "me",
    "patient_dob": "1979-08-30",
    "patient_deceased": "no",
    "government_facility": "no",
    "already_represented": "no",
    "contact_name": "Alex Moreno",
    "contact_phone": "(206) 555-0112",
    "contact_email": "alex.moreno@example.com",
    "contact_consent": "yes",
    "confirm_date": "yes",
    # the case evaluation's questions (actions/evaluation.py)
    "harm_description": "I still can't lift my arm properly",
    "harm_severity": "still being treated",
    "providers": "Dr. Ana Patel at Harborview",
    "treatment_since": "physical therapy",
    "work_impact": "yes",
    "has_records": "no",
    "represented_intent": "neither",
    "summary_confirmed": "that's right",
}


def screen(client, answers: dict[str, str], max_turns: int = 40) -> dict:
    """Answers whatever the form asks until it stops asking; returns the final slots."""
    asked: dict[str, int] = {}
    for _ in range(max_turns):
        slots = client.slots()
        wanted = slots.get("requested_slot")
        if not wanted:
            return slots
        asked[wanted] = asked.get(wanted, 0) + 1
        assert asked[wanted] <= 3, f"stuck on {wanted}: {client.text()}"
        assert wanted in answers, f"unexpected question {wanted}: {client.text()}"
        client.say(answers[wanted])
    raise AssertionError("the screening did not end")


def test_greeting_says_who_it_is_and_the_disclaimers(running_stack):
    client = running_stack.client()
    client.say("hello")
    text = client.text()
    assert (
        "not a lawyer" in text
        and "attorney-client relationship" in text
        and "911" in text
    )


def test_emergency_gets_911_first(running_stack):
    client = running_stack.client()
    out = client.say(
        "I can't breathe and my lips are swelling after the new medicine the doctor gave me"
    )
    assert "911" in out[0]["text"]


def test_a_whole_screening_ends_in_one_qualified_lead(running_stack):
    client = running_stack.client()
    client.say("hello")
    client.say("the surgeon left me with nerve damage in my arm after shoulder surgery")
    slots = screen(client, WA_SURGERY)
    assert slots["incident_type"] == "surgical_error"
    assert slots["state"] == "WA"
    assert slots["incident_date"] == "2026-02-10"
    assert slots["discovery_date"] == "2026-02-12"
    assert slots["contact_phone"] == "+12065550112"
    assert slots["screening_outcome"] == "qualified"
    assert slots["patient_dob"] is None  # an adult patient: not asked
    assert "reference number" in client.text()
    leads = client.leads()
    assert len(leads) == 1
    lead = leads[0]
    assert lead["outcome"] == "qualified" and lead["deadline"] == "2029-02-10"
    assert lead["channel"] == "web" and lead["citation"] and lead["explanation"]
    assert lead["reference"] in client.text()
    # A retried handoff (the same screening finishing again) never makes a duplicate.
    client.say("thanks")
    assert len(client.leads()) == 1


def test_not_medical_is_declined_kindly_and_recorded(running_stack):
    client = running_stack.client()
    client.say("my landlord won't fix the heater and it's freezing, can you sue him?")
    slots = client.slots()
    assert slots["screening_outcome"] == "not_medmal"
    assert "only handles medical malpractice" in client.text()
    assert [lead["outcome"] for lead in client.leads()] == ["not_medmal"]


def test_unsure_matter_is_asked_with_buttons(running_stack):
    client = running_stack.client()
    out = client.say("I need a lawyer")
    assert client.slots()["requested_slot"] == "incident_type"
    buttons = [b["title"] for m in out for b in m.get("buttons", [])]
    assert "Surgical error" in buttons and "Not a medical issue" in buttons


def test_a_question_mid_form_is_answered_and_the_form_resumes(running_stack):
    client = running_stack.client()
    client.say("my doctor said my chest pain was anxiety but it was a tumor")
    client.say("missed cancer for a year")
    before = client.slots()["requested_slot"]
    client.say("how much do you charge?")
    assert "contingency" in client.text()
    assert client.slots()["requested_slot"] == before


def test_a_correction_changes_an_earlier_answer(running_stack):
    client = running_stack.client()
    client.say("the wrong drug was given to me at the pharmacy")
    screen_until(
        client,
        "incident_date",
        {"incident_description": "wrong pills", "state": "California"},
    )
    assert client.slots()["state"] == "CA"
    client.say("actually it was in Arizona")
    assert client.slots()["state"] == "AZ"
    assert client.slots()["requested_slot"] == "incident_date"


def test_asking_for_a_person_gives_the_number_and_a_callback(running_stack):
    client = running_stack.client()
    client.say("my baby was hurt during delivery")
    client.say("talk to a real person please")
    assert "555" in client.text()
    slots = screen(
        client,
        {
            "callback_wanted": "yes",
            "contact_name": "Sam Lee",
            "contact_phone": "617 555 0135",
            "contact_consent": "yes",
            "callback_time": "any time",
            "summary_confirmed": "yes",
        },
    )
    assert slots["incident_type"] == "birth_injury"
    assert slots["screening_outcome"] == "qualified"
    assert client.leads()[0]["contact_name"] == "Sam Lee"


def test_already_represented_is_not_solicited(running_stack):
    client = running_stack.client()
    client.say("the anesthesiologist gave me too much and I woke up during surgery")
    answers = {
        **WA_SURGERY,
        "incident_type": "anesthesia error",
        "already_represented": "yes, I have a lawyer",
        "represented_intent": "no, I'm happy with them",
    }
    slots = screen(client, answers)
    assert slots["screening_outcome"] == "represented"
    assert slots["contact_phone"] is None
    assert "wish you" in client.text()


def test_old_case_is_time_barred_but_kept_for_review(running_stack):
    client = running_stack.client()
    client.say("my doctor missed my cancer")
    answers = {
        **WA_SURGERY,
        "incident_type": "misdiagnosis",
        "state": "Texas",
        "incident_date": "January 5, 2015",
        "discovery_date": "same day",
    }
    slots = screen(client, answers)
    assert slots["screening_outcome"] == "time_barred"
    # kept for an attorney, who gives the deadline news; the person is not told it passed
    assert "attorney will review the dates" in client.text()
    assert "may already have passed" not in client.text()
    assert client.leads()[0]["outcome"] == "time_barred"


def test_start_over_really_starts_over(running_stack):
    client = running_stack.client()
    client.say("the surgeon operated on the wrong knee")
    client.say("start over")
    slots = client.slots()
    assert slots["incident_type"] is None and slots["requested_slot"] is None
    assert "start over" in client.text().lower()


def test_stop_stops_asking(running_stack):
    client = running_stack.client()
    client.say("the nurse gave my dad the wrong medication")
    client.say("stop")
    assert client.slots()["requested_slot"] is None
    assert "stopped" in client.text()


@pytest.mark.parametrize(
    "message, status",
    [
        ("", 200),
        ("   ", 200),
        ("😢😢😢", 200),
        ("x" * 10_000, 413),
        ("word " * 900, 200),
        ("hola necesito ayuda con mi caso", 200),
        ("asdkjh qwpoei zmxncb", 200),
    ],
    ids=[
        "empty",
        "spaces",
        "emoji",
        "10000-chars",
        "4500-chars",
        "spanish",
        "gibberish",
    ],
)
def test_odd_messages_get_a_reply_and_the_conversation_stays_usable(
    running_stack, message, status
):
    client = running_stack.client()
    client.say("hello")
    out = client.say(message, expect=status)
    assert out and all(m.get("text") for m in out), out
    if status == 413:
        assert "too long" in out[0]["text"]
    client.say("the surgeon left a sponge inside me")
    assert client.slots()["incident_type"] == "surgical_error"


def screen_until(client, target: str, answers: dict[str, str]) -> None:
    for _ in range(15):
        wanted = client.slots().get("requested_slot")
        if wanted == target:
            return
        client.say(answers[wanted])
    raise AssertionError(f"never asked {target}")
