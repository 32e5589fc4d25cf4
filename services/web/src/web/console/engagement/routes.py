"""The Positive Engagement Service's pages, over engagement's API with the member of staff's
own token, so engagement decides what each may see and do:

- ``/engagement``: referrals waiting for a decision, overdue first, and the PEO's clients;
- ``/engagement/referrals/{id}``: a referral with the service's criteria, and the decision;
- ``/engagement/clients/{id}``: for a PEO, the client's record and every form that works it
  (consent, contact level, engagement, the needs assessment, the support plan and its reviews,
  activities, positive requirements and compliance, spends, the outcome); for anyone else,
  what engagement answers them (status and outcome) and nothing more is asked for;
- ``/engagement/clients/{id}/safeguarding``: a named safeguarding lead reads the record, with
  the reason engagement logs with the read;
- ``/engagement/clients/{id}/report``: the Positive Requirement Report's contents before it is
  made, the reports made, each downloaded as the PDF engagement rendered;
- ``/engagement/budget``: the year's practical support budget, and a team leader's decision on
  a spend above the threshold.

Every form posts here with the session's CSRF token; done, back to the page at the section
changed; refused, the page again with engagement's reason (a 422 in the error summary on each
field, a 409 as "not done", a spend that would overspend in the error summary), what was typed
kept.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from asb_shared.auth import Role
from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import Api, ApiRefused, ApiUnavailable
from ..calls import Errors, conflict, engagement, field_errors, page, refusal_page
from ..fields import UK, Unreadable, now_fields
from ..security import StaffForm
from ..staff import Staff, StaffUser
from . import forms, words

router = APIRouter(tags=["console: engagement"])

CLIENT = "/engagement/clients/{client_id}"


def financial_year(day: date) -> int:
    """The budget year a day falls in, as engagement's API names it (by its April)."""
    return day.year if day.month >= 4 else day.year - 1


def _today() -> date:
    return utcnow().astimezone(UK).date()


async def _or_none(api: Api, staff: StaffUser, path: str, **kwargs: Any) -> Any:
    """Engagement's answer, or None where it has nothing yet (no plan, no budget: a 404)."""
    try:
        return await api.call("GET", path, headers=staff.bearer, **kwargs)
    except ApiRefused as exc:
        if exc.status == 404:
            return None
        raise


async def _shown(request: Request, staff: StaffUser, exc: ApiRefused | ApiUnavailable) -> Response:
    return await refusal_page(request, staff, exc) or await page(
        request, "console/not_found.html", staff, status=400
    )


def _posted(form: Mapping[str, Any]) -> dict[str, str]:
    return {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}


def _unreadable(exc: Unreadable) -> Errors:
    return [{"field": exc.field, "target": exc.field, "text": str(exc)}]


# --- referrals ---------------------------------------------------------------------------


