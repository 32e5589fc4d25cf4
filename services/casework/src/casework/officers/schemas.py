"""Request and response bodies of officers and assignment."""

from __future__ import annotations

from typing import Annotated

from asb_shared.types import Line
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..fields import DecisionReason


class OfficerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    patches: list[
        Annotated[
            str,
            StringConstraints(
                strip_whitespace=True, to_upper=True, pattern=r"^[A-Z]{1,2}[0-9][A-Z0-9]?$"
            ),
        ]
    ] = Field(default_factory=list, max_length=50)
    active: bool = True
    skills: list[
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z][a-z_]{1,39}$"),
        ]
    ] = Field(default_factory=list, max_length=20)
    """e.g. ``domestic_abuse`` (domestic abuse cases go to these officers first),
    ``hate_incident``, ``safeguarding``."""
    team: (
        Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = None


class OfficerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    subject: str
    name: str
    patches: list[str]
    active: bool
    skills: list[str] = []
    team: str | None = None


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    officer_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    reason: DecisionReason
