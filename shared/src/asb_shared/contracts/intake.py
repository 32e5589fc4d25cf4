"""The events intake publishes: reports, follow-ups, surveys, Community Trigger applications,
equality monitoring answers and its part of a subject access request."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ..messaging.envelope import Event
from .common import (
    AsbCategory,
    Channel,
    Contact,
    ContactDetails,
    ContactPreferences,
    Location,
    Person,
    SubjectAccessContribution,
)


class Reporter(ContactDetails):
    """The reporter as intake took them: details, preferences and the officer-only note."""

    preferences: ContactPreferences = ContactPreferences()
    note: str | None = None
    """Free-text safe-contact note: for the officer only; never leaves casework."""
    code_word: str | None = None
    """Agreed code word: for the officer only; never leaves casework."""


class EvidenceRef(BaseModel):
    """A file received with a report or follow-up, as intake stored and hashed it."""

    model_config = ConfigDict(extra="ignore")

    evidence_id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str


class ReportReceivedV2(Event):
    """A report arrived through any channel and was stored; contact wishes as data."""

    event_type = "intake.report.received"
    event_version = 2

    report_id: uuid.UUID
    reference: str
    channel: Channel
    categories: list[AsbCategory]
    description: str
    location: Location
    occurred_at: datetime
    received_at: datetime
    anonymous: bool
    reporter: Reporter | None = None
    """None for an anonymous report: nobody is ever contacted about it."""
    subjects: list[Person] = []
    witnesses: list[Person] = []
    risk_answers: dict[str, str] = {}
    occurred_until: datetime | None = None
    received_by: str | None = None
    evidence: list[EvidenceRef] = []


class FollowupReceived(Event):
    """A reporter added to their report: a new incident (diary entry) or evidence."""

    event_type = "intake.followup.received"

    followup_id: uuid.UUID
    report_id: uuid.UUID
    report_reference: str
    kind: str
    description: str | None = None
    occurred_at: datetime | None = None
    evidence: list[EvidenceRef] = []


class SurveySubmitted(Event):
    """A complainant answered the satisfaction survey (TP12: 1 very dissatisfied .. 5 very satisfied)."""

    event_type = "intake.survey.submitted"

    report_id: uuid.UUID
    report_reference: str
    case_reference: str | None = None
    handling: int
    outcome: int
    comments: str | None = None


class CaseReviewRequested(Event):
    """A Community Trigger (ASB case review) application was made."""

    event_type = "intake.case_review.requested"

    application_id: uuid.UUID
    applicant: Contact
    on_behalf_of: str | None = None
    consent_given: bool | None = None
    report_references: list[str]
    description: str
    applicant_preferences: ContactPreferences | None = None
    """How the applicant may be contacted (None from older producers: most careful)."""


PREFER_NOT_TO_SAY = "prefer_not_to_say"


class AgeBand(StrEnum):
    UNDER_18 = "under_18"
    FROM_18_TO_24 = "18_24"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_44 = "35_44"
    FROM_45_TO_54 = "45_54"
    FROM_55_TO_64 = "55_64"
    FROM_65_TO_74 = "65_74"
    FROM_75 = "75_plus"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Ethnicity(StrEnum):
    """The five high-level groups of the census of England and Wales."""

    ASIAN = "asian"
    BLACK = "black"
    MIXED = "mixed"
    WHITE = "white"
    OTHER = "other"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(StrEnum):
    NONE = "none"
    BUDDHIST = "buddhist"
    CHRISTIAN = "christian"
    HINDU = "hindu"
    JEWISH = "jewish"
    MUSLIM = "muslim"
    SIKH = "sikh"
    OTHER = "other"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class SexualOrientation(StrEnum):
    HETEROSEXUAL = "heterosexual"
    GAY_OR_LESBIAN = "gay_or_lesbian"
    BISEXUAL = "bisexual"
    OTHER = "other"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Marriage(StrEnum):
    MARRIED_OR_CIVIL_PARTNERSHIP = "married_or_civil_partnership"
    NOT_MARRIED = "not_married"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class EqualityAnswers(BaseModel):
    """A person's answers to the optional equality monitoring questions: every question may be
    left out, or answered "prefer not to say". Held apart from the case, for monitoring fair
    treatment only (reported in aggregates that identify no one)."""

    model_config = ConfigDict(extra="forbid")

    age_band: AgeBand | None = None
    disability: YesNo | None = None
    ethnicity: Ethnicity | None = None
    religion: Religion | None = None
    sex: Sex | None = None
    gender_identity_same_as_at_birth: YesNo | None = Field(
        default=None, description="is your gender identity the same as the sex registered at birth"
    )
    sexual_orientation: SexualOrientation | None = None
    pregnancy_or_maternity: YesNo | None = None
    marriage_or_civil_partnership: Marriage | None = None

    def given(self) -> dict[str, str]:
        """The questions answered, by name (unanswered ones left out)."""
        return {k: str(v) for k, v in self.model_dump(mode="json").items() if v is not None}


class EqualityAnswersGiven(Event):
    """A reporter answered the equality monitoring questions with their report. Consumed by
    casework alone, which holds them apart from the case; never carried further."""

    event_type = "intake.equality.given"

    report_id: uuid.UUID
    report_reference: str
    answers: EqualityAnswers


class IntakeSubjectAccessContributed(SubjectAccessContribution):
    event_type = "intake.subject_access.contributed"
