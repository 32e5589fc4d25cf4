"""The measures, ``/measures``: what the landlord publishes (new, closed and open cases, types
of ASB, % resolved, days to resolve, contact within a working day, action plans, legal actions,
evictions, satisfaction and TP12, NM01 per 1,000 homes) for a period of months, as charts drawn
on the server and a table, with the same figures as CSV (casework's own, passed on).

Every figure is casework's (``GET /v1/measures``, defined in ``casework/measures/definitions.py``);
the console only draws and words them.
"""

from __future__ import annotations

from typing import Any

from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import casework, field_errors, page, refusal_page
from ..staff import Staff
from .charts import bar_chart

router = APIRouter(tags=["console: measures"])

MONTHLY = {
    "new_cases": "New cases",
    "closed_cases": "Cases closed",
    "open_at_month_end": "Open cases at the month's end",
    "action_plans_created": "Action plans created",
}

PERIOD = {
    "new_cases": "New cases",
    "closed_cases": "Cases closed",
    "open_at_end": "Open cases at the end",
    "resolved_percent": "Cases resolved (%)",
    "average_days_to_resolve": "Average days to resolve",
    "average_days_to_resolve_target": "Target days to resolve",
    "contact_within_1_working_day_percent": "Contacted within 1 working day (%)",
    "action_plans_created": "Action plans created",
    "legal_actions_year_to_date": "Legal actions, financial year to date",
    "financial_year_from": "Financial year from",
    "evictions": "Evictions for ASB",
    "evictions_year_to_date": "Evictions for ASB, financial year to date",
    "satisfaction.responses": "Satisfaction survey responses",
    "satisfaction.handling_satisfied_percent": "Satisfied with the handling (%)",
    "satisfaction.outcome_satisfied_percent": "Satisfied with the outcome (%)",
    "satisfaction.tp12_percent": "TP12: satisfied with the approach to ASB (%)",
    "nm01.homes": "Homes",
    "nm01.cases_per_1000_homes": "NM01: ASB cases per 1,000 homes",
    "nm01.hate_cases_per_1000_homes": "NM01: hate incident cases per 1,000 homes",
    "nm01.cases": "NM01: ASB cases",
    "nm01.hate_cases": "NM01: hate incident cases",
}

FIELDS = {"query.from": "from", "query.to": "to"}


def _period(request: Request) -> dict[str, str]:
    """The months asked for; by default the twelve months to this one."""
    today = utcnow().date()
    first_year, first_month = (
        (today.year, today.month - 11)
        if today.month == 12
        else (
            today.year - 1,
            today.month + 1,
        )
    )
    return {
        "from": request.query_params.get("from", "").strip()
        or f"{first_year:04d}-{first_month:02d}",
        "to": request.query_params.get("to", "").strip() or f"{today.year:04d}-{today.month:02d}",
    }


def _figures(period: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """The period's figures as (name, words, value) lines, nested ones flattened."""
    lines = []
    for name, value in period.items():
        if name == "types_of_asb":
            continue
        if isinstance(value, dict):
            for key, inner in value.items():
                full = f"{name}.{key}"
                lines.append((full, PERIOD.get(full, full), inner))
        else:
            lines.append((name, PERIOD.get(name, name), value))
    return lines


@router.get("/measures", response_class=HTMLResponse)
async def measures(request: Request, staff: Staff) -> Response:
    asked = _period(request)
    try:
        found = await casework(request).call(
            "GET", "/v1/measures", headers=staff.bearer, params=asked
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        return await page(
            request,
            "console/measures/page.html",
            staff,
            status=422,
            errors=field_errors(exc, FIELDS, "from"),
            asked=asked,
            found=None,
        )
    months = found["months"]
    charts = [
        (name, words, bar_chart([(m["month"], m[name]) for m in months]))
        for name, words in MONTHLY.items()
    ]
    return await page(
        request,
        "console/measures/page.html",
        staff,
        asked=asked,
        found=found,
        monthly=MONTHLY,
        charts=charts,
        figures=_figures(found["period"]),
        types=sorted(found["period"].get("types_of_asb", {}).items(), key=lambda kv: -kv[1]),
    )


@router.get("/measures.csv")
async def measures_csv(request: Request, staff: Staff) -> Response:
    """Casework's CSV of the same measures, as it made it."""
    asked = _period(request)
    try:
        content, media_type, disposition = await casework(request).download(
            "/v1/measures.csv", headers=staff.bearer, params=asked
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        return await page(request, "console/not_found.html", staff, status=400)
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )
