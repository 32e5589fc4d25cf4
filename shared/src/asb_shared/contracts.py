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


class Location(BaseModel):
    model_config = ConfigDict(extra="ignore")

    address: str | None = None
    postcode: str | None = None
    uprn: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None


# --- intake ---------------------------------------------------------------------------------


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
