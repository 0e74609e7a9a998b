"""The staff inbox: leads, transcripts and status for the firm's intake team, plus the read API.

``create_app(settings)`` builds the Sanic app without any I/O; the lead store is opened, migrated and
the lead worker (``bot.leads.worker``: spool drain, notification outbox, retention) started
when the server starts, unless INBOX_RUN_WORKER=false because it runs alone.

Routes, by blueprint
  site    GET  /healthz                        {"ok": true}, no auth
          GET  /  /privacy  /widget.js  /widget.css   the website side (files in bot/widget/)
          GET  /inbox/static/<name>            the inbox's CSS, scripts and images
  auth    GET  /inbox/login  POST /inbox/login  POST /inbox/logout
  leads   GET  /inbox                          the lead list (filters: status outcome channel state q
                                               strength conflicts; sort=strength)
          GET  /inbox/leads.csv                the same list as CSV
          GET  /inbox/leads/<id>               one lead: facts, deadline, transcript, notes, history
          POST /inbox/leads/<id>/status|notes|assign
          GET  /inbox/opt-outs                 SMS opt-outs
  insights GET /inbox/insights  GET /inbox/insights.csv   the funnel, outcomes, first contact
  conflicts GET /inbox/conflicts  POST /inbox/conflicts   the firm's conflict list and its upload
  api     GET  /api/leads  GET /api/leads/<id> read API, bearer INBOX_API_TOKEN
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inbox import api, auth, conflicts, insights, leads, security, site, storage
from bot.inbox.present import jinja_environment, json_error, render, wants_json
from bot.inbox.security import SessionSigner
from bot.inbox.storage import StoreUnavailable

log = logging.getLogger(__name__)

ERROR_MESSAGES = {
    400: "That request could not be understood.",
    401: "Sign in required.",
    403: "That request was refused.",
    404: "Not found.",
    405: "Method not allowed.",
    413: "That request is too large.",
    503: StoreUnavailable.message,
}
MAX_BODY_BYTES = 64 * 1024

_app_counter = itertools.count(1)


def create_app(settings: Any = None) -> Sanic:
    """Build the inbox app. No I/O here: the store is opened when the server starts."""
    use_global_store = settings is None
    if settings is None:
        from actions.config import settings as load_settings

        settings = load_settings()

    app = Sanic(f"bot_inbox_{next(_app_counter)}", configure_logging=False)
    app.config.REQUEST_MAX_SIZE = int(
        getattr(settings, "inbox_max_body_bytes", MAX_BODY_BYTES)
    )
    app.config.KEEP_ALIVE_TIMEOUT = 15
    app.ctx.settings = settings
    app.ctx.use_global_store = use_global_store
    app.ctx.store = None
    app.ctx.executor = None
    app.ctx.call = partial(storage.call, app)
    app.ctx.signer = SessionSigner(
        settings.inbox_secret_key or "",
        float(getattr(settings, "inbox_session_hours", 8.0)),
    )
    app.ctx.rasa_public_url = (
        str(getattr(settings, "rasa_public_url", "") or "").strip()
        or "http://localhost:5005"
    )
    app.ctx.widget_dir = Path(getattr(settings, "inbox_widget_dir", site.WIDGET_DIR))
    app.ctx.login_guard = auth.LoginGuard(settings)  # sign-in throttle and lock-outs
    app.ctx.hash_executor = None  # password hashing's own threads (auth.py)
    app.ctx.sign_ins_waiting = 0
    app.ctx.jinja = jinja_environment(
        getattr(settings, "firm_name", "Intake"),
        getattr(settings, "firm_timezone", None) or "UTC",  # local time, labelled
    )

    app.blueprint([site.bp, auth.bp, leads.bp, api.bp, insights.bp, conflicts.bp])
    app.before_server_start(open_store)
    app.after_server_start(start_background)
    app.before_server_stop(stop_background)
    app.on_response(add_security_headers)
    app.exception(Exception)(on_error)
    return app


# --- lifecycle ----------------------------------------------------------------------------------
async def open_store(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
    app.ctx.executor = ThreadPoolExecutor(
        max_workers=4, thread_name_prefix="inbox-store"
    )
    # Sign-ins hash passwords here, so a burst of them does not queue staff pages.
    app.ctx.hash_executor = ThreadPoolExecutor(
        max_workers=int(getattr(app.ctx.settings, "inbox_login_hash_workers", 2) or 2),
        thread_name_prefix="inbox-hash",
    )
    from bot.leads.store import LeadStore, get_store

    if app.ctx.use_global_store:
        app.ctx.store = get_store()
    else:
        app.ctx.store = LeadStore(app.ctx.settings.database_url, app.ctx.settings)
    try:
        await app.ctx.call(app.ctx.store.migrate)
    except (
        Exception
    ) as exc:  # the spool keeps leads; the inbox shows 503 until the DB is back
        log.error("lead store migration failed: %s", type(exc).__name__)


async def start_background(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
    """The lead worker (spool, outbox, retention) in this process, unless it runs alone."""
    app.ctx.background = None
    if not getattr(app.ctx.settings, "inbox_run_worker", True) or app.ctx.store is None:
        return
    from bot.leads import worker

    app.ctx.stop_worker = asyncio.Event()
    app.ctx.background = loop.create_task(
        worker.run_forever(
            app.ctx.store,
            app.ctx.stop_worker,
            float(getattr(app.ctx.settings, "inbox_background_seconds", 5.0) or 5.0),
        )
    )


async def stop_background(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
    task = getattr(app.ctx, "background", None)
    if task is not None:
        app.ctx.stop_worker.set()
        try:
            await asyncio.wait_for(task, timeout=10)
        except (asyncio.CancelledError, asyncio.TimeoutError, Exception):
            task.cancel()
    for executor in (app.ctx.executor, app.ctx.hash_executor):
        if executor is not None:
            executor.shutdown(wait=False)


# --- every response -----------------------------------------------------------------------------
async def add_security_headers(request: Request, response: HTTPResponse) -> None:
    styles, scripts = getattr(request.ctx, "inline_hashes", ((), ()))
    for name, value in security.security_headers(
        request.path, request.app.ctx.rasa_public_url, styles, scripts
    ).items():
        response.headers[name] = value


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
    message = ERROR_MESSAGES.get(status, "Something went wrong on our side.")
    if wants_json(request):
        return json_error(status, message)
    return render(request, "error.html", status=status, message=message, staff=None)
