"""The screening form: which questions apply, and turning each answer into a clean slot value.

`ValidateScreeningForm.required_slots()` is the one place that decides what is asked and in which
order (skipping what was already said and what does not apply); every `validate_<slot>` takes the
person's words, cleans them with `actions.parsing`, and either returns `{slot: value}` or rejects
with `utter_invalid_<slot>` so the question is asked again.

Dates are read back when they were not given exactly ("last March" -> "March 2025, is that
right?"): the validator stores the value and names it in `date_to_confirm`, which puts
`confirm_date` in the list right after it. A season ("spring of 2023") puts `date_month` first.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import parsing
from actions.evaluation import CHOICE_SLOTS, CaseEvaluation, looks_like_case_answer
from bot.leads import vocabulary
from bot.leads.vocabulary import INTENT_TO_INCIDENT_TYPE, NOT_MEDMAL

DATE_SLOTS = ("incident_date", "discovery_date", "patient_dob", "death_date")
INCIDENT_TYPES = vocabulary.INCIDENT_TYPES

SEASON_MONTHS = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "fall": (9, 10, 11),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
}
MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
DEATH_WORDS = re.compile(
    r"\b(died|passed|deceased|gone|didn'?t make it|did not make it|lost (him|her|them|my))\b",
    re.I,
)
SKIP_WORDS = re.compile(
    r"^\s*(skip|no|none|n/?a|no email|i don'?t have (one|an email)|prefer not|rather not)\b",
    re.I,
)


def today() -> dt.date:
    return dt.date.today()


def _latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def earliest_day(iso: str | None) -> dt.date | None:
    """The earliest day an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) can mean."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    return dt.date(
        parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
    )


