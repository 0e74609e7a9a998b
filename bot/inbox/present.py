"""How the inbox shows things: labels, dates, deadlines, transcripts, CSV cells, JSON, and the
Jinja environment its pages are rendered with. Pure functions; nothing here does I/O at import.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.leads import alerts, firmtime, vocabulary

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# A lead's words (statuses, outcomes, labels, CSV columns, thresholds) come from the vocabulary.
STATUSES = vocabulary.STATUSES
STATUS_LABELS = vocabulary.STATUS_LABELS
NEXT_STATUSES = (
    vocabulary.NEXT_STATUSES
)  # the workflow: next steps offered from each status
OUTCOMES = vocabulary.OUTCOMES
OUTCOME_LABELS = vocabulary.OUTCOME_LABELS
INCIDENT_LABELS = vocabulary.INCIDENT_LABELS
ROLE_LABELS = vocabulary.ROLE_LABELS
# The CSV carries the story too (speed to lead): what happened, the latest deadline where the
# screening gives a range, the explanation, why the lead is urgent and the staff's notes.
CSV_STORY_COLUMNS = tuple(
    column
    for column in (
        "incident_description",
        "deadline_latest",
        "explanation",
        "urgent_reason",
        "notes",
    )
    if column not in vocabulary.CSV_COLUMNS
    and (column in vocabulary.FIELD_NAMES or column in ("urgent_reason", "notes"))
)
CSV_COLUMNS = vocabulary.CSV_COLUMNS + CSV_STORY_COLUMNS
URGENT_DAYS = vocabulary.URGENT_DAYS
CASE_STRENGTHS = vocabulary.CASE_STRENGTHS


# --- values -------------------------------------------------------------------------------------
def jsonable(value: Any) -> Any:
    """``json.dumps``' fallback for what the store returns: dates, decimals, sets, bytes."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def parse_id(raw: str) -> int | None:
    """A lead or staff id from a URL or form: digits only, in SQL's 64-bit range."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    return int(raw)


def caveat_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
                if isinstance(parsed, list):
                    return [str(v) for v in parsed if v not in (None, "")]
            except ValueError:
                pass
        return [line.strip() for line in text.splitlines() if line.strip()]
    return [str(value)]


# --- priority and deadlines ---------------------------------------------------------------------
def is_urgent(lead: dict[str, Any]) -> bool:
    if lead.get("outcome") == vocabulary.URGENT:
        return True
    days = lead.get("days_left")
    try:
        return days is not None and 0 <= int(days) <= URGENT_DAYS
    except (TypeError, ValueError):
        return False


def deadline_class(lead: dict[str, Any]) -> str:
    try:
        days = int(lead.get("days_left"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "none"
    if days < 0:
        return "past"
    if days <= vocabulary.CRITICAL_DAYS:
        return "critical"
    if days <= URGENT_DAYS:
        return "soon"
    return "ok"


def sms_href(phone: Any) -> str:
    """An ``sms:`` link for a phone number as stored (E.164, "+15555550123"); digits and a
    leading + only, so nothing else can ride in the URL."""
    text = str(phone or "")
    kept = ("+" if text.strip().startswith("+") else "") + re.sub(r"\D", "", text)
    return f"sms:{kept}" if kept.strip("+") else ""


# --- text ---------------------------------------------------------------------------------------
def fmt_when(value: Any) -> str:
    """A timestamp as 'YYYY-MM-DD HH:MM' (UTC where known); anything else as text."""
    if value in (None, ""):
        return ""
    if isinstance(value, (int, float)):
        value = datetime.utcfromtimestamp(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})", text)
    return f"{match.group(1)} {match.group(2)}" if match else text


def yes_no(value: Any) -> str:
    if value is None or value == "":
        return "Unknown"
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"true", "1", "yes"}:
            return "Yes"
        if lowered in {"false", "0", "no"}:
            return "No"
        return value
    return "Yes" if value else "No"


def normalise_transcript(rows: Any) -> list[dict[str, Any]]:
    """Turn transcript rows (from the tracker or a stored snapshot) into {at, from, text, channel}."""
    if rows is None or rows == "":
        return []
    if isinstance(rows, (bytes, str)):
        text = rows.decode("utf-8", "replace") if isinstance(rows, bytes) else rows
        try:
            rows = json.loads(text)
        except ValueError:
            return [{"at": "", "from": "bot", "text": text, "channel": ""}]
    if isinstance(rows, dict):
        rows = rows.get("messages") or rows.get("transcript") or []
    out: list[dict[str, Any]] = []
    if not isinstance(rows, list):
        return out
    for row in rows:
        if not isinstance(row, dict):
            out.append({"at": "", "from": "bot", "text": str(row), "channel": ""})
            continue
        said_by = row.get("from") or row.get("sender") or row.get("event") or "bot"
        sender = (
            "user" if str(said_by).lower() in {"user", "client", "visitor"} else "bot"
        )
        said = row.get("text")
        out.append(
            {
                "at": row.get("at") or row.get("timestamp") or "",
                "from": sender,
                "text": "" if said is None else str(said),
                "channel": row.get("channel") or row.get("input_channel") or "",
            }
        )
    return out


# --- CSV ----------------------------------------------------------------------------------------
def csv_cell(value: Any) -> str:
    """Text for a CSV cell, with spreadsheet formulas neutralised (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = jsonable(value) if not isinstance(value, (str, int, float)) else str(value)
    text = str(text)
    # Numbers and phone numbers (+15555550123, -5) stay as they are; anything else that a
    # spreadsheet would read as a formula gets a leading apostrophe.
    if text and text[0] in "=+-@\t\r" and not re.fullmatch(r"[+-]?[\d][\d ().]*", text):
        text = "'" + text
    return text


def priority_text(lead: dict[str, Any]) -> str:
    """The queue position in words: ``Urgent, 12 days left``, ``Qualified, no deadline``."""
    outcome = lead.get("outcome")
    label = OUTCOME_LABELS.get(outcome or "", "Not screened")
    days = lead.get("days_left")
    if not isinstance(days, int):
        return f"{label}, no deadline"
    if days < 0:
        return f"{label}, deadline passed {-days} days ago"
    return f"{label}, {days} day{'' if days == 1 else 's'} left"


def notes_text(notes: Iterable[dict[str, Any]]) -> str:
    """A lead's notes in one cell, oldest first: ``2026-11-28 09:15 Pat: Left voicemail``."""
    return "\n".join(
        f"{fmt_when(n.get('created_at'))} "
        f"{n.get('display_name') or n.get('username') or 'Staff'}: {n.get('text')}"
        for n in notes
    )


def csv_row(
    lead: dict[str, Any],
    users: dict[Any, dict[str, Any]],
    notes: Iterable[dict[str, Any]] = (),
) -> list[str]:
    """One lead as CSV cells in ``CSV_COLUMNS`` order; ``assigned_to`` as the staff name,
    ``priority`` in words, ``urgent_reason`` and ``notes`` worked out."""
    row = []
    for column in CSV_COLUMNS:
        value = lead.get(column)
        if column == "assigned_to" and value in users:
            value = users[value].get("display_name") or users[value].get("username")
        elif column == "priority":
            value = priority_text(lead)
        elif column == "urgent_reason":
            value = "; ".join(alerts.urgency_reasons(lead))
        elif column == "notes":
            value = notes_text(notes)
        row.append(csv_cell(value))
    return row


def leads_csv(
    leads: Iterable[dict[str, Any]],
    users: dict[Any, dict[str, Any]],
    notes: dict[Any, list[dict[str, Any]]] | None = None,
) -> str:
    """The CSV file for a list of leads, with a BOM so spreadsheets read it as UTF-8;
    ``notes`` maps a lead id to its notes."""
    notes = notes or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for lead in leads:
        writer.writerow(csv_row(lead, users, notes.get(lead.get("id"), ())))
    return "\ufeff" + buffer.getvalue()


# --- the firm's clock and phones (speed to lead) -------------------------------------------------
def fmt_when_local(value: Any, tz: ZoneInfo) -> str:
    """A timestamp in the firm's time zone with the zone's name, ``2026-01-14 08:05 EST``;
    anything that is not a timestamp as text."""
    if value in (None, ""):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = datetime.utcfromtimestamp(value)
    if isinstance(value, datetime):
        return firmtime.fmt_local(value, tz)
    text = str(value)
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        return text
    return firmtime.fmt_local(text, tz)


def phone_display(value: Any) -> str:
    """A phone as people write it: ``(720) 555-0188`` at home, ``+44 20 7946 0958`` abroad."""
    text = str(value or "").strip()
    if not text:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return text
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def phone_href(value: Any, scheme: str = "tel") -> str:
    """``tel:+17205550188`` (or ``sms:``): the digits and a leading plus only."""
    digits = re.sub(r"[^\d+]", "", str(value or ""))
    return f"{scheme}:{digits}" if digits else ""


def callback_display(value: Any, tz: Any) -> str:
    """A booked call's time as the person was told it: ``Thursday, Dec 3 at 10:30 AM
    Eastern`` (the firm's zone); anything unreadable as it is."""
    from actions.callback import from_slot_value, say_time

    moment = from_slot_value(value)
    return say_time(moment, tz) if moment else str(value or "")


def callback_clock(value: Any, tz: Any) -> str:
    """Only the clock of a booked call, ``10:30 AM`` (the calls list is one day)."""
    from actions.callback import from_slot_value

    moment = from_slot_value(value)
    if moment is None:
        return ""
    return moment.astimezone(tz).strftime("%I:%M %p").lstrip("0")


# --- responses ----------------------------------------------------------------------------------
def jinja_environment(firm_name: str, timezone_name: str | None = None) -> Environment:
    """The templates' environment: autoescaped, with the labels and filters the pages use.
    With ``timezone_name`` (``FIRM_TIMEZONE``) times show in the firm's zone, labelled."""
    jinja = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if timezone_name:
        tz = firmtime.zone(timezone_name)
        jinja.filters["when"] = lambda value: fmt_when_local(value, tz)
        jinja.globals["firm_tz"] = tz
    else:
        jinja.filters["when"] = fmt_when
    call_tz = firmtime.zone(timezone_name)
    jinja.filters["calltime"] = lambda value: callback_display(value, call_tz)
    jinja.filters["callclock"] = lambda value: callback_clock(value, call_tz)
    jinja.filters["phone"] = phone_display
    jinja.filters["tel"] = phone_href
    jinja.filters["sms"] = sms_href  # digits and a leading + only
    jinja.filters["yesno"] = yes_no
    jinja.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        OUTCOME_LABELS=OUTCOME_LABELS,
        INCIDENT_LABELS=INCIDENT_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        STATUSES=STATUSES,
        OUTCOMES=OUTCOMES,
        firm_name=firm_name,
        is_urgent=is_urgent,
        deadline_class=deadline_class,
        # the case evaluation
        CASE_STRENGTHS=CASE_STRENGTHS,
        CASE_STRENGTH_LABELS=vocabulary.CASE_STRENGTH_LABELS,
        HARM_LABELS=vocabulary.HARM_LABELS,
        PROVIDER_KIND_LABELS=vocabulary.PROVIDER_KIND_LABELS,
        REPRESENTED_INTENT_LABELS=vocabulary.REPRESENTED_INTENT_LABELS,
        CONFLICT_KINDS=vocabulary.CONFLICT_KINDS,
        CONFLICT_KIND_LABELS=vocabulary.CONFLICT_KIND_LABELS,
    )
    return jinja


def render(
    request: Request, template: str, status: int = 200, **context: Any
) -> HTTPResponse:
    """An HTML page from the app's templates, with the signed-in staff and CSRF token."""
    context.setdefault("csrf_token", getattr(request.ctx, "csrf", ""))
    context.setdefault("staff", getattr(request.ctx, "staff", None))
    context.setdefault("nav", "")
    html = request.app.ctx.jinja.get_template(template).render(**context)
    return HTTPResponse(html, status=status, content_type="text/html; charset=utf-8")


def json_response(body: Any, status: int = 200) -> HTTPResponse:
    return HTTPResponse(
        json.dumps(body, default=jsonable, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


def json_error(status: int, message: str) -> HTTPResponse:
    return json_response({"error": message}, status=status)


def wants_json(request: Request) -> bool:
    path = request.path
    if (
        path.startswith("/api/")
        or path == "/api"
        or path == "/healthz"
        or path.endswith(".csv")
    ):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
