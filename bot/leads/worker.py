"""The background worker: everything that happens to leads after the request that made them.

One pass (``run_once``) writes spooled leads (``spool.drain_spool``), keeps idle unfinished
screenings with a contact and consent as incomplete leads (``partial.run``), then sends the
notifications that are due (``outbox.process_due``, retried with backoff), and, when asked, runs
the retention purge (conversations older than ``RETENTION_DAYS`` that never became leads, and
Twilio MessageSids older than ``TWILIO_SID_RETENTION_DAYS``, 400 by default: a replayed request
must still find its id long after any retention period). ``run_forever`` repeats it every ``interval`` seconds, the purge
about once an hour, until its ``stop`` event is set.

Any number of copies may run at once, in the inbox or as ``python -m bot.leads worker``: outbox
rows are claimed with a lease before they are sent, spool files are claimed by an atomic rename
before they are read, and the purge deletes only what is still there. A failing job is logged
(its exception type only: no personal data) and the others still run.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

logger = logging.getLogger(__name__)

INTERVAL = 5.0  # seconds between passes
PURGE_EVERY = 3600.0  # seconds between retention purges


def drain(store: Any, now: datetime | None = None) -> int:
    """Write spooled leads; returns how many were written. Only files the action server signed
    with LEAD_SPOOL_KEY become leads: the drain sets any other aside (``spool.drain_spool``)."""
    from bot.leads.spool import drain_spool

    return drain_spool(
        store, store.settings.spool_dir, key=store.settings.lead_spool_key
    )


def deliver(store: Any, now: datetime | None = None) -> int:
    """Send the notifications due at ``now``; returns how many were delivered."""
    from bot.leads.outbox import process_due

    return process_due(store, store.settings, now=now)


def purge(store: Any, now: datetime | None = None) -> int:
    """Retention; returns how many conversations were deleted (0 when RETENTION_DAYS is 0).
    MessageSids have their own, much longer period (``TWILIO_SID_RETENTION_DAYS``)."""
    store.prune_message_sids(store.settings.twilio_sid_retention_days)
    days = store.settings.retention_days
    if not days or days <= 0:
        return 0
    return store.purge_stale_conversations(days)


def partial(store: Any, now: datetime | None = None) -> int:
    """Idle screenings with a contact and consent become incomplete leads."""
    from bot.leads.partial import run

    return run(store, now)


JOBS: dict[str, Callable[[Any, datetime | None], int]] = {
    "spool": drain,
    "partial": partial,
    "outbox": deliver,
    "retention": purge,
}


def run_once(
    store: Any, now: datetime | None = None, retention: bool = True
) -> dict[str, int]:
    """One pass: spool, partial leads, outbox, then (when ``retention``) the purge. ``now`` (naive UTC)
    decides which notifications are due; default: now. Returns ``{job: items done}``; a job
    that failed counts 0."""
    done: dict[str, int] = {}
    for name, job in JOBS.items():
        if name == "retention" and not retention:
            continue
        try:
            done[name] = job(store, now) or 0
        except Exception as exc:  # the type only: messages may carry personal data
            logger.warning("%s failed: %s", name, type(exc).__name__)
            done[name] = 0
        else:
            if done[name]:
                logger.info("%s: %s item(s)", name, done[name])
    return done


async def run_forever(
    store: Any,
    stop: asyncio.Event,
    interval: float = INTERVAL,
    purge_every: float = PURGE_EVERY,
) -> None:
    """Run a pass every ``interval`` seconds (in a thread: the store is synchronous) until
    ``stop`` is set; the purge runs on the first pass and then every ``purge_every`` seconds."""
    next_purge = 0.0
    while not stop.is_set():
        retention = time.monotonic() >= next_purge
        if retention:
            next_purge = time.monotonic() + purge_every
        try:
            await asyncio.to_thread(run_once, store, None, retention)
        except Exception as exc:  # pragma: no cover - run_once catches its jobs' errors
            logger.warning("worker pass failed: %s", type(exc).__name__)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except asyncio.TimeoutError:
            pass
