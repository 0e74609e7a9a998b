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
A lock lives `TICKET_LOCK_LIFETIME` seconds (Rasa's own ticket lifetime, 60 by default) and a turn
waits `TURN_LOCK_WAIT_SECONDS` (default: the lifetime) for it; Redis is reached through
`redis_client.redis_client(settings)`, as the rate limiter reaches it.
If Redis errors, the turn runs without this lock (and a warning is logged, at most once a minute),
as the rate limiter does: Redis trouble must not take the chat down.
Keys are hashed (sender ids can be phone numbers). Nothing connects at import time.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from actions.config import Settings, settings
from bot.channels.limits import hash_key
from bot.channels.redis_client import redis_client, uses_redis

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


class TurnLock:
    def __init__(
        self, use_redis: bool | None = None, config: Settings | None = None
    ) -> None:
        self._config = config or settings()
        self.use_redis = uses_redis(self._config) if use_redis is None else use_redis
        # As long as Rasa's own ticket lifetime (TICKET_LOCK_LIFETIME, 60 s by default).
        self.lifetime = self._config.turn_lock_lifetime
        self.wait = self._config.turn_lock_wait
        self._redis: Any = None
        self._release: Any = None
        self._last_warning = 0.0

    def _client(self) -> Any:
        if self._redis is None:
            self._redis = redis_client(self._config)
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
