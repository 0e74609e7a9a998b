"""Starts the whole assistant on one machine: the action server, the Rasa server and the inbox.

    python -m bot.stack            # what `make run` does: start all three and wait (Ctrl-C stops)
    python -m bot.stack init-env   # write .env from .env.example with fresh secrets, or add
                                   # the secrets an existing .env lacks

The same `Stack` starts the real servers for the end-to-end and browser tests, on other ports and
other databases, so what the tests talk to is what a firm runs.

No secret is ever on a command line (`ps` shows command lines to every local user): each process
reads its secrets from the environment (`bot.rasa_server` gives Rasa its token in-process). The
action server listens on loopback and answers only calls carrying ACTION_SERVER_TOKEN. Every
process starts with umask 077, and before anything starts the data folders (var/, the SQLite
files' folders, the spool, the logs) are made owner-only, files 0600 and folders 0700, also
when an earlier run or a copy left them readable to everyone: they hold health details.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import stat
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


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
UMASK = 0o077  # every process the stack starts creates files owner-only


def ensure_env_file(root: Path = ROOT) -> bool:
    """Writes `.env` from `.env.example`, every `change-me` replaced by a fresh random secret.
    An existing `.env` only gets the secrets it lacks (a newer version's, such as
    ACTION_SERVER_TOKEN), appended: none of its lines change. Returns True when it wrote."""
    target = root / ".env"
    example = (root / ".env.example").read_text().splitlines()
    if not target.exists():
        lines = [_fill_secret(line) for line in example]
        target.write_text("\n".join(lines) + "\n")
        target.chmod(PRIVATE_FILE)
        return True
    from dotenv import dotenv_values

    have = dotenv_values(target)
    missing = [
        _fill_secret(line)
        for line in example
        if line.rstrip().endswith("=change-me")
        and not line.lstrip().startswith("#")
        and line.split("=", 1)[0].strip() not in have
    ]
    target.chmod(PRIVATE_FILE)
    if not missing:
        return False
    with target.open("a") as env_file:
        env_file.write("\n# Added by `python -m bot.stack init-env`\n")
        env_file.write("\n".join(missing) + "\n")
    return True


def _fill_secret(line: str) -> str:
    if line.rstrip().endswith("=change-me"):
        return line.rstrip()[: -len("change-me")] + secrets.token_urlsafe(32)
    return line


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
    if not env.get("ACTION_SERVER_TOKEN", "").strip():
        # Not in .env (an older one; `make run` adds it) nor given: a secret for this stack's
        # own Rasa and action servers, which are both started with this environment.
        env["ACTION_SERVER_TOKEN"] = secrets.token_urlsafe(32)
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


def _tighten(path: Path, everything: bool) -> bool:
    """Folders 0700 and files 0600 (with what a folder holds when `everything`); False when
    `path` is missing, a link, not ours, shared (sticky) or the home folder."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if (
        stat.S_ISLNK(info.st_mode)
        or info.st_uid != os.getuid()
        or info.st_mode & stat.S_ISVTX
        or path == Path.home()
    ):
        return False
    if stat.S_ISDIR(info.st_mode):
        path.chmod(PRIVATE_DIR)
        if everything:
            for child in path.iterdir():
                _tighten(child, everything=True)
    elif stat.S_ISREG(info.st_mode):
        path.chmod(PRIVATE_FILE)
    return True


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
        self.secure_storage()
        out = None
        if self.log_dir is not None:
            fd = os.open(
                self.log_dir / f"{name}.log",
                os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                PRIVATE_FILE,
            )
            # Handed to the child process, which keeps it for its whole life.
            out = os.fdopen(fd, "ab")
        proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,
            umask=UMASK,
        )
        if out is not None:
            out.close()  # the child has its own copy
        self.procs[name] = proc
        return proc

    def sqlite_files(self) -> list[Path]:
        """The SQLite files of the lead store and the tracker store, when they are SQLite."""
        lead_url = self.env.get("DATABASE_URL") or (
            "sqlite:///" + self.env.get("LEAD_DB_PATH", "var/leads.db")
        )
        files = []
        for url in (lead_url, self.env.get("TRACKER_STORE_URL", "")):
            if not url.startswith("sqlite") or ":///" not in url:
                continue
            path = url.split(":///", 1)[1].split("?", 1)[0]
            if path and path != ":memory:":
                files.append(ROOT / path)  # an absolute path stays as it is
        return files

    def spool_dir(self) -> Path:
        return ROOT / self.env.get("LEAD_SPOOL_DIR", str(ROOT / "var" / "spool"))

    def secure_storage(self) -> None:
        """Makes the places health data is kept owner-only: var/, the spool and the log folder
        (created 0700 if missing) with everything in them, and the SQLite files' folders with
        the databases and their journals. A folder that is not ours or is shared (sticky, such
        as /tmp), the home folder and the checkout itself are left as they are."""
        var, spool = ROOT / "var", self.spool_dir()
        for folder in (var, spool, self.log_dir):
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
                _tighten(folder, everything=True)
        for db in self.sqlite_files():
            if db.parent != ROOT:  # a database in the checkout itself: its files only
                _tighten(db.parent, everything=False)
            for path in db.parent.glob(db.name + "*"):  # -journal, -wal, -shm
                _tighten(path, everything=False)

    def origins(self) -> list[str]:
        raw = self.env.get("ALLOWED_ORIGINS", "http://localhost:8080")
        return [o.strip() for o in raw.split(",") if o.strip()]

    def start_actions(self) -> None:
        """The action server (`bot.action_server`): on ACTION_SERVER_HOST (loopback unless
        set), answering only calls that carry ACTION_SERVER_TOKEN, as the Rasa server's do."""
        proc = self._spawn(
            "actions",
            [
                str(BIN / "python"),
                "-m",
                "bot.action_server",
                "--actions",
                "actions",
                "--port",
                str(self.actions_port),
            ],
        )
        wait_for(f"http://127.0.0.1:{self.actions_port}/health", 120, proc)

    def rasa_args(self) -> list[str]:
        """`rasa run` through `bot.rasa_server`, which adds `--enable-api` and the token from
        RASA_API_TOKEN in-process: the token is on no command line."""
        token = self.env.get("RASA_API_TOKEN", "")
        if not token.strip():
            raise ValueError(
                "RASA_API_TOKEN is empty: the Rasa HTTP API (trackers, model) must not run "
                "without a token; `python -m bot.stack init-env` writes one to .env"
            )
        return [
            str(BIN / "python"),
            "-m",
            "bot.rasa_server",
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
        proc = self._spawn("rasa", args)
        token = urllib.parse.quote(self.env["RASA_API_TOKEN"], safe="")
        # Loading the model takes about a minute alone, and several minutes on a busy machine.
        wait_for(f"http://127.0.0.1:{self.rasa_port}/status?token={token}", 600, proc)

    def start_inbox(self) -> None:
        proc = self._spawn("inbox", [str(BIN / "python"), "-m", "bot.inbox"])
        wait_for(f"http://127.0.0.1:{self.inbox_port}/healthz", 60, proc)

    def migrate(self) -> None:
        """Brings the lead store's schema up to date before anything uses it (the SMS channel
        checks opt-outs in it on every message)."""
        self.secure_storage()
        subprocess.run(
            [str(BIN / "python"), "-m", "bot.leads", "migrate"],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
            umask=UMASK,
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
            ".env: fresh secrets written"
            if ensure_env_file()
            else ".env has every secret; left as it is"
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
