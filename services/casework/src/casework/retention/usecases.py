"""Use cases of retention: legal holds, the dry run, a run of expiries, and a person's request
to erase or rectify their data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from asb_shared.contracts.casework import CaseExpired, LegalHoldChanged, PersonErased
from asb_shared.erasure import scrub
from asb_shared.retention import Action
from asb_shared.usecase import Conflict, Invalid, NotFound, Problem, UnitOfWork
from sqlalchemy import select, update

from ..cases.announcing import announce
from ..cases.index import ReportIndex
from ..cases.models import Case, CaseReport, Complainant
from ..cases.store import case_for_update, staff
from ..contacts.complainants import ChangeContact, change_contact
from ..contacts.schemas import ContactChangeIn
from ..db import table_of
from ..timeline.recording import acting, record
from .expiry import DueCase, delete_cases, due_cases, parties, pseudonymise
from .models import DataRequest
from .pseudonymising import ERASED_CONTACT
from .requests import Decision, RefusalBasis, RequestKind, decision_problems

# --- legal hold --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceLegalHold:
    case_id: uuid.UUID
    reason: str


@dataclass(frozen=True)
class LegalHold:
    case_id: uuid.UUID
    held: bool
    reason: str | None
    by: str | None


async def place_legal_hold(uow: UnitOfWork, command: PlaceLegalHold) -> LegalHold:
    """A team leader or admin holds the case (court proceedings): no service removes any of
    it until the hold is lifted: casework announces no expiry of a held case, and the services
    that apply the schedule to records of their own keep the hold's copy. Placing it again
    changes the reason."""
    case = await case_for_update(uow, command.case_id)
    if case.expired_at is not None:
        raise Conflict("The case's retention period has ended: nothing of it is left to hold.")
    case.legal_hold_reason = command.reason
    case.legal_hold_by = acting(uow)
    case.legal_hold_at = uow.now()
    await record(
        uow, case, actor=acting(uow), kind="legal_hold", summary=f"Legal hold: {command.reason}"
    )
    await announce(uow, case, LegalHoldChanged, held=True, reason=command.reason)
    return LegalHold(case.id, True, case.legal_hold_reason, case.legal_hold_by)


@dataclass(frozen=True)
class LiftLegalHold:
    case_id: uuid.UUID
    reason: str


async def lift_legal_hold(uow: UnitOfWork, command: LiftLegalHold) -> LegalHold:
    """The hold ends, with the reason: retention applies to the case again."""
    case = await case_for_update(uow, command.case_id)
    if case.legal_hold_at is None:
        raise Conflict("The case is not under a legal hold.")
    case.legal_hold_reason = case.legal_hold_by = case.legal_hold_at = None
    await record(
        uow,
        case,
        actor=acting(uow),
        kind="legal_hold_lifted",
        summary=f"Legal hold lifted: {command.reason}",
    )
    await announce(uow, case, LegalHoldChanged, held=False, reason=command.reason)
    return LegalHold(case.id, False, None, None)


# --- expiries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewExpiries:
    """The dry run: what a run on ``on`` would remove, for the acting landlord."""

    on: date


async def preview_expiries(uow: UnitOfWork, query: PreviewExpiries) -> list[DueCase]:
    """Exactly the cases a real run on ``on`` removes (the same selection, nothing locked or
    changed)."""
    return await due_cases(uow.session, query.on, organisation_id=staff(uow).organisation_id)


@dataclass(frozen=True)
class ApplyExpiries:
    """One batch of a run on ``on`` (every landlord's cases, or one landlord's)."""

    on: date
    batch: int = 50
    organisation_id: uuid.UUID | None = None


async def apply_expiries(uow: UnitOfWork, command: ApplyExpiries) -> list[DueCase]:
    """Claim up to ``batch`` due cases, remove what identifies anyone from them and announce
    each, so that every service removes its copy. Returns the cases done (none: all done)."""
    due = await due_cases(
        uow.session,
        command.on,
        organisation_id=command.organisation_id,
        batch=command.batch,
        claim=True,
    )
    for action in (Action.PSEUDONYMISE, Action.DELETE):
        cases = [d for d in due if d.action is action]
        if not cases:
            continue
        ids = [d.case_id for d in cases]
        removed = {d.case_id: await parties(uow.session, [d.case_id]) for d in cases}
        if action is Action.PSEUDONYMISE:
            await pseudonymise(uow.session, ids, uow.now())
        else:
            await delete_cases(uow.session, ids)
        for d in cases:
            await uow.emit(
                CaseExpired(
                    case_id=d.case_id,
                    case_reference=d.reference,
                    action=d.action.value,
                    record_type=d.record_type.value,
                    report_ids=removed[d.case_id].report_ids,
                    person_ids=removed[d.case_id].person_ids,
                    due_on=d.due_on,
                    applied_on=command.on,
                ),
                organisation_id=d.organisation_id,
            )
    return due


# --- a person's requests -----------------------------------------------------------------------


@dataclass(frozen=True)
class DecideRequest:
    kind: RequestKind
    person_ids: list[uuid.UUID]
    decision: Decision
    reason: str
    refusal_basis: RefusalBasis | None = None
    corrections: ContactChangeIn | None = None
    """Rectification: the contact details as they should be (name, email, phone, address)."""


@dataclass(frozen=True)
class RequestDecided:
    id: uuid.UUID
    kind: str
    decision: str
    person_ids: list[uuid.UUID]
    case_ids: list[uuid.UUID]
    refusal_basis: str | None
    carried_out: bool


async def decide_request(uow: UnitOfWork, command: DecideRequest) -> RequestDecided:
    """An officer records the decision on a person's request, with the reason (and the lawful
    basis when refusing). A granted erasure removes the person's contact details from their
    contact records, their reports' copies and the search index, and is announced so that every
    service erases its copy; a granted rectification corrects the contact records and is
    announced as a change of them. Each case's timeline records it."""
    organisation_id = staff(uow).organisation_id
    records = list(
        await uow.session.scalars(
            select(Complainant).where(
                Complainant.id.in_(command.person_ids),
                Complainant.organisation_id == organisation_id,
            )
        )
    )
    if not records or len(records) != len(set(command.person_ids)):
        raise NotFound("No such contact record.")
    case_ids = sorted({r.case_id for r in records})
    cases = {
        c.id: c
        for c in await uow.session.scalars(
            select(Case).where(Case.id.in_(case_ids)).order_by(Case.id).with_for_update()
        )
    }
    held = sum(1 for c in cases.values() if c.legal_hold_at is not None)
    found = decision_problems(
        command.decision,
        command.refusal_basis,
        held_cases=held if command.kind is RequestKind.ERASURE else 0,
    )
    if command.kind is RequestKind.RECTIFICATION and command.decision is Decision.GRANTED:
        if not command.corrections:
            found.append(
                Problem("corrections", "a granted rectification says what the details should be")
            )
    if found:
        raise Invalid("The decision cannot be recorded as it stands.", found)
    request = DataRequest(
        organisation_id=organisation_id,
        kind=command.kind.value,
        person_ids=[r.id for r in records],
        case_ids=case_ids,
        decision=command.decision.value,
        reason=command.reason,
        refusal_basis=command.refusal_basis.value if command.refusal_basis else None,
        decided_by=acting(uow),
        decided_at=uow.now(),
    )
    uow.session.add(request)
    await uow.session.flush()
    if command.decision is Decision.GRANTED:
        if command.kind is RequestKind.ERASURE:
            await _erase(uow, request, records)
        else:
            assert command.corrections is not None
            await _rectify(uow, records, command.corrections)
        request.carried_out_at = uow.now()
    for case in cases.values():
        await record(
            uow,
            case,
            actor=acting(uow),
            kind=f"{command.kind.value}_request",
            summary=f"Request for {command.kind.value} {command.decision.value}: {command.reason}",
            data={"request_id": str(request.id), "refusal_basis": request.refusal_basis},
        )
    return RequestDecided(
        request.id,
        request.kind,
        request.decision,
        request.person_ids,
        case_ids,
        request.refusal_basis,
        request.carried_out_at is not None,
    )


