"""The weekly insights email: queued in the outbox (``python -m bot.leads insights --email``),
sent and retried by it like any notification. The row carries the recipient (``target``); the
week it covers is the firm's local week before the row was queued, so a retry sends the same
summary."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from bot.leads import insights, notify

CHANNEL = "weekly_summary"
NOT_WITHIN = timedelta(
    days=6
)  # one summary a week per recipient, however often it is asked


def recipients(settings: Any) -> tuple[str, ...]:
    return (settings.intake_email,) if settings.intake_email else ()


def queue(store: Any, settings: Any) -> int:
    """Queue this week's summary for every recipient; returns how many were queued."""
    return sum(
        store.queue_report(CHANNEL, address, NOT_WITHIN)
        for address in recipients(settings)
    )


def build(store: Any, row: dict, settings: Any) -> EmailMessage:
    tz_name = getattr(settings, "firm_timezone", "UTC")
    start, end = insights.last_week(row["created_at"], tz_name)
    found = insights.compute(store, settings.tracker_store_url, start, end, tz_name)
    link = f"{settings.inbox_public_url.rstrip('/')}/inbox/insights"
    msg = EmailMessage()
    msg["Subject"] = insights.weekly_summary_subject(found, settings.firm_name)
    msg["From"] = settings.mail_from
    msg["To"] = row["target"]
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    msg.set_content(insights.weekly_summary_text(found, settings.firm_name, link))
    return msg


def send_summary(store: Any, row: dict, settings: Any) -> None:
    if not row.get("target"):
        raise notify.NotifyError("no recipient")
    notify.send_message(build(store, row, settings), settings)
