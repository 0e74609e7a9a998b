"""When the person would like to be called: a chosen time, words ("tomorrow afternoon", "at 3",
"asap"), "any time", or a change or cancel of a call already booked ("can you call at 3
instead", "cancel the call").

Pure and typed: every function takes the firm's local "now" (an aware datetime in the firm's
zone). Which open slot the words land on is ``actions.callback.nearest_slot``'s job; here the
words become a ``CallbackWish``: any time, or the earliest moment wanted and, for a part of the
day ("morning"), when that part ends.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from actions.parsing.states import STATES

__all__ = [
    "CallbackWish",
    "asks_call_at",
    "change_kind",
    "names_a_call_time",
    "names_a_zone",
    "parse_callback_wish",
    "parse_slot_choice",
    "without_call_time",
    "without_zones",
    "zone_of_state",
    "zone_said",
    "when_reachable",
]

ANY_TIME = re.compile(
    r"\b(any\s*time|whenever|any\s+(?:day|hour)|doesn'?t\s+matter|no\s+preference"
    r"|don'?t\s+mind|either|whatever\s+works|any\s+of\s+(?:them|those))\b",
    re.I,
)
SOON = re.compile(
    r"\b(asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+(?:possible|you\s+can)|right\s+away|now"
    r"|first\s+(?:available|open|chance)|earliest|soonest|immediately|urgent(?:ly)?)\b",
    re.I,
)
ISO_TIME = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z))\s*$"
)
CALL_WORDS = r"(?:call(?:\s*back)?|callback|phone\s+call|appointment)"
CANCEL = re.compile(
    rf"\b(cancel|call\s+off|scrap|drop)\s+(?:(?:the|my|our|that|this)\s+)?"
    rf"(?:phone\s+)?{CALL_WORDS}\b"
    r"|\b(?:no\s+need\s+to|don'?t\s+need\s+(?:a|the|you\s+to))\s+call\b",
    re.I,
)
CHANGE = re.compile(
    rf"\b(reschedule|move|change|switch)\s+(?:(?:the|my|our|that|this)\s+)?(?:phone\s+)?"
    rf"{CALL_WORDS}\b"
    rf"|\b{CALL_WORDS}\b[^.?!]*\binstead\b|\binstead\b[^.?!]*\b{CALL_WORDS}\b"
    r"|\breschedule\b",
    re.I,
)
# The time of the call said to be wrong ("the call time is wrong", "you have the wrong time",
# "I said 10am my time"): with a time named, the call is moved to it.
TIME_FIX = re.compile(
    rf"\b(?:{CALL_WORDS}\s+)?time\s+(?:is|was|'?s)\s+(?:wrong|not\s+right|incorrect|off)\b"
    r"|\bwrong\s+time\b|\btime\s+(?:is|was)n'?t\s+right\b"
    rf"|\b{CALL_WORDS}\s+time\s+(?:wrong|incorrect|not\s+right)\b"
    r"|\bi\s+(?:said|meant|asked\s+for)\b(?=[^.?!]*\b(?:\d|noon|midday))"
    r"|\bi\s+(?:said|meant|asked\s+for)\s+(?:the\s+)?(?:morning|afternoon|evening)s?\b",
    re.I,
)
# "call me monday at 5:30 pm central": a day or a time for the call, said as a wish.
CALL_ME_AT = re.compile(
    r"\bcall\s+(?:me|us)(?:\s+back)?\s+(?:on\s+|at\s+|after\s+|around\s+|before\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|tomorrow\b|\d)",
    re.I,
)
# "any time after 2pm pacific works", "after 5 is better": a time for the call, said as a wish
TIME_WORKS = re.compile(
    r"\b(?:after|before|at|around)\s+\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s+(?!and\b|but\b|it\b|that\b|she\b|he\b|they\b)[a-z]+){0,2}\s+(?:works|is\s+(?:fine|better|best|good|ok(?:ay)?)|would\s+be\s+(?:fine|better|good))\b",
    re.I,
)
# "monday evening would be better", "tomorrow morning works", "evenings are best": a day or a
# part of one for the call, said as a wish (at the read-back, where the call time is shown)
DAY_WORKS = re.compile(
    r"\b(?:(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
    r"|today|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night)s?)?"
    r"|(?:morning|afternoon|evening)s?)"
    r"\s+(?:works?|would\s+work|(?:would\s+be|is|are)\s+(?:much\s+|a\s+lot\s+|way\s+)?"
    r"(?:better|best|good|fine|ok(?:ay)?|easier))\b",
    re.I,
)
DAY_NAMES = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
WEEKDAY = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b",
    re.I,
)
TODAY = re.compile(r"\b(today|this\s+(?:morning|afternoon|evening)|tonight)\b", re.I)
DAY_AFTER = re.compile(r"\bday\s+after\s+tomorrow\b", re.I)
TOMORROW = re.compile(r"\b(tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)\b", re.I)
MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b",
    re.I,
)
MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
CLOCK = re.compile(
    r"(?:\b(?P<after>after|from|past)\s+|\b(?P<before>before|by)\s+|\bat\s+|\baround\s+"
    r"|\babout\s+|\b)(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?"
    r"(?P<oclock>\s*o'?\s*clock\b)?(?![\d/:-])",
    re.I,
)
NOON = re.compile(r"\b(noon|midday|lunch\s*time|lunch)\b", re.I)
PARTS = {
    "morning": (dt.time(0, 0), dt.time(12, 0)),
    "afternoon": (dt.time(12, 0), dt.time(17, 0)),
    "evening": (dt.time(17, 0), dt.time(23, 59)),
    "tonight": (dt.time(17, 0), dt.time(23, 59)),
}
# "after work", "when i get off": the evening of someone who works days
AFTER_WORK = (
    r"after\s+(?:work|my\s+shift|i\s+get\s+off(?:\s+work)?|i'?m\s+off(?:\s+work)?)"
    r"|when\s+i\s+get\s+off(?:\s+work)?"
)
PART = re.compile(
    rf"\b(?:(?P<part>morning|afternoon|evening|tonight)s?|(?P<work>{AFTER_WORK}))\b",
    re.I,
)
# "not 8 in the morning", "don't call in the morning": that part is not the wish
_PART_DENIED = re.compile(
    r"(?:\b(?:not|no|never)|n't)\s+(?!(?:[^\s,.;!?]+\s+){0,3}?(?:until|till|before)\b)"
    r"(?:[^\s,.;!?]+\s+){0,3}$",
    re.I,
)
# "on weekdays", "during the week", "mon-fri"; "weekends": the days of the week the call may be
WEEKDAYS = re.compile(
    r"\bweek\s*days?\b|\bworkdays?\b|\bduring\s+the\s+week\b"
    r"|\bmon(?:day)?\s*(?:-|to|thru|through)\s*fri(?:day)?\b",
    re.I,
)
WEEKENDS = re.compile(r"\bweek\s*ends?\b", re.I)

# --- time zones -------------------------------------------------------------------------------
# The zone most of each state's people keep (a state split between two: its larger part).
_ZONE_STATES = {
    "America/New_York": "CT DE DC FL GA KY ME MD MA NH NJ NY NC OH PA RI SC VT VA WV",
    "America/Detroit": "MI",
    "America/Indiana/Indianapolis": "IN",
    "America/Chicago": "AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI",
    "America/Denver": "CO MT NM UT WY",
    "America/Boise": "ID",
    "America/Phoenix": "AZ",
    "America/Los_Angeles": "CA NV OR WA",
    "America/Anchorage": "AK",
    "Pacific/Honolulu": "HI",
}
STATE_ZONES = {
    code: zone for zone, codes in _ZONE_STATES.items() for code in codes.split()
}
# "Eastern", "Pacific time", "PST": the regions' zones (standard or daylight, as people say).
_REGION_ZONES = {
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "alaska": "America/Anchorage",
    "alaskan": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "hawaiian": "Pacific/Honolulu",
}
_CODE_ZONES = {
    **dict.fromkeys(("et", "est", "edt"), "America/New_York"),
    **dict.fromkeys(("ct", "cst", "cdt"), "America/Chicago"),
    **dict.fromkeys(("mt", "mst", "mdt"), "America/Denver"),
    **dict.fromkeys(("pt", "pst", "pdt"), "America/Los_Angeles"),
    **dict.fromkeys(("akst", "akdt"), "America/Anchorage"),
    **dict.fromkeys(("hst", "hast"), "Pacific/Honolulu"),
}
_TIME_WORD = r"(?:\s+(?:standard|daylight))?\s+time(?:\s*zone)?\b|\s+timezone\b"
_STATE_NAMES = "|".join(
    sorted((re.escape(n.lower()) for n in STATES.values()), key=len, reverse=True)
)
# A zone said anywhere: "Arizona time", "Pacific time", "Eastern Standard Time", "PST".
_ZONE_ANYWHERE = re.compile(
    rf"\b(?P<state>{_STATE_NAMES}){_TIME_WORD}"
    rf"|\b(?P<region>{'|'.join(_REGION_ZONES)}){_TIME_WORD}"
    r"|\b(?P<code>e[sd]t|c[sd]t|m[sd]t|p[sd]t|ak[sd]t|hst|hast)\b",
    re.I,
)
# Right after a time, a region or any code alone is a zone too: "noon Eastern", "10am CT".
_ZONE_AFTER_TIME = re.compile(
    rf"\s*(?P<zone>(?P<region>{'|'.join(_REGION_ZONES)})\b|(?P<code>{'|'.join(_CODE_ZONES)})\b)",
    re.I,
)
# The person's own time ("10am my time", "local time"), or the firm's ("your time").
OWN_ZONE = "own"
FIRM_ZONE = "firm"
_OWN_TIME = re.compile(
    r"\b(?:my|our)\s+(?:local\s+)?time(?:\s*zone)?\b|\bmy\s+timezone\b|\blocal\s+time\b"
    r"|\btime\s+where\s+i\s+(?:am|live)\b|\b(?:my|our)\s+end\b",
    re.I,
)
_FIRM_TIME = re.compile(
    r"\b(?:your|ur|the\s+firm'?s|the\s+office'?s|your\s+office'?s)\s+(?:local\s+)?"
    r"(?:time(?:\s*zone)?|timezone)\b",
    re.I,
)


def zone_of_state(code: object) -> dt.tzinfo | None:
    """The time zone most of a state keeps ("AZ": Phoenix, no daylight saving), or None."""
    name = STATE_ZONES.get(str(code or "").upper())
    return ZoneInfo(name) if name else None


def _zone_of(match: re.Match[str]) -> str:
    """The IANA name, or ``OWN_ZONE``, of a zone match."""
    groups = match.groupdict()
    if groups.get("state"):
        code = next(
            c for c, n in STATES.items() if n.lower() == groups["state"].lower()
        )
        return STATE_ZONES[code]
    if groups.get("region"):
        return _REGION_ZONES[groups["region"].lower()]
    return _CODE_ZONES[groups["code"].lower()]


def _zone_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every zone the words name, in order: (start, end, IANA name or OWN/FIRM_ZONE)."""
    found = [(m.start(), m.end(), _zone_of(m)) for m in _ZONE_ANYWHERE.finditer(text)]
    found += [(m.start(), m.end(), OWN_ZONE) for m in _OWN_TIME.finditer(text)]
    found += [(m.start(), m.end(), FIRM_ZONE) for m in _FIRM_TIME.finditer(text)]
    for said in _times(text):
        after = _ZONE_AFTER_TIME.match(text, said.end)
        if after and not any(s <= after.start("zone") < e for s, e, _ in found):
            found.append((after.start("zone"), after.end(), _zone_of(after)))
    return sorted(found)


