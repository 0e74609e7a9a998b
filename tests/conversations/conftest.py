"""One real stack for every conversation of the session, on free ports, with its own databases.

The firm's phones are closed all week here (`FIRM_OPEN_HOURS`), so what is said about hours is
the same on any day the tests run: "closed right now", never "call us today"."""

from __future__ import annotations

import pytest

from bot.stack import Stack, free_port
from tests.e2e.conftest import MODEL, RunningStack, stack_overrides


@pytest.fixture(scope="session")
def conversation_stack(tmp_path_factory) -> RunningStack:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make setup` (make test does it first)")
    tmp = tmp_path_factory.mktemp("conversations")
    rasa_port, actions_port, inbox_port = free_port(), free_port(), free_port()
    env = stack_overrides(
        tmp,
        TWILIO_WEBHOOK_URL=f"http://127.0.0.1:{rasa_port}/webhooks/twilio/webhook",
        ALLOWED_ORIGINS=f"http://127.0.0.1:{inbox_port}",
        RASA_PUBLIC_URL=f"http://127.0.0.1:{rasa_port}",
        FIRM_OPEN_HOURS="mon-sun 00:00-00:00",  # never open: the words do not depend on the day
        RATE_LIMIT_PER_MINUTE="100000",
    )
    stack = Stack(
        rasa_port=rasa_port,
        actions_port=actions_port,
        inbox_port=inbox_port,
        model=MODEL,
        env=env,
        log_dir=tmp / "logs",
    )
    try:
        stack.start()
    except Exception:
        stack.stop()
        logs = "\n".join(
            p.read_text(errors="replace")[-3000:] for p in (tmp / "logs").glob("*.log")
        )
        pytest.fail(f"the stack did not start:\n{logs}")
    yield RunningStack(stack, tmp)
    stack.stop()
