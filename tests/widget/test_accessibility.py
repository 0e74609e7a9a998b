"""axe-core on the website page and the open widget at 1024 and 1280 px: no serious or
critical violations (the widget's own files, bot/widget, are checked as the site embeds them)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import WIDTHS, describe, violations
from tests.widget.test_widget import bot_bubbles, open_widget, send

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_the_open_widget_passes_axe(browser, site, rasa, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, bypass_csp=True
    )
    page = context.new_page()
    try:
        open_widget(page, site.url)
        expect(bot_bubbles(page).first).to_be_visible()
        send(page, "The surgeon left a sponge inside me")
        expect(bot_bubbles(page).nth(1)).to_be_visible()
        found = violations(page, "#hlw-root")
        assert found == [], describe(found)
    finally:
        context.close()
