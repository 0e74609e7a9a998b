"""Scale-out: two Rasa servers, each with its own action server, sharing one PostgreSQL tracker
store, one PostgreSQL lead store and one Redis lock store. One screening alternates between them
turn by turn, some turns reach both at the same moment, and it stays one coherent conversation
that ends in exactly one lead."""

from __future__ import annotations

import json
import threading
from collections import Counter
from typing import Any

import pytest

from bot.stack import Stack
from tests.e2e.conftest import MODEL, free_port, http
from tests.production.conftest import (
    answers_for,
    need_services,
    screen,
    start_or_fail,
    start_screening,
)

pytestmark = [pytest.mark.e2e, pytest.mark.services]


@pytest.fixture(scope="module")
def replica(prod):
    """A second Rasa server and a second action server, configured exactly like the first."""
    need_services()
    log_dir = prod.log_dir / "replica-b"
    b = Stack(
        rasa_port=free_port(),
        actions_port=free_port(),
        inbox_port=prod.stack.inbox_port,
        model=MODEL,
        env=dict(prod.overrides),
        log_dir=log_dir,
    )
    assert b.env["ACTION_SERVER_URL"] != prod.env["ACTION_SERVER_URL"]
    assert (
        b.env["TRACKER_STORE_URL"] == prod.env["TRACKER_STORE_URL"]
        and b.env["LOCK_STORE_TYPE"] == "redis"
    )
    start_or_fail(b, log_dir, lambda: (b.start_actions(), b.start_rasa()))
    prod.replicas.append(b)
    yield f"http://127.0.0.1:{b.rasa_port}"
    prod.replicas.remove(b)
    b.stop()


def at_once(chat, sends: list[tuple[str, str]]) -> list[tuple[int, Any]]:
    """Posts each (text, server) for the same conversation at the same moment."""
    barrier = threading.Barrier(len(sends))
    results: list[Any] = [None] * len(sends)

    def post(i: int, text: str, server: str) -> None:
        barrier.wait(timeout=10)
        results[i] = chat.post(text, server)

    threads = [
        threading.Thread(target=post, args=(i, t, s)) for i, (t, s) in enumerate(sends)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(r is not None for r in results), "a concurrent turn did not finish"
    chat.turns += len(sends)
    return results


def turns_of(events: list[dict[str, Any]]) -> None:
    """Turns never interleave: every user message after the first arrives after the bot has gone
    back to listening (action_listen), never in the middle of another turn's actions."""
    last_action = None
    for e in events:
        if e["event"] == "user" and last_action is not None:
            assert last_action == "action_listen", (
                f"a message arrived mid-turn after {last_action}"
            )
        if e["event"] == "action":
            last_action = e["name"]


def test_one_screening_over_two_rasa_servers_stays_coherent_and_makes_one_lead(
    prod, replica
):
    a, b = prod.rasa, replica
    chat = prod.chat(servers=[a, b])  # every turn goes to the other server
    answers = answers_for(prod)

    start_screening(chat)
    # Questions to both servers at the same moment, a few times: each is answered, none is lost.
    # (Rasa's own RedisLockStore lets such a pair run at once and one turn's events vanish; the
    # channels' turn lock, bot/channels/turnlock.py, serialises them.)
    for _ in range(3):
        results = at_once(
            chat, [("how much do you charge?", a), ("how much do you charge?", b)]
        )
        assert [s for s, _ in results] == [200, 200], results
        assert all(
            any("contingency" in m.get("text", "") for m in out) for _, out in results
        ), results
    # (the story says who the patient is, "left me", so the question here is the public hospital)
    slots = screen(chat, answers, until="government_facility")
    assert slots["state"] == "WA" and slots["incident_date"] == "2026-02-10"

    # A question on one server and the answer on the other, at the same moment: both are answered,
    # one after the other, and the form takes the answer.
    results = at_once(
        chat, [("how much do you charge?", a), (answers["government_facility"], b)]
    )
    assert [s for s, _ in results] == [200, 200], results
    assert all(out and out[0].get("text") for _, out in results), results
    assert any("contingency" in m["text"] for _, out in results for m in out), results
    slots = chat.slots()
    assert slots["government_facility"] is False and slots["requested_slot"] not in (
        None,
        "government_facility",
    ), slots

    screen(chat, answers, until="contact_consent")

    # The last answer double-submitted to both servers: still exactly one lead.
    results = at_once(
        chat, [(answers["contact_consent"], a), (answers["contact_consent"], b)]
    )
    assert [s for s, _ in results] == [200, 200], results
    if chat.slots()["requested_slot"] == "summary_confirmed":
        # the second "yes" reached "Is anything wrong?", where a bare yes asks what to change
        results.append((200, chat.say("that's right")))
    slots = chat.slots()
    assert (
        slots["screening_outcome"] == "qualified" and slots["requested_slot"] is None
    ), slots
    leads = chat.leads()
    assert len(leads) == 1, leads
    assert leads[0]["reference"] == slots["lead_reference"]
    assert any(
        leads[0]["reference"] in m.get("text", "") for _, out in results for m in out
    ), json.dumps(results)[:3000]

    # Both servers see the same conversation, every message exactly once, no turn interleaved.
    events_a, events_b = chat.tracker(a)["events"], chat.tracker(b)["events"]
    assert events_a == events_b
    assert Counter(e["text"] for e in events_a if e["event"] == "user") == Counter(
        chat.sent
    )
    turns_of(events_a)
    # Everything is still up, on both sides.
    assert http("GET", f"{b}/status?token={prod.rasa_token}")[0] == 200
    prod.healthy()


def test_the_per_sender_limit_is_shared_by_both_rasa_servers(prod, replica):
    """Alternating servers does not double a sender's allowance: the count lives in Redis."""
    limit = int(prod.env.get("RATE_LIMIT_PER_MINUTE") or 30)
    chat = prod.chat(servers=[prod.rasa, replica])
    for _ in range(limit):
        chat.say("")  # an empty message is counted, then answered without a turn: quick
    out = chat.say("", expect=429)
    assert "faster" in out[0]["text"], out
    chat.say("hello", expect=429, server=prod.rasa)
    chat.say("hello", expect=429, server=replica)
