"""`python -m actions.limitations`: the command-line contract, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = [
    "state",
    "deadline",
    "days_left",
    "status",
    "explanation",
    "citation",
    "caveats",
    "deadline_latest",
    "notice_deadline",
    "notice_citation",
    "suit_deadline",
]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actions.limitations", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_prints_one_json_object_and_exits_zero() -> None:
    done = cli(
        "--state", "TX", "--incident-date", "2025-03-15", "--as-of", "2026-11-22"
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.count("\n") == 1
    data = json.loads(done.stdout)
    assert list(data) == KEYS
    assert (
        data["state"] == "TX"
        and data["deadline"] == "2027-03-15"
        and data["days_left"] == 113
    )
    assert data["status"] == "open"
    assert "74.251" in data["citation"]
    assert any("attorney must confirm" in c for c in data["caveats"])


def test_every_option() -> None:
    done = cli(
        "--state",
        "wa",
        "--incident-date",
        "2026-02-10",
        "--discovery-date",
        "2026-02-12",
        "--date-of-birth",
        "1980-05-05",
        "--death-date",
        "2026-03-01",
        "--case-type",
        "surgical_error",
        "--foreign-object",
        "--government-facility",
        "--as-of",
        "2026-11-22",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["state"] == "WA" and data["status"] == "needs_review"
    assert data["deadline"] is not None and isinstance(data["days_left"], int)


def test_a_federal_facility_on_the_command_line() -> None:
    done = cli(
        "--state",
        "MI",
        "--incident-date",
        "2024-01",
        "--discovery-date",
        "2025-02",
        "--federal-facility",
        "--as-of",
        "2026-11-28",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["deadline"] == "2027-02-01" and data["status"] == "needs_review"
    assert "2401(b)" in data["citation"]


def test_as_of_defaults_to_today() -> None:
    done = cli("--state", "TX", "--incident-date", "2025-03-15")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["days_left"] == (date(2027, 3, 15) - date.today()).days


def test_partial_date_on_the_command_line() -> None:
    done = cli("--state", "TX", "--incident-date", "2024-03", "--as-of", "2026-11-22")
    data = json.loads(done.stdout)
    assert data["deadline"] == "2026-03-01" and data["status"] == "expired"
    assert "Approximate" in data["explanation"]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--state", "ZZ", "--incident-date", "2025-03-15"], "unknown state"),
        (["--state", "TX", "--incident-date", "2025-02-30"], "not a real date"),
        (["--state", "TX", "--incident-date", "15/03/2025"], "YYYY-MM-DD"),
        (
            ["--state", "TX", "--incident-date", "2027-01-01", "--as-of", "2026-11-22"],
            "after the as-of date",
        ),
        (
            [
                "--state",
                "TX",
                "--incident-date",
                "2025-03-15",
                "--discovery-date",
                "2025-03-01",
            ],
            "before the incident",
        ),
        (
            [
                "--state",
                "TX",
                "--incident-date",
                "2025-03-15",
                "--death-date",
                "2024-12-31",
            ],
            "before the incident",
        ),
        (
            [
                "--state",
                "TX",
                "--incident-date",
                "2025-03-15",
                "--death-date",
                "2999-01-01",
            ],
            "after the as-of date",
        ),
        (
            ["--state", "TX", "--incident-date", "2025-03-15", "--as-of", "yesterday"],
            "as-of date",
        ),
        (
            [
                "--state",
                "TX",
                "--incident-date",
                "2025-03-15",
                "--case-type",
                "slip_and_fall",
            ],
            "case type",
        ),
        (["--state", "TX"], "--incident-date"),
        (["--incident-date", "2025-03-15"], "--state"),
        (["--state", "TX", "--incident-date", "2025-03-15", "--bogus"], "unrecognized"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_two(
    args: list[str], fragment: str
) -> None:
    done = cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and fragment in lines[0]


def test_month_only_discovery_gives_a_range_and_is_not_expired() -> None:
    # Issue 12: "Found out November 2024" in Colorado, screened on Nov 28, 2026.
    done = cli(
        "--state",
        "CO",
        "--incident-date",
        "2024-06-15",
        "--discovery-date",
        "2024-11",
        "--as-of",
        "2026-11-28",
    )
    data = json.loads(done.stdout)
    assert (data["deadline"], data["deadline_latest"]) == ("2026-11-01", "2026-11-30")
    assert data["status"] == "urgent"


def test_cancer_flag_applies_laverns_law() -> None:
    args = ["--state", "NY", "--incident-date", "2019-01-01"]
    args += ["--discovery-date", "2023-01-01", "--case-type", "misdiagnosis"]
    args += ["--as-of", "2024-01-01"]
    plain = json.loads(cli(*args).stdout)
    cancer = json.loads(cli(*args, "--cancer").stdout)
    assert plain["deadline"] == "2021-07-01" and plain["status"] == "expired"
    assert cancer["deadline"] == cancer["deadline_latest"] == "2025-07-01"
    assert cancer["status"] == "open"
