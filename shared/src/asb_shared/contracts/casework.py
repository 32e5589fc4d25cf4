"""The events casework publishes: the organisations' registry and policies, cases and their
changes, standards, retention, erasure, referrals, warning markers and subject access requests."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ..messaging.envelope import Event
from ..retention import RetentionSchedule
from .common import AsbCategory, ContactDetails, ContactPreferences


class ContactRecord(ContactDetails):
    """A complainant's contact record as casework owns it and announces it.

    Never carries the free-text safe-contact note or the code word: those stay with the
    officer in casework.
    """

    person_id: uuid.UUID
    """The complainant on the case (stable across the case's events)."""
    report_reference: str | None = None
    """The report through which they came, for their in-app status view."""
    preferences: ContactPreferences = ContactPreferences(careful=True)
    version: int = 0
    """Rises with every change to the record: a projection keeps the highest."""


class PlatformService(StrEnum):
    """A service an organisation buys; intake, casework and notifications every one has."""

    ENGAGEMENT = "engagement"
    """The Positive Engagement Service."""
    PARTNER_GATEWAY = "partner-gateway"


class OrganisationUpdated(Event):
    """An organisation (a landlord) was registered or changed on the platform, by a platform
    admin in casework's registry: its whole current state. ``version`` goes up with each change;
    a service keeps the state with the highest version it has seen.

    Refers to the organisation by ``organisation_id`` (the envelope's organisation too).
    """

    event_type = "casework.organisation.updated"

    organisation_id: uuid.UUID
    name: str
    reference_prefix: str = Field(
        description="2 to 6 capital letters that start its references: <PREFIX>-2026-000123 "
        "(reports), <PREFIX>-C-2026-000045 (cases)"
    )
    services: list[PlatformService] = Field(description="the services it buys")
    active: bool
    version: int
    updated_at: datetime


class PolicyCalendar(BaseModel):
    """A landlord's working days: its bank-holiday region (``england_and_wales``,
    ``scotland``, ``northern_ireland``), office hours (London time) and own closure days."""

    model_config = ConfigDict(extra="ignore")

    region: str = "england_and_wales"
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    closure_days: list[date] = []


class EngagementPolicy(BaseModel):
    """The Positive Engagement Service's settings in a landlord's policy."""

    model_config = ConfigDict(extra="ignore")

    decision_working_days: int = 5
    """A referral is accepted or declined within this many working days."""
    review_every_days: int = 28
    """A support plan's review interval when none was agreed."""
    longest_review_every_days: int = 90
    """No support plan goes longer between reviews."""
    spend_approval_threshold: Decimal = Decimal("100.00")
    """A spend above this needs a team leader's approval (unless the budget sets its own)."""


class PolicyChanged(Event):
    """A landlord's policy settings have a new version (an admin changed them in casework):
    what other services work by. ``version`` rises with each change; a service keeps the
    highest it has seen. Cases keep the version they opened under in casework."""

    event_type = "casework.policy.changed"

    organisation_id: uuid.UUID
    version: int
    calendar: PolicyCalendar
    engagement: EngagementPolicy
    survey_after_closure_working_days: int
    changed_at: datetime


class CaseOpenedV2(Event):
    """A case was opened for a report; the complainant's contact record as data.

    ``route`` is the priority route triage chose (``domestic_abuse``, ``hate_incident``,
    ``safeguarding``), or None.
    """

    event_type = "casework.case.opened"
    event_version = 2

    case_id: uuid.UUID
    case_reference: str
    version: int
    status: str
    categories: list[AsbCategory]
    report_id: uuid.UUID
    report_reference: str
    opened_at: datetime
    anonymous: bool
    route: str | None = None
    complainant: ContactRecord | None = None
    """None when anonymous: an anonymous reporter has no contact record at all."""


class CaseChange(Event):
    """Base of casework's events about one case; ``version`` orders them for projections."""

    case_id: uuid.UUID
    case_reference: str
    version: int
    status: str


class ReportLinkedV2(CaseChange):
    """A further report joined an open case; its maker is a complainant on the case too."""

    event_type = "casework.report.linked"
    event_version = 2

    report_id: uuid.UUID
    report_reference: str
    reason: str
    anonymous: bool = False
    complainant: ContactRecord | None = None
    """The linked report's maker as a complainant on the case (None when anonymous)."""


class ContactPreferencesChanged(CaseChange):
    """An officer changed how a complainant may be contacted; it wins from now on, also for
    messages already scheduled."""

    event_type = "casework.contact.changed"

    complainant: ContactRecord
    reason: str | None = None


class UpdateShared(CaseChange):
    """An officer recorded an update meant for the complainants (all of them, or one)."""

    event_type = "casework.case.update_shared"

    update_id: uuid.UUID
    text: str
    officer_name: str | None = None
    person_id: uuid.UUID | None = None
    """Only this complainant; None for every complainant on the case."""


class CommunityTriggerEligible(CaseChange):
    """A complainant's reports meet the Community Trigger threshold: they must be told of
    their right to an ASB case review."""

    event_type = "casework.community_trigger.eligible"

    person_id: uuid.UUID
    reports_counted: int
    rule: str


class CaseReviewProgressed(Event):
    """A step of an ASB case review (Community Trigger) the applicant must be told of: the
    decision on the threshold (``decision``: accepted or refused), the outcome of the review
    (``outcome``), an appeal received (``appeal_received``) and its decision
    (``appeal_decision``: upheld or not_upheld). ``applicant`` is the applicant's contact
    record, keyed by the application (``person_id`` is the application's id)."""

    event_type = "casework.case_review.progressed"

    application_id: uuid.UUID
    step: str
    decision: str | None = None
    text: str
    """The reason for the decision, the outcome, or the appeal's reasons, for the applicant."""
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    applicant: ContactRecord
    appeal_by: datetime | None = None
    """Until when the applicant may appeal (after the decision and the outcome)."""
    due_by: datetime | None = None
    """When the next step is due (an appeal's decision)."""


class CaseStatusChanged(CaseChange):
    """A case moved through its lifecycle."""

    event_type = "casework.case.status_changed"

    previous_status: str
    command: str
    reason: str | None = None


class CaseAssigned(CaseChange):
    """A designated officer was given the case (or it was reassigned)."""

    event_type = "casework.case.assigned"

    officer_id: str
    officer_name: str
    reason: str


class CaseClosedV2(CaseChange):
    """A case was closed with an outcome. Complainants are found from their contact records
    (never carried here: partners and intake do not need them)."""

    event_type = "casework.case.closed"
    event_version = 2

    outcome: str
    reason: str
    closed_at: datetime
    anonymous: bool
    report_references: list[str] = []
    officer_name: str | None = None
    survey_due_at: datetime | None = None
    """When the satisfaction survey goes: the landlord's working days after the closure, on
    its calendar (None from older producers: notifications then uses its own delay)."""


class CaseExpired(Event):
    """A case's retention period ended (the landlord's schedule, no legal hold): casework
    removed what identifies anyone from it, and every service does the same with its copy.

    ``action`` is ``pseudonymise`` when the case's counts must stay (the published measures,
    the Community Trigger's past counts: the case row keeps its dates, categories and outcome),
    ``delete`` when nothing need stay. Either way every copy of the reports, the people, the
    contact records, messages, evidence files and partner projections goes.
    """

    event_type = "casework.case.expired"

    case_id: uuid.UUID
    case_reference: str
    action: str = Field(description="delete or pseudonymise (asb_shared.retention.Action)")
    record_type: str = Field(description="the schedule's rule applied (closed_case, ...)")
    report_ids: list[uuid.UUID]
    person_ids: list[uuid.UUID] = Field(description="the complainants' contact records")
    due_on: date
    applied_on: date


class PersonErased(Event):
    """An officer granted a person's request to erase their personal data: casework erased
    their contact records on these cases; every service erases its copy of them (names,
    addresses, phone numbers, email addresses and the messages sent to them)."""

    event_type = "casework.person.erased"

    request_id: uuid.UUID
    person_ids: list[uuid.UUID]
    case_ids: list[uuid.UUID]
    report_ids: list[uuid.UUID]
    erased_at: datetime


class LegalHoldChanged(CaseChange):
    """A legal hold (court proceedings) was placed on a case or lifted: while it stands no
    service removes anything of the case, whatever its retention schedule says."""

    event_type = "casework.case.legal_hold_changed"

    held: bool
    reason: str


class RetentionScheduleChanged(Event):
    """A landlord's retention schedule changed with its policy (``policy_version``): every
    service that applies it to records of its own keeps the newest version."""

    event_type = "casework.retention.schedule_changed"

    organisation_id: uuid.UUID
    policy_version: int
    schedule: RetentionSchedule


class StandardWarning(Event):
    """A service standard will breach soon unless the action that meets it is recorded."""

    event_type = "casework.standard.warning"

    standard_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    due_at: datetime
    officer_id: str | None = None


class StandardBreached(Event):
    """A service standard was not met by its due time."""

    event_type = "casework.standard.breached"

    standard_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    due_at: datetime
    officer_id: str | None = None


class EngagementReferralRequested(Event):
    """An officer asked the Positive Engagement Service to support a case's subject."""

    event_type = "casework.engagement.referral_requested"

    referral_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    subject_name: str
    reason: str
    requested_by: str


class SafeguardingReferralMade(Event):
    """Casework made a MASH (safeguarding) or MARAC (high-risk domestic abuse) referral for a
    case; the partner gateway delivers it to the landlord's MASH or MARAC partner. Published
    by casework."""

    event_type = "casework.safeguarding_referral.made"

    referral_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    """``mash``, ``marac`` or ``victim_service`` (Victim Support or a local victim service)."""
    person_name: str
    reason: str
    details: str | None = None
    referred_by: str
    referred_at: datetime


class SharedWarningMarker(BaseModel):
    """A warning marker as it may leave casework: what to take care about and when it is
    reviewed, never why (the reason stays with the landlord's staff)."""

    about: str
    """``address`` or ``person``."""
    label: str
    review_on: date


class WarningMarkersChanged(Event):
    """The warning markers on a case's address and subjects, all of them as they stand at
    ``as_of`` (a marker raised or removed, or a case opened about a marked address or subject).
    The partner gateway shows them only under an agreement listing the ``warning_markers``
    field. Published by casework."""

    event_type = "casework.warning_markers.changed"

    case_id: uuid.UUID
    case_reference: str
    markers: list[SharedWarningMarker]
    as_of: datetime


class SubjectAccessRequested(Event):
    """A person asked for their data: every service answers with what it holds about them
    (its ``*.subject_access.contributed`` event), found by these identifiers."""

    event_type = "casework.subject_access.requested"

    request_id: uuid.UUID
    name: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    person_ids: list[uuid.UUID] = Field(default_factory=list)
    """Their complainant records in casework (notifications keeps contact records by them)."""
    report_references: list[str] = Field(default_factory=list)
    case_ids: list[uuid.UUID] = Field(default_factory=list)
