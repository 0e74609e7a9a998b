"""Starts the whole assistant on one machine: the action server, the Rasa server and the inbox.

    python -m bot.stack            # what `make run` does: start all three and wait (Ctrl-C stops)
    python -m bot.stack init-env   # write .env from .env.example with fresh secrets, if missing

The same `Stack` starts the real servers for the end-to-end and browser tests, on other ports and
other databases, so what the tests talk to is what a firm runs.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def ensure_env_file(root: Path = ROOT) -> bool:
    """Writes `.env` from `.env.example`, every `change-me` replaced by a fresh random secret.
    Returns True when it wrote one; an existing `.env` is never touched."""
    target = root / ".env"
    if target.exists():
        return False
    lines = []
    for line in (root / ".env.example").read_text().splitlines():
        if line.rstrip().endswith("=change-me"):
            line = line.rstrip()[: -len("change-me")] + secrets.token_urlsafe(32)
        lines.append(line)
    target.write_text("\n".join(lines) + "\n")
    target.chmod(0o600)
    return True


def stack_env(
    overrides: dict[str, str] | None = None, root: Path = ROOT
) -> dict[str, str]:
    """The environment every process gets: .env, then the real environment, then `overrides`,
    with the variables endpoints.yml needs always present."""
    from dotenv import dotenv_values

    env: dict[str, str] = {
        k: v for k, v in dotenv_values(root / ".env").items() if v is not None
    }
    env.update(os.environ)
    env.update(overrides or {})
    env.setdefault("TRACKER_STORE_URL", f"sqlite:///{root / 'var' / 'rasa.db'}")
    env.setdefault(
        "TRACKER_STORE_DIALECT", env["TRACKER_STORE_URL"].split(":", 1)[0].split("+")[0]
    )
    env.setdefault("LOCK_STORE_TYPE", "in_memory")
    env.setdefault("REDIS_HOST", "127.0.0.1")
    env.setdefault("REDIS_PORT", "6379")
    env.setdefault("REDIS_DB", "1")
    env.setdefault("ACTION_SERVER_URL", "http://localhost:5055/webhook")
    env.setdefault("RASA_API_TOKEN", "")
    env.setdefault("PYTHONPATH", str(root))
    env["PYTHONUNBUFFERED"] = "1"
    return env


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now (for stacks started by tests and bench)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Waits until `url` answers 200, the process dies, or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@dataclass
class Stack:
    """The three processes, on given ports, with a given environment."""

    rasa_port: int = 5005
    actions_port: int = 5055
    inbox_port: int = 8080
    model: Path = ROOT / "models"
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        base = {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "INBOX_PORT": str(self.inbox_port),
            "RASA_URL": f"http://127.0.0.1:{self.rasa_port}",
        }
        base.update(self.env)
        self.env = stack_env(base)

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        out = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            # Handed to the child process, which keeps it for its whole life.
            out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115
        proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,
        )
        self.procs[name] = proc
        return proc

    def origins(self) -> list[str]:
        raw = self.env.get("ALLOWED_ORIGINS", "http://localhost:8080")
        return [o.strip() for o in raw.split(",") if o.strip()]

    def start_actions(self) -> None:
        proc = self._spawn(
            "actions",
            [
                str(BIN / "python"),
                "-m",
                "rasa_sdk",
                "--actions",
                "actions",
                "--port",
                str(self.actions_port),
            ],
        )
        wait_for(f"http://127.0.0.1:{self.actions_port}/health", 120, proc)

    def rasa_args(self) -> list[str]:
        """`rasa run` with the HTTP API behind RASA_API_TOKEN. The token is passed as
        `--auth-token=<token>`: a random token may start with "-", which argparse would otherwise
        take for an option (and `rasa run` would exit with a usage error)."""
        token = self.env.get("RASA_API_TOKEN", "")
        if not token.strip():
            raise ValueError(
                "RASA_API_TOKEN is empty: the Rasa HTTP API (trackers, model) must not run "
                "without a token; `python -m bot.stack init-env` writes one to .env"
            )
        return [
            str(BIN / "rasa"),
            "run",
            "--enable-api",
            f"--auth-token={token}",
            "--port",
            str(self.rasa_port),
            "--model",
            str(self.model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            self.env.get("RASA_CREDENTIALS", "credentials.yml"),
            "--cors",
            *self.origins(),
        ]

    def start_rasa(self) -> None:
        args = self.rasa_args()
        (ROOT / "var").mkdir(exist_ok=True)
        proc = self._spawn("rasa", args)
        token = urllib.parse.quote(self.env["RASA_API_TOKEN"], safe="")
        wait_for(f"http://127.0.0.1:{self.rasa_port}/status?token={token}", 300, proc)

    def start_inbox(self) -> None:
        proc = self._spawn("inbox", [str(BIN / "python"), "-m", "bot.inbox"])
        wait_for(f"http://127.0.0.1:{self.inbox_port}/healthz", 60, proc)

    def migrate(self) -> None:
        """Brings the lead store's schema up to date before anything uses it (the SMS channel
        checks opt-outs in it on every message)."""
        subprocess.run(
            [str(BIN / "python"), "-m", "bot.leads", "migrate"],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )

    def start(self) -> Stack:
        self.migrate()
        self.start_actions()
        self.start_inbox()
        self.start_rasa()
        return self

    def stop(self, name: str | None = None) -> None:
        for key in [name] if name else list(self.procs):
            proc = self.procs.pop(key, None)
            if proc is None or proc.poll() is not None:
                continue
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def main(argv: list[str]) -> int:
    if argv[:1] == ["init-env"]:
        print(
            ".env written with fresh secrets"
            if ensure_env_file()
            else ".env exists; left as it is"
        )
        return 0
    ensure_env_file()
    # A process manager stops us with SIGTERM: stop the three servers too, as for Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    stack = Stack()
    try:
        print(
            "Starting the action server, the inbox and the Rasa server (the model takes a moment)...",
            flush=True,
        )
        stack.start()
        print(
            "\nThe intake assistant is running:\n"
            f"  website with the chat widget  http://localhost:{stack.inbox_port}/\n"
            f"  staff inbox                   http://localhost:{stack.inbox_port}/inbox   (make user USERNAME=alice creates a login)\n"
            f"  Rasa REST channel             http://localhost:{stack.rasa_port}/webhooks/rest/webhook\n"
            f"  Twilio SMS webhook            http://localhost:{stack.rasa_port}/webhooks/twilio/webhook\n"
            "  a terminal chat               make shell   (in another terminal)\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        while all(p.poll() is None for p in stack.procs.values()):
            time.sleep(1)
        dead = [name for name, p in stack.procs.items() if p.poll() is not None]
        print(f"stopped: {', '.join(dead)} exited", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
