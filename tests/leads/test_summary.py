"""The case summary at the top of a lead."""

from __future__ import annotations

from bot.leads.summary import case_summary


def test_a_relative_writing_about_permanent_harm():
    text = case_summary(
        {
            "contact_name": "Walter Hale",
            "patient_role": "spouse",
            "patient_name": "Ruth Hale",
            "patient_age": 64,
            "incident_type": "medication_error",
            "state": "VA",
            "incident_date": "2026-02-02",
            "discovery_date": "2026-02-02",
            "incident_description": "a tenfold morphine overdose in hospital",
            "harm_severity": "permanent",
            "harm_description": "she has brain damage and needs care at home",
            "providers": [{"name": "Inova Fairfax Hospital", "kind": "hospital"}],
            "treatment_since": "rehab for three months",
            "work_impact": True,
            "has_records": False,
            "deadline": "2028-02-02",
            "outcome": "qualified",
        }
    )
    lines = text.splitlines()
    assert lines[0] == "Walter Hale, for their spouse Ruth Hale (aged 64 then)."
    assert lines[1].startswith("Medication error in Virginia, February 2, 2026:")
    assert "morphine" in lines[1]
    assert lines[2].startswith("Harm now: permanent harm")
    assert lines[3] == "Providers: Inova Fairfax Hospital (hospital)."
    assert "rehab for three months" in lines[4] and "no records yet" in lines[4]
    assert lines[-1].startswith("Deadline: February 2, 2028")
    assert len([line for line in lines if line.startswith("Deadline")]) == 1


def test_the_person_writing_as_the_estate_is_named():
    # role-play I (Angela): "estate handled by I am. She named me executor..."
    text = case_summary(
        {
            "contact_name": "Angela Price",
            "patient_role": "parent",
            "patient_deceased": True,
            "estate_representative": "I am. She named me executor in her will",
        }
    )
    assert "estate handled by Angela Price (“I am. She named me executor" in text


def test_a_death_an_estate_and_a_passed_deadline():
    text = case_summary(
        {
            "contact_name": "Dana Roe",
            "patient_role": "parent",
            "patient_deceased": True,
            "death_date": "2021-05",
            "estate_representative": "my brother",
            "incident_type": "misdiagnosis",
            "state": "TX",
            "incident_date": "2021-04",
            "outcome": "time_barred",
            "limitation_status": "expired",
            "deadline": "2023-04-01",
        }
    )
    assert "who has died (May 2021); estate handled by my brother" in text
    assert "Harm now: death." in text
    assert "Providers: none named." in text
    assert text.splitlines()[-1].startswith("Deadline: may have passed")


def test_a_lawyer_and_no_deadline():
    text = case_summary(
        {
            "patient_role": "self",
            "already_represented": True,
            "represented_intent": "second_opinion",
            "suit_filed": True,
        }
    )
    assert text.splitlines()[0] == "Name not given, the patient."
    assert (
        "Already has a lawyer; wants a second opinion; a suit is already filed." in text
    )
    assert text.splitlines()[-1].startswith("Deadline: not estimated")


def test_how_to_reach_them_follows_who_they_are():
    text = case_summary(
        {"patient_role": "self", "contact_name": "Derek Mroz"},
        ["Prefers “text first, I'm on job sites all day”"],
    )
    assert text.splitlines()[:2] == [
        "Derek Mroz, the patient.",
        "How to reach: prefers “text first, I'm on job sites all day”.",
    ]
    assert "How to reach" not in case_summary({"patient_role": "self"}, [])


def test_the_harm_noticed_at_once_is_in_the_what_line():
    """Role-play N (Dana): 'numb right away' reaches the lead's summary beside when she found
    out, from the caveat of the deadline counted from the first signs."""
    text = case_summary(
        {
            "contact_name": "Dana Whitaker",
            "patient_role": "self",
            "incident_type": "surgical_error",
            "state": "PA",
            "incident_date": "2024-07",
            "discovery_date": "2026-03",
            "deadline": "2026-07-01",
            "outcome": "urgent",
            "caveats": [
                "Harm noticed at once: “it was numb right away but he said it would come "
                "back in a few weeks”. The deadline is counted from the care.",
                "Screening estimate for firm staff.",
            ],
        }
    )
    what = text.splitlines()[1]
    assert "(found out March 2026; noticed at once: “it was numb right away" in what


def test_an_estate_said_as_a_sentence_names_who_in_their_words():
    # role-play P (Erik): not "estate handled by My sister is the executor in his will."
    text = case_summary(
        {
            "contact_name": "Erik Lindqvist",
            "patient_role": "parent",
            "patient_deceased": True,
            "estate_representative": "My sister is the executor in his will.",
        }
    )
    assert (
        "estate handled by my sister (“My sister is the executor in his will”)" in text
    )
    assert "handled by My sister is" not in text
