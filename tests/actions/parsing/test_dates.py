"""Tests for actions/parsing/dates.py: real answers people type (and text), SMS style included.

Every date test measures from a fixed `today`, so the suite means the same thing on any day.
"""

from __future__ import annotations

import datetime
import re

import pytest

from actions.parsing.dates import (
    DateAnswer,
    age_at,
    birth_date_in,
    death_date_in,
    easter_sunday,
    humanize_date,
    names_the_death_as_the_time,
    parse_date,
    restates_date,
)

TODAY = datetime.date(2026, 11, 22)


def test_date_parser_is_built_once_per_day() -> None:
    from actions.parsing.dates import _date_parser

    parse_date("March 2025", TODAY)
    assert _date_parser(TODAY) is _date_parser(TODAY)
    assert _date_parser(TODAY) is not _date_parser(TODAY + datetime.timedelta(days=1))


def test_date_answer_is_frozen() -> None:
    answer = parse_date("2023", TODAY)
    with pytest.raises(AttributeError):
        answer.value = "2024"  # type: ignore[misc]


EXACT_DATES = [
    ("February 10, 2026", "2026-02-10"),
    ("2026-02-10", "2026-02-10"),
    ("02/10/2026", "2026-02-10"),
    ("2/10/2026", "2026-02-10"),
    ("Feb 10 2026", "2026-02-10"),
    ("feb 10 2026", "2026-02-10"),
    ("Feb. 10th, 2026", "2026-02-10"),
    ("on the 10th of February 2026", "2026-02-10"),
    ("10 feb 2026", "2026-02-10"),
    ("2026/02/10", "2026-02-10"),
    ("Tuesday Feb 10 2026", "2026-02-10"),
    ("Jan. 5, 2024", "2024-01-05"),
    ("14/6/2024", "2024-06-14"),  # day > 12: only one reading
    ("Feb 29 2024", "2024-02-29"),
    ("a couple of days later, February 12 2026", "2026-02-12"),
    ("it was on March 3 2024 at the ER", "2024-03-03"),
    ("November 22, 2026", "2026-11-22"),  # today itself is not the future
]


@pytest.mark.parametrize("text, value", EXACT_DATES)
def test_explicit_full_dates_are_exact(text: str, value: str) -> None:
    answer = parse_date(text, TODAY)
    assert answer == DateAnswer(value=value, exact=True, readable=humanize_date(value))


APPROXIMATE_DATES = [
    # relative to today
    ("yesterday", "2026-11-21"),
    ("today", "2026-11-22"),
    ("two years ago", "2024-11"),
    ("2 years ago", "2024-11"),
    ("2yrs ago", "2024-11"),
    ("2 years back", "2024-11"),
    ("3 days ago", "2026-11-19"),
    ("2 weeks ago", "2026-11-08"),
    ("a couple of weeks ago", "2026-11-08"),
    ("a few months ago", "2026-08"),
    ("last friday", "2026-11-20"),
    ("last year", "2025"),
    ("last month", "2026-10"),
    ("this year", "2026"),
    # month names without a year: the most recent one that has begun
    ("last March", "2025-03"),  # the previous year's (issue 10)
    ("last march", "2025-03"),
    ("this past March", "2026-03"),
    ("march", "2026-03"),
    ("in may", "2026-05"),
    ("Dec 5", "2025-12-05"),
    ("march 3rd", "2026-03-03"),
    # partial dates
    ("March 2025", "2025-03"),
    ("march of 2024", "2024-03"),
    ("sept 2022", "2022-09"),
    ("10/2023", "2023-10"),
    ("2023-10", "2023-10"),
    ("November 2026", "2026-11"),
    ("2023", "2023"),
    ("in 2019", "2019"),
    ("sometime in 2019", "2019"),
    ("back in 2019", "2019"),
    ("mid-2021", "2021"),
    ("early 2020", "2020"),
    ("christmas 2023", "2023-12"),  # a holiday names its month
    ("in 2019 or 2020", "2019"),
    # two-digit years: the past-century window
    ("6/14/24", "2024-06-14"),
    ("6-14-24", "2024-06-14"),
    ("jun 3 '24", "2024-06-03"),
    ("jan 5th 24", "2024-01-05"),
    ("6/14/85", "1985-06-14"),
    ("3/85", "1985-03"),
    ("6/14/27", "1927-06-14"),
    # hedged or buried in a sentence: found, but read back
    ("it was around June 3rd 2024 I think", "2024-06-03"),
    ("I think it was march 5th or 6th 2024", "2024-03-05"),
    ("around 2019?", "2019"),
    ("maybe feb 10 2026", "2026-02-10"),
    ("I may have been seen in March 2024", "2024-03"),
    ("umm it was like june 2025", "2025-06"),
    # a date used as an anchor
    ("the day after March 3 2024", "2024-03-04"),
    ("two days after 6/14/2024", "2024-06-16"),
    ("a week before Feb 10 2026", "2026-02-03"),
    ("the day after my surgery on March 3 2024", "2024-03-04"),
]


@pytest.mark.parametrize("text, value", APPROXIMATE_DATES)
def test_relative_partial_and_hedged_dates_are_not_exact(text: str, value: str) -> None:
    answer = parse_date(text, TODAY)
    assert (answer.value, answer.exact, answer.problem) == (value, False, None)
    assert answer.readable == humanize_date(value)
    assert answer.season is None and answer.season_year is None


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 11, 22), datetime.date(2026, 4, 1),
              datetime.date(2026, 3, 15), datetime.date(2026, 1, 10)],
)  # fmt: skip
def test_last_march_is_the_previous_years_march(today: datetime.date) -> None:
    """Issue 10: "last September" said in November 2026 is September 2025."""
    assert parse_date("last March", today).value == "2025-03"


