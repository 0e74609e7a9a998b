"""The case evaluation's answers: the harm and how things are now, who was involved, what
followed (treatment, work, records), the patient's name and age, and what a person with a
lawyer wants from us.

Pure functions of the person's words, like the rest of ``actions.parsing``; the validators in
``actions/evaluation.py`` decide what to ask and say.
"""

from __future__ import annotations

import re

from actions.parsing.answers import parse_yes_no
from actions.parsing.states import CITIES, STATES
from bot.leads.vocabulary import PROVIDER_KINDS

__all__ = [
    "SKIPPED",
    "age_said",
    "classify_harm",
    "harm_in_story",
    "severity_in_story",
    "mentions_treatment",
    "mentions_work_impact",
    "nobody_else",
    "others_named",
    "parse_age",
    "parse_has_records",
    "records_told",
    "parse_patient_name",
    "parse_providers",
    "same_as_said",
    "said_more_fully",
    "says_same",
    "same_person",
    "without_hedge",
    "parse_represented_intent",
    "parse_work_impact",
    "facilities_named",
    "places_cleared",
    "provider_kind",
    "providers_named",
    "providers_said",
    "says_there_was",
    "suit_filed_in",
    "with_facility_named",
    "with_providers_named",
    "tells_death",
    "treatment_and_work",
    "wants_to_skip",
    "declines_a_name",
    "without_no_will",
]

SKIPPED = "skipped"
"""A yes/no or choice question the person chose not to answer (the lead shows it unknown)."""

_SKIP = re.compile(
    r"^\s*(?:skip|pass|next|n/?a|rather not(?: say)?|prefer not(?: to say)?|"
    r"i'?d rather not(?: say)?|no comment|don'?t want to (?:say|answer))\b",
    re.I,
)
_UNSURE = re.compile(
    r"\b(?:not sure|unsure|don'?t know|do not know|no idea|can'?t remember|cannot remember|"
    r"don'?t remember|do not remember|don'?t recall|can'?t recall|too (?:early|soon) to (?:tell|say)|"
    r"hard to say|idk|dunno|who knows|waiting (?:for|on) (?:the )?(?:results|tests?))\b",
    re.I,
)


def _norm(text: str) -> str:
    return " ".join((text or "").replace("’", "'").split())


def wants_to_skip(text: str) -> bool:
    """ "skip", "I'd rather not say", "pass": the person prefers not to answer."""
    return bool(_SKIP.search(_norm(text)))


# A plain no to a name asked with "It's fine to skip this": "no", "nope", "not now".
_NO_NAME = re.compile(
    r"^\W*(?:no+|nope|nah|no\s+thanks?|no\s+thank\s+you|not\s+(?:right\s+)?now|not\s+yet"
    r"|no\s+not\s+(?:right\s+)?now)\W*$",
    re.I,
)


def declines_a_name(text: str) -> bool:
    """ "no", "nope", "not now" to a name asked (one they may skip): no name given."""
    return bool(_NO_NAME.match(_norm(text)))


# A sentence that only says there was no will ("There was no will.", "he didn't leave a
# will"): about the estate, no one who handles it.
_NO_WILL = re.compile(
    r"^\W*(?:(?:and|but|so|also)\s+)?(?:there\s+(?:was|is|wasn'?t|isn'?t)\s+(?:no|not\s+a|never\s+a"
    r"|a)\s+will|(?:he|she|they|we|i)\s+(?:didn'?t|did\s+not|never|don'?t|do\s+not)\s+"
    r"(?:have|leave|make|write|had|left|made|wrote)\s+a\s+will|no\s+will)(?:\s+(?:at\s+all"
    r"|either|though))?\W*$",
    re.I,
)


def without_no_will(text: str) -> str:
    """The words without the sentences that only say there was no will: "Nobody yet. There
    was no will. I suppose it would be me." -> "Nobody yet. I suppose it would be me."; ""
    when that is all they say ("There was no will.")."""
    sentences = re.findall(r"[^.!?;]+[.!?;]*", _norm(text))
    return " ".join(
        s.strip() for s in sentences if s.strip() and not _NO_WILL.match(s.strip())
    )


# --- the harm -------------------------------------------------------------------------------------
_NOT_DEATH = re.compile(
    r"\b(?:almost|nearly|could have|could've|might have|might've|would have|would've|"
    r"thought (?:i|he|she|they|we) (?:was|were|would be|would|'d) (?:going to )?|"
    r"afraid (?:i|he|she|they) would|scared (?:i|he|she|they) would|feel like i|felt like i|"
    r"want(?:ed)? to|wish i had|not|didn't|did not|never|almost)\s+(?:\w+\s+)?"
    r"(?:die|died|dying|pass(?:ed)? away|passed)\b",
    re.I,
)
_DEATH = re.compile(
    r"\b(?:died|dead|passed away|passed on|has passed|had passed|she passed|he passed|"
    r"they passed|deceased|killed (?:him|her|them|my)|didn'?t make it|did not make it|"
    r"we lost (?:him|her|them|my \w+)|i lost my (?:son|daughter|husband|wife|mother|father|"
    r"mom|mum|dad|baby|child|partner|brother|sister|grandmother|grandfather|grandma|grandpa)|"
    r"death of|wrongful death|funeral|stillborn|still birth|stillbirth)\b",
    re.I,
)
_PERMANENT = re.compile(
    r"\b(?:permanent(?:ly)?|(?<!no )lasting|for life|for the rest of (?:my|his|her|their) li(?:fe|ves)|"
    r"paraly[sz]\w*|quadripleg\w*|parapleg\w*|brain damage\w*|brain injur\w*|"
    r"cerebral palsy|erb'?s palsy|amputat\w*|lost (?:my|his|her|their|the) (?:leg|arm|foot|hand|"
    r"eye|sight|vision|hearing|kidney|uterus|fingers?|toes?|ability)|blind(?:ed|ness)?|deaf|"
    r"disabled|disability|wheelchair|never (?:be the same|walk|work|recover)\w*|"
    r"can'?t (?:walk|see|hear|talk|speak|work) (?:anymore|any more|no more|again)|irreversible|"
    # "heart is damaged for good" (not "fixed it for good")
    r"(?:damaged|ruined|scarred|disabled|injured|impaired|weakened|destroyed|"
    r"messed up|broken|numb|paralyzed) for good|"
    r"incurable|terminal|stage (?:3|4|iii|iv|three|four)|vegetative|will never|"
    # a heart attack's scar: "heart damage, EF is like 35 percent" (heart failure is often still treated)
    r"heart damage|damaged? (?:to )?(?:my|his|her|their|the) heart|"
    r"(?:ejection fraction|\bEF)\s+(?:is\s+|was\s+|of\s+|at\s+)?(?:like\s+|about\s+|only\s+)?\d\d)\b",
    re.I,
)
_NOT_RECOVERED = re.compile(
    r"\b(?:not|never|haven'?t|hasn'?t|didn'?t|isn'?t|not yet|not fully|not completely)\s+"
    r"(?:\w+\s+)?(?:recovered|healed|better|back to normal|fine|okay|ok)\b|"
    # "kidneys r better now but not 100%", "not all the way back"
    r"\b(?:not|never|isn'?t|aren'?t|ain'?t)\s+(?:back\s+)?(?:at\s+)?(?:100|a hundred)\s*"
    r"(?:%|percent\b|per cent\b)|"
    r"\bnot\s+(?:all\s+the\s+way|completely|fully)\s+(?:back|there|better|healed|recovered)\b",
    re.I,
)
_ONGOING = re.compile(
    r"\b(?:still|ongoing|recovering|in recovery|rehab\w*|therapy|physical therapy|"
    r"treatment|treated|chemo\w*|radiation|dialysis|in pain|chronic|getting better|"
    r"healing|in a cast|on crutches|follow[- ]?ups?|appointments?|infection|"
    r"another surgery|more surger(?:y|ies)|in the hospital|in hospital|icu|nicu|specialist|"
    # a treatment kept up: "I'm on blood thinners now"
    r"on (?:blood thinners|anticoagulants|oxygen|a ventilator|a feeding tube|"
    r"(?:\w+ )?(?:meds|medications?|pills|insulin|antibiotics|pain ?killers))"
    r")\b",
    re.I,
)
# What the body can no longer do, said as how things are ("i can barely walk now", "she can't
# use her left hand", "he walks with a cane"): a lasting harm, unless the words say it is still
# being treated ("can barely walk, and is in a rehab facility").
_IMPAIRED = re.compile(
    r"\b(?:(?:can|could)\s+(?:barely|hardly|only\s+just)|can'?t|cannot|can\s+not|no\s+longer"
    r"|(?:is|am|are|'m|'s|'re)\s+(?:not\s+able|unable)\s+to|(?:isn'?t|aren'?t)\s+able\s+to)\s+"
    r"(?:walk|stand|see|hear|talk|speak|swallow|bend|grip|lift|climb|kneel|run|chew|"
    r"(?:use|feel|move)\s+(?:my|his|her|their|the)\s+\w+)\b|"
    r"\b(?:walks?|walking)\s+with\s+(?:a\s+)?(?:cane|walker|crutches|limp)\b|"
    r"\b(?:in|uses?|using|needs?)\s+a\s+wheel\s?chair\b",
    re.I,
)
_RECOVERED = re.compile(
    r"\b(?:recovered|fully healed|healed (?:up|fully|completely)|all healed|back to normal|"
    r"(?:i'?m|i am|he'?s|he is|she'?s|she is|they'?re|they are|we'?re|doing|feel(?:ing)?|"
    r"all|everything'?s?|is|am|are)\s+(?:fine|okay|ok|good|better|great|well) now|"
    r"fine now|ok now|okay now|good now|better now|no lasting|no long[- ]term|"
    r"made a full recovery|full recovery)\b",
    re.I,
)
_NONE_YET = re.compile(
    r"\b(?:no harm|not harmed|no injury|no injuries|wasn'?t hurt|was not hurt|nothing "
    r"(?:has )?(?:happened|yet|so far)|no symptoms|no problems? (?:yet|so far)|not yet|caught it in "
    r"time|no damage|no side effects|(?:i'?m|i am|he'?s|she'?s) fine(?: so far)?(?: for now)?$)\b",
    re.I,
)


# Care still to come: "ok now but heart doc says i need follow ups" is not recovered.
_CARE_STILL_NEEDED = re.compile(
    r"\b(?:need|needs|needing|will need|going to need|have to have|has to have|have to go|"
    r"has to go)\s+(?:\w+\s+){0,2}?(?:follow[- ]?ups?|check[- ]?ups?|surger(?:y|ies)|"
    r"operations?|therapy|rehab\w*|treatment|monitoring|appointments?|more tests|scans)\b",
    re.I,
)
# Not knowing a name or who it was ("dont know the drs name", "not sure who") says nothing
# about how things are now.
_UNSURE_OF_A_NAME = re.compile(
    r"\b(?:not sure|unsure|don'?t know|do not know|no idea|can'?t remember|cannot remember|"
    r"don'?t remember|do not remember|don'?t recall|can'?t recall|idk|dunno|forgot)\s+"
    r"(?:(?:of|about)\s+)?(?:who\b|(?:the|his|her|their|any|a)?\s*(?:\w+'?s\s+)?names?\b)",
    re.I,
)


def tells_death(text: str) -> bool:
    """Whether words say the patient died ("my mom passed away", "we lost him", "she didn't
    make it"), and not that someone nearly did ("I almost died", "I thought I would die")."""
    norm = _norm(text)
    if not norm:
        return False
    cleaned = _NOT_DEATH.sub(" ", norm)
    return bool(_DEATH.search(cleaned))


def classify_harm(text: str) -> str | None:
    """How things are now, from the person's words: ``death``, ``permanent``, ``ongoing``,
    ``recovered``, ``none_yet`` or ``unknown``; None when the words say none of these."""
    norm = _norm(text)
    if not norm:
        return None
    if tells_death(norm):
        return "death"
    if _PERMANENT.search(norm):
        return "permanent"
    if _NOT_RECOVERED.search(norm):
        return "ongoing"
    if _NONE_YET.search(norm):
        return "none_yet"
    if _RECOVERED.search(norm) and not re.search(r"\bstill\b", norm, re.I):
        # "ok now but heart doc says i need follow ups": not over yet
        return "ongoing" if _CARE_STILL_NEEDED.search(norm) else "recovered"
    if _ONGOING.search(norm):
        return "ongoing"
    if _IMPAIRED.search(norm):
        return "permanent"
    if _UNSURE.search(_UNSURE_OF_A_NAME.sub(" ", norm)):
        return "unknown"
    return None


_TREATMENT = re.compile(
    r"\b(?:surger(?:y|ies)|operation|operated|rehab\w*|physical therapy|therapy|therapist|"
    # "shes in OT twice a week", "PT 3x a week"
    r"(?:in|does|doing|has|gets|getting|goes to|go to) (?:OT|PT)|(?:OT|PT) (?:twice|once|\d+\s*x|"
    r"three times|two times|every)|occupational therapy|"
    r"specialist|chemo\w*|radiation|dialysis|transplant|hospitali[sz]ed|readmitted|"
    r"back in (?:the )?hospital|ongoing care|home care|nursing care|medications?|physio\w*|"
    r"amputat\w*)\b",
    re.I,
)
# What a day asks of a person (work or daily life), and words saying it is hard now.
_DAILY_VERB = (
    r"(?:work|walk|talk|speak|eat|chew|sleep|drive|lift|move|breathe|swallow|stand|sit|"
    r"read|type|write|see|hear|concentrate|focus|function|get around|do (?:my|his|her|their) "
    r"job|take care of|care for|look after)"
)
_DAILY_TASK = (
    r"(?:working|walking|talking|speaking|eating|chewing|sleeping|driving|lifting|moving|"
    r"breathing|swallowing|standing|sitting|reading|typing|writing|concentrating|focusing|"
    r"getting around|everything)"
)
_HARD = (
    r"(?:(?!not\b|never\b)\w+ )?"  # "is so hard", never "is not hard"
    r"(?:hard|harder|difficult|tough|painful|impossible|a struggle|exhausting)\b"
)
_WORK = re.compile(
    r"\b(?:(?:can'?t|cannot|couldn'?t|could not|unable to|not able to) (?:\w+ )?work|"
    r"(?:missed|miss|off|out of|lost|quit|left|stopped|leave from) (?:\w+ ){0,3}"
    r"(?:work|job|shifts?)\b|disability leave|medical leave|on leave|laid off|fired|"
    # "I missed 3 weeks of my part time job at the library": the time missed said first
    r"(?:missed|lost) (?:\w+[ -]){0,6}?(?:work|job|shifts?)\b|"
    # what the day asks of them, hard now: "im a dental hygienist so talking to patients all
    # day is hard", "it's hard to walk"
    rf"{_DAILY_TASK} (?:\w+ ){{0,5}}?(?:is|has been|gets|got|was) {_HARD}|"
    rf"(?:it'?s|it is|its) {_HARD} (?:for (?:me|him|her|them) )?to {_DAILY_VERB}|"
    r"can'?t (?:drive|walk|lift|sleep|take care|care for|look after|play)|"
    r"need(?:s)? help (?:with|to)|daily life|everyday|day to day|day-to-day|"
    r"(?:cut|cutting|reduce\w*|drop\w*)\s+(?:back\s+)?(?:on\s+)?(?:my|his|her|their|our)?\s*"
    r"(?:hours|shifts)|time off(?: work)?|take care of (?:him|her|them|my \w+)|caregiver|"
    # "wife went part time to take him": a caregiver's work cut back
    r"(?:went|gone|going|switched|moved|cut back|had to go) (?:to )?part[\s-]?time|"
    r"can'?t do anything|(?:stop|stopped|quit|give up|gave up) working|"
    # "cant do roofing no more", "can't do my job anymore": the work they did, no longer done
    r"(?:can'?t|cannot|can not|unable to|not able to) (?:do|go back to|get back to) "
    r"(?:my |his |her |their )?(?:job|work|trade|\w+ing) (?:anymore|any more|no more|again)|"
    r"(?:haven'?t|hasn'?t|have not|has not) been able to (?:\w+ )?work|off sick|"
    # school, sports and what they did each week: "he quit football this season", "wont go to
    # practice", "missed a month of school", "she used to babysit my kids ... now she's tired"
    r"(?:missed|miss|missing|quit|quitting|left|stopped|dropped out of|gave up|give up|"
    r"had to give up|out of) (?:\w+ ){0,3}(?:school|class(?:es)?|college|practice|"
    r"football|basketball|baseball|soccer|softball|volleyball|hockey|wrestling|track|"
    r"sports?|the team|his team|her team|dance|church)|"
    r"(?:won'?t|wont|will not|can'?t|cannot|doesn'?t|does not|didn'?t) (?:even )?"
    r"(?:go|going) (?:back )?to (?:school|class|practice|church|the gym)|"
    r"used to (?:\w+ ){1,12}(?:and |but )?now\b|"
    r"(?:tired|exhausted|worn out|in bed|sleeping) all (?:the time|day)|"
    r"can'?t (?:do|play) (?:sports?|football|basketball|baseball|soccer)(?: anymore| any more)?)\b",
    re.I,
)
_NO_WORK_IMPACT = re.compile(
    r"\b(?:not really|no(?:t)? (?:change|difference|effect|impact)|retired|doesn'?t work|"
    r"(?:didn'?t|did not|never|haven'?t|have not|hasn'?t|has not) (?:have to )?"
    r"(?:miss|lose|stop|quit)\w*|back at work|back to work|went back to work|"
    # "it hasn't affected my work", "work is fine", "I'm still working"
    r"(?:hasn'?t|has not|haven'?t|have not|didn'?t|did not|doesn'?t|does not|not|never)\s+"
    r"(?:really\s+|much\s+|been\s+)*(?:affect|impact|chang|interfer)\w*|"
    r"(?:work|job|daily life) (?:is|has been|was) (?:fine|ok|okay|normal|the same)|"
    r"still (?:working|at work|going to work)|working (?:normally|as usual|fine))\b",
    re.I,
)
# Words about work or daily life at all, an effect told or not ("work is fine").
_WORK_TOPIC = re.compile(
    r"\b(?:work\w*|jobs?|employ\w*|shifts?|daily life|day to day|day-to-day|everyday|"
    r"retired|caregiver|caring for|take care of)\b",
    re.I,
)


