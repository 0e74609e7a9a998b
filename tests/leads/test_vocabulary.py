"""The lead's vocabulary: its own invariants, and agreement with the domain, the screening
action, the lead table and the code that reads it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from actions.handoff import LEAD_SLOTS, build_lead
from actions.screening import ActionScreeningOutcome
from bot.leads import fields, models
from bot.leads import vocabulary as v

ROOT = Path(__file__).resolve().parents[2]


def _unique(names: Iterable[str]) -> bool:
    names = list(names)
    return len(names) == len(set(names))


def missing_slots(
    collected: Iterable[str], vocabulary_fields: Iterable[v.Field]
) -> set:
    """Slots the screening collects that no field of the vocabulary carries."""
    carried = {f.slot for f in vocabulary_fields if f.slot}
    return set(collected) - carried - v.HELPER_SLOTS


def form_slots(domain: dict[str, Any]) -> list[str]:
    return domain["forms"]["screening_form"]["required_slots"]


async def screening_slots(make_tracker, dispatcher) -> set[str]:
    """The slots action_screening_outcome sets, from a real run."""
    tracker = make_tracker(
        {
            "incident_type": "medication_error",
            "state": "OR",
            "incident_date": "2025-12-01",
            "discovery_date": "2025-12-01",
            "patient_role": "self",
            "government_facility": False,
            "already_represented": False,
        },
        active=False,
    )
    events = await ActionScreeningOutcome().run(dispatcher, tracker, {})
    assert events and all(isinstance(e, dict) and e["event"] == "slot" for e in events)
    return {e["name"] for e in events}


# --- agreement with the screening -----------------------------------------------------------


async def test_every_slot_the_screening_collects_is_a_field(
    domain, make_tracker, dispatcher
):
    collected = set(form_slots(domain)) | await screening_slots(
        make_tracker, dispatcher
    )
    assert missing_slots(collected, v.FIELDS) == set(), (
        "add a Field for each of these slots to bot/leads/vocabulary.py (or, if the form "
        "asks it only to get another answer right, to HELPER_SLOTS)"
    )


async def test_the_check_catches_a_field_left_out(domain, make_tracker, dispatcher):
    collected = set(form_slots(domain)) | await screening_slots(
        make_tracker, dispatcher
    )
    for left_out in ("government_facility", "deadline", "callback_requested"):
        without = [f for f in v.FIELDS if f.name != left_out]
        assert missing_slots(collected, without) == {v.FIELDS_BY_NAME[left_out].slot}


def test_helper_slots_are_asked_by_the_form(domain):
    assert set(form_slots(domain)) >= v.HELPER_SLOTS


def test_every_field_slot_is_a_domain_slot(domain):
    assert {f.slot for f in v.SLOT_FIELDS} <= set(domain["slots"])


def test_the_handoff_sends_every_slot_field(make_tracker):
    assert {f.name: f.slot for f in v.SLOT_FIELDS} == LEAD_SLOTS
    slots = {f.slot: f"value of {f.slot}" for f in v.SLOT_FIELDS if f.type == "text"}
    lead = build_lead(make_tracker(slots, active=False))
    assert {f.name for f in v.SLOT_FIELDS} <= set(lead)
    for f in v.SLOT_FIELDS:
        if f.type == "text":
            assert lead[f.name] == f"value of {f.slot}"


def test_incident_types_match_the_domain_intents(domain):
    mapped = {
        m["intent"]: m["value"]
        for m in domain["slots"]["incident_type"]["mappings"]
        if m["type"] == "from_intent"
    }
    assert mapped == dict(v.INTENT_TO_INCIDENT_TYPE)
    assert set(v.INTENT_TO_INCIDENT_TYPE) <= set(domain["intents"])


# --- agreement with the lead table and the payload cleaning ---------------------------------


def test_every_field_but_the_computed_one_is_a_column():
    columns = set(models.leads.c.keys())
    assert {f.name for f in v.FIELDS if f.origin != "computed"} <= columns
    assert {f.name for f in v.FIELDS if f.origin == "computed"} == {"priority"}


@pytest.mark.parametrize("field", v.FIELDS, ids=lambda f: f.name)
def test_column_type_and_length_follow_the_field(field):
    if field.origin == "computed":
        return
    column = models.leads.c[field.name]
    expected = {
        "bool": sa.Boolean,
        "int": sa.Integer,
        "timestamp": sa.DateTime,
        "list": sa.Text,
    }
    if field.type in expected:
        assert isinstance(column.type, expected[field.type])
    elif field.max_length is not None:
        assert isinstance(column.type, sa.String)
        assert column.type.length == field.max_length
    elif field.type == "date":
        assert isinstance(column.type, sa.Date)
    else:
        assert isinstance(column.type, sa.Text)


def test_clean_payload_fills_every_slot_field_and_cuts_to_length():
    payload = {f.name: "x" * 500 for f in v.SLOT_FIELDS if f.type == "text"}
    row = fields.clean_payload({"conversation_id": "c", **payload})
    assert {f.name for f in v.SLOT_FIELDS} | {"channel"} <= set(row)
    for f in v.SLOT_FIELDS:
        if f.type == "text":
            assert len(row[f.name]) == (f.max_length or 500)


def test_api_fields_are_the_vocabulary_in_order():
    assert fields.LEAD_FIELDS == v.FIELD_NAMES
    assert models.STATUSES == fields.STATUSES == v.STATUSES
    assert models.OUTCOMES == fields.OUTCOMES == v.OUTCOMES


# --- the vocabulary's own invariants --------------------------------------------------------


def test_names_are_unique():
    assert _unique(v.FIELD_NAMES)
    assert _unique(v.STATUSES)
    assert _unique(v.OUTCOMES)
    assert _unique(v.CHANNELS)
    assert _unique(v.INCIDENT_TYPES)
    assert _unique(v.PATIENT_ROLES)
    assert _unique(v.CSV_COLUMNS)
    assert _unique(f.slot for f in v.SLOT_FIELDS)


def test_fields_are_well_formed():
    for f in v.FIELDS:
        assert (f.slot is not None) == (f.origin == "slot"), f.name
        assert f.label and f.label[0].isupper(), f.name
        assert f.max_length is None or f.max_length > 0, f.name
        if f.type in ("bool", "int", "list", "timestamp"):
            assert f.max_length is None, f.name
        if f.type == "date" and f.max_length is not None:
            assert f.max_length == len("2024-01-31"), f.name
    assert set(v.EDITABLE_FIELDS) == {"status", "assigned_to"}
    assert all(v.FIELDS_BY_NAME[n].origin == "store" for n in v.EDITABLE_FIELDS)


def test_csv_columns_are_fields():
    assert set(v.CSV_COLUMNS) <= set(v.FIELD_NAMES)


def test_the_status_workflow_is_closed_and_reachable():
    assert v.INITIAL_STATUS in v.STATUSES
    assert set(v.STATUS_LABELS) == set(v.NEXT_STATUSES) == set(v.STATUSES)
    for name, following in v.NEXT_STATUSES.items():
        assert set(following) <= set(v.STATUSES) and name not in following
    reached, todo = set(), [v.INITIAL_STATUS]
    while todo:
        status = todo.pop()
        if status not in reached:
            reached.add(status)
            todo.extend(v.NEXT_STATUSES[status])
    assert reached == set(v.STATUSES)


def test_outcomes_and_bands():
    assert {
        v.URGENT,
        v.QUALIFIED,
        v.REPRESENTED,
        v.TIME_BARRED,
        v.NOT_MEDMAL,
        v.INCOMPLETE,
    } == set(v.OUTCOMES)
    assert set(v.OUTCOME_LABELS) == set(v.OUTCOME_SUMMARIES) == set(v.OUTCOMES)
    bands = [o.band for o in v.OUTCOME_LIST]
    assert bands == sorted(bands) and _unique(bands)
    assert v.priority_band(None) == v.priority_band("nonsense")
    assert v.priority_band(None) == v.priority_band(v.QUALIFIED)
    assert all(0 <= b < 10 for b in bands)


def test_priority_orders_bands_first_then_days_left():
    assert v.priority(v.URGENT, None) < v.priority(v.QUALIFIED, 0)
    assert v.priority(v.QUALIFIED, 5) < v.priority(v.QUALIFIED, 50)
    assert v.priority(v.QUALIFIED, 10**6) < v.priority(v.QUALIFIED, None)
    assert v.priority(v.QUALIFIED, -3) == v.priority(v.QUALIFIED, 0)
    assert v.priority(v.NOT_MEDMAL, 0) == 4 * v.BAND_WIDTH
    assert v.CRITICAL_DAYS < v.URGENT_DAYS


def test_the_limitations_engine_calls_the_same_deadlines_urgent():
    from actions.limitations import engine

    assert engine.URGENT_DAYS == v.URGENT_DAYS


def test_channels_and_their_rasa_names():
    from bot.channels.rest import RestInput
    from bot.channels.twilio import TwilioInput

    assert set(v.CHANNEL_ALIASES.values()) <= set(v.CHANNELS)
    assert v.DEFAULT_CHANNEL in v.CHANNELS
    assert v.channel_name(RestInput.name()) == "web"
    assert v.channel_name(TwilioInput.name()) == "sms"
    assert v.channel_name("cmdline") == "shell"
    assert v.channel_name("sms") == "sms"
    assert v.channel_name("telegram") is None and v.channel_name(None) is None


def test_labels_cover_every_name():
    assert set(v.INCIDENT_LABELS) == set(v.INCIDENT_TYPES)
    assert v.NOT_MEDMAL in v.INCIDENT_TYPES
    assert set(v.ROLE_LABELS) == set(v.PATIENT_ROLES)
    assert set(v.CHANNEL_LABELS) == set(v.CHANNELS)


def test_transcript_line_shape():
    line = v.transcript_line("2024-05-01T10:00:00+00:00", "user", "hi", "web")
    assert set(line) == set(v.TranscriptLine.__annotations__)
    assert set(line) == {"at", "from", "text", "channel"}
    assert line["from"] in v.SENDERS


def test_the_vocabulary_is_pure():
    """Importing it pulls in neither SQLAlchemy nor Rasa (the action server and the inbox
    both import it)."""
    code = (
        "import sys, bot.leads.vocabulary; "
        "print(sorted(m for m in ('sqlalchemy', 'rasa', 'rasa_sdk', 'sanic') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_frozen():
    with pytest.raises(AttributeError):
        v.FIELDS[0].name = "other"  # type: ignore[misc]
