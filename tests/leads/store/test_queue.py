"""The queue's store reads: list filters, first contact times, leads sharing a contact."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from bot.leads import models as m
from bot.leads.store import utcnow
from tests.leads.conftest import payload


def _age(store, lead_id, hours):
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(m.leads)
            .where(m.leads.c.id == lead_id)
            .values(created_at=utcnow() - timedelta(hours=hours))
        )


def test_list_filters_for_assignment_and_dates(store):
    user = store.create_user("pat", "correct horse battery")
    mine = store.create_lead(payload("q-1"))
    theirs = store.create_lead(payload("q-2"))
    old = store.create_lead(payload("q-3"))
    store.assign(mine["id"], user["id"])
    _age(store, old["id"], 72)
    ids = lambda **kw: {lead["id"] for lead in store.list_leads(**kw)}  # noqa: E731
    assert ids(assigned_to=user["id"]) == {mine["id"]}
    assert ids(unassigned=True) == {theirs["id"], old["id"]}
    since = utcnow() - timedelta(hours=24)
    assert ids(created_from=since) == {mine["id"], theirs["id"]}
    assert ids(created_before=since) == {old["id"]}


def test_first_contact_times(store):
    a = store.create_lead(payload("fc-1"))
    b = store.create_lead(payload("fc-2"))
    store.set_status(a["id"], "contacted", None)
    store.set_status(a["id"], "consult_scheduled", None)
    times = store.first_contact_times([a["id"], b["id"]])
    assert set(times) == {a["id"]}
    assert times[a["id"]] == store.first_contact_times()[a["id"]]
    assert store.first_contact_times([]) == {}


def test_leads_sharing_a_contact(store):
    first = store.create_lead(payload("dup-1", contact_email="Jane@Example.org"))
    second = store.create_lead(
        payload("dup-2", contact_phone="+15555550999", contact_email="jane@example.org")
    )
    third = store.create_lead(
        payload("dup-3", contact_phone="+15555550999", contact_email="x@example.org")
    )
    store.create_lead(
        payload("other", contact_phone="+15555550777", contact_email="o@example.org")
    )
    assert [d["id"] for d in store.leads_sharing_contact(second)] == [
        first["id"],
        third["id"],
    ]
    assert [d["id"] for d in store.leads_sharing_contact(first)] == [second["id"]]
    assert store.leads_sharing_contact({"id": 99}) == []
