"""How to reach the person: a phone number, an email address and a name.

``phonenumbers`` and ``email_validator`` are imported inside the functions that use them, so
importing this module stays cheap.

Judgment calls (pinned by tests in ``tests/actions/parsing/test_contact.py``): ``parse_phone``
accepts a US number that ``phonenumbers`` calls invalid only because it uses the fictional 555
exchange (555-0100..0199 in older metadata), provided its area code is real. A US state's name
on its own ("ohio", "New York") is not a name: asked for a name, the person answered another
question (a name that is also a state, "Georgia Ruiz", is a name with its surname).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from actions.parsing.states import STATES

if TYPE_CHECKING:  # pragma: no cover - typing only; phonenumbers is imported lazily
    import phonenumbers

__all__ = [
    "consents_by_means",
    "contact_wish",
    "means_no_email",
    "means_own_number",
    "means_this_number",
    "other_numbers",
    "parse_email",
    "parse_name",
    "parse_own_phone",
    "parse_phone",
]


def parse_phone(text: str, region: str = "US") -> str | None:
    """The first valid phone number in the text, as E.164 ("+12065550112"), or None.

    A North American number that ``phonenumbers`` rejects only because of the 555 exchange
    (reserved for fiction, 555-0100..0199, and used in demos) is accepted when the same number
    with an ordinary exchange would be valid, i.e. its area code is real.
    """
    found = _phone_numbers(text, region)
    return found[0][0] if found else None


def _phone_numbers(text: str, region: str = "US") -> list[tuple[str, int]]:
    """Every valid phone number in the text, as E.164, with where it starts (in the text with
    its spelled digits written as digits, see ``spelled_digits``)."""
    import phonenumbers

    if not text or not text.strip():
        return []
    text = spelled_digits(text)
    found: list[tuple[str, int]] = []
    matcher = phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.POSSIBLE
    )
    for match in matcher:
        number = match.number
        if phonenumbers.is_valid_number(number) or _is_fictional_nanp(number):
            e164 = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )
            found.append((e164, match.start))
    return found


_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_DIGIT_WORD = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|\d+)"
_SPELLED_RUN = re.compile(rf"\b{_DIGIT_WORD}(?:[\s,.()-]+{_DIGIT_WORD})+\b", re.I)


def spelled_digits(text: str) -> str:
    """A phone number said in words, written in digits: "six one seven, five five five, zero
    one nine two" -> "6175550192". Only a run of ten or eleven digits (some may be typed as
    digits: "617 five five five 0192") is rewritten; other number words stay as they are
    ("one of the nurses", "two or three times")."""

    def digits(match: re.Match[str]) -> str:
        words = re.findall(r"[a-z]+|\d+", match.group(0).lower())
        if not any(not word.isdigit() for word in words):
            return match.group(0)  # typed in digits: phonenumbers reads it as it is
        said = "".join(word if word.isdigit() else _DIGIT_WORDS[word] for word in words)
        return said if len(said) in (10, 11) else match.group(0)

    return _SPELLED_RUN.sub(digits, text or "")


# Someone else's number: "my daughter 480-555-0143", "or my husband's cell is ...", "my
# sister at ..." (the person named just before the number, in the same clause).
_SOMEONE = (
    r"(?:daughter|son|wife|husband|spouse|partner|mom|mother|mum|dad|father|sister|brother"
    r"|aunt|uncle|niece|nephew|cousin|grand(?:ma|pa|mother|father|son|daughter)|friend"
    r"|neighbou?r|boyfriend|girlfriend|fianc[eé]e?|caregiver|kid|child|boss|work|office)"
)
_SOMEONE_ELSES = re.compile(
    rf"\b(?:my|his|her|our|the)\s+{_SOMEONE}(?:'?s)?"
    r"(?:\s+(?:\w+\s+)?(?:number|cell|phone|line|#))?(?:\s+(?:is|at|on|=|:))?[\s:,-]*$",
    re.I,
)


def _someone_elses(text: str, at: int) -> bool:
    """Whether the number starting at ``at`` is said as someone else's ("my daughter ...")."""
    before = re.split(r"[.;!?]|\bor\b|\band\b|\bbut\b", text[:at])[-1]
    return bool(_SOMEONE_ELSES.search(before))


