"""Use cases of subject access: find the person, start the request (casework's own part at
once, every other service's by event), take the contributions, review, release."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from asb_shared.contracts.casework import SubjectAccessRequested
from asb_shared.contracts.common import SubjectAccessContribution, SubjectAccessItem
from asb_shared.contracts.engagement import EngagementSubjectAccessContributed
from asb_shared.contracts.intake import IntakeSubjectAccessContributed
from asb_shared.contracts.notifications import NotificationsSubjectAccessContributed
from asb_shared.contracts.partner_gateway import PartnersSubjectAccessContributed
from asb_shared.subject_access import item
from asb_shared.usecase import Conflict, Invalid, NotFound, UnitOfWork
from sqlalchemy import func, select

from ..cases.models import Case, CaseReport, Complainant, Contact
from ..cases.store import staff
from ..equality.models import EqualityRecord
from ..equality.usecases import CHARACTERISTICS
from ..people.matching import normalised_postcode, person_keys
from ..timeline.models import TimelineEntry
from ..timeline.recording import acting
from .deadline import due_on
from .models import SubjectAccessEntry, SubjectAccessRequest

CASEWORK = "casework"
SOURCES = {
    IntakeSubjectAccessContributed: "intake",
    NotificationsSubjectAccessContributed: "notifications",
    EngagementSubjectAccessContributed: "engagement",
    PartnersSubjectAccessContributed: "partner-gateway",
}
EVERY_SOURCE = (CASEWORK, *SOURCES.values())
NO_SUCH_REQUEST = "No such subject access request."


@dataclass(frozen=True)
class WhoIsAsking:
    """What identifies the person (a name alone is never enough to recognise them)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    postcode: str | None = None


async def _records(uow: UnitOfWork, who: WhoIsAsking) -> list[Complainant]:
    keys = person_keys(who.name, who.email, who.phone, normalised_postcode(who.postcode))
    if not keys:
        raise Invalid.at("email", "give an email address, a phone number, or a name and postcode")
    return list(
        await uow.session.scalars(
            select(Complainant)
            .where(
                Complainant.organisation_id == staff(uow).organisation_id,
                Complainant.person_keys.overlap(keys),
            )
            .order_by(Complainant.added_at)
        )
    )


async def find_person(uow: UnitOfWork, query: WhoIsAsking) -> list[Complainant]:
    """The complainant records of the person across the landlord's cases (the people matching
    casework uses for repeat victims)."""
    return await _records(uow, query)


@dataclass(frozen=True)
class StartRequest:
    who: WhoIsAsking
    received_on: date


async def start_request(uow: UnitOfWork, command: StartRequest) -> SubjectAccessRequest:
    """Record the request with its due date, add what casework holds, and ask every service."""
    if command.received_on > uow.now().date():
        raise Invalid.at("received_on", "is in the future")
    if command.received_on.year < 1990:
        raise Invalid.at("received_on", "is before 1990")
    records = await _records(uow, command.who)
    who = command.who
    emails = sorted({e.lower() for e in [who.email, *(r.email for r in records)] if e})
    phones = sorted({p for p in [who.phone, *(r.phone for r in records)] if p})
    request = SubjectAccessRequest(
        id=uuid.uuid4(),
        organisation_id=staff(uow).organisation_id,
        name=who.name,
        emails=emails,
        phones=phones,
        postcode=normalised_postcode(who.postcode),
        person_ids=[r.id for r in records],
        case_ids=sorted({r.case_id for r in records}),
        report_references=sorted({r.report_reference for r in records}),
        received_on=command.received_on,
        due_on=due_on(command.received_on),
        contributed=[CASEWORK],
        requested_by=acting(uow),
    )
    uow.session.add(request)
    await uow.session.flush()
    for found in await _casework_items(uow, request, records):
        _keep(uow, request, CASEWORK, found)
    await uow.emit(
        SubjectAccessRequested(
            request_id=request.id,
            name=request.name,
            emails=request.emails,
            phones=request.phones,
            person_ids=request.person_ids,
            report_references=request.report_references,
            case_ids=request.case_ids,
        )
    )
    return request


