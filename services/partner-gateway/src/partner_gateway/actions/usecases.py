"""Partners post updates and actions on shared cases, and refer people and problems."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from asb_shared.contracts.common import AsbCategory, Location, Person
from asb_shared.contracts.partner_gateway import (
    PartnerEngagementReferral,
    PartnerReferralReceived,
    PartnerUpdatePosted,
)
from asb_shared.db import uuid7
from asb_shared.usecase import Forbidden, Invalid, UnitOfWork
from pydantic import AwareDatetime, Field
from sqlalchemy import select

from ..agreements.models import Agreement
from ..agreements.rules import Scope, in_force
from ..agreements.store import terms
from ..audit.log import record
from ..credentials.usecases import PartnerCaller
from ..schemas import Name, Short, Strict, Text
from ..sharing.access import shared_case
from .models import PartnerUpdate


class UpdateKind(StrEnum):
    UPDATE = "update"
    ACTION = "action"


class ActionTaken(StrEnum):
    WARNING_ISSUED = "warning_issued"
    ARREST = "arrest"
    JOINT_VISIT_DONE = "joint_visit_done"
    COMMUNITY_PROTECTION_WARNING = "community_protection_warning"
    COMMUNITY_PROTECTION_NOTICE = "community_protection_notice"
    CLOSURE_ORDER_GRANTED = "closure_order_granted"
    INJUNCTION_GRANTED = "injunction_granted"
    NOISE_ABATEMENT_NOTICE = "noise_abatement_notice"
    SUPPORT_OFFERED = "support_offered"
    OTHER = "other"


class PostUpdate(Strict):
    kind: UpdateKind
    action: ActionTaken | None = Field(default=None, description="required when kind is action")
    text: Text
    occurred_at: AwareDatetime
    posted_by: Name = Field(description="the partner's officer, as the partner names them")


class ReferTo(StrEnum):
    LANDLORD = "landlord"
    """Becomes a report to the landlord (intake)."""
    ENGAGEMENT = "engagement"
    """Becomes a referral to the Positive Engagement Service."""


class Refer(Strict):
    to: ReferTo
    person_name: Name | None = Field(default=None, description="needed for Positive Engagement")
    categories: list[AsbCategory] = Field(default_factory=list, max_length=10)
    description: Text
    location: Location = Location()
    occurred_at: AwareDatetime | None = None
    criteria: list[Short] = Field(default_factory=list, max_length=10)
    case_id: uuid.UUID | None = None
    referred_by: Name


@dataclass(frozen=True)
class PostCaseUpdate:
    """A partner's update or action on a case shared with it."""

    caller: PartnerCaller
    case_id: uuid.UUID
    update: PostUpdate


@dataclass(frozen=True)
class PartnerRefers:
    """A partner's referral, to the landlord or to Positive Engagement."""

    caller: PartnerCaller
    referral: Refer


