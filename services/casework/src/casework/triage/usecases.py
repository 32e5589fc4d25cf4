"""Triage decisions an officer takes: overriding the "may not be ASB" flag.

Triage on arrival (priority route, the flag, linking) happens when a report opens a case
(:mod:`casework.cases.opening`), with the rules of this package.
"""

from __future__ import annotations

from asb_shared.usecase import Conflict, UnitOfWork

from ..cases.store import CaseWithReports, OnCase, case_for_update, with_reports
from ..lifecycle.state_machine import CaseCommand, CaseStatus
from ..lifecycle.transition import transition
from ..timeline.recording import acting, record


async def confirm_asb(uow: UnitOfWork, command: OnCase[str]) -> CaseWithReports:
    """Override triage's "may not be ASB" flag (``body``: why): the case goes on as ASB, opened
    with the officer triage gave it to, if any."""
    case = await case_for_update(uow, command.case_id)
    if not case.may_not_be_asb:
        raise Conflict("This case is not flagged as possibly not ASB.", code="not_flagged")
    case.may_not_be_asb = False
    actor = acting(uow)
    await record(
        uow,
        case,
        actor=actor,
        kind="triage_override",
        summary=f"Confirmed as ASB: {command.body}",
        data={"advice_was": case.not_asb_advice},
    )
    if case.officer_id is not None and case.status == CaseStatus.TRIAGED.value:
        # The officer triage gave it to now works it as an ASB case.
        await transition(uow, case, CaseCommand.ASSIGN, actor=actor, reason=command.body)
    return await with_reports(uow, case)
