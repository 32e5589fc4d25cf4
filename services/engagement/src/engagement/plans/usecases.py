"""Use cases on support plans: agree a plan, review it, tick off actions, log the work done."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Conflict, Invalid, NotFound, UnitOfWork
from sqlalchemy import func, select, update

from ..clients.engagement import Status, has_consent
from ..clients.models import Client
from ..clients.records import client_for_change, read_record
from ..common import actor_name
from ..policy.store import policy_of
from .models import Action, Activity, Goal, Plan, Review
from .reviews import (
    next_review_on,
    review_date_problem,
    review_deadline,
    review_interval_problem,
)
from .schemas import (
    ActionDoneIn,
    ActionOut,
    ActivityIn,
    GoalOut,
    PlanIn,
    PlanOut,
    ReviewIn,
    ReviewOut,
)

ACTIVE = "active"
SUPERSEDED = "superseded"


def _consented(client: Client) -> None:
    if not has_consent(Status(client.status)):
        raise Conflict("A support plan needs the client's consent.")


@dataclass
class AgreePlan:
    client_id: uuid.UUID
    body: PlanIn


async def agree_plan(uow: UnitOfWork, command: AgreePlan) -> Plan:
    """A new support plan; the one before it, if any, is superseded (and kept)."""
    body = command.body
    today = uow.now().date()
    problem = review_date_problem(body.next_review_on, today)
    if problem:
        raise Invalid.at("next_review_on", problem)
    for g, goal in enumerate(body.goals):
        for a, action in enumerate(goal.actions):
            if action.due_on < today:
                raise Invalid.at(f"goals.{g}.actions.{a}.due_on", "the due date is in the past")
    client = await client_for_change(uow, command.client_id)
    _consented(client)
    policy = await policy_of(uow.session, client.organisation_id)
    every_days = body.review_every_days or policy.engagement.review_every_days
    problem = review_interval_problem(every_days, policy.engagement.longest_review_every_days)
    if problem:
        raise Invalid.at("review_every_days", problem)
    number = await uow.session.scalar(
        select(func.coalesce(func.max(Plan.number), 0)).where(Plan.client_id == client.id)
    )
    await uow.session.execute(
        update(Plan)
        .where(Plan.client_id == client.id, Plan.status == ACTIVE)
        .values(status=SUPERSEDED)
    )
    deadline = review_deadline(body.next_review_on, policy.calendar)
    plan = Plan(
        organisation_id=client.organisation_id,
        client_id=client.id,
        number=int(number or 0) + 1,
        status=ACTIVE,
        review_every_days=every_days,
        next_review_on=body.next_review_on,
        review_warn_at=deadline.warn_at,
        review_due_at=deadline.due_at,
        created_by=actor_name(uow),
        created_at=uow.now(),
    )
    uow.session.add(plan)
    await uow.session.flush()
    for g, goal_in in enumerate(body.goals):
        goal_row = Goal(plan_id=plan.id, position=g, title=goal_in.title)
        uow.session.add(goal_row)
        await uow.session.flush()
        for a, action in enumerate(goal_in.actions):
            uow.session.add(
                Action(
                    plan_id=plan.id,
                    goal_id=goal_row.id,
                    position=a,
                    description=action.description,
                    owner=action.owner,
                    due_on=action.due_on,
                )
            )
    await uow.session.flush()
    return plan


async def _active_plan(uow: UnitOfWork, client: Client, *, for_update: bool) -> Plan:
    query = select(Plan).where(Plan.client_id == client.id, Plan.status == ACTIVE)
    plan = await uow.session.scalar(query.with_for_update() if for_update else query)
    if plan is None:
        raise NotFound("The client has no support plan.")
    return plan


@dataclass
class ReviewPlan:
    client_id: uuid.UUID
    body: ReviewIn


async def review_plan(uow: UnitOfWork, command: ReviewPlan) -> Review:
    """A review held with the client: it meets the review timer and sets the next one."""
    body = command.body
    today = uow.now().date()
    if body.held_on > today:
        raise Invalid.at("held_on", "a review cannot be recorded before it is held")
    following = body.next_review_on
    client = await client_for_change(uow, command.client_id)
    plan = await _active_plan(uow, client, for_update=True)
    if following is None:
        following = next_review_on(body.held_on, plan.review_every_days)
    problem = review_date_problem(following, today)
    if problem:
        raise Invalid.at("next_review_on", problem)
    policy = await policy_of(uow.session, client.organisation_id)
    deadline = review_deadline(following, policy.calendar)
    plan.next_review_on = following
    plan.review_warn_at = deadline.warn_at
    plan.review_due_at = deadline.due_at
    plan.warned_at = None
    plan.breached_at = None
    review = Review(
        plan_id=plan.id,
        held_on=body.held_on,
        notes=body.notes,
        next_review_on=following,
        reviewed_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(review)
    await uow.session.flush()
    return review


@dataclass
class CompleteAction:
    client_id: uuid.UUID
    action_id: uuid.UUID
    body: ActionDoneIn


async def complete_action(uow: UnitOfWork, command: CompleteAction) -> Action:
    if command.body.done_on > uow.now().date():
        raise Invalid.at("done_on", "must not be in the future")
    client = await client_for_change(uow, command.client_id)
    action = await uow.session.scalar(
        select(Action)
        .join(Plan, Plan.id == Action.plan_id)
        .where(Action.id == command.action_id, Plan.client_id == client.id)
    )
    if action is None:
        raise NotFound("No such action in the client's plan.")
    action.done_on = command.body.done_on
    return action


async def plan_view(uow: UnitOfWork, plan: Plan) -> PlanOut:
    goals = list(
        await uow.session.scalars(
            select(Goal).where(Goal.plan_id == plan.id).order_by(Goal.position)
        )
    )
    actions = list(
        await uow.session.scalars(
            select(Action).where(Action.plan_id == plan.id).order_by(Action.position)
        )
    )
    reviews = await uow.session.scalars(
        select(Review).where(Review.plan_id == plan.id).order_by(Review.held_on, Review.id)
    )
    return PlanOut(
        id=plan.id,
        client_id=plan.client_id,
        number=plan.number,
        status=plan.status,
        review_every_days=plan.review_every_days,
        next_review_on=plan.next_review_on,
        review_warn_at=plan.review_warn_at,
        review_due_at=plan.review_due_at,
        created_by=plan.created_by,
        created_at=plan.created_at,
        goals=[
            GoalOut(
                id=g.id,
                title=g.title,
                actions=[ActionOut.model_validate(a) for a in actions if a.goal_id == g.id],
            )
            for g in goals
        ],
        reviews=[ReviewOut.model_validate(r) for r in reviews],
    )


async def current_plan(uow: UnitOfWork, client_id: uuid.UUID) -> PlanOut:
    """The client's support plan in force (PEOs only; the read is logged)."""
    client = await read_record(uow, client_id, "plan")
    return await plan_view(uow, await _active_plan(uow, client, for_update=False))


@dataclass
class LogActivity:
    client_id: uuid.UUID
    body: ActivityIn


async def log_activity(uow: UnitOfWork, command: LogActivity) -> Activity:
    """A one-to-one contact, an accompanied appointment or a specialist referral."""
    if command.body.occurred_on > uow.now().date():
        raise Invalid.at("occurred_on", "must not be in the future")
    client = await client_for_change(uow, command.client_id)
    if client.status == Status.CLOSED.value:
        raise Conflict("The client's record is closed.")
    row = Activity(
        organisation_id=client.organisation_id,
        client_id=client.id,
        kind=command.body.kind.value,
        occurred_on=command.body.occurred_on,
        summary=command.body.summary,
        specialist_service=(
            command.body.specialist_service.value if command.body.specialist_service else None
        ),
        provider=command.body.provider,
        recorded_by=actor_name(uow),
        recorded_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


async def activities_of(uow: UnitOfWork, client_id: uuid.UUID) -> list[Activity]:
    client = await read_record(uow, client_id, "activities")
    rows = await uow.session.scalars(
        select(Activity)
        .where(Activity.client_id == client.id)
        .order_by(Activity.occurred_on.desc(), Activity.id.desc())
    )
    return list(rows)
