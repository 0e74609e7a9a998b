"""Tests for actions/parsing/birth.py: a baby stillborn."""

from __future__ import annotations

import pytest

from actions.parsing import says_stillborn


@pytest.mark.parametrize(
    "text",
    [
        "She was stillborn. October 20. She never took a breath.",
        "Hi. I lost my daughter. She was stillborn at 38 weeks.",
        "Yes it's after, she was born dead on October 20",
        "our son was a still birth",
        "she died before she was born",
        "they called it a fetal demise",
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
