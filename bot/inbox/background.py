"""The inbox server's background work: every ``Settings.inbox_background_seconds`` (default 5),
write spooled leads to the store, then send due notifications; about once an hour, remove
conversations older than ``RETENTION_DAYS`` that never became leads. It never dies: a failed job
is logged (its exception type only, no personal data) and tried again next time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from sanic import Sanic

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600


async def background_loop(app: Sanic) -> None:
    """Run the spool drain, the outbox and the retention purge on ``app.ctx.store`` for ever."""

    def drain(store: Any, settings: Any) -> int:
        from bot.leads.spool import drain_spool

        return drain_spool(store) or 0

    def outbox(store: Any, settings: Any) -> int:
        from bot.leads.outbox import process_due

        return process_due(store, settings) or 0

    def purge(store: Any, settings: Any) -> int:
        days = getattr(settings, "retention_days", 0)
        return store.purge_stale_conversations(days) or 0 if days and days > 0 else 0

    settings = app.ctx.settings
    interval = float(getattr(settings, "inbox_background_seconds", 5.0) or 5.0)
    next_purge = 0.0
    while True:
        await asyncio.sleep(interval)
        store = app.ctx.store
        if store is None:
            continue
        jobs = [("spool drain", drain), ("outbox", outbox)]
        if time.monotonic() >= next_purge:
            next_purge = time.monotonic() + PURGE_EVERY_SECONDS
            jobs.append(("retention purge", purge))
        for name, job in jobs:
            try:
                done = await app.ctx.call(job, store, settings)
                if done:
                    log.info("%s: %s item(s)", name, done)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # logged without personal data: the type only
                log.warning("%s failed: %s", name, type(exc).__name__)
