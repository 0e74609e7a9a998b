"""Secrets and health data on the running stack (issue 14): no secret on any process's command line
(every local user reads them with `ps`), the real Rasa server reaches the closed action server
with its token, and what the stack writes is owner-only."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from tests.production.conftest import start_screening

pytestmark = pytest.mark.e2e

# Random per run, so any command line holding one is ours (CLIO_LEAD_INBOX_TOKEN is a constant).
SECRETS = (
    "RASA_API_TOKEN",
    "ACTION_SERVER_TOKEN",
    "INBOX_API_TOKEN",
    "INBOX_SECRET_KEY",
    "TWILIO_AUTH_TOKEN",
)


def command_lines() -> dict[int, str]:
    """Every process's command line this user may read, by pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile, or not ours to read
        found[int(entry.name)] = raw.replace(b"\0", b" ").decode("utf-8", "replace")
    return found


def test_no_command_line_holds_a_secret(prod):
    secrets = {prod.env[name] for name in SECRETS if prod.env.get(name)}
    assert len(secrets) == len(SECRETS)
    lines = command_lines()
    started = {name: proc.pid for name, proc in prod.stack.procs.items()}
    assert set(started) == {"actions", "inbox", "rasa"}
    for name, pid in started.items():
        assert pid in lines, name  # the stack's own processes were read
    assert "bot.rasa_server" in lines[started["rasa"]]
    assert "bot.action_server" in lines[started["actions"]]
    leaked = {
        pid: line for pid, line in lines.items() if any(s in line for s in secrets)
    }
    assert leaked == {}
    ps = subprocess.run(
        ["ps", "-eo", "args"], capture_output=True, text=True, timeout=30
    ).stdout
    assert not any(s in ps for s in secrets)


def test_the_rasa_server_reaches_the_closed_action_server(prod):
    """The form's validation is a custom action: the screening only starts when the Rasa server's
    calls, with the token from endpoints.yml, are answered."""
    chat = prod.chat()
    start_screening(chat)
    assert chat.slots()["requested_slot"]
    log = (prod.log_dir / "actions.log").read_text(errors="replace")
    assert "refused" not in log


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_logs_spool_and_databases_are_owner_only(prod):
    for folder in (prod.log_dir, Path(prod.env["LEAD_SPOOL_DIR"])):
        assert mode(folder) == 0o700, folder
    for log in prod.log_dir.glob("*.log"):
        assert mode(log) == 0o600, log
    sqlite_files = [
        Path(url.split(":///", 1)[1])
        for url in (prod.env["DATABASE_URL"], prod.env["TRACKER_STORE_URL"])
        if url.startswith("sqlite")
    ]
    for db in sqlite_files:  # the embedded set-up (without PostgreSQL)
        assert mode(db) == 0o600 and mode(db.parent) == 0o700, db
