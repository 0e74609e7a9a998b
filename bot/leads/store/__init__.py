"""The lead store: one ``LeadStore`` composed of a part per concern.

``base`` (engine, transactions, migrations), ``leads``, ``staff`` (users, sign-in, lock-out),
``audit``, ``consent`` (SMS opt-outs, MessageSids), ``privacy`` (erasure, retention),
``outbox`` (notification rows), ``queue`` (first contacts, leads sharing a contact) and
``conflicts`` (the firm's conflict list). See the package docstring (``bot.leads``) for the API. Nothing
here connects at import: ``LeadStore(url)`` creates its engine on first use and ``get_store()``
builds the process-wide store on first call.
"""

from __future__ import annotations

import threading

from bot.leads.fields import (  # noqa: F401 - re-exported: the store's public vocabulary
    LEAD_FIELDS,
    OUTCOMES,
    STATUSES,
    as_str,
    clean_payload,
    iso,
    lead_dict,
    new_reference,
    priority,
    screening_key,
    today_utc,
    utcnow,
)
from bot.leads.store.audit import AuditMixin
from bot.leads.store.conflicts import ConflictsMixin
from bot.leads.store.consent import ConsentMixin
from bot.leads.store.leads import LeadsMixin
from bot.leads.store.outbox import OutboxMixin
from bot.leads.store.privacy import PrivacyMixin
from bot.leads.store.queue import QueueMixin
from bot.leads.store.staff import (  # noqa: F401 - re-exported
    LOCKOUT_ATTEMPTS,
    LOCKOUT_DURATION,
    LOCKOUT_WINDOW,
    StaffMixin,
    set_password_hasher,
)


class LeadStore(
    LeadsMixin,
    StaffMixin,
    PrivacyMixin,
    AuditMixin,
    ConsentMixin,
    OutboxMixin,
    QueueMixin,  # the morning queue: first contacts, shared contacts
    ConflictsMixin,  # the firm's conflict list
):
    """Leads and everything around them, over SQLAlchemy 1.4 (SQLite or PostgreSQL).

    ``settings`` (an ``actions.config.Settings``) overrides ``actions.config.settings()``; it
    is read for the Clio URL (outbox rows), the tracker store URL (erasure, retention) and the
    spool directory (erasure).
    """


_stores: dict[str, LeadStore] = {}
_stores_lock = threading.Lock()


def get_store() -> LeadStore:
    """The process-wide store for ``settings().database_url`` (created on first call)."""
    from actions.config import settings

    url = settings().database_url
    with _stores_lock:
        store = _stores.get(url)
        if store is None:
            store = LeadStore(url)
            _stores[url] = store
        return store


def reset_stores() -> None:
    """Dispose every store made by ``get_store()`` (tests, after ``settings.cache_clear()``)."""
    with _stores_lock:
        for store in _stores.values():
            store.dispose()
        _stores.clear()
