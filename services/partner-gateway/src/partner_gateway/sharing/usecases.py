"""Officers share cases with partners under agreements; partners read them, redacted."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Conflict, Invalid, NotFound, UnitOfWork
from pydantic import Field
from sqlalchemy import select

from ..agreements.models import Agreement
from ..agreements.rules import covers_case, in_force, uk_today
from ..agreements.store import terms
from ..audit.log import record
from ..credentials.usecases import PartnerCaller
from ..partners.models import Partner
from ..schemas import Strict, Text, actor_name
from ..webhooks.outgoing import announce
from ..webhooks.rules import EventType
from .access import shared_case
from .facts import facts_of
from .models import CaseProjection, CaseShare
from .redaction import Redacted, redact

# --- officers ---------------------------------------------------------------------------------


class ShareCase(Strict):
    partner_id: uuid.UUID
    agreement_id: uuid.UUID
    reason: Text = Field(description="why the partner needs it, for the record")


class StopSharing(Strict):
    reason: Text


@dataclass(frozen=True)
class ShareCaseWith:
    """Share one case with a partner under an agreement, for a reason kept on the record."""

    case_id: uuid.UUID
    partner_id: uuid.UUID
    agreement_id: uuid.UUID
    reason: str


@dataclass(frozen=True)
class StopSharingCase:
    share_id: uuid.UUID
    reason: str


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    return uow.actor.organisation_id


async def _case(uow: UnitOfWork, case_id: uuid.UUID) -> CaseProjection:
    case = await uow.session.scalar(
        select(CaseProjection).where(
            CaseProjection.case_id == case_id,
            CaseProjection.organisation_id == _organisation(uow),
        )
    )
    if case is None:
        raise NotFound("No such case.")
    return case


async def share_case(uow: UnitOfWork, command: ShareCaseWith) -> CaseShare:
    case = await _case(uow, command.case_id)
    organisation = _organisation(uow)
    partner = await uow.session.scalar(
        select(Partner).where(
            Partner.id == command.partner_id, Partner.organisation_id == organisation
        )
    )
    if partner is None:
        raise Invalid.at("partner_id", "no such partner")
    agreement = await uow.session.scalar(
        select(Agreement).where(
            Agreement.id == command.agreement_id,
            Agreement.organisation_id == organisation,
            Agreement.partner_id == partner.id,
        )
    )
    if agreement is None:
        raise Invalid.at("agreement_id", "no agreement with this partner has this id")
    found = terms(agreement)
    if not in_force(found, uk_today(uow.now())):
        raise Conflict("The agreement is not in force.")
    if not covers_case(found, case.categories):
        raise Invalid.at(
            "agreement_id",
            "the agreement does not cover this case's categories "
            "(a domestic abuse case needs an agreement naming domestic abuse)",
        )
    existing = await uow.session.scalar(
        select(CaseShare).where(
            CaseShare.case_id == case.case_id,
            CaseShare.partner_id == partner.id,
            CaseShare.stopped_at.is_(None),
        )
    )
    if existing is not None:
        raise Conflict("The case is already shared with this partner.")
    share = CaseShare(
        organisation_id=organisation,
        case_id=case.case_id,
        partner_id=partner.id,
        agreement_id=agreement.id,
        reason=command.reason,
        shared_by=actor_name(uow.actor),
        shared_at=uow.now(),
    )
    uow.session.add(share)
    await uow.session.flush()
    shown = redact(facts_of(case), found)
    if shown is not None:
        await announce(
            uow,
            organisation_id=organisation,
            partner_id=partner.id,
            event_type=EventType.CASE_SHARED,
            data=shown.data,
        )
    return share


async def stop_sharing(uow: UnitOfWork, command: StopSharingCase) -> CaseShare:
    share = await uow.session.scalar(
        select(CaseShare)
        .where(CaseShare.id == command.share_id, CaseShare.organisation_id == _organisation(uow))
        .with_for_update()
    )
    if share is None:
        raise NotFound("No such share.")
    if share.stopped_at is None:
        share.stopped_at = uow.now()
        share.stopped_by = actor_name(uow.actor)
        share.stop_reason = command.reason
        await uow.session.flush()
        await announce(
            uow,
            organisation_id=share.organisation_id,
            partner_id=share.partner_id,
            event_type=EventType.CASE_UNSHARED,
            data={"case_id": str(share.case_id)},
        )
    return share


async def shares_of_case(uow: UnitOfWork, case_id: uuid.UUID) -> list[CaseShare]:
    case = await _case(uow, case_id)
    rows = await uow.session.scalars(
        select(CaseShare).where(CaseShare.case_id == case.case_id).order_by(CaseShare.id)
    )
    return list(rows.all())


# --- partners ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadSharedCase:
    caller: PartnerCaller
    case_id: uuid.UUID


@dataclass(frozen=True)
class ListSharedCases:
    caller: PartnerCaller
    limit: int
    after: uuid.UUID | None = None


async def read_shared_case(uow: UnitOfWork, command: ReadSharedCase) -> Redacted:
    """A partner reads one shared case: what its agreement allows, audited with the fields."""
    caller, case_id = command.caller, command.case_id
    found = await shared_case(uow, caller, case_id)
    await record(
        uow.session,
        caller.who,
        action="read",
        resource=caller.resource,
        outcome="allowed",
        status_code=200,
        case_id=case_id,
        agreement_id=found.share.agreement_id,
        fields=found.redacted.fields,
    )
    return found.redacted


async def list_shared_cases(
    uow: UnitOfWork, command: ListSharedCases
) -> tuple[list[Redacted], uuid.UUID | None]:
    """The cases shared with the caller, newest share first, each redacted and audited."""
    caller, limit, after = command.caller, command.limit, command.after
    query = (
        select(CaseShare, CaseProjection, Agreement)
        .join(CaseProjection, CaseProjection.case_id == CaseShare.case_id)
        .join(Agreement, Agreement.id == CaseShare.agreement_id)
        .where(
            CaseShare.partner_id == caller.partner_id,
            CaseShare.organisation_id == caller.organisation_id,
            CaseProjection.organisation_id == caller.organisation_id,
            CaseShare.stopped_at.is_(None),
        )
        .order_by(CaseShare.id.desc())
        .limit(limit)
    )
    if after is not None:
        query = query.where(CaseShare.id < after)
    rows = (await uow.session.execute(query)).all()
    served: list[Redacted] = []
    for _share, case, agreement in rows:
        found = terms(agreement)
        shown = redact(facts_of(case), found) if in_force(found, caller.today) else None
        if shown is None:
            continue
        served.append(shown)
        await record(
            uow.session,
            caller.who,
            action="read",
            resource=caller.resource,
            outcome="allowed",
            status_code=200,
            case_id=case.case_id,
            agreement_id=agreement.id,
            fields=shown.fields,
        )
    cursor = rows[-1][0].id if len(rows) == limit else None
    return served, cursor
