"""A message that answers and asks at once: "georgia. how much does this cost btw?".

``split_questions(text)`` separates the sentences that ask something from the rest (the answer,
a remark, a correction); ``question_topics(text)`` names which of the common questions the asking
sentences are, as the intents the assistant answers (``ask_fees``, ``ask_callback_time``...).

Judgment calls (each is pinned by a test in ``tests/actions/parsing/test_questions.py``):

* A sentence is a question when it ends with "?", or when it starts like one ("do i need my
  records", "is it too late or not") and is one of the common questions: a statement that only
  starts with a question word ("what happened was ...") stays part of the answer.
* A topic is named only from the asking sentences, never from the story around them: "i cant
  pay a lawyer up front" alone is not a question about fees (the language model may still take
  it for one), and "how could they miss it?" names no topic.
* One sentence names one topic, the first that fits in the order of ``_TOPICS`` (the more
  specific first: "when will someone call" is about the call, not about how long a case takes).
* "Will the hospital be told?" answers the privacy question too: the one answered when both
  are asked, or when the privacy question comes with that worry (`question_topics`).
* Someone joining the call ("Can my son Greg be on the call with me?") and whether a lawyer
  will call are questions, not a request for a call; `who_joins_the_call` names who.
"""

from __future__ import annotations

import re

__all__ = [
    "DENTAL",
    "answer_sentences",
    "asks_us",
    "asks_what_is_checked",
    "mentions_topic",
    "question_topics",
    "split_questions",
    "who_joins_the_call",
    "why_the_deadline_is_asked",
    "without_questions_to_us",
    "without_why_the_deadline_is_asked",
]

