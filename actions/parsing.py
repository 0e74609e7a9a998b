"""Turn a person's free-text intake answers into clean slot values.

Every function here is pure and typed: it takes the text (and, for dates, the day to measure
from) and returns a value or ``None``; the intake form's validators decide what to say back.
Nothing happens at import time: ``dateparser`` is slow to import, so it is imported inside the
date helpers and its ``DateDataParser`` is built once per ``today`` and cached.

Judgment calls (each is pinned by a test in ``tests/test_parsing.py``):

* "two years ago" / "3 weeks ago" give a ``YYYY-MM-DD`` counted back from ``today``, not exact:
  the phrase is an offset from a real day, the limitations engine needs a day to count from, and
  ``exact=False`` makes the assistant read it back.  "last year" / "last month" name a calendar
  period and keep that precision ("2025", "2026-10").
* A hedged explicit date ("around June 3rd 2024 I think", "March 5th or 6th 2024") is found but is
  not ``exact``: the person said they are unsure, so it is read back.
* "no, that's right" gives ``None`` from ``parse_yes_no``: it agrees with a negative question, so
  its truth value depends on how the question was worded; asking again is safer than guessing.
* ``parse_state`` returns ``None`` when the text names two different states ("I live in Ohio but
  it happened in Texas"): the jurisdiction decides the deadline, so it asks again.
* ``parse_phone`` accepts a US number that ``phonenumbers`` calls invalid only because it uses the
  fictional 555 exchange (555-0100..0199 in older metadata), provided its area code is real.
* State typos use an edit distance that counts a swapped pair of letters as one edit ("flordia"),
  not difflib's ratio: it gives a budget per name length (none for names under 6 letters, so
  "main" never becomes Maine) that is easier to reason about than a similarity cutoff.
* ``humanize_date`` never raises: "" gives "" and non-ISO text comes back unchanged.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only; the libraries are imported lazily
    import phonenumbers
    from dateparser.date import DateDataParser

__all__ = [
    "DateAnswer",
    "INCIDENT_TYPES",
    "STATES",
    "humanize_date",
    "parse_date",
    "parse_email",
    "parse_incident_type",
    "parse_name",
    "parse_patient_role",
    "parse_phone",
    "parse_state",
    "parse_yes_no",
    "state_name",
]

# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

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
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b")
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
    r"\s+(?:later|after(?:wards?)?)\b",
    re.I,
)
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
_LAST_MONTH = re.compile(
    rf"\b(?:last|this\s+past|past)\s+(?P<month>{_MONTH_RE})\b(?!\.?\s*\d)", re.I
)


@dataclass(frozen=True)
class DateAnswer:
    """What a person's answer to "when did it happen?" says.

    ``value`` is ISO text at the precision the person gave (``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``). ``exact`` is True only for an explicit, unhedged full date with a 4-digit year;
    everything else is read back for confirmation. A named season sets ``season`` and
    ``season_year`` and leaves ``value`` empty so the assistant can ask which month.
    """

    value: str | None = None
    exact: bool = False
    season_year: int | None = None
    season: str | None = None
    problem: str | None = None
    readable: str = ""


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
        unit, count = later.group("unit").lower(), _count(later.group("count"))
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
    if ref.precision == "month":
        # "a week later" than "March 2025": still about March 2025; the read-back settles it.
        return _answer(ref.day, "month", today)
    days = count * (7 if unit == "week" else 1)
    return _answer(ref.day + datetime.timedelta(days=days), "day", today)


def _expand_two_digit_year(two_digits: str, today: datetime.date) -> str:
    """The most recent year ending in these digits: 24 -> 2024, 85 -> 1985 (from 2026)."""
    value = int(two_digits)
    century = today.year - today.year % 100
    year = century + value
    if year > today.year:
        year -= 100
    return str(year)


def _normalize(text: str, today: datetime.date) -> str:
    norm = " ".join(text.lower().replace("’", "'").split())
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
    return norm


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
    if _BARE_NUMBER.fullmatch(text.strip()):
        return None
    data = _date_parser(today).get_date_data(text)
    if data.date_obj is None:
        return None
    period = data.period or "day"
    precision = period if period in {"month", "year"} else "day"
    if re.search(r"\bago\b", text):
        precision = "day"  # an offset from today: see the module docstring
    return data.date_obj.date(), precision


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
    match = _LAST_MONTH.search(norm)
    if not match:
        return None
    month = _month_number(match.group("month"))
    year = today.year if month < today.month else today.year - 1
    return _answer(datetime.date(year, month, 1), "month", today)


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
        count = _count(later.group("count")) if later else 1
        unit = later.group("unit").lower() if later else "day"
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


def parse_date(
    text: str, today: datetime.date, reference: str | None = None
) -> DateAnswer:
    """Read when something happened from a free-text answer, never later than `today`.

    `reference` is an earlier answer in ISO form (maybe partial), used for "the same day" or
    "a week later". See :class:`DateAnswer` for the result.
    """
    raw = " ".join((text or "").split())
    if not raw:
        return _unparsed()
    norm = _normalize(raw, today)
    if _BARE_NUMBER.fullmatch(norm.strip(" .!?")):
        return _unparsed()
    explicit = _has_date_content(norm)
    if _UNKNOWN.search(norm) and not explicit:
        return _unparsed()

    if not explicit:
        ref = _parse_reference(reference)
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

    month_or_day_named = bool(_MONTH_WORD.search(norm) or _NUMERIC_DATE.search(norm))
    if not month_or_day_named:
        season = _season(norm, today)
        if season is not None:
            return season

    last_month = _last_named_month(norm, today)
    if last_month is not None:
        return last_month

    whole = _dateparse(norm, today)
    found: tuple[str, datetime.date, str] | None = (
        (norm, whole[0], whole[1])
        if whole
        else _search(norm, today) or _regex_fallback(norm)
    )
    if found is None:
        return _unparsed()
    snippet, day, precision = found
    return _answer(
        day, precision, today, exact=_is_exact(raw, snippet, norm, day, precision)
    )


# --------------------------------------------------------------------------------------------
# States
# --------------------------------------------------------------------------------------------

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

# Codes that are also everyday words: only a state when the whole answer is the code in capitals.
_WORD_CODES = frozenset({"in", "me", "ok", "or", "hi", "oh", "la"})
# Codes that are names/particles/abbreviations in a sentence ("de la Cruz", "Al", "ma", "mo").
_SENTENCE_UNSAFE_CODES = _WORD_CODES | {"id", "de", "al", "ma", "mo"}

# Phrases matched anywhere in the text (lower case, words separated by single spaces).
_STATE_PHRASES: dict[str, str] = {name.lower(): code for code, name in STATES.items()}
_STATE_PHRASES.update({
    "washington dc": "DC", "washington d c": "DC", "washington district of columbia": "DC",
    "d c": "DC", "washington state": "WA", "new york city": "NY", "nyc": "NY",
    "cali": "CA", "calif": "CA", "socal": "CA", "norcal": "CA", "jersey": "NJ",
    "penn": "PA", "penna": "PA", "penn state": "PA", "philly": "PA", "mass general": "MA",
    "massachusets": "MA", "ariz": "AZ", "colo": "CO", "conn": "CT", "fla": "FL", "okla": "OK",
    "tenn": "TN", "wisc": "WI", "minn": "MN", "mich": "MI", "nebr": "NE", "hawai i": "HI",
    "road island": "RI", "dc": "DC", "kansas city missouri": "MO", "kansas city mo": "MO",
    "kansas city kansas": "KS", "kansas city ks": "KS", "west va": "WV", "w va": "WV",
    "n carolina": "NC", "s carolina": "SC",
    "n dakota": "ND", "s dakota": "SD",
})  # fmt: skip
# Short forms that are ordinary words in a sentence ("a mass in my breast", "wash your hands"):
# a state only when they are the whole answer.
_STATE_ALONE: dict[str, str] = {
    "mass": "MA", "wash": "WA", "ill": "IL", "ind": "IN", "del": "DE", "tex": "TX",
    "ark": "AR", "miss": "MS", "ore": "OR", "mont": "MT", "nev": "NV", "neb": "NE",
    "kan": "KS", "kans": "KS", "wis": "WI", "ala": "AL", "wyo": "WY", "cal": "CA",
    "carolina": "", "dakota": "",  # two states each: ask again
}  # fmt: skip
# Words a typo-matcher would otherwise turn into a state.
_FUZZY_BLOCK = frozenset(
    {"indian", "indians", "george", "georges", "oregano", "texan", "kansan"}
)
_ARTICLES = frozenset({"the", "a", "an", "my", "his", "her", "their", "our", "your"})


def state_name(code: str) -> str:
    """ "TX" -> "Texas". Raises KeyError for an unknown code."""
    return STATES[code.strip().upper()]


def _osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbouring letters as one edit ("flordia")."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _allowed_typos(target: str) -> int:
    letters = len(target.replace(" ", ""))
    if letters < 6:
        return (
            0  # "Ohio", "Iowa", "Utah", "Maine", "Texas": too close to ordinary words
        )
    return 1 if letters <= 8 else 2


_STATE_NAMES: dict[str, str] = {name.lower(): code for code, name in STATES.items()}


@functools.lru_cache(maxsize=4096)
def _near_states(word: str) -> tuple[tuple[str, int], ...]:
    """(code, distance) for every state name one word is a plausible misspelling of."""
    if len(word) < 5 or word in _FUZZY_BLOCK:
        return ()
    near: list[tuple[str, int]] = []
    for name, code in _STATE_NAMES.items():
        glued = name.replace(" ", "")  # "newyork", "newjersy"
        budget = (
            _allowed_typos(name) if " " not in name else max(1, _allowed_typos(name))
        )
        if budget and abs(len(word) - len(glued)) <= budget:
            distance = _osa_distance(word, glued)
            if distance <= budget:
                near.append((code, distance))
    return tuple(near)


def _fuzzy_state(words: Sequence[str]) -> str | None:
    """A state name misspelled in one or two words, or None when nothing (or >1 state) is close."""
    candidates: dict[str, int] = {}
    for word in words:
        for code, distance in _near_states(word):
            candidates[code] = min(distance, candidates.get(code, distance))
    for first, second in zip(words, words[1:], strict=False):
        if len(second) < 5:
            continue
        for name, code in _STATE_NAMES.items():
            parts = name.split(" ")
            if len(parts) != 2 or abs(len(second) - len(parts[1])) > 2:
                continue
            if _osa_distance(first, parts[0]) > (1 if len(parts[0]) >= 4 else 0):
                continue
            if first != parts[0] and second == parts[1]:
                candidates[code] = 1  # "nrth dakota"
                continue
            budget = _allowed_typos(parts[1]) if len(parts[1]) >= 6 else 0
            if 0 < _osa_distance(second, parts[1]) <= budget:
                candidates[code] = 1  # "new jersy"
    if not candidates:
        return None
    best = min(candidates.values())
    winners = [code for code, distance in candidates.items() if distance == best]
    return winners[0] if len(winners) == 1 else None


def _find_phrases(text: str) -> list[tuple[int, str]]:
    """(position, code) for every state phrase, longest phrases first, never overlapping."""
    padded = f" {text} "
    taken = [False] * len(padded)
    found: list[tuple[int, str]] = []
    for phrase in sorted(_STATE_PHRASES, key=len, reverse=True):
        needle = f" {phrase} "
        start = padded.find(needle)
        while start != -1:
            span = range(start + 1, start + len(needle) - 1)
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                found.append((start, _STATE_PHRASES[phrase]))
            start = padded.find(needle, start + 1)
    return sorted(found)


def _single(codes: Iterable[str]) -> str | None:
    distinct = list(dict.fromkeys(codes))
    return distinct[0] if len(distinct) == 1 else None


def parse_state(text: str) -> str | None:
    """The two-letter USPS code (50 states + "DC") a person named, or None.

    Accepts codes ("tx", "N.Y."), names in any case and inside sentences, common short forms
    ("Cali", "Jersey", "Penn", "Mass"), and misspellings ("flordia", "pensylvania").
    """
    if not text or not text.strip():
        return None
    # "N.Y." -> "NY", "D.C." -> "DC", "Hawai'i" -> "Hawaii"
    cleaned = re.sub(r"\b([A-Za-z])\.\s?([A-Za-z])\b\.?", r"\1\2", text.strip())
    cleaned = re.sub(r"['’`]", "", cleaned)
    tokens = re.findall(r"[A-Za-z]+", cleaned)
    if not tokens:
        return None
    words = [token.lower() for token in tokens]
    lowered = " ".join(words)
    shouting = cleaned.upper() == cleaned and len(tokens) > 1

    if len(tokens) == 1:
        token, word = tokens[0], words[0]
        if word.upper() in STATES:
            if word not in _WORD_CODES or token.isupper():
                return word.upper()
            return None
        if word in _STATE_ALONE:
            return _STATE_ALONE[word] or None

    phrases = _find_phrases(lowered)
    if phrases:
        return _single(code for _, code in phrases)

    codes: list[str] = []
    for index, (token, word) in enumerate(zip(tokens, words, strict=False)):
        if word.upper() not in STATES:
            continue
        previous = words[index - 1] if index else ""
        following = words[index + 1] if index + 1 < len(words) else ""
        if previous in _ARTICLES or following in {"scan", "scans", "hospital"}:
            continue  # "the PA", "my MD", "a CT scan", "the VA hospital"
        if token.isupper() and not shouting and len(tokens) > 1:
            city_state = index == len(tokens) - 1 and tokens[index - 1][:1].isupper()
            if word not in _WORD_CODES or city_state:  # "Portland, OR", "Bangor ME"
                codes.append(word.upper())
        elif word not in _SENTENCE_UNSAFE_CODES and previous in {
            "in",
            "from",
            "at",
            "of",
            "near",
        }:
            codes.append(word.upper())  # SMS style: "it happened in tx"
    if codes:
        return _single(codes)
    return _fuzzy_state(words)


# --------------------------------------------------------------------------------------------
# Yes / no
# --------------------------------------------------------------------------------------------

_CONTRACTIONS: list[tuple[str, str]] = [
    (r"\bcan'?t\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (
        r"\b(do|does|did|was|were|is|are|have|has|had|could|would|should|must)nt\b",
        r"\1 not",
    ),
    (r"\bi'?m\b", "i am"),
    (r"\b(that|it|he|she)'?s\b", r"\1 is"),
    (r"\b(we|they|you)'re\b", r"\1 are"),
]
_UNSURE = re.compile(
    r"\b(?:not\s+(?:sure|certain)|do\s+not\s+know|do\s+not\s+remember|can\s+not\s+remember"
    r"|do\s+not\s+recall|no\s+idea|idk|dunno|unsure|maybe|perhaps|possibly|no\s+clue"
    r"|who\s+knows|kind\s+of|sort\s+of|hard\s+to\s+say)\b"
)
_THINK_NOT = re.compile(
    r"\b(?:do\s+not|dont)\s+(?:think|believe)\s+so\b|\bi\s+(?:think|believe)\s+not\b"
)
_THINK_SO = re.compile(r"\b(?:i\s+)?(?:think|believe|guess)\s+so\b")
_NEGATED_YES = re.compile(r"\bnot\s+(?:right|correct|true|really|at\s+all|exactly)\b")
_NO_WORDS = frozenset({
    "no", "nope", "nah", "n", "never", "none", "not", "nothing", "negative", "nay", "nop",
    "incorrect", "wrong", "false", "nobody", "neither", "noway",
})  # fmt: skip
_YES_WORDS = frozenset({
    "yes", "yeah", "yep", "yup", "ya", "yea", "yah", "y", "ye", "sure", "correct", "right",
    "absolutely", "definitely", "certainly", "affirmative", "true", "ok", "okay", "k", "indeed",
    "totally", "exactly", "yessir", "aye", "uhuh", "mhm", "yass", "ofc",
})  # fmt: skip
_YES_PHRASES = re.compile(
    r"\b(?:of\s+course|for\s+sure|you\s+bet|that\s+is\s+(?:right|correct|true)|uh\s+huh|mm+\s+hm+"
    r"|(?:it|he|she|they|we|i|you)\s+(?:was|were|did|do|does|is|am|are|has|have|had)\b)"
)
_EMPHATIC_NO = re.compile(
    r"\b(?:absolutely|definitely|certainly|of\s+course|hell|heck|surely)\s+not\b"
)


def parse_yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when unsure, mixed or not an answer.

    "I think so" is yes and "I don't think so" is no; "no, that's right" is None (it agrees
    with a negative question, so it depends on how the question was asked).
    """
    norm = " ".join((text or "").lower().replace("’", "'").split())
    for pattern, replacement in _CONTRACTIONS:
        norm = re.sub(pattern, replacement, norm)
    norm = re.sub(r"[^\w\s']", " ", norm)
    norm = " ".join(norm.split())
    if not norm:
        return None
    if _THINK_NOT.search(norm):
        return False
    if _THINK_SO.search(norm):
        return True
    if _EMPHATIC_NO.search(norm):
        return False
    if _UNSURE.search(norm):
        return None
    negative = bool(_NEGATED_YES.search(norm))
    stripped = _NEGATED_YES.sub(" ", norm)
    words = stripped.split()
    negative = negative or any(
        w in _NO_WORDS or re.fullmatch(r"no+|nope+|nah+", w) for w in words
    )
    negative = negative or bool(re.search(r"\buh\s+uh\b", stripped))
    positive = any(
        w in _YES_WORDS or re.fullmatch(r"y+e+[sa]+h?|ye+p+|yu+p+|ok+a*y*", w)
        for w in words
    ) or bool(_YES_PHRASES.search(stripped) and not negative)
    if positive and negative:
        return None
    if positive:
        return True
    if negative:
        return False
    return None


