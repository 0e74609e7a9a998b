"""Thin clients for the two places a new lead is announced: the intake mailbox and Clio Grow.

Both take a lead dict (``LeadStore.get_lead``) and a ``Settings``; both raise ``NotifyError`` (or
an ``OSError``/``smtplib`` error) on failure and return normally on success. Neither puts medical
details (description, incident type, dates, dates of birth) in what it sends unless
``settings.email_include_details`` is true; without it the message says a lead arrived and links
to the inbox, where staff log in to read it.

``send_sms`` is the thin client for Twilio's Messages API that the on-call alerts
(``bot.leads.alerts``) text through; the SMS never carries health details.
"""

from __future__ import annotations

import base64
import json
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from bot.leads import vocabulary as v

DEFAULT_CLIO_URL = "https://grow.clio.com/inbox_leads"

OUTCOME_LABELS = v.OUTCOME_SUMMARIES


class NotifyError(Exception):
    """A notification was not accepted (the message is safe to store: no personal data)."""


def lead_link(lead: dict, settings: Any) -> str:
    return f"{settings.inbox_public_url.rstrip('/')}/inbox/leads/{lead['id']}"


def _days_phrase(days_left: int | None) -> str:
    if days_left is None:
        return "deadline unknown"
    if days_left < 0:
        return f"deadline passed {-days_left} day{'s' if days_left != -1 else ''} ago"
    if days_left == 0:
        return "deadline today"
    return f"deadline in {days_left} day{'s' if days_left != 1 else ''}"


def email_subject(lead: dict) -> str:
    if lead.get("outcome") == v.URGENT:
        return f"[URGENT] New intake lead {lead['reference']} \u2014 {_days_phrase(lead.get('days_left'))}"
    return (
        f"New intake lead {lead['reference']} ({lead.get('outcome') or 'unscreened'})"
    )


def _summary_lines(lead: dict, settings: Any) -> list:
    return [
        f"Reference: {lead['reference']}",
        f"Outcome: {OUTCOME_LABELS.get(lead.get('outcome') or '', lead.get('outcome') or 'unscreened')}",
        f"Deadline: {lead.get('deadline') or 'unknown'} ({_days_phrase(lead.get('days_left'))})",
        f"Channel: {lead.get('channel') or 'unknown'}",
        # The band alone: its reasons name health details, so they go with the details.
        f"Case strength: {v.CASE_STRENGTH_LABELS.get(lead.get('case_strength') or '', 'not assessed')}",
        f"Open in the inbox: {lead_link(lead, settings)}",
    ]


# The facts _detail_lines words itself; any other screening fact gets a "Label: value" line.
_WORDED = frozenset(
    {
        "outcome",
        "deadline",
        "days_left",
        "contact_name",
        "contact_phone",
        "contact_email",
        "state",
        "incident_type",
        "incident_date",
        "discovery_date",
        "patient_role",
        "patient_dob",
        "patient_deceased",
        "government_facility",
        "limitation_status",
        "citation",
        "explanation",
        "incident_description",
        "caveats",
        "providers",
    }
)
_YES_NO = {True: "yes", False: "no", None: "unknown"}


def _fact(value: Any) -> str:
    if isinstance(value, bool):
        return _YES_NO[value]
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value) or "-"
    return "-" if value is None or value == "" else str(value)


def _detail_lines(lead: dict) -> list:
    lines = [
        "",
        f"Contact: {lead.get('contact_name') or '-'}, {lead.get('contact_phone') or '-'}, {lead.get('contact_email') or '-'}",
        f"State: {lead.get('state') or '-'}",
        f"Incident type: {lead.get('incident_type') or '-'}",
        f"Incident date: {lead.get('incident_date') or '-'}; discovered: {lead.get('discovery_date') or '-'}",
        f"Patient: {lead.get('patient_role') or '-'}, born {lead.get('patient_dob') or '-'}, "
        f"deceased {_YES_NO.get(lead.get('patient_deceased'), '-')}",
        f"Government facility: {_YES_NO.get(lead.get('government_facility'), '-')}",
        f"Limitation: {lead.get('limitation_status') or '-'} {lead.get('citation') or ''}".rstrip(),
        f"Explanation: {lead.get('explanation') or '-'}",
    ]
    lines += [
        f"{field.label}: {_fact(lead.get(field.name))}"
        for field in v.SLOT_FIELDS
        if field.name not in _WORDED
    ]
    providers = [
        f"{p.get('name')} ({p.get('kind') or 'other'})"
        for p in lead.get("providers") or []
        if isinstance(p, dict) and p.get("name")
    ]
    lines.append(f"Providers: {'; '.join(providers) or '-'}")
    lines += ["What happened:", lead.get("incident_description") or "-"]
    if lead.get("case_summary"):
        lines += ["Case summary:", lead["case_summary"]]
    if lead.get("case_strength_reasons"):
        lines.append(f"Strength reasons: {'; '.join(lead['case_strength_reasons'])}")
    for caveat in lead.get("caveats") or []:
        lines.append(f"Note: {caveat}")
    return lines


def email_body(lead: dict, settings: Any) -> str:
    lines = ["A new lead came in through the intake assistant.", ""] + _summary_lines(
        lead, settings
    )
    if settings.email_include_details:
        lines += _detail_lines(lead)
    else:
        lines += ["", "Contact and case details are in the inbox (not sent by email)."]
    return "\n".join(lines) + "\n"


