"""The conflict check: a lead's names against the firm's list of clients, former clients and
adverse parties.

Pure functions: ``parse_conflict_csv`` reads the list staff upload, ``lead_names`` lists the
names a lead carries (its providers, the patient, the person writing) and ``find_conflicts``
matches them, tolerant of spelling ("Jonh Smith"), initials ("J. Smith", "John A. Smith"),
titles and credentials ("Dr.", "MD"), "Last, First", and the usual short forms ("St."/"Saint",
"Hosp."/"Hospital", "Med. Ctr."). It must not match on the generic words alone ("Mercy
Hospital" is not "Mercy Health Partners", "Mary Smith" is not "St. Mary's Hospital"): a
name's distinctive words must all match, in order.

A hit is ``{"name": the name on the lead, "matched": which of the lead's names it is
("provider", "patient" or "contact"), "list_entry": the list's name and kind}``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.leads import vocabulary as v

MAX_ENTRIES = 50_000
MAX_NAME = 300

_SHORT_FORMS = {
    "st": "saint",
    "ste": "sainte",
    "hosp": "hospital",
    "hospl": "hospital",
    "med": "medical",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "univ": "university",
    "mt": "mount",
    "ft": "fort",
    "assoc": "associates",
    "natl": "national",
    "reg": "regional",
    "dept": "department",
    "pharm": "pharmacy",
}
_STOP = frozenset({
    "the", "a", "an", "of", "and", "at", "in", "for", "my", "our", "his", "her", "their",
    "to", "by", "dr", "doctor", "nurse", "md", "do", "rn", "np", "pa", "dds", "phd", "mr",
    "mrs", "ms", "miss", "prof", "inc", "llc", "pc", "pllc", "corp", "co", "ltd", "lp", "llp",
})  # fmt: skip
"""Filler words, titles, credentials and company forms: never part of a name's identity."""
_GENERIC = frozenset({
    "hospital", "hospitals", "medical", "center", "centers", "clinic", "clinics", "health",
    "healthcare", "care", "er", "emergency", "room", "department", "pharmacy", "nursing",
    "home", "homes", "regional", "urgent", "system", "services", "group", "associates",
    "practice", "office", "ward", "unit", "icu", "physicians", "surgery", "surgical",
})  # fmt: skip
"""Words many providers share: a match needs more than these."""
GENERIC_WORDS = _GENERIC
_KIND_WORDS = {
    "client": "client",
    "current client": "client",
    "former client": "former_client",
    "former": "former_client",
    "past client": "former_client",
    "adverse": "adverse_party",
    "adverse party": "adverse_party",
    "opposing party": "adverse_party",
    "defendant": "adverse_party",
}


@dataclass(frozen=True)
class ConflictEntry:
    name: str
    kind: str  # vocabulary.CONFLICT_KINDS
    note: str = ""


