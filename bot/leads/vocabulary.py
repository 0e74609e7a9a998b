"""The words a lead is made of, defined once: its fields, statuses, outcomes, channels,
urgency thresholds and priority bands, incident types, patient roles, and a transcript line.

Everything that names a part of a lead (the handoff, the lead store's table and payload
cleaning, the inbox, the screening, the email and the Clio Grow note) reads it from here, so a
new screening question touches the domain, its validator, this file, a migration and tests.
Pure data and pure functions: no I/O, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypedDict

# --- fields -------------------------------------------------------------------------------------

FieldType = Literal["text", "date", "bool", "int", "list", "records", "timestamp"]
"""How a field's value is held. ``text``: a string, cut to ``max_length`` when it has one
(else unbounded text). ``date``: an ISO date (``YYYY-MM-DD``); with a ``max_length`` it is kept
as the text the screening gave, without one as a calendar date. ``list``: a list of strings
(stored as JSON). ``records``: a list of objects with the text keys ``RECORD_KEYS`` names
(stored as JSON). ``timestamp``: a UTC date and time."""

Origin = Literal["slot", "handoff", "store", "evaluated", "computed"]
"""Where a field's value comes from. ``slot``: a slot of the screening, sent by the handoff
under the field's name. ``handoff``: the handoff itself (the conversation, its channel).
``store``: the lead store (id, reference, time, status, assignment). ``evaluated``: worked
out by the lead store from the other facts when the lead is written, and kept (the case
evaluation: triage, summary, pre-suit requirements, conflict matches). ``computed``: worked
out on every read (the priority)."""


@dataclass(frozen=True)
class Field:
    """One fact of a lead, as the inbox API and the CSV export name it."""

    name: str
    label: str  # for staff
    type: FieldType
    origin: Origin
    slot: str | None = None  # the Rasa slot it comes from (origin "slot" only)
    max_length: int | None = None
    editable: bool = False  # staff may change it in the inbox


FIELDS: tuple[Field, ...] = (
    Field("id", "Lead id", "int", "store"),
    Field("reference", "Reference", "text", "store", max_length=16),
    Field("created_at", "Received", "timestamp", "store"),
    Field("channel", "Channel", "text", "handoff", max_length=16),
    Field("conversation_id", "Conversation", "text", "handoff", max_length=255),
    Field("status", "Status", "text", "store", max_length=32, editable=True),
    Field(
        "outcome", "Screening", "text", "slot", slot="screening_outcome", max_length=32
    ),
    Field("priority", "Priority", "int", "computed"),
    Field(
        "incident_type",
        "Case type",
        "text",
        "slot",
        slot="incident_type",
        max_length=40,
    ),
    Field(
        "incident_description",
        "What happened",
        "text",
        "slot",
        slot="incident_description",
    ),
    Field("state", "State", "text", "slot", slot="state", max_length=8),
    Field(
        "incident_date",
        "Incident date",
        "date",
        "slot",
        slot="incident_date",
        max_length=10,
    ),
    Field(
        "discovery_date",
        "Discovered",
        "date",
        "slot",
        slot="discovery_date",
        max_length=10,
    ),
    Field(
        "patient_role", "Patient", "text", "slot", slot="patient_role", max_length=32
    ),
    Field(
        "patient_dob",
        "Patient date of birth",
        "date",
        "slot",
        slot="patient_dob",
        max_length=10,
    ),
    Field("patient_deceased", "Patient died", "bool", "slot", slot="patient_deceased"),
    Field(
        "death_date", "Date of death", "date", "slot", slot="death_date", max_length=10
    ),
    Field(
        "government_facility",
        "Government facility",
        "bool",
        "slot",
        slot="government_facility",
    ),
    Field(
        "already_represented",
        "Already has a lawyer",
        "bool",
        "slot",
        slot="already_represented",
    ),
    # The screening's deadline estimate (actions/screening.py); days_left is as computed at
    # the handoff, and the store recomputes it from the deadline on every read.
    Field("deadline", "Deadline", "date", "slot", slot="deadline"),
    # The latest possible deadline (a date known only to the month or year gives a range;
    # equal to the deadline for exact dates), and whether an object was left in the body.
    Field("deadline_latest", "Latest deadline", "date", "slot", slot="deadline_latest"),
    Field(
        "foreign_object",
        "Object left in the body",
        "bool",
        "slot",
        slot="foreign_object",
    ),
    Field("days_left", "Days left", "int", "slot", slot="days_left"),
    Field(
        "limitation_status",
        "Limitation",
        "text",
        "slot",
        slot="limitation_status",
        max_length=64,
    ),
    Field("explanation", "Explanation", "text", "slot", slot="limitation_explanation"),
    Field("citation", "Citation", "text", "slot", slot="limitation_citation"),
    Field("caveats", "Caveats", "list", "slot", slot="limitation_caveats"),
    Field("contact_name", "Name", "text", "slot", slot="contact_name", max_length=200),
    Field(
        "contact_phone", "Phone", "text", "slot", slot="contact_phone", max_length=32
    ),
    Field(
        "contact_email", "Email", "text", "slot", slot="contact_email", max_length=254
    ),
    Field(
        "contact_consent",
        "Agreed to be contacted",
        "bool",
        "slot",
        slot="contact_consent",
    ),
    # The answer to "shall we call you back?" (slot callback_wanted); the slot named
    # callback_requested only records that the offer was made.
    Field(
        "callback_requested",
        "Asked for a call back",
        "bool",
        "slot",
        slot="callback_wanted",
    ),
    # When they chose to be called (slot callback_time, actions/callback.py): ISO 8601 with
    # the firm's UTC offset, to the minute; null for "any time" or no choice.
    Field(
        "callback_time",
        "Call at",
        "text",
        "slot",
        slot="callback_time",
        max_length=32,
    ),
    # The conversation following the person (issue 10): a lawyer they want a second opinion
    # from or to leave ("second_opinion", "switch"; "none" when happy with them), the summary
    # they confirmed, the facts they were not sure of (asked, never answered: unknown, not
    # No), and the photos they sent (MMS media links).
    Field(
        "summary_confirmed",
        "Confirmed the summary",
        "bool",
        "slot",
        slot="summary_confirmed",
    ),
    Field("unknown_facts", "Not sure of", "list", "slot", slot="unknown_facts"),
    Field("media_urls", "Photos sent", "list", "slot", slot="media_urls"),
    Field("assigned_to", "Assigned", "int", "store", editable=True),
    # --- case evaluation: the facts an attorney decides on (asked by actions/evaluation.py)
    Field(
        "harm_description",
        "Harm and how things are now",
        "text",
        "slot",
        slot="harm_description",
    ),
    Field(
        "harm_severity", "Harm now", "text", "slot", slot="harm_severity", max_length=16
    ),
    Field("providers", "Providers", "records", "slot", slot="providers"),
    Field("treatment_since", "Treatment since", "text", "slot", slot="treatment_since"),
    Field(
        "work_impact", "Affects work or daily life", "bool", "slot", slot="work_impact"
    ),
    Field("has_records", "Has their records", "bool", "slot", slot="has_records"),
    Field(
        "patient_name",
        "Patient's name",
        "text",
        "slot",
        slot="patient_name",
        max_length=200,
    ),
    Field("patient_age", "Patient's age then", "int", "slot", slot="patient_age"),
    Field(
        "estate_representative",
        "Handles the estate",
        "text",
        "slot",
        slot="estate_representative",
        max_length=200,
    ),
    Field(
        "represented_intent",
        "Has a lawyer, wants",
        "text",
        "slot",
        slot="represented_intent",
        max_length=16,
    ),
    Field("suit_filed", "Suit already filed", "bool", "slot", slot="suit_filed"),
    # Worked out by the lead store when the lead is written (bot/leads/assessment.py). For
    # staff only: never shown or hinted to the person.
    Field("case_strength", "Case strength", "text", "evaluated", max_length=8),
    Field("case_strength_reasons", "Strength reasons", "list", "evaluated"),
    Field("case_summary", "Summary", "text", "evaluated"),
    Field("conflict_matches", "Conflict check", "records", "evaluated"),
    Field(
        "pre_suit", "Pre-suit requirements, caps and programs", "records", "evaluated"
    ),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
FIELDS_BY_NAME: Mapping[str, Field] = {f.name: f for f in FIELDS}
SLOT_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.slot is not None)
"""The fields the handoff copies from slots (each sent under the field's name)."""
EDITABLE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.editable)