# --------------------------------------------------------------------------------------------
# Who the patient was
# --------------------------------------------------------------------------------------------

_ROLE_CODES = frozenset({"self", "child", "spouse", "parent", "other_family", "other"})
_ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # In-laws and grandparents first: they contain parent/child words.
    ("other_family", re.compile(
        r"\b(?:(?:mother|father|son|daughter|brother|sister)[\s-]*in[\s-]*law|in[\s-]*laws?"
        r"|grand(?:mother|father|ma|pa|mom|dad|son|daughter|child|children|kid|kids|parents?)"
        r"|granny|gran|nana|nanna|grampa|gramps|great[\s-]+(?:grand\w*|aunt|uncle)"
        r"|brother|sister|sibling|siblings"
        r"|bro|sis|aunt|auntie|aunty|uncle|cousin|niece|nephew|step[\s-]*(?:brother|sister)"
        r"|relative|family\s+member|other\s+family|family)\b")),
    ("child", re.compile(
        r"\b(?:son|daughter|baby|babies|kid|kids|child|children|newborn|infant|twins?|toddler"
        r"|step[\s-]*(?:son|daughter|child|kid)|little\s+(?:boy|girl|one)|boy|girl|teen"
        r"|teenager)\b")),
    ("spouse", re.compile(
        r"\b(?:wife|husband|spouse|partner|hubby|fianc[eé]e?|boyfriend|girlfriend|bf|gf)\b")),
    ("parent", re.compile(
        r"\b(?:mom|mother|mum|mommy|mama|momma|dad|father|daddy|papa|pops|parents?"
        r"|step[\s-]*(?:mom|mother|dad|father))\b")),
    ("other", re.compile(
        r"\b(?:friend|friends|neighbou?r|neighbou?rs|someone\s+else|somebody\s+else"
        r"|some\s+one\s+else|client|clients|co[\s-]*worker|colleague|boss|employee|roommate"
        r"|patient\s+of\s+mine|stranger|acquaintance)\b")),
]  # fmt: skip
# Weak words for "other": used only when nothing more specific is said ("the other one", "else").
_ROLE_OTHER_WEAK = re.compile(
    r"\b(?:other|else|another\s+person|not\s+(?:me|myself))\b"
)
# "my friend's mom", "my son's wife": the patient belongs to someone else.
_POSSESSIVE = re.compile(r"\b(?P<owner>[a-z]+)'s\s+(?:\w+\s+)?(?P<whose>[a-z]+)\b")
_SELF_STRONG = re.compile(
    r"\b(?:it\s+was\s+me|its\s+me|it\s+is\s+me|myself|me\s+personally"
    r"|i\s+(?:was|am)\s+the\s+patient"
    r"|the\s+patient\s+(?:was|is)\s+me|i\s+was\s+(?:injured|hurt|harmed|the\s+one))\b"
)
_SELF_WEAK = re.compile(r"^(?:i|self|mine|i\s+was|i\s+am|i\s+did)$|\bme\b")
_NEGATED_ROLE = re.compile(r"\bnot\s+(?:me|myself|my\s+\w+)\b")


