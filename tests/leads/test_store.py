"""LeadStore against real databases (SQLite file and, when reachable, PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import OperationalError

from bot.leads import fields
from bot.leads import store as store_module
from bot.leads.store import LEAD_FIELDS, LeadStore, get_store, priority, reset_stores
from tests.leads.conftest import payload, write_rasa_conversation

API_KEYS = set(LEAD_FIELDS)


def in_days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


# --- create_lead --------------------------------------------------------------------------------


def test_create_lead_assigns_fields_and_keeps_payload(store):
    lead = store.create_lead(
        payload(deadline=in_days(40), days_left=40, unknown_key="ignored")
    )
    assert set(lead) == API_KEYS | {"transcript_snapshot"}
    assert lead["id"] > 0
    assert lead["reference"].startswith("ML-") and len(lead["reference"]) == 9
    assert lead["created_at"].endswith("+00:00")
    assert lead["status"] == "new"
    assert lead["channel"] == "web" and lead["state"] == "CA"
    assert lead["patient_deceased"] is False and lead["contact_consent"] is True
    assert lead["death_date"] is None and lead["assigned_to"] is None
    assert lead["deadline"] == in_days(40)
    assert lead["caveats"] == ["Notice of intent required 90 days before filing."]
    assert lead["transcript_snapshot"][0]["text"] == "hi"
    assert lead["priority"] == priority("qualified", lead["days_left"])
    assert store.get_lead(lead["id"]) == lead
    assert store.get_lead_by_reference(lead["reference"].lower())["id"] == lead["id"]
    assert store.get_lead(999999) is None


def test_missing_payload_keys_are_none(store):
    lead = store.create_lead({"conversation_id": "bare"})
    assert (
        lead["outcome"] is None
        and lead["contact_name"] is None
        and lead["caveats"] == []
    )
    assert lead["days_left"] is None and lead["patient_deceased"] is None
    with pytest.raises(ValueError):
        store.create_lead({"outcome": "qualified"})


def test_rasa_channel_names_are_mapped(store):
    assert store.create_lead(payload("a", channel="twilio"))["channel"] == "sms"
    assert store.create_lead(payload("b", channel="rest"))["channel"] == "web"
    assert store.create_lead(payload("c", channel="cmdline"))["channel"] == "shell"


def test_create_lead_is_idempotent(store):
    first = store.create_lead(payload("same"))
    again = store.create_lead(
        payload("same", contact_name="Someone Else", outcome="urgent")
    )
    assert again == first
    assert len(store.list_leads()) == 1
    assert len(store.notifications(first["id"])) == 1  # email only; not queued twice


def test_two_threads_racing_for_one_conversation_make_one_lead(store):
    barrier = threading.Barrier(8)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(store.create_lead(payload("racy")))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({r["id"] for r in results}) == 1
    assert len(store.list_leads()) == 1
    assert len(store.notifications(results[0]["id"])) == 1


def test_race_between_two_store_instances(store):
    """Two LeadStore objects (two engines, like two processes) racing."""
    other = LeadStore(store.url, settings=store.settings)
    barrier = threading.Barrier(2)
    out = []

    def run(s):
        barrier.wait()
        out.append(s.create_lead(payload("two-procs")))

    threads = [threading.Thread(target=run, args=(s,)) for s in (store, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.dispose()
    assert out[0]["id"] == out[1]["id"]
    assert len(store.list_leads()) == 1


def test_clio_is_queued_only_when_configured(store, make_settings):
    lead = store.create_lead(payload("no-clio"))
    assert [n["channel"] for n in store.notifications(lead["id"])] == ["email"]
    with_clio = LeadStore(
        store.url, settings=make_settings(clio_lead_inbox_url="http://127.0.0.1:1/x")
    )
    lead2 = with_clio.create_lead(payload("with-clio"))
    assert sorted(n["channel"] for n in store.notifications(lead2["id"])) == [
        "clio",
        "email",
    ]
    assert all(n["status"] == "pending" for n in store.notifications(lead2["id"]))
    with_clio.dispose()


def test_reference_collision_draws_a_new_one(store, monkeypatch):
    refs = iter(["ML-AAAAAA", "ML-AAAAAA", "ML-BBBBBB"])
    monkeypatch.setattr(store_module, "new_reference", lambda: next(refs))
    assert store.create_lead(payload("r1"))["reference"] == "ML-AAAAAA"
    assert store.create_lead(payload("r2"))["reference"] == "ML-BBBBBB"


# --- listing and priority -----------------------------------------------------------------------


def test_priority_order(store):
    ids = {}
    ids["not_medmal"] = store.create_lead(payload("p1", outcome="not_medmal"))["id"]
    ids["barred"] = store.create_lead(
        payload("p2", outcome="time_barred", deadline=in_days(-30))
    )["id"]
    ids["qual_far"] = store.create_lead(
        payload("p3", outcome="qualified", deadline=in_days(300))
    )["id"]
    ids["qual_near"] = store.create_lead(
        payload("p4", outcome="qualified", deadline=in_days(45))
    )["id"]
    ids["urgent_later"] = store.create_lead(
        payload("p5", outcome="urgent", deadline=in_days(20))
    )["id"]
    ids["urgent_soon"] = store.create_lead(
        payload("p6", outcome="urgent", deadline=in_days(5))
    )["id"]
    ids["qual_unknown"] = store.create_lead(payload("p7", outcome="qualified"))["id"]
    ids["represented"] = store.create_lead(
        payload("p8", outcome="represented", deadline=in_days(10))
    )["id"]
    leads = store.list_leads()
    order = [next(k for k, v in ids.items() if v == lead["id"]) for lead in leads]
    assert order == [
        "urgent_soon",
        "urgent_later",
        "qual_near",
        "qual_far",
        "qual_unknown",
        "represented",
        "barred",
        "not_medmal",
    ]
    prios = [lead["priority"] for lead in leads]
    assert prios == sorted(prios)
    assert leads[0]["days_left"] == 5 and leads[0]["priority"] == 5
    assert "transcript_snapshot" not in leads[0]
    assert set(leads[0]) == API_KEYS


def test_newest_first_within_equal_priority(store):
    a = store.create_lead(payload("n1", outcome="qualified"))
    b = store.create_lead(payload("n2", outcome="qualified"))
    assert [lead["id"] for lead in store.list_leads()] == [b["id"], a["id"]]


def test_days_left_follows_the_calendar(store, monkeypatch):
    lead = store.create_lead(
        payload("cal", outcome="urgent", deadline=in_days(10), days_left=10)
    )
    monkeypatch.setattr(fields, "today_utc", lambda: date.today() + timedelta(days=3))
    assert store.get_lead(lead["id"])["days_left"] == 7


def test_list_filters_and_search(store):
    store.create_lead(
        payload(
            "f1", outcome="urgent", channel="sms", state="ny", contact_name="Ann Smith"
        )
    )
    store.create_lead(
        payload(
            "f2",
            outcome="qualified",
            channel="web",
            state="CA",
            contact_name="Bob 100%_Jones",
        )
    )
    assert [x["conversation_id"] for x in store.list_leads(outcome="urgent")] == ["f1"]
    assert [x["conversation_id"] for x in store.list_leads(channel="web")] == ["f2"]
    assert [x["conversation_id"] for x in store.list_leads(state="ny")] == ["f1"]
    assert [x["conversation_id"] for x in store.list_leads(q="smith")] == ["f1"]
    assert [x["conversation_id"] for x in store.list_leads(q="100%_")] == ["f2"]
    assert store.list_leads(q="%%") == []  # wildcards are literal
    ref = store.list_leads(q="ann")[0]["reference"]
    assert [x["conversation_id"] for x in store.list_leads(q=ref.lower())] == ["f1"]
    assert len(store.list_leads(limit=1)) == 1
    assert store.list_leads(status="signed") == []


# --- status, notes, assignment, audit ----------------------------------------------------------


def test_status_workflow_and_history(store):
    staff = store.create_user("paralegal", "correct horse battery")
    lead = store.create_lead(payload("s1"))
    assert store.set_status(lead["id"], "contacted", staff["id"]) is True
    assert store.set_status(lead["id"], "consult_scheduled", staff["id"]) is True
    assert (
        store.set_status(lead["id"], "consult_scheduled", staff["id"]) is True
    )  # no-op
    assert store.set_status(lead["id"], "signed", None) is True
    assert store.get_lead(lead["id"])["status"] == "signed"
    history = store.status_history(lead["id"])
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        (None, "new"),
        ("new", "contacted"),
        ("contacted", "consult_scheduled"),
        ("consult_scheduled", "signed"),
    ]
    assert history[1]["username"] == "paralegal" and history[3]["staff_id"] is None
    assert [x["id"] for x in store.list_leads(status="signed")] == [lead["id"]]
    with pytest.raises(ValueError):
        store.set_status(lead["id"], "won", staff["id"])
    assert store.set_status(424242, "contacted", staff["id"]) is False


def test_notes(store):
    staff = store.create_user("attorney", "correct horse battery", "A. Torney")
    lead = store.create_lead(payload("notes"))
    note = store.add_note(lead["id"], staff["id"], "  Called, left voicemail. ")
    assert note["text"] == "Called, left voicemail."
    store.add_note(lead["id"], staff["id"], "Records requested")
    notes = store.notes(lead["id"])
    assert [n["text"] for n in notes] == [
        "Called, left voicemail.",
        "Records requested",
    ]
    assert notes[0]["display_name"] == "A. Torney"
    with pytest.raises(ValueError):
        store.add_note(lead["id"], staff["id"], "   ")
    assert store.add_note(999999, staff["id"], "x") is None


def test_assign(store):
    staff = store.create_user("assignee", "correct horse battery")
    lead = store.create_lead(payload("assign"))
    assert store.assign(lead["id"], staff["id"]) is True
    assert store.get_lead(lead["id"])["assigned_to"] == staff["id"]
    assert store.assign(lead["id"], None) is True
    assert store.get_lead(lead["id"])["assigned_to"] is None
    with pytest.raises(ValueError):
        store.assign(lead["id"], 999999)
    assert store.assign(999999, staff["id"]) is False


def test_audit(store):
    staff = store.create_user("auditor", "correct horse battery")
    lead = store.create_lead(payload("audit"))
    store.audit(staff["id"], "lead_viewed", lead["id"])
    store.audit(None, "login_failed", None, "user auditor")
    log = store.audit_log()
    assert [e["action"] for e in log[:3]] == [
        "login_failed",
        "lead_viewed",
        "lead_created",
    ]
    assert log[1]["username"] == "auditor" and log[1]["lead_id"] == lead["id"]
    per_lead = store.audit_log(lead_id=lead["id"])
    assert {e["action"] for e in per_lead} == {"lead_viewed", "lead_created"}
    assert len(store.audit_log(limit=1)) == 1
    created = [e for e in per_lead if e["action"] == "lead_created"][0]
    assert "Sponge" not in created["detail"] and "jane" not in created["detail"].lower()


# --- staff users and lock-out ------------------------------------------------------------------


def test_users_and_authentication(store):
    user = store.create_user("Alice", "correct horse battery", "Alice A.")
    assert user["username"] == "alice" and user["display_name"] == "Alice A."
    with pytest.raises(ValueError):
        store.create_user("alice", "another password")
    with pytest.raises(ValueError):
        store.create_user("bob", "")
    assert store.authenticate("ALICE", "correct horse battery")["id"] == user["id"]
    assert store.authenticate("alice", "wrong") is None
    assert store.authenticate("nobody", "correct horse battery") is None
    assert [u["username"] for u in store.list_users()] == ["alice"]
    assert store.get_user(user["id"])["last_login_at"] is not None
    assert store.get_user_by_username("alice")["id"] == user["id"]
    assert "password_hash" not in store.get_user(user["id"])
    assert store.set_password(user["id"], "a new passphrase") is True
    assert store.authenticate("alice", "a new passphrase") is not None


def test_password_hash_is_argon2id(store):
    import sqlalchemy as sa

    from bot.leads import models

    store.create_user("hashy", "correct horse battery")
    with store.engine.connect() as conn:
        stored = conn.execute(
            sa.select(models.staff_users.c.password_hash)
        ).scalar_one()
    assert stored.startswith("$argon2id$")


def test_lockout_after_five_failures(store, monkeypatch):
    clock = {"now": store_module.utcnow()}
    monkeypatch.setattr(store_module, "utcnow", lambda: clock["now"])
    user = store.create_user("locky", "correct horse battery")
    for _ in range(5):
        assert store.authenticate("locky", "wrong password") is None
    assert store.get_user(user["id"])["locked"] is True
    assert (
        store.authenticate("locky", "correct horse battery") is None
    )  # locked: even the right one
    clock["now"] += timedelta(minutes=14)
    assert store.authenticate("locky", "correct horse battery") is None
    clock["now"] += timedelta(minutes=2)
    assert store.authenticate("locky", "correct horse battery")["id"] == user["id"]
    assert "account_locked" in [e["action"] for e in store.audit_log()]


def test_failures_outside_the_window_do_not_lock(store, monkeypatch):
    clock = {"now": store_module.utcnow()}
    monkeypatch.setattr(store_module, "utcnow", lambda: clock["now"])
    store.create_user("slow", "correct horse battery")
    for _ in range(4):
        assert store.authenticate("slow", "nope") is None
    clock["now"] += timedelta(minutes=16)  # window over: counting starts again
    for _ in range(4):
        assert store.authenticate("slow", "nope") is None
    assert store.authenticate("slow", "correct horse battery") is not None
    # and a success resets the count
    for _ in range(4):
        store.authenticate("slow", "nope")
    assert store.authenticate("slow", "correct horse battery") is not None
    store.authenticate("slow", "nope")
    assert store.authenticate("slow", "correct horse battery") is not None


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


# --- get_store ------------------------------------------------------------------------------------


def test_get_store_is_lazy_and_shared(tmp_path, monkeypatch):
    from actions.config import settings as load_settings

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    load_settings.cache_clear()
    reset_stores()
    s1 = get_store()
    assert s1 is get_store() and s1.url == url
    assert s1._engine is None  # nothing connected yet
    assert not (tmp_path / "shared.db").exists()
