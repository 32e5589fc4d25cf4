"""The case projection, built from casework's events (v1 and v2 of each).

Each case's events carry a rising ``version``: a state (status, officer, outcome) is taken only
from an event newer than the one held, so a stale or redelivered event changes nothing. Facts
that only accumulate (the reports a case holds, its complainants, its referrals) are merged
whatever the order, so an event that arrives before ``case.opened`` loses nothing.

What is never kept: the complainant's free-text safe-contact note (version 1 events carry it)
and the code word.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asb_shared.contracts import Contact, ContactRecord
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from ..webhooks.rules import EventType
from .models import CaseProjection
from .usecases import announce_to_sharers


@dataclass(frozen=True)
class CaseEvent:
    """What one of casework's events says of a case, whatever its type and version."""

    case_id: uuid.UUID
    case_reference: str
    version: int
    status: str
    categories: list[str] | None = None
    opened_at: datetime | None = None
    anonymous: bool | None = None
    route: str | None = None
    officer_name: str | None = None
    report_references: tuple[str, ...] = ()
    complainants: tuple[dict[str, Any], ...] = ()
    outcome: str | None = None
    closure_reason: str | None = None
    closed_at: datetime | None = None
    engagement_referral: dict[str, Any] | None = None
    safeguarding_referral: dict[str, Any] | None = None
    versioned: bool = True
    """False for events outside the case's sequence (referrals): they change no state."""


def complainant_from_v1(contact: Contact | None) -> tuple[dict[str, Any], ...]:
    """A version 1 contact, without its free-text safe-contact note and contact times."""
    if contact is None:
        return ()
    return (
        {
            "person_id": None,
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "address": None,
            "only_through_officer": False,
            "version": 0,
        },
    )


def complainant_from_record(record: ContactRecord | None) -> tuple[dict[str, Any], ...]:
    if record is None:
        return ()
    return (
        {
            "person_id": str(record.person_id),
            "name": record.name,
            "email": record.email,
            "phone": record.phone,
            "address": record.address,
            "only_through_officer": record.preferences.only_through_officer,
            "version": record.version,
        },
    )


def _merge_complainants(
    held: list[dict[str, Any]], new: tuple[dict[str, Any], ...]
) -> list[dict[str, Any]]:
    merged = [dict(c) for c in held]
    for person in new:
        same = next(
            (
                i
                for i, c in enumerate(merged)
                if (person["person_id"] and c.get("person_id") == person["person_id"])
                or (not person["person_id"] and not c.get("person_id") and c == person)
            ),
            None,
        )
        if same is None:
            merged.append(dict(person))
        elif int(person.get("version", 0)) > int(merged[same].get("version", 0)):
            merged[same] = dict(person)
    return merged


def _add_by_id(held: list[dict[str, Any]], item: dict[str, Any] | None) -> list[dict[str, Any]]:
    if item is None or any(h.get("referral_id") == item.get("referral_id") for h in held):
        return list(held)
    return [*held, item]


async def apply_case_event(uow: UnitOfWork, event: CaseEvent) -> None:
    """Bring the projection up to date with one of casework's events about a case."""
    organisation_id = uow.envelope.organisation_id
    await uow.session.execute(
        insert(CaseProjection)
        .values(
            case_id=event.case_id,
            organisation_id=organisation_id,
            case_reference=event.case_reference,
            status=event.status,
            categories=[],
            version=0,
            report_references=[],
            complainants=[],
            safeguarding_referrals=[],
            engagement_referrals=[],
            anonymous=False,
        )
        .on_conflict_do_nothing()
    )
    case = await uow.session.scalar(
        select(CaseProjection).where(CaseProjection.case_id == event.case_id).with_for_update()
    )
    if case is None or case.organisation_id != organisation_id:
        return  # an id of another landlord's case: never mixed in
    # Facts of the opening and facts that accumulate: merged whatever the order.
    if event.categories is not None:
        case.categories = sorted(set(event.categories))
    if event.opened_at is not None:
        case.opened_at = event.opened_at
    if event.anonymous is not None:
        case.anonymous = event.anonymous
    if event.route is not None:
        case.route = event.route
    if event.report_references:
        case.report_references = sorted({*case.report_references, *event.report_references})
    if event.complainants:
        case.complainants = _merge_complainants(case.complainants, event.complainants)
    case.engagement_referrals = _add_by_id(case.engagement_referrals, event.engagement_referral)
    case.safeguarding_referrals = _add_by_id(
        case.safeguarding_referrals, event.safeguarding_referral
    )
    newer = event.versioned and event.version > case.version
    previous = (case.status, case.officer_name)
    if newer:
        case.version = event.version
        case.status = event.status
        case.case_reference = event.case_reference
        if event.officer_name is not None:
            case.officer_name = event.officer_name
        if event.outcome is not None:
            case.outcome = event.outcome
            case.closure_reason = event.closure_reason
            case.closed_at = event.closed_at
    case.updated_at = uow.now()
    await uow.session.flush()
    if newer and event.outcome is not None:
        await announce_to_sharers(uow, case, EventType.CASE_CLOSED)
    elif newer and (case.status, case.officer_name) != previous:
        await announce_to_sharers(uow, case, EventType.CASE_UPDATED)
