"""Abuse against the running stack: the Rasa HTTP API without its token, and property-based fuzzing
of the three doors the public or a partner can knock on (the REST webhook, the Twilio webhook, the
inbox API). Rate limits, the length cap, security headers and cookies have their own tests next
to the code (tests/channels/test_rest_http.py, tests/channels/test_twilio_http.py,
tests/inbox/test_app.py); they are not repeated here."""

from __future__ import annotations

import json
import os
import string
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import http, new_conversation

pytestmark = pytest.mark.e2e

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=False,
    suppress_health_check=list(HealthCheck),
)


# --- the Rasa HTTP API --------------------------------------------------------------------------
def api_calls(conversation: str):
    c = urllib.parse.quote(conversation, safe="")
    event = [{"event": "slot", "name": "contact_phone", "value": "+15550001111"}]
    return [
        ("GET", f"/conversations/{c}/tracker", None),
        ("POST", f"/conversations/{c}/tracker/events", event),
        ("PUT", f"/conversations/{c}/tracker/events", event),
        ("GET", f"/conversations/{c}/story", None),
        ("POST", f"/conversations/{c}/execute", {"name": "action_submit_lead"}),
        ("POST", f"/conversations/{c}/trigger_intent", {"intent": "goodbye"}),
        ("POST", f"/conversations/{c}/predict", None),
        ("POST", f"/conversations/{c}/messages", {"text": "hello", "sender": "user"}),
        ("GET", "/status", None),
        ("GET", "/domain", None),
        ("POST", "/model/parse", {"text": "my surgeon left a sponge in me"}),
        ("POST", "/model/predict", []),
        ("POST", "/model/train", {}),
        ("POST", "/model/test/intents", {}),
        ("POST", "/model/test/stories", {}),
        ("PUT", "/model", {"model_file": "/tmp/evil.tar.gz"}),
        ("DELETE", "/model", None),
    ]


def test_rasa_http_api_refuses_requests_without_the_token(prod):
    chat = prod.chat()
    chat.say("hello")
    events_before = chat.tracker()["events"]
    wrong = prod.rasa_token[:-1] + ("x" if prod.rasa_token[-1] != "x" else "y")
    tried = 0
    for method, path, body in api_calls(chat.sender):
        for query, headers in (
            ("", {}),
            (f"?token={wrong}", {}),
            ("?token=", {}),
            ("", {"Authorization": f"Bearer {prod.rasa_token}"}),
        ):
            status, out = http(
                method, f"{prod.rasa}{path}{query}", body, headers=headers, timeout=30
            )
            assert status == 401, (method, path, query, status, str(out)[:200])
            tried += 1
    # Nothing got through: the conversation is unchanged, the model is still loaded and answering.
    assert chat.tracker()["events"] == events_before
    status, info = http("GET", f"{prod.rasa}/status?token={prod.rasa_token}")
    assert status == 200 and info.get("model_file"), info
    # ... and the same calls with the right token do work (so the refusals above mean something).
    status, parsed = http(
        "POST", f"{prod.rasa}/model/parse?token={prod.rasa_token}", {"text": "hello"}
    )
    assert status == 200 and parsed["intent"]["name"]
    chat.say("the surgeon left a sponge inside me")
    assert chat.slots()["incident_type"] == "surgical_error"
    assert tried == 4 * len(api_calls(chat.sender))


