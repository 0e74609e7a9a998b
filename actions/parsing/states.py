"""Where the care happened: the US state (or DC) a person named, as its USPS code.

Judgment calls (each is pinned by a test in ``tests/actions/parsing/test_states.py``):

* ``parse_state`` returns ``None`` when the text names two different states ("I live in Ohio but
  it happened in Texas"): the jurisdiction decides the deadline, so it asks again. A state
  taken back in the same answer ("Indiana. wait, no, sorry, it was Illinois") is not one of
  them: the one said after it is the answer.
* Two-letter codes that are also words or medical shorthand ("CT scan", "the ER", "the OR", "the
  PA told me", "my MD", "IN", "OK", "ME") are a state only where the words say so: alone as the
  whole answer, after a place word ("in tx", "moved to PA"), or after a city ("Portland OR").
* A city is a state only when it names one state (``CITIES``: the largest US cities, without the
  names shared by several, such as Portland, Columbus, Springfield or Kansas City) and only where
  it is used as a place: the whole answer, or after "in", "from", "near", "at", "outside"...
  ("im in atlanta", but not "my son Austin"). A state named outright wins over a city.
* State typos use an edit distance that counts a swapped pair of letters as one edit ("flordia"),
  not difflib's ratio: it gives a budget per name length (none for names under 6 letters, so
  "main" never becomes Maine) that is easier to reason about than a similarity cutoff.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from actions.parsing.control import after_self_correction

__all__ = ["CITIES", "STATES", "parse_state", "state_besides", "state_name"]

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
# The largest US cities whose name points at one state, lower case. Left out on purpose: names
# shared by big cities in two states (Portland, Columbus, Kansas City, Springfield, Arlington,
# Aurora, Richmond, Charleston, Columbia, Rochester, Albany, Wilmington, Jackson, Glendale...).
CITIES: dict[str, str] = {
    "birmingham": "AL", "huntsville": "AL", "anchorage": "AK", "phoenix": "AZ", "tucson": "AZ",
    "mesa": "AZ", "scottsdale": "AZ", "chandler": "AZ", "tempe": "AZ", "little rock": "AR",
    "los angeles": "CA", "san diego": "CA", "san jose": "CA", "san francisco": "CA",
    "san fran": "CA", "bay area": "CA", "fresno": "CA", "sacramento": "CA", "oakland": "CA",
    "bakersfield": "CA", "anaheim": "CA", "santa ana": "CA", "stockton": "CA", "irvine": "CA",
    "chula vista": "CA", "san bernardino": "CA", "modesto": "CA", "santa clarita": "CA",
    "denver": "CO", "colorado springs": "CO", "hartford": "CT", "new haven": "CT",
    "bridgeport": "CT", "stamford": "CT", "jacksonville": "FL", "miami": "FL", "tampa": "FL",
    "orlando": "FL", "st petersburg": "FL", "saint petersburg": "FL", "hialeah": "FL",
    "fort lauderdale": "FL", "tallahassee": "FL", "atlanta": "GA", "savannah": "GA",
    "honolulu": "HI", "boise": "ID", "chicago": "IL", "indianapolis": "IN", "fort wayne": "IN",
    "des moines": "IA", "wichita": "KS", "louisville": "KY", "new orleans": "LA", "nola": "LA",
    "baton rouge": "LA", "shreveport": "LA", "baltimore": "MD", "boston": "MA",
    "worcester": "MA", "detroit": "MI", "grand rapids": "MI", "ann arbor": "MI", "flint": "MI",
    "minneapolis": "MN", "st paul": "MN", "saint paul": "MN", "st louis": "MO",
    "saint louis": "MO", "omaha": "NE", "las vegas": "NV", "vegas": "NV", "reno": "NV",
    "newark": "NJ", "albuquerque": "NM", "brooklyn": "NY", "bronx": "NY", "manhattan": "NY",
    "queens": "NY", "harlem": "NY", "south bronx": "NY",
    "staten island": "NY", "long island": "NY", "buffalo": "NY", "syracuse": "NY",
    "charlotte": "NC", "raleigh": "NC", "greensboro": "NC", "durham": "NC",
    "winston salem": "NC", "fargo": "ND", "cleveland": "OH", "cincinnati": "OH",
    "toledo": "OH", "akron": "OH", "dayton": "OH", "tulsa": "OK", "philadelphia": "PA",
    "pittsburgh": "PA", "providence": "RI", "sioux falls": "SD", "nashville": "TN",
    "memphis": "TN", "knoxville": "TN", "chattanooga": "TN", "houston": "TX",
    "san antonio": "TX", "dallas": "TX", "austin": "TX", "fort worth": "TX", "el paso": "TX",
    "corpus christi": "TX", "plano": "TX", "lubbock": "TX", "laredo": "TX", "salt lake city": "UT",
    "salt lake": "UT", "virginia beach": "VA", "norfolk": "VA", "chesapeake": "VA",
    "seattle": "WA", "spokane": "WA", "tacoma": "WA", "milwaukee": "WI", "madison": "WI",
    "cheyenne": "WY",
}  # fmt: skip
# Words before a place name that say it is a place ("im in atlanta", "moved to PA").
_PLACE_WORDS = frozenset(
    {"in", "from", "near", "at", "of", "outside", "around", "to", "by", "downtown"}
)
# Cities named with "the" ("in the Bronx", "from the South Bronx"): their first word.
_THE_CITIES = frozenset({"bronx", "south"})
# Cities whose name is also a hospital's elsewhere ("Queen's Medical Center" is in Honolulu):
# a place only after a place word or as the whole answer.
_PLACE_ONLY_CITIES = frozenset({"queens"})
# "moved to PA": "to" is a place word only after these.
_TO_VERBS = frozenset(
    {"moved", "move", "moving", "relocated", "drove", "flew", "went", "back", "came"}
)
# Words after a code that make it shorthand, not a state ("CT scan", "OR table").
_SHORTHAND_AFTER = frozenset({
    "scan", "scans", "scanned", "hospital", "showed", "shows", "results", "result", "report",
    "nurse", "nurses", "doctor", "staff", "room", "visit", "table", "team", "tech", "techs",
    "bed", "contrast", "angiogram", "guided", "machine", "department", "dept", "suite",
})  # fmt: skip
# Words after a code that make it a person ("PA told me", "MD said"), unless a place word
# comes before it ("in PA who...").
_PERSON_AFTER = frozenset({
    "told", "tells", "said", "says", "gave", "prescribed", "missed", "ordered", "thought",
    "examined", "checked", "looked", "sent", "wrote", "was", "is", "who", "that", "did",
    "didnt", "never", "just", "refused", "saw", "sees", "put", "called", "wanted", "decided",
})  # fmt: skip
# Title-case words that come before a capital code without making it "City ST" ("Thats OK").
_NOT_CITY_WORDS = frozenset({
    "i", "im", "its", "it", "thats", "that", "this", "is", "was", "am", "are", "be", "all",
    "sounds", "seems", "looks", "feel", "feels", "feeling", "doing", "fine", "tell", "call",
    "help", "text", "email", "ask", "let", "show", "give", "send", "told", "and", "but", "so",
    "yes", "no", "not", "just", "you", "he", "she", "we", "they", "thank", "thanks", "please",
    "sure", "okay", "ok", "hi", "hello", "hey", "right", "good", "well", "alright", "still",
    "now", "the", "a", "an", "my", "his", "her", "our", "their", "your", "in", "at", "to",
    "from", "with", "for", "on", "by", "of", "dr", "doctor", "nurse", "saw", "see", "went",
})  # fmt: skip
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
    ("Cali", "Jersey", "Penn", "Mass"), misspellings ("flordia", "pensylvania") and the largest
    cities used as places ("im in houston", "Atlanta"). Shorthand that looks like a code ("a CT
    scan", "the PA told me", "the OR") is not a state; two different states give None.
    """
    if not text or not text.strip():
        return None
    taken_back = after_self_correction(text)
    if taken_back is not None:
        # "Indiana. wait, no, sorry, it was Illinois": the state said after taking one back
        corrected = parse_state(taken_back)
        if corrected:
            return corrected
    first, _, rest = text.strip().partition(".")
    if rest.strip() and len(re.findall(r"[A-Za-z]+", first)) == 1:
        # "ny. brooklyn", "tx. austin": a state on its own, then where in it
        alone = parse_state(first)
        if alone:
            return alone
    # "N.Y." -> "NY", "D.C." -> "DC", "Hawai'i" -> "Hawaii"
    cleaned = re.sub(r"\b([A-Za-z])\.\s?([A-Za-z])\b\.?", r"\1\2", text.strip())
    cleaned = re.sub(r"['’`]", "", cleaned)
    tokens = re.findall(r"[A-Za-z]+", cleaned)
    if not tokens:
        return None
    words = [token.lower() for token in tokens]
    lowered = " ".join(words)

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
    codes = _codes_in_sentence(cleaned, tokens, words)
    if codes:
        return _single(codes)
    cities = _cities(words) or _city_sentences(cleaned)
    if cities:
        return _single(cities)
    return _fuzzy_state(words)


