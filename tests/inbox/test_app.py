"""HTTP tests of what ``create_app`` sets for every route: security headers, error pages,
body limits, and no I/O when the app is built."""

from __future__ import annotations

import requests

from tests.inbox.conftest import csrf_of, lead_page, make_lead


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


def test_create_app_takes_its_settings_not_the_environment(tmp_path, monkeypatch):
    from dataclasses import replace

    from actions.config import settings
    from bot.inbox.app import create_app

    monkeypatch.setenv("INBOX_MAX_BODY_BYTES", "1")
    monkeypatch.setenv("INBOX_SESSION_HOURS", "1")
    monkeypatch.setenv("INBOX_WIDGET_DIR", "/nowhere")
    settings.cache_clear()
    try:
        from_env = create_app(settings())
        assert from_env.config.REQUEST_MAX_SIZE == 1
        assert from_env.ctx.signer.max_age == 3600
        assert str(from_env.ctx.widget_dir) == "/nowhere"
        chosen = replace(
            settings(),
            inbox_max_body_bytes=1234,
            inbox_session_hours=2.0,
            inbox_widget_dir=tmp_path,
            rasa_public_url="https://chat.example.org",
        )
        app = create_app(chosen)
        assert app.config.REQUEST_MAX_SIZE == 1234
        assert app.ctx.signer.max_age == 2 * 3600
        assert app.ctx.widget_dir == tmp_path
        assert app.ctx.rasa_public_url == "https://chat.example.org"
    finally:
        settings.cache_clear()
