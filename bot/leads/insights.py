"""What the firm learns from its intake: the funnel from chats to leads by channel and week,
the question where people stop, outcomes by case type, state and channel, and how fast the
firm makes its first contact. Computed from the stores the stack has: the Rasa tracker store's
events (``bot.leads.conversations``) and the lead store; nothing new runs.

The funnel's stages, per conversation with a message from the person in the period (counted
each on its own, so a stage never hides a later one): ``started`` (the person wrote), ``story``
(what happened: a description or a case type), ``facts`` (the state and the incident date),
``contact`` (a phone or an email), ``lead`` (a lead was written for the conversation; a partial
``incomplete`` lead does not count). A conversation without a lead stopped at the last question
the form asked (``requested_slot``), or before the first one. Weeks start on Monday in the
firm's time zone. Outcomes and the time to first contact are over the leads received in the
period (the first contact: the lead's first move out of ``new``).

``weekly_summary_*`` words it for the firm's weekly email (counts only: no names, no health
details), sent through the outbox by ``python -m bot.leads insights --email``.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from bot.leads import conversations, firmtime
from bot.leads import vocabulary as v

STAGES: tuple[tuple[str, str], ...] = (
    ("started", "Chats started"),
    ("story", "Story told"),
    ("facts", "Facts given"),
    ("contact", "Contact given"),
    ("lead", "Lead written"),
)
STAGE_LABELS = dict(STAGES)
BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("incident_type", "Case type"),
    ("state", "State"),
    ("channel", "Channel"),
)
BEFORE_FIRST_QUESTION = "(before the first question)"
INCOMPLETE = v.INCOMPLETE  # a partial lead's outcome (bot.leads.partial)
SLOT_LABELS = {f.slot: f.label for f in v.FIELDS if f.slot}


def question_label(slot: str | None) -> str:
    if not slot:
        return BEFORE_FIRST_QUESTION
    return SLOT_LABELS.get(slot) or slot.replace("_", " ").capitalize()


def stages_of(conv: conversations.Conversation, has_lead: bool) -> dict[str, bool]:
    return {
        "started": True,
        "story": conv.any_of("incident_description", "incident_type"),
        "facts": conv.has("state", "incident_date"),
        "contact": conv.any_of("contact_phone", "contact_email"),
        "lead": has_lead,
    }


def week_of(moment: datetime, tz: ZoneInfo) -> str:
    """The Monday (``YYYY-MM-DD``) of the firm's local week ``moment`` falls in."""
    day = firmtime.local(moment, tz).date()
    return (day - timedelta(days=day.weekday())).isoformat()


@dataclass
class Insights:
    start: datetime  # naive UTC, inclusive
    end: datetime  # naive UTC, exclusive
    timezone: str
    funnel: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, dict[str, int]] = field(default_factory=dict)
    by_week: dict[str, dict[str, int]] = field(default_factory=dict)
    stops: list[tuple[str, int]] = field(default_factory=list)  # (question, chats)
    outcomes: dict[str, dict[str, Counter]] = field(default_factory=dict)
    leads: int = 0
    contact_hours: list[float] = field(default_factory=list)
    contact_hours_by_channel: dict[str, list[float]] = field(default_factory=dict)

    @property
    def median_contact_hours(self) -> float | None:
        return statistics.median(self.contact_hours) if self.contact_hours else None

    def median_contact_by_channel(self) -> dict[str, tuple[float, int]]:
        return {
            channel: (statistics.median(hours), len(hours))
            for channel, hours in sorted(self.contact_hours_by_channel.items())
        }

    def rate(self, stage: str) -> float:
        started = self.funnel.get("started", 0)
        return self.funnel.get(stage, 0) / started if started else 0.0


def compute(
    store: Any,
    tracker_url: str | None,
    start: datetime,
    end: datetime,
    tz_name: str = "UTC",
) -> Insights:
    """The insights for conversations and leads from ``start`` to ``end`` (naive UTC)."""
    tz = firmtime.zone(tz_name)
    out = Insights(start=start, end=end, timezone=tz.key)
    leads = store.list_leads(created_from=start, created_before=end, limit=5000)
    start_ts = start.replace(tzinfo=timezone.utc).timestamp()
    end_ts = end.replace(tzinfo=timezone.utc).timestamp()
    chats = [
        c
        for c in conversations.read(tracker_url, since=start_ts)
        if c.started is not None and c.started < end_ts
    ]
    written = {
        lead["conversation_id"]
        for lead in store.list_leads(created_from=start, limit=5000)
        if lead.get("outcome") != INCOMPLETE
    }
    out.funnel = {stage: 0 for stage, _ in STAGES}
    stops: Counter = Counter()
    by_channel: dict[str, Counter] = defaultdict(Counter)
    by_week: dict[str, Counter] = defaultdict(Counter)
    for chat in chats:
        reached = stages_of(chat, chat.sender_id in written)
        channel = chat.channel or "unknown"
        week = week_of(datetime.fromtimestamp(chat.started or 0.0, timezone.utc), tz)
        for stage, done in reached.items():
            if done:
                out.funnel[stage] += 1
                by_channel[channel][stage] += 1
                by_week[week][stage] += 1
        if not reached["lead"]:
            stops[question_label(chat.asked)] += 1
    out.by_channel = {k: _stage_dict(c) for k, c in sorted(by_channel.items())}
    out.by_week = {k: _stage_dict(c) for k, c in sorted(by_week.items())}
    out.stops = sorted(stops.items(), key=lambda item: (-item[1], item[0]))

    real = [lead for lead in leads if lead.get("outcome") != INCOMPLETE]
    out.leads = len(real)
    for key, _ in BREAKDOWNS:
        table: dict[str, Counter] = defaultdict(Counter)
        for lead in real:
            table[str(lead.get(key) or "unknown")][
                lead.get("outcome") or "unscreened"
            ] += 1
        out.outcomes[key] = dict(sorted(table.items()))
    firsts = store.first_contact_times([lead["id"] for lead in real])
    for lead in real:
        first = firsts.get(lead["id"])
        if first is None:
            continue
        hours = (
            firmtime.as_utc(first) - firmtime.as_utc(lead["created_at"])
        ).total_seconds() / 3600
        out.contact_hours.append(hours)
        out.contact_hours_by_channel.setdefault(
            lead.get("channel") or "unknown", []
        ).append(hours)
    return out


