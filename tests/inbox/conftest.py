"""Shared fixtures for the inbox: a real ``python -m bot.inbox`` on a free port, staff users, leads,
Rasa-shaped tracker rows, and a headless Chromium. Other test packages can reuse them with
``pytest_plugins = ["tests.inbox.conftest"]``.

- ``inbox_server_factory(**env)`` starts an inbox subprocess with its own SQLite lead store and
  tracker store in a temporary folder and returns an ``InboxServer``; it is stopped at the end of
  the session. ``inbox_server`` is one shared instance.
- ``InboxServer.store`` is a ``LeadStore`` on the same database, opened in the test process.
- ``staff`` makes a fresh staff user (unique username) and returns ``(user, password)``.
- ``make_lead(server, **fields)`` creates a lead through ``store.create_lead``.
- ``write_tracker(url, sender_id, messages)`` writes Rasa ``SQLTrackerStore`` event rows.
- ``lead_page``, ``post`` (no redirects followed), ``audit_actions`` and ``csrf_of``: the HTTP
  tests' small helpers.
- ``browser`` is a session-wide Chromium (Debian's, never downloaded); ``page`` a fresh context.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.stack import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


def closed_port() -> int:
    """A port nobody listens on (bound, then released): SMTP there is refused at once."""
    return free_port()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]*)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


HTML = {"Accept": "text/html,application/xhtml+xml"}


def lead_page(server, session, lead_id):
    return session.get(f"{server.url}/inbox/leads/{lead_id}", timeout=10)


def post(server, session, path, data, **kwargs):
    return session.post(
        server.url + path, data=data, allow_redirects=False, timeout=10, **kwargs
    )


def audit_actions(server, lead_id=None):
    return [row["action"] for row in server.store.audit_log(lead_id=lead_id)]


@dataclass
class InboxServer:
    url: str
    port: int
    database_url: str
    tracker_url: str
    api_token: str
    secret_key: str
    workdir: Path
    process: subprocess.Popen
    log_path: Path
    _store: Any = field(default=None, repr=False)

    @property
    def store(self):
        if self._store is None:
            from bot.leads.store import LeadStore

            self._store = LeadStore(self.database_url)
        return self._store

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def api(
        self, path: str, token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = kwargs.pop("headers", {})
        token = self.api_token if token is None else token
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.get(self.url + path, headers=headers, timeout=10, **kwargs)

    def login(self, username: str, password: str) -> requests.Session:
        """A requests session signed in as ``username`` (asserts that it worked)."""
        session = requests.Session()
        response = self.try_login(session, username, password)
        assert response.status_code == 303, (response.status_code, response.text[:500])
        return session

    def try_login(
        self,
        session: requests.Session,
        username: str,
        password: str,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """Load the login form, then post it (``headers`` on both, e.g. X-Forwarded-For)."""
        page = session.get(self.url + "/inbox/login", headers=headers, timeout=10)
        return session.post(
            self.url + "/inbox/login",
            data={
                "csrf_token": csrf_of(page.text),
                "username": username,
                "password": password,
            },
            headers=headers,
            allow_redirects=False,
            timeout=30,
        )

    def stop(self) -> None:
        if self._store is not None:
            self._store.dispose()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_inbox_server(workdir: Path, **env_overrides: str) -> InboxServer:
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    database_url = f"sqlite:///{workdir / 'leads.db'}"
    tracker_url = f"sqlite:///{workdir / 'rasa.db'}"
    api_token = "test-api-" + uuid.uuid4().hex
    secret_key = "test-secret-" + uuid.uuid4().hex
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "TRACKER_STORE_URL": tracker_url,
            "LEAD_SPOOL_DIR": str(workdir / "spool"),
            "INBOX_PORT": str(port),
            "INBOX_HOST": "127.0.0.1",
            "INBOX_API_TOKEN": api_token,
            "INBOX_SECRET_KEY": secret_key,
            "INBOX_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "INBOX_BACKGROUND_SECONDS": "2",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(closed_port()),
            "SMTP_TIMEOUT": "2",
            "CLIO_LEAD_INBOX_URL": "",
            "RASA_PUBLIC_URL": "http://localhost:5005",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(env_overrides)
    log_path = workdir / "inbox.log"
    log_file = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.inbox"],
        cwd=str(PROJECT_ROOT),
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    log_file.close()
    server = InboxServer(
        url=f"http://127.0.0.1:{port}",
        port=port,
        database_url=env["DATABASE_URL"],
        tracker_url=env["TRACKER_STORE_URL"],
        api_token=env["INBOX_API_TOKEN"],
        secret_key=env["INBOX_SECRET_KEY"],
        workdir=workdir,
        process=process,
        log_path=log_path,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"inbox exited with {process.returncode}:\n{server.log()}"
            )
        try:
            if requests.get(server.url + "/healthz", timeout=1).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"inbox did not start in 60 s:\n{server.log()}")


@pytest.fixture(scope="session")
def inbox_server_factory(tmp_path_factory) -> Iterable[Callable[..., InboxServer]]:
    servers: list[InboxServer] = []

    def factory(**env: str) -> InboxServer:
        server = start_inbox_server(tmp_path_factory.mktemp("inbox"), **env)
        servers.append(server)
        return server

    yield factory
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def inbox_server(inbox_server_factory) -> InboxServer:
    return inbox_server_factory()


def new_staff(
    server: InboxServer, display_name: str = "Pat Paralegal"
) -> tuple[dict, str]:
    username = "staff_" + uuid.uuid4().hex[:10]
    password = "pw-" + uuid.uuid4().hex
    user = server.store.create_user(username, password, display_name=display_name)
    return user, password


@pytest.fixture
def staff(inbox_server) -> tuple[dict, str]:
    return new_staff(inbox_server)


@pytest.fixture
def signed_in(inbox_server, staff) -> requests.Session:
    user, password = staff
    return inbox_server.login(user["username"], password)


DEFAULT_LEAD: dict[str, Any] = {
    "channel": "web",
    "outcome": "qualified",
    "incident_type": "surgical_error",
    "incident_description": "A sponge was left inside after an appendectomy.",
    "state": "CA",
    "incident_date": "2025-03-10",
    "discovery_date": "2025-06-01",
    "patient_role": "self",
    "patient_deceased": False,
    "government_facility": False,
    "already_represented": False,
    "deadline": "2026-06-01",
    "days_left": 200,
    "limitation_status": "open",
    "explanation": "One year from discovery, at most three years from the injury.",
    "citation": "Cal. Code Civ. Proc. § 340.5",
    "caveats": ["A government hospital needs a claim within 6 months."],
    "contact_name": "Jordan Example",
    "contact_phone": "+15555550123",
    "contact_email": "jordan@example.com",
    "contact_consent": True,
}


def make_lead(server: InboxServer, **fields: Any) -> dict:
    payload = dict(DEFAULT_LEAD)
    payload["conversation_id"] = "conv-" + uuid.uuid4().hex
    payload.update(fields)
    return server.store.create_lead(payload)


def write_tracker(
    url: str,
    sender_id: str,
    messages: list[tuple[str, str]],
    channel: str = "rest",
    start: float | None = None,
) -> None:
    """Write a conversation as Rasa's SQLTrackerStore does: one ``events`` row per event.

    ``messages`` are ``("user"|"bot", text)``; an ``action_listen`` row goes between turns, as in
    a real tracker.
    """
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    ts = start if start is not None else time.time() - 600
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) "
                "NOT NULL, type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                "action_name VARCHAR(255), data TEXT)"
            )
        )
        insert = sa.text(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            "VALUES (:sender, :type, :ts, :intent, :action, :data)"
        )
        for who, text in messages:
            ts += 7.5
            if who == "user":
                data = {
                    "event": "user",
                    "timestamp": ts,
                    "text": text,
                    "input_channel": channel,
                    "message_id": uuid.uuid4().hex,
                    "metadata": {},
                    "parse_data": {
                        "intent": {"name": "inform", "confidence": 0.9},
                        "entities": [],
                        "text": text,
                    },
                }
                conn.execute(
                    insert,
                    dict(
                        sender=sender_id,
                        type="user",
                        ts=ts,
                        intent="inform",
                        action=None,
                        data=json.dumps(data),
                    ),
                )
            else:
                data = {
                    "event": "bot",
                    "timestamp": ts,
                    "text": text,
                    "data": {},
                    "metadata": {"utter_action": "utter_x"},
                }
                conn.execute(
                    insert,
                    dict(
                        sender=sender_id,
                        type="bot",
                        ts=ts,
                        intent=None,
                        action=None,
                        data=json.dumps(data),
                    ),
                )
                listen = {
                    "event": "action",
                    "timestamp": ts + 0.1,
                    "name": "action_listen",
                    "policy": None,
                    "confidence": None,
                }
                conn.execute(
                    insert,
                    dict(
                        sender=sender_id,
                        type="action",
                        ts=ts + 0.1,
                        intent=None,
                        action="action_listen",
                        data=json.dumps(listen),
                    ),
                )
    engine.dispose()


# --- the browser ----------------------------------------------------------------------------------
@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"inbox-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
