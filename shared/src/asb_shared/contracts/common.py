"""The vocabulary the producers' events share: categories, channels, places, people, contact
wishes and the shape of a subject access contribution. No event of its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, time
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..messaging.envelope import Event


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
    PARTNER = "partner"
    """A partner agency's referral, through the partner gateway."""


class ContactChannel(StrEnum):
    """A way of reaching a person."""

    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    """A call by an officer: never automated, so choosing it makes a task for the officer."""
    LETTER = "letter"
    IN_APP = "in_app"
    """The reporter's own status view (reference and tracking token)."""


class AccessibilityNeed(StrEnum):
    LARGE_PRINT = "large_print"
    INTERPRETER = "interpreter"
    BSL = "bsl"
    """British Sign Language."""
    EASY_READ = "easy_read"


class SafeWindow(BaseModel):
    """Days and hours (UK local time) when contact is safe, e.g. weekdays 10:00 to 12:00."""

    model_config = ConfigDict(extra="ignore")

    days: list[int] = Field(min_length=1, max_length=7, description="0 = Monday .. 6 = Sunday")
    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if any(d < 0 or d > 6 for d in self.days):
            raise ValueError("days are 0 (Monday) to 6 (Sunday)")
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class ContactPreferences(BaseModel):
    """How a person may be contacted, as data that notifications enforces for every message.

    The rules (one home: :func:`ContactPreferences.check` for consistency;
    :mod:`asb_shared.contact_rules` for choosing a channel):
    - a channel in ``unsafe`` is never used;
    - when ``careful`` (the default on domestic-abuse and safeguarding cases), only channels
      listed in ``safe`` are used, and a letter only if ``letter_to_home_safe`` is true;
    - otherwise any channel not unsafe may be used, ``preferred`` first;
    - ``only_through_officer``: no message goes to the person; their officer gets a task;
    - outside every ``safe_windows`` entry a message waits for the next window.
    """

    model_config = ConfigDict(extra="ignore")

    safe: list[ContactChannel] = []
    """Channels the person (or their officer) marked safe to use."""
    unsafe: list[ContactChannel] = []
    """Channels that must never be used."""
    preferred: ContactChannel | None = None
    safe_windows: list[SafeWindow] = Field(default=[], max_length=14)
    """When contact is safe; empty means at any time."""
    voicemail_safe: bool | None = None
    letter_to_home_safe: bool | None = None
    only_through_officer: bool = False
    careful: bool = False
    """Nothing by a channel not explicitly marked safe (domestic abuse, safeguarding)."""
    has_code_word: bool = False
    """A code word is agreed (the word itself stays with casework, shown to officers only)."""
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    """The language wanted, as a BCP 47 tag (``en``, ``cy`` for Welsh, ``pl``...)."""
    accessibility: list[AccessibilityNeed] = []
    changed_at: datetime | None = None
    changed_by: str | None = None
    """Who set these last: ``reporter`` or a member of staff's name."""

    @staticmethod
    def check(
        safe: Iterable[ContactChannel],
        unsafe: Iterable[ContactChannel],
        preferred: ContactChannel | None,
    ) -> list[tuple[str, str]]:
        """(field, message) for each way the wishes contradict themselves: a channel both safe
        and unsafe (``unsafe``), a preferred channel marked unsafe (``preferred``).

        The one home of the check: this model runs it, and so do the request bodies that take
        the wishes field by field (intake's report, casework's change of a contact record), so
        that their 422 names the field."""
        unsafe = list(unsafe)
        found = []
        overlap = set(safe) & set(unsafe)
        if overlap:
            found.append(
                (
                    "unsafe",
                    f"a channel cannot be both safe and unsafe: {', '.join(sorted(overlap))}",
                )
            )
        if preferred is not None and preferred in unsafe:
            found.append(("preferred", f"the preferred channel {preferred.value} is marked unsafe"))
        return found

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = self.check(self.safe, self.unsafe, self.preferred)
        if problems:
            raise ValueError(problems[0][1])
        return self

    def missing_details(self, details: ContactDetails) -> list[tuple[str, str]]:
        """(field, message) for each chosen channel the details cannot serve.

        The preferred channel and every channel marked safe need their detail: an email
        address, a phone number (SMS, calls) or a postal address (letters).
        """
        needs = {
            ContactChannel.EMAIL: ("email", details.email),
            ContactChannel.SMS: ("phone", details.phone),
            ContactChannel.PHONE: ("phone", details.phone),
            ContactChannel.LETTER: ("address", details.address),
        }
        chosen = [*self.safe, *([self.preferred] if self.preferred else [])]
        problems: list[tuple[str, str]] = []
        for channel in dict.fromkeys(chosen):
            if channel in needs and not needs[channel][1]:
                problems.append(
                    (needs[channel][0], f"the {channel.value} channel needs a {needs[channel][0]}")
                )
        return problems


class ContactDetails(BaseModel):
    """Where a person can be reached."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    """Postal address, for letters."""


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


class Person(BaseModel):
    """Someone involved in a report, with whatever is known of them."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    address: str | None = None
    description: str | None = None


class SubjectAccessItem(BaseModel):
    """One thing a service holds about the person. ``others`` names the fields of ``data``
    that name or may name someone else (:mod:`asb_shared.subject_access`): the officer reviews
    and redacts them before release."""

    model_config = ConfigDict(extra="ignore")

    kind: str
    reference: str | None = None
    at: datetime | None = None
    data: dict[str, object] = Field(default_factory=dict)
    others: list[str] = Field(default_factory=list)


class SubjectAccessContribution(Event):
    """What one service holds about the person of a subject access request (the base of each
    service's event)."""

    request_id: uuid.UUID
    items: list[SubjectAccessItem] = Field(default_factory=list)
