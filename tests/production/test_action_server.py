"""The action server answers the Rasa server only (issue 14), over HTTP, as `bot.stack` starts it.

A forged call (a made-up tracker, `next_action: action_submit_lead`) without the shared secret gets
401 and writes nothing: no lead, no notification queued. Text bodies get 415 (a web page can make
a browser post text/plain to any address without asking first). The same call with the secret is
answered, which shows the forged one would have been a lead. It listens on loopback only, and does
not start without a secret. Its data (the lead database, the spool, the logs) is owner-only once
the stack has started, even where an earlier run had left it readable to everyone.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.stack import ROOT, Stack, free_port

TOKEN = "tok-" + "x" * 28


def post(
    url: str, body: bytes, headers: dict[str, str], timeout: float = 30
) -> tuple[int, Any]:
    req = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode("utf-8", "replace")


def forged_call(sender: str) -> dict[str, Any]:
    """What the security test sent: an urgent SMS lead with made-up contact details."""
    slots = {
        "screening_outcome": "urgent",
        "incident_type": "surgical_error",
        "incident_description": "made up",
        "state": "WA",
        "incident_date": "2024-03-03",
        "contact_name": "Forged Person",
        "contact_phone": "+15550100123",
        "contact_email": "forged@example.com",
        "contact_consent": True,
        "screening_id": "forged-1",
    }
    return {
        "next_action": "action_submit_lead",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": slots,
            "latest_message": {"text": "hi", "intent": {}, "entities": []},
            "latest_input_channel": "twilio",
            "events": [
                {
                    "event": "user",
                    "text": "Please cancel my case, do not call me",
                    "timestamp": time.time(),
                    "input_channel": "twilio",
                    "parse_data": {"intent": {}, "entities": []},
                }
            ],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


class ActionServer:
    def __init__(self, stack: Stack, tmp: Path):
        self.stack = stack
        self.tmp = tmp
        self.url = f"http://127.0.0.1:{stack.actions_port}"

    def store(self):
        from bot.leads.store import LeadStore

        return LeadStore(self.stack.env["DATABASE_URL"])

    def outbox_rows(self) -> int:
        import sqlalchemy as sa

        engine = sa.create_engine(self.stack.env["DATABASE_URL"])
        try:
            with engine.connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar()
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def action_server(tmp_path_factory) -> ActionServer:
    tmp = tmp_path_factory.mktemp("actions")
    var = tmp / "var"  # as an earlier version left it: readable to every local user
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    (var / "rasa.db").write_bytes(b"")
    (var / "rasa.db").chmod(0o644)
    env = {
        "ACTION_SERVER_TOKEN": TOKEN,
        "ACTION_SERVER_HOST": "",  # as in a .env that does not set it: the default
        "RASA_API_TOKEN": "unused-here",
        "DATABASE_URL": f"sqlite:///{var / 'leads.db'}",
        "TRACKER_STORE_URL": f"sqlite:///{var / 'rasa.db'}",
        "LEAD_SPOOL_DIR": str(var / "spool"),
        "LEAD_SPOOL_KEY": "spool-key-for-this-test",
        "SMTP_PORT": str(free_port()),
    }
    stack = Stack(actions_port=free_port(), env=env, log_dir=tmp / "logs")
    try:
        stack.migrate()
        stack.start_actions()
        yield ActionServer(stack, tmp)
    finally:
        stack.stop()


def test_a_forged_lead_without_the_token_gets_401_and_writes_nothing(action_server):
    body = json.dumps(forged_call("+15550100123")).encode()
    for headers in (
        {"Content-Type": "application/json"},
        {"Content-Type": "application/json", "Authorization": "Bearer wrong"},
        {"Content-Type": "application/json", "Authorization": TOKEN},  # no scheme
    ):
        status, out = post(f"{action_server.url}/webhook", body, headers)
        assert status == 401, (status, out)
    assert action_server.store().list_leads() == []
    assert action_server.outbox_rows() == 0
    spool = action_server.tmp / "var" / "spool"
    assert not spool.exists() or not any(spool.iterdir())


def test_a_text_body_gets_415_and_writes_nothing(action_server):
    body = json.dumps(forged_call("text-plain")).encode()
    status, _ = post(
        f"{action_server.url}/webhook",
        body,
        {"Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"},
    )
    assert status == 415
    status, _ = post(
        f"{action_server.url}/webhook", body, {"Content-Type": "text/plain"}
    )
    assert status == 401
    assert action_server.store().list_leads() == []


def test_the_rasa_servers_call_with_the_token_is_answered(action_server):
    """The same call with the secret runs the action: the forged one was a real threat."""
    status, out = post(
        f"{action_server.url}/webhook",
        json.dumps(forged_call("with-token")).encode(),
        {
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {TOKEN}",
        },
    )
    assert status == 200, out
    assert any(e.get("name") == "lead_reference" for e in out["events"])
    leads = action_server.store().list_leads()
    assert [x["conversation_id"] for x in leads] == ["with-token"]


def test_health_is_open_and_the_action_list_is_not(action_server):
    with urllib.request.urlopen(f"{action_server.url}/health", timeout=10) as r:
        assert r.status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{action_server.url}/actions", timeout=10)
    assert refused.value.code == 401


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_it_listens_on_loopback_only_by_default(action_server):
    # 0100007F is 127.0.0.1; 00000000 (or the tcp6 ::) would be every interface.
    assert listening_addresses(action_server.stack.actions_port) == {"0100007F"}


def test_it_does_not_start_without_a_token(tmp_path):
    for token in ("", "change-me"):
        env = {
            **os.environ,
            "ACTION_SERVER_TOKEN": token,
            "LEAD_SPOOL_DIR": str(tmp_path / "spool"),
            "PYTHONPATH": str(ROOT),
        }
        result = subprocess.run(
            [sys.executable, "-m", "bot.action_server", "--port", str(free_port())],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2
        assert "ACTION_SERVER_TOKEN" in result.stderr


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_its_data_is_owner_only_after_the_start(action_server):
    var, logs = action_server.tmp / "var", action_server.tmp / "logs"
    assert mode(var) == 0o700  # was 0755
    assert mode(var / "rasa.db") == 0o600  # was 0644
    assert mode(var / "leads.db") == 0o600  # created by the migration (umask 077)
    assert mode(var / "spool") == 0o700
    assert mode(logs) == 0o700 and mode(logs / "actions.log") == 0o600
