"""Every fact one message holds: a person's story read as a good intake specialist would.

``read_story(text, today)`` reads a whole message ("hello, I had surgery back in 2021 and they
left a sponge inside me. found it on a CT scan this year") and returns a :class:`StoryFacts`
with each fact the words state, and ``None`` for everything they do not. It is pure: no I/O,
no model, no tracker; the same text and day always give the same facts.

The contract, for the flow that stores these facts:

* A fact is set only where the words mean it. "CT scan", "the ER", "the OR", "the PA told me"
  are not states; "passed out" is not a death; "almost died" is not a death; "my wife took me to
  the ER" makes the person the patient, not the wife. A fact the message does not state is
  ``None``, never a guessed default (``government_facility`` is ``None``, not False, when no
  hospital kind is named; ``foreign_object`` is True or ``None``, never False).
* Dates carry what they refer to: the date nearest to a discovery word ("found", "showed up",
  "diagnosed") is ``discovery_date``; nearest to a death word, ``death_date``; to "born", the
  ``patient_dob``; any other date is the care itself, ``incident_date``. Each is a
  :class:`~actions.parsing.dates.DateAnswer` (its ``approximate`` and ``exact`` flags included),
  so the flow can read back what is not exact. The first date of each kind wins.
* Facts heard in a story are to be confirmed (the summary before the outcome), not trusted over
  the answer to a question; ``as_slots()`` gives them as slot values for that purpose.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from actions.parsing.contact import parse_email, parse_name, parse_phone
from actions.parsing.dates import DateAnswer, humanize_date, parse_date
from actions.parsing.matter import parse_incident_type
from actions.parsing.people import parse_patient_role
from actions.parsing.states import CITIES, parse_state

__all__ = [
    "StoryFacts",
    "dates_by_event",
    "dates_corrected",
    "federal_facility_in",
    "state_or_local_facility_in",
    "public_facility_named",
    "government_entity_in",
    "patient_role_in",
    "read_story",
]

DATE_SLOTS = ("incident_date", "discovery_date", "death_date", "patient_dob")


@dataclass(frozen=True)
class StoryFacts:
    """What one message says. ``None`` everywhere means the message stated nothing.

    ``incident_type`` is one of ``INCIDENT_TYPES``; ``state`` a USPS code; ``patient_role``
    one of ``PATIENT_ROLES``; ``facility`` the kind of place the care was given (``hospital``,
    ``emergency_room``, ``nursing_home``, ``clinic``, ``urgent_care``, ``pharmacy``,
    ``surgery_center``, ``dental_office``, ``rehab``, ``birth_center``, ``doctor_office``);
    ``represented_intent`` is ``second_opinion`` or ``switch`` when a person with a lawyer
    says why they write. The four dates are :class:`DateAnswer` values that parsed.
    ``contact_name``, ``contact_phone`` (E.164) and ``contact_email`` are the writer's own,
    given as such ("my name is ...", "my cell is ...").
    """

    incident_type: str | None = None
    state: str | None = None
    incident_date: DateAnswer | None = None
    discovery_date: DateAnswer | None = None
    death_date: DateAnswer | None = None
    patient_dob: DateAnswer | None = None
    patient_role: str | None = None
    patient_deceased: bool | None = None
    facility: str | None = None
    government_facility: bool | None = None
    already_represented: bool | None = None
    represented_intent: str | None = None
    foreign_object: bool | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    dates_said: dict[str, str] = field(default_factory=dict)

    def as_slots(self) -> dict[str, Any]:
        """The facts that were stated, as slot values (dates as ISO text, seasons as the
        season's first month); facts not stated are left out, so nothing is overwritten."""
        slots: dict[str, Any] = {}
        for name in (
            "incident_type",
            "state",
            "patient_role",
            "patient_deceased",
            "government_facility",
            "already_represented",
            "represented_intent",
            "foreign_object",
            "contact_name",
            "contact_phone",
            "contact_email",
        ):
            value = getattr(self, name)
            if value is not None:
                slots[name] = value
        for name in DATE_SLOTS:
            answer: DateAnswer | None = getattr(self, name)
            if answer is not None:
                slots[name] = answer.value or answer.season_value
        return slots

    def approximate_dates(self) -> list[str]:
        """The date slots whose value is an estimate ("about 20 months ago", "spring 2023")."""
        return [
            name
            for name in DATE_SLOTS
            if getattr(self, name) is not None and getattr(self, name).approximate
        ]


# --- dates and what they refer to ---------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2})(?!\s*(?:mg|mcg|ml|units?|dollars|\$|cc|ccs|lbs?)\b)"
_COUNT = (
    r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few"
    r"|a\s+couple(?:\s+of)?|few|couple(?:\s+of)?|several)"
)
_HEDGE = (
    r"(?:(?:about|around|approx(?:imately)?|roughly|maybe|probably|like|almost|nearly|over"
    r"|early|mid|late|sometime\s+in|back\s+in)[\s-]+)?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_DATE_SPAN = re.compile(
    _HEDGE
    + r"(?:"
    # ranges: "april 14 to 17 2025", "14-17 april 2025"
    rf"{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to|through|thru|and)\s*"
    rf"(?:{_MONTH}\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}"
    # "march 3rd, 2024", "3 march 2024", "march 2024", "march of 2024", "march 3rd"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}"
    rf"|{_MONTH}\.?,?\s+(?:of\s+)?{_YEAR}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:of\s+)?(?:last|this)\s+(?:year|yr)\b"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|(?:in|during|since|around|by|early|mid|late)\s+{_MONTH}\b(?!\.?\s*\d)"
    # a month that names when: "june is when we got the death certificate"
    rf"|{_MONTH}(?=\s+(?:is|was)\s+when\b)"
    # numeric: "6/14/2024", "6/14/24", "10/2023"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}/(?:19|20)\d{2}"
    # month or season with its year in words: "june of last year", "last yr in june"
    rf"|{_MONTH}\s+(?:of\s+|in\s+)?(?:last|this)\s+(?:year|yr)"
    rf"|(?:last|this)\s+(?:year|yr),?\s+(?:in\s+|around\s+)?{_MONTH}"
    rf"|(?:last|this\s+past|this)\s+(?:{_MONTH}|{_SEASON})"
    rf"|(?:the\s+)?{_SEASON}\s+(?:of\s+)?(?:{_YEAR}|'\d\d)"
    # years counted back with the month or holiday: "2 yrs ago right before christmas"
    rf"|{_COUNT}\s+(?:years?|yrs?)\s+(?:ago|back),?\s+(?:(?:right|just)\s+)?"
    rf"(?:before|after|around|at|on|in|during)?\s*(?:the\s+)?"
    rf"(?:christmas|x-?mas|thanksgiving|new\s+years?|halloween|easter|{_MONTH}\b(?!\.?\s*\d))"
    # relative: "20 months ago", "a year and a half ago", "last year", "yesterday"
    rf"|{_COUNT}\s+(?:and\s+a\s+half\s+)?(?:days?|weeks?|wks?|months?|mos|years?|yrs?)\s+(?:ago|back)"
    r"|a\s+(?:year|yr)\s+and\s+a\s+half\s+ago"
    r"|(?:last|this|past)\s+(?:year|yr|month|week)|yesterday|last\s+night"
    rf"|{_COUNT}\s+(?:days?|weeks?|months?)\s+(?:later|after(?:wards?)?)"
    r"|the\s+(?:next|following)\s+(?:day|morning|week)"
    # a year alone
    rf"|{_YEAR}"
    r")\b",
    re.I,
)  # fmt: skip
# Words that tell what a date refers to; the nearest one in the same clause decides.
# A date nearest to "moved" or "married" is about something else, and is left out ("").
_ROLE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("", re.compile(
        r"\b(?:moved|move|moving|relocated|married|divorced|retired|graduated|hired"
        r"|started\s+(?:a|my)\s+(?:new\s+)?job|called\s+(?:a|another)\s+(?:lawyer|attorney)"
        r"|contacted)\b")),
    # "the death certificate came in june" dates a paper that told them, not the death
    ("death_date", re.compile(
        r"\b(?:died|dies|passed\s+away|passed\s+on|passed|death(?!\s+certificate)|funeral"
        r"|lost\s+(?:him|her|them)|killed)\b")),
    ("patient_dob", re.compile(r"\b(?:born|birthday|date\s+of\s+birth|dob)\b")),
    ("discovery_date", re.compile(
        r"\b(?:found|find|discovered|discover|learned|learnt|realized|realised|noticed"
        r"|figured\s+out|showed\s+up|turned\s+up|came\s+back|finally|later|(?<!mis)diagnosed"
        r"|(?:x-?ray|scan|mri|ct|ultrasound|biopsy|test)s?\s+(?:showed|found|revealed)"
        r"|second\s+opinion|another\s+doctor|new\s+doctor|told\s+(?:me|us)\b(?!\s+to\b)"
        r"|(?:didn'?t|did\s+not|never)\s+know|looked\s+at\s+(?:his|her|my|our|the)\s+(?:records|chart)"
        r"|records\s+(?:showed|said)|suspect\w*|knew|figured"
        r"|some(?:thing|thin'?)\s+(?:was|is|went)\s+(?:really\s+)?wrong"
        # a paper that told them: "the death certificate came in june", "june is when we got
        # the autopsy report"
        r"|(?:death\s+certificate|autopsy|(?:the|his|her|my|our)\s+(?:records|results|report))"
        r"(?:\s+report)?\s+(?:came|arrived|showed|said)"
        r"|(?:got|received|read|saw)\s+(?:the|his|her|my|our)\s+(?:death\s+certificate|autopsy"
        r"|records|results|report))\b")),
    ("incident_date", re.compile(
        r"\b(?:surgery|surgeries|operation|operated|procedure|had\s+(?:a|an|my|his|her)"
        r"|gave|given|prescribed|delivery|delivered|labou?r|admitted|treated|seen|saw"
        r"|went\s+(?:to|in)|took\s+(?:me|him|her)|visit|appointment|misdiagnosed|missed"
        r"|happened|injected|put\s+under|sent\s+(?:me|him|her)\s+home)\b")),
]  # fmt: skip
# ("june is when we got the death certificate": one clause, the date and its event)
_CLAUSE_BREAK = re.compile(
    r"[.!?;\n]+\s*|,\s+(?=\D)"
    r"|(?:\s+(?:but|then|so|and\s+then|and|which)|(?<!\bis)(?<!\bwas)(?<!'s)\s+when)\s+"
    rf"(?!\d)(?!{_MONTH}\.?\s+\d)",
    re.I,
)


