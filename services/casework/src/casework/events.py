"""The events casework consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseReviewRequested,
    ConferenceActionUpdated,
    ContactWithheld,
    EngagementOutcomeRecorded,
    EngagementReferralDecided,
    EngagementStatusChanged,
    FollowupReceived,
    MessageDelivered,
    MessageFailed,
    PartnerUpdatePosted,
    ReportReceived,
    ReportReceivedV2,
    SafeguardingReferralProgressed,
    SurveySubmitted,
)
from asb_shared.messaging.consumer import Handlers

from .contacts import handlers as contacts
from .followups import handlers as followups
from .opening import handlers as opening
from .partners import handlers as partners
from .referrals import handlers as referrals
from .trigger import handlers as trigger

handlers = Handlers()
handlers.on(ReportReceivedV2)(opening.report_received)
handlers.on(ReportReceived)(opening.report_received_v1)
handlers.on(FollowupReceived)(followups.followup_received)
handlers.on(SurveySubmitted)(followups.survey_submitted)
handlers.on(CaseReviewRequested)(trigger.case_review_requested)
handlers.on(MessageDelivered)(contacts.message_delivered)
handlers.on(MessageFailed)(contacts.message_failed)
handlers.on(EngagementReferralDecided)(referrals.referral_decided)
handlers.on(EngagementStatusChanged)(referrals.engagement_changed)
handlers.on(EngagementOutcomeRecorded)(referrals.outcome_recorded)
handlers.on(PartnerUpdatePosted)(partners.update_posted)
handlers.on(SafeguardingReferralProgressed)(partners.safeguarding_progressed)
handlers.on(ConferenceActionUpdated)(partners.conference_action_updated)
handlers.on(ContactWithheld)(contacts.contact_withheld)
