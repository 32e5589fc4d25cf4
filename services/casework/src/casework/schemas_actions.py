"""Request and response bodies of the officers' actions on a case.

Requests forbid unknown fields, and every value is checked here, so that a bad request is a 422
with the field named and never reaches the database half-way (no NUL characters, no non-finite
numbers in JSON, nothing longer than its column).
"""

from __future__ import annotations

import math
import uuid
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from asb_shared.contracts import ContactChannel
from asb_shared.db import utcnow
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

# A client's clock may run a little ahead of ours; "not in the future" allows for that.
CLOCK_SKEW = timedelta(minutes=5)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _not_future(value: datetime) -> datetime:
    if value > utcnow() + CLOCK_SKEW:
        raise ValueError("must not be in the future")
    return value


def _bounded(max_length: int, min_length: int = 1) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


Name = Annotated[str, _bounded(200), AfterValidator(_no_nul)]
Origin = Annotated[str, _bounded(100), AfterValidator(_no_nul)]
Short = Annotated[str, _bounded(500), AfterValidator(_no_nul)]
Text = Annotated[str, _bounded(20_000), AfterValidator(_no_nul)]
Reason = Annotated[str, _bounded(5_000, min_length=10), AfterValidator(_no_nul)]
BriefReason = Annotated[str, _bounded(5_000, min_length=3), AfterValidator(_no_nul)]
PastInstant = Annotated[AwareDatetime, AfterValidator(_not_future)]


def _lower(value: str) -> str:
    return value.lower()


Sha256 = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[0-9a-fA-F]{64}$"),
    AfterValidator(_lower),
]