# Treatment still to come is not treatment since: "the right knee still needs surgery".
_TREATMENT_TO_COME = re.compile(
    r"\b(?:still\s+)?(?:needs?|will\s+need|going\s+to\s+need|waiting\s+(?:for|on)"
    r"|scheduled\s+for|wants?\s+to\s+do)\s+(?:\w+\s+){0,2}?(?:surger(?:y|ies)|operation"
    r"|therapy|rehab\w*|chemo\w*|dialysis|transplant)\b",
    re.I,
)


def mentions_treatment(text: str) -> bool:
    """Whether words tell of treatment since (a surgery, rehab, a specialist, ongoing care)."""
    return bool(_TREATMENT.search(_TREATMENT_TO_COME.sub(" ", _norm(text))))


# Treatment said to be since the harm, in the question's own words: "I've been hospitalized
# twice since", "since then I've had 3 surgeries", "so far two rounds of physio".
_SAID_SINCE = re.compile(r"\b(?:since|so\s+far)\b", re.I)


def treatment_told(text: str) -> str:
    """The sentences of a story's harm that tell treatment said to be since ("I'm 52, I work
    as a school bus driver ... I've been hospitalized twice since." -> "I've been hospitalized
    twice since."); "" when none does ("had to have 2 more surgeries to fix it" says neither
    since when nor where: the question still asks)."""
    sentences = re.split(r"(?<=[.!?])\s+", _norm(text))
    return " ".join(
        s for s in sentences if mentions_treatment(s) and _SAID_SINCE.search(s)
    ).strip()


def mentions_work_impact(text: str) -> bool:
    """Whether words tell of an effect on work or daily life ("I can't work", "quit my job")."""
    return bool(_WORK.search(_norm(text)))


def parse_work_impact(text: str) -> bool | None:
    """Yes/no to "has this affected work or daily life?", reading "I missed work" as yes and
    "I'm retired" as no."""
    norm = _norm(text)
    if re.match(r"(?:yes+|yeah|yep|yup|ya|yea|definitely|absolutely)\b", norm, re.I):
        return (
            True  # "Yes, he can't do anything himself anymore": the first word answers
        )
    if _NO_WORK_IMPACT.search(norm):
        return False
    if _WORK.search(norm) and not re.match(r"(?:no|nope|nah|not)\b", norm, re.I):
        return True
    answer = parse_yes_no(norm)
    if answer is not None:
        return answer
    if re.search(r"\b(?:a lot|very much|big time|hugely)\b", norm, re.I):
        return True
    return None


# One answer to "What treatment have you needed since, and has it affected your work or daily
# life?", cut where a part may answer the other half: sentences, commas, "and"/"but".
_PARTS = re.compile(
    r"(\s*[.!?;]+\s+|\s*[.!?;]+$|\s*,\s*(?:and|but|plus|also)?\s*|"
    r"\s+(?:and|but|plus)\s+(?:also\s+)?)",
    re.I,
)
_BOTH = re.compile(r"\b(?:both|all of (?:it|that|the above))\b", re.I)
# A part about the treatment even when it says no ("no treatment", "no more surgery").
_TREATMENT_TOPIC = re.compile(
    r"\b(?:treat\w*|care|surger\w*|operat\w*|therap\w*|rehab\w*|doctors?|medic\w*|meds|"
    r"hospital\w*|specialists?|pills?|physio\w*|pt|antibiotics?|injections?|shots?|stitch\w*|"
    r"appointments?|follow[- ]?ups?|scans?|tests?|casts?|braces?|drains?|wounds?|er|icu|"
    r"chiro\w*|counsel\w*|psych\w*)\b",
    re.I,
)


def _plain_yes_no(part: str, denied: bool = False) -> bool | None:
    """A part that is only a yes or a no ("no", "nope, nothing", "yes it has", "neither");
    ``denied``: the whole answer was heard as a no ("nothing major")."""
    if (
        _WORK_TOPIC.search(part)
        or _WORK.search(part)
        or _TREATMENT_TOPIC.search(part)
        or len(part.split()) > 5
    ):
        return None
    answer = parse_yes_no(part)
    return False if answer is None and denied else answer


# A length of time: "for 8 weeks", "two months", "a year".
_LENGTH_OF_TIME = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|"
    r"couple(?: of)?|several)\s+(?:days?|weeks?|months?|years?)\b",
    re.I,
)


def _no_topic(part: str) -> bool:
    """A part that tells neither treatment nor work, nor a yes or no: "our son"."""
    return not (
        _TREATMENT_TOPIC.search(part)
        or mentions_treatment(part)
        or _WORK_TOPIC.search(part)
        or _WORK.search(part)
        or parse_yes_no(part) is not None
    )


def treatment_and_work(text: str, denied: bool = False) -> tuple[str, bool | None]:
    """Both answers in one reply to "What treatment have you needed since, and has it affected
    your work or daily life?": the treatment as said (``"none"`` for a no, ``""`` when only the
    work is told) and whether work or daily life was affected (None when the words do not say).

    A bare "no" / "neither" / "nothing" is no treatment and no effect; "physical therapy, and I
    missed two months of work" keeps "physical therapy" and an effect; "physical therapy" alone
    leaves the work unknown; "surgery in May. and yes" is a yes about the work. ``denied``: the
    answer was heard as a no (the yes/no intent), so a short part without a topic is one."""
    pieces = _PARTS.split(_norm(text))
    cuts = ["", *pieces[1::2]]
    kept: list[str] = []
    work_words: list[str] = []
    first_plain: bool | None = None
    later_plain: bool | None = None
    only_plain = True
    after_work = False  # the last part told the work
    for part, cut in zip(pieces[0::2], cuts, strict=True):
        part = part.strip()
        if not part:
            continue
        joined = not re.search(
            r"[.!?;]", cut
        )  # "and", "but", a comma: the same sentence
        if after_work and joined and _no_topic(part):
            # "I took time off to care for her and our son": more of the work said
            work_words[-1] += cut + part
            continue
        after_work = False
        plain = _plain_yes_no(part, denied)
        if plain is not None:
            if not only_plain:
                # after the treatment, a yes or no answers the work ("surgery. and yes")
                later_plain = plain if later_plain is None else later_plain
                continue
            first_plain = plain if first_plain is None else first_plain
            kept.append((cut if kept else "") + part)
            continue
        only_plain = False
        if _WORK_TOPIC.search(part) or _WORK.search(part):
            work_words.append(part)
            after_work = True
            recovery = (
                kept
                and cut.strip() == ","
                and mentions_treatment(kept[-1])
                and _LENGTH_OF_TIME.search(part)
            )
            if not mentions_treatment(part) and not recovery:
                continue
            # "Surgery to take it out, she was out of work for 8 weeks": how long the
            # treatment kept them out, said with it, is part of the treatment told
        kept.append((cut if kept else "") + part)
    work: bool | None = None
    if work_words:
        work = parse_work_impact(" ".join(work_words))
    elif later_plain is not None:
        work = later_plain
    elif only_plain and (first_plain is False or _BOTH.search(text)):
        work = first_plain  # "no", "neither", "nothing", "yes to both"
    treatment = "".join(kept).strip(" ,;")
    if not treatment:
        return ("" if work_words else "none"), work
    if parse_yes_no(treatment) is False and not mentions_treatment(treatment):
        treatment = "none"  # "no", "no treatment"
    return treatment, work


# Records in hand, told as the papers kept: "I have a big folder from Norton", "we got a stack of
# papers from the hospital" (the rest missing is still records in hand).
_A_FOLDER = re.compile(
    r"^(?:yes,?\s+|yeah,?\s+)?(?:i|we)\s+(?:do\s+)?(?:have|got|kept|have got|'ve got)\s+"
    r"(?:a|an|the|some|two|three|several|his|her|their|my|our)\s+(?:\w+\s+){0,2}?"
    r"(?:folders?|binders?|box(?:es)?|stack|pile|file|copies|papers|paperwork|printouts?)\b"
)


# Some of the records named, as the ones in hand: "just the autopsy report", "only the
# discharge papers", "the death certificate and his test results".
_PAPERS_NAMED = re.compile(
    r"^(?:(?:just|only|yes|yeah|well|i\s+have|we\s+have|i\s+got|we\s+got|got|have)\W+)*"
    r"(?:(?:the|a|an|my|his|her|their|our|some)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:reports?|papers|paperwork|summary|summaries|certificates?|results|notes|x-?rays?"
    r"|scans?|films|autopsy)\b"
)
_NOT_IN_HAND = re.compile(
    r"\b(?:no|not|don'?t|dont|haven'?t|never|can'?t|lost|waiting|requested|asked\s+for)\b"
)


def parse_has_records(text: str) -> bool | None:
    """Yes/no to "do you have the records?": "some of them" is yes, "I can get them" is no
    (not yet in hand); some of them named ("just the autopsy report") is yes."""
    norm = _norm(text).lower()
    if _PAPERS_NAMED.search(norm) and not _NOT_IN_HAND.search(norm):
        return True  # "just the autopsy report": some of them
    if re.search(
        r"\b(?:some|part|a few|most|copies|copy|portal|mychart)\b", norm
    ) and not (re.search(r"\b(?:no|not|don'?t|haven'?t)\b", norm)):
        return True
    if _A_FOLDER.search(norm):
        return True  # "I have a big folder from Norton but nothing from the surgery center"
    if re.search(
        r"\b(?:can get|could get|will get|requested|asked for|waiting)\b", norm
    ):
        return False
    return parse_yes_no(norm)


_RECORDS = re.compile(r"\b(?:medical records?|records?|paperwork|charts?)\b")
_HAVE_THEM = re.compile(
    r"\b(?:i|we)\s+(?:(?:do\s+not|don'?t|dont|haven'?t|have\s+not|never)\s+(?:have|got|had|get)"
    # ("I have all my records", "we got some of the records")
    r"|(?:have|got)\s+(?:copies|(?:all|some|most)\s+of\s+them|them|(?:(?:all|some|most)"
    r"\s+(?:of\s+)?)?(?:my|the|her|his|our|their)\s+(?:medical\s+)?records))\b"
)
_ASKING = re.compile(r"\?\s*$")


def records_told(text: str) -> bool | None:
    """Whether the records are in hand, told in passing with another answer ("No. Do I need my
    records before I talk to someone? I don't have any of them."): a sentence that says so, not
    a question, about the records it or the sentence before names; None when none says it."""
    sentences = [
        s.strip() for s in re.split(r"(?<=[.!?])\s+", _norm(text).lower()) if s.strip()
    ]
    for i, sentence in enumerate(sentences):
        have = _HAVE_THEM.search(sentence)
        if _ASKING.search(sentence) or not have:
            continue
        after = sentence[have.start() : have.end() + 30]
        about_records = _RECORDS.search(after) or (
            i > 0
            and _RECORDS.search(sentences[i - 1])
            and re.search(r"\b(?:them|any|those|copies)\b", after)
        )
        if about_records:
            return parse_has_records(sentence)
    return None


# --- who was involved -------------------------------------------------------------------------------
# Pharmacy chains, named by their brand alone ("walgreens gave her the wrong dose"); the
# general stores only with "pharmacy" ("walmart pharmacy": "I work at walmart" names none).
_CHAIN = (
    r"(?:walgreens|cvs|rite[\s-]?aid|duane[\s-]+reade|express\s+scripts|caremark|optum\s?rx"
    r"|(?:walmart|target|costco|kroger|publix|safeway|h-?e-?b|meijer|albertsons|wegmans"
    r"|sam'?s\s+club)\s+pharmacy)"
)
_KIND_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nursing_home", re.compile(
        r"\b(?:nursing (?:home|facility|center)|care home|assisted living|skilled nursing|"
        r"senior living|long[- ]term care|rest home|memory care"
        r"|(?<!primary )(?<!urgent )(?<!health )care (?:center|centre))\b", re.I)),
    ("pharmacy", re.compile(
        rf"\b(?:pharmac\w*|drug ?store|{_CHAIN}|chemist)\b", re.I)),
    ("nurse", re.compile(
        r"\b(?:nurses?|rn|lpn|np|nurse practitioner|midwife|midwives|cna"
        r"|(?:director|head|supervisor)\s+of\s+nursing|nursing\s+(?:director|supervisor))\b",
        re.I)),
    ("doctor", re.compile(
        r"\b(?:dr|doctor|doc|surgeon|physician|md|d\.o|ob|obgyn|ob/gyn|gyn\w*|pediatrician|"
        r"anesthesiologist|anaesthetist|radiologist|cardiologist|oncologist|neurologist|"
        r"orthopedi\w*|dentist|chiropractor|specialist|gp|hospitalist|resident|"
        r"\w+ologist)\b", re.I)),
    ("hospital", re.compile(
        r"\b(?:hospitals?|hosp|hosptials?|hospitl|hopsitals?|health(?!\s+cent)|er|emergency room|emergency department|ed|a&e|icu|nicu|va|"
        r"medical center|medical centre|health system|infirmary|maternity ward|ward)\b",
        re.I)),
    ("clinic", re.compile(
        r"\b(?:clinic|urgent care|practice|office|medical group|health center|"
        r"health centre|surgery center|surgical center|imaging|lab|laboratory|blood\s+bank|"
        r"physicians|associates|(?:spine|cancer|heart|eye|pain|wellness|birth(?:ing)?|dialysis|"
        r"sleep|fertility|endoscopy|ambulatory|outpatient|diagnostic) cent(?:er|re))\b", re.I)),
)  # fmt: skip
# "remember" as it is typed in a hurry: "dont rember", "cant remeber"
_REMEMBER = r"(?:remember|rember|remeber|remembr|rememeber|rmember|recall|know)"
_DONT_REMEMBER = re.compile(
    rf"^(?:(?:i\s+)?(?:don'?t|do not|can'?t|cannot)\s+{_REMEMBER}|no idea|"
    r"not sure|unsure|forgot|i forget|none|nobody|no one|no|n/?a|idk|dunno)\b"
    r"(?:\s+(?:(?:the|his|her|their)\s+)?(?:names?|who|exactly|any of them|them|it|that))*[\s.!]*$",
    re.I,
)
_NAME_FILLER = re.compile(
    r"^(?:(?:it was|that was|they were|it's|its|the names? (?:was|were|is)|i think|i believe|"
    r"maybe|probably|um+|uh+|well|idk|dunno|not sure|i'?m not sure|like)\b\s*,?\s*)+",
    re.I,
)
_DONT_REMEMBER_TAIL = re.compile(
    rf"[\s,;-]*(?:but\s+)?(?:(?:i\s+)?(?:don'?t|do not|can'?t|cannot)\s+{_REMEMBER}"
    r"|(?:idk|dunno|no\s+idea(?:\s+(?:of|about))?|not\s+sure\s+(?:of|about))(?=\s|$))"
    r"(?:\s+(?:the|his|her|their))?(?:\s+names?)?.*$",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:[;\n/]|,\s*(?:and\s+)?)\s*")