HELPER_SLOTS: frozenset[str] = frozenset(
    {"date_month", "confirm_date", "more_providers"}
)
"""Slots the screening form asks only to get another answer right (the month of a vague
date, a yes to "did you mean ...?", "was anyone else involved?" whose names join
``providers``): they are not facts of a lead."""

CSV_COLUMNS: tuple[str, ...] = (
    "reference",
    "created_at",
    "status",
    "outcome",
    "priority",
    "incident_type",
    "state",
    "channel",
    "deadline",
    "days_left",
    "limitation_status",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_consent",
    "callback_requested",
    "callback_time",
    "assigned_to",
    "incident_date",
    "discovery_date",
    "patient_role",
    "patient_deceased",
    "government_facility",
    "already_represented",
    "citation",
    "id",
    "case_strength",
    "harm_severity",
    "work_impact",
    "has_records",
    "represented_intent",
    "suit_filed",
    "patient_age",
)
"""The inbox's CSV export, in column order (no free text: descriptions and explanations stay
in the inbox). The case evaluation's columns come last, so older imports keep their
positions."""

RECORD_KEYS: Mapping[str, tuple[str, ...]] = {
    "providers": ("name", "kind"),
    "conflict_matches": ("name", "matched", "list_entry"),
    "pre_suit": ("citation", "text"),
}
"""The keys of each object of a ``records`` field (the lead API's contract)."""

