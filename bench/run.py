"""The load benchmark: our assistant against a stock Rasa 3.6 assistant, on this machine.

    python -m bench.run                 # the full benchmark (what `make bench` runs)
    python -m bench.run --quick         # a smoke run: fewer conversations, shorter pauses
    python -m bench.run --skip-stock    # only our stack (the ratios are then left out)
    python -m bench.run --train         # also time a full `rasa train` of our model (a few minutes)
    python -m bench.run --wait-quiet 300   # before each shape, wait up to 300 s for a quiet machine
    python -m bench.run --out DIR       # where latest.json, <timestamp>.json and latency.png go
                                        # (default bench/results/, git-ignored)

What it does, in order, every step bounded in time and all traffic to 127.0.0.1:

1. Starts our stack with `bot.stack.Stack` (action server, inbox, Rasa server with
   models/intake.tar.gz) on free ports, with SQLite files in a temporary folder and SMTP pointed at
   a closed port (notifications just wait in the outbox). Start-up time = process spawn to every
   health check answering 200.
2. Checks, untimed, that the scripted screening ends in a lead: it sends the script once, reads the
   tracker's `requested_slot` before each answer and the lead through the inbox API. If the form
   asks in another order, the script is rebuilt from what the form asked (and the report says so).
   This run also warms the model up, so the first timed turn is not a cold one.
3. Drives three shapes through POST /webhooks/rest/webhook, each conversation 16 turns ending
   in a lead: one conversation at a time (unloaded latency), 20 at once with no pause (saturation:
   turns per second) and 30 at once with a 3-second pause between turns, their starts spread over
   the first pause (a busy evening). An error is a non-200, a timeout (10 s) or an empty reply list.
   The resident memory of each process (with its children) is sampled every 0.2 s.
4. Does the same for a stock assistant (`rasa init --no-prompt` in a temporary folder, which also
   trains it: that is its training time) with its own dozen-turn script, then prints both tables,
   our figures as ratios to stock Rasa's, and the targets with PASS/MISS.

Each of our conversations first asks the REST channel for its id (POST /webhooks/rest/conversations,
as the widget does), before the shape's clock starts; stock Rasa takes any sender, so its
conversations make their own. All clients share one address (127.0.0.1), so the REST channel's
per-address rate limit is lifted for the run (`RATE_LIMIT_PER_ADDRESS_PER_MINUTE`); the per-sender
limit keeps its default. This is
a benchmark, not a test: it measures and reports, it does not fail on a missed target (exit 0),
only on a stack that would not start or a script that does not end in a lead (exit 1).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bot.stack import BIN, ROOT, Stack, free_port, wait_for

MODEL = ROOT / "models" / "intake.tar.gz"
DEFAULT_OUT = ROOT / "bench" / "results"
REQUEST_TIMEOUT = 10.0  # seconds per turn; a slower answer counts as an error
SHAPE_TIME_LIMIT = 600.0  # seconds: no shape may run longer than this, whatever happens
MEMORY_INTERVAL = 0.2  # seconds between RSS samples

# Measured by the author on this 2-core machine; used only when stock Rasa is skipped.
STOCK_REFERENCE = {"unloaded_p50_ms": 40.0, "saturation_tps": 22.0}

# --- The scripts ----------------------------------------------------------------------------------
# An adult describing their own injury: the description in the second message fills
# incident_type and incident_description, so the form then asks these, in this order.
OUR_OPENING = [
    "hello",
    "the surgeon left me with nerve damage in my arm after shoulder surgery",
]
OUR_ANSWERS: list[tuple[str, str]] = [
    ("state", "Washington"),
    ("incident_date", "February 10, 2026"),
    ("discovery_date", "February 12, 2026"),
    ("government_facility", "no"),
    ("already_represented", "no"),
    # the case evaluation's questions (actions/evaluation.py)
    ("harm_description", "I still can't lift my arm properly"),
    ("providers", "Dr. Ana Patel at Harborview"),
    ("treatment_since", "physical therapy"),
    ("has_records", "no"),
    ("contact_name", "Alex Moreno"),
    ("contact_phone", "(206) 555-0112"),
    ("contact_email", "alex.moreno@example.com"),
    ("contact_consent", "yes"),
    ("summary_confirmed", "that's right"),  # the read-back before the outcome
]
# Answers for questions the form might ask that the fixed script does not expect (used only to
# rebuild the script if the form's order differs; see verify_script).
EXTRA_ANSWERS = {
    "incident_type": "surgical error",
    "incident_description": "nerve damage in my arm after shoulder surgery",
    "patient_role": "me",
    "patient_dob": "August 30, 1979",
    "patient_deceased": "no",
    "confirm_date": "yes",
    "date_month": "not sure",
    "represented_intent": "happy with my lawyer",
    "callback_wanted": "no",
    "callback_time": "any time",
    "harm_severity": "still being treated",
    "patient_name": "Alex Moreno",
    "estate_representative": "me",
    "suit_filed": "no",
}

# Stock Rasa's moodbot (`rasa init`), messages taken from its own data/nlu.yml and following its
# stories and rules, so that every turn gets an answer.
STOCK_SCRIPT = [
    "hello there",  # greet -> utter_greet
    "I am feeling very good",  # mood_great -> utter_happy
    "are you a bot?",  # bot_challenge -> utter_iamabot (rule)
    "good morning",  # greet
    "I am sad",  # mood_unhappy -> utter_cheer_up, utter_did_that_help
    "yes",  # affirm -> utter_happy
    "hey",  # greet
    "not very good",  # mood_unhappy
    "no",  # deny -> utter_goodbye
    "am I talking to a human?",  # bot_challenge
    "hi",  # greet
    "bye",  # goodbye -> utter_goodbye (rule)
]
# Its rules always answer this; it stands in for a scripted message the model leaves unanswered
# (in one run "no" after "not very good" got no reply: TED chose action_listen).
STOCK_FALLBACK = "are you a bot?"


# --- Shapes ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    name: str
    title: str
    conversations: int  # how many conversations in all
    concurrency: int  # how many run at once
    pause: float  # seconds between a reply and the next message
    spread_starts: bool = False  # spread the starts over the first pause


def shapes(quick: bool) -> list[Shape]:
    if quick:
        return [
            Shape("unloaded", "one conversation alone", 1, 1, 0.0),
            Shape("saturation", "5 conversations, no pause", 5, 5, 0.0),
            Shape(
                "busy_evening",
                "6 conversations, 1 s pause",
                6,
                6,
                1.0,
                spread_starts=True,
            ),
        ]
    return [
        # One conversation at a time; five in a row so the percentiles rest on 65 turns, not 13.
        Shape("unloaded", "one conversation alone (5 in a row)", 5, 1, 0.0),
        Shape("saturation", "20 conversations, no pause", 20, 20, 0.0),
        Shape(
            "busy_evening",
            "30 conversations, 3 s pause",
            30,
            30,
            3.0,
            spread_starts=True,
        ),
    ]


# --- Small helpers --------------------------------------------------------------------------------
def http_json(
    method: str,
    url: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, Any]:
    """One untimed request (set-up and checks only)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        return e.code, None


