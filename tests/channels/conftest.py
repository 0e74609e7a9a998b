"""A real `rasa run` with this project's channels, over a tiny throwaway model.

The server is started once per test session with a tmp credentials.yml that registers
`bot.channels.rest.RestInput` and `bot.channels.twilio.TwilioInput`, a tmp SQLite tracker store and
a tmp SQLite lead store (`DATABASE_URL`), and the HTTP API on (to read trackers back).
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import requests
from twilio.request_validator import RequestValidator

from actions.config import settings
from bot.stack import free_port
from tests.channels.tiny_project import RASA, REPO, train_tiny_model
from tests.conftest import require_services

TWILIO_TOKEN = "test-twilio-auth-token"
# What Twilio's console would hold: the public https URL, not the server's own address.
PUBLIC_TWILIO_URL = "https://sms.example.test/webhooks/twilio/webhook"
API_TOKEN = "test-api-token"
# The key the server signs web conversation ids with; the tests know it too, to show that another
# process (a replica) with the same secret issues ids this server accepts.
ID_SECRET = "test-conversation-id-secret"
SITE_ORIGIN = (
    "http://localhost:8080"  # the website allowed to call the REST channel (--cors)
)
RATE_LIMIT = 8
ADDRESS_RATE_LIMIT = 30
FIRM_NAME = "Harbor & Lane Medical Injury Law"
FIRM_PHONE = "(555) 010-0199"

_numbers = itertools.count(1)


def new_phone() -> str:
    return f"+1555{os.getpid() % 1000:03d}{next(_numbers):04d}"


def new_address() -> str:
    n = next(_numbers)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


Params = dict[str, str] | Sequence[tuple[str, str]]


@dataclass
class RasaServer:
    url: str
    proc: subprocess.Popen
    log: Path
    lead_db: Path

    # --- REST ---------------------------------------------------------------------------------
    def new_conversation(self, address: str | None = None, **kw) -> requests.Response:
        return requests.post(
            self.url + "/webhooks/rest/conversations",
            headers={
                "X-Forwarded-For": address or new_address(),
                **kw.pop("headers", {}),
            },
            timeout=30,
            **kw,
        )

    def new_sender(self) -> str:
        """A conversation id issued by the server, as the widget asks for one."""
        r = self.new_conversation()
        assert r.status_code == 201, r.text
        return r.json()["sender"]

    def rest(
        self, body, address: str | None = None, raw: bool = False, headers=None, **kw
    ) -> requests.Response:
        headers = {"X-Forwarded-For": address or new_address(), **(headers or {})}
        if raw:
            headers["Content-Type"] = "application/json"
            return requests.post(
                self.url + "/webhooks/rest/webhook",
                data=body,
                headers=headers,
                timeout=30,
                **kw,
            )
        return requests.post(
            self.url + "/webhooks/rest/webhook",
            json=body,
            headers=headers,
            timeout=30,
            **kw,
        )

    # --- Twilio -------------------------------------------------------------------------------
    def sms_params(
        self, phone: str, text: str, sid: str | None = None
    ) -> list[tuple[str, str]]:
        sid = sid or f"SM{os.getpid():08d}{next(_numbers):024d}"
        return [
            ("ToCountry", "US"),
            ("SmsMessageSid", sid),
            ("NumMedia", "0"),
            ("From", phone),
            ("To", "+15550100199"),
            ("Body", text),
            ("NumSegments", "1"),
            ("MessageSid", sid),
            ("AccountSid", "AC" + "0" * 32),
            ("ApiVersion", "2010-04-01"),
        ]

    def twilio(
        self,
        params: Params,
        signature: str | None = "sign",
        token: str = TWILIO_TOKEN,
        signed_url: str = PUBLIC_TWILIO_URL,
        query: str = "",
        body: bytes | None = None,
        content_type: str = "application/x-www-form-urlencoded",
    ) -> requests.Response:
        pairs = list(params.items()) if isinstance(params, dict) else list(params)
        headers = {"Content-Type": content_type}
        if signature == "sign":
            signature = sign(
                pairs, token=token, url=signed_url + (f"?{query}" if query else "")
            )
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        data = body if body is not None else urlencode(pairs).encode("ascii")
        url = self.url + "/webhooks/twilio/webhook" + (f"?{query}" if query else "")
        return requests.post(url, data=data, headers=headers, timeout=30)

    def sms(self, phone: str, text: str, sid: str | None = None) -> requests.Response:
        return self.twilio(self.sms_params(phone, text, sid))

    # --- the tracker, through Rasa's HTTP API --------------------------------------------------
    def tracker(self, sender: str) -> dict:
        r = requests.get(
            f"{self.url}/conversations/{quote(sender, safe='+')}/tracker",
            params={"token": API_TOKEN},
            timeout=30,
        )
        r.raise_for_status()
        return r.json()

    def user_texts(self, sender: str) -> list[str]:
        return [
            e.get("text")
            for e in self.tracker(sender)["events"]
            if e["event"] == "user"
        ]


class _MultiDict:
    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(dict.fromkeys(k for k, _ in self.pairs))

    def getall(self, name):
        return [v for k, v in self.pairs if k == name]


def sign(pairs, token: str = TWILIO_TOKEN, url: str = PUBLIC_TWILIO_URL) -> str:
    """The signature Twilio would send, computed by Twilio's own library."""
    return RequestValidator(token).compute_signature(url, _MultiDict(pairs))


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Settings are read once and cached: each test reads the environment it sets up."""
    settings.cache_clear()
    yield
    settings.cache_clear()


@pytest.fixture
def redis_server(tmp_path) -> Iterator[int]:
    """A private redis-server on a free loopback port (its port), gone after the test."""
    exe = shutil.which("redis-server")
    if not exe:
        if require_services():
            pytest.fail("REQUIRE_SERVICES=1 but redis-server is not installed")
        pytest.skip("redis-server not installed")
    port = free_port()
    proc = subprocess.Popen(
        [
            exe,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    return train_tiny_model(tmp_path_factory.mktemp("train"))


@pytest.fixture(scope="session")
def rasa_server(tiny_model, tmp_path_factory) -> Iterator[RasaServer]:
    work = tmp_path_factory.mktemp("rasa_server")
    (work / "credentials.yml").write_text(
        "bot.channels.rest.RestInput:\n"
        "bot.channels.twilio.TwilioInput:\n"
        "  account_sid:\n"
        "  auth_token:\n"
        "  twilio_number:\n",
        encoding="utf-8",
    )
    (work / "endpoints.yml").write_text(
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'rasa.db'}\n",
        encoding="utf-8",
    )
    lead_db = work / "leads.db"
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        RASA_TELEMETRY_ENABLED="false",
        DATABASE_URL=f"sqlite:///{lead_db}",
        LEAD_SPOOL_DIR=str(work / "spool"),
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_WEBHOOK_URL=PUBLIC_TWILIO_URL,
        RATE_LIMIT_PER_MINUTE=str(RATE_LIMIT),
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE=str(ADDRESS_RATE_LIMIT),
        MAX_MESSAGE_CHARS="5000",
        FIRM_NAME=FIRM_NAME,
        FIRM_PHONE=FIRM_PHONE,
        CONVERSATION_ID_SECRET=ID_SECRET,
        LOCK_STORE_TYPE="in_memory",
        # Trust one proxy hop, as behind the production TLS proxy: each test gets its own address.
        SANIC_PROXIES_COUNT="1",
    )
    migrate = subprocess.run(
        [sys.executable, "-m", "bot.leads", "migrate"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, (
        "lead store migration failed:\n" + migrate.stderr[-3000:]
    )
    port = free_port()
    log = work / "rasa.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                RASA,
                "run",
                "--model",
                str(tiny_model),
                "--credentials",
                str(work / "credentials.yml"),
                "--endpoints",
                str(work / "endpoints.yml"),
                "--port",
                str(port),
                "--interface",
                "127.0.0.1",
                "--enable-api",
                "--auth-token",
                API_TOKEN,
                "--cors",
                SITE_ORIGIN,
            ],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 240
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    "rasa run exited:\n" + log.read_text(errors="replace")[-5000:]
                )
            try:
                r = requests.get(
                    url + "/status", params={"token": API_TOKEN}, timeout=5
                )
                if r.ok and r.json().get("model_file"):
                    break
            except requests.RequestException:
                pass
            if time.time() > deadline:
                raise RuntimeError(
                    "rasa run did not start:\n"
                    + log.read_text(errors="replace")[-5000:]
                )
            time.sleep(1)
        yield RasaServer(url=url, proc=proc, log=log, lead_db=lead_db)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
