"""A finished webchat, as the chat widget's back end posts it."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from asb_shared.contracts.common import AsbCategory
from asb_shared.types import Line, PastInstant, Text
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from ...reports.schemas import LocationIn, ReporterUnlessAnonymous


class ChatLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    speaker: Literal["resident", "agent", "bot"]
    at: PastInstant
    text: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class WebchatTranscriptIn(BaseModel):
    """A finished webchat, posted by the chat widget's back end, with what the chat captured."""

    model_config = ConfigDict(extra="forbid")

    organisation_id: uuid.UUID
    session_id: Annotated[
        Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
    ] = Field(description="the chat's own id: posting the same session again replays the answer")
    transcript: list[ChatLine] = Field(min_length=1, max_length=1000)
    categories: list[AsbCategory] = Field(
        default_factory=lambda: [AsbCategory.OTHER], min_length=1, max_length=8
    )
    location: LocationIn
    occurred_at: PastInstant | None = None
    anonymous: bool = False
    reporter: ReporterUnlessAnonymous = Field(default=None, validate_default=True)

    @model_validator(mode="after")
    def _resident_spoke(self) -> WebchatTranscriptIn:
        if not any(line.speaker == "resident" for line in self.transcript):
            raise ValueError("the transcript has nothing from the resident")
        return self
