"""Opening cases: a new report opens a case, or joins the open case about the same address or
subject; an officer can take a report back out of a case to open its own."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asb_shared.contracts.casework import CaseAssigned, CaseOpenedV2, ReportLinkedV2
from asb_shared.contracts.intake import ReportReceivedV2
from asb_shared.db import uuid7
from asb_shared.usecase import Conflict, NotFound, UnitOfWork
from sqlalchemy import Select, and_, bindparam, delete, exists, insert, or_, select

from ..casefile.store import CaseWithReports, with_reports
from ..cases.announcing import announce
from ..cases.models import Case, CaseReport, Complainant
from ..cases.references import case_reference
from ..cases.state_machine import CLOSED_STATES, CaseCommand, CaseStatus, apply
from ..cases.store import case_for_update
from ..contacts.complainants import add_complainant, contact_record
from ..db import hold_locks, table_of
from ..evidence.files import register_files
from ..markers.store import announce_markers
from ..officers.assignment import choose_officer, skill_for
from ..officers.patches import patch_of
from ..policy.store import LATEST_VERSION, current_version, policy_at, version_read
from ..risk.assessing import assess
from ..search.indexing import INDEX_ENTRY, index_values
from ..standards import timers
from ..timeline.recording import SYSTEM, acting, record, recorded_together
from ..triage.characteristics import characteristics_in
from ..triage.not_asb import not_asb_advice
from ..triage.priority import priority_route_of
from ..trigger import eligibility as community_trigger
from .linking import LinkKeys, link_keys, link_reason, lock_keys, window_start
from .reports import stored_payload, stored_report


def _location_text(event: ReportReceivedV2) -> str | None:
    loc = event.location
    parts = [loc.description, loc.address, loc.postcode]
    text = ", ".join(p for p in parts if p)
    if not text and loc.latitude is not None:
        text = f"{loc.latitude:.5f}, {loc.longitude:.5f}"
    return text or None


@functools.cache
def _case_to_link(by_address: bool, by_subject: bool) -> Select[Case]:
    """The latest open case of the organisation about the address or any of the subjects,
    with a report since ``since``, locked (all four as parameters). Built once for each shape:
    every report looks for one."""
    matches = []
    if by_address:
        matches.append(Case.address_key == bindparam("addr"))
    if by_subject:
        matches.append(
            Case.subject_keys.overlap(bindparam("subjects", type_=Case.subject_keys.type))
        )
    recent = exists().where(
        and_(CaseReport.case_id == Case.id, CaseReport.received_at >= bindparam("since"))
    )
    return (
        select(Case)
        .where(
            Case.organisation_id == bindparam("organisation_id"),
            Case.status.not_in([s.value for s in CLOSED_STATES]),
            or_(*matches),
            recent,
        )
        .order_by(Case.opened_at.desc())
        .limit(1)
        .with_for_update()
    )


@dataclass(frozen=True)
class FindCaseToLink:
    """A report received at ``received_at`` by the landlord, with its link keys."""

    organisation_id: uuid.UUID
    keys: LinkKeys
    received_at: datetime


@dataclass(frozen=True)
class CaseToLink:
    """The open case a report joins, and why (:func:`casework.opening.linking.link_reason`)."""

    case: Case
    reason: str


async def find_case_to_link(uow: UnitOfWork, command: FindCaseToLink) -> CaseToLink | None:
    """The open case the report joins under the NM01 rule (:mod:`casework.opening.linking`), locked,
    or None: it opens a case of its own."""
    keys = command.keys
    if not keys.any:
        return None
    policy = await policy_at(
        uow.session,
        command.organisation_id,
        await current_version(uow.session, command.organisation_id),
    )
    # Reports about the same keys arriving together queue here (held until commit), so the
    # second sees the case the first opened instead of opening another. A unique index cannot
    # say "same address, or any subject in common" (array overlap), and would turn the race
    # into errors and retries; the lock serialises only reports that share a key.
    await hold_locks(uow.session, lock_keys(command.organisation_id, keys))
    given: dict[str, Any] = {"addr": keys.address} if keys.address else {}
    given |= {"subjects": keys.subjects} if keys.subjects else {}
    case = await uow.session.scalar(
        _case_to_link(bool(keys.address), bool(keys.subjects)),
        {
            "organisation_id": command.organisation_id,
            "since": window_start(command.received_at, policy.link_window_days),
            **given,
        },
    )
    if case is None:
        return None
    return CaseToLink(case, link_reason(case.reference, case.address_key, case.subject_keys, keys))


_HANDLED_AND_POLICY = select(
    select(CaseReport.case_id)
    .where(CaseReport.report_id == bindparam("report_id"))
    .scalar_subquery()
    .label("case_id"),
    LATEST_VERSION.label("policy_version"),
)
"""Whether the report is on a case already, and the landlord's policy version the report is
handled under, in one round trip."""


async def receive_report(uow: UnitOfWork, event: ReportReceivedV2) -> Case | None:
    """A new report joins the open case about the same address or subject, or opens a case.

    Further reports while a case is open are not new cases (the NM01 rule); a report after the
    case is closed opens a new one, and so does one about a case that has had no report within
    the landlord's linking window. Returns None if the report was already handled.
    """
    organisation_id = uow.envelope.organisation_id
    found = (
        await uow.session.execute(
            _HANDLED_AND_POLICY,
            {"report_id": event.report_id, "organisation_id": organisation_id},
        )
    ).one()
    if found.case_id is not None:
        return None
    version_read(uow.session, organisation_id, found.policy_version)
    # Opening or joining a case records several timeline entries: written in one statement.
    async with recorded_together(uow):
        return await _receive_new_report(uow, event)


async def _receive_new_report(uow: UnitOfWork, event: ReportReceivedV2) -> Case:
    keys = link_keys(event.location, event.subjects)
    addr, subjects = keys.address, keys.subjects
    organisation_id = uow.envelope.organisation_id
    # Every lock the report needs, in one round trip: linking's (held again below, not asked
    # for twice) and the Community Trigger's count of its maker's reports.
    await hold_locks(
        uow.session,
        lock_keys(organisation_id, keys)
        + community_trigger.report_lock_keys(organisation_id, event),
    )
    found = await find_case_to_link(uow, FindCaseToLink(organisation_id, keys, event.received_at))
    if found is None:
        opened, maker = await _open_case(uow, event, organisation_id, addr, subjects)
        await community_trigger.on_report(uow, opened, event, maker)
        return opened
    case, reason = found.case, found.reason
    await _attach(uow, case, event, addr, subjects, link_reason=reason)
    # The linked report's maker is a complainant too: their own record and first contact.
    maker = await add_complainant(uow, case, event)
    complainant = contact_record(maker) if maker is not None else None
    case.categories = sorted(set(case.categories) | {c.value for c in event.categories})
    case.subject_keys = sorted(set(case.subject_keys) | set(subjects))
    await record(
        uow,
        case,
        actor=SYSTEM,
        kind="report_linked",
        summary=f"Report {event.reference} linked: {reason}",
        data={
            "report_id": str(event.report_id),
            "person_id": str(complainant.person_id) if complainant else None,
        },
    )
    await timers.on_case_updated(uow.session, case, event.received_at)
    if complainant is not None:
        await timers.on_complainant_added(
            uow.session, case, complainant.person_id, event.received_at
        )
    await announce(
        uow,
        case,
        ReportLinkedV2,
        report_id=event.report_id,
        report_reference=event.reference,
        reason=reason,
        anonymous=event.anonymous,
        complainant=complainant,
    )
    await community_trigger.on_report(uow, case, event, maker)
    return case


_REPORTS = table_of(CaseReport)
_ATTACH_AND_INDEX = INDEX_ENTRY.add_cte(
    insert(_REPORTS)
    .values({c.name: bindparam(c.name, type_=c.type) for c in _REPORTS.c})
    .cte("attached")
)
"""A report attached to a case, and made findable; built once, as every report is attached."""


async def _attach(
    uow: UnitOfWork,
    case: Case,
    event: ReportReceivedV2,
    addr: str | None,
    subjects: list[str],
    *,
    link_reason: str | None,
) -> None:
    # The report and its search entry in one statement (a WITH that writes runs once).
    await uow.session.execute(
        _ATTACH_AND_INDEX,
        {
            "report_id": event.report_id,
            "case_id": case.id,
            "organisation_id": case.organisation_id,
            "report_reference": event.reference,
            "channel": event.channel.value,
            "description": event.description,
            "occurred_at": event.occurred_at,
            "received_at": event.received_at,
            "address_key": addr,
            "subject_keys": subjects,
            "link_reason": link_reason,
            "payload": stored_payload(event),
        }
        | index_values(case.id, case.organisation_id, event),
    )
    await register_files(
        uow,
        case,
        event.evidence,
        origin=f"{event.channel.value} report {event.reference}",
        added_by=event.received_by or "reporter",
    )


async def _open_case(
    uow: UnitOfWork,
    event: ReportReceivedV2,
    organisation_id: uuid.UUID,
    addr: str | None,
    subjects: list[str],
    *,
    actor: str = SYSTEM,
    moved: bool = False,
) -> tuple[Case, Complainant | None]:
    """Open, triage, assess and (if an officer is free) assign a case for one report (a new
    one, or one ``moved`` out of another case); with the report's complainant record, if
    named."""
    session = uow.session
    policy_version = await current_version(session, organisation_id)
    policy = await policy_at(session, organisation_id, policy_version)
    advice = not_asb_advice(
        event.categories, event.description, policy.not_asb, policy.priority_routes
    )
    route = priority_route_of(event.categories, event.description, policy.priority_routes)
    reference = await case_reference(uow, organisation_id)
    patch = patch_of(event.location.postcode)
    skill = skill_for(route)
    # Decided before the case is written: the case row goes in once, as it ends up.
    choice = await choose_officer(session, organisation_id, patch, skill=skill)
    case = Case(
        id=uuid7(),
        organisation_id=organisation_id,
        **reference,
        status=CaseStatus.RECEIVED.value,
        version=1,
        categories=sorted({c.value for c in event.categories}),
        summary=event.description[:500],
        location=_location_text(event),
        address_key=addr,
        subject_keys=subjects,
        patch=patch,
        anonymous=event.anonymous,
        priority_route=route,
        may_not_be_asb=advice is not None,
        not_asb_advice=advice,
        risk_level="standard",
        policy_version=policy_version,
        protected_characteristics=characteristics_in(event.description, policy)
        if route == "hate_incident"
        else [],
    )
    # The entries are written together after the case (the case's row first).
    async with recorded_together(uow):
        await record(
            uow,
            case,
            actor=actor,
            kind="opened",
            summary=f"Case opened for report {event.reference} ({event.channel.value})",
            data={"report_id": str(event.report_id)},
        )
        if event.risk_answers:
            # The assessment's rows refer to the case: it is written first here.
            session.add(case)
            await assess(
                uow,
                case,
                event.risk_answers,
                assessed_by="reporter (at intake)",
                at=event.received_at,
                strict=False,
            )
        # Triage: the route and any "often not ASB" flag are set above. Every case goes to an
        # officer straight away: the flag is advice for them, not a dead end. A flagged case
        # stays triaged with its officer until they confirm it as ASB (then it opens) or close
        # it.
        case.status = apply(CaseStatus.RECEIVED, CaseCommand.TRIAGE).value
        triage_notes = []
        if case.priority_route:
            triage_notes.append(f"priority route: {case.priority_route}")
        if advice:
            triage_notes.append(f"may not be ASB: {advice}")
        await record(
            uow,
            case,
            actor=SYSTEM,
            kind="triaged",
            summary="Triaged" + (": " + "; ".join(triage_notes) if triage_notes else ""),
            data={"priority_route": case.priority_route, "may_not_be_asb": case.may_not_be_asb},
        )
        assigned = None
        if choice is not None:
            officer, why = choice
            assigned = officer
            case.officer_id, case.officer_name = officer.subject, officer.name
            if case.may_not_be_asb:
                why += "; to decide on the 'may not be ASB' advice"
            else:
                case.status = apply(CaseStatus(case.status), CaseCommand.ASSIGN).value
            await record(
                uow,
                case,
                actor=SYSTEM,
                kind="assigned",
                summary=f"Assigned to {officer.name} ({why})",
                data={"officer_id": officer.subject, "skill": skill},
            )
        session.add(case)
        await session.flush()
    await _attach(uow, case, event, addr, subjects, link_reason=None)
    maker = await add_complainant(uow, case, event, moved=moved)
    complainant = contact_record(maker) if maker is not None else None
    await timers.on_case_opened(
        session,
        case,
        event.received_at,
        complainant.person_id if complainant else None,
        assessed=bool(event.risk_answers),
    )
    await announce(
        uow,
        case,
        CaseOpenedV2,
        categories=event.categories,
        report_id=event.report_id,
        report_reference=event.reference,
        opened_at=case.opened_at,
        anonymous=event.anonymous,
        route=case.priority_route,
        complainant=complainant,
    )
    await announce_markers(uow, case, only_if_any=True)
    if assigned is not None:
        await announce(
            uow,
            case,
            CaseAssigned,
            officer_id=assigned.subject,
            officer_name=assigned.name,
            reason="automatic: " + ("skill, " if skill else "") + "patch and caseload",
        )
    return case, maker


@dataclass(frozen=True)
class UnlinkReport:
    case_id: uuid.UUID
    report_id: uuid.UUID
    reason: str


async def unlink_report(uow: UnitOfWork, command: UnlinkReport) -> CaseWithReports:
    """Take a report that was linked automatically out of the case; it opens a case of its own."""
    actor = acting(uow)
    found = await case_for_update(uow, command.case_id)
    link = await uow.session.scalar(
        select(CaseReport).where(
            CaseReport.case_id == found.id, CaseReport.report_id == command.report_id
        )
    )
    if link is None:
        raise NotFound("That report is not part of this case.")
    if link.link_reason is None:
        raise Conflict(
            "This is the report the case was opened for; it cannot be unlinked.",
            code="not_linked",
        )
    event = stored_report(link.payload)
    await uow.session.execute(delete(CaseReport).where(CaseReport.report_id == command.report_id))
    await record(
        uow,
        found,
        actor=actor,
        kind="report_unlinked",
        summary=f"Report {link.report_reference} unlinked: {command.reason}",
        data={"report_id": str(command.report_id)},
    )
    new_case, _ = await _open_case(
        uow,
        event,
        found.organisation_id,
        link.address_key,
        list(link.subject_keys),
        actor=actor,
        moved=True,
    )
    await record(
        uow,
        new_case,
        actor=actor,
        kind="opened_from_unlink",
        summary=f"Opened from report {link.report_reference}, unlinked from {found.reference}: {command.reason}",
    )
    return await with_reports(uow, new_case)
