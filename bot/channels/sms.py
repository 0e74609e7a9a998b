"""Pure helpers for the SMS channel: keywords, numbered choices, splitting and TwiML.

No I/O here; `bot.channels.twilio` does the HTTP, the lead store and Rasa.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from twilio.twiml.messaging_response import MessagingResponse

# Twilio concatenates a long SMS up to 1,600 characters; longer bodies are rejected.
SMS_MAX_CHARS = 1600

# Carrier/CTIA keywords: the whole message, trimmed, case-insensitive.
STOP_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START_KEYWORDS = frozenset({"START", "UNSTOP"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})

_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
_NUMBER_REPLY = re.compile(r"^#?\s*([0-9]{1,2})\s*[.)]?$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n+")


def keyword(text: str) -> str | None:
    """'stop' / 'start' / 'help' when the whole message is such a keyword, else None."""
    word = text.strip().upper()
    if word in STOP_KEYWORDS:
        return "stop"
    if word in START_KEYWORDS:
        return "start"
    if word in HELP_KEYWORDS:
        return "help"
    return None


def is_e164(phone: str) -> bool:
    return bool(_E164.match(phone))


def phone_hash(phone: str) -> str:
    """What the logs say instead of a phone number."""
    return hashlib.sha256(phone.encode("utf-8")).hexdigest()[:12]


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


def twiml_for_turn(
    bot_messages: Sequence[dict[str, Any]], limit: int = SMS_MAX_CHARS
) -> str:
    """All bot messages of one turn, joined and split into SMS-sized parts in order.

    Joining first means fewer separate SMS, which carriers may deliver out of order.
    """
    text = "\n\n".join(t for t in (render_message(m) for m in bot_messages) if t)
    return twiml(split_sms(text, limit))
