"""The channels' one Redis setup: settings from actions.config reach the rate limiter's and the
turn lock's client, and no module under bot/channels reads the environment itself."""

import re
from pathlib import Path

import redis

from actions.config import settings
from bot.channels import limits
from bot.channels.redis_client import redis_client, uses_redis
from bot.channels.turnlock import TurnLock

CHANNELS = Path(__file__).resolve().parents[2] / "bot" / "channels"


def connection_kwargs(client) -> dict:
    kwargs = client.connection_pool.connection_kwargs
    keys = (
        "host",
        "port",
        "db",
        "password",
        "socket_timeout",
        "socket_connect_timeout",
    )
    return {k: kwargs.get(k) for k in keys}


def test_settings_reach_the_client(monkeypatch):
    monkeypatch.setenv("REDIS_HOST", "redis.internal")
    monkeypatch.setenv("REDIS_PORT", "6390")
    monkeypatch.setenv("REDIS_DB", "3")
    monkeypatch.setenv("REDIS_PASSWORD", "s3cret")
    monkeypatch.setenv("RATE_LIMIT_REDIS_TIMEOUT", "0.25")
    assert connection_kwargs(redis_client(settings())) == {
        "host": "redis.internal",
        "port": 6390,
        "db": 3,
        "password": "s3cret",
        "socket_timeout": 0.25,
        "socket_connect_timeout": 0.25,
    }


def test_defaults_match_env_example(monkeypatch):
    # Empty counts as unset (and keeps a local .env from filling it in).
    for name in (
        "REDIS_HOST",
        "REDIS_PORT",
        "REDIS_DB",
        "REDIS_PASSWORD",
        "RATE_LIMIT_REDIS_TIMEOUT",
        "LOCK_STORE_TYPE",
    ):
        monkeypatch.setenv(name, "")
    s = settings()
    assert (
        connection_kwargs(redis_client(s))
        == {
            "host": "127.0.0.1",
            "port": 6379,
            "db": 1,  # as .env.example, docker-compose and Rasa's lock store in endpoints.yml
            "password": None,
            "socket_timeout": 0.5,
            "socket_connect_timeout": 0.5,
        }
    )
    assert not uses_redis(s)


def test_limiter_and_turn_lock_share_one_setup(monkeypatch):
    monkeypatch.setenv("REDIS_PORT", "6391")
    monkeypatch.setenv("REDIS_DB", "5")
    expected = connection_kwargs(redis_client(settings()))
    assert connection_kwargs(limits.RateLimiter(use_redis=True)._redis_client()) == (
        expected
    )
    assert connection_kwargs(TurnLock(use_redis=True)._client()) == expected


def test_lock_store_type_switches_the_turn_lock(monkeypatch):
    monkeypatch.setenv("LOCK_STORE_TYPE", " Redis ")
    assert TurnLock().use_redis
    monkeypatch.setenv("LOCK_STORE_TYPE", "in_memory")
    settings.cache_clear()
    assert not TurnLock().use_redis


def test_turn_lock_timing_settings(monkeypatch):
    monkeypatch.setenv("TICKET_LOCK_LIFETIME", "")
    monkeypatch.setenv("TURN_LOCK_WAIT_SECONDS", "")
    lock = TurnLock(use_redis=False)
    assert (lock.lifetime, lock.wait) == (60.0, 60.0)
    monkeypatch.setenv("TICKET_LOCK_LIFETIME", "30")
    settings.cache_clear()
    lock = TurnLock(use_redis=False)
    assert (lock.lifetime, lock.wait) == (30.0, 30.0)  # waits as long as a lock lives
    monkeypatch.setenv("TURN_LOCK_WAIT_SECONDS", "0.3")
    settings.cache_clear()
    assert TurnLock(use_redis=False).wait == 0.3


def test_address_limit(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "10")
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "")
    assert limits.address_limit_per_minute(settings()) == 40
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "0")  # 0: no address limit
    settings.cache_clear()
    assert limits.address_limit_per_minute(settings()) == 0
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "25")
    settings.cache_clear()
    assert limits.address_limit_per_minute(settings()) == 25


def test_twilio_turn_timeout(monkeypatch):
    monkeypatch.setenv("TWILIO_TURN_TIMEOUT", "")
    assert settings().twilio_turn_timeout == 12.0
    monkeypatch.setenv("TWILIO_TURN_TIMEOUT", "20")
    settings.cache_clear()
    assert settings().twilio_turn_timeout == 20.0


async def test_limiter_and_turn_lock_write_to_the_configured_database(
    redis_server, monkeypatch
):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", str(redis_server))
    monkeypatch.setenv("REDIS_DB", "")  # the default database: 1
    limiter = limits.RateLimiter(use_redis=True)
    lock = TurnLock(use_redis=True)
    try:
        assert (await limiter.hit([("rest:someone", 5)])).allowed
        async with lock.hold("someone"):
            held = redis.Redis(port=redis_server, db=1).keys("intake:turnlock:*")
    finally:
        await limiter.close()
        await lock._client().close()
    assert len(held) == 1
    assert redis.Redis(port=redis_server, db=1).keys("intake:ratelimit:*")
    assert redis.Redis(port=redis_server, db=0).dbsize() == 0


def test_no_channel_module_reads_the_environment():
    offenders = [
        path.name
        for path in sorted(CHANNELS.glob("*.py"))
        if re.search(r"\bos\.environ\b|\bgetenv\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
