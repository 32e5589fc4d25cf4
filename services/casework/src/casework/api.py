"""What every feature's router shares: the error answers it documents, a request body of a
decision that needs only its reason, and the listing of a case's records (who may call is
:mod:`asb_shared.auth.groups`)."""

from __future__ import annotations

import uuid
from typing import Any

from asb_shared.auth.groups import CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from .cases.store import PageOnCase, records_on_case
from .db import CaseRecord
from .fields import DecisionReason

CASE = "/v1/cases/{case_id}"

Responses = dict[int | str, dict[str, Any]]


def errors(*codes: int) -> Responses:
    """OpenAPI documentation of error answers, all in the common error shape."""
    return {code: {"model": ErrorResponse} for code in codes}


class ConfirmAsbIn(BaseModel):
    """A decision that needs only its reason (confirming ASB, a manager's review notes)."""

    model_config = ConfigDict(extra="forbid")

    reason: DecisionReason


STAFF_ERRORS = errors(401, 403, 422)
NOT_FOUND = errors(404)
CONFLICT = errors(404, 409)
STATUS_CONFLICT: Responses = {
    409: {"model": ErrorResponse, "description": "not allowed in the case's status"}
}


def add_listing(
    router: APIRouter, what: str, model: type[CaseRecord], out: type[BaseModel]
) -> None:
    """``GET /v1/cases/{case_id}/<what>``: a page of the case's ``model`` records, newest first,
    answered as ``out`` (the same for contacts, plans, interventions, evidence, referrals)."""

    async def listing(
        case_id: uuid.UUID,
        principal: CaseStaff,
        work: WorkDep,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[Any]:
        async with work(principal) as uow:
            rows = await records_on_case(uow, PageOnCase(model, case_id, limit, cursor))
        return page_of(rows, limit, out.model_validate, lambda r: r.id)

    page: Any = Page  # parametrised at run time by the record's response model
    router.add_api_route(
        f"{CASE}/{what}",
        listing,
        methods=["GET"],
        response_model=page[out],
        name=what.replace("-", "_"),
    )
