"""The case evaluation in the inbox over HTTP: the lead page (summary, contact links, strength
and reasons, pre-suit list, conflict hits), the list's strength and conflict filters, the CSV,
the API, and the conflict list upload."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from bot.leads import assessment
from tests.inbox.conftest import audit_actions, csrf_of, lead_page, make_lead, post

PRE_SUIT = [
    {
        "citation": "Fla. Stat. § 766.106",
        "text": "Notice of intent to sue, then a 90-day presuit investigation.",
    },
    {
        "citation": "Fla. Stat. § 766.118",
        "text": "Caps on non-economic damages.",
    },
]


@pytest.fixture
def law_data(monkeypatch):
    monkeypatch.setattr(assessment, "_law_lookup", lambda: lambda state: PRE_SUIT)


def evaluated_lead(server, tag, **fields):
    return make_lead(
        server,
        contact_name=f"Walter Hale {tag}",
        state="FL",
        patient_role="spouse",
        patient_name="Ruth Hale",
        patient_age=64,
        harm_severity="permanent",
        harm_description="she has brain damage and needs care at home",
        providers=[
            {"name": f"the ER at St. Mary's {tag}", "kind": "hospital"},
            {"name": "Dr. Ana Patel", "kind": "doctor"},
        ],
        treatment_since="rehab for three months",
        work_impact=True,
        has_records=False,
        **fields,
    )


def test_the_lead_page_shows_the_case_evaluation(inbox_server, signed_in, law_data):
    tag = uuid.uuid4().hex[:6]
    lead = evaluated_lead(inbox_server, tag)
    assert lead["pre_suit"] == PRE_SUIT
    html = lead_page(inbox_server, signed_in, lead["id"]).text
    assert "Walter Hale" in html and "for their spouse Ruth Hale (aged 64 then)" in html
    assert 'href="tel:+15555550123"' in html and 'href="sms:+15555550123"' in html
    assert "Case strength" in html and "Strong" in html
    assert "permanent harm" in html and "provider named" in html
    assert "Notice of intent to sue" in html and "Fla. Stat. § 766.118" in html
    assert "Dr. Ana Patel" in html and "(hospital)" in html
    assert "Possible conflict" not in html


def test_the_strength_is_never_in_what_the_person_sees():
    """Staff only: no response of the assistant names a strength or a reason."""
    from pathlib import Path

    import yaml

    from bot.leads.triage import REASONS

    domain = yaml.safe_load(Path("domain.yml").read_text())
    said = " ".join(
        str(variant.get("text", ""))
        for variants in domain["responses"].values()
        for variant in variants
    ).lower()
    for word in ("strength", "strong case", "weak case", "triage"):
        assert word not in said
    for reason in REASONS.values():
        assert reason not in said


def test_the_list_filters_and_sorts_by_strength_and_flags_conflicts(
    inbox_server, signed_in
):
    tag = uuid.uuid4().hex[:6]
    weak = make_lead(inbox_server, contact_name=f"Weak {tag}", harm_severity="none_yet")
    strong = evaluated_lead(inbox_server, tag)
    page = signed_in.get(
        f"{inbox_server.url}/inbox", params={"strength": "weak", "q": tag}, timeout=10
    ).text
    assert f"Weak {tag}" in page and f"Walter Hale {tag}" not in page
    page = signed_in.get(
        f"{inbox_server.url}/inbox", params={"sort": "strength", "q": tag}, timeout=10
    ).text
    assert page.index(f"Walter Hale {tag}") < page.index(f"Weak {tag}")
    assert 'class="badge strength strength-strong"' in page
    # the CSV carries the strength (not the free-text reasons)
    body = signed_in.get(
        f"{inbox_server.url}/inbox/leads.csv", params={"q": tag}, timeout=10
    ).text
    rows = {
        r["reference"]: r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    }
    assert rows[strong["reference"]]["case_strength"] == "strong"
    assert rows[weak["reference"]]["harm_severity"] == "none_yet"


def test_the_api_gives_the_contract_fields(inbox_server, law_data):
    tag = uuid.uuid4().hex[:6]
    lead = evaluated_lead(inbox_server, tag, already_represented=True)
    body = inbox_server.api(f"/api/leads/{lead['id']}").json()
    for key in (
        "harm_description",
        "harm_severity",
        "providers",
        "treatment_since",
        "work_impact",
        "has_records",
        "patient_name",
        "represented_intent",
        "case_strength",
        "case_strength_reasons",
        "case_summary",
        "conflict_matches",
        "pre_suit",
    ):
        assert key in body, key
    assert body["providers"][1] == {"name": "Dr. Ana Patel", "kind": "doctor"}
    assert body["pre_suit"] == PRE_SUIT
    assert body["case_strength"] == "weak"  # has a lawyer and keeps them
    listed = inbox_server.api(
        "/api/leads", params={"strength": "weak", "q": tag}
    ).json()
    assert [x["id"] for x in listed] == [lead["id"]]


def upload(server, session, text, mode="replace", kind="client"):
    page = session.get(f"{server.url}/inbox/conflicts", timeout=10)
    assert page.status_code == 200
    return post(
        server,
        session,
        "/inbox/conflicts",
        {"csrf_token": csrf_of(page.text), "csv": text, "mode": mode, "kind": kind},
    )


def test_an_upload_rechecks_open_leads_and_shows_the_hit(inbox_server, signed_in):
    tag = uuid.uuid4().hex[:6]
    lead = evaluated_lead(inbox_server, tag)
    response = upload(
        inbox_server,
        signed_in,
        f"name,kind\nSaint Mary's Hospital {tag},adverse party\n",
    )
    assert response.status_code == 303
    assert "/inbox/conflicts?done=upload" in response.headers["location"]
    done = signed_in.get(inbox_server.url + response.headers["location"], timeout=10)
    assert "open leads re-checked" in done.text
    html = lead_page(inbox_server, signed_in, lead["id"]).text
    assert "Possible conflict" in html
    assert f"Saint Mary&#39;s Hospital {tag} (adverse party)" in html
    listed = signed_in.get(
        f"{inbox_server.url}/inbox", params={"conflicts": "1", "q": tag}, timeout=10
    ).text
    assert "⚑ Conflict" in listed and f"Walter Hale {tag}" in listed
    assert "conflict_list_upload" in audit_actions(inbox_server)
    # a new lead is checked as it comes in; adding keeps the list
    later = evaluated_lead(inbox_server, tag)
    assert later["conflict_matches"]
    assert (
        upload(inbox_server, signed_in, "Pat Nobody\n", mode="add").status_code == 303
    )
    assert inbox_server.store.get_lead(lead["id"])["conflict_matches"]
    # replacing it with other names clears the hit
    upload(inbox_server, signed_in, "Pat Nobody\n")
    assert inbox_server.store.get_lead(lead["id"])["conflict_matches"] == []


def test_a_bad_upload_is_refused_with_a_reason(inbox_server, signed_in):
    response = upload(inbox_server, signed_in, "name,kind\n,\n")
    assert response.status_code == 400 and "no names" in response.text
    response = upload(inbox_server, signed_in, "Someone\n", mode="merge")
    assert response.status_code == 400


def test_the_upload_needs_a_signed_in_form(inbox_server, signed_in):
    anonymous = post(
        inbox_server,
        __import__("requests").Session(),
        "/inbox/conflicts",
        {"csv": "Someone\n", "mode": "replace", "kind": "client"},
    )
    assert anonymous.status_code in (302, 303, 401, 403)
    forged = post(
        inbox_server,
        signed_in,
        "/inbox/conflicts",
        {
            "csrf_token": "forged",
            "csv": "Someone\n",
            "mode": "replace",
            "kind": "client",
        },
    )
    assert forged.status_code == 403
