"""HTTP tests of the inbox against a real ``python -m bot.inbox`` subprocess."""

from __future__ import annotations

import csv
import io
import uuid

import requests

from tests.inbox.conftest import csrf_of, make_lead, new_staff, write_tracker

HTML = {"Accept": "text/html,application/xhtml+xml"}


def lead_page(server, session, lead_id):
    return session.get(f"{server.url}/inbox/leads/{lead_id}", timeout=10)


def post(server, session, path, data, **kwargs):
    return session.post(
        server.url + path, data=data, allow_redirects=False, timeout=10, **kwargs
    )


def audit_actions(server, lead_id=None):
    return [row["action"] for row in server.store.audit_log(lead_id=lead_id)]


# --- health, headers, website -------------------------------------------------------------------
def test_healthz_needs_no_auth(inbox_server):
    response = requests.get(inbox_server.url + "/healthz", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert response.headers["Cache-Control"] == "no-store"


def test_security_headers_on_inbox_pages(inbox_server):
    response = requests.get(inbox_server.url + "/inbox/login", timeout=5)
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "<script" not in response.text  # no inline script anywhere


def test_security_headers_on_404_and_api(inbox_server):
    for path in ("/inbox/nope", "/api/leads", "/nothing-here"):
        response = requests.get(inbox_server.url + path, timeout=5)
        assert response.status_code in (401, 404)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "Content-Security-Policy" in response.headers


def test_website_routes_serve_widget_files_or_404(inbox_server):
    from bot.inbox.app import WIDGET_DIR

    for path, name in (
        ("/", "demo.html"),
        ("/widget.js", "widget.js"),
        ("/widget.css", "widget.css"),
        ("/privacy", "privacy.html"),
    ):
        response = requests.get(inbox_server.url + path, timeout=5)
        if (WIDGET_DIR / name).is_file():
            assert response.status_code == 200, path
            assert "{{RASA_PUBLIC_URL}}" not in response.text
            csp = response.headers["Content-Security-Policy"]
            assert "connect-src 'self' http://localhost:5005" in csp
        else:
            assert response.status_code == 404, path


# --- login, lock-out, logout --------------------------------------------------------------------
def test_inbox_redirects_to_login_when_signed_out(inbox_server):
    response = requests.get(
        inbox_server.url + "/inbox", headers=HTML, allow_redirects=False, timeout=5
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/inbox/login")
    for path in ("/inbox", "/inbox/leads.csv", "/inbox/leads/1", "/inbox/opt-outs"):
        response = requests.get(
            inbox_server.url + path, allow_redirects=False, timeout=5
        )
        assert response.status_code == 401, path
        assert response.json()["error"]


def test_login_sets_a_hardened_cookie_and_logout_ends_the_session(inbox_server, staff):
    user, password = staff
    session = requests.Session()
    response = inbox_server.try_login(session, user["username"], password)
    assert response.status_code == 303
    session_cookie = next(
        c
        for c in response.raw.headers.getlist("Set-Cookie")
        if c.startswith("inbox_session=")
    )
    assert "HttpOnly" in session_cookie
    assert "SameSite=Strict" in session_cookie
    assert "Secure" not in session_cookie  # plain HTTP here
    assert session.get(inbox_server.url + "/inbox", timeout=5).status_code == 200

    stolen = session.cookies.get("inbox_session")
    page = session.get(inbox_server.url + "/inbox", timeout=5).text
    response = post(
        inbox_server, session, "/inbox/logout", {"csrf_token": csrf_of(page)}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/inbox/login"
    # The old cookie no longer works, even replayed by hand.
    replay = requests.get(
        inbox_server.url + "/inbox",
        cookies={"inbox_session": stolen},
        allow_redirects=False,
        timeout=5,
    )
    assert replay.status_code == 401
    assert "logout" in audit_actions(inbox_server)


def test_cookie_is_secure_behind_https_proxy(inbox_server, staff):
    user, password = staff
    session = requests.Session()
    page = session.get(inbox_server.url + "/inbox/login", timeout=5)
    response = session.post(
        inbox_server.url + "/inbox/login",
        data={
            "csrf_token": csrf_of(page.text),
            "username": user["username"],
            "password": password,
        },
        headers={"X-Forwarded-Proto": "https"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303
    assert "Secure" in response.headers["Set-Cookie"]


def test_wrong_password_is_refused_and_lockout_is_explained(inbox_server, staff):
    user, password = staff
    session = requests.Session()
    for _ in range(4):
        response = inbox_server.try_login(session, user["username"], "wrong")
        assert response.status_code == 401
        assert "do not match" in response.text
        assert "inbox_session" not in response.headers.get("Set-Cookie", "")
    response = inbox_server.try_login(session, user["username"], "wrong")
    assert response.status_code == 401
    assert "locked" in response.text
    # Locked: even the right password is refused, with the lock-out message.
    response = inbox_server.try_login(session, user["username"], password)
    assert response.status_code == 401
    assert "locked" in response.text
    assert "login_failed" in audit_actions(inbox_server)


def test_unknown_user_gets_the_same_messages(inbox_server):
    session = requests.Session()
    name = "ghost_" + uuid.uuid4().hex[:6]
    texts = [inbox_server.try_login(session, name, "x").text for _ in range(5)]
    assert "do not match" in texts[0]
    assert "locked" in texts[-1]


def test_login_without_or_with_forged_csrf_is_forbidden(inbox_server, staff):
    user, password = staff
    session = requests.Session()
    session.get(inbox_server.url + "/inbox/login", timeout=5)
    for token in (None, "forged", "0" * 64):
        data = {"username": user["username"], "password": password}
        if token:
            data["csrf_token"] = token
        response = post(inbox_server, session, "/inbox/login", data)
        assert response.status_code == 403
        assert "inbox_session" not in response.headers.get("Set-Cookie", "")


def test_login_next_is_only_followed_inside_the_inbox(inbox_server, staff):
    user, password = staff
    session = requests.Session()
    page = session.get(
        inbox_server.url + "/inbox/login?next=//evil.example/x", timeout=5
    )
    assert 'value="/inbox"' in page.text
    response = post(
        inbox_server,
        session,
        "/inbox/login",
        {
            "csrf_token": csrf_of(page.text),
            "username": user["username"],
            "password": password,
            "next": "https://evil.example/",
        },
    )
    assert response.headers["Location"] == "/inbox"


def test_forged_session_cookie_is_ignored(inbox_server):
    for value in ("abc.def", "x" * 600, "eyJ1aWQiOjF9.0000"):
        response = requests.get(
            inbox_server.url + "/inbox",
            cookies={"inbox_session": value},
            allow_redirects=False,
            timeout=5,
        )
        assert response.status_code == 401


# --- the lead list, filters, CSV ----------------------------------------------------------------
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


# --- one lead: view, transcript, escaping, changes ----------------------------------------------
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


def test_huge_and_malformed_bodies_are_refused(inbox_server, signed_in):
    lead = make_lead(inbox_server)
    token = csrf_of(lead_page(inbox_server, signed_in, lead["id"]).text)
    url = f"{inbox_server.url}/inbox/leads/{lead['id']}/notes"
    response = signed_in.post(
        url,
        data={"csrf_token": token, "text": "x" * 200_000},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 413
    response = signed_in.post(
        url,
        data=b"csrf_token=" + token.encode() + b"&text=%ff%fe",
        allow_redirects=False,
        timeout=10,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    response = signed_in.post(
        url,
        data=b'{"text": "json"}',
        headers={"Content-Type": "application/json"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 400
    response = signed_in.post(
        url, files={"text": ("a.txt", b"file")}, allow_redirects=False, timeout=10
    )
    assert response.status_code == 400
    many = "&".join(f"f{i}=1" for i in range(500))
    response = signed_in.post(
        url,
        data=many,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 400
    response = requests.post(
        inbox_server.url + "/inbox/login",
        data=b"\xff\xfe\x00",
        timeout=10,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code in (400, 403)
    assert inbox_server.store.notes(lead["id"]) == []
    assert "Traceback" not in inbox_server.log()


def test_opt_outs_page_lists_numbers(inbox_server, signed_in):
    inbox_server.store.set_opt_out("+15555550999", True)
    response = signed_in.get(inbox_server.url + "/inbox/opt-outs", timeout=5)
    assert response.status_code == 200
    assert "+15555550999" in response.text
    assert "view_opt_outs" in audit_actions(inbox_server)


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


# --- the read API -------------------------------------------------------------------------------
def test_api_requires_the_bearer_token(inbox_server):
    for token in (
        "",
        "wrong",
        inbox_server.api_token + "x",
        inbox_server.api_token[:-1],
    ):
        response = inbox_server.api("/api/leads", token=token)
        assert response.status_code == 401
        assert response.json() == {"error": "missing or invalid bearer token"}
    response = requests.get(
        inbox_server.url + "/api/leads",
        headers={"Authorization": inbox_server.api_token},
        timeout=5,
    )
    assert response.status_code == 401
    response = requests.get(
        inbox_server.url + "/api/leads", cookies={"inbox_session": "x"}, timeout=5
    )
    assert response.status_code == 401


def test_api_lists_leads_newest_first_without_snapshot(inbox_server):
    first = make_lead(inbox_server, outcome="urgent", days_left=3)
    second = make_lead(inbox_server, outcome="not_medmal")
    response = inbox_server.api("/api/leads")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    leads = response.json()
    ids = [lead["id"] for lead in leads]
    assert ids.index(second["id"]) < ids.index(first["id"])
    assert "transcript_snapshot" not in leads[0]
    for key in (
        "id",
        "reference",
        "created_at",
        "status",
        "outcome",
        "deadline",
        "days_left",
        "citation",
        "caveats",
        "contact_name",
        "assigned_to",
        "incident_type",
        "limitation_status",
    ):
        assert key in leads[0]


def test_api_lead_detail_has_transcript(inbox_server):
    lead = make_lead(inbox_server)
    write_tracker(
        inbox_server.tracker_url,
        lead["conversation_id"],
        [("user", "hello"), ("bot", "Hi, how can I help?")],
    )
    response = inbox_server.api(f"/api/leads/{lead['id']}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == lead["reference"]
    assert "transcript_snapshot" not in body
    assert [(m["from"], m["text"]) for m in body["transcript"]] == [
        ("user", "hello"),
        ("bot", "Hi, how can I help?"),
    ]
    assert set(body["transcript"][0]) == {"at", "from", "text"}
    assert "api_get_lead" in audit_actions(inbox_server, lead["id"])


def test_api_is_disabled_when_no_token_is_configured_and_site_pages_are_served(
    inbox_server_factory, tmp_path
):
    site = tmp_path / "widget"
    site.mkdir()
    (site / "demo.html").write_text(
        '<html><body><script src="/widget.js" data-server="{{RASA_PUBLIC_URL}}"></script></body></html>'
    )
    (site / "widget.js").write_text("console.log('widget');")
    (site / "widget.css").write_text(".w{}")
    (site / "privacy.html").write_text("<h1>Privacy</h1>")
    server = inbox_server_factory(
        INBOX_API_TOKEN="",
        INBOX_WIDGET_DIR=str(site),
        RASA_PUBLIC_URL="https://chat.example.org",
    )
    assert server.api("/api/leads", token="").status_code == 401
    response = requests.get(
        server.url + "/api/leads", headers={"Authorization": "Bearer "}, timeout=5
    )
    assert response.status_code == 401
    assert server.api("/api/leads", token="anything").status_code == 401

    demo = requests.get(server.url + "/", timeout=5)
    assert demo.status_code == 200 and demo.headers["Content-Type"].startswith(
        "text/html"
    )
    assert 'data-server="https://chat.example.org"' in demo.text
    assert (
        "connect-src 'self' https://chat.example.org;"
        in demo.headers["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in demo.headers
    js = requests.get(server.url + "/widget.js", timeout=5)
    assert js.status_code == 200 and "javascript" in js.headers["Content-Type"]
    assert js.headers["X-Content-Type-Options"] == "nosniff"
    assert (
        requests.get(server.url + "/widget.css", timeout=5)
        .headers["Content-Type"]
        .startswith("text/css")
    )
    assert "Privacy" in requests.get(server.url + "/privacy", timeout=5).text


def test_static_files_and_no_traversal(inbox_server):
    response = requests.get(inbox_server.url + "/inbox/static/inbox.css", timeout=5)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(
        "text/css"
    )
    for path in (
        "/inbox/static/",
        "/inbox/static/../app.py",
        "/inbox/static/%2e%2e/app.py",
        "/inbox/static/..%2fapp.py",
        "/inbox/static/nope.css",
        "/inbox/static/lead.html",
    ):
        session = requests.Session()
        request = requests.Request("GET", inbox_server.url + path).prepare()
        request.url = inbox_server.url + path  # keep the dots as sent
        response = session.send(request, timeout=5)
        assert response.status_code == 404, path
    assert "Traceback" not in inbox_server.log()


def test_wrong_methods_are_405_not_500(inbox_server):
    assert (
        requests.delete(inbox_server.url + "/api/leads", timeout=5).status_code == 405
    )
    assert (
        requests.get(inbox_server.url + "/inbox/leads/1/status", timeout=5).status_code
        == 405
    )
    assert requests.put(inbox_server.url + "/inbox/login", timeout=5).status_code == 405


def test_create_app_does_no_io(tmp_path, monkeypatch):
    from actions.config import settings
    from bot.inbox.app import create_app

    db = tmp_path / "sub" / "leads.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    settings.cache_clear()
    try:
        first, second = create_app(), create_app(settings())
        assert first.name != second.name
        assert not db.exists() and not db.parent.exists()
    finally:
        settings.cache_clear()
