"""The faster check of action-server replies accepts and rejects exactly what Rasa's own does."""

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot import rasa_speedups

GOOD = [
    {
        "events": [{"event": "slot", "name": "state", "value": "WA"}],
        "responses": [{"response": "utter_ask_state"}],
    },
    {"events": [], "responses": []},
    {},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": [{"text": 5}], "events": [{"event": 3}]},
]


@pytest.fixture(scope="module")
def action():
    rasa_speedups.install()
    return RemoteAction("validate_screening_form", None)


@pytest.mark.parametrize("reply", GOOD)
def test_valid_replies_pass(action, reply):
    validate(
        reply, RemoteAction.action_response_format_spec()
    )  # Rasa's own check agrees
    assert action._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD)
def test_invalid_replies_raise_the_same_error(action, reply):
    with pytest.raises(ValidationError) as expected:
        validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError) as got:
        action._validate_action_result(reply)
    assert got.value.message.startswith(expected.value.message)
    assert "Failed to validate Action server response" in got.value.message


def test_install_is_idempotent():
    rasa_speedups.install()
    first = RemoteAction._validate_action_result
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is first
