"""axe-core on the website page and the open widget at a phone's width (390 px), 1024 and
1280 px: no serious or critical violations (the widget's own files, bot/widget, are checked as the
site embeds them), also with tap-to-call links in a reply and the "Start over?" confirmation open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import WIDTHS, describe, violations
from tests.widget.test_widget import bot_bubbles, open_widget, send

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", (390, *WIDTHS), ids=lambda w: f"{w}px")
def test_the_open_widget_passes_axe(browser, site, rasa, width):
    phone = width < 500
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 800},
        is_mobile=phone,
        has_touch=phone,
        bypass_csp=True,
    )
    page = context.new_page()
    try:
        open_widget(page, site.url)
        expect(bot_bubbles(page).first).to_be_visible()
        send(page, "The surgeon left a sponge inside me")
        expect(bot_bubbles(page).nth(1)).to_be_visible()
        found = violations(page, "#hlw-root")
        assert found == [], describe(found)

        send(page, "phone")
        expect(bot_bubbles(page).last.locator("a.hlw-tel").first).to_be_visible()
        page.get_by_role("button", name="Start over: clear this conversation").click()
        expect(page.get_by_role("alertdialog", name="Start over?")).to_be_visible()
        found = violations(page, "#hlw-root")
        assert found == [], describe(found)
    finally:
        context.close()
