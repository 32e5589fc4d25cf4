"""Request and response bodies of contacts."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from ..fields import PastInstant, Record, Strict, Text
from .complainant import COMPLAINANT


class ContactWith(StrEnum):
    COMPLAINANT = COMPLAINANT
    SUBJECT = "subject"
    WITNESS = "witness"
    PARTNER = "partner"
    OTHER = "other"


class ContactMethod(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    VISIT = "visit"
    LETTER = "letter"
    SMS = "sms"
    IN_PERSON = "in_person"
    VIDEO = "video"


class ContactIn(Strict):
    with_whom: ContactWith
    method: ContactMethod
    contacted_at: PastInstant
    summary: Text


class ContactOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    with_whom: str
    method: str
    contacted_at: datetime
    summary: str
    recorded_by: str
    recorded_at: datetime