# Sentences: up to and including their end marks (an ellipsis counts as one). A mark with no
# space after it ends nothing: "denise.harlow@example.com" and "2.5" are one word.
_SENTENCE = re.compile(r"(?:[^.!?…\n]|[.!?…]+(?=[^\s.!?…]))+(?:[.!?…]+|\n|$)")
_STARTS_LIKE_A_QUESTION = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|but|also|btw|well|now|oh|hey|um|uh|wait)\W+)*"
    r"(?:how|what|whats|when|where|why|who|which|will|would|is|isn'?t|are|am|do|does|did"
    r"|can|could|should|shall|have|has)\b(?!')",
    re.I,
)
# "when they called me from the hospital", "how she found out": a clause that tells when or
# how something happened (a subject, then a verb in the past), not a question.
_TELLS_WHEN = re.compile(
    r"^\W*(?:(?:and|but|so|well|um|uh)\W+)*(?:when|where|how|what|after|once)\s+"
    r"(?:i|we|they|he|she|you|u|it|someone|somebody|(?:the|my|his|her|their|our|a)\s+\w+)"
    r"\s+(?:\w+ly\s+|first\s+)?"
    r"(?:\w+ed|told|said|found|came|went|did|had|was|were|got|took|gave|sent|saw|made"
    r"|knew|left|brought|rang|heard|woke|realized|realised)\b",
    re.I,
)
# A question said inside a sentence: "but u didnt answer how much does it cost", "i asked if
# it's too late": the words after these ask it.
_ASKED_INSIDE = re.compile(
    r"\b(?:(?:(?:you|u|ya)\s+)?(?:did\s*n'?t|did\s+not|never|still\s+(?:have\s*n'?t|did\s*n'?t)|have\s*n'?t)"
    r"\s+(?:answer(?:ed)?|tell|told|say|said|reply|replied)(?:\s+(?:me|us|my\s+question))?"
    r"(?:\s+(?:about|on))?|i\s+(?:asked|was\s+asking)(?:\s+(?:you|u))?"
    r"|my\s+question\s+(?:is|was)|i\s+(?:still\s+)?(?:want|wanted|need)\s+to\s+know)\s+"
    r"(?=(?:how|what|whats|when|where|why|who|which|will|would|is|are|do|does|can|could"
    r"|should|if|whether)\b)",
    re.I,
)
_TRAILING_LINK = re.compile(r"[\s,;-]*\b(?:but|and|so|also)?[\s,;-]*$", re.I)
# Who else might hear of it: the care's people and places, their employer.
_OTHERS = (
    r"(?:hospitals?|doctors?|dr|docs?|surgeons?|clinic|nurses?|providers?|facility|pharmacy"
    r"|nursing\s+home|employer|boss|job|insurance|insurer"
    # "does the surgery center get told": a center, a practice, an office of care
    r"|(?:(?:surgery|surgical|medical|health|care|cancer|birth(?:ing)?|imaging|rehab|urgent"
    r"|dialysis)\s+)(?:center|centre|practice|office)s?)"
)
# Dental care (a dentist's, an oral surgeon's): medical care the firm reviews too.
DENTAL = (
    r"(?:dental|dentists?|dentistry|teeth|tooth|wisdom\s+teeth|oral\s+surg\w*|orthodont\w*"
    r"|root\s+canals?|implants?|extractions?)\b"
)
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("bot_challenge", re.compile(
        r"\b(?:are\s+(?:you|u)\s+(?:a\s+|an\s+)?(?:bot|robot|real|human|person|machine|ai"
        r"|computer|automated)|(?:talking|chatting|speaking)\s+(?:to|with)\s+(?:a\s+)?"
        r"(?:bot|robot|real\s+person|human|machine))\b")),
    # "does he have to be involved in this?" (a family member asking for a patient who can't
    # speak for himself): never about the person asking ("do I have to be involved")
    ("ask_patient_involved", re.compile(
        r"\b(?:does|do|will|would|must|should|has|is|are)\s+(?!(?:i|we|you|u|ya|it|this|that)\b)"
        r"(?:[\w'-]+\s+){1,2}?(?:(?:really|even|also|still)\s+)?(?:(?:have|need|got|going)\s+to"
        r"|gotta|required\s+to|supposed\s+to)\s+(?:be\s+(?:involved|part\s+of|a\s+part\s+of"
        r"|there|present)|take\s+part|participate|sign\s+(?:anything|something|it|papers?)"
        r"|consent|agree)\b")),
    ("ask_second_opinion", re.compile(
        r"\b(?:second|2nd|another|other|different)\s+(?:opinion|look|lawyer'?s?\s+opinion)"
        r"|\b(?:review|look\s+(?:at|over))\s+(?:my|our|the|his|her)\s+(?:case|lawyer'?s?\s+work)\b"
        # "can u guys even talk to me if i got a lawyer already?": whether they may talk to us
        r"|\b(?:can|could|may|am|are|is\s+it\s+ok(?:ay)?\s+(?:if|to))\s+(?:u|you|i|we)?(?:\s+guys|\s+all)?\s*"
        r"(?:even\s+|still\s+|really\s+)?(?:allowed\s+to\s+)?(?:talk|speak|chat)\s+(?:to|with)\s+"
        r"(?:me|us|u|you)\b.*\b(?:lawyer|attorney)")),
    # "and it was northside, is that public?": whether the hospital counts as a public one
    # (not "is this private?", about this chat).
    ("ask_public_hospital", re.compile(
        r"\b(?:is|was|are|were)\s+(?!this\b|(?:the\s+)?(?:chat|conversation|info\w*)\b)"
        r"(?:\w+\s+){0,2}?(?:a\s+)?(?:public|government|county|city|state[- ]run|federal)\b"
        r"(?!\s+records?)|\bwhat\s+(?:does|do\s+you\s+mean\s+by|counts\s+as|is)\s+(?:a\s+)?"
        r"(?:public|government)\b|\b(?:public|government)\s+(?:hospital|facility|one)s?\s+mean")),
    # "do I even need a lawyer for this or can I just sue them myself?": whether they need a
    # lawyer at all (answered without advice: the firm's attorneys can say after a review).
    ("ask_need_lawyer", re.compile(
        r"\b(?:(?:sue|file|(?:do|handle|fight)\s+(?:it|this|that))\s+(?:\w+\s+){0,2}?"
        r"(?:myself|ourselves|on\s+(?:my|our)\s+own|without\s+(?:a\s+)?(?:lawyer|attorney))"
        r"|represent\s+(?:myself|ourselves)|(?:do|would|will|should)\s+(?:i|we)\s+(?:\w+\s+)?"
        r"(?:even\s+)?need\s+(?:a|an)\s+(?:lawyer|attorney)|pro\s+se)\b")),
    # "Can my son Greg be on the call with me?", "could my daughter join?": someone joining
    # the call (before the call's time: "can my wife be on the call tomorrow?")
    ("ask_family_on_call", re.compile(
        r"\b(?:can|could|may|is\s+it\s+(?:ok(?:ay)?|alright|fine)\s+(?:if|for)"
        r"|would\s+it\s+be\s+(?:ok(?:ay)?|alright|fine)\s+if)\s+"
        r"(?!(?:i|you|u|we|ya|they|it|this|that|there)\b)(?:[\w'-]+\s+){1,4}?"
        r"(?:(?:also|too)\s+)?(?:(?:be\s+(?:on|in)|come\s+on)\s+(?:\w+\s+){0,2}?"
        r"(?:call|phone|line|meeting|consultation|conversation)\b|be\s+there\b"
        r"|(?:joins?|listens?\s+in|sits?\s+in)\b(?!\s+(?:\w+\s+){0,2}?(?:lawsuit|case|claim|suit"
        r"|firm)\b))"
        r"|\b(?:can|could|may)\s+(?:i\s+)?(?:have|bring)\s+(?:my\s+[\w'-]+|someone|somebody"
        r"|a\s+(?:friend|relative|family\s+member))(?:\s+[\w'-]+)?\s+(?:on|in|with\s+me"
        r"\s+on)\s+(?:the|this|that)\s+(?:call|phone|line)\b")),
    # ("is it to late??": the typo too)
    ("ask_statute_of_limitations", re.compile(
        r"\b(?:too?\s+late|deadlines?|time\s*limits?|statute|(?:run|ran|running)\s+out"
        r"|expired?|how\s+(?:long|much\s+time)\s+do\s+(?:i|we|you)\s+have|time\s+left"
        r"|still\s+(?:file|sue|make\s+a\s+claim|have\s+a\s+case|do\s+something))\b")),
    ("ask_callback_time", re.compile(
        r"\b(?:(?:when|how\s+(?:long|soon|fast|quickly))\b.*\b(?:call\w*|hear|contact\w*"
        r"|reach|get\s+back|respond|reply|talk|speak)|today|tonight|tomorrow|this\s+week"
        r"(?:end)?)\b")),
    # "Will the hospital be told?", "do you contact my doctors?": who else hears of it (before
    # the privacy question: `question_topics` answers this one for both)
    ("ask_hospital_told", re.compile(
        r"\b(?:will|would|could|can|might|do|does|is|are)\s+(?:\w+\s+){0,3}?"
        rf"{_OTHERS}\s+(?:\w+\s+){{0,2}}?(?:be\s+told|get\s+told|know|find\s+out|be\s+notified"
        r"|be\s+contacted|be\s+informed|hear\s+(?:about|of)|learn\s+(?:about|of)"
        r"|see\s+(?:this|it|what|my|the\s+chat))\b"
        r"|\b(?:tell|contact|notify|inform|let|alert|warn|reach\s+out\s+to|call)\s+"
        r"(?!(?:you|u|ya|me|us)\b)(?:(?:anyone|anybody|someone|somebody)\s+(?:at|from)\s+)?"
        r"(?:(?:the|my|our|his|her|their)\s+)?"
        rf"{_OTHERS}\b(?!.*\b(?:records?|charts?|files?)\b)")),
    # "Will a lawyer call me?", "do I have to talk on the phone?": whether (not when) they
    # will be called, and how
    ("ask_will_call", re.compile(
        r"\b(?:will|would|does|do|is)\s+(?:a|an|the|your|one\s+of\s+(?:the|your))?\s*"
        r"(?:lawyers?|attorneys?|someone|somebody|anyone|any\s*one|you|u|person|team"
        r"|(?:real\s+)?(?:person|human))\s+(?:\w+\s+)?(?:(?:going|gonna)\s+(?:to\s+)?)?"
        r"(?:call|phone|ring|contact|reach\s+out|get\s+in\s+touch|get\s+back)\b"
        r"|\b(?:do|will|would)\s+(?:i|we)\s+(?:\w+\s+)?(?:have\s+to|need\s+to|get\s+to)\s+"
        r"(?:talk|speak)\s+(?:\w+\s+){0,3}?(?:on\s+the\s+phone|by\s+phone)"
        r"|\b(?:does|do|will|would)\s+it\s+(?:\w+\s+)?(?:have\s+to\s+)?be\s+(?:by|on\s+the|over\s+the)"
        r"\s+phone\b")),
    ("ask_confidentiality", re.compile(
        r"\b(?:confidential|private|privacy|secret|who\s+(?:(?:will|can|would)\s+)?(?:see|sees"
        r"|read|reads)|share\s+(?:my|this|it)|safe\s+to\s+(?:share|tell))\b")),
    ("ask_fees", re.compile(
        r"\b(?:cost|costs|fee|fees|charge|charges|pay|paying|afford|price|how\s+much"
        r"|free|money|expensive|contingency|retainer|up\s*front)\b")),
    ("ask_records", re.compile(
        r"\b(?:records?|paperwork|documents?|medical\s+chart|charts)\b")),
    # "so do I actually have a case or not", "is this a good case?": whether they have a case
    # (no advice: an attorney decides after a review)
    ("ask_have_a_case", re.compile(
        r"\b(?:(?:do|would|could|might)\s+(?:i|we|you\s+think\s+(?:i|we)|(?:my|our)\s+\w+)"
        r"\s+(?:\w+\s+){0,2}?have\s+(?:a|any)\s+(?:\w+\s+)?(?:case|claim|chance)"
        r"|(?:is|was)\s+(?:this|that|it|there)\s+(?:\w+\s+)?(?:a|any)\s+(?:\w+\s+)?"
        r"(?:case|claim)\s*(?:here|or\s+not|at\s+all|[?.!]|$)"
        r"|(?:can|could)\s+(?:i|we)\s+(?:\w+\s+)?win|(?:chances?|odds)\s+(?:of|to)\s+win"
        # "can i sue", "Can I sue somebody for that?", "could we sue the hospital"
        r"|(?:can|could|should|do|would)\s+(?:i|we|my\s+\w+)\s+(?:even\s+|still\s+|really\s+"
        r"|be\s+able\s+to\s+)?sue\b(?!\s+(?:\w+\s+){0,2}?(?:myself|ourselves|on\s+(?:my|our)\s+own)))")),
    ("ask_case_duration", re.compile(
        r"\bhow\s+long\b.*\b(?:take|takes|last|lasts|go\s+on)\b")),
    # "Is this something you handle?", "do you guys take cases like this?": whether the firm
    # reviews this kind of matter
    ("ask_do_you_handle", re.compile(
        r"\b(?:is|are)\s+(?:this|that|it|these|those|mine|my\s+case)\s+(?:\w+\s+){0,4}?"
        r"(?:you|u|y'?all|your\s+firm|the\s+firm)\s+(?:guys\s+|all\s+|folks\s+)?"
        r"(?:\w+\s+)?(?:handle|take|do|cover|deal\s+with|work\s+on|help\s+with|look\s+at)"
        r"|\b(?:do|does|would|will|can|could)\s+(?:you|u|y'?all|your\s+firm|the\s+firm)\s+"
        r"(?:guys\s+|all\s+|folks\s+)?(?:even\s+|also\s+)?(?:handle|take|do|cover|deal\s+with"
        r"|work\s+on|help\s+with)\s+(?:\w+\s+){0,3}?(?:this|that|these|those|cases?|claims?"
        r"|things?|kind|type|stuff|it|mine|my\s+case)\b"
        r"|\b(?:is\s+this|am\s+i\s+(?:in|at))\s+the\s+right\s+(?:place|firm|people)\b"
        # "do u guys do dental", "do you handle dental stuff?": a kind of care named
        rf"|\b(?:do|does|would|will|can|could)\s+(?:you|u|y'?all|your\s+firm|the\s+firm)\s+"
        r"(?:guys\s+|all\s+|folks\s+)?(?:even\s+|also\s+)?(?:handle|take|do|cover|deal\s+with"
        rf"|work\s+on|help\s+with)\s+(?:\w+\s+)?{DENTAL}")),
    ("ask_what_is_malpractice", re.compile(
        r"\b(?:what\s+(?:is|counts\s+as|qualifies\s+as)\s+(?:medical\s+)?malpractice"
        r"|(?:is|was)\s+(?:this|that|it|what\s+happened)\s+(?:even\s+|really\s+|actually\s+|still\s+"
        r"|considered\s+|counted\s+as\s+|called\s+)*(?:medical\s+)?malpractice)\b")),
]  # fmt: skip