def _clauses(text: str) -> list[str]:
    """The clauses of the text: sentences, split again at "and", "but", "then", commas..."""
    return [clause for clause in _CLAUSE_BREAK.split(text) if clause.strip()]


def _role_of_date(clause: str, start: int, end: int) -> str:
    """The date slot a date at [start, end) of the clause refers to: the nearest cue wins."""
    best: tuple[int, int, str] | None = None
    for order, (slot, cue) in enumerate(_ROLE_CUES):
        for match in cue.finditer(clause):
            if start <= match.start() < end:
                continue  # a word inside the date itself
            distance = (
                start - match.end() if match.end() <= start else match.start() - end
            )
            rank = (distance, order, slot)
            if best is None or rank[:2] < best[:2]:
                best = rank
    return best[2] if best else "incident_date"


@functools.lru_cache(maxsize=1024)
def _parse_span(said: str, today: datetime.date, reference: str | None) -> DateAnswer:
    """A date said in a story, read once per text and day (long stories repeat them)."""
    return parse_date(said, today, reference=reference)


_BIRTHDAY = re.compile(r"\bbirth\s*day\b", re.I)
_NAMES_WHEN = re.compile(r"\s+(?:is|was)\s+when\b", re.I)


def _find_dates(
    text: str, today: datetime.date, reference: str | None = None
) -> dict[str, tuple[DateAnswer, str]]:
    found: dict[str, tuple[DateAnswer, str]] = {}
    for clause in _clauses(text):
        for match in _DATE_SPAN.finditer(clause):
            said = match.group(0).strip()
            if re.fullmatch(r"may", said, re.I) and not _NAMES_WHEN.match(
                clause, match.end()
            ):
                continue  # the verb ("I may have"), not "may is when it started"
            # the date held before (the care's) first: "april 2025 when i went septic. tho i
            # knew somethin was wrong early march" after a February 2025 surgery is March 2025
            earlier = reference or next(
                (a.value for a, _ in found.values() if a.value), None
            )
            answer = _parse_span(said, today, earlier)
            if not (answer.value or answer.season):
                continue
            answer = _in_the_year_said(answer, said, text, today, earlier)
            slot = _role_of_date(clause, match.start(), match.end())
            if (
                slot == "patient_dob"
                and _BIRTHDAY.search(clause)
                and not _YEAR_WORDS.search(said)
            ):
                continue  # "my birthday is february 20th": no year, no date of birth
            if slot:
                found.setdefault(slot, (answer, said))
    return found


