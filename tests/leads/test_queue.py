"""The morning queue's pure rules: the promise, overdue, needs a call now, duplicates."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.leads import queue

NOW = datetime(2026, 11, 28, 15, 0)


def lead(id_=1, hours_ago=0.0, **fields):
    data = {
        "id": id_,
        "created_at": (NOW - timedelta(hours=hours_ago)).isoformat() + "+00:00",
        "status": "new",
        "outcome": "qualified",
        "days_left": 300,
    }
    data.update(fields)
    return data


def test_the_promise_is_shorter_for_urgent_leads(settings):
    assert queue.promise(lead(), settings) == timedelta(hours=24)
    assert queue.promise(lead(outcome="urgent"), settings) == timedelta(hours=1)
    assert queue.promise(lead(days_left=20), settings) == timedelta(hours=1)


def test_overdue_only_while_not_contacted(settings):
    fresh = queue.clock(lead(hours_ago=2), settings, NOW)
    assert fresh.awaiting and not fresh.overdue and fresh.age_text == "2 h"
    late = queue.clock(lead(hours_ago=25), settings, NOW)
    assert late.overdue and late.overdue_by(NOW) == "1 h"
    called = queue.clock(lead(hours_ago=25, status="contacted"), settings, NOW)
    assert not called.awaiting and not called.overdue


def test_needs_a_call_now_in_the_order_the_promises_ran_out(settings):
    leads = [
        lead(1, hours_ago=0.5),  # fresh, not urgent: waits
        lead(2, hours_ago=0.2, outcome="urgent"),  # urgent: now, due in 48 min
        lead(3, hours_ago=30),  # overdue by 6 h
        lead(4, hours_ago=3, outcome="urgent", status="contacted"),  # called
        lead(5, hours_ago=26),  # overdue by 2 h
    ]
    chosen = queue.call_now_order(leads, settings, NOW)
    assert [item["id"] for item in chosen] == [3, 5, 2]


def test_duplicates_by_phone_or_email():
    a = lead(1, contact_phone="+17205550188", contact_email="a@x.org")
    b = lead(2, hours_ago=5, contact_phone="(720) 555-0188")
    c = lead(3, contact_email="A@X.org ")
    d = lead(4, contact_phone="+17205550199", contact_email="d@x.org")
    found = queue.duplicates([a, b, c, d])
    assert [o["id"] for o in found[1]] == [2, 3]
    assert [o["id"] for o in found[2]] == [1]
    assert [o["id"] for o in found[3]] == [1]
    assert 4 not in found
