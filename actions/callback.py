"""Callback times: the firm's open callback slots, the one nearest to what the person asked
for, and how a time is said.

Pure and typed: the settings become a ``CallbackPlan`` (``plan_from_settings``), and every
function takes the moment to judge and the calls already booked, so a test can ask about any
day. A slot is offered when it has not started yet, lies in the firm's open hours
(``FIRM_OPEN_HOURS`` in ``FIRM_TIMEZONE``), whole, on one of the next ``CALLBACK_DAYS_AHEAD``
open days (today counts when it still has a slot), not on a holiday (``FIRM_HOLIDAYS``), and
holds fewer than ``CALLBACK_SLOT_CAPACITY`` booked calls. Slot times are the firm's wall-clock
times: across a change to or from daylight saving time a wall-clock time that does not exist
that day is skipped and one that happens twice is offered once.

The slot ``callback_time`` holds a slot's start as ISO 8601 with the firm's UTC offset
(``2026-12-03T10:30:00-05:00``), or ``ANY_TIME`` when the person has no preference (the lead
then holds null).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from actions.hours import Hours, parse_hours
from actions.parsing.callback import CallbackWish

ANY_TIME = "any"
"""The slot's value for "any time": no preference (null on the lead)."""
MAX_CHOICES = 5
"""At most this many times are offered at once (buttons on the web, numbers by SMS)."""

UTC = dt.timezone.utc
# What people call the US zones ("Thursday, Dec 3 at 10:30 AM Eastern").
ZONE_WORDS = {
    "EST": "Eastern", "EDT": "Eastern", "CST": "Central", "CDT": "Central",
    "MST": "Mountain", "MDT": "Mountain", "PST": "Pacific", "PDT": "Pacific",
    "AKST": "Alaska", "AKDT": "Alaska", "HST": "Hawaii", "HDT": "Hawaii",
}  # fmt: skip


@dataclass(frozen=True)
class CallbackPlan:
    """The firm's callback slots: its hours (and time zone), the slot length in minutes, how
    many calls one slot holds, how many open days are offered, and the closed days."""

    hours: Hours
    slot_minutes: int = 30
    capacity: int = 2
    days_ahead: int = 3
    holidays: frozenset[dt.date] = field(default_factory=frozenset)

    @property
    def zone(self) -> dt.tzinfo:
        return self.hours.zone


def parse_holidays(items: Iterable[str]) -> frozenset[dt.date]:
    """The ISO dates among ``items`` (a malformed one is ignored rather than closing a day)."""
    days = set()
    for item in items:
        try:
            days.add(dt.date.fromisoformat(item.strip()))
        except ValueError:
            continue
    return frozenset(days)


def plan_from_settings(settings: object) -> CallbackPlan | None:
    """The plan the settings describe, or None when the hours cannot be read (then no time is
    offered and the person is called as before, within the firm's promise)."""
    hours = parse_hours(
        str(getattr(settings, "firm_open_hours", "")),
        str(getattr(settings, "firm_timezone", "UTC")),
    )
    if hours is None:
        return None
    return CallbackPlan(
        hours=hours,
        slot_minutes=int(getattr(settings, "callback_slot_minutes", 30)),
        capacity=int(getattr(settings, "callback_slot_capacity", 2)),
        days_ahead=int(getattr(settings, "callback_days_ahead", 3)),
        holidays=parse_holidays(getattr(settings, "firm_holidays", ())),
    )


