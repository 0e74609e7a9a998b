"""The real stack for end-to-end tests: the Rasa server with the trained model, the action server
and the inbox, on free ports, with their own SQLite files in a temporary folder."""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.stack import ROOT, Stack, free_port

MODEL = ROOT / "models" / "intake.tar.gz"


def http(
    method: str,
    url: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode("utf-8", "replace")


def new_conversation(rasa: str) -> str:
    """A conversation id issued by the Rasa server, as the widget asks for one: the REST channel
    refuses any other `sender`."""
    status, out = http("POST", f"{rasa}/webhooks/rest/conversations", {})
    assert status == 201, (status, str(out)[:300])
    return out["sender"]


class Client:
    """One person talking to the assistant over the REST channel (with an id the server issued),
    or, given a `sender`, reading that conversation (an SMS one, the widget's)."""

    def __init__(self, stack: RunningStack, sender: str | None = None):
        self.stack = stack
        self.sender = sender or new_conversation(stack.rasa)
        self.replies: list[str] = []

    def say(self, text: str, expect: int = 200) -> list[dict[str, Any]]:
        status, out = http(
            "POST",
            f"{self.stack.rasa}/webhooks/rest/webhook",
            {"sender": self.sender, "message": text},
        )
        assert status == expect, (status, str(out)[:300])
        self.replies = [m.get("text", "") for m in out]
        return out

    def text(self) -> str:
        return " ".join(self.replies)

    def tracker(self) -> dict[str, Any]:
        status, t = http(
            "GET",
            f"{self.stack.rasa}/conversations/{self.sender}/tracker?token={self.stack.rasa_token}",
        )
        assert status == 200, status
        return t

    def slots(self) -> dict[str, Any]:
        return self.tracker()["slots"]

    def leads(self) -> list[dict[str, Any]]:
        status, leads = http(
            "GET",
            f"{self.stack.inbox}/api/leads",
            headers={"Authorization": f"Bearer {self.stack.inbox_token}"},
        )
        assert status == 200, status
        return [lead for lead in leads if lead["conversation_id"] == self.sender]


class RunningStack:
    def __init__(self, stack: Stack, tmp: Path):
        self.stack = stack
        self.tmp = tmp
        self.rasa = f"http://127.0.0.1:{stack.rasa_port}"
        self.inbox = f"http://127.0.0.1:{stack.inbox_port}"
        self.rasa_token = stack.env["RASA_API_TOKEN"]
        self.inbox_token = stack.env["INBOX_API_TOKEN"]

    def client(self, sender: str | None = None) -> Client:
        return Client(self, sender)


def stack_overrides(tmp: Path, **extra: str) -> dict[str, str]:
    env = {
        "RASA_API_TOKEN": secrets.token_urlsafe(16),
        "INBOX_API_TOKEN": secrets.token_urlsafe(16),
        "INBOX_SECRET_KEY": secrets.token_urlsafe(32),
        "CONVERSATION_ID_SECRET": secrets.token_urlsafe(32),
        "DATABASE_URL": f"sqlite:///{tmp / 'leads.db'}",
        "TRACKER_STORE_URL": f"sqlite:///{tmp / 'rasa.db'}",
        "TRACKER_STORE_DIALECT": "sqlite",
        "LEAD_SPOOL_DIR": str(tmp / "spool"),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(
            free_port()
        ),  # nothing listens: notifications wait in the outbox
        "LOCK_STORE_TYPE": "in_memory",
        # Every test client comes from 127.0.0.1: the per-address limit has its own tests.
        "RATE_LIMIT_PER_ADDRESS_PER_MINUTE": "100000",
        "TWILIO_AUTH_TOKEN": secrets.token_urlsafe(16),
    }
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def running_stack(tmp_path_factory) -> RunningStack:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make setup` (make test does it first)")
    tmp = tmp_path_factory.mktemp("stack")
    rasa_port, actions_port, inbox_port = free_port(), free_port(), free_port()
    env = stack_overrides(
        tmp,
        TWILIO_WEBHOOK_URL=f"http://127.0.0.1:{rasa_port}/webhooks/twilio/webhook",
        ALLOWED_ORIGINS=f"http://127.0.0.1:{inbox_port},http://localhost:{inbox_port}",
        RASA_PUBLIC_URL=f"http://127.0.0.1:{rasa_port}",
    )
    stack = Stack(
        rasa_port=rasa_port,
        actions_port=actions_port,
        inbox_port=inbox_port,
        model=MODEL,
        env=env,
        log_dir=tmp / "logs",
    )
    try:
        stack.start()
    except Exception:
        stack.stop()
        logs = "\n".join(
            p.read_text(errors="replace")[-3000:] for p in (tmp / "logs").glob("*.log")
        )
        pytest.fail(f"the stack did not start:\n{logs}")
    yield RunningStack(stack, tmp)
    stack.stop()