def new_conversation(conversations_url: str) -> str:
    """A conversation id issued by our REST channel (it refuses any other sender)."""
    status, out = http_json("POST", conversations_url, {})
    if status != 201 or not isinstance(out, dict) or not out.get("sender"):
        raise RuntimeError(f"asking for a conversation id got HTTP {status}, {out!r}")
    return out["sender"]


def channel_names() -> list[str]:
    """The channels credentials.yml registers (the REST channel measured is whichever it names)."""
    import yaml

    return sorted((yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}).keys())


def loadavg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def wait_until_quiet(max_wait: float, threshold: float = 1.0) -> dict[str, Any]:
    """Waits (at most `max_wait` seconds) for the 1-minute load average to fall to `threshold`, so
    other people's training runs and tests do not end up in the figures. Says what it found."""
    started = time.monotonic()
    while True:
        load = loadavg()
        waited = time.monotonic() - started
        if not load or load[0] <= threshold:
            return {"quiet": True, "waited_s": round(waited), "loadavg": load}
        if waited >= max_wait:
            return {"quiet": False, "waited_s": round(waited), "loadavg": load}
        time.sleep(min(15.0, max(1.0, max_wait - waited)))


def tail(path: Path, chars: int = 2500) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def stop_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Stops a process started in its own session, and everything it started."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


# --- Memory: RSS from /proc (no psutil needed) ----------------------------------------------------
def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _group_members(leaders: Sequence[int]) -> dict[int, list[int]]:
    """Every live pid whose process group is one of `leaders` (each stack process is started in
    its own session, so its group is itself and whatever it forked)."""
    wanted = set(leaders)
    members: dict[int, list[int]] = {pid: [] for pid in leaders}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: the fields start after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and int(fields[2]) in wanted:
            members[int(fields[2])].append(int(entry))
    return members


def group_rss_mb(procs: dict[str, int]) -> dict[str, float]:
    """The RSS of each named process group now (after start-up, before any traffic)."""
    members = _group_members(list(procs.values()))
    return {
        name: round(sum(_rss_kb(p) for p in (members.get(pid) or [pid])) / 1024, 1)
        for name, pid in procs.items()
    }


