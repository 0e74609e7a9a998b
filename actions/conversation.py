"""What a person can do at any point in the screening: ask a question, ask for a person, correct
an earlier answer, or stop. Each returns control to the form (the rules say so), which then asks
its current question again.

Also what is heard in every message, whatever it answers (`ActionHearFacts`, which Rasa runs
right after each message): a death, a request for a call, a photo. A correction or a
request for a call after the lead was written reaches the lead (`actions.handoff.update_lead`),
never the chat alone."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import parsing
from actions.handoff import update_lead
from actions.hours import firm_closed_until
from actions.intake import (
    DATE_SLOTS,
    LEFT_OUT,
    NOT_MEDMAL,
    QUESTION_INTENTS,
    RELATION_WORD,
    SUMMARY_RIGHT,
    SUMMARY_WRONG,
    UNKNOWN,
    YES_NO_SLOTS,
    ActionAcknowledgeMatter,
    ValidateScreeningForm,
    affirmed_part,
    date_order_problem,
    date_reference,
    facility_kind_said,
    intro_was_shown,
    is_sms,
    kind_told,
    leading_yes_no,
    looks_like_answer,
    mentions_death,
    own_number,
    reads_as_story,
    relation_events,
    relation_in,
    represented_intent_of,
    story_events,
    today,
    topics_asked,
    wants_a_call,
    word_count,
)
from actions.parsing import case as case_answers
from actions.parsing.callback import when_reachable, without_zones
from actions.parsing.control import (
    START_OVER_ANSWER,
    after_self_correction,
    asks_for_a_person,
    means_restart,
    means_stop,
    without_calls_not_returned,
)
from actions.parsing.people import patient_named
from actions.parsing.story import (
    StoryFacts,
    foreign_object_in,
    only_the_child_born_named,
    patient_role_in,
    read_story,
)
from actions.scheduling import change_call
from actions.screening import ROLE_WORDS
from bot.leads.vocabulary import REPRESENTED
from bot.nlu.emergency import is_emergency

# Words that say an earlier answer is being changed ("sorry, it was 2021, not 2022").
CORRECTION_WORDS = re.compile(
    r"\b(actually|sorry|meant|wrong|not|instead|correct\w*|typo|oops|mistake|change|scratch"
    r"|my\s+bad|i\s+said|rather|fix|you\s+(?:wrote|put|typed|listed|have\s+it))\b",
    re.I,
)

# A correction of their own earlier answer ("i made a mistake", "my bad, wrong one"), not
# someone else's words ("they said oops basically").
OWN_ANSWER = re.compile(
    r"\b(?:i|i'?m|i'?ve|i'?d|my|typo|meant|wrong\s+(?:one|answer|date|state))\b", re.I
)

# Questions answered in free words: a "correction" with nothing to correct is the answer.
FREE_TEXT_SLOTS = (
    "incident_description",
    "harm_description",
    "providers",
    "more_providers",
    "treatment_since",
)


async def answer_instead(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType] | None:
    """When the message taken for an interruption is really a plain answer to the form's question
    ("no private hosp" at the public-hospital question is not the privacy question), the events
    of that answer, validated as the form validates it; else None."""
    slot = (
        tracker.get_slot("requested_slot") if tracker.active_loop.get("name") else None
    )
    text = " ".join((tracker.latest_message.get("text") or "").split())
    if not slot:
        return None
    # "ok ill call. no we dont have a lawyer": one sentence of it may be the plain answer
    # (not when it asks one of the common questions too: that is answered first)
    said = parsing.answer_sentences(text)
    parts = [text]
    if not topics_asked(text, tracker):
        parts += [s for s in said if s != text]
    if (
        slot == "confirm_date"
        and len(parts) > 1
        and parsing.parse_date(text, today()).value
        and any(
            looks_like_answer(
                slot, part, sms=is_sms(tracker), reference=date_reference(slot, tracker)
            )
            for part in parts
        )
    ):
        # "hold on let me check my calendar... no it was monday the 5th. october 5": the
        # read-back answered by all of it (the date it gives is in the last words)
        return await ValidateScreeningForm().answer(
            slot, text, dispatcher, tracker, domain
        )
    for part in parts:
        if looks_like_answer(
            slot, part, sms=is_sms(tracker), reference=date_reference(slot, tracker)
        ):
            # "no. how much does this cost": the answer, and the question answered too
            answer_questions(topics_asked(text, tracker), dispatcher, tracker)
            return await ValidateScreeningForm().answer(
                slot, part, dispatcher, tracker, domain
            )
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if (
        slot in ANSWERED_IN_WORDS
        and intent in QUESTION_INTENTS
        and "?" not in text
        and not parsing.split_questions(text)[1]
        and not parsing.mentions_topic(text, str(intent))
    ):
        # "PT 3x a week. i lost my job bc i cant stand all day" at the treatment question:
        # the model heard a question (privacy), but not one sentence asks anything, and the
        # words never name it ("the fee was wrong" names the fees: the model decides);
        # "Nobody yet. There was no will. I suppose it would be me." at who handles the
        # estate is no question about how long a case takes
        return await ValidateScreeningForm().answer(
            slot, text, dispatcher, tracker, domain
        )
    return None


def in_the_form(tracker: Tracker) -> bool:
    return bool(tracker.active_loop.get("name"))


def last_bot_response(tracker: Tracker) -> str | None:
    """The response the assistant sent before the person's latest message, or None."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_latest:
                return None
            seen_latest = True
        elif event.get("event") == "bot" and seen_latest:
            return (event.get("metadata") or {}).get("utter_action")
    return None


# "no not now. this was back in june": after the 911 advice, the emergency is past.
NOT_NOW = re.compile(
    r"\b(not\s+(?:now|right\s+now|today|happening|an\s+emergency|urgent)|no\s+emergency"
    r"|(?:was|were|happened|back)\s+(?:back\s+)?(?:in|on|last|a\s+while|months?|years?|weeks?)"
    r"|ago|already\s+(?:over|happened|treated|fine)|it'?s\s+(?:over|past))\b",
    re.I,
)
# "ok im back from the ER. they said its not a heart attack this time": after the 911 advice, the
# emergency seen to; what they say with it is about that visit, not yet what happened.
SEEN_TO = re.compile(
    r"\b(?:(?:back|home)\s+from\s+(?:the\s+)?(?:er|e\.r\.|emergency\s+room|hospital|urgent\s+care)"
    r"|(?:went|been)\s+to\s+(?:the\s+)?(?:er|emergency\s+room|hospital)\s+(?:already|today|tonight"
    r"|just\s+now)|(?:i'?m|im|i\s+am)\s+(?:ok|okay|fine|alright|all\s+right)\s+now)\b",
    re.I,
)


def emergency_seen_to(tracker: Tracker) -> bool:
    """The latest message, just after the 911 advice, tells the emergency was seen to."""
    text = tracker.latest_message.get("text") or ""
    return last_bot_response(tracker) == "utter_emergency" and bool(
        SEEN_TO.search(text)
    )


def told_before_the_advice(tracker: Tracker) -> str:
    """The message the 911 advice answered ("... Two days later, July 9, I collapsed at home
    ..."), when the latest message comes just after that advice; "" otherwise."""
    if last_bot_response(tracker) != "utter_emergency":
        return ""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return " ".join((event.get("text") or "").split())
    return ""


def story_told_with_the_emergency(tracker: Tracker) -> str:
    """The message the 911 advice answered, when it told what happened as well as the
    emergency ("my husband took the new pills the pharmacy gave him and his throat is swelling
    he cant breathe good": a medication error), just before the latest message; "" otherwise
    ("my chest hurts RIGHT NOW cant breathe good" names no matter)."""
    before = told_before_the_advice(tracker)
    if not before or not reads_as_story(before):
        return ""
    kind = parsing.parse_incident_type(before)
    return before if kind is not None and kind != NOT_MEDMAL else ""


def when_we_call() -> str:
    """Whether the phones are open now, or when they open (FIRM_OPEN_HOURS, FIRM_TIMEZONE)."""
    from actions.config import settings

    phone = settings().firm_phone
    opens = firm_closed_until()
    if opens is None:
        return f"Our phones are open now, so you can also call us at {phone}."
    return (
        f"Our phones are closed right now; they open {opens}, and your case will be first "
        f"in line. You can call {phone} then."
    )


# Questions only the words tell (actions/parsing/questions.py), not the language model.
WORDS_ONLY_QUESTIONS = {
    "ask_second_opinion",
    "ask_public_hospital",
    "ask_need_lawyer",
    "ask_have_a_case",
    "ask_do_you_handle",
    "ask_hospital_told",
    "ask_will_call",
    "ask_family_on_call",
    "ask_patient_involved",
    "ask_estate_papers",
}
# Questions about lawyers and the call that ask for no call themselves: "Will a lawyer call
# me?", "Can my son be on the call?" (the language model may hear a request for a person).
NOT_A_REQUEST = {
    "ask_need_lawyer",
    "ask_have_a_case",
    "ask_do_you_handle",
    "ask_will_call",
    "ask_family_on_call",
}
# The deadline question asked again gets another answer: shorter, then a review offered;
# whether the hospital is told, asked again, is said more briefly.
ASKED_AGAIN = {
    "ask_statute_of_limitations": (
        "utter_faq_ask_statute_of_limitations",
        "utter_faq_ask_statute_of_limitations_again",
        "utter_faq_ask_statute_of_limitations_review",
    ),
    "ask_hospital_told": (
        "utter_faq_ask_hospital_told",
        "utter_faq_ask_hospital_told_again",
    ),
}
# "Is this something you handle?": the kind of matter the firm reviews, in plain words.
MATTER_WORDS = {
    "surgical_error": "something went wrong in surgery",
    "birth_injury": "a mother or baby was hurt around the birth",
    "medication_error": "a medicine was prescribed or given wrongly",
    "misdiagnosis": "an illness was missed or wrongly diagnosed",
    "anesthesia_error": "something went wrong with anesthesia",
}
FOREIGN_OBJECT_WORDS = "something was left inside after surgery"


def matter_in_words(tracker: Tracker | None) -> str | None:
    """The matter of this conversation, as "we review cases like this one, where ..." ends:
    an object left inside, else its kind; None when not known (or not one of those kinds)."""
    if tracker is None:
        return None
    text = " ".join((tracker.latest_message.get("text") or "").split())
    if tracker.get_slot("foreign_object") is True or (text and foreign_object_in(text)):
        return FOREIGN_OBJECT_WORDS
    kind = tracker.get_slot("incident_type") or (
        parsing.parse_incident_type(text) if text else None
    )
    return MATTER_WORDS.get(str(kind or ""))


# "or is it only this computer?", "a real person or a bot": whether a person is behind it.
ONLY_A_COMPUTER = re.compile(
    r"\b(?:real\s+(?:person|human|people)|human\s+being|computer|bot|robot|machine|automated"
    r"|\bai\b)",
    re.I,
)
DENTAL_WORDS = re.compile(rf"\b{parsing.DENTAL}", re.I)


def is_dental(text: str, tracker: Tracker | None) -> bool:
    """Whether the care asked about is a dentist's or an oral surgeon's (in these words or the
    story told so far)."""
    story = str((tracker.get_slot("incident_description") if tracker else None) or "")
    return bool(DENTAL_WORDS.search(text) or DENTAL_WORDS.search(story))


# What is said once the phone is said to be hard for them (ActionHearFacts, answer_questions).
PHONE_HARD_NOTED = ("utter_reach_in_writing", "utter_faq_ask_will_call_in_writing")


def times_answered(responses: tuple[str, ...], tracker: Tracker | None) -> int:
    """How often one of these responses was already said in this conversation."""
    if tracker is None:
        return 0
    return sum(
        1
        for event in tracker.events
        if event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") in responses
    )


