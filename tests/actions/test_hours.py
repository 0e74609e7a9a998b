"""The firm's hours: "call us today" only while the phones are open (actions/hours.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.hours import closed_until, parse_hours

UTC = dt.timezone.utc
WEEKDAYS = parse_hours("mon-fri 08:00-18:00", "America/New_York")


@pytest.mark.parametrize(
    "moment, said",
    [
        (dt.datetime(2026, 11, 28, 15, 0, tzinfo=UTC), "Monday at 8:00 AM"),  # Saturday
        (
            dt.datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
            None,
        ),  # Monday 10:00 in New York
        (
            dt.datetime(2026, 11, 30, 2, 0, tzinfo=UTC),
            "tomorrow at 8:00 AM",
        ),  # Sun 21:00
        (dt.datetime(2026, 11, 30, 12, 30, tzinfo=UTC), "today at 8:00 AM"),  # Mon 7:30
        (
            dt.datetime(2026, 12, 4, 23, 30, tzinfo=UTC),
            "Monday at 8:00 AM",
        ),  # Fri 18:30
    ],
)
def test_closed_until_says_when_the_phones_open(moment, said):
    assert closed_until(WEEKDAYS, moment) == said


def test_several_ranges_and_the_whole_day():
    hours = parse_hours("mon-fri 08:00-18:00, sat 09:00-12:00", "America/Chicago")
    saturday_morning = dt.datetime(2026, 11, 28, 16, 0, tzinfo=UTC)  # 10:00 in Chicago
    assert hours is not None and hours.is_open(saturday_morning)
    always = parse_hours("mon-sun 00:00-24:00", "UTC")
    assert always is not None and always.is_open(
        dt.datetime(2026, 11, 28, 23, 59, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    "spec, zone",
    [("weekdays 9 to 5", "America/New_York"), ("mon-fri 08:00-18:00", "Mars/Olympus")],
)
def test_unreadable_hours_count_as_open(spec, zone):
    hours = parse_hours(spec, zone)
    assert hours is None
    assert closed_until(hours, dt.datetime(2026, 11, 28, 15, 0, tzinfo=UTC)) is None


def test_hours_of_no_length_are_closed_with_no_made_up_opening_time():
    never = parse_hours("mon-sun 00:00-00:00", "America/Chicago")
    moment = dt.datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    assert never is not None and not never.is_open(moment)
    assert closed_until(never, moment) == "on the next business day"
    weekdays_only = parse_hours("mon-fri 08:00-18:00, sat 09:00-09:00", "UTC")
    assert weekdays_only is not None and sorted(weekdays_only.by_day) == [0, 1, 2, 3, 4]
