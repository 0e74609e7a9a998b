"""TwilioInput.handle in process, for what the shared `rasa run` of test_twilio_http.py is not
started with: Twilio answering its own keywords (`TWILIO_KEYWORD_REPLIES=twilio`)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

from actions.config import settings
from bot.channels.twilio import TwilioInput
from bot.leads.store import LeadStore, reset_stores
from tests.channels.conftest import PUBLIC_TWILIO_URL, TWILIO_TOKEN, sign

PHONE = "+15555550177"


@pytest.fixture
def twilio_mode(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TWILIO_TOKEN)
    monkeypatch.setenv("TWILIO_WEBHOOK_URL", PUBLIC_TWILIO_URL)
    monkeypatch.setenv("TWILIO_KEYWORD_REPLIES", "twilio")
    monkeypatch.setenv("LOCK_STORE_TYPE", "in_memory")
    settings.cache_clear()
    store = LeadStore(url)
    store.migrate()
    yield store
    store.dispose()
    reset_stores()
    settings.cache_clear()


_sids = iter(range(10**6))


def _request(text: str, **extra: str) -> SimpleNamespace:
    pairs = [("From", PHONE), ("Body", text), ("MessageSid", f"SM{next(_sids):032d}")]
    pairs += list(extra.items())
    return SimpleNamespace(
        body=urlencode(pairs).encode(),
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": sign(pairs),
        },
        query_string="",
        app=SimpleNamespace(ctx=SimpleNamespace(agent=None)),
    )


async def _replies(channel: TwilioInput, text: str, **extra: str) -> list[str]:
    async def no_turn(message):  # pragma: no cover - keywords never reach Rasa
        raise AssertionError(f"reached Rasa: {message.text}")

    resp = await channel.handle(_request(text, **extra), no_turn)
    assert resp.status == 200
    return [m.text or "" for m in ET.fromstring(resp.body).findall("Message")]


async def test_twilios_own_keywords_are_recorded_not_answered(twilio_mode):
    channel = TwilioInput()
    assert await _replies(channel, "STOP") == []  # Twilio confirmed it
    assert twilio_mode.is_opted_out(PHONE)
    assert await _replies(channel, "START") == []  # Twilio confirmed; nothing pending
    assert not twilio_mode.is_opted_out(PHONE)
    assert await _replies(channel, "HELP", OptOutType="HELP") == []
    # words Twilio does not know are confirmed here, once
    [confirmed] = await _replies(channel, "please stop texting me")
    assert "unsubscribed" in confirmed
    assert await _replies(channel, "Stop.") == []
    assert [r["action"] for r in twilio_mode.consent_history([PHONE])] == [
        "opt_out",
        "opt_out",
        "opt_in",
        "opt_out",
    ]


def test_replies_are_collected_under_the_channels_name():
    # so that a response's `channel: twilio` variation is the one said by text
    from bot.channels.twilio import TwilioReplies

    assert TwilioReplies.name() == TwilioInput.name() == "twilio"