def names_a_zone(text: str) -> bool:
    """Whether the words name a time zone ("10am Arizona time", "noon Eastern", "my time")."""
    return bool(_zone_mentions(text or ""))


def without_zones(text: str) -> str:
    """The words with every time zone taken out: "I said 10am Arizona time" names no state."""
    text = text or ""
    for start, end, _ in reversed(_zone_mentions(text)):
        text = text[:start] + " " + text[end:]
    return text


@dataclass(frozen=True)
class CallbackWish:
    """What the words ask for: ``any_time`` (no preference), or a call at or after ``start``
    (firm local time), ideally before ``end`` (a part of the day), ``exact`` when a clock
    time was named ("at 3"); ``days``: the days of the week it may be on ("on weekdays":
    Monday to Friday, 0 to 4, in the zone the words meant), None for any."""

    any_time: bool = False
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    exact: bool = False
    days: frozenset[int] | None = None


def change_kind(text: str) -> str | None:
    """ "cancel" or "change" when the words cancel or move a call ("cancel the call", "can you
    call at 3 instead", "the call time is wrong, I said 10am Arizona time"), or a chosen
    time's payload (ISO) was sent back; else None."""
    if not text:
        return None
    if ISO_TIME.match(text):
        return "change"
    if CANCEL.search(text):
        return "cancel"
    if CHANGE.search(text):
        return "change"
    if TIME_FIX.search(text) and any(
        (said.plain or re.search(CALL_WORDS, text, re.I) or names_a_zone(text))
        for said in _times(text)
    ):
        return "change"  # "the call time is wrong. I said 10am Arizona time"
    return None


