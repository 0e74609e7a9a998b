"""The trained model on the held-out NLU set (never used for training) meets the quality bar:
intent macro-F1 >= 0.95 and entity macro-F1 >= 0.90 (`make nlu-report` prints the figures)."""

import subprocess
import sys
from pathlib import Path

from tests.nlu.report import ENTITY_TARGET, INTENT_TARGET, scores

ROOT = Path(__file__).resolve().parents[2]


def test_heldout_f1_meets_the_targets(tmp_path):
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "test",
            "nlu",
            "--nlu",
            "tests/nlu/heldout.yml",
            "--model",
            "models/intake.tar.gz",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    s = scores(tmp_path)
    assert s["intent_macro_f1"] >= INTENT_TARGET, s
    assert s["entity_macro_f1"] >= ENTITY_TARGET, s
