"""The handoff writes the lead to a real SQLite lead store before the person is told anything,
and keeps it in the spool when the store cannot be reached."""

from __future__ import annotations

import json

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.config import settings
from actions.handoff import ActionSubmitLead, build_lead, channel_of


@pytest.fixture
def lead_db(tmp_path, monkeypatch):
    from bot.leads.store import get_store, reset_stores

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'leads.db'}")
    monkeypatch.setenv("LEAD_SPOOL_DIR", str(tmp_path / "spool"))
    settings.cache_clear()
    reset_stores()
    get_store().migrate()  # at start-up, as the inbox does: the handoff only writes the lead
    yield tmp_path
    reset_stores()
    settings.cache_clear()


FINISHED = {
    "incident_type": "medication_error",
    "incident_description": "wrong drug dispensed",
    "state": "OR",
    "incident_date": "2025-12-01",
    "discovery_date": "2025-12-01",
    "patient_role": "self",
    "government_facility": False,
    "already_represented": False,
    "contact_name": "Jordan Ellis",
    "contact_phone": "+15035550161",
    "contact_email": "jordan.ellis@example.com",
    "contact_consent": True,
    "screening_outcome": "qualified",
    "deadline": "2027-12-01",
    "days_left": 374,
    "limitation_status": "open",
    "limitation_explanation": "2 years from the injury",
    "limitation_citation": "ORS 12.110(4)",
    "limitation_caveats": ["An attorney must confirm."],
    "screening_id": "abc",
}


def test_lead_carries_every_screening_fact(make_tracker):
    lead = build_lead(
        make_tracker(FINISHED, text="yes", active=False, input_channel="twilio")
    )
    assert lead["conversation_id"] == "test-user"
    assert lead["channel"] == "sms"
    assert lead["outcome"] == "qualified" and lead["citation"] == "ORS 12.110(4)"
    assert lead["contact_phone"] == "+15035550161"
    assert lead["transcript_snapshot"][-1]["text"] == "yes"


@pytest.mark.parametrize(
    "channel, expected", [("rest", "web"), ("twilio", "sms"), ("cmdline", "shell")]
)
def test_channel_names(make_tracker, channel, expected):
    assert channel_of(make_tracker(input_channel=channel)) == expected


async def test_lead_is_written_once_then_confirmed_with_its_reference(
    domain, make_tracker, lead_db
):
    from bot.leads.store import get_store

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(FINISHED, text="yes", active=False)
    events = await ActionSubmitLead().run(dispatcher, tracker, domain)
    reference = events[0]["value"]
    assert reference
    assert dispatcher.messages[0]["response"] == "utter_outcome_qualified"
    assert dispatcher.messages[0]["reference"] == reference
    await ActionSubmitLead().run(
        CollectingDispatcher(), tracker, domain
    )  # a retried action
    leads = get_store().list_leads()
    assert len(leads) == 1 and leads[0]["reference"] == reference


async def test_database_down_means_no_confirmation_and_the_lead_is_spooled(
    domain, make_tracker, tmp_path, monkeypatch
):
    from bot.leads.store import reset_stores

    monkeypatch.setenv(
        "DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x' / 'leads.db'}"
    )
    monkeypatch.setenv("LEAD_SPOOL_DIR", str(tmp_path / "spool"))
    (tmp_path / "missing").write_text("a file where the database's folder should be")
    settings.cache_clear()
    reset_stores()
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitLead().run(
        dispatcher, make_tracker(FINISHED, active=False), domain
    )
    assert events[0]["value"] is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff_failed"]
    spooled = list((tmp_path / "spool").glob("*.json"))
    assert len(spooled) == 1
    assert json.loads(spooled[0].read_text())["contact_name"] == "Jordan Ellis"
    settings.cache_clear()
    reset_stores()


