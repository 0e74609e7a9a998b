"""The website's REST channel over HTTP, against a real `rasa run` (see conftest.py)."""

import re
import uuid
from dataclasses import replace

import pytest
import requests

from actions.config import settings
from bot.channels import conversation_ids
from tests.channels.conftest import (
    ADDRESS_RATE_LIMIT,
    ID_SECRET,
    RATE_LIMIT,
    SITE_ORIGIN,
    new_address,
    new_phone,
)


def test_health_and_a_normal_turn(rasa_server):
    assert requests.get(rasa_server.url + "/webhooks/rest/", timeout=10).json() == {
        "status": "ok"
    }
    sid = rasa_server.new_sender()
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
    sid = rasa_server.new_sender()
    rasa_server.rest({"sender": sid, "message": "hello", "input_channel": "twilio"})
    assert rasa_server.tracker(sid)["latest_input_channel"] == "rest"


def test_length_cap(rasa_server):
    sid = rasa_server.new_sender()
    ok = rasa_server.rest({"sender": sid, "message": "a" * 5000})
    assert ok.status_code == 200 and ok.json()
    r = rasa_server.rest({"sender": sid, "message": "a" * 5001})
    assert r.status_code == 413
    [reply] = r.json()
    assert reply["recipient_id"] == sid
    assert "too long" in reply["text"] and "shorter parts" in reply["text"]
    assert [len(t) for t in rasa_server.user_texts(sid)] == [5000]


def test_rate_limit_per_sender(rasa_server):
    sid = rasa_server.new_sender()
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
    assert (
        rasa_server.rest(
            {"sender": rasa_server.new_sender(), "message": "hello"}
        ).status_code
        == 200
    )


def test_rate_limit_per_client_address(rasa_server):
    address = new_address()
    for _ in range(ADDRESS_RATE_LIMIT):
        assert (
            rasa_server.rest(
                {"sender": rasa_server.new_sender(), "message": "hello"},
                address=address,
            ).status_code
            == 200
        )
    r = rasa_server.rest(
        {"sender": rasa_server.new_sender(), "message": "hello"}, address=address
    )
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
    sid = rasa_server.new_sender()
    r = rasa_server.rest({"sender": sid, "message": "   "})
    assert r.status_code == 200 and "type your message" in r.json()[0]["text"]
    assert rasa_server.user_texts(sid) == []


def test_too_long_sender_is_400(rasa_server):
    r = rasa_server.rest({"sender": "s" * 256, "message": "hi"})
    assert r.status_code == 400


def test_a_100_kb_message_is_capped_and_a_300_kb_body_refused(rasa_server):
    sid = rasa_server.new_sender()
    r = rasa_server.rest({"sender": sid, "message": "x" * 100_000})
    assert r.status_code == 413 and "too long" in r.json()[0]["text"]
    r = rasa_server.rest({"sender": sid, "message": "x" * 300_000})
    assert r.status_code == 413 and "too large" in r.json()["error"]
    assert rasa_server.user_texts(sid) == []


def test_no_message_text_in_the_log(rasa_server):
    rasa_server.rest(
        {"sender": rasa_server.new_sender(), "message": "my confidential rest story"}
    )
    assert "my confidential rest story" not in rasa_server.log.read_text(
        errors="replace"
    )


