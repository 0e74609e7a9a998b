"""Tests for actions/parsing/questions.py: the questions a message asks besides its answer."""

from __future__ import annotations

import pytest

from actions.parsing import (
    answer_sentences,
    mentions_topic,
    question_topics,
    split_questions,
    who_joins_the_call,
)


@pytest.mark.parametrize(
    "text, rest, topics",
    [
        (
            "georgia. how much does this cost btw? i cant pay a lawyer up front",
            "georgia. i cant pay a lawyer up front",
            ["ask_fees"],
        ),
        (
            "march 2024 like i said, it was march 12. do i need my records?",
            "march 2024 like i said, it was march 12.",
            ["ask_records"],
        ),
        ("Darnell Price. will it be today?", "Darnell Price.", ["ask_callback_time"]),
        (
            "yes. now answer me. is it too late or not?",
            "yes. now answer me.",
            ["ask_statute_of_limitations"],
        ),
        # terse SMS, no question mark, lower case
        ("ohio. is this confidential", "ohio.", ["ask_confidentiality"]),
        ("jan 5 2024.. how long til sum1 calls", "jan 5 2024..", ["ask_callback_time"]),
        ("no lawyer. are you a bot?", "no lawyer.", ["bot_challenge"]),
        (
            "Pat Lee. how long does a case like this take?",
            "Pat Lee.",
            ["ask_case_duration"],
        ),
    ],
)
def test_an_answer_and_a_question_are_told_apart(text, rest, topics):
    assert split_questions(text)[0] == rest
    assert question_topics(text) == topics


@pytest.mark.parametrize(
    "text",
    [
        "what happened was they cut the wrong nerve",  # starts like a question, tells
        "i cant pay a lawyer up front",  # the model may hear fees; the words ask nothing
        "how could they miss it?",  # a question, but none of the common ones
        "Karen Brennan-Ortiz. its all in my first text",
        "the march 28 thing isnt exact… you didnt put anything about my wrist",
        "she had surgery today and its still bleeding",
        # about themselves, not about needing a lawyer
        "how do i take care of myself?",
        "what do i do to protect myself?",
        "i need a lawyer",
    ],
)
def test_no_common_question_is_heard_where_none_is_asked(text):
    assert question_topics(text) == []


def test_a_question_without_a_topic_is_still_not_part_of_the_answer():
    assert split_questions("Texas. why do you need that?") == (
        "Texas.",
        ["why do you need that?"],
    )
    assert answer_sentences("Texas. why do you need that?") == ["Texas."]


def test_one_topic_per_question_in_the_order_asked():
    text = "is it too late? and how much does it cost? how much is it"
    assert question_topics(text) == ["ask_statute_of_limitations", "ask_fees"]


@pytest.mark.parametrize(
    "text, rest, topics",
    [
        # a question said inside a sentence, after the answer
        (
            "she had to do a mastectomy and chemo. but u didnt answer how much does it cost",
            "she had to do a mastectomy and chemo.",
            ["ask_fees"],
        ),
        ("you never told me if its too late", "", ["ask_statute_of_limitations"]),
        # an email address is one word, not three sentences
        (
            "denise.harlow@example.com. Can someone call me in the mornings? Before noon",
            "denise.harlow@example.com. Before noon",
            [],
        ),
        (
            "Surgical error. But wait, did you see my question? Can you give a second "
            "opinion when I already have a lawyer?",
            "Surgical error.",
            ["ask_second_opinion"],
        ),
        # role-play G, Dale: whether the firm may talk to someone who has a lawyer
        (
            "1. but can u guys even talk to me if i got a lawyer already? i dont want to get "
            "in trouble",
            "1. i dont want to get in trouble",
            ["ask_second_opinion"],
        ),
        (
            "he was born dec 22 2024. and it was northside, is that public? idk",
            "he was born dec 22 2024. idk",
            ["ask_public_hospital"],
        ),
        ("was it a county hospital?", "", ["ask_public_hospital"]),
        ("Is this conversation private?", "", ["ask_confidentiality"]),
        # role-play E, Tasha: the typo too
        (
            "like 3 wks later, pediatrician did xray and it was broke. healed crooked now "
            "he needs surgery. is it to late??",
            "like 3 wks later, pediatrician did xray and it was broke. healed crooked now "
            "he needs surgery.",
            ["ask_statute_of_limitations"],
        ),
        # role-play E, Frank: whether they need a lawyer at all
        (
            "No, it was a Rite Aid pharmacy. do I even need a lawyer for this or can I just "
            "sue them myself?",
            "No, it was a Rite Aid pharmacy.",
            ["ask_need_lawyer"],
        ),
        ("can I sue them myself or not?", "", ["ask_need_lawyer"]),
        ("could we file it without a lawyer", "", ["ask_need_lawyer"]),
        ("do i really need an attorney", "", ["ask_need_lawyer"]),
    ],
)
def test_questions_inside_answers(text, rest, topics):
    assert split_questions(text)[0] == rest
    assert question_topics(text) == topics


