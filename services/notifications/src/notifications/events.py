"""The events notifications consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseExpired,
    CaseOpenedV2,
    CaseReviewProgressed,
    CommunityTriggerEligible,
    ContactPreferencesChanged,
    LegalHoldChanged,
    OrganisationUpdated,
    PersonErased,
    ReportLinkedV2,
    RetentionScheduleChanged,
    StandardBreached,
    StandardWarning,
    SubjectAccessRequested,
    UpdateShared,
)
from asb_shared.contracts.engagement import PlanReviewDue
from asb_shared.contracts.partner_gateway import WebhookEndpointPaused
from asb_shared.messaging.consumer import Handlers
from asb_shared.organisations import projector
from asb_shared.retention_schedules import legal_hold_changed, schedule_changed

from .messages import handlers as messages
from .retention import handlers as retention
from .subject_access import handlers as subject_access

handlers = Handlers()
handlers.on(CaseOpenedV2)(messages.on_case_opened)
handlers.on(ReportLinkedV2)(messages.on_report_linked)
handlers.on(ContactPreferencesChanged)(messages.on_contact_changed)
handlers.on(CaseAssigned)(messages.on_case_assigned)
handlers.on(UpdateShared)(messages.on_update_shared)
handlers.on(CaseClosedV2)(messages.on_case_closed)
handlers.on(CommunityTriggerEligible)(messages.on_community_trigger)
handlers.on(CaseReviewProgressed)(messages.on_case_review_progressed)
handlers.on(StandardWarning)(messages.on_standard_warning)
handlers.on(StandardBreached)(messages.on_standard_breached)
handlers.on(PlanReviewDue)(messages.on_plan_review_due)
handlers.on(WebhookEndpointPaused)(messages.on_webhook_paused)
handlers.on(OrganisationUpdated)(projector())
handlers.on(SubjectAccessRequested)(subject_access.subject_access_requested)
handlers.on(CaseExpired)(retention.case_expired)
handlers.on(PersonErased)(retention.person_erased)
handlers.on(LegalHoldChanged)(legal_hold_changed)
handlers.on(RetentionScheduleChanged)(schedule_changed)
