"""Use cases of interventions: record one and its outcome, list them, count them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from asb_shared.calendar import LONDON
from asb_shared.usecase import Invalid, NotFound, UnitOfWork
from sqlalchemy import func, select

from ..cases.state_machine import CaseCommand, CaseStatus
from ..cases.store import OnCase, case_for_update, staff
from ..lifecycle.transition import transition
from ..policy.store import current_version, policy_at
from ..standards import timers
from ..timeline.recording import acting, record
from .catalogue import is_legal, offered
from .counting import (
    Counted,
    FinancialYear,
    MediationResult,
    count_interventions,
    financial_year_of,
    is_mediation,
)
from .models import Intervention
from .schemas import InterventionCountsOut, InterventionIn, InterventionOut, LegalCount


async def record_intervention(uow: UnitOfWork, command: OnCase[InterventionIn]) -> InterventionOut:
    """Record an intervention; legal ones are flagged. A working case moves to interventions."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    kind = body.kind.value
    legal = is_legal(body.kind)
    policy = await policy_at(uow.session, case.organisation_id, case.policy_version or 0)
    if not offered(kind, policy.interventions):
        raise Invalid.at("kind", f"{kind} is not in the landlord's interventions catalogue")
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
        mediation_result=body.mediation_result.value if body.mediation_result else None,
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
    mediation_result: MediationResult | None = None


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
    if command.mediation_result is not None:
        if not is_mediation(row.kind):
            raise Invalid.at("mediation_result", "only a mediation has a mediation result")
        row.mediation_result = command.mediation_result.value
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
            "mediation_result": row.mediation_result,
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


@dataclass(frozen=True)
class CountInterventions:
    year: int | None = None
    """The financial year, by the calendar year it starts in (2026: 2026/27 from April); the
    current one if None."""


async def count_by_financial_year(
    uow: UnitOfWork, query: CountInterventions
) -> InterventionCountsOut:
    """The acting organisation's interventions of a financial year (its policy says when the
    year starts), counted up to today (London) as the strategies report counts them."""
    organisation_id = staff(uow).organisation_id
    policy = await policy_at(
        uow.session, organisation_id, await current_version(uow.session, organisation_id)
    )
    start_month = policy.financial_year_start_month
    today = uow.now().astimezone(LONDON).date()
    year = (
        FinancialYear(query.year, start_month)
        if query.year is not None
        else financial_year_of(today, start_month)
    )
    as_of = min(year.last_day, today)
    rows = (
        await uow.session.execute(
            select(Intervention.kind, Intervention.on_date, Intervention.mediation_result).where(
                Intervention.organisation_id == organisation_id,
                Intervention.on_date >= year.first_day,
                Intervention.on_date <= as_of,
            )
        )
    ).all()
    counts = count_interventions(
        (Counted(kind, on_date, result) for kind, on_date, result in rows), year, as_of
    )
    return InterventionCountsOut(
        financial_year=year.label,
        year=year.year,
        starts=year.first_day,
        ends=year.last_day,
        as_of=as_of,
        total=counts.total,
        community_protection_warnings=counts.community_protection_warnings,
        by_kind=counts.by_kind,
        legal_actions=counts.legal_actions,
        legal_by_kind=counts.legal_by_kind,
        mediation_outcomes=counts.mediation_outcomes,
    )
