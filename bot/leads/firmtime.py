"""The firm's clock: its time zone, its weekly hours, local times with their zone, and ages.

Hours are written as staff would say them: ``"mon-fri 08:00-18:00"``, several groups separated
by commas or semicolons (``"mon-fri 08:00-18:00, sat 09:00-12:00"``); a day range may wrap
(``"fri-mon"``), ``24:00`` ends a day, and an empty text means never. Pure functions, no I/O:
timestamps in the lead store are naive UTC, and they become the firm's local time here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_GROUP = re.compile(
    r"^(?P<first>[a-z]{3})(?:\s*-\s*(?P<last>[a-z]{3}))?\s+"
    r"(?P<open>\d{1,2}:\d{2})\s*-\s*(?P<close>\d{1,2}:\d{2})$"
)


@dataclass(frozen=True)
class Window:
    """Open on ``days`` (0 = Monday) from ``opens`` to ``closes`` (minutes after midnight)."""

    days: frozenset[int]
    opens: int
    closes: int


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > 24 * 60:
        raise ValueError(f"not a time of day: {text!r}")
    return value


def parse_hours(text: str) -> tuple[Window, ...]:
    """``"mon-fri 08:00-18:00, sat 09:00-12:00"`` as windows; ``ValueError`` when malformed."""
    windows = []
    for raw in re.split(r"[,;]", (text or "").strip().lower()):
        group = raw.strip()
        if not group:
            continue
        match = _GROUP.match(group)
        if not match or match["first"] not in DAYS:
            raise ValueError(f"hours must look like 'mon-fri 08:00-18:00', not {raw!r}")
        first = DAYS.index(match["first"])
        last_name = match["last"] or match["first"]
        if last_name not in DAYS:
            raise ValueError(f"unknown day {last_name!r} in {raw!r}")
        last = DAYS.index(last_name)
        span = (last - first) % 7
        days = frozenset((first + i) % 7 for i in range(span + 1))
        opens, closes = _minutes(match["open"]), _minutes(match["close"])
        if closes <= opens:
            raise ValueError(f"closing time before opening time in {raw!r}")
        windows.append(Window(days, opens, closes))
    return tuple(windows)


def zone(name: str | None) -> ZoneInfo:
    """The time zone called ``name`` (IANA, e.g. America/New_York); UTC when empty or unknown."""
    try:
        return ZoneInfo((name or "UTC").strip() or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def as_utc(value: datetime | str) -> datetime:
    """An aware UTC datetime from a naive-UTC one (the store's) or an ISO 8601 text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def local(value: datetime | str, tz: ZoneInfo) -> datetime:
    return as_utc(value).astimezone(tz)


def is_open(when: datetime | str, hours: tuple[Window, ...], tz: ZoneInfo) -> bool:
    """Whether ``when`` falls in the hours, read in the firm's time zone."""
    at = local(when, tz)
    minute = at.hour * 60 + at.minute
    return any(at.weekday() in w.days and w.opens <= minute < w.closes for w in hours)


def fmt_local(value: datetime | str | None, tz: ZoneInfo) -> str:
    """``"2026-11-28 09:15 EST"``: the firm's local time with its zone's abbreviation."""
    if value is None or value == "":
        return ""
    try:
        at = local(value, tz)
    except ValueError:
        return str(value)
    return at.strftime("%Y-%m-%d %H:%M ") + (at.tzname() or tz.key)


def age(since: datetime | str, now: datetime) -> timedelta:
    return as_utc(now) - as_utc(since)


def fmt_age(delta: timedelta) -> str:
    """A short age: ``"5 min"``, ``"3 h 20 min"``, ``"2 d 4 h"``."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def day_start(day_text: str, tz: ZoneInfo) -> datetime:
    """Midnight at the start of the local day ``YYYY-MM-DD``, as naive UTC (store queries)."""
    day = datetime.strptime(day_text, "%Y-%m-%d")
    start = datetime.combine(day.date(), time(0), tzinfo=tz)
    return start.astimezone(timezone.utc).replace(tzinfo=None)