def _names_whose(text: str, at: int) -> str | None:
    """Whose number it is ("daughter"), when said just before it."""
    before = re.split(r"[.;!?]|\bor\b|\band\b|\bbut\b", text[:at])[-1]
    match = re.search(rf"\b(?:my|his|her|our|the)\s+({_SOMEONE})", before, re.I)
    return match.group(1).lower() if match else None


def parse_own_phone(text: str, own: str | None = None) -> str | None:
    """The person's own number in an answer to "what number can we call?", as E.164, or None.

    A number said as someone else's ("this number or my daughter 480-555-0143 if i dont pick
    up") is a second way to reach them, not theirs: the number of their own said is, else the
    number they text from (``own``) when they say so ("this number", "this one"); a number
    that is only someone else's is still how to reach them ("call my wife at ...")."""
    said = spelled_digits(" ".join((text or "").replace("’", "'").split()))
    found = _phone_numbers(said)
    theirs = [number for number, at in found if not _someone_elses(said, at)]
    if own and (
        _STARTS_THIS_NUMBER.match(said)
        or means_this_number(said)
        or _OR_THIS_NUMBER.search(said)
    ):
        return own
    if theirs:
        return theirs[0]
    return found[0][0] if found else None


# "my number is this one", "use this number", "call this one instead"
_MY_NUMBER_IS_THIS = re.compile(
    r"\b(?:my\s+(?:number|cell|phone|#)\s+(?:is|=|should\s+be)\s+|(?:use|call|text)\s+)"
    r"(?:this|that)\s+(?:one|number|cell|phone|#)\b"
    r"|\b(?:this|that)\s+(?:one|number|cell|phone)\s+is\s+mine\b",
    re.I,
)


def means_own_number(text: str, held: str | None = None) -> bool:
    """Whether a correction says the number they text from is theirs: "my number is this one",
    or the number held is someone else's ("480 is my daughter", with +1480... held)."""
    said = " ".join((text or "").replace("’", "'").split())
    if _MY_NUMBER_IS_THIS.search(said):
        return True
    digits = re.sub(r"\D", "", held or "")[-10:]
    for match in re.finditer(
        rf"\b(\d{{3,10}})\s+(?:is|was|=)\s+(?:my|his|her|our)\s+{_SOMEONE}", said, re.I
    ):
        if len(digits) == 10 and digits.startswith(match.group(1)):
            return True
    return False


def other_numbers(text: str, main: str | None) -> list[tuple[str, str | None]]:
    """The numbers said besides the main one, each with whose it is when said ("daughter")."""
    said = " ".join((text or "").replace("’", "'").split())
    return [
        (number, _names_whose(said, at))
        for number, at in _phone_numbers(said)
        if number != main
    ]


def _is_fictional_nanp(number: phonenumbers.PhoneNumber) -> bool:
    import phonenumbers

    national = str(number.national_number)
    if number.country_code != 1 or len(national) != 10 or national[3:6] != "555":
        return False
    if not phonenumbers.is_possible_number(number):
        return False
    ordinary_exchange = int(national[:3] + "234" + national[6:])
    probe = phonenumbers.PhoneNumber(country_code=1, national_number=ordinary_exchange)
    return bool(phonenumbers.is_valid_number(probe))