def dates_with_the_lead(tracker: Tracker | None) -> dict[str, str] | None:
    """After the lead is made with the date it happened: the words of the deadline question's
    answer from what the lead holds (`utter_faq_ask_statute_of_limitations_with_the_lead`,
    {"when": "on October 14, 2025"}: no advice, no promise, the intake team checks it); else
    None."""
    if tracker is None or not tracker.get_slot("lead_reference"):
        return None
    when = parsing.humanize_date(str(tracker.get_slot("incident_date") or ""))
    if not when:
        return None
    return {"when": f"{_on(when)} {when}"}


# The deadline question's first answer once the date of the care is held (before the lead).
ANSWERED_FIRST_WITH_DATES = ("utter_faq_ask_statute_of_limitations_dates_known",)


def dates_told(tracker: Tracker | None) -> dict[str, str] | None:
    """Before the lead, once the date of the care is held: {"when": "in December 2024"} for
    `utter_faq_ask_statute_of_limitations_dates_known`; else None."""
    if tracker is None:
        return None
    when = parsing.humanize_date(str(tracker.get_slot("incident_date") or ""))
    return {"when": f"{_on(when)} {when}"} if when else None


def _on(when: str) -> str:
    """ "on October 14, 2025", "in October 2025", "in 2025"."""
    return "on" if "," in when else "in"


def answer_questions(
    topics: list[str], dispatcher: CollectingDispatcher, tracker: Tracker | None = None
) -> None:
    """Answers each of these common questions (intent names) with its `utter_faq_<intent>`;
    one answered before (in `tracker`) is answered differently the second and third time."""
    text = " ".join(
        ((tracker.latest_message if tracker else {}).get("text") or "").split()
    )
    for intent in topics:
        if intent == "ask_callback_time":
            dispatcher.utter_message(
                response=f"utter_faq_{intent}", when=when_we_call()
            )
        elif intent == "ask_do_you_handle":
            matter = matter_in_words(tracker)
            if is_dental(text, tracker):
                # "do u guys do dental": a dentist's care is medical care the firm reviews
                dispatcher.utter_message(response="utter_faq_ask_do_you_handle_dental")
            elif matter:
                dispatcher.utter_message(response=f"utter_faq_{intent}", matter=matter)
            else:
                dispatcher.utter_message(response="utter_faq_ask_do_you_handle_any")
        elif intent == "ask_will_call":
            # "Will a lawyer call me? I don't hear very well on the phone.": the note said too;
            # "Will a real person call me, or is it only this computer?": a person, said so
            if parsing.phone_is_hard(text) and not times_answered(
                PHONE_HARD_NOTED, tracker
            ):
                response = "utter_faq_ask_will_call_in_writing"
            elif ONLY_A_COMPUTER.search(text):
                response = "utter_faq_ask_will_call_person"
            else:
                response = "utter_faq_ask_will_call"
            dispatcher.utter_message(response=response)
        elif intent == "ask_patient_involved":
            # "does he have to be involved?": said of him as they said it
            dispatcher.utter_message(
                response=f"utter_faq_{intent}", **patient_pronouns(text)
            )
        elif intent == "ask_family_on_call":
            dispatcher.utter_message(
                response=f"utter_faq_{intent}",
                who=parsing.who_joins_the_call(text) or "someone you trust",
            )
        elif intent == "ask_statute_of_limitations" and dates_with_the_lead(tracker):
            # "is it too late? it was over a year ago", once the lead holds their dates:
            # not "I'll note the dates you give me", as if they had given none
            dispatcher.utter_message(
                response="utter_faq_ask_statute_of_limitations_with_the_lead",
                **(dates_with_the_lead(tracker) or {}),
            )
        elif intent in ASKED_AGAIN:
            said = ASKED_AGAIN[intent]
            before = times_answered(said + ANSWERED_FIRST_WITH_DATES, tracker)
            if (
                intent == "ask_statute_of_limitations"
                and not before
                and dates_told(tracker)
            ):
                # "is it too late? its been almost 2 years", the date of the care held: not
                # "I'll note the dates you give me", as if they had given none
                dispatcher.utter_message(
                    response=ANSWERED_FIRST_WITH_DATES[0], **(dates_told(tracker) or {})
                )
            else:
                dispatcher.utter_message(response=said[min(before, len(said) - 1)])
        elif intent in QUESTION_INTENTS or intent in WORDS_ONLY_QUESTIONS:
            dispatcher.utter_message(response=f"utter_faq_{intent}")


def patient_pronouns(text: str) -> dict[str, str]:
    """How the answer about the patient's part names them, from the question's words: "does
    he have to be involved" -> he doesn't, him, his; she; else they."""
    said = (text or "").lower()
    if re.search(r"\b(?:he|him|his|brother|son|husband|father|dad)\b", said):
        return {"who_not": "he doesn't", "them": "him", "their": "his"}
    if re.search(r"\b(?:she|her|sister|daughter|wife|mother|mom)\b", said):
        return {"who_not": "she doesn't", "them": "her", "their": "her"}
    return {"who_not": "they don't", "them": "them", "their": "their"}


async def answer_said_with_questions(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType]:
    """The answer to the form's question that a message holds besides its questions
    ("georgia. how much does this cost btw?" at the state question: Georgia), validated as the
    form validates it; [] when there is none (or no question is pending). At a question
    answered in free words (who handles the estate, what happened) the words besides the
    questions are the answer, unless they are only "ok" or "wait"."""
    slot = (
        tracker.get_slot("requested_slot") if tracker.active_loop.get("name") else None
    )
    text = " ".join((tracker.latest_message.get("text") or "").split())
    if not slot:
        return []
    said = parsing.answer_sentences(text)
    if slot == "summary_confirmed":
        # What else they said at the read-back, when it reads as an answer to it ("yes").
        parts = [" ".join(said)] if said else []
    else:
        parts = [" ".join(said), *said] if len(said) > 1 else said
    for part in parts:
        if (
            slot == "summary_confirmed"
            and answers_the_summary(part, tracker.current_slot_values())
        ) or looks_like_answer(
            slot, part, sms=is_sms(tracker), reference=date_reference(slot, tracker)
        ):
            return await ValidateScreeningForm().answer(
                slot, part, dispatcher, tracker, domain
            )
    # ("is it too late? its been almost 2 years": how long it has been is the question's)
    told = parsing.clean_answer(
        " ".join(
            parsing.answer_sentences(parsing.without_why_the_deadline_is_asked(text))
        )
    )
    if (
        slot in ANSWERED_IN_WORDS
        and parsing.split_questions(text)[1]
        and told
        and not ONLY_FILLER.match(told)
    ):
        # "me i guess, im the executor in his will. ... do i need to have his medical
        # records?": a question in free words has any words for its answer, the words
        # beside the questions they ask (the model's question alone says nothing of them)
        return await ValidateScreeningForm().answer(
            slot, told, dispatcher, tracker, domain
        )
    return []


# Questions whose answer is any words (the form takes them as they are), besides the story's.
ANSWERED_IN_WORDS = frozenset(
    {*FREE_TEXT_SLOTS, "estate_representative", "patient_name"}
)
# Words around a question that answer nothing: "ok. how much does it cost?"
ONLY_FILLER = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|yes|yeah|yep|no|nope|sure|thanks?|thank\s+you|thx|hmm+|um+|uh+"
    r"|well|wait|hi|hello|hey|sorry|also|and|but|so|one\s+more\s+thing|quick\s+question"
    r"|btw|oh)\W*)*$",
    re.I,
)


def answers_the_summary(text: str, slots: dict[str, Any]) -> bool:
    """Whether words said at the read-back answer it: a yes or no, "that's right", "the date
    is wrong", a fix, or something it left out ("you didnt put anything about my wrist")."""
    return (
        leading_yes_no(text) is not None
        or bool(SUMMARY_RIGHT.search(text) or SUMMARY_WRONG.search(text))
        or bool(LEFT_OUT.search(text))
        or find_correction(text, slots) is not None
    )


