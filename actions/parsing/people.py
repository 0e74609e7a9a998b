"""Who the patient was, seen from the person talking: themselves, a child, a spouse, a parent,
another family member or someone else."""

from __future__ import annotations

import re

from bot.leads.vocabulary import PATIENT_ROLES

__all__ = ["parse_patient_role", "patient_named"]

_ROLE_CODES = frozenset(PATIENT_ROLES)
_ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # In-laws and grandparents first: they contain parent/child words.
    ("other_family", re.compile(
        r"\b(?:(?:mother|father|son|daughter|brother|sister)[\s-]*in[\s-]*law|in[\s-]*laws?"
        r"|grand(?:mother|father|ma|pa|mom|dad|son|daughter|child|children|kid|kids|parents?)"
        r"|granny|gran|nana|nanna|grampa|gramps|great[\s-]+(?:grand\w*|aunt|uncle)"
        r"|brother|sister|sibling|siblings"
        r"|bro|sis|aunt|auntie|aunty|uncle|cousin|niece|nephew|step[\s-]*(?:brother|sister)"
        r"|relative|family\s+member|other\s+family|family)\b")),
    ("child", re.compile(
        # ("its my sons injury": a son's, the apostrophe left out)
        r"\b(?:sons?|daughters?|baby|babies|kid|kids|child|children|newborn|infant|twins?|toddler"
        r"|step[\s-]*(?:son|daughter|child|kid)|little\s+(?:boy|girl|one)|boy|girl|teen"
        r"|teenager)\b")),
    ("spouse", re.compile(
        r"\b(?:wife|husband|spouse|partner|hubby|fianc[eé]e?|boyfriend|girlfriend|bf|gf)\b")),
    ("parent", re.compile(
        r"\b(?:mom|mother|mum|mommy|mama|momma|dad|father|daddy|papa|pops|parents?"
        r"|step[\s-]*(?:mom|mother|dad|father))\b")),
    ("other", re.compile(
        r"\b(?:friend|friends|neighbou?r|neighbou?rs|someone\s+else|somebody\s+else"
        r"|some\s+one\s+else|client|clients|co[\s-]*worker|colleague|boss|employee|roommate"
        r"|patient\s+of\s+mine|stranger|acquaintance)\b")),
]  # fmt: skip
# Weak words for "other": used only when nothing more specific is said ("the other one", "else").
_ROLE_OTHER_WEAK = re.compile(
    r"\b(?:other|else|another\s+person|not\s+(?:me|myself))\b"
)
# "my friend's mom", "my son's wife": the patient belongs to someone else.
_POSSESSIVE = re.compile(r"\b(?P<owner>[a-z]+)'s\s+(?:\w+\s+)?(?P<whose>[a-z]+)\b")
_SELF_STRONG = re.compile(
    r"\b(?:it\s+was\s+me|its\s+me|it\s+is\s+me|myself|me\s+personally"
    r"|i\s+(?:was|am)\s+the\s+patient"
    r"|the\s+patient\s+(?:was|is)\s+me|i\s+was\s+(?:injured|hurt|harmed|the\s+one))\b"
)
_SELF_WEAK = re.compile(r"^(?:i|self|mine|i\s+was|i\s+am|i\s+did)$|\bme\b")
_NEGATED_ROLE = re.compile(r"\bnot\s+(?:me|myself|my\s+\w+)\b")
# "my moms warfarin", "my dads insulin": a relation's possessive typed without its apostrophe
# (or a plural: "my sons" are still children), read as the relation itself.
_MY_RELATION_S = re.compile(r"\b(?P<my>(?:my|our)\s+)(?P<stem>[a-z]+)s\b")


def parse_patient_role(text: str) -> str | None:
    """Who the patient was, from the person's side: self, child, spouse, parent, other_family,
    other; or None. When several are named, the first one mentioned wins ("my son, not me")."""
    norm = " ".join((text or "").lower().replace("’", "'").split())
    norm = re.sub(r"[^\w\s'-]", " ", norm)
    norm = " ".join(norm.split())
    if not norm:
        return None
    for possessive in _POSSESSIVE.finditer(norm):
        owner, whose = (
            _role_of(possessive.group("owner")),
            _role_of(possessive.group("whose")),
        )
        if owner and whose:
            return "other" if "other" in {owner, whose} else "other_family"
    norm = re.sub(r"'s\b", "", norm).replace(
        "'", ""
    )  # "my daughter's arm" -> "daughter"
    norm = _MY_RELATION_S.sub(
        lambda m: (
            m.group("my") + m.group("stem") if _role_of(m.group("stem")) else m.group(0)
        ),
        norm,
    )
    code = norm.replace(" ", "_")
    if code in _ROLE_CODES:
        return code
    if norm in {
        "self",
        "me",
        "myself",
        "i",
        "i was",
        "i am",
        "mine",
        "yes me",
        "just me",
    }:
        return "self"
    positive = _NEGATED_ROLE.sub(lambda m: " " * len(m.group(0)), norm)
    hits: list[tuple[int, str]] = []
    for role, pattern in _ROLE_PATTERNS:
        match = pattern.search(positive)
        if match:
            hits.append((match.start(), role))
    strong = _SELF_STRONG.search(positive)
    if strong:
        hits.append((strong.start(), "self"))
    if hits:
        return min(hits)[1]
    if _SELF_WEAK.search(positive):
        return "self"
    if _ROLE_OTHER_WEAK.search(norm):
        return "other"
    return None


def _role_of(word: str) -> str | None:
    """The role a single relation word names ("mom" -> parent), or None."""
    for role, pattern in _ROLE_PATTERNS:
        if pattern.fullmatch(word):
            return role
    return None


# "my father, Raj Patel", "my father, Manuel Delgado, who is 72", "my son Eli Brooks": a name
# said right after the relation (capitalised as names are written), two to four words.
_NAMED_AFTER_RELATION = re.compile(
    r"\b(?i:my|our)\s+(?:(?i:late|dear|little|baby|elderly|older|younger)\s+)?"
    r"(?P<rel>(?i:mom|mother|mum|dad|father|son|daughter|baby|child|husband|wife|partner"
    r"|spouse|fianc[eé]e?|boyfriend|girlfriend|brother|sister|grandmother|grandfather"
    r"|grandma|grandpa|aunt|uncle|cousin|niece|nephew|friend|stepson|stepdaughter|stepdad"
    r"|stepmom|(?:mother|father|son|daughter|brother|sister)[\s-]*in[\s-]*law))"
    r"\s*,?\s+(?:(?i:named|called|whose\s+name\s+is|his\s+name\s+is|her\s+name\s+is)\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})\b"
)


def patient_named(text: str) -> tuple[str, str] | None:
    """The relation and the name said with it ("it was my father, Raj Patel" -> ("father",
    "Raj Patel")), or None. Only a name written as one (capitalised, two words at least), so
    "my son Has a cast" or "my mom and dad" give none."""
    from actions.parsing.contact import parse_name

    for match in _NAMED_AFTER_RELATION.finditer(" ".join((text or "").split())):
        name = parse_name(match.group("name"))
        if name and len(name.split()) >= 2:
            return match.group("rel").lower(), name
    return None
