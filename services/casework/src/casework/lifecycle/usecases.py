"""Moving a case along its lifecycle, closing it and taking it up again.

The steps that need nothing but a reason (start an investigation, start interventions, close at
triage as not ASB) and confirming a case flagged "may not be ASB" are here; steps that record
more of their own (assignment, an action plan) belong to their features.

Every way a case closes (an officer's closure with an outcome, or "not ASB" decided at triage)
ends in one function (``_end_case``): the lifecycle step, the outcome kept on the case, the standards
stopped and ``casework.case.closed`` announced (which asks for the satisfaction survey).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asb_shared.contracts.casework import CaseClosedV2
from asb_shared.usecase import Conflict, Invalid, Problem, UnitOfWork
from sqlalchemy import func, select

from ..callbacks import usecases as call_backs
from ..casefile.store import CaseWithReports, with_reports
from ..cases.announcing import announce
from ..cases.models import Case
from ..cases.parties import COMPLAINANT
from ..cases.state_machine import CaseCommand, CaseStatus, ClosureOutcome, closure_outcome
from ..cases.store import OnCase, case_for_update, reports_of
from ..contacts.recording import store_contact
from ..policy.settings import working_calendar
from ..policy.store import policy_at
from ..standards import timers
from ..timeline.recording import acting, record
from .closing import CLOSING_COMMANDS, discussion_required, information_only_refusal
from .models import CorroborationAttempt
from .schemas import ClosureIn, ClosureOut, CommandIn, CorroborationIn, ReopenOut
from .survey import survey_due
from .transition import transition


@dataclass(frozen=True)
class Ended:
    outcome: ClosureOutcome
    closed_at: datetime


async def _end_case(
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
    await call_backs.sample_on_closure(uow, case)
    reports = await reports_of(uow.session, case.id)
    policy = await policy_at(uow.session, case.organisation_id, case.policy_version or 0)
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
        survey_due_at=survey_due(
            closed_at, policy.survey_after_closure_working_days, working_calendar(policy)
        ),
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
    ended = await _end_case(
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


SIMPLE_COMMANDS = frozenset(
    {CaseCommand.START_INVESTIGATION, CaseCommand.START_INTERVENTIONS, CaseCommand.MARK_NOT_ASB}
)


async def take_step(uow: UnitOfWork, command: OnCase[CommandIn]) -> CaseWithReports:
    """Move the case on by one of :data:`SIMPLE_COMMANDS`; for "not ASB" the reason is the
    advice given (required)."""
    step, reason = command.body.command, command.body.reason
    if step not in SIMPLE_COMMANDS:
        raise Invalid(
            "This step has its own endpoint.",
            [
                Problem(
                    "command",
                    f"use one of: {', '.join(sorted(c.value for c in SIMPLE_COMMANDS))}",
                    "unsupported_command",
                )
            ],
        )
    if step is CaseCommand.MARK_NOT_ASB and not reason:
        raise Invalid(
            "Say what advice was given.",
            [Problem("reason", "required to close a case as not ASB", "missing")],
        )
    actor = acting(uow)
    case = await case_for_update(uow, command.case_id)
    if step is CaseCommand.MARK_NOT_ASB and reason:
        await _end_case(uow, case, step, reason, actor=actor)
    else:
        await transition(uow, case, step, actor=actor, reason=reason)
        await timers.on_case_updated(uow.session, case, uow.now())
    return await with_reports(uow, case)


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
