"""Sessions, CSRF tokens, form parsing and response headers for the staff inbox.

Sessions are cookies signed with itsdangerous (``URLSafeTimedSerializer``, HMAC-SHA256, a key
derived from ``INBOX_SECRET_KEY``) that carry the staff id and a random session id; the signed
timestamp is when they were issued, and they expire after ``Settings.inbox_session_hours``
(``INBOX_SESSION_HOURS``, default 8). Logging out revokes the session id in this process, so a
copied cookie stops working at once (a restart forgets revocations, the 8-hour expiry still
applies).

CSRF uses the synchronizer-token pattern: the token is an HMAC of the session id, so it is tied to
one session and cannot be forged without the secret. The login form, which has no session yet,
gets a fresh signed token each time it is shown: tied to a random pre-login cookie, valid for an
hour, and good for one attempt only.

Nothing here does I/O at import time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer

log = logging.getLogger(__name__)

SESSION_COOKIE = "inbox_session"
PRELOGIN_COOKIE = "inbox_prelogin"
# Secrets that mean "not configured": a random per-process key is used instead.
_PLACEHOLDER_SECRETS = {"", "change-me", "changeme"}
SESSION_SALT = "inbox-session-v2"
LOGIN_TOKEN_SALT = "inbox-login-csrf-v1"
LOGIN_TOKEN_SECONDS = 3600  # as long as the pre-login cookie lives
MAX_COOKIE_CHARS = 512
MAX_USED_LOGIN_TOKENS = 50_000  # remembered until they expire, so none is used twice
# HMAC-SHA256 with an HMAC-derived key (itsdangerous' defaults are SHA-1 and concatenation).
_SIGNING = {"key_derivation": "hmac", "digest_method": hashlib.sha256}


def constant_time_equals(given: str | None, expected: str | None) -> bool:
    """Compare two secrets without leaking where they differ; empty never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass(frozen=True)
class Session:
    staff_id: int
    sid: str
    issued_at: float
    expires_at: float


