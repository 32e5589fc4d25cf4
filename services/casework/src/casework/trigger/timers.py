"""The case review's timescales (the decision, the meeting, the outcome, and an appeal's
decision) as working-day timers, run by the standards clock like every
service standard (warned a working day before, breached when due)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case
from ..db import table_of
from ..policy.settings import PolicySettings
from ..standards.models import Standard
from ..standards.policy import StandardStatus, deadline_after
from ..standards.rules import rules_at

RUNNING = StandardStatus.RUNNING.value


class ReviewTimer(StrEnum):
    """The statutory steps of a case review, each with its working days in the policy."""

    DECISION = "case_review_decision"
    MEETING = "case_review_meeting"
    OUTCOME = "case_review_outcome"
    APPEAL = "case_review_appeal"


def working_days(timer: ReviewTimer, policy: PolicySettings) -> int:
    trigger = policy.community_trigger
    return {
        ReviewTimer.DECISION: trigger.decision_working_days,
        ReviewTimer.MEETING: trigger.meeting_working_days,
        ReviewTimer.OUTCOME: trigger.outcome_working_days,
        ReviewTimer.APPEAL: trigger.appeal_working_days,
    }[timer]


async def start(
    session: AsyncSession, case: Case, timer: ReviewTimer, at: datetime, policy: PolicySettings
) -> Standard:
    """Start ``timer`` on ``case`` from ``at``, on the landlord's calendar."""
    rules = await rules_at(session, case.organisation_id, case.policy_version or 0)
    when = deadline_after(at, working_days(timer, policy), calendar=rules.calendar)
    standard = Standard(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=timer.value,
        status=RUNNING,
        started_at=at,
        warn_at=when.warn_at,
        due_at=when.due_at,
    )
    session.add(standard)
    await session.flush()
    return standard


async def meet(session: AsyncSession, case: Case, timer: ReviewTimer, at: datetime) -> None:
    """The step was taken: its running timer is met (a breached one stays breached)."""
    standards = table_of(Standard)
    await session.execute(
        update(standards)
        .where(
            standards.c.case_id == case.id,
            standards.c.kind == timer.value,
            standards.c.status == RUNNING,
        )
        .values(status=StandardStatus.MET.value, met_at=at)
    )
