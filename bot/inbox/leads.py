"""The staff's lead pages: the list and its filters, the CSV export, one lead (facts, deadline,
transcript, notes, history, SMS consent record) with its status, notes and assignment, and the
SMS opt-outs with the newest rows of the consent record.
Every route is for signed-in staff (``bot.inbox.auth``) and every view or change is audited.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sanic import Blueprint, Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.inbox.auth import safe_next, staff_form, staff_only
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
from bot.leads import alerts, firmtime
from bot.leads import queue as lead_queue
from bot.leads.fields import utcnow

log = logging.getLogger(__name__)

bp = Blueprint("inbox_leads")

MAX_NOTE_CHARS = 5000
MAX_QUERY_CHARS = 200
LIST_LIMIT = 500  # the store returns at most this many; the page says when it is cut
CONSENT_LIMIT = 200  # the newest rows of the SMS consent record on the opt-outs page
MESSAGES = {
    "status": "Status updated.",
    "note": "Note added.",
    "assign": "Assignment saved.",
    "bulk": "The selected leads were updated.",
}
CLOSED_STATUSES = ("declined", "referred")  # what "close selected" may set
MAX_BULK = 500


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


# --- the morning queue: mine, unassigned, overdue, a date range, "needs a call now" --------------
def queue_filters(request: Request) -> dict[str, str]:
    """The queue's filters in the query string: ``assigned`` (me|none), ``overdue`` (1),
    ``since``/``until`` (the firm's local days, YYYY-MM-DD) and ``view`` (now)."""
    args = request.args
    queue: dict[str, str] = {}
    assigned = (args.get("assigned") or "").strip()
    if assigned in ("me", "none"):
        queue["assigned"] = assigned
    if (args.get("overdue") or "").strip() == "1":
        queue["overdue"] = "1"
    for name in ("since", "until"):
        day = (args.get(name) or "").strip()
        try:
            queue[name] = date.fromisoformat(day).isoformat() if day else ""
        except ValueError:
            pass
        if not queue.get(name):
            queue.pop(name, None)
    if (args.get("view") or "").strip() == "now":
        queue["view"] = "now"
    return queue


def firm_zone(app: Sanic) -> Any:
    return firmtime.zone(getattr(app.ctx.settings, "firm_timezone", None))


async def select_leads(
    request: Request,
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, str]]:
    """The leads the list and the CSV show: the store's filters, then the queue's."""
    app, store = request.app, request.app.ctx.store
    filters = lead_filters(request)
    queue = queue_filters(request)
    tz = firm_zone(app)
    extra: dict[str, Any] = {}
    if queue.get("assigned") == "me":
        extra["assigned_to"] = request.ctx.staff["id"]
    elif queue.get("assigned") == "none":
        extra["unassigned"] = True
    if "since" in queue:
        extra["created_from"] = firmtime.day_start(queue["since"], tz)
    if "until" in queue:
        next_day = date.fromisoformat(queue["until"]) + timedelta(days=1)
        extra["created_before"] = firmtime.day_start(next_day.isoformat(), tz)
    leads = await call(app, store.list_leads, **filters, **extra)
    settings, now = app.ctx.settings, utcnow()
    if queue.get("overdue"):
        leads = [
            lead for lead in leads if lead_queue.clock(lead, settings, now).overdue
        ]
    if queue.get("view") == "now":
        leads = lead_queue.call_now_order(leads, settings, now)
    return leads, filters, queue


def queue_rows(
    leads: list[dict[str, Any]], everything: list[dict[str, Any]], settings: Any
) -> list[dict[str, Any]]:
    """Each lead with what the list shows beside it: its clock against the promise, why it is
    urgent, and the other leads of the same person."""
    now = utcnow()
    twins = lead_queue.duplicates(everything)
    return [
        {
            "lead": lead,
            "clock": lead_queue.clock(lead, settings, now),
            "reasons": alerts.urgency_reasons(lead),
            "duplicates": twins.get(lead["id"], []),
        }
        for lead in leads
    ]


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
    leads, filters, queue = await select_leads(request)
    everything = await call(app, store.list_leads)
    users = await call(app, store.list_users)
    settings, now = app.ctx.settings, utcnow()
    conflict_list_size = await call(app, store.conflict_list_size)
    counts = {s: 0 for s in STATUSES}
    channels = set()
    states = set()
    call_now = 0
    for lead in everything:
        counts[lead.get("status")] = counts.get(lead.get("status"), 0) + 1
        if lead.get("channel"):
            channels.add(str(lead["channel"]))
        if lead.get("state"):
            states.add(str(lead["state"]))
        call_now += lead_queue.needs_call_now(lead, settings, now)
    all_filters = {**filters, **queue}
    await audit(
        app,
        request.ctx.staff,
        "view_leads",
        detail=filter_detail(all_filters) or "all",
    )
    export_query = urlencode(all_filters)
    return render(
        request,
        "leads.html",
        nav="leads",
        leads=leads,
        rows=queue_rows(leads, everything, settings),
        filters=all_filters,
        counts=counts,
        total=len(everything),
        call_now=call_now,
        channels=sorted(channels),
        states=sorted(states),
        users={u["id"]: u for u in users},
        staff_list=users,
        export_url="/inbox/leads.csv" + (f"?{export_query}" if export_query else ""),
        limited=len(leads) >= LIST_LIMIT,
        flash=MESSAGES.get(request.args.get("done", "")),
        CLOSED_STATUSES=CLOSED_STATUSES,
        conflict_list_size=conflict_list_size,
    )


