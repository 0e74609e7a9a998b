"""Privacy: erasing a lead on request, and the retention purge of conversations that never
became leads."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.leads import models as m
from bot.leads import transcripts
from bot.leads.fields import utcnow
from bot.leads.store.audit import AuditMixin

logger = logging.getLogger(__name__)


class PrivacyMixin(AuditMixin):  # the purge writes an audit row
    def erase_lead(self, lead_id: int, staff_id: int | None) -> bool:
        """Delete a lead with its notes, status history, outbox and attempts, its screening's row
        of the consent record, any spooled copy of its screening, and its conversation in the
        tracker store; writes an audit row (reference and channel only). Returns False when
        there is no such lead.

        A conversation can hold several leads (one per screening). The tracker conversation is
        deleted only when no other lead has the same ``conversation_id``: erasing one of two
        screenings from one SMS number keeps the shared conversation for the other lead (its
        transcript), and the audit row says so. When it is deleted, the tracker store goes
        first: if it cannot be reached the lead stays and nothing is lost from view. If the
        other leads disappear while this one is erased (two erasures at once), the conversation
        is deleted afterwards; should the tracker store fail just then, the retention purge
        (``purge_stale_conversations``) removes it, since no lead refers to it any more."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(
                    m.leads.c.reference,
                    m.leads.c.conversation_id,
                    m.leads.c.channel,
                    m.leads.c.screening_key,
                ).where(m.leads.c.id == lead_id)
            ).first()
        if row is None:
            return False
        reference, conversation_id, channel, key = row
        others = self._other_leads_of_conversation(conversation_id, lead_id)
        events = 0
        if not others:
            events = transcripts.delete_conversation(
                conversation_id, self.settings.tracker_store_url
            )
        from bot.leads.spool import discard_spooled

        discard_spooled(key, self.settings.spool_dir)
        if others:
            tracker = f"tracker conversation kept: {others} other lead(s) share it"
        else:
            tracker = f"{events} tracker events deleted"
        with self._tx() as conn:
            for table in (
                m.notification_attempts,
                m.outbox,
                m.lead_notes,
                m.lead_status_history,
            ):
                conn.execute(sa.delete(table).where(table.c.lead_id == lead_id))
            # The screening's own consent row goes with it; opt-outs and opt-ins texted from
            # the number stay (they are about the number, and must still be honoured).
            conn.execute(
                sa.delete(m.sms_consent_events).where(
                    m.sms_consent_events.c.lead_id == lead_id
                )
            )
            deleted = conn.execute(
                sa.delete(m.leads).where(m.leads.c.id == lead_id)
            ).rowcount
            conn.execute(
                sa.insert(m.audit_log).values(
                    at=utcnow(),
                    staff_id=staff_id,
                    action="lead_erased",
                    lead_id=lead_id,
                    detail=f"{reference} ({channel or 'unknown'}); {tracker}",
                )
            )
        if others and not self._other_leads_of_conversation(conversation_id, lead_id):
            # The other leads were erased meanwhile, and each erasure kept the conversation
            # for the other: the last one to finish deletes it.
            try:
                transcripts.delete_conversation(
                    conversation_id, self.settings.tracker_store_url
                )
            except Exception as exc:
                logger.warning(
                    "lead %s erased; its conversation is left for the retention purge (%s)",
                    lead_id,
                    type(exc).__name__,
                )
        logger.info("lead %s (%s) erased by staff %s", lead_id, reference, staff_id)
        return bool(deleted)

    def _other_leads_of_conversation(self, conversation_id: str, lead_id: int) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(m.leads)
                    .where(
                        m.leads.c.conversation_id == conversation_id,
                        m.leads.c.id != lead_id,
                    )
                ).scalar_one()
            )

    def purge_stale_conversations(self, days: int) -> int:
        """Retention: delete tracker-store conversations whose last event is older than ``days``
        and that never became a lead. Returns the number of conversations deleted."""
        if days < 0:
            raise ValueError("days must be >= 0")
        tracker_url = self.settings.tracker_store_url
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).timestamp()
        stale = transcripts.stale_sender_ids(cutoff, tracker_url)
        if not stale:
            return 0
        keep: set = set()
        with self.engine.connect() as conn:
            for i in range(0, len(stale), 500):
                chunk = stale[i : i + 500]
                keep.update(
                    conn.execute(
                        sa.select(m.leads.c.conversation_id).where(
                            m.leads.c.conversation_id.in_(chunk)
                        )
                    ).scalars()
                )
        doomed = [s for s in stale if s not in keep]
        transcripts.delete_conversations(doomed, tracker_url)
        if doomed:
            self.audit(
                None,
                "conversations_purged",
                None,
                f"{len(doomed)} conversations older than {days} days",
            )
        logger.info("purged %s stale conversations", len(doomed))
        return len(doomed)
