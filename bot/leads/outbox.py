"""The notification outbox: deliver what ``create_lead`` queued, with retries.

``create_lead`` writes one outbox row per channel (``email``; ``clio`` when Clio forwarding is
on) in the lead's own transaction, so a lead is never stored without its notifications and a
notification never announces a lead that was rolled back. ``process_due`` sends the rows that are
due, records every attempt (``LeadStore.notification_attempts``) and reschedules failures with
exponential backoff: 1, 2, 4, 8, 16, 32 minutes, then hourly, giving up after ``MAX_ATTEMPTS``
(the row is marked ``failed`` and the last attempt's error says so; ``LeadStore.retry_notification``
puts it back), or at once when the error is permanent (``notify.PermanentNotifyError``: Twilio
refusing a malformed number). The on-call alerts (``bot.leads.alerts``) are rows like any
other, one per number or address. Several processes may run it at once: a row is claimed with a conditional UPDATE
before it is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.leads import alerts, invite, notify
from bot.leads.store import LeadStore, utcnow

logger = logging.getLogger(__name__)

BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=1)
MAX_ATTEMPTS = 20
LEASE = timedelta(minutes=5)  # a claimed row is not retried by others for this long

SENDERS: dict[str, Callable[[dict, Any], None]] = {
    "email": notify.send_email,
    "clio": notify.send_to_clio,
}
# The on-call alerts: one row per number or address, kept in the row's ``target``; their
# channels are ``alert_sms:<n>`` and ``alert_email:<n>`` (``alerts.channel_kind``).
TARGET_SENDERS: dict[str, Callable[[dict, Any, str | None], None]] = {
    alerts.SMS_CHANNEL: alerts.send_sms_alert,
    alerts.EMAIL_CHANNEL: alerts.send_email_alert,
}


# Rows about no one lead (``lead_id`` None): the weekly insights summary, to ``target``.
REPORT_SENDERS: dict[str, Callable[[Any, dict, Any], None]] = {}


def _send_report(store: LeadStore, row: dict, settings: Any) -> None:
    if not REPORT_SENDERS:
        from bot.leads import weekly

        REPORT_SENDERS[weekly.CHANNEL] = weekly.send_summary
    sender = REPORT_SENDERS.get(row["channel"])
    if sender is None:
        raise notify.NotifyError(f"unknown channel {row['channel']!r}")
    sender(store, row, settings)


def _send(row: dict, lead: dict, settings: Any) -> None:
    sender = SENDERS.get(row["channel"])
    if sender is not None:
        sender(lead, settings)
        return
    if alerts.channel_kind(row["channel"]) == invite.CHANNEL:
        # The person's calendar invitation: ``invite:<sequence>``, what to send in ``target``.
        invite.send_invite(lead, settings, row.get("target"), row["channel"])
        return
    target_sender = TARGET_SENDERS.get(alerts.channel_kind(row["channel"]))
    if target_sender is None:
        raise notify.NotifyError(f"unknown channel {row['channel']!r}")
    target_sender(lead, settings, row.get("target"))


def backoff(attempt: int) -> timedelta:
    """Delay after failed attempt number ``attempt`` (1-based): 1 min, doubling, capped at 1 h."""
    return min(BASE_DELAY * (2 ** max(attempt - 1, 0)), MAX_DELAY)


def process_due(
    store: LeadStore,
    settings: Any = None,
    now: datetime | None = None,
    limit: int = 50,
) -> int:
    """Send every notification due at ``now`` (naive UTC; default: now); returns how many were
    delivered. ``settings`` defaults to ``actions.config.settings()``."""
    if settings is None:
        from actions.config import settings as get_settings

        settings = get_settings()
    now = now or utcnow()
    sent = 0
    for row in store.due_notifications(now, limit=limit):
        if not store.claim_notification(row, now + LEASE):
            continue  # another process took it
        found = (
            {"reference": row["channel"]}  # about no one lead: what the log lines name
            if row["lead_id"] is None
            else store.get_lead(row["lead_id"])
        )
        if found is None:
            continue  # erased meanwhile (its outbox rows went with it)
        lead: dict[str, Any] = found
        error: str | None = None
        permanent = False
        try:
            if row["lead_id"] is None:
                _send_report(store, row, settings)
            else:
                _send(row, lead, settings)
        except Exception as exc:
            error = notify.describe_error(exc)
            permanent = bool(getattr(exc, "permanent", False))
        attempt_no = row["attempts"] + 1
        if error is None:
            store.record_attempt(row, True, None, now, None)
            sent += 1
            logger.info(
                "lead %s: %s notification sent (attempt %s)",
                lead["reference"],
                row["channel"],
                attempt_no,
            )
            continue
        give_up = attempt_no >= MAX_ATTEMPTS or permanent
        if give_up:
            error = f"{error} (gave up after {attempt_no} attempts)"
        store.record_attempt(
            row, False, error, now, now + backoff(attempt_no), give_up=give_up
        )
        log = logger.error if give_up else logger.warning
        log(
            "lead %s: %s notification failed (attempt %s): %s",
            lead["reference"],
            row["channel"],
            attempt_no,
            error,
        )
    return sent
