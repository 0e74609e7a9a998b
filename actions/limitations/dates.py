"""Date helpers for the limitations engine: partial dates, calendar arithmetic, display.

Pure functions only. Periods are counted in calendar months, so adding years to Feb 29 lands on
Feb 28 of a common year (the day is clamped to the end of the target month).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

DateInput = str | date

_PERIOD = re.compile(r"^\s*(?:(\d+)\s*y)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*d)?\s*$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")


class DateFormatError(ValueError):
    """A date string is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or names no real day."""


@dataclass(frozen=True)
class PartialDate:
    """A date that may be known only to the month or the year.

    `earliest` is the first day it can be (what the engine counts from: the conservative choice),
    `latest` the last day it can be (used only to decide whether two dates are out of order).
    """

    earliest: date
    latest: date
    precision: str  # "day", "month" or "year"

    @property
    def is_partial(self) -> bool:
        return self.precision != "day"

    def describe(self) -> str:
        if self.precision == "year":
            return str(self.earliest.year)
        if self.precision == "month":
            return f"{self.earliest:%b} {self.earliest.year}"
        return format_date(self.earliest)


def parse_partial_date(value: DateInput, field: str) -> PartialDate:
    """Reads `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a `datetime.date`."""
    if isinstance(value, date):
        # datetime is a subclass of date; keep only the calendar day.
        day = date(value.year, value.month, value.day)
        return PartialDate(day, day, "day")
    if not isinstance(value, str):
        raise DateFormatError(
            f"{field} must be a date or an ISO date string, not {value!r}"
        )
    text = value.strip()
    try:
        if match := _ISO_DAY.match(text):
            y, m, d = (int(g) for g in match.groups())
            day = date(y, m, d)
            return PartialDate(day, day, "day")
        if match := _ISO_MONTH.match(text):
            y, m = (int(g) for g in match.groups())
            first = date(y, m, 1)
            last = date(y, m, calendar.monthrange(y, m)[1])
            return PartialDate(first, last, "month")
        if match := _ISO_YEAR.match(text):
            y = int(match.group(1))
            return PartialDate(date(y, 1, 1), date(y, 12, 31), "year")
    except ValueError as exc:  # e.g. 2023-02-30, month 13, year 0
        raise DateFormatError(f"{field} {value!r} is not a real date ({exc})") from None
    raise DateFormatError(
        f"{field} {value!r} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY"
    )


@dataclass(frozen=True, order=True)
class Period:
    """A span of calendar months, then days ("2y", "6m", "2y6m", "90d", "1y90d" in the data
    file): a notice of claim "within 90 days" is 90 days, not 3 months."""

    months: int
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(str(text))
        if not match or not any(match.groups()):
            raise ValueError(
                f"bad period {text!r}: expected e.g. '2y', '6m', '2y6m', '90d' or '1y90d'"
            )
        years, months, days = (int(g) if g else 0 for g in match.groups())
        return cls(years * 12 + months, days)

    @classmethod
    def years(cls, n: int) -> Period:
        return cls(12 * n)

    def after(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(days=self.days)

    def _parts(self) -> list[tuple[int, str]]:
        years, months = divmod(self.months, 12)
        return [
            (n, unit)
            for n, unit in ((years, "year"), (months, "month"), (self.days, "day"))
            if n
        ]

    def describe(self) -> str:
        parts = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in self._parts()]
        return " ".join(parts) or "0 months"

    def adjective(self) -> str:
        """'4-year', '2-year 6-month', '90-day': for 'the 4-year statute of repose'."""
        return " ".join(f"{n}-{unit}" for n, unit in self._parts())


def add_months(start: date, months: int) -> date:
    total = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(total, 12)
    month = month0 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def birthday(date_of_birth: date, age: int) -> date:
    """The day a person born on `date_of_birth` turns `age` (Feb 29 births: Feb 28)."""
    return add_months(date_of_birth, 12 * age)


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of age on `day` (0 for a day before birth)."""
    if day < date_of_birth:
        return 0
    years = day.year - date_of_birth.year
    if birthday(date_of_birth, years) > day:
        years -= 1
    return years


def format_date(day: date) -> str:
    """'Jan 1, 2025': the form used in explanations."""
    return f"{day:%b} {day.day}, {day.year}"
