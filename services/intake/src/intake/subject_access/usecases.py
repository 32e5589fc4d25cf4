"""What intake holds about the person of a subject access request: their reports (what they
said, where, who they named), the files and incidents they added, their survey answers. Found
by the references casework matched to them and by their email address or phone number. The
tracking code is never stored in clear, so it is never part of it."""

from __future__ import annotations

from asb_shared.contracts.casework import SubjectAccessRequested
from asb_shared.contracts.intake import IntakeSubjectAccessContributed
from asb_shared.subject_access import item
from asb_shared.usecase import UnitOfWork
from sqlalchemy import func, or_, select

from ..reporter.models import SurveyResponse
from ..reports.models import EvidenceFile, Followup, Report


async def contribute(uow: UnitOfWork, command: SubjectAccessRequested) -> None:
    """Answer the request with what intake holds about the person (perhaps nothing)."""
    organisation_id = uow.envelope.organisation_id
    emails = [e.lower() for e in command.emails]
    found = [
        Report.reference.in_(command.report_references),
        func.lower(Report.reporter_email).in_(emails),
        Report.reporter_phone.in_(command.phones),
    ]
    reports = list(
        await uow.session.scalars(
            select(Report)
            .where(Report.organisation_id == organisation_id, Report.anonymous.is_(False))
            .where(or_(*found))
            .order_by(Report.received_at)
        )
    )
    items = []
    for report in reports:
        items.append(
            item(
                "report",
                {
                    "channel": report.channel,
                    "categories": list(report.categories),
                    "description": report.description,
                    "where": report.location_address or report.location_description,
                    "postcode": report.location_postcode,
                    "occurred_at": report.occurred_at.isoformat(),
                    "your_name": report.reporter_name,
                    "your_email": report.reporter_email,
                    "your_phone": report.reporter_phone,
                    "your_address": report.reporter_address,
                    "contact_preferences": report.contact_preferences,
                    "contact_times": report.contact_times,
                    "risk_answers": report.risk_answers,
                    "people": report.people,
                },
                reference=report.reference,
                at=report.received_at,
            )
        )
    ids = [r.id for r in reports]
    references = {r.id: r.reference for r in reports}
    if ids:
        for followup in await uow.session.scalars(
            select(Followup).where(Followup.report_id.in_(ids)).order_by(Followup.received_at)
        ):
            items.append(
                item(
                    f"followup_{followup.kind}",
                    {"description": followup.description},
                    reference=references[followup.report_id],
                    at=followup.received_at,
                )
            )
        for file in await uow.session.scalars(
            select(EvidenceFile).where(EvidenceFile.report_id.in_(ids))
        ):
            items.append(
                item(
                    "evidence_file",
                    {
                        "filename": file.filename,
                        "content_type": file.content_type,
                        "size": file.size,
                        "sha256": file.sha256,
                    },
                    reference=references[file.report_id],
                    at=file.received_at,
                )
            )
        for survey in await uow.session.scalars(
            select(SurveyResponse).where(SurveyResponse.report_id.in_(ids))
        ):
            items.append(
                item(
                    "survey_answer",
                    {
                        "handling": survey.handling,
                        "outcome": survey.outcome,
                        "comments": survey.comments,
                    },
                    reference=references[survey.report_id],
                    at=survey.submitted_at,
                )
            )
    await uow.emit(IntakeSubjectAccessContributed(request_id=command.request_id, items=items))
