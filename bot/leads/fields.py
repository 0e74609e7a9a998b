"""What a lead is: its API fields, how a handoff payload becomes a row, its priority.

Pure functions (no I/O); ``bot.leads.store`` uses them to write and read the ``leads`` table.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import date, datetime, timezone
from typing import Any

from bot.leads import models as m

LEAD_FIELDS = (
    "id",
    "reference",
    "created_at",
    "channel",
    "conversation_id",
    "status",
    "outcome",
    "priority",
    "incident_type",
    "incident_description",
    "state",
    "incident_date",
    "discovery_date",
    "patient_role",
    "patient_dob",
    "patient_deceased",
    "death_date",
    "government_facility",
    "already_represented",
    "deadline",
    "days_left",
    "limitation_status",
    "explanation",
    "citation",
    "caveats",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_consent",
    "callback_requested",
    "assigned_to",
)
STATUSES = m.STATUSES
OUTCOMES = m.OUTCOMES

# Priority bands (lower = more urgent); within a band leads are ordered by days left.
PRIORITY_BANDS = {
    "urgent": 0,
    "qualified": 1,
    None: 1,
    "represented": 2,
    "time_barred": 3,
    "not_medmal": 4,
}
BAND_WIDTH = 10_000
NO_DEADLINE = BAND_WIDTH - 1

# Unambiguous characters (no 0/O, 1/I/L): 31**6 ~ 8.9e8 references.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6

_CHANNEL_ALIASES = {
    "rest": "web",
    "socketio": "web",
    "twilio": "sms",
    "cmdline": "shell",
}
_STR_LIMITS = {
    "channel": 16,
    "outcome": 32,
    "incident_type": 40,
    "state": 8,
    "incident_date": 10,
    "discovery_date": 10,
    "patient_role": 32,
    "patient_dob": 10,
    "death_date": 10,
    "limitation_status": 64,
    "contact_name": 200,
    "contact_phone": 32,
    "contact_email": 254,
}
_TEXT_FIELDS = ("incident_description", "explanation", "citation")
_BOOL_FIELDS = (
    "patient_deceased",
    "government_facility",
    "already_represented",
    "contact_consent",
    "callback_requested",
)


def utcnow() -> datetime:
    """Naive UTC now: every ``DateTime`` column holds naive UTC."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc).isoformat(timespec="seconds")


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


def priority(outcome: str | None, days_left: int | None) -> int:
    """``band * 10000 + days left`` (days clamped to 0..9998; 9999 when there is no deadline).

    Bands: urgent 0, qualified (or unscreened) 1, represented 2, time_barred 3, not_medmal 4.
    So every urgent lead comes first, then qualified leads with the nearest deadline, and
    time-barred and not-med-mal leads last. The value is recomputed from ``deadline`` on every
    read, so it stays right as days pass.
    """
    band = PRIORITY_BANDS.get(outcome, 1)
    if days_left is None:
        return band * BAND_WIDTH + NO_DEADLINE
    return band * BAND_WIDTH + min(max(int(days_left), 0), NO_DEADLINE - 1)


SCREENING_KEY_LENGTH = 300  # leads.screening_key


def screening_key(payload: dict) -> str:
    """The key a payload is deduplicated on: ``payload["dedupe_key"]`` (the handoff sends
    ``"<conversation_id>:<screening_id>"``, one per screening), or else ``conversation_id`` (older
    callers: one lead per conversation). A key longer than the column is replaced by
    ``"sha256:<hex>"`` rather than cut, so two long keys never collide.
    ``ValueError`` when the payload has no ``conversation_id``."""
    conversation_id = as_str(payload.get("conversation_id"), 255)  # as stored
    if not conversation_id:
        raise ValueError("payload has no conversation_id")
    key = as_str(payload.get("dedupe_key")) or conversation_id
    if len(key) > SCREENING_KEY_LENGTH:
        key = "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


def new_reference() -> str:
    return "ML-" + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


# --- payload cleaning ---------------------------------------------------------------------------


