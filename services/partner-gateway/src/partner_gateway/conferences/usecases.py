"""Multi-agency case conferences: scheduled by an officer, partners invited, actions agreed
with an owning agency and a due date, updated by the partners that own them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from asb_shared.contracts.partner_gateway import ConferenceActionUpdated
from asb_shared.usecase import Invalid, NotFound, UnitOfWork
from pydantic import AwareDatetime, Field
from sqlalchemy import select

from ..agreements.rules import uk_today
from ..credentials.usecases import PartnerCaller
from ..partners.models import Partner
from ..schemas import Name, Short, Strict, Text, actor_name
from ..sharing.access import shared_case
from ..sharing.models import CaseProjection, CaseShare
from ..sharing.redaction import Redacted
from ..webhooks.outgoing import announce
from ..webhooks.rules import EventType
from .models import Conference, ConferenceAction, ConferenceInvitation
from .rules import ActionStatus


class Schedule(Strict):
    title: Name
    scheduled_at: AwareDatetime
    location: Short
    agenda: list[Short] = Field(min_length=1, max_length=30)
    invite: list[uuid.UUID] = Field(
        default_factory=list, max_length=20, description="partners the case is shared with"
    )


class AgreeAction(Strict):
    description: Text
    owner_partner_id: uuid.UUID | None = Field(
        default=None, description="the owning partner; empty when the landlord owns it"
    )
    owner_name: Name | None = None
    due_on: date


class UpdateAction(Strict):
    status: ActionStatus
    note: Text | None = None


@dataclass(frozen=True)
class ScheduleConference:
    """A conference about a case, and the partners (each sharing the case) invited to it."""

    case_id: uuid.UUID
    title: str
    scheduled_at: datetime
    location: str
    agenda: list[str]
    invite: list[uuid.UUID]


@dataclass(frozen=True)
class AgreeConferenceAction:
    """An action agreed at a conference, owned by an invited partner or (by name) the landlord."""

    conference_id: uuid.UUID
    description: str
    due_on: date
    owner_partner_id: uuid.UUID | None = None
    owner_name: str | None = None


@dataclass(frozen=True)
class ActionsOfCase:
    case_id: uuid.UUID
    overdue_only: bool = False


@dataclass(frozen=True)
class ConferenceFor:
    """A conference as the invited partner calling sees it."""

    caller: PartnerCaller
    conference_id: uuid.UUID


@dataclass(frozen=True)
class UpdatePartnerAction:
    """The owning partner's news of its action."""

    caller: PartnerCaller
    action_id: uuid.UUID
    status: ActionStatus
    note: str | None = None


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    return uow.actor.organisation_id


async def schedule(uow: UnitOfWork, command: ScheduleConference) -> Conference:
    organisation, case_id = _organisation(uow), command.case_id
    case = await uow.session.scalar(
        select(CaseProjection).where(
            CaseProjection.case_id == case_id, CaseProjection.organisation_id == organisation
        )
    )
    if case is None:
        raise NotFound("No such case.")
    conference = Conference(
        organisation_id=organisation,
        case_id=case_id,
        title=command.title,
        scheduled_at=command.scheduled_at,
        location=command.location,
        agenda=command.agenda,
        scheduled_by=actor_name(uow.actor),
    )
    uow.session.add(conference)
    await uow.session.flush()
    for i, partner_id in enumerate(dict.fromkeys(command.invite)):
        share = await uow.session.scalar(
            select(CaseShare).where(
                CaseShare.case_id == case_id,
                CaseShare.partner_id == partner_id,
                CaseShare.organisation_id == organisation,
                CaseShare.stopped_at.is_(None),
            )
        )
        if share is None:
            raise Invalid.at(f"invite.{i}", "share the case with this partner first")
        uow.session.add(
            ConferenceInvitation(
                conference_id=conference.id,
                partner_id=partner_id,
                agreement_id=share.agreement_id,
                invited_at=uow.now(),
            )
        )
        await announce(
            uow,
            organisation_id=organisation,
            partner_id=partner_id,
            event_type=EventType.CONFERENCE_INVITED,
            data={
                "conference_id": str(conference.id),
                "case_id": str(case_id),
                "title": conference.title,
                "scheduled_at": conference.scheduled_at.isoformat(),
                "location": conference.location,
            },
        )
    await uow.session.flush()
    return conference


async def conference_of(uow: UnitOfWork, conference_id: uuid.UUID) -> Conference:
    conference = await uow.session.scalar(
        select(Conference).where(
            Conference.id == conference_id, Conference.organisation_id == _organisation(uow)
        )
    )
    if conference is None:
        raise NotFound("No such conference.")
    return conference


