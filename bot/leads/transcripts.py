"""Read and delete conversations in Rasa's SQL tracker store.

Rasa's ``SQLTrackerStore`` keeps one row per event in the table ``events`` (columns ``id``,
``sender_id``, ``type_name``, ``timestamp`` (epoch seconds, float), ``intent_name``,
``action_name``, ``data`` (the event as JSON)). The table only exists once Rasa has started, so
every function here treats a missing table as an empty store.

The URL defaults to ``settings().tracker_store_url``; engines are created on first use and
cached per URL. Sender ids can be phone numbers (SMS), so they are never logged.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.leads.vocabulary import TranscriptLine, channel_name, transcript_line

logger = logging.getLogger(__name__)

_events = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("sender_id", sa.String),
    sa.column("type_name", sa.String),
    sa.column("timestamp", sa.Float),
    sa.column("data", sa.Text),
)

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def _url(url: str | None) -> str:
    if url:
        return url
    from actions.config import settings

    return settings().tracker_store_url


def engine_for(url: str | None = None) -> Engine:
    """The (cached) engine for a tracker store URL."""
    url = _url(url)
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            kwargs: dict = {"future": True}
            if url.startswith("sqlite"):
                kwargs["connect_args"] = {"timeout": 30}
            else:
                kwargs["pool_pre_ping"] = True
            engine = sa.create_engine(url, **kwargs)
            _engines[url] = engine
        return engine


def dispose_engines() -> None:
    """Close every cached engine (tests, shutdown)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _has_events_table(conn) -> bool:
    return sa.inspect(conn).has_table("events")


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(float(ts), tz=timezone.utc).isoformat(
        timespec="seconds"
    )


def transcript(sender_id: str, url: str | None = None) -> list[TranscriptLine]:
    """The conversation's user and bot messages, oldest first.

    Each item is a ``TranscriptLine``: ``{"at": ISO 8601 UTC, "from": "user"|"bot", "text": str,
    "channel": str|None}`` (``channel`` as staff know it: "twilio" -> "sms").
    User events carry their ``input_channel``; a bot message gets the channel of the user message
    it answers (Rasa does not record one for bot events). Messages without text (e.g. a bot event
    that only carries a custom payload) are left out. Returns ``[]`` when the table does not exist.
    """
    engine = engine_for(url)
    with engine.connect() as conn:
        if not _has_events_table(conn):
            return []
        rows = conn.execute(
            sa.select(_events.c.type_name, _events.c.timestamp, _events.c.data)
            .where(
                _events.c.sender_id == sender_id,
                _events.c.type_name.in_(("user", "bot")),
            )
            .order_by(_events.c.id)
        ).all()
    out: list[TranscriptLine] = []
    channel: str | None = None
    for type_name, ts, raw in rows:
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            continue
        if type_name == "user":
            input_channel = data.get("input_channel")
            channel = channel_name(input_channel) or input_channel or channel
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        out.append(
            transcript_line(
                at=_iso(ts if ts is not None else data.get("timestamp")),
                sender="user" if type_name == "user" else "bot",
                text=text,
                channel=channel,
            )
        )
    return out


def delete_conversation(sender_id: str, url: str | None = None) -> int:
    """Delete every event of one conversation; returns the number of rows deleted."""
    engine = engine_for(url)
    with engine.begin() as conn:
        if not _has_events_table(conn):
            return 0
        result = conn.execute(
            sa.delete(_events).where(_events.c.sender_id == sender_id)
        )
        return int(result.rowcount or 0)


def stale_sender_ids(older_than: float, url: str | None = None) -> list[str]:
    """Sender ids whose latest event is older than ``older_than`` (epoch seconds)."""
    engine = engine_for(url)
    with engine.connect() as conn:
        if not _has_events_table(conn):
            return []
        rows = conn.execute(
            sa.select(_events.c.sender_id)
            .group_by(_events.c.sender_id)
            .having(sa.func.max(_events.c.timestamp) < older_than)
        ).all()
    return [r[0] for r in rows]


def delete_conversations(sender_ids: Iterable[str], url: str | None = None) -> int:
    """Delete the events of several conversations (in chunks); returns rows deleted."""
    ids = list(sender_ids)
    if not ids:
        return 0
    engine = engine_for(url)
    deleted = 0
    with engine.begin() as conn:
        if not _has_events_table(conn):
            return 0
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            result = conn.execute(
                sa.delete(_events).where(_events.c.sender_id.in_(chunk))
            )
            deleted += int(result.rowcount or 0)
    return deleted
