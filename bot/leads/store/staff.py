"""Staff users: accounts, argon2id passwords, sign-in with lock-out after repeated failures, and
disabling an account (its sign-in and sessions stop working; ``bot/inbox/auth.py`` checks).

Every refused sign-in runs the password hash (a dummy one for an unknown name), so an unknown,
locked, disabled or wrong-password answer takes as long as any other.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.leads import models as m
from bot.leads.fields import iso, utcnow
from bot.leads.store.base import StoreBase

logger = logging.getLogger(__name__)

LOCKOUT_ATTEMPTS = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=15)


class StaffMixin(StoreBase):
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

    def authenticate(
        self,
        username: str,
        password: str,
        *,
        lockout_attempts: int = LOCKOUT_ATTEMPTS,
        refused: bool = False,
    ) -> dict | None:
        """The user when the password is right and the account is neither locked nor disabled,
        else None.

        ``lockout_attempts`` failures within 15 minutes (default 5) lock the account for 15
        minutes; while locked even the right password returns None. A success clears the
        failure count. ``refused``: the caller turns this attempt down whatever the password
        (the inbox does so for an address locked out of the account); the hash still runs, so
        the answer takes as long, and nothing is counted or recorded.
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
        try:
            ok = hasher.verify(row["password_hash"], password or "")
        except (VerificationError, InvalidHashError):
            ok = False
        now = utcnow()
        if row["locked_until"] is not None and row["locked_until"] > now:
            logger.info("login refused: staff user %s is locked", row["id"])
            return None
        if refused:
            return None
        if row["disabled_at"] is not None:
            logger.info("login refused: staff user %s is disabled", row["id"])
            return None
        if not ok:
            self._record_login_failure(row["id"], now, max(1, int(lockout_attempts)))
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

    def _record_login_failure(
        self, user_id: int, now: datetime, lockout_attempts: int = LOCKOUT_ATTEMPTS
    ) -> None:
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
            if count >= lockout_attempts:
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
                        detail=f"{lockout_attempts} failed logins",
                    )
                )
                logger.warning(
                    "staff user %s locked after %s failed logins",
                    user_id,
                    lockout_attempts,
                )

    def unlock_user(self, user_id: int) -> bool:
        with self._tx() as conn:
            result = conn.execute(
                sa.update(m.staff_users)
                .where(m.staff_users.c.id == user_id)
                .values(failed_count=0, failed_window_start=None, locked_until=None)
            )
            return bool(result.rowcount)

    def set_disabled(self, user_id: int, disabled: bool) -> bool:
        """Disable (or enable again) a staff user: a disabled user cannot sign in, and the
        inbox refuses their sessions at the next request. False for an unknown id."""
        u = m.staff_users
        with self._tx() as conn:
            result = conn.execute(
                sa.update(u)
                .where(u.c.id == user_id)
                .values(disabled_at=utcnow() if disabled else None)
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
        "disabled": row["disabled_at"] is not None,
        "disabled_at": iso(row["disabled_at"]),
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