def asks_call_at(text: str) -> bool:
    """Whether the words ask for the call on a day or at a time ("call me monday at 5:30 pm
    central", "ok whatever, any time after 2pm pacific works", "monday evening would be
    better"): at the read-back, where the call time is shown, that moves it."""
    return (
        bool(text)
        and "?" not in text
        and bool(
            CALL_ME_AT.search(text) or TIME_WORKS.search(text) or DAY_WORKS.search(text)
        )
    )


def parse_slot_choice(text: str) -> dt.datetime | None:
    """The time a button sent back (its payload: ISO 8601 with an offset), else None."""
    match = ISO_TIME.match(text or "")
    if not match:
        return None
    try:
        value = dt.datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else None


def _day(text: str, now: dt.datetime) -> dt.date | None:
    today = now.date()
    if DAY_AFTER.search(text):
        return today + dt.timedelta(days=2)
    if TOMORROW.search(text):
        return today + dt.timedelta(days=1)
    if TODAY.search(text):
        return today
    match = MONTH_DAY.search(text)
    if match:
        month = MONTHS.index(match.group(1).lower()[:3]) + 1
        try:
            day = dt.date(today.year, month, int(match.group(2)))
        except ValueError:
            return None
        return day if day >= today else day.replace(year=today.year + 1)
    match = WEEKDAY.search(text)
    if match:
        wanted = [d[:3] for d in DAY_NAMES].index(match.group(1).lower()[:3])
        return today + dt.timedelta(days=(wanted - today.weekday()) % 7)
    return None


