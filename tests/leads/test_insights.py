"""The insights from a seeded lead store and tracker store with known numbers, the weekly
summary through the outbox to a real SMTP server, and the CLI."""

from __future__ import annotations

import json
from datetime import timedelta, timezone

import sqlalchemy as sa

from bot.leads import insights, weekly
from bot.leads import models as m
from bot.leads.outbox import process_due
from bot.leads.store import LeadStore, utcnow
from tests.leads.conftest import payload
from tests.leads.test_outbox import smtp  # noqa: F401 - the SMTP fixture

EVENTS = (
    "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) "
    "NOT NULL, type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
    "action_name VARCHAR(255), data TEXT)"
)
STORY = {"incident_description": "A sponge was left inside", "incident_type": "other"}
FACTS = {"state": "CA", "incident_date": "2025-03-10"}
CONTACT = {"contact_phone": "+15555550123"}


def write_chat(url, sender, at, channel, slots, asked=None):
    """One conversation as Rasa's SQLTrackerStore keeps it: a user message, then the slots
    the form set and the question it asked last (``requested_slot``)."""
    engine = sa.create_engine(url)
    rows = [("user", {"event": "user", "text": "hi", "input_channel": channel})]
    rows += [("slot", {"event": "slot", "name": k, "value": v}) for k, v in slots]
    if asked:
        rows.append(
            ("slot", {"event": "slot", "name": "requested_slot", "value": asked})
        )
    with engine.begin() as conn:
        conn.execute(sa.text(EVENTS))
        for i, (kind, data) in enumerate(rows):
            ts = at.replace(tzinfo=timezone.utc).timestamp() + i
            conn.execute(
                sa.text(
                    "INSERT INTO events (sender_id, type_name, timestamp, data) "
                    "VALUES (:s, :t, :ts, :d)"
                ),
                dict(s=sender, t=kind, ts=ts, d=json.dumps({**data, "timestamp": ts})),
            )
    engine.dispose()


def lead_at(store, conversation_id, created, contacted_after=None, **fields):
    lead = store.create_lead(payload(conversation_id, **fields))
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(m.leads)
            .where(m.leads.c.id == lead["id"])
            .values(created_at=created)
        )
    if contacted_after is not None:
        store.set_status(lead["id"], "contacted", None)
        with store.engine.begin() as conn:
            conn.execute(
                sa.update(m.lead_status_history)
                .where(
                    m.lead_status_history.c.lead_id == lead["id"],
                    m.lead_status_history.c.from_status == "new",
                )
                .values(at=created + contacted_after)
            )
    return lead


def seed(store, tracker_url, tz="UTC"):
    """Six chats in two weeks (one more before them), three leads; returns the first week's
    Monday in the firm's time zone ``tz`` (as naive UTC)."""
    week1, _ = insights.last_week(utcnow(), tz)
    day = timedelta(days=1)
    both = list(STORY.items()) + list(FACTS.items())
    write_chat(tracker_url, "old", week1 - 3 * day, "rest", [])  # before the period
    write_chat(tracker_url, "c1", week1 + day, "rest", [], asked="incident_description")
    write_chat(tracker_url, "c2", week1 + day, "rest", STORY.items(), asked="state")
    write_chat(tracker_url, "c3", week1 + 2 * day, "twilio", both, "contact_phone")
    contact = both + list(CONTACT.items())
    write_chat(tracker_url, "c4", week1 + 2 * day, "twilio", contact, "contact_consent")
    write_chat(tracker_url, "c5", week1 + 3 * day, "rest", contact)
    write_chat(
        tracker_url, "c6", week1 + 7 * day + timedelta(minutes=1), "rest", contact
    )
    lead_at(
        store,
        "c5",
        week1 + 3 * day,
        timedelta(hours=2),
        outcome="urgent",
        incident_type="surgical_error",
        state="CA",
    )
    lead_at(
        store,
        "c6",
        week1 + 7 * day + timedelta(minutes=2),
        timedelta(hours=4),
        outcome="qualified",
        incident_type="misdiagnosis",
        state="NY",
    )
    lead_at(store, "c4", week1 + 2 * day, outcome="incomplete", partial=True)
    lead_at(
        store,
        "c8",
        week1 + 4 * day,
        channel="sms",
        outcome="not_medmal",
        incident_type="not_medmal",
        state="TX",
    )
    return week1


