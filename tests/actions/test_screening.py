"""The outcome of a screening, decided from its facts with the real limitations engine."""

from __future__ import annotations

import datetime as dt

from rasa_sdk.executor import CollectingDispatcher

from actions.screening import ActionScreeningOutcome, decide_outcome

AS_OF = dt.date(2026, 11, 22)
FACTS = {
    "incident_type": "medication_error",
    "state": "OR",
    "incident_date": "2025-12-01",
    "discovery_date": "2025-12-01",
    "patient_role": "self",
    "government_facility": False,
    "already_represented": False,
}


def test_not_medical_matter():
    assert (
        decide_outcome({"incident_type": "not_medmal"}, AS_OF).outcome == "not_medmal"
    )


def test_already_represented_comes_before_any_deadline():
    assert (
        decide_outcome({**FACTS, "already_represented": True}, AS_OF).outcome
        == "represented"
    )


def test_open_deadline_is_qualified_with_the_engine_explanation():
    result = decide_outcome(FACTS, AS_OF)
    assert result.outcome == "qualified"
    assert result.deadline == "2027-12-01"
    assert result.days_left == (dt.date(2027, 12, 1) - AS_OF).days
    assert result.limitation_status == "open"
    assert result.citation and result.explanation


def test_deadline_within_90_days_is_urgent():
    result = decide_outcome(
        {
            **FACTS,
            "state": "TX",
            "incident_date": "2024-12-20",
            "discovery_date": "2024-12-20",
        },
        AS_OF,
    )
    assert result.outcome == "urgent"
    assert 0 <= result.days_left <= 90


def test_expired_deadline_is_time_barred_not_dropped():
    result = decide_outcome(
        {
            **FACTS,
            "state": "TX",
            "incident_date": "2019-01-05",
            "discovery_date": "2019-01-05",
        },
        AS_OF,
    )
    assert result.outcome == "time_barred"
    assert result.days_left < 0 or result.limitation_status == "expired"


def test_government_facility_needs_review_and_is_treated_as_urgent():
    result = decide_outcome({**FACTS, "government_facility": True}, AS_OF)
    assert result.limitation_status == "needs_review"
    assert result.outcome == "urgent"


def test_a_va_named_in_the_story_is_a_federal_claim_two_years_from_discovery():
    # role-play E: the Detroit VA, care Jan 2024, found out Feb 2025: not Michigan's 2 years
    # from the care (Jan 2026, "may have passed"), the FTCA's 2 years from discovery
    darnell = {
        **FACTS,
        "incident_type": "misdiagnosis",
        "state": "MI",
        "incident_date": "2024-01",
        "discovery_date": "2025-02",
        "government_facility": True,
        "incident_description": "Im a vet. the VA in detroit missed my colon cancer",
    }
    result = decide_outcome(darnell, AS_OF)
    assert result.deadline == "2027-02-01" and result.deadline_latest == "2027-02-28"
    assert result.limitation_status == "needs_review"
    assert "2401(b)" in (result.citation or "") and "Kubrick" in (result.citation or "")
    assert result.outcome != "time_barred"
    # the providers can name it too; a "no" to the public-hospital question decides
    named = {**darnell, "incident_description": "they missed my cancer"}
    named["providers"] = [{"name": "john d dingell VA medical center"}]
    assert decide_outcome(named, AS_OF).deadline == "2027-02-01"
    assert decide_outcome(
        {**darnell, "government_facility": False}, AS_OF
    ).deadline == ("2026-01-01")


def test_a_federal_claim_far_off_is_not_urgent_a_county_one_is():
    far = {
        **FACTS,
        "incident_date": "2026-06-01",
        "discovery_date": "2026-06-01",
        "government_facility": True,
    }
    va = decide_outcome({**far, "incident_description": "at the VA clinic"}, AS_OF)
    county = decide_outcome(
        {**far, "incident_description": "at the county hospital"}, AS_OF
    )
    assert va.outcome == "qualified" and va.limitation_status == "needs_review"
    assert county.outcome == "urgent"