# --- case evaluation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word of the case evaluation, as staff read it."""

    name: str
    label: str


HARM_SEVERITY_LIST: tuple[Term, ...] = (
    Term("death", "Death"),
    Term("permanent", "Permanent harm"),
    Term("ongoing", "Ongoing treatment"),
    Term("recovered", "Recovered"),
    Term("none_yet", "No harm yet"),
    Term("unknown", "Not sure yet"),
)
HARM_SEVERITIES: tuple[str, ...] = tuple(t.name for t in HARM_SEVERITY_LIST)
HARM_LABELS: Mapping[str, str] = {t.name: t.label for t in HARM_SEVERITY_LIST}

PROVIDER_KIND_LIST: tuple[Term, ...] = (
    Term("doctor", "Doctor"),
    Term("nurse", "Nurse"),
    Term("hospital", "Hospital"),
    Term("clinic", "Clinic"),
    Term("pharmacy", "Pharmacy"),
    Term("nursing_home", "Nursing home"),
    Term("other", "Other"),
)
PROVIDER_KINDS: tuple[str, ...] = tuple(t.name for t in PROVIDER_KIND_LIST)
PROVIDER_KIND_LABELS: Mapping[str, str] = {t.name: t.label for t in PROVIDER_KIND_LIST}

REPRESENTED_INTENT_LIST: tuple[Term, ...] = (
    Term("second_opinion", "A second opinion"),
    Term("switch", "To switch lawyers"),
    Term("none", "Nothing: keeps their lawyer"),
)
REPRESENTED_INTENTS: tuple[str, ...] = tuple(t.name for t in REPRESENTED_INTENT_LIST)
REPRESENTED_INTENT_LABELS: Mapping[str, str] = {
    t.name: t.label for t in REPRESENTED_INTENT_LIST
}

CASE_STRENGTH_LIST: tuple[Term, ...] = (
    Term("strong", "Strong"),
    Term("review", "Review"),
    Term("weak", "Weak"),
)
CASE_STRENGTHS: tuple[str, ...] = tuple(t.name for t in CASE_STRENGTH_LIST)
CASE_STRENGTH_LABELS: Mapping[str, str] = {t.name: t.label for t in CASE_STRENGTH_LIST}

CONFLICT_KIND_LIST: tuple[Term, ...] = (
    Term("client", "Client"),
    Term("former_client", "Former client"),
    Term("adverse_party", "Adverse party"),
)
CONFLICT_KINDS: tuple[str, ...] = tuple(t.name for t in CONFLICT_KIND_LIST)
CONFLICT_KIND_LABELS: Mapping[str, str] = {t.name: t.label for t in CONFLICT_KIND_LIST}
"""Who is on the firm's conflict list (the inbox's upload)."""

