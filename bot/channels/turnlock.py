"""One turn at a time per conversation, across every Rasa server of a scale-out.

Rasa's own `RedisLockStore` (Rasa Open Source 3.6) issues its tickets with a read-modify-write of
one Redis key (`get_or_create_lock`, `issue_ticket`, `save_lock`), not atomically: when two
messages of one conversation reach two Rasa servers at the same moment, both can draw ticket 0,
both run their turn on the same tracker, and the SQL tracker store keeps only one turn's events
(the other turn's user message and bot replies are lost; tests/production/test_scale_out.py shows
it). The channels therefore hold a lock of their own around each turn when the lock store is Redis
(`LOCK_STORE_TYPE=redis`): `SET key token NX PX lifetime` to take it, a compare-and-delete script
to give it back, so only its holder releases it and a crashed holder's lock expires by itself.

With one Rasa server (`in_memory`) this does nothing: Rasa's in-memory lock store is correct.
If Redis errors, the turn runs without this lock (and a warning is logged, at most once a minute),
as the rate limiter does: Redis trouble must not take the chat down.
Keys are hashed (sender ids can be phone numbers). Nothing connects at import time.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.channels.limits import hash_key

logger = logging.getLogger(__name__)

_PREFIX = "intake:turnlock:"
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class TurnBusy(Exception):
    """Another turn of the conversation held the lock for longer than we wait."""


def _seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


class TurnLock:
    def __init__(self, use_redis: bool | None = None) -> None:
        if use_redis is None:
            use_redis = os.environ.get("LOCK_STORE_TYPE", "").strip().lower() == "redis"
        self.use_redis = use_redis
        # As long as Rasa's own ticket lifetime (TICKET_LOCK_LIFETIME, 60 s by default).
        self.lifetime = _seconds("TICKET_LOCK_LIFETIME", 60.0)
        self.wait = _seconds("TURN_LOCK_WAIT_SECONDS", self.lifetime)
        self._redis: Any = None
        self._release: Any = None
        self._last_warning = 0.0

    def _client(self) -> Any:
        if self._redis is None:
            import redis.asyncio as aioredis

            timeout = _seconds("RATE_LIMIT_REDIS_TIMEOUT", 0.5)
            self._redis = aioredis.Redis(
                host=os.environ.get("REDIS_HOST", "127.0.0.1").strip() or "127.0.0.1",
                port=int(os.environ.get("REDIS_PORT", "6379").strip() or 6379),
                db=int(os.environ.get("REDIS_DB", "0").strip() or 0),
                password=os.environ.get("REDIS_PASSWORD") or None,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
            )
            self._release = self._redis.register_script(_RELEASE)
        return self._redis

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning > 60:
            self._last_warning = now
            logger.warning(
                "Turn lock: Redis unavailable (%s); turn runs on Rasa's lock only.",
                type(error).__name__,
            )

    @asynccontextmanager
    async def hold(self, sender_id: str) -> AsyncIterator[None]:
        if not self.use_redis:
            yield
            return
        key = _PREFIX + hash_key(sender_id)
        token = uuid.uuid4().hex
        deadline = time.monotonic() + self.wait
        held = False
        try:
            client = self._client()
            while not held:
                held = bool(
                    await client.set(key, token, nx=True, px=int(self.lifetime * 1000))
                )
                if not held:
                    if time.monotonic() > deadline:
                        raise TurnBusy(
                            f"turn lock for {hash_key(sender_id)[:12]} not free after {self.wait:.0f}s"
                        )
                    await asyncio.sleep(0.05)
        except TurnBusy:
            raise
        except Exception as e:
            self._warn(e)
        try:
            yield
        finally:
            if held:
                try:
                    await self._release(keys=[key], args=[token])
                except Exception as e:
                    self._warn(e)

    def serialise(
        self, on_new_message: Callable[[Any], Awaitable[Any]]
    ) -> Callable[[Any], Awaitable[Any]]:
        """`on_new_message` that runs each conversation's turns one at a time."""

        async def handler(message: Any) -> Any:
            async with self.hold(message.sender_id):
                return await on_new_message(message)

        return handler
