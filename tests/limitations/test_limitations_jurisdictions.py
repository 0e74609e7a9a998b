"""One worked example per jurisdiction, each checked by hand against the statute quoted beside it.

All examples are computed as of Nov 22, 2026. Expected dates were worked out from the statute's
wording, not by running the engine.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from actions.limitations import ATTORNEY_CAVEAT, compute

AS_OF = "2026-11-22"


class Example(NamedTuple):
    state: str
    incident: str
    discovery: str | None
    deadline: str
    status: str
    cite: str  # a fragment the citation must contain
    rule: str  # the statute's rule, as applied by hand


EXAMPLES = [
    Example(
        "AK",
        "2024-06-01",
        "2025-01-10",
        "2027-01-10",
        "urgent",
        "09.10.070",
        "2y from discovery (Pederson)",
    ),
    Example(
        "AL",
        "2023-05-01",
        "2025-08-01",
        "2026-02-01",
        "expired",
        "6-5-482",
        "undiscoverable in 2y: 6 months from discovery, within 4y",
    ),
    Example(
        "AR",
        "2025-01-15",
        None,
        "2027-01-15",
        "urgent",
        "16-114-203",
        "2y from the act and no other time",
    ),
    Example(
        "AZ",
        "2024-02-01",
        "2024-09-30",
        "2026-09-30",
        "expired",
        "12-542",
        "2y from accrual on discovery",
    ),
    Example(
        "CA",
        "2025-09-01",
        "2026-01-10",
        "2027-01-10",
        "urgent",
        "340.5",
        "3y from injury or 1y from discovery, whichever first",
    ),
    Example(
        "CO",
        "2024-01-10",
        "2026-06-01",
        "2027-01-10",
        "urgent",
        "13-80-102.5",
        "2y from discovery, capped at 3y from the act",
    ),
    Example(
        "CT",
        "2025-04-01",
        "2025-10-01",
        "2027-10-01",
        "open",
        "52-584",
        "2y from discovery, within 3y of the act",
    ),
    Example(
        "DC",
        "2023-07-01",
        "2024-02-01",
        "2027-02-01",
        "urgent",
        "12-301(8)",
        "3y from discovery (Burns v. Bell)",
    ),
    Example(
        "DE",
        "2024-01-10",
        "2026-03-01",
        "2027-01-10",
        "urgent",
        "6856",
        "undiscoverable in 2y: before 3y from injury",
    ),
    Example(
        "FL",
        "2021-01-01",
        "2024-05-01",
        "2025-01-01",
        "expired",
        "95.11",
        "2y from discovery, 4y repose",
    ),
    Example(
        "GA",
        "2025-02-01",
        None,
        "2027-01-31",
        "urgent",
        "9-3-71",
        "2y from injury, ending the day before the anniversary (Clark, 1978)",
    ),
    Example(
        "HI",
        "2021-05-01",
        "2026-01-15",
        "2027-05-01",
        "open",
        "657-7.3",
        "2y from discovery, 6y repose",
    ),
    Example(
        "IA",
        "2022-03-01",
        "2026-09-01",
        "2028-03-01",
        "open",
        "614.1(9)",
        "2y from discovery, 6y repose",
    ),
    Example(
        "ID", "2025-06-30", None, "2027-06-30", "open", "5-219(4)", "2y from occurrence"
    ),
    Example(
        "IL",
        "2023-01-01",
        "2025-06-01",
        "2027-01-01",
        "urgent",
        "13-212",
        "2y from discovery, 4y repose",
    ),
    Example(
        "IN",
        "2025-04-10",
        None,
        "2027-04-10",
        "open",
        "34-18-7-1",
        "2y from occurrence",
    ),
    Example(
        "KS",
        "2023-10-01",
        "2025-12-01",
        "2027-10-01",
        "open",
        "60-513",
        "2y from ascertainable injury, 4y repose",
    ),
    Example(
        "KY",
        "2025-05-01",
        "2026-02-01",
        "2027-02-01",
        "urgent",
        "413.140",
        "1y from discovery",
    ),
    Example(
        "LA",
        "2024-11-01",
        "2026-06-01",
        "2027-06-01",
        "open",
        "9:5628",
        "1y from act or discovery, within 3y",
    ),
    Example(
        "MA",
        "2024-03-01",
        "2025-09-15",
        "2028-09-15",
        "open",
        "260, § 4",
        "3y from discovery, 7y repose",
    ),
    Example(
        "MD",
        "2023-03-01",
        "2025-01-01",
        "2028-01-01",
        "open",
        "5-109",
        "5y from injury or 3y from discovery, whichever shorter",
    ),
    Example(
        "ME",
        "2024-08-01",
        "2026-01-01",
        "2027-08-01",
        "open",
        "2902",
        "3y from the act; no discovery rule",
    ),
    Example(
        "MI",
        "2024-12-01",
        "2026-09-01",
        "2027-03-01",
        "open",
        "600.5838a",
        "2y from act or 6 months from discovery, later",
    ),
    Example(
        "MN",
        "2023-02-01",
        "2025-01-01",
        "2027-02-01",
        "urgent",
        "541.076",
        "4y; no discovery rule",
    ),
    Example(
        "MO", "2025-01-20", None, "2027-01-20", "urgent", "516.105", "2y from the act"
    ),
    Example(
        "MS",
        "2025-03-01",
        "2025-09-01",
        "2027-09-01",
        "open",
        "15-1-36",
        "2y from discovery",
    ),
    Example(
        "MT",
        "2025-01-01",
        "2025-07-01",
        "2027-07-01",
        "open",
        "27-2-205",
        "2y from discovery (MCA 2023 text: 2 years)",
    ),
    Example(
        "NC",
        "2024-01-05",
        None,
        "2027-01-05",
        "urgent",
        "1-15(c)",
        "3y from the last act",
    ),
    Example(
        "ND",
        "2024-01-01",
        "2025-05-01",
        "2027-05-01",
        "open",
        "28-01-18",
        "2y from discovery",
    ),
    Example(
        "NE",
        "2022-01-01",
        "2026-02-01",
        "2027-02-01",
        "urgent",
        "44-2828",
        "undiscoverable in 2y: 1y from discovery",
    ),
    Example(
        "NH",
        "2024-01-01",
        "2025-06-01",
        "2028-06-01",
        "open",
        "508:4",
        "3y from act or discovery",
    ),
    Example(
        "NJ",
        "2025-01-01",
        "2025-08-01",
        "2027-08-01",
        "open",
        "2A:14-2",
        "2y from discovery (Lopez)",
    ),
    Example(
        "NM",
        "2024-03-15",
        "2026-01-01",
        "2027-03-15",
        "open",
        "41-5-13",
        "3y from the act; no discovery",
    ),
    Example(
        "NV",
        "2024-01-01",
        "2024-06-01",
        "2026-06-01",
        "expired",
        "41A.097",
        "3y from injury or 2y from discovery, first",
    ),
    Example(
        "NY",
        "2025-01-15",
        None,
        "2027-07-15",
        "open",
        "214-a",
        "2 years 6 months from the act",
    ),
    Example(
        "OH",
        "2025-10-01",
        "2026-03-01",
        "2027-03-01",
        "open",
        "2305.113",
        "1y from accrual",
    ),
    Example(
        "OK",
        "2025-01-01",
        "2025-11-01",
        "2027-11-01",
        "open",
        "76, § 18",
        "2y from discovery",
    ),
    Example(
        "OR",
        "2025-12-01",
        "2025-12-01",
        "2027-12-01",
        "open",
        "12.110(4)",
        "2y from discovery, 5y repose",
    ),
    Example(
        "PA",
        "2024-05-01",
        "2025-02-01",
        "2027-02-01",
        "urgent",
        "5524(2)",
        "2y from discovery",
    ),
    Example(
        "RI",
        "2024-01-01",
        "2024-06-01",
        "2027-06-01",
        "open",
        "9-1-14.1",
        "3y from discovery",
    ),
    Example(
        "SC",
        "2021-06-01",
        "2025-01-01",
        "2027-06-01",
        "open",
        "15-3-545",
        "3y from discovery, 6y repose",
    ),
    Example(
        "SD",
        "2025-02-15",
        "2026-01-01",
        "2027-02-15",
        "urgent",
        "15-2-14.1",
        "2y from occurrence",
    ),
    Example(
        "TN",
        "2025-01-01",
        "2026-06-01",
        "2027-06-01",
        "open",
        "29-26-116",
        "1y from discovery, 3y repose",
    ),
    Example(
        "TX", "2025-03-15", None, "2027-03-15", "open", "74.251", "2y from the breach"
    ),
    Example(
        "UT",
        "2023-01-01",
        "2025-06-01",
        "2027-01-01",
        "urgent",
        "78B-3-404",
        "2y from discovery, 4y repose",
    ),
    Example(
        "VA",
        "2025-02-01",
        "2025-10-01",
        "2027-02-01",
        "urgent",
        "8.01-243",
        "2y from the act; no discovery rule",
    ),
    Example(
        "VT",
        "2023-01-01",
        "2025-08-01",
        "2027-08-01",
        "open",
        "12, § 521",
        "3y from act or 2y from discovery, later",
    ),
    Example(
        "WA",
        "2026-02-10",
        "2026-02-12",
        "2029-02-10",
        "open",
        "4.16.350",
        "3y from act or 1y from discovery, later",
    ),
    Example(
        "WI",
        "2022-06-01",
        "2026-03-01",
        "2027-03-01",
        "open",
        "893.55",
        "1y from discovery, discovery route within 5y",
    ),
    Example(
        "WV",
        "2017-03-01",
        "2025-06-01",
        "2027-03-01",
        "open",
        "55-7B-4",
        "2y from discovery, 10y repose",
    ),
    Example(
        "WY",
        "2023-01-01",
        "2026-01-01",
        "2028-01-01",
        "open",
        "1-3-107",
        "undiscoverable in 2y: 2y from discovery",
    ),
]


def test_every_jurisdiction_has_a_worked_example() -> None:
    from actions.limitations import jurisdiction_codes

    assert sorted(e.state for e in EXAMPLES) == list(jurisdiction_codes())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.state for e in EXAMPLES])
def test_worked_example(example: Example) -> None:
    result = compute(
        state=example.state,
        incident_date=example.incident,
        discovery_date=example.discovery,
        as_of=AS_OF,
    )
    assert result.deadline == date.fromisoformat(example.deadline), example.rule
    assert (
        result.days_left
        == (date.fromisoformat(example.deadline) - date(2026, 11, 22)).days
    )
    assert result.status == example.status
    assert example.cite in result.citation
    assert ATTORNEY_CAVEAT in result.caveats
    assert (
        result.explanation.endswith(".") and example.deadline[:4] in result.explanation
    )


def test_smoke_examples_from_the_brief() -> None:
    wa = compute(
        state="WA",
        incident_date="2026-02-10",
        discovery_date="2026-02-12",
        case_type="surgical_error",
    )
    assert wa.deadline == date(2029, 2, 10)
    oregon = compute(
        state="OR",
        incident_date="2025-12-01",
        discovery_date="2025-12-01",
        case_type="medication_error",
    )
    assert oregon.deadline == date(2027, 12, 1)
    ma = compute(
        state="MA",
        incident_date="2024-03-01",
        discovery_date="2025-09-15",
        case_type="misdiagnosis",
    )
    assert ma.deadline == date(2028, 9, 15)