# --- statuses -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Where staff are with a lead; ``next`` are the steps the inbox offers from it."""

    name: str
    label: str
    next: tuple[str, ...] = ()


STATUS_LIST: tuple[Status, ...] = (
    Status("new", "New", ("contacted", "declined", "referred")),
    Status("contacted", "Contacted", ("consult_scheduled", "declined", "referred")),
    Status(
        "consult_scheduled", "Consult scheduled", ("signed", "declined", "referred")
    ),
    Status("signed", "Signed"),
    Status("declined", "Declined"),
    Status("referred", "Referred"),
)
STATUSES: tuple[str, ...] = tuple(s.name for s in STATUS_LIST)
STATUS_LABELS: Mapping[str, str] = {s.name: s.label for s in STATUS_LIST}
NEXT_STATUSES: Mapping[str, tuple[str, ...]] = {s.name: s.next for s in STATUS_LIST}
INITIAL_STATUS = "new"

# --- outcomes and priority ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """A screening's outcome (``actions/screening.py``). ``band`` orders the inbox's queue
    (lower = more urgent); ``summary`` is the phrase used in the email and the Clio note."""

    name: str
    label: str
    summary: str
    band: int


OUTCOME_LIST: tuple[Outcome, ...] = (
    Outcome("urgent", "Urgent", "urgent: the deadline is close", 0),
    Outcome("qualified", "Qualified", "qualified", 1),
    Outcome("represented", "Already represented", "already represented", 2),
    Outcome("time_barred", "Time-barred", "possibly time-barred", 3),
    Outcome("not_medmal", "Not med-mal", "not medical malpractice", 4),
    # A partial lead (bot.leads.partial): the person gave a phone or email and consent, then
    # stopped; finishing the screening later gives the same lead its real outcome.
    Outcome(
        "incomplete", "Incomplete", "incomplete: the person stopped before the end", 5
    ),
)
OUTCOMES: tuple[str, ...] = tuple(o.name for o in OUTCOME_LIST)
OUTCOME_LABELS: Mapping[str, str] = {o.name: o.label for o in OUTCOME_LIST}
OUTCOME_SUMMARIES: Mapping[str, str] = {o.name: o.summary for o in OUTCOME_LIST}

URGENT = "urgent"
QUALIFIED = "qualified"
REPRESENTED = "represented"
TIME_BARRED = "time_barred"
NOT_MEDMAL = "not_medmal"  # also the incident type of a matter that is not med-mal
INCOMPLETE = "incomplete"  # a screening left unfinished (bot.leads.partial)

UNSCREENED_BAND = 1  # a lead without an outcome waits with the qualified ones
PRIORITY_BANDS: Mapping[str | None, int] = {
    **{o.name: o.band for o in OUTCOME_LIST},
    None: UNSCREENED_BAND,
}
BAND_WIDTH = 10_000
NO_DEADLINE = BAND_WIDTH - 1

URGENT_DAYS = 90
"""A deadline this many days away or fewer is urgent (inbox highlighting; a screening that
needs review becomes ``urgent`` within it)."""
CRITICAL_DAYS = 30
"""A deadline this close is shown as critical in the inbox."""
FIRST_SIGNS_CAVEAT_PREFIX = "Harm noticed at once"
"""How the caveat begins when the deadline was counted from the first signs of the harm
(``actions.screening``): their words follow in quotes, and the lead's summary shows them."""


def priority_band(outcome: str | None) -> int:
    """The queue band of an outcome; an unknown or missing outcome counts as unscreened."""
    return PRIORITY_BANDS.get(outcome, UNSCREENED_BAND)


def priority(outcome: str | None, days_left: int | None) -> int:
    """``band * 10000 + days left`` (days clamped to 0..9998; 9999 when there is no deadline).

    So every urgent lead comes first, then qualified leads with the nearest deadline, and
    time-barred and not-med-mal leads last.
    """
    band = priority_band(outcome)
    if days_left is None:
        return band * BAND_WIDTH + NO_DEADLINE
    return band * BAND_WIDTH + min(max(int(days_left), 0), NO_DEADLINE - 1)


