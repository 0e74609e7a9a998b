"""The lead store: leads, staff, audit trail, notification outbox and SMS bookkeeping.

See the package docstring (``bot/leads/__init__.py``) for the API. Nothing here connects at
import: ``LeadStore(url)`` creates its engine on first use and ``get_store()`` builds the
process-wide store on first call.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.leads import models as m
from bot.leads import transcripts
from bot.leads.fields import (  # noqa: F401 - re-exported: the store's public vocabulary
    LEAD_FIELDS,
    OUTCOMES,
    STATUSES,
    as_str,
    clean_payload,
    iso,
    lead_dict,
    new_reference,
    priority,
    screening_key,
    today_utc,
    utcnow,
)

logger = logging.getLogger(__name__)

LOCKOUT_ATTEMPTS = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=15)

# --- the store ----------------------------------------------------------------------------------


class LeadStore:
    """Leads and everything around them, over SQLAlchemy 1.4 (SQLite or PostgreSQL).

    ``settings`` (an ``actions.config.Settings``) overrides ``actions.config.settings()``; it
    is read for the Clio URL (outbox rows), the tracker store URL (erasure, retention) and the
    spool directory (erasure).
    """

    def __init__(self, url: str, settings: Any = None) -> None:
        self.url = url
        self._settings_override = settings
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    def __repr__(self) -> str:  # the URL may carry a password
        return f"LeadStore({sa.engine.make_url(self.url).render_as_string(hide_password=True)!r})"

    # -- plumbing --

    @property
    def settings(self) -> Any:
        if self._settings_override is not None:
            return self._settings_override
        from actions.config import settings

        return settings()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = self._create_engine()
        return self._engine

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            engine = sa.create_engine(
                self.url,
                future=True,
                connect_args={"timeout": 30, "check_same_thread": False},
            )

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                if sa.engine.make_url(self.url).database not in (None, "", ":memory:"):
                    cur.execute("PRAGMA journal_mode=WAL")
                cur.close()

            return engine
        return sa.create_engine(self.url, future=True, pool_pre_ping=True)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- migrations --

    def migrate(self) -> None:
        """``alembic upgrade head``. Idempotent, and serialised between processes (a file lock
        beside a SQLite database, an advisory transaction lock on PostgreSQL)."""
        self._alembic("upgrade", "head")

    def _alembic(self, action: str, revision: str) -> None:
        """Run ``alembic upgrade|downgrade revision`` under the migration lock (tests and
        ``migrate``). On SQLite the migration connection has foreign keys off (see
        ``migrations/env.py``); they are switched back on after the commit, before the
        connection returns to the pool."""
        from alembic import command
        from alembic.config import Config

        run = {"upgrade": command.upgrade, "downgrade": command.downgrade}[action]
        cfg = Config()
        cfg.set_main_option(
            "script_location", str(Path(__file__).resolve().parent / "migrations")
        )
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        if self.is_sqlite:
            db = sa.engine.make_url(self.url).database
            if db and db != ":memory:":
                Path(db).parent.mkdir(parents=True, exist_ok=True)
                with _file_lock(Path(db + ".migrate.lock")):
                    self._alembic_sqlite(cfg, run, revision)
                return
            self._alembic_sqlite(cfg, run, revision)
            return
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7301946501)"))
            cfg.attributes["connection"] = conn
            run(cfg, revision)

    def _alembic_sqlite(self, cfg: Any, run: Any, revision: str) -> None:
        with self.engine.connect() as conn:
            try:
                cfg.attributes["connection"] = conn
                run(cfg, revision)
                conn.commit()
            finally:
                if conn.in_transaction():
                    conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
                if not conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
                    conn.invalidate()  # pragma: no cover - never hand out a connection without FKs

    # -- leads --

    def create_lead(self, payload: dict) -> dict:
        """Store a finished intake; idempotent per screening: on ``payload["dedupe_key"]`` (the
        handoff's ``"<conversation_id>:<screening_id>"``), or on ``conversation_id`` when there is
        none (older callers). One conversation can so hold several leads (an SMS number that
        screens a second matter), while a retried or restarted handoff of the same screening
        gets the lead it already made.

        In the same transaction it queues the notifications (email always, Clio when
        ``CLIO_LEAD_INBOX_URL`` is set). A second call with the same key, also a racing one
        from another process, returns the existing lead unchanged and queues nothing.
        ``ValueError`` when the payload has no ``conversation_id``.
        """
        conversation_id = as_str(payload.get("conversation_id"), 255)
        if not conversation_id:
            raise ValueError("payload has no conversation_id")
        key = screening_key(payload)
        existing = self._lead_by_screening_key(key)
        if existing is not None:
            return existing
        row = clean_payload(payload)
        channels = ["email"]
        if self.settings.clio_lead_inbox_url:
            channels.append("clio")
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
                    for channel in channels:
                        conn.execute(
                            sa.insert(m.outbox).values(
                                lead_id=lead_id,
                                channel=channel,
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
    ) -> list[dict]:
        """Leads, most urgent first (priority band, then nearest deadline), newest first within
        equal priority. ``q`` matches reference, contact name/email/phone case-insensitively.
        The dicts leave out ``transcript_snapshot``."""
        t = m.leads
        cols = [c for c in t.c if c.name != "transcript_snapshot"]
        query = sa.select(*cols)
        if status:
            query = query.where(t.c.status == status)
        if outcome:
            query = query.where(t.c.outcome == outcome)
        if channel:
            query = query.where(t.c.channel == channel)
        if state:
            query = query.where(t.c.state == state.upper())
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
        query = query.order_by(
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

    # -- notifications --

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

    # -- staff users --

    def create_user(self, username: str, password: str, display_name: str = "") -> dict:
        """Create a staff user (argon2id hash). ``ValueError`` for an empty name or password or a
        name already taken. Usernames are case-insensitive (stored lower-case)."""
        username = (username or "").strip().lower()
        if not username or len(username) > 80:
            raise ValueError("username must be 1 to 80 characters")
        if not password:
            raise ValueError("password must not be empty")
        pw_hash = _hasher().hash(password)
        now = utcnow()
        try:
            with self._tx() as conn:
                user_id = conn.execute(
                    sa.insert(m.staff_users).values(
                        username=username,
                        display_name=(display_name or "").strip()[:200],
                        password_hash=pw_hash,
                        created_at=now,
                        failed_count=0,
                    )
                ).inserted_primary_key[0]
        except IntegrityError:
            raise ValueError(f"user {username!r} already exists") from None
        user = self.get_user(user_id)
        assert user is not None
        return user

    def set_password(self, user_id: int, password: str) -> bool:
        if not password:
            raise ValueError("password must not be empty")
        with self._tx() as conn:
            result = conn.execute(
                sa.update(m.staff_users)
                .where(m.staff_users.c.id == user_id)
                .values(
                    password_hash=_hasher().hash(password),
                    failed_count=0,
                    failed_window_start=None,
                    locked_until=None,
                )
            )
            return bool(result.rowcount)

    def authenticate(self, username: str, password: str) -> dict | None:
        """The user when the password is right and the account is not locked, else None.

        Five failures within 15 minutes lock the account for 15 minutes; while locked even the
        right password returns None. A success clears the failure count.
        """
        from argon2.exceptions import InvalidHashError, VerificationError

        username = (username or "").strip().lower()
        u = m.staff_users
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(u).where(u.c.username == username))
                .mappings()
                .first()
            )
        hasher = _hasher()
        if row is None:
            _verify_dummy(hasher, password or "")
            return None
        now = utcnow()
        if row["locked_until"] is not None and row["locked_until"] > now:
            logger.info("login refused: staff user %s is locked", row["id"])
            return None
        try:
            ok = hasher.verify(row["password_hash"], password or "")
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            self._record_login_failure(row["id"], now)
            return None
        values: dict[str, Any] = {
            "failed_count": 0,
            "failed_window_start": None,
            "locked_until": None,
            "last_login_at": now,
        }
        if hasher.check_needs_rehash(row["password_hash"]):
            values["password_hash"] = hasher.hash(password)
        with self._tx() as conn:
            conn.execute(sa.update(u).where(u.c.id == row["id"]).values(**values))
        return self.get_user(row["id"])

    def _record_login_failure(self, user_id: int, now: datetime) -> None:
        u = m.staff_users
        window_open = sa.and_(
            u.c.failed_window_start.isnot(None),
            u.c.failed_window_start > now - LOCKOUT_WINDOW,
        )
        with self._tx() as conn:
            # One atomic UPDATE, so concurrent failures are all counted.
            conn.execute(
                sa.update(u)
                .where(u.c.id == user_id)
                .values(
                    failed_count=sa.case((window_open, u.c.failed_count + 1), else_=1),
                    failed_window_start=sa.case(
                        (window_open, u.c.failed_window_start), else_=now
                    ),
                )
            )
            count = conn.execute(
                sa.select(u.c.failed_count).where(u.c.id == user_id)
            ).scalar_one()
            if count >= LOCKOUT_ATTEMPTS:
                conn.execute(
                    sa.update(u)
                    .where(u.c.id == user_id)
                    .values(
                        locked_until=now + LOCKOUT_DURATION,
                        failed_count=0,
                        failed_window_start=None,
                    )
                )
                conn.execute(
                    sa.insert(m.audit_log).values(
                        at=now,
                        staff_id=user_id,
                        action="account_locked",
                        lead_id=None,
                        detail=f"{LOCKOUT_ATTEMPTS} failed logins",
                    )
                )
                logger.warning(
                    "staff user %s locked after %s failed logins",
                    user_id,
                    LOCKOUT_ATTEMPTS,
                )

    def unlock_user(self, user_id: int) -> bool:
        with self._tx() as conn:
            result = conn.execute(
                sa.update(m.staff_users)
                .where(m.staff_users.c.id == user_id)
                .values(failed_count=0, failed_window_start=None, locked_until=None)
            )
            return bool(result.rowcount)

    def get_user(self, user_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.select(m.staff_users).where(m.staff_users.c.id == user_id)
                )
                .mappings()
                .first()
            )
        return _user_dict(row) if row else None

    def get_user_by_username(self, username: str) -> dict | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.select(m.staff_users).where(
                        m.staff_users.c.username == (username or "").strip().lower()
                    )
                )
                .mappings()
                .first()
            )
        return _user_dict(row) if row else None

    def list_users(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(m.staff_users).order_by(m.staff_users.c.username)
                )
                .mappings()
                .all()
            )
        return [_user_dict(r) for r in rows]

    # -- audit --

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

    # -- SMS --

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

    # -- privacy --

    def erase_lead(self, lead_id: int, staff_id: int | None) -> bool:
        """Delete a lead with its notes, status history, outbox and attempts, any spooled copy of
        its screening, and its conversation in the tracker store; writes an audit row (reference
        and channel only). Returns False when there is no such lead.

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

    # -- outbox internals (used by bot.leads.outbox) --

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


# --- helpers ------------------------------------------------------------------------------------


def _user_dict(row: Any) -> dict:
    locked_until = row["locked_until"]
    return {
        "id": row["id"],
        "username": row["username"],
        "display_name": row["display_name"] or row["username"],
        "created_at": iso(row["created_at"]),
        "last_login_at": iso(row["last_login_at"]),
        "locked": bool(locked_until and locked_until > utcnow()),
        "locked_until": iso(locked_until),
    }


def _phone(phone: str) -> str:
    return "".join((phone or "").split())[:32]


_HASHER = None
_DUMMY_HASH: str | None = None


def set_password_hasher(hasher: Any) -> None:
    """Replace the argon2 ``PasswordHasher`` (tests use cheap parameters; None restores default)."""
    global _HASHER, _DUMMY_HASH
    _HASHER, _DUMMY_HASH = hasher, None


def _hasher():
    global _HASHER
    if _HASHER is None:
        from argon2 import PasswordHasher, Type

        _HASHER = PasswordHasher(type=Type.ID)
    return _HASHER


def _verify_dummy(hasher: Any, password: str) -> None:
    """Spend the same time on an unknown username as on a wrong password."""
    global _DUMMY_HASH
    from argon2.exceptions import VerificationError

    if _DUMMY_HASH is None:
        _DUMMY_HASH = hasher.hash(secrets.token_urlsafe(16))
    try:
        hasher.verify(_DUMMY_HASH, password)
    except VerificationError:
        pass


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    import fcntl

    with _process_lock:
        fd = os.open(str(path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


_process_lock = threading.Lock()

_stores: dict[str, LeadStore] = {}
_stores_lock = threading.Lock()


def get_store() -> LeadStore:
    """The process-wide store for ``settings().database_url`` (created on first call)."""
    from actions.config import settings

    url = settings().database_url
    with _stores_lock:
        store = _stores.get(url)
        if store is None:
            store = LeadStore(url)
            _stores[url] = store
        return store


def reset_stores() -> None:
    """Dispose every store made by ``get_store()`` (tests, after ``settings.cache_clear()``)."""
    with _stores_lock:
        for store in _stores.values():
            store.dispose()
        _stores.clear()