def test_a_county_hospital_in_georgia_is_a_countys_not_a_citys():
    # role-play N: Keisha, Amara born at Grady Sep 23, 2025, "yes its the county hospital":
    # a county's 12 months (O.C.G.A. § 36-11-1), not a city's 6 (§ 36-33-5)
    keisha = {
        **FACTS,
        "incident_type": "birth_injury",
        "state": "GA",
        "incident_date": "2025-09-23",
        "discovery_date": "2025-11",
        "patient_dob": "2025-09-23",
        "government_facility": True,
        "government_entity": "county",
        "providers": "grady. the doctor was dr. whitfield i think",
    }
    result = decide_outcome(keisha, AS_OF)
    assert "notice of claim to a county" in (result.explanation or "")
    assert "to a city" not in (result.explanation or "")
    assert "36-11-1" in (result.citation or "")
    assert result.deadline == "2026-09-23"
    assert result.limitation_status == "needs_review"
    # not said at the question: the story or the providers may say it (Grady: a county's
    # hospital authority); none said: every rule, the earliest (a city's 6 months)
    assert (
        decide_outcome({**keisha, "government_entity": None}, AS_OF).deadline
        == "2026-09-23"
    )
    unknown = {**keisha, "government_entity": None, "providers": "the hospital"}
    assert decide_outcome(unknown, AS_OF).deadline == "2026-03-23"
    # a private one: no government rule at all
    assert "36-11-1" not in (
        decide_outcome({**keisha, "government_facility": False}, AS_OF).citation or ""
    )


def test_a_county_hospital_keeps_the_states_rule_not_the_federal_one():
    # role-play G: Marcus, North Carolina, his son born March 3, 2025 at "Pine Ridge County
    # Hospital ... (it's the county hospital)": NC's 3 years, not the FTCA's 2 (Mar 3, 2027)
    marcus = {
        **FACTS,
        "incident_type": "birth_injury",
        "state": "NC",
        "incident_date": "2025-03-03",
        "discovery_date": "2025-03-10",
        "government_facility": True,
        "incident_description": "he was deprived of oxygen, cooling therapy in the NICU",
        "providers": [
            {"name": "Pine Ridge County Hospital"},
            {"name": "Dr. Alan Pierce"},
        ],
    }
    result = decide_outcome(marcus, AS_OF)
    assert "FTCA" not in (result.explanation or "")
    assert "2401" not in (result.citation or "")
    assert result.limitation_status == "needs_review" and result.outcome == "urgent"
    assert result.deadline and result.deadline > "2027-03-03"
    # a public hospital of unknown kind keeps the earlier FTCA claim, as before
    unknown = {**marcus, "providers": [{"name": "Pine Ridge Hospital"}]}
    assert decide_outcome(unknown, AS_OF).deadline == "2027-03-10"


def test_missing_facts_still_give_an_outcome():
    result = decide_outcome(
        {"incident_type": "surgical_error", "callback_wanted": True}, AS_OF
    )
    assert result.outcome == "qualified"
    assert result.deadline is None


