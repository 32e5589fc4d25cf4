"""Partner agencies (``/admin/partners``), their information sharing agreements and their
systems' credentials, through the partner gateway.

A credential's secret is in the gateway's answer to issuing or rotating it and nowhere else: the
page that answers the form shows it once, and no page can show it again (the gateway keeps only
its hash). Each form carries its own Idempotency-Key, so a form sent twice issues one credential
(the repeat's answer has no secret: the page says to rotate it if it was lost). Whether an
agreement is in force, and what it lets a partner see, is the gateway's rule.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import Api, ApiRefused, ApiUnavailable
from ..calls import Errors, conflict, field_errors, page, partner_gateway, refusal_page
from ..catalogue import CATEGORIES
from ..fields import Form, Unreadable, day, lines, text
from ..security import StaffForm
from ..staff import Staff, StaffUser
from . import words
from .common import posted, refused_page, unreadable
from .history import clock

router = APIRouter(tags=["console: partners"])

PARTNER_FIELDS = {
    "name": "partner-name",
    "kind": "partner-kind",
    "admin_email": "partner-email",
    "rate_limit_per_minute": "partner-rate",
}
AGREEMENT_FIELDS = {
    "title": "title",
    "parties": "parties",
    "purpose": "purpose",
    "lawful_basis": "lawful-basis",
    "categories": "categories",
    "fields": "fields",
    "scopes": "scopes",
    "starts_on": "starts-on",
    "review_on": "review-on",
    "expires_on": "expires-on",
    "partner_id": "title",
}


async def _gateway(request: Request, staff: StaffUser) -> Api | Response:
    """The partner gateway, or the page saying the landlord has none."""
    found = partner_gateway(request)
    if found is None:
        return await page(request, "console/admin/no_gateway.html", staff, status=404)
    return found


@router.get("/admin/partners", response_class=HTMLResponse)
async def partners(request: Request, staff: Staff) -> Response:
    return await _partners_page(request, staff)


async def _partners_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    try:
        found = await gateway.call("GET", "/v1/partners", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/partners.html",
        staff,
        status=status,
        errors=errors or [],
        values=values or {},
        partners=found,
        kinds=words.PARTNER_KINDS,
    )


@router.post("/admin/partners")
async def add_partner(request: Request, staff: Staff, form: StaffForm) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    body: dict[str, Any] = {
        "name": text(form, "partner-name"),
        "kind": text(form, "partner-kind"),
        "admin_email": text(form, "partner-email"),
    }
    if text(form, "partner-rate"):
        body["rate_limit_per_minute"] = text(form, "partner-rate")
    try:
        made = await gateway.call("POST", "/v1/partners", headers=staff.bearer, json=body)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, PARTNER_FIELDS, "partner-name")
        return await _partners_page(request, staff, status=422, errors=errors, values=posted(form))
    return RedirectResponse(f"/admin/partners/{made['id']}", status_code=303)


async def _partner_page(
    request: Request,
    staff: StaffUser,
    partner_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    try:
        partner, agreements, clients, endpoints = await asyncio.gather(
            gateway.call("GET", f"/v1/partners/{partner_id}", headers=staff.bearer),
            gateway.call(
                "GET", "/v1/agreements", headers=staff.bearer, params={"partner_id": partner_id}
            ),
            gateway.call("GET", f"/v1/partners/{partner_id}/clients", headers=staff.bearer),
            gateway.call(
                "GET", f"/v1/partners/{partner_id}/webhook-endpoints", headers=staff.bearer
            ),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/partner.html",
        staff,
        status=status,
        errors=errors or [],
        values=values or {},
        partner=partner,
        agreements=agreements,
        clients=clients,
        endpoints=endpoints,
        labels=words,
        idempotency_key=uuid.uuid4(),
        rotation_keys={c["id"]: uuid.uuid4() for c in clients},
    )


@router.get("/admin/partners/{partner_id}", response_class=HTMLResponse)
async def partner(request: Request, partner_id: uuid.UUID, staff: Staff) -> Response:
    return await _partner_page(request, staff, partner_id)


def _key(form: Form) -> dict[str, str]:
    """The form's own Idempotency-Key: the same form sent twice issues one secret."""
    key = text(form, "idempotency-key")
    try:
        return {"Idempotency-Key": str(uuid.UUID(key))}
    except ValueError:
        return {}


