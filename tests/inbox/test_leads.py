"""HTTP tests of the lead pages (bot/inbox/leads.py): list, filters, CSV, one lead, changes, opt-outs."""

from __future__ import annotations

import csv
import io
import uuid

import requests

from tests.inbox.conftest import (
    audit_actions,
    csrf_of,
    lead_page,
    make_lead,
    new_staff,
    post,
    write_tracker,
)


def test_lead_list_shows_leads_urgent_first_and_filters(inbox_server, signed_in):
    tag = uuid.uuid4().hex[:6]
    calm = make_lead(
        inbox_server,
        contact_name=f"Calm {tag}",
        outcome="qualified",
        days_left=300,
        deadline="2030-01-01",
    )
    urgent = make_lead(
        inbox_server,
        contact_name=f"Urgent {tag}",
        outcome="urgent",
        days_left=10,
        channel="sms",
        state="NY",
    )
    page = signed_in.get(inbox_server.url + "/inbox", params={"q": tag}, timeout=5).text
    assert page.index(f"Urgent {tag}") < page.index(f"Calm {tag}")
    assert "row-urgent" in page
    filtered = signed_in.get(
        inbox_server.url + "/inbox", params={"q": tag, "channel": "sms"}, timeout=5
    ).text
    assert f"Urgent {tag}" in filtered and f"Calm {tag}" not in filtered
    filtered = signed_in.get(
        inbox_server.url + "/inbox", params={"q": tag, "state": "ca"}, timeout=5
    ).text
    assert f"Calm {tag}" in filtered and f"Urgent {tag}" not in filtered
    filtered = signed_in.get(
        inbox_server.url + "/inbox",
        params={"q": tag, "outcome": "urgent", "status": "new"},
        timeout=5,
    ).text
    assert f"Urgent {tag}" in filtered and f"Calm {tag}" not in filtered
    assert calm["id"] != urgent["id"]


def test_search_with_sql_and_markup_is_harmless(inbox_server, signed_in):
    for q in (
        "' OR 1=1 --",
        "%",
        "_",
        '"><script>alert(1)</script>',
        "\\",
        "Robert'); DROP TABLE leads;--",
    ):
        response = signed_in.get(
            inbox_server.url + "/inbox",
            params={"q": q, "status": q, "state": q, "channel": q},
            timeout=5,
        )
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text
    assert inbox_server.store.list_leads() is not None  # the table is still there


