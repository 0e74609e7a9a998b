"""A throwaway Rasa project for the channel tests: a few intents and responses, one with buttons.

`train_tiny_model(dir)` trains it with `rasa train --fixed-model-name` (about a minute on 2 cores)
and caches the result under tests/artifacts/ keyed by the project's content, so reruns are quick.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RASA = str(Path(sys.executable).with_name("rasa"))

LONG_ANSWER = " ".join(
    f"Point {i}: the statute of limitations may be shorter than you think, so please write down "
    f"the dates you remember."
    for i in range(1, 31)
)  # ~3,000 characters of sentences

FILES = {
    "config.yml": """
recipe: default.v1
language: en
assistant_id: channel-tests
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: LogisticRegressionClassifier
  - name: FallbackClassifier
    threshold: 0.6
policies:
  - name: RulePolicy
""",
    "domain.yml": f"""
version: "3.1"
intents:
  - greet
  - describe
  - choose_surgical
  - choose_birth
  - choose_other
  - ask_long
responses:
  utter_greet:
    - text: "Hello! What happened?"
      buttons:
        - title: "Surgical error"
          payload: "/choose_surgical"
        - title: "Birth injury"
          payload: "/choose_birth"
        - title: "Something else"
          payload: "/choose_other"
  utter_surgical:
    - text: "You chose surgical error."
  utter_birth:
    - text: "You chose birth injury."
  utter_other:
    - text: "You chose something else."
  utter_got_it:
    - text: "Thank you, I have noted that."
  utter_long:
    - text: "{LONG_ANSWER}"
session_config:
  session_expiration_time: 60
  carry_over_slots_to_new_session: true
""",
    "data/nlu.yml": """
version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hi
      - hello
      - hey
      - good morning
      - hello there
  - intent: describe
    examples: |
      - the surgeon left a sponge inside me
      - my baby was hurt during delivery
      - they gave me the wrong medication
      - the doctor missed my cancer
      - i was injured during an operation at the hospital
""",
    "data/rules.yml": """
version: "3.1"
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: describe
    steps:
      - intent: describe
      - action: utter_got_it
  - rule: fallback
    steps:
      - intent: nlu_fallback
      - action: utter_got_it
  - rule: surgical
    steps:
      - intent: choose_surgical
      - action: utter_surgical
  - rule: birth
    steps:
      - intent: choose_birth
      - action: utter_birth
  - rule: other
    steps:
      - intent: choose_other
      - action: utter_other
  - rule: long
    steps:
      - intent: ask_long
      - action: utter_long
""",
}


def project_hash() -> str:
    h = hashlib.sha256()
    for name in sorted(FILES):
        h.update(name.encode() + b"\0" + FILES[name].encode() + b"\0")
    return h.hexdigest()[:16]


def write_project(root: Path) -> None:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")


def train_tiny_model(workdir: Path) -> Path:
    cache = REPO / "tests" / "artifacts" / f"tiny-model-{project_hash()}.tar.gz"
    if cache.exists():
        return cache
    project = workdir / "tiny_project"
    project.mkdir(parents=True, exist_ok=True)
    write_project(project)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false")
    subprocess.run(
        [
            RASA,
            "train",
            "--fixed-model-name",
            "tiny",
            "--out",
            str(project / "models"),
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data",
        ],
        cwd=project,
        env=env,
        check=True,
        timeout=900,
        stdout=subprocess.DEVNULL if not os.environ.get("TEST_VERBOSE") else None,
    )
    model = project / "models" / "tiny.tar.gz"
    cache.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model, cache)
    return cache