def _in_the_year_said(
    answer: DateAnswer,
    said: str,
    text: str,
    today: datetime.date,
    earlier: str | None,
) -> DateAnswer:
    """A month's day said without its year in a message that says one year ("right before
    christmas. 2024 i think. she passed dec 23"): in that year, December 23, 2024, not the
    latest December 23, as ``parse_date`` pieces a day and a year said apart. Unchanged when
    the words say no year or several, for a month alone ("around 2021 ... found the cancer in
    january": the latest January), or when that year would put it before the earlier date
    (surgery in "dec 2023", found out "feb 3": February 3, 2024)."""
    value = answer.value or ""
    if len(value) != len("YYYY-MM-DD") or _YEAR_WORDS.search(said):
        return answer
    years = {
        found.group(0) for found in _FOUR_DIGITS.finditer(_NOT_SAID.sub(" ", text))
    }
    if len(years) != 1:
        return answer
    moved = years.pop() + value[4:]
    if (
        moved == value
        or not _real_iso(moved)
        or moved > today.isoformat()
        or (earlier and moved[: len(earlier)] < earlier[: len(moved)])
    ):
        return answer
    return replace(answer, value=moved, readable=humanize_date(moved))


def dates_by_event(
    text: str, today: datetime.date, reference: str | None = None
) -> dict[str, DateAnswer]:
    """The dates one message gives, by the event each is said with, as ``read_story`` reads
    them: "i told them at my checkup in jan 2024 ... diagnosed stage 3 in feb 2025" gives the
    care (January 2024) and the discovery (February 2025); "no he died in MAY. june is when we
    got the death certificate" the death (May) and the discovery (June). A date said with no
    event is the care's. `reference` is an earlier date (ISO) that a month said without its
    year follows ("in may" after an April 2025 surgery is May 2025)."""
    text = " ".join((text or "").replace("’", "'").split())
    return {
        slot: answer
        for slot, (answer, _) in _find_dates(text, today, reference).items()
    }


# --- the patient, a death ----------------------------------------------------------------------

_RELATIONS = (
    r"(?:mom|mother|mum|mommy|mama|momma|dad|father|daddy|papa|parents?|son|daughter|baby"
    r"|kid|child|children|newborn|infant|toddler|boy|girl|twins?|wife|husband|spouse|partner"
    r"|hubby|fianc[eé]e?|boyfriend|girlfriend|grand(?:mother|father|ma|pa|mom|dad|son|daughter"
    r"|child|parents?)|granny|nana|brother|sister|sibling|aunt|auntie|uncle|cousin|niece"
    r"|nephew|(?:mother|father|son|daughter|brother|sister)[\s-]*in[\s-]*law"
    r"|step[\s-]*(?:mom|mother|dad|father|son|daughter)|friend|neighbou?r|roommate)"
)
_MY_RELATION = re.compile(
    # ("my moms warfarin": the possessive typed without its apostrophe)
    rf"\b(?:my|our)\s+(?:\w+\s+)?(?:old\s+)?(?P<rel>{_RELATIONS})(?:'?s)?\b"
)
# "my wife took me", "my husband drove me": a helper, not the patient.
_HELPER_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:took|drove|brought|rushed|called|found|helped|told|made|wants|said"
    r"|says|thinks|insisted|and\s+i|&\s+i)\b",
    re.I,
)
# "my wife had our son", "my girlfriend gave birth to our daughter": a birth told by its
# mother, the child born named after it.
_GAVE_BIRTH_TO = re.compile(
    r"^\s*(?:\w+\s+)?(?:had|gave\s+birth\s+to|delivered|birthed)\s+(?:our|my|her|their|a|the)"
    r"\s+(?:(?:new|newborn|baby|little|first|second)\s+)?(?P<child>son|daughter|baby|boy|girl"
    r"|twins?|child)\b"
)
# ... unless the harm told is the mother's own ("she bled out", "she died after").
_MOTHER_HARMED = re.compile(
    r"\b(?:she|her|mom|mother)\s+(?:\w+\s+)?(?:died|passed|bled|hemorrhag\w*|lost\s+so\s+much"
    r"|was\s+(?:torn|cut|injured|hurt|left))|\bher\s+(?:uterus|bladder|bowel|womb|cervix)\b"
)
# The words before a child named as the one born: "she had our daughter", "i gave birth to my son".
_BORN_NOW = re.compile(
    r"\b(?:she|i|we|wife|girlfriend|partner|fiancee?|daughter|sister)\s+(?:\w+\s+)?"
    r"(?:had|gave\s+birth\s+to|delivered|birthed)\s+$"
)
# A harm to the baby told ("the baby has erbs palsy", "our son was not breathing").
_BABY_HARMED = re.compile(
    r"\b(?:palsy|brain|oxygen|hypoxi\w*|hie|seizures?|nicu|fractur\w*|broke|broken"
    r"|collarbone|clavicle|shoulder|dystocia|forceps|vacuum|stillborn|not\s+breathing"
    r"|wasn'?t\s+breathing|injur\w*|hurt|damage\w*|died|passed|disab\w*|delay\w*)\b"
)
# "my lip and chin r numb", "pulled my wisdom teeth": the writer's own body, the writer's care.
_BODY = (
    r"(?:knee|hip|back|leg|arm|hand|foot|feet|eye|shoulder|neck|spine|heart|stomach|bowel|jaw"
    r"|tooth|teeth|lip|chin|mouth|tongue|gums?|face|cheek|nose|ear|head|chest|lungs?|kidneys?"
    r"|liver|bladder|uterus|womb|breasts?|skin|finger|thumb|toe|wrist|ankle|elbow|nerve"
    r"|bile\s+duct|gall\s*bladder|colon|appendix|pancreas|ovar(?:y|ies)|prostate|thyroid"
    r"|intestines?|esophagus|throat|rib|bone)s?"
)
_SELF = re.compile(
    r"\b(?:i\s+(?:had|have|was|got|went|am|needed|underwent|suffered|broke|woke|ended\s+up)"
    r"|i'm|im\b|me\b|my\s+(?:(?:left|right|other|good|bad|lower|upper|wisdom|front|bottom"
    r"|top|whole)\s+)?(?:surgery|operation|" + _BODY + r"|diagnosis|doctor|surgeon"
    r"|prescription|medication|cancer|baby\s+was\s+delivered))",
    re.I,
)
_DEATH = re.compile(
    r"\b(?:died|dies|dead|deceased|passed\s+away|passed\s+on|(?:has|had|just|recently|then"
    r"|he|she|they|mom|mother|dad|father|wife|husband|son|daughter|baby)\s+passed"
    r"(?!\s+(?:out|a|an|the|it|through|by|me|along|blood|stones?|gas|urine))"
    r"|death|funeral|wrongful\s+death|lost\s+(?:my|our|her|his)\s+"
    + _RELATIONS
    + r"|no\s+longer\s+with\s+us"
    r"|rest\s+in\s+peace|stillborn|was\s+killed|killed\s+(?:him|her|them|my))\b",
    re.I,
)
# "me" as the one to be reached or told, not the one treated ("he never calls me back").
_NOT_THE_PATIENT_ME = re.compile(
    r"\b(?:call|calls|called|calling|text|texts|texted|email|emails|e-mail|reach|contact"
    r"|get\s+back\s+to|write|wrote|answer|answers)\s+$"
)
# The patient is alive, said plainly ("he is alive", "she's still with us"), or in the present
# tense: where they are now ("she in hospital now", "she's home with me now"), their age now
# ("hes almost 2 now", "he is 9"), never a past age ("she was 71"), or what they cannot do now
# ("now his arm doesn't work right", "she can't walk anymore"), never what they could not
# ("she couldn't breathe").
_ALIVE = re.compile(
    r"\b(?:(?:he|she|they|i)\s*(?:'s|is|are|'re|am|'m)\s+(?:still\s+)?(?:alive|living)"
    r"|still\s+(?:alive|with\s+us)|(?:he|she|they|" + _RELATIONS + r")\s+survived"
    r"|(?:he|she)\s*(?:'?s|\s+is)?\s+(?:still\s+)?in\s+(?:the\s+)?(?:hospital|icu|rehab)"
    r"(?:\s+now)?"
    r"|(?:he|she)\s*(?:'s|\s+is)\s+(?:back\s+)?(?:at\s+)?home\s+(?:with\s+(?:me|us)|now)"
    r"|(?:he|she)\s+(?:now\s+)?lives\s+with\s+(?:me|us)"
    # "ok the ambulance took him. he is ok now": well now, said of them plainly
    r"|(?:he|she|they)\s*(?:'?s|\s+is|\s+are|'re)\s+(?:doing\s+)?(?:ok|okay|fine|alright"
    r"|all\s+right|better|good)\s+now"
    r"|(?:(?:he|she)\s+(?:still\s+)?|(?:his|her)\s+(?:\w+\s+){1,2})"
    r"(?:can'?t|cannot|can\s+not|doesn'?t|does\s+not|don'?t|do\s+not|won'?t|isn'?t|is\s+not)\s+"
    r"(?:\w+\s+){0,2}?(?:walk|work|move|talk|speak|see|hear|eat|swallow|feel|function|use"
    r"|stand|sit|grip|lift|breathe)\w*(?:\s+\w+){0,2}?\s+(?:now|anymore|any\s+more|right"
    r"|properly|normally|well|on\s+(?:his|her)\s+own)"
    r"|(?:he|she)\s*(?:'?s|\s+is)\s+(?:almost\s+|nearly\s+|only\s+|just\s+)?\d{1,2}"
    r"(?:\s*(?:years?|yrs?|months?)(?:\s+old)?)?(?:\s+now)?(?!\s*(?:%|mg|weeks?\s+pregnant)))\b",
    re.I,
)
_NOT_DEATH = re.compile(
    r"\b(?:almost|nearly|could\s+have|could'?ve|would\s+have|would'?ve|might\s+have"
    r"|thought\s+(?:i|he|she|they)\s+(?:was|were)\s+going\s+to|afraid|scared|near|not|didn'?t"
    r"|never|brink\s+of|close\s+to|risk\s+of|fear|worried)\W+(?:\w+\W+){0,2}$",
    re.I,
)


