"""The case summary at the top of each lead: who, what, where, when, harm now, providers,
and the deadline in one line each, in plain words for intake staff.

One pure function over the lead's fields (``bot.leads.vocabulary`` names); the lead store
keeps its text with the lead when the lead is written (``bot.leads.assessment``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from actions.limitations import NOTICE_CAVEAT_PREFIX
from actions.parsing.dates import humanize_date
from actions.parsing.states import STATES
from bot.leads import vocabulary as v

RELATIONS = {
    "child": "their child",
    "spouse": "their spouse",
    "parent": "their parent",
    "other_family": "a family member",
    "other": "someone else",
}


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .")
    return text[:1].upper() + text[1:] + "." if text else ""


def _quote(text: Any, limit: int = 240) -> str:
    words = " ".join(str(text or "").split()).strip(" .")
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# The person writing handles the estate: "me", "I am", "myself", "im the executor"; not "I'm
# not sure".
SELF_AS_ESTATE = re.compile(
    r"^\W*(?:me|myself|i\s+am|i'?m|im|i\s+do|i\s+will)\b(?!\s+(?:not|unsure|no)\b)",
    re.I,
)


# Who handles the estate, said as a sentence: "My sister is the executor in his will", "my
# brother will be the administrator" -> "my sister", "my brother".
ESTATE_HOLDER = re.compile(
    r"^\W*(?P<who>(?:(?:my|our|his|her|their)\s+)?[\w'-]+(?:\s+(?:and\s+)?[\w'-]+){0,3}?)"
    r"\s+(?:is|are|was|were|will\s+be|would\s+be|'s|'re)\s+(?:(?:the|his|her|their|named"
    r"|listed\s+as|going\s+to\s+be)\s+)*(?:executor|executors|executrix|administrator"
    r"|administrators|personal\s+representatives?|handling|in\s+charge)\b",
    re.I,
)


def estate_holder(estate: str) -> str:
    """Who handles the estate, from their words: "My sister is the executor in his will" ->
    "my sister (“My sister is the executor in his will”)"; words that name them only
    ("my brother") as they are."""
    said = _quote(estate)
    holder = ESTATE_HOLDER.match(said)
    if not holder:
        return said
    who = holder.group("who")
    who = (
        who[:1].lower() + who[1:]
        if re.match(r"(?i:my|our|his|her|their)\b", who)
        else who
    )
    return f"{who} (“{said}”)"


def who_line(facts: Mapping[str, Any]) -> str:
    name = facts.get("contact_name") or "Name not given"
    role = facts.get("patient_role")
    if role in (None, "self"):
        line = f"{name}, the patient" if role == "self" else str(name)
    else:
        line = f"{name}, for {RELATIONS.get(str(role), 'someone else')}"
        if facts.get("patient_name"):
            line += f" {facts['patient_name']}"
    if facts.get("patient_age") is not None:
        line += f" (aged {facts['patient_age']} then)"
    if facts.get("patient_deceased") is True:
        died = humanize_date(facts.get("death_date") or "")
        line += ", who has died" + (f" ({died})" if died else "")
        estate = facts.get("estate_representative")
        if estate and SELF_AS_ESTATE.match(str(estate)):
            # "I am. She named me executor in her will": the person writing, in their words
            line += f"; estate handled by {facts.get('contact_name') or 'the person writing'}"
            line += f" (“{estate}”)"
        elif estate:
            line += f"; estate handled by {estate_holder(str(estate))}"
    return _sentence(line)


def first_signs_said(facts: Mapping[str, Any]) -> str:
    """Their words for the harm noticed at once ("it was numb right away but he said it would
    come back in a few weeks"), from the caveat of a deadline counted from the first signs;
    empty when there is none."""
    caveats = facts.get("caveats")
    if not isinstance(caveats, list):
        return ""
    for caveat in caveats:
        text = str(caveat)
        if text.startswith(v.FIRST_SIGNS_CAVEAT_PREFIX):
            said = re.search(r"“([^”]*)”", text)
            return _quote(said.group(1), 160) if said else ""
    return ""


def what_line(facts: Mapping[str, Any]) -> str:
    kind = v.INCIDENT_LABELS.get(str(facts.get("incident_type")), "Medical care")
    state = STATES.get(str(facts.get("state") or "").upper())
    when = humanize_date(facts.get("incident_date") or "")
    line = kind + (f" in {state}" if state else "") + (f", {when}" if when else "")
    found = facts.get("discovery_date")
    signs = first_signs_said(facts)
    if found and found != facts.get("incident_date"):
        noticed = f"; noticed at once: “{signs}”" if signs else ""
        line += f" (found out {humanize_date(found)}{noticed})"
    if facts.get("government_facility") is True:
        line += ", at a government facility"
    said = _quote(facts.get("incident_description"))
    return _sentence(line + (f": “{said}”" if said else ""))


def harm_line(facts: Mapping[str, Any]) -> str:
    severity = facts.get("harm_severity")
    if facts.get("patient_deceased") is True:
        severity = "death"
    label = v.HARM_LABELS.get(str(severity), "not told").lower()
    said = _quote(facts.get("harm_description"))
    return _sentence(f"Harm now: {label}" + (f" (“{said}”)" if said else ""))


def providers_line(facts: Mapping[str, Any]) -> str:
    providers = [
        p
        for p in facts.get("providers") or []
        if isinstance(p, Mapping) and p.get("name")
    ]
    if not providers:
        return "Providers: none named."
    named = [
        f"{p['name']} ({v.PROVIDER_KIND_LABELS.get(str(p.get('kind')), 'other').lower()})"
        for p in providers
    ]
    return _sentence("Providers: " + "; ".join(named))


def since_line(facts: Mapping[str, Any]) -> str:
    parts = []
    if facts.get("treatment_since"):
        parts.append(f"treatment since: {_quote(facts['treatment_since'], 160)}")
    if facts.get("work_impact") is True:
        parts.append("work or daily life affected")
    elif facts.get("work_impact") is False:
        parts.append("work and daily life not affected")
    if facts.get("has_records") is True:
        parts.append("has their records")
    elif facts.get("has_records") is False:
        parts.append("no records yet")
    return _sentence("; ".join(parts)) if parts else ""


def lawyer_line(facts: Mapping[str, Any]) -> str:
    if facts.get("already_represented") is not True:
        return ""
    wants = v.REPRESENTED_INTENT_LABELS.get(str(facts.get("represented_intent")))
    line = "Already has a lawyer" + (f"; wants {wants.lower()}" if wants else "")
    if facts.get("suit_filed") is True:
        line += "; a suit is already filed"
    return _sentence(line)


def notice_sentence(facts: Mapping[str, Any]) -> str:
    """A government's notice of claim, a deadline of its own, as the limitations engine put
    it in the caveats ("Notice of claim due by Nov 12, 2026 (N.Y. Gen. Mun. Law § 50-e); suit
    by Nov 12, 2027."); empty when there is none."""
    caveats = facts.get("caveats")
    if not isinstance(caveats, list):
        return ""
    found = next(
        (str(c) for c in caveats if str(c).startswith(NOTICE_CAVEAT_PREFIX)), ""
    )
    return " " + _sentence(found) if found else ""


def deadline_line(facts: Mapping[str, Any]) -> str:
    deadline = facts.get("deadline")
    status = facts.get("limitation_status")
    notice = notice_sentence(facts)
    if facts.get("outcome") == v.TIME_BARRED or status == "expired":
        passed = f" ({humanize_date(str(deadline))})" if deadline else ""
        return (
            f"Deadline: may have passed{passed}; an attorney must check the exceptions."
            + notice
        )
    if not deadline:
        return "Deadline: not estimated (state or date missing)."
    line = f"Deadline: {humanize_date(str(deadline))}"
    if facts.get("outcome") == v.URGENT:
        line += ", urgent"
    return line + " (a screening estimate for an attorney to confirm)." + notice


def reach_line(reach: list[str] | None) -> str:
    """How to reach them beyond the number: "How to reach: prefers “text first, I'm on job
    sites all day”; another number (their daughter's): +14805550143."."""
    if not reach:
        return ""
    said = "; ".join(line[:1].lower() + line[1:] for line in reach)
    return _sentence(f"How to reach: {said}")


def case_summary(facts: Mapping[str, Any], reach: list[str] | None = None) -> str:
    """The summary as a few short lines (who; how to reach them, when they said more than a
    number; what, where, when; harm now; providers; since; a lawyer, if any; the deadline),
    each a sentence; empty lines are left out."""
    lines = (
        who_line(facts),
        reach_line(reach),
        what_line(facts),
        harm_line(facts),
        providers_line(facts),
        since_line(facts),
        lawyer_line(facts),
        deadline_line(facts),
    )
    return "\n".join(line for line in lines if line)
