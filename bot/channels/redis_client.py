"""The channels' one Redis connection setup, from `actions.config.Settings`.

The rate limiter (`limits.py`) and the turn lock (`turnlock.py`) use Redis when the lock store
does (`LOCK_STORE_TYPE=redis`, what several Rasa servers sharing conversations need), at
`REDIS_HOST`/`REDIS_PORT`/`REDIS_DB` (and `REDIS_PASSWORD` if set). Connecting and every command
are bounded by `RATE_LIMIT_REDIS_TIMEOUT` seconds, so a Redis in trouble costs a turn that long at
most before the caller falls back. A client connects on its first command, never at import time.
"""

from __future__ import annotations

import redis.asyncio as aioredis

from actions.config import Settings


def uses_redis(config: Settings) -> bool:
    """Whether the channels count and lock in Redis: the same switch as Rasa's lock store."""
    return config.lock_store_type.strip().lower() == "redis"


def redis_client(config: Settings) -> aioredis.Redis:
    """An asyncio Redis client for the channels (connections are made on first use)."""
    return aioredis.Redis(
        host=config.redis_host,
        port=config.redis_port,
        db=config.redis_db,
        password=config.redis_password or None,
        socket_timeout=config.redis_timeout,
        socket_connect_timeout=config.redis_timeout,
    )
