"""Alembic environment for the lead store.

``LeadStore.migrate()`` passes an open connection in ``config.attributes["connection"]`` (it holds
the migration lock on it). Run directly with ``alembic``, the URL comes from
``sqlalchemy.url`` in the config or else from ``settings().database_url``. On SQLite, foreign key
enforcement is switched off for the migration connection (see ``_run``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from bot.leads.models import metadata

VERSION_TABLE = "leads_alembic_version"


def _run(connection) -> None:
    if connection.dialect.name == "sqlite":
        # Batch migrations rebuild tables (copy, DROP, rename); with foreign keys enforced the
        # DROP of ``leads`` would cascade into its child tables. The pragma only takes effect
        # outside a transaction, so it goes first; ``LeadStore.migrate`` turns it back on after
        # the commit (the migrations themselves check it is off and run foreign_key_check).
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        from actions.config import settings

        url = settings().database_url
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():  # pragma: no cover - offline SQL generation is not used
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
