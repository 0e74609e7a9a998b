"""The firm's conflict list (clients, former clients, adverse parties) and the conflict check
of each lead against it (the matching itself: ``bot.leads.conflicts``).

A new list, replacing the old one or added to it, re-checks every open lead (not signed,
declined or referred) in the same transaction; the audit log records who uploaded how many
names and how many leads it touched, never the names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.leads import models as m
from bot.leads.conflicts import ConflictEntry, find_conflicts
from bot.leads.fields import iso, lead_dict, utcnow
from bot.leads.store.base import StoreBase

CLOSED_STATUSES = ("signed", "declined", "referred")


def _entries(conn: Connection) -> list[ConflictEntry]:
    t = m.conflict_entries
    rows = conn.execute(sa.select(t.c.name, t.c.kind, t.c.note).order_by(t.c.id))
    return [ConflictEntry(r.name, r.kind, r.note or "") for r in rows]


class ConflictsMixin(StoreBase):
    def conflict_matches_for(self, lead: Mapping[str, Any]) -> list[dict[str, str]]:
        """The hits of a lead's names (API values: ``providers`` as a list) on the list."""
        with self.engine.connect() as conn:
            return find_conflicts(lead, _entries(conn))

    def conflict_list(self, limit: int = 1000) -> list[dict[str, Any]]:
        t = m.conflict_entries
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t).order_by(t.c.name, t.c.id).limit(max(1, int(limit)))
            ).mappings()
            return [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "note": r["note"],
                    "added_at": iso(r["added_at"]),
                    "added_by": r["added_by"],
                }
                for r in rows
            ]

    def conflict_list_size(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(m.conflict_entries)
                ).scalar_one()
            )

    def upload_conflict_list(
        self, entries: Sequence[ConflictEntry], replace: bool, staff_id: int | None
    ) -> dict[str, int]:
        """Replace the list with ``entries`` (or add them to it), then re-check every open
        lead; returns ``{"entries", "checked", "with_hits"}`` (the list's new size, the open
        leads checked, and how many of them now have a hit)."""
        now = utcnow()
        with self._tx() as conn:
            if replace:
                conn.execute(sa.delete(m.conflict_entries))
            if entries:
                conn.execute(
                    sa.insert(m.conflict_entries),
                    [
                        {
                            "name": e.name,
                            "kind": e.kind,
                            "note": e.note,
                            "added_at": now,
                            "added_by": staff_id,
                        }
                        for e in entries
                    ],
                )
            checked, with_hits = self._recheck(conn)
            size = int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(m.conflict_entries)
                ).scalar_one()
            )
            conn.execute(
                sa.insert(m.audit_log).values(
                    at=now,
                    staff_id=staff_id,
                    action="conflict_list_upload",
                    lead_id=None,
                    detail=(
                        f"{'replaced' if replace else 'added'} {len(entries)} names; "
                        f"list has {size}; {checked} open leads re-checked, "
                        f"{with_hits} with a hit"
                    ),
                )
            )
        return {"entries": size, "checked": checked, "with_hits": with_hits}

    def recheck_conflicts(self) -> tuple[int, int]:
        """Re-check every open lead against the list: ``(checked, with a hit)``."""
        with self._tx() as conn:
            return self._recheck(conn)

    def _recheck(self, conn: Connection) -> tuple[int, int]:
        entries = _entries(conn)
        t = m.leads
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        rows = (
            conn.execute(sa.select(*cols).where(t.c.status.notin_(CLOSED_STATUSES)))
            .mappings()
            .all()
        )
        with_hits = 0
        for row in rows:
            lead = lead_dict(row, with_snapshot=False)
            hits = find_conflicts(lead, entries)
            with_hits += bool(hits)
            stored = json.dumps(hits)
            if stored != (row["conflict_matches"] or "[]"):
                conn.execute(
                    sa.update(t)
                    .where(t.c.id == row["id"])
                    .values(conflict_matches=stored)
                )
        return len(rows), with_hits
