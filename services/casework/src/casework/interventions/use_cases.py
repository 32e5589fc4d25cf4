"""Use cases of interventions: record one and its outcome, list them, count legal actions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from asb_shared.calendar import LONDON
from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import func, select

from ..cases.store import OnCase, case_for_update, staff
from ..lifecycle.state_machine import CaseCommand, CaseStatus
from ..lifecycle.transition import transition
from ..standards import timers
from ..timeline.recording import acting, record
from .catalogue import is_legal
from .models import Intervention
from .schemas import InterventionIn, InterventionOut, LegalCount


async def record_intervention(uow: UnitOfWork, command: OnCase[InterventionIn]) -> InterventionOut:
    """Record an intervention; legal ones are flagged. A working case moves to interventions."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    kind = body.kind.value
    legal = is_legal(body.kind)
    if case.status != CaseStatus.INTERVENTIONS:
        # From open, reopened, investigating or an agreed plan; anything else is a 409.
        await transition(
            uow, case, CaseCommand.START_INTERVENTIONS, actor=actor, reason=f"{kind} recorded"
        )
    row = Intervention(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=kind,
        legal=legal,
        on_date=body.on_date,
        owner=body.owner,
        notes=body.notes,
        positive_requirements=list(body.positive_requirements),
        outcome=body.outcome,
        recorded_by=actor,
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="intervention",
        summary=f"{'Legal action' if legal else 'Intervention'}: {kind} on"
        f" {body.on_date.isoformat()}, owned by {body.owner}",
        data={
            "intervention_id": str(row.id),
            "kind": kind,
            "legal": legal,
            "on_date": body.on_date.isoformat(),
            "owner": body.owner,
            "positive_requirements": body.positive_requirements,
        },
    )
    await timers.on_case_updated(uow.session, case, uow.now())
    return InterventionOut.model_validate(row)


@dataclass(frozen=True)
class RecordOutcome:
    case_id: uuid.UUID
    intervention_id: uuid.UUID
    outcome: str


async def record_outcome(uow: UnitOfWork, command: RecordOutcome) -> InterventionOut:
    """Record (or correct) the outcome of an intervention."""
    case = await case_for_update(uow, command.case_id)
    row = await uow.session.scalar(
        select(Intervention)
        .where(Intervention.id == command.intervention_id, Intervention.case_id == case.id)
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such intervention on this case.")
    previous = row.outcome
    row.outcome = command.outcome
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=acting(uow),
        kind="intervention_outcome",
        summary=f"Outcome of {row.kind}: {command.outcome}"[:2000],
        data={
            "intervention_id": str(row.id),
            "kind": row.kind,
            "outcome": command.outcome,
            "previous_outcome": previous,
        },
    )
    await timers.on_case_updated(uow.session, case, uow.now())
    return InterventionOut.model_validate(row)


@dataclass(frozen=True)
class CountLegalActions:
    year: int | None = None
    """The calendar year (in England); this year if None."""


async def count_legal_actions(uow: UnitOfWork, query: CountLegalActions) -> LegalCount:
    """Legal actions of the acting organisation dated in the year, up to today (London)."""
    today = uow.now().astimezone(LONDON).date()
    year = query.year or today.year
    end = min(date(year, 12, 31), today)
    rows = (
        await uow.session.execute(
            select(Intervention.kind, func.count())
            .where(
                Intervention.organisation_id == staff(uow).organisation_id,
                Intervention.legal.is_(True),
                Intervention.on_date >= date(year, 1, 1),
                Intervention.on_date <= end,
            )
            .group_by(Intervention.kind)
        )
    ).all()
    by_kind = {kind: int(n) for kind, n in sorted(rows)}
    return LegalCount(year=year, as_of=end, legal_actions=sum(by_kind.values()), by_kind=by_kind)