@router.get("/engagement", response_class=HTMLResponse)
async def referrals(request: Request, staff: Staff) -> Response:
    api = engagement(request)
    try:
        waiting = await api.call(
            "GET",
            "/v1/referrals",
            headers=staff.bearer,
            params={"status": "awaiting_decision", "limit": 100},
        )
        overdue = await api.call(
            "GET",
            "/v1/referrals",
            headers=staff.bearer,
            params={"status": "awaiting_decision", "overdue": "true", "limit": 100},
        )
        clients = await api.call("GET", "/v1/clients", headers=staff.bearer, params={"limit": 100})
        today = _today()
        since = date(financial_year(today), 4, 1)
        measures = await api.call(
            "GET",
            "/v1/measures",
            headers=staff.bearer,
            params={"from": since.isoformat(), "to": today.isoformat()},
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    late = {r["id"] for r in overdue["items"]}
    # Overdue first (engagement says which are), then by when each decision is due.
    ordered = sorted(
        waiting["items"],
        key=lambda r: (r["id"] not in late, r["decision_due_at"] or "", r["received_at"]),
    )
    return await page(
        request,
        "console/engagement/referrals.html",
        staff,
        referrals=ordered,
        overdue=late,
        clients=clients["items"],
        measures=measures,
        w=words,
    )


async def _referral_page(
    request: Request,
    staff: StaffUser,
    referral_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
    posted: dict[str, Any] | None = None,
) -> Response:
    api = engagement(request)
    try:
        referral = await api.call("GET", f"/v1/referrals/{referral_id}", headers=staff.bearer)
        criteria = await api.call("GET", "/v1/referrals/criteria", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    return await page(
        request,
        "console/engagement/referral.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        posted=posted,
        referral=referral,
        criteria=criteria,
        overdue=referral["status"] == "awaiting_decision"
        and referral["decision_due_at"] is not None
        and datetime.fromisoformat(referral["decision_due_at"]) < utcnow(),
        w=words,
    )


@router.get("/engagement/referrals/{referral_id}", response_class=HTMLResponse)
async def referral(request: Request, referral_id: uuid.UUID, staff: Staff) -> Response:
    return await _referral_page(request, staff, referral_id)


@router.post("/engagement/referrals/{referral_id}/decision")
async def decide(
    request: Request, referral_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    posted = _posted(form) | {"decision-criteria": forms.many(form, "decision-criteria")}
    try:
        body = forms.decision_body(form)
    except Unreadable as exc:
        return await _referral_page(
            request, staff, referral_id, status=422, errors=_unreadable(exc), posted=posted
        )
    try:
        decided = await engagement(request).call(
            "POST", f"/v1/referrals/{referral_id}/decision", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _referral_page(
                request, staff, referral_id, status=409, refused=conflict(exc), posted=posted
            )
        errors = field_errors(exc, forms.DECISION_FIELDS, "decision")
        return await _referral_page(
            request, staff, referral_id, status=422, errors=errors, posted=posted
        )
    if decided.get("client_id"):
        return RedirectResponse(f"/engagement/clients/{decided['client_id']}", status_code=303)
    return RedirectResponse("/engagement?done=declined", status_code=303)


# --- a client's record ---------------------------------------------------------------------


async def _record(api: Api, staff: StaffUser, client_id: uuid.UUID) -> dict[str, Any]:
    """Everything the PEO's page shows of a client, each part engagement's own answer."""
    base = f"/v1/clients/{client_id}"
    record = await api.call("GET", base, headers=staff.bearer)
    year = financial_year(_today())
    # Once engagement has answered for the client (a 404 ends here), the rest is asked at once.
    assessments, question_set, plan, activities, orders, reports, budget = await asyncio.gather(
        api.call("GET", f"{base}/assessments", headers=staff.bearer),
        api.call("GET", "/v1/assessment-question-set", headers=staff.bearer),
        _or_none(api, staff, f"{base}/plan"),
        api.call("GET", f"{base}/activities", headers=staff.bearer),
        api.call("GET", f"{base}/orders", headers=staff.bearer),
        api.call("GET", f"{base}/reports", headers=staff.bearer),
        _or_none(api, staff, f"/v1/budgets/{year}"),
    )
    spends = (
        await api.call(
            "GET",
            f"/v1/budgets/{year}/spends",
            headers=staff.bearer,
            params={"client_id": str(client_id)},
        )
        if budget is not None
        else []
    )
    latest = assessments[0] if assessments else None
    areas = list(question_set["definition"]["areas"])
    return {
        "review": _review_state(plan),
        "record": record,
        "client": record["client"],
        "assessments": assessments,
        "latest": latest,
        "question_set": question_set,
        "needs": forms.areas_of_need(latest, areas),
        "plan": plan,
        "activities": activities,
        "orders": orders,
        "reports": reports,
        "budget": budget,
        "spends": spends,
    }


def _review_state(plan: Mapping[str, Any] | None) -> str | None:
    """Where the plan's review timer stands now, by the moments engagement set for it."""
    if plan is None:
        return None
    now = utcnow()
    if datetime.fromisoformat(plan["review_due_at"]) < now:
        return "overdue"
    if datetime.fromisoformat(plan["review_warn_at"]) < now:
        return "due_soon"
    return None


async def _client_page(
    request: Request,
    staff: StaffUser,
    client_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
    posted: dict[str, Any] | None = None,
    done: str | None = None,
) -> Response:
    api = engagement(request)
    if not staff.has_any(Role.PEO):
        # Anyone else: what engagement answers them about a client (status and outcome), and
        # nothing more is asked for.
        try:
            found = await api.call("GET", f"/v1/clients/{client_id}/status", headers=staff.bearer)
        except (ApiRefused, ApiUnavailable) as exc:
            return await _shown(request, staff, exc)
        return await page(
            request, "console/engagement/status.html", staff, status=status, found=found, w=words
        )
    try:
        context = await _record(api, staff, client_id)
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    return await page(
        request,
        "console/engagement/client.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        posted=posted or {},
        done=done,
        w=words,
        goals=forms.GOALS,
        # An assessment sent back (refused) is shown open, with what was chosen.
        assessed_again=any(k.startswith(("answer-", "note-")) for k in posted or {}),
        **now_fields(utcnow()),
        **context,
    )


@router.get(CLIENT, response_class=HTMLResponse)
async def client(
    request: Request, client_id: uuid.UUID, staff: Staff, done: str | None = None
) -> Response:
    return await _client_page(request, staff, client_id, done=done)


async def _act(
    request: Request,
    staff: StaffUser,
    client_id: uuid.UUID,
    form: Any,
    path: str,
    body: Callable[[], dict[str, Any]],
    section: str,
    fields: Mapping[str, str],
    *,
    method: str = "POST",
    conflict_field: str | None = None,
    after: str | None = None,
) -> Response:
    """Send one form to engagement; back to the client's page, done or refused. ``path`` is
    under the client's own (``/v1/clients/{id}``) unless absolute. A 409 is "not done", or an
    error on ``conflict_field`` when the form can put it right."""
    posted = _posted(form)
    back = after or f"/engagement/clients/{client_id}?done={section}#{section}"
    try:
        sent = body()
    except Unreadable as exc:
        return await _client_page(
            request, staff, client_id, status=422, errors=_unreadable(exc), posted=posted
        )
    target = path if path.startswith("/v1/") else f"/v1/clients/{client_id}{path}"
    try:
        await engagement(request).call(method, target, headers=staff.bearer, json=sent)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409 and conflict_field is None:
            return await _client_page(
                request, staff, client_id, status=409, refused=conflict(exc), posted=posted
            )
        default = conflict_field or next(iter(fields.values()))
        errors = field_errors(exc, fields, default)
        return await _client_page(
            request, staff, client_id, status=exc.status, errors=errors, posted=posted
        )
    return RedirectResponse(back, status_code=303)


@router.post(CLIENT + "/consent")
async def give_consent(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/consent",
        lambda: forms.consent_body(form, "consent"),
        "consent",
        forms.consent_fields("consent"),
    )


@router.post(CLIENT + "/consent/withdrawal")
async def withdraw_consent(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/consent/withdrawal",
        lambda: forms.consent_body(form, "withdrawal"),
        "consent",
        forms.consent_fields("withdrawal"),
    )


@router.post(CLIENT + "/contact-level")
async def contact_level(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/contact-level",
        lambda: forms.contact_level_body(form),
        "contact-level",
        forms.CONTACT_LEVEL_FIELDS,
        method="PUT",
    )


@router.post(CLIENT + "/engagement")
async def engagement_change(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/engagement",
        lambda: forms.engagement_body(form),
        "engagement",
        forms.ENGAGEMENT_FIELDS,
    )


@router.post(CLIENT + "/assessment")
async def assess(request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    try:
        asked = await engagement(request).call(
            "GET", "/v1/assessment-question-set", headers=staff.bearer
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    question_set = asked["definition"]
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/assessments",
        lambda: forms.assessment_body(form, question_set),
        "assessment",
        forms.assessment_fields(question_set),
    )


@router.post(CLIENT + "/plan")
async def agree_plan(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/plan",
        lambda: forms.plan_body(form),
        "plan",
        forms.plan_fields(forms.plan_goal_count(form)),
    )


@router.post(CLIENT + "/plan/reviews")
async def review_plan(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/plan/reviews",
        lambda: forms.review_body(form),
        "plan",
        forms.REVIEW_FIELDS,
    )


@router.post(CLIENT + "/plan/actions/{action_id}/done")
async def action_done(
    request: Request, client_id: uuid.UUID, action_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        f"/plan/actions/{action_id}/done",
        lambda: forms.action_done_body(form),
        "plan",
        forms.ACTION_DONE_FIELDS,
    )


@router.post(CLIENT + "/activities")
async def log_activity(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/activities",
        lambda: forms.activity_body(form),
        "activities",
        forms.ACTIVITY_FIELDS,
    )


@router.post(CLIENT + "/orders")
async def record_order(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/orders",
        lambda: forms.order_body(form),
        "requirements",
        forms.ORDER_FIELDS,
    )


@router.post(CLIENT + "/requirements/{requirement_id}/compliance")
async def compliance(
    request: Request,
    client_id: uuid.UUID,
    requirement_id: uuid.UUID,
    staff: Staff,
    form: StaffForm,
) -> Response:
    prefix = f"compliance-{requirement_id}"
    return await _act(
        request,
        staff,
        client_id,
        form,
        f"/requirements/{requirement_id}/compliance",
        lambda: forms.compliance_body(form, prefix),
        "requirements",
        forms.compliance_fields(prefix),
    )


@router.post(CLIENT + "/spends")
async def spend(request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        f"/v1/clients/{client_id}/spends",
        lambda: forms.spend_body(form),
        "budget",
        forms.SPEND_FIELDS,
        # Engagement's refusal of a spend that would overspend says what is left: the PEO can
        # spend less, so it is the form's error.
        conflict_field="spend-amount",
    )


@router.post(CLIENT + "/outcome")
async def outcome(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        client_id,
        form,
        "/outcome",
        lambda: forms.outcome_body(form),
        "outcome",
        forms.OUTCOME_FIELDS,
    )


# --- the Positive Requirement Report --------------------------------------------------------


async def _report_page(
    request: Request,
    staff: StaffUser,
    client_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    posted: dict[str, Any] | None = None,
) -> Response:
    try:
        context = await _record(engagement(request), staff, client_id)
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    return await page(
        request,
        "console/engagement/report.html",
        staff,
        status=status,
        errors=errors or [],
        posted=posted or {},
        w=words,
        **context,
    )


@router.get(CLIENT + "/report", response_class=HTMLResponse)
async def report(request: Request, client_id: uuid.UUID, staff: Staff) -> Response:
    return await _report_page(request, staff, client_id)


@router.post(CLIENT + "/reports")
async def generate_report(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    body = forms.report_body(form)
    try:
        await engagement(request).call(
            "POST", f"/v1/clients/{client_id}/reports", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, forms.REPORT_FIELDS, "recommendation")
        return await _report_page(
            request, staff, client_id, status=exc.status, errors=errors, posted=_posted(form)
        )
    return RedirectResponse(f"/engagement/clients/{client_id}/report#reports", status_code=303)


@router.get(CLIENT + "/reports/{report_id}/pdf")
async def report_pdf(
    request: Request, client_id: uuid.UUID, report_id: uuid.UUID, staff: Staff
) -> Response:
    """The report's PDF as engagement rendered it, passed on as a download."""
    try:
        content, media_type, disposition = await engagement(request).download(
            f"/v1/clients/{client_id}/reports/{report_id}/pdf", headers=staff.bearer
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": disposition,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


# --- confidentiality: a safeguarding lead's read ---------------------------------------------


async def _safeguarding_page(
    request: Request,
    staff: StaffUser,
    client_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    posted: dict[str, Any] | None = None,
    record: dict[str, Any] | None = None,
) -> Response:
    return await page(
        request,
        "console/engagement/safeguarding.html",
        staff,
        status=status,
        errors=errors or [],
        posted=posted or {},
        client_id=client_id,
        record=record,
        w=words,
    )


@router.get(CLIENT + "/safeguarding", response_class=HTMLResponse)
async def safeguarding(request: Request, client_id: uuid.UUID, staff: Staff) -> Response:
    return await _safeguarding_page(request, staff, client_id)


@router.post(CLIENT + "/safeguarding")
async def safeguarding_read(
    request: Request, client_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    """The record as engagement gives it to a named lead, with the reason it logs."""
    posted = _posted(form)
    try:
        record = await engagement(request).call(
            "POST",
            f"/v1/clients/{client_id}/safeguarding-override",
            headers=staff.bearer,
            json=forms.override_body(form),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, forms.OVERRIDE_FIELDS, "reason")
        return await _safeguarding_page(
            request, staff, client_id, status=422, errors=errors, posted=posted
        )
    return await _safeguarding_page(request, staff, client_id, record=record)


# --- the budget ----------------------------------------------------------------------------


async def _budget_page(
    request: Request,
    staff: StaffUser,
    year: int | None,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
    posted: dict[str, Any] | None = None,
) -> Response:
    api = engagement(request)
    year = year or financial_year(_today())
    try:
        budget = await _or_none(api, staff, f"/v1/budgets/{year}")
        spends = (
            await api.call("GET", f"/v1/budgets/{year}/spends", headers=staff.bearer)
            if budget is not None
            else []
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await _shown(request, staff, exc)
    return await page(
        request,
        "console/engagement/budget.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        posted=posted or {},
        year=year,
        budget=budget,
        spends=spends,
        # Engagement takes a decision from a team leader only; others see the spends.
        decides=staff.has_any(Role.TEAM_LEADER),
        w=words,
    )


@router.get("/engagement/budget", response_class=HTMLResponse)
async def budget(request: Request, staff: Staff, year: int | None = None) -> Response:
    if year is not None and not 2000 <= year <= 2100:
        return await page(request, "console/not_found.html", staff, status=404)
    return await _budget_page(request, staff, year)


@router.post("/engagement/spends/{spend_id}/decision")
async def decide_spend(
    request: Request, spend_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    posted = _posted(form)
    prefix = f"spend-{spend_id}"
    try:
        body = forms.spend_decision_body(form, prefix)
        await engagement(request).call(
            "POST", f"/v1/spends/{spend_id}/decision", headers=staff.bearer, json=body
        )
    except Unreadable as exc:
        return await _budget_page(
            request, staff, None, status=422, errors=_unreadable(exc), posted=posted
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _budget_page(request, staff, None, status=409, refused=conflict(exc))
        fields = forms.spend_decision_fields(prefix)
        errors = field_errors(exc, fields, fields["approve"])
        return await _budget_page(request, staff, None, status=422, errors=errors, posted=posted)
    return RedirectResponse("/engagement/budget#spends", status_code=303)