# --- fuzzing --------------------------------------------------------------------------------------
# Each endpoint gets EXAMPLES inputs: about half shaped like real traffic with hostile values (so
# they reach the conversation, the lead store and the tracker store), the rest garbage: random
# bytes, wrong JSON shapes, wrong content types, bodies up to a megabyte. The histogram of answers
# is printed and checked, so a fuzz that never got past the front door fails.
def raw_post(
    url: str,
    data: bytes,
    headers: dict[str, str],
    method: str = "POST",
    timeout: float = 60,
) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(
        url, data=data if method != "GET" else None, method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def huge(chars: st.SearchStrategy) -> st.SearchStrategy:
    """1,000 to 100,000 repetitions of a short random piece (up to about a megabyte)."""
    return st.builds(
        lambda piece, n: piece * n,
        chars,
        st.integers(min_value=1_000, max_value=100_000),
    )


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


short_text = st.text(max_size=40)
any_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0x80), max_size=200),
    st.sampled_from(
        [
            "",
            " ",
            "\u202e\u0000",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "{{7*7}}",
            "%s%n",
            "/stop",
            "/restart",
            '/greet{"x": 1}',
            "STOP",
        ]
    ),
    huge(st.text(min_size=1, max_size=3)),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | short_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(short_text, children, max_size=4)
    ),
    max_leaves=12,
)
senders = st.builds(lambda t, u: t + u.hex[:8], st.text(max_size=40), st.uuids())
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        "",
    ]
)


def report(capsys, what: str, statuses: Counter) -> None:
    with capsys.disabled():
        print(
            f"\n[fuzz] {what}: {sum(statuses.values())} inputs tried, answers {dict(sorted(statuses.items(), key=lambda kv: str(kv[0])))}",
            flush=True,
        )


def still_answers(prod) -> None:
    prod.healthy()
    chat = prod.chat()
    out = chat.say("hello")
    assert out and out[0]["text"]


def real_turns(issued: list[str]) -> st.SearchStrategy:
    """Turns shaped like the widget's: nine in ten from a conversation the server issued (so they
    reach the conversation), the rest from a made-up sender (refused with a 403)."""
    sender = st.integers(0, 9).flatmap(
        lambda n: senders if n == 0 else st.sampled_from(issued)
    )
    return st.fixed_dictionaries(
        {"sender": sender, "message": any_text},
        optional={"metadata": json_values, "input_channel": short_text},
    ).map(lambda d: utf8(json.dumps(d)))


rest_garbage = st.one_of(
    st.binary(max_size=2_000),  # not UTF-8, not JSON
    json_values.map(lambda v: utf8(json.dumps(v))),  # JSON, the wrong shape
    st.fixed_dictionaries(
        {
            "sender": st.one_of(st.text(max_size=300), json_values),
            "message": st.one_of(any_text, json_values),
        },
        optional={"extra": json_values},
    ).map(lambda d: utf8(json.dumps(d))),
    huge(st.text(min_size=1, max_size=3)).map(utf8),
)


