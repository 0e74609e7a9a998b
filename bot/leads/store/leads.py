"""Leads: create (idempotent per screening, with its notifications queued), read, list by
urgency, and the staff's status changes, notes and assignments."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.leads import models as m
from bot.leads import vocabulary as v
from bot.leads.alerts import alert_targets
from bot.leads.assessment import assess, facts_of, reach_notes_of
from bot.leads.fields import (
    STATUSES,
    as_str,
    clean_payload,
    iso,
    lead_dict,
    new_reference,
    screening_key,
    utcnow,
)
from bot.leads.invite import invitation_rows
from bot.leads.store.base import StoreBase
from bot.leads.store.conflicts import ConflictsMixin
from bot.leads.store.consent import record_screening_consent
from bot.leads.summary import reach_line
from bot.leads.vocabulary import INCOMPLETE

logger = logging.getLogger(__name__)


class LeadsMixin(ConflictsMixin, StoreBase):
    def create_lead(self, payload: dict) -> dict:
        """Store a finished intake; idempotent per screening: on ``payload["dedupe_key"]`` (the
        handoff's ``"<conversation_id>:<screening_id>"``), or on ``conversation_id`` when there is
        none (older callers). One conversation can so hold several leads (an SMS number that
        screens a second matter), while a retried or restarted handoff of the same screening
        gets the lead it already made.

        In the same transaction it queues the notifications (email always, Clio when
        ``CLIO_LEAD_INBOX_URL`` is set, the on-call alerts when ``bot.leads.alerts`` says so). A second call with the same key, also a racing one
        from another process, returns the existing lead unchanged and queues nothing.
        ``ValueError`` when the payload has no ``conversation_id``.

        A partial lead (outcome ``incomplete``, ``bot.leads.partial``) is the exception: the
        finished screening's payload completes that same lead (``_complete_lead``).
        """
        conversation_id = as_str(payload.get("conversation_id"), 255)
        if not conversation_id:
            raise ValueError("payload has no conversation_id")
        key = screening_key(payload)
        existing = self._lead_by_screening_key(key)
        if existing is not None:
            if existing.get("outcome") == INCOMPLETE and not payload.get("partial"):
                return self._complete_lead(existing, payload)
            return existing
        row = clean_payload(payload)
        # The case evaluation (strength, summary, pre-suit, conflicts), kept with the lead.
        row.update(assess(row, reach=reach_notes_of(payload)))
        row["conflict_matches"] = json.dumps(self.conflict_matches_for(facts_of(row)))
        channels: list[tuple[str, str | None]] = [("email", None)]
        if self.settings.clio_lead_inbox_url:
            channels.append(("clio", None))
        # The on-call alerts (bot.leads.alerts): urgent leads, or any in the alert hours.
        channels += alert_targets(row, self.settings, utcnow())
        # The person's calendar invitation for the chosen callback time (bot.leads.invite).
        channels += invitation_rows(
            None, row.get("callback_time"), row.get("contact_email"), 0
        )
        for _ in range(5):
            now = utcnow()
            reference = new_reference()
            try:
                with self._tx() as conn:
                    lead_id = conn.execute(
                        sa.insert(m.leads).values(
                            **row,
                            reference=reference,
                            conversation_id=conversation_id,
                            screening_key=key,
                            created_at=now,
                            updated_at=now,
                            status="new",
                        )
                    ).inserted_primary_key[0]
                    conn.execute(
                        sa.insert(m.lead_status_history).values(
                            lead_id=lead_id,
                            from_status=None,
                            to_status="new",
                            staff_id=None,
                            at=now,
                        )
                    )
                    for channel, target in channels:
                        conn.execute(
                            sa.insert(m.outbox).values(
                                lead_id=lead_id,
                                channel=channel,
                                target=target,
                                status="pending",
                                attempts=0,
                                next_attempt_at=now,
                                created_at=now,
                            )
                        )
                    conn.execute(
                        sa.insert(m.audit_log).values(
                            at=now,
                            staff_id=None,
                            action="lead_created",
                            lead_id=lead_id,
                            detail=f"{reference} via {row['channel'] or 'unknown'}",
                        )
                    )
                    record_screening_consent(conn, lead_id, row, conversation_id, now)
            except IntegrityError:
                existing = self._lead_by_screening_key(key)
                if existing is not None:
                    return existing  # the same screening, written meanwhile by someone else
                continue  # a reference collision: draw another
            logger.info(
                "lead %s created (%s, outcome %s)", lead_id, reference, row["outcome"]
            )
            lead = self.get_lead(lead_id)
            assert lead is not None
            return lead
        raise RuntimeError("could not allocate a unique lead reference")

    def _complete_lead(self, lead: dict, payload: dict) -> dict:
        """A partial (``incomplete``) lead whose screening the person finished: the same lead
        takes every fact of the finished screening, its intake email goes out again (now
        with the outcome) and the on-call alerts are queued when it is urgent. Its status
        and assignment stay as staff left them."""
        row = clean_payload(payload)
        # The finished screening's case evaluation replaces the partial one.
        row.update(assess(row, reach=reach_notes_of(payload)))
        row["conflict_matches"] = json.dumps(self.conflict_matches_for(facts_of(row)))
        now = utcnow()
        wanted = [("email", None)] + alert_targets(row, self.settings, now)
        with self._tx() as conn:
            updated = conn.execute(
                sa.update(m.leads)
                .where(m.leads.c.id == lead["id"], m.leads.c.outcome == INCOMPLETE)
                .values(**row, updated_at=now)
            ).rowcount
            if updated:
                conn.execute(
                    sa.update(m.outbox)
                    .where(
                        m.outbox.c.lead_id == lead["id"], m.outbox.c.channel == "email"
                    )
                    .values(status="pending", attempts=0, next_attempt_at=now)
                )
                have = set(
                    conn.execute(
                        sa.select(m.outbox.c.channel).where(
                            m.outbox.c.lead_id == lead["id"]
                        )
                    ).scalars()
                )
                for channel, target in wanted:
                    if channel in have:
                        continue
                    conn.execute(
                        sa.insert(m.outbox).values(
                            lead_id=lead["id"],
                            channel=channel,
                            target=target,
                            status="pending",
                            attempts=0,
                            next_attempt_at=now,
                            created_at=now,
                        )
                    )
                if row.get("callback_time") != lead.get("callback_time"):
                    self._queue_invitations(conn, lead["id"], lead, row, now)
                conn.execute(
                    sa.insert(m.audit_log).values(
                        at=now,
                        staff_id=None,
                        action="lead_completed",
                        lead_id=lead["id"],
                        detail=f"{lead['reference']} finished: {row['outcome']}",
                    )
                )
        completed = self.get_lead(lead["id"])
        assert completed is not None
        return completed

    def update_lead_facts(self, lead_id: int, payload: dict) -> dict | None:
        """Apply a screening's facts again to its lead, when the person changed something after
        it was written (a correction, a request for a call, a fix at the read-back).

        Only the screening's fields that differ are written (``days_left`` follows the deadline
        and is not a change of its own), with the transcript snapshot. Each change is recorded
        for staff in the same transaction: an audit entry naming the fields (never their values:
        the audit trail keeps no health or contact details) and a note on the lead with the old
        and new values, from no staff member. Returns the lead, or None when there is no such
        lead; a payload that changes nothing writes nothing."""
        new = clean_payload(payload)
        names = [
            f.name for f in v.SLOT_FIELDS if f.name in payload and f.name != "days_left"
        ]
        # Everything worked out from the facts follows them: the case evaluation (its summary
        # names the state and the deadline), the pre-suit rules, the conflict matches.
        assessed = assess(new, reach=reach_notes_of(payload))
        evaluated = {
            name: assessed[name]
            for name in (
                "case_strength",
                "case_strength_reasons",
                "case_summary",
                "pre_suit",
            )
        }
        evaluated["conflict_matches"] = json.dumps(
            self.conflict_matches_for(facts_of({**new, **assessed}))
        )
        with self._tx() as conn:
            row = (
                conn.execute(sa.select(m.leads).where(m.leads.c.id == lead_id))
                .mappings()
                .first()
            )
            if row is None:
                return None
            changed = [name for name in names if new[name] != row[name]]
            # What they said about reaching them, said after the lead ("I am home all day
            # except Tuesday and Thursday mornings"): the summary's line of it is new
            reach = reach_line(reach_notes_of(payload))
            reach_said = bool(reach) and reach not in str(row["case_summary"] or "")
            if not changed and not reach_said:
                return None
            now = utcnow()
            values = {name: new[name] for name in changed}
            values.update(
                days_left=new["days_left"],
                priority_band=new["priority_band"],
                transcript_snapshot=new["transcript_snapshot"],
                updated_at=now,
            )
            values.update(evaluated)
            conn.execute(
                sa.update(m.leads).where(m.leads.c.id == lead_id).values(**values)
            )
            if "callback_time" in changed:
                self._queue_invitations(conn, lead_id, row, new, now)
            conn.execute(
                sa.insert(m.audit_log).values(
                    at=now,
                    staff_id=None,
                    action="lead_updated_in_conversation",
                    lead_id=lead_id,
                    detail="changed by the client: "
                    + ", ".join(changed or ["how to reach them"]),
                )
            )
            lines = [
                f"{v.FIELDS_BY_NAME[name].label}: {_shown(row[name])} -> {_shown(new[name])}"
                for name in changed
            ] or [reach]
            conn.execute(
                sa.insert(m.lead_notes).values(
                    lead_id=lead_id,
                    staff_id=None,
                    text="Changed by the client in the conversation after the lead was "
                    "written:\n" + "\n".join(lines),
                    created_at=now,
                )
            )
        logger.info("lead %s updated in the conversation (%s)", lead_id, changed)
        return self.get_lead(lead_id)

    def _queue_invitations(
        self, conn: Any, lead_id: int, row: Any, new: dict, now: datetime
    ) -> None:
        """The calendar invitation for a changed callback time: the same event again with
        the next sequence, or its cancel (``bot.leads.invite``)."""
        o = m.outbox
        sent_before = conn.execute(
            sa.select(sa.func.count())
            .select_from(o)
            .where(o.c.lead_id == lead_id, o.c.channel.like("invite:%"))
        ).scalar_one()
        rows = invitation_rows(
            row["callback_time"],
            new["callback_time"],
            new.get("contact_email") or row["contact_email"],
            int(sent_before),
        )
        for channel, target in rows:
            conn.execute(
                sa.insert(o).values(
                    lead_id=lead_id,
                    channel=channel,
                    target=target,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )

    def booked_callback_times(self) -> list[str]:
        """Every callback time booked on a lead (ISO texts), to count a slot's calls."""
        t = m.leads
        with self.engine.connect() as conn:
            return [
                value
                for (value,) in conn.execute(
                    sa.select(t.c.callback_time).where(t.c.callback_time.isnot(None))
                )
            ]

    def callbacks_between(self, start: datetime, end: datetime) -> list[dict]:
        """The leads with a call booked in ``[start, end)`` (aware), earliest call first; the
        dicts leave out ``transcript_snapshot``, like ``list_leads``."""
        from actions.callback import from_slot_value

        t = m.leads
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        with self.engine.connect() as conn:
            rows = (
                conn.execute(sa.select(*cols).where(t.c.callback_time.isnot(None)))
                .mappings()
                .all()
            )
        found = []
        for r in rows:
            at = from_slot_value(r["callback_time"])
            if at is not None and start <= at < end:
                found.append((at, r["id"], lead_dict(r, with_snapshot=False)))
        return [lead for _, _, lead in sorted(found, key=lambda x: (x[0], x[1]))]

    def _lead_by_screening_key(self, key: str) -> dict | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(m.leads).where(m.leads.c.screening_key == key))
                .mappings()
                .first()
            )
        return lead_dict(row, with_snapshot=True) if row else None

    def leads_for_conversation(self, conversation_id: str) -> list[dict]:
        """Every lead made in one conversation (one per screening), oldest first; the dicts
        leave out ``transcript_snapshot``, like ``list_leads``."""
        t = m.leads
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(*cols)
                    .where(t.c.conversation_id == conversation_id)
                    .order_by(t.c.created_at, t.c.id)
                )
                .mappings()
                .all()
            )
        return [lead_dict(r, with_snapshot=False) for r in rows]

    def get_lead(self, lead_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(m.leads).where(m.leads.c.id == lead_id))
                .mappings()
                .first()
            )
        return lead_dict(row, with_snapshot=True) if row else None

    def get_lead_by_reference(self, reference: str) -> dict | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.select(m.leads).where(
                        m.leads.c.reference == reference.strip().upper()
                    )
                )
                .mappings()
                .first()
            )
        return lead_dict(row, with_snapshot=True) if row else None

    def list_leads(
        self,
        status: str | None = None,
        outcome: str | None = None,
        channel: str | None = None,
        state: str | None = None,
        q: str | None = None,
        limit: int = 500,
        *,
        assigned_to: int | None = None,
        unassigned: bool = False,
        created_from: datetime | None = None,
        created_before: datetime | None = None,
        strength: str | None = None,
        conflicts: bool = False,
        sort: str = "priority",
    ) -> list[dict]:
        """Leads, most urgent first (priority band, then nearest deadline), newest first within
        equal priority. ``q`` matches reference, contact name/email/phone case-insensitively.
        The morning queue's filters: ``assigned_to`` a staff id, ``unassigned``, and created in
        ``[created_from, created_before)`` (naive UTC). ``strength`` keeps one case strength,
        ``conflicts`` only leads with a conflict hit; ``sort="strength"`` puts strong leads first
        (then by urgency). The dicts leave out ``transcript_snapshot``."""
        t = m.leads
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        query = sa.select(*cols)
        if assigned_to is not None:
            query = query.where(t.c.assigned_to == assigned_to)
        if unassigned:
            query = query.where(t.c.assigned_to.is_(None))
        if created_from is not None:
            query = query.where(t.c.created_at >= created_from)
        if created_before is not None:
            query = query.where(t.c.created_at < created_before)
        if status:
            query = query.where(t.c.status == status)
        if outcome:
            query = query.where(t.c.outcome == outcome)
        if channel:
            query = query.where(t.c.channel == channel)
        if state:
            query = query.where(t.c.state == state.upper())
        if strength:
            query = query.where(t.c.case_strength == strength)
        if conflicts:
            query = query.where(
                t.c.conflict_matches.isnot(None), t.c.conflict_matches != "[]"
            )
        if q and q.strip():
            needle = (
                q.strip()
                .lower()
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
            )
            pattern = f"%{needle}%"
            query = query.where(
                sa.or_(
                    *(
                        sa.func.lower(col).like(pattern, escape="\\")
                        for col in (
                            t.c.reference,
                            t.c.contact_name,
                            t.c.contact_email,
                            t.c.contact_phone,
                        )
                    )
                )
            )
        first: list[Any] = []
        if sort == "strength":
            first.append(
                sa.case(
                    {name: rank for rank, name in enumerate(v.CASE_STRENGTHS)},
                    value=t.c.case_strength,
                    else_=len(v.CASE_STRENGTHS),
                )
            )
        query = query.order_by(
            *first,
            t.c.priority_band,
            t.c.deadline.is_(None),
            t.c.deadline,
            t.c.created_at.desc(),
            t.c.id.desc(),
        ).limit(max(1, min(int(limit), 5000)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [lead_dict(r, with_snapshot=False) for r in rows]

    def set_status(self, lead_id: int, status: str, staff_id: int | None) -> bool:
        """Move a lead to ``status`` and record it in the status history. False when there is no
        such lead; ``ValueError`` for an unknown status. Setting the current status is a no-op."""
        if status not in STATUSES:
            raise ValueError(
                f"unknown status {status!r}; expected one of {', '.join(STATUSES)}"
            )
        with self._tx() as conn:
            current = conn.execute(
                sa.select(m.leads.c.status).where(m.leads.c.id == lead_id)
            ).scalar_one_or_none()
            if current is None:
                return False
            if current == status:
                return True
            now = utcnow()
            conn.execute(
                sa.update(m.leads)
                .where(m.leads.c.id == lead_id)
                .values(status=status, updated_at=now)
            )
            conn.execute(
                sa.insert(m.lead_status_history).values(
                    lead_id=lead_id,
                    from_status=current,
                    to_status=status,
                    staff_id=staff_id,
                    at=now,
                )
            )
        return True

    def status_history(self, lead_id: int) -> list[dict]:
        h, u = m.lead_status_history, m.staff_users
        query = (
            sa.select(h, u.c.username, u.c.display_name)
            .select_from(h.outerjoin(u, h.c.staff_id == u.c.id))
            .where(h.c.lead_id == lead_id)
            .order_by(h.c.at, h.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "id": r["id"],
                "lead_id": r["lead_id"],
                "from_status": r["from_status"],
                "to_status": r["to_status"],
                "staff_id": r["staff_id"],
                "username": r["username"],
                "display_name": r["display_name"],
                "at": iso(r["at"]),
            }
            for r in rows
        ]

    def add_note(self, lead_id: int, staff_id: int | None, text: str) -> dict | None:
        """Add a staff note; returns it, or None when there is no such lead."""
        text = (text or "").strip()
        if not text:
            raise ValueError("a note needs text")
        now = utcnow()
        with self._tx() as conn:
            exists = conn.execute(
                sa.select(m.leads.c.id).where(m.leads.c.id == lead_id)
            ).first()
            if exists is None:
                return None
            note_id = conn.execute(
                sa.insert(m.lead_notes).values(
                    lead_id=lead_id, staff_id=staff_id, text=text, created_at=now
                )
            ).inserted_primary_key[0]
            conn.execute(
                sa.update(m.leads).where(m.leads.c.id == lead_id).values(updated_at=now)
            )
        return {
            "id": note_id,
            "lead_id": lead_id,
            "staff_id": staff_id,
            "text": text,
            "created_at": iso(now),
        }

    def notes(self, lead_id: int) -> list[dict]:
        n, u = m.lead_notes, m.staff_users
        query = (
            sa.select(n, u.c.username, u.c.display_name)
            .select_from(n.outerjoin(u, n.c.staff_id == u.c.id))
            .where(n.c.lead_id == lead_id)
            .order_by(n.c.created_at, n.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "id": r["id"],
                "lead_id": r["lead_id"],
                "staff_id": r["staff_id"],
                "username": r["username"],
                "display_name": r["display_name"],
                "text": r["text"],
                "created_at": iso(r["created_at"]),
            }
            for r in rows
        ]

    def assign(self, lead_id: int, staff_id: int | None) -> bool:
        """Assign a lead to a staff user (None unassigns). False when there is no such lead;
        ``ValueError`` for an unknown staff id."""
        with self._tx() as conn:
            if staff_id is not None:
                found = conn.execute(
                    sa.select(m.staff_users.c.id).where(m.staff_users.c.id == staff_id)
                ).first()
                if found is None:
                    raise ValueError(f"no staff user {staff_id}")
            result = conn.execute(
                sa.update(m.leads)
                .where(m.leads.c.id == lead_id)
                .values(assigned_to=staff_id, updated_at=utcnow())
            )
            return bool(result.rowcount)


def _shown(value: object) -> str:
    """A stored value as a staff note shows it (long text cut, nothing as "(none)")."""
    if value is None or value == "":
        return "(none)"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
