"""Pure helpers for the SMS channel: consent words, numbered choices, splitting and TwiML.

No I/O here; `bot.channels.twilio` does the HTTP, the lead store and Rasa.

When a message is an opt-out (the rule, written down once)
---------------------------------------------------------
Since April 2025 the FCC requires a revocation of consent "by any reasonable means" to be
honoured, so more than the carriers' exact keywords counts. A message is an opt-out when either

1. it is nothing but opt-out keywords once normalised: case, punctuation, emoji, curly quotes
   and hyphens do not matter, and a few courtesy words around them are dropped (``please``,
   ``ok``, ``now``, ``thanks``, ``I said``, ``it``...). The keywords are STOP, STOPALL, STOP ALL,
   UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPT OUT, OPTOUT and OPT-OUT. So "Stop.", "STOP!!",
   "please stop", "stop it", "ok STOP now" are opt-outs, and "cancel my appointment" or "the
   end of my surgery" are not; or
2. it contains an explicit revocation, a phrase that can only be about these messages: "stop
   texting / messaging / contacting me", "don't text me", "do not contact me", "no more texts",
   "remove me from this list", "take me off your list", "unsubscribe me", "opt me out", "I want
   to opt out", "I revoke my consent", "I withdraw my consent". "leave me alone" counts only as
   (nearly) the whole message, at most ``SHORT_MESSAGE_WORDS`` words: inside a story ("he would
   not leave me alone") it is the story. A phrase right after a negation ("don't stop texting
   me") is not a revocation.

Everything else is an ordinary message: "they didn't stop the bleeding", "I want to cancel my
appointment? no, my surgery was cancelled". A wrong opt-out costs the person one "Reply START"
(the confirmation says so); a missed one breaks the law, so the phrases err on that side.

START and UNSTOP always re-subscribe; YES does only while the number is opted out (otherwise it
is an answer to a question). HELP and INFO, as the whole message, get the firm's contact line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from twilio.twiml.messaging_response import MessagingResponse

from bot.channels import limits

# Twilio concatenates a long SMS up to 1,600 characters; longer bodies are rejected.
SMS_MAX_CHARS = 1600
# Added once, to the first reply of a conversation.
STOP_NOTICE = "Reply STOP to opt out."

# Carrier/CTIA keywords and the FCC's additions, as whole-message words (see the rule above).
STOP_KEYWORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
START_KEYWORDS = frozenset({"START", "UNSTOP"})
YES_KEYWORDS = frozenset({"YES"})  # re-subscribes only while opted out
HELP_KEYWORDS = frozenset({"HELP", "INFO"})
# The keywords Twilio itself answers when its keyword handling is on (long codes, 2025).
TWILIO_KEYWORDS = STOP_KEYWORDS | START_KEYWORDS | YES_KEYWORDS | HELP_KEYWORDS

# Said around a keyword without changing it: "please stop", "ok STOP now", "stop it".
_COURTESY = frozenset(
    "please pls plz ok okay k now thanks thank you thx just it i said again all "  # noqa: SIM905
    "immediately asap already".split()
)
SHORT_MESSAGE_WORDS = 6
# Explicit revocations, matched on the normalised text (lower case, words split by one space).
_ME = r"(?:me|us|this number|my number)"
_REVOCATIONS = [
    rf"\b(?:stop|quit|cease) (?:all )?(?:texting|messaging|contacting|sending) {_ME}\b",
    r"\b(?:stop|quit) (?:sending|sending me) (?:any )?(?:more )?(?:texts|messages|sms)\b",
    rf"\b(?:do not|don't|dont|never) (?:ever )?(?:text|message|contact|sms) {_ME}\b",
    r"\bno more (?:texts|text messages|messages)\b",
    rf"\b(?:remove|take|delete) {_ME} (?:from|off) (?:this|your|the|ur) "
    r"(?:list|texts|messages|mailing list)\b",
    r"\b(?:unsubscribe me|opt me out)\b",
    r"\bi(?: want to| wanna|'d like to| would like to)? (?:opt out|unsubscribe)\b",
    r"\bi (?:revoke|withdraw) (?:my |all )?consent\b",
    r"\b(?:revoke|withdraw) my consent\b",
]
_REVOCATION = re.compile("|".join(f"(?:{p})" for p in _REVOCATIONS))
_LEAVE_ME_ALONE = re.compile(r"\bleave (?:me|us) alone\b")
_NEGATION = re.compile(r"\b(?:do not|don't|dont|never|not|no need to)\s*$")

_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
_NUMBER_REPLY = re.compile(r"^#?\s*([0-9]{1,2})\s*[.)]?$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n+")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, every run of other punctuation or space one space."""
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^\w']+", " ", text.replace("_", " "))
    return " ".join(w.strip("'") for w in text.split() if w.strip("'"))


