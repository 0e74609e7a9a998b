"""The kind of matter: which of ``INCIDENT_TYPES`` the harm a person describes is."""

from __future__ import annotations

import re

from bot.leads.vocabulary import INCIDENT_TYPES

__all__ = [
    "INCIDENT_TYPES",
    "asks_for_a_referral",
    "asks_for_the_web_address",
    "names_other_care",
    "parse_incident_type",
    "words_name_the_kind",
]

_INCIDENT_TITLES: dict[str, str] = {
    "surgical error": "surgical_error",
    "birth injury": "birth_injury",
    "medication error": "medication_error",
    "missed or wrong diagnosis": "misdiagnosis",
    "misdiagnosis": "misdiagnosis",
    "anesthesia error": "anesthesia_error",
    "nursing home neglect": "other",
    "nursing home abuse": "other",
    "other medical care": "other",
    "something else": "other",
    "other": "other",
    "not a medical issue": "not_medmal",
    "not medical": "not_medmal",
}
_NOT_MEDICAL = re.compile(
    r"\b(?:not\s+(?:a\s+)?medical|nothing\s+(?:to\s+do\s+with\s+)?medical|non[\s-]?medical"
    r"|not\s+(?:about\s+)?(?:a\s+)?(?:doctor|hospital)|not\s+med\s*mal)\b"
)
_BIRTH = re.compile(
    r"\b(?:birth|births|born|delivery|delivered|deliver|labou?r|newborn|cerebral\s+palsy"
    r"|erb'?s\s+palsy|c[\s-]?section|cesarean|caesarean|obstetric\w*|ob[\s/-]?gyn"
    r"|shoulder\s+dystocia"
    r"|midwife|nicu|forceps|vacuum\s+extraction"
    # a baby lost before birth: "She was stillborn at 38 weeks" (sent home from triage is
    # still a birth injury case, not a missed diagnosis)
    r"|still\s*born|still\s*birth|fetal\s+(?:death|demise|distress|heart\s*(?:beat|rate))"
    r"|(?:[1-3]?\d|4[0-2])\s+weeks\s+pregnant)\b"
)
# A birth date ("I'm 52, born April 12 1974", "born on 3/4/80", "born in 1974"): not a birth.
_BORN_ON = re.compile(
    r"\b(?:born|dob|date\s+of\s+birth)\s*:?\s+(?:on\s+|in\s+)?(?:the\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|(?:19|20)\d\d\b)"
)
_ANESTHESIA = re.compile(
    r"\b(?:an(?:a)?esthe\w*|sedat\w*|epidural|intubat\w*|woke\s+up\s+during|put\s+under"
    r"|spinal\s+block|nerve\s+block)\b"
)
# A nursing home, the place of much "other" care (bed sores, a fall, neglect): the kind stays
# `other` (the contract's kinds), the read-back names the place (``in_a_nursing_home``).
_NURSING_HOME = re.compile(
    r"\b(?:nursing\s+(?:home|facility)|care\s+home|assisted\s+living|long[\s-]+term\s+care"
    r"|skilled\s+nursing|memory\s+care|rest\s+home|elder(?:ly)?\s+(?:care|abuse|neglect))\b"
)
# Tiered cues: a tier-0 cue names harm done in the operating room itself (it decides even when
# the story goes on to a late diagnosis or a discharge), a tier-1 cue names the error itself,
# tier 2 the kind of care, tier 3 only the setting it happened in.
_INCIDENT_TIERS: list[list[tuple[str, re.Pattern[str]]]] = [
    [
        ("surgical_error", re.compile(
            r"\b(?:cut|nicked|severed|damaged|injured|punctured|perforated|tore|torn|burned"
            r"|lacerated|hit|clipped)\s+(?:\w+\s+){0,3}?(?:during|in)\s+(?:the|my|his|her|their"
            r"|a|an)\s+(?:\w+\s+)?(?:surgery|operation)\b")),
    ],
    [
        ("surgical_error", re.compile(
            r"\b(?:surgical\s+error|wrong[\s-]+(?:site|side|limb|leg|arm|knee|eye|patient)"
            r"|botched\s+(?:surgery|operation)"
            r"|left\s+(?:a\s+|an\s+|the\s+)?(?:piece\s+of\s+(?:the\s+|a\s+)?)?"
            r"(?:(?:surgical|metal|small|broken|plastic)\s+)?(?:sponge|instrument|clamp|clip"
            r"|staple|tool|drill\s+bit|needle|gauze|retractor|towel|guide\s*wire)s?"
            r"|(?:sponge|instrument|clamp|clip|gauze)s?\s+(?:was\s+|were\s+)?left"
            r"|nicked|punctured|perforated"
            # a tooth pulled (an extraction is oral surgery): "they pulled my wisdom teeth"
            r"|(?:pulled|extracted|removed|took\s+out|taking\s+out)\s+(?:\w+\s+){0,2}?(?:teeth|tooth)"
            r"|(?:wisdom\s+)?(?:teeth|tooth)\s+(?:extraction|removal|(?:were\s+|was\s+|got\s+)?pulled"
            r"|(?:were\s+|was\s+|got\s+)?(?:taken\s+out|removed))|oral\s+surg(?:ery|eon)"
            # "i had my wisdom teeth out", "got a tooth out": had out is taken out (not
            # "knocked my teeth out")
            r"|(?:had|got|get|getting|having|have)\s+(?:\w+\s+){0,3}?(?:teeth|tooth)\s+out)\b")),
        ("medication_error", re.compile(
            r"\b(?:medication\s+error|wrong\s+(?:drug|medication|medicine|meds|pills?|dose|dosage"
            r"|prescription)|overdos\w*|too\s+much\s+\w+|drug\s+interaction|allergic\s+to"
            # a prescription filled wrong: "the CVS filled my moms warfarin wrong" (not "they
            # filled out the form wrong")
            r"|(?:pharmac\w*|cvs|walgreens|rite\s+aid|walmart)\b[^.!?]{0,60}?\b(?:filled|dispensed)"
            r"\s+(?:\w+\s+){0,3}?(?:wrong|wrongly|incorrectly)"
            r"|(?:filled|dispensed)\s+(?:\w+\s+){0,2}?(?:prescriptions?|scripts?|rx|meds|medications?"
            r"|pills?)\s+(?:wrong|wrongly|incorrectly))\b")),
        ("misdiagnosis", re.compile(
            r"\b(?:mis[\s-]?diagnos\w*|misdiagnos\w*|wrong\s+diagnosis|late\s+diagnosis"
            r"|delayed\s+diagnosis|missed\s+diagnosis|fail\w*\s+to\s+diagnose|never\s+diagnosed"
            r"|(?:cancer|tumou?r|stroke|heart\s+attack|fracture|infection|appendicitis|sepsis)\s+"
            r"(?:was\s+)?(?:missed|overlooked|not\s+caught)|missed\s+(?:my|his|her|the|a|an)\s+\w+"
            r"|didn'?t\s+catch|did\s+not\s+catch|sent\s+(?:me|him|her|them)\s+home"
            r"|misread\w*|mis[\s-]read|read\s+(?:it|the\s+\w+)\s+wrong"
            r"|(?:said|told\s+(?:me|us|him|her))\s+it\s+was\s+(?:just|only|nothing)"
            # symptoms put down to what the patient already had ("kept telling me ... it was
            # her dementia", "blamed it on his age", "brushed it off as anxiety")
            r"|(?:said|says|saying|told|telling|kept\s+telling)\s+(?:(?:me|us|him|her|them)\s+)?"
            r"(?:[^.!?]{0,60}?\s)?(?:that\s+)?it\s+was\s+(?:just\s+|only\s+)?(?:her|his|my|their)\s+"
            r"(?:dementia|alzheimer'?s|age|old\s+age|anxiety|nerves|imagination|period|weight"
            r"|arthritis|asthma|diabetes|depression|condition)"
            r"|(?:brushed|blew|wrote|waved)\s+(?:it|them|(?:her|his|my)\s+\w+)\s+off"
            r"|(?:brushed|blown|written|waved)\s+off\s+as|(?:blamed|put)\s+(?:it\s+)?(?:down\s+)?"
            r"(?:on|to)\s+(?:her|his|my|their)\s+(?:dementia|age|old\s+age|anxiety|nerves)"
            # the care came too late for what was there: "should have been caught", "if she
            # had come in two days earlier they could have treated it"
            r"|should\s+(?:have|'ve)\s+been\s+(?:caught|diagnosed|found|seen|spotted|picked\s+up)"
            r"|(?:could|would)\s+(?:have|'ve)\s+(?:treated|caught|saved|cured)\b[^.!?]{0,40}?"
            r"\b(?:earlier|sooner|in\s+time)"
            r"|(?:earlier|sooner)\b[^.!?]{0,40}?\b(?:could|would)\s+(?:have|'ve)\s+"
            r"(?:treated|caught|saved|cured)"
            r"|turned\s+out\s+(?:to\s+be|it\s+was)"
            # "the ER said it was acid reflux and it was a heart attack"
            r"|(?:said|told\s+(?:me|us|him|her|them)|thought|called)\s+it\s+was\s+(?:\w+\s+){1,4}?"
            r"(?:and|but)\s+(?:it\s+|that\s+)?(?:was|really\s+was|actually\s+was|ended\s+up))\b")),
        ("other", re.compile(
            r"\b(?:bed\s*sores?|pressure\s+(?:sores?|ulcers?)|hospital\s+fall"
            r"|(?:fell|fall|slipped|tripped)\b.*\b(?:hospital|clinic|nursing|rehab|ward|er)"
            r"|(?:hospital|staph|surgical\s+site)\s+infection"
            r"|infection|infected|sepsis|septic|mrsa|chiropract\w*|neglect\w*"
            # an ambulance's care: "the ambulance took almost 45 minutes to get there"
            r"|(?:ambulance|paramedics?|ems|emts?)\b[^.!?]*?\b(?:took\s+(?:almost\s+|about\s+|over\s+"
            r"|like\s+|nearly\s+)?(?:\d+|an?|forever|so\s+long|too\s+long)|slow|late|delay\w*"
            r"|never\s+(?:came|showed)|did\s*n'?t\s+(?:come|show)|dropped)"
            r"|(?:slow|late|delayed)\s+(?:ambulance|paramedics?|ems|emts?))\b")),
    ],
    [
        ("medication_error", re.compile(
            r"\b(?:medications?|medicines?|meds|prescri\w*|pharmac\w*|drugs?|doses?|dosage"
            r"|pills?|insulin|chemo\w*)\b")),
        ("misdiagnosis", re.compile(r"\b(?:diagnos\w*|missed|overlooked|undiagnosed)\b")),
        ("surgical_error", re.compile(
            r"\b(?:surgery|surgeries|surgical|surgeon|operation|operated|\w+ectomy|\w+otomy"
            r"|\w+plasty|laparoscop\w*|arthroscop\w*"
            # an organ taken out is an operation: "my daughter had her tonsils out"
            r"|(?:tonsils|adenoids|appendix|gall\s*bladder|uterus|ovar(?:y|ies)|spleen|thyroid"
            r"|prostate|kidney|colon|tumou?r|cyst|lump|polyps?|cataracts?)\s+(?:\w+\s+)?"
            r"(?:out|removed|taken\s+out)"
            r"|(?:removed|remove|took\s+out|take\s+out|taking\s+out)\s+(?:my|his|her|their|the"
            r"|a)\s+(?:(?:wrong|right|left|healthy)\s+)?(?:tonsils|adenoids|appendix"
            r"|gall\s*bladder|uterus|ovar(?:y|ies)|spleen|thyroid|prostate|kidney|colon|tumou?r"
            r"|cyst|lump|polyps?|cataracts?))\b")),
        ("birth_injury", re.compile(r"\b(?:pregnan\w*|prenatal|ultrasound)\b")),
        # a dentist's care: the kind of care, not the error ("its dental. they pulled my
        # wisdom teeth and hit the nerve" is an extraction gone wrong)
        ("other", re.compile(r"\b(?:dental|dentists?|root\s+canal)\b")),
    ],
    [   # only the setting: a nursing home's own error is named by the tiers above
        ("other", _NURSING_HOME),
    ],
]  # fmt: skip
_NOT_MEDMAL_WORDS = re.compile(
    r"\b(?:car|cars|truck|auto|motorcycle|crash|accident\s+at\s+work|work\s+(?:injury|accident)"
    r"|workplace|workers?\s+comp\w*|landlord|apartment|tenant|eviction|slip(?:ped)?|tripped"
    r"|store|grocery|billing|bills?|insurance|dog|divorce|custody|fired|employer|dui"
    r"|arrested|criminal)\b"
)
_OTHER_MEDICAL = re.compile(
    r"\b(?:something\s+else|other|doctor|dr|physician|nurse|hospital|er|emergency\s+room|clinic"
    r"|medical|treatment|therapist|therapy|care)\b"
)


