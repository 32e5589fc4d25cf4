"""A case as the gateway projected it, as the facts redaction works on."""

from __future__ import annotations

from .models import CaseProjection
from .redaction import CaseFacts, Complainant


def facts_of(case: CaseProjection) -> CaseFacts:
    return CaseFacts(
        case_id=case.case_id,
        reference=case.case_reference,
        status=case.status,
        categories=tuple(case.categories),
        opened_at=case.opened_at,
        officer_name=case.officer_name,
        report_references=tuple(case.report_references),
        outcome=case.outcome,
        closure_reason=case.closure_reason,
        closed_at=case.closed_at,
        route=case.route,
        anonymous=case.anonymous,
        complainants=tuple(
            Complainant(
                name=c.get("name"),
                email=c.get("email"),
                phone=c.get("phone"),
                address=c.get("address"),
                only_through_officer=bool(c.get("only_through_officer")),
            )
            for c in case.complainants
        ),
        safeguarding_referrals=tuple(case.safeguarding_referrals),
        engagement_referrals=tuple(case.engagement_referrals),
        warning_markers=tuple(case.warning_markers or ()),
    )
