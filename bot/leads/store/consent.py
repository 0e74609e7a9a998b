"""SMS consent and delivery bookkeeping: opt-outs, the dated consent record, Twilio MessageSids.

- ``sms_opt_outs`` holds each number's current choice (``is_opted_out``, ``list_opt_outs``).
- ``sms_consent_events`` is the dated record behind it, one row per act: every opt-out and
  opt-in texted, and the consent to be contacted given or refused in a screening (written with
  the lead, in its transaction: ``record_screening_consent``). Rows are only ever added.
- ``inbound_messages`` remembers Twilio MessageSids for ``TWILIO_SID_RETENTION_DAYS`` (default
  400): Twilio retries within minutes, but a captured signed request could be replayed any time,
  so the id is kept long after that.

``receive_sms`` does a text's bookkeeping in ONE transaction: it claims the MessageSid, reads the
number's state and applies an opt-out or opt-in. If the database fails, nothing is kept (not even
the MessageSid), so the channel answers 503 and Twilio's retry is processed in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from bot.leads import models as m
from bot.leads.fields import iso, utcnow
from bot.leads.store.base import StoreBase

OPT_OUT = "opt_out"
OPT_IN = "opt_in"
CONSENT_GIVEN = "consent_given"
CONSENT_REFUSED = "consent_refused"
ACTION_LABELS = {
    OPT_OUT: "Opted out of texts",
    OPT_IN: "Opted back in to texts",
    CONSENT_GIVEN: "Agreed to be contacted",
    CONSENT_REFUSED: "Declined to be contacted",
}


@dataclass(frozen=True)
class SmsReceipt:
    """What ``receive_sms`` found and did."""

    first_time: bool  # False: this MessageSid was seen before; nothing was done
    was_opted_out: bool  # the number's state before this message
    opted_out: bool  # and after it

    @property
    def changed(self) -> bool:
        return self.first_time and self.was_opted_out != self.opted_out


class ConsentMixin(StoreBase):
    def is_opted_out(self, phone: str) -> bool:
        with self.engine.connect() as conn:
            return _opted_out(conn, _phone(phone))

    def set_opt_out(
        self, phone: str, opted_out: bool, channel: str = "", detail: str = ""
    ) -> None:
        """Record STOP (True) or START (False) for a number; the row keeps the latest choice.
        With a ``channel`` (e.g. ``"sms"``) the act is also added to the consent record."""
        phone = _phone(phone)
        if not phone:
            raise ValueError("phone must not be empty")
        for _ in range(3):
            try:
                with self._tx() as conn:
                    _set_state(conn, phone, bool(opted_out))
                    if channel:
                        _add_event(
                            conn,
                            phone,
                            OPT_OUT if opted_out else OPT_IN,
                            channel,
                            detail,
                        )
                return
            except IntegrityError:
                continue  # the number's row was inserted by someone else meanwhile

    def receive_sms(
        self,
        sid: str,
        phone: str,
        action: str | None = None,
        detail: str = "",
        only_if_opted_out: bool = False,
    ) -> SmsReceipt:
        """A text's bookkeeping, all or nothing: claim ``sid``; read the number's state; with
        ``action`` (``"opt_out"`` / ``"opt_in"``) set it and add the dated record row (an opt-in
        with ``only_if_opted_out`` only while the number is opted out: a "YES").

        A MessageSid seen before returns ``first_time=False`` and changes nothing. Database
        errors propagate with nothing kept."""
        sid, phone = (sid or "").strip()[:64], _phone(phone)
        if not sid or not phone:
            raise ValueError("sid and phone must not be empty")
        if action not in (None, OPT_OUT, OPT_IN):
            raise ValueError(f"unknown action {action!r}")
        for _ in range(3):
            try:
                with self._tx() as conn:
                    conn.execute(
                        sa.insert(m.inbound_messages).values(
                            sid=sid, received_at=utcnow()
                        )
                    )
                    was = _opted_out(conn, phone)
                    now = was
                    if action == OPT_OUT or (
                        action == OPT_IN and (was or not only_if_opted_out)
                    ):
                        now = action == OPT_OUT
                        _set_state(conn, phone, now)
                        _add_event(conn, phone, action, "sms", detail)
                    return SmsReceipt(True, was, now)
            except IntegrityError:
                # Everything was rolled back. A MessageSid seen before is a repeat; otherwise
                # the number's row was inserted by someone else meanwhile: try again.
                with self.engine.connect() as conn:
                    seen = conn.execute(
                        sa.select(m.inbound_messages.c.sid).where(
                            m.inbound_messages.c.sid == sid
                        )
                    ).first()
                    if seen is not None:
                        was = _opted_out(conn, phone)
                        return SmsReceipt(False, was, was)
        raise RuntimeError("could not record the message")

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

    def consent_history(
        self, phones: list[str] | None = None, limit: int = 200
    ) -> list[dict]:
        """The dated consent record, newest first: of ``phones`` (any of their spellings), or
        of every number. Each row: ``{"phone", "at", "action", "label", "channel", "detail",
        "lead_id"}``."""
        t = m.sms_consent_events
        query = sa.select(t).order_by(t.c.at.desc(), t.c.id.desc())
        if phones is not None:
            wanted = sorted({p for p in (consent_phone(x) for x in phones) if p})
            if not wanted:
                return []
            query = query.where(t.c.phone.in_(wanted))
        query = query.limit(max(1, min(int(limit), 5000)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "phone": r["phone"],
                "at": iso(r["at"]),
                "action": r["action"],
                "label": ACTION_LABELS.get(r["action"], r["action"]),
                "channel": r["channel"],
                "detail": r["detail"],
                "lead_id": r["lead_id"],
            }
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

    def prune_message_sids(self, days: int | None = None) -> int:
        """Forget MessageSids older than ``days`` (default ``TWILIO_SID_RETENTION_DAYS``)."""
        if days is None:
            days = self.settings.twilio_sid_retention_days
        cutoff = utcnow() - timedelta(days=days)
        with self._tx() as conn:
            result = conn.execute(
                sa.delete(m.inbound_messages).where(
                    m.inbound_messages.c.received_at < cutoff
                )
            )
            return int(result.rowcount or 0)


def record_screening_consent(
    conn: Connection, lead_id: int, row: dict[str, Any], conversation_id: str, at: Any
) -> None:
    """Inside ``create_lead``'s transaction: the screening's answer to "may we contact you?"
    (``contact_consent``) as a dated row for the number it concerns: the phone given, else the
    number an SMS conversation came from. Nothing when the question was not answered or there
    is no phone number."""
    consent = row.get("contact_consent")
    if consent is None:
        return
    channel = str(row.get("channel") or "web")[:16]
    phone = consent_phone(row.get("contact_phone"))
    if not phone and channel == "sms":
        phone = consent_phone(conversation_id)
    if not phone:
        return
    _add_event(
        conn,
        phone,
        CONSENT_GIVEN if consent else CONSENT_REFUSED,
        channel,
        "screening",
        lead_id=lead_id,
        at=at,
    )


def consent_phone(phone: Any) -> str:
    """A number as the consent record keys it: E.164 where it can tell (US numbers written
    with or without +1), else its digits; "" when it is not a phone number."""
    text = str(phone or "").strip()
    digits = re.sub(r"\D", "", text)
    if not 7 <= len(digits) <= 15:
        return ""
    if text.startswith("+"):
        return "+" + digits
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return digits


def _phone(phone: str) -> str:
    return "".join((phone or "").split())[:32]


def _opted_out(conn: Connection, phone: str) -> bool:
    value = conn.execute(
        sa.select(m.sms_opt_outs.c.opted_out).where(m.sms_opt_outs.c.phone == phone)
    ).scalar_one_or_none()
    return bool(value)


def _set_state(conn: Connection, phone: str, opted_out: bool) -> None:
    t = m.sms_opt_outs
    now = utcnow()
    result = conn.execute(
        sa.update(t)
        .where(t.c.phone == phone)
        .values(opted_out=opted_out, updated_at=now)
    )
    if not result.rowcount:
        conn.execute(
            sa.insert(t).values(phone=phone, opted_out=opted_out, updated_at=now)
        )


def _add_event(
    conn: Connection,
    phone: str,
    action: str,
    channel: str,
    detail: str,
    lead_id: int | None = None,
    at: Any = None,
) -> None:
    conn.execute(
        sa.insert(m.sms_consent_events).values(
            phone=consent_phone(phone) or phone[:32],
            at=at or utcnow(),
            action=action,
            channel=channel[:16],
            detail=(detail or "")[:200],
            lead_id=lead_id,
        )
    )
