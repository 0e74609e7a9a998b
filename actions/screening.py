"""Turns the screening facts into one outcome, with the filing deadline from the
statute-of-limitations engine (`actions.limitations`).

The outcome words are the lead's (`bot.leads.vocabulary.OUTCOMES`, shared with the inbox):
`qualified`, `urgent`, `time_barred`, `represented`, `not_medmal`. The deadline is a screening
estimate for the firm's staff; the client is never told a date, only whether to call today.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import limitations, parsing
from actions.intake import UNKNOWN, reach_notes
from actions.limitations.engine import KUBRICK_CITATION, KUBRICK_SOURCE, Source
from actions.parsing.case import places_cleared
from bot.leads.vocabulary import (
    FIRST_SIGNS_CAVEAT_PREFIX,
    NOT_MEDMAL,
    QUALIFIED,
    REPRESENTED,
    TIME_BARRED,
    URGENT,
    URGENT_DAYS,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    outcome: str
    deadline: str | None = None
    deadline_latest: str | None = (
        None  # a date known only to the month or year: a range
    )
    days_left: int | None = None
    limitation_status: str | None = None
    explanation: str | None = None
    citation: str | None = None
    caveats: list[str] = field(default_factory=list)


def decide_outcome(slots: dict[str, Any], as_of: dt.date | None = None) -> Outcome:
    """The outcome of a screening, from its slots. Pure: the same facts give the same answer.

    - not a medical matter -> `not_medmal`; already has a lawyer -> `represented`;
    - otherwise the limitations engine decides: `expired` -> `time_barred`, `urgent` -> `urgent`,
      `needs_review` -> `urgent` when a state or local government facility may be involved
      (notice-of-claim periods can be a few months) or the estimate is within `URGENT_DAYS`
      (90) days, else `qualified`; `open` -> `qualified`. A federal facility (the person's
      words name the VA, a military hospital, the Indian Health Service) is a Federal Tort
      Claims Act claim: 2 years from discovery, no notice in months. Missing facts (a callback before the dates were
      given) -> `qualified`, no date.
    - a lawyer they want a second opinion from, or to change: the deadline decides, as above
      (the lead says so in `represented_intent`);
    - a fact noted as "not sure" counts as not known; an unknown public facility adds a caveat.
    """
    unknown = {k for k, v in slots.items() if v == UNKNOWN}
    # "Not sure" (actions.intake.UNKNOWN) counts as not known.
    slots = {k: (None if v == UNKNOWN else v) for k, v in slots.items()}
    if slots.get("incident_type") == NOT_MEDMAL:
        return Outcome(NOT_MEDMAL)
    if slots.get("already_represented") is True and slots.get(
        "represented_intent"
    ) not in ("second_opinion", "switch"):
        return Outcome(REPRESENTED)
    if not slots.get("state") or not slots.get("incident_date"):
        return Outcome(
            QUALIFIED,
            explanation="Not enough facts for a deadline estimate (state or date missing).",
        )
    try:
        result = deadline_of(slots, as_of)
    except limitations.LimitationInputError as error:
        return Outcome(QUALIFIED, explanation=f"No deadline estimate: {error}")
    earlier = counted_from_the_first_signs(slots, as_of)
    review_signs = earlier is not None and (
        earlier.deadline is not None
        and result.deadline is not None
        and earlier.deadline < result.deadline
    )
    later = result
    if review_signs:
        assert earlier is not None  # for the type checker
        result = earlier
    caveats = list(result.caveats)
    if slots.get("stillborn") and slots.get("patient_dob"):
        # the delivery's date was given: the stillbirth's caveat below says why no minor's
        # extension applies, not that no date of birth was given
        caveats = [c for c in caveats if not c.startswith(NO_BIRTH_DATE_CAVEAT)]
    if review_signs:
        caveats.insert(0, first_signs_caveat(slots, later))
    if "government_facility" in unknown:
        caveats.append(
            "Whether the care was at a public (government) facility is not known: if it "
            "was, a notice of claim may be due within months."
        )
    status = result.status
    if review_signs and later.status != "expired":
        # the later count may still hold: not passed for sure, for an attorney to review
        status = "needs_review"
    if slots.get("stillborn"):
        caveats.append(
            "The baby was stillborn: no minor's extension was applied (the earlier "
            "deadline); an attorney should confirm which claims and deadlines apply."
        )
        if status == "open":
            status = "needs_review"
    if status == "expired":
        outcome = TIME_BARRED
    elif status == "urgent":
        outcome = URGENT
    elif status == "needs_review":
        near = result.days_left is not None and result.days_left <= URGENT_DAYS
        notice = slots.get("government_facility") and not federal_facility(slots)
        outcome = URGENT if near or notice else QUALIFIED
    else:
        outcome = QUALIFIED
    latest = later.deadline_latest if review_signs else result.deadline_latest
    return Outcome(
        outcome=outcome,
        deadline=result.deadline.isoformat() if result.deadline else None,
        deadline_latest=latest.isoformat() if latest else None,
        days_left=result.days_left,
        limitation_status=status,
        explanation=result.explanation,
        citation=result.citation,
        caveats=caveats,
    )


NO_BIRTH_DATE_CAVEAT = "No date of birth given"
"""How the limitations engine's caveat for a patient with no date of birth begins."""