@dataclass(frozen=True)
class _Said:
    """A clock time in the words: where, what, "after"/"before", whether "not" precedes it,
    and whether it is plainly a time (am/pm, minutes, noon) rather than a bare "at 3"."""

    start: int
    end: int
    at: dt.time
    side: str | None
    negated: bool
    plain: bool


_NEGATED = re.compile(r"\b(?:not|never|isn'?t|wasn'?t)\s+(?:at\s+|around\s+)?$", re.I)
# "1 or 2 o'clock", "1 or 2 pm": the first time takes the second's "o'clock" or "pm"
_OR_NEXT = re.compile(
    r"\s*or\s+\d{1,2}(?::\d{2})?\s*(?:(?P<ampm>a\.?m\.?|p\.?m\.?)"
    r"|(?P<oclock>o'?\s*clock\b))",
    re.I,
)


def _times(text: str) -> list[_Said]:
    """Every clock time the words name ("at 3", "3:30 pm", "after 2", "noon"), in order."""
    found: list[_Said] = []
    for noon in NOON.finditer(text):
        words = text[: noon.start()].lower().split()
        previous = words[-1] if words else ""
        side = (
            "after"
            if previous in ("after", "from", "past")
            else "before"
            if previous in ("before", "by")
            else None
        )
        negated = bool(_NEGATED.search(text[: noon.start()]))
        found.append(
            _Said(noon.start(), noon.end(), dt.time(12, 0), side, negated, True)
        )
    for match in CLOCK.finditer(text):
        hour = int(match["hour"])
        minute = int(match["minute"] or 0)
        ampm = (match["ampm"] or "").lower().replace(".", "")
        oclock = bool(match["oclock"])
        bare = not ampm and not match["minute"] and not oclock
        pair = _OR_NEXT.match(text, match.end()) if bare else None
        if pair is not None:
            ampm = (pair["ampm"] or "").lower().replace(".", "")
            oclock = bool(pair["oclock"])
        if (
            not ampm
            and not match["minute"]
            and not oclock
            and not re.search(
                r"\b(at|around|about|after|before|by|from|past)\s+$",
                text[: match.start("hour")],
                re.I,
            )
        ):
            continue  # a bare number ("2 kids") is not a time
        if hour > 23 or minute > 59 or (ampm and not 1 <= hour <= 12):
            continue
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        elif not ampm and 1 <= hour <= 7:
            hour += 12  # "at 3": office hours, so the afternoon
        side = "after" if match["after"] else "before" if match["before"] else None
        negated = bool(_NEGATED.search(text[: match.start()]))
        plain = bool(ampm or match["minute"] or oclock)
        found.append(
            _Said(
                match.start(), match.end(), dt.time(hour, minute), side, negated, plain
            )
        )
    return sorted(found, key=lambda said: said.start)


