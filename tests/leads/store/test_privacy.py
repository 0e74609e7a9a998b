"""Erasure and the retention purge in LeadStore on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from bot.leads.store import LeadStore
from tests.leads.conftest import payload, write_rasa_conversation

# --- erasure and retention ----------------------------------------------------------------------


def test_erase_lead(store, settings):
    from bot.leads import transcripts
    from bot.leads.spool import spool_lead

    staff = store.create_user("eraser", "correct horse battery")
    write_rasa_conversation(
        settings.tracker_store_url,
        "conv-erase",
        [("user", "my surgeon left a sponge"), ("bot", "I'm sorry")],
    )
    write_rasa_conversation(
        settings.tracker_store_url, "conv-keep", [("user", "hello")]
    )
    lead = store.create_lead(payload("conv-erase"))
    store.add_note(lead["id"], staff["id"], "note")
    store.set_status(lead["id"], "contacted", staff["id"])
    spooled = spool_lead(payload("conv-erase"), settings.spool_dir)
    assert transcripts.transcript("conv-erase", settings.tracker_store_url)

    assert store.erase_lead(lead["id"], staff["id"]) is True
    assert store.get_lead(lead["id"]) is None
    assert store.notes(lead["id"]) == [] and store.status_history(lead["id"]) == []
    assert (
        store.notifications(lead["id"]) == []
        and store.notification_attempts(lead["id"]) == []
    )
    assert transcripts.transcript("conv-erase", settings.tracker_store_url) == []
    assert transcripts.transcript("conv-keep", settings.tracker_store_url) != []
    assert not spooled.exists()
    entry = store.audit_log(lead_id=lead["id"])[0]
    assert entry["action"] == "lead_erased" and entry["staff_id"] == staff["id"]
    assert lead["reference"] in entry["detail"]
    for secret in ("sponge", "Sponge", "Jane", "+1555", "surgical", "1980"):
        assert secret not in entry["detail"]
    assert store.erase_lead(lead["id"], staff["id"]) is False


def test_erase_keeps_the_lead_when_the_tracker_store_is_down(
    store, make_settings, tmp_path
):
    broken = make_settings(
        tracker_store_url=f"sqlite:///{tmp_path / 'missing-dir' / 'rasa.db'}"
    )
    s = LeadStore(store.url, settings=broken)
    lead = s.create_lead(payload("keep-me"))
    with pytest.raises(OperationalError):
        s.erase_lead(lead["id"], None)
    assert s.get_lead(lead["id"]) is not None
    s.dispose()


def test_purge_stale_conversations(store, settings):
    import time

    from bot.leads import transcripts

    old = time.time() - 40 * 86400
    url = settings.tracker_store_url
    write_rasa_conversation(url, "old-no-lead", [("user", "hi")], start=old)
    write_rasa_conversation(url, "old-lead", [("user", "hi")], start=old)
    write_rasa_conversation(url, "recent", [("user", "hi")], start=time.time() - 86400)
    store.create_lead(payload("old-lead"))
    assert store.purge_stale_conversations(30) == 1
    assert transcripts.transcript("old-no-lead", url) == []
    assert transcripts.transcript("old-lead", url) != []
    assert transcripts.transcript("recent", url) != []
    assert store.purge_stale_conversations(30) == 0


def test_purge_without_tracker_table_is_a_no_op(sqlite_store):
    assert sqlite_store.purge_stale_conversations(30) == 0
