"""``python -m bot.leads``: the commands the Makefile and operators use."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actions.config import settings as load_settings
from bot.leads.__main__ import main
from bot.leads.spool import pending, spool_lead
from bot.leads.store import get_store, reset_stores
from tests.leads.conftest import payload, write_rasa_conversation

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path, monkeypatch):
    values = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'leads.db'}",
        "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'rasa.db'}",
        "LEAD_SPOOL_DIR": str(tmp_path / "spool"),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": "9",  # nothing listens: attempts fail, which is all these tests need
        "SMTP_TIMEOUT": "2",
        "CLIO_LEAD_INBOX_URL": "",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    load_settings.cache_clear()
    reset_stores()
    return values


def test_migrate_and_user_add_from_stdin(env, monkeypatch, capsys):
    assert main(["migrate"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert (
        main(["user", "add", "Maria", "--display-name", "Maria R.", "--password-stdin"])
        == 0
    )
    assert "added staff user maria" in capsys.readouterr().out
    store = get_store()
    assert (
        store.authenticate("maria", "a long enough password")["display_name"]
        == "Maria R."
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "tiny", "--password-stdin"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["user", "add", "maria", "--password-stdin"]) == 1  # taken


def test_user_add_prompts_with_getpass(env, monkeypatch):
    main(["migrate"])
    answers = iter(["prompted password 1", "prompted password 1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["user", "add", "prompted"]) == 0
    assert get_store().authenticate("prompted", "prompted password 1") is not None


def test_erase_purge_outbox_drain(env, capsys):
    main(["migrate"])
    store = get_store()
    store.create_user("lead-attorney", "a long enough password")
    write_rasa_conversation(env["TRACKER_STORE_URL"], "cli-lead", [("user", "hi")])
    write_rasa_conversation(
        env["TRACKER_STORE_URL"],
        "cli-old",
        [("user", "hi")],
        start=time.time() - 90 * 86400,
    )
    lead = store.create_lead(payload("cli-lead"))

    assert main(["outbox"]) == 0
    assert "sent 0 notifications" in capsys.readouterr().out
    assert store.notification_attempts(lead["id"])[0]["ok"] is False

    spool_lead(payload("cli-spooled"), env["LEAD_SPOOL_DIR"])
    assert main(["drain"]) == 0
    assert "wrote 1 spooled leads" in capsys.readouterr().out

    assert main(["purge", "--days", "30"]) == 0
    assert "deleted 1 conversations" in capsys.readouterr().out

    assert main(["erase", str(lead["id"]), "--staff", "nobody"]) == 1
    assert main(["erase", str(lead["id"]), "--staff", "lead-attorney"]) == 0
    assert store.get_lead(lead["id"]) is None
    assert main(["erase", str(lead["id"]), "--staff", "lead-attorney"]) == 1


def test_module_runs_as_a_process(env, tmp_path):
    """What `make user` does: a real `python -m bot.leads` with the password on stdin."""
    import os

    run_env = {**os.environ, **env}
    done = subprocess.run(
        [sys.executable, "-m", "bot.leads", "migrate"],
        cwd=ROOT,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "bot.leads", "user", "add", "proc", "--password-stdin"],
        cwd=ROOT,
        env=run_env,
        input="process password\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "process password" not in done.stdout + done.stderr
    load_settings.cache_clear()
    reset_stores()
    assert get_store().authenticate("proc", "process password") is not None


def test_worker_once_migrates_then_does_one_pass(env, capsys):
    spool_lead(payload("cli-worker"), env["LEAD_SPOOL_DIR"])
    assert main(["worker", "--once"]) == 0
    assert "spool: 1, partial: 0, outbox: 0, retention: 0" in capsys.readouterr().out
    [lead] = get_store().list_leads()
    assert lead["conversation_id"] == "cli-worker"
    assert get_store().notification_attempts(lead["id"])[0]["ok"] is False


def test_worker_processes_side_by_side_then_stopped(env):
    """Two `python -m bot.leads worker` processes on one SQLite file and one spool: every
    spooled lead is written once; SIGTERM ends a worker cleanly."""
    import os
    import signal

    main(["migrate"])
    for i in range(10):
        spool_lead(payload(f"proc-{i}"), env["LEAD_SPOOL_DIR"])
    run_env = {**os.environ, **env}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot.leads", "worker", "--interval", "0.2"],
            cwd=ROOT,
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 90
        while pending(env["LEAD_SPOOL_DIR"]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pending(env["LEAD_SPOOL_DIR"]) == 0
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        outcomes = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outcomes
    store = get_store()
    assert sorted(x["conversation_id"] for x in store.list_leads()) == sorted(
        f"proc-{i}" for i in range(10)
    )
    created = [e for e in store.audit_log() if e["action"] == "lead_created"]
    assert len(created) == 10


def test_user_unlock_reset_password_disable_enable(env, monkeypatch, capsys):
    main(["migrate"])
    store = get_store()
    user = store.create_user("dana", "the first password")
    for _ in range(5):
        assert store.authenticate("dana", "a wrong password") is None
    assert store.get_user(user["id"])["locked"] is True

    assert main(["user", "unlock", "Dana"]) == 0
    assert store.authenticate("dana", "the first password")["id"] == user["id"]

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "reset-password", "dana", "--password-stdin"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("the second password\n"))
    assert main(["user", "reset-password", "dana", "--password-stdin"]) == 0
    assert store.authenticate("dana", "the first password") is None
    assert store.authenticate("dana", "the second password") is not None

    assert main(["user", "disable", "dana"]) == 0
    assert store.get_user(user["id"])["disabled"] is True
    assert store.authenticate("dana", "the second password") is None
    assert main(["user", "enable", "dana"]) == 0
    assert store.get_user(user["id"])["disabled"] is False
    assert store.authenticate("dana", "the second password") is not None

    for command in ("unlock", "reset-password", "disable", "enable"):
        assert main(["user", command, "nobody"]) == 1
    out = capsys.readouterr()
    assert "the second password" not in out.out + out.err
    details = {e["action"]: e["detail"] for e in store.audit_log()}
    for action in (
        "user_unlocked",
        "user_password_reset",
        "user_disabled",
        "user_enabled",
    ):
        assert f"staff user {user['id']} (dana)" in details[action], action


def test_reset_password_prompts_twice_and_refuses_a_mismatch(env, monkeypatch):
    main(["migrate"])
    get_store().create_user("eli", "the first password")
    answers = iter(["one new password", "another password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(SystemExit):
        main(["user", "reset-password", "eli"])
    assert get_store().authenticate("eli", "the first password") is not None