@pytest.mark.parametrize(
    "text",
    [
        # when he found out, not when we will call
        "when they called me from the hospital",
        "when she finally told me what happened",
        "how i found out was a letter",
    ],
)
def test_a_clause_telling_when_is_no_question(text):
    assert split_questions(text) == (text, [])


def test_a_name_said_unsure_is_no_question():
    # role-play M (Yesenia): "And the blood bank I guess?" names the blood bank
    text = (
        "The nurse who hung the blood, I don't know her name. And the blood bank I guess? "
        "Do I need to get her records before someone calls me?"
    )
    assert split_questions(text) == (
        "The nurse who hung the blood, I don't know her name. And the blood bank I guess?",
        ["Do I need to get her records before someone calls me?"],
    )
    assert split_questions("the 5th i think?") == ("the 5th i think?", [])
    # asked, though unsure
    assert split_questions("is it too late I guess?")[1] == ["is it too late I guess?"]


def test_a_question_about_the_past_is_still_a_question():
    assert question_topics("how long did it take them to call") == ["ask_callback_time"]


@pytest.mark.parametrize(
    "text, rest, topics",
    [
        # role-play F, Marcus: at the read-back, no question mark
        (
            "that's right. so do I actually have a case or not",
            "that's right.",
            ["ask_have_a_case"],
        ),
        (
            "That's right. So what happens next? Do we have a case?",
            "That's right.",
            ["ask_have_a_case"],
        ),
        ("is there a case here", "", ["ask_have_a_case"]),
        # role-play G, Janet: whether the firm handles it
        (
            "I had a C-section years ago and they just found a sponge left inside me. Is "
            "this something you handle?",
            "I had a C-section years ago and they just found a sponge left inside me.",
            ["ask_do_you_handle"],
        ),
        ("do you guys take cases like this?", "", ["ask_do_you_handle"]),
        ("can you take my case", "", ["ask_do_you_handle"]),
        # role-play G, Janet: whether the hospital is told answers the privacy question too
        (
            "Yes, email is best please. And is this really confidential? Will the hospital "
            "be told?",
            "Yes, email is best please.",
            ["ask_hospital_told"],
        ),
        (
            "Massachusetts. Worcester. But wait, before I go on — is this private? I don't "
            "want my employer or the hospital finding out I'm talking to a lawyer.",
            "Massachusetts. Worcester. I don't want my employer or the hospital finding "
            "out I'm talking to a lawyer.",
            ["ask_hospital_told"],
        ),
        ("do you contact my doctors?", "", ["ask_hospital_told"]),
        ("is this private?", "", ["ask_confidentiality"]),
        # role-play F, Evelyn: whether (not when) a lawyer will call; someone on the call
        (
            "No, I've never had a lawyer. Will a lawyer call me? I don't hear very well on "
            "the phone.",
            "No, I've never had a lawyer. I don't hear very well on the phone.",
            ["ask_will_call"],
        ),
        ("do I have to talk on the phone?", "", ["ask_will_call"]),
        ("when will a lawyer call", "", ["ask_callback_time"]),
        (
            "That's right. Can my son Greg be on the call with me?",
            "That's right.",
            ["ask_family_on_call"],
        ),
        ("can my daughter join?", "", ["ask_family_on_call"]),
        ("can i have my wife on the call", "", ["ask_family_on_call"]),
        # role-play F, Dana: the executor's answer, then the records question
        (
            "me i guess, im the executor in his will. my mom passed a few years ago. do i "
            "need to have his medical records before you can look at this?",
            "me i guess, im the executor in his will. my mom passed a few years ago.",
            ["ask_records"],
        ),
    ],
)
def test_more_questions_said_with_an_answer(text, rest, topics):
    assert split_questions(text)[0] == rest
    assert question_topics(text) == topics


@pytest.mark.parametrize(
    "text",
    [
        "could my wife join the lawsuit?",  # the case, not the call
        "can I tell you the doctor's name?",  # telling us, not the hospital
        "how does this work? do you know",
        "can you help me",
        "i need a lawyer",
    ],
)
def test_no_new_topic_where_none_is_asked(text):
    assert question_topics(text) == []


@pytest.mark.parametrize(
    "text, who",
    [
        ("That's right. Can my son Greg be on the call with me?", "your son Greg"),
        ("can my daughter join?", "your daughter"),
        ("Afternoons are better for me. Could Greg be on the call?", "Greg"),
        ("can my son greg also be on the phone call", "your son Greg"),
        ("is it ok if someone joins the call?", None),
        ("my son Greg helps me with this", None),  # no question about the call
    ],
)
def test_who_joins_the_call(text, who):
    assert who_joins_the_call(text) == who


