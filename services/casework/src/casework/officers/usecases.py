"""Use cases of officers: register them with their patches, and assign cases to them."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.contracts.casework import CaseAssigned
from asb_shared.usecase import Conflict, Invalid, Problem, UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ..casefile.store import CaseWithReports, with_reports
from ..cases.announcing import announce
from ..cases.state_machine import CLOSED_STATES, CaseCommand, CaseStatus
from ..cases.store import OnCase, case_for_update, staff
from ..lifecycle.transition import transition
from ..timeline.recording import acting, record
from .models import Officer
from .schemas import AssignmentIn, OfficerIn


@dataclass(frozen=True)
class RegisterOfficer:
    subject: str
    officer: OfficerIn


async def register_officer(uow: UnitOfWork, command: RegisterOfficer) -> None:
    """Register an officer, or change their patches, skills, team or whether they take new cases."""
    body = command.officer
    statement = pg_insert(Officer).values(
        organisation_id=staff(uow).organisation_id,
        subject=command.subject,
        name=body.name,
        patches=body.patches,
        active=body.active,
        skills=sorted(set(body.skills)),
        team=body.team,
    )
    await uow.session.execute(
        statement.on_conflict_do_update(
            index_elements=[Officer.organisation_id, Officer.subject],
            set_={
                "name": body.name,
                "patches": body.patches,
                "active": body.active,
                "skills": sorted(set(body.skills)),
                "team": body.team,
            },
        )
    )


@dataclass(frozen=True)
class ListOfficers:
    """The acting organisation's officers, by name."""


async def list_officers(uow: UnitOfWork, query: ListOfficers) -> list[Officer]:
    return list(
        await uow.session.scalars(
            select(Officer)
            .where(Officer.organisation_id == staff(uow).organisation_id)
            .order_by(Officer.name)
        )
    )


async def assign_case(uow: UnitOfWork, command: OnCase[AssignmentIn]) -> CaseWithReports:
    """A team leader assigns or reassigns the case's designated officer, with the reason kept."""
    actor = acting(uow)
    case = await case_for_update(uow, command.case_id)
    officer = await uow.session.scalar(
        select(Officer).where(
            Officer.organisation_id == case.organisation_id,
            Officer.subject == command.body.officer_id,
            Officer.active.is_(True),
        )
    )
    if officer is None:
        raise Invalid(
            "No such active officer.",
            [
                Problem(
                    "officer_id", "not an active officer of this organisation", "unknown_officer"
                )
            ],
        )
    if CaseStatus(case.status) in CLOSED_STATES:
        raise Conflict("A closed case cannot be assigned; reopen it first.", code="case_closed")
    previous = case.officer_name
    case.officer_id, case.officer_name = officer.subject, officer.name
    if case.status == CaseStatus.TRIAGED.value:
        await transition(uow, case, CaseCommand.ASSIGN, actor=actor, reason=command.body.reason)
    await record(
        uow,
        case,
        actor=actor,
        kind="assigned",
        summary=f"Assigned to {officer.name}"
        + (f" (was {previous})" if previous else "")
        + f": {command.body.reason}",
        data={"officer_id": officer.subject, "previous": previous},
    )
    await announce(
        uow,
        case,
        CaseAssigned,
        officer_id=officer.subject,
        officer_name=officer.name,
        reason=command.body.reason,
    )
    return await with_reports(uow, case)