def state_besides(text: str, held: str | None) -> str | None:
    """The state the words name besides ``held`` (the one noted), or None: "Indiana?? No, New
    York" and "You wrote Indiana. It was in New York City" name two states, and with Indiana
    noted the other one is what they mean (``parse_state`` alone gives None for two)."""
    if not text or not held or held not in STATES:
        return parse_state(text or "")
    phrases = sorted(
        (phrase for phrase, code in _STATE_PHRASES.items() if code == held),
        key=len,
        reverse=True,
    )
    pattern = r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b"
    if held not in _WORD_CODES_UPPER_ONLY:
        pattern += rf"|\b{held}\b"
    rest = re.sub(pattern, " ", text, flags=re.I)
    if held in _WORD_CODES_UPPER_ONLY:
        rest = re.sub(rf"\b{held}\b", " ", rest)  # "IN", not the word "in"
    found = parse_state(rest)
    return found if found != held else None


# The codes that are words too ("in", "me", "ok"): set aside only as written in capitals.
_WORD_CODES_UPPER_ONLY = frozenset(code.upper() for code in _WORD_CODES)


def _after_place_word(words: Sequence[str], index: int) -> bool:
    """ "in tx", "from Ohio", "moved to PA", "near atlanta": the word at `index` is a place.
    A city may take "the" after the place word ("in the Bronx")."""
    previous = words[index - 1] if index else ""
    if previous == "the" and index >= 2 and words[index] in _THE_CITIES:
        index -= 1
        previous = words[index - 1]
    if previous == "to":
        return index >= 2 and words[index - 2] in _TO_VERBS
    return previous in _PLACE_WORDS


