"""A safeguarding referral as the partner it went to sees it."""

from __future__ import annotations

from ..agreements.rules import CaseField
from .models import SafeguardingReferral


def view(referral: SafeguardingReferral, fields: frozenset[str]) -> dict[str, object]:
    """The referral as the partner sees it; the free-text details only under an agreement that
    lists the ``safeguarding`` field."""
    data: dict[str, object] = {
        "id": str(referral.id),
        "kind": referral.kind,
        "case_id": str(referral.case_id),
        "case_reference": referral.case_reference,
        "person_name": referral.person_name,
        "reason": referral.reason,
        "referred_by": referral.referred_by,
        "referred_at": referral.referred_at.isoformat(),
        "status": referral.status,
        "outcome": referral.outcome,
    }
    if CaseField.SAFEGUARDING.value in fields:
        data["details"] = referral.details
    return data