_I_SAID = re.compile(r"\bi\s+(?:said|meant|asked\s+for|wanted)\b", re.I)


def _chosen(text: str) -> tuple[_Said | None, str | None]:
    """The time the words ask for (the first one not denied: "10am Arizona time, not 10am
    Eastern") and the zone said with it: the one named right after it, else the one just before
    it ("Arizona time: 10am"), else the only one named; None for no zone named."""
    said = _times(text)
    zones = _zone_mentions(text)
    # "5 eastern is 4 here, i said after 5 my time", "thats 5am again. ok whatever, any time
    # after 2pm pacific works": what they say they asked for, or say works, counts.
    anchors = [m.end() for m in _I_SAID.finditer(text)]
    anchors += [m.start() for m in TIME_WORKS.finditer(text)]
    since_said = max(anchors, default=0)
    chosen = next(
        (t for t in said if not t.negated and t.start >= since_said),
        next((t for t in said if not t.negated), None),
    )
    if chosen is None:
        names = {zone for _, _, zone in zones}
        return None, names.pop() if len(names) == 1 else None
    later = [t.start for t in said if t.start > chosen.start]
    until = later[0] if later else len(text)
    earlier = [t.end for t in said if t.end <= chosen.start]
    since = earlier[-1] if earlier else 0
    after = [z for s, _, z in zones if chosen.end <= s < until]
    if after:
        return chosen, after[0]
    before = [z for s, e, z in zones if since <= s and e <= chosen.start]
    if before:
        return chosen, before[-1]
    names = {zone for _, _, zone in zones}
    return chosen, names.pop() if len(names) == 1 else None


