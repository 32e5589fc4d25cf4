"""Use cases of enquiries: record a councillor's or an MP's enquiry (its response timer
starts), answer it (the timer is met; one answered late stays breached)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Conflict, NotFound, UnitOfWork
from sqlalchemy import select, update

from ..cases.store import OnCase, case_for_update
from ..db import table_of
from ..policy.store import policy_at
from ..standards.models import Standard
from ..standards.policy import StandardStatus
from ..standards.rules import rules_at
from ..timeline.recording import acting, record
from .deadlines import ENQUIRY_TIMER, response_deadline
from .models import Enquiry
from .schemas import AnswerIn, EnquiryIn

RUNNING = StandardStatus.RUNNING.value


@dataclass(frozen=True)
class Answer:
    case_id: uuid.UUID
    enquiry_id: uuid.UUID
    body: AnswerIn


async def record_enquiry(uow: UnitOfWork, command: OnCase[EnquiryIn]) -> Enquiry:
    """Record an enquiry and start its response timer on the landlord's calendar."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    received_at = body.received_at or uow.now()
    version = case.policy_version or 0
    policy = await policy_at(uow.session, case.organisation_id, version)
    rules = await rules_at(uow.session, case.organisation_id, version)
    when = response_deadline(body.enquirer, received_at, policy, rules.calendar)
    actor = acting(uow)
    row = Enquiry(
        case_id=case.id,
        organisation_id=case.organisation_id,
        enquirer=body.enquirer.value,
        enquirer_name=body.enquirer_name,
        question=body.question,
        received_at=received_at,
        due_at=when.due_at,
        recorded_by=actor,
    )
    uow.session.add(row)
    await uow.session.flush()
    uow.session.add(
        Standard(
            case_id=case.id,
            organisation_id=case.organisation_id,
            kind=ENQUIRY_TIMER,
            person_id=row.id,
            status=RUNNING,
            started_at=received_at,
            warn_at=when.warn_at,
            due_at=when.due_at,
        )
    )
    await record(
        uow,
        case,
        actor=actor,
        kind="enquiry",
        summary=f"Enquiry from {row.enquirer_name} ({row.enquirer}), "
        f"answer due {row.due_at.isoformat()}"[:2000],
        data={"enquiry_id": str(row.id), "enquirer": row.enquirer},
    )
    return row


async def answer_enquiry(uow: UnitOfWork, command: Answer) -> Enquiry:
    """Record the answer; the response timer is met (a breached one stays breached)."""
    case = await case_for_update(uow, command.case_id)
    row = await uow.session.scalar(
        select(Enquiry)
        .where(Enquiry.id == command.enquiry_id, Enquiry.case_id == case.id)
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such enquiry on this case.")
    if row.answered_at is not None:
        raise Conflict("The enquiry is answered already.", code="enquiry_answered")
    actor = acting(uow)
    row.answer, row.answered_by, row.answered_at = command.body.answer, actor, uow.now()
    standards = table_of(Standard)
    await uow.session.execute(
        update(standards)
        .where(
            standards.c.case_id == case.id,
            standards.c.kind == ENQUIRY_TIMER,
            standards.c.person_id == row.id,
            standards.c.status == RUNNING,
        )
        .values(status=StandardStatus.MET.value, met_at=row.answered_at)
    )
    await record(
        uow,
        case,
        actor=actor,
        kind="enquiry_answered",
        summary=f"Enquiry from {row.enquirer_name} answered",
        data={"enquiry_id": str(row.id), "late": row.answered_at > row.due_at},
    )
    return row
