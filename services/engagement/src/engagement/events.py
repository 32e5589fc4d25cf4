"""The events engagement consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts.casework import (
    EngagementReferralRequested,
    LegalHoldChanged,
    OrganisationUpdated,
    PolicyChanged,
    RetentionScheduleChanged,
    SubjectAccessRequested,
)
from asb_shared.contracts.partner_gateway import PartnerEngagementReferral
from asb_shared.messaging.consumer import Handlers
from asb_shared.organisations import projector
from asb_shared.retention_schedules import legal_hold_changed, schedule_changed

from .policy import handlers as policy
from .referrals import handlers as referrals
from .subject_access import handlers as subject_access

handlers = Handlers()
handlers.on(EngagementReferralRequested)(referrals.referral_requested)
handlers.on(PartnerEngagementReferral)(referrals.partner_referral)
handlers.on(OrganisationUpdated)(projector())
handlers.on(SubjectAccessRequested)(subject_access.subject_access_requested)
handlers.on(PolicyChanged)(policy.policy_changed)
handlers.on(LegalHoldChanged)(legal_hold_changed)
handlers.on(RetentionScheduleChanged)(schedule_changed)