def _wall_clock(day: dt.date, minutes: int, zone: dt.tzinfo) -> dt.datetime | None:
    """``day`` at ``minutes`` after midnight in ``zone``; None when that time does not exist
    that day (the hour skipped when clocks go forward)."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    if naive.date() != day:
        return None
    local = naive.replace(tzinfo=zone)
    back = local.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != naive:
        return None
    return local


def _day_slots(plan: CallbackPlan, day: dt.date) -> list[dt.datetime]:
    """Every slot start of ``day`` in the open hours (whole slots only), in order."""
    if day in plan.holidays:
        return []
    times = plan.hours.by_day.get(day.weekday())
    if not times:
        return []
    opens = times[0].hour * 60 + times[0].minute
    closes = (
        24 * 60 if times[1] == dt.time.max else times[1].hour * 60 + times[1].minute
    )
    step = max(plan.slot_minutes, 1)
    starts: list[dt.datetime] = []
    seen: set[dt.datetime] = set()
    minute = opens
    while minute + step <= closes:
        start = _wall_clock(day, minute, plan.zone)
        if start is not None and start.astimezone(UTC) not in seen:
            seen.add(start.astimezone(UTC))
            starts.append(start)
        minute += step
    return starts


# Not before 8 AM nor after 8 PM the person's own time: no call at 5 AM in California.
THEIR_DAY = (dt.time(8, 0), dt.time(20, 0))


def reasonable_for(moment: dt.datetime, theirs: dt.tzinfo | None) -> bool:
    """Whether ``moment`` is a decent hour for a call in the person's zone (``theirs``;
    any hour when it is not known): from 8 AM to 8 PM there."""
    if theirs is None:
        return True
    there = moment.astimezone(theirs).time()
    return THEIR_DAY[0] <= there <= THEIR_DAY[1]


def slot_key(moment: dt.datetime) -> dt.datetime:
    """A slot's identity: its start in UTC (bookings are counted by it)."""
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def open_slots(
    plan: CallbackPlan,
    now: dt.datetime,
    booked: Mapping[dt.datetime, int] | None = None,
    limit: int | None = None,
    theirs: dt.tzinfo | None = None,
) -> list[dt.datetime]:
    """The open slots after ``now`` (aware), in the firm's local time, earliest first: not
    started, in the open hours, on the next ``days_ahead`` open days, no holiday, with
    fewer than ``capacity`` calls ``booked`` (counted by ``slot_key``), and at a decent hour
    in the person's zone (``theirs``, when known: ``reasonable_for``)."""
    booked = booked or {}
    local_now = now.astimezone(plan.zone)
    found: list[dt.datetime] = []
    open_days = 0
    day = local_now.date()
    for _ in range(plan.days_ahead * 7 + 14):  # enough calendar days for the open ones
        if open_days >= plan.days_ahead:
            break
        starts = [s for s in _day_slots(plan, day) if s > local_now]
        if starts:
            open_days += 1
        for start in starts:
            if booked.get(slot_key(start), 0) < plan.capacity and reasonable_for(
                start, theirs
            ):
                found.append(start)
                if limit is not None and len(found) >= limit:
                    return found
        day += dt.timedelta(days=1)
    return found


def is_open_slot(
    plan: CallbackPlan,
    moment: dt.datetime,
    now: dt.datetime,
    booked: Mapping[dt.datetime, int] | None = None,
) -> bool:
    """Whether ``moment`` is the start of a slot still open at ``now``."""
    key = slot_key(moment)
    return any(slot_key(s) == key for s in open_slots(plan, now, booked))


def _in_hours(plan: CallbackPlan, at: dt.time) -> bool:
    """Whether the firm is open at that time of day (its zone) on some day of its week."""
    for opens, closes in plan.hours.by_day.values():
        if opens <= at and (closes == dt.time.max or at < closes):
            return True
    return False


def _fits(wish: CallbackWish, plan: CallbackPlan) -> Callable[[dt.datetime], bool]:
    """Whether a slot lies in the wish's hours on any day ("afternoons", "after 5": that time
    of day; "on weekdays": Monday to Friday), judged in the firm's clock."""
    start = (wish.start or dt.datetime.now(plan.zone)).astimezone(plan.zone)
    first = start.time()
    last = wish.end.astimezone(plan.zone).time() if wish.end is not None else None
    whole_day = wish.end is not None and wish.end - start >= dt.timedelta(hours=20)
    zone = wish.start.tzinfo if wish.start is not None else plan.zone

    def fits(slot: dt.datetime) -> bool:
        if wish.days is not None and slot.astimezone(zone).weekday() not in wish.days:
            return False
        if whole_day:
            return True
        at = slot.time()
        if last is None:
            return at >= first
        if last <= first:  # the part of the day runs past the firm's midnight
            return at >= first or at < last
        return first <= at < last

    return fits


