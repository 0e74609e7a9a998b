"""Fixtures for the lead store: real SQLite files in tmp_path, a fresh PostgreSQL database when
one is reachable (``REQUIRE_SERVICES=1`` turns a missing server into a failure), and Rasa's own
SQLTrackerStore writing a real tracker database."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from actions.config import settings as load_settings
from bot.leads import transcripts
from bot.leads.store import LeadStore, reset_stores

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USER = "postgres"


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., object]:
    """A Settings pointing every path into tmp_path; keyword arguments override fields."""

    def make(**overrides):
        base = dataclasses.replace(
            load_settings(),
            database_url=f"sqlite:///{tmp_path / 'leads.db'}",
            tracker_store_url=f"sqlite:///{tmp_path / 'rasa.db'}",
            spool_dir=tmp_path / "spool",
            inbox_public_url="https://inbox.example.test",
            intake_email="intake@firm.test",
            mail_from="assistant@firm.test",
            smtp_host="127.0.0.1",
            smtp_user="",
            smtp_password="",
            smtp_starttls=False,
            smtp_timeout=5.0,
            email_include_details=False,
            clio_lead_inbox_url="",
            clio_lead_inbox_token="",
            firm_timezone="UTC",  # not the .env's: a test names the zone it needs
        )
        return dataclasses.replace(base, **overrides)

    return make


@pytest.fixture
def settings(make_settings):
    return make_settings()


@pytest.fixture
def sqlite_store(settings) -> Iterator[LeadStore]:
    store = LeadStore(settings.database_url, settings=settings)
    store.migrate()
    yield store
    store.dispose()
    transcripts.dispose_engines()


def _pg_admin():
    import psycopg2

    try:
        conn = psycopg2.connect(
            host=PG_HOST,
            port=PG_PORT,
            user=PG_USER,
            dbname="postgres",
            connect_timeout=3,
        )
    except Exception as exc:
        reason = f"PostgreSQL not reachable on {PG_HOST}:{PG_PORT} as {PG_USER}: {type(exc).__name__}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason + " (REQUIRE_SERVICES=1)")
        pytest.skip(reason)
    conn.autocommit = True
    return conn


@contextmanager
def _fresh_pg_database() -> Iterator[str]:
    admin = _pg_admin()
    name = f"test_leads_{secrets.token_hex(6)}"
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        transcripts.dispose_engines()
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A freshly created, empty PostgreSQL database, dropped afterwards."""
    with _fresh_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    """A freshly created and migrated PostgreSQL database for the whole run (tables emptied
    after every test by the ``store`` fixture), dropped at the end."""
    with _fresh_pg_database() as url:
        store = LeadStore(url)
        store.migrate()
        store.dispose()
        yield url


def _empty_tables(url: str) -> None:
    import sqlalchemy as sa

    from bot.leads.models import metadata

    engine = sa.create_engine(url)
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, settings) -> Iterator[LeadStore]:
    """A migrated store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = settings.database_url
    else:
        url = request.getfixturevalue("pg_session_url")
    s = LeadStore(url, settings=settings)
    s.migrate()
    try:
        yield s
    finally:
        s.dispose()
        if request.param == "postgresql":
            _empty_tables(url)


@pytest.fixture(autouse=True)
def _fresh_process_state():
    from argon2 import PasswordHasher, Type

    from bot.leads.store import set_password_hasher

    # Still argon2id, with parameters cheap enough for dozens of hashes per test.
    set_password_hasher(
        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    )
    yield
    set_password_hasher(None)
    reset_stores()
    transcripts.dispose_engines()
    load_settings.cache_clear()


def payload(conversation_id: str = "conv-1", **overrides) -> dict:
    """A handoff payload shaped like actions/handoff.py's."""
    data = {
        "conversation_id": conversation_id,
        "channel": "web",
        "outcome": "qualified",
        "incident_type": "surgical_error",
        "incident_description": "Sponge left in abdomen after appendectomy",
        "state": "CA",
        "incident_date": "2024-01-10",
        "discovery_date": "2024-03-01",
        "patient_role": "self",
        "patient_dob": "1980-05-17",
        "patient_deceased": False,
        "death_date": None,
        "government_facility": False,
        "already_represented": False,
        "deadline": None,
        "days_left": None,
        "limitation_status": "open",
        "explanation": "One year from discovery (CCP 340.5).",
        "citation": "Cal. Civ. Proc. Code 340.5",
        "caveats": ["Notice of intent required 90 days before filing."],
        "contact_name": "Jane Q Doe",
        "contact_phone": "+15555550123",
        "contact_email": "jane@example.org",
        "contact_consent": True,
        "transcript_snapshot": [
            {
                "at": "2024-05-01T10:00:00+00:00",
                "from": "user",
                "text": "hi",
                "channel": "rest",
            }
        ],
    }
    data.update(overrides)
    return data


def write_rasa_conversation(
    tracker_url: str,
    sender_id: str,
    turns: list[tuple],
    channel: str = "rest",
    start: float = 1_700_000_000.0,
) -> None:
    """Write a conversation with Rasa's own SQLTrackerStore (the real table and event JSON).

    ``turns`` is a list of ("user"|"bot", text)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        SessionStarted,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    db = tracker_url.split("sqlite:///", 1)[1]
    events = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start),
    ]
    ts = start
    for who, text in turns:
        ts += 1
        if who == "user":
            events.append(
                UserUttered(
                    text,
                    {"name": "inform", "confidence": 1.0},
                    input_channel=channel,
                    timestamp=ts,
                )
            )
        else:
            events.append(ActionExecuted("utter_x", timestamp=ts))
            events.append(
                BotUttered(text, metadata={"utter_action": "utter_x"}, timestamp=ts)
            )
    tracker = DialogueStateTracker.from_events(sender_id, events, slots=[])
    rasa_store = SQLTrackerStore(dialect="sqlite", db=db)
    asyncio.run(rasa_store.save(tracker))
    rasa_store.engine.dispose()
