"""SMS consent and delivery bookkeeping: STOP/START opt-outs and Twilio MessageSids seen."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.leads import models as m
from bot.leads.fields import iso, utcnow
from bot.leads.store.base import StoreBase


class ConsentMixin(StoreBase):
    def is_opted_out(self, phone: str) -> bool:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(m.sms_opt_outs.c.opted_out).where(
                    m.sms_opt_outs.c.phone == _phone(phone)
                )
            ).scalar_one_or_none()
        return bool(value)

    def set_opt_out(self, phone: str, opted_out: bool) -> None:
        """Record STOP (True) or START (False) for a number; the row keeps the latest choice."""
        phone, now, t = _phone(phone), utcnow(), m.sms_opt_outs
        if not phone:
            raise ValueError("phone must not be empty")
        for _ in range(3):
            with self._tx() as conn:
                result = conn.execute(
                    sa.update(t)
                    .where(t.c.phone == phone)
                    .values(opted_out=bool(opted_out), updated_at=now)
                )
                if result.rowcount:
                    return
            try:
                with self._tx() as conn:
                    conn.execute(
                        sa.insert(t).values(
                            phone=phone, opted_out=bool(opted_out), updated_at=now
                        )
                    )
                return
            except IntegrityError:
                continue  # inserted by someone else meanwhile: update it

    def list_opt_outs(self) -> list[dict]:
        """Numbers currently opted out: ``{"phone", "opted_out": True, "updated_at"}``."""
        t = m.sms_opt_outs
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(t)
                    .where(t.c.opted_out.is_(True))
                    .order_by(t.c.updated_at.desc())
                )
                .mappings()
                .all()
            )
        return [
            {"phone": r["phone"], "opted_out": True, "updated_at": iso(r["updated_at"])}
            for r in rows
        ]

    def claim_message_sid(self, sid: str) -> bool:
        """True the first time a Twilio MessageSid is seen, False after (also across processes)."""
        sid = (sid or "").strip()
        if not sid:
            raise ValueError("sid must not be empty")
        try:
            with self._tx() as conn:
                conn.execute(
                    sa.insert(m.inbound_messages).values(
                        sid=sid[:64], received_at=utcnow()
                    )
                )
        except IntegrityError:
            return False
        return True

    def prune_message_sids(self, days: int = 30) -> int:
        """Forget MessageSids older than ``days`` (Twilio retries within minutes)."""
        cutoff = utcnow() - timedelta(days=days)
        with self._tx() as conn:
            result = conn.execute(
                sa.delete(m.inbound_messages).where(
                    m.inbound_messages.c.received_at < cutoff
                )
            )
            return int(result.rowcount or 0)


def _phone(phone: str) -> str:
    return "".join((phone or "").split())[:32]
