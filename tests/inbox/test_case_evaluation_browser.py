"""The case evaluation on the lead page in a real browser (Debian's Chromium, Playwright): the
summary, the strength with its reasons, the pre-suit list and a conflict hit, at 1280 px and
1024 px, without horizontal scrolling. Screenshots: tests/artifacts/inbox-case-*.png."""

from __future__ import annotations

import uuid

import pytest

from bot.leads import assessment
from bot.leads.conflicts import ConflictEntry
from tests.inbox.conftest import make_lead, new_staff, screenshot
from tests.inbox.test_browser import sign_in

pytestmark = pytest.mark.browser

PRE_SUIT = [
    {
        "citation": "Va. Code § 8.01-20.1",
        "text": "Certification of expert review: an expert must certify the claim before "
        "the defendant is served.",
    },
    {
        "citation": "Va. Code § 8.01-581.15",
        "text": "Cap on total damages in medical malpractice actions (rises each July 1).",
    },
    {
        "citation": "Va. Code § 38.2-5000 et seq.",
        "text": "Birth-Related Neurological Injury Compensation Program: an exclusive "
        "remedy for covered birth injuries.",
    },
]


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_lead_page_shows_the_case_at_a_glance(
    inbox_server, browser, monkeypatch, width
):
    monkeypatch.setattr(assessment, "_law_lookup", lambda: lambda state: PRE_SUIT)
    server = inbox_server
    tag = uuid.uuid4().hex[:6]
    server.store.upload_conflict_list(
        [ConflictEntry(f"Inova Fairfax Hosp {tag}", "adverse_party")],
        replace=False,
        staff_id=None,
    )
    lead = make_lead(
        server,
        contact_name=f"Walter Hale {tag}",
        contact_phone="+17035550166",
        state="VA",
        incident_type="medication_error",
        incident_description="a tenfold morphine overdose in hospital, and a very long "
        "description that must wrap rather than push the page sideways " * 3,
        patient_role="spouse",
        patient_name="Ruth Hale",
        patient_age=64,
        harm_severity="permanent",
        harm_description="she has brain damage and needs care at home",
        providers=[
            {"name": f"Inova Fairfax Hospital {tag}", "kind": "hospital"},
            {"name": "Dr. Ana Patel", "kind": "doctor"},
        ],
        treatment_since="rehab for three months",
        work_impact=True,
        has_records=False,
    )
    assert lead["conflict_matches"], "the new lead is checked against the list"
    user, password = new_staff(server)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, server, user["username"], password)
        page.goto(f"{server.url}/inbox/leads/{lead['id']}")
        summary = page.locator(".case-summary")
        assert "for their spouse Ruth Hale (aged 64 then)" in summary.inner_text()
        assert "Harm now: permanent harm" in summary.inner_text()
        call = page.locator('a[data-contact="call"]')
        text = page.locator('a[data-contact="text"]')
        assert call.get_attribute("href") == "tel:+17035550166"
        assert text.get_attribute("href") == "sms:+17035550166"
        triage = page.locator(".triage")
        assert "Strong" in triage.inner_text()
        assert "permanent harm" in triage.inner_text()
        assert "provider named" in triage.inner_text()
        pre_suit = page.locator(".pre-suit-list li")
        assert pre_suit.count() == 3
        assert "Va. Code § 8.01-20.1" in pre_suit.first.inner_text()
        hit = page.locator(".conflict-hits")
        assert hit.is_visible()
        assert f"Inova Fairfax Hosp {tag} (adverse party)" in hit.inner_text()
        # the summary, the strength and the conflict are above the fold
        for box in (summary, triage, hit):
            assert box.bounding_box()["y"] < 900
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"horizontal scrolling of {overflow} px at {width} px"
        screenshot(page, f"case-{width}")
    finally:
        context.close()


def test_the_list_flags_the_conflict_and_sorts_by_strength(inbox_server, browser):
    server = inbox_server
    tag = uuid.uuid4().hex[:6]
    make_lead(server, contact_name=f"Weak {tag}", harm_severity="none_yet")
    make_lead(
        server,
        contact_name=f"Strong {tag}",
        harm_severity="death",
        patient_role="parent",
        patient_deceased=True,
        providers=[{"name": f"Dr. Zed {tag}", "kind": "doctor"}],
    )
    server.store.upload_conflict_list(
        [ConflictEntry(f"Zed {tag}", "former_client")], replace=False, staff_id=None
    )
    server.store.upload_conflict_list(
        [ConflictEntry(f"Doctor Zed {tag}", "former_client")],
        replace=False,
        staff_id=None,
    )
    user, password = new_staff(server)
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, server, user["username"], password)
        page.get_by_label("Search").fill(tag)
        page.get_by_label("Sort").select_option("strength")
        page.get_by_role("button", name="Filter").click()
        rows = page.locator("table.leads tbody tr")
        assert rows.count() == 2
        assert f"Strong {tag}" in rows.nth(0).inner_text()
        assert "⚑ Conflict" in rows.nth(0).inner_text()
        assert "Weak" in rows.nth(1).inner_text()
        screenshot(page, "case-list-1024")
    finally:
        context.close()