_AND = re.compile(r"\s+(?:and|&|plus)\s+(?:then\s+|also\s+)?")
_STARTS_PROVIDER = re.compile(
    r"(?:the|a|an|my|his|her|their|dr|doctor|nurse|st|saint)\b", re.I
)


def _split_and(part: str) -> list[str]:
    """ "Dr. Patel and the ER" is two providers; "Women and Children's" is one: split on "and"
    only before a title or an article, or between a name that already has its kind and a
    capitalised one ("Mercy Hospital and Baptist Health")."""
    pieces: list[str] = []
    rest = part
    while True:
        match = next(
            (
                m
                for m in _AND.finditer(rest)
                if _STARTS_PROVIDER.match(rest[m.end() :])
                or (
                    rest[m.end() : m.end() + 1].isupper()
                    and any(p.search(rest[: m.start()]) for _, p in _KIND_CUES)
                )
            ),
            None,
        )
        if match is None:
            pieces.append(rest)
            return pieces
        pieces.append(rest[: match.start()])
        rest = rest[match.end() :]


# A place said not to be it: "Its not the nursing home", "it wasn't at the pharmacy".
_NOT_THE_PLACE = re.compile(
    r"\b(?:not|never|(?:is|was|were)n'?t|(?:is|was|were)\s+not|isnt|wasnt)\s+"
    r"(?:(?:at|in|from|about|with|by)\s+)?(?:(?:the|a|an|my|his|her|their|that|this)\s+)?"
    r"(?P<place>[^,.;!?]{1,40})",
    re.I,
)
# A place said to be blameless: "The nursing home isnt the problem they are good", "the
# pharmacy was fine".
_PLACE_CLEARED = re.compile(
    r"(?P<place>[^,.;!?]{1,40}?)\s+(?:(?:is|was|are|were)(?:n'?t|\s+not)\s+(?:the\s+)?"
    r"(?:problem|issue|one\s+to\s+blame|to\s+blame|at\s+fault|responsible)"
    r"|(?:is|was|are|were|has\s+been|have\s+been)\s+(?:fine|good|great|ok(?:ay)?)"
    # "The hospital tried to save her", "the ER did everything they could"
    r"|(?:tried|try|tries)\s+(?:to\s+(?:save|help)|(?:their|its|his|her)\s+best|everything|hard)"
    r"|did\s+(?:their|its|his|her)\s+best|did\s+everything)\b",
    re.I,
)


# A lawsuit said to be filed: "he did file the lawsuit", "my lawyer filed suit in November",
# "a complaint was filed in court", "we sued the hospital".
_SUIT_FILED = re.compile(
    r"\b(?:fil(?:e|ed|es|ing)\s+(?:(?:the|a|our|my|his|her)\s+)?(?:law\s*)?suit|filed\s+"
    r"(?:(?:the|a|our|my)\s+)?(?:case|claim|complaint)\s+(?:in|with)\s+(?:the\s+)?court"
    r"|(?:law\s*)?suit\s+(?:was|has\s+been|had\s+been|got|is)\s+(?:already\s+)?filed"
    r"|(?:we|i|he|she|they|lawyer|attorney)\s+(?:already\s+|did\s+)?sued)\b",
    re.I,
)
# Its denial: "not that I know", "he didn't file", "no lawsuit yet".
_SUIT_NOT_FILED = re.compile(
    r"\b(?:not|never|no)\b|n'?t\b|\b(?:going\s+to|gonna|will|plans?\s+to|wants?\s+to"
    r"|should|might|about\s+to|yet\s+to)\s+(?:\w+\s+)?(?:file|sue)\b",
    re.I,
)


def suit_filed_in(text: str) -> bool:
    """Whether the words tell that a lawsuit was filed ("actually I just found a letter from
    him, he did file the lawsuit. November 12"); not when they deny it or only plan it ("he
    hasn't filed the lawsuit", "he is going to file suit") or ask ("did he file a suit?")."""
    for sentence in re.split(r"(?<=[.!?])\s+|\s*[;\n]\s*", text or ""):
        if "?" in sentence:
            continue
        for clause in re.split(r",|\bbut\b", sentence):
            if _SUIT_FILED.search(clause) and not _SUIT_NOT_FILED.search(clause):
                return True
    return False


def places_cleared(text: str) -> set[str]:
    """The kinds of place (``nursing_home``, ``pharmacy``, ``hospital``, ``clinic``) the words
    say it was not, or was not to blame ("Its not the nursing home. He fell at the hospital"
    -> {"nursing_home"}; "the nursing home isnt the problem they are good" too); "the
    nursing home didnt call us" clears nothing."""
    cleared: set[str] = set()
    said = " ".join((text or "").replace("’", "'").split())
    for match in _NOT_THE_PLACE.finditer(said):
        place = match.group("place")
        cleared |= {
            kind
            for kind, pattern in _KIND_CUES
            if kind in _PLACE_KINDS and pattern.match(place)
        }
    for match in _PLACE_CLEARED.finditer(said):
        subject = " ".join(match.group("place").split()[-4:])
        cleared |= {
            kind
            for kind, pattern in _KIND_CUES
            if kind in _PLACE_KINDS and pattern.search(subject)
        }
    return cleared


def provider_kind(name: str) -> str:
    """The kind of a provider named as said: the first cue in the words wins ("Dr. Lee at
    St. Mary's" is a doctor, "the ER at St. Mary's" a hospital); ``other`` without one."""
    hits = [
        (match.start(), order, kind, match.end())
        for order, (kind, pattern) in enumerate(_KIND_CUES)
        if (match := pattern.search(name))
    ]
    kind = min(hits)[2] if hits else "other"
    if kind in _PLACE_KINDS:
        # "the ER doctor at HCMC", "the clinic nurse": a person of that place, by the word
        # that ends the name
        rest = name[min(hits)[3] :]
        word = re.match(r"\s+([\w/.]+)", rest)
        if word and _HEAD_ENDS.match(rest[word.end() :]):
            for people, pattern in _KIND_CUES:
                if people in _PEOPLE_KINDS and pattern.fullmatch(word.group(1)):
                    return people
    if kind == "doctor" and not _TITLE_FIRST.search(name):
        # "gulf coast orthopedic surgery center": a specialty naming a place, not a doctor;
        # "the surgeon at Mercy Hospital" is still the surgeon
        first = min(hits)[0]
        for at, _, place, _ in sorted(hits):
            if (
                place in _PLACE_KINDS
                and at > first
                and not _NOT_ONE_PLACE.search(name[first:at])
            ):
                return place
    return kind if kind in PROVIDER_KINDS else "other"


# A doctor's title, or a word of a person's job that is no specialty naming a place
_TITLE_FIRST = re.compile(
    r"\b(?:dr|doctor|doc|surgeon|physician|md|ob|obgyn|pediatrician|\w+ologist|dentist"
    r"|chiropractor|specialist|gp|hospitalist|resident)\b",
    re.I,
)
_NOT_ONE_PLACE = re.compile(r"\b(?:at|in|from|of|and|with|for)\b|[,;]", re.I)
# Where the words of a name end: "the ER doctor" / "the ER doctor at HCMC"
_HEAD_ENDS = re.compile(
    r"\s*(?:$|[,;(]|(?:at|in|from|of|with|on|who|that|was|is|did|gave)\b)", re.I
)
# What comes before a name and is none: "Sorry, ...", "oops my bad"
_APOLOGY = re.compile(
    r"^(?:(?:(?:(?:i'?m|i\s+am|so|very|really)\s+)*sorry|oops|whoops|my\s+bad|apologies"
    r"|excuse\s+me|pardon(?:\s+me)?)\b[\s,!.:;-]*)+",
    re.I,
)
# What a role was like, no name for it: "the nurse was nice", "the surgeon was fine"
_JUDGED = re.compile(
    r"^(?:(?:really|very|so|pretty|super|real|too|kind\s+of|kinda)\s+)*"
    r"(?:fine|nice|good|great|ok|okay|alright|rude|kind|helpful|nasty|mean|terrible|awful"
    r"|horrible|bad|careless|negligent|wonderful|amazing|lovely|sweet|busy|useless|clueless"
    r"|dismissive|cold|friendly|nice\s+enough|not|never|no\s+help"
    # "my bp was high", "his ekg was off", "her leg was swollen": how a thing was
    r"|high|low|elevated|normal|abnormal|off|swollen|wrong|late|missed|borderline)\b",
    re.I,
)
# A place said not to be it, no provider: "not the hospital itself", "never the ER"
_NEGATED = re.compile(
    r"^(?:not|never|(?:it\s+)?(?:is|was|were)n'?t|(?:it\s+)?(?:is|was|were)\s+not|isnt|wasnt"
    r"|weren'?t)\b",
    re.I,
)
# Someone without a name, no provider: "she", "a woman", "some guy", "the lady" (a role, "the
# nurse", is one)
_SOMEONE_UNNAMED = re.compile(
    r"^(?:(?:a|an|some|the|this|that|one|another)\s+)?"
    r"(?:(?:young|old|older|nice|rude|female|male|tall|short|little|new|other)\s+)*"
    r"(?:woman|women|man|men|guy|guys|lady|ladies|girl|dude|person|people|gentleman|gal"
    r"|fella|someone|somebody|he|she|him|her|they|them)$",
    re.I,
)
# A person's name alone, without a title: "susan hartley"
_BARE_PERSON = re.compile(
    r"^[A-Za-z][\w'-]*(?:\s+[A-Za-z]\.?)?(?:\s+[A-Za-z][\w'-]*){1,2}$"
)


def parse_providers(text: str) -> list[dict[str, str]]:
    """The providers a person names, each ``{"name": as said, "kind"}``; several allowed
    ("Dr. Patel and the ER at St. Mary's"); "I don't remember the names" gives an empty list
    (asked, none named)."""
    norm = _norm(text).strip(" .!")
    if not norm or _DONT_REMEMBER.match(norm):
        return []
    providers: list[dict[str, str]] = []
    parts = [
        piece
        for sentence in _sentences_said(norm)
        for chunk in _SPLIT.split(sentence)
        if not _SAME_AS.match(
            chunk.strip(" .,!")
        )  # "Dr. Holt and Dr. Karen Holt are the same"
        for piece in _split_and(chunk)
    ]
    for part in parts:
        if _a_remark(part.strip(" .,!")):
            continue  # "i said that already", "like i told u"
        next_one = bool(_NEXT_ONE.match(part.strip(" .,!")))  # "then tampa general"
        part = _LEADING_WORDS.sub("", part.strip(" .,!?"))
        part = _APOLOGY.sub("", part).strip(" .,!?")  # "Sorry, I misspoke earlier: ..."
        if (
            not part
            or _a_remark(part)
            or _DONT_REMEMBER.match(part)
            or _A_QUESTION.match(part)
            or _WHERE_FIRST.match(part)
        ):
            continue  # "they were fine", "like does the hospital find out", "where he works"
        name = _NAME_FILLER.sub("", part).strip(" .,!")
        name = _WHEN_AFTER.sub("", name).strip(" .,!")  # "OHSU afterwards"
        name = _DONT_REMEMBER_TAIL.sub("", name).strip(" .,!")
        if _NEGATED.match(name):
            continue  # "not the hospital itself": what it was not
        # "dr was the ortho surgeon dr brennan": the role said without "the"
        name = _BARE_ROLE_WAS.sub(r"the \g<role> ", name)
        # "The OB who did the C-section was Dr. Adebayo": the role, then its name
        name = _without_role_clause(name)
        said_at = _AT_FIRST.match(name)
        if said_at:
            # "at abbott northwestern": the place, said on its own ("at home", "at 3am": none)
            place = name[said_at.end() :].strip(" .,!")
            if (
                not place
                or _NO_ONE_NAMED.match(place)
                or (
                    _NOT_A_PLACE_AT.match(place)
                    and provider_kind(place) not in _PLACE_KINDS
                )
            ):
                continue
            name = place
        if provider_kind(name) == "other" and (
            _WHERE_IT_IS.match(name) or _AN_ADDRESS.match(name)
        ):
            # "walgreens. on jefferson st in joliet": where the place named is, no one else
            if (
                providers
                and providers[-1]["kind"] not in _PEOPLE_KINDS
                and name.lower() not in providers[-1]["name"].lower()
                and not _NOT_WHERE.match(name)
            ):
                joint = " " if _WHERE_IT_IS.match(name) else ", "
                providers[-1]["name"] = f"{providers[-1]['name']}{joint}{name}"[:200]
            continue
        care_at = _CARE_WAS_AT.match(name)
        if care_at:
            # "Surgery was at Sacred Heart": the place the care was done (of the kind its
            # name says, as "the surgery was done at st lukes")
            place = _PLACE_ENDS.sub("", care_at.group("place")).strip(" .,!")
            if not place or any(
                no.match(place)
                for no in (_NO_ONE_NAMED, _NOT_A_PLACE_AT, _NOT_A_PLACE_WORD)
            ):
                continue
            name = place
        story = _STORY_CLAUSE.match(name) or (
            _SOMEONE_DID.match(name)
            and (provider_kind(name) == "other" or not _IT_WAS.match(name))
        )
        if story:
            # "i had emergency surgery at cedars sinai", "then he was taken to Lehigh Valley
            # Hospital where he died": the place, not the story; "they didnt even call my
            # ob" names none
            story_place = _place_in_clause(name)
            if story_place is None:
                continue
            name = story_place
        cleared = _PLACE_CLEARED.match(name)
        if cleared and provider_kind(cleared.group("place")) in _PLACE_KINDS:
            continue  # "The hospital tried to save her": not the one to blame
        clause = _TRAILING_CLAUSE.search(name)
        after_place = clause and _AT_SOME_PLACE.search(clause.group(0))
        name = _TRAILING_CLAUSE.sub("", name).strip(" .,!")
        at_place: list[str] = []
        if after_place and _a_place_named(after_place.group("place")):
            # "Dr. Paul Hensley did the surgery at Mercy General Hospital": two
            at_place.append(after_place.group("place").strip(" .,!"))
        role_at = _WAS_THE_ROLE_AT.match(name)
        if role_at and (
            provider_kind(role_at.group("role")) in _PEOPLE_KINDS
            or _TITLED.match(role_at.group("name"))
        ):
            # "dr patel was the ENT at nationwide childrens": the doctor and the hospital
            name = role_at.group("name").strip(" .,!")
            at_place.insert(0, role_at.group("place").strip(" .,!"))
        role = _role_was(name) or _was_the_role(name)
        if role and _JUDGED.match(role.group("name")):
            continue  # "the nurse was nice": what the nurse was like, no name
        if (
            role
            and providers
            and (
                providers[-1]["kind"] in _PEOPLE_KINDS
                or _A_PERSONS_JOB.match(providers[-1]["name"])
            )
            and re.fullmatch(
                r"(?:(?:first|full|last)\s+)?names?", role.group("role"), re.I
            )
        ):
            # "dr smith. her first name was karen": the name of the one just named
            named_for = _named_for(providers[-1]["name"], role)
            if named_for:
                providers[-1]["name"] = named_for
                continue
        if role:
            # "the ER was kings county", "The pharmacist was a guy named Kevin", "Dr. Philip
            # Amsel was the surgeon", "The CT was at Sutter"
            name = _AT_FIRST.sub("", role.group("name")).strip(" .,!")
            if provider_kind(role.group("role")) == "other" and not _AT_FIRST.match(
                role.group("name")
            ):
                # "the sponge was removed at Hackensack University Medical Center in
                # May": a thing the care was about, and the place it was done
                done_at = _place_in_clause(role.group("name"))
                if done_at is not None:
                    name = done_at
        if (
            _A_ROLE_ONLY.match(name)
            and providers
            and _TITLED.match(providers[-1]["name"])
        ):
            # "dr gary kessler. family dr": the doctor just named, said what he is
            providers[-1]["name"] = f"{providers[-1]['name']} ({name})"[:200]
            continue
        # "pediatrician dr anita shah": the role gives the kind, the title starts the name
        said_role = _ROLE_BEFORE_TITLE.match(name)
        if said_role and provider_kind(said_role.group("role")) in _PEOPLE_KINDS:
            name = name[said_role.end() :]
        for named in _place_then_doctor(name):
            named = _UNKNOWN_FIRST_NAME.sub(r"\g<title> ", named).strip(" .,!")
            if not named or _DONT_REMEMBER.match(named) or len(named) < 2:
                continue
            if re.fullmatch(
                r"(?:and|the|a|an|also|then|oh|ok|okay|um|uh|so|well)", named, re.I
            ):
                continue
            kind = provider_kind(named)
            if kind == "other" and (
                _NO_ONE_NAMED.match(named) or _SOMEONE_UNNAMED.match(named)
            ):
                continue  # "all of em", "that", "tampa", "she", "a woman": nobody named
            if kind == "other" and _told_not_named(named):
                continue  # "nobody answered my calls for 3 days": what happened, no one named
            if kind != "other" and kind in places_cleared(named):
                continue  # "The nursing home isnt the problem they are good": not involved
            if kind == "other" and role:
                kind = provider_kind(role.group("role"))
            if (
                kind == "other"
                and not next_one
                and not role
                and providers
                and _a_va_unnamed(providers[-1])
                and len(named.split()) <= 4
            ):
                # "the phoenix VA. carl hayden": the place's own name, said after it
                providers[-1]["name"] = f"{providers[-1]['name']} ({named})"[:200]
                continue
            providers.append({"name": named[:200], "kind": kind})
        for place in at_place:
            if not _NO_ONE_NAMED.match(place):
                providers.append({"name": place[:200], "kind": provider_kind(place)})
    return _one_each(_without_bare_places(providers))[:12]


