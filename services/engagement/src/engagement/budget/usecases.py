"""Use cases on the practical support budget: set and close a year's budget, spend, approve.

Every change to what is committed locks the budget row first (``SELECT ... FOR UPDATE``) and
only then adds up what is committed: two spends arriving at the same moment are decided one
after the other, so neither can take money the other already took. The ``not_overspent`` check
on the table backs this up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from asb_shared.auth import Role
from asb_shared.usecase import Conflict, Forbidden, Invalid, NotFound, UnitOfWork
from sqlalchemy import func, select

from ..clients.engagement import Status
from ..clients.records import client_for_change
from ..common import actor_name
from ..policy.store import policy_of
from .models import Budget, Spend
from .rules import (
    Category,
    SpendStatus,
    allocation_problem,
    financial_year,
    needs_team_leader,
    overspend,
    remaining,
    year_bounds,
)
from .schemas import BudgetIn, BudgetOut, CategoryOut, SpendDecisionIn, SpendIn


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    return uow.actor.organisation_id


async def _budget(uow: UnitOfWork, year: int, *, for_update: bool) -> Budget | None:
    query = select(Budget).where(Budget.organisation_id == _organisation(uow), Budget.year == year)
    return await uow.session.scalar(query.with_for_update() if for_update else query)


def _allocations(budget: Budget) -> dict[Category, Decimal]:
    return {Category(c): Decimal(a) for c, a in budget.allocations.items()}


async def _committed(
    uow: UnitOfWork, budget: Budget, status: SpendStatus
) -> dict[Category, Decimal]:
    rows = await uow.session.execute(
        select(Spend.category, func.sum(Spend.amount))
        .where(Spend.budget_id == budget.id, Spend.status == status.value)
        .group_by(Spend.category)
    )
    return {Category(c): Decimal(total) for c, total in rows.all()}


@dataclass
class SetBudget:
    year: int
    body: BudgetIn
    default_threshold: Decimal


async def set_budget(uow: UnitOfWork, command: SetBudget) -> BudgetOut:
    """Set (or change) a financial year's budget; never below what is already committed."""
    body = command.body
    problem = allocation_problem(body.total, body.allocations)
    if problem:
        raise Invalid.at("allocations", problem)
    budget = await _budget(uow, command.year, for_update=True)
    if budget is None:
        # The landlord's policy sets the usual threshold; the service's setting only when no
        # policy of the landlord's was ever announced.
        policy = await policy_of(uow.session, _organisation(uow))
        usual = (
            policy.engagement.spend_approval_threshold
            if policy.version
            else command.default_threshold
        )
        budget = Budget(
            organisation_id=_organisation(uow),
            year=command.year,
            total=body.total,
            committed=Decimal("0.00"),
            approval_threshold=body.approval_threshold or usual,
            allocations={},
            updated_by=actor_name(uow),
        )
        uow.session.add(budget)
    elif budget.closed_at is not None:
        raise Conflict(f"The {command.year} budget is closed.")
    committed = await _committed(uow, budget, SpendStatus.APPROVED) if budget.id else {}
    if body.total < sum(committed.values(), Decimal(0)):
        raise Invalid.at("total", "the total is less than what is already committed")
    for category, amount in body.allocations.items():
        if amount < committed.get(category, Decimal(0)):
            raise Invalid.at(f"allocations.{category.value}", "less than what is already committed")
    budget.total = body.total
    if body.approval_threshold is not None:
        budget.approval_threshold = body.approval_threshold
    budget.allocations = {c.value: str(a) for c, a in body.allocations.items()}
    budget.updated_by = actor_name(uow)
    await uow.session.flush()
    return await _view(uow, budget)


async def close_budget(uow: UnitOfWork, year: int) -> BudgetOut:
    """Close a year: no more spends are committed against it."""
    budget = await _budget(uow, year, for_update=True)
    if budget is None:
        raise NotFound(f"No budget for {year}.")
    budget.closed_at = budget.closed_at or uow.now()
    return await _view(uow, budget)


async def _view(uow: UnitOfWork, budget: Budget) -> BudgetOut:
    committed = await _committed(uow, budget, SpendStatus.APPROVED)
    waiting = await _committed(uow, budget, SpendStatus.AWAITING_APPROVAL)
    allocations = _allocations(budget)
    left = remaining(budget.total, allocations, committed)
    starts, ends = year_bounds(budget.year)
    return BudgetOut(
        year=budget.year,
        starts_on=starts,
        ends_on=ends,
        total=budget.total,
        committed=budget.committed,
        remaining=left.total,
        awaiting_approval=sum(waiting.values(), Decimal("0.00")),
        approval_threshold=budget.approval_threshold,
        closed=budget.closed_at is not None,
        categories=[
            CategoryOut(
                category=c.value,
                allocated=allocations.get(c),
                committed=committed.get(c, Decimal("0.00")),
                remaining=left.by_category.get(c),
            )
            for c in Category
        ],
    )


