"""The lead's case summary names a government's notice of claim, a deadline of its own."""

from __future__ import annotations

from actions.limitations import compute
from bot.leads.summary import case_summary


def test_the_lead_summary_shows_the_notice_of_claim() -> None:
    result = compute(
        state="NY",
        incident_date="2026-08-14",
        government_facility=True,
        state_or_local_facility=True,
        as_of="2026-11-29",
    )
    line = case_summary(
        {
            "deadline": result.deadline.isoformat(),
            "outcome": "urgent",
            "limitation_status": result.status,
            "caveats": result.caveats,
        }
    ).splitlines()[-1]
    assert line.startswith("Deadline: November 12, 2026, urgent")
    assert "Notice of claim due by Nov 12, 2026 (N.Y. Gen. Mun. Law § 50-e)" in line
    assert "suit by Nov 12, 2027" in line
    plain = case_summary({"deadline": "2028-02-02", "outcome": "qualified"})
    assert "Notice of claim" not in plain