def _sentences(text: str) -> list[str]:
    """The sentences, with a question said inside one ("she had chemo. but u didnt answer how
    much does it cost") split from the words before it."""
    found: list[str] = []
    for sentence in _SENTENCE.findall(" ".join((text or "").split())):
        inside = _ASKED_INSIDE.search(sentence)
        if inside and inside.start() > 0:
            before = _TRAILING_LINK.sub("", sentence[: inside.start()])
            found += [before, sentence[inside.start() :]]
        else:
            found.append(sentence)
    return [s.strip() for s in found if s.strip()]


def _topic(sentence: str) -> str | None:
    lowered = sentence.lower().replace("’", "'")
    return next((name for name, pattern in _TOPICS if pattern.search(lowered)), None)


def mentions_topic(text: str, topic: str) -> bool:
    """Whether the words name the common question ``topic`` anywhere, asked or not ("the fee
    was wrong" names the fees); False for a topic these words do not know."""
    lowered = (text or "").lower().replace("’", "'")
    return any(name == topic and pattern.search(lowered) for name, pattern in _TOPICS)


# A name or a fact said unsure, not asked: "And the blood bank I guess?", "the 5th I think?"
_UNSURE_END = re.compile(
    r"\b(?:i\s+(?:guess|think|believe|suppose)|maybe|probably|perhaps)\s*\?+\s*$", re.I
)


