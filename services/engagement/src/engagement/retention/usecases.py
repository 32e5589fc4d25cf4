"""Use cases of retention in engagement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from asb_shared.organisations import organisations
from asb_shared.retention import Action, RecordType, Trigger, decide, latest_start
from asb_shared.retention_schedules import legal_holds, schedule_of
from asb_shared.usecase import UnitOfWork
from sqlalchemy import delete, exists, func, select, update

from ..assessments.models import Assessment
from ..budget.models import Spend
from ..clients.models import Client, ClientCase, Consent, EngagementChange
from ..db import Base
from ..outcomes.models import OutcomeRecord
from ..plans.models import Action as PlanAction
from ..plans.models import Activity, Goal, Plan, Review
from ..referrals.models import Referral
from ..reports.models import Report
from ..requirements.models import ComplianceRecord, CourtOrder, Requirement

_BY_CLIENT: list[tuple[type[Base], dict[str, Any]]] = [
    (Activity, {"summary": ""}),
    (Assessment, {"answers": {}, "notes": {}}),
    (Consent, {"note": None}),
    (EngagementChange, {"reason": None}),
    (OutcomeRecord, {"note": None}),
    (Referral, {"subject_name": "", "reason": "", "contact_notes": None, "decision_note": None}),
    (Report, {"recommendation": ""}),
    (Spend, {"description": "", "decision_note": None}),
    (Requirement, {"description": ""}),
    (ComplianceRecord, {"note": None}),
    (CourtOrder, {"case_reference": None}),
]
"""What a pseudonymised client's records keep: their dates, kinds, statuses, scores and sums
(what the engagement measures count); the free text goes."""

_BY_PLAN: list[tuple[type[Base], dict[str, Any]]] = [
    (Goal, {"title": ""}),
    (PlanAction, {"description": ""}),
    (Review, {"notes": ""}),
]


@dataclass(frozen=True)
class ExpireRecords:
    """One batch of the Positive Engagement records whose period has ended on ``on``."""

    on: date
    batch: int = 50


async def expire_records(uow: UnitOfWork, command: ExpireRecords) -> list[uuid.UUID]:
    """Clients whose outcome was recorded longer ago than their landlord's schedule keeps an
    engagement record, on no case under a legal hold, are pseudonymised (or deleted, if the
    schedule says so), claimed ``FOR UPDATE SKIP LOCKED``. Returns the clients done."""
    done: list[uuid.UUID] = []
    outcome_on = (
        select(func.max(OutcomeRecord.recorded_on))
        .where(OutcomeRecord.client_id == Client.id)
        .scalar_subquery()
    )
    held = exists().where(
        ClientCase.client_id == Client.id, ClientCase.case_id == legal_holds.c.case_id
    )
    for organisation_id in await uow.session.scalars(select(organisations.c.id)):
        schedule = await schedule_of(uow.session, organisation_id)
        if schedule.engagement_record.after is not Trigger.OUTCOME_RECORDED:
            continue  # only the outcome ends an engagement record's use
        edge = latest_start(schedule, RecordType.ENGAGEMENT_RECORD, command.on)
        rows = (
            await uow.session.execute(
                select(Client.id, outcome_on)
                .where(
                    Client.organisation_id == organisation_id,
                    Client.pseudonymised_at.is_(None),
                    outcome_on <= edge,
                    ~held,
                )
                .order_by(Client.id)
                .limit(command.batch - len(done))
                .with_for_update(skip_locked=True, of=Client)
            )
        ).all()
        for client_id, recorded_on in rows:
            decision = decide(
                schedule,
                RecordType.ENGAGEMENT_RECORD,
                {Trigger.OUTCOME_RECORDED: recorded_on},
                legal_hold=False,
                on=command.on,
            )
            if decision.action is Action.KEEP:
                continue
            await _pseudonymise(uow, client_id)
            if decision.action is Action.DELETE:
                await uow.session.execute(
                    delete(ClientCase).where(ClientCase.client_id == client_id)
                )
            done.append(client_id)
        if len(done) >= command.batch:
            break
    return done


async def _pseudonymise(uow: UnitOfWork, client_id: uuid.UUID) -> None:
    for model, values in _BY_CLIENT:
        column = model.__table__.c.client_id
        await uow.session.execute(update(model).where(column == client_id).values(**values))
    plans = select(Plan.id).where(Plan.client_id == client_id)
    for model, values in _BY_PLAN:
        column = model.__table__.c.plan_id
        await uow.session.execute(update(model).where(column.in_(plans)).values(**values))
    await uow.session.execute(
        update(Client)
        .where(Client.id == client_id)
        .values(name="", normalised_name="", contact_level=None, pseudonymised_at=uow.now())
    )
