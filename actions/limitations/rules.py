"""The per-jurisdiction rule table: typed records and the loader for `jurisdictions/<CODE>.yaml`.

One file per jurisdiction, so a state's rules can be checked against its statute in one screen.
The files are read once, on first use (`load_jurisdictions()` is cached), never at import. The
loader is strict: an unknown key, a missing required key or a malformed period is an error, so a
typo in the table fails the test suite instead of silently dropping a rule.

How the fields are used is documented next to each record below and, for reviewers of the data,
in `jurisdictions/README.md`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from actions.limitations.dates import Period

DATA_DIR = Path(__file__).with_name("jurisdictions")

Combine = Literal["later", "earlier"]
FoCombine = Literal["later", "earlier", "replace"]
Birthdays = Literal["on", "before"]

# The rule kinds a `verified` record can be about (the keys of `Jurisdiction.verified`).
RULE_KINDS: tuple[str, ...] = (
    "limitation",
    "discovery",
    "repose",
    "minors",
    "wrongful_death",
    "survival",
    "foreign_object",
    "fraud_concealment",
    "government",
    "case_rules",
)
QUOTE_LIMIT = 300


class RuleTableError(ValueError):
    """The data file does not match the schema."""


@dataclass(frozen=True)
class Verification:
    """What a rule was checked against: a source, a short verbatim quote and the date.

    `holds` is what the check found about the table's rule before it was corrected (`true`,
    `false` or `unclear`); `finding` says what the source says, in the checker's words.
    """

    cite: str
    url: str
    quote: str
    date: str
    holds: str = ""
    finding: str = ""


@dataclass(frozen=True)
class Finding:
    """A reported error in the table not yet resolved in its rules. `severity`
    `later_than_law` makes every result that depends on `rule` need review."""

    rule: str
    severity: str
    text: str
    cite: str = ""


@dataclass(frozen=True)
class Provision:
    """A pre-suit requirement, a damages cap or a special program, with its source."""

    text: str
    citation: str
    kind: str = ""
    url: str = ""
    quote: str = ""
    verified: str = ""  # the date it was checked against `url`


@dataclass(frozen=True)
class LimitationRule:
    """The ordinary period. `runs_from: discovery` means the claim accrues on discovery."""

    period: Period
    runs_from: Literal["act", "discovery"]
    text: str
    ends_day_before: bool = False  # the period ends the day before the anniversary
    unsettled: bool = False


@dataclass(frozen=True)
class DiscoveryRule:
    """A second, discovery-based deadline compared with the ordinary one.

    deadline = discovery + `period` (or, with no period, act + `cap_from_act`), capped at act +
    `cap_from_act`; it only exists when discovery came after act + `only_if_discovered_after`.
    `combine` says whether the later or the earlier of it and the ordinary deadline governs.
    """

    combine: Combine
    text: str
    period: Period | None = None
    only_if_discovered_after: Period | None = None
    cap_from_act: Period | None = None
    unsettled: bool = False


@dataclass(frozen=True)
class ForeignObjectRule:
    """The rule for an object left in the body (applies only with the foreign-object flag)."""

    period: Period  # from discovery of the object
    combine: (
        FoCombine  # against the ordinary deadline; `replace`: this rule alone governs
    )
    exempt_from_repose: bool
    text: str
    only_if_discovered_after: Period | None = None
    cap_from_act: Period | None = None
    minimum_from_act: Period | None = None  # never less than this from the act
    unsettled: bool = False


@dataclass(frozen=True)
class ReposeRule:
    """An outer limit from the act that discovery does not extend. `period` None: none in force."""

    status: str
    text: str
    period: Period | None = None
    applies_to_minors: bool = True
    exceptions: tuple[str, ...] = ()
    not_if_discovered_after: Period | None = (
        None  # Colorado: an injury not knowable in time
    )
    minors_unsettled: bool = (
        False  # whether it binds minors is open: review when it decides
    )
    unsettled: bool = False


@dataclass(frozen=True)
class MinorsRule:
    """Rules for a patient who was a minor at the time of the act.

    A minor's deadline is the latest of: the ordinary deadline; act + `period_from_act`; the
    tolled deadline (the `tolled_until_age` birthday + `period_after_tolling`, or the ordinary
    period, but no more than `max_tolling` past the ordinary deadline); the `deadline_birthday`
    (for a patient under `deadline_birthday_if_under`). Each extension is capped at act +
    `outer_limit_from_act` and at the `latest_birthday`; with `replaces_ordinary`, the ordinary
    deadline is not a candidate (the minors' rule is the only rule). For a birth injury, `birth_injury_deadline_birthday` replaces the
    tolled deadline. The repose (if it applies to minors) is extended to the
    `repose_extended_to_age` birthday for a patient who qualifies for the deadline birthday.
    """

    text: str
    minor_if_under: int = 18
    tolled_until_age: int | None = None
    period_after_tolling: Period | None = None
    max_tolling: Period | None = None
    deadline_birthday: int | None = None
    deadline_birthday_if_under: int | None = None
    period_from_act: Period | None = None
    outer_limit_from_act: Period | None = None
    latest_birthday: int | None = None
    replaces_ordinary: bool = False
    repose_extended_to_age: int | None = None
    birth_injury_deadline_birthday: int | None = None
    repose_extended_if_under: int | None = None
    tolling_removed: bool = False
    ends_at_death: bool = False
    birthdays: Birthdays = "on"
    unsettled: bool = False


@dataclass(frozen=True)
class CaseRule:
    """A rule for one kind of case (e.g. New York's Lavern's Law for a missed cancer).

    Applies when the case type is in `case_types` and, with `cancer`, only when the missed
    condition was a cancer or malignant tumor; only for acts on or after `incidents_from`.
    deadline = `period` from discovery, capped at act + `cap_from_act`; `combine` with the
    ordinary deadline.
    """

    name: str
    case_types: tuple[str, ...]
    period: Period
    combine: Combine
    text: str
    citation: str
    cancer: bool = False
    incidents_from: str = ""
    cap_from_act: Period | None = None
    exempt_from_repose: bool = False
    unsettled: bool = False


@dataclass(frozen=True)
class WrongfulDeathRule:
    """The claim for a death. `runs_from`: `death` (period from the date of death), `act`
    (period from the act), `discovery` (period from the death or a later discovery of its
    negligent cause), or `malpractice` (the malpractice deadline itself governs).
    `survival_runs_from_death`: the survival claim runs the same period from the death.
    """

    runs_from: Literal["death", "act", "discovery", "malpractice"]
    citation: str
    text: str
    period: Period | None = None
    subject_to_repose: bool = True
    cap_from_act: Period | None = None
    ends_day_before: bool = False
    survival_runs_from_death: bool = False
    unsettled: bool = False


GovernmentFrom = Literal["act", "accrual", "discovery"]
# Who a government rule is for: the State (its agencies and hospitals), a county, a
# municipality (a city, town, village, district or public hospital corporation).
GOVERNMENT_ENTITIES: tuple[str, ...] = ("state", "county", "municipal")


@dataclass(frozen=True)
class GovernmentRule:
    """A state's own deadlines for a claim against a state or local government defendant.

    `notice_period`: a notice of claim (or claim) to the government within this period from
    `notice_runs_from`, a deadline of its own; `suit_period`: suit within this period from
    `suit_runs_from`. Either may be absent. `runs_from`: `act` (the incident), `discovery`
    (the discovery of the injury), or `accrual` (when the malpractice claim accrues in the
    table: discovery where the limitation runs from discovery, else the act). `applies_to`:
    `state`, `county`, `municipal`; `who` names them for staff. The engine applies the
    rule for the entity the person's words name (`government_entity`), else the earliest of
    every rule; `unsettled`
    (a source unclear) is shown for review like any rule. `incidents_from` /
    `incidents_before` limit a rule to acts on or after / before a day (an amendment).
    """

    applies_to: tuple[str, ...]
    who: str
    text: str
    notice_period: Period | None = None
    notice_runs_from: GovernmentFrom = "accrual"
    notice_citation: str = ""
    suit_period: Period | None = None
    suit_runs_from: GovernmentFrom = "accrual"
    suit_citation: str = ""
    incidents_from: str = ""  # only for acts on or after this day (an amendment)
    incidents_before: str = ""  # only for acts before this day
    unsettled: bool = False


@dataclass(frozen=True)
class EarlierVersion:
    """Rules that replace the current ones for acts before `incidents_before` (an amendment)."""

    incidents_before: str
    note: str
    limitation: LimitationRule | None = None
    discovery: DiscoveryRule | None = None
    repose: ReposeRule | None = None
    minors: MinorsRule | None = None
    wrongful_death: WrongfulDeathRule | None = None


VERSIONED = ("limitation", "discovery", "repose", "minors", "wrongful_death")
# Kept for callers of the earlier API: a pre-suit requirement is a `Provision`.
PreSuitRequirement = Provision


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    citation: str
    limitation: LimitationRule
    repose: ReposeRule
    minors: MinorsRule
    wrongful_death: WrongfulDeathRule
    confidence: str
    last_reviewed: str
    sources: tuple[str, ...]
    discovery: DiscoveryRule | None = None
    foreign_object: ForeignObjectRule | None = None
    case_rules: tuple[CaseRule, ...] = ()
    other_citations: tuple[str, ...] = ()
    pre_suit: tuple[Provision, ...] = ()
    damages_caps: tuple[Provision, ...] = ()
    special_programs: tuple[Provision, ...] = ()
    verified: Mapping[str, tuple[Verification, ...]] = field(default_factory=dict)
    open_findings: tuple[Finding, ...] = ()
    earlier_versions: tuple[EarlierVersion, ...] = ()
    government: str = ""
    government_rules: tuple[GovernmentRule, ...] = ()
    caveats: tuple[str, ...] = ()
    departures: tuple[str, ...] = ()
    unsettled: bool = False
    notes: str = ""


# --- loading ----------------------------------------------------------------------------------


def _build(cls: Any, raw: Any, where: str) -> Any:
    if not isinstance(raw, Mapping):
        raise RuleTableError(f"{where}: expected a mapping, got {type(raw).__name__}")
    fields = cls.__dataclass_fields__
    unknown = set(raw) - set(fields)
    if unknown:
        raise RuleTableError(f"{where}: unknown keys {sorted(unknown)}")
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if "Period" in str(fields[key].type) and value is not None:
            try:
                value = Period.parse(value)
            except ValueError as exc:
                raise RuleTableError(f"{where}.{key}: {exc}") from None
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[key] = value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise RuleTableError(f"{where}: {exc}") from None


_NESTED: Mapping[str, Any] = {
    "limitation": LimitationRule,
    "discovery": DiscoveryRule,
    "foreign_object": ForeignObjectRule,
    "repose": ReposeRule,
    "minors": MinorsRule,
    "wrongful_death": WrongfulDeathRule,
}


def _provisions(code: str, key: str, raw: Any) -> tuple[Provision, ...]:
    items = []
    for i, item in enumerate(raw or ()):
        where = f"{code}.{key}[{i}]"
        if isinstance(item, Mapping) and "verified" in item:
            item = {**item, "verified": str(item["verified"])}
        items.append(_build(Provision, item, where))
    return tuple(items)


def _verified(code: str, raw: Any) -> dict[str, tuple[Verification, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise RuleTableError(f"{code}.verified: expected a mapping of rule kinds")
    records: dict[str, tuple[Verification, ...]] = {}
    for kind, items in raw.items():
        if kind not in RULE_KINDS:
            raise RuleTableError(f"{code}.verified: unknown rule kind {kind!r}")
        if not isinstance(items, list):
            raise RuleTableError(f"{code}.verified.{kind}: expected a list")
        records[str(kind)] = tuple(
            _build(
                Verification,
                {**item, "date": str(item.get("date", ""))}
                if isinstance(item, Mapping)
                else item,
                f"{code}.verified.{kind}[{i}]",
            )
            for i, item in enumerate(items)
        )
    return records


def _jurisdiction(code: str, raw: Any) -> Jurisdiction:
    if not isinstance(raw, Mapping):
        raise RuleTableError(f"{code}: expected a mapping")
    data = dict(raw)
    for key, cls in _NESTED.items():
        if data.get(key) is not None:
            data[key] = _build(cls, data[key], f"{code}.{key}")
    data["case_rules"] = tuple(
        _build(CaseRule, item, f"{code}.case_rules[{i}]")
        for i, item in enumerate(data.get("case_rules") or ())
    )
    for key in ("pre_suit", "damages_caps", "special_programs"):
        data[key] = _provisions(code, key, data.get(key))
    data["government_rules"] = tuple(
        _build(
            GovernmentRule,
            {
                **item,
                **{
                    key: str(item[key])
                    for key in ("incidents_from", "incidents_before")
                    if key in item
                },
            }
            if isinstance(item, Mapping)
            else item,
            f"{code}.government_rules[{i}]",
        )
        for i, item in enumerate(data.get("government_rules") or ())
    )
    data["verified"] = _verified(code, data.get("verified"))
    data["open_findings"] = tuple(
        _build(Finding, item, f"{code}.open_findings[{i}]")
        for i, item in enumerate(data.get("open_findings") or ())
    )
    versions = []
    for i, item in enumerate(data.get("earlier_versions") or ()):
        where = f"{code}.earlier_versions[{i}]"
        if not isinstance(item, Mapping):
            raise RuleTableError(f"{where}: expected a mapping")
        version = dict(item)
        for key in VERSIONED:
            if version.get(key) is not None:
                version[key] = _build(_NESTED[key], version[key], f"{where}.{key}")
        version["incidents_before"] = str(version.get("incidents_before", ""))
        versions.append(_build(EarlierVersion, version, where))
    data["earlier_versions"] = tuple(versions)
    data["last_reviewed"] = str(data.get("last_reviewed", ""))
    jurisdiction = cast(
        Jurisdiction, _build(Jurisdiction, {"code": code, **data}, code)
    )
    _check(jurisdiction)
    return jurisdiction


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_minors(where: str, m: MinorsRule) -> None:
    if m.birthdays not in ("on", "before"):
        raise RuleTableError(f"{where}.minors.birthdays must be on or before")
    if m.tolling_removed and m.tolled_until_age is not None:
        raise RuleTableError(
            f"{where}.minors: tolling_removed contradicts tolled_until_age"
        )


def _check_government(j: Jurisdiction) -> None:
    for i, rule in enumerate(j.government_rules):
        where = f"{j.code}.government_rules[{i}]"
        if not rule.applies_to or set(rule.applies_to) - set(GOVERNMENT_ENTITIES):
            raise RuleTableError(
                f"{where}.applies_to must list {', '.join(GOVERNMENT_ENTITIES)}"
            )
        for day in (rule.incidents_from, rule.incidents_before):
            if day and not _is_date(day):
                raise RuleTableError(f"{where}: bad incidents date {day!r}")
        if rule.notice_period is None and rule.suit_period is None:
            raise RuleTableError(f"{where} needs a notice_period or a suit_period")
        for name in ("notice", "suit"):
            if getattr(rule, f"{name}_runs_from") not in (
                "act",
                "accrual",
                "discovery",
            ):
                raise RuleTableError(
                    f"{where}.{name}_runs_from must be act, accrual or discovery"
                )
            if getattr(rule, f"{name}_period") is not None and not getattr(
                rule, f"{name}_citation"
            ):
                raise RuleTableError(
                    f"{where}: a {name}_period needs its {name}_citation"
                )
    if j.government_rules and not j.verified.get("government"):
        raise RuleTableError(
            f"{j.code}.government_rules need a verified source (verified.government)"
        )


def _check(j: Jurisdiction) -> None:
    where = j.code
    if j.limitation.runs_from not in ("act", "discovery"):
        raise RuleTableError(f"{where}.limitation.runs_from must be act or discovery")
    if j.discovery is not None and j.discovery.combine not in ("later", "earlier"):
        raise RuleTableError(f"{where}.discovery.combine must be later or earlier")
    if j.foreign_object is not None and j.foreign_object.combine not in (
        "later",
        "earlier",
        "replace",
    ):
        raise RuleTableError(
            f"{where}.foreign_object.combine must be later, earlier or replace"
        )
    for version in j.earlier_versions:
        if not _is_date(version.incidents_before):
            raise RuleTableError(
                f"{where}: bad incidents_before {version.incidents_before!r}"
            )
        if version.minors is not None:
            _check_minors(where, version.minors)
    for rule in j.case_rules:
        if rule.combine not in ("later", "earlier"):
            raise RuleTableError(f"{where}.case_rules.{rule.name}: bad combine")
        if rule.incidents_from and not _is_date(rule.incidents_from):
            raise RuleTableError(f"{where}.case_rules.{rule.name}: bad incidents_from")
    if (
        j.discovery is not None
        and j.discovery.period is None
        and j.discovery.cap_from_act is None
    ):
        raise RuleTableError(f"{where}.discovery needs a period or a cap_from_act")
    _check_minors(where, j.minors)
    _check_government(j)
    if j.wrongful_death.runs_from not in ("death", "act", "discovery", "malpractice"):
        raise RuleTableError(f"{where}.wrongful_death.runs_from is invalid")
    if j.wrongful_death.runs_from != "malpractice" and j.wrongful_death.period is None:
        raise RuleTableError(f"{where}.wrongful_death needs a period")
    if not j.last_reviewed:
        raise RuleTableError(f"{where}.last_reviewed is required")
    if not _is_date(j.last_reviewed):
        raise RuleTableError(f"{where}.last_reviewed must be YYYY-MM-DD")
    for kind, records in j.verified.items():
        for record in records:
            if not _is_date(record.date):
                raise RuleTableError(
                    f"{where}.verified.{kind}: date must be YYYY-MM-DD"
                )
    if j.confidence not in ("high", "medium", "low"):
        raise RuleTableError(f"{where}.confidence must be high, medium or low")
    if not j.sources:
        raise RuleTableError(f"{where}: at least one source is required")


def _read(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def load_jurisdictions(path: Path | None = None) -> Mapping[str, Jurisdiction]:
    """Every jurisdiction in the table, by two-letter code. Read once, on first use.

    `path` is the folder of `<CODE>.yaml` files (default: `jurisdictions/` beside this module)
    or a single file with a top-level `jurisdictions` mapping.
    """
    source = path or DATA_DIR
    entries: dict[str, Any] = {}
    if source.is_dir():
        for file in sorted(source.glob("*.yaml")):
            entries[file.stem] = _read(file)
    else:
        raw = _read(source)
        if not isinstance(raw, Mapping) or not isinstance(
            raw.get("jurisdictions"), Mapping
        ):
            raise RuleTableError(
                f"{source}: expected a top-level 'jurisdictions' mapping"
            )
        entries = {str(code): entry for code, entry in raw["jurisdictions"].items()}
    if not entries:
        raise RuleTableError(f"{source}: no jurisdictions found")
    return {code: _jurisdiction(code, entry) for code, entry in entries.items()}


def as_of_incident(j: Jurisdiction, incident: date) -> Jurisdiction:
    """The rules in force for an act on `incident`: the current ones unless an amendment postdates it."""
    for version in sorted(j.earlier_versions, key=lambda v: v.incidents_before):
        if incident < date.fromisoformat(version.incidents_before):
            changes = {
                key: getattr(version, key)
                for key in VERSIONED
                if getattr(version, key) is not None
            }
            return replace(j, **changes)
    return j


# How each kind of provision is introduced on a lead (the pre-suit steps speak for themselves).
_LEAD_LABELS = {
    "pre_suit": "",
    "damages_caps": "Damages cap: ",
    "special_programs": "Special program: ",
}


def pre_suit_requirements(state: str) -> list[dict[str, str]]:
    """What an attorney must know before suing in `state`, for display on a lead: the pre-suit
    steps (notice, affidavit, panel), then the damages caps, then the special programs (a
    birth-injury fund), each with `citation` and `text` (and `kind`, `url` where known). A cap or
    program's text starts with what it is ("Damages cap: ..."). Unknown states give []."""
    j = load_jurisdictions().get(str(state).strip().upper())
    if j is None:
        return []
    kinds = {"damages_caps": "damages_cap", "special_programs": "special_program"}
    return [
        {
            "citation": p.citation,
            "text": label + p.text,
            **(
                {"kind": p.kind or kinds.get(key, "")} if p.kind or key in kinds else {}
            ),
            **({"url": p.url} if p.url else {}),
        }
        for key, label in _LEAD_LABELS.items()
        for p in getattr(j, key)
    ]
