"""When something happened: a free-text answer read as a date at the precision given.

``parse_date`` takes the text and the day to measure from and returns a :class:`DateAnswer`;
``humanize_date`` reads an ISO date back in words. ``dateparser`` is slow to import, so it is
imported inside the helpers that use it, and its ``DateDataParser`` is built once per ``today``
and cached.

Judgment calls (each is pinned by a test in ``tests/actions/parsing/test_dates.py``):

* "3 weeks ago" / "10 days ago" give a ``YYYY-MM-DD`` counted back from ``today``, not exact
  (read back). Whole months or years counted back ("about 20 months ago", "two years ago")
  give the month (``YYYY-MM``), approximate: nobody counting months means a day, and a day
  invented from today's would look exact on the lead, whereas a month is shown as "not known
  to the day" with the deadline's range. "last year" / "last month" name a calendar period
  and keep that precision ("2025", "2026-10").
* A day said in parts is put together and read back: "around January 28th… This year, 2026"
  is January 28, 2026; "May 2025. He went to the ER on the 19th and died on the 21st" is
  May 19, 2025 (the first day named that is not a death's: ``death_date_in`` reads that one).
* A hedged explicit date ("around June 3rd 2024 I think", "March 5th or 6th 2024") is found but is
  not ``exact``: the person said they are unsure, so it is read back.
* ``humanize_date`` never raises: "" gives "" and non-ISO text comes back unchanged.
* "last September" is the previous calendar year's September, said on any day ("last
  September" in November 2026 is September 2025); "this past September" is the most recent
  one. "last yr in june", "june of last year" are June of the previous year.
* A range ("April 14 to 17 2025", "between March 3 and 5 2024") keeps its first day, read back.
* "no, it was September 2025" is September 2025, and "not 2025, 2024" is 2024: a date
  named as wrong is dropped when another one is given.
* "around easter 2022. wait no it was 2023" is April 2023: a year said alone to take another back
  keeps the month said with it. Easter moves, so its year is found first; its month is taken
  when the week either side of it is in one month, else ("around easter" in 2024, March 31)
  it is spring of that year and the month is asked.
* After an earlier date (the `reference`): "on the 14th" after August 12 is August 14, the
  first such day on or after it; "like 3 wks later" than March 2023 counts from the middle of
  March and is April 2023, approximate. "when he was about 6 months old" is counted from the
  patient's birth (`born`), December 2021 after June 3, 2021; without a birth it is no date.
* ``approximate`` is True when the person hedged ("about 20 months ago", "around 2021",
  "early 2020", "2019 or 2020"), named a season ("spring 2023"), or counted back whole weeks,
  months or years ("18 months ago"): the value is the best reading, and the lead says so.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from actions.parsing.control import after_self_correction

if TYPE_CHECKING:  # pragma: no cover - typing only; dateparser is imported lazily
    from dateparser.date import DateDataParser

__all__ = [
    "DateAnswer",
    "age_at",
    "birth_date_in",
    "death_date_in",
    "easter_sunday",
    "names_the_death_as_the_time",
    "humanize_date",
    "parse_date",
    "restates_date",
]

PROBLEM_UNPARSED = "unparsed"
PROBLEM_FUTURE = "future"

EARLIEST_YEAR = 1900

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# "march" and "mar" -> 3; _month_number() reads any spelling _MONTH_RE accepts.
_MONTHS: dict[str, int] = {
    name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, start=1)
}

_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_WORD = re.compile(rf"\b{_MONTH_RE}\b\.?", re.I)
_YEAR4 = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# (not a dose: "0.5", "2.5 ml")
_NUMERIC_DATE = re.compile(
    r"\b(?!0+[/.-])\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b"
    r"(?!\s*(?:mg|mcg|ml|cc|units?|%|lbs?|kg|mm|cm|percent)\b)",
    re.I,
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_RELATIVE_WORD = re.compile(
    rf"\b(?:yesterday|today|tonight|now|ago|last|this|past|week|month|year|{_WEEKDAY})\b",
    re.I,
)

# Answers that carry no date at all: a bare day number ("5", "the 10th") names no month.
_BARE_NUMBER = re.compile(r"(?:on\s+)?(?:the\s+)?\d{1,3}(?:st|nd|rd|th)?\.?")
_UNKNOWN = re.compile(
    r"\b(?:i\s*(?:do\s*not|don'?t|dont|really\s+don'?t)\s*(?:know|remember|recall)"
    r"|not\s+sure|no\s+idea|idk|dunno|can'?t\s+remember|cannot\s+remember|unsure|no\s+clue"
    r"|not\s+certain)\b",
    re.I,
)
_HEDGE = re.compile(
    r"\b(?:around|about|approx(?:imately)?|roughly|maybe|probably|perhaps|possibly|i\s+think"
    r"|i\s+believe|i\s+guess|not\s+sure|or\s+so|sometime|somewhere|might|or|either)\b"
    r"|ish\b|\?",
    re.I,
)
# A date used as an anchor for something else ("the day after March 3 2024") is not the answer.
_ANCHORED_BEFORE = re.compile(
    r"\b(?:after|before|since|until|till|by)\s*(?:the\s+)?$", re.I
)

# Answers relative to an earlier date in the conversation (the `reference`).
_SAME_DAY = re.compile(
    r"\b(?:(?:the\s+|that\s+)?same\s+(?:day|time|night|morning|afternoon|evening)"
    r"|that\s+(?:same\s+)?(?:day|night|morning|afternoon|evening)"
    r"|right\s+(?:away|then|after)|immediately|straight\s+away|at\s+once)\b|^same\W*$",
    re.I,
)
_COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple": 2, "a couple": 2,
    "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
}  # fmt: skip
_COUNT_RE = (
    r"(?:a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|several|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
)
_LATER = re.compile(
    rf"\b(?:(?P<count>{_COUNT_RE})\s+)?(?P<unit>day|week|month)s?"
    r"\s+(?:later|after(?:wards?)?)\b"
    # "when the numb didnt go away after a few weeks": counted from the earlier date too
    r"|\bafter\s+(?:(?:about|around|like|maybe|only|just|another)\s+)?"
    rf"(?P<count2>{_COUNT_RE})\s+(?P<unit2>day|week|month)s?\b",
    re.I,
)


def _later_count(later: re.Match[str]) -> tuple[str, int]:
    """The unit ("day", "week", "month") and count a ``_LATER`` match gives."""
    unit = later.group("unit") or later.group("unit2")
    return unit.lower(), _count(later.group("count") or later.group("count2"))


_NEXT = re.compile(
    r"\b(?:the\s+)?(?:next|following)\s+(?P<unit>day|morning|night|week|month)\b", re.I
)
_DAY_AFTER = re.compile(r"\bday\s+after\b", re.I)

_SEASONS = {
    "spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall", "winter": "winter"
}  # fmt: skip
_SEASON_START_MONTH = {"spring": 3, "summer": 6, "fall": 9, "winter": 12}
_SEASON_RE = re.compile(
    r"(?P<before>\b(?:in|during|last|this|past|early|late|mid|that|the|over)\s+(?:the\s+)?)?"
    r"\b(?P<season>spring|summer|fall|autumn|winter)\b"
    r"(?P<after>\s*(?:of\s+)?(?:'\d\d\b|(?:1[89]|20)\d\d\b))?",
    re.I,
)
# Seasons counted back: "two summers ago", "a couple summers back", "3 winters ago".
_SEASONS_AGO = re.compile(
    rf"\b(?P<count>{_COUNT_RE})\s+(?P<season>spring|summer|fall|autumn|winter)s?"
    r"\s+(?:ago|back|before\s+last)\b",
    re.I,
)
_LAST_MONTH = re.compile(
    rf"\b(?P<which>last|this\s+past|past)\s+(?P<month>{_MONTH_RE})\b(?!\.?\s*\d)", re.I
)
# A month with its year in words: "june of last year", "last yr in june", "the june before last".
_YEAR_WORDS = (
    r"(?P<{0}>last|this|previous|the\s+previous|(?:the\s+)?year\s+before\s+last"
    r"|(?:{1})\s+years?\s+ago)"
)
_MONTH_OF_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\b\.?\s+(?:of\s+|in\s+)?(?:the\s+)?"
    + _YEAR_WORDS.format(
        "which", r"\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten"
    )
    + r"(?:\s+years?)?\b"
    r"|\b"
    + _YEAR_WORDS.format(
        "which2", r"\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten"
    )
    + rf"(?:\s+years?)?[,?.!…]*\s+(?:(?:right|just)\s+)?"
    rf"(?:in|around|during|on|at|before|after)?\s*(?:the\s+)?"
    rf"(?P<month2>{_MONTH_RE})\b"
    rf"(?!\.?\s*\d)"
    rf"|\bthe\s+(?P<month3>{_MONTH_RE})\s+before\s+last\b",
    re.I,
)
# "April 14 to 17 2025", "april 14th - april 17th, 2025", "between march 3 and 5 2024".
_RANGE = re.compile(
    rf"\b(?:between\s+|from\s+)?(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year1>(?:1[89]|20)\d\d))?"
    rf"\s*(?:-|–|—|to|through|thru|until|till|and)\s*(?:{_MONTH_RE}\.?\s+)?\d{{1,2}}"
    r"(?:st|nd|rd|th)?,?\s+(?P<year>(?:1[89]|20)\d\d)\b"
    rf"|\b(?:between\s+|from\s+)?(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|and)"
    rf"\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmonth>{_MONTH_RE})\.?,?"
    r"\s+(?P<dyear>(?:1[89]|20)\d\d)\b",
    re.I,
)
# A date said to be wrong: "no, not 2025, it was 2024", "not in march".
_NOT_DATE = re.compile(
    r"\bnot\s+(?:on\s+)?the\s+\d{1,2}(?:st|nd|rd|th)\b"  # "january 17 2026 not the 19th"
    rf"|\bnot\s+(?:in\s+|on\s+)?(?:(?:{_MONTH_RE})\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?)?"
    r"(?:(?:1[89]|20)\d\d)?\b",
    re.I,
)
# Whole days, weeks, months or years counted back from today: "3 years ago", "two months ago".
_COUNTED_BACK = re.compile(
    r"\b(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:days?|weeks?|months?|years?)\s+ago\b",
    re.I,
)
# Two counts for one time: "3 years ago maybe 4", "3 years ago, or 4", "3 years ago? maybe 4".
_TWO_COUNTS_BACK = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(days?|weeks?|months?|years?)\s+ago\b[,?.!]*\s+(maybe|or|or\s+maybe|possibly|perhaps)\s+"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"(?:\s+(days?|weeks?|months?|years?))?(?:\s+ago\b)?",
    re.I,
)
_APPROXIMATE = re.compile(
    r"\b(?:give\s+or\s+take|more\s+or\s+less|circa|like|early|mid|late|the\s+week\s+of"
    r"|(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:weeks?|months?|years?)\s+ago)\b",
    re.I,
)


@dataclass(frozen=True)
class DateAnswer:
    """What a person's answer to "when did it happen?" says.

    ``value`` is ISO text at the precision the person gave (``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``). ``exact`` is True only for an explicit, unhedged full date with a 4-digit year;
    everything else is read back for confirmation. A named season sets ``season`` and
    ``season_year`` and leaves ``value`` empty so the assistant can ask which month
    (``season_value`` is the season's first month, for when they do not know it).
    ``approximate`` is True when the person gave an estimate, not a date (see the module
    docstring); ``readable`` is the answer in words, always with its year ("spring 2023").
    """

    value: str | None = None
    exact: bool = False
    season_year: int | None = None
    season: str | None = None
    problem: str | None = None
    readable: str = ""
    approximate: bool = False

    @property
    def season_value(self) -> str | None:
        """The first month of the named season as ``YYYY-MM`` (winter 2024 -> "2023-12")."""
        if not (self.season and self.season_year):
            return None
        if self.season == "winter":
            return f"{self.season_year - 1:04d}-12"
        return f"{self.season_year:04d}-{_SEASON_START_MONTH[self.season]:02d}"


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")[:3]]


def _unparsed() -> DateAnswer:
    return DateAnswer(problem=PROBLEM_UNPARSED)


def _future() -> DateAnswer:
    return DateAnswer(problem=PROBLEM_FUTURE)


def humanize_date(iso: str) -> str:
    """ "2026-02-10" -> "February 10, 2026"; "2025-03" -> "March 2025"; "2023" -> "2023".

    Never raises: it is called while talking to a person, often on a slot that may be empty,
    so "" (or None) gives "" and text that is not one of the three ISO forms comes back as is.
    """
    text = (iso or "").strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        return text
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return text
    month_name = _MONTH_NAMES[int(month) - 1]
    if day is None:
        return f"{month_name} {year}"
    if not _real_date(int(year), int(month), int(day)):
        return text
    return f"{month_name} {int(day)}, {year}"


def _iso(day: datetime.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _period_start(day: datetime.date, precision: str) -> datetime.date:
    if precision == "year":
        return datetime.date(day.year, 1, 1)
    if precision == "month":
        return datetime.date(day.year, day.month, 1)
    return day


def _answer(
    day: datetime.date, precision: str, today: datetime.date, exact: bool = False
) -> DateAnswer:
    if day.year < EARLIEST_YEAR:
        return _unparsed()
    if _period_start(day, precision) > today:
        return _future()
    value = _iso(day, precision)
    return DateAnswer(
        value=value, exact=exact and precision == "day", readable=humanize_date(value)
    )


@dataclass(frozen=True)
class _Reference:
    day: datetime.date
    precision: str  # "day" | "month" | "year"

    @property
    def value(self) -> str:
        return _iso(self.day, self.precision)


def _parse_reference(reference: str | None) -> _Reference | None:
    if not reference:
        return None
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", reference)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if month is None:
            return _Reference(datetime.date(int(year), 1, 1), "year")
        if day is None:
            return _Reference(datetime.date(int(year), int(month), 1), "month")
        return _Reference(datetime.date(int(year), int(month), int(day)), "day")
    except ValueError:
        return None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return _COUNT_WORDS.get(word, 1)


def _relative_to_reference(
    norm: str, ref: _Reference, today: datetime.date
) -> DateAnswer | None:
    """ "the next day" / "a week later" counted from the earlier date; None if not such text."""
    unit: str | None = None
    count = 1
    later, following = _LATER.search(norm), _NEXT.search(norm)
    if later:
        unit, count = _later_count(later)
    elif following:
        unit = following.group("unit").lower()
        unit = "day" if unit in {"morning", "night"} else unit
    elif _DAY_AFTER.search(norm):
        unit = "day"
    if unit is None:
        return None
    if ref.precision == "year":
        # A few days after "some time in 2023" is still "some time in 2023" (or just after it).
        return _answer(ref.day, "year", today)
    if unit == "month":
        return _answer(_add_months(ref.day, count), ref.precision, today)
    days = count * (7 if unit == "week" else 1)
    if ref.precision == "month":
        # Counted from the middle of a month said alone: "a week later" than March 2025 is
        # still March, "like 3 wks later" than March 2023 is April 2023 (an estimate).
        middle = ref.day.replace(day=15) + datetime.timedelta(days=days)
        return _estimate(_answer(middle, "month", today))
    return _answer(ref.day + datetime.timedelta(days=days), "day", today)


def _estimate(answer: DateAnswer) -> DateAnswer:
    return replace(answer, exact=False, approximate=True) if answer.value else answer


# A day of the month said alone ("when the surgeon told me on the 14th"), after an earlier date.
_DAY_OF_MONTH = re.compile(
    r"\b(?:on|by|around|about|until|till|til)\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+(?:of\s+)?(?:\w+\s+)?(?:floors?|times?|weeks?|grades?|visits?|days?|tries|try"
    r"|attempts?|rounds?|doses?|shifts?|months?|years?|appointments?)\b)"
    r"|^(?:on\s+)?(?:the\s+)?(?P<alone>\d{1,2})(?:st|nd|rd|th)$"
    r"|^(?:on\s+)?the\s+(?P<the>\d{1,2})$",
    re.I,
)


def _day_after_reference(
    norm: str, ref: _Reference | None, today: datetime.date
) -> DateAnswer | None:
    """ "on the 14th" after August 12: the first 14th on or after the earlier date, August 14
    (read back: the month was not said). None without such a day or a month to put it in."""
    match = _DAY_OF_MONTH.search(norm.strip(" .!?"))
    if match is None or ref is None or ref.precision == "year":
        return None
    day = int(match.group("day") or match.group("alone") or match.group("the"))
    month_start = ref.day.replace(day=1)
    for ahead in range(2 if ref.precision == "day" else 1):
        first = _add_months(month_start, ahead)
        if not _real_date(first.year, first.month, day):
            continue
        found = first.replace(day=day)
        if ref.precision == "month" or found >= ref.day:
            return _answer(found, "day", today)
    return None


# An age said for the time ("when he was about 6 months old"): counted from the birth.
_AT_AGE = re.compile(
    r"\b(?:(?:when|once|by\s+the\s+time|after)\s+(?:he|she|they|i|the\s+baby"
    r"|(?:my|our|his|her)\s+\w+)\s+(?:was|were|turned|got\s+to\s+be|hit|is)"
    r"|at)\s+(?:(?:about|around|almost|nearly|like|maybe|roughly|approximately|just"
    rf"|over|under|only)\s+)*(?P<count>{_COUNT_RE})\s*-?\s*(?P<unit>day|week|month|year)s?"
    r"(?P<old>[\s-]+old)?\b",
    re.I,
)


def _age_said(norm: str) -> re.Match[str] | None:
    """ "when he was about 6 months old", "at 3 weeks old"; not "at 6 months" (a pregnancy's
    months, a dose's weeks): an age said with "at" needs "old"."""
    match = _AT_AGE.search(norm)
    if match and match.group(0).lower().startswith("at") and not match.group("old"):
        return None
    return match


def _at_age(
    age: re.Match[str], born: str | None, today: datetime.date
) -> DateAnswer | None:
    """ "when he was about 6 months old" after a birth on June 3, 2021: December 2021, an
    estimate (months and years name the month; weeks and days the day). None when no birth
    is known."""
    birth = _parse_reference(born)
    if birth is None:
        return None
    count, unit = _count(age.group("count")), age.group("unit").lower()
    if unit in ("month", "year"):
        months = count * (12 if unit == "year" else 1)
        precision = "year" if birth.precision == "year" else "month"
        return _estimate(_answer(_add_months(birth.day, months), precision, today))
    days = count * (7 if unit == "week" else 1)
    precision = birth.precision
    return _estimate(
        _answer(birth.day + datetime.timedelta(days=days), precision, today)
    )


def _expand_two_digit_year(two_digits: str, today: datetime.date) -> str:
    """The most recent year ending in these digits: 24 -> 2024, 85 -> 1985 (from 2026)."""
    value = int(two_digits)
    century = today.year - today.year % 100
    year = century + value
    if year > today.year:
        year -= 100
    return str(year)


# Holidays name their month, or their day: "around christmas 2024" is December 2024, "right
# after new years" January, "the 4th of july" July 4.
_HOLIDAY = re.compile(
    r"\b(?:christmas|x-?mas|new\s+year|thanksgiving|halloween|valentine|(?:4th|fourth)\s+of\s+july"
    r"|easter)"
)
_HOLIDAYS = (
    (re.compile(r"\b(?:christmas|x-?mas)\s+eve\b"), "december 24"),
    (re.compile(r"\b(?:christmas|x-?mas)\s+day\b"), "december 25"),
    (re.compile(r"\bnew\s+years?'?s?\s+eve\b"), "december 31"),
    (re.compile(r"\bnew\s+years?'?s?\s+day\b"), "january 1"),
    (re.compile(r"\b(?:christmas|x-?mas)(?:\s*time)?\b"), "december"),
    (re.compile(r"\b(?:the\s+)?new\s+years?'?s?\b"), "january"),
    (re.compile(r"\bthanksgiving\b"), "november"),
    (re.compile(r"\bhalloween\b"), "october 31"),
    (re.compile(r"\bvalentine'?s?(?:\s+day)?\b"), "february 14"),
    (re.compile(r"\b(?:the\s+)?(?:4th|fourth)\s+of\s+july\b"), "july 4"),
)


def easter_sunday(year: int) -> datetime.date:
    """Western Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher)."""
    golden = year % 19
    century, in_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_shift = (century + 8) // 25
    correction = (century - moon_shift + 1) // 3
    epact = (19 * golden + century - leap_centuries - correction + 15) % 30
    leap_years, year_rest = divmod(in_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return datetime.date(year, month, day + 1)


# "easter 2023", "around easter", "easter sunday": the year said with it, or elsewhere.
_EASTER = re.compile(
    r"\beaster(?P<day>\s+(?:sunday|day))?(?:\s+(?:weekend|time|break|holiday))?"
    r"(?P<year>,?\s+(?:of\s+)?(?:1[89]|20)\d\d\b)?"
)
_YEARS_BACK = re.compile(
    rf"\b(?:(?P<count>\d{{1,2}}|{_COUNT_RE})\s+years?\s+ago|(?P<which>last|this)\s+year"
    r"|(?P<before>the\s+)?year\s+before\s+last)\b"
)


def _easter_said(norm: str, today: datetime.date) -> str:
    """Easter put in words the rest of the reader knows. Its date moves (March 22 - April 25),
    so its year is found first: said with it ("easter 2023"), anywhere else ("spring 2024,
    around easter"), counted back ("a couple years ago around easter"), else the latest Easter.
    "Easter sunday" is its day; "around easter" is Easter's month when the week either side of
    it is in that month (April 9, 2023: April 2023), and spring of that year when it is near a
    month's edge (March 31, 2024: March or April), so that the month is asked."""
    match = _EASTER.search(norm)
    if match is None:
        return norm
    year: int | None = None
    if match.group("year"):
        year = int(re.sub(r"\D", "", match.group("year")))
    elif digits := _YEAR4.search(norm):
        year = int(digits.group(1))
    elif back := _YEARS_BACK.search(norm):
        if back.group("which"):
            year = today.year - (back.group("which") == "last")
        elif back.group("count"):
            year = today.year - _count(back.group("count"))
        else:
            year = today.year - 2
    else:
        year = today.year if easter_sunday(today.year) <= today else today.year - 1
    sunday = easter_sunday(year)
    month = _MONTH_NAMES[sunday.month - 1].lower()
    week = datetime.timedelta(days=7)
    if match.group("day"):
        said = f"{month} {sunday.day} {year}"
    elif (sunday - week).month == (sunday + week).month:
        said = f"{month} {year}"
    else:
        said = f"the spring of {year}"
    return norm[: match.start()] + said + norm[match.end() :]


def _normalize(text: str, today: datetime.date) -> str:
    norm = " ".join(text.lower().replace("’", "'").split())
    if _HOLIDAY.search(norm):
        for holiday, said in _HOLIDAYS:
            norm = holiday.sub(said, norm)
    norm = re.sub(
        r"(\d)\s*(yrs?|years?|mos|months?|wks?|weeks?|days?)\b", r"\1 \2", norm
    )
    norm = re.sub(r"\byrs?\b", "years", norm)
    norm = re.sub(r"\bmos\b", "months", norm)
    norm = re.sub(r"\bwks?\b", "weeks", norm)
    norm = re.sub(
        r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
        r"(days?|weeks?|months?|years?)\s+back\b",
        r"\1 \2 ago",
        norm,
    )
    norm = re.sub(r"\b(?:a|one)\s+(?:year|yr)\s+and\s+a\s+half\b", "18 months", norm)
    norm = re.sub(
        r"\b(\d|two|three|four|five)\s+and\s+a\s+half\s+years\b",
        lambda m: f"{(_count(m.group(1)) * 12) + 6} months",
        norm,
    )
    norm = re.sub(r"\bhalf\s+a\s+year\b", "6 months", norm)
    # "3 yrs ago maybe 4", "3 years ago or 4": the earlier of the two is kept (the safer one)
    norm = _TWO_COUNTS_BACK.sub(_earlier_count_back, norm)
    norm = re.sub(r"\b(?:the\s+)?week\s+of\b", "around", norm)
    norm = re.sub(
        r"\ba\s+couple(?:\s+of)?\s+(?=(?:days?|weeks?|months?|years?)\b)", "2 ", norm
    )
    norm = re.sub(
        r"\b(?:a\s+few|several)\s+(?=(?:days?|weeks?|months?|years?)\b)", "3 ", norm
    )
    # Two-digit years are read in the past-century window, not dateparser's own guess.
    norm = re.sub(
        r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2})\b",
        lambda m: (
            f"{m.group(1)}/{m.group(3)}/{_expand_two_digit_year(m.group(4), today)}"
        ),
        norm,
    )
    norm = re.sub(
        r"'(\d{2})\b", lambda m: _expand_two_digit_year(m.group(1), today), norm
    )
    return _easter_said(norm, today)


def _earlier_count_back(match: re.Match[str]) -> str:
    unit, other_unit = match.group(2), match.group(5)
    if other_unit and other_unit.rstrip("s") != unit.rstrip("s"):
        return match.group(
            0
        )  # "2 years ago maybe 3 months before that": not two counts
    return f"{max(_count(match.group(1)), _count(match.group(4)))} {unit} ago"


def _has_date_content(norm: str) -> bool:
    return bool(
        _MONTH_WORD.search(norm) or _YEAR4.search(norm) or _NUMERIC_DATE.search(norm)
    )


@functools.lru_cache(maxsize=8)
def _date_parser(today: datetime.date) -> DateDataParser:
    """One DateDataParser per `today` (its RELATIVE_BASE), built on first use."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_settings(today))


def _settings(today: datetime.date) -> dict[str, object]:
    return {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": datetime.datetime(today.year, today.month, today.day),
        "DATE_ORDER": "MDY",
    }


def _dateparse(text: str, today: datetime.date) -> tuple[datetime.date, str] | None:
    """dateparser's reading of `text` as (day, precision), or None."""
    if _BARE_NUMBER.fullmatch(text.strip()) or _NOW_ONLY.fullmatch(text.strip(" .!?")):
        return None
    data = _date_parser(today).get_date_data(text)
    if data.date_obj is None:
        return None
    period = data.period or "day"
    precision = period if period in {"month", "year"} else "day"
    counted = re.search(r"\b(day|week|month|year)s?\s+ago\b", text)
    if counted:
        # Whole months or years counted back name a month, not a day: see the module docstring.
        precision = "month" if counted.group(1) in ("month", "year") else "day"
    elif re.search(r"\bago\b", text):
        precision = "day"  # an offset from today
    return data.date_obj.date(), precision


# A count of days, weeks, months or years said without "ago": inside a sentence, how long
# something lasted ("i didn't do anything for over a month") or how far from another event
# ("it should've been caught a week earlier"), never a time counted back from today.
_BARE_COUNT = re.compile(
    r"(?:(?:about|around|over|almost|nearly|like|maybe|roughly|approximately|just|only)\s+)*"
    rf"(?:{_COUNT_RE})\s+(?:day|week|month|year)s?(?:\s+(?:and|or|but))?",
    re.I,
)
_DURATION_BEFORE = re.compile(
    r"\b(?:for|over|lasted|took|spent|within|in|during|than|waited|another)\s+"
    r"(?:(?:over|about|around|almost|nearly|more\s+than|less\s+than|like|maybe|only|just"
    r"|another|the\s+(?:past|last|next|first|whole|entire))\s+)*$",
    re.I,
)
_OTHER_EVENT_AFTER = re.compile(
    r"^\s*(?:earlier|sooner|before|prior|later|after|long|straight|in\s+a\s+row|of\b"
    r"|pregnant|old|overdue|early|late)\b",
    re.I,
)
# "now", "right now": how things are as they write, not when something happened.
_NOW_ONLY = re.compile(r"(?:right\s+)?now", re.I)


def _not_a_time(snippet: str, norm: str) -> bool:
    """True for a snippet dateparser took for a date that says no time in these words: "now"
    ("she's not breathing right now"), or a count with no "ago" that is a duration or an
    offset from another event ("for over a month", "a week earlier"); see ``_BARE_COUNT``."""
    if _NOW_ONLY.fullmatch(snippet):
        return True
    if not _BARE_COUNT.fullmatch(snippet):
        return False
    for found in re.finditer(re.escape(snippet), norm):
        before, after = norm[: found.start()], norm[found.end() :]
        if not (_DURATION_BEFORE.search(before) or _OTHER_EVENT_AFTER.match(after)):
            return False
    return True


def _search(norm: str, today: datetime.date) -> tuple[str, datetime.date, str] | None:
    """The most informative date inside a longer sentence: (matched text, day, precision)."""
    from dateparser.search import search_dates

    try:
        found = search_dates(norm, languages=["en"], settings=_settings(today)) or []
    except (
        Exception
    ):  # dateparser's search raises on some odd inputs; treat as "nothing found"
        return None
    best: tuple[tuple[int, int, int], str, datetime.date, str] | None = None
    for index, (snippet, _) in enumerate(found):
        snippet = snippet.strip()
        if snippet == "may" and norm != "may":
            continue  # the verb ("I may have ...")
        if _not_a_time(snippet, norm):
            continue
        has_month = bool(_MONTH_WORD.search(snippet) or _NUMERIC_DATE.search(snippet))
        has_year = bool(_YEAR4.search(snippet))
        meaningful = has_month or has_year or re.search(r"\d", snippet)
        if not (meaningful or _RELATIVE_WORD.search(snippet)):
            continue  # "sat in the" (Saturday), stray words
        if not _MONTH_WORD.search(snippet) and re.search(
            r"\b\d{1,2}(?:st|nd|rd|th)\b", snippet
        ):
            continue  # "6th" / "6th 2024": a day of an unknown month
        parsed = _dateparse(snippet, today)
        if parsed is None:
            continue
        score = (int(has_year), int(has_month), -index)
        if best is None or score > best[0]:
            best = (score, snippet, parsed[0], parsed[1])
    if best is None:
        return None
    _, snippet, day, precision = best
    year = _YEAR4.search(norm)
    no_year = not (_YEAR4.search(snippet) or _RELATIVE_WORD.search(snippet))
    if precision == "day" and year and no_year:
        # "march 5th or 6th 2024": the day is in one snippet, its year in another
        with_year = _dateparse(f"{snippet} {year.group(1)}", today)
        if with_year is not None:
            return snippet, with_year[0], with_year[1]
    return snippet, day, precision


def _regex_fallback(norm: str) -> tuple[str, datetime.date, str] | None:
    match = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", norm)
    if match:
        try:
            day = datetime.date(
                int(match.group(3)), int(match.group(1)), int(match.group(2))
            )
            return match.group(0), day, "day"
        except ValueError:
            pass
    match = re.search(rf"\b({_MONTH_RE})\.?,?\s+((?:1[89]|20)\d\d)\b", norm)
    if match:
        month = _month_number(match.group(1))
        return match.group(0), datetime.date(int(match.group(2)), month, 1), "month"
    match = _YEAR4.search(norm)
    if match:
        return match.group(0), datetime.date(int(match.group(1)), 1, 1), "year"
    return None


def _season(norm: str, today: datetime.date) -> DateAnswer | None:
    for match in _SEASON_RE.finditer(norm):
        name = _SEASONS[match.group("season").lower()]
        before, after = match.group("before"), match.group("after")
        whole = match.group(0).strip() == norm.strip(" .!?")
        # "fall" is also a verb/noun ("I had a fall"): only a season with season-like context.
        if not (before or after or whole):
            continue
        year: int | None = None
        if after:
            digits = re.sub(r"\D", "", after)
            year = (
                int(digits)
                if len(digits) == 4
                else int(_expand_two_digit_year(digits, today))
            )
        else:
            elsewhere = _YEAR4.search(norm)
            if elsewhere:
                year = int(elsewhere.group(1))
        if year is None:
            finished_only = bool(before and re.match(r"last\b", before.strip()))
            year = _latest_season_year(name, today, finished_only)
        start = (
            datetime.date(year - 1, 12, 1)
            if name == "winter"
            else datetime.date(year, _SEASON_START_MONTH[name], 1)
        )
        if year < EARLIEST_YEAR:
            return _unparsed()
        if start > today:
            return _future()
        return DateAnswer(season=name, season_year=year)
    return None


def _month_of_the_season(norm: str, today: datetime.date) -> DateAnswer | None:
    """A season said with its year and the month(s) of it named beside ("It was the fall of
    2023. October or maybe November"): the earliest month named (the earlier deadline), an
    estimate; None unless every month named is in that season (and no other year is said)."""
    season = next(
        (found for found in _SEASON_RE.finditer(norm) if found.group("after")), None
    )
    if season is None:
        return None
    years = {int(found.group(1)) for found in _YEAR4.finditer(norm)}
    digits = re.sub(r"\D", "", season.group("after"))
    year = int(digits if len(digits) == 4 else _expand_two_digit_year(digits, today))
    if years - {year}:
        return None
    name = _SEASONS[season.group("season").lower()]
    start = _SEASON_START_MONTH[name]
    in_season = [(start + shift - 1) % 12 + 1 for shift in range(3)]
    months = [
        _month_number(found.group(0).rstrip("."))
        for found in _MONTH_WORD.finditer(norm)
        if not (
            found.group(0).lower() == "may"
            and re.match(
                r"\s+(?:i|we|you|he|she|they|it|be|have|not)\b", norm[found.end() :]
            )
        )
    ]
    if not months or any(month not in in_season for month in months):
        return None
    # ordered within the season (winter's December comes before its January)
    month = min(months, key=in_season.index)
    in_year = year - 1 if name == "winter" and month == 12 else year
    answer = _answer(datetime.date(in_year, month, 1), "month", today)
    return replace(answer, approximate=True, exact=False) if answer.value else None


def _season_counted_back(norm: str, today: datetime.date) -> DateAnswer | None:
    """ "two summers ago" / "a couple summers back": the season of the year counted back from
    this year's (in November 2026, summer 2024; "last summer" is 2026's), read back so the
    month is asked. A month said with it and no year ("Two summers ago? Maybe July") is that
    month of the season's year: July 2024. None when no season is counted back, or a year is
    said (the year said decides)."""
    match = _SEASONS_AGO.search(norm)
    if match is None or _YEAR4.search(norm):
        return None
    name = _SEASONS[match.group("season").lower()]
    back = 2 if "before" in match.group(0).lower() else _count(match.group("count"))
    year = _latest_season_year(name, today, finished_only=False) - back
    if year < EARLIEST_YEAR:
        return _unparsed()
    months = [
        _month_number(found.group(0).rstrip("."))
        for found in _MONTH_WORD.finditer(norm)
    ]
    if months:
        month = months[-1]
        in_year = year - 1 if name == "winter" and month == 12 else year
        answer = _answer(datetime.date(in_year, month, 1), "month", today)
        return replace(answer, approximate=bool(answer.value))
    return DateAnswer(season=name, season_year=year)


def _season_said(norm: str) -> bool:
    """A season named as a time ("last spring", "in the summer", "fall of 2023"), not "a
    fall" alone."""
    return any(
        found.group("before") or found.group("after")
        for found in _SEASON_RE.finditer(norm)
    )


def _latest_season_year(name: str, today: datetime.date, finished_only: bool) -> int:
    """The year of the most recent `name` season that has started (or, for "last", ended).

    Winter is named by the year of its January: winter 2026 runs Dec 2025 - Feb 2026.
    """
    for year in range(today.year + 1, today.year - 3, -1):
        if name == "winter":
            start = datetime.date(year - 1, 12, 1)
            end = datetime.date(year, 3, 1) - datetime.timedelta(days=1)
        else:
            start = datetime.date(year, _SEASON_START_MONTH[name], 1)
            end = _add_months(start, 3) - datetime.timedelta(days=1)
        if (end < today) if finished_only else (start <= today):
            return year
    return today.year - 1  # pragma: no cover - the loop always finds one


def _last_named_month(norm: str, today: datetime.date) -> DateAnswer | None:
    """ "last september", "june of last year", "this past march": a month named with its year in
    words. "last <month>" is the previous calendar year's; "this past <month>" the latest one."""
    match = _MONTH_OF_YEAR.search(norm)
    if match:
        if match.group("month3"):
            month, back = _month_number(match.group("month3")), 2
        else:
            month = _month_number(match.group("month") or match.group("month2"))
            back = _years_back(match.group("which") or match.group("which2"))
        return _answer(datetime.date(today.year - back, month, 1), "month", today)
    match = _LAST_MONTH.search(norm)
    if not match:
        return None
    month = _month_number(match.group("month"))
    if match.group("which").lower() == "last":
        year = today.year - 1
    else:
        year = today.year if month < today.month else today.year - 1
    return _answer(datetime.date(year, month, 1), "month", today)


def _years_back(which: str) -> int:
    which = " ".join(which.lower().split())
    if which == "this":
        return 0
    if "before last" in which:
        return 2
    ago = re.match(r"(\w+)\s+years?\s+ago", which)
    return _count(ago.group(1)) if ago else 1


_ANCHOR = re.compile(
    rf"^(?P<rel>.*?\b(?:(?:{_COUNT_RE})\s+)?(?:day|week|month)s?)\s+(?P<dir>after|before)\s+"
    r"(?:the\s+)?(?P<date>.*\d.*)$",
    re.I,
)
_EXPLICIT_MDY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?"
    r"\s+(?P<year>(?:1[89]|20)\d\d)\b"
    r"|\b(?P<nmonth>\d{1,2})/(?P<nday>\d{1,2})/(?P<nyear>(?:1[89]|20)\d\d)\b",
    re.I,
)