async def _secret_page(
    request: Request, staff: StaffUser, partner_id: str, issued: dict[str, Any], rotated: bool
) -> Response:
    return await page(
        request,
        "console/admin/secret.html",
        staff,
        issued=issued,
        partner_id=partner_id,
        rotated=rotated,
    )


@router.post("/admin/partners/{partner_id}/credentials")
async def issue(request: Request, partner_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    try:
        issued = await gateway.call(
            "POST",
            f"/v1/partners/{partner_id}/clients",
            headers=staff.bearer | _key(form),
            json={"name": text(form, "client-name")},
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, {"name": "client-name"}, "client-name")
        return await _partner_page(
            request, staff, partner_id, status=422, errors=errors, values=posted(form)
        )
    return await _secret_page(request, staff, str(partner_id), issued, rotated=False)


@router.post("/admin/partner-clients/{client_pk}/rotation")
async def rotate(request: Request, client_pk: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    partner_id = uuid.UUID(text(form, "partner-id"))
    try:
        issued = await gateway.call(
            "POST",
            f"/v1/partner-clients/{client_pk}/secrets",
            headers=staff.bearer | _key(form),
            json={"overlap_hours": text(form, f"overlap-{client_pk}") or "24"},
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        field = f"overlap-{client_pk}"
        errors = field_errors(exc, {"overlap_hours": field}, field)
        return await _partner_page(
            request, staff, partner_id, status=422, errors=errors, values=posted(form)
        )
    return await _secret_page(request, staff, str(partner_id), issued, rotated=True)


@router.post("/admin/partner-clients/{client_pk}/revocation")
async def revoke(request: Request, client_pk: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    partner_id = uuid.UUID(text(form, "partner-id"))
    try:
        await gateway.call(
            "POST", f"/v1/partner-clients/{client_pk}/revocation", headers=staff.bearer
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return RedirectResponse(f"/admin/partners/{partner_id}#credentials", status_code=303)


# Agreements


async def _new_agreement_page(
    request: Request,
    staff: StaffUser,
    partner_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    try:
        found = await gateway.call("GET", f"/v1/partners/{partner_id}", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/agreement_new.html",
        staff,
        status=status,
        errors=errors or [],
        values=values or {},
        partner=found,
        labels=words,
        categories=CATEGORIES,
    )


@router.get("/admin/partners/{partner_id}/agreements/new", response_class=HTMLResponse)
async def new_agreement(request: Request, partner_id: uuid.UUID, staff: Staff) -> Response:
    return await _new_agreement_page(request, staff, partner_id)


def _agreement(form: Any, partner_id: uuid.UUID) -> dict[str, Any]:
    return {
        "partner_id": str(partner_id),
        "title": text(form, "title"),
        "parties": lines(form, "parties"),
        "purpose": text(form, "purpose"),
        "lawful_basis": lines(form, "lawful-basis"),
        "categories": form.getlist("categories"),
        "fields": form.getlist("fields"),
        "scopes": form.getlist("scopes"),
        "starts_on": day(form, "starts-on").isoformat(),
        "review_on": day(form, "review-on").isoformat(),
        "expires_on": day(form, "expires-on").isoformat(),
    }


def _agreement_values(form: Any) -> dict[str, Any]:
    return posted(form) | {n: form.getlist(n) for n in ("categories", "fields", "scopes")}


@router.post("/admin/partners/{partner_id}/agreements")
async def make_agreement(
    request: Request, partner_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    values = _agreement_values(form)
    try:
        body = _agreement(form, partner_id)
    except Unreadable as exc:
        return await _new_agreement_page(
            request, staff, partner_id, status=422, errors=unreadable(exc), values=values
        )
    try:
        made = await gateway.call("POST", "/v1/agreements", headers=staff.bearer, json=body)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, AGREEMENT_FIELDS, "title")
        return await _new_agreement_page(
            request, staff, partner_id, status=422, errors=errors, values=values
        )
    return RedirectResponse(f"/admin/agreements/{made['id']}", status_code=303)


async def _agreement_page(
    request: Request,
    staff: StaffUser,
    agreement_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    try:
        agreement = await gateway.call(
            "GET", f"/v1/agreements/{agreement_id}", headers=staff.bearer
        )
        found = await gateway.call(
            "GET", f"/v1/partners/{agreement['partner_id']}", headers=staff.bearer
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/agreement.html",
        staff,
        status=status,
        errors=errors or [],
        values=values or {},
        refused=refused,
        agreement=agreement,
        partner=found,
        labels=words,
    )


@router.get("/admin/agreements/{agreement_id}", response_class=HTMLResponse)
async def agreement(request: Request, agreement_id: uuid.UUID, staff: Staff) -> Response:
    return await _agreement_page(request, staff, agreement_id)


@router.post("/admin/agreements/{agreement_id}/{change}")
async def change_agreement(
    request: Request, agreement_id: uuid.UUID, change: str, staff: Staff, form: StaffForm
) -> Response:
    """A new review or expiry date (``dates``), or the agreement withdrawn (``withdrawal``)."""
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    values = posted(form)
    try:
        if change == "dates":
            body = {
                "review_on": day(form, "new-review-on").isoformat(),
                "expires_on": day(form, "new-expires-on").isoformat(),
            }
            method, path = "PATCH", f"/v1/agreements/{agreement_id}"
            fields = {"review_on": "new-review-on", "expires_on": "new-expires-on"}
        elif change == "withdrawal":
            body = {"reason": text(form, "withdraw-reason")}
            method, path = "POST", f"/v1/agreements/{agreement_id}/withdrawal"
            fields = {"reason": "withdraw-reason"}
        else:
            return await page(request, "console/not_found.html", staff, status=404)
    except Unreadable as exc:
        return await _agreement_page(
            request, staff, agreement_id, status=422, errors=unreadable(exc), values=values
        )
    try:
        await gateway.call(method, path, headers=staff.bearer, json=body)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _agreement_page(
                request, staff, agreement_id, status=409, refused=conflict(exc), values=values
            )
        errors = field_errors(exc, fields, next(iter(fields.values())))
        return await _agreement_page(
            request, staff, agreement_id, status=422, errors=errors, values=values
        )
    return RedirectResponse(f"/admin/agreements/{agreement_id}", status_code=303)


@router.get("/admin/partners/{partner_id}/webhooks/{endpoint_id}", response_class=HTMLResponse)
async def webhook_deliveries(
    request: Request, partner_id: uuid.UUID, endpoint_id: uuid.UUID, staff: Staff
) -> Response:
    """The latest messages to one of the partner's webhook endpoints, with their status."""
    gateway = await _gateway(request, staff)
    if isinstance(gateway, Response):
        return gateway
    path = f"/v1/partners/{partner_id}/webhook-endpoints"
    try:
        found, endpoints, deliveries = await asyncio.gather(
            gateway.call("GET", f"/v1/partners/{partner_id}", headers=staff.bearer),
            gateway.call("GET", path, headers=staff.bearer),
            gateway.call("GET", f"{path}/{endpoint_id}/deliveries", headers=staff.bearer),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    endpoint = next((e for e in endpoints if e["id"] == str(endpoint_id)), None)
    if endpoint is None:
        return await page(request, "console/not_found.html", staff, status=404)
    return await page(
        request,
        "console/admin/webhook.html",
        staff,
        partner=found,
        endpoint=endpoint,
        deliveries=deliveries,
        clock=clock,
    )
