"""The firm's conflict list in the inbox: see it, and upload a new one (CSV), replacing the
list or adding to it. An upload re-checks every open lead; the list itself and every upload
are audit-logged (counts only, never names; the store writes the upload's row). The matching: ``bot.leads.conflicts``.

The upload is an ordinary form post (the CSV's text in a field; a small script fills it from
the chosen file, and staff without it can paste the text), so it goes through the same CSRF
and size checks as every other form of the inbox.
"""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.inbox.auth import staff_form, staff_only
from bot.inbox.present import render
from bot.inbox.security import first
from bot.inbox.storage import audit, call
from bot.leads.conflicts import ConflictListError, parse_conflict_csv
from bot.leads.vocabulary import CONFLICT_KINDS

bp = Blueprint("inbox_conflicts")

SHOWN = 500  # the page lists this many names at most


async def conflicts_page(
    request: Request, status: int = 200, error: str = "", done: str = ""
) -> HTTPResponse:
    app, store = request.app, request.app.ctx.store
    entries = await call(app, store.conflict_list, limit=SHOWN)
    size = await call(app, store.conflict_list_size)
    await audit(app, request.ctx.staff, "view_conflict_list", detail=f"{size} names")
    return render(
        request,
        "conflicts.html",
        status=status,
        nav="conflicts",
        entries=entries,
        size=size,
        shown=SHOWN,
        error=error,
        done=done,
    )


@bp.get("/inbox/conflicts")
@staff_only
async def conflict_list(request: Request) -> HTTPResponse:
    done = ""
    if request.args.get("done") == "upload":
        done = (
            f"List saved: {request.args.get('entries', '?')} names. "
            f"{request.args.get('checked', '?')} open leads re-checked, "
            f"{request.args.get('hits', '?')} with a possible conflict."
        )
    return await conflicts_page(request, done=done)


@bp.post("/inbox/conflicts")
@staff_form
async def upload(request: Request, form: dict) -> HTTPResponse:
    app, staff = request.app, request.ctx.staff
    mode = first(form, "mode")
    kind = first(form, "kind") or "client"
    if mode not in ("replace", "add") or kind not in CONFLICT_KINDS:
        return await conflicts_page(request, 400, error="Choose how to use the file.")
    try:
        entries = parse_conflict_csv(first(form, "csv"), default_kind=kind)
    except ConflictListError as exc:
        return await conflicts_page(request, 400, error=str(exc))
    result = await call(
        app,
        app.ctx.store.upload_conflict_list,
        entries,
        replace=mode == "replace",
        staff_id=staff["id"],
    )
    return redirect(
        f"/inbox/conflicts?done=upload&entries={result['entries']}"
        f"&checked={result['checked']}&hits={result['with_hits']}",
        status=303,
    )
