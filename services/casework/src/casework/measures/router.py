"""``GET /v1/measures`` (JSON) and ``GET /v1/measures.csv``: the published measures; and a
landlord's public performance summary for its resident site."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from asb_shared.auth import Principal
from asb_shared.auth.groups import CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.files import download
from asb_shared.service import WorkDep
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from ..api import STAFF_ERRORS, Responses
from .definitions import Month, csv_rows
from .usecases import Measures, PublicPerformance, published_measures
from .usecases import public_performance as public_performance_of

router = APIRouter(tags=["measures"])

CSV: Responses = {200: {"content": {"text/csv": {}}}}

MonthText = Annotated[
    str, Query(pattern=r"^(199\d|20\d\d)-(0[1-9]|1[0-2])$", description="YYYY-MM")
]


async def _measures(principal: Principal, work: WorkDep, first: str, last: str) -> dict[str, Any]:
    async with work(principal) as uow:
        return await published_measures(uow, Measures(Month.parse(first), Month.parse(last)))


@router.get("/v1/measures", responses=STAFF_ERRORS)
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
    "/v1/measures.csv",
    response_class=Response,
    responses=CSV | STAFF_ERRORS,
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


@router.get(
    "/v1/public/landlords/{reference_prefix}/performance",
    tags=["public"],
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
async def public_performance(
    work: WorkDep,
    year: Annotated[int, Query(ge=2000, le=2100, description="the financial year's first")],
    reference_prefix: str = Path(pattern=r"^[A-Za-z]{2,6}$"),
) -> dict[str, Any]:
    """A landlord's performance for a financial year, for its resident site to publish: counts,
    shares and averages only (nothing that names or numbers a case or a person), a count below
    the policy's ``public_summary.minimum_count`` or a share of fewer cases shown as ``null``
    with ``suppressed``, and its targets met or missed. Public and unauthenticated."""
    async with work() as uow:
        return await public_performance_of(uow, PublicPerformance(reference_prefix, year))