# A month's day said without its year ("around January 28th"; not "jan 28, 2026", "may 3:30").
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\.?\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?!\s*,?\s*(?:1[89]|20)\d\d\b)(?![/:.]\d)"
    r"(?!\s*(?:years?|yrs?|months?|weeks?|days?|hours?)\b)",  # "december 2 years ago"
    re.I,
)
# A month with its year ("May 2025", "may of 2025") and a day said apart ("on the 19th").
_MONTH_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d)\b", re.I
)
# ("the 2nd floor", "the 3rd time", "the 2nd week of may": not a day, so only a day followed
# by the end of the clause or a word that starts the next one counts)
_DAY_ALONE = re.compile(
    r"\bthe\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:$|[.,;:!?…)-]|(?:and|but|so|then"
    r"|when|at|in|after|before|or|until|he|she|they|i|we|my|his|her|their|the|was"
    r"|were|is)\b))",
    re.I,
)
_DEATH_BEFORE = re.compile(r"\b(?:died|passed(?:\s+away)?|death)\s+(?:on\s+)?$", re.I)
_YEAR_IN_WORDS = re.compile(r"\b(?P<which>this|last)\s+year\b", re.I)


def _days_not_the_deaths(norm: str) -> Iterator[re.Match[str]]:
    """The month's days said (``_MONTH_DAY``) but the one said right after a death word ("2024
    i think. she passed dec 23": the death's day, which ``death_date_in`` reads, not the
    care's)."""
    for found in _MONTH_DAY.finditer(norm):
        if not _DEATH_BEFORE.search(norm[: found.start()]):
            yield found


