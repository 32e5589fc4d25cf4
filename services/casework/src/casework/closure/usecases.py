"""Closing a case and taking it up again.

Every way a case closes (an officer's closure with an outcome, or "not ASB" decided at triage)
ends in :func:`end_case`: the lifecycle step, the outcome kept on the case, the standards
stopped and ``casework.case.closed`` announced (which asks for the satisfaction survey).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asb_shared.contracts import CaseClosedV2
from asb_shared.usecase import Conflict, Invalid, UnitOfWork
from sqlalchemy import func, select

from ..cases.announcing import announce
from ..cases.models import Case
from ..cases.store import OnCase, case_for_update, reports_of
from ..contacts.complainant import COMPLAINANT
from ..contacts.usecases import store_contact
from ..lifecycle.state_machine import CaseCommand, ClosureOutcome, closure_outcome
from ..lifecycle.transition import transition
from ..standards import timers
from ..timeline.recording import acting, record
from .models import CorroborationAttempt
from .rules import CLOSING_COMMANDS, discussion_required, information_only_refusal
from .schemas import ClosureIn, ClosureOut, CorroborationIn, ReopenOut


@dataclass(frozen=True)
class Ended:
    outcome: ClosureOutcome
    closed_at: datetime


async def end_case(
    uow: UnitOfWork,
    case: Case,
    command: CaseCommand,
    reason: str,
    *,
    actor: str,
    closure_entry: dict[str, Any] | None = None,
) -> Ended:
    """Apply a closing command to a locked case and announce that it closed.

    ``closure_entry`` is the data of a "closure" timeline entry, recorded when an officer closes
    the case with an outcome (a triage decision records only its status change).
    """
    await transition(uow, case, command, actor=actor, reason=reason)
    outcome = closure_outcome(command)
    if outcome is None:
        raise ValueError(f"{command.value} does not close a case")
    closed_at = uow.now()
    case.outcome = outcome.value
    case.closure_reason = reason
    case.closed_at = closed_at
    if closure_entry is not None:
        await record(
            uow,
            case,
            actor=actor,
            kind="closure",
            summary=f"Closed as {outcome.value}: {reason}"[:2000],
            data={"outcome": outcome.value, "reason": reason, **closure_entry},
        )
    await timers.on_closed(uow.session, case, closed_at)
    reports = await reports_of(uow.session, case.id)
    await announce(
        uow,
        case,
        CaseClosedV2,
        outcome=outcome.value,
        reason=reason,
        closed_at=closed_at,
        anonymous=case.anonymous,
        report_references=[r.report_reference for r in reports],
        officer_name=case.officer_name,
    )
    return Ended(outcome, closed_at)


async def close_case(uow: UnitOfWork, command: OnCase[ClosureIn]) -> ClosureOut:
    """An officer closes the case with an outcome, after discussing it with the complainant."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    discussed = body.discussed_with_complainant_at
    if discussed is None and discussion_required(case):
        raise Invalid.at(
            "discussed_with_complainant_at",
            "the closure must be discussed with the complainant first (unless anonymous)",
            "missing",
        )
    attempts = await uow.session.scalar(
        select(func.count()).where(CorroborationAttempt.case_id == case.id)
    )
    refused = information_only_refusal(
        body.outcome, anonymous=case.anonymous, corroboration_attempts=attempts or 0
    )
    if refused is not None:
        raise Conflict(refused, code="corroboration_needed")
    contact = None
    if discussed is not None:
        contact = await store_contact(
            uow,
            case,
            actor=actor,
            with_whom=COMPLAINANT,
            method=body.discussion_method.value,
            at=discussed,
            summary=f"Closure discussed ({body.outcome.value}): {body.reason}",
        )
    ended = await end_case(
        uow,
        case,
        CLOSING_COMMANDS[body.outcome],
        body.reason,
        actor=actor,
        closure_entry={
            "discussed_with_complainant_at": discussed.isoformat() if discussed else None,
            "contact_id": str(contact.id) if contact else None,
        },
    )
    return ClosureOut(
        case_id=case.id,
        case_reference=case.reference,
        status=case.status,
        version=case.version,
        outcome=ended.outcome.value,
        reason=body.reason,
        closed_at=ended.closed_at,
        closed_by=actor,
        discussion_contact_id=contact.id if contact else None,
    )


async def record_corroboration(
    uow: UnitOfWork, command: OnCase[CorroborationIn]
) -> CorroborationAttempt:
    """An officer records an attempt to corroborate the report (any case, open or closed: a
    late CCTV result is still worth keeping)."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    row = CorroborationAttempt(
        case_id=case.id,
        organisation_id=case.organisation_id,
        method=body.method.value,
        what=body.what,
        attempted_at=body.attempted_at,
        result=body.result,
        recorded_by=actor,
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    summary = f"Corroboration attempt ({body.method.value}): {body.what}. Result: {body.result}"
    await record(
        uow,
        case,
        actor=actor,
        kind="corroboration",
        summary=summary[:2000],
        data={
            "corroboration_id": str(row.id),
            "method": body.method.value,
            "attempted_at": body.attempted_at.isoformat(),
        },
    )
    return row


async def reopen_case(uow: UnitOfWork, command: OnCase[str]) -> ReopenOut:
    """Take a closed case up again (``body``: why); it behaves like an open one and keeps its
    officer."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    await transition(uow, case, CaseCommand.REOPEN, actor=actor, reason=command.body)
    now = uow.now()
    case.outcome = None
    case.closure_reason = None
    case.closed_at = None
    await timers.on_reopened(uow.session, case, now)
    return ReopenOut(
        case_id=case.id,
        case_reference=case.reference,
        status=case.status,
        version=case.version,
        reason=command.body,
        reopened_at=now,
        reopened_by=actor,
    )
