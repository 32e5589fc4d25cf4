"""The events intake consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseExpired,
    CaseOpenedV2,
    CaseStatusChanged,
    LegalHoldChanged,
    OrganisationUpdated,
    PersonErased,
    ReportLinkedV2,
    RetentionScheduleChanged,
    SubjectAccessRequested,
)
from asb_shared.contracts.notifications import InAppMessagePosted
from asb_shared.contracts.partner_gateway import PartnerReferralReceived
from asb_shared.messaging.consumer import Handlers
from asb_shared.organisations import projector
from asb_shared.retention_schedules import legal_hold_changed, schedule_changed
from asb_shared.usecase import UnitOfWork

from .channels.email import handlers as email
from .channels.partners import handlers as partners
from .reporter import handlers as reporter
from .reports.references import REFERENCE_KINDS
from .retention import handlers as retention
from .subject_access import handlers as subject_access


async def case_opened(uow: UnitOfWork, event: CaseOpenedV2) -> None:
    """The reporter's view follows the new case; an email reporter's reply is decided."""
    await reporter.case_opened(uow, event)
    await email.case_opened(uow, event)


async def report_linked(uow: UnitOfWork, event: ReportLinkedV2) -> None:
    """The reporter's view follows the case joined; an email reporter's reply is decided."""
    await reporter.report_linked(uow, event)
    await email.report_linked(uow, event)


handlers = Handlers()
handlers.on(CaseOpenedV2)(case_opened)
handlers.on(ReportLinkedV2)(report_linked)
handlers.on(CaseAssigned)(reporter.case_assigned)
handlers.on(CaseStatusChanged)(reporter.status_changed)
handlers.on(CaseClosedV2)(reporter.case_closed)
handlers.on(InAppMessagePosted)(reporter.in_app_message_posted)
handlers.on(PartnerReferralReceived)(partners.referral_received)
handlers.on(OrganisationUpdated)(projector(reference_kinds=REFERENCE_KINDS))
handlers.on(SubjectAccessRequested)(subject_access.subject_access_requested)
handlers.on(CaseExpired)(retention.case_expired)
handlers.on(PersonErased)(retention.person_erased)
handlers.on(LegalHoldChanged)(legal_hold_changed)
handlers.on(RetentionScheduleChanged)(schedule_changed)
