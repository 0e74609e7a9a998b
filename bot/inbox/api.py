"""The read API for the firm's other systems: ``GET /api/leads`` (the list, same filters as the
inbox) and ``GET /api/leads/<id>`` (one lead with its transcript), behind the bearer token
``INBOX_API_TOKEN``. No token configured means no access. Every read is audited.
"""

from __future__ import annotations

from typing import Any

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inbox import security
from bot.inbox.leads import filter_detail, lead_filters, lead_transcript
from bot.inbox.present import json_error, json_response
from bot.inbox.storage import audit, call, load_lead
from bot.leads import vocabulary

bp = Blueprint("inbox_api")

# What the API shows of a lead: every field of the vocabulary (not the transcript snapshot).
LEAD_KEYS = vocabulary.FIELD_NAMES
UNAUTHORISED = "missing or invalid bearer token"


def api_authorised(request: Request) -> bool:
    expected = str(getattr(request.app.ctx.settings, "inbox_api_token", "") or "")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return security.constant_time_equals(token.strip(), expected)


def api_lead(lead: dict[str, Any]) -> dict[str, Any]:
    return {key: lead.get(key) for key in LEAD_KEYS}


@bp.get("/api/leads")
async def api_leads(request: Request) -> HTTPResponse:
    if not api_authorised(request):
        return json_error(401, UNAUTHORISED)
    filters = lead_filters(request)
    leads = await call(request.app, request.app.ctx.store.list_leads, **filters)
    leads = sorted(
        leads,
        key=lambda lead: (str(lead.get("created_at") or ""), lead.get("id") or 0),
        reverse=True,
    )
    await audit(
        request.app,
        None,
        "api_list_leads",
        detail=f"{len(leads)} leads {filter_detail(filters)}".strip(),
    )
    return json_response([api_lead(lead) for lead in leads])


@bp.get("/api/leads/<lead_id>")
async def api_lead_detail(request: Request, lead_id: str) -> HTTPResponse:
    if not api_authorised(request):
        return json_error(401, UNAUTHORISED)
    lead = await load_lead(request.app, lead_id)
    if lead is None:
        return json_error(404, "lead not found")
    messages, _source = await lead_transcript(request.app, lead)
    body = api_lead(lead)
    body["transcript"] = [
        {"at": m["at"], "from": m["from"], "text": m["text"]} for m in messages
    ]
    await audit(
        request.app, None, "api_get_lead", lead_id=lead["id"], detail="read by API"
    )
    return json_response(body)
