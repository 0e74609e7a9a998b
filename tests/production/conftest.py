"""One production-like stack for the scale-out, fault and abuse tests.

When PostgreSQL and Redis answer on loopback, the stack is what a firm runs when it scales out:
the Rasa tracker store in one fresh PostgreSQL database, the lead store in another (so the lead
database can fail on its own), and the lock store (and the channels' rate limits) in Redis, in a
database number nobody else uses. Without them it runs on SQLite files and an in-memory lock
store, and the tests that need the services skip (or fail with REQUIRE_SERVICES=1).

The stack is package-scoped: the Rasa server takes a minute or two to load the model on this
machine, so every test here shares it, and each test leaves it running the way it found it. Every
process writes its log under the stack's `logs/` folder; the privacy test reads them all last.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from bot.stack import ROOT, Stack
from tests.e2e.conftest import (
    MODEL,
    free_port,
    http,
    new_conversation,
    stack_overrides,
)

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = {"host": "127.0.0.1", "port": 6379}
FIRM_PHONE = "(555) 010-0199"
CLIO_TOKEN = "clio-test-token"
BACKGROUND_SECONDS = 2  # the inbox's spool-drain / outbox loop


# --- services -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def services_problem() -> str | None:
    """None when PostgreSQL and Redis both answer on loopback, else why not."""
    try:
        import psycopg2

        psycopg2.connect(dbname="postgres", connect_timeout=3, **PG).close()
    except Exception as e:
        return f"PostgreSQL is not reachable at 127.0.0.1:5432 ({type(e).__name__})"
    try:
        import redis

        redis.Redis(socket_timeout=3, socket_connect_timeout=3, **REDIS).ping()
    except Exception as e:
        return f"Redis is not reachable at 127.0.0.1:6379 ({type(e).__name__})"
    return None


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "").strip() == "1"


def need_services() -> None:
    problem = services_problem()
    if problem is None:
        return
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {problem}")
    pytest.skip(f"{problem}; set REQUIRE_SERVICES=1 to make this mandatory")


def pg_admin(sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg2

    conn = psycopg2.connect(dbname="postgres", connect_timeout=5, **PG)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()


@dataclass
class PgDatabase:
    """A throwaway PostgreSQL database, `test_<random>_<purpose>`."""

    name: str

    @classmethod
    def create(cls, purpose: str) -> PgDatabase:
        db = cls(f"test_{secrets.token_hex(5)}_{purpose}")
        pg_admin(f'CREATE DATABASE "{db.name}"')
        return db

    @property
    def url(self) -> str:
        return f"postgresql://{PG['user']}@{PG['host']}:{PG['port']}/{self.name}"

    def allow_connections(self, allowed: bool) -> None:
        """Take the database away from every client (existing sessions are ended) or give it back."""
        pg_admin(
            f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}'
        )
        if not allowed:
            pg_admin(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.name,),
            )

    def drop(self) -> None:
        pg_admin(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')
        pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def unused_redis_db() -> int:
    """An empty Redis database number (8-15), so our lock and rate-limit keys touch nobody's."""
    import redis

    for _ in range(20):
        n = 8 + secrets.randbelow(8)
        if redis.Redis(db=n, socket_timeout=3, **REDIS).dbsize() == 0:
            return n
    raise RuntimeError("no empty Redis database among 8-15")


