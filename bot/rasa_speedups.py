"""Makes the hot paths of the Rasa 3.6 server cheaper, with the same results.

Each was found with py-spy on the Rasa server, which spends most of a turn's CPU (the action server
about a seventh of it); the shares below are of the Rasa server's samples under `make bench`.

1. **The check of every action-server reply.** For every custom action (a form's validation runs
   on every turn of the screening), Rasa's `RemoteAction._validate_action_result` calls
   `jsonschema.validate(reply, spec)`, which first checks the constant `spec` against the JSON
   Schema meta-schema, every time: 44% of the CPU. Here the reply is validated against the same
   schema, with the same validator class and the same error (best match, same message), but the
   schema is checked once.
2. **Reading a tracker.** Rasa rebuilds the tracker from its stored events on every message, and
   for each event `Event.resolve_by_type` walks every subclass of `Event` (with
   `inspect.isabstract` on each) to find the class of that name: 7%. The class found for a name is
   remembered; a name not known yet goes to Rasa's own lookup (same result, same error).
3. **The SQLite tracker store** (the embedded default; PostgreSQL is left as Rasa made it):
   - Each message's events are one commit, and SQLite's default (a rollback journal,
     `synchronous=FULL`) waits for the disk on every commit: 11%. Here the tracker store uses
     write-ahead logging with `synchronous=NORMAL`: a commit survives the Rasa server crashing;
     only a power cut can lose the last turns of a transcript. Leads do not depend on it: the
     action server writes each lead to its own store (and spool) with full synchronous commits.
   - SQLAlchemy 1.4 opens and closes an SQLite connection per session, and in WAL mode the last
     connection's close checkpoints the log: 6%. Here the engine keeps a pool of connections.
   - Rasa reads and writes events through ORM objects (an identity map, a unit of work) and
     counts the stored ones with an ORM query: 20% between them. Here the same SQL is run
     through SQLAlchemy Core (the same rows are read and written: tested against Rasa's own).
4. **Calls to the action server.** Rasa opens a new HTTP session, so a new TCP connection, for
   every custom action: 5%. Here each endpoint keeps one session and its connections alive. The
   whole tracker goes with every call, as JSON: 6.5% with the standard library's encoder,
   which orjson replaces where it can encode the value.
5. **Loading the model** (once per start, not per turn). To give DIET's weights their shapes,
   Rasa's `RasaModel.load` runs one training step on one example and then loads the trained
   weights over it; that step is compiled into a TensorFlow graph first (autograph traces the
   whole training function, gradients and optimizer included): 128 s of a 134-s load on a busy
   2-core machine. Here that one step runs eagerly, which creates the same variables, and the
   model's own setting is put back before the weights are loaded, so prediction goes through its
   usual compiled function: the same predictions to the last bit (tested), and the model loads in
   about 20 s. Fine-tuning (`rasa train --finetune`) keeps Rasa's own load.

The Rasa server runs `install()` at start (`bot.rasa_server`) and again, as a no-op, when it
builds our REST channel (credentials.yml).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import orjson

_installed = False
# Rasa's own `RasaModel.load`, kept when speedup 5 replaces it (the tests compare the two).
RASA_MODEL_LOAD: Any = None

# An idle connection to the action server is dropped after this long, before the server's own
# keep-alive (Sanic's 5 s) can close it under a request that is being sent.
KEEPALIVE_SECONDS = 2.0


def install() -> None:
    global _installed
    if _installed:
        return
    _install_reply_check()
    _install_event_lookup()
    _install_sqlite_tracker_store()
    _install_kept_alive_action_calls()
    _install_quick_model_load()
    _installed = True


def _install_reply_check() -> None:
    from jsonschema.exceptions import ValidationError, best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    spec = RemoteAction.action_response_format_spec()
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)  # once, instead of on every reply
    validator = validator_class(spec)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        assert isinstance(error, ValidationError)
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result


def _install_event_lookup() -> None:
    from rasa.shared.core.events import Event

    rasa_lookup = Event.resolve_by_type
    found: dict[str, type[Event]] = {}

    def resolve_by_type(
        type_name: str, default: type[Event] | None = None
    ) -> type[Event] | None:
        cls = found.get(type_name)
        if cls is None:
            cls = rasa_lookup(type_name, default)
            if cls is not None and getattr(cls, "type_name", None) == type_name:
                found[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)


def sqlite_tracker_pragmas(dbapi_conn: Any, _record: Any = None) -> None:
    """Each new SQLite connection of the tracker store: commits no longer wait for the disk
    (`synchronous=NORMAL`, safe with write-ahead logging against a crash of the process)."""
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _install_sqlite_tracker_store() -> None:
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.constants import INTENT_NAME_KEY

    rasa_init = SQLTrackerStore.__init__

    def __init__(self: SQLTrackerStore, *args: Any, **kwargs: Any) -> None:
        rasa_init(self, *args, **kwargs)
        url = self.engine.url
        if self.engine.dialect.name != "sqlite" or url.database in (
            None,
            "",
            ":memory:",
        ):
            return
        self.engine.dispose()
        self.engine = sqlite_tracker_engine(url)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    rasa_retrieve = SQLTrackerStore._retrieve
    rasa_save = SQLTrackerStore.save

    async def _retrieve(
        self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Any:
        if self.engine.dialect.name != "sqlite":
            return await rasa_retrieve(self, sender_id, fetch_events_from_all_sessions)
        table = self.SQLEvent.__table__
        query = (
            sa.select(table.c.data)
            .where(_this_session(table, sender_id, fetch_events_from_all_sessions))
            .order_by(table.c.id)
        )
        with self.engine.connect() as connection:
            events = [json.loads(data) for data in connection.execute(query).scalars()]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
        if self.engine.dialect.name != "sqlite":
            return await rasa_save(self, tracker)
        await self.stream_events(tracker)
        table = self.SQLEvent.__table__
        stored = sa.select(sa.func.count()).where(
            _this_session(table, tracker.sender_id, False)
        )
        with self.engine.begin() as connection:
            already = connection.execute(stored).scalar_one()
            rows = []
            for event in itertools.islice(tracker.events, already, None):
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                connection.execute(table.insert(), rows)

    _retrieve.rasa = rasa_retrieve  # type: ignore[attr-defined]  # for the tests' comparison
    save.rasa = rasa_save  # type: ignore[attr-defined]
    SQLTrackerStore.__init__ = __init__
    SQLTrackerStore._retrieve = _retrieve
    SQLTrackerStore.save = save


def _this_session(table: Any, sender_id: str, all_sessions: bool) -> Any:
    """Rasa's `SQLTrackerStore._event_query` condition, in SQLAlchemy Core: the sender's events,
    from its latest `session_started` on unless `all_sessions`."""
    import sqlalchemy as sa
    from rasa.shared.core.events import SessionStarted

    condition = table.c.sender_id == sender_id
    if all_sessions:
        return condition
    start = (
        sa.select(sa.func.max(table.c.timestamp))
        .where(
            table.c.sender_id == sender_id,
            table.c.type_name == SessionStarted.type_name,
        )
        .scalar_subquery()
    )
    return sa.and_(condition, sa.or_(table.c.timestamp >= start, start.is_(None)))


def sqlite_tracker_engine(url: Any) -> Any:
    """The tracker store's engine on an SQLite file: write-ahead logging (kept in the file),
    `synchronous=NORMAL` on every connection, and a pool of open connections. SQLAlchemy 1.4
    opens and closes a connection per session on an SQLite file, and in WAL mode the last
    connection's close checkpoints the log into the database: 6% of the server's samples. A
    pooled connection is only ever used by one session at a time, so it may cross threads (what
    SQLAlchemy 2.0 does by default)."""
    import sqlalchemy as sa
    from sqlalchemy import event

    engine = sa.create_engine(
        url,
        poolclass=sa.pool.QueuePool,
        pool_size=2,
        max_overflow=8,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", sqlite_tracker_pragmas)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    return engine


def json_text(value: Any) -> str:
    """JSON for a request body: orjson where it can encode the value (the tracker sent with every
    custom action, several times faster), else the standard library as aiohttp would."""
    try:
        return orjson.dumps(value).decode()
    except (
        TypeError
    ):  # a key that is not a string, an integer over 64 bits, a numpy value
        return json.dumps(value)


class _Borrowed:
    """`async with` over a shared session: hands it out, and does not close it after."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *exc: Any) -> None:
        return None


