"""The morning queue over HTTP: local times with their zone, ages and overdue flags, the
"needs a call now" view, the mine/unassigned/overdue/date filters, bulk assign and close,
duplicates, the reason for every urgent lead, and phones with call and text links."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot.leads import models as m
from bot.leads.store import utcnow
from tests.inbox.conftest import audit_actions, csrf_of, make_lead, new_staff, post


@pytest.fixture(scope="module")
def server(inbox_server_factory):
    return inbox_server_factory(
        FIRM_TIMEZONE="America/New_York",
        CONTACT_PROMISE_HOURS="24",
        URGENT_CONTACT_PROMISE_HOURS="1",
    )


@pytest.fixture
def staff(server):
    return new_staff(server, display_name="Pat Paralegal")


@pytest.fixture
def session(server, staff):
    user, password = staff
    return server.login(user["username"], password)


def received(server, lead, hours_ago):
    """Make a lead look as if it arrived ``hours_ago`` hours ago."""
    with server.store.engine.begin() as conn:
        conn.execute(
            sa.update(m.leads)
            .where(m.leads.c.id == lead["id"])
            .values(created_at=utcnow() - timedelta(hours=hours_ago))
        )


def names(html: str, tag: str) -> list[str]:
    return re.findall(rf'class="lead-link"[^>]*>([^<]*{tag})<', html)


def test_times_are_local_with_the_zone_and_ages_and_overdue_flags(server, session):
    tag = uuid.uuid4().hex[:6]
    late = make_lead(server, contact_name=f"Late {tag}")
    received(server, late, 30)
    make_lead(server, contact_name=f"Fresh {tag}")
    page = session.get(server.url + "/inbox", params={"q": tag}, timeout=10).text
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d E[SD]T", page)
    assert "UTC" not in page
    assert "1 d 6 h ago" in page and "0 min ago" in page
    assert page.count("Overdue: not called") == 1
    overdue = session.get(
        server.url + "/inbox", params={"q": tag, "overdue": "1"}, timeout=10
    ).text
    assert names(overdue, tag) == [f"Late {tag}"]
    lead_html = session.get(f"{server.url}/inbox/leads/{late['id']}", timeout=10).text
    assert "Overdue: the firm promised a call by" in lead_html


def test_needs_a_call_now(server, session):
    tag = uuid.uuid4().hex[:6]
    make_lead(server, contact_name=f"Waits {tag}")
    urgent = make_lead(
        server, contact_name=f"Urgent {tag}", outcome="urgent", days_left=12
    )
    late = make_lead(server, contact_name=f"Late {tag}")
    received(server, late, 40)
    called = make_lead(server, contact_name=f"Called {tag}", outcome="urgent")
    server.store.set_status(called["id"], "contacted", None)
    page = session.get(
        server.url + "/inbox", params={"q": tag, "view": "now"}, timeout=10
    ).text
    assert names(page, tag) == [f"Late {tag}", f"Urgent {tag}"]
    assert "Needs a call now" in page
    assert urgent["id"] != late["id"]


def test_mine_unassigned_and_date_filters(server, session, staff):
    tag = uuid.uuid4().hex[:6]
    user, _ = staff
    mine = make_lead(server, contact_name=f"Mine {tag}")
    make_lead(server, contact_name=f"Nobody {tag}")
    old = make_lead(server, contact_name=f"Old {tag}")
    server.store.assign(mine["id"], user["id"])
    received(server, old, 24 * 10)
    get = lambda **params: names(  # noqa: E731
        session.get(
            server.url + "/inbox", params={"q": tag, **params}, timeout=10
        ).text,
        tag,
    )
    assert get(assigned="me") == [f"Mine {tag}"]
    assert sorted(get(assigned="none")) == [f"Nobody {tag}", f"Old {tag}"]
    old_day = (utcnow() - timedelta(days=10)).date()
    assert get(
        since=(old_day - timedelta(days=1)).isoformat(),
        until=(old_day + timedelta(days=1)).isoformat(),
    ) == [f"Old {tag}"]
    assert f"Old {tag}" not in get(since=(old_day + timedelta(days=2)).isoformat())
    assert len(get(since="not-a-date", assigned="everyone")) == 3  # ignored
    csv_text = session.get(
        server.url + "/inbox/leads.csv",
        params={"q": tag, "assigned": "me"},
        timeout=10,
    ).content.decode("utf-8-sig")
    assert mine["reference"] in csv_text and old["reference"] not in csv_text


def test_bulk_assign_and_close(server, session, staff):
    tag = uuid.uuid4().hex[:6]
    colleague, _ = new_staff(server, display_name="Morgan Attorney")
    a = make_lead(server, contact_name=f"A {tag}")
    b = make_lead(server, contact_name=f"B {tag}")
    c = make_lead(server, contact_name=f"C {tag}")
    page = session.get(server.url + "/inbox", params={"q": tag}, timeout=10).text
    token = csrf_of(page)
    ids = [str(a["id"]), str(b["id"])]
    form = {"csrf_token": token, "lead_id": ids, "action": "assign"}
    form["staff_id"] = str(colleague["id"])
    form["return_to"] = f"/inbox?q={tag}"
    response = post(server, session, "/inbox/leads/bulk", form)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/inbox?q={tag}&done=bulk"
    store = server.store
    assert [store.get_lead(int(i))["assigned_to"] for i in ids] == [colleague["id"]] * 2
    assert store.get_lead(c["id"])["assigned_to"] is None
    assert "assign" in audit_actions(server, a["id"])

    form = {"csrf_token": token, "lead_id": ids, "action": "close"}
    form["close_status"] = "declined"
    assert post(server, session, "/inbox/leads/bulk", form).status_code == 303
    assert [store.get_lead(int(i))["status"] for i in ids] == ["declined"] * 2
    assert store.get_lead(c["id"])["status"] == "new"

    # Without the CSRF token, with a bad status or a foreign return address: refused.
    bad = dict(form, csrf_token="forged", close_status="referred")
    assert post(server, session, "/inbox/leads/bulk", bad).status_code == 403
    bad = dict(form, close_status="signed")
    assert post(server, session, "/inbox/leads/bulk", bad).status_code == 400
    bad = dict(form, lead_id=["1; DROP TABLE leads"])
    assert post(server, session, "/inbox/leads/bulk", bad).status_code == 400
    assert [store.get_lead(int(i))["status"] for i in ids] == ["declined"] * 2
    away = dict(form, return_to="https://evil.example/")
    response = post(server, session, "/inbox/leads/bulk", away)
    assert response.headers["Location"] == "/inbox?done=bulk"


def test_duplicates_reasons_and_phone_links(server, session):
    tag = uuid.uuid4().hex[:6]
    phone = "+1720555" + str(uuid.uuid4().int % 10_000).zfill(4)
    first = make_lead(
        server,
        contact_name=f"First {tag}",
        contact_phone=phone,
        contact_email=f"first-{tag}@example.com",
    )
    again = make_lead(
        server,
        contact_name=f"Again {tag}",
        contact_phone=phone,
        contact_email=f"again-{tag}@example.com",
        outcome="urgent",
        days_left=-88,
        deadline=None,
        limitation_status="needs_review",
    )
    page = session.get(server.url + "/inbox", params={"q": tag}, timeout=10).text
    assert (
        f'href="/inbox/leads/{first["id"]}" class="mono">{first["reference"]}' in page
    )
    assert (
        f'href="/inbox/leads/{again["id"]}" class="mono">{again["reference"]}' in page
    )
    assert "passed 88 days ago, but the rules need a lawyer&#39;s review" in page
    national = f"({phone[2:5]}) {phone[5:8]}-{phone[8:]}"
    assert f'<a href="tel:{phone}">{national}</a>' in page
    lead_html = session.get(f"{server.url}/inbox/leads/{again['id']}", timeout=10).text
    assert "Why urgent" in lead_html and "Same person" in lead_html
    assert f'href="sms:{phone}"' in lead_html and national in lead_html


def test_csv_carries_the_story_explanation_notes_and_a_readable_priority(
    server, session, staff
):
    import csv
    import io

    user, _ = staff
    tag = uuid.uuid4().hex[:6]
    lead = make_lead(
        server,
        contact_name=f"Story {tag}",
        outcome="urgent",
        deadline=(utcnow() + timedelta(days=12)).date().isoformat(),
        incident_description="=A sponge was left inside, line one.\nLine two.",
    )
    server.store.add_note(lead["id"], user["id"], "Left voicemail")
    server.store.add_note(lead["id"], user["id"], "Called back, consult Monday")
    response = session.get(
        server.url + "/inbox/leads.csv", params={"q": tag}, timeout=10
    )
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["priority"] == "Urgent, 12 days left"
    assert row["incident_description"] == (
        "'=A sponge was left inside, line one.\nLine two."
    )
    assert row["explanation"].startswith("One year from discovery")
    assert row["urgent_reason"].startswith("Filing deadline in 12 days")
    first, second = row["notes"].split("\n")
    assert first.endswith("Pat Paralegal: Left voicemail")
    assert second.endswith("Pat Paralegal: Called back, consult Monday")
    assert row["reference"] == lead["reference"]