@pytest.mark.parametrize(
    "today, value",
    [
        (datetime.date(2026, 11, 22), "2026-03"),
        (datetime.date(2026, 4, 1), "2026-03"),
        (datetime.date(2026, 3, 15), "2025-03"),  # said in March: a year ago
        (datetime.date(2026, 1, 10), "2025-03"),
    ],
)
def test_this_past_march_is_the_most_recent_past_march(
    today: datetime.date, value: str
) -> None:
    assert parse_date("this past March", today).value == value


FUTURE = [
    "December 2026",
    "12/25/2026",
    "Dec 25 2026",
    "tomorrow",
    "next week",
    "2027",
    "12/14/26",  # 26 -> 2026 by the window, and December 14 is still to come
    "fall of 2027",
    "November 23, 2026",
]


@pytest.mark.parametrize("text", FUTURE)
def test_future_dates_are_flagged(text: str) -> None:
    assert parse_date(text, TODAY) == DateAnswer(problem="future")


UNPARSED = [
    "",
    "   ",
    "5",
    "15",
    "85",
    "the 10th",
    "on the 3rd",
    "I don't know",
    "i dont remember",
    "not sure",
    "idk",
    "no idea tbh",
    "gibberish asdf qwerty",
    "blah",
    "1850",
    "june 3 1885",
    "Feb 29 2025",  # no such day: ask again rather than keep only the year
    "02/30/2026",
    "13/13/2024",
    # relative to an earlier answer, but there is none
    "same day",
    "the next day",
    "a couple of days later",
    "the day after",
]


@pytest.mark.parametrize("text", UNPARSED)
def test_unparseable_answers(text: str) -> None:
    assert parse_date(text, TODAY) == DateAnswer(problem="unparsed")


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("same day", "2026-02-10", "2026-02-10"),
        ("Same day.", "2026-02-10", "2026-02-10"),
        ("that day", "2025-03", "2025-03"),
        ("the same day", "2026-02-10", "2026-02-10"),
        ("that same day", "2026-02-10", "2026-02-10"),
        ("same time", "2023", "2023"),
        ("at the same time", "2026-02-10", "2026-02-10"),
        ("right away", "2026-02-10", "2026-02-10"),
        ("immediately", "2026-02-10", "2026-02-10"),
        ("pretty much immediately after", "2026-02-10", "2026-02-10"),
        ("same", "2024-06-03", "2024-06-03"),
    ],
)
def test_same_day_as_the_reference_is_exact(
    text: str, reference: str, value: str
) -> None:
    answer = parse_date(text, TODAY, reference=reference)
    assert answer == DateAnswer(value=value, exact=True, readable=humanize_date(value))


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("the day after", "2026-02-10", "2026-02-11"),
        ("next day", "2026-02-10", "2026-02-11"),
        ("the next morning", "2026-02-10", "2026-02-11"),
        ("the following day", "2026-02-10", "2026-02-11"),
        ("a day later", "2026-02-28", "2026-03-01"),
        ("a couple of days later", "2026-02-10", "2026-02-12"),
        ("couple days later", "2026-02-10", "2026-02-12"),
        ("2 days later", "2026-02-10", "2026-02-12"),
        ("a few days later", "2026-02-10", "2026-02-13"),
        ("3 days after surgery", "2026-02-10", "2026-02-13"),
        ("a week later", "2026-02-10", "2026-02-17"),
        ("two weeks later", "2026-02-10", "2026-02-24"),
        ("the next week", "2026-02-10", "2026-02-17"),
        ("a month later", "2026-01-31", "2026-02-28"),
        ("a month later", "2025-03", "2025-04"),
        # a partial reference keeps its precision: "a week after March 2025" is about March 2025
        ("a week later", "2025-03", "2025-03"),
        ("the next day", "2023", "2023"),
    ],
)
def test_later_than_the_reference(text: str, reference: str, value: str) -> None:
    answer = parse_date(text, TODAY, reference=reference)
    assert (answer.value, answer.exact, answer.problem) == (value, False, None)


def test_an_explicit_date_beats_the_reference() -> None:
    answer = parse_date(
        "a couple of days later, February 12 2026", TODAY, reference="2026-02-10"
    )
    assert (answer.value, answer.exact) == ("2026-02-12", True)


def test_a_later_date_after_today_is_future() -> None:
    assert parse_date("a week later", TODAY, reference="2026-11-20").problem == "future"


@pytest.mark.parametrize("reference", [None, "", "soon", "2026-13-01", "20260210"])
def test_same_day_without_a_usable_reference_is_unparsed(reference: str | None) -> None:
    assert parse_date("same day", TODAY, reference=reference).problem == "unparsed"


def test_unsure_with_a_reference_is_still_unparsed() -> None:
    assert (
        parse_date("I don't know", TODAY, reference="2026-02-10").problem == "unparsed"
    )


