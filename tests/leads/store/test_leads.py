"""The leads part of LeadStore (create, list, status, notes, assignment) on SQLite and
PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from bot.leads import fields
from bot.leads.store import LEAD_FIELDS, LeadStore, priority
from bot.leads.store import leads as leads_module
from tests.leads.conftest import payload

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
    monkeypatch.setattr(leads_module, "new_reference", lambda: next(refs))
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


def test_when_to_call_said_after_the_lead_reaches_its_summary(store):
    """Role-play M (Doris): "I am home all day except Tuesday and Thursday mornings", said after
    the lead, changes no field but joins the summary's line on how to reach them."""
    lead = store.create_lead(payload("reach-1"))
    note = "When they can take a call: “I am home all day except Tuesday mornings.”"
    updated = store.update_lead_facts(
        lead["id"], payload("reach-1", reach_notes=[note])
    )
    assert updated is not None and "Tuesday" in updated["case_summary"]
    # the same words again change nothing
    assert (
        store.update_lead_facts(lead["id"], payload("reach-1", reach_notes=[note]))
        is None
    )
