"""Officers share cases with partners under agreements; partners read them, redacted."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Conflict, Invalid, NotFound, UnitOfWork
from pydantic import Field
from sqlalchemy import select

from ..agreements.models import Agreement
from ..agreements.rules import Terms, covers_case, in_force, uk_today
from ..agreements.usecases import terms
from ..audit.log import record
from ..credentials.usecases import PartnerCaller
from ..partners.models import Partner
from ..schemas import Strict, Text, actor_name
from ..webhooks.outgoing import announce
from ..webhooks.rules import EventType
from .models import CaseProjection, CaseShare
from .redaction import CaseFacts, Complainant, Redacted, redact


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


async def announce_to_sharers(uow: UnitOfWork, case: CaseProjection, event_type: EventType) -> None:
    """Tell every partner the case is shared with (under an agreement in force) by webhook,
    each with the case as its own agreement lets it see it."""
    today = uk_today(uow.now())
    rows = (
        await uow.session.execute(
            select(CaseShare, Agreement)
            .join(Agreement, Agreement.id == CaseShare.agreement_id)
            .where(CaseShare.case_id == case.case_id, CaseShare.stopped_at.is_(None))
        )
    ).all()
    facts = facts_of(case)
    for share, agreement in rows:
        found = terms(agreement)
        if not in_force(found, today):
            continue
        shown = redact(facts, found)
        if shown is not None:
            await announce(
                uow,
                organisation_id=case.organisation_id,
                partner_id=share.partner_id,
                event_type=event_type,
                data=shown.data,
            )


# --- officers ---------------------------------------------------------------------------------


class ShareCase(Strict):
    partner_id: uuid.UUID
    agreement_id: uuid.UUID
    reason: Text = Field(description="why the partner needs it, for the record")


class StopSharing(Strict):
    reason: Text


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


async def share_case(uow: UnitOfWork, case_id: uuid.UUID, command: ShareCase) -> CaseShare:
    case = await _case(uow, case_id)
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


async def stop_sharing(uow: UnitOfWork, share_id: uuid.UUID, command: StopSharing) -> CaseShare:
    share = await uow.session.scalar(
        select(CaseShare)
        .where(CaseShare.id == share_id, CaseShare.organisation_id == _organisation(uow))
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
class SharedWith:
    """A case as one partner may see it, and the agreement it sees it under."""

    case: CaseProjection
    share: CaseShare
    terms: Terms
    redacted: Redacted


async def shared_case(uow: UnitOfWork, caller: PartnerCaller, case_id: uuid.UUID) -> SharedWith:
    """The case, if it is shared with the caller under an agreement in force that covers it.

    Otherwise NotFound: a partner is not told whether a case it may not see exists."""
    rows = (
        await uow.session.execute(
            select(CaseShare, CaseProjection, Agreement)
            .join(CaseProjection, CaseProjection.case_id == CaseShare.case_id)
            .join(Agreement, Agreement.id == CaseShare.agreement_id)
            .where(
                CaseShare.case_id == case_id,
                CaseShare.partner_id == caller.partner_id,
                CaseShare.organisation_id == caller.organisation_id,
                CaseProjection.organisation_id == caller.organisation_id,
                CaseShare.stopped_at.is_(None),
            )
        )
    ).all()
    for share, case, agreement in rows:
        found = terms(agreement)
        if not in_force(found, caller.today):
            continue
        shown = redact(facts_of(case), found)
        if shown is not None:
            return SharedWith(case, share, found, shown)
    raise NotFound("No case shared with you has this id.")


async def read_shared_case(uow: UnitOfWork, caller: PartnerCaller, case_id: uuid.UUID) -> Redacted:
    """A partner reads one shared case: what its agreement allows, audited with the fields."""
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
    uow: UnitOfWork, caller: PartnerCaller, limit: int, after: uuid.UUID | None
) -> tuple[list[Redacted], uuid.UUID | None]:
    """The cases shared with the caller, newest share first, each redacted and audited."""
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
