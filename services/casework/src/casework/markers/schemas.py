"""Request and response bodies of warning markers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from asb_shared.types import Day
from pydantic import BaseModel, Field

from ..fields import Name, Short, Strict, Text
from .visibility import MarkerAbout

ReasonRole = Literal["officer", "team_leader", "admin"]


class MarkerIn(Strict):
    about: MarkerAbout
    subject_key: Short | None = None
    """For a person: one of the case's ``subject_keys`` (the subject the marker is about)."""
    label: Name
    """What to take care about, shown to every member of staff (``Two staff on visits``)."""
    reason: Text
    reason_visible_to: list[ReasonRole] = Field(min_length=1, max_length=3)
    review_on: Day


class MarkerOut(BaseModel):
    """A marker as the member of staff asking sees it: the reason only for the roles named."""

    id: uuid.UUID
    about: str
    key: str
    label: str
    reason: str | None
    reason_withheld: bool
    review_on: date
    review_due: bool
    raised_on_case: uuid.UUID | None
    added_by: str
    added_at: datetime
