"""The faster check of action-server replies accepts and rejects exactly what Rasa's own does."""

import json

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot import rasa_speedups

GOOD = [
    {
        "events": [{"event": "slot", "name": "state", "value": "WA"}],
        "responses": [{"response": "utter_ask_state"}],
    },
    {"events": [], "responses": []},
    {},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": [{"text": 5}], "events": [{"event": 3}]},
]


@pytest.fixture(scope="module")
def action():
    rasa_speedups.install()
    return RemoteAction("validate_screening_form", None)


@pytest.mark.parametrize("reply", GOOD)
def test_valid_replies_pass(action, reply):
    validate(
        reply, RemoteAction.action_response_format_spec()
    )  # Rasa's own check agrees
    assert action._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD)
def test_invalid_replies_raise_the_same_error(action, reply):
    with pytest.raises(ValidationError) as expected:
        validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError) as got:
        action._validate_action_result(reply)
    assert got.value.message.startswith(expected.value.message)
    assert "Failed to validate Action server response" in got.value.message


def test_install_is_idempotent():
    rasa_speedups.install()
    first = RemoteAction._validate_action_result
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is first


# --- Reading a tracker: the event class by its name -----------------------------------------------
def test_event_classes_are_found_as_rasa_finds_them():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    rasa_speedups.install()
    for cls in all_subclasses(Event):
        first = next(c for c in all_subclasses(Event) if c.type_name == cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is first
        assert (
            Event.resolve_by_type(cls.type_name) is first
        )  # the remembered answer too
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    from rasa.shared.core.events import UserUttered

    assert Event.resolve_by_type("no_such_event", UserUttered) is UserUttered
    assert Event.resolve_by_type("topic") is None


# --- The SQLite tracker store ----------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    rasa_speedups.install()
    domain = Domain.from_yaml(
        "version: '3.1'\nintents: [greet]\nslots:\n  state:\n    type: text\n"
        "    mappings: [{type: custom}]\nresponses:\n  utter_greet: [{text: hi}]\n"
    )
    made = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    yield made
    made.engine.dispose()


def _session(sender: str, start: float, state: str):
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        SessionStarted,
        SlotSet,
        UserUttered,
    )

    return [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start + 1),
        ActionExecuted("action_listen", timestamp=start + 2),
        UserUttered("hello", {"name": "greet", "confidence": 0.9}, timestamp=start + 3),
        SlotSet("state", state, timestamp=start + 4),
        BotUttered("hi", timestamp=start + 5),
    ]


async def _play(store, save, retrieve):
    """Two conversations, one over two sessions, saved as Rasa saves them (each turn's tracker is
    the one read back, plus the turn's events); returns the rows and what was read back."""
    from rasa.shared.core.trackers import DialogueStateTracker

    slots = store.domain.slots
    first = _session("p1", 1000.0, "Ohio")
    await save(store, DialogueStateTracker.from_events("p1", first[:4], slots))
    tracker = await retrieve(store, "p1", False)
    for event in first[4:]:
        tracker.update(event)
    await save(store, tracker)
    await save(store, tracker)  # nothing new
    await save(
        store,
        DialogueStateTracker.from_events("p2", _session("p2", 1500.0, "Iowa"), slots),
    )
    tracker = await retrieve(store, "p1", False)
    for event in _session("p1", 2000.0, "Texas"):
        tracker.update(event)
    await save(store, tracker)
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).all()
    read = [
        await retrieve(store, "p1", False),
        await retrieve(store, "p1", True),
        await retrieve(store, "p2", False),
        await retrieve(store, "nobody", False),
    ]
    return rows, [None if t is None else [e.as_dict() for e in t.events] for t in read]


async def test_the_tracker_store_keeps_and_reads_what_rasa_would(tmp_path, store):
    from rasa.core.tracker_store import SQLTrackerStore

    ours = await _play(store, SQLTrackerStore.save, SQLTrackerStore._retrieve)
    rasa_store = SQLTrackerStore(
        store.domain, dialect="sqlite", db=str(tmp_path / "r.db")
    )
    rasa = await _play(
        rasa_store, SQLTrackerStore.save.rasa, SQLTrackerStore._retrieve.rasa
    )
    rasa_store.engine.dispose()
    assert ours == rasa
    rows, (latest, full, p2, nobody) = ours
    assert [r[0] for r in rows].count("p1") == 12 and len(rows) == 18
    assert rows[3][1] == "user" and rows[3][3] == "greet"
    assert [e["event"] for e in latest][
        0
    ] == "session_started"  # the latest session only
    assert latest[-2] == {**latest[-2], "name": "state", "value": "Texas"}
    assert len(full) == 12 and nobody is None and len(p2) == 5