# --- the stack ------------------------------------------------------------------------------------
@dataclass
class ProdStack:
    stack: Stack
    overrides: dict[
        str, str
    ]  # what the processes were started with (before Stack's defaults)
    tmp: Path
    services: bool
    tracker_db: PgDatabase | None = None
    lead_db: PgDatabase | None = None
    redis_db: int | None = None
    replicas: list[Stack] = field(default_factory=list)
    # Everything personal a test conversation said: no log line may contain any of it.
    sensitive: set[str] = field(default_factory=set)

    @property
    def rasa(self) -> str:
        return f"http://127.0.0.1:{self.stack.rasa_port}"

    @property
    def inbox(self) -> str:
        return f"http://127.0.0.1:{self.stack.inbox_port}"

    @property
    def rasa_token(self) -> str:
        return self.stack.env["RASA_API_TOKEN"]

    @property
    def env(self) -> dict[str, str]:
        return self.stack.env

    @property
    def log_dir(self) -> Path:
        return self.tmp / "logs"

    def chat(self, servers: list[str] | None = None, sender: str | None = None) -> Chat:
        return Chat(self, servers or [self.rasa], sender)

    def api_leads(self) -> tuple[int, Any]:
        return http(
            "GET",
            f"{self.inbox}/api/leads",
            headers={"Authorization": f"Bearer {self.env['INBOX_API_TOKEN']}"},
        )

    def leads_of(self, sender: str) -> list[dict[str, Any]]:
        status, leads = self.api_leads()
        assert status == 200, (status, leads)
        return [lead for lead in leads if lead["conversation_id"] == sender]

    def cli(
        self,
        *args: str,
        stdin: str = "",
        extra_env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess:
        """`python -m bot.leads ...` as staff would run it, with the stack's settings."""
        env = {**self.env, **(extra_env or {})}
        result = subprocess.run(
            [sys.executable, "-m", "bot.leads", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        with open(
            self.log_dir / "cli.log", "a"
        ) as log:  # the privacy scan reads these too
            log.write(result.stdout + result.stderr)
        (self.log_dir / "cli.log").chmod(
            0o600
        )  # owner-only, like every log of the stack
        return result

    def lead_store(self):
        """A LeadStore on the stack's lead database, for reading what the API does not show."""
        from bot.leads.store import LeadStore

        return LeadStore(self.env["DATABASE_URL"])

    def healthy(self) -> None:
        """Every process still answers."""
        assert http("GET", f"{self.inbox}/healthz")[0] == 200
        for s in [self.stack, *self.replicas]:
            assert (
                http("GET", f"http://127.0.0.1:{s.rasa_port}/webhooks/rest/")[0] == 200
            )
            assert http("GET", f"http://127.0.0.1:{s.actions_port}/health")[0] == 200
            assert all(p.poll() is None for p in s.procs.values()), {
                n: p.poll() for n, p in s.procs.items()
            }

    def logs(self) -> str:
        return "\n".join(
            p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log"))
        )


class Chat:
    """One person talking over the REST channel, turn after turn to the next of `servers`."""

    def __init__(self, prod: ProdStack, servers: list[str], sender: str | None = None):
        self.prod = prod
        self.servers = servers
        self.sender = sender or new_conversation(servers[0])
        self.turns = 0
        self.replies: list[str] = []
        self.statuses: list[int] = []
        self.sent: list[str] = []  # every message posted, in order

    def server(self) -> str:
        return self.servers[self.turns % len(self.servers)]

    def post(self, text: str, server: str | None = None) -> tuple[int, Any]:
        self.sent.append(text)
        return http(
            "POST",
            f"{server or self.server()}/webhooks/rest/webhook",
            {"sender": self.sender, "message": text},
            timeout=60,
        )

    def say(
        self, text: str, expect: int | None = 200, server: str | None = None
    ) -> list[dict[str, Any]]:
        status, out = self.post(text, server)
        self.turns += 1
        self.statuses.append(status)
        if expect is not None:
            assert status == expect, (status, str(out)[:400])
        assert isinstance(out, list), out
        self.replies = [m.get("text", "") for m in out]
        return out

    def text(self) -> str:
        return " ".join(self.replies)

    def tracker(self, server: str | None = None) -> dict[str, Any]:
        sender = urllib.parse.quote(self.sender, safe="")
        status, t = http(
            "GET",
            f"{server or self.server()}/conversations/{sender}/tracker"
            f"?token={self.prod.rasa_token}",
        )
        assert status == 200, (status, t)
        return t

    def slots(self) -> dict[str, Any]:
        return self.tracker()["slots"]

    def leads(self) -> list[dict[str, Any]]:
        return self.prod.leads_of(self.sender)


# --- screenings -----------------------------------------------------------------------------------
FIRST_MESSAGE = "the surgeon left me with nerve damage in my arm after shoulder surgery"
_people = iter(range(10, 100))


def answers_for(prod: ProdStack) -> dict[str, str]:
    """WA_SURGERY with a contact of its own, registered as sensitive for the log scan."""
    from tests.e2e.test_conversations import WA_SURGERY

    n = next(_people)
    phone_digits = f"20655501{n:02d}"
    answers = {
        **WA_SURGERY,
        "contact_phone": f"({phone_digits[:3]}) {phone_digits[3:6]}-{phone_digits[6:]}",
        "contact_email": f"pat.{secrets.token_hex(3)}@example.com",
    }
    prod.sensitive.update(
        {
            answers["contact_phone"],
            phone_digits,
            "+1" + phone_digits,
            answers["contact_email"],
            answers["contact_name"],
            FIRST_MESSAGE,
            answers["incident_description"],
            "nerve damage",
        }
    )
    return answers


def screen(
    chat: Chat, answers: dict[str, str], until: str | None = None, max_turns: int = 40
) -> dict[str, Any]:
    """Answers what the form asks (by the tracker's requested_slot) until it stops asking, or until
    it asks for `until`; returns the slots then."""
    asked: dict[str, int] = {}
    for _ in range(max_turns):
        slots = chat.slots()
        wanted = slots.get("requested_slot")
        if not wanted or wanted == until:
            return slots
        asked[wanted] = asked.get(wanted, 0) + 1
        assert asked[wanted] <= 3, f"stuck on {wanted}: {chat.text()}"
        assert wanted in answers, f"unexpected question {wanted}: {chat.text()}"
        chat.say(answers[wanted])
    raise AssertionError("the screening did not end")


def start_screening(chat: Chat) -> None:
    """Greets, tells what happened, and makes sure the form has started. These tests are about the
    infrastructure, not the NLU: if the model does not take FIRST_MESSAGE for a description (a
    retrained model may not), the intent is sent as Rasa's `/intent` payload instead."""
    chat.say("hello")
    chat.say(FIRST_MESSAGE)
    if not chat.slots()["requested_slot"]:
        chat.say("/describe_surgical_error")
    assert chat.slots()["requested_slot"], chat.text()


def wait_until(
    check: Callable[[], Any], timeout: float, what: str, every: float = 1.0
) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"{what}: not within {timeout:.0f}s (last: {last!r})")


# --- the fixture ----------------------------------------------------------------------------------
def start_or_fail(stack: Stack, log_dir: Path, start: Callable[[], Any]) -> None:
    try:
        start()
    except Exception as e:
        stack.stop()
        logs = "\n".join(
            p.read_text(errors="replace")[-3000:] for p in log_dir.glob("*.log")
        )
        pytest.fail(f"the stack did not start ({e}):\n{logs}")


@pytest.fixture(scope="package")
def prod(tmp_path_factory) -> ProdStack:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make setup` (make test does it first)")
    tmp = tmp_path_factory.mktemp("prod")
    rasa_port, actions_port, inbox_port = free_port(), free_port(), free_port()
    services = services_problem() is None
    if not services and services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {services_problem()}")
    extra = dict(
        TWILIO_WEBHOOK_URL=f"http://127.0.0.1:{rasa_port}/webhooks/twilio/webhook",
        ALLOWED_ORIGINS=f"http://127.0.0.1:{inbox_port},http://localhost:{inbox_port}",
        RASA_PUBLIC_URL=f"http://127.0.0.1:{rasa_port}",
        FIRM_PHONE=FIRM_PHONE,
        INBOX_BACKGROUND_SECONDS=str(BACKGROUND_SECONDS),
        # Clio Grow forwarding on, to a port where nothing listens yet (the SMTP port is the same).
        CLIO_LEAD_INBOX_URL=f"http://127.0.0.1:{free_port()}/inbox_leads",
        CLIO_LEAD_INBOX_TOKEN=CLIO_TOKEN,
        CLIO_TIMEOUT="5",
        SMTP_TIMEOUT="5",
        TWILIO_TURN_TIMEOUT="20",
        RASA_TELEMETRY_ENABLED="false",
    )
    tracker_db = lead_db = None
    redis_db = None
    if services:
        tracker_db, lead_db = PgDatabase.create("rasa"), PgDatabase.create("leads")
        redis_db = unused_redis_db()
        extra.update(
            TRACKER_STORE_URL=tracker_db.url,
            TRACKER_STORE_DIALECT="postgresql",
            DATABASE_URL=lead_db.url.replace("postgresql://", "postgresql+psycopg2://"),
            LOCK_STORE_TYPE="redis",
            REDIS_HOST=REDIS["host"],
            REDIS_PORT=str(REDIS["port"]),
            REDIS_DB=str(redis_db),
        )
    overrides = stack_overrides(tmp, **extra)
    stack = Stack(
        rasa_port=rasa_port,
        actions_port=actions_port,
        inbox_port=inbox_port,
        model=MODEL,
        env=dict(overrides),
        log_dir=tmp / "logs",
    )
    prod = ProdStack(stack, overrides, tmp, services, tracker_db, lead_db, redis_db)
    try:
        start_or_fail(stack, tmp / "logs", stack.start)
        yield prod
    finally:
        for s in [*prod.replicas, stack]:
            s.stop()
        from bot.leads import transcripts

        transcripts.dispose_engines()
        if services:
            import redis

            redis.Redis(
                db=redis_db, socket_timeout=3, **REDIS
            ).flushdb()  # ours alone (it was empty)
            for db in (tracker_db, lead_db):
                try:
                    db.drop()
                except Exception as e:
                    print(f"could not drop {db.name}: {e}", file=sys.stderr)


def pytest_collection_modifyitems(config, items):
    """The log scan reads what every other test here left in the logs, so it runs last of them."""
    last = [i for i in items if i.get_closest_marker("scan_logs_last")]
    if not last:
        return
    others = [i for i in items if i not in last]
    ours = [
        n
        for n, i in enumerate(others)
        if "tests/production/" in i.nodeid.replace(os.sep, "/")
    ]
    pos = ours[-1] + 1 if ours else len(others)
    items[:] = others[:pos] + last + others[pos:]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "scan_logs_last: runs after the other tests/production tests"
    )
