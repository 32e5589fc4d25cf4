"""Finding the cases whose retention period has ended, and removing what identifies anyone.

The selection is the same for the dry run and for a real run (:func:`due_cases`): closed cases
not yet expired, under no legal hold, closed on or before the latest date the landlord's
schedule makes due, each then put to :func:`asb_shared.retention.decide`. A real run claims
them ``FOR UPDATE SKIP LOCKED`` in small batches, so any number of workers share the work and
an officer's action on a case is never waited for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from asb_shared.retention import Action, RecordType, Trigger, decide, latest_start
from sqlalchemy import Table, delete, func, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.index import ReportIndex
from ..cases.models import Case, CaseReport, Complainant, Contact
from ..cases.state_machine import CLOSED_STATES, ClosureOutcome
from ..db import Base, table_of
from ..evidence.models import Evidence
from ..interventions.models import Intervention
from ..languages.models import LanguageNeed
from ..lifecycle.models import CorroborationAttempt
from ..plans.models import ActionPlan
from ..policy.store import current_version, policy_at
from ..referrals.models import Referral
from ..risk.models import RiskAssessment
from ..standards.models import Standard
from ..timeline.models import TimelineEntry
from ..trigger.models import CaseReview, TriggerEligibility
from .pseudonymising import BLANK, COUNTED_TIMELINE_KEYS, DELETED

_CLOSED = [s.value for s in CLOSED_STATES]


@dataclass(frozen=True)
class DueCase:
    """A case whose retention period has ended on the day asked about."""

    case_id: uuid.UUID
    organisation_id: uuid.UUID
    reference: str
    record_type: RecordType
    action: Action
    closed_on: date
    due_on: date


def record_type(case: Case) -> RecordType:
    """An anonymous case closed "information only" has a schedule of its own."""
    if case.anonymous and case.outcome == ClosureOutcome.INFORMATION_ONLY.value:
        return RecordType.INFORMATION_ONLY_REPORT
    return RecordType.CLOSED_CASE


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date()


async def due_cases(
    session: AsyncSession,
    on: date,
    *,
    organisation_id: uuid.UUID | None = None,
    batch: int | None = None,
    claim: bool = False,
) -> list[DueCase]:
    """The cases due on ``on`` (one landlord's, or every landlord's), oldest closure first;
    ``claim`` locks them, skipping cases locked by anyone else."""
    organisations = (
        [organisation_id]
        if organisation_id is not None
        else list(
            await session.scalars(
                select(Case.organisation_id)
                .where(Case.closed_at.is_not(None), Case.expired_at.is_(None))
                .distinct()
            )
        )
    )
    found: list[DueCase] = []
    for org in organisations:
        schedule = (await policy_at(session, org, await current_version(session, org))).retention
        # The longest-kept kind bounds the search; decide() then draws each case's own edge.
        edge = max(latest_start(schedule, t, on) for t in _CASE_TYPES)
        query = (
            select(Case)
            .where(
                Case.organisation_id == org,
                Case.status.in_(_CLOSED),
                Case.closed_at < datetime.combine(edge + timedelta(days=1), time(), UTC),
                Case.expired_at.is_(None),
                Case.legal_hold_at.is_(None),
            )
            .order_by(Case.closed_at, Case.id)
        )
        if batch is not None:
            query = query.limit(batch - len(found))
        if claim:
            query = query.with_for_update(skip_locked=True)
        for case in await session.scalars(query):
            assert case.closed_at is not None
            kind = record_type(case)
            decision = decide(
                schedule,
                kind,
                {Trigger.CLOSED: _day(case.closed_at)},
                legal_hold=case.legal_hold_at is not None,
                on=on,
            )
            if decision.action is not Action.KEEP and decision.due_on is not None:
                found.append(
                    DueCase(
                        case.id,
                        case.organisation_id,
                        case.reference,
                        kind,
                        decision.action,
                        _day(case.closed_at),
                        decision.due_on,
                    )
                )
        if batch is not None and len(found) >= batch:
            break
    return found


_CASE_TYPES = (RecordType.CLOSED_CASE, RecordType.INFORMATION_ONLY_REPORT)


@dataclass(frozen=True)
class Removed:
    report_ids: list[uuid.UUID]
    person_ids: list[uuid.UUID]


_MODELS: dict[str, type[Base]] = {
    m.__tablename__: m
    for m in (
        ActionPlan,
        Case,
        CaseReport,
        CaseReview,
        Complainant,
        Contact,
        CorroborationAttempt,
        Evidence,
        Intervention,
        LanguageNeed,
        Referral,
        ReportIndex,
        RiskAssessment,
        Standard,
        TimelineEntry,
        TriggerEligibility,
    )
}
"""Every table a case has rows in that pseudonymising touches (imported, so they are known)."""


def _table(name: str) -> Table:
    return table_of(_MODELS[name])


def case_tables() -> list[Table]:
    """The tables of a case, parents before children."""
    known = {_table(name) for name in _MODELS}
    return [t for t in Base.metadata.sorted_tables if t in known]


async def parties(session: AsyncSession, case_ids: list[uuid.UUID]) -> Removed:
    """The reports and the complainants' contact records of the cases."""
    reports = await session.scalars(
        select(CaseReport.report_id).where(CaseReport.case_id.in_(case_ids))
    )
    people = await session.scalars(select(Complainant.id).where(Complainant.case_id.in_(case_ids)))
    return Removed(list(reports), list(people))


async def pseudonymise(session: AsyncSession, case_ids: list[uuid.UUID], at: datetime) -> None:
    """Every row of the cases keeps what is counted and loses what identifies anyone."""
    for name, values in BLANK.items():
        table = _table(name)
        key = table.c.id if name == "cases" else table.c.case_id
        await session.execute(update(table).where(key.in_(case_ids)).values(**values))
    timeline = _table("timeline")
    kept = (
        select(
            func.coalesce(
                func.jsonb_object_agg(literal_column("key"), literal_column("value")),
                literal_column("'{}'::jsonb"),
            )
        )
        .select_from(func.jsonb_each(timeline.c.data))
        .where(literal_column("key").in_(COUNTED_TIMELINE_KEYS))
        .scalar_subquery()
    )
    await session.execute(
        update(timeline).where(timeline.c.case_id.in_(case_ids)).values(data=kept)
    )
    for name in DELETED:
        table = _table(name)
        await session.execute(delete(table).where(table.c.case_id.in_(case_ids)))
    await session.execute(update(table_of(Case)).where(Case.id.in_(case_ids)).values(expired_at=at))


async def delete_cases(session: AsyncSession, case_ids: list[uuid.UUID]) -> None:
    """Every row of the cases goes, the case last (the schedule asked to delete: nothing of
    these cases is counted any more)."""
    for table in reversed(case_tables()):
        if "case_id" in table.c:
            await session.execute(delete(table).where(table.c.case_id.in_(case_ids)))
    await session.execute(delete(table_of(Case)).where(Case.id.in_(case_ids)))
