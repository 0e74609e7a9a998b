"""How `bot.stack` starts the Rasa server: the HTTP API is always behind a token, whatever the token
looks like, and the token is on no command line (`bot.rasa_server` hands it to Rasa in-process).
(`make run` and every end-to-end test start Rasa through this command line.) Also: `.env` gains
the secrets it lacks, and the data folders are made owner-only before anything starts."""

from __future__ import annotations

import secrets
import stat

import pytest

from bot.rasa_server import rasa_argv
from bot.stack import Stack


def parse_rasa_args(args):
    from rasa.__main__ import create_argument_parser

    return create_argument_parser().parse_args(args[1:])


@pytest.mark.parametrize(
    "token",
    [
        "-" + secrets.token_urlsafe(16),
        "--" + secrets.token_urlsafe(8),
        secrets.token_urlsafe(16),
    ],
)
def test_rasa_gets_the_token_even_when_it_starts_with_a_dash(token):
    # token_urlsafe() starts with "-" once in 64 draws: .env's token (init-env) and the tests' ones.
    args = Stack(env={"RASA_API_TOKEN": token}).rasa_args()
    assert args[1:3] == ["-m", "bot.rasa_server"]
    assert not any(token in arg for arg in args)  # the command line holds no token
    parsed = parse_rasa_args(rasa_argv(args[3:], token))  # what bot.rasa_server runs
    assert parsed.enable_api is True
    assert parsed.auth_token == token


def test_an_empty_token_is_refused_before_anything_starts():
    stack = Stack(env={"RASA_API_TOKEN": " "})
    with pytest.raises(ValueError, match="RASA_API_TOKEN"):
        stack.start_rasa()
    assert stack.procs == {}


def test_the_rasa_entry_point_takes_the_token_from_the_environment_only(monkeypatch):
    from bot import rasa_server

    with pytest.raises(ValueError, match="command line"):
        rasa_argv(["--port", "5005", "--auth-token", "x"], "t0ken")
    with pytest.raises(ValueError, match="command line"):
        rasa_argv(["--auth-token=x"], "t0ken")
    for empty in ("", " ", "change-me"):
        monkeypatch.setenv("RASA_API_TOKEN", empty)
        assert rasa_server.main(["--port", "5005"]) == 2  # refused before Rasa loads


def test_an_existing_env_file_gets_only_the_secrets_it_lacks(tmp_path):
    from bot.stack import ensure_env_file

    (tmp_path / ".env.example").write_text(
        "FIRM_NAME=Example\nRASA_API_TOKEN=change-me\nACTION_SERVER_TOKEN=change-me\n"
        "# LEAD_SPOOL_KEY=change-me\n"
    )
    env = tmp_path / ".env"
    env.write_text("FIRM_NAME=Ours\nRASA_API_TOKEN=kept\n")
    env.chmod(0o644)
    assert ensure_env_file(tmp_path) is True
    lines = env.read_text().splitlines()
    assert lines[:2] == ["FIRM_NAME=Ours", "RASA_API_TOKEN=kept"]  # nothing changed
    added = [line for line in lines if line.startswith("ACTION_SERVER_TOKEN=")]
    assert len(added) == 1 and len(added[0]) > len("ACTION_SERVER_TOKEN=") + 30
    assert not any(line.startswith("LEAD_SPOOL_KEY") for line in lines)  # commented out
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert ensure_env_file(tmp_path) is False  # complete now: left as it is
    assert env.read_text().splitlines() == lines


def test_a_stack_without_an_action_server_token_makes_one_for_its_servers():
    stack = Stack(env={"RASA_API_TOKEN": "t", "ACTION_SERVER_TOKEN": ""})
    assert len(stack.env["ACTION_SERVER_TOKEN"]) >= 32
    given = Stack(env={"RASA_API_TOKEN": "t", "ACTION_SERVER_TOKEN": "ours"})
    assert given.env["ACTION_SERVER_TOKEN"] == "ours"


def test_loose_data_folders_and_files_are_made_owner_only(tmp_path):
    """An earlier version left var/ 0755 and the databases 0644: tightened before a start."""
    var, logs = tmp_path / "var", tmp_path / "logs"
    spool = var / "spool"
    spool.mkdir(parents=True)
    logs.mkdir()
    loose = [
        var / "leads.db",
        var / "leads.db-journal",
        var / "rasa.db",
        spool / "lead-x.json",
        logs / "rasa.log",
    ]
    for path in loose:
        path.write_text("")
        path.chmod(0o644)
    for folder in (var, spool, logs):
        folder.chmod(0o755)
    stack = Stack(
        env={
            "RASA_API_TOKEN": "t",
            "DATABASE_URL": f"sqlite:///{var / 'leads.db'}",
            "TRACKER_STORE_URL": f"sqlite:///{var / 'rasa.db'}",
            "LEAD_SPOOL_DIR": str(spool),
        },
        log_dir=logs,
    )
    stack.secure_storage()
    for folder in (var, spool, logs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in loose:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
