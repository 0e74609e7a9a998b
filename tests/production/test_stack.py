"""How `bot.stack` starts the Rasa server: the HTTP API is always behind a token, whatever the token
looks like. (`make run` and every end-to-end test start Rasa through this command line.)"""

from __future__ import annotations

import secrets

import pytest

from bot.stack import Stack


def parse_rasa_args(args):
    from rasa.__main__ import create_argument_parser

    return create_argument_parser().parse_args(args[1:])


@pytest.mark.parametrize(
    "token",
    [
        "-" + secrets.token_urlsafe(16),
        "--" + secrets.token_urlsafe(8),
        secrets.token_urlsafe(16),
    ],
)
def test_rasa_gets_the_token_even_when_it_starts_with_a_dash(token):
    # token_urlsafe() starts with "-" once in 64 draws: .env's token (init-env) and the tests' ones.
    args = Stack(env={"RASA_API_TOKEN": token}).rasa_args()
    parsed = parse_rasa_args(args)
    assert parsed.enable_api is True
    assert parsed.auth_token == token


def test_an_empty_token_is_refused_before_anything_starts():
    stack = Stack(env={"RASA_API_TOKEN": " "})
    with pytest.raises(ValueError, match="RASA_API_TOKEN"):
        stack.start_rasa()
    assert stack.procs == {}
