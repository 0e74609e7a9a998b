"""The case-strength triage: one table of leads, each with the strength it must get and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.leads import triage as t
from bot.leads import vocabulary as v

CONFIG = t.load_config()
NAMED = [{"name": "Dr. Ana Patel", "kind": "doctor"}]


def lead(**facts):
    base = {
        "incident_type": "surgical_error",
        "outcome": "qualified",
        "days_left": 600,
        "limitation_status": "open",
        "providers": NAMED,
    }
    return {**base, **facts}


# (facts, strength, reasons that must be named, why)
CASES = [
    (
        lead(harm_severity="death", has_records=True),
        "strong",
        ["death of the patient", "provider named", "has their records"],
        "a death with a named provider is what firms take: strong at once",
    ),
    (
        lead(patient_deceased=True, harm_severity=None),
        "strong",
        ["death of the patient"],
        "a death told as patient_deceased counts even when the harm was not asked",
    ),
    (
        lead(harm_severity="permanent", treatment_since="two more surgeries"),
        "strong",
        ["permanent harm", "further treatment since"],
        "permanent harm, a provider and corrective treatment reach the strong threshold",
    ),
    (
        lead(harm_severity="permanent", providers=[]),
        "review",
        ["permanent harm", "no provider named"],
        "serious harm but nobody named: staff must find out who before an expert",
    ),
    (
        lead(harm_severity="ongoing", work_impact=True, has_records=True),
        "strong",
        ["ongoing treatment", "affects work or daily life", "has their records"],
        "ongoing treatment with lost work and records in hand adds up to strong",
    ),
    (
        lead(harm_severity="ongoing"),
        "review",
        ["ongoing treatment"],
        "ongoing treatment alone is worth a look, not yet a decision",
    ),
    (
        lead(
            harm_severity="ongoing",
            foreign_object=True,
            treatment_since="Surgery to take it out",
            work_impact=True,
            has_records=True,
            government_facility=True,
            outcome="urgent",
            days_left=-600,
        ),
        "review",
        ["object left in the body", "deadline may have passed", "ongoing treatment"],
        "role-play O (Raj): a sponge left inside, found by CT and removed, never 'weak': a "
        "retained object speaks for itself; the passed deadline keeps it for an attorney",
    ),
    (
        lead(harm_severity="ongoing", foreign_object=True),
        "strong",
        ["object left in the body", "ongoing treatment"],
        "a retained object still being treated, the provider named: strong",
    ),
    (
        lead(harm_severity="recovered", harm_description="healed within a few weeks"),
        "weak",
        ["recovered fully within weeks"],
        "a full recovery within weeks rarely supports the cost of an expert",
    ),
    (
        lead(harm_severity="none_yet"),
        "weak",
        ["no harm yet"],
        "no harm, no damages",
    ),
    (
        lead(harm_severity="unknown", has_records=True),
        "review",
        ["harm not known yet", "has their records"],
        "not knowing the harm is a question for a person, not a verdict",
    ),
    (
        lead(
            harm_severity="death",
            outcome="time_barred",
            limitation_status="expired",
            days_left=-40,
        ),
        "review",
        ["deadline may have passed", "death of the patient"],
        "a passed deadline caps even a death at review: exceptions need an attorney",
    ),
    (
        lead(harm_severity="permanent", outcome="urgent", days_left=20),
        "strong",
        ["permanent harm", "deadline close: act now"],
        "a near deadline is named, and neither lowers nor raises a strong case",
    ),
    (
        lead(harm_severity="permanent", government_facility=True, days_left=300),
        "review",
        ["government facility: notice period"],
        "a public hospital's notice period costs a point and must be named",
    ),
    (
        lead(
            harm_severity="permanent",
            already_represented=True,
            represented_intent="none",
        ),
        "weak",
        ["already has a lawyer, keeps them"],
        "someone who keeps their lawyer is not a lead for us",
    ),
    (
        lead(
            harm_severity="permanent",
            already_represented=True,
            represented_intent="second_opinion",
            treatment_since="rehab",
        ),
        "strong",
        ["has a lawyer, wants a second opinion"],
        "a second opinion is welcome: judged on its facts, the wish named",
    ),
    (
        lead(
            incident_type="not_medmal", outcome="not_medmal", harm_severity="permanent"
        ),
        "weak",
        ["not medical malpractice"],
        "not our kind of case, however serious",
    ),
    (
        lead(
            harm_severity="permanent",
            providers=[{"name": "the surgeon", "kind": "doctor"}],
        ),
        "review",
        ["no provider named"],
        "a kind without a name ('the surgeon') names nobody",
    ),
]


@pytest.mark.parametrize(
    ("facts", "strength", "reasons", "why"), CASES, ids=[c[3][:40] for c in CASES]
)
def test_triage_table(facts, strength, reasons, why):
    result = t.triage(facts, CONFIG)
    assert result.strength == strength, why
    for reason in reasons:
        assert reason in result.reasons, why
    assert result.strength in v.CASE_STRENGTHS


def test_reasons_come_weightiest_first():
    result = t.triage(lead(harm_severity="death", has_records=True), CONFIG)
    assert result.reasons[0] == "death of the patient"


def test_the_firm_can_change_weights_and_thresholds(tmp_path: Path):
    path = tmp_path / "triage.yml"
    path.write_text(
        "thresholds: {strong_at: 2, weak_at: -1}\n"
        "weights: {ongoing: 1, provider_named: 1}\n"
        "caps: {}\n"
    )
    config = t.load_config(path)
    assert t.triage(lead(harm_severity="ongoing"), config).strength == "strong"
    assert t.triage(lead(harm_severity="ongoing"), CONFIG).strength == "review"


@pytest.mark.parametrize(
    "bad",
    [
        {"thresholds": {"strong_at": 3, "weak_at": 0}, "weights": {"deth": 3}},
        {"thresholds": {"strong_at": 0, "weak_at": 3}},
        {"thresholds": {"strong_at": 3, "weak_at": 0}, "caps": {"death": "great"}},
    ],
)
def test_a_typo_in_the_configuration_is_refused(bad):
    with pytest.raises(ValueError):
        t.config_from_dict(bad)


def test_the_shipped_configuration_names_every_reason():
    text = t.DEFAULT_CONFIG.read_text()
    for key in t.REASONS:
        assert f"{key}:" in text, key


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Dr. Patel", True),
        ("the ER at St. Mary's", True),
        ("Inova Fairfax Hospital", True),
        ("the surgeon", False),
        ("the ER", False),
        ("a nurse", False),
    ],
)
def test_a_kind_alone_names_nobody(name, named):
    assert t.is_named(name) is named
