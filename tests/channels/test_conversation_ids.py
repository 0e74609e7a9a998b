"""Web conversation ids: issued by the server, checked with its key alone (no Rasa needed)."""

import base64
import hashlib
import hmac
import logging
import os
import re
import subprocess
import sys
from dataclasses import replace

import pytest

from actions.config import settings
from bot.channels import conversation_ids
from tests.channels.tiny_project import REPO


def config(secret="", rasa_token="", inbox_key=""):
    return replace(
        settings(),
        conversation_id_secret=secret,
        rasa_api_token=rasa_token,
        inbox_secret_key=inbox_key,
    )


def test_an_id_is_web_128_random_bits_and_a_tag():
    c = config("s3cret")
    sender = conversation_ids.issue(c)
    assert re.fullmatch(r"web-[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}", sender), sender
    assert conversation_ids.is_issued(sender, c)


def test_ids_never_repeat():
    c = config("s3cret")
    ids = {conversation_ids.issue(c) for _ in range(2000)}
    assert len(ids) == 2000
    assert len({i.split(".")[0] for i in ids}) == 2000


@pytest.mark.parametrize(
    "other",
    [
        "+15550100123",  # an SMS conversation: the texter's phone number
        "default",  # rasa shell
        "web-",
        "web-abc.def",
        "",
        "550e8400-e29b-41d4-a716-446655440000",
    ],
)
def test_other_channels_ids_are_never_web_ids(other):
    assert not conversation_ids.is_issued(other, config("s3cret"))


def test_a_tag_only_verifies_with_its_key_and_its_nonce():
    a, b = config("key-a"), config("key-b")
    sender = conversation_ids.issue(a)
    assert not conversation_ids.is_issued(sender, b)
    nonce, tag = sender.split(".")
    other_nonce = conversation_ids.issue(a).split(".")[0]
    assert not conversation_ids.is_issued(f"{other_nonce}.{tag}", a)
    assert not conversation_ids.is_issued(sender + "\n", a)


def test_without_its_own_secret_the_key_comes_from_the_rasa_token():
    """An .env from before CONVERSATION_ID_SECRET existed keeps working: every replica has the
    same RASA_API_TOKEN, so they still agree; "change-me" is never used as a key."""
    from_token = config("", "rasa-token")
    sender = conversation_ids.issue(from_token)
    assert conversation_ids.is_issued(sender, config("change-me", "rasa-token"))
    assert conversation_ids.is_issued(sender, config("", "rasa-token", "inbox-key"))
    assert not conversation_ids.is_issued(sender, config("", "another-token"))
    # the token is not the key itself: it goes through HMAC with a purpose label first
    nonce, tag = sender.split(".")
    raw = hmac.new(b"rasa-token", nonce.encode(), hashlib.sha256).digest()[:16]
    assert tag != base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    assert conversation_ids.signing_key(from_token) != b"rasa-token"
    # then the inbox's secret key
    from_inbox = conversation_ids.issue(config("", "", "inbox-key"))
    assert conversation_ids.is_issued(from_inbox, config("", "change-me", "inbox-key"))
    # its own secret wins over both
    own = conversation_ids.issue(config("own", "rasa-token", "inbox-key"))
    assert conversation_ids.is_issued(own, config("own"))
    assert not conversation_ids.is_issued(own, from_token)


def test_with_no_secret_at_all_the_key_is_random_for_the_process(caplog):
    conversation_ids._process_key.cache_clear()
    with caplog.at_level(logging.WARNING, logger="bot.channels.conversation_ids"):
        sender = conversation_ids.issue(config())
        assert conversation_ids.is_issued(sender, config("change-me", "change-me"))
    assert "CONVERSATION_ID_SECRET" in caplog.text
    conversation_ids._process_key.cache_clear()
    assert not conversation_ids.is_issued(sender, config())  # "after a restart"


ISSUE_ONE = "from bot.channels import conversation_ids as c; print(c.issue())"


def issue_in_another_process(**env: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", ISSUE_ONE],
        cwd=REPO,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "CONVERSATION_ID_SECRET": "",
            "RASA_API_TOKEN": "",
            "INBOX_SECRET_KEY": "",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout.strip()


def test_replicas_with_the_same_secret_accept_each_others_ids():
    sender = issue_in_another_process(CONVERSATION_ID_SECRET="shared")
    assert conversation_ids.is_issued(sender, config("shared"))
    assert not conversation_ids.is_issued(sender, config("not-shared"))
    derived = issue_in_another_process(RASA_API_TOKEN="shared-token")
    assert conversation_ids.is_issued(derived, config("", "shared-token"))
