"""The background worker: one pass does spool, outbox and retention; several copies at once
deliver every notification once and write every spooled lead once (SQLite and PostgreSQL),
against a real SMTP server."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from bot.leads import transcripts, worker
from bot.leads.spool import CLAIMED, drain_spool, pending, spool_lead
from bot.leads.store import LeadStore
from bot.stack import free_port
from tests.leads.conftest import payload, write_rasa_conversation
from tests.leads.test_outbox import start_smtp


@pytest.fixture
def smtp() -> Iterator[tuple]:
    port = free_port()
    controller, inbox = start_smtp(port)
    yield port, inbox
    controller.stop()


class CountingStore(LeadStore):
    """A real LeadStore that counts the payloads handed to ``create_lead``."""

    def __init__(self, *args, calls: Counter, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calls = calls

    def create_lead(self, payload: dict) -> dict:
        self.calls[payload["conversation_id"]] += 1
        return super().create_lead(payload)


def references(inbox) -> Counter:
    """How many emails each lead reference got."""
    return Counter(
        re.search(r"ML-\w{6}", msg["Subject"]).group() for msg in inbox.messages()
    )


def test_one_pass_writes_the_spool_then_sends_its_notification(
    store, make_settings, smtp
):
    port, inbox = smtp
    s = LeadStore(store.url, settings=make_settings(smtp_port=port, retention_days=0))
    spool_lead(payload("spooled-1"), s.settings.spool_dir)
    assert worker.run_once(s) == {
        "spool": 1,
        "partial": 0,
        "outbox": 1,
        "retention": 0,
    }
    [lead] = s.list_leads()
    assert lead["conversation_id"] == "spooled-1"
    assert references(inbox) == {lead["reference"]: 1}
    assert pending(s.settings.spool_dir) == 0
    assert worker.run_once(s) == {
        "spool": 0,
        "partial": 0,
        "outbox": 0,
        "retention": 0,
    }
    s.dispose()


def test_a_failing_job_does_not_stop_the_others(store, make_settings, tmp_path):
    """The tracker store is unreachable (retention fails); the spool is still written."""
    settings = make_settings(
        tracker_store_url=f"sqlite:///{tmp_path / 'no' / 'such' / 'rasa.db'}",
        smtp_port=9,
        smtp_timeout=1.0,
    )
    (tmp_path / "no").write_text("a file where a folder should be")
    s = LeadStore(store.url, settings=settings)
    spool_lead(payload("still-written"), settings.spool_dir)
    done = worker.run_once(s)
    assert done["spool"] == 1 and done["outbox"] == 0 and done["retention"] == 0
    assert s.notifications(s.list_leads()[0]["id"])[0]["attempts"] == 1
    s.dispose()


def test_two_workers_deliver_once_and_write_once(store, make_settings, smtp):
    """Two workers (two engines, as two processes would have) race over 8 spooled leads and
    6 stored ones: each spool file is handed to create_lead once, each lead exists once and
    gets one email."""
    port, inbox = smtp
    settings = make_settings(smtp_port=port, retention_days=0)
    for i in range(6):
        store.create_lead(payload(f"stored-{i}"))
    for i in range(8):
        spool_lead(payload(f"spooled-{i}"), settings.spool_dir)
    calls: Counter = Counter()
    workers = [CountingStore(store.url, settings=settings, calls=calls) for _ in "ab"]
    barrier = threading.Barrier(len(workers))
    done: list[dict] = []
    errors: list[BaseException] = []

    def run(s: LeadStore) -> None:
        try:
            barrier.wait()
            for _ in range(3):
                done.append(worker.run_once(s))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in workers:
        s.dispose()
    assert not errors
    assert calls == {f"spooled-{i}": 1 for i in range(8)}
    assert sum(d["spool"] for d in done) == 8
    assert pending(settings.spool_dir) == 0
    leads = store.list_leads()
    assert len(leads) == 14
    assert sum(d["outbox"] for d in done) == 14
    assert references(inbox) == {lead["reference"]: 1 for lead in leads}
    created = [e for e in store.audit_log(limit=100) if e["action"] == "lead_created"]
    assert len(created) == 14


def test_a_stale_claim_is_taken_over(sqlite_store, settings):
    """A worker died holding a spool file: after the timeout another one writes it."""
    path = spool_lead(payload("orphan"), settings.spool_dir)
    claimed = path.with_name(f"{path.name}{CLAIMED}99999-{int(time.time()) - 60}-dead")
    path.rename(claimed)
    assert pending(settings.spool_dir) == 1
    assert drain_spool(sqlite_store, settings.spool_dir) == 0  # still fresh: left alone
    assert drain_spool(sqlite_store, settings.spool_dir, stale_after=30) == 1
    assert [x["conversation_id"] for x in sqlite_store.list_leads()] == ["orphan"]
    assert pending(settings.spool_dir) == 0


def test_a_claim_is_given_back_when_the_database_is_down(tmp_path, settings):
    down = LeadStore(
        f"sqlite:///{tmp_path / 'not-yet' / 'leads.db'}", settings=settings
    )
    path = spool_lead(payload("waits"), settings.spool_dir)
    assert drain_spool(down, settings.spool_dir) == 0
    assert [p.name for p in settings.spool_dir.iterdir()] == [path.name]
    down.dispose()


def test_retention_is_idempotent(store, make_settings):
    settings = make_settings(retention_days=30)
    s = LeadStore(store.url, settings=settings)
    old = time.time() - 40 * 86400
    write_rasa_conversation(settings.tracker_store_url, "old", [("user", "hi")], old)
    assert worker.run_once(s)["retention"] == 1
    assert worker.run_once(s)["retention"] == 0
    assert transcripts.transcript("old", settings.tracker_store_url) == []
    s.dispose()


async def test_run_forever_works_until_stopped(sqlite_store, make_settings, smtp):
    port, inbox = smtp
    s = LeadStore(sqlite_store.url, settings=make_settings(smtp_port=port))
    spool_lead(payload("looped"), s.settings.spool_dir)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(s, stop, interval=0.05))
    for _ in range(200):
        if inbox.envelopes:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    [lead] = s.list_leads()
    assert references(inbox) == {lead["reference"]: 1}
    s.dispose()
