"""Use cases on clients: consent, the agreed contact level, disengagement and re-engagement.

Every change that casework may show (status only) is announced with one event,
``engagement.client.engagement_changed``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from asb_shared.contracts.engagement import EngagementStatusChanged
from asb_shared.usecase import Conflict, Forbidden, Invalid, NotFound, UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from ..common import actor_name
from ..confidentiality.models import SafeguardingLead
from ..confidentiality.policy import View, may_override, view_for
from ..confidentiality.schemas import OverrideIn
from . import engagement
from .engagement import Change, Status
from .models import Client, ClientCase, Consent, EngagementChange, ReferenceCounter
from .records import client_for_change, log_read, read_record, read_status
from .schemas import (
    CaseLinkOut,
    ChangeOut,
    ClientOut,
    ClientRecord,
    ClientStatus,
    ConsentIn,
    ConsentOut,
    ContactLevelIn,
    EngagementIn,
    WithdrawalIn,
)


async def next_reference(uow: UnitOfWork, organisation_id: uuid.UUID) -> str:
    """ENG-<year>-<number>, numbered per organisation and year without gaps under concurrency."""
    year = uow.now().year
    number = await uow.session.scalar(
        insert(ReferenceCounter)
        .values(organisation_id=organisation_id, year=year, last=1)
        .on_conflict_do_update(
            index_elements=[ReferenceCounter.organisation_id, ReferenceCounter.year],
            set_={"last": ReferenceCounter.last + 1},
        )
        .returning(ReferenceCounter.last)
    )
    return f"ENG-{year}-{int(number or 0):06d}"


async def case_ids(uow: UnitOfWork, client_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await uow.session.scalars(
        select(ClientCase.case_id)
        .where(ClientCase.client_id == client_id)
        .order_by(ClientCase.case_id)
    )
    return list(rows)


async def _announce(uow: UnitOfWork, client: Client, change: Change, effective_on: date) -> None:
    """Tell casework (status only) that the client's engagement changed."""
    await uow.emit(
        EngagementStatusChanged(
            client_id=client.id,
            client_reference=client.reference,
            case_ids=await case_ids(uow, client.id),
            change=change.value,
            status=client.status,
            effective_on=effective_on,
            version=client.version,
        ),
        organisation_id=client.organisation_id,
    )


