"""axe-core in the browser tests: inject it (from ``tests/browser/node_modules``, installed by
``npm ci`` here; ``make test`` does it when missing) and list the serious and critical
violations of a page.

Pages are checked in a context made with ``bypass_csp=True``: the inbox's CSP forbids inline
scripts, which is how Playwright injects axe; the CSP itself is tested elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = (1024, 1280)


def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"{AXE} is missing: run `npm ci` in tests/browser (make test does)")
    return AXE.read_text(encoding="utf-8")


def violations(page: Any, context: str | None = None) -> list[dict]:
    """axe's serious and critical violations on the page as it is now (WCAG 2.x A and AA)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    result = page.evaluate(
        """async (context) => await window.axe.run(context || document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })""",
        context,
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def describe(found: list[dict]) -> str:
    """The violations as lines a reader can act on: rule, impact, and the first targets."""
    lines = []
    for v in found:
        targets = [" ".join(map(str, n.get("target", []))) for n in v["nodes"][:5]]
        lines.append(
            f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']} -> {targets}"
        )
        for node in v["nodes"][:2]:
            lines.append("    " + (node.get("failureSummary") or "").replace("\n", " "))
    return "\n".join(lines)
