"""One lead per screening: a conversation (an SMS number) can screen several matters, while a
retried or restarted handoff of one screening never makes a duplicate. Also ``callback_requested``,
the spool per screening, erasure of one of several leads, and migration 0002 on existing data."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.leads import transcripts
from bot.leads.fields import screening_key
from bot.leads.models import metadata
from bot.leads.spool import drain_spool, pending, spool_lead
from bot.leads.store import LeadStore
from tests.leads.conftest import payload, write_rasa_conversation
from tests.leads.test_migrations import HEAD  # the newest revision

PHONE = "+15555550177"  # an SMS sender: the phone number is the conversation id


def screening(n: int, conversation_id: str = PHONE, **overrides) -> dict:
    """The handoff's payload for the n-th screening of one conversation."""
    return payload(
        conversation_id,
        dedupe_key=f"{conversation_id}:screening-{n}",
        channel="twilio",
        **overrides,
    )


def _race(n: int, make) -> list:
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(make(i))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


# --- create_lead --------------------------------------------------------------------------------


def test_two_screenings_of_one_conversation_make_two_leads(store):
    first = store.create_lead(
        screening(1, patient_role="child", contact_name="Ann Lee")
    )
    second = store.create_lead(
        screening(2, patient_role="child", incident_type="birth_injury")
    )
    assert first["id"] != second["id"] and first["reference"] != second["reference"]
    assert first["conversation_id"] == second["conversation_id"] == PHONE
    assert second["incident_type"] == "birth_injury" and second["channel"] == "sms"
    assert sorted(x["id"] for x in store.list_leads()) == sorted(
        [first["id"], second["id"]]
    )
    both = store.leads_for_conversation(PHONE)
    assert [x["id"] for x in both] == [first["id"], second["id"]]  # oldest first
    assert "transcript_snapshot" not in both[0]
    assert store.leads_for_conversation("nobody") == []
    # each lead has its own notification queued
    assert (
        len(store.notifications(first["id"]))
        == len(store.notifications(second["id"]))
        == 1
    )
    assert "screening_key" not in first


def test_same_screening_twice_is_one_lead(store):
    first = store.create_lead(screening(1))
    # a retried action, or the same screening restarted, with different answers by then
    again = store.create_lead(
        screening(1, contact_name="Someone Else", outcome="urgent")
    )
    assert again == first
    assert len(store.list_leads()) == 1
    assert len(store.notifications(first["id"])) == 1
    assert [e["action"] for e in store.audit_log()].count("lead_created") == 1


def test_threads_racing_with_one_dedupe_key_make_one_lead(store):
    results = _race(
        8, lambda i: store.create_lead(screening(1, contact_name=f"Racer {i}"))
    )
    assert len({r["id"] for r in results}) == 1
    assert len(store.list_leads()) == 1
    assert len(store.notifications(results[0]["id"])) == 1


def test_threads_racing_with_two_screenings_make_two_leads(store):
    results = _race(8, lambda i: store.create_lead(screening(i % 2)))
    assert len({r["id"] for r in results}) == 2
    assert len(store.leads_for_conversation(PHONE)) == 2


def test_without_dedupe_key_the_conversation_id_is_the_key(store):
    """Older callers (and old spool files) send no dedupe_key: one lead per conversation."""
    first = store.create_lead(payload("old-caller"))
    assert store.create_lead(payload("old-caller", contact_name="X")) == first
    assert store.create_lead(payload("old-caller", dedupe_key="")) == first
    assert store.create_lead(payload("old-caller", dedupe_key=None)) == first
    assert len(store.list_leads()) == 1
    # a caller that does send a key makes its own lead in the same conversation
    keyed = store.create_lead(payload("old-caller", dedupe_key="old-caller:s1"))
    assert keyed["id"] != first["id"]
    with pytest.raises(ValueError):
        store.create_lead(
            {"dedupe_key": "k", "outcome": "urgent"}
        )  # no conversation_id


