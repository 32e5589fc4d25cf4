"""Use cases on positive requirements: record a court order, record compliance, read them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Invalid, NotFound, UnitOfWork
from sqlalchemy import select

from ..clients.models import Client
from ..clients.records import client_for_change, read_record
from ..common import actor_name
from .compliance import summarise
from .models import ComplianceRecord, CourtOrder, Requirement
from .schemas import ComplianceIn, ComplianceOut, OrderIn, OrderOut, RequirementOut


@dataclass
class RecordOrder:
    client_id: uuid.UUID
    body: OrderIn


async def record_order(uow: UnitOfWork, command: RecordOrder) -> OrderOut:
    """A court order the client is under, with its positive requirements."""
    if command.body.made_on > uow.now().date():
        raise Invalid.at("made_on", "an order cannot be recorded before it is made")
    client = await client_for_change(uow, command.client_id)
    order = CourtOrder(
        organisation_id=client.organisation_id,
        client_id=client.id,
        kind=command.body.kind.value,
        court=command.body.court,
        made_on=command.body.made_on,
        expires_on=command.body.expires_on,
        case_reference=command.body.case_reference,
        recorded_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(order)
    await uow.session.flush()
    for requirement in command.body.requirements:
        uow.session.add(
            Requirement(
                order_id=order.id,
                client_id=client.id,
                kind=requirement.kind.value,
                description=requirement.description,
            )
        )
    await uow.session.flush()
    [view] = [v for v in await orders_view(uow, client) if v.id == order.id]
    return view


@dataclass
class RecordCompliance:
    client_id: uuid.UUID
    requirement_id: uuid.UUID
    body: ComplianceIn


async def record_compliance(uow: UnitOfWork, command: RecordCompliance) -> ComplianceRecord:
    """Whether the client complied with a requirement on a date."""
    if command.body.on > uow.now().date():
        raise Invalid.at("on", "compliance cannot be recorded for a day still to come")
    client = await client_for_change(uow, command.client_id)
    requirement = await uow.session.scalar(
        select(Requirement).where(
            Requirement.id == command.requirement_id, Requirement.client_id == client.id
        )
    )
    if requirement is None:
        raise NotFound("No such requirement for this client.")
    order = await uow.session.get(CourtOrder, requirement.order_id)
    if order is not None and command.body.on < order.made_on:
        raise Invalid.at("on", "the order was not yet made on that day")
    row = ComplianceRecord(
        requirement_id=requirement.id,
        client_id=client.id,
        on=command.body.on,
        status=command.body.status.value,
        note=command.body.note,
        recorded_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


async def orders_view(uow: UnitOfWork, client: Client) -> list[OrderOut]:
    orders = await uow.session.scalars(
        select(CourtOrder).where(CourtOrder.client_id == client.id).order_by(CourtOrder.made_on)
    )
    requirements = list(
        await uow.session.scalars(
            select(Requirement).where(Requirement.client_id == client.id).order_by(Requirement.id)
        )
    )
    records = list(
        await uow.session.scalars(
            select(ComplianceRecord)
            .where(ComplianceRecord.client_id == client.id)
            .order_by(ComplianceRecord.on, ComplianceRecord.id)
        )
    )
    result = []
    for order in orders:
        out = []
        for requirement in (r for r in requirements if r.order_id == order.id):
            mine = [c for c in records if c.requirement_id == requirement.id]
            summary = summarise(c.status for c in mine)
            out.append(
                RequirementOut(
                    id=requirement.id,
                    kind=requirement.kind,
                    description=requirement.description,
                    compliance=[ComplianceOut.model_validate(c) for c in mine],
                    compliance_rate=summary.rate,
                    latest=summary.latest,
                )
            )
        result.append(
            OrderOut(
                id=order.id,
                kind=order.kind,
                court=order.court,
                made_on=order.made_on,
                expires_on=order.expires_on,
                case_reference=order.case_reference,
                requirements=out,
            )
        )
    return result


async def orders_of(uow: UnitOfWork, client_id: uuid.UUID) -> list[OrderOut]:
    """The client's orders, requirements and compliance (PEOs only; the read is logged)."""
    client = await read_record(uow, client_id, "requirements")
    return await orders_view(uow, client)
