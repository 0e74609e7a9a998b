"""Callback wishes and call changes in people's words (actions/parsing/callback.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions.parsing.callback import (
    asks_call_at,
    change_kind,
    names_a_call_time,
    names_a_zone,
    parse_callback_wish,
    parse_slot_choice,
    when_reachable,
    without_call_time,
    without_zones,
    zone_of_state,
    zone_said,
)
from actions.parsing.states import parse_state

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
        ("call time wrong. 5pm central time", "change"),
        ("I took time off work", None),
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


# --- a time said in the person's own zone ------------------------------------------------------
PHOENIX = ZoneInfo("America/Phoenix")
JULY = dt.datetime(2026, 7, 7, 8, 0, tzinfo=NY)  # a Tuesday, New York on daylight time


@pytest.mark.parametrize(
    ("text", "now", "own", "expected"),
    [
        # Arizona keeps standard time all year: 2 hours behind New York in winter, 3 in summer
        ("Tuesday 10am Arizona time", NOW, None, dt.datetime(2026, 12, 1, 12, 0)),
        ("Tuesday 10am Arizona time", JULY, None, dt.datetime(2026, 7, 7, 13, 0)),
        ("Please call me Tuesday at 10am, my time.", NOW, PHOENIX, (2026, 12, 1, 12)),
        ("thursday 3pm pacific time", NOW, None, dt.datetime(2026, 12, 3, 18, 0)),
        ("10am CT on friday", NOW, None, dt.datetime(2026, 12, 4, 11, 0)),
        ("friday at noon Eastern", NOW, PHOENIX, dt.datetime(2026, 12, 4, 12, 0)),
        ("friday at 2:30 PST", NOW, None, dt.datetime(2026, 12, 4, 17, 30)),
        # "your time" is the firm's; "my time" with no state known is the firm's too
        ("friday at 11am your time", NOW, PHOENIX, dt.datetime(2026, 12, 4, 11, 0)),
        ("friday 11am my time", NOW, None, dt.datetime(2026, 12, 4, 11, 0)),
        # the time asked for, not the one denied nor the person's own sum
        (
            "The call time is wrong. I said 10am Arizona time, that's noon Eastern, "
            "not 10am Eastern.",
            NOW,
            None,
            dt.datetime(2026, 12, 1, 12, 0),  # (8:10 in Phoenix: 10am is still to come)
        ),
    ],
)
def test_a_time_in_another_zone_is_that_moment_in_the_firms_time(
    text, now, own, expected
):
    if isinstance(expected, tuple):
        expected = dt.datetime(*expected)
    wish = parse_callback_wish(text, now, own)
    assert wish is not None and wish.exact
    assert wish.start == expected.replace(tzinfo=NY)
    assert wish.start.tzinfo == now.tzinfo  # said back in the firm's time


def test_a_time_alone_moves_a_booked_call_within_its_day():
    booked = dt.datetime(2026, 12, 3, 10, 30, tzinfo=NY)
    wish = parse_callback_wish("I said 10am Arizona time", NOW, None, on=booked)
    assert wish is not None and wish.start == dt.datetime(2026, 12, 3, 12, 0, tzinfo=NY)


def test_a_part_of_the_day_in_their_zone():
    wish = parse_callback_wish("tomorrow afternoon pacific time", NOW)
    assert wish is not None
    assert wish.start == dt.datetime(2026, 12, 2, 15, 0, tzinfo=NY)
    assert wish.end == dt.datetime(2026, 12, 2, 20, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("10am Arizona time", PHOENIX),
        ("noon Eastern", NY),
        ("10am my time", PHOENIX),
        ("3pm PST", ZoneInfo("America/Los_Angeles")),
        ("at 3", None),
        ("10am your time", None),
        ("tomorrow morning", None),
    ],
)
def test_the_zone_said(text, zone):
    assert zone_said(text, PHOENIX) == zone


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("I said 10am Arizona time", True),
        ("noon Eastern", True),
        ("call at 9 central time", True),
        ("10am my time", True),
        ("I live in Arizona", False),
        ("the Eastern Regional hospital", False),
        ("a CT scan at 3", False),
    ],
)
def test_names_a_zone(text, named):
    assert names_a_zone(text) is named


def test_a_zone_is_no_place():
    assert parse_state(without_zones("I said 10am Arizona time")) is None
    assert (
        parse_state(without_zones("it was in Arizona, call me 10am texas time")) == "AZ"
    )


@pytest.mark.parametrize(
    ("code", "zone"),
    [("AZ", "America/Phoenix"), ("oh", "America/New_York"), ("TX", "America/Chicago")],
)
def test_zone_of_state(code, zone):
    assert zone_of_state(code) == ZoneInfo(zone)
    assert zone_of_state(None) is None and zone_of_state("XX") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The call time is wrong. I said 10am Arizona time", "change"),
        ("you have the wrong time, it should be 3pm", "change"),
        ("I said 10am my time, not yours", "change"),
        ("the time is wrong", None),  # no time said: nothing to move it to
        ("Yes. Please call me Tuesday at 10am, my time.", None),  # a first wish
        ("I said 2021 not 2022", None),
        (
            "2. its my sons injury not my wife. and 5 eastern is 4 here, i said after 5 my time",
            "change",
        ),
        (
            "And please not 8 in the morning, I said afternoon. 1 or 2 o'clock my time",
            "change",
        ),
        ("I said she was 3 at the time", None),
    ],
)
def test_a_wrong_call_time_is_a_change(text, kind):
    assert change_kind(text) == kind


CHICAGO = ZoneInfo("America/Chicago")
LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("text", "own", "start"),
    [
        # no zone named: the person's own ("after 5" from Louisiana is 6 PM Eastern)
        ("after 5", CHICAGO, (1, 18, 0)),
        ("monday after 5", CHICAGO, (7, 18, 0)),
        ("after 5", None, (1, 17, 0)),
        # what they said they asked for, not the zone sum before it
        ("5 eastern is 4 here, i said after 5 my time", CHICAGO, (1, 18, 0)),
        ("no not 5am!! i said after 5pm. like 5:30 pm california time", LA, (1, 20, 0)),
        ("Afternoons are better for me, after lunch", LA, (1, 15, 0)),
        (
            "thats 5am again. ok whatever, any time after 2pm pacific works",
            LA,
            (1, 17, 0),
        ),
        # "1 or 2 o'clock": the first, 1 PM in California
        (
            "please not 8 in the morning, I said afternoon. 1 or 2 o'clock my time",
            LA,
            (1, 16, 0),
        ),
        ("1 or 2 pm Pacific", None, (1, 16, 0)),
        ("after 2pm pacific", CHICAGO, (1, 17, 0)),
    ],
)
def test_a_time_without_a_zone_is_the_persons_own(text, own, start):
    wish = parse_callback_wish(text, NOW, own)
    assert wish is not None and wish.start is not None
    day, hour, minute = start
    assert wish.start == dt.datetime(2026, 12, day, hour, minute, tzinfo=NY)


def test_afternoons_is_the_whole_afternoon_even_once_begun():
    now = dt.datetime(2026, 12, 1, 14, 0, tzinfo=NY)
    wish = parse_callback_wish("afternoons are better", now)
    assert wish is not None
    assert wish.start == dt.datetime(2026, 12, 1, 12, 0, tzinfo=NY)
    assert wish.end == dt.datetime(2026, 12, 1, 17, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("call me monday at 5:30 pm central", True),
        ("yes call me after 5 on weekdays", True),
        ("can you call me tomorrow?", False),
        ("can someone call me back", False),
        ("call me", False),
        ("thats 5am again. ok whatever, any time after 2pm pacific works", True),
        ("after 5 is better for me", True),
        ("she was seen at 3 and it is fine now", False),
        # role-play L (Derek): a day, or a part of one, said to suit better
        ("monday evening would be better actually", True),
        ("tomorrow morning works", True),
        ("evenings are best, i work days", True),
        ("the surgery was monday", False),
        ("monday is when the surgery was", False),
        ("the evening was fine until the nurse came", False),
    ],
)
def test_a_call_asked_for_a_day_or_time(text, asks):
    assert asks_call_at(text) is asks


# --- a window said in the person's own time: days of the week, after work, a part denied -----
SATURDAY = dt.datetime(2026, 11, 28, 18, 30, tzinfo=NY)  # 5:30 PM in Louisiana


@pytest.mark.parametrize(
    ("text", "own", "start", "end", "days"),
    [
        # said on a Saturday evening: Monday, 5 PM Central is 6 PM Eastern
        ("yes call me after 5 on weekdays, i work days", CHICAGO, (30, 18, 0), None, 5),
        ("yes after 5pm central on weekdays", None, (30, 18, 0), None, 5),
        ("weekdays after work", CHICAGO, (30, 18, 0), (1, 0, 59), 5),
        ("evenings during the week", LA, (30, 20, 0), (1, 2, 59), 5),
        ("weekends, in the afternoon", None, (29, 12, 0), (29, 17, 0), 2),
        # a day named is that day, whatever else is said
        ("monday after 5 works", CHICAGO, (30, 18, 0), None, None),
        # "after 5pm my time" in California, said at 3:30 PM there: today at 5
        (
            "im in california tho. after 5pm my time is better",
            LA,
            (28, 20, 0),
            None,
            None,
        ),
    ],
)
def test_a_window_in_their_own_time(text, own, start, end, days):
    wish = parse_callback_wish(text, SATURDAY, own)
    assert wish is not None and not wish.exact
    day, hour, minute = start
    month = 11 if day > 15 else 12
    assert wish.start == dt.datetime(2026, month, day, hour, minute, tzinfo=NY)
    if end is None:
        assert wish.end is None
    else:
        day, hour, minute = end
        month = 11 if day > 15 else 12
        assert wish.end == dt.datetime(2026, month, day, hour, minute, tzinfo=NY)
    assert (None if wish.days is None else len(wish.days)) == days


def test_a_part_of_the_day_denied_is_not_the_wish():
    wish = parse_callback_wish("please not in the morning, I said afternoon", NOW, LA)
    assert wish is not None
    assert wish.start == dt.datetime(
        2026, 12, 1, 15, 0, tzinfo=NY
    )  # noon in California
    wish = parse_callback_wish("not sure, maybe mornings", NOW)
    assert wish is not None and wish.end == dt.datetime(2026, 12, 1, 12, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("yes, in the afternoon", True),
        ("yes after 5pm central on weekdays", True),
        ("call me after work", True),
        ("call me monday", True),
        ("yes pls call me", False),
        ("he was born jan 9", False),
        ("my phone is 509-555-0122", False),
    ],
)
def test_names_a_call_time(text, names):
    assert names_a_call_time(text) is names


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "Yes two things are wrong. I found out in March, not on my birthday. And please "
            "not 8 in the morning, I said afternoon. 1 or 2 o'clock my time would be fine.",
            "Yes two things are wrong. I found out in March, not on my birthday.",
        ),
        (
            "2. its my sons injury not my wife. and 5 eastern is 4 here, i said after 5 my time",
            "2. its my sons injury not my wife.",
        ),
        ("call time wrong. 5pm central time", ""),
    ],
)
def test_what_else_is_said_with_a_call_time(text, rest):
    assert without_call_time(text) == rest


def test_a_time_alone_for_a_booked_call_already_past_is_the_next_one():
    # booked today 5 PM in California; at 3:30 PM there "after 2pm pacific" is tomorrow's
    booked = dt.datetime(2026, 11, 28, 20, 0, tzinfo=NY)
    wish = parse_callback_wish(
        "thats 5am again. ok whatever, any time after 2pm pacific works",
        SATURDAY,
        LA,
        on=booked,
    )
    assert wish is not None
    assert wish.start == dt.datetime(2026, 11, 29, 17, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # role-play M (Doris), after the lead: when to call, with a question before it
        (
            "Thank you. When will someone call me? I am home all day except Tuesday and "
            "Thursday mornings, when Mason has therapy.",
            "I am home all day except Tuesday and Thursday mornings, when Mason has therapy.",
        ),
        ("yes. evenings are better, i work days", "evenings are better, i work days"),
        # a question, or a day that is part of the story, tells no time to call
        ("When will someone call me?", None),
        ("I was home on Tuesday when it happened", None),
        ("my son had surgery on tuesday morning", None),
    ],
)
def test_when_reachable(text, said):
    assert when_reachable(text) == said
