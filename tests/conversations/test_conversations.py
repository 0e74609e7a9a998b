"""Whole conversations of different people, as each would type them, against the real stack
(Rasa server with the trained model, action server, inbox): every one on the REST channel,
those marked `sms` also by SMS (signed Twilio requests), and each lead checked field by field.

The people are in `conversations.yml` (its header says how one is written) and in every other
`*.yml` here (`people.yml`: what people found trying the assistant); this module only plays
them. Another file answers from conversations.yml's `defaults`, updated by its own `defaults`
if it has one, and its test ids start with its name (`people-...`: `-k people` picks them).
One stack serves the whole session (`conftest.py`), and the selected conversations are played
on it a few at a time (`PLAYERS`, as a firm's site gets several people at once), so the lot runs
in minutes; each test then reports its own conversation's result.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.evaluation import CASE_QUESTIONS
from tests.e2e.test_sms_journey import Texter

pytestmark = pytest.mark.e2e

HERE = Path(__file__).resolve().parent
TODAY = dt.date.today()
MAX_TURNS = 60
# The case evaluation's questions (actions/evaluation.py); issue 11: a typical screening grows by
# about four of them, so a person about themselves (without a lawyer) is asked at most
# `CASE_QUESTIONS_FOR_ONESELF` unless the conversation says otherwise (`max_case_questions`).
CASE_QUESTIONS_FOR_ONESELF = 4
# How many people talk to the stack at once while the conversations are played.
PLAYERS = int(os.environ.get("CONVERSATION_PLAYERS", "4"))
_phones = itertools.count(1000)


def _months_ago(months: int) -> str:
    """The month (YYYY-MM) that many months before the day the tests run."""
    index = TODAY.year * 12 + TODAY.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _fill(value: Any) -> Any:
    """Dates relative to the day the test runs: {LAST_YEAR}, {THIS_YEAR}, {MONTHS_AGO:n}."""
    if isinstance(value, str):
        value = re.sub(r"\{MONTHS_AGO:(\d+)\}", lambda m: _months_ago(int(m[1])), value)
        return value.replace("{LAST_YEAR}", str(TODAY.year - 1)).replace(
            "{THIS_YEAR}", str(TODAY.year)
        )
    if isinstance(value, list):
        return [_fill(v) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v) for k, v in value.items()}
    return value


def _load() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """conversations.yml first, then every other *.yml here, in name order."""
    main = yaml.safe_load((HERE / "conversations.yml").read_text())
    defaults = _fill(main["defaults"])
    conversations = []
    for path in [HERE / "conversations.yml"] + sorted(
        p
        for p in HERE.glob("*.yml")
        # case_evaluation.yml has its own format and runner (test_case_evaluation.py)
        if p.name not in ("conversations.yml", "case_evaluation.yml")
    ):
        data = (
            main
            if path == HERE / "conversations.yml"
            else yaml.safe_load(path.read_text())
        )
        own = {**defaults, **_fill(data.get("defaults") or {})}
        for c in data["conversations"]:
            c = _fill(c)
            c["defaults"] = own
            if path.stem != "conversations":
                c["id"] = f"{path.stem}-{c['id']}"
            conversations.append(c)
    ids = [c["id"] for c in conversations]
    assert len(ids) == len(set(ids)), "two conversations with one id"
    return defaults, conversations


DEFAULTS, CONVERSATIONS = _load()
WEB = [c for c in CONVERSATIONS if not c.get("only_sms")]
SMS = [c for c in CONVERSATIONS if c.get("sms") or c.get("only_sms")]


def _param(conversation: dict[str, Any]) -> Any:
    marks = []
    if conversation.get("xfail"):
        marks.append(pytest.mark.xfail(reason=conversation["xfail"], strict=False))
    return pytest.param(conversation, id=conversation["id"], marks=marks)


class WebPerson:
    """One person on the website (the REST channel the widget uses)."""

    channel = "web"

    def __init__(self, stack: Any) -> None:
        # The REST channel answers only the conversation ids it issued
        # (`POST /webhooks/rest/conversations`), as the widget gets its own.
        self.client = stack.client()
        self.phone: str | None = None

    def say(self, message: str | dict[str, Any]) -> list[str]:
        from tests.e2e.conftest import http

        body: dict[str, Any] = {"sender": self.client.sender}
        if isinstance(message, dict):
            body.update(message=message.get("text", ""), metadata=message["metadata"])
        else:
            body["message"] = message
        status, out = http(
            "POST", f"{self.client.stack.rasa}/webhooks/rest/webhook", body
        )
        assert status == 200, (status, str(out)[:300])
        replies = []
        for m in out or []:
            text = m.get("text") or ""
            if m.get("buttons"):
                text += " " + str([b.get("title") for b in m["buttons"]])
            replies.append(text)
        return replies


class SmsPerson:
    """One person texting the firm's number (Twilio's signed webhook, TwiML answers)."""

    channel = "sms"

    def __init__(self, stack: Any) -> None:
        self.phone = f"+1216555{next(_phones):04d}"
        self.texter = Texter(stack, self.phone)
        self.client = stack.client(self.phone)

    def say(self, message: str | dict[str, Any]) -> list[str]:
        text = message.get("text", "") if isinstance(message, dict) else message
        return self.texter.text(text)


def play(person: WebPerson | SmsPerson, c: dict[str, Any]) -> None:
    transcript: list[tuple[str, str]] = []

    def say(message: str | dict[str, Any]) -> list[str]:
        shown = message if isinstance(message, str) else json.dumps(message)
        transcript.append(("user", shown))
        replies = person.say(message)
        transcript.extend(("bot", r) for r in replies)
        return replies

    def fail(problem: str) -> None:
        lines = "\n".join(f"  {who:>4}: {text[:300]}" for who, text in transcript)
        pytest.fail(f"{c['id']} ({person.channel}): {problem}\n{lines}")

    for index, message in enumerate(c.get("messages", [])):
        replies = say(message)
        joined = " ".join(replies)
        if (
            index == 0
            and c.get("first_reply")
            and not re.search(c["first_reply"], joined, re.I)
        ):
            fail(f"first reply does not match {c['first_reply']!r}")
        if (
            index == 0
            and c.get("first_reply_not")
            and re.search(c["first_reply_not"], joined, re.I)
        ):
            fail(f"first reply matches {c['first_reply_not']!r}, which it must not")
    slots = person.client.slots()
    for name, want in (c.get("slots_after_messages") or {}).items():
        if slots.get(name) != want:
            fail(
                f"after the first messages {name} is {slots.get(name)!r}, not {want!r}"
            )
    answers = {
        k: list(v) if isinstance(v, list) else [v]
        for k, v in {**c.get("defaults", DEFAULTS), **(c.get("answers") or {})}.items()
    }
    at = {
        k: list(v) if isinstance(v, list) else [v]
        for k, v in (c.get("at") or {}).items()
    }
    interject = dict(c.get("interject") or {})
    asked: dict[str, int] = {}
    case_questions: list[str] = []
    max_asks = c.get("max_asks", 2)
    for _ in range(MAX_TURNS):
        requested = person.client.slots().get("requested_slot")
        if not requested or c.get("stop_after_messages"):
            break
        if requested in CASE_QUESTIONS and requested not in case_questions:
            case_questions.append(requested)
        if requested in interject:
            question, pattern = interject.pop(requested)
            joined = " ".join(say(question))
            if not re.search(pattern, joined, re.I):
                fail(f"the answer to {question!r} does not match {pattern!r}")
            continue
        if at.get(requested):
            say(at[requested].pop(0))
            continue
        if requested in (c.get("never_asked") or []):
            fail(f"asked for {requested}, which the person had already told")
        asked[requested] = asked.get(requested, 0) + 1
        if asked[requested] > max_asks:
            fail(f"asked for {requested} {asked[requested]} times")
        if requested not in answers:
            fail(f"an unexpected question: {requested}")
        values = answers[requested]
        say(values.pop(0) if len(values) > 1 else values[0])
    else:
        fail("the screening did not end")
    if interject and not c.get("stop_after_messages"):
        fail(f"never asked {sorted(interject)}, so the questions were not tried")
    for message in c.get("after", []):
        say(message)
    bot_said = " ".join(text for who, text in transcript if who == "bot")
    for pattern in c.get("replies_include", []):
        if not re.search(pattern, bot_said, re.I | re.S):
            fail(f"no reply matches {pattern!r}")
    for pattern in c.get("replies_exclude", []):
        if re.search(pattern, bot_said, re.I):
            fail(f"a reply matches {pattern!r}, which none may")
    slots = person.client.slots()
    limit = c.get("max_case_questions")
    if (
        limit is None
        and slots.get("patient_role") == "self"
        and slots.get("already_represented") is not True
    ):
        limit = CASE_QUESTIONS_FOR_ONESELF
    if limit is not None and len(case_questions) > limit:
        fail(
            f"{len(case_questions)} case questions, more than {limit}: {case_questions}"
        )
    for name, want in (c.get("slots") or {}).items():
        if slots.get(name) != want:
            fail(f"slot {name} is {slots.get(name)!r}, not {want!r}")
    leads = person.client.leads()
    if len(leads) != c.get("leads", 1):
        fail(f"{len(leads)} leads, not {c.get('leads', 1)}")
    if not leads:
        return
    lead = leads[0]
    expect = dict(c.get("expect") or {})
    if person.channel == "sms":
        expect.update(c.get("expect_sms") or {})
        expect.setdefault("channel", "sms")
    else:
        expect.setdefault("channel", "web")
    for name, want in expect.items():
        got = lead.get(name)
        if isinstance(want, str) and want.startswith("~"):
            ok = got is not None and re.search(want[1:], str(got), re.I) is not None
        elif name == "contact_phone" and want == "SENDER":
            ok = got == person.phone
        elif isinstance(want, list) and name not in ("unknown_facts", "media_urls"):
            ok = got in want
        else:
            ok = got == want
        if not ok:
            fail(f"lead {name} is {got!r}, not {want!r}")


PEOPLE = {"test_on_the_website": WebPerson, "test_by_sms": SmsPerson}


def _played_by(stack: Any, kind: str, conversation: dict[str, Any]) -> Any:
    """Play one conversation; the failure it ended in (None when it passed)."""
    try:
        play(PEOPLE[kind](stack), conversation)
    except BaseException as failure:  # pytest.fail raises an OutcomeException
        return failure
    return None


@pytest.fixture(scope="session")
def played(conversation_stack, request) -> dict[tuple[str, str], Any]:
    """Every conversation this session selected, played concurrently by `PLAYERS` people;
    ``(test name, conversation id) -> failure or None``."""
    selected = [
        (item.originalname, item.callspec.params["conversation"])
        for item in request.session.items
        if item.module.__name__ == __name__ and item.originalname in PEOPLE
    ]
    with ThreadPoolExecutor(max_workers=max(1, PLAYERS)) as pool:
        futures = {
            (kind, c["id"]): pool.submit(_played_by, conversation_stack, kind, c)
            for kind, c in selected
        }
    return {key: future.result() for key, future in futures.items()}


def _result(played: dict[tuple[str, str], Any], kind: str, c: dict[str, Any]) -> None:
    failure = played[(kind, c["id"])]
    if failure is not None:
        raise failure


@pytest.mark.parametrize("conversation", [_param(c) for c in WEB])
def test_on_the_website(played, conversation):
    _result(played, "test_on_the_website", conversation)


@pytest.mark.parametrize("conversation", [_param(c) for c in SMS])
def test_by_sms(played, conversation):
    _result(played, "test_by_sms", conversation)


def test_a_third_go_by_sms_too():
    assert len(SMS) * 3 >= len(CONVERSATIONS) and len(CONVERSATIONS) >= 40
