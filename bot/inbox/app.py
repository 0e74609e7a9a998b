"""The staff inbox: leads, transcripts and status for the firm's intake team, plus the read API.

``create_app(settings)`` builds the Sanic app without any I/O; the lead store is opened, migrated and
the background loops (spool drain, notification outbox) started when the server starts.

Routes
  GET  /healthz                          {"ok": true}, no auth
  GET  /  /privacy  /widget.js  /widget.css   the website side (files in bot/widget/)
  GET  /inbox/login  POST /inbox/login  POST /inbox/logout
  GET  /inbox                            the lead list (filters: status outcome channel state q)
  GET  /inbox/leads.csv                  the same list as CSV
  GET  /inbox/leads/<id>                 one lead: facts, deadline, transcript, notes, history
  POST /inbox/leads/<id>/status|notes|assign
  GET  /inbox/opt-outs                   SMS opt-outs
  GET  /api/leads  GET /api/leads/<id>   read API, bearer INBOX_API_TOKEN
"""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import json
import logging
import os
import re
import secrets
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.inbox import security
from bot.inbox.security import BadForm, SessionSigner, first, parse_form

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
WIDGET_DIR = PACKAGE_DIR.parent / "widget"

STATUSES = ("new", "contacted", "consult_scheduled", "signed", "declined", "referred")
STATUS_LABELS = {
    "new": "New",
    "contacted": "Contacted",
    "consult_scheduled": "Consult scheduled",
    "signed": "Signed",
    "declined": "Declined",
    "referred": "Referred",
}
# The workflow: the next steps offered as buttons from each status.
NEXT_STATUSES = {
    "new": ("contacted", "declined", "referred"),
    "contacted": ("consult_scheduled", "declined", "referred"),
    "consult_scheduled": ("signed", "declined", "referred"),
    "signed": (),
    "declined": (),
    "referred": (),
}
OUTCOMES = ("urgent", "qualified", "time_barred", "represented", "not_medmal")
OUTCOME_LABELS = {
    "urgent": "Urgent",
    "qualified": "Qualified",
    "time_barred": "Time-barred",
    "represented": "Already represented",
    "not_medmal": "Not med-mal",
}
INCIDENT_LABELS = {
    "surgical_error": "Surgical error",
    "birth_injury": "Birth injury",
    "medication_error": "Medication error",
    "misdiagnosis": "Misdiagnosis",
    "anesthesia_error": "Anesthesia error",
    "other": "Other",
    "not_medmal": "Not med-mal",
}
ROLE_LABELS = {
    "self": "The client themself",
    "child": "Their child",
    "spouse": "Their spouse",
    "parent": "Their parent",
    "other_family": "Other family member",
    "other": "Someone else",
}
LEAD_KEYS = (
    "id",
    "reference",
    "created_at",
    "channel",
    "conversation_id",
    "status",
    "outcome",
    "priority",
    "incident_type",
    "incident_description",
    "state",
    "incident_date",
    "discovery_date",
    "patient_role",
    "patient_dob",
    "patient_deceased",
    "death_date",
    "government_facility",
    "already_represented",
    "deadline",
    "days_left",
    "limitation_status",
    "explanation",
    "citation",
    "caveats",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_consent",
    "assigned_to",
    "callback_requested",
)
CSV_COLUMNS = (
    "reference",
    "created_at",
    "status",
    "outcome",
    "priority",
    "incident_type",
    "state",
    "channel",
    "deadline",
    "days_left",
    "limitation_status",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_consent",
    "callback_requested",
    "assigned_to",
    "incident_date",
    "discovery_date",
    "patient_role",
    "patient_deceased",
    "government_facility",
    "already_represented",
    "citation",
    "id",
)
URGENT_DAYS = 90
MAX_NOTE_CHARS = 5000
MAX_QUERY_CHARS = 200
MAX_BODY_BYTES = 64 * 1024
MESSAGES = {
    "status": "Status updated.",
    "note": "Note added.",
    "assign": "Assignment saved.",
}

_app_counter = itertools.count(1)


