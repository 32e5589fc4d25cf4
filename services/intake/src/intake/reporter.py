"""What a reporter can do and see with their reference and token: add incidents, answer the
satisfaction survey, and read the updates meant for them (and nothing else)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from asb_shared.contracts import FollowupReceived, SurveySubmitted
from asb_shared.db import Database
from asb_shared.errors import ApiError
from asb_shared.messaging import Outbox
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .models import EvidenceFile, Followup, Report, ReporterUpdate, ReportStatus, SurveyResponse

Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=5, max_length=10_000)
]


class FollowupIn(BaseModel):
    """A new incident: what happened, and when."""

    model_config = ConfigDict(extra="forbid")

    description: Description
    occurred_at: datetime

    @field_validator("occurred_at")
    @classmethod
    def _past(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("needs a timezone, for example 2026-11-20T21:30:00Z")
        if value > datetime.now(UTC) + timedelta(minutes=5):
            raise ValueError("is in the future")
        return value


class FollowupOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    description: str | None
    occurred_at: datetime | None
    received_at: datetime


class UpdateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    text: str


class EvidenceSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    received_at: datetime


class ReporterView(BaseModel):
    """A reporter's own report: theirs alone, in their own words, with updates meant for them."""

    reference: str
    status: str
    case_reference: str | None
    categories: list[str]
    description: str
    occurred_at: datetime
    received_at: datetime
    followups: list[FollowupOut]
    evidence: list[EvidenceSummary]
    updates: list[UpdateOut]
    survey_open: bool


Rating = Annotated[int, Field(ge=1, le=5, description="1 very dissatisfied ... 5 very satisfied")]


class SurveyIn(BaseModel):
    """TP12: satisfaction with the landlord's approach to handling ASB, and with the outcome."""

    model_config = ConfigDict(extra="forbid")

    handling: Rating
    outcome: Rating
    comments: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None = (
        None
    )


async def reporter_view(db: Database, report: Report, status: ReportStatus) -> ReporterView:
    async with db.sessions() as session:
        followups = (
            await session.scalars(
                select(Followup)
                .where(Followup.report_id == report.id)
                .order_by(Followup.received_at)
            )
        ).all()
        evidence = (
            await session.scalars(
                select(EvidenceFile)
                .where(EvidenceFile.report_id == report.id)
                .order_by(EvidenceFile.received_at)
            )
        ).all()
        updates = (
            await session.scalars(
                select(ReporterUpdate)
                .where(ReporterUpdate.report_id == report.id)
                .order_by(ReporterUpdate.at)
            )
        ).all()
        answered = await session.scalar(
            select(SurveyResponse.id).where(SurveyResponse.report_id == report.id)
        )
    return ReporterView(
        reference=report.reference,
        status=status.status,
        case_reference=status.case_reference,
        categories=list(report.categories),
        description=report.description,
        occurred_at=report.occurred_at,
        received_at=report.received_at,
        followups=[FollowupOut.model_validate(f) for f in followups],
        evidence=[EvidenceSummary.model_validate(e) for e in evidence],
        updates=[UpdateOut.model_validate(u) for u in updates],
        survey_open=status.status == "closed" and answered is None and not report.anonymous,
    )


async def add_followup(
    db: Database, outbox: Outbox, report: Report, body: FollowupIn
) -> FollowupOut:
    """Record a new incident on the report and tell casework, in one transaction."""
    async with db.transaction() as session:
        row = (
            await session.execute(
                insert(Followup)
                .values(
                    organisation_id=report.organisation_id,
                    report_id=report.id,
                    kind="incident",
                    description=body.description,
                    occurred_at=body.occurred_at,
                )
                .returning(Followup)
            )
        ).scalar_one()
        await outbox.add(
            session,
            FollowupReceived(
                followup_id=row.id,
                report_id=report.id,
                report_reference=report.reference,
                kind="incident",
                description=body.description,
                occurred_at=body.occurred_at,
            ),
            organisation_id=report.organisation_id,
        )
    return FollowupOut.model_validate(row)


async def submit_survey(
    db: Database, outbox: Outbox, report: Report, status: ReportStatus, body: SurveyIn
) -> None:
    """Keep the answers (once per report, after closure) and pass them on for the measures."""
    if status.status != "closed":
        raise ApiError(409, "not_closed", "The survey opens when the case is closed.")
    async with db.transaction() as session:
        stored = await session.execute(
            pg_insert(SurveyResponse)
            .values(
                organisation_id=report.organisation_id,
                report_id=report.id,
                handling=body.handling,
                outcome=body.outcome,
                comments=body.comments,
            )
            .on_conflict_do_nothing(index_elements=[SurveyResponse.report_id])
            .returning(SurveyResponse.id)
        )
        if stored.first() is None:
            raise ApiError(
                409, "already_answered", "This survey has already been answered. Thank you."
            )
        await outbox.add(
            session,
            SurveySubmitted(
                report_id=report.id,
                report_reference=report.reference,
                case_reference=status.case_reference,
                handling=body.handling,
                outcome=body.outcome,
                comments=body.comments,
            ),
            organisation_id=report.organisation_id,
        )