def _is_question(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return not (
            _UNSURE_END.search(sentence)
            and not _STARTS_LIKE_A_QUESTION.match(sentence)
            and not _ASKED_INSIDE.search(sentence)
            and _topic(sentence) is None
        )
    if _TELLS_WHEN.match(sentence):
        return False
    return (
        bool(_STARTS_LIKE_A_QUESTION.match(sentence) or _ASKED_INSIDE.match(sentence))
        and _topic(sentence) is not None
    )


# Words that address the firm or this chat: "can you ...", "did u see my question", "is this private".
_TO_US = re.compile(
    r"\b(?:you|u|your|ur|ya|y'?all|you\s+guys|this\s+(?:chat|conversation|site|service|firm))\b",
    re.I,
)


def asks_us(sentence: str) -> bool:
    """Whether a sentence is a question put to the firm ("Can I get a second opinion from you
    guys?", "Is this private by the way?"), not one asked in the telling ("how could they miss
    it?") nor an answer said with doubt ("maybe Dr. Patel?")."""
    if not _is_question(sentence):
        return False
    return _topic(sentence) is not None or bool(_TO_US.search(sentence))


def without_questions_to_us(text: str) -> str:
    """The text without the questions it puts to the firm (they are answered, not stored):
    "I had two more surgeries. Is this private by the way?" -> "I had two more surgeries."; a
    question the rest of the words make one of ours too ("We didnt have a will. Do I need to
    get some paper for that?": the estate's papers)."""
    return " ".join(
        s
        for s in _sentences(text)
        if not asks_us(s) and not (_is_question(s) and _topic_asked(s, text, None))
    )


def split_questions(text: str) -> tuple[str, list[str]]:
    """The words that are not questions (joined, as typed) and the asking sentences:
    "georgia. how much does this cost btw?" -> ("georgia.", ["how much does this cost btw?"])."""
    rest: list[str] = []
    asked: list[str] = []
    for sentence in _sentences(text):
        (asked if _is_question(sentence) else rest).append(sentence)
    return " ".join(rest), asked


def answer_sentences(text: str) -> list[str]:
    """The sentences of a message that do not ask anything, in order."""
    return [s for s in _sentences(text) if not _is_question(s)]


# How long it has been: "its been almost 2 years", "it was over a year ago".
_TIME_SINCE = re.compile(
    r"^\W*(?:(?:and|but|because|cause|cuz|bc|since|like|well)\W+)*"
    r"(?:it'?s|its|it\s+has|it\s+was|that\s+was|this\s+was|it\s+happened|been)\s+"
    r"(?:been\s+)?(?:(?:over|almost|nearly|about|around|like|more\s+than|less\s+than|under"
    r"|only|just|already|going\s+on)\s+)*"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple"
    r"(?:\s+of)?|a\s+few|few|several|\d{1,2}(?:\.\d)?)\s+"
    r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)(?:\s+(?:ago|now|since|already))*\W*$",
    re.I,
)


