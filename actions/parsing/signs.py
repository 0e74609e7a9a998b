"""The harm noticed at once, told with a later date: "it was numb right away but he said it
would come back in a few weeks. in march this year a neurologist said its permanent nerve
damage".

``noticed_at_once(text)`` gives the sentence that says the harm showed at once (at the care
itself), in the person's words, when the answer to "when did you find out?" gives a later date
too; None otherwise. The later date stays when they found out (the diagnosis, the cause); the
early signs may have started the time to sue, which an attorney decides: the screening counts
from the earlier date (``actions.screening``).

Judgment calls (pinned by ``tests/actions/parsing/test_signs.py``):

* "right away", "immediately", "straight away", "at once", "from day one", "from the start",
  "the same day", "as soon as I woke up" in a part of a sentence that names no date of its own
  ("right away. in march this year a neurologist said" has the date elsewhere).
* An answer with no other date ("same day") is the care's date already: None.
* "right after my follow up in May" names its own time: None.
"""

from __future__ import annotations

import re

__all__ = ["noticed_at_once"]

_AT_ONCE = re.compile(
    r"\b(?:right\s+away|immediately|straight\s+away|at\s+once|from\s+day\s+one"
    r"|from\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|first\s+day)"
    r"|(?:the\s+)?same\s+(?:day|night)"
    r"|right\s+after\s+(?:the|my|his|her|their)\s+(?:surgery|procedure|operation|delivery"
    r"|birth|treatment|visit|shot|injection|extraction)"
    r"|as\s+soon\s+as\s+(?:i|she|he|they|we)\s+(?:woke\s+up|got\s+home|came\s+(?:to|home|out)))\b",
    re.I,
)
# A time of its own, in the part that says "right away": a month, a year, a weekday, a count.
_OWN_TIME = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:19|20)\d\d"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|follow[\s-]?up"
    r"|\d+\s*(?:days?|weeks?|months?|years?)|(?:a|one|two|three|few|couple)\s+"
    r"(?:of\s+)?(?:days?|weeks?|months?|years?))\b",
    re.I,
)
# A later date told beside it ("in march this year", "last may", "a year later").
_LATER_TIME = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:19|20)\d\d"
    r"|(?:\w+\s+)(?:days?|weeks?|months?|years?)\s+(?:later|after)|this\s+year|last\s+year)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_PARTS = re.compile(r",|\s+(?:but|and|so|then|when)\s+", re.I)


def noticed_at_once(text: str | None) -> str | None:
    """The sentence that says the harm showed at once, when a later date is told too; None
    otherwise. "it was numb right away but he said it would come back in a few weeks. in march
    this year a neurologist said its permanent nerve damage" -> "it was numb right away but he
    said it would come back in a few weeks"."""
    said = " ".join((text or "").replace("’", "'").split())
    sentences = [s.strip() for s in _SENTENCES.split(said) if s.strip()]
    for index, sentence in enumerate(sentences):
        for part in _PARTS.split(sentence):
            if not _AT_ONCE.search(part) or _OWN_TIME.search(part):
                continue
            rest = " ".join(
                [*sentences[:index], _without(sentence, part), *sentences[index + 1 :]]
            )
            if _LATER_TIME.search(rest):
                return sentence.rstrip(" .!;")
    return None


def _without(sentence: str, part: str) -> str:
    return sentence.replace(part, " ", 1)