_BARE_RELATION = re.compile(
    rf"^(?:(?:so|ok|okay|well|hi|hello|hey|yes|um+)\W+)*(?P<rel>{_RELATIONS})\s+"
    r"(?:had|has|was|is|got|went|passed|died|needed|fell|took|received|underwent)\b"
)


def _patient_role(text: str) -> str | None:
    norm = " ".join(text.lower().replace("’", "'").split())
    bare = _BARE_RELATION.match(norm)
    if bare:
        return parse_patient_role(bare.group("rel"))
    for match in _MY_RELATION.finditer(norm):
        if _HELPER_AFTER.match(norm[match.end() :]):
            continue
        born = _GAVE_BIRTH_TO.match(norm[match.end() :])
        if born and not _MOTHER_HARMED.search(norm):
            # "my wife had our son ... baby has erbs palsy now": the child born is the
            # patient, the mother only gave birth
            return parse_patient_role(f"my {born.group('child')}")
        if _BORN_NOW.search(norm[: match.start()]) and not _BABY_HARMED.search(norm):
            # "She had our daughter by c section": the child born, not said to be hurt, is
            # no patient named (the mother may be: "I am writing about my wife Ana")
            continue
        role = parse_patient_role(match.group(0))
        if role:
            return role
    for match in _SELF.finditer(norm):
        if match.group(0) == "me" and _NOT_THE_PATIENT_ME.search(norm[: match.start()]):
            continue  # "he never calls me back": the writer is reached, not treated
        return "self"
    return None


def _deceased(text: str) -> bool | None:
    for match in _DEATH.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NOT_DEATH.search(before):
            continue
        return True
    return False if _ALIVE.search(text) else None


# --- where: the kind of place, a government one ------------------------------------------------

_FACILITIES: list[tuple[str, re.Pattern[str]]] = [
    ("nursing_home", re.compile(
        r"\b(?:nursing\s+home|care\s+home|assisted\s+living|long[\s-]+term\s+care"
        r"|skilled\s+nursing|memory\s+care|snf)\b")),
    ("emergency_room", re.compile(
        r"\b(?:er|e\.r\.|emergency\s+room|emergency\s+department|ed|a&e|trauma\s+center)\b")),
    ("urgent_care", re.compile(r"\b(?:urgent\s+care|walk[\s-]+in\s+clinic|minute\s+clinic)\b")),
    ("surgery_center", re.compile(r"\b(?:surgery|surgical|surgi)[\s-]*cent(?:er|re)\b")),
    ("birth_center", re.compile(r"\b(?:birth(?:ing)?\s+cent(?:er|re)|labou?r\s+and\s+delivery)\b")),
    ("pharmacy", re.compile(
        r"\b(?:pharmacy|pharmacist|drugstore|cvs|walgreens|rite\s+aid)\b")),
    ("dental_office", re.compile(r"\b(?:dentist|dental|orthodontist|oral\s+surgeon)\b")),
    ("rehab", re.compile(r"\b(?:rehab|rehabilitation|physical\s+therapy)\b")),
    ("clinic", re.compile(r"\b(?:clinic|health\s+cent(?:er|re))\b")),
    ("hospital", re.compile(r"\b(?:hospital|hosp|medical\s+cent(?:er|re)|icu|nicu|ward)\b")),
    ("doctor_office", re.compile(
        r"\b(?:doctor'?s\s+office|dr'?s\s+office|my\s+(?:doctor|gp|pcp)|family\s+doctor"
        r"|primary\s+care)\b")),
]  # fmt: skip
_GOVERNMENT = re.compile(
    r"\b(?:va|v\.a\.|veterans?\s*(?:affairs|administration|hospital|medical|clinic|health)?"
    r"|military|army|navy|naval|air\s+force|walter\s+reed|tricare|base\s+hospital"
    r"|county\s+(?:hospital|clinic|health|medical)|city\s+hospital|municipal|public\s+hospital"
    r"|state\s+(?:hospital|run|prison)|federal|government|govt|indian\s+health(?:\s+service)?|ihs"
    r"|prison|jail|detention|public\s+health\s+(?:clinic|department))\b",
    re.I,
)
# "a private hospital", and with its name or owner between: "a private Providence hospital",
# "a private catholic hospital" (not "a private room at the hospital").
_PRIVATE = re.compile(
    r"\b(?:private|privately[\s-]+(?:owned|run)|for[\s-]+profit)\s+"
    r"(?:(?!(?:room|rooms|area|bathroom|insurance|at|in|of|to|on|the|a|an|and|or"
    r"|with|from|for)\b)[\w'&.-]+\s+){0,3}?"
    r"(?:hosp\w*|clinic|medical\s+cent(?:er|re)|nursing\s+home|surgery\s+cent(?:er|re))\b",
    re.I,
)
_NOT_GOVERNMENT = re.compile(
    r"\b(?:(?:not|wasn'?t|isn'?t|no)\s+(?:a\s+|the\s+)?(?:va|government|county|public"
    r"|military)"
    r")",
    re.I,
)