class _SignedAt(TimestampSigner):
    """itsdangerous' timestamp signer with the clock given by the caller (``issue(now=...)``)."""

    def __init__(self, *args: Any, at: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.at = int(at)

    def get_timestamp(self) -> int:
        return self.at


class SessionSigner:
    """Signs and checks session cookies and CSRF tokens with keys derived from one secret;
    sessions last ``session_hours`` (not positive: 8)."""

    def __init__(self, secret: str, session_hours: float = 8.0) -> None:
        self.lifetime = (session_hours if session_hours > 0 else 8.0) * 3600
        self.max_age = int(self.lifetime)  # the cookie's Max-Age, in whole seconds
        if secret.strip() in _PLACEHOLDER_SECRETS:
            log.warning(
                "INBOX_SECRET_KEY is not set: using a random key for this process "
                "(staff sessions end when the inbox restarts)"
            )
            secret = secrets.token_urlsafe(48)
        self._secret = secret
        self._sessions = URLSafeTimedSerializer(
            secret, salt=SESSION_SALT, signer_kwargs=_SIGNING
        )
        self._login_tokens = URLSafeTimedSerializer(
            secret, salt=LOGIN_TOKEN_SALT, signer_kwargs=_SIGNING
        )
        root = secret.encode("utf-8")
        self._csrf_key = hmac.new(root, b"inbox-csrf-v1", hashlib.sha256).digest()
        self._revoked: dict[str, float] = {}
        self._used_login_tokens: dict[str, float] = {}
        self._lock = threading.Lock()

    # --- sessions -------------------------------------------------------------------------------
    def issue(self, staff_id: int, now: float | None = None) -> tuple[Session, str]:
        # The signed timestamp has whole seconds.
        issued_at = float(int(now or time.time()))
        session = Session(
            int(staff_id),
            secrets.token_urlsafe(24),
            issued_at,
            issued_at + self.lifetime,
        )
        serializer = URLSafeTimedSerializer(
            self._secret,
            salt=SESSION_SALT,
            signer=_SignedAt,
            signer_kwargs={**_SIGNING, "at": issued_at},
        )
        return session, serializer.dumps({"uid": session.staff_id, "sid": session.sid})

    def load(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session in a cookie, or None when it is missing, forged, expired or revoked."""
        if not cookie or len(cookie) > MAX_COOKIE_CHARS:
            return None
        try:
            data, signed_at = self._sessions.loads(cookie, return_timestamp=True)
            issued_at = float(signed_at.timestamp())
            session = Session(
                int(data["uid"]), str(data["sid"]), issued_at, issued_at + self.lifetime
            )
        except (BadData, ValueError, KeyError, TypeError):
            return None
        now = float(now or time.time())
        if session.issued_at > now + 60 or now >= session.expires_at:
            return None
        with self._lock:
            if session.sid in self._revoked:
                return None
        return session

    def revoke(self, session: Session) -> None:
        now = time.time()
        with self._lock:
            self._revoked = {
                sid: exp for sid, exp in self._revoked.items() if exp > now
            }
            self._revoked[session.sid] = session.expires_at

    # --- CSRF -----------------------------------------------------------------------------------
    def csrf_token(self, binding: str) -> str:
        """The synchronizer token for a session id (or a pre-login nonce)."""
        return hmac.new(
            self._csrf_key, binding.encode("utf-8"), hashlib.sha256
        ).hexdigest()

    def csrf_ok(self, binding: str | None, token: str | None) -> bool:
        if not binding or not token:
            return False
        return constant_time_equals(token, self.csrf_token(binding))

    def login_token(self, binding: str) -> str:
        """A fresh token for one showing of the login form, tied to the pre-login cookie."""
        return self._login_tokens.dumps(
            {"b": self.csrf_token("login:" + binding), "n": secrets.token_urlsafe(16)}
        )

    def use_login_token(
        self, binding: str | None, token: str | None, now: float | None = None
    ) -> bool:
        """True once for a login token made for this pre-login cookie in the last hour; a token
        that was already used (a replayed or resubmitted form) is refused."""
        if not binding or not token or len(token) > MAX_COOKIE_CHARS:
            return False
        try:
            data = self._login_tokens.loads(token, max_age=LOGIN_TOKEN_SECONDS)
            bound, nonce = str(data["b"]), str(data["n"])
        except (BadData, KeyError, TypeError):
            return False
        if not constant_time_equals(bound, self.csrf_token("login:" + binding)):
            return False
        now = float(now or time.time())
        with self._lock:
            if nonce in self._used_login_tokens:
                return False
            if len(self._used_login_tokens) >= MAX_USED_LOGIN_TOKENS:
                live = [(n, e) for n, e in self._used_login_tokens.items() if e > now]
                # Still full: forget the oldest half (a replay of those buys one more
                # attempt, which the sign-in throttle still counts).
                if len(live) >= MAX_USED_LOGIN_TOKENS:
                    live = live[len(live) // 2 :]
                self._used_login_tokens = dict(live)
            self._used_login_tokens[nonce] = now + LOGIN_TOKEN_SECONDS
        return True


# --- forms --------------------------------------------------------------------------------------
class BadForm(ValueError):
    """The body is not a form this app accepts (wrong type, bad encoding, too many fields)."""


MAX_FORM_FIELDS = 50


def parse_form(content_type: str | None, body: bytes) -> dict[str, list[str]]:
    """Parse an ``application/x-www-form-urlencoded`` body strictly; raise BadForm otherwise."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        raise BadForm("unsupported content type")
    try:
        text = (body or b"").decode("utf-8")
        form = parse_qs(
            text,
            keep_blank_values=True,
            strict_parsing=False,
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadForm(type(exc).__name__) from None
    # PostgreSQL cannot store NUL; psycopg2 raises ValueError for it, which would be a 500.
    if any(
        "\x00" in key or any("\x00" in v for v in values)
        for key, values in form.items()
    ):
        raise BadForm("NUL character")
    return form


def first(form: dict[str, list[str]], name: str, default: str = "") -> str:
    values = form.get(name)
    return values[0] if values else default


# --- headers ------------------------------------------------------------------------------------
INBOX_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def site_csp(
    rasa_public_url: str,
    style_hashes: Iterable[str] = (),
    script_hashes: Iterable[str] = (),
) -> str:
    """CSP for the public website pages: the widget talks to the Rasa server.

    Inline ``<style>``/``<script>`` blocks of a page we serve are allowed by their SHA-256 hash
    only, so markup injected into the page still cannot run or restyle it.
    """
    connect = "'self'"
    origin = _origin(rasa_public_url)
    if origin:
        connect += f" {origin}"
    styles = " ".join(["'self'", *(f"'{h}'" for h in style_hashes)])
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src {styles}; img-src 'self' data:; "
        f"font-src 'self'; connect-src {connect}; form-action 'self'; base-uri 'none'; "
        f"object-src 'none'; frame-ancestors 'self'"
    )


_INLINE_BLOCK = re.compile(
    r"<(style|script)(\s[^>]*)?>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL
)


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """CSP source hashes (``sha256-...``) of a page's inline style and script blocks."""
    styles: list[str] = []
    scripts: list[str] = []
    for match in _INLINE_BLOCK.finditer(html):
        tag, attrs, body = match.group(1).lower(), match.group(2) or "", match.group(3)
        if tag == "script" and re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        if not body.strip():
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode(
            "ascii"
        )
        (styles if tag == "style" else scripts).append(f"sha256-{digest}")
    return styles, scripts


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, or '' when it is not an http(s) URL (keeps the CSP valid)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    if any(c in parts.netloc for c in " ;,'\""):
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def security_headers(
    path: str,
    rasa_public_url: str,
    style_hashes: Iterable[str] = (),
    script_hashes: Iterable[str] = (),
) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
    if path == "/inbox" or path.startswith("/inbox/"):
        headers["Content-Security-Policy"] = INBOX_CSP
        headers["X-Frame-Options"] = "DENY"
        headers["Cache-Control"] = "no-store"
    elif path == "/api" or path.startswith("/api/") or path == "/healthz":
        headers["Content-Security-Policy"] = API_CSP
        headers["X-Frame-Options"] = "DENY"
        headers["Cache-Control"] = "no-store"
    else:
        headers["Content-Security-Policy"] = site_csp(
            rasa_public_url, style_hashes, script_hashes
        )
    return headers