def _codes_in_sentence(
    cleaned: str, tokens: Sequence[str], words: Sequence[str]
) -> list[str]:
    """The codes a sentence uses as states: "it happened in tx", "Portland OR", "moved to PA"."""
    shouting = cleaned.upper() == cleaned and len(tokens) > 1
    codes: list[str] = []
    for index, (token, word) in enumerate(zip(tokens, words, strict=False)):
        if word.upper() not in STATES:
            continue
        previous = words[index - 1] if index else ""
        following = words[index + 1] if index + 1 < len(words) else ""
        placed = _after_place_word(words, index)
        if previous in _ARTICLES or following in _SHORTHAND_AFTER:
            continue  # "the PA", "my MD", "a CT scan", "the VA hospital", "OR table"
        if word == "va" and _city_before(words, index) not in (None, "VA"):
            continue  # "the Phoenix VA": the veterans' hospital of an Arizona city
        if following in _PERSON_AFTER and not placed:
            continue  # "PA told me", "MD said"
        if word == "la" and len(tokens) > 1:
            if _city_state(tokens, words, index) or _after_city(words, index):
                codes.append("LA")  # "Baton Rouge, LA": Louisiana after its city
            elif placed and token.isupper() and _city_before(words, index) is None:
                codes.append("CA")  # "the county hospital in LA": Los Angeles
            continue  # "la" otherwise unsure: asked rather than guessed
        if token.isupper() and not shouting and len(tokens) > 1:
            if word not in _WORD_CODES or _city_state(tokens, words, index):
                codes.append(word.upper())  # "Portland, OR", "Bangor ME", "moved to PA"
            elif placed and word not in {"or", "in"}:
                codes.append(word.upper())  # "I am in OK", "from ME"
        elif word not in _SENTENCE_UNSAFE_CODES and placed:
            codes.append(word.upper())  # SMS style: "it happened in tx"
        elif _after_city(words, index) and (
            word not in _SENTENCE_UNSAFE_CODES
            or _city_before(words, index) == word.upper()
        ):
            # "houston tx", "tulsa, ok"; but "the Bronx in August", "Houston me and my mom":
            # an everyday word after a city is that city's state or no state at all
            codes.append(word.upper())
    return codes


