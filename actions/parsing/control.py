"""The words that steer the conversation rather than answer it: stop, start over, and a call
that someone else does not return (which is the story, not a request).

Stopping ends a screening and starting over wipes the chat, so the language model's guess is
not enough for either: only unambiguous words count ("stop", "start over", "forget it"), said
as the message's own request. "not now", "i didnt say start over", "a new lawyer" or "they
couldn't stop the bleeding" never stop or wipe anything.
"""

from __future__ import annotations

import re

__all__ = [
    "KEEP_GOING_PAYLOAD",
    "START_OVER_ANSWER",
    "START_OVER_PAYLOAD",
    "after_self_correction",
    "asks_for_a_person",
    "means_restart",
    "means_stop",
    "without_calls_not_returned",
]

# Words a request may start with ("ok so can we start over", "please just stop").
_LEAD_IN = (
    r"(?:(?:ok(?:ay)?|k|so|well|just|please|pls|plz|no|nah|yes|yeah|actually|hey|hi|um+|uh+"
    r"|sorry|honestly|i\s+(?:want|wanna|need|would\s+like|'?d\s+like)(?:\s+to)?|i'?m\s+going\s+to"
    r"|can\s+(?:we|i|you)|could\s+(?:we|i|you)|let'?s|lets|let\s+me|we\s+should"
    r"|i\s+think\s+i'?ll|i'?ll\s+just)[\s,.!]+)*"
)
# Each request then starts a clause: the message's start, or after . , ; ! ? or "and" / "but".
_CLAUSE = r"(?:^|[.,;:!?]\s*|\b(?:and|but|so)\s+)"
_END = r"(?=\s*(?:please|pls|plz|now|already|then|thanks?|thank\s+you|ok(?:ay)?)?\s*(?:[.,;:!?]|$))"

_STOP = re.compile(
    _CLAUSE
    + _LEAD_IN
    + r"(?:stop(?:\s+(?:this|it|now|asking|texting|messaging|the\s+questions|here))?\b"
    r"|quit\b|cancel\b|exit\b|abort\b|halt\b|unsubscribe\b|end\s+(?:this|it|the\s+chat|chat"
    r"|the\s+conversation|the\s+intake)\b|forget\s+(?:it|about\s+it|this)\b|never\s*mind\b"
    r"|nvm\b|leave\s+me\s+alone\b"
    r"|(?:i'?m|im|i\s+am|we'?re|we\s+are)\s+done"
    + _END
    + r"|(?:i\s+)?give\s+up"
    + _END
    + r"|(?:i(?:'ve)?\s+)?changed\s+my\s+mind"
    + _END
    + r"|drop\s+it"
    + _END
    + r"|no\s+more(?:\s+questions)?"
    + _END
    + r"|(?:i'?ll|i\s+will)\s+pass"
    + _END
    + r"|(?:i'?m\s+|im\s+)?not\s+interested(?:\s+any\s*more)?"
    + _END
    + r"|(?:i\s+)?(?:don'?t|dont|do\s+not)\s+want\s+to\s+(?:continue|go\s+on|keep\s+going"
    r"|do\s+this|answer|talk\s+about\s+(?:this|it))\b"
    r"|(?:don'?t|dont|do\s+not)\s+(?:contact|text|message|call)\s+me\b)",
    re.I,
)
_RESTART = re.compile(
    _CLAUSE
    + _LEAD_IN
    + r"(?:start(?:\s+(?:it|this|the\s+chat|everything))?\s+(?:over|again|fresh|afresh"
    r"|from\s+(?:the\s+)?(?:beginning|start|top|scratch))\b|restart\b|reset\b|reboot\b"
    r"|begin\s+(?:again|over)\b|do\s+(?:this|it)\s+(?:again|over)\b"
    r"|(?:re-?do|do\s+over)(?:\s+(?:it|this|everything|the\s+whole\s+thing))?"
    + _END
    + r"|start\s+a\s+new\s+(?:one|chat|intake|conversation)\b"
    r"|new\s+(?:conversation|chat)"
    + _END
    + r"|(?:from\s+the\s+top|from\s+scratch)"
    + _END
    + r"|(?:go\s+)?back\s+to\s+the\s+(?:beginning|start)\b|clear\s+(?:everything|it\s+all"
    r"|the\s+chat|this)\b|wipe\s+(?:it|everything|this))",
    re.I,
)


# "Start over? What you've told us so far will be cleared.": asked first on every channel (the
# website's widget asks itself; by text the assistant asks, with these two choices). The SMS
# channel sends the answer as the payload "/restart" with ``{START_OVER_ANSWER: "yes" | "no"}``
# in the message's metadata.
START_OVER_PAYLOAD = "/restart"
KEEP_GOING_PAYLOAD = "/restart_not_wanted"
START_OVER_ANSWER = "start_over"


