"""A landlord's policy settings, as pure rules: their shape, their defaults and their checks.

The defaults are the published policies' own numbers: first contact within 1 working day
(NPH, Halton), an action plan agreed within 10 working days, contact every 10 working days at
standard risk and at least weekly at high risk (Stockport promises weekly contact to everyone:
it sets the default to 5), an update every 10 working days, a monthly manager review, the
financial year from April, and the Community Trigger's common threshold of three reports in six
months (or five households). No I/O happens here.
"""

from __future__ import annotations

from datetime import time
from enum import StrEnum
from typing import Annotated, Any

from asb_shared.calendar import HolidayRegion
from asb_shared.retention import RetentionSchedule
from asb_shared.usecase import Problem
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

WorkingDays = Annotated[int, Field(ge=1, le=260)]
"""A standard in working days: at least one, at most a working year."""
SameDayOrMore = Annotated[int, Field(ge=0, le=260)]


class Settings(BaseModel):
    """A part of the policy: unknown fields are refused (a misspelt standard is an error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StandardDays(Settings):
    """Working days each service standard allows."""

    first_contact: WorkingDays = 1
    action_plan: WorkingDays = 10
    case_update: WorkingDays = 10
    manager_review: WorkingDays = 20
    risk_reassessment: WorkingDays = 20


class ContactFrequency(Settings):
    """How often the complainant is contacted when no other frequency was agreed."""

    default_working_days: WorkingDays = 10
    high_risk_working_days: WorkingDays = 5


class PriorityFirstContact(Settings):
    """A faster first contact for the priority routes (0, the default: by closing time the same
    working day, or the next one if the report came when the office was shut)."""

    hate_incident: SameDayOrMore = 0
    domestic_abuse: SameDayOrMore = 0


class CommunityTrigger(Settings):
    """When a complainant may ask for an ASB case review (s104 ASB, Crime and Policing Act
    2014): stored for the insight work, which counts eligibility."""

    reports: Annotated[int, Field(ge=1, le=50)] = 3
    within_months: Annotated[int, Field(ge=1, le=24)] = 6
    households: Annotated[int, Field(ge=1, le=100)] = 5
    households_rule: bool = False
    """Whether ``households`` households reporting one problem also meet the threshold."""
    hate_incident_rule: bool = False
    """Whether one report of a hate incident meets the threshold."""
    decision_working_days: WorkingDays = 5
    """The applicant is told whether the threshold is met within this many working days."""
    meeting_working_days: WorkingDays = 15
    """The review meeting is held within this many working days of the decision."""
    outcome_working_days: WorkingDays = 5
    """The applicant is told the outcome within this many working days of the meeting."""


class OfficeCalendar(Settings):
    """Whose bank holidays and which office hours (London time) the working days follow."""

    region: HolidayRegion = HolidayRegion.ENGLAND_AND_WALES
    opens: time = time(9, 0)
    closes: time = time(17, 0)


PhoneNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{5,20}$")
]


class PublicContact(Settings):
    """How residents reach the ASB team, shown on the landlord's resident site."""

    phone: PhoneNumber | None = None
    """The ASB team's number in office hours."""
    out_of_hours_phone: PhoneNumber | None = None
    """The number for urgent problems out of hours (not emergencies: those are 999)."""


Characteristic = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z][a-z _-]{1,59}$")
]


class PolicySettings(Settings):
    """Everything a landlord sets; defaults from the published policies."""

    standards: StandardDays = StandardDays()
    contact_frequency: ContactFrequency = ContactFrequency()
    priority_first_contact: PriorityFirstContact = PriorityFirstContact()
    survey_after_closure_working_days: SameDayOrMore = 5
    financial_year_start_month: Annotated[int, Field(ge=1, le=12)] = 4
    community_trigger: CommunityTrigger = CommunityTrigger()
    homes: Annotated[int, Field(ge=1, le=10_000_000)] | None = None
    """Homes managed, for the per-1,000-homes measures (NM01)."""
    resolve_target_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    """The target average days to resolve a case, published beside the figure (Stockport: 52)."""
    calendar: OfficeCalendar = OfficeCalendar()
    link_window_days: Annotated[int, Field(ge=1, le=3650)] = 90
    """A report joins an open case about the same address or subject only if that case had a
    report within this many days; after that it opens a case of its own."""
    public_contact: PublicContact = PublicContact()
    extra_protected_characteristics: list[Characteristic] = Field(
        default_factory=list, max_length=20
    )
    """Characteristics a hate incident can target beyond the five monitored ones."""
    retention: RetentionSchedule = RetentionSchedule()
    """How long each kind of record is kept and what happens at the end (every service
    follows casework's announcements for the records of a case)."""


DEFAULT_POLICY = PolicySettings()


class ProtectedCharacteristic(StrEnum):
    """The five monitored strands of hate crime; a landlord may add others."""

    RACE = "race"
    RELIGION_OR_BELIEF = "religion_or_belief"
    SEXUAL_ORIENTATION = "sexual_orientation"
    DISABILITY = "disability"
    TRANSGENDER_IDENTITY = "transgender_identity"


def protected_characteristics(policy: PolicySettings) -> list[str]:
    """The characteristics a hate incident can record under ``policy``."""
    monitored = [c.value for c in ProtectedCharacteristic]
    return monitored + [c for c in policy.extra_protected_characteristics if c not in monitored]


def problems(policy: PolicySettings) -> list[Problem]:
    """What is inconsistent across fields (each field alone is checked by its type)."""
    found: list[Problem] = []
    review = policy.standards.manager_review
    frequency = policy.contact_frequency
    if frequency.high_risk_working_days > review:
        found.append(
            Problem(
                "contact_frequency.high_risk_working_days",
                f"high-risk contact ({frequency.high_risk_working_days} working days) must come "
                f"at least as often as the manager review ({review})",
            )
        )
    if frequency.default_working_days > review:
        found.append(
            Problem(
                "contact_frequency.default_working_days",
                f"contact ({frequency.default_working_days} working days) must come at least as "
                f"often as the manager review ({review})",
            )
        )
    if frequency.high_risk_working_days > frequency.default_working_days:
        found.append(
            Problem(
                "contact_frequency.high_risk_working_days",
                "high-risk contact must be at least as frequent as the default contact",
            )
        )
    for route, days in policy.priority_first_contact:
        if days > policy.standards.first_contact:
            found.append(
                Problem(
                    f"priority_first_contact.{route}",
                    f"a priority first contact cannot be slower than the standard "
                    f"({policy.standards.first_contact} working days)",
                )
            )
    if policy.calendar.opens >= policy.calendar.closes:
        found.append(Problem("calendar.closes", "the office must open before it closes"))
    if policy.calendar.opens.tzinfo is not None or policy.calendar.closes.tzinfo is not None:
        found.append(Problem("calendar.opens", "office hours are London wall-clock times"))
    return found


def changes(before: PolicySettings, after: PolicySettings) -> list[dict[str, Any]]:
    """What changed, field by field (dotted names), for the audit trail."""
    old, new = _flat(before.model_dump(mode="json")), _flat(after.model_dump(mode="json"))
    return [
        {"field": name, "from": old.get(name), "to": new.get(name)}
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]


def _flat(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
