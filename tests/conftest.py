"""Fixtures shared by the action tests: the domain, and fresh trackers shaped like the ones the
action server receives (a validator only sees slots set in the trailing events)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def said(domain: dict[str, Any]) -> Callable[..., str]:
    """The words a person reads for one message an action sent: a `response` is filled from
    the message's keyword arguments (over the slots) by Rasa's own response generator, as the
    Rasa server does with what the action server returns."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

    generator = TemplatedNaturalLanguageGenerator(domain["responses"])

    def render(message: dict[str, Any], slots: dict[str, Any] | None = None) -> str:
        values = dict(message)
        name = values.pop("response", None)
        if not name:
            return values.get("text") or ""
        filled = generator.generate_from_slots(name, slots or {}, "rest", **values)
        assert filled is not None, f"{name} is not a response in domain.yml"
        return filled["text"]

    return render


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    def build(
        slots: dict[str, Any] | None = None,
        *,
        text: str = "",
        intent: str = "inform",
        extracted: dict[str, Any] | None = None,
        requested_slot: str | None = None,
        active: bool = True,
        events: list | None = None,
        sender_id: str = "test-user",
        input_channel: str = "rest",
    ) -> Tracker:
        values = dict(slots or {})
        values.update(extracted or {})
        if requested_slot:
            values["requested_slot"] = requested_slot
        trail = list(events or [])
        trail.append(
            {
                "event": "user",
                "text": text,
                "timestamp": 1_700_000_000.0,
                "input_channel": input_channel,
                "parse_data": {
                    "intent": {"name": intent, "confidence": 0.95},
                    "entities": [],
                },
            }
        )
        trail.append(
            {"event": "action", "name": "screening_form" if active else "action_listen"}
        )
        trail += [
            {"event": "slot", "name": k, "value": v}
            for k, v in (extracted or {}).items()
        ]
        return Tracker(
            sender_id=sender_id,
            slots=values,
            latest_message={
                "text": text,
                "intent": {"name": intent, "confidence": 0.95},
                "entities": [],
            },
            events=trail,
            paused=False,
            followup_action=None,
            active_loop={"name": "screening_form"} if active else {},
            latest_action_name="action_listen",
        )

    return build


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, never a downloaded browser; these flags keep it off the network it does not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the browser tests (`make test` installs Debian's package).

    Module-scoped: Playwright's sync API runs an event loop of its own, which must be gone
    before the asyncio tests of the next module start."""
    if not os.path.exists(CHROMIUM):
        if require_services() or os.environ.get("CI"):
            pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}")
        pytest.skip(
            f"Debian's chromium is not installed at {CHROMIUM} (make test installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
