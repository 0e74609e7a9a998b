"""Playwright (Python) driving Debian's Chromium against a fake Rasa REST server.

Never runs `playwright install`: the browser is /usr/bin/chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.widget.fake_rasa import FakeRasa

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def rasa():
    server = FakeRasa().start()
    yield server
    server.stop()


@pytest.fixture
def site(rasa):
    """The firm's site on another origin than the assistant (as in production)."""
    server = FakeRasa(rasa_url=rasa.url).start()
    yield server
    server.stop()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    p = context.new_page()
    p.console_errors = []
    p.on(
        "console",
        lambda m: p.console_errors.append(m.text) if m.type == "error" else None,
    )
    p.on("pageerror", lambda e: p.console_errors.append(str(e)))
    yield p


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"widget-{name}.png"
    page.screenshot(path=str(path))
    return path
