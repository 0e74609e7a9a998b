"""The morning queue's reads: first contact times, the leads that share a person's phone or
email, and the notes of many leads at once (the CSV)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.leads import models as m
from bot.leads.fields import iso, lead_dict
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
