"""``python -m bot.leads``: migrate, add staff users, erase a lead, purge, run the outbox or spool.

python -m bot.leads migrate
python -m bot.leads user add USERNAME [--display-name NAME] [--password-stdin]
python -m bot.leads user unlock USERNAME    (end a lock-out after failed sign-ins)
python -m bot.leads user reset-password USERNAME [--password-stdin]   (also unlocks)
python -m bot.leads user disable USERNAME   (no sign-in; the inbox refuses their sessions)
python -m bot.leads user enable USERNAME
python -m bot.leads erase LEAD_ID --staff USERNAME
python -m bot.leads purge [--days N]        (default: RETENTION_DAYS)
python -m bot.leads outbox                  (send due notifications once)
python -m bot.leads drain                   (write spooled leads once)
python -m bot.leads worker [--once] [--interval SECONDS]
                                            (spool, outbox and retention, in a loop or once)
python -m bot.leads insights [--weeks N] [--email]
                                            (print the funnel, or email last week's summary)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from typing import Any

MIN_PASSWORD_LENGTH = 10
# `user` commands on an existing account: name -> help (each is written to the audit log).
USER_COMMANDS = {
    "unlock": "end a staff user's lock-out after failed sign-ins",
    "reset-password": "set a new password for a staff user (also unlocks)",
    "disable": "stop a staff user signing in; their open sessions stop working",
    "enable": "let a disabled staff user sign in again",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.leads", description="The lead store's maintenance commands."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or upgrade the lead store's schema")
    user = sub.add_parser("user", help="staff users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add a staff user")
    add.add_argument("username")
    add.add_argument("--display-name", default="")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin",
    )
    for name, text in USER_COMMANDS.items():
        command = user_sub.add_parser(name, help=text)
        command.add_argument("username")
        if name == "reset-password":
            command.add_argument(
                "--password-stdin",
                action="store_true",
                help="read the new password from the first line of stdin",
            )
    erase = sub.add_parser(
        "erase", help="erase a lead and its conversation (privacy request)"
    )
    erase.add_argument("lead_id", type=int)
    erase.add_argument(
        "--staff", required=True, help="the staff username responsible (audit log)"
    )
    purge = sub.add_parser("purge", help="delete conversations that never became leads")
    purge.add_argument(
        "--days",
        type=int,
        default=None,
        help="older than N days (default RETENTION_DAYS)",
    )
    sub.add_parser("outbox", help="send due notifications once")
    sub.add_parser("drain", help="write spooled leads to the store once")
    worker = sub.add_parser(
        "worker",
        help="write spooled leads, send notifications and purge, until stopped",
    )
    worker.add_argument(
        "--once", action="store_true", help="one pass, then exit (tests, cron)"
    )
    worker.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between passes (default 5)",
    )
    insights = sub.add_parser(
        "insights", help="the intake funnel and outcomes (print, or email the week's)"
    )
    insights.add_argument(
        "--email",
        action="store_true",
        help="queue last week's summary email to INTAKE_EMAIL in the outbox, and send it",
    )
    insights.add_argument(
        "--weeks", type=int, default=1, help="weeks to print (default 1: this week)"
    )
    return parser


def _insights(store: Any, settings: Any, email: bool, weeks: int) -> int:
    from bot.leads import insights, weekly
    from bot.leads.fields import utcnow
    from bot.leads.outbox import process_due

    if email:
        queued = weekly.queue(store, settings)
        sent = process_due(store, settings)
        print(f"queued {queued} weekly summaries; sent {sent} notifications")
        return 0
    start, end = insights.period(max(1, weeks), utcnow(), settings.firm_timezone)
    found = insights.compute(
        store, settings.tracker_store_url, start, end, settings.firm_timezone
    )
    link = f"{settings.inbox_public_url.rstrip('/')}/inbox/insights"
    print(insights.weekly_summary_text(found, settings.firm_name, link), end="")
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Password again: ")
    if first != second:
        raise SystemExit("error: the passwords do not match")
    return first


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    args = _parser().parse_args(argv)
    from actions.config import settings
    from bot.leads.store import get_store

    store = get_store()
    if args.command == "migrate":
        store.migrate()
        print("lead store is at the latest schema")
        return 0
    if args.command == "user":
        if args.user_command == "add":
            return _add_user(store, args)
        return _change_user(store, args.user_command, args)
    if args.command == "erase":
        staff = store.get_user_by_username(args.staff)
        if staff is None:
            print(f"error: no staff user {args.staff!r}", file=sys.stderr)
            return 1
        if not store.erase_lead(args.lead_id, staff["id"]):
            print(f"error: no lead {args.lead_id}", file=sys.stderr)
            return 1
        print(f"lead {args.lead_id} erased")
        return 0
    if args.command == "purge":
        days = args.days if args.days is not None else settings().retention_days
        count = store.purge_stale_conversations(days)
        sids = store.prune_message_sids()  # after TWILIO_SID_RETENTION_DAYS, not --days
        print(
            f"deleted {count} conversations older than {days} days; forgot {sids} message ids"
        )
        return 0
    if args.command == "outbox":
        from bot.leads.outbox import process_due

        print(f"sent {process_due(store, settings())} notifications")
        return 0
    if args.command == "drain":
        from bot.leads.spool import drain_spool

        print(f"wrote {drain_spool(store, settings().spool_dir)} spooled leads")
        return 0
    if args.command == "worker":
        return _worker(store, args.once, args.interval)
    if args.command == "insights":
        return _insights(store, settings(), args.email, args.weeks)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _new_password(from_stdin: bool) -> str | None:
    """The password typed (or on stdin), or None after saying why it is refused."""
    password = _read_password(from_stdin)
    if len(password) < MIN_PASSWORD_LENGTH:
        print(
            f"error: the password must have at least {MIN_PASSWORD_LENGTH} characters",
            file=sys.stderr,
        )
        return None
    return password


def _add_user(store: Any, args: argparse.Namespace) -> int:
    password = _new_password(args.password_stdin)
    if password is None:
        return 2
    try:
        user = store.create_user(args.username, password, args.display_name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    store.audit(
        None,
        "user_created",
        None,
        f"staff user {user['id']} ({user['username']}) added from the command line",
    )
    print(f"added staff user {user['username']} (id {user['id']})")
    return 0


def _change_user(store: Any, command: str, args: argparse.Namespace) -> int:
    """unlock, reset-password, disable or enable an existing staff user, audit-logged."""
    user = store.get_user_by_username(args.username)
    if user is None:
        print(f"error: no staff user {args.username!r}", file=sys.stderr)
        return 1
    if command == "unlock":
        store.unlock_user(user["id"])
        action, done = "user_unlocked", "unlocked"
    elif command == "reset-password":
        password = _new_password(args.password_stdin)
        if password is None:
            return 2
        store.set_password(user["id"], password)
        action, done = "user_password_reset", "given a new password (and unlocked)"
    else:
        store.set_disabled(user["id"], command == "disable")
        action, done = f"user_{command}d", f"{command}d"
    store.audit(
        None,
        action,
        None,
        f"staff user {user['id']} ({user['username']}) {done} from the command line",
    )
    print(f"staff user {user['username']} {done}")
    return 0


def _worker(store: Any, once: bool, interval: float | None) -> int:
    import asyncio
    import signal

    from bot.leads import worker

    try:  # the schema first, as the inbox does; while the database is down, passes retry
        store.migrate()
    except Exception as exc:
        logging.getLogger(__name__).warning("migration failed: %s", type(exc).__name__)
    if once:
        done = worker.run_once(store)
        print(", ".join(f"{name}: {count}" for name, count in done.items()))
        return 0

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await worker.run_forever(store, stop, interval or worker.INTERVAL)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
