"""The staff's lead pages: the list and its filters, the CSV export, one lead (facts, deadline,
transcript, notes, history) with its status, notes and assignment, and the SMS opt-outs.
Every route is for signed-in staff (``bot.inbox.auth``) and every view or change is audited.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from sanic import Blueprint, Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.inbox.auth import staff_form, staff_only
from bot.inbox.present import (
    CASE_STRENGTHS,
    NEXT_STATUSES,
    OUTCOMES,
    STATUSES,
    caveat_list,
    is_urgent,
    leads_csv,
    normalise_transcript,
    parse_id,
    render,
)
from bot.inbox.security import first
from bot.inbox.storage import StoreUnavailable, audit, call, load_lead

log = logging.getLogger(__name__)

bp = Blueprint("inbox_leads")

MAX_NOTE_CHARS = 5000
MAX_QUERY_CHARS = 200
LIST_LIMIT = 500  # the store returns at most this many; the page says when it is cut
MESSAGES = {
    "status": "Status updated.",
    "note": "Note added.",
    "assign": "Assignment saved.",
}


# --- filters and transcripts (also used by the read API) ----------------------------------------
def lead_filters(request: Request) -> dict[str, Any]:
    """The list filters in the query string that are valid; anything else is ignored."""
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
    # The case evaluation: its strength, leads with a conflict hit, strong first.
    strength = (args.get("strength") or "").strip()
    if strength in CASE_STRENGTHS:
        filters["strength"] = strength
    if (args.get("conflicts") or "").strip().lower() in ("1", "on", "yes", "true"):
        filters["conflicts"] = True
    if (args.get("sort") or "").strip() == "strength":
        filters["sort"] = "strength"
    # NUL cannot be searched for in PostgreSQL (psycopg2 raises ValueError: a 500); drop it.
    q = (args.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY_CHARS]
    if q:
        filters["q"] = q
    return filters


def filter_detail(filters: dict[str, Any]) -> str:
    """The filters for the audit log. Values are enums, except the search text, which may be a
    client's name: that is not logged."""
    parts = [f"{k}={v}" for k, v in filters.items() if k != "q"]
    if "q" in filters:
        parts.append("q=(search)")
    return " ".join(parts)


async def lead_transcript(
    app: Sanic, lead: dict[str, Any]
) -> tuple[list[dict[str, Any]], str]:
    """The conversation from the tracker store, else the lead's saved copy; and which it was."""
    rows: list[dict[str, Any]] = []
    source = "tracker"
    if lead.get("conversation_id"):
        try:
            from bot.leads.transcripts import transcript

            url = getattr(app.ctx.settings, "tracker_store_url", None) or None
            rows = normalise_transcript(
                await call(app, transcript, lead["conversation_id"], url)
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


# --- the list -----------------------------------------------------------------------------------
@bp.get("/inbox")
@staff_only
async def lead_list(request: Request) -> HTTPResponse:
    app, store = request.app, request.app.ctx.store
    filters = lead_filters(request)
    leads = await call(app, store.list_leads, **filters)
    everything = await call(app, store.list_leads) if filters else leads
    users = await call(app, store.list_users)
    conflict_list_size = await call(app, store.conflict_list_size)
    counts = {s: 0 for s in STATUSES}
    channels = set()
    states = set()
    for lead in everything:
        counts[lead.get("status")] = counts.get(lead.get("status"), 0) + 1
        if lead.get("channel"):
            channels.add(str(lead["channel"]))
        if lead.get("state"):
            states.add(str(lead["state"]))
    await audit(
        app, request.ctx.staff, "view_leads", detail=filter_detail(filters) or "all"
    )
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
        export_url="/inbox/leads.csv" + (f"?{export_query}" if export_query else ""),
        limited=len(leads) >= LIST_LIMIT,
        conflict_list_size=conflict_list_size,
    )


@bp.get("/inbox/leads.csv")
@staff_only
async def lead_csv(request: Request) -> HTTPResponse:
    app, store = request.app, request.app.ctx.store
    filters = lead_filters(request)
    leads = await call(app, store.list_leads, **filters)
    users = {u["id"]: u for u in await call(app, store.list_users)}
    body = leads_csv(leads, users)
    await audit(
        app,
        request.ctx.staff,
        "export_csv",
        detail=f"{len(leads)} leads {filter_detail(filters)}".strip(),
    )
    stamp = datetime.utcnow().strftime("%Y%m%d-%H%M")
    return HTTPResponse(
        body,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="leads-{stamp}.csv"'},
    )


