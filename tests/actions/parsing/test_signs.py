"""Tests for actions/parsing/signs.py: the harm noticed at once, told with a later date."""

from __future__ import annotations

import pytest

from actions.parsing import noticed_at_once


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # role-play N (Dana): numb at once, told it would come back, a neurologist in March
        (
            "it was numb right away but he said it would come back in a few weeks. in march "
            "this year a neurologist said its permanent nerve damage",
            "it was numb right away but he said it would come back in a few weeks",
        ),
        (
            "right after the surgery i got sick but the other dr told me in may what happened",
            "right after the surgery i got sick but the other dr told me in may what happened",
        ),
        (
            "Same day I guess, he fell that night. But we didnt know about the alarm until a "
            "nurse told my sister a few weeks later",
            "Same day I guess, he fell that night",
        ),
    ],
)
def test_the_first_signs_are_heard_beside_a_later_date(text, words):
    assert noticed_at_once(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "same day",  # the care's date itself: nothing earlier to count from
        "The same day, the surgeon came out and told us there had been a complication",
        "in may, right after my follow up",  # "right after" a time of its own
        "In April this year, when the CT scan found it. April 8th I think.",
        "",
        None,
    ],
)
def test_no_first_signs(text):
    assert noticed_at_once(text) is None