def why_the_deadline_is_asked(text: str) -> list[str]:
    """The sentences said right after the question about the deadline that tell how long it
    has been ("me and my brother i guess. is it too late? its been almost 2 years" ->
    ["its been almost 2 years"]): why it is asked, part of the question, not an answer to
    the question the person was asked."""
    found: list[str] = []
    after_it = False
    for sentence in _sentences(text):
        if _is_question(sentence):
            after_it = _topic(sentence) == "ask_statute_of_limitations"
        elif after_it and _TIME_SINCE.match(sentence):
            found.append(sentence)
        else:
            after_it = False
    return found


def without_why_the_deadline_is_asked(text: str) -> str:
    """The message without how long it has been, said with the question about the deadline
    (``why_the_deadline_is_asked``): "me and my brother i guess. is it too late?" for who
    handles the estate."""
    why = why_the_deadline_is_asked(text)
    if not why:
        return text
    return " ".join(s for s in _sentences(text) if s not in why)


# A worry told beside the privacy question: "is this private? I don't want my employer or the
# hospital finding out I'm talking to a lawyer".
_OTHERS_FINDING_OUT = re.compile(
    rf"\b{_OTHERS}\b.*\b(?:be\s+told|get\s+told|to\s+know|knowing|find\s+out|finding\s+out"
    r"|found\s+out|notified|contacted|informed|hear\s+about|hearing\s+about)\b",
    re.I,
)


