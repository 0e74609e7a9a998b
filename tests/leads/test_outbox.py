"""The outbox against a real SMTP server (aiosmtpd) and a local HTTP server speaking Clio's API."""

from __future__ import annotations

import email
import email.policy
import json
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from bot.leads import notify
from bot.leads.outbox import MAX_ATTEMPTS, backoff, process_due
from bot.leads.store import LeadStore, utcnow
from bot.stack import free_port
from tests.leads.conftest import payload

MEDICAL = (
    "Sponge",
    "sponge",
    "appendectomy",
    "surgical",
    "1980-05-17",
    "2024-01-10",
    "Jane",
    "+15555550123",
)


class Inbox:
    """aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [
            email.message_from_bytes(e.original_content, policy=email.policy.default)
            for e in self.envelopes
        ]


def start_smtp(port: int):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp() -> Iterator[tuple]:
    port = free_port()
    controller, inbox = start_smtp(port)
    yield port, inbox
    controller.stop()


class ClioHandler(BaseHTTPRequestHandler):
    status = 201
    received: list[dict] = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        type(self).received.append(
            {"path": self.path, "headers": dict(self.headers), "body": body}
        )
        out = json.dumps({"inbox_lead": {"id": 1}}).encode()
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def clio():
    handler = type("Clio", (ClioHandler,), {"status": 201, "received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/inbox_leads", handler
    server.shutdown()
    server.server_close()


def in_days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def test_urgent_email_without_medical_details(store, make_settings, smtp):
    port, inbox = smtp
    settings = make_settings(smtp_port=port)
    lead = store.create_lead(
        payload("mail-1", outcome="urgent", deadline=in_days(12), days_left=12)
    )
    assert process_due(store, settings) == 1
    [msg] = inbox.messages()
    assert (
        msg["Subject"]
        == f"[URGENT] New intake lead {lead['reference']} \u2014 deadline in 12 days"
    )
    assert msg["To"] == "intake@firm.test" and msg["From"] == "assistant@firm.test"
    assert inbox.envelopes[0].rcpt_tos == ["intake@firm.test"]
    body = msg.get_content()
    assert lead["reference"] in body
    assert f"https://inbox.example.test/inbox/leads/{lead['id']}" in body
    assert in_days(12) in body and "web" in body
    for secret in MEDICAL:
        assert secret not in body and secret not in msg["Subject"]
    attempts = store.notification_attempts(lead["id"])
    assert [(a["channel"], a["attempt"], a["ok"], a["error"]) for a in attempts] == [
        ("email", 1, True, None)
    ]
    assert store.notifications(lead["id"])[0]["status"] == "sent"
    assert process_due(store, settings) == 0  # sent once only
    assert len(inbox.envelopes) == 1


def test_non_urgent_subject_and_details_when_enabled(store, make_settings, smtp):
    port, inbox = smtp
    settings = make_settings(smtp_port=port, email_include_details=True)
    lead = store.create_lead(
        payload("mail-2", outcome="qualified", deadline=in_days(200))
    )
    assert process_due(store, settings) == 1
    [msg] = inbox.messages()
    assert "URGENT" not in msg["Subject"] and lead["reference"] in msg["Subject"]
    body = msg.get_content()
    assert "Sponge left in abdomen" in body and "Jane Q Doe" in body


def test_smtp_down_then_up(store, make_settings):
    port = free_port()  # nothing listens here yet
    settings = make_settings(smtp_port=port)
    lead = store.create_lead(payload("mail-3", outcome="urgent", deadline=in_days(3)))
    t0 = utcnow()
    assert process_due(store, settings, now=t0) == 0
    [failed] = store.notification_attempts(lead["id"])
    assert (
        failed["ok"] is False
        and failed["attempt"] == 1
        and "Connection" in failed["error"]
    )
    row = store.notifications(lead["id"])[0]
    assert row["status"] == "pending" and row["attempts"] == 1
    assert (
        process_due(store, settings, now=t0 + timedelta(seconds=30)) == 0
    )  # backing off
    assert len(store.notification_attempts(lead["id"])) == 1

    controller, inbox = start_smtp(port)
    try:
        assert (
            process_due(store, settings, now=t0 + timedelta(minutes=1, seconds=1)) == 1
        )
    finally:
        controller.stop()
    attempts = store.notification_attempts(lead["id"])
    assert [(a["attempt"], a["ok"]) for a in attempts] == [(1, False), (2, True)]
    assert store.notifications(lead["id"])[0]["status"] == "sent"
    assert len(inbox.envelopes) == 1


def test_backoff_schedule_and_giving_up(store, make_settings):
    assert [backoff(n).total_seconds() / 60 for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]
    settings = make_settings(smtp_port=free_port())
    lead = store.create_lead(payload("mail-4"))
    now = utcnow()
    for _ in range(MAX_ATTEMPTS + 3):
        process_due(store, settings, now=now)
        now += timedelta(hours=2)
    attempts = store.notification_attempts(lead["id"])
    assert len(attempts) == MAX_ATTEMPTS and not any(a["ok"] for a in attempts)
    assert "gave up" in attempts[-1]["error"]
    assert store.notifications(lead["id"])[0]["status"] == "failed"
    assert store.retry_notification(lead["id"], "email") is True
    assert store.notifications(lead["id"])[0]["status"] == "pending"


def test_clio_receives_lead_inbox_json(store, make_settings, smtp, clio):
    port, _ = smtp
    url, handler = clio
    settings = make_settings(
        smtp_port=port, clio_lead_inbox_url=url, clio_lead_inbox_token="tok-123"
    )
    s = LeadStore(store.url, settings=settings)
    lead = s.create_lead(payload("clio-1", outcome="urgent", deadline=in_days(9)))
    assert process_due(s, settings) == 2
    [req] = handler.received
    assert req["path"] == "/inbox_leads"
    assert req["headers"]["Content-Type"] == "application/json"
    assert req["headers"]["Accept"] == "application/json"
    sent = json.loads(req["body"])
    assert sent["inbox_lead_token"] == "tok-123"
    assert set(sent["inbox_lead"]) == {
        "from_first",
        "from_last",
        "from_message",
        "from_email",
        "from_phone",
        "referring_url",
        "from_source",
    }
    inner = sent["inbox_lead"]
    assert (inner["from_first"], inner["from_last"]) == ("Jane", "Q Doe")
    assert (
        inner["from_email"] == "jane@example.org"
        and inner["from_phone"] == "+15555550123"
    )
    assert lead["reference"] in inner["from_message"]
    assert f"/inbox/leads/{lead['id']}" in inner["from_message"]
    for secret in ("Sponge", "appendectomy", "surgical", "1980-05-17"):
        assert secret not in inner["from_message"]
    channels = {a["channel"]: a["ok"] for a in s.notification_attempts(lead["id"])}
    assert channels == {"email": True, "clio": True}
    s.dispose()


def test_clio_error_status_is_a_failed_attempt(store, make_settings, smtp, clio):
    port, _ = smtp
    url, handler = clio
    handler.status = 500
    settings = make_settings(
        smtp_port=port, clio_lead_inbox_url=url, clio_lead_inbox_token="tok"
    )
    s = LeadStore(store.url, settings=settings)
    lead = s.create_lead(payload("clio-2"))
    t0 = utcnow()
    assert process_due(s, settings, now=t0) == 1  # the email
    clio_attempts = [
        a for a in s.notification_attempts(lead["id"]) if a["channel"] == "clio"
    ]
    assert (
        clio_attempts[0]["ok"] is False
        and clio_attempts[0]["error"] == "Clio answered HTTP 500"
    )
    handler.status = 201
    assert process_due(s, settings, now=t0 + timedelta(minutes=2)) == 1
    assert [n["status"] for n in s.notifications(lead["id"])] == ["sent", "sent"]
    s.dispose()


def test_two_workers_send_once(store, make_settings, smtp):
    port, inbox = smtp
    settings = make_settings(smtp_port=port)
    for i in range(5):
        store.create_lead(payload(f"par-{i}"))
    other = LeadStore(store.url, settings=settings)
    barrier = threading.Barrier(2)
    counts = []

    def run(s):
        barrier.wait()
        counts.append(process_due(s, settings))

    threads = [threading.Thread(target=run, args=(s,)) for s in (store, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.dispose()
    assert sum(counts) == 5
    assert len(inbox.envelopes) == 5


def test_subject_phrases():
    base = {"reference": "ML-ABC234", "outcome": "urgent"}
    assert notify.email_subject({**base, "days_left": 1}).endswith("deadline in 1 day")
    assert notify.email_subject({**base, "days_left": 0}).endswith("deadline today")
    assert notify.email_subject({**base, "days_left": None}).endswith(
        "deadline unknown"
    )
    assert (
        notify.email_subject({**base, "outcome": "qualified", "days_left": 30})
        == "New intake lead ML-ABC234 (qualified)"
    )


def test_errors_are_described_without_addresses():
    import smtplib

    exc = smtplib.SMTPRecipientsRefused(
        {"jane@example.org": (550, b"no such user jane@example.org")}
    )
    assert "jane" not in notify.describe_error(exc)
    assert (
        notify.describe_error(
            smtplib.SMTPDataError(554, b"rejected for jane@example.org")
        )
        == "SMTPDataError: SMTP 554"
    )
