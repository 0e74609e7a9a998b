"""Properties every jurisdiction's rules must have, checked on generated facts (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.limitations import compute, get_jurisdiction, jurisdiction_codes

AS_OF = date(2026, 11, 28)
CODES = st.sampled_from(jurisdiction_codes())
DAYS = st.dates(min_value=date(2012, 1, 1), max_value=date(2026, 11, 1))
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _run(**kwargs: object) -> date:
    result = compute(as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
    assert result.deadline is not None
    return result.deadline


@SETTINGS
@given(
    CODES,
    DAYS,
    st.integers(0, 4000),
    st.integers(0, 4000),
    st.booleans(),
    st.booleans(),
)
def test_a_later_discovery_never_gives_an_earlier_deadline(
    code: str, act: date, gap: int, more: int, foreign: bool, cancer: bool
) -> None:
    first = min(act + timedelta(days=gap), AS_OF)
    second = min(first + timedelta(days=more), AS_OF)
    common = {
        "state": code,
        "incident_date": act,
        "foreign_object": foreign,
        "case_type": "misdiagnosis",
        "cancer": cancer,
    }
    assert _run(discovery_date=first, **common) <= _run(discovery_date=second, **common)


@SETTINGS
@given(CODES, DAYS, st.integers(0, 6000))
def test_nothing_passes_the_repose_except_its_exceptions(
    code: str, act: date, gap: int
) -> None:
    # An adult, no foreign object, no death, no government, no case rule: the repose is the
    # outer limit, unless it yields to a late discovery (Colorado).
    j = get_jurisdiction(code)
    repose = j.repose.period
    discovery = min(act + timedelta(days=gap), AS_OF)
    deadline = _run(state=code, incident_date=act, discovery_date=discovery)
    if repose is None:
        return
    if j.repose.not_if_discovered_after is not None and discovery > (
        j.repose.not_if_discovered_after.after(act)
    ):
        return
    # An amendment can replace the repose for older acts; use the rules for this act.
    from actions.limitations.rules import as_of_incident

    period = as_of_incident(j, act).repose.period
    if period is None:
        return
    assert deadline <= period.after(act)


@SETTINGS
@given(CODES, DAYS, st.integers(1, 17 * 365), st.integers(1, 3 * 365))
def test_a_later_birth_never_shortens_a_minors_deadline_where_tolling_applies(
    code: str, act: date, age_days: int, later_by: int
) -> None:
    j = get_jurisdiction(code)
    if j.minors.tolled_until_age is None:
        return
    older = act - timedelta(days=age_days)
    younger = min(older + timedelta(days=later_by), act)
    assert _run(state=code, incident_date=act, date_of_birth=older) <= _run(
        state=code, incident_date=act, date_of_birth=younger
    )


MONTHS = st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 10, 1))


def _as_text(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day:%Y-%m}"
    return day.isoformat()


PRECISION = st.sampled_from(["day", "month", "year"])


@SETTINGS
@given(
    CODES,
    MONTHS,
    PRECISION,
    st.integers(0, 3000),
    PRECISION,
    st.one_of(st.none(), st.integers(0, 16 * 365)),
    PRECISION,
)
def test_the_latest_deadline_is_never_before_the_earliest(
    code: str,
    act: date,
    act_precision: str,
    gap: int,
    discovery_precision: str,
    age_days: int | None,
    birth_precision: str,
) -> None:
    discovery = min(act + timedelta(days=gap), AS_OF)
    if discovery.year == act.year and discovery_precision == "year":
        discovery_precision = "month"
    kwargs: dict[str, object] = {
        "state": code,
        "incident_date": _as_text(act, act_precision),
        "discovery_date": _as_text(max(discovery, act), discovery_precision),
        "as_of": AS_OF,
    }
    if age_days is not None:
        kwargs["date_of_birth"] = _as_text(
            act - timedelta(days=age_days), birth_precision
        )
    result = compute(**kwargs)  # type: ignore[arg-type]
    assert result.deadline is not None and result.deadline_latest is not None
    assert result.deadline_latest >= result.deadline
    if result.status == "expired":
        assert result.deadline_latest < AS_OF
    if act_precision == discovery_precision == "day" and age_days is None:
        assert result.deadline_latest == result.deadline
