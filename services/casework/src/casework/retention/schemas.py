"""Request and response bodies of retention: legal holds, the dry run, a person's requests."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from ..contacts.schemas import ContactChangeIn
from ..fields import BriefReason, Reason, Strict
from .requests import Decision, RefusalBasis, RequestKind


class LegalHoldIn(Strict):
    reason: Reason
    """Why (e.g. 'possession proceedings, county court claim K00XX123')."""


class LegalHoldOut(BaseModel):
    case_id: uuid.UUID
    held: bool
    reason: str | None
    by: str | None


class DueCaseOut(BaseModel):
    case_id: uuid.UUID
    reference: str
    record_type: str
    action: str
    """pseudonymise or delete"""
    closed_on: date
    due_on: date


class DataRequestIn(Strict):
    kind: RequestKind
    person_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)
    """The complainants' contact records the request is about (the people search finds them)."""
    decision: Decision
    reason: BriefReason
    refusal_basis: RefusalBasis | None = None
    corrections: ContactChangeIn | None = None
    """A granted rectification: the contact record as it should be."""


class DataRequestOut(BaseModel):
    id: uuid.UUID
    kind: str
    decision: str
    person_ids: list[uuid.UUID]
    case_ids: list[uuid.UUID]
    refusal_basis: str | None
    carried_out: bool
