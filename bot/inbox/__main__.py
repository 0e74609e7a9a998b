"""Run the staff inbox: ``python -m bot.inbox`` (one worker, port INBOX_PORT, host INBOX_HOST)."""

from __future__ import annotations

import logging
import os

from actions.config import settings
from bot.inbox.app import create_app


def main() -> None:
    logging.basicConfig(
        level=os.environ.get("INBOX_LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    config = settings()
    app = create_app(config)
    host = os.environ.get("INBOX_HOST", "").strip() or "127.0.0.1"
    # No access log: request paths carry search text (a client's name, say).
    app.run(host=host, port=config.inbox_port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