def test_csv_export_has_the_filtered_leads_and_neutralises_formulas(
    inbox_server, signed_in
):
    tag = uuid.uuid4().hex[:6]
    make_lead(
        inbox_server,
        contact_name=f'=HYPERLINK("http://x") {tag}',
        outcome="urgent",
        days_left=5,
    )
    make_lead(inbox_server, contact_name=f"Other {tag}", outcome="not_medmal")
    response = signed_in.get(
        inbox_server.url + "/inbox/leads.csv",
        params={"q": tag, "outcome": "urgent"},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["contact_name"].startswith("'=HYPERLINK")
    assert rows[0]["outcome"] == "urgent"
    assert "export_csv" in audit_actions(inbox_server)


def test_lead_page_shows_facts_deadline_and_tracker_transcript(inbox_server, signed_in):
    lead = make_lead(inbox_server, contact_name="Dana Transcript")
    write_tracker(
        inbox_server.tracker_url,
        lead["conversation_id"],
        [
            ("user", "My surgeon left a sponge inside me"),
            ("bot", "I'm sorry that happened. When was the surgery?"),
            ("user", "March 10 2025"),
        ],
    )
    response = lead_page(inbox_server, signed_in, lead["id"])
    assert response.status_code == 200
    page = response.text
    for text in (
        "Dana Transcript",
        lead["reference"],
        "Cal. Code Civ. Proc. § 340.5",
        "2026-06-01",
        "One year from discovery",
        "A government hospital needs a claim within 6 months.",
        "My surgeon left a sponge inside me",
        "When was the surgery?",
        "Client",
        "Assistant",
        "web",
    ):
        assert text in page, text
    assert "view_lead" in audit_actions(inbox_server, lead["id"])


def test_lead_page_falls_back_to_the_transcript_snapshot(inbox_server, signed_in):
    lead = make_lead(
        inbox_server,
        transcript_snapshot=[
            {
                "at": "2025-01-01T10:00:00+00:00",
                "from": "user",
                "text": "Snapshot hello",
                "channel": "sms",
            },
            {
                "at": "2025-01-01T10:00:05+00:00",
                "from": "bot",
                "text": "Snapshot reply",
                "channel": "sms",
            },
        ],
    )
    page = lead_page(inbox_server, signed_in, lead["id"]).text
    assert (
        "Snapshot hello" in page and "Snapshot reply" in page and "saved copy" in page
    )


def test_everything_a_client_typed_is_escaped(inbox_server, signed_in):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    lead = make_lead(
        inbox_server,
        contact_name=evil,
        incident_description=evil,
        explanation=evil,
        citation=evil,
        caveats=[evil],
        contact_email=evil,
        state="<b>",
    )
    write_tracker(
        inbox_server.tracker_url,
        lead["conversation_id"],
        [("user", evil), ("bot", "ok")],
    )
    for page in (
        lead_page(inbox_server, signed_in, lead["id"]).text,
        signed_in.get(inbox_server.url + "/inbox", timeout=5).text,
    ):
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page


def test_unknown_and_malformed_lead_ids_are_404(inbox_server, signed_in):
    for raw in ("999999999", "abc", "1.5", "-1", "9" * 40, "%27%20OR%201%3D1", "0x10"):
        response = signed_in.get(f"{inbox_server.url}/inbox/leads/{raw}", timeout=5)
        assert response.status_code == 404, raw
        response = inbox_server.api(f"/api/leads/{raw}")
        assert response.status_code == 404, raw
        assert response.json()["error"]


def test_status_workflow_changes_status_and_writes_history_and_audit(
    inbox_server, signed_in
):
    lead = make_lead(inbox_server)
    token = csrf_of(lead_page(inbox_server, signed_in, lead["id"]).text)
    for status in ("contacted", "consult_scheduled", "signed"):
        response = post(
            inbox_server,
            signed_in,
            f"/inbox/leads/{lead['id']}/status",
            {"csrf_token": token, "status": status},
        )
        assert response.status_code == 303
        assert inbox_server.store.get_lead(lead["id"])["status"] == status
    history = [h["to_status"] for h in inbox_server.store.status_history(lead["id"])]
    assert history[-3:] == ["contacted", "consult_scheduled", "signed"]
    details = [
        r["detail"]
        for r in inbox_server.store.audit_log(lead_id=lead["id"])
        if r["action"] == "set_status"
    ]
    assert "consult_scheduled -> signed" in details


def test_invalid_status_is_400_and_changes_nothing(inbox_server, signed_in):
    lead = make_lead(inbox_server)
    token = csrf_of(lead_page(inbox_server, signed_in, lead["id"]).text)
    for status in ("archived", "", "new' OR '1'='1", "<b>"):
        response = post(
            inbox_server,
            signed_in,
            f"/inbox/leads/{lead['id']}/status",
            {"csrf_token": token, "status": status},
        )
        assert response.status_code == 400
    assert inbox_server.store.get_lead(lead["id"])["status"] == "new"


def test_changes_without_or_with_forged_csrf_are_403_and_change_nothing(
    inbox_server, signed_in
):
    lead = make_lead(inbox_server)
    other_user, other_pw = new_staff(inbox_server)
    other = inbox_server.login(other_user["username"], other_pw)
    other_token = csrf_of(
        other.get(inbox_server.url + "/inbox", timeout=5).text
    )  # valid, but for another session
    for token in (None, "", "forged", other_token):
        data = {
            "status": "signed",
            "text": "sneaky note",
            "staff_id": str(other_user["id"]),
        }
        if token is not None:
            data["csrf_token"] = token
        for action in ("status", "notes", "assign"):
            response = post(
                inbox_server, signed_in, f"/inbox/leads/{lead['id']}/{action}", data
            )
            assert response.status_code == 403, (action, token)
    after = inbox_server.store.get_lead(lead["id"])
    assert after["status"] == "new" and after["assigned_to"] is None
    assert inbox_server.store.notes(lead["id"]) == []
    # Signed out: a change is refused (redirect to login), nothing changes.
    response = requests.post(
        f"{inbox_server.url}/inbox/leads/{lead['id']}/status",
        data={"status": "signed"},
        allow_redirects=False,
        timeout=5,
    )
    assert response.status_code in (303, 401)
    assert inbox_server.store.get_lead(lead["id"])["status"] == "new"


def test_notes_are_stored_escaped_and_audited_without_their_text(
    inbox_server, signed_in, staff
):
    lead = make_lead(inbox_server)
    token = csrf_of(lead_page(inbox_server, signed_in, lead["id"]).text)
    note = "Called back <script>alert(1)</script> — prefers mornings"
    response = post(
        inbox_server,
        signed_in,
        f"/inbox/leads/{lead['id']}/notes",
        {"csrf_token": token, "text": note},
    )
    assert response.status_code == 303
    assert [n["text"] for n in inbox_server.store.notes(lead["id"])] == [note]
    page = lead_page(inbox_server, signed_in, lead["id"]).text
    assert "Called back &lt;script&gt;alert(1)&lt;/script&gt;" in page
    rows = [
        r
        for r in inbox_server.store.audit_log(lead_id=lead["id"])
        if r["action"] == "add_note"
    ]
    assert rows and "mornings" not in rows[0]["detail"]
    for bad in ("", "   ", "x" * 5001):
        response = post(
            inbox_server,
            signed_in,
            f"/inbox/leads/{lead['id']}/notes",
            {"csrf_token": token, "text": bad},
        )
        assert response.status_code == 400
    assert len(inbox_server.store.notes(lead["id"])) == 1


def test_assign_and_unassign(inbox_server, signed_in):
    lead = make_lead(inbox_server)
    colleague, _ = new_staff(inbox_server, display_name="Casey Colleague")
    token = csrf_of(lead_page(inbox_server, signed_in, lead["id"]).text)
    response = post(
        inbox_server,
        signed_in,
        f"/inbox/leads/{lead['id']}/assign",
        {"csrf_token": token, "staff_id": str(colleague["id"])},
    )
    assert response.status_code == 303
    assert inbox_server.store.get_lead(lead["id"])["assigned_to"] == colleague["id"]
    assert "Casey Colleague" in lead_page(inbox_server, signed_in, lead["id"]).text
    for bad in ("999999", "abc", "1; DROP TABLE staff_users"):
        response = post(
            inbox_server,
            signed_in,
            f"/inbox/leads/{lead['id']}/assign",
            {"csrf_token": token, "staff_id": bad},
        )
        assert response.status_code == 400
    assert inbox_server.store.get_lead(lead["id"])["assigned_to"] == colleague["id"]
    response = post(
        inbox_server,
        signed_in,
        f"/inbox/leads/{lead['id']}/assign",
        {"csrf_token": token, "staff_id": ""},
    )
    assert inbox_server.store.get_lead(lead["id"])["assigned_to"] is None
    assert "assign" in audit_actions(inbox_server, lead["id"])


def test_post_to_unknown_lead_is_404(inbox_server, signed_in):
    token = csrf_of(signed_in.get(inbox_server.url + "/inbox", timeout=5).text)
    response = post(
        inbox_server,
        signed_in,
        "/inbox/leads/99999999/status",
        {"csrf_token": token, "status": "signed"},
    )
    assert response.status_code == 404


def test_opt_outs_page_lists_numbers(inbox_server, signed_in):
    inbox_server.store.set_opt_out("+15555550999", True)
    response = signed_in.get(inbox_server.url + "/inbox/opt-outs", timeout=5)
    assert response.status_code == 200
    assert "+15555550999" in response.text
    assert "view_opt_outs" in audit_actions(inbox_server)


def test_lead_page_shows_the_numbers_sms_consent_record(inbox_server, signed_in):
    phone = f"+1555{uuid.uuid4().int % 10**7:07d}"
    lead = make_lead(
        inbox_server,
        conversation_id=phone,
        channel="sms",
        contact_phone=phone,
        contact_consent=True,
    )
    inbox_server.store.receive_sms(
        "SM" + uuid.uuid4().hex, phone, "opt_out", "texted stop texting me"
    )
    page = lead_page(inbox_server, signed_in, lead["id"]).text
    section = page[page.index("SMS consent") :]
    assert "Agreed to be contacted" in section and "screening" in section
    assert "Opted out of texts" in section and "texted stop texting me" in section
    # newest first: the opt-out came after the screening's consent
    assert section.index("Opted out of texts") < section.index("Agreed to be contacted")
    other = make_lead(inbox_server, contact_phone=None, contact_consent=None)
    assert "No consent recorded" in lead_page(inbox_server, signed_in, other["id"]).text


def test_opt_outs_page_shows_the_consent_record(inbox_server, signed_in):
    phone = f"+1555{uuid.uuid4().int % 10**7:07d}"
    inbox_server.store.receive_sms(
        "SM" + uuid.uuid4().hex, phone, "opt_out", "texted REVOKE"
    )
    response = signed_in.get(inbox_server.url + "/inbox/opt-outs", timeout=5)
    record = response.text[response.text.index("SMS consent record") :]
    assert (
        phone in record and "texted REVOKE" in record and "Opted out of texts" in record
    )


def test_audit_details_carry_no_health_details(inbox_server, signed_in):
    lead = make_lead(
        inbox_server,
        incident_description="Secret diagnosis XYZZY",
        contact_name="Person QUUX",
    )
    lead_page(inbox_server, signed_in, lead["id"])
    signed_in.get(inbox_server.url + "/inbox", params={"q": "QUUX"}, timeout=5)
    for row in inbox_server.store.audit_log(limit=1000):
        assert "XYZZY" not in row["detail"] and "QUUX" not in row["detail"]
