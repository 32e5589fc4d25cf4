"""Follow my report: the code form, the status page, adding an incident or evidence.

``/follow`` and ``/follow/{reference}`` show the report at once to a browser whose session holds
its token; otherwise the form asking for the reference and tracking code (the reference filled
in from the acknowledgement email's link). Posting the code checks it with intake, keeps it in
the session (a new session key: no fixation) and opens the status page.
"""

from __future__ import annotations

import uuid
from typing import Any

from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..report.answers import UK, check_page, occurred_at
from ..site.apis import ApiRefused, ApiUnavailable, apis, client_address
from ..site.i18n import language_of, translate
from ..site.landlords import LandlordDep
from ..site.pages import render
from ..site.security import Form
from ..site.sessions import Session, SessionDep
from .access import forget, keep, normalised_reference, token_for

router = APIRouter()


def _errors(request: Request, *pairs: tuple[str, str]) -> list[dict[str, str]]:
    lang = language_of(request)
    return [
        {"field": f, "target": f"{f}-day" if f == "occurred" else f, "text": translate(lang, k)}
        for f, k in pairs
    ]


def _code_form(
    request: Request,
    session: Session,
    reference: str = "",
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "follow/code.html",
        status=status,
        session=session,
        reference=reference,
        errors=errors or [],
    )


async def _reporter_call(
    request: Request, session: Session, reference: str, method: str, path: str, **kwargs: Any
) -> Any:
    """A call to intake as the reporter of ``reference`` (its token from the session)."""
    token = token_for(session, reference)
    if token is None:
        raise ApiRefused(404, "not_followed", "")
    headers = {"X-Tracking-Token": token, **kwargs.pop("headers", {})}
    return await apis(request).intake.call(
        method,
        f"/v1/reports/{reference}{path}",
        headers=headers,
        client_address=client_address(request),
        **kwargs,
    )


def _unavailable(request: Request, session: Session, retry: str) -> HTMLResponse:
    return render(request, "site/problem.html", status=503, session=session, retry=retry)


@router.get("/{slug}/follow", response_class=HTMLResponse)
async def follow_form(request: Request, landlord: LandlordDep, session: SessionDep) -> Response:
    return _code_form(request, session)


@router.post("/{slug}/follow", response_class=HTMLResponse)
async def follow_with_code(
    request: Request, landlord: LandlordDep, session: SessionDep, form: Form
) -> Response:
    typed = str(form.get("reference") or "")
    token = "".join(str(form.get("tracking-code") or "").split())
    reference = normalised_reference(typed)
    problems = []
    if reference is None:
        problems.append(("reference", "follow.error.reference"))
    if len(token) < 8 or len(token) > 200:
        problems.append(("tracking-code", "follow.error.code"))
    if problems:
        return _code_form(request, session, typed, _errors(request, *problems), 400)
    assert reference is not None
    try:
        await apis(request).intake.call(
            "GET",
            f"/v1/reports/{reference}/status",
            headers={"X-Tracking-Token": token},
            client_address=client_address(request),
        )
    except ApiUnavailable:
        return _unavailable(request, session, landlord.url("/follow"))
    except ApiRefused as refused:
        if refused.status == 429:
            return render(request, "site/busy.html", status=429, session=session)
        # The same answer for a wrong reference and a wrong code: nothing to tell them apart.
        return _code_form(
            request,
            session,
            reference,
            _errors(request, ("tracking-code", "follow.error.wrong")),
            400,
        )
    keep(session, reference, token)
    session.renew()
    return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)


@router.get("/{slug}/follow/{reference}", response_class=HTMLResponse)
async def status(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str
) -> Response:
    found = normalised_reference(reference)
    if found is None or token_for(session, found) is None:
        return _code_form(request, session, found or "")
    try:
        view = await _reporter_call(request, session, found, "GET", "")
    except ApiUnavailable:
        return _unavailable(request, session, landlord.url(f"/follow/{found}"))
    except ApiRefused as refused:
        if refused.status == 429:
            return render(request, "site/busy.html", status=429, session=session)
        forget(session, found)
        return _code_form(request, session, found)
    return render(
        request, "follow/status.html", session=session, view=view, flash=session.pop("flash")
    )


