"""Tests for actions/parsing/people.py: who the patient was."""

from __future__ import annotations

import pytest

from actions.parsing.people import parse_patient_role, patient_named


@pytest.mark.parametrize(
    "text, role",
    [
        ("me", "self"),
        ("Me", "self"),
        ("myself", "self"),
        ("I was", "self"),
        ("it was me", "self"),
        ("It was me.", "self"),
        ("i was the patient", "self"),
        ("self", "self"),
        ("it was me, my mom drove me to the ER", "self"),
        ("my son", "child"),
        ("My daughter", "child"),
        ("my daughter's broken arm was missed in the ER", "child"),
        ("our baby", "child"),
        ("my kid", "child"),
        ("my child", "child"),
        ("My child", "child"),
        ("my newborn", "child"),
        ("my infant", "child"),
        ("my twins", "child"),
        ("my 3 year old son", "child"),
        ("my little girl", "child"),
        ("my son, not me", "child"),
        ("its my sons injury not my wife", "child"),  # a son's, the apostrophe left out
        ("my wife", "spouse"),
        ("my husband", "spouse"),
        ("the patient was my husband", "spouse"),
        ("my spouse", "spouse"),
        ("my partner", "spouse"),
        ("My spouse or partner", "spouse"),
        ("not me, my wife", "spouse"),
        ("my mom", "parent"),
        ("my mother", "parent"),
        ("my dad", "parent"),
        ("my father", "parent"),
        ("I'm calling about my father", "parent"),
        ("my stepdad", "parent"),
        ("My parent", "parent"),
        ("my brother", "other_family"),
        ("my sister", "other_family"),
        ("my grandmother", "other_family"),
        ("my grandpa", "other_family"),
        ("my aunt", "other_family"),
        ("my uncle", "other_family"),
        ("my cousin", "other_family"),
        ("my niece", "other_family"),
        ("my nephew", "other_family"),
        ("my grandson", "other_family"),
        ("my mother-in-law", "other_family"),
        # role-play O (Tasha): a relation's possessive typed without its apostrophe
        ("the CVS filled my moms warfarin wrong", "parent"),
        ("my dads insulin", "parent"),
        ("my husbands surgery", "spouse"),
        ("my grandmas hip", "other_family"),
        ("my friends mom", "other"),
        ("my great grandmother", "other_family"),
        ("my mom's sister", "other_family"),
        ("Another family member", "other_family"),
        ("other_family", "other_family"),
        ("a friend", "other"),
        ("my friend", "other"),
        ("my neighbor", "other"),
        ("my neighbour", "other"),
        ("someone else", "other"),
        ("Someone else", "other"),
        ("a client", "other"),
        ("it was my friend's mom", "other"),
        ("other", "other"),
    ],
)
def test_parse_patient_role(text: str, role: str) -> None:
    assert parse_patient_role(text) == role


@pytest.mark.parametrize(
    "text", ["", "hmm", "yes", "great", "none of your business", "?"]
)
def test_patient_role_unknown(text: str) -> None:
    assert parse_patient_role(text) is None


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "it wasn't me, it was my father, Raj Patel. I drove him there.",
            ("father", "Raj Patel"),
        ),
        ("about my father, Manuel Delgado, who is 72", ("father", "Manuel Delgado")),
        ("my son Eli Brooks was born early", ("son", "Eli Brooks")),
        ("my mom and Dad went", None),
        ("I took My Father To The ER", None),
    ],
)
def test_patient_named(text: str, named: tuple[str, str] | None) -> None:
    assert patient_named(text) == named