def slots_in_wish(
    wish: CallbackWish,
    plan: CallbackPlan,
    now: dt.datetime,
    booked: Mapping[dt.datetime, int] | None = None,
    theirs: dt.tzinfo | None = None,
    limit: int | None = None,
) -> list[dt.datetime]:
    """The open slots inside a part of the day or a time onwards ("afternoons", "after 5 on
    weekdays"), from its start, earliest first: those to offer someone who said when suits
    them; [] when the firm has none there. Every open slot for "any time" or "asap"."""
    slots = open_slots(plan, now, booked, theirs=theirs)
    if wish.any_time or wish.start is None:
        return slots[:limit]
    start = wish.start.astimezone(plan.zone)
    fits = _fits(wish, plan)
    inside = [s for s in slots if s >= start and fits(s)]
    return inside[:limit]


def nearest_slot(
    wish: CallbackWish,
    plan: CallbackPlan,
    now: dt.datetime,
    booked: Mapping[dt.datetime, int] | None = None,
    theirs: dt.tzinfo | None = None,
) -> dt.datetime | None:
    """The open slot nearest to the wish: the named time itself or the closest one that day
    ("at 3"); the first one in a part of the day ("tomorrow afternoon"), else the first one
    at that time of day on a later day ("afternoons"); the first open one ("asap"). Only
    decent hours in the person's zone (``theirs``) count. None for "any time", when nothing
    is open, and when the firm's hours cannot meet the wish ("after 5pm" Pacific, past
    closing in the East; "at 7pm"): no other time stands in for it (``wished_time`` is the
    time they asked for, to note for staff)."""
    if wish.any_time:
        return None
    slots = open_slots(plan, now, booked, theirs=theirs)
    if not slots:
        return None
    start = (wish.start or now).astimezone(plan.zone)
    if wish.exact:
        if not _in_hours(plan, start.time()):
            return None  # "at 7pm": not a time the firm calls
        same_day = [s for s in slots if s.date() == start.date()]
        # "at 10am" on a closed day: 10 AM on the next open day it is
        same_time = [s for s in slots if s >= start and s.time() == start.time()]
        pool = same_day or same_time[:1] or [s for s in slots if s >= start] or slots
        return min(pool, key=lambda s: (abs((s - start).total_seconds()), s))
    after = [s for s in slots if s >= start]
    if wish.end is not None and wish.days is None:
        inside = [s for s in after if s < wish.end]
        if inside:
            return inside[0]
    if wish.start is None or (
        wish.end is None and wish.start <= now and wish.days is None
    ):
        return after[0] if after else slots[-1]  # "asap"
    # "afternoons", "after 5", "weekdays after 5": that time of day, on a later day when not
    # on the first; none when the firm's hours never meet it
    fitting = slots_in_wish(wish, plan, now, booked, theirs, limit=1)
    return fitting[0] if fitting else None


def _open_day(plan: CallbackPlan, day: dt.date) -> bool:
    return day not in plan.holidays and bool(_day_slots(plan, day))