async def agree_action(uow: UnitOfWork, command: AgreeConferenceAction) -> ConferenceAction:
    conference = await conference_of(uow, command.conference_id)
    owner_name = command.owner_name
    if command.owner_partner_id is not None:
        invited = await uow.session.scalar(
            select(Partner)
            .join(ConferenceInvitation, ConferenceInvitation.partner_id == Partner.id)
            .where(
                ConferenceInvitation.conference_id == conference.id,
                Partner.id == command.owner_partner_id,
            )
        )
        if invited is None:
            raise Invalid.at("owner_partner_id", "the owning agency must be invited")
        owner_name = invited.name
    if not owner_name:
        raise Invalid.at("owner_name", "name the owner when the landlord owns the action")
    action = ConferenceAction(
        organisation_id=conference.organisation_id,
        conference_id=conference.id,
        case_id=conference.case_id,
        description=command.description,
        owner_partner_id=command.owner_partner_id,
        owner_name=owner_name,
        due_on=command.due_on,
        status=ActionStatus.OPEN.value,
        updates=[],
    )
    uow.session.add(action)
    await uow.session.flush()
    if command.owner_partner_id is not None:
        await announce(
            uow,
            organisation_id=conference.organisation_id,
            partner_id=command.owner_partner_id,
            event_type=EventType.CONFERENCE_ACTION_ASSIGNED,
            data={
                "action_id": str(action.id),
                "conference_id": str(conference.id),
                "case_id": str(conference.case_id),
                "description": action.description,
                "due_on": action.due_on.isoformat(),
            },
        )
    return action


async def actions_of_case(uow: UnitOfWork, command: ActionsOfCase) -> list[ConferenceAction]:
    query = select(ConferenceAction).where(
        ConferenceAction.case_id == command.case_id,
        ConferenceAction.organisation_id == _organisation(uow),
    )
    if command.overdue_only:
        query = query.where(
            ConferenceAction.status != ActionStatus.DONE.value,
            ConferenceAction.due_on < uk_today(uow.now()),
        )
    return list((await uow.session.scalars(query.order_by(ConferenceAction.due_on))).all())


async def actions_of_conference(
    uow: UnitOfWork, conference_id: uuid.UUID
) -> list[ConferenceAction]:
    rows = await uow.session.scalars(
        select(ConferenceAction)
        .where(ConferenceAction.conference_id == conference_id)
        .order_by(ConferenceAction.due_on)
    )
    return list(rows.all())


# --- partners ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerConference:
    conference: Conference
    case: Redacted
    actions: list[ConferenceAction]


async def invited_conferences(uow: UnitOfWork, caller: PartnerCaller) -> list[Conference]:
    rows = await uow.session.scalars(
        select(Conference)
        .join(ConferenceInvitation, ConferenceInvitation.conference_id == Conference.id)
        .where(
            ConferenceInvitation.partner_id == caller.partner_id,
            Conference.organisation_id == caller.organisation_id,
        )
        .order_by(Conference.scheduled_at.desc())
        .limit(200)
    )
    return list(rows.all())


async def partner_conference(uow: UnitOfWork, command: ConferenceFor) -> PartnerConference:
    """The agenda, the case redacted to the partner's agreement, and the actions."""
    caller, conference_id = command.caller, command.conference_id
    conference = await uow.session.scalar(
        select(Conference)
        .join(ConferenceInvitation, ConferenceInvitation.conference_id == Conference.id)
        .where(
            Conference.id == conference_id,
            ConferenceInvitation.partner_id == caller.partner_id,
            Conference.organisation_id == caller.organisation_id,
        )
    )
    if conference is None:
        raise NotFound("No conference you are invited to has this id.")
    case = await shared_case(uow, caller, conference.case_id)
    return PartnerConference(
        conference, case.redacted, await actions_of_conference(uow, conference.id)
    )


async def update_action(uow: UnitOfWork, command: UpdatePartnerAction) -> ConferenceAction:
    """The owning partner updates its action (status and a note)."""
    caller, action_id = command.caller, command.action_id
    action = await uow.session.scalar(
        select(ConferenceAction)
        .where(
            ConferenceAction.id == action_id,
            ConferenceAction.owner_partner_id == caller.partner_id,
            ConferenceAction.organisation_id == caller.organisation_id,
        )
        .with_for_update()
    )
    if action is None:
        raise NotFound("No action of yours has this id.")
    found = await shared_case(uow, caller, action.case_id)  # still shared under an agreement
    now = uow.now()
    action.status = command.status.value
    action.updates = [
        *action.updates,
        {"at": now.isoformat(), "status": command.status.value, "note": command.note},
    ]
    action.completed_at = now if command.status == ActionStatus.DONE else None
    await uow.session.flush()
    await uow.emit(
        ConferenceActionUpdated(
            action_id=action.id,
            conference_id=action.conference_id,
            case_id=action.case_id,
            case_reference=found.case.case_reference,
            partner_id=caller.partner_id,
            partner_name=caller.partner_name,
            description=action.description,
            status=action.status,
            note=command.note,
            due_on=action.due_on,
            updated_at=now,
        ),
        organisation_id=caller.organisation_id,
    )
    return action
