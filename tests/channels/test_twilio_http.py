"""The Twilio channel over HTTP, against a real `rasa run` (see conftest.py)."""

import hashlib
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from tests.channels.conftest import (
    FIRM_NAME,
    FIRM_PHONE,
    PUBLIC_TWILIO_URL,
    RATE_LIMIT,
    new_phone,
    sign,
)
from tests.channels.tiny_project import LONG_ANSWER

CHOICES = "Reply 1 for Surgical error, 2 for Birth injury, or 3 for Something else."
NOTICE = "\n\nReply STOP to opt out."  # the first reply of a conversation ends with it
GREETING = "Hello! What happened?\n" + CHOICES


def messages(resp):
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].startswith("text/xml")
    root = ET.fromstring(resp.text)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


# --- signatures -----------------------------------------------------------------------------------


def test_signed_message_is_answered_with_twiml(rasa_server):
    phone = new_phone()
    replies = messages(rasa_server.sms(phone, "hello"))
    assert replies == [GREETING + NOTICE]
    tracker = rasa_server.tracker(phone)
    assert tracker["sender_id"] == phone
    assert tracker["latest_input_channel"] == "twilio"
    assert rasa_server.user_texts(phone) == ["hello"]


def test_missing_signature_is_refused(rasa_server):
    phone = new_phone()
    r = rasa_server.twilio(rasa_server.sms_params(phone, "hello"), signature=None)
    assert r.status_code == 403
    assert rasa_server.user_texts(phone) == []


def test_forged_signature_is_refused(rasa_server):
    phone = new_phone()
    r = rasa_server.twilio(
        rasa_server.sms_params(phone, "hello"), token="not-the-auth-token"
    )
    assert r.status_code == 403
    r = rasa_server.twilio(
        rasa_server.sms_params(phone, "hello"), signature="AAAAAAAAAAAAAAAAAAAAAAAAAAA="
    )
    assert r.status_code == 403
    assert rasa_server.user_texts(phone) == []


def test_replayed_signature_with_a_different_body_is_refused(rasa_server):
    phone = new_phone()
    original = rasa_server.sms_params(phone, "hello")
    tampered = [
        (k, "the surgeon left a sponge inside me" if k == "Body" else v)
        for k, v in original
    ]
    r = rasa_server.twilio(tampered, signature=sign(original))
    assert r.status_code == 403
    assert rasa_server.user_texts(phone) == []


def test_signature_must_be_over_the_public_url(rasa_server):
    """Signed for the server's own address (what it sees behind the proxy) is not good enough."""
    phone = new_phone()
    r = rasa_server.twilio(
        rasa_server.sms_params(phone, "hello"),
        signed_url=rasa_server.url + "/webhooks/twilio/webhook",
    )
    assert r.status_code == 403


def test_query_string_is_part_of_the_signed_url(rasa_server):
    phone = new_phone()
    params = rasa_server.sms_params(phone, "hello")
    assert rasa_server.twilio(params, query="tenant=harbor").status_code == 200
    # the same query string, but signed without it: refused
    params = rasa_server.sms_params(phone, "hello")
    r = rasa_server.twilio(
        params, query="tenant=harbor", signature=sign(params, url=PUBLIC_TWILIO_URL)
    )
    assert r.status_code == 403


# --- MessageSid -----------------------------------------------------------------------------------


def test_repeated_message_sid_is_processed_once(rasa_server):
    phone = new_phone()
    params = rasa_server.sms_params(phone, "hello")
    first = messages(rasa_server.twilio(params))
    again = messages(rasa_server.twilio(params))
    assert first and first[0].startswith("Hello!")
    assert again == []
    assert rasa_server.user_texts(phone) == ["hello"]


# --- keywords -------------------------------------------------------------------------------------


def test_stop_start_and_help(rasa_server):
    phone = new_phone()
    assert messages(rasa_server.sms(phone, "hello"))
    [confirmed] = messages(rasa_server.sms(phone, "  Stop "))
    assert "unsubscribed" in confirmed and "START" in confirmed
    con = sqlite3.connect(rasa_server.lead_db)
    assert con.execute(
        "select opted_out from sms_opt_outs where phone = ?", (phone,)
    ).fetchone() == (1,)
    # while opted out: nothing is sent and nothing reaches Rasa
    assert messages(rasa_server.sms(phone, "hello")) == []
    assert messages(rasa_server.sms(phone, "2")) == []
    assert messages(rasa_server.sms(phone, "HELP")) == []
    assert messages(rasa_server.sms(phone, "STOPALL")) == []
    assert rasa_server.user_texts(phone) == ["hello"]
    welcome = messages(rasa_server.sms(phone, "start"))
    assert len(welcome) == 1 and "Welcome back" in welcome[0] and "STOP" in welcome[0]
    assert con.execute(
        "select opted_out from sms_opt_outs where phone = ?", (phone,)
    ).fetchone() == (0,)
    assert messages(rasa_server.sms(phone, "hello"))[0].startswith("Hello!")
    assert rasa_server.user_texts(phone) == ["hello", "hello"]
    con.close()