# Where a place is, said on its own: "on jefferson st in joliet", "near the mall"; "123 main
# st", "jefferson street in joliet"
_WHERE_IT_IS = re.compile(
    r"^(?:on|in|near|off|by|across\s+from|next\s+to|behind|outside(?:\s+of)?|down)\s+\S",
    re.I,
)
# "in the afternoon", "on a CT scan", "in my liver": not where a place is
_NOT_WHERE = re.compile(
    r"^\S+(?:\s+(?:from|to|of))?\s+(?:a|an|the|my|his|her|their|our|this|that|these|those|\d)",
    re.I,
)
_STREET = (
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|hwy|highway|pkwy|parkway|ln|lane|pike"
    r"|drive)"
)
_AN_ADDRESS = re.compile(
    rf"^(?:\d+\s+)?(?:[a-z0-9][\w'-]*\s+){{1,3}}{_STREET}\.?(?:(?:\s+in|,)\s+[a-z][\w\s'-]*)?$",
    re.I,
)
# "then Tampa General", "and then the ER": the next one, not the name of the one before
_NEXT_ONE = re.compile(
    r"^(?:(?:and|also|plus)\s+)?(?:then|after(?:wards?|\s+that)?|later|next)\b", re.I
)
# What someone did (or nobody did), said as a sentence: "nobody answered my calls", "they
# sent him home", "someone at the front desk lost it"
_SOMEONE_DID = re.compile(
    r"^(?:nobody|no\s*one|noone|nothing|none\s+of\s+(?:them|em|'em|us)|someone|somebody"
    r"|everyone|everybody|they|he|she|it|there|you|u)\s+(?!(?:think|believe|guess)\b)\w",
    re.I,
)
# Words that make a sentence of what has no provider's kind: a person said as "I", "he",
# "them", or a verb of the story ("nobody answered my calls for 3 days when he had the fever")
_SENTENCE_WORDS = re.compile(
    r"\b(?:i|me|my|he|him|she|they|them|we|us|you|u|nobody|no\s*one|someone|somebody"
    r"|was|were|had|has|did|didn'?t|does|doesn'?t|would|could|should|wouldn'?t|couldn'?t"
    r"|never|wasn'?t|weren'?t|answered|called|said|told|left|came)\b",
    re.I,
)


def _told_not_named(name: str) -> bool:
    """ "nobody answered my calls for 3 days when he had the fever": four words or more that
    tell what happened, with no capitalised name in them, name no provider ("some place in
    denver", "Our Lady of Lourdes" are kept)."""
    words = name.split()
    return (
        len(words) >= 4
        and bool(_SENTENCE_WORDS.search(name))
        and not any(w[:1].isupper() for w in words[1:])
    )


# What a VA's own name leaves: "the phoenix VA", "the VA hospital in tucson" name it by its
# kind and town only
_PLACE_ROLE_WORDS = re.compile(
    r"\b(?:the|a|an|my|his|her|their|our|this|that|in|at|of|local|county|city|va|v\.a\.?"
    r"|veterans?(?:\s+affairs)?"
    r"|hospitals?|hosp|er|e\.r\.?|emergency\s+(?:room|department)|icu|medical\s+cent(?:er|re)"
    r"|clinic|urgent\s+care|nursing\s+home|care\s+home)\b",
    re.I,
)


def _a_va_unnamed(provider: dict[str, str]) -> bool:
    """Whether a provider kept is a VA named only by its kind and town ("the phoenix VA", "the
    VA hospital in tucson"): a name said next is its own, for the VA's hospitals are named
    after people ("the phoenix VA. carl hayden" is the Carl T. Hayden VA Medical Center)."""
    name = provider.get("name", "")
    if (
        provider.get("kind") != "hospital"
        or "(" in name
        or not re.search(r"\b(?:va|v\.a\.?|veterans?)\b", name, re.I)
    ):
        return False
    rest = _PLACE_ROLE_WORDS.sub(" ", name.lower())
    rest = _NO_ONE_NAMED.sub(" ", rest.strip(" ,.")) if rest.strip() else ""
    return not re.search(r"[a-z0-9]", rest)


# A place said by its kind alone: "pharmacy", "the ER", "the hospital"
_BARE_PLACE = re.compile(
    r"^(?:(?:the|a|an|that|this|my|his|her|their|our)\s+)?(?:pharmacy|drug\s?store"
    r"|hospital|hosp|er|e\.r\.?|emergency\s+(?:room|department)|clinic|urgent\s+care"
    r"|nursing\s+home|care\s+home|facility)$",
    re.I,
)


def _without_bare_places(providers: list[dict[str, str]]) -> list[dict[str, str]]:
    """ "walgreens ... pharmacy messed up": "pharmacy" is the Walgreens named, not another
    one; a place said by its kind alone is left out when one of that kind is named."""
    return [
        p
        for p in providers
        if not (
            _BARE_PLACE.match(p["name"].strip())
            and any(
                q["kind"] == p["kind"] and not _BARE_PLACE.match(q["name"].strip())
                for q in providers
            )
        )
    ]


def _sentences_said(text: str) -> list[str]:
    """The sentences of an answer, a question asked in it left out ("wait is this private?")."""
    pieces = _SENTENCE_KEPT.split(text)
    said = []
    for i in range(0, len(pieces), 2):
        ends = pieces[i + 1] if i + 1 < len(pieces) else ""
        if "?" not in ends and not pieces[i].rstrip().endswith("?"):
            said.append(pieces[i])
        elif _HEDGED.search(pieces[i] + ends) and not _ASKS.match(pieces[i]):
            said.append(pieces[i].rstrip(" ?"))  # "And the blood bank I guess?"
    return said


# A name said unsure, not a question: "And the blood bank I guess?", "the ER too?"
_HEDGED = re.compile(
    r"\b(?:i\s+(?:guess|think|believe|suppose)|maybe|probably|too|also|as\s+well)\s*\?+\s*$",
    re.I,
)
_ASKS = re.compile(
    r"^\W*(?:(?:and|so|but|oh|wait|also|btw|like|um+|uh+)\s*,?\s+)*"
    r"(?:who|what|where|when|why|how|which|is|are|do|does|did|can|could|will|would|should"
    r"|am|was|were|has|have|had)\b",
    re.I,
)


def _a_place_named(place: str) -> bool:
    """ "Mercy General Hospital", "swedish medical center in seattle": a place said after
    "at" that names one ("at 3 AM", "at home" name none)."""
    place = place.strip(" .,!")
    if not place or _NO_ONE_NAMED.match(place) or _NOT_A_PLACE_AT.match(place):
        return False
    return provider_kind(place) in _PLACE_KINDS or place[:1].isupper()


def surname_of(name: str) -> str | None:
    """The surname of a person named with a title ("Dr. Robert Keane", "dr keane", "Nurse
    Dana"), None for a place or a role."""
    said = _TITLED_PERSON.match(name.strip())
    if said is None:
        return None
    words = [w for w in re.split(r"[^\w'-]+", said.group("name")) if w]
    return words[-1].lower() if words else None


def same_person(a: str, b: str) -> bool:
    """ "Dr. Keane" and "Dr. Robert Keane", "Dr. Holt" and "dr karen holt": one person named
    twice (same title, same surname, first names that do not differ)."""
    one, other = surname_of(a), surname_of(b)
    if not one or one != other:
        return False
    first = _TITLED_PERSON.match(a.strip()), _TITLED_PERSON.match(b.strip())
    names = [
        [w.lower() for w in re.split(r"[^\w'-]+", m.group("name")) if w][:-1]
        if m
        else []
        for m in first
    ]
    return not (names[0] and names[1] and names[0][0] != names[1][0])


def _fuller(a: str, b: str) -> str:
    return a if len(a.split()) >= len(b.split()) else b


def _named_for(said: str, role: re.Match[str]) -> str | None:
    """The name of a provider just said, told after it: "dr smith" and "her first name was
    karen" is "dr karen smith"; "the nurse" and "her name was Dana" is "the nurse Dana"; "The
    PA on the second visit" and "her name was Jenna something" is "Jenna (The PA on the second
    visit)"; None when it is another's ("dr smith" and "her name was jane doe")."""
    name = role.group("name").strip(" .,!")
    surname = surname_of(said)
    if surname:
        if role.group("role").lower().startswith("first") and len(name.split()) == 1:
            name = f"{name} {surname}"
        return titled_in_full(name, said)
    name = _NAME_NOT_KNOWN.sub("", name).strip(" .,!") or name
    if len(said.split()) > 2:
        return f"{name} ({said})"[
            :200
        ]  # a role said with when or where: after the name
    return f"{said} {name}"[:200]


# "Jenna something", "Jenna whatever her last name was": the rest of the name not known
_NAME_NOT_KNOWN = re.compile(
    r"\s+(?:something|somethin|whatever|or\s+something|\?+)(?:\s+.*)?$", re.I
)
# A person said by their job, no kind of provider in it: "The PA on the second visit", "the
# tech", "the physician assistant"
_A_PERSONS_JOB = re.compile(
    r"^(?:the|my|his|her|their|our|a|an)\s+(?:pa|p\.a\.|physician'?s?\s+assistant|tech"
    r"|technician|therapist|paramedic|emt|aide|assistant|receptionist|anesthetist|crna"
    r"|sonographer|pharmacist)\b",
    re.I,
)
# The care, said to have been done at a place: "Surgery was at Sacred Heart", "the c-section
# was done at Mercy"
_CARE_WAS_AT = re.compile(
    r"^(?:(?:the|my|his|her|their|our)\s+)?(?:\w+\s+)?(?:surger(?:y|ies)|operation|procedure"
    r"|c-?section|cesarean|caesarean|delivery|birth|appendectomy|transplant|amputation)"
    r"\s+(?:was|were|happened)\s+(?:(?:done|performed|had)\s+)?at\s+(?:the\s+)?"
    r"(?P<place>\S.*)$",
    re.I,
)


def titled_in_full(bare: str, titled: str) -> str | None:
    """ "susan hartley" said with "dr hartley": one doctor, by the fuller name with the title
    ("dr susan hartley"); None when the name is not that person's ("susan hartley" and "dr
    mark hartley", a place, a role)."""
    bare = bare.strip()
    said = _TITLED_PERSON.match(titled.strip())
    if (
        said is None
        or "(" in titled
        or not _BARE_PERSON.match(bare)
        or provider_kind(bare) != "other"
        or surname_of(titled) != bare.split()[-1].lower()
    ):
        return None
    first = said.group("name").split()[:-1]
    if first and first[0].lower() != bare.split()[0].lower():
        return None
    if len(first) + 1 >= len(bare.split()):
        return titled.strip()
    return f"{titled.strip()[: said.start('name')].strip()} {bare}"