def _facility(text: str) -> str | None:
    hits = [
        (match.start(), kind)
        for kind, pattern in _FACILITIES
        if (match := pattern.search(text))
    ]
    return min(hits)[1] if hits else None


def _government(text: str) -> bool | None:
    if _PRIVATE.search(text) and not _GOVERNMENT.search(_PRIVATE.sub(" ", text)):
        return False
    if _NOT_GOVERNMENT.search(text):
        return None  # "no private hosp", "not a VA": not enough to say either way
    for match in _GOVERNMENT.finditer(text):
        if _virginia(text, match):
            continue
        return True
    return None


_VA_PLACE = re.compile(
    r"\s+(?:hospital|hosp|medical|med\s+center|clinic|health|healthcare|facility|center"
    r"|doctors?|system|er)\b",
    re.I,
)


def _virginia(text: str, match: re.Match[str]) -> bool:
    """Whether "VA" at `match` is the state: "VA" alone is Virginia ("I live in VA"); "the
    VA", "the VA hospital" and a city's VA ("the Phoenix VA", "went to detroit va") are the
    veterans' hospital, unless the city is in Virginia ("norfolk va")."""
    if match.group(0).lower() not in {"va", "v.a."}:
        return False
    before = text[: match.start()]
    if re.search(r"\b(?:the|a)\s+$", before, re.I) or _VA_PLACE.match(
        text[match.end() :]
    ):
        return False
    words = re.findall(r"[a-z]+", before.lower())
    for size in (3, 2, 1):
        city = CITIES.get(" ".join(words[-size:])) if len(words) >= size else None
        if city:
            return city == "VA"
    return True


# A federal facility, sued under the Federal Tort Claims Act: the VA, a military hospital,
# the Indian Health Service, a federal prison, a federally funded (deemed) health center. Not a
# state veterans' home, and not TRICARE (insurance that pays civilian doctors).
_FEDERAL = re.compile(
    r"\b(?:va|v\.a\.|vamc|veterans?\s*(?:affairs|administration|hospital|medical|clinic|health"
    r"|hosp)|military\s+(?:hospital|base|clinic|doctors?|medical|treatment)|army|navy|naval"
    r"|air\s+force|walter\s+reed|base\s+hospital|federal\s+(?:hospital|facility|clinic"
    r"|prison|medical|health)|federally\s+(?:funded|qualified)|indian\s+health(?:\s+service)?"
    r"|ihs|bureau\s+of\s+prisons)\b",
    re.I,
)


def federal_facility_in(text: str) -> bool:
    """Whether the words name a federal facility ("the VA in detroit", "john d dingell VA
    medical center", "the Phoenix VA", "Naval Hospital Bremerton", "the Indian Health
    Service"): a claim against it is a Federal Tort Claims Act claim. "VA" alone is Virginia;
    "not the VA" names none."""
    text = " ".join((text or "").replace("\u2019", "'").split())
    if _NOT_GOVERNMENT.search(text):
        return False
    return any(not _virginia(text, match) for match in _FEDERAL.finditer(text))


# A state or local government facility, no federal agency (28 U.S.C. § 2671): a county, city,
# municipal or state hospital, a county clinic or health department, a state prison or county
# jail. Sued under the state's rules, with its notice of claim; never the FTCA.
_STATE_OR_LOCAL = re.compile(
    r"\b(?:county|city|municipal|state)\s+(?:(?:general|memorial|regional|medical|community"
    r"|public|health|mental)\s+)?(?:hospital|hosp|clinic|medical\s+cent(?:er|re)|health"
    r"|er|emergency\s+room|one|place|facility|jail|prison|detention)\b"
    r"|\bstate[\s-]+run\b|\bcounty[\s-]+(?:run|owned)\b|\bmunicipal\b|\bhospital\s+district\b"
    r"|\b(?:county|city|local|public)\s+health\s+(?:department|dept|clinic)\b"
    r"|\bhealth\s+department\b",
    re.I,
)


# Public hospitals known by their own names, none federal (the state's rules, never the FTCA):
# - UNC Hospitals (Chapel Hill): the University of North Carolina's, a State institution; a
#   claim against it is a State Tort Claims Act claim (N.C. Gen. Stat. § 143-299: "All claims
#   against any and all State departments, institutions, and agencies shall henceforth be
#   forever barred unless a claim be filed with the Industrial Commission within three years
#   after the accrual of such claim").
# - Regional One Health, Memphis ("the Med" until 2014; Shelby County Health Care Corporation,
#   its building owned by Shelby County): sued under Tennessee's Governmental Tort Liability
#   Act (Williamson v. Regional One Health, Tenn. Ct. App. 2021: "Appellee's immunity under the
#   Governmental Tort Liability Act"; WMC Action News 5, 2022: "Regional One Health, known as
#   The Med until a name change in 2014").
# - NYC Health + Hospitals and its hospitals (Jacobi, Bellevue, ...) and Hennepin County
#   Medical Center (HCMC): the city's and the county's (NY.yaml, MN.yaml).
_PUBLIC_BY_NAME = re.compile(
    r"\b(?:unc(?:\s+(?:hospitals?|health(?:\s+care)?|medical\s+cent(?:er|re)|childrens?))?"
    r"|university\s+of\s+north\s+carolina\s+(?:hospitals?|health)"
    r"|regional\s+one(?:\s+health)?|regional\s+medical\s+center\s+at\s+memphis"
    r"|shelby\s+county\s+health\s+care"
    r"|(?:nyc\s+)?health\s*(?:\+|and|&)\s*hospitals|hhc|jacobi|bellevue\s+hospital"
    r"|kings\s+county\s+hospital|harlem\s+hospital|hcmc"
    r"|hennepin\s+(?:county\s+)?(?:medical|healthcare|health))\b"
    # a state university's hospital: "its the state university hospital"
    r"|\bstate\s+university(?:'s)?\s+(?:hospital|medical\s+cent(?:er|re))",
    re.I,
)