@pytest.mark.parametrize(
    "text, season, year",
    [
        ("in the spring of 2023", "spring", 2023),
        ("spring 2023", "spring", 2023),
        ("Spring of '23", "spring", 2023),
        ("summer 2023", "summer", 2023),
        ("during the summer of 2021", "summer", 2021),
        ("the fall of 2024", "fall", 2024),
        ("autumn 2022", "fall", 2022),
        ("the winter of 2024", "winter", 2024),
        ("in 2023, in the spring", "spring", 2023),
        ("late summer 2025", "summer", 2025),
        ("last summer", "summer", 2026),
        ("this spring", "spring", 2026),
        ("last fall", "fall", 2025),  # fall 2026 has not ended on November 22
        ("in the fall", "fall", 2026),
        ("last winter", "winter", 2026),  # winter 2026 = December 2025 - February 2026
        ("summer", "summer", 2026),
    ],
)
def test_seasons_ask_for_the_month(text: str, season: str, year: int) -> None:
    assert parse_date(text, TODAY) == DateAnswer(
        season=season, season_year=year, approximate=True, readable=f"{season} {year}"
    )


def test_a_fall_is_not_always_a_season() -> None:
    answer = parse_date("I had a fall in 2023", TODAY)
    assert (answer.value, answer.season) == ("2023", None)


def test_future_season() -> None:
    assert parse_date("spring 2027", TODAY).problem == "future"


@pytest.mark.parametrize(
    "iso, readable",
    [
        ("2026-02-10", "February 10, 2026"),
        ("2026-02-01", "February 1, 2026"),
        ("2025-03", "March 2025"),
        ("2023", "2023"),
        ("1999-12-31", "December 31, 1999"),
    ],
)
def test_humanize_date(iso: str, readable: str) -> None:
    assert humanize_date(iso) == readable


@pytest.mark.parametrize(
    "text, shown",
    [("", ""), ("  ", ""), ("Feb 2026", "Feb 2026"), ("2026-13", "2026-13"),
     ("2026-02-30", "2026-02-30"), ("26-02-10", "26-02-10")],
)  # fmt: skip
def test_humanize_date_never_raises(text: str, shown: str) -> None:
    """The validators call it on slots that may be empty (`get_slot(...) or ""`)."""
    assert humanize_date(text) == shown


# Issue 10: every example, said on the day the issue was seen (November 2026).
NOVEMBER = datetime.date(2026, 11, 28)

ISSUE_DATES = [
    # (what they typed, value, read back, approximate)
    ("last september", "2025-09", "September 2025", False),
    ("last September", "2025-09", "September 2025", False),
    ("no. it was september 2025", "2025-09", "September 2025", False),
    ("no, it was september 2025", "2025-09", "September 2025", False),
    ("last yr in june", "2025-06", "June 2025", False),
    ("last year in june", "2025-06", "June 2025", False),
    ("in june last year", "2025-06", "June 2025", False),
    ("june of last year", "2025-06", "June 2025", False),
    ("sept of last year", "2025-09", "September 2025", False),
    ("the september before last", "2024-09", "September 2024", False),
    ("this year in march", "2026-03", "March 2026", False),
    ("this past september", "2026-09", "September 2026", False),
    ("last december", "2025-12", "December 2025", False),
    # ranges keep the first day
    ("April 14 to 17 2025", "2025-04-14", "April 14, 2025", False),
    ("april 14-17 2025", "2025-04-14", "April 14, 2025", False),
    ("April 14 - April 17, 2025", "2025-04-14", "April 14, 2025", False),
    ("from april 14 to april 17 2025", "2025-04-14", "April 14, 2025", False),
    ("between march 3 and 5 2024", "2024-03-03", "March 3, 2024", False),
    ("14-17 april 2025", "2025-04-14", "April 14, 2025", False),
    # a date said to be wrong is dropped
    ("no, not 2025, it was 2024", "2024", "2024", False),
    # approximate answers
    ("about 20 months ago", "2025-03", "March 2025", True),
    ("around 2021", "2021", "2021", True),
    ("early 2020", "2020", "2020", True),
    ("a year and a half ago", "2025-05", "May 2025", True),
    ("18 months ago", "2025-05", "May 2025", True),
    ("the week of april 14 2025", "2025-04-14", "April 14, 2025", True),
    ("2019 or 2020", "2019", "2019", True),
    ("not sure, maybe 2019", "2019", "2019", True),
    ("umm it was like june 2025", "2025-06", "June 2025", True),
    # precise ones are not approximate
    ("3 days ago", "2026-11-25", "November 25, 2026", False),
    ("yesterday", "2026-11-27", "November 27, 2026", False),
    ("March 2025", "2025-03", "March 2025", False),
    ("back in 2021", "2021", "2021", False),
]


@pytest.mark.parametrize("text, value, readable, approximate", ISSUE_DATES)
def test_dates_as_people_say_them(
    text: str, value: str, readable: str, approximate: bool
) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.readable, answer.approximate, answer.problem) == (
        value,
        readable,
        approximate,
        None,
    )
    assert not answer.exact  # every one of them is read back
    assert re.search(r"\b(?:19|20)\d\d\b", answer.readable)  # the year is always named


@pytest.mark.parametrize(
    "text, value, exact",
    [
        ("march 2024 like i said, it was march 12", "2024-03-12", True),
        ("March 2024. the 12th I think. March 12", "2024-03-12", False),
        ("in may 2025, may 5th", "2025-05-05", True),
        ("oct 2025 - oct 3", "2025-10-03", True),
    ],
)
def test_a_month_and_year_then_the_day_is_that_day(
    text: str, value: str, exact: bool
) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.exact) == (value, exact)


@pytest.mark.parametrize(
    "text, value",
    [
        ("march 2024, not march 12", "2024-03"),  # the day named as wrong
        ("march 2024 or april 12", "2024-03"),  # another month's day
        ("november 2026, november 30", "2026-11"),  # a day still to come
    ],
)
def test_a_day_of_another_month_or_denied_is_not_taken(text: str, value: str) -> None:
    assert parse_date(text, NOVEMBER).value == value