def _zone(name: str | None, now: dt.datetime, own: dt.tzinfo | None) -> dt.tzinfo:
    """The zone a name stands for: the person's own (``own``) when none is named or "my
    time" ("after 5" from Louisiana is 5 Central), else the firm's (``now``'s)."""
    if name == OWN_ZONE or name is None:
        return own or now.tzinfo or dt.timezone.utc
    if name == FIRM_ZONE:
        return now.tzinfo or dt.timezone.utc
    return ZoneInfo(name)


def zone_said(text: str, own_zone: dt.tzinfo | None = None) -> dt.tzinfo | None:
    """The zone the words name for the time they ask ("10am Arizona time": Phoenix; "10am my
    time": ``own_zone``), or None when they name none (the time is then the person's own
    when known, else the firm's)."""
    _, name = _chosen(" ".join((text or "").split()))
    if name is None or name == FIRM_ZONE or (name == OWN_ZONE and own_zone is None):
        return None
    return own_zone if name == OWN_ZONE else ZoneInfo(name)


def _part(text: str) -> str | None:
    """The part of the day the words ask for ("afternoons", "after work": "evening"), not one
    they deny ("please not 8 in the morning, I said afternoon": "afternoon"); else None."""
    for match in PART.finditer(text):
        if _PART_DENIED.search(text[: match.start()]):
            continue
        return (match["part"] or "evening").lower()
    return None


def _days_of_week(text: str) -> frozenset[int] | None:
    """The days of the week the words allow ("on weekdays": Monday to Friday), or None."""
    if WEEKDAYS.search(text):
        return frozenset(range(5))
    if WEEKENDS.search(text):
        return frozenset((5, 6))
    return None


def names_a_call_time(text: str) -> bool:
    """Whether the words name when in the day or week a call suits ("after 5", "afternoons",
    "after work", "on weekdays", "monday at 10"), not only a date."""
    text = " ".join((text or "").split())
    return bool(
        _times(text)
        or _part(text)
        or _days_of_week(text)
        or (WEEKDAY.search(WEEKDAYS.sub(" ", text)) and CALL_ME_AT.search(text))
    )


def without_call_time(text: str) -> str:
    """The sentences of the words that say nothing about when to call: "I found out in March,
    not on my birthday. And please not 8 in the morning, I said afternoon." -> "I found out in
    March, not on my birthday."; "" when every sentence is about the call."""
    kept = [
        sentence
        for sentence in re.split(r"(?<=[.!?;])\s+", " ".join((text or "").split()))
        if sentence
        and not (
            names_a_call_time(sentence)
            or names_a_zone(sentence)
            or change_kind(sentence)
            or re.search(rf"\b{CALL_WORDS}\b", sentence, re.I)
        )
    ]
    return " ".join(kept)


