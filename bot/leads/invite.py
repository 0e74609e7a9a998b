"""The calendar invitation for a chosen callback time: an email to the person with an ``.ics``
(``text/calendar``, RFC 5545) through the outbox and its retries.

The lead store queues one outbox row per invitation (``invite:<sequence>``) when a lead with a
callback time and an email is written, and again when the person changes the time (the same
UID, ``SEQUENCE`` one higher) or cancels the call (``METHOD:CANCEL``). The row's ``target``
says which (``"REQUEST <UTC time>"`` or ``"CANCEL <UTC time>"``), so a retry sends exactly what
was queued. The invitation names the firm, the time and the lead's reference, never any medical
detail.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from bot.leads import notify

CHANNEL = "invite"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
UTC = dt.timezone.utc


def channel_for(sequence: int) -> str:
    """The outbox channel of the invitation number ``sequence`` (0 for the first)."""
    return f"{CHANNEL}:{sequence}"


def sequence_of(channel: str) -> int:
    return int(channel.partition(":")[2] or 0)


def target_for(method: str, start: dt.datetime) -> str:
    """What an outbox row sends: ``"REQUEST 2026-12-03T15:30:00+00:00"``."""
    return f"{method} {start.astimezone(UTC).replace(microsecond=0).isoformat()}"


def parse_target(target: str | None) -> tuple[str, dt.datetime]:
    method, _, when = (target or "").partition(" ")
    if method not in (REQUEST, CANCEL):
        raise notify.NotifyError("invitation row without a method")
    try:
        start = dt.datetime.fromisoformat(when)
    except ValueError as error:
        raise notify.NotifyError("invitation row without a time") from error
    return method, start if start.tzinfo else start.replace(tzinfo=UTC)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 line folding: at most 75 octets a line, continued with a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def uid_for(lead: dict, settings: Any) -> str:
    """One UID per lead, so a change replaces the event and a cancel removes it."""
    domain = str(settings.mail_from).rpartition("@")[2] or "localhost"
    return f"callback-{lead['reference']}@{domain}"


def build_ics(
    lead: dict,
    settings: Any,
    method: str,
    start: dt.datetime,
    sequence: int,
    now: dt.datetime | None = None,
) -> str:
    """The calendar text: one event, the call at ``start`` (DTSTART in UTC) lasting one slot."""
    now = now or dt.datetime.now(UTC)
    end = start + dt.timedelta(minutes=int(settings.callback_slot_minutes))
    firm = str(settings.firm_name)
    summary = f"Call from {firm}"
    description = (
        f"{firm} will call you at the number you gave us. Reference {lead['reference']}. "
        f"To change the time, reply in the chat or call {settings.firm_phone}."
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_escape(firm)}//Intake assistant//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{uid_for(lead, settings)}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(start)}",
        f"DTEND:{_stamp(end)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"ORGANIZER;CN={_escape(firm)}:mailto:{settings.mail_from}",
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{lead['contact_email']}",
        f"STATUS:{'CANCELLED' if method == CANCEL else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def build_invite(
    lead: dict, settings: Any, method: str, start: dt.datetime, sequence: int
) -> EmailMessage:
    """The email to the person: a few plain words and the ``.ics``."""
    from actions.callback import say_time
    from bot.leads.firmtime import zone

    when = say_time(start, zone(settings.firm_timezone))
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = lead["contact_email"]
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(
        domain=str(settings.mail_from).rpartition("@")[2] or None
    )
    if method == CANCEL:
        msg["Subject"] = f"Cancelled: your call with {settings.firm_name}"
        body = (
            f"Your call with {settings.firm_name} on {when} is cancelled, as you asked.\n"
            f"If you'd like to talk, call {settings.firm_phone}. "
            f"Your reference is {lead['reference']}.\n"
        )
    else:
        msg["Subject"] = f"Your call with {settings.firm_name}"
        body = (
            f"{settings.firm_name} will call you on {when}, at the number you gave us.\n"
            f"To change or cancel, reply in the chat or call {settings.firm_phone}. "
            f"Your reference is {lead['reference']}.\n"
        )
    msg.set_content(body)
    msg.add_attachment(
        build_ics(lead, settings, method, start, sequence),
        subtype="calendar",
        filename="call.ics" if method == REQUEST else "cancel.ics",
        params={"method": method},
    )
    return msg


def send_invite(lead: dict, settings: Any, target: str | None, channel: str) -> None:
    """Send the invitation one outbox row queued (``target``: method and time)."""
    if not lead.get("contact_email"):
        raise notify.PermanentNotifyError("no email address on the lead")
    method, start = parse_target(target)
    notify.send_message(
        build_invite(lead, settings, method, start, sequence_of(channel)), settings
    )


def invitation_rows(
    old_time: object, new_time: object, email: object, sent_before: int
) -> list[tuple[str, str]]:
    """The outbox rows (channel, target) a change of callback time needs: an invitation for a
    new time, a higher-sequence one for a changed time, a cancel for a call called off;
    nothing without an email, or when nothing was ever sent and there is no time now."""
    from actions.callback import from_slot_value

    if not email:
        return []
    old, new = from_slot_value(old_time), from_slot_value(new_time)
    if new is not None and (old is None or old != new):
        return [(channel_for(sent_before), target_for(REQUEST, new))]
    if new is None and old is not None and sent_before:
        return [(channel_for(sent_before), target_for(CANCEL, old))]
    return []