def _pieced_date(norm: str, today: datetime.date) -> datetime.date | None:
    """A day whose parts were said apart, or None.

    "around January 28th… She died February 3rd. This year, 2026": the first month's day, in
    the year named elsewhere (a 4-digit year, "this year", "last year"); "May 2025. He went to
    the ER on the 19th and died on the 21st": the month and year, on the first day named.
    Never exact (the caller reads it back): the parts were put together."""
    full = _EXPLICIT_MDY.search(norm)
    month_day = next(_days_not_the_deaths(norm), None)
    if month_day and (full is None or month_day.start() < full.start()):
        year: int | None = None
        if full is not None:
            year = int(full.group("year") or full.group("nyear"))
        elif digits := _YEAR4.search(norm):
            year = int(digits.group(1))
        elif words := _YEAR_IN_WORDS.search(norm):
            year = today.year - (words.group("which").lower() == "last")
        month, day = (
            _month_number(month_day.group("month")),
            int(month_day.group("day")),
        )
        if year is None or not _real_date(year, month, day):
            return None
        for named_month in _MONTH_YEAR.finditer(norm):
            if int(named_month.group("year")) == year:
                # "may 2025, may 5th": the month's own day (`_day_named_later`, exact);
                # "march 2024 or april 12": another month's day, not taken.
                return None
        found = datetime.date(year, month, day)
        return None if found > today else found
    if full is not None or _NUMERIC_DATE.search(norm):
        return None
    named = list(_MONTH_YEAR.finditer(norm))
    day_alone = next(
        (
            found
            for found in _DAY_ALONE.finditer(norm)
            if not _DEATH_BEFORE.search(norm[: found.start()])
        ),
        None,
    )  # "died on the 21st" is the death's day, not the care's
    if len(named) != 1 or day_alone is None:
        return None
    year, month = int(named[0].group("year")), _month_number(named[0].group("month"))
    if not _real_date(year, month, int(day_alone.group("day"))):
        return None
    return datetime.date(year, month, int(day_alone.group("day")))


