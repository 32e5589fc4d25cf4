"""The Positive Requirement Report API: PEOs generate and read reports; the template is
readable by PEOs and admins and changed by admins only (a template is code that runs on the
server, however well bounded)."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Admin, Peo, PeoOrAdmin
from asb_shared.errors import ErrorResponse
from asb_shared.files import download
from asb_shared.service import WorkDep
from fastapi import APIRouter
from fastapi.responses import Response

from . import usecases
from .schemas import ReportIn, ReportOut, TemplateIn, TemplateOut

router = APIRouter(
    tags=["positive requirement reports"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 422)},
)

REPORTS = "/v1/clients/{client_id}/reports"


@router.post(REPORTS, status_code=201, response_model=ReportOut)
async def generate(
    client_id: uuid.UUID, body: ReportIn, principal: Peo, work: WorkDep
) -> ReportOut:
    """Generate a Positive Requirement Report from the client's record as it stands."""
    async with work(principal) as uow:
        row = await usecases.generate_report(uow, usecases.GenerateReport(client_id, body))
        return ReportOut.model_validate(row)


@router.get(REPORTS, response_model=list[ReportOut])
async def reports(client_id: uuid.UUID, principal: Peo, work: WorkDep) -> list[ReportOut]:
    async with work(principal) as uow:
        return [ReportOut.model_validate(r) for r in await usecases.reports_of(uow, client_id)]


@router.get(
    REPORTS + "/{report_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def report_pdf(
    client_id: uuid.UUID, report_id: uuid.UUID, principal: Peo, work: WorkDep
) -> Response:
    """The report's PDF exactly as generated; its SHA-256 is in ``X-Content-SHA256``."""
    async with work(principal) as uow:
        row = await usecases.read_report(uow, usecases.ReadReport(client_id, report_id))
    return download(
        row.pdf,
        "application/pdf",
        f"positive-requirement-report-{row.number}.pdf",
        {"X-Content-SHA256": row.sha256},
    )


@router.get("/v1/report-template", response_model=TemplateOut)
async def template(principal: PeoOrAdmin, work: WorkDep) -> TemplateOut:
    """The report template in force (version 0 is the one the service ships)."""
    async with work(principal) as uow:
        return await usecases.current_template(uow, usecases.CurrentTemplate())


@router.put("/v1/report-template", status_code=201, response_model=TemplateOut)
async def put_template(body: TemplateIn, principal: Admin, work: WorkDep) -> TemplateOut:
    """Publish a new version of the template; it must render a sample record first, within
    the sandbox's limits on work, output and time (else a 422 on ``html``)."""
    async with work(principal) as uow:
        return await usecases.publish_template(uow, body)