# Where the rule for the harm noticed at once was checked: a claim runs from knowing the injury
# and its cause, not from a later diagnosis or learning it was malpractice; whether early signs
# (and a doctor's reassurance) started it is a question of fact. Read on Nov 29, 2026.
FIRST_SIGNS_SOURCES: tuple[Source, ...] = (
    KUBRICK_SOURCE,
    Source(
        "Fine v. Checcio, 870 A.2d 850 (Pa. 2005)",
        "https://www.law.com/almID/900005542909/",
        "The discovery rule applies to toll the statute of limitations in any case where a "
        "party neither knows nor reasonably should have known of his injury and its cause at "
        "the time his right to institute suit arises.",
        "2026-11-29",
    ),
)


def deadline_of(
    slots: dict[str, Any],
    as_of: dt.date | None = None,
    discovery_date: str | None = None,
) -> limitations.LimitationResult:
    """The limitations engine's result for the screening's facts (`discovery_date` in place of
    the one said, for the count from the first signs)."""
    return limitations.compute(
        state=slots["state"],
        incident_date=slots["incident_date"],
        discovery_date=discovery_date or slots.get("discovery_date") or None,
        # a baby stillborn was never a living minor: no minor's extension from her
        # delivery date (the earlier deadline, for an attorney to review)
        date_of_birth=None
        if slots.get("stillborn")
        else slots.get("patient_dob") or None,
        death_date=slots.get("death_date") or None,
        case_type=slots.get("incident_type") or None,
        government_facility=bool(slots.get("government_facility")),
        federal_facility=federal_facility(slots),
        state_or_local_facility=state_or_local_facility(slots),
        government_entity=government_entity(slots),
        foreign_object=slots.get("foreign_object") is True,
        as_of=as_of,
    )


def counted_from_the_first_signs(
    slots: dict[str, Any], as_of: dt.date | None = None
) -> limitations.LimitationResult | None:
    """The deadline counted from the care itself when the person noticed the harm at once but
    found out later (``harm_noticed_at_once``: "it was numb right away but he said it would
    come back ... in march this year a neurologist said its permanent nerve damage"); None
    when nothing was noticed at once or no later date was given."""
    discovery = slots.get("discovery_date")
    if (
        not slots.get("harm_noticed_at_once")
        or not discovery
        or discovery == slots.get("incident_date")
    ):
        return None
    try:
        return deadline_of(slots, as_of, discovery_date=slots["incident_date"])
    except limitations.LimitationInputError:
        return None


def first_signs_caveat(
    slots: dict[str, Any], later: limitations.LimitationResult
) -> str:
    """The caveat for a deadline counted from the first signs: their words, both dates, and
    why it is the attorney's call."""
    found = parsing.humanize_date(str(slots.get("discovery_date")))
    if_later = (
        f", {parsing.humanize_date(later.deadline.isoformat())} if counted from then"
        if later.deadline
        else ""
    )
    return (
        f"{FIRST_SIGNS_CAVEAT_PREFIX}: “{slots['harm_noticed_at_once']}”. The deadline is "
        f"counted from the care (the earlier one); they found out in {found}{if_later}. "
        "Whether the first signs started the time is for an attorney: a claim runs from "
        "knowing the injury and its cause, not from learning it was malpractice "
        f"({KUBRICK_CITATION}), and whether early signs were enough is often a question of "
        "fact (Fine v. Checcio, 870 A.2d 850 (Pa. 2005))."
    )


def first_signs(tracker: Tracker) -> dict[str, Any]:
    """The words that said the harm showed at once, in the answer to when they found out
    (``parsing.noticed_at_once``), as ``harm_noticed_at_once`` for ``decide_outcome``; {}
    when none did."""
    asked: Any = None
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
        elif event.get("event") == "user" and asked == "discovery_date":
            words = parsing.noticed_at_once(event.get("text") or "")
            if words:
                return {"harm_noticed_at_once": words}
    return {}


def federal_facility(slots: dict[str, Any]) -> bool:
    """A public facility that the person's words name as a federal one: the story
    (`incident_description`) or the providers ("the VA in detroit", "john d dingell VA
    medical center"). Only with `government_facility` true: their answer decides that."""
    if slots.get("government_facility") is not True:
        return False
    return any(parsing.federal_facility_in(words) for words in places_said(slots))