@lru_cache(maxsize=65_536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name as compared: lower case, accents and punctuation gone, short forms
    spelled out, titles, credentials and filler words dropped; "Smith, John" -> john smith."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("&", " and ")
    if text.count(",") == 1:
        last, first = (part.strip() for part in text.split(","))
        if (
            last
            and first
            and len(last.split()) == 1
            and not set(first.split())
            & {
                "md",
                "do",
                "rn",
                "np",
                "pa",
                "inc",
                "llc",
                "pc",
            }
        ):
            text = f"{first} {last}"
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = [_SHORT_FORMS.get(w, w) for w in text.split()]
    return tuple(w for w in words if w not in _STOP)


def distinctive(tokens: Sequence[str]) -> tuple[str, ...]:
    """The words that tell one name from another (the generic ones dropped); the whole name
    when it has nothing else ("General Hospital")."""
    kept = tuple(t for t in tokens if t not in _GENERIC)
    return kept or tuple(tokens)


def _edits(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbouring letters as one edit."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if (
                i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
                and len(rows) > 1
            ):
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def word_matches(a: str, b: str) -> bool:
    """Two words of a name agree: the same, an initial of the other, or one slip of spelling
    (two for long words). Short words must be exact: "ann" is not "anne"'s slip."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0] and (len(a) > 1 or len(b) > 1)
    if a.isdigit() or b.isdigit():
        return False
    shortest = min(len(a), len(b))
    if (
        shortest == 3
    ):  # "jon"/"john", "ann"/"anne": one letter more, never another letter
        return abs(len(a) - len(b)) == 1 and a[0] == b[0] and _edits(a, b) == 1
    if shortest < 3:
        return False
    return _edits(a, b) <= (2 if shortest >= 8 else 1)


def _aligned(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and all(
        word_matches(x, y) for x, y in zip(a, b, strict=True)
    )


def _without_middle_initials(words: Sequence[str]) -> tuple[str, ...]:
    if len(words) <= 2:
        return tuple(words)
    return (words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1])


def names_match(a: str, b: str) -> bool:
    """Whether two names are probably the same person or organisation."""
    ta, tb = distinctive(name_tokens(a)), distinctive(name_tokens(b))
    if not ta or not tb:
        return False
    if all(len(t) == 1 for t in ta) or all(len(t) == 1 for t in tb):
        return False  # initials alone name nobody
    if _aligned(ta, tb):
        return True
    return _aligned(_without_middle_initials(ta), _without_middle_initials(tb))


def lead_names(lead: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The names a lead carries, as ``(name, which)``: each provider, the patient, the person
    writing."""
    names: list[tuple[str, str]] = []
    for provider in lead.get("providers") or []:
        if isinstance(provider, Mapping) and provider.get("name"):
            names.append((str(provider["name"]), "provider"))
    if lead.get("patient_name"):
        names.append((str(lead["patient_name"]), "patient"))
    if lead.get("contact_name"):
        names.append((str(lead["contact_name"]), "contact"))
    return names


def entry_label(entry: ConflictEntry) -> str:
    kind = v.CONFLICT_KIND_LABELS.get(entry.kind, entry.kind).lower()
    return f"{entry.name} ({kind})"


def find_conflicts(
    lead: Mapping[str, Any], entries: Iterable[ConflictEntry]
) -> list[dict[str, str]]:
    """Every (lead name, list entry) pair that matches, in the lead's order, each once."""
    names = lead_names(lead)
    hits: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    entries = list(entries)
    for name, which in names:
        for entry in entries:
            if names_match(name, entry.name):
                hit = {"name": name, "matched": which, "list_entry": entry_label(entry)}
                key = (hit["name"], hit["matched"], hit["list_entry"])
                if key not in seen:
                    seen.add(key)
                    hits.append(hit)
    return hits


def conflict_kind(text: str, default: str) -> str:
    """A list kind from a cell ("Former client", "adverse") or ``default``."""
    words = " ".join(re.sub(r"[^a-z]+", " ", (text or "").lower()).split())
    if words.replace(" ", "_") in v.CONFLICT_KINDS:
        return words.replace(" ", "_")
    return _KIND_WORDS.get(words, default)


class ConflictListError(ValueError):
    """The uploaded list cannot be read (the message says why, for staff)."""


def parse_conflict_csv(text: str, default_kind: str = "client") -> list[ConflictEntry]:
    """The entries of an uploaded CSV. With a header row, the columns ``name`` (required),
    ``kind`` (or ``type``, ``relationship``, ``category``: client, former client, adverse
    party) and ``note`` are read; without one, the first column is the name and the second,
    if any, the kind. Blank names are skipped; ``ConflictListError`` when nothing is left or
    the file is too big."""
    if default_kind not in v.CONFLICT_KINDS:
        raise ConflictListError(f"unknown kind {default_kind!r}")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ConflictListError("The file has no names in it.")
    header = [cell.strip().lower() for cell in rows[0]]
    name_col: int = 0
    kind_col: int | None = 1
    note_col: int | None = None
    if "name" in header:
        rows = rows[1:]
        name_col = header.index("name")
        kind_col = next(
            (
                header.index(h)
                for h in ("kind", "type", "relationship", "category")
                if h in header
            ),
            None,
        )
        note_col = header.index("note") if "note" in header else None
    if len(rows) > MAX_ENTRIES:
        raise ConflictListError(f"The file has more than {MAX_ENTRIES} names.")

    def cell(row: list[str], col: int | None) -> str:
        return row[col].strip() if col is not None and col < len(row) else ""

    entries = [
        ConflictEntry(
            name=cell(row, name_col)[:MAX_NAME],
            kind=conflict_kind(cell(row, kind_col), default_kind),
            note=cell(row, note_col)[:MAX_NAME],
        )
        for row in rows
        if cell(row, name_col)
    ]
    if not entries:
        raise ConflictListError("The file has no names in it.")
    return entries
