"""The channels' per-conversation turn lock (bot/channels/turnlock.py) against a real Redis: two
replicas never run one conversation's turns at once; other conversations are not held up; a dead
Redis does not stop the chat."""

from __future__ import annotations

import asyncio
import time

import pytest

from actions.config import settings
from bot.channels.turnlock import TurnBusy, TurnLock
from tests.e2e.conftest import free_port
from tests.production.conftest import REDIS, need_services, unused_redis_db


@pytest.fixture(autouse=True)
def fresh_settings():
    """TurnLock reads the cached settings: each test reads the environment it sets up."""
    settings.cache_clear()
    yield
    settings.cache_clear()


@pytest.fixture
def redis_env(monkeypatch):
    need_services()
    import redis

    db = unused_redis_db()
    monkeypatch.setenv("REDIS_HOST", REDIS["host"])
    monkeypatch.setenv("REDIS_PORT", str(REDIS["port"]))
    monkeypatch.setenv("REDIS_DB", str(db))
    yield
    redis.Redis(db=db, **REDIS).flushdb()


@pytest.mark.services
async def test_two_replicas_never_run_one_conversations_turns_at_once(redis_env):
    replicas = [TurnLock(use_redis=True), TurnLock(use_redis=True)]
    running, most, order = set(), 0, []

    async def turn(i: int, conversation: str) -> None:
        nonlocal most
        async with replicas[i % 2].hold(conversation):
            running.add((i, conversation))
            most = max(most, len([r for r in running if r[1] == conversation]))
            order.append(i)
            await asyncio.sleep(0.03)
            running.discard((i, conversation))

    await asyncio.wait_for(
        asyncio.gather(*(turn(i, "conversation-1") for i in range(10))), 30
    )
    assert most == 1 and sorted(order) == list(range(10))

    # Two conversations at once are not serialised against each other.
    started = time.monotonic()

    async def slow(conversation: str) -> None:
        async with replicas[0].hold(conversation):
            await asyncio.sleep(0.5)

    await asyncio.gather(slow("conversation-2"), slow("conversation-3"))
    assert time.monotonic() - started < 0.9


@pytest.mark.services
async def test_a_held_lock_makes_the_other_replica_wait_then_give_up(
    redis_env, monkeypatch
):
    monkeypatch.setenv("TURN_LOCK_WAIT_SECONDS", "0.3")
    holder, waiter = TurnLock(use_redis=True), TurnLock(use_redis=True)
    async with holder.hold("conversation-4"):
        with pytest.raises(TurnBusy):
            async with waiter.hold("conversation-4"):
                pass
    async with waiter.hold("conversation-4"):  # released: free again at once
        pass


async def test_without_redis_the_turn_runs_anyway(monkeypatch, caplog):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", str(free_port()))  # nothing listens
    lock = TurnLock(use_redis=True)
    ran = False
    async with lock.hold("conversation-5"):
        ran = True
    assert ran and "Turn lock: Redis unavailable" in caplog.text


async def test_in_memory_lock_store_means_no_redis_at_all(monkeypatch):
    monkeypatch.setenv("LOCK_STORE_TYPE", "in_memory")
    lock = TurnLock()
    async with lock.hold("conversation-6"):
        pass
    assert lock.use_redis is False and lock._redis is None
