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
    ["I want to cancel my appointment", "helpful", "2", "", "please stop the pain"],
)
def test_keywords_only_match_the_whole_message(text):
    assert sms.keyword(text) is None


# Opt-outs in any words (FCC, April 2025): the rule in bot/channels/sms.py, both sides.
OPT_OUTS = [
    ("STOP", "STOP"),
    ("Stop.", "STOP"),
    ("stop!!", "STOP"),
    ("  sToP \n", "STOP"),
    ("please stop", "STOP"),
    ("stop it", "STOP"),
    ("ok STOP now", "STOP"),
    ("I said stop", "STOP"),
    ("STOPALL", "STOPALL"),
    ("stop all", "STOPALL"),
    ("UNSUBSCRIBE", "UNSUBSCRIBE"),
    ("Cancel", "CANCEL"),
    ("END.", "END"),
    ("quit", "QUIT"),
    ("REVOKE", "REVOKE"),
    ("revoke!", "REVOKE"),
    ("OPT OUT", "OPTOUT"),
    ("opt-out", "OPTOUT"),
    ("OptOut", "OPTOUT"),
    ("stop texting me", "stop texting me"),
    ("Stop texting me!!!", "stop texting me"),
    ("pls stop messaging me", "stop messaging me"),
    ("please stop sending me texts", "stop sending me"),
    ("don't text me", "don't text me"),
    ("Don\u2019t text me anymore", "don't text me"),
    ("DO NOT CONTACT ME", "do not contact me"),
    ("no more texts please", "no more texts"),
    ("leave me alone", "leave me alone"),
    ("Leave me alone!", "leave me alone"),
    ("remove me from this list", "remove me from this list"),
    ("please take me off your list", "take me off your list"),
    ("unsubscribe me", "unsubscribe me"),
    ("I want to opt out", "i want to opt out"),
    ("I'd like to unsubscribe", "i'd like to unsubscribe"),
    ("I revoke my consent", "i revoke my consent"),
    ("thanks but stop texting me, i found a lawyer", "stop texting me"),
]
NOT_OPT_OUTS = [
    "they didn't stop the bleeding",
    "I want to cancel my appointment? no, my surgery was cancelled",
    "please stop the pain",
    "the nurse would not stop",
    "stop by the clinic",
    "cancel my appointment",
    "my surgery was cancelled",
    "I had to quit my job",
    "the end of my surgery",
    "END of story, they never called",
    "he would not leave me alone after the surgery and kept calling",
    "don't stop texting me",
    "I never said stop",
    "the doctor told me to stop taking it",
    "2",
    "yes",
    "hello",
    "",
]


@pytest.mark.parametrize("text,phrase", OPT_OUTS)
def test_opt_out_in_any_words(text, phrase):
    assert sms.keyword(text) == "stop"
    assert sms.opt_out_phrase(text) == phrase


@pytest.mark.parametrize("text", NOT_OPT_OUTS)
def test_stop_words_inside_a_story_are_not_opt_outs(text):
    assert sms.opt_out_phrase(text) is None
    assert sms.keyword(text) != "stop"


@pytest.mark.parametrize("text", ["yes", "YES", "Yes!"])
def test_yes_is_told_apart(text):
    """YES re-subscribes only an opted-out number; the channel decides, so it is its own word."""
    assert sms.keyword(text) == "yes"


@pytest.mark.parametrize(
    "text,twilio",
    [
        ("STOP", True),
        (" revoke ", True),
        ("yes", True),
        ("Stop.", False),
        ("stop texting me", False),
    ],
)
def test_twilio_keywords_are_the_exact_words(text, twilio):
    assert sms.is_twilio_keyword(text) is twilio


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


@pytest.mark.parametrize(
    "reply,said",
    [
        (
            "1. will a lawyer call me today?",
            "Surgical error. will a lawyer call me today?",
        ),
        ("2) its the other one", "Birth injury. its the other one"),
        ("3, I think", "Other. I think"),
        # role-play I (Ray, by SMS): "1 call me mornings" to "May we contact you?"
        ("1 call me mornings", "Surgical error. call me mornings"),
        ("3 not sure", "Other. not sure"),
        # no pick: a number that counts, one out of range, a pick alone
        ("2 weeks later", None),
        ("3 stents", None),
        ("2 or 3 times", None),
        ("1 pm", None),
        ("4. something", None),
        ("2", None),
    ],
)
def test_a_pick_with_more_words(reply, said):
    assert sms.with_choice(reply, BUTTONS) == said


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


