"""A whole screening by SMS, through the Twilio webhook of the real stack, signed the way Twilio
signs (twilio's own RequestValidator), answered by TwiML, ending in a lead on the `sms` channel."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
import requests

from tests.channels.conftest import sign

pytestmark = pytest.mark.e2e
_sids = itertools.count(1)

ANSWERS = {
    "incident_description": "my daughter was deprived of oxygen during delivery",
    "state": "ohio",
    "incident_date": "6/14/2024",
    "confirm_date": "1",
    "discovery_date": "the same day",
    "patient_role": "2",  # "Reply ... 2 for My child"
    "patient_dob": "June 14, 2024",
    "patient_deceased": "2",  # No (yes/no choices are always 1 Yes, 2 No)
    "government_facility": "no",
    "already_represented": "no",
    "contact_name": "Morgan Texter",
    "contact_email": "skip",
    "contact_consent": "yes",
    "summary_confirmed": "1",  # That's right
}


class Texter:
    def __init__(self, stack, phone: str):
        self.stack, self.phone = stack, phone
        self.url = f"{stack.rasa}/webhooks/twilio/webhook"
        self.token = stack.stack.env["TWILIO_AUTH_TOKEN"]
        self.public_url = stack.stack.env["TWILIO_WEBHOOK_URL"]

    def text(self, body: str) -> list[str]:
        sid = f"SM{next(_sids):032d}"
        pairs = [
            ("From", self.phone),
            ("To", "+15550100199"),
            ("Body", body),
            ("MessageSid", sid),
            ("AccountSid", "AC" + "0" * 32),
            ("NumMedia", "0"),
        ]
        signature = sign(pairs, token=self.token, url=self.public_url)
        r = requests.post(
            self.url,
            data=urlencode(pairs),
            timeout=30,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": signature,
            },
        )
        assert r.status_code == 200, r.text[:300]
        assert r.headers["Content-Type"].startswith("text/xml")
        return [m.text or "" for m in ET.fromstring(r.text).iter("Message")]


def test_a_whole_screening_by_sms_ends_in_a_lead(running_stack):
    phone = "+12165550187"
    texter = Texter(running_stack, phone)
    client = running_stack.client(phone)
    replies = texter.text("i need a lawyer")
    joined = " ".join(replies)
    assert (
        "911" in joined and "Reply 1 for Surgical error, 2 for Birth injury" in joined
    )
    texter.text("2")  # numbered choice: Birth injury
    assert client.slots()["incident_type"] == "birth_injury"
    for _ in range(25):
        wanted = client.slots().get("requested_slot")
        if not wanted:
            break
        replies = texter.text(
            ANSWERS.get(wanted, "(216) 555-0187" if wanted == "contact_phone" else "?")
        )
        assert all(len(r) <= 1600 for r in replies)
    slots = client.slots()
    assert slots["patient_role"] == "child" and slots["patient_dob"] == "2024-06-14"
    assert slots["screening_outcome"] in ("qualified", "urgent")
    reference = slots["lead_reference"]
    assert any(reference in r for r in replies)
    leads = client.leads()
    assert (
        len(leads) == 1
        and leads[0]["channel"] == "sms"
        and leads[0]["contact_phone"] == phone
    )
    status, detail = running_http(running_stack, leads[0]["id"])
    assert status == 200 and {t["from"] for t in detail["transcript"]} == {
        "user",
        "bot",
    }


def test_a_forged_signature_reaches_no_conversation(running_stack):
    phone = "+12165550123"
    pairs = [("From", phone), ("Body", "hello"), ("MessageSid", "SM" + "9" * 32)]
    r = requests.post(
        f"{running_stack.rasa}/webhooks/twilio/webhook",
        data=urlencode(pairs),
        timeout=30,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": "Zm9yZ2Vk",
        },
    )
    assert r.status_code == 403
    tracker = running_stack.client(phone).tracker()
    assert not [e for e in tracker["events"] if e["event"] == "user"]


def running_http(stack, lead_id):
    from tests.e2e.conftest import http

    return http(
        "GET",
        f"{stack.inbox}/api/leads/{lead_id}",
        headers={"Authorization": f"Bearer {stack.inbox_token}"},
    )
