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

from .cases import handlers as cases
from .contacts import handlers as contacts
from .partners import handlers as partners
from .referrals import handlers as referrals

handlers = Handlers()
handlers.on(ReportReceivedV2)(cases.report_received)
handlers.on(ReportReceived)(cases.report_received_v1)
handlers.on(FollowupReceived)(cases.followup_received)
handlers.on(SurveySubmitted)(cases.survey_submitted)
handlers.on(CaseReviewRequested)(cases.case_review_requested)
handlers.on(MessageDelivered)(contacts.message_delivered)
handlers.on(MessageFailed)(contacts.message_failed)
handlers.on(EngagementReferralDecided)(referrals.referral_decided)
handlers.on(EngagementStatusChanged)(referrals.engagement_changed)
handlers.on(EngagementOutcomeRecorded)(referrals.outcome_recorded)
handlers.on(PartnerUpdatePosted)(partners.update_posted)
handlers.on(SafeguardingReferralProgressed)(partners.safeguarding_progressed)
handlers.on(ConferenceActionUpdated)(partners.conference_action_updated)
handlers.on(ContactWithheld)(contacts.contact_withheld)