def test_cors_headers_on_answers_and_refusals(rasa_server):
    """The widget runs on the firm's site: it must be able to read 4xx bodies too."""
    origin = {"Origin": SITE_ORIGIN}
    for route in ("webhook", "conversations"):
        pre = requests.options(
            rasa_server.url + "/webhooks/rest/" + route,
            timeout=10,
            headers={
                **origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert pre.status_code < 300
        assert pre.headers.get("Access-Control-Allow-Origin") == SITE_ORIGIN
    issued = rasa_server.new_conversation(headers=origin)
    assert issued.status_code == 201
    assert issued.headers.get("Access-Control-Allow-Origin") == SITE_ORIGIN
    sid = issued.json()["sender"]
    for body, status in [
        ({"sender": sid, "message": "hello"}, 200),
        ({"sender": sid, "message": "a" * 5001}, 413),
        ({"sender": sid}, 400),
        ({"sender": "made-up", "message": "hello"}, 403),
    ]:
        r = rasa_server.rest(body, headers=origin)
        assert r.status_code == status
        assert r.headers.get("Access-Control-Allow-Origin") == SITE_ORIGIN


# --- conversation ids: the server issues them, a visitor cannot choose one (issue 14) -------------
def test_an_issued_id_works_and_two_ids_differ(rasa_server):
    first, second = rasa_server.new_conversation(), rasa_server.new_conversation()
    assert first.status_code == second.status_code == 201
    a, b = first.json()["sender"], second.json()["sender"]
    assert a != b
    # 128 random bits and a 128-bit tag, base64url: the id says it is a web conversation
    assert re.fullmatch(r"web-[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}", a), a
    r = rasa_server.rest({"sender": a, "message": "hello"})
    assert r.status_code == 200 and r.json()[0]["recipient_id"] == a
    assert rasa_server.user_texts(a) == ["hello"]
    assert rasa_server.tracker(a)["sender_id"] == a


def test_a_web_request_cannot_take_over_an_sms_conversation(rasa_server):
    """The issue's finding: a REST post with a texter's phone number as `sender` continued their
    screening, and `/restart` wiped it. Now it is refused and their conversation is untouched."""
    phone = new_phone()
    assert rasa_server.sms(phone, "hello").status_code == 200
    before = rasa_server.tracker(phone)["events"]
    assert [e["text"] for e in before if e["event"] == "user"] == ["hello"]
    for message in ("sorry, it was 2021, not 2024", "/restart"):
        r = rasa_server.rest({"sender": phone, "message": message})
        assert r.status_code == 403, r.text
        assert "issued" in r.json()["error"]
        assert "/webhooks/rest/conversations" in r.json()["error"]
    assert rasa_server.tracker(phone)["events"] == before


@pytest.mark.parametrize(
    "made_up",
    [
        "my-own-id",
        "default",  # what `rasa shell` uses
        "web-",
        "web-AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        str(uuid.uuid4()),  # what the widget used to make up itself
    ],
)
def test_a_made_up_sender_is_403_and_reaches_no_conversation(rasa_server, made_up):
    r = rasa_server.rest({"sender": made_up, "message": "hello"})
    assert r.status_code == 403 and "issued" in r.json()["error"]
    assert rasa_server.user_texts(made_up) == []


def test_a_forged_or_altered_id_is_403(rasa_server):
    issued = rasa_server.new_sender()
    nonce, tag = issued.split(".")
    other_tag = rasa_server.new_sender().split(".")[1]
    flipped = tag[:5] + ("B" if tag[5] != "B" else "C") + tag[6:]
    forged_key = conversation_ids.issue(replace(settings(), conversation_id_secret="x"))
    for forged in (
        f"{nonce}.{other_tag}",  # another id's tag
        f"{nonce}.{flipped}",  # one character of the tag changed
        f"{nonce[:-1]}{'B' if nonce[-1] != 'B' else 'C'}.{tag}",  # the nonce changed
        forged_key,  # signed with another key
        issued + "x",
        " " + issued,
        issued.upper(),
    ):
        r = rasa_server.rest({"sender": forged, "message": "hello"})
        assert r.status_code == 403, forged
        assert rasa_server.user_texts(forged) == []
    assert rasa_server.user_texts(issued) == []


def test_ids_of_another_process_with_the_same_secret_are_accepted(rasa_server):
    """Replicas agree: an id signed in this test process (another process, same secret) works on
    the server, and the server's ids check out here, with nothing shared but the secret."""
    same_secret = replace(settings(), conversation_id_secret=ID_SECRET)
    mine = conversation_ids.issue(same_secret)
    r = rasa_server.rest({"sender": mine, "message": "hello"})
    assert r.status_code == 200 and rasa_server.user_texts(mine) == ["hello"]
    assert conversation_ids.is_issued(rasa_server.new_sender(), same_secret)


def test_issuing_ids_is_rate_limited_per_address(rasa_server):
    address = new_address()
    for _ in range(ADDRESS_RATE_LIMIT):
        assert rasa_server.new_conversation(address).status_code == 201
    r = rasa_server.new_conversation(address)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert "faster" in r.json()["error"]
    assert rasa_server.new_conversation().status_code == 201  # another address


# --- metadata and JSON limits (issue 14) -------------------------------------------------------------
def user_events(rasa_server, sender):
    return [e for e in rasa_server.tracker(sender)["events"] if e["event"] == "user"]


def test_small_metadata_is_kept(rasa_server):
    sid = rasa_server.new_sender()
    metadata = {"page": "/contact", "utm": {"source": "search", "tags": [1, [2, [3]]]}}
    r = rasa_server.rest({"sender": sid, "message": "hello", "metadata": metadata})
    assert r.status_code == 200
    [event] = user_events(rasa_server, sid)
    assert event["metadata"]["page"] == "/contact"
    assert event["metadata"]["utm"] == metadata["utm"]


def test_metadata_over_4_kb_is_413_and_not_stored(rasa_server):
    sid = rasa_server.new_sender()
    ok = {"note": "x" * 4000}
    assert rasa_server.rest({"sender": sid, "message": "a", "metadata": ok}).ok
    for big in (
        {"note": "x" * 4100},
        {"notes": ["é" * 100] * 21},  # 2,160 characters, 4,274 bytes
        ["x" * 150_000],  # the security test's 150 KB (stored as ~600 KB before)
    ):
        r = rasa_server.rest({"sender": sid, "message": "b", "metadata": big})
        assert r.status_code == 413, r.text
        assert "metadata" in r.json()["error"] and "too large" in r.json()["error"]
    assert [e["text"] for e in user_events(rasa_server, sid)] == ["a"]


def nested(depth: int) -> object:
    value: object = "deep"
    for i in range(depth):
        value = {"k": value} if i % 2 else [value]
    return value


def test_metadata_nested_deeper_than_8_is_400(rasa_server):
    sid = rasa_server.new_sender()
    r = rasa_server.rest({"sender": sid, "message": "a", "metadata": nested(8)})
    assert r.status_code == 200, r.text
    for body in (
        {"sender": sid, "message": "b", "metadata": nested(9)},
        {"sender": sid, "message": "b", "extra": nested(9)},  # anywhere in the body
    ):
        r = rasa_server.rest(body)
        assert r.status_code == 400, r.text
        assert "nested too deeply" in r.json()["error"]
    assert [e["text"] for e in user_events(rasa_server, sid)] == ["a"]


@pytest.mark.parametrize("opener", ["[", '{"a":', '{"sender": "s", "metadata": ['])
def test_deeply_nested_json_is_400_not_503(rasa_server, opener):
    """Tens of thousands of brackets made the JSON parser overflow its recursion: the webhook
    logged a traceback and answered 503. Now it is an ordinary 400."""
    body = (opener * (190_000 // len(opener))).encode()  # under the 200 KB body cap
    log_before = len(rasa_server.log.read_bytes())
    r = rasa_server.rest(body, raw=True)
    assert r.status_code == 400, r.text
    assert "nested too deeply" in r.json()["error"]
    assert "RecursionError" not in rasa_server.log.read_bytes()[log_before:].decode(
        errors="replace"
    )