def _install_kept_alive_action_calls() -> None:
    import asyncio

    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    def session(self: EndpointConfig) -> _Borrowed:
        loop = asyncio.get_running_loop()
        shared = getattr(self, "_kept_alive", None)
        if (
            shared is None
            or shared.closed
            or getattr(self, "_kept_alive_loop", None) is not loop
        ):
            auth = (
                aiohttp.BasicAuth(
                    self.basic_auth["username"], self.basic_auth["password"]
                )
                if self.basic_auth
                else None
            )
            shared = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
                json_serialize=json_text,
            )
            self._kept_alive = shared
            self._kept_alive_loop = loop
        return _Borrowed(shared)

    EndpointConfig.session = session


def _install_quick_model_load() -> None:
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
    from rasa.utils.tensorflow.models import RasaModel

    global RASA_MODEL_LOAD
    RASA_MODEL_LOAD = RasaModel.__dict__["load"]  # the classmethod itself
    rasa_load = RasaModel.load.__func__

    def load(
        cls: type[RasaModel],
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        if finetune_mode:
            return rasa_load(
                cls,
                model_file_name,
                model_data_example,
                predict_data_example,
                finetune_mode,
                *args,
                **kwargs,
            )
        # Rasa's own steps (rasa/utils/tensorflow/models.py, RasaModel.load), but the one step
        # that builds the weights runs eagerly instead of being traced into a graph first.
        model = cls(*args, **kwargs)
        config = kwargs.get("config", {})
        model.compile(
            optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
            run_eagerly=True,
        )
        model.fit(
            RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False
        )
        model.run_eagerly = config.get(
            RUN_EAGERLY
        )  # predictions: the compiled function
        model.load_weights(model_file_name)
        if predict_data_example:
            model.run_inference(predict_data_example)  # traced once, as Rasa does
        return model

    RasaModel.load = classmethod(load)
