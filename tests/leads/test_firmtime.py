"""The firm's clock: hours, time zones, local times with their zone, ages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.leads import firmtime

NY = firmtime.zone("America/New_York")


def test_parse_hours():
    [week, saturday] = firmtime.parse_hours("Mon-Fri 08:00-18:00; sat 9:00-12:30")
    assert week.days == frozenset(range(5)) and (week.opens, week.closes) == (480, 1080)
    assert saturday.days == frozenset({5}) and saturday.closes == 750
    [wrap] = firmtime.parse_hours("fri-mon 00:00-24:00")
    assert wrap.days == frozenset({4, 5, 6, 0})
    assert firmtime.parse_hours("") == ()


@pytest.mark.parametrize(
    "text",
    ["weekdays 9-5", "mon-fri 18:00-08:00", "mon-fri 08:00-25:00", "xyz 1:00-2:00"],
)
def test_malformed_hours(text):
    with pytest.raises(ValueError):
        firmtime.parse_hours(text)


def test_is_open_reads_the_firm_zone_across_daylight_saving():
    hours = firmtime.parse_hours("mon-fri 08:00-18:00")
    # Summer (EDT, UTC-4): Wednesday 2026-07-15 12:00 UTC is 08:00 local.
    assert firmtime.is_open(datetime(2026, 7, 15, 12, 0), hours, NY)
    assert not firmtime.is_open(datetime(2026, 7, 15, 11, 59), hours, NY)
    # Winter (EST, UTC-5): the same UTC time is 07:00 local.
    assert not firmtime.is_open(datetime(2026, 1, 14, 12, 0), hours, NY)
    assert firmtime.is_open("2026-01-14T13:00:00+00:00", hours, NY)


def test_local_time_carries_its_zone():
    assert firmtime.fmt_local("2026-01-14T13:05:00+00:00", NY) == "2026-01-14 08:05 EST"
    assert firmtime.fmt_local(datetime(2026, 7, 15, 3, 0), NY) == "2026-07-14 23:00 EDT"
    assert firmtime.fmt_local(None, NY) == ""
    utc = firmtime.zone("Not/AZone")
    assert firmtime.fmt_local("2026-01-14T13:05:00", utc) == "2026-01-14 13:05 UTC"


def test_ages():
    assert firmtime.fmt_age(timedelta(minutes=5, seconds=59)) == "5 min"
    assert firmtime.fmt_age(timedelta(hours=3, minutes=20)) == "3 h 20 min"
    assert firmtime.fmt_age(timedelta(hours=2)) == "2 h"
    assert firmtime.fmt_age(timedelta(days=2, hours=4, minutes=1)) == "2 d 4 h"
    assert firmtime.fmt_age(timedelta(seconds=-30)) == "0 min"
    now = datetime(2026, 1, 14, 13, 0)
    assert firmtime.age("2026-01-14T12:00:00+00:00", now) == timedelta(hours=1)


def test_day_start_is_local_midnight_in_utc():
    assert firmtime.day_start("2026-01-14", NY) == datetime(2026, 1, 14, 5, 0)
    assert firmtime.day_start("2026-07-14", NY) == datetime(2026, 7, 14, 4, 0)
