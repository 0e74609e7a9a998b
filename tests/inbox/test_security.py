"""Unit tests of bot/inbox/security.py (no server)."""

from __future__ import annotations

import time

import pytest

from bot.inbox import security
from bot.inbox.security import BadForm, SessionSigner, parse_form


def test_session_round_trip_and_tampering():
    signer = SessionSigner("k" * 32)
    session, cookie = signer.issue(7)
    loaded = signer.load(cookie)
    assert loaded is not None and loaded.staff_id == 7 and loaded.sid == session.sid
    payload, signature = cookie.rsplit(".", 1)
    assert signer.load(payload + "." + "0" * len(signature)) is None
    assert signer.load(cookie + "x") is None
    assert (
        signer.load("") is None
        and signer.load(None) is None
        and signer.load("a.b.c") is None
    )
    # Another secret cannot read it.
    assert SessionSigner("other-secret-value").load(cookie) is None


def test_session_expires_after_the_configured_hours(monkeypatch):
    monkeypatch.setenv("INBOX_SESSION_HOURS", "8")
    signer = SessionSigner("k" * 32)
    issued = time.time() - 8 * 3600 - 5
    _session, cookie = signer.issue(1, now=issued)
    assert signer.load(cookie) is None
    assert signer.load(cookie, now=issued + 60) is not None
    # Issued in the future (clock games): refused.
    _session, cookie = signer.issue(1, now=time.time() + 3600)
    assert signer.load(cookie) is None


def test_session_hours_come_from_the_caller():
    signer = SessionSigner("k" * 32, session_hours=1)
    assert signer.max_age == 3600
    _session, cookie = signer.issue(1, now=time.time() - 3600 - 5)
    assert signer.load(cookie) is None
    _session, cookie = signer.issue(1, now=time.time() - 3600 + 60)
    assert signer.load(cookie) is not None
    assert SessionSigner("k" * 32, session_hours=0).max_age == 8 * 3600


def test_revoked_session_is_refused():
    signer = SessionSigner("k" * 32)
    session, cookie = signer.issue(3)
    signer.revoke(session)
    assert signer.load(cookie) is None


def test_placeholder_secret_gets_a_random_key():
    a, b = SessionSigner("change-me"), SessionSigner("change-me")
    _s, cookie = a.issue(1)
    assert a.load(cookie) is not None
    assert b.load(cookie) is None  # not a shared, guessable key


def test_csrf_token_is_bound_to_the_session():
    signer = SessionSigner("k" * 32)
    token = signer.csrf_token("sid-1")
    assert signer.csrf_ok("sid-1", token)
    assert not signer.csrf_ok("sid-2", token)
    assert not signer.csrf_ok("sid-1", "")
    assert not signer.csrf_ok("sid-1", None)
    assert not signer.csrf_ok("", token)
    assert not signer.csrf_ok("sid-1", token.upper() + "0")


def test_constant_time_equals_never_matches_empty():
    assert security.constant_time_equals("abc", "abc")
    assert not security.constant_time_equals("", "")
    assert not security.constant_time_equals("abc", "")
    assert not security.constant_time_equals(None, "abc")
    assert not security.constant_time_equals("abd", "abc")


def test_parse_form_is_strict():
    assert parse_form(
        "application/x-www-form-urlencoded; charset=utf-8", b"a=1&b=&a=2"
    ) == {"a": ["1", "2"], "b": [""]}
    for content_type, body in (
        ("application/json", b"{}"),
        (None, b"a=1"),
        ("multipart/form-data; boundary=x", b"--x--"),
        ("application/x-www-form-urlencoded", b"a=%ff"),
        ("application/x-www-form-urlencoded", b"\xff"),
        (
            "application/x-www-form-urlencoded",
            "&".join(f"f{i}=1" for i in range(100)).encode(),
        ),
    ):
        with pytest.raises(BadForm):
            parse_form(content_type, body)


def test_headers_by_area():
    inbox = security.security_headers("/inbox/leads/1", "http://localhost:5005")
    assert inbox["X-Frame-Options"] == "DENY" and inbox["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in inbox["Content-Security-Policy"]
    site = security.security_headers("/", "https://bot.example.com:5005/path")
    assert (
        "connect-src 'self' https://bot.example.com:5005;"
        in site["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in site
    assert "Cache-Control" not in site
    # A malformed URL cannot inject CSP directives.
    odd = security.security_headers("/", "javascript:alert(1); script-src *")
    assert "script-src *" not in odd["Content-Security-Policy"]
    api = security.security_headers("/api/leads", "")
    assert api["Cache-Control"] == "no-store" and api[
        "Content-Security-Policy"
    ].startswith("default-src 'none'")


def test_inline_hashes_cover_inline_blocks_only():
    import base64
    import hashlib

    html = '<style>\n body{}\n</style><script src="/w.js"></script><script>var a=1;</script><STYLE media="x"></STYLE>'
    styles, scripts = security.inline_hashes(html)
    expected = (
        "sha256-" + base64.b64encode(hashlib.sha256(b"\n body{}\n").digest()).decode()
    )
    assert styles == [expected]
    assert scripts == [
        "sha256-" + base64.b64encode(hashlib.sha256(b"var a=1;").digest()).decode()
    ]
    csp = security.site_csp("http://localhost:5005", styles, scripts)
    assert f"style-src 'self' '{expected}';" in csp


def test_session_cookies_are_signed_by_itsdangerous():
    from itsdangerous import URLSafeTimedSerializer

    signer = SessionSigner("k" * 32)
    session, cookie = signer.issue(9)
    reader = URLSafeTimedSerializer(
        "k" * 32, salt=security.SESSION_SALT, signer_kwargs=security._SIGNING
    )
    assert reader.loads(cookie, max_age=60) == {"uid": 9, "sid": session.sid}
    # Any other salt (another purpose, e.g. a login token) does not read as a session.
    assert signer.load(signer.login_token("a" * 24)) is None


def test_login_tokens_are_fresh_bound_to_the_cookie_and_single_use():
    signer = SessionSigner("k" * 32)
    binding = "prelogin-cookie-value-1"
    first, second = signer.login_token(binding), signer.login_token(binding)
    assert first != second
    assert not signer.use_login_token("another-prelogin-cookie", first)
    assert signer.use_login_token(binding, first)
    assert not signer.use_login_token(binding, first)  # used once already
    assert signer.use_login_token(binding, second)
    third = signer.login_token(binding)
    for forged in ("", None, third + "x", third[:-2], "0" * 64, "a.b.c"):
        assert not signer.use_login_token(binding, forged)
    assert not signer.use_login_token("", third)
    assert not SessionSigner("other-secret-value").use_login_token(binding, third)