@router.get("/{slug}/follow/{reference}/incident", response_class=HTMLResponse)
async def incident_form(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str
) -> Response:
    found = normalised_reference(reference)
    if found is None or token_for(session, found) is None:
        return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)
    return render(
        request,
        "follow/incident.html",
        session=session,
        reference=found,
        values={},
        submission=str(uuid.uuid4()),
    )


@router.post("/{slug}/follow/{reference}/incident", response_class=HTMLResponse)
async def add_incident(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str, form: Form
) -> Response:
    found = normalised_reference(reference)
    if found is None or token_for(session, found) is None:
        return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)
    posted = {k: form.get(k) for k in form.keys()}
    when, problems = check_page("when", posted, utcnow().astimezone(UK).date())
    description = str(form.get("description") or "").strip()
    pairs = [(p.field, p.key) for p in problems]
    if len(description) < 5:
        pairs.insert(0, ("description", "incident.error.short"))
    submission = str(form.get("submission") or uuid.uuid4())

    def again(errors: list[dict[str, str]]) -> Response:
        """The page once more, with what was typed and what is wrong with it."""
        return render(
            request,
            "follow/incident.html",
            status=400,
            session=session,
            reference=found,
            values={"description": description, **when},
            submission=submission,
            errors=errors,
        )

    if pairs:
        return again(_errors(request, *pairs))
    try:
        await _reporter_call(
            request,
            session,
            found,
            "POST",
            "/followups",
            json={
                "description": description,
                "occurred_at": occurred_at(when["occurred"]).isoformat(),
            },
            headers={"Idempotency-Key": submission},
        )
    except ApiUnavailable:
        return _unavailable(request, session, landlord.url(f"/follow/{found}/incident"))
    except ApiRefused as refused:
        if refused.status == 422:
            text = "; ".join(d.get("message", "") for d in refused.details) or refused.message
            return again([{"field": "description", "target": "description", "text": text}])
        raise
    session["flash"] = "incident"
    return RedirectResponse(landlord.url(f"/follow/{found}"), status_code=303)


def _evidence_page(
    request: Request,
    session: Session,
    reference: str,
    submission: str,
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "follow/evidence.html",
        status=status,
        session=session,
        reference=reference,
        submission=submission,
        limits=request.app.state.settings,
        errors=errors or [],
    )


@router.get("/{slug}/follow/{reference}/evidence", response_class=HTMLResponse)
async def evidence_form(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str
) -> Response:
    found = normalised_reference(reference)
    if found is None or token_for(session, found) is None:
        return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)
    return _evidence_page(request, session, found, str(uuid.uuid4()))


@router.post("/{slug}/follow/{reference}/evidence", response_class=HTMLResponse)
async def add_evidence(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str, form: Form
) -> Response:
    found = normalised_reference(reference)
    if found is None or token_for(session, found) is None:
        return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)
    submission = str(form.get("submission") or uuid.uuid4())
    uploads = [f for f in form.getlist("files") if not isinstance(f, str) and f.filename]
    if not uploads:
        return _evidence_page(
            request,
            session,
            found,
            submission,
            _errors(request, ("files", "evidence.error.none")),
            400,
        )
    files = [("files", (f.filename, await f.read(), f.content_type)) for f in uploads]
    description = str(form.get("description") or "").strip()
    try:
        await _reporter_call(
            request,
            session,
            found,
            "POST",
            "/evidence",
            files=files,
            data={"description": description} if description else {},
            headers={"Idempotency-Key": submission},
        )
    except ApiUnavailable:
        return _unavailable(request, session, landlord.url(f"/follow/{found}/evidence"))
    except ApiRefused as refused:
        key = {
            413: "evidence.error.large",
            415: "evidence.error.type",
        }.get(refused.status, "evidence.error.refused")
        if refused.status == 422 and any(
            "at most" in d.get("message", "") for d in refused.details
        ):
            key = "evidence.error.many"
        errors = _errors(request, ("files", key))
        lang = language_of(request)
        errors[0]["text"] = translate(
            lang,
            key,
            mb=request.app.state.settings.evidence_max_file_mb,
            count=request.app.state.settings.evidence_max_files,
        )
        return _evidence_page(request, session, found, str(uuid.uuid4()), errors, 400)
    session["flash"] = "evidence"
    return RedirectResponse(landlord.url(f"/follow/{found}"), status_code=303)
