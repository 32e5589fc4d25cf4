"""Use cases on referrals: received from a case, a partner or a PEO; accepted or declined.

An accepted referral makes a client, or joins the record of the client it is about (the one the
PEO names, or the one already linked to the same case), so a person is one client however many
times they are referred.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.contracts.engagement import EngagementReferralDecided
from asb_shared.db import uuid7
from asb_shared.usecase import Conflict, Forbidden, Invalid, NotFound, UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from ..clients.cases import link_case
from ..clients.engagement import Status
from ..clients.models import Client, ClientCase
from ..clients.names import normalise_name
from ..clients.records import client_for_change, log_read
from ..clients.usecases import next_reference
from ..common import actor_id, actor_name
from ..confidentiality.policy import View, view_for
from ..policy.store import policy_of
from .criteria import (
    AWAITING_DECISION,
    Criterion,
    Decision,
    Source,
    decision_due,
    eligible,
    parse_criteria,
    within_standard,
)
from .models import Referral
from .schemas import DecisionIn, ReferralIn, ReferralView


@dataclass
class ReceiveReferral:
    """A referral arriving from anywhere; ``referral_id`` makes a repeated delivery harmless."""

    referral_id: uuid.UUID
    organisation_id: uuid.UUID
    source: Source
    person_name: str
    reason: str
    requested_by: str
    criteria: list[str]
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    partner_id: uuid.UUID | None = None
    partner_name: str | None = None
    contact_notes: str | None = None


def _fit(value: str | None, size: int) -> str | None:
    """Another service's text, kept to our column's size and free of NUL characters."""
    return None if value is None else value.replace("\x00", "")[:size]


async def receive_referral(uow: UnitOfWork, command: ReceiveReferral) -> uuid.UUID:
    """Record a referral awaiting decision, with its decision due within the landlord's
    working days (its policy's ``engagement.decision_working_days``, on its calendar)."""
    known, unknown = parse_criteria(command.criteria)

    received = uow.now()
    policy = await policy_of(uow.session, command.organisation_id)
    await uow.session.execute(
        insert(Referral)
        .values(
            id=command.referral_id,
            organisation_id=command.organisation_id,
            source=command.source.value,
            case_id=command.case_id,
            case_reference=_fit(command.case_reference, 32),
            partner_id=command.partner_id,
            partner_name=_fit(command.partner_name, 200),
            subject_name=_fit(command.person_name, 200),
            reason=_fit(command.reason, 20_000),
            criteria=[c.value for c in known],
            unrecognised_criteria=[_fit(u, 100) for u in unknown[:20]],
            contact_notes=_fit(command.contact_notes, 20_000),
            requested_by=_fit(command.requested_by, 200),
            status=AWAITING_DECISION,
            received_at=received,
            decision_due_at=decision_due(
                received, policy.engagement.decision_working_days, policy.calendar
            ),
        )
        .on_conflict_do_nothing(index_elements=[Referral.id])
    )
    return command.referral_id


async def key_referral(uow: UnitOfWork, body: ReferralIn) -> Referral:
    """A referral a PEO keys in (a phone call, a multi-agency meeting)."""
    if uow.actor is None:
        raise Forbidden("A keyed referral needs a member of staff.")
    referral_id = uuid7()
    await receive_referral(
        uow,
        ReceiveReferral(
            referral_id=referral_id,
            organisation_id=uow.actor.organisation_id,
            source=Source.KEYED,
            person_name=body.person_name,
            reason=body.reason,
            requested_by=body.referred_by,
            criteria=[c.value for c in body.criteria],
            case_id=body.case_id,
            case_reference=body.case_reference,
            contact_notes=body.contact_notes,
        ),
    )
    return await _referral(uow, referral_id, for_update=False)


async def _referral(uow: UnitOfWork, referral_id: uuid.UUID, *, for_update: bool) -> Referral:
    if uow.actor is None or view_for(uow.actor.roles) is not View.FULL:
        raise Forbidden("Referrals are confidential to the Positive Engagement Service.")
    query = select(Referral).where(
        Referral.id == referral_id, Referral.organisation_id == uow.actor.organisation_id
    )
    found = await uow.session.scalar(query.with_for_update() if for_update else query)
    if found is None:
        raise NotFound("No such referral.")
    return found


async def _client_for(
    uow: UnitOfWork, referral: Referral, named: uuid.UUID | None
) -> Client | None:
    """The existing client the referral is about: the one named, or the one linked to its case."""
    if named is not None:
        try:
            return await client_for_change(uow, named)
        except NotFound as exc:
            raise Invalid.at("client_id", "no such client") from exc
    if referral.case_id is None:
        return None
    return await uow.session.scalar(
        select(Client)
        .join(ClientCase, ClientCase.client_id == Client.id)
        .where(
            ClientCase.case_id == referral.case_id,
            Client.organisation_id == referral.organisation_id,
        )
        .with_for_update(of=Client)
        .limit(1)
    )


@dataclass
class DecideReferral:
    referral_id: uuid.UUID
    body: DecisionIn


async def decide_referral(uow: UnitOfWork, command: DecideReferral) -> Referral:
    """Accept (a client is made or joined) or decline (with a reason) a referral."""
    referral = await _referral(uow, command.referral_id, for_update=True)
    if referral.status != AWAITING_DECISION:
        raise Conflict(f"The referral was already {referral.status}.")
    body = command.body
    now = uow.now()
    client: Client | None = None
    if body.decision is Decision.ACCEPTED:
        criteria = (
            body.criteria
            if body.criteria is not None
            else [Criterion(c) for c in referral.criteria]
        )
        if not eligible(criteria):
            raise Invalid.at(
                "criteria", "a referral is accepted only when one of the service's criteria is met"
            )
        referral.criteria = [c.value for c in criteria]
        client = await _client_for(uow, referral, body.client_id)
        if client is None:
            client = Client(
                organisation_id=referral.organisation_id,
                reference=await next_reference(uow, referral.organisation_id),
                name=referral.subject_name,
                normalised_name=normalise_name(referral.subject_name),
                peo_id=actor_id(uow),
                peo_name=actor_name(uow),
                status=Status.AWAITING_CONSENT.value,
            )
            uow.session.add(client)
            await uow.session.flush()
        elif client.status == Status.CLOSED.value:
            # Referred again after their support ended: their record opens again.
            client.status = Status.AWAITING_CONSENT.value
            client.outcome = None
            client.closed_on = None
            client.version += 1
        await link_case(uow, client, referral.case_id, referral.case_reference)
        referral.client_id = client.id
    else:
        referral.decline_reason = body.decline_reason.value if body.decline_reason else None
    referral.status = body.decision.value
    referral.decided_at = now
    referral.decided_by = actor_name(uow)
    referral.decision_note = body.note
    referral.within_standard = (
        within_standard(now, referral.decision_due_at) if referral.decision_due_at else True
    )
    await uow.emit(
        EngagementReferralDecided(
            referral_id=referral.id,
            case_id=referral.case_id,
            case_reference=referral.case_reference,
            decision=body.decision.value,
            decline_reason=referral.decline_reason,
            decided_at=now,
            within_standard=referral.within_standard,
            client_reference=client.reference if client else None,
        ),
        organisation_id=referral.organisation_id,
    )
    return referral


async def referral_view(uow: UnitOfWork, referral_id: uuid.UUID) -> ReferralView:
    """A referral, with the clients of the same name it might be about (the read is logged)."""
    referral = await _referral(uow, referral_id, for_update=False)
    possible = await uow.session.scalars(
        select(Client.id).where(
            Client.organisation_id == referral.organisation_id,
            Client.normalised_name == normalise_name(referral.subject_name),
        )
    )
    await log_read(uow, None, f"referral:{referral.id}", View.FULL)
    view = ReferralView.model_validate(referral)
    view.possible_clients = list(possible)
    return view


@dataclass
class ListReferrals:
    status: str | None
    overdue: bool
    limit: int
    cursor: uuid.UUID | None


async def list_referrals(uow: UnitOfWork, command: ListReferrals) -> list[Referral]:
    """The organisation's referrals, newest first; ``overdue``: undecided past the standard."""
    if uow.actor is None or view_for(uow.actor.roles) is not View.FULL:
        raise Forbidden("Referrals are confidential to the Positive Engagement Service.")
    query = select(Referral).where(Referral.organisation_id == uow.actor.organisation_id)
    if command.status:
        query = query.where(Referral.status == command.status)
    if command.overdue:
        query = query.where(
            Referral.status == AWAITING_DECISION, Referral.decision_due_at < uow.now()
        )
    if command.cursor:
        query = query.where(Referral.id < command.cursor)
    rows = await uow.session.scalars(query.order_by(Referral.id.desc()).limit(command.limit))
    await log_read(uow, None, "referral_list", View.FULL)
    return list(rows)
