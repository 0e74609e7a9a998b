"""Tests for tests/nlu/report.py on a results folder written by hand."""

import json

from tests.nlu.report import main, meets_targets, scores


def _results(tmp_path, describe_f1=0.95, other_f1=0.97, entity_f1=0.93):
    folder = tmp_path / "outside"
    folder.mkdir()
    report = {
        "describe_surgical_error": {"f1-score": describe_f1, "support": 10},
        "greet": {"f1-score": other_f1, "support": 5},
        "accuracy": 0.96,
        "macro avg": {"f1-score": (describe_f1 + other_f1) / 2},
        "weighted avg": {"f1-score": 0.96},
    }
    (folder / "intent_report.json").write_text(json.dumps(report))
    entities = {"macro avg": {"f1-score": entity_f1}, "weighted avg": {"f1-score": 0.9}}
    (folder / "DIETClassifier_report.json").write_text(json.dumps(entities))
    return folder


def test_scores_read_every_intent(tmp_path):
    s = scores(_results(tmp_path))
    assert s["intent_f1"] == {"describe_surgical_error": 0.95, "greet": 0.97}
    assert s["describe_f1"] == {"describe_surgical_error": 0.95}
    assert s["weak_intents"] == {}
    assert meets_targets(s)


def test_a_weak_describe_intent_misses_the_targets(tmp_path):
    s = scores(_results(tmp_path, describe_f1=0.89, other_f1=1.0))
    assert s["intent_macro_f1"] >= 0.94
    assert s["weak_intents"] == {"describe_surgical_error": 0.89}
    assert not meets_targets(s)


def test_main_prints_each_set_and_writes_a_summary(tmp_path, capsys):
    folder = _results(tmp_path)
    assert main([str(folder)]) == 0
    printed = capsys.readouterr().out
    assert "== outside" in printed and "describe_surgical_error" in printed
    assert "targets met" in printed
    assert (
        json.loads((folder / "summary.json").read_text())["intent_f1"]["greet"] == 0.97
    )
