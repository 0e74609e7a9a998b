"""HTTP tests of the read API (bot/inbox/api.py): bearer token, list, one lead with transcript."""

from __future__ import annotations

import requests

from tests.inbox.conftest import audit_actions, make_lead, write_tracker


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
