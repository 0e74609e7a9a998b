"""Tests for actions/parsing/contact.py: phone numbers, email addresses and names."""

from __future__ import annotations

import pytest

from actions.parsing.contact import (
    consents_by_means,
    contact_wish,
    means_no_email,
    means_this_number,
    other_numbers,
    parse_email,
    parse_name,
    parse_own_phone,
    parse_phone,
    phone_is_hard,
)


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

    from actions.parsing.contact import _is_fictional_nanp

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
        "ohio",  # a state, said at the name question
        "Ohio.",
        "new york",
        "its Florida",
    ],
)
def test_parse_name_rejects(text: str) -> None:
    assert parse_name(text) is None


@pytest.mark.parametrize(
    "text, name",
    [("Georgia Ruiz", "Georgia Ruiz"), ("virginia woolf", "Virginia Woolf")],
)
def test_a_state_name_with_a_surname_is_a_name(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    "text",
    ["this one", "this number", "This number is fine", "same", "same number", "use this one",
     "the one im texting from", "the number I'm texting you from", "yes this number",
     "you can call this number", "this cell", "that one",
     # puzzled, or said twice over SMS
     "the number im texting from??", "this number. the one im texting from", "same one?",
     "THIS ONE!!", "this number, the one im texting from",
     # role-play D and E: more said after it ("That doesn't look like a US phone number")
     "this one. after 6pm pls", "this one. text is better i work nights"],
)  # fmt: skip
def test_this_number_means_the_one_they_text_from(text: str) -> None:
    assert means_this_number(text)


@pytest.mark.parametrize(
    "text",
    ["206-555-0112", "my number is 206 555 0112", "no", "call my wife", "", "this",
     "what is this number?", "this number is wrong", "is this number ok",
     "the one im texting from is my work phone, call 206-555-0112",
     "this number. or my daughter 480-555-0143 if i dont pick up"],
)  # fmt: skip
def test_other_answers_are_not_this_number(text: str) -> None:
    assert not means_this_number(text)


OWN = "+12165550187"  # the number a texter writes from


@pytest.mark.parametrize(
    "text, own, main",
    [
        # role-play D: a backup number is not the main one
        ("this number or my daughter 480-555-0143 if i dont pick up", OWN, OWN),
        ("this number. or my daughter 480-555-0143 if i dont pick up", OWN, OWN),
        ("this one, or my husband 602-555-0100", OWN, OWN),
        ("my daughter 480-555-0143 or this one", OWN, OWN),
        ("614-555-0142 or my daughter 480-555-0143", OWN, "+16145550142"),
        ("614-555-0142 or my daughter 480-555-0143", None, "+16145550142"),
        ("my daughter's cell is 480-555-0143, or 614-555-0142", None, "+16145550142"),
        # someone else's number alone is still how to reach them
        ("call my wife at 614-555-0142", None, "+16145550142"),
        ("call my wife at 614-555-0142", OWN, "+16145550142"),
        # as before
        ("(614) 555-0142", OWN, "+16145550142"),
        ("this one", OWN, OWN),
        ("this one. after 6pm pls", OWN, OWN),
        ("the one im texting from is my work phone, call 206-555-0112", OWN, "+12065550112"),
        ("this number is wrong", OWN, None),
        ("this one", None, None),  # on the website there is no "this number"
        ("what is this number?", OWN, None),
    ],
)  # fmt: skip
def test_parse_own_phone(text: str, own: str | None, main: str | None) -> None:
    assert parse_own_phone(text, own) == main


def test_other_numbers_say_whose_they_are() -> None:
    text = "this number or my daughter 480-555-0143 if i dont pick up"
    assert other_numbers(text, OWN) == [("+14805550143", "daughter")]
    assert other_numbers("614-555-0142 or 480-555-0143", "+16145550142") == [
        ("+14805550143", None)
    ]
    assert other_numbers("614-555-0142", "+16145550142") == []


# Role-play F (Keisha): "text is fine" to "May ... contact you by phone, text or email?" is a
# yes, and the text kept for staff.
@pytest.mark.parametrize(
    "text, consents",
    [
        ("text is fine", True),
        ("texting works", True),
        ("email works best", True),
        ("you can text me", True),
        ("phone is ok", True),
        ("text only pls, no calls", True),
        ("I'd prefer email", True),
        ("don't text me", False),
        ("dont contact me", False),
        ("text is not ok", False),
        ("call me back later", False),
        ("what is this for", False),
    ],
)
def test_a_way_to_reach_them_said_to_suit_them_is_consent(text, consents):
    assert consents_by_means(text) is consents


