"""Unit tests of the SMS helpers: keywords, numbered choices, splitting, TwiML."""

import xml.etree.ElementTree as ET

import pytest

from bot.channels import sms

BUTTONS = [
    {"title": "Surgical error", "payload": '/inform{"incident_type":"surgical_error"}'},
    {"title": "Birth injury", "payload": '/inform{"incident_type":"birth_injury"}'},
    {"title": "Other", "payload": '/inform{"incident_type":"other"}'},
]


def messages_of(xml: str):
    root = ET.fromstring(xml)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


@pytest.mark.parametrize(
    "text",
    ["STOP", "stop", "  Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit"],
)
def test_stop_keywords(text):
    assert sms.keyword(text) == "stop"


@pytest.mark.parametrize("text", ["START", "unstop", " Start\n"])
def test_start_keywords(text):
    assert sms.keyword(text) == "start"


@pytest.mark.parametrize("text", ["HELP", "info", " Help "])
def test_help_keywords(text):
    assert sms.keyword(text) == "help"


@pytest.mark.parametrize(
    "text",
    ["please stop", "stop it", "I want to cancel my appointment", "helpful", "2", ""],
)
def test_keywords_only_match_the_whole_message(text):
    assert sms.keyword(text) is None


@pytest.mark.parametrize(
    "phone,ok",
    [
        ("+15550100199", True),
        ("+442071838750", True),
        ("15550100199", False),
        ("whatsapp:+15550100199", False),
        ("+0123456789", False),
        ("+1 555 010 0199", False),
        ("", False),
        ("+1", False),
    ],
)
def test_e164(phone, ok):
    assert sms.is_e164(phone) is ok


def test_choices_line_numbers_every_button():
    assert (
        sms.choices_line(BUTTONS)
        == "Reply 1 for Surgical error, 2 for Birth injury, or 3 for Other."
    )
    assert (
        sms.choices_line(BUTTONS[:2])
        == "Reply 1 for Surgical error or 2 for Birth injury."
    )
    assert sms.choices_line(BUTTONS[:1]) == "Reply 1 for Surgical error."


def test_render_message_appends_choices_to_text():
    text = sms.render_message({"text": "What happened?", "buttons": BUTTONS})
    assert (
        text
        == "What happened?\nReply 1 for Surgical error, 2 for Birth injury, or 3 for Other."
    )


@pytest.mark.parametrize(
    "reply,index",
    [
        ("1", 0),
        ("2", 1),
        (" 3 ", 2),
        ("#2", 1),
        ("2.", 1),
        ("2)", 1),
        ("birth injury", 1),
        ("BIRTH INJURY", 1),
        ("  Surgical   error. ", 0),
        ("other", 2),
    ],
)
def test_match_choice(reply, index):
    assert sms.match_choice(reply, BUTTONS) == BUTTONS[index]["payload"]


@pytest.mark.parametrize(
    "reply", ["0", "4", "12", "birth", "I had surgery", "", "2 or 3"]
)
def test_match_choice_leaves_other_text_alone(reply):
    assert sms.match_choice(reply, BUTTONS) is None


def test_match_choice_without_buttons():
    assert sms.match_choice("2", []) is None


def test_short_text_is_one_part():
    assert sms.split_sms("Hello there.") == ["Hello there."]
    assert sms.split_sms("   ") == []


def test_split_at_sentence_breaks_in_order():
    sentences = [
        f"Sentence number {i} is here and it says something useful." for i in range(100)
    ]
    text = " ".join(sentences)
    parts = sms.split_sms(text)
    assert len(parts) > 1
    assert all(len(p) <= 1600 for p in parts)
    # every part ends at a sentence end, and together they are the text, in order
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == text


