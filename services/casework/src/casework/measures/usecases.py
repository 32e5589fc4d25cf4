"""Loading the facts the published measures are computed from, for the acting organisation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from asb_shared.calendar import LONDON
from asb_shared.organisations import organisations
from asb_shared.usecase import Invalid, NotFound, UnitOfWork
from sqlalchemy import func, or_, select

from ..cases.models import Case, Contact
from ..cases.store import staff
from ..db import table_of
from ..interventions.models import Intervention
from ..plans.models import ActionPlan
from ..policy.store import current_version, policy_at
from ..standards.models import Standard
from ..standards.policy import StandardKind
from ..subject_contact.rules import SubjectContact
from ..timeline.models import TimelineEntry
from ..triage.priority import PriorityRoute
from .definitions import (
    CLOSED,
    NEIGHBOUR_HELP,
    REPEAT_WITHIN,
    CaseFacts,
    Facts,
    InterventionFacts,
    Month,
    Settings,
    StatusChange,
    SubjectContactFacts,
    SubjectFacts,
    SurveyFacts,
    TimerFacts,
    financial_year_start,
    measures,
    months,
)
from .suppression import public_summary
from .targets import performance

MAX_MONTHS = 120

# Core tables: the rows are read as plain tuples (the ORM's bookkeeping cost more than the
# measures themselves).
cases = table_of(Case)
timeline = table_of(TimelineEntry)
standards = table_of(Standard)
plans_table = table_of(ActionPlan)
interventions_table = table_of(Intervention)
contacts_table = table_of(Contact)


@dataclass(frozen=True)
class Measures:
    first: Month
    last: Month


@dataclass(frozen=True)
class PublicPerformance:
    reference_prefix: str
    year: int
    """The financial year starting in this calendar year."""


async def published_measures(uow: UnitOfWork, query: Measures) -> dict[str, Any]:
    """Every published measure for the acting organisation over whole months, and its
    performance against the targets in its policy."""
    if query.last < query.first:
        raise Invalid.at("to", "must not be before 'from'")
    span = (query.last.year - query.first.year) * 12 + query.last.month - query.first.month
    if span >= MAX_MONTHS:
        raise Invalid.at("to", "at most ten years at once")
    return await _measures_of(uow, staff(uow).organisation_id, query)


async def public_performance(uow: UnitOfWork, query: PublicPerformance) -> dict[str, Any]:
    """A landlord's public summary for a financial year (to the current month while it runs):
    counts and shares only, small numbers suppressed; 404 for an unknown or inactive landlord."""
    row = (
        await uow.session.execute(
            select(organisations.c.id, organisations.c.name)
            .where(organisations.c.reference_prefix == query.reference_prefix.upper())
            .where(organisations.c.active)
        )
    ).first()
    if row is None:
        raise NotFound("No landlord has this address.")
    policy = await policy_at(uow.session, row.id, await current_version(uow.session, row.id))
    first = Month(query.year, policy.financial_year_start_month)
    now = uow.now().astimezone(LONDON)
    last = min(Month(query.year + 1, first.month).previous(), Month(now.year, now.month))
    if last < first:
        raise Invalid.at("year", "the financial year has not started")
    result = await _measures_of(uow, row.id, Measures(first, last))
    return {
        "landlord": row.name,
        "financial_year": f"{query.year}-{(query.year + 1) % 100:02d}",
        "from": result["from"],
        "to": result["to"],
        "minimum_count": policy.public_summary.minimum_count,
        "figures": public_summary(
            result["period"], result["targets"], policy.public_summary.minimum_count
        ),
    }


async def _measures_of(
    uow: UnitOfWork, organisation_id: uuid.UUID, query: Measures
) -> dict[str, Any]:
    session = uow.session
    policy = await policy_at(
        session, organisation_id, await current_version(session, organisation_id)
    )
    start, end = query.first.start, query.last.end
    closed = sorted(CLOSED)
    relevant = (
        select(
            cases.c.id,
            cases.c.opened_at,
            cases.c.categories,
            cases.c.priority_route,
            cases.c.tenure,
        )
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
    helped = set(
        await session.scalars(
            select(interventions_table.c.case_id)
            .join(relevant, relevant.c.id == interventions_table.c.case_id)
            .where(interventions_table.c.kind.in_(sorted(NEIGHBOUR_HELP)))
        )
    )
    hate = PriorityRoute.HATE
    facts = [
        CaseFacts(
            opened_at,
            tuple(categories),
            route == hate or hate in categories,
            tuple(moves.get(case_id, ())),
            tenure=tenure,
            neighbour_help=case_id in helped,
        )
        for case_id, opened_at, categories, route, tenure in await session.execute(select(relevant))
    ]
    subject_contacts = [
        SubjectContactFacts(str(case_id), at, decision == SubjectContact.AGREED.value)
        for case_id, at, decision in await session.execute(
            select(contacts_table.c.case_id, contacts_table.c.contacted_at, cases.c.subject_contact)
            .join(cases, cases.c.id == contacts_table.c.case_id)
            .where(
                contacts_table.c.organisation_id == organisation_id,
                contacts_table.c.with_whom == "subject",
                contacts_table.c.contacted_at >= start,
                contacts_table.c.contacted_at < end,
            )
        )
    ]
    subjects = [
        SubjectFacts(opened_at, tuple(keys or ()))
        for opened_at, keys in await session.execute(
            select(cases.c.opened_at, cases.c.subject_keys).where(
                cases.c.organisation_id == organisation_id,
                cases.c.opened_at >= start - REPEAT_WITHIN,
                cases.c.opened_at < end,
                func.cardinality(cases.c.subject_keys) > 0,
            )
        )
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
    result = measures(
        Facts(facts, timers, plans, interventions, surveys, subject_contacts, subjects),
        query.first,
        query.last,
        Settings(policy.homes, policy.financial_year_start_month, policy.resolve_target_days),
    )
    result["targets"] = performance(
        result["period"], policy.measure_targets, len(months(query.first, query.last))
    )
    return result
