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
