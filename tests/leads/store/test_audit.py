"""The audit trail of LeadStore on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.leads.conftest import payload


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