def parse_patient_role(text: str) -> str | None:
    """Who the patient was, from the person's side: self, child, spouse, parent, other_family,
    other; or None. When several are named, the first one mentioned wins ("my son, not me")."""
    norm = " ".join((text or "").lower().replace("’", "'").split())
    norm = re.sub(r"[^\w\s'-]", " ", norm)
    norm = " ".join(norm.split())
    if not norm:
        return None
    for possessive in _POSSESSIVE.finditer(norm):
        owner, whose = (
            _role_of(possessive.group("owner")),
            _role_of(possessive.group("whose")),
        )
        if owner and whose:
            return "other" if "other" in {owner, whose} else "other_family"
    norm = norm.replace("'", "")
    code = norm.replace(" ", "_")
    if code in _ROLE_CODES:
        return code
    if norm in {
        "self",
        "me",
        "myself",
        "i",
        "i was",
        "i am",
        "mine",
        "yes me",
        "just me",
    }:
        return "self"
    positive = _NEGATED_ROLE.sub(lambda m: " " * len(m.group(0)), norm)
    hits: list[tuple[int, str]] = []
    for role, pattern in _ROLE_PATTERNS:
        match = pattern.search(positive)
        if match:
            hits.append((match.start(), role))
    strong = _SELF_STRONG.search(positive)
    if strong:
        hits.append((strong.start(), "self"))
    if hits:
        return min(hits)[1]
    if _SELF_WEAK.search(positive):
        return "self"
    if _ROLE_OTHER_WEAK.search(norm):
        return "other"
    return None


