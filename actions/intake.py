"""The screening form: which questions apply, and turning each answer into a clean slot value.

`ValidateScreeningForm.required_slots()` is the one place that decides what is asked and in which
order (skipping what was already said and what does not apply); every `validate_<slot>` takes the
person's words, cleans them with `actions.parsing`, and either returns `{slot: value}` or rejects
with `utter_invalid_<slot>` so the question is asked again.

Dates are read back when they were not given exactly ("last March" -> "March 2025, is that
right?"): the validator stores the value and names it in `date_to_confirm`, which puts
`confirm_date` in the list right after it. A season ("spring of 2023") puts `date_month` first.

The flow follows the person, not the script (`ValidateScreeningForm.get_validation_events`):

* **No loops.** A question is asked at most twice: after the second miss the assistant says it
  notes "not sure" and the slot holds `UNKNOWN` (the lead shows the fact as unknown, never as
  No, and lists it in `unknown_facts`). "I'm not sure" is an answer: at a yes/no question it is
  noted as unknown at once.
* **An answer that fits another question** (an email or a phone number typed at a yes/no
  question, "march 2024 i think" at the state question) is kept for that question (a date read
  back at once when not exact), and the question asked is asked again without a miss.
* **A date goes to the event it is said with**: asked when they found out, "no he died in may.
  june is when we got the death certificate" is June; the discovery said with the date of the
  care ("diagnosed stage 3 in feb 2025") is kept and not asked. A date of birth gives the
  patient's age at the time (`age_from_birthday`), so it is not asked with their name.
* **A story told at a question** (an answer that does not fit, of `STORY_MIN_WORDS` words or
  more, no question mark; or a remark on what the others did or said, however short, asking
  the firm nothing: "they said oops basically") is added to what happened, never rejected
  and never counted as a miss: this is also the SMS rule for a story sent in several texts
  (each text that arrives while a question is pending and reads as more story is appended to
  `incident_description`, and the question comes again).
  Two such additions per question at most; after that the message counts as a miss.
* **Grief.** `ActionHearFacts` (actions/conversation.py) reads every message, right after it
  arrives, in the form or not: a death is acknowledged the moment it is mentioned
  and never asked about again; the patient is named by their relation ("your mother").
* **A summary before the outcome** (`summary_confirmed`, asked by `ActionAskSummaryConfirmed`).
  How its answer is read, since the question ends "Is anything wrong?": a fix in free words is
  applied and the summary shown again; "no", "nothing", "that's right", "looks good" mean it is
  right, and so does "yes" with them ("yes that's right"); a "yes" alone answers "Is anything
  wrong?" as worded, so it gets "What should I change?" (a second "yes" alone after that is
  taken as a yes to the read-back, not asked a third time); "yes, the date is wrong" or "something's wrong" gets "What should I change?"; words that tell
  rather than agree ("it was nursing home neglect, the bed sores", no yes or no in them) are
  added to the story (a kind of matter they name changes it) and the summary shown again. A
  fix of who the patient was ("She was NOT my child. She was my mother") is a fix; what the
  summary left out ("you didnt put anything about my wrist") is added to the story, and the
  summary shown again.
* **An answer said with a question** ("georgia. how much does this cost btw?"): the question is
  answered (`answer_questions_asked`; the question sentences told apart by
  `actions.parsing.questions`) and only the rest of the message is read as the answer, so both
  are used; a message that only asks is answered and its question asked again, not a miss.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import parsing
from actions.evaluation import (
    CHOICE_SLOTS,
    CaseEvaluation,
    call_asked_midway,
    looks_like_case_answer,
)
from actions.parsing import case as case_answers
from actions.parsing.callback import when_reachable
from actions.parsing.case import classify_harm
from actions.parsing.control import without_calls_not_returned
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
# A death mentioned anywhere ("my mom passed away", "he passed 3 weeks ago"), but not a near
# miss ("she almost died") nor a test or a stone passed ("he passed the test").
DEATH_MENTION = re.compile(
    r"\b(passed\s+away|passed\s+on|has\s+passed|died|deceased|didn'?t\s+make\s+it"
    r"|(?:he|she|they|mom|mother|dad|father|wife|husband|son|daughter|baby|just|recently)"
    r"\s+passed(?!\s+(?:out|a|an|the|it|through|by|me|us|along|blood|stones?|gas|urine|up"
    r"|over|his|her|my|out)\b)"
    r"|did\s+not\s+make\s+it|lost\s+(?:my|our)\s+\w+|death\s+of|wrongful\s+death|funeral"
    r"|(?:his|her|their)\s+death"
    # "the VA killed my dad" (not "it nearly killed me", "killed my appetite")
    r"|killed\s+(?:him|her|them|(?:my|our)\s+(?:mom|mother|dad|father|wife|husband|son"
    r"|daughter|baby|brother|sister|grandma|grandmother|grandpa|grandfather|child|partner)))\b",
    re.I,
)
NOT_A_DEATH = re.compile(
    r"\b(almost|nearly|could\s+have|could'?ve|would\s+have|might\s+have|thought\s+\w+"
    r"\s+(?:was\s+going\s+to|would)|afraid\s+\w+\s+would|not|never|didn'?t|scared)\s+"
    r"(?:have\s+)?(die|died|dead|killed)\b|\blost\s+(?:my|our)\s+(?:job|house|home|insurance|hair"
    r"|sight|vision|hearing|voice|memory|mind|temper|leg|arm|foot|hand|eye|teeth|tooth|baby\s+teeth"
    r"|balance|license|way|appetite|patience|income|savings|\w*\s*pregnancy)\b",
    re.I,
)
# "no!! he's 6 he's sitting right next to me": alive, so a no to "has ... passed away?"; an
# age said in the present ("she's 54, born march 3 1972") too.
ALIVE_WORDS = re.compile(
    r"\b(alive|still\s+(?:with\s+us|here|living|around|alive)|(?:sitting|right)\s+"
    r"(?:right\s+)?(?:here|next\s+to\s+me|beside\s+me|with\s+me)|(?:he|she|they)\s*(?:'?s|is"
    r"|are|'re)\s+(?:fine|ok|okay|alive|home|here|recovering|doing|(?:only\s+|just\s+)?\d{1,3}"
    r"(?:\s*(?:years?|yrs?|months?)(?:\s+old)?)?(?!\s*(?:%|percent|weeks?\s+pregnant)))"
    r"|recovering|is\s+living)\b",
    re.I,
)
UNSURE_WORDS = re.compile(
    r"\b(not\s+sure|unsure|don'?t\s+know|dont\s+know|do\s+not\s+know|no\s+idea|idk|dunno"
    r"|can'?t\s+remember|cannot\s+remember|don'?t\s+remember|no\s+clue|not\s+certain"
    r"|maybe|who\s+knows)\b",
    re.I,
)
# A clear yes or no as the first word ("no!! he's 6 ...", "yes, I have a lawyer but ...").
LEADING_YES_NO = re.compile(
    r"^\W*(?:(?P<no>no+|nope|nah|nop|i\s+(?:do\s+not|don['’]?t)\s+(?:think|believe)\s+so"
    r"|i\s+(?:think|believe)\s+not)|(?P<yes>yes+|yeah|yep|yup|yea|ya"
    r"|i\s+(?:think|believe)\s+so))\b",
    re.I,
)  # "I don't think so. It was my regular doctor, ...": a no, then why
# A yes or no the message ends on, as its conclusion ("I talked to one guy but never signed
# anything, so no", "she was in and out of there for years, so yes").
CONCLUDING_YES_NO = re.compile(
    r"\b(?:so|then|which\s+means|meaning)\W+(?:(?:i\s+guess|i'?d\s+say|i\s+think|that'?s\s+a"
    r"|the\s+answer\s+is)\W+)?(?:(?P<no>no+|nope|nah|not\s+really)|(?P<yes>yes+|yeah|yep|yup))"
    r"\W*$",
    re.I,
)
# A lawyer they are unhappy with: a second opinion or a change is welcome, not a pitch.
SECOND_OPINION_WORDS = re.compile(
    r"\b(second\s+opinion|another\s+opinion|other\s+opinion|(?:a\s+)?second\s+look"
    r"|review\s+(?:my|the)\s+case)\b",
    re.I,
)
SWITCH_WORDS = re.compile(
    r"\b(switch\w*|chang\w*\s+(?:my\s+|our\s+|the\s+)?(?:lawyer|attorney)s?"
    r"|new\s+(?:lawyer|attorney)|another\s+(?:lawyer|attorney)|different\s+(?:lawyer|attorney)"
    r"|replace|fire|drop(?:ped)?|leave\s+(?:him|her|them|my\s+(?:lawyer|attorney)))\b",
    re.I,
)
# Unhappy with their lawyer, without saying what they want: welcome to a second opinion.
UNHAPPY_WORDS = re.compile(
    r"\b(never\s+calls?\s+(?:me\s+)?back|doesn'?t\s+(?:call|answer|return)"
    r"|won'?t\s+(?:call|answer|return)|not\s+happy|unhappy|ignor\w+\s+me"
    r"|stopped\s+(?:calling|answering|responding)|can'?t\s+reach)\b",
    re.I,
)
HAPPY_WORDS = re.compile(
    r"\b(happy|fine|good|satisfied|keep|stay\w*|stick|no|nope|nah|all\s+set|not\s+looking)\b",
    re.I,
)
# A request for a call, said at any point ("can someone call me", "please call me back").
CALL_ME = re.compile(
    r"\b((?:please\s+)?call\s+me(?:\s+back)?|give\s+me\s+a\s+(?:call|ring)|phone\s+me|ring\s+me"
    r"|(?:have|can|could|would)\s+(?:someone|somebody|a\s+lawyer|an\s+attorney|you)\s+(?:please\s+)?"
    r"call(?:\s+me)?|(?:want|like|need)\s+(?:a\s+)?(?:call\s*back|callback|call)"
    r"|call\s+(?:me\s+)?back|talk\s+on\s+the\s+phone|speak\s+(?:to|with)\s+someone\s+on\s+the\s+phone"
    # "or you could call my son Greg, he is better with these things", with the number
    r"|you\s+(?:can|could|may)\s+(?:also\s+|just\s+)?call\s+(?:me|us|my\s+(?:son|daughter|wife"
    r"|husband|partner|mom|mother|dad|father|brother|sister|cell|mobile|home|work))"
    # "best time to call is after 5pm"; "will u call today", "will a lawyer call me today?"
    r"|(?:best|good|easiest)\s+time\s+to\s+(?:call|reach)"
    # when to call, said with the contact details: "evenings are best", "calls are better after
    # 5pm", "only call evenings after 7pm", "after 6pm pls" (a sentence of its own)
    r"|(?:evenings?|mornings?|afternoons?|nights?|weekends?|weekdays?)(?:\s+after\s+\d{1,2}"
    r"(?::\d\d)?\s*(?:pm|am)?)?\s+(?:are|is|would\s+be|work)\s+(?:best|better|good|fine)"
    r"|calls?\s+(?:are|is|would\s+be)\s+(?:better|best|easier)\s+(?:after|before|in|on)"
    r"|(?:only\s+)?call\s+(?:me\s+)?(?:only\s+)?(?:in\s+the\s+)?(?:evenings?|mornings?"
    r"|afternoons?|after\s+\d|before\s+\d)"
    r"|^\s*(?:only\s+)?(?:after|before)\s+\d{1,2}(?::\d\d)?\s*(?:pm|am|p\.m\.|a\.m\.)"
    r"\s*(?:pls|please|plz|is\s+best|works)?\s*[.!]*\s*$"
    r"|will\s+(?:you|u|someone|somebody|anyone|a\s+lawyer|an\s+attorney|the\s+lawyer)"
    r"\s+(?:actually\s+)?call(?:\s+me)?\s+(?:today|tonight|tomorrow|this\s+(?:morning|afternoon"
    r"|evening|week)))\b",
    re.I,
)
NO_CALLS = re.compile(
    r"\b(don'?t|do\s+not|no|never|not)\s+(?:want\s+(?:a\s+|to\s+be\s+)?)?call|"
    # "I can't really talk on the phone about it yet", "I'd rather not get a call"
    r"\b(?:can'?t|cannot|can\s+not|not\s+able\s+to)\s+(?:really\s+)?(?:talk|speak)\s+on\s+the"
    r"\s+phone|\brather\s+not\s+(?:get|have|take|receive)\s+(?:a\s+|any\s+)?(?:phone\s+)?calls?|"
    r"^\s*(?:when|how\s+(?:long|soon|fast))\b",
    re.I,
)
SUMMARY_RIGHT = re.compile(
    r"\b(that'?s\s+(?:all\s+)?(?:right|correct|it)|all\s+(?:right|correct|good)|looks?\s+"
    r"(?:good|right|correct|fine)|nothing(?:'?s|\s+is)?(?:\s+wrong)?|no\s+changes?|perfect|correct"
    r"|accurate|sounds?\s+(?:good|right)|good|right|fine|ok|okay)\b",
    re.I,
)
SUMMARY_WRONG = re.compile(
    r"\b(wrong|not\s+right|incorrect|mistake|typo|change|fix|isn'?t\s+right|not\s+correct"
    r"|misspel\w*)\b",
    re.I,
)
# "yes" and nothing else: to "Is anything wrong?" it says something is ("yes that's right"
# and "yes, looks good" say it is all right).
BARE_YES = re.compile(r"^\W*(?:y|yes+|yeah|yep|yup|ya|yea|yah|ye|yes\s+yes)\W*$", re.I)


def yes_said_at_summary_before(tracker: Tracker) -> bool:
    """Whether the message before this one was a "yes" alone at the read-back (asked again
    after it, what to change, the person says yes again: a yes to the read-back)."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2 or not BARE_YES.match(events[users[-2]].get("text") or ""):
        return False
    asked = [
        e.get("value")
        for e in events[: users[-2]]
        if e.get("event") == "slot" and e.get("name") == "requested_slot"
    ]
    return bool(asked) and asked[-1] == "summary_confirmed"


