"""The lifecycle steps that need nothing but a reason: start an investigation, start
interventions, or close at triage as not ASB. Steps that record more (assignment, an action plan,
closure, reopening) belong to their own features."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Invalid, Problem, UnitOfWork

from ..cases.store import CaseWithReports, case_for_update, with_reports
from ..closure.use_cases import end_case
from ..standards import timers
from ..timeline.recording import acting
from .state_machine import CaseCommand
from .transition import transition

SIMPLE_COMMANDS = frozenset(
    {CaseCommand.START_INVESTIGATION, CaseCommand.START_INTERVENTIONS, CaseCommand.MARK_NOT_ASB}
)


@dataclass(frozen=True)
class TakeStep:
    case_id: uuid.UUID
    command: CaseCommand
    reason: str | None = None
    """Why; for "not ASB", the advice given (required)."""


async def take_step(uow: UnitOfWork, command: TakeStep) -> CaseWithReports:
    """Move the case on by one of :data:`SIMPLE_COMMANDS`."""
    if command.command not in SIMPLE_COMMANDS:
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
    if command.command is CaseCommand.MARK_NOT_ASB and not command.reason:
        raise Invalid(
            "Say what advice was given.",
            [Problem("reason", "required to close a case as not ASB", "missing")],
        )
    actor = acting(uow)
    case = await case_for_update(uow, command.case_id)
    if command.command is CaseCommand.MARK_NOT_ASB and command.reason:
        await end_case(uow, case, command.command, command.reason, actor=actor)
    else:
        await transition(uow, case, command.command, actor=actor, reason=command.reason)
        await timers.on_case_updated(uow.session, case, uow.now())
    return await with_reports(uow, case)