@bp.get("/inbox/leads.csv")
@staff_only
async def lead_csv(request: Request) -> HTTPResponse:
    app, store = request.app, request.app.ctx.store
    leads, filters, queue = await select_leads(request)
    users = {u["id"]: u for u in await call(app, store.list_users)}
    notes = await call(app, store.notes_for, [lead["id"] for lead in leads])
    body = leads_csv(leads, users, notes)
    await audit(
        app,
        request.ctx.staff,
        "export_csv",
        detail=f"{len(leads)} leads {filter_detail({**filters, **queue})}".strip(),
    )
    stamp = datetime.utcnow().strftime("%Y%m%d-%H%M")
    return HTTPResponse(
        body,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="leads-{stamp}.csv"'},
    )


# --- one lead -----------------------------------------------------------------------------------
def consent_phones(lead: dict[str, Any]) -> list[str]:
    """The numbers whose SMS consent record belongs on a lead's page: the phone given, and the
    number an SMS conversation came from."""
    phones = [lead.get("contact_phone") or ""]
    if lead.get("channel") == "sms":
        phones.append(lead.get("conversation_id") or "")
    return [p for p in phones if p]


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
    consent = await call(app, store.consent_history, consent_phones(lead))
    twins = await call(app, store.leads_sharing_contact, lead)
    contacts = await call(app, store.first_contact_times, [lead["id"]])
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
        consent=consent,
        caveats=caveat_list(lead.get("caveats")),
        next_statuses=NEXT_STATUSES.get(lead.get("status") or "", ()),
        flash=MESSAGES.get(request.args.get("done", "")),
        urgent=is_urgent(lead),
        clock=lead_queue.clock(lead, app.ctx.settings, utcnow()),
        reasons=alerts.urgency_reasons(lead),
        twins=twins,
        first_contact=contacts.get(lead["id"]),
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


# --- bulk assign and close (the morning queue) ---------------------------------------------------
@bp.post("/inbox/leads/bulk")
@staff_form
async def bulk_change(request: Request, form: dict) -> HTTPResponse:
    """Assign the selected leads to one person, or close them as declined or referred; every
    lead's change is audited as if made on its page."""
    app, staff = request.app, request.ctx.staff
    ids = [parse_id(raw) for raw in form.get("lead_id", [])]
    if not ids or len(ids) > MAX_BULK or any(i is None for i in ids):
        raise SanicException("select one or more leads", status_code=400)
    action = first(form, "action")
    store = app.ctx.store
    if action == "assign":
        raw = first(form, "staff_id").strip()
        target = None if raw == "" else parse_id(raw)
        if raw and (target is None or not await call(app, store.get_user, target)):
            raise SanicException("unknown staff member", status_code=400)
        for lead_id in ids:
            if await call(app, store.assign, lead_id, target):
                detail = (
                    "unassigned" if target is None else f"assigned to staff #{target}"
                )
                await audit(
                    app, staff, "assign", lead_id=lead_id, detail=detail + " (bulk)"
                )
    elif action == "close":
        status = first(form, "close_status")
        if status not in CLOSED_STATUSES:
            raise SanicException("bad status", status_code=400)
        for lead_id in ids:
            lead = await call(app, store.get_lead, lead_id)
            if lead is None or lead.get("status") == status:
                continue
            await call(app, store.set_status, lead_id, status, staff["id"])
            await audit(
                app,
                staff,
                "set_status",
                lead_id=lead_id,
                detail=f"{lead.get('status')} -> {status} (bulk)",
            )
    else:
        raise SanicException("unknown action", status_code=400)
    back = safe_next(first(form, "return_to") or "/inbox")
    return redirect(back + ("&" if "?" in back else "?") + "done=bulk", status=303)


# --- SMS opt-outs -------------------------------------------------------------------------------
@bp.get("/inbox/opt-outs")
@staff_only
async def opt_outs(request: Request) -> HTTPResponse:
    rows = await call(request.app, request.app.ctx.store.list_opt_outs)
    consent = await call(
        request.app, request.app.ctx.store.consent_history, None, CONSENT_LIMIT
    )
    await audit(
        request.app, request.ctx.staff, "view_opt_outs", detail=f"{len(rows)} opt-outs"
    )
    return render(
        request,
        "opt_outs.html",
        nav="opt-outs",
        rows=rows,
        consent=consent,
        consent_limit=CONSENT_LIMIT,
    )


# --- today's calls ------------------------------------------------------------------------------
@bp.get("/inbox/calls")
@staff_only
async def calls(request: Request) -> HTTPResponse:
    """The calls booked for one day in the firm's time zone (today unless ``?day=``), by time,
    with call and text links."""
    tz = firm_zone(request.app)
    today = datetime.now(tz).date()
    raw = (request.args.get("day") or "").strip()
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        day = today
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    rows = await call(request.app, request.app.ctx.store.callbacks_between, start, end)
    await audit(
        request.app,
        request.ctx.staff,
        "view_calls",
        detail=f"{len(rows)} calls on {day.isoformat()}",
    )
    return render(
        request,
        "calls.html",
        nav="calls",
        rows=rows,
        day=day,
        is_today=day == today,
        previous_day=(day - timedelta(days=1)).isoformat(),
        next_day=(day + timedelta(days=1)).isoformat(),
    )
