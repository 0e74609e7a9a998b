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
