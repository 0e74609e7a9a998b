"""One worked example per jurisdiction for the minors' rule and the death claim, worked out by
hand from the rule each file records and the source its `verified` record quotes.

Minors: a child born Jan 1, 2015, injured Jan 1, 2020 (age 5), the injury known at once.
Death: an adult injured Jan 1, 2022 who died of it on Jan 1, 2023. The firm files both the
malpractice (survival) claim and the death claim, so the earlier deadline that preserves both
is the estimate (Pennsylvania: the survival claim also runs from the death).
"""

from __future__ import annotations

from datetime import date

import pytest

from actions.limitations import compute

AS_OF = "2026-11-28"

# state: (minor's deadline, why; needs review?)
MINORS: dict[str, tuple[str, str, bool]] = {
    "AK": ("2030-01-01", "tolled to 18 + 2y, capped by the 10-year repose", True),
    "AL": ("2022-01-01", "§ 6-5-482(b): 4 or older, ordinary 2 years", False),
    "AR": ("2026-01-01", "§ 16-114-203(c): 9 or younger, the 11th birthday", False),
    "AZ": ("2035-01-01", "A.R.S. § 12-502: 2 years from the 18th birthday", False),
    "CA": (
        "2023-01-01",
        "§ 340.5: 3 years from the act (later than 'prior to' age 8)",
        False,
    ),
    "CO": ("2022-12-31", "§ 13-80-102.5: under 6, before the 8th birthday", False),
    "CT": ("2022-01-01", "no tolling (Neuhaus v. DeCholnoky, 2004)", False),
    "DC": ("2036-01-01", "D.C. Code § 12-302: 3 years from the 18th birthday", False),
    "DE": (
        "2022-01-01",
        "18 Del. C. § 6856: 2 years (later than the 6th birthday)",
        False,
    ),
    "FL": ("2022-01-01", "§ 95.11(4)(c): the 2 years still run for a child", False),
    "GA": ("2021-12-31", "§ 9-3-73: 5 or older, ordinary 2 years (day before)", False),
    "HI": (
        "2026-01-01",
        "HRS § 657-7.3: 6 years from the act (later than age 10)",
        False,
    ),
    "IA": ("2025-01-01", "§ 614.1(9)(b): under 8, the 10th birthday", False),
    "ID": ("2028-01-01", "§ 5-230: tolling at most 6 years (Gomersall, 2021)", False),
    "IL": ("2028-01-01", "13-212(b): 8 years from the act (Franklin)", False),
    "IN": ("2023-01-01", "§ 34-18-7-1(b): under 6, the 8th birthday", False),
    "KS": ("2024-01-01", "60-513(c): the 4-year limit applied to minors", True),
    "KY": ("2034-01-01", "KRS 413.170: 1 year from the 18th birthday", False),
    "LA": ("2021-01-01", "R.S. 9:5628: minority does not suspend it", False),
    "MA": ("2024-01-01", "c. 231, § 60D: under 6, the 9th birthday", False),
    "MD": ("2036-01-01", "CJP § 5-109(b): 3 years from the 18th birthday", False),
    "ME": ("2026-01-01", "24 M.R.S. § 2902: 6 years from accrual comes first", False),
    "MI": ("2025-01-01", "MCL 600.5851(7): under 8, the 10th birthday", False),
    "MN": ("2031-01-01", "§ 541.15: tolling at most 7 years", False),
    "MO": ("2035-01-01", "§ 516.105: until the 20th birthday", False),
    "MS": (
        "2023-01-01",
        "§ 15-1-36: 6 or younger, 2 years after the 6th birthday",
        False,
    ),
    "MT": ("2022-01-01", "§ 27-2-205(2): 4 or older, ordinary (unsettled)", True),
    "NC": ("2024-12-31", "G.S. 1-17(c): before the 10th birthday", False),
    "ND": ("2026-01-01", "tolling (§ 28-01-25) capped by the 6-year repose", True),
    "NE": ("2030-01-01", "§ 25-213 (Carruth), capped by the 10-year repose", True),
    "NH": ("2035-01-01", "RSA 508:8: 2 years after majority", False),
    "NJ": ("2035-01-01", "N.J.S.A. 2A:14-21: 2 years from the 18th birthday", False),
    "NM": ("2024-01-01", "§ 41-5-13: under 6, the 9th birthday (unsettled)", True),
    "NV": ("2021-01-01", "pre-Oct 2023 act: 1y from discovery first; no tolling", True),
    "NY": ("2030-01-01", "CPLR 208: infancy toll capped at 10 years", False),
    "OH": ("2034-01-01", "R.C. 2305.16: 1 year from the 18th birthday", False),
    "OK": ("2034-01-01", "general tolling after Mowles (1 year, unverified)", True),
    "OR": (
        "2025-01-01",
        "ORS 12.160 (Smith v. OHSU), capped by the 5-year repose",
        False,
    ),
    "PA": ("2035-01-01", "42 Pa.C.S. § 5533(b): 2 years from the 18th birthday", False),
    "RI": ("2036-01-01", "R.I.G.L. § 9-1-14.1: 3 years from the 18th birthday", False),
    "SC": ("2026-01-01", "§ 15-3-40, capped by the 6-year repose", True),
    "SD": ("2022-01-01", "no tolling applied; unsettled", True),
    "TN": ("2023-01-01", "§ 28-1-106, capped by the 3-year repose (Calaway)", False),
    "TX": (
        "2030-01-01",
        "before the 20th birthday (Weiner), capped by 10 years",
        False,
    ),
    "UT": ("2022-01-01", "§ 78B-3-404(3): regardless of minority", False),
    "VA": ("2025-01-01", "§ 8.01-243.1: under 8, the 10th birthday", False),
    "VT": ("2036-01-01", "12 V.S.A. § 551: 3 years after majority", False),
    "WA": (
        "2036-01-01",
        "RCW 4.16.190 (Schroeder): 3 years from the 18th birthday",
        False,
    ),
    "WI": ("2025-01-01", "§ 893.56: by the 10th birthday", False),
    "WV": ("2027-01-01", "§ 55-7B-4(c): under 10, the 12th birthday", False),
    "WY": ("2034-01-01", "general tolling after Kordus (1 year, unsettled)", True),
}