_THIS_NUMBER_PHRASE = (
    r"(?:(?:yes|yeah|yep|ok|okay|sure|just|you\s+can)\W+)*(?:use\s+|call\s+|text\s+)?"
    r"(?:(?:this|that)\s+(?:number|one|phone|cell|line|#)"
    r"|(?:the\s+)?same(?:\s+(?:number|one|phone|cell|line|#))?"
    r"|(?:the\s+)?(?:number|one|phone|cell)\s+(?:i'?m|i\s+am|im)\s+(?:texting|messaging|writing)"
    r"(?:\s+(?:you\s+)?(?:from|on|with))?(?:\s+now)?"
    r"|(?:my\s+)?(?:this|current)\s+(?:number|cell|phone))"
    r"(?:\s+(?:is\s+fine|works|is\s+good|please|pls|thanks))*"
)
# Said first, before anything else ("this number or my daughter 480-555-0143"); not "this
# number is my daughter's" or "this number is wrong".
_STARTS_THIS_NUMBER = re.compile(
    rf"^{_THIS_NUMBER_PHRASE}(?=\s*(?:$|[.,;:!?-]|(?:or|but|and|if|pls|please)\b))",
    re.I,
)
# Or said last: "my daughter 480-555-0143 or this one".
_OR_THIS_NUMBER = re.compile(rf"\bor\s+{_THIS_NUMBER_PHRASE}[\s.!?]*$", re.I)
# One way of saying it, or two in a row ("this number. the one im texting from"), with the
# puzzled "??" of someone who thinks it obvious.
_THIS_NUMBER = re.compile(
    rf"^{_THIS_NUMBER_PHRASE}(?:[\s.,;!?-]+{_THIS_NUMBER_PHRASE})?[\s.!?]*$", re.I
)


def means_this_number(text: str) -> bool:
    """True when the answer to "what number can we call?" means the number they text from
    ("this one", "this number", "same", "the one im texting from"); the SMS channel knows it.
    The first words may say it and the rest something else ("this one. after 6pm pls", "this
    one. text is better i work nights"), unless the rest gives another number."""
    said = " ".join((text or "").replace("’", "'").split())
    if _THIS_NUMBER.match(said):
        return True
    first, _, rest = said.partition(".")
    return (
        bool(rest.strip())
        and bool(_THIS_NUMBER.match(first))
        and not _A_NUMBER.search(rest)
    )


_A_NUMBER = re.compile(r"\d(?:\D?\d){6,}")


# How they would rather be reached: "yes but text first, I'm on job sites all day", "text is
# better i work nights", "email only please", "dont call before 5", "text is fine" (a text
# said to suit them, where a call is what staff would do first).
_WISH = re.compile(
    r"\b(?:(?:text|txt|sms|email|e-mail)(?:ing)?\s+(?:me\s+)?(?:first|only|before|instead"
    r"|(?:is|works|would\s+be)\s+(?:better|best|easier|preferred))"
    r"|(?:text|txt|sms)(?:ing)?\s+(?:(?:is|works|would\s+be)\s+)?(?:fine|good|ok|okay|great"
    r"|perfect)\b|(?:text|txt|sms)(?:ing)?\s+works\b"
    r"|(?:only|just|pls|please)\s+(?:text|txt|email)\b"
    r"|(?:prefer|rather)\s+(?:a\s+|an\s+)?(?:text|txt|sms|email|e-mail)"
    r"|(?:don'?t|do\s+not|dont|pls\s+don'?t|please\s+don'?t)\s+call"
    r"|can'?t\s+(?:talk|take\s+calls|answer\s+(?:the\s+)?phone|pick\s+up)"
    r"|no\s+(?:phone\s+)?calls"
    # who to contact, and who not: "please contact me, not Michael or the care facility"
    r"|(?:contact|call|reach|text|email)\s+(?:only\s+)?me\b(?:\s+only)?\s*,?\s*(?:and\s+)?not\b"
    r"|(?:don'?t|do\s+not|dont|never)\s+(?:contact|call|text|email|reach)\s+(?:my\s+)?[A-Z]?\w+)",
    re.I,
)
_YES_NO_FIRST = re.compile(
    r"^(?:(?:yes|yeah|yep|ya|ok|okay|sure)\b[\s,.!]*(?:but\s+)?|(?:no|nope)(?:[,.!]+\s*|\s+but\s+))",
    re.I,
)


