"""The public API's request and response bodies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from asb_shared.contracts import AsbCategory, ContactChannel
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{7,20}$")]
Postcode = Annotated[
    str,
    # Upper-cased before the pattern is checked: residents type "sk1 3xe".
    BeforeValidator(lambda v: " ".join(v.upper().split()) if isinstance(v, str) else v),
    StringConstraints(pattern=r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"),
]


class LocationIn(BaseModel):
    """Where it happened: an address, a point, or a description such as "block C stairwell"."""

    model_config = ConfigDict(extra="forbid")

    address: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
        | None
    ) = None
    postcode: Postcode | None = None
    uprn: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}$")] | None = None
    latitude: float | None = Field(default=None, ge=49.0, le=61.5)
    longitude: float | None = Field(default=None, ge=-8.7, le=2.0)
    description: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
        | None
    ) = None

    @model_validator(mode="after")
    def _somewhere(self) -> LocationIn:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude go together")
        if not any((self.address, self.postcode, self.uprn, self.latitude, self.description)):
            raise ValueError("give an address, a postcode, a UPRN, a point or a description")
        return self


class ReporterIn(BaseModel):
    """How to reach the reporter, and how they want to be reached."""

    model_config = ConfigDict(extra="forbid")

    name: Text200
    email: EmailStr | None = None
    phone: Phone | None = None
    preferred_channel: ContactChannel = ContactChannel.EMAIL

    @model_validator(mode="after")
    def _reachable(self) -> ReporterIn:
        needs = {
            ContactChannel.EMAIL: ("email", self.email),
            ContactChannel.SMS: ("phone", self.phone),
            ContactChannel.PHONE: ("phone", self.phone),
        }.get(self.preferred_channel)
        if needs is not None and not needs[1]:
            raise ValueError(f"preferred channel {self.preferred_channel.value} needs a {needs[0]}")
        return self


class ReportIn(BaseModel):
    """A report made through the web form or the app."""

    model_config = ConfigDict(extra="forbid")

    organisation_id: uuid.UUID
    categories: list[AsbCategory] = Field(min_length=1, max_length=8)
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=10, max_length=10_000)
    ]
    location: LocationIn
    occurred_at: datetime
    anonymous: bool = False
    reporter: ReporterIn | None = Field(default=None, validate_default=True)

    @field_validator("occurred_at")
    @classmethod
    def _in_the_past(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("needs a timezone, for example 2026-11-20T21:30:00Z")
        if value > datetime.now(UTC) + timedelta(minutes=5):
            raise ValueError("is in the future")
        return value

    @field_validator("categories")
    @classmethod
    def _distinct(cls, value: list[AsbCategory]) -> list[AsbCategory]:
        return list(dict.fromkeys(value))

    @field_validator("reporter")
    @classmethod
    def _matches_anonymity(
        cls, value: ReporterIn | None, info: ValidationInfo
    ) -> ReporterIn | None:
        anonymous = info.data.get("anonymous", False)
        if not anonymous and value is None:
            raise ValueError("is needed unless the report is anonymous")
        if anonymous and value is not None:
            raise ValueError("must be left out of an anonymous report")
        return value


class ReportAccepted(BaseModel):
    """What the reporter keeps: the reference, and the token that lets them follow it."""

    id: uuid.UUID
    reference: str
    tracking_token: str
    status: str
    status_url: str


class ReportStatusOut(BaseModel):
    """The reporter's view of their report: never staff notes or other people's details."""

    reference: str
    status: str
    received_at: datetime
    case_reference: str | None
    updated_at: datetime