# state: (deadline for the death, why; needs review?)
DEATHS: dict[str, tuple[str, str, bool]] = {
    "AK": ("2024-01-01", "malpractice 2y before death + 2y", False),
    "AL": ("2024-01-01", "malpractice 2y before § 6-5-410(d) death + 2y", False),
    "AR": ("2024-01-01", "§ 16-114-203 governs death claims", False),
    "AZ": ("2024-01-01", "malpractice 2y before § 12-542(2) death + 2y", False),
    "CA": ("2023-01-01", "§ 340.5: 1 year from discovery comes first", False),
    "CO": ("2024-01-01", "malpractice 2y before death + 2y", False),
    "CT": ("2024-01-01", "malpractice 2y before § 52-555 death + 2y", False),
    "DC": ("2025-01-01", "3y malpractice and § 16-2702 death + 2y end together", False),
    "DE": ("2024-01-01", "2 years from the act for both", False),
    "FL": ("2024-01-01", "malpractice 2y (Ash v. Stella)", False),
    "GA": ("2023-12-31", "malpractice 2y, the day before the anniversary", False),
    "HI": ("2024-01-01", "malpractice 2y", False),
    "IA": ("2024-01-01", "malpractice 2y", False),
    "ID": ("2024-01-01", "malpractice 2y", False),
    "IL": ("2024-01-01", "malpractice 2y before 740 ILCS 180/2 death + 2y", False),
    "IN": ("2024-01-01", "Ellenwine: 2 years from the malpractice", False),
    "KS": ("2024-01-01", "malpractice 2y", False),
    "KY": ("2023-01-01", "malpractice 1y", False),
    "LA": ("2023-01-01", "1 year from the act (acts before July 1, 2024)", False),
    "MA": ("2025-01-01", "malpractice 3y before c. 229, § 2 death + 3y", False),
    "MD": ("2025-01-01", "3 years from discovery comes first", False),
    "ME": ("2025-01-01", "3 years from the act caps the death claim", False),
    "MI": ("2024-01-01", "the malpractice periods govern", False),
    "MN": ("2026-01-01", "§ 573.02: 3y from death, within 4y of the act", False),
    "MO": ("2024-01-01", "malpractice 2y before death + 3y", False),
    "MS": ("2024-01-01", "§ 15-1-36: 2 years", False),
    "MT": ("2024-01-01", "§ 27-2-205 covers 'injury or death'", False),
    "NC": (
        "2025-01-01",
        "3y from the act and § 1-53(4) death + 2y end together",
        False,
    ),
    "ND": ("2024-01-01", "malpractice 2y", False),
    "NE": ("2024-01-01", "§ 44-2828 governs (Alegent v. Haworth)", False),
    "NH": ("2025-01-01", "RSA 508:4's 3 years", False),
    "NJ": ("2024-01-01", "malpractice 2y before 2A:31-3 death + 2y", False),
    "NM": ("2025-01-01", "§ 41-5-13: 3 years from the act (Armijo)", False),
    "NV": (
        "2023-01-01",
        "NRS 41A.097 before Oct 1, 2023: 1y from discovery first",
        False,
    ),
    "NY": ("2024-07-01", "CPLR 214-a 2y6m before EPTL 5-4.1 death + 2y", False),
    "OH": ("2023-01-01", "malpractice 1y", False),
    "OK": ("2024-01-01", "malpractice 2y", False),
    "OR": ("2024-01-01", "malpractice 2y before 3y from the act", False),
    "PA": ("2025-01-01", "both claims 2 years from the death", False),
    "RI": ("2025-01-01", "malpractice 3y", False),
    "SC": ("2025-01-01", "§ 15-3-545 reading (unsettled)", True),
    "SD": ("2024-01-01", "malpractice 2y", False),
    "TN": ("2023-01-01", "malpractice 1y", False),
    "TX": ("2024-01-01", "§ 74.251 governs death claims", False),
    "UT": ("2024-01-01", "§ 78B-3-404 governs death claims", False),
    "VA": ("2024-01-01", "malpractice 2y", False),
    "VT": ("2025-01-01", "malpractice 3y and death + 2y end together", False),
    "WA": ("2025-01-01", "RCW 4.16.350(3) (Fast), unsettled", True),
    "WI": ("2025-01-01", "§ 893.55: 3 years", False),
    "WV": ("2024-01-01", "malpractice 2y", False),
    "WY": ("2024-01-01", "malpractice 2y", False),
}


@pytest.mark.parametrize("state", sorted(MINORS))
def test_minors_rule(state: str) -> None:
    expected, why, review = MINORS[state]
    result = compute(
        state=state,
        incident_date="2020-01-01",
        date_of_birth="2015-01-01",
        as_of=AS_OF,
    )
    assert result.deadline == date.fromisoformat(expected), why
    assert (result.status == "needs_review") == review, result.explanation


@pytest.mark.parametrize("state", sorted(DEATHS))
def test_death_claim(state: str) -> None:
    expected, why, review = DEATHS[state]
    result = compute(
        state=state, incident_date="2022-01-01", death_date="2023-01-01", as_of=AS_OF
    )
    assert result.deadline == date.fromisoformat(expected), why
    assert (result.status == "needs_review") == review, result.explanation
