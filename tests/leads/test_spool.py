"""The spool: atomic files, drained once the store is back, no duplicates, nothing lost."""

from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy.exc import OperationalError

from bot.leads.spool import drain_spool, pending, spool_lead
from bot.leads.store import LeadStore
from tests.leads.conftest import payload


def test_spool_file_is_atomic_private_and_named_by_hash(tmp_path):
    spool = tmp_path / "spool"
    path = spool_lead(payload("+15555550123"), spool)
    assert path.parent == spool and path.name.endswith(".json")
    assert "+1555" not in path.name and "5550123" not in path.name
    assert json.loads(path.read_text())["conversation_id"] == "+15555550123"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in spool.iterdir()] == [path.name]  # no temporary files left
    # the same conversation again replaces the file
    assert spool_lead(payload("+15555550123", contact_name="X"), spool) == path
    assert pending(spool) == 1
    with pytest.raises(ValueError):
        spool_lead({"outcome": "urgent"}, spool)


def test_database_down_then_up(tmp_path, settings):
    """Handoff while the store is unreachable: spool; drain fails harmlessly; fixed: one lead."""
    spool = tmp_path / "spool"
    db_dir = tmp_path / "not-yet"
    down = LeadStore(f"sqlite:///{db_dir / 'leads.db'}", settings=settings)
    with pytest.raises(OperationalError):
        down.create_lead(payload("c-1"))
    spool_lead(payload("c-1"), spool)
    spool_lead(payload("c-2", outcome="urgent"), spool)

    assert drain_spool(down, spool) == 0
    assert pending(spool) == 2  # nothing lost

    down.dispose()
    down.migrate()  # the database is back (creates the directory)
    assert drain_spool(down, spool) == 2
    assert pending(spool) == 0
    assert sorted(x["conversation_id"] for x in down.list_leads()) == ["c-1", "c-2"]

    # the same conversation spooled again (e.g. a retried handoff) does not duplicate
    spool_lead(payload("c-1"), spool)
    assert drain_spool(down, spool) == 1
    assert len(down.list_leads()) == 2
    assert all(len(down.notifications(x["id"])) == 1 for x in down.list_leads())
    down.dispose()


def test_drain_defaults_to_settings_spool_dir(sqlite_store, monkeypatch, tmp_path):
    from actions.config import settings

    monkeypatch.setenv("LEAD_SPOOL_DIR", str(tmp_path / "default-spool"))
    settings.cache_clear()
    spool_lead(payload("d-1"))
    assert (tmp_path / "default-spool").is_dir()
    assert drain_spool(sqlite_store) == 1
    assert sqlite_store.list_leads()[0]["conversation_id"] == "d-1"


def test_corrupt_file_is_set_aside(sqlite_store, tmp_path):
    spool = tmp_path / "spool"
    spool_lead(payload("ok"), spool)
    (spool / "lead-broken.json").write_text("{not json")
    assert drain_spool(sqlite_store, spool) == 1
    assert (spool / "lead-broken.bad").exists()
    assert pending(spool) == 0


def test_drain_of_missing_spool_dir(sqlite_store, tmp_path):
    assert drain_spool(sqlite_store, tmp_path / "nothing-here") == 0