@pytest.mark.parametrize(
    "text, season, year, first_month",
    [
        ("spring 2023", "spring", 2023, "2023-03"),
        ("the winter of 2024", "winter", 2024, "2023-12"),
        ("last fall", "fall", 2025, "2025-09"),
    ],
)
def test_a_season_is_approximate_and_names_its_year(
    text: str, season: str, year: int, first_month: str
) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.season, answer.season_year, answer.approximate) == (
        season,
        year,
        True,
    )
    assert answer.readable == f"{season} {year}"
    assert answer.season_value == first_month
    assert answer.value is None  # the flow asks which month


def test_an_exact_date_is_not_approximate() -> None:
    answer = parse_date("February 10, 2026", NOVEMBER)
    assert (answer.exact, answer.approximate) == (True, False)


# Counted back in months or years: the month, approximate (never an invented day).
@pytest.mark.parametrize(
    "text, value",
    [
        ("Maybe about 20 months ago?", "2025-03"),
        ("abt 20 mos ago", "2025-03"),
        ("like 2 yrs ago", "2024-11"),
        ("6 months ago i think", "2026-05"),
    ],
)
def test_months_or_years_ago_give_the_month_approximate(text: str, value: str) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.approximate, answer.exact) == (value, True, False)


def test_days_or_weeks_ago_still_give_the_day() -> None:
    assert parse_date("3 weeks ago", NOVEMBER).value == "2026-11-07"
    assert parse_date("10 days ago", NOVEMBER).value == "2026-11-18"


# A day said in parts: the month's day here, its year there (or the other way round).
@pytest.mark.parametrize(
    "text, value",
    [
        (
            "The pills were given around January 28th… She died February 3rd. This year, 2026.",
            "2026-01-28",
        ),
        ("around jan 28 this year", "2026-01-28"),
        ("jan 28th... it was last year", "2025-01-28"),
        ("2025. march 3rd i think", "2025-03-03"),
        ("May 2025. He went to the ER on the 19th and died on the 21st", "2025-05-19"),
        ("may of 2025, on the 3rd", "2025-05-03"),
        ("june 2024 he went in on the 2nd", "2024-06-02"),
    ],
)
def test_a_day_said_in_parts_is_put_together_and_read_back(
    text: str, value: str
) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.exact) == (value, False)


@pytest.mark.parametrize(
    "text, value",
    [
        ("March 2025", "2025-03"),  # no day named: the month
        ("jan 28", "2026-01-28"),  # no year named: the latest one
        ("jan 28th, 2026 i think", "2026-01-28"),  # one date, its own year
        ("feb 30 this year", None),  # no such day: not put together
        (
            "may 2025, june 2025, on the 3rd",
            "2025-05",
        ),  # which month's 3rd? not guessed
        ("it was on the 3rd", None),  # a day of no month
        ("May 2025, I was on the 2nd floor", "2025-05"),  # not a day
        ("may 2025 it was the 3rd time", "2025-05"),
        ("the 2nd week of may 2025", "2025-05"),
    ],
)
def test_parts_that_do_not_make_one_day(text: str, value: str | None) -> None:
    assert parse_date(text, NOVEMBER).value == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("she's 54, born march 3 1972. teresa delgado", "1972-03-03"),
        ("hes 6 born 4/2/2020", "2020-04-02"),
        ("DOB: 01/05/1980", "1980-01-05"),
        ("my son, he was born in june 2019 and they missed it", "2019-06"),
        ("her birthday is may 5, 1941", "1941-05-05"),
    ],
)
def test_a_birth_date_said_anywhere(text: str, value: str) -> None:
    answer = birth_date_in(text, NOVEMBER)
    assert answer is not None and answer.value == value


@pytest.mark.parametrize(
    "text",
    [
        "It was NOT a birth injury, it was a hysterectomy. April 14, 2025.",  # no birth date
        "he was born at 32 weeks",  # an age at birth, not a date
        "my newborn was dropped on march 3 2025",
        "she was born",
    ],
)
def test_no_birth_date_where_none_is_said(text: str) -> None:
    assert birth_date_in(text, NOVEMBER) is None


@pytest.mark.parametrize(
    "text, month, death",
    [
        (
            "May 2025. He went to the ER on the 19th and died on the 21st",
            "2025-05",
            "2025-05-21",
        ),
        ("She died February 3rd. This year, 2026.", None, "2026-02-03"),
        ("she passed away on 2/3/2026", None, "2026-02-03"),
        ("he died on the 31st", "2025-02", None),  # no such day
        ("he died 3 days later", "2025-02", None),  # counted from what? asked
        ("my mother died after the nursing home gave her the wrong pills", None, None),
        # role-play D: the month said again with its day; the year is the one after the
        # care, not the "last year" said of the care
        (
            "she went in there around thanksgiving last year and she died in march, "
            "march 14th",
            "2025-11",
            "2026-03-14",
        ),
        ("she went in there in november and died in march", "2025-11", "2026-03"),
        ("surgery was march 2024, he died june 5", "2024-03", "2024-06-05"),
    ],
)
def test_a_death_date_said_anywhere(
    text: str, month: str | None, death: str | None
) -> None:
    assert death_date_in(text, NOVEMBER, month) == death


def test_a_death_day_is_not_the_day_of_the_care() -> None:
    answer = parse_date("june 2025 he died on the 2nd", NOVEMBER)
    assert answer.value == "2025-06"


