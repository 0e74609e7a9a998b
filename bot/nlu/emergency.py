"""A deterministic check for a medical emergency happening now, run on every message.

The NLU model is good at stories and bad at the rare message that matters most: it misses "theres
blood pouring out of her mouth" and hears an emergency in "how do i find the state bar thing".
This check is the one authority on emergencies: `EmergencyCheck` (``bot.nlu.components``) sets
the intent to ``report_emergency`` when it fires and takes that intent away when it does not.

High recall on purpose, for what is happening now: heavy bleeding, not breathing, chest pain,
stroke signs, collapse or seizures, overdose, thoughts of suicide or self-harm, a newborn in
distress. Ordinary words of a malpractice story ("the emergency room", "I had chest pain in 2023
and they sent me home", "blood test") do not fire it: symptoms that a story tells in the past
fire only with words that place them now.

Pure: no I/O, no Rasa import, so the channels, the actions and the tests can call it too.
"""

from __future__ import annotations

import re

# Kinds, so the reply can add the crisis line for self-harm.
SELF_HARM = "self_harm"
MEDICAL = "medical"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

_SUBJECT = r"(?:i'?m|i am|im|she'?s|she is|shes|he'?s|he is|hes|they'?re|they are|it'?s|it is|is|are)"
_NOW = re.compile(
    r"\b(?:right now|rn|at the moment|currently|tonight|this (?:morning|afternoon|evening)|"
    r"today|just now|by the minute|getting worse|what (?:do|should) (?:i|we) do|help|please|hurry)\b"
)
# A symptom told as part of a past story ("in 2023", "two years ago", "after she died").
_PAST_STORY = re.compile(
    r"\b(?:ago|last (?:year|month|week|spring|summer|fall|winter)|back in|in (?:19|20)\d\d|"
    r"(?:had an?|during|passed away|died|was told|they said|misdiagnos\w*|turned out|ended up|weeks later|"
    r"months later|years later|at the time))\b"
)

# Signs that would be "now" but are told of a patient who has died, of long ago, or in the past
# progressive ("that night she was vomiting blood", "July 24, when I was vomiting blood"): a
# story, unless words place it now.
_TOLD_AS_PAST = re.compile(
    r"\b(?:died|passed away|passed on|funeral|autopsy|years ago|months ago|last year|"
    r"back in|in (?:19|20)\d\d|"
    r"(?:was|were|had been) (?:\w+ ){0,2}(?:vomiting|coughing|bleeding|choking|gasping|"
    r"unconscious|unresponsive|having))\b"
)

# A sign told as a moment of the story ("Two days later, July 9, I collapsed", "July 9, when I
# collapsed", "about a week after when she started bleeding"): a past event, not news, unless
# words place it now ("right now", "rn", "what do i do", "please help", "bleeding now").
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WHO = r"(?:i|she|he|they|we|my \w+|her \w+|his \w+|the \w+)"
_EVENT_PAST = re.compile(
    r"\b(?:"
    # the sign as the time of something: "when i collapsed", "after she started bleeding"
    rf"(?:when|after|before|until|till|the (?:day|night|time|morning|week)(?: that)?) {_WHO} "
    r"(?:\w+ )?(?:collapsed|passed out|fainted|bled|(?:started|began|was|were) (?:\w+ )?"
    r"(?:bleeding|seizing|choking|vomiting|hemorrhag\w*)|had (?:a |an |the )?(?:seizure|stroke|"
    r"heart attack|hemorrhage|allergic reaction|bleed)|stopped breathing)|"
    # a moment after another: "two days later", "a week after", "the next day"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|few|a couple(?: of)?|couple(?: of)?)"
    r" (?:hours?|days?|nights?|weeks?|months?) (?:after|later)|"
    r"(?:the|that) (?:next|following) (?:day|morning|night|evening|week)|later that (?:day|night|week)|"
    # a date of the story: "july 9", "on 7/9", "in july"
    rf"{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?|(?:in|on) {_MONTH}\b|(?<![\d/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b"
    r")"
)
# Words that place a sign now, over a moment of the story.
_HAPPENING_NOW = re.compile(
    r"\b(?:right now|rn|at the moment|currently|tonight|just now|by the minute|getting worse|"
    r"what (?:do|should) (?:i|we) do|hurry|please help|help (?:me|us|her|him) (?:now|please)|"
    r"(?:collapsed|bleeding|bleeds|seizing|choking|unconscious|unresponsive|passed out|fainted) "
    r"(?:again )?(?:now|again right now)|now (?:she|he|i|they|my \w+)(?:'s| is| are|'re| am|'m) )"
)

