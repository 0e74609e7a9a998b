"""A baby who did not live to be born alive: "She was stillborn at 38 weeks", "she was born
dead on October 20", "She never took a breath".

``says_stillborn(text)`` tells whether the words say so. Such a baby has no life between the
care and the birth to check (the delivery comes after the care that failed), no age, and no
estate to ask about: the date said for the birth is the delivery's, and the death's too.

Judgment calls (pinned by ``tests/actions/parsing/test_birth.py``):

* "born dead", "born still", "never took a breath", "died before she was born", a fetal death
  or demise say it as much as "stillborn" does; a baby "born with no heartbeat" too.
* Said as not so ("he wasn't stillborn, he lived two days") it is not.

``birthday_told(text, today, held)``: the child's birth said again to the day ("no wait her
birthday is september 23 not 22. i found out when she was like 2 months old"), with the words
left once it is taken out (the year, when not said, is the held birth's). Only a child's
("her", "his", "she was born", "my daughter's"), never "my birthday".
"""

from __future__ import annotations

import datetime
import re

from actions.parsing.dates import _MONTH_WORD, _NUMERIC_DATE, parse_date

__all__ = ["birthday_told", "care_in_pregnancy", "says_stillborn"]

_STILLBORN = re.compile(
    r"\b(?:still[\s-]*born|still[\s-]*birth|born\s+(?:dead|still|sleeping|asleep"
    r"|(?:with\s+)?(?:no|without\s+a)\s+heart\s*beat)|never\s+(?:took\s+(?:a|her|his|their)\s+"
    r"(?:first\s+)?breath|breathed|drew\s+(?:a\s+)?breath|cried)"
    r"|(?:died|passed(?:\s+away)?|gone|no\s+heart\s*beat)\s+before\s+(?:she|he|they|the\s+baby"
    r"|my\s+baby|(?:she|he)\s+was|they\s+were)\s*(?:was\s+|were\s+)?(?:born|delivered)"
    r"|(?:fetal|intrauterine|in[\s-]+utero)\s+(?:death|demise)"
    # "he was already gone when they delivered him"
    r"|(?:already\s+)?(?:gone|dead|passed(?:\s+away)?|died)\s+(?:when|by\s+the\s+time)\s+"
    r"(?:they|the\s+doctors?|we|i|she|he)\s+(?:delivered|was\s+born|were\s+born"
    r"|gave\s+birth))\b",
    re.I,
)
_NOT = re.compile(
    r"\b(?:not|never|wasn'?t|weren'?t|isn'?t|wasnt|werent)\s+(?:\w+\s+)?$", re.I
)


# Care given while the mother was pregnant: "they sent me home from triage at 38 weeks", "my
# prenatal visits", "when I was 8 months pregnant".
_IN_PREGNANCY = re.compile(
    r"\b(?:pregnan\w*|prenatal|antenatal|(?:at|was)\s+\d{2}\s+weeks|\d{2}\s+weeks\s+along"
    r"|(?:l\s*&\s*d|labor\s+and\s+delivery)\s+triage|triage\s+at\s+\d{2}"
    r"|(?:non[\s-]?stress|nst)\s+test|fetal\s+(?:monitor\w*|heart\s*(?:beat|rate)))\b",
    re.I,
)


def care_in_pregnancy(text: str | None) -> bool:
    """Whether the words tell of care while the mother was pregnant ("they sent me home from
    triage at 38 weeks"): the baby's birth then comes after the care."""
    return bool(_IN_PREGNANCY.search(" ".join((text or "").split())))


def says_stillborn(text: str | None) -> bool:
    """Whether the words say the baby was stillborn ("She was stillborn. October 20.")."""
    said = " ".join((text or "").replace("’", "'").split())
    for found in _STILLBORN.finditer(said):
        if not _NOT.search(said[max(0, found.start() - 20) : found.start()]):
            return True
    return False


_CHILD = (
    r"(?:her|his|their|the\s+baby'?s|my\s+(?:son|daughter|baby|boy|girl)'?s"
    r"|(?:[a-z]+)'s)"
)
_BIRTHDAY_TOLD = re.compile(
    rf"\b(?:{_CHILD}\s+(?:birth\s*day|bday|birth\s*date|date\s+of\s+birth|dob)"
    r"(?:\s+(?:is|was|'s))?|(?:she|he|they|the\s+baby|my\s+(?:son|daughter|baby|boy|girl))"
    r"\s+(?:was|were)\s+born(?:\s+on)?)\s+(?P<date>[^.;!?]*)",
    re.I,
)
# Where the date said ends: "september 23 not 22", "sept 23, the 22nd was ..."
_DATE_ENDS = re.compile(r"\s+(?:not|instead|and|but|so|i|when)\b|,", re.I)


def birthday_told(
    text: str | None, today: datetime.date, held: str | None
) -> tuple[str | None, str]:
    """The child's birth said to the day (ISO), with the text without it; (None, text) when
    no such birth is said. "her birthday is september 23 not 22" (held 2025-09-22) ->
    ("2025-09-23", ...): a year not said is the held birth's."""
    said = " ".join((text or "").replace("’", "'").split())
    match = _BIRTHDAY_TOLD.search(said)
    if not match or re.match(r"my\s+(?:birth|bday|dob)", match.group(0), re.I):
        return None, said
    date_words = _DATE_ENDS.split(match.group("date"))[0]
    if not (_MONTH_WORD.search(date_words) or _NUMERIC_DATE.search(date_words)):
        return None, said
    answer = parse_date(date_words, today, reference=held)
    if not answer.value or len(answer.value) != len("YYYY-MM-DD"):
        return None, said
    end = match.end()
    sentence_end = re.search(r"[.;!?](?:\s|$)", said[end:])
    rest = said[: match.start()] + (
        said[end + sentence_end.end() :] if sentence_end else ""
    )
    return answer.value, " ".join(rest.split())
