"""Tests for actions/parsing/answers.py: yes, no, and answers that are neither."""

from __future__ import annotations

import pytest

from actions.parsing.answers import (
    clean_answer,
    is_unsure,
    parse_yes_no,
    takes_back_a_reply,
)

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


@pytest.mark.parametrize(
    ("text", "yes_no"),
    [
        # role-play P (Alyssa): a reply taken back is no "no"
        ("sorry wrong reply. the doctor who delivered her was dr whitfield", None),
        ("oops wrong answer", None),
        ("oops wrong answer, yes i have them", True),
        ("that was meant for the other question", None),
    ],
)
def test_a_reply_taken_back_is_no_no(text: str, yes_no: bool | None) -> None:
    assert takes_back_a_reply(text)
    assert parse_yes_no(text) is yes_no


@pytest.mark.parametrize("text", ["wrong", "no thats wrong", "the wrong leg", "yes"])
def test_wrong_alone_takes_back_nothing(text: str) -> None:
    assert not takes_back_a_reply(text)


@pytest.mark.parametrize(
    "text",
    ["I'm not sure", "not sure", "idk", "no idea", "honestly I don't know", "dunno",
     "i cant remember", "um not sure tbh", "Maybe", "hard to say", "I am not certain"],
)  # fmt: skip
def test_not_sure_is_an_answer(text: str) -> None:
    assert is_unsure(text)


@pytest.mark.parametrize(
    "text", ["yes", "no", "no i dont think so", "it was a county hospital", "", "sure"]
)
def test_real_answers_are_not_unsure(text: str) -> None:
    assert not is_unsure(text)


@pytest.mark.parametrize(
    "text", ["she's 54, born march 3 1972", "he is 6", "shes 80 now"]
)
def test_an_age_is_not_a_yes(text: str) -> None:
    # "she is" is a yes ("yes she is"); "she is 54" tells her age
    assert parse_yes_no(text) is None


@pytest.mark.parametrize(
    "text", ["she is.", "yes it was", "he did, last week", "I have a lawyer"]
)
def test_a_short_yes_is_still_a_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "I just told you. Dr. Alan Whitcomb at Mercy Ridge Hospital.",
            "Dr. Alan Whitcomb at Mercy Ridge Hospital.",
        ),
        (
            "I already told you, St. Brendan Memorial Hospital. I don't know the ER "
            "doctor's name, it was a woman, maybe Dr. Patel?",
            "St. Brendan Memorial Hospital. I don't know the ER doctor's name, it was a "
            "woman, maybe Dr. Patel?",  # a doubt, not a question put to us
        ),
        ("Eli Brooks. he was a newborn lol", "Eli Brooks. he was a newborn"),
        ("I just said. Raj Patel, 68.", "Raj Patel, 68."),
        ("Dale Pruitt. 41 like i said", "Dale Pruitt. 41"),
        (
            "Lakeview Surgical Center in Austin, i already said. dr something Kessler did it",
            "Lakeview Surgical Center in Austin. dr something Kessler did it",
        ),
        (
            "I had two more surgeries and I still have a drain. Is this private by the way?",
            "I had two more surgeries and I still have a drain.",
        ),
        (
            "I already have a lawyer but he never calls me back. Can I get a second "
            "opinion from you guys?",
            "I already have a lawyer but he never calls me back.",
        ),
        (
            "He has severe heart failure now, like I said. He can barely walk",
            "He has severe heart failure now. He can barely walk",
        ),
        # role-play E, Frank: his question went into the lead's harm
        (
            "I TOLD you. internal bleeding, ICU, 9 days in hospital, still dizzy. can I sue "
            "them myself or not?",
            "internal bleeding, ICU, 9 days in hospital, still dizzy.",
        ),
        # the telling is kept: what they told the doctor, a question asked in the story
        ("I told the doctor it hurt", "I told the doctor it hurt"),
        (
            "how could they miss it? he was in pain",
            "how could they miss it? he was in pain",
        ),
        ("I just told you", ""),
    ],
)
def test_clean_answer_keeps_the_answer_not_the_chatter(text: str, kept: str) -> None:
    assert clean_answer(text) == kept