# Always an emergency, whatever the tense around them: the person's own safety now.
_SELF_HARM = re.compile(
    r"\b(?:"
    r"kill(?:ing)? my ?self|end(?:ing)? my (?:own )?life|take my (?:own )?life|"
    r"(?:i'?m|im|i am|feeling|feel|been|getting) (?:so |really |very )?suicidal|suicidal thoughts|"
    r"thinking (?:about|of) (?:suicide|killing)|commit(?:ting)? suicide|"
    r"(?:don'?t|do not|dont) want to (?:live|be alive|be here|wake up)|want(?:s)? to die|"
    r"wish i (?:was|were) dead|better off dead|"
    r"hurt(?:ing)? my ?self|harm(?:ing)? my ?self|self[- ]?harm\w*|cut(?:ting)? my ?self|"
    r"(?:end|ending) it (?:all|tonight|today)|do something to my ?self|"
    r"no (?:point|reason) (?:in )?(?:living|going on|anymore)|i'?m ending it|im ending it|"
    r"(?:don'?t|dont|do not) see (?:a|the|any) point (?:anymore|in living|in going on)"
    r")\b"
)
_OVERDOSE = re.compile(
    r"\b(?:(?:i|i'?ve|i have|she|he|she'?s|he'?s)? ?just (?:overdosed|od'?d)|overdosing|"
    r"(?:took|taken|swallowed|ate) (?:too many|a (?:whole )?bottle|a handful|all (?:of )?(?:my|the|her|his) (?:pills|meds))"
    r")\b"
)
# "I overdosed" is news when short or told as now; at the end of a story ("the rehab place
# crushed a pill that was time release and i overdosed") it is what the care did.
_OVERDOSED = re.compile(
    r"\b(?:i|i'?ve|i have|she|he|she'?s|he'?s) (?:overdosed|od'?d)\b"
)
# Present by their grammar: these describe now.
_NOW_SIGNS = re.compile(
    r"\b(?:"
    # breathing
    r"(?:can'?t|cannot|can not|cant|barely|hardly|struggling to|unable to) breathe?\b(?! right(?! now)| well| through| out of)|"
    r"(?:can'?t|cant|cannot) catch (?:my|her|his|their) breath|"
    rf"(?:isn'?t|isnt|aren'?t|has stopped|is not|are not) breathing|{_SUBJECT} (?:choking|gasping|turning blue)|"
    r"turning (?:blue|purple|grey|gray)|"
    # "i'm short of breath", not the harm that lasts ("i get short of breath on stairs") nor the
    # past ("i was short of breath for weeks after")
    r"(?<!was )(?<!were )(?<!get )(?<!gets )(?<!got )(?<!had )(?:short of breath|trouble breathing)"
    r"(?! (?:on|climbing|going up|walking up) (?:the )?(?:stairs|steps|hills?)| (?:when|if|whenever) "
    r"(?:i|she|he|we|they) (?:walk|climb|exercise|exert|go up|do)| (?:with|on) (?:exertion|activity)"
    r"| for (?:weeks|months|days|years|a while))|"
    r"(?:throat|tongue|lips?|face|mouth)(?: and (?:throat|tongue|lips?|face|mouth))? (?:is |are )?"
    r"(?:closing|swelling)(?: up)?|"
    # bleeding
    r"(?:won'?t|wont|can'?t|cant|doesn'?t|doesnt|will not) stop bleeding|(?:barely|hardly) breathing|"
    r"bleeding through (?:the |my |her |a )?(?:pads?|bandages?|dressings?|gauze)|soaking (?:through )?(?:a |the )?pads?|"
    r"bleeding (?:a lot|heavily|badly|everywhere|out|profusely|nonstop|so much|and it won'?t stop)|"
    rf"{_SUBJECT} (?:still )?bleeding|"
    r"blood (?:is )?(?:everywhere|pouring|gushing|spurting|coming out)|(?:pouring|gushing) blood|"
    r"(?:coughing|vomiting|throwing|spitting)(?: up)?(?: (?:bright )?red)? blood|"
    r"bleeding (?:won'?t|wont|will not|doesn'?t|doesnt|isn'?t|isnt) stop(?:ping)?|"
    # heart, stroke, collapse
    rf"{_SUBJECT} having (?:a )?(?:heart attack|stroke|seizure|chest pains?|an? allergic reaction)|"
    r"(?:chest (?:pain|pains|hurts|is tight|pressure)|heart attack|having a stroke|seizure|seizing|convulsing)"
    r" (?:right now|now|rn)|"
    r"heart is (?:racing|pounding)|face (?:is |looks )?droop(?:ing|y)|slurr(?:ed|ing) (?:speech|words|her words|his words)|"
    r"speech (?:is |sounds )?slurr(?:ed|ing)|(?:arm|leg|hand) (?:just |suddenly )?went (?:weak|numb|limp|dead)|"
    r"words (?:are )?coming out (?:wrong|garbled|jumbled)|"
    rf"{_SUBJECT} (?:unconscious|unresponsive|not responding|collapsing|fainting|passing out|dying)|"
    r"(?:won'?t|wont|isn'?t|isnt|not) (?:wake|waking|respond|responding)\b(?: up)?|"
    r"(?:i'?m|im|i am) about to pass out|"
    # the words of an emergency
    r"this is an emergency|(?:need|call|send|get) (?:an |a )?ambulance|call(?:ing)? 911|"
    r"(?:incision|wound|stitches|cut) (?:just )?(?:split|burst|opened|ripped|tore)(?: open)?(?! up)|can see inside|"
    r"blood sugar (?:is )?(?:crashing|dropping|very low)|fever (?:of|is) 10[4-9]"
    r")"
)
# Heart-attack signs told in the present ("my chest is killing me", "my left arm is numb"). A harm
# that lasts says the same ("my chest still hurts since the surgery"), and a story names them ("the
# ER sent me home with chest pain and a numb arm"), so they fire with a word that places them now
# ("rn", "right now", "tonight"; not "help" or "please", which a story asks too), or when chest and
# arm are both told in the present.
_CHEST = re.compile(
    r"\b(?:chest (?:pains?|pressure|tightness)|(?:crushing|squeezing) (?:in|on) my chest)\b"
)
_CHEST_PRESENT = re.compile(
    r"\bchest (?:is |feels )?(?:still )?(?:killing me|crushing me|hurts|hurting|(?:so )?tight|burning|on fire|"
    r"(?:being )?squeezed|pounding)\b"
)
_ARM_PRESENT = re.compile(
    r"\b(?:arm|jaw) (?:is|feels|keeps|went|just went|is going|keeps going) (?:going )?(?:numb|tingling|tingly|dead)\b"
)
_RIGHT_NOW = re.compile(
    r"\b(?:right now|rn|at the moment|currently|tonight|this (?:morning|afternoon|evening)|"
    r"today|just now|by the minute|getting worse|what (?:do|should) (?:i|we) do)\b"
)
# Symptoms that a story often tells in the past: an emergency only when told as now.
_STORY_SIGNS = re.compile(
    r"\b(?:chest pains?|heart attack|stroke|seizures?|collapsed|passed out|fainted|unconscious|"
    r"unresponsive|stopped breathing|bleeding|blood everywhere|allergic reaction|"
    r"anaphyla\w*|choking|hemorrhag\w*|not breathing|(?:severe|unbearable|excruciating|so much) pain)\b"
)
_NEWBORN = re.compile(
    r"\b(?:baby|newborn|infant)(?:'s| is|s)? (?:still )?(?:not breathing|isn'?t breathing|"
    r"(?:turning |looks |is )?(?:blue|limp|floppy)|won'?t wake|not waking|"
    r"not moving|isn'?t moving|seizing|having a seizure)"
)
_BARE = re.compile(r"^\W*(?:emergency|it'?s an emergency|sos|911|call 911)\W*$")