# At the read-back, something the summary left out ("you didnt put anything about my wrist"):
# more of the story, added to it.
LEFT_OUT = re.compile(
    r"\byou\s+(?:didn'?t|didnt|did\s+not|never|forgot\s+to)\s+(?:put|add|include|mention"
    r"|write|note|say|list)\b|\byou\s+(?:forgot|left\s+out|left\s+off)\b"
    r"|\b(?:nothing|not\s+anything)\s+(?:in\s+there\s+|on\s+there\s+)?about\b"
    r"|\bwhat\s+about\s+(?:my|the|his|her|their)\b"
    r"|\b(?:doesn'?t|does\s+not|didn'?t)\s+(?:say|mention|include)\b"
    r"|^\W*(?:also|plus|oh\s+and|and\s+also)\b(?=(?:\W+\w+){3})",
    re.I,
)
# Relation words, as the questions name the patient ("your mother").
RELATIONS = {
    "mom": "mother", "mother": "mother", "mum": "mother", "mama": "mother", "momma": "mother",
    "mommy": "mother", "dad": "father", "father": "father", "daddy": "father", "papa": "father",
    "son": "son", "daughter": "daughter", "baby": "baby", "newborn": "baby", "infant": "baby",
    "child": "child", "kid": "child", "boy": "son", "girl": "daughter", "toddler": "child",
    "husband": "husband", "wife": "wife", "partner": "partner", "spouse": "spouse",
    "fiance": "fiancé", "fiancé": "fiancé", "fiancee": "fiancée", "fiancée": "fiancée",
    "boyfriend": "boyfriend", "girlfriend": "girlfriend", "brother": "brother",
    "sister": "sister", "grandmother": "grandmother", "grandma": "grandmother",
    "granny": "grandmother", "nana": "grandmother", "grandfather": "grandfather",
    "grandpa": "grandfather", "aunt": "aunt", "uncle": "uncle", "cousin": "cousin",
    "niece": "niece", "nephew": "nephew", "friend": "friend", "stepdad": "stepfather",
    "stepmom": "stepmother", "stepson": "stepson", "stepdaughter": "stepdaughter",
}  # fmt: skip
RELATION_WORD = re.compile(
    r"\bmy\s+(?:(?:late|dear|poor|little|baby|beloved|elderly|older|younger|\d+[\s-]*"
    r"(?:year|yr|month|mo)s?[\s-]*old)\s+)*(?P<word>"
    + "|".join(sorted(RELATIONS, key=len, reverse=True))
    + r")s?\b",
    re.I,
)
UNKNOWN = "unknown"
"""A fact asked twice without an answer, or answered "not sure": the form does not ask again,
and the lead shows it as unknown (None) and lists it in ``unknown_facts``."""
MAX_ASKS = 2
STORY_MIN_WORDS = 7
MAX_STORY_ADDITIONS = 2
# A date said at another question is an answer to a date question up to this many words
# ("march 2024 i think"); longer, it is more story.
DATE_ANSWER_MAX_WORDS = 6
YES_NO_SLOTS = (
    "patient_deceased",
    "government_facility",
    "already_represented",
    "callback_wanted",
    "contact_consent",
    "confirm_date",
)
ACK_ONLY = re.compile(
    r"^\W*(ok(?:ay)?|k+|sure|alright|all\s+right|got\s+it|thanks?|thank\s+you|cool)\W*$",
    re.I,
)
PUBLIC_WORDS = re.compile(
    r"\b(va|v\.a\.|veterans?|military|army|navy|air\s+force|county|city|state|public"
    r"|government|federal)\b",
    re.I,
)
PRIVATE_WORDS = re.compile(r"\bprivate\b", re.I)
# The kind of place the care was given ("a private hospital", "the county clinic", "the VA").
FACILITY_KIND = re.compile(
    r"\b(?:private|public|county|city|state|military|army|navy|government|federal|veterans?)"
    r"\s+(?:\w+\s+)?(?:hospital|hosp|clinic|facility|practice|office|center|centre|er"
    r"|medical|doctor|owned|run)\b|\b(?:the|a|at)\s+(?:va|v\.a\.)\b",
    re.I,
)
# The kind of place said of it in a statement: "Sunrise Gardens is private I think", "it's a
# county one", "that was public"; not "is this private" (a question about this chat).
KIND_SAID = re.compile(
    r"\b(?:is|was|'s|its)\s+(?:a\s+|an\s+)?(?:private|public|county|city|state[- ]run"
    r"|government|federal|military)\b(?!\s+(?:records?|info\w*))",
    re.I,
)
# A kind of place denied: "it was NOT public", "not a county hospital", "wasn't private".
KIND_DENIED = re.compile(
    r"\b(?:not|never|(?:is|was|were|are|does|did|do)n'?t)\s+(?:(?:a|an|the)\s+)?(?P<kind>private|public|county|city|state"
    r"|government|federal|military|va|v\.a\.)\b",
    re.I,
)


def facility_kind_said(text: str) -> bool | None:
    """Public (True) or private (False) as the words say the kind of place in a statement, or
    None: "2 its private", "its a private surgery center" (False); "it's the county hospital"
    (True); "it was not a public hospital" (False), "not private" (True). A kind said outright
    wins over one denied ("not the VA, its the county hospital"); a question about this chat
    ("is this private?") says none."""
    sentences = [s for s in parsing.answer_sentences(text or "") if "?" not in s] or [
        ""
    ]
    said = " ".join(sentences)
    plain = KIND_DENIED.sub(" ", said)
    kind = FACILITY_KIND.search(plain) or KIND_SAID.search(plain)
    if kind:
        return not PRIVATE_WORDS.search(kind.group(0))
    denied = KIND_DENIED.search(said)
    if denied:
        return denied.group("kind").lower() == "private"
    return None


def today() -> dt.date:
    return dt.date.today()


# The common questions, each answered by its own response (actions/conversation.py).
QUESTION_INTENTS = frozenset(
    {
        "ask_fees",
        "ask_what_is_malpractice",
        "ask_case_duration",
        "ask_records",
        "ask_confidentiality",
        "ask_statute_of_limitations",
        "ask_callback_time",
        "bot_challenge",
    }
)
# Intents the form ignores whose rule runs an action of its own (data/rules/interruptions.yml):
# the common questions, a request for a person, a correction, an emergency.
INTERRUPTIONS = QUESTION_INTENTS | {
    "request_human",
    "correct_answer",
    "report_emergency",
}


def runs_on_the_message(tracker: Tracker) -> bool:
    """Whether the form runs on the latest message itself, before any other action since it
    (a rule's action for a question or a fix runs first when the form passes it on)."""
    events = list(tracker.events)
    last_user = max(
        (i for i, e in enumerate(events) if e.get("event") == "user"), default=None
    )
    if last_user is None:
        return False
    return all(
        e.get("name") in ("screening_form", "action_listen", "action_extract_slots")
        for e in events[last_user + 1 :]
        if e.get("event") == "action"
    )


def _latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def earliest_day(iso: str | None) -> dt.date | None:
    """The earliest day an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) can mean; None for
    anything else (a slot can still hold the words typed, before they were validated)."""
    parts = _iso_parts(iso)
    if parts is None:
        return None
    return dt.date(
        parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
    )


_ISO = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def _iso_parts(iso: Any) -> list[int] | None:
    if not isinstance(iso, str) or not _ISO.fullmatch(iso):
        return None
    parts = [int(p) for p in iso.split("-")]
    try:
        dt.date(
            parts[0],
            parts[1] if len(parts) > 1 else 1,
            parts[2] if len(parts) > 2 else 1,
        )
    except ValueError:
        return None
    return parts


def latest_day(iso: str | None) -> dt.date | None:
    """The latest day an ISO date can mean (used to compare partial dates generously)."""
    parts = _iso_parts(iso)
    if parts is None:
        return None
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def is_unknown(value: Any) -> bool:
    return value == UNKNOWN


def known(value: Any) -> Any:
    """A slot's value as a fact: None for "not sure" (``UNKNOWN``) as for never asked."""
    return None if is_unknown(value) else value


