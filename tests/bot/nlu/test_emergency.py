"""The emergency check: every emergency of the outside set caught, no ordinary words fire it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.nlu.emergency import MEDICAL, SELF_HARM, emergency_kind

ROOT = Path(__file__).resolve().parents[3]
OUTSIDE = yaml.safe_load((ROOT / "tests" / "nlu" / "emergencies.yml").read_text())


def _examples(intent: str | None, exclude: bool = False) -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" not in block:
                continue
            if (block["intent"] == intent) == exclude:
                continue
            for line in block["examples"].splitlines():
                line = line.strip()[2:]
                texts.append(re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", line))
    return [t for t in texts if t]


@pytest.mark.parametrize("case", OUTSIDE["emergencies"], ids=lambda c: c["text"][:40])
def test_every_emergency_of_the_outside_set_is_caught(case):
    assert emergency_kind(case["text"]) is not None


@pytest.mark.parametrize(
    "case", OUTSIDE["emergencies_not"], ids=lambda c: c["text"][:40]
)
def test_ordinary_words_of_a_story_never_fire_it(case):
    assert emergency_kind(case["text"]) is None


def test_every_emergency_the_model_learned_is_caught():
    missed = [t for t in _examples("report_emergency") if not emergency_kind(t)]
    assert missed == []


def test_no_other_training_example_fires_it():
    fired = [
        t for t in _examples("report_emergency", exclude=True) if emergency_kind(t)
    ]
    assert fired == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i'm thinking of ending my life", SELF_HARM),
        ("my wife just stopped breathing please help", MEDICAL),
        ("", None),
    ],
)
def test_kinds(text, kind):
    assert emergency_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Two days later, July 9, I collapsed",
        "when I collapsed",
        "July 9, when I collapsed, like I wrote.",
        "about a week after when she started bleeding",
        "was short of breath on stairs for weeks after",
        "I get short of breath on stairs",
        "on blood thinners, short of breath on stairs, off work as a carpenter since July",
        "a few days later she fainted",
        "the day my dad had a stroke they sent him home",
    ],
)
def test_a_sign_told_as_a_moment_of_the_story_is_not_now(text):
    assert emergency_kind(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "two days after surgery she collapsed right now",
        "a week after the surgery she collapsed rn",
        "she started bleeding a week after and now she is bleeding again",
        "when i stood up i collapsed, we're at home what do i do",
        "two days later i can't breathe",
        "a week after surgery my chest hurts and my left arm went numb",
        "i'm short of breath",
        "short of breath",
        "my son collapsed a week after his surgery please help",
    ],
)
def test_words_that_place_it_now_still_fire(text):
    assert emergency_kind(text) == MEDICAL


@pytest.mark.parametrize(
    "text",
    ["she's been bleeding 24/7 since the c-section", "she's been bleeding since june"],
)
def test_a_sign_that_lasts_until_now_is_not_a_moment_of_the_story(text):
    assert emergency_kind(text) == MEDICAL
