"""Answers to a yes/no question, including "I think so", "nope" and "not sure"; and any answer
without its chatter (``clean_answer``: "I just told you. Dr. Alan Whitcomb" -> "Dr. Alan
Whitcomb"), the one step every field stored as the person's words goes through.

Judgment call (pinned by a test in ``tests/actions/parsing/test_answers.py``): "no, that's
right" gives ``None`` from ``parse_yes_no``: it agrees with a negative question, so its truth
value depends on how the question was worded; asking again is safer than guessing.
"""

from __future__ import annotations

import re

from actions.parsing.questions import without_questions_to_us

__all__ = ["clean_answer", "is_unsure", "parse_yes_no", "takes_back_a_reply"]

_CONTRACTIONS: list[tuple[str, str]] = [
    (r"\bcan'?t\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (
        r"\b(do|does|did|was|were|is|are|have|has|had|could|would|should|must)nt\b",
        r"\1 not",
    ),
    (r"\bi'?m\b", "i am"),
    (r"\b(that|it|he|she)'?s\b", r"\1 is"),
    (r"\b(we|they|you)'re\b", r"\1 are"),
]
_UNSURE = re.compile(
    r"\b(?:not\s+(?:sure|certain)|do\s+not\s+know|do\s+not\s+remember|can\s+not\s+remember"
    r"|do\s+not\s+recall|no\s+idea|idk|dunno|unsure|maybe|perhaps|possibly|no\s+clue"
    r"|who\s+knows|kind\s+of|sort\s+of|hard\s+to\s+say)\b"
)
_THINK_NOT = re.compile(
    r"\b(?:do\s+not|dont)\s+(?:think|believe)\s+so\b|\bi\s+(?:think|believe)\s+not\b"
)
_THINK_SO = re.compile(r"\b(?:i\s+)?(?:think|believe|guess)\s+so\b")
_NEGATED_YES = re.compile(r"\bnot\s+(?:right|correct|true|really|at\s+all|exactly)\b")
_NO_WORDS = frozenset({
    "no", "nope", "nah", "n", "never", "none", "not", "nothing", "negative", "nay", "nop",
    "incorrect", "wrong", "false", "nobody", "neither", "noway",
})  # fmt: skip
_YES_WORDS = frozenset({
    "yes", "yeah", "yep", "yup", "ya", "yea", "yah", "y", "ye", "sure", "correct", "right",
    "absolutely", "definitely", "certainly", "affirmative", "true", "ok", "okay", "k", "indeed",
    "totally", "exactly", "yessir", "aye", "uhuh", "mhm", "yass", "ofc",
})  # fmt: skip
_YES_PHRASES = re.compile(
    r"\b(?:of\s+course|for\s+sure|you\s+bet|that\s+is\s+(?:right|correct|true)|uh\s+huh|mm+\s+hm+"
    r"|(?:it|he|she|they|we|i|you)\s+(?:was|were|did|do|does|is|am|are|has|have|had)\b"
    # "she's 54, born march 3 1972" tells an age, not a yes
    r"(?!\s+\d))"
)
# "sorry wrong reply", "oops wrong answer, that was for the other question": an answer sent
# for another question taken back, no "no" to this one
_WRONG_REPLY = re.compile(
    r"\b(?:(?:the\s+)?wrong\s+(?:reply|replies|answer|response|message|msg|text|button"
    r"|question|chat|thread)|(?:that|this)\s+(?:one\s+)?(?:was|is)\s+(?:meant\s+)?for\s+"
    r"(?:the|a|another|an)\s+(?:other|different|last|previous|earlier|next)?\s*question)\b"
)
_EMPHATIC_NO = re.compile(
    r"\b(?:absolutely|definitely|certainly|of\s+course|hell|heck|surely)\s+not\b"
)


def takes_back_a_reply(text: str) -> bool:
    """Whether a message says the one before it was meant for another question ("sorry wrong
    reply. the doctor who delivered her was dr whitfield"): no answer to the question asked."""
    return bool(_WRONG_REPLY.search(" ".join((text or "").lower().split())))