def _one_each(providers: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each person once: "Dr. Holt" and "Dr. Karen Holt" are one, kept by the fuller name; so
    are "dr hartley" and "susan hartley" ("dr susan hartley")."""
    kept: list[dict[str, str]] = []
    for provider in providers:
        for i, seen in enumerate(kept):
            if same_person(seen["name"], provider["name"]):
                kept[i] = {**seen, "name": _fuller(seen["name"], provider["name"])}
                break
            if full := titled_in_full(provider["name"], seen["name"]):
                kept[i] = {**seen, "name": full}
                break
            if full := titled_in_full(seen["name"], provider["name"]):
                kept[i] = {**provider, "name": full}
                break
        else:
            kept.append(provider)
    return kept


def _was_the_role(part: str) -> re.Match[str] | None:
    """ "Dr. Philip Amsel was the surgeon", "dr carla fontenot was the OB": a name and then the
    role it had, when the role is a provider's."""
    said = _WAS_THE_ROLE.match(part)
    if said is None or provider_kind(said.group("role")) == "other":
        return None
    return said


def _role_was(part: str) -> re.Match[str] | None:
    """ "the ER was kings county", "the dr at the VA was dr kim": the role and the name said
    for it. A role of more than two words is one only when it names a kind of provider ("the
    surgery at the hospital was botched" is about the surgery)."""
    role = _ROLE_WAS.match(part)
    if role is None:
        return None
    words = role.group("role").split()
    if (
        len(words) > 2
        and provider_kind(words[0]) == "other"
        and not (role.group("called") and _BARE_PERSON.match(role.group("name")))
    ):
        # "The director of nursing was a woman named Karen Olson" is one: a person named
        return None
    return role


def _place_then_doctor(name: str) -> list[str]:
    """ "phoenix va primary care dr something patel": a place and then a doctor, two providers,
    and so is "Dr Raymond Kessler at Piedmont Henry Hospital" (a doctor and the place named as
    one); "my primary care dr patel" and "Dr. Lee at St. Mary's" are one."""
    at = _AT_A_PLACE.search(name)
    if at and _TITLED.match(name) and provider_kind(at.group("place")) in _PLACE_KINDS:
        return [name[: at.start()].strip(" ,"), at.group("place").strip(" ,")]
    title = _A_TITLE_INSIDE.search(name)
    if title is None:
        return [name]
    place = name[: title.start()].strip(" ,")
    if provider_kind(place) not in _PLACE_KINDS:
        return [name]
    return [place, name[title.start() :].strip()]


# "wait is this private", "like does the hospital find out": a question, no provider
_A_QUESTION = re.compile(
    r"^(?:(?:wait|like|so|and|but|also|btw|oh|um+|hey|ok(?:ay)?)\s*,?\s+)*"
    r"(?:is|are|does|do|did|can|could|will|would|should|how|what|why|when|am)\s+"
    r"(?:this|that|it|i|you|u|they|he|she|we|the|there|my|anyone|someone)\b",
    re.I,
)
_WHERE_FIRST = re.compile(r"^(?:where|who|whose|which)\b", re.I)
_WHEN_AFTER = re.compile(
    r"\s+(?:afterwards?|after\s+that|later(?:\s+on)?|before\s+that|after|then|too|also"
    r"|maybe|probably|perhaps)$",
    re.I,
)
# "Dr. Holt and Dr. Karen Holt are the same person", "Providence is the same as St. Vincent"
_SAME_AS = re.compile(
    r"^(?:(?:and|also|oh|btw|but)\s+)*(?:"
    r"(?P<a>\S.*?)\s+(?:and|&)\s+(?P<b>\S.*?)\s+(?:are|were|is|was)\s+(?:the\s+)?same"
    r"(?:\s+(?:person|one|people|place|doctor|guy|woman|man|hospital|thing))?"
    r"|(?P<c>\S.*?)\s+(?:is|was|are)\s+(?:the\s+)?same\s+(?:\w+\s+)?as\s+(?:the\s+)?(?P<d>\S.*?)"
    r")[\s.!]*$",
    re.I,
)


def says_same(text: str) -> bool:
    """Whether words say two providers are one ("Dr. Holt and Dr. Karen Holt are the same
    person", "Providence is the same as St. Vincent")."""
    return any(
        _SAME_AS.match(chunk.strip(" .,!"))
        for sentence in _SENTENCE.split(_norm(text))
        for chunk in _SPLIT.split(sentence)
    )


def same_as_said(providers: object, text: str) -> list[dict[str, str]] | None:
    """The providers kept with those an answer says are one merged ("Dr. Holt and Dr. Karen
    Holt are the same person": the fuller name kept; "Providence is the same as St. Vincent":
    St. Vincent kept); None when it says no such thing of those kept."""
    kept = [
        p
        for p in (providers if isinstance(providers, list) else [])
        if isinstance(p, dict)
    ]

    def at(name: str, kept: list[dict[str, str]]) -> list[int]:
        return [
            i
            for i, p in enumerate(kept)
            if same_person(str(p.get("name", "")), name)
            or _same_provider(str(p.get("name", "")), name)
        ]

    changed = False
    for sentence in _SENTENCE.split(_norm(text)):
        for chunk in _SPLIT.split(sentence):
            said = _SAME_AS.match(chunk.strip(" .,!"))
            if said is None:
                continue
            one = said.group("a") or said.group("c")
            other = said.group("b") or said.group("d")

            if said.group("c"):
                # "Providence is the same as St. Vincent": St. Vincent kept
                to_keep = at(other, kept)
                dropped = [i for i in at(one, kept) if i not in to_keep]
                if not to_keep or not dropped:
                    continue
            else:
                # "Dr. Holt and Dr. Karen Holt are the same person": the fuller name kept
                both = sorted({*at(one, kept), *at(other, kept)})
                if len(both) < 2:
                    continue
                fullest = max(
                    both, key=lambda i: len(str(kept[i].get("name", "")).split())
                )
                dropped = [i for i in both if i != fullest]
            kept = [p for i, p in enumerate(kept) if i not in dropped]
            changed = True
    return kept if changed else None


# "i had emergency surgery at cedars sinai": a story, the place in it the provider
_STORY_CLAUSE = re.compile(
    r"^(?:i|we|i'm|im|i've|ive|i'd|we're|we've)\s+(?!(?:think|believe|guess)\b)\w", re.I
)
_AT_SOME_PLACE = re.compile(r"\bat\s+(?:the\s+)?(?P<place>\S.*)$", re.I)
_AT_FIRST = re.compile(r"^at\s+(?:the\s+)?", re.I)
# Where a clause of the story says the care was: "at cedars sinai", "he was taken to Lehigh
# Valley Hospital", "she was admitted to mercy"
_CLAUSE_PLACE = re.compile(
    r"\b(?:at|(?:taken|rushed|transferred|moved|brought|airlifted|flown|driven|sent"
    r"|admitted|readmitted|went|gone|go|back)\s+(?:back\s+)?(?:in)?to)\s+(?:the\s+)?"
    r"(?P<place>\S.*)$",
    re.I,
)
# What is no place after "at": "at the time", "at the follow up", "at her age"
_NOT_A_PLACE_WORD = re.compile(
    r"^(?:time|times|visit|appointment|follow[\s-]?ups?|check[\s-]?ups?|end|start"
    r"|beginning|moment|point|age|birth|delivery|discharge|bedside|desk|front\s+desk"
    r"|door|same|least|most|around|about|like|approximately|almost|nearly|home|work"
    r"|school|night|noon|midnight|first|last|once|all)\b",
    re.I,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# Where the words of a place said in a clause end: "grady hospital for the bleed",
# "Hackensack University Medical Center in May", "Lehigh Valley Hospital where he died"
_PLACE_ENDS = re.compile(
    r"\s+(?:where|who|whose|which|that|when|because|since|until|while|after|before|but|so"
    r"|with|to|by|around|about|he|she|they|we|i|it|was|were|is|are|had|has|did"
    r"|and\s+(?:then|he|she|they|we|i|it|was|were|had|the|my|his|her|their|our)"
    r"|for\s+(?:the|a|an|my|his|her|their|our|it|that|this|him|them|me|us|\d)"
    r"|(?:in|on|during|back\s+in|around|early|late|mid)\s+(?:early\s+|late\s+|mid\s+)?"
    rf"(?:{_MONTHS}|{_WEEKDAYS}|\d|the\s+(?:morning|afternoon|evening|night|spring|summer"
    r"|fall|autumn|winter)|(?:last|this|next)\s+\w+)"
    r"|yesterday|today|tonight|last\s+\w+|this\s+(?:morning|week|month|year|spring"
    r"|summer|fall|winter)|\d+\s+\w+\s+ago)\b.*$"
    r"|\s*[,;(].*$",
    re.I,
)


def _place_in_clause(clause: str) -> str | None:
    """The place a clause of the story says the care was ("i had emergency surgery at cedars
    sinai", "he was taken to Lehigh Valley Hospital where he died", "she was at grady
    hospital for the bleed"); None when it names none ("at home", "at the follow up")."""
    said = _CLAUSE_PLACE.search(clause)
    if said is None:
        return None
    place = said.group("place")
    if any(
        no.match(place) for no in (_NO_ONE_NAMED, _NOT_A_PLACE_AT, _NOT_A_PLACE_WORD)
    ):
        return None
    place = _PLACE_ENDS.sub("", place).strip(" .,!")
    if not place or _NO_ONE_NAMED.match(place):
        return None
    return place


# "it was Methodist hospital", "that's the ER": a name said, no story
_IT_WAS = re.compile(r"^(?:it|that|there|this)(?:\s+(?:was|is|were)|'?s)\b", re.I)
# "dr was the ortho surgeon dr brennan": a role said without "the" before what it was
_BARE_ROLE_WAS = re.compile(
    r"^(?P<role>dr|doc|doctor|surgeon|nurse|pharmacist|anesthesiologist)\s+(?=(?:was|is)\s)",
    re.I,
)
# "The OB who did the C-section was Dr. Adebayo": a role, what it did, and its name
_ROLE_WHO_WAS = re.compile(
    r"^(?P<role>(?:the|my|his|her|their|our)\s+[\w/.&-]+(?:\s+[\w/.&-]+){0,2}?)\s+"
    r"(?:who|that)\s+\S.*?\s+(?P<was>was|is|were)\s+(?P<name>\S.*)$",
    re.I,
)


def _without_role_clause(name: str) -> str:
    """ "The OB who did the C-section was Dr. Adebayo" is "The OB was Dr. Adebayo": a role
    of a provider, and its name written as one (a title, capitals); anything else as said."""
    said = _ROLE_WHO_WAS.match(name)
    if said is None or provider_kind(said.group("role")) == "other":
        return name
    named = said.group("name").strip(" .,!")
    if not (_TITLED.match(named) or named[:1].isupper()):
        return name
    return f"{said.group('role')} {said.group('was')} {named}"


_NOT_A_PLACE_AT = re.compile(
    r"^(?:home|work|school|night|first|least|all|once|last|the\s+time|\d|noon|midnight"
    r"|(?:a|an|my|his|her|their|our|this|that)\b)",
    re.I,
)
# "dr patel was the ENT at nationwide childrens"
_WAS_THE_ROLE_AT = re.compile(
    r"^(?P<name>(?!(?:the|my|his|her|their|our|he|she|they|it|that)\b)\S.*?)\s+(?:was|is)\s+"
    r"(?:the|my|his|her|their|our|a|an)\s+(?P<role>[\w/.&-]+(?:\s+[\w/.&-]+){0,2}?)"
    r"\s+at\s+(?:the\s+)?(?P<place>\S.*)$",
    re.I,
)
# "family dr", "his primary care doctor": what a doctor just named is, not another one
_A_ROLE_ONLY = re.compile(
    r"^(?:(?:he'?s|she'?s|he\s+is|she\s+is|was|is|the|my|his|her|our|their|a|an)\s+)*"
    r"(?:family|primary(?:\s+care)?|regular|main|general|personal)\s+"
    r"(?:dr|doctor|doc|physician|practitioner)\.?$",
    re.I,
)
_TITLED_PERSON = re.compile(
    r"^(?:the\s+)?(?:dr\.?|doctor|nurse)\s+(?P<name>[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,2})"
    r"(?:\s*\(.*\))?$",
    re.I,
)


# Sentences of an answer name a provider each ("Sunrise Gardens. then Tampa General where she
# died"); a title's or an initial's dot ends none ("Dr. Patel", "St. Mary's", "John D. Dingell").
_SENTENCE = re.compile(
    r"(?<!\bDr)(?<!\bSt)(?<!\bMt)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bJr)(?<!\bSr)"
    r"(?<!\b[A-Za-z])[.!?]+\s+",
    re.I,
)
_SENTENCE_KEPT = re.compile(f"({_SENTENCE.pattern})", re.I)
_LEADING_WORDS = re.compile(
    r"^(?:(?:and|then|also|oh|plus|but|btw)\s+)+"
    r"|^(?:i\s+)?(?:already\s+)?(?:said|told\s+you)\s+"
    r"|^(?:i\s+)?(?:meant|mean)\b[\s,:]*",  # "sorry, I meant Mercy Hospital"
    re.I,
)
# "the ER was kings county", "The doctor was Dr. Feldman", "the pharmacist was a guy named
# Kevin", "the dr at the VA was dr kim"
_ROLE_WAS = re.compile(
    r"^(?:the|my|his|her|their|our)\s+(?P<role>[a-z]+(?:\s+[\w.'&-]+){0,4}?)\s+(?:was|is|were)\s+"
    r"(?:(?:a|some)\s+(?:guy|man|woman|lady|person)\s+)?(?:(?P<called>named|called)\s+)?"
    r"(?P<name>\S.*)$",
    re.I,
)
# "Dr. Philip Amsel was the surgeon", "dr carla fontenot was the OB"
_WAS_THE_ROLE = re.compile(
    r"^(?P<name>(?!(?:the|my|his|her|their|our|he|she|they|it|that)\b)\S.*?)\s+(?:was|is)\s+"
    r"(?:the|my|his|her|their|our|a|an)\s+(?P<role>[\w/.&-]+(?:\s+[\w/.&-]+){0,2})$",
    re.I,
)
# A role said before a doctor's title: "pediatrician dr anita shah", "the surgeon dr lee"
_ROLE_BEFORE_TITLE = re.compile(
    r"^(?:(?:the|my|his|her|their|our)\s+)?(?P<role>[\w/-]+(?:\s+[\w/-]+)?)\s+(?=(?:dr\.?|doctor)\s+\w)",
    re.I,
)
_PEOPLE_KINDS = frozenset({"doctor", "nurse"})
# "Dr Raymond Kessler at Piedmont Henry Hospital": the place a doctor worked at
_AT_A_PLACE = re.compile(r"\s+at\s+(?:the\s+)?(?P<place>\S.*)$", re.I)
# Words that name nobody: "all of em", "that already", "both", a city or a state alone
# ("bayshore memorial hospital ER, tampa").
_NO_ONE_NAMED = re.compile(
    r"^(?:(?:all|both|each|every\s*one|any)(?:\s+of)?(?:\s+(?:em|'em|them|those|these|they))?"
    r"|that|this|it|them|em|those|these|they|everyone|everybody|same|same one|the same"
    r"|that'?s|thats|that\s+is|it'?s|its"
    r"|(?:"
    + "|".join(
        re.escape(city)
        for city in sorted(
            {*CITIES, *(s.lower() for s in STATES.values())}, key=len, reverse=True
        )
    )
    + r")(?:,?\s+[a-z]{2})?"
    r")(?:\s+(?:already|too|again|as\s+well))?$",
    re.I,
)
# What follows a name and is not one: "where she died", "who did the surgery", "treated me",
# "did the amputation", "wrote it right", "i said".
_TRAILING_CLAUSE = re.compile(
    r"\s+(?:where|who|whose|which|that)\s+.*$"
    r"|\s+(?:treated|saw|operated\s+on|did|performed|handled|delivered|discharged|missed"
    r"|prescribed|gave|wrote|filled|ordered|read|sent|told|said|put|messed\s+up|botched"
    r"|examined|checked|dispensed|labell?ed|mixed|ran|took|called)"
    r"\s+(?:me|him|her|them|the|my|his|her|their|it|a|an|us|that|this)\b.*$"
    # "pharmacy messed up", "the surgeon screwed up", "the ER dropped the ball"
    r"|\s+(?:(?:messed|screwed|fucked|f\*+ed)\s+(?:it\s+|things\s+)?up|botched\s+it"
    r"|dropped\s+the\s+ball|got\s+it\s+wrong|made\s+(?:a|the)\s+(?:mistake|error)"
    r"|(?:was|were)\s+(?:negligent|careless|wrong|at\s+fault|to\s+blame))\b.*$"
    r"|\s+i\s+(?:think|believe|guess)\s*$"
    # "dr patel not dr smith": the one it was not
    r"|,?\s+(?:but\s+)?not\s+(?:(?:the|a|an|at|in|dr\.?|doctor|nurse|him|her|them)\b"
    r"|(?-i:[A-Z])).*$"
    r"|,?\s+(?:like\s+|as\s+)?i\s+(?:already\s+)?(?:said|told\s+(?:you|u))\b.*$",
    re.I,
)
# A remark, not a name: "they were fine", "he was nice", "I already told you", "like I said".
_A_REMARK = re.compile(
    r"^(?:(?:they|he|she|it|that)\s+(?:was|were|is|are)\b"
    r"|(?:i\s+)?(?:already\s+)?(?:told\s+(?:you|u)|said\s+(?:that|so|this|it))\b"
    r"|(?:like|as)\s+i\s+(?:said|told\s+(?:you|u))\b)",
    re.I,
)


def _a_remark(part: str) -> bool:
    """ "they were fine", "it was his acl", "like I said": a remark; "it was Methodist
    hospital", "that was dr lee" name one."""
    said = _A_REMARK.match(part)
    if said is None:
        return False
    if re.match(r"(?:he|she|they)\b", part, re.I) and _place_in_clause(part):
        return False  # "she was at grady hospital for the bleed": where the care was
    if re.match(r"(?:it|that)\b", part, re.I):
        rest = part[said.end() :].strip(" .,!")
        if (
            provider_kind(rest) != "other"
            or _TITLED.match(rest)
            or re.match(r"(?:st\.?|saint|mt\.?|mount)\s+[a-z]", rest, re.I)
        ):
            return False
    return True


# A doctor named after the place they work ("phoenix va primary care dr something patel").
_A_TITLE_INSIDE = re.compile(
    r"\s(?:dr\.?|doctor)\s+(?!(?:at|in|from|with|on|of|for|who|that|was|is|and|or|the|a|an"
    r"|there|here)\b)\w",
    re.I,
)
_PLACE_KINDS = frozenset({"hospital", "clinic", "pharmacy", "nursing_home"})
# A first name not remembered: "dr something patel" is Dr. Patel.
_UNKNOWN_FIRST_NAME = re.compile(
    r"\b(?P<title>dr\.?|doctor)\s+(?:something|somebody|someone|whatever|what'?s\s+(?:his|her)"
    r"\s+name)\s+(?=\w)",
    re.I,
)


# Providers named in a story or another answer, as names are written: "Dr. Alan Whitcomb",
# "St. Brendan Memorial Hospital", "Lakeview Surgical Center".
_DOCTOR_NAMED = re.compile(
    r"\b(?i:dr\.?|doctor)\s+(?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?"
    r"(?:-[A-Z][a-z'’-]+)?\b"
)
_PLACE_WORDS = (
    r"(?:Hospital|Medical\s+Cent(?:er|re)|Health\s+System|Clinic|Surgical\s+Cent(?:er|re)"
    r"|Surgery\s+Cent(?:er|re)|Urgent\s+Care|Pharmacy|Nursing\s+Home|Rehab(?:ilitation)?"
    r"\s+Cent(?:er|re)|Infirmary|Orthopa?edics|Medical\s+Group|Health\s+Cent(?:er|re))"
)
# (the kind of place in any case: "Dr. Linda Morrow at the Rockwood clinic")
_PLACE_NAMED = re.compile(
    r"\b(?:(?:St\.?|Saint|Mt\.?|Mount)\s+)?(?:[A-Z][a-z'’&-]+(?:[A-Z][a-z'’&-]+)?\s+){1,4}(?i:"
    + _PLACE_WORDS
    + r")\b"
)
_NOT_A_PLACE_NAME = re.compile(
    r"^(?:(?:The|A|An|At|In|To|My|Our|His|Her|Their|Then|And)\s+)+"
)
# A place named after the care it gave: "the ER at Northwestern Memorial in Chicago", "the
# hospital at Mercy": the capitalised words after "at" (a time, "at 3 AM", is none).
_NAME_WORD = r"(?:St\.?|Mt\.?|(?!AM\b|PM\b)[A-Z][\w'&-]*)"
_SETTING_AT = re.compile(
    r"\b(?P<role>(?i:er|e\.r\.|emergency\s+(?:room|department)|hospital|clinic|urgent\s+care"
    r"|pharmacy|nursing\s+home))\s+(?i:at)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})"
)


_ONLY_PLACE_WORDS = re.compile(_PLACE_WORDS, re.I)
# The care said with the place's name after "at": "a C-section at Bellevue", "my surgery at
# Mercy" (a name written with capitals: "surgery at Christmas" is a time)
_CARE_AT = re.compile(
    r"\b(?i:surger(?:y|ies)|operation|procedure|c-?section|cesarean|caesarean|delivery"
    r"|colonoscopy|endoscopy|biopsy|mammogram|ultrasound|scan|mri|x-?ray|appointment"
    r"|check-?up|visit|stay|treated|seen|admitted|delivered|born|induced|hospitali[sz]ed)"
    r"\s+(?i:at)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})"
)
_NOT_A_PLACE_NAMED = re.compile(
    rf"^(?:{_MONTHS}|{_WEEKDAYS}|christmas|easter|thanksgiving|halloween|new\s+year'?s?"
    r"|noon|midnight|night|home|work|school|first|least|last|all|once|the|a|an|my|his|her"
    r"|their|our|this|that|i|we|dr|doctor|nurse|mr|mrs|ms)\b",
    re.I,
)
# As texted, the care's setting and the place's name after "at": "the ER at banner desert in
# mesa", "the clinic at mercy west"
_SETTING_AT_TEXTED = re.compile(
    r"\b(?:er|e\.r\.|emergency\s+(?:room|department)|hospital|clinic|urgent\s+care)\s+at\s+"
    r"(?P<rest>\S.*)$",
    re.I,
)


def _settings_as_texted(said: str) -> list[tuple[int, str, str]]:
    """The places a story names after the care's setting or the care itself, each (where,
    name, kind): "the ER at banner desert in mesa" (banner desert, a hospital), "a C-section
    at Bellevue" (with capitals only); "the ER at 3 am" and "at home" name none."""
    found: list[tuple[int, str, str]] = []
    for sentence in re.split(r"[.!?;,]\s*", said):
        start = said.find(sentence)
        for match in _SETTING_AT_TEXTED.finditer(sentence):
            rest = match.group("rest")
            if _NOT_A_PLACE_NAMED.match(rest) or _NOT_A_PLACE_WORD.match(rest):
                continue
            words: list[str] = []
            for word in rest.split()[:4]:
                if not re.fullmatch(r"[A-Za-z][\w'&-]*", word) or (
                    _NOT_A_NAME_WORD.fullmatch(word)
                    or _BEFORE_A_PLACE_NAME.fullmatch(word)
                    or re.fullmatch(rf"{_MONTHS}|{_WEEKDAYS}", word, re.I)
                ):
                    break
                words.append(word)
            if not words:
                continue
            name = " ".join(words)
            kind = provider_kind(name)
            if kind == "other":
                kind = provider_kind(match.group(0).split()[0])
            found.append((start + match.start("rest"), name, kind))
        for match in _CARE_AT.finditer(sentence):
            name = match.group("name")
            if _NOT_A_PLACE_NAMED.match(name) or _BEFORE_A_PLACE_NAME.fullmatch(
                name.split()[0]
            ):
                continue  # "surgery at Christmas", "the visit at Mom's"
            found.append((start + match.start("name"), name, provider_kind(name)))
    return found


def providers_named(text: str, story: bool = False) -> list[dict[str, str]]:
    """The providers a message names as names are written ("Dr. Alan Whitcomb did it", "the
    emergency room at St. Brendan Memorial Hospital", "the ER at Northwestern Memorial"), and
    those said for a role in passing ("the dr at the VA was dr kim, john d dingell VA medical
    center"), each ``{"name", "kind"}``, in the order said; [] when it names none ("the ER
    doctor", "my surgeon"). In a ``story`` (the person's account, not an answer to another
    question), also those named as texted in it: a pharmacy chain ("walgreens in joliet gave
    her the wrong dose"), a place's name before its kind ("good samaritan hospital"), a doctor
    and what they did ("dr patel prescribed it")."""
    said = " ".join((text or "").replace("’", "'").split())
    found: list[tuple[int, str, str]] = []

    def add(at: int, name: str, kind: str) -> None:
        if all(name not in seen and seen not in name for _, seen, _ in found):
            found.append((at, name, kind))

    for pattern in (_DOCTOR_NAMED, _PLACE_NAMED):
        for match in pattern.finditer(said):
            name = _NOT_A_PLACE_NAME.sub("", match.group(0)).strip()
            # "The nursing home is in Fresno": a kind of place, no name
            if len(name.split()) >= 2 and not _ONLY_PLACE_WORDS.fullmatch(name):
                add(match.start(), name, provider_kind(name))
    for match in _SETTING_AT.finditer(said):
        name = match.group("name")
        kind = provider_kind(name)
        add(
            match.start("name"),
            name,
            provider_kind(match.group("role")) if kind == "other" else kind,
        )
    for at, name, kind in _said_for_a_role(said):
        add(at, name, kind)
    for at, name, kind in _named_as_texted(said):
        add(at, name, kind)
    if story:
        for match in _CHAIN_NAMED.finditer(said):
            add(match.start("name"), match.group("name"), "pharmacy")
        for at, name, kind in _settings_as_texted(said):
            add(at, name, kind)
        for at, name, kind in (*_places_as_texted(said), *_doctors_as_texted(said)):
            add(at, name, kind)
    return [{"name": name, "kind": kind} for _, name, kind in sorted(found)][:12]


# A pharmacy chain said by its brand, where it is if said with a street: "walgreens in
# joliet gave her the wrong dose", "the Rite Aid on Forbes Ave"
_CHAIN_NAMED = re.compile(
    rf"(?<![\w'-])(?P<name>{_CHAIN}(?:\s+(?:pharmacy|drug\s?store))?"
    rf"(?:\s+on\s+(?:[a-z0-9][\w'-]*\s+){{1,3}}?{_STREET}\b)?)(?![\w'-])",
    re.I,
)
# As texted, a place's kind without capitals and the words of its name before it: "took her to
# good samaritan hospital", "mercy hospital sent him home" (not "the local hospital")
_PLACE_WORD_TEXTED = re.compile(r"\b" + _PLACE_WORDS.lower() + r"\b")
_NOT_A_PLACE_NAME_WORD = re.compile(
    r"(?:local|nearest|nearby|closest|big|small|little|new|old|other|same|different|first"
    r"|second|third|next|last|main|another|any|some|every|each|that|this|these|those|which"
    r"|what|er|va|county|city|state|general|private|public|regional|community|bad"
    r"|good|great|terrible|horrible|awful|whole|entire|actual|real|regular|usual|normal"
    r"|emergency|urgent|childrens?|children's|womens?|women's|veterans?|\d+\w*"
    # "two hospital stays", "several hospital visits": how many, not which
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twice|several|few|many|multiple"
    r"|both|couple|more|most|no|numerous|countless)",
    re.I,
)
# Words before a place's kind that are no part of its name: "hi pharmacy gave me", "medication
# or pharmacy error", "your mother's nursing home", "VA means veterans hospital"
_BEFORE_A_PLACE_NAME = re.compile(
    r"(?:hi|hello|hey|um+|uh+|ok|okay|yes|yeah|no|nope|or|nor|your|yours|its|it's|means|mean"
    r"|like|about|into|onto|via|near|over|under|by|outside|inside|behind|than|as|if|when"
    r"|because|since|while|until|til|till|after|before|during|what|which|whose"
    r"|(?:mom|mother|mum|dad|father|wife|husband|son|daughter|baby|brother|sister|grandma"
    r"|grandpa|grandmother|grandfather|aunt|uncle|friend|partner|family|kid|child)(?:'?s)?)",
    re.I,
)


def _places_as_texted(said: str) -> list[tuple[int, str, str]]:
    """Places named as texted, each (where, name, kind): "good samaritan hospital"."""
    found: list[tuple[int, str, str]] = []
    for match in _PLACE_WORD_TEXTED.finditer(said):
        before = said[: match.start()]
        if not before.endswith(" "):
            continue
        words: list[str] = []
        for token in reversed(before.split()[-4:]):
            # the words of its name, right before it: a comma, a stop or "to" ends them
            if (
                not re.fullmatch(r"[A-Za-z][\w'&-]*", token)
                or _NOT_A_NAME_WORD.fullmatch(token)
                or _BEFORE_A_PLACE_NAME.fullmatch(token)
            ):
                break
            words.insert(0, token)
        # "the local hospital" names none; "d dingell VA medical center" only a part of one
        if (
            not words
            or len(words[0]) == 1
            or all(_NOT_A_PLACE_NAME_WORD.fullmatch(w) for w in words)
        ):
            continue
        name = f"{' '.join(words)} {match.group(0)}"
        kind = provider_kind(name)
        # "lakeshore orthopedics": a practice, though its word names a specialty
        found.append(
            (
                match.start() - len(name) + len(match.group(0)),
                name,
                "clinic" if kind in _PEOPLE_KINDS else kind,
            )
        )
    return found


# As texted, a doctor named and what they did: "dr patel prescribed it", "doctor kim said it
# was fine" ("the doctor finally said", "doctor looked at it" name nobody)
_DOCTOR_DID_TEXTED = re.compile(
    r"(?<![\w'])(?<!the\s)(?<!a\s)(?<!an\s)(?<!my\s)(?<!his\s)(?<!her\s)(?<!our\s)"
    r"(?<!their\s)(?<!er\s)(?<!another\s)(?<!other\s)(?<!new\s)"
    r"(?P<name>(?:dr\.?|doctor)\s+(?P<who>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?))\s+"
    r"(?=(?:said|says|told|prescribed|did|gave|missed|operated|performed|ordered|sent"
    r"|discharged|treated|saw|wrote|put|messed|screwed|botched|diagnosed|delivered|examined"
    r"|refused|ignored|dismissed|cut|removed|nicked|perforated|didn'?t|never|was|is"
    r"|called|left|switched|changed|increased|doubled|upped)\b)",
    re.I,
)
_NOT_A_DOCTORS_NAME = re.compile(
    r"(?:\w+ly|here|there|then|also|just|even|still|already|again|himself|herself|who"
    r"|that|on|at|in|from|of|first|later|finally|now|too|only|probably|never)",
    re.I,
)


def _doctors_as_texted(said: str) -> list[tuple[int, str, str]]:
    """Doctors named as texted with what they did, each (where, name, "doctor")."""
    found: list[tuple[int, str, str]] = []
    for match in _DOCTOR_DID_TEXTED.finditer(said):
        who = match.group("who").split()
        if any(
            _NOT_A_NAME_WORD.fullmatch(w) or _NOT_A_DOCTORS_NAME.fullmatch(w)
            for w in who
        ):
            continue
        name = _UNKNOWN_FIRST_NAME.sub(r"\g<title> ", match.group("name"))
        found.append((match.start("name"), name, "doctor"))
    return found


# A provider said for a role in passing is one when written as one: after a title ("dr kim")
# or as a place ("john d dingell VA medical center"); "the doctor was rude" names nobody.
_TITLED = re.compile(r"^(?:dr\.?|doctor|nurse)\s+\w", re.I)
_NOT_A_NAME = re.compile(r"^(?:in|at|to|from|with|on|by|a|an|the)\b", re.I)


# As texted, without capitals: a place said after "at" and ending in a place's word ("at gulf
# coast orthopedic surgery center in houston"), a doctor's title and name said on its own ("dr
# kevin marsh."); "at the hospital" and "dr said it was fine" name nobody.
_PLACE_AT_TEXTED = re.compile(
    r"\bat\s+(?P<name>(?!(?:the|a|an|my|his|her|their|our|this|that|home|work|night)\b)"
    r"(?:[a-z][\w'&-]*\s+){1,4}?" + _PLACE_WORDS.lower() + r")\b"
)
_DOCTOR_TEXTED = re.compile(
    r"(?:^|(?<=[.!?;,]\s))(?P<name>(?:dr\.?|doctor)\s+[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)"
    r"\s*(?:[.!?;,]|$)"
)
_NOT_A_NAME_WORD = re.compile(
    r"\b(?:said|says|told|was|is|were|did|does|had|has|and|the|a|an|who|he|she|they|it"
    r"|not|never|just|then|so|but|again|too|me|him|her|them|us|my|his|their|our|i|we|you|u"
    r"|to|at|in|on|from|of|for|with|went|go|going|gone|got|get|took|take|called|this|that"
    r"|local|nearest|same|other|another|first|second|back|was|were|came|come|by)\b",
    re.I,
)


def _named_as_texted(said: str) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for match in _PLACE_AT_TEXTED.finditer(said):
        found.append(
            (
                match.start("name"),
                match.group("name"),
                provider_kind(match.group("name")),
            )
        )
    for match in _DOCTOR_TEXTED.finditer(said):
        name = match.group("name")
        if not _NOT_A_NAME_WORD.search(name.split(None, 1)[1]):
            found.append((match.start("name"), name, "doctor"))
    return found


def _said_for_a_role(said: str) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    at = 0
    for sentence in _SENTENCE.split(said):
        start = said.find(sentence, at)
        at = start + len(sentence)
        part = _LEADING_WORDS.sub("", sentence.strip(" .,!"))
        role = _role_was(part)
        if role is None or provider_kind(role.group("role")) == "other":
            continue  # "My mother was in a nursing home": no provider's role
        for provider in parse_providers(part):
            name = provider["name"]
            if _NOT_A_NAME.match(name):
                continue
            if _TITLED.match(name) or provider_kind(name) in _PLACE_KINDS:
                found.append(
                    (start + max(0, sentence.find(name)), name, provider["kind"])
                )
    return found


def with_providers_named(
    providers: object, text: str, story: bool = False
) -> list[dict[str, str]] | None:
    """The providers kept so far (a list, or None when not asked yet) with those the text
    names added ("Dr. Alan Whitcomb did it" after "Mercy Ridge Hospital"; in a ``story``, those
    named as texted too: ``providers_named``); None when the text names none that is new."""
    return _with_found(providers, providers_named(text, story))


# What comes before the place named in the answer to whether it was a public hospital: "2.",
# "No,", "yes its"
_FACILITY_ANSWER_FIRST = re.compile(
    r"^\W*(?:\d+\s*[.):-]?\s+)?(?:(?:yes+|yeah|yep|yup|no+|nope|nah)\b[\s,.!:-]*)?",
    re.I,
)
# Words that say what kind of place it was, not which: "a private nursing home", "the county
# hospital", "the VA in phoenix"
_FACILITY_KIND_WORDS = re.compile(
    r"\b(?:the|a|an|my|his|her|their|our|this|that|it|its|it'?s|is|was|private|public"
    r"|government|state|federal|county|city|municipal|local|military|va|v\.a\.?"
    r"|veterans?|affairs|small|big|large|nearby|general|community|regional|university"
    r"|teaching|children'?s|childrens|women'?s|womens|catholic|non-?profit|for-?profit"
    r"|run|owned|operated|by|i|think|believe|guess|maybe|probably|one|place|regular"
    r"|normal|usual|main|district|system|or|something|so|either|too|now|just|kind|sort|of)\b",
    re.I,
)


def _kind_only(name: str) -> bool:
    """Whether a place is said by its kind alone ("a private nursing home", "the county
    hospital in dayton"), not by a name ("Oak Valley Care Center", "miami valley hospital")."""
    store = _CHAIN_SAID.match(name.strip())
    if store and store.group("where").strip(" .,!"):
        return False  # "walgreens on grand ave": which store, where it is ("a walgreens": none)
    said = re.sub(r"\s+(?:in|on|near|off|by)\s+.*$", "", name, flags=re.I)
    for kind, pattern in _KIND_CUES:
        if kind in _PLACE_KINDS:
            said = pattern.sub(" ", said)
    return not re.search(r"[a-z0-9]", _FACILITY_KIND_WORDS.sub(" ", said), re.I)


def facilities_named(text: str) -> list[dict[str, str]]:
    """The places named in the answer to whether the hospital or facility was a public one
    ("2. miami valley hospital in dayton", "No, it's a private nursing home, Oak Valley Care
    Center", "Yes, Bellevue is a city hospital"): each with a name, never a place said by its
    kind alone ("a private nursing home", "the county hospital")."""
    said = _FACILITY_ANSWER_FIRST.sub("", _norm(text)).strip()
    found = []
    for provider in parse_providers(said) if said else []:
        name = _FACILITY_SAID_AS.sub("", provider["name"])
        name = _FACILITY_SAID_TO_BE.sub("", name).strip(" .,!")
        if (
            (provider["kind"] in _PLACE_KINDS or _a_place_said_by_name(name))
            and name
            and not _FACILITY_OWNER.match(name)
            and not _kind_only(name)
        ):
            found.append({**provider, "name": name})
    return found


# Words that make a phrase something said, not a place's name: "not sure", "i think so"
_NOT_A_FACILITY_NAME = re.compile(
    r"\b(?:i|me|my|you|u|he|she|they|we|it|its|it'?s|not|no|yes|sure|unsure|know|idk|think"
    r"|guess|maybe|dont|don'?t|was|were|is|are|had|has|did|do|does|there|here|that|this"
    r"|what|which|who|why|how|when|where|just|so|but|because|ask|asking|question|idea|clue"
    r"|honestly|if|whether|thats|ems|ambulance|paramedics?|after|before|then)\b",
    re.I,
)


def _a_place_said_by_name(name: str) -> bool:
    """Whether an answer to the public-hospital question names the place by its own name
    without a word for its kind ("bluegrass oral surgery", "novant presbyterian"): two to five
    words (one alone, "abbott", "allina", "the med", may be a part of a name or who runs it),
    no title, none that make it something said ("not sure", "i think so")."""
    words = name.split()
    return (
        2 <= len(words) <= 5
        and not _TITLED.match(name)
        and provider_kind(name) == "other"
        and not _NOT_A_FACILITY_NAME.search(name)
        and not _NO_ONE_NAMED.match(name)
        and not _SOMEONE_UNNAMED.match(name)
        and all(re.fullmatch(r"[A-Za-z][\w'&.-]*", w) for w in words)
    )


# "a private place called Bluegrass Pediatric Surgery Center", "called Westhaven Care Center"
_FACILITY_SAID_AS = re.compile(
    r"^(?:(?:the|a|an)\s+)*(?:(?:[\w'-]+\s+){0,3}?(?:called|named)\s+)?", re.I
)
# "Edward Hospital is private", "grady is the county hospital": what it is, said after it
_FACILITY_SAID_TO_BE = re.compile(
    r"\s+(?:is|was|are|were)\s+.*$|\s+or\s+something.*$", re.I
)
# "part of Endeavor Health now", "owned by the county": who runs it, not where the care was
_FACILITY_OWNER = re.compile(
    r"^(?:part\s+of|owned\s+by|run\s+by|operated\s+by)\b", re.I
)


def with_facility_named(providers: object, text: str) -> list[dict[str, str]] | None:
    """The providers kept so far with the places the answer to the public-hospital question
    names (``facilities_named``); None when it names none that is new."""
    return _with_found(providers, facilities_named(text))


def _with_found(
    providers: object, found: list[dict[str, str]]
) -> list[dict[str, str]] | None:
    kept = list(providers) if isinstance(providers, list) else []
    said = {str(p.get("name", "")).lower() for p in kept if isinstance(p, dict)}
    changed = False
    new: list[dict[str, str]] = []
    for p in found:
        fuller = next(
            (
                i
                for i, k in enumerate(kept)
                if isinstance(k, dict) and _said_more_fully_as(k, p)
            ),
            None,
        )
        if fuller is not None:
            # "Indigo Urgent Care" kept, "MultiCare Indigo Urgent Care on Division" said;
            # "Banner hospital" kept, "banner desert medical center" said: one place, by
            # the fuller name
            kept[fuller] = {**kept[fuller], "name": p["name"]}
            changed = True
            continue
        if any(
            p["name"].lower() in name
            or name in p["name"].lower()
            or _same_store(name, p["name"])
            or _one_place(name, p["name"])
            for name in said
        ):
            continue
        same = next(
            (
                i
                for i, k in enumerate(kept)
                if same_person(str(k.get("name", "")), p["name"])
            ),
            None,
        )
        if same is not None:
            # "Dr. Robert Keane" after "Dr. Keane": one man, by his fuller name
            kept[same] = {
                **kept[same],
                "name": _fuller(str(kept[same]["name"]), p["name"]),
            }
            changed = True
            continue
        new.append(p)
    return kept + new if new or changed else None


# The words of a place's name that say its kind, not which one: "Banner hospital" is Banner
_PLACE_KIND_WORDS = re.compile(
    r"\b(?:the|a|an|hospitals?|hosp|medical|health|cent(?:er|re)|clinic|urgent|care|er"
    r"|e\.r\.?|emergency|room|department|system|regional|general|memorial|pharmacy)\b",
    re.I,
)


def _core_words(name: str) -> list[str]:
    said = re.sub(r"\s+(?:in|on|near|off|by|at)\s+.*$", "", name, flags=re.I)
    return re.sub(r"[^\w\s&'-]", " ", _PLACE_KIND_WORDS.sub(" ", said.lower())).split()


def _one_place(a: str, b: str) -> bool:
    """ "Banner hospital" and "banner desert medical center": one place, named more fully
    once (the words of one name, without those of its kind, begin the other's); never two
    people, nor a name that is only a kind ("the hospital")."""
    if _TITLED.match(a) or _TITLED.match(b):
        return False
    one, other = _core_words(a), _core_words(b)
    if not one or not other:
        return False
    short, long = sorted((one, other), key=len)
    return long[: len(short)] == short


def _said_more_fully_as(kept: dict[str, str], said: dict[str, str]) -> bool:
    """Whether a place named now is one kept, said more fully ("Indigo Urgent Care" kept,
    "MultiCare Indigo Urgent Care on Division" said; "Banner hospital" kept, "banner desert
    medical center" said): of the same kind of place, more words, the kept one's in it."""
    name, new = str(kept.get("name", "")), said["name"]
    if (
        kept.get("kind") not in _PLACE_KINDS
        or kept.get("kind") != said.get("kind")
        or "(" in name
        or len(new.split()) <= len(name.split())
    ):
        return False
    if f" {_norm(name).lower()} " in f" {_norm(new).lower()} ":
        return True
    return _one_place(name, new) and len(_core_words(new)) > len(_core_words(name))


# --- anyone else? (the providers already known, read back) ---------------------------------
# "no", "that's all", "just them", "no one else", "not that I know of", "I think that's it":
# nobody besides the providers already noted.
_NOBODY_ELSE = re.compile(
    r"\b(?:no+|nope|nah|none|nobody|no\s*one|noone|not\s+really"
    r"|not\s+that\s+i\s+(?:know|remember|recall|can\s+think)(?:\s+of)?"
    r"|i\s+don'?t\s+think\s+so|(?:i\s+)?(?:don'?t|do\s+not)\s+(?:know|remember|recall)\s+(?:of\s+)?any"
    r"(?:\s*one|body)?"
    r"|(?:that'?s|thats|that\s+is|those\s+are|these\s+are|they'?re|theyre|they\s+are|that\s+was)"
    r"\s+(?:all|it|everyone|everybody|about\s+it|the\s+only\s+ones?|them|the\s+ones?|both"
    r"|all\s+of\s+them|everything)"
    r"|(?:just|only)\s+(?:them|those|these|him|her|that\s+one|the\s+(?:two|three|ones?|same)"
    r"|(?:the\s+)?(?:two|three|both))"
    r"(?:\s+(?:two|three|of\s+(?:them|em|'em)|guys|people|places|ones?))?"
    r"|(?:them|those|the\s+two|both)\s+(?:is|are)\s+(?:all|it|everyone)"
    r"|both|all\s+of\s+(?:them|em|'em)|that'?s\s+everyone)\b",
    re.I,
)
# What may come with "no one else" and says nothing more: "I think", "thanks", "so", "else".
_NOBODY_ELSE_FILLER = re.compile(
    r"\b(?:(?:that\s+)?i\s+(?:know|can\s+think|can\s+remember|remember|recall)(?:\s+of)?"
    r"|i\s+think|i\s+guess|i\s+believe|pretty\s+sure|as\s+far\s+as\s+i\s+know|thanks?"
    r"|thank\s+you|ty|ok(?:ay)?|so|well|um+|uh+|hmm+|yeah|yes|yep|ya|oh|and|just|only|else"
    r"|involved|there|was|were|lol|sorry|no|of|them|the|ones?|named|i|said|mentioned|told|you|u"
    r"|already|that|it|em|'em|all|everyone|everybody)\b",
    re.I,
)
# "yes", "yeah there was", "yes, also": someone else, maybe not named yet.
_THERE_WAS = re.compile(
    r"^\W*(?:yes+|yeah|yea|yep|yup|ya|sure|also|there\s+(?:was|were)|one\s+more|another\s+one)\b"
    r"(?:\s+(?:there\s+(?:was|were)|also|one\s+more|another\s+one|actually))*[\s,.!:-]*",
    re.I,
)
_SAID_NO_FIRST = re.compile(r"^\W*(?:no+|nope|nah)\b[\s,.!:-]*", re.I)
_THERE_WAS_ALSO = re.compile(
    r"^(?:there\s+(?:was|were|is)\s+(?:also\s+)?|(?:we|i)\s+(?:also\s+)?saw\s+|also\s+)",
    re.I,
)

_TOO = re.compile(r"[\s,]+(?:too|as\s+well|also)[\s.!]*$", re.I)


def nobody_else(text: str) -> bool:
    """Whether an answer to "I have ... so far. Was anyone else involved?" says nobody more:
    "no", "that's all", "nope just them", "I think that's it", "no one else that I know of"."""
    said = _norm(text).lower()
    if not _NOBODY_ELSE.search(said):
        return False
    rest = _NOBODY_ELSE_FILLER.sub(" ", _NOBODY_ELSE.sub(" ", said))
    return not re.search(r"[a-z0-9]", rest)


def says_there_was(text: str) -> bool:
    """Whether an answer to "was anyone else involved?" starts with a yes ("yes", "yeah there
    was", "also")."""
    return bool(_THERE_WAS.match(_norm(text)))


def _same_provider(a: str, b: str) -> bool:
    """ "Dr. Kevin Marsh" and "dr kevin marsh", "the Rite Aid on Forbes Ave" and "Rite Aid on
    Forbes Ave": one provider said twice."""

    def key(name: str) -> str:
        words = re.sub(r"[^\w\s&]", " ", name.lower()).split()
        return " ".join(w for w in words if w not in ("the", "a", "an"))

    one, other = key(a), key(b)
    # whole words only: "the ER" is not in "surgery center"
    return (
        bool(one and other)
        and (f" {one} " in f" {other} " or f" {other} " in f" {one} ")
        or _same_store(a, b)
    )


_CHAIN_SAID = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?P<chain>{_CHAIN})(?:\s+(?:pharmacy|drug\s?store|store))?"
    r"(?P<where>.*)$",
    re.I,
)


