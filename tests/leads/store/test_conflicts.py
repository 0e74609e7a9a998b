"""The case evaluation the store keeps with each lead, and the firm's conflict list, on SQLite
and PostgreSQL."""

from __future__ import annotations

from bot.leads.conflicts import ConflictEntry
from tests.leads.conftest import payload

HOSPITAL = [{"name": "the ER at St. Mary's", "kind": "hospital"}]


def test_a_new_lead_gets_its_strength_summary_and_pre_suit(store):
    lead = store.create_lead(
        payload(
            harm_severity="permanent",
            harm_description="I can't walk without a cane",
            providers=HOSPITAL + [{"name": "Dr. Ana Patel", "kind": "surgeon?"}],
            treatment_since="two more surgeries",
            work_impact=True,
            has_records=None,
            patient_age="44",
        )
    )
    assert lead["case_strength"] == "strong"
    assert "permanent harm" in lead["case_strength_reasons"]
    assert lead["providers"] == [
        {"name": "the ER at St. Mary's", "kind": "hospital"},
        {"name": "Dr. Ana Patel", "kind": "other"},  # an unknown kind is kept as other
    ]
    assert lead["patient_age"] == 44
    assert lead["case_summary"].startswith("Jane Q Doe, the patient")
    assert "Providers: the ER at St. Mary's (hospital)" in lead["case_summary"]
    assert isinstance(lead["pre_suit"], list)
    for item in lead["pre_suit"]:
        assert set(item) == {"citation", "text"}
    assert lead["conflict_matches"] == []


def test_an_older_payload_without_the_new_facts_still_makes_a_lead(store):
    lead = store.create_lead(payload())
    assert lead["case_strength"] in ("strong", "review", "weak")
    assert "no provider named" in lead["case_strength_reasons"]
    assert lead["providers"] == [] and lead["harm_severity"] is None


def test_bad_values_of_the_closed_vocabularies_are_dropped(store):
    lead = store.create_lead(
        payload(harm_severity="catastrophic", represented_intent="sue them")
    )
    assert lead["harm_severity"] is None and lead["represented_intent"] is None


def test_an_upload_checks_new_and_open_leads_and_is_audited(store):
    hit = store.create_lead(payload("c-hit", providers=HOSPITAL))
    closed = store.create_lead(payload("c-closed", providers=HOSPITAL))
    store.set_status(closed["id"], "declined", None)
    clean = store.create_lead(payload("c-clean", contact_name="Pat Other"))
    staff = store.create_user("alice", "correct horse battery", "Alice")

    result = store.upload_conflict_list(
        [
            ConflictEntry("Saint Mary's Hospital", "adverse_party"),
            ConflictEntry("Jane Doe", "former_client"),
        ],
        replace=True,
        staff_id=staff["id"],
    )
    assert result == {"entries": 2, "checked": 2, "with_hits": 1}
    matches = store.get_lead(hit["id"])["conflict_matches"]
    assert {m["matched"] for m in matches} == {"provider", "contact"}
    assert store.get_lead(closed["id"])["conflict_matches"] == []  # not re-checked
    assert store.get_lead(clean["id"])["conflict_matches"] == []
    (row,) = [a for a in store.audit_log() if a["action"] == "conflict_list_upload"]
    assert row["staff_id"] == staff["id"]
    assert "Mary" not in row["detail"] and "2 names" in row["detail"]

    # a lead written after the upload is checked when it is written
    later = store.create_lead(payload("c-later", providers=HOSPITAL))
    assert later["conflict_matches"][0]["list_entry"] == (
        "Saint Mary's Hospital (adverse party)"
    )
    # the list filter and the strength sort
    flagged = {lead["id"] for lead in store.list_leads(conflicts=True)}
    assert flagged == {hit["id"], later["id"]}

    # adding keeps the list; replacing with others clears the old hits of open leads
    assert (
        store.upload_conflict_list(
            [ConflictEntry("Someone Else", "client")], replace=False, staff_id=None
        )["entries"]
        == 3
    )
    store.upload_conflict_list(
        [ConflictEntry("Someone Else", "client")], replace=True, staff_id=None
    )
    assert store.get_lead(hit["id"])["conflict_matches"] == []
    assert store.conflict_list_size() == 1


def test_the_list_filters_and_sorts_by_strength(store):
    weak = store.create_lead(payload("s-weak", harm_severity="none_yet"))
    strong = store.create_lead(
        payload(
            "s-strong",
            harm_severity="death",
            providers=[{"name": "Dr. Ana Patel", "kind": "doctor"}],
        )
    )
    review = store.create_lead(payload("s-review", harm_severity="ongoing"))
    assert [x["id"] for x in store.list_leads(strength="strong")] == [strong["id"]]
    ordered = [x["id"] for x in store.list_leads(sort="strength")]
    assert ordered == [strong["id"], review["id"], weak["id"]]


def test_how_to_reach_them_joins_the_summary(store):
    # role-play D: "yes but text first, I'm on job sites all day" has no field of its own
    lead = store.create_lead(
        payload(
            reach_notes=[
                "Prefers “text first, I'm on job sites all day”",
                "Another number (their daughter's): +14805550143",
            ]
        )
    )
    assert (
        "How to reach: prefers “text first, I'm on job sites all day”; another number "
        "(their daughter's): +14805550143." in lead["case_summary"].splitlines()
    )
    assert "reach_notes" not in lead


def test_no_reach_notes_no_line(store):
    lead = store.create_lead(payload(reach_notes="not a list"))
    assert "How to reach" not in lead["case_summary"]