# Papers to act for someone who died: "Do I need to get some paper for that?" said with the
# estate ("We didnt have a will"), or at the question who handles it.
_PAPERS = re.compile(
    r"\b(?:papers?|paperwork|documents?|forms?|probate|court|letters?\s+of|executor"
    r"|administrator|legal(?:ly)?|official(?:ly)?|appointed|power\s+of\s+attorney)\b",
    re.I,
)
_ESTATE = re.compile(
    r"\b(?:estate|executor|executrix|probate|administrator|heirs?|next\s+of\s+kin"
    r"|(?:a|no|his|her|their|the|any|my)\s+will\b|will\s+(?:and|or)\s+testament"
    r"|(?:have|leave|left|make|made|write|wrote)\s+a\s+will)",
    re.I,
)
# "Do we need them?", "do i need to get all of them?" at the question about records: the
# records, named by the question they answer.
_NEED_THEM = re.compile(
    r"\b(?:need|needs|have\s+to|got\s+to|gotta|should|supposed\s+to|want)\b[^.?!]*?"
    r"\b(?:them|those|it|these|any|all|copies|every\s*thing)\b",
    re.I,
)


# Who acts for the estate, asked ("Who handles the estate?", "who is supposed to be the
# executor?", "how does someone become the administrator?"): how one is named (no advice).
_WHO_HANDLES_ESTATE = re.compile(
    r"\b(?:who|which\s+(?:one|person)|how\s+(?:do|does|would|can|could)\s+(?:i|we|you|someone"
    r"|somebody|anyone|one|a\s+person))\b[^.?!]*?\b(?:estate|executor|executrix"
    r"|administrator|personal\s+representative|probate)\b",
    re.I,
)


def _topic_asked(sentence: str, text: str, asked: str | None) -> str | None:
    """The topic of one asking sentence, read with the question being answered (``asked``, a
    slot) and the rest of the message: papers for the estate, records called "them", who
    handles the estate."""
    topic = _topic(sentence)
    said = sentence.replace("’", "'")
    if topic is None and _WHO_HANDLES_ESTATE.search(said):
        return "ask_estate_papers"
    if (
        topic in (None, "ask_records", "ask_need_lawyer")
        and _PAPERS.search(said)
        and (asked == "estate_representative" or _ESTATE.search(text.replace("’", "'")))
    ):
        return "ask_estate_papers"
    if topic is None and asked == "has_records" and _NEED_THEM.search(said):
        return "ask_records"
    return topic


