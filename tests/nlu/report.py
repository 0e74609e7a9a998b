"""Prints intent and entity F1 from `rasa test nlu` results folders, against the targets.

python -m tests.nlu.report results/nlu/heldout results/nlu/outside

Each folder is one test set (its name is the set's name). For each it prints intent macro-F1
(target >= 0.95), every intent's F1 (each describe_* intent: target >= 0.90, the others are shown
when under 0.90) and entity F1 (target >= 0.90), then whether every set meets its targets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

INTENT_TARGET = 0.95
DESCRIBE_TARGET = 0.90
ENTITY_TARGET = 0.90
WEAK = 0.90
_AVERAGES = ("macro avg", "weighted avg", "micro avg", "accuracy")


def scores(results: Path) -> dict[str, Any]:
    """The figures of one results folder (`rasa test nlu --out <folder>`)."""
    intents = json.loads((results / "intent_report.json").read_text())
    entity_file = results / "DIETClassifier_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else {}
    per_intent = {
        name: round(values["f1-score"], 3)
        for name, values in intents.items()
        if isinstance(values, dict) and "f1-score" in values and name not in _AVERAGES
    }
    out: dict[str, Any] = {
        "intent_macro_f1": intents["macro avg"]["f1-score"],
        "intent_weighted_f1": intents["weighted avg"]["f1-score"],
        "intent_f1": per_intent,
        "describe_f1": {
            k: v for k, v in per_intent.items() if k.startswith("describe_")
        },
        "weak_intents": {k: v for k, v in per_intent.items() if v < WEAK},
    }
    if entities:
        out["entity_macro_f1"] = entities["macro avg"]["f1-score"]
        out["entity_weighted_f1"] = entities["weighted avg"]["f1-score"]
        out["entity_micro_f1"] = entities.get("micro avg", {}).get("f1-score")
    return out


def meets_targets(s: dict[str, Any]) -> bool:
    """Intent macro-F1, every describe_* intent and entity macro-F1 at their targets."""
    return (
        s["intent_macro_f1"] >= INTENT_TARGET
        and all(v >= DESCRIBE_TARGET for v in s["describe_f1"].values())
        and s.get("entity_macro_f1", 1.0) >= ENTITY_TARGET
    )


def _print_set(name: str, s: dict[str, Any]) -> None:
    print(f"== {name}")
    print(f"intent macro-F1    {s['intent_macro_f1']:.3f}  (target >= {INTENT_TARGET})")
    print(f"intent weighted-F1 {s['intent_weighted_f1']:.3f}")
    if "entity_macro_f1" in s:
        print(
            f"entity macro-F1    {s['entity_macro_f1']:.3f}  (target >= {ENTITY_TARGET})"
        )
        print(f"entity weighted-F1 {s['entity_weighted_f1']:.3f}")
    print(f"per intent (describe_* target >= {DESCRIBE_TARGET}):")
    for intent, f1 in sorted(s["intent_f1"].items()):
        flag = "  <" if f1 < WEAK else ""
        print(f"  {intent:32} {f1:.3f}{flag}")
    print("targets met" if meets_targets(s) else "targets NOT met")


def main(argv: list[str]) -> int:
    folders = [Path(arg) for arg in argv] or [Path("results/nlu")]
    every: dict[str, dict[str, Any]] = {}
    for folder in folders:
        s = scores(folder)
        (folder / "summary.json").write_text(json.dumps(s, indent=2))
        _print_set(folder.name, s)
        every[folder.name] = s
    if len(every) > 1:
        ok = all(meets_targets(s) for s in every.values())
        print(f"== all sets: {'targets met' if ok else 'targets NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
