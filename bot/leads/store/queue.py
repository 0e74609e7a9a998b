"""The morning queue's reads: first contact times, the leads that share a person's phone or
email, and the notes of many leads at once (the CSV); and the outbox rows about no one lead
(the weekly insights summary)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.leads import models as m
from bot.leads.fields import iso, lead_dict, utcnow
from bot.leads.store.base import StoreBase


class QueueMixin(StoreBase):
    def first_contact_times(
        self, lead_ids: list[int] | None = None
    ) -> dict[int, datetime]:
        """When each lead first left ``new`` (naive UTC), for the leads that have; all leads
        when ``lead_ids`` is None."""
        h = m.lead_status_history
        query = (
            sa.select(h.c.lead_id, sa.func.min(h.c.at))
            .where(h.c.from_status == "new")
            .group_by(h.c.lead_id)
        )
        if lead_ids is not None:
            if not lead_ids:
                return {}
            query = query.where(h.c.lead_id.in_(lead_ids))
        with self.engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(query)}

    def leads_sharing_contact(self, lead: dict) -> list[dict]:
        """Other leads with the same phone or email (case-insensitive), oldest first; the dicts
        leave out ``transcript_snapshot``."""
        t = m.leads
        conditions = []
        if lead.get("contact_phone"):
            conditions.append(t.c.contact_phone == lead["contact_phone"])
        if lead.get("contact_email"):
            email = lead["contact_email"].strip().lower()
            conditions.append(sa.func.lower(t.c.contact_email) == email)
        if not conditions:
            return []
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        query = (
            sa.select(*cols)
            .where(sa.or_(*conditions), t.c.id != lead["id"])
            .order_by(t.c.created_at, t.c.id)
            .limit(50)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [lead_dict(r, with_snapshot=False) for r in rows]

    def notes_for(self, lead_ids: list[int]) -> dict[int, list[dict]]:
        """The notes of several leads at once (the CSV), oldest first, like ``notes``."""
        if not lead_ids:
            return {}
        n, u = m.lead_notes, m.staff_users
        query = (
            sa.select(n, u.c.username, u.c.display_name)
            .select_from(n.outerjoin(u, n.c.staff_id == u.c.id))
            .where(n.c.lead_id.in_(lead_ids))
            .order_by(n.c.created_at, n.c.id)
        )
        found: dict[int, list[dict]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                found.setdefault(r["lead_id"], []).append(
                    {
                        "id": r["id"],
                        "lead_id": r["lead_id"],
                        "staff_id": r["staff_id"],
                        "username": r["username"],
                        "display_name": r["display_name"],
                        "text": r["text"],
                        "created_at": iso(r["created_at"]),
                    }
                )
        return found

    def queue_report(self, channel: str, target: str, not_within: timedelta) -> bool:
        """Queue an outbox row about no one lead (the weekly summary to ``target``), due now;
        False when one for the same channel and target was queued within ``not_within``."""
        o = m.outbox
        now = utcnow()
        with self._tx() as conn:
            recent = conn.execute(
                sa.select(o.c.id).where(
                    o.c.lead_id.is_(None),
                    o.c.channel == channel,
                    o.c.target == target,
                    o.c.created_at > now - not_within,
                )
            ).first()
            if recent is not None:
                return False
            conn.execute(
                sa.insert(o).values(
                    lead_id=None,
                    channel=channel,
                    target=target,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
        return True

    def reports(self, channel: str) -> list[dict]:
        """The outbox rows about no one lead on ``channel``, oldest first."""
        o = m.outbox
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(o)
                    .where(o.c.lead_id.is_(None), o.c.channel == channel)
                    .order_by(o.c.id)
                )
                .mappings()
                .all()
            )
        return [
            {
                "id": r["id"],
                "channel": r["channel"],
                "target": r["target"],
                "status": r["status"],
                "attempts": r["attempts"],
                "created_at": iso(r["created_at"]),
                "sent_at": iso(r["sent_at"]),
                "last_error": r["last_error"],
            }
            for r in rows
        ]

    def lead_for_screening(self, key: str) -> dict | None:
        """The lead of a screening key (``fields.screening_key``), if one was written."""
        t = m.leads
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(*cols).where(t.c.screening_key == key))
                .mappings()
                .first()
            )
        return lead_dict(row, with_snapshot=False) if row else None