# --- channels -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    """Where a conversation took place, as staff know it."""

    name: str
    label: str


CHANNEL_LIST: tuple[Channel, ...] = (
    Channel("web", "Website chat"),
    Channel("sms", "SMS"),
    Channel("shell", "Command line"),
)
CHANNELS: tuple[str, ...] = tuple(c.name for c in CHANNEL_LIST)
CHANNEL_LABELS: Mapping[str, str] = {c.name: c.label for c in CHANNEL_LIST}
CHANNEL_ALIASES: Mapping[str, str] = {
    "rest": "web",
    "socketio": "web",
    "twilio": "sms",
    "cmdline": "shell",
}
"""Rasa's input channel names (``InputChannel.name()``) -> the channel staff see."""
DEFAULT_CHANNEL = "web"


def channel_name(input_channel: str | None) -> str | None:
    """The staff name of a Rasa input channel (``"twilio"`` -> ``"sms"``); a staff name is
    returned as it is; None for anything else."""
    if input_channel is None:
        return None
    if input_channel in CHANNEL_ALIASES:
        return CHANNEL_ALIASES[input_channel]
    return input_channel if input_channel in CHANNEL_LABELS else None


# --- incident types and patient roles -----------------------------------------------------------


@dataclass(frozen=True)
class IncidentType:
    """What kind of harm a person describes; ``intent`` is the NLU intent that names it (None
    for a kind only the words tell: ``actions.parsing.matter``)."""

    name: str
    label: str
    intent: str | None


INCIDENT_TYPE_LIST: tuple[IncidentType, ...] = (
    IncidentType("surgical_error", "Surgical error", "describe_surgical_error"),
    IncidentType("birth_injury", "Birth injury", "describe_birth_injury"),
    IncidentType("medication_error", "Medication error", "describe_medication_error"),
    IncidentType("misdiagnosis", "Misdiagnosis", "describe_misdiagnosis"),
    IncidentType("anesthesia_error", "Anesthesia error", "describe_anesthesia_error"),
    IncidentType("other", "Other", "describe_other_negligence"),
    IncidentType("not_medmal", "Not med-mal", "describe_not_medmal"),
)
INCIDENT_TYPES: tuple[str, ...] = tuple(t.name for t in INCIDENT_TYPE_LIST)
INCIDENT_LABELS: Mapping[str, str] = {t.name: t.label for t in INCIDENT_TYPE_LIST}
INTENT_TO_INCIDENT_TYPE: Mapping[str, str] = {
    t.intent: t.name for t in INCIDENT_TYPE_LIST if t.intent
}


@dataclass(frozen=True)
class PatientRole:
    """Who the patient is to the person writing."""

    name: str
    label: str


PATIENT_ROLE_LIST: tuple[PatientRole, ...] = (
    PatientRole("self", "The client themself"),
    PatientRole("child", "Their child"),
    PatientRole("spouse", "Their spouse"),
    PatientRole("parent", "Their parent"),
    PatientRole("other_family", "Other family member"),
    PatientRole("other", "Someone else"),
)
PATIENT_ROLES: tuple[str, ...] = tuple(r.name for r in PATIENT_ROLE_LIST)
ROLE_LABELS: Mapping[str, str] = {r.name: r.label for r in PATIENT_ROLE_LIST}

# --- transcripts --------------------------------------------------------------------------------

Sender = Literal["user", "bot"]
SENDERS: tuple[Sender, ...] = ("user", "bot")

# Functional form: "from" is a Python keyword.
TranscriptLine = TypedDict(
    "TranscriptLine",
    {"at": str | None, "from": Sender, "text": str, "channel": str | None},
)
"""One message of a conversation: when (ISO 8601 UTC), who, what, and the staff channel name.
The tracker store's transcripts, the lead's stored snapshot and the inbox all use it."""


def transcript_line(
    at: str | None, sender: Sender, text: str, channel: str | None
) -> TranscriptLine:
    return {"at": at, "from": sender, "text": text, "channel": channel}