# A kind said not to be the one ("It was NOT a birth injury, it was a hysterectomy"): dropped.
_NOT_THIS_KIND = re.compile(
    r"\b(?:not|never|(?:was|is|were|are|did|does|do)n'?t)\s+(?:about\s+)?(?:an?\s+|the\s+|my\s+)?(?:birth(?:\s+injury)?"
    r"|(?:a\s+)?delivery|labou?r|surg(?:ery|ical\s+error)|medication(?:\s+error)?"
    r"|mis[\s-]?diagnos\w*|an(?:a)?esthesia(?:\s+error)?)\b"
)


def parse_incident_type(text: str) -> str | None:
    """What kind of harm the person describes: one of ``INCIDENT_TYPES`` or None."""
    norm = " ".join((text or "").lower().replace("’", "'").replace("_", " ").split())
    norm = norm.strip(" .!?")
    norm = _NOT_THIS_KIND.sub(" ", norm).strip()
    if not norm:
        return None
    if norm.replace(" ", "_") in INCIDENT_TYPES:
        return norm.replace(" ", "_")
    if norm in _INCIDENT_TITLES:
        return _INCIDENT_TITLES[norm]
    if _NOT_MEDICAL.search(norm):
        return "not_medmal"
    if _BIRTH.search(_BORN_ON.sub(" ", norm)):
        return "birth_injury"  # an epidural or a drug during labour is still a birth injury case
    if _ANESTHESIA.search(norm):
        return "anesthesia_error"
    for tier in _INCIDENT_TIERS:
        # The cue mentioned first wins; on a tie, the order of the tier.
        hits = [
            (match.start(), order, kind)
            for order, (kind, pattern) in enumerate(tier)
            if (match := pattern.search(norm))
        ]
        if hits:
            return min(hits)[2]
    if _NOT_MEDMAL_WORDS.search(norm):
        return "not_medmal"
    if _OTHER_MEDICAL.search(norm):
        return "other"
    return None