def _keep(
    uow: UnitOfWork, request: SubjectAccessRequest, source: str, found: SubjectAccessItem
) -> None:
    uow.session.add(
        SubjectAccessEntry(
            request_id=request.id,
            organisation_id=request.organisation_id,
            source=source,
            kind=found.kind,
            reference=found.reference,
            at=found.at,
            data=found.data,
            others=found.others,
        )
    )


async def _casework_items(
    uow: UnitOfWork, request: SubjectAccessRequest, records: list[Complainant]
) -> list[SubjectAccessItem]:
    """Their complainant records, their cases, the reports on them they made, the contacts
    with them and each case's timeline; their equality answers (held apart)."""
    items = [
        item(
            "complainant_record",
            {
                "name": r.name,
                "email": r.email,
                "phone": r.phone,
                "address": r.address,
                "preferences": r.preferences,
                "officer_note": r.note,
            },
            reference=r.report_reference,
            at=r.added_at,
        )
        for r in records
    ]
    cases = list(await uow.session.scalars(select(Case).where(Case.id.in_(request.case_ids))))
    for case in cases:
        items.append(
            item(
                "case",
                {
                    "status": case.status,
                    "categories": list(case.categories),
                    "route": case.priority_route,
                    "risk_level": case.risk_level,
                    "officer_name": case.officer_name,
                    "outcome": case.outcome,
                    "closure_reason": case.closure_reason,
                    "closed_at": case.closed_at.isoformat() if case.closed_at else None,
                },
                reference=case.reference,
                at=case.opened_at,
            )
        )
    for report in await uow.session.scalars(
        select(CaseReport).where(CaseReport.report_reference.in_(request.report_references))
    ):
        items.append(
            item(
                "report_on_case",
                {
                    "description": report.description,
                    "subjects": report.payload.get("subjects"),
                    "witnesses": report.payload.get("witnesses"),
                },
                reference=report.report_reference,
                at=report.received_at,
            )
        )
    for contact in await uow.session.scalars(
        select(Contact)
        .where(Contact.person_id.in_(request.person_ids))
        .order_by(Contact.contacted_at)
    ):
        items.append(
            item(
                "contact_with_you",
                {
                    "method": contact.method,
                    "summary": contact.summary,
                    "actor": contact.recorded_by,
                },
                at=contact.contacted_at,
            )
        )
    references = {c.id: c.reference for c in cases}
    for entry in await uow.session.scalars(
        select(TimelineEntry)
        .where(TimelineEntry.case_id.in_(request.case_ids))
        .order_by(TimelineEntry.at)
    ):
        items.append(
            item(
                "case_timeline",
                {"what": entry.kind, "summary": entry.summary, "actor": entry.actor},
                reference=references.get(entry.case_id),
                at=entry.at,
            )
        )
    for answers in await uow.session.scalars(
        select(EqualityRecord).where(
            EqualityRecord.organisation_id == request.organisation_id,
            EqualityRecord.report_reference.in_(request.report_references),
        )
    ):
        given = {c: v for c in CHARACTERISTICS if (v := getattr(answers, c)) is not None}
        items.append(
            item("equality_answers", given, reference=answers.report_reference, at=answers.given_at)
        )
    return items


async def contributed(uow: UnitOfWork, event: SubjectAccessContribution) -> None:
    """A service answered: keep what it holds about the person with the request."""
    request = await uow.session.scalar(
        select(SubjectAccessRequest)
        .where(
            SubjectAccessRequest.id == event.request_id,
            SubjectAccessRequest.organisation_id == uow.envelope.organisation_id,
        )
        .with_for_update()
    )
    source = SOURCES[type(event)]
    if request is None or source in request.contributed:
        return
    for found in event.items:
        _keep(uow, request, source, found)
    request.contributed = [*request.contributed, source]


