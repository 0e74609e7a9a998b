"""The audit trail: who did what to which lead (never contact data or health details)."""

from __future__ import annotations

import sqlalchemy as sa

from bot.leads import models as m
from bot.leads.fields import iso, utcnow
from bot.leads.store.base import StoreBase


class AuditMixin(StoreBase):
    def audit(
        self,
        staff_id: int | None,
        action: str,
        lead_id: int | None = None,
        detail: str = "",
    ) -> None:
        """Append to the audit trail. Keep health details and contact data out of ``detail``."""
        with self._tx() as conn:
            conn.execute(
                sa.insert(m.audit_log).values(
                    at=utcnow(),
                    staff_id=staff_id,
                    action=action[:64],
                    lead_id=lead_id,
                    detail=detail or "",
                )
            )

    def audit_log(self, lead_id: int | None = None, limit: int = 200) -> list[dict]:
        """Newest first: ``{"id", "at", "staff_id", "username", "action", "lead_id", "detail"}``."""
        a, u = m.audit_log, m.staff_users
        query = sa.select(a, u.c.username).select_from(
            a.outerjoin(u, a.c.staff_id == u.c.id)
        )
        if lead_id is not None:
            query = query.where(a.c.lead_id == lead_id)
        query = query.order_by(a.c.at.desc(), a.c.id.desc()).limit(max(1, int(limit)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "id": r["id"],
                "at": iso(r["at"]),
                "staff_id": r["staff_id"],
                "username": r["username"],
                "action": r["action"],
                "lead_id": r["lead_id"],
                "detail": r["detail"],
            }
            for r in rows
        ]