def _stage_dict(counter: Counter) -> dict[str, int]:
    return {stage: counter.get(stage, 0) for stage, _ in STAGES}


def period(
    weeks: int, now: datetime, tz_name: str = "UTC"
) -> tuple[datetime, datetime]:
    """The last ``weeks`` whole local weeks up to and including the current one, as naive UTC
    ``(start, end)``: from a Monday's local midnight to now."""
    tz = firmtime.zone(tz_name)
    monday = date.fromisoformat(week_of(now, tz)) - timedelta(weeks=weeks - 1)
    return firmtime.day_start(monday.isoformat(), tz), now


def last_week(now: datetime, tz_name: str = "UTC") -> tuple[datetime, datetime]:
    """The previous whole local week (Monday to Monday) as naive UTC ``(start, end)``."""
    tz = firmtime.zone(tz_name)
    this_monday = date.fromisoformat(week_of(now, tz))
    start = this_monday - timedelta(weeks=1)
    return (
        firmtime.day_start(start.isoformat(), tz),
        firmtime.day_start(this_monday.isoformat(), tz),
    )


def fmt_hours(hours: float | None) -> str:
    if hours is None:
        return "no contacts yet"
    return firmtime.fmt_age(timedelta(hours=hours))


# --- rows for the CSV and words for the email ---------------------------------------------------
def csv_rows(ins: Insights) -> list[tuple[str, str, str, str]]:
    """``(section, group, measure, value)`` rows: everything the page shows."""
    rows: list[tuple[str, str, str, str]] = []
    for stage, label in STAGES:
        rows.append(("funnel", "all", label, str(ins.funnel.get(stage, 0))))
    for channel, counts in ins.by_channel.items():
        for stage, label in STAGES:
            rows.append(("funnel by channel", channel, label, str(counts[stage])))
    for week, counts in ins.by_week.items():
        for stage, label in STAGES:
            rows.append(("funnel by week", week, label, str(counts[stage])))
    for question, count in ins.stops:
        rows.append(("where people stop", question, "chats", str(count)))
    for key, title in BREAKDOWNS:
        for group, outcomes in ins.outcomes.get(key, {}).items():
            for outcome, count in sorted(outcomes.items()):
                rows.append(
                    (f"outcomes by {title.lower()}", group, outcome, str(count))
                )
    median = ins.median_contact_hours
    rows.append(
        (
            "time to first contact",
            "all",
            "median hours",
            "" if median is None else f"{median:.2f}",
        )
    )
    for channel, (hours, n) in ins.median_contact_by_channel().items():
        rows.append(("time to first contact", channel, "median hours", f"{hours:.2f}"))
        rows.append(("time to first contact", channel, "leads contacted", str(n)))
    return rows


def weekly_summary_subject(ins: Insights, firm_name: str) -> str:
    tz = firmtime.zone(ins.timezone)
    first = firmtime.local(ins.start, tz).date().isoformat()
    return f"{firm_name}: intake week of {first}"


def weekly_summary_text(ins: Insights, firm_name: str, link: str) -> str:
    """The weekly email: counts only (no names, no health details)."""
    tz = firmtime.zone(ins.timezone)
    first = firmtime.local(ins.start, tz).date()
    last = firmtime.local(ins.end - timedelta(seconds=1), tz).date()
    lines = [
        f"{firm_name}: the intake assistant, {first} to {last} ({ins.timezone}).",
        "",
        "The funnel:",
    ]
    for stage, label in STAGES:
        count = ins.funnel.get(stage, 0)
        share = f" ({ins.rate(stage):.0%})" if stage != "started" else ""
        lines.append(f"  {label}: {count}{share}")
    if ins.by_channel:
        lines += ["", "By channel (chats started -> leads written):"]
        for channel, counts in ins.by_channel.items():
            lines.append(f"  {channel}: {counts['started']} -> {counts['lead']}")
    if ins.stops:
        lines += ["", "Where people stopped:"]
        lines += [f"  {question}: {count}" for question, count in ins.stops[:5]]
    lines += ["", f"Leads received: {ins.leads}"]
    outcome_totals: Counter = Counter()
    for outcomes in ins.outcomes.get("channel", {}).values():
        outcome_totals.update(outcomes)
    for outcome, count in sorted(outcome_totals.items()):
        lines.append(f"  {v.OUTCOME_LABELS.get(outcome, outcome)}: {count}")
    lines += [
        "",
        f"Median time to first contact: {fmt_hours(ins.median_contact_hours)}",
        "",
        f"Charts and the full tables: {link}",
    ]
    return "\n".join(lines) + "\n"
