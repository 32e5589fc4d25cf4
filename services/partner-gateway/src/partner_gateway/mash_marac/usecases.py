"""Casework's MASH, MARAC and victim-service referrals, delivered to the landlord's partner of
that kind as its agreement allows; the partner's acknowledgement and outcome go back onto the
case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.contracts.casework import SafeguardingReferralMade
from asb_shared.contracts.partner_gateway import SafeguardingReferralProgressed
from asb_shared.usecase import Conflict, NotFound, UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from ..agreements.models import Agreement
from ..agreements.rules import Scope, in_force, uk_today
from ..agreements.store import terms
from ..credentials.usecases import PartnerCaller
from ..partners.models import Partner
from ..schemas import Name, Strict, Text
from ..webhooks.outgoing import announce
from ..webhooks.rules import EventType
from .models import SafeguardingReferral
from .partner_view import view

_LABELS = {"mash": "MASH", "marac": "MARAC", "victim_service": "victim service"}


async def deliver_referral(uow: UnitOfWork, event: SafeguardingReferralMade) -> None:
    """Find the organisation's MASH (or MARAC) partner with an agreement in force giving the
    ``safeguarding`` scope; hold the referral for it and tell it. With none, casework is told
    the referral could not be delivered, so the officer refers by another route."""
    organisation_id = uow.envelope.organisation_id
    claimed = await uow.session.execute(
        insert(SafeguardingReferral)
        .values(
            referral_id=event.referral_id,
            organisation_id=organisation_id,
            case_id=event.case_id,
            case_reference=event.case_reference,
            kind=event.kind,
            person_name=event.person_name,
            reason=event.reason,
            details=event.details,
            referred_by=event.referred_by,
            referred_at=event.referred_at,
            status="received",
        )
        .on_conflict_do_nothing()
        .returning(SafeguardingReferral.id)
    )
    if claimed.first() is None:
        return
    referral = await uow.session.scalar(
        select(SafeguardingReferral).where(SafeguardingReferral.referral_id == event.referral_id)
    )
    assert referral is not None
    today = uk_today(uow.now())
    candidates = (
        await uow.session.execute(
            select(Partner, Agreement)
            .join(Agreement, Agreement.partner_id == Partner.id)
            .where(
                Partner.organisation_id == organisation_id,
                Partner.kind == event.kind,
                Partner.deactivated_at.is_(None),
            )
            .order_by(Agreement.id.desc())
        )
    ).all()
    chosen = next(
        (
            (p, a)
            for p, a in candidates
            if in_force(terms(a), today) and Scope.SAFEGUARDING.value in a.scopes
        ),
        None,
    )
    if chosen is None:
        referral.status = "undeliverable"
        await _progress(
            uow,
            referral,
            None,
            note=f"No {_LABELS.get(event.kind, event.kind)} partner with an agreement in force",
        )
        return
    partner, agreement = chosen
    referral.status = "delivered"
    referral.partner_id, referral.agreement_id = partner.id, agreement.id
    await uow.session.flush()
    await announce(
        uow,
        organisation_id=organisation_id,
        partner_id=partner.id,
        event_type=EventType.SAFEGUARDING_REFERRAL_RECEIVED,
        data=view(referral, frozenset(agreement.fields)),
    )
    await _progress(uow, referral, partner)


async def _progress(
    uow: UnitOfWork,
    referral: SafeguardingReferral,
    partner: Partner | None,
    note: str | None = None,
) -> None:
    await uow.emit(
        SafeguardingReferralProgressed(
            referral_id=referral.referral_id,
            case_id=referral.case_id,
            case_reference=referral.case_reference,
            kind=referral.kind,
            stage=referral.status,
            partner_id=partner.id if partner else None,
            partner_name=partner.name if partner else None,
            outcome=referral.outcome,
            note=note,
            at=uow.now(),
        ),
        organisation_id=referral.organisation_id,
    )


async def _mine(
    uow: UnitOfWork, caller: PartnerCaller, referral_id: uuid.UUID
) -> tuple[SafeguardingReferral, Agreement]:
    row = (
        await uow.session.execute(
            select(SafeguardingReferral, Agreement)
            .join(Agreement, Agreement.id == SafeguardingReferral.agreement_id)
            .where(
                SafeguardingReferral.id == referral_id,
                SafeguardingReferral.partner_id == caller.partner_id,
                SafeguardingReferral.organisation_id == caller.organisation_id,
            )
            .with_for_update(of=SafeguardingReferral)
        )
    ).first()
    if row is None or not in_force(terms(row[1]), caller.today):
        raise NotFound("No referral to you has this id.")
    return row[0], row[1]


async def referrals_for(uow: UnitOfWork, caller: PartnerCaller) -> list[dict[str, object]]:
    rows = (
        await uow.session.execute(
            select(SafeguardingReferral, Agreement)
            .join(Agreement, Agreement.id == SafeguardingReferral.agreement_id)
            .where(
                SafeguardingReferral.partner_id == caller.partner_id,
                SafeguardingReferral.organisation_id == caller.organisation_id,
            )
            .order_by(SafeguardingReferral.id.desc())
            .limit(200)
        )
    ).all()
    return [view(r, frozenset(a.fields)) for r, a in rows if in_force(terms(a), caller.today)]


class Acknowledge(Strict):
    acknowledged_by: Name


class RecordOutcome(Strict):
    outcome: Text


@dataclass(frozen=True)
class AcknowledgeReferral:
    caller: PartnerCaller
    referral_id: uuid.UUID
    acknowledged_by: str


@dataclass(frozen=True)
class RecordReferralOutcome:
    caller: PartnerCaller
    referral_id: uuid.UUID
    outcome: str


async def acknowledge(uow: UnitOfWork, command: AcknowledgeReferral) -> dict[str, object]:
    caller = command.caller
    referral, agreement = await _mine(uow, caller, command.referral_id)
    if referral.status != "delivered":
        raise Conflict(f"The referral is already {referral.status.replace('_', ' ')}.")
    # A partner's member of staff is named as they signed in, whatever the body says.
    by = caller.user_name or command.acknowledged_by
    referral.status = "acknowledged"
    referral.acknowledged_at = uow.now()
    referral.acknowledged_by = by
    partner = await uow.session.get(Partner, caller.partner_id)
    await _progress(uow, referral, partner, note=f"Acknowledged by {by}")
    return view(referral, frozenset(agreement.fields))


async def record_outcome(uow: UnitOfWork, command: RecordReferralOutcome) -> dict[str, object]:
    caller = command.caller
    referral, agreement = await _mine(uow, caller, command.referral_id)
    if referral.status == "outcome_recorded":
        raise Conflict("The outcome is already recorded.")
    referral.status = "outcome_recorded"
    referral.outcome = command.outcome
    referral.outcome_at = uow.now()
    partner = await uow.session.get(Partner, caller.partner_id)
    await _progress(uow, referral, partner)
    return view(referral, frozenset(agreement.fields))
