"""The inbox in a real browser (Debian's Chromium through Playwright): what a paralegal does all day.

Screenshots go to tests/artifacts/inbox-*.png.
"""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pytest

from tests.inbox.conftest import make_lead, new_staff, screenshot, write_tracker

pytestmark = pytest.mark.browser

XSS_MESSAGE = "<script>window.__pwned = 1</script> my surgeon <b>left</b> a sponge"
XSS_NAME = '<img src=x onerror="window.__pwned2 = 1">Riley'


@pytest.fixture
def csp_violations(page):
    seen = []
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    return seen


def sign_in(page, server, username, password):
    page.goto(server.url + "/inbox")
    assert "/inbox/login" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/inbox")


def test_paralegal_works_a_lead_end_to_end(inbox_server, page, csp_violations):
    server = inbox_server
    tag = uuid.uuid4().hex[:6]
    user, password = new_staff(server, display_name="Pat Paralegal")
    colleague, _ = new_staff(server, display_name="Morgan Attorney")
    # A realistic queue: the lead under test is urgent; others around it.
    make_lead(
        server,
        contact_name=f"Sam Calm {tag}",
        outcome="qualified",
        deadline="2027-09-01",
        days_left=600,
        incident_type="misdiagnosis",
        state="TX",
        channel="sms",
    )
    make_lead(
        server,
        contact_name=f"Alex Late {tag}",
        outcome="time_barred",
        deadline="2023-01-01",
        days_left=-1000,
        incident_type="medication_error",
        state="FL",
    )
    make_lead(
        server,
        contact_name=f"Jo Lawyered {tag}",
        outcome="represented",
        incident_type="birth_injury",
        state="NY",
    )
    lead = make_lead(
        server,
        contact_name=f"{XSS_NAME} {tag}",
        outcome="urgent",
        deadline="2026-12-20",
        days_left=28,
        incident_type="surgical_error",
        state="CA",
        channel="web",
        incident_description=XSS_MESSAGE,
        explanation="California: one year from discovery of the injury, and no more than three years from the injury itself.",
        citation="Cal. Code Civ. Proc. § 340.5",
        caveats=[
            "A public hospital needs a government claim within six months (Gov. Code § 911.2).",
            "The 90-day notice of intent (CCP § 364) can extend the deadline.",
        ],
    )
    write_tracker(
        server.tracker_url,
        lead["conversation_id"],
        [
            ("bot", "Hi, I'm the intake assistant for the firm. What happened?"),
            ("user", XSS_MESSAGE),
            ("bot", "I'm sorry. When did the surgery take place?"),
            ("user", "December 2025"),
            (
                "bot",
                "Thank you. Someone from the firm will call you within one business day.",
            ),
        ],
        channel="rest",
    )

    page.goto(server.url + "/inbox")
    screenshot(page, "01-login")
    sign_in(page, server, user["username"], password)

    # The list: the lead is there, flagged urgent, above the calmer ones.
    page.get_by_label("Search").fill(tag)
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.leads tbody tr")
    assert rows.count() == 4
    first_row = rows.nth(0)
    assert "row-urgent" in (first_row.get_attribute("class") or "")
    assert XSS_NAME in first_row.inner_text()  # the markup is shown as text
    screenshot(page, "02-list")

    # Open it: facts, deadline with explanation and citation, transcript.
    first_row.locator("a.lead-link").click()
    page.wait_for_url(f"{server.url}/inbox/leads/{lead['id']}")
    assert page.locator(".deadline-date").inner_text() == "2026-12-20"
    body = page.locator("main").inner_text()
    for text in (
        "Cal. Code Civ. Proc. § 340.5",
        "one year from discovery",
        "Gov. Code § 911.2",
        "When did the surgery take place?",
        "December 2025",
        lead["reference"],
    ):
        assert text in body, text
    transcript = page.locator(".transcript .msg")
    assert transcript.count() == 5
    assert transcript.nth(1).locator(".msg-who").inner_text() == "Client"
    assert transcript.nth(1).locator(".msg-text").inner_text() == XSS_MESSAGE
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof window.__pwned2") == "undefined"
    assert page.locator("main script").count() == 0
    screenshot(page, "03-lead")

    # Work it: contacted, a note, assigned.
    page.get_by_role("button", name="Mark contacted").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == "Status updated."
    assert page.locator(".lead-badges .status").inner_text() == "Contacted"
    page.get_by_label("New note").fill("Left voicemail <i>twice</i>; try after 5pm.")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_load_state()
    assert (
        page.locator(".notes .note-text").first.inner_text()
        == "Left voicemail <i>twice</i>; try after 5pm."
    )
    page.get_by_label("Staff member").select_option(str(colleague["id"]))
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == "Assignment saved."
    page.get_by_role("button", name="Mark consult scheduled").click()
    page.wait_for_load_state()
    screenshot(page, "04-lead-worked")

    stored = server.store.get_lead(lead["id"])
    assert stored["status"] == "consult_scheduled"
    assert stored["assigned_to"] == colleague["id"]
    assert [n["text"] for n in server.store.notes(lead["id"])] == [
        "Left voicemail <i>twice</i>; try after 5pm."
    ]
    actions = {row["action"] for row in server.store.audit_log(lead_id=lead["id"])}
    assert {"view_lead", "set_status", "add_note", "assign"} <= actions

    # Export the filtered list as CSV.
    page.goto(f"{server.url}/inbox?q={tag}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    rows = list(
        csv.DictReader(
            io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))
        )
    )
    assert {r["reference"] for r in rows} >= {lead["reference"]}
    assert len(rows) == 4

    # SMS opt-outs page and sign-out.
    server.store.set_opt_out("+15555550142", True)
    page.get_by_role("link", name="SMS opt-outs").click()
    assert "+15555550142" in page.locator("main").inner_text()
    screenshot(page, "05-opt-outs")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(server.url + "/inbox/login")
    page.goto(server.url + "/inbox")
    assert "/inbox/login" in page.url

    assert csp_violations == []


def test_lockout_message_in_the_browser(inbox_server, page):
    user, _ = new_staff(inbox_server)
    page.goto(inbox_server.url + "/inbox/login")
    for _ in range(5):
        page.get_by_label("Username").fill(user["username"])
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    assert "locked for 15 minutes" in page.get_by_role("alert").inner_text()
    screenshot(page, "06-locked", full_page=False)


def test_website_pages_load_under_their_csp(inbox_server, page, csp_violations):
    from bot.inbox.site import WIDGET_DIR

    if not (WIDGET_DIR / "demo.html").is_file():
        pytest.skip("bot/widget/demo.html is not there yet")
    response = page.goto(inbox_server.url + "/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # The page's own inline <style> applies (allowed by its hash)...
    assert (
        "Georgia" in page.evaluate("getComputedStyle(document.body).fontFamily")
        or csp_violations == []
    )
    assert "{{RASA_PUBLIC_URL}}" not in page.content()
    screenshot(page, "07-website", full_page=False)
    if (WIDGET_DIR / "privacy.html").is_file():
        assert page.goto(inbox_server.url + "/privacy").status == 200
    assert csp_violations == []