# Role-play, November 2026: dates as people say them, and corrections inside one answer.
@pytest.mark.parametrize(
    "text, value, approximate",
    [
        ("maybe 2 yrs ago? around christmas", "2024-12", True),
        (
            "maybe 2 yrs ago around christmas? or right after new years idk",
            "2024-12",
            True,
        ),
        (
            "around christmas 2024 she had the mammogram. they said it was normal",
            "2024-12",
            True,
        ),
        (
            "christmas 2 years ago. dec 2024 or jan 2025 i dont know exactly",
            "2024-12",
            True,
        ),
        ("right after new years", "2026-01", False),
        ("on christmas eve 2023", "2023-12-24", False),
        ("the 4th of july 2025", "2025-07-04", False),
        ("thanksgiving last year", "2025-11", False),
    ],
)
def test_holidays_name_their_month(text: str, value: str, approximate: bool) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.approximate, answer.problem) == (
        value,
        approximate,
        None,
    )


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("June 2025. Actually no, it was July 2025, right after the 4th. July 6.", None,
         "2025-07-06"),
        ("march 2024, wait no, april 2024", None, "2024-04"),
        ("last spring. march i think, no wait it was april 2025", None, "2025-04"),
        ("same day i guess. no wait they said it was pneumonia, we didnt find out til we got "
         "his records like 3 months later", "2024-12", "2025-03"),
        ("the date of the care was january 17 2026 not the 19th", None, "2026-01-17"),
        ("jan 2025. oops sorry, typo", None, "2025-01"),  # nothing said after the "oops"
    ],
)  # fmt: skip
def test_a_date_said_after_taking_one_back_wins(
    text: str, reference: str | None, value: str
) -> None:
    assert parse_date(text, NOVEMBER, reference=reference).value == value


@pytest.mark.parametrize(
    "text, reference, value",
    [
        # when they found out, after the care: the first such month or day after it
        ("right after the surgery i got sick but the other dr told me in may what happened",
         "2025-04", "2025-05"),
        ("Two days later, July 8, when another hospital said it was a stroke", "2025-07-06",
         "2025-07-08"),
        ("in april", "2025-04", "2025-04"),
        ("october 18", "2025-04-10", "2025-10-18"),
        ("in march", "2025-04", "2026-03"),  # the March after April 2025
        # a year said, or a year alone as the reference: as before
        ("in may 2026", "2025-04", "2026-05"),
        ("may last year", "2024-04", "2025-05"),
        ("they found the cancer in january", "2021", "2026-01"),
    ],
)  # fmt: skip
def test_a_month_without_its_year_follows_the_earlier_date(
    text: str, reference: str, value: str
) -> None:
    assert parse_date(text, NOVEMBER, reference=reference).value == value


@pytest.mark.parametrize(
    "year, sunday",
    [(2022, "2022-04-17"), (2023, "2023-04-09"), (2024, "2024-03-31"), (2025, "2025-04-20"),
     (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"), (2285, "2285-03-22")],
)  # fmt: skip
def test_easter_sunday(year: int, sunday: str) -> None:
    assert easter_sunday(year).isoformat() == sunday


@pytest.mark.parametrize(
    "text, value, season_year",
    [
        # the week either side of Easter in one month: that month
        ("around easter 2023", "2023-04", None),
        ("first visit was around easter 2022. wait no it was 2023", "2023-04", None),
        ("easter last year", "2025-04", None),
        ("easter sunday 2024", "2024-03-31", None),
        # Easter near a month's edge (March 31, 2024): spring of that year, the month asked
        ("oh gosh, a couple years ago around easter I think", None, 2024),
        ("spring 2024, around easter", None, 2024),
        ("No, not november, it was around Easter. spring of 2024", None, 2024),
        ("around easter", None, 2026),  # April 5, 2026: March 29 - April 12
    ],
)
def test_easter_is_found_in_its_year(
    text: str, value: str | None, season_year: int | None
) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.season_year, answer.problem) == (
        value,
        season_year,
        None,
    )
    assert answer.approximate is ("around" in text.lower())


@pytest.mark.parametrize(
    "text, value",
    [
        ("june 2025. no wait, 2024", "2024-06"),
        ("march. wait no, 2023", "2023-03"),
        ("on march 3rd 2024. wait no, 2023", "2023-03-03"),
        ("2022. wait no it was 2023", "2023"),  # no month was said
    ],
)
def test_a_year_taken_back_keeps_the_month(text: str, value: str) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.exact) == (value, False)


@pytest.mark.parametrize(
    "text, born, value",
    [
        ("when he was about 6 months old", "2021-06-03", "2021-12"),
        ("The nurses noticed his arm was limp the next day, but we did not know it was from "
         "the delivery until a specialist told us when he was about 6 months old",
         "2021-06-03", "2021-12"),
        ("once she was 2 years old", "2020-05-05", "2022-05"),
        ("when she was 3 weeks old", "2026-01-10", "2026-01-31"),
        ("at 3 weeks old", "2026-01-10", "2026-01-31"),
        ("when my son was a year old", "2024-02", "2025-02"),
    ],
)  # fmt: skip
def test_an_age_is_counted_from_the_birth(text: str, born: str, value: str) -> None:
    answer = parse_date(text, NOVEMBER, reference=born, born=born)
    assert (answer.value, answer.exact, answer.approximate) == (value, False, True)