async def budget_view(uow: UnitOfWork, year: int) -> BudgetOut:
    budget = await _budget(uow, year, for_update=False)
    if budget is None:
        raise NotFound(f"No budget for {year}.")
    return await _view(uow, budget)


async def _commit(uow: UnitOfWork, budget: Budget, spend: Spend) -> None:
    """Approve ``spend`` if it fits (the budget row is locked by the caller)."""
    problem = overspend(
        budget.total,
        _allocations(budget),
        await _committed(uow, budget, SpendStatus.APPROVED),
        Category(spend.category),
        spend.amount,
    )
    if problem:
        raise Conflict(f"The spend would overspend the budget: {problem}.")
    spend.status = SpendStatus.APPROVED.value
    spend.approved_by = actor_name(uow)
    spend.decided_at = uow.now()
    budget.committed = budget.committed + spend.amount


async def _open_budget_for(uow: UnitOfWork, day: date) -> Budget:
    budget = await _budget(uow, financial_year(day), for_update=True)
    if budget is None:
        raise Invalid.at(
            "spent_on", f"there is no budget for the {financial_year(day)} financial year"
        )
    if budget.closed_at is not None:
        raise Invalid.at("spent_on", f"the {budget.year} budget year is closed")
    return budget


@dataclass
class RecordSpend:
    client_id: uuid.UUID
    body: SpendIn


async def record_spend(uow: UnitOfWork, command: RecordSpend) -> Spend:
    """A spend for a client: committed at once if within the PEO's limit and the budget, else
    waiting for a team leader."""
    body = command.body
    if body.spent_on > uow.now().date():
        raise Invalid.at("spent_on", "must not be in the future")
    client = await client_for_change(uow, command.client_id)
    if client.status == Status.CLOSED.value:
        raise Conflict("The client's record is closed.")
    budget = await _open_budget_for(uow, body.spent_on)
    spend = Spend(
        organisation_id=client.organisation_id,
        budget_id=budget.id,
        client_id=client.id,
        category=body.category.value,
        amount=body.amount,
        supplier=body.supplier,
        description=body.description,
        spent_on=body.spent_on,
        status=SpendStatus.AWAITING_APPROVAL.value,
        requested_by=actor_name(uow),
        created_at=uow.now(),
    )
    is_leader = uow.actor is not None and Role.TEAM_LEADER in uow.actor.roles
    if not needs_team_leader(body.amount, budget.approval_threshold) or is_leader:
        await _commit(uow, budget, spend)
    uow.session.add(spend)
    await uow.session.flush()
    return spend


@dataclass
class DecideSpend:
    spend_id: uuid.UUID
    body: SpendDecisionIn


async def decide_spend(uow: UnitOfWork, command: DecideSpend) -> Spend:
    """A team leader approves (if it still fits) or refuses a spend above the threshold."""
    if uow.actor is None or Role.TEAM_LEADER not in uow.actor.roles:
        raise Forbidden("A team leader approves spends above the threshold.")
    spend = await uow.session.scalar(
        select(Spend).where(
            Spend.id == command.spend_id, Spend.organisation_id == uow.actor.organisation_id
        )
    )
    if spend is None:
        raise NotFound("No such spend.")
    # The budget first, then the spend: the order every path takes, so none deadlock.
    budget = await uow.session.scalar(
        select(Budget).where(Budget.id == spend.budget_id).with_for_update()
    )
    await uow.session.refresh(spend, with_for_update=True)
    if budget is None or spend.status != SpendStatus.AWAITING_APPROVAL.value:
        raise Conflict(f"The spend is already {spend.status}.")
    if budget.closed_at is not None:
        raise Conflict(f"The {budget.year} budget year is closed.")
    spend.decision_note = command.body.note
    if command.body.approve:
        await _commit(uow, budget, spend)
    else:
        spend.status = SpendStatus.REFUSED.value
        spend.approved_by = actor_name(uow)
        spend.decided_at = uow.now()
    return spend


@dataclass
class ListSpends:
    year: int
    status: SpendStatus | None
    client_id: uuid.UUID | None


async def spends(uow: UnitOfWork, command: ListSpends) -> list[Spend]:
    budget = await _budget(uow, command.year, for_update=False)
    if budget is None:
        raise NotFound(f"No budget for {command.year}.")
    query = select(Spend).where(Spend.budget_id == budget.id)
    if command.status:
        query = query.where(Spend.status == command.status.value)
    if command.client_id:
        query = query.where(Spend.client_id == command.client_id)
    return list(await uow.session.scalars(query.order_by(Spend.id)))
