"""Request and response bodies of the organisations registry."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from asb_shared.contracts.casework import PlatformService
from asb_shared.organisations import OrganisationHeld
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from ..fields import Name, Strict
from .registry import prefix_problem


def _prefix(value: str) -> str:
    problem = prefix_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Prefix = Annotated[str, StringConstraints(min_length=2, max_length=6), AfterValidator(_prefix)]
"""2 to 6 capital letters, starting the organisation's references (``HX-2026-000123``)."""


class OrganisationIn(Strict):
    """A landlord joining the platform."""

    id: uuid.UUID | None = None
    """Given when the landlord's id is already known elsewhere (its staff tokens' ``org``)."""
    name: Name
    reference_prefix: Prefix
    services: set[PlatformService] = Field(default_factory=set, max_length=10)
    """The services bought besides intake, casework and notifications (which all have)."""
    active: bool = True


class OrganisationChangeIn(Strict):
    """What changes; fields left out stay as they are. The reference prefix never changes:
    the references already issued carry it."""

    name: Name | None = None
    services: set[PlatformService] | None = Field(default=None, max_length=10)
    active: bool | None = None


class OrganisationOut(OrganisationHeld):
    """An organisation as the registry holds it, with when it last changed."""

    updated_at: datetime | None


class OrganisationChangeOut(BaseModel):
    version: int
    state: dict[str, Any]
    changes: list[dict[str, Any]]
    changed_by: str
    changed_at: datetime
