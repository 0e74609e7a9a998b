"""Signing in and out of the staff inbox, and the checks every staff route makes.

- ``current_staff(request)``: the signed-in, active staff member (also sets ``request.ctx.staff``,
  ``.session`` and ``.csrf``), or None.
- ``@staff_only``: a route for signed-in staff; others are sent to the login page (a browser) or
  get a 401 (anything else).
- ``@staff_form``: the same for a form POST, which must also parse and carry the session's CSRF
  token (400 / 403 otherwise); the handler gets the parsed form as ``form``.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any
from urllib.parse import quote

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.inbox import security
from bot.inbox.present import json_error, render, wants_json
from bot.inbox.security import BadForm, first, parse_form
from bot.inbox.storage import StoreUnavailable, audit, call

log = logging.getLogger(__name__)

bp = Blueprint("inbox_auth")

LOCKOUT_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
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
        csrf_token=request.app.ctx.signer.csrf_token("login:" + nonce),
        error=error,
        username=username,
        next_url=next_url,
        staff=None,
    )
    set_cookie(request, response, security.PRELOGIN_COOKIE, nonce, 3600)
    return response


def recent_failures(request: Request, username: str) -> int:
    """Failed sign-ins for a name in this process in the lock-out window (kept trimmed)."""
    failures = request.app.ctx.login_failures
    now = time.time()
    window = [t for t in failures.get(username, []) if now - t < LOCKOUT_SECONDS]
    failures[username] = window
    return len(window)


@bp.get("/inbox/login")
async def login_form(request: Request) -> HTTPResponse:
    if await current_staff(request):
        return redirect("/inbox", status=303)
    nonce = request.cookies.get(security.PRELOGIN_COOKIE) or ""
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", nonce):
        nonce = secrets.token_urlsafe(24)
    return login_page(request, nonce, next_url=safe_next(request.args.get("next", "")))


@bp.post("/inbox/login")
async def login_submit(request: Request) -> HTTPResponse:
    app, ctx = request.app, request.app.ctx
    form = await read_form(request)
    nonce = request.cookies.get(security.PRELOGIN_COOKIE) or ""
    if not ctx.signer.csrf_ok(
        "login:" + nonce if nonce else "", first(form, "csrf_token")
    ):
        return forbidden(request)
    username = first(form, "username").strip()[:150]
    password = first(form, "password")[:1024]
    next_url = safe_next(first(form, "next"))
    if not username or not password:
        return login_page(
            request, nonce, 400, "Enter your username and password.", username, next_url
        )
    key = username.lower()
    try:
        user = await call(app, ctx.store.authenticate, username, password)
    except StoreUnavailable:
        raise
    except Exception as exc:  # never a 500 for a sign-in attempt
        log.warning("sign-in refused: %s", type(exc).__name__)
        user = None
    if user:
        ctx.login_failures.pop(key, None)
        _session, cookie_value = ctx.signer.issue(user["id"])
        await audit(app, user, "login", detail="signed in")
        response = redirect(next_url, status=303)
        set_cookie(
            request, response, security.SESSION_COOKIE, cookie_value, ctx.signer.max_age
        )
        clear_cookie(request, response, security.PRELOGIN_COOKIE)
        return response
    # The store locks an account after 5 failures in 15 minutes; an unknown username gets the
    # same message after as many tries here, so the message does not tell which names exist.
    ctx.login_failures.setdefault(key, []).append(time.time())
    known = await call(app, ctx.store.get_user_by_username, username)
    locked = bool(known and known.get("locked")) or (
        known is None and recent_failures(request, key) >= LOCKOUT_FAILURES
    )
    if locked:
        error = (
            "Too many failed sign-in attempts: this account is locked for 15 minutes. "
            "Ask an administrator if you need access sooner."
        )
    else:
        error = "That username and password do not match."
    await audit(
        app,
        known,
        "login_locked" if locked else "login_failed",
        detail="sign-in refused",
    )
    return login_page(request, nonce, 401, error, username, next_url)


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
