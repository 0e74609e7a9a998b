"""Run the staff inbox: ``python -m bot.inbox`` (one worker, port INBOX_PORT, host INBOX_HOST)."""

from __future__ import annotations

import logging

from actions.config import settings
from bot.inbox.app import create_app


def main() -> None:
    config = settings()
    logging.basicConfig(
        level=config.inbox_log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    app = create_app(config)
    # No access log: request paths carry search text (a client's name, say).
    app.run(
        host=config.inbox_host,
        port=config.inbox_port,
        workers=1,
        access_log=False,
        motd=False,
    )


if __name__ == "__main__":
    main()