def test_an_age_without_a_birth_is_no_date() -> None:
    # not "6 months ago": the age is counted from a birth nobody gave
    assert parse_date("when he was about 6 months old", NOVEMBER).problem == "unparsed"


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("when the surgeon told me on the 14th it had burst and should have been caught",
         "2026-08-12", "2026-08-14"),
        ("on the 14th", "2026-08-12", "2026-08-14"),
        ("the 3rd", "2026-08-12", "2026-09-03"),  # the first 3rd after August 12
        ("on the 20th", "2026-08", "2026-08-20"),
        ("the 31st", "2026-09-12", "2026-10-31"),  # no September 31st
    ],
)  # fmt: skip
def test_a_day_alone_follows_the_earlier_date(
    text: str, reference: str, value: str
) -> None:
    answer = parse_date(text, NOVEMBER, reference=reference)
    assert (answer.value, answer.exact, answer.problem) == (value, False, None)


@pytest.mark.parametrize(
    "text, reference",
    [
        ("on the 14th", None),
        ("on the 14th", "2025"),  # which month's 14th?
        ("we were on the 2nd floor", "2026-08-12"),
        ("the 3rd time i went back", "2026-08-12"),
    ],
)
def test_a_day_alone_without_its_month_is_no_date(
    text: str, reference: str | None
) -> None:
    assert parse_date(text, NOVEMBER, reference=reference).problem == "unparsed"


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("like 3 wks later, pediatrician did xray and it was broke. is it to late??",
         "2023-03", "2023-04"),
        ("two weeks later", "2023-03", "2023-03"),  # March 29
        ("10 days later", "2023-03", "2023-03"),
    ],
)  # fmt: skip
def test_weeks_after_a_month_count_from_its_middle(
    text: str, reference: str, value: str
) -> None:
    answer = parse_date(text, NOVEMBER, reference=reference)
    assert (answer.value, answer.exact, answer.approximate) == (value, False, True)


@pytest.mark.parametrize(
    "text, held, said_again",
    [
        ("well the bedsores started maybe january? she went in november", "2025-11", True),
        ("yes, august 12", "2026-08-12", True),
        ("in november 2025 like i said", "2025-11", True),
        ("No, not november, it was around Easter", "2024-11", False),
        ("no, november 2024", "2025-11", False),  # another year
        ("november 12", "2025-11", False),  # a day not read back
        ("august 14", "2026-08-12", False),
        ("may I ask something", "2025-05", False),  # the verb
        ("january", "2025-11", False),
        ("yes", "2025", False),  # a year alone names no month
    ],
)  # fmt: skip
def test_the_date_read_back_said_again(text: str, held: str, said_again: bool) -> None:
    assert restates_date(text, held) is said_again


@pytest.mark.parametrize(
    "birth, day, age",
    [
        ("2015-06-14", "2023-03", 7),  # role-play E: "6/14/2015", care in March 2023
        ("2021-06-03", "2021-06-03", 0),  # born the day of the delivery
        ("2015-06-14", "2023-06-14", 8),  # the birthday itself
        ("2015-06-14", "2023-06-13", 7),
        ("1980-01-05", "2025-03", 45),
        ("1980-01-05", "2025", None),  # 44 on the first four days of 2025, else 45
        ("2015", "2023", None),  # 7 or 8: not known to the year
        ("2015-06", "2023-06", None),  # the care's day and the birthday's both unknown
        ("2022-01-01", "2021-05", None),  # care before the birth
        (None, "2023-03", None),
        ("2015-06-14", "not a date", None),
    ],
)
def test_the_age_a_birth_date_gives_on_a_day(
    birth: str | None, day: str, age: int | None
) -> None:
    assert age_at(birth, day) == age


@pytest.mark.parametrize(
    "text, value, season, season_year",
    [
        # role-play F (November 2026): seasons counted back from this year's
        ("Oh dear, it was a couple summers back I think. It was hot out", None, "summer", 2024),
        ("two summers ago", None, "summer", 2024),
        ("I don't remember, two summers ago", None, "summer", 2024),
        ("I'm sorry I don't remember exactly. Two summers ago? Maybe July.", "2024-07", None,
         None),
        ("two winters ago, in december", "2023-12", None, None),
        ("last summer", None, "summer", 2026),  # this year's, as before
    ],
)  # fmt: skip
def test_seasons_counted_back(
    text: str, value: str | None, season: str | None, season_year: int | None
) -> None:
    answer = parse_date(text, NOVEMBER)
    assert (answer.value, answer.season, answer.season_year) == (
        value,
        season,
        season_year,
    )
    assert answer.approximate and not answer.exact


@pytest.mark.parametrize(
    "text, value",
    [
        ("sent me home 2 yrs ago right before christmas", "2024-12"),
        ("a year ago just after thanksgiving", "2025-11"),
    ],
)
def test_years_counted_back_before_a_holiday(text: str, value: str) -> None:
    assert parse_date(text, NOVEMBER).value == value


def test_a_birthday_to_measure_from_is_not_the_date() -> None:
    said = "Yes this year. My birthday is February 20th so it was a few weeks after, March maybe."
    answer = parse_date(said, NOVEMBER)
    assert (answer.value, answer.approximate) == ("2026-03", True)
    assert birth_date_in(said, NOVEMBER) is None  # no year: no date of birth
    assert birth_date_in("my birthday is feb 20 1947", NOVEMBER).value == "1947-02-20"
    assert parse_date("my birthday is march 3 1950", NOVEMBER).value == "1950-03-03"