def emergency_kind(text: str) -> str | None:
    """``self_harm`` or ``medical`` when the message describes an emergency now, else None."""
    if not text:
        return None
    norm = " ".join(text.translate(_APOSTROPHES).lower().split())
    if _SELF_HARM.search(norm):
        return SELF_HARM
    if _OVERDOSE.search(norm) and not _PAST_STORY.search(norm):
        return MEDICAL
    if _BARE.search(norm) or _NEWBORN.search(norm):
        return MEDICAL
    if _NOW_SIGNS.search(norm) and not (
        _TOLD_AS_PAST.search(norm) and not _NOW.search(norm)
    ):
        return MEDICAL
    chest_now = (
        _CHEST.search(norm) or _CHEST_PRESENT.search(norm)
    ) and _RIGHT_NOW.search(norm)
    if (
        chest_now or (_CHEST_PRESENT.search(norm) and _ARM_PRESENT.search(norm))
    ) and not (_TOLD_AS_PAST.search(norm) and not _RIGHT_NOW.search(norm)):
        return MEDICAL
    # A short message ("my son stopped breathing") is news, not a story.
    told_now = _NOW.search(norm) or len(norm.split()) <= 8
    if _OVERDOSED.search(norm) and told_now and not _PAST_STORY.search(norm):
        return MEDICAL
    if (
        _STORY_SIGNS.search(norm)
        and told_now
        and not _PAST_STORY.search(norm)
        and not (_EVENT_PAST.search(norm) and not _HAPPENING_NOW.search(norm))
    ):
        return MEDICAL
    return None


def is_emergency(text: str) -> bool:
    return emergency_kind(text) is not None
