"""Statute-of-limitations engine for medical-malpractice intake (50 states and DC).

    from actions.limitations import compute
    result = compute(state="TX", incident_date="2025-03-15")
    result.to_dict()  # {"state", "deadline", "days_left", "status", "explanation", "citation",
                    #  "caveats", "deadline_latest", "notice_deadline", "notice_citation",
                    #  "suit_deadline"}

A screening estimate for the firm's staff, never advice to the client: every result says an
attorney must confirm it. The rules live in `jurisdictions/<CODE>.yaml` (one file per jurisdiction,
with citation, sources verified per rule, review date and departures); read on first use.
Nothing here does I/O at import time.
"""

from actions.limitations.engine import (
    ATTORNEY_CAVEAT,
    CASE_TYPES,
    NOTICE_CAVEAT_PREFIX,
    STATUSES,
    LimitationInputError,
    LimitationResult,
    compute,
    get_jurisdiction,
    jurisdiction_codes,
)
from actions.limitations.rules import (
    Jurisdiction,
    load_jurisdictions,
    pre_suit_requirements,
)

__all__ = [
    "ATTORNEY_CAVEAT",
    "CASE_TYPES",
    "NOTICE_CAVEAT_PREFIX",
    "STATUSES",
    "Jurisdiction",
    "LimitationInputError",
    "LimitationResult",
    "compute",
    "get_jurisdiction",
    "jurisdiction_codes",
    "load_jurisdictions",
    "pre_suit_requirements",
]