# "is what right?", "what is right?", "right about what?": what the read-back checks, asked.
_WHAT_IS_CHECKED = re.compile(
    r"\b(?:is\s+what\s+(?:right|correct)|what(?:\s+is|'s|\s+was|s)\s+(?:right|correct)"
    r"|(?:right|correct)\s+about\s+what|what\s+(?:date|are\s+(?:you|u)\s+(?:asking|checking))"
    r"|what\s+do\s+(?:you|u)\s+mean|what(?:\s+is|'s)\s+(?:that|this)\s+about)\b",
    re.I,
)


def asks_what_is_checked(text: str) -> bool:
    """Whether the words ask what "Is that right?" is about ("sorry hit stop by accident. is
    what right?"): a question, never a yes."""
    return bool(_WHAT_IS_CHECKED.search((text or "").replace("’", "'")))


def question_topics(text: str, asked: str | None = None) -> list[str]:
    """Which of the common questions the message asks, in the order asked, each once:
    "yes. now answer me. is it too late or not?" -> ["ask_statute_of_limitations"].

    ``asked`` is the question being answered (its slot), which some questions point at:
    "Do we need them?" at the records is about the records, "Do I need to get some paper for
    that?" at who handles the estate is about the estate's papers (as it is anywhere the
    estate or a will is named).

    Whether the hospital (their doctors, their employer) will be told answers whether this is
    private too: asked together ("is this really confidential? Will the hospital be told?"),
    or the privacy question asked with that worry ("is this private? I don't want the hospital
    finding out"), it is the one answered."""
    topics: list[str] = []
    for sentence in split_questions(text)[1]:
        topic = _topic_asked(sentence, text or "", asked)
        if topic and topic not in topics:
            topics.append(topic)
    if "ask_confidentiality" in topics and (
        "ask_hospital_told" in topics
        or _OTHERS_FINDING_OUT.search(
            " ".join(answer_sentences(text)).replace("’", "'")
        )
    ):
        named = [
            "ask_hospital_told" if t == "ask_confidentiality" else t for t in topics
        ]
        topics = list(dict.fromkeys(named))
    return topics


# Who they would like on the call: "my son Greg", "my daughter", "Greg".
_RELATIVE = (
    r"(?:son|daughter|husband|wife|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|mom|mother"
    r"|dad|father|sister|brother|kid|child|niece|nephew|grandson|granddaughter|grandkid"
    r"|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|friend|neighbou?r|caregiver"
    r"|caretaker|(?:son|daughter|sister|brother|mother|father)-in-law)"
)
_JOINS = r"(?:(?:also|too)\s+)?(?:be|join|listen|sit|come)\b"
_MY_RELATIVE = re.compile(
    rf"\bmy\s+(?P<rel>{_RELATIVE})(?:,?\s+(?!(?:also|too|be|join|listen|sit|come)\b)(?P<name>[A-Za-z][a-z'-]+))?,?\s+{_JOINS}"
    rf"|\bmy\s+(?P<rel2>{_RELATIVE})\b",
    re.I,
)
_NAMED = re.compile(
    rf"\b(?:[Cc]an|[Cc]ould|[Mm]ay)\s+(?P<name>[A-Z][a-z'-]+)\s+{_JOINS}"
)


def who_joins_the_call(text: str) -> str | None:
    """Who they ask to have on the call, as the assistant names them: "your son Greg" from
    "Can my son Greg be on the call with me?", "your daughter", "Greg" ("Could Greg be on the
    call?"); None when the words ask no such thing or name no one."""
    asking = [s for s in split_questions(text)[1] if _topic(s) == "ask_family_on_call"]
    for sentence in asking:
        said = sentence.replace("’", "'")
        mine = _MY_RELATIVE.search(said)
        if mine:
            relation = (mine.group("rel") or mine.group("rel2")).lower()
            name = mine.group("name")
            return (
                f"your {relation} {name.capitalize()}" if name else f"your {relation}"
            )
        named = _NAMED.search(said)
        if named and named.group("name").lower() not in ("i", "someone", "somebody"):
            return named.group("name")
    return None
