"""A state or local government defendant: the state's own notice-of-claim and suit periods
(`government_rules` in jurisdictions/<CODE>.yaml) as deadlines, each with its citation."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.limitations import NOTICE_CAVEAT_PREFIX, compute, load_jurisdictions
from actions.limitations.dates import Period
from actions.limitations.rules import RuleTableError

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-29"


def local(**kwargs: Any) -> Any:
    """A county, city or state hospital."""
    kwargs.setdefault("as_of", AS_OF)
    return compute(government_facility=True, state_or_local_facility=True, **kwargs)


# --- the role-play: Jacobi (NYC Health + Hospitals), the wrong blood type in August 2026 -------


def test_new_york_city_hospital_notice_in_90_days_suit_in_1_year_90_days() -> None:
    result = local(state="NY", incident_date="2026-08-14", case_type="medication_error")
    # Gen. Mun. Law § 50-e: Aug 14 + 90 days; § 50-i: Aug 14, 2027 + 90 days
    assert result.notice_deadline == date(2026, 11, 12)
    assert result.suit_deadline == date(2027, 11, 12)
    assert result.deadline == date(2026, 11, 12)  # the first day a right can be lost
    assert result.deadline_latest == date(2026, 11, 12)
    assert result.notice_citation == "N.Y. Gen. Mun. Law § 50-e"
    assert "50-e" in result.citation and "50-i" in result.citation
    assert result.status == "needs_review"
    assert result.explanation.startswith(
        "New York: a notice of claim to a city, county"
    )
    assert "NYC Health + Hospitals" in result.explanation
    assert "Nov 12, 2027" in result.explanation  # the suit deadline is named too
    assert "FTCA" not in result.explanation and "2401" not in result.citation
    assert (
        f"{NOTICE_CAVEAT_PREFIX}Nov 12, 2026 (N.Y. Gen. Mun. Law § 50-e); suit by Nov 12, 2027."
        in result.caveats
    )


def test_a_passed_notice_with_the_suit_still_open_is_named_for_the_attorney() -> None:
    result = local(state="NY", incident_date="2026-08-14", as_of="2026-11-29")
    assert "notice-of-claim deadline (Nov 12, 2026) has passed" in result.explanation
    early = local(state="NY", incident_date="2026-08-14", as_of="2026-09-01")
    assert "has passed" not in early.explanation


def test_an_unknown_public_facility_is_no_longer_the_ftca_two_years() -> None:
    # the role-play's lead said Aug 14, 2028 (the FTCA claim): the State's and the city's 90
    # days come first, and the federal caveat stays
    result = compute(
        state="NY", incident_date="2026-08-14", government_facility=True, as_of=AS_OF
    )
    assert result.deadline == date(2026, 11, 12)
    assert result.notice_deadline == date(2026, 11, 12)
    assert "2401(b)" in result.citation
    assert any("SF-95" in c for c in result.caveats)


def test_a_federal_facility_keeps_the_ftca_claim_and_no_state_notice() -> None:
    result = compute(
        state="NY", incident_date="2026-08-14", federal_facility=True, as_of=AS_OF
    )
    assert result.deadline == date(2028, 8, 14)
    assert result.notice_deadline is None and result.suit_deadline is None
    assert "50-e" not in result.citation
    assert not any(c.startswith(NOTICE_CAVEAT_PREFIX) for c in result.caveats)


# --- other states ----------------------------------------------------------------------------------


def test_minnesota_county_hospital_180_days_from_discovery() -> None:
    # HCMC (Hennepin County): Minn. Stat. § 466.05, 180 days after discovery; the State's
    # § 3.736 (counted from the act, unsettled) is earlier and is used, marked for review
    result = local(state="MN", incident_date="2026-01-10", discovery_date="2026-03-01")
    assert result.notice_deadline == date(2026, 7, 9)  # Jan 10 + 180 days (the State's)
    assert result.suit_deadline == date(2030, 1, 10)  # Minnesota's own 4 years
    assert "unsettled" in result.explanation
    assert "466.05" in result.explanation and "3.736" in result.explanation


def test_new_jersey_notice_runs_from_accrual_on_discovery() -> None:
    result = local(state="NJ", incident_date="2026-01-10", discovery_date="2026-03-01")
    assert result.notice_deadline == date(2026, 5, 30)  # Mar 1 + 90 days (59:8-8)
    assert result.suit_deadline == date(2028, 3, 1)


def test_south_carolina_suit_period_is_shorter_than_the_malpractice_one() -> None:
    # S.C. Tort Claims Act: 2 years from discovery, not § 15-3-545's 3 years; no notice
    result = local(state="SC", incident_date="2025-01-10")
    assert result.deadline == result.suit_deadline == date(2027, 1, 10)
    assert result.notice_deadline is None
    assert "15-78" in result.citation


def test_a_notice_never_comes_after_the_last_day_to_sue() -> None:
    # FL: the claim to the agency within 3 years, but suit within the 2-year period
    result = local(state="FL", incident_date="2025-01-10")
    assert result.notice_deadline == result.suit_deadline == date(2027, 1, 10)
    assert "no later than the suit deadline" in result.explanation


def test_maine_notice_period_depends_on_when_the_act_was() -> None:
    # 180 days before 2020, 365 days from Jan 1, 2020 (PL 2019, c. 214)
    before = local(state="ME", incident_date="2019-06-01", as_of="2019-07-01")
    after = local(state="ME", incident_date="2020-06-01", as_of="2020-07-01")
    assert before.notice_deadline == date(2019, 6, 1) + timedelta(days=180)
    assert after.notice_deadline == date(2020, 6, 1) + timedelta(days=365)


def test_a_state_without_rules_keeps_its_own_deadline() -> None:
    result = local(state="KY", incident_date="2026-01-10")
    assert result.notice_deadline is None and result.suit_deadline is None
    assert result.deadline == date(2027, 1, 10)


def test_a_month_only_date_gives_a_range_for_the_notice() -> None:
    result = local(state="NY", incident_date="2026-08", as_of=AS_OF)
    assert result.notice_deadline == date(2026, 8, 1) + timedelta(days=90)
    assert result.deadline_latest == date(2026, 8, 31) + timedelta(days=90)
    notice = next(c for c in result.caveats if c.startswith(NOTICE_CAVEAT_PREFIX))
    assert "as late as Nov 29, 2026" in notice


def test_the_command_line_prints_the_notice() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "actions.limitations", "--state", "NY"]
        + ["--incident-date", "2026-08-14", "--as-of", AS_OF]
        + ["--state-or-local-facility"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["notice_deadline"] == "2026-11-12"
    assert data["suit_deadline"] == "2027-11-12"
    assert data["notice_citation"] == "N.Y. Gen. Mun. Law § 50-e"


@settings(max_examples=200, deadline=None, database=None)
@given(
    state=st.sampled_from(
        sorted(c for c, j in load_jurisdictions().items() if j.government_rules)
    ),
    incident=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 11, 29)),
    gap=st.one_of(st.none(), st.integers(min_value=0, max_value=1500)),
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=80)),
    died=st.booleans(),
)
def test_a_public_defendant_never_gets_a_later_deadline(
    state: str, incident: date, gap: Any, age: Any, died: bool
) -> None:
    discovery = (
        None if gap is None else min(incident + timedelta(days=gap), date(2026, 11, 29))
    )
    facts: dict[str, Any] = {
        "state": state,
        "incident_date": incident,
        "discovery_date": discovery,
        "date_of_birth": None if age is None else date(incident.year - age - 1, 6, 15),
        "death_date": discovery if died and discovery else None,
        "as_of": AS_OF,
    }
    private = compute(**facts)
    public = compute(**facts, government_facility=True, state_or_local_facility=True)
    assert public.deadline is not None and private.deadline is not None
    assert public.deadline <= private.deadline
    assert public.status == "needs_review"
    assert public.suit_deadline is not None and public.suit_deadline <= private.deadline
    if public.notice_deadline is not None:
        assert public.notice_deadline <= public.suit_deadline
        assert public.deadline == min(public.notice_deadline, public.suit_deadline)


# --- the table -------------------------------------------------------------------------------------

# Every state whose table had a verified government source (2026-11-28) has its rules, except
# Louisiana (its state-provider review suspends prescription: nothing shorter to apply).
VERIFIED_BEFORE = {
    "AL",
    "AZ",
    "CO",
    "DC",
    "DE",
    "FL",
    "HI",
    "ID",
    "NJ",
    "NY",
    "OR",
    "SC",
    "TN",
    "WY",
}


def test_the_government_named_as_running_it_gets_its_own_rule() -> None:
    # Georgia: a county hospital is a county's (O.C.G.A. § 36-11-1, 12 months), not a city's
    # (§ 36-33-5, 6 months); none named: the earliest of every rule
    county = local(state="GA", incident_date="2025-09-23", government_entity="county")
    city = local(state="GA", incident_date="2025-09-23", government_entity="municipal")
    either = local(state="GA", incident_date="2025-09-23")
    assert county.notice_deadline == date(2026, 9, 23)
    assert county.notice_citation == "O.C.G.A. § 36-11-1"
    assert "to a city" not in county.explanation and county.status == "needs_review"
    assert city.notice_deadline == either.notice_deadline == date(2026, 3, 23)
    # a government named implies a state or local facility (no FTCA claim)
    named = compute(
        state="GA", incident_date="2025-09-23", government_entity="county", as_of=AS_OF
    )
    assert named.notice_deadline == county.notice_deadline
    # a government with no rule of its own in the table (North Carolina has the State's
    # only): every rule, as when none is named
    nc = local(state="NC", incident_date="2025-03-03", government_entity="county")
    assert nc.deadline == local(state="NC", incident_date="2025-03-03").deadline
    with pytest.raises(Exception, match="government entity"):
        local(state="GA", incident_date="2025-09-23", government_entity="hospital")


def test_the_states_with_a_verified_government_source_have_rules() -> None:
    table = load_jurisdictions()
    with_rules = {code for code, j in table.items() if j.government_rules}
    assert VERIFIED_BEFORE | {"MN"} <= with_rules
    assert not table["LA"].government_rules


def test_every_government_rule_has_a_recorded_source_and_citations() -> None:
    for code, j in load_jurisdictions().items():
        for rule in j.government_rules:
            assert j.verified.get("government"), code
            assert rule.who and rule.text, code
            assert rule.notice_period or rule.suit_period, code
            if rule.notice_period:
                assert rule.notice_citation, code
            if rule.suit_period:
                assert rule.suit_citation, code


def _table_with(tmp_path: Path, rule: dict[str, Any], verified: bool = True) -> Path:
    entry = yaml.safe_load(
        (ROOT / "actions/limitations/jurisdictions/NY.yaml").read_text()
    )
    entry["government_rules"] = [rule]
    if not verified:
        entry["verified"].pop("government")
    path = tmp_path / "table.yaml"
    path.write_text(
        yaml.safe_dump({"jurisdictions": {"NY": entry}}, allow_unicode=True)
    )
    return path


GOOD = {
    "applies_to": ["municipal"],
    "who": "a city",
    "notice_period": "90d",
    "notice_citation": "N.Y. Gen. Mun. Law § 50-e",
    "text": "Notice within 90 days.",
}


@pytest.mark.parametrize(
    "change, verified",
    [
        ({"applies_to": ["federal"]}, True),
        ({"notice_citation": ""}, True),
        ({"notice_period": None}, True),
        ({"notice_runs_from": "death"}, True),
        ({"incidents_from": "2020-13-01"}, True),
        ({"notice_period": "ninety days"}, True),
        ({}, False),
    ],
)
def test_the_loader_rejects_a_malformed_government_rule(
    tmp_path: Path, change: dict[str, Any], verified: bool
) -> None:
    load_jurisdictions(_table_with(tmp_path, GOOD))  # the good rule loads
    load_jurisdictions.cache_clear()
    with pytest.raises(RuleTableError):
        load_jurisdictions(_table_with(tmp_path, {**GOOD, **change}, verified))
    load_jurisdictions.cache_clear()


def test_periods_in_days() -> None:
    assert Period.parse("90d") == Period(0, 90)
    assert Period.parse("1y90d").describe() == "1 year 90 days"
    assert Period.parse("180d").adjective() == "180-day"
    assert Period.parse("1y90d").after(date(2026, 8, 14)) == date(2027, 11, 12)
    assert Period.parse("2y6m").after(date(2024, 2, 29)) == date(2026, 8, 29)
    with pytest.raises(ValueError):
        Period.parse("90 days")
