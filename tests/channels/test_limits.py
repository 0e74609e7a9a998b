"""The sliding-window rate limiter, in memory and shared through a real Redis server."""

import asyncio
import threading
import time

from actions.config import settings
from bot.channels import limits
from bot.stack import free_port


def run(coro):
    """Run a coroutine in a fresh event loop on its own thread, independent of any loop that other
    tests' tooling (Playwright's sync API) keeps on the main thread."""
    result = {}

    def target():
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as e:  # re-raised in the test's thread
            result["error"] = e

    t = threading.Thread(target=target)
    t.start()
    t.join(60)
    if "error" in result:
        raise result["error"]
    return result.get("value")


def allowed(limiter, keys):
    return run(limiter.hit(keys)).allowed


def test_memory_window_allows_up_to_the_limit():
    limiter = limits.RateLimiter(use_redis=False)
    results = [run(limiter.hit([("s:a", 3)])) for _ in range(5)]
    assert [r.allowed for r in results] == [True, True, True, False, False]
    assert 0 < results[3].retry_after <= 60


def test_keys_are_counted_separately():
    limiter = limits.RateLimiter(use_redis=False)
    for _ in range(3):
        assert allowed(limiter, [("s:a", 3)])
    assert allowed(limiter, [("s:b", 3)])


def test_all_or_nothing_over_sender_and_address():
    limiter = limits.RateLimiter(use_redis=False)
    # the address limit (2) refuses the third sender; refused requests are not counted
    assert allowed(limiter, [("s:1", 5), ("addr:x", 2)])
    assert allowed(limiter, [("s:2", 5), ("addr:x", 2)])
    assert not allowed(limiter, [("s:3", 5), ("addr:x", 2)])
    assert allowed(limiter, [("s:3", 5), ("addr:y", 2)])


def test_window_slides():
    limiter = limits.RateLimiter(window_seconds=0.3, use_redis=False)
    assert allowed(limiter, [("k", 1)])
    assert not allowed(limiter, [("k", 1)])
    time.sleep(0.35)
    assert allowed(limiter, [("k", 1)])


def test_zero_limit_means_no_limit():
    limiter = limits.RateLimiter(use_redis=False)
    assert all(allowed(limiter, [("k", 0)]) for _ in range(10))


def test_lock_store_type_redis_switches_to_redis(monkeypatch):
    monkeypatch.setenv("LOCK_STORE_TYPE", "redis")
    assert limits.RateLimiter().use_redis
    monkeypatch.setenv("LOCK_STORE_TYPE", "in_memory")
    settings.cache_clear()  # settings are read once; a new deployment reads them anew
    assert not limits.RateLimiter().use_redis


def test_falls_back_to_memory_when_redis_is_down(monkeypatch, caplog):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", str(free_port()))

    async def scenario():
        limiter = limits.RateLimiter(use_redis=True)
        results = [(await limiter.hit([("k", 2)])).allowed for _ in range(3)]
        await limiter.close()
        return results

    assert run(scenario()) == [True, True, False]
    assert "Redis unavailable" in caplog.text


def test_replicas_share_the_limit_through_redis(redis_server, monkeypatch):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", str(redis_server))
    monkeypatch.setenv("REDIS_DB", "0")
    keys = [("rest:s1", 3), ("addr:z", 100)]

    async def scenario():
        replica_a = limits.RateLimiter(use_redis=True)
        replica_b = limits.RateLimiter(use_redis=True)
        results = [
            await replica_a.hit(keys),
            await replica_b.hit(keys),
            await replica_a.hit(keys),
            await replica_b.hit(keys),
        ]
        memory = (replica_a._memory._hits, replica_b._memory._hits)
        await replica_a.close()
        await replica_b.close()
        return results, memory

    results, memory = run(scenario())
    assert [r.allowed for r in results] == [True, True, True, False]
    assert 0 < results[3].retry_after <= 60
    assert memory == ({}, {})  # Redis did the counting, not the replicas' memory
    import redis

    stored = redis.Redis(port=redis_server).keys("*")
    assert stored and all(
        b"s1" not in k and b"addr" not in k for k in stored
    )  # keys are hashed


def test_messages_are_plain():
    assert "too long" in limits.too_long_text(6000, 5000)
    assert "5,000" in limits.too_long_text(6000, 5000)
    assert "wait about 12 seconds" in limits.rate_limited_text(11.2)
