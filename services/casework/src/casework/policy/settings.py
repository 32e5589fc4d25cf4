"""A landlord's policy settings, as pure rules: their shape, their defaults and their checks.

The defaults are the published policies' own numbers: first contact within 1 working day
(NPH, Halton), an action plan agreed within 10 working days, contact every 10 working days at
standard risk and at least weekly at high risk (Stockport promises weekly contact to everyone:
it sets the default to 5), an update every 10 working days, a monthly manager review, the
financial year from April, and the Community Trigger's common threshold of three reports in six
months (or five households). No I/O happens here.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from asb_shared.calendar import HolidayRegion, WorkingCalendar, calendar_for
from asb_shared.retention import RetentionSchedule
from asb_shared.usecase import Problem
from pydantic import Field, StringConstraints

from .base import Settings
from .lists import (
    DEFAULT_CATEGORIES,
    DEFAULT_INTERVENTIONS,
    DEFAULT_NOT_ASB,
    DEFAULT_PRIORITY_ROUTES,
    CategorySetting,
    InterventionSetting,
    NotAsbEntry,
    PriorityRouteSetting,
)

WorkingDays = Annotated[int, Field(ge=1, le=260)]
"""A standard in working days: at least one, at most a working year."""
SameDayOrMore = Annotated[int, Field(ge=0, le=260)]


class StandardDays(Settings):
    """Working days each service standard allows."""

    first_contact: WorkingDays = 1
    action_plan: WorkingDays = 10
    case_update: WorkingDays = 10
    manager_review: WorkingDays = 20
    risk_reassessment: WorkingDays = 20
    """The complainant's risk is assessed again this many working days after each assessment
    (standard risk)."""
    risk_reassessment_medium: WorkingDays = 10
    """... at medium risk."""
    risk_reassessment_high: WorkingDays = 5
    """... at high risk: weekly (Stockport reviews high-risk cases weekly)."""


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
    appeal_within_working_days: WorkingDays = 20
    """An applicant unhappy with the decision or the outcome may appeal within this many
    working days of being told."""
    appeal_working_days: WorkingDays = 20
    """The appeal is decided, and the applicant told, within this many working days."""


class OfficeCalendar(Settings):
    """Whose bank holidays and which office hours (London time) the working days follow."""

    region: HolidayRegion = HolidayRegion.ENGLAND_AND_WALES
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    closure_days: list[date] = Field(default_factory=list, max_length=60)
    """The landlord's own days the office is shut (beyond weekends and bank holidays): they
    are not working days."""


class EngagementPolicy(Settings):
    """The Positive Engagement Service's own settings (Stockport's Positive Engagement Policy)."""

    decision_working_days: WorkingDays = 5
    """A referral is accepted or declined within this many working days."""
    review_every_days: Annotated[int, Field(ge=1, le=180)] = 28
    """The support plan's review interval when none was agreed with the client."""
    longest_review_every_days: Annotated[int, Field(ge=1, le=180)] = 90
    """No support plan goes longer than this between reviews."""
    spend_approval_threshold: Annotated[Decimal, Field(ge=0, le=100_000, decimal_places=2)] = (
        Decimal("100.00")
    )
    """A practical-support spend above this needs a team leader's approval, unless the year's
    budget sets its own."""


PhoneNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{5,20}$")
]


class PublicContact(Settings):
    """How residents reach the ASB team, shown on the landlord's resident site."""

    phone: PhoneNumber | None = None
    """The ASB team's number in office hours."""
    out_of_hours_phone: PhoneNumber | None = None
    """The number for urgent problems out of hours (not emergencies: those are 999)."""


class Enquiries(Settings):
    """Councillors' and MPs' enquiries about a case (Stockport 4.24): answered within their own
    working days, warned and breached by the standards clock like every standard."""

    councillor_working_days: WorkingDays = 10
    mp_working_days: WorkingDays = 10


class CallBacks(Settings):
    """Random call-backs to complainants after closure by a team leader (NPH)."""

    sample_percent: Annotated[int, Field(ge=0, le=100)] = 10
    """The share of closed cases sampled for a call-back (0: none)."""


class MeasureTarget(Settings):
    """An annual target for one published measure, and whether more is better."""

    measure: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_.]{1,79}$")
    ]
    """The measure's name in the published measures' period figures (``resolved_percent``,
    ``satisfaction.tp12_percent``...)."""
    target: Annotated[float, Field(ge=0, le=1_000_000)]
    higher_is_better: bool = True