@pytest.mark.parametrize("word", ["UNSUBSCRIBE", "cancel", "End", "quit"])
def test_every_stop_word_opts_out(rasa_server, word):
    phone = new_phone()
    [confirmed] = messages(rasa_server.sms(phone, word))
    assert "unsubscribed" in confirmed
    assert messages(rasa_server.sms(phone, "hello")) == []
    assert messages(rasa_server.sms(phone, "UNSTOP"))[0].startswith("Welcome back")


def test_stop_inside_a_sentence_is_just_a_message(rasa_server):
    phone = new_phone()
    assert messages(rasa_server.sms(phone, "please stop the pain"))
    assert rasa_server.user_texts(phone) == ["please stop the pain"]


# --- opt-outs in any words, the consent record, the first reply, START ---------------------------


def _consent_rows(rasa_server, phone):
    con = sqlite3.connect(rasa_server.lead_db)
    try:
        return con.execute(
            "select action, channel, detail from sms_consent_events where phone = ? "
            "order by id",
            (phone,),
        ).fetchall()
    finally:
        con.close()


def _opted_out(rasa_server, phone):
    con = sqlite3.connect(rasa_server.lead_db)
    try:
        row = con.execute(
            "select opted_out from sms_opt_outs where phone = ?", (phone,)
        ).fetchone()
    finally:
        con.close()
    return bool(row and row[0])


@pytest.mark.parametrize(
    "text,phrase",
    [
        ("Stop.", "STOP"),
        ("please STOP", "STOP"),
        ("REVOKE", "REVOKE"),
        ("opt out", "OPTOUT"),
        ("OptOut", "OPTOUT"),
        ("stop texting me", "stop texting me"),
        ("Don't text me", "don't text me"),
        ("leave me alone", "leave me alone"),
        ("remove me from this list", "remove me from this list"),
    ],
)
def test_opt_outs_in_any_words_are_recorded_and_confirmed_once(
    rasa_server, text, phrase
):
    phone = new_phone()
    assert messages(rasa_server.sms(phone, "hello"))
    [confirmed] = messages(rasa_server.sms(phone, text))
    assert "unsubscribed" in confirmed and "START" in confirmed
    assert _opted_out(rasa_server, phone)
    assert _consent_rows(rasa_server, phone) == [("opt_out", "sms", f"texted {phrase}")]
    # confirmed once: a second opt-out is recorded, not answered; nothing reaches Rasa
    assert messages(rasa_server.sms(phone, "STOP")) == []
    assert messages(rasa_server.sms(phone, "hello")) == []
    assert rasa_server.user_texts(phone) == ["hello"]
    assert len(_consent_rows(rasa_server, phone)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "they didn't stop the bleeding",
        "I want to cancel my appointment? no, my surgery was cancelled",
        "the nurse would not leave me alone about the bill and it went on for weeks",
    ],
)
def test_stop_words_inside_a_story_reach_the_assistant(rasa_server, text):
    phone = new_phone()
    assert messages(rasa_server.sms(phone, text))
    assert rasa_server.user_texts(phone) == [text]
    assert not _opted_out(rasa_server, phone)
    assert _consent_rows(rasa_server, phone) == []


def test_only_the_first_reply_says_how_to_stop(rasa_server):
    phone = new_phone()
    [first] = messages(rasa_server.sms(phone, "hello"))
    assert first.endswith("Reply STOP to opt out.")
    [second] = messages(rasa_server.sms(phone, "2"))
    assert second == "You chose birth injury."
    [third] = messages(rasa_server.sms(phone, "hello"))
    assert "Reply STOP to opt out" not in third


