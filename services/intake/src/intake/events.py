"""The events intake consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseAssigned,
    CaseClosed,
    CaseClosedV2,
    CaseExpired,
    CaseOpened,
    CaseOpenedV2,
    CaseStatusChanged,
    InAppMessagePosted,
    LegalHoldChanged,
    OrganisationUpdated,
    PartnerReferralReceived,
    PersonErased,
    ReportLinked,
    ReportLinkedV2,
    RetentionScheduleChanged,
)
from asb_shared.messaging.consumer import Handlers
from asb_shared.organisations import projector
from asb_shared.retention_schedules import legal_hold_changed, schedule_changed

from .channels.partners import handlers as partners
from .reporter import handlers as reporter
from .reports.references import REFERENCE_KINDS
from .retention import handlers as retention

handlers = Handlers()
handlers.on(CaseOpenedV2)(reporter.case_opened)
handlers.on(CaseOpened)(reporter.case_opened)
handlers.on(ReportLinkedV2)(reporter.report_linked)
handlers.on(ReportLinked)(reporter.report_linked)
handlers.on(CaseAssigned)(reporter.case_assigned)
handlers.on(CaseStatusChanged)(reporter.status_changed)
handlers.on(CaseClosedV2)(reporter.case_closed)
handlers.on(CaseClosed)(reporter.case_closed)
handlers.on(InAppMessagePosted)(reporter.in_app_message_posted)
handlers.on(PartnerReferralReceived)(partners.referral_received)
handlers.on(OrganisationUpdated)(projector(reference_kinds=REFERENCE_KINDS))
handlers.on(CaseExpired)(retention.case_expired)
handlers.on(PersonErased)(retention.person_erased)
handlers.on(LegalHoldChanged)(legal_hold_changed)
handlers.on(RetentionScheduleChanged)(schedule_changed)