def test_the_numbers_of_a_seeded_store(store, settings):
    week1 = seed(store, settings.tracker_store_url)
    found = insights.compute(
        store, settings.tracker_store_url, week1, week1 + timedelta(days=14), "UTC"
    )
    assert found.funnel == {
        "started": 6,
        "story": 5,
        "facts": 4,
        "contact": 3,
        "lead": 2,
    }
    assert found.rate("lead") == 2 / 6
    assert found.by_channel == {
        "sms": {"started": 2, "story": 2, "facts": 2, "contact": 1, "lead": 0},
        "web": {"started": 4, "story": 3, "facts": 2, "contact": 2, "lead": 2},
    }
    week2 = (week1 + timedelta(days=7)).date().isoformat()
    assert found.by_week == {
        week1.date().isoformat(): {
            "started": 5,
            "story": 4,
            "facts": 3,
            "contact": 2,
            "lead": 1,
        },
        week2: {"started": 1, "story": 1, "facts": 1, "contact": 1, "lead": 1},
    }
    assert found.stops == [
        ("Agreed to be contacted", 1),
        ("Phone", 1),
        ("State", 1),
        ("What happened", 1),
    ]
    assert found.leads == 3
    assert {k: dict(v) for k, v in found.outcomes["channel"].items()} == {
        "sms": {"not_medmal": 1},
        "web": {"qualified": 1, "urgent": 1},
    }
    assert {k: dict(v) for k, v in found.outcomes["state"].items()} == {
        "CA": {"urgent": 1},
        "NY": {"qualified": 1},
        "TX": {"not_medmal": 1},
    }
    assert sorted(found.outcomes["incident_type"]) == [
        "misdiagnosis",
        "not_medmal",
        "surgical_error",
    ]
    assert found.median_contact_hours == 3.0
    assert found.median_contact_by_channel() == {"web": (3.0, 2)}
    rows = insights.csv_rows(found)
    assert ("funnel", "all", "Lead written", "2") in rows
    assert ("funnel by channel", "sms", "Contact given", "1") in rows
    assert ("where people stop", "Phone", "chats", "1") in rows
    assert ("outcomes by state", "TX", "not_medmal", "1") in rows
    assert ("time to first contact", "all", "median hours", "3.00") in rows


def test_an_empty_store_has_empty_insights(store, settings):
    now = utcnow()
    found = insights.compute(
        store, settings.tracker_store_url, now - timedelta(days=7), now
    )
    assert found.funnel["started"] == 0 and found.stops == [] and found.leads == 0
    assert found.median_contact_hours is None
    assert "Median time to first contact: no contacts yet" in (
        insights.weekly_summary_text(found, "Firm", "https://x/inbox/insights")
    )


def test_weekly_summary_goes_through_the_outbox_once_a_week(
    store,
    make_settings,
    smtp,  # noqa: F811 - the fixture imported above
):
    port, inbox = smtp
    # The week is the firm's, not UTC's: seeded in New York time, the sixth chat (one
    # minute into the firm's next week) must stay out of the summary.
    settings = make_settings(
        smtp_port=port, firm_name="Harbor & Lane", firm_timezone="America/New_York"
    )
    s = LeadStore(store.url, settings=settings)
    week1 = seed(s, settings.tracker_store_url, settings.firm_timezone)
    assert process_due(s, settings) == 4  # the new-lead emails
    inbox.envelopes.clear()
    assert weekly.queue(s, settings) == 1
    assert weekly.queue(s, settings) == 0  # already queued this week
    assert process_due(s, settings) == 1
    [msg] = inbox.messages()
    assert msg["To"] == "intake@firm.test"
    assert msg["Subject"] == f"Harbor & Lane: intake week of {week1.date()}"
    body = msg.get_content()
    for line in (
        "  Chats started: 5",
        "  Story told: 4 (80%)",
        "  Lead written: 1 (20%)",
        "  sms: 2 -> 0",
        "  web: 3 -> 1",
        "Leads received: 2",
        "  Urgent: 1",
        "Median time to first contact: 2 h",
        "https://inbox.example.test/inbox/insights",
    ):
        assert line in body, line
    for secret in ("Doe", "+15555550123", "sponge", "Sponge"):
        assert secret not in body
    [row] = s.reports(weekly.CHANNEL)
    assert row["status"] == "sent" and row["target"] == "intake@firm.test"
    s.dispose()


def test_cli_prints_and_emails(store, make_settings, smtp, monkeypatch, capsys):  # noqa: F811
    from actions.config import settings as load_settings
    from bot.leads.__main__ import main

    port, inbox = smtp
    settings = make_settings(smtp_port=port)
    for name, value in {
        "DATABASE_URL": store.url,
        "TRACKER_STORE_URL": settings.tracker_store_url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "INTAKE_EMAIL": "intake@firm.test",
        "MAIL_FROM": "assistant@firm.test",
        "SMTP_USER": "",
        "SMTP_STARTTLS": "false",
        "FIRM_TIMEZONE": "UTC",
    }.items():
        monkeypatch.setenv(name, value)
    load_settings.cache_clear()
    seed(store, settings.tracker_store_url)
    assert main(["insights", "--weeks", "2"]) == 0
    assert "  Chats started: 6" in capsys.readouterr().out
    assert main(["insights", "--email"]) == 0
    assert "queued 1 weekly summaries" in capsys.readouterr().out
    subjects = [msg["Subject"] for msg in inbox.messages()]
    assert len([s for s in subjects if "intake week of" in s]) == 1
