"""Tests for actions/parsing/matter.py: the kind of matter a person describes."""

from __future__ import annotations

import pytest

from actions.parsing.matter import (
    asks_for_a_referral,
    asks_for_the_web_address,
    in_a_nursing_home,
    names_other_care,
    parse_incident_type,
    words_name_the_kind,
)


@pytest.mark.parametrize(
    "text, kind",
    [
        # a baby stillborn after being sent home from triage: a birth injury case
        (
            "Hi. I lost my daughter. She was stillborn at 38 weeks. I went to Bayside Women's "
            "Hospital in Houston on October 18 because I couldn't feel her moving much, and "
            "the triage nurse put me on the monitor for like 20 minutes and sent me home and "
            "said babies slow down at the end. Two days later there was no heartbeat.",
            "birth_injury",
        ),
        ("I was 38 weeks pregnant and they sent me home", "birth_injury"),
        (
            "i was in rehab for about 30 weeks after they botched my surgery",
            "surgical_error",
        ),
        # codes and button titles
        ("surgical_error", "surgical_error"),
        ("Surgical error", "surgical_error"),
        ("Birth injury", "birth_injury"),
        ("Medication error", "medication_error"),
        ("Missed or wrong diagnosis", "misdiagnosis"),
        ("Anesthesia error", "anesthesia_error"),
        ("Other medical care", "other"),
        ("Not a medical issue", "not_medmal"),
        ("not_medmal", "not_medmal"),
        ("misdiagnosis", "misdiagnosis"),
        # surgery
        ("surgery went wrong", "surgical_error"),
        ("the surgeon nicked my bowel", "surgical_error"),
        ("complications after an operation", "surgical_error"),
        ("they operated on the wrong knee", "surgical_error"),
        # role-play J (Mike): an organ taken out is an operation
        ("hi my daughter had her tonsils out last year", "surgical_error"),
        ("they took out the wrong kidney", "surgical_error"),
        ("my gallbladder was taken out in may", "surgical_error"),
        # birth
        ("my baby was hurt during delivery", "birth_injury"),
        ("labor complications", "birth_injury"),
        ("newborn", "birth_injury"),
        ("my son has cerebral palsy", "birth_injury"),
        ("erb's palsy", "birth_injury"),
        ("the epidural during labor", "birth_injury"),
        ("emergency c-section went wrong", "birth_injury"),
        # medication
        ("wrong prescription", "medication_error"),
        ("the pharmacy gave me the wrong drug", "medication_error"),
        ("the pharmacist", "medication_error"),
        ("overdose", "medication_error"),
        ("wrong dose", "medication_error"),
        ("they gave me the wrong medication after my surgery", "medication_error"),
        # diagnosis
        ("they misdiagnosed me", "misdiagnosis"),
        ("the radiologist misread my son's x-ray", "misdiagnosis"),
        (
            "the PA told me it was just anxiety but it was a heart attack",
            "misdiagnosis",
        ),
        ("the nursing home gave my mom the wrong dose", "medication_error"),
        ("the nursing home kept giving her someone else's pills", "medication_error"),
        ("they left a piece of the drill bit in my jaw", "surgical_error"),
        ("mis-diagnosed", "misdiagnosis"),
        ("my cancer was missed", "misdiagnosis"),
        ("late diagnosis", "misdiagnosis"),
        ("wrong diagnosis", "misdiagnosis"),
        ("they missed my stroke", "misdiagnosis"),
        ("the ER sent me home and it was appendicitis", "misdiagnosis"),
        ("I was hit by a car and the ER missed my broken neck", "misdiagnosis"),
        # anesthesia
        ("anaesthesia", "anesthesia_error"),
        ("the anesthesiologist", "anesthesia_error"),
        ("sedation", "anesthesia_error"),
        ("i woke up during surgery", "anesthesia_error"),
        ("epidural", "anesthesia_error"),
        # other medical care
        ("something else", "other"),
        ("other", "other"),
        # nursing-home neglect is other care (the contract's kinds); the read-back names the
        # place (role-play E)
        ("nursing home neglect", "other"),
        (
            "My mother was in a nursing home in Richmond and she got terrible bed sores",
            "other",
        ),
        (
            "my grandma died of sepsis from bedsores the nursing home never treated",
            "other",
        ),
        (
            "she fell twice at her assisted living and nobody checked on her",
            "other",
        ),
        ("the nursing home", "other"),
        ("bedsores", "other"),
        ("infection after surgery", "other"),
        ("hospital fall", "other"),
        ("I fell in the hospital", "other"),
        ("slipped in the hospital bathroom", "other"),
        ("my doctor was rude", "other"),
        # not medical malpractice
        ("not medical", "not_medmal"),
        ("it's not a medical thing", "not_medmal"),
        ("car accident", "not_medmal"),
        ("accident at work", "not_medmal"),
        ("my landlord won't fix the heat", "not_medmal"),
        ("apartment", "not_medmal"),
        ("I slipped at the store", "not_medmal"),
        ("billing", "not_medmal"),
        ("insurance denied my claim", "not_medmal"),
        ("dog bite", "not_medmal"),
    ],
)
def test_parse_incident_type(text: str, kind: str) -> None:
    assert parse_incident_type(text) == kind


