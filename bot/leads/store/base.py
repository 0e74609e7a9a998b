"""The store's plumbing: the engine made on first use, transactions, and the schema migration
(alembic, serialised between processes by a file lock or a PostgreSQL advisory lock)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class StoreBase:
    """One database (SQLite or PostgreSQL) over SQLAlchemy 1.4; the concerns build on it.

    ``settings`` (an ``actions.config.Settings``) overrides ``actions.config.settings()``.
    """

    def __init__(self, url: str, settings: Any = None) -> None:
        self.url = url
        self._settings_override = settings
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    def __repr__(self) -> str:  # the URL may carry a password
        return f"{type(self).__name__}({sa.engine.make_url(self.url).render_as_string(hide_password=True)!r})"

    # -- plumbing --

    @property
    def settings(self) -> Any:
        if self._settings_override is not None:
            return self._settings_override
        from actions.config import settings

        return settings()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = self._create_engine()
        return self._engine

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            engine = sa.create_engine(
                self.url,
                future=True,
                connect_args={"timeout": 30, "check_same_thread": False},
            )

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                if sa.engine.make_url(self.url).database not in (None, "", ":memory:"):
                    cur.execute("PRAGMA journal_mode=WAL")
                cur.close()

            return engine
        return sa.create_engine(self.url, future=True, pool_pre_ping=True)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- migrations --

    def migrate(self) -> None:
        """``alembic upgrade head``. Idempotent, and serialised between processes (a file lock
        beside a SQLite database, an advisory transaction lock on PostgreSQL)."""
        self._alembic("upgrade", "head")

    def _alembic(self, action: str, revision: str) -> None:
        """Run ``alembic upgrade|downgrade revision`` under the migration lock (tests and
        ``migrate``). On SQLite the migration connection has foreign keys off (see
        ``migrations/env.py``); they are switched back on after the commit, before the
        connection returns to the pool."""
        from alembic import command
        from alembic.config import Config

        run = {"upgrade": command.upgrade, "downgrade": command.downgrade}[action]
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        if self.is_sqlite:
            db = sa.engine.make_url(self.url).database
            if db and db != ":memory:":
                Path(db).parent.mkdir(parents=True, exist_ok=True)
                with _file_lock(Path(db + ".migrate.lock")):
                    self._alembic_sqlite(cfg, run, revision)
                return
            self._alembic_sqlite(cfg, run, revision)
            return
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7301946501)"))
            cfg.attributes["connection"] = conn
            run(cfg, revision)

    def _alembic_sqlite(self, cfg: Any, run: Any, revision: str) -> None:
        with self.engine.connect() as conn:
            try:
                cfg.attributes["connection"] = conn
                run(cfg, revision)
                conn.commit()
            finally:
                if conn.in_transaction():
                    conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
                if not conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
                    conn.invalidate()  # pragma: no cover - never hand out a connection without FKs


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    import fcntl

    with _process_lock:
        fd = os.open(str(path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


_process_lock = threading.Lock()