def test_screening_key():
    assert screening_key({"conversation_id": " c1 ", "dedupe_key": "c1:s"}) == "c1:s"
    assert screening_key({"conversation_id": " c1 "}) == "c1"
    assert screening_key({"conversation_id": "c1", "dedupe_key": "  "}) == "c1"
    long_a = screening_key({"conversation_id": "c", "dedupe_key": "x" * 400 + "a"})
    long_b = screening_key({"conversation_id": "c", "dedupe_key": "x" * 400 + "b"})
    assert long_a.startswith("sha256:") and long_a != long_b and len(long_a) <= 300
    with pytest.raises(ValueError):
        screening_key({"dedupe_key": "k"})


def test_long_dedupe_keys_are_not_cut_into_one(store):
    a = store.create_lead(payload("c-long", dedupe_key="c-long:" + "x" * 400 + "1"))
    b = store.create_lead(payload("c-long", dedupe_key="c-long:" + "x" * 400 + "2"))
    assert a["id"] != b["id"]
    assert (
        store.create_lead(payload("c-long", dedupe_key="c-long:" + "x" * 400 + "1"))
        == a
    )


# --- callback_requested ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sent, stored", [(True, True), (False, False), ("yes", True), (None, None)]
)
def test_callback_requested_round_trips(store, sent, stored):
    lead = store.create_lead(screening(1, callback_requested=sent))
    assert lead["callback_requested"] is stored
    assert store.get_lead(lead["id"])["callback_requested"] is stored
    assert (
        store.get_lead_by_reference(lead["reference"])["callback_requested"] is stored
    )
    assert store.list_leads()[0]["callback_requested"] is stored
    assert store.leads_for_conversation(PHONE)[0]["callback_requested"] is stored


def test_callback_requested_is_none_for_callers_that_do_not_send_it(store):
    assert store.create_lead(payload("no-cb"))["callback_requested"] is None


# --- spool ------------------------------------------------------------------------------------------


def test_two_screenings_spooled_while_the_database_is_down(tmp_path, settings):
    spool = tmp_path / "spool"
    first = spool_lead(screening(1), spool)
    second = spool_lead(screening(2, incident_type="birth_injury"), spool)
    assert first != second and pending(spool) == 2
    assert PHONE not in first.name and "5550177" not in second.name
    assert (
        spool_lead(screening(1, contact_name="Retry"), spool) == first
    )  # a retry overwrites
    assert pending(spool) == 2

    store = LeadStore(settings.database_url, settings=settings)
    store.migrate()
    assert drain_spool(store, spool) == 2 and pending(spool) == 0
    leads = store.leads_for_conversation(PHONE)
    assert sorted(x["incident_type"] for x in leads) == [
        "birth_injury",
        "surgical_error",
    ]
    assert {x["contact_name"] for x in leads} == {"Retry", "Jane Q Doe"}

    # drained again (a crash before the unlink, or a retried handoff): still two leads
    spool_lead(screening(1), spool)
    spool_lead(screening(2), spool)
    assert drain_spool(store, spool) == 2
    assert len(store.list_leads()) == 2
    assert all(len(store.notifications(x["id"])) == 1 for x in store.list_leads())
    store.dispose()


def test_old_payload_without_dedupe_key_is_named_by_conversation(tmp_path):
    from bot.leads.spool import spool_name

    path = spool_lead(payload("legacy"), tmp_path)
    assert path.name == spool_name("legacy")  # the same name the spool always gave it


# --- erasure ------------------------------------------------------------------------------------------