def state_or_local_facility(slots: dict[str, Any]) -> bool:
    """A public facility that the person's words name as a county, city or state one ("Pine
    Ridge County Hospital", "it's the county hospital"), and none as federal: the state's
    rules and its notice of claim, not the Federal Tort Claims Act."""
    if slots.get("government_facility") is not True or federal_facility(slots):
        return False
    return any(
        parsing.state_or_local_facility_in(words) for words in places_said(slots)
    )


def government_entity(slots: dict[str, Any]) -> str | None:
    """Who runs the public facility, as the person's words say (`state`, `county`,
    `municipal`): their answer to the public-hospital question ("yes its the county
    hospital": `government_entity`), else the story and the providers; None when they do not
    say, or say it is federal (the state's rules then apply as for any public facility)."""
    if slots.get("government_facility") is not True or federal_facility(slots):
        return None
    if slots.get("government_entity"):
        return str(slots["government_entity"])
    said = {parsing.government_entity_in(words) for words in places_said(slots)}
    named = [entity for entity in said if entity]
    return named[0] if len(named) == 1 else None


def places_said(slots: dict[str, Any]) -> list[str]:
    """The words that may name where the care was: the story and each provider's name."""
    providers = slots.get("providers")
    said = [str(slots.get("incident_description") or "")]
    if isinstance(providers, list):
        said += [
            str(p.get("name") or "") if isinstance(p, dict) else str(p)
            for p in providers
        ]
    elif providers:
        said.append(str(providers))
    return said


class ActionScreeningOutcome(Action):
    def name(self) -> str:
        return "action_screening_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        started = await their_lawyer_is_no_other_matter(dispatcher, tracker, domain)
        if started is not None:
            return started
        return outcome_events(tracker.current_slot_values(), tracker)


async def their_lawyer_is_no_other_matter(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType] | None:
    """Before the screening, "I already have an attorney handling my case and I'm happy with
    him. I was just curious how this works" (which the language model may take for a matter
    that is not medical malpractice): their own lawyer, no other matter named, starts the
    screening as any first words about their lawyer do (`about_their_lawyer`), so a person
    happy with their lawyer is recorded as represented; None for any other message."""
    from actions.conversation import (  # it imports this module
        about_their_lawyer,
        screening_from_story,
    )

    text = " ".join((tracker.latest_message.get("text") or "").split())
    if (
        tracker.active_loop.get("name")
        or tracker.get_slot("lead_reference")
        or tracker.get_slot("incident_type") != NOT_MEDMAL
        or not about_their_lawyer(text)
        or parsing.parse_incident_type(text) == NOT_MEDMAL
    ):
        return None
    tracker.slots["incident_type"] = None
    started = await screening_from_story(text, dispatcher, tracker, domain)
    if started is None:
        return None
    return [SlotSet("incident_type", None), *started]


def outcome_events(
    slots: dict[str, Any], tracker: Tracker | None = None
) -> list[EventType]:
    """The slot events of the outcome of these facts (also after a correction to a lead);
    with the conversation, what its words tell beyond the slots (``first_signs``)."""
    result = decide_outcome({**slots, **(first_signs(tracker) if tracker else {})})
    logger.info(
        "screening outcome %s (status %s)", result.outcome, result.limitation_status
    )
    return [
        SlotSet("screening_outcome", result.outcome),
        SlotSet("deadline", result.deadline),
        SlotSet("deadline_latest", result.deadline_latest),
        SlotSet("days_left", result.days_left),
        SlotSet("limitation_status", result.limitation_status),
        SlotSet("limitation_explanation", result.explanation),
        SlotSet("limitation_citation", result.citation),
        SlotSet("limitation_caveats", result.caveats),
    ]


# --- the read-back before the outcome -----------------------------------------------------------

KIND_WORDS = {
    "surgical_error": "surgery",
    "birth_injury": "birth injury",
    "medication_error": "medication error",
    "misdiagnosis": "missed or wrong diagnosis",
    "anesthesia_error": "anesthesia",
    "other": "medical care",
}
PRONOUNS = {
    "mother": "she", "daughter": "she", "wife": "she", "sister": "she", "grandmother": "she",
    "aunt": "she", "niece": "she", "girlfriend": "she", "fiancée": "she", "stepmother": "she",
    "stepdaughter": "she", "father": "he", "son": "he", "husband": "he", "brother": "he",
    "grandfather": "he", "uncle": "he", "nephew": "he", "boyfriend": "he", "fiancé": "he",
    "stepfather": "he", "stepson": "he",
}  # fmt: skip


HARM_READ_BACK_CHARS = 240


def _value(slots: dict[str, Any], name: str) -> Any:
    value = slots.get(name)
    return None if value == UNKNOWN else value