class PublicSummary(Settings):
    """The public performance summary (NPH, Stockport 8.2): counts under this are suppressed,
    so no one is recognisable from a small number."""

    minimum_count: Annotated[int, Field(ge=1, le=100)] = 5


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
    enquiries: Enquiries = Enquiries()
    call_backs: CallBacks = CallBacks()
    measure_targets: list[MeasureTarget] = Field(default_factory=list, max_length=50)
    """Annual targets, one per measure (the measure named once)."""
    public_summary: PublicSummary = PublicSummary()
    engagement: EngagementPolicy = EngagementPolicy()
    not_asb: list[NotAsbEntry] = Field(default_factory=lambda: list(DEFAULT_NOT_ASB), max_length=60)
    """What triage flags as often not ASB, with the advice given instead (Livv's list)."""
    categories: list[CategorySetting] = Field(
        default_factory=lambda: list(DEFAULT_CATEGORIES), max_length=60
    )
    """The categories' labels and the type of ASB each is published as."""
    interventions: list[InterventionSetting] = Field(
        default_factory=lambda: list(DEFAULT_INTERVENTIONS), min_length=1, max_length=80
    )
    """The interventions catalogue officers record from, and which are legal action."""
    priority_routes: list[PriorityRouteSetting] = Field(
        default_factory=lambda: list(DEFAULT_PRIORITY_ROUTES), max_length=30
    )
    """Categories that take a priority route, in order (the first that applies wins)."""
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


def working_calendar(policy: PolicySettings) -> WorkingCalendar:
    """The landlord's working days: its region's bank holidays, office hours and own closure
    days (one cached calendar per distinct setting)."""
    cal = policy.calendar
    return calendar_for(cal.region, cal.opens, cal.closes, tuple(sorted(set(cal.closure_days))))


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
    named = [t.measure for t in policy.measure_targets]
    for index, name in enumerate(named):
        if name in named[:index]:
            found.append(
                Problem(f"measure_targets.{index}.measure", f"{name} has a target already")
            )
    found += _reassessment_problems(policy.standards)
    found += _list_problems(policy)
    if policy.engagement.review_every_days > policy.engagement.longest_review_every_days:
        found.append(
            Problem(
                "engagement.review_every_days",
                "the usual review interval cannot be longer than the longest allowed",
            )
        )
    if policy.calendar.opens >= policy.calendar.closes:
        found.append(Problem("calendar.closes", "the office must open before it closes"))
    if policy.calendar.opens.tzinfo is not None or policy.calendar.closes.tzinfo is not None:
        found.append(Problem("calendar.opens", "office hours are London wall-clock times"))
    return found


def _reassessment_problems(standards: StandardDays) -> list[Problem]:
    found = []
    if standards.risk_reassessment_high > standards.risk_reassessment_medium:
        found.append(
            Problem(
                "standards.risk_reassessment_high",
                "high risk must be re-assessed at least as often as medium risk",
            )
        )
    if standards.risk_reassessment_medium > standards.risk_reassessment:
        found.append(
            Problem(
                "standards.risk_reassessment_medium",
                "medium risk must be re-assessed at least as often as standard risk",
            )
        )
    return found


def _duplicates(field: str, keys: list[str]) -> list[Problem]:
    seen: set[str] = set()
    found = []
    for index, key in enumerate(keys):
        if key in seen:
            found.append(Problem(f"{field}.{index}", f"{key} is listed twice"))
        seen.add(key)
    return found


def _list_problems(policy: PolicySettings) -> list[Problem]:
    found = _duplicates("not_asb", [e.key for e in policy.not_asb])
    found += _duplicates("categories", [c.category.value for c in policy.categories])
    found += _duplicates("interventions", [i.kind for i in policy.interventions])
    known = {i.kind for i in DEFAULT_INTERVENTIONS}
    for index, intervention in enumerate(policy.interventions):
        if intervention.kind not in known:
            found.append(
                Problem(
                    f"interventions.{index}.kind",
                    f"{intervention.kind} is not an intervention the platform records",
                )
            )
    found += _duplicates("priority_routes", [r.category.value for r in policy.priority_routes])
    # Safety first: domestic abuse, hate incidents and exploitation always take their route
    # (the careful contact rules and the faster standards hang on it); a landlord may add more.
    routes = {(r.category, r.route) for r in policy.priority_routes}
    for required in DEFAULT_PRIORITY_ROUTES:
        if (required.category, required.route) not in routes:
            found.append(
                Problem(
                    "priority_routes",
                    f"{required.category.value} always takes the {required.route} route",
                )
            )
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
