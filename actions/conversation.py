"""What a person can do at any point in the screening: ask a question, ask for a person, correct
an earlier answer, or stop. Each returns control to the form (the rules say so), which then asks
its current question again."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import parsing
from actions.intake import (
    DATE_SLOTS,
    date_order_problem,
    looks_like_answer,
    today,
)

QUESTION_INTENTS = {
    "ask_fees",
    "ask_what_is_malpractice",
    "ask_case_duration",
    "ask_records",
    "ask_confidentiality",
    "ask_statute_of_limitations",
    "bot_challenge",
}


def answer_instead(tracker: Tracker) -> list[EventType] | None:
    """When the message taken for an interruption is really a plain answer to the form's question,
    the events that hand it to the form as that answer (the form validates it next); else None."""
    slot = (
        tracker.get_slot("requested_slot") if tracker.active_loop.get("name") else None
    )
    text = tracker.latest_message.get("text") or ""
    if looks_like_answer(slot, text):
        return [SlotSet(slot, text)]
    return None


class ActionAnswerQuestion(Action):
    """Answers one of the common questions with its `utter_faq_<intent>` response."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answer = answer_instead(tracker)
        if answer is not None:
            return answer
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in QUESTION_INTENTS:
            dispatcher.utter_message(response=f"utter_faq_{intent}")
        else:
            dispatcher.utter_message(response="utter_default")
        return []


class ActionOfferHuman(Action):
    """Gives the firm's number and offers a callback; the form then asks `callback_wanted`."""

    def name(self) -> str:
        return "action_offer_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answer = answer_instead(tracker)
        if answer is not None:
            return answer
        dispatcher.utter_message(response="utter_human")
        return [SlotSet("callback_requested", True), SlotSet("callback_wanted", None)]


class ActionStopScreening(Action):
    """Stops the screening: nothing more is asked, and no lead is written."""

    def name(self) -> str:
        return "action_stop_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_stopped")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


def _years(text: str) -> list[str]:
    return re.findall(r"\b(19\d\d|20\d\d)\b", text)


def find_correction(text: str, slots: dict[str, Any]) -> tuple[str, Any] | None:
    """Which earlier answer a correction changes, and to what: `("state", "AZ")`,
    `("incident_date", "2021-03-05")`, or None when it cannot be told.

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
    if re.search(r"\bborn|birth", lowered):
        date_slot = "patient_dob"
    elif re.search(r"found out|learn|discover|reali[sz]|diagnos", lowered):
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
        answer = parsing.parse_date(
            re.sub(r"\bnot\s+(in\s+)?(19|20)\d\d\b", "", text), today()
        )
        if answer.value:
            return target, answer.value
    state = parsing.parse_state(text)
    if state:
        return "state", state
    return None


class ActionCorrectAnswer(Action):
    """Changes an earlier answer ("sorry, it was 2021, not 2022"; "actually it was in Arizona")."""

    def name(self) -> str:
        return "action_correct_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        found = find_correction(text, tracker.current_slot_values())
        if not found:
            dispatcher.utter_message(response="utter_correction_unclear")
            return []
        slot, value = found
        if slot in DATE_SLOTS:
            problem = date_order_problem(slot, value, tracker)
            if problem or (parsing.parse_date(value, today()).problem == "future"):
                dispatcher.utter_message(
                    response=problem or "utter_invalid_date_future",
                    incident_date=parsing.humanize_date(
                        tracker.get_slot("incident_date") or ""
                    ),
                )
                return []
            dispatcher.utter_message(
                response=f"utter_changed_{slot}", date=parsing.humanize_date(value)
            )
        elif slot == "state":
            dispatcher.utter_message(
                response="utter_changed_state", state_name=parsing.state_name(value)
            )
        else:
            dispatcher.utter_message(response="utter_changed_contact_details")
        events: list[EventType] = [SlotSet(slot, value)]
        if tracker.get_slot("screening_outcome") is not None:
            events.append(
                SlotSet("screening_outcome", None)
            )  # the outcome is worked out again
        return events