def test_the_tracker_store_writes_ahead_and_syncs_at_checkpoints(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


# --- Calls to the action server --------------------------------------------------------------------
async def test_action_calls_keep_one_connection_alive(aiohttp_free_server):
    from rasa.utils.endpoints import EndpointConfig

    rasa_speedups.install()
    url, connections = aiohttp_free_server
    endpoint = EndpointConfig(url, headers={"Authorization": "Bearer t"})
    for n in range(3):
        assert await endpoint.request(json={"n": n}) == {"n": n, "auth": "Bearer t"}
    assert len(connections) == 1
    async with endpoint.session() as session:
        assert not session.closed  # the `async with` leaves it open for the next call
    await session.close()
    assert await endpoint.request(json={"n": 4}) == {"n": 4, "auth": "Bearer t"}


@pytest.fixture
async def aiohttp_free_server():
    from aiohttp import web

    connections: set[int] = set()

    async def echo(request):
        connections.add(id(request.transport))
        body = await request.json()
        return web.json_response({**body, "auth": request.headers["Authorization"]})

    app = web.Application()
    app.router.add_post("/", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/", connections
    await runner.cleanup()


@pytest.mark.parametrize(
    "value",
    [
        {
            "tracker": {
                "events": [{"event": "slot", "value": 1.5}],
                "text": "é ✓ \u2028",
            }
        },
        {1: "a key that is not a string"},
        {"big": 2**70},
        [],
    ],
)
def test_request_bodies_are_the_same_json(value):
    assert json.loads(rasa_speedups.json_text(value)) == json.loads(json.dumps(value))


# --- Loading the model: the same predictions -------------------------------------------------
TINY_DIET = {
    "config.yml": (
        "recipe: default.v1\nlanguage: en\nassistant_id: quick-load-test\npipeline:\n"
        "  - name: WhitespaceTokenizer\n  - name: CountVectorsFeaturizer\n"
        "  - name: DIETClassifier\n    epochs: 3\n    number_of_transformer_layers: 1\n"
        "    transformer_size: 16\n    random_seed: 7\npolicies: []\n"
    ),
    "nlu.yml": (
        'version: "3.1"\nnlu:\n'
        "- intent: greet\n  examples: |\n    - hello\n    - hi there\n    - good morning\n"
        "- intent: report\n  examples: |\n    - they left a [sponge](object) in me\n"
        "    - my [mom](role) had the wrong knee operated\n"
        "    - the pharmacy gave my [dad](role) the wrong pills\n"
        "- intent: deny\n  examples: |\n    - no\n    - nope\n    - not really\n"
    ),
}
MESSAGES = ["hello", "my dad got the wrong pills", "they left a clamp in my mom", "no"]


@pytest.fixture(scope="module")
def tiny_diet_model(tmp_path_factory):
    """A three-intent DIET model (cached under tests/artifacts/, keyed by its files)."""
    import hashlib
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    key = hashlib.sha256(repr(sorted(TINY_DIET.items())).encode()).hexdigest()[:16]
    cache = (
        Path(__file__).resolve().parents[1] / "artifacts" / f"tiny-diet-{key}.tar.gz"
    )
    if cache.exists():
        return cache
    project = tmp_path_factory.mktemp("tiny_diet")
    for name, text in TINY_DIET.items():
        (project / name).write_text(text)
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", "config.yml"]
        + ["--nlu", "nlu.yml", "--out", "models", "--fixed-model-name", "tiny"],
        cwd=project,
        check=True,
        timeout=600,
        capture_output=True,
    )
    cache.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(project / "models" / "tiny.tar.gz", cache)
    return cache


def _predictions(model) -> list:
    import asyncio

    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse() -> list:
        found = []
        for text in MESSAGES:
            parsed = await agent.parse_message(text)
            found.append(
                (
                    [(i["name"], i["confidence"]) for i in parsed["intent_ranking"]],
                    [(e["entity"], e["value"]) for e in parsed["entities"]],
                )
            )
        return found

    return asyncio.run(parse())


def test_the_quick_model_load_predicts_exactly_what_rasas_own_does(
    tiny_diet_model, monkeypatch
):
    from rasa.utils.tensorflow.models import RasaModel

    rasa_speedups.install()
    quick = RasaModel.__dict__["load"]
    assert rasa_speedups.RASA_MODEL_LOAD is not None
    monkeypatch.setattr(RasaModel, "load", rasa_speedups.RASA_MODEL_LOAD)
    own = _predictions(tiny_diet_model)
    monkeypatch.setattr(RasaModel, "load", quick)
    ours = _predictions(tiny_diet_model)
    # to the last bit: predicting eagerly instead of through the compiled function would
    # already differ in the eighth decimal
    assert ours == own
    assert {intent for ranking, _ in own for intent, _ in ranking[:1]} >= {"greet"}