# --- one lead -----------------------------------------------------------------------------------
async def lead_or_404(app: Sanic, lead_id: str) -> dict[str, Any]:
    lead = await load_lead(app, lead_id)
    if lead is None:
        raise SanicException("not found", status_code=404)
    return lead


def back_to(lead: dict[str, Any], done: str, anchor: str = "") -> HTTPResponse:
    return redirect(f"/inbox/leads/{lead['id']}?done={done}{anchor}", status=303)


@bp.get("/inbox/leads/<lead_id>")
@staff_only
async def lead_page(request: Request, lead_id: str) -> HTTPResponse:
    app, store = request.app, request.app.ctx.store
    lead = await lead_or_404(app, lead_id)
    messages, source = await lead_transcript(app, lead)
    notes = await call(app, store.notes, lead["id"])
    history = await call(app, store.status_history, lead["id"])
    attempts = await call(app, store.notification_attempts, lead["id"])
    users = await call(app, store.list_users)
    audit_rows = await call(app, store.audit_log, lead_id=lead["id"])
    await audit(
        app, request.ctx.staff, "view_lead", lead_id=lead["id"], detail="opened lead"
    )
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
        user_map={u["id"]: u for u in users},
        audit_rows=audit_rows,
        caveats=caveat_list(lead.get("caveats")),
        next_statuses=NEXT_STATUSES.get(lead.get("status") or "", ()),
        flash=MESSAGES.get(request.args.get("done", "")),
        urgent=is_urgent(lead),
    )


@bp.post("/inbox/leads/<lead_id>/status")
@staff_form
async def change_status(request: Request, lead_id: str, form: dict) -> HTTPResponse:
    app, staff = request.app, request.ctx.staff
    lead = await lead_or_404(app, lead_id)
    status = first(form, "status")
    if status not in STATUSES:
        raise SanicException("bad status", status_code=400)
    if status != lead.get("status"):
        try:
            await call(app, app.ctx.store.set_status, lead["id"], status, staff["id"])
        except ValueError as exc:
            raise SanicException("bad status", status_code=400) from exc
        await audit(
            app,
            staff,
            "set_status",
            lead_id=lead["id"],
            detail=f"{lead.get('status')} -> {status}",
        )
    return back_to(lead, "status")


@bp.post("/inbox/leads/<lead_id>/notes")
@staff_form
async def add_note(request: Request, lead_id: str, form: dict) -> HTTPResponse:
    app, staff = request.app, request.ctx.staff
    lead = await lead_or_404(app, lead_id)
    text = first(form, "text").replace("\r\n", "\n").strip()
    if not text or len(text) > MAX_NOTE_CHARS:
        raise SanicException("bad note", status_code=400)
    await call(app, app.ctx.store.add_note, lead["id"], staff["id"], text)
    # The note's length only: its text may carry health details.
    await audit(
        app,
        staff,
        "add_note",
        lead_id=lead["id"],
        detail=f"note of {len(text)} characters",
    )
    return back_to(lead, "note", "#notes")


@bp.post("/inbox/leads/<lead_id>/assign")
@staff_form
async def assign(request: Request, lead_id: str, form: dict) -> HTTPResponse:
    app, staff = request.app, request.ctx.staff
    lead = await lead_or_404(app, lead_id)
    raw = first(form, "staff_id").strip()
    if raw == "":
        target = None
    else:
        target = parse_id(raw)
        if target is None or not await call(app, app.ctx.store.get_user, target):
            raise SanicException("unknown staff member", status_code=400)
    await call(app, app.ctx.store.assign, lead["id"], target)
    await audit(
        app,
        staff,
        "assign",
        lead_id=lead["id"],
        detail="unassigned" if target is None else f"assigned to staff #{target}",
    )
    return back_to(lead, "assign")


# --- SMS opt-outs -------------------------------------------------------------------------------
@bp.get("/inbox/opt-outs")
@staff_only
async def opt_outs(request: Request) -> HTTPResponse:
    rows = await call(request.app, request.app.ctx.store.list_opt_outs)
    await audit(
        request.app, request.ctx.staff, "view_opt_outs", detail=f"{len(rows)} opt-outs"
    )
    return render(request, "opt_outs.html", nav="opt-outs", rows=rows)
