from __future__ import annotations

from datetime import date

import pytest

from actions.limitations.dates import (
    DateFormatError,
    Period,
    add_months,
    age_on,
    birthday,
    format_date,
    parse_partial_date,
)


def test_parse_full_month_and_year() -> None:
    assert parse_partial_date("2024-03-15", "d").earliest == date(2024, 3, 15)
    month = parse_partial_date("2024-02", "d")
    assert (month.earliest, month.latest, month.precision) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        "month",
    )
    year = parse_partial_date(" 2023 ", "d")
    assert (year.earliest, year.latest) == (date(2023, 1, 1), date(2023, 12, 31))
    assert year.is_partial and not parse_partial_date(date(2024, 1, 1), "d").is_partial


@pytest.mark.parametrize(
    "text", ["2024-02-30", "2024-13", "24-01-01", "2024/01/01", "", "0000", "2024-1-5"]
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_partial_date(text, "incident date")


def test_periods() -> None:
    assert Period.parse("2y6m") == Period(30)
    assert Period.parse("6m").describe() == "6 months"
    assert Period.parse("1y").describe() == "1 year"
    assert Period(30).describe() == "2 years 6 months"
    assert Period.years(4).adjective() == "4-year"
    with pytest.raises(ValueError):
        Period.parse("two years")


def test_calendar_arithmetic_clamps_to_month_end() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert birthday(date(2016, 2, 29), 1) == date(2017, 2, 28)


def test_age_on() -> None:
    dob = date(2010, 6, 15)
    assert age_on(dob, date(2028, 6, 14)) == 17
    assert age_on(dob, date(2028, 6, 15)) == 18
    assert age_on(dob, date(2010, 1, 1)) == 0


def test_format_date() -> None:
    assert format_date(date(2025, 1, 1)) == "Jan 1, 2025"