def _anchored_date(norm: str, today: datetime.date) -> DateAnswer | None:
    """ "the day after March 3 2024" -> March 4 2024 (not exact); None if not that shape."""
    match = _ANCHOR.match(norm)
    if not match:
        return None
    anchor = parse_date(match.group("date"), today)
    if anchor.value is None:
        return None
    ref = _parse_reference(anchor.value)
    if ref is None:  # pragma: no cover - parse_date always returns ISO text
        return None
    rel = match.group("rel")
    if match.group("dir") == "before":
        later = _LATER.search(f"{rel} later")
        unit, count = _later_count(later) if later else ("day", 1)
        if ref.precision != "day" or unit == "month":
            return _answer(ref.day, ref.precision, today)
        days = count * (7 if unit == "week" else 1)
        return _answer(ref.day - datetime.timedelta(days=days), "day", today)
    return _relative_to_reference(f"{rel} after", ref, today)


def _impossible_explicit_date(norm: str) -> bool:
    """True when the text spells out a full date that does not exist ("Feb 30 2026")."""
    for match in _EXPLICIT_MDY.finditer(norm):
        if match.group("month"):
            month, day = _month_number(match.group("month")), int(match.group("day"))
            year = int(match.group("year"))
        else:
            month, day = int(match.group("nmonth")), int(match.group("nday"))
            year = int(match.group("nyear"))
        if not _real_date(year, month, day) and not (
            match.group("nmonth")
            and _real_date(year, day, month)  # 14/6/2024 is day-first
        ):
            return True
    return False


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _is_exact(
    raw: str, snippet: str, norm: str, day: datetime.date, precision: str
) -> bool:
    """An explicit full date, 4-digit year as typed, not hedged and not an anchor."""
    if precision != "day" or not re.search(rf"\b{day.year}\b", raw):
        return False
    if not (_MONTH_WORD.search(snippet) or _NUMERIC_DATE.search(snippet)):
        return False
    if _HEDGE.search(norm) or re.search(r"\bago\b", snippet):
        return False
    position = norm.find(snippet)
    return not (position > 0 and _ANCHORED_BEFORE.search(norm[:position]))


