"""Search, ``/search``: cases by a (misspelt) name, address, postcode, UPRN, reference or words
in the reports, with the case list's filters; each result opens the case.

The search is casework's (``GET /v1/search/cases``: fuzzy names, full text); the page passes
what was typed, shows its answer and its 422 on the field that asked.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import casework, field_errors, page, refusal_page
from ..staff import Staff

router = APIRouter(tags=["console: search"])

CRITERIA = ("name", "address", "postcode", "uprn", "reference", "text")
FILTERS = ("status", "risk", "category", "breached", "open_only")
FIELDS = {f"query.{name}": name for name in (*CRITERIA, *FILTERS)}


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, staff: Staff) -> Response:
    asked = {
        name: request.query_params.get(name, "").strip() for name in (*CRITERIA, *FILTERS, "cursor")
    }
    params = {name: value for name, value in asked.items() if value}
    results, next_cursor, errors = None, None, []
    if any(asked[name] for name in CRITERIA) or any(asked[name] for name in FILTERS):
        try:
            found = await casework(request).call(
                "GET", "/v1/search/cases", headers=staff.bearer, params={**params, "limit": 25}
            )
            results, next_cursor = found["items"], found.get("next_cursor")
        except (ApiRefused, ApiUnavailable) as exc:
            shown = await refusal_page(request, staff, exc)
            if shown is not None:
                return shown
            assert isinstance(exc, ApiRefused)
            errors = field_errors(exc, FIELDS, "name")
    query = urlencode({k: v for k, v in params.items() if k != "cursor"})
    return await page(
        request,
        "console/search/page.html",
        staff,
        status=422 if errors else 200,
        errors=errors,
        asked=asked,
        results=results,
        next_cursor=next_cursor,
        query=query,
    )
