"""What the store keeps with a lead when it is written: the pre-suit requirements from the law
data (an empty list while that data has none), the triage and the summary."""

from __future__ import annotations

import json

from bot.leads import assessment
from bot.leads import triage as t
from bot.leads.fields import clean_payload
from tests.leads.conftest import payload


def test_pre_suit_requirements_come_from_the_law_data(monkeypatch):
    def lookup(state):
        assert state == "FL"
        return [
            {
                "kind": "notice",
                "citation": "Fla. Stat. 766.106",
                "text": "Notice of intent; 90-day presuit investigation.",
                "url": "https://example.test",
            },
            {"citation": "Fla. Stat. 766.203", "text": ""},  # no text: not shown
        ]

    monkeypatch.setattr(assessment, "_law_lookup", lambda: lookup)
    assert assessment.pre_suit("FL") == [
        {
            "citation": "Fla. Stat. 766.106",
            "text": "Notice of intent; 90-day presuit investigation.",
        }
    ]
    assert assessment.pre_suit(None) == []


def test_without_the_law_datas_function_the_list_is_empty(monkeypatch):
    monkeypatch.setattr(assessment, "_law_lookup", lambda: None)
    assert assessment.pre_suit("FL") == []


def test_a_failing_lookup_never_loses_a_lead(monkeypatch):
    def broken(state):
        raise KeyError(state)

    monkeypatch.setattr(assessment, "_law_lookup", lambda: broken)
    assert assessment.pre_suit("FL") == []


def test_assess_gives_the_evaluated_columns_as_stored():
    row = clean_payload(payload(harm_severity="recovered"))
    done = assessment.assess(row)
    assert set(done) == {
        "providers",
        "harm_severity",
        "represented_intent",
        "case_strength",
        "case_strength_reasons",
        "case_summary",
        "pre_suit",
    }
    assert "recovered" in json.loads(done["case_strength_reasons"])
    assert isinstance(json.loads(done["pre_suit"]), list)


def test_a_broken_triage_configuration_never_costs_a_lead(tmp_path, monkeypatch):
    broken = tmp_path / "triage.yml"
    broken.write_text("thresholds: {strong_at: 1, weak_at: 5}\n")
    monkeypatch.setattr(assessment, "load_config", lambda: t.load_config(broken))
    done = assessment.assess(clean_payload(payload()))
    assert done["case_strength"] is None
    assert json.loads(done["case_strength_reasons"]) == [
        "not assessed: the triage configuration could not be read"
    ]
