"""Stop and start over need words that say so; a call someone else does not return is the
story."""

from __future__ import annotations

import pytest

from actions.parsing.control import (
    after_self_correction,
    asks_for_a_person,
    means_restart,
    means_stop,
    without_calls_not_returned,
)


@pytest.mark.parametrize(
    "text",
    ["stop", "STOP", "Stop.", "quit this", "never mind, forget it", "cancel", "end this",
     "stop asking me questions", "i'm done", "im done", "forget it", "nevermind", "nvm",
     "leave me alone", "i changed my mind", "exit", "unsubscribe", "STOP texting me",
     "i don't want to do this anymore", "i want to stop", "end chat", "i'll pass", "drop it",
     "i dont want to answer any more questions", "no more", "i give up",
     "please stop messaging me", "ok just stop", "dont contact me again",
     "sorry, this is too hard. stop please", "not interested"],
)  # fmt: skip
def test_words_that_stop(text: str) -> None:
    assert means_stop(text)


@pytest.mark.parametrize(
    "text",
    ["not now", "no not now. this was back in june", "i didnt say stop", "don't stop",
     "they couldn't stop the bleeding", "the bleeding wouldnt stop", "my heart stopped",
     "i'm done with chemo", "no more pain since the surgery", "I had to quit my job",
     "they cancelled my surgery twice", "it cleared up in a couple of weeks, I'm fine now",
     "nothing happened yet, I noticed before I took it", "a new lawyer", "", "this number"],
)  # fmt: skip
def test_words_that_do_not_stop(text: str) -> None:
    assert not means_stop(text)


@pytest.mark.parametrize(
    "text",
    ["start over", "restart", "let's begin again", "can we start over", "reset", "redo",
     "start again", "start from the beginning", "i want to start over", "new conversation",
     "clear everything and start over", "from the top", "i messed up, can we restart",
     "start fresh", "let me start again", "do over", "back to the beginning",
     "let's do this again from scratch", "start this over please", "start over pls",
     "i answered everything wrong, can we start over", "/restart", "Start Over!"],
)  # fmt: skip
def test_words_that_start_over(text: str) -> None:
    assert means_restart(text)


@pytest.mark.parametrize(
    "text",
    ["i didnt say start over. why did u delete everything", "i dont want to start over",
     "why did you start over", "a new lawyer", "switch to a new attorney",
     "this number. the one im texting from", "Ohio. I told you that at the very beginning.",
     "the pain started again", "they had to redo the surgery", "it started over a year ago",
     "we had to start over with a new doctor", ""],
)  # fmt: skip
def test_words_that_do_not_start_over(text: str) -> None:
    assert not means_restart(text)


@pytest.mark.parametrize(
    "text, left",
    [
        ("the doctor wont call back", "the"),
        ("they never called me back", ""),
        ("nobody returns my calls", ""),
        ("Dr. Patel still hasnt called us back", ""),
        ("the doctor wont call back, can you call me", "the , can you call me"),
        ("can you call me back", "can you call me back"),
        ("can anyone call me back", "can anyone call me back"),
        ("why wont you call me back", "why wont you call me back"),
    ],
)
def test_calls_someone_else_does_not_return_are_taken_out(text: str, left: str) -> None:
    assert " ".join(without_calls_not_returned(text).split()) == left


@pytest.mark.parametrize(
    "text, rest",
    [
        ("Indiana. wait, no, sorry, it was Illinois.", ", sorry, it was Illinois."),
        (
            "June 2025. Actually no, it was July 2025. July 6.",
            ", it was July 2025. July 6.",
        ),
        ("same day i guess. no wait 3 months later", " 3 months later"),
        ("texas, no wait, oklahoma", ", oklahoma"),
        ("march i mean april", " april"),
        ("july 6. actually it was July 5", " it was July 5"),
        ("may 2024. scratch that, june 2024", ", june 2024"),
    ],
)
def test_the_words_after_taking_something_back(text: str, rest: str) -> None:
    assert after_self_correction(text) == rest


@pytest.mark.parametrize(
    "text",
    ["i had to wait 3 weeks for the results", "no, it was march", "actually nov 2024",
     "I mean to sue them", "sorry for the typos", "it was ohio", "wait"],
)  # fmt: skip
def test_no_words_taken_back(text: str) -> None:
    assert after_self_correction(text) is None


@pytest.mark.parametrize(
    "text, asks",
    [
        ("caleb harris", False),
        ("Callie Ward", False),
        ("Calvin", False),
        ("Ringo Starr", False),
        ("call me", True),
        ("can I talk to someone", True),
        ("a real person please", True),
        ("I want a callback", True),
        ("phone", True),
    ],
)
def test_asks_for_a_person_reads_whole_words(text: str, asks: bool) -> None:
    assert asks_for_a_person(text) is asks