def test_erase_keeps_the_shared_conversation_while_another_lead_uses_it(
    store, settings
):
    url = settings.tracker_store_url
    write_rasa_conversation(
        url, PHONE, [("user", "my son was hurt at birth"), ("bot", "sorry")]
    )
    write_rasa_conversation(url, "someone-else", [("user", "hello")])
    first = store.create_lead(screening(1))
    second = store.create_lead(screening(2))
    staff = store.create_user("eraser", "correct horse battery")
    spooled_first = spool_lead(screening(1), settings.spool_dir)
    spooled_second = spool_lead(screening(2), settings.spool_dir)

    assert store.erase_lead(first["id"], staff["id"]) is True
    assert store.get_lead(first["id"]) is None
    assert store.get_lead(second["id"]) is not None
    assert (
        transcripts.transcript(PHONE, url) != []
    )  # the second lead's transcript stays
    assert (
        not spooled_first.exists() and spooled_second.exists()
    )  # only that screening's copy
    entry = store.audit_log(lead_id=first["id"])[0]
    assert entry["action"] == "lead_erased" and "kept" in entry["detail"]
    assert PHONE not in entry["detail"] and "5550177" not in entry["detail"]

    assert (
        store.erase_lead(second["id"], staff["id"]) is True
    )  # the last one: conversation goes
    assert transcripts.transcript(PHONE, url) == []
    assert transcripts.transcript("someone-else", url) != []
    assert not spooled_second.exists()
    assert (
        "tracker events deleted" in store.audit_log(lead_id=second["id"])[0]["detail"]
    )
    assert store.list_leads() == []


def test_erasing_every_lead_of_a_conversation_at_once_deletes_it(store, settings):
    url = settings.tracker_store_url
    write_rasa_conversation(url, PHONE, [("user", "two matters"), ("bot", "ok")])
    ids = [store.create_lead(screening(i))["id"] for i in range(3)]
    _race(3, lambda i: store.erase_lead(ids[i], None))
    assert store.list_leads() == []
    assert transcripts.transcript(PHONE, url) == []


def test_erase_discards_a_spool_file_named_the_old_way(store, settings):
    """Files spooled before names used the dedupe key are found by their content."""
    import json

    from bot.leads.spool import spool_name

    lead = store.create_lead(screening(1))
    spool = settings.spool_dir
    spool.mkdir(parents=True, exist_ok=True)
    old = spool / spool_name(PHONE)
    old.write_text(json.dumps(screening(1)))
    other = spool_lead(screening(2), spool)
    assert store.erase_lead(lead["id"], None) is True
    assert not old.exists() and other.exists()
    assert drain_spool(store, spool) == 1  # the erased screening does not come back
    assert (
        len(store.leads_for_conversation(PHONE)) == 1
    )  # only screening 2, from the spool


# --- migration 0001 -> 0002 with data -------------------------------------------------------------


def _seed_0001(store: LeadStore) -> None:
    """Rows as the 0001 schema held them: two leads with a note, history, outbox and attempts."""
    now = datetime(2024, 6, 1, 12, 0, 0)
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO staff_users (id, username, display_name, password_hash, created_at, "
                "failed_count) VALUES (1, 'maria', 'Maria', 'x', :now, 0)"
            ),
            {"now": now},
        )
        for lead_id, conv in ((1, "+15555550101"), (2, "web-abc")):
            conn.execute(
                sa.text(
                    "INSERT INTO leads (id, reference, conversation_id, created_at, updated_at, "
                    "channel, status, outcome, priority_band, contact_name, assigned_to) VALUES "
                    "(:id, :ref, :conv, :now, :now, 'sms', 'contacted', 'qualified', 1, 'Ann', 1)"
                ),
                {
                    "id": lead_id,
                    "ref": f"ML-AAAA{lead_id}{lead_id}",
                    "conv": conv,
                    "now": now,
                },
            )
            conn.execute(
                sa.text(
                    "INSERT INTO lead_status_history (lead_id, from_status, to_status, staff_id, at) "
                    "VALUES (:id, NULL, 'new', NULL, :now)"
                ),
                {"id": lead_id, "now": now},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO lead_notes (lead_id, staff_id, text, created_at) "
                    "VALUES (:id, 1, 'called', :now)"
                ),
                {"id": lead_id, "now": now},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO outbox (id, lead_id, channel, status, attempts, next_attempt_at, "
                    "created_at) VALUES (:id, :id, 'email', 'sent', 1, :now, :now)"
                ),
                {"id": lead_id, "now": now},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO notification_attempts (outbox_id, lead_id, channel, attempt, at, ok) "
                    "VALUES (:id, :id, 'email', 1, :now, :ok)"
                ),
                {"id": lead_id, "now": now, "ok": True},
            )