def public_facility_named(text: str) -> bool:
    """Whether the words name a public hospital by its own name, none of them federal ("UNC
    Hospitals", "regional one downtown, the med", "It says NYC Health + Hospitals on
    everything", "the state university hospital"); not when said not to be it."""
    text = " ".join((text or "").replace("\u2019", "'").split())
    return bool(_PUBLIC_BY_NAME.search(_NOT_GOVERNMENT.sub(" ", text)))


def state_or_local_facility_in(text: str) -> bool:
    """Whether the words name a state or local government facility, none of them federal
    ("Pine Ridge County Hospital", "it's the county hospital", "the city clinic", "a state
    hospital", "the county jail"): the state's rules govern, never the Federal Tort Claims
    Act. "Orange County" alone names a place, not a hospital; "not a county hospital" names
    none ("not the VA, the county hospital" one); a federal one named too ("the VA, then the county hospital") is `federal_facility_in`'s."""
    text = " ".join((text or "").replace("\u2019", "'").split())
    return bool(
        _STATE_OR_LOCAL.search(_NOT_GOVERNMENT.sub(" ", text))
    ) or public_facility_named(text)


# Who runs a public facility, as the words name it: a county's, a city's or the State's (the
# `applies_to` of a state's `government_rules`, jurisdictions/<CODE>.yaml). Georgia's hospital
# authorities (O.C.G.A. § 31-7-72: "the 'hospital authority' of such county or city"), among
# them the Fulton-DeKalb Hospital Authority that owns Grady, are read as a county's: a hospital
# authority "is not an agency or department of either the state or county" (Dept. of Human
# Resources v. Northeast Ga. Primary Care, 1997) and no source was found applying the county's
# 12-month presentment (§ 36-11-1) to one, so the county's rule is the earlier reading (a city's
# 6 months never applies to a county's authority); the result is for an attorney to review.
_FACILITY_WORDS = (
    r"(?:(?:general|memorial|regional|medical|community|public|health|mental)\s+)?"
    r"(?:hospital|hosp|clinic|medical\s+cent(?:er|re)|health|er|emergency\s+room|one|place"
    r"|facility|jail|prison|detention)\b"
)
_RUN_BY = {
    "county": re.compile(
        rf"\bcounty\s+{_FACILITY_WORDS}|\bcounty[\s-]+(?:run|owned)\b"
        r"|\bcounty\s+health\s+(?:department|dept)\b|\bhospital\s+authority\b"
        r"|\bfulton[\s-]+dekalb\b|(?<!dr\s)(?<!dr\.\s)\bgrady\b",
        re.I,
    ),
    "municipal": re.compile(
        rf"\b(?:city|municipal|town)\s+{_FACILITY_WORDS}|\bcity[\s-]+(?:run|owned)\b"
        r"|\bcity\s+health\s+(?:department|dept)\b",
        re.I,
    ),
    "state": re.compile(
        rf"\bstate\s+{_FACILITY_WORDS}|\bstate[\s-]+run\b"
        r"|\bstate\s+university(?:'s)?\s+(?:hospital|medical\s+cent(?:er|re))",
        re.I,
    ),
}

_NOT_RUN_BY = re.compile(
    r"\b(?:not|wasn'?t|isn'?t|no)\s+(?:a\s+|the\s+)?(?:city|state|municipal|town)\b",
    re.I,
)


