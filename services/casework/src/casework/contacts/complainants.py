"""Use cases of complainants' contact records: one per non-anonymous report on a case.

Casework is the one home of "may we contact this person, and how": each record holds the
details, the preferences notifications enforces, and the note and code word that stay with
staff. Every change raises the record's version, so a projection elsewhere keeps the latest.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.contracts.casework import ContactPreferencesChanged, ContactRecord, UpdateShared
from asb_shared.contracts.common import ContactDetails, ContactPreferences
from asb_shared.contracts.intake import ReportReceivedV2
from asb_shared.contracts.notifications import ContactWithheld
from asb_shared.db import uuid7
from asb_shared.usecase import Conflict, Invalid, NotFound, Problem, UnitOfWork
from sqlalchemy import select

from ..cases.announcing import announce
from ..cases.models import Case, Complainant
from ..cases.store import OnCase, case_for_update, case_to_read
from ..people.matching import record_keys
from ..reads.recording import ReadingCase, read_of
from ..reads.sensitivity import Resource
from ..standards import timers
from ..timeline.recording import SYSTEM, acting, record
from ..triage.priority import priority_route
from .complainant import REPORTER, complainant_details, preferences_on_route
from .schemas import ContactChangeIn, UpdateIn, UpdateOut

NO_SUCH_COMPLAINANT = "No such complainant on this case."


def recognise(row: Complainant) -> None:
    """Sets the keys the person is recognised by across cases from the record's details;
    called whenever the details are written."""
    row.person_keys = record_keys(row.name, row.email, row.phone, row.address)


def contact_record(row: Complainant) -> ContactRecord:
    """The record as other services receive it: never the note nor the code word."""
    preferences = ContactPreferences.model_validate(row.preferences)
    return ContactRecord(
        person_id=row.id,
        report_reference=row.report_reference,
        name=row.name,
        email=row.email,
        phone=row.phone,
        address=row.address,
        preferences=preferences.model_copy(update={"has_code_word": bool(row.code_word)}),
        version=row.version,
    )


async def add_complainant(
    uow: UnitOfWork, case: Case, report: ReportReceivedV2, *, moved: bool = False
) -> Complainant | None:
    """The maker of ``report`` becomes a complainant on the (locked, flushed) ``case``: their
    record (:func:`contact_record` is what other services are told).

    None for an anonymous report: no record at all. A report taken out of one case into
    another (``moved``) brings its record along (with whatever an officer changed), under the
    new case's route; a new report has no record yet, so none is looked for. A report of
    domestic abuse that joins a case on another route is careful too.
    """
    reporter = complainant_details(report.anonymous, report.reporter)
    if reporter is None:
        return None

    def on_routes(preferences: ContactPreferences) -> ContactPreferences:
        for route in (case.priority_route, priority_route(report.categories)):
            preferences = preferences_on_route(preferences, route)
        return preferences

    now = uow.now()
    row = (
        await uow.session.scalar(
            select(Complainant).where(Complainant.report_id == report.report_id).with_for_update()
        )
        if moved
        else None
    )
    if row is not None:
        await timers.on_complainant_left(uow.session, row.id, now)
        current = ContactPreferences.model_validate(row.preferences)
        row.case_id = case.id
        row.preferences = on_routes(current).model_dump(mode="json")
        row.version += 1
        row.updated_at = now
        await uow.session.flush()
        return row
    preferences = reporter.preferences
    if preferences.changed_by is None:
        preferences = preferences.model_copy(
            update={"changed_by": REPORTER, "changed_at": report.received_at}
        )
    row = Complainant(
        id=uuid7(),
        case_id=case.id,
        organisation_id=case.organisation_id,
        report_id=report.report_id,
        report_reference=report.reference,
        name=reporter.name,
        email=reporter.email,
        phone=reporter.phone,
        address=reporter.address,
        preferences=on_routes(preferences).model_dump(mode="json"),
        note=reporter.note,
        code_word=reporter.code_word,
        version=1,
        added_at=now,
        updated_at=now,
    )
    recognise(row)
    uow.session.add(row)
    await uow.session.flush()
    return row


async def _complainants(uow: UnitOfWork, case: Case) -> list[Complainant]:
    return list(
        await uow.session.scalars(
            select(Complainant)
            .where(Complainant.case_id == case.id)
            .order_by(Complainant.added_at, Complainant.id)
        )
    )


async def complainants_of(uow: UnitOfWork, query: ReadingCase) -> list[Complainant]:
    """The complainants of the acting organisation's case, in the order they came. Their
    contact records are a sensitive read, audited on every case."""
    case = await case_to_read(uow, query.case_id)
    read_of(uow, case, Resource.CONTACT_RECORD, query.reason)
    return await _complainants(uow, case)


async def _complainant_for_update(uow: UnitOfWork, case: Case, person_id: uuid.UUID) -> Complainant:
    row = await uow.session.scalar(
        select(Complainant)
        .where(Complainant.case_id == case.id, Complainant.id == person_id)
        .with_for_update()
    )
    if row is None:
        raise NotFound(NO_SUCH_COMPLAINANT)
    return row


def _checked(body: ContactChangeIn, details: ContactDetails) -> list[Problem]:
    """What is wrong with the preferences, by field: what the schema alone cannot see."""
    wanted = body.preferences
    problems = [
        Problem(f"preferences.{field}", message)
        for field, message in ContactPreferences.check(wanted.safe, wanted.unsafe, wanted.preferred)
    ]
    if not problems:
        preferences = ContactPreferences.model_validate(wanted.model_dump())
        problems += [Problem(f, m) for f, m in preferences.missing_details(details)]
    return problems


@dataclass(frozen=True)
class ChangeContact:
    case_id: uuid.UUID
    person_id: uuid.UUID
    body: ContactChangeIn


_DETAILS = ("name", "email", "phone", "address", "note", "code_word")


async def change_contact(uow: UnitOfWork, command: ChangeContact) -> Complainant:
    """An officer changes a complainant's contact record (e.g. the victim phoned: email is no
    longer safe). The change wins from now on, also for messages already scheduled."""
    case = await case_for_update(uow, command.case_id)
    row = await _complainant_for_update(uow, case, command.person_id)
    body = command.body
    given = {f: getattr(body, f) for f in _DETAILS if f in body.model_fields_set}
    current = {f: getattr(row, f) for f in _DETAILS}
    changed = [f for f, value in given.items() if value != current[f]]
    merged = current | given
    problems = _checked(body, ContactDetails(**{f: merged[f] for f in ContactDetails.model_fields}))
    if problems:
        raise Invalid("The request has invalid fields.", problems)
    actor = acting(uow)
    now = uow.now()
    preferences = preferences_on_route(
        ContactPreferences.model_validate(
            body.preferences.model_dump() | {"changed_at": now, "changed_by": actor}
        ),
        case.priority_route,
    )
    for name, value in given.items():
        setattr(row, name, value)
    recognise(row)
    row.preferences = preferences.model_dump(mode="json")
    row.version += 1
    row.updated_at = now
    await uow.session.flush()
    who = row.name or f"the complainant of {row.report_reference}"
    await record(
        uow,
        case,
        actor=actor,
        kind="contact_preferences_changed",
        summary=f"How to contact {who} changed: {body.reason}"[:2000],
        data={
            "person_id": str(row.id),
            "version": row.version,
            "reason": body.reason,
            "safe": [c.value for c in preferences.safe],
            "unsafe": [c.value for c in preferences.unsafe],
            "preferred": preferences.preferred.value if preferences.preferred else None,
            "careful": preferences.careful,
            "only_through_officer": preferences.only_through_officer,
            # Which details changed, never their values: the note and code word stay here.
            "details_changed": changed,
        },
    )
    await announce(
        uow, case, ContactPreferencesChanged, complainant=contact_record(row), reason=body.reason
    )
    return row


async def share_update(uow: UnitOfWork, command: OnCase[UpdateIn]) -> UpdateOut:
    """An officer records an update meant for the complainants (all, or the one named);
    notifications sends it to each by their safe channel. It is an update of the case."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    if body.person_id is not None:
        await _complainant_for_update(uow, case, body.person_id)
    elif not await _complainants(uow, case):
        raise Conflict(
            "This case has no complainant to share an update with.", code="no_complainant"
        )
    actor = acting(uow)
    now = uow.now()
    update_id = uuid7()
    await record(
        uow,
        case,
        actor=actor,
        kind="update_shared",
        summary=f"Update shared with the complainant{'' if body.person_id else 's'}: {body.text}"[
            :2000
        ],
        data={
            "update_id": str(update_id),
            "person_id": str(body.person_id) if body.person_id else None,
        },
    )
    await timers.on_case_updated(uow.session, case, now)
    await announce(
        uow,
        case,
        UpdateShared,
        update_id=update_id,
        text=body.text,
        officer_name=actor,
        person_id=body.person_id,
    )
    return UpdateOut(
        update_id=update_id,
        case_id=case.id,
        person_id=body.person_id,
        text=body.text,
        shared_by=actor,
        shared_at=now,
    )


async def record_withheld(uow: UnitOfWork, event: ContactWithheld) -> None:
    """Notifications could not reach a complainant safely: a task for the officer on the case's
    timeline (e.g. 'call on the safe number between 10:00 and 12:00')."""
    if event.case_id is None:
        return
    case = await uow.session.scalar(
        select(Case)
        .where(Case.id == event.case_id, Case.organisation_id == uow.envelope.organisation_id)
        .with_for_update()
    )
    if case is None:
        return
    await record(
        uow,
        case,
        actor=SYSTEM,
        kind="officer_task",
        summary=f"Message not sent ({event.template}): {event.reason}. To do: {event.task}"[:2000],
        data={
            "task": event.task,
            "reason": event.reason,
            "template": event.template,
            "message_id": str(event.message_id),
            "person_id": str(event.person_id) if event.person_id else None,
            "officer_id": case.officer_id,
        },
    )
