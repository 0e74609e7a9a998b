"""Faults injected into the real stack mid-conversation: the action server killed, the Rasa server
restarted, the lead database taken away at the handoff, SMTP and the CRM down. Each test leaves
the stack running as it found it."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import http
from tests.production.conftest import (
    CLIO_TOKEN,
    FIRM_PHONE,
    answers_for,
    need_services,
    screen,
    start_screening,
    wait_until,
)

pytestmark = pytest.mark.e2e

RECEIVED_WORDS = ("reference number", "passed it to our intake team")


def kill_actions(prod) -> None:
    """SIGKILL, not a polite stop: the process gets no chance to finish anything."""
    proc = prod.stack.procs.pop("actions")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def sms(prod, phone: str, text: str) -> tuple:
    """A message as Twilio would deliver it: form-encoded and signed over the configured URL."""
    params = {
        "From": phone,
        "To": "+15550100199",
        "Body": text,
        "MessageSid": f"SM{os.urandom(16).hex()}",
        "AccountSid": "AC" + "0" * 32,
        "NumMedia": "0",
    }
    url = prod.env["TWILIO_WEBHOOK_URL"]
    signature = RequestValidator(prod.env["TWILIO_AUTH_TOKEN"]).compute_signature(
        url, params
    )
    import urllib.request

    req = urllib.request.Request(
        f"{prod.rasa}/webhooks/twilio/webhook",
        data=urlencode(params).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
        },
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, r.read().decode()


def test_action_server_killed_mid_screening(prod):
    chat = prod.chat()
    answers = answers_for(prod)
    start_screening(chat)
    before = screen(chat, answers, until="incident_date")
    phone = "+12065550177"
    prod.sensitive.update({phone, "2065550177"})
    status, twiml = sms(
        prod, phone, "my doctor missed my cancer"
    )  # an SMS conversation too
    assert status == 200 and "<Message>" in twiml, twiml

    kill_actions(prod)
    try:
        # The web client: a 503 whose one message says what happened and who to call, nothing else.
        out = chat.say(answers["incident_date"], expect=503)
        assert (
            len(out) == 1
            and "trouble" in out[0]["text"]
            and FIRM_PHONE in out[0]["text"]
        ), out
        out = chat.say("are you there?", expect=503)
        assert FIRM_PHONE in out[0]["text"]
        # The SMS client gets the same kind of answer, not silence.
        status, twiml = sms(prod, phone, "it was in Texas")
        assert status == 200 and FIRM_PHONE in twiml, twiml
        # Nothing crashed: the Rasa server and the inbox answer, the conversation is where it was.
        assert all(p.poll() is None for p in prod.stack.procs.values())
        assert http("GET", f"{prod.inbox}/healthz")[0] == 200
        assert chat.slots()["requested_slot"] == "incident_date"
        assert (
            chat.slots()["incident_type"] == before["incident_type"] == "surgical_error"
        )
    finally:
        prod.stack.start_actions()

    # The same conversation continues from the unanswered question, and ends in one lead.
    chat.say(answers["incident_date"])
    slots = chat.slots()
    assert slots["incident_date"] == "2026-02-10", slots
    assert slots["requested_slot"] != "incident_date"
    slots = screen(chat, answers)
    assert slots["screening_outcome"] == "qualified"
    assert "reference number" in chat.text()
    assert len(chat.leads()) == 1
    prod.healthy()


def test_rasa_server_restart_mid_screening(prod):
    chat = prod.chat()
    answers = answers_for(prod)
    start_screening(chat)
    before = screen(chat, answers, until="government_facility")
    events_before = len(chat.tracker()["events"])

    prod.stack.stop("rasa")
    prod.stack.start_rasa()

    # The tracker store kept everything: same slots, same question, no event lost.
    after = chat.slots()
    assert after["requested_slot"] == "government_facility"
    for name in (
        "incident_type",
        "state",
        "incident_date",
        "discovery_date",
        "patient_role",
    ):
        assert after[name] == before[name], name
    assert len(chat.tracker()["events"]) >= events_before
    slots = screen(chat, answers)
    assert slots["screening_outcome"] == "qualified" and slots["state"] == "WA"
    assert len(chat.leads()) == 1
    prod.healthy()


@pytest.mark.services
def test_lead_database_unavailable_at_handoff(prod):
    need_services()
    chat = prod.chat()
    answers = answers_for(prod)
    start_screening(chat)
    screen(chat, answers, until="contact_consent")
    chat.say(
        answers["contact_consent"]
    )  # then the summary is read back, before the handoff
    spool = prod.tmp / "spool"

    prod.lead_db.allow_connections(False)
    try:
        chat.say("that's right")
        said = chat.text()
        # Not told "received": told to call, and that what they said is kept.
        assert not any(w in said for w in RECEIVED_WORDS), said
        assert FIRM_PHONE in said and "couldn't save" in said, said
        assert chat.slots().get("lead_reference") is None
        assert len(list(spool.glob("lead-*.json"))) == 1
        # The inbox says the store is away (503), it does not crash.
        status, body = prod.api_leads()
        assert status == 503, (status, body)
        assert http("GET", f"{prod.inbox}/healthz")[0] == 200
    finally:
        prod.lead_db.allow_connections(True)

    # The inbox's background loop writes the spooled lead once the database is back: exactly once.
    leads = wait_until(
        lambda: prod.api_leads()[0] == 200 and chat.leads(),
        60,
        "the spooled lead in the inbox",
    )
    assert len(leads) == 1
    lead = leads[0]
    assert (
        lead["outcome"] == "qualified"
        and lead["contact_email"] == answers["contact_email"]
    )
    assert lead["deadline"] == "2029-02-10"
    wait_until(lambda: not list(spool.glob("lead-*.json")), 10, "the spool emptied")
    # A second drain, a later turn: still one lead.
    result = prod.cli("drain")
    assert result.returncode == 0 and "wrote 0" in result.stdout, (
        result.stdout + result.stderr
    )
    chat.say("thanks")
    assert len(chat.leads()) == 1
    prod.healthy()


# --- SMTP and the CRM ---------------------------------------------------------------------------
class Mailbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(
                envelope.original_content, policy=email.policy.default
            )
        )
        return "250 Message accepted for delivery"


def clio_server(port: int):
    received: list[dict] = []

    class Clio(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.append({"path": self.path, "body": json.loads(body)})
            out = b'{"inbox_lead": {"id": 1}}'
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Clio)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def test_smtp_and_crm_down_leads_at_once_notifications_later(prod):
    from aiosmtpd.controller import Controller

    chat = prod.chat()
    answers = answers_for(prod)
    start_screening(chat)
    screen(chat, answers)
    # In the inbox at once, whatever the mail server and the CRM are doing.
    leads = chat.leads()
    assert len(leads) == 1 and leads[0]["reference"] in chat.text()
    lead = leads[0]
    store = prod.lead_store()

    def attempts(channel: str) -> list[dict]:
        return [
            a
            for a in store.notification_attempts(lead["id"])
            if a["channel"] == channel
        ]

    # Both deliveries are tried by the inbox's loop, and fail: nothing listens yet.
    wait_until(
        lambda: attempts("email") and attempts("clio"), 30, "a first delivery attempt"
    )
    assert not any(a["ok"] for a in attempts("email") + attempts("clio"))
    assert {n["status"] for n in store.notifications(lead["id"])} == {"pending"}

    smtp = Controller(Mailbox(), hostname="127.0.0.1", port=int(prod.env["SMTP_PORT"]))
    smtp.start()
    clio, received = clio_server(
        urllib.parse.urlsplit(prod.env["CLIO_LEAD_INBOX_URL"]).port
    )
    try:
        # The retry comes a minute after the failure (the outbox's backoff), by itself.
        wait_until(
            lambda: {n["status"] for n in store.notifications(lead["id"])} == {"sent"},
            120,
            "both notifications sent",
            every=2,
        )
        ours = [m for m in smtp.handler.messages if lead["reference"] in m["Subject"]]
        assert len(ours) == 1
        body = ours[0].get_content()
        assert (
            "nerve" not in body and answers["contact_email"] not in body
        )  # details stay in the inbox
        to_clio = [
            r
            for r in received
            if lead["reference"] in r["body"]["inbox_lead"]["from_message"]
        ]
        assert (
            len(to_clio) == 1 and to_clio[0]["body"]["inbox_lead_token"] == CLIO_TOKEN
        )
        assert (
            to_clio[0]["body"]["inbox_lead"]["from_email"] == answers["contact_email"]
        )
        ok = [a for a in attempts("email") + attempts("clio") if a["ok"]]
        assert len(ok) == 2
    finally:
        smtp.stop()
        clio.shutdown()
        clio.server_close()
    prod.healthy()