def words_name_the_kind(text: str | None, kind: str | None) -> bool:
    """Whether the words hold any cue of `kind` (its name, the error, the kind of care): "the
    wrong dose of warfarin" names a medication error, "septic shock from a urinary infection
    ... they could have treated it" names none (a kind heard from such words, "treated" taken
    for medicine, is not theirs). Kinds without cues of their own ("other") are always named."""
    norm = " ".join((text or "").lower().replace("’", "'").replace("_", " ").split())
    norm = _NOT_THIS_KIND.sub(" ", norm)
    if not kind or kind in ("other", "not_medmal"):
        return True
    if kind.replace("_", " ") in norm:
        return True
    if kind == "birth_injury" and _BIRTH.search(_BORN_ON.sub(" ", norm)):
        return True
    if kind == "anesthesia_error" and _ANESTHESIA.search(norm):
        return True
    return any(
        pattern.search(norm)
        for tier in _INCIDENT_TIERS
        for cue, pattern in tier
        if cue == kind
    )


def names_other_care(text: str | None) -> bool:
    """Whether the words name care of the kind ``other`` by what went wrong or where ("septic
    shock from a urinary infection", "bed sores", "she fell", "a nursing home"), not only by
    who gave it ("the doctor", "the hospital")."""
    norm = " ".join((text or "").lower().replace("’", "'").split())
    return any(
        pattern.search(norm)
        for tier in (_INCIDENT_TIERS[1], _INCIDENT_TIERS[-1])
        for cue, pattern in tier
        if cue == "other"
    )