def build_email(lead: dict, settings: Any) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = email_subject(lead)
    msg["From"] = settings.mail_from
    msg["To"] = settings.intake_email
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    if lead.get("outcome") == v.URGENT:
        msg["X-Priority"] = "1"
        msg["Importance"] = "high"
    msg.set_content(email_body(lead, settings))
    return msg


def send_email(lead: dict, settings: Any) -> None:
    """Send the new-lead email to ``settings.intake_email`` (timeout, STARTTLS and login when
    configured; implicit TLS on port 465)."""
    send_message(build_email(lead, settings), settings)


def send_message(msg: EmailMessage, settings: Any) -> None:
    """Send an email through the configured SMTP server (its To header is the recipient)."""
    timeout = float(settings.smtp_timeout)
    if int(settings.smtp_port) == 465:
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host,
            settings.smtp_port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
    else:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    try:
        client.ehlo()
        if settings.smtp_starttls and int(settings.smtp_port) != 465:
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
        if settings.smtp_user:
            client.login(settings.smtp_user, settings.smtp_password)
        refused = client.send_message(msg)
        if refused:
            raise NotifyError(f"recipient refused ({len(refused)})")
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def clio_payload(lead: dict, settings: Any) -> dict:
    name = (lead.get("contact_name") or "").strip()
    first, _, last = name.partition(" ")
    message = "\n".join(_summary_lines(lead, settings))
    if settings.email_include_details:
        message += "\n" + "\n".join(_detail_lines(lead))
    return {
        "inbox_lead_token": settings.clio_lead_inbox_token,
        "inbox_lead": {
            "from_first": first or "Unknown",
            "from_last": last.strip() or "-",
            "from_message": message,
            "from_email": lead.get("contact_email") or "",
            "from_phone": lead.get("contact_phone") or "",
            "referring_url": lead_link(lead, settings),
            "from_source": f"{settings.firm_name} intake assistant ({lead.get('channel') or 'unknown'})",
        },
    }


def send_to_clio(lead: dict, settings: Any) -> None:
    """POST the lead to Clio Grow's Lead Inbox; success only on a 2xx answer."""
    url = settings.clio_lead_inbox_url or DEFAULT_CLIO_URL
    if not settings.clio_lead_inbox_token:
        raise NotifyError("CLIO_LEAD_INBOX_TOKEN is not set")
    body = json.dumps(clio_payload(lead, settings)).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(
            request, timeout=float(settings.clio_timeout)
        ) as response:
            status = response.status
            response.read(65536)
    except urllib.error.HTTPError as exc:
        raise NotifyError(f"Clio answered HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise NotifyError(
            f"Clio unreachable: {type(exc.reason).__name__}: {exc.reason}"
        ) from None
    if not 200 <= status < 300:
        raise NotifyError(f"Clio answered HTTP {status}")


# --- SMS through Twilio's Messages API (the on-call alerts, bot.leads.alerts) -----------------
class PermanentNotifyError(NotifyError):
    """Refused in a way a retry cannot fix (a malformed number): the outbox gives up at once."""

    permanent = True


def send_sms(to: str, body: str, settings: Any) -> str:
    """POST one text to Twilio's Messages API (``TWILIO_API_BASE``, basic auth with the account
    SID and auth token); returns the message's ``sid``. 429 and 5xx answers raise
    ``NotifyError`` (retried by the outbox), 400 and 404 ``PermanentNotifyError``; the error
    keeps Twilio's code, never its message (it may quote the number)."""
    sid, token = settings.twilio_account_sid, settings.twilio_auth_token
    if not (sid and token and settings.twilio_from_number):
        raise NotifyError(
            "Twilio is not configured (TWILIO_ACCOUNT_SID, ..._FROM_NUMBER)"
        )
    base = (settings.twilio_api_base or "https://api.twilio.com").rstrip("/")
    url = f"{base}/2010-04-01/Accounts/{urllib.parse.quote(sid)}/Messages.json"
    data = urllib.parse.urlencode(
        {"To": to, "From": settings.twilio_from_number, "Body": body}
    ).encode("utf-8")
    auth = base64.b64encode(f"{sid}:{token}".encode()).decode("ascii")
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={
            "Authorization": f"Basic {auth}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
    )
    timeout = float(getattr(settings, "twilio_timeout", 10.0))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = response.read(65536)
    except urllib.error.HTTPError as exc:
        code = _twilio_code(exc.read(65536))
        text = f"Twilio answered HTTP {exc.code}" + (f" (code {code})" if code else "")
        if exc.code in (400, 404):
            raise PermanentNotifyError(text) from None
        raise NotifyError(text) from None
    except urllib.error.URLError as exc:
        raise NotifyError(
            f"Twilio unreachable: {type(exc.reason).__name__}: {exc.reason}"
        ) from None
    try:
        message_sid = json.loads(answer or b"{}").get("sid")
    except (ValueError, AttributeError):
        message_sid = None
    if not message_sid:
        raise NotifyError("Twilio answered without a message sid")
    return str(message_sid)


def _twilio_code(body: bytes) -> int | None:
    try:
        code = json.loads(body or b"{}").get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, int) else None


def describe_error(exc: BaseException) -> str:
    """A short error text that is safe to store and show (no addresses, no message content)."""
    if isinstance(exc, NotifyError):
        return str(exc)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: SMTP {exc.smtp_code}"
    if isinstance(exc, smtplib.SMTPException):
        return type(
            exc
        ).__name__  # e.g. SMTPRecipientsRefused carries addresses: leave them out
    if isinstance(exc, OSError):
        return f"{type(exc).__name__}: {exc.strerror or exc}"
    return type(exc).__name__