def wished_time(
    wish: CallbackWish,
    plan: CallbackPlan,
    now: dt.datetime,
    theirs: dt.tzinfo | None = None,
) -> dt.datetime | None:
    """The time the person asked for, when no open slot meets it, to note for staff: the
    first moment of the wish still to come (in a part of the day already begun: the next
    slot's start while an hour of it is left, else the same hours the next day), on a day of
    the week they allowed, and on the firm's next open day when it has one ("after 5pm" said
    on a Saturday: Monday, 5 PM their time). None for "any time" and "asap"."""
    if wish.any_time or wish.start is None:
        return None
    zone = theirs or plan.zone
    today = now.astimezone(plan.zone).date()
    firm_open = any(_open_day(plan, today + dt.timedelta(days=d)) for d in range(14))

    def allowed(moment: dt.datetime) -> bool:
        if wish.days is not None and moment.astimezone(zone).weekday() not in wish.days:
            return False
        return not firm_open or _open_day(plan, moment.astimezone(plan.zone).date())

    there = wish.start.astimezone(zone)
    if wish.end is not None and not wish.exact and there.time() < THEIR_DAY[0]:
        # "mornings", "monday": from 8 AM their time, not midnight
        there = there.replace(hour=THEIR_DAY[0].hour, minute=THEIR_DAY[0].minute)
    if there <= now:
        if wish.end is None or wish.exact:
            return None  # "asap": no time of their own
        if wish.end - now >= dt.timedelta(hours=1) and allowed(now):
            step = max(plan.slot_minutes, 1)
            local = now.astimezone(plan.zone).replace(second=0, microsecond=0)
            return local + dt.timedelta(minutes=step - local.minute % step)
        while there <= now:
            there += dt.timedelta(days=1)
    for _ in range(14):
        if allowed(there):
            break
        there += dt.timedelta(days=1)
    return there.astimezone(plan.zone)


# --- how a time is said ----------------------------------------------------------------------
def zone_word(moment: dt.datetime) -> str:
    """ "Eastern" for New York's EST or EDT; else the zone's abbreviation ("UTC", "CET")."""
    abbreviation = moment.tzname() or "UTC"
    return ZONE_WORDS.get(abbreviation, abbreviation)


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%I:%M %p").lstrip("0")


def say_time(
    moment: dt.datetime, zone: dt.tzinfo, theirs: dt.tzinfo | None = None
) -> str:
    """ "Thursday, Dec 3 at 10:30 AM Eastern" (the firm's local time); with the person's own
    zone when they named another: "Tuesday, Dec 1 at 12:00 PM Eastern (10:00 AM your time)"."""
    local = moment.astimezone(zone)
    said = (
        f"{local.strftime('%A, %b')} {local.day} at {_clock(local)} {zone_word(local)}"
    )
    if theirs is not None:
        there = moment.astimezone(theirs)
        if there.utcoffset() != local.utcoffset():
            day = "" if there.date() == local.date() else f"{there.strftime('%a')} "
            said += f" ({day}{_clock(there)} your time)"
    return said


def button_title(
    moment: dt.datetime, zone: dt.tzinfo, theirs: dt.tzinfo | None = None
) -> str:
    """ "Thu Dec 3 10:30 AM": short enough for a button and an SMS list; with the person's
    own time when their zone is another: "Mon Nov 30 3:00 PM (12:00 PM your time)"."""
    local = moment.astimezone(zone)
    title = f"{local.strftime('%a %b')} {local.day} {_clock(local)}"
    if theirs is not None:
        there = moment.astimezone(theirs)
        if there.utcoffset() != local.utcoffset():
            day = "" if there.date() == local.date() else f"{there.strftime('%a')} "
            title += f" ({day}{_clock(there)} your time)"
    return title


def as_slot_value(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """The slot's value: ISO 8601 with the firm's offset, to the minute."""
    return moment.astimezone(zone).replace(second=0, microsecond=0).isoformat()


def from_slot_value(value: object) -> dt.datetime | None:
    """The aware time a ``callback_time`` holds, or None ("any time", unset, unreadable)."""
    if not isinstance(value, str) or value == ANY_TIME:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def count_bookings(values: Iterable[object]) -> dict[dt.datetime, int]:
    """Booked calls per slot (``slot_key``) from the leads' ``callback_time`` values."""
    counts: dict[dt.datetime, int] = {}
    for value in values:
        moment = from_slot_value(value)
        if moment is not None:
            key = slot_key(moment)
            counts[key] = counts.get(key, 0) + 1
    return counts
