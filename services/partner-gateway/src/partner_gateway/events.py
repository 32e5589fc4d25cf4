"""The events the partner gateway consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseExpired,
    CaseOpenedV2,
    CaseStatusChanged,
    ContactPreferencesChanged,
    EngagementReferralRequested,
    LegalHoldChanged,
    OrganisationUpdated,
    PersonErased,
    ReportLinkedV2,
    RetentionScheduleChanged,
    SafeguardingReferralMade,
    SubjectAccessRequested,
    WarningMarkersChanged,
)
from asb_shared.messaging.consumer import Handlers
from asb_shared.organisations import projector
from asb_shared.retention_schedules import legal_hold_changed, schedule_changed

from .mash_marac import handlers as mash_marac
from .retention import handlers as retention
from .sharing import handlers as sharing
from .subject_access import handlers as subject_access

handlers = Handlers()
handlers.on(CaseOpenedV2)(sharing.case_opened)
handlers.on(CaseStatusChanged)(sharing.status_changed)
handlers.on(CaseAssigned)(sharing.assigned)
handlers.on(ReportLinkedV2)(sharing.report_linked)
handlers.on(ContactPreferencesChanged)(sharing.contact_changed)
handlers.on(CaseClosedV2)(sharing.case_closed)
handlers.on(EngagementReferralRequested)(sharing.engagement_referral)
handlers.on(WarningMarkersChanged)(sharing.warning_markers_changed)
handlers.on(SafeguardingReferralMade)(mash_marac.referral_made)
handlers.on(OrganisationUpdated)(projector())
handlers.on(SubjectAccessRequested)(subject_access.subject_access_requested)
handlers.on(CaseExpired)(retention.case_expired)
handlers.on(PersonErased)(retention.person_erased)
handlers.on(LegalHoldChanged)(legal_hold_changed)
handlers.on(RetentionScheduleChanged)(schedule_changed)