# The day a person sets aside at the end of a date ("september 23 not 22", "the 5th, not the
# 6th", "march 3 not march 4"): a day of the month, maybe with its month, after "not".
_NOT_THAT_DAY = re.compile(
    r"[,;]?\s*\b(?:not|instead\s+of)\s+(?:on\s+)?(?:the\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:the\s+)?)?"
    r"\d{1,2}(?:st|nd|rd|th)?\s*[.!]*\s*$",
    re.I,
)


def parse_date(
    text: str,
    today: datetime.date,
    reference: str | None = None,
    born: str | None = None,
) -> DateAnswer:
    """Read when something happened from a free-text answer, never later than `today`.

    `reference` is an earlier answer in ISO form (maybe partial), used for "the same day", "a
    week later" or "on the 14th"; `born` the patient's birth (ISO), for "when he was 6 months
    old". See :class:`DateAnswer` for the result; a reply that both says no and gives
    the date ("no, it was september 2025") is that date, and so is one said after taking back
    another ("June 2025. Actually no, it was July 2025").
    """
    raw = " ".join((text or "").split())
    said = _NOT_THAT_DAY.sub("", raw)
    if said.strip(" ,;.") and said != raw:
        # "september 23 not 22": the day said, not the one taken back (never the year 2022)
        raw = said.strip(" ,;")
    if not raw:
        return _unparsed()
    taken_back = after_self_correction(raw)
    if taken_back is not None:
        corrected = parse_date(taken_back, today, reference, born)
        before = raw[: len(raw) - len(taken_back)]
        if corrected.value and len(corrected.value) == 4:
            kept = _month_kept(before, corrected, today)
            corrected = kept or corrected
        elif not _has_date_content(taken_back.lower()):
            # "October 18. no wait, the 17th": the day alone changes the month's day
            corrected = _day_changed(before, taken_back, today, reference) or corrected
        if corrected.value or corrected.season or corrected.problem == PROBLEM_FUTURE:
            return corrected
    return _after_reference(_read(raw, today, reference, born), raw, today, reference)


