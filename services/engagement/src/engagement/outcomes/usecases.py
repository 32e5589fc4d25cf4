"""Use cases on outcomes: record a client's outcome (closing their record and telling the
case), keep the legal cost estimate, and compute the measures for a period."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from asb_shared.contracts.engagement import EngagementOutcomeRecorded
from asb_shared.usecase import Conflict, Forbidden, Invalid, UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from ..clients.engagement import Status
from ..clients.models import Client
from ..clients.records import client_for_change
from ..clients.usecases import case_ids
from ..common import actor_name
from .measures import Measures, Outcome, Recorded, Supported, avoids_legal_action, measures
from .models import LegalCostEstimate, OutcomeRecord
from .schemas import OutcomeIn


@dataclass
class RecordOutcome:
    client_id: uuid.UUID
    body: OutcomeIn


async def record_outcome(uow: UnitOfWork, command: RecordOutcome) -> OutcomeRecord:
    """The service's outcome for the client; their record closes and the case is told."""
    body = command.body
    if body.recorded_on > uow.now().date():
        raise Invalid.at("recorded_on", "must not be in the future")
    client = await client_for_change(uow, command.client_id)
    if client.status == Status.CLOSED.value:
        raise Conflict(f"The client's outcome was already recorded ({client.outcome}).")
    avoided = avoids_legal_action(body.outcome, body.legal_action_avoided)
    row = OutcomeRecord(
        organisation_id=client.organisation_id,
        client_id=client.id,
        outcome=body.outcome.value,
        recorded_on=body.recorded_on,
        legal_action_avoided=avoided,
        note=body.note,
        recorded_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    client.status = Status.CLOSED.value
    client.outcome = body.outcome.value
    client.closed_on = body.recorded_on
    client.version += 1
    await uow.session.flush()
    await uow.emit(
        EngagementOutcomeRecorded(
            client_id=client.id,
            client_reference=client.reference,
            case_ids=await case_ids(uow, client.id),
            outcome=body.outcome.value,
            recorded_on=body.recorded_on,
            legal_action_avoided=avoided,
            version=client.version,
        ),
        organisation_id=client.organisation_id,
    )
    return row


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    return uow.actor.organisation_id


async def set_estimate(uow: UnitOfWork, cost_per_action: Decimal) -> Decimal:
    await uow.session.execute(
        insert(LegalCostEstimate)
        .values(
            organisation_id=_organisation(uow),
            cost_per_action=cost_per_action,
            updated_by=actor_name(uow),
            updated_at=uow.now(),
        )
        .on_conflict_do_update(
            index_elements=[LegalCostEstimate.organisation_id],
            set_={
                "cost_per_action": cost_per_action,
                "updated_by": actor_name(uow),
                "updated_at": uow.now(),
            },
        )
    )
    return cost_per_action


@dataclass(frozen=True)
class CostEstimate:
    """The acting organisation's estimated cost of one legal action."""


async def estimate(uow: UnitOfWork, query: CostEstimate) -> Decimal:
    value = await uow.session.scalar(
        select(LegalCostEstimate.cost_per_action).where(
            LegalCostEstimate.organisation_id == _organisation(uow)
        )
    )
    return value if value is not None else Decimal("0.00")


@dataclass
class MeasurePeriod:
    period_from: date
    period_to: date


async def measure(uow: UnitOfWork, command: MeasurePeriod) -> tuple[Measures, Decimal]:
    """The service's measures for a period (figures only: no client is named)."""
    if command.period_to < command.period_from:
        raise Invalid.at("query.to", "the period ends before it starts")
    organisation = _organisation(uow)
    supported = await uow.session.execute(
        select(Client.engaged_on, Client.closed_on).where(
            Client.organisation_id == organisation,
            Client.engaged_on.is_not(None),
            Client.engaged_on <= command.period_to,
        )
    )
    outcomes = await uow.session.execute(
        select(
            OutcomeRecord.outcome, OutcomeRecord.recorded_on, OutcomeRecord.legal_action_avoided
        ).where(
            OutcomeRecord.organisation_id == organisation,
            OutcomeRecord.recorded_on >= command.period_from,
            OutcomeRecord.recorded_on <= command.period_to,
        )
    )
    cost = await estimate(uow, CostEstimate())
    result = measures(
        command.period_from,
        command.period_to,
        [Supported(e, c) for e, c in supported.all() if e is not None],
        [Recorded(Outcome(o), d, a) for o, d, a in outcomes.all()],
        cost,
    )
    return result, cost
