"""The event contracts: what each service publishes, as typed pydantic models.

Routing key = ``event_type``. The envelope carries the organisation, ids and timestamps; the
contract carries the event's own facts. Consumers ignore fields they do not know; a breaking
change is a new class with a higher ``event_version``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .messaging.envelope import Event
from .retention import RetentionSchedule


class AsbCategory(StrEnum):
    """The ASB categories a report or case can carry (several at once)."""

    NOISE = "noise"
    VERBAL_ABUSE = "verbal_abuse"
    HATE_INCIDENT = "hate_incident"
    DOMESTIC_ABUSE = "domestic_abuse"
    DRUGS = "drugs"
    ALCOHOL = "alcohol"
    CRIMINAL_BEHAVIOUR = "criminal_behaviour"
    PHYSICAL_VIOLENCE = "physical_violence"
    VANDALISM = "vandalism"
    GRAFFITI = "graffiti"
    LITTER = "litter"
    GARDEN_NUISANCE = "garden_nuisance"
    COMMUNAL_AREAS = "communal_areas"
    PETS_ANIMALS = "pets_animals"
    NUISANCE_VEHICLES = "nuisance_vehicles"
    BOUNDARY_DISPUTE = "boundary_dispute"
    CAR_PARKING = "car_parking"
    CONDITION_OF_PROPERTY = "condition_of_property"
    PERSONAL_ALLEGATION = "personal_allegation"
    CUCKOOING = "cuckooing"
    OTHER = "other"


class Channel(StrEnum):
    """How a report reached the landlord."""

    WEB = "web"
    APP = "app"
    EMAIL = "email"
    WEBCHAT = "webchat"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in_person"
    OPEN311 = "open311"
    """Civic reporting tools (FixMyStreet and others) through the GeoReport v2 interface."""
    PARTNER = "partner"
    """A partner agency's referral, through the partner gateway."""


class ContactChannel(StrEnum):
    """A way of reaching a person."""

    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    """A call by an officer: never automated, so choosing it makes a task for the officer."""
    LETTER = "letter"
    IN_APP = "in_app"
    """The reporter's own status view (reference and tracking token)."""


class AccessibilityNeed(StrEnum):
    LARGE_PRINT = "large_print"
    INTERPRETER = "interpreter"
    BSL = "bsl"
    """British Sign Language."""
    EASY_READ = "easy_read"