# A way to reach them said to be fine, in answer to "May we contact you by phone, text or
# email?": "text is fine", "email works", "phone is ok", "text me", "only text pls"; not
# "text is not ok" (the word between).
_MEANS_OK = re.compile(
    r"\b(?:(?:text|txt|sms|e-?mail|phone|call)(?:ing|s)?\s+(?:me\s+)?(?:(?:is|are|would\s+be)\s+)?"
    r"(?:fine|good|ok|okay|great|best|better|easier|preferred|perfect|works?)"
    r"|(?:text|txt|e-?mail|call)\s+me\b(?!\s+(?:back|later))"
    r"|(?:only|just|pls|please)\s+(?:by\s+)?(?:text|txt|e-?mail)"
    r"|(?:text|txt|sms|e-?mail)(?:ing)?\s+(?:me\s+)?(?:first|only|instead)"
    r"|(?:prefer|rather)\s+(?:a\s+|an\s+)?(?:text|txt|sms|e-?mail|phone|call))\b",
    re.I,
)
_REFUSED = re.compile(
    r"\b(?:don'?t|do\s+not|dont|never|no)\s+(?:\w+\s+)?(?:contact|text|txt|e-?mail|call|reach)",
    re.I,
)


def consents_by_means(text: str) -> bool:
    """Whether the words agree to be contacted by naming the way that suits them ("text is
    fine", "email works best", "text me", "text only, no calls"): a yes to "May we contact
    you?". A way refused ("don't text me") is none."""
    said = " ".join((text or "").replace("’", "'").split())
    return bool(_MEANS_OK.search(_REFUSED.sub(" ", said)))


# The phone is hard for them: "I don't hear very well on the phone", "I'm hard of hearing",
# "I wear hearing aids" (said of themselves, not of the patient in the story).
_PHONE_HARD = re.compile(
    r"\b(?:(?:i'?m|im|i\s+am)\s+(?:\w+\s+){0,2}?(?:hard\s+of\s+hearing|deaf(?!\s+in\b))"
    r"|i\s+(?:wear|have|use|need)\s+(?:a\s+)?hearing\s+aids?"
    r"|my\s+hearing\s+(?:(?:is\s+not|isn'?t|aint|ain'?t)\s+(?:very\s+|so\s+|that\s+|too\s+)?"
    r"(?:good|great)|(?:is|has\s+gotten|is\s+getting)\s+(?:very\s+|so\s+|really\s+|pretty\s+)?"
    r"(?:bad|poor|worse|going))"
    r"|(?:i\s+)?(?:don'?t|dont|do\s+not|can'?t|cant|cannot|can\s+not)\s+hear\s+(?:\w+\s+)?"
    r"(?:well|good|great|clearly|much|on\s+the\s+phone|phone\s+calls|people\s+on)"
    r"|(?:trouble|difficulty|a\s+hard\s+time)\s+hearing"
    r"|(?:phones?|phone\s+calls?|calls?)\s+(?:is|are)\s+(?:\w+\s+)?(?:hard|difficult|tough)"
    r"\s+for\s+me"
    r"|(?:hard|difficult|tough)\s+for\s+me\s+to\s+(?:talk|hear|speak)\s+on\s+the\s+phone"
    r"|i'?m\s+not\s+(?:good|great)\s+(?:on|with)\s+the\s+phone"
    r"|(?:i\s+have\s+a\s+)?speech\s+(?:impairment|problems?|disability))\b",
    re.I,
)


def phone_is_hard(text: str) -> str | None:
    """The sentence that says the phone is hard for them ("I don't hear very well on the
    phone."), in their words, or None: staff reach them by email or text instead."""
    said = " ".join((text or "").replace("’", "'").split())
    for sentence in re.split(r"(?<=[.!?])\s+", said):
        if _PHONE_HARD.search(sentence):
            return sentence.strip(" .!") or None
    return None


