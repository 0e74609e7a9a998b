"""Callback wishes and call changes in people's words (actions/parsing/callback.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions.parsing.callback import change_kind, parse_callback_wish, parse_slot_choice

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 12, 1, 10, 10, tzinfo=NY)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("cancel the call", "cancel"),
        ("Please cancel my callback", "cancel"),
        ("no need to call me anymore", "cancel"),
        ("can you call at 3 instead", "change"),
        ("call me tomorrow morning instead", "change"),
        ("could we reschedule?", "change"),
        ("change the call to Friday", "change"),
        ("2026-12-03T10:30:00-05:00", "change"),
        ("can someone call me back", None),
        ("when will someone call me", None),
        ("actually it was 2021 instead of 2022", None),
        ("my surgery was cancelled", None),
        ("", None),
    ],
)
def test_change_kind(text: str, kind: str | None):
    assert change_kind(text) == kind


def test_a_buttons_iso_payload_is_the_time():
    chosen = parse_slot_choice("2026-12-03T10:30:00-05:00")
    assert chosen == dt.datetime(2026, 12, 3, 10, 30, tzinfo=NY)
    assert parse_slot_choice("2026-12-03T10:30:00") is None  # no offset: not ours
    assert parse_slot_choice("tomorrow") is None


@pytest.mark.parametrize(
    ("text", "start", "end", "exact"),
    [
        ("tomorrow afternoon", (2, 12, 0), (2, 17, 0), False),
        ("this afternoon", (1, 12, 0), (1, 17, 0), False),
        ("Thursday", (3, 0, 0), (3, 23, 59), False),
        ("at 3", (1, 15, 0), (1, 15, 0), True),
        ("at 9", (2, 9, 0), (2, 9, 0), True),  # 9 has passed today: tomorrow
        ("3:30pm on friday", (4, 15, 30), (4, 15, 30), True),
        ("dec 3 at noon", (3, 12, 0), (3, 12, 0), True),
        ("after 2", (1, 14, 0), None, False),
        ("before noon tomorrow", (2, 0, 0), (2, 12, 0), False),
    ],
)
def test_wishes(text, start, end, exact):
    wish = parse_callback_wish(text, NOW)
    assert wish is not None and not wish.any_time
    day, hour, minute = start
    expected = dt.datetime(2026, 12, day, hour, minute, tzinfo=NY)
    assert wish.start == max(expected, NOW)
    if end is None:
        assert wish.end is None
    else:
        assert wish.end == dt.datetime(2026, 12, end[0], end[1], end[2], tzinfo=NY)
    assert wish.exact is exact


@pytest.mark.parametrize(
    "text", ["any time", "Anytime is fine", "whenever", "no preference"]
)
def test_any_time(text: str):
    wish = parse_callback_wish(text, NOW)
    assert wish is not None and wish.any_time


@pytest.mark.parametrize("text", ["asap", "as soon as possible", "right away"])
def test_soon_is_now(text: str):
    wish = parse_callback_wish(text, NOW)
    assert wish is not None and wish.start == NOW and not wish.any_time


@pytest.mark.parametrize(
    "text", ["", "I have 2 kids", "yes", "my phone is 206 555 0123"]
)
def test_no_time(text: str):
    assert parse_callback_wish(text, NOW) is None
