"""Tests for actions/parsing/__init__.py: importing the package stays cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def test_import_does_not_load_slow_libraries() -> None:
    code = (
        "import sys, actions.parsing; "
        "print(sorted(m for m in ('dateparser', 'phonenumbers', 'email_validator') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
