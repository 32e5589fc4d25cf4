"""Casework's events that build the case projection, each mapped to one shape."""

from __future__ import annotations

from asb_shared.anonymity import identified
from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseOpenedV2,
    CaseStatusChanged,
    ContactPreferencesChanged,
    EngagementReferralRequested,
    ReportLinkedV2,
    WarningMarkersChanged,
)
from asb_shared.usecase import UnitOfWork
from sqlalchemy import or_, update

from .models import CaseProjection
from .projection import (
    CaseEvent,
    apply_case_event,
    complainant_from_record,
)


async def case_opened(uow: UnitOfWork, event: CaseOpenedV2) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            case_id=event.case_id,
            case_reference=event.case_reference,
            version=event.version,
            status=event.status,
            categories=[c.value for c in event.categories],
            opened_at=event.opened_at,
            anonymous=event.anonymous,
            route=event.route,
            report_references=(event.report_reference,),
            complainants=complainant_from_record(identified(event.anonymous, event.complainant)),
        ),
    )


async def status_changed(uow: UnitOfWork, event: CaseStatusChanged) -> None:
    await apply_case_event(
        uow, CaseEvent(event.case_id, event.case_reference, event.version, event.status)
    )


async def assigned(uow: UnitOfWork, event: CaseAssigned) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            officer_name=event.officer_name,
        ),
    )


async def report_linked(uow: UnitOfWork, event: ReportLinkedV2) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            report_references=(event.report_reference,),
            complainants=complainant_from_record(identified(event.anonymous, event.complainant)),
        ),
    )


async def contact_changed(uow: UnitOfWork, event: ContactPreferencesChanged) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            complainants=complainant_from_record(event.complainant),
        ),
    )


async def case_closed(uow: UnitOfWork, event: CaseClosedV2) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            outcome=event.outcome,
            closure_reason=event.reason,
            closed_at=event.closed_at,
            report_references=tuple(event.report_references),
            officer_name=event.officer_name,
        ),
    )


async def engagement_referral(uow: UnitOfWork, event: EngagementReferralRequested) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            event.case_id,
            event.case_reference,
            0,
            "received",
            versioned=False,
            engagement_referral={
                "referral_id": str(event.referral_id),
                "subject_name": event.subject_name,
                "reason": event.reason,
                "requested_by": event.requested_by,
            },
        ),
    )


async def warning_markers_changed(uow: UnitOfWork, event: WarningMarkersChanged) -> None:
    """The markers standing on a case now, kept unless a later list is held already (a case not
    projected yet gets them with the next change)."""
    await uow.session.execute(
        update(CaseProjection)
        .where(
            CaseProjection.case_id == event.case_id,
            or_(
                CaseProjection.warning_markers_as_of.is_(None),
                CaseProjection.warning_markers_as_of < event.as_of,
            ),
        )
        .values(
            warning_markers=[m.model_dump(mode="json") for m in event.markers],
            warning_markers_as_of=event.as_of,
        )
    )
