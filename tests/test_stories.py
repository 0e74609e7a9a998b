"""The test stories in tests/stories/ (every outcome, every interruption) run against the trained
model with `--fail-on-prediction-errors`: one wrong prediction fails this test."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_stories_pass_without_prediction_errors(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.rasa_cli",  # rasa's command line, the model loaded in seconds
            "test",
            "core",
            "--stories",
            "tests/stories",
            "--model",
            "models/intake.tar.gz",
            "--fail-on-prediction-errors",
            "--no-plot",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    wrong = run.stderr[run.stderr.find("WrongPrediction") :][:2000]
    assert run.returncode == 0, wrong or detail[:3000] or run.stderr[-2000:]
    assert "Failed to" not in run.stdout