def test_start_asks_the_pending_question_again(rasa_server):
    """After STOP and START the next reply answers the question it was given after."""
    phone = new_phone()
    messages(rasa_server.sms(phone, "hello"))  # asks "What happened?" with choices
    messages(rasa_server.sms(phone, "STOP"))
    assert messages(rasa_server.sms(phone, "2")) == []  # opted out: not an answer
    [welcome] = messages(rasa_server.sms(phone, "START"))
    assert "Welcome back" in welcome and "STOP" in welcome
    assert welcome.endswith(GREETING)
    assert messages(rasa_server.sms(phone, "2")) == ["You chose birth injury."]
    assert [a for a, _, _ in _consent_rows(rasa_server, phone)] == ["opt_out", "opt_in"]


def test_yes_opts_back_in_only_when_opted_out(rasa_server):
    phone = new_phone()
    messages(rasa_server.sms(phone, "hello"))
    assert messages(rasa_server.sms(phone, "yes"))  # an ordinary answer: reaches Rasa
    assert rasa_server.user_texts(phone) == ["hello", "yes"]
    messages(rasa_server.sms(phone, "quit"))
    [welcome] = messages(rasa_server.sms(phone, "YES"))
    assert "Welcome back" in welcome
    assert rasa_server.user_texts(phone) == ["hello", "yes"]


def test_a_database_error_answers_503_and_the_retry_is_processed(rasa_server):
    """Replay protection fails closed: nothing is processed (or kept) while the MessageSid
    cannot be checked, and Twilio's retry of the same message is answered normally."""
    phone = new_phone()
    params = rasa_server.sms_params(phone, "hello")
    con = sqlite3.connect(rasa_server.lead_db)
    con.execute("ALTER TABLE inbound_messages RENAME TO inbound_messages_away")
    con.commit()
    try:
        r = rasa_server.twilio(params)
        assert r.status_code == 503
        assert rasa_server.user_texts(phone) == []
    finally:
        con.execute("ALTER TABLE inbound_messages_away RENAME TO inbound_messages")
        con.commit()
        con.close()
    assert messages(rasa_server.twilio(params)) == [GREETING + NOTICE]
    assert messages(rasa_server.twilio(params)) == []  # and then it is a repeat
    assert rasa_server.user_texts(phone) == ["hello"]


@pytest.mark.parametrize("word", ["HELP", "info"])
def test_help(rasa_server, word):
    phone = new_phone()
    [reply] = messages(rasa_server.sms(phone, word))
    assert FIRM_NAME in reply and FIRM_PHONE in reply and "STOP" in reply
    assert rasa_server.user_texts(phone) == []


# --- numbered choices -----------------------------------------------------------------------------


def test_numbered_reply_reaches_rasa_as_the_buttons_payload(rasa_server):
    phone = new_phone()
    assert messages(rasa_server.sms(phone, "hello")) == [GREETING + NOTICE]
    assert messages(rasa_server.sms(phone, "2")) == ["You chose birth injury."]
    latest = rasa_server.tracker(phone)["latest_message"]
    assert latest["text"] == "/choose_birth"
    assert latest["intent"]["name"] == "choose_birth"


def test_choice_by_title_case_insensitive(rasa_server):
    phone = new_phone()
    messages(rasa_server.sms(phone, "hello"))
    assert messages(rasa_server.sms(phone, "SURGICAL ERROR")) == [
        "You chose surgical error."
    ]


def test_number_without_choices_is_plain_text(rasa_server):
    phone = new_phone()
    messages(rasa_server.sms(phone, "hello"))
    messages(
        rasa_server.sms(phone, "2")
    )  # answered; the last bot message has no buttons now
    messages(rasa_server.sms(phone, "2"))
    assert rasa_server.user_texts(phone)[-1] == "2"


# --- lengths --------------------------------------------------------------------------------------


def test_a_2000_character_answer_is_processed(rasa_server):
    phone = new_phone()
    text = ("The surgeon left a sponge inside me and I was in pain for weeks. " * 40)[
        :2000
    ]
    assert len(text) == 2000
    assert messages(rasa_server.sms(phone, text)) == [
        "Thank you, I have noted that." + NOTICE
    ]
    assert rasa_server.user_texts(phone) == [text.strip()]


def test_long_bot_answer_is_split_in_order(rasa_server):
    phone = new_phone()
    parts = messages(rasa_server.sms(phone, "/ask_long"))
    assert len(parts) >= 2
    assert all(len(p) <= 1600 for p in parts)
    assert " ".join(parts) == LONG_ANSWER + NOTICE