# --- small helpers ------------------------------------------------------------------------------
def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def json_response(body: Any, status: int = 200) -> HTTPResponse:
    return HTTPResponse(
        json.dumps(body, default=_jsonable, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


def json_error(status: int, message: str) -> HTTPResponse:
    return json_response({"error": message}, status=status)


def parse_id(raw: str) -> int | None:
    """A lead or staff id from a URL or form: digits only, in SQL's 64-bit range."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    return int(raw)


def caveat_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
                if isinstance(parsed, list):
                    return [str(v) for v in parsed if v not in (None, "")]
            except ValueError:
                pass
        return [line.strip() for line in text.splitlines() if line.strip()]
    return [str(value)]


def is_urgent(lead: dict[str, Any]) -> bool:
    if lead.get("outcome") == "urgent":
        return True
    days = lead.get("days_left")
    try:
        return days is not None and 0 <= int(days) <= URGENT_DAYS
    except (TypeError, ValueError):
        return False


def deadline_class(lead: dict[str, Any]) -> str:
    days = lead.get("days_left")
    try:
        days = int(days)
    except (TypeError, ValueError):
        return "none"
    if days < 0:
        return "past"
    if days <= 30:
        return "critical"
    if days <= URGENT_DAYS:
        return "soon"
    return "ok"


def fmt_when(value: Any) -> str:
    """A timestamp as 'YYYY-MM-DD HH:MM' (UTC where known); anything else as text."""
    if value in (None, ""):
        return ""
    if isinstance(value, (int, float)):
        value = datetime.utcfromtimestamp(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})", text)
    return f"{match.group(1)} {match.group(2)}" if match else text


def yes_no(value: Any) -> str:
    if value is None or value == "":
        return "Unknown"
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"true", "1", "yes"}:
            return "Yes"
        if lowered in {"false", "0", "no"}:
            return "No"
        return value
    return "Yes" if value else "No"


def csv_cell(value: Any) -> str:
    """Text for a CSV cell, with spreadsheet formulas neutralised (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = _jsonable(value) if not isinstance(value, (str, int, float)) else str(value)
    text = str(text)
    # Numbers and phone numbers (+15555550123, -5) stay as they are; anything else that a
    # spreadsheet would read as a formula gets a leading apostrophe.
    if text and text[0] in "=+-@\t\r" and not re.fullmatch(r"[+-]?[\d][\d ().]*", text):
        text = "'" + text
    return text


def normalise_transcript(rows: Any) -> list[dict[str, Any]]:
    """Turn transcript rows (from the tracker or a stored snapshot) into {at, from, text, channel}."""
    if rows is None or rows == "":
        return []
    if isinstance(rows, (bytes, str)):
        text = rows.decode("utf-8", "replace") if isinstance(rows, bytes) else rows
        try:
            rows = json.loads(text)
        except ValueError:
            return [{"at": "", "from": "bot", "text": text, "channel": ""}]
    if isinstance(rows, dict):
        rows = rows.get("messages") or rows.get("transcript") or []
    out = []
    if not isinstance(rows, list):
        return out
    for row in rows:
        if not isinstance(row, dict):
            out.append({"at": "", "from": "bot", "text": str(row), "channel": ""})
            continue
        sender = row.get("from") or row.get("sender") or row.get("event") or "bot"
        sender = (
            "user" if str(sender).lower() in {"user", "client", "visitor"} else "bot"
        )
        text = row.get("text")
        out.append(
            {
                "at": row.get("at") or row.get("timestamp") or "",
                "from": sender,
                "text": "" if text is None else str(text),
                "channel": row.get("channel") or row.get("input_channel") or "",
            }
        )
    return out


class StoreUnavailable(SanicException):
    status_code = 503
    message = "The lead store is not reachable right now. Try again in a minute."


# --- the app ------------------------------------------------------------------------------------
def create_app(settings: Any = None) -> Sanic:
    """Build the inbox app. No I/O here: the store is opened when the server starts."""
    use_global_store = settings is None
    if settings is None:
        from actions.config import settings as load_settings

        settings = load_settings()

    app = Sanic(f"bot_inbox_{next(_app_counter)}", configure_logging=False)
    app.config.REQUEST_MAX_SIZE = int(
        os.environ.get("INBOX_MAX_BODY_BYTES", MAX_BODY_BYTES)
    )
    app.config.KEEP_ALIVE_TIMEOUT = 15
    app.ctx.settings = settings
    app.ctx.store = None
    app.ctx.signer = SessionSigner(settings.inbox_secret_key or "")
    app.ctx.rasa_public_url = (
        str(getattr(settings, "rasa_public_url", "") or "").strip()
        or os.environ.get("RASA_PUBLIC_URL", "").strip()
        or "http://localhost:5005"
    )
    app.ctx.executor = None
    app.ctx.login_failures = {}  # username -> failure times (in-process backstop)

    jinja = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    jinja.filters["when"] = fmt_when
    jinja.filters["yesno"] = yes_no
    jinja.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        OUTCOME_LABELS=OUTCOME_LABELS,
        INCIDENT_LABELS=INCIDENT_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        STATUSES=STATUSES,
        OUTCOMES=OUTCOMES,
        firm_name=getattr(settings, "firm_name", "Intake"),
        is_urgent=is_urgent,
        deadline_class=deadline_class,
    )
    app.ctx.jinja = jinja

    @app.get("/inbox/static/<name>")
    async def static_file(request: Request, name: str) -> HTTPResponse:
        """The inbox's own CSS and images: plain names in static/, nothing else (no traversal)."""
        types = {
            ".css": "text/css; charset=utf-8",
            ".svg": "image/svg+xml",
            ".png": "image/png",
            ".ico": "image/x-icon",
        }
        path = STATIC_DIR / name
        if (
            not re.fullmatch(r"[A-Za-z0-9_-]+\.[a-z]{2,4}", name)
            or path.suffix not in types
            or not path.is_file()
        ):
            raise SanicException("not found", status_code=404)
        return HTTPResponse(path.read_bytes(), content_type=types[path.suffix])

    # --- lifecycle ------------------------------------------------------------------------------
    @app.before_server_start
    async def open_store(app: Sanic, loop) -> None:
        app.ctx.executor = ThreadPoolExecutor(
            max_workers=4, thread_name_prefix="inbox-store"
        )
        from bot.leads.store import LeadStore, get_store

        if use_global_store:
            app.ctx.store = get_store()
        else:
            app.ctx.store = LeadStore(settings.database_url, settings)
        try:
            await call(app.ctx.store.migrate)
        except (
            Exception
        ) as exc:  # the spool keeps leads; the inbox shows 503 until the DB is back
            log.error("lead store migration failed: %s", type(exc).__name__)

    @app.after_server_start
    async def start_background(app: Sanic, loop) -> None:
        app.ctx.background = loop.create_task(background_loop(app))

    @app.before_server_stop
    async def stop_background(app: Sanic, loop) -> None:
        task = getattr(app.ctx, "background", None)
        if task is not None:
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
        if app.ctx.executor is not None:
            app.ctx.executor.shutdown(wait=False)

    async def call(fn: Callable, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                app.ctx.executor, partial(fn, *args, **kwargs)
            )
        except Exception as exc:
            if _is_db_down(exc):
                log.error("lead store unavailable: %s", type(exc).__name__)
                raise StoreUnavailable() from exc
            raise

    app.ctx.call = call

    # --- middleware -----------------------------------------------------------------------------
    @app.on_response
    async def add_security_headers(request: Request, response: HTTPResponse) -> None:
        styles, scripts = getattr(request.ctx, "inline_hashes", ((), ()))
        for name, value in security.security_headers(
            request.path, app.ctx.rasa_public_url, styles, scripts
        ).items():
            response.headers[name] = value

    @app.exception(Exception)
    async def on_error(request: Request, exc: Exception) -> HTTPResponse:
        status = (
            getattr(exc, "status_code", 500) if isinstance(exc, SanicException) else 500
        )
        if status >= 500 and not isinstance(exc, StoreUnavailable):
            # The frames only: an exception's message can carry SQL parameters (personal data).
            log.error(
                "unhandled %s on %s %s\n%s",
                type(exc).__name__,
                request.method,
                request.route.path if request.route else "?",
                "".join(traceback.format_tb(exc.__traceback__)),
            )
        messages = {
            400: "That request could not be understood.",
            401: "Sign in required.",
            403: "That request was refused.",
            404: "Not found.",
            405: "Method not allowed.",
            413: "That request is too large.",
            503: StoreUnavailable.message,
        }
        message = messages.get(status, "Something went wrong on our side.")
        if wants_json(request):
            return json_error(status, message)
        return render(request, "error.html", status=status, message=message, staff=None)

    # --- rendering and auth helpers -------------------------------------------------------------
    def render(
        request: Request, template: str, status: int = 200, **context: Any
    ) -> HTTPResponse:
        context.setdefault("csrf_token", getattr(request.ctx, "csrf", ""))
        context.setdefault("staff", getattr(request.ctx, "staff", None))
        context.setdefault("nav", "")
        html = app.ctx.jinja.get_template(template).render(**context)
        return HTTPResponse(
            html, status=status, content_type="text/html; charset=utf-8"
        )

    def is_https(request: Request) -> bool:
        proto = (
            request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        )
        return (
            proto == "https"
            or request.scheme == "https"
            or str(getattr(settings, "inbox_public_url", ""))
            .lower()
            .startswith("https://")
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

    async def current_staff(request: Request) -> dict[str, Any] | None:
        session = app.ctx.signer.load(request.cookies.get(security.SESSION_COOKIE))
        if session is None:
            return None
        user = await call(app.ctx.store.get_user, session.staff_id)
        if not user or user.get("active") is False or user.get("disabled"):
            return None
        request.ctx.session = session
        request.ctx.staff = user
        request.ctx.csrf = app.ctx.signer.csrf_token(session.sid)
        return user

    def login_redirect(request: Request) -> HTTPResponse:
        target = request.path + (
            f"?{request.query_string}" if request.query_string else ""
        )
        return redirect("/inbox/login?next=" + quote(target, safe=""), status=303)

    def not_signed_in(request: Request) -> HTTPResponse:
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            return login_redirect(request)
        if request.method == "POST" and not wants_json(request):
            return login_redirect(request)
        return json_error(401, "sign in required")

    async def read_form(request: Request) -> dict[str, list[str]]:
        try:
            return parse_form(request.headers.get("content-type"), request.body)
        except BadForm as exc:
            raise SanicException("bad form", status_code=400) from exc

    def check_csrf(request: Request, form: dict[str, list[str]]) -> bool:
        session = getattr(request.ctx, "session", None)
        return session is not None and app.ctx.signer.csrf_ok(
            session.sid, first(form, "csrf_token")
        )

    def forbidden(request: Request) -> HTTPResponse:
        return render(
            request,
            "error.html",
            status=403,
            message="This form has expired or did not come from the inbox. Reload the page and try again.",
        )

    async def audit(
        staff: dict[str, Any] | None,
        action: str,
        lead_id: int | None = None,
        detail: str = "",
    ) -> None:
        try:
            await call(
                app.ctx.store.audit,
                staff["id"] if staff else None,
                action,
                lead_id=lead_id,
                detail=detail,
            )
        except Exception as exc:
            log.error("audit write failed for %s: %s", action, type(exc).__name__)
            raise

    async def load_lead(raw_id: str) -> dict[str, Any] | None:
        lead_id = parse_id(raw_id)
        if lead_id is None:
            return None
        return await call(app.ctx.store.get_lead, lead_id)

    def lead_filters(request: Request) -> dict[str, Any]:
        args = request.args
        filters: dict[str, Any] = {}
        status = (args.get("status") or "").strip()
        if status in STATUSES:
            filters["status"] = status
        outcome = (args.get("outcome") or "").strip()
        if outcome in OUTCOMES:
            filters["outcome"] = outcome
        channel = (args.get("channel") or "").strip()
        if re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", channel):
            filters["channel"] = channel
        state = (args.get("state") or "").strip().upper()
        if re.fullmatch(r"[A-Z]{2}", state):
            filters["state"] = state
        # NUL cannot be searched for in PostgreSQL (psycopg2 raises ValueError: a 500); drop it.
        q = (args.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY_CHARS]
        if q:
            filters["q"] = q
        return filters

    def filter_detail(filters: dict[str, Any]) -> str:
        # Filter values are enums, except the search text, which may be a client's name: not logged.
        parts = [f"{k}={v}" for k, v in filters.items() if k != "q"]
        if "q" in filters:
            parts.append("q=(search)")
        return " ".join(parts)

    # --- health and website ---------------------------------------------------------------------
    @app.get("/healthz")
    async def healthz(request: Request) -> HTTPResponse:
        return json_response({"ok": True})

    widget_dir = Path(os.environ.get("INBOX_WIDGET_DIR", "").strip() or WIDGET_DIR)

    def widget_file(
        request: Request,
        name: str,
        content_type: str,
        transform: Callable[[str], str] | None = None,
    ) -> HTTPResponse:
        path = widget_dir / name
        if not path.is_file():
            raise SanicException("not found", status_code=404)
        text = path.read_text(encoding="utf-8")
        if transform is not None:
            text = transform(text)
        if content_type.startswith("text/html"):
            request.ctx.inline_hashes = security.inline_hashes(text)
        return HTTPResponse(text, content_type=content_type)

    @app.get("/")
    async def demo_page(request: Request) -> HTTPResponse:
        url = app.ctx.rasa_public_url
        return widget_file(
            request,
            "demo.html",
            "text/html; charset=utf-8",
            lambda t: t.replace("{{RASA_PUBLIC_URL}}", url),
        )

    @app.get("/privacy")
    async def privacy_page(request: Request) -> HTTPResponse:
        return widget_file(request, "privacy.html", "text/html; charset=utf-8")

    @app.get("/widget.js")
    async def widget_js(request: Request) -> HTTPResponse:
        return widget_file(
            request, "widget.js", "application/javascript; charset=utf-8"
        )

    @app.get("/widget.css")
    async def widget_css(request: Request) -> HTTPResponse:
        return widget_file(request, "widget.css", "text/css; charset=utf-8")

    # --- login / logout -------------------------------------------------------------------------
    def safe_next(raw: str) -> str:
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
            csrf_token=app.ctx.signer.csrf_token("login:" + nonce),
            error=error,
            username=username,
            next_url=next_url,
            staff=None,
        )
        set_cookie(request, response, security.PRELOGIN_COOKIE, nonce, 3600)
        return response

    @app.get("/inbox/login")
    async def login_form(request: Request) -> HTTPResponse:
        if await current_staff(request):
            return redirect("/inbox", status=303)
        nonce = request.cookies.get(security.PRELOGIN_COOKIE) or ""
        if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", nonce):
            nonce = secrets.token_urlsafe(24)
        return login_page(
            request, nonce, next_url=safe_next(request.args.get("next", ""))
        )

    def recent_failures(username: str) -> int:
        now = time.time()
        window = [
            t for t in app.ctx.login_failures.get(username, []) if now - t < 15 * 60
        ]
        app.ctx.login_failures[username] = window
        return len(window)

    @app.post("/inbox/login")
    async def login_submit(request: Request) -> HTTPResponse:
        form = await read_form(request)
        nonce = request.cookies.get(security.PRELOGIN_COOKIE) or ""
        if not app.ctx.signer.csrf_ok(
            "login:" + nonce if nonce else "", first(form, "csrf_token")
        ):
            return forbidden(request)
        username = first(form, "username").strip()[:150]
        password = first(form, "password")[:1024]
        next_url = safe_next(first(form, "next"))
        if not username or not password:
            return login_page(
                request,
                nonce,
                400,
                "Enter your username and password.",
                username,
                next_url,
            )
        key = username.lower()
        try:
            user = await call(app.ctx.store.authenticate, username, password)
        except StoreUnavailable:
            raise
        except Exception as exc:  # never a 500 for a sign-in attempt
            log.warning("sign-in refused: %s", type(exc).__name__)
            user = None
        if user:
            app.ctx.login_failures.pop(key, None)
            session, cookie_value = app.ctx.signer.issue(user["id"])
            await audit(user, "login", detail="signed in")
            response = redirect(next_url, status=303)
            set_cookie(
                request,
                response,
                security.SESSION_COOKIE,
                cookie_value,
                int(security.session_hours() * 3600),
            )
            clear_cookie(request, response, security.PRELOGIN_COOKIE)
            return response
        # The store locks an account after 5 failures in 15 minutes; an unknown username gets the
        # same message after as many tries here, so the message does not tell which names exist.
        app.ctx.login_failures.setdefault(key, []).append(time.time())
        known = await call(app.ctx.store.get_user_by_username, username)
        locked = bool(known and known.get("locked")) or (
            known is None and recent_failures(key) >= 5
        )
        if locked:
            error = (
                "Too many failed sign-in attempts: this account is locked for 15 minutes. "
                "Ask an administrator if you need access sooner."
            )
        else:
            error = "That username and password do not match."
        await audit(
            known,
            "login_locked" if locked else "login_failed",
            detail="sign-in refused",
        )
        return login_page(request, nonce, 401, error, username, next_url)

    @app.post("/inbox/logout")
    async def logout(request: Request) -> HTTPResponse:
        staff = await current_staff(request)
        if staff is None:
            return redirect("/inbox/login", status=303)
        form = await read_form(request)
        if not check_csrf(request, form):
            return forbidden(request)
        app.ctx.signer.revoke(request.ctx.session)
        await audit(staff, "logout", detail="signed out")
        response = redirect("/inbox/login", status=303)
        clear_cookie(request, response, security.SESSION_COOKIE)
        return response

    # --- the lead list --------------------------------------------------------------------------
    @app.get("/inbox")
    async def lead_list(request: Request) -> HTTPResponse:
        staff = await current_staff(request)
        if staff is None:
            return not_signed_in(request)
        filters = lead_filters(request)
        leads = await call(app.ctx.store.list_leads, **filters)
        everything = await call(app.ctx.store.list_leads) if filters else leads
        users = await call(app.ctx.store.list_users)
        counts = {s: 0 for s in STATUSES}
        channels = set()
        states = set()
        for lead in everything:
            counts[lead.get("status")] = counts.get(lead.get("status"), 0) + 1
            if lead.get("channel"):
                channels.add(str(lead["channel"]))
            if lead.get("state"):
                states.add(str(lead["state"]))
        await audit(staff, "view_leads", detail=filter_detail(filters) or "all")
        export_query = urlencode(filters)
        return render(
            request,
            "leads.html",
            nav="leads",
            leads=leads,
            filters=filters,
            counts=counts,
            total=len(everything),
            channels=sorted(channels),
            states=sorted(states),
            users={u["id"]: u for u in users},
            export_url="/inbox/leads.csv"
            + (f"?{export_query}" if export_query else ""),
            limited=len(leads) >= 500,
        )

    @app.get("/inbox/leads.csv")
    async def lead_csv(request: Request) -> HTTPResponse:
        staff = await current_staff(request)
        if staff is None:
            return not_signed_in(request)
        filters = lead_filters(request)
        leads = await call(app.ctx.store.list_leads, **filters)
        users = {u["id"]: u for u in await call(app.ctx.store.list_users)}
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for lead in leads:
            row = []
            for column in CSV_COLUMNS:
                value = lead.get(column)
                if column == "assigned_to" and value in users:
                    value = users[value].get("display_name") or users[value].get(
                        "username"
                    )
                row.append(csv_cell(value))
            writer.writerow(row)
        await audit(
            staff,
            "export_csv",
            detail=f"{len(leads)} leads {filter_detail(filters)}".strip(),
        )
        stamp = datetime.utcnow().strftime("%Y%m%d-%H%M")
        return HTTPResponse(
            "\ufeff" + buffer.getvalue(),
            content_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="leads-{stamp}.csv"'
            },
        )

    # --- one lead -------------------------------------------------------------------------------
    async def lead_transcript(lead: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
        rows: list[dict[str, Any]] = []
        source = "tracker"
        if lead.get("conversation_id"):
            try:
                from bot.leads.transcripts import transcript

                url = getattr(settings, "tracker_store_url", None) or None
                rows = normalise_transcript(
                    await call(transcript, lead["conversation_id"], url)
                )
            except StoreUnavailable:
                rows = []
            except Exception as exc:
                log.warning("transcript unavailable: %s", type(exc).__name__)
                rows = []
        if not rows:
            rows = normalise_transcript(lead.get("transcript_snapshot"))
            source = "snapshot" if rows else "none"
        return rows, source

    @app.get("/inbox/leads/<lead_id>")
    async def lead_page(request: Request, lead_id: str) -> HTTPResponse:
        staff = await current_staff(request)
        if staff is None:
            return not_signed_in(request)
        lead = await load_lead(lead_id)
        if lead is None:
            raise SanicException("not found", status_code=404)
        store = app.ctx.store
        messages, source = await lead_transcript(lead)
        notes = await call(store.notes, lead["id"])
        history = await call(store.status_history, lead["id"])
        attempts = await call(store.notification_attempts, lead["id"])
        users = await call(store.list_users)
        audit_rows = await call(store.audit_log, lead_id=lead["id"])
        await audit(staff, "view_lead", lead_id=lead["id"], detail="opened lead")
        user_map = {u["id"]: u for u in users}
        return render(
            request,
            "lead.html",
            nav="leads",
            lead=lead,
            messages=messages,
            transcript_source=source,
            notes=notes,
            history=history,
            attempts=attempts,
            users=users,
            user_map=user_map,
            audit_rows=audit_rows,
            caveats=caveat_list(lead.get("caveats")),
            next_statuses=NEXT_STATUSES.get(lead.get("status"), ()),
            flash=MESSAGES.get(request.args.get("done", "")),
            urgent=is_urgent(lead),
        )

    async def lead_post(request: Request, lead_id: str):
        """Shared checks for a change to a lead: session, form, CSRF, the lead exists."""
        staff = await current_staff(request)
        if staff is None:
            return None, None, None, not_signed_in(request)
        form = await read_form(request)
        if not check_csrf(request, form):
            return None, None, None, forbidden(request)
        lead = await load_lead(lead_id)
        if lead is None:
            raise SanicException("not found", status_code=404)
        return staff, form, lead, None

    def back_to(lead: dict[str, Any], done: str, anchor: str = "") -> HTTPResponse:
        return redirect(f"/inbox/leads/{lead['id']}?done={done}{anchor}", status=303)

    @app.post("/inbox/leads/<lead_id>/status")
    async def change_status(request: Request, lead_id: str) -> HTTPResponse:
        staff, form, lead, refusal = await lead_post(request, lead_id)
        if refusal is not None:
            return refusal
        status = first(form, "status")
        if status not in STATUSES:
            raise SanicException("bad status", status_code=400)
        if status != lead.get("status"):
            try:
                await call(app.ctx.store.set_status, lead["id"], status, staff["id"])
            except ValueError as exc:
                raise SanicException("bad status", status_code=400) from exc
            await audit(
                staff,
                "set_status",
                lead_id=lead["id"],
                detail=f"{lead.get('status')} -> {status}",
            )
        return back_to(lead, "status")

    @app.post("/inbox/leads/<lead_id>/notes")
    async def add_note(request: Request, lead_id: str) -> HTTPResponse:
        staff, form, lead, refusal = await lead_post(request, lead_id)
        if refusal is not None:
            return refusal
        text = first(form, "text").replace("\r\n", "\n").strip()
        if not text or len(text) > MAX_NOTE_CHARS:
            raise SanicException("bad note", status_code=400)
        await call(app.ctx.store.add_note, lead["id"], staff["id"], text)
        await audit(
            staff,
            "add_note",
            lead_id=lead["id"],
            detail=f"note of {len(text)} characters",
        )
        return back_to(lead, "note", "#notes")

    @app.post("/inbox/leads/<lead_id>/assign")
    async def assign(request: Request, lead_id: str) -> HTTPResponse:
        staff, form, lead, refusal = await lead_post(request, lead_id)
        if refusal is not None:
            return refusal
        raw = first(form, "staff_id").strip()
        if raw == "":
            target = None
        else:
            target = parse_id(raw)
            if target is None or not await call(app.ctx.store.get_user, target):
                raise SanicException("unknown staff member", status_code=400)
        await call(app.ctx.store.assign, lead["id"], target)
        await audit(
            staff,
            "assign",
            lead_id=lead["id"],
            detail=f"assigned to staff #{target}"
            if target is not None
            else "unassigned",
        )
        return back_to(lead, "assign")

    # --- SMS opt-outs ---------------------------------------------------------------------------
    @app.get("/inbox/opt-outs")
    async def opt_outs(request: Request) -> HTTPResponse:
        staff = await current_staff(request)
        if staff is None:
            return not_signed_in(request)
        rows = await call(app.ctx.store.list_opt_outs)
        await audit(staff, "view_opt_outs", detail=f"{len(rows)} opt-outs")
        return render(request, "opt_outs.html", nav="opt-outs", rows=rows)

    # --- read API -------------------------------------------------------------------------------
    def api_authorised(request: Request) -> bool:
        expected = str(getattr(settings, "inbox_api_token", "") or "")
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return security.constant_time_equals(token.strip(), expected)

    def api_lead(lead: dict[str, Any]) -> dict[str, Any]:
        return {key: lead.get(key) for key in LEAD_KEYS}

    @app.get("/api/leads")
    async def api_leads(request: Request) -> HTTPResponse:
        if not api_authorised(request):
            return json_error(401, "missing or invalid bearer token")
        filters = lead_filters(request)
        leads = await call(app.ctx.store.list_leads, **filters)
        leads = sorted(
            leads,
            key=lambda lead: (str(lead.get("created_at") or ""), lead.get("id") or 0),
            reverse=True,
        )
        await audit(
            None,
            "api_list_leads",
            detail=f"{len(leads)} leads {filter_detail(filters)}".strip(),
        )
        return json_response([api_lead(lead) for lead in leads])

    @app.get("/api/leads/<lead_id>")
    async def api_lead_detail(request: Request, lead_id: str) -> HTTPResponse:
        if not api_authorised(request):
            return json_error(401, "missing or invalid bearer token")
        lead = await load_lead(lead_id)
        if lead is None:
            return json_error(404, "lead not found")
        messages, _source = await lead_transcript(lead)
        body = api_lead(lead)
        body["transcript"] = [
            {"at": m["at"], "from": m["from"], "text": m["text"]} for m in messages
        ]
        await audit(None, "api_get_lead", lead_id=lead["id"], detail="read by API")
        return json_response(body)

    return app


def wants_json(request: Request) -> bool:
    path = request.path
    if (
        path.startswith("/api/")
        or path == "/api"
        or path == "/healthz"
        or path.endswith(".csv")
    ):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _is_db_down(exc: Exception) -> bool:
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


async def background_loop(app: Sanic) -> None:
    """Every few seconds: write spooled leads, then send due notifications; about once an hour,
    remove conversations older than RETENTION_DAYS that never became leads. Never dies."""
    interval = float(os.environ.get("INBOX_BACKGROUND_SECONDS", "5") or 5)
    settings = app.ctx.settings
    next_purge = 0.0
    while True:
        await asyncio.sleep(interval)
        store = app.ctx.store
        if store is None:
            continue
        jobs = [("spool drain", _drain), ("outbox", _outbox)]
        if time.monotonic() >= next_purge:
            next_purge = time.monotonic() + 3600
            jobs.append(("retention purge", _purge))
        for name, job in jobs:
            try:
                done = await app.ctx.call(job, store, settings)
                if done:
                    log.info("%s: %s item(s)", name, done)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # logged without personal data: the type only
                log.warning("%s failed: %s", name, type(exc).__name__)


def _drain(store: Any, settings: Any) -> int:
    from bot.leads.spool import drain_spool

    return drain_spool(store) or 0


def _purge(store: Any, settings: Any) -> int:
    days = getattr(settings, "retention_days", 0)
    return store.purge_stale_conversations(days) or 0 if days and days > 0 else 0


def _outbox(store: Any, settings: Any) -> int:
    from bot.leads.outbox import process_due

    return process_due(store, settings) or 0