async def _erase(uow: UnitOfWork, request: DataRequest, records: list[Complainant]) -> None:
    report_ids = [r.report_id for r in records]
    ids = [r.id for r in records]
    details = [d for r in records for d in (r.name, r.email, r.phone, r.address)]
    await uow.session.execute(
        update(Complainant).where(Complainant.id.in_(ids)).values(**ERASED_CONTACT)
    )
    await uow.session.execute(
        update(CaseReport)
        .where(CaseReport.report_id.in_(report_ids))
        .values(payload=CaseReport.payload.op("-")("reporter"))
    )
    index = table_of(ReportIndex)
    await uow.session.execute(
        update(index).where(index.c.report_id.in_(report_ids)).values(names="", person_keys=[])
    )
    # Anything else that quotes them: a timeline entry, a report's text, the published events.
    await scrub(uow.session, details)
    await uow.emit(
        PersonErased(
            request_id=request.id,
            person_ids=ids,
            case_ids=request.case_ids,
            report_ids=report_ids,
            erased_at=uow.now(),
        ),
        organisation_id=request.organisation_id,
    )


async def _rectify(
    uow: UnitOfWork, records: list[Complainant], corrections: ContactChangeIn
) -> None:
    """The contact records corrected as an officer's change of them (versioned, on the
    timeline, announced to notifications)."""
    for complainant in records:
        await change_contact(uow, ChangeContact(complainant.case_id, complainant.id, corrections))
