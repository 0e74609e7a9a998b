"""The open callback slots (actions/callback.py): hours, slot length, capacity, holidays, the
firm's time zone and the days clocks change."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions import callback
from actions.callback import CallbackPlan, nearest_slot, open_slots
from actions.hours import parse_hours
from actions.parsing.callback import parse_callback_wish

NY = ZoneInfo("America/New_York")


def plan(
    hours: str = "mon-fri 09:00-12:00",
    *,
    zone: str = "America/New_York",
    minutes: int = 30,
    capacity: int = 2,
    days: int = 3,
    holidays: tuple[str, ...] = (),
) -> CallbackPlan:
    parsed = parse_hours(hours, zone)
    assert parsed is not None
    return CallbackPlan(
        hours=parsed,
        slot_minutes=minutes,
        capacity=capacity,
        days_ahead=days,
        holidays=callback.parse_holidays(holidays),
    )


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NY)


def test_slots_fill_the_open_hours_whole_and_skip_the_past():
    # Tuesday Dec 1, 2026, 10:10 in New York: 10:30, 11:00 and 11:30 are left today.
    slots = open_slots(plan(days=1), at(2026, 12, 1, 10, 10))
    assert [s.strftime("%H:%M") for s in slots] == ["10:30", "11:00", "11:30"]
    assert all(
        s.tzinfo is not None and s.utcoffset() == dt.timedelta(hours=-5) for s in slots
    )


def test_a_slot_that_would_run_past_closing_is_not_offered():
    slots = open_slots(
        plan("mon-fri 09:00-10:45", minutes=30, days=1), at(2026, 12, 1, 7)
    )
    assert [s.strftime("%H:%M") for s in slots] == ["09:00", "09:30", "10:00"]


def test_closed_days_and_holidays_are_skipped_and_days_ahead_counts_open_days():
    # Thursday Dec 24 after closing: Friday Dec 25 is a holiday, then the weekend.
    slots = open_slots(
        plan(days=2, holidays=("2026-12-25", "not a date")), at(2026, 12, 24, 13)
    )
    assert sorted({s.date() for s in slots}) == [
        dt.date(2026, 12, 28),
        dt.date(2026, 12, 29),
    ]


def test_a_full_slot_is_not_offered():
    the_plan = plan(capacity=2, days=1)
    now = at(2026, 12, 1, 8)
    nine = at(2026, 12, 1, 9)
    booked = callback.count_bookings(
        [nine.isoformat(), nine.astimezone(dt.timezone.utc).isoformat()]
    )
    slots = open_slots(the_plan, now, booked)
    assert nine not in slots and at(2026, 12, 1, 9, 30) in slots
    # One booking leaves room for one more.
    assert nine in open_slots(
        the_plan, now, callback.count_bookings([nine.isoformat()])
    )


def test_the_firms_time_zone_not_the_servers():
    # 15:00 UTC is 07:00 in Los Angeles: the firm's 09:00 is still ahead.
    la = plan(zone="America/Los_Angeles", days=1)
    slots = open_slots(la, dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.timezone.utc))
    assert slots[0].isoformat() == "2026-12-01T09:00:00-08:00"
    assert callback.zone_word(slots[0]) == "Pacific"


def test_dst_spring_forward_skips_the_missing_hour():
    # Sunday Mar 8, 2026: 02:00-03:00 does not exist in New York.
    the_plan = plan("sun 01:00-04:00", days=1)
    slots = open_slots(the_plan, at(2026, 3, 8, 0, 0))
    assert [s.strftime("%H:%M") for s in slots] == ["01:00", "01:30", "03:00", "03:30"]
    assert slots[0].utcoffset() == dt.timedelta(hours=-5)
    assert slots[-1].utcoffset() == dt.timedelta(hours=-4)
    assert callback.zone_word(slots[-1]) == "Eastern"


def test_dst_fall_back_offers_a_repeated_time_once():
    # Sunday Nov 1, 2026: 01:00-02:00 happens twice in New York.
    slots = open_slots(
        plan("sun 00:00-03:00", days=1), at(2026, 11, 1, 0, 0) - dt.timedelta(minutes=1)
    )
    assert [s.strftime("%H:%M") for s in slots] == [
        "00:00",
        "00:30",
        "01:00",
        "01:30",
        "02:00",
        "02:30",
    ]
    assert len({callback.slot_key(s) for s in slots}) == len(slots)


def test_limit_and_days_ahead_zero():
    assert len(open_slots(plan(days=3), at(2026, 12, 1, 8), limit=5)) == 5
    assert open_slots(plan(days=0), at(2026, 12, 1, 8)) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "tomorrow afternoon",
            "2026-12-02T12:00:00-05:00",
        ),  # hours 09-17: first after noon
        ("tomorrow morning", "2026-12-02T09:00:00-05:00"),
        ("at 3", "2026-12-01T15:00:00-05:00"),
        ("asap", "2026-12-01T10:30:00-05:00"),
        ("Thursday at 10:30 am", "2026-12-03T10:30:00-05:00"),
        ("Thu Dec 3 4:30 PM", "2026-12-03T16:30:00-05:00"),
        ("after 4", "2026-12-01T16:00:00-05:00"),
    ],
)
def test_words_land_on_the_nearest_open_slot(words: str, expected: str):
    the_plan = plan("mon-fri 09:00-17:00", days=3)
    now = at(2026, 12, 1, 10, 10)
    wish = parse_callback_wish(words, now)
    assert wish is not None
    chosen = nearest_slot(wish, the_plan, now)
    assert chosen is not None and chosen.isoformat() == expected


def test_a_time_the_hours_never_meet_is_no_slot_but_their_wish():
    # "at 7pm", "after 6": the phones close at 5, no earlier time stands in for it
    the_plan = plan("mon-fri 09:00-17:00", days=3)
    now = at(2026, 12, 1, 10, 10)
    for words, wished in (
        ("at 7pm", at(2026, 12, 1, 19, 0)),
        ("after 6", at(2026, 12, 1, 18, 0)),
        ("evenings", at(2026, 12, 1, 17, 0)),
    ):
        wish = parse_callback_wish(words, now)
        assert wish is not None
        assert nearest_slot(wish, the_plan, now) is None
        assert callback.wished_time(wish, the_plan, now) == wished


def test_any_time_is_no_slot_and_a_full_slot_gives_the_next():
    the_plan = plan("mon-fri 09:00-17:00", capacity=1)
    now = at(2026, 12, 1, 10, 10)
    any_time = parse_callback_wish("any time is fine", now)
    assert any_time is not None and any_time.any_time
    assert nearest_slot(any_time, the_plan, now) is None
    booked = callback.count_bookings([at(2026, 12, 2, 9).isoformat()])
    wish = parse_callback_wish("tomorrow morning", now)
    assert wish is not None
    assert nearest_slot(wish, the_plan, now, booked) == at(2026, 12, 2, 9, 30)


def test_times_in_words():
    moment = at(2026, 12, 3, 10, 30)
    assert callback.say_time(moment, NY) == "Thursday, Dec 3 at 10:30 AM Eastern"
    assert callback.button_title(moment, NY) == "Thu Dec 3 10:30 AM"
    value = callback.as_slot_value(moment, NY)
    assert value == "2026-12-03T10:30:00-05:00"
    assert callback.from_slot_value(value) == moment
    assert callback.from_slot_value(callback.ANY_TIME) is None


def test_plan_from_settings_reads_the_firm_settings():
    class S:
        firm_open_hours = "mon-fri 08:00-18:00"
        firm_timezone = "America/Chicago"
        callback_slot_minutes = 15
        callback_slot_capacity = 3
        callback_days_ahead = 2
        firm_holidays = ("2026-12-25",)

    the_plan = callback.plan_from_settings(S())
    assert the_plan is not None
    assert (the_plan.slot_minutes, the_plan.capacity, the_plan.days_ahead) == (15, 3, 2)
    assert the_plan.holidays == frozenset({dt.date(2026, 12, 25)})
    S.firm_open_hours = "whenever"
    assert callback.plan_from_settings(S()) is None


# --- the person's own time zone ---------------------------------------------------------------
LA = ZoneInfo("America/Los_Angeles")
CHICAGO = ZoneInfo("America/Chicago")
SATURDAY = at(2026, 11, 28, 15, 0)  # the firm is closed until Monday Nov 30


def firm_hours() -> CallbackPlan:
    return plan("mon-fri 08:00-18:00", days=3)


def test_no_slot_before_8am_or_after_8pm_their_time():
    slots = open_slots(firm_hours(), SATURDAY, theirs=LA)
    assert slots[0] == at(2026, 11, 30, 11, 0)  # 8:00 AM in California
    assert all(dt.time(8) <= s.astimezone(LA).time() <= dt.time(20) for s in slots)
    assert open_slots(firm_hours(), SATURDAY)[0] == at(2026, 11, 30, 8, 0)
    assert callback.reasonable_for(at(2026, 11, 30, 8, 0), None)
    assert not callback.reasonable_for(at(2026, 11, 30, 8, 0), LA)


def test_a_slot_is_read_in_their_time_too():
    moment = at(2026, 11, 30, 11, 0)
    assert (
        callback.button_title(moment, NY, LA)
        == "Mon Nov 30 11:00 AM (8:00 AM your time)"
    )
    assert callback.button_title(moment, NY, NY) == "Mon Nov 30 11:00 AM"
    assert callback.button_title(moment, NY) == "Mon Nov 30 11:00 AM"


@pytest.mark.parametrize(
    ("words", "theirs", "expected"),
    [
        # "after 5pm my time" in California is past the firm's closing: no slot stands in for
        # it; their own time is noted, on the firm's next open day (Monday)
        (
            "im in california tho. after 5pm my time is better",
            LA,
            "2026-11-30T20:00:00-05:00",
        ),
        ("after 5pm", LA, "2026-11-30T20:00:00-05:00"),
        (
            "no not 5am!! i said after 5pm. like 5:30 pm california time",
            LA,
            "2026-11-30T20:00:00-05:00",
        ),
        # "afternoons", "after lunch": noon in California is 3 PM Eastern, on the next open day
        (
            "Goodness, 8 in the morning Eastern is 5 here. Afternoons are better for me, "
            "after lunch.",
            LA,
            "2026-11-30T15:00:00-05:00",
        ),
        ("afternoons are better", LA, "2026-11-30T15:00:00-05:00"),
        ("monday after 2", CHICAGO, "2026-11-30T15:00:00-05:00"),
        # Louisiana: 5 PM there is 6 PM Eastern, the firm's closing
        ("monday after 5", CHICAGO, "2026-11-30T18:00:00-05:00"),
        (
            "yes call me after 5 on weekdays, i work days",
            CHICAGO,
            "2026-11-30T18:00:00-05:00",
        ),
        ("after 4 on weekdays", CHICAGO, "2026-11-30T17:00:00-05:00"),
        (
            "5 eastern is 4 here, i said after 3 my time",
            CHICAGO,
            "2026-11-30T16:00:00-05:00",
        ),
        ("at 10am", LA, "2026-11-30T13:00:00-05:00"),
        ("asap", LA, "2026-11-30T11:00:00-05:00"),
        ("at 3pm eastern", LA, "2026-11-30T15:00:00-05:00"),
        ("after 4", None, "2026-11-30T16:00:00-05:00"),
    ],
)
def test_words_are_read_in_their_own_time(words, theirs, expected):
    wish = parse_callback_wish(words, SATURDAY, theirs)
    assert wish is not None
    chosen = nearest_slot(
        wish, firm_hours(), SATURDAY, theirs=theirs
    ) or callback.wished_time(wish, firm_hours(), SATURDAY, theirs)
    assert chosen is not None and chosen.isoformat() == expected


def test_after_a_time_on_a_later_day_is_that_time_of_day():
    now = at(2026, 11, 30, 16, 0)  # Monday 4 PM Eastern, 1 PM in California
    wish = parse_callback_wish("after 2pm", now, LA)  # 5 PM Eastern: today's last slots
    assert wish is not None
    assert nearest_slot(wish, firm_hours(), now, theirs=LA) == at(2026, 11, 30, 17, 0)
    # today's slots are gone: tomorrow after 2 PM theirs
    late = at(2026, 11, 30, 17, 45)
    wish = parse_callback_wish("afternoons", late, LA)
    assert wish is not None
    assert nearest_slot(wish, firm_hours(), late, theirs=LA) == at(2026, 12, 1, 15, 0)


def test_the_slots_offered_are_those_inside_what_they_said():
    wish = parse_callback_wish("after 3 on weekdays", SATURDAY, CHICAGO)
    assert wish is not None
    slots = callback.slots_in_wish(
        wish, firm_hours(), SATURDAY, theirs=CHICAGO, limit=5
    )
    assert [s.isoformat() for s in slots] == [
        "2026-11-30T16:00:00-05:00",
        "2026-11-30T16:30:00-05:00",
        "2026-11-30T17:00:00-05:00",
        "2026-11-30T17:30:00-05:00",
        "2026-12-01T16:00:00-05:00",
    ]
    late = parse_callback_wish("after 5 on weekdays", SATURDAY, CHICAGO)
    assert late is not None
    assert callback.slots_in_wish(late, firm_hours(), SATURDAY, theirs=CHICAGO) == []


def test_with_the_phones_never_open_their_time_is_noted_as_said():
    never = plan("mon-sun 00:00-00:00")
    assert open_slots(never, SATURDAY) == []
    # noon in California: the afternoon there has begun, its next half hour is noted
    wish = parse_callback_wish("afternoons are better", SATURDAY, LA)
    assert wish is not None and nearest_slot(wish, never, SATURDAY, theirs=LA) is None
    assert callback.wished_time(wish, never, SATURDAY, LA) == at(2026, 11, 28, 15, 30)
    # "after 5 on weekdays" from Louisiana: Monday at 5 there
    wish = parse_callback_wish("after 5 on weekdays", SATURDAY, CHICAGO)
    assert wish is not None
    assert callback.wished_time(wish, never, SATURDAY, CHICAGO) == at(
        2026, 11, 30, 18, 0
    )
    # "mornings": from 8 AM their time, not midnight; the morning gone: tomorrow's
    wish = parse_callback_wish("mornings", SATURDAY, LA)
    assert wish is not None
    assert callback.wished_time(wish, never, SATURDAY, LA) == at(2026, 11, 29, 11, 0)
    asap = parse_callback_wish("asap", SATURDAY, LA)
    assert asap is not None and callback.wished_time(asap, never, SATURDAY, LA) is None