def latest_day(iso: str | None) -> dt.date | None:
    """The latest day an ISO date can mean (used to compare partial dates generously)."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def might_be_minor(role: str | None, incident_type: str | None) -> bool:
    """Ask the patient's date of birth only where age can matter: a child, a birth injury, or a
    patient other than the person (or their spouse or parent) who may have been under 18."""
    return incident_type == "birth_injury" or role in {"child", "other_family", "other"}


class ValidateScreeningForm(CaseEvaluation, FormValidationAction):
    def name(self) -> str:
        return "validate_screening_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slot = tracker.get_slot
        if slot("incident_type") == NOT_MEDMAL:
            return ["incident_type"]
        facts = [
            "incident_type",
            "incident_description",
            "state",
            "incident_date",
            "discovery_date",
            "patient_role",
        ]
        if might_be_minor(slot("patient_role"), slot("incident_type")):
            facts.append("patient_dob")
        if slot("patient_role") not in (None, "self"):
            facts.append("patient_deceased")
            if slot("patient_deceased") is True:
                facts.append("death_date")
        facts += ["government_facility", "already_represented"]
        contact = ["contact_name", "contact_phone", "contact_email", "contact_consent"]

        if slot("callback_wanted") is True:
            # They asked for a call: keep what we have, ask only how to reach them.
            required = [s for s in facts if slot(s) is not None] + [
                "contact_name",
                "contact_phone",
                "contact_consent",
            ]
        elif slot("already_represented") is True:
            required = facts  # no solicitation: no contact questions
        else:
            required = facts + contact
        # --- case evaluation (actions/evaluation.py): its questions placed in the list ---
        required = self.case_evaluation_slots(tracker, required)
        if slot("callback_requested"):
            required.insert(0, "callback_wanted")
        hint = slot("date_hint")
        if isinstance(hint, dict) and hint.get("slot") in required:
            required.insert(required.index(hint["slot"]), "date_month")
        pending = slot("date_to_confirm")
        if pending in required:
            required.insert(required.index(pending) + 1, "confirm_date")
        return required

    # --- what happened ------------------------------------------------------------------------
    def validate_incident_type(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = _text(value)
        if text in INCIDENT_TYPES:
            return {"incident_type": text}
        kind = parsing.parse_incident_type(text) or INTENT_TO_INCIDENT_TYPE.get(
            _latest_intent(tracker) or ""
        )
        if kind:
            return {"incident_type": kind}
        dispatcher.utter_message(response="utter_invalid_incident_type")
        return {"incident_type": None}

    def validate_incident_description(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = " ".join(_text(value).split())
        if len(re.findall(r"[^\W\d_]{2,}", text)) < 2:
            dispatcher.utter_message(response="utter_invalid_incident_description")
            return {"incident_description": None}
        return {"incident_description": text[:2000]}

    def validate_state(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        code = parsing.parse_state(_text(value))
        if not code and tracker.get_slot("requested_slot") == "state":
            # Only an answer to the question is rejected aloud; a state the model thought it heard
            # in the first message is just dropped, and the question comes in its turn.
            dispatcher.utter_message(response="utter_invalid_state")
        return {"state": code}

    # --- dates ----------------------------------------------------------------------------------
    def _validate_date(
        self,
        slot_name: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        text = _text(value)
        reference = (
            tracker.get_slot("incident_date") if slot_name != "incident_date" else None
        )
        if slot_name == "patient_dob":
            reference = None
        answer = parsing.parse_date(text, today(), reference=reference)
        if answer.season_year and not answer.value:
            dispatcher.utter_message(
                response="utter_which_month_of_season",
                season=answer.season or "that season",
                season_year=answer.season_year,
            )
            return {
                slot_name: None,
                "date_month": None,
                "date_hint": {
                    "slot": slot_name,
                    "year": answer.season_year,
                    "season": answer.season or "",
                },
            }
        if answer.problem == "future":
            dispatcher.utter_message(response="utter_invalid_date_future")
            return {slot_name: None}
        if not answer.value:
            if _latest_intent(tracker) == "unsure" or re.search(
                r"\b(not sure|don'?t know|no idea|can'?t remember|unsure)\b", text, re.I
            ):
                if slot_name == "discovery_date" and reference:
                    # Not knowing when they found out: count from the care itself (the earliest, safest date).
                    return {slot_name: reference}
                dispatcher.utter_message(response="utter_date_unknown")
            else:
                dispatcher.utter_message(response="utter_invalid_date")
            return {slot_name: None}
        return self._accept_date(
            slot_name, answer.value, answer.exact, dispatcher, tracker
        )

    def _accept_date(
        self,
        slot_name: str,
        iso: str,
        exact: bool,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        problem = date_order_problem(slot_name, iso, tracker)
        if problem:
            dispatcher.utter_message(
                response=problem,
                incident_date=parsing.humanize_date(
                    tracker.get_slot("incident_date") or ""
                ),
            )
            return {slot_name: None}
        events: dict[str, Any] = {slot_name: iso, "date_hint": None}
        if not exact:
            # One response per date slot ("Just to check, I have the date of birth as ...").
            dispatcher.utter_message(
                response=f"utter_read_back_{slot_name}", date=parsing.humanize_date(iso)
            )
            events.update({"date_to_confirm": slot_name, "confirm_date": None})
        return events

    def validate_incident_date(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return self._validate_date("incident_date", value, dispatcher, tracker)

    def validate_discovery_date(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return self._validate_date("discovery_date", value, dispatcher, tracker)

    def validate_patient_dob(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return self._validate_date("patient_dob", value, dispatcher, tracker)

    def validate_death_date(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return self._validate_date("death_date", value, dispatcher, tracker)

    def validate_confirm_date(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        pending = tracker.get_slot("date_to_confirm")
        answer = parsing.parse_yes_no(_text(value))
        if answer is True or pending is None:
            return {"confirm_date": True, "date_to_confirm": None}
        if answer is False:
            dispatcher.utter_message(response="utter_fix_date")
            return {"confirm_date": True, "date_to_confirm": None, pending: None}
        # They may have typed the right date instead of yes/no.
        corrected = parsing.parse_date(_text(value), today())
        if corrected.value and not corrected.problem:
            events = self._accept_date(
                pending, corrected.value, True, dispatcher, tracker
            )
            if events.get(pending):
                events.update({"confirm_date": True, "date_to_confirm": None})
            return events
        dispatcher.utter_message(response="utter_invalid_yes_no")
        return {"confirm_date": None}

    def validate_date_month(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        hint = tracker.get_slot("date_hint") or {}
        target, year = hint.get("slot"), hint.get("year")
        if not target or not year:
            return {"date_month": "n/a", "date_hint": None}
        text = _text(value).lower()
        month = next(
            (num for name, num in MONTHS.items() if re.search(rf"\b{name}\b", text)),
            None,
        )
        if month is None:
            # Not sure: count from the season's first month, the earliest and so the safest.
            months = SEASON_MONTHS.get(hint.get("season", ""), (1,))
            month = months[0]
            iso_year = year - 1 if month == 12 else year
            iso = f"{iso_year}-{month:02d}"
        else:
            iso_year = (
                year - 1 if hint.get("season") == "winter" and month == 12 else year
            )
            iso = f"{iso_year}-{month:02d}"
        events = self._accept_date(target, iso, True, dispatcher, tracker)
        events["date_month"] = "given"
        events["date_hint"] = None
        return events

    # --- who ------------------------------------------------------------------------------------
    def validate_patient_role(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = _text(value)
        roles = set(vocabulary.PATIENT_ROLES)
        role = text if text in roles else parsing.parse_patient_role(text)
        if not role and tracker.get_slot("requested_slot") == "patient_role":
            dispatcher.utter_message(response="utter_invalid_patient_role")
        return {"patient_role": role}

    def _yes_no(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        reject: bool = True,
    ) -> bool | None:
        """Yes or no from the words (or the yes/no intent); None, asked again, when neither."""
        answer = (
            value if isinstance(value, bool) else parsing.parse_yes_no(_text(value))
        )
        if answer is None:
            answer = {"affirm": True, "deny": False}.get(_latest_intent(tracker) or "")
        if answer is None and reject:
            dispatcher.utter_message(response="utter_invalid_yes_no")
        return answer

    def validate_patient_deceased(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if DEATH_WORDS.search(_text(value)):
            return {
                "patient_deceased": True
            }  # "she died", "we lost him": a yes in other words
        return {"patient_deceased": self._yes_no(value, dispatcher, tracker)}

    def validate_government_facility(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        answer = self._yes_no(value, dispatcher, tracker, reject=False)
        if answer is None:
            if _latest_intent(tracker) == "unsure" or re.search(
                r"\b(not sure|don'?t know|no idea|unsure|maybe)\b", _text(value), re.I
            ):
                # Unknown is recorded as "not known to be public"; the inbox shows the transcript.
                return {"government_facility": False}
            dispatcher.utter_message(response="utter_invalid_yes_no")
        return {"government_facility": answer}

    def validate_already_represented(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return {"already_represented": self._yes_no(value, dispatcher, tracker)}

    def validate_callback_wanted(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        answer = self._yes_no(value, dispatcher, tracker)
        if answer is None:
            return {"callback_wanted": None}
        if answer is False:
            dispatcher.utter_message(response="utter_carry_on")
        return {"callback_wanted": answer, "callback_requested": None}

    # --- how to reach them ----------------------------------------------------------------------
    def validate_contact_name(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        name = parsing.parse_name(_text(value))
        if not name:
            dispatcher.utter_message(response="utter_invalid_contact_name")
        return {"contact_name": name}

    def validate_contact_phone(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        phone = parsing.parse_phone(_text(value))
        if not phone:
            dispatcher.utter_message(response="utter_invalid_contact_phone")
        return {"contact_phone": phone}

    def validate_contact_email(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = _text(value)
        email = parsing.parse_email(text)
        if email:
            return {"contact_email": email}
        if SKIP_WORDS.search(text) or _latest_intent(tracker) == "deny":
            return {"contact_email": ""}  # asked and declined: not asked again
        dispatcher.utter_message(response="utter_invalid_contact_email")
        return {"contact_email": None}

    def validate_contact_consent(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return {"contact_consent": self._yes_no(value, dispatcher, tracker)}


def date_order_problem(slot_name: str, iso: str, tracker: Tracker) -> str | None:
    """The response that questions a date which cannot be right given the others, or None.

    Partial dates are compared generously (a discovery in "2024" is not before an incident on
    2024-06-01), so only a date that is certainly out of order is questioned."""
    incident = tracker.get_slot("incident_date")
    if slot_name == "incident_date" or not incident:
        return None
    first, last = earliest_day(iso), latest_day(iso)
    incident_first, incident_last = earliest_day(incident), latest_day(incident)
    if None in (first, last, incident_first, incident_last):
        return None
    assert first and last and incident_first and incident_last  # for the type checker
    if slot_name == "discovery_date" and last < incident_first:
        return "utter_invalid_discovery_before_incident"
    if slot_name == "death_date" and last < incident_first:
        return "utter_invalid_death_before_incident"
    if slot_name == "patient_dob" and first > incident_last:
        return "utter_invalid_dob_after_incident"
    return None


QUESTION_WORDS = re.compile(
    r"\?|\b(how|what|why|when|who|where|which|do|does|can|could|should|would|is|are|will|fee|fees|"
    r"cost|charge|pay|lawyer|attorney|person|human|someone|call|confidential|private|records?|long|"
    r"deadline|limit|stop|quit|start|over|help|bot)\b",
    re.I,
)


def looks_like_answer(slot: str | None, text: str) -> bool:
    """Whether a message reads as a plain answer to the question being asked.

    The language model sometimes takes an answer for a question ("Riley Widget" for a question
    about fees); an answer that parses cleanly for the slot being asked, and has no question in
    it, is then treated as the answer. Free-text slots never qualify: anything can be a
    description, so there the model decides."""
    if not slot or not text.strip():
        return False
    if slot in CHOICE_SLOTS:  # the case evaluation's choices (actions/evaluation.py)
        return looks_like_case_answer(slot, text)
    if slot in ("contact_name",):
        return (
            parsing.parse_name(text) is not None
            and len(text.split()) <= 4
            and not QUESTION_WORDS.search(text)
        )
    if slot == "contact_phone":
        return parsing.parse_phone(text) is not None
    if slot == "contact_email":
        return parsing.parse_email(text) is not None
    if slot == "state":
        return parsing.parse_state(text) is not None and not QUESTION_WORDS.search(text)
    if slot in DATE_SLOTS:
        return parsing.parse_date(text, today()).value is not None and "?" not in text
    return False


def intro_was_shown(tracker: Tracker) -> bool:
    """Whether this conversation has already seen the disclaimers (by the greeting or before)."""
    if tracker.get_slot("intro_shown"):
        return True
    return any(
        e.get("event") == "bot"
        and (e.get("metadata") or {}).get("utter_action") == "utter_intro"
        for e in tracker.applied_events()
    )


class ActionAcknowledgeMatter(Action):
    """Starts a screening: the disclaimers if this conversation has not seen them, a kind word,
    and a screening id that makes the handoff idempotent for this screening."""

    def name(self) -> str:
        return "action_acknowledge_matter"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = []
        if not intro_was_shown(tracker):
            dispatcher.utter_message(response="utter_intro")
            events.append(SlotSet("intro_shown", True))
        if (
            _latest_intent(tracker) != "describe_not_medmal"
            and tracker.get_slot("incident_type") != NOT_MEDMAL
        ):
            dispatcher.utter_message(response="utter_acknowledge")
        if not tracker.get_slot("screening_id"):
            events.append(SlotSet("screening_id", uuid.uuid4().hex))
        events += matter_from_text(tracker)
        return events


def matter_from_text(tracker: Tracker) -> list[EventType]:
    """When what happened was not recognised as one of the describe_* intents (e.g. taken for an
    answer), read the kind of matter from the words and keep the words as the description."""
    if tracker.get_slot("incident_type") or _latest_intent(tracker) not in (
        "inform",
        "nlu_fallback",
    ):
        return []
    text = " ".join((tracker.latest_message.get("text") or "").split())
    kind = parsing.parse_incident_type(text)
    if not kind or kind == NOT_MEDMAL:
        return []  # unsure: the form asks, with buttons
    events: list[EventType] = [SlotSet("incident_type", kind)]
    if len(re.findall(r"[^\W\d_]{2,}", text)) >= 4:
        events.append(SlotSet("incident_description", text[:2000]))
    return events
