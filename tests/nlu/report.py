"""Prints intent and entity F1 from a `rasa test nlu` results folder, against the targets.

python -m tests.nlu.report results/nlu
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTENT_TARGET = 0.95
ENTITY_TARGET = 0.90


def scores(results: Path) -> dict:
    intents = json.loads((results / "intent_report.json").read_text())
    entity_file = results / "DIETClassifier_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else {}
    out = {
        "intent_macro_f1": intents["macro avg"]["f1-score"],
        "intent_weighted_f1": intents["weighted avg"]["f1-score"],
    }
    if entities:
        out["entity_macro_f1"] = entities["macro avg"]["f1-score"]
        out["entity_weighted_f1"] = entities["weighted avg"]["f1-score"]
        out["entity_micro_f1"] = entities.get("micro avg", {}).get("f1-score")
    out["weak_intents"] = {
        k: round(v["f1-score"], 3)
        for k, v in intents.items()
        if isinstance(v, dict)
        and "f1-score" in v
        and k not in ("macro avg", "weighted avg", "micro avg")
        and v["f1-score"] < 0.9
    }
    return out


def main(argv: list) -> int:
    results = Path(argv[0] if argv else "results/nlu")
    s = scores(results)
    print(f"intent macro-F1   {s['intent_macro_f1']:.3f}  (target >= {INTENT_TARGET})")
    print(f"intent weighted-F1 {s['intent_weighted_f1']:.3f}")
    if "entity_macro_f1" in s:
        print(
            f"entity macro-F1   {s['entity_macro_f1']:.3f}  (target >= {ENTITY_TARGET})"
        )
        print(f"entity weighted-F1 {s['entity_weighted_f1']:.3f}")
    if s["weak_intents"]:
        print(
            "intents under 0.9:",
            ", ".join(f"{k} {v}" for k, v in sorted(s["weak_intents"].items())),
        )
    (results / "summary.json").write_text(json.dumps(s, indent=2))
    ok = (
        s["intent_macro_f1"] >= INTENT_TARGET
        and s.get("entity_macro_f1", 1.0) >= ENTITY_TARGET
    )
    print("targets met" if ok else "targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