def contact_wish(text: str) -> str | None:
    """How the person would rather be reached, in their own words ("text first, I'm on job
    sites all day" from "yes but text first, I'm on job sites all day"), or None."""
    said = " ".join((text or "").replace("’", "'").split())
    if not _WISH.search(said):
        return None
    for sentence in re.split(r"(?<=[.!?])\s+", said):
        if _WISH.search(sentence):
            wish = re.sub(r"^but\s+", "", _YES_NO_FIRST.sub("", sentence), flags=re.I)
            return wish.strip(" .!") or None
    return None


_EMAIL_TOKEN = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")


def parse_email(text: str) -> str | None:
    """The first email address in the text, normalized (domain lower-cased), or None."""
    from email_validator import EmailNotValidError, validate_email

    for match in _EMAIL_TOKEN.finditer(text or ""):
        candidate = match.group(0).strip(".!?,;:'\"").removeprefix("mailto:")
        try:
            return validate_email(candidate, check_deliverability=False).normalized
        except EmailNotValidError:
            continue
    return None


# No email to give, at "What is your email?": "skip", "none", "n/a", "no email", "I do not
# have email", "I dont have one", "she doesn't use email", "I have no email address", "never
# had one", "not on email", "prefer not".
_EMAIL_WORD = r"(?:e-?mails?(?:\s+address(?:es)?)?|one|any|that)"
_NO_EMAIL = re.compile(
    r"^\s*(?:skip|none|nothing|nope|no|n/?a|prefer\s+not|(?:i'?d\s+)?rather\s+not)\b"
    r"|\bno\s+e-?mail\b"
    r"|\b(?:don'?t|dont|do\s+not|doesn'?t|doesnt|does\s+not|didn'?t|never)\s+"
    r"(?:\w+\s+)?(?:have|use|do|got|had|check|own)\s+(?:an?\s+|any\s+)?"
    + _EMAIL_WORD
    + r"\b"
    r"|\b(?:have|got|has)\s+no\s+" + _EMAIL_WORD + r"\b"
    r"|\bnot\s+on\s+e-?mail\b"
    r"|\b(?:no|don'?t|dont|do\s+not)\s+(?:\w+\s+)?(?:computer|internet)\b",
    re.I,
)


def means_no_email(text: str) -> bool:
    """Whether the words say there is no email address to give ("I do not have email.", "no
    email", "skip", "none"): at the email question, the question is skipped. An address in the
    text is never this (``parse_email`` reads it first)."""
    said = " ".join((text or "").replace("’", "'").split())
    return bool(said) and bool(_NO_EMAIL.search(said))


