"""Where the care happened: the US state (or DC) a person named, as its USPS code.

Judgment calls (each is pinned by a test in ``tests/actions/parsing/test_states.py``):

* ``parse_state`` returns ``None`` when the text names two different states ("I live in Ohio but
  it happened in Texas"): the jurisdiction decides the deadline, so it asks again.
* State typos use an edit distance that counts a swapped pair of letters as one edit ("flordia"),
  not difflib's ratio: it gives a budget per name length (none for names under 6 letters, so
  "main" never becomes Maine) that is easier to reason about than a similarity cutoff.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

__all__ = ["STATES", "parse_state", "state_name"]

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

# Codes that are also everyday words: only a state when the whole answer is the code in capitals.
_WORD_CODES = frozenset({"in", "me", "ok", "or", "hi", "oh", "la"})
# Codes that are names/particles/abbreviations in a sentence ("de la Cruz", "Al", "ma", "mo").
_SENTENCE_UNSAFE_CODES = _WORD_CODES | {"id", "de", "al", "ma", "mo"}

# Phrases matched anywhere in the text (lower case, words separated by single spaces).
_STATE_PHRASES: dict[str, str] = {name.lower(): code for code, name in STATES.items()}
_STATE_PHRASES.update({
    "washington dc": "DC", "washington d c": "DC", "washington district of columbia": "DC",
    "d c": "DC", "washington state": "WA", "new york city": "NY", "nyc": "NY",
    "cali": "CA", "calif": "CA", "socal": "CA", "norcal": "CA", "jersey": "NJ",
    "penn": "PA", "penna": "PA", "penn state": "PA", "philly": "PA", "mass general": "MA",
    "massachusets": "MA", "ariz": "AZ", "colo": "CO", "conn": "CT", "fla": "FL", "okla": "OK",
    "tenn": "TN", "wisc": "WI", "minn": "MN", "mich": "MI", "nebr": "NE", "hawai i": "HI",
    "road island": "RI", "dc": "DC", "kansas city missouri": "MO", "kansas city mo": "MO",
    "kansas city kansas": "KS", "kansas city ks": "KS", "west va": "WV", "w va": "WV",
    "n carolina": "NC", "s carolina": "SC",
    "n dakota": "ND", "s dakota": "SD",
})  # fmt: skip
# Short forms that are ordinary words in a sentence ("a mass in my breast", "wash your hands"):
# a state only when they are the whole answer.
_STATE_ALONE: dict[str, str] = {
    "mass": "MA", "wash": "WA", "ill": "IL", "ind": "IN", "del": "DE", "tex": "TX",
    "ark": "AR", "miss": "MS", "ore": "OR", "mont": "MT", "nev": "NV", "neb": "NE",
    "kan": "KS", "kans": "KS", "wis": "WI", "ala": "AL", "wyo": "WY", "cal": "CA",
    "carolina": "", "dakota": "",  # two states each: ask again
}  # fmt: skip
# Words a typo-matcher would otherwise turn into a state.
_FUZZY_BLOCK = frozenset(
    {"indian", "indians", "george", "georges", "oregano", "texan", "kansan"}
)
_ARTICLES = frozenset({"the", "a", "an", "my", "his", "her", "their", "our", "your"})


def state_name(code: str) -> str:
    """ "TX" -> "Texas". Raises KeyError for an unknown code."""
    return STATES[code.strip().upper()]


def _osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbouring letters as one edit ("flordia")."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _allowed_typos(target: str) -> int:
    letters = len(target.replace(" ", ""))
    if letters < 6:
        return (
            0  # "Ohio", "Iowa", "Utah", "Maine", "Texas": too close to ordinary words
        )
    return 1 if letters <= 8 else 2


_STATE_NAMES: dict[str, str] = {name.lower(): code for code, name in STATES.items()}


@functools.lru_cache(maxsize=4096)
def _near_states(word: str) -> tuple[tuple[str, int], ...]:
    """(code, distance) for every state name one word is a plausible misspelling of."""
    if len(word) < 5 or word in _FUZZY_BLOCK:
        return ()
    near: list[tuple[str, int]] = []
    for name, code in _STATE_NAMES.items():
        glued = name.replace(" ", "")  # "newyork", "newjersy"
        budget = (
            _allowed_typos(name) if " " not in name else max(1, _allowed_typos(name))
        )
        if budget and abs(len(word) - len(glued)) <= budget:
            distance = _osa_distance(word, glued)
            if distance <= budget:
                near.append((code, distance))
    return tuple(near)


def _fuzzy_state(words: Sequence[str]) -> str | None:
    """A state name misspelled in one or two words, or None when nothing (or >1 state) is close."""
    candidates: dict[str, int] = {}
    for word in words:
        for code, distance in _near_states(word):
            candidates[code] = min(distance, candidates.get(code, distance))
    for first, second in zip(words, words[1:], strict=False):
        if len(second) < 5:
            continue
        for name, code in _STATE_NAMES.items():
            parts = name.split(" ")
            if len(parts) != 2 or abs(len(second) - len(parts[1])) > 2:
                continue
            if _osa_distance(first, parts[0]) > (1 if len(parts[0]) >= 4 else 0):
                continue
            if first != parts[0] and second == parts[1]:
                candidates[code] = 1  # "nrth dakota"
                continue
            budget = _allowed_typos(parts[1]) if len(parts[1]) >= 6 else 0
            if 0 < _osa_distance(second, parts[1]) <= budget:
                candidates[code] = 1  # "new jersy"
    if not candidates:
        return None
    best = min(candidates.values())
    winners = [code for code, distance in candidates.items() if distance == best]
    return winners[0] if len(winners) == 1 else None


def _find_phrases(text: str) -> list[tuple[int, str]]:
    """(position, code) for every state phrase, longest phrases first, never overlapping."""
    padded = f" {text} "
    taken = [False] * len(padded)
    found: list[tuple[int, str]] = []
    for phrase in sorted(_STATE_PHRASES, key=len, reverse=True):
        needle = f" {phrase} "
        start = padded.find(needle)
        while start != -1:
            span = range(start + 1, start + len(needle) - 1)
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                found.append((start, _STATE_PHRASES[phrase]))
            start = padded.find(needle, start + 1)
    return sorted(found)


def _single(codes: Iterable[str]) -> str | None:
    distinct = list(dict.fromkeys(codes))
    return distinct[0] if len(distinct) == 1 else None


def parse_state(text: str) -> str | None:
    """The two-letter USPS code (50 states + "DC") a person named, or None.

    Accepts codes ("tx", "N.Y."), names in any case and inside sentences, common short forms
    ("Cali", "Jersey", "Penn", "Mass"), and misspellings ("flordia", "pensylvania").
    """
    if not text or not text.strip():
        return None
    # "N.Y." -> "NY", "D.C." -> "DC", "Hawai'i" -> "Hawaii"
    cleaned = re.sub(r"\b([A-Za-z])\.\s?([A-Za-z])\b\.?", r"\1\2", text.strip())
    cleaned = re.sub(r"['’`]", "", cleaned)
    tokens = re.findall(r"[A-Za-z]+", cleaned)
    if not tokens:
        return None
    words = [token.lower() for token in tokens]
    lowered = " ".join(words)
    shouting = cleaned.upper() == cleaned and len(tokens) > 1

    if len(tokens) == 1:
        token, word = tokens[0], words[0]
        if word.upper() in STATES:
            if word not in _WORD_CODES or token.isupper():
                return word.upper()
            return None
        if word in _STATE_ALONE:
            return _STATE_ALONE[word] or None

    phrases = _find_phrases(lowered)
    if phrases:
        return _single(code for _, code in phrases)

    codes: list[str] = []
    for index, (token, word) in enumerate(zip(tokens, words, strict=False)):
        if word.upper() not in STATES:
            continue
        previous = words[index - 1] if index else ""
        following = words[index + 1] if index + 1 < len(words) else ""
        if previous in _ARTICLES or following in {"scan", "scans", "hospital"}:
            continue  # "the PA", "my MD", "a CT scan", "the VA hospital"
        if token.isupper() and not shouting and len(tokens) > 1:
            city_state = index == len(tokens) - 1 and tokens[index - 1][:1].isupper()
            if word not in _WORD_CODES or city_state:  # "Portland, OR", "Bangor ME"
                codes.append(word.upper())
        elif word not in _SENTENCE_UNSAFE_CODES and previous in {
            "in",
            "from",
            "at",
            "of",
            "near",
        }:
            codes.append(word.upper())  # SMS style: "it happened in tx"
    if codes:
        return _single(codes)
    return _fuzzy_state(words)