def parse_yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when unsure, mixed or not an answer.

    "I think so" is yes and "I don't think so" is no; "no, that's right" is None (it agrees
    with a negative question, so it depends on how the question was asked).
    """
    norm = " ".join((text or "").lower().replace("’", "'").split())
    for pattern, replacement in _CONTRACTIONS:
        norm = re.sub(pattern, replacement, norm)
    norm = _WRONG_REPLY.sub(" ", norm)
    norm = re.sub(r"[^\w\s']", " ", norm)
    norm = " ".join(norm.split())
    if not norm:
        return None
    if _THINK_NOT.search(norm):
        return False
    if _THINK_SO.search(norm):
        return True
    if _EMPHATIC_NO.search(norm):
        return False
    if _UNSURE.search(norm):
        return None
    negative = bool(_NEGATED_YES.search(norm))
    stripped = _NEGATED_YES.sub(" ", norm)
    words = stripped.split()
    negative = negative or any(
        w in _NO_WORDS or re.fullmatch(r"no+|nope+|nah+", w) for w in words
    )
    negative = negative or bool(re.search(r"\buh\s+uh\b", stripped))
    positive = any(
        w in _YES_WORDS or re.fullmatch(r"y+e+[sa]+h?|ye+p+|yu+p+|ok+a*y*", w)
        for w in words
    ) or bool(_YES_PHRASES.search(stripped) and not negative)
    if positive and negative:
        return None
    if positive:
        return True
    if negative:
        return False
    return None


_UNSURE_ANSWER = re.compile(
    r"^(?:(?:um+|uh+|hmm+|well|honestly|tbh|sorry|ok|okay)\W+)*(?:i\s+am\s+|i\s+)?"
    r"(?:not\s+(?:sure|certain|positive)|unsure|do\s+not\s+know|dont\s+know|dunno|idk|no\s+idea"
    r"|no\s+clue|can\s+not\s+remember|cant\s+remember|do\s+not\s+remember|dont\s+remember"
    r"|have\s+no\s+idea|not\s+a\s+clue|no\s+clue|who\s+knows|hard\s+to\s+say|maybe|possibly"
    r"|perhaps|could\s+be)\b"
)


def is_unsure(text: str) -> bool:
    """True when the answer itself is "I'm not sure" ("idk", "no idea", "honestly not sure").

    "I'm not sure" is an answer: the flow notes the fact as unknown and moves on, never as No.
    A reply that goes on to give a real answer ("not sure, maybe 2019") is left to the other
    parsers: this only says the person does not know.
    """
    norm = " ".join((text or "").lower().replace("’", "'").split())
    for pattern, replacement in _CONTRACTIONS:
        norm = re.sub(pattern, replacement, norm)
    norm = " ".join(re.sub(r"[^\w\s']", " ", norm).split())
    return bool(norm) and bool(_UNSURE_ANSWER.match(norm))


# What people add to an answer that is not the answer: that they said it before, a laugh.
_CHATTER = (
    r"(?:i(?:'?ve|\s+have)?\s+(?:(?:just|already)\s+)*(?:told|said\s+(?:it|this|that)\s+to"
    r"|mentioned\s+(?:it|this|that)\s+to|gave\s+(?:it|this|that)\s+to)\s+(?:you|u)"
    r"|i(?:'?ve|\s+have)?\s+(?:just|already)\s+(?:said|answered|mentioned|wrote|gave)"
    r"(?:\s+(?:it|this|that|you|u))?"
    r"|(?:like|as)\s+i\s+(?:(?:already|just)\s+)?(?:said|told\s+(?:you|u)|mentioned|wrote)"
    r"|(?:it'?s|its)\s+(?:all\s+)?in\s+my\s+(?:first|last|earlier|other)\s+(?:text|message|msg)"
    r"|lol+|lmao|haha+|smh)"
    r"(?:\s+(?:already|before|earlier|above|twice|again|lol|haha+))*"
)
_CHATTER_FIRST = re.compile(rf"^[\s.,;:!-]*(?:{_CHATTER}|obviously)\b[\s.,;:!-]*", re.I)
_CHATTER_LAST = re.compile(rf"[\s,;:-]*\b(?:{_CHATTER}|obviously)[\s.!]*$", re.I)
_CHATTER_INSIDE = re.compile(rf"[,;:]?\s*\b{_CHATTER}\s*(?=[.,;:!])", re.I)


def clean_answer(text: str) -> str:
    """An answer as intake staff should read it: without what the person said around it.

    Dropped: the questions put to the firm (answered, not stored: "... Is this private by the
    way?"), "I just told you" / "like i said" / "i already said" / "its in my first text", and
    a laugh ("lol"). Everything else is kept as typed: "Eli Brooks. he was a newborn lol" ->
    "Eli Brooks. he was a newborn"; "I already told you, St. Brendan Memorial Hospital." ->
    "St. Brendan Memorial Hospital."; "maybe Dr. Patel?" (a doubt, not a question) stays.
    """
    said = " ".join((text or "").replace("\u2019", "'").split())
    if not said:
        return ""
    said = without_questions_to_us(said)
    previous = None
    while previous != said:
        previous = said
        said = _CHATTER_FIRST.sub("", said)
        said = _CHATTER_LAST.sub("", said)
        said = _CHATTER_INSIDE.sub("", said)
        said = said.strip()
    return said