class ActionAnswerQuestion(Action):
    """Answers one of the common questions with its `utter_faq_<intent>` response: the ones
    the words clearly ask ("will it be today?" is about the call), else the one the language
    model heard. An answer to the form's question in the same message is kept too."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answer = await answer_instead(dispatcher, tracker, domain)
        if answer is not None:
            return answer
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = " ".join((tracker.latest_message.get("text") or "").split())
        if declined(tracker) and heard_after_decline(text, intent):
            return await reply_after_decline(dispatcher, tracker)  # "the bar's number?"
        topics = topics_asked(text, tracker)
        # First words that tell what happened start the screening, whatever the model heard
        # ("my mom died in february ... i dont even know if this is the right place" is no
        # question about records); a question the words do ask is answered after the greeting
        # (ActionAcknowledgeMatter).
        started = await screening_from_story(text, dispatcher, tracker, domain)
        if started is not None:
            return started
        if not topics and intent in QUESTION_INTENTS:
            topics = [intent]
        if not topics:
            dispatcher.utter_message(response="utter_default")
            return []
        answer_questions(topics, dispatcher, tracker)
        return await answer_said_with_questions(dispatcher, tracker, domain)


async def interruption_in_place(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType]:
    """What the rule's action for a question, a correction, a request for a person or an
    emergency would have done, done by the form in its place; [] for any other message.

    Rasa runs an active form first and passes a message on to the rules only when nothing
    was filled; a fact heard in the same words (`ActionHearFacts`: the harm in "not until
    the death certificate came in june, it said sepsis. ... is this consultation free btw?")
    fills a slot, so the form runs instead, and the question would go unanswered and the
    answer unused. Only the slots the action sets are kept (the form goes on itself)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    actions: dict[str, Action] = {
        "request_human": ActionOfferHuman(),
        "correct_answer": ActionCorrectAnswer(),
        "report_emergency": ActionHandleEmergency(),
    }
    action = (
        ActionAnswerQuestion()
        if intent in QUESTION_INTENTS
        else actions.get(str(intent))
    )
    if action is None:
        return []
    events = await action.run(dispatcher, tracker, domain)
    return [e for e in events if e.get("event") == "slot"]


class ActionOfferHuman(Action):
    """Gives the firm's number and offers a callback; the form then asks `callback_wanted`.
    When the words already asked for a call ("can someone call me", heard by ActionHearFacts),
    the call is noted and only how to reach them is asked."""

    def name(self) -> str:
        return "action_offer_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answer = await answer_instead(dispatcher, tracker, domain)
        if answer is not None:
            return answer
        text = " ".join((tracker.latest_message.get("text") or "").split())
        asked = (
            tracker.get_slot("requested_slot")
            if tracker.active_loop.get("name")
            else None
        )
        if asked and "?" not in text and not asks_for_a_person(text):
            # "caleb harris" at the patient's name: no word of it asks for a person or a
            # call (the model heard "cal..."), so it is the answer to the question asked
            return await ValidateScreeningForm().answer(
                asked, text, dispatcher, tracker, domain
            )
        topics = parsing.question_topics(text)
        if NOT_A_REQUEST.intersection(topics) and not wants_a_call(text):
            # "do I even need a lawyer for this or can I just sue them myself?", "Can my son
            # Greg be on the call with me?" ask about lawyers or the call, not for one:
            # answered, and an answer said with them kept
            answer_questions(topics, dispatcher, tracker)
            return await answer_said_with_questions(dispatcher, tracker, domain)
        rest = without_calls_not_returned(text)
        if rest != text and word_count(rest) <= 2:
            # "the doctor wont call back": a call someone else does not return is the story
            if not in_the_form(tracker):
                return await ActionNotUnderstood().run(dispatcher, tracker, domain)
            dispatcher.utter_message(response="utter_story_added")
            return [SlotSet(k, v) for k, v in story_events(text, tracker).items()]
        if tracker.get_slot("callback_wanted") is True:
            dispatcher.utter_message(response="utter_callback_noted")
            return []
        text = " ".join((tracker.latest_message.get("text") or "").split())
        if (
            not tracker.active_loop.get("name")
            and not tracker.get_slot("screening_id")
            and about_their_lawyer(text)
            and not wants_a_call(text)
        ):
            # "I already have a lawyer but he never calls me back. I want a second opinion":
            # taken for a request for a person (a lawyer), it is where a screening starts.
            return await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_human")
        return [SlotSet("callback_requested", True), SlotSet("callback_wanted", None)]


class ActionStopScreening(Action):
    """Stops the screening: nothing more is asked, and no lead is written. Only words that say
    so stop it ("stop", "forget it"; `means_stop`): a plain answer to the question asked ("this
    number", taken for a stop) is taken as the answer instead, and anything else ("no not now.
    this was back in june") is read as `ActionNotUnderstood` reads it; the screening goes on."""

    def name(self) -> str:
        return "action_stop_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answer = await answer_instead(dispatcher, tracker, domain)
        if answer is not None:
            return [*answer, FollowupAction("screening_form")]
        if not means_stop(tracker.latest_message.get("text") or ""):
            events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
            if in_the_form(tracker):
                events.append(FollowupAction("screening_form"))
            return events
        dispatcher.utter_message(response="utter_stopped")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


def told_something(tracker: Tracker) -> bool:
    """Whether the person said anything before their latest message (since any restart)."""
    said = [e for e in tracker.events if e.get("event") == "user"]
    return len(said) > 1


class ActionRestart(Action):
    """Starts over (Rasa's own `action_restart`, overridden): the chat is cleared only when the
    words say so ("start over", "can we restart", the widget's "/restart"; `means_restart`).
    By text it is asked first, as the website's widget asks ("Start over? What you've told us
    so far will be cleared.", yes or no); the SMS channel sends the answer back with the
    message (`START_OVER_ANSWER`), and a no keeps everything: the screening goes on.
    Otherwise nothing is cleared: in the screening a plain answer to the question is taken as
    the answer ("this number. the one im texting from", "a new lawyer"), else the person is
    told how to start over if they meant it, and the screening goes on."""

    def name(self) -> str:
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        metadata = tracker.latest_message.get("metadata") or {}
        answer = metadata.get(START_OVER_ANSWER) if isinstance(metadata, dict) else None
        if answer == "no":
            dispatcher.utter_message(response="utter_kept_going")
            return [FollowupAction("screening_form")] if in_the_form(tracker) else []
        if answer == "yes" or means_restart(tracker.latest_message.get("text") or ""):
            if answer is None and is_sms(tracker) and told_something(tracker):
                # by text, asked first as the widget asks (utter_ask_start_over)
                dispatcher.utter_message(response="utter_ask_start_over")
                return [FollowupAction("action_listen")]
            dispatcher.utter_message(response="utter_restart")
            return [Restarted()]
        answer = await answer_instead(dispatcher, tracker, domain)
        if answer is not None:
            return [*answer, FollowupAction("screening_form")]
        dispatcher.utter_message(response="utter_restart_confirm")
        return [FollowupAction("screening_form")] if in_the_form(tracker) else []


class ActionHandleEmergency(Action):
    """The 911 advice, in the middle of the screening. A plain answer to the question asked
    ("I was in a lot of pain and needed more treatment afterwards" at the harm question) is
    taken as the answer; the advice is still given whenever the emergency check
    (`bot.nlu.emergency`, the one authority on emergencies) hears an emergency now."""

    def name(self) -> str:
        return "action_handle_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        answer = await answer_instead(dispatcher, tracker, domain)
        if answer is None:
            answer = await harm_with_the_emergency(dispatcher, tracker, domain)
        if answer is None or is_emergency(text):
            dispatcher.utter_message(response="utter_emergency")
        return answer or []


async def harm_with_the_emergency(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType] | None:
    """At the harm question, the harm told with an emergency ("heart damage, EF is like 35
    percent, tired all the time, cant work. and today chest pain again") is the answer: the
    911 advice is given and the harm kept, not asked again. None when the message tells no
    harm beside the emergency ("my chest is killing me rn")."""
    if (
        not in_the_form(tracker)
        or tracker.get_slot("requested_slot") != "harm_description"
    ):
        return None
    text = " ".join((tracker.latest_message.get("text") or "").split())
    harm = case_answers.harm_in_story(parsing.clean_answer(text) or text)
    if not harm or "?" in harm:
        return None
    return await ValidateScreeningForm().answer(
        "harm_description", harm, dispatcher, tracker, domain
    )


def _years(text: str) -> list[str]:
    return re.findall(r"\b(19\d\d|20\d\d)\b", text)


def find_correction(text: str, slots: dict[str, Any]) -> tuple[str, Any] | None:
    """Which earlier answer a correction changes, and to what: `("state", "AZ")`,
    `("incident_date", "2021-03-05")`, or None when it cannot be told (the first of
    :func:`find_corrections`)."""
    changes = find_corrections(text, slots)
    return next(iter(changes.items())) if changes else None


def find_corrections(
    text: str, slots: dict[str, Any], own: str | None = None
) -> dict[str, Any]:
    """Every earlier answer a correction changes, and to what ({} when it cannot be told).

    Dates said for two things ("the ER visit where they missed it was feb 6. she died on the
    9th", "ER visit: February 6, 2025. Died: February 9, 2025.") each change their own slot;
    else one answer changes, as :func:`_one_correction` reads it, or the one date said
    without its year ("the ER visit was actually July 5, not July 6"). By text, the number
    they write from (``own``) said to be theirs changes the phone too ("we are in arizona.
    and my number is this one, 480 is my daughter")."""
    found = _corrections(text, slots)
    if (
        own
        and "contact_phone" not in found
        and parsing.means_own_number(text, slots.get("contact_phone"))
    ):
        found["contact_phone"] = own
    return found


def _corrections(text: str, slots: dict[str, Any]) -> dict[str, Any]:
    told = parsing.dates_corrected(text, today(), slots)
    dates = {
        slot: value
        for slot, value in told.items()
        if slots.get(slot) and value != slots.get(slot)  # a date held, said otherwise
    }
    if len(told) > 1 and dates:
        return dates
    names = names_said(text, slots)
    if len(names) > 1:
        return names  # "no. im brianna mitchell. elijah is my son": both
    one = _one_correction(text, slots)
    if one is not None:
        return dict([one])
    # one date said, its year kept: only when the words say that is when it was ("the march 28
    # thing isnt exact" names a date and changes none)
    return dates if SAYS_WHEN.search(text) else {}


# "not on my birthday": the day denied, no date of birth ("I found out in March, not on my
# birthday")
NOT_ON_BIRTHDAY = re.compile(
    r"\b(?:not|wasn'?t|isn'?t)\s+(?:on\s+|at\s+|after\s+)?(?:my|her|his|their)\s+birth\s*day\b",
    re.I,
)
# Words that say when something was: "the ER visit was actually July 5, not July 6".
SAYS_WHEN = re.compile(r"\b(?:was|were|is|should\s+be|actually|instead|not)\b", re.I)


# Whose name: the patient's ("his name is elijah", "my son's name is Elijah"), said by
# someone telling of another; else the contact's ("my name is ...").
THEIR_NAME = re.compile(
    r"\b(?:his|her|their|(?:my|our)\s+(?:baby|son|daughter|child|husband|wife|mom|mother|dad"
    r"|father|partner|brother|sister|boy|girl)(?:'s|s)|(?:the\s+)?(?:baby|patient)(?:'s|s))"
    r"\s+name\s+(?:is|should\s+be|was)\s+(?P<name>[^.,;!?]+)",
    re.I,
)
OWN_NAME = re.compile(
    r"\b(?:my\s+)?name\s+(?:is|should\s+be|was)\s+(?P<name>.+)$", re.I
)
# "im brianna mitchell", "no. I am Brianna Mitchell": who they are, said as a sentence of
# its own (two words of a name: "im so sorry" or "i'm not sure" are no name)
I_AM = re.compile(
    r"(?:^|[.!?;,]\s*|\bno\s+)(?:i'?m|i\s+am|this\s+is|it'?s)\s+(?P<name>[a-z][a-z'-]+\s+"
    r"[a-z][a-z'-]+)\s*(?:[.!?;,]|$)",
    re.I,
)
NOT_NAME_WORDS = re.compile(
    r"^(?:so|very|really|just|not|still|also|the|a|an|his|her|their|my|your|fine|good|ok"
    r"|okay|sure|sorry|here|ready|done|tired|upset|confused|scared|afraid|worried|sad|happy"
    r"|glad|mother|mom|dad|father|wife|husband|sister|brother|daughter|son|patient|calling"
    r"|texting|writing|asking|trying|going|looking|still|only|in|at|on|from|with|for|to"
    r"|too|all|right|correct|wrong|that|this|it|he|she|they)$",
    re.I,
)
# "elijah is my son": the patient's name, said with who they were
IS_MY_CHILD = re.compile(
    r"(?:^|[.!?;,]\s*)(?P<name>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)\s+(?:is|was)\s+my\s+"
    r"(?:son|daughter|baby|child|boy|girl|husband|wife|mom|mother|dad|father|partner"
    r"|brother|sister)\b",
    re.I,
)


def names_said(text: str, slots: dict[str, Any]) -> dict[str, str]:
    """The names a correction gives, by whose they are: "his name is elijah" (someone else
    the patient) -> {"patient_name": "Elijah"}, never the contact's; "no. im brianna
    mitchell. elijah is my son" -> the contact and the patient; "my name is Ann Lee" -> the
    contact. {} when no name is said."""
    found: dict[str, str] = {}
    other = slots.get("patient_role") not in (None, "self")
    theirs = THEIR_NAME.search(text)
    if theirs and other:
        name = parsing.parse_name(theirs.group("name"))
        if name:
            found["patient_name"] = name
    child = IS_MY_CHILD.search(text)
    if child and other and "patient_name" not in found:
        name = parsing.parse_name(child.group("name"))
        if name and not NOT_NAME_WORDS.match(name.split()[0]):
            found["patient_name"] = name
    rest = THEIR_NAME.sub(" ", text) if theirs else text
    own = OWN_NAME.search(rest)
    if own and not (theirs and not other):
        name = parsing.parse_name(own.group("name"))
        if name:
            found["contact_name"] = name
    if "contact_name" not in found:
        said = I_AM.search(rest)
        if said and not any(
            NOT_NAME_WORDS.match(word) for word in said.group("name").split()
        ):
            name = parsing.parse_name(said.group("name"))
            if name:
                found["contact_name"] = name
    return found


def _one_correction(text: str, slots: dict[str, Any]) -> tuple[str, Any] | None:
    """The one earlier answer a correction changes, and to what, or None.

    "sorry, it was 2021, not 2022" changes the date slot that holds 2022, keeping its month and
    day; words like "born", "found out" or "passed" point at the date they name."""
    lowered = text.lower()
    email = parsing.parse_email(text)
    if email:
        return "contact_email", email
    phone = parsing.parse_phone(text)
    if phone:
        return "contact_phone", phone
    years = _years(text)
    date_slot: str | None = None
    if re.search(
        r"\bborn\b|\bbirth\s*(?:day|date)|date\s+of\s+birth|\bd\.?o\.?b\b",
        NOT_ON_BIRTHDAY.sub(" ", lowered),
    ):
        # (not "It was NOT a birth injury": a kind of case, not a birth date; nor "I found
        # out in March, not on my birthday": when they found out)
        date_slot = "patient_dob"
    elif re.search(
        r"found out|learn|discover|reali[sz]|(?<!mis)diagnos|suspect|death\s+certificate"
        r"|autopsy",
        lowered,
    ):
        # ("the death certificate came in june": when they found out, not the death)
        date_slot = "discovery_date"
    elif re.search(r"\b(died|passed|death)\b", lowered):
        date_slot = "death_date"
    wrong = re.search(r"\bnot\s+(?:in\s+)?(19\d\d|20\d\d)\b", lowered)
    if wrong and not date_slot:
        date_slot = next(
            (
                s
                for s in DATE_SLOTS
                if str(slots.get(s) or "").startswith(wrong.group(1))
            ),
            None,
        )
    if years or date_slot:
        target = (
            date_slot
            or next((s for s in DATE_SLOTS if slots.get(s)), None)
            or "incident_date"
        )
        old = str(slots.get(target) or "")
        right = [y for y in years if not wrong or y != wrong.group(1)]
        names_a_month = re.search(
            r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}/\d{1,2}",
            lowered,
        )
        if right and len(old) >= 4 and not names_a_month:
            return target, right[0] + old[4:]  # keep the month and day they gave before
        # the date said with that event ("no he died in may. june is when we got the death
        # certificate": June for when they found out)
        own = parsing.dates_by_event(text, today()).get(target)
        if own is not None and own.value:
            return target, own.value
        answer = parsing.parse_date(
            re.sub(r"\bnot\s+(in\s+)?(19|20)\d\d\b", "", text), today()
        )
        if answer.value:
            return target, answer.value
    place = without_zones(text)  # "10am Arizona time" says when, not where
    state = (
        parsing.parse_state(place)
        or parsing.parse_state(
            NOT_THIS.sub(" ", place)  # "it was Virginia not North Carolina"
        )
        # "Indiana?? No, New York", "You wrote Indiana. It was in New York City": the one
        # noted named beside the right one
        or parsing.state_besides(place, slots.get("state"))
    )
    if state:
        return "state", state
    names = names_said(text, slots)
    if names:
        return next(iter(names.items()))
    role = role_correction(text, slots.get("patient_role"))
    if role:
        return "patient_role", role
    public = facility_kind_correction(text, slots)
    if public is not None:
        return "government_facility", public
    kind = kind_correction(text, slots)
    if kind is not None:
        return "incident_type", kind
    return None


