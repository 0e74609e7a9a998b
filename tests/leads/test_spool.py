"""The spool: atomic files, drained once the store is back, no duplicates, nothing lost, and
nothing written that the action server did not sign."""

from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy.exc import OperationalError

from bot.leads.spool import drain_spool, pending, signed_by, spool_key, spool_lead
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


# --- only the action server's own files become leads ---------------------------------------------
def test_a_dropped_in_file_is_refused_and_set_aside(sqlite_store, tmp_path, caplog):
    """Someone puts a lead of their own making in the spool: no signature, no lead."""
    spool = tmp_path / "spool"
    genuine = spool_lead(payload("genuine"), spool)
    forged = spool / "lead-forged.json"
    forged.write_text(json.dumps(payload("+15550100123", outcome="urgent")))
    assert drain_spool(sqlite_store, spool) == 1
    assert [x["conversation_id"] for x in sqlite_store.list_leads()] == ["genuine"]
    assert (spool / "lead-forged.refused").exists() and not forged.exists()
    assert not genuine.exists() and pending(spool) == 0
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert refused and "lead-forged.json" in refused[0]
    assert "+1555" not in caplog.text  # the file's name, never its content


def test_an_altered_file_or_another_key_is_refused(sqlite_store, tmp_path):
    spool = tmp_path / "spool"
    altered = spool_lead(payload("altered"), spool)
    content = json.loads(altered.read_text())
    content["outcome"] = "urgent"  # the signature stays, the lead changed
    altered.write_text(json.dumps(content))
    spool_lead(payload("other-key"), spool, key="not-the-spools-key")
    assert drain_spool(sqlite_store, spool) == 0
    assert sqlite_store.list_leads() == []
    assert sorted(p.suffix for p in spool.iterdir()) == [".refused", ".refused"]


def test_files_are_signed_with_lead_spool_key_when_set(sqlite_store, tmp_path):
    spool = tmp_path / "spool"
    path = spool_lead(payload("keyed"), spool, key="the-firms-key")
    content = json.loads(path.read_text())
    assert signed_by(content, b"the-firms-key")
    assert content["conversation_id"] == "keyed"
    assert not (tmp_path / "spool.key").exists()  # no key file when the key is set
    assert drain_spool(sqlite_store, spool, key="a-different-key") == 0
    assert (spool / path.with_suffix(".refused").name).exists()


def test_without_lead_spool_key_the_key_file_is_private_and_outside_the_spool(
    tmp_path,
):
    spool = tmp_path / "spool"
    spool_lead(payload("k"), spool, key="")
    key_file = tmp_path / "spool.key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert spool_key(spool, "") == key_file.read_text().encode()
    assert not any(p.name.endswith(".key") for p in spool.iterdir())
