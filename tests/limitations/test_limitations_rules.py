"""The rule table: complete, sourced, dated, strict to load, and faithful to the decisions recorded
against the research notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actions.limitations.dates import Period
from actions.limitations.rules import RuleTableError, load_jurisdictions

RESEARCH = Path("/work/shared/reference/medmal_sol_research.json")
CODES = [
    "AK",
    "AL",
    "AR",
    "AZ",
    "CA",
    "CO",
    "CT",
    "DC",
    "DE",
    "FL",
    "GA",
    "HI",
    "IA",
    "ID",
    "IL",
    "IN",
    "KS",
    "KY",
    "LA",
    "MA",
    "MD",
    "ME",
    "MI",
    "MN",
    "MO",
    "MS",
    "MT",
    "NC",
    "ND",
    "NE",
    "NH",
    "NJ",
    "NM",
    "NV",
    "NY",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VA",
    "VT",
    "WA",
    "WI",
    "WV",
    "WY",
]


def test_fifty_states_and_dc() -> None:
    assert sorted(load_jurisdictions()) == sorted(CODES)
    assert len(CODES) == 51


@pytest.mark.parametrize("code", CODES)
def test_entry_is_cited_sourced_and_dated(code: str) -> None:
    j = load_jurisdictions()[code]
    assert j.name and j.citation
    assert j.last_reviewed == "2026-11-28"  # re-verified for issue 12
    assert j.confidence in {"high", "medium", "low"}
    assert j.sources and all(
        url.startswith(("http://", "https://")) for url in j.sources
    )
    assert (
        j.limitation.text and j.repose.text and j.minors.text and j.wrongful_death.text
    )
    assert j.wrongful_death.citation


@pytest.mark.skipif(not RESEARCH.exists(), reason="research notes not present")
def test_sources_come_from_the_research_notes() -> None:
    notes = {entry["code"]: entry for entry in json.loads(RESEARCH.read_text())}
    for code, j in load_jurisdictions().items():
        assert set(j.sources) <= set(notes[code]["sources"]), code


@pytest.mark.skipif(not RESEARCH.exists(), reason="research notes not present")
def test_uncertain_entries_are_flagged_or_explained() -> None:
    notes = {entry["code"]: entry for entry in json.loads(RESEARCH.read_text())}
    for code, j in load_jurisdictions().items():
        if notes[code]["confidence"] != "high":
            parts = (
                j.limitation,
                j.discovery,
                j.foreign_object,
                j.repose,
                j.minors,
                j.wrongful_death,
            )
            flagged = j.unsettled or any(p is not None and p.unsettled for p in parts)
            assert flagged or j.departures, code


def test_recorded_decisions_on_conflicting_sources() -> None:
    table = load_jurisdictions()
    # Repose struck down: KY (McCollum 1990), PA (Yanakos 2019), WA (Bennett 2023).
    for code in ("KY", "PA", "WA"):
        assert table[code].repose.period is None, code
    # MT: 2 years per the MCA 2023 text; no longer marked unsettled (issue 12).
    assert (
        table["MT"].limitation.period == Period.years(2)
        and not table["MT"].limitation.unsettled
    )
    assert table["NC"].limitation.period == Period.years(3)
    assert table["OR"].limitation.period == Period.years(2)
    assert (
        table["CO"].repose.period == Period.years(3)
        and table["CO"].minors.deadline_birthday == 8
    )
    assert table["RI"].repose.period is None and table[
        "RI"
    ].minors.period_after_tolling == Period.years(3)
    assert table["NM"].minors.deadline_birthday == 9
    assert table["AL"].minors.deadline_birthday == 8  # not "tolled until 4"
    assert table["CA"].limitation.period == Period.years(3)  # not 1 year
    assert table["AZ"].repose.period is None  # no 4-year cap


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "table.yaml"
    path.write_text(body)
    return path


ENTRY = """
jurisdictions:
  TX:
    name: Texas
    citation: "x"
    confidence: high
    last_reviewed: "2026-11-22"
    sources: ["https://example.org"]
    limitation: {period: 2y, runs_from: act, text: t}
    repose: {status: none, text: t}
    minors: {text: t}
    wrongful_death: {runs_from: malpractice, citation: c, text: t}
"""


def test_a_minimal_entry_loads(tmp_path: Path) -> None:
    table = load_jurisdictions(_write(tmp_path, ENTRY))
    assert table["TX"].limitation.period == Period(24)


@pytest.mark.parametrize(
    "old, new",
    [
        ("period: 2y,", "period: 2 years,"),
        ("runs_from: act,", "runs_from: act, typo_key: 1,"),
        ("runs_from: act,", "runs_from: injury,"),
        ('last_reviewed: "2026-11-22"', 'last_reviewed: "22 Nov"'),
        ('sources: ["https://example.org"]', "sources: []"),
        ("confidence: high", "confidence: certain"),
        ("runs_from: malpractice,", "runs_from: death,"),
    ],
)
def test_loader_rejects_mistakes(tmp_path: Path, old: str, new: str) -> None:
    with pytest.raises(RuleTableError):
        load_jurisdictions(_write(tmp_path, ENTRY.replace(old, new)))