async def test_the_handoff_writes_only_its_own_lead(domain, make_tracker, lead_db):
    """Leads spooled earlier wait for the worker: the request path never drains the spool."""
    from bot.leads.spool import pending, spool_lead
    from bot.leads.store import get_store

    spool_lead({"conversation_id": "earlier", "outcome": "urgent"})
    events = await ActionSubmitLead().run(
        CollectingDispatcher(), make_tracker(FINISHED, active=False), domain
    )
    assert events[0]["value"]
    assert pending() == 1
    assert [x["conversation_id"] for x in get_store().list_leads()] == ["test-user"]


async def test_an_unmigrated_store_spools_rather_than_migrating(
    domain, make_tracker, tmp_path, monkeypatch
):
    from bot.leads.store import reset_stores

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("LEAD_SPOOL_DIR", str(tmp_path / "spool"))
    settings.cache_clear()
    reset_stores()
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitLead().run(
        dispatcher, make_tracker(FINISHED, active=False), domain
    )
    assert events[0]["value"] is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff_failed"]
    assert len(list((tmp_path / "spool").glob("*.json"))) == 1
    settings.cache_clear()
    reset_stores()


@pytest.mark.parametrize(
    "slots, response",
    [
        (
            {"screening_outcome": "represented", "already_represented": True},
            "utter_outcome_represented",
        ),
        ({"screening_outcome": "urgent"}, "utter_outcome_urgent"),
        ({"screening_outcome": "time_barred"}, "utter_outcome_time_barred"),
        ({"contact_consent": False}, "utter_outcome_no_consent"),
    ],
)
async def test_each_outcome_has_its_message(
    domain, make_tracker, lead_db, slots, response, monkeypatch
):
    monkeypatch.setenv(
        "FIRM_OPEN_HOURS", "mon-sun 00:00-24:00"
    )  # open: "call us today"
    settings.cache_clear()
    dispatcher = CollectingDispatcher()
    await ActionSubmitLead().run(
        dispatcher, make_tracker({**FINISHED, **slots}, active=False), domain
    )
    assert dispatcher.messages[0]["response"] == response
    assert dispatcher.messages[-1]["response"] == "utter_what_next"


async def test_urgent_outside_hours_says_when_the_phones_open(
    domain, make_tracker, lead_db, said, monkeypatch
):
    monkeypatch.setenv("FIRM_OPEN_HOURS", "mon-sun 00:00-00:00")  # never open
    settings.cache_clear()
    dispatcher = CollectingDispatcher()
    await ActionSubmitLead().run(
        dispatcher,
        make_tracker({**FINISHED, "screening_outcome": "urgent"}, active=False),
        domain,
    )
    first = dispatcher.messages[0]
    assert first["response"] == "utter_outcome_urgent_after_hours"
    text = said(first, {"firm_phone": "(555) 010-0199"})
    assert "today" not in text.replace("tomorrow", "") and "first in line" in text
    # never open: no made-up opening time ("tomorrow at 12:00 AM")
    assert "open on the next business day" in text and "12:00 AM" not in text
    settings.cache_clear()


async def test_a_correction_after_the_lead_updates_it_for_staff_to_see(
    domain, make_tracker, lead_db
):
    from actions.conversation import ActionCorrectAnswer
    from bot.leads.store import get_store

    events = await ActionSubmitLead().run(
        CollectingDispatcher(), make_tracker(FINISHED, active=False), domain
    )
    reference = events[-1]["value"]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {**FINISHED, "lead_reference": reference},
        text="sorry, it was in Washington, not Oregon",
        intent="correct_answer",
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_changed_state",
        "utter_lead_updated",
    ]
    store = get_store()
    lead = store.get_lead_by_reference(reference)
    assert lead["state"] == "WA" and lead["citation"] != "ORS 12.110(4)"
    assert "screening_outcome" in {e["name"] for e in events}
    note = store.notes(lead["id"])[-1]["text"]
    assert "State: OR -> WA" in note
    assert store.audit_log(lead["id"])[0]["action"] == "lead_updated_in_conversation"
    assert "OR" not in store.audit_log(lead["id"])[0]["detail"]  # names, never values


