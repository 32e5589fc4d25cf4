"""``GET /v1/measures`` (JSON) and ``GET /v1/measures.csv``: the published measures."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from asb_shared.auth import Principal
from asb_shared.auth.groups import CaseStaff
from asb_shared.files import download
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..api import STAFF_ERRORS
from .definitions import Month, csv_rows
from .usecases import Measures, published_measures

router = APIRouter(tags=["measures"], responses=STAFF_ERRORS)

MonthText = Annotated[
    str, Query(pattern=r"^(199\d|20\d\d)-(0[1-9]|1[0-2])$", description="YYYY-MM")
]


async def _measures(principal: Principal, work: WorkDep, first: str, last: str) -> dict[str, Any]:
    async with work(principal) as uow:
        return await published_measures(uow, Measures(Month.parse(first), Month.parse(last)))


@router.get("/v1/measures")
async def measures_json(
    principal: CaseStaff,
    work: WorkDep,
    start: Annotated[str, Query(alias="from", pattern=r"^(199\d|20\d\d)-(0[1-9]|1[0-2])$")],
    to: MonthText,
) -> dict[str, Any]:
    """Every published measure for the months ``from`` to ``to`` (inclusive): a row a month
    and the period's figures, each defined in ``casework/measures/definitions.py``."""
    return await _measures(principal, work, start, to)


@router.get(
    "/v1/measures.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}}
)
async def measures_csv(
    principal: CaseStaff,
    work: WorkDep,
    start: Annotated[str, Query(alias="from", pattern=r"^(199\d|20\d\d)-(0[1-9]|1[0-2])$")],
    to: MonthText,
) -> Response:
    """The same measures as CSV: ``measure, month, category, value``."""
    result = await _measures(principal, work, start, to)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_rows(result))
    return download(
        out.getvalue().encode(), "text/csv; charset=utf-8", f"asb-measures-{start}-{to}.csv"
    )
