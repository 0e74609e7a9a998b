"""Conversation ids for the website: issued by the server, checked without storing anything.

A visitor cannot choose their conversation: the REST channel hands out an id
(`POST /webhooks/rest/conversations`) and refuses any `sender` it did not issue. An id reads

    web-<nonce>.<tag>

where `nonce` is 128 random bits and `tag` the first 128 bits of HMAC-SHA256(key, "web-<nonce>"),
both base64url without padding (22 characters each; 49 in all, well inside the tracker store's
255). Checking one is a single HMAC: every Rasa replica with the same key accepts every other's
ids, across restarts, with nothing to share but the key.

Ids of different channels can never be equal: an SMS conversation's id is the texter's phone
number in E.164 (it starts with "+"), `rasa shell` uses "default" or a chosen name without a valid
tag, and a web id always starts with "web-" and carries a tag only the server can compute.

The key: `CONVERSATION_ID_SECRET` (`make setup` writes a random one into `.env`). An `.env` written
before that setting existed, or one that still says "change-me", gets a key derived from
`RASA_API_TOKEN` (else `INBOX_SECRET_KEY`): every replica of one deployment shares those too. The
secret itself is never the key: it goes through HMAC with a purpose label first, so an id's tag
tells nothing about the Rasa token. With none of them set (a bare development run), the key is
random per process: ids then stop working when the server restarts (the widget simply starts a
new conversation) and replicas would not agree, which a warning in the log says.

Nothing here reads a file or opens a connection at import time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets
from functools import lru_cache

from actions.config import Settings, settings

logger = logging.getLogger(__name__)

PREFIX = "web-"
_NONCE_BYTES = 16  # 128 random bits
_TAG_BYTES = 16  # HMAC-SHA256 truncated to 128 bits
_B64 = r"[A-Za-z0-9_-]{22}"  # 16 bytes, base64url without padding
_SHAPE = re.compile(rf"{re.escape(PREFIX)}({_B64})\.({_B64})")
_PURPOSE = b"harbor-lane intake: web conversation ids v1"
_PLACEHOLDER = "change-me"  # what .env.example holds until `make setup` fills it


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


@lru_cache(maxsize=1)
def _process_key() -> bytes:
    logger.warning(
        "No CONVERSATION_ID_SECRET, RASA_API_TOKEN or INBOX_SECRET_KEY is set: web "
        "conversation ids are signed with a key of this process only. They stop working "
        "when it restarts, and several Rasa servers would refuse each other's."
    )
    return secrets.token_bytes(32)


def signing_key(config: Settings | None = None) -> bytes:
    """The key that signs and checks ids (see the module's docstring for where it comes from)."""
    s = config or settings()
    for secret in (s.conversation_id_secret, s.rasa_api_token, s.inbox_secret_key):
        if secret and secret != _PLACEHOLDER:
            return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()
    return _process_key()


def _tag(key: bytes, nonce: str) -> str:
    mac = hmac.new(key, (PREFIX + nonce).encode("ascii"), hashlib.sha256).digest()
    return _b64(mac[:_TAG_BYTES])


def issue(config: Settings | None = None) -> str:
    """A new conversation id, e.g. `web-3q2L...Zw.k9Xn...aQ`."""
    nonce = _b64(secrets.token_bytes(_NONCE_BYTES))
    return f"{PREFIX}{nonce}.{_tag(signing_key(config), nonce)}"


def is_issued(sender: str, config: Settings | None = None) -> bool:
    """True only for an id `issue` made with the same key."""
    match = _SHAPE.fullmatch(sender)
    if match is None:
        return False
    nonce, tag = match.groups()
    return hmac.compare_digest(_tag(signing_key(config), nonce), tag)
