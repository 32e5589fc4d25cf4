"""Use cases of equality monitoring: answers kept apart as they come (from intake with a report,
or recorded by an officer for a subject or complainant), and the fair-handling report."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts.intake import EqualityAnswers, EqualityAnswersGiven
from asb_shared.usecase import UnitOfWork
from sqlalchemy import Integer, func, select

from ..cases.models import Case, CaseReport
from ..cases.store import case_to_read, staff
from ..timeline.models import TimelineEntry
from .fairness import Group, Handled, fair_handling
from .models import EqualityRecord

CHARACTERISTICS = tuple(EqualityAnswers.model_fields)
COMPLAINANT = "complainant"
SUBJECT = "subject"


def _record(
    organisation_id: uuid.UUID,
    role: str,
    answers: EqualityAnswers,
    *,
    report_reference: str | None = None,
    case_id: uuid.UUID | None = None,
    at: datetime,
) -> EqualityRecord:
    return EqualityRecord(
        organisation_id=organisation_id,
        role=role,
        report_reference=report_reference,
        case_id=case_id,
        given_at=at,
        **answers.given(),
    )


async def answers_given(uow: UnitOfWork, event: EqualityAnswersGiven) -> None:
    """A reporter's answers came with their report: kept apart, by the report's reference (the
    case it joins is found when the report is made, never written on the case)."""
    if not event.answers.given():
        return
    uow.session.add(
        _record(
            uow.envelope.organisation_id,
            COMPLAINANT,
            event.answers,
            report_reference=event.report_reference,
            at=uow.now(),
        )
    )


@dataclass(frozen=True)
class RecordAnswers:
    """What a complainant or subject of a case answered, recorded by a member of staff."""

    case_id: uuid.UUID
    role: str
    answers: EqualityAnswers


async def record_answers(uow: UnitOfWork, command: RecordAnswers) -> None:
    """Keep the answers apart from the case; nothing about them goes on the case or its
    timeline, and nobody can read them back one by one."""
    case = await case_to_read(uow, command.case_id)
    if command.answers.given():
        uow.session.add(
            _record(
                case.organisation_id,
                command.role,
                command.answers,
                case_id=case.id,
                at=uow.now(),
            )
        )


@dataclass(frozen=True)
class FairHandlingQuery:
    """Cases opened from ``start`` (inclusive) to ``end`` (exclusive); groups under
    ``min_group_size`` suppressed."""

    start: datetime
    end: datetime
    min_group_size: int


async def fair_handling_report(uow: UnitOfWork, query: FairHandlingQuery) -> list[Group]:
    """Reports, outcomes, time to resolve and satisfaction by characteristic, for the acting
    landlord's cases opened in the period; small groups suppressed."""
    organisation_id = staff(uow).organisation_id
    survey = (
        select(
            TimelineEntry.case_id,
            func.max(TimelineEntry.data["handling"].astext.cast(Integer)).label("handling"),
        )
        .where(
            TimelineEntry.organisation_id == organisation_id,
            TimelineEntry.kind == "satisfaction_survey",
        )
        .group_by(TimelineEntry.case_id)
        .subquery()
    )
    rows = await uow.session.execute(
        select(EqualityRecord, Case.outcome, Case.opened_at, Case.closed_at, survey.c.handling)
        .outerjoin(CaseReport, CaseReport.report_reference == EqualityRecord.report_reference)
        .join(Case, Case.id == func.coalesce(EqualityRecord.case_id, CaseReport.case_id))
        .outerjoin(survey, survey.c.case_id == Case.id)
        .where(
            EqualityRecord.organisation_id == organisation_id,
            Case.organisation_id == organisation_id,
            Case.opened_at >= query.start,
            Case.opened_at < query.end,
        )
    )
    handled = [
        Handled(
            record.role,
            {c: v for c in CHARACTERISTICS if (v := getattr(record, c)) is not None},
            outcome=outcome if closed_at is not None else None,
            days_to_resolve=(closed_at - opened_at).total_seconds() / 86400
            if closed_at is not None and outcome == "resolved"
            else None,
            satisfaction=handling,
        )
        for record, outcome, opened_at, closed_at, handling in rows
    ]
    return fair_handling(handled, CHARACTERISTICS, min_group_size=query.min_group_size)
