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
"""

from __future__ import annotations

import re

__all__ = [
    "answer_sentences",
    "asks_us",
    "question_topics",
    "split_questions",
    "without_questions_to_us",
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
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("bot_challenge", re.compile(
        r"\b(?:are\s+(?:you|u)\s+(?:a\s+|an\s+)?(?:bot|robot|real|human|person|machine|ai"
        r"|computer|automated)|(?:talking|chatting|speaking)\s+(?:to|with)\s+(?:a\s+)?"
        r"(?:bot|robot|real\s+person|human|machine))\b")),
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
    # ("is it to late??": the typo too)
    ("ask_statute_of_limitations", re.compile(
        r"\b(?:too?\s+late|deadlines?|time\s*limits?|statute|(?:run|ran|running)\s+out"
        r"|expired?|how\s+(?:long|much\s+time)\s+do\s+(?:i|we|you)\s+have|time\s+left"
        r"|still\s+(?:file|sue|make\s+a\s+claim|have\s+a\s+case|do\s+something))\b")),
    ("ask_callback_time", re.compile(
        r"\b(?:(?:when|how\s+(?:long|soon|fast|quickly))\b.*\b(?:call\w*|hear|contact\w*"
        r"|reach|get\s+back|respond|reply|talk|speak)|today|tonight|tomorrow|this\s+week"
        r"(?:end)?)\b")),
    ("ask_confidentiality", re.compile(
        r"\b(?:confidential|private|privacy|secret|who\s+(?:(?:will|can|would)\s+)?(?:see|sees"
        r"|read|reads)|share\s+(?:my|this|it)|safe\s+to\s+(?:share|tell))\b")),
    ("ask_fees", re.compile(
        r"\b(?:cost|costs|fee|fees|charge|charges|pay|paying|afford|price|how\s+much"
        r"|free|money|expensive|contingency|retainer|up\s*front)\b")),
    ("ask_records", re.compile(
        r"\b(?:records?|paperwork|documents?|medical\s+chart|charts)\b")),
    ("ask_case_duration", re.compile(
        r"\bhow\s+long\b.*\b(?:take|takes|last|lasts|go\s+on)\b")),
    ("ask_what_is_malpractice", re.compile(
        r"\b(?:what\s+(?:is|counts\s+as|qualifies\s+as)\s+(?:medical\s+)?malpractice"
        r"|is\s+(?:this|that|it)\s+(?:medical\s+)?malpractice"
        r"|do\s+(?:i|we)\s+(?:even\s+)?have\s+a\s+case)\b")),
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


def _is_question(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
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
    "I had two more surgeries. Is this private by the way?" -> "I had two more surgeries."."""
    return " ".join(s for s in _sentences(text) if not asks_us(s))


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


def question_topics(text: str) -> list[str]:
    """Which of the common questions the message asks, in the order asked, each once:
    "yes. now answer me. is it too late or not?" -> ["ask_statute_of_limitations"]."""
    topics: list[str] = []
    for sentence in split_questions(text)[1]:
        topic = _topic(sentence)
        if topic and topic not in topics:
            topics.append(topic)
    return topics