def _same_store(a: str, b: str) -> bool:
    """ "Rite Aid pharmacy" and "the Rite Aid on Forbes Ave", "walgreens" and "walgreens on
    jefferson st in joliet": one store of a chain (where it is said once, or the same)."""
    one, other = _CHAIN_SAID.match(a.strip()), _CHAIN_SAID.match(b.strip())
    if one is None or other is None:
        return False

    def chain(said: re.Match[str]) -> str:
        return re.sub(r"[\W_]+|pharmacy", "", said.group("chain").lower())

    def where(said: re.Match[str]) -> str:
        words = re.sub(r"[^\w\s]", " ", said.group("where").lower()).split()
        return " ".join(w for w in words if w not in ("on", "in", "at", "the"))

    here, there = where(one), where(other)
    return chain(one) == chain(other) and (
        not here
        or not there
        or f" {here} " in f" {there} "
        or f" {there} " in f" {here} "
    )


def said_more_fully(providers: object, text: str) -> list[dict[str, str]] | None:
    """The providers kept, each named as fully as an answer says it ("walgreens" kept, "i said
    walgreens. on jefferson st in joliet" said: "walgreens on jefferson st in joliet"); None
    when the answer names none of them more fully."""
    kept = [
        p
        for p in (providers if isinstance(providers, list) else [])
        if isinstance(p, dict)
    ]
    changed = False
    for said in parse_providers(text):
        for i, provider in enumerate(kept):
            name = str(provider.get("name", ""))
            if len(said["name"].split()) > len(name.split()) and (
                _same_provider(name, said["name"]) or same_person(name, said["name"])
            ):
                kept[i] = {**provider, "name": said["name"]}
                changed = True
                break
            # "susan hartley" for "dr hartley"
            full = titled_in_full(said["name"], name)
            if full and full != name:
                kept[i] = {**provider, "name": full}
                changed = True
                break
    return kept if changed else None


