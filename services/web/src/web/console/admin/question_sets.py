"""The risk assessment's question set (``/admin/question-sets``): the questions, the points each
answer carries, which answers make the risk high, and the thresholds; a change is a new version
for the assessments to come (casework keeps the old ones for the assessments made under them)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, casework, engagement, field_errors, page, refusal_page
from ..fields import Unreadable
from ..security import StaffForm
from ..staff import Staff, StaffUser
from . import question_form
from .common import posted, refused_page, unreadable

router = APIRouter(tags=["console: question sets"])


async def _page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    try:
        found = await casework(request).call("GET", "/v1/risk-question-set", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    definition: dict[str, Any] = found["definition"]
    return await page(
        request,
        "console/admin/question_sets.html",
        staff,
        status=status,
        errors=errors or [],
        question_set=found,
        values=values or question_form.form_values(definition),
        count=len(definition["questions"]) + 1,
        answers_text=question_form.answers_text,
    )


@router.get("/admin/question-sets", response_class=HTMLResponse)
async def question_sets(request: Request, staff: Staff) -> Response:
    return await _page(request, staff)


@router.post("/admin/question-sets/risk")
async def publish(request: Request, staff: Staff, form: StaffForm) -> Response:
    values = posted(form)
    try:
        count = int(values.get("count", "0"))
        body = question_form.question_set(form, min(count, 41))
    except Unreadable as exc:
        return await _page(request, staff, status=422, errors=unreadable(exc), values=values)
    except ValueError:
        return await page(request, "console/not_found.html", staff, status=400)
    try:
        await casework(request).call(
            "PUT", "/v1/risk-question-set", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        named = [str(d.get("field", "")) for d in exc.details]
        errors = field_errors(exc, {n: question_form.field_of(n) for n in named}, "medium-from")
        return await _page(request, staff, status=422, errors=errors, values=values)
    return RedirectResponse("/admin/question-sets", status_code=303)


AREAS = {
    "drugs": "Drugs",
    "alcohol": "Alcohol",
    "mental_health": "Mental health",
    "anger": "Anger",
    "physical_health": "Physical health",
    "finances_and_debt": "Finances and debt",
    "tenancy_and_home": "Tenancy and home",
    "relationships_and_family": "Relationships and family",
    "offending": "Offending",
    "education_and_work": "Education and work",
}
"""The needs assessment's areas, in words (an area not named here is shown as engagement
gives it)."""


async def _needs_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    found = engagement(request)
    try:
        current = await found.call("GET", "/v1/assessment-question-set", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    areas: dict[str, Any] = current["definition"]["areas"]
    if values is None:
        values = {}
        for area, questions in areas.items():
            values |= question_form.form_values(questions, f"{area}-")
    return await page(
        request,
        "console/admin/needs_questions.html",
        staff,
        status=status,
        errors=errors or [],
        question_set=current,
        areas=[
            (area, AREAS.get(area, area), len(qs["questions"]) + 1) for area, qs in areas.items()
        ],
        values=values,
    )


@router.get("/admin/question-sets/needs", response_class=HTMLResponse)
async def needs_questions(request: Request, staff: Staff) -> Response:
    return await _needs_page(request, staff)


@router.post("/admin/question-sets/needs")
async def publish_needs(request: Request, staff: Staff, form: StaffForm) -> Response:
    found = engagement(request)
    values = posted(form)
    try:
        body = {
            "areas": {
                area: question_form.question_set(
                    form, min(int(values.get(f"{area}-count", "0")), 21), f"{area}-", high=False
                )
                for area in form.getlist("area")
            }
        }
    except Unreadable as exc:
        return await _needs_page(request, staff, status=422, errors=unreadable(exc), values=values)
    except ValueError:
        return await page(request, "console/not_found.html", staff, status=400)
    try:
        await found.call("PUT", "/v1/assessment-question-set", headers=staff.bearer, json=body)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        named = [str(d.get("field", "")) for d in exc.details]
        first = f"{next(iter(form.getlist('area')), '')}-medium-from"
        errors = field_errors(exc, {n: question_form.field_of(n) for n in named}, first)
        return await _needs_page(request, staff, status=422, errors=errors, values=values)
    return RedirectResponse("/admin/question-sets/needs", status_code=303)
