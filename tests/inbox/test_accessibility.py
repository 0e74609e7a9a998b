"""axe-core on every inbox page at 1024 and 1280 px: no serious or critical violations; the
lead list fits the window without scrolling sideways; focus is visible on the navy bar."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.browser.axe import WIDTHS, describe, violations
from tests.inbox.conftest import make_lead, new_staff, screenshot, write_tracker

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def world(inbox_server_factory):
    """A server with a realistic queue: urgent, overdue, duplicate, closed and notes."""
    server = inbox_server_factory(FIRM_TIMEZONE="America/New_York")
    user, password = new_staff(server, display_name="Pat Paralegal")
    tag = uuid.uuid4().hex[:6]
    urgent = make_lead(
        server,
        contact_name=f"Riley Urgent {tag}",
        outcome="urgent",
        deadline="2026-12-20",
        days_left=20,
        contact_phone="+17205550188",
    )
    make_lead(server, contact_name=f"Riley Again {tag}", contact_phone="+17205550188")
    for i, outcome in enumerate(("qualified", "time_barred", "represented")):
        make_lead(
            server,
            contact_name=f"{outcome.title()} {tag}",
            outcome=outcome,
            contact_phone=f"+1720555010{i}",
            contact_email=f"{outcome}-{tag}@example.com",
        )
    closed = make_lead(
        server,
        contact_name=f"Closed {tag}",
        contact_phone="+17205550109",
        contact_email=f"closed-{tag}@example.com",
    )
    server.store.set_status(closed["id"], "declined", user["id"])
    today = datetime.now(ZoneInfo("America/New_York")).date()
    make_lead(  # a call booked for today (the calls page)
        server,
        contact_name=f"Caller {tag}",
        contact_phone="+17205550120",
        callback_time=datetime.combine(
            today, time(10, 30), tzinfo=ZoneInfo("America/New_York")
        ).isoformat(),
    )
    server.store.add_note(urgent["id"], user["id"], "Left voicemail")
    server.store.set_opt_out("+15555550142", True)
    write_tracker(
        server.tracker_url,
        urgent["conversation_id"],
        [("bot", "What happened?"), ("user", "A sponge was left inside.")],
    )
    return server, user, password, urgent


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def signed_in_page(request, browser, world):
    server, user, password, _ = world
    context = browser.new_context(
        viewport={"width": request.param, "height": 800}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(server.url + "/inbox/login")
    check(page, f"login-{request.param}")
    page.get_by_label("Username").fill(user["username"])
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/inbox")
    page.width = request.param
    yield page
    context.close()


def check(page, name: str) -> None:
    found = violations(page)
    screenshot(page, f"axe-{name}")
    assert found == [], f"{page.url}:\n{describe(found)}"


def test_every_inbox_page_passes_axe(signed_in_page, world):
    server, _, _, urgent = world
    page, width = signed_in_page, signed_in_page.width
    for path, name in (
        ("/inbox", "list"),
        ("/inbox?view=now", "call-now"),
        ("/inbox?status=declined&assigned=none&overdue=1", "filtered-empty"),
        (f"/inbox/leads/{urgent['id']}", "lead"),
        ("/inbox/opt-outs", "opt-outs"),
        ("/inbox/calls", "calls"),
        ("/inbox/insights", "insights"),
        ("/inbox/insights?weeks=1", "insights-week"),
        ("/inbox/leads/999999999", "not-found"),
    ):
        page.goto(server.url + path)
        check(page, f"{name}-{width}")


def test_the_lead_list_fits_without_scrolling_sideways(signed_in_page):
    page = signed_in_page
    sizes = page.evaluate(
        """() => {
            const panel = document.querySelector('section.panel.flush');
            const table = document.querySelector('table.leads');
            return {panel: panel.clientWidth, table: table.scrollWidth,
                    page: document.documentElement.scrollWidth,
                    window: window.innerWidth};
        }"""
    )
    assert sizes["table"] <= sizes["panel"], sizes
    assert sizes["page"] <= sizes["window"], sizes
    headers = page.locator("table.leads th").all_inner_texts()
    for header in ("Lead", "Screening", "Deadline", "Status", "Received"):
        assert header in [h.strip().title() for h in headers], headers
    # The received and assigned cells are inside the panel, not cut off.
    panel_right = page.evaluate(
        "document.querySelector('section.panel.flush').getBoundingClientRect().right"
    )
    last = page.locator("table.leads tbody tr td.received").first.bounding_box()
    assert last["x"] + last["width"] <= panel_right + 0.5


def test_focus_is_visible_on_the_navy_bar(signed_in_page):
    page = signed_in_page
    page.locator(".mainnav a").first.focus()
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    color: s.outlineColor};
        }"""
    )
    assert style["style"] != "none" and style["width"] >= 2, style
    # White or near-white against the navy bar (#1f3a5f).
    rgb = [int(x) for x in style["color"].split("(")[1].split(")")[0].split(",")[:3]]
    assert min(rgb) >= 200, style


def test_the_new_pages_keep_to_the_csp(browser, world):
    """Without bypassing the CSP: the charts and the queue need no inline style or script."""
    server, user, password, urgent = world
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    seen = []
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    page.goto(server.url + "/inbox/login")
    page.get_by_label("Username").fill(user["username"])
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/inbox")
    for path in ("/inbox?view=now", f"/inbox/leads/{urgent['id']}", "/inbox/insights"):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    bar = page.locator("#chart-funnel rect").first.bounding_box()
    assert bar and bar["width"] > 0 and bar["height"] > 0
    context.close()
    assert seen == []