def _month_kept(
    before: str, corrected: DateAnswer, today: datetime.date
) -> DateAnswer | None:
    """A year alone said to take back another ("around easter 2022. wait no it was 2023",
    "june 2025. no wait, 2024") changes the year of what was said first and keeps its month
    (or day, or season); None when the words taken back name no month."""
    year = corrected.value or ""
    if not _YEAR4.fullmatch(year):
        return None
    months = list(re.finditer(rf"\b{_MONTH_RE}\b", before, re.I))
    if _YEAR4.search(before):
        again = _YEAR4.sub(year, before)
    elif months:  # "march. wait no, 2023": March 2023
        again = f"{before[: months[-1].end()]} {year}{before[months[-1].end() :]}"
    else:
        again = f"{before} {year}"
    answer = _read(again, today, None)  # not parse_date: these words are taken back
    if answer.season_year == int(year) and not answer.value:
        return answer
    if answer.value and len(answer.value) > 4 and answer.value[:4] == year:
        return replace(
            answer, exact=False, approximate=answer.approximate or corrected.approximate
        )
    return None


# The day a correction gives alone ("no wait, it was the 17th", "sorry, 17th"): at its start,
# or as "the 17th" ending its clause (not "17 days", "the 17th floor").
_CORRECTED_DAY = re.compile(
    r"^[\s,.!…-]*(?:(?:it\s+was|it'?s|was|i\s+mean)\s+)?(?:on\s+)?(?:the\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![/:.]\d|\s*(?:days?|weeks?|months?|years?"
    r"|hours?|am|pm|a\.m|p\.m|mg|%)\b)",
    re.I,
)


def _day_changed(
    before: str, correction: str, today: datetime.date, reference: str | None
) -> DateAnswer | None:
    """A day said alone to take back the day of a date just said ("October 18, I said. Sorry,
    no wait, it was the 17th, the Saturday"): that day of the month said first, October 17,
    read back (its year was not said); None when the words taken back name no month's day or
    the correction no day (a later day said with another event, "delivered on the 20th", is
    not the one taken)."""
    said = _read(before, today, reference)
    if not said.value or len(said.value) < 7:
        return None
    found = _CORRECTED_DAY.match(correction) or _DAY_ALONE.search(correction)
    if found is None:
        return None
    year, month, day = (
        int(said.value[:4]),
        int(said.value[5:7]),
        int(found.group("day")),
    )
    if not _real_date(year, month, day):
        return None
    answer = _answer(datetime.date(year, month, day), "day", today)
    return replace(answer, approximate=said.approximate) if answer.value else None


# A birthday named to measure from: "my birthday is february 20th so it was a few weeks after".
_BIRTHDAY_SAID = re.compile(
    rf"\b(?:my|his|her|their|our)\s+birth\s*day(?:\s+(?:is|was)|'s)?\s+(?:on\s+)?(?:the\s+)?"
    rf"(?:{_MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+of\s+{_MONTH_RE})"
    r"(?:,?\s+(?:1[89]|20)\d\d)?\b\.?",
    re.I,
)