def test_split_paragraphs_and_question_marks():
    text = ("Is this a question? " * 60) + "\n\n" + ("And an answer! " * 80)
    parts = sms.split_sms(text, limit=500)
    assert all(len(p) <= 500 for p in parts)
    assert all(p[-1] in "?!" for p in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(
        " ", ""
    ).replace("\n", "")


def test_split_a_sentence_longer_than_the_limit_at_spaces():
    text = "word " * 1000  # 5,000 characters, no sentence break
    parts = sms.split_sms(text)
    assert all(len(p) <= 1600 for p in parts)
    assert " ".join(parts).split() == text.split()


def test_split_without_any_space_cuts_hard():
    parts = sms.split_sms("x" * 4000)
    assert [len(p) for p in parts] == [1600, 1600, 800]


def test_twiml_escapes_and_orders_messages():
    xml = sms.twiml(["a < b & c", "<script>alert(1)</script>"])
    assert "<script>" not in xml
    assert messages_of(xml) == ["a < b & c", "<script>alert(1)</script>"]


def test_twiml_empty_response():
    assert messages_of(sms.twiml()) == []


def test_twiml_for_turn_joins_then_splits():
    long = " ".join(f"This is sentence {i} of a long answer." for i in range(80))
    xml = sms.twiml_for_turn(
        [{"text": "Hi."}, {"text": long}, {"text": "Pick one.", "buttons": BUTTONS}]
    )
    parts = messages_of(xml)
    assert all(len(p) <= 1600 for p in parts)
    joined = " ".join(parts)
    assert joined.startswith("Hi.")
    assert joined.endswith(
        "Reply 1 for Surgical error, 2 for Birth injury, or 3 for Other."
    )
    assert joined.index("sentence 79") < joined.index("Pick one.")


def test_phone_hash_hides_the_number():
    h = sms.phone_hash("+15550100199")
    assert "555" not in h and len(h) == 12


# --- signature checks (TwilioInput.signature_ok, without a server) --------------------------------


class _Req:
    def __init__(self, signature, query_string=""):
        self.headers = (
            {"X-Twilio-Signature": signature} if signature is not None else {}
        )
        self.query_string = query_string


@pytest.fixture
def twilio_settings(monkeypatch):
    from actions.config import settings

    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "unit-token")
    monkeypatch.setenv(
        "TWILIO_WEBHOOK_URL", "https://sms.example.test/webhooks/twilio/webhook"
    )
    settings.cache_clear()
    yield
    settings.cache_clear()


def _signed(
    pairs, url="https://sms.example.test/webhooks/twilio/webhook", token="unit-token"
):
    from twilio.request_validator import RequestValidator

    from bot.channels.twilio import _FormParams

    return RequestValidator(token).compute_signature(url, _FormParams(pairs))


def test_signature_ok(twilio_settings):
    from bot.channels.twilio import TwilioInput, _FormParams

    channel = TwilioInput()
    pairs = [("From", "+15550001111"), ("Body", "hi"), ("MessageSid", "SM1")]
    params = _FormParams(pairs)
    assert channel.signature_ok(_Req(_signed(pairs)), params)
    assert not channel.signature_ok(_Req(None), params)
    assert not channel.signature_ok(_Req(""), params)
    assert not channel.signature_ok(_Req(_signed(pairs, token="other")), params)
    assert not channel.signature_ok(
        _Req(_signed(pairs, url="http://localhost:5005/webhooks/twilio/webhook")),
        params,
    )
    tampered = _FormParams(
        [("From", "+15550001111"), ("Body", "bye"), ("MessageSid", "SM1")]
    )
    assert not channel.signature_ok(_Req(_signed(pairs)), tampered)
    # the query string Twilio called is part of the signed URL
    url_q = "https://sms.example.test/webhooks/twilio/webhook?a=1"
    assert channel.signature_ok(_Req(_signed(pairs, url=url_q), "a=1"), params)
    assert not channel.signature_ok(_Req(_signed(pairs), "a=1"), params)


def test_signature_with_repeated_fields(twilio_settings):
    from bot.channels.twilio import TwilioInput, _FormParams

    pairs = [("From", "+15550001111"), ("MediaUrl", "b"), ("MediaUrl", "a")]
    assert TwilioInput().signature_ok(_Req(_signed(pairs)), _FormParams(pairs))


def test_credentials_token_wins_over_settings(twilio_settings):
    from bot.channels.twilio import TwilioInput, _FormParams

    pairs = [("From", "+15550001111"), ("Body", "hi")]
    channel = TwilioInput.from_credentials({"auth_token": "from-credentials"})
    assert channel.signature_ok(
        _Req(_signed(pairs, token="from-credentials")), _FormParams(pairs)
    )
    assert not channel.signature_ok(_Req(_signed(pairs)), _FormParams(pairs))


def test_no_auth_token_refuses_everything(monkeypatch):
    from actions.config import settings
    from bot.channels.twilio import TwilioInput, _FormParams

    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "")
    settings.cache_clear()
    try:
        pairs = [("From", "+15550001111"), ("Body", "hi")]
        # an empty key would let anyone compute a valid HMAC: it must refuse instead
        assert not TwilioInput().signature_ok(
            _Req(_signed(pairs, token="")), _FormParams(pairs)
        )
    finally:
        settings.cache_clear()
