"""Abuse limits shared by the input channels: a sliding-window rate limiter and size caps.

`RateLimiter.hit(keys)` counts one request against every key (e.g. the sender and the client
address) over the last 60 seconds and says whether it may pass. It is all-or-nothing: a request
that is refused is not counted, so a client that keeps sending gets through again as soon as its
oldest counted request leaves the window.

Where the counts live:
- in memory, per process (the default; one Rasa server);
- in Redis when `LOCK_STORE_TYPE=redis` (the same switch that makes Rasa share its lock store),
  through `redis_client.redis_client(settings)`, so that every replica counts the same requests.
  If Redis errors, the limiter falls back to its in-memory window for that request and logs a
  warning (at most once a minute): a broken Redis must not take the chat down.

Keys are hashed before they are stored, so no phone number or session id ends up in Redis; the
hash is keyed (HMAC-SHA256 with `LOG_HASH_SECRET`), and `log_id` is the same hash cut short for
logs: without the secret, enumerating phone numbers does not reverse it.
Nothing here connects to anything at import time.

Not built on the `limits` library: its releases from 2.5 on need packaging>=21 (Rasa 3.6 pins
<21), the older ones reach Redis asynchronously only through a second client (coredis 2).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from actions.config import Settings, settings
from bot.channels.redis_client import redis_client, uses_redis

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0
# Request bodies above this size are refused before they are parsed (HTTP 413).
MAX_BODY_BYTES = 200 * 1024
_REDIS_PREFIX = "intake:ratelimit:"

# Checks every key first, then records the request under all of them, atomically on the server.
# KEYS: the window keys. ARGV: now (s), window (s), a unique member, then one limit per key.
_REDIS_SCRIPT = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local retry = window
    if oldest[2] then retry = tonumber(oldest[2]) + window - now end
    return {0, tostring(retry)}
  end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, math.ceil(window * 1000))
end
return {1, '0'}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = (
        0.0  # seconds until the oldest counted request leaves the window
    )


# Used only when no secret is configured at all (a fresh checkout before `make setup`): stable, so
# replicas still agree on Redis keys, but not secret.
_UNSET_SECRET = "intake-log-ids-no-secret-configured"


def hash_key(key: str) -> str:
    """A short, stable name for a key (for storage and for logs) that cannot be reversed without
    the secret: HMAC-SHA256 keyed with `settings().log_hash_secret`, 24 hex digits. Every replica
    must share the secret (they read the same environment) to agree on Redis keys."""
    secret = (settings().log_hash_secret or _UNSET_SECRET).encode("utf-8")
    return hmac.new(secret, key.encode("utf-8"), hashlib.sha256).hexdigest()[:24]


def log_id(value: str) -> str:
    """What logs say instead of a phone number or a conversation id (12 hex digits)."""
    return hash_key(value)[:12]


class _MemoryWindow:
    """Sliding window log per key, for one process."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = 0.0

    def hit(
        self, keys: Sequence[tuple[str, int]], now: float, window: float
    ) -> Decision:
        with self._lock:
            self._sweep(now, window)
            cutoff = now - window
            for key, limit in keys:
                q = self._hits.get(key)
                if q is None:
                    continue
                while q and q[0] <= cutoff:
                    q.popleft()
                if len(q) >= limit:
                    return Decision(False, max(0.0, q[0] + window - now))
            for key, _limit in keys:
                self._hits.setdefault(key, deque()).append(now)
            return Decision(True)

    def _sweep(self, now: float, window: float) -> None:
        """Forget keys whose window is empty, so memory stays bounded by recent traffic."""
        if now - self._last_sweep < window:
            return
        self._last_sweep = now
        cutoff = now - window
        for key in [k for k, q in self._hits.items() if not q or q[-1] <= cutoff]:
            del self._hits[key]


class RateLimiter:
    """`await limiter.hit([("sender:abc", 30), ("addr:1.2.3.4", 30)])` -> Decision."""

    def __init__(
        self,
        window_seconds: float = WINDOW_SECONDS,
        use_redis: bool | None = None,
        config: Settings | None = None,
    ) -> None:
        self.window = window_seconds
        self._config = config or settings()
        self.use_redis = uses_redis(self._config) if use_redis is None else use_redis
        self._memory = _MemoryWindow()
        self._redis = None  # created on first use
        self._script = None
        self._last_redis_warning = 0.0

    def _redis_client(self) -> Any:
        if self._redis is None:
            client = redis_client(self._config)
            self._script = client.register_script(_REDIS_SCRIPT)
            self._redis = client
        return self._redis

    async def hit(self, keys: Sequence[tuple[str, int]]) -> Decision:
        keys = [(k, int(limit)) for k, limit in keys if limit and int(limit) > 0]
        if not keys:
            return Decision(True)
        now = time.time()
        if self.use_redis:
            try:
                self._redis_client()
                assert self._script is not None
                allowed, retry = await self._script(
                    keys=[_REDIS_PREFIX + hash_key(k) for k, _ in keys],
                    args=[repr(now), repr(self.window), uuid.uuid4().hex]
                    + [str(limit) for _, limit in keys],
                )
                return Decision(bool(int(allowed)), max(0.0, float(retry)))
            except Exception as e:  # any Redis trouble: count in memory instead
                if now - self._last_redis_warning > 60:
                    self._last_redis_warning = now
                    logger.warning(
                        "Rate limiter: Redis unavailable (%s); counting in memory.",
                        type(e).__name__,
                    )
        return self._memory.hit(keys, now, self.window)

    async def close(self) -> None:
        if self._redis is not None:
            try:
                await self._redis.close()
            except Exception:  # pragma: no cover - best effort
                pass
            self._redis = None


def address_limit_per_minute(config: Settings) -> int:
    """The per-client-address limit: `RATE_LIMIT_PER_ADDRESS_PER_MINUTE`, or four times the
    sender limit (several people can share one address: an office, a carrier's NAT).

    Behind a reverse proxy, set `SANIC_PROXIES_COUNT` (or `SANIC_FORWARDED_SECRET`) so Sanic reads
    the client address from the forwarding headers; otherwise every visitor shares the proxy's
    address and this limit applies to all of them together.
    """
    if config.rate_limit_per_address_per_minute is not None:
        return config.rate_limit_per_address_per_minute
    return 4 * config.rate_limit_per_minute


# Characters no store here can keep: C0 controls (NUL above all: PostgreSQL refuses it in text)
# and lone UTF-16 surrogates (not encodable as UTF-8). psycopg2 raises ValueError for both, and
# Rasa's SQL tracker store answers any ValueError with sys.exit(): one such sender id or intent name
# would stop the Rasa server. Tab, newline and carriage return are ordinary text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_unstorable_chars(text: str) -> bool:
    return bool(_CONTROL.search(text) or _SURROGATE.search(text))


def clean_text(text: str) -> str:
    """Message text as the stores can keep it: controls dropped, lone surrogates shown as U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def empty_message_text() -> str:
    return "I didn't get any text there. Could you type your message?"


def trouble_text() -> str:
    s = settings()
    return (
        "Sorry, we're having trouble on our side right now. Please try again in a minute, "
        f"or call us at {s.firm_phone} and we'll help you straight away."
    )


def too_long_text(length: int, limit: int) -> str:
    return (
        f"That message is too long for me ({length:,} characters; I can read up to {limit:,} "
        "at a time). Please send it in shorter parts."
    )


def rate_limited_text(retry_after: float) -> str:
    seconds = max(1, int(retry_after + 0.999))
    return (
        "You're sending messages faster than I can keep up with. "
        f"Please wait about {seconds} seconds and try again."
    )