def _keywords_only(norm: str) -> str | None:
    """The opt-out keywords of a message made of nothing else (courtesy words aside)."""
    merged = re.sub(r"\bopt out\b", "optout", norm)
    merged = re.sub(r"\bstop all\b", "stopall", merged)
    tokens = [w.upper() for w in merged.split() if w not in _COURTESY]
    if tokens and all(w in STOP_KEYWORDS for w in tokens):
        return " ".join(dict.fromkeys(tokens))
    return None


def opt_out_phrase(text: str) -> str | None:
    """What made a message an opt-out (its keywords in capitals, or the phrase), else None."""
    norm = normalise(text)
    if not norm:
        return None
    found = _keywords_only(norm)
    if found:
        return found
    for m in _REVOCATION.finditer(norm):
        if not _NEGATION.search(norm[: m.start()]):
            return m.group(0)
    if len(norm.split()) <= SHORT_MESSAGE_WORDS:
        alone = _LEAVE_ME_ALONE.search(norm)
        if alone and not _NEGATION.search(norm[: alone.start()]):
            return alone.group(0)
    return None


def keyword(text: str) -> str | None:
    """'stop' / 'start' / 'yes' / 'help' for a consent or help message, else None.

    'stop' follows the rule in the module's docstring; the others are the whole message, with
    case and punctuation ignored ("Start.", "yes!"). 'yes' re-subscribes only an opted-out
    number: the caller decides."""
    if opt_out_phrase(text):
        return "stop"
    word = normalise(text).upper()
    if word in START_KEYWORDS:
        return "start"
    if word in YES_KEYWORDS:
        return "yes"
    if word in HELP_KEYWORDS:
        return "help"
    return None


def is_twilio_keyword(text: str) -> bool:
    """True when Twilio's own keyword handling answers this message itself (the whole message is
    one of its keywords, trimmed, any case)."""
    return text.strip().upper() in TWILIO_KEYWORDS


def is_e164(phone: str) -> bool:
    return bool(_E164.match(phone))


def phone_hash(phone: str) -> str:
    """What the logs say instead of a phone number: a keyed hash (``limits.log_id``)."""
    return limits.log_id(phone)


def choices_line(buttons: Sequence[dict[str, Any]]) -> str:
    """'Reply 1 for Surgical error, 2 for Birth injury, or 3 for Other.'"""
    titles = [str(b.get("title") or b.get("payload") or "").strip() for b in buttons]
    parts = [f"{i} for {t}" for i, t in enumerate(titles, start=1)]
    if not parts:
        return ""
    if len(parts) == 1:
        return f"Reply {parts[0]}."
    if len(parts) == 2:
        return f"Reply {parts[0]} or {parts[1]}."
    return "Reply " + ", ".join(parts[:-1]) + f", or {parts[-1]}."


def render_message(message: dict[str, Any]) -> str:
    """One collected bot message as SMS text: its text, then its buttons as numbered choices."""
    text = str(message.get("text") or "").strip()
    if message.get("image"):
        text = (text + "\n" + str(message["image"])).strip()
    buttons = message.get("buttons") or message.get("quick_replies") or []
    if buttons:
        text = (text + "\n" + choices_line(buttons)).strip()
    return text


