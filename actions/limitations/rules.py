"""The per-jurisdiction rule table: typed records and the loader for `jurisdictions.yaml`.

The data file is read once, on first use (`load_jurisdictions()` is cached), never at import. The
loader is strict: an unknown key, a missing required key or a malformed period is an error, so a
typo in the table fails the test suite instead of silently dropping a rule.

How the fields are used is documented next to each record below and, for reviewers of the data,
at the top of `jurisdictions.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from actions.limitations.dates import Period

DATA_FILE = Path(__file__).with_name("jurisdictions.yaml")

Combine = Literal["later", "earlier"]
FoCombine = Literal["later", "earlier", "replace"]


class RuleTableError(ValueError):
    """The data file does not match the schema."""


@dataclass(frozen=True)
class LimitationRule:
    """The ordinary period. `runs_from: discovery` means the claim accrues on discovery."""

    period: Period
    runs_from: Literal["act", "discovery"]
    text: str
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
    unsettled: bool = False


@dataclass(frozen=True)
class WrongfulDeathRule:
    """The claim for a death. `runs_from`: `death` (period from the date of death), `act`
    (period from the act), or `malpractice` (the malpractice deadline itself governs).
    """

    runs_from: Literal["death", "act", "malpractice"]
    citation: str
    text: str
    period: Period | None = None
    subject_to_repose: bool = True
    cap_from_act: Period | None = None
    survival_runs_from_death: bool = False
    unsettled: bool = False


@dataclass(frozen=True)
class EarlierVersion:
    """Rules that replace the current ones for acts before `incidents_before` (an amendment)."""

    incidents_before: str
    note: str
    limitation: LimitationRule | None = None
    discovery: DiscoveryRule | None = None
    repose: ReposeRule | None = None


@dataclass(frozen=True)
class PreSuitRequirement:
    citation: str
    text: str


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
    other_citations: tuple[str, ...] = ()
    pre_suit: tuple[PreSuitRequirement, ...] = ()
    earlier_versions: tuple[EarlierVersion, ...] = ()
    government: str = ""
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


def _jurisdiction(code: str, raw: Any) -> Jurisdiction:
    if not isinstance(raw, Mapping):
        raise RuleTableError(f"{code}: expected a mapping")
    data = dict(raw)
    nested = {
        "limitation": LimitationRule,
        "discovery": DiscoveryRule,
        "foreign_object": ForeignObjectRule,
        "repose": ReposeRule,
        "minors": MinorsRule,
        "wrongful_death": WrongfulDeathRule,
    }
    for key, cls in nested.items():
        if data.get(key) is not None:
            data[key] = _build(cls, data[key], f"{code}.{key}")
    data["pre_suit"] = tuple(
        _build(PreSuitRequirement, item, f"{code}.pre_suit[{i}]")
        for i, item in enumerate(data.get("pre_suit") or ())
    )
    versions = []
    for i, item in enumerate(data.get("earlier_versions") or ()):
        where = f"{code}.earlier_versions[{i}]"
        if not isinstance(item, Mapping):
            raise RuleTableError(f"{where}: expected a mapping")
        version = dict(item)
        for key in ("limitation", "discovery", "repose"):
            if version.get(key) is not None:
                version[key] = _build(nested[key], version[key], f"{where}.{key}")
        version["incidents_before"] = str(version.get("incidents_before", ""))
        versions.append(_build(EarlierVersion, version, where))
    data["earlier_versions"] = tuple(versions)
    data["last_reviewed"] = str(data.get("last_reviewed", ""))
    jurisdiction = cast(
        Jurisdiction, _build(Jurisdiction, {"code": code, **data}, code)
    )
    _check(jurisdiction)
    return jurisdiction


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
        try:
            date.fromisoformat(version.incidents_before)
        except ValueError:
            raise RuleTableError(
                f"{where}: bad incidents_before {version.incidents_before!r}"
            ) from None
    if (
        j.discovery is not None
        and j.discovery.period is None
        and j.discovery.cap_from_act is None
    ):
        raise RuleTableError(f"{where}.discovery needs a period or a cap_from_act")
    if j.wrongful_death.runs_from not in ("death", "act", "malpractice"):
        raise RuleTableError(f"{where}.wrongful_death.runs_from is invalid")
    if j.wrongful_death.runs_from != "malpractice" and j.wrongful_death.period is None:
        raise RuleTableError(f"{where}.wrongful_death needs a period")
    if j.last_reviewed:
        try:
            date.fromisoformat(j.last_reviewed)
        except ValueError:
            raise RuleTableError(f"{where}.last_reviewed must be YYYY-MM-DD") from None
    else:
        raise RuleTableError(f"{where}.last_reviewed is required")
    if j.confidence not in ("high", "medium", "low"):
        raise RuleTableError(f"{where}.confidence must be high, medium or low")
    if not j.sources:
        raise RuleTableError(f"{where}: at least one source is required")


@cache
def load_jurisdictions(path: Path | None = None) -> Mapping[str, Jurisdiction]:
    """Every jurisdiction in the table, by two-letter code. Read once, on first use."""
    source = path or DATA_FILE
    with open(source, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, Mapping) or not isinstance(
        raw.get("jurisdictions"), Mapping
    ):
        raise RuleTableError(f"{source}: expected a top-level 'jurisdictions' mapping")
    table = {
        str(code): _jurisdiction(str(code), entry)
        for code, entry in raw["jurisdictions"].items()
    }
    return table


def as_of_incident(j: Jurisdiction, incident: date) -> Jurisdiction:
    """The rules in force for an act on `incident`: the current ones unless an amendment postdates it."""
    for version in sorted(j.earlier_versions, key=lambda v: v.incidents_before):
        if incident < date.fromisoformat(version.incidents_before):
            changes = {
                key: getattr(version, key)
                for key in ("limitation", "discovery", "repose")
                if getattr(version, key) is not None
            }
            return replace(j, **changes)
    return j
