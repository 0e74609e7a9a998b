"""Tests for actions/parsing/story.py: every fact one message holds, only where the words mean it.

The messages are the ones people wrote in issue 10 (word for word where the issue quotes them)
and stories told the same way. Every test reads from a fixed day in November 2026.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from actions.parsing.story import (
    StoryFacts,
    dates_by_event,
    dates_corrected,
    federal_facility_in,
    government_entity_in,
    read_story,
    state_or_local_facility_in,
)

TODAY = datetime.date(2026, 11, 28)

STORIES: list[tuple[str, dict[str, Any]]] = [
    (
        "hello, I had surgery back in 2021 and they left a sponge inside me. found it on a "
        "CT scan this year",
        {
            "incident_type": "surgical_error",
            "patient_role": "self",
            "foreign_object": True,
            "incident_date": "2021",
            "discovery_date": "2026",
        },  # no state: "CT scan" is not Connecticut
    ),
    ("wait what? ... you never asked, im in houston texas", {"state": "TX"}),
    ("how do i find the state bar thing? im in atlanta", {"state": "GA"}),
    (
        "ok. my daughter's broken arm was missed in the ER and it healed wrong",
        {"incident_type": "misdiagnosis", "patient_role": "child"},
    ),
    (
        "My mom passed away in March 2025 after the nursing home gave her the wrong dose",
        {
            "incident_type": "medication_error",
            "patient_role": "parent",
            "patient_deceased": True,
            "death_date": "2025-03",
        },
    ),
    ("My mom passed away", {"patient_role": "parent", "patient_deceased": True}),
    (
        "my wife took me to the ER last september and they sent me home with a pulled "
        "muscle, it was my appendix",
        {
            "incident_type": "misdiagnosis",
            "patient_role": "self",  # the wife drove; the writer is the patient
            "incident_date": "2025-09",
        },
    ),
    (
        "they left a piece of the drill bit in my jaw during a root canal about 20 months ago",
        {
            "incident_type": "surgical_error",
            "patient_role": "self",
            "foreign_object": True,
            "incident_date": "2025-03",
        },
    ),
    (
        "a clamp showed up on the X-ray 3 weeks ago, my surgery was at the VA in 2019",
        {
            "incident_type": "surgical_error",
            "patient_role": "self",
            "government_facility": True,
            "foreign_object": True,
            "incident_date": "2019",
            "discovery_date": "2026-11-07",
        },
    ),
    (
        "I have a lawyer but he never calls back, I want a second opinion",
        {"already_represented": True, "represented_intent": "second_opinion"},
    ),
    (
        "I have a lawyer but I want to switch to a new attorney",
        {"already_represented": True, "represented_intent": "switch"},
    ),
    ("no i dont have a lawyer", {"already_represented": False}),
    (
        "my son was born on 6/14/2024 and the doctor used forceps, he has erbs palsy",
        {
            "incident_type": "birth_injury",
            "patient_role": "child",
            "patient_dob": "2024-06-14",
        },
    ),
    (
        "my husband almost died after the anesthesia, I passed out when I saw him",
        {"incident_type": "anesthesia_error", "patient_role": "spouse"},  # alive
    ),
    ("no private hosp", {"government_facility": False}),
    (
        "the PA told me it was just anxiety but it was a heart attack, that was in "
        "spring 2023",
        {
            "incident_type": "misdiagnosis",
            "patient_role": "self",
            "incident_date": "2023-03",  # the season's first month, marked approximate
        },
    ),
    (
        "i was seen at county hospital in atlanta around 2021 and they found the cancer in "
        "january",
        {
            "incident_type": "other",
            "state": "GA",
            "patient_role": "self",
            "government_facility": True,
            "incident_date": "2021",
            "discovery_date": "2026-01",
        },
    ),
    (
        "dad had knee surgery april 14 to 17 2025 at a surgery center in NJ and died two "
        "weeks later",
        {
            "incident_type": "surgical_error",
            "state": "NJ",
            "patient_role": "parent",
            "patient_deceased": True,
            "incident_date": "2025-04-14",
            "death_date": "2025-04-28",
        },
    ),
    (
        "the radiologist misread my son's x-ray in may 2024 and missed the fracture",
        {
            "incident_type": "misdiagnosis",
            "patient_role": "child",
            "incident_date": "2024-05",
        },
    ),
    (
        "my grandmother got a spinal block for her hip replacement last yr in june and she "
        "can't walk now",
        {
            "incident_type": "anesthesia_error",
            "patient_role": "other_family",
            "incident_date": "2025-06",
            "patient_deceased": False,  # she can't walk now: alive
        },
    ),
    (
        "the PA told me to take ibuprofen and I moved to PA last year",
        {"state": "PA", "patient_role": "self"},
    ),
    # his age now says he is alive (the one fact in it)
    ("no!! he's 6 he's sitting right next to me", {"patient_deceased": False}),
    ("Please call us today", {}),
    ("ok so is it too late or not?", {}),
    ("", {}),
]


@pytest.mark.parametrize("text, slots", STORIES)
def test_every_fact_in_one_message(text: str, slots: dict[str, Any]) -> None:
    assert read_story(text, TODAY).as_slots() == slots


@pytest.mark.parametrize(
    "text, slot",
    [
        ("they left a sponge in me", None),
        ("a piece of the drill bit broke off in my jaw", None),
        ("a clamp showed up on the X-ray", None),
        ("the surgeon left a needle inside my abdomen", None),
        ("they retained a guidewire after the catheter", None),
    ],
)
def test_foreign_objects(text: str, slot: None) -> None:
    assert read_story(text, TODAY).foreign_object is True


@pytest.mark.parametrize(
    "text",
    [
        "they counted the sponges and nothing was left",
        "I had a tube in my nose for a day",
        "the needle hurt",
        "the surgery went fine",
    ],
)
def test_no_foreign_object(text: str) -> None:
    assert read_story(text, TODAY).foreign_object is None


@pytest.mark.parametrize(
    "text",
    [
        "my mom passed away last year",
        "my father died in the hospital",
        "we lost my husband in 2024 after the surgery",
        "my baby was stillborn",
        "she passed in june",
    ],
)
def test_a_death_is_heard(text: str) -> None:
    assert read_story(text, TODAY).patient_deceased is True


@pytest.mark.parametrize(
    "text",
    [
        "I passed out in the ER",
        "my son almost died",
        "I nearly died on the table",
        "I was scared to death",
        "he could have died",
        "my mom passed a kidney stone",
    ],
)
def test_words_that_are_not_a_death(text: str) -> None:
    assert read_story(text, TODAY).patient_deceased is None


@pytest.mark.parametrize(
    "text, facility, government",
    [
        ("it was at the VA hospital", "hospital", True),
        ("my husband was treated at a military hospital", "hospital", True),
        ("the county hospital ER", "hospital", True),
        ("the emergency room at St. Mary's", "emergency_room", None),
        ("a private hospital", "hospital", False),
        # role-play K (Marco): its owner's name between "private" and "hospital"
        ("St. Vincent is a private Providence hospital.", "hospital", False),
        ("Magnolia Gardens is a private nursing home", "nursing_home", False),
        ("they put me in a private room at the hospital", "hospital", None),
        ("the nursing home she lives in", "nursing_home", None),
        ("the pharmacy filled it wrong", "pharmacy", None),
        ("I live in va", None, None),  # Virginia, not the VA
    ],
)
def test_facility_and_government(
    text: str, facility: str | None, government: bool | None
) -> None:
    facts = read_story(text, TODAY)
    assert (facts.facility, facts.government_facility) == (facility, government)


def test_approximate_dates_are_named() -> None:
    facts = read_story(
        "my surgery was about 20 months ago and they found the problem in spring 2025",
        TODAY,
    )
    assert facts.incident_date is not None and facts.incident_date.approximate
    assert facts.discovery_date is not None and facts.discovery_date.season == "spring"
    assert facts.approximate_dates() == ["incident_date", "discovery_date"]
    assert facts.dates_said == {
        "incident_date": "about 20 months ago",
        "discovery_date": "spring 2025",
    }


def test_a_story_with_nothing_said_is_empty() -> None:
    assert read_story("hello", TODAY) == StoryFacts()
    assert read_story("hello", TODAY).as_slots() == {}


def test_a_long_story_is_read_whole() -> None:
    story = (
        "so this is long, sorry. my dad had a triple bypass in ohio back in march 2024. the "
        "surgery seemed ok but afterwards the nurses didnt check his incision and it got "
        "infected. two weeks later he had a fever and we took him to the ER. he was in the icu "
        "for a month and he passed away in may 2024. we didnt know anything was wrong until "
        "a nurse friend looked at his records last september. "
    ) * 4
    assert len(story) > 1500
    assert read_story(story, TODAY).as_slots() == {
        "incident_type": "other",  # the infection after the surgery
        "state": "OH",
        "patient_role": "parent",
        "patient_deceased": True,
        "incident_date": "2024-03",
        "death_date": "2024-05",
        "discovery_date": "2025-09",
    }


# --- how to reach the writer, said in the story ------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Hello, my name is Maria Delgado-Hess and I'm writing because of my surgery",
            "Maria Delgado-Hess",
        ),
        ("hi my name is karen brennan. my dad had surgery", "Karen Brennan"),
        ("Hi, this is Tom Becker. My wife was given the wrong pills", "Tom Becker"),
        ("im Dana, my baby was hurt at birth", "Dana"),
        ("this is so hard to write. my mom died after surgery", None),
        ("I'm so angry, the surgeon cut my bowel", None),
        ("I'm 47 and I was healthy before this", None),
        ("they called my name in the waiting room and then nothing", None),
    ],
)
def test_the_writers_name(text: str, name: str | None) -> None:
    assert read_story(text, TODAY).contact_name == name


@pytest.mark.parametrize(
    "text, phone",
    [
        ("my cell is 973-555-0148 and my email is k@example.com", "+19735550148"),
        ("My cell phone is 509-555-0182.", "+15095550182"),
        ("pls call me at (614) 555 0142 after 3", "+16145550142"),
        ("you can reach me at 216.555.0101", "+12165550101"),
        ("the clinic's number is 614-555-0199 but they never answer", None),
        ("he was given 1000 mg at 3 pm on 2/3/2024", None),
    ],
)
def test_the_writers_phone(text: str, phone: str | None) -> None:
    assert read_story(text, TODAY).contact_phone == phone


def test_the_writers_email_is_read_anywhere() -> None:
    facts = read_story(
        "my dad had surgery, email me: karen.bo@Example.com thanks", TODAY
    )
    assert facts.contact_email == "karen.bo@example.com"
    assert read_story("my dad had surgery in ohio", TODAY).contact_email is None


# --- the patient alive; "me" who is reached, not treated; the VA and Virginia ------------------


@pytest.mark.parametrize(
    "text, deceased",
    [
        ("my dad had gallbladder surgery and they left a sponge. he is alive.", False),
        ("my mom's surgery went wrong but shes still alive thank god", False),
        ("my husband survived but he can't walk", False),
        ("my dad had surgery and he is alive", False),
        ("my son almost died, he is alive but on a ventilator", False),
        ("my dad had surgery and is doing ok", None),  # not said plainly: asked
        ("he was alive when they took him in and died that night", True),
    ],
)
def test_a_patient_said_to_be_alive(text: str, deceased: bool | None) -> None:
    assert read_story(text, TODAY).patient_deceased is deceased


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "I already have a lawyer for my birth injury case but he never calls me back",
            None,
        ),
        ("my lawyer never texts me back about the surgery", None),
        ("the hospital won't tell me anything about my surgery", "self"),
        ("the doctor gave me the wrong medication", "self"),
    ],
)
def test_me_who_is_called_is_not_the_patient(text: str, role: str | None) -> None:
    assert read_story(text, TODAY).patient_role == role


@pytest.mark.parametrize(
    "text, role",
    [
        # role-play O (Tasha): "my moms" is her mother's, the apostrophe left out
        (
            "ok. the CVS pharmacy on Peachtree in Atlanta filled my moms warfarin wrong, "
            "10 mg pills instead of 1 mg. she had a brain bleed",
            "parent",
        ),
        ("my dads insulin was doubled at the nursing home", "parent"),
        # role-play O (Dale): his own cancer
        ("the VA missed my cancer", "self"),
    ],
)
def test_whose_care_the_story_tells(text: str, role: str | None) -> None:
    assert read_story(text, TODAY).patient_role == role


@pytest.mark.parametrize(
    "text, government",
    [
        ("Pennsylvania. The VA in Pittsburgh", True),
        ("my husband was seen at a VA clinic", True),
        ("VA hospital in richmond", True),
        # role-play D: "went to the Phoenix VA" in the first message, then asked all the same
        ("My husband went to the Phoenix VA for a cough that wouldnt go away", True),
        ("went to detroit va for a checkup and they missed it", True),
        ("I live in VA and the doctor missed my cancer", None),  # Virginia
        ("the surgery was in norfolk va", None),  # a Virginia city: the state
        ("it was not the VA", None),
        ("VA", None),
        ("we moved from VA to ohio after the surgery", None),
    ],
)
def test_the_va_and_virginia(text: str, government: bool | None) -> None:
    assert read_story(text, TODAY).government_facility is government


@pytest.mark.parametrize(
    "text, deceased",
    [
        # where they are now, or their age now: alive (role-play: "has your mother passed
        # away?" asked after "she in hospital now", "has your son..." after "hes almost 2 now")
        ("my mom got wrong meds at nursing home in tx she in hospital now", False),
        ("they missed his broken arm. hes almost 2 now", False),
        ("he is 9, born march 3 2017", False),
        ("she is still in the ICU", False),
        # a past age or stay says nothing; a death still wins
        ("she was 71", None),
        ("she was in the hospital for a week", None),
        ("my wife is 10 weeks pregnant", None),
        ("he is 41 and died last year", True),
        # what they cannot do now: alive (role-play D and E: "has your son passed away?" after
        # "now his arm doesn't work right", "has your mother..." after "she's home with me now
        # but she can't walk anymore")
        (
            "They pulled on him too hard and now his arm doesn't work right, the doctors "
            "call it Erb's palsy",
            False,
        ),
        ("she's home with me now but she can't walk anymore", False),
        ("his legs don't work right since the surgery", False),
        ("her left hand does not work properly", False),
        # what they could not do then says nothing; a death still wins
        ("she couldn't breathe and they ignored her", None),
        ("my dad died. before that he could not walk", True),
    ],
)
def test_a_patient_said_to_be_somewhere_or_some_age_now_is_alive(text, deceased):
    assert read_story(text, TODAY).patient_deceased is deceased


@pytest.mark.parametrize(
    "text, federal",
    [
        ("hello. Im a vet. the VA in detroit missed my colon cancer", True),
        ("dr kim, john d dingell VA medical center", True),
        ("My husband went to the Phoenix VA for a cough", True),
        ("Naval Hospital Bremerton", True),
        ("the Indian Health Service clinic on the reservation", True),
        ("the army hospital at fort hood", True),
        # a state or county hospital, a state veterans' home, Virginia: not federal
        ("the county hospital", False),
        ("a state veterans home", False),
        ("I live in VA", False),
        ("it was not the VA, a private hospital", False),
    ],
)
def test_a_federal_facility_named(text: str, federal: bool) -> None:
    assert federal_facility_in(text) is federal


# Near misses (role-play G: "Pine Ridge County Hospital ... (it's the county hospital)" was
# given the federal rule): a county, a NICU, Virginia in an address are not the VA.
@pytest.mark.parametrize(
    "text",
    [
        "He was born on March 3 last year at Pine Ridge County Hospital here in North "
        "Carolina (it's the county hospital). ... he had cooling therapy in the NICU.",
        "Pine Ridge County Hospital and Dr. Alan Pierce",
        "Sentara Norfolk General Hospital, 600 Gresham Dr, Norfolk, Va. 23507",
        "Inova Fairfax Hospital in Falls Church, Va.",
        "Carilion Clinic, Roanoke VA 24014",
        "the NICU at Riverside",
        "the city hospital in Baltimore",
        "a state hospital",
    ],
)
def test_no_federal_facility_in_a_near_miss(text: str) -> None:
    assert federal_facility_in(text) is False


@pytest.mark.parametrize(
    "text, local",
    [
        ("Pine Ridge County Hospital and Dr. Alan Pierce", True),
        ("it's the county hospital", True),
        ("Kings County Hospital Center", True),
        ("the county general hospital", True),
        ("the city clinic downtown", True),
        ("a state hospital", True),
        ("it was state run", True),
        ("the county health department clinic", True),
        ("he was in the county jail", True),
        ("not the VA, the county hospital", True),
        # a place, not a public hospital; a negation; the VA; a private one
        ("UCI Medical Center in Orange County", False),
        ("it was not a county hospital", False),
        ("the VA in detroit", False),
        ("a private hospital in the city", False),
        ("Ohio State Wexner Medical Center", False),
        # public hospitals by their own names (role-play L: Kevin; M: Darryl, Yesenia)
        ("UNC Hospitals", True),
        (
            "It was UNC hospitals in Chapel Hill. Its the state university hospital",
            True,
        ),
        ("idk. it was regional one downtown, the med", True),
        ("the ER doc at regional one, dr okafor i think", True),
        ("It says NYC Health + Hospitals on everything", True),
        ("my uncle drove me to the hospital", False),
    ],
)
def test_a_state_or_local_facility_named(text: str, local: bool) -> None:
    assert state_or_local_facility_in(text) is local


# Who runs it, as said (role-play N: Keisha, "yes its the county hospital", Grady in Atlanta):
# the state's rule for that government, never a city's when a county's is named.
@pytest.mark.parametrize(
    "text, entity",
    [
        ("yes its the county hospital", "county"),
        ("Pine Ridge County Hospital", "county"),
        ("it was grady. will the hospital find out im doing this?", "county"),
        ("the Fulton-DeKalb Hospital Authority", "county"),
        ("the city clinic", "municipal"),
        ("a state hospital", "state"),
        ("its a state university hospital", "state"),
        ("not a county hospital, the city one", "municipal"),
        ("its not the state hospital its the county one", "county"),
        ("dr grady was the doctor", None),
        ("Orange County", None),
        ("yes the VA", None),
        ("yes", None),
    ],
)
def test_who_runs_a_public_facility(text: str, entity: str | None) -> None:
    assert government_entity_in(text) == entity


# Dates given again at the summary (role-play, November 2026): each to what it refers to.
@pytest.mark.parametrize(
    "text, held, dates",
    [
        ("no the ER visit where they missed it was feb 6. she died on the 9th",
         {"incident_date": "2025-02-09", "death_date": "2025-02-09"},
         {"incident_date": "2025-02-06", "death_date": "2025-02-09"}),
        ("thats wrong. ER visit: February 6, 2025. Died: February 9, 2025.",
         {"incident_date": "2025-02-09", "death_date": "2026-02-06"},
         {"incident_date": "2025-02-06", "death_date": "2025-02-09"}),
        ("he fell on the 17th and died on the 19th",
         {"incident_date": "2026-01-19", "death_date": "2026-01-19"},
         {"incident_date": "2026-01-17", "death_date": "2026-01-19"}),
        ("the date of the care was january 17 2026 not the 19th",
         {"incident_date": "2026-01-19"}, {"incident_date": "2026-01-17"}),
        ("the ER visit was actually July 5, not July 6.",
         {"incident_date": "2025-07-06"}, {"incident_date": "2025-07-05"}),
        # a death's date with words that hold none ("three days after")
        ("she died feb 9 2025 not 2026. three days after they sent her home",
         {"incident_date": "2025-02-06", "death_date": "2026-02-09"},
         {"death_date": "2025-02-09"}),
        ("I found out in march 2024 not april", {"discovery_date": "2024-04"},
         {"discovery_date": "2024-03"}),
        ("she died on the 9th", {}, {}),  # the 9th of what?
        ("you didnt put anything about my wrist", {"incident_date": "2025-07-06"}, {}),
    ],
)  # fmt: skip
def test_dates_said_again_each_to_what_it_refers(
    text: str, held: dict[str, Any], dates: dict[str, str]
) -> None:
    assert dates_corrected(text, TODAY, held) == dates


@pytest.mark.parametrize(
    "text, reference, dates",
    [
        # role-play E: a paper that told them dates when they found out, not the death
        ("honestly not until the death certificate came in june, it said sepsis. nobody told "
         "us anything before that. is this consultation free btw?", "2026-04",
         {"discovery_date": "2026-06"}),
        ("no he died in MAY, early may. june is when we got the death certificate and that's "
         "when I started suspecting something. and you didn't answer, is this free?",
         "2026-04", {"death_date": "2026-05", "discovery_date": "2026-06"}),
        ("i had blood in my stool and told them at my checkup in jan 2024, they said "
         "hemorrhoids. diagnosed stage 3 in feb 2025 at a private hospital", None,
         {"incident_date": "2024-01", "discovery_date": "2025-02"}),
        ("may was when we found out", "2026-04", {"discovery_date": "2026-05"}),
        ("the autopsy report came in august 2025", None, {"discovery_date": "2025-08"}),
        ("she died on march 3 2025", None, {"death_date": "2025-03-03"}),
        ("march 2024 i think", None, {"incident_date": "2024-03"}),  # no event: the care
        ("I may have waited too long", None, {}),  # the verb
        # role-play G: asked when he first suspected, after a February 2025 surgery
        ("april 2025 when i went septic. tho i knew somethin was wrong early march",
         "2025-02-11", {"incident_date": "2025-04", "discovery_date": "2025-03"}),
        ("2. early march is when i figured somethin was wrong", "2025-02-11",
         {"discovery_date": "2025-03"}),
        # years counted back with the holiday: the month, not "2 yrs ago" alone
        ("bayshore memorial ER sent me home 2 yrs ago right before christmas, said acid "
         "reflux", None, {"incident_date": "2024-12"}),
        ("it was 3 years ago in june", None, {"incident_date": "2023-06"}),
        # a birth said with its year in words
        ("He was born on March 3 last year at Pine Ridge County Hospital", None,
         {"patient_dob": "2025-03-03"}),
        # a birthday without its year is no date of birth
        ("My birthday is February 20th so it was a few weeks after", None, {}),
    ],
)  # fmt: skip
def test_each_date_goes_to_the_event_it_is_said_with(
    text: str, reference: str | None, dates: dict[str, str]
) -> None:
    told = dates_by_event(text, TODAY, reference)
    assert {slot: answer.value for slot, answer in told.items()} == dates


def test_a_month_said_with_no_year_follows_the_reference() -> None:
    told = dates_by_event("we found out in may", TODAY, "2025-04")
    assert told["discovery_date"].value == "2025-05"


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "my wife had our son in january and the delivery went bad, his arm got hurt. "
            "baby has erbs palsy now. can somebody call me",
            "child",
        ),
        (
            "my girlfriend gave birth to our daughter and her shoulder got stuck",
            "child",
        ),
        ("my wife had our baby and she bled out after the c-section", "spouse"),
        ("my wife had a c-section and they left a sponge in her", "spouse"),
    ],
)
def test_the_child_born_is_the_patient_when_the_harm_is_theirs(text, role):
    assert read_story(text, TODAY).patient_role == role


@pytest.mark.parametrize(
    "text",
    [
        # role-play J (Nina): her own knee, with its side
        "my left knee was the bad one and they did my right. in miami",
        "they operated on my right hip instead of the left",
    ],
)
def test_my_left_knee_is_the_patient_herself(text: str) -> None:
    assert read_story(text, TODAY).patient_role == "self"


# Role-play M (Hector): a child said to be born, not hurt, names no patient.
@pytest.mark.parametrize(
    "text, role, only_born",
    [
        (
            "She had our daughter by c section in 2019 at Presbyterian in Albuquerque",
            None,
            True,
        ),
        ("my wife had our son and the baby has erbs palsy now", "child", False),
        ("she had our daughter and the doctor broke her collarbone", "child", False),
        ("I am writing about my wife Ana", "spouse", False),
    ],
)
def test_a_child_born_is_no_patient_named(
    text: str, role: str | None, only_born: bool
) -> None:
    from actions.parsing.story import only_the_child_born_named, patient_role_in

    assert patient_role_in(text) == role
    assert only_the_child_born_named(text) is only_born


@pytest.mark.parametrize(
    "text, slot, value",
    [
        # Keisha: the one year said is the death's year too, not the latest December 23
        (
            "right before christmas. 2024 i think. she passed dec 23",
            "death_date",
            "2024-12-23",
        ),
        # a year that would put it before the care is not taken: the first one after it
        ("surgery dec 2023, found out feb 3", "discovery_date", "2024-02-03"),
        # a month alone is still the latest one (a discovery may come years later)
        (
            "i was seen at county hospital in atlanta around 2021 and they found the cancer "
            "in january",
            "discovery_date",
            "2026-01",
        ),
    ],
)
def test_a_day_without_its_year_takes_the_year_said(
    text: str, slot: str, value: str
) -> None:
    assert dates_by_event(text, TODAY)[slot].value == value


# Role-play P (Cody): his own lip and chin name him as the patient.
@pytest.mark.parametrize(
    "text",
    [
        "dentist pulled my wisdom teeth and now my lip and chin r numb, been like 8 months",
        "the nurse missed the vein and now my wrist is swollen",
    ],
)
def test_my_own_body_names_the_writer_as_the_patient(text: str) -> None:
    assert read_story(text, TODAY).patient_role == "self"


def test_a_relative_named_before_the_body_is_still_the_patient() -> None:
    assert read_story(
        "my son's teeth were pulled and now his lip is numb", TODAY
    ).patient_role in (
        "child",
        "other_family",
    )


# Role-play P (Carol): "he is ok now" said plainly of him: alive, not asked if he died.
@pytest.mark.parametrize(
    "text, deceased",
    [
        ("ok the ambulance took him. he is ok now. it was the wrong pills", False),
        ("hes fine now", False),
        ("my mom got the wrong pills, she's better now", False),
        # not said plainly, or a death told: as before
        ("my dad had surgery and is doing ok", None),
        ("he was ok now and then but he died in may", True),
    ],
)
def test_well_now_is_alive(text: str, deceased: bool | None) -> None:
    assert read_story(text, TODAY).patient_deceased is deceased


@pytest.mark.parametrize(
    "said, gone",
    [
        # Maria (role-play Q): her lawyer withdrew, and she was screened out as represented
        ("My lawyer just dropped my case and I dont know what to do", True),
        (
            "I hired a lawyer last year and he just sent me a letter saying hes withdrawing",
            True,
        ),
        ("none of those. he dropped me. I dont have a lawyer anymore", True),
        ("my old lawyer withdrew so I dont have one now", True),
        ("my attorney quit on me", True),
        ("I have a lawyer but he never calls me back", False),
        ("my lawyer is great", False),
        ("they dropped the ball on my diagnosis", False),
        ("my lawyer said the doctor dropped the ball", False),
        ("she quit her job", False),
        ("i want to switch lawyers", False),
    ],
)
def test_a_lawyer_who_withdrew_is_no_lawyer(said: str, gone: bool) -> None:
    from actions.parsing import lawyer_gone

    assert lawyer_gone(said) is gone
    if gone:
        assert read_story(said, TODAY).already_represented is False


def test_he_dropped_me_is_the_lawyer_when_asked_about_the_lawyer() -> None:
    from actions.parsing import lawyer_gone

    assert lawyer_gone("none of those. he dropped me", about_the_lawyer=True)
    assert not lawyer_gone("none of those. he dropped me")
    assert not lawyer_gone("no, they dropped the ball", about_the_lawyer=True)


def test_her_own_bile_duct_names_the_writer_as_the_patient() -> None:
    # Maria (role-play Q), telling it again after "start over": "Who was the patient?" was asked
    told = (
        "gallbladder surgery in worcester in march 2024. the surgeon cut my bile duct. my old "
        "lawyer withdrew so I dont have one now"
    )
    facts = read_story(told, TODAY)
    assert facts.patient_role == "self" and facts.already_represented is False
