"""My cases: an officer's open cases, the most urgent first, with counts and the list's filters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from . import urgency
from .apis import call
from .navigation import may_use
from .pages import render
from .staff import Staff

router = APIRouter()


@router.get("/", include_in_schema=False)
async def my_cases(request: Request, staff: Staff) -> Response:
    if may_use(staff.roles, "partner-cases") and not may_use(staff.roles, "my-cases"):
        # A partner's member of staff starts from the cases shared with their agency.
        return RedirectResponse("/partner", status_code=303)
    if not may_use(staff.roles, "my-cases"):
        # A role with no case work (a PEO, the platform's administrator): nothing to list.
        return render(request, "console/no_pages.html")
    filters = urgency.filters_from(request.query_params)
    found: list[dict[str, Any]] = await call(request, staff, "GET", "/v1/my-cases")
    return render(
        request,
        "console/my_cases.html",
        cases=urgency.most_urgent_first(found, filters),
        counts=urgency.counts(found),
        filters=filters,
        risks=urgency.RISKS,
        categories=urgency.CATEGORIES,
        warned=urgency.warned,
    )