@pytest.mark.parametrize("text", ["", "hello", "asdf", "?"])
def test_incident_type_unknown(text: str) -> None:
    assert parse_incident_type(text) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "It was NOT a birth injury, it was a hysterectomy… Washington state. April 14, 2025.",
            "surgical_error",
        ),
        ("it wasnt a birth injury, they cut my ureter in surgery", "surgical_error"),
        ("not surgery, they gave him the wrong meds", "medication_error"),
        ("it isn't about the delivery, the anesthesia was wrong", "anesthesia_error"),
        # a kind named without a "not" is still that kind
        ("i want a birth injury lawyer", "birth_injury"),
        ("a c-section gone wrong", "birth_injury"),
        ("she had a mastectomy and now her arm is numb", "surgical_error"),
    ],
)
def test_a_kind_said_not_to_be_the_one_is_dropped(text: str, kind: str) -> None:
    assert parse_incident_type(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "they sent me home on the 17th and a CT scan found my ureter had been cut during the "
        "surgery",
        "my bladder was nicked in the operation but they said it was just gas and sent me home",
        "his bowel was damaged during his surgery and nobody caught it for days",
    ],
)
def test_harm_done_in_the_operation_decides_over_a_later_miss(text: str) -> None:
    assert parse_incident_type(text) == "surgical_error"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my tooth was damaged during the dental procedure", "other"),
        ("the doctor missed my broken wrist and I was hurt in the ER", "misdiagnosis"),
    ],
)
def test_harm_outside_an_operation_is_not_a_surgical_error(
    text: str, kind: str
) -> None:
    assert parse_incident_type(text) == kind


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("how do i find the state bar thing", True),
        ("the lawyer referral service, how do i find it for ohio", True),
        ("hello?? can you just tell me the website for the bar referral", True),
        ("do you know a lawyer who does car accidents", True),
        ("can you refer me to someone", True),
        ("ok thanks i guess", False),
        ("my lawyer quit", False),
        ("got rear ended on i90 last month. whiplash. insurance lowballing me", False),
        ("the insurance is offering 2000, is that enough?", False),
    ],
)
def test_asks_for_a_referral(text, asks):
    assert asks_for_a_referral(text) is asks


def test_asks_for_the_web_address():
    assert asks_for_the_web_address("just tell me the website")
    assert not asks_for_the_web_address("how do i find the state bar thing")


@pytest.mark.parametrize(
    "text, placed",
    [
        (
            "My mother was in a nursing home in Richmond and she got terrible bed sores",
            True,
        ),
        ("she fell twice at her Assisted Living and nobody checked on her", True),
        ("Westhaven Care Home", True),
        ("the hospital left a sponge in me", False),
        ("", False),
        (None, False),
    ],
)
def test_a_nursing_home_is_read_from_the_words(text: str | None, placed: bool) -> None:
    assert in_a_nursing_home(text) is placed


@pytest.mark.parametrize(
    "text",
    [
        "the ER said it was acid reflux and it was a heart attack",
        "they said it was a sprain but it was actually broken",
    ],
)
def test_told_it_was_one_thing_and_it_was_another_is_a_missed_diagnosis(text):
    assert parse_incident_type(text) == "misdiagnosis"


