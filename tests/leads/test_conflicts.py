"""The conflict matcher: near-misses it must catch, false hits it must not make, and the CSV."""

from __future__ import annotations

import pytest

from bot.leads import conflicts as c

NEAR_MISSES = [
    ("St. Mary's Hosp.", "Saint Mary's Hospital", "St./Saint and Hosp./Hospital"),
    (
        "the ER at St. Mary's",
        "Saint Marys Hospital",
        "a kind kept as said, no apostrophe",
    ),
    ("Dr. J. Smith", "John Smith, MD", "an initial, a title and a credential"),
    ("Jonh Smith", "John Smith", "two letters swapped"),
    ("Jon Smith", "John Smith", "one letter left out of a short name"),
    ("Smith, John", "John A. Smith", "last name first, a middle initial"),
    ("Mt. Sinai Med. Ctr.", "Mount Sinai Medical Center", "Mt./Med./Ctr."),
    ("José García", "Jose Garcia", "accents"),
    ("Cedars Sinai", "Cedars-Sinai Medical Center", "a hyphen and generic words"),
    ("Rebecca Thompsen", "Rebecca Thompson", "one letter wrong in a long name"),
]

FALSE_HITS = [
    ("Mary Smith", "St. Mary's Hospital", "a first name is not a saint's hospital"),
    ("John Smith", "John Smithers", "a longer surname is someone else"),
    ("Mercy Hospital", "Mercy Health Partners", "one shared word among generic ones"),
    ("St. Luke's", "St. Mary's", "two saints"),
    ("Tim Lee", "Tom Lee", "short names differ by a letter: different people"),
    ("Ann Lee", "Anne Li", "similar but both words differ"),
    (
        "Baptist Health Lexington",
        "Baptist Health Louisville",
        "another city's hospital",
    ),
    ("General Hospital", "Memorial Hospital", "generic words alone"),
    ("J. S.", "John Smith", "initials alone name nobody"),
    ("Dr. Smith", "John Smith", "a bare surname is too common to flag"),
]


@pytest.mark.parametrize(("lead", "entry", "why"), NEAR_MISSES)
def test_near_misses_are_caught(lead, entry, why):
    assert c.names_match(lead, entry), why
    assert c.names_match(entry, lead), why


@pytest.mark.parametrize(("lead", "entry", "why"), FALSE_HITS)
def test_false_hits_are_not_made(lead, entry, why):
    assert not c.names_match(lead, entry), why


def test_a_lead_is_checked_by_provider_patient_and_contact():
    entries = [
        c.ConflictEntry("Saint Mary's Hospital", "adverse_party"),
        c.ConflictEntry("Ruth Hale", "former_client"),
        c.ConflictEntry("Unrelated Person", "client"),
    ]
    lead = {
        "providers": [
            {"name": "the ER at St. Mary's", "kind": "hospital"},
            {"name": "Dr. Patel", "kind": "doctor"},
        ],
        "patient_name": "Ruth Hale",
        "contact_name": "Walter Hale",
    }
    assert c.find_conflicts(lead, entries) == [
        {
            "name": "the ER at St. Mary's",
            "matched": "provider",
            "list_entry": "Saint Mary's Hospital (adverse party)",
        },
        {
            "name": "Ruth Hale",
            "matched": "patient",
            "list_entry": "Ruth Hale (former client)",
        },
    ]
    assert c.find_conflicts({"providers": []}, entries) == []


def test_csv_with_a_header():
    entries = c.parse_conflict_csv(
        "\ufeffName,Relationship,Note\n"
        "Saint Mary's Hospital,Adverse party,2019 suit\n"
        "Ruth Hale,former client,\n"
        ",client,\n"
        "Acme Clinic,,\n",
        default_kind="client",
    )
    assert entries == [
        c.ConflictEntry("Saint Mary's Hospital", "adverse_party", "2019 suit"),
        c.ConflictEntry("Ruth Hale", "former_client", ""),
        c.ConflictEntry("Acme Clinic", "client", ""),
    ]


def test_csv_without_a_header_takes_the_first_column():
    entries = c.parse_conflict_csv(
        "John Smith\nMercy Hospital,adverse\n", "former_client"
    )
    assert entries == [
        c.ConflictEntry("John Smith", "former_client"),
        c.ConflictEntry("Mercy Hospital", "adverse_party"),
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "name,kind\n,\n"])
def test_an_empty_list_is_refused(text):
    with pytest.raises(c.ConflictListError):
        c.parse_conflict_csv(text)
