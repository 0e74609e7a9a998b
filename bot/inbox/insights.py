"""The firm's insights page (``/inbox/insights``) and its CSV: the intake funnel by channel and
week, where people stop, outcomes by case type, state and channel, and the time to first
contact (``bot.leads.insights``), with server-drawn SVG charts (``bot.inbox.charts``) beside
the tables of their numbers. For signed-in staff; every view is audited. Counts only.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inbox.auth import staff_only
from bot.inbox.charts import bar_chart
from bot.inbox.present import (
    INCIDENT_LABELS,
    OUTCOME_LABELS,
    OUTCOMES,
    csv_cell,
    render,
)
from bot.inbox.storage import audit, call
from bot.leads import insights
from bot.leads.fields import utcnow

bp = Blueprint("inbox_insights")

WEEK_CHOICES = (1, 4, 8, 13, 26, 52)
DEFAULT_WEEKS = 8


def weeks_of(request: Request) -> int:
    raw = (request.args.get("weeks") or "").strip()
    return int(raw) if raw.isdigit() and int(raw) in WEEK_CHOICES else DEFAULT_WEEKS


async def compute(request: Request) -> tuple[insights.Insights, int]:
    app = request.app
    settings = app.ctx.settings
    weeks = weeks_of(request)
    tz_name = getattr(settings, "firm_timezone", "UTC")
    start, end = insights.period(weeks, utcnow(), tz_name)
    found = await call(
        app,
        insights.compute,
        app.ctx.store,
        getattr(settings, "tracker_store_url", None) or None,
        start,
        end,
        tz_name,
    )
    return found, weeks


def charts(found: insights.Insights) -> dict[str, Any]:
    funnel = [(label, [found.funnel.get(stage, 0)]) for stage, label in insights.STAGES]
    weekly = [
        (week, [counts["started"], counts["lead"]])
        for week, counts in found.by_week.items()
    ]
    channels = [
        (channel, [counts["started"], counts["lead"]])
        for channel, counts in found.by_channel.items()
    ]
    stops = [(question, [count]) for question, count in found.stops[:10]]
    outcome_charts = {
        key: bar_chart(
            f"chart-outcomes-{key}",
            f"Leads by {title.lower()}",
            [
                (
                    INCIDENT_LABELS.get(group, group)
                    if key == "incident_type"
                    else group,
                    [sum(counts.values())],
                )
                for group, counts in found.outcomes.get(key, {}).items()
            ],
        )
        for key, title in insights.BREAKDOWNS
    }
    contact = [
        (channel, [round(hours, 1)])
        for channel, (hours, _) in found.median_contact_by_channel().items()
    ]
    return {
        "funnel": bar_chart("chart-funnel", "The intake funnel", funnel),
        "weekly": bar_chart(
            "chart-weekly",
            "Chats started and leads written by week",
            weekly,
            series=("Chats started", "Leads written"),
        ),
        "channels": bar_chart(
            "chart-channels",
            "Chats started and leads written by channel",
            channels,
            series=("Chats started", "Leads written"),
        ),
        "stops": bar_chart("chart-stops", "Where people stop", stops),
        "outcomes": outcome_charts,
        "contact": bar_chart(
            "chart-contact",
            "Median hours to first contact by channel",
            contact,
            unit=" h",
        ),
    }


@bp.get("/inbox/insights")
@staff_only
async def insights_page(request: Request) -> HTTPResponse:
    found, weeks = await compute(request)
    await audit(
        request.app, request.ctx.staff, "view_insights", detail=f"{weeks} weeks"
    )
    return render(
        request,
        "insights.html",
        nav="insights",
        found=found,
        weeks=weeks,
        week_choices=WEEK_CHOICES,
        stages=insights.STAGES,
        breakdowns=insights.BREAKDOWNS,
        outcome_columns=[*OUTCOMES, "unscreened"],
        outcome_labels={**OUTCOME_LABELS, "unscreened": "Not screened"},
        charts=charts(found),
        fmt_hours=insights.fmt_hours,
        csv_url=f"/inbox/insights.csv?weeks={weeks}",
    )


@bp.get("/inbox/insights.csv")
@staff_only
async def insights_csv(request: Request) -> HTTPResponse:
    found, weeks = await compute(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "group", "measure", "value"])
    for row in insights.csv_rows(found):
        writer.writerow([csv_cell(cell) for cell in row])
    await audit(
        request.app, request.ctx.staff, "export_insights", detail=f"{weeks} weeks"
    )
    return HTTPResponse(
        "\ufeff" + buffer.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="insights-{weeks}w.csv"'
        },
    )