def summary_of(
    slots: dict[str, Any], reach: list[str] | None = None, harm_heard: bool = False
) -> str:
    """What was noted, in plain words, for the person to check: "your father's surgery, in New
    Jersey, in March 2025 ...". Facts noted as "not sure" are said to be so; ``reach`` is what
    they said about reaching them (``actions.intake.ReachNotes.for_them``). ``harm_heard``: the
    harm was taken from words said before it was asked (the story, another answer), so it is
    read back in those words."""
    role = _value(slots, "patient_role")
    called = slots.get("patient_called") or "the patient"
    relation = slots.get("patient_relation")
    kind = KIND_WORDS.get(_value(slots, "incident_type") or "", "medical care")
    places = places_said(slots)
    if (
        kind == "medical care"
        and any(parsing.in_a_nursing_home(words) for words in places)
        # "Its not the nursing home. He fell at the hospital": not the place of the care
        and not any("nursing_home" in places_cleared(words) for words in places)
    ):
        kind = "nursing home care"  # still `other`: the place said in their words
    if role == "self":
        whose = f"your {kind}"
    elif relation:
        whose = f"{called}'s {kind}"
    else:
        whose = kind[:1].upper() + kind[1:]
        whose = f"{whose} (the patient: {ROLE_WORDS.get(role or '', 'not noted')})"
    parts = [whose]
    state = _value(slots, "state")
    parts.append(f"in {parsing.state_name(state)}" if state else "state not sure")
    when = _value(slots, "incident_date")
    on = "on" if len(str(when or "")) == 10 else "in"  # on March 3, 2025; in March 2025
    parts.append(f"{on} {parsing.humanize_date(when)}" if when else "date not sure")
    text = ", ".join(parts)
    found = _value(slots, "discovery_date")
    if found and when and found != when:
        on = "on" if len(str(found)) == 10 else "in"
        text += f"; you found out {on} {parsing.humanize_date(found)}"
    text = text[:1].upper() + text[1:] + "."
    sentences = [text]
    he_she = PRONOUNS.get(relation or "", "they")
    if slots.get("patient_deceased") is True:
        died = _value(slots, "death_date")
        passed = f"{he_she.capitalize()} passed away"
        on = "on" if len(str(died or "")) == 10 else "in"
        sentences.append(
            f"{passed} {on} {parsing.humanize_date(died)}." if died else f"{passed}."
        )
    harm = " ".join(str(_value(slots, "harm_description") or "").split()).strip(" .")
    if harm_heard and harm:
        if len(harm) > HARM_READ_BACK_CHARS:
            harm = harm[: HARM_READ_BACK_CHARS - 1].rstrip() + "…"
        sentences.append(f"What followed, as you told me: “{harm}”.")
    public = slots.get("government_facility")
    if public is True:
        sentences.append("The care was at a public or government hospital or clinic.")
    elif public == UNKNOWN:
        sentences.append("You're not sure whether it was a public hospital.")
    lawyer = slots.get("already_represented")
    if lawyer is True:
        wish = slots.get("represented_intent")
        sentences.append(
            {
                "second_opinion": "You have a lawyer and would like a second opinion.",
                "switch": "You have a lawyer and are thinking of changing.",
            }.get(wish or "", "You have a lawyer.")
        )
    elif lawyer is False:
        sentences.append("You don't have a lawyer for this yet.")
    reach_as = [
        v
        for v in (
            _value(slots, "contact_name"),
            _value(slots, "contact_phone"),
            _value(slots, "contact_email"),
        )
        if v
    ]
    if reach_as:
        sentences.append("We'd reach you as " + ", ".join(reach_as) + ".")
    sentences += reach or []
    if slots.get("callback_wanted") is True:
        from actions.scheduling import say_time

        when = say_time(slots.get("callback_time"))
        sentences.append(
            f"You'd like a call back on {when}." if when else "You'd like a call back."
        )
    return " ".join(sentences)


ROLE_WORDS = {
    "self": "you",
    "child": "your child",
    "spouse": "your spouse or partner",
    "parent": "your parent",
    "other_family": "a family member",
    "other": "someone else",
}


class ActionAskSummaryConfirmed(Action):
    """Asks `summary_confirmed` with the summary of what was noted (the form's question)."""

    def name(self) -> str:
        return "action_ask_summary_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slots = tracker.current_slot_values()
        dispatcher.utter_message(
            response="utter_summary",
            summary=summary_of(
                slots,
                reach_notes(tracker).for_them(),
                harm_heard=not was_asked("harm_description", tracker),
            ),
        )
        return []


def was_asked(slot: str, tracker: Tracker) -> bool:
    """Whether the form asked this question in this conversation."""
    return any(
        e.get("event") == "slot"
        and e.get("name") == "requested_slot"
        and e.get("value") == slot
        for e in tracker.events
    )