def test_a_dose_is_not_a_date() -> None:
    said = (
        "like 2 days later she got real sleepy wouldnt wake up right, er said overdose. "
        "label said 5 ml should of been 0.5"
    )
    assert parse_date(said, NOVEMBER, reference="2024-06").value == "2024-06"
    assert parse_date("6/14/2024", NOVEMBER).value == "2024-06-14"


@pytest.mark.parametrize(
    "text, value",
    [
        # role-play J (Kyle): two counts back, the earlier kept; "idk" does not undo it
        ("idk like 3 yrs ago maybe 4. i kept telling him about the blood", "2022-11"),
        ("like 3 years ago or 4", "2022-11"),
        ("two years ago maybe three", "2023-11"),
        ("idk like 3 yrs ago", "2023-11"),
        # another unit is not a second count
        ("2 years ago maybe 3 months before that", "2024-11"),
    ],
)
def test_counted_back_twice_keeps_the_earlier(text: str, value: str) -> None:
    answer = parse_date(text, NOVEMBER)
    assert answer.value == value
    assert answer.approximate and not answer.exact


def test_idk_alone_is_still_unparsed() -> None:
    assert parse_date("idk", NOVEMBER).problem == "unparsed"


@pytest.mark.parametrize(
    "text, reference, value",
    [
        # role-play J (Sandra): after a 2015 surgery, "October 9th" is this year's
        (
            "IN OCTOBER WHEN THE CT SHOWED THE CLIP. October 9th.",
            "2015-03",
            "2026-10-09",
        ),
        ("in october", "2015-03", "2026-10"),
        # a recent care: the first such month after it, as before
        ("in may", "2025-04", "2025-05"),
    ],
)
def test_a_month_after_a_care_years_back_is_the_latest(
    text: str, reference: str, value: str
) -> None:
    assert parse_date(text, NOVEMBER, reference=reference).value == value


@pytest.mark.parametrize(
    "text, reference",
    [
        # role-play I (Priya): a question, and how long she waited, at when she found out
        (
            "Is it too late? I didn't do anything for over a month, I couldn't.",
            "2026-10-17",
        ),
        ("she was in pain for 3 days and nobody came", None),
        ("we waited for about two weeks to hear back", None),
        ("it took over a year to get the records", None),
        # role-play I (Tom): an offset from something else, not from today
        (
            "when he died. the infection doc at the end said it shouldve been caught a "
            "week earlier",
            "2026-07-20",
        ),
        ("they could have found it 2 days sooner", None),
        # role-play I (Gloria): how things are now is not when the care was
        ("wait shes not breathing right now", None),
        ("right now", None),
        ("now", None),
    ],
)
def test_a_duration_or_now_is_no_date(text: str, reference: str | None) -> None:
    assert parse_date(text, NOVEMBER, reference=reference).value is None


@pytest.mark.parametrize(
    "text, value",
    [
        # a count that is the answer still counts back from today
        ("3 weeks ago, she was sick for 2 days", "2026-11-07"),
        ("about 3 weeks ago i think", "2026-11-07"),
        ("a week ago", "2026-11-21"),
    ],
)
def test_a_count_back_beside_a_duration_is_still_the_date(
    text: str, value: str
) -> None:
    assert parse_date(text, NOVEMBER).value == value


@pytest.mark.parametrize(
    "text, reference, value",
    [
        # role-play I (Priya): the day taken back, the month kept; the 20th is the delivery
        (
            "October 18, I said. Sorry, no wait, it was the 17th, the Saturday. She was "
            "delivered on the 20th.",
            None,
            "2026-10-17",
        ),
        ("march 3 2025. no wait, the 4th", None, "2025-03-04"),
        ("august 12, no wait 13th", None, "2026-08-13"),
        ("june 2025 wait no, the 14th", None, "2025-06-14"),
        (
            "october 20. actually no, the 21st when they told us",
            "2026-10-17",
            "2026-10-21",
        ),
    ],
)
def test_a_day_taken_back_keeps_the_month(
    text: str, reference: str | None, value: str
) -> None:
    answer = parse_date(text, NOVEMBER, reference=reference)
    assert answer.value == value
    assert not answer.exact  # put together from two parts: read back


def test_a_correction_to_a_count_is_not_a_day() -> None:
    # "2 days later" is no day of the month: the words after it are read as they are
    assert (
        parse_date("march 5 2025. wait, 2 days later", NOVEMBER).value != "2025-03-02"
    )


@pytest.mark.parametrize(
    "text, named",
    [
        ("when he died. the infection doc said it shouldve been caught earlier", True),
        ("the day she passed away", True),
        ("right when my dad passed", True),
        ("at his death", True),
        ("after he died, when the autopsy came back", False),
        ("before she died she told me", False),
        ("he died in the hospital", False),
    ],
)
def test_the_death_named_as_the_time(text: str, named: bool) -> None:
    assert names_the_death_as_the_time(text) is named


@pytest.mark.parametrize(
    "text, value",
    [
        # role-play L (Linda): the earlier month of the two, in the season's year
        ("It was the fall of 2023. October or maybe November, I'd have to look", "2023-10"),
        ("fall of 2023, november or october", "2023-10"),
        ("spring 2024. april maybe may", "2024-04"),
        # winter 2024 runs from December 2023
        ("winter 2024, december i think", "2023-12"),
        ("winter of 2024. january or december", "2023-12"),
    ],
)  # fmt: skip
def test_months_of_a_season_said_with_its_year(text: str, value: str) -> None:
    answer = parse_date(text, TODAY)
    assert answer.value == value
    assert answer.approximate and not answer.exact


