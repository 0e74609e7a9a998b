"""The NLU pipeline's deterministic steps (bot/nlu/components.py) on real Rasa messages."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import apply_callback_change


def message(text: str, intent: str, confidence: float = 0.6) -> Message:
    m = Message(data={TEXT: text})
    top = {"name": intent, "confidence": confidence}
    m.set(INTENT, top)
    m.set(INTENT_RANKING_KEY, [top, {"name": "inform", "confidence": 0.1}])
    return m


@pytest.mark.parametrize(
    "text",
    [
        "can you call at 3 instead",
        "call me tomorrow morning instead",
        "cancel the call",
        "2026-12-03T10:30:00-05:00",
    ],
)
def test_a_call_moved_or_cancelled_is_a_correction(text: str):
    m = message(text, "request_human")
    apply_callback_change(m)
    assert m.get(INTENT) == {"name": "correct_answer", "confidence": 1.0}
    assert m.get(INTENT_RANKING_KEY)[0]["name"] == "correct_answer"
    assert [r["name"] for r in m.get(INTENT_RANKING_KEY)] == [
        "correct_answer",
        "request_human",
        "inform",
    ]


def test_a_confident_guess_of_the_model_does_not_look_like_a_tie():
    """The fallback classifier calls two intents within 0.05 of each other ambiguous."""
    m = message("2026-12-03T10:30:00-05:00", "inform", confidence=0.99)
    apply_callback_change(m)
    first, second = m.get(INTENT_RANKING_KEY)[:2]
    assert first["confidence"] - second["confidence"] > 0.05


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("can someone call me back", "request_human"),
        ("when will someone call me", "ask_callback_time"),
        ("cancel the call, he is not breathing", "report_emergency"),
    ],
)
def test_anything_else_keeps_its_intent(text: str, intent: str):
    m = message(text, intent)
    apply_callback_change(m)
    assert m.get(INTENT)["name"] == intent
