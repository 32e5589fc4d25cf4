"""The lifecycle steps that need nothing but a reason: start an investigation, start
interventions, or close at triage as not ASB. Steps that record more (assignment, an action plan,
closure, reopening) belong to their own features."""

from __future__ import annotations

from asb_shared.usecase import Invalid, Problem, UnitOfWork

from ..cases.store import CaseWithReports, OnCase, case_for_update, with_reports
from ..closure.usecases import end_case
from ..standards import timers
from ..timeline.recording import acting
from .schemas import CommandIn
from .state_machine import CaseCommand
from .transition import transition

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
        await end_case(uow, case, step, reason, actor=actor)
    else:
        await transition(uow, case, step, actor=actor, reason=reason)
        await timers.on_case_updated(uow.session, case, uow.now())
    return await with_reports(uow, case)
