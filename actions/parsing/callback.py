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

__all__ = ["CallbackWish", "change_kind", "parse_callback_wish", "parse_slot_choice"]

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
    r"(?![\d/:-])",
    re.I,
)
NOON = re.compile(r"\b(noon|midday|lunch\s*time|lunch)\b", re.I)
PARTS = {
    "morning": (dt.time(0, 0), dt.time(12, 0)),
    "afternoon": (dt.time(12, 0), dt.time(17, 0)),
    "evening": (dt.time(17, 0), dt.time(23, 59)),
    "tonight": (dt.time(17, 0), dt.time(23, 59)),
}
PART = re.compile(r"\b(morning|afternoon|evening|tonight)\b", re.I)


@dataclass(frozen=True)
class CallbackWish:
    """What the words ask for: ``any_time`` (no preference), or a call at or after ``start``
    (firm local time), ideally before ``end`` (a part of the day), ``exact`` when a clock
    time was named ("at 3")."""

    any_time: bool = False
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    exact: bool = False


def change_kind(text: str) -> str | None:
    """ "cancel" or "change" when the words cancel or move a call ("cancel the call", "can you
    call at 3 instead"), or a chosen time's payload (ISO) was sent back; else None."""
    if not text:
        return None
    if ISO_TIME.match(text):
        return "change"
    if CANCEL.search(text):
        return "cancel"
    if CHANGE.search(text):
        return "change"
    return None


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


def _clock(text: str) -> tuple[dt.time, str | None] | None:
    """The clock time named ("at 3", "3:30 pm", "after 2", "noon") and "after"/"before"."""
    noon = NOON.search(text)
    if noon:
        words = text[: noon.start()].lower().split()
        previous = words[-1] if words else ""
        if previous in ("after", "from", "past"):
            return dt.time(12, 0), "after"
        return dt.time(12, 0), "before" if previous in ("before", "by") else None
    for match in CLOCK.finditer(text):
        hour = int(match["hour"])
        minute = int(match["minute"] or 0)
        ampm = (match["ampm"] or "").lower().replace(".", "")
        if (
            not ampm
            and not match["minute"]
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
        return dt.time(hour, minute), side
    return None


def parse_callback_wish(text: str, now: dt.datetime) -> CallbackWish | None:
    """The wish in ``text`` ("tomorrow afternoon", "at 3", "asap", "any time", "Thu Dec 3
    10:30 AM"), judged at ``now`` (the firm's local time); None when it names no time."""
    text = " ".join((text or "").split())
    if not text:
        return None
    chosen = parse_slot_choice(text)
    if chosen is not None:
        local = chosen.astimezone(now.tzinfo)
        return CallbackWish(start=local, end=local, exact=True)
    day = _day(text, now)
    clock = _clock(text)
    part = PART.search(text)
    if day is None and clock is None and part is None:
        if SOON.search(text):
            return CallbackWish(start=now)
        if ANY_TIME.search(text):
            return CallbackWish(any_time=True)
        return None
    zone = now.tzinfo
    if clock is not None:
        at, side = clock
        when = day or now.date()
        start = dt.datetime.combine(when, at, tzinfo=zone)
        if day is None and start <= now:
            start += dt.timedelta(days=1)  # "at 3" after 3 today: tomorrow at 3
        if side == "after":
            return CallbackWish(start=start)
        if side == "before":
            begin = dt.datetime.combine(start.date(), dt.time(0), tzinfo=zone)
            return CallbackWish(start=max(begin, now), end=start)
        return CallbackWish(start=start, end=start, exact=True)
    when = day or now.date()
    if part is not None:
        first, last = PARTS[part.group(1).lower()]
        start = dt.datetime.combine(when, first, tzinfo=zone)
        end = dt.datetime.combine(when, last, tzinfo=zone)
        if day is None and end <= now:
            start += dt.timedelta(days=1)  # "afternoon" said in the evening: tomorrow's
            end += dt.timedelta(days=1)
        return CallbackWish(start=max(start, now), end=end)
    start = dt.datetime.combine(when, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(when, dt.time(23, 59), tzinfo=zone)
    return CallbackWish(start=max(start, now), end=end)
