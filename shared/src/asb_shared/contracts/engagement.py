"""The events the Positive Engagement Service publishes.

Policy 3.9: the Positive Engagement Service is confidential. What casework may show is a status
or an outcome and a date with the case it concerns; never the client's needs, plan, consent
details, free-text reasons or notes.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from ..messaging.envelope import Event
from .common import SubjectAccessContribution


class PlanReviewDue(Event):
    """A client's support plan review is due soon (``warning``) or overdue (``breach``): a
    reminder to their Positive Engagement Officer. Confidential: no client details beyond the
    engagement reference."""

    event_type = "engagement.plan.review_due"

    plan_id: uuid.UUID
    client_id: uuid.UUID
    client_reference: str
    peo_id: str | None = None
    due_at: datetime
    stage: str
    """``warning`` or ``breach``."""


class EngagementReferralDecided(Event):
    """The Positive Engagement Service accepted or declined a referral about a case's subject.

    ``decline_reason`` is a code (``criteria_not_met``, ``client_declined``,
    ``already_supported``, ``out_of_area``, ``other``), never the officer's free text."""

    event_type = "engagement.referral.decided"

    referral_id: uuid.UUID
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    decision: str
    """``accepted`` or ``declined``."""
    decline_reason: str | None = None
    decided_at: datetime
    within_standard: bool
    client_reference: str | None = None
    """The engagement reference of the client the referral joined (accepted only)."""


class EngagementStatusChanged(Event):
    """A client's engagement changed: consent given or withdrawn, disengaged, re-engaged.

    ``status`` is the client's engagement status after the change (``engaged``,
    ``consent_withdrawn``, ``disengaged``); ``change`` what happened; ``effective_on`` the date
    it took effect. ``case_ids`` are the cases whose subject the client is."""

    event_type = "engagement.client.engagement_changed"

    client_id: uuid.UUID
    client_reference: str
    case_ids: list[uuid.UUID] = []
    change: str
    status: str
    effective_on: date
    version: int
    """Rises with every change to the client: a projection keeps the highest."""


class EngagementOutcomeRecorded(Event):
    """The Positive Engagement Service recorded its outcome for a client: ``behaviour_stopped``,
    ``legal_action_avoided``, ``tenancy_sustained``, ``disengaged`` or ``escalated``."""

    event_type = "engagement.outcome.recorded"

    client_id: uuid.UUID
    client_reference: str
    case_ids: list[uuid.UUID] = []
    outcome: str
    recorded_on: date
    legal_action_avoided: bool
    version: int


class EngagementSubjectAccessContributed(SubjectAccessContribution):
    event_type = "engagement.subject_access.contributed"