async def _change(
    uow: UnitOfWork, client: Client, change: Change, effective_on: date, reason: str | None
) -> EngagementChange:
    try:
        status = engagement.after(Status(client.status), change)
    except engagement.NotAllowed as exc:
        raise Conflict(
            str(exc), extra={"changes_allowed": engagement.changes_allowed(Status(client.status))}
        ) from exc
    client.status = status.value
    client.version += 1
    if status is Status.ENGAGED and client.engaged_on is None:
        client.engaged_on = effective_on
    row = EngagementChange(
        organisation_id=client.organisation_id,
        client_id=client.id,
        change=change.value,
        status=status.value,
        effective_on=effective_on,
        reason=reason,
        recorded_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await _announce(uow, client, change, effective_on)
    return row


@dataclass
class RecordConsent:
    client_id: uuid.UUID
    consent: ConsentIn | WithdrawalIn
    given: bool


async def record_consent(uow: UnitOfWork, command: RecordConsent) -> Consent:
    """Consent given (the client becomes engaged) or withdrawn, with who, when and how."""
    client = await client_for_change(uow, command.client_id)
    body = command.consent
    at = body.at or uow.now()
    if at > uow.now():
        raise Invalid.at("at", "consent cannot be recorded for a time still to come")
    change = Change.CONSENT_GIVEN if command.given else Change.CONSENT_WITHDRAWN
    await _change(uow, client, change, at.date(), body.note)
    row = Consent(
        organisation_id=client.organisation_id,
        client_id=client.id,
        given=command.given,
        given_by=body.given_by,
        method=body.method.value,
        at=at,
        note=body.note,
        recorded_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


@dataclass
class ChangeEngagement:
    client_id: uuid.UUID
    body: EngagementIn


async def change_engagement(uow: UnitOfWork, command: ChangeEngagement) -> EngagementChange:
    """A dated disengagement or re-engagement."""
    if command.body.change not in (Change.DISENGAGED, Change.RE_ENGAGED):
        raise Invalid.at(
            "change", "record consent through the consent endpoints; here: disengaged or re_engaged"
        )
    if command.body.effective_on > uow.now().date():
        raise Invalid.at("effective_on", "must not be in the future")
    client = await client_for_change(uow, command.client_id)
    return await _change(
        uow, client, command.body.change, command.body.effective_on, command.body.reason
    )


@dataclass
class AgreeContactLevel:
    client_id: uuid.UUID
    body: ContactLevelIn


async def agree_contact_level(uow: UnitOfWork, command: AgreeContactLevel) -> Client:
    """The level of contact the PEO agreed with the client (policy 3.4)."""
    client = await client_for_change(uow, command.client_id)
    if client.status == Status.CLOSED.value:
        raise Conflict("The client's record is closed.")
    client.contact_level = command.body.level
    client.contact_every_days = command.body.every_days
    client.version += 1
    return client


async def client_record(uow: UnitOfWork, client_id: uuid.UUID) -> ClientRecord:
    """The client's engagement record (PEOs only; the read is logged)."""
    client = await read_record(uow, client_id, "client")
    return await record_of(uow, client)


async def record_of(uow: UnitOfWork, client: Client) -> ClientRecord:
    cases = await uow.session.scalars(select(ClientCase).where(ClientCase.client_id == client.id))
    consents = await uow.session.scalars(
        select(Consent).where(Consent.client_id == client.id).order_by(Consent.at, Consent.id)
    )
    changes = await uow.session.scalars(
        select(EngagementChange)
        .where(EngagementChange.client_id == client.id)
        .order_by(EngagementChange.id)
    )
    return ClientRecord(
        client=ClientOut.model_validate(client),
        cases=[CaseLinkOut.model_validate(c) for c in cases],
        consents=[ConsentOut.model_validate(c) for c in consents],
        engagement=[ChangeOut.model_validate(c) for c in changes],
        changes_allowed=[c.value for c in engagement.changes_allowed(Status(client.status))],
    )


async def client_status(uow: UnitOfWork, client_id: uuid.UUID) -> ClientStatus:
    """Status and outcome only: what officers and casework may see (the read is logged)."""
    client = await read_status(uow, client_id)
    return ClientStatus(
        id=client.id, reference=client.reference, status=client.status, outcome=client.outcome
    )


@dataclass
class ListClients:
    status: str | None
    limit: int
    cursor: uuid.UUID | None


async def list_clients(uow: UnitOfWork, command: ListClients) -> list[Client]:
    """The organisation's clients (PEOs), newest first; the listing is logged as a read."""
    if uow.actor is None or view_for(uow.actor.roles) is not View.FULL:
        raise Forbidden("Engagement records are confidential to the Positive Engagement Service.")
    query = select(Client).where(Client.organisation_id == uow.actor.organisation_id)
    if command.status:
        query = query.where(Client.status == command.status)
    if command.cursor:
        query = query.where(Client.id < command.cursor)
    rows = list(
        (await uow.session.scalars(query.order_by(Client.id.desc()).limit(command.limit))).all()
    )
    await log_read(uow, None, "client_list", View.FULL)
    return rows


@dataclass
class OverrideRead:
    client_id: uuid.UUID
    body: OverrideIn


async def override_read(uow: UnitOfWork, command: OverrideRead) -> ClientRecord:
    """A named member of staff reads a client's full record because a child or adult is at
    risk; the reason is in the audit log with the read."""
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    organisation = uow.actor.organisation_id
    leads = set(
        await uow.session.scalars(
            select(SafeguardingLead.subject).where(SafeguardingLead.organisation_id == organisation)
        )
    )
    if not may_override(uow.actor.subject, leads):
        raise Forbidden("Only staff named for safeguarding may override confidentiality.")
    client = await uow.session.scalar(
        select(Client).where(Client.id == command.client_id, Client.organisation_id == organisation)
    )
    if client is None:
        raise NotFound("No such client.")
    await log_read(
        uow,
        client,
        "client",
        View.FULL,
        override=command.body.concern,
        reason=command.body.reason,
    )
    return await record_of(uow, client)
