"""Command line: `python -m actions.limitations --state TX --incident-date 2025-03-15 [...] [--cancer]`.

Prints exactly one JSON object on stdout (with `deadline_latest`, the latest possible deadline
when a date is known only to the month or the year) and exits 0; on bad input prints one line on
stderr, nothing on stdout, and exits 2. `--cancer`: the misdiagnosis was of a cancer;
`--federal-facility`: the care was at a federal facility (a Federal Tort Claims Act claim);
`--state-or-local-facility`: a county, city or state hospital (the state's notice of claim and
suit period: `notice_deadline`, `notice_citation`, `suit_deadline`, also set for a government
facility of unknown kind); `--government-entity state|county|municipal`: who runs it (that
government's rule alone, where the table has one).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from actions.limitations.engine import CASE_TYPES, LimitationInputError, compute

EXIT_BAD_INPUT = 2


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (no usage block) and exit 2."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="python -m actions.limitations",
        description="Estimate a medical-malpractice filing deadline (screening only; an attorney must confirm).",
    )
    parser.add_argument("--state", required=True, help="two-letter code, e.g. TX or DC")
    parser.add_argument(
        "--incident-date", required=True, help="YYYY-MM-DD, YYYY-MM or YYYY"
    )
    parser.add_argument("--discovery-date", help="default: the incident date")
    parser.add_argument("--date-of-birth")
    parser.add_argument("--death-date")
    parser.add_argument("--case-type", help=", ".join(CASE_TYPES))
    parser.add_argument("--foreign-object", action="store_true")
    parser.add_argument("--government-facility", action="store_true")
    parser.add_argument(
        "--federal-facility",
        action="store_true",
        help="the VA, a military hospital, the Indian Health Service: an FTCA claim",
    )
    parser.add_argument(
        "--state-or-local-facility",
        action="store_true",
        help="a county, city or state hospital: the state's notice-of-claim and suit rules",
    )
    parser.add_argument(
        "--government-entity",
        choices=("state", "county", "municipal"),
        help="who runs the state or local facility: only the state's rule for it",
    )
    parser.add_argument(
        "--cancer",
        action="store_true",
        help="the misdiagnosis was of a cancer or malignant tumor",
    )
    parser.add_argument("--as-of", help="YYYY-MM-DD; default: today")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = compute(
            state=args.state,
            incident_date=args.incident_date,
            discovery_date=args.discovery_date,
            date_of_birth=args.date_of_birth,
            death_date=args.death_date,
            case_type=args.case_type,
            foreign_object=args.foreign_object,
            government_facility=args.government_facility,
            federal_facility=args.federal_facility,
            state_or_local_facility=args.state_or_local_facility,
            government_entity=args.government_entity,
            as_of=args.as_of,
            cancer=args.cancer,
        )
    except LimitationInputError as exc:
        _fail(" ".join(str(exc).split()))
    print(json.dumps(result.to_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
