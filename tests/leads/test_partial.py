"""Partial leads: an idle screening with a contact and consent becomes one incomplete lead,
with what was collected and where it stopped; no consent, no lead; finishing later completes
the same lead (never a second one)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.leads import partial, worker
from bot.leads.conflicts import ConflictEntry
from bot.leads.outbox import process_due
from bot.leads.store import LeadStore, utcnow
from tests.leads.conftest import payload
from tests.leads.test_alerts import alerting, twilio  # noqa: F401 - fixtures
from tests.leads.test_insights import write_chat
from tests.leads.test_outbox import smtp  # noqa: F401 - the SMTP fixture

COLLECTED = [
    ("screening_id", "s1"),
    ("incident_description", "Sponge left in abdomen"),
    ("incident_type", "surgical_error"),
    ("state", "CA"),
    ("contact_name", "Jane Q Doe"),
    ("contact_phone", "+15555550123"),
]


def chat(settings, sender, minutes_ago, consent=True, asked="contact_email", more=()):
    slots = COLLECTED + list(more)
    if consent is not None:
        slots = slots + [("contact_consent", consent)]
    at = utcnow() - timedelta(minutes=minutes_ago)
    write_chat(settings.tracker_store_url, sender, at, "twilio", slots, asked)


def test_idle_screening_with_contact_and_consent_becomes_one_incomplete_lead(
    store, settings
):
    chat(settings, "+15555550123", minutes_ago=45)
    chat(settings, "no-consent", minutes_ago=45, consent=False)
    chat(settings, "never-asked", minutes_ago=45, consent=None)
    chat(settings, "still-typing", minutes_ago=5)
    assert partial.run(store) == 1
    [lead] = store.list_leads()
    assert lead["outcome"] == "incomplete" and lead["status"] == "new"
    assert lead["conversation_id"] == "+15555550123" and lead["channel"] == "sms"
    assert (lead["contact_phone"], lead["state"]) == ("+15555550123", "CA")
    assert lead["incident_description"] == "Sponge left in abdomen"
    assert lead["contact_consent"] is True
    [note] = store.notes(lead["id"])
    assert note["staff_id"] is None
    assert note["text"].startswith(
        "Stopped before the end of the screening, at the question: Email. Answered: "
    )
    assert "Case type" in note["text"] and "Sponge" not in note["text"]
    assert [n["channel"] for n in store.notifications(lead["id"])] == ["email"]

    assert partial.run(store) == 0  # never twice
    assert len(store.list_leads()) == 1


def test_finishing_later_completes_the_same_lead(store, make_settings, smtp):  # noqa: F811
    port, inbox = smtp
    settings = make_settings(smtp_port=port)
    s = LeadStore(store.url, settings=settings)
    chat(settings, "+15555550123", minutes_ago=60)
    assert partial.run(s) == 1
    assert process_due(s, settings) == 1
    [first] = inbox.messages()
    assert "(incomplete)" in first["Subject"]
    [lead] = s.list_leads()

    finished = s.create_lead(
        payload(
            "+15555550123",
            dedupe_key="+15555550123:s1",
            channel="twilio",
            outcome="qualified",
            deadline=(date.today() + timedelta(days=300)).isoformat(),
            contact_email="jane@example.org",
        )
    )
    assert finished["id"] == lead["id"] and finished["reference"] == lead["reference"]
    assert finished["outcome"] == "qualified" and finished["days_left"] == 300
    assert finished["contact_email"] == "jane@example.org"
    assert len(s.list_leads()) == 1
    assert process_due(s, settings) == 1  # the intake email again, now with the outcome
    second = inbox.messages()[1]
    assert second["Subject"] == f"New intake lead {lead['reference']} (qualified)"
    assert "lead_completed" in [a["action"] for a in s.audit_log(lead["id"])]
    # A retried handoff of the finished screening changes nothing more.
    again = s.create_lead(payload("+15555550123", dedupe_key="+15555550123:s1"))
    assert again["id"] == lead["id"] and again["outcome"] == "qualified"
    assert process_due(s, settings) == 0
    s.dispose()


def test_an_urgent_completion_pages_the_on_call_staff(store, alerting):  # noqa: F811
    make, _, twilio_api = alerting
    settings = make(alert_email_to=())
    s = LeadStore(store.url, settings=settings)
    chat(settings, "+15555550123", minutes_ago=60)
    assert partial.run(s) == 1
    [lead] = s.list_leads()
    assert [n["channel"] for n in s.notifications(lead["id"])] == ["email"]
    s.create_lead(
        payload("+15555550123", dedupe_key="+15555550123:s1", outcome="urgent")
    )
    channels = [n["channel"] for n in s.notifications(lead["id"])]
    assert channels == ["email", "alert_sms:1", "alert_sms:2"]
    process_due(s, settings)
    assert len(twilio_api.received) == 2
    s.dispose()


def test_the_worker_runs_it_and_zero_minutes_switches_it_off(store, make_settings):
    settings = make_settings(retention_days=0, smtp_port=9, smtp_timeout=0.5)
    chat(settings, "+15555550123", minutes_ago=45)
    off = LeadStore(store.url, settings=make_settings(partial_lead_idle_minutes=0))
    assert partial.run(off) == 0
    off.dispose()
    s = LeadStore(store.url, settings=settings)
    assert worker.run_once(s)["partial"] == 1
    assert worker.run_once(s)["partial"] == 0
    s.dispose()


def test_a_completed_lead_gets_the_finished_screenings_case_evaluation(store, settings):
    """The partial lead was assessed on what it had; finishing it assesses the whole screening
    again (strength, summary, and the conflict check against the firm's list)."""
    store.upload_conflict_list(
        [ConflictEntry("Saint Mary's Hospital", "adverse_party")],
        replace=True,
        staff_id=None,
    )
    chat(settings, "+15555550123", minutes_ago=60)
    assert partial.run(store) == 1
    [lead] = store.list_leads()
    assert "no provider named" in lead["case_strength_reasons"]
    assert lead["conflict_matches"] == []

    finished = store.create_lead(
        payload(
            "+15555550123",
            dedupe_key="+15555550123:s1",
            contact_name="Pat Other",
            harm_severity="permanent",
            providers=[{"name": "the ER at St. Mary's", "kind": "hospital"}],
        )
    )
    assert finished["id"] == lead["id"] and finished["outcome"] == "qualified"
    assert "permanent harm" in finished["case_strength_reasons"]
    assert "Providers: the ER at St. Mary's (hospital)" in finished["case_summary"]
    assert [m["matched"] for m in finished["conflict_matches"]] == ["provider"]