class SafeWindow(BaseModel):
    """Days and hours (UK local time) when contact is safe, e.g. weekdays 10:00 to 12:00."""

    model_config = ConfigDict(extra="ignore")

    days: list[int] = Field(min_length=1, max_length=7, description="0 = Monday .. 6 = Sunday")
    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if any(d < 0 or d > 6 for d in self.days):
            raise ValueError("days are 0 (Monday) to 6 (Sunday)")
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class ContactPreferences(BaseModel):
    """How a person may be contacted, as data that notifications enforces for every message.

    The rules (one home: :func:`ContactPreferences.check` for consistency;
    :mod:`asb_shared.contact_rules` for choosing a channel):
    - a channel in ``unsafe`` is never used;
    - when ``careful`` (the default on domestic-abuse and safeguarding cases), only channels
      listed in ``safe`` are used, and a letter only if ``letter_to_home_safe`` is true;
    - otherwise any channel not unsafe may be used, ``preferred`` first;
    - ``only_through_officer``: no message goes to the person; their officer gets a task;
    - outside every ``safe_windows`` entry a message waits for the next window.
    """

    model_config = ConfigDict(extra="ignore")

    safe: list[ContactChannel] = []
    """Channels the person (or their officer) marked safe to use."""
    unsafe: list[ContactChannel] = []
    """Channels that must never be used."""
    preferred: ContactChannel | None = None
    safe_windows: list[SafeWindow] = Field(default=[], max_length=14)
    """When contact is safe; empty means at any time."""
    voicemail_safe: bool | None = None
    letter_to_home_safe: bool | None = None
    only_through_officer: bool = False
    careful: bool = False
    """Nothing by a channel not explicitly marked safe (domestic abuse, safeguarding)."""
    has_code_word: bool = False
    """A code word is agreed (the word itself stays with casework, shown to officers only)."""
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    """The language wanted, as a BCP 47 tag (``en``, ``cy`` for Welsh, ``pl``...)."""
    accessibility: list[AccessibilityNeed] = []
    changed_at: datetime | None = None
    changed_by: str | None = None
    """Who set these last: ``reporter`` or a member of staff's name."""

    @staticmethod
    def check(
        safe: Iterable[ContactChannel],
        unsafe: Iterable[ContactChannel],
        preferred: ContactChannel | None,
    ) -> list[tuple[str, str]]:
        """(field, message) for each way the wishes contradict themselves: a channel both safe
        and unsafe (``unsafe``), a preferred channel marked unsafe (``preferred``).

        The one home of the check: this model runs it, and so do the request bodies that take
        the wishes field by field (intake's report, casework's change of a contact record), so
        that their 422 names the field."""
        unsafe = list(unsafe)
        found = []
        overlap = set(safe) & set(unsafe)
        if overlap:
            found.append(
                (
                    "unsafe",
                    f"a channel cannot be both safe and unsafe: {', '.join(sorted(overlap))}",
                )
            )
        if preferred is not None and preferred in unsafe:
            found.append(("preferred", f"the preferred channel {preferred.value} is marked unsafe"))
        return found

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = self.check(self.safe, self.unsafe, self.preferred)
        if problems:
            raise ValueError(problems[0][1])
        return self

    def missing_details(self, details: ContactDetails) -> list[tuple[str, str]]:
        """(field, message) for each chosen channel the details cannot serve.

        The preferred channel and every channel marked safe need their detail: an email
        address, a phone number (SMS, calls) or a postal address (letters).
        """
        needs = {
            ContactChannel.EMAIL: ("email", details.email),
            ContactChannel.SMS: ("phone", details.phone),
            ContactChannel.PHONE: ("phone", details.phone),
            ContactChannel.LETTER: ("address", details.address),
        }
        chosen = [*self.safe, *([self.preferred] if self.preferred else [])]
        problems: list[tuple[str, str]] = []
        for channel in dict.fromkeys(chosen):
            if channel in needs and not needs[channel][1]:
                problems.append(
                    (needs[channel][0], f"the {channel.value} channel needs a {needs[channel][0]}")
                )
        return problems


class ContactDetails(BaseModel):
    """Where a person can be reached."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    """Postal address, for letters."""


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


class Contact(BaseModel):
    """A person's contact details as carried between services."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    preferred_channel: ContactChannel | None = None
    contact_times: str | None = None
    """When the person can be contacted, in their words."""
    safe_contact: str | None = None
    """Safe-contact instructions, always obeyed (domestic abuse: never a shared address or number)."""


class Reporter(ContactDetails):
    """The reporter as intake took them: details, preferences and the officer-only note."""

    preferences: ContactPreferences = ContactPreferences()
    note: str | None = None
    """Free-text safe-contact note: for the officer only; never leaves casework."""
    code_word: str | None = None
    """Agreed code word: for the officer only; never leaves casework."""


class Location(BaseModel):
    model_config = ConfigDict(extra="ignore")

    address: str | None = None
    postcode: str | None = None
    uprn: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None


# --- intake ---------------------------------------------------------------------------------


class EvidenceRef(BaseModel):
    """A file received with a report or follow-up, as intake stored and hashed it."""

    model_config = ConfigDict(extra="ignore")

    evidence_id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str


class Person(BaseModel):
    """Someone involved in a report, with whatever is known of them."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    address: str | None = None
    description: str | None = None


class ReportReceived(Event):
    """Version 1: a report arrived; contact wishes as free text. Superseded by version 2;
    consumers still take it, treating the reporter's wishes as unknown (the careful default)."""

    event_type = "intake.report.received"

    report_id: uuid.UUID
    reference: str
    channel: Channel
    categories: list[AsbCategory]
    description: str
    location: Location
    occurred_at: datetime
    received_at: datetime
    anonymous: bool
    reporter: Contact | None = None
    subjects: list[Person] = []
    """The people the report is about, as far as the reporter knows them."""
    witnesses: list[Person] = []
    risk_answers: dict[str, str] = {}
    """The reporter's answers to the risk assessment questions, by question id."""
    occurred_until: datetime | None = None
    received_by: str | None = None
    """The member of staff who keyed the report (phone, letter, in person)."""
    evidence: list[EvidenceRef] = []


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


# --- casework -------------------------------------------------------------------------------


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


