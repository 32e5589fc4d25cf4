"""A report as every channel gives it, and what the reporter gets back."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from asb_shared.contracts.common import AsbCategory, Channel
from asb_shared.contracts.intake import EqualityAnswers
from asb_shared.types import Line, PastInstant, Text
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import anonymity
from .contact import ReporterIn

__all__ = ["LocationIn", "ReportContent", "ReportIn", "ReporterIn", "ReporterUnlessAnonymous"]

Postcode = Annotated[
    str,
    # Upper-cased before the pattern is checked: residents type "sk1 3xe".
    BeforeValidator(lambda v: " ".join(v.upper().split()) if isinstance(v, str) else v),
    StringConstraints(pattern=r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"),
]
Place = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
"""An address or a description of a place; addresses may run over several lines."""


class LocationIn(BaseModel):
    """Where it happened: an address, a point, or a description such as "block C stairwell"."""

    model_config = ConfigDict(extra="forbid")

    address: Place | None = None
    postcode: Postcode | None = None
    uprn: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}$")] | None = None
    latitude: float | None = Field(default=None, ge=49.0, le=61.5)
    longitude: float | None = Field(default=None, ge=-8.7, le=2.0)
    description: Place | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> LocationIn:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude go together")
        if not any((self.address, self.postcode, self.uprn, self.latitude, self.description)):
            raise ValueError("give an address, a postcode, a UPRN, a point or a description")
        return self


def _matches_anonymity(value: ReporterIn | None, info: ValidationInfo) -> ReporterIn | None:
    anonymity.check_reporter(info.data.get("anonymous", False), value)
    return value


ReporterUnlessAnonymous = Annotated[ReporterIn | None, AfterValidator(_matches_anonymity)]
"""The reporter, given unless ``anonymous`` (declared before it) is true, and then never."""


class PersonRole(StrEnum):
    COMPLAINANT = "complainant"
    WITNESS = "witness"
    SUBJECT = "subject"


class PersonIn(BaseModel):
    """Someone involved, with whatever the reporter knows of them."""

    model_config = ConfigDict(extra="forbid")

    role: PersonRole
    name: Annotated[Line, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    address: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    description: (
        Annotated[Text, StringConstraints(strip_whitespace=True, max_length=1000)] | None
    ) = None

    @model_validator(mode="after")
    def _something_known(self) -> PersonIn:
        if not (self.name or self.address or self.description):
            raise ValueError("give a name, an address or a description")
        return self


AnswerKey = Annotated[Line, StringConstraints(min_length=1, max_length=50)]
"""A risk question's id: never blank (an answer keyed "" answers no question)."""
AnswerValue = Annotated[Line, StringConstraints(max_length=50)]


class ReportContent(BaseModel):
    """What every report holds, whichever channel it came through (each narrows ``channel``)."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel
    organisation_id: uuid.UUID
    categories: list[AsbCategory] = Field(min_length=1, max_length=8)
    description: Annotated[
        Text, StringConstraints(strip_whitespace=True, min_length=10, max_length=10_000)
    ]
    location: LocationIn
    occurred_at: PastInstant = Field(description="when it happened: since 1990, not in the future")
    occurred_until: PastInstant | None = Field(
        default=None, description="the end, if over a period"
    )
    people: list[PersonIn] = Field(default_factory=list, max_length=20)
    risk_answers: dict[AnswerKey, AnswerValue] = Field(
        default_factory=dict, max_length=40, description="answers to the risk questions, by id"
    )
    anonymous: bool = False
    reporter: ReporterUnlessAnonymous = Field(default=None, validate_default=True)
    equality: EqualityAnswers | None = Field(
        default=None,
        description="the optional equality monitoring answers (each may be left out or be "
        "'prefer_not_to_say'): never stored with the report, sent apart to casework, which "
        "reports them only in aggregates",
    )

    @field_validator("occurred_until")
    @classmethod
    def _period(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        start = info.data.get("occurred_at")
        if value is not None and start is not None and value < start:
            raise ValueError("is before occurred_at")
        return value

    @field_validator("categories")
    @classmethod
    def _distinct(cls, value: list[AsbCategory]) -> list[AsbCategory]:
        return list(dict.fromkeys(value))


class ReportIn(ReportContent):
    """A report made through the web form or the app."""

    channel: Literal[Channel.WEB, Channel.APP] = Field(
        default=Channel.WEB, description="the web form or the self-serve app"
    )


class ReportAccepted(BaseModel):
    """What the reporter keeps: the reference, and the token that lets them follow it."""

    id: uuid.UUID
    reference: str
    tracking_token: str
    status: str
    status_url: str
