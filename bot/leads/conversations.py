"""What each conversation in Rasa's SQL tracker store got to: when it started and last moved,
its channel, the slots it holds now, the question it was last asked, and whether the person
ever wrote anything. The insights (``bot.leads.insights``) and the partial leads
(``bot.leads.partial``) read conversations through here.

One pass over the ``events`` table's ``user``, ``slot`` and ``reset_slots`` rows (``data`` is
the event's JSON), oldest first. A missing table is an empty store. Sender ids can be phone
numbers: never logged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from bot.leads.transcripts import engine_for
from bot.leads.vocabulary import channel_name

_events = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("sender_id", sa.String),
    sa.column("type_name", sa.String),
    sa.column("timestamp", sa.Float),
    sa.column("data", sa.Text),
)


@dataclass
class Conversation:
    sender_id: str
    started: float | None = None  # the first user message (epoch seconds)
    last_at: float = 0.0  # the latest user message or slot
    channel: str | None = None  # as staff know it (web, sms)
    slots: dict[str, Any] = field(default_factory=dict)  # non-empty values only
    asked: str | None = None  # the last question (requested_slot) the form asked

    def has(self, *names: str) -> bool:
        """Every one of the slots holds an answer."""
        return all(self.slots.get(name) not in (None, "", []) for name in names)

    def any_of(self, *names: str) -> bool:
        return any(self.slots.get(name) not in (None, "", []) for name in names)


def read(
    url: str | None = None,
    since: float | None = None,
    sender_ids: Iterable[str] | None = None,
) -> list[Conversation]:
    """The conversations with a user message at or after ``since`` (epoch seconds; all when
    None), or only those in ``sender_ids``, oldest first by their first message."""
    engine = engine_for(url)
    e = _events
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("events"):
            return []
        query = (
            sa.select(e.c.sender_id, e.c.type_name, e.c.timestamp, e.c.data)
            .where(e.c.type_name.in_(("user", "slot", "reset_slots")))
            .order_by(e.c.id)
        )
        if sender_ids is not None:
            ids = list(sender_ids)
            if not ids:
                return []
            query = query.where(e.c.sender_id.in_(ids))
        if since is not None:
            recent = sa.select(e.c.sender_id).where(
                e.c.type_name == "user", e.c.timestamp >= since
            )
            query = query.where(e.c.sender_id.in_(recent))
        rows = conn.execute(query).all()
    found: dict[str, Conversation] = {}
    for sender_id, type_name, ts, raw in rows:
        conv = found.get(sender_id)
        if conv is None:
            conv = found[sender_id] = Conversation(sender_id)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            continue
        at = float(ts if ts is not None else data.get("timestamp") or 0.0)
        if type_name == "user":
            if conv.started is None:
                conv.started = at
            if conv.channel is None:
                conv.channel = channel_name(data.get("input_channel"))
            conv.last_at = max(conv.last_at, at)
        elif type_name == "reset_slots":
            conv.slots.clear()
        else:
            name, value = data.get("name"), data.get("value")
            if not isinstance(name, str):
                continue
            conv.last_at = max(conv.last_at, at)
            if name == "requested_slot":
                if value:
                    conv.asked = str(value)
                continue
            if value in (None, "", []):
                conv.slots.pop(name, None)
            else:
                conv.slots[name] = value
    chats = [c for c in found.values() if c.started is not None]
    return sorted(chats, key=lambda c: (c.started or 0.0, c.sender_id))