def _counts(store: LeadStore) -> dict:
    tables = (
        "leads",
        "lead_status_history",
        "lead_notes",
        "outbox",
        "notification_attempts",
    )
    with store.engine.connect() as conn:
        return {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in tables
        }


def _version(store: LeadStore) -> str:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT version_num FROM leads_alembic_version")
        ).scalar_one()


def _migration_keeps_rows(url: str, settings) -> None:
    store = LeadStore(url, settings=settings)
    store._alembic("upgrade", "0001")
    assert _version(store) == "0001"
    _seed_0001(store)
    before = _counts(store)
    assert before == {t: 2 for t in before}

    store.migrate()
    assert _version(store) == HEAD
    assert _counts(store) == before  # nothing cascaded away with the rebuilt table
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, conversation_id, screening_key, callback_requested FROM leads ORDER BY id"
            )
        ).all()
        ctx = MigrationContext.configure(
            conn, opts={"version_table": "leads_alembic_version", "compare_type": True}
        )
        assert compare_metadata(ctx, metadata) == []
    assert [tuple(r) for r in rows] == [
        (1, "+15555550101", "+15555550101", None),
        (2, "web-abc", "web-abc", None),
    ]
    old = store.get_lead(1)
    assert (
        old["status"] == "contacted"
        and old["assigned_to"] == 1
        and old["contact_name"] == "Ann"
    )
    assert old["callback_requested"] is None
    assert len(store.notes(1)) == 1 and len(store.notification_attempts(2)) == 1

    # an old caller's retry still finds its lead; a new screening of that number is a new lead
    assert store.create_lead(payload("+15555550101"))["id"] == 1
    second = store.create_lead(screening(2, conversation_id="+15555550101"))
    assert second["id"] not in (1, 2)
    assert len(store.leads_for_conversation("+15555550101")) == 2

    # foreign keys are enforced again after the migration (SQLite switched them off for it)
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO lead_notes (lead_id, staff_id, text, created_at) "
                "VALUES (424242, NULL, 'orphan', :now)"
            ),
            {"now": datetime(2024, 1, 1)},
        )

    # downgrade refuses while a conversation has two leads, and leaves everything as it was
    # (first down to 0002: SQLite's DDL is not transactional, so a later revision's downgrade
    # would stay done when 0002's refuses; the newer revisions undo in place)
    store._alembic("downgrade", "0002")
    before_down = _counts(store)
    with pytest.raises(RuntimeError, match="more than one lead"):
        store._alembic("downgrade", "0001")
    assert _version(store) == "0002" and _counts(store) == before_down
    assert before_down["leads"] == 3
    store.migrate()
    assert store.erase_lead(second["id"], None) is True
    store._alembic("downgrade", "0001")
    assert _version(store) == "0001"
    assert _counts(store) == before
    with store.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("leads")}
        uniques = {u["name"] for u in sa.inspect(conn).get_unique_constraints("leads")}
    assert "screening_key" not in columns and "callback_requested" not in columns
    assert "uq_leads_conversation_id" in uniques
    store.migrate()  # and up again
    assert _version(store) == HEAD and _counts(store) == before
    store.dispose()


def test_sqlite_migration_from_0001_keeps_rows_and_backfills(tmp_path, settings):
    _migration_keeps_rows(f"sqlite:///{tmp_path / 'old.db'}", settings)


def test_postgresql_migration_from_0001_keeps_rows_and_backfills(pg_url, settings):
    _migration_keeps_rows(pg_url, settings)


def test_in_memory_sqlite_keeps_foreign_keys_on_after_migrate(settings):
    store = LeadStore("sqlite://", settings=settings)
    store.migrate()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    lead = store.create_lead(screening(1))
    assert store.get_lead(lead["id"])["conversation_id"] == PHONE
    store.dispose()
