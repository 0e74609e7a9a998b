"""`EmergencyCheck`: the deterministic emergency check as a step of the NLU pipeline.

It runs on every message of every channel after the intent classifier and before the fallback
classifier (config.yml), and it is the one authority on ``report_emergency``: when
``bot.nlu.emergency`` fires, the intent is ``report_emergency`` with full confidence; when it
does not, a ``report_emergency`` guessed by the model gives way to the next intent in the
ranking, and the fallback classifier judges that one as usual.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.emergency import emergency_kind

EMERGENCY_INTENT = "report_emergency"


class _WordsRule(GraphComponent):
    """A deterministic reading of each message's words that sets its intent (nothing to train):
    a subclass names its `apply`."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _WordsRule:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self.apply(message)
        return messages

    @staticmethod
    def apply(message: Message) -> None:
        raise NotImplementedError


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class EmergencyCheck(_WordsRule):
    @staticmethod
    def apply(message: Message) -> None:
        apply_emergency_check(message)


def apply_emergency_check(message: Message) -> None:
    text = message.get(TEXT) or ""
    ranking = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY)
    ]
    if emergency_kind(text):
        top = {INTENT_NAME_KEY: EMERGENCY_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
        rest = [r for r in ranking if r.get(INTENT_NAME_KEY) != EMERGENCY_INTENT]
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [top, *rest], add_to_output=True)
        return
    intent = message.get(INTENT) or {}
    if intent.get(INTENT_NAME_KEY) != EMERGENCY_INTENT:
        return
    rest = [r for r in ranking if r.get(INTENT_NAME_KEY) != EMERGENCY_INTENT]
    if rest:
        message.set(INTENT, dict(rest[0]), add_to_output=True)
    else:
        message.set(
            INTENT,
            {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
            add_to_output=True,
        )
    message.set(INTENT_RANKING_KEY, rest, add_to_output=True)


CORRECTION_INTENT = "correct_answer"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class CallbackChange(_WordsRule):
    """A call moved or cancelled ("can you call at 3 instead", "cancel the call") or a callback
    time chosen by its button (the ISO payload) is a correction, whatever the model guessed:
    ``action_correct_answer`` changes the call (``actions.callback``), also after the lead was
    written. Runs after `EmergencyCheck`, which always wins."""

    @staticmethod
    def apply(message: Message) -> None:
        apply_callback_change(message)


def apply_callback_change(message: Message) -> None:
    from actions.parsing.callback import change_kind

    intent = message.get(INTENT) or {}
    if intent.get(INTENT_NAME_KEY) == EMERGENCY_INTENT:
        return
    if not change_kind(message.get(TEXT) or ""):
        return
    ranking = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY)
    ]
    top = {INTENT_NAME_KEY: CORRECTION_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
    # The model's guesses stay in the ranking, halved: a confident guess ("inform" at 0.99 for
    # a time's payload) would otherwise look like a tie to the fallback classifier.
    rest = [
        {**r, PREDICTED_CONFIDENCE_KEY: float(r.get(PREDICTED_CONFIDENCE_KEY) or 0) / 2}
        for r in ranking
        if r.get(INTENT_NAME_KEY) != CORRECTION_INTENT
    ]
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top, *rest], add_to_output=True)
