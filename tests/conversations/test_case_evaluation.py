"""The case evaluation end to end: whole conversations (case_evaluation.yml beside this file)
typed as people would, on the REST channel of the real stack (Rasa server with the trained
model, action server, inbox), each checked against the lead the inbox's API gives back.

They cover every harm severity, a death told in the story (never asked again), skipping, a
second opinion and someone who keeps their lawyer; and that the case evaluation adds only a
few questions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.evaluation import CASE_QUESTIONS
from tests.e2e.conftest import RunningStack

DATA = yaml.safe_load(
    (Path(__file__).with_name("case_evaluation.yml")).read_text(encoding="utf-8")
)
DEFAULTS: dict[str, Any] = DATA["defaults"]
CONVERSATIONS: list[dict[str, Any]] = DATA["conversations"]
MAX_TURNS = 45


def converse(stack: RunningStack, person: dict[str, Any]) -> tuple[Any, list[str]]:
    """Play one person: their opening messages, then the answer to each question asked.
    Returns the client and the slots asked, in order."""
    client = stack.client()
    for message in person["messages"]:
        client.say(message)
    answers = {
        k: list(v) if isinstance(v, list) else [v]
        for k, v in {**DEFAULTS, **person.get("answers", {})}.items()
    }
    asked: list[str] = []
    for _ in range(MAX_TURNS):
        requested = client.slots().get("requested_slot")
        if not requested:
            break
        asked.append(requested)
        assert asked.count(requested) <= 2, f"asked {requested} again: {client.text()}"
        if requested not in answers:
            pytest.fail(f"{person['id']}: no answer for {requested!r}: {client.text()}")
        values = answers[requested]
        client.say(values.pop(0) if len(values) > 1 else values[0])
    else:
        pytest.fail(f"{person['id']}: the screening did not end: {asked}")
    return client, asked


def matches(value: Any, expected: Any) -> bool:
    if isinstance(expected, list) and expected and not isinstance(value, list):
        return value in expected
    return value == expected


@pytest.mark.parametrize(
    "person",
    [
        pytest.param(
            c,
            id=c["id"],
            marks=[pytest.mark.xfail(reason=c["xfail"], strict=False)]
            if c.get("xfail")
            else [],
        )
        for c in CONVERSATIONS
    ],
)
def test_case_evaluation_conversation(conversation_stack, person):
    # the stack every conversation of this folder is played on (conftest.py): one start, not two
    client, asked = converse(conversation_stack, person)
    for slot in person.get("never_asked", []):
        assert slot not in asked, f"asked {slot}, which the person had told: {asked}"
    if "max_evaluation_questions" in person:
        evaluation = [s for s in asked if s in CASE_QUESTIONS]
        assert len(evaluation) <= person["max_evaluation_questions"], evaluation
    leads = client.leads()
    assert len(leads) == 1, f"{len(leads)} leads; asked {asked}"
    lead = leads[0]
    problems = []
    for field, expected in person["expect"].items():
        if field == "providers_match":
            names = [p["name"] for p in lead["providers"]]
            if not any(re.search(expected, n, re.I) for n in names):
                problems.append(f"no provider matches {expected!r}: {names}")
        elif not matches(lead.get(field), expected):
            problems.append(f"{field}: {lead.get(field)!r}, expected {expected!r}")
    assert not problems, f"{problems}\nasked: {asked}\nsummary: {lead['case_summary']}"
    assert lead["case_summary"] and lead["case_strength_reasons"]