def in_a_nursing_home(text: str | None) -> bool:
    """Whether the words place the care in a nursing home, assisted living or the like ("My
    mother was in a nursing home ... she got terrible bed sores")."""
    return bool(_NURSING_HOME.search(" ".join((text or "").lower().split())))


# --- after a matter that is not medical malpractice: the referral it was pointed to ---------
# The state bar's lawyer referral service, however it is called ("the state bar thing", "the
# bar referral", "the lawyer referral service", "a lawyer who does car accidents").
_REFERRAL = re.compile(
    r"\b(?:state\s+bar|bar\s+(?:association|referral|thing|people|website|site|number)"
    r"|the\s+bar\b|referral|refer\s+me|(?:a|another|the\s+right|other)\s+(?:lawyer|attorney)"
    r"|(?:lawyer|attorney)s?\s+(?:who|that|for|near)|personal\s+injury\s+(?:lawyer|attorney)"
    r"|where\s+(?:do|should|can)\s+i\s+go)\b",
    re.I,
)
# Words asking for it: how, where, its site or number, "tell me", "find".
_HOW = re.compile(
    r"\?|\b(?:how|where|what(?:'?s|\s+is)|which|who|website|web\s*site|site|link|url|address"
    r"|number|phone|find|look\s+(?:it\s+)?up|contact|tell\s+me|give\s+me|send\s+me"
    r"|recommend|know\s+(?:any|a)|can\s+you|could\s+you)\b",
    re.I,
)
_WEB = re.compile(
    r"\b(?:website|web\s*site|site|link|url|web\s+address|online)\b", re.I
)


def asks_for_a_referral(text: str) -> bool:
    """Whether the words ask how to find the lawyer referral service, or another lawyer ("how do
    i find the state bar thing", "can you just tell me the website for the bar referral",
    "do you know a lawyer who does car accidents"); not "thanks" or "my lawyer quit"."""
    text = " ".join((text or "").replace("’", "'").split())
    return bool(_REFERRAL.search(text) and _HOW.search(text))


def asks_for_the_web_address(text: str) -> bool:
    """Whether the words ask for a website or link ("just tell me the website")."""
    return bool(_WEB.search(text or ""))