def _role_of(word: str) -> str | None:
    """The role a single relation word names ("mom" -> parent), or None."""
    for role, pattern in _ROLE_PATTERNS:
        if pattern.fullmatch(word):
            return role
    return None


# --------------------------------------------------------------------------------------------
# Phone, email
# --------------------------------------------------------------------------------------------


def parse_phone(text: str, region: str = "US") -> str | None:
    """The first valid phone number in the text, as E.164 ("+12065550112"), or None.

    A North American number that ``phonenumbers`` rejects only because of the 555 exchange
    (reserved for fiction, 555-0100..0199, and used in demos) is accepted when the same number
    with an ordinary exchange would be valid, i.e. its area code is real.
    """
    import phonenumbers

    if not text or not text.strip():
        return None
    matcher = phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.POSSIBLE
    )
    for match in matcher:
        number = match.number
        if phonenumbers.is_valid_number(number) or _is_fictional_nanp(number):
            return phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )
    return None


def _is_fictional_nanp(number: phonenumbers.PhoneNumber) -> bool:
    import phonenumbers

    national = str(number.national_number)
    if number.country_code != 1 or len(national) != 10 or national[3:6] != "555":
        return False
    if not phonenumbers.is_possible_number(number):
        return False
    ordinary_exchange = int(national[:3] + "234" + national[6:])
    probe = phonenumbers.PhoneNumber(country_code=1, national_number=ordinary_exchange)
    return bool(phonenumbers.is_valid_number(probe))