def others_named(providers: object, text: str) -> list[dict[str, str]] | None:
    """The providers an answer to "I have ... so far. Was anyone else involved?" adds to those
    kept (``providers``): [] when it says nobody else ("no", "that's all", "just them"), names
    only those kept ("all of em. gulf coast orthopedic surgery center and dr kevin marsh") or
    does not remember; None when it says there was someone without naming them ("yes")."""
    said = _norm(text)
    if not said or nobody_else(said):
        return []
    kept = [
        str(p.get("name", ""))
        for p in (providers if isinstance(providers, list) else [])
        if isinstance(p, dict)
    ]
    kept_kinds = {
        p.get("kind")
        for p in (providers if isinstance(providers, list) else [])
        if isinstance(p, dict)
    }
    yes = says_there_was(said)
    rest = _SAID_NO_FIRST.sub("", _THERE_WAS.sub("", said, count=1), count=1)
    rest = _THERE_WAS_ALSO.sub("", rest.strip())
    new: list[dict[str, str]] = []
    for provider in parse_providers(rest) if rest else []:
        name = _TOO.sub("", provider["name"]).strip()  # "dr smith too"
        provider = {**provider, "name": name}
        if (
            not name
            or nobody_else(name)
            or any(
                # "dr kessler at bluegrass oral surgery", the place kept: the doctor is new
                _same_provider(name, k)
                and not (_TITLED.match(name) and not _TITLED.match(k))
                for k in kept
            )
        ):
            continue
        if _BARE_PLACE.match(name) and provider["kind"] in kept_kinds:
            continue  # "Magnolia Gardens, the nursing home!": the one kept
        if any(same_person(name, k) or titled_in_full(name, k) for k in kept):
            continue  # "Dr. Robert Keane" after "Dr. Keane", "susan hartley" after "dr hartley"
        if any(_same_provider(name, p["name"]) for p in new):
            continue
        new.append(provider)
    if not new and yes:
        return None
    return new


