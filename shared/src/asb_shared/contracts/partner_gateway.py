"""The events the partner gateway publishes (``partners.*``): what partner agencies referred,
posted or updated, where a safeguarding referral has got to, and a paused webhook endpoint."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from ..messaging.envelope import Event
from .common import AsbCategory, Location, Person, SubjectAccessContribution


class PartnerEngagementReferral(Event):
    """A partner agency referred a person to the Positive Engagement Service."""

    event_type = "partners.engagement_referral.received"

    referral_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    agreement_id: uuid.UUID
    person_name: str
    reason: str
    criteria: list[str] = []
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    contact_notes: str | None = None


class PartnerUpdatePosted(Event):
    """A partner agency posted an update or an action taken ("warning issued", "closure order
    granted", "joint visit done") on a case shared with it. Goes on the case's timeline with
    the partner's name."""

    event_type = "partners.update.posted"

    update_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    partner_id: uuid.UUID
    partner_name: str
    agreement_id: uuid.UUID
    kind: str
    """``update`` (information) or ``action`` (something the partner did)."""
    action: str | None = None
    """For an action: ``warning_issued``, ``closure_order_granted``, ``joint_visit_done``..."""
    text: str
    occurred_at: datetime
    posted_at: datetime


class PartnerReferralReceived(Event):
    """A partner agency referred a person or a problem to the landlord: becomes a report."""

    event_type = "partners.referral.received"

    referral_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    agreement_id: uuid.UUID
    categories: list[AsbCategory]
    description: str
    location: Location
    occurred_at: datetime | None = None
    subjects: list[Person] = []
    case_id: uuid.UUID | None = None
    """The shared case it concerns, if any."""
    referred_by: str
    """The partner's officer who made the referral, as the partner names them."""
    received_at: datetime


class SafeguardingReferralProgressed(Event):
    """Where a MASH or MARAC referral has got to at the partner: ``delivered``,
    ``undeliverable`` (no MASH/MARAC partner with an active agreement: the officer must act),
    ``acknowledged`` or ``outcome_recorded``. Goes on the case's timeline."""

    event_type = "partners.safeguarding_referral.progressed"

    referral_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    stage: str
    partner_id: uuid.UUID | None = None
    partner_name: str | None = None
    outcome: str | None = None
    note: str | None = None
    at: datetime


class ConferenceActionUpdated(Event):
    """A partner agency updated an action agreed at a multi-agency case conference."""

    event_type = "partners.conference_action.updated"

    action_id: uuid.UUID
    conference_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    partner_id: uuid.UUID
    partner_name: str
    description: str
    status: str
    """``open``, ``in_progress`` or ``done``."""
    note: str | None = None
    due_on: date
    updated_at: datetime


class WebhookEndpointPaused(Event):
    """A partner's webhook endpoint kept failing and deliveries to it are paused: the
    partner's administrator is told so they can fix it and resume."""

    event_type = "partners.webhook_endpoint.paused"

    endpoint_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    admin_email: str
    url: str
    failures: int
    last_error: str | None = None
    paused_at: datetime


class PartnersSubjectAccessContributed(SubjectAccessContribution):
    event_type = "partners.subject_access.contributed"
