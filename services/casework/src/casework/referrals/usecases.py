"""Use cases of referrals: refer to Positive Engagement, MASH or MARAC; list them."""

from __future__ import annotations

import json

from asb_shared.auth.groups import MANAGERS
from asb_shared.contracts.casework import EngagementReferralRequested, SafeguardingReferralMade
from asb_shared.usecase import Conflict, Forbidden, Invalid, UnitOfWork

from ..cases.store import OnCase, case_for_update, staff
from ..standards import timers
from ..timeline.recording import acting, record
from .models import Referral
from .rules import (
    LABELS,
    ReferralKind,
    announced,
    delivered_through_partners,
    marac_refusal,
    refusal,
)
from .schemas import ReferralIn


async def refer(uow: UnitOfWork, command: OnCase[ReferralIn]) -> Referral:
    """Refer to Positive Engagement (announced), MASH (safeguarding) or MARAC (domestic abuse)."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    refused = refusal(body.kind, case.categories or [])
    if refused is not None:
        raise Invalid.at("kind", refused)
    details = dict(body.details)
    if body.kind == ReferralKind.MARAC:
        principal = staff(uow)
        by_leader = principal.has_any(MANAGERS)
        refused = marac_refusal(case.risk_level, body.override_reason, by_leader)
        if refused is not None:
            if body.override_reason is not None and not by_leader:
                raise Forbidden(refused)
            raise Conflict(refused, code="marac_needs_high_risk")
        if case.risk_level != "high":
            details["override_reason"] = body.override_reason
            details["overridden_by"] = actor
    row = Referral(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=body.kind.value,
        person_name=body.person_name,
        reason=body.reason,
        details=details,
        referred_by=actor,
        referred_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="referral",
        summary=(
            f"{LABELS[body.kind]} referral for {body.person_name}: {body.reason}"
            + (
                f" (team leader's override of the high-risk rule: {details['override_reason']})"
                if "override_reason" in details
                else ""
            )
        )[:2000],
        data={"referral_id": str(row.id), "kind": row.kind, "person_name": row.person_name},
    )
    await timers.on_case_updated(uow.session, case, uow.now())
    if announced(body.kind):
        await uow.emit(
            EngagementReferralRequested(
                referral_id=row.id,
                case_id=case.id,
                case_reference=case.reference,
                subject_name=row.person_name,
                reason=row.reason,
                requested_by=actor,
            ),
            organisation_id=case.organisation_id,
        )
    elif delivered_through_partners(body.kind):
        await uow.emit(
            SafeguardingReferralMade(
                referral_id=row.id,
                case_id=case.id,
                case_reference=case.reference,
                kind=row.kind,
                person_name=row.person_name,
                reason=row.reason,
                details=json.dumps(row.details) if row.details else None,
                referred_by=actor,
                referred_at=row.referred_at,
            ),
            organisation_id=case.organisation_id,
        )
    return row
