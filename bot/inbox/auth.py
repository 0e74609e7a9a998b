"""Signing in and out of the staff inbox, and the checks every staff route makes.

- ``current_staff(request)``: the signed-in, active staff member (also sets ``request.ctx.staff``,
  ``.session`` and ``.csrf``), or None.
- ``@staff_only``: a route for signed-in staff; others are sent to the login page (a browser) or
  get a 401 (anything else).
- ``@staff_form``: the same for a form POST, which must also parse and carry the session's CSRF
  token (400 / 403 otherwise); the handler gets the parsed form as ``form``.

Signing in: why the throttle and the lock-outs have this shape
--------------------------------------------------------------
A lock-out per account alone lets anyone lock any staff member out: five wrong passwords for
their name, from anywhere, and they cannot work for 15 minutes. So the guesses are limited where
they come from first, and an account is only locked against the address that failed:

1. **Per client address** (``INBOX_LOGIN_ADDRESS_ATTEMPTS`` failed sign-ins per
   ``INBOX_LOGIN_ADDRESS_WINDOW_SECONDS``, default 30 per 15 minutes): further attempts get a 429
   with ``Retry-After`` and are not checked at all (no hashing). Failures only count: a staff
   member who signs in is not guessing, and an office behind one address signs in all morning.
   IPv6 addresses count by their /64, which one customer usually holds whole.
2. **Per account and address** (``INBOX_LOGIN_ACCOUNT_ADDRESS_FAILURES``, default 5, in 15
   minutes): the account is locked for 15 minutes *for that address only*; the same person at
   another address (the real staff member, say) still signs in.
3. **Per account, everywhere** (``INBOX_LOGIN_ACCOUNT_FAILURES``, default 50 in 15 minutes, kept
   in the lead store): the backstop against guessing from many addresses at once. One address
   brings at most 5 failures per account to it, so locking someone out for everyone takes ten
   addresses working together, not one stranger.

Names that are not accounts get the same answers (the lock-out message after as many failures),
and every refusal runs the password hash, so neither the words nor the time tell which names
exist. The counters of 1 and 2 live in this process (the inbox runs one); a restart forgets them,
which costs an attacker nothing that the 15-minute windows would not give anyway.

The client address is the socket peer; behind a reverse proxy set ``SANIC_PROXIES_COUNT=1`` (as
for the Rasa channels), or every client looks like the proxy and shares one throttle.

Password hashing (argon2id, ~0.1 s of CPU) runs on its own small pool of threads
(``INBOX_LOGIN_HASH_WORKERS``, ``app.ctx.hash_executor``), never on the threads that serve staff
pages, and at most ``MAX_WAITING_SIGN_INS`` attempts wait for it; more get a 503.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import re
import secrets
import time
from collections import deque
from collections.abc import Callable, Coroutine, Hashable
from functools import partial, wraps
from typing import Any
from urllib.parse import quote

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.inbox import security
from bot.inbox.present import json_error, render, wants_json
from bot.inbox.security import BadForm, first, parse_form
from bot.inbox.storage import StoreUnavailable, audit, call, is_db_down

log = logging.getLogger(__name__)

bp = Blueprint("inbox_auth")

LOCKOUT_SECONDS = 15 * 60
MAX_WAITING_SIGN_INS = 16  # attempts queued for the hashing threads; more get a 503
FORM_EXPIRED = "This form has expired or did not come from the inbox. Reload the page and try again."

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


# --- cookies ------------------------------------------------------------------------------------
def is_https(request: Request) -> bool:
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    public_url = str(getattr(request.app.ctx.settings, "inbox_public_url", ""))
    return (
        proto == "https"
        or request.scheme == "https"
        or public_url.lower().startswith("https://")
    )


def set_cookie(
    request: Request, response: HTTPResponse, name: str, value: str, max_age: int
) -> None:
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["path"] = "/inbox"
    cookie["httponly"] = True
    cookie["samesite"] = "Strict" if name == security.SESSION_COOKIE else "Lax"
    cookie["max-age"] = max_age
    if is_https(request):
        cookie["secure"] = True


def clear_cookie(request: Request, response: HTTPResponse, name: str) -> None:
    set_cookie(request, response, name, "", 0)


# --- the session and CSRF checks ----------------------------------------------------------------
async def current_staff(request: Request) -> dict[str, Any] | None:
    ctx = request.app.ctx
    session = ctx.signer.load(request.cookies.get(security.SESSION_COOKIE))
    if session is None:
        return None
    user = await call(request.app, ctx.store.get_user, session.staff_id)
    if not user or user.get("active") is False or user.get("disabled"):
        return None
    request.ctx.session = session
    request.ctx.staff = user
    request.ctx.csrf = ctx.signer.csrf_token(session.sid)
    return user


def not_signed_in(request: Request) -> HTTPResponse:
    """A browser goes to the login page (and back here after); anything else gets a 401."""
    if (
        request.method == "GET" and "text/html" in request.headers.get("accept", "")
    ) or (request.method == "POST" and not wants_json(request)):
        target = request.path + (
            f"?{request.query_string}" if request.query_string else ""
        )
        return redirect("/inbox/login?next=" + quote(target, safe=""), status=303)
    return json_error(401, "sign in required")


async def read_form(request: Request) -> dict[str, list[str]]:
    try:
        return parse_form(request.headers.get("content-type"), request.body)
    except BadForm as exc:
        raise SanicException("bad form", status_code=400) from exc


def check_csrf(request: Request, form: dict[str, list[str]]) -> bool:
    session = getattr(request.ctx, "session", None)
    return session is not None and request.app.ctx.signer.csrf_ok(
        session.sid, first(form, "csrf_token")
    )


def forbidden(request: Request) -> HTTPResponse:
    return render(request, "error.html", status=403, message=FORM_EXPIRED)


def staff_only(handler: Handler) -> Handler:
    @wraps(handler)
    async def checked(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        if await current_staff(request) is None:
            return not_signed_in(request)
        return await handler(request, *args, **kwargs)

    return checked


def staff_form(handler: Handler) -> Handler:
    @wraps(handler)
    async def checked(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        if await current_staff(request) is None:
            return not_signed_in(request)
        form = await read_form(request)
        if not check_csrf(request, form):
            return forbidden(request)
        return await handler(request, *args, form=form, **kwargs)

    return checked


# --- throttle and lock-outs (see the module's docstring) -----------------------------------------
class Failures:
    """Failure times per key in a sliding window, in this process. At most ``max_keys`` keys:
    past that the expired go, then the oldest half, so a flood of names cannot grow it."""

    def __init__(self, seconds: float, max_keys: int = 50_000) -> None:
        self.seconds = float(seconds)
        self.max_keys = max_keys
        self._times: dict[Hashable, deque[float]] = {}

    def _live(self, key: Hashable, now: float) -> deque[float]:
        times = self._times.get(key)
        if times is None:
            return deque()
        while times and now - times[0] >= self.seconds:
            times.popleft()
        if not times:
            del self._times[key]
        return times

    def count(self, key: Hashable, now: float) -> int:
        return len(self._live(key, now))

    def add(self, key: Hashable, now: float) -> int:
        times = self._live(key, now)
        if not times:
            if len(self._times) >= self.max_keys:
                self._shrink(now)
            self._times[key] = times
        times.append(now)
        return len(times)

    def retry_after(self, key: Hashable, limit: int, now: float) -> int:
        """Whole seconds until fewer than ``limit`` failures are in the window (0: now)."""
        times = self._live(key, now)
        if len(times) < limit:
            return 0
        return max(1, math.ceil(times[-limit] + self.seconds - now))

    def clear(self, key: Hashable) -> None:
        self._times.pop(key, None)

    def _shrink(self, now: float) -> None:
        live = [
            (k, t) for k, t in self._times.items() if t and now - t[-1] < self.seconds
        ]
        if len(live) >= self.max_keys:
            live = live[len(live) // 2 :]
        self._times = dict(live)


class Lockout:
    """``threshold`` failures for a key within 15 minutes lock it for 15 minutes (then it
    starts again from nothing, as the store's account lock-out does)."""

    def __init__(self, threshold: int, seconds: float = LOCKOUT_SECONDS) -> None:
        self.threshold = max(1, int(threshold))
        self.seconds = float(seconds)
        self.failures = Failures(seconds)
        self._until: dict[Hashable, float] = {}

    def locked(self, key: Hashable, now: float) -> bool:
        until = self._until.get(key)
        if until is not None and until <= now:
            del self._until[key]
            until = None
        return until is not None

    def fail(self, key: Hashable, now: float) -> bool:
        """Count a failure; True when it is the one that locks the key."""
        if self.locked(key, now):
            return False
        if self.failures.add(key, now) < self.threshold:
            return False
        self.failures.clear(key)
        if len(self._until) >= self.failures.max_keys:
            self._until = {k: u for k, u in self._until.items() if u > now}
        self._until[key] = now + self.seconds
        return True

    def clear(self, key: Hashable) -> None:
        self.failures.clear(key)
        self._until.pop(key, None)


class LoginGuard:
    """The sign-in counters of one inbox process: per address, per account and address, and
    per name for names that are not accounts (the store keeps the real accounts' count)."""

    def __init__(self, settings: Any) -> None:
        def setting(name: str, default: float) -> float:
            value = getattr(settings, name, None)
            return float(value) if value else default

        self.address_attempts = int(setting("inbox_login_address_attempts", 30))
        self.by_address = Failures(setting("inbox_login_address_window_seconds", 900.0))
        self.by_account_address = Lockout(
            int(setting("inbox_login_account_address_failures", 5))
        )
        self.account_failures = int(setting("inbox_login_account_failures", 50))
        self.by_name = Lockout(self.account_failures)

    def retry_after(self, address: str, now: float) -> int:
        """Seconds this address must wait before its next attempt is checked (0: none)."""
        return self.by_address.retry_after(address, self.address_attempts, now)

    def locked_here(self, name: str, address: str, now: float) -> bool:
        return self.by_account_address.locked((name, address), now)

    def name_locked(self, name: str, now: float) -> bool:
        return self.by_name.locked(name, now)

    def failed(self, name: str, address: str, now: float) -> bool:
        """Count a failed attempt; True when it locks the account for this address."""
        self.by_address.add(address, now)
        self.by_name.fail(name, now)
        return self.by_account_address.fail((name, address), now)

    def signed_in(self, name: str, address: str) -> None:
        self.by_account_address.clear((name, address))


def client_address(request: Request) -> str:
    """Whom a sign-in attempt counts against: the socket peer, or the address the proxy saw
    (``SANIC_PROXIES_COUNT``); an IPv6 address by its /64."""
    raw = (request.remote_addr or request.ip or "").strip()
    if "x-forwarded-for" in request.headers and not request.remote_addr:
        app = request.app
        if not getattr(app.ctx, "warned_about_proxy", False):
            app.ctx.warned_about_proxy = True
            log.warning(
                "sign-in requests carry X-Forwarded-For but SANIC_PROXIES_COUNT is not set: "
                "every client behind the proxy shares one sign-in throttle"
            )
    try:
        ip = ipaddress.ip_address(raw.strip("[]"))
    except ValueError:
        return raw[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


async def check_password(
    app: Any, username: str, password: str, refused: bool
) -> dict[str, Any] | None:
    """``store.authenticate`` on the hashing threads (StoreUnavailable if the DB is down)."""
    ctx = app.ctx
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(
            ctx.hash_executor,
            partial(
                ctx.store.authenticate,
                username,
                password,
                lockout_attempts=ctx.login_guard.account_failures,
                refused=refused,
            ),
        )
    except Exception as exc:
        if is_db_down(exc):
            log.error("lead store unavailable: %s", type(exc).__name__)
            raise StoreUnavailable() from exc
        raise


# --- login --------------------------------------------------------------------------------------
def safe_next(raw: str) -> str:
    """Where to go after signing in: a path inside the inbox, never another site."""
    if (
        raw.startswith("/inbox")
        and not raw.startswith("//")
        and "\\" not in raw
        and len(raw) < 500
    ):
        return raw
    return "/inbox"


def login_page(
    request: Request,
    nonce: str,
    status: int = 200,
    error: str = "",
    username: str = "",
    next_url: str = "/inbox",
) -> HTTPResponse:
    response = render(
        request,
        "login.html",
        status=status,
        csrf_token=request.app.ctx.signer.login_token(nonce),
        error=error,
        username=username,
        next_url=next_url,
        staff=None,
    )
    set_cookie(request, response, security.PRELOGIN_COOKIE, nonce, 3600)
    return response


@bp.get("/inbox/login")
async def login_form(request: Request) -> HTTPResponse:
    if await current_staff(request):
        return redirect("/inbox", status=303)
    nonce = request.cookies.get(security.PRELOGIN_COOKIE) or ""
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", nonce):
        nonce = secrets.token_urlsafe(24)
    return login_page(request, nonce, next_url=safe_next(request.args.get("next", "")))


LOCKED = (
    "Too many failed sign-in attempts: this account is locked for 15 minutes. "
    "Ask an administrator if you need access sooner."
)
NO_MATCH = "That username and password do not match."


@bp.post("/inbox/login")
async def login_submit(request: Request) -> HTTPResponse:
    app, ctx = request.app, request.app.ctx
    form = await read_form(request)
    nonce = request.cookies.get(security.PRELOGIN_COOKIE) or ""
    # Each login form carries a fresh token that works once.
    if not ctx.signer.use_login_token(nonce, first(form, "csrf_token")):
        return forbidden(request)
    username = first(form, "username").strip()[:150]
    password = first(form, "password")[:1024]
    next_url = safe_next(first(form, "next"))
    if not username or not password:
        return login_page(
            request, nonce, 400, "Enter your username and password.", username, next_url
        )
    guard: LoginGuard = ctx.login_guard
    address = client_address(request)
    wait = guard.retry_after(address, time.time())
    if wait:
        minutes = max(1, math.ceil(wait / 60))
        response = login_page(
            request,
            nonce,
            429,
            "Too many failed sign-in attempts from your network. "
            f"Try again in {minutes} minute{'s' if minutes > 1 else ''}.",
            username,
            next_url,
        )
        response.headers["Retry-After"] = str(wait)
        return response
    if ctx.sign_ins_waiting >= MAX_WAITING_SIGN_INS:
        log.warning(
            "sign-in refused: %s attempts already waiting", MAX_WAITING_SIGN_INS
        )
        response = login_page(
            request,
            nonce,
            503,
            "Signing in is busy right now. Try again in a few seconds.",
            username,
            next_url,
        )
        response.headers["Retry-After"] = "5"
        return response
    key = username.lower()
    locked_here = guard.locked_here(key, address, time.time())
    ctx.sign_ins_waiting += 1
    try:
        # Always the hash, even for a locked account or a refused address: equal timing.
        user = await check_password(app, username, password, refused=locked_here)
    except StoreUnavailable:
        raise
    except Exception as exc:  # never a 500 for a sign-in attempt
        log.warning("sign-in refused: %s", type(exc).__name__)
        user = None
    finally:
        ctx.sign_ins_waiting -= 1
    if user:
        guard.signed_in(key, address)
        _session, cookie_value = ctx.signer.issue(user["id"])
        await audit(app, user, "login", detail="signed in")
        response = redirect(next_url, status=303)
        set_cookie(
            request, response, security.SESSION_COOKIE, cookie_value, ctx.signer.max_age
        )
        clear_cookie(request, response, security.PRELOGIN_COOKIE)
        return response
    now = time.time()
    locks_here = guard.failed(key, address, now)
    known = await call(app, ctx.store.get_user_by_username, username)
    locked = (
        locked_here
        or locks_here
        or bool(known and known.get("locked"))
        or (known is None and guard.name_locked(key, now))
    )
    if locks_here and known:
        log.warning("staff user %s locked for one address after failures", known["id"])
        await audit(
            app,
            known,
            "account_locked",
            detail=f"{guard.by_account_address.threshold} failed logins from one address: "
            "locked for that address",
        )
    await audit(
        app,
        known,
        "login_locked" if locked else "login_failed",
        detail="sign-in refused",
    )
    return login_page(
        request, nonce, 401, LOCKED if locked else NO_MATCH, username, next_url
    )


@bp.post("/inbox/logout")
async def logout(request: Request) -> HTTPResponse:
    staff = await current_staff(request)
    if staff is None:
        return redirect("/inbox/login", status=303)
    form = await read_form(request)
    if not check_csrf(request, form):
        return forbidden(request)
    request.app.ctx.signer.revoke(request.ctx.session)
    await audit(request.app, staff, "logout", detail="signed out")
    response = redirect("/inbox/login", status=303)
    clear_cookie(request, response, security.SESSION_COOKIE)
    return response