def word_count(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def leading_yes_no(text: str) -> bool | None:
    """True or False when the message starts with a clear yes or no word, else None."""
    match = LEADING_YES_NO.match(text or "")
    if not match:
        return None
    return match.group("yes") is not None


def says_facility_kind(text: str) -> bool:
    """Whether a sentence that asks nothing says what kind of place it was ("Sunrise Gardens
    is private I think"): the answer to the public-hospital question, not a question about
    privacy ("is this private" asks one)."""
    return any(KIND_SAID.search(s) for s in parsing.answer_sentences(text or ""))


def concluding_yes_no(text: str) -> bool | None:
    """True or False when the message ends on a yes or no as its conclusion ("..., so no"),
    else None."""
    match = CONCLUDING_YES_NO.search(text or "")
    if not match:
        return None
    return match.group("yes") is not None


def is_unsure(text: str) -> bool:
    """ "I'm not sure" said anywhere in the answer, or as the whole answer ("hard to say")."""
    return bool(UNSURE_WORDS.search(text or "")) or parsing.is_unsure(text or "")


# "I'm not in danger now", "this isn't an emergency": about the 911 line, not an answer.
NOT_IN_DANGER = re.compile(
    r"\b(?:(?:not|no longer|isn'?t|is not|wasn'?t|was not) (?:in (?:any )?danger|an emergency|"
    r"urgent|an urgent thing)|no emergency|nobody is in danger)\b",
    re.I,
)


def reads_as_story(text: str) -> bool:
    """A message that tells (more of) what happened rather than answering a short question."""
    return word_count(text) >= STORY_MIN_WORDS and "?" not in text


# What the others did or said, told as a remark however short ("they said oops basically",
# "and now they want to do the right one too?? no way"): the telling, not a try at the
# question asked.
THEY_DID = re.compile(
    r"^\W*(?:(?:and|but|so|now|then|plus|also|well|oh|like)\W+)*(?:they|he|she"
    r"|the\s+(?:doctors?|surgeons?|nurses?|hospital|staff|pharmacist|pharmacy|clinic|er)"
    r"|dr\.?\s+\w+)\s+(?:(?:just|even|still|also|now|never|then|basically|actually)\s+)?"
    r"(?:said|told|say|says|want|wants|wanted|tried|claimed|claims|admitted|blamed|refused"
    r"|laughed|apologi[sz]ed|lied|acted|keep|kept|won'?t|didn'?t|did\s+not|wouldn'?t)\b",
    re.I,
)


def remark_in_the_telling(text: str) -> bool:
    """A short remark on what the others did or said ("they said oops basically"), its
    questions none put to the firm ("and now they want to do the right one too?? no way"):
    more of the story, not an answer the question missed."""
    from actions.parsing.questions import asks_us

    asked = parsing.split_questions(text or "")[1]
    return (
        word_count(text or "") >= 3
        and bool(THEY_DID.search(text or ""))
        and not any(asks_us(s) for s in asked)
    )


def mentions_death(text: str) -> bool:
    return bool(DEATH_MENTION.search(text or "")) and not NOT_A_DEATH.search(text or "")


def relation_in(text: str) -> str | None:
    """The first relation named as "my <relation>" ("my late mom" -> "mother"), or None."""
    match = RELATION_WORD.search(text or "")
    return RELATIONS[match.group("word").lower()] if match else None


def relation_events(text: str, role: str | None) -> dict[str, Any]:
    """The relation slots when the words name the patient's relation and it agrees with the
    role: ``{"patient_relation": "mother", "patient_called": "your mother"}``, or {}."""
    relation = relation_in(text)
    if not relation or not role:
        return {}
    if parsing.parse_patient_role(f"my {relation}") != role:
        return {}
    return {"patient_relation": relation, "patient_called": f"your {relation}"}


def wants_a_call(text: str) -> bool:
    """A request for a call in the person's own words; "the doctor wont call back" is the
    story (a call someone else does not return), and "Will a lawyer call me?" a question
    whether one will (answered), not a request."""
    words = without_calls_not_returned(text or "")
    # sentence by sentence: "... I'm still tired. When will someone actually call me?" asks
    # when, it does not ask for a call; "Will a lawyer call me?" asks whether (answered)
    return any(
        CALL_ME.search(sentence)
        and not NO_CALLS.search(sentence)
        and parsing.question_topics(sentence) != ["ask_will_call"]
        for sentence in re.split(r"(?<=[.!?…])\s+", words)
    )


def represented_intent_of(text: str) -> str | None:
    """ "switch" or "second_opinion" when the words say so (a lawyer who never calls back is
    a reason for a second opinion), else None."""
    if SWITCH_WORDS.search(text or ""):
        return "switch"
    if SECOND_OPINION_WORDS.search(text or "") or UNHAPPY_WORDS.search(text or ""):
        return "second_opinion"
    return None


def about_the_patient(text: str, tracker: Tracker) -> dict[str, Any]:
    """What an answer about the patient says besides itself: their age ("he is 9, born march
    3 2017", "he was 41") as ``patient_age``, and that they are alive ("hes almost 2 now") as
    ``patient_deceased`` False, for what is not known yet; else {}."""
    found: dict[str, Any] = {}
    if tracker.get_slot("patient_age") is None:
        age = case_answers.age_said(text)
        if age is not None:
            found["patient_age"] = age
    if (
        tracker.get_slot("patient_deceased") is None
        and tracker.get_slot("patient_role") not in (None, "self")
        and not mentions_death(text)
        and parsing.read_story(text, today()).patient_deceased is False
    ):
        found["patient_deceased"] = False
    return found


def age_from_birthday(tracker: Tracker, events: list[EventType]) -> list[EventType]:
    """The patient's age at the time, from their date of birth and the date of the care
    ("6/14/2015" with the care in March 2023: 7; born the day of the delivery: 0), once both
    are known and neither waits on a read-back, when no age was said: so "how old were they
    at the time?" is not asked. [] when the dates do not tell it to the year."""
    values = dict(tracker.current_slot_values())
    values.update(
        {e["name"]: e.get("value") for e in events if e.get("event") == "slot"}
    )
    if values.get("patient_age") is not None or values.get("date_to_confirm") in (
        "patient_dob",
        "incident_date",
    ):
        return []
    age = parsing.age_at(
        known(values.get("patient_dob")), known(values.get("incident_date"))
    )
    return [] if age is None else [SlotSet("patient_age", age)]


def stillbirth_facts(text: str, tracker: Tracker) -> dict[str, Any]:
    """When the words or the story say the baby was stillborn ("She was stillborn. October
    20."): what that tells (stillborn, no age, not alive); {} otherwise."""
    if not (
        tracker.get_slot("stillborn")
        or parsing.says_stillborn(text)
        or (
            tracker.get_slot("patient_role") == "child"
            and parsing.says_stillborn(tracker.get_slot("incident_description"))
        )
    ):
        return {}
    return {"stillborn": True, "patient_age": 0, "patient_deceased": True}


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
        if slot("patient_role") not in (None, "self") or slot("patient_deceased"):
            facts.append("patient_deceased")
            if slot("patient_deceased") is True:
                facts.append("death_date")
        facts += ["government_facility", "already_represented"]
        if slot("already_represented") is True:
            facts.append("represented_intent")
        contact = ["contact_name", "contact_phone", "contact_email", "contact_consent"]
        happy_with_lawyer = slot("already_represented") is True and slot(
            "represented_intent"
        ) not in ("second_opinion", "switch")

        asked = slot("requested_slot")
        if slot("callback_wanted") is True and call_asked_midway(tracker):
            # They asked for a call: keep what we have (and the answer being given now, as
            # "denise@example.com. Can someone call me in the mornings?"), ask only how to
            # reach them.
            required = [s for s in facts if slot(s) is not None or s == asked] + [
                "contact_name",
                "contact_phone",
                *(
                    ["contact_email"]
                    if slot("contact_email") or asked == "contact_email"
                    else []
                ),
                "contact_consent",
            ]
        elif happy_with_lawyer:
            required = facts  # no solicitation: no contact questions
        else:
            required = facts + contact
        # --- case evaluation (actions/evaluation.py): its questions placed in the list ---
        required = self.case_evaluation_slots(tracker, required)
        if "contact_consent" in required and await self.asks_callback_time(tracker):
            required.insert(required.index("contact_consent") + 1, "callback_time")
        if not happy_with_lawyer or slot("callback_wanted") is True:
            required.append("summary_confirmed")  # the read-back, before the outcome
        if slot("callback_requested"):
            required.insert(0, "callback_wanted")
        hint = slot("date_hint")
        if isinstance(hint, dict) and hint.get("slot") in required:
            required.insert(required.index(hint["slot"]), "date_month")
        pending = slot("date_to_confirm")
        if pending in required:
            # "Is that right?" right after its read-back, also when the date was said before
            # its turn ("march 2024 i think" at the state question)
            at = required.index(pending) + 1
            first_open = next(
                (i for i, name in enumerate(required) if slot(name) is None), at
            )
            required.insert(min(at, first_open), "confirm_date")
        return required

    @staticmethod
    async def asks_callback_time(tracker: Tracker) -> bool:
        """When to call is asked only of someone who wants a call, gave a phone and agreed to
        be contacted, and only while the firm offers callback times (with no open time to
        offer, it is asked in words and noted for staff)."""
        slot = tracker.get_slot
        if slot("callback_wanted") is not True:
            return False
        if slot("callback_time") is not None:
            return True
        if is_unknown(slot("contact_phone")) or slot("contact_consent") in (
            False,
            UNKNOWN,
        ):
            return False
        if slot("contact_phone") is None or slot("contact_consent") is None:
            return True  # not asked yet: decided again once they are answered
        from actions.scheduling import plan

        return plan() is not None

    # --- following the person: misses, answers to other questions, more story --------------
    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        from actions.scheduling import time_said_before

        events = await self.answer_events(dispatcher, tracker, domain)
        events += dates_fixed_beside_the_answer(dispatcher, tracker, events)
        # "after 5 on weekdays" said before the call time is asked: kept
        events += await time_said_before(dispatcher, tracker, events)
        return events + age_from_birthday(tracker, events)

    async def answer_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """The events of the latest message's answers: validated, and followed when the
        answer to the question asked was not taken (see the module docstring)."""
        asked = tracker.get_slot("requested_slot")
        candidates = set(tracker.slots_to_validate())
        answering = asked if asked and asked in candidates else None
        if (
            asked
            and not answering
            and candidates
            and _latest_intent(tracker) in INTERRUPTIONS
            and runs_on_the_message(tracker)
        ):
            # A question or a fix with a fact heard in it: the form runs in place of the
            # rule's action (actions.conversation.interruption_in_place), which is done here
            from actions.conversation import (
                interruption_in_place,  # conversation imports this module
            )

            heard = await super().get_validation_events(dispatcher, tracker, domain)
            return heard + await interruption_in_place(dispatcher, tracker, domain)
        asked_too = answering is not None and answer_questions_asked(
            answering, dispatcher, tracker
        )
        if asked_too and answering not in tracker.slots_to_validate():
            # Only a question ("is it too late?" at the summary): answered, and the
            # question asked again, not counted as a miss.
            events = await super().get_validation_events(dispatcher, tracker, domain)
            return [*events, SlotSet(answering, None)]
        said_before = len(dispatcher.messages)
        events = await super().get_validation_events(dispatcher, tracker, domain)
        if not answering or tracker.slots.get(answering) is not None:
            return events
        if asked_too:
            # "Is it too late? I didn't do anything for over a month, I couldn't." when they
            # found out was asked: the question answered, and the date's asked again without
            # "Sorry, I couldn't read that as a date" (they were not giving one)
            dispatcher.messages[said_before:] = [
                message
                for message in dispatcher.messages[said_before:]
                if not str(message.get("response") or "").startswith("utter_invalid_")
            ]
            return events
        if any(
            e.get("name") not in candidates and e.get("value") is not None
            for e in events
        ):
            # The validator did something on purpose (a fix at the read-back applied, "spring
            # 2023" asking for the month next), or the message asked a question that was
            # answered: not a miss.
            return events
        follow = self.after_a_miss(answering, said_before, dispatcher, tracker)
        tracker.slots.update(follow)
        return events + [SlotSet(k, v) for k, v in follow.items()]

    async def answer(
        self,
        slot: str,
        text: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """The events of `text` taken as the answer to `slot`, exactly as the form would take
        it (validated, misses counted): for messages the language model took for something else."""
        said_before = len(dispatcher.messages)
        validate = getattr(self, f"validate_{slot}", None)
        if validate is None:
            return [SlotSet(slot, text)]
        result = validate(text, dispatcher, tracker, domain)
        if hasattr(result, "__await__"):
            result = await result
        values: dict[str, Any] = dict(result or {})
        tracker.slots.update(values)
        purposeful = any(
            k not in (slot, "question_misses") and v is not None
            for k, v in values.items()
        )  # a fix at the read-back applied, "spring 2023" asking for the month next
        if values.get(slot) is None and not purposeful:
            values.update(self.after_a_miss(slot, said_before, dispatcher, tracker))
        return [SlotSet(k, v) for k, v in values.items()]

    def after_a_miss(
        self,
        slot: str,
        said_before: int,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        """What follows an answer the question's validator did not take: the answer kept for the
        question it fits, more story added, or a miss counted (the second one notes "not sure").
        Replaces the validator's "sorry, ..." when the message was not a miss."""
        text = " ".join((tracker.latest_message.get("text") or "").split())
        misses: dict[str, int] = dict(tracker.get_slot("question_misses") or {})
        other = answer_for_another_question(slot, text, tracker)
        if other:
            del dispatcher.messages[said_before:]
            dispatcher.utter_message(response="utter_changed_contact_details")
            return other
        when = self.date_for_another_question(
            slot, text, said_before, dispatcher, tracker
        )
        if when:
            return when
        story_key = f"story:{slot}"
        if (
            # (the read-back reads its own answers: what it asks back stands)
            slot not in ("incident_description", "contact_name", "summary_confirmed")
            and (reads_as_story(text) or remark_in_the_telling(text))
            and not reads_as_an_answer(slot, text)
            and misses.get(story_key, 0) < MAX_STORY_ADDITIONS
        ):
            del dispatcher.messages[said_before:]
            misses[story_key] = misses.get(story_key, 0) + 1
            dispatcher.utter_message(response="utter_story_added")
            return {"question_misses": misses, **story_events(text, tracker)}
        misses[slot] = misses.get(slot, 0) + 1
        if misses[slot] < MAX_ASKS:
            return {"question_misses": misses}
        del dispatcher.messages[said_before:]
        dispatcher.utter_message(response="utter_noted_unknown")
        return {"question_misses": misses, **note_unknown(slot, tracker)}

    def date_for_another_question(
        self,
        asked: str,
        text: str,
        said_before: int,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        """A date said at a question that is not about one ("march 2024 i think" when the state
        was asked again), kept for the date question it answers, not asked yet: the date of
        the care unless the words name another event ("found out in june"). It is taken as
        that question takes it (read back when not exact), and the question asked comes again
        without counting a miss. {} when the words are not such a date."""
        if (
            asked not in SHORT_ANSWER_SLOTS
            or asked in (*DATE_SLOTS, "confirm_date", "date_month", "summary_confirmed")
            or "?" in text
            or word_count(text) > DATE_ANSWER_MAX_WORDS
            or parsing.parse_state(text)
            or not parsing.parse_date(text, today()).value
        ):
            return {}
        slot = tracker.get_slot
        asked_later = {
            "incident_date": True,
            "discovery_date": True,
            "patient_dob": might_be_minor(slot("patient_role"), slot("incident_type")),
            "death_date": slot("patient_deceased") is True,
        }
        told = parsing.dates_by_event(text, today(), known(slot("incident_date")))
        target = next(
            (
                name
                for name in (told or ["incident_date"])
                if asked_later.get(name) and slot(name) is None
            ),
            None,
        )
        if target is None:
            return {}
        del dispatcher.messages[said_before:]
        events = self._validate_date(target, text, dispatcher, tracker)
        if events.get(target) is None:
            del dispatcher.messages[said_before:]
            return {}
        return events

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
        said = " ".join((tracker.latest_message.get("text") or text).split())
        choice, words = numbered_kind(said) if is_sms(tracker) else (None, said)
        kind = (
            choice
            or parsing.parse_incident_type(text)
            or INTENT_TO_INCIDENT_TYPE.get(_latest_intent(tracker) or "")
        )
        if kind:
            found: dict[str, Any] = {"incident_type": kind}
            told = story_with_the_kind(words)
            if (
                told
                and kind != NOT_MEDMAL
                and tracker.get_slot("requested_slot") == "incident_type"
            ):
                # "1 i guess. knee replacement got infected ...", "she fell at the nursing
                # hom": what happened, told with its kind, is not asked again; after texts
                # that began the story ("she bled really bad like a week after"), "had to go
                # back in for another surgery to stop it" joins it
                found.update(story_events(told, tracker))
                found["incident_type"] = kind
            return found
        dispatcher.utter_message(response="utter_invalid_incident_type")
        return {"incident_type": None}

    def validate_incident_description(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        from actions.conversation import (  # conversation imports this module
            emergency_seen_to,
        )

        if tracker.get_slot("requested_slot") != "incident_description" and (
            emergency_seen_to(tracker)
        ):
            # "ok im back from the ER. they said its not a heart attack this time" (after the
            # 911 advice) tells that visit, not the care: what happened is asked
            return {"incident_description": None}
        text = parsing.clean_answer(_text(value))
        if not text and _text(value).strip():
            return {
                "incident_description": None
            }  # only a question, answered: asked again
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
        if is_unknown(value):
            return {"state": value}
        if tracker.get_slot("requested_slot") != "state":
            # A state the model thought it heard in a story ("found it on a CT scan", "the PA
            # told me") counts only if the whole message names one for the parser too, which
            # knows those words; else it is dropped and the question comes in its turn. The
            # summary then reads it back.
            said = tracker.latest_message.get("text") or _text(value)
            return {"state": parsing.parse_state(said)}
        code = parsing.parse_state(_text(value))
        if not code:
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
        if NOT_IN_DANGER.search(text):
            # "No, that was in July, I'm not in danger now": a reply to the greeting's "if
            # anyone is having a medical emergency, please call 911", not the date asked;
            # the question is asked again.
            return {slot_name: None}
        reference = (
            known(tracker.get_slot("incident_date"))
            if slot_name != "incident_date"
            else None
        )
        if slot_name == "patient_dob":
            reference = None
        moved = care_said_again(text, tracker) if slot_name == "discovery_date" else {}
        if moved:
            # "sorry, the 14th was my pre-op appointment. the actual surgery was august 19. I
            # found out in october": the care's date changed, and when they found out kept
            reference = moved["incident_date"]
            tracker.slots["incident_date"] = reference
            dispatcher.utter_message(
                response="utter_changed_incident_date",
                date=parsing.humanize_date(reference),
            )
        if moved:
            # "Wait no, the first visit was October 2nd, a Friday. The surgeon told me on the
            # 6th it had ruptured.": when they found out is in the other words (October 6)
            text = words_beside_the_date(text, str(reference)) or text
        if slot_name == "discovery_date" and not moved:
            # "no wait her birthday is september 23 not 22. i found out when she was like 2
            # months old": the birth (the care) corrected, and when they found out counted
            # from it
            moved, text = birth_said_again(text, tracker)
            if moved:
                reference = moved["incident_date"]
                tracker.slots.update(moved)
                dispatcher.utter_message(
                    response="utter_changed_incident_date",
                    date=parsing.humanize_date(reference),
                )
        answer = said_with_its_event(
            slot_name,
            text,
            parsing.parse_date(
                text, today(), reference=reference, born=birth_of(tracker)
            ),
            reference,
        )
        if slot_name == "incident_date" and answer.value:
            found_then = found_out_in_the_story(text, answer.value, tracker)
            if found_then is not None:
                # "Since then she always had pain ... This august a CT scan found a sponge they
                # left inside her": when it was found, told as more of the story; the care's
                # own date is asked again
                return {slot_name: None, **found_then}
        death_held = known(tracker.get_slot("death_date"))
        if (
            slot_name == "discovery_date"
            and not answer.value
            and death_held
            and parsing.names_the_death_as_the_time(text)
        ):
            # "when he died. the doc said it shouldve been caught a week earlier": the death's
            # date, already given, is when they found out
            answer = parsing.DateAnswer(
                value=str(death_held),
                exact=True,
                readable=parsing.humanize_date(str(death_held)),
            )
        if slot_name == "death_date" and answer.value:
            # "June 2025, he died on the 2nd": the day said with the death word
            death = parsing.death_date_in(text, today(), answer.value)
            if death and death.startswith(answer.value) and death != answer.value:
                answer = parsing.parse_date(death, today())
        if moved and not answer.value and not answer.season_year:
            return {**moved, slot_name: None}  # only the care's date: asked again
        if answer.season_year and not answer.value:
            return {**moved, slot_name: None, **which_month(slot_name, answer)}
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
        events = self._accept_date(
            slot_name, answer.value, answer.exact, dispatcher, tracker
        )
        if slot_name == "incident_date" and events.get(slot_name):
            events.update(death_date_told(text, events[slot_name], tracker))
            events.update(discovery_date_told(text, events[slot_name], tracker))
        if slot_name == "discovery_date" and events.get(slot_name):
            # "same day, he died march 4": the death, said with when they found out
            care = known(tracker.get_slot("incident_date"))
            events.update(
                death_date_told(text, str(care or events[slot_name]), tracker)
            )
        if slot_name in ("incident_date", "discovery_date") and events.get(slot_name):
            events.update(story_told_with_a_date(text, tracker))
        if slot_name == "death_date" and events.get(slot_name):
            events.update(harm_told_with_the_death(text, tracker))
        return {**moved, **events}

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
        changes = case_changes(_text(value), tracker)
        if changes and not might_be_minor(
            changes.get("patient_role", tracker.get_slot("patient_role")),
            changes.get("incident_type", tracker.get_slot("incident_type")),
        ):
            # "It was NOT a birth injury, it was a hysterectomy… April 14, 2025. I was the
            # patient.": the case corrected, and no date of birth is needed any more.
            if "incident_date" in changes:
                dispatcher.utter_message(
                    response="utter_changed_incident_date",
                    date=parsing.humanize_date(changes["incident_date"]),
                )
            return {**changes, "patient_dob": None}
        text = _text(value)
        about = about_the_patient(text, tracker)
        stillbirth = stillbirth_facts(text, tracker)
        if stillbirth:
            # "She was stillborn. October 20. She never took a breath.": the delivery's date,
            # after the care by nature; no age, and she did not live (the death that day)
            tracker.slots.update(stillbirth)
            about = {**about, **stillbirth}
        if case_answers.wants_to_skip(text):
            return {**note_unknown("patient_dob", tracker), **about}
        said_before = len(dispatcher.messages)
        events = self._validate_date("patient_dob", value, dispatcher, tracker)
        born = events.get("patient_dob")
        if stillbirth and born and not known(tracker.get_slot("death_date")):
            events = {**events, "death_date": born}
        if events.get("patient_dob") is None and "patient_age" in about:
            # "i dont know his birthday off hand, he was 41": the age is what the date of
            # birth is asked for; kept, and the date noted as not known (not asked again).
            del dispatcher.messages[said_before:]
            return {**note_unknown("patient_dob", tracker), **about}
        return {**events, **about}

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
        text = _text(value)
        if pending is None:
            return {"confirm_date": True, "date_to_confirm": None}
        if pending == "discovery_date":
            # "No. she was born sept 23 2025. i found out in november 2025" (when she found
            # out read back as September 23): the birth is the care's date, not a yes to the
            # date read back; the rest answers the read-back
            reborn, rest = birth_said_again(text, tracker)
            if " ".join(rest.split()) != " ".join(text.split()):
                if reborn:
                    tracker.slots.update(reborn)
                    dispatcher.utter_message(
                        response="utter_changed_incident_date",
                        date=parsing.humanize_date(reborn["incident_date"]),
                    )
                told = self.validate_confirm_date(
                    rest or "no", dispatcher, tracker, domain
                )
                return {**reborn, **told}
        if (
            parsing.asks_what_is_checked(text)
            and not parsing.parse_date(text, today()).value
        ):
            # "sorry hit stop by accident. is what right?": the date read back again (no yes)
            dispatcher.utter_message(
                response=f"utter_read_back_{pending}",
                date=parsing.humanize_date(str(tracker.get_slot(pending) or "")),
            )
            return {"confirm_date": None}
        # A date first, then yes or no: "no. it was september 2025" in one message is taken as
        # September 2025 (the parser reads past the "no"; else the words after it are tried).
        reference = (
            known(tracker.get_slot("incident_date"))
            if pending not in ("incident_date", "patient_dob")
            else None
        )
        held = tracker.get_slot(pending)
        if leading_yes_no(text) is not False and parsing.restates_date(text, held):
            # "well the bedsores started maybe january? she went in november" (November
            # read back): the date read back, said again; the other date is another event's.
            return {"confirm_date": True, "date_to_confirm": None}
        born = birth_of(tracker) if pending != "patient_dob" else None
        corrected = parsing.parse_date(text, today(), reference=reference, born=born)
        if not (corrected.value or corrected.season_year):
            without_yes_no = LEADING_YES_NO.sub("", text).strip(" ,.!-")
            if without_yes_no and without_yes_no != text:
                corrected = parsing.parse_date(
                    without_yes_no, today(), reference=reference, born=born
                )
        if not (corrected.value or corrected.season_year):
            # "no. the patches was the 21st i think. she passed the 23rd" (December 2024
            # read back): the day said with its event, in the month held
            again = parsing.dates_corrected(
                text, today(), tracker.current_slot_values()
            ).get(pending)
            if again:
                corrected = parsing.DateAnswer(
                    value=again, readable=parsing.humanize_date(again)
                )
        if (
            pending == "discovery_date"
            and reference
            and corrected.value == reference
            and parsing.restates_date(text, held)
        ):
            # "No. The surgery was May 12. I got sick two days later, May 14." (May 14 read
            # back): the care's own date said beside the one read back, which stays
            return {"confirm_date": True, "date_to_confirm": None}
        if (
            corrected.season_year
            and not corrected.value
            and leading_yes_no(text) is not False
            and month_in_season(held, corrected.season, corrected.season_year)
        ):
            # "Yes, fall of 2023" (October 2023 read back): the season it is in, said again
            return {"confirm_date": True, "date_to_confirm": None}
        if corrected.season_year and not corrected.value:
            # "no, it was spring of 2024": that season, and which month is asked next
            return {
                "confirm_date": True,
                "date_to_confirm": None,
                pending: None,
                **which_month(pending, corrected),
            }
        if corrected.value and not corrected.problem:
            value = with_month_kept(corrected.value, tracker.get_slot(pending), text)
            if value == tracker.get_slot(pending):
                return {"confirm_date": True, "date_to_confirm": None}
            events = self._accept_date(pending, value, True, dispatcher, tracker)
            if events.get(pending):
                events.update({"confirm_date": True, "date_to_confirm": None})
                events.update(care_is_the_birth(pending, value, tracker))
            return events
        answer = parsing.parse_yes_no(text)
        if answer is None:
            answer = leading_yes_no(text)
        if answer is True or (answer is None and is_unsure(text)):
            # Yes, or "not sure": the date stays as read back (it was not exact anyway).
            return {"confirm_date": True, "date_to_confirm": None}
        if answer is False:
            misses = dict(tracker.get_slot("question_misses") or {})
            misses[pending] = misses.get(pending, 0) + 1
            if misses[pending] >= MAX_ASKS:
                dispatcher.utter_message(response="utter_noted_unknown")
                return {
                    "confirm_date": True,
                    "date_to_confirm": None,
                    "question_misses": misses,
                    **note_unknown(pending, tracker),
                }
            dispatcher.utter_message(response="utter_fix_date")
            return {
                "confirm_date": True,
                "date_to_confirm": None,
                pending: None,
                "question_misses": misses,
            }
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
        events: dict[str, Any] = {"patient_role": role}
        if not tracker.get_slot("patient_relation"):
            # "my mom ..." in the words that gave the role: the questions say "your mother".
            said = tracker.latest_message.get("text") or ""
            events.update(relation_events(said, role) or relation_events(text, role))
        return events

    def _yes_no(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        reject: bool = True,
        ok_is_yes: bool = True,
    ) -> bool | None:
        """Yes or no from the words (or the yes/no intent); None, asked again, when neither.

        A clear first word wins over the rest ("no!! he's 6 ..."); a story that merely starts
        with "ok." is not a yes; and where "ok" only acknowledges (`ok_is_yes=False`: "Do you
        have a lawyer?"), a bare "ok" is no answer."""
        if isinstance(value, bool):
            return value
        text = _text(value)
        if not ok_is_yes and ACK_ONLY.match(text):
            answer = None
        else:
            first = leading_yes_no(text)
            if first is None:
                first = concluding_yes_no(text)  # "I talked to one guy ..., so no"
            answer = parsing.parse_yes_no(text)
            if first is not None and (answer is None or reads_as_story(text)):
                answer = first
            elif first is None and reads_as_story(text):
                answer = None  # "ok. my daughter's broken arm was missed ...": a story
            if answer is None and not reads_as_story(text) and not is_unsure(text):
                answer = {"affirm": True, "deny": False}.get(
                    _latest_intent(tracker) or ""
                )
        if answer is None and reject and not is_unsure(text):
            dispatcher.utter_message(response="utter_invalid_yes_no")
        return answer

    def _unsure(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """ "I'm not sure" is an answer: noted as unknown at once, and the screening goes on."""
        dispatcher.utter_message(response="utter_noted_unknown")
        return note_unknown(slot, tracker)

    def validate_patient_deceased(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if isinstance(value, bool) or is_unknown(value):
            return {"patient_deceased": value}
        text = _text(value)
        if ALIVE_WORDS.search(text) and not mentions_death(text):
            return {
                "patient_deceased": False
            }  # "no!! he's 6 he's sitting right next to me"
        if mentions_death(text) or DEATH_WORDS.search(text):
            answer: bool | None = (
                True  # "she died", "we lost him": a yes in other words
            )
        else:
            answer = self._yes_no(value, dispatcher, tracker, ok_is_yes=False)
        if answer is None and is_unsure(text):
            return self._unsure("patient_deceased", dispatcher, tracker)
        if answer is True and not known(tracker.get_slot("death_date")):
            # "yes i just said that. nov 6": the date of death said with the yes
            return {
                "patient_deceased": True,
                **self._death_date_with_yes(text, dispatcher, tracker),
            }
        return {"patient_deceased": answer}

    def _death_date_with_yes(
        self, text: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """The date of death said in the answer to "has ... passed away?" ("yes. nov 6",
        "yes, on March 3"), taken as the answer to the date's question (read back when not
        exact), so that it is not asked next; {} when no date is said."""
        reference = known(tracker.get_slot("incident_date"))
        answer = parsing.parse_date(text, today(), reference=reference)
        if not answer.value or answer.problem:
            return {}
        return self._accept_date(
            "death_date", answer.value, answer.exact, dispatcher, tracker
        )

    def validate_government_facility(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if isinstance(value, bool) or is_unknown(value):
            return {"government_facility": value}
        text = _text(value)
        # who runs it, as said ("yes its the county hospital": a county's notice of claim)
        entity = {"government_entity": parsing.government_entity_in(text)}
        # "2 its private", "it was not a public hospital": the kind of place said, not "it
        # is" / "it was" for a yes; a clear first yes or no still wins ("No, it's private")
        kind = facility_kind_said(text) if leading_yes_no(text) is None else None
        if kind is not None:
            return {"government_facility": kind, **entity}
        answer = self._yes_no(value, dispatcher, tracker, reject=False, ok_is_yes=False)
        if answer is None and PRIVATE_WORDS.search(text):
            answer = False  # "it was a private hospital"
        if answer is None and PUBLIC_WORDS.search(text):
            answer = True  # "the VA", "county hospital"
        if answer is None and parsing.public_facility_named(text):
            answer = True  # "idk. it was regional one downtown, the med": a public one
        if answer is None:
            if _latest_intent(tracker) == "unsure" or is_unsure(text):
                # Unknown, never No: a public hospital can mean a notice of claim within months.
                return self._unsure("government_facility", dispatcher, tracker)
            dispatcher.utter_message(response="utter_invalid_yes_no")
            return {"government_facility": None}
        return {"government_facility": answer, **entity}

    def validate_already_represented(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if isinstance(value, bool) or is_unknown(value):
            return {"already_represented": value}
        text = _text(value)
        if parsing.lawyer_gone(text, about_the_lawyer=True):
            # "my lawyer withdrew, I dont have one now": no lawyer, never a 'represented' lead
            return {"already_represented": False}
        wish = represented_intent_of(text)
        if wish and not re.search(
            r"\b(no|don'?t|do not|dont)\s+(have\s+)?(a\s+)?lawyer", text, re.I
        ):
            # A lawyer who never calls back, a second opinion, a change: welcome, and asked
            # how to reach them (flagged on the lead by represented_intent).
            return {"already_represented": True, "represented_intent": wish}
        answer = self._yes_no(value, dispatcher, tracker, ok_is_yes=False)
        if answer is None and is_unsure(text):
            return self._unsure("already_represented", dispatcher, tracker)
        return {"already_represented": answer}

    def validate_represented_intent(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = _text(value)
        if text == "keep":
            return {"represented_intent": "none"}
        if parsing.lawyer_gone(text, about_the_lawyer=True):
            # "none of those. he dropped me. I dont have a lawyer anymore": no lawyer now
            return {"already_represented": False, "represented_intent": None}
        if text in ("none", "second_opinion", "switch") or is_unknown(text):
            return {"represented_intent": text}
        # The case evaluation's reading first ("neither", "a second opinion", "switching").
        from actions.parsing import case

        read = case.parse_represented_intent(text)
        if read in ("none", "second_opinion", "switch"):
            return {"represented_intent": read}
        wish = represented_intent_of(text)
        if wish:
            return {"represented_intent": wish}
        if re.search(r"\bopinion\b", text, re.I) or leading_yes_no(text) is True:
            return {"represented_intent": "second_opinion"}
        if HAPPY_WORDS.search(text):
            return {"represented_intent": "none"}
        if is_unsure(text):
            return {"represented_intent": "none"}  # no pitch: a doubt is not a request
        return {"represented_intent": None}

    def validate_callback_wanted(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if isinstance(value, bool) or is_unknown(value):
            return {"callback_wanted": value, "callback_requested": None}
        text = _text(value)
        answer = self._yes_no(value, dispatcher, tracker, reject=False)
        if answer is None and wants_a_call(text):
            answer = True
        if answer is None:
            if is_unsure(text):
                dispatcher.utter_message(response="utter_carry_on")
                return {"callback_wanted": UNKNOWN, "callback_requested": None}
            if not reads_as_story(text):
                dispatcher.utter_message(response="utter_invalid_yes_no")
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
        name = name_in_sentences(_text(value)) or parsing.parse_name(_text(value))
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
        text = _text(value)
        own = own_number(tracker)
        # "this number or my daughter 480-555-0143 if i dont pick up": theirs, not hers
        phone = parsing.parse_own_phone(text, own)
        if not phone and own and (leading_yes_no(text) is True or SMS_ONE.match(text)):
            # "yes" to "is this number the best one?" (asked by text); "1" is yes by text
            # at every yes/no question, this one too
            phone = own
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
        if parsing.means_no_email(text) or _latest_intent(tracker) == "deny":
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
        if isinstance(value, bool) or is_unknown(value):
            return {"contact_consent": value}
        text = _text(value)
        answer = self._yes_no(value, dispatcher, tracker, reject=False)
        if answer is None and parsing.consents_by_means(text):
            answer = True  # "text is fine": a yes, the way kept for staff (reach_notes)
        if answer is None and is_unsure(text):
            return self._unsure("contact_consent", dispatcher, tracker)
        if answer is None:
            dispatcher.utter_message(response="utter_invalid_yes_no")
        return {"contact_consent": answer}

    async def validate_callback_time(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """A time button (its ISO payload, or its number by SMS), "tomorrow afternoon", "at 3"
        or "asap" (the nearest open time), or "any time"; said back in the firm's words."""
        from actions.callback import ANY_TIME
        from actions.parsing.callback import zone_said
        from actions.scheduling import confirm, own_zone, read_time

        if is_unknown(value) or value == ANY_TIME:
            return {"callback_time": value}
        chosen = await read_time(_text(value), tracker)
        if chosen is None:
            dispatcher.utter_message(response="utter_invalid_callback_time")
            return {"callback_time": None}
        theirs = zone_said(_text(value), own_zone(tracker)) or own_zone(tracker)
        confirm(dispatcher, chosen, "utter_callback_time_confirmed", theirs)
        return {"callback_time": chosen}

    # --- the read-back before the outcome -------------------------------------------------------
    async def validate_summary_confirmed(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """See the module docstring for how each answer to "Is anything wrong?" is read."""
        if isinstance(value, bool) or is_unknown(value):
            return {"summary_confirmed": value}
        from actions.conversation import (
            apply_correction,  # conversation imports this module
        )
        from actions.parsing.callback import (
            asks_call_at,
            change_kind,
            without_call_time,
        )
        from actions.scheduling import change_call

        text = _text(value)
        plain = parsing.split_questions(text)[
            0
        ]  # "tonight?? monday evening would be better"
        if tracker.get_slot("callback_wanted") is True and (
            change_kind(text) or asks_call_at(plain)
        ):
            # "The call time is wrong. I said 10am Arizona time": the call moves (a time
            # zone is no state), and the summary is shown again with it.
            call = await change_call(
                text if change_kind(text) else plain, dispatcher, tracker
            )
            if call:
                # "I found out in March, not on my birthday. And please not 8 in the
                # morning...": what else the words fix is fixed too
                rest = without_call_time(text)
                fix = apply_correction(rest, dispatcher, tracker) if rest else None
                if rest and re.search(r"\bnot\b|n'?t\b", rest, re.I):
                    fix = {**(fix or {}), **(case_changes(rest, tracker) or {})}
                return {**(fix or {}), **call, "summary_confirmed": None}
        fix = apply_correction(text, dispatcher, tracker)
        # ("nothing wrong", "no changes": not a word that something is)
        wrong = bool(SUMMARY_WRONG.search(NOTHING_WRONG.sub(" ", text)))
        if re.search(r"\bnot\b|n'?t\b", text, re.I) or wrong:
            # "It was NOT a birth injury, it was a hysterectomy… I was the patient."
            retold = case_changes(text, tracker)
            if retold:
                fix = {**(fix or {}), **retold}
        cleared = place_cleared_at_read_back(text, dispatcher, tracker)
        if cleared:
            # "Its not the nursing home. He fell at the hospital, UNC"
            fix = {**(fix or {}), **cleared}
        if fix is not None:
            return {**fix, "summary_confirmed": None}  # shown again with the change
        held = said_as_held(text, tracker)
        if held:
            # kept as said (no miss: the read-back is shown again, not the question's retry)
            dispatcher.utter_message(response="utter_correction_already_held")
            return {**held, "summary_confirmed": None}
        if LEFT_OUT.search(text):
            # "you didnt put anything about my wrist": added to the story (the lead's
            # description), said so, and the summary shown again.
            dispatcher.utter_message(response="utter_story_added")
            if wrong:
                dispatcher.utter_message(response="utter_ask_what_to_fix")
            return {**story_events(text, tracker), "summary_confirmed": None}
        if wrong or re.search(r"something(?:'?s|\s+is)\s+wrong", text, re.I):
            dispatcher.utter_message(response="utter_ask_what_to_fix")
            return {"summary_confirmed": None}
        if BARE_YES.match(text) and not yes_said_at_summary_before(tracker):
            # "yes" alone to "Is anything wrong?" says something is: what, asked (a second
            # "yes" after that stands as a yes to the read-back)
            dispatcher.utter_message(response="utter_ask_what_to_fix")
            return {"summary_confirmed": None}
        if disputes_read_back(text, tracker):
            # "No. Its not our daughter ...", "Indiana?? No, New York" when nothing of it
            # could be applied: never a yes, asked what to change
            dispatcher.utter_message(response="utter_ask_what_to_fix")
            return {"summary_confirmed": None}
        if SUMMARY_RIGHT.search(text) or leading_yes_no(text) is not None:
            return {"summary_confirmed": True}
        told = told_at_read_back(text)
        if told:
            # "it was nursing home neglect, the bed sores. and please only call evenings after
            # 7pm": more of what happened (the kind of matter with it, when it names another),
            # not a yes; the call asked for is heard on its own (ActionHearFacts)
            dispatcher.utter_message(response="utter_story_added")
            events = story_events(told, tracker)
            kind = parsing.parse_incident_type(told)
            if kind not in (None, "other", NOT_MEDMAL):
                events["incident_type"] = kind
            return {**events, "summary_confirmed": None}
        answer = parsing.parse_yes_no(text)
        if answer is not None or _latest_intent(tracker) in ("affirm", "deny"):
            return {
                "summary_confirmed": True
            }  # yes or no: both say it stands (see above)
        dispatcher.utter_message(response="utter_ask_what_to_fix")
        return {"summary_confirmed": None}


# Words that contest what was read back: a denial, or a contrast with it ("its not our
# daughter", "monday evening would be better actually", "no wait").
DISPUTE_WORDS = re.compile(
    r"\b(?:not|never|nor|instead|actually|rather|wrong|incorrect|mistake|wait)\b|\w+n['’]t\b"
    r"|\b(?:is|was|were|are|do|does|did|ca|wo|could|should|would|has|have|ai)nt\b",
    re.I,
)
# Words that say nothing is wrong, negation and all ("nothing's wrong", "I don't think so",
# "can't think of anything", "no changes"): no dispute.
NOTHING_WRONG = re.compile(
    r"\b(?:nothing(?:'?s|\s+is)?(?:\s+(?:wrong|incorrect|else|more|to\s+(?:change|fix|add)))?"
    r"|not\s+(?:wrong|a\s+thing|that\s+i\s+(?:can\s+)?(?:see|know\s+of))"
    r"|(?:i\s+)?(?:don'?t|do\s+not)\s+think\s+so"
    r"|(?:can'?t|cannot|can\s+not)\s+think\s+of\s+anything"
    r"|(?:don'?t|do\s+not)\s+(?:need\s+to\s+|want\s+to\s+)?(?:change|fix|add)\s+anything"
    r"|(?:isn'?t|is\s+not|wasn'?t)\s+anything\s+wrong"
    r"|no\s+(?:changes?|problems?|worries|mistakes?|issues?))\b",
    re.I,
)
LEADING_NO = re.compile(r"^\W*(?:no+|nope|nah)\b\W*", re.I)
# A question of one or two words with no question word ("Indiana??", "tonight??", "March
# 3rd?"): what was read back, echoed in doubt.
ECHO = re.compile(
    r"^\W*(?!(?:what|when|where|who|why|how|which|is|are|do|does|did|can|will|would|could"
    r"|should|am|was|were)\b)(?:[\w'-]+\s*){1,2}\?+\W*$",
    re.I,
)


def disputes_read_back(text: str, tracker: Tracker) -> bool:
    """Whether an answer to "Here's what I have: ... Is anything wrong?" contests it, so that
    it is no yes even when it starts with "no" (which answers "Is anything wrong?"): a clause
    that denies or contrasts ("No. Its not our daughter, she is fine", "monday evening would
    be better actually"), a fact echoed in doubt ("Indiana??"), or a "no" followed by a fact
    other than the one held ("No, New York"). Calls wished or refused, and "nothing's
    wrong" in any words, contest nothing."""
    said, asked = parsing.split_questions(text or "")
    if any(ECHO.match(question) for question in asked):
        return True
    rest = LEADING_NO.sub("", said)
    for clause in _clauses(NOTHING_WRONG.sub(" ", rest)):
        if (
            DISPUTE_WORDS.search(clause)
            and not wants_a_call(clause)
            and not NO_CALLS.search(clause)
        ):
            return True
    if rest != said and rest.strip():
        # "No, New York": a fact said after the "no" that is not the one read back
        held = tracker.get_slot
        state = parsing.parse_state(rest)
        role = parsing.parse_patient_role(rest)
        return bool(
            (state and state != held("state"))
            or (role and role != held("patient_role"))
        )
    return False


def place_cleared_at_read_back(
    text: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """A place the read-back went by, said at it not to be where it happened ("Its not the
    nursing home. He fell at the hospital, UNC"): the words added to the story (which the
    read-back then follows: ``actions.screening.summary_of``), providers of that kind taken
    off, after saying so; {} when the words clear no place."""
    cleared = case_answers.places_cleared(text)
    if not cleared:
        return {}
    events = story_events(text, tracker)
    providers = tracker.get_slot("providers")
    if isinstance(providers, list):
        kept = [
            p
            for p in providers
            if not (isinstance(p, dict) and p.get("kind") in cleared)
        ]
        if len(kept) < len(providers):
            events["providers"] = kept
    dispatcher.utter_message(response="utter_story_added")
    return events


def birth_of(tracker: Tracker) -> str | None:
    """The patient's birth (ISO) for an age said as a time ("when he was 6 months old"): the
    date of birth, else the care's date when the care was the birth."""
    dob = known(tracker.get_slot("patient_dob"))
    if dob:
        return str(dob)
    if tracker.get_slot("incident_type") == "birth_injury":
        care = known(tracker.get_slot("incident_date"))
        return str(care) if care else None
    return None


def which_month(slot: str, answer: parsing.DateAnswer) -> dict[str, Any]:
    """A season said for `slot` ("spring 2024"): the month is asked next, once (the form's own
    question; "not sure" counts from the season's first month)."""
    return {
        "date_month": None,
        "date_hint": {
            "slot": slot,
            "year": answer.season_year,
            "season": answer.season or "",
        },
    }


# A yes or no in words, not only in "it was ..." (which tells rather than agrees).
YES_NO_WORD = re.compile(
    r"\b(?:y+e+[sa]+h?|yep|yup|ya|yea|sure|ok(?:ay)?|k|correct|right|true|no+|nope|nah"
    r"|not|wrong)\b",
    re.I,
)


def told_at_read_back(text: str) -> str:
    """What a message at the read-back tells besides a request for a call, when it holds no
    yes or no ("it was nursing home neglect, the bed sores. and please only call evenings
    after 7pm" -> "it was nursing home neglect, the bed sores."); "" when it tells nothing.
    A question's words are no yes or no ("so do u do dental or not")."""
    if YES_NO_WORD.search(" ".join(parsing.answer_sentences(text or ""))):
        return ""
    told = [
        sentence
        for sentence in parsing.answer_sentences(text)
        if not wants_a_call(sentence) and not ACK_ONLY.match(sentence)
    ]
    said = " ".join(told)
    return said if word_count(said) >= 3 else ""


def said_as_held(text: str, tracker: Tracker) -> dict[str, Any]:
    """The facts the words restate, as a fix, that the read-back already holds ("She was NOT
    my child. She was my mother" with her mother held): no yes, and nothing to change; {} when
    they say anything else."""
    from actions.conversation import find_corrections, slots_before_message

    held = slots_before_message(tracker)
    said = find_corrections(text, held, own_number(tracker)) or {
        # "The date is wrong. The nursing home care was July and August. August 29 is when
        # the hospital told us." (August 29 held as when they found out): dates said again
        slot: value
        for slot, value in parsing.dates_corrected(text, today(), held).items()
        if slot in DATE_SLOTS
    }
    if said and all(held.get(slot) == value for slot, value in said.items()):
        return said
    return {}


# Words that say a date held is wrong: "august 12 not november", "i said august", "actually".
DATE_TAKEN_BACK = re.compile(
    rf"\bnot\s+(?:in\s+|on\s+)?(?:the\s+\d|(?:{'|'.join(MONTHS)})\b|(?:19|20)\d\d\b)"
    # ("like i said" / "as i said" repeats an answer: "like i said, OT twice a week and the
    # nerve surgery at gillette in january" moves no date)
    r"|(?<!\blike\s)(?<!\bas\s)\bi\s+(?:said|told\s+you|meant)\b|\bactually\b|\bwrong\b",
    re.I,
)


def dates_fixed_beside_the_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, events: list[EventType]
) -> list[EventType]:
    """A date already held, corrected in the words that answer another question ("no shes
    alive. and the surgery was august 12 not november, i said august" at "has your mother
    passed away?"): the answer is kept, and the date changed and said so, as a correction
    on its own is (`actions.conversation._change_dates`). [] when the question asked is
    about a date (its own validator reads the words), was not answered by them, or the
    words take no held date back."""
    from actions.conversation import (  # conversation imports this module
        _change_dates,
        slots_before_message,
    )

    asked = tracker.get_slot("requested_slot")
    text = " ".join((tracker.latest_message.get("text") or "").split())
    answered = any(
        e.get("event") == "slot"
        and e.get("name") == asked
        and e.get("value") is not None
        for e in events
    )
    if (
        not asked
        or not answered
        or asked in (*DATE_SLOTS, "confirm_date", "date_month", "summary_confirmed")
        or not DATE_TAKEN_BACK.search(text)
    ):
        return []
    held = slots_before_message(tracker)
    set_now = {e.get("name") for e in events if e.get("event") == "slot"}
    fixed = {
        slot: value
        for slot, value in parsing.dates_corrected(text, today(), held).items()
        if slot in DATE_SLOTS
        and slot not in set_now
        and known(held.get(slot))
        and value != held.get(slot)
    }
    if not fixed:
        return []
    changed = _change_dates(fixed, dispatcher, tracker)
    tracker.slots.update(changed)
    return [SlotSet(k, v) for k, v in changed.items()]


# More of the story, not a date alone ("found it in june"), from this many words.
STORY_WITH_A_FIND_WORDS = 10


def found_out_in_the_story(
    text: str, iso: str, tracker: Tracker
) -> dict[str, Any] | None:
    """At "When did it happen?", more of the story whose only date is when it was found
    ("This august a CT scan found a sponge they left inside her"): that is not the care's
    date. Its sentences join what happened (as ``incident_description``, {} when already
    there); None when the words give the care's date, or no story (a date alone)."""
    told = parsing.dates_by_event(text, today())
    found = told.get("discovery_date")
    if (
        "incident_date" in told
        or found is None
        or found.value != iso
        or word_count(text) < STORY_WITH_A_FIND_WORDS
    ):
        return None
    sentences = [
        sentence
        for sentence in (
            parsing.clean_answer(s) or s for s in parsing.answer_sentences(text)
        )
        if word_count(sentence) >= MORE_STORY_WORDS
    ]
    if not sentences:
        return None
    current = known(tracker.get_slot("incident_description")) or ""
    more = " ".join(s for s in sentences if s.lower() not in current.lower())
    if not more:
        return {}
    return {"incident_description": f"{current} {more}".strip()[:4000]}


def month_in_season(held: Any, season: str | None, season_year: int) -> bool:
    """Whether the month held (``YYYY-MM``...) is in that season of that year (winter 2024
    runs December 2023 to February 2024)."""
    found = re.match(r"(\d{4})-(\d{2})", str(held or ""))
    months = SEASON_MONTHS.get(season or "")
    if not found or not months:
        return False
    year, month = int(found.group(1)), int(found.group(2))
    if season == "winter" and month == 12:
        year += 1
    return year == season_year and month in months


def care_is_the_birth(slot_name: str, iso: str, tracker: Tracker) -> dict[str, Any]:
    """In a birth injury the birth is the care: a date of birth given to the day at its
    read-back ("yes, march 3rd. no wait, it was the 4th, the 3rd is when my wife went in") is
    the care's date too, as ``{"incident_date": ...}``, when the care's date is not held yet;
    the care's date given to the day at its read-back is the birth's, as ``{"patient_dob":
    ...}``, when the birth is held as the care was (its month); else {}."""
    if tracker.get_slot("incident_type") != "birth_injury" or len(iso) != len(
        "YYYY-MM-DD"
    ):
        return {}
    if slot_name == "incident_date":
        # "its feb 11 2025" (February 2025 read back as the care): the birth held at the
        # care's month, February 2025, is that day too
        care, dob = (
            known(tracker.get_slot("incident_date")),
            known(tracker.get_slot("patient_dob")),
        )
        if dob and care and str(dob) == str(care) and iso.startswith(str(dob)):
            return {"patient_dob": iso}
        return {}
    if slot_name != "patient_dob" or tracker.get_slot("incident_date") is not None:
        return {}
    return {"incident_date": iso}


def death_date_told(text: str, incident: str, tracker: Tracker) -> dict[str, Any]:
    """The date of death said with the date of the care ("May 2025. He went to the ER on the
    19th and died on the 21st"), as ``{"death_date": ...}`` when the form has a death and
    no date for it yet (so it is not asked), else {}."""
    if known(tracker.get_slot("death_date")) or not (
        tracker.get_slot("patient_deceased") is True or mentions_death(text)
    ):
        return {}
    death = parsing.death_date_in(text, today(), incident)
    first, last = earliest_day(incident), latest_day(death)
    if not death or not first or not last or last < first:
        return {}
    return {"death_date": death}


def said_with_its_event(
    slot_name: str,
    text: str,
    answer: parsing.DateAnswer,
    reference: str | None = None,
) -> parsing.DateAnswer:
    """The date the words give for the event asked about, when they give dates for several
    ("no he died in MAY. june is when we got the death certificate" asked when they found
    out: June, not May); else `answer`, the reading of the whole message."""
    if slot_name not in DATE_SLOTS or not answer.value:
        return answer
    told = parsing.dates_by_event(text, today(), reference)
    own = told.get(slot_name)
    if (
        own is None
        or not own.value
        or answer.value.startswith(own.value)  # the same date, read more closely whole
        or len({found.value for found in told.values()}) < 2
    ):
        return answer
    return own


# Words that take an answer back ("sorry", "the actual surgery", "wait no").
TAKEN_BACK = re.compile(
    r"\b(?:actual(?:ly)?|sorry|wait|meant|mistake|correction|real(?:ly)?)\b"
    # a "no" that starts what is said, not "we had no idea" (no word taken back)
    r"|(?:^|[.!?;,]\s*)no\b(?!\s+(?:idea|clue|one|longer|way|doubt|reason)\b)"
    # ("I knew something was wrong" tells the harm, it takes nothing back)
    r"|(?<!\bsomething\s)(?<!\bsomething\swas\s)(?<!\bsomething\sis\s)\bwrong\b",
    re.I,
)


def birth_said_again(text: str, tracker: Tracker) -> tuple[dict[str, Any], str]:
    """In a birth injury (the birth is the care), the child's birth said to the day at a
    later question ("no wait her birthday is september 23 not 22. i found out when she was
    like 2 months old"): the care's date (and the date of birth when held) as changes, {}
    when it is the same; and the words left once the birth is taken out (else the text)."""
    if tracker.get_slot("incident_type") != "birth_injury":
        return {}, text
    care = known(tracker.get_slot("incident_date"))
    dob = known(tracker.get_slot("patient_dob"))
    if not care or (dob and dob != care):
        return {}, text
    born, rest = parsing.birthday_told(text, today(), str(care))
    if not born:
        return {}, text
    if born == care or born > today().isoformat():
        return {}, rest
    return {"incident_date": born, **({"patient_dob": born} if dob else {})}, rest


def words_beside_the_date(text: str, iso: str) -> str:
    """The sentences of `text` besides those that give the date `iso` ("Wait no, the first
    visit was October 2nd, a Friday. The surgeon told me on the 6th it had ruptured." with
    the care moved to October 2: "The surgeon told me on the 6th it had ruptured."), when
    they give a date of their own counted from it; else ""."""
    sentences = parsing.answer_sentences(text)
    rest = " ".join(
        sentence
        for sentence in sentences
        if parsing.parse_date(sentence, today()).value != iso
    )
    if not rest or len(rest) == len(" ".join(sentences)):
        return ""
    return rest if parsing.parse_date(rest, today(), reference=iso).value else ""


def care_said_again(text: str, tracker: Tracker) -> dict[str, Any]:
    """The care's date said again, to the day, with words that take the held one back, at
    another date question ("ugh sorry, the 14th was my pre-op appointment. the actual surgery
    was august 19. I found out in october" when the care is held as August 14): as
    ``{"incident_date": ...}``, else {}."""
    held = known(tracker.get_slot("incident_date"))
    if not held or not TAKEN_BACK.search(text):
        return {}
    if parsing.parse_date(text, today()).value is None:
        # "Two days later when I got really sick": counted from the care, not the care again
        return {}
    said = parsing.dates_by_event(text, today(), str(held)).get("incident_date")
    value = said.value if said is not None else None
    alone = parsing.dates_by_event(text, today()).get("incident_date")
    if alone is not None and alone.value and alone.value[4:] != (value or "")[4:]:
        # "The next morning they couldnt wake him up ... they only told me in February": a
        # day counted from the care is not the care's date said again
        return {}
    if (
        value is None
        or len(value) != len("YYYY-MM-DD")
        or value == held
        or value[:4] != str(held)[:4]  # the same care, a day or weeks apart
    ):
        return {}
    return {"incident_date": value}


def discovery_date_told(text: str, incident: str, tracker: Tracker) -> dict[str, Any]:
    """When they found out, said with the date of the care ("told them at my checkup in jan
    2024, they said hemorrhoids. diagnosed stage 3 in feb 2025"), as ``{"discovery_date":
    ...}`` when it is not known yet (so it is not asked; the summary reads it back), else {}."""
    if tracker.get_slot("discovery_date") is not None:
        return {}
    found = parsing.dates_by_event(text, today(), incident).get("discovery_date")
    if (
        found is None
        or not found.value
        or found.value == incident
        or date_order_problem("discovery_date", found.value, tracker, incident=incident)
    ):
        return {}
    return {"discovery_date": found.value}


# A clause that denies: "not", "never", "wasn't", "didnt", "cant"... and not every word that
# ends in "nt" ("the patient", "she went in", "I want to know" deny nothing).
NEGATED_CLAUSE = re.compile(
    r"\b(?:not|no|never|nobody|no\s+one|nothing|neither|nor|cannot)\b"
    r"|n['’]t\b"
    r"|\b(?:is|was|were|are|do|does|did|has|have|had|ca|wo|could|should|would|ai|must|need)nt\b",
    re.I,
)


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[.,;!?]+|\s+but\s+", text or "") if c.strip()]


def denied_kind(text: str) -> str | None:
    """The kind of matter the words say it was not ("It wasn't a medication error. Nobody gave
    her the wrong medicine": ``medication_error``), or None."""
    denied = " ".join(c for c in _clauses(text) if NEGATED_CLAUSE.search(c))
    return parsing.parse_incident_type(denied) if denied else None


def denies_kind(text: str, kind: Any) -> bool:
    """Whether the words deny the kind held ("It wasn't a medication error. Nobody gave her the
    wrong medicine"): so "it was neglect" after it is the kind "other", not more story."""
    return bool(kind) and denied_kind(text) == kind


def says_what_kind_it_was(text: str, held: Any) -> bool:
    """Whether the words tell the kind by what it was not and what it was ("It wasn't a
    medication error ... It was neglect"), the held kind or another (a kind the summary never
    said, denied, is still the person setting the kind right): "other" care then stands."""
    return denies_kind(text, held) or denied_kind(text) not in (
        None,
        "other",
        NOT_MEDMAL,
    )


def affirmed_part(text: str) -> str:
    """The clauses of a message that do not deny something: "its not a diagnosis thing, it was
    the tonsil surgery" -> "it was the tonsil surgery" (what it was, not what it was not); the
    whole message when every clause denies, or none does."""
    clauses = _clauses(text)
    kept = [c for c in clauses if not NEGATED_CLAUSE.search(c)]
    return " ".join(kept) if kept and len(kept) < len(clauses) else text


def kind_told(told: str, role: Any) -> str | None:
    """The kind of matter words told to correct the one held name: as read, except that an
    object left in the mother during a delivery ("The patient is my wife Ana. They left a
    sponge inside her in the c section") is a surgical error, not a birth injury (the
    child's)."""
    from actions.parsing.story import foreign_object_in

    kind = parsing.parse_incident_type(told)
    if (
        kind == "birth_injury"
        and role not in (None, "child")
        and foreign_object_in(told)
    ):
        return "surgical_error"
    return kind


def case_changes(text: str, tracker: Tracker) -> dict[str, Any]:
    """What a message that tells the case again changes, or {}: "It was NOT a birth injury, it
    was a hysterectomy… Washington state. April 14, 2025. I was the patient." gives the kind,
    the patient, and with them the state and the date of the care it names. Only a message
    naming a kind of case or a patient other than those held counts (a date alone is not one)."""
    from actions.conversation import without_denied  # conversation imports this module

    slot = tracker.get_slot
    changes: dict[str, Any] = {}
    told = affirmed_part(text)
    # who they say it was, not who it was not ("Its not our daughter ... my wife Ana")
    role = parsing.parse_patient_role(
        without_denied(text)
    ) or parsing.parse_patient_role(text)
    kind = kind_told(told, role)
    held = slot("incident_type")
    if (
        kind
        and kind != NOT_MEDMAL
        and kind != held
        and (kind != "other" or says_what_kind_it_was(text, held))
    ):
        changes["incident_type"] = kind
    if role and role != slot("patient_role"):
        changes["patient_role"] = role
    if not changes:
        return {}
    state = parsing.parse_state(text)
    if state and state != slot("state"):
        changes["state"] = state
    # only a date said of the care: not "she died feb 9 2025 ... after they sent her home"
    when = parsing.dates_corrected(text, today(), tracker.current_slot_values()).get(
        "incident_date"
    )
    if when and when != slot("incident_date"):
        changes["incident_date"] = when
    return changes


# Words that give a year ("2025", "'24", "last year", "two years ago", "this march").
YEAR_SAID = re.compile(
    r"\b(?:19|20)\d\d\b|'\d\d\b|\b(?:years?|yrs?|ago|last|this|past|previous)\b", re.I
)


def with_month_kept(value: str, before: Any, text: str) -> str:
    """A year alone said at a read-back ("September 2026?" "nah 2025") changes the year and
    keeps the month (and day) read back, unless the words name a month of their own; a month
    said without its year ("November 2024?" "no? christmas is december") keeps the year."""
    old = _text(before)
    if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?|\d{4}", old):
        return value
    if (
        len(value) == 4
        and len(old) > 4
        and not re.search(
            rf"\b(?:{'|'.join(MONTHS)})\b|\d{{1,2}}/\d{{1,2}}", text, re.I
        )
    ):
        if earliest_day(value + old[4:]) is None:  # not Feb 29 in a year without one
            return value
        return value + old[4:]
    if len(value) > 4 and value[:4] != old[:4] and not YEAR_SAID.search(text):
        kept = old[:4] + value[4:]
        first = earliest_day(kept)
        if first is not None and first <= today():
            return kept
    return value


# Slots whose answer is a short fact: a question asked with it ("georgia. how much does this
# cost?") is answered, and only the rest of the message is read as the answer. Free-text
# answers (what happened, the harm) keep every word.
SHORT_ANSWER_SLOTS = (
    *DATE_SLOTS,
    *YES_NO_SLOTS,
    "state",
    "date_month",
    "patient_role",
    "represented_intent",
    "contact_name",
    "contact_phone",
    "contact_email",
    "summary_confirmed",
)


def topics_asked(text: str, tracker: Tracker) -> list[str]:
    """The common questions the words ask, read with the form's question they may point at
    ("Do we need them?" at the records: the records)."""
    asked = (
        tracker.get_slot("requested_slot") if tracker.active_loop.get("name") else None
    )
    return parsing.question_topics(text, asked)


def answer_questions_asked(
    slot: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> bool:
    """Answers the common questions the latest message asks besides its answer to `slot`
    ("Darnell Price. will it be today?"), and leaves only the rest of the message for the
    slot's validator (none when nothing else was said). Whether a question was answered."""
    text = " ".join((tracker.latest_message.get("text") or "").split())
    topics = parsing.question_topics(text, slot)
    if not topics:
        return False
    from actions.conversation import (
        answer_questions,  # conversation imports this module
    )

    answer_questions(topics, dispatcher, tracker)
    if slot in SHORT_ANSWER_SLOTS:
        rest = parsing.split_questions(text)[0].strip()
        for event in reversed(tracker.events):
            if event.get("event") != "slot":
                break  # past the slots the form is validating
            if event.get("name") == slot and isinstance(event.get("value"), str):
                if rest:
                    event["value"] = rest
                else:
                    tracker.events.remove(event)
                break
    return True


def name_in_sentences(text: str) -> str | None:
    """A first and last name said as one sentence of a longer message, with a remark or a
    question around it ("Karen Brennan-Ortiz. its all in my first text"), or None. One word
    is not enough there ("Hurts. a lot"): a name alone in a sentence has at least two."""
    for sentence in parsing.answer_sentences(text):
        name = parsing.parse_name(sentence)
        if name and len(name.split()) >= 2:
            return name
    return None


def reads_as_an_answer(slot: str, text: str) -> bool:
    """Whether the words hold an answer of the question's kind (a date, a state, a yes or no),
    even one the validator turned down ("that's before the date of the care"): not more story."""
    if slot in DATE_SLOTS or slot == "confirm_date":
        return parsing.parse_date(text, today()).value is not None
    if slot == "state":
        return parsing.parse_state(text) is not None
    if slot in YES_NO_SLOTS:
        return (
            leading_yes_no(text)
            if leading_yes_no(text) is not None
            else concluding_yes_no(text)
        ) is not None
    return False


def is_sms(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() == "twilio"


# "1" (or "1." / "#1") alone, by text: the first choice, yes at a yes/no question.
SMS_ONE = re.compile(r"^\W*#?\s*1\s*[.)!]?\s*$")


def own_number(tracker: Tracker) -> str | None:
    """The number a texter writes from (the SMS conversation's id), as E.164; None on the web."""
    return parsing.parse_phone(tracker.sender_id) if is_sms(tracker) else None


# The questions about reaching them, whose answers may say more than a number or a yes.
REACH_QUESTIONS = frozenset(
    {
        "contact_phone",
        "contact_email",
        "contact_consent",
        "callback_wanted",
        "callback_time",
    }
)


@dataclass(frozen=True)
class ReachNotes:
    """How to reach the person beyond the number and email kept: their wish in their own words
    ("text first, I'm on job sites all day") and other numbers said as a second way, each with
    whose it is ("daughter") when said."""

    wishes: tuple[str, ...] = ()
    numbers: tuple[tuple[str, str | None], ...] = ()
    # said at any question: what staff should know for the call, and their words
    # (("Phone calls are hard for them", "I don't hear very well on the phone"))
    needs: tuple[tuple[str, str], ...] = ()

    def for_staff(self) -> list[str]:
        lines = [f"Prefers “{wish}”" for wish in self.wishes]
        lines += [
            f"Another number{_whose('their', whose)}: {number}"
            for number, whose in self.numbers
        ]
        lines += [f"{need}: “{words}”" for need, words in self.needs]
        return lines

    def for_them(self) -> list[str]:
        lines = [f"Noted for our team: “{wish}”." for wish in self.wishes]
        lines += [
            f"Another number{_whose('your', whose)}: {number}."
            for number, whose in self.numbers
        ]
        lines += [f"Noted for our team: “{words}”." for _, words in self.needs]
        return lines


def _whose(their: str, whose: str | None) -> str:
    return f" ({their} {whose}'s)" if whose else ""


def reach_notes(tracker: Tracker) -> ReachNotes:
    """What the answers to the questions about reaching them said beyond the answer itself
    ("yes but text first, I'm on job sites all day" to "May we contact you?"; "this number or my
    daughter 480-555-0143 if i dont pick up" to the phone question), and what any message said
    staff should know for the call: the phone hard for them ("I don't hear very well on the
    phone"), someone they would like on it ("Can my son Greg be on the call with me?")."""
    main = known(tracker.get_slot("contact_phone"))
    own = own_number(tracker)
    wishes: list[str] = []
    numbers: list[tuple[str, str | None]] = []
    needs: list[tuple[str, str]] = []
    asked: Any = None
    lead_written = False
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
        elif event.get("event") == "slot" and event.get("name") == "lead_reference":
            lead_written = bool(event.get("value"))
        elif event.get("event") == "user":
            for need in needs_for_the_call(event.get("text") or ""):
                if need not in needs:
                    needs.append(need)
            when = when_reachable(event.get("text") or "") if lead_written else None
            if when and ("When they can take a call", when) not in needs:
                # after the lead: "I am home all day except Tuesday and Thursday mornings"
                needs.append(("When they can take a call", when))
        if event.get("event") == "user" and asked in REACH_QUESTIONS:
            text = event.get("text") or ""
            wish = parsing.contact_wish(text)
            if wish and wish not in wishes:
                wishes.append(wish)
            # (a number given before and corrected since is no second way to reach them)
            beside_main = parsing.parse_own_phone(text, own) == main
            for number, whose in parsing.other_numbers(text, main):
                if (whose or beside_main) and all(number != n for n, _ in numbers):
                    numbers.append((number, whose))
    needs = [(need, words) for need, words in needs if words not in wishes]
    return ReachNotes(tuple(wishes), tuple(numbers), tuple(needs))


def needs_for_the_call(text: str) -> list[tuple[str, str]]:
    """What one message tells staff to know for the call, each with their words: the phone
    hard for them, someone they would like on the call."""
    found: list[tuple[str, str]] = []
    hard = parsing.phone_is_hard(text)
    if hard:
        found.append(("Phone calls are hard for them (email or text instead)", hard))
    if "ask_family_on_call" in parsing.question_topics(text):
        who = parsing.who_joins_the_call(text)
        asked = next(
            (
                s
                for s in parsing.split_questions(text)[1]
                if "ask_family_on_call" in parsing.question_topics(s)
            ),
            text,
        )
        whom = (
            f"their {who[len('your ') :]}" if who and who.startswith("your ") else who
        )
        found.append((f"Would like {whom or 'someone'} on the call", asked.strip()))
    return found


def note_unknown(slot: str, tracker: Tracker) -> dict[str, Any]:
    """The events that note a question's answer as not known: the slot holds `UNKNOWN` (so the
    form moves on) and the fact joins `unknown_facts`. A read-back left unconfirmed keeps its
    date, and a vague date's month becomes the season's first (the earliest, safest)."""
    if slot == "confirm_date":
        return {"confirm_date": True, "date_to_confirm": None}
    if slot == "date_month":
        return {"date_month": "n/a", "date_hint": None}
    facts = list(tracker.get_slot("unknown_facts") or [])
    if slot not in facts:
        facts.append(slot)
    events: dict[str, Any] = {slot: UNKNOWN, "unknown_facts": facts}
    if slot in DATE_SLOTS:
        events["date_hint"] = None
    return events


def answer_for_another_question(
    asked: str, text: str, tracker: Tracker
) -> dict[str, Any]:
    """An email address or phone number typed at another question, kept for its own question
    ("oops, I meant gmail.com, linda.nguyen@gmail.com" at the consent question); else {}."""
    if asked != "contact_email":
        email = parsing.parse_email(text)
        if email:
            return {"contact_email": email}
    if asked != "contact_phone" and asked not in DATE_SLOTS:
        phone = parsing.parse_phone(text)
        if phone and re.search(r"\d{3}\D{0,3}\d{3}\D{0,3}\d{4}", text):
            return {"contact_phone": phone}
    return {}


def story_events(text: str, tracker: Tracker) -> dict[str, Any]:
    """More of the story: added to what happened, and the kind of matter read from it when it
    is not known yet."""
    text = parsing.clean_answer(text) or text
    current = known(tracker.get_slot("incident_description"))
    if current and text.lower() in str(current).lower():
        description = str(current)  # the same words again: told once
    else:
        description = f"{current} {text}" if current else text
    events: dict[str, Any] = {"incident_description": description[:4000]}
    held = known(tracker.get_slot("incident_type"))
    if not held:
        kind = parsing.parse_incident_type(text)
        if kind and kind != NOT_MEDMAL:
            events["incident_type"] = kind
    else:
        # "My husband died in the hospital in January." then, at the state's question, "They
        # gave him too much of the pain medicine": the hospital alone said "other medical
        # care"; the error is named now
        events.update(kind_made_precise(text, tracker))
    if tracker.get_slot("harm_description") is None and tells_harm(text):
        # "i was yellow for weeks and had to have 2 more surgeries. i lost my job": the harm
        # told, so "what harm followed?" is not asked
        events["harm_description"] = case_answers.without_hedge(text)[:2000]
    return events


# The kinds' numbers in the question's choices (utter_ask_incident_type), for a texter's
# "1 i guess. knee replacement got infected ..." (a number, then more words without a mark).
KIND_CHOICES = (
    "surgical_error",
    "birth_injury",
    "medication_error",
    "misdiagnosis",
    "anesthesia_error",
    "other",
    NOT_MEDMAL,
)
# A count of something ("2 weeks later", "3 surgeries") is no pick.
NUMBERED_KIND = re.compile(
    r"^\W*#?\s*([1-7])(?:\s*[.),:-])?\s+(?!(?:\w{3,}s|of|or|and|to|times?|more)\b)(\S.*)$",
    re.I | re.S,
)
# The words around a pick that say only how sure it is, and the choices' own words.
KIND_HEDGE = re.compile(
    r"^\W*(?:(?:i\s+guess|i\s+think|i\s+suppose|probably|prob|maybe|i\s+mean|idk|yeah|yes"
    r"|ok|okay)\b\W*)+",
    re.I,
)
KIND_WORDS = frozenset(
    re.findall(
        r"\w+",
        "it was is its an the that this one kind sort of like think guess maybe probably i "
        "surgical surgery error birth injury medication missed wrong diagnosis misdiagnosis "
        "anesthesia other medical care something else not issue option number first",
    )
)
# Words beside the kind that tell what happened: this many besides the choices' own.
KIND_STORY_WORDS = 4


def numbered_kind(text: str) -> tuple[str | None, str]:
    """A texter's numbered pick said with more words ("1 i guess. knee replacement got
    infected ..."): the kind it picks and the words after it; (None, text) otherwise."""
    match = NUMBERED_KIND.match(text or "")
    if not match:
        return None, text
    return KIND_CHOICES[int(match.group(1)) - 1], match.group(2)


def story_with_the_kind(text: str) -> str | None:
    """What happened, told in the answer to the kind of matter ("she fell at the nursing
    hom", "knee replacement got infected and they blew me off"), without a hedge on the
    pick; None when the words only name a kind ("surgical error i think")."""
    told = parsing.clean_answer(KIND_HEDGE.sub("", text or "")).strip()
    words = [
        w for w in re.findall(r"[^\W\d_]{2,}", told.lower()) if w not in KIND_WORDS
    ]
    return told if len(words) >= KIND_STORY_WORDS and "?" not in told else None


def story_told_with_a_date(text: str, tracker: Tracker) -> dict[str, Any]:
    """The sentences of a date's answer that tell more of what happened, added to the story
    ("2 days later when i went to ER. bp crashed. they said it was metoprolol not the
    metformin i take": the wrong drug is what happened); {} when the words only give the date."""
    more = told_beside_a_date(text, tracker)
    current = known(tracker.get_slot("incident_description")) or ""
    told = " ".join(s for s in more if s.lower() not in current.lower())
    if not told:
        return {}
    return {
        "incident_description": f"{current} {told}".strip()[:4000],
        **kind_made_precise(told, tracker),
    }


def kind_made_precise(told: str, tracker: Tracker) -> dict[str, Any]:
    """The kind of matter read from more of the story when the first words gave only "other"
    care ("the hospital should have caught it", then "they told him it was acid reflux and sent
    him home"); never over a kind the person chose at its question, nor care in a nursing home
    (kept as its place's care)."""
    if tracker.get_slot("incident_type") != "other":
        return {}
    asked = any(
        e.get("event") == "slot"
        and e.get("name") == "requested_slot"
        and e.get("value") == "incident_type"
        for e in tracker.events
    )
    story = f"{tracker.get_slot('incident_description') or ''} {told}"
    if asked or parsing.in_a_nursing_home(story):
        return {}
    kind = parsing.parse_incident_type(told)
    return {"incident_type": kind} if kind not in (None, "other", NOT_MEDMAL) else {}


# A sentence of this many words beside a date tells something ("bp crashed" does not).
MORE_STORY_WORDS = 5
# A sentence about the date itself, not what happened: "That's when he was born.", "or the
# 15th early morning i guess", "The NICU neurologist told us within the first week ...".
ABOUT_THE_DATE = re.compile(
    r"\b(?:that'?s|that\s+(?:is|was)|this\s+(?:is|was)|which\s+(?:is|was)|it\s+was)\s+"
    r"(?:when|the\s+(?:day|date|night|week|month))\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b(?:early|late|in\s+the)\s+(?:morning|night|evening|afternoon)\b"
    r"|\b(?:within|in|after)\s+(?:the\s+)?(?:first|a|one|two|three|few|couple|\d+)\s+"
    r"(?:of\s+)?(?:days?|weeks?|months?|hours?)\b"
    r"|\bright\s+away\b|^\W*or\b",
    re.I,
)


def told_beside_a_date(text: str, tracker: Tracker) -> list[str]:
    """The sentences of a date's answer that tell something besides the date ("2 days later
    when i went to ER. they said it was metoprolol not the metformin i take"): none that
    are about the date itself ("That's when he was born.", "or the 15th early morning")."""
    reference = known(tracker.get_slot("incident_date"))
    said = (parsing.clean_answer(s) for s in parsing.answer_sentences(text))
    # (the whole message: the answer the validator reads is without its questions)
    message = " ".join((tracker.latest_message.get("text") or "").split())
    money_asked = "ask_fees" in parsing.question_topics(f"{text} {message}")
    return [
        sentence
        for sentence in said
        if word_count(sentence) >= MORE_STORY_WORDS
        and parsing.parse_date(sentence, today(), reference=reference).value is None
        and not is_unsure(sentence)
        and not ABOUT_THE_DATE.search(sentence)
        # "how much does this cost us btw? we already have a lot of medical bills": why the
        # cost is asked, not what happened
        and not (money_asked and MONEY_WORDS.search(sentence))
    ]


# Words about money, said beside the question what this costs ("we already have a lot of
# medical bills", "we can't afford a lawyer").
MONEY_WORDS = re.compile(
    r"\b(?:bills?|billed|debts?|afford\w*|money|broke|cost\w*|expensive|pay\w*|fees?"
    r"|savings|loans?|insurance|out\s+of\s+pocket|copays?|deductibles?)\b",
    re.I,
)


def harm_told_with_the_death(text: str, tracker: Tracker) -> dict[str, Any]:
    """What the death date's answer tells beside the date ("sept 6. she had hip surgery after
    and never came back from it"): how the death came, the harm (not asked after a death)."""
    if tracker.get_slot("harm_description") is not None:
        return {}
    told = " ".join(told_beside_a_date(text, tracker))
    return {"harm_description": told[:2000]} if told else {}


def tells_harm(text: str) -> bool:
    """Whether more of the story tells what followed: how things are, a treatment since, or
    an effect on work ("i was yellow for weeks and had to have 2 more surgeries")."""
    from actions.parsing import case

    return case.classify_harm(text) not in (None, "unknown", "death") or (
        case.mentions_treatment(text) or case.mentions_work_impact(text)
    )


def date_order_problem(
    slot_name: str, iso: str, tracker: Tracker, incident: str | None = None
) -> str | None:
    """The response that questions a date which cannot be right given the others, or None.

    Partial dates are compared generously (a discovery in "2024" is not before an incident on
    2024-06-01), so only a date that is certainly out of order is questioned. `incident` is
    the date of the care to compare with when it changes in the same message."""
    incident = known(incident or tracker.get_slot("incident_date"))
    if slot_name == "incident_date" or not incident or is_unknown(iso):
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
    if (
        slot_name == "patient_dob"
        and first > incident_last
        and not tracker.get_slot("stillborn")
        and not born_after_care_in_pregnancy(first, incident_last, tracker)
    ):
        # (a baby stillborn after the care that failed: the delivery comes after it)
        return "utter_invalid_dob_after_incident"
    return None


# The longest a pregnancy's care can come before the birth: about ten months.
PREGNANCY_DAYS = 300


def born_after_care_in_pregnancy(
    born: dt.date, care: dt.date, tracker: Tracker
) -> bool:
    """A birth after the care when the care was in the pregnancy ("they sent me home from
    triage at 38 weeks", then "nov 2", the day after): care in pregnancy comes before the
    birth, within a pregnancy's length."""
    story = " ".join(
        str(known(tracker.get_slot(name)) or "")
        for name in ("incident_description", "harm_description")
    )
    return parsing.care_in_pregnancy(story) and (born - care).days <= PREGNANCY_DAYS


QUESTION_WORDS = re.compile(
    r"\?|\b(how|what|why|when|who|where|which|do|does|can|could|should|would|is|are|will|fee|fees|"
    r"cost|charge|pay|lawyer|attorney|person|human|someone|call|confidential|private|records?|long|"
    r"deadline|limit|stop|quit|start|over|help|bot)\b",
    re.I,
)


NAME_QUESTION = re.compile(
    r"^\s*(how|what|why|when|who|where|which|do|does|can|could|should|would|is|are)\b"
    r"|\b(fees?|cost|charge|pay|lawyer|attorney|person|human|someone|confidential|private"
    r"|records?|deadline|limit|stop|quit|help|bot)\b",
    re.I,
)


def date_reference(slot: str | None, tracker: Tracker) -> str | None:
    """The earlier date an answer to a date question may be said from ("same day" when they
    found out: the care's), as the form reads it; None for the care's own date and a birth."""
    if slot not in ("discovery_date", "death_date"):
        return None
    return known(tracker.get_slot("incident_date"))


def looks_like_answer(
    slot: str | None, text: str, sms: bool = False, reference: str | None = None
) -> bool:
    """Whether a message reads as a plain answer to the question being asked.

    The language model sometimes takes an answer for a question ("Riley Widget" for a question
    about fees); an answer that parses cleanly for the slot being asked, and has no question in
    it, is then treated as the answer. Free-text slots never qualify: anything can be a
    description, so there the model decides. ``reference``: the earlier date a date answer may
    be said from (``date_reference``)."""
    if not slot or not text.strip():
        return False
    if slot == "confirm_date" and parsing.asks_what_is_checked(text):
        # "sorry hit stop by accident. is what right?" (heard as a stop): its validator reads
        # the date back again
        return True
    if slot == "summary_confirmed" and "?" not in text:
        from actions.parsing.callback import asks_call_at, change_kind

        if change_kind(text) == "change" or asks_call_at(text):
            return True  # "call time wrong. 5pm central time": the call time corrected
    if slot in CHOICE_SLOTS:  # the case evaluation's choices (actions/evaluation.py)
        return looks_like_case_answer(slot, text)
    if slot == "more_providers":
        # "no, that's all. how much does this cost": nobody else, not only a question; "Dr.
        # Holt and Dr. Karen Holt are the same person": those named are one, no question
        if "?" in text:
            return False
        return case_answers.nobody_else(text) or (
            not parsing.question_topics(text) and case_answers.says_same(text)
        )
    if slot in ("contact_name",):
        # Names can be words ("Teresa Long", "Will Church"): only a question's shape counts.
        return (
            parsing.parse_name(text) is not None
            and len(text.split()) <= 4
            and "?" not in text
            and not NAME_QUESTION.search(text)
        )
    if slot == "contact_phone":
        # Over SMS "this number" (or "yes" to "is this number best?") is the number they
        # text from.
        return parsing.parse_phone(text) is not None or (
            sms
            and (
                parsing.means_this_number(text)
                or (leading_yes_no(text) is True and "?" not in text)
            )
        )
    if slot == "contact_email":
        # "skip. will u call today", "I do not have email.": no email is an answer too
        return parsing.parse_email(text) is not None or bool(
            parsing.means_no_email(text) and "?" not in text and word_count(text) <= 8
        )
    if slot == "callback_time":
        from actions.parsing.callback import parse_callback_wish

        return "?" not in text and (
            parse_callback_wish(text, dt.datetime.now(dt.timezone.utc)) is not None
        )
    if slot == "state":
        return parsing.parse_state(text) is not None and not QUESTION_WORDS.search(text)
    if slot in DATE_SLOTS:
        # ("same day." when they found out, said from the care's date: `reference`)
        return (
            parsing.parse_date(text, today(), reference).value is not None
            and "?" not in text
        )
    if slot == "date_month":
        # "July I think" at "which month?": the month, not a change to an earlier answer
        return "?" not in text and any(
            re.search(rf"\b{name}\b", text.lower()) for name in MONTHS
        )
    if (
        slot == "government_facility"
        and "?" not in text
        and (FACILITY_KIND.search(text) or says_facility_kind(text))
    ):
        # "2 its a private hospital, OhioHealth", "Sunrise Gardens is private I think": the
        # kind of place, not the privacy question
        return True
    if slot in YES_NO_SLOTS:
        # "no private hosp" at the public-hospital question is an answer, not a question
        # about privacy; so is "I talked to one guy but never signed anything, so no".
        said = leading_yes_no(text)
        return (said if said is not None else concluding_yes_no(text)) is not None and (
            "?" not in text
        )
    if slot == "harm_description":
        # Free text, but how things are now, said plainly ("it cleared up, I'm fine now",
        # "I still have pain and can't work"), is the answer: not a stop, a correction, an
        # emergency or a question about the deadline.
        return classify_harm(text) not in (None, "unknown") and "?" not in text
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
        from actions.conversation import (  # conversation imports this module
            corrected_after_lead,
            declined,
            heard_after_decline,
            reply_after_decline,
            reply_after_lead,
        )

        fixed = await corrected_after_lead(dispatcher, tracker)
        if fixed is not None:
            # "wait, it was a surgical error not a missed diagnosis", "wait it was oct 4 not
            # 3" after the lead: the lead changes; no new screening
            return [*fixed, FollowupAction("action_listen")]
        kept = await reply_after_lead(dispatcher, tracker)
        if kept is not None:
            # "i already told u. wisdom teeth nerve damage": the same matter, one lead
            return kept
        text = " ".join((tracker.latest_message.get("text") or "").split())
        if declined(tracker) and heard_after_decline(text, _latest_intent(tracker)):
            # After "we only handle medical malpractice", "the lawyer referral service, how
            # do i find it" starts no screening (a matter of medical care would).
            return await reply_after_decline(dispatcher, tracker)
        events: list[EventType] = []
        if declined(tracker):
            # A matter of medical care after all ("the ER doctor also missed my broken
            # wrist"): screened as any other, its kind read again.
            events.append(SlotSet("screening_outcome", None))
            if tracker.get_slot("incident_type") == NOT_MEDMAL:
                kind = parsing.parse_incident_type(text)
                kind = None if kind == NOT_MEDMAL else kind
                tracker.slots["incident_type"] = kind
                events.append(SlotSet("incident_type", kind))
        if not intro_was_shown(tracker):
            dispatcher.utter_message(response="utter_intro")
            events.append(SlotSet("intro_shown", True))
        if (
            _latest_intent(tracker) != "describe_not_medmal"
            and tracker.get_slot("incident_type") != NOT_MEDMAL
        ):
            # After a condolence (ActionHearFacts, this same message) no second "I'm sorry".
            dispatcher.utter_message(
                response="utter_acknowledge_after_condolence"
                if tracker.get_slot("death_acknowledged")
                else "utter_acknowledge"
            )
            # "... Before I go on, how much does this cost?": answered before the first question
            from actions.conversation import (
                answer_questions,  # conversation imports this module
            )

            text = " ".join((tracker.latest_message.get("text") or "").split())
            answer_questions(parsing.question_topics(text), dispatcher, tracker)
        if not tracker.get_slot("screening_id"):
            events.append(SlotSet("screening_id", uuid.uuid4().hex))
        events += matter_from_text(tracker)
        events += told_at_the_start(tracker)
        return events


def told_at_the_start(tracker: Tracker) -> list[EventType]:
    """What the message that starts the screening says, however short or with a question
    beside it ("the VA missed my cancer", "hi is this free? i had my wisdom teeth out and now
    half my tongue is numb"): the kind of matter its words name more precisely than the
    "other" care the model heard (``kind_made_precise``), and, when they tell the care, who the
    patient is ("my cancer": the person; "my dads insulin": a parent), so "Who was the
    patient?" is not asked. A long story is read whole already (`facts_in_story`); this reads
    its telling sentences, not its questions, and never over a role already held (the
    model's tag "my" is none)."""
    from actions.parsing.story import patient_role_in

    text = " ".join((tracker.latest_message.get("text") or "").split())
    told = parsing.split_questions(text)[0]
    if not told:
        return []
    found = kind_made_precise(told, tracker)
    kind = parsing.parse_incident_type(told)
    tells_the_care = kind not in (None, NOT_MEDMAL) and (
        kind != "other" or parsing.names_other_care(told)
    )  # ("I have a question about my doctor" names no care: the patient is asked)
    held = tracker.get_slot("patient_role")
    # (the model's tag of these words may be no role at all: "my" in "i had my wisdom teeth
    # out", which the form would drop and ask)
    if tells_the_care and not (held and parsing.parse_patient_role(str(held))):
        role = patient_role_in(told)
        if role:
            found["patient_role"] = role
            if not tracker.get_slot("patient_relation"):
                found.update(relation_events(told, role))
    return [SlotSet(name, value) for name, value in found.items()]


def matter_from_text(tracker: Tracker) -> list[EventType]:
    """When what happened was not recognised as one of the describe_* intents (e.g. taken for an
    answer), read the kind of matter from the words and keep the words as the description (also
    when the kind was already read from the same story, `actions.conversation.facts_in_story`)."""
    if _latest_intent(tracker) not in ("inform", "nlu_fallback"):
        return []
    text = " ".join((tracker.latest_message.get("text") or "").split())
    kind = tracker.get_slot("incident_type")
    events: list[EventType] = []
    if not kind:
        kind = parsing.parse_incident_type(text)
        if kind and kind != NOT_MEDMAL:
            events.append(SlotSet("incident_type", kind))
    if kind == NOT_MEDMAL:
        return []
    told = parsing.clean_answer(text)
    if not kind and not (
        reads_as_story(told)
        and (relation_in(told) or parsing.read_story(told, today()).patient_role)
    ):
        return []  # unsure: the form asks, with buttons
    # (the kind unknown, a story still is what happened: "hi my daughter had her tonsils out
    # last year", the first of several texts, begins the description the next ones join)
    if not tracker.get_slot("incident_description") and (
        len(re.findall(r"[^\W\d_]{2,}", told)) >= 4
    ):
        events.append(SlotSet("incident_description", told[:2000]))
    return events
