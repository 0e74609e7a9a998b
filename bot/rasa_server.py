"""Starts `rasa run` with its HTTP API behind RASA_API_TOKEN, taken from the environment.

    python -m bot.rasa_server --port 5005 --model models --endpoints endpoints.yml ...

Everything after the module name is passed to `rasa run`; this adds `--enable-api` and the token,
in this process's own argument list, so the token is never on a command line (`ps` and
`/proc/<pid>/cmdline` show it to every local user). It refuses to start without a token, or with
one given on its command line.
"""

from __future__ import annotations

import os
import sys

PLACEHOLDER = "change-me"


def rasa_argv(args: list[str], token: str) -> list[str]:
    """The argument list `rasa` is run with: `run --enable-api --auth-token=<token> *args`.

    The token is passed as `--auth-token=<token>`: a random token may start with "-", which
    argparse would otherwise take for an option (and `rasa run` would exit with a usage error).
    """
    if not token.strip() or token.strip() == PLACEHOLDER:
        raise ValueError(
            "RASA_API_TOKEN is not set: the Rasa HTTP API (trackers, model) must not run "
            "without a token; `python -m bot.stack init-env` writes one to .env"
        )
    if any(a in ("-t", "--auth-token") or a.startswith("--auth-token=") for a in args):
        raise ValueError(
            "the token comes from RASA_API_TOKEN only, never from the command line"
        )
    return ["rasa", "run", "--enable-api", f"--auth-token={token}", *args]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        sys.argv = rasa_argv(args, os.environ.get("RASA_API_TOKEN", ""))
    except ValueError as problem:
        print(f"The Rasa server did not start: {problem}.", file=sys.stderr)
        return 2
    os.umask(0o077)  # the tracker store's SQLite file and anything else: owner-only
    from rasa.__main__ import main as rasa_main

    from bot import rasa_speedups

    rasa_speedups.install()

    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
