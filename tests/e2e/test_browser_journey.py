"""A person screens their case in the website widget, in Chromium, against the real stack; then a
paralegal finds the lead in the staff inbox, reads the transcript and works it.

Screenshots of each step are kept in tests/artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

ANSWERS = {
    "state": "New Jersey",
    "incident_date": "March 3, 2025",
    "discovery_date": "same day",
    "contact_name": "Riley Widget",
    "contact_phone": "973-555-0144",
    "contact_email": "riley@example.com",
    # the case evaluation's questions (actions/evaluation.py)
    "harm_description": "I still have pain and can't work",
    "providers": "Dr. Lee at Valley Hospital",
    "treatment_since": "no",
}
BUTTONS = {
    "harm_severity": "Still being treated",
    "work_impact": "Yes",
    "has_records": "No",
    "patient_role": "Me",
    "government_facility": "No",
    "already_represented": "No",
    "contact_consent": "Yes",
    "summary_confirmed": "That's right",
}


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=False)


def bot_count(page):
    return page.locator(".hlw-msg-bot").count()


def send(page, text):
    before = bot_count(page)
    page.locator("#hlw-input").fill(text)
    page.locator("#hlw-input").press("Enter")
    wait_for_reply(page, before)


def wait_for_reply(page, before):
    try:
        expect(page.locator(".hlw-msg-bot")).not_to_have_count(before, timeout=30_000)
    except AssertionError:
        shot(page, "stuck")
        last = page.locator(".hlw-msg").all_inner_texts()[-8:]
        raise AssertionError(
            "no reply; the conversation ends with: " + " | ".join(last)
        ) from None


def click(page, title):
    before = bot_count(page)
    page.locator(
        ".hlw-choices button", has_text=re.compile(f"^{re.escape(title)}$")
    ).last.click()
    wait_for_reply(page, before)


def test_screening_in_the_widget_reaches_the_inbox(running_stack, browser):
    from bot.leads.store import LeadStore

    site = running_stack.inbox
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.goto(site + "/")
    page.locator("#hlw-launcher").click()
    expect(page.locator(".hlw-msg-bot").first).to_contain_text(
        "not a lawyer", timeout=30_000
    )
    send(
        page,
        "the surgeon nicked my bowel during a routine gallbladder surgery <script>alert(1)</script>",
    )
    session = page.evaluate("JSON.parse(sessionStorage.getItem('hlw:session'))")
    client = running_stack.client(session)
    shot(page, "1-started")

    reloaded = False
    for _ in range(30):
        wanted = client.slots().get("requested_slot")
        if not wanted:
            break
        if wanted == "incident_date" and not reloaded:
            # A reload in the middle keeps the conversation (sessionStorage) and the same session id.
            page.reload()
            if not page.locator("#hlw-input").is_visible():
                page.locator("#hlw-launcher").click()
            expect(page.locator(".hlw-msg-user").first).to_contain_text("gallbladder")
            assert (
                page.evaluate("JSON.parse(sessionStorage.getItem('hlw:session'))")
                == session
            )
            reloaded = True
            shot(page, "2-after-reload")
        if wanted in BUTTONS:
            click(page, BUTTONS[wanted])
        elif wanted == "confirm_date":
            click(page, "Yes")
        else:
            send(page, ANSWERS[wanted])
    assert reloaded
    expect(page.locator(".hlw-msg-bot").last.locator("xpath=..")).to_contain_text(
        "attorney-client"
    )
    shot(page, "3-finished")
    slots = client.slots()
    assert (
        slots["screening_outcome"] in ("qualified", "urgent") and slots["state"] == "NJ"
    )
    reference = slots["lead_reference"]
    assert reference and page.get_by_text(reference).count() >= 1
    context.close()

    # The paralegal's side.
    store = LeadStore(running_stack.stack.env["DATABASE_URL"])
    store.create_user("journey", "journey-password-1", display_name="Jo Paralegal")
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    inbox = staff.new_page()
    dialogs = []
    inbox.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    inbox.goto(site + "/inbox")
    inbox.fill("input[name=username]", "journey")
    inbox.fill("input[name=password]", "journey-password-1")
    inbox.click("button[type=submit]")
    expect(inbox.get_by_text(reference)).to_be_visible()
    shot(inbox, "4-inbox")
    inbox.get_by_text("Riley Widget").first.click()
    expect(
        inbox.get_by_text("gallbladder surgery <script>alert(1)</script>").first
    ).to_be_visible()
    expect(inbox.get_by_text("N.J. Stat.", exact=False).first).to_be_visible()
    assert dialogs == []  # the <script> a client typed is text, not code
    inbox.get_by_role("button", name="Mark contacted").click()
    expect(inbox.get_by_text("Contacted").first).to_be_visible()
    shot(inbox, "5-lead")
    lead = store.get_lead_by_reference(reference)
    assert lead["status"] == "contacted"
    staff.close()
