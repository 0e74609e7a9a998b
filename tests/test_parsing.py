"""Tests for actions/parsing.py: real answers people type (and text), typos and SMS style included.

Every date test measures from a fixed `today`, so the suite means the same thing on any day.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from actions.parsing import (
    STATES,
    DateAnswer,
    humanize_date,
    parse_date,
    parse_email,
    parse_incident_type,
    parse_name,
    parse_patient_role,
    parse_phone,
    parse_state,
    parse_yes_no,
    state_name,
)

TODAY = datetime.date(2026, 11, 22)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------------------------
# Import hygiene
# --------------------------------------------------------------------------------------------


def test_import_does_not_load_slow_libraries() -> None:
    code = (
        "import sys, actions.parsing; "
        "print(sorted(m for m in ('dateparser', 'phonenumbers', 'email_validator') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_date_parser_is_built_once_per_day() -> None:
    from actions.parsing import _date_parser

    parse_date("March 2025", TODAY)
    assert _date_parser(TODAY) is _date_parser(TODAY)
    assert _date_parser(TODAY) is not _date_parser(TODAY + datetime.timedelta(days=1))


def test_date_answer_is_frozen() -> None:
    answer = parse_date("2023", TODAY)
    with pytest.raises(AttributeError):
        answer.value = "2024"  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

EXACT_DATES = [
    ("February 10, 2026", "2026-02-10"),
    ("2026-02-10", "2026-02-10"),
    ("02/10/2026", "2026-02-10"),
    ("2/10/2026", "2026-02-10"),
    ("Feb 10 2026", "2026-02-10"),
    ("feb 10 2026", "2026-02-10"),
    ("Feb. 10th, 2026", "2026-02-10"),
    ("on the 10th of February 2026", "2026-02-10"),
    ("10 feb 2026", "2026-02-10"),
    ("2026/02/10", "2026-02-10"),
    ("Tuesday Feb 10 2026", "2026-02-10"),
    ("Jan. 5, 2024", "2024-01-05"),
    ("14/6/2024", "2024-06-14"),  # day > 12: only one reading
    ("Feb 29 2024", "2024-02-29"),
    ("a couple of days later, February 12 2026", "2026-02-12"),
    ("it was on March 3 2024 at the ER", "2024-03-03"),
    ("November 22, 2026", "2026-11-22"),  # today itself is not the future
]


@pytest.mark.parametrize("text, value", EXACT_DATES)
def test_explicit_full_dates_are_exact(text: str, value: str) -> None:
    answer = parse_date(text, TODAY)
    assert answer == DateAnswer(value=value, exact=True, readable=humanize_date(value))


APPROXIMATE_DATES = [
    # relative to today
    ("yesterday", "2026-11-21"),
    ("today", "2026-11-22"),
    ("two years ago", "2024-11-22"),
    ("2 years ago", "2024-11-22"),
    ("2yrs ago", "2024-11-22"),
    ("2 years back", "2024-11-22"),
    ("3 days ago", "2026-11-19"),
    ("2 weeks ago", "2026-11-08"),
    ("a couple of weeks ago", "2026-11-08"),
    ("a few months ago", "2026-08-22"),
    ("last friday", "2026-11-20"),
    ("last year", "2025"),
    ("last month", "2026-10"),
    ("this year", "2026"),
    # month names without a year: the most recent one that has begun
    ("last March", "2026-03"),
    ("last march", "2026-03"),
    ("this past March", "2026-03"),
    ("march", "2026-03"),
    ("in may", "2026-05"),
    ("Dec 5", "2025-12-05"),
    ("march 3rd", "2026-03-03"),
    # partial dates
    ("March 2025", "2025-03"),
    ("march of 2024", "2024-03"),
    ("sept 2022", "2022-09"),
    ("10/2023", "2023-10"),
    ("2023-10", "2023-10"),
    ("November 2026", "2026-11"),
    ("2023", "2023"),
    ("in 2019", "2019"),
    ("sometime in 2019", "2019"),
    ("back in 2019", "2019"),
    ("mid-2021", "2021"),
    ("early 2020", "2020"),
    ("christmas 2023", "2023"),
    ("in 2019 or 2020", "2019"),
    # two-digit years: the past-century window
    ("6/14/24", "2024-06-14"),
    ("6-14-24", "2024-06-14"),
    ("jun 3 '24", "2024-06-03"),
    ("jan 5th 24", "2024-01-05"),
    ("6/14/85", "1985-06-14"),
    ("3/85", "1985-03"),
    ("6/14/27", "1927-06-14"),
    # hedged or buried in a sentence: found, but read back
    ("it was around June 3rd 2024 I think", "2024-06-03"),
    ("I think it was march 5th or 6th 2024", "2024-03-05"),
    ("around 2019?", "2019"),
    ("maybe feb 10 2026", "2026-02-10"),
    ("I may have been seen in March 2024", "2024-03"),
    ("umm it was like june 2025", "2025-06"),
    # a date used as an anchor
    ("the day after March 3 2024", "2024-03-04"),
    ("two days after 6/14/2024", "2024-06-16"),
    ("a week before Feb 10 2026", "2026-02-03"),
    ("the day after my surgery on March 3 2024", "2024-03-04"),
]


@pytest.mark.parametrize("text, value", APPROXIMATE_DATES)
def test_relative_partial_and_hedged_dates_are_not_exact(text: str, value: str) -> None:
    answer = parse_date(text, TODAY)
    assert (answer.value, answer.exact, answer.problem) == (value, False, None)
    assert answer.readable == humanize_date(value)
    assert answer.season is None and answer.season_year is None


@pytest.mark.parametrize(
    "today, value",
    [
        (datetime.date(2026, 11, 22), "2026-03"),
        (datetime.date(2026, 4, 1), "2026-03"),
        (
            datetime.date(2026, 3, 15),
            "2025-03",
        ),  # "last March" said in March: a year ago
        (datetime.date(2026, 1, 10), "2025-03"),
    ],
)
def test_last_march_is_the_most_recent_past_march(
    today: datetime.date, value: str
) -> None:
    assert parse_date("last March", today).value == value


FUTURE = [
    "December 2026",
    "12/25/2026",
    "Dec 25 2026",
    "tomorrow",
    "next week",
    "2027",
    "12/14/26",  # 26 -> 2026 by the window, and December 14 is still to come
    "fall of 2027",
    "November 23, 2026",
]


@pytest.mark.parametrize("text", FUTURE)
def test_future_dates_are_flagged(text: str) -> None:
    assert parse_date(text, TODAY) == DateAnswer(problem="future")


UNPARSED = [
    "",
    "   ",
    "5",
    "15",
    "85",
    "the 10th",
    "on the 3rd",
    "I don't know",
    "i dont remember",
    "not sure",
    "idk",
    "no idea tbh",
    "gibberish asdf qwerty",
    "blah",
    "1850",
    "june 3 1885",
    "Feb 29 2025",  # no such day: ask again rather than keep only the year
    "02/30/2026",
    "13/13/2024",
    # relative to an earlier answer, but there is none
    "same day",
    "the next day",
    "a couple of days later",
    "the day after",
]


@pytest.mark.parametrize("text", UNPARSED)
def test_unparseable_answers(text: str) -> None:
    assert parse_date(text, TODAY) == DateAnswer(problem="unparsed")


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("same day", "2026-02-10", "2026-02-10"),
        ("Same day.", "2026-02-10", "2026-02-10"),
        ("that day", "2025-03", "2025-03"),
        ("the same day", "2026-02-10", "2026-02-10"),
        ("that same day", "2026-02-10", "2026-02-10"),
        ("same time", "2023", "2023"),
        ("at the same time", "2026-02-10", "2026-02-10"),
        ("right away", "2026-02-10", "2026-02-10"),
        ("immediately", "2026-02-10", "2026-02-10"),
        ("pretty much immediately after", "2026-02-10", "2026-02-10"),
        ("same", "2024-06-03", "2024-06-03"),
    ],
)
def test_same_day_as_the_reference_is_exact(
    text: str, reference: str, value: str
) -> None:
    answer = parse_date(text, TODAY, reference=reference)
    assert answer == DateAnswer(value=value, exact=True, readable=humanize_date(value))


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("the day after", "2026-02-10", "2026-02-11"),
        ("next day", "2026-02-10", "2026-02-11"),
        ("the next morning", "2026-02-10", "2026-02-11"),
        ("the following day", "2026-02-10", "2026-02-11"),
        ("a day later", "2026-02-28", "2026-03-01"),
        ("a couple of days later", "2026-02-10", "2026-02-12"),
        ("couple days later", "2026-02-10", "2026-02-12"),
        ("2 days later", "2026-02-10", "2026-02-12"),
        ("a few days later", "2026-02-10", "2026-02-13"),
        ("3 days after surgery", "2026-02-10", "2026-02-13"),
        ("a week later", "2026-02-10", "2026-02-17"),
        ("two weeks later", "2026-02-10", "2026-02-24"),
        ("the next week", "2026-02-10", "2026-02-17"),
        ("a month later", "2026-01-31", "2026-02-28"),
        ("a month later", "2025-03", "2025-04"),
        # a partial reference keeps its precision: "a week after March 2025" is about March 2025
        ("a week later", "2025-03", "2025-03"),
        ("the next day", "2023", "2023"),
    ],
)
def test_later_than_the_reference(text: str, reference: str, value: str) -> None:
    answer = parse_date(text, TODAY, reference=reference)
    assert (answer.value, answer.exact, answer.problem) == (value, False, None)


def test_an_explicit_date_beats_the_reference() -> None:
    answer = parse_date(
        "a couple of days later, February 12 2026", TODAY, reference="2026-02-10"
    )
    assert (answer.value, answer.exact) == ("2026-02-12", True)


def test_a_later_date_after_today_is_future() -> None:
    assert parse_date("a week later", TODAY, reference="2026-11-20").problem == "future"


@pytest.mark.parametrize("reference", [None, "", "soon", "2026-13-01", "20260210"])
def test_same_day_without_a_usable_reference_is_unparsed(reference: str | None) -> None:
    assert parse_date("same day", TODAY, reference=reference).problem == "unparsed"


def test_unsure_with_a_reference_is_still_unparsed() -> None:
    assert (
        parse_date("I don't know", TODAY, reference="2026-02-10").problem == "unparsed"
    )


@pytest.mark.parametrize(
    "text, season, year",
    [
        ("in the spring of 2023", "spring", 2023),
        ("spring 2023", "spring", 2023),
        ("Spring of '23", "spring", 2023),
        ("summer 2023", "summer", 2023),
        ("during the summer of 2021", "summer", 2021),
        ("the fall of 2024", "fall", 2024),
        ("autumn 2022", "fall", 2022),
        ("the winter of 2024", "winter", 2024),
        ("in 2023, in the spring", "spring", 2023),
        ("late summer 2025", "summer", 2025),
        ("last summer", "summer", 2026),
        ("this spring", "spring", 2026),
        ("last fall", "fall", 2025),  # fall 2026 has not ended on November 22
        ("in the fall", "fall", 2026),
        ("last winter", "winter", 2026),  # winter 2026 = December 2025 - February 2026
        ("summer", "summer", 2026),
    ],
)
def test_seasons_ask_for_the_month(text: str, season: str, year: int) -> None:
    assert parse_date(text, TODAY) == DateAnswer(season=season, season_year=year)


def test_a_fall_is_not_always_a_season() -> None:
    answer = parse_date("I had a fall in 2023", TODAY)
    assert (answer.value, answer.season) == ("2023", None)


def test_future_season() -> None:
    assert parse_date("spring 2027", TODAY).problem == "future"


@pytest.mark.parametrize(
    "iso, readable",
    [
        ("2026-02-10", "February 10, 2026"),
        ("2026-02-01", "February 1, 2026"),
        ("2025-03", "March 2025"),
        ("2023", "2023"),
        ("1999-12-31", "December 31, 1999"),
    ],
)
def test_humanize_date(iso: str, readable: str) -> None:
    assert humanize_date(iso) == readable


@pytest.mark.parametrize(
    "text, shown",
    [("", ""), ("  ", ""), ("Feb 2026", "Feb 2026"), ("2026-13", "2026-13"),
     ("2026-02-30", "2026-02-30"), ("26-02-10", "26-02-10")],
)  # fmt: skip
def test_humanize_date_never_raises(text: str, shown: str) -> None:
    """The validators call it on slots that may be empty (`get_slot(...) or ""`)."""
    assert humanize_date(text) == shown


# --------------------------------------------------------------------------------------------
# States
# --------------------------------------------------------------------------------------------

WORD_CODES = {"IN", "ME", "OK", "OR", "HI", "OH", "LA"}


def test_there_are_fifty_states_and_dc() -> None:
    assert len(STATES) == 51 and "DC" in STATES


@pytest.mark.parametrize("code", sorted(STATES))
def test_every_state_round_trips(code: str) -> None:
    name = state_name(code)
    assert parse_state(code) == code
    assert parse_state(name) == code
    assert parse_state(name.lower()) == code
    assert parse_state(name.upper()) == code
    assert parse_state(f"it happened in {name.lower()}") == code
    assert parse_state(f"The hospital was in {name}.") == code
    assert parse_state(code.lower()) == (None if code in WORD_CODES else code)


def test_state_name() -> None:
    assert state_name("tx") == "Texas"
    assert state_name("DC") == "District of Columbia"
    with pytest.raises(KeyError):
        state_name("XX")


@pytest.mark.parametrize(
    "text, code",
    [
        ("tx", "TX"),
        ("TX", "TX"),
        ("N.Y.", "NY"),
        ("n.y.", "NY"),
        ("it happened in ohio", "OH"),
        ("the hospital was in new york city", "NY"),
        ("NYC", "NY"),
        ("it happened in tx", "TX"),
        ("in pa", "PA"),
        ("from nj originally", "NJ"),
        ("St. Louis, MO", "MO"),
        ("Boston, MA", "MA"),
        ("Portland, OR", "OR"),
        ("Kansas City, Missouri", "MO"),
        ("IT HAPPENED IN OHIO", "OH"),
        ("ok so it was in michigan", "MI"),
        ("west virginia", "WV"),
        ("Virginia", "VA"),
        ("arkansas", "AR"),
        ("Hawai'i", "HI"),
        # nicknames and short forms
        ("Cali", "CA"),
        ("cali", "CA"),
        ("socal", "CA"),
        ("Jersey", "NJ"),
        ("Penn", "PA"),
        ("PA", "PA"),
        ("pa", "PA"),
        ("Mass", "MA"),
        ("Wash", "WA"),
        ("Tenn", "TN"),
        ("Fla", "FL"),
        # the District and the state of Washington
        ("DC", "DC"),
        ("dc", "DC"),
        ("D.C.", "DC"),
        ("Washington DC", "DC"),
        ("Washington, D.C.", "DC"),
        ("washington d.c.", "DC"),
        ("District of Columbia", "DC"),
        ("it was at a hospital in DC", "DC"),
        ("Washington", "WA"),
        ("washington state", "WA"),
        # the word-codes alone in capitals, and their full names
        ("OR", "OR"),
        ("Oregon", "OR"),
        ("ME", "ME"),
        ("IN", "IN"),
        ("OK", "OK"),
        ("HI", "HI"),
        ("OH", "OH"),
        ("LA", "LA"),
        ("maine", "ME"),
        ("indiana", "IN"),
    ],
)
def test_parse_state(text: str, code: str) -> None:
    assert parse_state(text) == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("pensylvania", "PA"),
        ("pennsilvania", "PA"),
        ("flordia", "FL"),
        ("florda", "FL"),
        ("masachusetts", "MA"),
        ("massachusets", "MA"),
        ("tennesee", "TN"),
        ("tenessee", "TN"),
        ("conneticut", "CT"),
        ("missisippi", "MS"),
        ("virgina", "VA"),
        ("Lousiana", "LA"),
        ("calfornia", "CA"),
        ("illnois", "IL"),
        ("i was in the er in illinios", "IL"),
        ("michagan", "MI"),
        ("minnasota", "MN"),
        ("wisconson", "WI"),
        ("kentuky", "KY"),
        ("new jersy", "NJ"),
        ("north carolia", "NC"),
        ("newyork", "NY"),
        ("newjersey", "NJ"),
        ("road island", "RI"),
    ],
)
def test_state_typos(text: str, code: str) -> None:
    assert parse_state(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "I",
        "in",
        "me",
        "Me",
        "ok",
        "or",
        "hi",
        "oh",
        "la",
        "I live in OR",  # only alone does "OR" mean Oregon
        "hi there",
        "oh I don't know",
        "ok",
        "me and my wife",
        "the hospital near me",
        "I'm not sure",
        "nope",
        "Hello",
        "my MD said it was fine",
        "the PA gave me the wrong dose",
        "I had a CT scan",
        "the VA hospital",
        "they missed a mass in my breast",
        "they didn't wash their hands",
        "Maria de la Cruz",
        "Indian",
        "george",
        "main hospital",
        "texts",
        "the origin",
        "carolina",  # two states
        "dakota",
        "mexico",
        "somewhere in the south",
        "I live in Ohio but it happened in Texas",  # two states: ask again
    ],
)
def test_ordinary_words_are_not_states(text: str) -> None:
    assert parse_state(text) is None


# --------------------------------------------------------------------------------------------
# Yes / no
# --------------------------------------------------------------------------------------------

YES = [
    "yes", "Yes!!", "YES", "yeah", "yea", "ya", "yep", "yup", "y", "Y", "yess", "sure",
    "correct", "right", "that's right", "thats correct", "it was", "he did", "she did",
    "they did", "I am", "we are", "I was", "absolutely", "definitely", "of course", "ok",
    "okay", "I think so", "I believe so", "yes please", "yes, he was", "Yes I think so",
    "uh huh", "for sure", "yes they did",
]  # fmt: skip
NO = [
    "no", "No.", "NO", "nope", "Nope.", "n", "nah", "nooo", "not really", "never", "none",
    "no they didn't", "I'm not", "im not", "wasn't", "it wasn't", "he didn't", "they did not",
    "didnt", "absolutely not", "of course not", "no way", "not at all", "that's not right",
    "incorrect", "wrong", "nothing", "I don't think so", "i dont think so", "I think not",
    "not that I know of", "no, never",
]  # fmt: skip
UNSURE = [
    "not sure", "I'm not sure", "I don't know", "idk", "dunno", "maybe", "possibly",
    "I can't remember", "no idea", "yes and no", "no, that's right", "hmm", "what?", "why",
    "", "   ", "I want a lawyer", "it depends", "kind of",
]  # fmt: skip


@pytest.mark.parametrize("text", YES)
def test_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", NO)
def test_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", UNSURE)
def test_unsure_or_mixed(text: str) -> None:
    assert parse_yes_no(text) is None


# --------------------------------------------------------------------------------------------
# Who the patient was
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, role",
    [
        ("me", "self"),
        ("Me", "self"),
        ("myself", "self"),
        ("I was", "self"),
        ("it was me", "self"),
        ("It was me.", "self"),
        ("i was the patient", "self"),
        ("self", "self"),
        ("it was me, my mom drove me to the ER", "self"),
        ("my son", "child"),
        ("My daughter", "child"),
        ("our baby", "child"),
        ("my kid", "child"),
        ("my child", "child"),
        ("My child", "child"),
        ("my newborn", "child"),
        ("my infant", "child"),
        ("my twins", "child"),
        ("my 3 year old son", "child"),
        ("my little girl", "child"),
        ("my son, not me", "child"),
        ("my wife", "spouse"),
        ("my husband", "spouse"),
        ("the patient was my husband", "spouse"),
        ("my spouse", "spouse"),
        ("my partner", "spouse"),
        ("My spouse or partner", "spouse"),
        ("not me, my wife", "spouse"),
        ("my mom", "parent"),
        ("my mother", "parent"),
        ("my dad", "parent"),
        ("my father", "parent"),
        ("I'm calling about my father", "parent"),
        ("my stepdad", "parent"),
        ("My parent", "parent"),
        ("my brother", "other_family"),
        ("my sister", "other_family"),
        ("my grandmother", "other_family"),
        ("my grandpa", "other_family"),
        ("my aunt", "other_family"),
        ("my uncle", "other_family"),
        ("my cousin", "other_family"),
        ("my niece", "other_family"),
        ("my nephew", "other_family"),
        ("my grandson", "other_family"),
        ("my mother-in-law", "other_family"),
        ("my great grandmother", "other_family"),
        ("my mom's sister", "other_family"),
        ("Another family member", "other_family"),
        ("other_family", "other_family"),
        ("a friend", "other"),
        ("my friend", "other"),
        ("my neighbor", "other"),
        ("my neighbour", "other"),
        ("someone else", "other"),
        ("Someone else", "other"),
        ("a client", "other"),
        ("it was my friend's mom", "other"),
        ("other", "other"),
    ],
)
def test_parse_patient_role(text: str, role: str) -> None:
    assert parse_patient_role(text) == role


@pytest.mark.parametrize(
    "text", ["", "hmm", "yes", "great", "none of your business", "?"]
)
def test_patient_role_unknown(text: str) -> None:
    assert parse_patient_role(text) is None


# --------------------------------------------------------------------------------------------
# Phone and email
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, e164",
    [
        ("(206) 555-0112", "+12065550112"),
        ("503-555-0161", "+15035550161"),
        ("617 555 0135", "+16175550135"),
        ("206.555.0112", "+12065550112"),
        ("2065550112", "+12065550112"),
        ("+1 (206) 555-0112", "+12065550112"),
        ("1-206-555-0112", "+12065550112"),
        ("call me at 206 555 0112 after 5pm", "+12065550112"),
        ("my cell is (503) 555-0161, thanks", "+15035550161"),
        ("206-555-0112 ext 4", "+12065550112"),
        ("1-800-555-1212", "+18005551212"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_parse_phone(text: str, e164: str) -> None:
    assert parse_phone(text) == e164


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no phone",
        "555-0112",
        "123-456-7890",
        "12",
        "(999) 555-0112",
        "call me maybe",
    ],
)
def test_parse_phone_rejects(text: str) -> None:
    assert parse_phone(text) is None


def test_fictional_555_number_with_a_real_area_code_is_accepted() -> None:
    """Older phonenumbers metadata calls 555-01xx invalid; the area code decides instead."""
    import phonenumbers

    from actions.parsing import _is_fictional_nanp

    assert _is_fictional_nanp(phonenumbers.parse("(206) 555-0112", "US"))
    assert not _is_fictional_nanp(phonenumbers.parse("(999) 555-0112", "US"))
    assert not _is_fictional_nanp(phonenumbers.parse("(206) 556-0112", "US"))


def test_parse_phone_other_region() -> None:
    assert parse_phone("020 7946 0958", region="GB") == "+442079460958"


@pytest.mark.parametrize(
    "text, email",
    [
        ("alex.moreno@Gmail.com", "alex.moreno@gmail.com"),
        ("my email is Pat.Sullivan@Example.COM.", "Pat.Sullivan@example.com"),
        ("<jo@example.org>", "jo@example.org"),
        ("jordan@example.com, thanks!", "jordan@example.com"),
        ("mailto:z@example.net", "z@example.net"),
        ("first bad@@x.com then good@example.com", "good@example.com"),
        ("  sam+intake@sub.example.co.uk  ", "sam+intake@sub.example.co.uk"),
    ],
)
def test_parse_email(text: str, email: str) -> None:
    assert parse_email(text) == email


@pytest.mark.parametrize(
    "text",
    ["", "not an email", "a@b", "foo@bar..com", "x@localhost", "me at gmail dot com"],
)
def test_parse_email_rejects(text: str) -> None:
    assert parse_email(text) is None


# --------------------------------------------------------------------------------------------
# Incident type
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
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
        ("nursing home neglect", "other"),
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


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Alex Moreno", "Alex Moreno"),
        ("Alex Moreno.", "Alex Moreno"),
        ("my name is pat sullivan", "Pat Sullivan"),
        ("My name is Pat Sullivan", "Pat Sullivan"),
        ("I'm Jordan", "Jordan"),
        ("I’m Jordan", "Jordan"),
        ("im jordan", "Jordan"),
        ("Hi, I'm Jordan", "Jordan"),
        ("Jordan here", "Jordan"),
        ("it's Dr. Maria de la Cruz", "Maria de la Cruz"),
        ("maria de la cruz", "Maria de la Cruz"),
        ("This is Mrs. Lee", "Lee"),
        ("call me Sam", "Sam"),
        ("i am chris", "Chris"),
        ("Name: Kim Park", "Kim Park"),
        ("Alex Moreno, thanks", "Alex Moreno"),
        ("o'brien", "O'Brien"),
        ("mary-jane smith", "Mary-Jane Smith"),
        ("J. R. Smith", "J. R. Smith"),
        ("Sean O'Neil Jr.", "Sean O'Neil Jr."),
        ("DeShawn Jackson", "DeShawn Jackson"),  # mixed case is kept as typed
        ("PAT SULLIVAN", "PAT SULLIVAN"),
        ("José Álvarez", "José Álvarez"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("Will", "Will"),
        ("May Chen", "May Chen"),
    ],
)
def test_parse_name(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "12345",
        "alex@example.com",
        "206-555-0112",
        "Alex 206-555-0112",
        "one two three four five six seven",
        "no",
        "nope",
        "no thanks",
        "why do you need that",
        "Why do you need that?",
        "n/a",
        "prefer not to say",
        "anonymous",
        "ok",
        "idk",
        "hello",
        "my name",
        ".",
        "A",
    ],
)
def test_parse_name_rejects(text: str) -> None:
    assert parse_name(text) is None
