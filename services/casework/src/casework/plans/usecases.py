"""Use cases of action plans: agree one with the complainant, list them."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from ..cases.state_machine import CaseCommand
from ..cases.store import OnCase, case_for_update
from ..lifecycle.transition import transition
from ..standards import timers
from ..timeline.recording import acting, record
from .models import ActionPlan
from .schemas import ActionPlanIn


async def agree_action_plan(uow: UnitOfWork, command: OnCase[ActionPlanIn]) -> ActionPlan:
    """Record the action plan agreed with the complainant, and how often they are contacted."""
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    await transition(
        uow,
        case,
        CaseCommand.AGREE_ACTION_PLAN,
        actor=actor,
        reason="action plan agreed with the complainant",
    )
    plan = ActionPlan(
        case_id=case.id,
        organisation_id=case.organisation_id,
        actions=[a.model_dump(mode="json") for a in body.actions],
        contact_method=body.contact_method.value,
        contact_frequency_days=body.contact_frequency_days,
        agreed_with_complainant_at=body.agreed_with_complainant_at,
        recorded_by=actor,
        recorded_at=uow.now(),
    )
    uow.session.add(plan)
    case.contact_frequency_days = body.contact_frequency_days
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="action_plan",
        summary=(
            f"Action plan agreed with the complainant: {len(body.actions)} action(s),"
            f" contact by {body.contact_method.value} every {body.contact_frequency_days} day(s)"
        ),
        data={
            "action_plan_id": str(plan.id),
            "contact_method": plan.contact_method,
            "contact_frequency_days": plan.contact_frequency_days,
            "agreed_with_complainant_at": body.agreed_with_complainant_at.isoformat(),
        },
    )
    await timers.on_action_plan_agreed(
        uow.session, case, body.contact_frequency_days, body.agreed_with_complainant_at
    )
    return plan
