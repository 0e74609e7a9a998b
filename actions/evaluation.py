"""The case evaluation's questions: the facts an attorney decides on, asked kindly and briefly
after the deadline's facts, skipping what the story already told.

``CaseEvaluation`` is a base class of the screening form's validator
(``actions.intake.ValidateScreeningForm``): it places its questions in the form's list
(``case_evaluation_slots``, called from ``required_slots()``), validates each answer, and after
every turn derives what the words already told (``get_validation_events``): a death in the
story sets ``patient_deceased`` and ``harm_severity`` ``death`` without asking again; harm,
treatment and an effect on work told in passing are not asked again either. Treatment and work
are one question (``action_ask_treatment_since``): about four questions for a typical person.

Every question can be skipped ("skip", "rather not say"): a text answer is then kept empty, a
yes/no or choice as ``skipped`` (the lead shows it unknown), providers as an empty list, the
harm as ``unknown``. None is asked twice: an answer that cannot be read is kept as unknown.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.parsing import (
    case,
    clean_answer,
    lawyer_gone,
    parse_yes_no,
    says_stillborn,
    takes_back_a_reply,
    without_why_the_deadline_is_asked,
)
from bot.leads.vocabulary import HARM_SEVERITIES, NOT_MEDMAL, REPRESENTED_INTENTS

HARM_QUESTIONS = (
    "harm_description",
    "harm_severity",
    "providers",
    "treatment_since",  # and the work: one question, "what treatment ..., and has it affected
    "has_records",  # your work or daily life?" (work_impact is never asked on its own)
)
# "I have <the providers the story named> so far. Was anyone else involved?": asked instead of
# "Who was involved?" when the providers are known before their question (the story, another
# answer), so those not named yet are not lost; never after "Who was involved?" itself.
MORE_PROVIDERS = "more_providers"
# Every question of the case evaluation (issue 11: a typical screening grows by about four),
# with the effect on work, now read from the treatment answer and never asked on its own.
CASE_QUESTIONS = frozenset(
    (
        *HARM_QUESTIONS,
        MORE_PROVIDERS,
        "work_impact",
        "patient_name",
        "estate_representative",
        "represented_intent",
        "suit_filed",
    )
)
CONTACT = ("contact_name", "contact_phone", "contact_email", "contact_consent")
WANTS_US = ("second_opinion", "switch")
NO_FURTHER_HARM = ("death", "none_yet")
# Words to "how are things now?" beyond a choice's few ("still being treated") tell the harm.
MORE_THAN_A_CHOICE = 6


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def evaluation_slots(
    slots: dict[str, Any], required: list[str], cut_short: bool | None = None
) -> list[str]:
    """``required`` (the form's list so far) with the case evaluation's questions placed in it.

    - the patient's name (and age) after the questions about who the patient is, when it
      is someone else;
    - who handles the estate right after the date of death;
    - for someone with a lawyer, what they want; one who keeps their lawyer is asked nothing
      more, one who wants a second opinion or to switch is asked whether a suit was filed,
      the questions below, and how to reach them;
    - the harm, providers, treatment since (with the work in the same question) and records
      after the deadline's facts and before the contact questions (the harm's kind only when
      the words did not tell it; treatment not after a death or when nothing has happened
      yet). ``work_impact`` is never asked: the treatment answer, the harm or the story tells
      it, or it stays unknown. Providers named before their question (the story, another
      answer) are read back with "was anyone else involved?" (``more_providers``) instead.
    Nothing is added to a callback (they asked for a call midway, ``cut_short``: only what is
    already known, and the answer being given) or to a matter that is not medical
    malpractice."""
    if slots.get("incident_type") == NOT_MEDMAL or "incident_type" not in required:
        return required
    out = list(required)
    if cut_short if cut_short is not None else slots.get("callback_wanted") is True:
        asked = slots.get("requested_slot")
        known = [
            s
            for s in (*HARM_QUESTIONS, MORE_PROVIDERS, "patient_name")
            if slots.get(s) is not None or s == asked
        ]
        return out + [s for s in known if s not in out]

    def insert_after(anchor: str, names: list[str]) -> None:
        names = [n for n in names if n not in out]
        if anchor in out:
            at = out.index(anchor) + 1
            out[at:at] = names
        else:
            out.extend(names)

    role = slots.get("patient_role")
    if role not in (None, "self"):
        about: list[str] = [
            n for n in ("patient_role", "patient_dob", "patient_deceased") if n in out
        ]
        if slots.get("patient_deceased") is True and "death_date" in out:
            about.append("death_date")
        insert_after(about[-1] if about else "patient_role", ["patient_name"])
    stillborn = slots.get("stillborn") or (
        role == "child" and says_stillborn(_text(slots.get("incident_description")))
    )
    if slots.get("patient_deceased") is True and not stillborn:
        # (a baby stillborn has no estate to ask about)
        after = "patient_name" if "patient_name" in out else "death_date"
        insert_after(after, ["estate_representative"])

    represented = slots.get("already_represented") is True
    if represented:
        insert_after("already_represented", ["represented_intent"])
        if slots.get("represented_intent") not in WANTS_US:
            return out  # keeps their lawyer (or not said yet): nothing more to ask
        insert_after("represented_intent", ["suit_filed"])

    severity = slots.get("harm_severity")
    harm: list[str] = []
    if severity != "death" and slots.get("patient_deceased") is not True:
        harm.append("harm_description")
    harm += ["harm_severity", "providers"]
    providers = slots.get("providers")
    if isinstance(providers, list) and providers:
        # named before their question: "anyone else?" (answered already when "Who was
        # involved?" itself was asked: validate_providers)
        harm.append(MORE_PROVIDERS)
    if severity not in NO_FURTHER_HARM:
        harm.append("treatment_since")
    harm.append("has_records")
    harm = [n for n in harm if n not in out]
    at = next((out.index(c) for c in CONTACT if c in out), len(out))
    out[at:at] = harm
    if represented:
        out += [c for c in CONTACT if c not in out]
    return out


def call_asked_midway(tracker: Tracker) -> bool:
    """Whether the call was asked for once the questions had begun ("can someone just call
    me"): the questions then stop. A call asked for with the whole story in the first words
    ("... best time to call is after 5pm") wants both: the questions go on."""
    asked_before = False
    for event in tracker.events:
        if event.get("event") != "slot":
            continue
        if event.get("name") == "requested_slot" and event.get("value"):
            asked_before = True
        elif event.get("name") == "callback_wanted" and event.get("value") is True:
            break
    # (a tracker without the history of its questions: whether one is being asked)
    return asked_before or (
        not any(e.get("name") == "requested_slot" for e in tracker.events)
        and bool(tracker.get_slot("requested_slot"))
    )


CHOICE_SLOTS = frozenset(
    {"harm_severity", "has_records", "represented_intent", "suit_filed"}
)


def looks_like_case_answer(slot: str, text: str) -> bool:
    """Whether a message is a plain answer to one of the case evaluation's choice questions
    ("some of them" to the records question is not a request for a person, "I have copies"
    not a question about records): it reads as that answer and asks nothing."""
    if slot not in CHOICE_SLOTS or "?" in text:
        return False
    if slot == "harm_severity":
        return case.classify_harm(text) is not None
    if slot == "represented_intent":
        return case.parse_represented_intent(text) is not None
    if slot == "has_records":
        return case.parse_has_records(text) is not None
    return parse_yes_no(text) is not None or case.wants_to_skip(text)


def derived_facts(slots: dict[str, Any]) -> dict[str, Any]:
    """What the words already told, for the slots still unknown: a death in the story (or a
    "yes" to "has the patient passed away?") makes the harm ``death``; the harm, a treatment
    since and an effect on work told in the story or the harm answer are kept."""
    story = _text(slots.get("incident_description"))
    harm_words = _text(slots.get("harm_description"))
    told = f"{story} {harm_words}".strip()
    found: dict[str, Any] = {}
    if (
        slots.get("patient_deceased") is None
        and slots.get("patient_role") not in (None, "self")
        and case.tells_death(story)
    ):
        found["patient_deceased"] = True
    deceased = found.get("patient_deceased", slots.get("patient_deceased"))
    severity = slots.get("harm_severity")
    if deceased is True and severity != "death":
        found["harm_severity"] = "death"
    elif severity is None and story:
        story_kind = case.classify_harm(story)
        if story_kind in ("death", "permanent") and (
            story_kind != "death" or slots.get("patient_role") not in (None, "self")
        ):
            found["harm_severity"] = story_kind
    found.update(_raw_choices(slots))
    if slots.get("treatment_since") is None and case.mentions_treatment(harm_words):
        if harm_words not in story:
            found["treatment_since"] = harm_words[:1000]
        elif slots.get("work_impact") is not None or case.mentions_work_impact(told):
            # the harm told only in passing in the story: the question still asks (the work
            # too, where the treatment was), unless the story told both, the treatment said
            # to be since ("I couldn't work until September ... I've been hospitalized twice
            # since"): its sentences of treatment since are the answer
            treatment = case.treatment_told(harm_words)
            if treatment:
                found["treatment_since"] = treatment[:1000]
    if slots.get("work_impact") is None and case.mentions_work_impact(told):
        found["work_impact"] = True
    return found


def tells_what_followed(text: str) -> bool:
    """Whether words tell something of the harm: a complication, a treatment since, an effect
    on work ("cant work for 3 months. im a roofer")."""
    return bool(
        case.harm_in_story(text)
        or case.mentions_treatment(text)
        or case.mentions_work_impact(text)
    )


def _without_choice_title(text: str, domain: DomainDict, response: str) -> str:
    """The words said with a choice picked by its number, without the choice's title ("Lasting
    or permanent harm. my tongue is still numb" -> "my tongue is still numb")."""
    variants = (domain or {}).get("responses", {}).get(response) or []
    titles = [
        str(button.get("title") or "")
        for variant in variants
        if isinstance(variant, dict)
        for button in variant.get("buttons") or []
        if isinstance(button, dict)
    ]
    for title in sorted(filter(None, titles), key=len, reverse=True):
        said = re.match(
            rf"{re.escape(title)}\s*[.,:;!-]\s*(?P<rest>\S.*)$", text, re.I | re.S
        )
        if said:
            return said.group("rest")
    return text


def _raw_choices(slots: dict[str, Any]) -> dict[str, Any]:
    """A choice kept as typed: an answer taken for a question and handed back to the form
    (``actions.conversation.answer_instead``) reaches it unvalidated, as the person's words, when
    the form resumes after the interruption. Read those words as the validators would."""
    readers = {
        "work_impact": case.parse_work_impact,
        "has_records": case.parse_has_records,
        "suit_filed": parse_yes_no,
        "represented_intent": case.parse_represented_intent,
    }
    found: dict[str, Any] = {}
    for slot, read in readers.items():
        value = slots.get(slot)
        if not isinstance(value, str) or value == case.SKIPPED:
            continue
        if slot == "represented_intent" and value in REPRESENTED_INTENTS:
            continue
        answer = None if case.wants_to_skip(value) else read(value)
        found[slot] = case.SKIPPED if answer is None else answer
    severity = slots.get("harm_severity")
    if isinstance(severity, str) and severity not in HARM_SEVERITIES:
        found["harm_severity"] = case.classify_harm(severity) or "unknown"
    return found


# An age said alone ("she was 84", "he was 71 years old", "84"): no one's name or role.
ONLY_AN_AGE = re.compile(
    r"^\W*(?:(?:she|he|they|mom|dad|my\s+\w+)\s*(?:was|is|'s|were)\s+)?(?:about\s+|around\s+"
    r"|like\s+|only\s+|just\s+)?\d{1,3}(?:\s*(?:years?|yrs?)(?:\s*old)?)?\W*$",
    re.I,
)


class CaseEvaluation(FormValidationAction):
    """The case evaluation's part of the screening form's validator (a base class of
    ``ValidateScreeningForm``; abstract, so the action server does not register it)."""

    @abstractmethod
    def name(self) -> str: ...

    def case_evaluation_slots(self, tracker: Tracker, required: list[str]) -> list[str]:
        slots = tracker.current_slot_values()
        cut_short = slots.get("callback_wanted") is True and call_asked_midway(tracker)
        return evaluation_slots(slots, required, cut_short)

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        slots = {**tracker.current_slot_values()}
        for event in events:
            if event.get("event") == "slot":
                slots[event["name"]] = event["value"]
        if not tracker.active_loop.get("name") and not slots.get("requested_slot"):
            return events
        derived = derived_facts(slots)
        return events + [SlotSet(name, value) for name, value in derived.items()]

    # --- the harm -------------------------------------------------------------------------
    def validate_harm_description(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = clean_answer(_text(value))
        if not text and _text(value).strip():
            return {"harm_description": None}  # only a question or "I just told you"
        if case.wants_to_skip(text):
            return {"harm_description": "", "harm_severity": "unknown"}
        found: dict[str, Any] = {"harm_description": text[:2000]}
        kind = case.classify_harm(text)
        if kind == "death" and tracker.get_slot("patient_role") == "self":
            kind = None
        if kind:
            found["harm_severity"] = kind
        # "Dr. Alan Whitcomb did it": kept with the providers, who are then not asked
        providers = case.with_providers_named(tracker.get_slot("providers"), text)
        if providers:
            found["providers"] = providers
        return found

    def validate_harm_severity(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = " ".join(_text(value).split())
        if text in HARM_SEVERITIES:
            return {"harm_severity": text}
        if case.wants_to_skip(text):
            return {"harm_severity": "unknown"}
        kind = case.classify_harm(text)
        if kind is None and not tells_what_followed(text):
            named = [p for p in case.parse_providers(text) if p["kind"] != "other"]
            kept = tracker.get_slot("providers")
            if named and (kept is None or isinstance(kept, list)):
                # "st davids south austin ER. dont know the drs name": who, not how things
                # are now; kept for the providers question (with those named before it: the
                # place said at the public-hospital question), and this one asked again
                if kept:
                    named = [*kept, *(case.others_named(kept, text) or [])]
                dispatcher.utter_message(response="utter_story_added")
                return {"harm_severity": None, "providers": named}
        found: dict[str, Any] = {"harm_severity": kind or "unknown"}
        # "1. my tongue is still numb" by text reads "Lasting or permanent harm. my tongue
        # ...": the choice's words are no part of the harm told
        text = _without_choice_title(text, domain, "utter_ask_harm_severity")
        if len(text.split()) >= MORE_THAN_A_CHOICE:
            # "cant work for 3 months. im a roofer. and the right knee still needs surgery":
            # more than a choice, so the words join the harm (and tell the work is affected).
            before = _text(tracker.get_slot("harm_description")).strip()
            if text.lower() not in before.lower():
                found["harm_description"] = f"{before} {text}".strip()[:2000]
        return found

    # --- who ------------------------------------------------------------------------------
    def validate_providers(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if isinstance(value, list):
            return {"providers": value}  # named in the story or another answer
        text = clean_answer(_text(value))
        if not text and _text(value).strip():
            return {"providers": None}  # only a question or "I just told you"
        # "Who was involved?" asked for all of them: no "anyone else?" after it
        if case.wants_to_skip(text):
            return {"providers": [], MORE_PROVIDERS: ""}
        return {"providers": case.parse_providers(text), MORE_PROVIDERS: ""}

    def validate_more_providers(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """The answer to "I have <names> so far. Was anyone else involved?": "no", "that's
        all", "just them" (or only the same names again) keep those; new names join them; a
        "yes" without a name asks who (``action_ask_more_providers``)."""
        said = _text(value)
        text = clean_answer(said)
        if not text:
            # "I already told you": those read back are all; only a question: asked again
            return {MORE_PROVIDERS: None if "?" in said else "no"}
        if case.wants_to_skip(text):
            return {MORE_PROVIDERS: ""}
        kept = tracker.get_slot("providers")
        # "Dr. Holt and Dr. Karen Holt are the same person": those kept as one
        merged = case.same_as_said(kept, text)
        if merged is not None:
            kept = merged
        # "walgreens" kept, "walgreens. on jefferson st in joliet" said: the fuller name kept
        fuller = case.said_more_fully(kept, text)
        if fuller is not None:
            kept = merged = fuller
        others = case.others_named(kept, text)
        if others is None and merged is None:
            return {MORE_PROVIDERS: None}  # "yes": who, asked
        found: dict[str, Any] = {MORE_PROVIDERS: text[:1000]}
        if others or merged is not None:
            found["providers"] = [
                *(kept if isinstance(kept, list) else []),
                *(others or []),
            ]
        return found

    def validate_patient_name(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        # ("is it too late? its been almost 2 years": the question's words, not the answer)
        text = clean_answer(without_why_the_deadline_is_asked(_text(value)))
        if not text and _text(value).strip():
            return {"patient_name": None}  # only a question or "I just told you"
        if case.wants_to_skip(text) or case.declines_a_name(text):
            return {"patient_name": ""}  # "no" to a name they may skip: no name
        if not re.search(r"[^\W\d_]", text):
            # "1" (a reflex from the numbered menus by SMS): no name, asked again
            return {"patient_name": None}
        name, age = case.parse_patient_name(text)
        found: dict[str, Any] = {"patient_name": name or " ".join(text.split())[:200]}
        if age is not None:
            found["patient_age"] = age
        return found

    def validate_estate_representative(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        # ("is it too late? its been almost 2 years": the question's words, not the answer)
        text = clean_answer(without_why_the_deadline_is_asked(_text(value)))
        if not text and _text(value).strip():
            return {
                "estate_representative": None
            }  # only a question or "I just told you"
        if case.wants_to_skip(text):
            return {"estate_representative": ""}
        who = case.without_no_will(text)
        if not who:
            # "There was no will.": about the will, no one named (asked again)
            return {"estate_representative": None}
        text = who  # "Nobody yet. There was no will. I suppose it would be me."
        age = case.age_said(text) if ONLY_AN_AGE.match(text) else None
        if age is not None and tracker.get_slot("patient_age") is None:
            # "she was 84" after the name was given without the age: the age asked with the
            # name, not who handles the estate (asked again)
            return {"estate_representative": None, "patient_age": age}
        return {"estate_representative": text[:200]}

    # --- what followed --------------------------------------------------------------------
    def validate_treatment_since(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """The answer to "What treatment have you needed since, and has it affected your work
        or daily life?": the treatment part, and the work when it is not known yet ("skip"
        skips both; a treatment told alone leaves the work unknown)."""
        text = clean_answer(_text(value))
        if not text and _text(value).strip():
            return {"treatment_since": None}  # only a question or "I just told you"
        ask_work = tracker.get_slot("work_impact") is None
        if case.wants_to_skip(text):
            return {
                "treatment_since": "",
                **({"work_impact": case.SKIPPED} if ask_work else {}),
            }
        denied = _intent(tracker) == "deny"  # the model heard a no ("nothing major")
        treatment, work = case.treatment_and_work(text, denied)
        found: dict[str, Any] = {"treatment_since": treatment[:1000]}
        if ask_work and work is not None:
            found["work_impact"] = work
        return found

    def validate_has_records(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return _yes_no_fact("has_records", case.parse_has_records, value, tracker)

    # --- a person who has a lawyer --------------------------------------------------------
    def validate_represented_intent(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = _text(value)
        if case.wants_to_skip(text):
            return {"represented_intent": case.SKIPPED}
        if lawyer_gone(text, about_the_lawyer=True):
            # "none of those. he dropped me. I dont have a lawyer anymore": no lawyer now
            return {"already_represented": False, "represented_intent": None}
        intent = case.parse_represented_intent(text)
        if intent is None and _intent(tracker) in ("affirm", "deny"):
            intent = "second_opinion" if _intent(tracker) == "affirm" else "none"
        return {"represented_intent": intent or case.SKIPPED}

    def validate_suit_filed(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if isinstance(value, bool):
            return {"suit_filed": value}
        if case.wants_to_skip(_text(value)):
            return {"suit_filed": case.SKIPPED}
        answer = parse_yes_no(_text(value))
        if answer is None:
            answer = {"affirm": True, "deny": False}.get(_intent(tracker) or "")
        return {"suit_filed": case.SKIPPED if answer is None else answer}


def _yes_no_fact(
    slot: str, parse: Callable[[str], bool | None], value: Any, tracker: Tracker
) -> dict[str, Any]:
    """A skippable yes/no fact: a button's bool, a skip, the words, else the yes/no intent."""
    if isinstance(value, bool):
        return {slot: value}
    if case.wants_to_skip(_text(value)):
        return {slot: case.SKIPPED}
    answer = parse(_text(value))
    if answer is None and takes_back_a_reply(_text(value)):
        # "sorry wrong reply. the doctor who delivered her was dr whitfield": the words were
        # meant for another question, this one is asked again
        return {slot: None}
    if answer is None:
        answer = {"affirm": True, "deny": False}.get(_intent(tracker) or "")
    return {slot: case.SKIPPED if answer is None else answer}


class ActionAskTreatmentSince(Action):
    """Asks ``treatment_since`` (the form's question): treatment and the work or daily life in one
    question, or only the treatment when the work is already told ("I can't work" in the harm)."""

    def name(self) -> str:
        return "action_ask_treatment_since"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response=treatment_question(tracker.current_slot_values())
        )
        return []


class ActionAskMoreProviders(Action):
    """Asks ``more_providers`` (the form's question): the providers known so far read back,
    and whether anyone else was involved; after a "yes" without a name, who."""

    def name(self) -> str:
        return "action_ask_more_providers"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        said = " ".join((tracker.latest_message.get("text") or "").split())
        if tracker.get_slot("requested_slot") == MORE_PROVIDERS and (
            case.says_there_was(said)
        ):
            dispatcher.utter_message(response="utter_ask_more_providers_who")
            return []
        names = case.providers_said(tracker.get_slot("providers"))
        if not names:
            dispatcher.utter_message(
                response="utter_ask_providers"
            )  # (none to read back)
            return []
        dispatcher.utter_message(response="utter_ask_more_providers", names=names)
        return []


def treatment_question(slots: dict[str, Any]) -> str:
    """The response that asks about treatment since: with the work while it is unknown."""
    if slots.get("work_impact") is None:
        return "utter_ask_treatment_since"
    return "utter_ask_treatment_only"
