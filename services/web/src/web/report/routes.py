"""The report, one question a page, then check your answers, then the confirmation.

Answers live in the server-side session (``report``), never in a URL or a hidden field, so the
Back button, a change link or intake being down loses nothing. The submission carries one
idempotency key for the whole report, made when the report starts and kept until intake has
answered: a double click or a retry makes one report.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..site.apis import ApiRefused, ApiUnavailable, apis, client_address
from ..site.i18n import language_of, translate
from ..site.landlords import Landlord, LandlordDep
from ..site.pages import render, site_address
from ..site.security import Form
from ..site.sessions import Session, SessionDep
from . import answers as rules

router = APIRouter()

REPORT = "report"
ERRORS = "report_errors"
CONFIRMATION = "report_done"
_LISTS = frozenset({"categories", "safe", "unsafe", "days", "needs"})
"""Fields posted as several values (checkboxes): kept as lists even when one is ticked."""


def _report(session: Session) -> dict[str, Any]:
    report = session.get(REPORT)
    if not isinstance(report, dict):
        report = {"answers": {}, "key": str(uuid.uuid4())}
        session[REPORT] = report
    return report


def _url(landlord: Landlord, page: str) -> str:
    return landlord.url(f"/report/{page}")


def _shown(request: Request, problems: list[rules.Problem]) -> list[dict[str, str]]:
    """Problems as the error summary and messages show them, in the visitor's language."""
    lang = language_of(request)
    shown = []
    for p in problems:
        text = (
            p.key.removeprefix("intake:") if p.key.startswith("intake:") else translate(lang, p.key)
        )
        target = f"{p.field}-day" if p.field == "occurred" else p.field
        shown.append({"field": p.field, "target": target, "text": text})
    return shown


def _today() -> datetime:
    return utcnow().astimezone(rules.UK)


def _page(
    request: Request,
    landlord: Landlord,
    session: Session,
    page: str,
    values: dict[str, Any],
    problems: list[rules.Problem],
    *,
    change: bool,
    status: int = 200,
) -> HTMLResponse:
    report = _report(session)
    previous = rules.previous_page(report["answers"], page)
    back = (
        _url(landlord, "check")
        if change
        else (_url(landlord, previous) if previous else landlord.url("/"))
    )
    return render(
        request,
        f"report/{page}.html",
        status=status,
        session=session,
        page=page,
        values=values,
        back=back,
        change=change,
        action=_url(landlord, page),
        errors=_shown(request, problems),
        details=landlord.details,
        rules=rules,
        today=_today().date(),
    )


@router.get("/{slug}/report/check", response_class=HTMLResponse)
async def check(request: Request, landlord: LandlordDep, session: SessionDep) -> Response:
    report = _report(session)
    missing = rules.first_unanswered(report["answers"])
    if missing is not None:
        return RedirectResponse(_url(landlord, missing), status_code=303)
    problems = [rules.Problem(**p) for p in session.pop(ERRORS, None) or [] if p["page"] == "check"]
    return render(
        request,
        "report/check.html",
        session=session,
        answers=report["answers"],
        pages=rules.pages_for(report["answers"]),
        back=_url(landlord, rules.pages_for(report["answers"])[-1]),
        errors=_shown(request, problems),
        details=landlord.details,
        rules=rules,
    )


@router.post("/{slug}/report/check", response_class=HTMLResponse)
async def submit(
    request: Request, landlord: LandlordDep, session: SessionDep, form: Form
) -> Response:
    report = _report(session)
    answers = report["answers"]
    missing = rules.first_unanswered(answers)
    if missing is not None:
        return RedirectResponse(_url(landlord, missing), status_code=303)
    body = rules.intake_request(answers, landlord.id, language_of(request))
    try:
        accepted = await apis(request).intake.call(
            "POST",
            "/v1/reports",
            json=body,
            headers={"Idempotency-Key": report["key"]},
            client_address=client_address(request),
        )
    except ApiUnavailable:
        # The answers stay in the session, with the same key: trying again makes one report.
        return render(
            request,
            "site/problem.html",
            status=503,
            session=session,
            kept=True,
            retry=_url(landlord, "check"),
        )
    except ApiRefused as refused:
        if refused.status == 422:
            problems = rules.problems_from_intake(refused.details)
            session[ERRORS] = [p.__dict__ for p in problems]
            first = problems[0].page if problems else "check"
            return RedirectResponse(_url(landlord, first), status_code=303)
        if refused.status == 429:
            return render(request, "site/busy.html", status=429, session=session)
        raise
    follow = dict(session.get("follow") or {})
    follow[accepted["reference"]] = accepted["tracking_token"]
    session["follow"] = follow
    session[CONFIRMATION] = {
        "reference": accepted["reference"],
        "token": accepted["tracking_token"],
        "anonymous": bool(body.get("anonymous")),
    }
    session.pop(REPORT)
    return RedirectResponse(_url(landlord, "done"), status_code=303)


@router.get("/{slug}/report/done", response_class=HTMLResponse)
async def done(request: Request, landlord: LandlordDep, session: SessionDep) -> Response:
    confirmation = session.get(CONFIRMATION)
    if not isinstance(confirmation, dict):
        return RedirectResponse(landlord.url("/"), status_code=303)
    return render(
        request,
        "report/done.html",
        session=session,
        confirmation=confirmation,
        follow_link=f"{site_address(request)}{landlord.url('/follow')}"
        f"#{confirmation['reference']}.{confirmation['token']}",
    )


@router.get("/{slug}/report/{page}", response_class=HTMLResponse)
async def question(
    request: Request, landlord: LandlordDep, session: SessionDep, page: str, change: bool = False
) -> Response:
    report = _report(session)
    if page not in rules.pages_for(report["answers"]):
        return RedirectResponse(_url(landlord, rules.PAGES[0]), status_code=303)
    stored = session.get(ERRORS) or []
    problems = [rules.Problem(**p) for p in stored if p["page"] == page]
    if problems:
        session[ERRORS] = [p for p in stored if p["page"] != page]
    values = report["answers"].get(page, {})
    return _page(
        request, landlord, session, page, values, problems, change=change or bool(problems)
    )


@router.post("/{slug}/report/{page}", response_class=HTMLResponse)
async def answer(
    request: Request, landlord: LandlordDep, session: SessionDep, page: str, form: Form
) -> Response:
    report = _report(session)
    if page not in rules.pages_for(report["answers"]):
        return RedirectResponse(_url(landlord, rules.PAGES[0]), status_code=303)
    posted = {
        k: (form.getlist(k) if len(form.getlist(k)) > 1 or k in _LISTS else form.get(k))
        for k in form.keys()
    }
    values, problems = rules.check_page(page, posted, _today().date())
    change = form.get("change") == "1"
    if problems:
        return _page(request, landlord, session, page, values, problems, change=change, status=400)
    answers = dict(report["answers"])
    answers[page] = values
    report["answers"] = answers
    session[REPORT] = report
    if page == "contact" or (page == "your-details" and "contact" in answers):
        needed = rules.details_needed(answers)
        if needed:
            session[ERRORS] = [p.__dict__ for p in needed]
            return RedirectResponse(_url(landlord, "your-details"), status_code=303)
    missing = rules.first_unanswered(answers)
    if change:
        target = missing or "check"
    else:
        following = rules.next_page(answers, page)
        target = following if following != "check" else (missing or "check")
    return RedirectResponse(_url(landlord, target), status_code=303)