async def test_action_sets_the_outcome_slots(domain, make_tracker):
    tracker = make_tracker(FACTS, active=False)
    events = await ActionScreeningOutcome().run(CollectingDispatcher(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["screening_outcome"] in {"qualified", "urgent"}
    assert (
        slots["deadline"]
        and slots["limitation_explanation"]
        and slots["limitation_citation"]
    )


def test_the_summary_names_the_patient_and_what_is_not_known():
    from actions.intake import UNKNOWN
    from actions.screening import summary_of

    text = summary_of(
        {
            "incident_type": "surgical_error",
            "patient_role": "parent",
            "patient_relation": "father",
            "patient_called": "your father",
            "state": "NJ",
            "incident_date": "2025-03",
            "government_facility": UNKNOWN,
            "already_represented": False,
            "contact_name": "Walter Hale",
            "contact_phone": "+17035550166",
        }
    )
    assert text.startswith("Your father's surgery, in New Jersey, in March 2025.")
    assert "not sure whether it was a public hospital" in text
    assert "Walter Hale, +17035550166" in text


def test_the_summary_reads_back_a_harm_heard_before_it_was_asked():
    from actions.screening import summary_of

    slots = {
        "incident_type": "misdiagnosis",
        "patient_role": "self",
        "state": "IL",
        "incident_date": "2026-08-12",
        "harm_description": "my appendix burst and I needed emergency surgery.",
    }
    heard = summary_of(slots, harm_heard=True)
    assert (
        "What followed, as you told me: “my appendix burst and I needed emergency surgery”."
        in heard
    )
    # the answer to the harm question itself is not read back
    assert "What followed" not in summary_of(slots)
    long = summary_of({**slots, "harm_description": "word " * 100}, harm_heard=True)
    assert "…”." in long


def test_not_sure_is_not_no_for_the_outcome():
    from actions.intake import UNKNOWN
    from actions.screening import decide_outcome

    result = decide_outcome(
        {
            "incident_type": "other",
            "state": "KY",
            "incident_date": "2026-08-30",
            "government_facility": UNKNOWN,
            "already_represented": UNKNOWN,
        },
        as_of=dt.date(2026, 11, 28),
    )
    assert result.outcome in ("qualified", "urgent")
    assert any("public" in caveat for caveat in result.caveats)


def test_a_foreign_object_told_in_the_story_reaches_the_engine():
    # New York, CPLR 214-a: one year from discovering a foreign object, past the ordinary
    # 2 years 6 months; a sponge left in 2015 and found in August 2026 is still open.
    facts = {
        **FACTS,
        "state": "NY",
        "incident_type": "surgical_error",
        "incident_date": "2015-03-01",
        "discovery_date": "2026-08-06",
    }
    assert decide_outcome(facts, dt.date(2026, 11, 28)).outcome == "time_barred"
    found = decide_outcome({**facts, "foreign_object": True}, dt.date(2026, 11, 28))
    assert found.outcome == "qualified"
    assert found.deadline == "2027-08-06"


def test_a_date_known_only_to_the_month_gives_the_latest_deadline_too():
    # Colorado, found out "November 2024", on Nov 28, 2026: not time-barred, urgent, with the
    # range Nov 1 to Nov 30, 2026 on the lead.
    facts = {
        **FACTS,
        "state": "CO",
        "incident_date": "2024-05",
        "discovery_date": "2024-11",
    }
    result = decide_outcome(facts, dt.date(2026, 11, 28))
    assert result.outcome == "urgent"
    assert (result.deadline, result.deadline_latest) == ("2026-11-01", "2026-11-30")


def test_the_read_back_says_how_they_asked_to_be_reached():
    from actions.screening import summary_of

    text = summary_of(
        {"incident_type": "misdiagnosis", "patient_role": "self", "state": "IL"},
        ["Noted for our team: “text first, I'm on job sites all day”."],
    )
    assert text.endswith("Noted for our team: “text first, I'm on job sites all day”.")


def test_other_care_in_a_nursing_home_is_read_back_as_nursing_home_care():
    # role-play E, Linda: "My mother was in a nursing home ... terrible bed sores" was read back
    # as "Your mother's medical care"; the kind stays `other` (the contract's six kinds)
    from actions.screening import summary_of

    mother = {
        "incident_type": "other",
        "patient_role": "parent",
        "patient_relation": "mother",
        "patient_called": "your mother",
    }
    told = summary_of(
        {
            **mother,
            "incident_description": "she was in a nursing home and got bed sores",
        }
    )
    named = summary_of(
        {**mother, "providers": [{"name": "Westhaven Care Home", "kind": "facility"}]}
    )
    neither = summary_of({**mother, "incident_description": "she fell at the hospital"})
    assert told.startswith("Your mother's nursing home care")
    assert named.startswith("Your mother's nursing home care")
    assert neither.startswith("Your mother's medical care")
    surgery = summary_of(
        {
            **mother,
            "incident_type": "surgical_error",
            "incident_description": "a nursing home sent her to surgery",
        }
    )
    assert surgery.startswith("Your mother's surgery")


async def test_a_lawyer_already_is_no_other_matter(domain, make_tracker):
    """ "I already have an attorney handling my case and I'm happy with him. I was just curious
    how this works", taken for a matter that is not medical malpractice: the screening starts
    (to record them as represented), not the decline."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"incident_type": "not_medmal"},
        text="Hello. I already have an attorney handling my case and I'm happy with him. "
        "I was just curious how this works.",
        intent="describe_not_medmal",
        active=False,
    )
    events = await ActionScreeningOutcome().run(dispatcher, tracker, domain)
    assert {"event": "slot", "name": "incident_type", "value": None} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
    assert not any(e.get("name") == "screening_outcome" for e in events)
    assert [e["name"] for e in events if e.get("event") == "followup"] == [
        "screening_form"
    ]


def test_a_stillborn_baby_gets_no_minors_extension_and_is_reviewed():
    # Priya (I): sent home from triage October 17, her daughter stillborn October 20; the
    # delivery date as a birth date gave a minor's ten years (October 2036)
    stillbirth = {
        **FACTS,
        "incident_type": "birth_injury",
        "state": "TX",
        "incident_date": "2026-10-17",
        "discovery_date": "2026-10-20",
        "patient_role": "child",
        "patient_dob": "2026-10-20",
        "patient_deceased": True,
        "death_date": "2026-10-20",
        "patient_age": 0,
    }
    lived = decide_outcome(stillbirth, AS_OF)
    result = decide_outcome({**stillbirth, "stillborn": True}, AS_OF)
    assert result.deadline and lived.deadline and result.deadline < lived.deadline
    assert result.limitation_status == "needs_review"
    assert any("stillborn" in c for c in result.caveats)


def test_a_stillborn_babys_delivery_date_is_not_no_birth_date():
    """Role-play O (Brianna): "he was stillborn. nov 2" set the birth date; the caveat that no
    date of birth was given must not follow (the stillbirth's own caveat says why no minor's
    extension applies)."""
    stillbirth = {
        **FACTS,
        "incident_type": "birth_injury",
        "state": "TX",
        "incident_date": "2026-11-01",
        "discovery_date": "2026-11-02",
        "patient_role": "child",
        "patient_dob": "2026-11-02",
        "patient_deceased": True,
        "death_date": "2026-11-02",
        "stillborn": True,
    }
    result = decide_outcome(stillbirth, dt.date(2026, 11, 29))
    assert not any(c.startswith("No date of birth given") for c in result.caveats)
    assert any("stillborn" in c for c in result.caveats)


DANA = {
    "incident_type": "surgical_error",
    "state": "PA",
    "incident_date": "2024-07",
    "discovery_date": "2026-03",
    "patient_role": "self",
    "government_facility": False,
    "already_represented": False,
}
NUMB = "it was numb right away but he said it would come back in a few weeks"


def test_the_harm_noticed_at_once_counts_from_the_care_for_review():
    """Role-play N (Dana): numb right away after her wisdom teeth came out in July 2024, a
    neurologist said in March 2026 it is permanent: the later date stays when she found out,
    but the deadline is the earlier one (July 2026: passed), marked for an attorney's review,
    with her words and the later date in the caveat."""
    as_of = dt.date(2026, 11, 29)
    later = decide_outcome(DANA, as_of)
    result = decide_outcome({**DANA, "harm_noticed_at_once": NUMB}, as_of)
    assert later.deadline == "2028-03-01"
    assert result.deadline == "2026-07-01"
    assert result.deadline_latest == later.deadline_latest
    assert result.limitation_status == "needs_review"
    assert result.outcome == "urgent"
    assert result.caveats[0].startswith(f"Harm noticed at once: “{NUMB}”")
    assert "March 2026" in result.caveats[0] and "Kubrick" in result.caveats[0]


def test_first_signs_change_nothing_when_found_out_the_same_day():
    same = {**DANA, "discovery_date": "2024-07", "harm_noticed_at_once": NUMB}
    assert decide_outcome(same, AS_OF) == decide_outcome(
        {**DANA, "discovery_date": "2024-07"}, AS_OF
    )


def test_first_signs_are_read_from_the_answer_to_when_they_found_out(make_tracker):
    from actions.screening import first_signs

    answer = f"{NUMB}. in march this year a neurologist said its permanent nerve damage"
    events = [
        {"event": "slot", "name": "requested_slot", "value": "discovery_date"},
        {"event": "user", "text": answer},
        {"event": "slot", "name": "requested_slot", "value": "patient_role"},
    ]
    tracker = make_tracker(DANA, text="1", events=events)
    assert first_signs(tracker) == {"harm_noticed_at_once": NUMB}
    told_elsewhere = make_tracker(DANA, text=answer)
    assert first_signs(told_elsewhere) == {}
