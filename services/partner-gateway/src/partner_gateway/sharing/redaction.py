"""What a partner may read of a case under an agreement: a pure function of the two.

The rules (the policies' and the agreements'):
- nothing outside the agreement's field allow list; a case outside its categories is not served
  at all, and a domestic-abuse case only where the agreement names domestic abuse;
- safeguarding details (MASH/MARAC referrals, the safeguarding route) and Positive Engagement
  details only where the agreement lists those fields;
- complainant contact details only where listed, and never for a complainant to be reached only
  through their officer; an anonymous complainant has none to give;
- the free-text safe-contact note and the code word are not in the projection, so no agreement
  can reach them;
- warning markers (a label and a review date: their reasons never leave casework) only where the
  agreement lists them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asb_shared.anonymity import identified

from ..agreements.rules import CaseField, Terms, covers_case


@dataclass(frozen=True)
class Complainant:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    only_through_officer: bool = False


@dataclass(frozen=True)
class CaseFacts:
    """The gateway's projection of a case, as the rules need it."""

    case_id: uuid.UUID
    reference: str
    status: str
    categories: tuple[str, ...]
    opened_at: datetime | None = None
    officer_name: str | None = None
    report_references: tuple[str, ...] = ()
    outcome: str | None = None
    closure_reason: str | None = None
    closed_at: datetime | None = None
    route: str | None = None
    anonymous: bool = False
    complainants: tuple[Complainant, ...] = ()
    safeguarding_referrals: tuple[dict[str, Any], ...] = ()
    engagement_referrals: tuple[dict[str, Any], ...] = ()
    warning_markers: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Redacted:
    """The case as served: ``data`` holds only what may be read; ``fields`` says which fields
    those are (for the audit log), ``withheld`` which the agreement does not give."""

    data: dict[str, Any]
    fields: tuple[str, ...]
    withheld: tuple[str, ...] = field(default=())


def redact(case: CaseFacts, terms: Terms) -> Redacted | None:
    """The case as a partner under ``terms`` may read it, or None if it is outside them."""
    if not covers_case(terms, case.categories):
        return None
    allowed = terms.fields
    data: dict[str, Any] = {"case_id": str(case.case_id)}
    shown: list[str] = []

    def give(name: CaseField, value: Any) -> None:
        if name.value in allowed:
            data[name.value] = value
            shown.append(name.value)

    give(CaseField.REFERENCE, case.reference)
    give(CaseField.STATUS, case.status)
    give(CaseField.CATEGORIES, sorted(set(case.categories) & terms.categories))
    give(CaseField.OPENED_AT, case.opened_at.isoformat() if case.opened_at else None)
    give(CaseField.OFFICER, case.officer_name)
    give(CaseField.REPORTS, list(case.report_references))
    give(
        CaseField.OUTCOME,
        {
            "outcome": case.outcome,
            "reason": case.closure_reason,
            "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        }
        if case.outcome
        else None,
    )
    route_needs = CaseField.SAFEGUARDING.value if case.route == "safeguarding" else None
    if route_needs is None or route_needs in allowed:
        give(CaseField.PRIORITY_ROUTE, case.route)
    elif CaseField.PRIORITY_ROUTE.value in allowed:
        # The route itself would tell of a safeguarding concern the agreement does not cover.
        data[CaseField.PRIORITY_ROUTE.value] = None
        shown.append(CaseField.PRIORITY_ROUTE.value)
    reachable = identified(case.anonymous, case.complainants) or ()
    give(CaseField.COMPLAINANT_NAME, [c.name for c in reachable if c.name])
    give(
        CaseField.COMPLAINANT_CONTACT,
        [
            {"email": c.email, "phone": c.phone, "address": c.address}
            for c in reachable
            if not c.only_through_officer
        ],
    )
    give(CaseField.SAFEGUARDING, [dict(r) for r in case.safeguarding_referrals])
    give(CaseField.ENGAGEMENT, [dict(r) for r in case.engagement_referrals])
    give(CaseField.WARNING_MARKERS, [dict(m) for m in case.warning_markers])
    withheld = tuple(sorted(f.value for f in CaseField if f.value not in allowed))
    return Redacted(data=data, fields=tuple(shown), withheld=withheld)