@dataclass(frozen=True)
class WhichRequest:
    request_id: uuid.UUID


@dataclass
class RequestWithItems:
    request: SubjectAccessRequest
    items: list[SubjectAccessEntry] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return set(EVERY_SOURCE) <= set(self.request.contributed)

    @property
    def waiting_for(self) -> list[str]:
        return [s for s in EVERY_SOURCE if s not in self.request.contributed]

    @property
    def to_review(self) -> int:
        return sum(1 for i in self.items if i.others and not i.reviewed)


async def _request(
    uow: UnitOfWork, request_id: uuid.UUID, *, lock: bool = False
) -> SubjectAccessRequest:
    query = select(SubjectAccessRequest).where(
        SubjectAccessRequest.id == request_id,
        SubjectAccessRequest.organisation_id == staff(uow).organisation_id,
    )
    request = await uow.session.scalar(query.with_for_update() if lock else query)
    if request is None:
        raise NotFound(NO_SUCH_REQUEST)
    return request


async def request_of(uow: UnitOfWork, query: WhichRequest) -> RequestWithItems:
    """The request with everything contributed so far, in the order it happened."""
    request = await _request(uow, query.request_id)
    items = await uow.session.scalars(
        select(SubjectAccessEntry)
        .where(SubjectAccessEntry.request_id == request.id)
        .order_by(
            SubjectAccessEntry.source, func.coalesce(SubjectAccessEntry.at, request.requested_at)
        )
    )
    return RequestWithItems(request, list(items))


@dataclass(frozen=True)
class ReviewItem:
    request_id: uuid.UUID
    item_id: uuid.UUID
    redact: list[str]


async def review_item(uow: UnitOfWork, command: ReviewItem) -> SubjectAccessEntry:
    """The officer reviewed an item: the fields named in ``redact`` are withheld on release."""
    request = await _request(uow, command.request_id, lock=True)
    if request.released_at is not None:
        raise Conflict("The request has been released.")
    entry = await uow.session.scalar(
        select(SubjectAccessEntry).where(
            SubjectAccessEntry.id == command.item_id, SubjectAccessEntry.request_id == request.id
        )
    )
    if entry is None:
        raise NotFound("No such item on this request.")
    unknown = [f for f in command.redact if f not in entry.data]
    if unknown:
        raise Invalid.at("redact", f"no such field: {', '.join(unknown)}")
    entry.reviewed = True
    entry.redacted = sorted(set(command.redact))
    return entry


@dataclass(frozen=True)
class Extend:
    """A complex request: answered up to two further months after the first month."""

    request_id: uuid.UUID
    months: int


async def extend(uow: UnitOfWork, command: Extend) -> RequestWithItems:
    """Extend the time to answer (the person must be told why within the first month)."""
    request = await _request(uow, command.request_id, lock=True)
    if request.released_at is not None:
        raise Conflict("The request has been released.")
    request.extension_months = command.months
    request.due_on = due_on(request.received_on, extension_months=command.months)
    return await request_of(uow, WhichRequest(request.id))


@dataclass(frozen=True)
class Release:
    request_id: uuid.UUID
    note: str | None


async def release(uow: UnitOfWork, command: Release) -> RequestWithItems:
    """Record the release: refused while a service has not answered or an item naming someone
    else has not been reviewed."""
    request = await _request(uow, command.request_id, lock=True)
    found = await request_of(uow, WhichRequest(request.id))
    if request.released_at is not None:
        raise Conflict("The request has been released already.")
    if not found.complete:
        raise Conflict(f"Waiting for {', '.join(found.waiting_for)} to answer.")
    if found.to_review:
        raise Conflict(f"{found.to_review} items name someone else and are not reviewed yet.")
    request.released_at = uow.now()
    request.released_by = acting(uow)
    request.release_note = command.note
    return found
