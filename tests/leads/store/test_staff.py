"""Staff users, sign-in and lock-out in LeadStore on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.leads.store import staff as staff_module

# --- staff users and lock-out ------------------------------------------------------------------


def test_users_and_authentication(store):
    user = store.create_user("Alice", "correct horse battery", "Alice A.")
    assert user["username"] == "alice" and user["display_name"] == "Alice A."
    with pytest.raises(ValueError):
        store.create_user("alice", "another password")
    with pytest.raises(ValueError):
        store.create_user("bob", "")
    assert store.authenticate("ALICE", "correct horse battery")["id"] == user["id"]
    assert store.authenticate("alice", "wrong") is None
    assert store.authenticate("nobody", "correct horse battery") is None
    assert [u["username"] for u in store.list_users()] == ["alice"]
    assert store.get_user(user["id"])["last_login_at"] is not None
    assert store.get_user_by_username("alice")["id"] == user["id"]
    assert "password_hash" not in store.get_user(user["id"])
    assert store.set_password(user["id"], "a new passphrase") is True
    assert store.authenticate("alice", "a new passphrase") is not None


def test_password_hash_is_argon2id(store):
    import sqlalchemy as sa

    from bot.leads import models

    store.create_user("hashy", "correct horse battery")
    with store.engine.connect() as conn:
        stored = conn.execute(
            sa.select(models.staff_users.c.password_hash)
        ).scalar_one()
    assert stored.startswith("$argon2id$")


def test_lockout_after_five_failures(store, monkeypatch):
    clock = {"now": staff_module.utcnow()}
    monkeypatch.setattr(staff_module, "utcnow", lambda: clock["now"])
    user = store.create_user("locky", "correct horse battery")
    for _ in range(5):
        assert store.authenticate("locky", "wrong password") is None
    assert store.get_user(user["id"])["locked"] is True
    assert (
        store.authenticate("locky", "correct horse battery") is None
    )  # locked: even the right one
    clock["now"] += timedelta(minutes=14)
    assert store.authenticate("locky", "correct horse battery") is None
    clock["now"] += timedelta(minutes=2)
    assert store.authenticate("locky", "correct horse battery")["id"] == user["id"]
    assert "account_locked" in [e["action"] for e in store.audit_log()]


def test_failures_outside_the_window_do_not_lock(store, monkeypatch):
    clock = {"now": staff_module.utcnow()}
    monkeypatch.setattr(staff_module, "utcnow", lambda: clock["now"])
    store.create_user("slow", "correct horse battery")
    for _ in range(4):
        assert store.authenticate("slow", "nope") is None
    clock["now"] += timedelta(minutes=16)  # window over: counting starts again
    for _ in range(4):
        assert store.authenticate("slow", "nope") is None
    assert store.authenticate("slow", "correct horse battery") is not None
    # and a success resets the count
    for _ in range(4):
        store.authenticate("slow", "nope")
    assert store.authenticate("slow", "correct horse battery") is not None
    store.authenticate("slow", "nope")
    assert store.authenticate("slow", "correct horse battery") is not None


def test_a_disabled_user_cannot_sign_in_until_enabled(store):
    user = store.create_user("dis", "correct horse battery")
    assert store.get_user(user["id"])["disabled"] is False
    assert store.set_disabled(user["id"], True) is True
    assert store.get_user(user["id"])["disabled"] is True
    assert store.get_user(user["id"])["disabled_at"] is not None
    assert store.authenticate("dis", "correct horse battery") is None
    assert store.set_disabled(user["id"], False) is True
    assert store.authenticate("dis", "correct horse battery")["id"] == user["id"]
    assert store.set_disabled(user["id"] + 1000, True) is False


def test_lockout_threshold_comes_from_the_caller(store):
    user = store.create_user("many", "correct horse battery")
    for _ in range(5):
        assert store.authenticate("many", "nope", lockout_attempts=7) is None
    assert store.get_user(user["id"])["locked"] is False
    for _ in range(2):
        assert store.authenticate("many", "nope", lockout_attempts=7) is None
    assert store.get_user(user["id"])["locked"] is True


def test_a_refused_attempt_is_neither_a_success_nor_a_failure(store):
    user = store.create_user("refused", "correct horse battery")
    assert store.authenticate("refused", "correct horse battery", refused=True) is None
    assert store.get_user(user["id"])["last_login_at"] is None
    for _ in range(10):
        assert store.authenticate("refused", "nope", refused=True) is None
    assert store.get_user(user["id"])["locked"] is False


class CountingHasher:
    """The tests' argon2 hasher, counting ``verify`` calls."""

    def __init__(self, inner):
        self.inner, self.verified = inner, 0

    def verify(self, *args):
        self.verified += 1
        return self.inner.verify(*args)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_every_refusal_runs_the_hash(store):
    """Unknown, locked, disabled, refused and wrong: each verifies one hash (equal timing)."""
    store.create_user("locked", "correct horse battery")
    store.create_user("disabled", "correct horse battery")
    store.create_user("plain", "correct horse battery")
    for _ in range(5):
        store.authenticate("locked", "nope")
    store.set_disabled(store.get_user_by_username("disabled")["id"], True)
    hasher = CountingHasher(staff_module._hasher())
    staff_module.set_password_hasher(hasher)  # _fresh_process_state restores it
    store.authenticate("nobody", "x")  # the dummy hash is made once, on first use
    for name, password, refused in (
        ("nobody", "x", False),
        ("locked", "correct horse battery", False),
        ("disabled", "correct horse battery", False),
        ("plain", "correct horse battery", True),
        ("plain", "nope", False),
    ):
        hasher.verified = 0
        assert store.authenticate(name, password, refused=refused) is None
        assert hasher.verified == 1, name