def test_fuzz_rest_webhook(prod, capsys):
    statuses: Counter = Counter()
    # Enough conversations that none reaches the per-sender rate limit.
    turns = real_turns([new_conversation(prod.rasa) for _ in range(EXAMPLES // 10 + 1)])

    @FUZZ
    @given(
        data=st.data(),
        content_type=content_types,
        stream=st.sampled_from([False] * 9 + [True]),
    )
    def one(data, content_type: str, stream: bool) -> None:
        # Two in three shaped like real turns (one_of would flatten the garbage's branches).
        body = data.draw(turns if data.draw(st.integers(0, 2)) else rest_garbage)
        headers = {"Content-Type": content_type} if content_type else {}
        url = f"{prod.rasa}/webhooks/rest/webhook" + ("?stream=true" if stream else "")
        status, out, _ = raw_post(url, body, headers)
        statuses[status] += 1
        assert status < 500, (status, out[:300])
        if stream:
            return
        parsed = json.loads(
            out
        )  # always JSON: a list of bot messages, or {"error": ...}
        if status == 200:
            assert isinstance(parsed, list) and all(
                m.get("recipient_id") for m in parsed
            ), parsed
        elif status in (413, 429):
            assert (
                isinstance(parsed, list) and parsed[0]["text"] or parsed.get("error")
            ), parsed
        else:
            assert isinstance(parsed, dict) and parsed["error"], parsed

    one()
    report(capsys, "REST webhook", statuses)
    assert sum(statuses.values()) >= EXAMPLES
    assert statuses[200] >= EXAMPLES * 0.2 and statuses[400] >= EXAMPLES * 0.1, statuses
    still_answers(prod)


def twilio_request(
    prod, params, signed: bool, raw: bytes | None, content_type: str
) -> tuple[int, bytes]:
    url = prod.env["TWILIO_WEBHOOK_URL"]
    headers = {"Content-Type": content_type} if content_type else {}
    if raw is None:
        data = urllib.parse.urlencode(params, errors="surrogatepass").encode()
        if signed:
            validator = RequestValidator(prod.env["TWILIO_AUTH_TOKEN"])
            headers["X-Twilio-Signature"] = validator.compute_signature(url, params)
    else:
        data = raw
        if signed:  # a signature-shaped header that cannot be right
            headers["X-Twilio-Signature"] = "".join(
                chr(33 + (b % 90)) for b in raw[:28]
            )
    status, out, _ = raw_post(f"{prod.rasa}/webhooks/twilio/webhook", data, headers)
    return status, out


us_phones = st.integers(min_value=2_000_000_000, max_value=9_999_999_999).map(
    lambda n: f"+1{n}"
)
# What a phone can send is valid Unicode (no lone surrogates); invalid bytes come in the raw bodies.
sms_chars = st.characters(blacklist_categories=("Cs",))
sms_text = st.one_of(
    st.text(sms_chars, max_size=300),
    huge(st.text(sms_chars, min_size=1, max_size=3)),
    st.sampled_from(
        [
            "STOP",
            "START",
            "HELP",
            "1",
            "2",
            " ",
            "stop please",
            "<Response/>",
            "]]><Message>x</Message>",
            "&amp;",
            "\u202e",
        ]
    ),
)
twilio_params = st.fixed_dictionaries(
    {
        "From": st.one_of(us_phones, us_phones, st.text(sms_chars, max_size=30)),
        "Body": sms_text,
        "MessageSid": st.one_of(
            st.uuids().map(lambda u: "SM" + u.hex),
            st.uuids().map(lambda u: "SM" + u.hex),
            st.text(sms_chars, max_size=10),
        ),
    },
    optional={
        "To": st.text(sms_chars, max_size=20),
        "NumMedia": st.text(sms_chars, max_size=5),
        "AccountSid": st.text(sms_chars, max_size=40),
        "Junk": sms_text,
    },
)


def test_fuzz_twilio_webhook(prod, capsys):
    statuses: Counter = Counter()

    @FUZZ
    @given(
        params=twilio_params,
        signed=st.sampled_from([True, True, True, False]),
        raw=st.one_of(
            st.none(),
            st.none(),
            st.none(),
            st.none(),
            st.binary(max_size=3_000),
            huge(st.binary(min_size=1, max_size=3)),
        ),
        content_type=st.sampled_from(
            ["application/x-www-form-urlencoded"] * 8
            + ["application/json", "text/plain", "multipart/form-data", ""]
        ),
    )
    def one(params, signed, raw, content_type) -> None:
        if raw is None and signed and params["From"].startswith("+1"):
            prod.sensitive.add(
                params["From"]
            )  # a real-looking number: it must not reach any log
        status, out = twilio_request(prod, params, signed, raw, content_type)
        statuses[status] += 1
        assert status < 500, (status, out[:300])
        if status == 200:
            assert out.startswith(b"<?xml") and b"<Response" in out, out[:300]

    one()
    report(capsys, "Twilio webhook", statuses)
    assert sum(statuses.values()) >= EXAMPLES
    assert statuses[200] >= EXAMPLES * 0.08 and statuses[403] >= 1, statuses
    still_answers(prod)


inbox_paths = st.one_of(
    st.sampled_from(
        [
            "/api/leads",
            "/api/leads",
            "/api/leads",
            "/api/leads/1",
            "/api/leads/0",
            "/api",
            "/api/",
            "/healthz",
            "/inbox/login",
            "/inbox/logout",
            "/inbox/leads/1/status",
            "/inbox/leads/1/notes",
            "/inbox/leads/1/assign",
            "/inbox/leads.csv",
            "/inbox/static/inbox.css",
            "/inbox/opt-outs",
        ]
    ),
    st.text(max_size=60).map(
        lambda t: "/api/leads/" + urllib.parse.quote(t, safe="", errors="surrogatepass")
    ),
    st.text(max_size=60).map(
        lambda t: (
            "/inbox/leads/" + urllib.parse.quote(t, safe="/%", errors="surrogatepass")
        )
    ),
    st.text(alphabet="./%2ef", max_size=30).map(lambda t: "/inbox/static/" + t),
)
queries = st.dictionaries(
    st.sampled_from(
        ["status", "outcome", "channel", "state", "q", "limit", "next", "x"]
    ),
    st.one_of(
        st.text(max_size=200),
        st.text(max_size=200),
        st.text(min_size=1, max_size=3).map(lambda s: s * 500),
    ),
    max_size=3,
)


def test_fuzz_inbox_api(prod, capsys):
    import http.client

    statuses: Counter = Counter()
    token = prod.env["INBOX_API_TOKEN"]

    api_reads = st.fixed_dictionaries(
        {
            "method": st.just("GET"),
            "path": st.one_of(
                st.just("/api/leads"),
                st.just("/api/leads"),
                st.integers(-5, 10**20).map(lambda n: f"/api/leads/{n}"),
            ),
            "query": queries,
            "auth": st.just(f"Bearer {token}"),
            "body": st.just(b""),
            "content_type": content_types,
            "cookie": st.none(),
        }
    )
    anything = st.fixed_dictionaries(
        {
            "method": st.sampled_from(["GET"] * 4 + ["POST", "PUT", "DELETE", "PATCH"]),
            "path": inbox_paths,
            "query": queries,
            "auth": st.one_of(
                st.none(),
                st.just(f"Bearer {token}"),
                st.text(max_size=80).map(lambda t: "Bearer " + t),
            ),
            "body": st.one_of(
                st.binary(max_size=2_000),
                json_values.map(lambda v: utf8(json.dumps(v))),
                huge(st.binary(min_size=1, max_size=3)),
            ),
            "content_type": content_types,
            "cookie": st.one_of(
                st.none(), st.text(alphabet=string.printable.strip(), max_size=600)
            ),
        }
    )

    @FUZZ
    @given(data=st.data())
    def one(data) -> None:
        # Half well-formed API reads with odd ids and filters; the rest anything at all.
        r = data.draw(api_reads if data.draw(st.booleans()) else anything)
        method, path, query, auth, body, content_type, cookie = (
            r["method"],
            r["path"],
            r["query"],
            r["auth"],
            r["body"],
            r["content_type"],
            r["cookie"],
        )
        headers = {"Content-Type": content_type} if content_type else {}
        if auth is not None:
            headers["Authorization"] = utf8(auth).decode("latin-1")
        if cookie is not None:
            headers["Cookie"] = f"inbox_session={cookie}"
        qs = urllib.parse.urlencode(query, errors="surrogatepass")
        url = f"{prod.inbox}{path}" + (f"?{qs}" if qs else "")
        try:
            status, out, _ = raw_post(url, body, headers, method=method)
        except (http.client.InvalidURL, UnicodeEncodeError, ValueError):
            statuses["not sent"] += (
                1  # a URL or header the HTTP client itself refuses to send
            )
            return
        statuses[status] += 1
        assert status < 500, (status, out[:300])

    one()
    report(capsys, "inbox API", statuses)
    assert sum(statuses.values()) >= EXAMPLES
    assert statuses["not sent"] <= EXAMPLES * 0.2, statuses
    assert statuses[200] >= EXAMPLES * 0.08 and statuses[401] >= EXAMPLES * 0.05, (
        statuses
    )
    still_answers(prod)
    status, leads = prod.api_leads()
    assert status == 200 and isinstance(leads, list)


# Found by the REST fuzz: PostgreSQL refuses NUL in text, psycopg2 raises ValueError for it (and
# UnicodeEncodeError, also a ValueError, for a lone surrogate), and Rasa's SQL tracker store turns
# any ValueError into "schema not found" and sys.exit(): one request took the whole Rasa server down.
@pytest.mark.parametrize(
    "sender, message",
    [
        ("nul\u0000sender", "hello"),
        ("surrogate\ud800sender", "hello"),
        (None, "/greet\u0000"),  # None: an id the server issued
        (None, "/\ud83d"),
        (None, "my name is \u0000Pat\u0007"),
    ],
    ids=[
        "nul-sender",
        "surrogate-sender",
        "nul-intent",
        "surrogate-intent",
        "control-text",
    ],
)
def test_characters_a_database_refuses_cannot_take_rasa_down(prod, sender, message):
    body = json.dumps(
        {"sender": sender or new_conversation(prod.rasa), "message": message}
    ).encode()
    status, out, _ = raw_post(
        f"{prod.rasa}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    assert status in (200, 400), (status, out[:300])
    if status == 400:
        assert "sender" in json.loads(out)["error"]
    else:
        assert json.loads(out)[0]["text"]
    still_answers(prod)


def test_characters_a_database_refuses_are_not_a_500_in_the_inbox(prod):
    """The same NUL, through the inbox: a search (API) and the public login form."""
    token = {"Authorization": f"Bearer {prod.env['INBOX_API_TOKEN']}"}
    status, out, _ = raw_post(
        f"{prod.inbox}/api/leads?q=%00&status=%00&state=%00", b"", token, method="GET"
    )
    assert status == 200 and isinstance(json.loads(out), list), (status, out[:300])
    status, out, _ = raw_post(
        f"{prod.inbox}/api/leads?q=Pat%00", b"", token, method="GET"
    )
    assert status == 200, (status, out[:300])
    status, out, _ = raw_post(
        f"{prod.inbox}/inbox/login",
        b"username=a%00b&password=x&csrf_token=y",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 400, (status, out[:300])
    assert http("GET", f"{prod.inbox}/healthz")[0] == 200


def test_headers_as_deployed_widget_may_reach_this_rasa_and_the_inbox_cannot_be_framed(
    prod,
):
    """tests/inbox/test_app.py checks each header; this checks them on the stack as configured: the
    widget pages' CSP lets the widget talk to this Rasa server and nothing else, and the inbox is
    never framed."""
    for path in ("/", "/privacy", "/widget.js", "/widget.css"):
        status, _, headers = raw_post(f"{prod.inbox}{path}", b"", {}, method="GET")
        assert status == 200, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        csp = headers["Content-Security-Policy"]
        assert f"connect-src 'self' {prod.env['RASA_PUBLIC_URL']};" in csp, (path, csp)
        assert (
            "'unsafe-inline'" not in csp
            and "'unsafe-eval'" not in csp
            and "object-src 'none'" in csp
        )
    for path in ("/inbox/login", "/inbox", "/api/leads"):
        status, _, headers = raw_post(
            f"{prod.inbox}{path}", b"", {"Accept": "text/html"}, method="GET"
        )
        assert (
            headers["X-Frame-Options"] == "DENY"
            and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        )
        assert (
            headers["X-Content-Type-Options"] == "nosniff"
            and headers["Cache-Control"] == "no-store"
        )


def test_a_signed_sms_with_a_nul_is_answered_and_rasa_stays_up(prod):
    from tests.production.test_faults import sms

    phone = "+12065550188"
    prod.sensitive.update({phone, "2065550188"})
    for text in ("/greet\u0000", "hello\u0000there", "\u0000"):
        status, twiml = sms(prod, phone, text)
        assert status == 200 and twiml.startswith("<?xml"), twiml
    still_answers(prod)
