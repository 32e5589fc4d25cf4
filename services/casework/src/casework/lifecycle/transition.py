"""Moving a stored case through its lifecycle: the state machine's answer, recorded and announced.

The rules are in :mod:`casework.cases.state_machine` (pure); this is where a use case applies
one to a case it has locked.
"""

from __future__ import annotations

from asb_shared.contracts.casework import CaseStatusChanged
from asb_shared.usecase import Conflict, Problem, UnitOfWork

from ..cases.announcing import announce
from ..cases.models import Case
from ..cases.state_machine import CaseCommand, CaseStatus, IllegalTransition, apply
from ..timeline.recording import record


def illegal(exc: IllegalTransition) -> Conflict:
    """The 409 for a step the lifecycle does not allow, listing the commands allowed now."""
    allowed = ", ".join(c.value for c in exc.allowed) or "none"
    return Conflict(
        str(exc),
        [Problem("command", f"allowed now: {allowed}", "allowed_commands")],
        code="illegal_transition",
    )


async def transition(
    uow: UnitOfWork,
    case: Case,
    command: CaseCommand,
    *,
    actor: str,
    reason: str | None = None,
) -> CaseStatus:
    """Move the case through its lifecycle, or raise Conflict listing the commands allowed now."""
    previous = CaseStatus(case.status)
    try:
        status = apply(previous, command)
    except IllegalTransition as exc:
        raise illegal(exc) from exc
    case.status = status.value
    await record(
        uow,
        case,
        actor=actor,
        kind="status",
        summary=f"{previous.value} -> {status.value}" + (f": {reason}" if reason else ""),
        data={
            "command": command.value,
            "from": previous.value,
            "to": status.value,
            "reason": reason,
        },
    )
    await announce(
        uow,
        case,
        CaseStatusChanged,
        previous_status=previous.value,
        command=command.value,
        reason=reason,
    )
    return status
