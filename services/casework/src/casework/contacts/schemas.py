"""Request and response bodies of contacts."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from asb_shared.contracts.common import AccessibilityNeed, ContactChannel, SafeWindow
from asb_shared.types import PastInstant
from pydantic import BaseModel, EmailStr, Field, StringConstraints

from ..fields import BriefReason, Name, Record, Short, Strict, Text
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
    person_id: uuid.UUID | None = None
    """Which complainant (their contact record); every complainant's first contact is met
    when not said."""
    initial_response: Text | None = Field(
        default=None,
        description="the initial response agreed with the complainant (at first contact): "
        "only with a contact with a complainant; a later one replaces it, on the timeline",
    )


class ContactOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    with_whom: str
    person_id: uuid.UUID | None
    method: str
    contacted_at: datetime
    summary: str
    recorded_by: str
    recorded_at: datetime


# --- complainants' contact records -------------------------------------------------------------

Phone = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=5, max_length=32, pattern=r"^\+?[0-9 ()-]+$"
    ),
]


class PreferencesIn(Strict):
    """How the complainant may be contacted (see ``ContactPreferences`` for the rules)."""

    safe: list[ContactChannel] = Field(default=[], max_length=len(ContactChannel))
    unsafe: list[ContactChannel] = Field(default=[], max_length=len(ContactChannel))
    preferred: ContactChannel | None = None
    safe_windows: list[SafeWindow] = Field(default=[], max_length=14)
    voicemail_safe: bool | None = None
    letter_to_home_safe: bool | None = None
    only_through_officer: bool = False
    careful: bool = False
    """Always on for the domestic-abuse and safeguarding routes, whatever is sent."""
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    accessibility: list[AccessibilityNeed] = Field(default=[], max_length=len(AccessibilityNeed))


class ContactChangeIn(Strict):
    """An officer's change to a complainant's contact record. Details (name, email, phone,
    address, note, code word) change only when given (``null`` clears one); the preferences are
    given whole."""

    preferences: PreferencesIn
    reason: BriefReason
    """Why (e.g. 'phoned: her partner now reads her email')."""
    name: Name | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    address: Short | None = None
    note: Text | None = None
    code_word: Name | None = None


class UpdateIn(Strict):
    """An update for the complainants (all of them, or the one named)."""

    text: Text
    person_id: uuid.UUID | None = None


class UpdateOut(BaseModel):
    update_id: uuid.UUID
    case_id: uuid.UUID
    person_id: uuid.UUID | None
    text: str
    shared_by: str
    shared_at: datetime
