"""Alembic migrations: empty database, re-run, concurrent start-up, and agreement with models."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.leads.models import metadata
from bot.leads.store import LeadStore

HEAD = "0009"  # the newest revision

TABLES = {
    "leads",
    "lead_status_history",
    "lead_notes",
    "staff_users",
    "audit_log",
    "outbox",
    "notification_attempts",
    "sms_opt_outs",
    "inbound_messages",
    "sms_consent_events",
    "conflict_entries",
    "leads_alembic_version",
}


def _check(url: str) -> None:
    store = LeadStore(url)
    store.migrate()
    with store.engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) >= TABLES
        assert (
            conn.execute(
                sa.text("SELECT version_num FROM leads_alembic_version")
            ).scalar_one()
            == HEAD
        )
        ctx = MigrationContext.configure(
            conn, opts={"version_table": "leads_alembic_version", "compare_type": True}
        )
        diff = compare_metadata(ctx, metadata)
    assert diff == [], f"models.py and the migrations disagree: {diff}"
    store.migrate()  # idempotent
    with store.engine.connect() as conn:
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM leads_alembic_version")
            ).scalar_one()
            == 1
        )
    store.dispose()


def _concurrent(url: str) -> None:
    errors = []
    barrier = threading.Barrier(4)

    def run():
        store = LeadStore(url)
        try:
            barrier.wait()
            store.migrate()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.dispose()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = LeadStore(url)
    assert store.create_lead({"conversation_id": "after-migrate"})["status"] == "new"
    store.dispose()


def test_sqlite_empty_database_and_rerun(tmp_path):
    _check(
        f"sqlite:///{tmp_path / 'sub' / 'dir' / 'leads.db'}"
    )  # creates the directory


def test_postgresql_empty_database_and_rerun(pg_url):
    _check(pg_url)


def test_sqlite_concurrent_migrate(tmp_path):
    _concurrent(f"sqlite:///{tmp_path / 'leads.db'}")


def test_postgresql_concurrent_migrate(pg_url):
    _concurrent(pg_url)


def test_migrate_in_separate_processes(tmp_path):
    """Two real processes starting together on one SQLite file."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    code = f"from bot.leads.store import LeadStore; LeadStore({url!r}).migrate()"
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=root) for _ in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    store = LeadStore(url)
    with store.engine.connect() as conn:
        assert (
            conn.execute(
                sa.text("SELECT version_num FROM leads_alembic_version")
            ).scalar_one()
            == HEAD
        )
    store.dispose()


def _staff_disabled_up_and_down(url: str) -> None:
    """0003 on a database with staff: users keep their rows, and it downgrades cleanly."""
    store = LeadStore(url)
    store._alembic("upgrade", "0002")
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO staff_users (username, display_name, password_hash, created_at, "
                "failed_count) VALUES ('old', 'Old Hand', 'x', '2025-01-01 00:00:00', 0)"
            )
        )
    store._alembic("upgrade", "0003")
    user = store.get_user_by_username("old")
    assert user["display_name"] == "Old Hand" and user["disabled"] is False
    assert store.set_disabled(user["id"], True)
    store._alembic("downgrade", "0002")
    with store.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("staff_users")}
        count = conn.execute(sa.text("SELECT count(*) FROM staff_users")).scalar_one()
    assert "disabled_at" not in columns and count == 1
    store.migrate()
    assert store.get_user_by_username("old")["disabled"] is False
    store.dispose()


def test_sqlite_staff_disabled_migration(tmp_path):
    _staff_disabled_up_and_down(f"sqlite:///{tmp_path / 'leads.db'}")


def test_postgresql_staff_disabled_migration(pg_url):
    _staff_disabled_up_and_down(pg_url)
