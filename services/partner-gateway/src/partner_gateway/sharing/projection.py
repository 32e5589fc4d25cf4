"""The case projection, built from casework's events.

Each case's events carry a rising ``version``: a state (status, officer, outcome) is taken only
from an event newer than the one held, so a stale or redelivered event changes nothing. Facts
that only accumulate (the reports a case holds, its complainants, its referrals) are merged
whatever the order, so an event that arrives before ``case.opened`` loses nothing.

What is never kept: the complainant's free-text safe-contact note and the code word (casework's
events carry neither; a field of that name, if one came, is not taken).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from asb_shared.contracts.casework import ContactRecord
from asb_shared.usecase import UnitOfWork
from sqlalchemy import Table, bindparam, exists, update
from sqlalchemy.dialects.postgresql import insert

from ..webhooks.rules import EventType
from .announcing import announce_to_sharers
from .models import CaseProjection, CaseShare


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


_TABLE = cast(Table, CaseProjection.__table__)
_COLUMNS = [c.name for c in _TABLE.columns]

# One round trip finds the case's row, creating it if this is the first event about it, and
# locks it until commit; it says too whether the case is shared with anyone, so a case shared
# with nobody (nearly all of them) costs no further read when it changes.
_HOLD = (
    insert(_TABLE)
    .values(
        case_id=bindparam("case_id"),
        organisation_id=bindparam("organisation_id"),
        case_reference=bindparam("case_reference"),
        status=bindparam("status"),
        categories=[],
        version=0,
        report_references=[],
        complainants=[],
        safeguarding_referrals=[],
        engagement_referrals=[],
        anonymous=False,
    )
    .on_conflict_do_update(
        index_elements=[_TABLE.c.case_id], set_={"case_id": insert(_TABLE).excluded.case_id}
    )
    .returning(
        *_TABLE.columns,
        exists()
        .where(CaseShare.case_id == bindparam("case_id"), CaseShare.stopped_at.is_(None))
        .label("shared"),
    )
)


async def apply_case_event(uow: UnitOfWork, event: CaseEvent) -> None:
    """Bring the projection up to date with one of casework's events about a case."""
    organisation_id = uow.envelope.organisation_id
    held = (
        await uow.session.execute(
            _HOLD,
            {
                "case_id": event.case_id,
                "organisation_id": organisation_id,
                "case_reference": event.case_reference,
                "status": event.status,
            },
        )
    ).one()
    if held.organisation_id != organisation_id:
        return  # an id of another landlord's case: never mixed in
    case = {name: getattr(held, name) for name in _COLUMNS}
    changes = _changes(case, event)
    changes["updated_at"] = uow.now()
    await uow.session.execute(
        update(_TABLE).where(_TABLE.c.case_id == event.case_id).values(**changes)
    )
    newer = "version" in changes
    if not (newer and held.shared):
        return
    after = CaseProjection(**(case | changes))
    if event.outcome is not None:
        await announce_to_sharers(uow, after, EventType.CASE_CLOSED)
    elif (after.status, after.officer_name) != (held.status, held.officer_name):
        await announce_to_sharers(uow, after, EventType.CASE_UPDATED)


def _changes(case: dict[str, Any], event: CaseEvent) -> dict[str, Any]:
    """The columns one event changes in the case as held."""
    changes: dict[str, Any] = {}
    # Facts of the opening and facts that accumulate: merged whatever the order.
    if event.categories is not None:
        changes["categories"] = sorted(set(event.categories))
    if event.opened_at is not None:
        changes["opened_at"] = event.opened_at
    if event.anonymous is not None:
        changes["anonymous"] = event.anonymous
    if event.route is not None:
        changes["route"] = event.route
    if event.report_references:
        changes["report_references"] = sorted(
            {*case["report_references"], *event.report_references}
        )
    if event.complainants:
        changes["complainants"] = _merge_complainants(case["complainants"], event.complainants)
    if event.engagement_referral is not None:
        changes["engagement_referrals"] = _add_by_id(
            case["engagement_referrals"], event.engagement_referral
        )
    if event.safeguarding_referral is not None:
        changes["safeguarding_referrals"] = _add_by_id(
            case["safeguarding_referrals"], event.safeguarding_referral
        )
    if event.versioned and event.version > case["version"]:
        changes["version"] = event.version
        changes["status"] = event.status
        changes["case_reference"] = event.case_reference
        if event.officer_name is not None:
            changes["officer_name"] = event.officer_name
        if event.outcome is not None:
            changes["outcome"] = event.outcome
            changes["closure_reason"] = event.closure_reason
            changes["closed_at"] = event.closed_at
    return changes