async def post_update(uow: UnitOfWork, posted: PostCaseUpdate) -> PartnerUpdate:
    caller, case_id, command = posted.caller, posted.case_id, posted.update
    if command.kind == UpdateKind.ACTION and command.action is None:
        raise Invalid.at("action", "say which action was taken")
    if command.occurred_at > uow.now():
        raise Invalid.at("occurred_at", "cannot be in the future")
    found = await shared_case(uow, caller, case_id)
    row = PartnerUpdate(
        id=uuid7(),
        organisation_id=caller.organisation_id,
        partner_id=caller.partner_id,
        agreement_id=found.share.agreement_id,
        case_id=case_id,
        kind=command.kind.value,
        action=command.action.value if command.action else None,
        text=command.text,
        # A partner's member of staff is named as they signed in, whatever the body says.
        posted_by=caller.user_name or command.posted_by,
        posted_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await uow.emit(
        PartnerUpdatePosted(
            update_id=row.id,
            case_id=case_id,
            case_reference=found.case.case_reference,
            partner_id=caller.partner_id,
            partner_name=caller.partner_name,
            agreement_id=found.share.agreement_id,
            kind=row.kind,
            action=row.action,
            text=row.text,
            occurred_at=command.occurred_at,
            posted_at=row.posted_at,
        ),
        organisation_id=caller.organisation_id,
    )
    return row


@dataclass(frozen=True)
class UpdatesOnCase:
    caller: PartnerCaller
    case_id: uuid.UUID


async def updates_on_case(uow: UnitOfWork, command: UpdatesOnCase) -> list[PartnerUpdate]:
    """What the caller's partner posted on a case still shared with it, oldest first (audited
    as a read of the case)."""
    caller = command.caller
    found = await shared_case(uow, caller, command.case_id)
    rows = await uow.session.scalars(
        select(PartnerUpdate)
        .where(
            PartnerUpdate.case_id == command.case_id,
            PartnerUpdate.partner_id == caller.partner_id,
            PartnerUpdate.organisation_id == caller.organisation_id,
            PartnerUpdate.kind.in_([k.value for k in UpdateKind]),
        )
        .order_by(PartnerUpdate.id)
    )
    await record(
        uow.session,
        caller.who,
        action="read",
        resource=caller.resource,
        outcome="allowed",
        status_code=200,
        case_id=command.case_id,
        agreement_id=found.share.agreement_id,
        fields=("updates",),
    )
    return list(rows.all())


async def _referral_agreement(uow: UnitOfWork, caller: PartnerCaller) -> Agreement:
    agreements = (
        await uow.session.scalars(
            select(Agreement)
            .where(
                Agreement.partner_id == caller.partner_id,
                Agreement.organisation_id == caller.organisation_id,
            )
            .order_by(Agreement.id.desc())
        )
    ).all()
    for agreement in agreements:
        found = terms(agreement)
        if in_force(found, caller.today) and Scope.REFERRALS_WRITE.value in found.scopes:
            return agreement
    raise Forbidden("No agreement in force lets you refer.")


async def refer(uow: UnitOfWork, refers: PartnerRefers) -> PartnerUpdate:
    """Refer a person or a problem: to the landlord (a report) or to Positive Engagement."""
    caller, command = refers.caller, refers.referral
    agreement = await _referral_agreement(uow, caller)
    case_reference = None
    if command.case_id is not None:
        case_reference = (await shared_case(uow, caller, command.case_id)).case.case_reference
    if command.to == ReferTo.ENGAGEMENT and not command.person_name:
        raise Invalid.at("person_name", "Positive Engagement supports a named person")
    if command.to == ReferTo.LANDLORD and not command.categories:
        raise Invalid.at("categories", "say what kind of behaviour it is")
    row = PartnerUpdate(
        id=uuid7(),
        organisation_id=caller.organisation_id,
        partner_id=caller.partner_id,
        agreement_id=agreement.id,
        case_id=command.case_id,
        kind=f"referral_to_{command.to.value}",
        text=command.description,
        posted_by=command.referred_by,
        posted_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    if command.to == ReferTo.ENGAGEMENT:
        await uow.emit(
            PartnerEngagementReferral(
                referral_id=row.id,
                partner_id=caller.partner_id,
                partner_name=caller.partner_name,
                agreement_id=agreement.id,
                person_name=command.person_name or "",
                reason=command.description,
                criteria=command.criteria,
                case_id=command.case_id,
                case_reference=case_reference,
            ),
            organisation_id=caller.organisation_id,
        )
    else:
        await uow.emit(
            PartnerReferralReceived(
                referral_id=row.id,
                partner_id=caller.partner_id,
                partner_name=caller.partner_name,
                agreement_id=agreement.id,
                categories=command.categories,
                description=command.description,
                location=command.location,
                occurred_at=command.occurred_at,
                subjects=[Person(name=command.person_name)] if command.person_name else [],
                case_id=command.case_id,
                referred_by=command.referred_by,
                received_at=row.posted_at,
            ),
            organisation_id=caller.organisation_id,
        )
    return row


__all__ = ["datetime"]
