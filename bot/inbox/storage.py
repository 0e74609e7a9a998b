"""The lead store as the inbox's handlers use it: off the event loop, a 503 when the database is
down, and every read or change written to the audit log.

The store itself (``bot.leads.store.LeadStore``) lives in ``app.ctx.store``, opened when the server
starts; its calls run in ``app.ctx.executor``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from sanic import Sanic
from sanic.exceptions import SanicException

from bot.inbox.present import parse_id

log = logging.getLogger(__name__)


class StoreUnavailable(SanicException):
    status_code = 503
    message = "The lead store is not reachable right now. Try again in a minute."


def is_db_down(exc: Exception) -> bool:
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


async def call(app: Sanic, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking store call in the app's executor; StoreUnavailable if the DB is down."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(
            app.ctx.executor, partial(fn, *args, **kwargs)
        )
    except Exception as exc:
        if is_db_down(exc):
            log.error("lead store unavailable: %s", type(exc).__name__)
            raise StoreUnavailable() from exc
        raise


async def audit(
    app: Sanic,
    staff: dict[str, Any] | None,
    action: str,
    lead_id: int | None = None,
    detail: str = "",
) -> None:
    """One audit row; a failed write fails the request (nothing is shown unaudited)."""
    try:
        await call(
            app,
            app.ctx.store.audit,
            staff["id"] if staff else None,
            action,
            lead_id=lead_id,
            detail=detail,
        )
    except Exception as exc:
        log.error("audit write failed for %s: %s", action, type(exc).__name__)
        raise


async def load_lead(app: Sanic, raw_id: str) -> dict[str, Any] | None:
    """The lead with the id in a URL, or None when it is malformed or unknown."""
    lead_id = parse_id(raw_id)
    if lead_id is None:
        return None
    return await call(app, app.ctx.store.get_lead, lead_id)