def _read(
    raw: str, today: datetime.date, reference: str | None, born: str | None = None
) -> DateAnswer:
    norm = _normalize(raw, today)
    without_wrong = _NOT_DATE.sub(" ", norm)
    if without_wrong != norm and _has_date_content(without_wrong):
        norm = " ".join(without_wrong.split())  # "not 2025, it was 2024"
    without_birthday = _BIRTHDAY_SAID.sub(" ", norm)
    if without_birthday != norm and _has_date_content(without_birthday):
        # "my birthday is february 20th so it was a few weeks after, march maybe": March
        norm = raw = " ".join(without_birthday.split())
    ranged = _RANGE.search(norm)
    if ranged:
        first = (
            f"{ranged.group('month')} {ranged.group('day')} "
            f"{ranged.group('year1') or ranged.group('year')}"
            if ranged.group("month")
            else f"{ranged.group('dmonth')} {ranged.group('dday')} {ranged.group('dyear')}"
        )
        norm = norm[: ranged.start()] + first + norm[ranged.end() :]
        raw = first  # a range's first day is read back, never exact
        return replace(_parse(raw, norm, today, reference, born), exact=False)
    answer = _day_named_later(norm, _parse(raw, norm, today, reference, born), today)
    if answer.exact:
        return answer
    if answer.season:
        return replace(
            answer, approximate=True, readable=f"{answer.season} {answer.season_year}"
        )
    plain = _REPEATED.sub(" ", norm)  # "like i said" repeats an answer: no hedge
    if answer.value and (_HEDGE.search(plain) or _APPROXIMATE.search(plain)):
        return replace(answer, approximate=True, exact=False)
    return answer


# Words that give a date's year ("2025", "'24", "last year", "two years ago", "this may").
_YEAR_SAID = re.compile(
    r"\b(?:1[89]|20)\d\d\b|'\d\d\b|\b(?:years?|yrs?|ago|last|this|past|previous)\b",
    re.I,
)


# How far back an earlier date still places a month said without its year (see below).
_RECENT_REFERENCE_MONTHS = 36


def _after_reference(
    answer: DateAnswer, raw: str, today: datetime.date, reference: str | None
) -> DateAnswer:
    """A month (and day) said without its year after an earlier date is the first one on or
    after it: asked when they found out about an April 2025 surgery, "in may" is May 2025, not
    the latest May; "two days later, July 8" after July 6, 2025 is July 8, 2025. (After a year
    alone, "around 2021", a month may be of any later year: the latest one stays; so it does
    after a date years back: "I only found out in October" about a 2015 surgery is the latest
    October, as people leave out the year of what is recent.)"""
    ref = _parse_reference(reference)
    if (
        ref is None
        or ref.precision == "year"
        or ref.day < _add_months(today.replace(day=1), -_RECENT_REFERENCE_MONTHS)
        or answer.value is None
        or len(answer.value) < 7
        or _YEAR_SAID.search(raw)
        or not (
            _MONTH_WORD.search(raw)
            or _NUMERIC_DATE.search(raw)
            or _HOLIDAY.search(raw.lower())
        )
    ):
        return answer
    month = int(answer.value[5:7])
    day = int(answer.value[8:10]) if len(answer.value) == 10 else None
    for year in range(ref.day.year, today.year + 1):
        if day is not None and not _real_date(year, month, day):
            continue
        first = datetime.date(year, month, day or 1)
        last = first if day else _add_months(first, 1) - datetime.timedelta(days=1)
        if first > today:
            break
        if last >= ref.day:
            value = _iso(first, "day" if day else "month")
            return replace(answer, value=value, readable=humanize_date(value))
    return answer


# "may i guess", "may i think", "prob may": the month with a hedge, not the verb ("may I
# ask?"), when the words say nothing else.
_MAY_HEDGED = re.compile(
    r"(?:(?:in|around|about|maybe|probably|prob|like|i\s+think|i\s+guess)\s+)*may\b\W*"
    r"(?:(?:i\s+(?:guess|think|believe)|maybe|probably|prob|or\s+so|not\s+sure)\W*)*",
    re.I,
)


def _parse(
    raw: str,
    norm: str,
    today: datetime.date,
    reference: str | None,
    born: str | None = None,
) -> DateAnswer:
    if _MAY_HEDGED.fullmatch(norm.strip()):
        raw = norm = "may"  # (the hedge is read by `_read`: an estimate)
    if _BARE_NUMBER.fullmatch(norm.strip(" .!?")):
        # "the 14th" names no month, unless an earlier date gives it
        on_day = _day_after_reference(norm, _parse_reference(reference), today)
        return on_day or _unparsed()
    explicit = _has_date_content(norm)
    if (
        _UNKNOWN.search(norm)
        and not explicit
        and not _SEASONS_AGO.search(norm)
        and not _season_said(
            norm
        )  # "idk sometime last spring": that season, an estimate
        and not _COUNTED_BACK.search(
            norm
        )  # "idk like 3 yrs ago": an estimate all the same
    ):
        return _unparsed()

    if not explicit:
        ref = _parse_reference(reference)
        age = _age_said(norm)
        if age is not None:
            aged = _at_age(age, born, today)
            if aged is not None:
                return aged
            norm = f"{norm[: age.start()]} {norm[age.end() :]}"  # not "6 months ago"
        on_day = _day_after_reference(norm, ref, today)
        if on_day is not None:
            return on_day
        if _SAME_DAY.search(norm):
            if ref is None:
                return _unparsed()
            return DateAnswer(
                value=ref.value, exact=True, readable=humanize_date(ref.value)
            )
        next_match = _NEXT.search(norm)
        if _LATER.search(norm) or _DAY_AFTER.search(norm) or next_match:
            if ref is not None:
                relative = _relative_to_reference(norm, ref, today)
                if relative is not None:
                    return relative
            elif not (
                next_match and next_match.group("unit").lower() in {"week", "month"}
            ):
                return (
                    _unparsed()
                )  # "the day after" what? ("next week" is simply the future)
    else:
        anchored = _anchored_date(norm, today)
        if anchored is not None:
            return anchored
        if _impossible_explicit_date(norm):
            return _unparsed()  # "Feb 29 2025": say so rather than keep only the year

    counted = _season_counted_back(norm, today)
    if counted is not None:
        return counted
    in_season = _month_of_the_season(norm, today)
    if in_season is not None:
        return in_season
    month_or_day_named = bool(_MONTH_WORD.search(norm) or _NUMERIC_DATE.search(norm))
    if not month_or_day_named:
        season = _season(norm, today)
        if season is not None:
            return season

    last_month = _last_named_month(norm, today)
    if last_month is not None:
        return last_month

    pieced = _pieced_date(norm, today)
    if pieced is not None:
        return _answer(pieced, "day", today)

    whole = _dateparse(norm, today)
    found: tuple[str, datetime.date, str] | None = (
        (norm, whole[0], whole[1])
        if whole
        else _search(norm, today) or _regex_fallback(norm)
    )
    if found is None:
        return _unparsed()
    snippet, day, precision = found
    if precision == "year":
        # "Right before Christmas 2024" ("before december 2024"): the month said with the
        # year is its month, an estimate (not the year alone)
        with_month = next(
            (
                named
                for named in _MONTH_YEAR.finditer(norm)
                if int(named.group("year")) == day.year
            ),
            None,
        )
        if with_month is not None:
            month = datetime.date(day.year, _month_number(with_month.group("month")), 1)
            return replace(_answer(month, "month", today), approximate=True)
    return _answer(
        day, precision, today, exact=_is_exact(raw, snippet, norm, day, precision)
    )


# A birth date named as one, wherever it is said ("she's 54, born march 3 1972").
_BORN = re.compile(
    r"\b(?:born(?:\s+(?:on|in))?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*day|birth\s+date)"
    r"(?:\s+(?:is|was))?\s*:?\s+(?P<date>.+)",
    re.I,
)


def birth_date_in(text: str, today: datetime.date) -> DateAnswer | None:
    """The date said right after "born", "DOB", "date of birth" or "birthday", or None.

    Only a date with its month or year named counts ("born at 32 weeks" is no date), read up
    to the end of its sentence ("born march 3 1972. teresa delgado" is March 3, 1972)."""
    match = _BORN.search(" ".join((text or "").split()))
    if not match:
        return None
    said = re.split(r"[.;!?](?:\s|$)|\s(?:and|but|so)\s", match.group("date"))[0]
    if not (
        _MONTH_WORD.search(said) or _YEAR4.search(said) or _NUMERIC_DATE.search(said)
    ):
        return None
    if re.search(r"birth\s*day\b", match.group(0), re.I) and not _YEAR_SAID.search(
        said
    ):
        return None  # "my birthday is february 20th": a day of the year, not a birth
    answer = parse_date(said, today)
    if answer.value and len(answer.value) == len("YYYY-MM"):
        # "born feb last year. The 11th": the day said next, in that month
        whole = parse_date(match.group("date"), today)
        if (whole.value or "").startswith(answer.value) and len(
            whole.value or ""
        ) == 10:
            return whole
    return answer if answer.value else None


