"""The website's REST channel over HTTP, against a real `rasa run` (see conftest.py)."""

import uuid

import pytest
import requests

from tests.channels.conftest import (
    ADDRESS_RATE_LIMIT,
    RATE_LIMIT,
    SITE_ORIGIN,
    new_address,
)


def sender() -> str:
    return str(uuid.uuid4())


def test_health_and_a_normal_turn(rasa_server):
    assert requests.get(rasa_server.url + "/webhooks/rest/", timeout=10).json() == {
        "status": "ok"
    }
    sid = sender()
    r = rasa_server.rest({"sender": sid, "message": "hello"})
    assert r.status_code == 200
    [reply] = r.json()
    assert reply["recipient_id"] == sid
    assert reply["text"] == "Hello! What happened?"
    assert [b["title"] for b in reply["buttons"]] == [
        "Surgical error",
        "Birth injury",
        "Something else",
    ]
    r = rasa_server.rest({"sender": sid, "message": "/choose_birth"})
    assert r.json()[0]["text"] == "You chose birth injury."
    assert rasa_server.tracker(sid)["latest_input_channel"] == "rest"


def test_client_cannot_claim_another_input_channel(rasa_server):
    sid = sender()
    rasa_server.rest({"sender": sid, "message": "hello", "input_channel": "twilio"})
    assert rasa_server.tracker(sid)["latest_input_channel"] == "rest"


def test_length_cap(rasa_server):
    sid = sender()
    ok = rasa_server.rest({"sender": sid, "message": "a" * 5000})
    assert ok.status_code == 200 and ok.json()
    r = rasa_server.rest({"sender": sid, "message": "a" * 5001})
    assert r.status_code == 413
    [reply] = r.json()
    assert reply["recipient_id"] == sid
    assert "too long" in reply["text"] and "shorter parts" in reply["text"]
    assert [len(t) for t in rasa_server.user_texts(sid)] == [5000]


def test_rate_limit_per_sender(rasa_server):
    sid = sender()
    for i in range(RATE_LIMIT):
        assert (
            rasa_server.rest({"sender": sid, "message": f"hello {i}"}).status_code
            == 200
        )
    r = rasa_server.rest({"sender": sid, "message": "one more"})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) >= 1
    [reply] = r.json()
    assert reply["recipient_id"] == sid and "faster" in reply["text"]
    assert len(rasa_server.user_texts(sid)) == RATE_LIMIT
    # another visitor is not affected
    assert rasa_server.rest({"sender": sender(), "message": "hello"}).status_code == 200


def test_rate_limit_per_client_address(rasa_server):
    address = new_address()
    for _ in range(ADDRESS_RATE_LIMIT):
        assert (
            rasa_server.rest(
                {"sender": sender(), "message": "hello"}, address=address
            ).status_code
            == 200
        )
    r = rasa_server.rest({"sender": sender(), "message": "hello"}, address=address)
    assert r.status_code == 429
    assert "faster" in r.json()[0]["text"]


@pytest.mark.parametrize(
    "body,status,words",
    [
        (b"{not json", 400, "JSON"),
        (b"", 400, "JSON"),
        (b"[1, 2]", 400, "object"),
        (b'"hello"', 400, "object"),
        (b'{"message": "hi"}', 400, "sender"),
        (b'{"sender": 12, "message": "hi"}', 400, "sender"),
        (b'{"sender": "", "message": "hi"}', 400, "sender"),
        (b'{"sender": null, "message": "hi"}', 400, "sender"),
        (b'{"sender": "s", "message": ["hi"]}', 400, "message"),
        (b'{"sender": "s"}', 400, "message"),
        (b'{"sender": "s", "message": 5}', 400, "message"),
        (b'{"sender": "s", "message": "caf\xe9"}', 400, "UTF-8"),
        (b'\xff\xfe{"sender": "s"}', 400, "UTF-8"),
    ],
)
def test_malformed_requests_are_4xx_with_a_json_error(rasa_server, body, status, words):
    r = rasa_server.rest(body, raw=True)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]


def test_an_empty_message_gets_a_prompt_and_reaches_no_conversation(rasa_server):
    sid = sender()
    r = rasa_server.rest({"sender": sid, "message": "   "})
    assert r.status_code == 200 and "type your message" in r.json()[0]["text"]
    assert rasa_server.user_texts(sid) == []


def test_too_long_sender_is_400(rasa_server):
    r = rasa_server.rest({"sender": "s" * 256, "message": "hi"})
    assert r.status_code == 400


def test_a_100_kb_message_is_capped_and_a_300_kb_body_refused(rasa_server):
    sid = sender()
    r = rasa_server.rest({"sender": sid, "message": "x" * 100_000})
    assert r.status_code == 413 and "too long" in r.json()[0]["text"]
    r = rasa_server.rest({"sender": sid, "message": "x" * 300_000})
    assert r.status_code == 413 and "too large" in r.json()["error"]
    assert rasa_server.user_texts(sid) == []


def test_no_message_text_in_the_log(rasa_server):
    rasa_server.rest({"sender": sender(), "message": "my confidential rest story"})
    assert "my confidential rest story" not in rasa_server.log.read_text(
        errors="replace"
    )


def test_cors_headers_on_answers_and_refusals(rasa_server):
    """The widget runs on the firm's site: it must be able to read 4xx bodies too."""
    origin = {"Origin": SITE_ORIGIN}
    pre = requests.options(
        rasa_server.url + "/webhooks/rest/webhook",
        timeout=10,
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code < 300
    assert pre.headers.get("Access-Control-Allow-Origin") == SITE_ORIGIN
    sid = sender()
    for body, status in [
        ({"sender": sid, "message": "hello"}, 200),
        ({"sender": sid, "message": "a" * 5001}, 413),
        ({"sender": sid}, 400),
    ]:
        r = rasa_server.rest(body, headers=origin)
        assert r.status_code == status
        assert r.headers.get("Access-Control-Allow-Origin") == SITE_ORIGIN