def _normalise_title(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .!")


def match_choice(text: str, buttons: Sequence[dict[str, Any]]) -> str | None:
    """The payload of the button the reply picks ('2', '#2', '2.', or the title), else None."""
    if not buttons:
        return None
    m = _NUMBER_REPLY.match(text.strip())
    if m:
        index = int(m.group(1))
        if 1 <= index <= len(buttons):
            return _payload(buttons[index - 1])
        return None
    wanted = _normalise_title(text)
    if not wanted:
        return None
    for button in buttons:
        if _normalise_title(str(button.get("title") or "")) == wanted:
            return _payload(button)
    return None


# "1. will a lawyer call me today?", "1 call me mornings": a numbered pick, then more words
# (after a mark, or a space and a word that does not count something: "2 weeks later",
# "3 stents" and "2 or 3 times" are no pick).
_NUMBER_THEN_WORDS = re.compile(
    r"^#?\s*([0-9]{1,2})(?:\s*[.),]\s+|\s+(?!(?:weeks?|days?|months?|years?|yrs?|hours?"
    r"|hrs?|mins?|minutes?|times?|x|am|pm|a\.m|p\.m|o'?clock|of|or|to|and|through|thru"
    r"|more|other|out|percent|kids?|children|stents?|surger\w*|doctors?|pills?|mg|ml"
    r"|st|nd|rd|th)\b)(?=[a-z]))(\S.*)$",
    re.S | re.I,
)


def with_choice(text: str, buttons: Sequence[dict[str, Any]]) -> str | None:
    """A reply that picks a numbered choice and says more, with the number replaced by the
    choice's words, its title ("1. will a lawyer call me today?" -> "Yes. will a lawyer call
    me today?"); None when it does not start with a pick."""
    m = _NUMBER_THEN_WORDS.match(text.strip())
    if not m or not buttons or not 1 <= int(m.group(1)) <= len(buttons):
        return None
    button = buttons[int(m.group(1)) - 1]
    words = str(button.get("title") or "").strip() or _payload(button) or ""
    if not words or words.startswith("/"):
        return None
    return f"{words}. {m.group(2)}"


def start_over_answer(text: str, buttons: Sequence[dict[str, Any]]) -> str | None:
    """ "yes" or "no" when the reply answers the assistant's "Start over?" (its last message's
    choices are `START_OVER_PAYLOAD` / `KEEP_GOING_PAYLOAD`): "1" or "2", a choice's title, a
    yes or a no in words, or "start over" said again; None for anything else (a reply to
    another question, or other words: the conversation goes on, nothing cleared)."""
    from actions.parsing.answers import parse_yes_no
    from actions.parsing.control import (
        KEEP_GOING_PAYLOAD,
        START_OVER_PAYLOAD,
        means_restart,
    )

    payloads = {_payload(b) for b in buttons}
    if START_OVER_PAYLOAD not in payloads or KEEP_GOING_PAYLOAD not in payloads:
        return None
    chosen = match_choice(text, buttons)
    if chosen is not None:
        return "yes" if chosen == START_OVER_PAYLOAD else "no"
    said = parse_yes_no(text)
    if said is not None:
        return "yes" if said else "no"
    if re.search(
        r"\b(?:keep\s+going|go\s+on|continue|carry\s+on|never\s*mind)\b", text, re.I
    ):
        return "no"
    return "yes" if means_restart(text) else None


def _payload(button: dict[str, Any]) -> str | None:
    payload = button.get("payload")
    return (
        str(payload)
        if payload not in (None, "")
        else str(button.get("title") or "") or None
    )


def split_sms(text: str, limit: int = SMS_MAX_CHARS) -> list[str]:
    """Split text into parts of at most `limit` characters, at sentence breaks where possible.

    Parts keep their order. A sentence longer than `limit` is cut at the last space before the
    limit (or, with no space, at the limit itself).
    """
    text = text.strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        pieces.append(text[start : m.end()])
        start = m.end()
    pieces.append(text[start:])

    parts: list[str] = []
    current = ""
    for piece in pieces:
        if len(current) + len(piece.rstrip()) <= limit:
            current += piece
            continue
        if current.strip():
            parts.append(current.strip())
        current = ""
        while len(piece.rstrip()) > limit:
            cut = piece.rfind(" ", 0, limit + 1)
            if cut <= 0:
                cut = limit
            parts.append(piece[:cut].strip())
            piece = piece[cut:].lstrip()
        current = piece
    if current.strip():
        parts.append(current.strip())
    return [p for p in parts if p]


def twiml(messages: Iterable[str] = ()) -> str:
    """A TwiML <Response> with one <Message> per part (escaped by Twilio's own builder)."""
    response = MessagingResponse()
    for part in messages:
        if part:
            response.message(part)
    return str(response)


def render_turn(bot_messages: Sequence[dict[str, Any]]) -> str:
    """Bot messages as one SMS text, each rendered by ``render_message``, a blank line apart."""
    return "\n\n".join(t for t in (render_message(m) for m in bot_messages) if t)


def twiml_for_turn(
    bot_messages: Sequence[dict[str, Any]],
    limit: int = SMS_MAX_CHARS,
    notice: str = "",
) -> str:
    """All bot messages of one turn, joined and split into SMS-sized parts in order, with
    ``notice`` (the first reply's "Reply STOP to opt out.") at the end.

    Joining first means fewer separate SMS, which carriers may deliver out of order.
    """
    text = render_turn(bot_messages)
    if notice:
        text = f"{text}\n\n{notice}" if text else notice
    return twiml(split_sms(text, limit))


# --- reading the conversation (Rasa events, by their ``type_name``: no Rasa import here) ------


def _bot_message(event: Any) -> dict[str, Any]:
    return {
        **(getattr(event, "data", None) or {}),
        "text": getattr(event, "text", None),
    }


def _last_turn(events: Sequence[Any]) -> list[dict[str, Any]]:
    """The bot's messages since the person's last message, oldest first."""
    turn: list[dict[str, Any]] = []
    for event in reversed(list(events)):
        kind = getattr(event, "type_name", None)
        if kind == "user":
            break
        if kind == "bot":
            turn.append(_bot_message(event))
    turn.reverse()
    return turn


def has_user_messages(events: Sequence[Any]) -> bool:
    return any(getattr(e, "type_name", None) == "user" for e in events)


def last_buttons(events: Sequence[Any]) -> list[dict[str, Any]]:
    """Buttons of the bot's last turn (its latest message with buttons since the person's last
    message), for ``match_choice``."""
    for message in reversed(_last_turn(events)):
        buttons = message.get("buttons") or message.get("quick_replies")
        if buttons:
            return list(buttons)
    return []


def _asks(message: dict[str, Any]) -> bool:
    text = str(message.get("text") or "").rstrip(" \n\"')")
    return (
        bool(message.get("buttons") or message.get("quick_replies"))
        or text.endswith("?")
        # "What is Tyler's date of birth? Age limits can change the time to act.": a question
        # with a sentence after it asks as much
        or bool(_ASKS_THEN_SAYS.search(text))
    )


# A question followed by a sentence of its own ("...date of birth? Age limits can ...").
_ASKS_THEN_SAYS = re.compile(r"\w\?\s+[A-Z]")


def pending_question(events: Sequence[Any]) -> list[dict[str, Any]]:
    """The question the conversation is waiting on: the bot's last message that asks something
    (it has choices or ends with "?") in its last turn, with any message after it; [] when the
    last turn asked nothing. Sent again after START so that no reply is taken as the answer to
    a question it was not given after."""
    turn = _last_turn(events)
    for i in range(len(turn) - 1, -1, -1):
        if _asks(turn[i]):
            if i > 0 and _POINTS_BACK.match(str(turn[i].get("text") or "")):
                # "Is that right?" says nothing alone: the read-back before it is what it asks
                # about ("Just to check, I have when you found out as April 2026.")
                i -= 1
            return turn[i:]
    return []


# A question that only points at the message before it: "Is that right?", "Is that correct?"
_POINTS_BACK = re.compile(
    r"^\W*(?:is|was|are|were|does|did)\s+(?:that|this|these|those|it)\s+(?:\w+\s+)?"
    r"(?:right|correct|ok(?:ay)?|accurate)\s*\?+\W*$",
    re.I,
)
