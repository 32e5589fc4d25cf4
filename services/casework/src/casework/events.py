"""The events casework consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts.engagement import (
    EngagementOutcomeRecorded,
    EngagementReferralDecided,
    EngagementStatusChanged,
    EngagementSubjectAccessContributed,
)
from asb_shared.contracts.intake import (
    CaseReviewRequested,
    EqualityAnswersGiven,
    FollowupReceived,
    IntakeSubjectAccessContributed,
    ReportReceivedV2,
    SurveySubmitted,
)
from asb_shared.contracts.notifications import (
    ContactWithheld,
    MessageDelivered,
    MessageFailed,
    NotificationsSubjectAccessContributed,
)
from asb_shared.contracts.partner_gateway import (
    ConferenceActionUpdated,
    PartnersSubjectAccessContributed,
    PartnerUpdatePosted,
    SafeguardingReferralProgressed,
)
from asb_shared.messaging.consumer import Handlers

from .contacts import handlers as contacts
from .equality import handlers as equality
from .followups import handlers as followups
from .opening import handlers as opening
from .partners import handlers as partners
from .referrals import handlers as referrals
from .subject_access import handlers as subject_access
from .trigger import handlers as trigger

handlers = Handlers()
handlers.on(ReportReceivedV2)(opening.report_received)
handlers.on(FollowupReceived)(followups.followup_received)
handlers.on(SurveySubmitted)(followups.survey_submitted)
handlers.on(EqualityAnswersGiven)(equality.on_answers_given)
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
for contribution in (
    IntakeSubjectAccessContributed,
    NotificationsSubjectAccessContributed,
    EngagementSubjectAccessContributed,
    PartnersSubjectAccessContributed,
):
    handlers.on(contribution)(subject_access.on_contribution)
