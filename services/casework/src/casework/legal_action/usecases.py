"""Use cases of legal action: propose it with the options tried, a team leader decides, then
proceedings start (refused with the steps allowed until approved)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Generic, TypeVar

from asb_shared.auth import Role
from asb_shared.usecase import Conflict, Forbidden, Invalid, NotFound, Problem, UnitOfWork
from sqlalchemy import select

from ..cases.store import OnCase, case_for_update, staff
from ..timeline.recording import acting, record
from .approval import (
    LegalStage,
    LegalStep,
    allowed_steps,
    approval_refusal,
    proposal_problems,
    step_refusal,
)
from .models import LegalAction
from .schemas import DecisionIn, LegalActionIn, ProceedingsIn

Body = TypeVar("Body")


@dataclass(frozen=True)
class OnLegalAction(Generic[Body]):
    case_id: uuid.UUID
    legal_action_id: uuid.UUID
    body: Body


async def propose(uow: UnitOfWork, command: OnCase[LegalActionIn]) -> LegalAction:
    """Record a proposed legal action and the options tried; it waits for a team leader."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    found = proposal_problems(body.action, [o.option for o in body.options_tried])
    if found:
        raise Invalid(
            "The request has invalid fields.", [Problem(f, message) for f, message in found]
        )
    actor = acting(uow)
    row = LegalAction(
        case_id=case.id,
        organisation_id=case.organisation_id,
        action=body.action.value,
        options_tried=[o.model_dump(mode="json") for o in body.options_tried],
        reason=body.reason,
        stage=LegalStage.AWAITING_APPROVAL.value,
        proposed_by=actor,
        proposed_by_subject=staff(uow).subject,
        proposed_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="legal_action_proposed",
        summary=f"Legal action proposed ({row.action}), awaiting a team leader's approval",
        data={"legal_action_id": str(row.id), "action": row.action},
    )
    return row


async def _legal_action(uow: UnitOfWork, case_id: uuid.UUID, legal_id: uuid.UUID) -> LegalAction:
    row = await uow.session.scalar(
        select(LegalAction)
        .where(LegalAction.id == legal_id, LegalAction.case_id == case_id)
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such legal action on this case.")
    return row


def _not_allowed(row: LegalAction, step: LegalStep) -> Conflict | None:
    refused = step_refusal(row.stage, step)
    if refused is None:
        return None
    allowed = ", ".join(s.value for s in allowed_steps(row.stage)) or "none"
    return Conflict(
        refused,
        [Problem("step", f"allowed now: {allowed}", "allowed_steps")],
        code="legal_action_step_not_allowed",
    )


async def decide(uow: UnitOfWork, command: OnLegalAction[DecisionIn]) -> LegalAction:
    """A team leader (not the proposer) approves or refuses the legal action."""
    case = await case_for_update(uow, command.case_id)
    row = await _legal_action(uow, case.id, command.legal_action_id)
    principal = staff(uow)
    refused = approval_refusal(
        by_team_leader=Role.TEAM_LEADER in principal.roles,
        decider=principal.subject,
        proposer=row.proposed_by_subject,
    )
    if refused is not None:
        raise Forbidden(refused)
    conflict = _not_allowed(row, LegalStep.DECIDE)
    if conflict is not None:
        raise conflict
    actor = acting(uow)
    approved = command.body.approved
    row.stage = (LegalStage.APPROVED if approved else LegalStage.REFUSED).value
    row.decided_by, row.decided_at = actor, uow.now()
    row.decision_reason = command.body.reason
    await record(
        uow,
        case,
        actor=actor,
        kind="legal_action_decided",
        summary=f"Legal action ({row.action}) {'approved' if approved else 'refused'}: "
        f"{row.decision_reason}"[:2000],
        data={"legal_action_id": str(row.id), "approved": approved},
    )
    return row


async def start_proceedings(uow: UnitOfWork, command: OnLegalAction[ProceedingsIn]) -> LegalAction:
    """Proceedings start: only once a team leader approved the legal action (409 otherwise,
    naming the steps allowed now)."""
    case = await case_for_update(uow, command.case_id)
    row = await _legal_action(uow, case.id, command.legal_action_id)
    conflict = _not_allowed(row, LegalStep.START_PROCEEDINGS)
    if conflict is not None:
        raise conflict
    actor = acting(uow)
    row.stage = LegalStage.PROCEEDINGS.value
    row.proceedings_at, row.proceedings_note = uow.now(), command.body.note
    await record(
        uow,
        case,
        actor=actor,
        kind="legal_proceedings",
        summary=f"Proceedings started ({row.action}), approved by {row.decided_by}",
        data={"legal_action_id": str(row.id), "action": row.action},
    )
    return row