def _as_bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    text = str(value).strip().lower()
    if text in {"true", "yes", "y", "1"}:
        return True
    if text in {"false", "no", "n", "0"}:
        return False
    return None


def as_str(value: Any, limit: int | None = None) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        value = value.isoformat()
    text = str(value).strip()
    if text == "":
        return None
    return text[:limit] if limit else text


def _as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return None


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _as_str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _snapshot(value: Any) -> list[dict]:
    if not isinstance(value, (list, tuple)):
        return []
    out = []
    for item in value:
        if isinstance(item, dict):
            out.append(
                {
                    "at": as_str(item.get("at")),
                    "from": as_str(item.get("from")),
                    "text": "" if item.get("text") is None else str(item.get("text")),
                    "channel": as_str(item.get("channel")),
                }
            )
    return out


def clean_payload(payload: dict) -> dict:
    """The lead row's values from a handoff payload (unknown keys ignored, missing -> None)."""
    row: dict[str, Any] = {}
    for key, limit in _STR_LIMITS.items():
        row[key] = as_str(payload.get(key), limit)
    for key in _TEXT_FIELDS:
        row[key] = as_str(payload.get(key))
    for key in _BOOL_FIELDS:
        row[key] = _as_bool(payload.get(key))
    if row["channel"]:
        row["channel"] = _CHANNEL_ALIASES.get(
            row["channel"].lower(), row["channel"].lower()
        )
    if row["state"]:
        row["state"] = row["state"].upper()
    if row["outcome"]:
        row["outcome"] = row["outcome"].lower()
    row["outcome"] = row["outcome"] or as_str(payload.get("screening_outcome"), 32)
    row["deadline"] = _as_date(payload.get("deadline"))
    row["days_left"] = _as_int(payload.get("days_left"))
    row["caveats"] = json.dumps(_as_str_list(payload.get("caveats")))
    row["transcript_snapshot"] = json.dumps(
        _snapshot(payload.get("transcript_snapshot"))
    )
    row["priority_band"] = PRIORITY_BANDS.get(row["outcome"], 1)
    return row


def lead_dict(row: Any, with_snapshot: bool) -> dict:
    deadline: date | None = row["deadline"]
    if isinstance(
        deadline, str
    ):  # pragma: no cover - defensive for hand-edited SQLite rows
        deadline = _as_date(deadline)
    days_left = (
        (deadline - today_utc()).days if deadline is not None else row["days_left"]
    )
    try:
        caveats = json.loads(row["caveats"]) if row["caveats"] else []
    except ValueError:
        caveats = []
    lead = {
        "id": row["id"],
        "reference": row["reference"],
        "created_at": iso(row["created_at"]),
        "channel": row["channel"],
        "conversation_id": row["conversation_id"],
        "status": row["status"],
        "outcome": row["outcome"],
        "priority": priority(row["outcome"], days_left),
        "incident_type": row["incident_type"],
        "incident_description": row["incident_description"],
        "state": row["state"],
        "incident_date": row["incident_date"],
        "discovery_date": row["discovery_date"],
        "patient_role": row["patient_role"],
        "patient_dob": row["patient_dob"],
        "patient_deceased": row["patient_deceased"],
        "death_date": row["death_date"],
        "government_facility": row["government_facility"],
        "already_represented": row["already_represented"],
        "deadline": deadline.isoformat() if deadline else None,
        "days_left": days_left,
        "limitation_status": row["limitation_status"],
        "explanation": row["explanation"],
        "citation": row["citation"],
        "caveats": caveats,
        "contact_name": row["contact_name"],
        "contact_phone": row["contact_phone"],
        "contact_email": row["contact_email"],
        "contact_consent": row["contact_consent"],
        "callback_requested": row["callback_requested"],
        "assigned_to": row["assigned_to"],
    }
    if with_snapshot:
        try:
            lead["transcript_snapshot"] = (
                json.loads(row["transcript_snapshot"])
                if row["transcript_snapshot"]
                else []
            )
        except ValueError:
            lead["transcript_snapshot"] = []
    return lead
