"""A baby who did not live to be born alive: "She was stillborn at 38 weeks", "she was born
dead on October 20", "She never took a breath".

``says_stillborn(text)`` tells whether the words say so. Such a baby has no life between the
care and the birth to check (the delivery comes after the care that failed), no age, and no
estate to ask about: the date said for the birth is the delivery's, and the death's too.

Judgment calls (pinned by ``tests/actions/parsing/test_birth.py``):

* "born dead", "born still", "never took a breath", "died before she was born", a fetal death
  or demise say it as much as "stillborn" does; a baby "born with no heartbeat" too.
* Said as not so ("he wasn't stillborn, he lived two days") it is not.
"""

from __future__ import annotations

import re

__all__ = ["says_stillborn"]

_STILLBORN = re.compile(
    r"\b(?:still[\s-]*born|still[\s-]*birth|born\s+(?:dead|still|sleeping|asleep"
    r"|(?:with\s+)?(?:no|without\s+a)\s+heart\s*beat)|never\s+(?:took\s+(?:a|her|his|their)\s+"
    r"(?:first\s+)?breath|breathed|drew\s+(?:a\s+)?breath|cried)"
    r"|(?:died|passed(?:\s+away)?|gone|no\s+heart\s*beat)\s+before\s+(?:she|he|they|the\s+baby"
    r"|my\s+baby|(?:she|he)\s+was|they\s+were)\s*(?:was\s+|were\s+)?(?:born|delivered)"
    r"|(?:fetal|intrauterine|in[\s-]+utero)\s+(?:death|demise))\b",
    re.I,
)
_NOT = re.compile(
    r"\b(?:not|never|wasn'?t|weren'?t|isn'?t|wasnt|werent)\s+(?:\w+\s+)?$", re.I
)


def says_stillborn(text: str | None) -> bool:
    """Whether the words say the baby was stillborn ("She was stillborn. October 20.")."""
    said = " ".join((text or "").replace("’", "'").split())
    for found in _STILLBORN.finditer(said):
        if not _NOT.search(said[max(0, found.start() - 20) : found.start()]):
            return True
    return False
