"""Use cases of call-backs: a closed case is sampled by the landlord's share; a team leader
sees the call-backs due and records the result."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Conflict, NotFound, UnitOfWork
from sqlalchemy import select

from ..cases.models import Case
from ..cases.parties import may_contact_complainant
from ..cases.store import staff
from ..policy.store import current_version, policy_at
from ..timeline.recording import SYSTEM, acting, record
from .models import CallBack
from .sampling import sampled
from .schemas import CallBackResultIn


@dataclass(frozen=True)
class RecordResult:
    call_back_id: uuid.UUID
    body: CallBackResultIn


@dataclass(frozen=True)
class Due:
    limit: int


async def sample_on_closure(uow: UnitOfWork, case: Case) -> CallBack | None:
    """Called as a case closes: a call-back task for the team leaders if the draw says so
    (once per case, however often it closes)."""
    policy = await policy_at(
        uow.session,
        case.organisation_id,
        await current_version(uow.session, case.organisation_id),
    )
    share = policy.call_backs.sample_percent
    if not sampled(case.id, share, may_contact_complainant(case)):
        return None
    existing = await uow.session.scalar(select(CallBack.id).where(CallBack.case_id == case.id))
    if existing is not None:
        return None
    row = CallBack(case_id=case.id, organisation_id=case.organisation_id, sampled_at=uow.now())
    uow.session.add(row)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=SYSTEM,
        kind="call_back_sampled",
        summary=f"Sampled for a team leader's call-back ({share}% of closed cases)",
        data={"call_back_id": str(row.id)},
    )
    return row


async def call_backs_due(uow: UnitOfWork, query: Due) -> list[CallBack]:
    """The acting organisation's call-backs not yet made, oldest first."""
    rows = await uow.session.scalars(
        select(CallBack)
        .where(
            CallBack.organisation_id == staff(uow).organisation_id,
            CallBack.done_at.is_(None),
        )
        .order_by(CallBack.sampled_at, CallBack.id)
        .limit(query.limit)
    )
    return list(rows)


async def record_result(uow: UnitOfWork, command: RecordResult) -> CallBack:
    """A team leader records what came of the call-back."""
    row = await uow.session.scalar(
        select(CallBack)
        .where(
            CallBack.id == command.call_back_id,
            CallBack.organisation_id == staff(uow).organisation_id,
        )
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such call-back.")
    if row.done_at is not None:
        raise Conflict("The call-back's result is recorded already.", code="call_back_done")
    case = await uow.session.scalar(select(Case).where(Case.id == row.case_id).with_for_update())
    assert case is not None
    actor = acting(uow)
    row.result, row.notes = command.body.result.value, command.body.notes
    row.done_by, row.done_at = actor, uow.now()
    await record(
        uow,
        case,
        actor=actor,
        kind="call_back",
        summary=f"Team leader's call-back: {row.result}",
        data={"call_back_id": str(row.id), "result": row.result},
    )
    return row
