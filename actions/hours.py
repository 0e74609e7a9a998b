"""When the firm's phones are open: "call us today" only while they are, else when they open.

Pure and typed: the hours come from the settings (``FIRM_OPEN_HOURS``, ``FIRM_TIMEZONE``) as text
like "mon-fri 08:00-18:00" or "mon-fri 08:00-18:00, sat 09:00-12:00", and every function takes
the moment to judge, so a test can ask about any Saturday. A schedule that cannot be read counts
as always open: the assistant then says "call us today", as it did before hours were known.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
_RANGE = re.compile(
    r"^(?P<first>[a-z]{3})[a-z]*(?:\s*-\s*(?P<last>[a-z]{3})[a-z]*)?\s+"
    r"(?P<open>\d{1,2}):(?P<om>\d\d)\s*-\s*(?P<close>\d{1,2}):(?P<cm>\d\d)$"
)


@dataclass(frozen=True)
class Hours:
    """Opening times per weekday (0 = Monday): ``(open, close)`` or absent when closed."""

    by_day: dict[int, tuple[dt.time, dt.time]]
    zone: dt.tzinfo

    def is_open(self, now: dt.datetime) -> bool:
        local = now.astimezone(self.zone)
        times = self.by_day.get(local.weekday())
        return bool(times and times[0] <= local.time() < times[1])

    def next_opening(self, now: dt.datetime) -> dt.datetime | None:
        """The next moment the phones open after ``now`` (local time), or None if never."""
        local = now.astimezone(self.zone)
        for ahead in range(8):
            day = local.date() + dt.timedelta(days=ahead)
            times = self.by_day.get(day.weekday())
            if not times:
                continue
            opening = dt.datetime.combine(day, times[0], tzinfo=self.zone)
            if opening > local:
                return opening
        return None


def parse_hours(spec: str, timezone: str) -> Hours | None:
    """The schedule in ``spec`` ("mon-fri 08:00-18:00, sat 09:00-12:00"), or None if unreadable.
    A day given as "00:00-00:00" is open for no time: a schedule of only those is never open."""
    try:
        zone: dt.tzinfo = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    by_day: dict[int, tuple[dt.time, dt.time]] = {}
    for part in (spec or "").lower().split(","):
        match = _RANGE.match(part.strip())
        if not match or match["first"] not in DAYS:
            return None
        last = match["last"] or match["first"]
        if last not in DAYS:
            return None
        try:
            opens = dt.time(int(match["open"]), int(match["om"]))
            closes = (
                dt.time.max  # "00:00-24:00": the whole day
                if (match["close"], match["cm"]) == ("24", "00")
                else dt.time(int(match["close"]), int(match["cm"]))
            )
        except ValueError:
            return None
        if opens == closes:
            continue  # "00:00-00:00": open for no time, so closed those days
        first_index, last_index = DAYS.index(match["first"]), DAYS.index(last)
        index = first_index
        while True:
            by_day[index] = (opens, closes)
            if index == last_index:
                break
            index = (index + 1) % 7
    return Hours(by_day, zone)


def describe_opening(opening: dt.datetime, now: dt.datetime) -> str:
    """ "today at 8:00 AM", "tomorrow at 8:00 AM" or "Monday at 8:00 AM" (local to the firm)."""
    local_now = now.astimezone(opening.tzinfo)
    clock = opening.strftime("%I:%M %p").lstrip("0")
    days = (opening.date() - local_now.date()).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"{DAY_NAMES[opening.weekday()]} at {clock}"


def closed_until(hours: Hours | None, now: dt.datetime) -> str | None:
    """None while the phones are open (or the hours are unknown, ``parse_hours`` gave None);
    else when they open, in words."""
    if hours is None or hours.is_open(now):
        return None
    opening = hours.next_opening(now)
    return describe_opening(opening, now) if opening else "on the next business day"


def firm_closed_until(now: dt.datetime | None = None) -> str | None:
    """``closed_until`` for the firm's own hours (the settings), at ``now`` (default: now)."""
    from actions.config import settings

    s = settings()
    moment = now or dt.datetime.now(dt.timezone.utc)
    return closed_until(parse_hours(s.firm_open_hours, s.firm_timezone), moment)