_EMAIL_TOKEN = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")


def parse_email(text: str) -> str | None:
    """The first email address in the text, normalized (domain lower-cased), or None."""
    from email_validator import EmailNotValidError, validate_email

    for match in _EMAIL_TOKEN.finditer(text or ""):
        candidate = match.group(0).strip(".!?,;:'\"").removeprefix("mailto:")
        try:
            return validate_email(candidate, check_deliverability=False).normalized
        except EmailNotValidError:
            continue
    return None


# --------------------------------------------------------------------------------------------
# Incident type
# --------------------------------------------------------------------------------------------

INCIDENT_TYPES = (
    "surgical_error",
    "birth_injury",
    "medication_error",
    "misdiagnosis",
    "anesthesia_error",
    "other",
    "not_medmal",
)
_INCIDENT_TITLES: dict[str, str] = {
    "surgical error": "surgical_error",
    "birth injury": "birth_injury",
    "medication error": "medication_error",
    "missed or wrong diagnosis": "misdiagnosis",
    "misdiagnosis": "misdiagnosis",
    "anesthesia error": "anesthesia_error",
    "other medical care": "other",
    "something else": "other",
    "other": "other",
    "not a medical issue": "not_medmal",
    "not medical": "not_medmal",
}
_NOT_MEDICAL = re.compile(
    r"\b(?:not\s+(?:a\s+)?medical|nothing\s+(?:to\s+do\s+with\s+)?medical|non[\s-]?medical"
    r"|not\s+(?:about\s+)?(?:a\s+)?(?:doctor|hospital)|not\s+med\s*mal)\b"
)
_BIRTH = re.compile(
    r"\b(?:birth|births|born|delivery|delivered|deliver|labou?r|newborn|cerebral\s+palsy"
    r"|erb'?s\s+palsy|c[\s-]?section|cesarean|caesarean|obstetric\w*|ob[\s/-]?gyn"
    r"|shoulder\s+dystocia"
    r"|midwife|nicu|forceps|vacuum\s+extraction)\b"
)
_ANESTHESIA = re.compile(
    r"\b(?:an(?:a)?esthe\w*|sedat\w*|epidural|intubat\w*|woke\s+up\s+during|put\s+under"
    r"|spinal\s+block|nerve\s+block)\b"
)
# Tiered cues: a tier-1 cue names the error itself, tier 2 only the setting it happened in.
_INCIDENT_TIERS: list[list[tuple[str, re.Pattern[str]]]] = [
    [
        ("surgical_error", re.compile(
            r"\b(?:surgical\s+error|wrong[\s-]+(?:site|side|limb|leg|arm|knee|eye|patient)"
            r"|botched\s+(?:surgery|operation)"
            r"|left\s+(?:a\s+|an\s+)?(?:sponge|instrument|clamp|tool)"
            r"|(?:sponge|instrument)\s+left|nicked|punctured|perforated)\b")),
        ("medication_error", re.compile(
            r"\b(?:medication\s+error|wrong\s+(?:drug|medication|medicine|meds|pills?|dose|dosage"
            r"|prescription)|overdos\w*|too\s+much\s+\w+|drug\s+interaction|allergic\s+to)\b")),
        ("misdiagnosis", re.compile(
            r"\b(?:mis[\s-]?diagnos\w*|misdiagnos\w*|wrong\s+diagnosis|late\s+diagnosis"
            r"|delayed\s+diagnosis|missed\s+diagnosis|fail\w*\s+to\s+diagnose|never\s+diagnosed"
            r"|(?:cancer|tumou?r|stroke|heart\s+attack|fracture|infection|appendicitis|sepsis)\s+"
            r"(?:was\s+)?(?:missed|overlooked|not\s+caught)|missed\s+(?:my|his|her|the|a|an)\s+\w+"
            r"|didn'?t\s+catch|did\s+not\s+catch|sent\s+(?:me|him|her|them)\s+home)\b")),
        ("other", re.compile(
            r"\b(?:nursing\s+home|bed\s*sores?|pressure\s+(?:sores?|ulcers?)|hospital\s+fall"
            r"|(?:fell|fall|slipped|tripped)\b.*\b(?:hospital|clinic|nursing|rehab|ward|er)"
            r"|(?:hospital|staph|surgical\s+site)\s+infection"
            r"|infection|sepsis|mrsa|dental|dentist|chiropract\w*|neglect\w*)\b")),
    ],
    [
        ("medication_error", re.compile(
            r"\b(?:medications?|medicines?|meds|prescri\w*|pharmac\w*|drugs?|doses?|dosage"
            r"|pills?|insulin|chemo\w*)\b")),
        ("misdiagnosis", re.compile(r"\b(?:diagnos\w*|missed|overlooked|undiagnosed)\b")),
        ("surgical_error", re.compile(
            r"\b(?:surgery|surgeries|surgical|surgeon|operation|operated)\b")),
        ("birth_injury", re.compile(r"\b(?:pregnan\w*|prenatal|ultrasound)\b")),
    ],
]  # fmt: skip
_NOT_MEDMAL_WORDS = re.compile(
    r"\b(?:car|cars|truck|auto|motorcycle|crash|accident\s+at\s+work|work\s+(?:injury|accident)"
    r"|workplace|workers?\s+comp\w*|landlord|apartment|tenant|eviction|slip(?:ped)?|tripped"
    r"|store|grocery|billing|bills?|insurance|dog|divorce|custody|fired|employer|dui"
    r"|arrested|criminal)\b"
)
_OTHER_MEDICAL = re.compile(
    r"\b(?:something\s+else|other|doctor|dr|physician|nurse|hospital|er|emergency\s+room|clinic"
    r"|medical|treatment|therapist|therapy|care)\b"
)