class MemorySampler:
    """Samples the RSS of named process groups every `interval` seconds in a thread, keeping the
    peak of each (the group's pids are listed again every 2 s, not on every sample)."""

    def __init__(self, procs: dict[str, int], interval: float = MEMORY_INTERVAL):
        self.procs = dict(procs)
        self.interval = interval
        self.peak_kb: dict[str, int] = {name: 0 for name in procs}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="rss-sampler", daemon=True
        )

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        members: dict[int, list[int]] = {}
        listed = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if now - listed > 2.0:
                members = _group_members(list(self.procs.values()))
                listed = now
            for name, leader in self.procs.items():
                pids = members.get(leader) or [leader]
                self.peak_kb[name] = max(
                    self.peak_kb[name], sum(_rss_kb(pid) for pid in pids)
                )
            self.samples += 1
            self._stop.wait(self.interval)

    def peaks_mb(self) -> dict[str, float]:
        return {name: round(kb / 1024, 1) for name, kb in self.peak_kb.items()}


# --- The load generator ---------------------------------------------------------------------------
@dataclass
class Turn:
    conversation: int
    index: int
    latency_ms: float
    error: str | None


async def _converse(
    session: Any,
    url: str,
    sender: str,
    number: int,
    script: Sequence[str],
    pause: float,
    start_delay: float,
    turns: list[Turn],
) -> None:
    import aiohttp

    if start_delay:
        await asyncio.sleep(start_delay)
    for index, text in enumerate(script):
        if index and pause:
            await asyncio.sleep(pause)
        error: str | None = None
        started = time.perf_counter()
        try:
            async with session.post(
                url, json={"sender": sender, "message": text}
            ) as response:
                body = await response.read()
                if response.status != 200:
                    error = f"HTTP {response.status}"
                else:
                    replies = json.loads(body) if body else None
                    if not isinstance(replies, list) or not replies:
                        error = "empty reply"
        except asyncio.TimeoutError:
            error = "timeout"
        except (aiohttp.ClientError, ValueError, OSError) as e:
            error = type(e).__name__
        turns.append(
            Turn(number, index, (time.perf_counter() - started) * 1000.0, error)
        )


async def _drive(
    url: str,
    shape: Shape,
    script: Sequence[str],
    prefix: str,
    conversations_url: str | None = None,
) -> tuple[list[Turn], float, list[str]]:
    """Runs one shape; with `conversations_url`, each conversation's id is asked for there
    first (untimed), else made up from `prefix`."""
    import aiohttp

    turns: list[Turn] = []
    if conversations_url:
        senders = [
            new_conversation(conversations_url) for _ in range(shape.conversations)
        ]
    else:
        senders = [
            f"{prefix}-{shape.name}-{i}-{uuid.uuid4().hex[:10]}"
            for i in range(shape.conversations)
        ]
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=shape.concurrency + 5)
    gate = asyncio.Semaphore(shape.concurrency)

    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:

        async def one(i: int) -> None:
            delay = (
                (i * shape.pause / shape.concurrency)
                if shape.spread_starts and i < shape.concurrency
                else 0.0
            )
            async with gate:
                await _converse(
                    session, url, senders[i], i, script, shape.pause, delay, turns
                )

        started = time.perf_counter()
        tasks = [asyncio.ensure_future(one(i)) for i in range(shape.conversations)]
        _done, pending = await asyncio.wait(tasks, timeout=SHAPE_TIME_LIMIT)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        wall = time.perf_counter() - started
    return turns, wall, senders


def summarise(
    turns: list[Turn], wall: float, shape: Shape, script_len: int
) -> dict[str, Any]:
    ok = [t.latency_ms for t in turns if t.error is None]
    kinds: dict[str, int] = {}
    for t in turns:
        if t.error:
            kinds[t.error] = kinds.get(t.error, 0) + 1
    expected = shape.conversations * script_len

    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 1)

    return {
        "title": shape.title,
        "conversations": shape.conversations,
        "concurrency": shape.concurrency,
        "pause_s": shape.pause,
        "turns_expected": expected,
        "turns": len(turns),
        "turns_ok": len(ok),
        "errors": (len(turns) - len(ok)) + (expected - len(turns)),
        "error_kinds": kinds,
        "wall_s": round(wall, 2),
        "turns_per_s": round(len(ok) / wall, 2) if wall > 0 else None,
        "p50_ms": r(percentile(ok, 50)),
        "p95_ms": r(percentile(ok, 95)),
        "p99_ms": r(percentile(ok, 99)),
        "mean_ms": r(statistics.fmean(ok)) if ok else None,
        "max_ms": r(max(ok)) if ok else None,
        # Where the time goes: the median latency of each turn of the script.
        "p50_ms_by_turn": [
            r(
                percentile(
                    [t.latency_ms for t in turns if t.error is None and t.index == i],
                    50,
                )
            )
            for i in range(script_len)
        ],
        "latencies_ms": [round(x, 2) for x in ok],
    }


