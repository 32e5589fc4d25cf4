"""The events casework consumes, and the feature that handles each."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseReviewRequested,
    ContactWithheld,
    FollowupReceived,
    MessageDelivered,
    MessageFailed,
    ReportReceived,
    ReportReceivedV2,
    SurveySubmitted,
)
from asb_shared.messaging.consumer import Handlers

from .cases import handlers as cases
from .contacts import handlers as contacts

handlers = Handlers()
handlers.on(ReportReceivedV2)(cases.report_received)
handlers.on(ReportReceived)(cases.report_received_v1)
handlers.on(FollowupReceived)(cases.followup_received)
handlers.on(SurveySubmitted)(cases.survey_submitted)
handlers.on(CaseReviewRequested)(cases.case_review_requested)
handlers.on(MessageDelivered)(contacts.message_delivered)
handlers.on(MessageFailed)(contacts.message_failed)
handlers.on(ContactWithheld)(contacts.contact_withheld)