def test_phone_hash_is_keyed(monkeypatch):
    """The same phone under two secrets gives two ids, and neither is the plain SHA-256 that
    enumerating numbers reverses."""
    import hashlib

    from actions.config import settings

    phone = "+15550100199"
    ids = []
    for secret in ("first-secret", "second-secret"):
        monkeypatch.setenv("LOG_HASH_SECRET", secret)
        settings.cache_clear()
        ids.append(sms.phone_hash(phone))
        assert sms.phone_hash(phone) == ids[-1]  # stable under one secret
    settings.cache_clear()
    assert ids[0] != ids[1]
    plain = hashlib.sha256(phone.encode()).hexdigest()
    assert plain[:12] not in ids


def test_log_hash_secret_is_derived_from_an_older_env(monkeypatch):
    """An .env without LOG_HASH_SECRET (or with the placeholder) still gets a key: one derived
    from a secret it has, never the secret itself."""
    from actions.config import settings

    monkeypatch.setenv("LOG_HASH_SECRET", "change-me")
    monkeypatch.setenv("INBOX_SECRET_KEY", "an-existing-inbox-secret")
    settings.cache_clear()
    derived = settings().log_hash_secret
    settings.cache_clear()
    assert derived and derived not in ("change-me", "an-existing-inbox-secret")


# --- the conversation: first reply, pending question -----------------------------------------


class _Event:
    def __init__(self, type_name, text=None, data=None):
        self.type_name = type_name
        self.text = text
        self.data = data or {}


def test_first_reply_notice_is_added_once_at_the_end():
    xml = sms.twiml_for_turn(
        [{"text": "Hello!"}, {"text": "What happened?", "buttons": BUTTONS}],
        notice=sms.STOP_NOTICE,
    )
    [text] = messages_of(xml)
    assert text.endswith("or 3 for Other.\n\nReply STOP to opt out.")
    assert text.count("Reply STOP") == 1
    assert "Reply STOP" not in messages_of(sms.twiml_for_turn([{"text": "Hi"}]))[0]


def test_pending_question_is_the_last_question_of_the_last_turn():
    events = [
        _Event("user", "hello"),
        _Event("bot", "Thanks."),
        _Event("bot", "Do you already have a lawyer?", {"buttons": BUTTONS[:2]}),
        _Event("action"),
    ]
    assert sms.pending_question(events) == [
        {"buttons": BUTTONS[:2], "text": "Do you already have a lawyer?"}
    ]
    assert sms.last_buttons(events) == BUTTONS[:2]
    assert sms.has_user_messages(events)
    said = events + [_Event("user", "no"), _Event("bot", "Noted. Thank you!")]
    assert sms.pending_question(said) == []
    assert sms.last_buttons(said) == []
    assert sms.pending_question([]) == [] and not sms.has_user_messages([])


def test_pending_question_that_points_back_brings_what_it_asks_about():
    # After STOP and START, "Is that right?" alone would not say what is right.
    events = [
        _Event("user", "when i had the heart attack 2 days later"),
        _Event("bot", "Thanks."),
        _Event("bot", "Just to check, I have when you found out as April 2026."),
        _Event("bot", "Is that right?", {"buttons": BUTTONS[:2]}),
    ]
    assert [m["text"] for m in sms.pending_question(events)] == [
        "Just to check, I have when you found out as April 2026.",
        "Is that right?",
    ]
    alone = [_Event("user", "hi"), _Event("bot", "Is that right?")]
    assert [m["text"] for m in sms.pending_question(alone)] == ["Is that right?"]


def test_pending_question_with_a_sentence_after_its_question_mark():
    # "What is Tyler's date of birth? Age limits can change the time to act.": still a question
    events = [
        _Event("user", "tyler brooks"),
        _Event("bot", "Thanks."),
        _Event(
            "bot",
            "What is Tyler's date of birth? Age limits can change the time to act.",
        ),
    ]
    assert [m["text"] for m in sms.pending_question(events)] == [
        "What is Tyler's date of birth? Age limits can change the time to act."
    ]
    told = [_Event("user", "hi"), _Event("bot", "Thanks. We got it. Noted.")]
    assert sms.pending_question(told) == []


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


START_OVER = [
    {"title": "Yes, start over", "payload": "/restart"},
    {"title": "No, keep going", "payload": "/restart_not_wanted"},
]


@pytest.mark.parametrize(
    "reply, answer",
    [
        ("1", "yes"),
        ("yes", "yes"),
        ("Yes please", "yes"),
        ("yes, start over", "yes"),
        ("start over", "yes"),
        ("2", "no"),
        ("no", "no"),
        ("nope", "no"),
        ("No, keep going", "no"),
        ("keep going", "no"),
        ("actually let's continue", "no"),
        ("march 3 2025", None),  # an answer to the question before: nothing cleared
        ("what do you mean", None),
    ],
)
def test_the_answer_to_start_over(reply, answer):
    assert sms.start_over_answer(reply, START_OVER) == answer


def test_a_yes_to_another_question_is_no_start_over():
    assert sms.start_over_answer("yes", BUTTONS) is None
    assert sms.start_over_answer("1", []) is None