def government_entity_in(text: str) -> str | None:
    """Who the words say runs a public facility: `county` ("yes its the county hospital",
    "Pine Ridge County Hospital", a hospital authority, "grady"), `municipal` ("the city
    clinic"), `state` ("a state hospital"); None when they name none, or more than one ("the
    city or the county one"), or only deny one ("not a county hospital")."""
    text = " ".join((text or "").replace("\u2019", "'").split())
    text = _NOT_RUN_BY.sub(" ", _NOT_GOVERNMENT.sub(" ", text))
    named = [kind for kind, pattern in _RUN_BY.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


# --- a lawyer -----------------------------------------------------------------------------------

_LAWYER = r"(?:lawyer|attorney|atty|law\s+firm|legal\s+counsel|counsel)"
_NO_LAWYER = re.compile(
    rf"\b(?:(?:do\s+not|don'?t|dont|never|didn'?t|haven'?t|havent|not)\s+(?:\w+\s+){{0,2}}"
    rf"(?:have|had|hired|got|get|retained|talked\s+to|spoken\s+to|contacted)\s+(?:a|an|any)?\s*{_LAWYER}"
    rf"|no\s+{_LAWYER}|without\s+(?:a|an)\s+{_LAWYER}|not\s+represented"
    rf"|(?:looking\s+for|need|needing|want|trying\s+to\s+find|find)\s+(?:a|an)\s+{_LAWYER})\b",
    re.I,
)  # fmt: skip
_HAS_LAWYER = re.compile(
    rf"\b(?:(?:my|our|her|his)\s+(?:current\s+)?{_LAWYER}|(?:i|we)\s+(?:already\s+)?"
    rf"(?:have|hired|retained|got)\s+(?:a|an)\s+{_LAWYER}|already\s+(?:have\s+)?(?:a|an)\s+{_LAWYER}"
    r"|already\s+represented|(?:i\s+am|i'?m|we\s+are|we'?re)\s+represented)\b",
    re.I,
)  # fmt: skip
_SWITCH = re.compile(
    rf"\b(?:switch|chang|replac|fire|firing|drop|leav|new|different|another)\w*\s+"
    rf"(?:\w+\s+){{0,3}}{_LAWYER}|{_LAWYER}\s+(?:\w+\s+){{0,3}}(?:dropped|quit|withdrew)\b",
    re.I,
)  # fmt: skip
_SECOND_OPINION = re.compile(r"\b(?:second|2nd|another)\s+opinion\b", re.I)


# A lawyer they had and no longer have: "my lawyer just dropped my case", "he just sent me a
# letter saying hes withdrawing", "my old lawyer withdrew", "I dont have a lawyer anymore".
_DROPPED = r"dropped\s+(?:me|us|him|her|it|out|(?:my|our|his|her|the)\s+(?:case|claim|lawsuit|suit))\b"
_LAWYER_GONE = re.compile(
    rf"\b{_LAWYER}\s+(?:\w+\s+){{0,4}}?(?:{_DROPPED}|quit\b|withdr[ae]w\w*|stopped\s+representing"
    rf"|backed\s+out|let\s+(?:me|us)\s+go)\b"
    rf"|\b(?:old|former|previous|ex-?)\s+{_LAWYER}"
    rf"|\b(?:dont|don'?t|do\s+not)\s+have\s+(?:a|an|any)\s+{_LAWYER}\s+(?:anymore|any\s+more|now|no\s+more)\b"
    rf"|\bno\s+longer\s+(?:have\s+(?:a|an|my)\s+{_LAWYER}|represented)\b",
    re.I,
)  # fmt: skip
# Said of the lawyer by a pronoun, in words that name a lawyer: "he dropped me", "hes
# withdrawing", "I dont have one now".
_LAWYER_GONE_SAID = re.compile(
    rf"\b(?:he|she|they|the\s+firm)\s+(?:\w+\s+){{0,8}}?(?:{_DROPPED}"
    r"|withdr[ae]w\w*|stopped\s+representing|backed\s+out|quit\s+(?:on\s+)?(?:me|us|my|our|the))\b"
    r"|\bhe'?s\s+withdrawing\b"
    r"|\b(?:dont|don'?t|do\s+not)\s+have\s+(?:one|a\s+lawyer|an\s+attorney)\s+(?:anymore|any\s+more|now|no\s+more)\b",
    re.I,
)  # fmt: skip


def lawyer_gone(text: str, about_the_lawyer: bool = False) -> bool:
    """Whether the words say the lawyer they had is gone (dropped the case, withdrew, an old
    or former lawyer, none any more): no lawyer now, never 'represented'. "he dropped me"
    counts in words that name a lawyer, or as the answer to a question about the lawyer."""
    said = " ".join((text or "").replace("\u2019", "'").split())
    return bool(
        _LAWYER_GONE.search(said)
        or (
            (about_the_lawyer or re.search(_LAWYER, said, re.I))
            and _LAWYER_GONE_SAID.search(said)
        )
    )


def _represented(text: str) -> tuple[bool | None, str | None]:
    if _NO_LAWYER.search(text) or lawyer_gone(text):
        return False, None
    if not _HAS_LAWYER.search(text):
        return None, None
    if _SECOND_OPINION.search(text):
        return True, "second_opinion"
    if _SWITCH.search(text):
        return True, "switch"
    return True, None


# --- a foreign object left in the body ------------------------------------------------------------

_OBJECT_STRONG = re.compile(
    r"\b(?:sponges?|gauze|lap\s+pads?|surgical\s+(?:towel|instrument|tool|clip)s?|clamps?"
    r"|drill\s+bits?|retractors?|guide\s*wires?|scalpel(?:\s+blade)?|foreign\s+(?:object|body)"
    r"|retained\s+\w+)\b",
    re.I,
)
_OBJECT_WEAK = re.compile(
    r"\b(?:needles?|piece\s+of\s+\w+(?:\s+\w+)?|wires?|tubes?|catheters?|scissors|instruments?"
    r"|tools?|blades?|screws?|forceps|staples?|stitch(?:es)?|drains?|towels?|object)\b",
    re.I,
)
_LEFT_INSIDE = re.compile(
    r"\b(?:left|retained|forgot|forgotten|remained|still|stuck|inside|in\s+(?:me|him|her|my|his"
    r"|her|their)|showed\s+up|found|turned\s+up|broke\s+off|broken\s+off|snapped)\b",
    re.I,
)
_NO_OBJECT = re.compile(
    r"\b(?:no|not|never|nothing)\s+(?:\w+\s+){0,2}(?:left|sponge|object|instrument)",
    re.I,
)


def _foreign_object(text: str) -> bool | None:
    for clause in re.split(r"[.!?;\n]+", text):
        if _NO_OBJECT.search(clause):
            continue
        strong = _OBJECT_STRONG.search(clause)
        if strong and (
            _LEFT_INSIDE.search(clause)
            or re.search(r"\bx-?ray|scan|ct|mri\b", clause, re.I)
        ):
            return True
        if _OBJECT_WEAK.search(clause) and re.search(
            r"\b(?:left|retained|forgot|forgotten|broke\s+off|broken\s+off|snapped\s+off"
            r"|still\s+(?:inside|in))\b",
            clause,
            re.I,
        ):
            return True
    return None


# --- how to reach the writer --------------------------------------------------------------------

_NAME_CUE = re.compile(
    r"\b(?:my\s+(?:full\s+)?name\s+is|my\s+name'?s|name\s*:)\s+"
    r"|^(?:(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\W+)?(?:this\s+is|i'?m|i\s+am)"
    r"\s+(?-i:(?=[A-Z][a-z]+(?:[\s-]+[A-Z][a-z'-]+)+\s*[,.!]|[A-Z][a-z]+\s*[,.!]\s))",
    re.I,
)
# Where a name said in passing ends: a word that starts the next thought.
_NAME_END = re.compile(
    r"\s+(?:and|but|so|i|i'?m|im|my|we|our|from|here|with|in|of|writing|calling|texting"
    r"|about|because|who|the|a|an|it|this|me|is|was|had|have|please|thanks?)\b|[.,;:!?()\n]",
    re.I,
)
# A number given as the writer's own ("my cell is", "call me at", "reach me at").
_OWN_NUMBER = re.compile(
    r"\b(?:my\s+(?:cell(?:\s+phone)?|phone(?:\s+number)?|number|mobile|#|cell\s+#)"
    r"|(?:call|text|reach|contact)\s+me|me\s+at|cell|phone)\b",
    re.I,
)


def _contact_name(text: str) -> str | None:
    """The writer's name, said as such ("my name is Maria Delgado-Hess and ...", "Hi, this is
    Karen Brennan."), or None. Only what follows the cue, up to the next thought, is the name."""
    cue = _NAME_CUE.search(text)
    if not cue:
        return None
    rest = text[cue.end() :]
    end = _NAME_END.search(rest)
    return parse_name(rest[: end.start()] if end else rest)


def _contact_phone(text: str) -> str | None:
    """The writer's own number: one given with words that make it theirs ("my cell is ...",
    "call me at ..."); a number said without them (the clinic's) is not taken."""
    for match in re.finditer(
        r"\+?1?[\s.-]*\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}\b", text
    ):
        before = text[max(0, match.start() - 40) : match.start()]
        if _OWN_NUMBER.search(before):
            phone = parse_phone(match.group(0))
            if phone:
                return phone
    return None


# --- the whole story ------------------------------------------------------------------------------

_STORY_WORDS = re.compile(
    r"\b(?:doctor|dr|nurse|surgeon|hospital|surgery|operation|er|clinic|pharmacy|medication"
    r"|prescri\w*|diagnos\w*|birth|born|baby|delivery|labou?r|x-?ray|scan|mri|treatment"
    r"|nursing\s+home|dentist|anesthe\w*|injur\w*|hurt|harm|died|passed\s+away|sponge"
    r"|misread|missed|infection|pain|heart\s+attack|stroke|cancer|tumou?r|fracture|broken"
    r"|broke|block|replacement|implant|dose|pills?|meds|medicine|drug|overdose|sick|bleed\w*"
    r"|blood|(?:the|an|to)\s+er|e\.r|emergency|(?:the|a|my)\s+(?:pa|np|rn|md|ob)|icu|ward|root\s+canal|tooth|teeth|jaw|knee|hip"
    r"|spine|spinal|epidural|stitches|biopsy|ultrasound|c-?section|pregnan\w*|wound|sores?"
    r"|paraly\w*|walk|brain|coma|amputat\w*|surgeon|radiologist|physician|pediatrician"
    r"|midwife|obgyn|gyn\w*|therapist|chiropractor|left\s+(?:a|an|the)\s+\w+\s+in)\b",
    re.I,
)


def read_story(text: str, today: datetime.date) -> StoryFacts:
    """Every fact one message states (see the module docstring for the contract).

    `today` is the day the message was written: relative dates ("last september", "this year")
    are counted from it. An empty or factless message gives ``StoryFacts()``.
    """
    text = " ".join((text or "").replace("’", "'").split())
    if not text:
        return StoryFacts()
    told = bool(_STORY_WORDS.search(text))
    dates = _find_dates(text, today)
    represented, represented_intent = _represented(text)
    role = _patient_role(text) if told else None
    return StoryFacts(
        incident_type=parse_incident_type(text) if told else None,
        state=parse_state(text),
        incident_date=_date(dates, "incident_date"),
        discovery_date=_date(dates, "discovery_date"),
        death_date=_date(dates, "death_date"),
        patient_dob=_date(dates, "patient_dob"),
        patient_role=role,
        patient_deceased=_deceased(text),
        facility=_facility(text.lower()),
        government_facility=_government(text),
        already_represented=represented,
        represented_intent=represented_intent,
        foreign_object=_foreign_object(text),
        contact_name=_contact_name(text),
        contact_phone=_contact_phone(text),
        contact_email=parse_email(text),
        dates_said={slot: said for slot, (_, said) in dates.items()},
    )


def _date(dates: dict[str, tuple[DateAnswer, str]], slot: str) -> DateAnswer | None:
    found = dates.get(slot)
    return found[0] if found else None


def foreign_object_in(text: str) -> bool:
    """Whether a message tells of an object left in the body ("they left a sponge in me", "a
    piece of the drill bit", "a clamp showed up on the X-ray"): the foreign-object rules."""
    return _foreign_object(text) is True


def only_the_child_born_named(text: str) -> bool:
    """Whether the one relation the words name is a child said to be born, not hurt ("She had
    our daughter by c section in 2019"): no patient named (a tagger's "daughter" is not one)."""
    norm = " ".join((text or "").lower().replace("\u2019", "'").split())
    named = list(_MY_RELATION.finditer(norm))
    return (
        len(named) == 1
        and bool(_BORN_NOW.search(norm[: named[0].start()]))
        and not _BABY_HARMED.search(norm)
    )


def patient_role_in(text: str) -> str | None:
    """Who the patient is, from words said once the story is known ("same day. i woke up and
    the bandage was on the WRONG LEG": the writer): as ``read_story`` reads it, without needing
    the words of a medical story in the same message."""
    return _patient_role(" ".join((text or "").replace("\u2019", "'").split()))


# --- dates given again, to correct those held ------------------------------------------------

# A day said alone: "she died on the 9th", "he fell on the 17th".
_DAY_ALONE = re.compile(
    rf"\b(?:on\s+)?the\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MONTH})",
    re.I,
)
_YEAR_WORDS = re.compile(rf"\b{_YEAR}\b|\b(?:years?|yrs?|ago|last|this)\b", re.I)
_FOUR_DIGITS = re.compile(rf"\b{_YEAR}\b")
_NOT_SAID = re.compile(
    rf"\bnot\s+(?:on\s+|in\s+)?(?:the\s+\d{{1,2}}(?:st|nd|rd|th)|{_MONTH}\.?(?:\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?|{_YEAR})",
    re.I,
)


def dates_corrected(
    text: str, today: datetime.date, held: dict[str, Any]
) -> dict[str, str]:
    """The dates a message gives again, by what each refers to, as ISO text: the summary's
    "the ER visit where they missed it was feb 6. she died on the 9th" gives the care and the
    death. A date said without its year takes the year said elsewhere in the message, else
    the year of the date `held` for the same thing ("the ER visit was actually July 5, not
    July 6" when the care is held as July 6, 2025); a day alone ("he fell on the 17th and died
    on the 19th") takes the month of the other date said, else of the one held. A date said
    as wrong ("not the 19th") is not one of them, and words with no date of their own ("three
    days after they sent her home") give none."""
    found: dict[str, str] = {}
    text = " ".join((text or "").lower().replace("’", "'").split())
    said_year = _FOUR_DIGITS.search(_NOT_SAID.sub(" ", text))
    for clause in _clauses(text):
        kept = _NOT_SAID.sub(" ", clause)
        span = _DATE_SPAN.search(kept)
        alone = _DAY_ALONE.search(kept)
        if span is not None and re.fullmatch(r"may", span.group(0).strip(), re.I):
            span = None  # the verb
        where = span or alone
        if where is None:
            continue
        slot = _role_of_date(kept, *where.span())
        if not slot or slot in found:
            continue
        before = str(held.get(slot) or "")
        if span is not None:
            answer = parse_date(clause, today)
            value = answer.value
            if value and len(value) > 4 and not _YEAR_WORDS.search(kept):
                year = said_year.group(0) if said_year else before[:4]
                if re.fullmatch(r"\d{4}", year) and _real_iso(year + value[4:]):
                    value = year + value[4:]
        else:
            # a day alone: in the month of the other date said, else of the one held
            month = next((v for v in found.values() if len(v) >= 7), None) or (
                before if len(before) >= 7 else None
            )
            value = f"{month[:7]}-{int(where.group('day')):02d}" if month else None
        if value and _real_iso(value) and value[:10] <= today.isoformat():
            found[slot] = value
    return found


def _real_iso(iso: str) -> bool:
    try:
        parts = [int(part) for part in iso.split("-")]
        datetime.date(
            parts[0],
            parts[1] if len(parts) > 1 else 1,
            parts[2] if len(parts) > 2 else 1,
        )
    except (ValueError, IndexError):
        return False
    return True
