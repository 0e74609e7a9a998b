"""Tests for actions/parsing/states.py: codes, names, short forms and typos."""

from __future__ import annotations

import pytest

from actions.parsing.states import STATES, parse_state, state_besides, state_name

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
        # role-play I (Tom, by SMS): a city as a sentence of its own, after "i said", or
        # named with the hospital
        ("nobody caught it til it was too late. phoenix", "AZ"),
        ("i said phoenix", "AZ"),
        ("the phoenix VA. carl hayden", "AZ"),
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


# Issue 10: shorthand that looks like a code is a state only where the words mean it.
STATES_IN_CONTEXT = [
    ("wait what? ... you never asked, im in houston texas", "TX"),
    ("moved to PA", "PA"),
    ("we moved to pa in 2020", "PA"),
    ("Portland OR", "OR"),
    ("Portland, OR", "OR"),
    ("Tulsa OK", "OK"),
    ("tulsa, ok", "OK"),
    ("I am in OK", "OK"),
    ("it was in Bangor ME", "ME"),
    ("Baltimore MD", "MD"),
    ("ok, I moved to MD", "MD"),
    ("saw an MD in DE", "DE"),
    ("ER doc in tx", "TX"),
    ("the ER in Ohio", "OH"),
    ("IN", "IN"),
    ("OK", "OK"),
    ("CT", "CT"),
    ("ct", "CT"),
    # cities that name one state, used as places
    ("im in atlanta", "GA"),
    ("how do i find the state bar thing? im in atlanta", "GA"),
    ("atlanta", "GA"),
    ("Houston", "TX"),
    ("houston tx", "TX"),
    ("austin, tx", "TX"),
    ("Atlanta GA", "GA"),
    ("we live outside of Dallas", "TX"),
    ("at houston methodist", "TX"),
    ("in Phoenix", "AZ"),
    ("in brooklyn", "NY"),
    ("the bay area", "CA"),
    ("los angeles", "CA"),
    ("st. louis", "MO"),
    ("salt lake city ut", "UT"),
    ("Savannah, GA", "GA"),
    ("they sent me home from the ER in atlanta", "GA"),
    ("the nurse at Boston Children's", "MA"),
    # a state named outright wins over a city
    ("Dallas but the surgery was in Oklahoma", "OK"),
    ("Atlanta, Texas", "TX"),
]


@pytest.mark.parametrize("text, code", STATES_IN_CONTEXT)
def test_states_where_the_words_mean_one(text: str, code: str) -> None:
    assert parse_state(text) == code


NOT_STATES_IN_CONTEXT = [
    "hello, I had surgery back in 2021 and they left a sponge inside me. "
    "found it on a CT scan this year",
    "CT showed a mass",
    "the CT showed a sponge",
    "i had a ct in march",
    "the PA told me it was fine",
    "PA told me it was fine",
    "MD told me to wait",
    "the ME said it was natural causes",
    "I went to the ER",
    "I was in the OR for 6 hours",
    "they rushed him to OR",
    "IN the OR",
    "call ME",
    "Help ME",
    "Tell ME",
    "Thats OK",
    "Im OK",
    "It was OK",
    "Sounds OK",
    "my son Austin had surgery",
    "my daughter savannah",
    "in Portland",  # Oregon or Maine
    "in Columbus",  # Ohio or Georgia
]


@pytest.mark.parametrize("text", NOT_STATES_IN_CONTEXT)
def test_shorthand_and_names_are_not_states(text: str) -> None:
    assert parse_state(text) is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("Indiana. wait, no, sorry, it was Illinois. Kankakee, Illinois.", "IL"),
        ("texas, no wait, oklahoma", "OK"),
        ("georgia. actually no, florida", "FL"),
        ("ohio. oops sorry for the typo", "OH"),  # nothing named after the "oops"
    ],
)
def test_a_state_taken_back_in_the_same_answer(text: str, code: str) -> None:
    assert parse_state(text) == code


@pytest.mark.parametrize(
    "text, expected",
    [
        # role-play D and E: a state on its own, then the city ("Sorry, I didn't recognise that
        # state" for both)
        ("ny. brooklyn", "NY"),
        ("tx. austin", "TX"),
        # the same shape with a word that is also a code is no state
        ("ok. thanks", None),
        ("me. i was the patient", None),
        # role-play D: "the Phoenix VA" was read back as Virginia
        ("My husband went to the Phoenix VA and they said it was bronchitis", "AZ"),
        ("Richmond VA", "VA"),
        ("Portland OR", "OR"),
    ],
)
def test_a_state_then_where_and_a_citys_va(text: str, expected: str | None) -> None:
    assert parse_state(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # role-play K (Carla): "LA" after "in" is Los Angeles, California
        ("i went to the ER at the county hospital in LA in august with really bad stomach pain",
         "CA"),
        ("im in LA", "CA"),
        ("we moved to LA", "CA"),
        # after a city, or spelled out, it is Louisiana
        ("Baton Rouge, LA", "LA"),
        ("Lafayette, LA", "LA"),
        ("Louisiana", "LA"),
        ("shreveport la", "LA"),
        # lower-case "la" in a sentence: unsure, asked rather than guessed
        ("it happened in la", None),
    ],
)  # fmt: skip
def test_la_is_los_angeles_after_in_and_louisiana_after_its_city(
    text: str, expected: str | None
) -> None:
    assert parse_state(text) == expected


@pytest.mark.parametrize(
    "text, code",
    [
        # an everyday word after a city is not a state: the city (a borough too) gives it
        ("She was in Jacobi hospital in the Bronx in August", "NY"),
        (
            "Jacobi hospital in the Bronx in august and they gave her the wrong blood",
            "NY",
        ),
        ("we were in brooklyn in may", "NY"),
        ("it happened in Queens in March", "NY"),
        ("at Mount Sinai in Manhattan or maybe it was the one uptown", "NY"),
        ("in Memphis me and my mom drove there", "TN"),
        ("from harlem hi", "NY"),
        ("in the south bronx", "NY"),
        ("New York, the Bronx", "NY"),
        # the city's own state after it is still read
        ("pittsburgh pa", "PA"),
        ("tulsa ok", "OK"),
    ],
)
def test_everyday_words_after_a_city_are_not_states(text: str, code: str) -> None:
    assert parse_state(text) == code


def test_queens_hospital_is_not_new_york_without_a_place_word() -> None:
    # Queen's Medical Center is in Honolulu
    assert parse_state("queens medical center") is None
    assert parse_state("Queens") == "NY"


@pytest.mark.parametrize(
    ("text", "held", "code"),
    [
        # role-play M (Yesenia): the state noted, named beside the right one
        ("Indiana?? No, New York. Jacobi is in the Bronx", "IN", "NY"),
        (
            "You wrote Indiana. It was in New York City, the Bronx. Please fix that",
            "IN",
            "NY",
        ),
        ("it was Virginia not North Carolina", "NC", "VA"),
        ("it was Ohio", "IN", "OH"),
        # only the one noted: nothing besides it
        ("Indiana", "IN", None),
        ("yes it was in indiana", "IN", None),
        # "in" is a word, not Indiana, when Indiana is set aside
        ("im in ohio", "IN", "OH"),
    ],
)
def test_the_state_named_besides_the_one_noted(text, held, code):
    assert state_besides(text, held) == code