def _city_before(words: Sequence[str], index: int) -> str | None:
    """The state of the known city named right before the word at `index`, or None."""
    for size in (3, 2, 1):
        if index - size >= 0:
            found = CITIES.get(" ".join(words[index - size : index]))
            if found:
                return found
    return None


def _after_city(words: Sequence[str], index: int) -> bool:
    """The word at `index` follows a known city's name ("houston tx", "salt lake city ut")."""
    return any(
        " ".join(words[max(0, index - size) : index]) in CITIES for size in (1, 2, 3)
    )


def _city_state(tokens: Sequence[str], words: Sequence[str], index: int) -> bool:
    """ "Portland OR", "Tulsa, OK": a capital code right after a city-like word, at the end."""
    if index != len(tokens) - 1 or index == 0:
        return False
    city = tokens[index - 1]
    if words[index - 1] in CITIES or words[index - 1] in _NOT_CITY_WORDS:
        return words[index - 1] in CITIES
    return city[:1].isupper() and not city.isupper()


def _cities(words: Sequence[str]) -> list[str]:
    """The state of each known city used as a place ("im in houston", "Atlanta", "near tulsa")."""
    found: list[str] = []
    alone = _strip_place_intro(words)
    for size in (3, 2, 1):
        for index in range(len(words) - size + 1):
            name = " ".join(words[index : index + size])
            code = CITIES.get(name)
            if code is None:
                continue
            whole = alone == list(words[index : index + size])
            after = words[index + size] if index + size < len(words) else ""
            facility = after in _FACILITY_WORDS and name not in _PLACE_ONLY_CITIES
            if whole or _after_place_word(words, index) or facility:
                found.append(code)
    return found


# A city named with the place of care: "the phoenix VA", "tampa general hospital".
_FACILITY_WORDS = frozenset(
    {
        "va",
        "hospital",
        "clinic",
        "er",
        "medical",
        "childrens",
        "memorial",
        "general",
        "regional",
    }
)


# Cities that are first names as often ("My son. Austin. He was 5"): a place only with a place word.
_NAMES_TOO = frozenset(
    {"austin", "charlotte", "madison", "jackson", "aurora", "irving", "henderson", "orlando",
     "tyler", "lincoln", "savannah", "dallas", "denver", "houston", "chandler", "mesa", "reno"}
)  # fmt: skip


def _city_sentences(text: str) -> list[str]:
    """The state of a known city said as a sentence of its own ("... til it was too late.
    phoenix", "i said phoenix. the VA there")."""
    found: list[str] = []
    for sentence in re.split(r"[.!?;\n]+", text):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", sentence)]
        name = " ".join(_strip_place_intro(words))
        code = CITIES.get(name)
        if code and name not in _NAMES_TOO:
            found.append(code)
    return found


_PLACE_INTRO = re.compile(
    r"^(?:(?:like\s+)?i\s+(?:said|told\s+(?:you|u))\s+)?(?:(?:i\s*(?:am|m)|im|i\s+live|we\s*(?:are|re)|we\s+live|its|it\s+was|it\s+is"
    r"|it\s+happened|happened|live|living|based)\s+)?(?:(?:in|at|from|near|outside(?:\s+of)?)\b)?"
    r"\s*(?:the\s+)?"
)


def _strip_place_intro(words: Sequence[str]) -> list[str]:
    """ "im in houston" -> ["houston"]; the city alone is then the whole answer."""
    return _PLACE_INTRO.sub("", " ".join(words)).split()