def parse_incident_type(text: str) -> str | None:
    """What kind of harm the person describes: one of ``INCIDENT_TYPES`` or None."""
    norm = " ".join((text or "").lower().replace("’", "'").replace("_", " ").split())
    norm = norm.strip(" .!?")
    if not norm:
        return None
    if norm.replace(" ", "_") in INCIDENT_TYPES:
        return norm.replace(" ", "_")
    if norm in _INCIDENT_TITLES:
        return _INCIDENT_TITLES[norm]
    if _NOT_MEDICAL.search(norm):
        return "not_medmal"
    if _BIRTH.search(norm):
        return "birth_injury"  # an epidural or a drug during labour is still a birth injury case
    if _ANESTHESIA.search(norm):
        return "anesthesia_error"
    for tier in _INCIDENT_TIERS:
        # The cue mentioned first wins; on a tie, the order of the tier.
        hits = [
            (match.start(), order, kind)
            for order, (kind, pattern) in enumerate(tier)
            if (match := pattern.search(norm))
        ]
        if hits:
            return min(hits)[2]
    if _NOT_MEDMAL_WORDS.search(norm):
        return "not_medmal"
    if _OTHER_MEDICAL.search(norm):
        return "other"
    return None


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_NAME_PREFIX = re.compile(
    r"^(?:(?:hi|hello|hey|yes|yeah|ok|okay|sure)\b[\s,!.]*)?"
    r"(?:(?:my\s+)?(?:full\s+)?name\s+is|my\s+name'?s|name'?s|the\s+name'?s|names|name\s*:"
    r"|i'?m|i\s+am|im"
    r"|it'?s|its|this\s+is|call\s+me|you\s+can\s+call\s+me|it\s+is|me\s*:)\s+",
    re.I,
)
_NAME_SUFFIX = re.compile(r"[\s,]+(?:here|thanks|thank\s+you|thx|ty)[\s.!]*$", re.I)
_TITLES = re.compile(
    r"^(?:dr|doctor|mr|mrs|ms|miss|mx|prof|professor|rev|sir|madam)\.?\s+", re.I
)
_NOT_NAME_WORDS = frozenset({
    "why", "what", "how", "when", "where", "who", "need", "want", "you", "your", "that", "know",
    "no", "yes", "nope", "yeah", "ok", "okay", "sure", "hello", "hi", "hey", "thanks", "thank",
    "please", "help", "stop", "rather", "not", "none", "anonymous", "skip", "prefer", "idk",
    "the", "is", "am", "was", "it", "i", "my", "me", "and", "or", "do", "does", "don't", "dont",
    "n/a", "nothing", "unknown", "private", "secret", "test", "asdf", "human", "agent",
    "lawyer", "attorney", "name", "have", "can", "this", "for", "to", "a", "of",
})  # fmt: skip
_NAME_PARTICLES = frozenset(
    {
        "de",
        "la",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "du",
        "le",
        "bin",
        "al",
    }
)