def _iso_span(iso: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) may mean."""
    ref = _parse_reference(iso)
    if ref is None:
        return None
    if ref.precision == "year":
        return ref.day, datetime.date(ref.day.year, 12, 31)
    if ref.precision == "month":
        return ref.day, _add_months(ref.day, 1) - datetime.timedelta(days=1)
    return ref.day, ref.day


def _years_between(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_at(birth: str | None, day: str | None) -> int | None:
    """How old someone born on `birth` was on `day` (both ISO, maybe partial): "2015-06-14"
    and care in "2023-03" -> 7; born the day of the care -> 0. None when the dates do not
    tell it (a birthday and a care known only to the year or the month may straddle it: born
    in 2015, care in 2023 is 7 or 8), or when the care comes before the birth."""
    born, when = _iso_span(birth or ""), _iso_span(day or "")
    if born is None or when is None:
        return None
    youngest = _years_between(born[1], when[0])
    oldest = _years_between(born[0], when[1])
    if youngest != oldest or youngest < 0:
        return None
    return youngest


# A death's day said with the care's ("He went to the ER on the 19th and died on the 21st").
_DIED = re.compile(
    r"\b(?:died|passed\s+away|passed|death\s+(?:was|came))(?:\s+(?:on|in))?\s+(?P<date>.+)",
    re.I,
)
_DAY_ONLY = re.compile(r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?", re.I)


def death_date_in(
    text: str, today: datetime.date, month: str | None = None
) -> str | None:
    """The date said right after "died" or "passed away" (ISO), or None.

    A day alone ("died on the 21st") is a day of `month` (``YYYY-MM...``, the care's month);
    a month said again with its day ("she died in march, march 14th") is that day; a month's
    day without its year ("She died February 3rd. This year, 2026.") takes the year named
    elsewhere in the message, else the first such day after `month` ("around thanksgiving
    last year and she died in march": the March after it, not the March of "last year")."""
    norm = " ".join((text or "").split())
    match = _DIED.search(norm)
    if not match:
        return None
    clause = re.split(r"[.;!?](?:\s|$)|\s(?:and|but|so)\s", match.group("date"))[0]
    parts = [part.strip() for part in re.split(r",\s", clause)]
    said = parts[0]
    again = _MONTH_DAY.match(parts[1]) if len(parts) > 1 else None
    if (
        again
        and re.fullmatch(rf"(?:in\s+)?{_MONTH_RE}\.?", said, re.I)
        and _month_number(again.group("month"))
        == _month_number(said.split()[-1].rstrip("."))
    ):
        said = again.group(0)  # "in march, march 14th"
    alone = _DAY_ONLY.fullmatch(said)
    if alone:
        if not month or not re.match(r"\d{4}-\d{2}", month):
            return None
        year, number, day = int(month[:4]), int(month[5:7]), int(alone.group("day"))
        if not _real_date(year, number, day):
            return None
        found = _answer(datetime.date(year, number, day), "day", today)
        return found.value
    if not (
        _MONTH_WORD.search(said) or _NUMERIC_DATE.search(said) or _YEAR4.search(said)
    ):
        return None
    year_said = _YEAR4.search(norm)
    if not _YEAR4.search(said) and year_said:
        said = f"{said} {year_said.group(0)}"
    elif not _YEAR_SAID.search(said) and month and re.match(r"\d{4}", month):
        return parse_date(said, today, reference=month).value
    elif not _YEAR4.search(said) and (year_words := _YEAR_IN_WORDS.search(norm)):
        said = f"{said} {year_words.group(0)}"
    answer = parse_date(said, today)
    return answer.value


# The death given as the time something else happened: "when he died", "the day she passed".
_AT_THE_DEATH = re.compile(
    r"\b(?:when|once|as\s+soon\s+as|the\s+(?:day|night|morning|evening|moment)(?:\s+that)?"
    r"|(?:right|just)\s+(?:after|when))\s+(?:he|she|they|it|(?:my|our|the)\s+(?:\w+\s+)?\w+)"
    r"\s+(?:died|passed(?:\s+away|\s+on)?|was\s+pronounced(?:\s+dead)?)\b"
    r"|\bat\s+(?:his|her|their|the)\s+death\b",
    re.I,
)


def names_the_death_as_the_time(text: str) -> bool:
    """True when the words give the patient's death as the time asked about ("when he died.
    the infection doc said it shouldve been caught a week earlier", "the day she passed"):
    the death's date, when it is known, is the answer. Not "after he died" (some time after)
    nor "before she died"."""
    return bool(_AT_THE_DEATH.search(" ".join((text or "").replace("’", "'").split())))


# "march 2024 like i said, it was march 12": the month and year, then the day in that month.
# "like i said" repeats an answer: it is not a hedge.
_REPEATED = re.compile(r"\blike\s+i\s+(?:said|told\s+you|mentioned|wrote)\b", re.I)


def _day_named_later(norm: str, answer: DateAnswer, today: datetime.date) -> DateAnswer:
    """A month-and-year answer made a full date by the day the same words give for that month
    ("march 2024 like i said, it was march 12" -> 2024-03-12); else the answer unchanged."""
    if not answer.value or len(answer.value) != 7:
        return answer
    year, month = (int(part) for part in answer.value.split("-"))
    for match in _days_not_the_deaths(norm):
        day = int(match.group("day"))
        if _month_number(match.group("month")) != month or not _real_date(
            year, month, day
        ):
            continue
        found = datetime.date(year, month, day)
        if found > today:
            return answer
        hedged = bool(_HEDGE.search(_REPEATED.sub(" ", norm)))
        return DateAnswer(
            value=found.isoformat(),
            exact=not hedged,
            readable=humanize_date(found.isoformat()),
            approximate=hedged,
        )
    # "She was born feb last year. The 11th": the one month named, on the day said alone
    # (read back: the parts were put together); not a death's day ("died on the 21st")
    days = {
        int(found.group("day"))
        for found in _DAY_ALONE.finditer(norm)
        if not _DEATH_BEFORE.search(norm[: found.start()])
    }
    if len(days) != 1 or len(_MONTH_WORD.findall(norm)) != 1:
        return answer
    day = days.pop()
    if not _real_date(year, month, day) or datetime.date(year, month, day) > today:
        return answer
    value = datetime.date(year, month, day).isoformat()
    return replace(answer, value=value, exact=False, readable=humanize_date(value))


_MONTH_MENTION = re.compile(
    rf"(?P<not>\bnot\s+(?:in\s+|on\s+)?)?\b(?P<month>{_MONTH_RE})\b\.?"
    r"(?!(?<=may)\s+(?:i|we|you|he|she|they|it|be|have|not)\b)"  # "may I ask"
    r"(?:\s+(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![/:.]\d))?"
    r"(?:,?\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d)\b)?",
    re.I,
)


def restates_date(text: str, held: object) -> bool:
    """True when the words say the held date (``YYYY-MM`` or ``YYYY-MM-DD``) again: its month
    named, not as wrong ("not november"), with no other day or year next to it. At a read-back
    of November 2025, "well the bedsores started maybe january? she went in november" says
    November again (January is when something else began); "no, november 2024" and "november
    12" do not (another year; a day not read back)."""
    found = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(held or ""))
    if not found:
        return False
    year, month = int(found.group(1)), int(found.group(2))
    day = int(found.group(3)) if found.group(3) else None
    for said in _MONTH_MENTION.finditer(" ".join((text or "").split())):
        if said.group("not") or _month_number(said.group("month")) != month:
            continue
        if said.group("year") and int(said.group("year")) != year:
            continue
        if said.group("day") and (day is None or int(said.group("day")) != day):
            continue
        return True
    return False
