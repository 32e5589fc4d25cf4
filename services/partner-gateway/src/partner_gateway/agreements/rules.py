"""The rules of an information sharing agreement, pure: when it is in force, what it covers.

An agreement names the case categories it covers and a field-level allow list; nothing is
shared by default and there are no wildcards, so a sensitive kind of information is shared
only where an agreement names it explicitly.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


class AgreementState(StrEnum):
    PENDING = "pending"
    """Signed but not started yet."""
    ACTIVE = "active"
    REVIEW_DUE = "review_due"
    """In force, but past its review date: the landlord should review it."""
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


IN_FORCE = frozenset({AgreementState.ACTIVE, AgreementState.REVIEW_DUE})


class CaseField(StrEnum):
    """What of a case an agreement may allow a partner to see."""

    REFERENCE = "reference"
    STATUS = "status"
    CATEGORIES = "categories"
    """Only the categories the agreement covers."""
    OPENED_AT = "opened_at"
    OFFICER = "officer"
    """The landlord's designated officer's name, so the partner knows whom to call."""
    REPORTS = "reports"
    """The references of the reports the case holds."""
    OUTCOME = "outcome"
    """Outcome, closure reason and date."""
    PRIORITY_ROUTE = "priority_route"
    COMPLAINANT_NAME = "complainant_name"
    COMPLAINANT_CONTACT = "complainant_contact"
    """Email, phone and address: never for a complainant to be reached only through the officer."""
    SAFEGUARDING = "safeguarding"
    """MASH and MARAC referrals, and the safeguarding route."""
    ENGAGEMENT = "engagement"
    """Positive Engagement referrals (the service is confidential: explicit only)."""
    WARNING_MARKERS = "warning_markers"
    """The warning markers on the case's address and subjects (label and review date, never
    the reason): for a partner who visits, explicit only."""


class Scope(StrEnum):
    """What a partner system may do; a token's scopes come from the agreements in force."""

    CASES_READ = "cases:read"
    CASES_WRITE = "cases:write"
    """Post updates and actions on shared cases."""
    REFERRALS_WRITE = "referrals:write"
    """Refer a person or a problem to the landlord or to Positive Engagement."""
    SAFEGUARDING = "safeguarding"
    """Receive MASH/MARAC referrals and send back acknowledgement and outcome."""
    CONFERENCES = "conferences"
    WEBHOOKS = "webhooks"


SENSITIVE_CATEGORIES = frozenset({"domestic_abuse"})
"""A case carrying one of these is shared only under an agreement naming the category."""


@dataclass(frozen=True)
class Terms:
    """What an agreement says, as the rules need it."""

    agreement_id: uuid.UUID
    categories: frozenset[str]
    fields: frozenset[str]
    scopes: frozenset[str]
    starts_on: date
    review_on: date
    expires_on: date
    withdrawn: bool


def uk_today(now: datetime) -> date:
    """The date in the UK at ``now``: agreements run by the calendar their signatories use."""
    return now.astimezone(UK).date()


def state(terms: Terms, today: date) -> AgreementState:
    """Where the agreement stands on ``today``. Expiry is the last day it is in force."""
    if terms.withdrawn:
        return AgreementState.WITHDRAWN
    if today > terms.expires_on:
        return AgreementState.EXPIRED
    if today < terms.starts_on:
        return AgreementState.PENDING
    if today >= terms.review_on:
        return AgreementState.REVIEW_DUE
    return AgreementState.ACTIVE


def in_force(terms: Terms, today: date) -> bool:
    return state(terms, today) in IN_FORCE


def covers_case(terms: Terms, categories: Iterable[str]) -> bool:
    """Whether a case with ``categories`` may be shared under these terms: at least one of its
    categories is covered, and every sensitive one it carries is named."""
    cats = set(categories)
    return bool(cats & terms.categories) and (cats & SENSITIVE_CATEGORIES) <= terms.categories


def granted_scopes(agreements: Iterable[Terms], today: date) -> frozenset[str]:
    """The scopes the agreements in force on ``today`` give together."""
    scopes: set[str] = set()
    for terms in agreements:
        if in_force(terms, today):
            scopes |= terms.scopes
    return frozenset(scopes)
