"""How a handoff payload becomes a ``leads`` row, and a row the inbox API's lead.

Pure functions (no I/O); ``bot.leads.store`` uses them to write and read the ``leads`` table.
The fields, statuses, outcomes and priority bands are defined in ``bot.leads.vocabulary``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import date, datetime, timezone
from typing import Any

from bot.leads import vocabulary as v

LEAD_FIELDS = v.FIELD_NAMES
STATUSES = v.STATUSES
OUTCOMES = v.OUTCOMES

# Priority bands (lower = more urgent); within a band leads are ordered by days left.
PRIORITY_BANDS = v.PRIORITY_BANDS
BAND_WIDTH = v.BAND_WIDTH
NO_DEADLINE = v.NO_DEADLINE

# Unambiguous characters (no 0/O, 1/I/L): 31**6 ~ 8.9e8 references.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


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

    Bands (``vocabulary.OUTCOME_LIST``): urgent 0, qualified (or unscreened) 1, represented 2,
    time_barred 3, not_medmal 4, incomplete 5. So every urgent lead comes first, then qualified leads with
    the nearest deadline, and time-barred and not-med-mal leads last. The value is recomputed
    from ``deadline`` on every read, so it stays right as days pass.
    """
    return v.priority(outcome, days_left)


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


def as_records(value: Any, keys: tuple[str, ...]) -> list[dict[str, str | None]]:
    """A list of objects with exactly ``keys`` (text or None); anything else is dropped. A JSON
    string is read first (a value as stored)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            return []
    if not isinstance(value, (list, tuple)):
        return []
    records = []
    for item in value:
        if not isinstance(item, dict):
            continue
        record = {key: as_str(item.get(key), 2000) for key in keys}
        if any(record.values()):
            records.append(record)
    return records


def _snapshot(value: Any) -> list[v.TranscriptLine]:
    if not isinstance(value, (list, tuple)):
        return []
    return [
        v.transcript_line(
            at=as_str(item.get("at")),
            sender="user" if as_str(item.get("from")) == "user" else "bot",
            text="" if item.get("text") is None else str(item.get("text")),
            channel=as_str(item.get("channel")),
        )
        for item in value
        if isinstance(item, dict)
    ]


def _clean(field: v.Field, value: Any) -> Any:
    """A payload value as the ``leads`` column of ``field`` holds it."""
    if field.type == "bool":
        return _as_bool(value)
    if field.type == "int":
        return _as_int(value)
    if field.type == "list":
        return json.dumps(_as_str_list(value))
    if field.type == "records":
        return json.dumps(as_records(value, v.RECORD_KEYS[field.name]))
    if field.type == "date" and field.max_length is None:
        return _as_date(value)
    return as_str(value, field.max_length)  # text, or a date kept as the text given


def clean_payload(payload: dict) -> dict:
    """The lead row's values from a handoff payload (unknown keys ignored, missing -> None):
    every field the screening fills (``vocabulary.SLOT_FIELDS``, sent under the field's name),
    the channel, the transcript snapshot and the priority band."""
    row: dict[str, Any] = {
        field.name: _clean(field, payload.get(field.name)) for field in v.SLOT_FIELDS
    }
    channel = as_str(payload.get("channel"), v.FIELDS_BY_NAME["channel"].max_length)
    if channel:
        channel = channel.lower()
        channel = v.channel_name(channel) or channel
    row["channel"] = channel
    if row["state"]:
        row["state"] = row["state"].upper()
    if row["outcome"]:
        row["outcome"] = row["outcome"].lower()
    row["outcome"] = row["outcome"] or as_str(
        payload.get("screening_outcome"), v.FIELDS_BY_NAME["outcome"].max_length
    )
    row["transcript_snapshot"] = json.dumps(
        _snapshot(payload.get("transcript_snapshot"))
    )
    row["priority_band"] = v.priority_band(row["outcome"])
    return row


def read_value(field: v.Field, value: Any) -> Any:
    """A ``leads`` column's value as the API gives it."""
    if field.type == "timestamp":
        return iso(value)
    if field.type == "date" and field.max_length is None and value is not None:
        return value.isoformat()
    if field.type == "records":
        return as_records(value, v.RECORD_KEYS[field.name])
    if field.type == "list":
        try:
            return json.loads(value) if value else []
        except ValueError:
            return []
    return value


def lead_dict(row: Any, with_snapshot: bool) -> dict:
    """A ``leads`` row as the inbox API's lead (``vocabulary.FIELD_NAMES``, in that order)."""
    deadline: date | None = row["deadline"]
    if isinstance(
        deadline, str
    ):  # pragma: no cover - defensive for hand-edited SQLite rows
        deadline = _as_date(deadline)
    days_left = (
        (deadline - today_utc()).days if deadline is not None else row["days_left"]
    )
    worked_out = {
        "priority": priority(row["outcome"], days_left),
        "deadline": deadline.isoformat() if deadline else None,
        "days_left": days_left,
    }
    lead = {
        field.name: worked_out[field.name]
        if field.name in worked_out
        else read_value(field, row[field.name])
        for field in v.FIELDS
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
