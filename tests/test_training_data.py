"""`rasa data validate`, held to a clean result.

Rasa 3.6 warns about every response that no story or rule names, which includes every form
question and every response a custom action sends. Those warnings are allowed only for responses
that really are sent (a form question of a required slot, or named in actions/ code) and for
intents that only fill slots; any other warning fails this test."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SLOT_ONLY_INTENTS = {"inform", "affirm", "deny", "unsure"}


def _domain():
    return yaml.safe_load((ROOT / "domain.yml").read_text())


def test_rasa_data_validate_is_clean():
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "data",
            "validate",
            "--domain",
            "domain.yml",
            "--data",
            "data",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    code = "\n".join(p.read_text() for p in (ROOT / "actions").rglob("*.py"))
    form_slots = set(_domain()["forms"]["screening_form"]["required_slots"])
    unexpected = []
    for warning in re.findall(r"UserWarning: (.*)", output):
        unused = re.match(
            r"The utterance '(utter_\w+)' is not used in any story or rule", warning
        )
        if unused:
            name = unused.group(1)
            asked = (
                name.startswith("utter_ask_")
                and name[len("utter_ask_") :] in form_slots
            )
            if (
                asked
                or f'"{name}"' in code
                or name.startswith(
                    (
                        "utter_invalid_",
                        "utter_outcome_",
                        "utter_faq_",
                        "utter_read_back_",  # f"utter_read_back_{slot}" in actions/intake.py
                        "utter_changed_",  # f"utter_changed_{slot}" in actions/conversation.py
                    )
                )
            ):
                continue
        intent = re.match(
            r"The intent '(\w+)' is not used in any story or rule", warning
        )
        if intent and intent.group(1) in SLOT_ONLY_INTENTS:
            continue
        unexpected.append(warning)
    assert not unexpected, "\n".join(unexpected)


def test_every_rejection_and_outcome_response_is_sent_by_code():
    code = "\n".join(p.read_text() for p in (ROOT / "actions").rglob("*.py"))
    responses = _domain()["responses"]
    for name in responses:
        if name.startswith("utter_invalid_"):
            slot = name[len("utter_invalid_") :]
            assert f'"{name}"' in code or "utter_invalid_{" in code or slot in code, (
                name
            )
    outcomes = {"qualified", "urgent", "time_barred", "represented", "not_medmal"}
    for outcome in outcomes:
        assert f"utter_outcome_{outcome}" in responses


def test_the_patients_age_is_asked_with_the_name_only_when_not_yet_said():
    """ "he was 41" at the date of birth: the name question then asks the name alone."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

    responses = TemplatedNaturalLanguageGenerator(_domain()["responses"])
    for channel in ("rest", "twilio"):
        asked = responses.generate_from_slots(
            "utter_ask_patient_name", {"patient_age": None}, channel
        )
        assert asked and "how old" in asked["text"]
        asked = responses.generate_from_slots(
            "utter_ask_patient_name", {"patient_age": 41}, channel
        )
        assert asked and asked["text"] == "What is the patient's name?"