def test_a_100_kb_message_is_answered_but_not_processed(rasa_server):
    phone = new_phone()
    replies = messages(rasa_server.sms(phone, "x" * 100_000))
    assert (
        len(replies) == 1 and "too long" in replies[0] and "shorter parts" in replies[0]
    )
    assert rasa_server.user_texts(phone) == []


def test_a_100_kb_unsigned_body_is_refused(rasa_server):
    r = rasa_server.twilio(
        rasa_server.sms_params(new_phone(), "x" * 100_000), signature=None
    )
    assert r.status_code == 403


def test_an_oversized_body_is_refused(rasa_server):
    r = rasa_server.twilio(rasa_server.sms_params(new_phone(), "x" * 300_000))
    assert r.status_code == 413


# --- malformed requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,content_type",
    [
        (
            b"From=%2B15550001111&Body=%FF%FE&MessageSid=SM1",
            "application/x-www-form-urlencoded",
        ),
        (b"From=+15550001111&Body=\xff\xfe\xfd", "application/x-www-form-urlencoded"),
        (b"this is ;; not = a & form &&", "application/x-www-form-urlencoded"),
        (b'{"From": "+15550001111", "Body": "hi"}', "application/json"),
        (b"From=%2B15550001111&Body=hi", "text/plain"),
    ],
)
def test_malformed_bodies_are_400(rasa_server, body, content_type):
    r = rasa_server.twilio({}, body=body, content_type=content_type, signature="x")
    assert r.status_code == 400, r.text
    assert r.text


@pytest.mark.parametrize("drop", ["From", "Body", "MessageSid"])
def test_missing_fields_are_400(rasa_server, drop):
    params = [
        (k, v)
        for k, v in rasa_server.sms_params(new_phone(), "hello")
        if k != drop and not (drop == "MessageSid" and k == "SmsMessageSid")
    ]
    r = rasa_server.twilio(params)
    assert r.status_code == 400
    assert drop in r.text


@pytest.mark.parametrize("sid", ["\x00", "SM\x00" + "0" * 32, "SM\n1", "SM" + "0" * 80])
def test_a_message_sid_twilio_would_never_send_is_400_not_a_store_error(
    rasa_server, sid
):
    # Found by the fuzz test on PostgreSQL: a NUL in MessageSid reached the message store,
    # which refused it, and the webhook answered 503 "retry" to a request that can never work.
    params = [
        (k, sid if k == "MessageSid" else v)
        for k, v in rasa_server.sms_params(new_phone(), "hello")
        if k != "SmsMessageSid"
    ]
    r = rasa_server.twilio(params)
    assert r.status_code == 400, r.text
    assert "MessageSid" in r.text


@pytest.mark.parametrize(
    "sender",
    ["whatsapp:+15550001111", "15550001111", "client:alice", "+1 555 000 1111"],
)
def test_unknown_sender_formats_are_400(rasa_server, sender):
    r = rasa_server.twilio(rasa_server.sms_params(sender, "hello"))
    assert r.status_code == 400
    assert "E.164" in r.text


def test_empty_body_is_400_or_403_never_500(rasa_server):
    r = rasa_server.twilio({}, body=b"", signature=None)
    assert r.status_code == 403
    r = rasa_server.twilio([])
    assert r.status_code == 400


# --- rate limit -----------------------------------------------------------------------------------


def test_rate_limit_per_sender(rasa_server):
    phone = new_phone()
    for i in range(RATE_LIMIT):
        assert messages(rasa_server.sms(phone, f"hello {i}"))
    [told] = messages(rasa_server.sms(phone, "one more"))
    assert "faster" in told
    assert (
        messages(rasa_server.sms(phone, "and another")) == []
    )  # told once, not flooded
    assert len(rasa_server.user_texts(phone)) == RATE_LIMIT
    # STOP still works while rate limited
    [confirmed] = messages(rasa_server.sms(phone, "STOP"))
    assert "unsubscribed" in confirmed
    # and another number is not affected
    assert messages(rasa_server.sms(new_phone(), "hello"))


def test_no_phone_number_or_text_in_the_log(rasa_server):
    phone = new_phone()
    messages(rasa_server.sms(phone, "my secret medical story"))
    messages(rasa_server.sms(phone, "STOP"))  # logs the sender's id
    log = rasa_server.log.read_text(errors="replace")
    assert phone not in log
    assert "my secret medical story" not in log
    # the id is keyed: the plain SHA-256 of the number (reversible by enumeration) is not there
    assert hashlib.sha256(phone.encode()).hexdigest()[:12] not in log
