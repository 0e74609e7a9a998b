"""Tests for actions/parsing/birth.py: a baby stillborn."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.parsing import birthday_told, care_in_pregnancy, says_stillborn


@pytest.mark.parametrize(
    "text",
    [
        "She was stillborn. October 20. She never took a breath.",
        "Hi. I lost my daughter. She was stillborn at 38 weeks.",
        "Yes it's after, she was born dead on October 20",
        "our son was a still birth",
        "she died before she was born",
        "they called it a fetal demise",
        # role-play O (Brianna)
        "nov 2. he was already gone when they delivered him",
    ],
)
def test_a_stillbirth_is_heard(text):
    assert says_stillborn(text)


@pytest.mark.parametrize(
    "text",
    [
        "He wasn't stillborn, he lived two days",
        "my son was born in march",
        "Before she was born. They said she probably died in the day or two before",
        "",
        None,
    ],
)
def test_no_stillbirth(text):
    assert not says_stillborn(text)


TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    "text, born, rest",
    [
        (
            "no wait her birthday is september 23 not 22. i found out when she was like "
            "2 months old",
            "2025-09-23",
            "no wait i found out when she was like 2 months old",
        ),
        (
            "No. she was born sept 23 2025. i found out in november 2025",
            "2025-09-23",
            "No. i found out in november 2025",
        ),
        ("my daughter's birthday is 9/23", "2025-09-23", ""),
    ],
)
def test_a_childs_birth_said_again_is_read_with_the_rest(text, born, rest):
    assert birthday_told(text, TODAY, "2025-09-22") == (born, rest)


@pytest.mark.parametrize(
    "text",
    [
        "my birthday is march 3",
        "she was born at 32 weeks. i found out in june",
        "i found out in november",
        "he was born early, the nurse told me weeks later",
    ],
)
def test_no_childs_birth_to_the_day_is_no_birth(text):
    assert birthday_told(text, TODAY, "2025-09-22")[0] is None


@pytest.mark.parametrize(
    ("text", "pregnant"),
    [
        (
            "they sent me home from triage at 38 weeks. next day there was no heartbeat",
            True,
        ),
        ("my OB missed my preeclampsia at my prenatal visits", True),
        ("when I was 8 months pregnant they said the baby was fine", True),
        ("my son was born in march and his arm is weak", False),
        ("she was 33 when they did the c-section", False),
        (None, False),
    ],
)
def test_care_in_pregnancy(text, pregnant):
    assert care_in_pregnancy(text) is pregnant
