"""SMS opt-outs and Twilio MessageSids in LeadStore on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.leads.store import LeadStore
from tests.leads.conftest import payload

# --- SMS ------------------------------------------------------------------------------------------


def test_opt_outs(store):
    assert store.is_opted_out("+15555550100") is False
    store.set_opt_out("+15555550100", True)
    store.set_opt_out("+15555550100", True)
    store.set_opt_out("+15555550101", True)
    assert store.is_opted_out("+15555550100") is True
    assert sorted(o["phone"] for o in store.list_opt_outs()) == [
        "+15555550100",
        "+15555550101",
    ]
    store.set_opt_out("+15555550100", False)
    assert store.is_opted_out("+15555550100") is False
    assert [o["phone"] for o in store.list_opt_outs()] == ["+15555550101"]


def test_claim_message_sid(store):
    assert store.claim_message_sid("SM" + "a" * 32) is True
    assert store.claim_message_sid("SM" + "a" * 32) is False
    assert store.claim_message_sid("SM" + "b" * 32) is True


def test_claim_message_sid_race(store):
    barrier = threading.Barrier(6)
    wins = []

    def worker():
        barrier.wait()
        wins.append(store.claim_message_sid("SMrace"))

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 5 + [True]


# --- receiving a text: MessageSid, state and the consent record in one transaction -------------


def test_receive_sms_records_opt_out_and_opt_in(store):
    phone = "+15555550140"
    first = store.receive_sms("SM1", phone)
    assert (first.first_time, first.was_opted_out, first.opted_out) == (
        True,
        False,
        False,
    )
    stop = store.receive_sms("SM2", phone, "opt_out", "texted stop texting me")
    assert stop.first_time and stop.changed and stop.opted_out
    assert store.is_opted_out(phone) is True
    again = store.receive_sms("SM3", phone, "opt_out", "texted STOP")
    assert again.first_time and not again.changed  # already out: not confirmed twice
    repeat = store.receive_sms("SM2", phone, "opt_out", "texted stop texting me")
    assert repeat.first_time is False and repeat.opted_out is True
    back = store.receive_sms("SM4", phone, "opt_in", "texted START")
    assert back.changed and back.opted_out is False
    history = store.consent_history([phone])
    assert [(r["action"], r["detail"], r["channel"]) for r in history] == [
        ("opt_in", "texted START", "sms"),
        ("opt_out", "texted STOP", "sms"),
        ("opt_out", "texted stop texting me", "sms"),
    ]
    assert history[0]["label"] == "Opted back in to texts" and history[0]["at"]


def test_yes_opts_in_only_an_opted_out_number(store):
    phone = "+15555550141"
    yes = store.receive_sms(
        "SMy1", phone, "opt_in", "texted YES", only_if_opted_out=True
    )
    assert not yes.changed and store.consent_history([phone]) == []
    store.receive_sms("SMy2", phone, "opt_out", "texted STOP")
    yes = store.receive_sms(
        "SMy3", phone, "opt_in", "texted YES", only_if_opted_out=True
    )
    assert yes.changed and store.is_opted_out(phone) is False


def test_receive_sms_keeps_nothing_when_the_database_fails(store):
    """A failure after the MessageSid was inserted rolls it back: Twilio's retry is new."""
    import sqlalchemy as sa

    with store.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE sms_opt_outs RENAME TO sms_opt_outs_away"))
    try:
        with pytest.raises(Exception):
            store.receive_sms("SMfail", "+15555550142", "opt_out", "texted STOP")
    finally:
        with store.engine.begin() as conn:
            conn.execute(
                sa.text("ALTER TABLE sms_opt_outs_away RENAME TO sms_opt_outs")
            )
    retried = store.receive_sms("SMfail", "+15555550142", "opt_out", "texted STOP")
    assert retried.first_time and retried.changed


def test_screening_consent_is_recorded_with_the_lead(store):
    lead = store.create_lead(
        payload("conv-consent", contact_phone="(555) 555-0143", contact_consent=True)
    )
    [row] = store.consent_history(["+15555550143"])
    assert row["action"] == "consent_given" and row["channel"] == "web"
    assert row["lead_id"] == lead["id"] and row["phone"] == "+15555550143"
    # the same screening handed off again: still one row
    store.create_lead(
        payload("conv-consent", contact_phone="(555) 555-0143", contact_consent=True)
    )
    assert len(store.consent_history(["5555550143"])) == 1

    refused = store.create_lead(
        payload(
            "+15555550144",
            dedupe_key="+15555550144:s1",
            channel="sms",
            contact_phone=None,
            contact_consent=False,
        )
    )
    [row] = store.consent_history(["+15555550144"])
    assert (row["action"], row["channel"], row["lead_id"]) == (
        "consent_refused",
        "sms",
        refused["id"],
    )
    store.create_lead(payload("conv-unasked", contact_consent=None))
    assert [r["action"] for r in store.consent_history()] == [
        "consent_refused",
        "consent_given",
    ]


def test_erasure_keeps_opt_outs_but_not_the_screenings_consent(store):
    phone = "+15555550145"
    lead = store.create_lead(payload("conv-erase-consent", contact_phone=phone))
    store.receive_sms("SMe1", phone, "opt_out", "texted REVOKE")
    assert store.erase_lead(lead["id"], None) is True
    assert [r["action"] for r in store.consent_history([phone])] == ["opt_out"]
    assert store.is_opted_out(phone) is True


def test_message_sids_outlive_the_retention_purge(store, make_settings):
    """RETENTION_DAYS=30 purges conversations; a MessageSid is kept 400 days all the same."""
    import sqlalchemy as sa

    from bot.leads import models as m
    from bot.leads import worker
    from bot.leads.fields import utcnow

    s = LeadStore(store.url, settings=make_settings(retention_days=30))
    for sid, age in (("SMrecent", 100), ("SMancient", 500)):
        s.claim_message_sid(sid)
        with s.engine.begin() as conn:
            conn.execute(
                sa.update(m.inbound_messages)
                .where(m.inbound_messages.c.sid == sid)
                .values(received_at=utcnow() - timedelta(days=age))
            )
    worker.purge(s)
    assert s.claim_message_sid("SMrecent") is False  # still known: a replay is refused
    assert s.claim_message_sid("SMancient") is True  # forgotten after 400 days
    s.dispose()