def _clean_json(value: Any, depth: int = 0) -> Any:
    """Reject what JSONB cannot hold (NUL in strings, NaN, infinities) and absurd nesting."""
    if depth > 10:
        raise ValueError("is nested too deeply (at most 10 levels)")
    if isinstance(value, str):
        return _no_nul(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must hold finite numbers only")
    if isinstance(value, dict):
        return {_no_nul(str(k)): _clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_json(v, depth + 1) for v in value]
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Record(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- the catalogues ---------------------------------------------------------------------------


class ContactWith(StrEnum):
    COMPLAINANT = "complainant"
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


class InterventionKind(StrEnum):
    """The intervention catalogue, from advice to eviction (escalating, proportionate)."""

    ADVICE = "advice"
    WARNING_LETTER = "warning_letter"
    HOME_VISIT = "home_visit"
    MEDIATION_REFERRAL = "mediation_referral"
    RESTORATIVE_PRACTICE = "restorative_practice"
    GOOD_NEIGHBOUR_AGREEMENT = "good_neighbour_agreement"
    ACCEPTABLE_BEHAVIOUR_CONTRACT = "acceptable_behaviour_contract"
    TENANCY_SUSTAINMENT_CONTRACT = "tenancy_sustainment_contract"
    SUPPORT_REFERRAL = "support_referral"
    TARGET_HARDENING = "target_hardening"
    LEND_A_CAM = "lend_a_cam"
    NOISE_MONITORING = "noise_monitoring"
    JOINT_POLICE_VISIT = "joint_police_visit"
    COMMUNITY_PROTECTION_WARNING = "community_protection_warning"
    COMMUNITY_PROTECTION_NOTICE = "community_protection_notice"
    INTRODUCTORY_TENANCY_EXTENSION = "introductory_tenancy_extension"
    DEMOTION = "demotion"
    CIVIL_INJUNCTION = "civil_injunction"
    CLOSURE_ORDER = "closure_order"
    NOTICE_OF_SEEKING_POSSESSION = "notice_of_seeking_possession"
    POSSESSION = "possession"
    EVICTION = "eviction"


LEGAL_KINDS: frozenset[InterventionKind] = frozenset(
    {
        InterventionKind.COMMUNITY_PROTECTION_NOTICE,
        InterventionKind.INTRODUCTORY_TENANCY_EXTENSION,
        InterventionKind.DEMOTION,
        InterventionKind.CIVIL_INJUNCTION,
        InterventionKind.CLOSURE_ORDER,
        InterventionKind.NOTICE_OF_SEEKING_POSSESSION,
        InterventionKind.POSSESSION,
        InterventionKind.EVICTION,
    }
)
"""The interventions counted as legal action (legal actions year to date)."""


def is_legal(kind: InterventionKind | str) -> bool:
    return InterventionKind(kind) in LEGAL_KINDS


class EvidenceKind(StrEnum):
    DIARY = "diary"
    PHOTO = "photo"
    AUDIO = "audio"
    VIDEO = "video"
    CCTV = "cctv"
    WITNESS_STATEMENT = "witness_statement"
    DOCUMENT = "document"


class ClosingOutcome(StrEnum):
    """The outcomes an officer may close a working case with (not ASB is a triage decision)."""

    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    INFORMATION_ONLY = "information_only"
    REFERRED_ON = "referred_on"


class ReferralKind(StrEnum):
    ENGAGEMENT = "engagement"
    """To the Positive Engagement Service, for the subject."""
    MASH = "mash"
    """Safeguarding: a child or an adult at risk."""
    MARAC = "marac"
    """Domestic abuse at high risk."""


# --- requests ---------------------------------------------------------------------------------


class ContactIn(Strict):
    with_whom: ContactWith
    method: ContactMethod
    contacted_at: PastInstant
    summary: Text


class PlannedAction(Strict):
    action: Short
    owner: Name
    due_date: date


class ActionPlanIn(Strict):
    actions: list[PlannedAction] = Field(min_length=1, max_length=50)
    contact_method: ContactChannel
    contact_frequency_days: int = Field(ge=1, le=60)
    agreed_with_complainant_at: PastInstant


class InterventionIn(Strict):
    kind: InterventionKind
    on_date: date
    owner: Name
    notes: Text | None = None
    outcome: Text | None = None
    positive_requirements: list[Short] = Field(
        default_factory=list,
        max_length=20,
        validate_default=True,
        description="what the order requires the person to do; a civil injunction needs one",
    )

    @field_validator("positive_requirements")
    @classmethod
    def _injunction_needs_a_positive_requirement(
        cls, value: list[str], info: ValidationInfo
    ) -> list[str]:
        if info.data.get("kind") == InterventionKind.CIVIL_INJUNCTION and not value:
            raise ValueError("a civil injunction needs at least one positive requirement")
        return value


class InterventionOutcomeIn(Strict):
    outcome: Text


class EvidenceIn(Strict):
    kind: EvidenceKind
    origin: Origin
    description: Text
    sha256: Sha256
    location: Text | None = None


class ClosureIn(Strict):
    outcome: ClosingOutcome
    reason: Reason
    discussed_with_complainant_at: PastInstant | None = Field(
        default=None, description="required unless the case is anonymous"
    )
    discussion_method: ContactMethod = Field(
        default=ContactMethod.PHONE, description="how the closure was discussed"
    )


class ReopenIn(Strict):
    reason: BriefReason


class ReferralIn(Strict):
    kind: ReferralKind
    person_name: Name
    reason: Text
    details: dict[str, Any] = Field(default_factory=dict, max_length=50)

    @field_validator("details")
    @classmethod
    def _storable(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _clean_json(value)  # type: ignore[no-any-return]


# --- responses --------------------------------------------------------------------------------


class ContactOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    with_whom: str
    method: str
    contacted_at: datetime
    summary: str
    recorded_by: str
    recorded_at: datetime


class PlannedActionOut(BaseModel):
    action: str
    owner: str
    due_date: date


class ActionPlanOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    actions: list[PlannedActionOut]
    contact_method: str
    contact_frequency_days: int
    agreed_with_complainant_at: datetime
    recorded_by: str
    recorded_at: datetime


class InterventionOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    legal: bool
    on_date: date
    owner: str
    notes: str | None
    outcome: str | None
    positive_requirements: list[str] = []
    recorded_by: str
    recorded_at: datetime


class EvidenceOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    origin: str
    description: str
    sha256: str
    location: str | None
    added_by: str
    added_at: datetime


class ReferralOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    person_name: str
    reason: str
    details: dict[str, Any]
    referred_by: str
    referred_at: datetime


class ClosureOut(BaseModel):
    case_id: uuid.UUID
    case_reference: str
    status: str
    version: int
    outcome: str
    reason: str
    closed_at: datetime
    closed_by: str
    discussion_contact_id: uuid.UUID | None


class ReopenOut(BaseModel):
    case_id: uuid.UUID
    case_reference: str
    status: str
    version: int
    reason: str
    reopened_at: datetime
    reopened_by: str


class LegalCount(BaseModel):
    year: int
    as_of: date
    legal_actions: int
    by_kind: dict[str, int]