def parse_name(text: str) -> str | None:
    """A person's name from "Alex Moreno" / "my name is pat sullivan" / "I'm Jordan", or None.

    Titles ("Dr.", "Mrs.") are dropped; all-lower-case names are title-cased (keeping particles
    such as "de la" lower case); any other casing is kept as typed.
    """
    name = " ".join((text or "").replace("’", "'").split()).strip(" !,;:")
    if not name or "?" in name or "@" in name or re.search(r"\d", name):
        return None
    for _ in range(2):  # "hi, my name is ..." then "Dr. ..."
        name = _NAME_PREFIX.sub("", name).strip(" !,;:")
        name = _NAME_SUFFIX.sub("", name).strip(" !,;:")
        name = _TITLES.sub("", name).strip(" !,;:")
    if name.endswith(".") and not re.search(r"(?:\b[^\W\d_]|\b[JjSs]r)\.$", name):
        name = name[:-1]  # a full stop, not "Jr." or an initial
    words = name.split()
    if not words or len(words) > 6:
        return None
    if not all(
        re.fullmatch(r"[^\W\d_]+(?:[.'-][^\W\d_]*)*\.?", word) for word in words
    ):
        return None
    if any(word.lower().strip(".") in _NOT_NAME_WORDS for word in words):
        return None
    if sum(ch.isalpha() for ch in name) < 2:
        return None
    if name.islower():
        words = [
            word if (index and word in _NAME_PARTICLES) else _capitalize_name_word(word)
            for index, word in enumerate(words)
        ]
    return " ".join(words)


def _capitalize_name_word(word: str) -> str:
    """ "o'brien" -> "O'Brien", "mary-jane" -> "Mary-Jane"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], word)