class CaseOpened(Event):
    """Version 1 (contact wishes as free text; superseded by version 2). ``version`` orders the
    case's events for projections."""

    event_type = "casework.case.opened"

    case_id: uuid.UUID
    case_reference: str
    version: int
    status: str
    categories: list[AsbCategory]
    report_id: uuid.UUID
    report_reference: str
    opened_at: datetime
    anonymous: bool
    complainant: Contact | None = None


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


class ReportLinked(CaseChange):
    """Version 1 (superseded by version 2): a further report joined an open case (NM01)."""

    event_type = "casework.report.linked"

    report_id: uuid.UUID
    report_reference: str
    reason: str
    anonymous: bool = False
    reporter: Contact | None = None
    """Who made the linked report, to acknowledge it (they may not be the case's complainant)."""


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


class CaseClosed(CaseChange):
    """Version 1 (carried the complainant's free-text note; superseded by version 2)."""

    event_type = "casework.case.closed"

    outcome: str
    reason: str
    closed_at: datetime
    anonymous: bool
    complainant: Contact | None = None
    report_references: list[str] = []


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


# --- engagement -----------------------------------------------------------------------------


class PlanReviewDue(Event):
    """A client's support plan review is due soon (``warning``) or overdue (``breach``): a
    reminder to their Positive Engagement Officer. Confidential: no client details beyond the
    engagement reference."""

    event_type = "engagement.plan.review_due"

    plan_id: uuid.UUID
    client_id: uuid.UUID
    client_reference: str
    peo_id: str | None = None
    due_at: datetime
    stage: str
    """``warning`` or ``breach``."""


# --- engagement: what casework may show (status and outcome only) ---------------------------
# Policy 3.9: the Positive Engagement Service is confidential. These events carry the case they
# concern, a status or an outcome and a date; never the client's needs, plan, consent details,
# free-text reasons or notes.


class EngagementReferralDecided(Event):
    """The Positive Engagement Service accepted or declined a referral about a case's subject.

    ``decline_reason`` is a code (``criteria_not_met``, ``client_declined``,
    ``already_supported``, ``out_of_area``, ``other``), never the officer's free text."""

    event_type = "engagement.referral.decided"

    referral_id: uuid.UUID
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    decision: str
    """``accepted`` or ``declined``."""
    decline_reason: str | None = None
    decided_at: datetime
    within_standard: bool
    client_reference: str | None = None
    """The engagement reference of the client the referral joined (accepted only)."""


class EngagementStatusChanged(Event):
    """A client's engagement changed: consent given or withdrawn, disengaged, re-engaged.

    ``status`` is the client's engagement status after the change (``engaged``,
    ``consent_withdrawn``, ``disengaged``); ``change`` what happened; ``effective_on`` the date
    it took effect. ``case_ids`` are the cases whose subject the client is."""

    event_type = "engagement.client.engagement_changed"

    client_id: uuid.UUID
    client_reference: str
    case_ids: list[uuid.UUID] = []
    change: str
    status: str
    effective_on: date
    version: int
    """Rises with every change to the client: a projection keeps the highest."""


class EngagementOutcomeRecorded(Event):
    """The Positive Engagement Service recorded its outcome for a client: ``behaviour_stopped``,
    ``legal_action_avoided``, ``tenancy_sustained``, ``disengaged`` or ``escalated``."""

    event_type = "engagement.outcome.recorded"

    client_id: uuid.UUID
    client_reference: str
    case_ids: list[uuid.UUID] = []
    outcome: str
    recorded_on: date
    legal_action_avoided: bool
    version: int


# --- partners ---------------------------------------------------------------------------------


class PartnerEngagementReferral(Event):
    """A partner agency referred a person to the Positive Engagement Service."""

    event_type = "partners.engagement_referral.received"

    referral_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    agreement_id: uuid.UUID
    person_name: str
    reason: str
    criteria: list[str] = []
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    contact_notes: str | None = None


class PartnerUpdatePosted(Event):
    """A partner agency posted an update or an action taken ("warning issued", "closure order
    granted", "joint visit done") on a case shared with it. Goes on the case's timeline with
    the partner's name."""

    event_type = "partners.update.posted"

    update_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    partner_id: uuid.UUID
    partner_name: str
    agreement_id: uuid.UUID
    kind: str
    """``update`` (information) or ``action`` (something the partner did)."""
    action: str | None = None
    """For an action: ``warning_issued``, ``closure_order_granted``, ``joint_visit_done``..."""
    text: str
    occurred_at: datetime
    posted_at: datetime


