"""The event contracts: what each service publishes, as typed pydantic models.

Routing key = ``event_type``. The envelope carries the organisation, ids and timestamps; the
contract carries the event's own facts. Consumers ignore fields they do not know; a breaking
change is a new class with a higher ``event_version``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .messaging.envelope import Event


class AsbCategory(StrEnum):
    """The ASB categories a report or case can carry (several at once)."""

    NOISE = "noise"
    VERBAL_ABUSE = "verbal_abuse"
    HATE_INCIDENT = "hate_incident"
    DOMESTIC_ABUSE = "domestic_abuse"
    DRUGS = "drugs"
    ALCOHOL = "alcohol"
    CRIMINAL_BEHAVIOUR = "criminal_behaviour"
    PHYSICAL_VIOLENCE = "physical_violence"
    VANDALISM = "vandalism"
    GRAFFITI = "graffiti"
    LITTER = "litter"
    GARDEN_NUISANCE = "garden_nuisance"
    COMMUNAL_AREAS = "communal_areas"
    PETS_ANIMALS = "pets_animals"
    NUISANCE_VEHICLES = "nuisance_vehicles"
    BOUNDARY_DISPUTE = "boundary_dispute"
    CAR_PARKING = "car_parking"
    CONDITION_OF_PROPERTY = "condition_of_property"
    PERSONAL_ALLEGATION = "personal_allegation"
    CUCKOOING = "cuckooing"
    OTHER = "other"


class Channel(StrEnum):
    """How a report reached the landlord."""

    WEB = "web"
    APP = "app"
    EMAIL = "email"
    WEBCHAT = "webchat"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in_person"
    OPEN311 = "open311"
    """Civic reporting tools (FixMyStreet and others) through the GeoReport v2 interface."""


class ContactChannel(StrEnum):
    """How a person agreed to be contacted."""

    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    LETTER = "letter"


class Contact(BaseModel):
    """A person's contact details as carried between services."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    preferred_channel: ContactChannel | None = None
    contact_times: str | None = None
    """When the person can be contacted, in their words."""
    safe_contact: str | None = None
    """Safe-contact instructions, always obeyed (domestic abuse: never a shared address or number)."""


class Location(BaseModel):
    model_config = ConfigDict(extra="ignore")

    address: str | None = None
    postcode: str | None = None
    uprn: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None


# --- intake ---------------------------------------------------------------------------------


class EvidenceRef(BaseModel):
    """A file received with a report or follow-up, as intake stored and hashed it."""

    model_config = ConfigDict(extra="ignore")

    evidence_id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str


class Person(BaseModel):
    """Someone involved in a report, with whatever is known of them."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    address: str | None = None
    description: str | None = None


class ReportReceived(Event):
    """A report arrived through any channel and was stored."""

    event_type = "intake.report.received"

    report_id: uuid.UUID
    reference: str
    channel: Channel
    categories: list[AsbCategory]
    description: str
    location: Location
    occurred_at: datetime
    received_at: datetime
    anonymous: bool
    reporter: Contact | None = None
    subjects: list[Person] = []
    """The people the report is about, as far as the reporter knows them."""
    witnesses: list[Person] = []
    risk_answers: dict[str, str] = {}
    """The reporter's answers to the risk assessment questions, by question id."""
    occurred_until: datetime | None = None
    received_by: str | None = None
    """The member of staff who keyed the report (phone, letter, in person)."""
    evidence: list[EvidenceRef] = []


class FollowupReceived(Event):
    """A reporter added to their report: a new incident (diary entry) or evidence."""

    event_type = "intake.followup.received"

    followup_id: uuid.UUID
    report_id: uuid.UUID
    report_reference: str
    kind: str
    description: str | None = None
    occurred_at: datetime | None = None
    evidence: list[EvidenceRef] = []


class SurveySubmitted(Event):
    """A complainant answered the satisfaction survey (TP12: 1 very dissatisfied .. 5 very satisfied)."""

    event_type = "intake.survey.submitted"

    report_id: uuid.UUID
    report_reference: str
    case_reference: str | None = None
    handling: int
    outcome: int
    comments: str | None = None


class CaseReviewRequested(Event):
    """A Community Trigger (ASB case review) application was made."""

    event_type = "intake.case_review.requested"

    application_id: uuid.UUID
    applicant: Contact
    on_behalf_of: str | None = None
    consent_given: bool | None = None
    report_references: list[str]
    description: str


# --- casework -------------------------------------------------------------------------------


class CaseOpened(Event):
    """A case was opened for a report. ``version`` orders the case's events for projections."""

    event_type = "casework.case.opened"

    case_id: uuid.UUID
    case_reference: str
    version: int
    status: str
    categories: list[AsbCategory]
    report_id: uuid.UUID
    report_reference: str
    opened_at: datetime
    anonymous: bool
    complainant: Contact | None = None


class CaseChange(Event):
    """Base of casework's events about one case; ``version`` orders them for projections."""

    case_id: uuid.UUID
    case_reference: str
    version: int
    status: str


class ReportLinked(CaseChange):
    """A further report joined an open case instead of opening a new one (the NM01 rule)."""

    event_type = "casework.report.linked"

    report_id: uuid.UUID
    report_reference: str
    reason: str
    anonymous: bool = False
    reporter: Contact | None = None
    """Who made the linked report, to acknowledge it (they may not be the case's complainant)."""


class CaseStatusChanged(CaseChange):
    """A case moved through its lifecycle."""

    event_type = "casework.case.status_changed"

    previous_status: str
    command: str
    reason: str | None = None


class CaseAssigned(CaseChange):
    """A designated officer was given the case (or it was reassigned)."""

    event_type = "casework.case.assigned"

    officer_id: str
    officer_name: str
    reason: str


class CaseClosed(CaseChange):
    """A case was closed with an outcome; it asks for the satisfaction survey."""

    event_type = "casework.case.closed"

    outcome: str
    reason: str
    closed_at: datetime
    anonymous: bool
    complainant: Contact | None = None
    report_references: list[str] = []


class StandardWarning(Event):
    """A service standard will breach soon unless the action that meets it is recorded."""

    event_type = "casework.standard.warning"

    standard_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    due_at: datetime
    officer_id: str | None = None


class StandardBreached(Event):
    """A service standard was not met by its due time."""

    event_type = "casework.standard.breached"

    standard_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    due_at: datetime
    officer_id: str | None = None


class EngagementReferralRequested(Event):
    """An officer asked the Positive Engagement Service to support a case's subject."""

    event_type = "casework.engagement.referral_requested"

    referral_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    subject_name: str
    reason: str
    requested_by: str


# --- notifications --------------------------------------------------------------------------


class MessageDelivered(Event):
    """A message was accepted by its channel's provider."""

    event_type = "notifications.message.delivered"

    message_id: uuid.UUID
    channel: ContactChannel
    template: str
    case_id: uuid.UUID | None = None
    delivered_at: datetime


class MessageFailed(Event):
    """A message could not be delivered after its last attempt."""

    event_type = "notifications.message.failed"

    message_id: uuid.UUID
    channel: ContactChannel
    template: str
    case_id: uuid.UUID | None = None
    error: str