# What a message says the matter was not: "not a missed diagnosis", "its not a diagnosis thing".
DENIED = re.compile(
    r"\b(?:not|never|(?:was|is|were)n'?t)\s+(?:about\s+|really\s+|actually\s+)?"
    r"(?P<what>[^,.;!?]+)",
    re.I,
)
# "it was a surgical error", "it's the surgery", "this was a medication mistake"
IT_WAS = re.compile(
    r"\b(?:it|this|that)\s*(?:was|is|'s|s)\s+(?:actually\s+|really\s+)?(?:a|an|the|my|his|her)?\b",
    re.I,
)


def kind_correction(text: str, slots: dict[str, Any]) -> str | None:
    """The kind of matter, when the words correct the one noted: "wait, it was a surgical error
    not a missed diagnosis" (the kind noted said not to be it), "actually it was a medication
    error" (said to be another); None otherwise ("not sure, maybe the medication" corrects
    nothing). One of the six kinds: never "other" or not medical malpractice from a
    correction."""
    held = slots.get("incident_type")
    if not held or held == NOT_MEDMAL or not CORRECTION_WORDS.search(text):
        return None
    # (not what they quote from the read-back: "You wrote birth injury and our child")
    told = affirmed_part(NOT_THIS.sub(" ", YOU_WROTE.sub(" ", text)))
    kind = kind_told(told, role_correction(text, None) or slots.get("patient_role"))
    if kind in (None, "other", NOT_MEDMAL) or kind == held:
        return None
    denied = any(
        parsing.parse_incident_type(m.group("what")) == held
        for m in DENIED.finditer(text)
    )
    return kind if denied or IT_WAS.search(told) else None


# Words about a lawsuit ("he did file the lawsuit", "the court date").
SUIT_WORDS = re.compile(r"\b(?:law\s*suit|suit|sued|court|complaint|filed)\b", re.I)


def without_the_lawsuit(text: str) -> str:
    """The words without the sentences about a lawsuit, and without a date said alone right
    after one ("he did file the lawsuit. November 12"): that date is the lawsuit's, no date
    of the care."""
    kept: list[str] = []
    after_suit = False
    for sentence in re.split(r"(?<=[.!?])\s+", text or ""):
        if SUIT_WORDS.search(sentence):
            after_suit = True
            continue
        if (
            after_suit
            and word_count(sentence) <= 4
            and parsing.parse_date(sentence, today()).value
        ):
            continue
        after_suit = False
        kept.append(sentence)
    return " ".join(kept)


async def corrected_after_lead(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """After the lead was written, outside the screening: a correction, which the language
    model may take for a new story or not understand at all ("wait it was oct 4 not 3. he fell
    after midnight", "wait, it was a surgical error not a missed diagnosis", "You wrote
    Indiana. It was in New York City"), changes the lead only, recorded for staff as any
    change after the lead, and says so: never a new screening. A call moved is moved; a
    lawsuit said to be filed is noted (its date changes no date of the care); words that say
    what the file already holds are told so. None when the words correct nothing (a new
    story starts a screening as before)."""
    if not tracker.get_slot("lead_reference") or in_the_form(tracker):
        return None
    text = " ".join((tracker.latest_message.get("text") or "").split())
    call = await change_call(text, dispatcher, tracker)
    if call is not None:
        if not call:
            return []
        return [
            *(SlotSet(k, v) for k, v in call.items()),
            *await update_lead(tracker, call, None),
        ]
    before = slots_before_message(tracker)
    suit = case_answers.suit_filed_in(text)
    words = without_the_lawsuit(text) if suit else text
    said: dict[str, Any] = {}
    if words.strip() and CORRECTION_WORDS.search(words):
        said = find_corrections(words, before, own_number(tracker))
        kind = kind_correction(words, before)
        if kind is not None and "incident_type" not in said:
            said["incident_type"] = kind
    new_suit = suit and before.get("suit_filed") is not True
    if not said and not new_suit:
        held = {
            slot: value
            for slot, value in parsing.dates_corrected(words, today(), before).items()
            if before.get(slot)
        }
        if (
            held
            and CORRECTION_WORDS.search(words)
            and all(before.get(slot) == value for slot, value in held.items())
        ):
            # "the date is wrong. it was january 16", "given the night of the 16th, not the
            # 17th" when January 16 is what the file holds: said so, nothing changed
            answer_questions(parsing.question_topics(text), dispatcher, tracker)
            dispatcher.utter_message(response="utter_matches_the_file")
            return []
        return None
    answer_questions(parsing.question_topics(text), dispatcher, tracker)
    changes: dict[str, Any] = {}
    if any(before.get(slot) != value for slot, value in said.items()):
        changes = apply_correction(words, dispatcher, tracker) or {}
        kind = said.get("incident_type")
        if (
            kind
            and kind != before.get("incident_type")
            and "incident_type" not in changes
        ):
            # "You wrote birth injury and our child. It was my wife Ana, they left a sponge
            # in her": the patient, and the kind of matter with her
            changes.update(
                _apply_changes({"incident_type": kind}, words, dispatcher, tracker)
            )
    elif said and not new_suit:
        dispatcher.utter_message(response="utter_matches_the_file")
        return []
    if new_suit:
        dispatcher.utter_message(response="utter_suit_noted")
        changes["suit_filed"] = True
    if not changes:
        return []  # said why not (a date still to come)
    events: list[EventType] = [SlotSet(k, v) for k, v in changes.items()]
    return events + await update_lead(tracker, changes, dispatcher)


# The kinds as said back ("Thanks, I've noted that it was a surgical error.").
KIND_SAID = {
    "surgical_error": "a surgical error",
    "birth_injury": "a birth injury",
    "medication_error": "a medication error",
    "misdiagnosis": "a missed or wrong diagnosis",
    "anesthesia_error": "an anesthesia error",
}


# The words that name a kind of place outright ("public", "private", "county"...), not "the VA"
# met in passing.
KIND_WORD = re.compile(
    r"\b(?:public|private|government|county|city|state[- ]run|federal|military|veterans?)\b",
    re.I,
)


def facility_kind_correction(text: str, slots: dict[str, Any]) -> bool | None:
    """Whether the care was at a public facility, when the words say so of an answer already
    given ("the public part is wrong. it was a private place", "it was not a public hospital"):
    True or False, else None (never asked yet, or no kind named outright)."""
    if slots.get("government_facility") is None or not KIND_WORD.search(text):
        return None
    return facility_kind_said(text)


def find_changes(
    text: str, slots: dict[str, Any], own: str | None = None
) -> dict[str, Any]:
    """`find_corrections`, only those that change something: "yes 2 more surgerys at ohio
    state to fix the duct", with Ohio already the state, tells the treatment, not a new state."""
    return {
        slot: value
        for slot, value in find_corrections(text, slots, own).items()
        if slots.get(slot) != value
    }


def slots_before_message(tracker: Tracker) -> dict[str, Any]:
    """The slots as they were before the latest message: Rasa's slot mappings may already have
    set one from its words ("im in houston texas" sets the state to Texas before the correction
    is read), and a correction is measured against what was held before it."""
    values = dict(tracker.current_slot_values())
    events = list(tracker.events)
    last_user = next(
        (i for i in range(len(events) - 1, -1, -1) if events[i].get("event") == "user"),
        None,
    )
    if last_user is None:
        return values
    start = next(
        (
            i
            for i in range(last_user - 1, -1, -1)
            if events[i].get("event") in ("restart", "reset_slots", "session_started")
        ),
        -1,
    )
    for name in {
        e.get("name") for e in events[last_user + 1 :] if e.get("event") == "slot"
    }:
        earlier = [
            e
            for e in events[start + 1 : last_user]
            if e.get("event") == "slot" and e.get("name") == name
        ]
        values[name] = earlier[-1].get("value") if earlier else None
    return values


def find_change(text: str, slots: dict[str, Any]) -> tuple[str, Any] | None:
    """`find_correction`, but only when it changes something (see `find_changes`)."""
    found = find_correction(text, slots)
    if found is not None and slots.get(found[0]) == found[1]:
        return None
    return found


NOT_MY = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|never)\s+(?:(?:was|is)\s+)?(?:my|our)\s+\w+", re.I
)
# What the read-back said, quoted back as wrong ("You wrote birth injury and our child. It was
# my wife Ana"): not what they mean.
YOU_WROTE = re.compile(
    r"\byou\s+(?:wrote|put|typed|listed|noted|have|had|got|said)\s+(?:down\s+)?[^.;!?]*",
    re.I,
)


def without_denied(text: str) -> str:
    """The words without what they say the patient was not ("not our daughter") or quote
    from the read-back as wrong ("you wrote ... our child")."""
    return NOT_MY.sub(" ", YOU_WROTE.sub(" ", text))


# Words that say who the patient was ("it was my son", "she was my mother", "its my husband").
PATIENT_WAS = re.compile(
    r"\b(?:(?:it|she|he|they|patient)\s+(?:was|is|were)|it'?s|its)\s+(?:actually\s+|really\s+)?"
    r"my\b|\bnot\s+(?:me|myself)\b",
    re.I,
)


def role_correction(text: str, role: Any) -> str | None:
    """Who the patient was, when the words correct it: "She was NOT my child. She was my
    mother" (parent), "it was my son not me" (child), "sorry its my husband". A relation
    named in passing ("thanks, my wife helped me type this") is no correction, nor is the
    role already noted said again without a "not"."""
    if not RELATION_WORD.search(text) or not (
        NOT_MY.search(text) or PATIENT_WAS.search(text)
    ):
        return None
    said = parsing.parse_patient_role(
        without_denied(text)
    ) or parsing.parse_patient_role(text)
    if said is None:
        return None
    return (
        said if said != role or NOT_MY.search(text) or YOU_WROTE.search(text) else None
    )


