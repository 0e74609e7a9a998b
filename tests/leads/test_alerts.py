"""On-call alerts through the outbox, against a local server speaking Twilio's Messages API and
a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from bot.leads import alerts, notify
from bot.leads.outbox import process_due
from bot.leads.store import LeadStore, utcnow
from tests.leads.conftest import payload
from tests.leads.test_outbox import MEDICAL, smtp  # noqa: F401 - the SMTP fixture

SID = "AC" + "0" * 30 + "12"
TOKEN = "twilio-test-token"
FROM = "+15555550100"
ON_CALL = ("+15555550111", "+15555550122")


class TwilioApi(BaseHTTPRequestHandler):
    """Twilio's ``POST /2010-04-01/Accounts/{Sid}/Messages.json``: checks the basic auth and the
    form, answers 201 with a JSON message resource; ``script`` holds statuses to answer first
    (429, 500) to exercise retries."""

    received: list[dict] = []
    script: list[int] = []

    def do_POST(self) -> None:
        cls = type(self)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
        if self.path != f"/2010-04-01/Accounts/{SID}/Messages.json":
            return self._answer(404, {"code": 20404, "message": "Not found"})
        if self.headers.get("Authorization") != expected:
            return self._answer(401, {"code": 20003, "message": "Authenticate"})
        if self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
            return self._answer(400, {"code": 21000, "message": "bad content type"})
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        cls.received.append(form)
        if cls.script:
            status = cls.script.pop(0)
            code = 20429 if status == 429 else 20500
            return self._answer(status, {"code": code, "message": "Try later"})
        if not {"To", "From", "Body"} <= set(form):
            return self._answer(400, {"code": 21604, "message": "missing"})
        if not form["To"].startswith("+"):
            message = f"The 'To' number {form['To']} is not a valid phone number."
            return self._answer(400, {"code": 21211, "message": message})
        resource = {
            "sid": "SM" + uuid.uuid4().hex,
            "account_sid": SID,
            "to": form["To"],
            "from": form["From"],
            "body": form["Body"],
            "status": "queued",
        }
        self._answer(201, resource)

    def _answer(self, status: int, body: dict) -> None:
        out = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture
def twilio() -> Iterator[tuple[str, type[TwilioApi]]]:
    handler = type("Twilio", (TwilioApi,), {"received": [], "script": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


@pytest.fixture
def alerting(make_settings, smtp, twilio):  # noqa: F811 - the fixture imported above
    """Settings with two on-call numbers, one on-call address, Twilio and SMTP stood in."""
    port, inbox = smtp
    base, handler = twilio

    def make(**overrides):
        values = dict(
            smtp_port=port,
            twilio_api_base=base,
            twilio_account_sid=SID,
            twilio_auth_token=TOKEN,
            twilio_from_number=FROM,
            alert_sms_to=ON_CALL,
            alert_email_to=("oncall@firm.test",),
            firm_name="Harbor & Lane",
        )
        values.update(overrides)
        return make_settings(**values)

    return make, inbox, handler


def in_days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def store_with(store: LeadStore, settings) -> LeadStore:
    return LeadStore(store.url, settings=settings)


def test_urgent_lead_texts_and_emails_the_on_call_staff(store, alerting):
    make, inbox, twilio = alerting
    settings = make()
    s = store_with(store, settings)
    lead = s.create_lead(
        payload("alert-1", outcome="urgent", deadline=in_days(12), days_left=12)
    )
    channels = [n["channel"] for n in s.notifications(lead["id"])]
    assert channels == ["email", "alert_sms:1", "alert_sms:2", "alert_email:1"]
    assert process_due(s, settings) == 4

    assert [m["To"] for m in twilio.received] == list(ON_CALL)
    link = f"https://inbox.example.test/inbox/leads/{lead['id']}"
    for sms in twilio.received:
        assert sms["From"] == FROM
        assert sms["Body"] == (
            f"Harbor & Lane: URGENT lead {lead['reference']} (deadline in 12 days). "
            f"Call them now: {link}"
        )
        for secret in (*MEDICAL, "Doe", "jane@example.org"):
            assert secret not in sms["Body"]

    messages = {m["To"]: m for m in inbox.messages()}
    assert set(messages) == {"intake@firm.test", "oncall@firm.test"}
    alert = messages["oncall@firm.test"]
    assert alert["Subject"] == (
        f"[URGENT] Call now: {lead['reference']} (deadline in 12 days)"
    )
    assert alert["X-Priority"] == "1"
    body = alert.get_content()
    assert link in body and "Why it is urgent: Filing deadline in 12 days" in body
    for secret in MEDICAL:
        assert secret not in body
    assert {n["status"] for n in s.notifications(lead["id"])} == {"sent"}
    assert process_due(s, settings) == 0  # sent once only
    assert len(twilio.received) == 2
    s.dispose()


def test_a_qualified_lead_does_not_page_anyone(store, alerting):
    make, _, twilio = alerting
    settings = make()
    s = store_with(store, settings)
    lead = s.create_lead(payload("alert-2", outcome="qualified"))
    assert [n["channel"] for n in s.notifications(lead["id"])] == ["email"]
    assert process_due(s, settings) == 1
    assert twilio.received == []
    s.dispose()


def test_any_lead_alerts_inside_the_configured_hours(store, alerting):
    make, _, _ = alerting
    every_day = "mon-sun 00:00-24:00"
    s = store_with(store, make(alert_all_leads_hours=every_day, alert_email_to=()))
    lead = s.create_lead(payload("alert-3", outcome="qualified"))
    assert [n["channel"] for n in s.notifications(lead["id"])] == [
        "email",
        "alert_sms:1",
        "alert_sms:2",
    ]
    s.dispose()


def test_alert_hours_are_read_in_the_firm_time_zone(make_settings):
    settings = make_settings(
        alert_all_leads_hours="mon-fri 08:00-18:00",
        firm_timezone="America/New_York",
    )
    lead = {"outcome": "qualified"}
    # Tuesday 2026-11-24 12:30 UTC is 07:30 in New York (EST): closed; 13:30 UTC is open.
    assert alerts.alert_reason(lead, settings, datetime(2026, 11, 24, 12, 30)) is None
    assert (
        alerts.alert_reason(lead, settings, datetime(2026, 11, 24, 13, 30)) == "hours"
    )
    # Saturday: closed all day.
    assert alerts.alert_reason(lead, settings, datetime(2026, 11, 28, 15, 0)) is None
    assert alerts.alert_reason({"outcome": "urgent"}, settings, datetime(2026, 11, 28))
    broken = make_settings(alert_all_leads_hours="weekdays 9 to 5")
    assert alerts.alert_reason(lead, broken, datetime(2026, 11, 24, 13, 30)) is None


def test_no_sms_rows_without_twilio(store, alerting):
    make, _, _ = alerting
    s = store_with(store, make(twilio_account_sid=""))
    lead = s.create_lead(payload("alert-4", outcome="urgent"))
    assert [n["channel"] for n in s.notifications(lead["id"])] == [
        "email",
        "alert_email:1",
    ]
    s.dispose()


def test_twilio_429_and_500_are_retried_with_backoff(store, alerting):
    make, _, twilio = alerting
    settings = make(alert_sms_to=ON_CALL[:1], alert_email_to=())
    s = store_with(store, settings)
    lead = s.create_lead(payload("alert-5", outcome="urgent", deadline=in_days(5)))
    twilio.script.extend([429, 500])
    t0 = utcnow()
    assert process_due(s, settings, now=t0) == 1  # the intake email only
    sms_attempts = [
        a for a in s.notification_attempts(lead["id"]) if a["channel"] == "alert_sms:1"
    ]
    assert sms_attempts[0]["ok"] is False
    assert sms_attempts[0]["error"] == "Twilio answered HTTP 429 (code 20429)"
    assert process_due(s, settings, now=t0 + timedelta(seconds=30)) == 0  # backing off
    assert process_due(s, settings, now=t0 + timedelta(minutes=1, seconds=1)) == 0
    assert process_due(s, settings, now=t0 + timedelta(minutes=4)) == 1
    attempts = [
        (a["attempt"], a["ok"], a["error"])
        for a in s.notification_attempts(lead["id"])
        if a["channel"] == "alert_sms:1"
    ]
    assert attempts == [
        (1, False, "Twilio answered HTTP 429 (code 20429)"),
        (2, False, "Twilio answered HTTP 500 (code 20500)"),
        (3, True, None),
    ]
    assert len(twilio.received) == 3
    s.dispose()


def test_a_malformed_number_gives_up_at_once_without_storing_it(store, alerting):
    make, _, twilio = alerting
    settings = make(alert_sms_to=("555-0111",), alert_email_to=())
    s = store_with(store, settings)
    lead = s.create_lead(payload("alert-6", outcome="urgent"))
    process_due(s, settings)
    [row] = [n for n in s.notifications(lead["id"]) if n["channel"] == "alert_sms:1"]
    assert row["status"] == "failed" and row["attempts"] == 1
    assert row["last_error"].startswith("Twilio answered HTTP 400 (code 21211)")
    assert "555" not in row["last_error"]
    s.dispose()


def test_wrong_credentials_are_a_retried_failure(store, alerting):
    make, _, twilio = alerting
    settings = make(twilio_auth_token="wrong", alert_email_to=())
    s = store_with(store, settings)
    lead = s.create_lead(payload("alert-7", outcome="urgent"))
    process_due(s, settings)
    rows = [n for n in s.notifications(lead["id"]) if n["channel"] != "email"]
    assert {(r["status"], r["last_error"]) for r in rows} == {
        ("pending", "Twilio answered HTTP 401 (code 20003)")
    }
    assert twilio.received == []
    s.dispose()


def test_urgency_reasons():
    assert alerts.urgency_reasons({"outcome": "qualified", "days_left": 200}) == []
    assert alerts.urgency_reasons(
        {"outcome": "qualified", "days_left": 40, "deadline": "2027-01-07"}
    ) == ["Filing deadline in 40 days (2027-01-07)"]
    past = alerts.urgency_reasons(
        {"outcome": "urgent", "days_left": -88, "limitation_status": "needs_review"}
    )
    assert past == [
        "The deadline estimate passed 88 days ago, but the rules need a lawyer's "
        "review: an exception (discovery, minority, tolling) may still apply"
    ]
    assert alerts.urgency_reasons(
        {"outcome": "urgent", "days_left": None, "government_facility": True}
    ) == ["A government facility: a notice of claim can be due within months"]
    assert alerts.urgency_reasons({"outcome": "urgent"}) == [
        "Screened urgent by the assistant"
    ]


def test_send_sms_refuses_without_configuration(make_settings):
    with pytest.raises(notify.NotifyError, match="not configured"):
        notify.send_sms("+15555550111", "hi", make_settings(twilio_account_sid=""))