@pytest.mark.parametrize(
    "text, topics",
    [
        ("hey my dr missed my colon cancer. now its stage 4. can i sue", ["ask_have_a_case"]),
        ("I broke my leg. Can I sue somebody for that?", ["ask_have_a_case"]),
        ("can i just sue them myself", ["ask_need_lawyer"]),
        ("do u guys do dental", ["ask_do_you_handle"]),
        ("its dental. they pulled my wisdom teeth. so do u do dental or not", ["ask_do_you_handle"]),
        ("Yes. But honestly is this even malpractice? I don't want to waste your time",
         ["ask_what_is_malpractice"]),
        ("Will a real person call me, or is it only this computer?", ["ask_will_call"]),
    ],
)  # fmt: skip
def test_suing_dental_and_malpractice_questions(text, topics):
    assert question_topics(text) == topics


@pytest.mark.parametrize(
    "text",
    [
        "PT 3x a week. i lost my job bc i cant stand all day",
        "they sued the hospital last year",
        "my dentist said it was fine",
    ],
)
def test_no_question_in_a_treatment_or_a_story(text):
    assert question_topics(text) == []


def test_mentions_topic_reads_words_not_the_question():
    assert mentions_topic("the fee was wrong", "ask_fees")
    assert not mentions_topic(
        "PT 3x a week. i lost my job bc i cant stand all day", "ask_confidentiality"
    )
    assert not mentions_topic("anything", "no_such_topic")


# --- questions people ask mid-screening (roleplay i, l, m) ------------------------------------


@pytest.mark.parametrize(
    "text, asked, topics",
    [
        # a family member for a patient who can't speak for himself
        (
            "Before I go further, does he have to be involved in this? And is what I tell "
            "you confidential?",
            None,
            ["ask_patient_involved", "ask_confidentiality"],
        ),
        (
            "But you didn't answer me: does Michael have to be involved? He can't really "
            "communicate.",
            None,
            ["ask_patient_involved"],
        ),
        ("Hello? Does he have to be involved?", None, ["ask_patient_involved"]),
        # about the person asking, not the patient: no such question
        ("do i have to be involved?", None, []),
        # papers for the estate: with a will named, or at the estate's question
        (
            "I guess me, I'm his wife. We didnt have a will. Do I need to get some paper "
            "for that?",
            None,
            ["ask_estate_papers"],
        ),
        ("me. do i need any papers?", "estate_representative", ["ask_estate_papers"]),
        ("do i need any papers?", None, []),
        # who handles the estate, asked (role-play O, Linda): how one is named
        (
            "Who handles the estate? There was no will.",
            "estate_representative",
            ["ask_estate_papers"],
        ),
        ("how does someone become the executor?", None, ["ask_estate_papers"]),
        ("Who was the doctor?", None, []),
        # a surgery center told
        (
            "wait does the surgery center get told im asking about this",
            None,
            ["ask_hospital_told"],
        ),
        (
            "u didnt answer me. does the surgery center find out",
            None,
            ["ask_hospital_told"],
        ),
        # the records called "them" at the question about records
        ("No. Do we need them?", "has_records", ["ask_records"]),
        (
            "some from mychart. do i need to get all of them?",
            "has_records",
            ["ask_records"],
        ),
        ("No. Do we need them?", None, []),
    ],
)
def test_questions_asked_mid_screening(text, asked, topics):
    assert question_topics(text, asked) == topics


@pytest.mark.parametrize(
    "text, checked",
    [
        ("sorry hit stop by accident. is what right?", True),
        ("what's right?", True),
        ("right about what", True),
        ("yes that's right", False),
        ("is what I tell you confidential?", False),
    ],
)
def test_what_the_read_back_checks_is_asked(text, checked):
    from actions.parsing import asks_what_is_checked

    assert asks_what_is_checked(text) is checked


def test_the_estates_papers_asked_are_not_the_answer():
    from actions.parsing import clean_answer

    said = "I guess me, I'm his wife. We didnt have a will. Do I need to get some paper for that?"
    assert clean_answer(said) == "I guess me, I'm his wife. We didnt have a will."


# Role-play P (Keisha): how long it has been, said after "is it too late?", is the question's.
@pytest.mark.parametrize(
    "text, why, rest",
    [
        (
            "me and my brother i guess. is it too late? its been almost 2 years",
            ["its been almost 2 years"],
            "me and my brother i guess. is it too late?",
        ),
        (
            "is it too late? it was over a year ago",
            ["it was over a year ago"],
            "is it too late?",
        ),
        # before the question, or anything else after it: not the question's
        ("its been 2 years. is it too late?", [], None),
        ("is it too late? my brother handles it", [], None),
        ("how much does it cost? its been 2 years", [], None),
    ],
)
def test_how_long_it_has_been_is_why_the_deadline_is_asked(text, why, rest):
    from actions.parsing import (
        why_the_deadline_is_asked,
        without_why_the_deadline_is_asked,
    )

    assert why_the_deadline_is_asked(text) == why
    assert without_why_the_deadline_is_asked(text) == (
        rest if rest is not None else text
    )
