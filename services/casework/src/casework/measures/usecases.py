"""Loading the facts the published measures are computed from, for the acting organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asb_shared.usecase import Invalid, UnitOfWork
from sqlalchemy import or_, select

from ..cases.models import Case
from ..cases.store import staff
from ..db import table_of
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

# Core tables: the rows are read as plain tuples (the ORM's bookkeeping cost more than the
# measures themselves).
cases = table_of(Case)
timeline = table_of(TimelineEntry)
standards = table_of(Standard)
plans_table = table_of(ActionPlan)
interventions_table = table_of(Intervention)


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
        select(cases.c.id, cases.c.opened_at, cases.c.categories, cases.c.priority_route)
        .where(
            cases.c.organisation_id == organisation_id,
            cases.c.opened_at < end,
            or_(
                cases.c.closed_at.is_(None),
                cases.c.closed_at >= start,
                cases.c.status.not_in(closed),
            ),
        )
        .subquery()
    )
    moves: dict[Any, list[StatusChange]] = {}
    for case_id, at, to in await session.execute(
        select(timeline.c.case_id, timeline.c.at, timeline.c.data["to"].astext)
        .join(relevant, relevant.c.id == timeline.c.case_id)
        .where(
            timeline.c.kind == "status",
            timeline.c.at < end,
            or_(
                timeline.c.data["to"].astext.in_(closed),
                timeline.c.data["from"].astext.in_(closed),
            ),
        )
        .order_by(timeline.c.case_id, timeline.c.at, timeline.c.id)
    ):
        moves.setdefault(case_id, []).append(StatusChange(at, to))
    hate = PriorityRoute.HATE
    facts = [
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
            select(
                standards.c.started_at, standards.c.due_at, standards.c.status, standards.c.met_at
            ).where(
                standards.c.organisation_id == organisation_id,
                standards.c.kind == StandardKind.FIRST_CONTACT.value,
                standards.c.started_at >= start,
                standards.c.started_at < end,
            )
        )
    ]
    plans = list(
        await session.scalars(
            select(plans_table.c.recorded_at).where(
                plans_table.c.organisation_id == organisation_id,
                plans_table.c.recorded_at >= start,
                plans_table.c.recorded_at < end,
            )
        )
    )
    last_day = query.last.last_day
    first_day = min(
        query.first.first_day,
        financial_year_start(last_day, policy.financial_year_start_month),
    )
    interventions = [
        InterventionFacts(*row)
        for row in await session.execute(
            select(
                interventions_table.c.kind,
                interventions_table.c.legal,
                interventions_table.c.on_date,
            ).where(
                interventions_table.c.organisation_id == organisation_id,
                interventions_table.c.on_date >= first_day,
                interventions_table.c.on_date <= last_day,
            )
        )
    ]
    surveys = [
        SurveyFacts(at, int(handling), int(outcome))
        for at, handling, outcome in await session.execute(
            select(
                timeline.c.at,
                timeline.c.data["handling"].astext,
                timeline.c.data["outcome"].astext,
            ).where(
                timeline.c.organisation_id == organisation_id,
                timeline.c.kind == "satisfaction_survey",
                timeline.c.at >= start,
                timeline.c.at < end,
            )
        )
    ]
    return measures(
        Facts(facts, timers, plans, interventions, surveys),
        query.first,
        query.last,
        Settings(policy.homes, policy.financial_year_start_month, policy.resolve_target_days),
    )
