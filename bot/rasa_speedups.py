"""Makes Rasa 3.6's check of every action-server reply cheap, with the same result.

For every custom action (a form's validation runs on every turn of the screening), Rasa's
`RemoteAction._validate_action_result` calls `jsonschema.validate(reply, spec)`. That call first
checks the constant `spec` against the JSON Schema 2020-12 meta-schema, every time: in a py-spy
profile of scripted screenings it was 44% of the Rasa server's CPU. `install()` validates against
the same schema, with the same validator class and the same error (best match, same message),
but checks the schema once. The Rasa server runs it when it builds our channels (credentials.yml).
"""

from __future__ import annotations

from typing import Any

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from jsonschema.exceptions import ValidationError, best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    spec = RemoteAction.action_response_format_spec()
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)  # once, instead of on every reply
    validator = validator_class(spec)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        assert isinstance(error, ValidationError)
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result
    _installed = True
