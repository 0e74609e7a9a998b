"""The notification outbox's rows: what is due, claiming one with a lease, recording each
attempt, re-queueing a failure, and what the inbox shows of them. Delivery itself is
``bot.leads.outbox``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.leads import models as m
from bot.leads.fields import iso, utcnow
from bot.leads.store.base import StoreBase


class OutboxMixin(StoreBase):
    def notification_attempts(self, lead_id: int) -> list[dict]:
        """Every delivery attempt: ``{"channel", "attempt", "at", "ok", "error"}``, oldest first."""
        a = m.notification_attempts
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(a).where(a.c.lead_id == lead_id).order_by(a.c.at, a.c.id)
                )
                .mappings()
                .all()
            )
        return [
            {
                "channel": r["channel"],
                "attempt": r["attempt"],
                "at": iso(r["at"]),
                "ok": bool(r["ok"]),
                "error": r["error"],
            }
            for r in rows
        ]

    def notifications(self, lead_id: int) -> list[dict]:
        """The outbox rows of a lead: ``{"channel", "status" (pending|sent|failed), "attempts",
        "next_attempt_at", "sent_at", "last_error"}``."""
        o = m.outbox
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(o).where(o.c.lead_id == lead_id).order_by(o.c.id)
                )
                .mappings()
                .all()
            )
        return [
            {
                "channel": r["channel"],
                "status": r["status"],
                "attempts": r["attempts"],
                "next_attempt_at": iso(r["next_attempt_at"]),
                "sent_at": iso(r["sent_at"]),
                "last_error": r["last_error"],
            }
            for r in rows
        ]

    def due_notifications(self, now: datetime, limit: int = 50) -> list[dict]:
        o = m.outbox
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(o)
                    .where(o.c.status == "pending", o.c.next_attempt_at <= now)
                    .order_by(o.c.next_attempt_at, o.c.id)
                    .limit(limit)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def claim_notification(self, row: dict, lease_until: datetime) -> bool:
        """Take a due outbox row for sending (optimistic: only one process wins)."""
        o = m.outbox
        with self._tx() as conn:
            result = conn.execute(
                sa.update(o)
                .where(
                    o.c.id == row["id"],
                    o.c.status == "pending",
                    o.c.next_attempt_at == row["next_attempt_at"],
                )
                .values(next_attempt_at=lease_until)
            )
            return result.rowcount == 1

    def record_attempt(
        self,
        row: dict,
        ok: bool,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime | None,
        give_up: bool = False,
    ) -> int:
        """Write one attempt and move the outbox row on; returns the attempt number."""
        o, a = m.outbox, m.notification_attempts
        with self._tx() as conn:
            attempts = conn.execute(
                sa.select(o.c.attempts).where(o.c.id == row["id"])
            ).scalar_one_or_none()
            if attempts is None:
                return 0  # the lead was erased meanwhile
            attempt = attempts + 1
            conn.execute(
                sa.insert(a).values(
                    outbox_id=row["id"],
                    lead_id=row["lead_id"],
                    channel=row["channel"],
                    attempt=attempt,
                    at=now,
                    ok=ok,
                    error=error,
                )
            )
            values: dict[str, Any] = {"attempts": attempt, "last_error": error}
            if ok:
                values.update(status="sent", sent_at=now)
            elif give_up:
                values.update(status="failed")
            else:
                values.update(next_attempt_at=next_attempt_at)
            conn.execute(sa.update(o).where(o.c.id == row["id"]).values(**values))
        return attempt

    def retry_notification(self, lead_id: int, channel: str) -> bool:
        """Put a failed (or pending) notification back in the queue, due now."""
        o = m.outbox
        with self._tx() as conn:
            result = conn.execute(
                sa.update(o)
                .where(
                    o.c.lead_id == lead_id, o.c.channel == channel, o.c.status != "sent"
                )
                .values(status="pending", attempts=0, next_attempt_at=utcnow())
            )
            return bool(result.rowcount)
