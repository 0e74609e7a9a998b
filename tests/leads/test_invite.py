"""The callback's calendar invitation (bot/leads/invite.py) through the outbox and a real SMTP
server: sent when a lead with a callback time and an email is written, sent again with the next
SEQUENCE when the time changes, and a METHOD:CANCEL when the call is called off."""

from __future__ import annotations

from bot.leads import invite
from bot.leads.outbox import process_due
from tests.leads.conftest import payload
from tests.leads.test_outbox import MEDICAL, smtp  # noqa: F401  (the SMTP fixture)

FIRST = "2026-12-03T10:30:00-05:00"
SECOND = "2026-12-04T15:00:00-05:00"


def _calendar(msg) -> tuple[str, object]:
    [part] = [
        p for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"
    ]
    return part.get_content(), part


def _invites(inbox) -> list:
    return [m for m in inbox.messages() if m["To"] == "jane@example.org"]


def test_invitation_change_and_cancel(store, make_settings, smtp):  # noqa: F811
    port, inbox = smtp
    settings = make_settings(
        smtp_port=port, firm_timezone="America/New_York", callback_slot_minutes=30
    )
    lead = store.create_lead(payload("invite-1", callback_time=FIRST))
    assert lead["callback_time"] == FIRST
    assert process_due(store, settings) == 2  # the staff email and the invitation
    [first] = _invites(inbox)
    assert first["Subject"] == f"Your call with {settings.firm_name}"
    assert (
        "Thursday, Dec 3 at 10:30 AM Eastern"
        in first.get_body(("plain",)).get_content()
    )
    ics, part = _calendar(first)
    assert part.get_param("method") == "REQUEST"
    lines = ics.split("\r\n")
    assert "METHOD:REQUEST" in lines and "SEQUENCE:0" in lines
    assert "DTSTART:20261203T153000Z" in lines and "DTEND:20261203T160000Z" in lines
    uid = next(line for line in lines if line.startswith("UID:"))
    assert uid == f"UID:callback-{lead['reference']}@firm.test"
    assert "STATUS:CONFIRMED" in lines
    body = first.get_body(("plain",)).get_content()
    for secret in MEDICAL:
        assert secret not in ics and secret not in body

    # The person moves the call: the same event, one sequence higher.
    store.update_lead_facts(lead["id"], payload("invite-1", callback_time=SECOND))
    assert process_due(store, settings) == 1
    changed, _ = _calendar(_invites(inbox)[1])
    lines = changed.split("\r\n")
    assert (
        uid in lines and "SEQUENCE:1" in lines and "DTSTART:20261204T200000Z" in lines
    )

    # And cancels it.
    store.update_lead_facts(lead["id"], payload("invite-1", callback_time=None))
    assert process_due(store, settings) == 1
    cancelled, part = _calendar(_invites(inbox)[2])
    lines = cancelled.split("\r\n")
    assert part.get_param("method") == "CANCEL"
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines
    assert (
        uid in lines and "SEQUENCE:2" in lines and "DTSTART:20261204T200000Z" in lines
    )
    assert _invites(inbox)[2]["Subject"].startswith("Cancelled:")


def test_no_invitation_without_email_or_time(store, make_settings, smtp):  # noqa: F811
    port, inbox = smtp
    settings = make_settings(smtp_port=port)
    store.create_lead(payload("invite-2", callback_time=FIRST, contact_email=None))
    store.create_lead(payload("invite-3", callback_time=None))
    assert process_due(store, settings) == 2  # the two staff emails only
    assert _invites(inbox) == []


def test_invitation_rows():
    assert invite.invitation_rows(None, FIRST, "a@b.test", 0) == [
        ("invite:0", "REQUEST 2026-12-03T15:30:00+00:00")
    ]
    assert invite.invitation_rows(FIRST, FIRST, "a@b.test", 1) == []
    assert invite.invitation_rows(FIRST, None, "a@b.test", 1) == [
        ("invite:1", "CANCEL 2026-12-03T15:30:00+00:00")
    ]
    assert invite.invitation_rows(FIRST, None, "a@b.test", 0) == []  # nothing was sent
    assert invite.invitation_rows(None, FIRST, None, 0) == []


def test_long_lines_are_folded():
    line = "DESCRIPTION:" + "x" * 200
    folded = invite._fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_a_partial_lead_finished_with_a_time_sends_the_invitation(store):
    partial = payload(
        "invite-4", outcome="incomplete", partial=True, dedupe_key="invite-4:s"
    )
    lead = store.create_lead(partial)
    assert not [n for n in store.notifications(lead["id"]) if n["channel"] != "email"]
    finished = store.create_lead(
        payload("invite-4", callback_time=FIRST, dedupe_key="invite-4:s")
    )
    assert finished["id"] == lead["id"] and finished["callback_time"] == FIRST
    channels = {n["channel"] for n in store.notifications(lead["id"])}
    assert "invite:0" in channels


def test_a_correction_after_the_lead_works_out_its_summary_again(store):
    """ "wait it was in ohio": the staff's summary (and the pre-suit rules) follow the state,
    not only the state's own field."""
    lead = store.create_lead(payload("moved-1", state="MI"))
    assert "Michigan" in lead["case_summary"]
    updated = store.update_lead_facts(lead["id"], payload("moved-1", state="OH"))
    assert updated is not None and updated["state"] == "OH"
    assert "Ohio" in updated["case_summary"]
    assert "Michigan" not in updated["case_summary"]