def run_shapes(
    label: str,
    url: str,
    script: Sequence[str],
    procs: dict[str, int],
    quick: bool,
    after_shape: Callable[[Shape, list[str], dict[str, Any]], None] | None = None,
    wait_quiet: float = 0.0,
    conversations_url: str | None = None,
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for shape in shapes(quick):
        quiet = wait_until_quiet(wait_quiet) if wait_quiet > 0 else None
        if quiet is not None and not quiet["quiet"]:
            print(
                f"  [{label}] still busy after {quiet['waited_s']} s (load {quiet['loadavg']}): measuring anyway",
                flush=True,
            )
        print(f"  [{label}] {shape.title} ...", flush=True)
        load_before = loadavg()
        with MemorySampler(procs) as sampler:
            turns, wall, senders = asyncio.run(
                _drive(url, shape, script, f"bench-{label}", conversations_url)
            )
        summary = summarise(turns, wall, shape, len(script))
        summary["peak_rss_mb"] = sampler.peaks_mb()
        summary["loadavg_before"] = load_before
        summary["loadavg_after"] = loadavg()
        if quiet is not None:
            summary["waited_for_quiet"] = quiet
        if after_shape is not None:
            after_shape(shape, senders, summary)
        results[shape.name] = summary
        print(
            f"  [{label}]   {summary['turns_ok']}/{summary['turns_expected']} turns ok, "
            f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, {summary['turns_per_s']} turns/s, "
            f"{summary['errors']} errors",
            flush=True,
        )
    return results


# --- Our stack ------------------------------------------------------------------------------------
def bench_env(tmp: Path, rasa_port: int, inbox_port: int) -> dict[str, str]:
    return {
        "RASA_API_TOKEN": secrets.token_urlsafe(16),
        "INBOX_API_TOKEN": secrets.token_urlsafe(16),
        "INBOX_SECRET_KEY": secrets.token_urlsafe(32),
        "DATABASE_URL": f"sqlite:///{tmp / 'leads.db'}",
        "TRACKER_STORE_URL": f"sqlite:///{tmp / 'rasa.db'}",
        "TRACKER_STORE_DIALECT": "sqlite",
        "LEAD_SPOOL_DIR": str(tmp / "spool"),
        "LOCK_STORE_TYPE": "in_memory",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(
            free_port()
        ),  # nothing listens there: notifications wait in the outbox
        "CLIO_LEAD_INBOX_URL": "",
        "TWILIO_AUTH_TOKEN": secrets.token_urlsafe(16),
        "TWILIO_WEBHOOK_URL": f"http://127.0.0.1:{rasa_port}/webhooks/twilio/webhook",
        "ALLOWED_ORIGINS": f"http://127.0.0.1:{inbox_port}",
        "RASA_PUBLIC_URL": f"http://127.0.0.1:{rasa_port}",
        "INBOX_PUBLIC_URL": f"http://127.0.0.1:{inbox_port}",
        # Every simulated person comes from 127.0.0.1: lift the per-address limit, keep the
        # per-sender one (30 a minute; a screening is 13 messages).
        "RATE_LIMIT_PER_MINUTE": "30",
        "RATE_LIMIT_PER_ADDRESS_PER_MINUTE": "1000000",
        "RASA_TELEMETRY_ENABLED": "false",
    }


def time_training(tmp: Path) -> dict[str, Any]:
    """A full `rasa train` of our project into a temporary folder, with an empty cache (so nothing
    is reused): what a fresh checkout costs. The model under models/ is not touched."""
    out = tmp / "train"
    env = dict(
        os.environ,
        RASA_CACHE_DIRECTORY=str(tmp / "train-cache"),
        RASA_TELEMETRY_ENABLED="false",
    )
    log = tmp / "train.log"
    print("  training our model from scratch (--train) ...", flush=True)
    started = time.perf_counter()
    with open(log, "wb") as f:
        proc = subprocess.run(
            [
                str(BIN / "rasa"),
                "train",
                "--force",
                "--fixed-model-name",
                "intake",
                "--out",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            stdout=f,
            stderr=subprocess.STDOUT,
            timeout=3600,
            check=False,
        )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        return {
            "measured": False,
            "note": f"rasa train failed ({proc.returncode}): {tail(log, 800)}",
        }
    return {
        "measured": True,
        "seconds": round(seconds, 1),
        "how": "rasa train --force, empty cache, this run",
    }


def model_info() -> dict[str, Any]:
    stat = MODEL.stat()
    return {
        "measured": False,
        "model": str(MODEL.relative_to(ROOT)),
        "model_mb": round(stat.st_size / 2**20, 1),
        "model_mtime": datetime.fromtimestamp(stat.st_mtime, timezone.utc).isoformat(
            timespec="seconds"
        ),
        "note": "training not timed in this run (pass --train to time a full `rasa train`)",
    }


def verify_script(
    rasa: str, inbox: str, rasa_token: str, inbox_token: str
) -> tuple[list[str], dict[str, Any]]:
    """Sends the script once, untimed, reading `requested_slot` before each answer; returns the
    script to time (rebuilt from what the form asked if its order differs) and what was found."""
    sender = new_conversation(f"{rasa}/webhooks/rest/conversations")
    answers = dict(OUR_ANSWERS)
    answers.update({k: v for k, v in EXTRA_ANSWERS.items() if k not in answers})

    def say(text: str) -> list[dict[str, Any]]:
        status, out = http_json(
            "POST", f"{rasa}/webhooks/rest/webhook", {"sender": sender, "message": text}
        )
        if status != 200 or not out:
            raise RuntimeError(f"verification turn {text!r} got HTTP {status}, {out!r}")
        return out

    def requested() -> str | None:
        status, tracker = http_json(
            "GET", f"{rasa}/conversations/{sender}/tracker?token={rasa_token}"
        )
        if status != 200:
            raise RuntimeError(f"tracker read failed: HTTP {status}")
        return (tracker.get("slots") or {}).get("requested_slot")

    sent: list[str] = []
    asked: list[str] = []
    for text in OUR_OPENING:
        say(text)
        sent.append(text)
    for _ in range(30):
        slot = requested()
        if not slot:
            break
        asked.append(slot)
        if asked.count(slot) > 2 or slot not in answers:
            raise RuntimeError(
                f"the form asked {slot!r} (asked so far: {asked}); the script cannot answer it"
            )
        say(answers[slot])
        sent.append(answers[slot])
    expected = [slot for slot, _ in OUR_ANSWERS]
    status, leads = http_json(
        "GET", f"{inbox}/api/leads", headers={"Authorization": f"Bearer {inbox_token}"}
    )
    mine = [lead for lead in (leads or []) if lead.get("conversation_id") == sender]
    if status != 200 or len(mine) != 1:
        raise RuntimeError(
            f"the scripted screening did not end in one lead (HTTP {status}, {len(mine)} leads)"
        )
    found = {
        "conversation_id": sender,
        "asked": asked,
        "as_expected": asked == expected,
        "turns": len(sent),
        "lead_outcome": mine[0].get("outcome"),
        "lead_deadline": mine[0].get("deadline"),
    }
    if asked != expected:
        found["note"] = (
            f"the form asked {asked}, not {expected}: the timed script follows the form"
        )
    return sent, found


def answered(url: str, sender: str, text: str) -> bool:
    status, replies = http_json("POST", url, {"sender": sender, "message": text})
    return status == 200 and bool(replies)


def count_leads(inbox: str, inbox_token: str, senders: Sequence[str]) -> int | None:
    status, leads = http_json(
        "GET",
        f"{inbox}/api/leads",
        headers={"Authorization": f"Bearer {inbox_token}"},
        timeout=60,
    )
    if status != 200 or leads is None:
        return None
    wanted = set(senders)
    return sum(1 for lead in leads if lead.get("conversation_id") in wanted)


def bench_ours(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    print("Our assistant", flush=True)
    result: dict[str, Any] = {"name": "intake assistant (this project)"}
    result["training"] = time_training(tmp) if args.train else model_info()
    rasa_port, actions_port, inbox_port = free_port(), free_port(), free_port()
    env = bench_env(tmp, rasa_port, inbox_port)
    stack = Stack(
        rasa_port=rasa_port,
        actions_port=actions_port,
        inbox_port=inbox_port,
        model=MODEL,
        env=env,
        log_dir=tmp / "logs",
    )
    try:
        startup: dict[str, float] = {}
        started = time.perf_counter()
        for name, start in (
            ("actions", stack.start_actions),
            ("inbox", stack.start_inbox),
            ("rasa", stack.start_rasa),
        ):
            t0 = time.perf_counter()
            start()
            startup[f"{name}_s"] = round(time.perf_counter() - t0, 1)
        startup["total_s"] = round(time.perf_counter() - started, 1)
        result["startup"] = startup
        print(f"  started in {startup['total_s']} s ({startup})", flush=True)

        rasa = f"http://127.0.0.1:{rasa_port}"
        inbox = f"http://127.0.0.1:{inbox_port}"
        script, verification = verify_script(
            rasa, inbox, env["RASA_API_TOKEN"], env["INBOX_API_TOKEN"]
        )
        result["verification"] = verification
        result["script"] = script
        print(
            f"  verified: the script ({len(script)} turns) ends in a {verification['lead_outcome']} lead"
            + ("" if verification["as_expected"] else f" -- {verification['note']}"),
            flush=True,
        )

        def leads_check(
            shape: Shape, senders: list[str], summary: dict[str, Any]
        ) -> None:
            summary["leads_created"] = count_leads(
                inbox, env["INBOX_API_TOKEN"], senders
            )

        procs = {name: proc.pid for name, proc in stack.procs.items()}
        result["idle_rss_mb"] = group_rss_mb(procs)
        result["shapes"] = run_shapes(
            "ours",
            f"{rasa}/webhooks/rest/webhook",
            script,
            procs,
            args.quick,
            leads_check,
            wait_quiet=args.wait_quiet,
            conversations_url=f"{rasa}/webhooks/rest/conversations",
        )
        return result
    except Exception:
        for log in sorted((tmp / "logs").glob("*.log")):
            print(f"--- {log.name} (end) ---\n{tail(log)}", file=sys.stderr)
        raise
    finally:
        stack.stop()


# --- Stock Rasa -----------------------------------------------------------------------------------
def bench_stock(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    print("Stock Rasa 3.6 (rasa init)", flush=True)
    project = tmp / "stock"
    project.mkdir()
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONUNBUFFERED="1")
    env.pop("PYTHONPATH", None)
    result: dict[str, Any] = {"name": "stock Rasa 3.6.21 (rasa init --no-prompt)"}
    log_dir = tmp / "stock-logs"
    log_dir.mkdir()
    print("  rasa init --no-prompt (scaffolds and trains the moodbot) ...", flush=True)
    started = time.perf_counter()
    with open(log_dir / "init.log", "wb") as f:
        proc = subprocess.run(
            [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
            cwd=project,
            env=env,
            stdout=f,
            stderr=subprocess.STDOUT,
            timeout=1800,
            check=False,
        )
    if proc.returncode != 0 or not list((project / "models").glob("*.tar.gz")):
        raise RuntimeError(
            f"rasa init failed ({proc.returncode}):\n{tail(log_dir / 'init.log')}"
        )
    result["training"] = {
        "measured": True,
        "seconds": round(time.perf_counter() - started, 1),
        "how": "rasa init --no-prompt (scaffold + train), empty cache, this run",
    }

    rasa_port, actions_port = free_port(), free_port()
    procs: dict[str, subprocess.Popen] = {}

    def spawn(name: str, argv: list[str]) -> subprocess.Popen:
        with open(log_dir / f"{name}.log", "ab") as out:  # the child keeps its own copy
            procs[name] = subprocess.Popen(
                argv,
                cwd=project,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return procs[name]

    try:
        startup: dict[str, float] = {}
        t0 = time.perf_counter()
        p = spawn(
            "actions",
            [str(BIN / "rasa"), "run", "actions", "--port", str(actions_port)],
        )
        wait_for(f"http://127.0.0.1:{actions_port}/health", 120, p)
        startup["actions_s"] = round(time.perf_counter() - t0, 1)
        t1 = time.perf_counter()
        p = spawn(
            "rasa",
            [
                str(BIN / "rasa"),
                "run",
                "--enable-api",
                "--port",
                str(rasa_port),
                "--model",
                "models",
            ],
        )
        wait_for(f"http://127.0.0.1:{rasa_port}/status", 300, p)
        startup["rasa_s"] = round(time.perf_counter() - t1, 1)
        startup["total_s"] = round(time.perf_counter() - t0, 1)
        result["startup"] = startup
        print(f"  started in {startup['total_s']} s ({startup})", flush=True)

        url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
        # Untimed: every turn of the script gets an answer (and the model is warm); a turn that
        # gets none is replaced by a question its rules always answer, and the script checked again.
        script = list(STOCK_SCRIPT)
        replaced: list[str] = []
        for _attempt in range(3):
            sender = f"bench-stock-verify-{uuid.uuid4().hex[:8]}"
            silent = [
                i for i, text in enumerate(script) if not answered(url, sender, text)
            ]
            if not silent:
                break
            replaced += [script[i] for i in silent]
            for i in silent:
                script[i] = STOCK_FALLBACK
        result["verification"] = {
            "turns": len(script),
            "replaced_without_reply": replaced,
            "all_answered": not silent,
        }
        if replaced:
            print(
                f"  note: no reply to {replaced} in the untimed check: replaced by {STOCK_FALLBACK!r}",
                flush=True,
            )
        result["script"] = script
        pids = {name: proc.pid for name, proc in procs.items()}
        result["idle_rss_mb"] = group_rss_mb(pids)
        result["shapes"] = run_shapes(
            "stock", url, script, pids, args.quick, wait_quiet=args.wait_quiet
        )
        return result
    except Exception:
        for log in sorted(log_dir.glob("*.log")):
            print(f"--- stock {log.name} (end) ---\n{tail(log)}", file=sys.stderr)
        raise
    finally:
        for proc in procs.values():
            stop_group(proc)


# --- Report ---------------------------------------------------------------------------------------
def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def compare(ours: dict[str, Any], stock: dict[str, Any] | None) -> dict[str, Any]:
    if not stock:
        return {}
    out: dict[str, Any] = {}
    for name, mine in ours["shapes"].items():
        theirs = stock["shapes"].get(name, {})
        out[name] = {
            key: ratio(mine.get(key), theirs.get(key))
            for key in ("p50_ms", "p95_ms", "p99_ms", "turns_per_s")
        }
    return out


def targets(ours: dict[str, Any], stock: dict[str, Any] | None) -> list[dict[str, Any]]:
    s = ours["shapes"]
    stock_tps = (
        stock["shapes"]["saturation"]["turns_per_s"]
        if stock
        else STOCK_REFERENCE["saturation_tps"]
    )
    against = (
        "stock Rasa, this run"
        if stock
        else f"the issue's reference {STOCK_REFERENCE['saturation_tps']} turns/s"
    )
    checks = [
        ("unloaded p95 <= 150 ms", s["unloaded"]["p95_ms"], 150.0, "<="),
        (
            f"saturation >= 2/3 of stock ({against})",
            s["saturation"]["turns_per_s"],
            round(stock_tps * 2 / 3, 2) if stock_tps else None,
            ">=",
        ),
        ("busy evening p95 <= 300 ms", s["busy_evening"]["p95_ms"], 300.0, "<="),
        ("busy evening errors == 0", s["busy_evening"]["errors"], 0, "<="),
    ]
    out = []
    for name, value, limit, op in checks:
        ok = (
            value is not None
            and limit is not None
            and (value <= limit if op == "<=" else value >= limit)
        )
        out.append({"target": name, "value": value, "limit": limit, "pass": ok})
    return out


def table(result: dict[str, Any]) -> str:
    mem_names = list(next(iter(result["shapes"].values()))["peak_rss_mb"])
    head = f"{'shape':<34} {'turns':>7} {'err':>4} {'p50':>7} {'p95':>7} {'p99':>7} {'t/s':>6}  peak RSS MB ({', '.join(mem_names)})"
    lines = [result["name"], head, "-" * len(head)]
    for s in result["shapes"].values():
        mem = ", ".join(f"{v:.0f}" for v in s["peak_rss_mb"].values())
        leads = (
            f"  leads {s['leads_created']}/{s['conversations']}"
            if "leads_created" in s
            else ""
        )
        lines.append(
            f"{s['title']:<34} {s['turns_ok']:>7} {s['errors']:>4} {fmt(s['p50_ms'])} {fmt(s['p95_ms'])} "
            f"{fmt(s['p99_ms'])} {s['turns_per_s'] if s['turns_per_s'] is not None else '-':>6}  {mem}{leads}"
        )
    st = result.get("startup", {})
    tr = result.get("training", {})
    lines.append(
        f"start-up {st.get('total_s')} s {st}; training: "
        + (
            f"{tr['seconds']} s ({tr['how']})"
            if tr.get("measured")
            else tr.get("note", "not measured")
        )
    )
    return "\n".join(lines)


def fmt(x: float | None) -> str:
    return f"{x:>7.1f}" if x is not None else f"{'-':>7}"


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [(k, results[k]) for k in ("ours", "stock") if results.get(k)]
    names = list(results["ours"]["shapes"])
    colours = {"ours": "#1f6f8b", "stock": "#c0622f"}
    limits = {"unloaded": 150.0, "busy_evening": 300.0}
    fig, axes = plt.subplots(2, len(names), figsize=(5 * len(names), 8), squeeze=False)
    for col, shape in enumerate(names):
        ax = axes[0][col]
        for key, run in runs:
            lat = sorted(run["shapes"][shape]["latencies_ms"])
            if lat:
                ax.step(
                    lat,
                    [(i + 1) / len(lat) for i in range(len(lat))],
                    where="post",
                    color=colours[key],
                    label=f"{key} (p95 {run['shapes'][shape]['p95_ms']} ms)",
                )
        if shape in limits:
            ax.axvline(
                limits[shape],
                color="grey",
                linestyle="--",
                linewidth=1,
                label=f"p95 target {limits[shape]:.0f} ms",
            )
        ax.axhline(0.95, color="grey", linestyle=":", linewidth=0.8)
        ax.set_xscale("log")
        ax.set_title(results["ours"]["shapes"][shape]["title"], fontsize=10)
        ax.set_xlabel("per-turn latency (ms, log)")
        ax.set_ylabel("fraction of turns")
        ax.legend(fontsize=8, loc="lower right")
        box = axes[1][col]
        data = [run["shapes"][shape]["latencies_ms"] or [0.0] for _, run in runs]
        parts = box.boxplot(
            data,
            labels=[k for k, _ in runs],
            showfliers=True,
            whis=(5, 95),
            patch_artist=True,
        )
        for patch, (key, _) in zip(parts["boxes"], runs, strict=False):
            patch.set_facecolor(colours[key])
            patch.set_alpha(0.5)
        box.set_yscale("log")
        box.set_ylabel("per-turn latency (ms, log); whiskers p5-p95")
        tps = ", ".join(f"{k} {r['shapes'][shape]['turns_per_s']} t/s" for k, r in runs)
        box.set_title(tps, fontsize=9)
    fig.suptitle(
        f"Per-turn latency, REST channel, {os.cpu_count()} cores, {results['generated_at']}",
        fontsize=11,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer conversations and shorter pauses (a smoke run)",
    )
    parser.add_argument(
        "--skip-stock",
        action="store_true",
        help="do not benchmark stock Rasa (no ratios)",
    )
    parser.add_argument(
        "--train",
        action="store_true",
        help="also time a full `rasa train` of our model",
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each shape, wait up to SECONDS for the 1-minute load average to fall to 1.0 "
        "(other work on the machine skews the figures); default: do not wait",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder (default bench/results/)",
    )
    args = parser.parse_args(argv)

    if not MODEL.exists():
        print(
            f"no trained model at {MODEL.relative_to(ROOT)}: run `make setup` first",
            file=sys.stderr,
        )
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    generated = datetime.now(timezone.utc)
    results: dict[str, Any] = {
        "generated_at": generated.isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadavg_at_start": loadavg(),
        },
        "method": {
            "channel": "POST /webhooks/rest/webhook",
            "request_timeout_s": REQUEST_TIMEOUT,
            "error": "non-200, timeout or an empty reply list",
            "latency": "successful turns only",
            "memory": f"VmRSS of each process group from /proc every {MEMORY_INTERVAL} s, peak per shape",
            "shapes": [asdict(s) for s in shapes(args.quick)],
            "ours_storage": "SQLite tracker and lead store (temporary files), in-memory lock store",
            "stock_storage": "rasa init defaults: in-memory tracker store",
            "ours_channels": channel_names(),
        },
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as raw:
        tmp = Path(raw)
        try:
            results["ours"] = bench_ours(args, tmp)
            results["stock"] = None if args.skip_stock else bench_stock(args, tmp)
        except (RuntimeError, TimeoutError, subprocess.TimeoutExpired) as e:
            print(f"benchmark stopped: {e}", file=sys.stderr)
            return 1
    results["machine"]["loadavg_at_end"] = loadavg()
    results["ratios_ours_over_stock"] = compare(results["ours"], results["stock"])
    results["targets"] = targets(results["ours"], results["stock"])

    print()
    print(table(results["ours"]))
    if results["stock"]:
        print()
        print(table(results["stock"]))
        print("\nours / stock")
        for name, r in results["ratios_ours_over_stock"].items():
            print(
                f"  {name:<14} p50 x{r['p50_ms']}  p95 x{r['p95_ms']}  p99 x{r['p99_ms']}  turns/s x{r['turns_per_s']}"
            )
    print("\ntargets")
    for t in results["targets"]:
        print(
            f"  {'PASS' if t['pass'] else 'MISS'}  {t['target']}: {t['value']} (limit {t['limit']})"
        )
    load = results["machine"]
    if max(load["loadavg_at_start"] + load["loadavg_at_end"] or [0]) > (
        os.cpu_count() or 1
    ):
        print(
            f"\nnote: the machine was busy with other work (load average {load['loadavg_at_start']} at the start, "
            f"{load['loadavg_at_end']} at the end on {os.cpu_count()} cores): the figures are pessimistic."
        )

    stamp = generated.strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(results, indent=1)
    (args.out / "latest.json").write_text(text)
    (args.out / f"{stamp}.json").write_text(text)
    plot(results, args.out / "latency.png")
    print(
        f"\nwrote {args.out / 'latest.json'}, {args.out / (stamp + '.json')} and {args.out / 'latency.png'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
