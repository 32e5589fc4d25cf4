"""Loading the facts the published measures are computed from, for the acting organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from asb_shared.usecase import Invalid, UnitOfWork
from sqlalchemy import or_, select

from ..cases.models import Case
from ..cases.store import staff
from ..interventions.models import Intervention
from ..plans.models import ActionPlan
from ..policy.store import current_version, policy_at
from ..standards.models import Standard
from ..standards.policy import StandardKind
from ..timeline.models import TimelineEntry
from ..triage.priority import PriorityRoute
from .definitions import (
    CLOSED,
    CaseFacts,
    Facts,
    InterventionFacts,
    Month,
    Settings,
    StatusChange,
    SurveyFacts,
    TimerFacts,
    financial_year_start,
    measures,
)

MAX_MONTHS = 120


@dataclass(frozen=True)
class Measures:
    first: Month
    last: Month


async def published_measures(uow: UnitOfWork, query: Measures) -> dict[str, Any]:
    """Every published measure for the acting organisation over whole months."""
    if query.last < query.first:
        raise Invalid.at("to", "must not be before 'from'")
    span = (query.last.year - query.first.year) * 12 + query.last.month - query.first.month
    if span >= MAX_MONTHS:
        raise Invalid.at("to", "at most ten years at once")
    session = uow.session
    organisation_id = staff(uow).organisation_id
    policy = await policy_at(
        session, organisation_id, await current_version(session, organisation_id)
    )
    start, end = query.first.start, query.last.end
    closed = sorted(CLOSED)
    relevant = (
        select(Case.id, Case.opened_at, Case.categories, Case.priority_route)
        .where(
            Case.organisation_id == organisation_id,
            Case.opened_at < end,
            or_(Case.closed_at.is_(None), Case.closed_at >= start, Case.status.not_in(closed)),
        )
        .subquery()
    )
    moves: dict[Any, list[StatusChange]] = {}
    for case_id, at, to in await session.execute(
        select(TimelineEntry.case_id, TimelineEntry.at, TimelineEntry.data["to"].astext)
        .join(relevant, relevant.c.id == TimelineEntry.case_id)
        .where(
            TimelineEntry.kind == "status",
            TimelineEntry.at < end,
            or_(
                TimelineEntry.data["to"].astext.in_(closed),
                TimelineEntry.data["from"].astext.in_(closed),
            ),
        )
        .order_by(TimelineEntry.case_id, TimelineEntry.at, TimelineEntry.id)
    ):
        moves.setdefault(case_id, []).append(StatusChange(at, to))
    hate = PriorityRoute.HATE
    cases = [
        CaseFacts(
            opened_at,
            tuple(categories),
            route == hate or hate in categories,
            tuple(moves.get(case_id, ())),
        )
        for case_id, opened_at, categories, route in await session.execute(select(relevant))
    ]
    timers = [
        TimerFacts(*row)
        for row in await session.execute(
            select(Standard.started_at, Standard.due_at, Standard.status, Standard.met_at).where(
                Standard.organisation_id == organisation_id,
                Standard.kind == StandardKind.FIRST_CONTACT.value,
                Standard.started_at >= start,
                Standard.started_at < end,
            )
        )
    ]
    plans = list(
        await session.scalars(
            select(ActionPlan.recorded_at).where(
                ActionPlan.organisation_id == organisation_id,
                ActionPlan.recorded_at >= start,
                ActionPlan.recorded_at < end,
            )
        )
    )
    last_day = end.date() - timedelta(days=1)
    first_day = min(start.date(), financial_year_start(last_day, policy.financial_year_start_month))
    interventions = [
        InterventionFacts(*row)
        for row in await session.execute(
            select(Intervention.kind, Intervention.legal, Intervention.on_date).where(
                Intervention.organisation_id == organisation_id,
                Intervention.on_date >= first_day,
                Intervention.on_date <= last_day,
            )
        )
    ]
    surveys = [
        SurveyFacts(at, int(handling), int(outcome))
        for at, handling, outcome in await session.execute(
            select(
                TimelineEntry.at,
                TimelineEntry.data["handling"].astext,
                TimelineEntry.data["outcome"].astext,
            ).where(
                TimelineEntry.organisation_id == organisation_id,
                TimelineEntry.kind == "satisfaction_survey",
                TimelineEntry.at >= start,
                TimelineEntry.at < end,
            )
        )
    ]
    return measures(
        Facts(cases, timers, plans, interventions, surveys),
        query.first,
        query.last,
        Settings(policy.homes, policy.financial_year_start_month, policy.resolve_target_days),
    )
