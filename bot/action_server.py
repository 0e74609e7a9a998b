"""The action server, answering the Rasa server only.

    python -m bot.action_server [--port 5055] [--actions actions]

rasa-sdk 3.6's own `python -m rasa_sdk` listens on every interface and runs any action for anyone
who reaches it: a made-up tracker posted to `/webhook` with `next_action: action_submit_lead`
writes a lead. This builds the same app (`rasa_sdk.endpoint.create_app`) with two checks in front
of everything but `/health`, run before any action:

- the shared secret `ACTION_SERVER_TOKEN` as `Authorization: Bearer <token>` (endpoints.yml makes
  the Rasa server send it), else 401;
- a JSON body (`Content-Type: application/json`), else 415: any web page can make a browser post
  `text/plain` without asking first, but not JSON.

It listens on `ACTION_SERVER_HOST` (127.0.0.1 unless set: the scale-out sets the internal
network's address), answers no cross-origin request, creates its files owner-only (umask 077),
and refuses to start without a token rather than run open.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
import traceback
import types

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)


class WithoutExceptionText(logging.Filter):
    """A logged traceback names where the code failed, never what it failed on: an exception's
    message can quote what a person typed ("invalid literal for int(): 'she went to the ER
    on feb 6...'"), and health details never reach a log. The frames are kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            frames = "".join(traceback.format_tb(trace))
            record.exc_text = (
                "Traceback (most recent call last):\n"
                f"{frames}{kind.__name__}: (its message is not logged: it may quote a person)"
            )
            record.exc_info = None
        return True


def keep_exception_text_out_of_logs() -> None:
    """`WithoutExceptionText` on every handler there is (the root's, Sanic's own)."""
    loggers = [logging.getLogger()] + [
        found
        for found in logging.Logger.manager.loggerDict.values()
        if isinstance(found, logging.Logger)
    ]
    for handler in {h for found in loggers for h in found.handlers}:
        if not any(isinstance(f, WithoutExceptionText) for f in handler.filters):
            handler.addFilter(WithoutExceptionText())


OPEN_PATHS = frozenset({"/health"})  # the health check of process managers and compose
PLACEHOLDER = "change-me"  # .env.example's value before `make setup` replaces it


def token_problem(token: str) -> str | None:
    """Why `token` cannot guard the action server, or None when it can."""
    if not token.strip():
        return (
            "ACTION_SERVER_TOKEN is not set: the action server does not run without the "
            "secret the Rasa server sends (`make setup` or `python -m bot.stack init-env` "
            "adds one to .env)"
        )
    if token.strip() == PLACEHOLDER:
        return "ACTION_SERVER_TOKEN is still 'change-me': set a random secret"
    return None


def media_type(request: Request) -> str:
    """The request's content type without its parameters (`; charset=utf-8`), lower case."""
    raw = request.headers.get("content-type", "")
    return raw.split(";", 1)[0].strip().lower()


def close(app: Sanic, token: str) -> Sanic:
    """Puts the token and content-type checks in front of every route of `app` but /health."""
    expected = f"Bearer {token}".encode()

    async def guard(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get("authorization", "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, expected):
            logger.warning(
                "refused %s %s: no valid token", request.method, request.path
            )
            return response.json(
                {"error": "this server answers the Rasa server only"},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        if request.method == "POST" and media_type(request) != "application/json":
            return response.json(
                {"error": "the body must be JSON (Content-Type: application/json)"},
                status=415,
            )
        return None

    app.register_middleware(guard, "request")
    return app


def create_app(token: str, action_package: str | types.ModuleType = "actions") -> Sanic:
    """rasa-sdk's app for `action_package`, closed with `token`; no CORS origins at all."""
    problem = token_problem(token)
    if problem:
        raise ValueError(problem)
    from rasa_sdk.endpoint import create_app as sdk_app

    return close(sdk_app(action_package, cors_origins=None), token.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="the action server, answering the Rasa server only"
    )
    parser.add_argument("--actions", default="actions", help="the actions package")
    parser.add_argument("--port", type=int, default=None, help="default: 5055")
    args = parser.parse_args(argv)
    os.umask(0o077)  # the lead spool and anything else written here: owner-only

    from rasa_sdk import utils
    from rasa_sdk.plugin import plugin_manager

    from actions.config import settings

    config = settings()
    problem = token_problem(config.action_server_token)
    if problem:
        print(f"The action server did not start: {problem}.", file=sys.stderr)
        return 2
    utils.configure_colored_logging(logging.INFO)
    utils.update_sanic_log_level()
    keep_exception_text_out_of_logs()
    app = create_app(config.action_server_token, args.actions)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host, port = config.action_server_host, args.port or config.action_server_port
    logger.info("action server on http://%s:%s (token required)", host, port)
    app.run(host, port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
