"""Urgent alerts: which new leads page the on-call staff at once, why a lead is urgent, and
what the page says.

``create_lead`` asks ``alert_targets`` which alerts a new lead needs and queues them in the
lead's own transaction, one outbox row per on-call number (channel ``alert_sms:<n>``) and per
on-call address (``alert_email:<n>``), the number or address kept in the row's ``target``; the
outbox (``bot.leads.outbox``) then sends and retries them like any notification. A lead alerts
when its screening is ``urgent``, and any lead does during ``ALERT_ALL_LEADS_HOURS`` (in
``FIRM_TIMEZONE``) when the firm sets them. On-call numbers are ``ALERT_SMS_TO`` (texted only
when Twilio is configured), addresses ``ALERT_EMAIL_TO``.

The SMS carries no health details and no contact data: the firm, the reference, the deadline
in days and the link to the lead, where staff sign in. The alert email follows the new-lead
email's rule (details only with ``EMAIL_INCLUDE_DETAILS``). Pure functions except the two
senders, which go through ``bot.leads.notify``'s clients.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from bot.leads import firmtime, notify
from bot.leads import vocabulary as v

logger = logging.getLogger(__name__)

SMS_CHANNEL = "alert_sms"
EMAIL_CHANNEL = "alert_email"
CHANNELS = (SMS_CHANNEL, EMAIL_CHANNEL)


# --- why a lead is urgent -----------------------------------------------------------------------
def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def urgency_reasons(lead: dict) -> list[str]:
    """Why a lead is urgent, in words staff act on (empty when it is not). A lead is urgent
    when its screening said so or its deadline is ``URGENT_DAYS`` away or nearer."""
    outcome = lead.get("outcome")
    days = lead.get("days_left")
    reasons: list[str] = []
    if isinstance(days, int) and 0 <= days <= v.URGENT_DAYS:
        when = "today" if days == 0 else f"in {_days(days)}"
        reasons.append(
            f"Filing deadline {when} ({lead.get('deadline') or 'estimated'})"
        )
    if outcome != v.URGENT:
        return reasons
    if isinstance(days, int) and days < 0:
        reasons.append(
            f"The deadline estimate passed {_days(-days)} ago, but the rules need a "
            "lawyer's review: an exception (discovery, minority, tolling) may still apply"
        )
    if lead.get("government_facility"):
        reasons.append(
            "A government facility: a notice of claim can be due within months"
        )
    if lead.get("limitation_status") == "needs_review" and not any(
        "review" in r for r in reasons
    ):
        reasons.append("The deadline needs a lawyer's review")
    if not reasons:
        reasons.append("Screened urgent by the assistant")
    return reasons


def urgency_summary(lead: dict) -> str:
    """The reasons as one line (list cells, CSV)."""
    return "; ".join(urgency_reasons(lead))


# --- who is alerted -----------------------------------------------------------------------------
def alert_reason(row: dict, settings: Any, now: datetime) -> str | None:
    """``"urgent"``, ``"hours"`` (any lead, inside ``ALERT_ALL_LEADS_HOURS``) or None."""
    if row.get("outcome") == v.URGENT:
        return "urgent"
    hours_text = getattr(settings, "alert_all_leads_hours", "") or ""
    if not hours_text.strip():
        return None
    try:
        hours = firmtime.parse_hours(hours_text)
    except ValueError:
        logger.warning("ALERT_ALL_LEADS_HOURS is malformed; only urgent leads alert")
        return None
    tz = firmtime.zone(getattr(settings, "firm_timezone", "UTC"))
    return "hours" if firmtime.is_open(now, hours, tz) else None


def sms_configured(settings: Any) -> bool:
    return bool(
        settings.twilio_account_sid
        and settings.twilio_auth_token
        and settings.twilio_from_number
    )


def alert_targets(row: dict, settings: Any, now: datetime) -> list[tuple[str, str]]:
    """The ``(channel, target)`` outbox rows a new lead's row needs: none unless it alerts."""
    if alert_reason(row, settings, now) is None:
        return []
    targets: list[tuple[str, str]] = []
    numbers = tuple(getattr(settings, "alert_sms_to", ()) or ())
    if numbers and not sms_configured(settings):
        logger.warning("ALERT_SMS_TO is set but Twilio is not configured: no SMS alert")
        numbers = ()
    for i, number in enumerate(numbers, start=1):
        targets.append((f"{SMS_CHANNEL}:{i}", number))
    for i, address in enumerate(getattr(settings, "alert_email_to", ()) or (), 1):
        targets.append((f"{EMAIL_CHANNEL}:{i}", address))
    return targets


def channel_kind(channel: str) -> str:
    """``"alert_sms:2"`` -> ``"alert_sms"``; other channels as they are."""
    return channel.partition(":")[0]


# --- what the alert says ------------------------------------------------------------------------
def _deadline_words(lead: dict) -> str:
    days = lead.get("days_left")
    if not isinstance(days, int):
        return "deadline unknown"
    if days < 0:
        return "deadline estimate passed, needs review"
    return "deadline today" if days == 0 else f"deadline in {_days(days)}"


def sms_text(lead: dict, settings: Any) -> str:
    """The on-call text: no health details, no contact data; the link to the lead."""
    head = "URGENT lead" if lead.get("outcome") == v.URGENT else "New lead"
    return (
        f"{settings.firm_name}: {head} {lead['reference']} ({_deadline_words(lead)}). "
        f"Call them now: {notify.lead_link(lead, settings)}"
    )


def email_message(lead: dict, settings: Any, to: str) -> EmailMessage:
    """The on-call email: the new-lead email, addressed to ``to``, with why it is urgent."""
    msg = notify.build_email(lead, settings)
    del msg["To"]
    msg["To"] = to
    urgent = lead.get("outcome") == v.URGENT
    del msg["Subject"]
    msg["Subject"] = (
        f"[{'URGENT' if urgent else 'New lead'}] Call now: {lead['reference']} "
        f"({_deadline_words(lead)})"
    )
    reasons = urgency_reasons(lead) if urgent else []
    lines = [
        "You are on call for new intake leads: please call this person now.",
        *(f"Why it is urgent: {reason}" for reason in reasons),
        "",
        notify.email_body(lead, settings),
    ]
    msg.set_content("\n".join(lines))
    return msg


# --- senders (the outbox calls them with the row's target) -------------------------------------
def send_sms_alert(lead: dict, settings: Any, target: str | None) -> None:
    if not target:
        raise notify.NotifyError("no on-call number")
    notify.send_sms(target, sms_text(lead, settings), settings)


def send_email_alert(lead: dict, settings: Any, target: str | None) -> None:
    if not target:
        raise notify.NotifyError("no on-call address")
    notify.send_message(email_message(lead, settings, target), settings)