async def test_a_second_decline_makes_no_second_lead(domain, make_tracker, lead_db):
    from bot.leads.store import get_store

    said = "I was in a car crash and the other driver was drunk"
    tracker = make_tracker(
        {"screening_outcome": "not_medmal", "incident_type": "not_medmal"},
        text=said,
        intent="describe_not_medmal",
        active=False,
    )
    first = await ActionSubmitLead().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in first}
    again = make_tracker(
        {"screening_outcome": "not_medmal", "incident_type": "not_medmal", **slots},
        text="it was on the highway last week",
        intent="describe_not_medmal",
        active=False,
    )
    await ActionSubmitLead().run(CollectingDispatcher(), again, domain)
    leads = get_store().leads_for_conversation("test-user")
    assert len(leads) == 1 and leads[0]["incident_description"] == said


async def test_an_empty_screening_writes_no_lead(domain, make_tracker, lead_db):
    from bot.leads.store import get_store

    tracker = make_tracker({"screening_outcome": "qualified"}, active=False)
    events = await ActionSubmitLead().run(CollectingDispatcher(), tracker, domain)
    assert "lead_reference" not in {e["name"] for e in events}
    assert get_store().leads_for_conversation("test-user") == []


async def test_the_decline_is_said_once(domain, make_tracker, lead_db):
    said = "I was in a car crash and the other driver was drunk"
    tracker = make_tracker(
        {"screening_outcome": "not_medmal", "incident_type": "not_medmal"},
        text=said,
        intent="describe_not_medmal",
        active=False,
    )
    dispatcher = CollectingDispatcher()
    first = await ActionSubmitLead().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == [
        "utter_outcome_not_medmal",
        "utter_what_next",
    ]
    slots = {e["name"]: e["value"] for e in first if e["event"] == "slot"}
    decline = {"event": "bot", "metadata": {"utter_action": "utter_outcome_not_medmal"}}
    again = make_tracker(
        {"screening_outcome": "not_medmal", "incident_type": "not_medmal", **slots},
        text="i already told you. got rear ended on i90 last month. whiplash",
        intent="describe_not_medmal",
        active=False,
        events=[{"event": "user", "text": said}, decline],
    )
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitLead().run(dispatcher, again, domain)
    [reply] = dispatcher.messages  # no decline again, no reminder again
    assert reply.get("response") is None
    assert reply["text"].startswith("I'm sorry we can't help with this one.")
    assert events[-1] == {
        "event": "followup",
        "timestamp": None,
        "name": "action_listen",
    }


async def test_the_kind_corrected_after_the_lead_changes_the_lead(
    domain, make_tracker, lead_db
):
    # role-play H (Alyssa): "wait, it was a surgical error not a missed diagnosis" after the
    # lead: the lead's kind changes, recorded for staff, and the person is told
    from actions.conversation import ActionCorrectAnswer
    from bot.leads.store import get_store

    written = {**FINISHED, "incident_type": "misdiagnosis"}
    tracker = make_tracker(written, text="that's right", active=False)
    events = await ActionSubmitLead().run(CollectingDispatcher(), tracker, domain)
    reference = events[-1]["value"]
    dispatcher = CollectingDispatcher()
    after = make_tracker(
        {**written, "lead_reference": reference},
        text="wait, it was a surgical error not a missed diagnosis",
        intent="correct_answer",
        events=[{"event": "slot", "name": "incident_type", "value": "misdiagnosis"}],
        active=False,
    )
    events = await ActionCorrectAnswer().run(dispatcher, after, domain)
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"}[
        "incident_type"
    ] == "surgical_error"
    assert [m.get("response") for m in dispatcher.messages] == [
        "utter_changed_incident_type",
        "utter_lead_updated",
    ]
    [lead] = get_store().list_leads()
    assert lead["incident_type"] == "surgical_error"
    notes = get_store().notes(lead["id"])
    assert any("misdiagnosis -> surgical_error" in n["text"] for n in notes)