@pytest.mark.parametrize(
    "text, wish",
    [
        ("text is fine", "text is fine"),
        ("yes texting works for me", "texting works for me"),
        ("sms ok", "sms ok"),
        # an email said to be fine too is no wish: the address is kept anyway
        ("Yes. Email is good for me too", None),
        # role-play I (Denise): who to contact and who not, for staff
        (
            "Yes. But please contact me, not Michael or the care facility.",
            "please contact me, not Michael or the care facility",
        ),
        ("yes, dont call my husband", "dont call my husband"),
        ("yes you can contact me", None),
    ],
)
def test_a_text_said_to_suit_them_is_kept_for_staff(text, wish):
    assert contact_wish(text) == wish


@pytest.mark.parametrize(
    "text, words",
    [
        # role-play F, Evelyn, at the question about a lawyer
        (
            "No, I've never had a lawyer. Will a lawyer call me? I don't hear very well on "
            "the phone.",
            "I don't hear very well on the phone",
        ),
        (
            "yes. im a bit hard of hearing so email is better",
            "im a bit hard of hearing so email is better",
        ),
        ("I wear hearing aids", "I wear hearing aids"),
        ("my hearing is not so good anymore", "my hearing is not so good anymore"),
        ("phone calls are really hard for me", "phone calls are really hard for me"),
        # the story, or someone else
        ("the doctor didn't hear me when I said it hurt", None),
        ("my dad couldn't hear well after the surgery", None),
        ("I'm deaf in my left ear since the surgery", None),
        ("my hearing is fine", None),
    ],
)
def test_the_phone_hard_for_them(text, words):
    assert phone_is_hard(text) == words


@pytest.mark.parametrize(
    "text, e164",
    [
        ("six one seven, five five five, zero one nine two", "+16175550192"),
        ("617 five five five 0192", "+16175550192"),
        (
            "call me at six one seven five five five oh one nine two please",
            "+16175550192",
        ),
    ],
)
def test_a_number_said_in_words(text: str, e164: str) -> None:
    assert parse_phone(text) == e164
    assert parse_own_phone(text) == e164


@pytest.mark.parametrize(
    "text",
    [
        "one of the nurses came two or three times",
        "five five five",
        "i was seven or eight",
    ],
)
def test_other_number_words_are_no_phone(text: str) -> None:
    assert parse_phone(text) is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("Jenny Larson, im his wife", "Jenny Larson"),
        ("Tom Reyes (her son)", "Tom Reyes"),
        ("ana diaz, the patient's daughter", "Ana Diaz"),
        ("Jenny Larson and i'm his wife", "Jenny Larson"),
    ],
)
def test_who_they_are_to_the_patient_is_not_the_name(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "I do not have email.",
        "I dont have email",
        "no email",
        "No e-mail, sorry",
        "I don’t have an e-mail address",
        "i dont really have one",
        "she doesnt use email",
        "I have no email",
        "never had one",
        "skip",
        "none",
        "n/a",
        "nothing",
        "not on email",
        "No computer at home",
    ],
)
def test_no_email_to_give(text: str) -> None:
    assert means_no_email(text)


@pytest.mark.parametrize(
    "text",
    [
        "Yes, by phone please.",
        "I have email but rarely check it",
        "bob at gmail",
        "",
        "yes",
    ],
)
def test_words_that_are_not_no_email(text: str) -> None:
    assert not means_no_email(text)


@pytest.mark.parametrize(
    "said, name",
    [
        # Peggy (role-play P) was asked for her name again and again
        ("Margaret (Peggy) Sorensen", "Margaret (Peggy) Sorensen"),
        ("my name is margaret (peggy) sorensen", "Margaret (Peggy) Sorensen"),
        ('Robert "Bobby" Lee', "Robert (Bobby) Lee"),
    ],
)
def test_a_nickname_between_the_names_is_kept(said: str, name: str) -> None:
    assert parse_name(said) == name


def test_words_in_brackets_that_are_no_name_are_no_name() -> None:
    assert parse_name("jane (not sure) doe") is None
    assert parse_name("(Peggy)") is None
