"""Privacy on the running stack: erasure on request (a staff command, audited), the retention
purge of conversations that never became leads, and no personal data in any process's log."""

from __future__ import annotations

import re
import secrets
import urllib.parse
from collections.abc import Iterable

import pytest
import sqlalchemy as sa

from tests.e2e.conftest import http
from tests.production.conftest import answers_for, screen, start_screening

pytestmark = pytest.mark.e2e

DAY = 86400


def tracker_rows(prod, sender: str) -> int:
    """Events of a conversation, counted in the tracker store itself (not through Rasa)."""
    engine = sa.create_engine(prod.env["TRACKER_STORE_URL"], future=True)
    try:
        with engine.connect() as conn:
            return conn.execute(
                sa.text("SELECT count(*) FROM events WHERE sender_id = :s"),
                {"s": sender},
            ).scalar()
    finally:
        engine.dispose()


def backdate(prod, senders: Iterable[str], days: int) -> None:
    engine = sa.create_engine(prod.env["TRACKER_STORE_URL"], future=True)
    try:
        with engine.begin() as conn:
            for sender in senders:
                conn.execute(
                    sa.text(
                        "UPDATE events SET timestamp = timestamp - :d WHERE sender_id = :s"
                    ),
                    {"d": days * DAY, "s": sender},
                )
    finally:
        engine.dispose()


def user_texts(chat) -> list[str]:
    return [e.get("text") for e in chat.tracker()["events"] if e["event"] == "user"]


def add_staff(prod) -> str:
    username = f"paralegal-{secrets.token_hex(3)}"
    result = prod.cli(
        "user",
        "add",
        username,
        "--password-stdin",
        stdin=secrets.token_urlsafe(16) + "\n",
    )
    assert result.returncode == 0, result.stderr
    return username


def test_erasure_deletes_the_lead_and_its_conversation_everywhere(prod):
    chat = prod.chat()
    answers = answers_for(prod)
    start_screening(chat)
    screen(chat, answers)
    [lead] = chat.leads()
    token = {"Authorization": f"Bearer {prod.env['INBOX_API_TOKEN']}"}
    status, detail = http("GET", f"{prod.inbox}/api/leads/{lead['id']}", headers=token)
    assert status == 200 and detail["transcript"], detail
    assert tracker_rows(prod, chat.sender) > 0
    store = prod.lead_store()
    assert store.notifications(lead["id"])  # the queued email and CRM rows

    staff = add_staff(prod)
    result = prod.cli("erase", str(lead["id"]), "--staff", staff)
    assert result.returncode == 0 and f"lead {lead['id']} erased" in result.stdout, (
        result.stdout + result.stderr
    )

    # Gone from the inbox API, its search, the tracker store, the Rasa API, the outbox and the spool.
    assert http("GET", f"{prod.inbox}/api/leads/{lead['id']}", headers=token)[0] == 404
    assert chat.leads() == []
    q = urllib.parse.quote(answers["contact_email"])
    status, found = http("GET", f"{prod.inbox}/api/leads?q={q}", headers=token)
    assert status == 200 and found == []
    assert tracker_rows(prod, chat.sender) == 0
    assert user_texts(chat) == [] and chat.slots().get("contact_email") is None
    assert (
        store.notifications(lead["id"]) == []
        and store.notification_attempts(lead["id"]) == []
    )
    assert not list((prod.tmp / "spool").glob("lead-*.json"))
    # Recorded in the audit log: who, which lead, and nothing personal.
    [entry] = [
        a for a in store.audit_log(lead_id=lead["id"]) if a["action"] == "lead_erased"
    ]
    assert entry["username"] == staff and lead["reference"] in entry["detail"]
    for value in (answers["contact_email"], answers["contact_name"], "nerve", "+1206"):
        assert value not in entry["detail"]
    # A second request for the same lead is refused, not silently "done".
    again = prod.cli("erase", str(lead["id"]), "--staff", staff)
    assert again.returncode == 1 and "no lead" in again.stderr


def test_retention_removes_only_stale_conversations_that_never_became_leads(prod):
    stale, recent, lead_chat = prod.chat(), prod.chat(), prod.chat()
    for chat in (stale, recent):
        start_screening(chat)
        chat.say("it was in Washington")
    answers = answers_for(prod)
    start_screening(lead_chat)
    screen(lead_chat, answers)
    assert len(lead_chat.leads()) == 1
    backdate(prod, [stale.sender, lead_chat.sender], days=40)

    # The period is a setting (RETENTION_DAYS): at 45 days nothing here is old enough ...
    result = prod.cli("purge", extra_env={"RETENTION_DAYS": "45"})
    assert (
        result.returncode == 0
        and "deleted 0 conversations older than 45 days" in result.stdout
    ), result.stdout
    assert tracker_rows(prod, stale.sender) > 0
    # ... at 30 days the 40-day-old conversation without a lead goes; the one with a lead stays.
    result = prod.cli("purge", extra_env={"RETENTION_DAYS": "30"})
    assert (
        result.returncode == 0
        and "deleted 1 conversations older than 30 days" in result.stdout
    ), result.stdout
    assert tracker_rows(prod, stale.sender) == 0 and user_texts(stale) == []
    assert tracker_rows(
        prod, recent.sender
    ) > 0 and "it was in Washington" in user_texts(recent)
    assert tracker_rows(prod, lead_chat.sender) > 0 and len(lead_chat.leads()) == 1
    purged = [
        a
        for a in prod.lead_store().audit_log()
        if a["action"] == "conversations_purged"
    ]
    assert purged and purged[0]["detail"] == "1 conversations older than 30 days"


# The privacy scan runs after every other test in tests/production (conftest reorders it), so it
# reads what the faults, the fuzzing, the scale-out and the erasure left in the logs.
@pytest.mark.scan_logs_last
def test_no_personal_data_in_any_log(prod):
    logs = sorted(prod.log_dir.rglob("*.log"))
    names = {p.name for p in logs}
    assert {"rasa.log", "actions.log", "inbox.log"} <= names, names
    lines = [line for p in logs for line in p.read_text(errors="replace").splitlines()]
    assert len(lines) > 50  # the processes did log: an empty log would prove nothing
    assert any("lead" in line.lower() for line in lines)
    sensitive = {s.lower() for s in prod.sensitive if len(s) >= 6}
    assert len(sensitive) >= 8, (
        sensitive
    )  # the conversations above registered what they said
    leaks = [(s, line[:300]) for line in lines for s in sensitive if s in line.lower()]
    assert not leaks, "\n".join(f"{s!r} in: {line}" for s, line in leaks[:20])
    # Nor anything shaped like an email address or a US phone number from a conversation.
    shaped = [
        line
        for line in lines
        if re.search(r"[\w.+-]+@example\.com", line)
        or re.search(r"\+1\d{10}\b|\(\d{3}\) \d{3}-\d{4}", line)
    ]
    shaped = [
        line
        for line in shaped
        if "assistant@example.com" not in line and "intake@example.com" not in line
    ]
    assert not shaped, "\n".join(shaped[:20])
