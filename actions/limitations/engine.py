"""Computes an estimated filing deadline for a medical-malpractice claim and says why.

The steps read like the law, in the order a lawyer would check them:

1. the ordinary period (from the act, or from discovery where the claim accrues on discovery),
   compared with any discovery-based alternative (the later or the earlier governs, per state),
   and any rule for the kind of case (a missed cancer in New York);
2. the foreign-object rule, when an object was left in the body;
3. the minors' rules, when the patient was a minor at the time of the act (a birthday can be a
   filing deadline, or only extend the repose; a statute can remove minority tolling);
4. the statute of repose, an outer limit from the act (with its minors, foreign-object and
   late-discovery exceptions);
5. the wrongful-death claim, when the patient died: the earlier of the malpractice (survival)
   deadline and the wrongful-death deadline governs, because the firm files both claims and the
   earlier date is the one that preserves both. Where the earlier deadline has passed but the
   later one has not, the result is `needs_review` (the later claim may still be viable);
6. a government facility: a federal one (the VA, a military hospital, the Indian Health Service)
   is sued under the Federal Tort Claims Act, so its 2-year administrative claim, counted from
   discovery (Kubrick), replaces the state's limitation period; only the state's statute of
   repose can still come first (the circuits disagree whether it binds an FTCA claim, so the
   earlier is used). A state or local one (a county, city or state hospital: no federal agency
   under 28 U.S.C. § 2671) gets the state's own government rules where the table has them
   (`government_rules`: a notice of claim within a period, and a suit period, each from the
   act, the accrual or the discovery): the suit period replaces the state's deadline when it
   is earlier, and the notice of claim is a deadline of its own (`notice_deadline`, with its
   citation), so `deadline` is the earlier of the two. Where the person's words say who runs
   the facility (`government_entity`: "the county hospital"), that government's rule is used;
   otherwise nothing tells whether the State, a county or a city runs it, so the earliest of
   the state's rules is used.
   One of unknown kind gets the same, or the FTCA claim when that is earlier, with both
   caveats. Either way the result is `needs_review`, and a passed notice with the suit still
   open is named for the attorney (a late notice may be allowed);
7. a reported error in the table that may make a rule later than the law, not yet resolved,
   sends every result that depends on that rule to `needs_review`.

A date known only to the month or the year gives a range: the deadline is computed for every
combination of the earliest and latest possible days, `deadline` is the earliest result and
`deadline_latest` the latest. The claim is `expired` only when even the latest has passed, and
`urgent` when the earliest has passed or is near but the latest has not. Otherwise conservative
where facts are uncertain: a missing discovery date means discovery on the day of the act, and
where the table is unsure the earlier reading is used and the result is marked `needs_review`.
Tolling doctrines that depend on facts the intake does not collect (fraudulent concealment,
continuous treatment, incapacity) are never assumed; they appear as caveats.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from actions.limitations.dates import (
    DateFormatError,
    DateInput,
    PartialDate,
    Period,
    age_on,
    birthday,
    format_date,
    parse_partial_date,
)
from actions.limitations.rules import (
    GOVERNMENT_ENTITIES,
    CaseRule,
    Jurisdiction,
    MinorsRule,
    as_of_incident,
    load_jurisdictions,
)

CASE_TYPES: tuple[str, ...] = (
    "surgical_error",
    "birth_injury",
    "medication_error",
    "misdiagnosis",
    "anesthesia_error",
    "other",
    "wrongful_death",
)
STATUSES: tuple[str, ...] = ("open", "urgent", "expired", "needs_review")
URGENT_DAYS = 90
FTCA_CLAIM_PERIOD = Period.years(2)
FTCA_CITATION = "28 U.S.C. § 2401(b) (FTCA)"
KUBRICK_CITATION = "United States v. Kubrick, 444 U.S. 111 (1979)"
REPOSE_UNDER_FTCA_CITATION = (
    "Bennett v. United States, 44 F.4th 929 (9th Cir. 2022); "
    "Augutis v. United States, 732 F.3d 749 (7th Cir. 2013)"
)


@dataclass(frozen=True)
class Source:
    """Where a federal rule was checked: the source, a short verbatim quote, the day read."""

    cite: str
    url: str
    quote: str
    date: str


# The Federal Tort Claims Act rule for a federal facility, as verified (the state rules keep
# theirs in jurisdictions/<CODE>.yaml under `verified:`).
# When a claim accrues (the FTCA's, and the reading of a harm noticed at once).
KUBRICK_SOURCE = Source(
    KUBRICK_CITATION,
    "https://www.studicata.com/summaries/united-states-supreme-court/"
    "united-states-v-kubrick-1979-2l8mqg",
    "a claim accrues when the plaintiff knows both the existence and the cause of his "
    "injury, and not at a later time when he learns that the acts inflicting the injury "
    "may be medical malpractice",
    "2026-11-28",
)
FTCA_SOURCES: tuple[Source, ...] = (
    Source(
        "28 U.S.C. § 2401(b)",
        "https://www.govregs.com/uscode/expand/title28_partVI_chapter161_section2402",
        "A tort claim against the United States shall be forever barred unless it is "
        "presented in writing to the appropriate Federal agency within two years after "
        "such claim accrues",
        "2026-11-28",
    ),
    Source(
        "28 U.S.C. § 2671",
        "http://laws9.com/uscode/html/uscode28/usc_sec_28_00002671----000-.html",
        "the term “Federal agency” includes the executive departments, the judicial and "
        "legislative branches, the military departments, independent establishments of the "
        "United States, and corporations primarily acting as instrumentalities or agencies of "
        "the United States",
        "2026-11-28",
    ),
    KUBRICK_SOURCE,
    Source(
        "Bennett v. United States, 44 F.4th 929 (9th Cir. 2022)",
        "http://casetext.com/case/bennett-v-united-states-169",
        "courts have not uniformly agreed on whether those provisions also override state "
        "statutes of repose. Because the better reading of the FTCA is that it incorporates "
        "and applies state laws that serve as statutes of repose rather than overriding them",
        "2026-11-28",
    ),
    Source(
        "Augutis v. United States, 732 F.3d 749 (7th Cir. 2013)",
        "http://casetext.com/case/augutis-v-united-states-2",
        "holding the FTCA did not preempt state law where the administrative process began "
        "prior to the statute of repose deadline but suit was not filed until after the "
        "deadline",
        "2026-11-28",
    ),
    Source(
        "Kennedy v. United States, 526 F. App'x 450 (6th Cir. 2013) (contra)",
        "http://www.ecases.us/case/ca6/c4721622/"
        "robert-kennedy-v-united-states-of-america-veterans-admin",
        "we hold that a vested right to a cause of action under Ohio’s statute of repose "
        "is preserved",
        "2026-11-28",
    ),
)

ATTORNEY_CAVEAT = (
    "Screening estimate for firm staff, not legal advice: an attorney must confirm this "
    "deadline before anyone relies on it or tells the client."
)
TOLLING_CAVEAT = (
    "Not computed: tolling for fraudulent concealment, continuous treatment, mental incapacity "
    "or the defendant's absence, and extensions from pre-suit notices; each can change the date."
)
FTCA_CAVEAT = (
    "Government facility: if it is federal (VA, military, a federally funded health center), "
    "state law does not apply; a written administrative claim (SF-95) must reach the agency "
    "within 2 years of accrual (28 U.S.C. § 2401(b)). If it is state or local, a notice of "
    "claim may be due within months and shorter periods may apply."
)
GOVERNMENT_RULES_CAVEAT = (
    "Government notice and suit periods are applied as written: relief for a late notice, "
    "tolling for minority or incapacity, and separate periods for a claim for a death are "
    "not computed."
)
# The caveat that names a notice of claim's due date (the lead's summary shows it).
NOTICE_CAVEAT_PREFIX = "Notice of claim due by "
STATE_OR_LOCAL_CAVEAT = (
    "State or local government facility (a county, city or state hospital): a notice of "
    "claim may be due within months and shorter periods may apply."
)
FEDERAL_CAVEAT = (
    "Federal facility (VA, military, Indian Health Service): a Federal Tort Claims Act claim. "
    "A written administrative claim (SF-95) must reach the agency within 2 years after the "
    "claim accrues, when the patient knew of the injury and its cause (28 U.S.C. § 2401(b); "
    "Kubrick); suit follows within 6 months of a denial. The state's limitation period does "
    "not apply; whether its statute of repose does is unsettled between the circuits."
)

_INCIDENT_NOUNS: Mapping[str | None, str] = {
    "surgical_error": "the surgery",
    "anesthesia_error": "the procedure",
    "birth_injury": "the delivery",
    "medication_error": "the medication error",
    "misdiagnosis": "the misdiagnosis",
}


_DEADLINE_RULES = frozenset(
    {"limitation", "discovery", "repose", "case_rules", "cancer"}
)


class LimitationInputError(ValueError):
    """The facts given cannot be computed (unknown state, bad or out-of-order dates)."""


@dataclass
class LimitationResult:
    """`deadline` is the earliest possible deadline, `deadline_latest` the latest (the same day
    unless a date was known only to the month or the year): the first day a right can be
    lost, a government's notice of claim included.

    For a state or local government defendant (or one of unknown kind) with rules in the
    table, `suit_deadline` is the last day to sue in the state's courts and `notice_deadline`
    a notice of claim's due date (its rule in `notice_citation`) where one is required; None
    otherwise (and for a federal facility, whose FTCA administrative claim is the `deadline`
    itself)."""

    state: str
    deadline: date | None
    days_left: int | None
    status: str
    explanation: str
    citation: str
    caveats: list[str] = field(default_factory=list)
    deadline_latest: date | None = None
    notice_deadline: date | None = None
    notice_citation: str = ""
    suit_deadline: date | None = None

    def __post_init__(self) -> None:
        if self.deadline_latest is None:
            self.deadline_latest = self.deadline

    def to_dict(self) -> dict[str, Any]:
        """Exactly the JSON contract of `python -m actions.limitations`."""
        return {
            "state": self.state,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_left": self.days_left,
            "status": self.status,
            "explanation": self.explanation,
            "citation": self.citation,
            "caveats": list(self.caveats),
            "deadline_latest": (
                self.deadline_latest.isoformat() if self.deadline_latest else None
            ),
            "notice_deadline": (
                self.notice_deadline.isoformat() if self.notice_deadline else None
            ),
            "notice_citation": self.notice_citation,
            "suit_deadline": (
                self.suit_deadline.isoformat() if self.suit_deadline else None
            ),
        }


DATE_FIELDS = ("act", "discovery", "date_of_birth", "death")


@dataclass(frozen=True)
class Facts:
    """Validated input. A partial date is read as its earliest possible day unless its name is
    in `latest` (one scenario of the range; never later than the as-of date)."""

    state: str
    act: PartialDate
    discovery: PartialDate | None
    date_of_birth: PartialDate | None
    death: PartialDate | None
    case_type: str | None
    foreign_object: bool
    government_facility: bool
    as_of: date
    cancer: bool = False
    latest: frozenset[str] = frozenset()
    federal_facility: bool = False
    state_or_local_facility: bool = False
    government_entity: str | None = None

    def _day(self, name: str) -> date | None:
        value: PartialDate | None = getattr(self, name)
        if value is None:
            return None
        if name in self.latest:
            return max(min(value.latest, self.as_of), value.earliest)
        return value.earliest

    def partial_fields(self) -> tuple[str, ...]:
        return tuple(
            name
            for name in DATE_FIELDS
            if getattr(self, name) is not None and getattr(self, name).is_partial
        )

    @property
    def act_day(self) -> date:
        day = self._day("act")
        assert day is not None
        return day

    @property
    def discovery_day(self) -> date:
        # A month-only discovery in the incident's month cannot be before the incident.
        day = self._day("discovery")
        return self.act_day if day is None else max(day, self.act_day)

    @property
    def death_day(self) -> date | None:
        day = self._day("death")
        return None if day is None else max(day, self.act_day)

    @property
    def birth_day(self) -> date | None:
        return self._day("date_of_birth")


@dataclass(frozen=True)
class Candidate:
    """A deadline and the words that say where it comes from."""

    day: date
    phrase: str


def jurisdiction_codes() -> tuple[str, ...]:
    return tuple(sorted(load_jurisdictions()))


def get_jurisdiction(state: str) -> Jurisdiction:
    code = _state_code(state)
    return load_jurisdictions()[code]


def compute(
    state: str,
    incident_date: DateInput,
    discovery_date: DateInput | None = None,
    date_of_birth: DateInput | None = None,
    death_date: DateInput | None = None,
    case_type: str | None = None,
    foreign_object: bool = False,
    government_facility: bool = False,
    as_of: DateInput | None = None,
    cancer: bool = False,
    federal_facility: bool = False,
    state_or_local_facility: bool = False,
    government_entity: str | None = None,
) -> LimitationResult:
    """The estimated filing deadline for `state`, with its rule, citation and caveats.

    Dates are `datetime.date` or ISO text (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`); `as_of` defaults to
    today (read at call time). `cancer`: the misdiagnosis was of a cancer or malignant tumor.
    `federal_facility`: the care was at a federal facility (the VA, a military hospital, the
    Indian Health Service), a Federal Tort Claims Act claim; it implies `government_facility`.
    `state_or_local_facility`: a public facility known not to be federal (a county, city or
    state hospital): the state's rules only (its notice of claim and suit period where the
    table has them: `notice_deadline`, `notice_citation`, `suit_deadline`), no FTCA claim;
    `federal_facility` wins over it. `government_entity`: who the person's words say runs
    that facility (`state`, `county` or `municipal`, as in `government_rules`): only the
    state's rules for it, where the table has one (else every rule, the earliest first); it
    implies `state_or_local_facility`.
    Raises `LimitationInputError` for facts that cannot be computed.
    """
    facts = validate(
        state=state,
        incident_date=incident_date,
        discovery_date=discovery_date,
        date_of_birth=date_of_birth,
        death_date=death_date,
        case_type=case_type,
        foreign_object=foreign_object,
        government_facility=government_facility,
        as_of=as_of,
        cancer=cancer,
        federal_facility=federal_facility,
        state_or_local_facility=state_or_local_facility,
        government_entity=government_entity,
    )
    current = load_jurisdictions()[facts.state]
    scenarios = []
    partial = facts.partial_fields()
    for picks in itertools.product((False, True), repeat=len(partial)):
        latest = frozenset(
            name for name, pick in zip(partial, picks, strict=True) if pick
        )
        one = replace(facts, latest=latest)
        computation = _Computation(as_of_incident(current, one.act_day), one, current)
        scenarios.append(computation.evaluate())
    return _summarise(facts, scenarios)


# --- input ------------------------------------------------------------------------------------


def _state_code(state: Any) -> str:
    if not isinstance(state, str) or not state.strip():
        raise LimitationInputError(
            "state is required: a two-letter code such as TX or DC"
        )
    code = state.strip().upper()
    if code not in load_jurisdictions():
        raise LimitationInputError(
            f"unknown state {state!r}: expected the two-letter code of a US state or DC, e.g. TX"
        )
    return code


def _date(value: DateInput, name: str) -> PartialDate:
    try:
        return parse_partial_date(value, name)
    except DateFormatError as exc:
        raise LimitationInputError(str(exc)) from None


def validate(
    *,
    state: str,
    incident_date: DateInput,
    discovery_date: DateInput | None,
    date_of_birth: DateInput | None,
    death_date: DateInput | None,
    case_type: str | None,
    foreign_object: bool,
    government_facility: bool,
    as_of: DateInput | None,
    cancer: bool = False,
    federal_facility: bool = False,
    state_or_local_facility: bool = False,
    government_entity: str | None = None,
) -> Facts:
    code = _state_code(state)
    if as_of is None:
        today = date.today()
    else:
        as_of_date = _date(as_of, "as-of date")
        if as_of_date.is_partial:
            raise LimitationInputError(
                f"as-of date {as_of!r} must be a full date YYYY-MM-DD"
            )
        today = as_of_date.earliest
    if incident_date is None or (
        isinstance(incident_date, str) and not incident_date.strip()
    ):
        raise LimitationInputError("incident date is required")
    act = _date(incident_date, "incident date")
    given: dict[str, PartialDate | None] = {
        "discovery date": (
            None if discovery_date is None else _date(discovery_date, "discovery date")
        ),
        "date of birth": (
            None if date_of_birth is None else _date(date_of_birth, "date of birth")
        ),
        "death date": None if death_date is None else _date(death_date, "death date"),
    }
    for name, value in (("incident date", act), *given.items()):
        if value is not None and value.earliest > today:
            raise LimitationInputError(
                f"{name} {value.describe()} is after the as-of date {today.isoformat()}"
            )
    discovery, dob, death = (
        given["discovery date"],
        given["date of birth"],
        given["death date"],
    )
    if discovery is not None and discovery.latest < act.earliest:
        raise LimitationInputError(
            f"discovery date {discovery.describe()} is before the incident date {act.describe()}"
        )
    if death is not None and death.latest < act.earliest:
        raise LimitationInputError(
            f"death date {death.describe()} is before the incident date {act.describe()}"
        )
    if dob is not None and dob.earliest > Period.years(1).after(act.latest):
        raise LimitationInputError(
            f"date of birth {dob.describe()} is more than a year after the incident "
            f"{act.describe()}"
        )
    if death is not None and dob is not None and death.latest < dob.earliest:
        raise LimitationInputError(
            f"death date {death.describe()} is before the date of birth {dob.describe()}"
        )
    kind: str | None = None
    if case_type is not None and str(case_type).strip():
        kind = str(case_type).strip().lower()
        if kind not in CASE_TYPES:
            raise LimitationInputError(
                f"unknown case type {case_type!r}: expected one of {', '.join(CASE_TYPES)}"
            )
    entity: str | None = None
    if government_entity is not None and str(government_entity).strip():
        entity = str(government_entity).strip().lower()
        if entity not in GOVERNMENT_ENTITIES:
            raise LimitationInputError(
                f"unknown government entity {government_entity!r}: expected one of "
                f"{', '.join(GOVERNMENT_ENTITIES)}"
            )
    local = bool((state_or_local_facility or entity) and not federal_facility)
    return Facts(
        state=code,
        act=act,
        discovery=discovery,
        date_of_birth=dob,
        death=death,
        case_type=kind,
        foreign_object=bool(foreign_object),
        government_facility=bool(government_facility or federal_facility or local),
        as_of=today,
        cancer=bool(cancer),
        federal_facility=bool(federal_facility),
        state_or_local_facility=local,
        government_entity=entity if local else None,
    )


# --- computation ------------------------------------------------------------------------------


def _ordinal(n: int) -> str:
    suffix = (
        "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    )
    return f"{n}{suffix}"


def _day_before(candidate: Candidate) -> Candidate:
    """A period counted with both its first and its last day ends the day before the
    anniversary."""
    day = candidate.day - timedelta(days=1)
    return Candidate(day, f"{candidate.phrase}, ending the day before the anniversary")


def _combine(
    first: Candidate, second: Candidate, how: str, notes: list[str]
) -> Candidate:
    """The later or the earlier of two deadlines; `notes` gets a sentence naming both."""
    if how == "replace":
        notes.append(
            f"Instead of {first.phrase} (ending {format_date(first.day)}), {second.phrase} governs."
        )
        return second
    if how == "later":
        win, lose = (first, second) if first.day >= second.day else (second, first)
    else:
        win, lose = (first, second) if first.day <= second.day else (second, first)
    notes.append(
        f"The {how} of {first.phrase} and {second.phrase} governs; "
        f"the other would end {format_date(lose.day)}."
    )
    return win


class _Computation:
    def __init__(
        self, jurisdiction: Jurisdiction, facts: Facts, current: Jurisdiction
    ) -> None:
        self.j = jurisdiction
        self.f = facts
        self.noun = _INCIDENT_NOUNS.get(facts.case_type, "the incident")
        self.review: list[str] = []
        self.caveats: list[str] = [ATTORNEY_CAVEAT]
        self.notes: list[str] = []
        if jurisdiction is not current:
            self.notes.extend(
                v.note
                for v in current.earlier_versions
                if facts.act_day < date.fromisoformat(v.incidents_before)
            )
        self.citations: list[str] = [jurisdiction.citation]
        self.repose_day: date | None = (
            None  # the repose that applies to these facts, if any
        )
        self.case_rule_applied: CaseRule | None = None
        # a state or local government defendant: the notice of claim and the suit deadline
        self.notice: Candidate | None = None
        self.notice_citation = ""
        self.suit: Candidate | None = None
        self.suit_citation = ""

    # -- helpers
    def _from_act(self) -> str:
        return f"{self.noun} ({format_date(self.f.act_day)})"

    def _from_discovery(self) -> str:
        if self.f.discovery is None:
            return f"discovery (no date given, so {self.noun}, {format_date(self.f.act_day)})"
        return f"discovery ({format_date(self.f.discovery_day)})"

    def _discovered_late(self) -> bool:
        return self.f.discovery is not None and self.f.discovery_day > self.f.act_day

    def _date_of_birth(self) -> date | None:
        return self.f.birth_day

    def _birthday(self, dob: date, age: int, m: MinorsRule) -> Candidate:
        """The `age` birthday as a deadline: the day itself, or the day before it for a rule
        that says "before the Nth birthday"."""
        day = birthday(dob, age)
        if m.birthdays == "before":
            last = day - timedelta(days=1)
            return Candidate(
                last,
                f"before the {_ordinal(age)} birthday (last day {format_date(last)})",
            )
        return Candidate(
            day, f"until the {_ordinal(age)} birthday ({format_date(day)})"
        )

    # -- steps
    def ordinary(self) -> tuple[Candidate, bool]:
        """The ordinary deadline before any repose; and whether the foreign-object rule applied."""
        lim, f = self.j.limitation, self.f
        comparisons = len(self.notes)
        if lim.runs_from == "act":
            best = Candidate(
                lim.period.after(f.act_day),
                f"{lim.period.describe()} from {self._from_act()}",
            )
        else:
            best = Candidate(
                lim.period.after(f.discovery_day),
                f"{lim.period.describe()} from {self._from_discovery()}",
            )
        if lim.ends_day_before:
            best = _day_before(best)
        if lim.unsettled:
            self.review.append(
                f"{self.j.name}'s ordinary period is marked unsettled in the table"
            )
        rule = self.j.discovery
        if rule is not None and (
            rule.only_if_discovered_after is None
            or f.discovery_day > rule.only_if_discovered_after.after(f.act_day)
        ):
            alternative = self._discovery_candidate(
                rule.period, rule.cap_from_act, rule.only_if_discovered_after
            )
            before = best
            best = _combine(best, alternative, rule.combine, self.notes)
            if rule.unsettled and self._discovered_late() and best.day != before.day:
                self.review.append(
                    f"{self.j.name}'s discovery rule is marked unsettled in the table"
                )
        best = self.case_rules(best)
        fo_applied = False
        if f.foreign_object:
            fo = self.j.foreign_object
            if fo is None:
                self.caveats.append(
                    f"{self.j.name} has no separate foreign-object rule in the table; "
                    "the ordinary rules were applied."
                )
            elif (
                fo.only_if_discovered_after is None
                or f.discovery_day > fo.only_if_discovered_after.after(f.act_day)
            ):
                fo_applied = True
                if fo.combine == "replace":  # the earlier comparison no longer matters
                    del self.notes[comparisons:]
                found = self._discovery_candidate(
                    fo.period, fo.cap_from_act, None, "of the foreign object"
                )
                if (
                    fo.minimum_from_act is not None
                    and fo.minimum_from_act.after(f.act_day) > found.day
                ):
                    found = Candidate(
                        fo.minimum_from_act.after(f.act_day),
                        f"{fo.minimum_from_act.describe()} from {self._from_act()} (the foreign-object minimum)",
                    )
                best = _combine(best, found, fo.combine, self.notes)
                if fo.unsettled:
                    self.review.append(
                        f"{self.j.name}'s foreign-object rule is marked unsettled"
                    )
        return best, fo_applied

    def case_rules(self, best: Candidate) -> Candidate:
        """Rules for a kind of case, e.g. a missed cancer (New York's Lavern's Law)."""
        f = self.f
        for rule in self.j.case_rules:
            if f.case_type not in rule.case_types:
                continue
            if rule.cancer and not f.cancer:
                self.caveats.append(
                    f"{self.j.name}: if the missed condition was a cancer or malignant tumor, "
                    f"{rule.text}"
                )
                continue
            if rule.incidents_from and f.act_day < date.fromisoformat(
                rule.incidents_from
            ):
                self.caveats.append(
                    f"{self.j.name}: {rule.name} applies only to acts from "
                    f"{format_date(date.fromisoformat(rule.incidents_from))}; not applied."
                )
                continue
            found = self._discovery_candidate(rule.period, rule.cap_from_act, None)
            found = Candidate(found.day, f"{found.phrase} ({rule.name})")
            before = best
            best = _combine(best, found, rule.combine, self.notes)
            if best is found:
                self.case_rule_applied = rule
            if rule.citation not in self.citations:
                self.citations.append(rule.citation)
            if rule.unsettled and best.day != before.day:
                self.review.append(f"{self.j.name}'s {rule.name} is marked unsettled")
        if (
            f.cancer
            and f.case_type != "misdiagnosis"
            and not any(
                r.cancer and f.case_type in r.case_types for r in self.j.case_rules
            )
        ):
            self.caveats.append(
                "A missed cancer is a misdiagnosis case: the case type was not "
                "misdiagnosis, so no cancer rule was considered."
            )
        return best

    def _discovery_candidate(
        self,
        period: Period | None,
        cap: Period | None,
        condition: Period | None,
        what: str = "",
    ) -> Candidate:
        f = self.f
        if (
            period is None
        ):  # e.g. Delaware: a fixed longer period from the act for late discovery
            assert cap is not None
            hidden = (
                f" (not discoverable within {condition.describe()})"
                if condition
                else ""
            )
            return Candidate(
                cap.after(f.act_day),
                f"{cap.describe()} from {self._from_act()}{hidden}",
            )
        subject = f"discovery {what} ".strip() if what else "discovery"
        start = self._from_discovery().replace("discovery", subject, 1)
        candidate = Candidate(
            period.after(f.discovery_day), f"{period.describe()} from {start}"
        )
        if cap is not None and cap.after(f.act_day) < candidate.day:
            candidate = Candidate(
                cap.after(f.act_day),
                f"{candidate.phrase}, but no later than {cap.describe()} from {self.noun}",
            )
        return candidate

    def minors(self, ordinary: Candidate) -> tuple[Candidate, int | None]:
        """The minors' deadline (or `ordinary` unchanged) and the patient's age at the act."""
        dob = self._date_of_birth()
        if dob is None:
            self.caveats.append(
                "No date of birth given: if the patient was a minor at the time, different "
                "(usually longer, sometimes shorter) rules apply."
            )
            return ordinary, None
        m, f = self.j.minors, self.f
        age = age_on(dob, f.act_day)
        if age >= m.minor_if_under:
            return ordinary, age
        if m.ends_at_death and f.death_day is not None:
            self.notes.append(
                f"The patient was {age} at the time, but {self.j.name}'s minority rules do "
                "not extend a claim brought for a child who has died."
            )
            return ordinary, age
        if m.unsettled:
            self.review.append(
                f"{self.j.name}'s rule for minors is marked unsettled in the table"
            )
        choices = [] if m.replaces_ordinary else [ordinary]
        if m.period_from_act is not None:
            choices.append(
                Candidate(
                    m.period_from_act.after(f.act_day),
                    f"{m.period_from_act.describe()} from {self._from_act()} for a minor",
                )
            )
        extensions: list[Candidate] = []
        if m.tolled_until_age is not None and age < m.tolled_until_age:
            if (
                f.case_type == "birth_injury"
                and m.birth_injury_deadline_birthday is not None
            ):
                b = self._birthday(dob, m.birth_injury_deadline_birthday, m)
                extensions.append(Candidate(b.day, f"{b.phrase} for a birth injury"))
            else:
                run = m.period_after_tolling or self.j.limitation.period
                start = birthday(dob, m.tolled_until_age)
                tolled = Candidate(
                    run.after(start),
                    f"{run.describe()} after the {_ordinal(m.tolled_until_age)} birthday ({format_date(start)}), "
                    "the period being tolled during minority",
                )
                if (
                    m.max_tolling is not None
                    and m.max_tolling.after(ordinary.day) < tolled.day
                ):
                    tolled = Candidate(
                        m.max_tolling.after(ordinary.day),
                        f"{ordinary.phrase}, extended for minority by the maximum of {m.max_tolling.describe()}",
                    )
                extensions.append(tolled)
        if m.deadline_birthday is not None and age < (
            m.deadline_birthday_if_under or m.minor_if_under
        ):
            extensions.append(self._birthday(dob, m.deadline_birthday, m))
        candidates = choices + extensions
        if not candidates:
            return ordinary, age
        best = candidates[0]
        for c in candidates[1:]:
            if c.day > best.day:
                best = c
        if (
            m.outer_limit_from_act is not None
            and m.outer_limit_from_act.after(f.act_day) < best.day
        ):
            best = Candidate(
                m.outer_limit_from_act.after(f.act_day),
                f"{best.phrase}, but for a minor no later than {m.outer_limit_from_act.describe()} from {self.noun}",
            )
        if m.latest_birthday is not None:
            last = self._birthday(dob, m.latest_birthday, m)
            if last.day < best.day:
                best = Candidate(last.day, f"{best.phrase}, but {last.phrase}")
        if best is ordinary:
            self.notes.append(
                f"The patient was {age} at the time; "
                + (
                    f"{self.j.name} does not toll the period during minority for medical "
                    "claims, and its exceptions give no later date."
                    if m.tolling_removed
                    else "the minors' rules give no later date."
                )
            )
            return ordinary, age
        return (
            Candidate(best.day, f"{best.phrase} (the patient was {age} at the time)"),
            age,
        )

    def repose(
        self, current: Candidate, fo_applied: bool, age: int | None
    ) -> Candidate:
        r, m = self.j.repose, self.j.minors
        if r.period is None:
            return current
        if (
            fo_applied
            and self.j.foreign_object is not None
            and self.j.foreign_object.exempt_from_repose
        ):
            self.notes.append(
                f"The {r.period.adjective()} statute of repose does not apply to a foreign object."
            )
            return current
        if (
            self.case_rule_applied is not None
            and self.case_rule_applied.exempt_from_repose
        ):
            self.notes.append(
                f"The {r.period.adjective()} statute of repose gives way to "
                f"{self.case_rule_applied.name}."
            )
            return current
        if r.not_if_discovered_after is not None and self.f.discovery_day > (
            r.not_if_discovered_after.after(self.f.act_day)
        ):
            self.notes.append(
                f"The {r.period.adjective()} statute of repose does not apply: the injury "
                f"was discovered only after {r.not_if_discovered_after.describe()}; an "
                "attorney must confirm it could not have been known sooner."
            )
            return current
        is_minor = age is not None and age < m.minor_if_under
        if is_minor and not r.applies_to_minors:
            self.notes.append(
                f"The {r.period.adjective()} statute of repose does not apply to minors."
            )
            return current
        day = r.period.after(self.f.act_day)
        phrase = f"the {r.period.adjective()} statute of repose from {self._from_act()}"
        dob = self._date_of_birth()
        if (
            is_minor
            and dob is not None
            and age is not None
            and m.repose_extended_to_age is not None
            and age
            < (
                m.repose_extended_if_under
                or m.deadline_birthday_if_under
                or m.minor_if_under
            )
        ):
            extended = self._birthday(dob, m.repose_extended_to_age, m)
            if extended.day > day:
                day = extended.day
                phrase = f"the statute of repose, extended for a young child {extended.phrase}"
        self.repose_day = day
        if r.exceptions:
            self.caveats.append(
                "The statute of repose has exceptions this estimate does not assume: "
                + "; ".join(r.exceptions)
                + "."
            )
        if day < current.day:
            if r.unsettled:
                self.review.append(
                    f"{self.j.name}'s statute of repose is marked unsettled in the table"
                )
            if is_minor and r.minors_unsettled:
                self.review.append(
                    f"whether {self.j.name}'s statute of repose binds a minor is unsettled"
                )
            return Candidate(day, f"{current.phrase}, capped by {phrase}")
        return current

    def wrongful_death(self, current: Candidate) -> Candidate:
        w, f = self.j.wrongful_death, self.f
        death = f.death_day
        if death is None:
            if f.case_type == "wrongful_death":
                self.review.append(
                    "a wrongful-death case needs the date of death to compute its deadline"
                )
            return current
        if w.citation and w.citation not in self.citations:
            self.citations.append(w.citation)
        unsettled = (
            f"{self.j.name}'s wrongful-death rule is marked unsettled in the table"
        )
        if w.unsettled and w.runs_from == "malpractice":
            self.review.append(unsettled)
        if w.runs_from == "malpractice":
            self.notes.append(
                f"In {self.j.name} the malpractice statute itself governs the claim for the death."
            )
            if w.period is not None and w.period.after(death) < current.day:
                # e.g. Indiana (Ellenwine): a child's extension ends 2 years after the death.
                return Candidate(
                    w.period.after(death),
                    f"{current.phrase}, but no later than {w.period.describe()} from the "
                    f"death ({format_date(death)})",
                )
            return current
        assert w.period is not None
        if w.runs_from == "death":
            claim = Candidate(
                w.period.after(death),
                f"{w.period.describe()} from the death ({format_date(death)})",
            )
        elif w.runs_from == "discovery":
            start = max(death, f.discovery_day)
            claim = Candidate(
                w.period.after(start),
                f"{w.period.describe()} from the death or the later discovery of its "
                f"negligent cause ({format_date(start)})",
            )
        else:
            claim = Candidate(
                w.period.after(f.act_day),
                f"{w.period.describe()} from {self._from_act()}",
            )
        if w.ends_day_before:
            claim = _day_before(claim)
        if w.cap_from_act is not None and w.cap_from_act.after(f.act_day) < claim.day:
            claim = Candidate(
                w.cap_from_act.after(f.act_day),
                f"{claim.phrase}, but no later than {w.cap_from_act.describe()} from {self.noun}",
            )
        if (
            w.subject_to_repose
            and self.repose_day is not None
            and self.repose_day < claim.day
        ):
            claim = Candidate(
                self.repose_day, f"{claim.phrase}, capped by the statute of repose"
            )
        if w.unsettled and (claim.day <= current.day or current.day < f.as_of):
            # it decides the deadline, or it is what keeps the claims open
            self.review.append(unsettled)
        if w.survival_runs_from_death:
            return Candidate(
                claim.day,
                f"{claim.phrase} for both the wrongful-death and the survival claims",
            )
        earlier, later = (
            (claim, current) if claim.day < current.day else (current, claim)
        )
        if earlier.day < f.as_of <= later.day:
            self.review.append(
                f"one claim's deadline ({format_date(earlier.day)}) has passed but the other's "
                f"({format_date(later.day)}) has not"
            )
        if claim.day < current.day:
            self.notes.append(
                f"The malpractice (survival) claim runs {current.phrase}, to {format_date(current.day)}."
            )
            return Candidate(
                claim.day,
                f"wrongful-death claim: {claim.phrase}, earlier than the malpractice (survival) "
                f"deadline of {format_date(current.day)}",
            )
        self.notes.append(
            f"The wrongful-death claim ({claim.phrase}) ends {format_date(claim.day)}, "
            "no earlier than the malpractice deadline."
        )
        return current

    def federal(self, state: Candidate) -> Candidate:
        """A federal facility: the FTCA's 2-year administrative claim from discovery (28 U.S.C.
        § 2401(b); accrual when the patient knew of the injury and its cause, Kubrick), in
        place of the state's limitation period, the wrongful-death one included (the earlier
        accrual, of the injury, governs both claims); capped by the state's statute of repose
        when that comes first, since the circuits disagree whether it binds (Bennett, Augutis;
        contra Kennedy)."""
        f = self.f
        self.notes = [
            f"The state's own limitation period ({state.phrase}, ending "
            f"{format_date(state.day)}) does not govern a claim against the United States."
        ]
        self.citations = [FTCA_CITATION, KUBRICK_CITATION]
        self.caveats.append(FEDERAL_CAVEAT)
        self.review.append(
            "the care was at a federal facility: a Federal Tort Claims Act claim "
            "(the agency and its claim form to be confirmed)"
        )
        claim = Candidate(
            FTCA_CLAIM_PERIOD.after(f.discovery_day),
            "the 2-year Federal Tort Claims Act administrative claim from "
            + self._from_discovery(),
        )
        if self.repose_day is not None and self.repose_day < claim.day:
            self.citations += [self.j.citation, REPOSE_UNDER_FTCA_CITATION]
            self.review.append(
                f"whether {self.j.name}'s statute of repose binds a Federal Tort Claims Act "
                "claim is unsettled between the circuits"
            )
            return Candidate(
                self.repose_day,
                f"{claim.phrase}, capped by {self.j.name}'s statute of repose "
                f"from {self._from_act()}",
            )
        return claim

    def _government_start(self, runs_from: str) -> tuple[date, str]:
        """The day a government rule's period runs from, and its words."""
        f = self.f
        if runs_from == "discovery":
            return f.discovery_day, self._from_discovery()
        if runs_from == "accrual" and self.j.limitation.runs_from == "discovery":
            return f.discovery_day, "the claim's accrual on " + self._from_discovery()
        if runs_from == "accrual":
            return f.act_day, "the claim's accrual at " + self._from_act()
        return f.act_day, self._from_act()

    def state_government(self, current: Candidate) -> Candidate:
        """The state's own rules for a state or local government defendant
        (`government_rules`): the suit period, when earlier than the state's deadline,
        replaces it; a notice of claim is a deadline of its own (`self.notice`). Where the
        person's words name who runs the facility (`government_entity`: "the county
        hospital") and the table has a rule for it, that rule alone; otherwise the earliest
        of every rule is used: nothing tells whether the State, a county or a city runs it."""
        act = self.f.act_day
        rules = [
            rule
            for rule in self.j.government_rules
            if not (
                rule.incidents_from and act < date.fromisoformat(rule.incidents_from)
            )
            and not (
                rule.incidents_before
                and act >= date.fromisoformat(rule.incidents_before)
            )
        ]
        if not rules:
            return current
        entity = self.f.government_entity
        named = [rule for rule in rules if entity and entity in rule.applies_to]
        if named:
            rules = named
            self.notes.append(
                f"The facility was described as run by {named[0].who}: "
                f"{self.j.name}'s rule for it is used"
                + (
                    f" ({named[0].notice_citation or named[0].suit_citation})"
                    if named[0].notice_citation or named[0].suit_citation
                    else ""
                )
                + "; an attorney confirms who runs it."
            )
        state = current
        for rule in rules:
            if rule.unsettled:
                self.review.append(
                    f"{self.j.name}'s government rule for {rule.who} is marked unsettled "
                    "in the table"
                )
            if rule.suit_period is not None:
                start, words = self._government_start(rule.suit_runs_from)
                suit = Candidate(
                    rule.suit_period.after(start),
                    f"suit against {rule.who} within {rule.suit_period.describe()} from "
                    f"{words} ({rule.suit_citation})",
                )
                if suit.day < current.day:
                    current = suit
                    self.suit_citation = rule.suit_citation
            if rule.notice_period is not None:
                start, words = self._government_start(rule.notice_runs_from)
                notice = Candidate(
                    rule.notice_period.after(start),
                    f"a notice of claim to {rule.who} within "
                    f"{rule.notice_period.describe()} from {words} ({rule.notice_citation})",
                )
                if self.notice is None or notice.day < self.notice.day:
                    self.notice = notice
                    self.notice_citation = rule.notice_citation
        for citation in (self.suit_citation, self.notice_citation):
            if citation and citation not in self.citations:
                self.citations.append(citation)
        if current is not state:
            self.notes.append(
                f"The state's own deadline ({state.phrase}, ending "
                f"{format_date(state.day)}) is later than the suit period for a government "
                "defendant."
            )
        if self.notice is not None and self.notice.day > current.day:
            # a notice after the last day to sue preserves nothing: it is due by then
            self.notice = Candidate(
                current.day,
                f"{self.notice.phrase}, and no later than the suit deadline",
            )
        self.suit = current
        if len(rules) > 1:
            self.notes.append(
                f"{self.j.name}'s government rules differ by defendant ("
                + "; ".join(
                    f"{rule.who}: {rule.notice_citation or rule.suit_citation}"
                    for rule in rules
                )
                + "): the earliest is used until an attorney confirms which government "
                "runs the facility."
            )
        self.caveats.append(GOVERNMENT_RULES_CAVEAT)
        if self.notice is None:
            return current
        if self.notice.day < self.f.as_of <= current.day:
            self.review.append(
                f"the notice-of-claim deadline ({format_date(self.notice.day)}) has passed "
                f"but the suit deadline ({format_date(current.day)}) has not: whether a "
                "late notice is allowed is for an attorney"
            )
        if self.notice.day < current.day:
            self.notes.append(
                f"The last day to sue is {format_date(current.day)} ({current.phrase}); "
                "the notice of claim comes first."
            )
            return self.notice
        self.notes.append(
            f"The notice of claim is due by the same day: {self.notice.phrase}."
        )
        return current

    def government(self, current: Candidate) -> Candidate:
        if not self.f.government_facility:
            return current
        self.review.append(
            "the defendant is a government facility (notice-of-claim rules)"
        )
        if self.f.state_or_local_facility:
            # a county, city or state hospital is no federal agency (28 U.S.C. § 2671): the
            # state's own rules and its notice of claim
            self.caveats.append(STATE_OR_LOCAL_CAVEAT)
            if self.j.government:
                self.caveats.append(
                    f"{self.j.name} government defendants: {self.j.government}"
                )
            return self.state_government(current)
        self.caveats.append(FTCA_CAVEAT)
        if self.j.government:
            self.caveats.append(
                f"{self.j.name} government defendants: {self.j.government}"
            )
        state = current
        current = self.state_government(current)
        self.citations.append(FTCA_CITATION)
        ftca = Candidate(
            FTCA_CLAIM_PERIOD.after(self.f.discovery_day),
            f"the 2-year federal (FTCA) administrative claim from {self._from_discovery()}",
        )
        if ftca.day < current.day:
            which = "state" if current is state else "state or local government"
            return Candidate(
                ftca.day,
                f"{ftca.phrase}, earlier than the {which} deadline of "
                f"{format_date(current.day)} ({current.phrase})",
            )
        return current

    def open_findings(self, age: int | None) -> None:
        """A reported error that may make the table's date later than the law, not yet resolved,
        sends every result that depends on that rule to review."""
        f, m = self.f, self.j.minors
        relevant = {
            "minors": age is not None and age < m.minor_if_under,
            "wrongful_death": f.death is not None,
            "survival": f.death is not None,
            "foreign_object": f.foreign_object,
            "government": f.government_facility,
            "fraud_concealment": False,
        }
        for finding in self.j.open_findings:
            if finding.severity != "later_than_law":
                continue
            if relevant.get(finding.rule, finding.rule in _DEADLINE_RULES):
                self.review.append(
                    f"a reported error in the table's {finding.rule.replace('_', '-')} "
                    f"rule is not yet resolved: {finding.text}"
                )

    def evaluate(self) -> Scenario:
        """The deadline for one reading of the dates, with its reasons."""
        j, f = self.j, self.f
        if j.unsettled:
            self.review.append(f"the table marks {j.name}'s rules as unsettled")
        current, fo_applied = self.ordinary()
        current, age = self.minors(current)
        current = self.repose(current, fo_applied, age)
        if f.federal_facility:
            current = self.federal(current)
        else:
            current = self.wrongful_death(current)
            current = self.government(current)
        self.open_findings(age)
        if f.discovery is None and (
            j.discovery is not None or j.limitation.runs_from == "discovery"
        ):
            self.caveats.append(
                "No discovery date given: the incident date was used. A later discovery may extend "
                f"the deadline in {j.name}."
            )
        self.caveats.extend(
            f"Pre-suit requirement ({p.citation}): {p.text}" for p in j.pre_suit
        )
        self.caveats.extend(j.caveats)
        self.caveats.append(TOLLING_CAVEAT)
        return Scenario(
            jurisdiction=j,
            deadline=current,
            notes=tuple(self.notes),
            review=tuple(self.review),
            caveats=tuple(self.caveats),
            citations=tuple(self.citations),
            notice=self.notice,
            notice_citation=self.notice_citation,
            suit=self.suit,
        )


@dataclass(frozen=True)
class Scenario:
    """The outcome of one computation (one reading of any partial dates)."""

    jurisdiction: Jurisdiction
    deadline: Candidate
    notes: tuple[str, ...]
    review: tuple[str, ...]
    caveats: tuple[str, ...]
    citations: tuple[str, ...]
    notice: Candidate | None = None
    notice_citation: str = ""
    suit: Candidate | None = None


def _status(earliest: date, latest: date, as_of: date, review: bool) -> str:
    if review:
        return "needs_review"
    if latest < as_of:
        return "expired"
    if (earliest - as_of).days <= URGENT_DAYS:
        return "urgent"  # includes an earliest deadline already passed
    return "open"


def _summarise(f: Facts, scenarios: list[Scenario]) -> LimitationResult:
    """One result from the scenarios: the earliest deadline explains, the latest bounds it."""
    first = min(scenarios, key=lambda s: s.deadline.day)
    last = max(scenarios, key=lambda s: s.deadline.day)
    j = first.jurisdiction
    deadline, latest = first.deadline.day, last.deadline.day
    review = _unique([reason for s in scenarios for reason in s.review])
    status = _status(deadline, latest, f.as_of, bool(review))
    caveats = [c for s in (first, last) for c in s.caveats]
    sentences = [f"{j.name}: {first.deadline.phrase}: {format_date(deadline)}."]
    partial = [
        (name, value)
        for name, value in (
            ("incident date", f.act),
            ("discovery date", f.discovery),
            ("date of birth", f.date_of_birth),
            ("death date", f.death),
        )
        if value is not None and value.is_partial
    ]
    if partial:
        which = ", ".join(f"the {name} ({value.describe()})" for name, value in partial)
        verb = "is" if len(partial) == 1 else "are"
        if latest == deadline:
            sentences.append(
                f"Approximate: {which} {verb} not known to the day; every possible day "
                "gives the same deadline."
            )
        else:
            sentences.append(
                f"Approximate: {which} {verb} not known to the day, so the deadline is "
                f"between {format_date(deadline)} and {format_date(latest)} "
                f"(latest: {last.deadline.phrase})."
            )
        caveats.append(
            "The deadline is approximate because a date was not known to the day."
        )
        if deadline < f.as_of <= latest or (
            _status(deadline, deadline, f.as_of, False)
            != _status(latest, latest, f.as_of, False)
        ):
            caveats.append(
                "The exact day decides whether the claim is still open or urgent: ask "
                "the client for it."
            )
    sentences.extend(first.notes)
    if status == "needs_review":
        sentences.append("Needs attorney review: " + "; ".join(review) + ".")
    citations = _unique([c for s in (first, last) for c in s.citations])
    notices = sorted(
        (s.notice.day, s.notice_citation) for s in scenarios if s.notice is not None
    )
    suits = sorted(s.suit.day for s in scenarios if s.suit is not None)
    if notices:
        (notice, notice_citation), notice_latest = notices[0], notices[-1][0]
        between = (
            f" (as late as {format_date(notice_latest)}: a date is approximate)"
            if notice_latest != notice
            else ""
        )
        caveats.append(
            f"{NOTICE_CAVEAT_PREFIX}{format_date(notice)}{between} ({notice_citation}); "
            f"suit by {format_date(suits[0])}."
        )
    return LimitationResult(
        state=j.code,
        deadline=deadline,
        days_left=(deadline - f.as_of).days,
        status=status,
        explanation=" ".join(sentences),
        citation="; ".join(citations),
        caveats=_unique([ATTORNEY_CAVEAT, *caveats]),
        deadline_latest=latest,
        notice_deadline=notices[0][0] if notices else None,
        notice_citation=notices[0][1] if notices else "",
        suit_deadline=suits[0] if suits else None,
    )


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