def _said(pattern: re.Pattern[str], text: str) -> bool:
    lowered = " ".join((text or "").replace("’", "'").split()).lower()
    return bool(lowered) and pattern.search(lowered) is not None


def means_stop(text: str) -> bool:
    """True when the words themselves ask to stop ("stop", "forget it", "i'm done", "please
    stop texting me"); never for "not now", "no not now. this was back in june", "i didnt say
    stop", "they couldn't stop the bleeding" or "i'm done with chemo"."""
    return _said(_STOP, text)


def means_restart(text: str) -> bool:
    """True when the words themselves ask to start over ("start over", "can we restart",
    "/restart" from the widget's button); never for "i didnt say start over", "a new lawyer",
    "this number" or "Ohio. I told you that at the very beginning"."""
    if (text or "").strip().lower().startswith("/restart"):
        return True
    return _said(_RESTART, text)


# Someone else not calling: "the doctor wont call back", "they never called me back",
# "nobody returns my calls". Part of the story, not a request for a call.
_NOT_RETURNED = re.compile(
    r"\b(?:(?:nobody|no\s*one|no\s+body|none\s+of\s+them)\s+(?:ever\s+)?(?=call|return|answer"
    r"|respond|pick)|(?:he|she|they|it|doctor|doc|dr\.?(?:\s+[a-z]+)?|surgeon|nurse|hospital|office|clinic"
    r"|pharmacy|pharmacist|staff|lawyer|attorney|nobody|no\s*one|no\s+body|none\s+of\s+them"
    r"|anyone|anybody)"
    r"\s+(?:still\s+|even\s+|just\s+|ever\s+)?"
    r"(?:won'?t|wont|will\s+not|doesn'?t|doesnt|does\s+not|didn'?t|didnt|did\s+not|never"
    r"|wouldn'?t|wouldnt|hasn'?t|hasnt|has\s+not|haven'?t|havent|have\s+not|refus\w*\s+to"
    r"|stopped|can'?t\s+be\s+bothered\s+to|ever)"
    r"\s+(?:even\s+|ever\s+)?)(?:call\w*|return\w*|answer\w*|respond\w*|pick\w*\s+up)"
    r"(?:\s+(?:me|us|my\s+calls?|our\s+calls?|the\s+phone|back))*",
    re.I,
)


def without_calls_not_returned(text: str) -> str:
    """The words with every call someone else does not return taken out ("the doctor wont
    call back, can you call me" -> ", can you call me"): what is left may ask for a call."""
    return _NOT_RETURNED.sub(" ", " ".join((text or "").replace("’", "'").split()))


# Words of a request for a person or a call, whole words only: "call me", "can I talk to
# someone", "a real person", "your lawyer", "phone"; never a name that starts like one ("Caleb",
# "Callie", "Calvin", "Personius").
_PERSON_OR_CALL = re.compile(
    r"\b(?:call(?:s|ed|ing)?|call\s*back|callback|phone|ring|talk|speak|person|human|someone"
    r"|somebody|anyone|people|lawyers?|attorneys?|representative|rep|agent|operator|staff"
    r"|team|help|live|real|contact)\b",
    re.I,
)


def asks_for_a_person(text: str) -> bool:
    """Whether the words could ask for a person or a call at all, read as whole words ("call
    me", "can I talk to someone"); "caleb harris" (a name that starts like "call") cannot."""
    return bool(_PERSON_OR_CALL.search(" ".join((text or "").split())))


# A person correcting themselves inside one answer: "June 2025. Actually no, it was July 2025",
# "Indiana. wait, no, sorry, it was Illinois", "same day i guess. no wait ... 3 months later".
# Only words that take back what came before count ("i had to wait 3 weeks" is no correction).
_SELF_CORRECTION = re.compile(
    r"\b(?:no+[\s,.!…-]*wait\b|wait(?:[\s,.!…-]*(?:no+|nope)\b|(?=\s*[,.!…-]))"
    r"|actually[\s,.!…-]*(?:no+|nope)\b|(?:no+|nope)[\s,.!…-]+actually\b"
    r"|actually(?=\s+(?:it\s+|that\s+|he\s+|she\s+)?(?:was|is|were)\b)"
    r"|i\s+meant?\b(?!\s+to\b)|correction\b|scratch\s+that\b|my\s+(?:bad|mistake)\b|oops\b"
    r"|sorry[\s,.!…-]*(?:no+|nope)\b)",
    re.I,
)


def after_self_correction(text: str) -> str | None:
    """The words after the last words that take back what was just said ("Indiana. wait, no,
    sorry, it was Illinois" -> ", sorry, it was Illinois"), or None when nothing is taken
    back. The caller reads them first and falls back on the whole text when they hold no
    answer ("March 5. oops sorry for the typos")."""
    ends = [found.end() for found in _SELF_CORRECTION.finditer(text or "")]
    if not ends:
        return None
    rest = text[ends[-1] :]
    return rest if rest.strip(" ,.!?…-") else None
