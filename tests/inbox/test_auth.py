"""HTTP tests of signing in and out (bot/inbox/auth.py): cookies, lock-out, CSRF, redirects."""

from __future__ import annotations

import uuid

import requests

from tests.inbox.conftest import HTML, audit_actions, csrf_of, post


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
