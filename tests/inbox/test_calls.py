"""Today's calls over HTTP: the callback times people chose, by time in the firm's zone, with
call and text links, linked from the nav and behind the staff login; the lead page shows the
booked time as the person was told it."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.inbox.conftest import audit_actions, make_lead, new_staff

NY = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def server(inbox_server_factory):
    return inbox_server_factory(FIRM_TIMEZONE="America/New_York")


@pytest.fixture
def session(server):
    user, password = new_staff(server, display_name="Casey Caller")
    return server.login(user["username"], password)


def local(day_offset: int, hour: int, minute: int = 0) -> str:
    day = datetime.now(NY).date() + timedelta(days=day_offset)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=NY).isoformat()


def test_todays_calls_by_time_with_call_links(server, session):
    tag = uuid.uuid4().hex[:6]
    late = make_lead(server, contact_name=f"Late {tag}", callback_time=local(0, 16, 30))
    early = make_lead(
        server,
        contact_name=f"Early {tag}",
        contact_phone="+17205550188",
        callback_time=local(0, 9, 0),
    )
    tomorrow = make_lead(
        server, contact_name=f"Tomorrow {tag}", callback_time=local(1, 10, 0)
    )
    make_lead(server, contact_name=f"Whenever {tag}", callback_time=None)

    response = session.get(server.url + "/inbox/calls", timeout=10)
    assert response.status_code == 200
    page = response.text
    assert 'href="/inbox/calls" aria-current="page"' in page
    assert page.index(f"Early {tag}") < page.index(f"Late {tag}")
    assert f"Tomorrow {tag}" not in page and f"Whenever {tag}" not in page
    assert re.search(r">9:00 AM<", page) and re.search(r">4:30 PM<", page)
    assert 'href="tel:+17205550188"' in page and "(720) 555-0188" in page
    assert f'href="/inbox/leads/{early["id"]}"' in page
    assert f'href="/inbox/leads/{late["id"]}"' in page
    assert "view_calls" in audit_actions(server)

    next_day = (datetime.now(NY).date() + timedelta(days=1)).isoformat()
    page = session.get(
        server.url + "/inbox/calls", params={"day": next_day}, timeout=10
    ).text
    assert f"Tomorrow {tag}" in page and f"Early {tag}" not in page
    assert f'href="/inbox/leads/{tomorrow["id"]}"' in page


def test_the_lead_page_shows_the_booked_time_in_the_firms_words(server, session):
    lead = make_lead(server, callback_time="2026-12-03T10:30:00-05:00")
    page = session.get(server.url + f"/inbox/leads/{lead['id']}", timeout=10).text
    assert "Thursday, Dec 3 at 10:30 AM Eastern" in page
    assert "Call booked" in page


def test_calls_need_a_login(server):
    import requests

    response = requests.get(
        server.url + "/inbox/calls", allow_redirects=False, timeout=10
    )
    assert response.status_code in (302, 303, 401)
