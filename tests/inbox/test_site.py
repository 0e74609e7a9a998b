"""HTTP tests of the public side the inbox serves (bot/inbox/site.py): health, website, static files."""

from __future__ import annotations

import requests


def test_healthz_needs_no_auth(inbox_server):
    response = requests.get(inbox_server.url + "/healthz", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert response.headers["Cache-Control"] == "no-store"


def test_website_routes_serve_widget_files_or_404(inbox_server):
    from bot.inbox.site import WIDGET_DIR

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
