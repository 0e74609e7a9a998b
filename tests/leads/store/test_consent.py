"""SMS opt-outs and Twilio MessageSids in LeadStore on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

# --- SMS ------------------------------------------------------------------------------------------


def test_opt_outs(store):
    assert store.is_opted_out("+15555550100") is False
    store.set_opt_out("+15555550100", True)
    store.set_opt_out("+15555550100", True)
    store.set_opt_out("+15555550101", True)
    assert store.is_opted_out("+15555550100") is True
    assert sorted(o["phone"] for o in store.list_opt_outs()) == [
        "+15555550100",
        "+15555550101",
    ]
    store.set_opt_out("+15555550100", False)
    assert store.is_opted_out("+15555550100") is False
    assert [o["phone"] for o in store.list_opt_outs()] == ["+15555550101"]


def test_claim_message_sid(store):
    assert store.claim_message_sid("SM" + "a" * 32) is True
    assert store.claim_message_sid("SM" + "a" * 32) is False
    assert store.claim_message_sid("SM" + "b" * 32) is True


def test_claim_message_sid_race(store):
    barrier = threading.Barrier(6)
    wins = []

    def worker():
        barrier.wait()
        wins.append(store.claim_message_sid("SMrace"))

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 5 + [True]