def providers_said(providers: object, most: int = 4) -> str:
    """The providers kept, as the question reads them back: "gulf coast orthopedic surgery
    center and dr kevin marsh", "A, B and C" ("" when none)."""
    names = [
        " ".join(str(p.get("name", "")).split())
        for p in (providers if isinstance(providers, list) else [])
        if isinstance(p, dict) and str(p.get("name", "")).strip()
    ][:most]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# How things are after the care, said in a story: "now", "still", "ever since".
_AFTERMATH = re.compile(
    r"\b(?:now|still|since|anymore|any\s+more|no\s+more|no\s+longer|for\s+good|today"
    r"|these\s+days|permanent\w*|for\s+life"
    r"|never\s+(?:be|walk|work|recover)\w*|survived)\b",
    re.I,
)
# What the care led to, said anywhere in a story ("my appendix burst and I needed emergency
# surgery", "ended up in the ICU with internal bleeding", "bedsores so bad they went to the
# bone ... until she was septic"): a complication, never the care itself ("I had surgery").
_WHAT_FOLLOWED = re.compile(
    r"\b(?:burst|ruptured|perforated|sepsis|septic|infected|(?:an|the|a bad|a serious|with an?)"
    r"\s+infection|internal bleeding|hemorrhag\w*|haemorrhag\w*|bled out|blood clots?|"
    r"embolism|gangrene|(?:bed|pressure)\s?sores?|pressure ulcers?|to the bone|amputat\w*|"
    r"coma|organ failure|kidney failure|liver failure|heart failure|cardiac arrest|"
    r"ended up (?:back )?in (?:the )?(?:hospital|icu|er|emergency room|intensive care)|"
    r"emergency surgery|"
    # a harm said in a word or two: "she had a brain bleed", "he had a stroke", "she lost
    # her leg"
    r"(?:brain|internal|gi|stomach|intestinal)\s+bleed\w*|bleed\w*\s+(?:in|on|into)\s+(?:the|her|his"
    r"|my|their)\s+(?:brain|stomach|gut|belly|abdomen|lungs?)|(?:had|suffered|with)\s+(?:an?\s+)?"
    r"(?:massive\s+|major\s+|bad\s+|big\s+)?(?:stroke|heart\s+attack|seizures?|aneurysm|"
    r"brain\s+(?:damage|injury))|brain damage\w*|brain injur\w*|nerve damage|paraly[sz]\w*|"
    r"lost (?:my|his|her|their|the) (?:leg|arm|foot|hand|eye|sight|vision|hearing|kidney|uterus|"
    r"baby|fingers?|toes?)|collapsed lung|punctured lung|"
    r"(?:needed|needs?|had to have|will need|going to need)\s+(?:\w+\s+){0,2}?"
    r"(?:surger(?:y|ies)|operations?)|healed (?:crooked|wrong|badly)|readmitted)\b",
    re.I,
)
# How the person (or patient) is, said with "now" or "still": a symptom that stays.
_LASTING_SYMPTOM = re.compile(
    r"\b(?:dizz\w*|pain\w*|hurts?|numb\w*|weak\w*|tired|exhausted|crooked|limp\w*|scars?|"
    r"scarred|drain|swell\w*|headaches?|migraines?|nightmares|depress\w*|"
    r"needs? (?:\w+ ){0,2}?(?:surgery|help|care|follow[- ]?ups?))\b",
    re.I,
)


_HEDGE_FIRST = re.compile(
    r"^(?:(?:idk|dunno|i\s+dunno|not\s+sure|i'?m\s+not\s+sure|(?:i\s+)?(?:don'?t|dont)\s+know"
    r"|um+|uh+|hmm+)\b[\s,.!-]*(?:like\b[\s,]*)?)+",
    re.I,
)


def without_hedge(text: str) -> str:
    """Words told without the "idk" before them: "idk like right after my tongue and lip were
    numb" -> "right after my tongue and lip were numb" (an "idk" alone is kept)."""
    rest = _HEDGE_FIRST.sub("", text or "", count=1)
    return rest if len(rest.split()) >= 2 else text


def harm_in_story(text: str, now_only: bool = False) -> str | None:
    """The sentences of a story that tell what the care led to and how things are now ("He
    survived but now has severe heart failure, can barely walk, and is in a rehab facility.",
    "my appendix burst and I needed emergency surgery", "I still get dizzy"), or None when it
    tells none (the harm question is then asked). The care itself ("I had surgery", "they
    left a sponge inside me") and a death alone are not the harm told. ``now_only``: only
    what is said of how things are now ("healed crooked now he needs surgery"), not what
    happened back then ("when I ended up in the ER with jaundice" is how they found out)."""
    from actions.parsing.questions import answer_sentences

    def tells(sentence: str) -> bool:
        if tells_death(sentence) and not _WHAT_FOLLOWED.search(sentence):
            return False  # "my mom died in february": the death, not what led to it
        if not _AFTERMATH.search(sentence):
            return not now_only and bool(
                _WHAT_FOLLOWED.search(sentence) or mentions_work_impact(sentence)
            )
        if _WHAT_FOLLOWED.search(sentence) or mentions_work_impact(sentence):
            return True
        # the harm itself, not only "still" ("You still didn't answer me" tells no harm)
        rest = _AFTERMATH.sub(" ", sentence)
        return classify_harm(rest) not in (None, "unknown") or bool(
            _LASTING_SYMPTOM.search(rest) or mentions_treatment(rest)
        )

    told: list[str] = []
    for sentence in answer_sentences(_norm(text)):
        clauses = _clauses_of_a_run_on(sentence)
        kept = [clause for clause in clauses if tells(clause)]
        if len(clauses) > 1 and kept:
            # of a run-on sentence, the clauses that tell it ("2 days later i had a heart
            # attack ... and they put a stent in me"), not the care told before them
            joined = ", ".join(kept)
            told.append(joined if joined[-1] in ".!?" else f"{joined}.")
        elif kept:
            told.append(sentence)
    return " ".join(told) or None


# A sentence this long is a run-on ("hi i went to the ER ... and sent me home, 2 days later i
# had a heart attack ..., the cardiologist said ..."): its harm is read clause by clause.
_RUN_ON_WORDS = 30
_CLAUSE_BREAK = re.compile(r"\s*[,;]\s+")


def _clauses_of_a_run_on(sentence: str) -> list[str]:
    """The comma clauses of a run-on sentence, or the sentence alone when it is not one."""
    if len(sentence.split()) < _RUN_ON_WORDS:
        return [sentence]
    return [c for c in _CLAUSE_BREAK.split(sentence) if c.strip()]


def severity_in_story(text: str) -> str | None:
    """How things are now, from the sentences of a story that say so with "now" or "still"
    ("I still get dizzy": ``ongoing``); None when only what happened back then is told ("I
    needed emergency surgery") or the words are not one of the choices ("healed crooked now
    he needs surgery"): the question then asks."""
    from actions.parsing.questions import answer_sentences

    now = " ".join(s for s in answer_sentences(_norm(text)) if _AFTERMATH.search(s))
    kind = classify_harm(now) if now else None
    return None if kind == "unknown" else kind


# --- the patient ------------------------------------------------------------------------------------
_AGE = re.compile(
    r"\b(?:(?:was|is|aged?|age of|turned|just)\s+)?(\d{1,3})"
    # not "38 weeks pregnant", "3 days", "90 percent"
    r"(?!\s*(?:weeks?|months?|mos?\b|days?|hours?|%|percent|lbs?|pounds|mg|kg))"
    r"\s*(?:years?|yrs?|y/?o|yo)?"
    r"(?:\s+old)?\b",
    re.I,
)
_AGE_CLAUSE = re.compile(
    r"[\s,;(-]*(?:and\s+)?(?:(?:she|he|they|i)\s+(?:was|were|is|are|'s)\s+|aged?\s+|age\s+|"
    r"who was\s+)?(?:about\s+|around\s+|only\s+|just\s+)?(?:\d{1,3}\s*(?:years?|yrs?|y/?o|yo)?"
    r"(?:\s+old)?|an?\s+new[\s-]*born|\d{1,2}\s+(?:hours?|days?|weeks?)\s+old)"
    r"(?:\s+(?:then|at the time|at that time))?[\s).]*$",
    re.I,
)


# A newborn's age said in words: "He was a newborn", "she was just born", "a newborn baby".
_NEWBORN = re.compile(
    r"\b(?:(?:he|she|they|i)\s*(?:'?s|\s+is|\s+was|\s+were|\s+are|'?re|\s+am|'?m)"
    r"|(?:he|she)s|(?:who|which)\s+(?:is|was))\s+(?:only\s+|just\s+)?"
    r"(?:an?\s+)?(?:new[\s-]*born|just\s+born|(?:only\s+)?(?:a\s+)?(?:few|couple(?:\s+of)?|\d{1,2})"
    r"\s+(?:hours?|days?|weeks?)\s+old)\b",
    re.I,
)


def parse_age(text: str) -> int | None:
    """An age at the time from "she was 64", "64 years old", "age 7", "he was a newborn" (0);
    None when absent or not a human age."""
    if _NEWBORN.search(_norm(text)):
        return 0
    for match in _AGE.finditer(_norm(text)):
        whole = match.group(0).lower()
        if match.group(1) and (
            re.search(r"[a-z]", whole.replace(match.group(1), "")) or whole.isdigit()
        ):
            age = int(match.group(1))
            if 0 <= age <= 120:
                return age
    return None


_AGE_SAID = re.compile(
    r"\b(?:(?:he|she|they|i)\s*(?:'?s|\s+is|\s+was|\s+were|\s+are|'?re|\s+am|'?m)"
    r"|(?:he|she)s|(?:who|which)\s+(?:is|was)|aged?|age\s+of)\s+"
    r"(?P<hedge>(?:about|around|maybe|roughly|only|just|almost|nearly|like)\s+)?"
    r"(?P<age>\d{1,3})(?!\s*(?:%|percent|mg|lbs?|pounds|kg|months?|mos?\b|weeks?|days?|hours?|minutes?"
    r"|times|am|pm|a\.m|p\.m|:|/|th\b|st\b|nd\b|rd\b))"
    r"(?:\s*(?:years?|yrs?|y/?o)(?:\s+old)?)?\b"
    r"|\b(?P<age2>\d{1,3})\s*(?:years?|yrs?)\s+old\b|\b(?P<age3>\d{1,3})\s*y/?o\b",
    re.I,
)


def age_said(text: str) -> int | None:
    """An age said as one, in any answer ("i dont know his birthday off hand, he was 41",
    "he is 9, born march 3 2017", "41 years old"); None for a number that is something else
    ("march 3", "he was 5 weeks early") or an age only near it ("hes almost 2 now"); "he
    was a newborn", "she was 3 days old" are 0."""
    if _NEWBORN.search(_norm(text)):
        return 0
    for match in _AGE_SAID.finditer(_norm(text)):
        if (
            match.group("age")
            and match.group("hedge")
            and re.match(r"(?:almost|nearly)", match.group("hedge"), re.I)
        ):
            continue
        age = int(match.group("age") or match.group("age2") or match.group("age3"))
        if 0 <= age <= 120:
            return age
    return None


# The writer's own age: "I'm 52, I work as a school bus driver", "i am 34 years old".
_OWN_AGE = re.compile(
    r"\b(?:i'?m|i\s+am|i\s+was)\s+(?:(?:about|around|only|just)\s+)?"
    r"(?P<age>\d{1,3})(?!\s*(?:%|percent|mg|lbs?|pounds|kg|months?|mos?\b|weeks?|days?|hours?"
    r"|minutes?|times|am|pm|a\.m|p\.m|:|/|'|th\b|st\b|nd\b|rd\b|\.\d|,\d))"
    r"(?:\s*(?:years?|yrs?|y/?o)(?:\s+old)?)?\b",
    re.I,
)


def own_age_said(text: str) -> int | None:
    """The writer's age, said of themselves in a story ("I'm 52, I work as a school bus
    driver"): for a patient who is the writer; None for "I'm 30 weeks pregnant", "I was 5
    days post-op", a number that is no age, or none said."""
    for match in _OWN_AGE.finditer(_norm(text).replace("\u2019", "'")):
        age = int(match.group("age"))
        if 0 < age <= 120:
            return age
    return None


def parse_patient_name(text: str) -> tuple[str | None, int | None]:
    """The patient's name and age at the time from one answer ("Ruth Hale, she was 64"), each
    None when not given. The name is kept as typed (trimmed of "her name is")."""
    norm = _norm(text)
    age = parse_age(norm)
    name_part = _AGE_CLAUSE.sub("", norm) if age is not None else norm
    name_part = re.sub(
        r"^(?:(?:his|her|their|the patient'?s|my \w+'?s)\s+name\s+(?:is|was)|"
        r"(?:we|i)\s+(?:named|called)\s+(?:her|him|them)|"
        r"(?:it'?s|it is|that'?s|she'?s|he'?s|she is|he is))\s+",
        "",
        name_part,
        flags=re.I,
    ).strip(" .,;!")
    from actions.parsing.contact import parse_name
    from actions.parsing.questions import answer_sentences

    name = parse_name(name_part) if name_part else None
    if name is None:
        # "Eli Brooks. he was a newborn": the name is the sentence that is one (two words at
        # least, so that "Hurts. a lot" gives none).
        name = next(
            (
                found
                for sentence in answer_sentences(name_part)
                if (found := parse_name(sentence)) and len(found.split()) >= 2
            ),
            None,
        )
    return name, age


# --- a person who has a lawyer ------------------------------------------------------------------
_SWITCH = re.compile(
    r"\b(?:switch\w*|chang\w* (?:my )?(?:lawyers?|attorneys?)|new (?:lawyer|attorney)|"
    r"different (?:lawyer|attorney)|replace|fire|firing|drop (?:him|her|them)|leave (?:him|her|"
    r"them)|get rid of)\b",
    re.I,
)
_SECOND = re.compile(
    r"\b(?:second opinion|another opinion|other opinion|2nd opinion|opinion|review|look at|"
    r"check|advice|not sure (?:about|if) (?:him|her|them|my lawyer)|never calls?|doesn'?t "
    r"call|won'?t call|not returning)\b",
    re.I,
)
_NEITHER = re.compile(
    r"\b(?:neither|nothing|no thanks|just asking|happy with|fine with|keep (?:him|her|them|my)|"
    r"staying with|not looking)\b",
    re.I,
)


def parse_represented_intent(text: str) -> str | None:
    """What someone who has a lawyer wants: ``second_opinion``, ``switch`` or ``none``; None
    when the words say none of these. A plain "yes" to the question is a second opinion."""
    norm = _norm(text)
    if _NEITHER.search(norm):
        return "none"
    if _SWITCH.search(norm):
        return "switch"
    if _SECOND.search(norm):
        return "second_opinion"
    answer = parse_yes_no(norm)
    if answer is True:
        return "second_opinion"
    if answer is False:
        return "none"
    return None