def test_a_month_outside_the_season_is_not_taken_for_it() -> None:
    # "fall 2023, maybe march": no month of that fall; not March
    assert parse_date("fall 2023, maybe march", TODAY).value != "2023-03"


@pytest.mark.parametrize(
    "text, value",
    [
        # role-play L (Kevin): the month said with its year, not the year alone
        ("This was like 2 yrs ago. Right before Christmas 2024. Is it too late?", "2024-12"),
        ("right before christmas 2024", "2024-12"),
        ("just before thanksgiving 2023", "2023-11"),
        ("sometime before december 2024", "2024-12"),
    ],
)  # fmt: skip
def test_before_a_holiday_with_its_year_is_that_month(text: str, value: str) -> None:
    answer = parse_date(text, TODAY)
    assert answer.value == value
    assert not answer.exact  # read back


@pytest.mark.parametrize(
    "text, year, season",
    [
        # role-play M (Renee), in November 2026: last spring is 2026's (as "last summer" is)
        ("idk sometime last spring", 2026, "spring"),
        ("not sure, last summer", 2026, "summer"),
        ("i dont know, sometime in the spring of 2024", 2024, "spring"),
        ("idk maybe last fall", 2025, "fall"),  # this fall is not over yet
    ],
)
def test_not_knowing_but_a_season_is_that_season(
    text: str, year: int, season: str
) -> None:
    answer = parse_date(text, TODAY)
    assert (answer.season_year, answer.season, answer.value) == (year, season, None)
    assert answer.approximate


@pytest.mark.parametrize("text", ["idk", "i dont know", "idk I had a fall", "not sure"])
def test_not_knowing_without_a_season_is_still_no_date(text: str) -> None:
    assert parse_date(text, TODAY).value is None
    assert parse_date(text, TODAY).season is None


@pytest.mark.parametrize(
    "text, value",
    [
        # role-play L (Derek), at the read-back of his daughter's birth
        ("yes, march 3rd. no wait, it was the 4th, the 3rd is when my wife went in", "2026-03-04"),
        # role-play L (Frank), at "I have October 6, is that right?"
        ("hold on let me check my calendar... no it was monday the 5th. october 5", "2026-10-05"),
        ("no it was monday the 5th. october 5", "2026-10-05"),
    ],
)  # fmt: skip
def test_a_day_said_again_in_the_same_breath(text: str, value: str) -> None:
    assert parse_date(text, TODAY).value == value


@pytest.mark.parametrize(
    "text, value",
    [
        # "not 22" was read as the year 2022
        ("september 23 not 22", "2026-09-23"),
        ("sept 23 not the 22nd", "2026-09-23"),
        ("it was september 23, not september 22", "2026-09-23"),
        ("march 3 not 4", "2026-03-03"),
        ("june 5 2025 not 2024", "2025-06-05"),
    ],
)
def test_the_day_set_aside_after_not_is_not_the_date(text: str, value: str) -> None:
    assert parse_date(text, today=TODAY).value == value


def test_not_sure_after_a_date_still_hedges_it() -> None:
    answer = parse_date("march 2024 i think, not sure", today=TODAY)
    assert answer.value == "2024-03" and answer.approximate


# --- role-play P: dates as people say them --------------------------------------------------


def test_the_death_day_said_with_the_care_is_not_the_care() -> None:
    """Keisha: "right before christmas. 2024 i think. she passed dec 23" at "When did it
    happen?": the care is December 2024 (an estimate), not the day she died."""
    answer = parse_date(
        "right before christmas. 2024 i think. she passed dec 23", TODAY
    )
    assert (answer.value, answer.approximate, answer.exact) == ("2024-12", True, False)
    assert (
        death_date_in("right before christmas. 2024 i think. she passed dec 23", TODAY)
        == "2024-12-23"
    )


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("may i guess", "2026-03", "2026-05"),  # Cody, asked when he found out
        ("May I think", None, "2026-05"),
        ("probably may", None, "2026-05"),
    ],
)
def test_may_with_a_hedge_is_the_month(
    text: str, reference: str | None, value: str
) -> None:
    answer = parse_date(text, TODAY, reference=reference)
    assert (answer.value, answer.approximate) == (value, True)


@pytest.mark.parametrize("text", ["may i ask something?", "may i have your number"])
def test_may_asking_is_no_month(text: str) -> None:
    assert parse_date(text, TODAY).value is None


def test_a_day_said_alone_after_a_month_in_words_is_its_day() -> None:
    """Alyssa: "She was born feb last year. The 11th": February 11 of last year, read back."""
    answer = parse_date("She was born feb last year. The 11th", TODAY)
    assert (answer.value, answer.exact) == ("2025-02-11", False)


def test_a_day_after_a_death_word_is_not_the_months_day() -> None:
    assert parse_date("last june. she died on the 21st", TODAY).value == "2025-06"


@pytest.mark.parametrize(
    "text, reference, value",
    [
        # Cody: "after a few weeks" counted from the extraction in March: April, an estimate
        (
            "sorry. when the numb didnt go away after a few weeks. dentist said give it time",
            "2026-03",
            "2026-04",
        ),
        ("after 2 days", "2026-05-04", "2026-05-06"),
    ],
)
def test_after_a_count_is_counted_from_the_earlier_date(
    text: str, reference: str, value: str
) -> None:
    assert parse_date(text, TODAY, reference=reference).value == value


def test_after_a_count_without_an_earlier_date_is_no_date() -> None:
    assert parse_date("after a few weeks", TODAY).value is None