@pytest.mark.parametrize(
    "text, kind",
    [
        # role-play J (Sandra): an object left inside during surgery, whatever doctors said
        ("THEY LEFT A SURGICAL CLIP INSIDE ME during my gallbladder surgery in 2015 and I only "
         "found out in October when I had a CT scan. every doctor told me it was nothing.",
         "surgical_error"),
        ("they left a sponge in me", "surgical_error"),
        ("a clip was left in my abdomen after the surgery", "surgical_error"),
        # role-play K (Marco): a birth date is not a birth
        ("I had a routine knee arthroscopy. They sent me home with a swollen calf. It should "
         "have been caught before discharge. I'm 52, born April 12 1974.", "misdiagnosis"),
        ("knee surgery, DOB 4/12/1974", "surgical_error"),
        # a birth still is
        ("my son was born on may 3 2020 and they used forceps", "birth_injury"),
        ("she was born with cerebral palsy", "birth_injury"),
    ],
)  # fmt: skip
def test_an_object_left_inside_and_a_birth_date(text: str, kind: str) -> None:
    assert parse_incident_type(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        # a tooth pulled is oral surgery; the dentist's care alone stays "other"
        (
            "its dental. they pulled my wisdom teeth and hit the nerve.",
            "surgical_error",
        ),
        ("had my wisdom teeth removed and now my lip is numb", "surgical_error"),
        # role-play N (Dana): teeth "had out" are taken out, as "had my gallbladder out"
        (
            "hi is this free? i had my wisdom teeth out and now half my tongue is numb",
            "surgical_error",
        ),
        ("got a tooth out and the nerve was hit", "surgical_error"),
        ("I had my gallbladder out", "surgical_error"),
        ("a guy knocked my teeth out in a bar fight", None),
        # role-play O (Tasha): a prescription filled wrong
        (
            "the CVS pharmacy on Peachtree filled my moms warfarin wrong",
            "medication_error",
        ),
        ("they filled my prescription wrong", "medication_error"),
        ("they filled out the form wrong at the ER", "other"),
        ("the dentist messed up", "other"),
        ("my dentist gave me the wrong medication", "medication_error"),
        # a slow ambulance is care, even after a car accident
        (
            "I was in a car accident in September and the ambulance took almost 45 minutes "
            "to get there. I broke my leg.",
            "other",
        ),
        ("A car crash. The ambulance took 45 minutes to come.", "other"),
        (
            "I was in a car accident and the ambulance took me to the hospital",
            "not_medmal",
        ),
    ],
)
def test_dental_and_ambulance_care(text, kind):
    assert parse_incident_type(text) == kind


ANGELA = (
    "She was living at Magnolia Gardens, a nursing home in Macon, Georgia, and for days she was "
    "running a fever and getting more and more confused, and the staff just kept telling me she "
    "was 'having a bad day' and that it was her dementia. When they finally sent her to the "
    "hospital she was in septic shock from a urinary infection and the doctors there said if "
    "she had come in even two days earlier they could have treated it."
)


@pytest.mark.parametrize(
    "text",
    [
        # role-play I (Angela): a fever and confusion put down to dementia, sepsis found late
        ANGELA,
        "they kept telling us it was just his age and it turned into pneumonia",
        "the nurse brushed it off as anxiety",
        "the doctor said if we had come in sooner they could have caught it",
        "the clot should have been caught before they discharged me",
    ],
)
def test_symptoms_put_down_to_something_else_are_a_missed_diagnosis(text):
    assert parse_incident_type(text) == "misdiagnosis"


@pytest.mark.parametrize(
    "text, kind, named",
    [
        # "treated" is no medicine: the story names no medication error
        (ANGELA, "medication_error", False),
        ("they could have treated it two days earlier", "medication_error", False),
        ("walgreens gave her the wrong dose of warfarin", "medication_error", True),
        ("the pharmacy filled it with someone else's pills", "medication_error", True),
        ("they operated on the wrong knee", "surgical_error", True),
        ("the epidural went wrong", "anesthesia_error", True),
        (
            "it wasn't a medication error, they ignored her fever",
            "medication_error",
            False,
        ),
        ("she fell at the nursing home", "other", True),
    ],
)
def test_words_name_the_kind(text, kind, named):
    assert words_name_the_kind(text, kind) is named


@pytest.mark.parametrize(
    "text, other",
    [
        (ANGELA, True),
        ("she got bed sores", True),
        ("the doctor at the hospital", False),
        ("they gave him the wrong meds", False),
    ],
)
def test_other_care_named_by_what_went_wrong_or_where(text, other):
    assert names_other_care(text) is other
