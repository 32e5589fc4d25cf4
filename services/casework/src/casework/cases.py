"""Use cases for cases: open one for a report; read them as an officer."""

from __future__ import annotations

import uuid

from asb_shared.contracts import (
    CaseOpened,
    Contact,
    MessageDelivered,
    MessageFailed,
    ReportReceived,
)
from asb_shared.messaging.consumer import HandlerContext
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Case, CaseReport

RECEIVED = "received"


def _location_text(event: ReportReceived) -> str | None:
    loc = event.location
    parts = [loc.description, loc.address, loc.postcode]
    text = ", ".join(p for p in parts if p)
    if not text and loc.latitude is not None:
        text = f"{loc.latitude:.5f}, {loc.longitude:.5f}"
    return text or None


async def open_case_for_report(ctx: HandlerContext, event: ReportReceived) -> Case | None:
    """Open a case for a new report and announce it; None if the report already has one."""
    session = ctx.session
    known = await session.scalar(
        select(CaseReport.case_id).where(CaseReport.report_id == event.report_id)
    )
    if known is not None:
        return None
    reporter = event.reporter
    case = (
        await session.execute(
            insert(Case)
            .values(
                organisation_id=ctx.envelope.organisation_id,
                status=RECEIVED,
                categories=[c.value for c in event.categories],
                summary=event.description[:500],
                location=_location_text(event),
                anonymous=event.anonymous,
                complainant_name=reporter.name if reporter else None,
                complainant_email=reporter.email if reporter else None,
                complainant_phone=reporter.phone if reporter else None,
                complainant_preferred_channel=(
                    reporter.preferred_channel.value
                    if reporter and reporter.preferred_channel
                    else None
                ),
            )
            .returning(Case)
        )
    ).scalar_one()
    await session.execute(
        insert(CaseReport).values(
            report_id=event.report_id,
            case_id=case.id,
            organisation_id=case.organisation_id,
            report_reference=event.reference,
            channel=event.channel.value,
            description=event.description,
            occurred_at=event.occurred_at,
            received_at=event.received_at,
        )
    )
    await ctx.emit(
        CaseOpened(
            case_id=case.id,
            case_reference=case.reference,
            version=case.version,
            status=case.status,
            categories=event.categories,
            report_id=event.report_id,
            report_reference=event.reference,
            opened_at=case.opened_at,
            anonymous=event.anonymous,
            complainant=Contact.model_validate(reporter.model_dump()) if reporter else None,
        )
    )
    return case


ACKNOWLEDGEMENT_TEMPLATE = "report_acknowledgement"


async def record_acknowledgement(
    ctx: HandlerContext, event: MessageDelivered | MessageFailed
) -> None:
    """Keep on the case whether the complainant's acknowledgement reached them."""
    if event.template != ACKNOWLEDGEMENT_TEMPLATE or event.case_id is None:
        return
    values: dict[str, object] = (
        {"acknowledged_at": event.delivered_at, "acknowledgement_failed": False}
        if isinstance(event, MessageDelivered)
        else {"acknowledgement_failed": True}
    )
    await ctx.session.execute(
        update(Case)
        .where(Case.id == event.case_id, Case.organisation_id == ctx.envelope.organisation_id)
        .values(**values)
    )


async def list_cases(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    *,
    status: str | None,
    report_reference: str | None,
    limit: int,
    cursor: uuid.UUID | None,
) -> list[Case]:
    """An organisation's cases, newest first, keyset-paginated by id."""
    query = select(Case).where(Case.organisation_id == organisation_id)
    if status:
        query = query.where(Case.status == status)
    if report_reference:
        query = query.where(
            Case.id.in_(
                select(CaseReport.case_id).where(CaseReport.report_reference == report_reference)
            )
        )
    if cursor:
        query = query.where(Case.id < cursor)
    return list((await session.scalars(query.order_by(Case.id.desc()).limit(limit))).all())


async def get_case(
    session: AsyncSession, organisation_id: uuid.UUID, case_id: uuid.UUID
) -> Case | None:
    """A case of the caller's organisation; another organisation's case does not exist for them."""
    return await session.scalar(
        select(Case).where(Case.id == case_id, Case.organisation_id == organisation_id)
    )


async def reports_of(session: AsyncSession, case_id: uuid.UUID) -> list[CaseReport]:
    return list(
        (
            await session.scalars(
                select(CaseReport)
                .where(CaseReport.case_id == case_id)
                .order_by(CaseReport.received_at)
            )
        ).all()
    )