_NAME_PREFIX = re.compile(
    r"^(?:(?:hi|hello|hey|yes|yeah|ok|okay|sure)\b[\s,!.]*)?"
    r"(?:(?:my\s+)?(?:full\s+)?name\s+is|my\s+name'?s|name'?s|the\s+name'?s|names|name\s*:"
    r"|i'?m|i\s+am|im"
    r"|it'?s|its|this\s+is|call\s+me|you\s+can\s+call\s+me|it\s+is|me\s*:)\s+",
    re.I,
)
_NAME_SUFFIX = re.compile(r"[\s,]+(?:here|thanks|thank\s+you|thx|ty)[\s.!]*$", re.I)
# Who they are to the patient, said after the name: "Jenny Larson, im his wife", "Tom Reyes
# (her son)", "Ana Diaz - the patient's daughter".
_RELATION_SUFFIX = re.compile(
    r"(?:[\s,;(-]+|\s+)(?:(?:and\s+)?(?:i'?m|i\s+am|im)\s+)?(?:his|her|their|the\s+patient'?s)"
    rf"\s+{_SOMEONE}\b[\s\w',.!)-]*$",
    re.I,
)
_TITLES = re.compile(
    r"^(?:dr|doctor|mr|mrs|ms|miss|mx|prof|professor|rev|sir|madam)\.?\s+", re.I
)
_NOT_NAME_WORDS = frozenset({
    "why", "what", "how", "when", "where", "who", "need", "want", "you", "your", "that", "know",
    "no", "yes", "nope", "yeah", "ok", "okay", "sure", "hello", "hi", "hey", "thanks", "thank",
    "please", "help", "stop", "rather", "not", "none", "anonymous", "skip", "prefer", "idk",
    "the", "is", "am", "was", "it", "i", "my", "me", "and", "or", "do", "does", "don't", "dont",
    "n/a", "nothing", "unknown", "private", "secret", "test", "asdf", "human", "agent",
    "lawyer", "attorney", "name", "have", "can", "this", "for", "to", "a", "of",
})  # fmt: skip
_STATE_NAMES = frozenset(name.lower() for name in STATES.values())
_NAME_PARTICLES = frozenset(
    {
        "de",
        "la",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "du",
        "le",
        "bin",
        "al",
    }
)


# A nickname said between a first and a last name: "Margaret (Peggy) Sorensen",
# 'Robert "Bobby" Lee'.
_NICKNAME = re.compile(
    r"(?<=\S)\s+(?:\((?P<p>[^\W\d_]+)\)|[\"“'](?P<q>[^\W\d_]+)[\"”'])\s+(?=\S)"
)


def parse_name(text: str) -> str | None:
    """A person's name from "Alex Moreno" / "my name is pat sullivan" / "I'm Jordan", or None.

    Titles ("Dr.", "Mrs.") are dropped; all-lower-case names are title-cased (keeping particles
    such as "de la" lower case); any other casing is kept as typed.
    """
    name = " ".join((text or "").replace("’", "'").split()).strip(" !,;:")
    if not name or "?" in name or "@" in name or re.search(r"\d", name):
        return None
    for _ in range(2):  # "hi, my name is ..." then "Dr. ..."
        name = _NAME_PREFIX.sub("", name).strip(" !,;:")
        name = _NAME_SUFFIX.sub("", name).strip(" !,;:")
        name = _RELATION_SUFFIX.sub("", name).strip(" !,;:")
        name = _TITLES.sub("", name).strip(" !,;:")
    if name.endswith(".") and not re.search(r"(?:\b[^\W\d_]|\b[JjSs]r)\.$", name):
        name = name[:-1]  # a full stop, not "Jr." or an initial
    nickname = _NICKNAME.search(name)
    if (
        nickname
    ):  # "Margaret (Peggy) Sorensen": the name read without it, then given back
        plain = parse_name(name[: nickname.start()] + " " + name[nickname.end() :])
        said = parse_name(nickname.group("p") or nickname.group("q"))
        if plain is None or said is None or " " not in plain:
            return None
        first, rest = plain.split(" ", 1)
        return f"{first} ({said}) {rest}"
    words = name.split()
    if not words or len(words) > 6:
        return None
    if not all(
        re.fullmatch(r"[^\W\d_]+(?:[.'-][^\W\d_]*)*\.?", word) for word in words
    ):
        return None
    if any(word.lower().strip(".") in _NOT_NAME_WORDS for word in words):
        return None
    if sum(ch.isalpha() for ch in name) < 2:
        return None
    if " ".join(words).lower().strip(".") in _STATE_NAMES:
        return None  # "ohio": a state, said at the name question
    if name.islower():
        words = [
            word if (index and word in _NAME_PARTICLES) else _capitalize_name_word(word)
            for index, word in enumerate(words)
        ]
    return " ".join(words)


def _capitalize_name_word(word: str) -> str:
    """ "o'brien" -> "O'Brien", "mary-jane" -> "Mary-Jane"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], word)