def parse_callback_wish(
    text: str,
    now: dt.datetime,
    own_zone: dt.tzinfo | None = None,
    on: dt.datetime | None = None,
) -> CallbackWish | None:
    """The wish in ``text`` ("tomorrow afternoon", "at 3", "asap", "any time", "Thu Dec 3
    10:30 AM"), judged at ``now`` (the firm's local time); None when it names no time.

    A time said in another zone ("10am Arizona time", "3pm Pacific", "10am my time", where
    ``own_zone`` is the person's) is that moment, in the firm's time; a time with no zone
    named is the person's own ("after 5" from Louisiana: 6 PM Eastern) when it is known. A time
    alone moves the call ``on`` (one already booked) to that time of its day, else it is the
    next such time; "on weekdays" ("after 5 on weekdays", said on a Saturday) the next such
    time on a weekday."""
    text = " ".join((text or "").split())
    if not text:
        return None
    chosen = parse_slot_choice(text)
    if chosen is not None:
        local = chosen.astimezone(now.tzinfo)
        return CallbackWish(start=local, end=local, exact=True)
    said, zone_name = _chosen(text)
    zone = _zone(zone_name, now, own_zone)
    firm = now.tzinfo
    there = now.astimezone(zone)  # the person's clock, when they named their zone
    days = _days_of_week(text)
    day = _day(WEEKDAYS.sub(" ", text), there)
    part = _part(text)
    if day is None and said is None and part is None and days is None:
        if SOON.search(text):
            return CallbackWish(start=now)
        if ANY_TIME.search(text):
            return CallbackWish(any_time=True)
        return None
    named = day is not None  # a day said, not the booked call's
    if day is None and on is not None:
        day = on.astimezone(zone).date()

    def firms(moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(firm)

    def on_a_day_allowed(
        start: dt.datetime, end: dt.datetime | None
    ) -> tuple[dt.datetime, dt.datetime | None]:
        """The same times moved on to the next day of the week allowed ("on weekdays")."""
        if days is None or named:
            return start, end
        for _ in range(7):
            if start.weekday() in days:
                break
            start += dt.timedelta(days=1)
            end = end + dt.timedelta(days=1) if end is not None else None
        return start, end

    def wish(
        start: dt.datetime, end: dt.datetime | None, exact: bool = False
    ) -> CallbackWish:
        return CallbackWish(
            start=firms(start),
            end=firms(end) if end is not None else None,
            exact=exact,
            days=None if named else days,
        )

    if said is not None:
        when = day or there.date()
        start = dt.datetime.combine(when, said.at, tzinfo=zone)
        if not named and start <= now:
            start += dt.timedelta(days=1)  # "at 3" after 3 today: tomorrow at 3
        if said.side == "after":
            start, _ = on_a_day_allowed(start, None)
            return wish(start, None)
        if said.side == "before":
            begin = dt.datetime.combine(start.date(), dt.time(0), tzinfo=zone)
            begin, start_ = on_a_day_allowed(begin, start)
            return wish(max(begin, now), start_)
        start, _ = on_a_day_allowed(start, None)
        return wish(start, start, exact=True)
    when = day or there.date()
    if part is not None:
        first, last = PARTS[part]
        start = dt.datetime.combine(when, first, tzinfo=zone)
        end = dt.datetime.combine(when, last, tzinfo=zone)
        if not named and end <= now:
            start += dt.timedelta(days=1)  # "afternoon" said in the evening: tomorrow's
            end += dt.timedelta(days=1)
        # the whole part, even begun ("afternoons" at 2): on a later day it is the same hours
        start, moved = on_a_day_allowed(start, end)
        return wish(start, moved)
    start = dt.datetime.combine(when, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(when, dt.time(23, 59), tzinfo=zone)
    start, moved = on_a_day_allowed(start, end)
    return wish(max(start, now), moved)


# When they can or cannot take a call, said as their days ("I am home all day except Tuesday
# and Thursday mornings, when Mason has therapy", "I work nights so afternoons are best"): words
# about being there or not, with a day or a part of the day.
_REACHABLE = re.compile(
    r"\b(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:usually\s+|always\s+|mostly\s+)?"
    r"(?:home|here|around|available|free|busy|off|at\s+work|working|out)"
    r"|except|(?:best|good|better|easiest)\s+(?:time|times|days?)|(?:is|are)\s+(?:best|better)"
    r"|(?:can'?t|cannot|can\s+not)\s+(?:talk|answer|pick\s+up|take\s+(?:a\s+)?calls?)"
    r"|(?:i|we)\s+work\s+(?:days|nights|mornings|evenings|until|till|from)|reach\s+me)\b",
    re.I,
)


def when_reachable(text: str) -> str | None:
    """The sentence that tells when they can or cannot take a call, as said ("I am home all day
    except Tuesday and Thursday mornings, when Mason has therapy."); None when no sentence says
    so (a question "when will someone call me?" does not)."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join((text or "").split())):
        if "?" in sentence or not _REACHABLE.search(sentence):
            continue
        if (
            WEEKDAY.search(sentence)
            or PART.search(sentence)
            or WEEKDAYS.search(sentence)
            or (WEEKENDS.search(sentence))
            or re.search(r"\ball\s+day\b|\bnights?\b", sentence, re.I)
        ):
            return sentence.strip()
    return None
