"""The morning queue: how long a lead has waited, whether the firm's promise to call it back is
broken, which leads need a call now, and which leads are the same person.

A lead awaits its first contact while its status is ``new`` (the first move out of ``new`` is
the first contact, ``LeadStore.first_contact_times``). Its promise is ``CONTACT_PROMISE_HOURS``
after it arrived, ``URGENT_CONTACT_PROMISE_HOURS`` for an urgent lead (``alerts.urgency_reasons``),
counted in wall-clock hours; past it, an uncontacted lead is overdue. A lead needs a call now
when it awaits contact and is urgent or overdue. Pure functions: ``now`` is naive UTC.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.leads import alerts, firmtime
from bot.leads import vocabulary as v


def is_urgent(lead: dict) -> bool:
    return bool(alerts.urgency_reasons(lead))


def promise(lead: dict, settings: Any) -> timedelta:
    hours = (
        settings.urgent_contact_promise_hours
        if is_urgent(lead)
        else settings.contact_promise_hours
    )
    return timedelta(hours=float(hours))


@dataclass(frozen=True)
class Clock:
    """Where a lead stands against the promise: its age, when it is due, whether overdue."""

    age: timedelta
    due_at: datetime  # aware UTC
    awaiting: bool  # not contacted yet
    overdue: bool

    @property
    def age_text(self) -> str:
        return firmtime.fmt_age(self.age)

    def overdue_by(self, now: datetime) -> str:
        return firmtime.fmt_age(firmtime.as_utc(now) - self.due_at)


def clock(lead: dict, settings: Any, now: datetime) -> Clock:
    created = firmtime.as_utc(lead["created_at"])
    due_at = created + promise(lead, settings)
    awaiting = lead.get("status") == v.INITIAL_STATUS
    return Clock(
        age=firmtime.as_utc(now) - created,
        due_at=due_at,
        awaiting=awaiting,
        overdue=awaiting and firmtime.as_utc(now) > due_at,
    )


def needs_call_now(lead: dict, settings: Any, now: datetime) -> bool:
    c = clock(lead, settings, now)
    return c.awaiting and (c.overdue or is_urgent(lead))


def call_now_order(leads: Iterable[dict], settings: Any, now: datetime) -> list[dict]:
    """The leads that need a call now, the one whose promise ran out first at the top."""
    chosen = [lead for lead in leads if needs_call_now(lead, settings, now)]
    return sorted(chosen, key=lambda lead: clock(lead, settings, now).due_at)


# --- duplicates ---------------------------------------------------------------------------------
def contact_keys(lead: dict) -> set[str]:
    """What identifies the person: the phone's digits and the email, lower-cased."""
    keys = set()
    digits = re.sub(r"\D", "", lead.get("contact_phone") or "")
    if len(digits) >= 7:
        keys.add("phone:" + digits[-10:])
    email = (lead.get("contact_email") or "").strip().lower()
    if "@" in email:
        keys.add("email:" + email)
    return keys


def duplicates(leads: Iterable[dict]) -> dict[int, list[dict]]:
    """For every lead that shares a phone or an email with another, those others (oldest
    first); leads without a duplicate are left out."""
    leads = list(leads)
    by_key: dict[str, list[dict]] = defaultdict(list)
    for lead in leads:
        for key in contact_keys(lead):
            by_key[key].append(lead)
    found: dict[int, dict[int, dict]] = defaultdict(dict)
    for group in by_key.values():
        if len(group) < 2:
            continue
        for lead in group:
            for other in group:
                if other["id"] != lead["id"]:
                    found[lead["id"]][other["id"]] = other
    return {
        lead_id: sorted(others.values(), key=lambda o: (o["created_at"], o["id"]))
        for lead_id, others in found.items()
    }