IT_WAS_MY = re.compile(
    r"\b(?:it|she|he|they|the\s+patient)\s+(?:was|is|were)\s+(?:actually\s+|really\s+)?my\b",
    re.I,
)
# Questions whose answers name other people ("not me, my brother is" handles the estate), or
# that read a correction of the patient themselves.
NAMES_OTHERS = (
    "patient_role",
    "summary_confirmed",
    "estate_representative",
    "contact_name",
    "providers",
    "more_providers",
)
NOT_ME = re.compile(
    r"\b(?:not|wasn'?t|isn'?t|never)\s+(?:(?:was|is)\s+)?(?:me|myself)\b", re.I
)


def patient_corrected(
    text: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """Who the patient was, corrected inside an answer to another question ("No, July 6, 2025.
    And sorry, I said me earlier but it wasn't me, it was my father, Raj Patel."): the role,
    the relation and the name said with it, after saying so; {} when the words correct no one.
    Only words that say the patient noted was not the one ("it wasn't me", "not my son")
    count: "my wife drove me" corrects nothing. The question about the patient and the
    read-back read their answers themselves."""
    role = tracker.get_slot("patient_role")
    asked = tracker.get_slot("requested_slot") if in_the_form(tracker) else None
    if (
        role is None
        or asked in NAMES_OTHERS
        or tracker.get_slot("lead_reference")
        or not (NOT_MY.search(text) or (NOT_ME.search(text) and IT_WAS_MY.search(text)))
    ):
        return {}
    new = role_correction(text, role)
    if not new or new == role:
        return {}
    relation = relation_events(without_denied(text), new)
    fixed: dict[str, Any] = {
        "patient_role": new,
        "patient_relation": relation.get("patient_relation"),
        "patient_called": relation.get("patient_called") or "the patient",
    }
    named = patient_named(text)
    if named and parsing.parse_patient_role(f"my {named[0]}") == new:
        fixed["patient_name"] = named[1]
    dispatcher.utter_message(
        response="utter_changed_patient_role",
        who=relation.get("patient_called") or ROLE_WORDS.get(new, "someone else"),
    )
    return fixed


def answer_besides_the_correction(
    text: str, tracker: Tracker
) -> tuple[str, str] | None:
    """The question asked and its answer, when a sentence other than the one correcting an
    earlier answer answers it ("no lawyer. actually its my husband not me, he had the
    surgery"); None otherwise."""
    asked = tracker.get_slot("requested_slot") if in_the_form(tracker) else None
    if not asked or asked in FREE_TEXT_SLOTS or asked in NAMES_OTHERS:
        return None
    before = slots_before_message(tracker)
    for sentence in parsing.answer_sentences(text):
        if (
            role_correction(sentence, None)
            or NOT_ME.search(sentence)
            or find_change(sentence, before) is not None
        ):
            continue
        if looks_like_answer(
            asked,
            sentence,
            sms=is_sms(tracker),
            reference=date_reference(asked, tracker),
        ):
            return asked, sentence
    return None


NOT_THIS = re.compile(
    r"\b(?:not|instead\s+of|rather\s+than)\s+(?:in\s+)?[a-z .]+?(?=[,;!?]|\.\s|$)", re.I
)


def apply_correction(
    text: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any] | None:
    """The slot a correction changes and its new value, after saying so (or saying why not:
    an impossible date); None when the words hold no correction."""
    found = find_changes(text, slots_before_message(tracker), own_number(tracker))
    if not found:
        return None
    if len(found) > 1 and "contact_phone" in found:
        # "we are in arizona. and my number is this one": the other fix, and the number
        phone = found.pop("contact_phone")
        fixed = _apply_changes(found, text, dispatcher, tracker)
        dispatcher.utter_message(response="utter_changed_contact_details")
        return {**fixed, "contact_phone": phone}
    return _apply_changes(found, text, dispatcher, tracker)


def _apply_changes(
    found: dict[str, Any],
    text: str,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
) -> dict[str, Any]:
    if all(slot in DATE_SLOTS for slot in found):
        return _change_dates(found, dispatcher, tracker)
    if len(found) > 1 and set(found) <= {"contact_name", "patient_name"}:
        dispatcher.utter_message(response="utter_changed_contact_details")
        dispatcher.utter_message(
            response="utter_patient_name_noted", name=found["patient_name"]
        )
        return dict(found)
    slot, value = next(iter(found.items()))
    if slot in DATE_SLOTS:
        return _change_dates({slot: value}, dispatcher, tracker)
    if slot == "state":
        dispatcher.utter_message(
            response="utter_changed_state", state_name=parsing.state_name(value)
        )
    elif slot == "patient_role":
        # "She was NOT my child. She was my mother": the relation is the one not denied.
        relation = relation_events(without_denied(text), value)
        dispatcher.utter_message(
            response="utter_changed_patient_role",
            who=relation.get("patient_called") or ROLE_WORDS.get(value, "someone else"),
        )
        return {
            "patient_role": value,
            "patient_relation": relation.get("patient_relation"),
            "patient_called": relation.get("patient_called") or "the patient",
        }
    elif slot == "government_facility":
        dispatcher.utter_message(
            response=f"utter_changed_government_{'public' if value else 'private'}"
        )
    elif slot == "incident_type":
        dispatcher.utter_message(
            response="utter_changed_incident_type", kind=KIND_SAID.get(value, value)
        )
    elif slot == "patient_name":
        # "his name is elijah": the patient's name, not the contact details
        dispatcher.utter_message(response="utter_patient_name_noted", name=value)
    else:
        dispatcher.utter_message(response="utter_changed_contact_details")
    return {slot: value}


def discovery_following(dates: dict[str, str], tracker: Tracker) -> dict[str, str]:
    """When they found out, moved with a corrected date of the care when it was the care's
    own day ("same day", "right away" ... then "it was oct 24 not the 22nd"); {} otherwise
    (a date of its own said for it, or one said in the same words)."""
    care, found_out = (
        tracker.get_slot("incident_date"),
        tracker.get_slot("discovery_date"),
    )
    new = dates.get("incident_date")
    if (
        not new
        or "discovery_date" in dates
        or not care
        or care == UNKNOWN
        or new == care
    ):
        return {}
    counted = counted_from_the_care(tracker, str(care), str(new))
    if counted:
        # "next morning" (a care held as September, then "the date was sept 19"): the day
        # after the care as it now stands
        return {"discovery_date": counted}
    if found_out != care:
        return {}
    return {"discovery_date": new}


def answer_to(tracker: Tracker, slot: str) -> str | None:
    """The words of the last message that answered `slot`'s question (said while it was the
    question asked), or None."""
    asked: Any = None
    said: str | None = None
    for event in tracker.events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
        elif kind == "user" and asked == slot:
            said = event.get("text")
        elif kind in ("restart", "session_started"):
            asked, said = None, None
    return said


def counted_from_the_care(tracker: Tracker, care: str, new: str) -> str | None:
    """When they found out, given counted from the care ("next morning", "2 days later"),
    counted again from the care's new date; None when it was not counted from it (a date of
    its own, "same day" handled by the caller) or reads the same."""
    found_out = tracker.get_slot("discovery_date")
    said = answer_to(tracker, "discovery_date")
    if not found_out or found_out == UNKNOWN or not said:
        return None
    before = parsing.parse_date(said, today(), reference=care)
    after = parsing.parse_date(said, today(), reference=new)
    alone = parsing.parse_date(said, today())
    if (
        before.value != found_out
        or not after.value
        or after.value == before.value
        or alone.value  # a date of its own, not counted from the care
        or after.value == new  # "same day": the caller's rule
    ):
        return None
    return after.value


def birth_following(dates: dict[str, str], tracker: Tracker) -> dict[str, str]:
    """The care's date and the date of birth moved together when the care was the birth (the
    two held as one day): "shes born march 4th not the 3rd" moves the delivery, "the date is
    wrong. march 4" the newborn's birthday; {} otherwise (both said, or two different days)."""
    care, born = tracker.get_slot("incident_date"), tracker.get_slot("patient_dob")
    if (
        not care
        or care == UNKNOWN
        or care != born
        or ("incident_date" in dates) == ("patient_dob" in dates)
    ):
        return {}
    if "incident_date" in dates:
        return {"patient_dob": dates["incident_date"]}
    return {"incident_date": dates["patient_dob"]}


def _change_dates(
    dates: dict[str, str], dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """The dates changed, each said so; none when one of them cannot be right (a date still
    to come, a death before the care as it now stands), which is said instead. When they
    found out on the day of the care ("same day"), that day moves with the care's date; so
    does the date of birth when the care was the birth."""
    dates = {**dates, **birth_following(dates, tracker)}
    dates = {**dates, **discovery_following(dates, tracker)}
    incident = dates.get("incident_date") or tracker.get_slot("incident_date")
    for slot, value in dates.items():
        problem = date_order_problem(slot, value, tracker, incident=incident)
        if problem or (parsing.parse_date(value, today()).problem == "future"):
            dispatcher.utter_message(
                response=problem or "utter_invalid_date_future",
                incident_date=parsing.humanize_date(incident or ""),
            )
            return {}
    for slot, value in dates.items():
        dispatcher.utter_message(
            response=f"utter_changed_{slot}", date=parsing.humanize_date(value)
        )
    return {**dates, "date_to_confirm": None}


class ActionCorrectAnswer(Action):
    """Changes an earlier answer ("sorry, it was 2021, not 2022"; "actually it was in Arizona").
    After the lead was written, the lead changes too (and its outcome is worked out again)."""

    def name(self) -> str:
        return "action_correct_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if (
            tracker.active_loop.get("name")
            and tracker.get_slot("requested_slot") == "summary_confirmed"
        ):
            # At the read-back a fix, a question or a yes are read as its answer is read.
            topics = parsing.question_topics(text)
            answer_questions(topics, dispatcher, tracker)
            said = parsing.split_questions(text)[0] if topics else text
            if not said.strip():
                return []
            return await ValidateScreeningForm().answer(
                "summary_confirmed", said, dispatcher, tracker, domain
            )

        if tracker.active_loop.get("name") and (
            tracker.get_slot("requested_slot") == "callback_time"
        ):
            # The answer to "when shall we call?" ("at 3 instead", a time's button).
            return await ValidateScreeningForm().answer(
                "callback_time", text, dispatcher, tracker, domain
            )
        fixed = patient_corrected(text, dispatcher, tracker)
        if fixed:
            # The patient corrected with the answer ("it wasn't me, it was my father"): noted,
            # and the rest of the words read as usual, about the patient now noted.
            tracker.slots.update(fixed)
            said = answer_besides_the_correction(text, tracker)
            if said is not None:
                # "no lawyer. actually its my husband not me": the answer to the question
                # asked, said with the correction, is kept too.
                asked, answer = said
                rest = await ValidateScreeningForm().answer(
                    asked, answer, dispatcher, tracker, domain
                )
            else:
                rest = await self.correct(text, dispatcher, tracker, domain)
            return [*(SlotSet(k, v) for k, v in fixed.items()), *rest]
        return await self.correct(text, dispatcher, tracker, domain)

    async def correct(
        self,
        text: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        fixed = await corrected_after_lead(dispatcher, tracker)
        if fixed is not None:
            return fixed  # after the lead: the lead changes (or a lawsuit is noted)
        call = await change_call(text, dispatcher, tracker)
        if call is not None:
            if not call:
                return []
            moved: list[EventType] = [SlotSet(k, v) for k, v in call.items()]
            if tracker.get_slot("lead_reference"):
                moved += await update_lead(tracker, call, None)
            return moved

        found = find_change(text, slots_before_message(tracker))
        asked = tracker.get_slot("requested_slot") if in_the_form(tracker) else None
        if (
            found is None
            or found[0] == asked
            or not CORRECTION_WORDS.search(text)
            or corrects_its_own_answer(asked, text, tracker)
        ):
            # "nothing happened yet, I noticed before I took it" answers the harm question,
            # a bare "July 5, 2026" the question about the date of death (and a question
            # asked with it is answered there)
            answer = await answer_instead(dispatcher, tracker, domain)
            if answer is not None:
                return answer
        # "... it said sepsis. is this consultation free btw?": a question asked with a fix
        # or an answer is answered the first time, whatever the rest of the words do
        answer_questions(topics_asked(text, tracker), dispatcher, tracker)
        if found is None and asked in FREE_TEXT_SLOTS:
            # "they made a mistake with my care and I was hurt" tells what happened
            return await ValidateScreeningForm().answer(
                asked, text, dispatcher, tracker, domain
            )
        changes = apply_correction(text, dispatcher, tracker)
        if changes is None:
            # No earlier answer changed: maybe the answer to the question asked, with a
            # remark ("Karen Brennan-Ortiz. its all in my first text").
            answer = await answer_said_with_questions(dispatcher, tracker, domain)
            if answer:
                return answer
            if asked and not OWN_ANSWER.search(text):
                # Nothing of theirs to change ("they said oops basically" at "who was the
                # patient?"): read as the answer to the question asked, as any unclear
                # message is; "i made a mistake earlier" is asked what to change.
                return await ValidateScreeningForm().answer(
                    asked, text, dispatcher, tracker, domain
                )
            dispatcher.utter_message(response="utter_correction_unclear")
            return []
        if not changes:
            return []
        events: list[EventType] = [SlotSet(k, v) for k, v in changes.items()]
        if tracker.get_slot("lead_reference"):
            events += await update_lead(tracker, changes, dispatcher)
        elif tracker.get_slot("screening_outcome") is not None:
            events.append(SlotSet("screening_outcome", None))  # worked out again
        said = answer_besides_the_correction(text, tracker)
        if said is not None and said[0] not in changes:
            # "no lawyer. actually its my husband not me": the answer to the question asked,
            # said with the fix, is kept too.
            tracker.slots.update(changes)
            events += await ValidateScreeningForm().answer(
                *said, dispatcher, tracker, domain
            )
        return events


def corrects_its_own_answer(asked: str | None, text: str, tracker: Tracker) -> bool:
    """The words answer the date asked and take part of themselves back ("October 18, I said.
    Sorry, no wait, it was the 17th, the Saturday. She was delivered on the 20th" at "When did
    it happen?"): the answer as the date reader reads it (October 17), not a fix of another
    answer heard in the rest ("delivered" is no change of the kind of case)."""
    return (
        asked in DATE_SLOTS
        and after_self_correction(text) is not None
        and looks_like_answer(
            asked, text, sms=is_sms(tracker), reference=date_reference(asked, tracker)
        )
    )


def media_urls_of(metadata: Any) -> list[str]:
    """The links of the photos a message carried: ``metadata["media_urls"]`` (a list), or
    Twilio's own fields (``NumMedia``, ``MediaUrl0``...) when a channel passes them as they are."""
    if not isinstance(metadata, dict):
        return []
    urls = metadata.get("media_urls")
    if isinstance(urls, list):
        return [str(u) for u in urls if isinstance(u, str) and u.startswith("http")]
    try:
        count = int(metadata.get("NumMedia") or 0)
    except (TypeError, ValueError):
        count = 0
    found = [metadata.get(f"MediaUrl{i}") for i in range(min(count, 10))]
    return [u for u in found if isinstance(u, str) and u.startswith("http")]


# Facts a story can hold, in the order the form asks them; a death is heard below (with its
# condolence), a foreign object and a call everywhere.
STORY_SLOTS = (
    "incident_type",
    "state",
    "incident_date",
    "discovery_date",
    "patient_role",
    "patient_dob",
    "patient_deceased",
    "death_date",
    "government_facility",
    "already_represented",
    "represented_intent",
    "contact_name",
    "contact_phone",
    "contact_email",
)
LONG_STORY_WORDS = 25
# Slots the language model fills from its entities or its intent in this same message ("my"
# tagged as the patient, "antacids" heard as a medication error): where the words are clear,
# what the story says decides.
MODEL_TAGGED = ("state", "patient_role", "incident_type")


def tells_a_story(text: str) -> bool:
    """A message long enough to be (more of) the story: `reads_as_story`, or a long one that
    also asks something ("... is that normal?")."""
    return reads_as_story(text) or word_count(text) >= LONG_STORY_WORDS


def to_the_day(answer: parsing.DateAnswer | None) -> bool:
    """A date said to the day and not as an estimate ("August 12 2025", "April 14 to 17 2025"),
    not "in February" or "about 3 weeks ago"."""
    return (
        answer is not None
        and not answer.approximate
        and len(answer.value or "") == len("YYYY-MM-DD")
    )


# A year said, in digits or counted back ("feb 2025", "2 yrs ago right before christmas").
YEAR_SAID = re.compile(r"\b(?:19|20)\d\d\b|\b(?:years?|yrs?)\s+(?:ago|back)\b", re.I)
# Questions whose answers are dates themselves (or their read-back): a story told there is
# the date question's to read.
DATE_QUESTIONS = (*DATE_SLOTS, "confirm_date", "date_month")


def month_of_a_year_said(answer: parsing.DateAnswer | None, said: str | None) -> bool:
    """A month said with its year ("knee replacement feb 2025", "sent me home 2 yrs ago right
    before christmas"), not a month alone ("in february") nor a year alone ("in 2021")."""
    return (
        answer is not None
        and len(answer.value or "") == len("YYYY-MM")
        and bool(YEAR_SAID.search(said or ""))
    )


def care_month_told_in_passing(
    story: StoryFacts, asked: str | None, tracker: Tracker
) -> bool:
    """The month and year of the care, told in a story given in answer to another question
    ("florida. tampa. bayshore memorial ER sent me home 2 yrs ago right before christmas ..."
    at the state question; "knee replacement feb 2025 at gulf coast ..." when asked what
    happened): the date question's "a month and year is fine" is already answered, so it is
    kept as that question keeps a month (read back, "Is that right?") and not asked. A story
    told before any question ("during my c-section in march 2024") still gets the date
    question, which asks for the day; so does a month said at a date question (its own)."""
    return (
        asked is not None
        and asked not in DATE_QUESTIONS
        and not tracker.get_slot("date_to_confirm")  # one read-back at a time
        and month_of_a_year_said(
            story.incident_date, story.dates_said.get("incident_date")
        )
    )


def facts_in_story(text: str, tracker: Tracker) -> dict[str, Any]:
    """The facts a story states for questions not answered yet, as slot values: the form then
    validates them as answers (a date not exact is read back) and does not ask them again, and
    the summary confirms them. Never the question being asked (its answer is the form's), never
    a slot already answered (the model's tagging of this same message gives way), and a date
    only when said to the day (for "in February" the question asks which day, and reads back
    what it is told), or the care's month and year told in answer to another question
    (`care_month_told_in_passing`)."""
    asked = (
        tracker.get_slot("requested_slot") if tracker.active_loop.get("name") else None
    )
    story = read_story(text, today())
    found = story.as_slots()
    if (
        story.patient_role is None
        and tracker.get_slot("incident_type")
        and tracker.get_slot("patient_role") is None
    ):
        # Once the story is known, "i woke up and the bandage was on the WRONG LEG" tells
        # who the patient is without naming the care again.
        role = patient_role_in(text)
        if role:
            found["patient_role"] = role
    if found.get("already_represented") is True and not found.get("represented_intent"):
        wish = represented_intent_of(text)  # "he never calls me back": a second opinion
        if wish:
            found["represented_intent"] = wish
    if (
        story.patient_role is None
        and tracker.slots_to_validate().get("patient_role")
        and only_the_child_born_named(text)
    ):
        # "She had our daughter by c section": the daughter tagged as the patient is only the
        # child born; who the patient is is asked (here, his wife Ana)
        found["patient_role"] = None
        untag_role = True
    else:
        untag_role = False
    kind = found.get("incident_type") or tracker.get_slot("incident_type")
    if kind == "birth_injury" and "patient_dob" in (
        asked,
        asked == "confirm_date" and tracker.get_slot("date_to_confirm"),
    ):
        # asked the baby's birth date: "march 3rd. no wait, it was the 4th, the 3rd is when my
        # wife went in" gives the birth, and in a birth injury the birth is the care (the day
        # she went in is not its date)
        found.pop("incident_date", None)
        story = replace(story, incident_date=None)
    if (
        kind == "birth_injury"
        and story.incident_date is None
        and to_the_day(story.patient_dob)
    ):
        # "He was born on March 3 last year": in a birth injury the birth is the care
        found["incident_date"] = found["patient_dob"]
        story = replace(story, incident_date=story.patient_dob)
    if found.get("incident_type") == NOT_MEDMAL:
        del found["incident_type"]
    if found.get("patient_deceased") is True:
        del found["patient_deceased"]  # a death is heard with its condolence (below)
    facts: dict[str, Any] = {}
    just_tagged = {
        name: value
        for name, value in tracker.slots_to_validate().items()
        if name in MODEL_TAGGED
    }
    for name in STORY_SLOTS:
        value = found.get(name)
        if value is None or name == asked:
            continue
        if tracker.get_slot(name) is not None and name not in just_tagged:
            continue
        if just_tagged.get(name) == value:
            continue
        if name == "contact_name" and len(str(value).split()) < 2:
            # "Hello my name is Hector": a first name alone, "What is your full name?" asked
            continue
        if (
            name == "incident_type"
            and value == "other"
            and name in just_tagged
            and (
                parsing.words_name_the_kind(text, just_tagged[name])
                or not parsing.names_other_care(text)
            )
        ):
            # the model's kind, more precise than "other medical care"; not a kind the words
            # never name over the harm they do ("septic shock from a urinary infection ...
            # they could have treated it" is no medication error)
            continue
        if name in DATE_SLOTS and not (
            to_the_day(getattr(story, name))
            or (
                name == "incident_date"
                and care_month_told_in_passing(story, asked, tracker)
            )
        ):
            continue
        facts[name] = value
    if untag_role:
        facts["patient_role"] = None
    role = facts.get("patient_role")
    if role and not tracker.get_slot("patient_relation"):
        facts.update(relation_events(text, role))
    facts.update(
        case_facts_in_story(text, role or tracker.get_slot("patient_role"), tracker)
    )
    return facts


# The questions whose answers name the providers ("Who was involved?", "I have ... so far. Was
# anyone else involved?"): the form reads them.
PROVIDER_QUESTIONS = ("providers", "more_providers")


def case_facts_in_story(text: str, role: Any, tracker: Tracker) -> dict[str, Any]:
    """The case evaluation's facts a story tells, for its questions not answered yet (and not
    the one asked): the patient's name and age ("my father, Manuel Delgado, who is 72"), the
    providers it names ("St. Brendan Memorial Hospital"), how things are now ("now has severe
    heart failure ... is in a rehab facility"). Each is then not asked; the summary shows them."""
    asked = tracker.get_slot("requested_slot")

    def open_(slot: str) -> bool:
        return tracker.get_slot(slot) is None and slot != asked

    facts: dict[str, Any] = {}
    named = patient_named(text)
    if (
        named
        and role not in (None, "self")
        and parsing.parse_patient_role(f"my {named[0]}") == role
        and open_("patient_name")
    ):
        facts["patient_name"] = named[1]
        at = text.find(named[1])
        age = case_answers.age_said(text[at : at + len(named[1]) + 40])
        if age is not None and open_("patient_age"):
            facts["patient_age"] = age
    elif role == "self" and open_("patient_age"):
        # "I'm 52, I work as a school bus driver": the writer is the patient
        age = case_answers.own_age_said(text)
        if age is not None:
            facts["patient_age"] = age
    if asked not in PROVIDER_QUESTIONS:
        providers = case_answers.with_providers_named(
            tracker.get_slot("providers"), text, story=True
        )
        providers = facility_in(text, tracker, providers) or providers
        if providers:
            facts["providers"] = providers
    if open_("has_records"):
        # "No. Do I need my records before I talk to someone? I don't have any of them."
        records = case_answers.records_told(text)
        if records is not None:
            facts["has_records"] = records
    facts.update(harm_told(text, role, tracker))
    return facts


# The "no" that answers "has ... passed away?", before what the words say of how they are.
LEADING_NO = re.compile(r"^\W*(?:no+|nope|nah)\b\W*", re.I)


def harm_told(text: str, role: Any, tracker: Tracker) -> dict[str, Any]:
    """The harm a message tells before it is asked: in a long story ("my appendix burst and I
    needed emergency surgery ... I still get dizzy"), or in passing with the answer to another
    question ("like 3 wks later ... healed crooked now he needs surgery. is it to late??" at
    when they found out). Kept as ``harm_description`` (and how things are now, when the words
    say it with "now" or "still"), so the harm question is not asked; the summary reads it
    back. After a death the harm is never asked, so what led to it is kept from any message
    ("she had bedsores so bad they went to the bone ... until she was septic")."""
    asked = tracker.get_slot("requested_slot")
    if tracker.get_slot("harm_description") is not None or asked == "harm_description":
        return {}
    in_passing = bool(tracker.active_loop.get("name")) and asked is not None
    died = tracker.get_slot("patient_deceased") is True or (
        role != "self" and case_answers.tells_death(text)
    )
    if not in_passing and not died and word_count(text) < LONG_STORY_WORDS:
        # a short first message is what happened, not (yet) the harm; after a death the
        # harm is never asked ("my wife died in sept ... she had a brain bleed")
        return {}
    if is_emergency(text):
        return {}  # "my wife is bleeding heavily right now": 911 first, not the case's harm
    # with another answer, only how things are now (the harm question asks that); after a
    # death, whatever led to it (that question is never asked)
    now_only = in_passing and tracker.get_slot("patient_deceased") is not True
    if now_only and asked in YES_NO_SLOTS:
        rest = LEADING_NO.sub("", parsing.clean_answer(text) or text).strip()
        if (
            asked == "patient_deceased"
            and rest
            and case_answers.classify_harm(rest) == "recovered"
        ):
            # "no. shes ok now. 2 days in golisano": how she is now and what it took,
            # the harm question's whole answer
            return {"harm_description": rest[:2000]}
        return {}  # "no she is fighting it. chemo now": a yes or no, the harm still asked
    harm = case_answers.harm_in_story(
        parsing.clean_answer(text) or text, now_only=now_only
    )
    if not harm:
        return {}
    harm = case_answers.without_hedge(harm)  # "idk like right after ..."
    facts: dict[str, Any] = {"harm_description": harm[:2000]}
    severity = case_answers.severity_in_story(harm)
    if (
        severity
        and tracker.get_slot("harm_severity") is None
        and asked != "harm_severity"
        and not (severity == "death" and role == "self")
    ):
        facts["harm_severity"] = severity
    return facts


def records_in(text: str, tracker: Tracker) -> dict[str, Any]:
    """Whether the records are in hand, told with the answer to another question ("No. Do I
    need my records before I talk to someone? I don't have any of them." at the question
    about a lawyer): kept, so the records question is not asked."""
    if (
        tracker.get_slot("has_records") is not None
        or tracker.get_slot("requested_slot") == "has_records"
    ):
        return {}
    records = case_answers.records_told(text)
    return {} if records is None else {"has_records": records}


def public_hospital_in(text: str, tracker: Tracker) -> dict[str, Any]:
    """A government hospital named in an answer to another question ("Pennsylvania. The VA in
    Pittsburgh" at the state question): the public-hospital question is then not asked."""
    if (
        tracker.get_slot("government_facility") is not None
        or tracker.get_slot("requested_slot") == "government_facility"
    ):
        return {}
    public = read_story(text, today()).government_facility
    return {} if public is None else {"government_facility": public}


def providers_in(text: str, tracker: Tracker) -> dict[str, Any]:
    """Providers named in an answer to another question ("3. oh and the dr at the VA was dr
    kim, john d dingell VA medical center" at the records question): kept with the others."""
    if tracker.get_slot("requested_slot") in PROVIDER_QUESTIONS:
        return {}  # the answer itself: the form reads it
    providers = case_answers.with_providers_named(tracker.get_slot("providers"), text)
    providers = facility_in(text, tracker, providers) or providers
    return {"providers": providers} if providers else {}


def facility_in(
    text: str, tracker: Tracker, providers: list[dict[str, str]] | None = None
) -> list[dict[str, str]] | None:
    """The providers with the place named in the answer to the public-hospital question ("2.
    miami valley hospital in dayton", "No, it's a private nursing home, Oak Valley Care
    Center"): kept, so the providers question reads it back ("I have ... so far") instead of
    asking who was involved from scratch; None when the answer names no place, or another
    question was asked."""
    if tracker.get_slot("requested_slot") != "government_facility":
        return None
    kept = providers if providers is not None else tracker.get_slot("providers")
    return case_answers.with_facility_named(kept, text)


class ActionHearFacts(Action):
    """Reads every message for what matters whatever question it answers. Rasa runs it right
    after each message, in the form or not, as `action_validate_slot_mappings` (the end of
    `action_extract_slots`; the only action there whose messages reach the person):

    * a death ("My mom passed away"): acknowledged warmly at once, `patient_deceased` true (never
      asked), the patient's role and relation taken from the same words;
    * a request for a call ("can someone call me back"): `callback_wanted` true, on every path;
    * a photo (MMS): acknowledged, its link kept for the lead (`media_urls`);
    * a birth date said as one ("she's 54, born march 3 1972"): kept as `patient_dob`;
    * the phone hard for them ("I don't hear very well on the phone"): said to be noted for
      staff, who can email or text instead (`reach_notes` keeps their words for the lead);
    * every fact a story holds (`facts_in_story`: the kind of matter, the state, the dates, the
      patient, a lawyer, the person's name, phone and email), for the questions not answered
      yet; in a short answer only a public hospital named in passing ("Pennsylvania. The VA
      in Pittsburgh"), the providers it names ("oh and the dr at the VA was dr kim"), the
      records said to be in hand or not ("I don't have any of them") and the harm told in
      passing (`harm_told`: "healed crooked now he needs surgery" with when they
      found out).

    After the lead was written, what it heard reaches the lead too."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        text = " ".join((message.get("text") or "").split())
        intent = (message.get("intent") or {}).get("name")
        if intent in ("restart", "stop") and (means_stop(text) or means_restart(text)):
            return []  # (the words said so: nothing is kept)
        slot = tracker.get_slot
        heard: dict[str, Any] = {}
        urls = media_urls_of(message.get("metadata"))
        kept = list(slot("media_urls") or [])
        new_urls = [u for u in urls if u not in kept]
        if new_urls:
            heard["media_urls"] = kept + new_urls
            dispatcher.utter_message(response="utter_photo_received")
        if text and slot("foreign_object") is not True and foreign_object_in(text):
            heard["foreign_object"] = (
                True  # "they left a sponge in me": its own deadline rule
            )
        if text and intent != "correct_answer":
            heard.update(patient_corrected(text, dispatcher, tracker))
        if text and not slot("lead_reference") and intent != "correct_answer":
            if tells_a_story(text):
                heard.update(facts_in_story(text, tracker))
            elif tracker.active_loop.get("name"):
                heard.update(public_hospital_in(text, tracker))
                heard.update(providers_in(text, tracker))
                heard.update(records_in(text, tracker))
                heard.update(
                    harm_told(
                        text, heard.get("patient_role") or slot("patient_role"), tracker
                    )
                )
        elif text and not slot("lead_reference") and tracker.active_loop.get("name"):
            # a correction's facts are the correction's to apply; the harm told with it
            # ("not until the death certificate came in june, it said sepsis") is no fix
            heard.update(harm_told(text, slot("patient_role"), tracker))
        role = heard.get("patient_role") or slot("patient_role")
        if (
            text
            and role != "self"
            and slot("patient_deceased") is not True
            # "my son was stillborn last week": a baby's death, its loss acknowledged
            and (mentions_death(text) or parsing.says_stillborn(text))
        ):
            heard["patient_deceased"] = True
            relation = relation_in(text)
            if relation and not role:
                role = parsing.parse_patient_role(f"my {relation}")
                heard["patient_role"] = role
            if not slot("patient_relation") and not heard.get("patient_relation"):
                heard.update(relation_events(text, role))
            if not slot("death_acknowledged"):
                heard["death_acknowledged"] = True
                if slot("requested_slot") != "patient_deceased":
                    # (asked "has ... passed away?", the next question itself says sorry)
                    who = heard.get("patient_called") or (
                        slot("patient_called") if slot("patient_relation") else None
                    )
                    dispatcher.utter_message(
                        response="utter_condolence", who=who or "your loss"
                    )
        born = parsing.birth_date_in(text, today()) if text else None
        if (
            born is not None
            and born.value
            and not slot("patient_dob")
            and slot("requested_slot") != "patient_dob"
            and not date_order_problem("patient_dob", born.value, tracker)
        ):
            # "she's 54, born march 3 1972" at another question: kept for the lead
            heard["patient_dob"] = born.value
        heard.update(answer_the_form_skipped(text, intent, tracker))
        heard.update(object_left_in_the_mother({**tracker.slots, **heard}, tracker))
        if (
            text
            and parsing.phone_is_hard(text)
            and not times_answered(PHONE_HARD_NOTED, tracker)
            and "ask_will_call" not in parsing.question_topics(text)
        ):
            # "I don't hear very well on the phone": noted for staff (reach_notes), who can
            # email or text instead (a question whether a lawyer will call says it itself)
            dispatcher.utter_message(response="utter_reach_in_writing")
        if text and slot("callback_wanted") is not True and wants_a_call(text):
            # ("when will someone call me?" is a question, not a request: wants_a_call knows)
            heard["callback_wanted"] = True
            # ("or you could call my son Greg" with the number: the call time is asked next)
            if intent != "request_human" and slot("requested_slot") not in (
                "callback_wanted",
                "contact_phone",
            ):
                dispatcher.utter_message(response="utter_callback_noted")
        events: list[EventType] = [SlotSet(k, v) for k, v in heard.items()]
        if (
            (heard or (text and when_reachable(text)))
            and slot("lead_reference")
            and not tracker.active_loop.get("name")
        ):
            # (after the lead, "I am home all day except Tuesday and Thursday mornings" joins
            # what staff know about reaching them: `reach_notes`)
            events += await update_lead(tracker, heard, None)
        return events


# Intents the form does not take its answer from (domain.yml, the form's ignored_intents)
# that often come with one: "denise@example.com. Can someone call me in the mornings?".
ASKS_WITH_AN_ANSWER = {*QUESTION_INTENTS, "request_human"}


def answer_the_form_skipped(
    text: str, intent: str | None, tracker: Tracker
) -> dict[str, Any]:
    """The answer to the question asked, when the language model heard a question or a
    request for a person in the same words (so the form took no answer from them): the
    words, or the one sentence of them, that read as a plain answer, for the form to
    validate; else {}."""
    asked = tracker.get_slot("requested_slot") if in_the_form(tracker) else None
    if not asked or not text or intent not in ASKS_WITH_AN_ANSWER:
        return {}
    if asked in tracker.slots_to_validate():
        return {}
    said = parsing.answer_sentences(text)
    # all the words that ask nothing before one sentence of them: "No. October 6th. Are you
    # even reading what I write?" at a read-back is "No. October 6th.", not "No."
    parts = dict.fromkeys([text, " ".join(said), *said])
    for part in parts:
        if part and looks_like_answer(
            asked, part, sms=is_sms(tracker), reference=date_reference(asked, tracker)
        ):
            return {asked: part}
    return {}


def about_their_lawyer(text: str) -> bool:
    """First words about the lawyer they already have ("I already have a lawyer but he never
    calls me back"), or had ("my attorney dropped my case and I want a new lawyer"): a second
    opinion, a change or a new lawyer, so a screening like any other."""
    return read_story(text, today()).already_represented is True or parsing.lawyer_gone(
        text
    )


# --- after a decline: the matter is not medical malpractice ----------------------------------
# What is still handled as ever after a decline: an emergency, start over, stop, a correction,
# another language, and the common questions (unless they ask for the referral).
AS_EVER_AFTER_DECLINE = frozenset(
    {"report_emergency", "restart", "stop", "correct_answer", "non_english"}
    | QUESTION_INTENTS
)
MEDMAL_INTENTS = frozenset(
    {
        "describe_surgical_error",
        "describe_birth_injury",
        "describe_medication_error",
        "describe_misdiagnosis",
        "describe_anesthesia_error",
        "describe_other_negligence",
    }
)
THANKS = re.compile(r"\b(?:thanks?|thank\s+you|thx|ty|appreciate\s+it)\b", re.I)
BYE = re.compile(r"\b(?:bye|goodbye|good\s+night|take\s+care|see\s+ya)\b", re.I)
ASKS_ADVICE = re.compile(
    r"\?|\b(?:what\s+(?:do|should|can)\s+i|should\s+i|is\s+(?:that|it|this)\s+(?:enough|fair|good"
    r"|worth)|(?:can|could)\s+i\s+(?:sue|get))\b",
    re.I,
)


def declined(tracker: Tracker) -> bool:
    """Whether this conversation was told its matter is not medical malpractice (and no
    screening runs now)."""
    return (
        not in_the_form(tracker) and tracker.get_slot("screening_outcome") == NOT_MEDMAL
    )


def heard_after_decline(text: str, intent: str | None) -> bool:
    """Whether a message after a decline gets the reply after a decline (`after_decline_reply`)
    rather than what it would get otherwise: anything but an emergency, start over, stop, a
    correction, a common question, or a matter that is medical malpractice after all ("the ER
    doctor also missed my broken wrist"), which is screened."""
    if parsing.asks_for_a_referral(text):
        return True
    if intent in AS_EVER_AFTER_DECLINE or means_restart(text) or means_stop(text):
        return False
    kind = parsing.parse_incident_type(text) if text else None
    if kind is not None and kind != NOT_MEDMAL:
        return False
    return not (intent in MEDMAL_INTENTS and kind is None)


def after_decline_reply(text: str, intent: str | None, state: str | None) -> str:
    """What a person hears when they keep writing after the decline: never the greeting, nor
    the decline again. How to find the referral service when they ask ("how do i find the
    state bar thing"), a kind goodbye to a thanks, else a short pointer to the referral; never
    advice on their matter."""
    search = (
        f'"{parsing.state_name(state)} State Bar lawyer referral service"'
        if state
        else 'your state\'s name and "State Bar lawyer referral service"'
    )
    if parsing.asks_for_a_referral(text):
        found = (
            f"I don't have its exact web address, but searching online for {search} will "
            "bring it up."
            if parsing.asks_for_the_web_address(text)
            else f"To find it, search online for {search}."
        )
        return (
            f"{found} The state bar's website lists the service and its phone "
            "number; you can call them or fill in their short form, and they'll put you in "
            "touch with a lawyer who handles this kind of case."
            + ("" if state else " Your local county bar association may have one too.")
        )
    if intent in ("thank", "goodbye") or THANKS.search(text) or BYE.search(text):
        return (
            "You're welcome, and I'm sorry we couldn't help with this one. I hope the "
            "lawyer referral service finds you the right lawyer. Take care."
        )
    advice = (
        "I'm not able to advise on that, but a lawyer can. "
        if ASKS_ADVICE.search(text)
        else ""
    )
    return (
        f"I'm sorry we can't help with this one. {advice}Your state bar's lawyer referral "
        f"service can put you in touch with a lawyer who handles this kind of case: search "
        f"online for {search}. If something also went wrong with your medical care, tell "
        "me what happened."
    )


async def reply_after_decline(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType]:
    """Says `after_decline_reply` to the latest message, and listens."""
    text = " ".join((tracker.latest_message.get("text") or "").split())
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    state = tracker.get_slot("state") or parsing.parse_state(text)
    dispatcher.utter_message(text=after_decline_reply(text, intent, state))
    return [FollowupAction("action_listen")]


# Words that say the matter is the one already told ("i already told u. wisdom teeth nerve
# damage"): no second screening of it.
ALREADY_TOLD = re.compile(
    r"\b(?:already\s+(?:told|said|explained|gave|sent)|(?:i|we)\s+(?:just\s+)?told\s+(?:you|u|ya)"
    r"|as\s+i\s+(?:said|told\s+(?:you|u)))\b",
    re.I,
)


async def reply_after_lead(
    dispatcher: CollectingDispatcher, tracker: Tracker, greeting: bool = False
) -> list[EventType] | None:
    """After the lead was written, outside the screening: a greeting ("hello?? do u do dental
    cases") or the matter told again ("i already told u. wisdom teeth nerve damage") is no
    new screening: its questions are answered, and they hear that their file is with the team
    (one lead per screening). None for anything else (a new matter starts a screening)."""
    reference = tracker.get_slot("lead_reference")
    if (
        not reference
        or tracker.active_loop.get("name")
        # a decline or their own lawyer: what was said then stands, as ever
        or tracker.get_slot("screening_outcome") in (NOT_MEDMAL, REPRESENTED)
    ):
        return None
    text = " ".join((tracker.latest_message.get("text") or "").split())
    if not greeting and not ALREADY_TOLD.search(text):
        return None
    answer_questions(parsing.question_topics(text), dispatcher, tracker)
    dispatcher.utter_message(response="utter_lead_kept", reference=reference)
    return [FollowupAction("action_listen")]


class ActionGreet(Action):
    """A greeting outside the screening: the introduction and "tell me what happened". After a
    decline (not medical malpractice), "hello?? can you just tell me the website" is no fresh
    start: it gets the reply after a decline, never the whole greeting again."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if declined(tracker):
            return await reply_after_decline(dispatcher, tracker)
        kept = await reply_after_lead(dispatcher, tracker, greeting=True)
        if kept is not None:
            return kept
        dispatcher.utter_message(response="utter_intro")
        dispatcher.utter_message(response="utter_ask_what_happened")
        return []


class ActionNotUnderstood(Action):
    """A message the language model was not sure of. In the screening it is read as the answer
    to the question asked (validated as the form would; a story is added to the story).
    Outside it, a message that tells what happened, or about the lawyer they already have,
    starts the screening; anything else gets "Sorry, I didn't quite follow"."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = " ".join((tracker.latest_message.get("text") or "").split())
        asked = tracker.get_slot("requested_slot")
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if declined(tracker) and heard_after_decline(text, intent):
            # After "we only handle medical malpractice": never "Sorry, I didn't quite follow"
            # ("how do i find the state bar thing", "ok thanks i guess").
            return await reply_after_decline(dispatcher, tracker)
        if tracker.active_loop.get("name"):
            topics = topics_asked(text, tracker) if asked else []
            if topics:
                # "Darnell Price. will it be today?": the question answered, the rest kept.
                answer_questions(topics, dispatcher, tracker)
                return await answer_said_with_questions(dispatcher, tracker, domain)
            if asked and text:
                return await ValidateScreeningForm().answer(
                    asked, text, dispatcher, tracker, domain
                )
            dispatcher.utter_message(response="utter_default")
            return []
        fixed = await corrected_after_lead(dispatcher, tracker)
        if fixed is not None:
            return fixed  # "The medicine was given the night of the 16th, not the 17th"
        started = await screening_from_story(text, dispatcher, tracker, domain)
        if started is None and not intro_was_shown(tracker):
            # A first message not understood ("Hi, I'm not sure if this is the right place")
            # still gets the welcome, the disclaimers and "tell me what happened".
            dispatcher.utter_message(response="utter_intro")
            dispatcher.utter_message(response="utter_ask_what_happened")
            return []
        if started is None:
            dispatcher.utter_message(response="utter_default")
            return []
        return started


async def screening_from_story(
    text: str,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: DomainDict,
) -> list[EventType] | None:
    """Outside the screening, before any lead: a message that tells what happened (a kind of
    matter, a death, a relative's story, their own lawyer) starts the screening with the
    greeting and the disclaimers (and the answers to questions it asks); None for any other
    message."""
    if tracker.active_loop.get("name") or tracker.get_slot("lead_reference"):
        return None
    kind = parsing.parse_incident_type(text) if text else None
    # After the 911 advice, "no not now. this was back in june" starts the screening.
    past_emergency = emergency_seen_to(tracker) or (
        last_bot_response(tracker) == "utter_emergency"
        and (leading_yes_no(text) is False or bool(NOT_NOW.search(text)))
    )
    # "No, that was in July, I'm not in danger now": the message the advice answered was the
    # story, told in the past; it is what happened, not this reply.
    before = (
        told_before_the_advice(tracker)
        if past_emergency and not emergency_seen_to(tracker)
        else ""
    )
    if before and not reads_as_story(before):
        before = ""
    # "ok the ambulance took him. he is ok now. it was the wrong pills" after the advice, a
    # story of its own: the emergency it answered told what happened too, and begins it
    told_first = "" if past_emergency else story_told_with_the_emergency(tracker)
    if before:
        kind = kind or parsing.parse_incident_type(before)
    story = bool(text) and (
        past_emergency
        or (kind is not None and kind != NOT_MEDMAL)
        or mentions_death(text)
        or (reads_as_story(text) and relation_in(text) is not None)
        or about_their_lawyer(text)
    )
    if not story:
        return None
    events = await ActionAcknowledgeMatter().run(dispatcher, tracker, domain)
    if kind and kind != NOT_MEDMAL and not tracker.get_slot("incident_type"):
        events.append(SlotSet("incident_type", kind))
    told = parsing.clean_answer(text)
    only_their_lawyer = (
        about_their_lawyer(text)
        and parsing.parse_incident_type(told) in (None, NOT_MEDMAL)
        and not mentions_death(told)
    )  # "I already have a lawyer ... Can I get a second opinion?": what happened is asked
    if before and not tracker.get_slot("incident_description"):
        told_before = parsing.clean_answer(before)
        if told_before:
            events.append(SlotSet("incident_description", told_before[:4000]))
    elif told_first and not tracker.get_slot("incident_description"):
        first = parsing.clean_answer(told_first)
        said = " ".join(w for w in (first, told) if w)
        events.append(SlotSet("incident_description", said[:4000]))
        role = parsing.parse_patient_role(
            str(tracker.get_slot("patient_role") or "")
        ) or patient_role_in(first)
        if role and not tracker.get_slot("patient_relation"):
            # "my husband": the summary names him as she did
            events += [
                SlotSet(name, value)
                for name, value in relation_events(first, role).items()
            ]
    elif (
        not tracker.get_slot("incident_description")
        and not past_emergency
        and not only_their_lawyer
        and told
    ):
        events.append(SlotSet("incident_description", told[:4000]))
    return [*events, FollowupAction("screening_form")]


def object_left_in_the_mother(
    slots: dict[str, Any], tracker: Tracker
) -> dict[str, Any]:
    """A birth injury heard from "She had our daughter by c section", once the patient is
    known to be the mother (the person or their spouse) and an object was left inside her ("a
    CT scan found a sponge they left inside her"): a surgical error, not the child's birth
    injury; never over a kind the person chose at its question."""
    if (
        slots.get("incident_type") != "birth_injury"
        or slots.get("patient_role") not in ("self", "spouse")
        or slots.get("foreign_object") is not True
        # (her date of birth, asked for a birth injury, is answered first)
        or slots.get("requested_slot") == "patient_dob"
    ):
        return {}
    chosen = any(
        e.get("event") == "slot"
        and e.get("name") == "requested_slot"
        and e.get("value") == "incident_type"
        for e in tracker.events
    )
    return {} if chosen else {"incident_type": "surgical_error"}