class PartnerReferralReceived(Event):
    """A partner agency referred a person or a problem to the landlord: becomes a report."""

    event_type = "partners.referral.received"

    referral_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    agreement_id: uuid.UUID
    categories: list[AsbCategory]
    description: str
    location: Location
    occurred_at: datetime | None = None
    subjects: list[Person] = []
    case_id: uuid.UUID | None = None
    """The shared case it concerns, if any."""
    referred_by: str
    """The partner's officer who made the referral, as the partner names them."""
    received_at: datetime


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


class SafeguardingReferralProgressed(Event):
    """Where a MASH or MARAC referral has got to at the partner: ``delivered``,
    ``undeliverable`` (no MASH/MARAC partner with an active agreement: the officer must act),
    ``acknowledged`` or ``outcome_recorded``. Goes on the case's timeline."""

    event_type = "partners.safeguarding_referral.progressed"

    referral_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str
    stage: str
    partner_id: uuid.UUID | None = None
    partner_name: str | None = None
    outcome: str | None = None
    note: str | None = None
    at: datetime


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


class ConferenceActionUpdated(Event):
    """A partner agency updated an action agreed at a multi-agency case conference."""

    event_type = "partners.conference_action.updated"

    action_id: uuid.UUID
    conference_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    partner_id: uuid.UUID
    partner_name: str
    description: str
    status: str
    """``open``, ``in_progress`` or ``done``."""
    note: str | None = None
    due_on: date
    updated_at: datetime


class WebhookEndpointPaused(Event):
    """A partner's webhook endpoint kept failing and deliveries to it are paused: the
    partner's administrator is told so they can fix it and resume."""

    event_type = "partners.webhook_endpoint.paused"

    endpoint_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    admin_email: str
    url: str
    failures: int
    last_error: str | None = None
    paused_at: datetime


# --- notifications --------------------------------------------------------------------------


class MessageDelivered(Event):
    """A message was accepted by its channel's provider."""

    event_type = "notifications.message.delivered"

    message_id: uuid.UUID
    channel: ContactChannel
    template: str
    case_id: uuid.UUID | None = None
    delivered_at: datetime


class MessageFailed(Event):
    """A message could not be delivered after its last attempt."""

    event_type = "notifications.message.failed"

    message_id: uuid.UUID
    channel: ContactChannel
    template: str
    case_id: uuid.UUID | None = None
    error: str


class InAppMessagePosted(Event):
    """A message for a reporter's own status view (the in-app channel)."""

    event_type = "notifications.in_app.posted"

    message_id: uuid.UUID
    report_reference: str
    case_id: uuid.UUID | None = None
    subject: str
    body: str
    posted_at: datetime


class ContactWithheld(Event):
    """A message was not sent to a person because no allowed channel could reach them safely;
    their officer was given a task instead. Goes on the case's timeline."""

    event_type = "notifications.contact.withheld"

    message_id: uuid.UUID
    case_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    template: str
    reason: str
    task: str


# --- equality monitoring -----------------------------------------------------------------------

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


# --- subject access ----------------------------------------------------------------------------


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


class SubjectAccessItem(BaseModel):
    """One thing a service holds about the person. ``others`` names the fields of ``data``
    that name or may name someone else (:mod:`asb_shared.subject_access`): the officer reviews
    and redacts them before release."""

    model_config = ConfigDict(extra="ignore")

    kind: str
    reference: str | None = None
    at: datetime | None = None
    data: dict[str, object] = Field(default_factory=dict)
    others: list[str] = Field(default_factory=list)


class SubjectAccessContribution(Event):
    """What one service holds about the person of a subject access request (the base of each
    service's event)."""

    request_id: uuid.UUID
    items: list[SubjectAccessItem] = Field(default_factory=list)


class IntakeSubjectAccessContributed(SubjectAccessContribution):
    event_type = "intake.subject_access.contributed"


class NotificationsSubjectAccessContributed(SubjectAccessContribution):
    event_type = "notifications.subject_access.contributed"


class EngagementSubjectAccessContributed(SubjectAccessContribution):
    event_type = "engagement.subject_access.contributed"


class PartnersSubjectAccessContributed(SubjectAccessContribution):
    event_type = "partners.subject_access.contributed"
