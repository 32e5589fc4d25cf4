"""Equality monitoring: answers recorded apart from the case (never read back one by one), and
the fair-handling report for team leaders and admins, in JSON and CSV."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from asb_shared import readaudit
from asb_shared.auth.groups import CaseStaff, Managers
from asb_shared.calendar import LONDON
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep, settings_dependency
from asb_shared.usecase import Invalid
from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from ..settings import CaseworkSettings
from .fairness import COLUMNS, Group
from .schemas import AnswersIn, FairHandlingOut, GroupOut
from .usecases import FairHandlingQuery, RecordAnswers, fair_handling_report, record_answers

router = APIRouter(
    tags=["equality monitoring"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 422)},
)

Settings = Annotated[CaseworkSettings, Depends(settings_dependency(CaseworkSettings))]
From = Annotated[date, Query(alias="from", description="the first day (UK) of cases opened")]
To = Annotated[date, Query(description="the last day (UK), inclusive")]


@router.post("/v1/cases/{case_id}/equality", status_code=204)
async def give_answers(
    case_id: uuid.UUID, body: AnswersIn, principal: CaseStaff, work: WorkDep
) -> None:
    """Record what a complainant or subject answered to the optional equality questions. Kept
    apart from the case: never shown on it, never read back, reported only in aggregates."""
    async with work(principal) as uow:
        await record_answers(uow, RecordAnswers(case_id, body.role, body.answers))


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(), LONDON).astimezone(UTC)


async def _groups(
    principal: Managers, work: WorkDep, settings: Settings, first: date, last: date
) -> list[Group]:
    if first.year < 1990:
        raise Invalid.at("from", "is before 1990")
    if last.year > 2999:
        raise Invalid.at("to", "is after 2999")
    if last < first:
        raise Invalid.at("to", "is before from")
    query = FairHandlingQuery(
        _instant(first), _instant(last + timedelta(days=1)), settings.equality_min_group_size
    )
    async with work(principal) as uow:
        return await fair_handling_report(uow, query)


@router.get("/v1/equality/fair-handling", response_model=FairHandlingOut)
async def fair_handling(
    principal: Managers, work: WorkDep, settings: Settings, first: From, to: To
) -> FairHandlingOut:
    """Reports, outcomes, time to resolve and satisfaction by protected characteristic, for
    complainants and subjects of cases opened in the period; groups under the minimum size
    (``EQUALITY_MIN_GROUP_SIZE``, 5 by default) suppressed."""
    groups = await _groups(principal, work, settings, first, to)
    return FairHandlingOut.model_validate(
        {
            "from": first,
            "to": to,
            "min_group_size": settings.equality_min_group_size,
            "groups": [GroupOut.model_validate(g, from_attributes=True) for g in groups],
        }
    )


@router.get("/v1/equality/fair-handling.csv", response_class=StreamingResponse)
async def fair_handling_csv(
    principal: Managers, work: WorkDep, settings: Settings, first: From, to: To
) -> StreamingResponse:
    """The same report as CSV, one row a group."""
    groups = await _groups(principal, work, settings, first, to)

    async def rows() -> AsyncIterator[dict[str, object]]:
        for group in groups:
            yield group.row()

    return readaudit.csv_response(
        readaudit.csv_lines(rows(), COLUMNS), f"fair-handling-{first}-{to}.csv"
    )
